"""How fast is checking? Median and p95 time to check one call line and a 1,000-word email
of unique sentences on one core (the first, warming call excluded), what the learned model
costs per sentence, and the import time of `coach.checking.checker` in a fresh interpreter.
Targets (issue 8): line < 2 ms, email < 100 ms.

The lines and the email's sentences come from the held-out test split (data/real/test.jsonl),
so every timed call checks text it has not seen before and no cache flatters the figures.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

TEST_SPLIT = Path(__file__).resolve().parents[1] / "data" / "real" / "test.jsonl"
LINE_TARGET_MS, EMAIL_TARGET_MS = 2.0, 100.0


def corpus() -> tuple[list[str], list[str]]:
    """Unique call lines and unique letter sentences of the test split."""
    lines: dict[str, None] = {}
    sentences: dict[str, None] = {}
    for raw in TEST_SPLIT.read_text(encoding="utf-8").splitlines():
        record = json.loads(raw)
        if record["kind"] == "call":
            lines[record["text"]] = None
        elif record["kind"] == "sentence":
            sentences[record["text"]] = None
    return list(lines), list(sentences)


def emails(sentences: list[str], words: int = 1000) -> list[str]:
    """Emails of about `words` words, each made of sentences no other email uses."""
    out: list[str] = []
    current: list[str] = []
    for sentence in sentences:
        current.append(sentence)
        if sum(len(s.split()) for s in current) >= words:
            paragraphs = [" ".join(current[i : i + 4]) for i in range(0, len(current), 4)]
            out.append("Dear Ms Rivera,\n\n" + "\n\n".join(paragraphs) + "\n\nBest regards,\nSam")
            current = []
    return out


def timings(texts: list[str]) -> list[float]:
    from coach.checking.checker import check

    check("Warm-up: load the model and the phrase lists.")
    samples = []
    for text in texts:
        t0 = time.perf_counter()
        check(text)
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def model_cost(sentences: list[str]) -> float:
    """Milliseconds the learned model takes for one sentence (cache bypassed)."""
    from coach.checking.model import model, model_text

    learned = model()
    if learned is None:
        return 0.0
    t0 = time.perf_counter()
    for s in sentences:
        learned.probabilities(model_text(s))
    return (time.perf_counter() - t0) * 1000 / len(sentences)


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def import_time_ms() -> float:
    code = (
        "import time; t=time.perf_counter(); import coach.checking.checker; "
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout) * 1000


def pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def main() -> None:
    print(f"check speed ({pin_one_core()})")
    lines, sentences = corpus()
    letters = emails(sentences)
    words = statistics.median(len(e.split()) for e in letters)
    for label, texts, target in (
        (f"one call line ({len(lines)})", lines, LINE_TARGET_MS),
        (f"{words:.0f}-word email ({len(letters)})", letters, EMAIL_TARGET_MS),
    ):
        s = timings(texts)
        verdict = "ok" if statistics.median(s) < target else "SLOW"
        print(
            f"  {label:<24} median {statistics.median(s):7.3f} ms   p95 {p95(s):7.3f} ms"
            f"   target < {target:g} ms  {verdict}"
        )
    print(f"  learned model            {model_cost(sentences):7.3f} ms a sentence (loaded once)")
    print(f"  import coach.checking.checker  {import_time_ms():.1f} ms (fresh interpreter)")


if __name__ == "__main__":
    main()
