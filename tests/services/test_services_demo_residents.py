"""Demo residents (services/demo_residents.py): realistic, valid, repeatable, importable."""

from __future__ import annotations

import datetime as dt

from actors import supervisor

from checkpoint_app.core.resident_rules import validate_resident

from checkpoint_app.services.demo_residents import demo_preview, demo_residents, rooms


def test_demo_residents_are_valid_repeatable_and_varied():
    drafts = demo_residents(3000, seed=7)
    assert drafts == demo_residents(3000, seed=7) and drafts != demo_residents(3000, seed=8)
    valid = [validate_resident(d, dt.date(2026, 11, 29)) for d in drafts]
    assert len(valid) == 3000
    flats = set(rooms())
    assert len(flats) == 12 * 3 * 18 * 2 and {"1-1-101", "12-3-1802"} <= flats
    assert {v.room for v in valid} <= flats and len({v.room for v in valid}) > 1000
    ids = [v.id_number for v in valid if v.id_number]
    codes = [v.pass_code for v in valid if v.pass_code]
    assert len(ids) == len(set(ids)) and 0.8 < len(ids) / 3000 < 1
    assert len(codes) == len(set(codes)) and all(c.startswith("JB") and len(c) == 8 for c in codes)
    plates = [p for v in valid for p in v.plates]
    assert plates and all(p.startswith("渝") for p in plates)
    assert any(len(p) == 8 for p in plates)  # some new-energy plates
    assert all(v.phone is None or len(v.phone) == 11 for v in valid)


def test_demo_residents_import_through_the_service(ctx):
    result = ctx.residents.import_rows(supervisor(ctx), demo_preview(500, seed=3, today=dt.date(2026, 11, 29)))
    assert (result.imported, result.updated, result.rejected) == (500, 0, 0)
    assert ctx.residents.count(supervisor(ctx)) == 500
