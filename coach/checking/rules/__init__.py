"""The built-in framing rules. Adding a rule: write one package with a `RULE`, list it here."""

from __future__ import annotations

from coach.checking.rules import (
    alternatives,
    apology,
    appreciation,
    documented_facts,
    goodwill,
    personal_attack,
)
from coach.checking.rules.base import Rule

BUILTIN_RULES: tuple[Rule, ...] = (
    appreciation.RULE,
    documented_facts.RULE,
    personal_attack.RULE,
    goodwill.RULE,
    apology.RULE,
    alternatives.RULE,
)
BUILTIN_IDS: tuple[str, ...] = tuple(r.id for r in BUILTIN_RULES)
STEP_IDS: tuple[str, ...] = tuple(r.id for r in BUILTIN_RULES if r.kind == "step")
RULES_BY_ID: dict[str, Rule] = {r.id: r for r in BUILTIN_RULES}
