"""Rule: apology — the writer sincerely apologises or expresses regret.

Not negated ("I won't apologise"), not a non-apology ("sorry you feel that way", "sorry, but you
are the problem"), not the announcement idioms ("I'm sorry to say", "we regret to inform you"),
and not someone else's apology ("you owe us an apology").
"""

from __future__ import annotations

import re

from coach.checking.model import attacked, with_second_opinion
from coach.checking.rules import personal_attack
from coach.checking.rules.base import Hit, Rule, Severity
from coach.checking.rules.lexicon import NEGATORS, negated_before
from coach.text import Sentence

_I = re.IGNORECASE
_APOLOGY = re.compile(
    r"\b(?:(?:i|we)(?:'m|'re|\s+am|\s+are|\s+were|\s+was|\s+feel|\s+remain)\s+(?:\w+\s+){0,2}?"
    r"sorry|sorry|(?:i|we)\s+(?:\w+\s+){0,2}?(?:apologi[sz]e|apologi[sz]ed)|apologi[sz]ing|"
    r"(?:my|our|sincere|sincerest|deepest|heartfelt|humble|profuse|genuine|unreserved)\s+"
    r"(?:\w+\s+)?apolog(?:y|ies)|apologies|(?:please\s+)?accept\s+(?:my|our)\s+(?:\w+\s+)?"
    r"apolog(?:y|ies)|(?:i|we)\s+(?:\w+\s+){0,2}?(?:regret|deeply\s+regret)|"
    r"(?:it\s+is|it's)\s+(?:\w+\s+)?regrettable|(?:with|to\s+my|to\s+our)\s+(?:\w+\s+)?regret|"
    r"(?:i|we)\s+(?:\w+\s+)?(?:owe\s+you\s+an\s+apology)|forgive\s+(?:us|me)|"
    r"(?:i|we)\s+(?:\w+\s+)?(?:feel\s+terrible|feel\s+bad|take\s+(?:full\s+)?responsibility)\s+"
    r"(?:about|for|that)|(?:it|this)\s+(?:was|is)\s+(?:entirely\s+|completely\s+)?(?:our|my)\s+"
    r"(?:fault|mistake|failing|error)|(?:i|we)(?:'m|'re|\s+am|\s+are|\s+was|\s+were|\s+feel|"
    r"\s+felt)\s+(?:\w+\s+)?(?:gutted|devastated|heartbroken|awful|terrible|mortified|"
    r"ashamed|embarrassed)\s+(?:that|about|for|we|to\s+have)|(?:i|we)(?:'re|'m|\s+am|\s+are)\s+"
    r"kicking\s+(?:myself|ourselves)|(?:i|we)\s+(?:really\s+|truly\s+|completely\s+|badly\s+)?"
    r"(?:let\s+you\s+down|dropped\s+the\s+ball|messed\s+up|screwed\s+up|fell\s+short|failed\s+you|"
    r"got\s+(?:it|this)\s+wrong)|(?:my|our)\s+bad|sry|soz|srry|pardon\s+(?:us|me)|mea\s+culpa|"
    r"(?:that's|that\s+is|this\s+is|it's)\s+on\s+(?:me|us)|(?:it\s+)?pains\s+(?:me|us)|breaks\s+"
    r"(?:my|our)\s+hearts?|(?:i|we)\s+(?:really\s+|truly\s+)?should\s+have\s+(?:been|done|known|seen|"
    r"caught|spotted|told|said|\w+ed)\b)\b",
    _I,
)
_NEGATED_PHRASE = re.compile(rf"\b(?:{NEGATORS})\b|n't\b", _I)
# Announcement idioms and non-apologies that follow "sorry".
_IDIOM_AFTER = re.compile(
    r"^\W*(?:\w+\s+)?(?:to\s+(?:say|inform|tell|announce|report|write|have\s+to\s+(?:say|tell|"
    r"inform|write|let)|let\s+you\s+know|be\s+the\s+bearer|bother|trouble|interrupt|disturb|"
    r"chase|nag|remind)|for\s+(?:the\s+)?(?:bother|trouble\s+of\s+asking)|for\s+nothing|"
    r"(?:if|that)\s+(?:you|anyone|this|it)\s+(?:\w+\s+){0,2}?(?:feel|felt|think|thought|see|saw|"
    r"perceive|perceived|believe|believed|took\s+it|take\s+it|were\s+offended|was\s+offended|"
    r"are\s+offended|got\s+offended|find|found|misunderstood|misread)|"
    r"(?:that\s+|if\s+)?you(?:'ve|'re|\s+have|\s+are)?\s+(?!had\s+to|have\s+had|'ve\s+had|"
    r"experienced|went\s+through|were\s+let\s+down|lost|missed|were\s+affected|were\s+left|"
    r"had\s+(?:a|an|such|so|this|that|these|those|the|three|two|four|five|\d))\w+|"
    r"(?:,|\s)*but\b(?!\s+(?:i|we)(?:'m|\s+am|'re|\s+are|\s+will|'ll|\s+won't|\s+can't|"
    r"\s+cannot|\s+just)?\s+(?:not\s+)?(?:going\s+to\s+be\s+)?(?:be\s+)?(?:able|unable|"
    r"can't|cannot|won't\s+be\s+able|have\s+too\s+much|don't\s+have|no\s+longer))|"
    r"(?:,\s*)?not\s+sorry|"
    r"(?:that\s+)?(?:we|i)\s+(?:couldn't|can't|cannot|could\s+not|aren't|are\s+not|weren't)\s+"
    r"(?:\w+\s+)?(?:read\s+your\s+mind|perform\s+miracles|mind\s+readers?|miracle\s+workers?|"
    r"work\s+miracles|magicians?|psychic))",
    _I,
)
_IDIOM_REGRET = re.compile(
    r"regret\s+to\s+(?:inform|say|tell|announce|advise|report|let)|regret\s+that\s+(?:we|i)\s+"
    r"(?:must\s+)?(?:inform|write|advise|notify)",
    _I,
)
_WITH_REGRET = re.compile(r"\bwith\s+(?:\w+\s+)?regret\s+(?:that\s+)?(?:we|i)\b", _I)
_TRAILING_SORRY = re.compile(r",\s*sorry\W*$", _I)
_OWNERSHIP = re.compile(
    r"\b(?:we|i)\s+(?:should\s+have|shouldn't\s+have|should\s+not\s+have|failed|fell\s+short|"
    r"let\s+you\s+down|dropped\s+the\s+ball|got\s+it\s+wrong|made\s+a\s+mistake)|\b(?:our|my)\s+"
    r"(?:mistake|fault|error|failing|oversight)\b",
    _I,
)
# The apology belongs to someone else, or is refused.
_NOT_OURS = re.compile(
    r"\b(?:you|they|he|she|your\s+\w+)\s+(?:\w+\s+)?(?:owe|owes|should|need\s+to|must|ought\s+to|"
    r"never|didn't|did\s+not|refused\s+to|apologi[sz]ed|said\s+sorry|were\s+sorry|are\s+sorry|"
    r"will\s+be\s+sorry|'ll\s+be\s+sorry|might\s+be\s+sorry)\b[^.!?]{0,20}$|"
    r"\b(?:no|nothing\s+to|no\s+need\s+to|not\s+going\s+to|won't|will\s+not|refuse\s+to|"
    r"don't|do\s+not|am\s+not|are\s+not|'m\s+not|'re\s+not|never)\s+(?:\w+\s+)?$",
    _I,
)
_SORRY_SARCASM_AFTER = re.compile(r"^\W*(?:not\s+sorry|sorry\s+not\s+sorry)", _I)


