"""`coach scenarios` and `coach rehearse`, in-process and once as a real subprocess."""

import io
import json
import subprocess
import sys

import pytest

from coach.checking.rules import BUILTIN_IDS
from coach.cli import main
from coach.settings import get_settings

LINES = [
    "You are impossible to work with, and frankly you are rude.",
    "You have contacted us after each of the last seven shipments.",
    "We really appreciate you giving us a try, and I am sorry it did not work out.",
]
BASE = ["rehearse", "--scenario", "chronic-complainer-catering", "--engine", "offline"]


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(monkeypatch, capsys, argv: list[str], stdin: str | io.StringIO = "") -> tuple[int, str]:
    monkeypatch.setattr(
        sys, "stdin", stdin if isinstance(stdin, io.StringIO) else io.StringIO(stdin)
    )
    code = main(argv)
    return code, capsys.readouterr().out


def test_scenarios_json(monkeypatch, capsys) -> None:
    code, out = run(monkeypatch, capsys, ["scenarios", "--format", "json"])
    rows = json.loads(out)
    assert code == 0 and len(rows) >= 7
    for row in rows:
        assert {"id", "title", "situation", "difficulty"} <= row.keys()
        assert row["difficulty"] == ["cooperative", "defensive", "hostile"]


def test_scenarios_text(monkeypatch, capsys) -> None:
    code, out = run(monkeypatch, capsys, ["scenarios"])
    assert code == 0 and "chronic-complainer-catering" in out


def test_piped_json_has_one_turn_per_line_in_order(monkeypatch, capsys) -> None:
    stdin = "\n".join([LINES[0], "", LINES[1], LINES[2]]) + "\n"
    argv = [*BASE, "--difficulty", "hostile", "--format", "json", "--seed", "3", "--no-save"]
    code, out = run(monkeypatch, capsys, argv, stdin)
    data = json.loads(out)
    assert code == 0
    assert data["scenario"] == "chronic-complainer-catering" and data["engine"] == "offline"
    assert [t["user"] for t in data["turns"]] == LINES
    for turn in data["turns"]:
        assert turn["client"]
        assert set(turn["review"]["detected"]) == set(BUILTIN_IDS)
        assert all(isinstance(v, bool) for v in turn["review"]["detected"].values())
        assert isinstance(turn["review"]["score"], int)
    assert data["turns"][0]["review"]["detected"]["personal_attack"]
    assert data["turns"][1]["citations"][0]["status"] == "misstated"
    assert isinstance(data["notices"], list) and isinstance(data["usage"], dict)


def test_seed_makes_runs_repeat(monkeypatch, capsys) -> None:
    argv = [*BASE, "--format", "json", "--seed", "9", "--no-save"]
    stdin = "\n".join(LINES * 3)
    first = json.loads(run(monkeypatch, capsys, argv, stdin)[1])
    second = json.loads(run(monkeypatch, capsys, argv, stdin)[1])
    assert [t["client"] for t in first["turns"]] == [t["client"] for t in second["turns"]]


def test_piped_text_transcript(monkeypatch, capsys) -> None:
    code, out = run(monkeypatch, capsys, [*BASE, "--no-save"], "\n".join(LINES))
    assert code == 0
    assert out.count("You: ") == len(LINES)
    assert "Dana Whitfield: " in out and "five shipments" in out
    # Each line is judged as a line; the call keeps the steps and names the next one.
    assert "missing:" not in out
    assert "steps so far: none; next: Be appreciative" in out
    assert "steps so far: Frame with documented situations; next: Be appreciative" in out
    assert "Be appreciative, Frame with documented situations, Apologise; next: Extend" in out


