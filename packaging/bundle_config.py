"""What goes into the PyInstaller bundle: used by checkpoint.spec, tested without building.

Pure functions over the source tree and PyInstaller TOC tuples (dest_name, src_name,
typecode), so tests/packaging/test_packaging_spec.py can check them in milliseconds.
"""

from __future__ import annotations

import ast
import fnmatch
import os
import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "checkpoint_app"
MIGRATIONS = PACKAGE / "db" / "migrations"
CENTRAL_MIGRATIONS = PACKAGE / "central" / "migrations"  # the office database's (checkpoint-central)
I18N = ROOT / "resources" / "i18n"
ICONS = ROOT / "resources" / "icons"

APP_NAME = "checkpoint-app"
# The district office's window (checkpoint_app/central_app.py) is the same executable started
# as `checkpoint-app --central` (launcher.py). The bundle's `checkpoint-central` starter runs
# just that: a shell script, or checkpoint-central.cmd on Windows (install_central_starter). A
# second executable would carry a second copy of the Python archive (9.7 MB).
CENTRAL_NAME = "checkpoint-central"
CENTRAL_FLAG = "--central"
CENTRAL_STARTERS = {"posix": ROOT / "packaging" / "checkpoint-central",
                    "nt": ROOT / "packaging" / "checkpoint-central.cmd"}
# stdnum's hook collects every data file of the package (numbering plans of many countries,
# 3.5 MB); the app reads only the Chinese region table (core/idcard.py).
STDNUM_DATA_KEEP = ("cn/loc.dat",)

# Imported only by files Alembic loads from disk (env.py, versions/*.py), or resolved
# by name at run time, so PyInstaller's import scan cannot see them.
HIDDEN_IMPORTS = [
    "alembic.context",
    "alembic.op",
    "alembic.ddl.sqlite",
    "sqlmodel",
    "sqlmodel.sql.sqltypes",
    "checkpoint_app.db.models",
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.sqlite.pysqlite",
    "logging.handlers",
    # Batches (docs/batch-format.md): age through pyrage's compiled module (its x25519 and
    # passphrase submodules live inside the extension), Ed25519 from PyNaCl (libsodium).
    "pyrage",
    "nacl.signing", "nacl.bindings",
    # The office database on PostgreSQL: SQLAlchemy resolves the dialect from the URL by
    # name and imports its driver by name (`__import__("pg8000")`). pg8000 is pure Python;
    # scramp (the server's SCRAM login; asn1crypto under it) and dateutil are imported by it.
    # pg8000 and scramp read their own versions (importlib.metadata): PyInstaller ships the
    # metadata of a call it finds with the name written out.
    "sqlalchemy.dialects.postgresql",
    "sqlalchemy.dialects.postgresql.pg8000",
    "alembic.ddl.postgresql",
    "pg8000",
    "scramp",
]
# Must never be in the bundle again: psycopg[binary] brought 10.4 MB of native libraries
# (libpq, a second OpenSSL, Kerberos, LDAP). EXCLUDES keeps a development environment that
# still has it installed from shipping it.
REPLACED_DRIVERS = ["psycopg", "psycopg_binary", "psycopg_c", "psycopg2"]

