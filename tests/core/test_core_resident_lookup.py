"""What the resident field at the gate reads from the text typed or scanned."""

import pytest

from checkpoint_app.core.resident_lookup import Lookup, read_lookup


@pytest.mark.parametrize(("typed", "scanned", "expected"), [
    ("3-5-502", False, Lookup(room="3-5-502", pass_code="3-5-502")),
    ("3栋5单元502室", False, Lookup(room="3-5-502")),
    ("３－５－５０２", False, Lookup(room="3-5-502", pass_code="3-5-502")),
    ("5678", False, Lookup(phone_tail="5678", pass_code="5678")),
    ("13812345678", False, Lookup(phone="13812345678")),
    ("138 1234 5678", False, Lookup(phone="13812345678")),
    ("渝A12345", False, Lookup(plate="渝A12345")),
    ("渝a 12345", False, Lookup(plate="渝A12345")),
    ("11010519491231002x", False, Lookup(id_number="11010519491231002X")),
    ("jb00012345", False, Lookup(pass_code="JB00012345")),
    ("jb00012345", True, Lookup(pass_code="JB00012345")),
    ("3-5-502", True, Lookup(pass_code="3-5-502")),  # a scan is a pass code, never a room
    ("王五", False, Lookup()),
    ("王五", True, Lookup()),
    ("", False, Lookup()),
    ("   ", True, Lookup()),
    ("12", False, Lookup()),  # too short for anything
])
def test_read_lookup(typed, scanned, expected):
    assert read_lookup(typed, scanned) == expected
    assert bool(read_lookup(typed, scanned)) is bool(expected)
