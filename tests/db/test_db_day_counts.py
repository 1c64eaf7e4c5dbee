"""Today's counts with vehicles (issue 7, Build 4): the persons aboard count as persons,
the vehicles and the leaflets beside them. The definition (core.listing.counts_of_passage,
one passage at a time) and the SQL (queries.day_counts) are twins: checked on a road day
of persons on foot and vehicles of every direction and decision, one void."""

from __future__ import annotations

import pytest
from actors import supervisor
from sqlmodel import select
from vehicles import vehicle

from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.listing import (
    DayCounts,
    EntryFilter,
    PersonCounted,
    VoidFilter,
    counts_of,
    counts_of_passage,
)

from checkpoint_app.db.models import Passage, PersonCheck
from checkpoint_app.db.queries import day_counts, fetch_page


def walker(ctx, name, **changes):
    return ctx.register.save(supervisor(ctx), EntryDraft(**{"category": "resident", "name": name, "temperature": "36.5",
                                                            **changes})).id


def road_day(ctx) -> None:
    """Two persons on foot (one with a leaflet) and six vehicles, one of them void."""
    walker(ctx, "住一", leaflet=True)
    walker(ctx, "住二", direction="out")
    vehicle(ctx, [{"name": "王五"}, {"name": "赵六", "category": "resident"}, {"name": "钱七"}], leaflet=True)
    vehicle(ctx, [{"name": "孙八", "fever": True, "temp1": 385, "temp2": 384}, {"name": "周九"}],
            plate="鄂A11111", decision="refer", vehicle_category="taxi", leaflet=True)
    vehicle(ctx, [{"name": f"乘客{n}"} for n in range(40)], plate="渝B22222", vehicle_category="bus")
    vehicle(ctx, [{"name": "吴十"}], plate="渝C33333", direction="out", vehicle_category="goods", leaflet=True)
    vehicle(ctx, [{"name": "郑一", "key_area": True}], plate="鄂A44444", decision="refuse")
    void = vehicle(ctx, [{"name": "作废"}, {"name": "作废二"}], plate="渝D55555", leaflet=True)
    ctx.register.void(supervisor(ctx), void, "重复登记")


def by_definition(ctx) -> DayCounts:
    """The day counted one passage at a time, from the stored passages and persons."""
    with ctx.session() as session:
        passages = session.exec(select(Passage)).all()
        persons = session.exec(select(PersonCheck).order_by(PersonCheck.position)).all()
        total = DayCounts()
        for p in passages:
            aboard = [PersonCounted(c.category, c.fever, c.key_area) for c in persons if c.passage_id == p.id]
            total = total + counts_of_passage(p.kind, p.direction, p.decision, p.voided, p.leaflet, aboard)
    return total


def test_the_definition_and_the_sql_count_a_road_day_alike(ctx):
    road_day(ctx)
    with ctx.connect() as conn:
        sql = day_counts(conn, ctx.clock().date())
    assert sql == by_definition(ctx)
    # persons: 1 + 3 + 40 let in, 1 + 1 let out; 2 referred from the taxi; 1 refused
    assert sql == DayCounts(entered=44, left=2, visitors=42, fevers=1, refused=1, referred=2, key_area=1,
                            vehicles=5, vehicles_in=2, vehicles_out=1, occupants=47, leaflets=4)


def test_a_one_person_row_counts_as_its_passage(ctx):
    """The strip moves on by counts_of(row) after a save: the same as counting the
    passage, for a person on foot and a vehicle with its driver alone."""
    road_day(ctx)
    with ctx.connect() as conn:
        rows = [r for r in fetch_page(conn, EntryFilter(voided=VoidFilter.INCLUDE), None, 100) if r.occupants == 1]
    assert {r.kind for r in rows} == {"person", "vehicle"} and any(r.leaflet for r in rows)
    for row in rows:
        counted = counts_of_passage(row.kind, row.direction, row.decision, row.voided, row.leaflet,
                                    [PersonCounted(row.category, row.fever, row.key_area)])
        assert counts_of(row) == counted


def test_a_row_with_several_occupants_is_counted_afresh(ctx):
    vehicle(ctx, [{"name": "王五"}, {"name": "赵六"}])
    with ctx.connect() as conn:
        [row] = fetch_page(conn, EntryFilter(), None, 10)
    with pytest.raises(ValueError):
        counts_of(row)


P = PersonCounted("visitor")
R = PersonCounted("resident")


# (what, passage (kind, direction, decision, voided, leaflet, persons), the counts expected)
CASES = [
    ("a person on foot with a leaflet", ("person", "in", "admit", False, True, [P]),
     DayCounts(entered=1, visitors=1, leaflets=1)),
    ("a car of three let in", ("vehicle", "in", "admit", False, False, [P, R, P]),
     DayCounts(entered=3, visitors=2, vehicles=1, vehicles_in=1, occupants=3)),
    ("a car going out with a leaflet", ("vehicle", "out", "admit", False, True, [R, R]),
     DayCounts(left=2, vehicles=1, vehicles_out=1, occupants=2, leaflets=1)),
    ("a car turned back: checked, not let through", ("vehicle", "in", "refuse", False, True, [P, P]),
     DayCounts(refused=2, vehicles=1, occupants=2, leaflets=1)),
    ("a fever aboard: the car referred", ("vehicle", "in", "refer", False, False,
                                         [P, PersonCounted("visitor", fever=True)]),
     DayCounts(referred=2, fevers=1, vehicles=1, occupants=2)),
    ("a void vehicle counts nowhere", ("vehicle", "in", "admit", True, True, [P]), DayCounts()),
]


@pytest.mark.parametrize("what, passage, expected", CASES, ids=[c[0] for c in CASES])
def test_counts_of_passage(what, passage, expected):
    assert counts_of_passage(*passage) == expected
