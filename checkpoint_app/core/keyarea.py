"""Key areas (重点区域): flag people who came from a key area within the observation window.

The list of key areas is data kept in the settings, one entry a line: a province in
any form `find_province` accepts ("湖北", "42", "鄂", "Hubei") or "province/city"
("湖北/武汉"). A person matches by their stated origin, or by the province of their
ID number (which only says where they were registered, so it never matches a city).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, Problem, problem
from checkpoint_app.core.regions import Province, find_province

__all__ = [
    "DEFAULT_KEY_AREAS", "DEFAULT_WINDOW_DAYS", "MIN_WINDOW_DAYS", "MAX_WINDOW_DAYS",
    "KeyArea", "KeyAreaRule", "KeyAreaResult",
]

DEFAULT_KEY_AREAS: tuple[str, ...] = ("湖北",)
DEFAULT_WINDOW_DAYS = 14
MIN_WINDOW_DAYS = 1
MAX_WINDOW_DAYS = 60


def _city_key(text: str) -> str:
    """Comparable city text: NFKC, no spaces, without a trailing 市."""
    text = "".join(unicodedata.normalize("NFKC", text).split())
    return text[:-1] if text.endswith("市") and len(text) > 1 else text


@dataclass(frozen=True)
class KeyArea:
    """One parsed entry: a province, optionally narrowed to a city ("" = whole province)."""

    province: Province
    city: str = ""

    @property
    def label(self) -> str:
        """Canonical text, e.g. "湖北" or "湖北/武汉"."""
        return f"{self.province.short}/{self.city}" if self.city else self.province.short

    @classmethod
    def from_text(cls, text: str) -> KeyArea | None:
        """Parse "湖北", "42", "湖北省/武汉市"; None when the entry is not understood."""
        text = unicodedata.normalize("NFKC", text).strip()
        province_text, slash, city_text = text.partition("/")
        province = find_province(province_text)
        city = _city_key(city_text)
        if province is None or (slash and not city) or "/" in city:
            return None
        return cls(province, city)

    def matches_origin(self, province: Province | None, city: str) -> bool:
        if province is None or province.code != self.province.code:
            return False
        return not self.city or (bool(_city_key(city)) and self.city in _city_key(city))


@dataclass(frozen=True)
class KeyAreaResult:
    """Whether a person is flagged, which key areas matched, and problems with the input.

    `reasons` lists every match ("origin:湖北/武汉", "id:湖北") even when the person is
    not flagged (arrived before the window, or arrival unknown), so a record can say why
    the key-area rule looked at it; `flagged` alone decides.
    """

    flagged: bool
    reasons: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class KeyAreaRule:
    """The configured key areas and observation window (days since arrival)."""

    areas: tuple[str, ...] = DEFAULT_KEY_AREAS
    window_days: int = DEFAULT_WINDOW_DAYS
    _parsed: tuple[KeyArea, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parsed = tuple(KeyArea.from_text(a) for a in self.areas)
        problems = [
            problem("key_areas", QT_TRANSLATE_NOOP("problems", "Line {line}: \"{text}\" is not a province or province/city, e.g. 湖北 or 湖北/武汉."), line=number, text=text.strip())
            for number, (text, area) in enumerate(zip(self.areas, parsed, strict=True), start=1)
            if area is None
        ]
        days = self.window_days
        if isinstance(days, bool) or not isinstance(days, int) or not MIN_WINDOW_DAYS <= days <= MAX_WINDOW_DAYS:
            problems.append(problem("key_area_window", QT_TRANSLATE_NOOP("problems", "The observation window must be {low} to {high} days, not {days}."), low=MIN_WINDOW_DAYS, high=MAX_WINDOW_DAYS, days=days))
        if problems:
            raise InvalidInput(problems)
        object.__setattr__(self, "_parsed", tuple(a for a in parsed if a is not None))

    @classmethod
    def parse(cls, lines: Iterable[str], window_days: int = DEFAULT_WINDOW_DAYS) -> KeyAreaRule:
        """Validate settings text (one entry a line); blank lines are skipped.

        Entries are stored canonically ("湖北省/武汉市" becomes "湖北/武汉"), without
        duplicates. Bad lines are reported by their line number among all `lines`.
        """
        numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip()]
        try:
            rule = cls(tuple(line for _, line in numbered), window_days)
        except InvalidInput as error:  # renumber: the constructor saw no blank lines
            raise InvalidInput([
                problem(p.field, p.template, **{**p.params, "line": numbered[p.params["line"] - 1][0]})
                if p.field == "key_areas" else p
                for p in error.problems
            ]) from None
        labels = dict.fromkeys(area.label for area in rule.key_areas)
        return cls(tuple(labels), window_days)

    @property
    def key_areas(self) -> tuple[KeyArea, ...]:
        return self._parsed

    def evaluate(
        self,
        origin_province: Province | None,
        origin_city: str,
        id_province: Province | None,
        arrival: date | None,
        today: date,
        category_is_resident: bool,
    ) -> KeyAreaResult:
        """Flag a person who arrived from a key area less than `window_days` ago.

        Arrival today (or after today) counts as day 0; with a 14-day window, 13 days ago
        is flagged and 14 days ago is not. The arrival date is required when the stated origin is a key
        area, and for non-residents whose ID number is from a key-area province.
        """
        origin_hits = [a for a in self._parsed if a.matches_origin(origin_province, origin_city)]
        id_hits = [a for a in self._parsed if id_province is not None and a.province.code == id_province.code]
        reasons = [f"origin:{a.label}" for a in origin_hits]
        for area in id_hits:
            if f"id:{area.province.short}" not in reasons:
                reasons.append(f"id:{area.province.short}")
        if not reasons:
            return KeyAreaResult(False)
        if arrival is None:
            if origin_hits or not category_is_resident:
                label = origin_hits[0].label if origin_hits else id_hits[0].province.short
                missing = problem("arrival_date", QT_TRANSLATE_NOOP("problems", "Arrival date is required for someone from a key area ({area})."), area=label)
                return KeyAreaResult(False, tuple(reasons), (missing,))
            return KeyAreaResult(False, tuple(reasons))
        # an arrival after today (confirmed by the guard, see core/arrival.py: the clock may
        # be behind) counts as day 0, inside the window: a doubtful date never lets anyone in
        return KeyAreaResult((today - arrival).days < self.window_days, tuple(reasons))

    def evaluate_plate(
        self,
        plate_province: Province | None,
        origin_province: Province | None,
        arrival: date | None,
        today: date,
    ) -> KeyAreaResult:
        """A vehicle's plate: registered in a key-area province (鄂 when 湖北 is listed)
        flags it like a stated origin there, within the window since arrival (which is then
        required). A plate from another province than the stated origin is only noted
        ("plate_mismatch:鄂"): cars are lent, hired and bought far away, so the guard asks,
        the rule does not decide."""
        if plate_province is None:
            return KeyAreaResult(False)
        reasons: list[str] = []
        if origin_province is not None and origin_province.code != plate_province.code:
            reasons.append(f"plate_mismatch:{plate_province.short}")
        hits = [a for a in self._parsed if a.province.code == plate_province.code and not a.city]
        if not hits:
            return KeyAreaResult(False, tuple(reasons))
        reasons.insert(0, f"plate:{hits[0].label}")
        if arrival is None:
            missing = problem("arrival_date", QT_TRANSLATE_NOOP("problems", "Arrival date is required for a vehicle with a plate from a key area ({area})."), area=hits[0].label)
            return KeyAreaResult(False, tuple(reasons), (missing,))
        return KeyAreaResult((today - arrival).days < self.window_days, tuple(reasons))
