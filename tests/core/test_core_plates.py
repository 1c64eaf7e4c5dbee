"""Vehicle plates: every kind valid and invalid, the province table and the province picker."""

import ast
import dataclasses
import string
import subprocess
import sys
from pathlib import Path

import pytest

import checkpoint_app.core.plates as plates_module
from checkpoint_app.core.plates import PLATE_PROVINCES, Plate, PlateKind, parse_plate, pick_provinces
from checkpoint_app.core.problems import CONTEXT, InvalidInput

K = PlateKind

# Written out independently of core/regions.py, so a wrong code there fails here.
GB_CODES = {
    "京": "11", "津": "12", "冀": "13", "晋": "14", "蒙": "15", "辽": "21", "吉": "22", "黑": "23",
    "沪": "31", "苏": "32", "浙": "33", "皖": "34", "闽": "35", "赣": "36", "鲁": "37", "豫": "41",
    "鄂": "42", "湘": "43", "粤": "44", "桂": "45", "琼": "46", "渝": "50", "川": "51", "贵": "52",
    "云": "53", "藏": "54", "陕": "61", "甘": "62", "青": "63", "宁": "64", "新": "65",
}

VALID = [
    # typed, kind hint, normalised text, kind, province
    ("鄂A12345", None, "鄂A12345", K.ORDINARY, "鄂"),
    ("鄂a12345", None, "鄂A12345", K.ORDINARY, "鄂"),
    ("鄂Ａ１２３４５", None, "鄂A12345", K.ORDINARY, "鄂"),
    (" 京 A·8G8J8 ", None, "京A8G8J8", K.ORDINARY, "京"),
    ("沪B-AB123", None, "沪BAB123", K.ORDINARY, "沪"),
    ("渝c1234k", None, "渝C1234K", K.ORDINARY, "渝"),
    ("浙O12345", None, "浙O12345", K.ORDINARY, "浙"),  # O: a provincial police department's own plates
    ("新Q•12345", None, "新Q12345", K.ORDINARY, "新"),
    ("琼A・56789", None, "琼A56789", K.ORDINARY, "琼"),
    ("粤ａ．１２３４５", None, "粤A12345", K.ORDINARY, "粤"),
    ("冀AD1234", "ordinary", "冀AD1234", K.ORDINARY, "冀"),
    ("京AD12345", None, "京AD12345", K.NEW_ENERGY_SMALL, "京"),
    ("粤BA12345", None, "粤BA12345", K.NEW_ENERGY_SMALL, "粤"),  # A: the widened pure-electric range
    ("鄂A C 12345", None, "鄂AC12345", K.NEW_ENERGY_SMALL, "鄂"),
    ("沪AFM1234", None, "沪AFM1234", K.NEW_ENERGY_SMALL, "沪"),
    ("川AJ12345", None, "川AJ12345", K.NEW_ENERGY_SMALL, "川"),
    ("苏ek12345", None, "苏EK12345", K.NEW_ENERGY_SMALL, "苏"),
    ("浙ＡＤＡ１２３４", None, "浙ADA1234", K.NEW_ENERGY_SMALL, "浙"),
    ("鄂AD12345", "new_energy_small", "鄂AD12345", K.NEW_ENERGY_SMALL, "鄂"),
    ("京A12345D", None, "京A12345D", K.NEW_ENERGY_LARGE, "京"),
    ("鄂a12345f", None, "鄂A12345F", K.NEW_ENERGY_LARGE, "鄂"),
    ("粤B·12345D", None, "粤B12345D", K.NEW_ENERGY_LARGE, "粤"),
    ("湘Ａ１２３４５Ｄ", K.NEW_ENERGY_LARGE, "湘A12345D", K.NEW_ENERGY_LARGE, "湘"),
    ("鄂A1234挂", None, "鄂A1234挂", K.TRAILER, "鄂"),
    ("鲁b·a123挂", None, "鲁BA123挂", K.TRAILER, "鲁"),
    ("冀Ｃ１２３４挂", "trailer", "冀C1234挂", K.TRAILER, "冀"),
    ("川A1234学", None, "川A1234学", K.COACH, "川"),
    ("苏e 5678 学", None, "苏E5678学", K.COACH, "苏"),
    ("川A0001警", None, "川A0001警", K.POLICE, "川"),
    ("京AA250警", None, "京AA250警", K.POLICE, "京"),
    ("陕O1313警", None, "陕O1313警", K.POLICE, "陕"),
    ("沪aB013警", "police", "沪AB013警", K.POLICE, "沪"),
    ("粤Z7C59港", None, "粤Z7C59港", K.HONG_KONG, "粤"),
    ("粤z1234港", None, "粤Z1234港", K.HONG_KONG, "粤"),
    ("粤Ｚ１２３４港", "hong_kong", "粤Z1234港", K.HONG_KONG, "粤"),
    ("粤Z1234澳", None, "粤Z1234澳", K.MACAO, "粤"),
    ("粤z·a123澳", None, "粤ZA123澳", K.MACAO, "粤"),
    ("使224009", None, "使224009", K.EMBASSY, None),
    ("使 224·009", None, "使224009", K.EMBASSY, None),
    ("224-009使", None, "使224009", K.EMBASSY, None),
    ("使１９６０１３", "embassy", "使196013", K.EMBASSY, None),
    ("沪A1234领", None, "沪A1234领", K.CONSULATE, "沪"),
    ("鄂a0012领", None, "鄂A0012领", K.CONSULATE, "鄂"),
    ("闽D·1234领", "consulate", "闽D1234领", K.CONSULATE, "闽"),
    ("BA12345", None, "BA12345", K.MILITARY, None),
    ("ka·12345", None, "KA12345", K.MILITARY, None),
    ("ＶＡ１２３４５", "military", "VA12345", K.MILITARY, None),
    ("WJ京12345", None, "WJ京12345", K.ARMED_POLICE, "京"),
    ("WJ京1234T", None, "WJ京1234T", K.ARMED_POLICE, "京"),
    ("wj01·12345", None, "WJ0112345", K.ARMED_POLICE, None),
    ("WJ·12345", "armed_police", "WJ12345", K.ARMED_POLICE, None),
    ("  临时  鄂A1234 ", "other", "临时 鄂A1234", K.OTHER, None),
    ("鄂ａ１２３４临", "other", "鄂A1234临", K.OTHER, None),
    ("unreadable, white van", K.OTHER, "UNREADABLE, WHITE VAN", K.OTHER, None),
    ("鄂A1234", "other", "鄂A1234", K.OTHER, None),  # a hint "other" takes what a parse would refuse
]


