"""The offline rewrite: edit the draft in place, invent nothing, use the record, verify.

- In place, by structure: only body sentences change. A sentence that judges the person
  loses the clauses that do it ("You have called 23 times since 4 March, and frankly you
  are impossible" keeps its first clause); if nothing factual stands alone, it goes, and
  any facts it carried stay word for word inside a placeholder the writer must turn into
  a neutral description. Nothing is added above the salutation or below the signature.
- Invent nothing: appreciation (after the salutation) and regret (before the sign-off)
  are added in the writer's register because they commit the writer to nothing. Facts,
  goodwill and alternatives are the writer's decisions: they come back as suggestions —
  drawn from the record when there is one, else with a [placeholder] — never asserted.
  A goodwill suggestion fits the situation: a client who owes money is not offered a refund.
- Use the record: a detail the draft misstates is corrected to the record's value.
- Verify: the result is checked again (no attack left), and its facts are compared with
  the draft's both ways (every fact kept or deliberately corrected, none invented).

A call line stays a line: it is cleaned and corrected, gains at most one sentence, and its
suggestion is the next step the call has not taken.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import textwrap
from dataclasses import dataclass, field, replace
from typing import Literal

from coach.checking.checker import Review, SentenceReview, check
from coach.checking.facts import Fact, extract_facts, join_facts
from coach.checking.profile import Profile
from coach.checking.rules import RULES_BY_ID, STEP_IDS
from coach.checking.rules.personal_attack import loaded
from coach.prompts import load_prompt, load_variants
from coach.text.placeholders import slot_spans
from coach.text.structure import wrap_width
from coach.types import Correction, Record

ATTACK = "personal_attack"
Register = Literal["formal", "casual"]
Anchor = Literal["opening", "closing"]
# Where each suggested step goes: after the opening sentence, or before the sign-off.
ANCHORS: dict[str, Anchor] = {
    "documented_facts": "opening",
    "goodwill": "closing",
    "alternatives": "closing",
}
PLACEHOLDERS = {
    "incident": "[what happened, with dates, counts and invoice or ticket numbers]",
    "offer": "[a gesture you can make: refund the last month, cancel the final invoice, "
    "hand over the files at no charge]",
    "offer_owed": "[a gesture that fits: waive the late fees, hand over the files at no charge]",
    "providers": "[name of another provider]",
}
MAX_PASSES = 3
# A clause ends at a comma (not one inside "$1,840"), semicolon, colon or dash.
_CLAUSE_EDGE = re.compile(r"\s*(?:[,;:—–](?!\d)|\s-\s)\s*(?:(?:and|but|so|or|because|which)\s+)?")
_LEADING_JOINER = re.compile(r"^(?:and|but|so|or|because|which|frankly|honestly)\b[\s,]*", re.I)
_OWED = re.compile(
    r"\b(?:outstanding|unpaid|overdue|past\s+due|arrears|owe|owed|owing|balance\s+due|"
    r"(?:remains?|stays?|is|are|still|falls?|becomes?)\s+due|payable|settle|collections?|"
    r"debt)\b",
    re.IGNORECASE,
)
_CASUAL_GREETING = re.compile(r"^\s*(?:hi|hey|hiya|hello|morning|yo|g'day)\b", re.I | re.M)
_CONTRACTION = re.compile(r"\b\w+['’](?:m|re|ve|ll|d|t)\b", re.I)
_FORMAL = re.compile(r"^\s*(?:dear|to\s+whom)\b|\b(?:sincerely|faithfully|respectfully)\b", re.I)


@dataclass(frozen=True)
class Edit:
    """One change to the draft: offsets (into the draft for corrections, into the corrected
    draft for the edits after them), the new text, and why."""

    start: int
    end: int
    text: str
    why: str

    @property
    def kind(self) -> str:
        if self.start == self.end:
            return "insert"
        return "remove" if not self.text else "replace"


@dataclass(frozen=True)
class Suggestion:
    """A step the writer must decide on: the sentence to add, where it goes, and the
    options the record offers for it (empty: the sentence carries a [placeholder])."""

    step: str
    text: str
    anchor: Anchor
    options: tuple[str, ...] = ()

    @property
    def placeholders(self) -> tuple[str, ...]:
        return tuple(self.text[s:e] for s, e in slot_spans(self.text))


@dataclass(frozen=True)
class FactCheck:
    """The draft's facts against the rewrite's: kept, corrected, lost, invented."""

    kept: tuple[str, ...] = ()
    corrected: tuple[tuple[str, str], ...] = ()
    lost: tuple[str, ...] = ()
    invented: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.lost and not self.invented


@dataclass(frozen=True)
class Rewrite:
    """The suggested text, how it was reached, and whether it passed verification."""

    original: str
    text: str
    edits: tuple[Edit, ...]
    suggestions: tuple[Suggestion, ...]
    facts: FactCheck
    attacks_left: int
    register: Register
    record: Record = field(default_factory=Record, repr=False)

    @property
    def placeholders(self) -> tuple[str, ...]:
        """Template slots in the rewrite: they must be filled in before it is sent."""
        return tuple(self.text[s:e] for s, e in slot_spans(self.text))

    @property
    def facts_preserved(self) -> bool:
        return self.facts.ok

    @property
    def verified(self) -> bool:
        return self.facts.ok and not self.attacks_left

    @property
    def problems(self) -> tuple[str, ...]:
        out = [f"the fact '{f}' was lost" for f in self.facts.lost]
        out += [f"'{f}' is not in the draft or the record" for f in self.facts.invented]
        if self.attacks_left:
            out.append("a sentence still reads as a personal attack")
        return tuple(out)

    def with_suggestions(self, chosen: dict[str, str]) -> Rewrite:
        """The rewrite with the chosen suggestions added (step id → the option, or the
        suggestion's own text when there are no options), verified again."""
        text = add_suggestions(self.text, self.suggestions, chosen)
        remaining = tuple(s for s in self.suggestions if s.step not in chosen)
        allowed = self.record.incidents + self.record.goodwill + self.record.alternatives
        facts = compare_facts(self.original, text, self.record.corrections, allowed)
        return replace(self, text=text, suggestions=remaining, facts=facts)

    def diff(self) -> str:
        return unified_diff(self.original, self.text)

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "verified": self.verified,
            "problems": list(self.problems),
            "placeholders": list(self.placeholders),
            "edits": [
                {"kind": e.kind, "span": [e.start, e.end], "text": e.text, "why": e.why}
                for e in self.edits
            ],
            "suggestions": [
                {
                    "step": s.step,
                    "text": s.text,
                    "where": s.anchor,
                    "options": list(s.options),
                    "placeholders": list(s.placeholders),
                }
                for s in self.suggestions
            ],
            "facts": {
                "kept": list(self.facts.kept),
                "corrected": [list(pair) for pair in self.facts.corrected],
                "lost": list(self.facts.lost),
                "invented": list(self.facts.invented),
            },
            "facts_preserved": self.facts_preserved,
        }


