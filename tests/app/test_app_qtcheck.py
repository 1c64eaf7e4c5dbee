"""The pre-start check of Qt's X11 plugin (`make run`), the README's package list and CI.

A fresh Debian 12 desktop with the README's old list failed with Qt's "could not load the
Qt platform plugin xcb": libxcb-icccm4 and libxcb-keysyms1 were missing. These tests feed
the checker `ldd` output as a fresh machine gives it, and check on this machine that the
list in packaging/debian-packages.txt covers every library the plugin needs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checkpoint_app import qtcheck

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_LIST = ROOT / "packaging" / "debian-packages.txt"

FOUND = "\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f2)\n"
ISSUE_CASE = (  # what the fresh desktop with the README's old list gave
    "\tlinux-vdso.so.1 (0x00007ffd)\n"
    "\tlibQt6XcbQpa.so.6 => /v/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x00007f1)\n"
    + FOUND +
    "\tlibxcb-icccm.so.4 => not found\n"
    "\tlibxcb-keysyms.so.1 => not found\n"
    "\t/lib64/ld-linux-x86-64.so.2 (0x00007f3)\n"
)
BARE = "".join(f"\t{name} => not found\n" for name in (
    "libGL.so.1", "libxkbcommon-x11.so.0", "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-image.so.0",
    "libxcb-render-util.so.0", "libEGL.so.1", "libfontconfig.so.1", "libdbus-1.so.3"))


def _packages() -> list[str]:
    return [line.strip() for line in PACKAGE_LIST.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("outputs, libraries, line", [
    ([FOUND], (), None),
    ([ISSUE_CASE], ("libxcb-icccm.so.4", "libxcb-keysyms.so.1"), "sudo apt-get install libxcb-icccm4 libxcb-keysyms1"),
    ([ISSUE_CASE, ISSUE_CASE], ("libxcb-icccm.so.4", "libxcb-keysyms.so.1"),  # plugins share libraries: each once
     "sudo apt-get install libxcb-icccm4 libxcb-keysyms1"),
    ([BARE], ("libGL.so.1", "libxkbcommon-x11.so.0", "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-image.so.0",
              "libxcb-render-util.so.0", "libEGL.so.1", "libfontconfig.so.1", "libdbus-1.so.3"),
     "sudo apt-get install libdbus-1-3 libegl1 libfontconfig1 libgl1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 "
     "libxcb-render-util0 libxkbcommon-x11-0"),
    (["\tlibxcb-glx.so.0 => not found\n\tlibxcb-xkb.so.1 => not found\n"], ("libxcb-glx.so.0", "libxcb-xkb.so.1"),
     "sudo apt-get install libxcb-glx0 libxcb-xkb1"),
])
def test_missing_libraries_become_one_install_line(outputs, libraries, line):
    found = qtcheck.missing(outputs)
    assert found.libraries == libraries
    assert bool(found) == bool(libraries)
    assert not found.unknown
    if line:
        assert found.install_line() == line
        assert line in qtcheck.report(found)


def test_a_library_without_a_known_package_is_named_with_how_to_find_it():
    found = qtcheck.missing(["\tlibxcb-icccm.so.4 => not found\n\tlibfoo-new.so.3 => not found\n"])
    assert found.packages == ("libxcb-icccm4",) and found.unknown == ("libfoo-new.so.3",)
    text = qtcheck.report(found)
    assert "sudo apt-get install libxcb-icccm4" in text and "apt-file search libfoo-new.so.3" in text


@pytest.mark.parametrize("env, platform", [
    ({}, "xcb"),
    ({"DISPLAY": ":0"}, "xcb"),
    ({"QT_QPA_PLATFORM": "offscreen"}, "offscreen"),
    ({"QT_QPA_PLATFORM": "minimal", "DISPLAY": ":0"}, "minimal"),
    ({"QT_QPA_PLATFORM": "xcb:nograb"}, "xcb"),
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, "wayland"),
    ({"QT_QPA_PLATFORM": " xcb ; wayland"}, "xcb"),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, "wayland"),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "x11"}, "xcb"),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "wayland"),
])
def test_the_platform_qt_will_try_first(env, platform):
    assert qtcheck.chosen_platform(env) == platform


@pytest.fixture
def plugins(tmp_path):
    for plugin in qtcheck.PLUGINS:
        (tmp_path / plugin).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / plugin).write_bytes(b"\x7fELF")
    return tmp_path


def _fake_ldd(output, seen=None):
    def ldd(path):
        if seen is not None:
            seen.append(path)
        return output
    return ldd


linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux only")


@linux_only
@pytest.mark.parametrize("env, output, code, says, checked", [
    ({"QT_QPA_PLATFORM": "offscreen"}, ISSUE_CASE, 0, "", False),  # offscreen never loads the plugin
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "w-0", "XDG_SESSION_TYPE": "wayland"}, ISSUE_CASE, 0, "", False),
    ({"DISPLAY": ":0"}, ISSUE_CASE, 1, "sudo apt-get install libxcb-icccm4 libxcb-keysyms1", True),
    ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}, ISSUE_CASE, 1, "sudo apt-get install libxcb-icccm4 libxcb-keysyms1", True),
    ({"DISPLAY": ":0"}, FOUND, 0, "", True),
    ({}, FOUND, 1, "no X display", True),  # the libraries are there, but Qt has no screen to open a window on
    ({}, ISSUE_CASE, 1, "sudo apt-get install libxcb-icccm4 libxcb-keysyms1", True),  # the libraries first
])
def test_make_run_check(plugins, env, output, code, says, checked):
    seen: list[Path] = []
    got_code, message = qtcheck.check(False, env, plugins, _fake_ldd(output, seen))
    assert got_code == code
    assert (says in message) if says else message == ""
    assert bool(seen) == checked
    assert "could not load" not in message.lower()


@pytest.mark.parametrize("output, code, says", [
    (ISSUE_CASE, 1, "sudo apt-get install libxcb-icccm4 libxcb-keysyms1"),
    (FOUND, 0, "all 1 libraries resolve"),
])
def test_ci_mode_checks_whatever_the_environment(plugins, output, code, says):
    seen: list[Path] = []
    got_code, message = qtcheck.check(True, {"QT_QPA_PLATFORM": "offscreen"}, plugins, _fake_ldd(output, seen))
    assert (got_code, says in message) == (code, True)
    assert seen == [plugins / plugin for plugin in qtcheck.PLUGINS]


def test_ci_mode_fails_when_pyside6_or_a_plugin_file_is_missing(plugins):
    assert qtcheck.check(True, {}, None, _fake_ldd(FOUND))[0] == 1
    (plugins / qtcheck.PLUGINS[0]).unlink()
    code, message = qtcheck.check(True, {}, plugins, _fake_ldd(FOUND))
    assert code == 1 and "libqxcb.so" in message


# On this machine, for real.

@linux_only
@pytest.mark.skipif(shutil.which("ldd") is None, reason="needs ldd")
def test_on_this_machine_every_library_of_the_plugins_resolves():
    """Fails on a machine without the README's list, with the apt-get line to fix it."""
    plugins_dir = qtcheck.qt_plugins_dir()
    assert plugins_dir is not None and (plugins_dir / "platforms" / "libqxcb.so").is_file()
    code, message = qtcheck.check(True, {}, plugins_dir)
    assert code == 0, message


