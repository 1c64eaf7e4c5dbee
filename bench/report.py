"""Targets from issue 2, PASS/FAIL verdicts, and the printed table."""

from __future__ import annotations

TARGETS = {
    "cycle_p99_ms": 50.0,  # issue 5: Enter -> next person ready, list and counts painted
    "save_p99_ms": 30.0,   # issue 2: Enter -> durable commit
    "first_page_ms": 300.0,
    "filter_ms": 200.0,
    "peak_rss_mb": 300.0,
    "start_ratio": 1.5,
    "generation_s": 600.0,  # "1,000,000 entries in minutes, not hours"; flagged past 10 minutes
}


def _verdict(value, limit) -> str:
    if value is None:
        return "n/a"
    if limit is None:
        return "info"
    return "PASS" if value <= limit else "FAIL"


def verdicts(r: dict) -> list[dict]:
    """One row per judged figure: name, figure (text), value, target (text), verdict."""
    rows = []

    def add(name, figure, value, target_text, limit):
        rows.append({"name": name, "figure": figure, "value": value, "target": target_text,
                     "verdict": _verdict(value, limit)})

    meta = r["data"]
    gen = meta.get("generation_s")
    add("demo-data generation" + (" (cached)" if meta.get("reused") else ""),
        f"{gen:.1f} s for {meta['entries']:,} entries, {meta.get('db_bytes', 0) / 2**20:.0f} MB",
        gen, "<= 10 min", TARGETS["generation_s"])
    s = r.get("saves")
    if s is None:  # --only-view: the view's figures and the process's peak RSS
        _view_verdicts(r, add)
        add("Peak RSS of the benchmark process (ru_maxrss, after all above)",
            f"{r['peak_rss_mb']:.0f} MB (VmHWM {r.get('peak_rss_vmhwm_mb')} MB)", r["peak_rss_mb"], "<= 300 MB",
            TARGETS["peak_rss_mb"])
        return rows
    v = s["cycle"]
    add("Save at the desk: Enter -> form ready, new row and counts painted",
        f"p50 {v['p50_ms']:.1f} / p99 {v['p99_ms']:.1f} / max {v['max_ms']:.1f} ms (n={v['n']})",
        v["p99_ms"], "p99 <= 50 ms", TARGETS["cycle_p99_ms"])
    v = s["cycle_until_return"]
    add("  (info) the same, until the key press returns (before painting)",
        f"p50 {v['p50_ms']:.1f} / p99 {v['p99_ms']:.1f} / max {v['max_ms']:.1f} ms", v["p99_ms"], "(no target)", None)
    v = s["cycle_back_to_back"]
    add("  (info) the same cycle, saves back to back (WAL checkpoints inside saves)",
        f"p50 {v['p50_ms']:.1f} / p99 {v['p99_ms']:.1f} / max {v['max_ms']:.1f} ms (n={v['n']})",
        v["p99_ms"], "(no target)", None)
    v = s["save"]
    add("  Save alone, back to back: Enter -> durable commit, form cleared",
        f"p50 {v['p50_ms']:.1f} / p99 {v['p99_ms']:.1f} / max {v['max_ms']:.1f} ms (n={v['n']})",
        v["p99_ms"], "p99 <= 30 ms", TARGETS["save_p99_ms"])
    _view_verdicts(r, add)
    _other_verdicts(r, add)
    return rows


def _view_verdicts(r: dict, add) -> None:
    for case in r["view"]["cases"]:
        limit = TARGETS["first_page_ms"] if case["group"] == "first_page" else TARGETS["filter_ms"]
        add(f"View: {case['label']}",
            f"{case['screen_median_ms']:.1f} ms (sql {case['sql_median_ms']:.1f}, cold {case['sql_cold_ms']:.1f}; "
            f"{case['rows']} rows)", case["screen_median_ms"], f"<= {limit:.0f} ms", limit)
    for paging in r["view"]["paging"]:
        if "fetchmore_page50_ms" in paging:
            add(f"View: fetchMore page 50, {paging['label']}",
                f"{paging['fetchmore_page50_ms']:.1f} ms (median p2-50 {paging['fetchmore_pages2to50_median_ms']:.1f}); "
                f"+ table layout {paging['fetchmore_page50_screen_ms']:.1f} ms",
                paging["fetchmore_page50_screen_ms"], "<= 200 ms", TARGETS["filter_ms"])


