"""A vehicle passage stored as the vehicle service will store it (the vehicle form and
service come with issue 7's Build items; the shape's tests need one now)."""

from __future__ import annotations

import uuid

from actors import guard
from sqlalchemy import insert, text

from checkpoint_app.core.name_search import name_grams
from checkpoint_app.core.roles import Action

from checkpoint_app.db.models import ChangeRecord, Passage, PersonCheck, PersonNameGram


def vehicle(ctx, occupants: list[dict], plate="鄂A12345", decision="admit", *, vehicle_category="private_car",
            leaflet=False, direction="in"):
    """A vehicle passage stored as the vehicle service will store it (no form yet); an
    occupant's dict overrides their fields (category visitor, 36.5 °C by default)."""
    with ctx.uow.write(guard(ctx), Action.REGISTER) as work:
        session = work.session
        seq = session.execute(text("UPDATE station SET next_seq = next_seq + 1 RETURNING next_seq - 1")).scalar_one()
        now = work.local_now
        passage = Passage(
            uuid=str(uuid.uuid4()), station_id=1, seq=seq, recorded_at=work.now, utc_offset_min=480,
            local_date=now.date(), operator="张保安", operator_id=guard(ctx).operator_id, direction=direction,
            kind="vehicle", plate=plate, plate_kind="ordinary", vehicle_category=vehicle_category,
            any_fever=any(o.get("fever", False) for o in occupants),
            any_key_area=any(o.get("key_area", False) for o in occupants),
            proposed_decision=decision, decision=decision, leaflet=leaflet)
        session.add(passage)
        session.flush()
        persons = [PersonCheck(passage_id=passage.id, position=n, driver=n == 0,
                               **{"category": "visitor", "temp1": 365, "id_type": "resident_id" if o.get("id_number") else None, **o}) for n, o in enumerate(occupants)]
        session.add_all(persons)
        session.flush()
        session.execute(insert(PersonNameGram), [{"gram": g, "person_id": p.id} for p in persons for g in name_grams(p.name)])
        session.execute(insert(ChangeRecord), [{"at": work.now, "record_type": "passage", "record_uuid": passage.uuid,
                                               "kind": "create", "operator_id": guard(ctx).operator_id}])
        return passage.id
