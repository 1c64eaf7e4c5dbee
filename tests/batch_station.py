"""Helpers for the station's batch tests (importable from any test module): the office's
and escrow's identities, imported into a test station, and opening what it exported."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from actors import supervisor

from checkpoint_app.batch.keys import ESCROW, OFFICE, OfficeIdentity
from checkpoint_app.batch.minisign import PublicKey
from checkpoint_app.batch.sealed import FOLDER, open_batch

from checkpoint_app.services.context import AppContext


@dataclass
class Office:
    office: OfficeIdentity
    escrow: OfficeIdentity
    folder: Path

    @property
    def office_pub(self) -> Path:
        return self.folder / "office.pub"

    @property
    def escrow_pub(self) -> Path:
        return self.folder / "escrow.pub"


_IDENTITIES: dict[str, OfficeIdentity] = {}


def identity(role: str, name: str = "江北区疫情防控指挥部") -> OfficeIdentity:
    """One identity per role and name for the whole test run (X25519 and Ed25519 keys are
    cheap, but the same keys make failures easier to read)."""
    key = f"{role}/{name}"
    if key not in _IDENTITIES:
        _IDENTITIES[key] = OfficeIdentity.generate(name, role)
    return _IDENTITIES[key]


def office_files(folder: Path, name: str = "江北区疫情防控指挥部") -> Office:
    folder.mkdir(parents=True, exist_ok=True)
    office = Office(identity(OFFICE, name), identity(ESCROW, name + "（备份）"), folder)
    office.office_pub.write_text(office.office.public().to_text(), encoding="utf-8")
    office.escrow_pub.write_text(office.escrow.public().to_text(), encoding="utf-8")
    return office


def with_keys(ctx: AppContext, folder: Path) -> Office:
    """The office's and escrow's public keys imported into the station at `ctx`."""
    office = office_files(folder)
    boss = supervisor(ctx)
    ctx.batches.import_office_key(boss, office.office_pub, OFFICE)
    ctx.batches.import_office_key(boss, office.escrow_pub, ESCROW)
    return office


def batch_files(target: Path) -> list[Path]:
    folder = target / FOLDER
    return sorted(folder.glob("*.age")) if folder.is_dir() else []


def every_file(target: Path) -> list[str]:
    """Every file under `target` (names relative to it)."""
    return sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())


def station_public(ctx: AppContext) -> PublicKey:
    return PublicKey.from_text(ctx.batches.station_key().public_text)


def read_batch(ctx: AppContext, path: Path, who: OfficeIdentity) -> tuple[dict, list[dict]]:
    """(manifest, records) of a batch the station at `ctx` wrote, opened as the office does."""
    public = station_public(ctx)
    code = ctx.station.current().code
    with open_batch(path, lambda station: public if station == code else None, who.decryptor()) as opened:
        return opened.manifest, list(opened.payload.records())


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def acknowledge(ctx: AppContext, office: Office, stick: Path, entries: list) -> list[int]:
    """The office's signed acknowledgement of ledger `entries` written onto `stick` and read
    by the station at `ctx`, as when the stick comes back (the numbers it acknowledged)."""
    from checkpoint_app.batch.sealed import ACKS, make_ack

    folder = stick / FOLDER / ACKS
    folder.mkdir(parents=True, exist_ok=True)
    listed = [{"station": ctx.station.current().code, "number": e.number, "uuid": e.uuid, "sha256": e.sha256,
               "imported_at": "2026-11-30T01:00:00Z"} for e in entries]
    name, body, signature = make_ack(office.office.name, office.office.signing, listed,
                                     dt.datetime(2026, 11, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    (folder / name).write_bytes(body)
    (folder / (name + ".minisig")).write_text(signature, encoding="utf-8")
    return ctx.batches.read_acks(supervisor(ctx), stick).acknowledged
