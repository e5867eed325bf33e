"""Custom scenarios written in the app, stored as validated Scenario documents."""

from __future__ import annotations

import threading
from datetime import datetime

from sqlalchemy import delete, select

from coach.scenarios.schema import Scenario
from coach.store.engine import Store
from coach.store.models import CustomScenarioRow, utcnow


def save_custom_scenario(store: Store, scenario: Scenario) -> None:
    """Insert or replace the scenario with this id."""
    body = scenario.model_dump(mode="json")
    with store.session() as s:
        q = select(CustomScenarioRow).where(CustomScenarioRow.scenario_id == scenario.id)
        row = s.scalars(q).one_or_none()
        if row is None:
            s.add(CustomScenarioRow(scenario_id=scenario.id, body=body))
        else:
            row.body = body
            row.updated_at = utcnow()


_VALIDATED: dict[tuple[str, int, datetime], Scenario] = {}
_VALIDATED_MAX = 512
_VALIDATED_LOCK = threading.Lock()


def _scenario(store: Store, row: CustomScenarioRow) -> Scenario:
    """Each stored version is validated once per process, not on every page load (a large
    scenario costs real time to validate, and the pickers list them all on each rerun)."""
    key = (store.url, row.id, row.updated_at)
    with _VALIDATED_LOCK:
        found = _VALIDATED.get(key)
    if found is None:
        found = Scenario.model_validate(row.body)
        with _VALIDATED_LOCK:
            if len(_VALIDATED) >= _VALIDATED_MAX:
                _VALIDATED.clear()
            _VALIDATED[key] = found
    return found


def list_custom_scenarios(store: Store) -> list[Scenario]:
    with store.session() as s:
        q = select(CustomScenarioRow).order_by(CustomScenarioRow.scenario_id)
        return [_scenario(store, r) for r in s.scalars(q)]


def get_custom_scenario(store: Store, scenario_id: str) -> Scenario | None:
    with store.session() as s:
        q = select(CustomScenarioRow).where(CustomScenarioRow.scenario_id == scenario_id)
        row = s.scalars(q).one_or_none()
        return _scenario(store, row) if row else None


def delete_custom_scenario(store: Store, scenario_id: str) -> bool:
    with store.session() as s:
        q = delete(CustomScenarioRow).where(CustomScenarioRow.scenario_id == scenario_id)
        return bool(s.execute(q).rowcount)  # type: ignore[attr-defined]


def all_scenarios(store: Store) -> dict[str, Scenario]:
    """The library (built-ins and the scenarios folder) plus scenarios saved in the app."""
    from coach.scenarios.library import load_scenarios

    return {**load_scenarios(), **{s.id: s for s in list_custom_scenarios(store)}}