@pytest.mark.parametrize(("typed", "hint", "text", "kind", "province"), VALID, ids=[f"{v[3]}:{v[0]}" for v in VALID])
def test_valid_plates(typed, hint, text, kind, province):
    plate = parse_plate(typed, hint)
    assert plate == Plate(text, kind, province, GB_CODES[province] if province else None)


@pytest.mark.parametrize("kind", list(PlateKind))
def test_every_kind_has_valid_examples(kind):
    assert sum(1 for v in VALID if v[3] is kind) >= 2


@pytest.mark.parametrize("abbr", sorted(GB_CODES))
def test_every_province_abbreviation(abbr):
    plate = parse_plate(f"{abbr}A12345")
    assert (plate.province, plate.region_code, plate.kind) == (abbr, GB_CODES[abbr], K.ORDINARY)


INVALID = [
    # typed, kind hint, what the message says
    ("", None, "Enter the plate number."),
    ("   ", None, "Enter the plate number."),
    ("·-", "ordinary", "Enter the plate number."),
    ("   ", "other", "Enter the plate number, or describe the plate"),
    ("港A12345", None, 'such as 京, 沪 or 鄂; "港" is not one'),
    ("蜀A12345", None, '"蜀" is not one'),
    ("A12345", None, '"A" is not one'),
    ("12345", None, '"1" is not one'),
    ("BA12345", "ordinary", '"B" is not one'),
    ("鄂", None, 'The issuing-authority letter is missing after "鄂".'),
    ("鄂112345", None, 'After "鄂" comes the issuing-authority letter, A to Z, not "1".'),
    ("鄂挂1234", None, 'A to Z, not "挂"'),
    ("鄂I12345", None, "The issuing-authority letter is never I."),
    ("鄂i12345", None, "never I"),
    ("鄂A1234#", None, 'Character 7, "#", is not allowed there'),
    ("鄂A12警45", None, 'Character 5, "警", is not allowed there'),
    ("鄂A12O45", None, 'Character 5 is "O": plates never use the letters I and O'),
    ("鄂A1i345", None, 'Character 4 is "I"'),
    ("鄂Ａ１２３４Ｏ", None, 'Character 7 is "O"'),
    ("鄂AABC12", None, "at most two letters; 3 were typed"),
    ("鄂AA1B2C", None, "at most two letters; 3 were typed"),
    ("鄂AABC1挂", None, "at most two letters; 3 were typed"),
    ("鄂A1234", None, "An ordinary plate has 7 characters and a new-energy plate 8; 6 were typed."),
    ("鄂A123456789", None, "8; 11 were typed"),
    ("鄂AD12345", "ordinary", "A plate like 鄂A12345 has 7 characters; 8 were typed."),
    ("鄂AD1234", "new_energy_small", "A plate like 鄂AD12345 has 8 characters; 7 were typed."),
    ("鄂A1234D", "new_energy_large", "A plate like 鄂A12345D has 8 characters; 7 were typed."),
    ("鄂A12345挂", None, "A plate like 鄂A1234挂 has 7 characters; 8 were typed."),
    ("粤Z123港", None, "A plate like 粤Z1234港 has 7 characters; 6 were typed."),
    ("沪A12345领", None, "A plate like 沪A1234领 has 7 characters; 8 were typed."),
    ("使22400", None, "A plate like 使224009 has 7 characters; 6 were typed."),
    ("BA1234", None, "A plate like BA12345 has 7 characters; 6 were typed."),
    ("B", "military", "A plate like BA12345 has 7 characters; 1 were typed."),
    ("WJ京1234", None, "5 to 7 letters and digits after WJ and its province abbreviation, if any; 4 were typed."),
    ("WJ0112345678", None, "; 10 were typed"),
    ("鄂AL12345", None, 'right after the issuing-authority letter, not "L"'),
    ("鄂AI12345", None, 'or F, G, H, J or K (other new energy) right after the issuing-authority letter, not "I"'),
    ("鄂A112345", "new_energy_small", 'not "1"'),
    ("鄂ADO1234", None, 'Character 4 is "O"'),
    ("鄂AD1A345", None, 'A small new-energy plate ends with four digits; character 5 is "A".'),
    ("鄂AD12345Z", "new_energy_small", "A plate like 鄂AD12345 has 8 characters; 9 were typed."),
    ("鄂A1234AD", None, 'A large new-energy plate has five digits after the issuing-authority letter; character 7 is "A".'),
    ("鄂AD12345", "new_energy_large", 'character 3 is "D"'),
    ("鄂A12345E", None, 'A large new-energy plate ends with D (pure electric) or F (other new energy), not "E".'),
    ("鄂A12345A", None, 'not "A"'),  # the widened letters are for small plates only
    ("鄂A123456", None, "An 8-character plate is a new-energy plate"),
    ("鄂A1234挂", "ordinary", '"挂" does not belong at the end of this kind of plate.'),
    ("鄂A1234警", "new_energy_small", '"警" does not belong at the end'),
    ("鄂A1234使", None, '"使" does not belong at the end'),
    ("鄂A12345", "trailer", 'This kind of plate ends with "挂".'),
    ("鄂A1234挂", "coach", 'ends with "学"'),
    ("鄂A1234澳", "police", 'ends with "警"'),
    ("粤Z1234澳", "hong_kong", 'ends with "港"'),
    ("鄂A1234", "consulate", 'ends with "领"'),
    ("鄂A1234港", None, 'Plates ending with "港" are issued as 粤Z only, not "鄂A".'),
    ("粤B1234澳", None, 'Plates ending with "澳" are issued as 粤Z only, not "粤B".'),
    ("粤Z12345", None, "粤Z plates belong to Hong Kong and Macao vehicles and end with 港 or 澳."),
    ("粤ZD12345", "new_energy_small", "粤Z plates belong"),
    ("224009", "embassy", 'An embassy plate has "使" before its six digits.'),
    ("使22400A", None, 'An embassy plate has six digits after "使", not "A".'),
    ("鄂A12345", "embassy", 'has "使" before'),
    ("鄂A12345", "military", 'A military plate starts with two letters (never I or O), not "鄂".'),
    ("BI12345", None, 'two letters (never I or O), not "I"'),
    ("BA1234X", None, 'A military plate has five digits after its two letters; character 7 is "X".'),
    ("鄂A12345", "armed_police", "An armed-police plate starts with WJ."),
    ("WJ京1234I", None, 'Character 8 is "I"'),
    ("WJ京12#45", None, 'Character 6, "#", is not allowed there'),
    ("x" * 31, "other", "Too long: 31 characters, at most 30 allowed."),
    ("鄂A\x001234", "other", "invisible control character"),
]


