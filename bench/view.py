"""Register view timings: the first page unfiltered, each filter alone, each search kind
(plates included: a whole plate, its start, four of its characters), and keyset paging
(fetchMore) deep into the register.

For every case: one cold run (fresh SQLite connection and the database file dropped from
the OS page cache), then 7 timed runs whose median is reported. Three layers are timed:
  - sql:    RegisterReader(ctx).page(filter, None, 200)  (the query alone);
  - model:  EntryTableModel.set_filter(filter)           (query + model reset);
  - screen: set_filter + processEvents                   (what the guard waits for: the
            main window's table re-laid out and repainted). set_filter includes the
            capped result count when the first page is full.
The result count is timed on its own too: capped as the app runs it (stops after
COUNT_CAP + 1 matches) and exact (every match counted), to show what the cap saves.
The SQL each case ran is captured from the engine and its EXPLAIN QUERY PLAN recorded.
"""

from __future__ import annotations

import datetime as dt
import time

from common import evict_file_cache, median_ms, ms
from sqlalchemy import event

from PySide6.QtWidgets import QApplication

from checkpoint_app.core.listing import EntryFilter, SearchKind, VoidFilter

from checkpoint_app.services.reader import RegisterReader

from checkpoint_app.ui.entry_model import COUNT_CAP

EXACT_COUNT_CAP = 10**9  # "count everything"

RUNS = 7
PAGE = 200


def plates(ctx) -> tuple[str, str, str]:
    """Plates to search for in the register (issue 7): a whole plate from another
    province (鄂, an ordinary plate: the earliest one, the same in every run of the cached
    register), its start as a guard remembers it (province, letter, two characters) and
    its letter and three characters without the province (a document number or a plate:
    digits alone search ID numbers and phones only)."""
    with ctx.connect() as conn:
        found = conn.exec_driver_sql("SELECT plate FROM passage WHERE plate LIKE '鄂%' AND plate_kind = 'ordinary' "
                                     "ORDER BY id LIMIT 1").first()
    whole = found[0] if found else "鄂A12345"
    return whole, whole[:4], whole[1:5]


def cases(today: dt.date, plate: tuple[str, str, str] = ("鄂A12345", "鄂A12", "A123")) -> list[tuple[str, str, EntryFilter]]:
    """(group, label, filter); the group decides the target."""
    name = lambda text: EntryFilter(search_kind=SearchKind.NAME, search_text=text)  # noqa: E731
    idn = lambda text: EntryFilter(search_kind=SearchKind.ID_NUMBER, search_text=text)  # noqa: E731
    phone = lambda text: EntryFilter(search_kind=SearchKind.PHONE, search_text=text)  # noqa: E731
    old_day = today - dt.timedelta(days=200)
    return [
        ("first_page", "first page, unfiltered", EntryFilter()),
        ("filter", "day range: last 7 days", EntryFilter(day_from=today - dt.timedelta(days=6), day_to=today)),
        ("filter", f"day range: one day 200 days ago ({old_day})", EntryFilter(day_from=old_day, day_to=old_day)),
        ("filter", "day range: last 30 days (extra)", EntryFilter(day_from=today - dt.timedelta(days=29), day_to=today)),
        ("filter", "day range: last 365 days (extra)", EntryFilter(day_from=today - dt.timedelta(days=364), day_to=today)),
        ("filter", "direction = out", EntryFilter(direction="out")),
        ("filter", "category = visitor", EntryFilter(category="visitor")),
        ("filter", "fever = yes", EntryFilter(fever=True)),
        ("filter", "key area = yes", EntryFilter(key_area=True)),
        ("filter", "decision = refuse", EntryFilter(decision="refuse")),
        ("filter", "voided only", EntryFilter(voided=VoidFilter.ONLY)),
        ("filter", "fever = yes AND key area = yes (extra)", EntryFilter(fever=True, key_area=True)),
        ("search", "name, 2 chars: 李四", name("李四")),
        ("search", "name, 1 char: 王", name("王")),
        ("search", "name, 4 chars: 欧阳娜娜", name("欧阳娜娜")),
        ("search", "name, matches nothing: 龘龘", name("龘龘")),
        ("search", "ID fragment, 4 chars: 123X", idn("123X")),
        ("search", "ID prefix, 6 digits: 420102", idn("420102")),
        ("search", "phone, last 4: 5678", phone("5678")),
        ("search", "phone, middle: 1380", phone("1380")),
        ("search", "one box, digits: 5678 (ID or phone)", EntryFilter(search_text="5678")),
        ("search", "one box, letters+digits: 123X", EntryFilter(search_text="123X")),
        ("search", "one box, Chinese: 王", EntryFilter(search_text="王")),
        ("search", f"plate, whole: {plate[0]}", EntryFilter(search_text=plate[0])),
        ("search", f"plate, start: {plate[1]}", EntryFilter(search_text=plate[1])),
        ("search", f"plate or document, 4 chars: {plate[2]}", EntryFilter(search_text=plate[2])),
        ("search", "plate, start of many: 渝A", EntryFilter(search_text="渝A")),
        ("search", "plate, matches nothing: 鄂Z99999", EntryFilter(search_text="鄂Z99999")),
        ("search", "plate fragment, matches nothing: 9Z9Z", EntryFilter(search_text="9Z9Z")),
        ("search", f"plate start AND direction = in: {plate[1]}", EntryFilter(search_text=plate[1], direction="in")),
    ]


