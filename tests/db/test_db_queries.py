"""Register queries: search kinds (two-character Chinese names included), filters,
keyset paging, capped result counts, today's counts, and the Python twins of the count
and filter rules (core.listing) checked against the SQL."""

from __future__ import annotations

import datetime as dt

import pytest
from actors import supervisor

from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.idcard import check_character
from checkpoint_app.core.listing import DayCounts, EntryFilter, SearchKind, VoidFilter, counts_of, row_matches

from checkpoint_app.db.queries import corrections, count_matching, day_counts, fetch_page, fetch_saved


def rid(region: str, birth: str, serial: str) -> str:
    first17 = f"{region}{birth}{serial}"
    return first17 + check_character(first17)


PEOPLE = [
    # name, category, id, phone
    ("李四", "visitor", rid("500105", "19900101", "123"), "13812345678"),
    ("李四光", "visitor", rid("420102", "19850505", "321"), "13955556666"),
    ("王李", "resident", None, "13700001111"),
    ("欧阳娜娜", "visitor", rid("110105", "20000229", "555"), "13611112222"),
    ("阿依古丽·买买提", "staff", rid("650102", "19920303", "246"), "13522223333"),
    ("𠮷野", "delivery", rid("440305", "19880808", "888"), "13433334444"),
    ("John Smith", "official", None, "13344445555"),
    ("ÖZIL Mesut", "visitor", "passport:EA1234567", "13255556666"),
    ("J.Smith", "official", None, "13166667777"),
]


@pytest.fixture
def filled(ctx):
    ids = {}
    for name, category, id_number, phone in PEOPLE:
        id_type = "resident_id"
        if id_number and ":" in id_number:
            id_type, id_number = id_number.split(":")
        draft = EntryDraft(category=category, name=name, id_type=id_type, id_number=id_number or "", phone=phone,
                           origin_province="50", purpose="访友", temperature="36.6", arrival_date="2026-10-01")
        ids[name] = ctx.register.save(supervisor(ctx), draft).id
    return ctx, ids


def names(ctx, f: EntryFilter, before=None, limit=100) -> list[str]:
    with ctx.connect() as conn:
        return [row.name for row in fetch_page(conn, f, before, limit)]


@pytest.mark.parametrize("query, expected", [
    ("李四", ["李四光", "李四"]),           # two characters, newest first
    ("四光", ["李四光"]),
    ("李", ["王李", "李四光", "李四"]),      # one character
    ("欧阳娜娜", ["欧阳娜娜"]),               # four characters: bigrams + order check
    ("阳娜娜", ["欧阳娜娜"]),
    ("娜欧", []),                             # characters present but not in that order
    ("古丽", ["阿依古丽·买买提"]),
    ("古丽买买", ["阿依古丽·买买提"]),       # across the middle dot
    ("𠮷野", ["𠮷野"]),                       # outside the BMP
    ("smith", ["J.Smith", "John Smith"]),     # case-insensitive
    ("özil", ["ÖZIL Mesut"]),                 # case folding beyond ASCII
    ("ÖZIL", ["ÖZIL Mesut"]),
    ("jsmith", ["J.Smith"]),                  # the dot in a name is ignored, as when indexing
    ("J.Sm", ["J.Smith"]),
    ("张三", []),
])
def test_name_search(filled, query, expected):
    ctx, _ = filled
    assert names(ctx, EntryFilter(search_kind=SearchKind.NAME, search_text=query)) == expected


@pytest.mark.parametrize("kind, query, expected", [
    (SearchKind.ID_NUMBER, "500105", ["李四"]),
    (SearchKind.ID_NUMBER, "20000229", ["欧阳娜娜"]),
    (SearchKind.ID_NUMBER, "12", []),  # too short to search: nothing, not everything
    (SearchKind.ID_NUMBER, "ea123", ["ÖZIL Mesut"]),  # letters of a passport number count
    (SearchKind.PHONE, "5678", ["李四"]),
    (SearchKind.PHONE, "138-1234", ["李四"]),
    (SearchKind.PHONE, "1111", ["欧阳娜娜", "王李"]),
])
def test_fragment_search(filled, kind, query, expected):
    ctx, _ = filled
    assert names(ctx, EntryFilter(search_kind=kind, search_text=query)) == expected


