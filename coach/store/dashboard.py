"""A trainer's view of a workshop: who is practising, each trainee's attempts (first, best,
latest) with per-rule results, and the rule the class is weakest on. The caller gets the
workshop from `coach.workshops.trainer_workshop`, which checks the trainer's login."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from coach.store.engine import Store
from coach.store.models import utcnow
from coach.store.rehearsals import list_rehearsals
from coach.store.results import AttemptResult, attempt_result, workshop_profile
from coach.store.workshops import ParticipantInfo, WorkshopInfo, list_participants

ACTIVE_WINDOW = timedelta(minutes=5)


@dataclass(frozen=True)
class TraineeSummary:
    participant: ParticipantInfo
    attempts: tuple[AttemptResult, ...]  # oldest first; only attempts with a turn
    last_active: datetime | None
    practising: bool

    @property
    def first(self) -> AttemptResult | None:
        return self.attempts[0] if self.attempts else None

    @property
    def latest(self) -> AttemptResult | None:
        return self.attempts[-1] if self.attempts else None

    @property
    def best(self) -> AttemptResult | None:
        # max() keeps the first of equal scores: the earliest attempt reaching the best.
        return max(self.attempts, key=lambda a: a.score) if self.attempts else None


@dataclass(frozen=True)
class Dashboard:
    workshop: WorkshopInfo
    trainees: tuple[TraineeSummary, ...]
    pass_rates: dict[str, float]  # per rule, over each trainee's latest attempt
    weakest_rule: str | None

    @property
    def practising(self) -> tuple[TraineeSummary, ...]:
        return tuple(t for t in self.trainees if t.practising)


def workshop_dashboard(
    store: Store, workshop: WorkshopInfo, now: datetime | None = None
) -> Dashboard:
    now = now or utcnow()
    profile = workshop_profile(workshop.custom_rules)
    by_participant: dict[int, list[AttemptResult]] = {}
    activity: dict[int, tuple[datetime, bool]] = {}
    for r in list_rehearsals(store, workshop_id=workshop.id):
        if r.participant_id is None:
            continue
        last, live = activity.get(r.participant_id, (r.updated_at, False))
        live = live or (r.status == "active" and now - r.updated_at <= ACTIVE_WINDOW)
        activity[r.participant_id] = (max(last, r.updated_at), live)
        if r.turns:
            by_participant.setdefault(r.participant_id, []).append(attempt_result(r, profile))
    trainees = []
    for p in list_participants(store, workshop.id):
        attempts = sorted(by_participant.get(p.id, []), key=lambda a: a.started_at)
        seen = activity.get(p.id)
        trainees.append(
            TraineeSummary(p, tuple(attempts), seen[0] if seen else None, bool(seen and seen[1]))
        )
    rates = _pass_rates([t.latest for t in trainees if t.latest])
    weakest = min(rates, key=lambda k: rates[k]) if rates else None
    return Dashboard(workshop, tuple(trainees), rates, weakest)


def _pass_rates(latest: list[AttemptResult]) -> dict[str, float]:
    if not latest:
        return {}
    rule_ids = list(latest[0].passed)
    return {rid: sum(a.passed.get(rid, False) for a in latest) / len(latest) for rid in rule_ids}
