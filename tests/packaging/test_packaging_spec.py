"""The PyInstaller bundle's contents, checked without building it (milliseconds).

`make bundle` builds the real thing and runs its --self-test; these tests catch the
usual ways a source change breaks the bundle first: a migration importing a module
nobody else imports, an import of an excluded Qt module, a moved data folder.
"""

from __future__ import annotations

import ast
import importlib.util
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


# --- batches and the office: pyrage, cryptography, psycopg, checkpoint-central ---------------

def test_batch_and_office_dependencies_are_hidden_imports():
    hidden = cfg.hidden_imports()
    for name in ("pyrage", "cryptography.hazmat.primitives.asymmetric.ed25519", "psycopg", "psycopg_binary",
                 "sqlalchemy.dialects.postgresql.psycopg", "alembic.ddl.postgresql"):
        assert name in hidden, name
        assert importlib.util.find_spec(name) is not None, name


def test_the_spec_builds_checkpoint_central_too():
    spec_text = (PACKAGING / "checkpoint.spec").read_text(encoding="utf-8")
    assert "name=cfg.CENTRAL_NAME" in spec_text and "central," in spec_text.split("COLLECT(")[1]
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["gui-scripts"]
    assert scripts[cfg.CENTRAL_NAME] == "checkpoint_app.central_app:main"
    assert cfg.CENTRAL_NAME == _load("checkpoint_launcher", PACKAGING / "launcher.py").CENTRAL_NAME


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


def test_the_launcher_started_as_checkpoint_central_runs_the_office_window(monkeypatch):
    import types

    launcher = _load("checkpoint_launcher", PACKAGING / "launcher.py")
    ran = []
    office = types.ModuleType("checkpoint_app.central_app")
    office.main = lambda: ran.append("central") or 0
    monkeypatch.setitem(sys.modules, "checkpoint_app.central_app", office)
    monkeypatch.setattr(sys, "executable", "/opt/checkpoint-app/checkpoint-central")
    monkeypatch.setattr(sys, "argv", ["/opt/checkpoint-app/checkpoint-central"])
    assert launcher.run() == 0 and ran == ["central"]


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
