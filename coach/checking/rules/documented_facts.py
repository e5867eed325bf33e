"""Rule: documented_facts — citing the documented situations behind the decision.

Specific incidents, dates, counts, tickets, invoices, contract scope or clauses, records or logs,
and the client's own recorded words. A date used only for logistics ("your account closes on
30 Nov"), an amount that is only a payment demand or the refund itself, and a vague "there
have been issues" are not documented situations.
"""

from __future__ import annotations

import re

from coach.checking.model import with_second_opinion
from coach.checking.rules import goodwill
from coach.checking.rules.base import Hit, Rule, Severity
from coach.checking.rules.lexicon import any_of
from coach.text import QUOTE_MASK, Sentence

_I = re.IGNORECASE
_NUMBER_WORDS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|a\s+dozen|"
    r"a\s+hundred|hundreds\s+of"
)
_NUM = (
    rf"(?:\d[\d,.]*|{_NUMBER_WORDS}|(?:over|more\s+than|at\s+least|no\s+fewer\s+than)\s+"
    rf"(?:\d+|{_NUMBER_WORDS}))"
)
_INCIDENT_NOUNS = (
    r"(?:times?|occasions?|calls?|phone\s+calls|emails?|messages|complaints?|tickets?|incidents?|"
    r"shipments?|deliveries|orders?|revisions?|rounds|requests?|chargebacks?|payments?|"
    r"no-shows?|cancell?ations?|disputes?|escalations?|visits?|appointments?|meetings?|"
    r"invoices?|reminders?|returns?|reworks?|re-?shoots?|redesigns?|drafts?|versions?|"
    r"amendments?|call-?outs?|tickets?|warnings?|notices?|breaches|violations|instances?|"
    r"letters?|voicemails?|texts?|reviews?|jobs?|sessions?|bookings?|events?|errors?|"
    r"mistakes?|failures?|outages?|breakdowns?|faults?|crashes|leaks?|defects?|injuries|"
    r"bites?|matches|arguments|altercations|outbursts|confrontations|rows|reschedules|"
    r"rebookings|reprints?|resubmissions|re-?dos|changes|dishes|items|units|collections|"
    r"lessons|classes|shifts|nights|evenings|mornings|weekends|days\s+late|weeks\s+late|"
    r"hours\s+(?:late|of\s+\w+|over|beyond)|unbilled\s+hours|extra\s+hours|additional\s+hours|"
    r"overtime\s+hours|hours'\s+notice|minutes'\s+notice|cleans|covers|guests|transactions|"
    r"trades|instructions|queries|refunds?\s+requests?|site\s+visits?|repairs?)"
)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
_DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?(?:\s+(?:and|&|to|-)\s+\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
    rf"{_MONTHS}[a-z]*\.?(?:,?\s+\d{{4}})?|{_MONTHS}[a-z]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?"
    r"(?:,?\s+\d{4})?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"(?:last|this\s+past|on)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:night|morning|evening|afternoon))?|"
    r"(?:last|this\s+past)\s+(?:week|month|quarter|year|spring|summer|autumn|fall|winter)|"
    r"(?:yesterday|the\s+day\s+before|moving\s+day|on\s+the\s+day))"
)
_MONTH_NAME = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b(?!\s+(?:I|we)\b)"
)
_LOGISTICS = re.compile(
    r"\b(?:will|shall|'ll|going\s+to|until|till|no\s+later\s+than|effective|starting|as\s+of|"
    r"deadline|closes?|closing|expires?|last\s+day|final\s+day|remain|handover|transition|"
    r"scheduled|next|please|must|need\s+to|renew|renewal|renewing|notice\s+period|ends?|"
    r"ending|deleted|midnight|from\s+" + _MONTHS + r"|for\s+" + _MONTHS + r"|from\s+(?:the\s+)?"
    r"\d|by\s+(?:the\s+)?\d|before\s+(?:the\s+)?\d|by\s+"
    + _MONTHS
    + r"|before\s+"
    + _MONTHS
    + r")\b",
    _I,
)
# Words that make a date part of what happened, even in a sentence about next steps.
_STRONG_INCIDENT = re.compile(
    r"\b(?:incidents?|outage|complaint|complained|report|reported|footage|damaged|bit|shouted|"
    r"yelled|swore|threatened|pushed|crashed|flood|fire|breach|breached|bounced|overran|"
    r"delayed|missed|late|overdue|failed|came\s+back|expired|lapsed|lost|double-booked|flagged|"
    r"insisted|marked\s+down|rejected|disputed|bounced|returned\s+in\s+full)\b",
    _I,
)
# Words that make a date or a figure part of what happened.
_INCIDENT_WORDS = re.compile(
    r"\b(?:incident|outage|complaint|complained|report(?:ed)?|shows?|showed|found|logged|"
    r"recorded|missed|late|overdue|cancell?ed|failed|crashed|broke|broken|damaged|bit|"
    r"shouted|yelled|swore|threatened|pushed|refused|rejected|returned|disputed|changed|"
    r"called|rang|emailed|texted|wrote|told|said|asked|requested|demanded|sent|arrived|"
    r"took|cost|lost|came|went|was|were|had|did|happened|occurred|flood|fire|footage|"
    r"survey|audit|inspection\s+(?:on|of)\s+\d|found|exceeded|overran|delayed|added|grew|"
    r"grown|breach|breached|unpaid|bounced|reversed|withdrew|left|walked|hung|calling|saying|"
    r"describing|accusing|threatening|demanding|insisting|telling|asking|shouting|swearing)\b",
    _I,
)
_MARKERS = re.compile(
    r"\b(?:against|beyond|exceed\w*|more\s+than|over\s+(?:the|our|your)|caps?|capped|limit|"
    r"allowance|included|missing|failed|late|overdue|cancell?ed|changed|re-?\w+ed|returned|"
    r"rejected|complain\w*|incidents?|errors?|outages?|crash\w*|broke\w*|damag\w*|lost|missed|"
    r"after\s+(?:they|it|the\s+\w+)\s+(?:had|was|were)|on\s+the\s+day|less\s+than|short\s+notice|"
    r"notice|of\s+the\s+last|out\s+of|separate|consecutive|running|in\s+a\s+row|cost\s+(?:us|you)|"
    r"costing|loss|losses|unpaid|unbilled|extra|additional|overran|overrun|delayed|shout\w*|"
    r"threat\w*|swore|from\s+\d+\s+to|grown|grew|rose|jumped|doubled|tripled|averaged|"
    r"outside|excludes?|excluded|not\s+(?:covered|included)|"
    r"reprints?|had\s+to|needed|required|took|since|in\s+(?:the\s+)?(?:last|past))\b",
    _I,
)
# Payments asked for, or gestures offered: amounts and counts there describe the deal, not the past.
_DEAL = re.compile(
    r"\b(?:refund\w*|waiv\w+|credit\w*|complimentary|free|on\s+us|write\s+off|written\s+off|"
    r"cancel(?:l?ing)?\s+the|please\s+(?:settle|pay|remit|transfer)|settle|must\s+be\s+paid|"
    r"payable|(?:is|are|falls?|will\s+be)\s+due|within\s+\d+\s+days|before\s+we\s+release|"
    r"(?:fees?|charges?)\s+(?:still\s+)?apply|apply\s+as\s+per|no\s+refund|non-refundable|"
    r"discount\w*|gift|at\s+no\s+cost|at\s+our\s+expense|back\s+to\s+your|"
    r"(?:has|have|been|is|be)\s+cancell?ed|tear\s+up|tearing\s+up|settl\w*|applies|reminder|"
    r"will\s+be\s+sent|promptly|deposit|due\s+(?:in\s+full|on\s+receipt|by)|attached|"
    r"should\s+be\s+quoted|quote\s+(?:this|the)|remains?\s+due)\b",
    _I,
)
_PRAISE = re.compile(r"\b(?:never|not\s+once|without\s+(?:a|any)\s+single)\b", _I)
_BAD_NOUNS = re.compile(
    r"\b(?:errors?|mistakes?|failures?|outages?|complaints?|incidents?|late|missed|chargebacks?|"
    r"disputes?|escalations?|no-shows?|cancell?ations?|breaches|violations|crashes|leaks?|"
    r"defects?|injuries|bites?|arguments|outbursts|matches|reschedules|reprints?|re-?dos|"
    r"reworks?|warnings?|overdue|unpaid|bounced|returns?|rejections?|altercations)\b",
    _I,
)
_RECORD = re.compile(
    r"\b(?:records?|logs?|shows?|diary|reports?|contract|clause|section|scope|agreement|terms|"
    r"minutes|footage|register)\b",
    _I,
)
_OWN_REPETITION = re.compile(
    r"\b(?:explained|explain|said|say|told\s+you|tell\s+you|mentioned|asked\s+you|reminded\s+you|"
    r"repeated|repeat|stated)\s+(?:\w+\s+){0,4}$|\bmy\s+(?:last|previous|past)\s+$",
    _I,
)
_TERMINATION_BASIS = re.compile(
    r"\b(?:pursuant\s+to|in\s+accordance\s+with|under|as\s+permitted\s+by)\b[^.!?]{0,40}$",
    _I,
)
_TERMINATION = re.compile(
    r"\b(?:notice\s+of\s+termination|terminat\w+|notice\s+period|shall\s+take\s+effect|"
    r"hereby\s+give)\b",
    _I,
)
_EVENT_PAST = re.compile(
    r"\b(?:was|were|had|did|told|said|asked|called|sent|refused|missed|cancell?ed|changed|"
    r"requested|demanded|complained|raised|shouted|exceeded|fell|went|came|took|made)\b",
    _I,
)
_VAGUE = re.compile(r"\b(?:some|several|a\s+few|various|certain|many|a\s+number\s+of|recent)\b", _I)

