"""Rule: personal_attack — judging the person instead of the situation.

Insults, character judgements ("you are impossible"), sweeping "you always / you never",
blame aimed at the person, sarcasm and veiled digs. Not feelings ("I know you're upset"),
not conduct described as it happened ("on 4 May you raised your voice at reception"), not
quoting or reporting what someone said (quotations are masked before any rule runs), and
never the writer's own fault ("we haven't done a good enough job").
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from coach.checking.rules.base import Finder, Rule, SubCheck
from coach.checking.rules.phrases import phrase_pattern, phrases, words
from coach.checking.rules.scope import clause_of, negated, spans
from coach.text import Sentence
from coach.types import Severity, Span

# "you are", "your team has been", "you come across as" ... then up to four modifiers.
_JUDGED = re.compile(
    r"(?<![\w'’])(?:(?:you|u)(?:'re|\s+are|\s+r|\s+were|'ve\s+been|\s+have\s+been|\s+had\s+been|"
    r"\s+can\s+be|\s+seem(?:ed)?(?:\s+to\s+be)?|\s+come\s+across\s+as|\s+came\s+across\s+as|"
    r"\s+sound(?:ed)?|\s+became|\s+have\s+become|\s+remain|\s+proved|\s+act(?:ed)?\s+like)"
    r"|(?:your|ur)\s+(?:attitude|behaviou?r|conduct|tone|manner|manners|language|personality|"
    r"expectations|demands|requests|complaints|emails|messages|approach|character|temper|"
    r"team|staff|people|company|firm|office|lot)\s+(?:[\w'’-]{1,30}\s+){0,4}?"
    r"(?:is|are|was|were|has\s+been|have\s+been|"
    r"seems?|seemed|remains?))"
    r"(?P<mods>(?:\s+(?:so|very|really|extremely|incredibly|just|simply|frankly|honestly|"
    r"quite|rather|too|utterly|completely|totally|truly|consistently|increasingly|always|"
    r"often|constantly|clearly|obviously|such|a|an|the\s+most|a\s+bit|a\s+little|somewhat|"
    r"being|absolutely|downright|plain|genuinely|particularly|exceptionally|unbelievably|"
    r"[a-z]{1,20}ly)){0,4})\s+(?P<word>[\w'’-]{1,40})",
    re.IGNORECASE,
)
_YOUR_ADJECTIVE = re.compile(
    rf"(?<![\w'’])your\s+(?:{'|'.join(sorted(words(__name__, 'loaded_adjectives')))})\s+"
    rf"(?:[\w'’-]{{1,40}}\s+)?(?:{phrase_pattern(__name__, 'conduct_nouns')})(?![\w'’])",
    re.IGNORECASE,
)


def loaded(word: str) -> bool:
    """Whether a word only loads a description ("constant", "ridiculous") or judges."""
    return word.lower() in words(__name__, "loaded_adjectives") or judging(word)


_YOUR_TRAIT = re.compile(
    rf"(?<![\w'’])your\s+(?:own\s+|constant\s+|endless\s+|usual\s+)?"
    rf"(?:{phrase_pattern(__name__, 'trait_nouns')})(?![\w'’])",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _valence() -> dict[str, float]:
    """Word → valence (-4..4) from the VADER lexicon shipped in the vaderSentiment package."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        word, _, rest = line.partition("\t")
        try:
            out[word.lower()] = float(rest.split("\t", 1)[0])
        except ValueError:
            continue
    return out


def judging(word: str) -> bool:
    """Whether a word, said of a person, judges their character or competence."""
    w = word.lower().strip("'’")
    if w in words(__name__, "not_judging"):
        return False
    return w in words(__name__, "judging_words") or _valence().get(w, 0.0) <= -1.5


_NEGATING = frozenset({"not", "never", "no", "hardly", "n't"})
_FUNCTION_WORDS = frozenset("to of for about with that and but in on at if when so from by".split())
_NEXT_WORDS = re.compile(r"[\w'’-]{1,40}")
_REASSURED = re.compile(
    r"(?:not|isn't|is\s+not|wasn't)\s+(?:that|because|saying|as\s+if)\s+$", re.IGNORECASE
)


