"""Every rule carries should-pass / should-fail examples, and the checker agrees with them."""

import pytest

from coach.checking.checker import check
from coach.checking.rules import BUILTIN_RULES
from coach.checking.rules.base import Rule


def holds(rule: Rule, text: str) -> bool:
    """Whether the text is fine with respect to the rule: a step present, no violation."""
    detected = check(text).detected[rule.id]
    return not detected if rule.kind == "forbidden" else detected


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda r: r.id)
def test_rule_has_examples_and_named_checks(rule: Rule) -> None:
    assert rule.should_pass, f"{rule.id} has no should-pass examples"
    assert rule.should_fail, f"{rule.id} has no should-fail examples"
    assert rule.checks and all(c.name.startswith(f"{rule.id}.") for c in rule.checks)


@pytest.mark.parametrize(
    ("rule", "text"),
    [(r, t) for r in BUILTIN_RULES for t in r.should_pass],
    ids=lambda v: v.id if isinstance(v, Rule) else str(v)[:40],
)
def test_should_pass(rule: Rule, text: str) -> None:
    assert holds(rule, text), f"{rule.id} should pass: {text!r}"


@pytest.mark.parametrize(
    ("rule", "text"),
    [(r, t) for r in BUILTIN_RULES for t in r.should_fail],
    ids=lambda v: v.id if isinstance(v, Rule) else str(v)[:40],
)
def test_should_fail(rule: Rule, text: str) -> None:
    assert not holds(rule, text), f"{rule.id} should fail: {text!r}"


def test_word_lists_hold_single_words() -> None:
    """A plain word list is one lower-case word per line (a stray comment word such as
    "a" in the judging words would make every "you are a ..." an attack)."""
    from importlib import resources

    from coach.checking.rules.phrases import words

    for rule in BUILTIN_RULES:
        package = f"coach.checking.rules.{rule.id}"
        for path in resources.files(package).iterdir():
            if not path.name.endswith("_words.txt") and path.name != "not_judging.txt":
                continue
            for word in words(package, path.name[:-4]):
                assert word.isascii() and len(word) > 2, (path.name, word)
                assert word.replace("-", "").replace("'", "").isalpha(), (path.name, word)