_STRONG = any_of(
    (
        # invoice / ticket / order / case ids
        r"\b(?:invoice|inv|ticket|case|order|po|purchase\s+order|ref(?:erence)?|job|claim|"
        r"work\s+order|credit\s+note|incident|rma|sr|bug)s?\s*(?:no\.?|numbers?|#|n[oº]\.?)?\s*"
        r"[:#]?\s*[A-Z]{0,5}[-_/]?\d[\w/-]*\b",
        r"\b[A-Z]{2,6}[-_/]\d{2,}[\w/-]*\b",
        r"#\s?\d{3,}\b",
        # contract scope and clauses
        r"\b(?:clause|section|schedule|appendix|annex|article|paragraph)\s+(?:\d+(?:\.\d+)*[a-z]?|"
        r"[A-Z]\b)",
        r"\b(?:outside|beyond|out\s+of|exceeds?|exceeded|exceeding|not\s+(?:covered|included)\s+"
        r"(?:by|in|under))\s+(?:the\s+)?(?:scope\s+of\s+(?:the\s+|our\s+|your\s+)?(?:\w+\s+)?"
        r"(?:contract|agreement|sow|retainer|engagement|plan|package|brief|service)|"
        r"(?:agreed|contracted|original|project|contract|quoted)\s+scope|"
        r"(?:\w+\s+){0,2}?(?:contract|agreement|statement\s+of\s+work|sow|retainer|service\s+level|"
        r"sla|engagement\s+letter|licen[cs]e|lease|brief|quote|remit|plan|package|mandate|"
        r"expertise))\b",
        r"\b(?:under|per|as\s+per|according\s+to|in\s+line\s+with|in\s+breach\s+of|breach(?:ed)?|"
        r"violat\w+|the\s+terms\s+of|as\s+set\s+out\s+in|as\s+stated\s+in|as\s+defined\s+in|"
        r"in\s+accordance\s+with)\s+(?:the\s+|our\s+|your\s+)?(?:\w+\s+){0,2}?(?:contract|"
        r"agreement|terms|sow|statement\s+of\s+work|retainer|service\s+level\s+agreement|sla|"
        r"engagement\s+letter|purchase\s+order|mandate|policy|licen[cs]e|lease)\b",
        r"\b(?:our|the|your)\s+(?:\w+\s+)?(?:contract|agreement|sow|statement\s+of\s+work|"
        r"retainer|sla|engagement\s+letter|licen[cs]e|lease|mandate|service\s+plan|policy|quote|"
        r"estimate|proposal)\s+"
        r"(?:\w+\s+){0,4}?(?:covers|covered|includes|included|specifies|specified|states|stated|"
        r"says|said|allows|allowed|provides|provided|limits|caps|capped|was\s+for|is\s+for|"
        r"lists|listed|sets\s+out|excludes|excluded|does\s+not\s+(?:allow|cover|include)|"
        r"doesn't\s+(?:allow|cover|include))\b",
        r"\b(?:agreed|contracted|quoted|budgeted|signed[- ]off|allotted|allocated)\s+"
        r"(?:\w+\s+){0,3}?(?:scope|hours|rounds|revisions|deliverables|budget|visits|sessions|"
        r"pages|words|window|deadline|delivery\s+window|change\s+window)\b",
        # records and logs
        r"\b(?:our|the|your|my)\s+(?:\w+\s+){0,2}?(?:records|logs?|notes|files|call\s+logs?|"
        r"ticket\s+history|timesheets?|time\s+records|audit\s+trail|history|ledger|statements?|"
        r"books|accounts|figures|data|numbers|reports?|minutes|correspondence|system|crm|"
        r"tracking|dashboard|register|footage|list|sheet|survey|count|diary|logbook|tracker|"
        r"spreadsheet)\s+(?:\w+\s+){0,4}?"
        r"(?:show|shows|showed|indicate|indicates|indicated|confirm|confirms|confirmed|record|"
        r"records|recorded|list|lists|note|notes|noted|reveal|reveals|tell|tells|has|have|found|"
        r"finds)\b",
        r"\b(?:according\s+to|as\s+(?:documented|recorded|logged|noted|detailed|outlined|listed)"
        r"\s+in|as\s+per|per|looking\s+(?:at|back\s+(?:at|through)|through)|gone\s+back\s+through|"
        r"reviewed)\s+(?:our|the|your)\s+(?:\w+\s+){0,2}?(?:records|logs?|notes|files|timesheets?|"
        r"tickets?|emails?|correspondence|minutes|reports?|history|statements?|books|accounts|"
        r"data|figures|system|register|bookings|diary|calendar)\b",
        r"\b(?:documented|recorded|logged(?!\s+(?:in|out|on|off)\b)|on\s+record|minuted|"
        r"timestamped)\b",
        # counted incidents: "five times", "14 revisions", "7 of the last 10"
        r"\b" + _NUM + r"\s+(?:\w+\s+){0,2}?" + _INCIDENT_NOUNS + r"\b",
        r"\b" + _NUM + r"\s+(?:of|out\s+of)\s+(?:the\s+|your\s+|our\s+)?(?:last\s+|past\s+)?\d+",
        r"\b(?:each|every|all|both)\s+(?:one\s+)?of\s+(?:the\s+|our\s+|your\s+)?(?:last|past|"
        r"previous|first|recent)\s+" + _NUM + r"\b",
        r"\b(?:the\s+)?(?:last|past|previous|first|recent)\s+"
        + _NUM
        + r"\s+(?:\w+\s+){0,2}?"
        + _INCIDENT_NOUNS
        + r"\b",
        r"\b\d+(?:\.\d+)?\s+(?:unbilled|unpaid|extra|additional|uncharged|non-billable|"
        r"out-of-scope)\s+hours\b",
        r"\b\d+\s+days\s+(?:late|after|past|overdue|beyond)\b",
        r"\b(?:from|grown\s+from|grew\s+from|rose\s+from|up\s+from)\s+\d[\d,.]*\s+to\s+\d[\d,.]*",
        r"\bthe\s+(?:\w+\s+)?(?:incident|episode|altercation|exchange|confrontation|argument|outburst|"
        r"row|dispute|accident|breach|outage|no-show|walkout|scene)\s+(?:at|on|in|during|where|"
        r"when|involving|with|of|over|about|last|that)\b",
        r"\b(?:when|after|the\s+day|the\s+time|the\s+night|the\s+morning)\s+(?:you|your\s+\w+)\s+"
        r"(?:\w+\s+)?(?:shouted|yelled|screamed|swore|threatened|pushed|shoved|called|told|refused|"
        r"cancell?ed|walked\s+out|hung\s+up|posted|accused|insulted|demanded|insisted|turned\s+up|"
        r"arrived|failed|missed|left|sent|wrote|emailed|texted|rang|phoned)\b",
        r"\b(?:you|your\s+(?:\w+\s+)?\w+)\s+(?:\w+\s+)?(?:told|refused|walked\s+out|bit|emailed|"
        r"rang|phoned|texted|messaged|accused|instructed|blocked|locked\s+out|hung\s+up\s+on|"
        r"turned\s+away|sent\s+away|kicked|hit|slapped|spat)\s+(?:our|my|the\s+press|us|me)\b",
        r"\b(?:the|your)\s+(?:email|e-mail|message|letter|call|voicemail|text|post|review|comment|"
        r"meeting|note)\s+(?:in\s+which|where|when)\s+you\b",
        r"\b(?:minutes?|report|photographs?|photos|footage|logs?|register|recording|transcript|"
        r"signed\s+copy|sign-in\s+sheet|delivery\s+note|timesheet|audit)\b[^.!?]{0,50}?\b(?:shows?|"
        r"showed|records?|recorded|names?|named|confirms?|confirmed|states?|notes?|noted|lists?)\b",
        r"\b(?:approved|agreed|confirmed|signed(?:\s+off)?|accepted|requested|instructed)\s+"
        r"(?:\w+\s+){0,2}?in\s+writing\b",
        r"\b(?:contract|agreement|engagement\s+letter|lease|policy)'s\s+(?:\w+\s+)?(?:clause|"
        r"section|terms?|schedule|exclusions?)\b",
        r"\bthe\s+(?:night|day|morning|evening|week|afternoon)\s+(?:the|our|your|you|we)\s+"
        r"(?:\w+\s+){0,3}?(?:failed|broke|went|arrived|left|crashed|flooded|called|shouted|"
        r"cancell?ed|refused|happened|went\s+in|were\s+installed)\b",
        r"\b(?:at|during)\s+the\s+(?:\w+\s+){0,2}?(?:event|meeting|call|visit|inspection|handover|"
        r"appointment|launch|party|shoot|wedding|install|installation|session|review)\b[^.!?]{0,60}?"
        r"\b(?:you|your\s+\w+)\s+(?:\w+\s+)?(?:told|said|refused|shouted|walked|swore|threatened|"
        r"demanded|insisted|left|called|asked|pushed|accused)\b",
        r"\b(?:you|your\s+\w+)\s+(?:\w+\s+)?(?:shouted\s+at|yelled\s+at|screamed\s+at|swore\s+at|"
        r"threatened|pushed|shoved|grabbed|insulted|refused\s+to\s+let)\s+(?:our|my|one\s+of\s+our)\s+\w+",
        r"\b(?:not|never)\s+(?:been\s+)?(?:part\s+of|in|included\s+in|covered\s+by)\s+(?:the|our|your)\s+"
        r"(?:\w+\s+)?(?:contract|agreement|engagement\s+letter|scope|retainer|sow|brief|quote|package|"
        r"plan)\b",
        r"\b(?:in|under|within)\s+(?:our|the|your)\s+(?:\w+\s+)?(?:contract|agreement|engagement\s+"
        r"letter|sow|retainer|lease|licen[cs]e)\b[^.!?]{0,60}?\b(?:excluded|excludes|not\s+covered|"
        r"limited|capped)\b",
        r"\b(?:your|the)\s+(?:email|e-mail|message|voicemail|text|letter|call|note|review|post|comment)"
        r"\s+(?:on|of|from|dated|last)\s+(?:[\w'-]+\s+){1,3}?(?:threatened|said|called|calling|"
        r"described|describing|accused|accusing|told|demanded|insisted|complained|claimed)\b",
    )
)
_MONEY = re.compile(
    r"(?:[£$€₹]\s?\d[\d,.]*\s?(?:k|m|bn)?|\b\d[\d,.]*\s?(?:eur|usd|gbp|euros?|dollars|pounds|"
    r"aud|cad|inr|rupees|dirhams?|aed|sar|naira|ngn)\b)",
    _I,
)
_FIGURE = re.compile(
    rf"\b(?:\d[\d,.]*\s?(?:%|per\s?cent|gb|tb|mb|kg|km|miles|hours?|hrs|minutes|days|weeks|"
    rf"covers|guests|people|employees|staff|vehicles|sites|units|items|pages|words|users|"
    rf"seats|amp|-amp|\w+)|(?:{_NUMBER_WORDS})\s+(?:\w+\s+)?(?:\w+s))\b",
    _I,
)
_WEAK_DATE = re.compile(
    r"(?:(?:last|this\s+past|on)\s+\w+(?:\s+\w+)?|(?:in|during|since|throughout)\s+\w+(?:\s+\d{4})?|"
    r"[A-Z][a-z]+|yesterday|the\s+day\s+before|moving\s+day|on\s+the\s+day)",
    _I,
)
_CLIENT_EVENT = re.compile(
    r"\b(?:you|your\s+(?:\w+\s+)?\w+)\s+(?:\w+\s+)?(?:\w+ed|told|said|sent|wrote|rang|left|made|"
    r"took|gave|came|went|threw|spoke|broke)\b",
    _I,
)
_DATED = re.compile(r"\b" + _DATE + r"\b", _I)
_QUOTED_WORDS = re.compile(
    r"\b(?:you|your\s+(?:\w+\s+)?(?:message|email|e-mail|text|voicemail|review|post|letter|"
    r"note|comment|reply|tweet)s?)\b[^.!?]{0,60}?\b(?:said|told|wrote|called|calling|"
    r"described|accused|texted|emailed|posted|left|described|referred\s+to|labelled|"
    r"labeled|shouted|screamed|yelled)\b",
    _I,
)