@pytest.mark.parametrize("typed, expected", [
    ("500105", ["李四"]),                      # digits: ID numbers ...
    ("5678", ["李四"]),                        # ... and phones
    ("1111", ["欧阳娜娜", "王李"]),             # a phone fragment and an ID fragment at once
    ("138-1234", ["李四"]),
    ("20000229", ["欧阳娜娜"]),
    ("ea123", ["ÖZIL Mesut"]),                 # letters and digits: document numbers
    ("李四", ["李四光", "李四"]),               # Chinese: names
    ("smith", ["J.Smith", "John Smith"]),
    ("12", []),                                # too short: nothing, not everything
    ("鄂A12345", []),                          # a plate: not in the register
])
def test_recognised_search(filled, typed, expected):
    ctx, _ = filled
    assert names(ctx, EntryFilter(search_text=typed)) == expected


def test_filters_and_void(filled):
    ctx, ids = filled
    assert names(ctx, EntryFilter(category="resident")) == ["王李"]
    assert names(ctx, EntryFilter(direction="out")) == []
    ctx.register.void(supervisor(ctx), ids["李四"], "重复登记")
    assert "李四" not in names(ctx, EntryFilter())
    assert names(ctx, EntryFilter(voided=VoidFilter.ONLY)) == ["李四"]
    assert len(names(ctx, EntryFilter(voided=VoidFilter.INCLUDE))) == len(PEOPLE)
    today = ctx.clock().date()
    assert len(names(ctx, EntryFilter(day_from=today, day_to=today))) == len(PEOPLE) - 1
    assert names(ctx, EntryFilter(day_from=today + dt.timedelta(days=1))) == []


def test_keyset_pages_cover_everything_once(filled):
    ctx, _ = filled
    seen, before = [], None
    with ctx.connect() as conn:
        while True:
            page = fetch_page(conn, EntryFilter(), before, 3)
            seen += [row.id for row in page]
            if len(page) < 3:
                break
            before = page[-1].id
    assert seen == sorted(seen, reverse=True) and len(seen) == len(set(seen)) == len(PEOPLE)


def test_fever_refusal_and_counts(ctx):
    ctx.register.save(supervisor(ctx), EntryDraft(category="resident", name="甲乙", temperature="37.8", temperature2="37.9"))
    ctx.register.save(supervisor(ctx), EntryDraft(category="resident", name="丙丁", direction="out"))
    ctx.register.save(supervisor(ctx), EntryDraft(category="visitor", name="戊己", id_number=PEOPLE[0][2], phone="13812345678",
                                 origin_province="50", purpose="送货", temperature="36.5", decision="refuse",
                                 override_reason="无预约"))
    with ctx.connect() as conn:
        c = day_counts(conn, ctx.clock().date())
    # the referred resident and the refused visitor did not pass: neither entered nor a visitor
    assert (c.entered, c.left, c.visitors, c.fevers, c.refused, c.referred, c.key_area) == (0, 1, 0, 1, 1, 1, 0)
    assert names(ctx, EntryFilter(fever=True)) == ["甲乙"]
    assert names(ctx, EntryFilter(decision="refuse")) == ["戊己"]


def test_day_range_pages_walk_days_newest_first_without_repeats(ctx, clock):
    saved = []
    for day in range(5):
        for n in range(3):
            saved.append(ctx.register.save(supervisor(ctx), EntryDraft(category="resident", name=f"住户{day}{n}", temperature="36.5")))
        clock.now += dt.timedelta(days=1)
    first, last = saved[0].local_date, saved[-1].local_date
    seen, before = [], None
    with ctx.connect() as conn:
        while True:
            page = fetch_page(conn, EntryFilter(day_from=first + dt.timedelta(days=1), day_to=last), before, 4)
            seen += page
            if len(page) < 4:
                break
            before = page[-1].id
    assert len(seen) == 12 and len({r.id for r in seen}) == 12
    assert [r.id for r in seen] == sorted((r.id for r in seen), reverse=True)


def test_fragment_search_follows_new_and_voided_entries(filled):
    ctx, ids = filled
    ctx.register.void(supervisor(ctx), ids["李四"], "重复")
    assert names(ctx, EntryFilter(search_kind=SearchKind.PHONE, search_text="5678")) == []
    assert names(ctx, EntryFilter(search_kind=SearchKind.PHONE, search_text="5678", voided=VoidFilter.INCLUDE)) == ["李四"]


