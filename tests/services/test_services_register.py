"""The register service: saving, sequence numbers, voiding, corrections, repeat people,
and what a failed write leaves behind (nothing)."""

from __future__ import annotations

import pytest
from actors import guard, supervisor
from sqlalchemy import event, func, select

from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.problems import InvalidInput

from checkpoint_app.db import driver
from checkpoint_app.db.errors import StorageError, StorageProblem
from checkpoint_app.db.models import Passage, PersonNameGram

from checkpoint_app.services.register import NoStation

ID_X = "11010519491231002X"


def visitor(**changes) -> EntryDraft:
    base = dict(category="visitor", name="李四", id_number=ID_X, phone="13812345678", origin_province="50",
                purpose="探亲", destination="3栋2单元501", temperature="36.5")
    base.update(changes)
    return EntryDraft(**base)


def count(ctx, model=Passage) -> int:
    with ctx.session() as session:
        return session.exec(select(func.count()).select_from(model)).one()[0]


def test_save_stores_everything_with_growing_sequence(ctx):
    first = ctx.register.save(guard(ctx), visitor())
    second = ctx.register.save(guard(ctx), EntryDraft(category="resident", name="王五", temperature="36,8"))
    assert (first.seq, second.seq) == (1, 2)
    assert second.person.temp1 == 368 and second.decision == "admit"
    assert first.uuid != second.uuid and len(first.uuid) == 36
    assert first.utc_offset_min == 480 and first.local_date.isoformat() == "2026-11-29"
    assert first.operator == "张保安" and first.station_id == ctx.station.current().id


def test_fever_needs_second_reading_and_the_second_decides(ctx):
    with pytest.raises(InvalidInput) as caught:
        ctx.register.save(supervisor(ctx), visitor(temperature="37.6"))
    assert [p.field for p in caught.value.problems] == ["temperature2"]
    calmed = ctx.register.save(supervisor(ctx), visitor(temperature="37.6", temperature2="36.9"))
    assert (calmed.person.temp1, calmed.person.temp2, calmed.person.fever, calmed.decision) == (376, 369, False, "admit")
    assert not calmed.any_fever
    fever = ctx.register.save(supervisor(ctx), visitor(temperature="37.6", temperature2="37.5"))
    assert (fever.person.fever, fever.any_fever, fever.decision) == (True, True, "refer")


def test_override_needs_reason_and_keeps_the_proposal(ctx):
    with pytest.raises(InvalidInput) as caught:
        ctx.register.save(supervisor(ctx), visitor(decision="refuse"))
    assert caught.value.problems[0].field == "override_reason"
    saved = ctx.register.save(supervisor(ctx), visitor(decision="refuse", override_reason="业主不在家"))
    assert (saved.proposed_decision, saved.decision, saved.override_reason) == ("admit", "refuse", "业主不在家")


def test_invalid_input_writes_nothing(ctx):
    with pytest.raises(InvalidInput):
        ctx.register.save(supervisor(ctx), visitor(id_number="110105194912310021"))
    assert count(ctx) == 0 and count(ctx, PersonNameGram) == 0


def test_no_station_profile_is_refused(bare_ctx):
    with pytest.raises(NoStation):
        bare_ctx.register.save(supervisor(bare_ctx), visitor())


def test_void_keeps_the_entry_with_its_reason(ctx):
    saved = ctx.register.save(supervisor(ctx), visitor())
    with pytest.raises(InvalidInput):
        ctx.register.void(supervisor(ctx), saved.id, " ")
    ctx.register.void(supervisor(ctx), saved.id, "登记错人")
    with ctx.session() as session:
        row = session.get(Passage, saved.id)
    assert (row.voided, row.void_reason, row.voided_by) == (True, "登记错人", "王队长")
    with pytest.raises(InvalidInput):
        ctx.register.void(supervisor(ctx), saved.id, "again")


