"""Phone numbers: mainland mobile numbers (11 digits) and foreign numbers (E.164-like).

Numbers are stored normalised so that a repeat visitor is found by phone whatever
way it was typed: mainland as "13812345678", foreign as "+447911123456".
"""

from __future__ import annotations

import unicodedata

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem

__all__ = ["normalise_phone"]

_MAINLAND_PREFIXES = ("+86", "0086", "86")


def _compact(text: str) -> str:
    """Full-width to ASCII; drop whitespace and dashes."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(text.split()).replace("-", "")


def _fail(field: str, template: str, **params: object) -> InvalidInput:
    return InvalidInput([problem(field, template, **params)])


def normalise_phone(text: str, foreign: bool = False, field: str = "phone") -> str:
    """Check and normalise a phone number; raise InvalidInput saying what is wrong.

    Mainland: 11 digits starting 13–19; a "+86" or "0086" country prefix is dropped,
    a bare "86" only when 11 digits follow it. Foreign: optional "+" (or "00") then 6–15
    digits, stored as "+digits". An empty number is refused: callers that treat the
    phone as optional must not call this for an empty field.
    """
    number = _compact(text)
    if not number:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "Enter the phone number."))
    if foreign:
        return _foreign(number, field)
    for prefix in _MAINLAND_PREFIXES:
        rest = number[len(prefix):]
        # "+86"/"0086" are unambiguous; a bare "86" only when 11 digits follow it.
        if number.startswith(prefix) and (prefix != "86" or (len(rest) == 11 and rest.isdigit())):
            number = rest
            break
    bad = next((c for c in number if not ("0" <= c <= "9")), None)
    if bad == "+":
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "Only +86 numbers are mainland numbers; tick \"foreign phone\" for other countries."))
    if bad is not None:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "A phone number contains only digits, not \"{char}\"."), char=bad)
    if len(number) != 11:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "A mobile number has 11 digits; {count} were typed."), count=len(number))
    if number[0] != "1" or number[1] < "3":
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "A mobile number starts with 13 to 19, not {start}."), start=number[:2])
    return number


def _foreign(number: str, field: str) -> str:
    if number.startswith("+"):
        digits = number[1:]
    elif number.startswith("00"):
        digits = number[2:]  # international call prefix, same meaning as "+"
    else:
        digits = number
    bad = next((c for c in digits if not ("0" <= c <= "9")), None)
    if bad is not None:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "A phone number contains only digits after the +, not \"{char}\"."), char=bad)
    if not 6 <= len(digits) <= 15:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "A foreign number has 6 to 15 digits with the country code; {count} were typed."), count=len(digits))
    return "+" + digits
