"""Residents lists for the import tests: valid ID numbers, and the same list written as
CSV in each encoding Chinese offices use, or as XLSX (openpyxl)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Sequence

from checkpoint_app.core.idcard import check_character

HEADER = ["姓名", "楼栋单元房号", "手机", "身份证号", "车牌", "通行证"]


def id_number(n: int, region: str = "500101") -> str:
    """A valid 18-character ID number, different for each n (up to 100,000 a day)."""
    body = f"{region}{1950 + n % 50}{1 + n // 50 % 12:02d}{1 + n // 600 % 28:02d}{n // 16800 % 1000:03d}"
    return body + check_character(body)


def unique_id_number(n: int) -> str:
    """Valid and unique for n < 1,000,000 (birth day and serial spread n out)."""
    year = 1940 + n % 60
    month = 1 + (n // 60) % 12
    day = 1 + (n // 720) % 28
    serial = (n // 20160) % 1000
    body = f"500101{year}{month:02d}{day:02d}{serial:03d}"
    return body + check_character(body)


def rows(count: int, start: int = 0) -> list[list[str]]:
    """`count` valid residents (name, room, phone, ID, plate, pass code)."""
    out = []
    for n in range(start, start + count):
        out.append([f"住户{n}", f"{1 + n % 12}栋{1 + n // 12 % 3}单元{101 + n % 18 * 100 + n // 36 % 4}",
                    f"139{n:08d}", unique_id_number(n), f"渝A{n % 100000:05d}" if n % 3 == 0 else "",
                    f"JB{n:06d}"])
    return out


def write_csv(path: Path, table: Sequence[Sequence[object]], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(table)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, table: Sequence[Sequence[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in table:
        sheet.append(list(row))
    book.save(path)
    return path
