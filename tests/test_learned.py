"""The learned judge: the numpy scorer matches scikit-learn, and its verdicts are explained."""

import numpy as np
import pytest

from coach.checking import model as learned
from coach.checking.checker import check
from coach.checking.rules.base import Evidence
from coach.types import Hit

SAMPLES = [
    "Frankly, working with you has been a lesson in patience we never asked for.",
    "Thank you for six wonderful years of orders.",
    "You won't see a bill for March.",
    "Our logs show 14 tickets since May.",
    "Hatchwell Studio may be a better fit for your budget.",
    "",
    "İstanbul ofisimiz — a line with non-ASCII text.",
]


def test_scorer_matches_scikit_learn() -> None:
    pytest.importorskip("sklearn")
    from coach.checking.train import build, load_items

    vocabulary, arrays, reference = build(load_items())
    scorer = learned.LearnedModel(vocabulary, arrays)
    expected = reference(SAMPLES)
    got = np.array([[scorer.probabilities(t)[r] for r in scorer.rules] for t in SAMPLES])
    assert np.allclose(got, expected, atol=1e-4)
    shipped = learned.model()
    assert shipped is not None
    current = np.array([[shipped.probabilities(t)[r] for r in shipped.rules] for t in SAMPLES])
    assert np.allclose(current, expected, atol=1e-3), "labelled data changed: run `make train`"


def test_shipped_model_has_thresholds_for_every_rule_and_context() -> None:
    model = learned.model()
    assert model is not None
    for context in ("line", "message"):
        for rule_id in model.rules:
            limits = model.threshold(rule_id, context)
            assert limits is not None
            assert 0.0 <= limits.keep <= 1.0 and 0.0 < limits.add <= 1.01


HIT = Evidence(hits=(Hit(0, 4, check="apology.sorry"),))
NOTHING = Evidence()
BLOCKED = Evidence(blocked_by=("apology.announcement",))


@pytest.mark.parametrize(
    ("evidence", "p", "expected"),
    [
        (HIT, 0.99, "phrase"),  # the model agrees with a phrase hit
        (HIT, 0.0, None),  # the model vetoes it
        (NOTHING, 0.99, "model"),  # the model adds where no phrase matched
        (NOTHING, 0.0, None),
        (BLOCKED, 0.99, None),  # a blocking check is final: the model never overrules it
    ],
)
def test_decide_keeps_vetoes_and_adds(evidence: Evidence, p: float, expected: str | None) -> None:
    assert learned.decide("apology", evidence, p, "line") == expected


def test_without_a_model_phrases_decide_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned, "model", lambda: None)
    assert learned.decide("apology", HIT, None, "line") == "phrase"
    assert learned.decide("apology", NOTHING, None, "line") is None


def test_findings_name_their_check_or_the_model() -> None:
    review = check("Working with you has been a lesson in patience we never asked for. Sorry.")
    for finding in review.findings:
        data = finding.to_dict(review.text)
        assert data["source"] in ("rule", "model")
        if finding.kind == "missing":
            continue
        if finding.learned:
            assert learned.MODEL_NOTE in finding.message and finding.check == "model"
        else:
            assert finding.check.startswith(f"{finding.rule_id}.")


def test_model_text_reads_masks_as_words() -> None:
    masked = "you said \u2591\u2591\u2591 on \u2592\u2592"
    assert learned.model_text(masked) == "you said  quote  on  slot "
