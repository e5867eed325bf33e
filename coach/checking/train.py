"""Train the learned second opinion: `python -m coach.checking.train [DATA_DIR]`.

Fits one tf-idf vocabulary (word 1–2-grams and character 3–5-grams, as scikit-learn builds
them) and one logistic regression per rule on the single-sentence items of the labelled data,
then writes the weights the runtime scorer in `coach/checking/model.py` reads. Needs the dev
extra (scikit-learn); the app and the CLI only need numpy.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

from coach.checking.evaluate import load_examples
from coach.checking.rules import BUILTIN_IDS
from coach.text import mask_quotes

MODEL_DIR = Path(__file__).resolve().parent / "model_data"
DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "labelled"
C = 4.0  # inverse regularisation strength of each logistic regression


Reference = Callable[[list[str]], np.ndarray]


def build(
    data_dir: Path = DATA_DIR,
) -> tuple[dict[str, object], dict[str, np.ndarray], Reference]:
    """The runtime files' contents, and scikit-learn's own probabilities (texts × rules) to
    check the runtime scorer against."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    examples = [e for e in load_examples(data_dir) if e.kind != "email"]
    texts = [mask_quotes(e.text) for e in examples]
    word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True)
    features = hstack([word.fit_transform(texts), char.fit_transform(texts)]).tocsr()
    weights, intercepts, models = [], [], []
    for rule_id in BUILTIN_IDS:
        labels = [e.labels[rule_id] for e in examples]
        clf = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
        clf.fit(features, labels)
        models.append(clf)
        weights.append(clf.coef_[0])
        intercepts.append(clf.intercept_[0])
    vocabulary: dict[str, object] = {
        "rules": list(BUILTIN_IDS),
        "word": {k: int(v) for k, v in word.vocabulary_.items()},
        "char": {k: int(v) for k, v in char.vocabulary_.items()},
    }
    arrays = {
        "idf_word": word.idf_.astype(np.float64),
        "idf_char": char.idf_.astype(np.float64),
        "weights": np.stack(weights, axis=1).astype(np.float32),
        "intercepts": np.array(intercepts, dtype=np.float64),
    }

    def reference(batch: list[str]) -> np.ndarray:
        x = hstack([word.transform(batch), char.transform(batch)]).tocsr()
        return np.stack([m.predict_proba(x)[:, 1] for m in models], axis=1)

    return vocabulary, arrays, reference


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else DATA_DIR
    vocabulary, arrays, _ = build(data_dir)
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
