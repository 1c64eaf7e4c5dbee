"""Today's counts at the bottom of the window show the vehicles and the leaflets beside the
persons (issue 7, Build 4), in both languages, and a road checkpoint's busiest day still
fits the 1366 px window in large print."""

from __future__ import annotations

import pytest
import test_ui_layout
from actors import supervisor
from test_ui_layout import MODES, open_window
from uihelpers import find
from vehicles import vehicle

from PySide6.QtWidgets import QApplication

from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.listing import DayCounts
from checkpoint_app.core.seven_ones import CODES, ItemAnswer

from checkpoint_app.ui import shift_dialogs, theme

language = test_ui_layout.language  # the fixture installing a language's translations

EXPECTED_TEXT = {
    "en": "vehicles 3 (in 1, out 1) · leaflets 2",
    "zh_CN": "车辆 3（进 1，出 1）· 宣传单 2",
}


@pytest.mark.parametrize("language", ["en", "zh_CN"], indirect=True)
def test_the_strip_counts_the_vehicles_and_the_leaflets(qtbot, ctx, language):
    window = open_window(qtbot, ctx)
    window.set_actor(supervisor(ctx))
    ctx.register.save(supervisor(ctx), EntryDraft(category="resident", name="住一", temperature="36.5", leaflet=True))
    vehicle(ctx, [{"name": "王五"}, {"name": "赵六"}], leaflet=True)
    vehicle(ctx, [{"name": "钱七"}], plate="渝B12345", direction="out", vehicle_category="goods")
    vehicle(ctx, [{"name": "孙八", "fever": True, "temp1": 385, "temp2": 384}], plate="渝C12345", decision="refer")
    window.refresh()
    strip = find(window, "today_counts_label")
    assert strip.counts == DayCounts(entered=3, left=1, visitors=2, fevers=1, referred=1, vehicles=3, vehicles_in=1,
                                     vehicles_out=1, occupants=4, leaflets=2)
    assert strip.text().endswith(EXPECTED_TEXT[language])
    for word in {"en": ("vehicles", "leaflets"), "zh_CN": ("车辆", "宣传单")}[language]:  # each count explained
        assert f"<b>{word}</b>" in strip.toolTip()


def test_a_vehicle_alone_saved_moves_the_strip_on_like_a_recount(window, ctx):
    """The strip moves on by the saved row (counts_of) or counts afresh: either way it shows
    what the register holds."""
    car = vehicle(ctx, [{"name": "王五"}], leaflet=True)
    window._after_save(car)
    shown = find(window, "today_counts_label").counts
    assert (shown.vehicles, shown.vehicles_in, shown.occupants, shown.leaflets, shown.entered) == (1, 1, 1, 1, 1)


# a day busier than any in the field (about 1,300 people and 700 vehicles at a highway checkpoint)
BUSY = DayCounts(entered=8888, left=8888, visitors=8888, fevers=88, refused=888, referred=88, key_area=888,
                 vehicles=2888, vehicles_in=1888, vehicles_out=888, occupants=8888, leaflets=8888)


@pytest.mark.parametrize("language, large", MODES, indirect=["language"])
def test_a_busy_road_day_still_fits_1366(qtbot, ctx, language, large):
    theme.apply(QApplication.instance(), large)
    window = open_window(qtbot, ctx)
    boss = supervisor(ctx)
    window.set_actor(boss)
    ctx.shifts.start(boss, [boss.operator_id])
    ctx.shifts.check_seven_ones(boss, {c: ItemAnswer(False, "缺") for c in CODES}, None)
    shift_dialogs.refresh_strip(window)
    strip = find(window, "today_counts_label")
    strip.show_counts(BUSY)
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1366 and window.width() <= 1366
    assert strip.isVisible() and strip.width() >= strip.sizeHint().width()  # nothing cut off
    assert all(str(n) in strip.text() for n in (2888, 1888)) and strip.text().count("8888") == 4
