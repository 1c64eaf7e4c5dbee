"""Provinces: the 34 provincial-level codes and every way a guard may name one."""

import pytest

from checkpoint_app.core.regions import PROVINCES, find_province, province_by_code, province_choices


def test_all_34_provincial_divisions():
    assert len(PROVINCES) == 34
    assert list(PROVINCES)[:2] == ["11", "12"]
    assert {"65", "71", "81", "82"} <= set(PROVINCES)
    assert len({p.abbr for p in PROVINCES.values()}) == 34


def test_province_fields():
    hubei = PROVINCES["42"]
    assert (hubei.code, hubei.name, hubei.short, hubei.abbr, hubei.english) == ("42", "湖北省", "湖北", "鄂", "Hubei")
    assert PROVINCES["50"].abbr == "渝"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("42", "42"), (" 42 ", "42"), ("４２", "42"), ("湖北省", "42"), ("湖北", "42"), ("鄂", "42"),
        ("hubei", "42"), ("HUBEI ", "42"), ("渝", "50"), ("Chongqing", "50"), ("hong kong", "81"),
        ("HongKong", "81"), ("澳门", "82"), ("Macao", "82"), ("新疆维吾尔自治区", "65"), ("黔", "52"),
        ("Shanxi", "14"), ("Shaanxi", "61"), ("内蒙古", "15"), ("台湾", "71"),
    ],
)
def test_find_province(text, code):
    found = find_province(text)
    assert found is not None and found.code == code


@pytest.mark.parametrize("text", ["", "  ", "99", "湖", "Wuhan", "4", "420000"])
def test_find_province_unknown(text):
    assert find_province(text) is None


def test_province_by_code_and_choices():
    assert province_by_code("42") is PROVINCES["42"]
    assert province_by_code("99") is None
    codes = [p.code for p in province_choices()]
    assert codes == sorted(codes) and len(codes) == 34
