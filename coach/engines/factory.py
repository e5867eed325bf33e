"""Picks the engine: the CLI, the app and the benchmark all build engines here."""

from __future__ import annotations

from coach.engines.base import Engine
from coach.engines.offline import OfflineEngine
from coach.settings import EngineChoice, Settings, get_settings

ENGINE_NAMES: tuple[EngineChoice, ...] = ("auto", "offline", "openai")


def make_engine(
    settings: Settings | None = None, name: str | None = None, seed: int | None = None
) -> Engine:
    """`name` overrides `settings.coach_engine`; "auto" means OpenAI once a key or a base URL
    is configured. The OpenAI engine always gets an offline engine to fall back on."""
    settings = settings or get_settings()
    if name is not None:
        if name not in ENGINE_NAMES:
            raise ValueError(f"unknown engine {name!r} (choose from {', '.join(ENGINE_NAMES)})")
        settings = settings.model_copy(update={"coach_engine": name})
    offline = OfflineEngine(seed=seed)
    if settings.engine_name() == "offline":
        return offline
    from coach.engines.openai_engine import OpenAIEngine  # LangChain loads only when needed

    return OpenAIEngine(settings, fallback=offline)
