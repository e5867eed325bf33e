"""Every rule carries should-pass / should-fail examples, and they hold."""

import pytest

from coach.checking.rules import BUILTIN_RULES
from coach.checking.rules.base import Rule


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=lambda r: r.id)
def test_rule_has_examples(rule: Rule) -> None:
    assert rule.should_pass, f"{rule.id} has no should-pass examples"
    assert rule.should_fail, f"{rule.id} has no should-fail examples"


@pytest.mark.parametrize(
    ("rule", "text"),
    [(r, t) for r in BUILTIN_RULES for t in r.should_pass],
    ids=lambda v: v.id if isinstance(v, Rule) else str(v)[:40],
)
def test_should_pass(rule: Rule, text: str) -> None:
    assert rule.passes(text), f"{rule.id} should pass: {text!r}"


@pytest.mark.parametrize(
    ("rule", "text"),
    [(r, t) for r in BUILTIN_RULES for t in r.should_fail],
    ids=lambda v: v.id if isinstance(v, Rule) else str(v)[:40],
)
def test_should_fail(rule: Rule, text: str) -> None:
    assert not rule.passes(text), f"{rule.id} should fail: {text!r}"
