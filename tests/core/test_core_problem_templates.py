"""Every problem the core raises is translatable and fills all of its placeholders;
the core never imports Qt or the database."""

import ast
import string
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import checkpoint_app.core
from checkpoint_app.core.arrival import check_confirm_days, check_confirmed, parse_day, read_arrival
from checkpoint_app.core.daily_report import check_day
from checkpoint_app.core.decision import Decision, check_override
from checkpoint_app.core.entry import Policy
from checkpoint_app.core.idcard import DocType, normalise_document_number, parse_resident_id
from checkpoint_app.core.keyarea import KeyAreaRule
from checkpoint_app.core.phone import normalise_phone
from checkpoint_app.core.pin import check_pin
from checkpoint_app.core.problems import CONTEXT, InvalidInput, Problem
from checkpoint_app.core.regions import PROVINCES
from checkpoint_app.core.temperature import parse_temperature, require_complete, screen
from checkpoint_app.core.text import clean_text, normalise_name
from checkpoint_app.core.vehicle import OccupantDraft, VehicleDraft, VehicleRules, check_limits, validate_vehicle

CORE = Path(checkpoint_app.core.__file__).parent
MODULES = ["arrival", "daily_report", "decision", "idcard", "keyarea", "masking", "phone", "pin", "regions", "temperature", "text",
           "vehicle"]
TODAY = date(2020, 2, 2)

BAD_INPUTS = [
    *[lambda t=t: parse_resident_id(t, TODAY) for t in [
        "", "420102780101123", "123", "4201021978O101123X", "42010219780101123A",
        "990101197801011234", "420199197801011234", "110101199002301234", "110101203001011234",
        "110101189912311234", "110105194912310021",
    ]],
    *[lambda d=d, t=t: normalise_document_number(d, t) for d, t in [
        (DocType.PASSPORT, ""), (DocType.PASSPORT, "E1"), (DocType.PASSPORT, "E1#234"),
        (DocType.HK_MACAU_PERMIT, "K12345678"), (DocType.HK_MACAU_PERMIT, "H123"),
        (DocType.TAIWAN_PERMIT, "123"), (DocType.OTHER, "1" * 41), (DocType.OTHER, "1\x002"),
    ]],
    *[lambda t=t: normalise_phone(t) for t in ["", "138", "12812345678", "138a", "+4479"]],
    *[lambda t=t: normalise_phone(t, foreign=True) for t in ["+1", "+1x2345678"]],
    *[lambda t=t: parse_temperature(t) for t in ["", "abc", "36.55", "36.", "365", "33.9"]],
    *[lambda f=f, s=s: require_complete(screen(f, s)) for f, s in [(None, None), (380, None), (340, None)]],
    lambda: KeyAreaRule.parse(["Atlantis"], 0),
    lambda: check_override(Decision.REFUSE, Decision.ADMIT, ""),
    lambda: clean_text("a\x00", 5, "notes"),
    lambda: clean_text("abcdef", 5, "notes"),
    lambda: normalise_name(""),
    lambda: normalise_name("李" * 101),
    *[lambda t=t: parse_day(t, TODAY, "arrival_date") for t in ["2-30", "soon"]],
    *[lambda d=d: check_confirmed(read_arrival(d, TODAY, 60), False) for d in [date(2019, 2, 2), date(2020, 3, 1)]],
    lambda: check_confirm_days(0),
    *[lambda t=t: check_pin(t, TODAY) for t in ["12a456", "123", "123456", "20200202"]],
    lambda: check_day(date(2020, 2, 3), TODAY),
    *[lambda d=d: validate_vehicle(d, Policy(), VehicleRules(), TODAY) for d in [
        VehicleDraft(plate="440301199001011238", occupant_count="0", vehicle_category="tank"),
        VehicleDraft(plate="张三丰", occupant_count="x"),
        VehicleDraft(plate="粤B12345", occupant_count="", direction="in"),
        VehicleDraft(plate="粤B12345", occupant_count="12", occupants=[OccupantDraft("36.5")] * 12),
        VehicleDraft(plate="粤B12345", occupant_count="2", occupants=[OccupantDraft("36.5")], origin_province="44"),
    ]],
    *[lambda v=v: check_limits(v) for v in [[1], {"tank": 1}, {"bus": 0}]],
]


def collected_problems() -> list[Problem]:
    problems: list[Problem] = []
    for bad in BAD_INPUTS:
        with pytest.raises(InvalidInput) as caught:
            bad()
        problems.extend(caught.value.problems)
    rule = KeyAreaRule()
    for arrival in (date(2020, 3, 1), None):
        problems.extend(rule.evaluate(PROVINCES["42"], "", None, arrival, TODAY, False).problems)
        problems.extend(rule.evaluate_plate(PROVINCES["42"], None, arrival, TODAY).problems)
    return problems


def placeholders(template: str) -> set[str]:
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    assert "" not in names, f"positional placeholder in {template!r}"
    return names


@pytest.mark.parametrize("found", collected_problems(), ids=lambda p: p.template[:40])
def test_placeholders_match_params(found):
    assert placeholders(found.template) == set(found.params)
    text = found.english()
    assert "{" not in text and "}" not in text and text.strip() == text


PASS_THROUGH = "_fail"  # helper that forwards its `template` argument to problem()


def calls(module: str):
    """(enclosing function name, call) for every call in the module."""
    tree = ast.parse((CORE / f"{module}.py").read_text(encoding="utf-8"))

    def visit(node: ast.AST, function: str):
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef) else function
            if isinstance(child, ast.Call):
                yield function, child
            yield from visit(child, inner)

    yield from visit(tree, "")


def is_noop(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and getattr(node.func, "id", None) == "QT_TRANSLATE_NOOP"


@pytest.mark.parametrize("module", MODULES)
def test_templates_are_marked_for_lupdate(module):
    """Every template reaching problem() is a QT_TRANSLATE_NOOP("problems", "<one literal>")."""
    for function, call in calls(module):
        name = getattr(call.func, "id", None)
        where = f"{module}.py:{call.lineno}"
        if name in ("problem", PASS_THROUGH):
            template = call.args[1]
            forwarded = function == PASS_THROUGH and isinstance(template, ast.Name)
            renumbered = isinstance(template, ast.Attribute) and template.attr == "template"
            assert is_noop(template) or forwarded or renumbered, f"{where}: template not marked"
        elif name == "QT_TRANSLATE_NOOP":
            context, text = call.args
            assert isinstance(context, ast.Constant) and context.value == CONTEXT, where
            assert isinstance(text, ast.Constant) and isinstance(text.value, str), where
            placeholders(text.value)


def test_core_imports_no_qt_or_database():
    code = (
        "import sys\n"
        + "".join(f"import checkpoint_app.core.{m}\n" for m in MODULES)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'sqlmodel', 'sqlalchemy', 'sqlite3', 'alembic'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_template_is_exercised_above():
    """A new template must get a bad input in BAD_INPUTS, so its placeholders are checked."""
    marked = {
        call.args[1].value
        for module in MODULES
        for _, call in calls(module)
        if getattr(call.func, "id", None) == "QT_TRANSLATE_NOOP"
    }
    assert marked == {p.template for p in collected_problems()}
