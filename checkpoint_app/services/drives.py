"""Where a supervisor can write a batch: the removable drives (USB sticks) plugged in now.

The export dialog lists these first, each with its label, free space and whether it can
be written, so the supervisor picks the stick, not a folder deep in a file dialog. No Qt
(the list is plain data; the UI shows it) and no guessing from drive letters or names:

- Linux: the mounts in /proc/mounts under /media, /run/media or /mnt whose block device
  is removable (/sys/block/<disk>/removable is 1) or sits on a USB bus (its /sys path
  goes through a `usb` device). A partition (sdb1) is judged by its disk (sdb): the
  partition is a folder of its disk under /sys/block. Read-only: mounted `ro`, or the
  mount point refuses writes to this user.
- Windows: every drive letter GetDriveTypeW calls DRIVE_REMOVABLE, its volume label and
  read-only flag from GetVolumeInformationW.

Both readers take their roots as arguments, so tests run them on a fake /proc/mounts and
/sys tree (tests/services/test_drives.py)."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

MOUNT_ROOTS = ("/media/", "/run/media/", "/mnt/")
DRIVE_REMOVABLE = 2  # GetDriveTypeW
FILE_READ_ONLY_VOLUME = 0x00080000  # GetVolumeInformationW's file system flags

DiskUsage = Callable[[str], Any]  # shutil.disk_usage: a named tuple with .free


@dataclass(frozen=True)
class Drive:
    """A removable drive mounted at `path`."""

    path: Path
    label: str
    free_bytes: int | None  # None when the drive did not say
    read_only: bool
    device: str = ""


def removable_drives() -> list[Drive]:
    """The removable drives plugged in now, sorted by mount point; [] when none (or on a
    system this does not know how to ask)."""
    platform: str = sys.platform  # a plain value: mypy would judge the other branches for this machine
    if platform == "win32":
        return windows_drives()
    if platform.startswith("linux"):
        return linux_drives()
    return []


# ---- Linux -------------------------------------------------------------------------------

def _unescape(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash in octal (\\040)."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and len(field[i + 1:i + 4]) == 3 and field[i + 1:i + 4].isdigit():
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def _disk_of(device: str, sys_root: Path) -> Path | None:
    """The /sys/block entry of the disk holding `device` (/dev/sdb1 -> /sys/block/sdb)."""
    name = Path(device).name
    block = sys_root / "block"
    if not name:
        return None
    if (block / name).exists():
        return block / name
    try:
        disks = sorted(block.iterdir())
    except OSError:
        return None
    return next((disk for disk in disks if (disk / name).exists()), None)


def _is_removable(disk: Path) -> bool:
    try:
        if (disk / "removable").read_text(encoding="ascii").strip() == "1":
            return True
    except OSError:
        pass
    try:
        parts = Path(os.path.realpath(disk)).parts
    except OSError:
        return False
    return any(part.startswith("usb") for part in parts)  # .../usb1/1-1/1-1:1.0/.../block/sdb


def _free(path: str, disk_usage: DiskUsage) -> int | None:
    try:
        return int(disk_usage(path).free)
    except OSError:
        return None


def linux_drives(mounts: Path = Path("/proc/mounts"), sys_root: Path = Path("/sys"),
                 disk_usage: DiskUsage = shutil.disk_usage,
                 writable: Callable[[str], bool] = lambda path: os.access(path, os.W_OK)) -> list[Drive]:
    try:
        lines = mounts.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    found: dict[str, Drive] = {}
    for line in lines:
        fields = line.split()
        if len(fields) < 4 or not fields[0].startswith("/dev/"):
            continue
        device, mount_point, options = fields[0], _unescape(fields[1]), fields[3].split(",")
        if not any((mount_point + "/").startswith(root) for root in MOUNT_ROOTS):
            continue
        disk = _disk_of(device, sys_root)
        if disk is None or not _is_removable(disk):
            continue
        read_only = "ro" in options or not writable(mount_point)
        found[mount_point] = Drive(Path(mount_point), Path(mount_point).name, _free(mount_point, disk_usage),
                                   read_only, device)  # a later line (a remount) wins
    return [found[key] for key in sorted(found)]


# ---- Windows -----------------------------------------------------------------------------

def windows_drives() -> list[Drive]:  # pragma: no cover - runs on Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel32.GetLogicalDrives()
    drives = []
    for index in range(26):
        if not mask & (1 << index):
            continue
        root = f"{chr(ord('A') + index)}:\\"
        if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) != DRIVE_REMOVABLE:
            continue
        label = ctypes.create_unicode_buffer(261)
        flags = ctypes.c_ulong(0)
        ok = kernel32.GetVolumeInformationW(ctypes.c_wchar_p(root), label, len(label), None, None,
                                            ctypes.byref(flags), None, 0)
        if not ok:  # a card reader with no card in it
            continue
        drives.append(Drive(Path(root), label.value or root, _free(root, shutil.disk_usage),
                            bool(flags.value & FILE_READ_ONLY_VOLUME), root))
    return drives
