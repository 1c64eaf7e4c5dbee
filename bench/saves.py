"""Save latency through the real register form: fill the widgets with a valid visitor,
press Enter on the save button, time until the key event returns (the entry is then
committed durably: WAL + synchronous=FULL).

Two kinds of save are interleaved (even/odd), so drift (WAL growth, checkpoints) hits both:
  - "save": the main window's after-save refresh is skipped (form -> service -> commit -> clear);
  - "save + refresh": as the app does it; the form's `saved` signal reloads the table's first
    page and today's counts, synchronously, before the key event returns.
For each save with refresh we also time the repaint that follows (processEvents).
"""

from __future__ import annotations

import cProfile
import datetime as dt
import io
import pstats
import random
import sys
import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from checkpoint_app.core.idcard import check_character
from common import latency_summary, ms

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
    """Times the parts of a save by shadowing instance attributes (no app code changed)."""

    def __init__(self, window):
        self.skip_refresh = False
        self.parts: dict[str, list[float]] = {"service_save": [], "refresh": [], "model_reload": [], "refresh_counts": []}
        ctx = window.ctx
        self._wrap(ctx.register, "save", "service_save")
        self._wrap(window.model, "reload", "model_reload")
        self._wrap(window, "refresh_counts", "refresh_counts")
        original_refresh = window.refresh

        def refresh():
            if self.skip_refresh:
                return
            started = time.perf_counter()
            try:
                return original_refresh()
            finally:
                self.parts["refresh"].append(time.perf_counter() - started)

        window.refresh = refresh

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


def run(window, count: int, warmup: int = 20, profile_saves: int = 200, log=print) -> dict:
    app = QApplication.instance()
    form = window.form
    probe = _Probe(window)
    saved: list[int] = []
    form.saved.connect(saved.append)
    if not form.operator_edit.text().strip():
        form.operator_edit.setText("张保安")
    rng = random.Random(2020)
    results = {"save": [], "save_refresh": [], "save_refresh_repaint": []}
    first_save_ms = None
    failures: list[str] = []

    def one(with_refresh: bool) -> tuple[float, float] | None:
        fill(form, visitor(rng))
        app.processEvents()
        probe.skip_refresh = not with_refresh
        before = len(saved)
        started = time.perf_counter()
        QTest.keyClick(form.save_button, Qt.Key.Key_Return)
        returned = time.perf_counter()
        app.processEvents()
        painted = time.perf_counter()
        if len(saved) != before + 1:
            failures.append(_form_problems(form))
            form.clear()
            return None
        return returned - started, painted - started

    total = warmup + 2 * count
    none_refs_before = sys.getrefcount(None)  # a binding that drops None refs crashes Python 3.11 apps
    for i in range(total):
        with_refresh = i % 2 == 1
        if i == warmup:
            probe.clear()
        got = one(with_refresh)
        if len(failures) > 5:
            raise SystemExit("saves keep failing: " + " | ".join(failures))
        if got is None:
            continue
        if i == 0:
            first_save_ms = ms(got[0])
        if i >= warmup:
            if with_refresh:
                results["save_refresh"].append(got[0])
                results["save_refresh_repaint"].append(got[1])
            else:
                results["save"].append(got[0])
        if (i + 1) % 500 == 0:
            log(f"  {i + 1}/{total} saves")
    out = {name: latency_summary(values) for name, values in results.items()}
    out["parts"] = {name: latency_summary(values) for name, values in probe.parts.items()}
    out["first_save_ms"] = first_save_ms
    out["warmup_saves"] = warmup
    out["none_refcount_drift_per_save"] = round((sys.getrefcount(None) - none_refs_before) / total, 2)
    out["failures"] = failures
    out["slowest_save_ms"] = sorted((ms(v) for v in results["save"]), reverse=True)[:10]
    with window.ctx.connect() as conn:
        out["pragmas"] = {
            "journal_mode": conn.exec_driver_sql("PRAGMA journal_mode").scalar(),
            "synchronous": conn.exec_driver_sql("PRAGMA synchronous").scalar(),  # 2 == FULL
        }
    out["profile_top"] = _profile(lambda: one(True), profile_saves) if profile_saves else []
    probe.skip_refresh = False
    return out


def _profile(save_once, count: int) -> list[str]:
    """cProfile over `count` saves with refresh: the top functions by cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(count):
        save_once()
    profiler.disable()
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer).sort_stats("cumulative")
    stats.print_stats(35)
    return [f"(profile over {count} saves with refresh, cProfile overhead included)"] + [
        line for line in buffer.getvalue().splitlines() if line.strip()]
