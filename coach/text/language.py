"""Is this English? The rules and the model read English only; anything else gets an honest
notice and no score rather than a confident verdict about words they cannot read.

Two cheap signals, no model: the script of the letters (Arabic, Gurmukhi, Devanagari, CJK,
Cyrillic ... are not English) and, for Latin script, how many words are common English
function words against those of other Latin-script languages.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_ENGLISH = frozenset(
    """the a an and or but of to in on at for with from by as is are was were be been being
    have has had do does did will would shall should can could may might must i you he she
    it we they me him her us them my your his its our their this that these those there here
    not no yes if so than then when what which who whom how why all any some more most very
    just also only about after before over under again once up down out into through during
    thank thanks please sorry hi hello dear regards sincerely am let's i'm you're we're it's
    don't can't won't we've i've that's""".split()
)
_OTHER = {
    "French": "le la les des une est et pour dans avec sur pas nous vous ils elle sont que qui "
    "du au aux ce cette mais ou donc votre notre merci bonjour",
    "Spanish": "el los las una es y para con por del al pero como muy su sus nuestro usted "
    "gracias hola estimado señor que está están",
    "German": "der die das und ist nicht ein eine mit für auf dem den des sie wir ihr ich "
    "sehr geehrte vielen dank bitte",
    "Portuguese": "o os as um uma é e para com não por do da dos das você obrigado olá que "
    "muito nosso sua seu",
    "Italian": "il lo gli le un una è e per con non del della che grazie gentile siamo sono",
    "Dutch": "de het een en is niet met voor op van dat wij u uw bedankt geachte zijn",
}
_OTHER_WORDS = {lang: frozenset(words.split()) - _ENGLISH for lang, words in _OTHER.items()}
MIN_WORDS = 4


@dataclass(frozen=True)
class LanguageCheck:
    english: bool
    language: str  # "English", a script name ("Arabic script") or a language name
    message: str = ""


def _script(ch: str) -> str:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "unknown"
    first = name.split()[0]
    return "Latin" if first in ("LATIN", "FULLWIDTH") else first.title()


def detect_language(text: str) -> LanguageCheck:
    """English, or the script or language the text appears to be in."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3:
        return LanguageCheck(True, "English")
    scripts = Counter(_script(c) for c in letters)
    script = scripts.most_common(1)[0][0]
    non_latin = len(letters) - scripts.get("Latin", 0)
    if non_latin >= 3 and non_latin > 0.3 * len(letters):
        if script == "Latin":
            script = next(s for s, _ in scripts.most_common() if s != "Latin")
        return _not_english(f"{script} script")
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return LanguageCheck(True, "English")
    english = sum(w in _ENGLISH for w in words)
    other = {lang: sum(w in vocab for w in words) for lang, vocab in _OTHER_WORDS.items()}
    best, hits = max(other.items(), key=lambda kv: kv[1])
    if hits > english and english < 0.2 * len(words):
        return _not_english(best)
    if english == 0 and len(words) >= 8:
        return _not_english("a language other than English")
    return LanguageCheck(True, "English")


def _not_english(language: str) -> LanguageCheck:
    return LanguageCheck(
        False,
        language,
        f"This text looks like {language}, not English. The checks read English only, so it "
        "gets no findings and no score.",
    )
