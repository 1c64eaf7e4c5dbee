"""Static check of the whole tree: undefined names and unused imports fail the suite
(an undefined name in a rarely used dialog would otherwise surface only at the desk)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_pyflakes_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "pyflakes", "checkpoint_app", "tests", "bench", "packaging", "docs"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
