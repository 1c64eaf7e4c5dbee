"""Name search keys: the 1- and 2-character pieces of a name (see PersonNameGram)."""

from __future__ import annotations


def name_key(name: str) -> str:
    """Case-folded name without spaces or the '·' separator of minority names."""
    return "".join(ch for ch in name.casefold() if not ch.isspace() and ch not in "·•・.")


def name_grams(name: str) -> set[str]:
    key = name_key(name)
    grams = set(key)
    grams.update(key[i:i + 2] for i in range(len(key) - 1))
    return grams


def query_grams(query: str) -> list[str]:
    """The grams a query must all hit: the query itself if 1-2 characters, else its bigrams."""
    key = name_key(query)
    if len(key) <= 2:
        return [key] if key else []
    return sorted({key[i:i + 2] for i in range(len(key) - 1)})
