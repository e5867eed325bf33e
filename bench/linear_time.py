"""Is checking linear in the size of the text? Time against size for adversarial inputs.

Each generator repeats a short piece that once made a regex backtrack (runs of dots, digits,
invoice ids, months, currency, quotes, abbreviations, brackets, long words). For 10k, 50k
and 100k characters it prints the time `check` takes and the ratio to the 10k time: a
linear checker shows ratios near 5 and 10; a quadratic one near 25 and 100.
"""

from __future__ import annotations

import time

from coach.checking.checker import check

PIECES = {
    "dots": ".",
    "bangs": "!?",
    "ellipses": "…",
    "digits": "1 ",
    "invoice ids": "INV-1 ",
    "months": "May ",
    "currency": "$5 ",
    "dates": "3 May 2024 ",
    "quotes": '"a',
    "apostrophes": "'tis ",
    "abbreviations": "Dr. ",
    "brackets": "(",
    "long word": "a",
    "newlines": "a\n",
    "you are": "you are ",
    "thanks": "thank you for ",
    "commas": ", ",
    "dashes": "- ",
    "underscores": "_",
}
SIZES = (10_000, 50_000, 100_000)


def sample(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def seconds(text: str) -> float:
    t0 = time.perf_counter()
    check(text)
    return time.perf_counter() - t0


def main() -> None:
    check("Warm up the model and the phrase lists.")
    print(f"  {'input':<15}" + "".join(f"{s // 1000:>8}k" for s in SIZES) + "   ratios")
    worst = 0.0
    for name, piece in PIECES.items():
        times = [seconds(sample(piece, size)) for size in SIZES]
        ratios = [t / times[0] if times[0] else 0.0 for t in times]
        worst = max(worst, ratios[-1])
        cells = "".join(f"{t * 1000:>8.0f}ms"[-9:] for t in times)
        print(f"  {name:<15}{cells}   {' '.join(f'{r:.1f}' for r in ratios)}")
    verdict = "linear" if worst < 20 else "SUPER-LINEAR"
    print(f"  worst 100k/10k ratio {worst:.1f} ({verdict}; 10 is linear, 100 quadratic)")


if __name__ == "__main__":
    main()
