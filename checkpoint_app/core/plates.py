"""Vehicle plates (机动车号牌) checked as GA 36-2018 and its later practice describe them.

A guard at a road checkpoint types the plate with a queue behind the car: a mistyped
plate must be refused on the spot with the wrong part named, and a plate that cannot
be read (a paper temporary plate, mud) must still be recordable as free text, kind
"other". The plate's province abbreviation gives the GB/T 2260 province code that the
key-area rule compares with the origin (鄂 -> "42").

Normalising: full-width letters and digits become half-width (NFKC), lower-case
letters upper-case; spaces, the plate's middle dot (· • ・ ‧), full stops and hyphens
are dropped wherever they are. Positions in messages count the characters of the
normalised plate ("鄂A·12345": the "1" is character 3).

Rules used, with the public sources they were read from (the standard's own text is
not freely published; std.samr.gov.cn lists GA 36-2018):

- Ordinary plates: province abbreviation (one of the 31 mainland ones) + issuing-
  authority letter (发牌机关代号) + a 5-character number of digits and letters, with
  at most two letters, never I or O (they read as 1 and 0). Sources: kb9.cn/read/248472.html
  ("序号中允许出现2位英文字母，O和I不能使用"); the GA 36-2018 library
  github.com/lizhineng/vehicle-license-china (src/RegistrationNumber.php: at most two
  letters); blog.csdn.net/tangjili5620/article/details/77159453.
- The issuing-authority letter is A-Z except I. O IS accepted: it is the letter of the
  plates a provincial public-security department issues itself (浙O, 粤O·12345, 陕O1313警).
  Sources: blog.csdn.net/LIsmooth/article/details/80981490 ("地区代码O为省级公安厅专用车牌,
  地区代码中暂无I"); 13l.net/index.php/l/110611647.html (粤O, the former GA plates);
  lizhineng/vehicle-license-china (accepts O).
- New-energy plates have 8 characters: province + issuing letter + 6. Small vehicles:
  the first of the six is the energy letter, then a letter or digit (not I/O), then four
  digits. The 2018 text used D (pure electric) and F (not purely electric); the letters
  were later widened, D then A, B, C, E for pure electric and F then G, H, J, K for the
  rest, brought into use as the D and F ranges run out (粤BA… in Shenzhen). Large
  vehicles: five digits then D or F; no source widened the large plates' letter, so only
  D and F are accepted there. Sources: PCauto's "新能源汽车车牌规则有哪些" (mirrored at
  wsmp3.cn/jxwd/1626/16263515.html); cnblogs.com/mmzuo-798/p/14929545.html (2021 note:
  纯电 D、A、B、C、E, 非纯 F、G、H、J、K); developers.weixin.qq.com community article
  00084a6e080238a5a4ae59c665b413 (2022: small ABCDEFGHJK, large DF);
  us.ok.com/ask/what-kind-of-vehicle-has-a-green-license-plate-starting-with-a-1.
- Suffixed plates: province + issuing letter + 4 letters/digits (at most two letters,
  never I/O) + 挂 (trailer), 学 (driving-school coach), 警 (police), 领 (consulate),
  港 or 澳 (Hong Kong / Macao vehicles crossing the border, always 粤Z; a 粤Z plate always
  ends with 港 or 澳). Sources: blog.csdn.net/LIsmooth/article/details/80981490 (警: four
  digits or A-D and three digits; 领: e.g. 沪A, 粤A, 鄂A + four digits + 领);
  lizhineng/vehicle-license-china (港/澳 only on 粤Z; 粤Z only with 港/澳); the 1992-series
  example 粤Z·7C59港 (en-academic.com "Vehicle registration plates of the PRC").
- Embassy plates: 使 + a 3-digit country code + a 3-digit serial (使224·009); older
  records write the 使 last ("224009使"), accepted and normalised to "使224009".
  Sources: autohome.com.cn/ask/5742898.html; yoojia.com/ask/17-13900568681909257493.html
  (since 2017 the 使 stands before the six digits).
- Military plates: two letters (never I/O) + five digits (BA·12345). Only the shape is
  checked: the unit letters changed with the armed forces' reorganisation and no
  current list was found. Source: blog.csdn.net/LIsmooth/article/details/80981490.
- Armed-police plates: WJ, optionally a province abbreviation, then 5 to 7 letters and
  digits (old WJ京·1234T and WJ01·12345 forms; since October 2019 the plates follow the
  PLA's layout). Sources: blog.csdn.net/LIsmooth/article/details/80981490;
  eng.chinamil.com.cn/view/2019-10/09/content_9646275.htm.
- Province abbreviations' pinyin (for picking the province by its initial) is the
  standard Mandarin reading of the character.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem
from checkpoint_app.core.regions import PROVINCES, Province, find_province
from checkpoint_app.core.text import clean_text

__all__ = [
    "PlateKind", "Plate", "PlateProvince", "PLATE_PROVINCES", "parse_plate", "pick_provinces",
    "NEW_ENERGY_ELECTRIC", "looks_like_plate", "NEW_ENERGY_OTHER", "OTHER_MAX_LEN",
]


class PlateKind(StrEnum):
    """What a plate says about the vehicle (its colour and suffix on the road)."""

    ORDINARY = "ordinary"
    NEW_ENERGY_SMALL = "new_energy_small"
    NEW_ENERGY_LARGE = "new_energy_large"
    TRAILER = "trailer"  # 挂
    COACH = "coach"  # 学
    POLICE = "police"  # 警
    HONG_KONG = "hong_kong"  # 粤Z…港
    MACAO = "macao"  # 粤Z…澳
    EMBASSY = "embassy"  # 使
    CONSULATE = "consulate"  # 领
    MILITARY = "military"
    ARMED_POLICE = "armed_police"  # WJ
    OTHER = "other"  # temporary or unreadable: free text


@dataclass(frozen=True)
class Plate:
    """A checked plate: normalised text, kind, and the province it was issued in."""

    text: str  # "鄂A12345"
    kind: PlateKind
    province: str | None  # the abbreviation "鄂"; None for embassy, military, other, …
    region_code: str | None  # GB/T 2260 province code of `province`: "42"


@dataclass(frozen=True)
class PlateProvince:
    """One of the 31 mainland abbreviations a plate can start with."""

    abbr: str  # "鄂"
    pinyin: str  # "e", lower-case, no tone
    province: Province  # from core.regions: code and names

    @property
    def code(self) -> str:
        return self.province.code

    @property
    def name(self) -> str:
        return self.province.name

    @property
    def initial(self) -> str:
        return self.pinyin[0].upper()


_PINYIN = {
    "京": "jing", "津": "jin", "冀": "ji", "晋": "jin", "蒙": "meng", "辽": "liao", "吉": "ji",
    "黑": "hei", "沪": "hu", "苏": "su", "浙": "zhe", "皖": "wan", "闽": "min", "赣": "gan",
    "鲁": "lu", "豫": "yu", "鄂": "e", "湘": "xiang", "粤": "yue", "桂": "gui", "琼": "qiong",
    "渝": "yu", "川": "chuan", "贵": "gui", "云": "yun", "藏": "zang", "陕": "shan", "甘": "gan",
    "青": "qing", "宁": "ning", "新": "xin",
}

# In GB/T 2260 code order (京 11 … 新 65): the order every pick list uses.
PLATE_PROVINCES: dict[str, PlateProvince] = {
    p.abbr: PlateProvince(p.abbr, _PINYIN[p.abbr], p)
    for p in sorted(PROVINCES.values(), key=lambda p: p.code)
    if p.abbr in _PINYIN
}

NEW_ENERGY_ELECTRIC = "DABCE"  # pure electric, D first
NEW_ENERGY_OTHER = "FGHJK"  # plug-in hybrid, fuel cell, …, F first
_LARGE_ENERGY_LETTERS = "DF"
OTHER_MAX_LEN = 30
_SEPARATORS = frozenset("·•・‧･∙⋅.-‐‑‒–—―")
_SUFFIX_KINDS = {
    "挂": PlateKind.TRAILER, "学": PlateKind.COACH, "警": PlateKind.POLICE,
    "港": PlateKind.HONG_KONG, "澳": PlateKind.MACAO, "领": PlateKind.CONSULATE,
}
_KIND_SUFFIX = {kind: suffix for suffix, kind in _SUFFIX_KINDS.items()}
_CROSS_BORDER = "粤Z"
_EMBASSY = "使"


def _fail(field: str, template: str, **params: object) -> InvalidInput:
    return InvalidInput([problem(field, template, **params)])


def _compact(text: str) -> str:
    """NFKC, ASCII letters upper-cased, whitespace and separators dropped."""
    folded = unicodedata.normalize("NFKC", text or "")
    return "".join(c.upper() if "a" <= c <= "z" else c for c in folded if not c.isspace() and c not in _SEPARATORS)


def _letter(c: str) -> bool:
    return "A" <= c <= "Z"


def _digit(c: str) -> bool:
    return "0" <= c <= "9"


def parse_plate(text: str, kind_hint: str | None = None, field: str = "plate") -> Plate:
    """Check and normalise a plate; raise InvalidInput naming the wrong part.

    Without `kind_hint` the kind is read from the plate itself (WJ…, 使…, two letters
    for the military, the suffix, 8 characters for new energy). With a hint (a
    PlateKind or its value) the plate is checked against that kind's rules; "other"
    takes free text: trimmed, at most OTHER_MAX_LEN characters, not empty.
    """
    kind = None if kind_hint is None else PlateKind(kind_hint)
    if kind is PlateKind.OTHER:
        return _other(text, field)
    plate = _compact(text)
    if not plate:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "Enter the plate number."))
    if kind is None:
        kind = _guess(plate)
    if kind is PlateKind.EMBASSY:
        return _embassy(plate, field)
    if kind is PlateKind.MILITARY:
        return _military(plate, field)
    if kind is PlateKind.ARMED_POLICE:
        return _armed_police(plate, field)
    return _provincial(plate, kind, field)


def _guess(plate: str) -> PlateKind | None:
    """The kind a plate's shape shows; None: a provincial plate, decided by its checks."""
    if plate.startswith("WJ"):
        return PlateKind.ARMED_POLICE
    if plate[0] == _EMBASSY or (plate[-1] == _EMBASSY and plate[0] not in PLATE_PROVINCES):
        return PlateKind.EMBASSY
    if len(plate) > 1 and _letter(plate[0]) and _letter(plate[1]):
        return PlateKind.MILITARY
    return None


