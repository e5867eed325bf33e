"""Every prompt file loads and renders with its own sample; the loader fails loudly."""

from pathlib import Path

import pytest

from coach.prompts import (
    DOC_FILENAMES,
    PROMPT_SUFFIX,
    PromptError,
    load_prompt,
    load_variants,
    prompt_names,
    prompts_dir,
    stable_index,
)

ROOT = prompts_dir()
ALL_FILES = sorted(p for p in ROOT.rglob("*") if p.is_file() and p.name not in DOC_FILENAMES)


def test_prompts_folder_is_not_empty() -> None:
    assert len(prompt_names()) >= 6


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_file_is_a_prompt_that_renders_with_its_sample(path: Path) -> None:
    assert path.suffix == PROMPT_SUFFIX, f"{path}: only {PROMPT_SUFFIX} prompt files go here"
    name = path.relative_to(ROOT).with_suffix("").as_posix()
    prompt = load_prompt(name)
    for variant, rendered in zip(prompt.variants, prompt.render_sample(), strict=True):
        assert rendered.strip()
        for var in variant.variables:
            assert str(prompt.sample[var]) in rendered


@pytest.mark.parametrize("name", prompt_names())
def test_missing_variable_raises(name: str) -> None:
    prompt = load_prompt(name)
    for variant in prompt.variants:
        for var in variant.variables:
            partial = {k: v for k, v in prompt.sample.items() if k != var}
            with pytest.raises(PromptError, match=var):
                variant.render(partial)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return tmp_path


GOOD = """---
name: t/greet
description: test
input_variables: [who]
sample: {who: Ann}
---
Hello {who}, here is {{"json": true}}.
---
Still the same body.
"""


def test_plain_prompt_renders_and_keeps_separator_lines(tmp_path: Path) -> None:
    root = _write(tmp_path, "t/greet", GOOD)
    prompt = load_prompt("t/greet", root)
    assert not prompt.is_set
    out = prompt.render(who="Bo")
    assert out.startswith('Hello Bo, here is {"json": true}.')
    assert "Still the same body." in out
    with pytest.raises(PromptError, match="who"):
        prompt.render()


def test_variant_set_splits_on_separator_and_picks_deterministically(tmp_path: Path) -> None:
    text = GOOD.replace("sample: {who: Ann}", "sample: {who: Ann}\nvariants: true")
    root = _write(tmp_path, "t/greet", text)
    variants = load_variants("t/greet", root)
    assert len(variants) == 2
    assert variants[1].variables == frozenset()
    prompt = load_prompt("t/greet", root)
    with pytest.raises(PromptError, match="variant set"):
        prompt.render(who="x")
    picks = {prompt.pick(f"seed {i}").text for i in range(40)}
    assert picks == {v.text for v in variants}
    assert prompt.pick("same") == prompt.pick("same")
    assert stable_index("abc", 7) == stable_index("abc", 7)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter", "front matter"),
        ("---\nname: t/x\n---\nbody", "lacks"),
        (GOOD.replace("name: t/greet", "name: other"), "file name"),
        (GOOD.replace("[who]", "[]"), "not in input_variables"),
        (
            GOOD.replace("[who]", "[who, extra]").replace("{who: Ann}", "{who: A, extra: B}"),
            "never used",
        ),
        (GOOD.replace("{who: Ann}", "{}"), "sample lacks"),
        (GOOD.replace("Hello {who}", "Hello {who.name}"), "plain name"),
        (GOOD.replace("Hello {who}", "Hello {who"), "placeholder syntax"),
        ("---\n[1, 2]\n---\nbody", "mapping"),
    ],
)
def test_bad_files_fail_with_clear_errors(tmp_path: Path, text: str, message: str) -> None:
    name = "t/greet"
    root = _write(tmp_path, name, text)
    with pytest.raises(PromptError, match=message):
        load_prompt(name, root)


def test_unknown_and_unsafe_names(tmp_path: Path) -> None:
    with pytest.raises(PromptError, match="no prompt named"):
        load_prompt("nope/missing", tmp_path)
    with pytest.raises(PromptError, match="bad prompt name"):
        load_prompt("../etc/passwd", tmp_path)


@pytest.mark.parametrize(
    "name", [n for n in prompt_names() if not load_prompt(n).is_set], ids=lambda n: n
)
def test_plain_prompts_load_into_chat_prompt_templates_and_render_the_same(name: str) -> None:
    prompt = load_prompt(name)
    messages = prompt.chat_prompt("human").invoke(prompt.sample).to_messages()
    assert len(messages) == 1 and messages[0].content == prompt.render(prompt.sample)
