"""Problems name their field by a path, so a form with several people (a vehicle's
occupants) can put each message on the right person's field (issue 7, the shape)."""

from __future__ import annotations

import datetime as dt

import pytest

from checkpoint_app.core.decision import Direction
from checkpoint_app.core.entry import EntryDraft, PersonDraft, Policy, validate_entry, validate_person
from checkpoint_app.core.problems import InvalidInput, at_path, path_parts, problem

TODAY = dt.date(2026, 11, 29)


@pytest.mark.parametrize(("path", "parts"), [
    ("temperature", ("temperature",)),
    ("occupants.2.temperature", ("occupants", 2, "temperature")),
    ("occupants.0.id_number", ("occupants", 0, "id_number")),
    ("plate", ("plate",)),
])
def test_a_path_splits_into_names_and_places(path, parts):
    assert path_parts(path) == parts


def test_problems_are_put_under_a_prefix_and_an_empty_prefix_changes_nothing():
    found = [problem("temperature", "Type the temperature."), problem("name", "Type the name.")]
    assert [p.field for p in at_path("occupants.4", found)] == ["occupants.4.temperature", "occupants.4.name"]
    assert at_path("", found) == found
    assert [p.template for p in at_path("occupants.4", found)] == [p.template for p in found]


def test_a_person_validated_under_a_path_reports_its_fields_there():
    problems: list = []
    person, proposal = validate_person(PersonDraft(category="visitor", name="李四", temperature="38.9"),
                                       Direction.IN, Policy(), TODAY, problems, at="occupants.2")
    assert person is None
    fields = {p.field for p in problems}
    # an outsider's identity is missing, and a fever needs its re-measure: all on occupant 2
    assert {"occupants.2.id_number", "occupants.2.phone", "occupants.2.temperature2"} <= fields
    assert all(f.startswith("occupants.2.") for f in fields)
    assert proposal is not None  # judged from what parsed, so an override is checked beside the rest


def test_a_person_on_foot_keeps_plain_field_names_and_is_the_passage_s_only_person():
    with pytest.raises(InvalidInput) as caught:
        validate_entry(EntryDraft(category="visitor", name="李四", temperature="36.5"), Policy(), TODAY)
    assert {p.field for p in caught.value.problems} == {"id_number", "phone", "origin_province", "purpose"}
    passage = validate_entry(EntryDraft(category="resident", name="李四", temperature="36.5"), Policy(), TODAY)
    assert passage.kind.value == "person" and len(passage.persons) == 1
    assert passage.person.name == "李四" and passage.decision.value == "admit"
    assert passage.proposal == passage.person.proposal


def test_an_override_without_reason_is_reported_beside_the_person_s_problems():
    with pytest.raises(InvalidInput) as caught:
        validate_entry(EntryDraft(category="visitor", name="李四", temperature="36.5", decision="refuse"),
                       Policy(), TODAY)
    assert "override_reason" in {p.field for p in caught.value.problems}
    assert "id_number" in {p.field for p in caught.value.problems}
