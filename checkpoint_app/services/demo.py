"""Realistic synthetic registers for demos and benchmarks.

People repeat (residents pass every day; couriers and visitors come back), most
readings are normal, about 1 % of first readings are at or above the threshold
(most fall back on the re-measure), some arrivals come from the key area, and the
decisions come from the same rules the form uses.

Synthetic people never go into a real register: `fill` adds to a new register (which it
marks as a demo register with a `setting` row) or to one so marked, and refuses any
other. Every run adds new passages: the seed repeats the people, never the UUIDs.

The passages mix people on foot (one person check each) and vehicles (about a quarter:
private cars mostly, some taxis and goods vehicles, a few buses; valid plates, mostly of
the station's province, some of 鄂; every occupant's temperature; the driver first), as
a road checkpoint's register holds them and the benchmark's million-entry register
needs them (plate search, occupants). The bulk loader (db/bulk.py) writes them.
`GENERATOR_VERSION` names what the generator makes: the benchmark's cached register
is rebuilt when it changes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from sqlalchemy import func
from sqlmodel import select

from checkpoint_app.core.decision import Category, Decision, Direction, Facts, Symptom, propose
from checkpoint_app.core.entry import PassageKind, Policy
from checkpoint_app.core.idcard import check_character
from checkpoint_app.core.name_search import name_grams
from checkpoint_app.core.plates import PLATE_PROVINCES, PlateKind
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, Problem, problem
from checkpoint_app.core.regions import province_by_code
from checkpoint_app.core.roles import Actor, Role
from checkpoint_app.core.temperature import screen

from checkpoint_app.db import bulk, driver, sqlite_file
from checkpoint_app.db.errors import storage_errors
from checkpoint_app.db.models import Passage, Setting

from checkpoint_app.services.station import StationDraft

if TYPE_CHECKING:  # only named: the generator and the bulk loader need none of the services
    from checkpoint_app.services.context import AppContext

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文海燕鹏飞雪梅婷浩宇晨欣怡子涵梓轩一诺思雨俊杰博文天佑嘉琪"
COMPOUND_NAMES = ("阿依古丽·买买提", "欧阳娜娜", "司马光明", "李四", "张三")
REGIONS = {  # real county codes by province, for synthetic ID numbers
    "50": ("500105", "500103", "500106", "500112", "500101"),
    "51": ("510104", "510107"),
    "42": ("420102", "420106", "420111"),
    "44": ("440305", "440106"),
    "11": ("110105", "110108"),
    "65": ("650102",),
}
CITIES = {"50": "重庆", "51": "成都", "42": "武汉", "44": "深圳", "11": "北京", "65": "乌鲁木齐"}
PURPOSES = ("探亲", "送货", "维修", "快递", "访友", "施工", "看房", "上班")
CATEGORY_WEIGHTS = ((Category.RESIDENT, 60), (Category.VISITOR, 18), (Category.DELIVERY, 12),
                    (Category.STAFF, 7), (Category.OFFICIAL, 3))


@dataclass
class Person:
    name: str
    category: Category
    id_number: str
    phone: str
    origin: str
    city: str
    destination: str
    arrival: dt.date | None


def _id_number(rng: random.Random, province: str) -> str:
    region = rng.choice(REGIONS[province])
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 55))
    first17 = f"{region}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + check_character(first17)


def _people(rng: random.Random, count: int, first_day: dt.date, last_day: dt.date) -> list[Person]:
    cats, weights = [c for c, _ in CATEGORY_WEIGHTS], [w for _, w in CATEGORY_WEIGHTS]
    people = []
    span = (last_day - first_day).days + 1
    for i in range(count):
        if i < len(COMPOUND_NAMES):
            name = COMPOUND_NAMES[i]
        else:
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        category = rng.choices(cats, weights)[0]
        origin = "50" if category is Category.RESIDENT else rng.choices(
            ("50", "51", "42", "44", "11", "65"), (70, 10, 8, 6, 4, 2))[0]
        arrival = first_day + dt.timedelta(days=rng.randrange(span)) if origin != "50" else None
        people.append(Person(
            name=name, category=category, id_number=_id_number(rng, origin),
            phone=f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}", origin=origin, city=CITIES[origin],
            destination=f"{rng.randint(1, 12)}栋{rng.randint(1, 4)}单元{rng.randint(1, 30)}0{rng.randint(1, 4)}",
            arrival=arrival,
        ))
    return people


GENERATOR_VERSION = "2-vehicles"  # bump when what a seed generates changes (bench/data.py)
VEHICLE_SHARE = 0.25  # of passages: road checkpoints see more, compound gates fewer
# category: (weight, occupants drawn from (count, weight) pairs); buses carry more
VEHICLE_CATEGORIES = {
    "private_car": (70, ((1, 34), (2, 36), (3, 17), (4, 9), (5, 4))),
    "taxi": (12, ((1, 20), (2, 45), (3, 25), (4, 10))),
    "goods": (12, ((1, 60), (2, 35), (3, 5))),
    "bus": (2, tuple((n, 1) for n in range(8, 46))),
    "emergency": (1, ((1, 30), (2, 40), (3, 20), (4, 10))),
    "other": (3, ((1, 50), (2, 35), (3, 15))),
}
_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # never I or O
_ISSUERS = "ABCDEFGH"  # most plates come from a province's first offices


@dataclass
class Vehicle:
    plate: str
    plate_kind: PlateKind
    category: str
    driver: Person  # usually the same driver (a car seen before: same plate, same people)


def _plate(rng: random.Random, province: str, category: str) -> tuple[str, PlateKind]:
    """A valid plate (core.plates.parse_plate accepts it) of `province`'s abbreviation."""
    head = province + rng.choice(_ISSUERS)
    roll = rng.random()
    if category in ("private_car", "taxi") and roll < 0.2:  # small new energy: D/F ... four digits
        energy = rng.choice("DDDFFABCEG")
        second = rng.choice(_PLATE_LETTERS + "0123456789")
        return f"{head}{energy}{second}{rng.randrange(10**4):04d}", PlateKind.NEW_ENERGY_SMALL
    if category == "bus" and roll < 0.3:  # large new energy: five digits, then D/F
        return f"{head}{rng.randrange(10**5):05d}{rng.choice('DF')}", PlateKind.NEW_ENERGY_LARGE
    chars = [rng.choice("0123456789") for _ in range(5)]
    for place in rng.sample(range(5), rng.choice((0, 0, 1, 1, 2))):  # at most two letters
        chars[place] = rng.choice(_PLATE_LETTERS)
    return head + "".join(chars), PlateKind.ORDINARY


