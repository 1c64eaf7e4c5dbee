"""The vehicle categories: the stored codes the passage table holds, each with one label."""

from __future__ import annotations

import pytest

from checkpoint_app.core.vehicle_categories import LABELS, VehicleCategory, label


def test_the_codes_are_the_ones_the_register_stores():
    assert [c.value for c in VehicleCategory] == ["private_car", "taxi", "bus", "goods", "emergency", "other"]


def test_every_category_has_its_own_label():
    assert set(LABELS) == set(VehicleCategory)
    assert len(set(LABELS.values())) == len(LABELS)


@pytest.mark.parametrize(("code", "expected"), [
    ("private_car", "Private car"), ("taxi", "Taxi/ride-hailing"), ("bus", "Bus/coach"),
    ("goods", "Goods vehicle"), ("emergency", "Emergency/official vehicle"), ("other", "Other vehicle"),
    ("tractor", "tractor"),  # an unknown code is shown as stored, not hidden
])
def test_label(code, expected):
    assert label(code) == expected
