"""The register is passages with their person checks (issue 7, the shape): a person on
foot is one passage with one person; a vehicle is one passage with a person per
occupant. The list shows both kinds in one table, with the same filters, search and
paging; today's counts count persons.

Vehicles have no form yet: the test stores one through the unit of work, as the
vehicle service will."""

from __future__ import annotations

import datetime as dt

import pytest
from actors import supervisor
from sqlmodel import select
from vehicles import vehicle

from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.listing import EntryFilter, SearchKind, VoidFilter, row_matches

from checkpoint_app.db.models import (
    PASSAGE_COLUMNS,
    PERSON_COLUMNS,
    ChangeRecord,
    Passage,
    PersonCheck,
    sensitive_fields,
)
from checkpoint_app.db.queries import count_matching, day_counts, fetch_page, fetch_saved

from checkpoint_app.services.records import PassageView

ID_X = "11010519491231002X"


def walker(ctx, name="李四", **changes):
    base = dict(category="visitor", name=name, id_number=ID_X, phone="13812345678", origin_province="50",
                purpose="探亲", temperature="36.5")
    return ctx.register.save(supervisor(ctx), EntryDraft(**{**base, **changes}))


def rows(ctx, f: EntryFilter | None = None, before=None):
    with ctx.connect() as conn:
        return fetch_page(conn, f or EntryFilter(), before, 100)


def test_a_person_on_foot_is_one_passage_with_one_person_and_its_flags(ctx):
    saved = walker(ctx, temperature="38.2", temperature2="38.1", decision="refer")
    assert isinstance(saved, PassageView) and saved.kind == "person" and len(saved.persons) == 1
    with ctx.session() as session:
        passage = session.get(Passage, saved.id)
        (person,) = session.exec(select(PersonCheck).where(PersonCheck.passage_id == saved.id)).all()
        change = session.exec(select(ChangeRecord)).one()
    assert (passage.kind, passage.plate, passage.any_fever, passage.decision) == ("person", None, True, "refer")
    assert (person.position, person.name, person.id_number, person.fever, person.temp2) == (0, "李四", ID_X, True, 381)
    assert (change.record_type, change.record_uuid) == ("passage", passage.uuid)


def test_the_list_shows_both_kinds_in_one_table_newest_first(ctx):
    first = walker(ctx).id
    car = vehicle(ctx, [{"name": "王五", "temp1": 366}, {"name": "赵六", "temp1": 371}])
    last = walker(ctx, name="钱七").id
    listed = rows(ctx)
    assert [r.id for r in listed] == [last, car, first]
    row = listed[1]
    assert (row.kind, row.plate, row.occupants, row.name) == ("vehicle", "鄂A12345", 2, "王五")
    assert (listed[0].kind, listed[0].occupants, listed[0].plate) == ("person", 1, None)


@pytest.mark.parametrize(("f", "finds_car"), [
    (EntryFilter(search_kind=SearchKind.NAME, search_text="赵六"), True),  # the second occupant's name
    (EntryFilter(search_kind=SearchKind.NAME, search_text="王"), True),
    (EntryFilter(search_kind=SearchKind.NAME, search_text="孙八"), False),
    (EntryFilter(search_text="5566"), True),  # an occupant's phone fragment
    (EntryFilter(category="delivery"), True),  # any occupant's category
    (EntryFilter(category="official"), False),
    (EntryFilter(fever=True), True),  # the passage's: some occupant had one
    (EntryFilter(fever=False), False),
    (EntryFilter(direction="in"), True),
    (EntryFilter(decision="refuse"), False),
    (EntryFilter(voided=VoidFilter.ONLY), False),
])
def test_every_filter_and_search_looks_at_every_person_of_a_vehicle(ctx, f, finds_car):
    walker(ctx, name="孙八", category="resident", id_number="", phone="")
    car = vehicle(ctx, [{"name": "王五"}, {"name": "赵六", "category": "delivery", "phone": "13955556666",
                                          "fever": True, "temp1": 385, "temp2": 384}])
    assert (car in [r.id for r in rows(ctx, f)]) is finds_car
    with ctx.connect() as conn:
        assert count_matching(conn, f, 100) == len(rows(ctx, f))


def test_a_vehicle_two_of_whose_occupants_match_is_listed_once(ctx):
    car = vehicle(ctx, [{"name": "王五"}, {"name": "王六"}, {"name": "王七"}])
    f = EntryFilter(search_kind=SearchKind.NAME, search_text="王")
    assert [r.id for r in rows(ctx, f)] == [car]
    with ctx.connect() as conn:
        assert count_matching(conn, f, 100) == 1


def test_paging_runs_through_persons_and_vehicles_alike(ctx):
    ids = []
    for n in range(7):
        ids.append(walker(ctx, name=f"王{n}号").id if n % 2 else vehicle(ctx, [{"name": f"王{n}号"}, {"name": "路人"}]))
    for f in (EntryFilter(), EntryFilter(search_kind=SearchKind.NAME, search_text="王")):
        seen, before = [], None
        while True:
            with ctx.connect() as conn:
                page = fetch_page(conn, f, before, 2)
            if not page:
                break
            seen += [r.id for r in page]
            before = page[-1].id
        assert seen == list(reversed(ids)), f


