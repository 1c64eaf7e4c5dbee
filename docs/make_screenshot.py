"""Make the README's screenshots: the main window in Chinese at 1366×768, on demo data,
with the demo guard logged in, a shift on duty whose seven-ones check found the
loudspeaker missing, and a visitor half-registered (second reading pending); the same in
large print; the daily report window of the supervisor; the vehicle form at a road
checkpoint; and a compound gate under closed management where a resident of a household
in home quarantine, found by room, is going out. Run with `make screenshot`."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from checkpoint_app.core.idcard import check_character  # noqa: E402
from checkpoint_app.core.seven_ones import ITEMS, ItemAnswer  # noqa: E402

from checkpoint_app.services import demo  # noqa: E402
from checkpoint_app.services.context import open_context  # noqa: E402

from checkpoint_app.ui import i18n, theme  # noqa: E402
from checkpoint_app.ui.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parent


def _report(app, window, translators, name: str) -> Path:
    from checkpoint_app.ui.report_window import open_report

    shown = open_report(window)
    assert shown is not None
    window.jobs.wait_idle()
    for _ in range(10):
        app.processEvents()
    path = OUT / name
    shown.grab().save(str(path))
    shown.close()
    window.close()
    for translator in translators:
        app.removeTranslator(translator)
    return path


def _vehicle_form(window) -> None:
    """A car at a road checkpoint half typed: the plate, three readings (one to re-measure)."""
    window.desk.show_page(1)
    form = window.vehicle_form
    form.plate_edit.setText("B7K265")
    form.count_edit.setText("3")
    for row, reading in zip(form.occupants.rows, ("36.5", "37.6", "36.8"), strict=True):
        row.edits["temperature"].setText(reading)
    form.origin_province_combo.setCurrentIndex(form.origin_province_combo.findData("42"))
    form.occupants.rows[1].edits["temperature2"].setFocus()


def _resident(window, ctx, boss) -> None:
    """Closed management; a resident of a household in home quarantine, found by room, going out."""
    from checkpoint_app.core.entry import EntryDraft

    from checkpoint_app.ui import ask

    ask.alarm = lambda parent, title, text: None  # the acknowledgement dialog: the red line stays on the form
    ctx.settings.set_many(boss, {"closed_management": True, "pass_code_prefix": "JB"})
    window.attach(ctx)
    form = window.form
    watched = next(w for w in ctx.watchlist.listing(boss) if w.kind == "home_quarantine")
    form.direction_combo.setCurrentIndex(form.direction_combo.findData("out"))
    cards = ctx.register.find_residents(window.actor, watched.room)
    card = next(c for c in cards if ctx.register.known(EntryDraft(resident=c.uuid)).watch is not None)
    form.resident_find.look_up(watched.room)
    if form.resident() is None:
        form.resident_find._choose(card)  # noqa: SLF001 - several in the room: the guard's digit
    form.temperature_edit.setText("36.6")
    form.temperature_edit.setFocus()


def shoot(language: str, large: bool, name: str, report: bool = False, vehicles: bool = False,
          resident: bool = False) -> Path:
    data = Path(tempfile.mkdtemp(prefix="checkpoint-shot-"))
    try:
        ctx = open_context(data, clock=lambda: dt.datetime(2026, 11, 29, 10, 24, tzinfo=dt.timezone(dt.timedelta(hours=8))))
        try:
            demo.fill(ctx, 9000, days=30, seed=11)
            boss, guard = demo.demo_staff(ctx)
            ctx.shifts.start(guard, [guard.operator_id, boss.operator_id])
            ctx.shifts.check_seven_ones(guard, {item.code: ItemAnswer(item.code != "loudspeaker", "没电了" if
                                                                       item.code == "loudspeaker" else "")
                                               for item in ITEMS}, 364)
            app = QApplication.instance() or QApplication(sys.argv[:1])
            translators = i18n.install(app, language)
            theme.apply(app, large)
            if vehicles:  # the same station as a road checkpoint
                from dataclasses import replace

                from checkpoint_app.services.station import StationDraft

                station = ctx.station.current()
                ctx.station.save(boss, replace(StationDraft(
                    **{f: getattr(station, f) for f in ("name", "code", "district", "province_code")}),
                    station_type="road_checkpoint", name="G65包茂高速 南彭收费站"))
            window = MainWindow(ctx)
            window.set_actor(boss if report else guard)
            window.resize(1366, 768)
            window.show()
            if report:
                return _report(app, window, translators, name)
            form = window.form
            if vehicles:
                _vehicle_form(window)
            elif resident:
                _resident(window, ctx, boss)
            else:
                _person_form(form, ctx.residents.list(boss, limit=1)[0].room)
            return _save(app, window, translators, name, settle=5)
        finally:
            ctx.close()
    finally:
        shutil.rmtree(data, ignore_errors=True)


def _save(app, window, translators, name: str, settle: int) -> Path:
    """Let the window settle (`settle` rounds of events), save its picture as docs/`name`,
    close it and take its language's translators off again."""
    for _ in range(settle):
        app.processEvents()
    path = OUT / name
    window.grab().save(str(path))
    window.close()
    for translator in translators:
        app.removeTranslator(translator)
    return path


