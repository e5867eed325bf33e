"""Quality floor of the checker on the repository's labelled data.

The labelled files are the ones the rules were tuned on, so these floors guard against
regressions, they do not measure generality (the blind set in data/holdout/ does that and is
only scored by `coach eval`, never asserted on here).
"""

from pathlib import Path

import pytest

from coach.checking.evaluate import Evaluation, evaluate, load_examples
from coach.checking.rules import BUILTIN_IDS

LABELLED = Path(__file__).resolve().parent.parent / "data" / "labelled"
MACRO_FLOOR, RULE_FLOOR = 0.88, 0.80


@pytest.fixture(scope="module")
def result() -> Evaluation:
    return evaluate(load_examples(LABELLED))


def test_macro_f1_floor(result: Evaluation) -> None:
    assert result.macro_f1 >= MACRO_FLOOR, f"macro-F1 {result.macro_f1:.3f}"


@pytest.mark.parametrize("rule_id", BUILTIN_IDS)
def test_rule_f1_floor(result: Evaluation, rule_id: str) -> None:
    f1 = result.counts[rule_id].f1
    assert f1 >= RULE_FLOOR, f"{rule_id} F1 {f1:.3f}"


# Hard negatives named in the issue, each next to the positive it is easily confused with.
PAIRS = [
    (
        "appreciation",
        "Thank you for trusting us with your accounts since 2019.",
        "Thanks for nothing.",
    ),
    (
        "appreciation",
        "We really appreciate you giving us a try.",
        "Thank you in advance for returning the keys by Friday.",
    ),
    (
        "documented_facts",
        "On 3 March you called our front desk four times about invoice INV-2041.",
        "Your account closes on 30 Nov.",
    ),
    (
        "personal_attack",
        "You always demand too much.",
        "You always pay on time, which we have appreciated.",
    ),
    (
        "personal_attack",
        "No other firm would put up with you.",
        'You wrote that our staff were "idiots", which upset the team.',
    ),
    ("goodwill", "I'm issuing a refund for this past month.", "We cannot offer a refund."),
    ("apology", "I'm sorry we let you down.", "I'm sorry you feel that way."),
    ("apology", "We apologise for the missed deliveries.", "Sorry, but you are the problem."),
    (
        "apology",
        "We regret that this did not work out.",
        "I'm sorry to say we are closing your account.",
    ),
    ("apology", "Please accept our apologies.", "I won't apologise for protecting my staff."),
    (
        "alternatives",
        "I can recommend two agencies that specialise in weekend events.",
        "You'll have to find another way on your own.",
    ),
]


@pytest.mark.parametrize(("rule_id", "positive", "hard_negative"), PAIRS)
def test_hard_negative_pairs(rule_id: str, positive: str, hard_negative: str) -> None:
    from coach.checking.checker import check

    assert check(positive).detected[rule_id], positive
    assert not check(hard_negative).detected[rule_id], hard_negative