def mixed_day(ctx):
    """Every direction, category and decision, fevers, key areas, a void and another day."""
    key_id = rid("420102", "19850505", "321")
    drafts = [
        dict(category="resident", name="住一", temperature="36.5", leaflet=True),
        dict(category="resident", name="住二", direction="out"),
        dict(category="resident", name="住三", temperature="37.8", temperature2="37.9"),            # referred
        dict(category="visitor", name="访一", temperature="36.6", leaflet=True),                 # void
        dict(category="visitor", name="访二", temperature="36.6", decision="refuse", override_reason="无预约"),
        dict(category="visitor", name="访三", id_number=key_id, origin_province="42",
             arrival_date="11-25", temperature="36.6"),                                            # key area: refused
        dict(category="visitor", name="访四", id_number=key_id, origin_province="42", arrival_date="11-25",
             temperature="36.6", decision="admit", override_reason="返岗证明"),                   # key area, let in
        dict(category="delivery", name="送一", direction="out", decision="refuse", override_reason="隔离中"),
        dict(category="staff", name="工一", temperature="38.5", temperature2="38.6"),               # referred
        dict(category="official", name="公一", direction="out"),
        dict(category="other", name="其一", temperature="36.4"),
    ]
    saved = []
    for d in drafts:
        base = dict(id_number=PEOPLE[0][2], phone="13812345678", origin_province="50", purpose="送货")
        if d["category"] == "resident":
            base = {}
        saved.append(ctx.register.save(supervisor(ctx), EntryDraft(**{**base, **d})))
    ctx.register.void(supervisor(ctx), saved[3].id, "重复登记")
    return saved


def test_counts_of_is_the_twin_of_the_sql_counts(ctx, clock):
    mixed_day(ctx)
    today = ctx.clock().date()
    with ctx.connect() as conn:
        rows = fetch_page(conn, EntryFilter(voided=VoidFilter.INCLUDE), None, 100)
        total = DayCounts()
        for row in rows:
            total = total + counts_of(row)
        assert day_counts(conn, today) == total
    assert {r.decision for r in rows} == {"admit", "refuse", "refer"} and any(r.voided for r in rows)
    assert total == DayCounts(entered=3, left=2, visitors=2, fevers=2, refused=3, referred=2, key_area=2, leaflets=1)


FILTERS = [
    EntryFilter(), EntryFilter(voided=VoidFilter.INCLUDE), EntryFilter(voided=VoidFilter.ONLY),
    EntryFilter(direction="out"), EntryFilter(category="visitor"), EntryFilter(decision="refuse"),
    EntryFilter(fever=True), EntryFilter(fever=False), EntryFilter(key_area=True), EntryFilter(key_area=False),
    EntryFilter(search_text="访"), EntryFilter(search_text="访三"), EntryFilter(search_text="5678"),
    EntryFilter(search_text="420102"), EntryFilter(search_text="321"), EntryFilter(search_text="12"),
    EntryFilter(search_kind=SearchKind.PHONE, search_text="1234"), EntryFilter(search_text="EA1"),
    EntryFilter(category="visitor", decision="admit", search_text="访"),
]


@pytest.mark.parametrize("f", FILTERS + ["day"])
def test_row_matches_is_the_twin_of_the_sql_filter(ctx, clock, f):
    mixed_day(ctx)
    if f == "day":
        today = ctx.clock().date()
        f = EntryFilter(day_from=today, day_to=today)
    with ctx.connect() as conn:
        every = fetch_page(conn, EntryFilter(voided=VoidFilter.INCLUDE), None, 100)
        listed = [r.id for r in fetch_page(conn, f, None, 100)]
    assert listed == [r.id for r in every if row_matches(f, r)]


def test_count_matching_stops_at_the_cap(filled):
    ctx, _ = filled
    with ctx.connect() as conn:
        assert count_matching(conn, EntryFilter(), 100) == len(PEOPLE)
        assert count_matching(conn, EntryFilter(), 3) == 4  # "more than 3"
        assert count_matching(conn, EntryFilter(search_text="李"), 100) == 3
        assert count_matching(conn, EntryFilter(search_text="1111"), 1) == 2
        assert count_matching(conn, EntryFilter(search_text="12"), 100) == 0


def test_corrections_link_both_ways(filled):
    ctx, ids = filled
    draft = EntryDraft(category="visitor", name="李四", id_number=PEOPLE[0][2], phone="13812345678",
                       origin_province="50", purpose="访友", temperature="36.6", arrival_date="2026-10-01")
    new = ctx.register.correct(supervisor(ctx), ids["李四"], draft, "写错")
    with ctx.connect() as conn:
        old_seq = fetch_saved(conn, ids["李四"])[0].seq
        assert corrections(conn, ids["李四"]) == (None, (new.id, new.seq))
        assert corrections(conn, new.id) == ((ids["李四"], old_seq), None)
        assert corrections(conn, ids["王李"]) == (None, None)
        assert fetch_saved(conn, new.id)[1] is True and fetch_saved(conn, ids["王李"])[1] is False
        assert fetch_saved(conn, 10**9) is None
