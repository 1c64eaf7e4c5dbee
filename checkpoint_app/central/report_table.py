"""The district report (central/district.py) as rows of cells, one layout for the XLSX,
the PDF and the office window: labels are English templates marked for translation
(context "district"), translated by the caller's `tr` (the catalogue's, or English).

Every spreadsheet cell goes through the app's one helper (core/cells.py `xlsx_cell`): text
is never a formula, and one starting with =, +, -, @, a tab or CR (or digits a spreadsheet
would damage) also gets the quote prefix (BRIEF §3); codes stay text."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

from checkpoint_app.central.district import LATE, MISSING, ON_TIME, TOTALS, DistrictReport

from checkpoint_app.core.cells import xlsx_cell
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP

Translate = Callable[[str, str], str]
CONTEXT = "district"


def english(_context: str, text: str) -> str:
    return text


TITLE = QT_TRANSLATE_NOOP("district", "District report of the checkpoints (区卡口日报汇总)")
DAY = QT_TRANSLATE_NOOP("district", "Day")
DEADLINE = QT_TRANSLATE_NOOP("district", "Reports due by")
SUMMARY_HEADERS = (
    QT_TRANSLATE_NOOP("district", "Sub-district"), QT_TRANSLATE_NOOP("district", "Expected posts"),
    QT_TRANSLATE_NOOP("district", "Reported"), QT_TRANSLATE_NOOP("district", "Zero reports"),
    QT_TRANSLATE_NOOP("district", "On time"), QT_TRANSLATE_NOOP("district", "Late"),
    QT_TRANSLATE_NOOP("district", "Missing"), QT_TRANSLATE_NOOP("district", "Missing posts"),
)
TOTAL_LABELS = {
    "persons": QT_TRANSLATE_NOOP("district", "Persons"), "vehicles": QT_TRANSLATE_NOOP("district", "Vehicles"),
    "fevers": QT_TRANSLATE_NOOP("district", "Fevers"), "referrals": QT_TRANSLATE_NOOP("district", "Referrals"),
    "refused": QT_TRANSLATE_NOOP("district", "Refusals"),
    "key_area": QT_TRANSLATE_NOOP("district", "Key-area arrivals"),
    "alerts": QT_TRANSLATE_NOOP("district", "Watchlist alerts"),
}
ALL = QT_TRANSLATE_NOOP("district", "All sub-districts")
POST_HEADERS = (
    QT_TRANSLATE_NOOP("district", "Sub-district"), QT_TRANSLATE_NOOP("district", "Post"),
    QT_TRANSLATE_NOOP("district", "Code"), QT_TRANSLATE_NOOP("district", "Status"),
    QT_TRANSLATE_NOOP("district", "Zero report"), QT_TRANSLATE_NOOP("district", "Imported at"),
)
STATUS = {ON_TIME: QT_TRANSLATE_NOOP("district", "on time"), LATE: QT_TRANSLATE_NOOP("district", "late"),
          MISSING: QT_TRANSLATE_NOOP("district", "missing (no report)")}
YES = QT_TRANSLATE_NOOP("district", "yes")
NOT_ACTIVE = QT_TRANSLATE_NOOP("district", "Enrolled but not expected that day")
SUMMARY_SHEET = QT_TRANSLATE_NOOP("district", "Summary")
POSTS_SHEET = QT_TRANSLATE_NOOP("district", "Posts")


def summary_rows(report: DistrictReport, tr: Translate = english) -> list[list[Any]]:
    """The per sub-district table: counts, the missing posts named, and the totals."""
    headers = [tr(CONTEXT, h) for h in SUMMARY_HEADERS] + [tr(CONTEXT, TOTAL_LABELS[k]) for k, _ in TOTALS]
    rows: list[list[Any]] = [headers]
    for group in report.groups:
        totals = group.totals()
        rows.append([group.district, group.expected, len(group.reported), len(group.zero), len(group.on_time),
                     len(group.late), len(group.missing), "、".join(p.name or p.code for p in group.missing)]
                    + [totals[k] for k, _ in TOTALS])
    counts, totals = report.counts(), report.totals()
    rows.append([tr(CONTEXT, ALL), counts["expected"], counts["reported"], counts["zero"], counts["on_time"],
                 counts["late"], counts["missing"], ""] + [totals[k] for k, _ in TOTALS])
    return rows


def post_rows(report: DistrictReport, tr: Translate = english) -> list[list[Any]]:
    """Every expected post and how it reported."""
    rows: list[list[Any]] = [[tr(CONTEXT, h) for h in POST_HEADERS] + [tr(CONTEXT, TOTAL_LABELS[k]) for k, _ in TOTALS]]
    for group in report.groups:
        for post in group.posts:
            imported = post.imported_at.astimezone(report.deadline.tzinfo).strftime("%Y-%m-%d %H:%M") \
                if post.imported_at else ""
            rows.append([group.district, post.name, post.code, tr(CONTEXT, STATUS[post.status]),
                         tr(CONTEXT, YES) if post.zero_report else "", imported]
                        + [post.figures.get(k, "") if post.status != MISSING else "" for k, _ in TOTALS])
    return rows


def heading(report: DistrictReport, tr: Translate = english) -> list[str]:
    return [tr(CONTEXT, TITLE), f"{tr(CONTEXT, DAY)}: {report.day.isoformat()}",
            f"{tr(CONTEXT, DEADLINE)}: {report.deadline.strftime('%Y-%m-%d %H:%M %z')}"]


def write_xlsx(report: DistrictReport, path: Path, tr: Translate = english) -> None:
    """Two sheets (summary, posts), written under a temporary name and renamed."""
    from openpyxl import Workbook

    book = Workbook()
    summary = book.active
    summary.title = tr(CONTEXT, SUMMARY_SHEET)[:31]
    rows: list[list[Any]] = [[line] for line in heading(report, tr)] + [[]] + summary_rows(report, tr)
    if report.not_active:
        rows += [[], [tr(CONTEXT, NOT_ACTIVE), "、".join(report.not_active)]]
    _fill(summary, rows)
    posts = book.create_sheet(tr(CONTEXT, POSTS_SHEET)[:31])
    _fill(posts, post_rows(report, tr))
    temporary = path.with_name(path.name + ".partial")
    try:
        book.save(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _fill(sheet: Any, rows: list[list[Any]]) -> None:
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None or isinstance(value, bool) or not isinstance(value, int | float | str):
                value = "" if value is None else str(value)  # the report's cells: numbers or text
            xlsx_cell(sheet, r, c, value)
