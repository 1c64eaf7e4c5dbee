"""`checkpoint-cli demo-data --station CODE [--name N] [--district D]`: demo registers of
other posts, so a district of posts can be simulated (the office's tests and demo)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from checkpoint_app import cli

from checkpoint_app.services import demo


def station_of(folder: Path) -> tuple[str, str, str, str, int]:
    with sqlite3.connect(f"file:{folder / 'register.sqlite3'}?mode=ro", uri=True) as conn:
        code, name, district, kind = conn.execute(
            "SELECT code, name, district, station_type FROM station ORDER BY id").fetchone()
        count = conn.execute("SELECT count(*) FROM passage").fetchone()[0]
    return code, name, district, kind, count


def demo_data(folder: Path, *extra: str) -> int:
    return cli.main(["demo-data", "--data-dir", str(folder), "--entries", "40", "--lang", "en", *extra])


def test_two_posts_of_a_district(tmp_path, capsys):
    first, second, third = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    assert demo_data(first, "--station", "JB-TSP-02") == 0
    assert demo_data(second, "--station", "jb-yj-01", "--name", "鱼嘴镇 G210 卡口", "--district", "鱼嘴镇") == 0
    assert demo_data(third) == 0  # no --station: the demo station as before
    assert station_of(first) == ("JB-TSP-02", "演示卡口 JB-TSP-02", "演示街道 JB-TSP", "road_checkpoint", 40)
    assert station_of(second) == ("JB-YJ-01", "鱼嘴镇 G210 卡口", "鱼嘴镇", "road_checkpoint", 40)
    assert station_of(third)[0] == demo.DEMO_STATION.code
    assert demo_data(first, "--station", "JB-TSP-02") == 0  # the same post again: more entries
    assert station_of(first)[4] == 80
    assert capsys.readouterr().out.count("added 40 entries") == 4


@pytest.mark.parametrize("code", ["JB_TSP", "AB", "-JB-1", "A" * 21, "卡口01", ""])
def test_a_bad_station_code_is_refused_before_anything_is_made(tmp_path, capsys, code):
    folder = tmp_path / "post"
    with pytest.raises(SystemExit) as exited:
        demo_data(folder, f"--station={code}")
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"{code!r} is not a station code: 3 to 20 letters, digits or '-'" in err and "Traceback" not in err
    assert not folder.exists()


@pytest.mark.parametrize("option, value, message", [
    ("--name", "  ", "it is empty: give a text"),
    ("--district", "x" * 61, "Too long: 61 characters, at most 60 allowed."),
    ("--name", "卡口\x1b", "invisible control character"),
])
def test_a_bad_name_or_district_is_refused(tmp_path, capsys, option, value, message):
    folder = tmp_path / "post"
    with pytest.raises(SystemExit) as exited:
        demo_data(folder, "--station", "JB-TSP-03", option, value)
    assert exited.value.code == 2
    assert message in capsys.readouterr().err
    assert not folder.exists()


def test_a_demo_register_of_another_post_is_refused(tmp_path, capsys):
    assert demo_data(tmp_path, "--station", "JB-TSP-02") == 0
    db = tmp_path / "register.sqlite3"
    before = db.read_bytes()
    assert demo_data(tmp_path, "--station", "JB-TSP-03") == 2
    err = capsys.readouterr().err
    assert f"{db} is the demo register of station JB-TSP-02, not of JB-TSP-03" in err and "Traceback" not in err
    assert station_of(tmp_path)[4] == 40 and db.read_bytes() == before


@pytest.mark.parametrize("code, name, district, expected", [
    ("JB-TSP-02", None, None, ("JB-TSP-02", "演示卡口 JB-TSP-02", "演示街道 JB-TSP")),
    ("jb-tsp-02", None, None, ("JB-TSP-02", "演示卡口 JB-TSP-02", "演示街道 JB-TSP")),
    ("YZ01", None, None, ("YZ01", "演示卡口 YZ01", "演示街道 YZ01")),
    ("A-B-C-9", "x", "y", ("A-B-C-9", "x", "y")),
    (demo.DEMO_STATION.code, None, None, (demo.DEMO_STATION.code, demo.DEMO_STATION.name, demo.DEMO_STATION.district)),
])
def test_demo_station_profile(code, name, district, expected):
    draft = demo.demo_station(code, name, district)
    assert (draft.code, draft.name, draft.district) == expected
