"""The daily report service: the figures of a day with known counts, the zero report, the
future day refused, the guard refused (audited), the shifts, the personal appendix (off
unless asked for, audited), and the CSV in both encodings read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os

import pytest
from actors import guard, supervisor
from report_day import CST, DAY, EXPECTED, FEVER_NAME, HUBEI_ID, KEY_AREA_NAME, at, make_day, resident
from sqlmodel import col, select

from checkpoint_app.core.daily_report import EntryFacts, tally
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.progress import Cancelled, Progress
from checkpoint_app.core.roles import NotPermitted

from checkpoint_app.db import report_queries
from checkpoint_app.db.models import AuditEvent, Passage, PersonCheck

from checkpoint_app.services.report import OutputFile, csv_rows


@pytest.fixture
def out(tmp_path):
    """An empty folder for the files written (tmp_path also holds the station's data)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def day(ctx, clock):
    make_day(ctx, clock)
    return DAY


def audit(ctx, action: str) -> list[AuditEvent]:
    with ctx.session() as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.action == action).order_by(col(AuditEvent.id))))


def test_figures_of_a_day_with_known_counts(ctx, day):
    report = ctx.reports.daily(supervisor(ctx), day)
    f = report.figures
    for name in ("registered", "entered", "left", "fevers", "referrals", "refusals", "key_area", "alerts"):
        assert getattr(f, name) == EXPECTED[name], name
    assert {c.category: (c.entered, c.left, c.refused, c.referred) for c in f.by_category} == EXPECTED["by_category"]
    assert {h.hour: h.entered for h in f.hourly if h.entered} == EXPECTED["hourly_in"]
    assert {h.hour: h.left for h in f.hourly if h.left} == EXPECTED["hourly_out"]
    assert not report.zero_report
    assert (report.station_name, report.station_code, report.made_by) == ("翠湖小区东门", "JB-TSP-01", "王队长")
    assert report.appendix is None  # off unless asked for


def test_the_sql_figures_are_the_core_definition(ctx, day):
    """day_figures (GROUP BY in SQL) and tally (one entry at a time) agree on every entry of the day."""
    with ctx.session() as session:
        entries = session.exec(select(Passage, PersonCheck).join(PersonCheck, PersonCheck.passage_id == Passage.id)
                               .where(Passage.local_date == day)).all()
        sql = report_queries.day_figures(session.connection(), day)

    def local_hour(e: Passage) -> int:
        return (e.recorded_at.replace(tzinfo=dt.timezone.utc) + dt.timedelta(minutes=e.utc_offset_min)).hour

    facts = [EntryFacts(e.direction, p.category, e.decision, p.fever, p.key_area, p.symptoms, e.voided, local_hour(e))
             for e, p in entries]
    assert len(facts) == 15  # 13 counted, one void, one void by its correction
    assert sql == tally(facts)


def test_the_hour_is_the_entrys_own_local_time(ctx, clock):
    """An entry made with another UTC offset (the laptop's zone changed) goes to the hour
    the station's clock showed then, and crossing midnight UTC changes nothing."""
    at(clock, 1, 30)  # 17:30 UTC the day before
    ctx.register.save(guard(ctx), resident())
    clock.now = dt.datetime(2026, 11, 29, 22, 15, tzinfo=dt.timezone(dt.timedelta(hours=-5)))  # 2026-11-30 03:15 UTC
    ctx.register.save(guard(ctx), resident())
    clock.now = dt.datetime(2026, 11, 30, 12, 0, tzinfo=CST)
    figures = ctx.reports.daily(supervisor(ctx), DAY).figures
    assert {h.hour: h.entered for h in figures.hourly if h.entered} == {1: 1, 22: 1}


@pytest.mark.parametrize("what", ["no entries", "normal passes only"])
def test_a_zero_report(ctx, clock, what):
    if what == "normal passes only":
        for hour in (8, 9, 10):
            at(clock, hour)
            ctx.register.save(guard(ctx), resident())
        at(clock, 11)
        ctx.register.save(guard(ctx), resident(direction="out"))
    report = ctx.reports.daily(supervisor(ctx), DAY)
    assert report.zero_report
    assert (report.figures.entered, report.figures.left) == ((3, 1) if what != "no entries" else (0, 0))


def test_a_future_day_is_refused_today_and_the_past_are_not(ctx, clock):
    at(clock, 23, 59)
    with pytest.raises(InvalidInput) as caught:
        ctx.reports.daily(supervisor(ctx), DAY + dt.timedelta(days=1))
    assert caught.value.for_field("day")
    assert ctx.reports.daily(supervisor(ctx), DAY).zero_report
    assert ctx.reports.daily(supervisor(ctx), dt.date(2019, 1, 1)).zero_report


def test_a_guard_is_refused_and_the_refusal_is_audited(ctx, day):
    with pytest.raises(NotPermitted):
        ctx.reports.daily(guard(ctx), day)
    with pytest.raises(NotPermitted):
        ctx.reports.daily(None, day)
    refused = audit(ctx, "refused")
    assert [(e.subject, e.outcome) for e in refused[-2:]] == [("print_report", "refused")] * 2