def add_suggestions(text: str, suggestions: tuple[Suggestion, ...], chosen: dict[str, str]) -> str:
    """The text with the chosen suggestions put where they belong (step id → the chosen
    option, or the suggestion's own text); a refusal to recommend anyone goes when
    alternatives are added."""
    for anchor in ("closing", "opening"):
        picked = [
            _fill(s, chosen[s.step]) for s in suggestions if s.anchor == anchor and s.step in chosen
        ]
        if picked:
            text = _insert_at(text, anchor, " ".join(picked))
    if "alternatives" in chosen:
        text = _drop_refusals(text)
    return text


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
    record: Record | None = None,
    wanted: tuple[str, ...] | None = None,
) -> Rewrite:
    """Rewrite a draft; never raises on any string.

    `record` is what the writer may cite or offer (a rehearsal's scenario); `wanted` the
    steps still to take (a call's remaining steps; default: the review's missing ones)."""
    review = review or check(text, profile)
    record = record or Record()
    seed = text_seed(text) if seed is None else seed
    line = review.mode == "line"
    register = _register(text, line)
    original = text
    corrections = _corrections(record)
    if corrections:  # correct first, so a sentence that is also reworded keeps the fix
        text = _apply(text, corrections)
        review = check(text, profile, mode=review.mode)
    edits = _neutralise_attacks(review, profile)
    missing = [s for s in STEP_IDS if not review.detected.get(s)]
    if wanted is not None:
        missing = [s for s in missing if s in wanted]
    if review.english and review.sentences:
        edits += _safe_additions(review, missing, register, seed, line, edits)
    out = _tidy(_apply(text, edits))
    out, more = _remove_remaining_attacks(out, review.mode, profile)
    out = keep_wraps(text, out)
    edits = corrections + edits
    suggestions = _suggestions(missing, record, text, line)
    if line and not out.strip():
        # A line that was only a judgement: a plain statement of the situation instead,
        # if one fits in twice the line's length (else nothing: some lines are best unsaid).
        fits = [
            v.render()
            for v in load_variants("rewrite/neutral_line")
            if len(v.render()) <= 2 * len(text)
        ]
        out = fits[int(text_seed(f"{seed}:neutral"), 16) % len(fits)] if fits else ""
    allowed = record.incidents + record.goodwill + record.alternatives
    return Rewrite(
        original=original,
        text=out,
        edits=tuple(edits + more),
        suggestions=suggestions,
        facts=compare_facts(original, out, record.corrections, allowed),
        attacks_left=_attacks(out, review.mode, profile),
        register=register,
        record=record,
    )


