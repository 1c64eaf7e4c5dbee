"""Peak RSS from /proc/self/status (VmHWM), importing nothing: the start-up scripts use it,
and anything they import is start-up time. Not ru_maxrss: Linux carries the parent's
ru_maxrss across fork + exec, so a child would report the benchmark's peak."""


def vm_hwm_mb() -> float:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return float("nan")
