"""Train the learned judge: `python -m coach.checking.train` (or `make train`).

1. Fit one tf-idf vocabulary (word 1–2-grams, character 3–5-grams, as scikit-learn builds
   them) and one logistic regression per rule on the single sentences and call lines of
   the training data (letters are labelled as a whole, so they only tune thresholds).
2. Choose each rule's thresholds (keep / add, see `coach.checking.model`) on
   out-of-author predictions: every writer's items are scored by a model fitted without
   that writer, so the thresholds reflect text the model has never seen. Lines and whole
   messages get their own thresholds.
3. Write the weights and thresholds the runtime scorer reads (coach/checking/model_data/).

Needs the dev extra (scikit-learn); the app and the CLI only need numpy.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import product
from pathlib import Path

import numpy as np

from coach.checking.checker import sentences_of
from coach.checking.evaluate import Example, load_examples
from coach.checking.model import MIN_WORDS, model_text
from coach.checking.rules import BUILTIN_IDS, RULES_BY_ID
from coach.checking.rules.base import Evidence

ROOT = Path(__file__).resolve().parents[2]
MODEL_DIR = Path(__file__).resolve().parent / "model_data"
TRAINING_SETS = ("data/labelled", "data/real/train.jsonl", "data/real/dev.jsonl")
C = 4.0  # inverse regularisation strength of each logistic regression
ATTACK_FP_CEILING = 0.005  # ordinary call lines read as an attack, at most (out of author)
KEEP = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)
ADD = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01)

Reference = Callable[[list[str]], np.ndarray]


@dataclass
class Unit:
    """One sentence of an item: what the model reads and what each rule's checks saw."""

    text: str
    evidence: dict[str, Evidence]
    words: int


@dataclass
class Item:
    example: Example
    writer: str
    units: list[Unit]

    @property
    def text(self) -> str:
        return " ".join(u.text for u in self.units)


def load_items(paths: Iterable[str] = TRAINING_SETS) -> list[Item]:
    items = []
    for rel in paths:
        for ex in load_examples(ROOT / rel):
            _, sentences = sentences_of(ex.text)
            units = [
                Unit(
                    model_text(s.masked),
                    {rid: RULES_BY_ID[rid].evidence(s) for rid in BUILTIN_IDS},
                    len(s.text.split()),
                )
                for s in sentences
            ]
            items.append(Item(ex, _writer(ex), units))
    return items


def _writer(ex: Example) -> str:
    """Who wrote an item: the `writer` field, else the file it came from."""
    return ex.writer or Path(ex.source.rsplit(":", 1)[0]).stem


def fit(texts: Sequence[str], labels: dict[str, list[bool]]) -> tuple[object, object, list[object]]:
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True)
    features = hstack([word.fit_transform(texts), char.fit_transform(texts)]).tocsr()
    models = []
    for rule_id in BUILTIN_IDS:
        clf = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
        clf.fit(features, labels[rule_id])
        models.append(clf)
    return word, char, models


def predict(fitted: tuple[object, object, list[object]], texts: list[str]) -> np.ndarray:
    from scipy.sparse import hstack

    word, char, models = fitted
    x = hstack([word.transform(texts), char.transform(texts)]).tocsr()  # type: ignore[attr-defined]
    return np.stack([m.predict_proba(x)[:, 1] for m in models], axis=1)  # type: ignore[attr-defined]


def _fit_items(items: list[Item]) -> tuple[object, object, list[object]]:
    lines = [i for i in items if i.example.kind != "email" and i.units]
    return fit(
        [i.text for i in lines],
        {r: [i.example.labels[r] for i in lines] for r in BUILTIN_IDS},
    )


