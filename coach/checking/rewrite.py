"""Offline, fact-preserving rewrite of a draft, driven by the checker's review.

Sentences that judge the person are dropped, and the facts they carried come back as a
neutral restatement; the other sentences stay as written. Each missing step is supplied
from a template set under `prompts/rewrite/`, with a marked placeholder (`[refund amount]`)
wherever the draft does not give the fact: the rewriter never invents one. Greeting and
sign-off lines stay where they were. The same draft always gives the same rewrite.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass

from coach.checking.checker import Review, SentenceReview, check
from coach.checking.facts import Fact, extract_facts, join_facts
from coach.checking.profile import Profile
from coach.prompts import load_prompt

ATTACK = "personal_attack"
# Where each missing step goes: before the kept body (opening) or after it (closing).
OPENING_STEPS = ("appreciation", "documented_facts")
CLOSING_STEPS = ("goodwill", "apology", "alternatives")
STEP_TEMPLATES = {
    "appreciation": "rewrite/openers",
    "documented_facts": "rewrite/framing",
    "goodwill": "rewrite/goodwill",
    "apology": "rewrite/apology",
    "alternatives": "rewrite/alternatives",
}
PLACEHOLDERS = {
    "incidents": "[the documented incidents: dates, tickets, invoices]",
    "refund": "[refund amount]",
    "provider": "[name of another provider]",
    "other_provider": "[name of a second provider]",
}
MAX_PASSES = 4
# Where a clause may end: a comma, semicolon, colon or dash (then maybe a conjunction).
_CLAUSE_BREAK = re.compile(r"\s*[,;:—–]\s*|\s+-\s+")
_DANGLING = re.compile(
    r"(?:[\s,;:—–-]+(?:and|but|so|or|then|frankly|honestly|because|which))*[\s,;:—–-]*$",
    re.IGNORECASE,
)

_GREETING = re.compile(
    r"^(?:dear|hi|hello|hey|good (?:morning|afternoon|evening)|greetings|to whom)\b[^\n]{0,60}$",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^(?:(?:best|kind|warm|warmest|with)?\s?regards|best(?: wishes)?|sincerely|yours"
    r"(?: sincerely| truly| faithfully)?|cheers|many thanks|thanks|thank you|all the best"
    r"|respectfully|take care)[,.!]?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Rewrite:
    """The suggested text and what the rewriter did to get there."""

    original: str
    text: str
    placeholders: tuple[str, ...]
    kept: tuple[str, ...]
    dropped: tuple[str, ...]
    added_steps: tuple[str, ...]
    facts: tuple[Fact, ...]

    @property
    def facts_preserved(self) -> bool:
        return all(f.text in self.text for f in self.facts)

    def diff(self) -> str:
        return unified_diff(self.original, self.text)

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "placeholders": list(self.placeholders),
            "kept": list(self.kept),
            "dropped": list(self.dropped),
            "added_steps": list(self.added_steps),
            "facts": [
                {"kind": f.kind, "text": f.text, "span": [f.start, f.end]} for f in self.facts
            ],
            "facts_preserved": self.facts_preserved,
        }


def unified_diff(before: str, after: str) -> str:
    """A unified diff of two texts, line by line, for showing a rewrite."""
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile="draft",
            tofile="rewrite",
        )
    )


def text_seed(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def rewrite(
    text: str,
    review: Review | None = None,
    profile: Profile | None = None,
    seed: str | int | None = None,
) -> Rewrite:
    """Rewrite a draft; never raises on any string."""
    review = review or check(text, profile)
    seed = text_seed(text) if seed is None else seed
    facts = tuple(extract_facts(text))
    head, body_start, body_end, tail = _frame(text)

    dropped: list[str] = []
    kept: list[str] = []
    pieces: list[str] = []
    cursor = body_start
    for sr in review.sentences:
        s = sr.sentence
        if s.end <= body_start or s.start >= body_end:
            continue
        if _is_attack(sr):
            dropped.append(s.text)
            replacement = _neutralise(sr, seed, profile)
            pieces.append(text[cursor : s.start] + replacement)
            cursor = _after(text, s.end, replacement)
        else:
            kept.append(s.text)
    pieces.append(text[cursor:body_end])
    body = _tidy("".join(pieces))

    added = [step for step in STEP_TEMPLATES if step in review.missing]
    if review.mode == "line" and dropped and not body.strip():
        added = ["documented_facts"]  # a line that was only an attack: frame the situation
    opening = _steps(added, OPENING_STEPS, seed)
    closing = _steps(added, CLOSING_STEPS, seed)
    out = _join([head, opening, body, closing, tail])
    out = _restore_lost(out, facts, tail, seed)
    out, more_dropped = _remove_attacks(out, seed, profile)
    dropped.extend(more_dropped)
    if text.endswith("\n"):
        out += "\n"
    placeholders = tuple(p for p in PLACEHOLDERS.values() if p in out)
    return Rewrite(
        original=text,
        text=out,
        placeholders=placeholders,
        kept=tuple(kept),
        dropped=tuple(dropped),
        added_steps=tuple(added),
        facts=facts,
    )


def _is_attack(sr: SentenceReview) -> bool:
    return any(f.rule_id == ATTACK for f in sr.findings)


def _frame(text: str) -> tuple[str, int, int, str]:
    """Split off a greeting line at the top and a sign-off block at the bottom."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    head_end = 0
    if first is not None and _GREETING.match(lines[first].strip()):
        head_end = offsets[first + 1]
    tail_start = len(text)
    non_empty = [i for i, line in enumerate(lines) if line.strip()]
    for i in reversed(non_empty[-4:]):
        if offsets[i] < head_end:
            break
        if _SIGN_OFF.match(lines[i].strip()):
            tail_start = offsets[i]
            break
    return text[:head_end].strip(), head_end, tail_start, text[tail_start:].strip()


