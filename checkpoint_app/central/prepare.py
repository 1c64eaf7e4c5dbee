"""Making a batch's records ready for the office database without the database: decoding
each JSON line, checking the passage's fields, computing its content hash and converting
its values to what the driver stores (SQLite: timestamps and days as SQLAlchemy stores
them; PostgreSQL: every value a field of COPY's text format, `copy_fields`). Pure Python
with light imports (no SQLAlchemy), so it runs the same in the importer's process or in
its helper process (`checkpoint_app.central.helper`), which prepares the next chunk while
the importer writes the one before.

A chunk's outcome is a `Prepared`: the passages by UUID (the first of the chunk; a second
with other content is a repeat, kept as a conflict), their values and persons' values
ready for INSERT (SQLite: in column order) or COPY (PostgreSQL: each row one text), and the
other kinds' records as decoded (a few per batch), in the order they came.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import operator
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import orjson

from checkpoint_app.batch.errors import BatchRejected

VOID_FIELDS = ("voided", "void_reason", "voided_at", "voided_by", "voided_by_id")


def parse_time(value: str) -> dt.datetime:
    """An ISO 8601 timestamp with its zone, in UTC."""
    moment = dt.datetime.fromisoformat(value)
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("a timestamp without its zone")
    return moment if not offset else moment.astimezone(dt.timezone.utc)


def held_utc(moment: dt.datetime) -> dt.datetime:
    """A timestamp as the office database gives it back (naive UTC from SQLite, aware from
    PostgreSQL) with its zone, in UTC."""
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment.astimezone(dt.timezone.utc)


def _sqlite_moment(moment: dt.datetime) -> str:
    """What SQLAlchemy's SQLite DateTime stores ('2020-02-13 01:45:00.000000', UTC)."""
    return moment.replace(tzinfo=None).isoformat(" ", "microseconds")


def _sqlite_day(text: str) -> str:
    return dt.date.fromisoformat(text).isoformat()


def _as_is(value: Any) -> Any:
    return value


def _pg_moment(moment: dt.datetime) -> str:
    """A UTC moment as PostgreSQL reads it into timestamptz ('2020-02-13T01:45:00+00:00')."""
    return moment.isoformat()


def _pg_day(text: str) -> str:
    return dt.date.fromisoformat(text).isoformat()


# COPY's text format (PostgreSQL's `COPY … FROM STDIN`, the importer's way in): fields
# apart by tabs, NULL as \N, and in text a backslash, tab, newline or CR escaped by a backslash
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_COPY_OTHER: dict[type, Callable[[Any], str]] = {
    bool: lambda value: "t" if value else "f", int: int.__repr__, float: float.__repr__,
    dt.datetime: dt.datetime.isoformat, dt.date: dt.date.isoformat,
}


def copy_fields(values: list[Any]) -> list[str]:
    """`values` as fields of COPY's text format; TypeError for a value no column takes (a
    list, an object)."""
    return copy_row(values).split("\t")


def copy_row(values: list[Any]) -> str:
    """`values` as one row of COPY's text format (its fields apart by tabs); TypeError for
    a value no column takes. The text is looked at once joined: a row whose text has no
    tab, newline or CR of its own and no backslash but the NULLs' needs no escaping."""
    try:
        fields = [v if type(v) is str else "\\N" if v is None else ("t" if v else "f") if type(v) is bool
                  else _COPY_OTHER[type(v)](v) for v in values]
    except KeyError as missing:
        raise TypeError(f"no column takes a {missing.args[0].__name__}") from None
    text = "\t".join(fields)
    if text.count("\t") != len(fields) - 1 or "\n" in text or "\r" in text or text.count("\\") != values.count(None):
        text = "\t".join([f.translate(_COPY_ESCAPES) if type(v) is str else f for v, f in zip(values, fields, strict=True)])
    return text


def copy_field(value: Any) -> str:
    """One value as a field of COPY's text format."""
    return str(value) if type(value) is int else copy_row([value])


# per database: (UTC datetime -> stored, ISO day text -> stored, any other value -> stored)
STORE: dict[str, tuple[Callable[[dt.datetime], Any], Callable[[str], Any], Callable[[Any], Any]]] = {
    "sqlite": (_sqlite_moment, _sqlite_day, _as_is),
    "postgresql": (_pg_moment, _pg_day, copy_field),
}


