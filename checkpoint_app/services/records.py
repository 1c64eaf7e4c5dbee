"""What the UI reads back from the services: a stored passage as a `PassageView`.

No ORM object crosses into the UI: `RegisterReader.entry` and `RegisterService.save/void/
correct` hand back a `PassageView` (db/models.py: the same record fields as the tables,
declared once, in models that are not tables) with its persons' names, ID numbers and
phones masked. Only `RegisterService.for_correction` (a supervisor, audited) gives a view
with the identities in full, because the correction form edits the real values; a full
value otherwise comes from the audited reveal (services/reveal.py) and is shown, never kept.

Importing this loads SQLModel, so the UI imports it for type annotations only (under
TYPE_CHECKING); the services build views with `entry_view`.
"""

from __future__ import annotations

from typing import Iterable

from checkpoint_app.core.masking import mask_id_number, mask_name, mask_phone

from checkpoint_app.db.models import Passage, PassageView, PersonCheck, PersonCheckView

__all__ = ["PassageView", "PersonCheckView", "entry_view"]

# one mask for each identifying field (db.models.sensitive_fields; a test keeps them equal)
_MASKS = {"name": mask_name, "id_number": mask_id_number, "phone": mask_phone}


def _person_view(person: PersonCheck, masked: bool) -> PersonCheckView:
    fields = person.model_dump()
    if masked:
        fields.update({name: mask(fields[name]) for name, mask in _MASKS.items() if fields[name]})
    return PersonCheckView.model_validate(fields)


def entry_view(passage: Passage, persons: Iterable[PersonCheck], masked: bool = True) -> PassageView:
    """The stored `passage` with its `persons` as a detached view, identities masked
    unless `masked` is False."""
    views = [_person_view(p, masked) for p in sorted(persons, key=lambda p: p.position)]
    return PassageView.model_validate(passage.model_dump() | {"persons": views, "identity_masked": masked})
