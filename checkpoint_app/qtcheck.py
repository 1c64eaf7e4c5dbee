"""Before Qt starts: can its X11 (xcb) platform plugin load on this machine?

When a system library of the plugin is missing, Qt says only that it "could not load the
Qt platform plugin xcb ... even though it was found", naming neither the library nor the
package. `make run` runs this first: `ldd` on the plugin, every "not found" library mapped
to the Debian package that provides it, and the exact `sudo apt-get install` line printed.
CI runs it with `--must-resolve` after installing packaging/debian-packages.txt (the
README's list), which proves that list complete. It never imports PySide6: loading
PySide6's Qt modules is what fails.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

# The plugins Qt loads for a window under X11, relative to PySide6/Qt/plugins.
PLUGINS = (
    "platforms/libqxcb.so",
    "xcbglintegrations/libqxcb-glx-integration.so",
    "xcbglintegrations/libqxcb-egl-integration.so",
)

# Shared library → the Debian 12 package that provides it (found with `dpkg -S` on every
# library `ldd` lists for the plugins above; Ubuntu uses the same names).
LIBRARY_PACKAGES: Mapping[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libpng16.so.16": "libpng16-16",
    "libbrotlidec.so.1": "libbrotli1",
    "libbrotlicommon.so.1": "libbrotli1",
    "libexpat.so.1": "libexpat1",
    "libpcre2-8.so.0": "libpcre2-8-0",
    "libbsd.so.0": "libbsd0",
    "libmd.so.0": "libmd0",
    "libsystemd.so.0": "libsystemd0",
    "libcap.so.2": "libcap2",
    "libgcrypt.so.20": "libgcrypt20",
    "libgpg-error.so.0": "libgpg-error0",
    "liblzma.so.5": "liblzma5",
    "liblz4.so.1": "liblz4-1",
    "libzstd.so.1": "libzstd1",
    "libz.so.1": "zlib1g",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
    "libc.so.6": "libc6",
    "libm.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")
_RESOLVED = re.compile(r"^\s*(\S+)\s+=>\s+(/\S+)")


@dataclass(frozen=True)
class Missing:
    """What `ldd` could not find, and what to install for it."""

    libraries: tuple[str, ...]
    packages: tuple[str, ...]  # known packages, in a stable order
    unknown: tuple[str, ...]  # libraries with no package in the table

    def __bool__(self) -> bool:
        return bool(self.libraries)

    def install_line(self) -> str:
        return "sudo apt-get install " + " ".join(self.packages)


def not_found(ldd_output: str) -> list[str]:
    """The libraries `ldd` reports as "not found", each once, in the order given."""
    names: list[str] = []
    for line in ldd_output.splitlines():
        match = _NOT_FOUND.match(line)
        if match and match.group(1) not in names:
            names.append(match.group(1))
    return names


def resolved(ldd_output: str) -> dict[str, str]:
    """Library → path for every library `ldd` found."""
    found: dict[str, str] = {}
    for line in ldd_output.splitlines():
        match = _RESOLVED.match(line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def missing(ldd_outputs: Sequence[str]) -> Missing:
    libraries: list[str] = []
    for output in ldd_outputs:
        libraries += [name for name in not_found(output) if name not in libraries]
    packages = sorted({LIBRARY_PACKAGES[name] for name in libraries if name in LIBRARY_PACKAGES})
    unknown = tuple(name for name in libraries if name not in LIBRARY_PACKAGES)
    return Missing(tuple(libraries), tuple(packages), unknown)


def chosen_platform(env: Mapping[str, str]) -> str:
    """The platform plugin Qt will try first with this environment."""
    requested = env.get("QT_QPA_PLATFORM", "").strip()
    if requested:  # "xcb", "offscreen", "wayland;xcb", "xcb:option=value"
        return requested.split(";")[0].split(":")[0].strip()
    if env.get("WAYLAND_DISPLAY") and (env.get("XDG_SESSION_TYPE") == "wayland" or not env.get("DISPLAY")):
        return "wayland"
    return "xcb"


def qt_plugins_dir() -> Path | None:
    """PySide6/Qt/plugins of the installed PySide6, found without importing PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        plugins = Path(location) / "Qt" / "plugins"
        if plugins.is_dir():
            return plugins
    return None


def run_ldd(path: Path) -> str:
    result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, timeout=60, check=False)
    return result.stdout


def report(found: Missing) -> str:
    lines = [
        "The app cannot start: Qt's X11 platform plugin (xcb) needs system libraries that are not installed:",
        "  " + ", ".join(found.libraries),
    ]
    if found.packages:
        lines += ["Install them with:", "  " + found.install_line()]
    for name in found.unknown:
        lines.append(f"No package is known for {name}: find it with `apt-file search {name}`.")
    return "\n".join(lines)


NO_DISPLAY = (
    "The app cannot start: there is no X display (DISPLAY is not set), so Qt cannot open a window.\n"
    "Start it from a terminal inside the desktop session, or set DISPLAY. A machine without a\n"
    "screen runs the tests with QT_QPA_PLATFORM=offscreen (`make test` does)."
)


def check(must_resolve: bool, env: Mapping[str, str], plugins_dir: Path | None,
          ldd: Callable[[Path], str] = run_ldd) -> tuple[int, str]:
    """(exit code, message) for the environment given; `ldd` is a seam for tests."""
    if not must_resolve:
        if not sys.platform.startswith("linux") or chosen_platform(env) != "xcb":
            return 0, ""  # Qt will not load the xcb plugin: nothing to check
    if shutil.which("ldd") is None and ldd is run_ldd:
        return (1, "ldd is not installed: cannot check the xcb plugin's libraries.") if must_resolve else (0, "")
    if plugins_dir is None:
        return (1, "PySide6 is not installed in this environment.") if must_resolve else (0, "")
    paths = [plugins_dir / plugin for plugin in PLUGINS]
    absent = [str(path) for path in paths if not path.is_file()]
    if absent:
        return 1, "Qt's X11 plugin files are missing (reinstall: rm -rf .venv, then make run): " + ", ".join(absent)
    outputs = [ldd(path) for path in paths]
    found = missing(outputs)
    if found:
        return 1, report(found)
    if must_resolve:
        count = len({name for output in outputs for name in resolved(output)})
        return 0, f"Qt's X11 plugins: all {count} libraries resolve."
    if not env.get("DISPLAY"):
        return 1, NO_DISPLAY
    return 0, ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checkpoint_app.qtcheck", description=__doc__.splitlines()[0])
    parser.add_argument("--must-resolve", action="store_true",
                        help="check the xcb plugin whatever the platform and display (CI); exit 1 if a library is missing")
    args = parser.parse_args(argv)
    code, message = check(args.must_resolve, os.environ, qt_plugins_dir())
    if message:
        print(message, file=sys.stderr if code else sys.stdout)
    return code


if __name__ == "__main__":
    sys.exit(main())
