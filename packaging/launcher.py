"""PyInstaller entry script for the Checkpoint Register bundle's one executable,
`checkpoint-app`.

PyInstaller needs a script, not `-m checkpoint_app`; this one only makes the standard
streams safe and hands over to checkpoint_app.app.main(), or to
checkpoint_app.central_app.main() (the district office's window) when the program was
started as `checkpoint-app --central` - which is what the bundle's `checkpoint-central`
starter (a shell script; `checkpoint-central.cmd` on Windows) runs - or under a name
starting with `checkpoint-central` (a link or a renamed copy). One executable serves
both: a second one would carry a second copy of the whole Python archive (9.7 MB).
"""

from __future__ import annotations

import os
import sys


def _safe_streams() -> None:
    """A windowed build (Windows/macOS, console=False) starts with sys.stdout and
    sys.stderr set to None: any print() - the self-test's report, an error message -
    would then raise. Point missing streams at the null device instead. On a console
    whose locale cannot encode Chinese (LANG=C), replace what it cannot show rather
    than crash while reporting an error."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the process
        elif hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (OSError, ValueError):
                pass
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115


CENTRAL_NAME = "checkpoint-central"  # bundle_config.CENTRAL_NAME
CENTRAL_FLAG = "--central"  # bundle_config.CENTRAL_FLAG: the first argument, taken off


def _is_central(program: str | None = None) -> bool:
    """Started under the office's name (a link or copy named checkpoint-central[.exe])?"""
    names = [program] if program is not None else [sys.executable, sys.argv[0] if sys.argv else ""]
    return any(os.path.basename(name or "").lower().startswith(CENTRAL_NAME) for name in names)


def _take_central_flag() -> bool:
    """`checkpoint-app --central …`: the office's window; the flag leaves sys.argv so the
    office's own options (--db, --identity, --lang) parse as they do from its starter."""
    if sys.argv[1:2] == [CENTRAL_FLAG]:
        del sys.argv[1]
        return True
    return False


def run() -> int:
    # a bundled program started as a multiprocessing child (the office import's helper
    # process, checkpoint_app/central/helper.py) runs that child's work here and exits
    import multiprocessing

    multiprocessing.freeze_support()
    _safe_streams()
    if _take_central_flag() or _is_central():
        from checkpoint_app.central_app import main as central_main

        return central_main()
    from checkpoint_app.app import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