def _clause(text: str, start: int, end: int) -> str:
    lo, hi = _clause_bounds(text, start, end)
    return text[lo:hi]


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(text.rfind(";", 0, start), text.rfind(" but ", 0, start))
    his = [i for i in (text.find(";", end), text.find(" but ", end)) if i != -1]
    return lo + 1, (min(his) if his else len(text))


def _near_deal(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 45) : end + 45]
    return bool(_DEAL.search(window))


def _dates(text: str) -> list[tuple[int, int]]:
    """A date anchors a documented situation unless its clause only schedules what comes next."""
    spans = []
    found = [(m.start(), m.end()) for m in _DATED.finditer(text)]
    found += [(m.start(), m.end()) for m in _MONTH_NAME.finditer(text)]
    for s, e in found:
        clause = _clause(text, s, e)
        if _LOGISTICS.search(clause) and not _STRONG_INCIDENT.search(clause):
            continue
        if _near_deal(text, s, e) and not _STRONG_INCIDENT.search(clause):
            continue
        if not (_INCIDENT_WORDS.search(clause) or _MARKERS.search(clause)):
            continue  # "thank you for your email of 2 June": a date, but no situation
        if (
            _WEAK_DATE.fullmatch(text[s:e])
            and not _STRONG_INCIDENT.search(clause)
            and not _CLIENT_EVENT.search(clause)
        ):
            continue  # "last winter", "on Monday", "March": too vague on their own
        spans.append((s, e))
    return spans


