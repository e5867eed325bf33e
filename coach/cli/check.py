"""`coach check`: check a draft (or a JSON Lines batch) against the framing rules.

Exit codes: 0 clean, 1 an error-severity violation (a personal attack by default) or, with
`--fail-on missing`, a missing step; 2 usage or input errors (for `--jsonl`: any bad record).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from coach.checking.checker import Review, check
from coach.checking.profile import Profile, ProfileError, load_profile
from coach.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError
from coach.report import Style, check_record, render_review, to_json
from coach.settings import get_settings
from coach.validation import Decoded, InputError, decode, read_document, validate_text


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("check", help="check a draft against the framing rules")
    p.add_argument("input", nargs="?", help="a file, text (with --text), or - for stdin")
    p.add_argument("--text", action="store_true", help="check INPUT as text, not a file name")
    p.add_argument("--jsonl", action="store_true", help='read {"text": ...} lines from stdin')
    add_common_options(p)
    p.set_defaults(handler=run)


def add_common_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--profile", type=Path, help="rule profile (YAML)")
    p.add_argument("--fail-on", choices=("attack", "missing"), default="attack")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")


def style_for(args: argparse.Namespace, stream: TextIO) -> Style:
    if args.color == "auto":
        return Style(colour=stream.isatty() and "NO_COLOR" not in os.environ)
    return Style(colour=args.color == "always")


def profile_from(args: argparse.Namespace) -> Profile | None:
    path = args.profile or get_settings().coach_profile
    if path is None:
        return None
    try:
        return load_profile(path)
    except ProfileError as exc:
        raise UsageError(str(exc)) from None


def read_stdin() -> bytes:
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer.read() if buffer is not None else sys.stdin.read().encode()


def _noted(decoded: Decoded, source: str) -> str:
    """The text, after saying on stderr how it was read if it was not UTF-8."""
    if decoded.note:
        print(f"coach: note: {source}: {decoded.note}", file=sys.stderr)
    return decoded.text


def read_input(arg: str | None, allow_text: bool = True, as_text: bool = False) -> str:
    """A file's text; `-` or nothing means stdin. With `as_text`, ARG is the text itself;
    without it, text that does not look like a file name is taken as text, but a file name
    that does not exist is an error (a typo must not be checked as the draft)."""
    try:
        if arg is None or arg == "-":
            return _noted(decode(read_stdin(), "stdin"), "stdin")
        if as_text and allow_text:
            return validate_text(arg)
        if _is_path(arg) or not allow_text or _looks_like_path(arg):
            return _noted(read_document(arg), arg)
        return validate_text(arg)
    except InputError as exc:
        hint = (
            " (use --text to check it as text)" if allow_text and "no such file" in str(exc) else ""
        )
        raise UsageError(f"{exc}{hint}") from None


def _looks_like_path(arg: str) -> bool:
    """One word with a file extension or a path separator: 'draft.txt', 'notes/x'."""
    stripped = arg.strip()
    if not stripped or any(c.isspace() for c in stripped) or len(stripped) > 255:
        return False
    return (
        "/" in stripped
        or "\\" in stripped
        or re.search(r"\.[A-Za-z0-9]{1,5}$", stripped) is not None
    )


def _is_path(arg: str) -> bool:
    try:
        return bool(arg.strip()) and "\n" not in arg and len(arg) < 4096 and Path(arg).exists()
    except (OSError, ValueError):
        return False


def english_only(review: Review) -> Review:
    """The checks read English only: anything else is an input error (exit 2), not a
    confident verdict about words they cannot read."""
    if not review.english:
        raise UsageError(review.language_notice)
    return review


def exit_code(review: Review, fail_on: str) -> int:
    if review.has_errors or (fail_on == "missing" and review.missing):
        return EXIT_FINDINGS
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    profile = profile_from(args)
    if args.jsonl:
        if args.input not in (None, "-"):
            raise UsageError("--jsonl reads from stdin; give no TEXT or FILE")
        return run_jsonl(profile, args.fail_on)
    review = english_only(check(read_input(args.input, as_text=args.text), profile))
    if args.format == "json":
        print(to_json(check_record(review)))
    else:
        print(render_review(review, style_for(args, sys.stdout)))
    return exit_code(review, args.fail_on)


def _lines() -> Iterator[bytes]:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        yield from (line.encode() for line in sys.stdin)
    else:
        yield from buffer


def run_jsonl(profile: Profile | None, fail_on: str) -> int:
    """One JSON object out per line in, in order; a bad line gets an error and we go on."""
    worst = EXIT_OK
    for n, line in enumerate(_lines(), 1):
        try:
            review = check(_record_text(line), profile)
            if not review.english:
                raise InputError(review.language_notice)
        except InputError as exc:
            out: dict[str, object] = {"line": n, "error": str(exc)}
            worst = EXIT_USAGE
        else:
            out = {"line": n, **check_record(review)}
            worst = max(worst, exit_code(review, fail_on))
        sys.stdout.write(to_json(out, indent=None) + "\n")
        sys.stdout.flush()
    return worst


def _record_text(raw: bytes) -> str:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("the line is not valid UTF-8") from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg} at column {exc.colno}") from None
    except (RecursionError, ValueError) as exc:  # nested too deep, a 5,000-digit number
        raise InputError(f"not usable JSON: {type(exc).__name__}") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError('expected an object with a "text" string')
    return validate_text(record["text"])