def test_correction_voids_old_and_links_new_atomically(ctx):
    old = ctx.register.save(supervisor(ctx), visitor(name="李思"))
    new = ctx.register.correct(supervisor(ctx), old.id, visitor(name="李四"), "姓名写错")
    assert new.corrects_uuid == old.uuid and new.seq == old.seq + 1
    with ctx.session() as session:
        assert session.get(Passage, old.id).voided
    # a correction with a bad draft changes nothing
    with pytest.raises(InvalidInput):
        ctx.register.correct(supervisor(ctx), new.id, visitor(phone="123"), "x改")
    with ctx.session() as session:
        assert not session.get(Passage, new.id).voided


def test_known_person_by_id_or_phone_gives_latest_details(ctx):
    ctx.register.save(supervisor(ctx), visitor(destination="1栋"))
    ctx.register.save(supervisor(ctx), visitor(destination="2栋", temperature="37.6", temperature2="36.6"))
    person = ctx.register.known_person(guard(ctx), id_number=ID_X)
    assert (person.name, person.destination, person.phone) == ("李四", "2栋", "13812345678")
    assert not hasattr(person, "temp1")
    by_phone = ctx.register.known_person(guard(ctx), phone="13812345678")
    assert (by_phone.destination, by_phone.id_number, by_phone.name) == ("2栋", None, "")  # no identity by phone
    assert ctx.register.known_person(guard(ctx), phone="13900000000") is None
    assert ctx.register.known_person(guard(ctx), ) is None


def _inject(ctx, pragma: str) -> None:
    """Every new connection of the app's engine gets `pragma` (fault injection)."""
    ctx.db.engine.dispose()
    event.listen(ctx.db.engine, "connect", lambda conn, _: conn.execute(pragma))


@pytest.mark.parametrize("pragma, kind", [
    ("PRAGMA query_only = ON", StorageProblem.READ_ONLY),
    ("PRAGMA max_page_count = 1", StorageProblem.FULL),
])
def test_storage_faults_are_classified_and_leave_nothing_half_written(ctx, pragma, kind):
    ctx.register.save(supervisor(ctx), visitor())
    before = (count(ctx), count(ctx, PersonNameGram), ctx.station.current().next_seq)
    _inject(ctx, pragma)
    with pytest.raises(StorageError) as caught:
        for n in range(200):  # enough to outgrow the page limit
            ctx.register.save(supervisor(ctx), visitor(name=f"测试{n}号", notes="x" * 400))
    assert caught.value.kind is kind
    with driver.connect(ctx.paths.database) as raw:
        entries = raw.execute("SELECT count(*) FROM passage").fetchone()[0]
        persons = raw.execute("SELECT count(*) FROM person_check").fetchone()[0]
        grams = raw.execute("SELECT count(*) FROM person_name_gram").fetchone()[0]
        next_seq = raw.execute("SELECT next_seq FROM station").fetchone()[0]
        seqs = [r[0] for r in raw.execute("SELECT seq FROM passage ORDER BY seq")]
        without_grams = raw.execute(
            "SELECT count(*) FROM person_check WHERE id NOT IN (SELECT person_id FROM person_name_gram)").fetchone()[0]
        fts_rows = raw.execute("SELECT count(*) FROM person_ident_fts WHERE person_ident_fts MATCH 'phone:5678'").fetchone()[0]
    assert seqs == list(range(1, entries + 1))  # every stored entry is whole, no gaps
    assert persons == entries  # each with its person
    assert next_seq == entries + 1
    assert without_grams == 0 and fts_rows == entries  # and findable: its search rows came with it
    assert entries >= before[0] and grams >= before[1]
    if kind is StorageProblem.READ_ONLY:
        assert (entries, grams, next_seq) == before  # nothing at all was written


