"""Saving is never silent: a rehearsal that cannot be stored says so in every output and
makes `coach rehearse` exit 3; a database that cannot be opened is one line, exit 2; the
default database is one file in the user's data folder, shown by `coach --version`."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest

from coach.cli import EXIT_NOT_SAVED, EXIT_USAGE, main
from coach.settings import Settings, get_settings

LINES = "We appreciate your business.\nOn 14 March our driver was shouted at.\n"
REHEARSE = ["rehearse", "--scenario", "chronic-complainer-catering", "--engine", "offline"]
SECRET = "hunter2-secret"


def _use_database(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()


def _unsaveable_urls(tmp_path: Path) -> dict[str, str]:
    """Three ways a save fails, all of which hold when the tests run as root."""
    readonly = tmp_path / "readonly.db"
    readonly.touch()
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x")
    return {
        "read-only database": f"sqlite:///file:{readonly}?mode=ro&uri=true",
        "folder that cannot be created": f"sqlite:///{not_a_folder}/sub/coach.db",
        "unreachable PostgreSQL": f"postgresql+psycopg://coach:{SECRET}@127.0.0.1:9/coach",
    }


@pytest.fixture(
    params=["read-only database", "folder that cannot be created", "unreachable PostgreSQL"]
)
def unsaveable(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch) -> Iterator[str]:
    url = _unsaveable_urls(tmp_path)[request.param]
    monkeypatch.setenv("PGCONNECT_TIMEOUT", "2")
    _use_database(monkeypatch, url)
    yield url
    get_settings.cache_clear()


def _rehearse(monkeypatch, capsys, *extra: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(LINES))
    code = main([*REHEARSE, "--seed", "1", *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_mode_says_it_was_not_saved_and_exits_3(unsaveable, monkeypatch, capsys) -> None:
    code, out, err = _rehearse(monkeypatch, capsys)
    assert code == EXIT_NOT_SAVED
    assert "Could not save the rehearsal" in out
    assert "Overall score" in out  # the user still gets the whole rehearsal and scorecard
    assert err.count("\n") == 1 and err.startswith("coach rehearse: not saved: ")
    assert "Traceback" not in err and SECRET not in out + err


def test_json_mode_reports_a_plain_reason(unsaveable, monkeypatch, capsys) -> None:
    code, out, err = _rehearse(monkeypatch, capsys, "--format", "json")
    data = json.loads(out)
    assert code == EXIT_NOT_SAVED
    assert len(data["turns"]) == 2
    reason = data["save_error"]
    assert reason and "\n" not in reason
    for raw in ("INSERT", "SELECT", "Background on this error", "sqlalche.me", SECRET):
        assert raw not in reason and raw not in err


def test_a_working_database_saves_and_exits_0(tmp_path: Path, monkeypatch, capsys) -> None:
    _use_database(monkeypatch, f"sqlite:///{tmp_path / 'ok.db'}")
    code, out, _ = _rehearse(monkeypatch, capsys, "--format", "json")
    assert code == 0 and json.loads(out)["save_error"] is None
    code = main(["export", "--format", "json"])
    saved = json.loads(capsys.readouterr().out)["rehearsals"]
    assert code == 0 and len(saved) == 1 and saved[0]["turns"] == 2
    get_settings.cache_clear()


def test_no_save_never_reports_a_failure(unsaveable, monkeypatch, capsys) -> None:
    code, _, err = _rehearse(monkeypatch, capsys, "--no-save")
    assert code == 0 and not err


def test_export_from_a_database_that_cannot_be_opened_is_one_line(
    unsaveable, monkeypatch, capsys
) -> None:
    code = main(["export"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert err.startswith("coach: error: cannot open the database") and err.count("\n") == 1
    assert SECRET not in err


def test_unparseable_database_url_does_not_echo_it(monkeypatch, capsys) -> None:
    _use_database(monkeypatch, f"nonsense://{SECRET}@@:x")
    code = main(["export"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE and err.count("\n") == 1 and SECRET not in err
    get_settings.cache_clear()


def test_export_to_a_folder_that_cannot_be_written(tmp_path: Path, monkeypatch, capsys) -> None:
    _use_database(monkeypatch, f"sqlite:///{tmp_path / 'ok.db'}")
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    code = main(["export", "--output", str(blocker / "out.csv")])
    err = capsys.readouterr().err
    assert (
        code == EXIT_USAGE and err.startswith("coach: error: cannot write") and err.count("\n") == 1
    )
    get_settings.cache_clear()


def test_default_database_is_in_the_user_data_folder(monkeypatch) -> None:
    monkeypatch.delenv("COACH_DB_PATH", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(Path(__file__).parent)
    path = Settings(_env_file=None).coach_db_path  # type: ignore[call-arg]
    assert path == platformdirs.user_data_path("client-exit-coach", appauthor=False) / "coach.db"
    assert path.is_absolute()


def test_version_names_the_database(monkeypatch, capsys, tmp_path: Path) -> None:
    monkeypatch.setenv("COACH_DB_PATH", str(tmp_path / "here.db"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    get_settings.cache_clear()
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    out = capsys.readouterr().out
    assert info.value.code == 0
    assert out.startswith("coach ") and f"database: {tmp_path / 'here.db'}" in out
    _use_database(monkeypatch, f"postgresql+psycopg://coach:{SECRET}@db.example/coach")
    with pytest.raises(SystemExit):
        main(["--version"])
    out = capsys.readouterr().out
    assert "db.example" in out and SECRET not in out
    get_settings.cache_clear()
