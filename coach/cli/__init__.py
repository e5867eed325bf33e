"""The `coach` command. Each subcommand lives in its own module with `register(subparsers)`.

Exit codes: 0 clean, 1 a finding that fails the check, 2 usage, input or configuration
errors, 3 a rehearsal that could not be saved.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from pydantic import ValidationError

from coach import __version__
from coach.settings import ModelSetupError, get_settings
from coach.store.engine import StoreError

SUBCOMMANDS = ("check", "review", "eval", "scenarios", "rehearse", "export", "trainer-link")
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_NOT_SAVED = 0, 1, 2, 3


class UsageError(Exception):
    """Bad input or arguments: reported as one line on stderr, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


class _VersionAction(argparse.Action):
    def __init__(self, option_strings: Sequence[str], dest: str, help: str) -> None:
        super().__init__(option_strings, dest, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        settings = get_settings()
        print(f"coach {__version__}")
        print(f"engine: {settings.engine_name()}")
        print(f"database: {settings.database_label()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="coach",
        description="Check, rewrite and rehearse the end of a customer relationship.",
        epilog=(
            "Exit codes: 0 clean, 1 findings that fail the check, 2 usage, input or "
            "configuration errors, 3 a rehearsal that could not be saved."
        ),
    )
    parser.add_argument(
        "--version",
        action=_VersionAction,
        help="show the version, the engine and where rehearsals are saved",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in SUBCOMMANDS:
        module = importlib.import_module(f"coach.cli.{name.replace('-', '_')}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        code: int = args.handler(args)
    except UsageError as exc:
        print(f"coach: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ValidationError as exc:  # a bad setting (COACH_ENGINE=foo): one line, exit 2
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]).upper()
        print(f"coach: error: setting {where}: {first['msg']}", file=sys.stderr)
        return EXIT_USAGE
    except (StoreError, ModelSetupError) as exc:  # no database, or a model it cannot build
        print(f"coach: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`coach check ... | head`): no traceback, and no second error
        # when Python flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FINDINGS
    return code


if __name__ == "__main__":
    sys.exit(main())