def verify(
    original: str,
    candidate: str,
    mode: str = "message",
    profile: Profile | None = None,
    record: Record | None = None,
) -> Rewrite:
    """Any rewrite (a model's, say) checked like the offline one: attacks left, facts
    compared with the draft both ways, placeholders flagged."""
    record = record or Record()
    allowed = record.incidents + record.goodwill + record.alternatives
    return Rewrite(
        original=original,
        text=candidate,
        edits=(),
        suggestions=(),
        facts=compare_facts(original, candidate, record.corrections, allowed),
        attacks_left=_attacks(candidate, mode, profile),
        register=_register(original, mode == "line"),
        record=record,
    )


# --- attacks ---------------------------------------------------------------------------


def _neutralise_attacks(review: Review, profile: Profile | None) -> list[Edit]:
    out = []
    for sr in review.sentences:
        if any(f.rule_id == ATTACK for f in sr.findings):
            out.append(_neutralise(sr, review.mode, profile))
    return out


def _neutralise(sr: SentenceReview, mode: str, profile: Profile | None) -> Edit:
    """Keep the clauses of an attacking sentence that stand on their own; else remove it,
    keeping its facts in a placeholder for a neutral description."""
    s = sr.sentence
    hits = [
        (f.span[0] - s.start, f.span[1] - s.start)
        for f in sr.findings
        if f.span and f.rule_id == ATTACK
    ]
    facts = _fact_texts(s.text)
    kept = _clean_clauses(s.text, hits)
    if kept and len(kept.split()) >= 4 and not _attacks(kept, mode, profile):
        lost = [f for f in facts if f not in kept]
        if lost:  # a fact sat in the clause that went: keep it for a neutral description
            kept += " " + load_prompt("rewrite/describe_incident").render(facts=join_facts(lost))
        return Edit(s.start, s.end, kept, "personal_attack: kept the factual part")
    loaded_phrases = [
        (f.span[0] - s.start, f.span[1] - s.start)
        for f in sr.findings
        if f.span and f.check == "personal_attack.your_conduct"
    ]
    softened = _soften(s.text, loaded_phrases, mode, profile)
    if softened:
        return Edit(s.start, s.end, softened, "personal_attack: loaded word removed")
    if facts:
        placeholder = load_prompt("rewrite/describe_incident").render(facts=join_facts(facts))
        return Edit(s.start, s.end, placeholder, "personal_attack: describe the facts neutrally")
    return Edit(s.start, s.end, "", "personal_attack: removed")


def _soften(text: str, hits: list[tuple[int, int]], mode: str, profile: Profile | None) -> str:
    """The sentence without one loaded adjective before a noun ("your constant
    complaints" → "your complaints"), if that alone makes it neutral."""
    for start, end in hits:
        for word in re.finditer(r"[\w'’-]+", text[start:end]):
            if not loaded(word.group(0)):
                continue
            a, b = start + word.start(), start + word.end()
            candidate = re.sub(r"\s{2,}", " ", text[:a] + text[b:]).strip()
            if len(candidate.split()) >= 4 and not _attacks(candidate, mode, profile):
                return candidate
    return ""


def _clean_clauses(text: str, hits: list[tuple[int, int]]) -> str:
    """The sentence without the clauses that hold an attack."""
    bounds = [0]
    for m in _CLAUSE_EDGE.finditer(text):
        bounds += [m.start(), m.end()]
    bounds.append(len(text))
    clauses = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds) - 1, 2)]
    keep = [
        n
        for n, (a, b) in enumerate(clauses)
        if text[a:b].strip() and not any(s < b and a < e for s, e in hits)
    ]
    if len(keep) == len(clauses) or not keep:
        return ""
    if keep == list(range(keep[0], keep[-1] + 1)):  # one run: keep its own punctuation
        joined = text[clauses[keep[0]][0] : clauses[keep[-1]][1]]
    else:
        joined = ", ".join(text[clauses[n][0] : clauses[n][1]].strip() for n in keep)
    joined = _LEADING_JOINER.sub("", joined.strip()).strip(" ,;:—–-")
    if not joined:
        return ""
    joined = joined[0].upper() + joined[1:]
    return joined if joined[-1] in ".!?" else joined + "."


