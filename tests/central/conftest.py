"""The office database under test, on SQLite and on PostgreSQL (`office_db`).

PostgreSQL comes from CHECKPOINT_TEST_PG_URL (`.ci/postgres.sh` starts Debian's server on
loopback and prints the URL). Without it those tests skip and say how to run them; in CI
(CHECKPOINT_TEST_REQUIRE_TOOLS=1) they fail instead. Each PostgreSQL test gets a fresh
schema of its own (search_path in the URL), dropped afterwards."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

import pytest

from checkpoint_app.central.service import OfficeService

PG_ENV = "CHECKPOINT_TEST_PG_URL"
HOW = ("PostgreSQL tests need a server: run `.ci/postgres.sh` (as root; it prints the URL) and "
       "export CHECKPOINT_TEST_PG_URL=postgresql+pg8000://checkpoint:checkpoint@127.0.0.1:5432/checkpoint_test")
CST = dt.timezone(dt.timedelta(hours=8))


def pg_url_or_skip() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CHECKPOINT_TEST_REQUIRE_TOOLS") == "1":
            pytest.fail(f"{PG_ENV} is not set but CHECKPOINT_TEST_REQUIRE_TOOLS=1. {HOW}")
        pytest.skip(HOW)
    return url


class PgSchema:
    """A schema of its own for one test: the URL to use, and the drop afterwards."""

    def __init__(self, base: str):
        from sqlalchemy import create_engine, text

        self.name = "t_" + uuid.uuid4().hex[:12]
        self._admin = create_engine(base)
        with self._admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{self.name}"'))
        sep = "&" if "?" in base else "?"
        self.url = f"{base}{sep}options=-csearch_path%3D{self.name}"

    def drop(self) -> None:
        from sqlalchemy import text

        with self._admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{self.name}" CASCADE'))
        self._admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def office_db(request, tmp_path) -> str:
    """`--db` for a fresh office database: a file path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        yield str(tmp_path / "office.sqlite3")
        return
    schema = PgSchema(pg_url_or_skip())
    try:
        yield schema.url
    finally:
        schema.drop()


class OfficeClock:
    def __init__(self, now: dt.datetime):
        self.now = now

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(milliseconds=1)
        return self.now


@pytest.fixture
def clock() -> OfficeClock:
    return OfficeClock(dt.datetime(2020, 2, 14, 8, 0, tzinfo=CST))


@pytest.fixture
def office(office_db, clock) -> OfficeService:
    service = OfficeService.open(office_db, clock=clock, tz=CST)
    yield service
    service.close()


@pytest.fixture
def stick(tmp_path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder
