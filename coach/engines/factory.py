"""Picks the engine: the CLI, the app and the benchmark all build engines here."""

from __future__ import annotations

from coach.engines.base import Engine
from coach.engines.offline import OfflineEngine
from coach.settings import EngineChoice, Settings, export_env_file, get_settings

ENGINE_NAMES: tuple[EngineChoice, ...] = ("auto", "offline", "openai")


def make_engine(
    settings: Settings | None = None, name: str | None = None, seed: int | None = None
) -> Engine:
    """`name` overrides `settings.coach_engine`; "auto" means the model once a key or a base
    URL is configured or COACH_MODEL names another provider (see `Settings.engine_name`).
    The model engine always gets an offline engine to fall back on; a model that cannot be
    built raises `coach.settings.ModelSetupError`."""
    settings = settings or get_settings()
    if name is not None:
        if name not in ENGINE_NAMES:
            raise ValueError(f"unknown engine {name!r} (choose from {', '.join(ENGINE_NAMES)})")
        settings = settings.model_copy(update={"coach_engine": name})
    offline = OfflineEngine(seed=seed)
    if settings.engine_name() == "offline":
        return offline
    from coach.engines.openai_engine import OpenAIEngine  # LangChain loads only when needed

    export_env_file()
    return OpenAIEngine(settings, fallback=offline)
