"""A learned second opinion for the framing rules.

The phrase rules are explainable but only catch the wordings someone thought of. A small
linear model (tf-idf word and character n-grams, logistic regression, trained with
scikit-learn on the labelled sentences in data/labelled/) recognises paraphrases of the same
ideas. It only *adds* a verdict for a sentence where no phrase rule fired and it is confident
(probability above THRESHOLD, fixed in advance, not tuned on any evaluation set); such
findings say they come from the model.

Inference needs only numpy: the trained weights ship as package data (model/learned.npz and
model/vocabulary.json), written by `python -m coach.checking.train`. Loading is lazy.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING

from coach.checking.rules.base import Hit
from coach.text import Sentence

if TYPE_CHECKING:
    import numpy as np

THRESHOLD = 0.7
MODEL_NOTE = "flagged by the learned model (no phrase rule matched)"
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_SPACES = re.compile(r"\s\s+")


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


class LearnedModel:
    """tf-idf (sublinear tf, l2 per part) · weights + intercept → sigmoid, for every rule."""

    def __init__(self, vocabulary: dict[str, dict[str, int]], arrays: dict[str, np.ndarray]):
        self.words = vocabulary["word"]
        self.chars = vocabulary["char"]
        self.rules: list[str] = list(vocabulary["rules"])
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
            import numpy as np  # imported on first use: keeps `import coach.checking.checker` fast

            score = score + np.asarray(values) @ self.weights[cols]
        return {
            r: 1.0 / (1.0 + math.exp(-float(x))) for r, x in zip(self.rules, score, strict=True)
        }


@lru_cache(maxsize=1)
def model() -> LearnedModel | None:
    """The shipped model, or None when its files are absent (then only phrase rules run)."""
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


def probability(rule_id: str, text: str) -> float:
    return dict(_probabilities(text)).get(rule_id, 0.0)


def attacked(sentence: Sentence) -> bool:
    """Whether the sentence reads as an attack, by phrase rule or by the model."""
    from coach.checking.rules import personal_attack

    return bool(personal_attack.detect(sentence)) or (
        probability("personal_attack", sentence.masked) > THRESHOLD
    )


def with_second_opinion(
    rule_id: str,
    detector: Callable[[Sentence], list[Hit]],
    veto: Callable[[Sentence], bool] | None = None,
    rejected: str | None = None,
) -> Callable[[Sentence], list[Hit]]:
    """The phrase rules' hits; failing those, the whole sentence when the model is confident.

    The model never overrules a deliberate "no": when the sentence has the rule's own words
    (`rejected`, e.g. "sorry", "refund") and the phrase rule still found nothing, the rule has
    already judged them (negated, an idiom, a non-apology, sarcasm), so the model stays out.
    `veto` adds other objections (thanks next to an attack is sarcasm).
    """
    keywords = re.compile(rejected, re.IGNORECASE) if rejected else None

    def detect(sentence: Sentence) -> list[Hit]:
        hits = detector(sentence)
        if hits or not sentence.text.strip():
            return hits
        if keywords and keywords.search(sentence.masked):
            return []
        if probability(rule_id, sentence.masked) > THRESHOLD and not (veto and veto(sentence)):
            return [Hit(0, len(sentence.text), learned=True)]
        return []

    return detect
