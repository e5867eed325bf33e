"""Sentences → rules → findings, then the message-level verdict: which steps are missing
and a 0–100 score in which an attack costs more than a missing step."""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.checking.model import MODEL_NOTE
from coach.checking.profile import Profile, default_profile
from coach.checking.rules import BUILTIN_IDS
from coach.checking.rules.base import Finding, FindingKind, Rule, Severity
from coach.text import Sentence, split_sentences

FIRST_ATTACK_PENALTY = 30
FURTHER_ATTACK_PENALTY = 15
CUSTOM_PENALTY = 10


@dataclass(frozen=True)
class SentenceReview:
    sentence: Sentence
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Review:
    """Everything the checker concluded about one draft."""

    text: str
    sentences: tuple[SentenceReview, ...]
    findings: tuple[Finding, ...]
    detected: dict[str, bool]
    missing: tuple[str, ...]
    score: int
    rules: dict[str, Rule] = field(repr=False, default_factory=dict)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == "violation"]

    @property
    def attacks(self) -> list[Finding]:
        return [f for f in self.findings if f.rule_id == "personal_attack"]

    @property
    def has_errors(self) -> bool:
        return any(
            f.severity is Severity.ERROR and f.kind in ("violation", "missing")
            for f in self.findings
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "detected": dict(self.detected),
            "missing": list(self.missing),
            "score": self.score,
            "findings": [f.to_dict(self.text) for f in self.findings],
            "sentences": [
                {
                    "text": s.sentence.text,
                    "span": [s.sentence.start, s.sentence.end],
                    "findings": [f.to_dict(self.text) for f in s.findings],
                }
                for s in self.sentences
            ],
        }


def _sentence_findings(rule: Rule, sentence: Sentence) -> list[Finding]:
    out = []
    for hit in rule.detect(sentence):
        kind: FindingKind = "present" if rule.kind in ("step", "required") else "violation"
        out.append(
            Finding(
                rule_id=rule.id,
                message=_message(rule, kind, hit.learned),
                span=(sentence.start + hit.start, sentence.start + hit.end),
                severity=rule.severity,
                kind=kind,
                replacements=hit.replacements,
                learned=hit.learned,
            )
        )
    return out


def _message(rule: Rule, kind: FindingKind, learned: bool) -> str:
    text = rule.message if kind == "violation" else rule.title
    return f"{text} ({MODEL_NOTE})" if learned else text


def check(text: str, profile: Profile | None = None) -> Review:
    """Check a draft. Never raises: any string, even empty, gets a review."""
    profile = profile or default_profile()
    rules = profile.active_rules()
    sentences = split_sentences(text)
    per_sentence: list[SentenceReview] = []
    found_ids: set[str] = set()
    all_findings: list[Finding] = []
    for sentence in sentences:
        findings: list[Finding] = []
        for rule in rules:
            findings.extend(_sentence_findings(rule, sentence))
        found_ids.update(f.rule_id for f in findings)
        per_sentence.append(SentenceReview(sentence, tuple(findings)))
        all_findings.extend(findings)

    missing: list[str] = []
    for rule in rules:
        if rule.kind in ("step", "required") and rule.id not in found_ids:
            missing.append(rule.id)
            all_findings.append(Finding(rule.id, rule.suggestion, None, rule.severity, "missing"))
    detected = {rid: rid in found_ids for rid in BUILTIN_IDS}
    return Review(
        text=text,
        sentences=tuple(per_sentence),
        findings=tuple(all_findings),
        detected=detected,
        missing=tuple(missing),
        score=_score(rules, found_ids, all_findings, per_sentence),
        rules={r.id: r for r in rules},
    )


def _score(
    rules: list[Rule],
    found_ids: set[str],
    findings: list[Finding],
    sentences: list[SentenceReview],
) -> int:
    steps = [r for r in rules if r.kind == "step"]
    points = 100 * sum(r.id in found_ids for r in steps) / len(steps) if steps else 100.0
    attacked = sum(any(f.rule_id == "personal_attack" for f in s.findings) for s in sentences)
    if attacked:
        points -= FIRST_ATTACK_PENALTY + FURTHER_ATTACK_PENALTY * (attacked - 1)
    custom = [
        f for f in findings if f.rule_id not in BUILTIN_IDS and f.kind in ("violation", "missing")
    ]
    points -= CUSTOM_PENALTY * len(custom)
    return max(0, min(100, round(points)))