def test_database_locked_by_another_program_is_reported_and_nothing_is_written(ctx, monkeypatch):
    ctx.register.save(supervisor(ctx), visitor())
    ctx.db.engine.dispose()
    event.listen(ctx.db.engine, "connect", lambda conn, _: conn.execute("PRAGMA busy_timeout = 50"))
    other = driver.connect(ctx.paths.database, timeout=0)
    try:
        other.execute("BEGIN EXCLUSIVE")  # e.g. a backup tool holding the file
        with pytest.raises(StorageError) as caught:
            ctx.register.save(supervisor(ctx), visitor(name="王五"))
        assert caught.value.kind is StorageProblem.LOCKED
    finally:
        other.rollback()
        other.close()
    assert count(ctx) == 1
    assert ctx.register.save(supervisor(ctx), visitor(name="王五")).seq == 2  # works again once released


def test_every_service_reports_storage_problems_as_storage_errors(ctx):
    from checkpoint_app.services.reader import RegisterReader
    from checkpoint_app.services.station import StationDraft

    ctx.register.save(supervisor(ctx), visitor())
    _inject(ctx, "PRAGMA query_only = ON")
    ctx.settings._cache = None  # force a read
    calls = {
        "settings.set_many": lambda: ctx.settings.set_many(supervisor(ctx), {"fever_threshold": 375}),
        "station.save": lambda: ctx.station.save(supervisor(ctx), StationDraft(name="新名", code="JB-TSP-01", station_type="compound_gate",
                                                              district="江北", province_code="50")),
        "register.void": lambda: ctx.register.void(supervisor(ctx), 1, "重复登记"),
    }
    for name, call in calls.items():
        with pytest.raises(StorageError) as caught:
            call()
        assert caught.value.kind is StorageProblem.READ_ONLY, name
    ctx.db.engine.dispose()
    ctx.paths.database.write_bytes(b"garbage" * 4096)  # damaged under the running app
    for name, call in {"known_person": lambda: ctx.register.known_person(guard(ctx), phone="13812345678"),
                       "reader.entry": lambda: RegisterReader(ctx).entry(guard(ctx), 1),
                       "settings.get": lambda: (setattr(ctx.settings, "_cache", None), ctx.settings.get("fever_threshold"))}.items():
        with pytest.raises(StorageError) as caught:
            call()
        assert caught.value.kind is StorageProblem.CORRUPT, name


def test_database_errors_never_carry_personal_data(ctx):
    saved = ctx.register.save(supervisor(ctx), visitor())
    with driver.connect(ctx.paths.database) as raw:  # make the next sequence number collide
        raw.execute("UPDATE station SET next_seq = ?", (saved.seq,))
    with pytest.raises(Exception) as caught:
        ctx.register.save(supervisor(ctx), visitor(name="王小明", phone="13900001111"))
    text = str(caught.value)
    assert "UNIQUE" in text
    for secret in ("王小明", "13900001111", ID_X):
        assert secret not in text


def test_correction_keeps_when_the_person_passed_and_the_rules_of_that_day(ctx, clock):
    import datetime as dt

    from checkpoint_app.core.idcard import check_character

    first17 = "42010219900101123"
    hubei = first17 + check_character(first17)
    old = ctx.register.save(supervisor(ctx), visitor(id_number=hubei, origin_province="42", arrival_date="11-28",
                                    decision="admit", override_reason="社区已报备"))
    assert (old.person.key_area, old.any_key_area, old.proposed_decision, old.decision) == (True, True, "refuse", "admit")
    clock.now += dt.timedelta(days=20)
    new = ctx.register.correct(supervisor(ctx), old.id, visitor(id_number=hubei, origin_province="42", arrival_date="2026-11-28",
                                               phone="13900001111", decision="admit", override_reason="社区已报备"),
                               "电话写错")
    assert (new.recorded_at, new.local_date, new.utc_offset_min) == (old.recorded_at, old.local_date, old.utc_offset_min)
    assert (new.person.key_area, new.proposed_decision, new.override_reason) == (True, "refuse", "社区已报备")
    assert new.seq == old.seq + 1 and new.person.phone == "139****1111"  # handed back masked
    assert ctx.register.for_correction(supervisor(ctx), new.id).person.phone == "13900001111"
