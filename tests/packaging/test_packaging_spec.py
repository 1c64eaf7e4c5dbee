"""The PyInstaller bundle's contents, checked without building it (milliseconds).

`make bundle` builds the real thing and runs its --self-test; these tests catch the
usual ways a source change breaks the bundle first: a migration importing a module
nobody else imports, an import of an excluded Qt module, a moved data folder.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cfg = _load("checkpoint_bundle_config", PACKAGING / "bundle_config.py")


def _app_imports() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "checkpoint_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_spec_and_launcher_are_valid_python():
    spec_text = (PACKAGING / "checkpoint.spec").read_text(encoding="utf-8")
    compile(spec_text, "checkpoint.spec", "exec")
    assert "launcher.py" in spec_text
    assert "exclude_binaries=True" in spec_text, "onedir: binaries go to COLLECT, not into the exe"
    launcher = (PACKAGING / "launcher.py").read_text(encoding="utf-8")
    assert "from checkpoint_app.app import main" in launcher


def test_migrations_ship_at_the_path_the_code_looks_in():
    from checkpoint_app.db import migrations

    datas = cfg.migration_datas()
    shipped = {Path(dest) / Path(src).name for src, dest in datas}
    expected_dir = migrations.SCRIPT_LOCATION.relative_to(ROOT)
    assert expected_dir / "env.py" in shipped
    assert expected_dir / "script.py.mako" in shipped
    versions = sorted((ROOT / expected_dir / "versions").glob("*.py"))
    assert versions
    for version in versions:
        assert expected_dir / "versions" / version.name in shipped
    assert not any("__pycache__" in src or src.endswith(".pyc") for src, _ in datas)


def test_hidden_imports_cover_what_alembic_loads_from_disk_and_all_exist():
    hidden = cfg.hidden_imports()
    for name in ("sqlmodel", "alembic.op", "alembic.context", "checkpoint_app.db.models",
                 "sqlalchemy.dialects.sqlite", "logging.handlers", "sqlalchemy"):
        assert name in hidden
    for name in hidden:
        assert importlib.util.find_spec(name) is not None, name


def test_app_imports_nothing_the_bundle_excludes():
    excluded = [name for name in _app_imports()
                if any(name == ex or name.startswith(ex + ".") for ex in cfg.EXCLUDES)]
    assert excluded == [], f"the app imports modules packaging/bundle_config.py EXCLUDES: {excluded}"


def test_translations_ship_where_i18n_looks_when_frozen(monkeypatch, tmp_path):
    from checkpoint_app.ui import i18n

    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    frozen_dir = i18n.translations_dir().relative_to(tmp_path)
    for src, dest in cfg.translation_datas():
        assert Path(dest) == frozen_dir
        assert src.endswith(".qm")


def test_only_zh_cn_and_en_qt_translations_are_kept():
    def entry(name):
        return (f"PySide6/Qt/translations/{name}", f"/x/{name}", "DATA")

    kept = [n for n in ("qtbase_zh_CN.qm", "qt_zh_CN.qm", "qtbase_en.qm", "qt_en.qm", "qtbase_de.qm",
                        "qt_ja.qm", "qtdeclarative_zh_CN.qm", "qt_help_zh_CN.qm") if cfg.keep_data(entry(n))]
    assert kept == ["qtbase_zh_CN.qm", "qt_zh_CN.qm", "qtbase_en.qm", "qt_en.qm"]
    assert cfg.keep_data(("resources/i18n/checkpoint_zh_CN.qm", "/x", "DATA"))
    assert cfg.keep_data(("stdnum/cn/loc.dat", "/x", "DATA"))


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", True),
    ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
    ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so", False),
    ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", False),
    ("PySide6/Qt/plugins/qmltooling/libqmldbg_tcp.so", False),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),  # the daily report's Print…
    ("libcups.so.2", False),  # ... linked from the desktop's libcups2, not bundled with its stack
    ("PySide6/Qt/lib/libQt6Core.so.6", True),
    ("libpython3.11.so.1.0", True),
])
def test_qt_plugin_filter(dest, kept):
    assert cfg.keep_binary((dest, "/src/" + dest, "BINARY")) is kept


def test_unlinked_qt_libraries_are_pruned():
    links = {
        "/s/QtWidgets.abi3.so": ["libQt6Widgets.so.6", "libpyside6.abi3.so.6.12"],
        "/s/libQt6Widgets.so.6": ["libQt6Gui.so.6"],
        "/s/libQt6Gui.so.6": ["libQt6Core.so.6", "libc.so.6"],
        "/s/libQt6Core.so.6": ["libicuuc.so.73"],
        "/s/libqxcb.so": ["libQt6XcbQpa.so.6"],
    }
    binaries = [("PySide6/QtWidgets.abi3.so", "/s/QtWidgets.abi3.so", "EXTENSION"),
                ("PySide6/Qt/plugins/platforms/libqxcb.so", "/s/libqxcb.so", "BINARY")]
    binaries += [(f"PySide6/Qt/lib/{n}", f"/s/{n}", "BINARY") for n in (
        "libQt6Widgets.so.6", "libQt6Gui.so.6", "libQt6Core.so.6", "libicuuc.so.73",
        "libQt6XcbQpa.so.6", "libQt6Quick.so.6", "libQt6Qml.so.6", "libQt6Pdf.so.6")]
    kept = {Path(d).name for d, _, _ in cfg.prune_qt_libraries(binaries, lambda src: links.get(src, []))}
    assert kept == {"QtWidgets.abi3.so", "libqxcb.so", "libQt6Widgets.so.6", "libQt6Gui.so.6",
                    "libQt6Core.so.6", "libicuuc.so.73", "libQt6XcbQpa.so.6"}


def test_launcher_gives_windowed_builds_real_streams(monkeypatch):
    launcher = _load("checkpoint_bundle_launcher", PACKAGING / "launcher.py")
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    launcher._safe_streams()
    assert sys.stdout is not None and sys.stderr is not None
    print("written to the null device")
    sys.stdout.close()
    sys.stderr.close()


def test_libraries_only_a_dropped_plugin_needed_are_pruned():
    links = {
        "/s/libqgtk3.so": ["libQt6Gui.so.6", "libcairo.so.2", "libglib-2.0.so.0"],
        "/s/libcairo.so.2": ["libpixman-1.so.0"],
        "/s/QtGui.abi3.so": ["libQt6Gui.so.6", "libglib-2.0.so.0"],
    }
    gtk = ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/s/libqgtk3.so", "BINARY")
    kept = [("PySide6/QtGui.abi3.so", "/s/QtGui.abi3.so", "EXTENSION"),
            ("PySide6/Qt/lib/libQt6Gui.so.6", "/s/libQt6Gui.so.6", "BINARY"),
            ("libglib-2.0.so.0", "/s/libglib-2.0.so.0", "BINARY"),
            ("libcairo.so.2", "/s/libcairo.so.2", "BINARY"),
            ("libpixman-1.so.0", "/s/libpixman-1.so.0", "BINARY"),
            ("libffi.so.8", "/s/libffi.so.8", "BINARY")]  # linked by nothing here: not ours to judge
    result = cfg.prune_orphaned_libraries([gtk, *kept], kept, lambda src: links.get(src, []))
    assert {Path(d).name for d, _, _ in result} == {
        "QtGui.abi3.so", "libQt6Gui.so.6", "libglib-2.0.so.0", "libffi.so.8"}


def test_a_system_library_left_out_takes_its_stack_with_it():
    """libcups is left to the desktop (SYSTEM_LIBRARIES): its GnuTLS/Kerberos stack goes too,
    although ldd lists that stack under the print plugin that links libcups; a library
    something else needs stays."""
    links = {  # as ldd reports them: whole closures
        "/s/libcupsprintersupport.so": ["libcups.so.2", "libQt6Gui.so.6", "libgnutls.so.30", "libdbus-1.so.3"],
        "/s/libcups.so.2": ["libgnutls.so.30", "libdbus-1.so.3"],
        "/s/libQt6DBus.so.6": ["libdbus-1.so.3"],
    }
    cups = ("libcups.so.2", "/s/libcups.so.2", "BINARY")
    assert not cfg.keep_binary(cups)
    kept = [("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", "/s/libcupsprintersupport.so", "BINARY"),
            ("PySide6/Qt/lib/libQt6Gui.so.6", "/s/libQt6Gui.so.6", "BINARY"),
            ("PySide6/Qt/lib/libQt6DBus.so.6", "/s/libQt6DBus.so.6", "BINARY"),
            ("libgnutls.so.30", "/s/libgnutls.so.30", "BINARY"),
            ("libdbus-1.so.3", "/s/libdbus-1.so.3", "BINARY")]
    result = cfg.prune_orphaned_libraries([cups, *kept], kept, lambda src: links.get(src, []))
    assert {Path(d).name for d, _, _ in result} == {
        "libcupsprintersupport.so", "libQt6Gui.so.6", "libQt6DBus.so.6", "libdbus-1.so.3"}


def test_symlinks_to_pruned_libraries_are_dropped():
    binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "/s/libQt6Core.so.6", "BINARY"),
                ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
                ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK")]
    kept, datas = cfg.drop_dangling_symlinks(binaries, [])
    assert [d for d, _, _ in kept] == ["PySide6/Qt/lib/libQt6Core.so.6", "libQt6Core.so.6"]
    assert datas == []


# --- batches and the office: pyrage, PyNaCl, pg8000, checkpoint-central ----------------

def test_batch_and_office_dependencies_are_hidden_imports():
    hidden = cfg.hidden_imports()
    for name in ("pyrage", "nacl.signing", "nacl.bindings", "pg8000", "scramp",
                 "sqlalchemy.dialects.postgresql.pg8000", "alembic.ddl.postgresql"):
        assert name in hidden, name
        assert importlib.util.find_spec(name) is not None, name


@pytest.mark.parametrize("dest, kept", [
    ("stdnum/cn/loc.dat", True),
    ("stdnum/oui.dat", False),
    ("stdnum/imsi.dat", False),
    ("stdnum/at/postleitzahl.dat", False),
    ("stdnum/cn/ric.py", True),
    ("elsewhere/oui.dat", True),
])
def test_only_the_chinese_region_table_of_stdnum_ships(dest, kept):
    assert cfg.keep_data((dest, "/src/" + dest, "DATA")) is kept


def test_the_region_table_the_app_reads_is_the_kept_one():
    """core/idcard.py reads numdb "cn/loc": that file is what STDNUM_DATA_KEEP keeps."""
    source = (ROOT / "checkpoint_app" / "core" / "idcard.py").read_text(encoding="utf-8")
    assert 'numdb.get("cn/loc")' in source and cfg.STDNUM_DATA_KEEP == ("cn/loc.dat",)


def test_the_postgresql_driver_is_pure_python_and_the_old_one_is_kept_out():
    """pg8000 and what it imports bring no native library (psycopg[binary] brought 10.4 MB:
    libpq, a second OpenSSL, Kerberos, LDAP); the old driver, where still installed, is excluded."""
    import importlib.metadata

    for dist in ("pg8000", "scramp", "asn1crypto", "python-dateutil"):
        files = importlib.metadata.files(dist) or []
        native = [str(f) for f in files if f.suffix in (".so", ".pyd", ".dylib", ".dll")]
        assert files and not native, (dist, native)
    assert {"psycopg", "psycopg_binary"} <= set(cfg.EXCLUDES)
    assert not {"psycopg", "psycopg_binary"} & set(cfg.hidden_imports())


def test_the_spec_builds_one_executable_and_the_office_starter():
    spec_text = (PACKAGING / "checkpoint.spec").read_text(encoding="utf-8")
    assert spec_text.count("EXE(") == 1, "a second EXE carries a second copy of the Python archive"
    assert "cfg.install_central_starter(" in spec_text.split("COLLECT(")[1]
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["gui-scripts"]
    assert scripts[cfg.CENTRAL_NAME] == "checkpoint_app.central_app:main"
    launcher = _load("checkpoint_launcher", PACKAGING / "launcher.py")
    assert (cfg.CENTRAL_NAME, cfg.CENTRAL_FLAG) == (launcher.CENTRAL_NAME, launcher.CENTRAL_FLAG)


@pytest.mark.parametrize("system, name", [("posix", "checkpoint-central"), ("nt", "checkpoint-central.cmd")])
def test_the_office_starter_runs_the_app_with_the_flag(tmp_path, system, name):
    starter = cfg.install_central_starter(tmp_path, system)
    assert starter == tmp_path / name
    text = starter.read_text(encoding="utf-8")
    assert f"{cfg.APP_NAME}" in text and cfg.CENTRAL_FLAG in text
    if system == "posix":
        assert text.startswith("#!/bin/sh") and '"$@"' in text and os.access(starter, os.X_OK)
    else:
        assert "%*" in text and "%~dp0" in text


@pytest.mark.skipif(sys.platform == "win32", reason="the shell starter")
def test_the_shell_starter_passes_the_flag_and_arguments_through(tmp_path):
    """The starter found through a link elsewhere still runs the program beside it."""
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    program = bundle / cfg.APP_NAME
    program.write_text('#!/bin/sh\nprintf "%s|" "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    starter = cfg.install_central_starter(bundle, "posix")
    link = tmp_path / "on-the-desktop"
    link.symlink_to(starter)
    done = subprocess.run([str(link), "--db", "office file.sqlite3", "--lang", "en"],
                          capture_output=True, text=True, check=True)
    assert done.stdout == "--central|--db|office file.sqlite3|--lang|en|"


@pytest.mark.parametrize("program, central", [
    ("/opt/checkpoint-app/checkpoint-central", True),
    ("C:\\Program Files\\checkpoint-app\\checkpoint-central.exe" if sys.platform == "win32"
     else "/opt/checkpoint-app/checkpoint-central.exe", True),
    ("/opt/checkpoint-app/checkpoint-app", False),
    ("checkpoint-app", False),
    ("", False),
])
def test_the_launcher_picks_the_office_window_by_its_name(program, central):
    launcher = _load("checkpoint_launcher", PACKAGING / "launcher.py")
    assert launcher._is_central(program) is central


@pytest.mark.parametrize("argv, expected, rest", [
    (["/opt/checkpoint-app/checkpoint-app", "--central", "--db", "x.sqlite3"], "central", ["--db", "x.sqlite3"]),
    (["/opt/checkpoint-app/checkpoint-app", "--central"], "central", []),
    (["/opt/checkpoint-app/checkpoint-central", "--lang", "en"], "central", ["--lang", "en"]),
    (["/opt/checkpoint-app/checkpoint-app", "--lang", "en", "--central"], "station", ["--lang", "en", "--central"]),
    (["/opt/checkpoint-app/checkpoint-app"], "station", []),
])
def test_the_launcher_runs_the_office_window_for_the_flag_or_the_name(monkeypatch, argv, expected, rest):
    """--central counts only as the first argument and is taken off before the office's own
    options are parsed; anywhere else it is the station's (which refuses it as unknown)."""
    import types

    launcher = _load("checkpoint_launcher", PACKAGING / "launcher.py")
    ran = []
    office = types.ModuleType("checkpoint_app.central_app")
    office.main = lambda: ran.append(("central", sys.argv[1:])) or 0
    station = types.ModuleType("checkpoint_app.app")
    station.main = lambda: ran.append(("station", sys.argv[1:])) or 0
    monkeypatch.setitem(sys.modules, "checkpoint_app.central_app", office)
    monkeypatch.setitem(sys.modules, "checkpoint_app.app", station)
    monkeypatch.setattr(sys, "executable", "/opt/checkpoint-app/checkpoint-app")
    monkeypatch.setattr(sys, "argv", list(argv))
    assert launcher.run() == 0 and ran == [(expected, rest)]


def test_the_office_migrations_ship_when_the_office_code_is_there(monkeypatch, tmp_path):
    central = tmp_path / "checkpoint_app" / "central" / "migrations"
    (central / "versions").mkdir(parents=True)
    for name in ("env.py", "script.py.mako", "versions/c0001_office_schema.py"):
        (central / name).write_text("import sqlalchemy.dialects.postgresql\n", encoding="utf-8")
    monkeypatch.setattr(cfg, "ROOT", tmp_path)
    monkeypatch.setattr(cfg, "MIGRATIONS", tmp_path / "missing")
    monkeypatch.setattr(cfg, "CENTRAL_MIGRATIONS", central)
    shipped = {(Path(src).name, dest) for src, dest in cfg.migration_datas()}
    assert shipped == {("env.py", "checkpoint_app/central/migrations"),
                       ("script.py.mako", "checkpoint_app/central/migrations"),
                       ("c0001_office_schema.py", "checkpoint_app/central/migrations/versions")}
    assert "sqlalchemy.dialects.postgresql" in cfg.migration_imports()
