"""The daily report counts the households in home quarantine and the five dailies done
for them (居家隔离, 五个每日), in the window, the PDF and the CSV alike."""

from __future__ import annotations

from actors import guard, supervisor

from checkpoint_app.core.report_table import cell_text, figure_tables
from checkpoint_app.core.watchlist import WatchDraft

from checkpoint_app.services.report import csv_rows


def test_the_report_counts_households_in_quarantine_and_the_five_dailies_done(ctx):
    boss = supervisor(ctx)
    today = ctx.reports.today()
    first = ctx.watchlist.add(boss, WatchDraft(kind="home_quarantine", name="王五", room="3-5-502"))
    ctx.watchlist.add(boss, WatchDraft(kind="home_quarantine", name="王小五", room="3-5-502"))
    ctx.watchlist.add(boss, WatchDraft(kind="home_quarantine", name="李四", room="12-1-1801"))
    ctx.watchlist.tick(guard(ctx), first.uuid, today, "call")
    ctx.watchlist.tick(guard(ctx), first.uuid, today, "temp_am", reading="38.1")
    report = ctx.reports.daily(boss, today)
    assert (report.care.households, report.care.persons, report.care.fevers) == (2, 3, 1)
    (care,) = [t for t in figure_tables(report) if t.key == "care"]
    rows = {cell_text(r[0]): tuple(cell_text(c) for c in r[1:]) for r in care.rows}
    assert rows["Households in home quarantine"] == ("2", "")
    assert rows["Phone call"] == ("1", "3") and rows["Morning temperature"] == ("1", "3")
    assert rows["Rubbish"] == ("0", "3")
    assert rows["Fever readings at home"] == ("1", "")
    assert any("Households in home quarantine" in " ".join(row) for row in csv_rows(report))


def test_without_anyone_in_quarantine_the_table_is_left_out(ctx):
    report = ctx.reports.daily(supervisor(ctx), ctx.reports.today())
    assert report.care.persons == 0
    assert "care" not in [t.key for t in figure_tables(report)]
