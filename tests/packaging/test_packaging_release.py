"""What a supervisor is handed (issue 10 item 6), checked without building: the icon, the
Linux desktop entry, the zip's name, and the hosted CI's bundle workflow."""

from __future__ import annotations

import configparser
import importlib.util
import re
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _zip_module():
    spec = importlib.util.spec_from_file_location("checkpoint_zip_bundle", ROOT / "packaging" / "zip_bundle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("size", [16, 32, 48, 64, 128, 256])
def test_the_icon_is_there_in_every_size(size):
    from PySide6.QtGui import QImage

    image = QImage(str(ROOT / "resources" / "icons" / f"checkpoint-{size}.png"))
    assert not image.isNull() and (image.width(), image.height()) == (size, size) and image.hasAlphaChannel()


def test_the_app_and_the_bundle_find_the_icon(qapp):
    from checkpoint_app.ui.theme import app_icon

    icon = app_icon()
    assert not icon.isNull() and len(icon.availableSizes()) == 6
    cfg_spec = importlib.util.spec_from_file_location("cfg", ROOT / "packaging" / "bundle_config.py")
    cfg = importlib.util.module_from_spec(cfg_spec)
    cfg_spec.loader.exec_module(cfg)
    assert len(cfg.icon_datas()) == 6 and {d for _s, d in cfg.icon_datas()} == {"resources/icons"}
    assert "cfg.icon_datas()" in (ROOT / "packaging" / "checkpoint.spec").read_text(encoding="utf-8")


def test_the_desktop_entry_is_valid():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(ROOT / "resources" / "checkpoint-app.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Exec"] == "checkpoint-app" and desktop["Terminal"] == "false"
    assert desktop["Name[zh_CN]"] == "卡口登记" and desktop["Icon"] == "checkpoint-app"
    assert desktop["Categories"].endswith(";") and desktop["Keywords"].endswith(";")


def test_the_zip_is_named_with_the_version_and_holds_the_bundle(tmp_path):
    module = _zip_module()
    assert re.fullmatch(r"checkpoint-app-\d+\.\d+\.\d+-[a-z]+-[a-z0-9_]+", module.archive_name())
    bundle = tmp_path / "checkpoint-app"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "checkpoint-app").write_bytes(b"program")
    assert module.main(["zip_bundle", str(tmp_path)]) == 0
    archive = tmp_path / (module.archive_name() + ".zip")
    names = set(zipfile.ZipFile(archive).namelist())
    assert {"checkpoint-app/checkpoint-app", "checkpoint-app/checkpoint-app.desktop",
            "checkpoint-app/checkpoint-app.png"} <= names
    assert module.main(["zip_bundle", str(tmp_path / "nothing")]) == 2


def test_the_bundle_workflow_builds_on_windows_without_os_specific_paths():
    text = (ROOT / ".github" / "workflows" / "bundle.yml").read_text(encoding="utf-8")
    assert "windows-latest" in text and "packaging/checkpoint.spec" in text and "--self-test" in text
    assert "requirements.lock" in text and "zip_bundle.py" in text
    assert "\\" not in text and not re.search(r"\b[A-Z]:/", text)  # no Windows paths
    spec = (ROOT / "packaging" / "checkpoint.spec").read_text(encoding="utf-8")
    assert "\\\\" not in spec and "/home/" not in spec and "C:" not in spec
