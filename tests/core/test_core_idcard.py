"""Resident ID numbers: every part a guard can mistype gets its own message."""

from datetime import date

import pytest

from checkpoint_app.core.idcard import (
    DocType,
    check_character,
    is_resident_id_like,
    normalise_document_number,
    parse_resident_id,
)
from checkpoint_app.core.problems import InvalidInput

TODAY = date(2020, 2, 2)
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def make_id(region: str, birth: str, seq: str) -> str:
    """An 18-character number with a correct check character (GB 11643, written independently)."""
    body = region + birth + seq
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def make_x_id(region: str, birth: str) -> str:
    """A valid number for this region and birth date whose check character is X."""
    return next(n for s in range(1000) if (n := make_id(region, birth, f"{s:03d}")).endswith("X"))


def one_problem(text: str, today: date = TODAY) -> str:
    with pytest.raises(InvalidInput) as caught:
        parse_resident_id(text, today)
    (only,) = caught.value.problems
    assert only.field == "id_number"
    return only.english()


@pytest.mark.parametrize(
    ("number", "birth", "sex", "province", "region_name"),
    [
        ("11010519491231002X", date(1949, 12, 31), "F", "11", "北京市朝阳区"),  # GB 11643 example
        (make_x_id("110101", "19900307"), date(1990, 3, 7), None, "11", "北京市东城区"),
        (make_x_id("500101", "19850615"), date(1985, 6, 15), None, "50", "重庆市万州区"),
        (make_x_id("420102", "20000229"), date(2000, 2, 29), None, "42", "湖北省武汉市江岸区"),
        (make_id("420102", "19780101", "123"), date(1978, 1, 1), "M", "42", "湖北省武汉市江岸区"),
        (make_id("420102", "19780101", "124"), date(1978, 1, 1), "F", "42", "湖北省武汉市江岸区"),
        # 万州区 (500101) was created in 1997/98; people born earlier carry the code too.
        (make_id("500101", "19600101", "111"), date(1960, 1, 1), "M", "50", "重庆市万州区"),
        # Retired code (崇文区, merged 2010) stays valid for its holders.
        (make_id("110103", "19700101", "222"), date(1970, 1, 1), "F", "11", "北京市崇文区"),
        (make_id("429004", "19900101", "001"), date(1990, 1, 1), "M", "42", "湖北省仙桃市"),
        (make_id("810000", "19900101", "001"), date(1990, 1, 1), "M", "81", "香港特别行政区"),
        (make_id("830000", "19900101", "002"), date(1990, 1, 1), "F", "71", "台湾省"),
        (make_id("110101", "20200202", "001"), date(2020, 2, 2), "M", "11", "北京市东城区"),  # born today
        (make_id("110101", "19000101", "001"), date(1900, 1, 1), "M", "11", "北京市东城区"),
    ],
)
def test_valid_numbers(number, birth, sex, province, region_name):
    parsed = parse_resident_id(number, TODAY)
    assert parsed.number == number
    assert parsed.birth_date == birth
    assert parsed.province.code == province
    assert parsed.region_code == number[:6]
    assert parsed.region_name == region_name
    assert parsed.sex == (sex or ("M" if int(number[16]) % 2 else "F"))


@pytest.mark.parametrize(
    "typed",
    ["11010519491231002x", " 110105 19491231 002X ", "１１０１０５１９４９１２３１００２Ｘ", "110105194912310\u300002x"],
)
def test_normalisation(typed):
    assert parse_resident_id(typed, TODAY).number == "11010519491231002X"


def test_x_check_characters_are_generated():
    assert check_character("11010519491231002") == "X"
    assert all(make_x_id(r, "19900101").endswith("X") for r in ("110101", "500101", "420102"))


GOOD = make_id("420102", "19780101", "123")


