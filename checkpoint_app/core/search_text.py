"""What a guard types in the register's one search box, recognised.

There is no "search by" selector to get wrong (a name typed with "phone" chosen
found nothing, silently): the text itself says what it is.

  - Chinese, or letters without digits  -> a name (any part of it: 李四, 古丽, smith);
  - digits only (spaces, dashes, "+" ignored) -> a fragment of an ID number or a phone;
  - letters and digits (ASCII)          -> an ID-document number (passport EA1234567,
                                           permit, a resident ID ending in X) OR a plate
                                           fragment ("A123", "ad1234", a military BA12345):
                                           both are searched, a row matches either;
  - a licence plate or the part of one that shows it is a plate -> a plate: it starts
    with a province abbreviation and the issuing letter (鄂A12345, 鄂a·12345, 鄂A1),
    or is WJ + a province (armed police), 使 + digits (embassy), or ends with a
    plate suffix (1234挂, 1234警). A whole plate (core.plates.parse_plate accepts it,
    the normalised text is its own) finds that plate only: 鄂A12345 is not 鄂A12345D,
    a large new-energy plate. Anything shorter is a fragment: any plate holding it.

Why letters and digits search both fields: a guard remembers "the car with A123"
as often as a passport's digits, and a plate fragment without its province looks
exactly like a document number; the list shows the plate in a vehicle's row, so a
row found by its plate is plain to see. Digits alone stay ID number or phone: a
plate's digits are typed with its letter ("A12345") or its province ("鄂A1").

Full-width characters from a Chinese input method count as their ASCII forms; a plate
is normalised as core/plates.py does (NFKC, upper-case, spaces and the middle dot
dropped), and text copied from the masked table ("138****5678") searches its longest
unmasked piece.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from checkpoint_app.core.name_search import name_key
from checkpoint_app.core.plates import PLATE_PROVINCES, parse_plate
from checkpoint_app.core.problems import InvalidInput

__all__ = ["SearchKind", "SearchQuery", "recognise", "search_fragment", "plate_text", "MIN_FRAGMENT", "SEARCHED"]


class SearchKind(str, Enum):
    NAME = "name"
    ID_OR_PHONE = "id_or_phone"  # digits: either field
    ID_NUMBER = "id_number"      # the ID-document field only (an explicit search)
    PHONE = "phone"              # never recognised, for an explicit search
    PLATE = "plate"              # a plate, whole or a fragment that shows it is one
    ID_OR_PLATE = "id_or_plate"  # letters and digits: an ID-document number or a plate


# The fields each kind looks in (the queries and core.listing.row_matches follow this).
SEARCHED: dict[SearchKind, frozenset[str]] = {
    SearchKind.NAME: frozenset({"name"}),
    SearchKind.ID_OR_PHONE: frozenset({"id_number", "phone"}),
    SearchKind.ID_NUMBER: frozenset({"id_number"}),
    SearchKind.PHONE: frozenset({"phone"}),
    SearchKind.PLATE: frozenset({"plate"}),
    SearchKind.ID_OR_PLATE: frozenset({"id_number", "plate"}),
}

# Fragments of identity numbers go through a trigram index: 3 characters at least; a
# plate's province and letter (渝A) already say something.
MIN_FRAGMENT = {SearchKind.NAME: 1, SearchKind.ID_OR_PHONE: 3, SearchKind.ID_NUMBER: 3, SearchKind.PHONE: 3,
                SearchKind.PLATE: 2, SearchKind.ID_OR_PLATE: 3}

_PROVINCES = "".join(PLATE_PROVINCES)
_SUFFIXES = "挂学警港澳领"
# what only a plate looks like (on the normalised text; see the module docstring)
_PLATE = re.compile(
    rf"[{_PROVINCES}][A-Z][A-Z0-9]*[{_SUFFIXES}]?"  # 鄂A12345, 鄂A1, 鄂A1234挂
    rf"|WJ[{_PROVINCES}][A-Z0-9]*"                  # WJ鄂12345
    rf"|使[0-9]+|[0-9]+使"                          # 使224009, the older 224009使
    rf"|[A-Z0-9]+[{_SUFFIXES}]"                     # 1234挂
)
_SEPARATORS = frozenset("·•・‧･∙⋅.-‐‑‒–—―")  # as core/plates.py drops them
_MASK = re.compile(r"[*＊]+")


@dataclass(frozen=True)
class SearchQuery:
    kind: SearchKind
    fragment: str  # normalised; "" when too short to search

    @property
    def usable(self) -> bool:
        return self.fragment != ""

    @property
    def fields(self) -> frozenset[str]:
        return SEARCHED[self.kind]

    @property
    def whole_plate(self) -> bool:
        """A plate search for one whole plate (equality), not a fragment of plates."""
        return self.kind == SearchKind.PLATE and _is_whole_plate(self.fragment)


@lru_cache(maxsize=256)
def _is_whole_plate(text: str) -> bool:
    try:
        return parse_plate(text).text == text
    except InvalidInput:
        return False


def plate_text(raw: str) -> str:
    """A plate, or part of one, as plates are stored: NFKC, ASCII letters upper-cased,
    spaces and separators (the middle dot) dropped."""
    folded = unicodedata.normalize("NFKC", raw)
    return "".join(c.upper() if "a" <= c <= "z" else c for c in folded if not c.isspace() and c not in _SEPARATORS)


def _alnum_upper(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())


def search_fragment(kind: SearchKind, raw: str) -> str:
    """The normalised search text for `kind`; an empty string means 'no usable search'."""
    if kind == SearchKind.NAME:
        return name_key(raw.strip())
    text = unicodedata.normalize("NFKC", raw).strip()
    if kind in (SearchKind.ID_NUMBER, SearchKind.ID_OR_PLATE):  # letters count: passports, permits, the X of an ID
        cleaned = _alnum_upper(text)
    elif kind == SearchKind.PLATE:
        cleaned = plate_text(text)
        if cleaned[:-1].isdigit() and cleaned.endswith("使"):  # an older embassy plate's order, stored 使 first
            cleaned = "使" + cleaned[:-1]
    else:
        cleaned = "".join(ch for ch in text if ch in "0123456789")
    return cleaned if len(cleaned) >= MIN_FRAGMENT[kind] else ""


def _unmasked(text: str) -> str:
    """The longest piece of text copied from the masked table (the first on a tie)."""
    pieces = [p.strip() for p in _MASK.split(text)]
    return max(pieces, key=lambda p: len(name_key(p))) if len(pieces) > 1 else text


def recognise(raw: str) -> SearchQuery | None:
    """What `raw` searches for; None when nothing searchable was typed."""
    typed = _unmasked(raw.strip())
    text = unicodedata.normalize("NFKC", typed)
    if not any(ch.isalnum() for ch in text):
        return None
    if _PLATE.fullmatch(plate_text(text)):
        return SearchQuery(SearchKind.PLATE, search_fragment(SearchKind.PLATE, text))
    has_digit = any(ch.isdigit() for ch in text)
    if any(ch.isalpha() and not ch.isascii() for ch in text) or not has_digit:
        # names are searched as they were stored: not NFKC-folded (see name_search)
        return SearchQuery(SearchKind.NAME, name_key(typed))
    kind = SearchKind.ID_OR_PLATE if any(ch.isascii() and ch.isalpha() for ch in text) else SearchKind.ID_OR_PHONE
    return SearchQuery(kind, search_fragment(kind, text))
