"""The learned judge over sentences: it decides where the phrase checks cannot.

Phrase checks give spans and explanations but only know the wordings someone wrote down.
A linear model over the whole sentence (tf-idf of word 1–2-grams and character 3–5-grams,
one logistic regression per rule, trained with scikit-learn on the labelled sentences and
call lines in data/) reads paraphrases, registers and context. For each rule it may
- keep a phrase hit (the model agrees enough: p ≥ `keep`),
- veto a phrase hit (p < `keep`: "thanks for wasting our week"),
- add a verdict where no phrase matched (p ≥ `add`).
A blocking check (an announcement idiom, a refused refund) is the rule's deliberate "no":
the model never overrules it.
The thresholds were chosen on out-of-author predictions (each writer's data scored by a
model that never saw that writer), once for single lines and once for whole messages,
where many sentences give a weak signal more chances.

Inference needs only numpy: weights and thresholds ship as package data (model_data/),
written by `python -m coach.checking.train`. The model loads once, lazily.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from coach.text.placeholders import SLOT_MASK
from coach.text.sentences import QUOTE_MASK

if TYPE_CHECKING:
    import numpy as np

    from coach.checking.rules.base import Evidence

MODEL_NOTE = "read as such by the learned model; no phrase check matched"
# Below this many words a sentence gives the model too little to go on ("You too, John."):
# only a phrase check can say it carries a rule.
MIN_WORDS = 5
Context = Literal["line", "message"]
Verdict = Literal["phrase", "model"] | None
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_SPACES = re.compile(r"\s\s+")
_MASKS = re.compile(f"{QUOTE_MASK}+|{SLOT_MASK}+")


def model_text(masked: str) -> str:
    """What the model reads: quotations and template slots as plain marker words."""
    return _MASKS.sub(lambda m: " quote " if m.group(0)[0] == QUOTE_MASK else " slot ", masked)


def word_features(text: str) -> Counter[str]:
    """scikit-learn's default word analyzer with ngram_range=(1, 2), lowercased."""
    tokens = _TOKEN.findall(text.lower())
    grams = Counter(tokens)
    grams.update(" ".join(pair) for pair in pairwise(tokens))
    return grams


def char_features(text: str) -> Counter[str]:
    """scikit-learn's "char_wb" analyzer with ngram_range=(3, 5), lowercased."""
    grams: Counter[str] = Counter()
    for word in _SPACES.sub(" ", text.lower()).split():
        padded = f" {word} "
        for n in range(3, 6):
            if len(padded) <= n:  # a short word counts once, whole
                grams[padded] += 1
                break
            grams.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


@dataclass(frozen=True)
class Thresholds:
    keep: float
    add: float


class LearnedModel:
    """tf-idf (sublinear tf, l2 per part) · weights + intercept → sigmoid, for every rule."""

    def __init__(self, vocabulary: dict[str, object], arrays: dict[str, np.ndarray]):
        self.words: dict[str, int] = vocabulary["word"]  # type: ignore[assignment]
        self.chars: dict[str, int] = vocabulary["char"]  # type: ignore[assignment]
        self.rules: list[str] = list(vocabulary["rules"])  # type: ignore[call-overload]
        raw = vocabulary.get("thresholds", {})
        self.thresholds: dict[str, dict[str, Thresholds]] = {
            context: {rule: Thresholds(**t) for rule, t in per_rule.items()}
            for context, per_rule in raw.items()  # type: ignore[attr-defined]
        }
        self.idf_word: list[float] = arrays["idf_word"].tolist()
        self.idf_char: list[float] = arrays["idf_char"].tolist()
        self.weights = arrays["weights"]  # (n_word + n_char, n_rules)
        self.intercepts = arrays["intercepts"]

    def probabilities(self, text: str) -> dict[str, float]:
        # Plain Python for the sparse part (a few hundred features): faster than numpy calls
        # on tiny arrays; one gather and one matrix product at the end.
        cols: list[int] = []
        values: list[float] = []
        parts = (
            (word_features(text), self.words, self.idf_word, 0),
            (char_features(text), self.chars, self.idf_char, len(self.words)),
        )
        for grams, vocab, idf, offset in parts:
            found = [(vocab[g], c) for g, c in grams.items() if g in vocab]
            if not found:
                continue
            weighted = [(1.0 + math.log(c)) * idf[i] for i, c in found]
            norm = math.sqrt(sum(w * w for w in weighted))
            cols.extend(offset + i for i, _ in found)
            values.extend(w / norm for w in weighted)
        score = self.intercepts
        if cols:
            import numpy as np  # imported on first use: keeps `import coach.checking` fast

            score = score + np.asarray(values) @ self.weights[cols]
        return {
            r: 1.0 / (1.0 + math.exp(-float(x))) for r, x in zip(self.rules, score, strict=True)
        }

    def threshold(self, rule_id: str, context: Context) -> Thresholds | None:
        return self.thresholds.get(context, {}).get(rule_id)


@lru_cache(maxsize=1)
def model() -> LearnedModel | None:
    """The shipped model, or None when its files are absent (then only phrase checks run)."""
    import numpy as np

    folder = resources.files("coach.checking").joinpath("model_data")
    try:
        vocabulary = json.loads(folder.joinpath("vocabulary.json").read_text("utf-8"))
        with folder.joinpath("learned.npz").open("rb") as fh:
            arrays = dict(np.load(fh))
    except (FileNotFoundError, OSError):
        return None
    return LearnedModel(vocabulary, arrays)


@lru_cache(maxsize=4096)
def _probabilities(text: str) -> tuple[tuple[str, float], ...]:
    learned = model()
    return tuple(learned.probabilities(text).items()) if learned else ()


def probabilities(masked: str) -> dict[str, float]:
    """Each rule's probability for a sentence (its masked text); empty without a model."""
    return dict(_probabilities(model_text(masked)))


def decide(
    rule_id: str, evidence: Evidence, p: float | None, context: Context, words: int = MIN_WORDS
) -> Verdict:
    """Whether a rule holds for a sentence: by its phrase hits, by the model, or not at all.

    Without a model (or thresholds for the rule) the phrase checks decide alone; the model
    adds nothing to a sentence of fewer than MIN_WORDS words."""
    learned = model()
    limits = learned.threshold(rule_id, context) if learned and p is not None else None
    if limits is None or p is None:
        return "phrase" if evidence.hits else None
    if evidence.hits:
        return "phrase" if evidence.certain or p >= limits.keep else None
    if words >= MIN_WORDS and not evidence.blocked and p >= limits.add:
        return "model"
    return None
