"""Every validation message in the code gets the values its placeholders name.

Scans all of checkpoint_app/ (so a new module is covered without being listed): each
QT_TRANSLATE_NOOP("problems", "...") template passed to problem()/_fail() must come with
a keyword argument for each {placeholder}; a template passed anywhere else must have
none (nothing would fill them, and the form would show a KeyError instead of a message).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "checkpoint_app"
PLACEHOLDER = re.compile(r"\{([a-z_0-9]*)\}")
FILLERS = {"problem", "_fail"}


def _marked(node: ast.AST) -> str | None:
    if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "QT_TRANSLATE_NOOP"
            and len(node.args) == 2 and isinstance(node.args[1], ast.Constant)):
        return node.args[1].value
    return None


def _templates():
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        filled: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in FILLERS:
                keywords = {k.arg for k in node.keywords}
                for arg in node.args:
                    text = _marked(arg)
                    if text is not None:
                        filled.add(id(arg))
                        yield path, arg.lineno, text, keywords
        for node in ast.walk(tree):
            text = _marked(node)
            if text is not None and id(node) not in filled:
                yield path, node.lineno, text, set()


def test_templates_are_found_in_every_layer():
    places = {path.parent.name for path, *_ in _templates()}
    assert {"core", "services"} <= places
    assert sum(1 for _ in _templates()) >= 50


def test_every_placeholder_is_filled_and_nothing_extra_is_passed():
    wrong = []
    for path, line, text, keywords in _templates():
        needed = set(PLACEHOLDER.findall(text))
        if needed != keywords:
            wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {text!r} needs {sorted(needed)}, gets {sorted(keywords)}")
    assert not wrong, "\n".join(wrong)
