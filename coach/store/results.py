"""What a saved rehearsal achieved: the whole conversation (every line the user sent) is
checked as one message, so a step done in any turn counts and every attack costs. Per rule,
`passed` means a step was done, or a forbidden pattern never appeared."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from coach.checking.checker import check
from coach.checking.profile import CustomRule, Profile
from coach.store.rehearsals import StoredRehearsal


@dataclass(frozen=True)
class AttemptResult:
    rehearsal_id: str
    participant_id: int | None
    scenario_id: str
    difficulty: str
    started_at: datetime
    updated_at: datetime
    status: str
    turns: int
    score: int
    passed: dict[str, bool]


def conversation_text(r: StoredRehearsal) -> str:
    """Joined as the rehearsal's own scorecard joins them, so the scores agree."""
    return "\n".join(t.sent for t in r.turns)


def attempt_result(r: StoredRehearsal, profile: Profile | None = None) -> AttemptResult:
    score, passed = _verdict(conversation_text(r), profile or Profile())
    return AttemptResult(
        rehearsal_id=r.id,
        participant_id=r.participant_id,
        scenario_id=r.scenario_id,
        difficulty=r.difficulty,
        started_at=r.started_at,
        updated_at=r.updated_at,
        status=r.status,
        turns=len(r.turns),
        score=score if r.turns else 0,
        passed=dict(passed),
    )


@lru_cache(maxsize=2048)
def _verdict(text: str, profile: Profile) -> tuple[int, tuple[tuple[str, bool], ...]]:
    review = check(text, profile)
    passed = []
    for rule_id, rule in review.rules.items():
        hit = any(f.rule_id == rule_id and f.kind != "missing" for f in review.findings)
        passed.append((rule_id, not hit if rule.kind == "forbidden" else hit))
    return review.score or 0, tuple(passed)


def workshop_profile(custom_rules: tuple[dict[str, object], ...]) -> Profile:
    """The checker profile a workshop's trainees are held to."""
    return Profile(name="workshop", custom=[CustomRule.model_validate(c) for c in custom_rules])
