"""The layer rule, read from the source: the UI talks to the services, never to the db layer.

Errors the UI handles come from the services' vocabulary (services/errors.py), entries it
reads from services/records.py. Imports under TYPE_CHECKING and inside functions count too:
they are where a layer crossing hides.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "checkpoint_app"


def imported_modules(source: str, module: str) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in `source`, `module` being its own name."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the importing module's package
                base = module.split(".")[:-node.level]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
    return found


def _crosses_into_db(name: str) -> bool:
    return name == "checkpoint_app.db" or name.startswith("checkpoint_app.db.")


@pytest.mark.parametrize("source, module, crossing", [
    ("from checkpoint_app.db.errors import StorageError", "checkpoint_app.ui.ask", True),
    ("import checkpoint_app.db.models", "checkpoint_app.ui.ask", True),
    ("from checkpoint_app import db", "checkpoint_app.ui.ask", True),
    ("from ..db import models", "checkpoint_app.ui.ask", True),
    ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from checkpoint_app.db.models import Passage",
     "checkpoint_app.ui.detail_dialog", True),
    ("def f():\n    from checkpoint_app.db.errors import classify", "checkpoint_app.ui.main_window", True),
    ("from checkpoint_app.services.errors import StorageError", "checkpoint_app.ui.ask", False),
    ("from checkpoint_app import dbtools", "checkpoint_app.ui.ask", False),
    ("from . import ask", "checkpoint_app.ui.main_window", False),
])
def test_the_check_sees_every_form_of_import(source, module, crossing):
    assert any(_crosses_into_db(name) for _, name in imported_modules(source, module)) == crossing


def test_no_ui_module_imports_the_db_layer():
    ui = PACKAGE / "ui"
    modules = sorted(ui.rglob("*.py"))
    assert len(modules) > 10  # the walk found the UI
    crossings: dict[str, str] = {}  # "path:line" → the first db module it names
    for path in modules:
        module = "checkpoint_app." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        for line, name in imported_modules(path.read_text(encoding="utf-8"), module):
            if _crosses_into_db(name):
                crossings.setdefault(f"{path.relative_to(PACKAGE.parent)}:{line}", name)
    assert not crossings, "import these from checkpoint_app.services (errors, records) instead:\n" + "\n".join(
        f"{where}: {name}" for where, name in crossings.items())


def test_the_services_names_are_the_db_layers_objects():
    """The UI catches what the db layer raises: the re-exports must be the same classes."""
    from checkpoint_app.db import errors as db_errors
    from checkpoint_app.db import models

    from checkpoint_app.services import errors, records

    assert errors.StorageError is db_errors.StorageError and errors.StorageProblem is db_errors.StorageProblem
    assert records.PassageView is models.PassageView
