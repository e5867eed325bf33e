"""The LLM judge: its output schemas, its messages, and how its verdicts meet the checker's.

The deterministic checker stays the authority the user always sees; the judge adds a second
opinion. Where the two disagree, both views are listed rather than one hidden. A verdict
whose quoted evidence is not in the draft is set aside, because a judge that quotes words
the user never wrote is not judging this draft.

The judge is asked twice: verdicts first (a small reply), then, only when something needs
fixing, a rewrite. Two requests rather than one schema with both, because (1) a long rewrite
cut off at the token limit can never take the verdicts with it, (2) the verdict request is
the same one `coach eval --engine openai` measures, so the figures describe what users get,
and (3) the rewrite is told what the verdicts found instead of guessing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any

from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.utils.function_calling import convert_to_openai_function
from pydantic import AfterValidator, BaseModel, Field, WithJsonSchema

from coach.checking.checker import Review
from coach.checking.rules import BUILTIN_IDS, BUILTIN_RULES, RULES_BY_ID
from coach.checking.rules.base import Rule
from coach.citations import format_record
from coach.prompts import render_prompt
from coach.scenarios.schema import Scenario
from coach.types import RuleVerdict

EXAMPLES_PER_KIND = 2  # present / absent examples per rule in the judge's instructions
MAX_ID_SHOWN = 40  # an unknown rule id is model output: shown shortened in a notice


def _known_rule(rule_id: str) -> str:
    if rule_id not in BUILTIN_IDS:
        raise ValueError(f"unknown rule id; expected one of {', '.join(BUILTIN_IDS)}")
    return rule_id


# An enum in the schema the model is held to, and a validation error for anything else.
RuleId = Annotated[
    str,
    AfterValidator(_known_rule),
    WithJsonSchema(
        {"type": "string", "enum": list(BUILTIN_IDS), "description": "The rule judged."}
    ),
]


class RuleJudgement(BaseModel):
    """The judge's verdict on one framing rule."""

    rule_id: RuleId
    present: bool = Field(description="Whether the message does what the rule names.")
    evidence: str = Field(description="Exact quote from the message; empty when absent.")


class JudgeVerdicts(BaseModel):
    """The first request's answer: one verdict per rule, and nothing long after them."""

    verdicts: list[RuleJudgement]


class JudgeRewrite(BaseModel):
    """The second request's answer."""

    rewrite: str = Field(description="The message rewritten to fix what it needs.")


def response_format(schema: type[BaseModel]) -> dict[str, Any]:
    """OpenAI `json_schema` response format for a judge schema, strict where supported."""
    fn = convert_to_openai_function(schema, strict=True)
    return {
        "type": "json_schema",
        "json_schema": {"name": fn["name"], "schema": fn["parameters"], "strict": True},
    }


def labelled_examples(rule: Rule) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(present, absent) examples: a step's passing texts have it, a forbidden rule's
    failing texts do."""
    if rule.kind == "forbidden":
        return rule.should_fail, rule.should_pass
    return rule.should_pass, rule.should_fail


def rule_block(rule: Rule, examples: int = EXAMPLES_PER_KIND) -> str:
    """One rule for the judge, from its rule file: the examples are the hard negatives the
    checker was built on, so the judge draws the same lines."""
    present, absent = labelled_examples(rule)

    def quoted(texts: tuple[str, ...]) -> str:
        return " | ".join(f'"{t}"' for t in texts[:examples]) or "-"

    return render_prompt(
        "judge/rule",
        id=rule.id,
        kind=rule.kind,
        title=rule.title,
        why=rule.why,
        present=quoted(present),
        absent=quoted(absent),
    )


def judge_system(examples: int = EXAMPLES_PER_KIND) -> SystemMessage:
    """The verdict request's instructions, built from the rule files; never any user text."""
    rules = "\n".join(rule_block(r, examples) for r in BUILTIN_RULES)
    return SystemMessage(
        render_prompt("judge/system", rules=rules, rule_ids=", ".join(BUILTIN_IDS))
    )