def _figures(text: str) -> list[tuple[int, int]]:
    """Counts and amounts in a clause that also says what went wrong or what was agreed."""
    spans = []
    for pattern in (_MONEY, _FIGURE):
        for m in pattern.finditer(text):
            clause = _clause(text, m.start(), m.end())
            if _near_deal(text, m.start(), m.end()) or _LOGISTICS.search(clause):
                continue
            if _PRAISE.search(clause):
                continue
            if _MARKERS.search(clause) and not re.fullmatch(r"\d{4}", m.group(0).strip()):
                spans.append((m.start(), m.end()))
    return spans


def _quoted_words(sentence: Sentence) -> list[tuple[int, int]]:
    """The client's own recorded words ("you told our manager she was '...'") are documentation."""
    if QUOTE_MASK not in sentence.masked:
        return []
    m = _QUOTED_WORDS.search(sentence.masked)
    return [(m.start(), m.end())] if m else []


def detect(sentence: Sentence) -> list[Hit]:
    text = sentence.text
    spans = _strong(text) + _dates(text) + _figures(text) + _quoted_words(sentence)
    gestures = [(h.start, h.end) for h in goodwill.detect(sentence)]
    if gestures:
        # An invoice, month or count that is the object of the gesture ("we've cancelled
        # INV-0912", "March is on us") describes the deal, not the situation behind it.
        spans = [
            sp
            for sp in spans
            if _RECORD.search(text[sp[0] : sp[1]]) or not _object_of(text, sp, gestures)
        ]
    return [Hit(s, e) for s, e in sorted(set(spans))]