def _is_sincere(text: str, start: int, end: int) -> bool:
    phrase = text[start:end].lower()
    if _WITH_REGRET.match(text[start : start + 80]) or _TRAILING_SORRY.search(
        text[max(0, start - 3) :]
    ):
        return False
    if _NEGATED_PHRASE.search(phrase) and "owe you" not in phrase:
        return False  # "I refuse to apologise", "we will not apologise"
    after = text[end : end + 70]
    before = text[max(0, start - 45) : start]
    if (_IDIOM_AFTER.match(after) and not _OWNERSHIP.search(text)) or _SORRY_SARCASM_AFTER.match(
        after
    ):
        return False
    if "regret" in phrase and _IDIOM_REGRET.match(text[start + phrase.index("regret") :]):
        return False
    if "owe you an apology" not in phrase and _NOT_OURS.search(before + phrase[:0]):
        return False
    if negated_before(text, start, window=30) or re.search(r"\bnot\s+sorry\b", phrase):
        return False
    if re.search(
        r"\b(?:you|they)\s+(?:\w+\s+)?(?:should|must|will|'ll|might)\s+be\s*$", before, _I
    ):
        return False
    return not re.search(r"\b(?:if|unless)\s+(?:you\s+)?(?:\w+\s+)?$", before, _I)


def detect(sentence: Sentence) -> list[Hit]:
    text = sentence.masked
    hits = [
        Hit(m.start(), m.end())
        for m in _APOLOGY.finditer(text)
        if _is_sincere(text, m.start(), m.end())
    ]
    if hits:
        attacks = personal_attack.detect(sentence)
        hits = [h for h in hits if not _followed_by_attack(text, h, attacks)]
    return hits


def _followed_by_attack(text: str, hit: Hit, attacks: list[Hit]) -> bool:
    """ "Sorry we couldn't meet your standards, which frankly no human could" is a dig."""
    end = text.find(";", hit.end)
    end = len(text) if end == -1 else end
    return any(hit.end <= a.start < end for a in attacks)


RULE = Rule(
    id="apology",
    title="Apologise",
    why="Even if you feel they owe you the apology, ending with one keeps the client from "
    "feeling like the wrongdoer and helps resentment fade.",
    kind="step",
    severity=Severity.WARNING,
    detector=with_second_opinion(
        "apology", detect, veto=attacked, rejected=r"\b(?:sorry|apolog|regret|forgive)"
    ),
    message="Apology",
    suggestion='Apologise sincerely, e.g. "We like to think our service suits everyone, but it '
    "didn't in this case, and I'm sorry for that.\"",
    should_pass=(
        "I'm sorry we weren't able to give you the service you expected.",
        "Please accept our apologies for the delays in March.",
        "We regret that this arrangement did not work out.",
        "My apologies for how long this has taken.",
    ),
    should_fail=(
        "I'm sorry you feel that way.",
        "Sorry, but you are the problem.",
        "I'm sorry to say that we are ending the contract.",
        "We regret to inform you that your account will be closed.",
        "I won't apologise for protecting my staff.",
        "You owe our receptionist an apology.",
    ),
)