def _check_characters(plate: str, start: int, end: int, field: str) -> None:
    """Letters and digits only, never I or O, in plate[start:end]."""
    for index in range(start, end):
        char = plate[index]
        if char in "IO":
            raise _fail(field, QT_TRANSLATE_NOOP("problems", "Character {position} is \"{char}\": plates never use the letters I and O (they would read as 1 and 0)."), position=index + 1, char=char)
        if not (_letter(char) or _digit(char)):
            raise _fail(field, QT_TRANSLATE_NOOP("problems", "Character {position}, \"{char}\", is not allowed there: only letters and digits (never I or O)."), position=index + 1, char=char)


def _check_number(plate: str, start: int, end: int, field: str) -> None:
    """The number of an ordinary or suffixed plate: letters and digits, at most two letters."""
    _check_characters(plate, start, end, field)
    letters = sum(1 for c in plate[start:end] if _letter(c))
    if letters > 2:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "The number after the issuing-authority letter has at most two letters; {count} were typed."), count=letters)


def _provincial(plate: str, kind: PlateKind | None, field: str) -> Plate:
    """Plates that start with a province abbreviation and an issuing-authority letter."""
    head = plate[0]
    entry = PLATE_PROVINCES.get(head)
    if entry is None:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "A plate starts with a province abbreviation such as 京, 沪 or 鄂; \"{char}\" is not one."), char=head)
    if len(plate) == 1:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "The issuing-authority letter is missing after \"{province}\"."), province=head)
    if plate[1] == "I":
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "The issuing-authority letter is never I."))
    if not _letter(plate[1]):
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "After \"{province}\" comes the issuing-authority letter, A to Z, not \"{char}\"."), province=head, char=plate[1])
    last = plate[-1]
    if kind is None:
        kind = _SUFFIX_KINDS.get(last)
    suffix = None if kind is None else _KIND_SUFFIX.get(kind)
    if suffix is not None and last != suffix:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "This kind of plate ends with \"{suffix}\"."), suffix=suffix)
    if suffix is None and (last in _SUFFIX_KINDS or last == _EMBASSY):
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "\"{suffix}\" does not belong at the end of this kind of plate."), suffix=last)
    cross_border = kind in (PlateKind.HONG_KONG, PlateKind.MACAO)
    if cross_border and plate[:2] != _CROSS_BORDER:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "Plates ending with \"{suffix}\" are issued as 粤Z only, not \"{prefix}\"."), suffix=last, prefix=plate[:2])
    if not cross_border and plate[:2] == _CROSS_BORDER:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "粤Z plates belong to Hong Kong and Macao vehicles and end with 港 or 澳."))
    if kind is not None and suffix is not None:
        _check_length(plate, 7, plate[:2] + "1234" + suffix, field)
        _check_number(plate, 2, 6, field)
        return Plate(plate, kind, head, entry.code)
    if kind is None:
        kind = _energy_kind(plate, field) if len(plate) == 8 else PlateKind.ORDINARY
        if len(plate) != 7 and kind is PlateKind.ORDINARY:
            raise _fail(field, QT_TRANSLATE_NOOP("problems", "An ordinary plate has 7 characters and a new-energy plate 8; {count} were typed."), count=len(plate))
    if kind is PlateKind.ORDINARY:
        _check_length(plate, 7, plate[:2] + "12345", field)
        _check_number(plate, 2, 7, field)
    elif kind is PlateKind.NEW_ENERGY_SMALL:
        _check_length(plate, 8, plate[:2] + "D12345", field)
        _small_energy(plate, field)
    else:
        _check_length(plate, 8, plate[:2] + "12345D", field)
        _large_energy(plate, field)
    return Plate(plate, kind, head, entry.code)


