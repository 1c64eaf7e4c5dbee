"""What the guard waits for at the desk: Enter on the save button -> the entry committed
durably (WAL + synchronous=FULL), the form cleared and ready for the next person, the
new row in the register's list and today's counts moved on -- and all of it PAINTED.

Measured in two phases:
  1. "cycle" (the headline), at the pace of a desk: before each person, the app's own
     idle-time WAL checkpoint runs (untimed), as it does after 2 s of quiet -- and a
     guard needs more than 2 s to take the next person's details. Timed from just before
     the key press until the form's first field, the list's viewport and the counts line
     have each received a Paint event after the press, then one more pass of the event
     loop for anything those paints left pending. With QT_QPA_PLATFORM=offscreen Qt
     paints into an in-memory backing store: the painting is measured, the copy to a
     real screen (X server, compositor) is not.
  2. Back to back, one save every few milliseconds, two kinds interleaved (even/odd) so
     drift (WAL growth) hits both: the same cycle ("cycle_back_to_back"), and the save
     alone ("save": the window's update of list and counts skipped; form -> service ->
     commit -> form cleared, until the key press returns). Here the checkpoint thread
     (db/wal_checkpoints.py) copies the log every 16 commits beside the saves: the
     count of its runs is reported.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import io
import pstats
import random
import sys
import time

from common import latency_summary, ms

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from checkpoint_app.core.idcard import check_character

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文海燕鹏飞雪梅婷浩宇晨欣怡"
SPECIAL_NAMES = ("阿依古丽·买买提", "𠮷田", "欧阳娜娜", "司马光明")
# real county codes (GB/T 2260) -> province code of the visitor's origin
REGIONS = (("500105", "50"), ("500103", "50"), ("510104", "51"), ("440305", "44"), ("110105", "11"),
           ("310101", "31"), ("320102", "32"), ("330106", "33"), ("420102", "42"))
PURPOSES = ("探亲", "送货", "维修", "快递", "访友", "施工")


def visitor(rng: random.Random) -> dict:
    region, province = rng.choice(REGIONS)
    birth = f"{rng.randint(1955, 2004)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    first17 = f"{region}{birth}{rng.randrange(1000):03d}"
    name = rng.choice(SPECIAL_NAMES) if rng.random() < 0.03 else (
        rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))))
    temperature = f"{rng.randint(360, 371) / 10:.1f}"
    return {
        "id_number": first17 + check_character(first17), "name": name,
        "phone": f"1{rng.choice('3578')}{rng.randrange(10 ** 9):09d}",
        "destination": f"{rng.randint(1, 12)}栋{rng.randint(1, 4)}单元{rng.randint(1, 30)}0{rng.randint(1, 4)}",
        "purpose": rng.choice(PURPOSES), "province": province,
        "temperature": temperature.replace(".", ",") if rng.random() < 0.1 else temperature,
        # arrived locally some days ago (required for key-area origins); none for locals
        "arrival_days_ago": None if province == "50" else rng.randint(1, 40),
    }


def fill(form, v: dict) -> None:
    form.direction_combo.setCurrentIndex(form.direction_combo.findData("in"))
    form.category_combo.setCurrentIndex(form.category_combo.findData("visitor"))
    form.id_number_edit.setText(v["id_number"])
    form.name_edit.setText(v["name"])
    form.phone_edit.setText(v["phone"])
    form.destination_edit.setText(v["destination"])
    form.purpose_edit.setText(v["purpose"])
    form.origin_province_combo.setCurrentIndex(form.origin_province_combo.findData(v["province"]))
    form.temperature_edit.setText(v["temperature"])
    if v["arrival_days_ago"] is not None:
        day = dt.date.today() - dt.timedelta(days=v["arrival_days_ago"])
        form.arrival_date_edit.setText(day.isoformat())


def _form_problems(form) -> str:
    errors = [label.text() for label in form.findChildren(QLabel) if label.property("role") == "error" and label.text()]
    return f"status={form.status_label.text()!r} errors={errors}"


class _Probe:
    """Times the parts of a save by shadowing instance attributes and re-connecting the
    form's `saved` signal through a wrapper (no app code changed)."""

    def __init__(self, window):
        self.skip_after_save = False
        self.parts: dict[str, list[float]] = {"service_save": [], "after_save": []}
        ctx = window.ctx
        self._wrap(ctx.register, "save", "service_save")
        after_save = window._after_save
        window.form.saved.disconnect(after_save)

        def timed_after_save(entry_id):
            if self.skip_after_save:
                return
            started = time.perf_counter()
            try:
                after_save(entry_id)
            finally:
                self.parts["after_save"].append(time.perf_counter() - started)

        self._after_save = timed_after_save  # kept alive by the probe
        window.form.saved.connect(timed_after_save)

    def _wrap(self, obj, name: str, key: str) -> None:
        original = getattr(obj, name)

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.parts[key].append(time.perf_counter() - started)

        setattr(obj, name, timed)

    def clear(self) -> None:
        for values in self.parts.values():
            values.clear()


class _PaintWatch(QObject):
    """Event filter on a few widgets (which of them received a Paint event) and on the
    window (how many repaint passes, UpdateRequest, it has had)."""

    def __init__(self, window: QWidget, widgets: dict[str, QWidget]):
        super().__init__()
        self.painted: set[str] = set()
        self.passes = 0
        self._window = window
        self._names = {}
        window.installEventFilter(self)
        for name, widget in widgets.items():
            self._names[widget] = name
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.Paint and watched in self._names:
            self.painted.add(self._names[watched])
        elif kind == QEvent.Type.UpdateRequest and watched is self._window:
            self.passes += 1
        return False