def _picker(indices: list[int]) -> Callable[[list[Any]], tuple[Any, ...]]:
    """The values at `indices` of a list, as a tuple (operator.itemgetter, in C)."""
    if not indices:
        return lambda _values: ()
    if len(indices) == 1:
        only = indices[0]
        return lambda values: (values[only],)
    return operator.itemgetter(*indices)


class Fields:
    """One table's record fields, declared once by the table (importer.py builds this from
    it): names in column order, defaults, which are required, which are timestamps and
    days. Plain data, so it crosses to the helper process."""

    def __init__(self, names: list[str], defaults: dict[str, Any], required: list[str],
                 datetimes: set[str], dates: set[str]):
        self.names, self.defaults, self.required = list(names), dict(defaults), list(required)
        self.datetimes, self.dates = set(datetimes), set(dates)
        self.filled = [(i, defaults[n]) for i, n in enumerate(self.names) if defaults.get(n) is not None]
        self.required_at = [self.names.index(n) for n in self.required]
        self.converted = [n for n in self.names if n in self.datetimes or n in self.dates]

    def __getstate__(self) -> dict[str, Any]:
        return {"names": self.names, "defaults": self.defaults, "required": self.required,
                "datetimes": self.datetimes, "dates": self.dates}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]

    def row(self, data: dict[str, Any], what: str, file: str) -> dict[str, Any]:
        """The record's fields by name, defaults filled, timestamps and days parsed."""
        for name in self.required:
            if data.get(name) is None:
                raise BatchRejected("altered", file=file, what=f"{what}: {name}")
        row = {name: data.get(name, self.defaults.get(name)) for name in self.names}
        name = ""
        try:
            for name in self.converted:
                value = row[name]
                if value is not None:
                    row[name] = parse_time(value) if name in self.datetimes else dt.date.fromisoformat(value)
        except (TypeError, ValueError) as error:
            raise BatchRejected("altered", file=file, what=f"{what}: {name}") from error
        return row

    def reader(self, what: str, file: str) -> Callable[[dict[str, Any]], list[Any]]:
        """A function from a record's dict to its values in column order, defaults filled,
        unparsed (what the content hash is made of); a required field missing refuses the
        batch. The few columns that may need a default or must be there are looked at in C
        first, so most records need no loop in Python."""
        names, filled, required_at = self.names, self.filled, self.required_at
        filled_of, required_of = _picker([i for i, _d in filled]), _picker(required_at)

        def values(data: dict[str, Any]) -> list[Any]:
            out = list(map(data.get, names))
            if None in required_of(out):
                missing = next(i for i in required_at if out[i] is None)
                raise BatchRejected("altered", file=file, what=f"{what}: {names[missing]}")
            if None in filled_of(out):
                for index, default in filled:
                    if out[index] is None:
                        out[index] = default
            return out

        return values

    def storer(self, dialect: str, what: str, file: str) -> Callable[[list[Any]], list[Any]]:
        """A function from values to what the driver stores: on SQLite the values, their
        timestamps and days changed (in place); on PostgreSQL a list of one item, the row's
        text in COPY's format (`copy_row`: one string crosses from the helper process far
        cheaper than a string per field). A timestamp or day that is not one refuses the
        batch, and on PostgreSQL a list or an object where a value belongs."""
        moment, day, _value = STORE[dialect]
        converts = [(self.names.index(n), (lambda text, _m=moment: _m(parse_time(text)))
                     if n in self.datetimes else day) for n in self.converted]
        names = self.names

        def store(values: list[Any]) -> list[Any]:
            index = 0
            try:
                for index, convert in converts:
                    value = values[index]
                    if value is not None:
                        values[index] = convert(value)
            except (TypeError, ValueError) as error:
                raise BatchRejected("altered", file=file, what=f"{what}: {names[index]}") from error
            return values

        if dialect != "postgresql":
            return store

        def store_copy(values: list[Any]) -> list[Any]:
            store(values)
            try:
                return [copy_row(values)]
            except TypeError as error:
                bad = next(i for i, v in enumerate(values) if v is not None and type(v) is not str
                           and type(v) not in _COPY_OTHER)
                raise BatchRejected("altered", file=file, what=f"{what}: {names[bad]}") from error

        return store_copy


def hashed_picker(passage: Fields) -> Callable[[list[Any]], tuple[Any, ...]]:
    """The passage's values the content hash covers: all but the void fields."""
    return _picker([i for i, n in enumerate(passage.names) if n not in VOID_FIELDS])