def _object_of(text: str, span: tuple[int, int], gestures: list[tuple[int, int]]) -> bool:
    lo, hi = _clause_bounds(text, *span)
    clause = text[lo:hi]
    near = any(lo <= g0 < hi and abs(g0 - span[0]) <= 45 for g0, _ in gestures)
    return near and not _STRONG_INCIDENT.search(clause) and not _BAD_NOUNS.search(clause)


def _strong(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _STRONG.finditer(text):
        s, e = m.start(), m.end()
        matched = m.group(0)
        clause = _clause(text, s, e)
        incident = _STRONG_INCIDENT.search(clause) or _BAD_NOUNS.search(matched)
        if _near_deal(text, s, e) and not incident:
            continue  # "per our terms, no refund", "INV-3307 is due": the deal, not the situation
        if _LOGISTICS.search(clause) and not incident and not _EVENT_PAST.search(clause):
            continue  # "files will be archived in line with policy"
        if _VAGUE.search(text[max(0, s - 40) : s]) and not re.search(r"\d", text):
            continue
        if _OWN_REPETITION.search(text[max(0, s - 45) : s]):
            continue  # "as I have explained three times": the writer's own count
        if _TERMINATION.search(text) and _TERMINATION_BASIS.search(text[max(0, s - 45) : s]):
            continue  # "pursuant to clause 14.1": the mechanism of ending, not the reason
        out.append((s, e))
    return out


RULE = Rule(
    id="documented_facts",
    title="Frame with documented situations",
    why="Recalling specific, recorded situations (dates, counts, tickets, invoices, the agreed "
    "scope) explains the decision without judging the person — facts are hard to argue with.",
    kind="step",
    severity=Severity.WARNING,
    detector=with_second_opinion("documented_facts", detect),
    message="Documented situation",
    suggestion='Recall the documented situations that led here, e.g. "You have contacted us after '
    'each of the last five shipments to say the order was not satisfactory."',
    should_pass=(
        "You have contacted us after each of the last five shipments to say the order was wrong.",
        "Your request for weekend cover was outside the scope of our agreement.",
        "Invoice INV-2041 for £1,200 is now 60 days overdue.",
        "On 3 March you called our front desk four times.",
        "Our call logs show 14 support tickets in the past month.",
        "The server outage on 4 April took your shop offline for six hours.",
    ),
    should_fail=(
        "Your account will close on 30 November.",
        "There have been some issues lately.",
        "We will send your files by Friday 12 May.",
        "Thank you for the last three years.",
        "You are impossible to work with.",
        "Please settle the outstanding balance of $1,480 within 14 days.",
    ),
)
