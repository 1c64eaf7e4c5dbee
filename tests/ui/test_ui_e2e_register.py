"""End to end: 200 mixed entries registered through the form by keyboard only, the
way a guard follows the cursor; then the register view and today's counts."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sqlmodel import select
from uihelpers import find

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from checkpoint_app.core.idcard import check_character
from checkpoint_app.core.listing import EntryFilter
from checkpoint_app.core.masking import mask_name

from checkpoint_app.db.models import PersonCheck
from checkpoint_app.db.queries import day_counts


@dataclass
class Person:
    keys: dict[str, str]
    expect_decision: str
    fever: bool = False
    key_area: bool = False
    direction: str = "in"
    category: str = "resident"
    notes: list[str] = field(default_factory=list)


def make_people(n: int) -> list[Person]:
    rng = random.Random(7)
    people = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.15:  # a resident going out: no reading needed
            people.append(Person({"direction_combo": "2", "category_combo": "1", "name_edit": f"居民{i}号"},
                                 "admit", direction="out"))
            continue
        if roll < 0.50:
            temp = "36.%d" % rng.randint(0, 9)
            people.append(Person({"direction_combo": "1", "category_combo": "1", "name_edit": f"居民{i}号",
                                  "destination_edit": f"{i % 9 + 1}栋{i}", "temperature_edit": temp}, "admit"))
            continue
        first17 = f"500105{1960 + i % 40}0101{i:03d}"
        hubei = roll > 0.92
        if hubei:
            first17 = f"420102{1960 + i % 40}0101{i:03d}"
        keys = {"direction_combo": "1", "category_combo": "2", "id_number_edit": first17 + check_character(first17),
                "name_edit": f"访客{i}号", "phone_edit": f"139{i:08d}", "destination_edit": "3栋501",
                "purpose_edit": "探亲", "origin_province_combo": "42" if hubei else "50",
                "origin_city_edit": "武汉" if hubei else "重庆", "arrival_date_edit": "11-24" if hubei else "",
                "temperature_edit": "36.6"}
        person = Person(keys, "refuse" if hubei else "admit", key_area=hubei, category="visitor")
        if not hubei and roll < 0.56:  # high first reading: re-measured
            keys["temperature_edit"] = "37.%d" % rng.randint(3, 9)
            confirmed = rng.random() < 0.5
            keys["temperature2_edit"] = "37.8" if confirmed else "36.9"
            person.fever = confirmed
            person.expect_decision = "refer" if confirmed else "admit"
        elif not hubei and roll < 0.60:  # the guard overrides: refused, with a reason
            keys["decision_combo"] = "3"
            keys["override_reason_edit"] = "业主不在家"
            person.expect_decision = "refuse"
        people.append(person)
    return people


def register_by_keyboard(window, keyboard, qtbot, person: Person) -> None:
    form = window.form
    assert QApplication.focusWidget() is form.first_field()
    # direction and category stay from the last person; change them only when needed
    for mnemonic, name in ((Qt.Key.Key_D, "direction_combo"), (Qt.Key.Key_C, "category_combo")):
        combo, wanted = form.findChild(QComboBox, name), person.keys[name]
        if not combo.currentText().startswith(wanted + " "):
            keyboard.key(mnemonic, None, Qt.KeyboardModifier.AltModifier)
            assert QApplication.focusWidget() is combo
            keyboard.type(combo, wanted)
            keyboard.enter()
            assert QApplication.focusWidget() is form.first_field()
    for _ in range(40):
        widget = QApplication.focusWidget()
        name = widget.objectName()
        if name == "save_button":
            with qtbot.waitSignal(form.saved, timeout=5000):
                keyboard.enter()
            return
        value = person.keys.get(name, "")
        if isinstance(widget, QComboBox):
            if value:
                keyboard.type(widget, value)
        elif value and not widget.text():
            keyboard.type(widget, value)
        keyboard.enter()
    raise AssertionError(f"never reached save; stuck at {QApplication.focusWidget().objectName()}: "
                         f"{form.findChild(object, 'form_status_label').text()}")


def test_two_hundred_entries_by_keyboard(window, ctx, keyboard, qtbot):
    people = make_people(200)
    for person in people:
        register_by_keyboard(window, keyboard, qtbot, person)

    model = window.model
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 200
    rows = [model.row_at(r) for r in range(200)]
    assert [r.seq for r in rows] == list(range(200, 0, -1))
    with ctx.session() as session:
        stored = {person.passage_id: person.name for person in session.exec(select(PersonCheck))}
    for row, person in zip(rows, reversed(people), strict=True):
        assert stored[row.id] == person.keys["name_edit"]
        assert row.name == mask_name(person.keys["name_edit"])  # the list gets it masked
        assert (row.direction, row.category) == (person.direction, person.category)
        assert row.decision == person.expect_decision, row
        assert row.fever == person.fever and row.key_area == person.key_area

    # entered and left count only people let through (issue 5, item 14)
    inside = [p for p in people if p.direction == "in" and p.expect_decision == "admit"]
    outside = [p for p in people if p.direction == "out" and p.expect_decision == "admit"]
    expected = (
        len(inside), len(outside), sum(p.category != "resident" for p in inside),
        sum(p.fever for p in people), sum(p.expect_decision == "refuse" for p in people),
        sum(p.expect_decision == "refer" for p in people), sum(p.key_area for p in people),
    )
    shown = find(window, "today_counts_label").counts
    assert (shown.entered, shown.left, shown.visitors, shown.fevers, shown.refused, shown.referred,
            shown.key_area) == expected
    with ctx.connect() as conn:
        assert day_counts(conn, ctx.clock().date()) == shown
    assert all(v > 0 for v in expected), expected  # the mix really covers every kind
    assert len(window.reader.page(window.actor, EntryFilter(key_area=True), None, 500)) == expected[-1]
