"""Key-area rule: matches by origin and ID province, window edges, missing arrival dates."""

from datetime import date, timedelta

import pytest

from checkpoint_app.core.keyarea import DEFAULT_KEY_AREAS, DEFAULT_WINDOW_DAYS, KeyAreaRule
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.regions import PROVINCES

TODAY = date(2020, 2, 2)
HUBEI, CHONGQING, BEIJING = PROVINCES["42"], PROVINCES["50"], PROVINCES["11"]


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def test_defaults():
    rule = KeyAreaRule()
    assert rule.areas == DEFAULT_KEY_AREAS == ("湖北",)
    assert rule.window_days == DEFAULT_WINDOW_DAYS == 14


@pytest.mark.parametrize(
    ("lines", "areas"),
    [
        (["湖北"], ("湖北",)),
        (["42", "鄂", "Hubei", "湖北省"], ("湖北",)),
        (["湖北省/武汉市", " 湖北 / 武汉 ", "湖北／武汉"], ("湖北/武汉",)),
        (["", "浙江/温州", "  ", "广东"], ("浙江/温州", "广东")),
        ([], ()),
    ],
)
def test_parse(lines, areas):
    assert KeyAreaRule.parse(lines, 14).areas == areas


@pytest.mark.parametrize(
    ("lines", "window", "field", "expected"),
    [
        (["湖北", "", "Wuhan"], 14, "key_areas", 'Line 3: "Wuhan" is not a province'),
        (["湖北/"], 14, "key_areas", 'Line 1: "湖北/"'),
        (["/武汉"], 14, "key_areas", 'Line 1: "/武汉"'),
        (["湖北/武汉/江岸"], 14, "key_areas", "Line 1"),
        (["湖北"], 0, "key_area_window", "must be 1 to 60 days, not 0"),
        (["湖北"], 61, "key_area_window", "not 61"),
    ],
)
def test_parse_problems(lines, window, field, expected):
    with pytest.raises(InvalidInput) as caught:
        KeyAreaRule.parse(lines, window)
    (only,) = caught.value.problems
    assert only.field == field
    assert expected in only.english()


def test_parse_reports_all_problems_at_once():
    with pytest.raises(InvalidInput) as caught:
        KeyAreaRule.parse(["Atlantis", "湖北", "Narnia"], 100)
    assert [p.params.get("line") for p in caught.value.for_field("key_areas")] == [1, 3]
    assert caught.value.for_field("key_area_window")


def test_constructor_validates_too():
    with pytest.raises(InvalidInput):
        KeyAreaRule(("Atlantis",))


@pytest.mark.parametrize(
    ("arrived", "flagged"),
    [(0, True), (1, True), (13, True), (14, False), (30, False)],
)
def test_window_edges(arrived, flagged):
    result = KeyAreaRule().evaluate(HUBEI, "", None, days_ago(arrived), TODAY, False)
    assert result.flagged is flagged
    assert result.reasons == ("origin:湖北",)
    assert result.problems == ()


def test_window_setting():
    rule = KeyAreaRule.parse(["湖北"], 7)
    assert rule.evaluate(HUBEI, "", None, days_ago(6), TODAY, False).flagged
    assert not rule.evaluate(HUBEI, "", None, days_ago(7), TODAY, False).flagged


@pytest.mark.parametrize(("origin", "flagged"), [(HUBEI, True), (BEIJING, False)])
def test_arrival_after_today_counts_as_day_0(origin, flagged):
    """A date after today reaches the rule only once the guard confirmed it (core/arrival.py):
    it is inside the window, never a way out of it."""
    result = KeyAreaRule().evaluate(origin, "", None, TODAY + timedelta(days=3), TODAY, False)
    assert result.flagged is flagged
    assert result.problems == ()


CITY_RULE = KeyAreaRule.parse(["湖北/武汉", "浙江/温州"], 14)


@pytest.mark.parametrize(
    ("province", "city", "flagged", "reasons"),
    [
        (HUBEI, "武汉", True, ("origin:湖北/武汉",)),
        (HUBEI, "武汉市", True, ("origin:湖北/武汉",)),
        (HUBEI, " 武汉市江岸区 ", True, ("origin:湖北/武汉",)),
        (HUBEI, "孝感", False, ()),
        (HUBEI, "", False, ()),
        (CHONGQING, "武汉", False, ()),  # city name under the wrong province
        (PROVINCES["33"], "温州市", True, ("origin:浙江/温州",)),
        (None, "武汉", False, ()),
    ],
)
def test_city_level_area(province, city, flagged, reasons):
    result = CITY_RULE.evaluate(province, city, None, days_ago(3), TODAY, False)
    assert (result.flagged, result.reasons, result.problems) == (flagged, reasons, ())


@pytest.mark.parametrize(
    ("rule", "origin", "id_province", "resident", "flagged", "reasons", "problem_area"),
    [
        # ID from a key-area province matches even when the origin does not.
        (KeyAreaRule(), CHONGQING, HUBEI, False, True, ("id:湖北",), None),
        (KeyAreaRule(), None, HUBEI, True, True, ("id:湖北",), None),
        # ID matches the province of a city-level area (an ID number has no city).
        (CITY_RULE, CHONGQING, HUBEI, False, True, ("id:湖北",), None),
        (KeyAreaRule(), HUBEI, HUBEI, False, True, ("origin:湖北", "id:湖北"), None),
        (KeyAreaRule(), CHONGQING, BEIJING, False, False, (), None),
    ],
)
def test_id_province(rule, origin, id_province, resident, flagged, reasons, problem_area):
    result = rule.evaluate(origin, "", id_province, days_ago(5), TODAY, resident)
    assert (result.flagged, result.reasons, result.problems) == (flagged, reasons, ())


@pytest.mark.parametrize(
    ("origin", "city", "id_province", "resident", "area"),
    [
        (HUBEI, "", None, False, "湖北"),  # visitor from a key area
        (HUBEI, "", None, True, "湖北"),  # resident who says they came from a key area
        (None, "", HUBEI, False, "湖北"),  # visitor with a key-area ID
        (HUBEI, "武汉", None, False, "湖北/武汉"),
    ],
)
def test_missing_arrival_is_a_problem(origin, city, id_province, resident, area):
    rule = KeyAreaRule.parse(["湖北/武汉"] if city else ["湖北"], 14)
    result = rule.evaluate(origin, city, id_province, None, TODAY, resident)
    assert not result.flagged
    (only,) = result.problems
    assert only.field == "arrival_date"
    assert only.english() == f"Arrival date is required for someone from a key area ({area})."


def test_resident_with_key_area_id_only_needs_no_arrival():
    result = KeyAreaRule().evaluate(CHONGQING, "", HUBEI, None, TODAY, True)
    assert (result.flagged, result.problems) == (False, ())


def test_no_match_needs_no_arrival():
    result = KeyAreaRule().evaluate(CHONGQING, "江北", BEIJING, None, TODAY, False)
    assert result.flagged is False and result.reasons == () and result.problems == ()


def test_empty_rule_flags_nobody():
    rule = KeyAreaRule.parse([], 14)
    assert not rule.evaluate(HUBEI, "武汉", HUBEI, TODAY, TODAY, False).flagged