def judge_systems() -> Iterator[SystemMessage]:
    """The verdict instructions, most examples first: under a tight token budget the judge
    loses examples before it loses the request."""
    for examples in range(EXAMPLES_PER_KIND, -1, -1):
        yield judge_system(examples)


def rewrite_system(scenario: Scenario | None, to_fix: Sequence[str]) -> SystemMessage:
    """The rewrite request's instructions: what the verdicts found to fix (rule ids only,
    never quotes, so no user text reaches the system role) and, given a scenario, its record."""
    context = ""
    if scenario is not None:
        context = render_prompt(
            "judge/context",
            client=f"{scenario.persona.name}, {scenario.persona.company}",
            incidents=incident_lines(scenario),
        )
    steps = "; ".join(r.title for r in BUILTIN_RULES if r.kind == "step")
    fixes = "\n".join(f"- {RULES_BY_ID[r].suggestion}" for r in to_fix)
    return SystemMessage(render_prompt("judge/rewrite", steps=steps, to_fix=fixes, context=context))


def rewrite_systems(scenario: Scenario | None, to_fix: Sequence[str]) -> Iterator[SystemMessage]:
    """The rewrite instructions with the scenario's record, then without: under a tight
    token budget the record goes before the request does."""
    if scenario is not None:
        yield rewrite_system(scenario, to_fix)
    yield rewrite_system(None, to_fix)


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


def parse_verdicts(content: str) -> tuple[list[RuleJudgement], list[str]]:
    """The judge's verdicts, and a notice for each verdict on a rule that does not exist: a
    model that ignores the schema loses that verdict, not the others. Raises ValueError
    (pydantic's ValidationError included) on anything that is not the verdicts' JSON."""
    data = json.loads(_strip_fence(content))
    items = data.get("verdicts") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return JudgeVerdicts.model_validate(data).verdicts, []
    unknown = [v for v in items if isinstance(v, dict) and v.get("rule_id") not in BUILTIN_IDS]
    notices = [
        f"The judge named a rule that does not exist ({str(v.get('rule_id'))[:MAX_ID_SHOWN]!r}); "
        "that verdict was dropped."
        for v in unknown
    ]
    known = [v for v in items if not any(v is u for u in unknown)]
    return JudgeVerdicts.model_validate({**data, "verdicts": known}).verdicts, notices


def parse_rewrite(content: str) -> str:
    """The rewrite from the judge's JSON; raises ValueError on anything else or an empty
    rewrite (a rewrite cut off at the token limit is not valid JSON, so half a message is
    never shown)."""
    rewrite = JudgeRewrite.model_validate_json(_strip_fence(content)).rewrite.strip()
    if not rewrite:
        raise ValueError("the judge's rewrite is empty")
    return rewrite


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

    def detected(self, review: Review) -> dict[str, bool]:
        """The merged verdict per rule: present when the checker or a usable judge verdict
        finds it, since the checker's findings are never removed and the judge's, quoted
        from the draft, are shown beside them."""
        judge = {v.rule_id for v in self.verdicts if v.present}
        return {r: review.detected.get(r, False) or r in judge for r in BUILTIN_IDS}

    def to_fix(self, review: Review, wanted: Sequence[str] | None = None) -> list[str]:
        """Rule ids a rewrite must fix: an attack either side found, and the steps neither
        found (only those still `wanted` in a call). Empty: nothing to rewrite."""
        found = self.detected(review)
        return [
            r.id
            for r in BUILTIN_RULES
            if (found[r.id] if r.kind == "forbidden" else not found[r.id])
            and (r.kind == "forbidden" or wanted is None or r.id in wanted)
        ]


def merge(review: Review, verdicts: Sequence[RuleJudgement]) -> Merged:
    """Compare verdicts rule by rule; the checker's findings are never removed."""
    merged = Merged()
    seen: set[str] = set()
    for v in verdicts:
        if v.rule_id in seen:
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