def _attacks(text: str, mode: str, profile: Profile | None) -> int:
    review = check(text, profile, mode="line" if mode == "line" else "message")
    return sum(any(f.rule_id == ATTACK for f in sr.findings) for sr in review.sentences)


def _remove_remaining_attacks(
    text: str, mode: str, profile: Profile | None
) -> tuple[str, list[Edit]]:
    """Check the result again; a sentence still read as an attack is neutralised again."""
    more: list[Edit] = []
    for _ in range(MAX_PASSES):
        review = check(text, profile, mode="line" if mode == "line" else "message")
        bad = [sr for sr in review.sentences if any(f.rule_id == ATTACK for f in sr.findings)]
        if not bad:
            break
        edits = [_neutralise(sr, mode, profile) for sr in bad]
        more += edits
        text = _tidy(_apply(text, edits))
    return text, more


# --- the record ------------------------------------------------------------------------


def _corrections(record: Record) -> list[Edit]:
    return [
        Edit(
            c.start,
            c.end,
            c.right,
            f"correction: the record says {c.right}" + (f" ({c.why})" if c.why else ""),
        )
        for c in record.corrections
    ]


# --- additions -------------------------------------------------------------------------


def _register(text: str, line: bool) -> Register:
    """Formal for "Dear ... Sincerely", casual for "Hi ..." and contractions; a spoken
    call line is casual unless it sounds formal."""
    if _FORMAL.search(text):
        return "formal"
    contractions = len(_CONTRACTION.findall(text)) / max(1, len(text.split()))
    casual = _CASUAL_GREETING.search(text) or contractions >= 0.02
    return "casual" if line or casual else "formal"


def _safe_additions(
    review: Review,
    missing: list[str],
    register: Register,
    seed: str | int,
    line: bool,
    edits: list[Edit],
) -> list[Edit]:
    """Appreciation after the salutation and regret before the sign-off, in the writer's
    register: they commit the writer to nothing. A call line gains at most one sentence."""
    out: list[Edit] = []
    first, last = review.sentences[0].sentence, review.sentences[-1].sentence
    room = 2 * len(review.text) - len(_apply(review.text, edits))  # a line at most doubles
    if "appreciation" in missing:
        sentence = load_prompt(f"rewrite/appreciation_{register}").pick(f"{seed}:thanks").render()
        if not line or len(sentence) < room:
            out.append(Edit(first.start, first.start, sentence + " ", "appreciation: added"))
    if "apology" in missing and not (line and out):
        sentence = load_prompt(f"rewrite/apology_{register}").pick(f"{seed}:sorry").render()
        end = _end_of(last.end, edits)
        if not line or len(sentence) < room:
            out.append(Edit(end, end, " " + sentence, "apology: added"))
    return out


def _end_of(end: int, edits: list[Edit]) -> int:
    """Where the last sentence ends, after any edit that replaced it."""
    return max([end] + [e.end for e in edits if e.start < end <= e.end])


def _suggestions(
    missing: list[str], record: Record, text: str, line: bool
) -> tuple[Suggestion, ...]:
    out = []
    for step in ("documented_facts", "goodwill", "alternatives"):
        if step not in missing:
            continue
        if step == "documented_facts":
            options = record.incidents
            value = options[0] if options else PLACEHOLDERS["incident"]
            sentence = load_prompt("rewrite/suggest_facts").render(incident=value)
        elif step == "goodwill":
            options = tuple(_lower_first(o) for o in record.goodwill)
            owed = bool(_OWED.search(text))
            value = options[0] if options else PLACEHOLDERS["offer_owed" if owed else "offer"]
            sentence = load_prompt("rewrite/suggest_goodwill").render(offer=value)
        else:
            options = record.alternatives
            value = " or ".join(options[:2]) if options else PLACEHOLDERS["providers"]
            sentence = load_prompt("rewrite/suggest_alternatives").render(providers=value)
        out.append(Suggestion(step, sentence, ANCHORS[step], options))
        if line:
            break  # a call line takes one step at a time
    return tuple(out)


