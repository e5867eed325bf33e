"""`coach export`: saved rehearsals with per-rule results and scores, as CSV or JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.cli import EXIT_OK, UsageError
from coach.export import FORMATS, UnknownWorkshop, export
from coach.store import open_store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="export saved rehearsals (CSV for spreadsheets, JSON with full transcripts)",
    )
    p.add_argument("--format", choices=FORMATS, default="csv")
    p.add_argument("--workshop", metavar="CODE", help="only this workshop's rehearsals")
    p.add_argument("--output", "-o", type=Path, metavar="FILE", help="write here, not stdout")
    p.add_argument("--db", metavar="URL", help="database URL (default: settings)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        text = export(open_store(args.db), args.format, args.workshop)
    except UnknownWorkshop as exc:
        raise UsageError(f"no workshop with code {exc}") from exc
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {args.output}: {exc.strerror}") from exc
    return EXIT_OK
