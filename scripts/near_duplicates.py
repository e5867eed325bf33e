"""How much do two labelled sets overlap? Exact and near duplicates between them.

Usage: python scripts/near_duplicates.py SET_A SET_B   (files or folders of .jsonl)

An item of B is an exact duplicate when its normalised text (lower case, punctuation and
spacing removed) equals one in A, and a near duplicate when the Jaccard similarity of its
word 3-gram set with some item of A is at least 0.6. Only sentences and call lines are
compared (letters share salutations and sign-offs by design).
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

NEAR = 0.6


def texts(path: Path) -> list[str]:
    files = sorted(path.rglob("*.jsonl")) if path.is_dir() else [path]
    out = []
    for file in files:
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                if record.get("kind", "sentence") != "email":
                    out.append(record["text"])
    return out


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def shingles(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + 3]) for i in range(max(1, len(w) - 2))}


def overlap(a: list[str], b: list[str]) -> tuple[int, int]:
    exact = {" ".join(words(t)) for t in a}
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    sets = [shingles(t) for t in a]
    for n, s in enumerate(sets):
        for g in s:
            index[g].append(n)
    n_exact = n_near = 0
    for text in b:
        if " ".join(words(text)) in exact:
            n_exact += 1
            continue
        mine = shingles(text)
        candidates = {n for g in mine for n in index.get(g, ())}
        if any(len(mine & sets[n]) / len(mine | sets[n]) >= NEAR for n in candidates):
            n_near += 1
    return n_exact, n_near


def main(a: str, b: str) -> None:
    first, second = texts(Path(a)), texts(Path(b))
    n_exact, n_near = overlap(first, second)
    share = 100 * (n_exact + n_near) / max(1, len(second))
    print(
        f"{b} against {a}: {len(second)} items, {n_exact} exact and {n_near} near "
        f"duplicates ({share:.1f}%)"
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
