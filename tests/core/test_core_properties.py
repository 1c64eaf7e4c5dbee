"""Property tests (issue 10 item 5, hypothesis): the identity, phone, plate and
temperature validators, given any text at all, either accept it or raise their validation
error (InvalidInput, naming the field) — never anything else; what they accept they
accept again unchanged (normalising is idempotent); and a whole person form of random
text is either saved-ready or refused with problems, never a crash."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkpoint_app.core.decision import Category
from checkpoint_app.core.entry import EntryDraft, Policy, validate_entry
from checkpoint_app.core.idcard import DocType, normalise_document_number, parse_resident_id
from checkpoint_app.core.phone import normalise_phone
from checkpoint_app.core.plates import parse_plate
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.temperature import parse_temperature

TODAY = dt.date(2026, 11, 29)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# any text, and text that looks like what is typed at a gate (digits, letters, Chinese,
# the full-width and odd characters a scanner or an IME produces)
ANY_TEXT = st.text(max_size=40)
GATE_TEXT = st.text(alphabet=st.sampled_from(
    "0123456789Xx ABCDEFGHJKLMNPQRSTUVWXYZabcz-.·。，．,+()（）京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
    "使领警学挂港澳试超应急民航临ＯＩ０１２３\u3000\t\n\u200b"), max_size=24)
TEXTS = st.one_of(ANY_TEXT, GATE_TEXT)


def _refused_properly(error: InvalidInput, field: str) -> None:
    assert error.problems and all(p.field == field for p in error.problems)


@SETTINGS
@given(TEXTS)
def test_a_resident_id_is_parsed_or_refused(text: str) -> None:
    try:
        parsed = parse_resident_id(text, TODAY)
    except InvalidInput as error:
        _refused_properly(error, "id_number")
        return
    assert parse_resident_id(parsed.number, TODAY).number == parsed.number


@SETTINGS
@given(st.sampled_from(list(DocType)), TEXTS)
def test_any_document_number_is_normalised_or_refused(doc_type: DocType, text: str) -> None:
    try:
        number = normalise_document_number(doc_type, text, TODAY)
    except InvalidInput as error:
        _refused_properly(error, "id_number")
        return
    assert normalise_document_number(doc_type, number, TODAY) == number


@SETTINGS
@given(TEXTS, st.booleans())
def test_a_phone_is_normalised_or_refused(text: str, foreign: bool) -> None:
    try:
        phone = normalise_phone(text, foreign)
    except InvalidInput as error:
        _refused_properly(error, "phone")
        return
    assert normalise_phone(phone, foreign) == phone


@SETTINGS
@given(TEXTS)
def test_a_plate_is_parsed_or_refused(text: str) -> None:
    try:
        plate = parse_plate(text)
    except InvalidInput as error:
        _refused_properly(error, "plate")
        return
    assert parse_plate(plate.text).text == plate.text


@SETTINGS
@given(st.one_of(TEXTS, st.floats(allow_nan=True, allow_infinity=True).map(str),
                 st.integers(min_value=-10**6, max_value=10**6).map(lambda n: f"{n / 10}")))
def test_a_temperature_is_parsed_or_refused(text: str) -> None:
    try:
        tenths = parse_temperature(text)
    except InvalidInput as error:
        _refused_properly(error, "temperature")
        return
    assert isinstance(tenths, int) and parse_temperature(f"{tenths / 10:.1f}") == tenths


@SETTINGS
@given(st.fixed_dictionaries({
    "category": st.sampled_from([c.value for c in Category]),
    "name": ANY_TEXT, "id_number": TEXTS, "phone": TEXTS, "temperature": TEXTS, "temperature2": TEXTS,
    "origin_province": st.one_of(st.none(), st.sampled_from(["11", "42", "50", "99", "", "xx"])),
    "origin_city": ANY_TEXT, "destination": ANY_TEXT, "purpose": ANY_TEXT, "notes": ANY_TEXT,
}))
def test_a_person_form_of_any_text_is_ready_or_refused_with_problems(fields: dict) -> None:
    draft = EntryDraft(**{k: v for k, v in fields.items() if v is not None})
    try:
        passage = validate_entry(draft, Policy(), TODAY)
    except InvalidInput as error:
        assert error.problems
        return
    assert passage is not None


@st.composite
def resident_ids(draw) -> str:
    """A valid resident ID number: a real county, a birth date, a sequence, its check character."""
    from checkpoint_app.core.idcard import check_character

    county = draw(st.sampled_from(["110105", "420102", "500112", "310115", "440305", "510104"]))
    born = draw(st.dates(min_value=dt.date(1920, 1, 1), max_value=TODAY))
    first17 = f"{county}{born:%Y%m%d}{draw(st.integers(0, 999)):03d}"
    return first17 + check_character(first17)


FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


@SETTINGS
@given(resident_ids(), st.sampled_from(["plain", "spaced", "lower", "full-width"]))
def test_a_valid_resident_id_however_typed_is_accepted_as_the_canonical_number(number: str, typed: str) -> None:
    text = {"plain": number, "spaced": f" {number[:6]} {number[6:14]} {number[14:]} ",
            "lower": number.lower(), "full-width": number.translate(FULL_WIDTH)}[typed]
    try:
        parsed = parse_resident_id(text, TODAY)
    except InvalidInput as error:  # only a form a guard cannot have meant may be refused
        assert typed != "plain", (number, error.problems)
        return
    assert parsed.number == number
    mistyped = number[:-2] + str((int(number[-2]) + 1) % 10) + number[-1]  # one digit wrong
    try:
        parse_resident_id(mistyped, TODAY)
    except InvalidInput as error:
        _refused_properly(error, "id_number")
    else:
        raise AssertionError(f"{mistyped} (one digit off {number}) was accepted")
