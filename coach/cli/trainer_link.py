"""`coach trainer-link`: a one-time trainer sign-in link, made on the server itself, for a
trainer the sign-in rate limit has locked out (whoever can run this already holds the
server). The link works once, for 15 minutes, and leaves the address bar when used."""

from __future__ import annotations

import argparse
from urllib.parse import urlencode

from coach.cli import EXIT_OK, UsageError
from coach.settings import get_settings
from coach.store import open_store
from coach.workshops import MIN_PASSCODE, SIGN_IN_LINK_S, new_sign_in_link

DEFAULT_URL = "http://localhost:8501"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("trainer-link", help="print a one-time trainer sign-in link")
    p.add_argument("--url", default=DEFAULT_URL, help=f"the app's address (default {DEFAULT_URL})")
    p.add_argument("--db", metavar="URL", help="database URL (default: settings)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    passcode = get_settings().coach_trainer_passcode
    if passcode is None or len(passcode.get_secret_value()) < MIN_PASSCODE:
        raise UsageError(
            f"set COACH_TRAINER_PASSCODE (at least {MIN_PASSCODE} characters) first: "
            "the dashboard accepts no sign-in without it"
        )
    token = new_sign_in_link(open_store(args.db))
    query = urlencode({"signin": token})
    print(f"{args.url.rstrip('/')}/dashboard?{query}")
    print(f"Valid once, for {SIGN_IN_LINK_S // 60} minutes.")
    return EXIT_OK
