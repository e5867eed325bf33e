"""The scenario library: built-ins, user folders, YAML import/export, clear errors."""

from pathlib import Path

import pytest

from coach.scenarios.library import (
    ScenarioError,
    get_scenario,
    load_scenarios,
    scenario_from_yaml,
    scenario_to_yaml,
)
from coach.scenarios.schema import Difficulty, Situation
from coach.settings import get_settings

BUILTINS = load_scenarios(extra_dir=None)
VALID = scenario_to_yaml(BUILTINS["chronic-complainer-catering"]).replace(
    "chronic-complainer-catering", "my-own-scenario"
)


def test_every_situation_has_a_builtin_scenario() -> None:
    assert {s.situation for s in BUILTINS.values()} == set(Situation)


@pytest.mark.parametrize("scenario", BUILTINS.values(), ids=lambda s: s.id)
def test_builtin_is_complete(scenario) -> None:
    assert set(scenario.difficulties) == set(Difficulty)
    assert scenario.persona.name and scenario.persona.company and scenario.persona.wants
    assert len(scenario.incidents) >= 2
    assert all(i.date for i in scenario.incidents)
    assert any(i.count for i in scenario.incidents)
    assert any(i.invoice or i.ticket for i in scenario.incidents)
    assert any(i.amount for i in scenario.incidents)
    assert len({i.id for i in scenario.incidents}) == len(scenario.incidents)
    assert scenario.suggested_alternatives and scenario.goodwill_options
    hostile = scenario.difficulties[Difficulty.HOSTILE].mood
    cooperative = scenario.difficulties[Difficulty.COOPERATIVE].mood
    assert hostile.anger > cooperative.anger


def test_yaml_round_trip() -> None:
    for scenario in BUILTINS.values():
        assert scenario_from_yaml(scenario_to_yaml(scenario)) == scenario


def test_user_folder_adds_scenarios(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(VALID)
    (tmp_path / "notes.txt").write_text("not a scenario")
    scenarios = load_scenarios(tmp_path)
    assert "my-own-scenario" in scenarios
    assert set(BUILTINS) < set(scenarios)
    assert get_scenario("my-own-scenario", tmp_path).persona.name == "Dana Whitfield"


def test_settings_folder_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mine.yml").write_text(VALID)
    monkeypatch.setenv("COACH_SCENARIOS_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        assert "my-own-scenario" in load_scenarios()
    finally:
        monkeypatch.delenv("COACH_SCENARIOS_DIR")
        get_settings.cache_clear()


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda t: t.replace("  name: Dana Whitfield\n", ""), "persona.name"),
        (lambda t: t.replace("situation: chronic_complainer", "situation: grumpy"), "situation"),
        (lambda t: t.replace("count: 5", "count: lots"), "incidents.0.count"),
        (lambda t: t.replace("date: '2024-05-31'", "date: someday"), "incidents.0.date"),
        (lambda t: t.replace("id: my-own-scenario", "id: Not An Id!"), "id"),
        (lambda t: t.replace("anger: 8", "anger: 11"), "difficulties.hostile.mood.anger"),
    ],
)
def test_invalid_file_names_file_and_field(tmp_path: Path, edit, field: str) -> None:
    broken = edit(VALID)
    assert broken != VALID, "the edit did not apply"
    (tmp_path / "broken.yaml").write_text(broken)
    with pytest.raises(ScenarioError) as err:
        load_scenarios(tmp_path)
    message = str(err.value)
    assert "broken.yaml" in message
    assert field in message


def test_bad_yaml_and_non_mapping(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match=r"bad\.yaml: not valid YAML"):
        scenario_from_yaml("id: [unclosed", "bad.yaml")
    with pytest.raises(ScenarioError, match=r"list\.yaml: .*mapping"):
        scenario_from_yaml("- a\n- b\n", "list.yaml")


def test_duplicate_id_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "copy.yaml").write_text(scenario_to_yaml(BUILTINS["unprofitable-cleaning"]))
    with pytest.raises(ScenarioError, match=r"copy\.yaml: id: .*already used"):
        load_scenarios(tmp_path)


def test_missing_folder_and_unknown_id(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="does not exist"):
        load_scenarios(tmp_path / "nope")
    with pytest.raises(KeyError, match="unprofitable-cleaning"):
        get_scenario("no-such-scenario", tmp_path)
