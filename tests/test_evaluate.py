"""Evaluation metrics: counts, precision / recall / F1 and loading errors."""

import json
from pathlib import Path

import pytest

from coach.checking.evaluate import Counts, DatasetError, Example, evaluate, load_examples
from coach.checking.rules import BUILTIN_IDS

NONE = dict.fromkeys(BUILTIN_IDS, False)
ATTACK = "You are rude and unreasonable, idiot."


def test_counts_metrics() -> None:
    c = Counts(tp=3, fp=1, fn=2, tn=10)
    assert c.precision == pytest.approx(0.75)
    assert c.recall == pytest.approx(0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert c.support == 5
    assert Counts().f1 == 0.0


def test_evaluate_counts_match_checker() -> None:
    examples = [
        Example(
            "You are rude and unreasonable, idiot.", {**NONE, "personal_attack": True}, "s", "a"
        ),
        Example("The weather is mild today.", NONE, "s", "b"),
        Example("The weather is mild today.", {**NONE, "apology": True}, "s", "c"),
    ]
    result = evaluate(examples)
    attack = result.counts["personal_attack"]
    assert (attack.tp, attack.fp, attack.fn, attack.tn) == (1, 0, 0, 2)
    assert result.counts["apology"].fn == 1
    assert [(e.rule_id, e.expected, e.example.source) for e in result.errors] == [
        ("apology", True, "c")
    ]
    assert result.examples == 3 and result.by_kind == {"s": 3}
    assert 0.0 <= result.macro_f1 <= 1.0
    data = result.to_dict(with_errors=True)
    rules, errors = data["rules"], data["errors"]
    assert isinstance(rules, dict) and isinstance(errors, list)
    assert set(rules) == set(BUILTIN_IDS) and len(errors) == 1


def test_load_examples_from_dir_and_errors(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    row = {"text": "hi", "labels": NONE, "kind": "email"}
    (tmp_path / "sub" / "a.jsonl").write_text(json.dumps(row) + "\n\n" + json.dumps(row) + "\n")
    assert len(load_examples(tmp_path)) == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({**row, "labels": {**NONE, "apology": "yes"}}) + "\n")
    with pytest.raises(DatasetError, match=r"bad\.jsonl:1"):
        load_examples(bad)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DatasetError, match=r"no \.jsonl"):
        load_examples(empty)


def test_repository_dataset_loads() -> None:
    root = Path(__file__).resolve().parent.parent / "data" / "labelled"
    if not root.exists():
        pytest.skip("labelled data not present")
    examples = load_examples(root)
    assert len(examples) >= 400
