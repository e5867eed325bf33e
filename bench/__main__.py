"""Run every benchmark module listed in BENCHES (other benches add themselves here)."""

from __future__ import annotations

import importlib
import sys

BENCHES = (
    "bench.check_speed",
    "bench.linear_time",
    "bench.rehearsal_tokens",
    "bench.client_conversation",
)


def main() -> int:
    for name in BENCHES:
        print(f"== {name}")
        importlib.import_module(name).main()
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
