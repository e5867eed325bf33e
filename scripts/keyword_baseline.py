"""The keyword baseline the README compares against: each rule fires on any of a few words.

Usage: python scripts/keyword_baseline.py FILE_OR_DIR   (labelled JSON Lines)

It is what a first attempt at this checker looks like (no structure, no negation, no
model), kept so that the figures it produces can be reproduced.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from coach.checking.evaluate import Evaluation, load_examples, render_table

KEYWORDS = {
    "appreciation": r"thank|thanks|appreciate|grateful",
    "documented_facts": r"\d|invoice|ticket|record|clause|scope|on \w+day",
    "personal_attack": r"you always|you never|impossible|rude|ridiculous|idiot|unreasonable",
    "goodwill": r"refund|waive|credit|free|no charge",
    "apology": r"sorry|apologi[sz]e|apologies|regret",
    "alternatives": r"recommend|suggest|another|other provider|elsewhere",
}
PATTERNS = {rule: re.compile(rf"\b(?:{words})", re.IGNORECASE) for rule, words in KEYWORDS.items()}


def detect(text: str) -> dict[str, bool]:
    return {rule: bool(p.search(text)) for rule, p in PATTERNS.items()}


def main(path: str) -> None:
    result = Evaluation()
    for ex in load_examples(Path(path)):
        detected = detect(ex.text)
        result.add(ex, detected)
        result.kinds.setdefault(ex.kind, Evaluation()).add(ex, detected)
    print(render_table(result))


if __name__ == "__main__":
    main(sys.argv[1])
