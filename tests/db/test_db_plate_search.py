"""Plate search in the register list, against a brute-force scan: a register of many
persons on foot and vehicles (the demo generator's plates: many provinces, new-energy
plates, cars that come back, a few "other" free-text plates, documents whose numbers
hold a plate's characters). For many fragments typed as a guard types them, the ids the
SQL lists, page after page, are the ids a Python scan of every passage and every person
finds; combined with the filters and the void choices; counted and judged one by one
alike; and core.listing.row_matches (the twin for a passage of one person) agrees."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
import unicodedata
from dataclasses import dataclass

import pytest
from actors import CHEAP_HASHER, supervisor
from stations import STATION

from checkpoint_app.core.entry import Policy
from checkpoint_app.core.listing import EntryFilter, SearchKind, VoidFilter, row_matches
from checkpoint_app.core.name_search import name_grams

from checkpoint_app.db import bulk
from checkpoint_app.db.queries import count_matching, fetch_page, passage_matches

from checkpoint_app.services import demo
from checkpoint_app.services.context import open_context

CST = dt.timezone(dt.timedelta(hours=8))
END = dt.datetime(2026, 11, 29, 18, 0, tzinfo=CST)
START = END - dt.timedelta(days=20)
COUNT = 3000
OTHER_PLATES = ("临 鄂A1234", "无牌", "渝A·9D8F7临")  # free text, as core.plates keeps it (upper-cased)


@dataclass
class Stored:
    id: int
    plate: str | None
    direction: str
    decision: str
    voided: bool
    local_date: dt.date
    fever: bool
    persons: list[tuple[str | None, str | None, str]]  # (id_number, phone, category)


@pytest.fixture(scope="module")
def register(tmp_path_factory, template_db):
    """A station's register of COUNT passages, about half of them vehicles; every 40th
    passage void; some documents whose numbers hold a plate's characters."""
    folder = tmp_path_factory.mktemp("plates")
    shutil.copy(template_db, folder / template_db.name)
    ctx = open_context(folder, clock=lambda: END, pin_hasher=CHEAP_HASHER)
    station = ctx.station.save(supervisor(ctx), STATION)
    rng = random.Random(77)
    people = demo._people(rng, 300, START.date(), END.date())
    made = list(demo.generate_passages(Policy(), station.id, people, COUNT, START, END, station.next_seq, rng,
                                       vehicle_share=0.5, plate_province="渝"))
    plates = sorted({p["plate"] for p in made if p["plate"]})
    for n, p in enumerate(made):
        if p["kind"] == "person" and n % 23 == 0:  # a passport number that holds a plate's characters
            p["persons"][0].update(id_type="passport", id_number="E" + rng.choice(plates[:3])[2:] + "9")
        if p["kind"] == "vehicle" and len(p["persons"]) > 2 and n % 7 == 0:  # a family's documents alike
            tail = rng.choice(plates[:3])[2:]
            for person in p["persons"]:
                person.update(id_type="passport", id_number="E" + tail + "9")
        if p["kind"] == "vehicle" and n % 97 == 0:
            p.update(plate=OTHER_PLATES[n % len(OTHER_PLATES)], plate_kind="other")
        if n % 40 == 0:
            p.update(voided=1, void_reason="登记错误")
    bulk.insert_passages(ctx.paths.database, station.id, made, name_grams)
    yield ctx, _scan(ctx)
    ctx.close()


def _scan(ctx) -> list[Stored]:
    """Every passage with all its persons, newest first, read straight from the tables."""
    conn = sqlite3.connect(ctx.paths.database)
    try:
        persons: dict[int, list] = {}
        for passage_id, id_number, phone, category in conn.execute(
                "SELECT passage_id, id_number, phone, category FROM person_check ORDER BY passage_id, position"):
            persons.setdefault(passage_id, []).append((id_number, phone, category))
        return [Stored(i, plate, direction, decision, bool(voided), dt.date.fromisoformat(day), bool(fever), persons[i])
                for i, plate, direction, decision, voided, day, fever in conn.execute(
                    "SELECT id, plate, direction, decision, voided, local_date, any_fever FROM passage ORDER BY id DESC")]
    finally:
        conn.close()