class _SqlCapture:
    def __init__(self, engine):
        self.last: tuple[str, object] | None = None
        self.every: list[tuple[str, object]] = []
        event.listen(engine, "before_cursor_execute", self._capture)

    def _capture(self, _conn, _cursor, statement, parameters, _context, _executemany):
        flat = " ".join(statement.split())
        if flat.upper().startswith("SELECT") and (" FROM passage" in flat or " FROM person_check" in flat):
            self.last = (statement, parameters)
            self.every.append(self.last)


def _cold(ctx) -> None:
    ctx.db.engine.dispose()  # next query opens a new connection: empty SQLite page cache
    evict_file_cache(ctx.paths.database, ctx.paths.database.with_name(ctx.paths.database.name + "-wal"))


def _timed(func) -> tuple[float, object]:
    started = time.perf_counter()
    result = func()
    return time.perf_counter() - started, result


def _plan(ctx, sql: tuple[str, object] | None) -> list[str]:
    if sql is None:
        return ["(no SQL ran: the query was answered without the database)"]
    statement, parameters = sql
    with ctx.connect() as conn:
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    depth: dict[int, int] = {}
    lines = []
    for node, parent, _unused, detail in rows:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + detail)
    return lines


def run(window, today: dt.date, log=print) -> dict:
    ctx = window.ctx
    app = QApplication.instance()
    reader = RegisterReader(ctx)
    actor = window.actor  # the guard at the desk: the reads are in their name
    model = window.model
    capture = _SqlCapture(ctx.db.engine)
    results = []
    for group, label, f in cases(today, plates(ctx)):
        _cold(ctx)
        capture.last, capture.every = None, []
        cold_sql, rows = _timed(lambda: reader.page(actor, f, None, PAGE))
        sql_text = capture.last
        capture_runs = list(capture.every)
        sql = [_timed(lambda: reader.page(actor, f, None, PAGE))[0] for _ in range(RUNS)]
        _cold(ctx)
        cold_model, _ = _timed(lambda: model.set_filter(f))
        app.processEvents()
        model_runs = [_timed(lambda: model.set_filter(f))[0] for _ in range(RUNS)]
        screen = []
        for _ in range(RUNS):
            screen.append(_timed(lambda: (model.set_filter(f), app.processEvents()))[0])
        capped = [_timed(lambda: reader.count(actor, f, COUNT_CAP)) for _ in range(RUNS)]
        exact_s, exact = _timed(lambda: reader.count(actor, f, EXACT_COUNT_CAP))
        entry = {
            "group": group, "label": label, "rows": len(rows),
            "sql_cold_ms": ms(cold_sql), "sql_median_ms": median_ms(sql),
            "model_cold_ms": ms(cold_model), "model_median_ms": median_ms(model_runs),
            "screen_median_ms": median_ms(screen),
            "count_capped_median_ms": median_ms([t for t, _ in capped]), "count_capped": capped[0][1],
            "count_exact_ms": ms(exact_s), "count_exact": exact,
            "sql_runs_ms": [ms(v) for v in sql],
            "sql": sql_text[0] if sql_text else None,
            "sql_parameters": [str(p) for p in sql_text[1]] if sql_text else None,
            # a search in two places (a document or a plate) runs two queries: both plans
            "query_plan": [line for sql_run in (capture_runs or [None]) for line in _plan(ctx, sql_run)],
        }
        results.append(entry)
        log(f"  {label:<40} rows={len(rows):>4}  sql cold {entry['sql_cold_ms']:>8.1f}  median {entry['sql_median_ms']:>8.1f}"
            f"  model {entry['model_median_ms']:>8.1f}  screen {entry['screen_median_ms']:>8.1f} ms"
            f"  count {entry['count_capped_median_ms']:.1f} (exact {entry['count_exact']:,} in {entry['count_exact_ms']:.0f} ms)")
    paging = [_deep_paging(ctx, model, reader, "unfiltered", EntryFilter(), log, reader_actor=actor),
              _deep_paging(ctx, model, reader, "name search 王", EntryFilter(search_kind=SearchKind.NAME, search_text="王"), log,
                           reader_actor=actor),
              _deep_paging(ctx, model, reader, "plate search 渝A", EntryFilter(search_text="渝A"), log, reader_actor=actor)]
    model.set_filter(EntryFilter())
    app.processEvents()
    return {"cases": results, "paging": paging, "anchor_day": today.isoformat(), "runs": RUNS, "page_size": PAGE}


