"""The scenario library: built-in YAML files shipped with the package, plus the user's or
trainer's own files from `settings.coach_scenarios_dir`.

A broken file must not be a mystery, so every problem raises `ScenarioError` naming the
file and the field (e.g. `my.yaml: persona.name: Field required`).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from coach.scenarios.schema import Scenario
from coach.yaml_files import YamlError, load_yaml

SUFFIXES = (".yaml", ".yml")


class ScenarioError(ValueError):
    """A scenario file that cannot be used; the message names the file and the field."""


def scenario_from_yaml(text: str, source: str = "<scenario>") -> Scenario:
    """Parse and validate one scenario file's text; `source` names it in errors."""
    try:
        data = load_yaml(text, source)
    except YamlError as exc:
        raise ScenarioError(str(exc)) from None
    if not isinstance(data, dict):
        raise ScenarioError(f"{source}: a scenario file must be a YAML mapping")
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(f"{source}: {_first_problem(exc)}") from exc


def scenario_to_yaml(scenario: Scenario) -> str:
    """A scenario as YAML that `scenario_from_yaml` reads back unchanged."""
    data = scenario.model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def load_scenarios(extra_dir: Path | None = None) -> dict[str, Scenario]:
    """Built-ins, then files from `extra_dir` (default `settings.coach_scenarios_dir`),
    by id. A user file may not reuse an id already taken."""
    if extra_dir is None:
        from coach.settings import get_settings

        extra_dir = get_settings().coach_scenarios_dir
    out: dict[str, Scenario] = {}
    builtin = resources.files("coach.scenarios") / "builtin"
    files: list[tuple[str, str]] = [
        (f"builtin/{f.name}", f.read_text(encoding="utf-8"))
        for f in sorted(builtin.iterdir(), key=lambda f: f.name)
        if f.name.endswith(SUFFIXES)
    ]
    if extra_dir is not None:
        if not Path(extra_dir).is_dir():
            raise ScenarioError(f"{extra_dir}: scenarios folder does not exist")
        for path in sorted(Path(extra_dir).iterdir()):
            if path.suffix in SUFFIXES:
                files.append((str(path), _read(path)))
    for source, text in files:
        scenario = scenario_from_yaml(text, source)
        if scenario.id in out:
            raise ScenarioError(f"{source}: id: {scenario.id!r} is already used by another file")
        out[scenario.id] = scenario
    return out


def get_scenario(scenario_id: str, extra_dir: Path | None = None) -> Scenario:
    """One scenario by id; `KeyError` lists the ids that exist."""
    scenarios = load_scenarios(extra_dir)
    try:
        return scenarios[scenario_id]
    except KeyError:
        raise KeyError(
            f"unknown scenario {scenario_id!r}; known: {', '.join(sorted(scenarios))}"
        ) from None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"{path}: cannot read: {exc}") from exc


def _first_problem(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "(top level)"
    more = f" (and {exc.error_count() - 1} more problem(s))" if exc.error_count() > 1 else ""
    return f"{where}: {err['msg']}{more}"
