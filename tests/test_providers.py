"""COACH_MODEL=provider:model: other providers through LangChain's `init_chat_model`, the
OpenAI-compatible path for a plain name or `openai:`, auto selection, and one clear line
(exit 2 in the CLI, the offline engine in the app) when a provider's package is missing."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from pydantic import BaseModel
from streamlit.testing.v1 import AppTest

from coach.checking.checker import check
from coach.cli import EXIT_USAGE, main
from coach.engines import providers
from coach.engines.factory import make_engine
from coach.engines.offline import OfflineEngine
from coach.engines.openai_engine import OpenAIEngine
from coach.rehearsal import Rehearsal
from coach.scenarios.library import load_scenarios
from coach.settings import ModelSetupError, Settings, get_settings, split_model
from tests.app_harness import APP, TIMEOUT, no_exception, settings_for
from tests.fake_openai_server import DEFAULT_CLIENT_REPLY, FakeOpenAIServer
from ui.common import plain

CLAUDE = "anthropic:claude-sonnet-4-5"
MISSING = (
    f'COACH_MODEL={CLAUDE} needs the "anthropic" extra: '
    "pip install 'client-exit-coach[anthropic]'"
)
FAKE_REPLY = "I hear you, but I still expected better from your team."
DRAFT = "Thank you for giving us a try."
VERDICTS = {"verdicts": [{"rule_id": "appreciation", "present": True, "evidence": DRAFT}]}


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_ENGINE", "COACH_MODEL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANGSMITH_TRACING", "false")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def no_anthropic(monkeypatch: pytest.MonkeyPatch) -> None:
    """langchain-anthropic cannot be imported, whether or not the extra is installed."""
    monkeypatch.setitem(sys.modules, "langchain_anthropic", None)


@pytest.fixture(scope="module")
def scenario():
    return next(iter(load_scenarios().values()))


def settings(**kw: Any) -> Settings:
    return Settings(_env_file=None, **kw)


class ToolCallingFake(GenericFakeChatModel):
    """A fake that takes tools, so `with_structured_output` uses its tool-calling path."""

    def bind_tools(self, tools: Any, **kwargs: Any) -> ToolCallingFake:
        return self


def fake_init(
    monkeypatch: pytest.MonkeyPatch, judge: GenericFakeChatModel | None = None
) -> list[dict[str, Any]]:
    """Replace `init_chat_model`: the client (temperature > 0) replies FAKE_REPLY, the judge
    (temperature 0) is `judge`. Returns the calls made."""
    calls: list[dict[str, Any]] = []

    def init(model: str, **kwargs: Any) -> GenericFakeChatModel:
        calls.append({"model": model, **kwargs})
        if kwargs["temperature"] == 0 and judge is not None:
            return judge
        return GenericFakeChatModel(messages=iter([FAKE_REPLY]))

    monkeypatch.setattr(providers, "init_chat_model", init)
    return calls


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("gpt-4o-mini", ("openai", "gpt-4o-mini")),
        ("openai:gpt-4o-mini", ("openai", "gpt-4o-mini")),
        (CLAUDE, ("anthropic", "claude-sonnet-4-5")),
        ("google-genai:gemini-2.5-flash", ("google_genai", "gemini-2.5-flash")),
        ("bedrock_converse:anthropic.claude-v2:1", ("bedrock_converse", "anthropic.claude-v2:1")),
        ("llama3.1:8b", ("openai", "llama3.1:8b")),  # an Ollama tag, not a provider
    ],
)
def test_split_model_knows_providers_and_leaves_tags_alone(value, expected) -> None:
    assert split_model(value) == expected


@pytest.mark.parametrize("model", ["openai:gpt-4o-mini", "gpt-4o-mini"])
def test_plain_or_openai_name_uses_the_openai_compatible_endpoint(model, scenario) -> None:
    with FakeOpenAIServer().running() as server:
        engine = make_engine(
            settings(openai_api_key="sk-test", openai_base_url=server.base_url, coach_model=model)
        )
        assert isinstance(engine, OpenAIEngine) and engine.name == "openai"
        turn = Rehearsal.start(scenario, next(iter(scenario.difficulties)), engine).send("Hello.")
        engine.coach(DRAFT, check(DRAFT), scenario)
    assert turn.engine == "openai" and turn.client == DEFAULT_CLIENT_REPLY
    client, verdicts, rewrite = server.requests
    assert client.body["model"] == verdicts.body["model"] == rewrite.body["model"] == "gpt-4o-mini"
    for judge in (verdicts, rewrite):
        assert judge.is_judge and judge.body["response_format"]["type"] == "json_schema"


def test_provider_prefix_builds_models_with_init_chat_model(monkeypatch, scenario) -> None:
    calls = fake_init(monkeypatch)
    engine = make_engine(settings(coach_model=CLAUDE, coach_timeout_s=12.5, coach_max_retries=1))
    assert isinstance(engine, OpenAIEngine) and engine.name == "anthropic"
    turn = Rehearsal.start(scenario, next(iter(scenario.difficulties)), engine).send("Hello.")
    assert turn.client == FAKE_REPLY and turn.engine == "anthropic"
    assert not turn.notices
    client = calls[0]
    assert client["model"] == "claude-sonnet-4-5" and client["model_provider"] == "anthropic"
    assert client["timeout"] == 13 and client["max_retries"] == 1
    assert client["max_tokens"] > 0 and client["temperature"] == 0.7
    assert calls[1]["temperature"] == 0  # the judge


def test_ollama_gets_its_own_limit_names(monkeypatch) -> None:
    calls = fake_init(monkeypatch)
    make_engine(settings(coach_model="ollama:llama3.1"))
    assert calls[0]["num_predict"] > 0 and calls[0]["client_kwargs"] == {"timeout": 30.0}
    assert "max_tokens" not in calls[0]


def tool_call(name: str, args: dict[str, Any]) -> AIMessage:
    return AIMessage("", tool_calls=[{"name": name, "args": args, "id": "1"}])


UNKNOWN = {"rule_id": "tone", "present": True, "evidence": DRAFT}
REWRITE = {"rewrite": "Thank you for giving us a try; I am sorry it did not work out."}


@pytest.mark.parametrize(
    ("judge", "dropped"),
    [
        (
            ToolCallingFake(
                messages=iter(
                    [tool_call("JudgeVerdicts", VERDICTS), tool_call("JudgeRewrite", REWRITE)]
                )
            ),
            False,
        ),
        (
            ToolCallingFake(
                messages=iter(
                    [
                        tool_call("JudgeVerdicts", {"verdicts": [UNKNOWN, *VERDICTS["verdicts"]]}),
                        tool_call("JudgeRewrite", REWRITE),
                    ]
                )
            ),
            True,
        ),
        (
            GenericFakeChatModel(
                messages=iter([AIMessage(json.dumps(VERDICTS)), AIMessage(json.dumps(REWRITE))])
            ),
            False,
        ),
    ],
    ids=["structured-output", "unknown-rule-id", "plain-json"],
)
def test_provider_judge_verdicts_reach_the_coaching(monkeypatch, scenario, judge, dropped) -> None:
    fake_init(monkeypatch, judge)
    engine = make_engine(settings(coach_model=CLAUDE))
    coaching = engine.coach(DRAFT, check(DRAFT), scenario)
    assert [(v.rule_id, v.present) for v in coaching.judge] == [("appreciation", True)]
    assert not any("offline" in n for n in coaching.notices)
    assert any("'tone'" in n for n in coaching.notices) is dropped
    assert coaching.rewrite == REWRITE["rewrite"] and coaching.usage.requests == 2


def test_missing_provider_package_is_one_line_and_exit_2(
    monkeypatch, capsys, no_anthropic, scenario
) -> None:
    monkeypatch.setenv("COACH_MODEL", CLAUDE)
    with pytest.raises(ModelSetupError, match="needs the"):
        make_engine(get_settings())
    code = main(["rehearse", "--scenario", scenario.id, "--no-save"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert err == f"coach: error: {MISSING}\n"


def test_a_provider_refusing_its_settings_is_one_line_without_the_value(monkeypatch) -> None:
    class Strict(BaseModel):
        api_key: int

    def refuse(model: str, **kwargs: Any) -> None:
        Strict(api_key="sk-never-shown")

    monkeypatch.setattr(providers, "init_chat_model", refuse)
    with pytest.raises(ModelSetupError) as caught:
        make_engine(settings(coach_model=CLAUDE))
    message = str(caught.value)
    assert message.startswith(f"COACH_MODEL={CLAUDE} could not be set up: api_key: ")
    assert "sk-never-shown" not in message and "\n" not in message


def test_env_file_reaches_langchain_without_overriding_the_environment(
    monkeypatch, tmp_path
) -> None:
    (tmp_path / ".env").write_text(
        "LANGSMITH_PROJECT=from-env-file\nANTHROPIC_API_KEY=from-env-file\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANGSMITH_PROJECT", "")
    monkeypatch.delenv("LANGSMITH_PROJECT")  # set by the .env file, removed after the test
    monkeypatch.setenv("ANTHROPIC_API_KEY", "from-environment")
    fake_init(monkeypatch)
    make_engine(settings(coach_model=CLAUDE))
    assert os.environ["LANGSMITH_PROJECT"] == "from-env-file"
    assert os.environ["ANTHROPIC_API_KEY"] == "from-environment"


def test_app_falls_back_offline_and_says_why(tmp_path, no_anthropic) -> None:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.session_state["settings"] = settings_for(tmp_path, _env_file=None, coach_model=CLAUDE)
    at.run()
    no_exception(at)
    assert isinstance(at.session_state["engine"], OfflineEngine)
    assert [w.value for w in at.sidebar.warning] == [plain(MISSING)]
    assert "`offline`" in "\n".join(m.value for m in at.sidebar.markdown)


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({"coach_model": CLAUDE}, "anthropic"),
        ({"coach_model": "mistralai:mistral-large-latest"}, "mistralai"),
        ({"coach_model": "openai:gpt-4o-mini"}, "offline"),  # no key, no base URL
        ({"coach_model": "gpt-4o-mini", "openai_api_key": "sk-x"}, "openai"),
        ({"coach_model": CLAUDE, "coach_engine": "offline"}, "offline"),
        ({"coach_model": "gpt-4o-mini", "coach_engine": "openai"}, "openai"),
    ],
)
def test_auto_engine_selection_with_a_prefix(kw, expected) -> None:
    assert settings(**kw).engine_name() == expected


def test_auto_with_a_prefix_builds_the_model_engine(monkeypatch) -> None:
    fake_init(monkeypatch)
    engine = make_engine(settings(coach_model="google_genai:gemini-2.5-flash"), seed=4)
    assert isinstance(engine, OpenAIEngine) and engine.name == "google_genai"
    assert isinstance(engine.fallback, OfflineEngine) and engine.fallback.seed == 4
