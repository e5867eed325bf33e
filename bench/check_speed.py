"""How fast is checking? Median and p95 time to check one line and a 1,000-word email on
one core (start-up and the first, warming call excluded), plus the import time of
`coach.checking.checker` measured in a fresh interpreter. Targets: line < 2 ms, email < 50 ms.

Every timed call checks text it has not seen before (each run numbers its sentences), so the
per-sentence cache the rules share cannot flatter the figures."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time

LINE = (
    "You have contacted us after each of the last five shipments, and honestly you are impossible."
)
PARAGRAPH = (
    "Dear Ms Rivera, thank you for working with us since March 2021. "
    "Between 3 May and 28 June you opened tickets #4411, #4470 and #4502 about late deliveries. "
    "Your request to add weekend deliveries was outside the scope of clause 4.2 of our contract. "
    "You always demand too much and no other firm would put up with you. "
    "You shouldn't pay for a month that didn't make you happy, so I'm refunding invoice INV-2041. "
    "I'm sorry we could not be the right fit. You may want to try Northwind or Fabrikam instead. "
)
LINE_TARGET_MS, EMAIL_TARGET_MS = 2.0, 50.0


def make_email(words: int = 1000) -> str:
    out: list[str] = []
    while sum(len(p.split()) for p in out) < words:
        out.append(PARAGRAPH)
    return "\n\n".join(out)


def fresh(text: str, run: int) -> str:
    """The same text with every sentence made unique, so no call hits a cache."""
    return re.sub(r"([.!?])(\s)", lambda m: f" ({run}){m.group(1)}{m.group(2)}", text)


def timings(text: str, runs: int) -> list[float]:
    from coach.checking.checker import check

    check(fresh(text, -1))
    variants = [fresh(text, run) for run in range(runs)]
    samples = []
    for variant in variants:
        t0 = time.perf_counter()
        check(variant)
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


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
    email = make_email()
    for label, text, runs, target in (
        ("one line", LINE, 2000, LINE_TARGET_MS),
        (f"{len(email.split())}-word email", email, 100, EMAIL_TARGET_MS),
    ):
        s = timings(text, runs)
        verdict = "ok" if statistics.median(s) < target else "SLOW"
        print(
            f"  {label:<18} median {statistics.median(s):7.3f} ms   p95 {p95(s):7.3f} ms"
            f"   target < {target:g} ms  {verdict}"
        )
    print(f"  import coach.checking.checker  {import_time_ms():.1f} ms (fresh interpreter)")


if __name__ == "__main__":
    main()
