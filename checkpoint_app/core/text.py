"""Free text and names typed into the register.

Text is stored NFC-normalised, stripped, with each run of whitespace (tabs, newlines
from a scanner) collapsed to one space. Invisible control and format characters
(NUL, escape, bidi overrides, zero-width spaces) are refused rather than removed, so
what is stored is exactly what the guard saw.
"""

from __future__ import annotations

import re
import unicodedata

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem

__all__ = ["clean_text", "normalise_name", "NAME_MAX_LEN", "NAME_DOT"]

# Transliterated minority and foreign names run long ("阿卜杜热合曼·买买提艾力·...",
# "Maria Fernanda de los Ángeles ..."): a name up to 100 characters is accepted whole,
# a longer one is refused with a message, never cut.
NAME_MAX_LEN = 100
NAME_DOT = "·"  # U+00B7, the 间隔号 used on ID cards: 阿依古丽·买买提
# Look-alikes that input methods produce for the 间隔号.
_DOT_LOOKALIKES = str.maketrans({c: NAME_DOT for c in "・•‧･∙⋅"})
_SPACED_DOT = re.compile(r"\s*·\s*")
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})


def clean_text(s: str, max_len: int, field: str) -> str:
    """Strip, collapse whitespace runs to one space, refuse control characters and
    text longer than `max_len` characters. Empty input gives ""."""
    text = " ".join(unicodedata.normalize("NFC", s or "").split())
    for position, char in enumerate(text, start=1):
        if unicodedata.category(char) in _REFUSED_CATEGORIES:
            raise InvalidInput([problem(field, QT_TRANSLATE_NOOP("problems", "Character {position} is an invisible control character (code {code}); delete it and retype."), position=position, code=f"U+{ord(char):04X}")])
    if len(text) > max_len:
        raise InvalidInput([problem(field, QT_TRANSLATE_NOOP("problems", "Too long: {count} characters, at most {limit} allowed."), count=len(text), limit=max_len)])
    return text


def normalise_name(s: str, field: str = "name") -> str:
    """A person's name: clean_text (at most NAME_MAX_LEN characters) and not empty.

    The 间隔号 in transliterated names is written as '·' (U+00B7) whichever look-alike
    was typed, without spaces around it: "阿依古丽 ・ 买买提" -> "阿依古丽·买买提".
    """
    dotted = _SPACED_DOT.sub(NAME_DOT, (s or "").translate(_DOT_LOOKALIKES))
    text = clean_text(dotted, NAME_MAX_LEN, field)
    if not text:
        raise InvalidInput([problem(field, QT_TRANSLATE_NOOP("problems", "Enter the name."))])
    return text