def _check_length(plate: str, expected: int, example: str, field: str) -> None:
    if len(plate) != expected:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "A plate like {example} has {expected} characters; {count} were typed."), example=example, expected=expected, count=len(plate))


def _energy_kind(plate: str, field: str) -> PlateKind:
    """An 8-character plate typed without a hint: small (letter first) or large (letter last)."""
    if _letter(plate[2]):
        return PlateKind.NEW_ENERGY_SMALL
    if _letter(plate[7]):
        return PlateKind.NEW_ENERGY_LARGE
    raise _fail(field, QT_TRANSLATE_NOOP("problems", "An 8-character plate is a new-energy plate: its energy letter comes right after the issuing-authority letter (small vehicles) or last (large vehicles); an ordinary plate has 7 characters."))


def _small_energy(plate: str, field: str) -> None:
    if plate[2] not in NEW_ENERGY_ELECTRIC + NEW_ENERGY_OTHER:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "A small new-energy plate has D, A, B, C or E (pure electric) or F, G, H, J or K (other new energy) right after the issuing-authority letter, not \"{char}\"."), char=plate[2])
    _check_characters(plate, 3, 4, field)
    for index in range(4, 8):
        if not _digit(plate[index]):
            raise _fail(field, QT_TRANSLATE_NOOP("problems", "A small new-energy plate ends with four digits; character {position} is \"{char}\"."), position=index + 1, char=plate[index])