def build(
    items: list[Item] | None = None,
) -> tuple[dict[str, object], dict[str, np.ndarray], Reference]:
    """The runtime files' contents (thresholds not included) and scikit-learn's own
    probabilities (texts × rules), to check the runtime scorer against."""
    fitted = _fit_items(items if items is not None else load_items())
    word, char, models = fitted
    vocabulary: dict[str, object] = {
        "rules": list(BUILTIN_IDS),
        "word": {k: int(v) for k, v in word.vocabulary_.items()},  # type: ignore[attr-defined]
        "char": {k: int(v) for k, v in char.vocabulary_.items()},  # type: ignore[attr-defined]
    }
    arrays = {
        "idf_word": word.idf_.astype(np.float64),  # type: ignore[attr-defined]
        "idf_char": char.idf_.astype(np.float64),  # type: ignore[attr-defined]
        "weights": np.stack([m.coef_[0] for m in models], axis=1).astype(np.float32),  # type: ignore[attr-defined]
        "intercepts": np.array([m.intercept_[0] for m in models], dtype=np.float64),  # type: ignore[attr-defined]
    }
    return vocabulary, arrays, lambda batch: predict(fitted, batch)


def out_of_author(items: list[Item]) -> list[np.ndarray]:
    """Per item, its sentences' probabilities (sentences × rules) from a model that was
    fitted without the item's writer."""
    out: list[np.ndarray] = [np.zeros((0, len(BUILTIN_IDS)))] * len(items)
    for writer in sorted({i.writer for i in items}):
        fitted = _fit_items([i for i in items if i.writer != writer])
        mine = [n for n, i in enumerate(items) if i.writer == writer and i.units]
        texts = [u.text for n in mine for u in items[n].units]
        probs = predict(fitted, texts)
        row = 0
        for n in mine:
            k = len(items[n].units)
            out[n] = probs[row : row + k]
            row += k
        print(f"  out-of-author predictions for {writer}: {len(mine)} items", file=sys.stderr)
    return out


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def choose_thresholds(
    items: list[Item], probs: list[np.ndarray], lines: bool
) -> dict[str, dict[str, float]]:
    """The best (keep, add) per rule on lines (sentences and calls) or letters."""
    chosen = {}
    pool = [
        (item, p)
        for item, p in zip(items, probs, strict=True)
        if item.units and (item.example.kind != "email") == lines
    ]
    for r, rule_id in enumerate(BUILTIN_IDS):
        best: tuple[float, tuple[float, float]] = (-1.0, (0.0, 0.5))
        for keep, add in product(KEEP, ADD):
            tp = fp = fn = calm_fp = calm = 0
            for item, p in pool:
                said = any(
                    (p[k, r] >= keep or u.evidence[rule_id].certain)
                    if u.evidence[rule_id].hits
                    else u.words >= MIN_WORDS and not u.evidence[rule_id].blocked and p[k, r] >= add
                    for k, u in enumerate(item.units)
                )
                truth = item.example.labels[rule_id]
                tp += said and truth
                fp += said and not truth
                fn += truth and not said
                if item.example.kind == "call" and not any(item.example.labels.values()):
                    calm += 1
                    calm_fp += said
            score = _f1(tp, fp, fn)
            if rule_id == "personal_attack" and calm:
                score -= 10 * max(0.0, calm_fp / calm - ATTACK_FP_CEILING)
            if score > best[0]:
                best = (score, (keep, add))
        keep, add = best[1]
        chosen[rule_id] = {"keep": keep, "add": add}
        print(
            f"  {'lines' if lines else 'letters'} {rule_id}: {chosen[rule_id]} (F1 {best[0]:.3f})",
            file=sys.stderr,
        )
    return chosen


def main(argv: list[str] | None = None) -> int:
    del argv
    items = load_items()
    print(f"{len(items)} labelled items", file=sys.stderr)
    probs = out_of_author(items)
    thresholds = {
        "line": choose_thresholds(items, probs, lines=True),
        "message": choose_thresholds(items, probs, lines=False),
    }
    vocabulary, arrays, _ = build(items)
    vocabulary["thresholds"] = thresholds
    MODEL_DIR.mkdir(exist_ok=True)
    (MODEL_DIR / "vocabulary.json").write_text(
        json.dumps(vocabulary, ensure_ascii=False, sort_keys=True), encoding="utf-8"
    )
    np.savez_compressed(
        MODEL_DIR / "learned.npz",
        idf_word=arrays["idf_word"],
        idf_char=arrays["idf_char"],
        weights=arrays["weights"],
        intercepts=arrays["intercepts"],
    )
    print(f"wrote {MODEL_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