# Python modules the app never imports. Qt modules beyond QtCore/QtGui/QtWidgets and
# QtPrintSupport (the daily report's Print…, loaded only when printing) are all left out;
# the Qt shared libraries nothing kept links to are pruned separately.
EXCLUDES = [
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "lib2to3", "pydoc_data",
    "numpy", "PIL", "matplotlib", "IPython", "pytest", "_pytest", "pytestqt",
    "PyInstaller",
    # stdnum.numdb falls back to pkg_resources only when importlib.resources is missing;
    # collecting it drags in setuptools and two runtime hooks that slow every start.
    "pkg_resources", "setuptools", "distutils", "_distutils_hack",
    # Mako's optional Pygments/Babel plugins (Mako itself is needed by alembic).
    "pygments", "mako.ext", "babel",
    # Development tools that pydantic's optional plugins (its mypy plugin, its hypothesis
    # strategies) would pull in from the development environment the bundle is built in.
    "mypy", "mypy_extensions", "hypothesis", "ast_serialize", "librt",
    # The PostgreSQL drivers pg8000 replaced (REPLACED_DRIVERS): SQLAlchemy's dialects for
    # them are bundled as part of its package, and would pull them in where installed.
    *REPLACED_DRIVERS,
    # The interactive prompt's line editing (and ncurses under it): a desk app has no prompt.
    "readline",
    *(f"PySide6.{m}" for m in (
        "QtConcurrent", "QtDBus", "QtDesigner", "QtHelp", "QtLabsStyleKit", "QtNetwork",
        "QtOpenGL", "QtOpenGLWidgets", "QtQml", "QtQmlFeatures", "QtQuick",
        "QtQuickControls2", "QtQuickTest", "QtQuickWidgets", "QtQuick3D", "QtSql", "QtSvg",
        "QtSvgWidgets", "QtTest", "QtUiTools", "QtXml", "QtWebEngineCore", "QtWebEngineWidgets",
        "QtWebEngineQuick", "QtWebChannel", "QtWebSockets", "Qt3DCore", "Qt3DRender",
        "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DAnimation", "QtPdf", "QtPdfWidgets",
        "QtMultimedia", "QtMultimediaWidgets", "QtCharts", "QtDataVisualization", "QtGraphs",
        "QtGraphsWidgets", "QtBluetooth", "QtPositioning", "QtLocation", "QtSensors",
        "QtSerialPort", "QtSerialBus", "QtRemoteObjects", "QtScxml", "QtStateMachine",
        "QtTextToSpeech", "QtSpatialAudio", "QtHttpServer", "QtNetworkAuth", "QtNfc",
        "QtAxContainer",
    )),
]

# Qt's own translations: only the two interface languages (zh_CN, en).
QT_TRANSLATIONS_KEEP = ("qt_zh_CN.qm", "qtbase_zh_CN.qm", "qt_en.qm", "qtbase_en.qm")

# Qt plugin folders to keep, and file patterns (on the name without "lib" and suffix)
# dropped from the kept folders. platforminputcontexts stays: ibus/fcitx/compose carry
# Chinese input. Dropped: the virtual keyboard (pulls QtQuick/QtQml), the PDF image
# format (pulls QtPdf), and the GTK3 platform theme: GTK itself is never bundled (it
# is not on the build machine), only part of its stack (cairo, pango, gio, ...; 8 MB)
# would be, to be mixed at run time with the desktop's own GTK. Without it Qt uses
# its built-in GNOME/generic theme and the xdg-desktop-portal theme plugin.
QT_PLUGIN_DIRS_KEEP = {
    "platforms", "platforms/darwin", "imageformats", "styles", "platformthemes",
    "xcbglintegrations", "iconengines", "platforminputcontexts", "accessiblebridge",
    "wayland-decoration-client", "wayland-graphics-integration-client", "wayland-shell-integration",
    "printsupport",  # the CUPS plugin: without it the print dialog offers only "print to PDF file"
}
# System libraries left to the desktop, like GL/EGL: libcups (which Qt's CUPS print plugin
# links) would bring its whole stack (GnuTLS, Kerberos, Avahi, p11-kit, ...: about 9 MB) to
# be mixed with the desktop's own. Every desktop that prints has libcups2; without it the
# plugin does not load and Print… offers only printing to a PDF file.
SYSTEM_LIBRARIES = ("libcups.so*",)

QT_PLATFORMS_KEEP = ("qoffscreen", "qxcb", "qwayland*", "qwindows", "qcocoa", "qminimal")
QT_PLUGINS_DROP = ("qpdf", "qtvirtualkeyboardplugin", "qgtk3")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo"))


def _migration_folders() -> list[Path]:
    return [folder for folder in (MIGRATIONS, CENTRAL_MIGRATIONS) if folder.is_dir()]


def migration_datas() -> list[tuple[str, str]]:
    """(source file, destination folder) for the Alembic folders (the register's and the
    office database's), at the same relative path in the bundle: checkpoint_app.db.migrations
    looks beside its own __file__, which in a onedir bundle is
    _internal/checkpoint_app/db/migrations.py (checkpoint_app.central.database likewise)."""
    return [(str(p), str(p.parent.relative_to(ROOT))) for folder in _migration_folders() for p in _files(folder)]