def _large_energy(plate: str, field: str) -> None:
    for index in range(2, 7):
        if not _digit(plate[index]):
            raise _fail(field, QT_TRANSLATE_NOOP("problems", "A large new-energy plate has five digits after the issuing-authority letter; character {position} is \"{char}\"."), position=index + 1, char=plate[index])
    if plate[7] not in _LARGE_ENERGY_LETTERS:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "A large new-energy plate ends with D (pure electric) or F (other new energy), not \"{char}\"."), char=plate[7])


def _embassy(plate: str, field: str) -> Plate:
    if plate[0] == _EMBASSY:
        digits = plate[1:]
    elif plate[-1] == _EMBASSY:
        digits = plate[:-1]
    else:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "An embassy plate has \"使\" before its six digits."))
    bad = next((c for c in digits if not _digit(c)), None)
    if bad is not None:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "An embassy plate has six digits after \"使\", not \"{char}\"."), char=bad)
    normalised = _EMBASSY + digits
    _check_length(normalised, 7, "使224009", field)
    return Plate(normalised, PlateKind.EMBASSY, None, None)


def _military(plate: str, field: str) -> Plate:
    for char in plate[:2]:
        if not _letter(char) or char in "IO":
            raise _fail(field, QT_TRANSLATE_NOOP("problems", "A military plate starts with two letters (never I or O), not \"{char}\"."), char=char)
    for index in range(2, len(plate)):
        if not _digit(plate[index]):
            raise _fail(field, QT_TRANSLATE_NOOP("problems", "A military plate has five digits after its two letters; character {position} is \"{char}\"."), position=index + 1, char=plate[index])
    _check_length(plate, 7, (plate[:2] if len(plate) > 1 else "BA") + "12345", field)
    return Plate(plate, PlateKind.MILITARY, None, None)


