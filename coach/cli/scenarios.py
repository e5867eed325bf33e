"""`coach scenarios`: list the scenario library (built-ins plus the configured folder)."""

from __future__ import annotations

import argparse
import json

from coach.cli import EXIT_OK, UsageError
from coach.scenarios.library import ScenarioError, load_scenarios
from coach.scenarios.schema import Scenario


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("scenarios", help="list rehearsal scenarios")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(handler=run)


def summary(scenario: Scenario) -> dict[str, object]:
    """The listing fields for one scenario."""
    return {
        "id": scenario.id,
        "title": scenario.title,
        "situation": scenario.situation.value,
        "difficulty": [d.value for d in scenario.difficulties],
        "client": scenario.persona.name,
        "company": scenario.persona.company,
        "incidents": len(scenario.incidents),
    }


def run(args: argparse.Namespace) -> int:
    try:
        scenarios = load_scenarios()
    except ScenarioError as exc:
        raise UsageError(str(exc)) from exc
    if args.format == "json":
        rows = [summary(s) for s in scenarios.values()]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    width = max(len(s.id) for s in scenarios.values())
    for s in scenarios.values():
        levels = "/".join(d.value for d in s.difficulties)
        print(f"{s.id:<{width}}  {s.title}  [{s.situation.value}; {levels}]")
    return EXIT_OK