def _fleet(rng: random.Random, count: int, people: list[Person], home: str) -> list[Vehicle]:
    """Vehicles that come back (same plate): mostly of the station's province, some of 鄂."""
    names, weights = list(VEHICLE_CATEGORIES), [w for w, _ in VEHICLE_CATEGORIES.values()]
    others = [a for a in PLATE_PROVINCES if a not in (home, "鄂")]
    fleet = []
    for _ in range(count):
        category = rng.choices(names, weights)[0]
        roll = rng.random()
        province = home if roll < 0.7 else "鄂" if roll < 0.8 else rng.choice(others)
        plate, kind = _plate(rng, province, category)
        fleet.append(Vehicle(plate, kind, category, rng.choice(people)))
    return fleet


def _temperatures(rng: random.Random) -> tuple[int, int | None]:
    roll = rng.random()
    if roll < 0.010:  # high first reading: re-measured
        first = rng.randint(373, 392)
        return first, (rng.randint(365, 372) if rng.random() < 0.6 else rng.randint(373, first))
    if roll < 0.016:  # cold forehead outdoors
        return rng.randint(340, 354), rng.randint(358, 368)
    return rng.randint(358, 372), None


_SEVERITY = {Decision.ADMIT: 0, Decision.REFUSE: 1, Decision.REFER: 2}