def _other_verdicts(r: dict, add) -> None:
    vh = r.get("vehicles")
    if vh:  # issue 7: the standard car through the vehicle form, a five-occupant vehicle's save
        car = vh["standard_car"]
        keys = max(car["keystrokes_beyond_typed"]) if car["keystrokes_beyond_typed"] else None
        add("Standard car (2 occupants) by keyboard: keystrokes beyond plate, readings, origin",
            f"{keys} keys ({car['runs']} cars, {car['failed']} not saved)", keys, "<= 12", 12)
        t = car["scripted_ms"]
        add("  (info) the same car, scripted: first key -> saved, next car ready, painted",
            f"p50 {t.get('p50_ms', 0):.1f} / p99 {t.get('p99_ms', 0):.1f} ms", t.get("p50_ms"), "(no target)", None)
        v = vh["five_occupant_save"]
        add("Save of a five-occupant vehicle (service, one transaction)",
            f"p50 {v['p50_ms']:.1f} / p99 {v['p99_ms']:.1f} / max {v['max_ms']:.1f} ms (n={v['n']})",
            v["p99_ms"], "p99 <= 30 ms", TARGETS["save_p99_ms"])
    lg = r.get("login")
    if lg:
        a = lg["argon2"]
        add("Login: PIN check (Argon2id) and its audit event",
            f"median {lg['p50_ms']:.1f} / max {lg['max_ms']:.1f} ms (n={lg['n']}; t={a['time_cost']}, "
            f"m={a['memory_kib'] // 1024} MiB, p={a['parallelism']})", lg["p50_ms"], "(no target)", None)
    uw = r.get("unit_of_work")
    if uw:
        w, wo = uw["save_with_records"], uw["save_without_records"]
        add("Service save with its change record (unit of work)",
            f"p50 {w['p50_ms']:.1f} / p99 {w['p99_ms']:.1f} ms; without: p50 {wo['p50_ms']:.1f} / p99 "
            f"{wo['p99_ms']:.1f} ms; added p50 {uw['save_added_p50_ms']:+.2f} / p99 {uw['save_added_p99_ms']:+.2f} ms",
            w["p99_ms"], "p99 <= 30 ms", TARGETS["save_p99_ms"])
        w, wo = uw["void_with_audit"], uw["void_without_audit"]
        add("  (info) void with its audit event and change record",
            f"p50 {w['p50_ms']:.1f} / p99 {w['p99_ms']:.1f} ms; without: p50 {wo['p50_ms']:.1f} / p99 "
            f"{wo['p99_ms']:.1f} ms", w["p99_ms"], "(no target)", None)
    add("Peak RSS of the benchmark process (ru_maxrss, after all above)",
        f"{r['peak_rss_mb']:.0f} MB (VmHWM {r.get('peak_rss_vmhwm_mb')} MB)", r["peak_rss_mb"], "<= 300 MB",
        TARGETS["peak_rss_mb"])
    st = r.get("startup")
    if st:
        add("Start-up: app / bare window (medians)",
            f"{st['app']['shown_median_ms']:.0f} / {st['bare']['shown_median_ms']:.0f} ms = "
            f"{st['ratio_app_over_bare']:.2f}x", st["ratio_app_over_bare"], "<= 1.5x", TARGETS["start_ratio"])
        ref = st["bare_sqlmodel"]
        add("  (info) bare window + SQLModel import/engine/query",
            f"{ref['shown_median_ms']:.0f} ms; app = {st['ratio_app_over_bare_sqlmodel']:.2f}x of it",
            st["ratio_app_over_bare_sqlmodel"], "(no target)", None)
        if "form_median_ms" in st["app"]:
            add("  (info) app: form and register drawn (before the database opens)",
                f"{st['app']['form_median_ms']:.0f} ms = {st['app']['form_median_ms'] / st['bare']['shown_median_ms']:.2f}x "
                "bare window", st["app"]["form_median_ms"], "(no target)", None)
        if "ready_median_ms" in st["app"]:
            add("  (info) app: register ready (DB open, first page + counts painted)",
                f"{st['app']['ready_median_ms']:.0f} ms = {st['app']['ready_median_ms'] / ref['shown_median_ms']:.2f}x "
                "bare + SQLModel", st["app"]["ready_median_ms"], "(no target)", None)
        add("Peak RSS of the app when ready (median)", f"{st['app']['peak_rss_mb_median']:.0f} MB",
            st["app"]["peak_rss_mb_median"], "<= 300 MB", TARGETS["peak_rss_mb"])
    ic = r.get("integrity")
    if ic:  # issue 5 item 3: the background check after every start and once a day
        add("  (info) integrity check (PRAGMA quick_check, background thread): cold / warm",
            f"{ic['quick_check_cold_ms'] / 1000:.1f} / {ic['quick_check_warm_ms'] / 1000:.1f} s on {ic['file_mb']:.0f} MB",
            ic["quick_check_cold_ms"], "(no target)", None)
    dr = r.get("daily_report")
    if dr:  # issue 6: the daily report (bench/daily_report.py)
        import daily_report

        for name, figure, value, target, limit in daily_report.verdicts(dr):
            add(name, figure, value, target, limit)
    ri = r.get("resident_import")
    if ri:  # issue 8: the residents import (bench/resident_import.py)
        import resident_import

        for name, figure, value, target, limit in resident_import.verdicts(ri):
            add(name, figure, value, target, limit)
    be = r.get("batch_export")
    if be:  # issue 9: the batch export (bench/batch_export.py)
        import batch_export

        for name, figure, value, target, limit in batch_export.verdicts(be):
            add(name, figure, value, target, limit)
    bc = r.get("bundle")
    if bc:  # issue 10: the bundle beside a bare window (bench/bundle_compare.py)
        import bundle_compare

        for name, figure, value, target, limit in bundle_compare.verdicts(bc):
            add(name, figure, value, target, limit)
    sc = r.get("startup_integrity")
    if sc and sc.get("startup_check_ms") is not None:
        add("  (info) the start-up check beside the open window",
            f"ran {sc['startup_check_ms'] / 1000:.1f} s; saves were measured after it ended", sc["startup_check_ms"],
            "(no target)", None)


