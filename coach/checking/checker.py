"""Text → structure → sentences → rules → findings, then the verdict: steps present or
missing and a 0–100 score in which an attack costs more than a missing step.

Two modes. A `message` (an email, a letter, a whole call) is judged as a whole: the five
steps belong somewhere in it. A `line` of a call is judged for what it does (an attack, a
step taken); a good greeting is not "missing four steps" — the call keeps the steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from coach.checking.model import MODEL_NOTE, Context, decide, probabilities
from coach.checking.profile import Profile, default_profile
from coach.checking.rules import BUILTIN_IDS, STEP_IDS
from coach.checking.rules.base import Rule
from coach.text.language import detect_language
from coach.text.placeholders import mask_slots, slot_spans
from coach.text.sentences import Sentence, mask_quotes, split_sentences
from coach.text.structure import Structure, parse
from coach.types import Finding, FindingKind, Severity

FIRST_ATTACK_PENALTY = 30
# A call line starts at 100 (it is judged for what it does), so an attack must cost most of
# that: a line that judges the person can never look like a good line.
LINE_ATTACK_PENALTY = 70
FURTHER_ATTACK_PENALTY = 15
CUSTOM_PENALTY = 10
Mode = Literal["message", "line"]


@dataclass(frozen=True)
class SentenceReview:
    sentence: Sentence
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Review:
    """Everything the checker concluded about one draft.

    `score` is None when the text is not English: the checks cannot read it, so they give
    no verdict (`language_notice` says so)."""

    text: str
    sentences: tuple[SentenceReview, ...]
    findings: tuple[Finding, ...]
    detected: dict[str, bool]
    missing: tuple[str, ...]
    score: int | None
    rules: dict[str, Rule] = field(repr=False, default_factory=dict)
    mode: Mode = "message"
    language_notice: str = ""
    structure: Structure | None = field(repr=False, default=None)
    placeholders: tuple[tuple[int, int], ...] = ()

    @property
    def english(self) -> bool:
        return not self.language_notice

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == "violation"]

    @property
    def attacks(self) -> list[Finding]:
        return [f for f in self.findings if f.rule_id == "personal_attack"]

    @property
    def found(self) -> frozenset[str]:
        """Every rule the review detected, steps and attacks alike."""
        return frozenset(r for r, on in self.detected.items() if on)

    @property
    def steps_present(self) -> tuple[str, ...]:
        return tuple(r for r in STEP_IDS if self.detected.get(r))

    @property
    def has_errors(self) -> bool:
        return any(
            f.severity is Severity.ERROR and f.kind in ("violation", "missing")
            for f in self.findings
        )

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "text": self.text,
            "mode": self.mode,
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
            "placeholders": [
                {"span": list(span), "text": self.text[span[0] : span[1]]}
                for span in self.placeholders
            ],
        }
        if self.language_notice:
            out["language_notice"] = self.language_notice
        if self.structure is not None:
            out["parts"] = [
                {"kind": p.kind, "span": [p.start, p.end]} for p in self.structure.parts
            ]
        return out


def _sentence_findings(
    rule: Rule, sentence: Sentence, p: dict[str, float], context: Context
) -> list[Finding]:
    """The rule's findings in one sentence: its phrase hits if the model lets them stand,
    the whole sentence if the model alone reads the rule there, else none."""
    evidence = rule.evidence(sentence)
    words = len(sentence.text.split())
    verdict = (
        decide(rule.id, evidence, p.get(rule.id), context, words)
        if not rule.detector
        else ("phrase" if evidence.hits else None)
    )
    kind: FindingKind = "present" if rule.kind in ("step", "required") else "violation"
    if verdict == "model":
        return [_finding(rule, kind, (sentence.start, sentence.end), "model")]
    if verdict != "phrase":
        return []
    return [
        _finding(rule, kind, (sentence.start + h.start, sentence.start + h.end), h.check)
        for h in evidence.hits
    ]


def _finding(rule: Rule, kind: FindingKind, span: tuple[int, int], check: str) -> Finding:
    learned = check == "model"
    if kind == "violation":
        message = rule.message
    else:
        message = rule.title if learned or not check else f"{rule.title}: {rule.explain(check)}"
    return Finding(
        rule_id=rule.id,
        message=f"{message} ({MODEL_NOTE})" if learned else message,
        span=span,
        severity=rule.severity,
        kind=kind,
        learned=learned,
        check=check,
    )


def sentences_of(text: str) -> tuple[Structure, list[Sentence]]:
    """The body sentences of a message: unwrapped, quotations and template slots masked,
    with offsets into `text`."""
    structure = parse(text)
    reading = structure.reading
    return structure, split_sentences(reading, mask_slots(mask_quotes(reading)))


LETTER_SENTENCES = 4
KIND_WORDS = ("goodwill", "apology", "appreciation")  # offer, regret or thanks, by a phrase


def _without_unfounded_attack(findings: list[Finding]) -> list[Finding]:
    """A sentence in which a phrase check reads the writer's own offer, regret or thanks
    ("so I am issuing a refund", "we're grateful") is not called an attack on the model's
    word alone; an attack a phrase check finds ("here's your refund, now take your tantrums
    elsewhere", "thanks for nothing") stands."""
    kind = any(f.rule_id in KIND_WORDS and not f.learned for f in findings)
    if not kind:
        return findings
    return [f for f in findings if not (f.rule_id == "personal_attack" and f.learned)]


def _context(mode: Mode, structure: Structure, sentences: list[Sentence]) -> Context:
    """Which thresholds apply: a letter's (a salutation, sign-off or signature, or several
    sentences: a weak signal gets many chances) or a line's (a call turn, a short note)."""
    if mode == "message" and (structure.is_letter or len(sentences) >= LETTER_SENTENCES):
        return "message"
    return "line"


def check(
    text: str, profile: Profile | None = None, mode: Mode = "message", learned: bool = True
) -> Review:
    """Check a draft. Never raises: any string, even empty, gets a review.

    `learned=False` leaves the decision to the phrase checks alone (`coach eval --no-model`)."""
    profile = profile or default_profile()
    rules = profile.active_rules()
    language = detect_language(text)
    if not language.english:
        return Review(
            text=text,
            sentences=(),
            findings=(),
            detected=dict.fromkeys(BUILTIN_IDS, False),
            missing=(),
            score=None,
            rules={r.id: r for r in rules},
            mode=mode,
            language_notice=language.message,
        )
    structure, sentences = sentences_of(text)
    context = _context(mode, structure, sentences)
    per_sentence: list[SentenceReview] = []
    found_ids: set[str] = set()
    all_findings: list[Finding] = []
    for sentence in sentences:
        findings: list[Finding] = []
        p = probabilities(sentence.masked) if learned else {}
        for rule in rules:
            findings.extend(_sentence_findings(rule, sentence, p, context))
        findings = _without_unfounded_attack(findings)
        found_ids.update(f.rule_id for f in findings)
        per_sentence.append(SentenceReview(sentence, tuple(findings)))
        all_findings.extend(findings)

    missing: list[str] = []
    for rule in rules:
        wanted = rule.kind == "required" or (rule.kind == "step" and mode == "message")
        if wanted and rule.id not in found_ids:
            missing.append(rule.id)
            all_findings.append(Finding(rule.id, rule.suggestion, None, rule.severity, "missing"))
    return Review(
        text=text,
        sentences=tuple(per_sentence),
        findings=tuple(all_findings),
        detected={rid: rid in found_ids for rid in BUILTIN_IDS},
        missing=tuple(missing),
        score=_score(rules, found_ids, all_findings, per_sentence, mode),
        rules={r.id: r for r in rules},
        mode=mode,
        structure=structure,
        placeholders=tuple(slot_spans(text)),
    )


def _score(
    rules: list[Rule],
    found_ids: set[str],
    findings: list[Finding],
    sentences: list[SentenceReview],
    mode: Mode,
) -> int:
    steps = [r for r in rules if r.kind == "step"]
    if mode == "line" or not steps:
        points = 100.0
    else:
        points = 100 * sum(r.id in found_ids for r in steps) / len(steps)
    attacked = sum(any(f.rule_id == "personal_attack" for f in s.findings) for s in sentences)
    if attacked:
        first = LINE_ATTACK_PENALTY if mode == "line" else FIRST_ATTACK_PENALTY
        points -= first + FURTHER_ATTACK_PENALTY * (attacked - 1)
    custom = [
        f for f in findings if f.rule_id not in BUILTIN_IDS and f.kind in ("violation", "missing")
    ]
    points -= CUSTOM_PENALTY * len(custom)
    return max(0, min(100, round(points)))
