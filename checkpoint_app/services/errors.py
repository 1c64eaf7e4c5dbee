"""The storage errors the UI handles, named in the services' vocabulary.

The db layer raises them (db/errors.py turns SQLite's errors into a `StorageProblem` kind)
and the services let them through unchanged; the UI catches them around every service call
and shows a translated message for the kind (ui/ask.py). The UI imports them from here so
it never names the db layer. Importing this loads no SQLAlchemy: the first window is drawn
before the storage layer loads.
"""

from __future__ import annotations

from checkpoint_app.db.errors import StorageError, StorageProblem

__all__ = ["StorageError", "StorageProblem"]
