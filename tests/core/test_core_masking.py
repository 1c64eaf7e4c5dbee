"""Masking for the screen."""

import pytest

from checkpoint_app.core.masking import mask_id_number, mask_name, mask_phone


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("50010119900101123X", "500101********123X"),
        ("11010519491231002X", "110105********002X"),
        ("H12345678", "H1*****78"),
        ("E1234", "E1*34"),
        ("ABCD", "****"),
        ("A", "*"),
        ("", ""),
    ],
)
def test_mask_id_number(value, masked):
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+447911123456", "+44********56"),
        ("+123456", "+12**56"),
        ("+1234", "+****"),
        ("12345", "12*45"),
        ("", ""),
    ],
)
def test_mask_phone(value, masked):
    assert mask_phone(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("李", "李"),
        ("李四", "李*"),
        ("张三丰", "张*丰"),
        ("欧阳娜娜", "欧**娜"),
        ("𠮷", "𠮷"),
        ("𠮷野", "𠮷*"),
        ("𠮷野家", "𠮷*家"),
        ("李𠮷", "李*"),
        ("王𠮷𠮷", "王*𠮷"),
        ("阿依古丽·买买提", "阿***·**提"),
        ("买买提·艾力", "买**·*力"),
        ("A·B", "A·*"),
        ("John Smith", "J*** ****h"),
        ("", ""),
    ],
)
def test_mask_name(value, masked):
    result = mask_name(value)
    assert result == masked
    assert len(result) == len(value)