@pytest.mark.parametrize(("typed", "hint", "message"), INVALID, ids=[f"{v[1]}:{v[0]!r}" for v in INVALID])
def test_invalid_plates(typed, hint, message):
    with pytest.raises(InvalidInput) as caught:
        parse_plate(typed, hint)
    (only,) = caught.value.problems
    assert only.field == "plate"
    assert message in only.english()


def test_problems_go_to_the_field_named():
    with pytest.raises(InvalidInput) as caught:
        parse_plate("鄂I12345", field="occupants.0.plate")
    assert [p.field for p in caught.value.problems] == ["occupants.0.plate"]


def test_unknown_hint_is_a_programming_error():
    with pytest.raises(ValueError, match="lorry"):
        parse_plate("鄂A12345", "lorry")


def test_plate_is_frozen():
    plate = parse_plate("鄂A12345")
    with pytest.raises(dataclasses.FrozenInstanceError):
        plate.text = "鄂A54321"  # type: ignore[misc]
    assert plate.kind == "ordinary"  # a str enum: stored and compared as its value


# --- the province table and the picker -------------------------------------------------


def test_plate_provinces_are_the_31_mainland_ones_in_code_order():
    assert list(PLATE_PROVINCES) == sorted(GB_CODES, key=GB_CODES.get)
    assert {a: p.code for a, p in PLATE_PROVINCES.items()} == GB_CODES


