"""Free text and names."""

import pytest

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.text import clean_text, normalise_name


@pytest.mark.parametrize(
    ("value", "cleaned"),
    [
        ("  hello  ", "hello"),
        ("a \t\n b", "a b"),
        ("送  快递", "送 快递"),
        ("", ""),
        ("   ", ""),
        ("e\u0301", "é"),  # NFC
        ("x" * 10, "x" * 10),
    ],
)
def test_clean_text(value, cleaned):
    assert clean_text(value, 10, "purpose") == cleaned


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("x" * 11, "Too long: 11 characters, at most 10 allowed."),
        ("ab\x00c", "Character 3 is an invisible control character (code U+0000)"),
        ("ab\x1b[31m", "U+001B"),
        ("abc\u202e", "U+202E"),  # right-to-left override
        ("a\u200bb", "U+200B"),  # zero-width space
    ],
)
def test_clean_text_problems(value, expected):
    with pytest.raises(InvalidInput) as caught:
        clean_text(value, 10, "purpose")
    (only,) = caught.value.problems
    assert only.field == "purpose"
    assert expected in only.english()


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("阿依古丽 · 买买提", "阿依古丽·买买提"),
        ("阿依古丽・买买提", "阿依古丽·买买提"),  # katakana middle dot from an IME
        ("阿依古丽•买买提", "阿依古丽·买买提"),
        ("𠮷野家", "𠮷野家"),
        ("John Smith", "John Smith"),
        ("  John   Smith ", "John Smith"),
        ("李", "李"),
        ("李" * 40, "李" * 40),
        ("𠮷" * 100, "𠮷" * 100),  # characters, not UTF-16 units or bytes
        ("阿卜杜热合曼·买买提艾力·" * 7 + "江", "阿卜杜热合曼·买买提艾力·" * 7 + "江"),  # 92 characters, kept whole
        ("a" * 100, "a" * 100),
    ],
)
def test_normalise_name(value, name):
    assert normalise_name(value) == name


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", "Enter the name."), ("   ", "Enter the name."), ("李\x07四", "U+0007"),
     ("李" * 101, "Too long: 101 characters, at most 100 allowed."),
     ("x" * 300, "Too long: 300 characters, at most 100 allowed.")],  # refused whole, never cut to fit
)
def test_normalise_name_problems(value, expected):
    with pytest.raises(InvalidInput) as caught:
        normalise_name(value)
    (only,) = caught.value.problems
    assert only.field == "name"
    assert expected in only.english()
