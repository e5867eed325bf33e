"""Rule: documented_facts — citing the documented situations behind the decision.

Specific incidents, dates, counts, tickets, invoices, contract scope or clauses, records or logs.
A date used only for logistics ("your account closes on 30 Nov") is not a documented situation,
and neither is a vague "there have been issues".
"""

from __future__ import annotations

import re

from coach.rules.base import Hit, Rule, Severity
from coach.rules.lexicon import find_all
from coach.text import Sentence

_I = re.IGNORECASE
_NUM = (
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|several|multiple|"
    r"numerous|a\s+dozen|dozens\s+of|a\s+number\s+of|a\s+couple\s+of|a\s+few|half\s+a\s+dozen|"
    r"over\s+\d+|more\s+than\s+\d+|at\s+least\s+\w+|no\s+fewer\s+than\s+\w+)"
)
_INCIDENT_NOUNS = (
    r"(?:times?|occasions?|calls?|phone\s+calls|emails?|messages|complaints?|tickets?|incidents?|"
    r"shipments?|deliveries|orders?|revisions?|rounds\s+of\s+\w+|requests?|change\s+requests?|"
    r"chargebacks?|late\s+payments?|missed\s+payments?|payments?|missed\s+\w+|no-shows?|"
    r"cancellations?|disputes?|escalations?|visits?|appointments?|meetings?|invoices?|"
    r"reminders?|refund\s+requests?|returns?|reworks?|re-?shoots?|redesigns?|drafts?|"
    r"versions?|amendments?|callouts?|call-?outs?|site\s+visits?|support\s+tickets?|"
    r"out-of-hours\s+\w+|weekend\s+\w+|after-hours\s+\w+|reports?|warnings?|notices?|"
    r"breaches|violations|instances?|days\s+late|weeks\s+late|hours\s+of\s+\w+|unpaid\s+hours|"
    r"extra\s+hours|additional\s+hours|overdue\s+\w+|outstanding\s+\w+|letters?|"
    r"voicemails?|texts?|reviews?|jobs?|projects?|sessions?|bookings?|months?\s+in\s+a\s+row)"
)
_DATE = (
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"[a-z]*\.?(?:,?\s+\d{4})?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
    r"\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"(?:last|this\s+past|on)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?:in|during|since|throughout)\s+(?:early\s+|mid-?|late\s+)?(?:january|february|march|"
    r"april|june|july|august|september|october|november|december)(?:\s+\d{4})?|"
    r"(?:last|this\s+past)\s+(?:week|month|quarter|year|spring|summer|autumn|fall|winter)|"
    r"(?:yesterday|the\s+day\s+before))"
)
# Past events a date can anchor ("on 3 March you called our office five times").
_EVENT_VERBS = (
    r"(?:called|rang|phoned|emailed|wrote|sent|shouted|yelled|swore|screamed|complained|"
    r"requested|asked|demanded|cancell?ed|rejected|returned|refused|disputed|raised|"
    r"reported|threatened|missed|failed|paid|arrived|delivered|told|said|insisted|changed|"
    r"escalated|filed|lodged|logged|posted|left|declined|withheld|ignored|contacted|"
    r"instructed|was\s+(?:late|returned|rejected|disputed|raised|overdue|due|missed|paid)|"
    r"were\s+(?:late|returned|rejected|raised|overdue|missed)|occurred|happened|took\s+place|"
    r"came\s+in|went\s+unpaid|bounced|lapsed|expired|breached|signed|agreed|confirmed|"
    r"approved|ordered|booked|visited|attended|walked\s+out|hung\s+up|accused|"
    r"had\s+to|spent|worked|logged|recorded|noted|documented|met|discussed|spoke|"
    r"received|issued|submitted|chased|reminded|queried|questioned)"
)
_LOGISTICS = re.compile(
    r"\b(?:will|shall|'ll|going\s+to|by|until|till|before|no\s+later\s+than|effective|"
    r"from|starting|as\s+of|deadline|due\s+on|closes?|closing|ends?|ending|expires?|"
    r"last\s+day|final\s+day|remain\s+(?:active|available|open)|access|handover|transition|"
    r"schedule[sd]?|next)\b",
    _I,
)

