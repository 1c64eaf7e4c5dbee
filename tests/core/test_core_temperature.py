"""Temperatures in tenths of °C and the fever re-measure flow."""

import pytest

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.temperature import (
    DEFAULT_FEVER_THRESHOLD_TENTHS,
    LOW_READING_TENTHS,
    MAX_TENTHS,
    MIN_TENTHS,
    format_tenths,
    parse_temperature,
    require_complete,
    screen,
)


def test_constants():
    assert (MIN_TENTHS, MAX_TENTHS, DEFAULT_FEVER_THRESHOLD_TENTHS, LOW_READING_TENTHS) == (340, 430, 373, 355)


@pytest.mark.parametrize(
    ("typed", "tenths"),
    [
        ("36.5", 365), ("36,5", 365), ("36", 360), (" 36.5 ", 365), ("３６．５", 365), ("36。5", 365),
        ("34.0", 340), ("34", 340), ("43.0", 430), ("43", 430), ("37.2", 372), ("37.3", 373),
        ("36.5℃", 365), ("36.5 °C", 365), ("36.5c", 365), ("036.5", 365),
    ],
)
def test_parse(typed, tenths):
    assert parse_temperature(typed) == tenths


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", "Enter the temperature."),
        ("  ", "Enter the temperature."),
        ("abc", 'number like 36.5, not "abc"'),
        ("36.5.1", "number like 36.5"),
        ("-36.5", "number like 36.5"),
        ("36 .5", "number like 36.5"),
        ("36.55", "one decimal only"),
        ("36,50", "one decimal only"),
        ("36.", "decimal after the point"),
        ("33.9", "33.9 °C is outside 34.0 to 43.0 °C: probably a misreading, measure again"),
        ("43.1", "43.1 °C is outside 34.0 to 43.0"),
        ("20", "20.0 °C is outside"),
        ("0", "0.0 °C is outside"),
        ("365", "did you mean 36.5?"),
        ("373", "did you mean 37.3?"),
        ("999", "999.0 °C is outside"),
    ],
)
def test_parse_problems(typed, expected):
    with pytest.raises(InvalidInput) as caught:
        parse_temperature(typed, field="temperature2")
    (only,) = caught.value.problems
    assert only.field == "temperature2"
    assert expected in only.english()


@pytest.mark.parametrize(("tenths", "text"), [(365, "36.5"), (340, "34.0"), (430, "43.0"), (5, "0.5"), (-5, "-0.5")])
def test_format_tenths(tenths, text):
    assert format_tenths(tenths) == text


@pytest.mark.parametrize(
    ("first", "second", "decisive", "needs_second", "reason", "fever"),
    [
        (365, None, 365, False, None, False),
        (372, None, 372, False, None, False),  # 37.2: no second needed
        (373, None, 373, True, "fever", False),  # 37.3: needs a second reading
        (375, 368, 368, False, "fever", False),  # re-measured normal: not fever
        (375, 374, 374, False, "fever", True),  # confirmed
        (375, 373, 373, False, "fever", True),
        (350, None, 350, True, "low", False),  # 35.0: cold forehead
        (350, 362, 362, False, "low", False),
        (355, None, 355, False, None, False),
        (354, None, 354, True, "low", False),
        (365, 380, 380, False, None, True),  # a second reading given anyway decides
        (None, None, None, False, None, False),
    ],
)
def test_screen(first, second, decisive, needs_second, reason, fever):
    result = screen(first, second)
    assert (result.decisive, result.needs_second, result.reason, result.fever) == (decisive, needs_second, reason, fever)


def test_screen_custom_threshold():
    assert screen(375, None, threshold=380).needs_second is False
    assert screen(380, 380, threshold=380).fever is True


@pytest.mark.parametrize(
    ("first", "second", "field", "expected"),
    [
        (None, None, "temperature", "every person passing is measured"),
        (375, None, "temperature2", "37.5 °C is at or above 37.3 °C: re-measure with another method or after a few minutes' rest"),
        (350, None, "temperature2", "35.0 °C is too low for a body temperature (cold forehead?): measure again, e.g. at the wrist"),
    ],
)
def test_require_complete_problems(first, second, field, expected):
    with pytest.raises(InvalidInput) as caught:
        require_complete(screen(first, second))
    (only,) = caught.value.problems
    assert only.field == field
    assert expected in only.english()


@pytest.mark.parametrize(("first", "second"), [(365, None), (375, 368), (375, 374), (350, 362)])
def test_require_complete_ok(first, second):
    require_complete(screen(first, second))
