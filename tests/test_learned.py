"""The learned second opinion: the numpy scorer matches scikit-learn, and it only adds."""

from pathlib import Path

import numpy as np
import pytest

from coach.checking import model as learned
from coach.checking.checker import check
from coach.checking.rules.base import Hit
from coach.text import split_sentences

SAMPLES = [
    "Frankly, working with you has been a lesson in patience we never asked for.",
    "Thank you for six wonderful years of orders.",
    "You won't see a bill for March.",
    "Our logs show 14 tickets since May.",
    "Hatchwell Studio may be a better fit for your budget.",
    "",
    "İstanbul ofisimiz — a line with non-ASCII text.",
]


def test_scorer_matches_scikit_learn(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from coach.checking.train import build

    vocabulary, arrays, reference = build()
    scorer = learned.LearnedModel(vocabulary, arrays)  # type: ignore[arg-type]
    expected = reference(SAMPLES)
    got = np.array([[scorer.probabilities(t)[r] for r in scorer.rules] for t in SAMPLES])
    assert np.allclose(got, expected, atol=1e-4)
    shipped = learned.model()
    assert shipped is not None
    current = np.array([[shipped.probabilities(t)[r] for r in shipped.rules] for t in SAMPLES])
    assert np.allclose(current, expected, atol=1e-3), "labelled data changed: run `make train`"


def test_shipped_model_loads_and_gives_probabilities() -> None:
    model = learned.model()
    assert model is not None
    probabilities = model.probabilities("You are impossible to work with.")
    assert set(probabilities) == set(model.rules)
    assert all(0.0 <= p <= 1.0 for p in probabilities.values())


def test_second_opinion_only_adds_when_no_rule_fired(monkeypatch: pytest.MonkeyPatch) -> None:
    sentence = split_sentences("Some sentence the phrase rules do not know.")[0]
    rule_hit = [Hit(0, 4)]
    monkeypatch.setattr(learned, "probability", lambda rule_id, text: 0.99)
    assert learned.with_second_opinion("apology", lambda s: rule_hit)(sentence) == rule_hit
    added = learned.with_second_opinion("apology", lambda s: [])(sentence)
    assert added == [Hit(0, len(sentence.text), learned=True)]
    monkeypatch.setattr(learned, "probability", lambda rule_id, text: learned.THRESHOLD - 0.01)
    assert learned.with_second_opinion("apology", lambda s: [])(sentence) == []


def test_model_findings_say_where_they_come_from() -> None:
    review = check("Working with you has been a lesson in patience we never asked for.")
    for finding in review.findings:
        data = finding.to_dict(review.text)
        assert data["source"] in ("rule", "model")
        if finding.learned:
            assert learned.MODEL_NOTE in finding.message


@pytest.mark.parametrize(
    ("rule_id", "text"),
    [
        ("goodwill", "We will not waive the fee."),
        ("apology", "I won't apologise."),
        ("apology", "I'm sorry you feel that way."),
        ("appreciation", "Thank you in advance for returning the keys."),
        ("alternatives", "Find another way on your own."),
    ],
)
def test_model_never_overrules_a_rejected_phrase(
    rule_id: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(learned, "probability", lambda rule, t: 0.99)
    assert not check(text).detected[rule_id]
