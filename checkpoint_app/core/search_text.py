"""What a guard types in the register's one search box, recognised.

There is no "search by" selector to get wrong (a name typed with "phone" chosen
found nothing, silently): the text itself says what it is.

  - Chinese, or letters without digits  -> a name (any part of it: 李四, 古丽, smith);
  - digits only (spaces, dashes, "+" ignored) -> a fragment of an ID number or a phone;
  - letters and digits                  -> an ID-document number (passport EA1234567,
                                           permit, or a resident ID ending in X);
  - a licence plate (鄂A12345)          -> recognised, but plates are not in the register.

Full-width characters from a Chinese input method count as their ASCII forms, and text
copied from the masked table ("138****5678") searches its longest unmasked piece.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from checkpoint_app.core.name_search import name_key

__all__ = ["SearchKind", "SearchQuery", "recognise", "search_fragment", "MIN_FRAGMENT"]


class SearchKind(str, Enum):
    NAME = "name"
    ID_OR_PHONE = "id_or_phone"  # digits: either field
    ID_NUMBER = "id_number"      # letters and digits: the ID-document field
    PHONE = "phone"              # never recognised, for an explicit search
    PLATE = "plate"              # recognised so it can be explained: no plate field


# Fragments of identity numbers go through a trigram index: 3 characters at least.
MIN_FRAGMENT = {SearchKind.NAME: 1, SearchKind.ID_OR_PHONE: 3, SearchKind.ID_NUMBER: 3, SearchKind.PHONE: 3,
                SearchKind.PLATE: 2}

# GA 36-2018: the province's one-character abbreviation, then the issuing office's letter
_PLATE = re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][A-Z][A-Z0-9]*")
_MASK = re.compile(r"[*＊]+")


@dataclass(frozen=True)
class SearchQuery:
    kind: SearchKind
    fragment: str  # normalised; "" when too short to search

    @property
    def usable(self) -> bool:
        return self.fragment != ""


def _alnum_upper(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())


def search_fragment(kind: SearchKind, raw: str) -> str:
    """The normalised search text for `kind`; an empty string means 'no usable search'."""
    if kind == SearchKind.NAME:
        return name_key(raw.strip())
    text = unicodedata.normalize("NFKC", raw).strip()
    if kind == SearchKind.ID_NUMBER:  # letters count: passports, permits, the X of an ID
        cleaned = _alnum_upper(text)
    elif kind == SearchKind.PLATE:
        cleaned = "".join(text.upper().split())
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
    compact = "".join(text.upper().split()).replace("·", "")
    if _PLATE.fullmatch(compact):
        return SearchQuery(SearchKind.PLATE, search_fragment(SearchKind.PLATE, compact))
    has_digit = any(ch.isdigit() for ch in text)
    if any(ch.isalpha() and not ch.isascii() for ch in text) or not has_digit:
        # names are searched as they were stored: not NFKC-folded (see name_search)
        return SearchQuery(SearchKind.NAME, name_key(typed))
    kind = SearchKind.ID_NUMBER if any(ch.isascii() and ch.isalpha() for ch in text) else SearchKind.ID_OR_PHONE
    return SearchQuery(kind, search_fragment(kind, text))
