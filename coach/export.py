"""Saved rehearsals for spreadsheets and LMS imports: one CSV row per rehearsal with its
score and per-rule results, or JSON with the same plus full transcripts."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from coach.store.engine import Store
from coach.store.rehearsals import StoredRehearsal, list_rehearsals
from coach.store.results import AttemptResult, attempt_result, workshop_profile
from coach.store.workshops import WorkshopInfo, list_participants, list_workshops
from coach.workshops import normalize_code

FORMATS = ("csv", "json")


class UnknownWorkshop(LookupError):
    pass


@dataclass(frozen=True)
class _Context:
    workshops: dict[int, WorkshopInfo]
    names: dict[int, str]


def _context(store: Store) -> _Context:
    workshops = {w.id: w for w in list_workshops(store)}
    names = {p.id: p.display_name for w in workshops for p in list_participants(store, w)}
    return _Context(workshops, names)


def _selected(store: Store, ctx: _Context, workshop_code: str | None) -> list[StoredRehearsal]:
    if workshop_code is None:
        rehearsals = list_rehearsals(store)
    else:
        code = normalize_code(workshop_code)
        match = [w for w in ctx.workshops.values() if w.code == code]
        if not match:
            raise UnknownWorkshop(workshop_code)
        rehearsals = list_rehearsals(store, workshop_id=match[0].id)
    return sorted(rehearsals, key=lambda r: (r.started_at, r.id))


def _result(r: StoredRehearsal, ctx: _Context) -> AttemptResult:
    w = ctx.workshops.get(r.workshop_id) if r.workshop_id is not None else None
    return attempt_result(r, workshop_profile(w.custom_rules) if w else None)


def _summary(r: StoredRehearsal, res: AttemptResult, ctx: _Context) -> dict[str, Any]:
    w = ctx.workshops.get(r.workshop_id) if r.workshop_id is not None else None
    scores = [t.score for t in r.turns]
    return {
        "rehearsal_id": r.id,
        "workshop": w.code if w else "",
        "participant": ctx.names.get(r.participant_id, "") if r.participant_id else "",
        "scenario_id": r.scenario_id,
        "difficulty": r.difficulty,
        "engine": r.engine,
        "source": r.source,
        "status": r.status,
        "started_at": r.started_at.isoformat(),
        "ended_at": r.ended_at.isoformat() if r.ended_at else "",
        "turns": len(r.turns),
        "score": res.score,
        "average_turn_score": round(sum(scores) / len(scores)) if scores else 0,
    }


def _rule_turns(r: StoredRehearsal, rule_id: str) -> int:
    return sum(bool(t.detected.get(rule_id)) for t in r.turns)


def export_csv(store: Store, workshop_code: str | None = None) -> str:
    ctx = _context(store)
    rows = []
    for r in _selected(store, ctx, workshop_code):
        res = _result(r, ctx)
        row = _summary(r, res, ctx)
        for rule_id, passed in res.passed.items():
            row[f"{rule_id}_passed"] = int(passed)
            row[f"{rule_id}_turns"] = _rule_turns(r, rule_id)
        rows.append(row)
    fields: list[str] = []
    for row in rows:
        fields.extend(k for k in row if k not in fields)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields or ["rehearsal_id"], lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _safe_cell(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value: object) -> object:
    """A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
    leading apostrophe, so opening the export never executes what a trainee typed."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_data(store: Store, workshop_code: str | None = None) -> dict[str, Any]:
    ctx = _context(store)
    rehearsals = []
    for r in _selected(store, ctx, workshop_code):
        res = _result(r, ctx)
        item = _summary(r, res, ctx)
        item["rules"] = {
            rid: {"passed": ok, "turns": _rule_turns(r, rid)} for rid, ok in res.passed.items()
        }
        item["transcript"] = {
            "opening": r.state.get("opening", ""),
            "turns": [
                {
                    "seq": t.seq,
                    "draft": t.draft,
                    "sent": t.sent,
                    "client": t.client_reply,
                    "score": t.score,
                    "detected": t.detected,
                    "mood": t.mood,
                    "usage": t.usage,
                    "review": t.review,
                }
                for t in r.turns
            ],
        }
        rehearsals.append(item)
    return {
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "workshop": workshop_code,
        "rehearsals": rehearsals,
    }


def export_json(store: Store, workshop_code: str | None = None) -> str:
    return json.dumps(export_data(store, workshop_code), indent=2, ensure_ascii=False) + "\n"


def export(store: Store, fmt: str, workshop_code: str | None = None) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    return (export_csv if fmt == "csv" else export_json)(store, workshop_code)