def test_shifts_on_duty_during_the_day(ctx, day):
    shifts = ctx.reports.daily(supervisor(ctx), day).shifts
    assert [(s.started_at.astimezone(CST).hour, s.ended_at is None) for s in shifts] == [(20, False), (8, True)]
    night, today = shifts
    assert night.operators == ("张保安",) and night.seven_ones_ok is True and night.missing == ()
    assert set(today.operators) == {"张保安", "王队长"}
    assert today.seven_ones_ok is False and set(today.missing) == {"banner", "loudspeaker"}


def test_the_appendix_lists_the_persons_to_follow_up_with_ids_masked_and_is_audited(ctx, day):
    report = ctx.reports.daily(supervisor(ctx), day, appendix=True)
    assert [p.name for p in report.appendix] == [FEVER_NAME, KEY_AREA_NAME, "咳嗽丙"]
    key = report.appendix[1]
    assert key.id_number_masked == HUBEI_ID[:6] + "*" * 8 + HUBEI_ID[-4:] and key.phone_masked == "138****5678"
    assert key.key_area and key.decision == "refuse" and key.local_time.hour == 12
    assert report.appendix[0].fever and report.appendix[0].temperature == 384
    assert report.appendix[2].symptoms == ("cough",)
    [event] = audit(ctx, "report_appendix")
    assert json.loads(event.detail) == {"day": "2026-11-29", "persons": 3}
    assert HUBEI_ID not in event.detail and KEY_AREA_NAME not in event.detail


def test_progress_is_reported_and_a_cancel_stops_the_work(ctx, day):
    progress = Progress(cancellable=True)
    ctx.reports.daily(supervisor(ctx), day, progress)
    assert progress.latest.fraction() == 1.0
    progress = Progress(cancellable=True)
    progress.cancel()
    with pytest.raises(Cancelled):
        ctx.reports.daily(supervisor(ctx), day, progress)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_csv_in_both_encodings_reads_back(ctx, day, out, encoding):
    report = ctx.reports.daily(supervisor(ctx), day, appendix=True)
    path = out / "日报.csv"
    chinese = {"Daily report": "日报", "Findings to report": "有情况上报", "Fevers": "发热"}
    ctx.reports.write_csv(supervisor(ctx), report, path, encoding, tr=lambda context, text: chinese.get(text, text))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")  # the BOM tells Excel it is UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode(encoding), newline="")))
    assert rows[0] == ["日报", "翠湖小区东门", "JB-TSP-01", "重庆市江北区", "2026-11-29"]
    assert rows[1][0] == "有情况上报"
    assert ["发热", "1"] in rows
    assert ["Total", "6", "3", "3", "1"] in rows
    assert ["07:00–08:00", "3", "0"] in rows
    assert raw.count(b"\r\n") == len(rows)
    text = raw.decode(encoding)
    assert FEVER_NAME not in text and KEY_AREA_NAME not in text and HUBEI_ID[-4:] not in text  # figures only
    [event] = audit(ctx, "report_printed")
    assert json.loads(event.detail) == {"day": "2026-11-29", "format": "csv", "appendix": True}
    assert os.listdir(out) == ["日报.csv"]  # no temporary file left behind


def test_csv_cells_never_run_as_formulas(ctx, day):
    report = ctx.reports.daily(supervisor(ctx), day)
    evil = report.__class__(**{**report.__dict__, "station_name": "=HYPERLINK(\"x\")", "made_by": "-1+2"})
    rows = csv_rows(evil)
    assert rows[0][1] == "'=HYPERLINK(\"x\")" and rows[-1][0] == "'-1+2"


def test_csv_bad_encoding_and_unwritable_places(ctx, day, out):
    report = ctx.reports.daily(supervisor(ctx), day)
    with pytest.raises(InvalidInput) as caught:
        ctx.reports.write_csv(supervisor(ctx), report, out / "a.csv", "latin-1")
    assert caught.value.for_field("encoding")
    for place in (out / "missing" / "a.csv", out):
        with pytest.raises(InvalidInput) as caught:
            ctx.reports.write_csv(supervisor(ctx), report, place, "gb18030")
        assert caught.value.for_field("output") and str(place) in caught.value.problems[0].english()
    assert not audit(ctx, "report_printed") and not os.listdir(out)
    locked = out / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if not os.access(locked, os.W_OK):  # (root may write anywhere)
            with pytest.raises(InvalidInput):
                ctx.reports.write_csv(supervisor(ctx), report, locked / "a.csv", "gb18030")
    finally:
        locked.chmod(0o700)
    assert not list(locked.iterdir())


def test_a_guard_cannot_write_the_csv(ctx, day, out):
    report = ctx.reports.daily(supervisor(ctx), day)
    with pytest.raises(NotPermitted):
        ctx.reports.write_csv(guard(ctx), report, out / "a.csv")
    assert not os.listdir(out)


def test_an_output_file_left_uncommitted_leaves_nothing(tmp_path):
    target = tmp_path / "r.pdf"
    target.write_text("the old report")
    with OutputFile(target) as out:
        out.temp.write_text("half")
    assert target.read_text() == "the old report" and os.listdir(tmp_path) == ["r.pdf"]
    with OutputFile(target) as out:
        out.temp.write_text("new")
        out.commit()
    assert target.read_text() == "new" and os.listdir(tmp_path) == ["r.pdf"]