def brute_force(stored: list[Stored], f: EntryFilter) -> list[int]:
    """The ids the list should hold for `f`, by looking at every passage and person."""
    query = f.search()
    found = []
    for s in stored:
        if f.voided == VoidFilter.HIDE and s.voided or f.voided == VoidFilter.ONLY and not s.voided:
            continue
        if f.direction is not None and s.direction != f.direction or f.fever is not None and s.fever != f.fever:
            continue
        if f.day_from is not None and s.local_date < f.day_from or f.day_to is not None and s.local_date > f.day_to:
            continue
        if f.category is not None and all(category != f.category for _, _, category in s.persons):
            continue
        if query is not None:
            if not query.usable:
                continue
            hits = []
            if "plate" in query.fields and s.plate is not None:
                hits.append(s.plate == query.fragment if query.whole_plate else query.fragment in s.plate)
            if "id_number" in query.fields:
                hits.append(any(query.fragment in (id_number or "").upper() for id_number, _, _ in s.persons))
            if "phone" in query.fields:
                hits.append(any(query.fragment in (phone or "") for _, phone, _ in s.persons))
            if not any(hits):
                continue
        found.append(s.id)
    return found


def listed(ctx, f: EntryFilter, page: int = 100) -> list[int]:
    """Every row of the list for `f`, page by page (keyset)."""
    ids, before = [], None
    with ctx.connect() as conn:
        while True:
            rows = fetch_page(conn, f, before, page)
            ids += [r.id for r in rows]
            if len(rows) < page:
                return ids
            before = rows[-1].id


def fragments(stored: list[Stored]) -> list[str]:
    """What guards type: whole plates in every spelling, a plate's start, its middle,
    its digits with their letter; document numbers; and things that match nothing."""
    rng = random.Random(5)
    plates = sorted({s.plate for s in stored if s.plate and s.plate not in OTHER_PLATES})
    typed = []
    for plate in rng.sample(plates, 12):
        full_width = "".join(chr(ord(c) + 0xFEE0) if c.isascii() else c for c in plate)
        assert unicodedata.normalize("NFKC", full_width) == plate
        typed += [plate, plate.lower(), plate[:2] + "·" + plate[2:], full_width,
                  plate[:2], plate[:3], plate[:5], plate[1:5], plate[2:], plate[3:6], plate[-4:]]
    typed += ["鄂A", "渝A1", "鄂A1234", "A1234", "临", "9D8F7", "鄂A12345", "鄂Z99999", "QQ999", "E12"]
    typed += [p[0] for s in stored for p in s.persons if p[0] and p[0].startswith("E")][:5]  # passport numbers
    return typed


def test_plates_found_are_the_plates_a_scan_finds(register):
    ctx, stored = register
    kinds = set()
    for text in fragments(stored):
        f = EntryFilter(search_text=text)
        kinds.add((f.search().kind, f.search().whole_plate))
        expected = brute_force(stored, f)
        assert listed(ctx, f) == expected, text
        with ctx.connect() as conn:
            assert count_matching(conn, f, 10**6) == len(expected), text
    # every kind of plate search was exercised: whole plates, fragments, documents-or-plates
    assert {(SearchKind.PLATE, True), (SearchKind.PLATE, False), (SearchKind.ID_OR_PLATE, False)} <= kinds


@pytest.mark.parametrize("page", [1, 3, 7])
def test_pages_of_a_plate_search_cover_every_match_once_newest_first(register, page):
    ctx, stored = register
    busiest = max({s.plate for s in stored if s.plate}, key=lambda p: sum(s.plate == p for s in stored))
    for text in (busiest, busiest[:2], busiest[2:5]):
        f = EntryFilter(search_text=text)
        expected = brute_force(stored, f)
        assert len(expected) > 2 * page
        assert listed(ctx, f, page) == expected, text


def test_a_document_or_plate_search_merges_both_newest_first(register):
    """Letters and digits find the plate and the document that holds them, in one list:
    pages walk both, newest first, each passage once."""
    ctx, stored = register
    passport = next(p[0] for s in stored for p in s.persons if p[0] and p[0].startswith("E"))
    fragment = passport[1:-1]  # a plate's characters after its province and letter
    f = EntryFilter(search_text=fragment)
    assert f.search().kind == SearchKind.ID_OR_PLATE
    expected = brute_force(stored, f)
    by_plate = [s.id for s in stored if s.plate and fragment in s.plate and not s.voided]
    by_document = set(expected) - set(by_plate)
    assert len(by_plate) > 5 and len(by_document) > 5  # both sides fill pages, interleaved
    for page in (1, 2, 5, 100):
        assert listed(ctx, f, page) == expected


