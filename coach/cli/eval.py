"""`coach eval FILE_OR_DIR`: per-rule precision / recall / F1 and macro-F1 of the checker
on labelled JSON Lines (every `*.jsonl` under a directory). With `--engine openai` (or
`auto` once a model is configured) the LLM judge and the merged verdict are scored beside
the checker; the default asks no model and uses no network."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.checking.evaluate import (
    DatasetError,
    Example,
    evaluate,
    load_examples,
    render_errors,
    render_table,
)
from coach.cli import EXIT_OK, UsageError
from coach.cli.check import profile_from
from coach.engines.factory import ENGINE_NAMES, make_engine
from coach.report import to_json
from coach.settings import get_settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "eval", help="score the checker (and a model's judge) on labelled JSON Lines"
    )
    p.add_argument("path", type=Path, help="a .jsonl file or a directory of them")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--errors", action="store_true", help="list the checker's misclassified items")
    p.add_argument("--profile", type=Path, help="rule profile (YAML)")
    p.add_argument(
        "--no-model", action="store_true", help="phrase checks alone (learned model off)"
    )
    p.add_argument(
        "--engine",
        choices=ENGINE_NAMES,
        default="offline",
        help="openai (or auto, if a model is configured): also score the LLM judge and the "
        "merged verdict, one request per item; offline (default): the checker alone",
    )
    p.add_argument("--limit", type=_positive, help="score only the first N items")
    p.set_defaults(handler=run)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {value!r}")
    return int(value)


def run(args: argparse.Namespace) -> int:
    try:
        examples = load_examples(args.path)[: args.limit]
    except DatasetError as exc:
        raise UsageError(str(exc)) from None
    if not examples:
        raise UsageError(f"{args.path}: no examples")
    if args.engine != "offline" and _with_judge(args, examples):
        return EXIT_OK
    result = evaluate(examples, profile_from(args), learned=not args.no_model)
    if args.format == "json":
        print(to_json(result.to_dict(with_errors=args.errors)))
    else:
        print(render_table(result))
        if args.errors and result.errors:
            print("\nMisclassified:\n" + render_errors(result))
    return EXIT_OK


def _with_judge(args: argparse.Namespace, examples: list[Example]) -> bool:
    """Score checker, judge and merge; False when `auto` finds no model configured."""
    from coach.engines.openai_engine import OpenAIEngine  # LangChain loads only when needed
    from coach.judge_eval import compare, render_comparison

    engine = make_engine(get_settings(), name=args.engine)
    if not isinstance(engine, OpenAIEngine):
        print("coach eval: no model is configured; scoring the checker alone", file=sys.stderr)
        return False
    result = compare(examples, engine, profile_from(args), learned=not args.no_model)
    if args.format == "json":
        print(to_json(result.to_dict(with_errors=args.errors)))
    else:
        print(render_comparison(result))
        checker = result.scores["checker"]
        if args.errors and checker.errors:
            print("\nMisclassified by the checker:\n" + render_errors(checker))
    return True
