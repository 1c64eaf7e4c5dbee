"""`checkpoint-central`'s start: the office database opened from --db (created when new,
refused with the reason when it is not an office database), and the office key unlocked
with its passphrase — asked again when wrong, never logged, Cancel opens nothing."""

from __future__ import annotations

import logging

import pytest
from central.batches import office_keys

from checkpoint_app import central_app

from checkpoint_app.ui import ask
from checkpoint_app.ui.central_unlock import unlock
from checkpoint_app.ui.central_window import CentralWindow

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def key_file(tmp_path):
    path = tmp_path / "office.key"
    path.write_bytes(office_keys().identity.seal(PASSPHRASE))
    return path


@pytest.fixture
def typed(monkeypatch):
    """Passphrases the clerk types, in order (None: Cancel), and the errors shown."""
    answers: list[str | None] = []
    errors: list[str] = []
    monkeypatch.setattr(ask, "passphrase", lambda parent, title, label: answers.pop(0))
    monkeypatch.setattr(ask, "error", lambda parent, title, text: errors.append(text))
    return answers, errors


def test_a_wrong_passphrase_is_asked_again_and_never_logged(key_file, typed, caplog):
    answers, errors = typed
    answers.extend(["wrong one", PASSPHRASE])
    with caplog.at_level(logging.DEBUG):
        identity = unlock(None, key_file)
    assert identity is not None and identity.signing.key_id == office_keys().identity.signing.key_id
    assert errors == ["office.key: the passphrase is wrong."]
    assert "wrong one" not in caplog.text and PASSPHRASE not in caplog.text


def test_cancel_unlocks_nothing(key_file, typed):
    answers, _errors = typed
    answers.append(None)
    assert unlock(None, key_file) is None


def test_a_file_that_is_not_an_office_key_is_refused_without_asking_again(tmp_path, typed):
    answers, errors = typed
    answers.append("anything")
    bogus = tmp_path / "office.key"
    bogus.write_text("hello", encoding="utf-8")
    assert unlock(None, bogus) is None
    assert errors and "not a key file" in errors[0] and answers == []


def test_the_key_file_is_chosen_when_not_given(key_file, typed, monkeypatch):
    answers, _errors = typed
    answers.append(PASSPHRASE)
    monkeypatch.setattr(ask, "open_file", lambda parent, title, filters: str(key_file))
    assert unlock(None, None) is not None


def test_open_window_creates_the_office_database_and_opens_on_the_stations(qtbot, tmp_path, key_file, typed):
    answers, errors = typed
    answers.append(PASSPHRASE)
    db = tmp_path / "new" / "office.sqlite3"
    window = central_app.open_window(str(db), key_file)
    assert isinstance(window, CentralWindow) and db.exists() and errors == []
    qtbot.addWidget(window)
    assert window.tabs.currentWidget() is window.stations_tab and window.stations_tab.empty.text()
    window.office.close()


def test_a_database_that_is_not_the_offices_is_refused_with_the_reason(tmp_path, key_file, typed, capsys):
    _answers, errors = typed
    db = tmp_path / "office.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    assert central_app.open_window(str(db), key_file) is None
    assert errors and str(db) in errors[0]
    assert str(db) in capsys.readouterr().err


def test_a_url_is_shown_without_its_password():
    shown = central_app._shown("postgresql+pg8000://clerk:s3cret@127.0.0.1:5432/office")
    assert "s3cret" not in shown and "127.0.0.1" in shown


def test_the_command_line(monkeypatch):
    args = central_app.build_parser().parse_args(["--db", "postgresql+pg8000://u@h/db", "--lang", "en"])
    assert args.db.startswith("postgresql") and args.lang == "en" and args.identity is None
    with pytest.raises(SystemExit) as bad:
        central_app.build_parser().parse_args(["--lang", "fr"])
    assert bad.value.code == 2


def test_the_office_logs_beside_its_database_and_never_the_passphrase(tmp_path, key_file, typed, monkeypatch):
    import sys

    answers, _errors = typed
    answers.append(None)  # Cancel at the passphrase: the start ends
    hook = sys.excepthook
    try:
        assert central_app.main(["--db", str(tmp_path / "office.sqlite3"), "--identity", str(key_file),
                                 "--lang", "en"]) == central_app.EXIT_FAILED
        assert sys.excepthook is not hook  # the crash hook shows a bug instead of dying silently
    finally:
        sys.excepthook = hook
        for handler in list(logging.getLogger("checkpoint").handlers):
            logging.getLogger("checkpoint").removeHandler(handler)
            handler.close()
    text = (tmp_path / "logs" / "checkpoint.log").read_text(encoding="utf-8")
    assert "office window started" in text and PASSPHRASE not in text