def _deep_paging(ctx, model, reader, label: str, f: EntryFilter, log, page: int = 50, reader_actor=None) -> dict:
    """fetchMore page by page up to `page` (timing each), then page `page` by keyset 7 times."""
    app = QApplication.instance()
    model.set_filter(f)
    app.processEvents()
    per_page, per_page_screen = [], []
    while len(per_page) < page - 1 and model.canFetchMore():
        started = time.perf_counter()
        model.fetchMore()
        fetched = time.perf_counter()
        app.processEvents()  # the table lays out the new rows (column widths follow contents)
        per_page.append(fetched - started)
        per_page_screen.append(time.perf_counter() - started)
    pages = 1 + len(per_page)
    out = {"label": label, "pages_reached": pages, "rows_loaded": model.rowCount()}
    if pages < page:
        out["note"] = f"only {pages} pages match"
        return out
    out["fetchmore_page50_ms"] = ms(per_page[-1])
    out["fetchmore_pages2to50_median_ms"] = median_ms(per_page)
    out["fetchmore_pages2to50_max_ms"] = ms(max(per_page))
    out["fetchmore_page50_screen_ms"] = ms(per_page_screen[-1])
    out["fetchmore_screen_ms_by_page"] = {str(n + 2): ms(v) for n, v in enumerate(per_page_screen) if n % 8 == 0 or n == len(per_page_screen) - 1}
    before = model.row_at((page - 1) * PAGE - 1).id
    runs = [_timed(lambda: reader.page(reader_actor, f, before, PAGE))[0] for _ in range(RUNS)]
    out["sql_page50_median_ms"] = median_ms(runs)
    log(f"  fetchMore page {page} ({label}): {out['fetchmore_page50_ms']:.1f} ms, with the table's layout "
        f"{out['fetchmore_page50_screen_ms']:.1f} ms; keyset SQL median {out['sql_page50_median_ms']:.1f} ms")
    return out
