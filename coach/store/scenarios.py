"""Custom scenarios written in the app, stored as validated Scenario documents."""

from __future__ import annotations

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


def list_custom_scenarios(store: Store) -> list[Scenario]:
    with store.session() as s:
        q = select(CustomScenarioRow).order_by(CustomScenarioRow.scenario_id)
        return [Scenario.model_validate(r.body) for r in s.scalars(q)]


def get_custom_scenario(store: Store, scenario_id: str) -> Scenario | None:
    with store.session() as s:
        q = select(CustomScenarioRow).where(CustomScenarioRow.scenario_id == scenario_id)
        row = s.scalars(q).one_or_none()
        return Scenario.model_validate(row.body) if row else None


def delete_custom_scenario(store: Store, scenario_id: str) -> bool:
    with store.session() as s:
        q = delete(CustomScenarioRow).where(CustomScenarioRow.scenario_id == scenario_id)
        return bool(s.execute(q).rowcount)  # type: ignore[attr-defined]


def all_scenarios(store: Store) -> dict[str, Scenario]:
    """The library (built-ins and the scenarios folder) plus scenarios saved in the app."""
    from coach.scenarios.library import load_scenarios

    return {**load_scenarios(), **{s.id: s for s in list_custom_scenarios(store)}}
