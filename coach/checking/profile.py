"""Rule profiles, like a prose linter's config: switch rules on or off, set severities, and
add company rules (phrases required or forbidden) without touching code."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, field_validator

from coach.checking.rules.base import Rule
from coach.text import Sentence
from coach.types import Hit, Severity
from coach.yaml_files import YamlError, load_yaml


class ProfileError(ValueError):
    """A profile file that cannot be used; the message names the file and the field."""


class RuleSetting(BaseModel):
    enabled: bool = True
    severity: Severity | None = None


class CustomRule(BaseModel):
    """A company rule: phrases that must appear (`require`) or must not (`forbid`)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]{1,40}$")
    title: str
    message: str
    forbid: list[str] = Field(default_factory=list)
    require: list[str] = Field(default_factory=list)
    severity: Severity = Severity.WARNING
    why: str = "Company policy."
    suggestion: str = ""
    should_pass: list[str] = Field(default_factory=list)
    should_fail: list[str] = Field(default_factory=list)

    @field_validator("forbid", "require")
    @classmethod
    def _non_empty_phrases(cls, phrases: list[str]) -> list[str]:
        if any(not p.strip() for p in phrases):
            raise ValueError("phrases must not be empty")
        return phrases

    def to_rule(self) -> Rule:
        if bool(self.forbid) == bool(self.require):
            raise ValueError(f"custom rule {self.id!r} needs either 'forbid' or 'require'")
        phrases = self.forbid or self.require
        pattern = re.compile(
            r"\b(?:" + "|".join(_phrase_pattern(p) for p in phrases) + r")\b", re.IGNORECASE
        )

        def detector(sentence: Sentence) -> list[Hit]:
            return [Hit(m.start(), m.end()) for m in pattern.finditer(sentence.masked)]

        return Rule(
            id=self.id,
            title=self.title,
            why=self.why,
            kind="forbidden" if self.forbid else "required",
            severity=self.severity,
            detector=detector,
            message=self.message,
            suggestion=self.suggestion or self.message,
            should_pass=tuple(self.should_pass),
            should_fail=tuple(self.should_fail),
        )


def _phrase_pattern(phrase: str) -> str:
    """Words of a phrase in order, with any run of whitespace between them."""
    return r"\s+".join(re.escape(w) for w in phrase.split())


class Profile(BaseModel):
    """Which rules run and how loudly; `custom` adds company rules."""

    name: str = "default"
    rules: dict[str, RuleSetting] = Field(default_factory=dict)
    custom: list[CustomRule] = Field(default_factory=list)
    kind: Literal["profile"] = "profile"

    def active_rules(self) -> list[Rule]:
        return _active_rules(self.model_dump_json())

    def __hash__(self) -> int:
        return hash(self.model_dump_json())


@lru_cache(maxsize=32)
def _active_rules(profile_json: str) -> list[Rule]:
    from coach.checking.rules import BUILTIN_RULES

    profile = Profile.model_validate_json(profile_json)
    unknown = set(profile.rules) - {r.id for r in BUILTIN_RULES}
    if unknown:
        raise ProfileError(f"unknown rule id(s) in profile: {', '.join(sorted(unknown))}")
    active: list[Rule] = []
    for rule in BUILTIN_RULES:
        setting = profile.rules.get(rule.id, RuleSetting())
        if setting.enabled:
            active.append(replace(rule, severity=setting.severity or rule.severity))
    active.extend(c.to_rule() for c in profile.custom)
    return active


def default_profile() -> Profile:
    """The company profile named by COACH_PROFILE when set, else every rule at its default."""
    from coach.settings import get_settings

    path = get_settings().coach_profile
    return _profile_at(str(path)) if path else Profile()


@lru_cache(maxsize=8)
def _profile_at(path: str) -> Profile:
    return load_profile(path)


def load_profile(path: str | Path) -> Profile:
    """Load a YAML (or JSON) profile; errors name the file and the offending field."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: cannot read profile: {exc}") from exc
    try:
        raw = load_yaml(text, str(path)) or {}
    except YamlError as exc:
        raise ProfileError(str(exc)) from None
    try:
        profile = Profile.model_validate(raw)
        profile.active_rules()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ProfileError(f"{path}: {where}: {first['msg']}") from exc
    except ValueError as exc:
        raise ProfileError(f"{path}: {exc}") from exc
    return profile