def _armed_police(plate: str, field: str) -> Plate:
    if not plate.startswith("WJ"):
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "An armed-police plate starts with WJ."))
    start = 2
    entry = PLATE_PROVINCES.get(plate[2:3])
    if entry is not None:
        start = 3
    _check_characters(plate, start, len(plate), field)
    count = len(plate) - start
    if not 5 <= count <= 7:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "An armed-police plate has 5 to 7 letters and digits after WJ and its province abbreviation, if any; {count} were typed."), count=count)
    if entry is None:
        return Plate(plate, PlateKind.ARMED_POLICE, None, None)
    return Plate(plate, PlateKind.ARMED_POLICE, entry.abbr, entry.code)


def _other(text: str, field: str) -> Plate:
    """Free text for a temporary or unreadable plate, upper-cased like every plate so a
    search finds "鄂a1234临" and "鄂A1234临" alike."""
    value = clean_text(unicodedata.normalize("NFKC", text or ""), OTHER_MAX_LEN, field)
    if not value:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "Enter the plate number, or describe the plate if it cannot be read."))
    value = "".join(c.upper() if "a" <= c <= "z" else c for c in value)
    return Plate(value, PlateKind.OTHER, None, None)


def pick_provinces(typed: str, default: str | None = None) -> list[str]:
    """The abbreviations the plate's province box offers for what the guard typed.

    - nothing: all 31, the station's `default` first;
    - digits: those whose GB/T 2260 code starts with them ("42" -> 鄂, "4" -> 豫鄂湘粤桂琼);
    - latin letters (any case, full-width too): those whose pinyin starts with them, so a
      single letter is the initial ("J" -> 京津冀晋吉, "e" -> 鄂, "jin" -> 京津晋);
    - Chinese: the abbreviation itself, or the one of a province's name or old
      abbreviation ("湖北" -> 鄂, "蜀" -> 川).

    The order is GB/T 2260 code order, except that `default` (the station's province)
    comes first whenever it is among the matches. An unknown `default` is ignored.
    """
    key = "".join(unicodedata.normalize("NFKC", typed or "").split())
    everything = list(PLATE_PROVINCES)
    if not key:
        found = everything
    elif key.isascii() and key.isdigit():
        found = [a for a in everything if PLATE_PROVINCES[a].code.startswith(key)]
    elif key.isascii() and key.isalpha():
        found = [a for a in everything if PLATE_PROVINCES[a].pinyin.startswith(key.lower())]
    else:
        province = find_province(key)
        found = [province.abbr] if province is not None and province.abbr in PLATE_PROVINCES else []
    if default in found:
        found.remove(default)
        found.insert(0, default)
    return found


def looks_like_plate(text: str) -> bool:
    """Whether text typed in a person's field (a name, a document number) is a vehicle
    plate of a province (鄂A12345): typed in the wrong form. Plates without a province
    (military, embassy) are not recognised: a foreign document number may look like one."""
    compact = "".join((text or "").split())
    if len(compact) < 7:
        return False
    try:
        return parse_plate(compact).province is not None
    except InvalidInput:
        return False