def wrong_check(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", "Enter the ID number."),
        ("   ", "Enter the ID number."),
        ("420102780101123", "old 15-digit number"),
        (GOOD[:17], "18 characters; 17 were typed"),
        (GOOD + "1", "18 characters; 19 were typed"),
        ("42010219780101123", "17 were typed"),
        ("4201021978O101123X", 'Character 11 of the ID number is "O"'),
        ("42010219780A01123X", 'Character 12 of the ID number is "A"'),
        ("X20102197801011234", 'Character 1 of the ID number is "X"'),
        (GOOD[:17] + "A", 'must be a digit or X, not "A"'),
        (make_id("990101", "19780101", "123"), "starts with 99"),
        (make_id("000101", "19780101", "123"), "starts with 00"),
        (make_id("420199", "19780101", "123"), "first six digits 420199 are not a known region"),
        (make_id("500199", "19780101", "123"), "500199"),
        (make_id("830101", "19780101", "123"), "starts with 83"),
        (make_id("110101", "19900230", "123"), "birth date digits 19900230"),
        (make_id("110101", "19901301", "123"), "birth date digits 19901301"),
        (make_id("110101", "19900000", "123"), "birth date digits 19900000"),
        (make_id("110101", "20190229", "123"), "birth date digits 20190229"),
        (make_id("110101", "20200203", "123"), "2020-02-03 in the ID number is in the future"),
        (make_id("110101", "20990101", "123"), "in the future"),
        (make_id("110101", "18991231", "123"), "1899-12-31 in the ID number is before 1900"),
        ("440524188001010014", "before 1900"),  # the old standard's 1880 example
        (wrong_check(GOOD), "does not match the rest of the ID number"),
        (wrong_check("11010519491231002X"), "a digit is probably mistyped"),
        ("11010519491231002" + "0", "does not match"),
        (GOOD[:10] + GOOD[11] + GOOD[10] + GOOD[12:], "does not match"),  # swapped digits
    ],
)
def test_invalid_numbers(typed, expected):
    message = one_problem(typed)
    assert expected in message


def test_check_message_does_not_reveal_expected_character():
    message = one_problem("110105194912310021")
    assert "X" not in message


def test_custom_field_name():
    with pytest.raises(InvalidInput) as caught:
        parse_resident_id("123", TODAY, field="companion_id")
    assert caught.value.for_field("companion_id")


@pytest.mark.parametrize(
    ("text", "like"),
    [("11010519491231002X", True), ("11010519491231002x", True), ("110105 19491231 0021", True),
     ("1101051949123100", False), ("11010519491231002XX", False), ("1101051949X231002X", False), ("", False)],
)
def test_is_resident_id_like(text, like):
    assert is_resident_id_like(text) is like


@pytest.mark.parametrize(
    ("doc_type", "typed", "expected"),
    [
        (DocType.HK_MACAU_PERMIT, "h12345678", "H12345678"),
        (DocType.HK_MACAU_PERMIT, "M 1234567890", "M1234567890"),
        ("hk_macau_permit", "Ｈ１２３４５６７８", "H12345678"),
        (DocType.TAIWAN_PERMIT, "12345678", "12345678"),
        (DocType.TAIWAN_PERMIT, "1234567890", "1234567890"),
        (DocType.TAIWAN_PERMIT, "123456789b", "123456789B"),
        (DocType.PASSPORT, "e1234 5678", "E12345678"),
        (DocType.PASSPORT, "AB123", "AB123"),
        (DocType.OTHER, "  军官证  12345 ", "军官证 12345"),
        (DocType.OTHER, "x", "X"),
        (DocType.RESIDENT_ID, "11010519491231002x", "11010519491231002X"),
    ],
)
def test_document_numbers(doc_type, typed, expected):
    assert normalise_document_number(doc_type, typed, today=TODAY) == expected


@pytest.mark.parametrize(
    ("doc_type", "typed", "expected"),
    [
        (DocType.HK_MACAU_PERMIT, "", "Enter the document number"),
        (DocType.HK_MACAU_PERMIT, "K12345678", 'starts with H (Hong Kong) or M (Macau), not "K"'),
        (DocType.HK_MACAU_PERMIT, "H1234567", "8 or 10 digits; 7 characters were typed"),
        (DocType.HK_MACAU_PERMIT, "H123456789", "9 characters"),
        (DocType.HK_MACAU_PERMIT, "H1234567A", "8 or 10 digits"),
        (DocType.HK_MACAU_PERMIT, "H1234-5678", 'not "-"'),
        (DocType.TAIWAN_PERMIT, "1234567", "7 characters were typed"),
        (DocType.TAIWAN_PERMIT, "1234567A", "8 characters were typed"),
        (DocType.PASSPORT, "E123", "5 to 20 letters and digits; 4 were typed"),
        (DocType.PASSPORT, "E" * 21, "21 were typed"),
        (DocType.PASSPORT, "E1234#678", 'not "#"'),
        (DocType.OTHER, "  ", "Enter the document number"),
        (DocType.OTHER, "1" * 41, "41 characters long; at most 40"),
        (DocType.OTHER, "12\x0034", "invisible control character"),
        (DocType.RESIDENT_ID, "123", "18 characters; 3 were typed"),
    ],
)
def test_bad_document_numbers(doc_type, typed, expected):
    with pytest.raises(InvalidInput) as caught:
        normalise_document_number(doc_type, typed, today=TODAY)
    (only,) = caught.value.problems
    assert only.field == "id_number"
    assert expected in only.english()
