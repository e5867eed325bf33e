"""`coach scenarios`: list the scenario library (built-ins plus the configured folder);
`coach scenarios show ID`: one scenario's client and the record a rehearsal can cite."""

from __future__ import annotations

import argparse
import json

from coach.citations import format_record
from coach.cli import EXIT_OK, UsageError
from coach.scenarios.library import ScenarioError, load_scenarios
from coach.scenarios.schema import Scenario


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("scenarios", help="list rehearsal scenarios, or show one")
    p.add_argument("action", nargs="?", choices=("list", "show"), default="list")
    p.add_argument("scenario_id", nargs="?", metavar="ID", help="the scenario to show")
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
    if args.action == "show":
        return _show(scenarios, args.scenario_id, args.format)
    if args.format == "json":
        rows = [summary(s) for s in scenarios.values()]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    width = max(len(s.id) for s in scenarios.values())
    for s in scenarios.values():
        levels = "/".join(d.value for d in s.difficulties)
        print(f"{s.id:<{width}}  {s.title}  [{s.situation.label}; {levels}]")
    return EXIT_OK


def _show(scenarios: dict[str, Scenario], scenario_id: str | None, fmt: str) -> int:
    if not scenario_id:
        raise UsageError("which scenario? `coach scenarios show ID` (ids: `coach scenarios`)")
    scenario = scenarios.get(scenario_id)
    if scenario is None:
        raise UsageError(f"no scenario {scenario_id!r} (see `coach scenarios`)")
    if fmt == "json":
        print(json.dumps(scenario.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return EXIT_OK
    print("\n".join(scenario_card(scenario)))
    return EXIT_OK


def scenario_card(s: Scenario) -> list[str]:
    """The persona and the record, as the app's card shows them before a call."""
    p = s.persona
    lines = [
        f"{s.title} ({s.situation.label}; levels: {', '.join(d.value for d in s.difficulties)})",
        "",
        f"{p.name}, {p.role} at {p.company} ({p.business})",
        f"Temperament: {p.temperament}",
        f"Wants: {p.wants}",
        "",
        s.summary.strip(),
        "",
        "The record you can cite:",
        *(f"  - {format_record(i, s.currency)}" for i in s.incidents),
    ]
    if s.goodwill_options:
        lines += ["", "Goodwill you may offer:", *(f"  - {g}" for g in s.goodwill_options)]
    if s.suggested_alternatives:
        lines += ["", "Providers you may suggest:", *(f"  - {a}" for a in s.suggested_alternatives)]
    return lines
