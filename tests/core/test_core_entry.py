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
    assert (entry.decision.value, entry.person.key_area.flagged) == (decision, key_area)
    preview = preview_entry(EntryDraft(**{**base, **changes}), Policy(), TODAY)
    assert preview.proposal.decision.value == decision


def test_coming_in_from_a_key_area_is_refused_for_outsiders():
    draft = EntryDraft(category="visitor", name="王五", id_number=hubei_id(), phone="13812345678",
                       origin_province="42", purpose="探亲", arrival_date="11-26", temperature="36.5")
    entry = validate_entry(draft, Policy(), TODAY)
    assert entry.person.key_area.flagged and entry.decision.value == "refuse"


def hubei_visitor(**changes) -> EntryDraft:
    base = dict(category="visitor", name="王五", id_number=hubei_id(), phone="13812345678", origin_province="42",
                origin_city="武汉", purpose="探亲", temperature="36.5")
    return EntryDraft(**{**base, **changes})


@pytest.mark.parametrize("typed, confirmed, problem_fields, decision", [
    ("11-25", False, set(), "refuse"),                     # 4 days ago: inside the window
    ("12-25", False, {"arrival_confirmed"}, None),         # the slip: read as 2025-12-25
    ("12-25", True, set(), "admit"),                       # the guard says the date is right
    ("2026-09-29", False, {"arrival_confirmed"}, None),    # 61 days ago
    ("2026-09-30", False, set(), "admit"),                 # 60 days ago: no question
    ("2026-12-01", False, {"arrival_confirmed"}, None),    # after today
    ("2026-12-01", True, set(), "refuse"),                 # confirmed: counts as inside the window
    ("12-32", True, {"arrival_date"}, None),               # unreadable: a confirmation does not help
])
def test_a_doubtful_arrival_date_needs_the_guards_confirmation(typed, confirmed, problem_fields, decision):
    draft = hubei_visitor(arrival_date=typed, arrival_confirmed=confirmed)
    assert fields_missing(draft) == problem_fields
    if decision is not None:
        assert validate_entry(draft, Policy(), TODAY).decision.value == decision


def test_the_confirmation_limit_is_a_policy_setting():
    draft = hubei_visitor(arrival_date="11-01")  # 28 days ago
    assert fields_missing(draft) == set()
    with pytest.raises(InvalidInput) as caught:
        validate_entry(draft, Policy(arrival_confirm_days=21), TODAY)
    assert [p.field for p in caught.value.problems] == ["arrival_confirmed"]


@pytest.mark.parametrize("typed, read, days_ago, needs", [
    ("12-25", "2025-12-25", 339, True), ("11-20", "2026-11-20", 9, False), ("11-", None, None, None), ("", None, None, None),
])
def test_the_preview_shows_the_date_as_read(typed, read, days_ago, needs):
    arrival = preview_entry(hubei_visitor(arrival_date=typed), Policy(), TODAY).arrival
    if read is None:
        assert arrival is None
    else:
        assert (arrival.day.isoformat(), arrival.days_ago, arrival.needs_confirmation) == (read, days_ago, needs)


@pytest.mark.parametrize("field_name, limit", [("name", 100), ("destination", 100), ("purpose", 60), ("notes", 500)])
def test_over_long_text_is_refused_with_its_length_never_cut(field_name, limit):
    draft = hubei_visitor(arrival_date="11-25", **{field_name: "阿" * (limit + 1)})
    with pytest.raises(InvalidInput) as caught:
        validate_entry(draft, Policy(), TODAY)
    (only,) = caught.value.for_field(field_name)
    assert f"{limit + 1} characters, at most {limit}" in only.english()
    passage = validate_entry(hubei_visitor(arrival_date="11-25", **{field_name: "阿" * limit}), Policy(), TODAY)
    assert getattr(passage if field_name == "notes" else passage.person, field_name) == "阿" * limit
