"""Prompt and template files under `prompts/`, loaded by name and rendered strictly.

A prompt file is Markdown with YAML front matter (see `prompts/README.md`). Bodies use
`str.format` placeholders (`{client_name}`; literal braces are `{{` and `}}`), the same
syntax as LangChain's f-string templates, so a body can also go straight into a
`ChatPromptTemplate`. Rendering fails loudly on a missing variable instead of sending a
prompt with a hole in it. A file with `variants: true` is a template *set*: its body is
several alternative phrasings separated by lines of `---`, used to vary output.
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from langchain_core.prompts import ChatPromptTemplate

PROMPT_SUFFIX = ".md"
DOC_FILENAMES = frozenset({"README.md"})
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_VARIANT_SEPARATOR = re.compile(r"^---[ \t]*$", re.MULTILINE)
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_REQUIRED_KEYS = ("name", "description", "input_variables", "sample")


class PromptError(ValueError):
    """A prompt file that cannot be loaded, or a render with a missing variable."""


@dataclass(frozen=True)
class Template:
    """One body (or one variant of a set) with the placeholders it uses."""

    source: str
    text: str
    variables: frozenset[str]

    def render(self, values: Mapping[str, object] | None = None, **kwargs: object) -> str:
        """Fill the placeholders; extra values are ignored, a missing one raises."""
        merged = {**(values or {}), **kwargs}
        missing = sorted(self.variables - merged.keys())
        if missing:
            raise PromptError(f"{self.source}: missing variable(s): {', '.join(missing)}")
        return self.text.format_map(merged)


@dataclass(frozen=True)
class Prompt:
    """A loaded prompt file: front matter plus one body or a set of variants."""

    name: str
    description: str
    input_variables: tuple[str, ...]
    sample: dict[str, Any]
    variants: tuple[Template, ...]
    path: Path
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def is_set(self) -> bool:
        return len(self.variants) > 1 or bool(self.meta.get("variants"))

    @property
    def template(self) -> Template:
        """The single body of a plain prompt (a set has no single body)."""
        if self.is_set:
            raise PromptError(f"{self.name}: is a variant set; use pick() or load_variants()")
        return self.variants[0]

    def render(self, values: Mapping[str, object] | None = None, **kwargs: object) -> str:
        return self.template.render(values, **kwargs)

    def chat_prompt(self, role: str = "system") -> ChatPromptTemplate:
        """The body as a LangChain `ChatPromptTemplate` of one message: the same f-string
        syntax, so chains built from it render exactly what `render` does. (Imported here:
        the checker loads prompts too and should not pay for LangChain.)"""
        from langchain_core.prompts import ChatPromptTemplate

        return ChatPromptTemplate.from_messages([(role, self.template.text)])

    def pick(self, seed: int | str) -> Template:
        """A variant chosen deterministically from a seed (an int or any string)."""
        return self.variants[stable_index(seed, len(self.variants))]

    def render_sample(self) -> list[str]:
        """Every variant rendered with the file's own sample values."""
        return [v.render(self.sample) for v in self.variants]


def stable_index(seed: int | str, n: int) -> int:
    """An index in range(n) that is the same on every run (unlike `hash()` on strings)."""
    if isinstance(seed, str):
        seed = int.from_bytes(hashlib.blake2b(seed.encode(), digest_size=8).digest(), "big")
    return seed % n


def prompts_dir() -> Path:
    from coach.settings import get_settings

    return Path(get_settings().coach_prompts_dir)


def load_prompt(name: str, directory: Path | None = None) -> Prompt:
    """Load `prompts/<name>.md`, e.g. `load_prompt("rewrite/openers")`."""
    return _load(name, (directory or prompts_dir()).resolve())


def load_variants(name: str, directory: Path | None = None) -> tuple[Template, ...]:
    """All alternative phrasings of a template set (a plain prompt gives one)."""
    return load_prompt(name, directory).variants


def render_prompt(name: str, values: Mapping[str, object] | None = None, **kwargs: object) -> str:
    return load_prompt(name).render(values, **kwargs)