def _wait_painted(app, watch: _PaintWatch, wanted: set[str], started: float, limit_s: float = 5.0) -> bool:
    """Run the event loop until the wanted widgets have painted and a pass of the loop
    brings no further repaint of the window (a layout change repaints in a second pass)."""
    while not wanted <= watch.painted:
        app.processEvents()
        if time.perf_counter() - started > limit_s:
            return False
    while True:
        passes = watch.passes
        app.processEvents()
        if watch.passes == passes or time.perf_counter() - started > limit_s:
            return True


def run(window, count: int, warmup: int = 20, profile_saves: int = 200, log=print) -> dict:
    app = QApplication.instance()
    form = window.form
    probe = _Probe(window)
    watch = _PaintWatch(window, {"form": form.first_field(), "list": window.view.table.viewport(),
                                 "counts": window.counts})
    saved: list[int] = []
    form.saved.connect(saved.append)
    assert window.actor is not None, "log in before the saves (run_bench.py logs in the demo guard)"
    rng = random.Random(2020)
    results = {"cycle": [], "cycle_until_return": [], "cycle_back_to_back": [], "save": []}
    first_save_ms = None
    failures: list[str] = []
    unpainted = 0

    def one(full: bool) -> tuple[float, float] | None:
        nonlocal unpainted
        fill(form, visitor(rng))
        app.processEvents()
        probe.skip_after_save = not full
        before = len(saved)
        watch.painted.clear()
        started = time.perf_counter()
        QTest.keyClick(form.save_button, Qt.Key.Key_Return)
        returned = time.perf_counter()
        if full and not _wait_painted(app, watch, {"form", "list", "counts"}, started):
            unpainted += 1
        painted = time.perf_counter()
        app.processEvents()
        if len(saved) != before + 1:
            failures.append(_form_problems(form))
            form.clear()
            return None
        if full and window.model.row_at(0).id != saved[-1]:
            failures.append("the saved entry is not at the top of the list")
        return returned - started, painted - started

    def check_failures() -> None:
        if len(failures) > 5:
            raise SystemExit("saves keep failing: " + " | ".join(failures))

    none_refs_before = sys.getrefcount(None)  # a binding that drops None refs crashes Python 3.11 apps
    # 1. at the pace of a desk: the idle checkpoint between people
    for i in range(warmup + count):
        window.ctx.db.checkpoint()  # what the checkpoint thread does after 2 s of quiet
        app.processEvents()
        if i == warmup:
            probe.clear()
        got = one(True)
        check_failures()
        if got is not None and i == 0:
            first_save_ms = ms(got[0])
        if got is not None and i >= warmup:
            results["cycle_until_return"].append(got[0])
            results["cycle"].append(got[1])
        if (i + 1) % 500 == 0:
            log(f"  {i + 1}/{warmup + count} saves at desk pace")
    desk_parts = {name: latency_summary(values) for name, values in probe.parts.items()}
    # 2. back to back
    probe.clear()
    for i in range(2 * count):
        full = i % 2 == 1
        got = one(full)
        check_failures()
        if got is not None:
            results["cycle_back_to_back" if full else "save"].append(got[1] if full else got[0])
        if (i + 1) % 500 == 0:
            log(f"  {i + 1}/{2 * count} saves back to back")
    total = warmup + 3 * count
    out = {name: latency_summary(values) for name, values in results.items()}
    out["parts"] = desk_parts
    out["parts_back_to_back"] = {name: latency_summary(values) for name, values in probe.parts.items()}
    out["first_save_ms"] = first_save_ms
    out["warmup_saves"] = warmup
    out["unpainted"] = unpainted
    out["none_refcount_drift_per_save"] = round((sys.getrefcount(None) - none_refs_before) / total, 2)
    out["failures"] = failures
    checkpointer = window.ctx.db.checkpointer
    out["background_checkpoints"] = checkpointer.runs if checkpointer is not None else None
    out["slowest_save_ms"] = sorted((ms(v) for v in results["save"]), reverse=True)[:10]
    out["slowest_cycle_ms"] = sorted((ms(v) for v in results["cycle"]), reverse=True)[:10]
    out["slowest_cycle_back_to_back_ms"] = sorted((ms(v) for v in results["cycle_back_to_back"]), reverse=True)[:10]
    with window.ctx.connect() as conn:
        out["pragmas"] = {
            "journal_mode": conn.exec_driver_sql("PRAGMA journal_mode").scalar(),
            "synchronous": conn.exec_driver_sql("PRAGMA synchronous").scalar(),  # 2 == FULL
        }
    out["profile_top"] = _profile(lambda: one(True), profile_saves) if profile_saves else []
    probe.skip_after_save = False
    return out


def _profile(save_once, count: int) -> list[str]:
    """cProfile over `count` whole save cycles: the top functions by cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(count):
        save_once()
    profiler.disable()
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer).sort_stats("cumulative")
    stats.print_stats(35)
    return [f"(profile over {count} save cycles, cProfile overhead included)"] + [
        line for line in buffer.getvalue().splitlines() if line.strip()]
