"""Mainland resident ID numbers (居民身份证号码, GB 11643) and other identity documents.

`parse_resident_id` checks everything a guard can get wrong when typing a number and
says which part is wrong. The region code is looked up in python-stdnum's table of
administrative divisions, accepting codes of *any* period: people keep the code of the
county where they were registered even after it is renamed or merged, and the table's
validity years describe the division, not the people who carry its code.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem
from checkpoint_app.core.regions import Province, province_by_code

__all__ = [
    "ResidentId", "parse_resident_id", "is_resident_id_like", "check_character",
    "region_name", "DocType", "normalise_document_number",
]

_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # ISO 7064 MOD 11-2
_ID_LIKE = re.compile(r"\d{17}[\dX]")
_PERIOD = re.compile(r"^\[\d*-\d*\]")
MIN_BIRTH_DATE = date(1900, 1, 1)
# 港澳台居民居住证 numbers start with 810000 / 820000 / 830000; 83 is no GB/T 2260 code.
_RESIDENCE_PERMIT_REGIONS = {"830000": "71"}


@dataclass(frozen=True)
class ResidentId:
    """A checked 18-character resident ID number and what it says about its holder."""

    number: str
    birth_date: date
    sex: Literal["M", "F"]
    province: Province
    region_code: str
    region_name: str | None


def _normalise(text: str) -> str:
    """Full-width to ASCII, no whitespace at all, upper-case X."""
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character ('0'–'9' or 'X') for 17 digits."""
    value = (12 - sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11) % 11
    return "X" if value == 10 else str(value)


def is_resident_id_like(text: str) -> bool:
    """Quick shape test (17 digits then a digit or X) for the "known person" lookup."""
    return _ID_LIKE.fullmatch(_normalise(text)) is not None


def _table_name(value: str | None) -> str | None:
    """The current name from a stdnum entry like "[1997-1997]万县区,[1998-]万州区"."""
    if not value:
        return None
    return _PERIOD.sub("", value.split(",")[-1])


@functools.lru_cache(maxsize=8192)  # an imported residents list repeats a few hundred codes
def _county_entry(code: str) -> str | None:
    """The raw 'county' entry of stdnum's cn/loc table for a 6-digit code, or None."""
    from stdnum import numdb  # loaded on first use: importing stdnum costs ~25 ms at start-up

    info = numdb.get("cn/loc").info(code)
    if len(info) == 2 and info[1][0] == code[2:]:
        return info[1][1].get("county")
    return None


def _generic(name: str | None) -> bool:
    return not name or name in ("市辖区", "县") or "直辖" in name


def region_name(code: str) -> str | None:
    """Current place name for a 6-digit code, e.g. "湖北省武汉市江岸区" (None if unknown).

    Retired and renamed codes get the latest name the table knows for them.
    """
    province = province_by_code(code[:2])
    county = _table_name(_county_entry(code))
    if province is None or county is None:
        return None
    parts = [province.name]
    if code[4:] != "00":
        prefecture = _table_name(_county_entry(code[:4] + "00"))
        if prefecture and not _generic(prefecture) and prefecture != province.name:
            parts.append(prefecture)
    if code[2:] != "0000" and not _generic(county):
        parts.append(county)
    return "".join(parts)


def _fail(field: str, template: str, **params: object) -> InvalidInput:
    return InvalidInput([problem(field, template, **params)])