def generate_passages(ctx_policy: Policy, station_id: int, people: list[Person], passages: int,
                      start: dt.datetime, end: dt.datetime, first_seq: int, rng: random.Random,
                      uuids: random.Random | None = None,
                      staff: tuple[tuple[str, int | None], tuple[str, int | None]] = (("guard", None), ("demo", None)),
                      vehicle_share: float = VEHICLE_SHARE, plate_province: str = "渝",
                      ) -> Iterator[dict[str, Any]]:
    """Passages of people on foot and of vehicles (`vehicle_share` of them) with their
    occupants, evenly spread from `start` to `end` (aware local times), oldest first, as
    the bulk loader takes them (db/bulk.py: the passage's columns and `persons`, its
    person checks). `uuids` draws the passages' UUIDs (default: `rng`); `staff` is the
    (name, operator id) of the guard who registers most passages and of the supervisor
    who registers the rest and voids; `plate_province` is the station's plate
    abbreviation, which most plates carry.

    A vehicle comes from a fleet that repeats (same plate, usually the same driver):
    a private car mostly, some taxis and goods vehicles, a few buses with many on board.
    Each occupant's temperature is taken (going in), the driver (position 0) is marked,
    the occupants' origin is the vehicle's (its driver's); any_fever / any_key_area say
    some occupant had one, and a fever anywhere proposes "refer" for the whole vehicle."""
    uuids = uuids or rng
    utc_offset_min = int((end.utcoffset() or dt.timedelta()).total_seconds() // 60)  # a naive `end` counts as UTC
    step = (end - start) / max(1, passages)
    (guard_name, guard_id), (boss_name, boss_id) = staff
    # vehicles and their passengers draw from their own generator (seeded from `rng`)
    cars = random.Random(rng.getrandbits(64))
    fleet = _fleet(cars, max(20, passages // 40), people, plate_province) if vehicle_share > 0 else []
    for n in range(passages):
        local = start + step * (n + 1)
        day = local.date()
        p = rng.choice(people)
        direction = Direction.OUT if rng.random() < 0.3 else Direction.IN
        vehicle = cars.choice(fleet) if fleet and cars.random() < vehicle_share else None
        if vehicle is None:
            occupants = [p]
        else:
            _, counts = VEHICLE_CATEGORIES[vehicle.category]
            driver = vehicle.driver if cars.random() < 0.8 else p
            extra = cars.choices([c for c, _ in counts], [w for _, w in counts])[0] - 1
            occupants = [driver, *(cars.choice(people) for _ in range(extra))]
        lead = occupants[0]
        persons, proposal = [], None
        for place, o in enumerate(occupants):
            draw = rng if place == 0 else cars
            t1, t2 = _temperatures(draw) if direction is Direction.IN else (None, None)
            screening = screen(t1, t2, ctx_policy.fever_threshold)
            symptoms = frozenset({Symptom.COUGH}) if draw.random() < 0.004 else frozenset()
            arrival = lead.arrival if lead.arrival and lead.arrival <= day else None
            province = province_by_code(lead.origin)
            key = ctx_policy.key_areas.evaluate(province, lead.city, province_by_code(o.id_number[:2]), arrival, day,
                                                category_is_resident=o.category is Category.RESIDENT)
            own = propose(Facts(screening, key.flagged, symptoms, o.category))
            if proposal is None or _SEVERITY[own.decision] > _SEVERITY[proposal.decision]:
                proposal = own  # the most severe: one occupant's fever refers the whole vehicle
            persons.append({
                "category": o.category.value, "name": o.name, "id_type": "resident_id",
                "phone": o.phone if place == 0 or cars.random() < 0.5 else None, "phone_foreign": 0,
                "destination": o.destination, "purpose": "",
                "origin_province": lead.origin, "origin_city": lead.city,
                "arrival_date": arrival.isoformat() if arrival else None,
                "temp1": t1, "temp2": t2, "fever": int(screening.fever), "symptoms": ",".join(s.value for s in symptoms),
                "key_area": int(key.flagged), "key_area_reasons": ";".join(key.reasons), "position": place,
                "driver": int(vehicle is not None and place == 0),
            })
        assert proposal is not None
        decision, override = proposal.decision, ""
        if decision is Decision.ADMIT and lead.category is Category.VISITOR and rng.random() < 0.01:
            decision, override = Decision.REFUSE, "业主不在家,拒绝进入"
        voided = rng.random() < 0.001
        utc = local.astimezone(dt.timezone.utc)
        passage_uuid = str(uuid.UUID(int=uuids.getrandbits(128), version=4))
        operator, operator_id = (guard_name, guard_id) if rng.random() < 0.8 else (boss_name, boss_id)
        for place, (o, person) in enumerate(zip(occupants, persons, strict=True)):
            draw = rng if place == 0 else cars
            person["id_number"] = o.id_number if o.category is not Category.RESIDENT or draw.random() < 0.3 else None
            person["purpose"] = "" if o.category is Category.RESIDENT else draw.choice(PURPOSES)
        leaflet = int(rng.random() < 0.5) if vehicle is None else int(cars.random() < 0.9)
        any_fever = int(any(person["fever"] for person in persons))
        any_key_area = int(any(person["key_area"] for person in persons))
        yield {
            "uuid": passage_uuid, "station_id": station_id, "seq": first_seq + n,
            "recorded_at": utc.strftime("%Y-%m-%d %H:%M:%S.000000"), "utc_offset_min": utc_offset_min,
            "local_date": day.isoformat(), "operator": operator, "operator_id": operator_id,
            "direction": direction.value,
            "kind": (PassageKind.PERSON if vehicle is None else PassageKind.VEHICLE).value,
            "plate": vehicle.plate if vehicle else None,
            "plate_kind": vehicle.plate_kind.value if vehicle else None,
            "vehicle_category": vehicle.category if vehicle else None, "any_fever": any_fever,
            "any_key_area": any_key_area,
            "proposed_decision": proposal.decision.value, "decision": decision.value, "override_reason": override,
            "leaflet": leaflet, "notes": "", "voided": int(voided), "void_reason": "登记错误" if voided else "",
            "voided_at": utc.strftime("%Y-%m-%d %H:%M:%S.000000") if voided else None,
            "voided_by": boss_name if voided else "", "voided_by_id": boss_id if voided else None,
            "corrects_uuid": None, "persons": persons,
        }


def _plate_province(code: str) -> str:
    """The plate abbreviation of the station's province (渝 for "50"); 渝 when it has none."""
    province = province_by_code(code)
    return province.abbr if province is not None and province.abbr in PLATE_PROVINCES else "渝"


DEMO_STATION = StationDraft(name="铁山坪街道 翠湖小区东门", code="JB-TSP-01", station_type="compound_gate",
                            district="重庆市江北区", province_code="50")
DEMO_SETTING = "demo"  # a `setting` row marking a register made for demos (not a schema change)


def demo_station(code: str, name: str | None = None, district: str | None = None) -> StationDraft:
    """The demo profile of another post, so a district of posts can be simulated (tests,
    the bench, the office's demo: `checkpoint-cli demo-data --station CODE`): a road
    checkpoint named after its code, in the sub-district its code's prefix names
    (JB-TSP-02 -> 演示街道 JB-TSP, so JB-TSP-01 and JB-TSP-02 are one sub-district's posts),
    unless `name` / `district` are given. The demo station's own code gives the demo station."""
    code = code.strip().upper()
    if code == DEMO_STATION.code and not name and not district:
        return DEMO_STATION
    prefix = code.rsplit("-", 1)[0] if "-" in code.strip("-") else code
    return StationDraft(name=name or f"演示卡口 {code}", code=code, station_type="road_checkpoint",
                        district=district or f"演示街道 {prefix}", province_code=DEMO_STATION.province_code)


def _other_post(db_path: Path, code: str, asked: str) -> Problem:
    return problem("register", QT_TRANSLATE_NOOP(
        "problems", "{path} is the demo register of station {code}, not of {asked}: give each post its own "
                    "--data-dir."), path=str(db_path), code=code, asked=asked)


class NotADemoRegister(Exception):
    """The register holds a real station: synthetic people must never go into it."""

    def __init__(self, refusal: Problem):
        super().__init__(refusal.english())
        self.problem = refusal


def refusal(db_path: Path) -> Problem | None:
    """Why demo data must not go into the register at `db_path`, read without changing it:
    None for a missing or new register (no station, no passages) or one marked as demo.
    A file that is not a usable register is left to the opening to explain."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    try:
        reader = sqlite_file.open_read_only(db_path)
    except driver.Error:
        return None
    try:
        conn = reader.conn
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        # the passages, or an older register's entries (a schema before 0004, not yet upgraded)
        records = next((table for table in ("passage", "entry") if table in tables), None)
        if records is None or not {"station", "setting"} <= tables:
            return None
        marked = conn.execute("SELECT value FROM setting WHERE key = ?", (DEMO_SETTING,)).fetchone()
        if marked is not None and json.loads(marked[0]) is True:
            return None
        station = conn.execute("SELECT code FROM station ORDER BY id").fetchone()
        entries = conn.execute(f"SELECT count(*) FROM {records}").fetchone()[0]
    except (driver.Error, ValueError):
        return None
    finally:
        reader.close()
    if station is None and entries == 0:
        return None
    return _real_register(db_path, station[0] if station else "?", entries)


def _real_register(db_path: Path, code: str, entries: int) -> Problem:
    return problem("register", QT_TRANSLATE_NOOP(
        "problems", "{path} is the register of station {code} ({count} entries), not a demo register: demo data "
                    "goes only into a new register or a demo one. Give --data-dir an empty folder."),
        path=str(db_path), code=code, count=entries)


def is_demo(ctx: AppContext) -> bool:
    with storage_errors(), ctx.session() as session:
        marked = session.get(Setting, DEMO_SETTING)
    return marked is not None and json.loads(marked.value) is True


DEMO_SUPERVISOR = ("demo", "246810")  # name, PIN: in demo registers only (see the README)
DEMO_GUARD = ("guard", "135790")


def demo_staff(ctx: AppContext) -> tuple[Actor, Actor]:
    """The demo supervisor and guard, logged in (created in a new demo register). Only a
    register marked as demo ever gets them: `fill` checks that first."""
    assert is_demo(ctx)
    if ctx.operators.needs_first_supervisor():
        boss = ctx.operators.create_first_supervisor(*DEMO_SUPERVISOR)
        ctx.operators.create(boss, DEMO_GUARD[0], Role.GUARD, DEMO_GUARD[1])
    else:
        boss = ctx.operators.login(*DEMO_SUPERVISOR)
    return boss, ctx.operators.login(*DEMO_GUARD)


def fill(ctx: AppContext, passages: int, days: int | None = None, seed: int = 2020,
         vehicle_share: float = VEHICLE_SHARE, profile: StationDraft | None = None) -> int:
    """Add `passages` synthetic passages (of people on foot and, `vehicle_share` of
    them, of vehicles with their occupants) ending today to the station at `ctx`;
    returns how many. A new register becomes a
    demo register (marked first, then given the demo station); a register with a real
    station raises NotADemoRegister. Each run adds new passages: `seed` makes the same
    people and readings, the UUIDs differ from run to run. `profile` (`demo_station`) is
    the station a new demo register gets (default DEMO_STATION); a demo register of
    another station code raises NotADemoRegister before anything is written."""
    station = ctx.station.current()
    ctx.health.refuse_writes()  # nothing goes into a damaged file, demo data included
    if not is_demo(ctx):
        # decided on the open register itself: a read that fails raises, it never lets
        # synthetic people into a register it could not look at
        with storage_errors(ctx.health.note_error), ctx.session() as session:
            count = session.exec(select(func.count()).select_from(Passage)).one()
        if station is not None or count:
            raise NotADemoRegister(_real_register(Path(ctx.paths.database), station.code if station else "?", count))
        with storage_errors(), ctx.session() as session:
            session.merge(Setting(key=DEMO_SETTING, value=json.dumps(True)))
            session.commit()
    elif profile is not None and station is not None and station.code != profile.code:
        raise NotADemoRegister(_other_post(Path(ctx.paths.database), station.code, profile.code))
    boss, guard = demo_staff(ctx)
    station = station or ctx.station.save(boss, profile or DEMO_STATION)
    assert station.id is not None  # a stored station has its id
    rng = random.Random(seed)
    today = ctx.clock().date()
    days = days or max(30, min(365, passages // 2500))
    first_day = today - dt.timedelta(days=days - 1)
    people = _people(rng, max(200, passages // 25), first_day, today)
    now = ctx.clock()
    start = dt.datetime.combine(first_day, dt.time(0), now.tzinfo)
    generated = generate_passages(ctx.settings.policy(), station.id, people, passages, start, now,
                                  station.next_seq, rng, uuids=random.Random(f"{seed}/{station.next_seq}"),
                                  staff=((guard.name, guard.operator_id), (boss.name, boss.operator_id)),
                                  vehicle_share=vehicle_share, plate_province=_plate_province(station.province_code))
    with storage_errors():
        added = bulk.insert_passages(Path(ctx.paths.database), station.id, generated, name_grams, key=ctx.db.key)
    if station.station_type == "compound_gate":
        add_compound(ctx, boss, seed, today)
    from checkpoint_app.services.demo_office import provision_office_keys  # the batch flow works out of the box
    provision_office_keys(ctx, boss)
    return added


DEMO_RESIDENTS = 600  # about 250 households of the demo compound


def add_compound(ctx: AppContext, boss: Actor, seed: int, today: dt.date) -> None:
    """A compound gate's demo: its residents and a few people under home quarantine, made
    once (a register that has residents keeps them), through the same import and the same
    watchlist rules as real ones."""
    from checkpoint_app.services.demo_residents import demo_preview, demo_residents
    from checkpoint_app.services.demo_watchlist import demo_watchlist

    if ctx.residents.count(boss, include_moved_out=True):
        return
    ctx.residents.import_rows(boss, demo_preview(DEMO_RESIDENTS, seed, today))
    people = [(r.name, r.room) for r in demo_residents(DEMO_RESIDENTS, seed)]
    for draft in demo_watchlist(people, today, seed):
        ctx.watchlist.add(boss, draft)
