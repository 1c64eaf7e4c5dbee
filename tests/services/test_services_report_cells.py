"""The daily report's CSV, written to a file and read back: a hostile station name, district
or operator name is text, never a formula (core/cells.py)."""

from __future__ import annotations

import csv
import io

import pytest
from actors import supervisor
from report_day import DAY, make_day

HOSTILE = {"station_name": '=HYPERLINK("http://evil.example","x")', "district": "@SUM(A1:A9)",
           "made_by": "+1", "station_code": "-2"}


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_hostile_report_cells_read_back_as_text(ctx, clock, tmp_path, encoding):
    make_day(ctx, clock)
    report = ctx.reports.daily(supervisor(ctx), DAY)
    evil = report.__class__(**{**report.__dict__, **HOSTILE})
    path = tmp_path / "日报.csv"
    ctx.reports.write_csv(supervisor(ctx), evil, path, encoding)
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode(encoding), newline="")))
    assert rows[0][1:4] == ["'" + HOSTILE["station_name"], "'" + HOSTILE["station_code"], "'" + HOSTILE["district"]]
    assert rows[-1][0] == "'+1"
    assert not [cell for row in rows for cell in row if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
