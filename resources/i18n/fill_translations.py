"""Fill unfinished messages of the zh_CN catalogue from a small table (for a developer
adding a handful of strings; a translator uses Qt Linguist on the .ts file instead).

    .venv/bin/python resources/i18n/fill_translations.py 'English source=中文' ...
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

CATALOGUE = Path(__file__).with_name("checkpoint_zh_CN.ts")


def fill(pairs: dict[str, str]) -> int:
    tree = ET.parse(CATALOGUE)
    filled = 0
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source in pairs and translation is not None and translation.get("type") == "unfinished":
            translation.text = pairs[source]
            del translation.attrib["type"]
            filled += 1
    ET.indent(tree)
    body = ET.tostring(tree.getroot(), encoding="unicode")
    CATALOGUE.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return filled


if __name__ == "__main__":
    table = dict(arg.split("=", 1) for arg in sys.argv[1:])
    print(f"filled {fill(table)} message(s)")