@pytest.mark.parametrize(
    ("abbr", "initial", "name"),
    [("鄂", "E", "湖北省"), ("京", "J", "北京市"), ("沪", "H", "上海市"), ("陕", "S", "陕西省"),
     ("藏", "Z", "西藏自治区"), ("渝", "Y", "重庆市"), ("蒙", "M", "内蒙古自治区"), ("赣", "G", "江西省")],
)
def test_plate_province_entries(abbr, initial, name):
    entry = PLATE_PROVINCES[abbr]
    assert (entry.abbr, entry.initial, entry.name) == (abbr, initial, name)


ALL_IN_CODE_ORDER = sorted(GB_CODES, key=GB_CODES.get)


@pytest.mark.parametrize(
    ("typed", "default", "expected"),
    [
        ("", "鄂", ["鄂"] + [a for a in ALL_IN_CODE_ORDER if a != "鄂"]),
        ("", None, ALL_IN_CODE_ORDER),
        ("", "港", ALL_IN_CODE_ORDER),  # not a plate province: ignored
        ("42", None, ["鄂"]),
        ("42", "京", ["鄂"]),
        ("4", None, list("豫鄂湘粤桂琼")),
        ("4", "粤", list("粤豫鄂湘桂琼")),
        ("５", None, list("渝川贵云藏")),
        ("6", None, list("陕甘青宁新")),
        ("7", None, []),
        ("421", None, []),
        ("J", None, list("京津冀晋吉")),
        ("j", "吉", list("吉京津冀晋")),
        ("Ｅ", None, ["鄂"]),
        ("G", None, list("赣桂贵甘")),
        ("Y", "渝", list("渝豫粤云")),
        ("Q", None, list("琼青")),
        ("sh", None, ["陕"]),
        ("jin", None, list("京津晋")),
        ("V", None, []),
        ("鄂", None, ["鄂"]),
        (" 鄂 ", "京", ["鄂"]),
        ("湖北", None, ["鄂"]),
        ("蜀", None, ["川"]),
        ("港", None, []),
        ("4a", None, []),
    ],
)
def test_pick_provinces(typed, default, expected):
    assert pick_provinces(typed, default) == expected


# --- the templates: marked, filled, exercised (plates.py is not in the shared list) ----

SOURCE = Path(plates_module.__file__)


def marked_templates() -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(SOURCE.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "QT_TRANSLATE_NOOP":
            context, text = node.args
            assert isinstance(context, ast.Constant) and context.value == CONTEXT
            assert isinstance(text, ast.Constant) and isinstance(text.value, str)
            found.add(text.value)
    return found


def raised_problems():
    for typed, hint, _ in INVALID:
        with pytest.raises(InvalidInput) as caught:
            parse_plate(typed, hint)
        yield from caught.value.problems


def test_every_template_is_exercised_and_filled():
    seen = set()
    for found in raised_problems():
        names = {name for _, name, _, _ in string.Formatter().parse(found.template) if name is not None}
        assert "" not in names, found.template
        assert names == set(found.params), found.template
        assert "{" not in found.english()
        seen.add(found.template)
    assert marked_templates() - seen == set()  # every plate template was raised above


def test_every_problem_template_is_marked():
    """problem()/_fail() get a template written inline as QT_TRANSLATE_NOOP, so lupdate sees it."""
    for node in ast.walk(ast.parse(SOURCE.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_fail":
            template = node.args[1]
            assert isinstance(template, ast.Call) and getattr(template.func, "id", None) == "QT_TRANSLATE_NOOP", node.lineno


def test_plates_import_no_qt_or_database():
    code = (
        "import sys\nimport checkpoint_app.core.plates\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'sqlmodel', 'sqlalchemy', 'sqlite3', 'alembic'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
