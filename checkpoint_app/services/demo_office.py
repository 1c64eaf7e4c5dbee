"""The demo district office (`--demo`, `demo-data`): an office key and an escrow key,
provisioned into every demo register so that the whole batch flow works out of the box.

The keys are fixed and public (they are printed here): every demo post of a simulated
district encrypts to the same demo office, whose identity files (`office.key`, passphrase
"demo") are written into `<data>/demo-office/` for the office side of the demo. Only a
register marked as demo ever gets them (services/demo.py checks that before calling).
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING

from checkpoint_app import private_files
from checkpoint_app.batch.keys import ESCROW, OFFICE, OfficeIdentity
from checkpoint_app.batch.minisign import SigningKey

from checkpoint_app.core.roles import Actor

if TYPE_CHECKING:
    from checkpoint_app.services.context import AppContext

FOLDER = "demo-office"
PASSPHRASE = "demo"
NAME = "铁山坪街道 演示办公室"  # the demo sub-district office

_KEYS = {  # role: (age identity, signing key id, signing seed) -- demo only, never a real office's
    OFFICE: ("AGE-SECRET-KEY-17YA5RDM3G4TK63MVEEHMN68ZAL5A4L5QHHFKY82VMHQQX73GECXQ03MZKR", "1833b721fddb5afe",
             "ZPTOHOmyrM+oQ4IxDEaOROa3hDx38JO4ry4lLLcHNjM="),
    ESCROW: ("AGE-SECRET-KEY-1MFGLHCT8XEARQML2HWATP30UDARACHWWJJCU59R3K58CTWRRNV3QFJXLFH", "10388872b89d320d",
             "GlO7o0HeRPMjJXjvU6+u6/rTrhk6pDuMMJi1LVMn/ZI="),
}
_SEALED: dict[str, bytes] = {}  # scrypt makes sealing slow (about a second): once per process


def demo_identity(role: str) -> OfficeIdentity:
    age, key_id, seed = _KEYS[role]
    name = NAME if role == OFFICE else NAME + "（备份）"
    return OfficeIdentity(name, role, age, SigningKey(bytes.fromhex(key_id), base64.b64decode(seed)))


def provision_office_keys(ctx: AppContext, boss: Actor) -> Path:
    """Write the demo office's and escrow's key files into `<data>/demo-office/` and import
    both public keys into the demo register (once: a register that has them keeps them)."""
    folder = Path(ctx.paths.root) / FOLDER
    if {k.role for k in ctx.batches.office_keys()} >= {OFFICE, ESCROW}:
        return folder
    private_files.make_folder(folder)
    for role in (OFFICE, ESCROW):
        identity = demo_identity(role)
        public = folder / f"{role}.pub"
        public.write_text(identity.public().to_text(), encoding="utf-8")
        secret = folder / f"{role}.key"
        if not secret.exists():
            secret.write_bytes(_SEALED.setdefault(role, identity.seal(PASSPHRASE)))
        ctx.batches.import_office_key(boss, public, role)
    return folder
