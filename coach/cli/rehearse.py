"""`coach rehearse`: role-play a scenario in the terminal, every line coached.

In a terminal it is interactive: each draft is checked, a rewrite is offered (Enter sends
it, `.` sends your draft as written, anything else is sent instead) and then the client
answers. With stdin not a terminal every non-blank input line is one turn, in order, and
`--format json` prints the whole rehearsal as one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from coach.checking.rules import RULES_BY_ID
from coach.cli import EXIT_NOT_SAVED, EXIT_OK, UsageError
from coach.cli.check import read_stdin
from coach.engines.base import Coaching, Engine
from coach.engines.factory import make_engine
from coach.recorder import StoreRecorder
from coach.rehearsal import LineHasPlaceholders, LineNotEnglish, Rehearsal, Turn, line_score
from coach.scenarios.library import ScenarioError, get_scenario
from coach.scenarios.schema import Difficulty, Scenario
from coach.settings import get_settings
from coach.validation import InputError, decode_bytes

END_COMMANDS = frozenset({"/end", "/quit", "/exit"})
KEEP_DRAFT = "."


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("rehearse", help="rehearse ending a client relationship")
    p.add_argument("--scenario", required=True, help="scenario id (see `coach scenarios`)")
    p.add_argument("--difficulty", choices=[d.value for d in Difficulty], default=None)
    p.add_argument("--engine", choices=("auto", "offline", "openai"), default=None)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--seed", type=int, default=None, help="make the offline client repeatable")
    p.add_argument("--no-save", action="store_true", help="do not store the rehearsal")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    scenario = _scenario(args.scenario)
    difficulty = _difficulty(scenario, args.difficulty)
    engine = make_cli_engine(args.engine, args.seed)
    recorder = None if args.no_save else StoreRecorder(source="cli")
    rehearsal = Rehearsal.start(scenario, difficulty, engine, recorder)
    if sys.stdin.isatty() and args.format == "text":
        _interactive(rehearsal, sys.stdin, sys.stdout)
    else:
        lines = [line for line in _piped_lines() if line.strip()]
        for sent, line in enumerate(lines):
            if rehearsal.ended:  # the client hung up: say what was not sent
                unsent = len(lines) - sent
                print(
                    f"coach rehearse: the client ended the call; {unsent} line(s) not sent",
                    file=sys.stderr,
                )
                break
            try:
                turn = rehearsal.send(line)
            except (LineNotEnglish, LineHasPlaceholders, InputError) as exc:
                print(f"coach rehearse: line not sent: {exc}", file=sys.stderr)
                continue
            if args.format == "text":
                _print_turn(turn, rehearsal, sys.stdout)
        rehearsal.end()
        if args.format == "json":
            print(json.dumps(result_json(rehearsal), indent=2, ensure_ascii=False))
        else:
            _print_ending(rehearsal, sys.stdout)
    if rehearsal.save_error:
        print(f"coach rehearse: not saved: {rehearsal.save_error}", file=sys.stderr)
        return EXIT_NOT_SAVED
    return EXIT_OK


def _piped_lines() -> list[str]:
    """The lines piped in, refused whole (exit 2) if they are not text the checks read."""
    try:
        text = decode_bytes(read_stdin(), "stdin")
    except InputError as exc:
        raise UsageError(str(exc)) from None
    return text.splitlines()


def make_cli_engine(name: str | None, seed: int | None) -> Engine:
    """The engine the user asked for (None: as configured)."""
    return make_engine(get_settings(), name=name, seed=seed)


def result_json(rehearsal: Rehearsal) -> dict[str, Any]:
    """The `--format json` shape: scenario, engine, turns (user, client, review, ...),
    notices, usage — plus the opening, mood, outcome and scorecard."""
    data = rehearsal.to_dict()
    return {
        "scenario": rehearsal.scenario.id,
        "engine": rehearsal.engine.name,
        "difficulty": rehearsal.difficulty.value,
        "opening": rehearsal.opening,
        "turns": data["turns"],
        "notices": data["notices"],
        "usage": data["usage"],
        "mood": data["mood"],
        "accepted": rehearsal.accepted,
        "outcome": rehearsal.outcome,
        "save_error": rehearsal.save_error,
        "scorecard": rehearsal.scorecard().to_dict(),
    }


def _scenario(scenario_id: str) -> Scenario:
    try:
        return get_scenario(scenario_id)
    except (KeyError, ScenarioError) as exc:
        raise UsageError(str(exc).strip("'\"")) from exc


def _difficulty(scenario: Scenario, wanted: str | None) -> Difficulty:
    if wanted is None:
        return next(iter(scenario.difficulties))
    level = Difficulty(wanted)
    if level not in scenario.difficulties:
        levels = ", ".join(d.value for d in scenario.difficulties)
        raise UsageError(f"scenario {scenario.id!r} has no {wanted!r} level (has: {levels})")
    return level


def _interactive(rehearsal: Rehearsal, stdin: TextIO, out: TextIO) -> None:
    s = rehearsal.scenario
    print(f"{s.title} — {s.persona.name}, {s.persona.role} at {s.persona.company}", file=out)
    print("Type your line; /end to stop.\n", file=out)
    print(f"{s.persona.name}: {rehearsal.opening}\n", file=out)
    for notice in rehearsal.notices:
        print(f"  (notice) {notice}", file=out)
    while not rehearsal.finished:
        draft = _ask("You> ", stdin, out)
        if draft is None or draft.strip() in END_COMMANDS:
            break
        if not draft.strip():
            continue
        coaching = rehearsal.check(draft)
        if not coaching.review.english:
            print(f"  {coaching.review.language_notice}", file=out)
            continue
        _print_coaching(coaching, out)
        text = draft
        if coaching.rewrite.strip() and coaching.rewrite.strip() != draft.strip():
            print(f"  Suggested: {coaching.rewrite}", file=out)
            choice = _ask(
                "  Enter = send the suggestion, . = send yours, or type a line> ", stdin, out
            )
            if choice is None:
                break
            text = (
                coaching.rewrite
                if not choice.strip()
                else draft
                if choice.strip() == KEEP_DRAFT
                else choice
            )
        print(f"{s.persona.name}: ", end="", file=out, flush=True)
        try:
            turn = rehearsal.send(
                text,
                draft=draft,
                coaching=coaching,
                on_token=lambda t: print(t, end="", file=out, flush=True),
            )
        except (LineNotEnglish, LineHasPlaceholders, InputError) as exc:
            print(f"(not sent) {exc}", file=out)
            continue
        print(file=out)
        _print_mood(turn, out)
        print(f"  {progress_line(rehearsal)}", file=out)
    rehearsal.end()
    _print_ending(rehearsal, out)


def _print_ending(rehearsal: Rehearsal, out: TextIO) -> None:
    """The outcome, overall score and advice: printed however the rehearsal was run."""
    card = rehearsal.scorecard()
    outcome = {
        "accepted": "The client accepted.",
        "the client ended the call": "The client ended the call.",
    }.get(rehearsal.outcome, "Rehearsal ended.")
    print(f"\n{outcome} Overall score {card.overall_score}/100.", file=out)
    for i, advice in enumerate(card.advice, 1):
        print(f"  {i}. {advice}", file=out)


def _ask(prompt: str, stdin: TextIO, out: TextIO) -> str | None:
    print(prompt, end="", file=out, flush=True)
    line = stdin.readline()
    return None if not line else line.rstrip("\n")


def _print_coaching(coaching: Coaching, out: TextIO) -> None:
    review = coaching.review
    present = [rid for rid, on in review.detected.items() if on and rid != "personal_attack"]
    score = line_score(review, coaching.citations)
    print(f"  Score {score}/100; steps present: {', '.join(present) or 'none'}", file=out)
    for finding in review.violations:
        print(f"  ! {finding.rule_id}: {finding.message}", file=out)
    for c in coaching.citations:
        mark = "✓" if c.status == "accurate" else "!"
        print(f"  {mark} {c.message}", file=out)
    for s in coaching.suggestions:
        print(f"  Next step, your decision ({RULES_BY_ID[s.step].title}): {s.text}", file=out)
    for notice in coaching.notices:
        print(f"  (notice) {notice}", file=out)


def _print_turn(turn: Turn, rehearsal: Rehearsal, out: TextIO) -> None:
    name = rehearsal.scenario.persona.name
    if turn.index == 1:
        print(f"{name}: {rehearsal.opening}", file=out)
    print(f"You: {turn.user}", file=out)
    print(f"  score {turn.score}/100; {progress_line(rehearsal, turn.index)}", file=out)
    for c in turn.citations:
        print(f"  {'✓' if c.status == 'accurate' else '!'} {c.message}", file=out)
    print(f"{name}: {turn.client}", file=out)
    _print_mood(turn, out)


def progress_line(rehearsal: Rehearsal, upto: int | None = None) -> str:
    """The steps the call has taken so far and the next one to take."""
    done = [RULES_BY_ID[r].title for r, on in rehearsal.steps_covered(upto).items() if on]
    step = rehearsal.next_step(upto)
    nxt = f"next: {RULES_BY_ID[step].title}" if step else "all five steps taken"
    line = f"steps so far: {', '.join(done) or 'none'}; {nxt}"
    if upto is None and (question := rehearsal.open_question()):
        line += f"; the client is waiting for an answer: {question}?"
    return line


def _print_mood(turn: Turn, out: TextIO) -> None:
    m = turn.mood
    print(f"  [anger {m.anger} · trust {m.trust} · readiness {m.readiness}]", file=out)
    for notice in turn.notices:
        print(f"  (notice) {notice}", file=out)
