"""Static checks of the tree, as `make lint` runs them, failing the suite.

ruff (pyflakes, pycodestyle, bugbear; config in pyproject.toml) over everything: an
undefined name in a rarely used dialog would otherwise surface only at the desk. mypy over
the Qt-free layers (core, db, services) at qutebrowser's strictness: they are annotated,
and a wrong Optional there is a crash at the desk too. Each checker is also shown to fail
on a planted fault, so a broken configuration cannot pass silently.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "pyproject.toml"


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--config", str(CONFIG), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def _mypy(*args: str) -> tuple[str, str, int]:
    from mypy import api

    return api.run(["--config-file", str(CONFIG), *args])


def test_ruff_finds_nothing():
    result = _ruff(".")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("source, code", [
    ("import os\n", "F401"),                                   # unused import
    ("def f():\n    return undefined_name\n", "F821"),          # undefined name
    ("def f(x=[]):\n    return x\n", "B006"),                  # mutable default
    ("try:\n    pass\nexcept:\n    pass\n", "E722"),          # bare except
])
def test_ruff_reports_a_planted_fault(tmp_path, source, code):
    planted = tmp_path / "planted.py"
    planted.write_text(source, encoding="utf-8")
    result = _ruff(str(planted))
    assert result.returncode == 1 and code in result.stdout, result.stdout + result.stderr


def test_imports_are_sorted_into_one_group_per_layer(tmp_path):
    """The project's own configuration enforces import sorting ("I"), each layer its own group."""
    planted = tmp_path / "planted.py"
    planted.write_text(
        "from checkpoint_app.ui import ask\n"
        "from checkpoint_app.services.errors import StorageError\n"
        "from checkpoint_app.db.models import Passage\n"
        "from checkpoint_app.core.problems import Problem\n"
        "from PySide6.QtWidgets import QWidget\n"
        "import sqlalchemy\n"
        "import os\n"
        "from checkpoint_app import paths\n"
        "print(ask, StorageError, Passage, Problem, QWidget, sqlalchemy, os, paths)\n", encoding="utf-8")
    unsorted = _ruff(str(planted))
    assert unsorted.returncode == 1 and "I001" in unsorted.stdout, unsorted.stdout  # enforced by the config
    result = _ruff("--fix", str(planted))
    assert result.returncode == 0, result.stdout + result.stderr
    assert planted.read_text(encoding="utf-8").split("\n\n")[:7] == [
        "import os",
        "import sqlalchemy",
        "from PySide6.QtWidgets import QWidget",
        "from checkpoint_app import paths",
        "from checkpoint_app.core.problems import Problem",
        "from checkpoint_app.db.models import Passage",
        "from checkpoint_app.services.errors import StorageError",
    ]


def test_mypy_finds_nothing_in_core_db_and_services():
    stdout, stderr, status = _mypy()
    assert status == 0, stdout + stderr
    assert "no issues found" in stdout


@pytest.mark.parametrize("source, code", [
    ("def f(x):\n    return x\n", "no-untyped-def"),
    ("def f(x: int | None) -> int:\n    return x + 1\n", "operator"),
    ("def f(x: list) -> int:\n    return len(x)\n", "type-arg"),
    ("x: int = 'a'  # type: ignore\n", "ignore-without-code"),
    ("def f(x: int) -> bool:\n    return x == 'a'\n", "comparison-overlap"),
])
def test_mypy_reports_a_planted_fault_at_the_projects_strictness(tmp_path, source, code):
    planted = tmp_path / "planted_module.py"
    planted.write_text(source, encoding="utf-8")
    stdout, stderr, status = _mypy("--cache-dir", str(tmp_path / "cache"), str(planted))
    assert status == 1 and f"[{code}]" in stdout, stdout + stderr