def _judged(sentence: Sentence) -> list[Span]:
    """ "you are (so) X", "your tone has been X", where X (or a word just after it: "a control
    freak") judges the person; not negated ("it's not that you're difficult")."""
    text = sentence.masked
    out = []
    for m in _JUDGED.finditer(text):
        if re.search(r"\b(?:not|never|no)\b", m.group("mods")) or negated(text, m.start()):
            continue
        if _REASSURED.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        if m.group("word").lower() in _NEGATING:
            continue  # "you're not a bad guy"
        following = [m.group("word"), *_NEXT_WORDS.findall(text, m.end(), m.end() + 30)[:2]]
        end = m.end()
        for n, word in enumerate(following):
            if word.lower() in _FUNCTION_WORDS:
                break  # "ever in crisis", "sure of it": the judgement would be elsewhere
            if judging(word):
                if n:
                    end = text.index(word, end) + len(word)
                out.append((m.start(), end))
                break
    return out


def _finder(name: str, negatable: bool = False) -> Finder:
    def finds(sentence: Sentence) -> list[Span]:
        text = sentence.masked
        found = spans(phrases(__name__, name), text)
        return [s for s in found if not (negatable and negated(text, s[0]))]

    return finds


def _reported(sentence: Sentence) -> list[Span]:
    """A reporting verb makes the rest of its clause someone else's words."""
    text = sentence.masked
    return [(s, clause_of(text, (s, e))[1]) for s, e in spans(phrases(__name__, "reported"), text)]


RULE = Rule(
    id="personal_attack",
    title="No personal attack",
    why="A personal attack ('you always demand too much') turns a business decision into a "
    "fight; recall the documented situations instead.",
    kind="forbidden",
    severity=Severity.ERROR,
    message="Reads as a personal attack: describe the situation, not the person.",
    suggestion="Replace judgements of the person with the documented situations, e.g. "
    '"You contacted us after each of the last five shipments."',
    checks=(
        SubCheck("personal_attack.insult", _finder("insults"), "an insult", certain=True),
        SubCheck("personal_attack.judging_you", _judged, "a judgement of the person's character"),
        SubCheck(
            "personal_attack.your_conduct",
            lambda s: spans(_YOUR_ADJECTIVE, s.masked),
            "a loaded description of their conduct",
        ),
        SubCheck(
            "personal_attack.always_never",
            _finder("never_duty"),
            "a sweeping 'you always / you never'",
        ),
        SubCheck("personal_attack.dig", _finder("digs", negatable=True), "sarcasm or a dig"),
        SubCheck(
            "personal_attack.your_trait",
            lambda s: spans(_YOUR_TRAIT, s.masked),
            "a loaded word for their character ('your arrogance')",
        ),
        SubCheck(
            "personal_attack.self_criticism",
            _finder("self_criticism"),
            "the writer judging their own work, not the client",
            blocks=True,
        ),
        SubCheck(
            "personal_attack.situation",
            _finder("situation"),
            "a problem of the situation or the client's health, not their character",
            blocks=True,
        ),
        SubCheck(
            "personal_attack.reported",
            _reported,
            "reporting what someone said, not the writer's own judgement",
            blocks=True,
        ),
    ),
    should_pass=(
        "I know you were upset about the delays.",
        "On 4 May you raised your voice at our receptionist.",
        "You always paid on time, which we appreciated.",
        "You wrote that our staff were 'useless'.",
        "Thanks for making time today.",
        "You were quick to pay the deposit, which helped.",
    ),
    should_fail=(
        "Frankly, you are impossible to work with.",
        "You never listen to a word we say.",
        "Good luck finding anyone who will put up with that.",
        "Your constant complaints have exhausted my team.",
        "You're always so quick to blame us when things go wrong.",
    ),
)
