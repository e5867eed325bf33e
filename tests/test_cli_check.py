"""`coach check`, `coach review` and `coach eval`: output shapes and exit codes, in process
(via `coach.cli.main`) and, for a couple of cases, as a real subprocess."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from coach.checking.rules import BUILTIN_IDS
from coach.cli import main

ATTACK = "You are rude and unreasonable, idiot."
CLEAN = "Thank you for working with us these past three years."
GOOD_EMAIL = (
    "Dear Maria,\n\nThank you for working with us since 2021. We really appreciate it.\n"
    "Between 3 May and 28 June you opened tickets #4411 and #4470 about late deliveries.\n"
    "I'm refunding invoice INV-2041 in full. I'm sorry we were not the right fit.\n"
    "You may want to try Northwind or Fabrikam instead.\n\nBest regards,\nSam\n"
)


def run(
    args: list[str],
    capsys: pytest.CaptureFixture[str],
    stdin: bytes | None = None,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_attack_exits_1_and_is_marked(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", ATTACK, "--color", "never"], capsys)
    assert code == 1
    assert ">>" in out and "<<" in out
    assert "personal_attack" in out
    assert "\x1b[" not in out


def test_colour_when_forced(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", ATTACK, "--color", "always"], capsys)
    assert code == 1 and "\x1b[1;31m" in out and ">>" not in out


def test_clean_text_exits_0_unless_fail_on_missing(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", CLEAN], capsys)[0] == 0
    assert run(["check", CLEAN, "--fail-on", "missing"], capsys)[0] == 1


def test_json_output_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", ATTACK, "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 1
    assert data["text"] == ATTACK
    assert set(data["detected"]) == set(BUILTIN_IDS)
    assert data["detected"]["personal_attack"] is True
    assert isinstance(data["score"], int) and 0 <= data["score"] <= 100
    spans = [f["span"] for f in data["findings"] if f["span"]]
    assert all(0 <= s <= e <= len(ATTACK) for s, e in spans)


def test_reads_file_and_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(ATTACK, encoding="utf-8")
    code, out, _ = run(["check", str(path), "--format", "json"], capsys)
    assert code == 1 and json.loads(out)["text"] == ATTACK
    code, out, _ = run(["check", "-", "--format", "json"], capsys, ATTACK.encode(), monkeypatch)
    assert json.loads(out)["text"] == ATTACK


def test_jsonl_batch_keeps_order_and_survives_bad_records(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [
        json.dumps({"text": CLEAN}),
        "not json",
        json.dumps({"text": ATTACK}),
        json.dumps({"nope": 1}),
        json.dumps({"text": "x" * 200_000}),
        json.dumps({"text": "   "}),
        json.dumps({"text": GOOD_EMAIL}),
    ]
    stdin = ("\n".join(lines) + "\n").encode() + b'{"text": "caf\xe9"}\n'
    code, out, err = run(["check", "--jsonl"], capsys, stdin, monkeypatch)
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 8
    assert [r["line"] for r in records] == list(range(1, 9))
    assert [("error" in r) for r in records] == [False, True, False, True, True, True, False, True]
    assert records[0]["text"] == CLEAN and records[2]["detected"]["personal_attack"]
    assert "limit" in records[4]["error"] and "UTF-8" in records[7]["error"]
    for r in records:
        if "error" not in r:
            assert {"text", "detected", "findings", "score", "missing"} <= set(r)
    assert code == 2 and err == ""


def test_profile_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("rules:\n  personal_attack:\n    severity: warning\n", encoding="utf-8")
    assert run(["check", ATTACK, "--profile", str(profile)], capsys)[0] == 0
    profile.write_text("rules:\n  no_such_rule: {enabled: false}\n", encoding="utf-8")
    code, _, err = run(["check", ATTACK, "--profile", str(profile)], capsys)
    assert code == 2 and "no_such_rule" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"Caf\xe9 \x81 order", "UTF-8"),
        (b"hello \x1b[31m world", "control"),
        (b"word " * 1_000_000, "limit"),
    ],
    ids=["empty", "blank", "binary", "undecodable", "control", "5mb"],
)
def test_bad_files_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(content)
    for command in (["check", str(path)], ["review", str(path)]):
        code, out, err = run(command, capsys)
        assert code == 2 and out == ""
        assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_missing_file_and_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["review", "/no/such/file.txt"], capsys)
    assert code == 2 and "no such file" in err
    assert run(["check", CLEAN, "--format", "xml"], capsys)[0] == 2
    assert run(["check", CLEAN, "--jsonl"], capsys)[0] == 2


def test_review_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("Hi Bob,\n\nYou are rude, idiot. Invoice INV-77 is open.\n\nThanks,\nAl\n")
    code, out, _ = run(["review", str(path), "--color", "never"], capsys)
    assert code == 1
    assert "Suggested rewrite:" in out and "+++ rewrite" in out and "INV-77" in out
    code, out, _ = run(["review", str(path), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 1
    assert "INV-77" in data["rewrite"]["text"]
    assert data["rewrite"]["facts_preserved"] is True
    assert data["diff"].startswith("--- draft")


def _labelled(path: Path, rows: list[tuple[str, dict[str, bool]]]) -> None:
    path.write_text(
        "".join(
            json.dumps({"text": t, "labels": labels, "kind": "sentence"}) + "\n"
            for t, labels in rows
        )
    )


def test_eval_reports_metrics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    none = dict.fromkeys(BUILTIN_IDS, False)
    _labelled(
        tmp_path / "a.jsonl",
        [(ATTACK, {**none, "personal_attack": True}), ("The weather is mild.", none)],
    )
    code, out, _ = run(["eval", str(tmp_path), "--format", "json", "--errors"], capsys)
    data = json.loads(out)
    assert code == 0 and data["examples"] == 2
    assert set(data["rules"]) == set(BUILTIN_IDS)
    assert data["rules"]["personal_attack"]["tp"] == 1
    code, out, _ = run(["eval", str(tmp_path / "a.jsonl")], capsys)
    assert code == 0 and "macro-F1" in out


def test_eval_bad_dataset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "hi", "labels": {"apology": true}}\n')
    code, _, err = run(["eval", str(bad)], capsys)
    assert code == 2 and "bad.jsonl:1" in err
    assert run(["eval", str(tmp_path / "none")], capsys)[0] == 2


def _coach(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "coach.cli", *args], input=stdin, capture_output=True, timeout=120
    )


def test_subprocess_exit_codes_and_no_traceback(tmp_path: Path) -> None:
    proc = _coach("check", "--format", "json", stdin=ATTACK.encode())
    assert proc.returncode == 1 and json.loads(proc.stdout)["detected"]["personal_attack"]
    binary = tmp_path / "x.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    proc = _coach("check", str(binary))
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert proc.stderr.decode().startswith("coach: error:")


def test_text_that_is_not_english_exits_2_with_one_line(capsys) -> None:
    code = main(["check", "ਤੁਹਾਡਾ ਧੰਨਵਾਦ, ਅਸੀਂ ਤੁਹਾਡੇ ਨਾਲ ਕੰਮ ਕਰਕੇ ਖੁਸ਼ ਹਾਂ"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "not English" in err


def test_jsonl_gives_an_error_object_for_text_that_is_not_english(monkeypatch, capsys) -> None:
    lines = '{"text": "شكرا لك على ثقتك بنا طوال هذه السنوات"}\n{"text": "Thank you."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    assert main(["check", "--jsonl"]) == 2
    first, second = (json.loads(x) for x in capsys.readouterr().out.splitlines())
    assert "not English" in first["error"] and second["detected"]["appreciation"]


def test_a_file_name_that_does_not_exist_is_an_error_not_the_draft(capsys) -> None:
    assert main(["check", "no-such-draft.txt"]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["check", "--text", "no-such-draft.txt"]) == 0


@pytest.mark.parametrize(
    "line",
    ['{"text": "\\udc80"}', "[" * 100_000, '{"text": "a", "n": ' + "9" * 5000 + "}"],
    ids=["lone surrogate", "deep nesting", "huge integer"],
)
def test_jsonl_that_cannot_be_used_gets_an_error_object(monkeypatch, capsys, line) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((line + "\n").encode())))
    assert main(["check", "--jsonl"]) == 2
    assert "error" in json.loads(capsys.readouterr().out)


def test_a_bad_setting_is_one_line_and_exit_2(monkeypatch, capsys) -> None:
    monkeypatch.setenv("COACH_ENGINE", "foo")
    assert main(["check", "--text", "Thank you for everything."]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "COACH_ENGINE" in err


def test_an_endless_file_is_refused_without_reading_it_all(capsys) -> None:
    assert main(["review", "/dev/zero"]) == 2
    assert "limit" in capsys.readouterr().err


def test_a_windows_1252_file_is_checked_with_a_note(tmp_path: Path, capsys) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("We’re grateful for your custom since 2019 — thank you.".encode("cp1252"))
    code = main(["check", str(path), "--format", "json"])
    captured = capsys.readouterr()
    assert code == 0 and json.loads(captured.out)["detected"]["appreciation"]
    assert "read as Windows-1252" in captured.err and captured.err.count("\n") == 1
