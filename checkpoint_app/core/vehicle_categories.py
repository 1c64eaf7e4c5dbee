"""The vehicle categories (进出车辆分类管控) and their labels, declared once.

A road checkpoint handles vehicles by category: private cars, taxis and ride-hailing cars
(出租车/网约车), buses and coaches (客车), goods vehicles (货车), emergency and official
vehicles (应急/公务车辆), and the rest. The stored value is the enum's string
(`passage.vehicle_category`); the English labels are marked with QT_TRANSLATE_NOOP in the
"labels" context (as ui/i18n.py's other code labels) and translated by whoever shows them:
the vehicle form, the counts, the daily report.
"""

from __future__ import annotations

from enum import StrEnum

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP

__all__ = ["CONTEXT", "VehicleCategory", "LABELS", "label"]

CONTEXT = "labels"


class VehicleCategory(StrEnum):
    PRIVATE_CAR = "private_car"
    TAXI = "taxi"  # taxi or ride-hailing car
    BUS = "bus"  # bus or coach
    GOODS = "goods"
    EMERGENCY = "emergency"  # emergency or official vehicle
    OTHER = "other"


LABELS: dict[VehicleCategory, str] = {
    VehicleCategory.PRIVATE_CAR: QT_TRANSLATE_NOOP("labels", "Private car"),
    VehicleCategory.TAXI: QT_TRANSLATE_NOOP("labels", "Taxi/ride-hailing"),
    VehicleCategory.BUS: QT_TRANSLATE_NOOP("labels", "Bus/coach"),
    VehicleCategory.GOODS: QT_TRANSLATE_NOOP("labels", "Goods vehicle"),
    VehicleCategory.EMERGENCY: QT_TRANSLATE_NOOP("labels", "Emergency/official vehicle"),
    VehicleCategory.OTHER: QT_TRANSLATE_NOOP("labels", "Other vehicle"),
}


def label(code: str) -> str:
    """The English label of a stored category (translate it in CONTEXT); an unknown code as is."""
    try:
        return LABELS[VehicleCategory(code)]
    except ValueError:
        return code