def _neutralise(sr: SentenceReview, seed: str | int, profile: Profile | None) -> str:
    """The attack-free opening clauses of a sentence if they stand alone ("You have called
    23 times since 4 March, and frankly you are impossible" → the first clause), plus a
    neutral restatement of any fact they do not carry; else a restatement of all its facts."""
    s = sr.sentence
    first_hit = min(
        (f.span[0] - s.start for f in sr.findings if f.rule_id == ATTACK and f.span),
        default=0,
    )
    boundaries = [m.start() for m in _CLAUSE_BREAK.finditer(s.text, 0, first_hit)]
    lead = _DANGLING.sub("", s.text[: boundaries[-1]]) if boundaries else ""
    if len(lead.split()) >= 4 and not _is_attack_text(lead, profile):
        lead += "."
        rest = [f.text for f in extract_facts(s.text) if f.text not in lead]
        return f"{lead} {_restatement(rest, seed, s.text)}".strip()
    return _restatement([f.text for f in extract_facts(s.text)], seed, s.text)


def _is_attack_text(text: str, profile: Profile | None) -> bool:
    return check(text, profile).detected[ATTACK]


def _restatement(facts: list[str], seed: str | int, key: str) -> str:
    if not facts:
        return ""
    template = load_prompt("rewrite/restate").pick(f"{seed}:restate:{key}")
    return template.render(facts=join_facts(facts))


def _steps(added: list[str], where: tuple[str, ...], seed: str | int) -> str:
    return " ".join(
        load_prompt(STEP_TEMPLATES[step]).pick(f"{seed}:{step}").render(PLACEHOLDERS)
        for step in where
        if step in added
    )


def _after(text: str, end: int, replacement: str) -> int:
    """Where to resume after a removed sentence: past its trailing spaces if it left none."""
    if replacement:
        return end
    while end < len(text) and text[end] in " \t":
        end += 1
    return end


def _tidy(body: str) -> str:
    body = re.sub(r"[ \t]+\n", "\n", body)
    return re.sub(r"\n{3,}", "\n\n", body).strip()


def _join(parts: list[str]) -> str:
    return "\n\n".join(p for p in parts if p)


def _remove_attacks(text: str, seed: str | int, profile: Profile | None) -> tuple[str, list[str]]:
    """Re-check the result; drop any sentence still read as an attack, keeping its facts."""
    dropped: list[str] = []
    for attempt in range(MAX_PASSES):
        review = check(text, profile)
        bad = [
            sr.sentence for sr in review.sentences if any(f.rule_id == ATTACK for f in sr.findings)
        ]
        if not bad:
            break
        last_try = attempt == MAX_PASSES - 1
        for s in reversed(bad):
            dropped.append(s.text)
            facts = [f.text for f in extract_facts(s.text)]
            replacement = "" if last_try else _restatement(facts, f"{seed}:{attempt}", s.text)
            text = text[: s.start] + replacement + text[_after(text, s.end, replacement) :]
        text = _tidy(text)
    return text, dropped


def _restore_lost(text: str, facts: tuple[Fact, ...], tail: str, seed: str | int) -> str:
    """Restate, before the sign-off, any fact the edits lost (e.g. one split by a line)."""
    lost = list(dict.fromkeys(f.text for f in facts if f.text not in text))
    if not lost:
        return text
    restated = load_prompt("rewrite/restate").pick(f"{seed}:lost").render(facts=join_facts(lost))
    if tail and text.endswith(tail):
        return _join([text[: len(text) - len(tail)].rstrip(), restated, tail])
    return _join([text, restated])