FILTERS = [
    dict(voided=VoidFilter.INCLUDE), dict(voided=VoidFilter.ONLY), dict(direction="in"), dict(direction="out"),
    dict(category="visitor"), dict(fever=False), dict(day_from=END.date() - dt.timedelta(days=5)),
    dict(day_from=START.date(), day_to=END.date() - dt.timedelta(days=10), direction="in"),
]


@pytest.mark.parametrize("changes", FILTERS)
def test_filters_combine_with_a_plate_search(register, changes):
    ctx, stored = register
    plates = sorted({s.plate for s in stored if s.plate})
    for text in (*random.Random(3).sample(plates, 4), "渝A", "A12", "鄂A1", "临"):
        f = EntryFilter(search_text=text, **changes)
        expected = brute_force(stored, f)
        assert listed(ctx, f, 9) == expected, (text, changes)
        with ctx.connect() as conn:
            assert count_matching(conn, f, 10**6) == len(expected)


def test_a_void_vehicle_is_found_by_its_plate_only_when_voids_are_shown(register):
    ctx, stored = register
    void = next(s for s in stored if s.voided and s.plate and s.plate not in OTHER_PLATES)
    for voided, shown in ((VoidFilter.HIDE, False), (VoidFilter.INCLUDE, True), (VoidFilter.ONLY, True)):
        f = EntryFilter(search_text=void.plate, voided=voided)
        assert (void.id in listed(ctx, f)) is shown
        with ctx.connect() as conn:
            assert passage_matches(conn, f, void.id) is shown


def test_the_count_of_a_plate_search_stops_at_its_cap(register):
    ctx, stored = register
    assert len(brute_force(stored, EntryFilter(search_text="渝A"))) > 20
    for text in ("渝A", "A12", "渝A1", stored[5].plate or "渝A12"):  # "A12": documents or plates, one count
        f = EntryFilter(search_text=text)
        found = len(brute_force(stored, f))
        with ctx.connect() as conn:
            for cap in (1, 5, 20):
                assert count_matching(conn, f, cap) == min(found, cap + 1), (text, cap)


def test_each_passage_is_judged_like_the_list(register):
    """passage_matches (a just-saved vehicle) answers as the list does, for every passage."""
    ctx, stored = register
    sample = random.Random(9).sample(stored, 150)
    for text in ("渝A", stored[3].plate or "渝A1", "A12", "临"):
        f = EntryFilter(search_text=text, voided=VoidFilter.INCLUDE)
        expected = set(brute_force(stored, f))
        with ctx.connect() as conn:
            assert [passage_matches(conn, f, s.id) for s in sample] == [s.id in expected for s in sample], text


def test_row_matches_is_the_twin_of_the_plate_search(register):
    """For a passage of one person (on foot, or a vehicle with its driver alone) the
    row says everything: row_matches decides as the SQL does."""
    ctx, stored = register
    with ctx.connect() as conn:
        every = fetch_page(conn, EntryFilter(voided=VoidFilter.INCLUDE), None, COUNT)
    single = [r for r in every if r.occupants == 1]
    assert any(r.kind == "vehicle" for r in single) and any(r.kind == "person" for r in single)
    for text in (*fragments(stored)[:40], "临", "9D8F7"):
        for f in (EntryFilter(search_text=text), EntryFilter(search_text=text, direction="in"),
                  EntryFilter(search_kind=SearchKind.PLATE, search_text=text)):
            ids = set(listed(ctx, f))
            assert [r.id for r in single if row_matches(f, r)] == [r.id for r in single if r.id in ids], text


def test_a_search_too_short_or_not_a_plate_finds_nothing(register):
    ctx, _ = register
    for f in (EntryFilter(search_kind=SearchKind.PLATE, search_text="鄂"), EntryFilter(search_text="A1"),
              EntryFilter(search_text="鄂Z99999"), EntryFilter(search_kind=SearchKind.PLATE, search_text=" · ")):
        assert listed(ctx, f) == []
        with ctx.connect() as conn:
            assert count_matching(conn, f, 100) == 0