def icon_datas() -> list[tuple[str, str]]:
    """The app's icon as PNGs (the window's; checkpoint_app.ui.theme.app_icon)."""
    return [(str(p), "resources/icons") for p in sorted(ICONS.glob("checkpoint-*.png"))]


def translation_datas() -> list[tuple[str, str]]:
    """The app's compiled .qm files (from `make translations`); may be empty."""
    return [(str(p), "resources/i18n") for p in sorted(I18N.glob("*.qm"))]


def migration_imports() -> list[str]:
    """Every absolute module imported by the migration scripts, so a new revision that
    imports something new is still bundled."""
    names: set[str] = set()
    for path in (p for folder in _migration_folders() for p in _files(folder)):
        if path.suffix != ".py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
    names.discard("__future__")
    return sorted(names)


def hidden_imports() -> list[str]:
    return sorted(set(HIDDEN_IMPORTS) | set(migration_imports()))


def _parts(dest: str) -> tuple[str, ...]:
    return PurePath(dest.replace("\\", "/")).parts


def _stem(name: str) -> str:
    stem = name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_data(entry: tuple) -> bool:
    """False for Qt translation files other than the kept zh_CN/en ones, and for stdnum's
    data files other than STDNUM_DATA_KEEP."""
    parts = _parts(entry[0])
    if parts[:1] == ("stdnum",) and parts[-1].endswith(".dat"):
        return "/".join(parts[1:]) in STDNUM_DATA_KEEP
    if "PySide6" in parts and len(parts) >= 2 and parts[-2] == "translations" and parts[-1].endswith(".qm"):
        return parts[-1] in QT_TRANSLATIONS_KEEP
    return True


def keep_binary(entry: tuple) -> bool:
    """False for Qt plugins the app does not need (see QT_PLUGIN_DIRS_KEEP) and for the
    desktop's own libraries (SYSTEM_LIBRARIES)."""
    parts = _parts(entry[0])
    if len(parts) == 1 and any(fnmatch.fnmatch(parts[0], pattern) for pattern in SYSTEM_LIBRARIES):
        return False
    if "plugins" not in parts or "PySide6" not in parts:
        return True
    rel = parts[parts.index("plugins") + 1:]
    if len(rel) < 2:
        return True
    folder, name = "/".join(rel[:-1]), rel[-1]
    if folder not in QT_PLUGIN_DIRS_KEEP:
        return False
    stem = _stem(name)
    if any(fnmatch.fnmatch(stem, pattern) for pattern in QT_PLUGINS_DROP):
        return False
    if folder == "platforms":
        return any(fnmatch.fnmatch(stem, pattern) for pattern in QT_PLATFORMS_KEEP)
    return True


def is_qt_library(entry: tuple) -> bool:
    """A Qt/ICU shared library under PySide6/Qt/lib (Linux layout)."""
    parts = _parts(entry[0])
    return len(parts) == 4 and parts[:3] == ("PySide6", "Qt", "lib") and ".so" in parts[3]


def prune_qt_libraries(binaries: Iterable[tuple], imports_of: Callable[[str], Iterable[str]]) -> list[tuple]:
    """Drop Qt shared libraries that no kept binary links to, directly or through
    another kept Qt library. PyInstaller analysed the plugins removed by keep_binary
    before we removed them, so their Qt libraries (QtQuick, QtQml, QtPdf, ...) are still
    listed. imports_of(source path) gives the base names a binary links to."""
    binaries = list(binaries)
    qt_libs = {PurePath(e[0]).name: e for e in binaries if is_qt_library(e)}
    roots = (e[1] for e in binaries if not is_qt_library(e) and e[2] != "SYMLINK")
    needed = _linked_closure(roots, qt_libs, imports_of)
    return [e for e in binaries if not is_qt_library(e) or PurePath(e[0]).name in needed]


