"""Split the writers' labelled files into train / dev / test (run once; kept for the record).

A letter and the sentences taken from it (`doc`) always land in the same split: the split
is a hash of the letter id (or of the text, for standalone items), 70 / 15 / 15.
Usage: python scripts/split_real_data.py data/real/raw data/real
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path


def split_of(record: dict[str, object]) -> str:
    group = str(record.get("doc") or record.get("id") or record["text"])
    h = int(hashlib.sha1(group.encode()).hexdigest(), 16) % 100
    return "train" if h < 70 else "dev" if h < 85 else "test"


def main(raw: Path, out: Path) -> None:
    splits: dict[str, list[str]] = {"train": [], "dev": [], "test": []}
    for path in sorted(raw.glob("*.jsonl")):
        writer = path.stem.split("_", 1)[0]
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                record["writer"] = writer
                splits[split_of(record)].append(json.dumps(record, ensure_ascii=False))
    for name, lines in splits.items():
        (out / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(name, len(lines))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
