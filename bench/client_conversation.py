"""The offline client as a conversation: for every built-in scenario and difficulty, a
good scripted user (five steps, every question answered from the record) and a poor one
(vague, blaming), three seeds each. Prints turns to acceptance per difficulty, how many
calls were accepted or ended by the client walking out, distinct replies per 100 client
turns, lines repeated within a call, and how many replies two different clients share."""

from __future__ import annotations

import statistics
from collections import defaultdict

from bench.scripts import User, good_user, poor_user
from coach.engines.offline import OfflineEngine
from coach.rehearsal import Rehearsal
from coach.scenarios.library import load_scenarios
from coach.scenarios.schema import Difficulty

SEEDS = range(3)
MAX_TURNS = 20


def _call(scenario_id: str, difficulty: Difficulty, user: User, seed: int) -> Rehearsal:
    scenario = load_scenarios(extra_dir=None)[scenario_id]
    r = Rehearsal.start(scenario, difficulty, OfflineEngine(seed=seed))
    last = r.opening
    for turn in range(MAX_TURNS):
        last = r.send(user(scenario, last, turn)).client
        if r.finished:  # accepted, or the client walked out
            break
    return r


def main() -> None:
    scenarios = load_scenarios(extra_dir=None)
    outcomes: dict[tuple[str, Difficulty], list[Rehearsal]] = defaultdict(list)
    replies_by_client: dict[str, set[str]] = defaultdict(set)
    total = repeated_in_call = 0
    for user in (good_user, poor_user):
        for sid, scenario in scenarios.items():
            for difficulty in scenario.difficulties:
                for seed in SEEDS:
                    r = _call(sid, difficulty, user, seed)
                    outcomes[(user.__name__, difficulty)].append(r)
                    replies = [t.client for t in r.turns]
                    total += len(replies)
                    repeated_in_call += len(replies) - len(set(replies))
                    replies_by_client[sid] |= set(replies)
    print(f"{len(scenarios)} scenarios x 3 levels x {len(SEEDS)} seeds, up to {MAX_TURNS} turns")
    head = ("script", "difficulty", "accepted", "turns to accept", "walked out")
    print(f"{head[0]:10} {head[1]:12} {head[2]:>9} {head[3]:>16} {head[4]:>11}")
    for (script, difficulty), runs in outcomes.items():
        done = [len(r.turns) for r in runs if r.accepted]
        spread = f"{statistics.median(done):.0f} ({min(done)}-{max(done)})" if done else "-"
        out = [len(r.turns) for r in runs if r.walked_out]
        left = f"{len(out)} (turn {statistics.median(out):.0f})" if out else "0"
        accepted = f"{len(done)}/{len(runs)}"
        print(f"{script:10} {difficulty.value:12} {accepted:>9} {spread:>16} {left:>11}")
    distinct = len(set().union(*replies_by_client.values()))
    shared = sum(
        1
        for line in set().union(*replies_by_client.values())
        if sum(line in lines for lines in replies_by_client.values()) > 1
    )
    print(f"client turns: {total}; distinct replies per 100 turns: {100 * distinct / total:.1f}")
    print(f"lines repeated within a call: {repeated_in_call} of {total}")
    print(f"replies said by more than one client: {shared} of {distinct} distinct")


if __name__ == "__main__":
    main()
