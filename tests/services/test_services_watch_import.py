"""Importing a watchlist (services/watchlist.py preview_import/import_rows): one
transaction, a supervisor's, audited with counts only; re-importing the same person
with an overlapping period updates their entry; a cancel or a failure leaves nothing;
each entry linked to its resident."""

from __future__ import annotations

import datetime as dt

import pytest
from actors import guard, supervisor
from resident_lists import unique_id_number, write_csv
from residents import add_resident
from sqlmodel import col, select

from checkpoint_app.core.progress import Cancelled, Progress
from checkpoint_app.core.roles import NotPermitted

from checkpoint_app.db.models import AuditEvent, Watch

HEADER = ["姓名", "身份证号", "房号", "类型", "开始日期", "结束日期", "原因"]
ID_A, ID_B = unique_id_number(201), unique_id_number(202)
FIRST = [HEADER,
         ["李四", ID_A, "3栋5单元502室", "居家隔离", "2026/11/20", "2026年12月4日", "武汉返回"],
         ["王五", "", "3-502", "", "11.25", "", ""],
         ["赵六", ID_B, "", "医学观察", "2026.11.28", "12.5", ""],
         ["孙八", "", "1-1-103", "", "2026/11/10", "2026/11/3", ""]]  # rejected: ends before it starts


def stored(ctx) -> list[tuple]:
    with ctx.session() as session:
        return [(w.kind, w.name, w.id_number, w.room, w.start_date, w.end_date, w.reason)
                for w in session.exec(select(Watch).order_by(col(Watch.id)))]


def events(ctx, action: str) -> list[AuditEvent]:
    with ctx.session() as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.action == action)))


def import_file(ctx, path, **kwargs):
    boss = supervisor(ctx)
    return ctx.watchlist.import_rows(boss, ctx.watchlist.preview_import(boss, path), **kwargs)


def test_an_import_adds_the_valid_rows_audited_with_counts(ctx, tmp_path):
    result = import_file(ctx, write_csv(tmp_path / "w.csv", FIRST, "gb18030"))
    assert (result.imported, result.updated, result.rejected) == (3, 0, 1)
    assert stored(ctx) == [
        ("home_quarantine", "李四", ID_A, "3-5-502", dt.date(2026, 11, 20), dt.date(2026, 12, 4), "武汉返回"),
        ("home_quarantine", "王五", None, "3-502", dt.date(2026, 11, 25), dt.date(2026, 12, 9), ""),
        ("medical_observation", "赵六", ID_B, "", dt.date(2026, 11, 28), dt.date(2026, 12, 5), "")]
    [event] = events(ctx, "watchlist_imported")
    assert '"imported":3' in event.detail and '"updated":0' in event.detail and '"rejected":1' in event.detail
    for secret in ("李四", ID_A, "3-5-502", "武汉"):
        assert secret not in event.detail + event.subject
    assert ctx.watchlist.match(name="李四", room="3-5-502") is not None  # the gate finds the normalised room
    assert ctx.watchlist.match(id_number=ID_B) is not None


def test_reimporting_the_same_people_updates_their_entries(ctx, tmp_path):
    import_file(ctx, write_csv(tmp_path / "one.csv", FIRST))
    again = [HEADER,
             ["李四", ID_A, "3-5-502", "", "2026/11/20", "2026/12/10", "延长"],  # same ID, overlapping: extended
             ["王五", "", "3号楼502", "", "11.26", "", ""],  # same name and room, overlapping
             ["赵六", ID_B, "", "医学观察", "2027/1/10", "2027/1/20", ""]]  # a later period: a new entry
    result = import_file(ctx, write_csv(tmp_path / "two.csv", again))
    assert (result.imported, result.updated, result.rejected) == (1, 2, 0)
    rows = stored(ctx)
    assert len(rows) == 4
    assert rows[0][5:] == (dt.date(2026, 12, 10), "延长")
    assert rows[1][4] == dt.date(2026, 11, 26)
    assert rows[3][4:6] == (dt.date(2027, 1, 10), dt.date(2027, 1, 20))


def test_a_lifted_entry_stays_lifted_when_reimported(ctx, tmp_path):
    path = write_csv(tmp_path / "one.csv", FIRST)
    import_file(ctx, path)
    boss = supervisor(ctx)
    [li] = [v for v in ctx.watchlist.listing(boss) if v.room == "3-5-502"]
    ctx.watchlist.lift(boss, li.uuid)
    assert import_file(ctx, path).updated == 3
    assert ctx.watchlist.match(id_number=ID_A) is None


class CancelAfter(Progress):
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


def many(count: int) -> list[list[str]]:
    return [HEADER] + [[f"住户{n}", unique_id_number(300 + n), f"{1 + n % 9}-{1 + n // 9 % 3}-{101 + n}",
                        "", "11.20", "", ""] for n in range(count)]


@pytest.mark.parametrize("kwargs, error", [
    ({"progress": CancelAfter(500)}, Cancelled),
    ({"progress": CancelAfter(1200)}, Cancelled),  # after the last batch, before the commit
    ({"cancelled": iter([False, True]).__next__}, Cancelled),
    ({"progress": FailAfter(1000)}, RuntimeError),
])
def test_cancel_or_failure_leaves_nothing(ctx, tmp_path, kwargs, error):
    import_file(ctx, write_csv(tmp_path / "one.csv", FIRST))
    before = stored(ctx)
    path = write_csv(tmp_path / "big.csv", many(1200))
    with pytest.raises(error):
        import_file(ctx, path, **kwargs)
    assert stored(ctx) == before
    assert len(events(ctx, "watchlist_imported")) == 1


def test_a_guard_may_not_import(ctx, tmp_path):
    path = write_csv(tmp_path / "one.csv", FIRST)
    preview = ctx.watchlist.preview_import(supervisor(ctx), path)
    desk = guard(ctx)
    for attempt in (lambda: ctx.watchlist.preview_import(desk, path), lambda: ctx.watchlist.import_rows(desk, preview)):
        with pytest.raises(NotPermitted):
            attempt()
    assert stored(ctx) == []


def test_imported_entries_are_linked_to_their_residents(ctx, tmp_path):
    li = add_resident(ctx, name="李四", room="9-9-909", phone=None, id_number=ID_A)  # found by ID number
    wang = add_resident(ctx, name="王五", room="3-502", phone=None)  # found by name and room
    import_file(ctx, write_csv(tmp_path / "one.csv", FIRST))
    with ctx.session() as session:
        linked = {w.name: w.resident_id for w in session.exec(select(Watch))}
    assert linked == {"李四": li.id, "王五": wang.id, "赵六": None}