def test_piped_line_that_is_not_english_is_skipped_with_a_notice(monkeypatch, capsys) -> None:
    lines = "\n".join([LINES[2], "ਤੁਹਾਡਾ ਧੰਨਵਾਦ, ਅਸੀਂ ਤੁਹਾਡੇ ਨਾਲ ਕੰਮ ਕਰਕੇ ਖੁਸ਼ ਹਾਂ"])
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    assert main([*BASE, "--no-save"]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("You: ") == 1 and "not English" in captured.err


def test_interactive_offers_a_rewrite_before_the_client_answers(monkeypatch, capsys) -> None:
    stdin = Tty(f"{LINES[0]}\n\n{LINES[2]}\n.\n/end\n")
    code, out = run(monkeypatch, capsys, [*BASE, "--seed", "1", "--no-save"], stdin)
    assert code == 0
    assert "Suggested: " in out
    assert out.index("Suggested: ") < out.index("[anger")
    assert "Rehearsal ended." in out or "The client accepted." in out
    assert "Overall score" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["rehearse", "--scenario", "no-such-scenario", "--no-save"],
        [*BASE, "--difficulty", "furious"],
        [*BASE, "--engine", "magic"],
        ["rehearse"],
    ],
)
def test_usage_errors_exit_2(monkeypatch, capsys, argv: list[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Hello.\n"))
    assert main(argv) == 2
    assert "coach: error:" in capsys.readouterr().err


def test_unreachable_endpoint_still_completes(monkeypatch, capsys, request) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    monkeypatch.setenv("COACH_MAX_RETRIES", "0")
    monkeypatch.setenv("COACH_TIMEOUT_S", "5")
    get_settings.cache_clear()
    request.addfinalizer(get_settings.cache_clear)
    argv = ["rehearse", "--scenario", "unprofitable-cleaning", "--engine", "openai"]
    code, out = run(monkeypatch, capsys, [*argv, "--format", "json", "--no-save"], "Hello.\n")
    data = json.loads(out)
    assert code == 0
    assert data["engine"] == "openai"
    assert [t["user"] for t in data["turns"]] == ["Hello."]
    assert data["turns"][0]["client"] and data["notices"]


def test_subprocess_json() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "coach.cli", *BASE, "--format", "json", "--seed", "2", "--no-save"],
        input="\n".join(LINES),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert [t["user"] for t in json.loads(proc.stdout)["turns"]] == LINES


def test_scenarios_show_prints_the_client_and_the_record(monkeypatch, capsys) -> None:
    code, out = run(monkeypatch, capsys, ["scenarios", "show", "abusive-to-staff-agency"])
    assert code == 0
    assert "Marcus Hale" in out and "The record you can cite:" in out
    assert "14 March 2024" in out and "INV-4410" in out and "$3,200" in out
    assert "Abusive to staff" in out and "abusive_to_staff" not in out
    code, out = run(
        monkeypatch, capsys, ["scenarios", "show", "unprofitable-cleaning", "--format", "json"]
    )
    assert code == 0 and json.loads(out)["incidents"]


@pytest.mark.parametrize("argv", [["scenarios", "show"], ["scenarios", "show", "no-such"]])
def test_scenarios_show_needs_a_known_id(monkeypatch, capsys, argv) -> None:
    assert main(argv) == 2
    assert "coach scenarios" in capsys.readouterr().err


def test_piped_text_ends_with_the_scorecard_and_advice(monkeypatch, capsys) -> None:
    code, out = run(monkeypatch, capsys, [*BASE, "--seed", "1", "--no-save"], LINES[0] + "\n")
    assert code == 0
    tail = out.rsplit("Overall score", 1)
    assert len(tail) == 2 and "/100." in tail[1]
    assert "\n  1. " in tail[1]  # advice follows the score


def test_piped_lines_after_the_client_hangs_up_are_not_sent(monkeypatch, capsys) -> None:
    attacks = "\n".join(["You are impossible to work with, and frankly you are rude."] * 5)
    monkeypatch.setattr(sys, "stdin", io.StringIO(attacks + "\n"))
    argv = ["rehearse", "--scenario", "abusive-to-staff-agency", "--difficulty", "hostile"]
    code = main([*argv, "--engine", "offline", "--seed", "2", "--no-save", "--format", "json"])
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert code == 0 and data["outcome"] == "the client ended the call"
    assert len(data["turns"]) == 3
    assert "2 line(s) not sent" in captured.err
