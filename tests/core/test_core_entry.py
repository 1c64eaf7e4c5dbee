"""Whole-entry rules: which fields each category needs, and direction."""

from __future__ import annotations

import datetime as dt

import pytest

from checkpoint_app.core.entry import EntryDraft, Policy, preview_entry, validate_entry
from checkpoint_app.core.problems import InvalidInput

TODAY = dt.date(2026, 11, 29)


def hubei_id() -> str:
    from checkpoint_app.core.idcard import check_character

    first17 = "42010219900101123"
    return first17 + check_character(first17)


def fields_missing(draft: EntryDraft) -> set[str]:
    try:
        validate_entry(draft, Policy(), TODAY)
    except InvalidInput as err:
        return {p.field for p in err.problems}
    return set()


@pytest.mark.parametrize("category, direction, missing", [
    ("resident", "in", {"name", "temperature"}),
    ("visitor", "in", {"name", "id_number", "phone", "origin_province", "purpose", "temperature"}),
    ("delivery", "in", {"name", "id_number", "phone", "origin_province", "purpose", "temperature"}),
    ("official", "in", {"name", "purpose", "temperature"}),
    ("visitor", "out", {"name"}),
])
def test_required_fields_by_category_and_direction(category, direction, missing):
    assert fields_missing(EntryDraft(category=category, direction=direction)) == missing


@pytest.mark.parametrize("changes, decision, key_area", [
    (dict(symptoms=frozenset({"cough"})), "admit", False),                     # leaving with a cough
    (dict(id_number=None), "admit", False),                                     # Hubei ID, no arrival date
    (dict(id_number=None, arrival_date="11-26"), "admit", False),              # Hubei ID, recent arrival
    (dict(temperature="37.9", temperature2="38.1"), "refer", False),           # fever confirmed on the way out
])
def test_people_going_out_are_never_refused_or_asked_for_arrival(changes, decision, key_area):
    base = dict(direction="out", category="visitor", name="王五")
    if "id_number" in changes:
        changes = {**changes, "id_number": hubei_id()}
    entry = validate_entry(EntryDraft(**{**base, **changes}), Policy(), TODAY)
    assert (entry.decision.value, entry.key_area.flagged) == (decision, key_area)
    preview = preview_entry(EntryDraft(**{**base, **changes}), Policy(), TODAY)
    assert preview.proposal.decision.value == decision


def test_coming_in_from_a_key_area_is_refused_for_outsiders():
    draft = EntryDraft(category="visitor", name="王五", id_number=hubei_id(), phone="13812345678",
                       origin_province="42", purpose="探亲", arrival_date="11-26", temperature="36.5")
    entry = validate_entry(draft, Policy(), TODAY)
    assert entry.key_area.flagged and entry.decision.value == "refuse"
