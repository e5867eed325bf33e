"""`coach scenarios` (not yet written)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("scenarios", help="(not yet available)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    print("coach scenarios: not yet available")
    return 2