_STRONG = [
    re.compile(p, _I)
    for p in (
        # invoice / ticket / order / case ids
        r"\b(?:invoice|inv|ticket|case|order|po|purchase\s+order|ref(?:erence)?|job|claim|"
        r"work\s+order|credit\s+note|quote|estimate|incident|report|complaint|rma|sr|bug|issue)"
        r"\s*(?:no\.?|number|#|n[oº]\.?)?\s*[:#]?\s*[A-Z]{0,5}[-_/]?\d[\w/-]*\b",
        r"\b[A-Z]{2,6}[-_/]\d{2,}[\w/-]*\b",
        r"#\s?\d{3,}\b",
        # contract scope and clauses
        r"\b(?:clause|section|schedule|appendix|annex|article|paragraph|item)\s+\d+(?:\.\d+)*[a-z]?\b",
        r"\b(?:outside|beyond|out\s+of|exceeds?|exceeded|exceeding|not\s+(?:covered|included)\s+"
        r"(?:by|in|under))\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:scope|contract|agreement|statement\s+"
        r"of\s+work|sow|retainer|service\s+level|sla|terms|package|plan|quote|brief|"
        r"engagement\s+letter|remit)\b",
        r"\b(?:under|per|as\s+per|according\s+to|in\s+line\s+with|in\s+breach\s+of|breach(?:ed)?|"
        r"violat\w+|the\s+terms\s+of|as\s+set\s+out\s+in|as\s+stated\s+in|as\s+defined\s+in)\s+"
        r"(?:the\s+|our\s+|your\s+)?(?:\w+\s+){0,2}?(?:contract|agreement|terms|sow|statement\s+"
        r"of\s+work|retainer|service\s+level\s+agreement|sla|engagement\s+letter|purchase\s+order|"
        r"terms\s+of\s+(?:service|business|engagement))\b",
        r"\b(?:our|the|your)\s+(?:\w+\s+)?(?:contract|agreement|sow|statement\s+of\s+work|"
        r"retainer|sla)\s+(?:\w+\s+){0,2}?(?:covers|covered|includes|included|specifies|"
        r"specified|states|stated|says|said|allows|allowed|provides|provided|limits|caps|"
        r"capped|was\s+for|is\s+for|lists|listed|sets\s+out)\b",
        r"\b(?:agreed|contracted|quoted|budgeted|signed[- ]off|allotted|allocated|included)\s+"
        r"(?:\w+\s+){0,3}?(?:scope|hours|rounds|revisions|deliverables|budget|fee|price|"
        r"visits|sessions|pages|words)\b",
        # records and logs
        r"\b(?:our|the)\s+(?:\w+\s+){0,2}?(?:records|logs?|notes|files|call\s+logs?|"
        r"ticket\s+history|timesheets?|time\s+records|audit\s+trail|history|ledger|statements?|"
        r"books|accounts|figures|data|numbers|reports?|minutes|correspondence|system|crm|"
        r"tracking|dashboard|incident\s+reports?)\s+(?:\w+\s+)?(?:show|shows|showed|indicate|"
        r"indicates|indicated|confirm|confirms|confirmed|record|records|recorded|list|lists|"
        r"note|notes|reveal|reveals|tell|tells|suggest)\b",
        r"\b(?:according\s+to|as\s+(?:documented|recorded|logged|noted|detailed|outlined|listed)"
        r"\s+in|as\s+per|per)\s+(?:our|the|your)\s+(?:\w+\s+){0,2}?(?:records|logs?|notes|files|"
        r"timesheets?|tickets?|emails?|correspondence|minutes|reports?|history|statements?|"
        r"books|accounts|data|figures|system)\b",
        r"\b(?:documented|recorded|logged(?!\s+(?:in|out|on|off)\b)|on\s+record|minuted|"
        r"timestamped)\b",
        r"\b(?:your|the|our)\s+(?:email|e-mail|letter|message|voicemail|text|note|complaint|"
        r"call|review|post|request)\s+(?:of|dated|from|sent\s+on|on)\s+" + _DATE,
        # counted incidents: "five times", "14 revisions", "three late payments"
        r"\b" + _NUM + r"\s+(?:\w+\s+){0,2}?" + _INCIDENT_NOUNS + r"\b",
        r"\b(?:each|every|all|both)\s+(?:one\s+)?of\s+(?:the\s+|our\s+|your\s+)?(?:last|past|"
        r"previous|first|recent)\s+" + _NUM + r"\b",
        r"\b(?:the\s+)?(?:last|past|previous|first|recent)\s+" + _NUM + r"\s+(?:\w+\s+){0,2}?"
        + _INCIDENT_NOUNS + r"\b",
        r"\b(?:on\s+)?(?:every|each)\s+(?:single\s+)?(?:one\s+of\s+)?(?:\w+\s+)?(?:shipment|"
        r"delivery|order|invoice|visit|call|project|job|session|booking)\s+(?:since|this|in|over|"
        r"for|from)\b",
        # money and time figures about the account
        r"(?:[£$€]\s?\d[\d,.]*\s?(?:k|m|bn)?|\d[\d,.]*\s?(?:k\s)?(?:eur|usd|gbp|euros?|dollars|"
        r"pounds|aud|cad|inr|rupees|dirhams?|aed|sar)\b)\s+(?:\w+\s+){0,4}?(?:overdue|outstanding|"
        r"unpaid|owed|owing|in\s+arrears|past\s+due|loss|losses|lost|short|behind|written\s+off|"
        r"disputed|late|over\s+budget|below\s+cost|under\s+cost|more\s+than|less\s+than|"
        r"per\s+month|a\s+month|each\s+month|monthly|revenue|margin|cost|costs|costing|spent|"
        r"in\s+unbilled)\b",
        r"\b(?:overdue|outstanding|unpaid|owed|owing|in\s+arrears|lost|losing|cost\s+us|"
        r"costing\s+us|spent|written\s+off|billed|invoiced|charged\s+back)\s+(?:\w+\s+){0,4}?"
        r"(?:[£$€]\s?\d[\d,.]*|\d[\d,.]*\s?(?:eur|usd|gbp|euros?|dollars|pounds|%|percent|"
        r"hours?|days|weeks))",
        r"\b\d+(?:\.\d+)?\s?(?:%|percent|per\s+cent)\s+(?:\w+\s+){0,4}?(?:more|less|over|above|"
        r"below|loss|of\s+our|of\s+(?:the|your)\s+\w+|margin|time|revenue|workload|hours|"
        r"cost|costs|budget)\b",
        r"\b\d+(?:\.\d+)?\s+(?:unbilled|unpaid|extra|additional|uncharged|non-billable|"
        r"out-of-scope)\s+hours\b",
        r"\b(?:over|past|in|during|within|across)\s+the\s+(?:last|past)\s+(?:\d+|\w+)\s+"
        r"(?:days|weeks|months|years|quarters)\b[^.!?]{0,60}\b(?:\d+|two|three|four|five|six|"
        r"seven|eight|nine|ten|twelve|twenty)\b",
    )
]
_DATED_EVENT = re.compile(
    r"\b" + _DATE + r"\b", _I
)
_EVENT = re.compile(r"\b" + _EVENT_VERBS + r"\b", _I)
_PHONE = re.compile(r"(?:\+\d[\d\s-]{7,}|\b\d{3,4}[\s-]\d{3,4}[\s-]\d{3,4}\b)")


