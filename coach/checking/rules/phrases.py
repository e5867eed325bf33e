"""Phrase lists as data files, compiled to bounded patterns.

One phrase per line; `#` starts a comment. The syntax is deliberately small, so a list reads
like the phrases it matches and every compiled pattern runs in linear time:

    thank you (so much|very much)? for      alternatives in brackets, `?` makes them optional
    refund * deposit                        `*` is any one word
    sorry ... for                           `...` is a gap of up to three words
    {amount}                                another list in the same folder, by file name
    {digits} {year} {slot}                  a number or id, a year, a template slot

Words match case-insensitively at word boundaries, any run of spaces (and an optional
comma, colon or semicolon) between them; a
trailing `-` on a word matches any ending ("apologi-" matches "apologise", "apologies").
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_TOKEN = re.compile(r"\(|\)\??|\||\.\.\.|\*|\{[a-z_]+\}|[^\s()|{}]+")
_SEP = r"[,;:]?\s+"  # words may be separated by a comma: "sorry, but you"
_GAP = r"(?:[^\W_][\w'’-]{0,40}[,;:]?\s+){0,3}"
_WORD = r"[^\W_][\w'’-]{0,40}"
# Built-in classes: `{digits}` (a number, an id, "12th") and `{year}`.
BUILTINS = {
    "digits": r"\d[\d,.:/-]{0,12}(?:st|nd|rd|th|k|m)?",
    "year": r"(?:19|20)\d\d",
    "slot": "\u2592{1,200}",  # a template placeholder, masked (coach.text.placeholders)
}


class PhraseError(ValueError):
    """A phrase file with a syntax error; the message names the file and line."""


def _compile_phrase(phrase: str, package: str, source: str) -> str:
    tokens = _TOKEN.findall(phrase)
    pattern, rest = _sequence(tokens, package, source)
    if rest:
        raise PhraseError(f"{source}: unbalanced ')'")
    return pattern


def _sequence(tokens: list[str], package: str, source: str) -> tuple[str, list[str]]:
    """Parse words and groups up to a `|` or `)`: the regex and the tokens left over."""
    out = ""
    separator = ""
    started = False  # whether the next element needs a space before it
    while tokens and tokens[0] not in ("|",) and not tokens[0].startswith(")"):
        tok = tokens.pop(0)
        if tok == "...":
            separator = _SEP + _GAP if started else _GAP
            continue
        optional = False
        if tok == "(":
            alternatives = []
            while True:
                inner, tokens = _sequence(tokens, package, source)
                alternatives.append(inner)
                if not tokens:
                    raise PhraseError(f"{source}: unbalanced '('")
                closing = tokens.pop(0)
                if closing != "|":
                    optional = closing == ")?"
                    break
            element = "(?:" + "|".join(alternatives) + ")"
        elif tok == "*":
            element = _WORD
        elif tok.startswith("{"):
            name = tok[1:-1]
            element = BUILTINS.get(name) or f"(?:{phrase_pattern(package, name)})"
        elif tok.endswith("-") and len(tok) > 1:
            element = re.escape(tok[:-1]) + r"[\w'’]{0,30}"
        else:
            element = re.escape(tok)
        if not out and optional:  # an optional first element carries its own space
            out = f"(?:{element}\\s+)?"
            started = False
        else:
            sep = separator or (_SEP if started else "")
            out += f"(?:{sep}{element})?" if optional else f"{sep}{element}"
            started = True
        separator = ""
    return out, tokens


@cache
def phrase_pattern(package: str, name: str) -> str:
    """The alternation (as regex source) of every phrase in `<package>/<name>.txt`."""
    path = resources.files(package).joinpath(f"{name}.txt")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise PhraseError(f"{package}: no phrase list {name}.txt") from None
    alternatives = []
    for n, raw in enumerate(lines, 1):
        phrase = raw.split("#", 1)[0].strip()
        if phrase:
            alternatives.append(_compile_phrase(phrase, package, f"{name}.txt:{n}"))
    if not alternatives:
        raise PhraseError(f"{package}: {name}.txt is empty")
    alternatives.sort(key=len, reverse=True)
    return "|".join(f"(?:{a})" for a in alternatives)


@cache
def phrases(package: str, name: str) -> re.Pattern[str]:
    """The compiled list, matching whole words only."""
    return re.compile(rf"(?<![\w'’])(?:{phrase_pattern(package, name)})(?![\w'’])", re.IGNORECASE)


@cache
def words(package: str, name: str) -> frozenset[str]:
    """A plain word list (one lower-case word per line), for set lookups."""
    text = resources.files(package).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(
        w.strip().lower() for line in text.splitlines() if (w := line.split("#", 1)[0]).strip()
    )