def parse_resident_id(text: str, today: date, field: str = "id_number") -> ResidentId:
    """Check an 18-character resident ID number; raise InvalidInput naming the wrong part."""
    number = _normalise(text)
    if not number:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "Enter the ID number."))
    if len(number) == 15 and number.isdigit():
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "This is an old 15-digit number: enter the 18-character number from the current ID card."))
    if len(number) != 18:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "An ID number has 18 characters; {count} were typed."), count=len(number))
    for position, char in enumerate(number[:17], start=1):
        if not ("0" <= char <= "9"):
            raise _fail(field, QT_TRANSLATE_NOOP("problems", "Character {position} of the ID number is \"{char}\"; only digits are allowed there (X only at the end)."), position=position, char=char)
    if not ("0" <= number[17] <= "9" or number[17] == "X"):
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "The last character of the ID number must be a digit or X, not \"{char}\"."), char=number[17])
    region_code = number[:6]
    province_code = _RESIDENCE_PERMIT_REGIONS.get(region_code, number[:2])
    province = province_by_code(province_code)
    if province is None:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "The ID number starts with {code}, which is not a province code; check the first two digits."), code=number[:2])
    if region_code not in _RESIDENCE_PERMIT_REGIONS and _county_entry(region_code) is None:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "The first six digits {code} are not a known region code; check them against the card."), code=region_code)
    digits = number[6:14]
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "The birth date digits {digits} (characters 7 to 14) are not a real date."), digits=digits) from None
    if birth > today:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "The birth date {date} in the ID number is in the future; check characters 7 to 14."), date=birth.isoformat())
    if birth < MIN_BIRTH_DATE:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "The birth date {date} in the ID number is before 1900; check characters 7 to 14."), date=birth.isoformat())
    if check_character(number[:17]) != number[17]:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "The last character does not match the rest of the ID number: a digit is probably mistyped."))
    if region_code in _RESIDENCE_PERMIT_REGIONS:
        name: str | None = province.name
    else:
        name = region_name(region_code)
    sex: Literal["M", "F"] = "M" if int(number[16]) % 2 else "F"
    return ResidentId(number, birth, sex, province, region_code, name)


class DocType(StrEnum):
    """Kinds of identity document a person can show at the gate."""

    RESIDENT_ID = "resident_id"  # 居民身份证
    HK_MACAU_PERMIT = "hk_macau_permit"  # 港澳居民来往内地通行证
    TAIWAN_PERMIT = "taiwan_permit"  # 台湾居民来往大陆通行证
    PASSPORT = "passport"
    OTHER = "other"


_FIELD = "id_number"


def normalise_document_number(doc_type: DocType | str, text: str, today: date | None = None) -> str:
    """Normalised upper-case document number, or InvalidInput on field "id_number".

    `today` is only used for resident IDs (birth date in the future); it defaults to the
    system date so callers that only care about other documents need not pass it.
    """
    doc_type = DocType(doc_type)
    if doc_type is DocType.RESIDENT_ID:
        return parse_resident_id(text, today or date.today(), _FIELD).number
    if doc_type is DocType.OTHER:
        value = " ".join(unicodedata.normalize("NFKC", text).split()).upper()
    else:
        value = _normalise(text)
    if not value:
        raise _fail(_FIELD, QT_TRANSLATE_NOOP("problems", "Enter the document number."))
    if doc_type is DocType.OTHER:
        bad = next((c for c in value if not c.isprintable()), None)
        if bad is not None:
            raise _fail(_FIELD, QT_TRANSLATE_NOOP("problems", "The document number contains an invisible control character; retype it."))
        if len(value) > 40:
            raise _fail(_FIELD, QT_TRANSLATE_NOOP("problems", "The document number is {count} characters long; at most {limit} are allowed."), count=len(value), limit=40)
        return value
    bad = next((c for c in value if not ("0" <= c <= "9" or "A" <= c <= "Z")), None)
    if bad is not None:
        raise _fail(_FIELD, QT_TRANSLATE_NOOP("problems", "The document number may contain only letters and digits, not \"{char}\"."), char=bad)
    if doc_type is DocType.HK_MACAU_PERMIT:
        if value[0] not in "HM":
            raise _fail(_FIELD, QT_TRANSLATE_NOOP("problems", "A Hong Kong/Macau permit number starts with H (Hong Kong) or M (Macau), not \"{char}\"."), char=value[0])
        rest = value[1:]
        if not rest.isdigit() or len(rest) not in (8, 10):
            raise _fail(_FIELD, QT_TRANSLATE_NOOP("problems", "After the letter {letter}, a Hong Kong/Macau permit number has 8 or 10 digits; {count} characters were typed."), letter=value[0], count=len(rest))
    elif doc_type is DocType.TAIWAN_PERMIT:
        if not ((len(value) == 8 and value.isdigit()) or len(value) == 10):
            raise _fail(_FIELD, QT_TRANSLATE_NOOP("problems", "A Taiwan permit number has 8 digits (10 characters on older permits); {count} characters were typed."), count=len(value))
    elif not 5 <= len(value) <= 20:
        raise _fail(_FIELD, QT_TRANSLATE_NOOP("problems", "A passport number has 5 to 20 letters and digits; {count} were typed."), count=len(value))
    return value
