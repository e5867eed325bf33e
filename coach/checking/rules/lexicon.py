"""Shared vocabulary and small helpers the rule detectors use: negation scope, the person
addressed, and a sentiment lexicon (VADER's) for judging words aimed at that person.

VADER ships its lexicon inside the PyPI package, so it works offline; we only read its word
list (valence per word), which generalises far beyond a hand-written list of insults.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

# Negators that flip a following phrase within the same clause.
NEGATORS = (
    r"not|n't|never|no|cannot|unable\s+to|refuse\s+to|refusing\s+to|won't|will\s+not|"
    r"decline\s+to|declining\s+to|without|neither|nor|nothing|none|hardly|in\s+no\s+way|"
    r"no\s+longer|under\s+no\s+circumstances|nobody|no\s+one"
)
_NEGATION = re.compile(rf"(?:\b(?:{NEGATORS})\b|n't\b)", re.IGNORECASE)
# Clause breaks end a negation's scope.
_CLAUSE_BREAK = re.compile(
    r"[,;:.!?()\u2014\u2013]|\b(?:but|however|although|though|and|so|because)\b", re.IGNORECASE
)

_NEW_PREDICATE = re.compile(
    r"\b(?:will|would|shall|can|could|may|might|must)\b|'ll\b", re.IGNORECASE
)

# Feelings: describing them ("I know you were upset") is empathy, not a character judgement.
EMOTION_STATES = frozenset(
    """upset frustrated disappointed unhappy angry sad worried concerned annoyed dissatisfied
    unsatisfied hurt stressed confused tired anxious afraid scared nervous sorry mad irritated
    aggrieved displeased let-down shocked surprised busy overwhelmed hesitant unsure uncertain
    reluctant unable lost""".split()
)

# Character words that judge a person, beyond (or overriding) the sentiment lexicon.
CHARACTER_WORDS = frozenset(
    """impossible unreasonable demanding petty toxic exhausting needy clueless
    incompetent unprofessional cheap stingy arrogant useless lazy liar nightmare idiot idiotic
    stupid hostile abusive aggressive selfish greedy ridiculous absurd pathetic dishonest
    difficult horrible terrible awful bully annoying tiresome draining unpleasant condescending
    manipulative rude obnoxious insufferable unbearable intolerable ungrateful disrespectful
    unpleasant nasty mean spoiled spoilt childish immature irrational hysterical paranoid
    delusional pushy bossy controlling micromanaging nitpicking fussy picky overbearing
    impatient inconsiderate thoughtless careless sloppy disorganised disorganized chaotic
    unreliable untrustworthy deceitful sneaky shady crooked unethical dodgy greedy cheapskate
    moron morons idiots fool fools clown clowns joke jerk jerks bullies nightmares headache
    menace pest leech parasite hypocrite hypocritical narcissistic clingy whiny whiner
    complainer moaner troublemaker freeloader bullying exhausting draining demeaning
    insulting belligerent combative confrontational vindictive spiteful unhinged crazy insane
    nuts clingy tedious tiring impolite ignorant incapable hopeless worthless lousy vile
    disgusting despicable shameful shameless appalling dreadful obstinate stubborn
    inflexible uncooperative unappreciative thankless miserly penny-pinching cheapskates
    hard-headed pig-headed small-minded narrow-minded two-faced liability freak
    egomaniac egotistical bigoted sexist racist rude disgraceful unbearable inexcusable unbecoming
    unforgivable abhorrent atrocious deplorable reprehensible contemptible""".split()
)
# Negative words that name a situation, not a person: "the outage was terrible for you".
SITUATION_WORDS = frozenset(
    """problem problems issue issues delay delays error errors mistake mistakes outage outages
    fault faults trouble troubles difficulty difficulties loss losses damage damaged failure
    failures fail failed bug bugs breakdown missed late overdue disappointment disappointing
    frustration frustrating stress stressful inconvenience confusion misunderstanding concern
    concerns complaint complaints complain complained unfortunately unfortunate sorry regret
    apologies apologise apologize bad wrong worse worst lost lose losing pain hard cancel
    cancelled cancellation terminate termination end ending ended unpaid debt fee fees penalty
    charge charges dispute disputed disputes refused refuse refusal reject rejected no not
    never dead death ill illness sick sad sadly hurt harm crisis emergency urgent upsetting
    difficult unable cannot disagree disagreement broke broken block blocked abuse abused
    unwelcome leave leaving gone miss shortfall decline declined risk risks threat warning
    regrettably mean means meant badly poorly
    unpaid arrears bankrupt debts fight stop stopped unhappy dissatisfied""".split()
)

# Judging adjectives that are fine about things, but not when they describe the person.
NOT_CHARACTER = frozenset(
    """sorry right welcome free entitled correct responsible able busy new late early
    away gone""".split()
)


@lru_cache(maxsize=1)
def vader_valence() -> dict[str, float]:
    """Word → valence (-4..4) from the lexicon bundled with vaderSentiment."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                out[parts[0].lower()] = float(parts[1])
            except ValueError:
                continue
    return out


