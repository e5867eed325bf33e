"""`coach eval --engine openai`: the checker, the judge and the merged verdict scored side
by side against the local test server, whose keyword judge (`keyword_judge`) makes the
three tables differ in a known way."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.checking.rules import BUILTIN_IDS
from coach.cli import main
from coach.engines.openai_engine import VERDICT_MAX_COMPLETION_TOKENS
from coach.settings import get_settings
from tests.fake_openai_server import FakeOpenAIServer, keyword_judge

NONE = dict.fromkeys(BUILTIN_IDS, False)
# (text, the rule it carries or None). The checker gets every item right; the keyword judge
# calls each keyword a find whatever it means, and knows no attack without "always" and no
# alternative without "recommend".
ITEMS: list[tuple[str, str | None]] = [
    ("Thank you for choosing us as your practice these past four years.", "appreciation"),
    ("Thank you for your prompt attention to this matter.", None),
    ("I'm sorry we weren't able to give you the service you expected.", "apology"),
    ("I'm sorry you feel that way.", None),
    ("Frankly, you are impossible to work with.", "personal_attack"),
    ("You're always so quick to blame us when things go wrong.", "personal_attack"),
    ("Invoices 1043 and 1051 remain unpaid after 90 days.", "documented_facts"),
    ("I'm issuing a refund for this past month.", "goodwill"),
    ("No refund will be issued for the current term.", None),
    ("You may want to try Harbour Catering or Greenleaf Events.", "alternatives"),
    ("We are not able to recommend another firm.", None),
]
# Per-rule F1: a keyword false alarm halves the judge's precision (0.667); a miss the checker
# catches is recovered by the merge, which keeps the judge's quoted false alarms too.
EXPECTED = {
    "checker": dict.fromkeys(BUILTIN_IDS, 1.0),
    "judge": {
        "appreciation": 0.6667,
        "documented_facts": 1.0,
        "personal_attack": 0.6667,
        "goodwill": 0.6667,
        "apology": 0.6667,
        "alternatives": 0.0,
    },
    "merged": {
        "appreciation": 0.6667,
        "documented_facts": 1.0,
        "personal_attack": 1.0,
        "goodwill": 0.6667,
        "apology": 0.6667,
        "alternatives": 0.6667,
    },
}


@pytest.fixture
def labelled(tmp_path: Path) -> Path:
    path = tmp_path / "items.jsonl"
    rows = [
        {"text": text, "labels": {**NONE, **({rule: True} if rule else {})}, "kind": "sentence"}
        for text, rule in ITEMS
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeOpenAIServer]:
    """The test server with the keyword judge, configured as the model through the
    environment, as a user would; no retries, so each item costs exactly one request."""
    monkeypatch.chdir(tmp_path)  # no .env file
    with FakeOpenAIServer(judge_reply=keyword_judge).running() as s:
        for var, value in {
            "OPENAI_API_KEY": "sk-eval",
            "OPENAI_BASE_URL": s.base_url,
            "COACH_MODEL": "gpt-4o-mini",
            "COACH_ENGINE": "auto",
            "COACH_MAX_RETRIES": "0",
            "COACH_TIMEOUT_S": "0.5",
            "LANGSMITH_TRACING": "false",
        }.items():
            monkeypatch.setenv(var, value)
        get_settings.cache_clear()
        yield s
    get_settings.cache_clear()


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def f1s(data: dict[str, object], source: str) -> dict[str, float]:
    rules = data[source]
    assert isinstance(rules, dict)
    return {r: c["f1"] for r, c in rules["rules"].items()}


def test_three_tables_side_by_side_with_requests_and_tokens(server, labelled, capsys):
    code, out, _ = run(["eval", "--engine", "openai", str(labelled), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["examples"] == len(ITEMS)
    for source, expected in EXPECTED.items():
        assert f1s(data, source) == expected, source
    assert data["checker"]["macro_f1"] == 1.0
    assert data["judge"]["macro_f1"] == pytest.approx(0.6111, abs=1e-4)
    assert data["merged"]["macro_f1"] == pytest.approx(0.7778, abs=1e-4)
    assert data["requests"] == len(ITEMS) == len(server.requests)
    assert all(r.asks_verdicts for r in server.requests)  # verdicts only, never a rewrite
    assert data["prompt_tokens"] == sum(r.prompt_tokens for r in server.requests)
    assert 0 < data["completion_tokens"] <= VERDICT_MAX_COMPLETION_TOKENS * len(ITEMS)
    assert data["no_verdict"] == 0 and data["model"] == "openai:gpt-4o-mini"


def test_text_tables_and_limit(server, labelled, capsys):
    code, out, _ = run(["eval", "--engine", "auto", str(labelled), "--limit", "4"], capsys)
    assert code == 0 and len(server.requests) == 4
    lines = out.splitlines()
    assert lines[0] == "4 examples (4 sentence); judge openai:gpt-4o-mini"
    assert lines[2].split() == ["F1", "checker", "judge", "merged", "support"]
    assert lines[3].split() == ["appreciation", "1.000", "0.667", "0.667", "1"]
    assert [ln.split()[0] for ln in lines[3:10]] == [*BUILTIN_IDS, "macro-F1"]
    assert "judge requests: 4;" in out and "items without a verdict: 0" in out


def test_endpoint_failures_are_items_without_a_verdict(server, labelled, capsys):
    server.fail("500")
    server.fail("429", retry_after="3600")  # longer than any wait: not retried
    server.fail("malformed")
    server.fail("schema")
    server.fail("slow", delay_s=1.0)  # past the 0.5 s timeout
    code, out, _ = run(["eval", "--engine", "openai", str(labelled), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["no_verdict"] == 5 and data["requests"] == len(ITEMS)
    assert data["no_verdict_by_fault"] == {
        "HTTP 500": 1,
        "HTTP 429": 1,
        "unusable output": 2,
        "timeout": 1,
    }
    assert f1s(data, "checker") == EXPECTED["checker"]  # no verdict: the checker's stands
    assert data["merged"]["macro_f1"] > data["judge"]["macro_f1"]


def test_default_and_auto_without_a_model_ask_no_model(labelled, capsys, monkeypatch):
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_MODEL", "COACH_ENGINE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(labelled.parent)
    get_settings.cache_clear()
    code, out, err = run(["eval", str(labelled), "--format", "json"], capsys)
    assert code == 0 and "judge" not in json.loads(out) and not err
    code, out, err = run(["eval", "--engine", "auto", str(labelled), "--format", "json"], capsys)
    assert code == 0 and "judge" not in json.loads(out) and "no model is configured" in err
    assert run(["eval", str(labelled), "--limit", "0"], capsys)[0] == 2