def render(r: dict) -> str:
    m = r["machine"]
    lines = [
        f"Checkpoint Register benchmark: {r['entries']:,} entries, schema {r['data']['schema_revision']}, "
        f"{m['timestamp']}, commit {m['git_commit']}{' + uncommitted app changes' if m['app_code_dirty'] else ''}",
        f"Machine: {m['cpu']}, {m['cores_usable']} cores, {m['ram_gb']} GB RAM; Python {m['python']}, "
        f"SQLite {m['sqlite']}, PySide6 {m['pyside6']} (Qt {m['qt']}), SQLAlchemy {m['sqlalchemy']}, "
        f"QT_QPA_PLATFORM={m['qpa_platform']}",
        (f"Durability during saves: journal_mode={r['saves']['pragmas']['journal_mode']}, "
         f"synchronous={r['saves']['pragmas']['synchronous']} (2 = FULL); " if "saves" in r else "Register view only; ")
        + f"open_context {r['open_context_ms']:.0f} ms, MainWindow {r['main_window_ms']:.0f} ms in-process",
        "",
    ]
    rows = r["verdicts"]
    w1 = max(len(x["name"]) for x in rows)
    w2 = max(len(x["figure"]) for x in rows)
    w3 = max(len(x["target"]) for x in rows)
    lines.append(f"{'Measure':<{w1}}  {'Figure':<{w2}}  {'Target':<{w3}}  Result")
    lines.append("-" * (w1 + w2 + w3 + 12))
    for x in rows:
        lines.append(f"{x['name']:<{w1}}  {x['figure']:<{w2}}  {x['target']:<{w3}}  {x['verdict']}")
    lines.append("")
    lines.append("View timings (ms): sql = RegisterReader.page; model = EntryTableModel.set_filter (with the capped "
                 "count when the page is full); screen = set_filter + processEvents (judged); cold = fresh connection, "
                 "file evicted from OS cache; count = result count capped at 1000 (median) and exact")
    lines.append(f"  {'case':<44}{'rows':>5}{'sql cold':>10}{'sql med':>9}{'model cold':>11}{'model med':>10}{'screen':>9}"
                 f"{'count':>8}{'exact count':>22}")
    for c in r["view"]["cases"]:
        lines.append(f"  {c['label']:<44}{c['rows']:>5}{c['sql_cold_ms']:>10.1f}{c['sql_median_ms']:>9.1f}"
                     f"{c['model_cold_ms']:>11.1f}{c['model_median_ms']:>10.1f}{c['screen_median_ms']:>9.1f}"
                     f"{c['count_capped_median_ms']:>8.1f}{c['count_exact']:>12,} {c['count_exact_ms']:>6.0f} ms")
    if "saves" in r:
        _save_lines(r, lines)
    return _finish(r, rows, lines, r.get("startup"))


