"""database.py: `--db` URLs for PostgreSQL all reach pg8000 (the one driver the program
ships), with libpq's URL options that matter taken over and any other refused by name."""

from __future__ import annotations

import ssl

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from checkpoint_app.central import database


@pytest.mark.parametrize("given", [
    "postgresql+pg8000://clerk:pw@db.example:5433/office",
    "postgresql+psycopg://clerk:pw@db.example:5433/office",  # what the program took before
    "postgresql+psycopg2://clerk:pw@db.example:5433/office",
    "postgresql://clerk:pw@db.example:5433/office",
    "postgres://clerk:pw@db.example:5433/office",
])
def test_every_postgresql_url_gets_pg8000(given: str) -> None:
    url, args = database.pg8000_url(make_url(given))
    assert url.render_as_string(hide_password=False) == "postgresql+pg8000://clerk:pw@db.example:5433/office"
    assert args == {"startup_params": {"client_encoding": "UTF8"}}


def test_the_engine_is_pg8000s_without_connecting() -> None:
    engine = database.make_engine("postgresql+psycopg://clerk:pw@127.0.0.1:1/office")
    try:
        assert engine.dialect.driver == "pg8000" and engine.url.drivername == "postgresql+pg8000"
    finally:
        engine.dispose()


def test_libpq_options_are_taken_over() -> None:
    url, args = database.pg8000_url(make_url(
        "postgresql://clerk@db.example/office?options=-csearch_path%3Doffice&application_name=desk"
        "&connect_timeout=7&sslmode=require"))
    assert not url.query
    assert args["startup_params"] == {"client_encoding": "UTF8", "options": "-csearch_path=office"}
    assert (args["application_name"], args["timeout"]) == ("desk", 7.0)
    context = args["ssl_context"]
    assert isinstance(context, ssl.SSLContext) and context.verify_mode == ssl.CERT_NONE and not context.check_hostname
    full = database.pg8000_url(make_url("postgresql://clerk@db.example/office?sslmode=verify-full"))[1]["ssl_context"]
    assert full.verify_mode == ssl.CERT_REQUIRED and full.check_hostname
    for plain in ("disable", "allow", "prefer"):  # libpq's fallback to no SSL cannot be had: none
        assert "ssl_context" not in database.pg8000_url(make_url(f"postgresql://c@h/o?sslmode={plain}"))[1]


def test_a_socket_folder_as_host_is_the_socket_and_a_missing_user_is_ones_own() -> None:
    url, args = database.pg8000_url(make_url("postgresql:///office?host=/var/run/postgresql"))
    assert args["unix_sock"] == "/var/run/postgresql/.s.PGSQL.5432" and url.username


@pytest.mark.parametrize(("given", "said"), [
    ("postgresql://c@h/o?target_session_attrs=any", "does not take the URL's option target_session_attrs"),
    ("postgresql://c@h/o?sslmode=sometimes", "sslmode must be one of"),
    ("postgresql://c@h/o?connect_timeout=soon", "connect_timeout is not a number"),
    ("postgresql://c@h/o?sslrootcert=/root.crt", "sslrootcert needs sslmode=verify-ca or verify-full"),
    ("postgresql://c@h/o?sslmode=verify-ca&sslrootcert=/nowhere/root.crt", "sslrootcert /nowhere/root.crt"),
])
def test_what_pg8000_cannot_do_is_refused_by_name(given: str, said: str) -> None:
    with pytest.raises(database.OfficeDatabaseError) as refused:
        database.make_engine(given)
    assert said in refused.value.what


@pytest.mark.parametrize("driver", ["postgresql+psycopg", "postgresql"])
def test_an_old_url_opens_the_office_database(office_db: str, driver: str) -> None:
    if "://" not in office_db:
        pytest.skip("a PostgreSQL URL")
    old = office_db.replace("postgresql+pg8000://", f"{driver}://", 1)
    assert old != office_db
    engine = database.open_office(old)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT current_schema()")).scalar() == make_url(office_db).query[
                "options"].split("=")[-1]
        assert engine.dialect.driver == "pg8000"
    finally:
        engine.dispose()
