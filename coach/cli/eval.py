"""`coach eval FILE_OR_DIR`: per-rule precision / recall / F1 and macro-F1 of the checker
on labelled JSON Lines (every `*.jsonl` under a directory)."""

from __future__ import annotations

import argparse
from pathlib import Path

from coach.checking.evaluate import (
    DatasetError,
    evaluate,
    load_examples,
    render_errors,
    render_table,
)
from coach.cli import EXIT_OK, UsageError
from coach.cli.check import profile_from
from coach.report import to_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("eval", help="score the checker on labelled JSON Lines")
    p.add_argument("path", type=Path, help="a .jsonl file or a directory of them")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--errors", action="store_true", help="list misclassified items")
    p.add_argument("--profile", type=Path, help="rule profile (YAML)")
    p.add_argument(
        "--no-model", action="store_true", help="phrase checks alone (learned model off)"
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        examples = load_examples(args.path)
    except DatasetError as exc:
        raise UsageError(str(exc)) from None
    if not examples:
        raise UsageError(f"{args.path}: no examples")
    result = evaluate(examples, profile_from(args), learned=not args.no_model)
    if args.format == "json":
        print(to_json(result.to_dict(with_errors=args.errors)))
    else:
        print(render_table(result))
        if args.errors and result.errors:
            print("\nMisclassified:\n" + render_errors(result))
    return EXIT_OK