def _save_lines(r: dict, lines: list) -> None:
    parts = r["saves"]["parts"]
    lines.append("")
    lines.append("Save breakdown at desk pace (p50 / p99 ms): " + "; ".join(
        f"{name} {v['p50_ms']:.1f} / {v['p99_ms']:.1f}" for name, v in parts.items() if v.get("n"))
        + "; back to back: " + "; ".join(f"{name} {v['p50_ms']:.1f} / {v['p99_ms']:.1f}"
                                          for name, v in r["saves"]["parts_back_to_back"].items() if v.get("n"))
        + f"; checkpoints by the background thread during the saves: {r['saves'].get('background_checkpoints')}")
    lines.append(f"First save after start: {r['saves']['first_save_ms']:.1f} ms; slowest cycles: "
                 f"{r['saves']['slowest_cycle_ms']}; back to back: {r['saves']['slowest_cycle_back_to_back_ms']}; "
                 f"slowest saves alone: {r['saves']['slowest_save_ms']}")
    if r["saves"].get("unpainted"):
        lines.append(f"WARNING: {r['saves']['unpainted']} cycles timed out waiting for the paint")


def _finish(r: dict, rows: list, lines: list, st) -> str:
    if st:
        lines.append(f"Start-up runs (ms): app {st['app']['shown_runs_ms']}; bare {st['bare']['shown_runs_ms']}; "
                     f"bare + SQLModel {st['bare_sqlmodel']['shown_runs_ms']}")
        lines.append(f"Start-up peak RSS (VmHWM, MB): app {st['app']['peak_rss_mb_median']}, bare {st['bare']['peak_rss_mb_median']}, "
                     f"bare + SQLModel {st['bare_sqlmodel']['peak_rss_mb_median']}")
    failed = [x for x in rows if x["verdict"] == "FAIL"]
    cold = [c for c in r["view"]["cases"]
            if c["sql_cold_ms"] > (TARGETS["first_page_ms"] if c["group"] == "first_page" else TARGETS["filter_ms"])]
    lines.append("")
    lines.append(f"{sum(x['verdict'] == 'PASS' for x in rows)} PASS, {len(failed)} FAIL (judged on warm medians)")
    if cold:
        lines.append("Cold first runs over their target (fresh connection, file not in the OS cache): " + "; ".join(
            f"{c['label']} {c['sql_cold_ms']:.0f} ms" for c in cold))
    shown = {c["label"] for c in cold}
    for case in r["view"]["cases"]:
        if case["label"] in shown and not any(x["name"] == f"View: {case['label']}" for x in failed):
            lines.append(f"\nCOLD {case['label']}: query plan\n  " + "\n  ".join(case["query_plan"]))
    for case in r["view"]["cases"]:
        if any(x["name"] == f"View: {case['label']}" for x in failed):
            lines.append(f"\nFAIL {case['label']}: query plan\n  " + "\n  ".join(case["query_plan"]))
            lines.append("  SQL: " + " ".join(case["sql"].split()) if case["sql"] else "  (no SQL)")
    if any("Save" in x["name"] for x in failed) and "saves" in r:
        lines.append("\nSave profile (top by cumulative time):")
        lines.extend("  " + line for line in r["saves"]["profile_top"][:45])
    if st and st.get("import_profile"):
        lines.append("\nSlowest top-level imports at app start (python -X importtime, cumulative):")
        lines.extend("  " + line for line in st["import_profile"])
    if st and st.get("start_profile"):
        lines.append("\nApp start under cProfile (top by cumulative time; profiler overhead included):")
        lines.extend("  " + line for line in st["start_profile"])
    return "\n".join(lines)