def values_hash(hashed: tuple[Any, ...], persons: list[list[Any]]) -> str:
    """SHA-256 of compact JSON in UTF-8 of a passage's hashed values and its persons'
    values, as read (orjson; byte for byte what `json.dumps(…, ensure_ascii=False,
    separators=(",", ":"))` writes for these strings, integers, booleans and nulls)."""
    try:
        return hashlib.sha256(orjson.dumps([*hashed, persons])).hexdigest()
    except (orjson.JSONEncodeError, TypeError) as error:  # e.g. a lone surrogate in a string
        raise ValueError("a value JSON cannot hold") from error


# JSON line, content hash, values, persons' values (as the driver stores them: Fields.storer)
Passage = tuple[bytes, str, list[Any], list[list[Any]]]


@dataclass
class Prepared:
    """One chunk of records made ready for `BatchWriter.apply`."""

    size: int
    counts: dict[str, int] = field(default_factory=dict)  # per kind.op (for passages) or kind
    unknown: int = 0  # records of an op or kind this office does not know (format §5.1)
    passages: dict[str, Passage] = field(default_factory=dict)  # by UUID, the first of the chunk
    repeats: list[tuple[str, str, str, bytes]] = field(default_factory=list)  # uuid, first hash, this hash, line
    voids: list[dict[str, Any]] = field(default_factory=list)
    audits: list[dict[str, Any]] = field(default_factory=list)
    checks: list[dict[str, Any]] = field(default_factory=list)
    in_order: list[dict[str, Any]] = field(default_factory=list)  # shifts and days, applied one by one


class Preparer:
    """Prepares chunks of one part's JSON lines (`what` names the part in refusals)."""

    def __init__(self, passage: Fields, person: Fields, dialect: str, file: str):
        self.file = file
        self._passage_values = passage.reader("passage", file)
        self._person_values = person.reader("person", file)
        self._store_passage = passage.storer(dialect, "passage", file)
        self._store_person = person.storer(dialect, "person", file)
        self._hashed = hashed_picker(passage)

    def prepare(self, lines: Iterable[bytes], what: str) -> Prepared:
        lines = list(lines)
        prepared = Prepared(len(lines))
        counts = prepared.counts
        try:
            for line in lines:
                record = orjson.loads(line)
                kind = record.get("kind") if isinstance(record, dict) else None
                if not isinstance(kind, str):
                    raise BatchRejected("altered", file=self.file, what=what)
                if kind == "passage":
                    key = f"passage.{record.get('op')}"
                    counts[key] = counts.get(key, 0) + 1
                    op = record.get("op")
                    if op in ("create", "correct"):
                        self._passage(record, line, prepared)
                    elif op == "void":
                        prepared.voids.append(record)
                    else:
                        prepared.unknown += 1
                    continue
                counts[kind] = counts.get(kind, 0) + 1
                if kind in ("shift", "day"):
                    prepared.in_order.append(record)
                elif kind == "seven_ones":
                    prepared.checks.append(record)
                elif kind == "audit":
                    prepared.audits.append(record)
                else:
                    prepared.unknown += 1
        except BatchRejected:
            raise
        except (ValueError, UnicodeDecodeError) as error:  # orjson's JSONDecodeError is a ValueError
            raise BatchRejected("altered", file=self.file, what=what) from error
        return prepared

    def _passage(self, record: dict[str, Any], line: bytes, prepared: Prepared) -> None:
        file = self.file
        passage, people = record.get("passage"), record.get("persons") or []
        if not isinstance(passage, dict) or not isinstance(passage.get("uuid"), str) \
                or not isinstance(people, list) or not all(isinstance(p, dict) for p in people):
            raise BatchRejected("altered", file=file, what="passage")
        values = self._passage_values(passage)
        person_values = [self._person_values(p) for p in people]
        try:
            uuid, digest = passage["uuid"], values_hash(self._hashed(values), person_values)
        except ValueError as error:
            raise BatchRejected("altered", file=file, what="passage") from error
        first = prepared.passages.get(uuid)
        if first is not None:  # twice in one chunk: the second is compared with the first
            if first[1] != digest:
                prepared.repeats.append((uuid, first[1], digest, line))
            return
        values = self._store_passage(values)
        person_values = [self._store_person(person) for person in person_values]
        prepared.passages[uuid] = (line, digest, values, person_values)
