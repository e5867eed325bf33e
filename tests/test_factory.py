"""Which engine `make_engine` builds."""

from __future__ import annotations

from typing import Any

import pytest

from coach.engines.factory import make_engine
from coach.engines.offline import OfflineEngine
from coach.engines.openai_engine import OpenAIEngine
from coach.settings import Settings


def settings(**kw: Any) -> Settings:
    return Settings(_env_file=None, **kw)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_ENGINE"):
        monkeypatch.delenv(var, raising=False)


def test_auto_without_key_or_url_is_offline():
    assert isinstance(make_engine(settings()), OfflineEngine)


@pytest.mark.parametrize(
    "kw", [{"openai_api_key": "sk-x"}, {"openai_base_url": "http://127.0.0.1:11434/v1"}]
)
def test_auto_with_key_or_base_url_is_openai_with_offline_fallback(kw):
    engine = make_engine(settings(**kw), seed=7)
    assert isinstance(engine, OpenAIEngine)
    assert isinstance(engine.fallback, OfflineEngine) and engine.fallback.seed == 7


def test_name_overrides_settings():
    assert isinstance(make_engine(settings(openai_api_key="sk-x"), name="offline"), OfflineEngine)
    assert isinstance(make_engine(settings(), name="openai"), OpenAIEngine)
    assert isinstance(
        make_engine(settings(coach_engine="offline", openai_api_key="k")), OfflineEngine
    )


def test_unknown_name_is_an_error():
    with pytest.raises(ValueError, match="unknown engine"):
        make_engine(settings(), name="claude")


def test_seed_makes_offline_engine_reproducible():
    a, b = make_engine(settings(), seed=3), make_engine(settings(), seed=3)
    assert isinstance(a, OfflineEngine) and isinstance(b, OfflineEngine)
    assert a.seed == b.seed == 3
