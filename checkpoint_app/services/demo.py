"""Realistic synthetic registers for demos and benchmarks.

People repeat (residents pass every day; couriers and visitors come back), most
readings are normal, about 1 % of first readings are at or above the threshold
(most fall back on the re-measure), some arrivals come from the key area, and the
decisions come from the same rules the form uses.

Synthetic people never go into a real register: `fill` adds to a new register (which it
marks as a demo register with a `setting` row) or to one so marked, and refuses any
other. Every run adds new passages: the seed repeats the people, never the UUIDs.
The passages are of people on foot (one person check each); the bulk loader
(db/bulk.py) writes them.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from sqlalchemy import func
from sqlmodel import select

from checkpoint_app.core.decision import Category, Decision, Direction, Symptom, propose
from checkpoint_app.core.entry import PassageKind, Policy
from checkpoint_app.core.idcard import check_character
from checkpoint_app.core.name_search import name_grams
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, Problem, problem
from checkpoint_app.core.regions import province_by_code
from checkpoint_app.core.roles import Actor, Role
from checkpoint_app.core.temperature import screen

from checkpoint_app.db import bulk, sqlite_file
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


def _temperatures(rng: random.Random) -> tuple[int, int | None]:
    roll = rng.random()
    if roll < 0.010:  # high first reading: re-measured
        first = rng.randint(373, 392)
        return first, (rng.randint(365, 372) if rng.random() < 0.6 else rng.randint(373, first))
    if roll < 0.016:  # cold forehead outdoors
        return rng.randint(340, 354), rng.randint(358, 368)
    return rng.randint(358, 372), None


def generate_passages(ctx_policy: Policy, station_id: int, people: list[Person], passages: int,
                      start: dt.datetime, end: dt.datetime, first_seq: int, rng: random.Random,
                      uuids: random.Random | None = None,
                      staff: tuple[tuple[str, int | None], tuple[str, int | None]] = (("guard", None), ("demo", None)),
                      ) -> Iterator[dict[str, Any]]:
    """Passages of people on foot, evenly spread from `start` to `end` (aware local
    times), oldest first, as the bulk loader takes them (db/bulk.py: the passage's
    columns and `persons`, here the one person check). `uuids` draws the passages'
    UUIDs (default: `rng`); `staff` is the (name, operator id) of the guard who
    registers most passages and of the supervisor who registers the rest and voids."""
    uuids = uuids or rng
    utc_offset_min = int((end.utcoffset() or dt.timedelta()).total_seconds() // 60)  # a naive `end` counts as UTC
    step = (end - start) / max(1, passages)
    (guard_name, guard_id), (boss_name, boss_id) = staff
    for n in range(passages):
        local = start + step * (n + 1)
        day = local.date()
        p = rng.choice(people)
        direction = Direction.OUT if rng.random() < 0.3 else Direction.IN
        t1, t2 = _temperatures(rng) if direction is Direction.IN else (None, None)
        screening = screen(t1, t2, ctx_policy.fever_threshold)
        symptoms = frozenset({Symptom.COUGH}) if rng.random() < 0.004 else frozenset()
        arrival = p.arrival if p.arrival and p.arrival <= day else None
        province = province_by_code(p.origin)
        key = ctx_policy.key_areas.evaluate(province, p.city, province_by_code(p.id_number[:2]), arrival, day,
                                            category_is_resident=p.category is Category.RESIDENT)
        proposal = propose(screening, key.flagged, symptoms, p.category)
        decision, override = proposal.decision, ""
        if decision is Decision.ADMIT and p.category is Category.VISITOR and rng.random() < 0.01:
            decision, override = Decision.REFUSE, "业主不在家,拒绝进入"
        voided = rng.random() < 0.001
        utc = local.astimezone(dt.timezone.utc)
        # the draws below keep the order of the one-row entries this replaced: a seed
        # gives the same people, readings and decisions as before the reshape
        passage_uuid = str(uuid.UUID(int=uuids.getrandbits(128), version=4))
        operator, operator_id = (guard_name, guard_id) if rng.random() < 0.8 else (boss_name, boss_id)
        id_number = p.id_number if p.category is not Category.RESIDENT or rng.random() < 0.3 else None
        purpose = "" if p.category is Category.RESIDENT else rng.choice(PURPOSES)
        leaflet = int(rng.random() < 0.5)
        fever, key_area = int(screening.fever), int(key.flagged)
        person = {
            "category": p.category.value, "name": p.name, "id_type": "resident_id", "id_number": id_number,
            "phone": p.phone, "phone_foreign": 0, "destination": p.destination, "purpose": purpose,
            "origin_province": p.origin, "origin_city": p.city, "arrival_date": arrival.isoformat() if arrival else None,
            "temp1": t1, "temp2": t2, "fever": fever, "symptoms": ",".join(s.value for s in symptoms),
            "key_area": key_area, "key_area_reasons": ";".join(key.reasons), "position": 0, "driver": 0,
        }
        yield {
            "uuid": passage_uuid, "station_id": station_id, "seq": first_seq + n,
            "recorded_at": utc.strftime("%Y-%m-%d %H:%M:%S.000000"), "utc_offset_min": utc_offset_min,
            "local_date": day.isoformat(), "operator": operator, "operator_id": operator_id,
            "direction": direction.value, "kind": PassageKind.PERSON.value, "plate": None, "plate_kind": None,
            "vehicle_category": None, "any_fever": fever, "any_key_area": key_area,
            "proposed_decision": proposal.decision.value, "decision": decision.value, "override_reason": override,
            "leaflet": leaflet, "notes": "", "voided": int(voided), "void_reason": "登记错误" if voided else "",
            "voided_at": utc.strftime("%Y-%m-%d %H:%M:%S.000000") if voided else None,
            "voided_by": boss_name if voided else "", "voided_by_id": boss_id if voided else None,
            "corrects_uuid": None, "persons": [person],
        }


DEMO_STATION = StationDraft(name="铁山坪街道 翠湖小区东门", code="JB-TSP-01", station_type="compound_gate",
                            district="重庆市江北区", province_code="50")
DEMO_SETTING = "demo"  # a `setting` row marking a register made for demos (not a schema change)


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
    except sqlite3.Error:
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
    except (sqlite3.Error, ValueError):
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


def fill(ctx: AppContext, passages: int, days: int | None = None, seed: int = 2020) -> int:
    """Add `passages` synthetic passages of people on foot (one person check each)
    ending today to the station at `ctx`; returns how many. A new register becomes a
    demo register (marked first, then given the demo station); a register with a real
    station raises NotADemoRegister. Each run adds new passages: `seed` makes the same
    people and readings, the UUIDs differ from run to run."""
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
    boss, guard = demo_staff(ctx)
    station = station or ctx.station.save(boss, DEMO_STATION)
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
                                  staff=((guard.name, guard.operator_id), (boss.name, boss.operator_id)))
    with storage_errors():
        return bulk.insert_passages(Path(ctx.paths.database), station.id, generated, name_grams)