def prompt_names(directory: Path | None = None) -> list[str]:
    """Names of every prompt file under the directory, sorted."""
    root = (directory or prompts_dir()).resolve()
    return sorted(
        p.relative_to(root).with_suffix("").as_posix()
        for p in root.rglob(f"*{PROMPT_SUFFIX}")
        if p.name not in DOC_FILENAMES
    )


def clear_cache() -> None:
    """Forget loaded files (after editing prompts in a running process, or in tests)."""
    _load.cache_clear()


@lru_cache(maxsize=256)
def _load(name: str, root: Path) -> Prompt:
    if not name or name.startswith("/") or ".." in Path(name).parts:
        raise PromptError(f"bad prompt name: {name!r}")
    path = root / f"{name}{PROMPT_SUFFIX}"
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PromptError(f"no prompt named {name!r} (looked for {path})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PromptError(f"{path}: cannot read: {exc}") from exc
    return parse_prompt(raw, name=name, path=path)


def parse_prompt(raw: str, name: str, path: Path) -> Prompt:
    """Parse and validate one file's text (front matter, placeholders, sample)."""
    m = _FRONT_MATTER.match(raw.replace("\r\n", "\n"))
    if not m:
        raise PromptError(f"{path}: must start with YAML front matter between '---' lines")
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        raise PromptError(f"{path}: bad front matter: {exc}") from exc
    if not isinstance(meta, dict):
        raise PromptError(f"{path}: front matter must be a mapping")
    missing_keys = [k for k in _REQUIRED_KEYS if k not in meta]
    if missing_keys:
        raise PromptError(f"{path}: front matter lacks {', '.join(missing_keys)}")
    if meta["name"] != name:
        raise PromptError(f"{path}: front matter name {meta['name']!r} != file name {name!r}")
    declared = meta["input_variables"] or []
    sample = meta["sample"] or {}
    if not isinstance(declared, list) or not all(
        isinstance(v, str) and _IDENTIFIER.match(v) for v in declared
    ):
        raise PromptError(f"{path}: input_variables must be a list of identifiers")
    if not isinstance(sample, dict):
        raise PromptError(f"{path}: sample must be a mapping of variable to value")
    unsampled = sorted(set(declared) - sample.keys())
    if unsampled:
        raise PromptError(f"{path}: sample lacks {', '.join(unsampled)}")

    body = raw.replace("\r\n", "\n")[m.end() :]
    chunks = _VARIANT_SEPARATOR.split(body) if meta.get("variants") else [body]
    variants = tuple(
        _template(f"{name}#{i}" if len(chunks) > 1 else name, chunk.strip("\n"), path)
        for i, chunk in enumerate(chunks)
    )
    if any(not v.text.strip() for v in variants):
        raise PromptError(f"{path}: empty body or empty variant")
    used = frozenset().union(*(v.variables for v in variants))
    undeclared = sorted(used - set(declared))
    if undeclared:
        raise PromptError(f"{path}: placeholders not in input_variables: {', '.join(undeclared)}")
    unused = sorted(set(declared) - used)
    if unused:
        raise PromptError(f"{path}: input_variables never used: {', '.join(unused)}")
    extra = {k: v for k, v in meta.items() if k not in _REQUIRED_KEYS}
    return Prompt(
        name=name,
        description=str(meta["description"]),
        input_variables=tuple(declared),
        sample=dict(sample),
        variants=variants,
        path=path,
        meta=extra,
    )


def _template(source: str, text: str, path: Path) -> Template:
    names: set[str] = set()
    try:
        for _, field_name, spec, _ in string.Formatter().parse(text):
            if field_name is None:
                continue
            if not _IDENTIFIER.match(field_name) or (spec and "{" in spec):
                raise PromptError(
                    f"{path}: placeholder {{{field_name}}} must be a plain name "
                    "(write literal braces as {{ and }})"
                )
            names.add(field_name)
    except ValueError as exc:
        if isinstance(exc, PromptError):
            raise
        raise PromptError(
            f"{path}: bad placeholder syntax: {exc} (literal braces: {{{{ }}}})"
        ) from exc
    return Template(source=source, text=text, variables=frozenset(names))