def is_judging_word(word: str, threshold: float = -1.2) -> bool:
    """Whether a word, said of a person, judges their character."""
    w = word.lower().strip("'\"")
    if w in NOT_CHARACTER or w in EMOTION_STATES:
        return False
    if w in CHARACTER_WORDS:
        return True
    return vader_valence().get(w, 0.0) <= threshold


def valence(word: str) -> float:
    return vader_valence().get(word.lower(), 0.0)


def negated_before(text: str, start: int, window: int = 40) -> bool:
    """Whether a negator appears in the same clause shortly before `start`."""
    lo = max(0, start - window)
    before = text[lo:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    negations = list(_NEGATION.finditer(before))
    if not negations:
        return False
    # A modal after the negator starts a new predicate: "the sessions you haven't used will be
    # refunded" is not a negated refund.
    return not _NEW_PREDICATE.search(before[negations[-1].end() :])


def words(pattern_list: str) -> str:
    """Alternation of whitespace-separated words/phrases, longest first, for a regex."""
    items = sorted({w.replace("_", r"\s+") for w in pattern_list.split()}, key=len, reverse=True)
    return "|".join(items)


class FastPattern:
    """A case-insensitive pattern that matches on the lowercased text with a twin compiled
    without IGNORECASE (about a third faster on the long pattern lists). Falls back to the
    case-insensitive original when lowercasing would shift offsets (a few Unicode letters)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.ci = pattern
        self.twin = re.compile(pattern.pattern.replace("A-Z", "a-z"))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        lowered = text.lower()
        if len(lowered) == len(text):
            return self.twin.finditer(lowered)
        return self.ci.finditer(text)


def _alternation(patterns: tuple[str, ...]) -> str:
    """One regex for many alternatives, with the word boundary most of them start with
    factored out: the engine then tries the alternatives only at word starts (measured about
    twice as fast on whole emails as one pass per pattern or a plain alternation)."""
    bounded = [p[2:] for p in patterns if p.startswith(r"\b")]
    others = [p for p in patterns if not p.startswith(r"\b")]
    parts = [r"\b(?:" + "|".join(f"(?:{p})" for p in bounded) + ")"] if bounded else []
    parts += [f"(?:{p})" for p in others]
    return "|".join(parts)


def any_of(patterns: tuple[str, ...]) -> FastPattern:
    """Many case-insensitive alternatives searched in one pass."""
    return FastPattern(re.compile(_alternation(patterns), re.IGNORECASE))


def case_aware_any_of(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """Like `any_of`, for lists that need `(?-i:...)` to see capital letters (names)."""
    return re.compile(_alternation(patterns), re.IGNORECASE)


def find_all(pattern: FastPattern, text: str) -> list[tuple[int, int]]:
    """Spans of every match, overlapping ones merged."""
    spans = sorted((m.start(), m.end()) for m in pattern.finditer(text))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
