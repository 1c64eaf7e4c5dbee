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


def icons_dir() -> Path:
    """resources/icons (the app's icon as PNGs of several sizes), found as the translations are."""
    return translations_dir().parent / "icons"


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



translate = QCoreApplication.translate


def direction_label(code: str) -> str:
    return {"in": translate("labels", "In"), "out": translate("labels", "Out")}.get(code, code)


def category_label(code: str) -> str:
    return {
        "resident": translate("labels", "Resident"), "visitor": translate("labels", "Visitor"), "delivery": translate("labels", "Delivery/courier"),
        "staff": translate("labels", "Staff/worker"), "official": translate("labels", "Official/emergency"), "other": translate("labels", "Other"),
    }.get(code, code)


def vehicle_category_label(code: str) -> str:
    from checkpoint_app.core.vehicle_categories import label

    return translate("labels", label(code))


def role_label(code: str) -> str:
    return {"guard": translate("labels", "guard"), "supervisor": translate("labels", "supervisor")}.get(code, code)


def decision_label(code: str) -> str:
    return {"admit": translate("labels", "Admit"), "refuse": translate("labels", "Refuse"), "refer": translate("labels", "Refer to fever clinic")}.get(code, code)


def doc_type_label(code: str) -> str:
    return {
        "resident_id": translate("labels", "Resident ID card"), "hk_macau_permit": translate("labels", "HK/Macau permit"),
        "taiwan_permit": translate("labels", "Taiwan permit"), "passport": translate("labels", "Passport"), "other": translate("labels", "Other document"),
    }.get(code, code)


def symptom_label(code: str) -> str:
    return {"cough": translate("labels", "Cough"), "sore_throat": translate("labels", "Sore throat"), "fatigue": translate("labels", "Fatigue"),
            "short_breath": translate("labels", "Short of breath")}.get(code, code)


def station_type_label(code: str) -> str:
    return {
        "compound_gate": translate("labels", "Residential compound gate"), "road_checkpoint": translate("labels", "Road checkpoint"),
        "enterprise": translate("labels", "Enterprise"), "market": translate("labels", "Market"), "other": translate("labels", "Other"),
    }.get(code, code)


def reason_label(code: str) -> str:
    return {
        "fever": translate("labels", "fever confirmed on re-measure"), "short_breath": translate("labels", "short of breath"),
        "key_area": translate("labels", "arrived from a key area within the observation window"),
        "symptoms": translate("labels", "has symptoms"), "symptoms_report": translate("labels", "has symptoms: report to the community"),
        "key_area_report": translate("labels", "key-area arrival: report to the community for home observation"),
        "closed": translate("labels", "closed management: not a resident"),
        "watchlist": translate("labels", "under home quarantine: may not go out"),
        "watchlist_report": translate("labels", "under home quarantine: coming home, report to the community"),
    }.get(code, code)


def province_label(province) -> str:
    return province.name if QLocale().language() == QLocale.Language.Chinese else province.english


def audit_action_label(code: str) -> str:
    """An audit event's action, or the action a refusal names (core/roles.py Action values)."""
    return {
        # what the audit log records
        "login": translate("audit", "Log in"), "logout": translate("audit", "Log out"),
        "lockout": translate("audit", "Locked out (wrong PINs)"), "idle_lock": translate("audit", "Idle lock"),
        "switch": translate("audit", "Operator switch"), "reveal": translate("audit", "Reveal ID number or phone"),
        "void": translate("audit", "Void an entry"), "correct": translate("audit", "Correct an entry"),
        "edit_station": translate("audit", "Edit the station profile"), "edit_rules": translate("audit", "Edit the rules"),
        "operator_created": translate("audit", "Operator added"), "operator_changed": translate("audit", "Operator changed"),
        "pin_set": translate("audit", "PIN set"), "refused": translate("audit", "Refused"),
        "report_printed": translate("audit", "Report printed"), "shift_started": translate("audit", "Shift started"),
        "shift_handover": translate("audit", "Shift handed over"), "shift_ended": translate("audit", "Shift ended"),
        "seven_ones_checked": translate("audit", "Seven-ones check"),
        "operator_unlocked": translate("audit", "Operator's lock lifted"),
        "correction_opened": translate("audit", "Entry opened in full for correction"),
        "report_appendix": translate("audit", "Report with the personal appendix"),
        "watch_added": translate("audit", "Watchlist entry added"),
        "watch_edited": translate("audit", "Watchlist entry changed"),
        "watch_lifted": translate("audit", "Watchlist entry lifted"),
        "watchlist_imported": translate("audit", "Watchlist imported"),
        "watch_opened": translate("audit", "Watchlist entry opened in full to edit"),
        "daily_care_undone": translate("audit", "Five dailies: tick undone"),
        # what a refusal names besides those above
        "register": translate("audit", "Register a person"), "check_out": translate("audit", "Check a person out"),
        "view_masked": translate("audit", "View the register"), "run_shift": translate("audit", "Run a shift"),
        "manage_operators": translate("audit", "Manage operators"), "print_report": translate("audit", "Print a report"),
        "view_audit": translate("audit", "View the audit log"),
        "export_batch": translate("audit", "Write a batch for the district office"),
        "manage_central_keys": translate("audit", "Manage the office's keys"),
        "backup": translate("audit", "Register backed up (or restored)"),  # issue 10 (services/backups.py)
        # batches for the district office (services/batches.py)
        "station_key_made": translate("audit", "Station signing key made"),
        "central_key_imported": translate("audit", "Office key imported"),
        "enrollment_written": translate("audit", "Enrollment file written"),
        "batch_exported": translate("audit", "Batch written"), "batch_rewritten": translate("audit", "Batch written again"),
        "batches_acknowledged": translate("audit", "Acknowledgements read"),
        "purge": translate("audit", "Purge old entries"),
        "manage_residents": translate("audit", "Manage residents"),
        "manage_watchlist": translate("audit", "Manage the watchlist"),
        "daily_care": translate("audit", "Five dailies"),
    }.get(code, code)