def _fill(s: Suggestion, choice: str) -> str:
    """The suggestion's sentence with the chosen option in place of the first option."""
    if not s.options or choice == s.text:
        return s.text
    template = {
        "documented_facts": ("rewrite/suggest_facts", "incident"),
        "goodwill": ("rewrite/suggest_goodwill", "offer"),
        "alternatives": ("rewrite/suggest_alternatives", "providers"),
    }[s.step]
    return load_prompt(template[0]).render({template[1]: choice})


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _insert_at(text: str, anchor: Anchor, sentence: str) -> str:
    """Put a sentence after the opening sentence of the body, or before the sign-off."""
    review = check(text)
    if not review.sentences:
        return f"{text.rstrip()} {sentence}".strip()
    if anchor == "opening":
        at = review.sentences[0].sentence.end
        return f"{text[:at]} {sentence}{text[at:]}"
    at = review.sentences[-1].sentence.end
    return f"{text[:at]} {sentence}{text[at:]}"


def _drop_refusals(text: str) -> str:
    """A refusal to recommend anyone cannot stand next to a list of providers."""
    review = check(text)
    rule = RULES_BY_ID["alternatives"]
    edits = [
        Edit(sr.sentence.start, sr.sentence.end, "", "alternatives: refusal removed")
        for sr in review.sentences
        if "alternatives.refusal" in rule.evidence(sr.sentence).blocked_by
    ]
    return _tidy(_apply(text, edits))


# --- facts -----------------------------------------------------------------------------


def compare_facts(
    before: str,
    after: str,
    corrections: tuple[Correction, ...] = (),
    allowed: tuple[str, ...] = (),
) -> FactCheck:
    """Every fact of the draft kept (or deliberately corrected), none invented: a fact of
    the rewrite must come from the draft, a correction or the record. Line breaks count as
    spaces: re-wrapping a paragraph can move a fact across a line."""
    wrong = {_flat(c.wrong): _flat(c.right) for c in corrections}
    mine = _fact_texts(before)
    theirs = _fact_texts(after)
    flat_after = _flat(after)
    kept = tuple(f for f in mine if f in flat_after)
    corrected = tuple((f, wrong[f]) for f in mine if f not in flat_after and f in wrong)
    lost = tuple(f for f in mine if f not in flat_after and f not in wrong)
    sources = _flat(" ".join([before, *wrong.values(), *allowed]))
    invented = tuple(f for f in theirs if f not in sources)
    return FactCheck(kept, corrected, lost, invented)


def _fact_texts(text: str) -> list[str]:
    facts: list[Fact] = extract_facts(text)
    texts = (_flat(f.text) for f in facts if f.kind != "name" or any(c.isspace() for c in f.text))
    return list(dict.fromkeys(texts))


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- text surgery ----------------------------------------------------------------------


def _apply(text: str, edits: list[Edit]) -> str:
    """The text with the edits made; a removal takes the spaces after it along."""
    out = ""
    cursor = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < cursor:
            continue
        out = _join_spaced(_join_spaced(out, text[cursor : e.start]), e.text)
        cursor = e.end
        if not e.text:
            while cursor < len(text) and text[cursor] in " \t":
                cursor += 1
    return _join_spaced(out, text[cursor:])


def _join_spaced(left: str, right: str) -> str:
    """Join two pieces without doubling the space where an edit meets the text."""
    if left.endswith(" ") and right.startswith(" "):
        return left + right.lstrip(" ")
    return left + right


def keep_wraps(before: str, after: str) -> str:
    """Re-wrap each edited paragraph that was hard-wrapped prose to its old width, so an
    edited sentence does not leave one long line among short ones. Paragraphs are matched
    in order; if edits changed how many there are, the text is left as it is."""
    old, new = before.strip("\n").split("\n\n"), after.strip("\n").split("\n\n")
    if len(old) != len(new):
        return after
    out = []
    for was, now in zip(old, new, strict=True):
        width = wrap_width(was)
        if width and now != was:
            now = textwrap.fill(
                " ".join(now.split("\n")),
                width=width,
                break_long_words=False,
                break_on_hyphens=False,
            )
        out.append(now)
    ending = "\n" if after.endswith("\n") else ""
    return "\n\n".join(out) + ending


def _tidy(text: str) -> str:
    """Close the gaps removals leave (a paragraph emptied, a space before a line break)."""
    ending = "\n" if text.endswith("\n") else ""
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + ending
