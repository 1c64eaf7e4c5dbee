"""The one search box: what is typed decides what is searched (table-driven)."""

from __future__ import annotations

import pytest

from checkpoint_app.core.search_text import SearchKind, SearchQuery, recognise, search_fragment

NAME, DIGITS, DOC, PLATE = SearchKind.NAME, SearchKind.ID_OR_PHONE, SearchKind.ID_NUMBER, SearchKind.PLATE


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
    ("EA1234567", DOC, "EA1234567"),
    ("ea123", DOC, "EA123"),
    ("002x", DOC, "002X"),
    ("Ｇ１２３", DOC, "G123"),
    ("H0", DOC, ""),
    # a licence plate: recognised so it can be explained
    ("鄂A12345", PLATE, "鄂A12345"),
    ("鄂a 1234", PLATE, "鄂A1234"),
    ("渝A", PLATE, "渝A"),
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