@linux_only
@pytest.mark.skipif(shutil.which("ldd") is None or shutil.which("apt-cache") is None, reason="needs ldd and apt")
def test_the_package_list_covers_every_library_of_the_plugins():
    """Each library `ldd` finds for the plugins has a package in the table, and that package
    is on the README's list or comes with it (apt dependencies of the list)."""
    plugins_dir = qtcheck.qt_plugins_dir()
    assert plugins_dir is not None
    qt_dir = str(plugins_dir.parent)
    system = {name for plugin in qtcheck.PLUGINS
              for name, path in qtcheck.resolved(qtcheck.run_ldd(plugins_dir / plugin)).items()
              if not path.startswith(qt_dir) and not path.startswith(str(plugins_dir))}
    assert "libxcb-icccm.so.4" in system and "libxcb-keysyms.so.1" in system
    assert not sorted(system - set(qtcheck.LIBRARY_PACKAGES)), "add these to qtcheck.LIBRARY_PACKAGES"
    result = subprocess.run(
        ["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts", "--no-breaks",
         "--no-replaces", "--no-enhances", *_packages()], capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0 or not result.stdout:
        pytest.skip("apt-cache has no package lists here: " + result.stderr[-200:])
    with_dependencies = {line.strip() for line in result.stdout.splitlines() if not line.startswith(" ")}
    needed = {qtcheck.LIBRARY_PACKAGES[name] for name in system}
    assert not sorted(needed - with_dependencies), "add these to packaging/debian-packages.txt"


def test_the_module_runs_without_loading_pyside6():
    code = ("import sys; from checkpoint_app import qtcheck; "
            "code = qtcheck.main([]); "
            "sys.exit(10 + code if any(n.startswith('PySide6') for n in sys.modules) else code)")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    offscreen = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                               env={**env, "QT_QPA_PLATFORM": "offscreen"})
    assert (offscreen.returncode, offscreen.stdout, offscreen.stderr) == (0, "", "")
    if sys.platform.startswith("linux") and shutil.which("ldd"):
        xcb = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                             env={**env, "QT_QPA_PLATFORM": "xcb"})
        assert xcb.returncode == 1 and "no X display" in xcb.stderr


# The one list: packaging/debian-packages.txt, quoted by the README, installed by CI.

def test_the_readme_quotes_the_package_list():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"^sudo apt-get install (.*?)\n```", text, re.MULTILINE | re.DOTALL)
    assert command, "the README's set-up lost its apt-get line"
    assert command.group(1).replace("\\\n", " ").split() == _packages()
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "fonts-wqy-microhei"} <= set(_packages())


def test_ci_installs_exactly_the_list_then_checks_the_plugin():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "packaging/debian-packages.txt | xargs apt-get install" in script
    # the list, then the office tests' server and tools (issue 9), then xvfb for the real start after the check
    assert script.count("apt-get install") == 3
    assert script.index("debian-packages.txt") < script.index("make check-qt") \
        < script.index("postgresql age minisign") < script.index("xvfb")


def test_make_run_and_demo_check_before_starting():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("run", "demo"):
        recipe = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1).splitlines()
        assert "checkpoint_app.qtcheck" in recipe[0] and "-m checkpoint_app " in recipe[1] + " "
    assert "qtcheck --must-resolve" in makefile
