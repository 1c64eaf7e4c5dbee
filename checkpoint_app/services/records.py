"""What the UI reads back from the services: a stored entry as an `EntryView`.

No ORM object crosses into the UI: `RegisterReader.entry` and `RegisterService.save/void/
correct` hand back an `EntryView` (db/models.py: the same record fields as the table,
declared once, in a model that is not a table) with the name, ID number and phone
masked. Only `RegisterService.for_correction` (a supervisor, audited) gives a view with
the identity in full, because the correction form edits the real values; a full value
otherwise comes from the audited reveal (services/reveal.py) and is shown, never kept.

Importing this loads SQLModel, so the UI imports it for type annotations only (under
TYPE_CHECKING); the services build views with `entry_view`.
"""

from __future__ import annotations

from checkpoint_app.core.masking import mask_id_number, mask_name, mask_phone

from checkpoint_app.db.models import Entry, EntryView

__all__ = ["EntryView", "entry_view"]


def entry_view(entry: Entry, masked: bool = True) -> EntryView:
    """The stored `entry` as a detached view, its identity masked unless `masked` is False."""
    fields = entry.model_dump()
    if masked:
        fields.update(name=mask_name(entry.name),
                      id_number=mask_id_number(entry.id_number) if entry.id_number else entry.id_number,
                      phone=mask_phone(entry.phone) if entry.phone else entry.phone)
    return EntryView.model_validate(fields | {"identity_masked": masked})
