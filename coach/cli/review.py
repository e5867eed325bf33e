"""`coach review FILE`: the whole-email review — per-sentence findings, missing steps,
score — and the offline rewrite with a diff. Exit codes as for `coach check`."""

from __future__ import annotations

import argparse
import sys

from coach.checking.checker import check
from coach.checking.rewrite import rewrite
from coach.cli.check import (
    add_common_options,
    english_only,
    exit_code,
    profile_from,
    read_input,
    style_for,
)
from coach.report import render_review, render_rewrite, review_record, to_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("review", help="review a whole email and suggest a rewrite")
    p.add_argument("file", help="a text or .eml file, or - for stdin")
    p.add_argument("--seed", help="vary the rewrite's phrasing (default: from the text)")
    add_common_options(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    profile = profile_from(args)
    text = read_input(args.file, allow_text=False)
    review = english_only(check(text, profile))
    suggestion = rewrite(text, review, profile, seed=args.seed)
    if args.format == "json":
        print(to_json(review_record(review, suggestion)))
    else:
        style = style_for(args, sys.stdout)
        print(render_review(review, style) + "\n\n" + render_rewrite(suggestion, style))
    return exit_code(review, args.fail_on)
