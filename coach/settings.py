"""One typed settings object, read from the environment and `.env`.

The Streamlit app passes `st.secrets` values in with `set_overrides()`, so code that calls
`get_settings()` sees them too; nothing here imports Streamlit. Secrets are `SecretStr` so
they never show up in a repr, a log line or the UI.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import platformdirs
from dotenv import load_dotenv
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_FILE = ".env"

EngineChoice = Literal["auto", "offline", "openai"]

OPENAI_COMPATIBLE = "openai"
# `COACH_MODEL=provider:model` prefixes served through LangChain's `init_chat_model`, each
# with the package extra that installs its integration. Only these count as prefixes, so an
# Ollama-style tag on the OpenAI-compatible path (`llama3.1:8b`) stays a plain model name.
PROVIDER_EXTRAS: dict[str, str] = {
    "anthropic": "anthropic",
    "google_genai": "google",
    "ollama": "ollama",
    "mistralai": "mistral",
    "bedrock_converse": "bedrock",
    "bedrock": "bedrock",
}


class ModelSetupError(ValueError):
    """COACH_MODEL names a model that cannot be built here (its provider's package is
    missing, or the provider refuses its settings). The message is one line fit to show."""


def export_env_file() -> None:
    """Put `.env` entries into the process environment, where LangChain reads LangSmith's
    and the providers' own settings (LANGSMITH_TRACING, ANTHROPIC_API_KEY, ...): pydantic-
    settings reads `.env` only for the fields below. The environment's own values win."""
    load_dotenv(ENV_FILE, override=False, encoding="utf-8")


def split_model(value: str) -> tuple[str, str]:
    """(provider, model name) of a COACH_MODEL value; "openai" for a plain name or
    `openai:`, which mean any OpenAI-compatible endpoint."""
    prefix, colon, rest = value.partition(":")
    provider = prefix.strip().lower().replace("-", "_")
    if colon and (provider in PROVIDER_EXTRAS or provider == OPENAI_COMPATIBLE):
        return provider, rest.strip()
    return OPENAI_COMPATIBLE, value


def default_db_path() -> Path:
    """In the user's data folder, so the app and the CLI run from any folder share one
    database (a `coach.db` beside wherever a command ran would hide CLI rehearsals)."""
    return platformdirs.user_data_path("client-exit-coach", appauthor=False) / "coach.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=ENV_FILE, env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    # Engine and model
    coach_engine: EngineChoice = "auto"
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    coach_model: str = "gpt-4o-mini"
    coach_temperature: float = Field(0.7, ge=0, le=2)
    coach_timeout_s: float = Field(30.0, gt=0)
    coach_max_retries: int = Field(2, ge=0, le=10)
    coach_max_prompt_tokens: int = Field(3000, ge=256)
    # A whole turn (retries and streaming included) ends within this; the timeout above is
    # per read and restarts with every chunk a server sends.
    coach_turn_deadline_s: float = Field(60.0, gt=0)
    coach_max_reply_chars: int = Field(20_000, ge=1_000)
    coach_price_input_per_1k: float | None = Field(None, ge=0)
    coach_price_output_per_1k: float | None = Field(None, ge=0)

    # Content
    coach_prompts_dir: Path = PROJECT_ROOT / "prompts"
    coach_scenarios_dir: Path | None = None
    coach_profile: Path | None = None
    coach_max_input_chars: int = Field(100_000, ge=1_000)

    # Storage and workshops
    database_url: str | None = None
    coach_db_path: Path = Field(default_factory=default_db_path)
    coach_trainer_passcode: SecretStr | None = None
    # How many reverse proxies you run in front of the app: their X-Forwarded-For names the
    # client whose attempts are rate-limited. 0 (no proxy, or unsure): per browser session.
    coach_trusted_proxy_depth: int = Field(0, ge=0, le=5)

    def model_provider(self) -> str:
        """Who serves COACH_MODEL: "openai" (any OpenAI-compatible endpoint) or a LangChain
        provider named by its prefix."""
        return split_model(self.coach_model)[0]

    def model_name(self) -> str:
        """COACH_MODEL without its provider prefix, as the provider knows it."""
        return split_model(self.coach_model)[1]

    def engine_name(self) -> str:
        """The engine to use: "offline", or the model engine named after its provider, so
        notices and the settings panel say who answers. `auto` means the model once a key
        or a base URL is given, or once COACH_MODEL names a provider other than OpenAI."""
        provider = self.model_provider()
        if self.coach_engine == "offline":
            return "offline"
        configured = self.openai_api_key or self.openai_base_url
        if self.coach_engine == "auto" and provider == OPENAI_COMPATIBLE and not configured:
            return "offline"
        return provider

    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{self.coach_db_path.expanduser()}"

    def database_label(self) -> str:
        """Where rehearsals are saved, fit to show: the file, or the URL without password."""
        if self.database_url:
            return display_url(self.database_url)
        return str(self.coach_db_path.expanduser())


def display_url(url: str) -> str:
    """A database URL with its password masked (an unparseable one is not shown at all)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(a DATABASE_URL that cannot be parsed)"


_overrides: dict[str, Any] = {}


def set_overrides(values: Mapping[str, Any]) -> Settings:
    """Put `values` (by field name) above the environment and `.env` for every later
    `get_settings()` in this process, and return the settings they give. For the app's
    `st.secrets`, which are process-wide too (one secrets file per app). Invalid values raise
    a `ValidationError` and change nothing; an empty mapping removes the overrides."""
    global _overrides
    settings = Settings(**values)
    _overrides = dict(values)  # rebound, never mutated: a concurrent reader sees old or new
    get_settings.cache_clear()
    return settings


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings(**_overrides)
