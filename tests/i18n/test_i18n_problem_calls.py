"""Every validation message in the code gets the values its placeholders name.

Scans all of checkpoint_app/ (so a new module is covered without being listed): each
QT_TRANSLATE_NOOP("problems", "...") template passed to problem()/_fail() must come with
a keyword argument for each {placeholder}; a template passed anywhere else must have
none (nothing would fill them, and the form would show a KeyError instead of a message).
A table of reasons (`REASONS = {"code": QT_TRANSLATE_NOOP(...)}`, batch/errors.py) is
filled by `BatchRejected("code", **params)`: each such call must pass that reason's
placeholders.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "checkpoint_app"
PLACEHOLDER = re.compile(r"\{([a-z_0-9]*)\}")
FILLERS = {"problem", "_fail"}
TABLES = {"REASONS": "BatchRejected"}  # a table of templates -> the class that fills one by its key


def _marked(node: ast.AST) -> str | None:
    if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "QT_TRANSLATE_NOOP"
            and len(node.args) == 2 and isinstance(node.args[1], ast.Constant)):
        return node.args[1].value
    return None


def _tables(tree: ast.AST):
    """(table name, {key: (template node, text)}) of each `NAME = {"key": QT_TRANSLATE_NOOP(...)}`."""
    for node in ast.walk(tree):
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(target, ast.Name) \
                and target.id in TABLES and isinstance(node.value, ast.Dict):
            yield target.id, {key.value: (value, _marked(value)) for key, value in zip(node.value.keys, node.value.values, strict=True)
                              if isinstance(key, ast.Constant) and _marked(value) is not None}


def _trees():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _templates():
    for path, tree in _trees():
        filled: set[int] = set()
        for _name, table in _tables(tree):
            filled.update(id(node) for node, _text in table.values())  # checked by the calls that fill them
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


def test_every_reason_of_a_table_is_filled_by_its_calls():
    tables: dict[str, dict[str, str]] = {}
    trees = list(_trees())
    for _path, tree in trees:
        for name, table in _tables(tree):
            tables[TABLES[name]] = {key: text for key, (_node, text) in table.items()}
    assert tables.get("BatchRejected"), "batch/errors.py REASONS not found"
    wrong, calls = [], 0
    for path, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in tables and node.args \
                    and isinstance(node.args[0], ast.Constant):
                calls += 1
                reasons = tables[node.func.id]
                reason = node.args[0].value
                if reason not in reasons:
                    wrong.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: no reason {reason!r}")
                    continue
                needed = set(PLACEHOLDER.findall(reasons[reason]))
                keywords = {k.arg for k in node.keywords}
                if needed != keywords:
                    wrong.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {reason!r} needs {sorted(needed)}, "
                                 f"gets {sorted(keywords)}")
    assert calls >= 10
    assert not wrong, "\n".join(wrong)
