"""The daily report's figures and headline, one rule per row (core/daily_report.py), and
its layout as labelled tables (core/report_table.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from checkpoint_app.core.daily_report import (
    CATEGORIES,
    DailyReport,
    DayFigures,
    EntryFacts,
    ShiftSummary,
    check_day,
    is_alert,
    tally,
)
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.report_table import (
    Label,
    Phrase,
    appendix_table,
    cell_text,
    figure_tables,
    headline,
    seven_ones_cell,
)


def facts(direction="in", category="resident", decision="admit", **kw) -> EntryFacts:
    return EntryFacts(direction=direction, category=category, decision=decision, **kw)


# (what happened, the entries, the figures expected (attribute: value), zero report?)
CASES = [
    ("an empty day is a zero report", [], {"registered": 0, "entered": 0, "left": 0}, True),
    ("normal passes only", [facts(), facts("out"), facts(category="visitor")],
     {"registered": 3, "entered": 2, "left": 1, "alerts": 0}, True),
    ("a void entry counts nowhere", [facts(voided=True, fever=True, decision="refer", key_area=True)],
     {"registered": 0, "entered": 0, "fevers": 0, "referrals": 0, "key_area": 0}, True),
    ("a fever referred: fever, referral and alert; not let in",
     [facts(fever=True, decision="refer")], {"fevers": 1, "referrals": 1, "alerts": 1, "entered": 0}, False),
    ("a fever let in by override still counts as a fever",
     [facts(fever=True, decision="admit")], {"fevers": 1, "alerts": 0, "entered": 1}, False),
    ("a key-area refusal is a key-area arrival, not an alert",
     [facts(category="visitor", key_area=True, decision="refuse")],
     {"key_area": 1, "refusals": 1, "alerts": 0, "entered": 0}, False),
    ("a resident from a key area let in still breaks the zero report",
     [facts(key_area=True)], {"key_area": 1, "entered": 1}, False),
    ("a refusal for symptoms is an alert", [facts(category="visitor", symptoms="cough", decision="refuse")],
     {"refusals": 1, "alerts": 1}, False),
    ("a resident let in with symptoms is an alert (reported to the community)",
     [facts(symptoms="cough,fatigue")], {"alerts": 1, "entered": 1}, False),
    ("short of breath is referred: an alert", [facts(symptoms="short_breath", decision="refer")],
     {"referrals": 1, "alerts": 1, "fevers": 0}, False),
    ("the guard's own refusal is routine, still a zero report",
     [facts(category="visitor", decision="refuse")], {"refusals": 1, "alerts": 0, "registered": 1}, True),
    ("someone going out counts as left, by category",
     [facts("out", "delivery"), facts("out", "delivery")], {"left": 2, "entered": 0}, True),
    ("a correction counts once: the corrected entry is void",
     [facts(category="visitor", voided=True), facts(category="staff")], {"registered": 1, "entered": 1}, True),
]


@pytest.mark.parametrize("what, entries, expected, zero", CASES, ids=[c[0] for c in CASES])
def test_tally(what, entries, expected, zero):
    figures = tally(entries)
    assert {name: getattr(figures, name) for name in expected} == expected
    assert figures.zero_report is zero


@pytest.mark.parametrize("decision, symptoms, alert", [
    ("admit", "", False), ("refuse", "", False), ("refer", "", True), ("admit", "cough", True),
    ("refuse", "sore_throat", True), ("refer", "short_breath", True),
])
def test_is_alert(decision, symptoms, alert):
    assert is_alert(decision, symptoms) is alert


def test_categories_and_hours_add_up_to_the_totals():
    entries = [facts(direction, category, decision, local_hour=hour)
               for direction, category, decision, hour in [
                   ("in", "resident", "admit", 0), ("in", "visitor", "admit", 8), ("out", "visitor", "admit", 8),
                   ("in", "delivery", "refuse", 9), ("in", "staff", "refer", 23), ("out", "official", "admit", 23),
                   ("in", "other", "admit", 12)]]
    f = tally(entries)
    assert [c.category for c in f.by_category] == list(CATEGORIES)
    assert (f.category("visitor").entered, f.category("visitor").left) == (1, 1)
    assert (f.category("delivery").refused, f.category("staff").referred) == (1, 1)
    assert (f.entered, f.left) == (3, 2)
    assert sum(h.entered for h in f.hourly) == f.entered and sum(h.left for h in f.hourly) == f.left
    assert [(h.hour, h.entered, h.left) for h in f.hourly if h.entered or h.left] == [
        (0, 1, 0), (8, 1, 1), (12, 1, 0), (23, 0, 1)]  # refused and referred people did not pass
    assert len(f.hourly) == 24


@pytest.mark.parametrize("day, ok", [(dt.date(2026, 11, 29), True), (dt.date(2020, 1, 1), True),
                                     (dt.date(2026, 11, 30), False), (dt.date(2027, 1, 1), False)])
def test_a_future_day_is_refused(day, ok):
    today = dt.date(2026, 11, 29)
    if ok:
        assert check_day(day, today) == day
        return
    with pytest.raises(InvalidInput) as caught:
        check_day(day, today)
    [found] = caught.value.problems
    assert found.field == "day" and day.isoformat() in found.english() and "not happened yet" in found.english()


CST = dt.timezone(dt.timedelta(hours=8))


def report(figures: DayFigures, shifts=(), appendix=None) -> DailyReport:
    return DailyReport("翠湖小区东门", "JB-TSP-01", "重庆市江北区", dt.date(2026, 11, 29),
                       dt.datetime(2026, 11, 29, 20, 0, tzinfo=CST), "王队长", figures, tuple(shifts), appendix)


def test_headline_follows_the_zero_report():
    assert headline(report(tally([])))[0].text == "Zero report"
    assert headline(report(tally([facts(fever=True, decision="refer")])))[0].text == "Findings to report"


@pytest.mark.parametrize("shift, text", [
    (ShiftSummary(dt.datetime(2026, 11, 29, 0, tzinfo=dt.timezone.utc), None, ("甲",), None), "not checked"),
    (ShiftSummary(dt.datetime(2026, 11, 29, 0, tzinfo=dt.timezone.utc), None, ("甲",), True), "all present"),
    (ShiftSummary(dt.datetime(2026, 11, 29, 0, tzinfo=dt.timezone.utc), None, ("甲",), False, ("banner", "board")),
     "missing: Publicity board, Banner"),  # in the standard's order
    (ShiftSummary(dt.datetime(2026, 11, 29, 0, tzinfo=dt.timezone.utc), None, ("甲",), False, ("new_item",)),
     "missing: new_item"),  # an item this version does not know is shown by its code
])
def test_seven_ones_status(shift, text):
    assert cell_text(seven_ones_cell(shift)) == text


def test_tables_translate_labels_and_keep_names():
    shift = ShiftSummary(dt.datetime(2026, 11, 28, 23, tzinfo=dt.timezone.utc),
                         dt.datetime(2026, 11, 29, 11, tzinfo=dt.timezone.utc), ("张保安", "王队长"), True)
    tables = {t.key: t for t in figure_tables(report(tally([facts()]), [shift]))}
    assert list(tables) == ["summary", "categories", "vehicles", "hourly", "shifts"]
    loud = lambda context, text: text.upper()  # noqa: E731 - a translation anyone can see
    [row] = tables["shifts"].rows
    assert [cell_text(c, loud) for c in row] == ["07:00", "19:00", "张保安, 王队长", "ALL PRESENT"]
    assert isinstance(row[2], Phrase) and isinstance(row[3], Label)
    assert cell_text(tables["categories"].rows[-1][0], loud) == "TOTAL"
    assert appendix_table(report(tally([]))) is None  # not asked for: no table at all
