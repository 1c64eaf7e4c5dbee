"""The retention purge (issue 10 item 1): people's data erased after the retention period,
never before the district office acknowledged it; gone from the file's bytes (the
write-ahead log included), not just hidden; the daily report's counts unchanged."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from contextlib import closing

import pytest
from actors import guard, supervisor
from batch_station import acknowledge, with_keys

from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.retention import check_retention_days, purge_before
from checkpoint_app.core.roles import NotPermitted
from checkpoint_app.core.vehicle import OccupantDraft, VehicleDraft

from checkpoint_app.db import driver

CST = dt.timezone(dt.timedelta(hours=8))
# distinctive values, searched for in the file's bytes after the purge
OLD = [dict(name="欧阳娜娜", id_number="110105194912310038", phone="13912345678"),
       dict(name="司马青衫", id_number="11010519491231002X", phone="13698765432")]
NEW = dict(name="诸葛明亮", id_number="510104198001010014", phone="13544445555")


def at(clock, day: dt.date, hour: int = 9) -> None:
    clock.now = dt.datetime.combine(day, dt.time(hour), CST)


@pytest.mark.parametrize(("value", "ok"), [(7, True), (28, True), (90, True), (6, False), (91, False),
                                           (True, False), ("28", False), (28.0, False), (None, False)])
def test_the_retention_setting_is_7_to_90_days(value, ok):
    if ok:
        assert check_retention_days(value) == value
    else:
        with pytest.raises(InvalidInput) as bad:
            check_retention_days(value)
        assert bad.value.problems[0].field == "retention_days"


@pytest.mark.parametrize(("today", "days", "undelivered", "expected"), [
    ("2026-11-29", 28, None, "2026-11-01"),  # everything delivered: 28 days kept, today included
    ("2026-11-29", 28, "2026-10-20", "2026-10-20"),  # an old passage not acknowledged stops the purge there
    ("2026-11-29", 28, "2026-11-20", "2026-11-01"),  # a recent one does not matter
    ("2026-11-29", 7, None, "2026-11-22"),
])
def test_purge_before(today, days, undelivered, expected):
    day = dt.date.fromisoformat
    assert purge_before(day(today), days, day(undelivered) if undelivered else None) == day(expected)


def _ack(ctx, office, stick, entries) -> None:
    assert acknowledge(ctx, office, stick, entries) == [e.number for e in entries]


@pytest.fixture
def register(ctx, clock, tmp_path):
    """40 days ago: a visitor and a car with two occupants (old); today: a visitor (new).
    The old ones went to the office in batch 1; batch 1 is not acknowledged yet."""
    office = with_keys(ctx, tmp_path / "office")
    old_day = dt.date(2026, 10, 20)
    at(clock, old_day)
    g = guard(ctx)
    ctx.register.save(g, EntryDraft(category="visitor", purpose="探望王某", destination="3栋2单元501",
                                    origin_province="50", temperature="36.5", **OLD[0]))
    ctx.register.save_vehicle(g, VehicleDraft(
        plate="渝A12345", occupant_count="2", origin_province="50", destination="5栋", purpose="送货",
        occupants=[OccupantDraft(category="visitor", temperature="36.6", **OLD[1]),
                   OccupantDraft(category="visitor", temperature="38.6", temperature2="38.5", name="上官婉儿",
                                 id_number="110105195001010012", phone="13800001111")]))
    at(clock, dt.date(2026, 10, 21))
    first = ctx.batches.export(supervisor(ctx), tmp_path / "stick")
    at(clock, dt.date(2026, 11, 29))
    ctx.register.save(guard(ctx), EntryDraft(category="visitor", purpose="探亲", origin_province="50",
                                             temperature="36.7", **NEW))
    return ctx, office, first, tmp_path / "stick", old_day


def _bytes(ctx) -> bytes:
    database = ctx.paths.database
    wal = database.with_name(database.name + "-wal")
    return database.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _people(ctx) -> list[tuple]:
    with closing(driver.connect(ctx.paths.database)) as raw:
        return raw.execute("SELECT c.name, c.id_number, c.phone, c.destination, c.purpose, p.plate, p.local_date "
                           "FROM person_check AS c JOIN passage AS p ON p.id = c.passage_id ORDER BY c.id").fetchall()


def test_nothing_is_erased_before_the_office_acknowledges_it(register):
    ctx, _office, _first, _stick, old_day = register
    boss = supervisor(ctx)
    before = _people(ctx)
    result = ctx.retention.purge(boss)
    assert (result.passages, result.persons, result.waiting, result.first_waiting) == (0, 0, 2, old_day)
    assert _people(ctx) == before
    status = ctx.retention.status(guard(ctx))  # the main screen warns the guard too
    assert (status.waiting, status.first_waiting, status.retention_days) == (2, old_day, 28)


def test_after_the_acknowledgement_the_old_personal_data_is_gone_from_the_file(register):
    ctx, office, first, stick, old_day = register
    boss = supervisor(ctx)
    report_before = ctx.reports.daily(boss, old_day)
    _ack(ctx, office, stick, [first])
    result = ctx.retention.purge(boss)
    assert (result.passages, result.persons, result.waiting) == (2, 3, 0)
    assert result.purged_before == dt.date(2026, 11, 1)
    people = _people(ctx)
    assert people[:3] == [("", None, None, "", "", None, "2026-10-20")] * 3  # erased, the day kept
    assert people[3][:3] == (NEW["name"], NEW["id_number"], NEW["phone"])  # today's is kept
    data = _bytes(ctx)
    for person in OLD + [dict(name="上官婉儿", id_number="110105195001010012", phone="13800001111")]:
        for value in person.values():
            assert value.encode("utf-8") not in data, value
    for value in ("3栋2单元501", "探望王某", "渝A12345"):
        assert value.encode("utf-8") not in data, value
    assert "诸葛明亮".encode() in data  # (the search works on what is left)
    assert ctx.register.known_person(boss, id_number=OLD[0]["id_number"]) is None
    report_after = ctx.reports.daily(boss, old_day)  # the daily report's figures: unchanged
    assert dataclasses.replace(report_after, made_at=report_before.made_at) == report_before
    with closing(driver.connect(ctx.paths.database)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert raw.execute("SELECT count(*) FROM passage WHERE any_fever = 1").fetchone()[0] == 1  # counts stay


def test_a_second_run_erases_only_new_days_and_each_run_is_audited(register, clock):
    ctx, office, first, stick, _old_day = register
    boss = supervisor(ctx)
    _ack(ctx, office, stick, [first])
    assert ctx.retention.purge_due().passages == 2  # the scheduled run: no operator
    assert ctx.retention.purge(boss).passages == 0
    with closing(driver.connect(ctx.paths.database)) as raw:
        details = [d for (d,) in raw.execute("SELECT detail FROM audit_event WHERE action = 'purge' ORDER BY id")]
    assert len(details) == 2 and '"passages":2' in details[0] and '"how":"scheduled"' in details[0]


def test_a_guard_cannot_run_it(register):
    ctx, *_ = register
    with pytest.raises(NotPermitted):
        ctx.retention.purge(guard(ctx))


def test_a_shorter_setting_erases_more_once_delivered(register, tmp_path, clock):
    ctx, office, first, stick, _old_day = register
    boss = supervisor(ctx)
    ctx.settings.set_many(boss, {"retention_days": 7})
    at(clock, dt.date(2026, 12, 10))
    second = ctx.batches.export(boss, stick)
    _ack(ctx, office, stick, [first, second])
    result = ctx.retention.purge(boss)
    assert (result.passages, result.persons) == (3, 4) and result.purged_before == dt.date(2026, 12, 3)
    assert all(row[0] == "" for row in _people(ctx))


def test_the_command_line_purges_for_a_supervisor_and_says_what_waits(register, monkeypatch, capsys):
    from actors import GUARD_NAME, GUARD_PIN, SUPERVISOR_NAME, SUPERVISOR_PIN

    from checkpoint_app import cli

    ctx, office, first, stick, _old_day = register

    def run(*args: str, operator: str = SUPERVISOR_NAME) -> int:
        return cli.main(["purge", "--data-dir", str(ctx.paths.root), "--operator", operator, "--lang", "en", *args])

    monkeypatch.setenv("CHECKPOINT_PIN", SUPERVISOR_PIN)
    assert run("--status") == 0
    out = capsys.readouterr().out
    assert "kept 28 days" in out and "2 older entries (since 2026-10-20) wait" in out
    assert run() == 0 and "of 0 entries" in capsys.readouterr().out
    _ack(ctx, office, stick, [first])
    assert run() == 0
    out = capsys.readouterr().out
    from checkpoint_app.services.context import local_now  # the command line's clock is the machine's

    due = (local_now().date() - dt.timedelta(days=28)).isoformat()
    assert f"of 2 entries (3 persons); erased before: {due}" in out and "wait" not in out
    assert all(value not in out for value in ("欧阳", "110105", "139"))  # nothing printed names a person
    monkeypatch.setenv("CHECKPOINT_PIN", GUARD_PIN)
    assert run(operator=GUARD_NAME) == 1


# -- the compound's lists: never sent to the office, erased on age alone ----------------------

GONE = dict(name="慕容复兴", id_number="110105196001010017", phone="13722223333", plate="京Q77777",
            pass_code="PASS-GONE-1", reason="自武汉返回慕容", note="隔离期间送药慕容")
LIFTED = dict(name="东方既白", id_number="11010519700101003X")
KEPT = dict(name="令狐冲冲", id_number="110105198001010013", phone="13766667777")


@pytest.fixture
def lists(ctx, clock):
    """Today 2026-11-29, 28 days kept (the days before 2026-11-01 are due): a watchlist
    entry that lapsed on 2026-10-10 (with a five dailies' note), one lifted on 2026-10-15,
    one that ended on 2026-11-20 and one running; a resident who moved out on 2026-10-01
    (a plate, a pass code), one who moved out on 2026-11-20 and one living there."""
    from residents import add_resident, add_watch

    from checkpoint_app.db.models import DailyCare, Resident

    gone = add_resident(ctx, name=GONE["name"], room="1-1-101", phone=GONE["phone"], id_number=GONE["id_number"],
                        pass_code=GONE["pass_code"], plates=[GONE["plate"]], moved_out=True)
    recent = add_resident(ctx, name="新近搬走", room="1-1-102", phone="13700001111", moved_out=True)
    living = add_resident(ctx, name=KEPT["name"], room="1-1-103", phone=KEPT["phone"], id_number=KEPT["id_number"])
    with ctx.session() as session:
        for resident, day in ((gone, dt.date(2026, 10, 1)), (recent, dt.date(2026, 11, 20))):
            row = session.get(Resident, resident.id)
            row.moved_out_on = day
            session.add(row)
        session.commit()
    lapsed = add_watch(ctx, name=GONE["name"], id_number=GONE["id_number"], room="1-1-101",
                       start=dt.date(2026, 9, 26), end=dt.date(2026, 10, 10))
    lifted = add_watch(ctx, name=LIFTED["name"], id_number=LIFTED["id_number"], room="2-1-201",
                       start=dt.date(2026, 10, 10), end=dt.date(2026, 12, 20), lifted_on=dt.date(2026, 10, 15))
    add_watch(ctx, name="近日期满", room="2-1-202", start=dt.date(2026, 11, 6), end=dt.date(2026, 11, 20))
    add_watch(ctx, name=KEPT["name"], id_number=KEPT["id_number"], room="1-1-103",
              start=dt.date(2026, 11, 20), end=dt.date(2026, 12, 4), resident=living)
    with ctx.session() as session:
        from checkpoint_app.db.models import Watch

        row = session.get(Watch, lapsed.id)
        row.reason = GONE["reason"]
        session.add(row)
        session.add(DailyCare(watch_id=lapsed.id, day=dt.date(2026, 10, 1), item="temperature_am",
                              done_at=dt.datetime(2026, 10, 1, 1, tzinfo=dt.timezone.utc), operator_id=1,
                              reading=366, note=GONE["note"]))
        session.commit()
    at(clock, dt.date(2026, 11, 29))
    return ctx, lapsed, lifted


def _lists(ctx) -> tuple[list[tuple], list[tuple], list[tuple], list[tuple]]:
    with closing(driver.connect(ctx.paths.database)) as raw:
        return (raw.execute("SELECT name, id_number, room, reason, start_date, end_date FROM watch ORDER BY id").fetchall(),
                raw.execute("SELECT name, phone, phone_tail, id_number, pass_code, room, moved_out_on FROM resident "
                            "ORDER BY id").fetchall(),
                raw.execute("SELECT plate FROM resident_plate").fetchall(),
                raw.execute("SELECT item, reading, note FROM daily_care").fetchall())


def test_ended_watchlist_entries_and_moved_out_residents_lose_their_data_without_waiting_for_the_office(lists):
    ctx, _lapsed, _lifted = lists
    boss = supervisor(ctx)
    result = ctx.retention.purge(boss)
    assert (result.watches, result.residents, result.passages, result.waiting) == (2, 1, 0, 0)
    watches, residents, plates, cares = _lists(ctx)
    assert watches[0] == ("", None, "", "", "2026-09-26", "2026-10-10")  # the dates stay, for the reports
    assert watches[1] == ("", None, "", "", "2026-10-10", "2026-12-20")  # lifted early: ended on 2026-10-15
    assert [w[0] for w in watches[2:]] == ["近日期满", KEPT["name"]]  # ended too recently, or running
    assert residents[0] == ("", None, None, None, None, "1-1-101", "2026-10-01")  # the room stays: the compound's
    assert [r[0] for r in residents[1:]] == ["新近搬走", KEPT["name"]]
    assert plates == [] and cares == [("temperature_am", 366, "")]  # the five dailies' tick stays
    data = _bytes(ctx)
    for value in [*GONE.values(), *LIFTED.values()]:
        assert value.encode("utf-8") not in data, value
    assert KEPT["name"].encode("utf-8") in data
    with closing(driver.connect(ctx.paths.database)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        detail = raw.execute("SELECT detail FROM audit_event WHERE action = 'purge'").fetchone()[0]
    assert '"watches":2' in detail and '"residents":1' in detail
    assert "Also erased: 2 watchlist entries that ended and 1 residents" in result_text_en(result)
    past = ctx.watchlist.listing(boss, past=True)  # the supervisor's list of ended entries still shows them
    assert sorted(w.name for w in past) == ["", "", "近**满"]
    moved = ctx.residents.list(boss, include_moved_out=True)
    assert sorted(r.name for r in moved) == ["", "令**冲", "新**走"]


def test_the_command_line_says_what_it_erased_of_the_lists(lists, monkeypatch, capsys):
    from actors import SUPERVISOR_NAME, SUPERVISOR_PIN

    from checkpoint_app import cli

    ctx, *_ = lists
    monkeypatch.setenv("CHECKPOINT_PIN", SUPERVISOR_PIN)
    assert cli.main(["purge", "--data-dir", str(ctx.paths.root), "--operator", SUPERVISOR_NAME, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    # the command line's clock is the machine's: 2 and 1 by 2026-12-18, 3 and 2 from then on
    assert re.search(r"of [23] ended watchlist entries and [12] moved-out residents", out), out
    assert GONE["name"] not in out


def test_the_scheduled_run_erases_the_lists_once_then_writes_nothing(lists, clock):
    ctx, *_ = lists
    first = ctx.retention.purge_due()
    assert (first.watches, first.residents) == (2, 1)
    again = ctx.retention.purge_due()
    assert (again.watches, again.residents, again.erased) == (0, 0, False)
    at(clock, dt.date(2026, 12, 19))  # 2026-11-20 is now older than 28 days
    later = ctx.retention.purge_due()
    assert (later.watches, later.residents) == (1, 1)
    with closing(driver.connect(ctx.paths.database)) as raw:
        assert raw.execute("SELECT count(*) FROM audit_event WHERE action = 'purge'").fetchone()[0] == 2


def test_backups_follow_the_lists_too(lists, tmp_path):
    ctx, *_ = lists
    boss = supervisor(ctx)
    backup = ctx.backups.backup(boss, tmp_path / "usb").path
    assert GONE["name"].encode() in backup.read_bytes()
    ctx.retention.purge(boss)
    data = backup.read_bytes()
    for value in [*GONE.values(), *LIFTED.values()]:
        assert value.encode("utf-8") not in data, value
    with closing(driver.connect(backup)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert raw.execute("SELECT count(*) FROM watch WHERE name = ''").fetchone()[0] == 2


def result_text_en(result) -> str:
    from checkpoint_app.ui.retention import result_text

    return result_text(result)


# -- the whole file rewritten: no copy left in the pages' unused space ------------------------

MANY = 180  # enough rows that shrinking them rebalances the b-trees (3 would not)


@pytest.fixture
def many(ctx, clock, tmp_path):
    """MANY visitors 40 days ago, exported, acknowledged; a backup made before the purge."""
    office = with_keys(ctx, tmp_path / "office")
    at(clock, dt.date(2026, 10, 20))
    for n in range(MANY):
        ctx.register.save(guard(ctx), EntryDraft(category="visitor", purpose="探望王某", destination="3栋2单元501",
                                                 origin_province="50", temperature="36.5", name=f"欧阳娜{n:03d}",
                                                 id_number=OLD[0]["id_number"], phone=OLD[0]["phone"]))
    at(clock, dt.date(2026, 10, 21))
    batch = ctx.batches.export(supervisor(ctx), tmp_path / "stick")
    at(clock, dt.date(2026, 11, 29))
    _ack(ctx, office, tmp_path / "stick", [batch])
    backup = ctx.backups.backup(supervisor(ctx), tmp_path / "usb").path
    return ctx, backup


def _left(data: bytes) -> list[str]:
    return [v for v in ("欧阳娜", OLD[0]["id_number"], OLD[0]["phone"], "3栋2单元501", "探望王某")
            if v.encode("utf-8") in data]


def test_no_copy_of_an_erased_value_is_left_anywhere_in_the_file_or_its_backups(many):
    ctx, backup = many
    assert _left(_bytes(ctx)) and _left(backup.read_bytes())
    result = ctx.retention.purge(supervisor(ctx))
    assert (result.passages, result.compacted) == (MANY, True)
    assert _left(_bytes(ctx)) == []  # secure_delete alone left copies in rebalanced pages
    assert _left(backup.read_bytes()) == []
    with closing(driver.connect(ctx.paths.database)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert raw.execute("SELECT count(*) FROM setting WHERE key = 'retention_compact_due'").fetchone()[0] == 0
        assert raw.execute("SELECT count(*) FROM person_check").fetchone()[0] == MANY  # the rows, the counts stay


def test_a_rewrite_that_fails_is_owed_and_the_next_scheduled_run_does_it(many, monkeypatch):
    from checkpoint_app.db import purge_queries

    ctx, _backup = many
    real = purge_queries.vacuum

    def full(raw):
        raise driver.OperationalError("database or disk is full")

    monkeypatch.setattr(purge_queries, "vacuum", full)
    result = ctx.retention.purge(supervisor(ctx))
    assert (result.passages, result.compacted) == (MANY, False)
    with closing(driver.connect(ctx.paths.database)) as raw:
        assert raw.execute("SELECT count(*) FROM setting WHERE key = 'retention_compact_due'").fetchone()[0] == 1
    monkeypatch.setattr(purge_queries, "vacuum", real)
    again = ctx.retention.purge_due()  # nothing more to erase: the rewrite alone
    assert (again.passages, again.compacted) == (0, True)
    assert _left(_bytes(ctx)) == []
    assert ctx.retention.purge_due().compacted is None  # nothing owed any more


def test_a_save_waits_at_the_gate_while_the_file_is_rewritten(ctx, clock):
    """uow.maintenance holds this process's writes back (deterministic: the gate tells when
    the save reached it)."""
    import threading

    uow = ctx.register._uow
    reached = threading.Event()
    real_gate = uow._quiet

    class Gate:
        def __enter__(self):
            reached.set()
            return real_gate.__enter__()

        def __exit__(self, *exc):
            return real_gate.__exit__(*exc)

    saved = []
    g = guard(ctx)
    with uow.maintenance():
        uow._quiet = Gate()
        worker = threading.Thread(target=lambda: saved.append(ctx.register.save(g, EntryDraft(
            category="visitor", purpose="探亲", origin_province="50", temperature="36.5", **NEW))))
        worker.start()
        assert reached.wait(10)
        assert saved == [] and worker.is_alive()  # held at the gate (it cannot pass while we hold it)
    worker.join(10)
    uow._quiet = real_gate
    assert len(saved) == 1


@pytest.mark.parametrize("chunk", [3, 1_000])  # many pieces (and one gram longer than a piece), or one
def test_the_name_grams_go_in_pieces_and_only_the_purged_persons_ones(many, monkeypatch, chunk):
    from checkpoint_app.db import purge_queries

    ctx, _backup = many
    ctx.register.save(guard(ctx), EntryDraft(category="visitor", purpose="探亲", origin_province="50",
                                             temperature="36.7", **NEW))
    with closing(driver.connect(ctx.paths.database)) as raw:
        kept = raw.execute("SELECT count(*) FROM person_name_gram AS g JOIN person_check AS c ON c.id = g.person_id "
                           "WHERE c.name = ?", (NEW["name"],)).fetchone()[0]
    monkeypatch.setattr(purge_queries, "GRAM_CHUNK", chunk)
    assert ctx.retention.purge(supervisor(ctx)).passages == MANY
    with closing(driver.connect(ctx.paths.database)) as raw:
        assert raw.execute("SELECT count(*) FROM person_name_gram").fetchone()[0] == kept > 0


@pytest.mark.parametrize(("now", "expected_s"), [
    ("2026-11-29T09:00:00", 18 * 3600),  # in the morning: tonight
    ("2026-11-29T02:59:30", 30),  # just before
    ("2026-11-29T03:00:00", 24 * 3600),  # the hour has begun: tomorrow's
    ("2026-11-29T23:30:00", 3.5 * 3600),
])
def test_the_nightly_run_is_armed_for_the_next_quiet_hour(now, expected_s):
    from checkpoint_app.core.retention import ms_until_quiet_hour

    assert ms_until_quiet_hour(dt.datetime.fromisoformat(now).replace(tzinfo=CST)) == expected_s * 1000
