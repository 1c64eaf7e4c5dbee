"""The Qt Linguist catalog (resources/i18n/checkpoint_zh_CN.ts) is complete, safe to format,
compiles, loads, and is in sync with the strings in checkpoint_app/.

If a test here fails after you added or changed a UI string, run `make update-translations`,
translate the new <message> entries in resources/i18n/checkpoint_zh_CN.ts (remove
type="unfinished"), and run the tests again.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "i18n" / "checkpoint_zh_CN.ts"
SOURCES = ROOT / "checkpoint_app"
TOOLS = Path(sys.executable).parent
LUPDATE = TOOLS / "pyside6-lupdate"
LRELEASE = TOOLS / "pyside6-lrelease"

PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}")
FIX_HINT = "run `make update-translations` and translate the new entries in " + str(TS_FILE.relative_to(ROOT))


def read_messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, <translation> element) for every message in a .ts file."""
    root = ET.parse(path).getroot()
    messages = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            messages.append((name, message.findtext("source") or "", message.find("translation")))
    return messages


def translation_texts(element: ET.Element) -> list[str]:
    """The translated text, or each plural form of a numerus message."""
    forms = element.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [element.text or ""]


def mnemonic_count(text: str) -> int:
    """Number of '&' keyboard mnemonics ('&&' is a literal ampersand)."""
    return text.replace("&&", "").count("&")


def tool(path: Path) -> Path:
    assert path.exists(), f"{path.name} not found next to {sys.executable}; install PySide6 in the venv (make test)"
    return path


MESSAGES = read_messages(TS_FILE)
IDS = [f"{ctx}:{src[:40]}" for ctx, src, _ in MESSAGES]


def test_catalog_declares_simplified_chinese_and_has_messages():
    root = ET.parse(TS_FILE).getroot()
    assert root.get("language") == "zh_CN"
    assert len(MESSAGES) > 100


@pytest.mark.parametrize(("context", "source", "translation"), MESSAGES, ids=IDS)
def test_every_message_is_translated_and_finished(context, source, translation):
    assert translation is not None, f"[{context}] {source!r} has no <translation>; {FIX_HINT}"
    assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), (
        f"[{context}] {source!r} is {translation.get('type')}; {FIX_HINT}")
    for text in translation_texts(translation):
        assert text.strip(), f"[{context}] {source!r} has an empty translation; {FIX_HINT}"


@pytest.mark.parametrize(("context", "source", "translation"), MESSAGES, ids=IDS)
def test_translation_keeps_the_same_placeholders(context, source, translation):
    expected = set(PLACEHOLDER.findall(source))
    for text in translation_texts(translation):
        assert set(PLACEHOLDER.findall(text)) == expected, f"[{context}] {source!r} -> {text!r}"
        if expected:
            # The translation must survive str.format() exactly like the source does.
            text.format(**{p.strip("{}"): "x" for p in expected})


@pytest.mark.parametrize(("context", "source", "translation"), MESSAGES, ids=IDS)
def test_translation_keeps_keyboard_mnemonics(context, source, translation):
    for text in translation_texts(translation):
        assert mnemonic_count(text) == mnemonic_count(source), f"[{context}] {source!r} -> {text!r}"


@pytest.mark.parametrize(("context", "source", "translation"), MESSAGES, ids=IDS)
def test_translation_keeps_trailing_ellipsis_of_menu_items(context, source, translation):
    if source.endswith("…"):
        for text in translation_texts(translation):
            assert text.endswith("…"), f"[{context}] {source!r} -> {text!r}"


@pytest.fixture(scope="module")
def compiled_qm(tmp_path_factory) -> Path:
    qm = tmp_path_factory.mktemp("qm") / "checkpoint_zh_CN.qm"
    result = subprocess.run([str(tool(LRELEASE)), str(TS_FILE), "-qm", str(qm)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 unfinished" in result.stdout, result.stdout
    assert qm.exists() and qm.stat().st_size > 0
    return qm


def test_compiled_catalog_loads_and_translates(compiled_qm):
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(compiled_qm)), f"QTranslator could not load {compiled_qm}"
    assert translator.language() == "zh_CN"
    assert translator.translate("labels", "Resident") == "居民"
    assert translator.translate("labels", "Refuse") == "劝返"
    assert translator.translate("MainWindow", "Checkpoint Register") == "卡口登记"
    assert translator.translate("MainWindow", "&Station") == "站点(&S)"
    threshold_msg = "The fever threshold must be between 37.0 and 38.5 °C."
    assert "°C" in translator.translate("problems", threshold_msg)
    assert translator.translate("labels", "no such source text") == ""


def test_catalog_is_in_sync_with_the_sources(tmp_path):
    """Re-scan checkpoint_app/ exactly as `make update-translations` does, into a copy of the
    catalog: it must find no UI string that the catalog does not already hold."""
    copy = tmp_path / TS_FILE.name
    shutil.copyfile(TS_FILE, copy)
    sources = sorted(str(p) for p in SOURCES.rglob("*.py"))
    result = subprocess.run([str(tool(LUPDATE)), "-locations", "none", "-no-obsolete", *sources, "-ts", str(copy)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    before = {(ctx, src) for ctx, src, _ in MESSAGES}
    after = {(ctx, src) for ctx, src, _ in read_messages(copy)}
    new = sorted(after - before)
    assert not new, (f"{len(new)} UI string(s) in checkpoint_app/ are missing from the catalog; {FIX_HINT}:\n"
                     + "\n".join(f"  [{ctx}] {src!r}" for ctx, src in new))
    unfinished = [(ctx, src) for ctx, src, tr in read_messages(copy)
                  if tr is None or tr.get("type") == "unfinished"]
    assert not unfinished, f"untranslated after re-scan; {FIX_HINT}: {unfinished}"