def _linked_closure(sources: Iterable[str], libraries: dict[str, tuple],
                    imports_of: Callable[[str], Iterable[str]]) -> set[str]:
    """Names of the `libraries` (base name -> entry) that `sources` link to, directly or
    through other such libraries."""
    names: set[str] = set()
    todo, seen = list(sources), set()
    while todo:
        src = todo.pop()
        if src in seen:
            continue
        seen.add(src)
        for name in imports_of(src):
            name = PurePath(name).name
            if name in libraries and name not in names:
                names.add(name)
                todo.append(libraries[name][1])
    return names


def prune_orphaned_libraries(original: Iterable[tuple], kept: Iterable[tuple],
                             imports_of: Callable[[str], Iterable[str]]) -> list[tuple]:
    """Drop the shared libraries that were collected only because a binary removed by
    keep_binary linked to them (e.g. cairo, pango and gio for the GTK3 theme plugin).
    A library that anything kept links to, or that nothing removed linked to, stays."""
    kept = list(kept)
    kept_ids = set(kept)
    removed = [e for e in original if e not in kept_ids]
    by_name = {PurePath(_parts(e[0])[-1]).name: e for e in kept if e[2] != "SYMLINK"}
    # On Linux imports_of lists the whole closure (ldd): a kept binary linking a removed
    # library (the CUPS print plugin and libcups, left to the desktop) would seem to need
    # everything that library needs. Its needs through the removed library are not ours.
    through = {PurePath(_parts(e[0])[-1]).name: set(imports_of(e[1])) for e in removed if e[2] != "SYMLINK"}

    def own_imports(src: str) -> list[str]:
        names = list(imports_of(src))
        hidden = set().union(*(through[n] for n in names if n in through)) if through else set()
        return [n for n in names if n not in hidden]

    def reach(sources: Iterable[str]) -> set[str]:
        return _linked_closure(sources, by_name, own_imports)

    candidates = reach(e[1] for e in removed if e[2] != "SYMLINK")
    roots = [e for e in kept if e[2] != "SYMLINK" and PurePath(_parts(e[0])[-1]).name not in candidates]
    drop = candidates - reach(e[1] for e in roots)
    return [e for e in kept if e[2] == "SYMLINK" or PurePath(_parts(e[0])[-1]).name not in drop]


def drop_dangling_symlinks(binaries: Iterable[tuple], datas: Iterable[tuple]) -> tuple[list[tuple], list[tuple]]:
    """PyInstaller adds top-level SYMLINK entries (dest, target, "SYMLINK") for libraries
    it found through other names; drop those whose target was pruned above."""
    binaries, datas = list(binaries), list(datas)

    def norm(path: str) -> str:
        return "/".join(_parts(path))

    present = {norm(e[0]) for e in binaries + datas if e[2] != "SYMLINK"}

    def keep(e: tuple) -> bool:
        if e[2] != "SYMLINK":
            return True
        target = PurePath(norm(e[0])).parent / norm(e[1])
        return norm(str(target)) in present

    return [e for e in binaries if keep(e)], [e for e in datas if keep(e)]


def pyinstaller_imports(src: str) -> list[str]:
    """Link-time dependencies of a binary, through PyInstaller's own resolver."""
    from PyInstaller.depend import bindepend

    try:
        return [name for name, _path in bindepend.get_imports(src)]
    except Exception:  # noqa: BLE001 - an unreadable file links to nothing we can prune by
        return []


def install_central_starter(bundle: Path, system: str | None = None) -> Path:
    """Put the office's starter into the built bundle folder: `checkpoint-central` (a shell
    script, executable) on Linux and macOS, `checkpoint-central.cmd` on Windows."""
    system = system or os.name
    source = CENTRAL_STARTERS["nt" if system == "nt" else "posix"]
    target = bundle / source.name
    shutil.copyfile(source, target)
    if system != "nt":
        target.chmod(0o755)
    return target


def strip() -> bool:
    """Strip symbols on Linux: the pyenv-built libpython and lib-dynload carry debug
    info (about 28 MB). Not on macOS (breaks code signatures) or Windows (no strip)."""
    return sys.platform.startswith("linux")


def console() -> bool:
    """Console on Linux (so --self-test and errors print); windowed elsewhere."""
    return sys.platform.startswith("linux")
