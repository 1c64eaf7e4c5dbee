"""Masking personal data for the screen, as on "digital sentry" devices (李*, 138****5678).

Functions work on code points (so 𠮷, outside the BMP, counts as one character) and
never raise: anything unexpected is masked by the generic rule.
"""

from __future__ import annotations

import unicodedata

__all__ = ["mask_id_number", "mask_phone", "mask_name", "NAME_SEPARATORS"]

# Separators in transliterated names: 间隔号 and the look-alikes IMEs produce, and spaces.
NAME_SEPARATORS = frozenset("·・•‧･ ")


def _keep_ends(s: str, head: int, tail: int) -> str:
    """Keep `head` and `tail` characters; everything between becomes '*'."""
    if len(s) <= head + tail:
        return "*" * len(s)
    return s[:head] + "*" * (len(s) - head - tail) + s[len(s) - tail:]


def mask_id_number(s: str) -> str:
    """"500101199001011234" -> "500101********1234"; other lengths keep 2 + 2."""
    if len(s) == 18:
        return s[:6] + "*" * 8 + s[-4:]
    return _keep_ends(s, 2, 2)


def mask_phone(s: str) -> str:
    """"13812345678" -> "138****5678"; "+447911123456" -> "+44********56"."""
    if len(s) == 11 and s.isdigit():
        return s[:3] + "****" + s[-4:]
    if s.startswith("+"):
        return "+" + _keep_ends(s[1:], 2, 2)
    return _keep_ends(s, 2, 2)


def mask_name(s: str) -> str:
    """"李" -> "李", "李四" -> "李*", "欧阳娜娜" -> "欧**娜", "阿依古丽·买买提" -> "阿***·**提".

    Separators ('·', spaces) stay visible; letters between first and last are masked.
    """
    s = unicodedata.normalize("NFC", s)
    letters = [i for i, c in enumerate(s) if c not in NAME_SEPARATORS]
    if len(letters) <= 1:
        return s
    keep = {letters[0]} if len(letters) == 2 else {letters[0], letters[-1]}
    return "".join(c if i in keep or c in NAME_SEPARATORS else "*" for i, c in enumerate(s))
