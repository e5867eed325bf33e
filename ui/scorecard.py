"""The end of a rehearsal: the scorecard, advice, downloads, and attempts compared."""

from __future__ import annotations

import json
from dataclasses import dataclass

import streamlit as st

from coach.checking.rules import RULES_BY_ID, STEP_IDS
from coach.rehearsal import Rehearsal

ATTEMPTS_KEY = "attempts"
# Greens for the five steps, red for attacks: an attack never reads as a good thing.
STEP_COLOURS = ("#a8d5ba", "#7cc39a", "#3aa76d", "#2b8a57", "#1d6b42")
ATTACK_COLOUR = "#d1495b"


@dataclass(frozen=True)
class Attempt:
    """A finished rehearsal, summarised for comparison."""

    rehearsal_id: str
    overall: int
    average: int
    steps_used: int
    attack_turns: int
    turns: int
    accepted: bool


def summarise(rehearsal: Rehearsal) -> Attempt:
    card = rehearsal.scorecard()
    return Attempt(
        rehearsal.id,
        card.overall_score,
        card.average_score,
        sum(card.steps_used.values()),
        card.attack_turns,
        len(rehearsal.turns),
        card.accepted,
    )


def compare(attempts: list[Attempt]) -> dict[str, Attempt]:
    """First, best (highest overall score, then fewest attacks) and latest attempt."""
    if not attempts:
        return {}
    best = max(attempts, key=lambda a: (a.overall, -a.attack_turns, a.accepted))
    return {"First": attempts[0], "Best": best, "Latest": attempts[-1]}


def _record(rehearsal: Rehearsal) -> list[Attempt]:
    """Remember this finished attempt under its scenario and difficulty (once)."""
    key = f"{rehearsal.scenario.id}:{rehearsal.difficulty.value}"
    store: dict[str, list[Attempt]] = st.session_state.setdefault(ATTEMPTS_KEY, {})
    attempts = store.setdefault(key, [])
    summary = summarise(rehearsal)
    ids = [a.rehearsal_id for a in attempts]
    if rehearsal.id in ids:
        attempts[ids.index(rehearsal.id)] = summary
    else:
        attempts.append(summary)
    return attempts


def _label(rule_id: str) -> str:
    """Chart labels: the attack rule is named for what it counts, not its ideal."""
    if rule_id == "personal_attack":
        return "Personal attack"
    return RULES_BY_ID[rule_id].title or rule_id


def transcript_json(rehearsal: Rehearsal) -> str:
    """The JSON download: the whole rehearsal with coaching, plus its scorecard."""
    data = {**rehearsal.to_dict(), "scorecard": rehearsal.scorecard().to_dict()}
    return json.dumps(data, indent=2, ensure_ascii=False)


def render(rehearsal: Rehearsal) -> None:
    from ui import rehearse

    card = rehearsal.scorecard()
    st.subheader("Scorecard")
    cols = st.columns(4)
    cols[0].metric("Overall", f"{card.overall_score}/100")
    cols[1].metric("Average per line", f"{card.average_score}/100")
    cols[2].metric("Steps used", f"{sum(card.steps_used.values())} of {len(STEP_IDS)}")
    cols[3].metric("Lines read as attacks", card.attack_turns)

    if rehearsal.turns:
        per_turn: dict[str, list[int]] = {"line": [t["index"] for t in card.per_turn]}
        for rid in (*STEP_IDS, "personal_attack"):
            per_turn[_label(rid)] = [int(t["detected"][rid]) for t in card.per_turn]
        st.markdown("**Per line: steps taken and attacks**")
        st.bar_chart(
            per_turn, x="line", height=220, y_label="rules", color=[*STEP_COLOURS, ATTACK_COLOUR]
        )
        st.markdown("**Over the whole call: lines in which each rule showed**")
        rules = [r for r in (*STEP_IDS, "personal_attack") if r in card.rules]
        st.bar_chart(
            {
                "rule": [_label(r) for r in rules],
                "step taken": [card.rules[r] if r != "personal_attack" else 0 for r in rules],
                "attack": [card.rules[r] if r == "personal_attack" else 0 for r in rules],
            },
            x="rule",
            y=["step taken", "attack"],
            color=[STEP_COLOURS[2], ATTACK_COLOUR],
            horizontal=True,
            stack=True,
            x_label="rule",
            y_label="lines",
            height=260,
        )
    if card.advice:
        count = ("One thing", "Two things", "Three things")[len(card.advice) - 1]
        st.markdown(f"**{count} to work on**")
        st.markdown("\n".join(f"{i}. {a}" for i, a in enumerate(card.advice, start=1)))
    elif rehearsal.turns:
        st.markdown(
            "**Nothing to work on:** all five steps, no line read as an attack, and every "
            "detail as the record has it."
        )

    dl = st.columns(2)
    dl[0].download_button(
        "Transcript (Markdown)",
        rehearsal.to_markdown(),
        file_name=f"rehearsal-{rehearsal.id[:8]}.md",
        mime="text/markdown",
        icon=":material/download:",
    )
    dl[1].download_button(
        "Transcript (JSON)",
        transcript_json(rehearsal),
        file_name=f"rehearsal-{rehearsal.id[:8]}.json",
        mime="application/json",
        icon=":material/data_object:",
    )

    attempts = _record(rehearsal)
    if len(attempts) > 1:
        st.markdown("**Your attempts at this scenario**")
        st.dataframe(
            [
                {
                    "attempt": label,
                    "overall": a.overall,
                    "average": a.average,
                    "steps used": a.steps_used,
                    "attack lines": a.attack_turns,
                    "lines": a.turns,
                    "accepted": a.accepted,
                }
                for label, a in compare(attempts).items()
            ],
            hide_index=True,
        )
    if st.button("Try again", type="primary", icon=":material/replay:"):
        rehearse.try_again(rehearsal)
        st.rerun()
