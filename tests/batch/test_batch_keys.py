"""keys.py: fingerprints, the station key, the office identity (sealed with a passphrase),
the office's public key and the enrollment file (docs/batch-format.md §7–8)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pyrage
import pytest
from pyrage import x25519

from checkpoint_app.batch.errors import BatchRejected
from checkpoint_app.batch.keys import (
    ESCROW,
    OFFICE,
    Enrollment,
    OfficeIdentity,
    OfficePublic,
    fingerprint,
    read_station_key,
    station_key_text,
)
from checkpoint_app.batch.minisign import SigningKey

NOW = dt.datetime(2020, 2, 13, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
PASSPHRASE = "卡口 office passphrase"


@pytest.fixture(scope="module")
def office() -> OfficeIdentity:
    return OfficeIdentity.generate("太平街道办", OFFICE)


@pytest.fixture(scope="module")
def sealed_office(office) -> bytes:
    return office.seal(PASSPHRASE)  # scrypt: made once


def rejected(reason: str, what: str | None = None):
    """pytest.raises for a BatchRejected with this reason (and `what` parameter)."""

    class Matcher:
        def __enter__(self):
            self.raises = pytest.raises(BatchRejected)
            self.info = self.raises.__enter__()
            return self.info

        def __exit__(self, *exc):
            handled = self.raises.__exit__(*exc)
            assert self.info.value.reason == reason, self.info.value
            if what is not None:
                assert self.info.value.problem.params["what"] == what, self.info.value
            return handled

    return Matcher()


# ---- fingerprint -----------------------------------------------------------------------

@pytest.mark.parametrize("lines", [("age1abc",), ("age1abc", "RWxyz"), ("RWxyz",)])
def test_fingerprint_is_24_digits_in_six_groups_and_stable(lines):
    """SHA-256 of the lines, its first 10 bytes big endian mod 10^24, recomputed here."""
    import hashlib

    printed = fingerprint(*lines)
    assert re.fullmatch(r"\d{4}( \d{4}){5}", printed)
    digest = hashlib.sha256("".join(line + "\n" for line in lines).encode()).digest()
    assert printed.replace(" ", "") == f"{int.from_bytes(digest[:10], 'big') % 10**24:024d}"
    assert fingerprint(*lines) == printed


def test_fingerprint_known_value():
    """Pinned, so a change of the construction (which every enrolled office read aloud) shows."""
    assert fingerprint("age1qqq") == "9045 6445 9946 2347 0397 4223"
    assert fingerprint("RWxyz") != fingerprint("RWxyz ")
    assert fingerprint("a", "b") != fingerprint("ab")


# ---- station key -------------------------------------------------------------------------

def test_station_key_round_trip():
    key = SigningKey.generate()
    text = station_key_text(key, NOW)
    assert json.loads(text)["created_at"] == "2020-02-13T01:30:00Z"
    assert read_station_key(text) == key


@pytest.mark.parametrize("text, what", [
    ("not json", "JSONDecodeError"),
    ("[]", "AttributeError"),
    ('{"format": "other"}', "format"),
    ('{"format": "checkpoint-station-key"}', "KeyError"),
    ('{"format": "checkpoint-station-key", "key_id": "00", "seed": "AAAA"}', "length"),
    ('{"format": "checkpoint-station-key", "key_id": "zz", "seed": "AAAA"}', "ValueError"),
])
def test_a_bad_station_key_file_is_refused(text, what):
    with rejected("bad_key_file", what):
        read_station_key(text)


# ---- office identity ---------------------------------------------------------------------

def test_identity_seal_unseal_round_trip(office, sealed_office):
    assert sealed_office.startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert OfficeIdentity.unseal(sealed_office, PASSPHRASE) == office


def test_identity_text_is_an_age_identity_file(office):
    text = office.to_text()
    assert [line for line in text.splitlines() if not line.startswith("#")] == [office.age_identity]
    assert OfficeIdentity.from_text(text) == office
    secret = x25519.Identity.from_str(office.age_identity)
    assert pyrage.decrypt(pyrage.encrypt(b"x", [x25519.Recipient.from_str(office.public().age_recipient)]),
                          [secret]) == b"x"


def test_a_wrong_passphrase_is_bad_passphrase(sealed_office):
    with rejected("bad_passphrase") as info:
        OfficeIdentity.unseal(sealed_office, "wrong", file="office.key")
    assert info.value.problem.english() == "office.key: the passphrase is wrong."


@pytest.mark.parametrize("data, what", [
    (b"", "not an age file"),
    (b"# checkpoint-office-identity 1\nAGE-SECRET-KEY-1...\n", "not an age file"),
    (b"-----BEGIN AGE ENCRYPTED FILE-----\n", "not an age file"),
], ids=["empty", "unencrypted text", "armored"])
def test_not_an_age_file_is_a_bad_key_file(data, what):
    with rejected("bad_key_file", what):
        OfficeIdentity.unseal(data, PASSPHRASE)


def test_an_age_file_for_a_recipient_is_not_a_passphrase_file(office):
    """A batch (or any file encrypted to a key) given as the identity: not a key file, not a
    wrong passphrase."""
    data = pyrage.encrypt(office.to_text().encode(), [x25519.Recipient.from_str(office.public().age_recipient)])
    with rejected("bad_key_file", "not a passphrase-protected file"):
        OfficeIdentity.unseal(data, PASSPHRASE)


def test_a_cut_identity_file_is_damaged_not_a_wrong_passphrase(sealed_office):
    with rejected("bad_key_file", "damaged"):
        OfficeIdentity.unseal(sealed_office[:-5], PASSPHRASE)


def test_a_passphrase_file_that_is_not_an_identity_is_a_bad_key_file():
    with rejected("bad_key_file", "format"):
        OfficeIdentity.unseal(pyrage.passphrase.encrypt(b"hello\n", "pw"), "pw")


@pytest.mark.parametrize("change, what", [
    (lambda t: t.replace("# checkpoint-office-identity 1", "# checkpoint-office-identity 2"), "format"),
    (lambda t: "\n".join(line for line in t.splitlines() if not line.startswith("AGE-")), "keys"),
    (lambda t: t + "AGE-SECRET-KEY-1QQQ\n", "keys"),
    (lambda t: re.sub(r"AGE-SECRET-KEY-1\w+", "AGE-SECRET-KEY-1BROKEN", t), "keys"),
    (lambda t: re.sub(r"# signing-seed: .*", "# signing-seed: AAAA", t), "keys"),
    (lambda t: re.sub(r"# signing-key-id: .*", "# signing-key-id: 00", t), "keys"),
    (lambda t: re.sub(r"# signing-seed: .*", "# signing-seed: !!", t), "keys"),
    (lambda t: "\n".join(line for line in t.splitlines() if "signing-key-id" not in line), "keys"),
    (lambda t: t.replace("# role: office", "# role: boss"), "keys"),
], ids=["newer format", "no secret", "two secrets", "broken secret", "short seed", "short key id",
        "seed not base64", "no key id", "unknown role"])
def test_a_bad_identity_text_is_refused(office, change, what):
    with rejected("bad_key_file", what):
        OfficeIdentity.from_text(change(office.to_text()))


def test_escrow_identity_has_no_signing_public_key():
    escrow = OfficeIdentity.generate("区应急指挥部", ESCROW)
    public = escrow.public()
    assert public.role == ESCROW and public.signing is None
    assert public.key_lines == (public.age_recipient,)
    assert OfficePublic.from_text(public.to_text()) == public


# ---- office public key -------------------------------------------------------------------

def test_office_public_round_trip_and_fingerprint(office):
    public = office.public()
    text = public.to_text()
    assert text.splitlines()[:4] == ["# checkpoint-office-public 1", "# name: 太平街道办", "# role: office",
                                     f"# fingerprint: {public.fingerprint}"]
    assert public.fingerprint == fingerprint(public.age_recipient, public.signing.to_text())
    assert OfficePublic.from_text(text) == public
    assert OfficePublic.from_text(text.replace(f"# fingerprint: {public.fingerprint}\n", "")) == public


def _other_fingerprint(text: str) -> str:
    return re.sub(r"# fingerprint: [\d ]+", "# fingerprint: 0000 0000 0000 0000 0000 0000", text)


@pytest.mark.parametrize("change, what", [
    (lambda t: t.replace("checkpoint-office-public 1", "checkpoint-office-public 2"), "format"),
    (lambda t: t.replace("# checkpoint-office-public 1\n", ""), "format"),
    (lambda t: t.replace("# role: office", "# role: boss"), "keys"),
    (lambda t: "\n".join(line for line in t.splitlines() if not line.startswith("RW")), "keys"),
    (lambda t: "\n".join(line for line in t.splitlines() if not line.startswith("age1")), "keys"),
    (lambda t: re.sub(r"age1\w+", "age1broken", t), "keys"),
    (lambda t: re.sub(r"RW\S+", "RWbroken", t), "keys"),
    (_other_fingerprint, "fingerprint"),
], ids=["newer format", "no header", "unknown role", "office without signing key", "no recipient",
        "broken recipient", "broken signing key", "fingerprint does not match"])
def test_a_bad_office_public_file_is_refused(office, change, what):
    with rejected("bad_key_file", what):
        OfficePublic.from_text(change(office.public().to_text()))


def test_a_key_line_swapped_for_another_office_is_caught_by_the_fingerprint(office):
    other = OfficeIdentity.generate("other").public()
    text = office.public().to_text().replace(office.public().age_recipient, other.age_recipient)
    with rejected("bad_key_file", "fingerprint"):
        OfficePublic.from_text(text)


# ---- enrollment ----------------------------------------------------------------------------

STATION = {"code": "JB-TSP-01", "name": "太平桥卡口", "district": "太平街道", "station_type": "road_checkpoint",
           "province_code": "42"}


def enrollment() -> Enrollment:
    return Enrollment(dict(STATION), SigningKey.generate().public(), "2020-02-13T01:30:00Z")


def test_enrollment_round_trip():
    made = enrollment()
    data = json.loads(made.to_text())
    assert data["fingerprint"] == fingerprint(made.signing.to_text()) == made.fingerprint
    assert data["station"]["name"] == "太平桥卡口"  # UTF-8, not \u escapes
    assert "太平桥卡口" in made.to_text()
    assert Enrollment.from_text(made.to_text()) == made
    assert made.code == "JB-TSP-01"


def _edit(change):
    def edit(text: str) -> str:
        data = json.loads(text)
        change(data)
        return json.dumps(data)
    return edit


@pytest.mark.parametrize("change, reason, what", [
    (lambda t: "not json", "bad_key_file", "JSONDecodeError"),
    (lambda t: "[]", "bad_key_file", "AttributeError"),
    (_edit(lambda d: d.update(format="checkpoint-batch")), "bad_key_file", "format"),
    (_edit(lambda d: d.update(format_version=2)), "unsupported_version", None),
    (_edit(lambda d: d.pop("station")), "bad_key_file", "KeyError"),
    (_edit(lambda d: d.update(station="JB")), "bad_key_file", "AttributeError"),
    (_edit(lambda d: d["station"].update(code="")), "bad_key_file", "code"),
    (_edit(lambda d: d["station"].update(code="jb_tsp")), "bad_key_file", "code"),
    (_edit(lambda d: d.update(minisign_public_key="RWbroken")), "bad_key_file", "SignatureError"),
    (_edit(lambda d: d.update(fingerprint="0000 0000 0000 0000 0000 0000")), "bad_key_file", "fingerprint"),
    (_edit(lambda d: d.update(minisign_public_key=SigningKey.generate().public().to_text())),
     "bad_key_file", "fingerprint"),
    (_edit(lambda d: d.update(key_id="0011223344556677")), "bad_key_file", "key_id"),
], ids=["not json", "not an object", "another format", "newer version", "no station", "station not an object",
        "no code", "code not a station code", "broken key", "fingerprint does not match",
        "key swapped (fingerprint of the old one)", "key id does not match"])
def test_a_bad_enrollment_file_is_refused(change, reason, what):
    with rejected(reason, what):
        Enrollment.from_text(change(enrollment().to_text()), file="enrollment-JB-TSP-01.json")


def test_an_enrollment_without_a_fingerprint_line_is_read():
    made = enrollment()
    data = json.loads(made.to_text())
    del data["fingerprint"]
    assert Enrollment.from_text(json.dumps(data)) == made