def _person_form(form, room: str) -> None:
    """A visitor to a resident's flat half typed, the cursor in the second reading (the first was 37.5)."""
    form.category_combo.setCurrentIndex(form.category_combo.findData("visitor"))
    for edit, text in ((form.id_number_edit, "51010419900307123" + check_character("51010419900307123")), (form.name_edit, "李四"),
                       (form.phone_edit, "13812345678"), (form.destination_edit, room),
                       (form.purpose_edit, "探亲"), (form.origin_city_edit, "成都"),
                       (form.arrival_date_edit, "11-20"), (form.temperature_edit, "37.5")):
        edit.setText(text)
    form.origin_province_combo.setCurrentIndex(form.origin_province_combo.findData("51"))
    form.temperature2_edit.setFocus()


SHOT_TZ = dt.timezone(dt.timedelta(hours=8))
SHOT_NOW = dt.datetime(2026, 11, 29, 10, 24, tzinfo=SHOT_TZ)


def _office_keys(folder: Path):
    """An office and an escrow identity, their .pub files in `folder`."""
    from checkpoint_app.batch.keys import ESCROW, OfficeIdentity

    folder.mkdir(parents=True, exist_ok=True)
    office = OfficeIdentity.generate("江北区疫情防控指挥部")
    escrow = OfficeIdentity.generate("江北区疫情防控指挥部（备份）", ESCROW)
    for identity, name in ((office, "office.pub"), (escrow, "escrow.pub")):
        (folder / name).write_text(identity.public().to_text(), encoding="utf-8")
    return office, folder / "office.pub", folder / "escrow.pub"


def _demo_station(folder: Path, keys, entries: int, profile: dict | None = None, quiet_days: int = 0):
    """A demo station at `folder` (`entries` over three days, ending `quiet_days` before
    today: the days after have no entry, a zero report each) with the office's keys."""
    from dataclasses import replace

    from checkpoint_app.batch.keys import ESCROW, OFFICE

    now = [SHOT_NOW - dt.timedelta(days=quiet_days)]
    ctx = open_context(folder, clock=lambda: now[0])
    demo.fill(ctx, entries, days=3, seed=11)
    now[0] = SHOT_NOW
    boss, _guard = demo.demo_staff(ctx)
    if profile:
        ctx.station.save(boss, replace(demo.DEMO_STATION, **profile))
    ctx.batches.import_office_key(boss, keys[1], OFFICE)
    ctx.batches.import_office_key(boss, keys[2], ESCROW)
    return ctx, boss


