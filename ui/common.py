"""What every page shares: settings, the engine, the sidebar settings panel and the
offline note, kept in `st.session_state` so they survive reruns.

Session-state keys other code may set:
- `engine`: the `coach.engines.base.Engine` the pages use. Tests put an engine built on a
  fake chat model here before `AppTest.run()`; otherwise it is built from settings.
- `settings`: the `coach.settings.Settings` object (env and `.env`, then `st.secrets`).
- `engine_problem`: why the configured model could not be built (one line), shown in the
  sidebar while the offline engine stands in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, cast

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from coach.checking.checker import Review
from coach.checking.rewrite import Suggestion
from coach.checking.rules import RULES_BY_ID
from coach.engines.base import Coaching, Engine
from coach.engines.offline import OfflineEngine
from coach.scenarios.schema import Scenario
from coach.settings import OPENAI_COMPATIBLE, ModelSetupError, Settings, set_overrides
from coach.store.engine import Store, StoreError, open_store
from coach.types import Record
from ui import annotate

SETTINGS_KEY = "settings"
ENGINE_KEY = "engine"
ENGINE_PROBLEM_KEY = "engine_problem"


def settings() -> Settings:
    """Settings from the environment, with `st.secrets` entries (same names) on top. The
    secrets become the process's settings overrides, so coach/ code that calls
    `get_settings()` (prompts, scenario folder) sees them too."""
    if SETTINGS_KEY not in st.session_state:
        st.session_state[SETTINGS_KEY] = set_overrides(_secrets())
    return cast(Settings, st.session_state[SETTINGS_KEY])


def _secrets() -> dict[str, Any]:
    try:
        items = list(st.secrets.items())
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return {}
    return {k.lower(): v for k, v in items if not isinstance(v, Mapping)}


def engine() -> Engine:
    """The session's engine: injected (tests) or built once from settings; the offline
    engine, with the reason kept for the sidebar, when the configured model cannot be built
    (a provider's package not installed)."""
    if ENGINE_KEY not in st.session_state:
        from coach.engines.factory import make_engine

        try:
            built = make_engine(settings())
        except ModelSetupError as exc:
            st.session_state[ENGINE_PROBLEM_KEY] = str(exc)
            built = OfflineEngine()
        st.session_state[ENGINE_KEY] = built
    return cast(Engine, st.session_state[ENGINE_KEY])


def store() -> Store | None:
    """The database (SQLite file by default); None, with a notice, if it cannot be opened,
    so the app still works without saving."""
    try:
        return open_store(settings().sqlalchemy_url())
    except StoreError as exc:
        st.warning(
            f"Rehearsals are not being saved: {plain(str(exc))}.", icon=":material/database:"
        )
        return None


def sidebar() -> None:
    """The settings panel: which engine and model are in use (never the key)."""
    s = settings()
    name = engine().name
    problem = st.session_state.get(ENGINE_PROBLEM_KEY)
    if problem:
        st.sidebar.warning(plain(problem), icon=":material/warning:")
    if name == "offline":
        st.sidebar.caption(":material/cloud_off: Offline: scripted clients, template rewrites.")
    with st.sidebar.expander("Settings", icon=":material/settings:"):
        st.markdown(f"**Engine:** `{name}`")
        st.markdown(f"**Saved to:** `{s.database_label()}`")
        if name == "offline":
            st.caption(
                "Running offline: clients are scripted and rewrites come from templates; no "
                "model, no network. To use a model, set `OPENAI_API_KEY` (and "
                "`OPENAI_BASE_URL` for Azure, Ollama, vLLM or llama.cpp), or "
                "`COACH_MODEL=provider:model` with that provider's extra installed, in "
                "`.env` or `.streamlit/secrets.toml`, then restart the app."
            )
        else:
            st.markdown(f"**Model:** `{s.coach_model}`")
            if s.model_provider() == OPENAI_COMPATIBLE:
                st.markdown(f"**Endpoint:** `{s.openai_base_url or 'OpenAI default'}`")
                st.markdown(f"**API key:** {'set' if s.openai_api_key else 'not set'}")
            else:
                st.markdown(
                    f"**Provider:** `{s.model_provider()}` through LangChain (its key and "
                    "endpoint come from the provider's own settings)"
                )
            st.caption(
                f"Timeout {s.coach_timeout_s:g}s · at most {s.coach_max_prompt_tokens} "
                "tokens per request"
            )


def coach_draft(
    text: str, review: Review, scenario: Scenario | None = None, record: Record | None = None
) -> Coaching:
    """Coaching from the session's engine; if it fails, offline coaching and a notice."""
    current = engine()
    try:
        return current.coach(text, review, scenario, record)
    except Exception as exc:
        coaching = OfflineEngine().coach(text, review, scenario, record)
        coaching.notices.append(
            f"The {current.name} engine failed ({type(exc).__name__}); offline coaching is shown."
        )
        return coaching


def verdict_list(review: Review) -> None:
    """Each rule's verdict (passed / missing / attack) with a one-line why."""
    for v in annotate.verdicts(review):
        st.markdown(f"{annotate.VERDICT_ICONS[v.verdict]} **{v.title}** — {v.verdict}")
        if v.why:
            st.caption(v.why)


def notice(text: str) -> None:
    """An engine notice (a fallback, a retry): informative, never a stack trace."""
    st.warning(text, icon=":material/warning:")


LEAVE_OUT = "(leave it out)"


def suggestion_choices(suggestions: tuple[Suggestion, ...], key: str) -> dict[str, str]:
    """The steps the user must decide on, as choices they make (options from the record
    where there is one), never added on their behalf: step id → the chosen text."""
    chosen: dict[str, str] = {}
    for s in suggestions:
        title = RULES_BY_ID[s.step].title
        if s.options:
            pick = st.selectbox(
                f"Your decision: {title.lower()}",
                [LEAVE_OUT, *s.options],
                key=f"{key}_suggest_{s.step}",
            )
            if pick != LEAVE_OUT:
                chosen[s.step] = pick
        elif st.checkbox(f"Add: {s.text}", key=f"{key}_suggest_{s.step}"):
            chosen[s.step] = s.text
    return chosen


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#~|$])")


def plain(text: str) -> str:
    """User or model text shown through Markdown as the words it is: no images, links,
    bold "**Client:** I accept" lines or headings smuggled in."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
