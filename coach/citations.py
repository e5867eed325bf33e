"""Check the facts a user cites against the scenario's incident log.

A terminated client latches on to any wrong detail ("it was five shipments, not seven"),
so a draft that cites the record must get it right. Each sentence is scanned for factual
claims (ids, dates, amounts, counts — numbers as words too), linked to the incident it
most likely refers to, and every claim is compared with that record. A claim that links to
no incident at all is an invented incident. Pure and deterministic, so both engines and the
mood model see the same result.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Literal

from coach.scenarios.schema import Incident, Scenario
from coach.text import Sentence, split_sentences
from coach.types import Correction, Record

Status = Literal["accurate", "misstated", "unknown"]
Detail = Literal["id", "date", "amount", "count", "incident"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "dozen": 12,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_ADVERBS = {"once": 1, "twice": 2, "thrice": 3}
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}  # fmt: skip
_COUNT_NOUNS = frozenset(
    [
        "time",
        "occasion",
        "incident",
        "complaint",
        "call",
        "email",
        "message",
        "ticket",
        "order",
        "shipment",
        "delivery",
        "request",
        "visit",
        "invoice",
        "payment",
        "issue",
        "return",
        "refund",
        "change",
        "revision",
        "escalation",
    ]
)
_STOPWORDS = frozenset(
    [
        "about",
        "after",
        "again",
        "against",
        "their",
        "there",
        "these",
        "those",
        "which",
        "while",
        "where",
        "would",
        "could",
        "should",
        "other",
        "being",
        "because",
        "before",
        "under",
        "until",
        "client",
        "account",
    ]
)

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<y>\d{2,4}))?\b"),
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<mon>{_MONTH_RE})\b\.?"
        r"(?:,?\s+(?P<y>\d{4}))?",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?P<mon>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}}))?",
        re.IGNORECASE,
    ),
)
_AMOUNT_PATTERNS = (
    re.compile(
        r"(?:[$£€]|\b(?:USD|EUR|GBP)\s?)(?P<n>\d[\d,]{0,15}(?:\.\d{1,4})?)(?P<k>\s?[kK]\b)?"
    ),
    re.compile(
        r"\b(?P<n>\d[\d,]{0,15}(?:\.\d{1,4})?)\s?(?:dollars|euros?|pounds|usd|eur|gbp)\b", re.I
    ),
)
_ID_WITH_WORD = re.compile(
    r"\b(?P<kind>invoice|inv|ticket|case)\b\.?\s*(?:no\.?|number|num\.?|#)?\s*#?\s*"
    r"(?P<id>[A-Za-z]{0,6}-?\d[\w-]{0,30})",
    re.IGNORECASE,
)
_BARE_ID = re.compile(r"\b[A-Z]{2,6}-\d{2,}\b")
_WORD = re.compile(r"[A-Za-z]{1,40}(?:-[A-Za-z]{1,40})?|\d{1,15}(?:[.,]\d{1,15}){0,5}")
_FUTURE = re.compile(r"\b(?:will|shall|going to|would|next)\b|'ll\b", re.IGNORECASE)
# The writer's own offer ("we'll refund $450"): its amount is not a claim about the record.
_GOODWILL = re.compile(
    r"\b(?:I|we)\b[^.!?]{0,120}?\b(?:refund\w*|credit\w*|waiv\w*|cancel\w*|discount\w*|write off|"
    r"free of charge)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CitationCheck:
    """One factual claim in a draft and how it compares with the incident log.

    `status`: accurate (credited), misstated (a detail differs from the record) or
    unknown (no documented incident matches: possibly invented). `span` is into the draft.
    `correct_record` is the record the user should cite; `correct_value` the right detail.
    """

    status: Status
    quote: str
    span: tuple[int, int]
    incident_id: str | None
    correct_record: str | None
    message: str
    detail: Detail = "incident"
    correct_value: str | None = None

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["span"] = list(self.span)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> CitationCheck:
        values = dict(data)
        span = values.pop("span")
        assert isinstance(span, list | tuple)
        return cls(span=(int(span[0]), int(span[1])), **values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class _Claim:
    detail: Detail
    start: int
    end: int
    value: object  # int count, float amount, str id, or _DateClaim
    noun: str = ""
    id_kind: str = ""


@dataclass(frozen=True)
class _DateClaim:
    options: tuple[tuple[int, int | None], ...]  # (month, day) readings
    year: int | None

    def matches(self, d: date) -> bool:
        if self.year is not None and self.year != d.year:
            return False
        return any(m == d.month and day in (None, d.day) for m, day in self.options)


def check_citations(text: str, scenario: Scenario) -> list[CitationCheck]:
    """Every factual claim in `text`, compared with `scenario.incidents`, in text order."""
    out: list[CitationCheck] = []
    for sentence in split_sentences(text):
        out.extend(_check_sentence(sentence, scenario))
    return out


def format_record(incident: Incident, currency: str = "$") -> str:
    """A one-line rendering of an incident, as the user should cite it."""
    details = []
    if incident.count is not None:
        details.append(_count_text(incident))
    if incident.invoice:
        details.append(f"invoice {incident.invoice}")
    if incident.ticket:
        details.append(f"ticket {incident.ticket}")
    if incident.amount is not None:
        details.append(format_amount(incident.amount, currency))
    head = f"{format_date(incident.date)}: " if incident.date else ""
    tail = f" ({', '.join(details)})" if details else ""
    return f"{head}{incident.summary}{tail}"


_PAST_VERB = re.compile(r"^[A-Z][a-z]+(?:ed|ent|ore|ld|ok|ade|aid|ew)\b")


def incident_clause(incident: Incident, currency: str = "$") -> str:
    """An incident as a clause the writer can cite: "on 31 May 2024 you contacted us after
    each of the last five shipments (ticket T-4471)"."""
    summary = incident.summary.rstrip(".")
    if _PAST_VERB.match(summary):
        summary = "you " + summary[0].lower() + summary[1:]
    details = [
        d
        for d in (
            f"invoice {incident.invoice}" if incident.invoice else "",
            f"ticket {incident.ticket}" if incident.ticket else "",
        )
        if d and d.split()[-1] not in summary
    ]
    head = f"on {format_date(incident.date)} " if incident.date else ""
    tail = f" ({', '.join(details)})" if details else ""
    return f"{head}{summary}{tail}"


