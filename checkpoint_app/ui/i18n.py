"""Translations (Qt Linguist .qm files) and the translated labels of the core's codes."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from checkpoint_app.core.problems import CONTEXT as PROBLEMS_CONTEXT
from checkpoint_app.core.problems import Problem

log = logging.getLogger("checkpoint.ui")

LANGUAGES = ("zh_CN", "en")


def translations_dir() -> Path:
    """resources/i18n beside the package, or inside a PyInstaller bundle."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources" / "i18n"


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load the app's and Qt's own translations for `language`; English needs none."""
    translators: list[QTranslator] = []
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return translators
    own = QTranslator(app)
    if own.load(f"checkpoint_{language}", str(translations_dir())):
        translators.append(own)
    else:
        log.warning("no translation file for %s in %s", language, translations_dir())
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt)
    for translator in translators:
        app.installTranslator(translator)
    return translators


def problem_text(p: Problem) -> str:
    """The problem's message in the user's language, placeholders filled."""
    return QCoreApplication.translate(PROBLEMS_CONTEXT, p.template).format(**p.params)


def _t(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def direction_label(code: str) -> str:
    return {"in": _t("In"), "out": _t("Out")}.get(code, code)


def category_label(code: str) -> str:
    return {
        "resident": _t("Resident"), "visitor": _t("Visitor"), "delivery": _t("Delivery/courier"),
        "staff": _t("Staff/worker"), "official": _t("Official/emergency"), "other": _t("Other"),
    }.get(code, code)


def decision_label(code: str) -> str:
    return {"admit": _t("Admit"), "refuse": _t("Refuse"), "refer": _t("Refer to fever clinic")}.get(code, code)


def doc_type_label(code: str) -> str:
    return {
        "resident_id": _t("Resident ID card"), "hk_macau_permit": _t("HK/Macau permit"),
        "taiwan_permit": _t("Taiwan permit"), "passport": _t("Passport"), "other": _t("Other document"),
    }.get(code, code)


def symptom_label(code: str) -> str:
    return {"cough": _t("Cough"), "sore_throat": _t("Sore throat"), "fatigue": _t("Fatigue"),
            "short_breath": _t("Short of breath")}.get(code, code)


def station_type_label(code: str) -> str:
    return {
        "compound_gate": _t("Residential compound gate"), "road_checkpoint": _t("Road checkpoint"),
        "enterprise": _t("Enterprise"), "market": _t("Market"), "other": _t("Other"),
    }.get(code, code)


def reason_label(code: str) -> str:
    return {
        "fever": _t("fever confirmed on re-measure"), "short_breath": _t("short of breath"),
        "key_area": _t("arrived from a key area within the observation window"),
        "symptoms": _t("has symptoms"), "symptoms_report": _t("has symptoms: report to the community"),
        "key_area_report": _t("key-area arrival: report to the community for home observation"),
    }.get(code, code)


def province_label(province) -> str:
    return province.name if QLocale().language() == QLocale.Language.Chinese else province.english