def _dated_events(text: str) -> list[tuple[int, int]]:
    """A date counts when it anchors a past event, not when it schedules what comes next."""
    spans = []
    for m in _DATED_EVENT.finditer(text):
        clause_lo = max(0, m.start() - 80)
        window = text[clause_lo : m.end() + 80]
        if not _EVENT.search(window):
            continue
        near = text[max(0, m.start() - 30) : m.start()]
        if _LOGISTICS.search(near) and not re.search(r"\b(?:on|in)\s*$", near, _I):
            continue
        if _LOGISTICS.search(window) and not _EVENT.search(text[max(0, m.start() - 60) : m.end() + 40]):
            continue
        spans.append((m.start(), m.end()))
    return spans


def detect(sentence: Sentence) -> list[Hit]:
    text = sentence.text  # quoting the client's own words is itself documentation
    spans = [s for s in find_all(_STRONG, text) if not _PHONE.fullmatch(text[s[0] : s[1]])]
    spans += _dated_events(text)
    return [Hit(s, e) for s, e in sorted(set(spans))]


RULE = Rule(
    id="documented_facts",
    title="Frame with documented situations",
    why="Recalling specific, recorded situations (dates, counts, tickets, invoices, the agreed "
    "scope) explains the decision without judging the person — facts are hard to argue with.",
    kind="step",
    severity=Severity.WARNING,
    detector=detect,
    message="Documented situation",
    suggestion="Recall the documented situations that led here, e.g. \"You have contacted us after "
    "each of the last five shipments to say your order was not satisfactory.\"",
    should_pass=(
        "You have contacted us after each of the last five shipments to say the order was wrong.",
        "Your request for weekend cover was outside the scope of our agreement.",
        "Invoice INV-2041 for £1,200 is now 60 days overdue.",
        "On 3 March you called our front desk four times.",
        "Our call logs show 14 support tickets in the past month.",
    ),
    should_fail=(
        "Your account will close on 30 November.",
        "There have been some issues lately.",
        "We will send your files by Friday 12 May.",
        "Thank you for the last three years.",
        "You are impossible to work with.",
    ),
)
