"""The LLM judge: its output schema, its messages, and how its verdicts meet the checker's.

The deterministic checker stays the authority the user always sees; the judge adds a second
opinion. Where the two disagree, both views are listed rather than one hidden. A verdict
whose quoted evidence is not in the draft is set aside, because a judge that quotes words
the user never wrote is not judging this draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.utils.function_calling import convert_to_openai_function
from pydantic import BaseModel, Field

from coach.checking.checker import Review
from coach.checking.rules import BUILTIN_IDS, BUILTIN_RULES
from coach.citations import format_record
from coach.engines.base import RuleVerdict
from coach.prompts import render_prompt
from coach.scenarios.schema import Scenario


class RuleJudgement(BaseModel):
    """The judge's verdict on one framing rule."""

    rule_id: str = Field(description="One of the rule ids listed in the instructions.")
    present: bool = Field(description="Whether the message does what the rule names.")
    evidence: str = Field(description="Exact quote from the message; empty when absent.")


class JudgeOutput(BaseModel):
    """Everything the judge returns for one draft."""

    verdicts: list[RuleJudgement]
    rewrite: str = Field(description="The message rewritten to follow the five steps.")


def response_format() -> dict[str, Any]:
    """OpenAI `json_schema` response format for `JudgeOutput`, strict where supported."""
    fn = convert_to_openai_function(JudgeOutput, strict=True)
    return {
        "type": "json_schema",
        "json_schema": {"name": fn["name"], "schema": fn["parameters"], "strict": True},
    }


def judge_system(scenario: Scenario | None) -> SystemMessage:
    """The judge's instructions and, given a scenario, its record; never any user text."""
    rules = "\n".join(f"- {r.id} ({r.kind}): {r.title}. {r.why}" for r in BUILTIN_RULES)
    context = ""
    if scenario is not None:
        context = render_prompt(
            "judge/context",
            client=f"{scenario.persona.name}, {scenario.persona.company}",
            incidents=incident_lines(scenario),
        )
    return SystemMessage(
        render_prompt("judge/system", rules=rules, rule_ids=", ".join(BUILTIN_IDS), context=context)
    )


def draft_message(draft: str) -> HumanMessage:
    """The draft under review, as delimited user-role content."""
    return HumanMessage(render_prompt("judge/draft", draft=defang(draft)))


def incident_lines(scenario: Scenario) -> str:
    """The scenario's documented record, one line per incident."""
    return "\n".join(f"- {format_record(i)}" for i in scenario.incidents)


_TAG = re.compile(r"</?\s*(draft|fact_check)\s*>", re.IGNORECASE)


def defang(text: str) -> str:
    """Neutralise delimiter tags inside user text so it cannot close its own <draft> block."""
    return _TAG.sub(lambda m: m.group(0).replace("<", "‹").replace(">", "›"), text)


def parse_output(content: str) -> JudgeOutput:
    """Validate the judge's JSON; raises pydantic.ValidationError on anything else."""
    return JudgeOutput.model_validate_json(_strip_fence(content))


FENCE = "```"


def _strip_fence(content: str) -> str:
    """The JSON inside a Markdown fence, found with string operations (linear, no regex):
    some OpenAI-compatible servers wrap JSON in a fence despite the schema."""
    body = content.strip()
    if not (body.startswith(FENCE) and body.endswith(FENCE) and len(body) >= 2 * len(FENCE)):
        return content
    inner = body[len(FENCE) : -len(FENCE)]
    if inner[:4].lower() == "json":
        inner = inner[4:]
    return inner.strip()


_QUOTES = str.maketrans("‘’“”", "''\"\"")


def _normalise(text: str) -> str:
    text = text.translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip().casefold()


def quote_in(evidence: str, draft: str) -> bool:
    """Whether `evidence` occurs in the draft, ignoring case, spacing and curly quotes."""
    needle = _normalise(evidence).strip("\"'")
    return bool(needle) and needle in _normalise(draft)


@dataclass
class Merged:
    """The judge's usable verdicts next to the checker's, and what to tell the user."""

    verdicts: list[RuleVerdict] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def merge(review: Review, output: JudgeOutput) -> Merged:
    """Compare verdicts rule by rule; the checker's findings are never removed."""
    merged = Merged()
    seen: set[str] = set()
    for v in output.verdicts:
        if v.rule_id not in BUILTIN_IDS or v.rule_id in seen:
            continue
        seen.add(v.rule_id)
        if v.present and not quote_in(v.evidence, review.text):
            merged.notices.append(
                f"The judge's verdict on {v.rule_id} quoted words that are not in your draft, "
                "so it was set aside."
            )
            continue
        merged.verdicts.append(RuleVerdict(v.rule_id, v.present, v.evidence if v.present else ""))
        checker_says = review.detected.get(v.rule_id, False)
        if checker_says != v.present:
            merged.disagreements.append(_disagreement(v.rule_id, checker_says, v.evidence))
    return merged


def _disagreement(rule_id: str, checker_says: bool, evidence: str) -> str:
    if checker_says:
        return f"{rule_id}: the checker found it in your draft; the judge did not."
    return f'{rule_id}: the judge found it ("{evidence}"); the checker did not.'
