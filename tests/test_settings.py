"""Settings overrides: the app's `st.secrets` reach coach/ code that calls `get_settings()`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError
from streamlit.testing.v1 import AppTest

from coach.engines.offline import OfflineEngine
from coach.settings import get_settings, set_overrides
from coach.validation import max_input_chars
from tests.app_harness import APP, TIMEOUT, button, no_exception

PROMPTS = Path(__file__).resolve().parent.parent / "prompts"
MARKER = "This line comes from the prompts folder named in the secrets."


def test_overrides_sit_above_the_environment_until_removed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COACH_MODEL", "model-from-env")
    monkeypatch.setenv("COACH_MAX_INPUT_CHARS", "4000")
    get_settings.cache_clear()
    assert get_settings().coach_model == "model-from-env"

    returned = set_overrides({"coach_model": "model-from-secrets"})
    assert returned.coach_model == get_settings().coach_model == "model-from-secrets"
    assert max_input_chars() == 4000  # what is not overridden still comes from the environment

    set_overrides({})
    assert get_settings().coach_model == "model-from-env"


def test_invalid_overrides_raise_and_change_nothing() -> None:
    set_overrides({"coach_max_input_chars": 5000})
    with pytest.raises(ValidationError):
        set_overrides({"coach_temperature": 9})
    assert max_input_chars() == 5000
    assert get_settings().coach_temperature != 9


def _marked_prompts(tmp_path: Path) -> Path:
    """A copy of prompts/ in which every scripted client line starts with MARKER."""
    folder = tmp_path / "prompts"
    shutil.copytree(PROMPTS, folder)
    for path in (folder / "personas").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        end = text.index("\n---\n", 4) + 5  # the end of the front matter
        body = re.sub(r"^(?!---)(?=\S)", MARKER + " ", text[end:], flags=re.MULTILINE)
        path.write_text(text[:end] + body, encoding="utf-8")
    return folder


def test_app_secrets_reach_coach_code(tmp_path: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.secrets["COACH_PROMPTS_DIR"] = str(_marked_prompts(tmp_path))
    at.secrets["COACH_DB_PATH"] = str(tmp_path / "app.db")
    at.secrets["COACH_MAX_INPUT_CHARS"] = 2500
    at.session_state["engine"] = OfflineEngine(seed=5)
    at.run()
    no_exception(at)
    assert max_input_chars() == 2500

    button(at, "Start the call").click().run()
    at.text_area(key="draft").input("Thank you for working with us these two years.").run()
    button(at, "Send").click().run()
    no_exception(at)
    client_line = at.chat_message[-1].markdown[0].value
    assert MARKER in client_line