def test_today_s_counts_count_every_person_of_a_vehicle(ctx):
    walker(ctx, category="resident", id_number="", phone="")
    vehicle(ctx, [{"name": "王五"}, {"name": "赵六", "fever": True, "temp1": 385, "temp2": 384}, {"name": "钱七"}])
    with ctx.connect() as conn:
        counts = day_counts(conn, ctx.clock().date())
    assert (counts.entered, counts.visitors, counts.fevers) == (4, 3, 1)


def test_the_saved_row_of_a_vehicle_matches_the_filters_like_the_sql(ctx):
    car = vehicle(ctx, [{"name": "王五", "fever": True, "temp1": 385, "temp2": 384}, {"name": "赵六"}])
    with ctx.connect() as conn:
        saved = fetch_saved(conn, car)
    assert saved is not None
    row, corrected = saved
    assert not corrected and row.occupants == 2 and row.fever
    for f in (EntryFilter(), EntryFilter(fever=True), EntryFilter(direction="out"), EntryFilter(day_from=dt.date(2000, 1, 1))):
        assert row_matches(f, row) is (car in [r.id for r in rows(ctx, f)])


def test_the_person_fields_are_declared_once():
    """The bulk loader, the views and the export take the columns from the models."""
    assert set(sensitive_fields()) == {"name", "id_number", "phone"}
    assert {"name", "id_number", "phone", "temp1", "category", "passage_id", "position"} <= set(PERSON_COLUMNS)
    assert not {"decision", "direction", "seq", "plate"} & set(PERSON_COLUMNS)
    assert {"decision", "direction", "seq", "plate", "kind", "any_fever"} <= set(PASSAGE_COLUMNS)
    assert not {"name", "id_number", "phone", "temp1"} & set(PASSAGE_COLUMNS)


@pytest.mark.parametrize("f", [EntryFilter(search_kind=SearchKind.NAME, search_text="王"),
                               EntryFilter(search_text="5566")])
def test_a_page_is_full_even_when_a_vehicle_matches_through_several_persons(ctx, f):
    """A vehicle whose three occupants all match comes once, and the page is filled from
    the rows after it (a short page would read as the end of the list)."""
    older = walker(ctx, name="王一", phone="13955556666").id
    car = vehicle(ctx, [{"name": f"王{n}", "phone": "13955556666"} for n in range(3)])
    newer = walker(ctx, name="王二", phone="13955556666").id
    with ctx.connect() as conn:
        first = fetch_page(conn, f, None, 2)
        rest = fetch_page(conn, f, first[-1].id, 2)
        assert count_matching(conn, f, 100) == 3
    assert [r.id for r in first] == [newer, car]
    assert [r.id for r in rest] == [older]


def test_a_vehicle_is_never_corrected_through_the_person_form(ctx):
    """The person form holds one person: a correction would drop the plate and every
    other occupant. The service refuses, and nothing changes."""
    from checkpoint_app.core.problems import InvalidInput

    car = vehicle(ctx, [{"name": "王五"}, {"name": "赵六"}])
    for attempt in (lambda: ctx.register.for_correction(supervisor(ctx), car),
                    lambda: ctx.register.correct(supervisor(ctx), car, EntryDraft(
                        category="resident", name="王五", temperature="36.5"), "改一下")):
        with pytest.raises(InvalidInput) as caught:
            attempt()
        assert "vehicle" in caught.value.problems[0].english()
    assert [r.id for r in rows(ctx)] == [car] and not rows(ctx)[0].voided


@pytest.mark.parametrize(("f", "listed"), [
    (EntryFilter(search_kind=SearchKind.NAME, search_text="赵六"), True),  # the second occupant
    (EntryFilter(category="delivery"), True),
    (EntryFilter(search_kind=SearchKind.NAME, search_text="孙八"), False),
    (EntryFilter(direction="out"), False),
])
def test_a_just_saved_vehicle_is_judged_against_the_filter_on_all_its_persons(ctx, f, listed):
    from checkpoint_app.services.reader import RegisterReader

    car = vehicle(ctx, [{"name": "王五"}, {"name": "赵六", "category": "delivery"}])
    saved = RegisterReader(ctx).saved(supervisor(ctx), car, f)
    assert saved.matches is listed is (car in [r.id for r in rows(ctx, f)])


def test_every_identifying_field_has_its_mask():
    from checkpoint_app.services import records

    assert set(records._MASKS) == set(sensitive_fields())  # noqa: SLF001 - a new sensitive field needs a mask


def test_the_register_stores_every_declared_field(ctx):
    """The service's mapping from a validated passage to the tables names every field
    the models declare (a field added to PersonFields or PassageFields and not mapped
    would silently be stored at its default)."""
    from checkpoint_app.core.entry import Policy, validate_entry

    from checkpoint_app.db.models import PassageFields, PersonFields

    from checkpoint_app.services import register

    passage = validate_entry(EntryDraft(category="resident", name="李四", temperature="36.5"), Policy(),
                             dt.date(2026, 11, 29))
    assert set(register._person_fields(passage.person)) == set(PersonFields.model_fields)  # noqa: SLF001
    stored_by_insert = {"plate", "plate_kind", "vehicle_category"}  # vehicles: with the vehicle service
    assert set(register._passage_fields(passage)) | stored_by_insert == set(PassageFields.model_fields)  # noqa: SLF001
