"""The app's frame: default page, offline note, settings panel, every page renders."""

from __future__ import annotations

import pytest

from coach.engines.offline import OfflineEngine
from tests.app_harness import button, new_app, no_exception, settings_for, texts
from ui import nav


class _NamedEngine(OfflineEngine):
    """An offline engine that reports itself as the OpenAI one, for the settings panel."""

    name = "openai"


def test_the_first_screen_starts_practice_and_the_engine_is_said_in_settings(tmp_path) -> None:
    at = new_app(tmp_path)
    no_exception(at)
    assert at.title[0].value == "Rehearse a call"
    assert "OPENAI_API_KEY" not in "\n".join(m.value for m in at.main.markdown)
    assert button(at, "Start the call")
    sidebar = "\n".join(c.value for c in [*at.sidebar.caption, *at.sidebar.markdown])
    assert "Offline" in sidebar and "OPENAI_API_KEY" in sidebar


def test_settings_panel_names_engine_and_model_but_never_the_key(tmp_path) -> None:
    secret = "sk-test-9f8e7d6c5b4a"
    settings = settings_for(
        tmp_path, openai_api_key=secret, openai_base_url="http://127.0.0.1:9/v1"
    )
    at = new_app(tmp_path, engine=_NamedEngine(seed=1), settings=settings)
    no_exception(at)
    panel = "\n".join(m.value for m in at.sidebar.markdown)
    assert "`openai`" in panel and f"`{settings.coach_model}`" in panel
    assert "**API key:** set" in panel
    assert secret not in texts(at) and secret not in panel
    assert "Offline" not in "\n".join(c.value for c in at.sidebar.caption)


def test_zero_configuration_builds_the_offline_engine(tmp_path, monkeypatch) -> None:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_ENGINE"):
        monkeypatch.delenv(var, raising=False)
    from streamlit.testing.v1 import AppTest

    from tests.app_harness import APP

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["settings"] = settings_for(tmp_path, _env_file=None)
    at.run()
    no_exception(at)
    assert at.session_state["engine"].name == "offline"
    assert "`offline`" in "\n".join(m.value for m in at.sidebar.markdown)


@pytest.mark.parametrize("page", nav.ALL, ids=lambda p: p.name)
def test_every_page_renders_with_a_title(tmp_path, page) -> None:
    at = new_app(tmp_path)
    at.switch_page(page.path).run()
    no_exception(at)
    assert at.title, page.name


def test_streamlit_secrets_override_settings_and_the_key_stays_hidden(tmp_path) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.app_harness import APP

    secret = "sk-from-secrets-0a1b2c"
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets["OPENAI_API_KEY"] = secret
    at.secrets["COACH_MODEL"] = "my-local-model"
    at.secrets["COACH_DB_PATH"] = str(tmp_path / "app.db")
    at.session_state["engine"] = _NamedEngine(seed=1)
    at.run()
    no_exception(at)
    settings = at.session_state["settings"]
    assert settings.coach_model == "my-local-model"
    assert settings.openai_api_key.get_secret_value() == secret
    panel = "\n".join(m.value for m in at.sidebar.markdown)
    assert "`my-local-model`" in panel and secret not in panel + texts(at)


def test_drafts_survive_switching_pages(tmp_path) -> None:
    at = new_app(tmp_path)
    button(at, "Start the call").click().run()
    at.text_area(key="draft").input("Thank you for two good years.").run()
    at.switch_page("ui/pages/review.py").run()
    at.text_area(key="review_text").input("Dear Sam, thank you.").run()
    at.switch_page("ui/pages/rehearse.py").run()
    no_exception(at)
    assert at.text_area(key="draft").value == "Thank you for two good years."
    at.switch_page("ui/pages/review.py").run()
    assert at.text_area(key="review_text").value == "Dear Sam, thank you."


def test_user_and_model_text_is_shown_as_words_not_markdown() -> None:
    from ui.common import plain

    shown = plain("![x](http://example.com/a.png) **Client:** I accept. Fine.")
    assert shown == r"!\[x\](http://example.com/a.png) \*\*Client:\*\* I accept. Fine."
