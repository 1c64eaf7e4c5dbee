"""Phone numbers: mainland mobiles and foreign numbers."""

import pytest

from checkpoint_app.core.phone import normalise_phone
from checkpoint_app.core.problems import InvalidInput


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("13812345678", "13812345678"),
        (" 138 1234 5678 ", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("008613812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("19912345678", "19912345678"),
        ("86912345678", None),  # 11 digits starting 86: not a prefix, and not a mobile
    ],
)
def test_mainland(typed, expected):
    if expected is None:
        with pytest.raises(InvalidInput):
            normalise_phone(typed)
    else:
        assert normalise_phone(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", "Enter the phone number."),
        (" - ", "Enter the phone number."),
        ("1381234567", "11 digits; 10 were typed"),
        ("138123456789", "11 digits; 12 were typed"),
        ("+86138123456", "11 digits; 9 were typed"),
        ("12812345678", "starts with 13 to 19, not 12"),
        ("23812345678", "not 23"),
        ("10012345678", "not 10"),
        ("1381234567a", 'not "a"'),
        ("(023)67891234", 'not "("'),
        ("+447911123456", "foreign phone"),
    ],
)
def test_mainland_problems(typed, expected):
    with pytest.raises(InvalidInput) as caught:
        normalise_phone(typed)
    (only,) = caught.value.problems
    assert only.field == "phone"
    assert expected in only.english()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("+44 7911 123456", "+447911123456"),
        ("447911123456", "+447911123456"),
        ("0044-7911-123456", "+447911123456"),
        ("+852 9123 4567", "+85291234567"),
        ("123456", "+123456"),
        ("+" + "1" * 15, "+" + "1" * 15),
    ],
)
def test_foreign(typed, expected):
    assert normalise_phone(typed, foreign=True) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", "Enter the phone number."),
        ("+12345", "6 to 15 digits with the country code; 5 were typed"),
        ("+" + "1" * 16, "16 were typed"),
        ("+44 7911 12345x", 'not "x"'),
        ("++447911123456", 'not "+"'),
    ],
)
def test_foreign_problems(typed, expected):
    with pytest.raises(InvalidInput) as caught:
        normalise_phone(typed, foreign=True, field="companion_phone")
    (only,) = caught.value.problems
    assert only.field == "companion_phone"
    assert expected in only.english()
