"""The residents service: import in one transaction (re-import updating, cancel and
failure leaving nothing), listing and searching masked, adding, editing, moving out,
the supervisor's guard (services/residents.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from actors import guard, supervisor
from resident_lists import HEADER, rows, unique_id_number, write_csv, write_xlsx
from sqlmodel import select

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.progress import Cancelled, Progress
from checkpoint_app.core.resident_rules import ResidentDraft
from checkpoint_app.core.roles import NotPermitted

from checkpoint_app.db.models import AuditEvent, Resident, ResidentPlate

ID_A, ID_B, ID_C = unique_id_number(101), unique_id_number(102), unique_id_number(103)


def stored(ctx):
    with ctx.session() as session:
        residents = {r.id: r for r in session.exec(select(Resident))}
        plates: dict[int, list[str]] = {}
        for p in session.exec(select(ResidentPlate)):
            plates.setdefault(p.resident_id, []).append(p.plate)
        return [(r.name, r.room, r.phone, r.phone_tail, r.id_number, sorted(plates.get(r.id, [])), r.pass_code)
                for r in sorted(residents.values(), key=lambda r: r.id)]


def events(ctx, action):
    with ctx.session() as session:
        return [e for e in session.exec(select(AuditEvent).where(AuditEvent.action == action))]


def import_file(ctx, path, **kwargs):
    boss = supervisor(ctx)
    return ctx.residents.import_rows(boss, ctx.residents.preview_import(boss, path), **kwargs)


FIRST = [HEADER,
         ["李四", "3栋5单元502室", "13812345678", ID_A, "渝A12345", "JB0001"],
         ["王五", "3-502", "13900001111", "", "渝B23456、渝C34567", ""],
         ["赵六", "五栋", "", "", "", ""]]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_import_writes_the_valid_rows_and_counts_the_rest(ctx, tmp_path, encoding):
    result = import_file(ctx, write_csv(tmp_path / "list.csv", FIRST, encoding))
    assert (result.imported, result.updated, result.rejected) == (2, 0, 1)
    assert stored(ctx) == [("李四", "3-5-502", "13812345678", "5678", ID_A, ["渝A12345"], "JB0001"),
                           ("王五", "3-502", "13900001111", "1111", None, ["渝B23456", "渝C34567"], None)]
    with ctx.session() as session:
        uuids = [r.uuid for r in session.exec(select(Resident))]
        times = [(r.created_at, r.updated_at) for r in session.exec(select(Resident))]
    assert len(set(uuids)) == 2 and all(len(u) == 36 for u in uuids)
    assert all(c == u and c.utcoffset() == dt.timedelta(0) for c, u in times)
    [event] = events(ctx, "residents_imported")
    assert '"imported":2' in event.detail and '"rejected":1' in event.detail and '"updated":0' in event.detail
    assert "李四" not in event.detail + event.subject and ID_A not in event.detail + event.subject


def test_reimport_updates_by_id_number_then_by_phone_and_name_without_duplicating(ctx, tmp_path):
    import_file(ctx, write_csv(tmp_path / "one.csv", FIRST))
    again = [HEADER,
             ["李四", "3-5-503", "", ID_A, "渝D45678", ""],  # moved flat, new car; phone and pass code kept
             ["王五", "3-502", "13900001111", ID_B, "", ""],  # matched by phone and name: ID added, plates replaced
             ["王小五", "3-502", "13900001111", ID_C, "", "JB0002"]]  # the family's phone, another person
    result = import_file(ctx, write_xlsx(tmp_path / "two.xlsx", again))
    assert (result.imported, result.updated, result.rejected) == (1, 2, 0)
    assert stored(ctx) == [("李四", "3-5-503", "13812345678", "5678", ID_A, ["渝D45678"], "JB0001"),
                           ("王五", "3-502", "13900001111", "1111", ID_B, [], None),
                           ("王小五", "3-502", "13900001111", "1111", ID_C, [], "JB0002")]


def test_a_list_without_a_plates_column_keeps_the_plates(ctx, tmp_path):
    import_file(ctx, write_csv(tmp_path / "one.csv", FIRST))
    import_file(ctx, write_csv(tmp_path / "two.csv", [["姓名", "房号", "身份证号"], ["李四", "3-5-502", ID_A]]))
    assert stored(ctx)[0][5] == ["渝A12345"]


def test_a_pass_code_held_by_another_resident_is_rejected_at_import(ctx, tmp_path):
    import_file(ctx, write_csv(tmp_path / "one.csv", FIRST))
    result = import_file(ctx, write_csv(tmp_path / "two.csv", [HEADER, ["钱七", "1-1-101", "", "", "", "JB0001"],
                                                               ["孙八", "1-1-102", "", "", "", ""]]))
    assert (result.imported, result.updated, result.rejected) == (1, 0, 1)
    assert [(c.line, c.problems[0].field) for c in result.conflicts] == [(2, "pass_code")]
    assert [r[0] for r in stored(ctx)] == ["李四", "王五", "孙八"]


def test_ten_thousand_residents_twice(ctx, tmp_path):
    path = write_csv(tmp_path / "big.csv", [HEADER] + rows(10_000), "gb18030")
    steps = []

    class Watching(Progress):
        def step(self, done, total=None, label_key=None):
            steps.append(done)
            super().step(done, total, label_key)

    result = import_file(ctx, path, progress=Watching())
    assert (result.imported, result.updated, result.rejected) == (10_000, 0, 0)
    assert steps == [0, 2000, 4000, 6000, 8000, 10_000]
    result = import_file(ctx, path)
    assert (result.imported, result.updated, result.rejected) == (0, 10_000, 0)
    assert ctx.residents.count(supervisor(ctx)) == 10_000


class CancelAfter(Progress):
    """Asks to cancel once `after` rows are reported written."""

    def __init__(self, after):
        super().__init__(cancellable=True)
        self.after = after

    def step(self, done, total=None, label_key=None):
        super().step(done, total, label_key)
        if done >= self.after:
            self.cancel()


class FailAfter(Progress):
    def __init__(self, after):
        super().__init__()
        self.after = after

    def step(self, done, total=None, label_key=None):
        if done >= self.after:
            raise RuntimeError("injected fault after a batch was written")


@pytest.mark.parametrize("kwargs, error", [
    ({"progress": CancelAfter(2000)}, Cancelled),
    ({"progress": CancelAfter(5000)}, Cancelled),  # after the last batch, before the commit
    ({"cancelled": iter([False, False, True]).__next__}, Cancelled),
    ({"progress": FailAfter(4000)}, RuntimeError),
])
def test_cancel_or_failure_leaves_nothing(ctx, tmp_path, kwargs, error):
    import_file(ctx, write_csv(tmp_path / "one.csv", FIRST))
    before = stored(ctx)
    path = write_csv(tmp_path / "big.csv", [HEADER] + rows(5000))
    with pytest.raises(error):
        import_file(ctx, path, **kwargs)
    assert stored(ctx) == before
    assert len(events(ctx, "residents_imported")) == 1


def test_a_guard_may_list_but_not_change_residents(ctx, tmp_path):
    path = write_csv(tmp_path / "one.csv", FIRST)
    preview = ctx.residents.preview_import(supervisor(ctx), path)
    desk = guard(ctx)
    for attempt in (lambda: ctx.residents.preview_import(desk, path),
                    lambda: ctx.residents.import_rows(desk, preview),
                    lambda: ctx.residents.save(desk, ResidentDraft(name="李四", room="1-101")),
                    lambda: ctx.residents.move_out(desk, "x"),
                    lambda: ctx.residents.draft_of(desk, "x")):
        with pytest.raises(NotPermitted):
            attempt()
    assert stored(ctx) == []
    assert len(events(ctx, "refused")) == 5
    assert ctx.residents.list(desk) == []
    with pytest.raises(NotPermitted):
        ctx.residents.list(None)


def test_list_and_search_are_masked(ctx, tmp_path):
    import_file(ctx, write_csv(tmp_path / "one.csv", FIRST))
    boss = supervisor(ctx)
    everyone = ctx.residents.list(boss)
    assert [(v.name, v.room, v.phone, v.id_number, v.plates) for v in everyone] == [  # by room as text
        ("李*", "3-5-502", "138****5678", ID_A[:6] + "********" + ID_A[-4:], ("渝A12345",)),
        ("王*", "3-502", "139****1111", None, ("渝B23456", "渝C34567"))]
    for text, found in [("3栋5单元502", ["李*"]), ("3-5", ["李*"]), ("3", ["李*", "王*"]), ("5678", ["李*"]),
                        ("王", ["王*"]), ("nobody", []), ("%", []), ("", ["李*", "王*"])]:
        assert [v.name for v in ctx.residents.list(boss, text)] == found, text
        assert ctx.residents.count(boss, text) == len(found)
    assert [v.name for v in ctx.residents.list(boss, limit=1, offset=1)] == ["王*"]
    assert ctx.residents.get(boss, everyone[1].uuid) == everyone[1]


def test_add_edit_and_move_out(ctx, clock):
    boss = supervisor(ctx)
    added = ctx.residents.save(boss, ResidentDraft(name="李四", room="3栋5单元502", phone="13812345678",
                                                   id_number=ID_A, plates="渝A12345", pass_code="jb0009"))
    assert (added.name, added.room, added.phone, added.plates, added.pass_code) == (
        "李*", "3-5-502", "138****5678", ("渝A12345",), "JB0009")
    draft = ctx.residents.draft_of(boss, added.uuid)
    assert draft == ResidentDraft("李四", "3-5-502", "13812345678", ID_A, "渝A12345", "JB0009")
    edited = ctx.residents.save(boss, ResidentDraft(name="李四", room="3-5-503", plates=""), added.uuid)
    assert (edited.room, edited.phone, edited.plates, edited.pass_code) == ("3-5-503", None, (), None)
    assert len(stored(ctx)) == 1
    with pytest.raises(InvalidInput) as caught:
        ctx.residents.save(boss, ResidentDraft(name="", room="五栋", phone="123"))
    assert [p.field for p in caught.value.problems] == ["name", "room", "phone"]
    other = ctx.residents.save(boss, ResidentDraft(name="王五", room="1-101", id_number=ID_B, pass_code="JB1"))
    with pytest.raises(InvalidInput) as caught:
        ctx.residents.save(boss, ResidentDraft(name="李四", room="3-5-503", id_number=ID_B, pass_code="JB1"),
                           added.uuid)
    assert [(p.field, p.english()) for p in caught.value.problems] == [
        ("id_number", "Another resident (room 1-101) already has this ID number."),
        ("pass_code", "This resident-pass code already belongs to a resident of room 1-101.")]
    today = clock().date()
    with pytest.raises(InvalidInput) as caught:
        ctx.residents.move_out(boss, other.uuid, today + dt.timedelta(days=1))
    assert caught.value.problems[0].field == "moved_out_on"
    gone = ctx.residents.move_out(boss, other.uuid, today)
    assert gone.moved_out and gone.moved_out_on == today
    still = ctx.residents.save(boss, ResidentDraft(name="王五", room="1-101", phone="13900002222"), other.uuid)
    assert (still.moved_out, still.moved_out_on, still.phone) == (True, today, "139****2222")  # an edit keeps it
    assert [v.name for v in ctx.residents.list(boss)] == ["李*"]
    assert [v.name for v in ctx.residents.list(boss, include_moved_out=True)] == ["王*", "李*"]  # 1-101 first
    with pytest.raises(InvalidInput) as caught:
        ctx.residents.get(boss, "no-such-uuid")
    assert caught.value.problems[0].english() == "This resident is no longer in the register."
    saved = events(ctx, "resident_saved")
    assert len(saved) == 4 and all("李四" not in e.detail and ID_A not in e.detail for e in saved)
    assert len(events(ctx, "resident_moved_out")) == 1 and len(events(ctx, "resident_opened")) == 1
