"""What the UI reads back from the services: a stored entry.

`RegisterReader.entry` and `RegisterService.save/void/correct` hand back the stored `Entry`
row itself (read-only to the UI: it changes entries only through the services). It is
re-exported here so the UI names the services, not the db layer. Importing it loads SQLModel,
so the UI imports it for type annotations only (under TYPE_CHECKING).
"""

from __future__ import annotations

from checkpoint_app.db.models import Entry

__all__ = ["Entry"]
