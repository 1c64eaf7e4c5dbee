"""Exporting batches for the district office (services/batches.py): what a batch carries,
opened as the office opens it; numbers, the chain of hashes, day declarations and their
revisions; writing a batch again byte-identical; the ledger; acknowledgements; who may
export and what is refused; no personal data outside the encryption."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat

import pytest
from actors import guard, supervisor
from batch_station import batch_files, every_file, identity, office_files, read_batch, station_public, with_keys

from checkpoint_app.batch.errors import BatchRejected
from checkpoint_app.batch.keys import ESCROW, OFFICE, Enrollment
from checkpoint_app.batch.sealed import ACKS, FOLDER, make_ack

from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import NotPermitted
from checkpoint_app.core.seven_ones import ITEMS, ItemAnswer
from checkpoint_app.core.vehicle import OccupantDraft, VehicleDraft

from checkpoint_app.services import station_key

VISITOR = dict(name="李四", id_number="11010519491231002X", phone="13812345678")
DRIVER = dict(name="钱八", id_number="110101198001010010", phone="13500003333")
PASSENGER = dict(name="阿依古丽·买买提", id_number="650102198806150020", phone="13998765432")
RESIDENT = dict(name="吴刚")
CORRECTED = dict(name="欧阳娜娜", id_number="110101197512120030", phone="13600002222", origin_province="50")
TODAY = dt.date(2026, 11, 29)
CST = dt.timezone(dt.timedelta(hours=8))


def at(clock, day: dt.date, hour: int) -> None:
    clock.now = dt.datetime.combine(day, dt.time(hour), CST)


@pytest.fixture
def station(ctx, clock, tmp_path):
    """Two days of a station: on the 27th a shift with its seven-ones check, a visitor
    (then checked out), a vehicle with two occupants, an entry voided, one corrected and
    a handover; nothing on the 28th (a zero report); one entry on the 29th (today)."""
    office = with_keys(ctx, tmp_path / "office")
    first = TODAY - dt.timedelta(days=2)
    at(clock, first, 8)
    g, boss = guard(ctx), supervisor(ctx)
    ctx.shifts.start(g, [g.operator_id])
    ctx.shifts.check_seven_ones(g, {i.code: ItemAnswer(i.code != "banner", "横幅破损" if i.code == "banner" else "")
                                    for i in ITEMS}, 365)
    visitor = ctx.register.save(g, EntryDraft(category="visitor", purpose="探亲", origin_province="50",
                                              temperature="36.5", **VISITOR))
    ctx.register.save_vehicle(g, VehicleDraft(
        plate="渝A12345", occupant_count="2", origin_province="50", origin_city="渝北", destination="5栋", purpose="探亲",
        occupants=[OccupantDraft(category="visitor", temperature="36.6", **DRIVER),
                   OccupantDraft(category="visitor", temperature="36.9", **PASSENGER)]))
    voided = ctx.register.save(g, EntryDraft(category="resident", temperature="36.7", **RESIDENT))
    ctx.register.void(boss, voided.id, "登记重复")
    wrong = ctx.register.save(g, EntryDraft(category="visitor", purpose="送货", temperature="37.0", **CORRECTED))
    ctx.register.correct(boss, wrong.id, EntryDraft(category="delivery", purpose="送货", temperature="36.5",
                                                    **CORRECTED), "类别写错")
    at(clock, first, 18)
    ctx.inside.check_out(g, visitor.id, "36.4")
    ctx.shifts.handover(g, g.operator_id, [boss.operator_id], "交接正常", "")
    at(clock, TODAY, 9)
    ctx.register.save(g, EntryDraft(category="resident", temperature="36.4", name="王五"))
    ctx.__dict__["_office"] = office
    return ctx


def records_by_kind(records: list[dict]) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for record in records:
        key = f"passage.{record['op']}" if record["kind"] == "passage" else record["kind"]
        found.setdefault(key, []).append(record)
    return found


def test_a_batch_carries_every_record_kind_opened_as_the_office_opens_it(station, tmp_path):
    entry = station.batches.export(supervisor(station), tmp_path / "stick")
    (path,) = batch_files(tmp_path / "stick")
    assert path.name == entry.file_name == "CKB_JB-TSP-01_000001_20261127-20261129.age"
    manifest, records = read_batch(station, path, station.__dict__["_office"].office)
    kinds = records_by_kind(records)
    assert manifest["counts"] == {k: len(v) for k, v in sorted(kinds.items())} == entry.counts
    assert set(kinds) == {"passage.create", "passage.correct", "passage.void", "shift", "seven_ones", "audit", "day"}
    creates = kinds["passage.create"]
    persons = [p for r in creates for p in r["persons"]]
    assert {(p["name"], p["id_number"], p["phone"]) for p in persons} >= {
        tuple(d[k] for k in ("name", "id_number", "phone")) for d in (VISITOR, DRIVER, PASSENGER)}  # in full
    vehicle = next(r for r in creates if r["passage"]["kind"] == "vehicle")
    assert [p["name"] for p in vehicle["persons"]] == [DRIVER["name"], PASSENGER["name"]]
    assert vehicle["persons"][0]["driver"] is True and vehicle["persons"][1]["temp1"] == 369
    assert "station_id" not in vehicle["passage"] and "passage_id" not in vehicle["persons"][0]
    entry_of = {r["passage"]["uuid"]: r for r in creates}
    (exit_,) = [r for r in creates if r["passage"]["exit_of"]]
    assert entry_of[exit_["passage"]["exit_of"]]["persons"][0]["name"] == VISITOR["name"]
    assert exit_["passage"]["direction"] == "out"
    (correct,) = kinds["passage.correct"]
    assert correct["persons"][0]["category"] == "delivery"
    voided_uuids = {r["uuid"] for r in kinds["passage.void"]}
    assert correct["passage"]["corrects_uuid"] in voided_uuids and len(voided_uuids) == 2
    assert {r["void"]["void_reason"] for r in kinds["passage.void"]} == {"登记重复", "类别写错"}
    assert all(entry_of[u]["passage"]["voided"] is True for u in voided_uuids)  # exported after the void
    shifts = [r["shift"] for r in kinds["shift"]]
    assert [s["id"] for s in shifts] == [1, 1, 2]  # started; ended by the handover; the next one started
    assert shifts[-1]["members"] == ["王队长"] and shifts[0]["handed_to"] == "王队长"
    assert shifts[0]["handover_note"] == "交接正常"
    (check,) = kinds["seven_ones"]
    assert check["check"]["operator"] == "张保安" and check["check"]["reference_temp"] == 365
    assert {i["item"]: i["present"] for i in check["check"]["items"]}["banner"] is False
    audit = kinds["audit"]
    assert [a["id"] for a in audit] == list(range(1, len(audit) + 1)) == list(range(1, manifest["range"]["audit"][1] + 1))
    assert "void" in {a["action"] for a in audit}
    days = {d["day"]: d for d in kinds["day"]}
    assert sorted(days) == ["2026-11-27", "2026-11-28"]  # up to yesterday
    assert days["2026-11-28"]["zero_report"] is True and days["2026-11-28"]["figures"]["registered"] == 0
    assert days["2026-11-27"]["figures"]["vehicles"] == 1 and days["2026-11-27"]["closed_by"] == "王队长"
    assert days["2026-11-27"]["figures"]["registered"] == 5  # visitor, two occupants, the correction, the exit
    changes = [r["change"] for r in records if "change" in r]
    assert changes == sorted(changes) and manifest["range"]["changes"] == [0, changes[-1]]
    assert manifest["batch"]["number"] == 1 and manifest["batch"]["previous_sha256"] is None
    assert manifest["station"]["key_id"] == station.batches.station_key().key_id


def test_the_escrow_key_opens_a_batch_too(station, tmp_path):
    station.batches.export(supervisor(station), tmp_path / "stick")
    (path,) = batch_files(tmp_path / "stick")
    assert read_batch(station, path, station.__dict__["_office"].escrow)[0]["batch"]["number"] == 1


def test_numbers_have_no_gaps_the_hashes_chain_and_a_changed_day_is_declared_again(station, clock, tmp_path):
    boss = supervisor(station)
    first = station.batches.export(boss, tmp_path / "stick")
    late = station.register.save(guard(station), EntryDraft(category="resident", name="赵六", temperature="36.5"))
    station.register.void(boss, late.id, "测试")  # today's: not declared yet, nothing to declare again
    assert station.batches.pending(boss).days == ()
    station.register.void(boss, _day27_entries(station)[0], "补录更正")  # a late change of a declared day
    preview = station.batches.pending(boss, close_today=True)
    assert [(d.day.isoformat(), d.revision) for d in preview.days] == [("2026-11-27", 2), ("2026-11-29", 1)]
    assert preview.number == 2 and preview.ready
    second = station.batches.export(boss, tmp_path / "stick", close_today=True)
    assert (first.number, second.number) == (1, 2)
    paths = batch_files(tmp_path / "stick")
    manifest, records = read_batch(station, paths[1], station.__dict__["_office"].office)
    assert manifest["batch"]["previous_sha256"] == first.sha256
    assert manifest["range"]["changes"][0] == _manifest_changes(station, paths[0])[1]  # (from, to]: no gap
    days = {(r["day"], r["revision"]): r for r in records if r["kind"] == "day"}
    assert set(days) == {("2026-11-27", 2), ("2026-11-29", 1)}
    assert days[("2026-11-27", 2)]["figures"]["registered"] == 4  # one fewer than declared the first time
    assert second.first_day == dt.date(2026, 11, 27) and second.last_day == TODAY
    third = station.batches.export(boss, tmp_path / "stick")
    assert third.number == 3 and third.counts.get("day") is None  # every closed day is declared


def _day27_entries(ctx) -> list[int]:
    from sqlmodel import select

    from checkpoint_app.db.models import Passage

    with ctx.session() as session:
        return [p.id for p in session.exec(select(Passage).where(Passage.local_date == dt.date(2026, 11, 27),
                                                                 Passage.voided == False,  # noqa: E712
                                                                 Passage.kind == "person")
                                           .order_by(Passage.seq))]


def _manifest_changes(ctx, path) -> list[int]:
    return read_batch(ctx, path, ctx.__dict__["_office"].office)[0]["range"]["changes"]


def test_a_batch_is_written_again_byte_identical_from_the_stations_copy(station, tmp_path):
    boss = supervisor(station)
    entry = station.batches.export(boss, tmp_path / "stick")
    written = (tmp_path / "stick" / FOLDER / entry.file_name).read_bytes()
    signature = (tmp_path / "stick" / FOLDER / (entry.file_name + ".minisig")).read_bytes()
    kept = station.paths.root / "batches"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in kept.iterdir())
    again = station.batches.rewrite(boss, 1, tmp_path / "other")
    assert (tmp_path / "other" / FOLDER / entry.file_name).read_bytes() == written
    assert (tmp_path / "other" / FOLDER / (entry.file_name + ".minisig")).read_bytes() == signature
    assert again.last_target == str(tmp_path / "other" / FOLDER) and again.sha256 == entry.sha256
    (kept / entry.file_name).write_bytes(written[:-1] + bytes([written[-1] ^ 1]))
    with pytest.raises(InvalidInput) as caught:
        station.batches.rewrite(boss, 1, tmp_path / "third")
    assert "altered" in caught.value.problems[0].template and not (tmp_path / "third").exists()
    with pytest.raises(InvalidInput):
        station.batches.rewrite(boss, 7, tmp_path / "third")


def test_the_ledger_lists_every_batch(station, tmp_path):
    boss = supervisor(station)
    assert station.batches.ledger(boss) == []
    one = station.batches.export(boss, tmp_path / "stick")
    two = station.batches.export(boss, tmp_path / "stick")
    ledger = station.batches.ledger(boss)
    assert [e.number for e in ledger] == [2, 1]
    assert ledger[1].sha256 == one.sha256 and ledger[0].uuid == two.uuid
    assert ledger[1].counts == one.counts and ledger[1].records == sum(one.counts.values())
    assert ledger[1].last_target == str(tmp_path / "stick" / FOLDER) and ledger[1].acknowledged_at is None
    assert ledger[1].size == (tmp_path / "stick" / FOLDER / one.file_name).stat().st_size
    assert ledger[1].first_day == dt.date(2026, 11, 27) and ledger[0].verified_at is not None


def _ack(tmp_path, who, batches, name="ACK") -> None:
    folder = tmp_path / "stick" / FOLDER / ACKS
    folder.mkdir(parents=True, exist_ok=True)
    file_name, body, signature = make_ack(who.name, who.signing, batches, dt.datetime(2026, 11, 30, tzinfo=CST))
    (folder / (name + file_name)).write_bytes(body)
    (folder / (name + file_name + ".minisig")).write_text(signature, encoding="utf-8")


def _listed(entry, station="JB-TSP-01", **change) -> dict:
    return {"station": station, "number": entry.number, "uuid": entry.uuid, "sha256": entry.sha256,
            "imported_at": "2026-11-30T01:00:00Z", **change}


def test_acknowledgements_mark_only_the_batches_an_imported_office_key_signed(station, tmp_path):
    boss = supervisor(station)
    one = station.batches.export(boss, tmp_path / "stick")
    two = station.batches.export(boss, tmp_path / "stick")
    three = station.batches.export(boss, tmp_path / "stick")
    office = station.__dict__["_office"].office
    _ack(tmp_path, identity(OFFICE, "另一个办公室"), [_listed(one), _listed(two), _listed(three)], "a")  # wrong key
    _ack(tmp_path, office, [_listed(two, sha256="0" * 64), _listed(three, station="JB-TSP-02"),
                            _listed(three, uuid="x")], "b")  # altered hash, another station, another uuid
    result = station.batches.read_acks(boss, tmp_path / "stick")
    assert (result.acknowledged, result.unacknowledged) == ([], [1, 2, 3])
    assert [p.reason for p in result.problems] == ["bad_signature"] and result.files == 2
    _ack(tmp_path, office, [_listed(one), _listed(three)], "c")
    result = station.batches.read_acks(boss, tmp_path / "stick")
    assert (result.acknowledged, result.unacknowledged) == ([1, 3], [2])
    ledger = {e.number: e for e in station.batches.ledger(boss)}
    assert ledger[1].acknowledged and not ledger[2].acknowledged
    tampered = next((tmp_path / "stick" / FOLDER / ACKS).glob("c*.json"))
    tampered.write_bytes(tampered.read_bytes().replace(b'"number": 1', b'"number": 2'))
    result = station.batches.read_acks(boss, tmp_path / "stick")
    assert result.acknowledged == [] and result.unacknowledged == [2]
    assert sorted(p.reason for p in result.problems) == ["bad_signature", "bad_signature"]
    assert station.batches.read_acks(boss, tmp_path / "empty").files == 0


def test_export_is_refused_without_the_office_or_the_escrow_key_and_to_a_guard(ctx, tmp_path):
    boss = supervisor(ctx)
    with pytest.raises(InvalidInput) as caught:
        ctx.batches.export(boss, tmp_path / "stick")
    assert [p.field for p in caught.value.problems] == ["office_key", "escrow_key"]
    assert "import-central-key" in caught.value.problems[0].template
    office = office_files(tmp_path / "office")
    ctx.batches.import_office_key(boss, office.office_pub, OFFICE)
    preview = ctx.batches.pending(boss)
    assert [p.field for p in preview.problems] == ["escrow_key"] and not preview.ready
    with pytest.raises(InvalidInput) as caught:
        ctx.batches.export(boss, tmp_path / "stick")
    assert [p.field for p in caught.value.problems] == ["escrow_key"]
    ctx.batches.import_office_key(boss, office.escrow_pub, ESCROW)
    with pytest.raises(NotPermitted):
        ctx.batches.export(guard(ctx), tmp_path / "stick")
    with pytest.raises(NotPermitted):
        ctx.batches.import_office_key(guard(ctx), office.office_pub, OFFICE)
    assert not (tmp_path / "stick").exists() and ctx.batches.ledger(boss) == []
    assert ctx.batches.pending(boss).ready
    with pytest.raises(InvalidInput) as caught:  # the station's own folder is no stick
        ctx.batches.export(boss, ctx.paths.root)
    assert caught.value.problems[0].field == "output"


def test_an_office_key_is_checked_replaced_and_audited(ctx, tmp_path):
    boss = supervisor(ctx)
    office = office_files(tmp_path / "office")
    with pytest.raises(InvalidInput) as caught:
        ctx.batches.import_office_key(boss, office.escrow_pub, OFFICE)
    assert "--escrow" in caught.value.problems[0].template
    bad = tmp_path / "bad.pub"
    bad.write_text("# checkpoint-office-public 1\nage1nope\n", encoding="utf-8")
    with pytest.raises(BatchRejected) as rejected:
        ctx.batches.import_office_key(boss, bad, OFFICE)
    assert rejected.value.reason == "bad_key_file"
    view = ctx.batches.import_office_key(boss, office.office_pub, OFFICE)
    assert view.fingerprint == office.office.public().fingerprint
    other = office_files(tmp_path / "other", "另一个办公室")
    ctx.batches.import_office_key(boss, other.office_pub, OFFICE)
    assert [(k.role, k.fingerprint) for k in ctx.batches.office_keys()] == [(OFFICE, other.office.public().fingerprint)]
    from sqlmodel import col, select

    from checkpoint_app.db.models import AuditEvent

    with ctx.session() as session:
        events = [json.loads(e.detail) for e in session.exec(
            select(AuditEvent).where(AuditEvent.action == "central_key_imported").order_by(col(AuditEvent.id)))]
    assert [(e["fingerprint"], e["replaced"]) for e in events] == [
        (view.fingerprint, None), (other.office.public().fingerprint, view.fingerprint)]


def test_the_station_key_is_made_once_private_and_audited_and_the_enrollment_names_it(ctx, tmp_path):
    path = station_key.key_path(ctx.paths.root)
    assert not path.exists()
    first = ctx.batches.station_key()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ctx.batches.station_key() == first
    written = ctx.batches.write_enrollment(supervisor(ctx), tmp_path)
    assert written == tmp_path / "enrollment-JB-TSP-01.json"
    enrollment = Enrollment.from_text(written.read_text(encoding="utf-8"))
    assert enrollment.fingerprint == first.fingerprint and enrollment.signing.to_text() == first.public_text
    assert enrollment.station["district"] == "重庆市江北区" and enrollment.code == "JB-TSP-01"
    from sqlmodel import select

    from checkpoint_app.db.models import AuditEvent

    with ctx.session() as session:
        actions = [e.action for e in session.exec(select(AuditEvent))]
    assert actions.count("station_key_made") == 1 and actions.count("enrollment_written") == 1
    with pytest.raises(NotPermitted):
        ctx.batches.write_enrollment(guard(ctx), tmp_path / "x.json")


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_no_name_id_number_or_phone_is_in_a_batchs_bytes(station, tmp_path, encoding):
    boss = supervisor(station)
    entry = station.batches.export(boss, tmp_path / "stick")
    folder = tmp_path / "stick" / FOLDER
    files = [folder / entry.file_name, folder / (entry.file_name + ".minisig"),
             station.paths.root / "batches" / entry.file_name]
    haystack = b"".join(p.read_bytes() for p in files) + entry.file_name.encode(encoding)
    _, records = read_batch(station, files[0], station.__dict__["_office"].office)
    persons = [p for r in records if r["kind"] == "passage" and "persons" in r for p in r["persons"]]
    needles = {v for p in persons for v in (p["name"], p["id_number"], p["phone"]) if v}
    assert needles >= {VISITOR["name"], VISITOR["id_number"], DRIVER["phone"], CORRECTED["name"]}  # the search is real
    for needle in needles:
        for variant in {needle, needle.lower()}:
            assert variant.encode(encoding) not in haystack, variant
    assert VISITOR["name"].encode(encoding) in json.dumps(records, ensure_ascii=False).encode(encoding)


def test_the_first_batch_of_an_upgraded_register_carries_its_earlier_shifts(ctx, tmp_path):
    """Shifts started before this version have change records from the migration; here
    the same holds for shifts of this version (the service writes them)."""
    with_keys(ctx, tmp_path / "office")
    g = guard(ctx)
    ctx.shifts.start(g, [g.operator_id])
    ctx.shifts.end(g, "收岗")
    entry = ctx.batches.export(supervisor(ctx), tmp_path / "stick")
    assert entry.counts["shift"] == 2


def test_a_station_without_passages_declares_today_as_a_zero_report_when_closing(ctx, tmp_path):
    with_keys(ctx, tmp_path / "office")
    boss = supervisor(ctx)
    assert ctx.batches.pending(boss).days == ()
    entry = ctx.batches.export(boss, tmp_path / "stick", close_today=True)
    assert entry.counts["day"] == 1
    _, records = read_batch(ctx, batch_files(tmp_path / "stick")[0], identity(OFFICE))
    (day,) = [r for r in records if r["kind"] == "day"]
    assert day["zero_report"] is True and day["day"] == ctx.clock().date().isoformat()
    assert os.path.exists(tmp_path / "stick" / FOLDER / (entry.file_name + ".minisig"))
    assert every_file(tmp_path / "stick") == sorted([f"{FOLDER}/{entry.file_name}", f"{FOLDER}/{entry.file_name}.minisig"])
    assert station_public(ctx).key_id.hex() == entry_key(ctx)


def entry_key(ctx) -> str:
    return ctx.batches.station_key().key_id


def test_a_batch_is_one_snapshot_of_the_register_whatever_a_desk_saves_meanwhile(ctx, tmp_path, monkeypatch):
    """A void saved while the batch is being built is not half in it (the passage marked
    void without its void record): the batch shows the register as it was, the next one
    carries the void."""
    from checkpoint_app.services import batches

    with_keys(ctx, tmp_path / "office")
    boss = supervisor(ctx)
    saved = ctx.register.save(guard(ctx), EntryDraft(category="resident", name="王五", temperature="36.5"))
    real_seal = batches.seal

    def seal(name, manifest, records, recipients, key):
        ctx.register.void(boss, saved.id, "重复登记")  # another desk, while this batch is being read
        return real_seal(name, manifest, records, recipients, key)

    monkeypatch.setattr(batches, "seal", seal)
    first = ctx.batches.export(boss, tmp_path / "stick")
    monkeypatch.setattr(batches, "seal", real_seal)
    second = ctx.batches.export(boss, tmp_path / "stick")
    one, two = (read_batch(ctx, p, identity(OFFICE))[1] for p in batch_files(tmp_path / "stick"))
    (created,) = [r for r in one if r["kind"] == "passage"]
    assert created["passage"]["voided"] is False and "passage.void" not in first.counts
    (voided,) = [r for r in two if r["kind"] == "passage"]
    assert voided["op"] == "void" and voided["void"]["void_reason"] == "重复登记" and second.counts["passage.void"] == 1


def test_a_demo_register_exports_out_of_the_box_to_the_demo_office(bare_ctx, tmp_path):
    from checkpoint_app.batch.keys import OfficeIdentity

    from checkpoint_app.services import demo, demo_office

    demo.fill(bare_ctx, 300, days=3)
    boss = bare_ctx.operators.login(*demo.DEMO_SUPERVISOR)
    assert {k.role for k in bare_ctx.batches.office_keys()} == {OFFICE, ESCROW}
    entry = bare_ctx.batches.export(boss, tmp_path / "stick")
    assert entry.counts["passage.create"] == 300
    folder = bare_ctx.paths.root / demo_office.FOLDER
    office = OfficeIdentity.unseal((folder / "office.key").read_bytes(), demo_office.PASSPHRASE)
    assert office == demo_office.demo_identity(OFFICE)
    (path,) = batch_files(tmp_path / "stick")
    assert read_batch(bare_ctx, path, office)[0]["batch"]["number"] == 1
    demo.fill(bare_ctx, 10, days=1)  # a second fill keeps the keys
    assert len(bare_ctx.batches.office_keys()) == 2


def test_a_damaged_station_key_refuses_the_export_and_is_never_replaced(ctx, tmp_path):
    """The office enrolled the key's public half: a new key would make every later batch
    a stranger's, so a damaged key file stops the export with the reason, untouched."""
    with_keys(ctx, tmp_path / "office")
    path = station_key.key_path(ctx.paths.root)
    path.write_text('{"format": "checkpoint-station-key", "key_id": "zz"}', encoding="utf-8")
    with pytest.raises(BatchRejected) as caught:
        ctx.batches.export(supervisor(ctx), tmp_path / "stick")
    assert caught.value.reason == "bad_key_file"
    assert path.read_text(encoding="utf-8").endswith('"zz"}') and not (tmp_path / "stick").exists()
    assert ctx.batches.ledger(supervisor(ctx)) == []