def record_for(scenario: Scenario, citations: Sequence[CitationCheck] = ()) -> Record:
    """What a rehearsal's rewrite may cite or offer: the incidents, the scenario's goodwill
    options and other providers, and corrections for the details the draft misstates."""
    corrections = tuple(
        Correction(
            c.span[0],
            c.span[0] + len(c.quote.rstrip(".,;:!? ")),
            c.quote.rstrip(".,;:!? "),
            c.correct_value,
            c.correct_record or "",
        )
        for c in citations
        if c.status == "misstated" and c.correct_value and c.detail != "incident"
    )
    return Record(
        incidents=tuple(incident_clause(i, scenario.currency) for i in scenario.incidents),
        goodwill=tuple(scenario.goodwill_options),
        alternatives=tuple(scenario.suggested_alternatives),
        corrections=corrections,
    )


def record_from_log(log: str) -> Record:
    """A pasted incident log (one incident per line, bullets allowed) as a record."""
    lines = (line.strip().lstrip("-*•·").strip() for line in log.splitlines())
    return Record(incidents=tuple(line.rstrip(".") for line in lines if line))


def format_date(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def format_amount(amount: float, currency: str = "$") -> str:
    return f"{currency}{amount:,.2f}".replace(".00", "")


def _count_text(incident: Incident) -> str:
    """A count as people say it: "five shipments" (digits above twenty)."""
    n = incident.count
    words = {v: k for k, v in _UNITS.items() if k != "dozen"}
    number = words.get(n, str(n)) if n is not None else ""
    return f"{number} {incident.unit or 'times'}"


def _check_sentence(sentence: Sentence, scenario: Scenario) -> Iterator[CitationCheck]:
    claims = _claims(sentence, scenario)
    if not claims:
        return
    words = {_stem(w) for w in _WORD.findall(sentence.masked.lower())}
    incident = _best_incident(claims, words, scenario.incidents)
    if incident is None:
        if any(c.detail != "amount" for c in claims):
            first = min(claims, key=lambda c: c.start)
            yield _unknown(sentence, first, scenario)
        return
    record = format_record(incident, scenario.currency)
    results = [(claim, _compare(claim, incident, scenario.currency)) for claim in claims]
    # A sentence may mention several figures of one kind ("the $900 contract costs $1,350"):
    # once one of them matches the record, the others are not claims about it.
    matched = {claim.detail for claim, result in results if result and result[0]}
    for claim, result in results:
        if result is None or (not result[0] and claim.detail in matched):
            continue
        ok, correct = result
        quote = sentence.text[claim.start : claim.end]
        message = (
            f"Matches the record: {correct}."
            if ok
            else f"The record says {correct}, not “{quote}” ({record})."
        )
        yield CitationCheck(
            status="accurate" if ok else "misstated",
            quote=quote,
            span=(sentence.start + claim.start, sentence.start + claim.end),
            incident_id=incident.id,
            correct_record=record,
            message=message,
            detail=claim.detail,
            correct_value=correct,
        )


def _unknown(sentence: Sentence, claim: _Claim, scenario: Scenario) -> CitationCheck:
    log = "; ".join(format_record(i, scenario.currency) for i in scenario.incidents)
    quote = sentence.text[claim.start : claim.end]
    return CitationCheck(
        status="unknown",
        quote=quote,
        span=(sentence.start + claim.start, sentence.start + claim.end),
        incident_id=None,
        correct_record=log,
        message=f"No documented incident matches “{quote}”. The record has: {log}.",
    )


def _compare(claim: _Claim, incident: Incident, currency: str) -> tuple[bool, str] | None:
    """(matches, the correct value) — or None when the record has nothing to compare."""
    if claim.detail == "id":
        wanted = [
            v
            for kind, v in (("invoice", incident.invoice), ("ticket", incident.ticket))
            if v and claim.id_kind in ("", kind)
        ]
        if not wanted:
            return None
        assert isinstance(claim.value, str)
        ok = any(_same_id(claim.value, v) for v in wanted)
        label = claim.id_kind or ("invoice" if wanted[0] == incident.invoice else "ticket")
        return ok, f"{label} {wanted[0]}"
    if claim.detail == "date" and incident.date:
        assert isinstance(claim.value, _DateClaim)
        return claim.value.matches(incident.date), format_date(incident.date)
    if claim.detail == "amount" and incident.amount is not None:
        assert isinstance(claim.value, float)
        return abs(claim.value - incident.amount) < 0.01, format_amount(incident.amount, currency)
    if claim.detail == "count" and incident.count is not None:
        return claim.value == incident.count, _count_text(incident)
    return None


def _best_incident(
    claims: list[_Claim], words: set[str], incidents: list[Incident]
) -> Incident | None:
    best: Incident | None = None
    best_score = 0
    for incident in incidents:
        score = 2 * len(words & _keywords(incident))
        for claim in claims:
            result = _compare(claim, incident, "")
            if result and result[0]:
                score += 10 if claim.detail == "id" else 4
        if score > best_score:
            best, best_score = incident, score
    return best


def _keywords(incident: Incident) -> set[str]:
    words = list(incident.keywords)
    if incident.unit:
        words.append(incident.unit)
    if not words:
        words = [w for w in _WORD.findall(incident.summary.lower()) if len(w) >= 5]
    return {_stem(w) for phrase in words for w in phrase.lower().split()} - _STEMMED_STOPWORDS


def _stem(word: str) -> str:
    """A crude stemmer: enough to match "shipments" with "shipment", "calls" with "called"."""
    for suffix in ("ies", "s", "ed", "ing"):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


_STEMMED_STOPWORDS = frozenset(_stem(w) for w in _STOPWORDS)


def _claims(sentence: Sentence, scenario: Scenario) -> list[_Claim]:
    text = sentence.masked
    claims = list(_id_claims(text, scenario))
    has_id = bool(claims)
    future = bool(_FUTURE.search(text))
    if not future:
        claims += _date_claims(text)
    if not future and (has_id or not _GOODWILL.search(text)):
        claims += _amount_claims(text)
    if not future:
        taken = [(c.start, c.end) for c in claims]
        claims += _count_claims(text, scenario, taken)
    return sorted(claims, key=lambda c: c.start)


def _id_claims(text: str, scenario: Scenario) -> Iterator[_Claim]:
    seen: list[tuple[int, int]] = []
    for m in _ID_WITH_WORD.finditer(text):
        kind = m.group("kind").lower()
        kind = "ticket" if kind in ("ticket", "case") else "invoice"
        seen.append(m.span())
        yield _Claim("id", m.start(), m.end(), m.group("id"), id_kind=kind)
    known = [v for i in scenario.incidents for v in (i.invoice, i.ticket) if v]
    prefixes = {_prefix(v) for v in known} - {""}
    for m in _BARE_ID.finditer(text):
        if any(s <= m.start() < e for s, e in seen):
            continue
        if _prefix(m.group(0)) in prefixes:
            yield _Claim("id", m.start(), m.end(), m.group(0))


def _prefix(ident: str) -> str:
    return re.sub(r"[^A-Z]", "", ident.upper().split("-")[0]) if "-" in ident else ""


def _same_id(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"[^0-9A-Z]", "", s.upper())

    digits_a, digits_b = re.sub(r"\D", "", a), re.sub(r"\D", "", b)
    return norm(a) == norm(b) or (bool(digits_a) and digits_a == digits_b)


def _date_claims(text: str) -> list[_Claim]:
    out: list[_Claim] = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(c.start <= m.start() < c.end or m.start() <= c.start < m.end() for c in out):
                continue
            claim = _date_claim(m)
            if claim is not None:
                out.append(_Claim("date", m.start(), m.end(), claim))
    return out


def _date_claim(m: re.Match[str]) -> _DateClaim | None:
    groups = m.groupdict()
    year = _year(groups.get("y"))
    if groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        options = tuple((mm, dd) for mm, dd in ((b, a), (a, b)) if 1 <= mm <= 12 and 1 <= dd <= 31)
        return _DateClaim(options, year) if options else None
    if groups.get("mon"):
        mon = groups["mon"]
        if mon.lower() == "may" and not mon[0].isupper():
            return None  # the verb "may"
        month = _MONTHS[mon.lower()]
    else:
        month = int(groups["m"])
    day = int(groups["d"]) if groups.get("d") else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return _DateClaim(((month, day),), year)


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    y = int(raw)
    return y + 2000 if y < 100 else y


def _amount_claims(text: str) -> list[_Claim]:
    out: list[_Claim] = []
    for pattern in _AMOUNT_PATTERNS:
        for m in pattern.finditer(text):
            if any(c.start <= m.start() < c.end for c in out):
                continue
            value = float(m.group("n").replace(",", ""))
            if m.groupdict().get("k"):
                value *= 1000
            out.append(_Claim("amount", m.start(), m.end(), value))
    return out


def _count_claims(text: str, scenario: Scenario, taken: list[tuple[int, int]]) -> list[_Claim]:
    nouns = {_stem(n) for n in _COUNT_NOUNS}
    nouns |= {_stem(i.unit.split()[-1].lower()) for i in scenario.incidents if i.unit}
    tokens = [(m.group(0).lower(), m.start(), m.end()) for m in _WORD.finditer(text)]
    out: list[_Claim] = []
    for i, (word, start, end) in enumerate(tokens):
        if any(s <= start < e for s, e in taken):
            continue
        if word in _ADVERBS:
            out.append(_Claim("count", start, end, _ADVERBS[word], noun="time"))
            continue
        number = _number(word)
        if number is None:
            continue
        for noun, _, noun_end in tokens[i + 1 : i + 4]:
            if _stem(noun) in nouns:
                out.append(_Claim("count", start, noun_end, number, noun=_stem(noun)))
                break
    return out


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    if word in _UNITS:
        return _UNITS[word]
    if word in _TENS:
        return _TENS[word]
    if "-" in word:
        tens, _, unit = word.partition("-")
        if tens in _TENS and unit in _UNITS and _UNITS[unit] < 10:
            return _TENS[tens] + _UNITS[unit]
    return None
