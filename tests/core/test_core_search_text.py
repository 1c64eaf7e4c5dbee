"""The one search box: what is typed decides what is searched (table-driven), plates
included: whole plates, fragments that show they are plates, and letters and digits
that may be a document number or a plate."""

from __future__ import annotations

import pytest

from checkpoint_app.core.plates import parse_plate
from checkpoint_app.core.search_text import SEARCHED, SearchKind, SearchQuery, plate_text, recognise, search_fragment

NAME, DIGITS, DOC, PLATE = SearchKind.NAME, SearchKind.ID_OR_PHONE, SearchKind.ID_OR_PLATE, SearchKind.PLATE


@pytest.mark.parametrize("typed, kind, fragment", [
    # Chinese -> a name, any part of it
    ("李四", NAME, "李四"),
    ("李", NAME, "李"),
    (" 欧阳 娜娜 ", NAME, "欧阳娜娜"),             # spaces do not count
    ("古丽·买买", NAME, "古丽买买"),               # nor the middle dot of minority names
    ("𠮷野", NAME, "𠮷野"),                        # outside the BMP
    ("李4", NAME, "李4"),                          # Chinese wins over a stray digit
    # letters without digits -> a name (foreign and transliterated names)
    ("Smith", NAME, "smith"),
    ("J.Sm", NAME, "jsm"),
    ("ÖZIL", NAME, "özil"),
    ("x", NAME, "x"),
    # digits -> part of an ID number or a phone
    ("1381234", DIGITS, "1381234"),
    ("138-1234", DIGITS, "1381234"),
    ("138 1234 5678", DIGITS, "13812345678"),
    ("+44 7911", DIGITS, "447911"),
    ("１３８１", DIGITS, "1381"),                  # full-width digits from a Chinese input method
    ("420102", DIGITS, "420102"),
    ("12", DIGITS, ""),                            # too short: recognised, but no search
    # letters and digits -> an ID-document number (passport, permit, resident ID with X)
    # or a plate fragment without its province: both are searched
    ("EA1234567", DOC, "EA1234567"),
    ("ea123", DOC, "EA123"),
    ("002x", DOC, "002X"),
    ("Ｇ１２３", DOC, "G123"),
    ("H0", DOC, ""),
    ("A123", DOC, "A123"),
    ("a·12345", DOC, "A12345"),                    # the plate's middle dot
    ("BA12345", DOC, "BA12345"),                   # a military plate, or a document
    ("WJ12345", DOC, "WJ12345"),
    # a licence plate, whole or a fragment that shows it is one
    ("鄂A12345", PLATE, "鄂A12345"),
    ("鄂a·12345", PLATE, "鄂A12345"),
    ("鄂Ａ１２３４５", PLATE, "鄂A12345"),          # full-width
    (" 鄂 A ・1234 5", PLATE, "鄂A12345"),
    ("鄂a 1234", PLATE, "鄂A1234"),
    ("鄂A1", PLATE, "鄂A1"),
    ("渝A", PLATE, "渝A"),
    ("粤BD12345", PLATE, "粤BD12345"),             # new energy
    ("鄂A1234挂", PLATE, "鄂A1234挂"),
    ("1234挂", PLATE, "1234挂"),                   # a suffix says "plate"
    ("34警", PLATE, "34警"),
    ("使224009", PLATE, "使224009"),
    ("224009使", PLATE, "使224009"),               # the older order, stored 使 first
    ("WJ鄂12345", PLATE, "WJ鄂12345"),
    # ... but not a name that merely starts with a province's character
    ("云", NAME, "云"),
    ("宁2", NAME, "宁2"),                           # a province without its letter: Chinese wins
    # copied from the masked table: the longest unmasked piece
    ("138****5678", DIGITS, "5678"),
    ("110105********002X", DIGITS, "110105"),
    ("李*", NAME, "李"),
    ("司**明", NAME, "司"),
])
def test_recognise(typed, kind, fragment):
    assert recognise(typed) == SearchQuery(kind, fragment)


@pytest.mark.parametrize("typed", ["", "   ", "·", "-", "***", "+"])
def test_nothing_searchable(typed):
    assert recognise(typed) is None


@pytest.mark.parametrize("kind, typed, fragment", [
    (SearchKind.PHONE, "138-1234", "1381234"),
    (SearchKind.PHONE, "12", ""),
    (SearchKind.ID_NUMBER, "ea 123", "EA123"),
    (SearchKind.NAME, " 李 四 ", "李四"),
])
def test_explicit_kind(kind, typed, fragment):
    assert search_fragment(kind, typed) == fragment


def test_usable():
    assert recognise("李").usable and not recognise("12").usable


@pytest.mark.parametrize("kind, fields", [
    (NAME, {"name"}), (DIGITS, {"id_number", "phone"}), (SearchKind.ID_NUMBER, {"id_number"}),
    (SearchKind.PHONE, {"phone"}), (PLATE, {"plate"}), (DOC, {"id_number", "plate"}),
])
def test_what_each_kind_looks_in(kind, fields):
    assert SEARCHED[kind] == fields and SearchQuery(kind, "x").fields == fields


@pytest.mark.parametrize("typed, whole", [
    ("鄂A12345", True), ("鄂a·12345", True), ("粤BD12345", True), ("鄂A12345D", True), ("鄂A1234挂", True),
    ("使224009", True), ("WJ鄂12345", True),
    ("鄂A1234", False), ("鄂A", False), ("鄂A123456", False), ("1234挂", False),
    ("鄂I12345", False),  # not a valid plate: searched as a fragment (finds nothing, says nothing wrong)
])
def test_a_whole_plate_is_one_plate_and_anything_else_a_fragment(typed, whole):
    query = recognise(typed)
    assert query.kind == PLATE and query.whole_plate is whole


@pytest.mark.parametrize("typed", ["鄂A12345", "鄂a·12345", "鄂Ａ１２３４５", "粤b d1234 5", "鄂a1234挂", "224009使",
                                   "wj鄂12345"])
def test_a_plate_is_searched_as_it_is_stored(typed):
    """The search text of a valid plate is the text core.plates stores for it."""
    assert recognise(typed).fragment == parse_plate(typed).text


def test_only_plate_searches_are_whole_plates():
    assert not SearchQuery(DOC, "BA12345").whole_plate and SearchQuery(PLATE, "BA12345").whole_plate
    assert plate_text("鄂 a・12345") == "鄂A12345"