def shoot_export(language: str, name: str) -> Path:
    """The export dialog just after batch 3 was written: batch 1 acknowledged by the office."""
    from checkpoint_app.batch import sealed

    from checkpoint_app.services.drives import Drive

    from checkpoint_app.ui.batch_export import ExportDialog

    data = Path(tempfile.mkdtemp(prefix="checkpoint-shot-"))
    try:
        keys = _office_keys(data / "office")
        ctx, boss = _demo_station(data / "station", keys, 1500)
        stick = data / "media" / "KINGSTON"
        stick.mkdir(parents=True)
        try:
            first = ctx.batches.export(boss, stick)
            demo.fill(ctx, 300, days=1, seed=12)  # the morning's entries since
            ctx.batches.export(boss, stick)
            demo.fill(ctx, 120, days=1, seed=13)  # what batch 3 (written in the dialog) carries
            ack, body, signature = sealed.make_ack(keys[0].name, keys[0].signing, [
                {"station": ctx.station.current().code, "number": 1, "uuid": first.uuid, "sha256": first.sha256,
                 "imported_at": "2026-11-29T01:00:00Z"}], SHOT_NOW)
            acks = stick / sealed.FOLDER / sealed.ACKS
            acks.mkdir()
            (acks / ack).write_bytes(body)
            (acks / (ack + sealed.SIGNATURE_SUFFIX)).write_text(signature, encoding="utf-8")
            app = QApplication.instance() or QApplication(sys.argv[:1])
            translators = i18n.install(app, language)
            theme.apply(app, False)
            window = MainWindow(ctx)
            window.set_actor(boss)
            window.resize(1366, 768)
            window.show()
            drives = [Drive(stick, "KINGSTON", 14_800_000_000, False, "/dev/sdb1"),
                      Drive(data / "media" / "SD卡", "SD卡", 1_900_000_000, True, "/dev/mmcblk0p1")]
            dialog = ExportDialog(window, list_drives=lambda: drives)
            dialog.show()
            dialog.picker.select(stick)
            dialog.export()
            window.jobs.wait_idle()
            for _ in range(10):
                app.processEvents()
            path = OUT / name
            dialog.grab().save(str(path))
            dialog.close()
            window.close()
            for translator in translators:
                app.removeTranslator(translator)
            return path
        finally:
            ctx.close()
    finally:
        shutil.rmtree(data, ignore_errors=True)


POSTS = [  # code, name, sub-district, entries, quiet days before today, when the batch reached the office
    ("JB-TSP-01", "翠湖小区东门", "铁山坪街道", 600, 0, "08:40"),
    ("JB-TSP-02", "翠湖小区西门", "铁山坪街道", 300, 0, "09:10"),
    ("JB-TSP-05", "铁山坪农贸市场", "铁山坪街道", 200, 0, None),  # did not report
    ("JB-GJ-01", "G65南彭收费站", "郭家沱街道", 900, 0, "11:30"),  # after the 10:00 deadline: late
    ("JB-GJ-03", "郭家沱码头", "郭家沱街道", 120, 2, "09:30"),  # nobody came through yesterday: a zero report
]


def shoot_central(language: str, name: str) -> Path:
    """The office window on yesterday's completeness: four posts reported (one with a zero
    report, one late), one missing."""
    from checkpoint_app.central.service import OfficeService

    from checkpoint_app.ui.central_window import CentralWindow

    data = Path(tempfile.mkdtemp(prefix="checkpoint-shot-"))
    office_now = [SHOT_NOW.replace(hour=8, minute=40)]
    try:
        keys = _office_keys(data / "office")
        service = OfficeService.open(data / "office.sqlite3", clock=lambda: office_now[0], tz=SHOT_TZ)
        try:
            for code, post, district, entries, quiet, arrived in POSTS:
                ctx, boss = _demo_station(data / code, keys, entries, {
                    "code": code, "name": post, "district": district,
                    "station_type": "road_checkpoint" if "收费站" in post else "compound_gate"}, quiet)
                try:
                    stick = data / f"stick-{code}"
                    stick.mkdir()
                    enrollment = ctx.batches.write_enrollment(boss, stick)
                    service.enroll(enrollment, active_from=SHOT_NOW.date() - dt.timedelta(days=7))
                    if arrived is not None:
                        ctx.batches.export(boss, stick)
                        hour, minute = (int(part) for part in arrived.split(":"))
                        office_now[0] = SHOT_NOW.replace(hour=hour, minute=minute)
                        service.import_paths([stick], keys[0])
                finally:
                    ctx.close()
            app = QApplication.instance() or QApplication(sys.argv[:1])
            translators = i18n.install(app, language)
            theme.apply(app, False)
            window = CentralWindow(service, keys[0], list_drives=lambda: [])
            window.resize(1366, 768)
            window.show()
            window.tabs.setCurrentWidget(window.completeness_tab)
            return _save(app, window, translators, name, settle=10)
        finally:
            service.close()
    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    print(shoot("zh_CN", False, "screenshot-main-zh.png"))
    print(shoot("zh_CN", True, "screenshot-large-zh.png"))
    print(shoot("zh_CN", False, "screenshot-report-zh.png", report=True))
    print(shoot("zh_CN", False, "screenshot-vehicles-zh.png", vehicles=True))
    print(shoot("zh_CN", False, "screenshot-resident-zh.png", resident=True))
    print(shoot_export("zh_CN", "screenshot-export-zh.png"))
    print(shoot_central("zh_CN", "screenshot-central-zh.png"))
