"""User YAML (scenarios, profiles) is bounded: alias bombs, deep nesting and self-reference
are refused with one line naming the file, before anything is built or stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.checking.profile import ProfileError, load_profile
from coach.cli import main
from coach.scenarios.library import ScenarioError, load_scenarios, scenario_from_yaml
from coach.yaml_files import MAX_EXPANDED_NODES, YamlError, load_yaml


def alias_bomb(levels: int = 9, fan: int = 10) -> str:
    """The 'billion laughs' shape: each anchor lists the previous one `fan` times."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * fan)}]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * fan)}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_without_expanding() -> None:
    text = alias_bomb()
    assert len(text) < 2_000
    with pytest.raises(YamlError, match=r"bomb\.yaml: anchors and aliases expand it"):
        load_yaml(text, "bomb.yaml")


def test_modest_aliases_still_work() -> None:
    data = load_yaml("base: &b {anger: 3, trust: 4}\ncopy: *b\nlist: [*b, *b]\n", "ok.yaml")
    assert data["copy"] == {"anger": 3, "trust": 4} and len(data["list"]) == 2


def test_expansion_limit_counts_repeats_not_text() -> None:
    under = "a: &a [" + ", ".join(["x"] * 50) + "]\nb: [" + ", ".join(["*a"] * 100) + "]\n"
    assert len(load_yaml(under, "under.yaml")["b"]) == 100
    over = "a: &a [" + ", ".join(["x"] * 500) + "]\nb: [" + ", ".join(["*a"] * 100) + "]\n"
    assert MAX_EXPANDED_NODES < 500 * 100
    with pytest.raises(YamlError, match="expand"):
        load_yaml(over, "over.yaml")


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, "{a: " * 5_000, "".join("  " * i + "k:\n" for i in range(60))],
    ids=["flow-sequences", "flow-mappings", "block-mappings"],
)
def test_deep_nesting_is_refused(text: str) -> None:
    with pytest.raises(YamlError, match=r"deep\.yaml: nested deeper than"):
        load_yaml(text, "deep.yaml")


def test_self_reference_is_refused() -> None:
    with pytest.raises(YamlError, match="refers to the node that contains it"):
        load_yaml("a: &a [1, *a]\n", "loop.yaml")


def test_oversized_file_is_refused_before_parsing() -> None:
    with pytest.raises(YamlError, match="the limit is"):
        load_yaml("a: " + "x" * 300_000, "big.yaml")


def test_broken_yaml_is_one_line() -> None:
    with pytest.raises(YamlError) as err:
        load_yaml("a: [\n b: c\n", "broken.yaml")
    assert "\n" not in str(err.value) and str(err.value).startswith("broken.yaml: not valid YAML")


def test_scenario_import_refuses_an_alias_bomb(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match=r"import\.yaml: anchors and aliases"):
        scenario_from_yaml(alias_bomb(), "import.yaml")
    (tmp_path / "mine.yaml").write_text("[" * 10_000, encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"mine\.yaml: nested deeper"):
        load_scenarios(tmp_path)


def test_profile_refuses_deep_nesting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "deep.yaml"
    profile.write_text("rules: " + "[" * 50_000, encoding="utf-8")
    with pytest.raises(ProfileError, match="nested deeper"):
        load_profile(profile)
    code = main(["check", "Thanks for your business.", "--profile", str(profile)])
    err = capsys.readouterr().err
    assert code == 2 and "nested deeper" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
