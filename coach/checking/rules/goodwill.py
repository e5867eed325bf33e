"""Rule: goodwill — a concrete parting gesture of value.

Refund, waived or cancelled invoice, credit, free months, no cancellation fee, a free data
handover. A refused or negated offer ("we cannot offer a refund") is not goodwill, and neither is
the client's own request for one ("your refund request").
"""

from __future__ import annotations

import re
from functools import lru_cache

from coach.checking.model import with_second_opinion
from coach.checking.rules.base import Hit, Rule, Severity
from coach.checking.rules.lexicon import FastPattern, negated_before
from coach.text import Sentence

_I = re.IGNORECASE
_OFFER = FastPattern(
    re.compile(
        r"\b(?:refund(?:ed|ing|s)?|reimburs\w+|money\s+back|pay\s+(?:you\s+)?back|"
        r"waiv(?:e|ed|ing|er)|(?:cancel|cancell?ing|cancell?ed|void|voiding|voided|write\s+off|"
        r"writing\s+off|written\s+off|wipe|wiping|wiped|scrap|scrapping|scrapped|drop|dropping|"
        r"forgive|forgiving|tear\s+up)\s+(?:\S+\s+){0,4}?(?:invoice|bill|fee|fees|charge|charges|"
        r"balance|amount|payment|debt|costs?|penalty|final\s+month|last\s+month)s?|"
        r"credit(?:ed|ing)?\s+(?:\S+\s+){0,4}?(?:account|card|you|bill|invoice)|(?:a|an|the|full|"
        r"partial|account|service|goodwill|store)\s+credit|[£$€₹]?\d[\d,.]*\s+credit|"
        r"credit(?:ing|ed)?\s+(?:you\s+)?(?:for\s+)?the\s+(?:whole|full|entire|rest|remainder)|"
        r"(?:for|is|are|be|'s|completely|entirely|totally)\s+free\b(?!\s+to\b)|"
        r"(?:a|an|one|two|three|the|your|this|my)\s+(?:\w+\s+)?free\s+(?!to\b|time\b|up\b|"
        r"rein\b|hand\b)\w+|free\s+of\s+(?:any\s+)?(?:\w+\s+)?(?:charge|cost|fees?|licen[cs]e)|"
        r"(?:(?:my|our)\s+(?:\w+\s+)?gift|as\s+a\s+(?:\w+\s+)?gift|gift\s+from\s+(?:us|me)|"
        r"consider\s+(?:it|this|that|them)\s+a\s+(?:\w+\s+)?gift)|"
        r"(?:stays?|remains?|keep\s+running|kept|hosted|host\s+it)\s+(?:\S+\s+){0,4}?free\b|,\s*free\s*[.!]?$|"
        r"you\s+(?:can|may|are\s+welcome\s+to)\s+keep\s+(?:the|all|your|any)|"
        r"keep\s+the\s+(?:\w+\s+)?(?:credit|points|voucher|vouchers)|"
        r"without\s+(?:the\s+|any\s+)?(?:usual\s+|normal\s+|standard\s+)?(?:\w+\s+)?(?:fee|charge|"
        r"penalty|cost)s?|call\s+(?:it|the\s+\w+(?:\s+\w+)?|that|this)\s+(?:even|square|quits)|"
        r"(?:will|'ll|shall|are\s+going\s+to)\s+be\s+(?:fully\s+|promptly\s+)?(?:refunded|reimbursed|"
        r"credited|waived|written\s+off|paid\s+back)|"
        r"(?:invoice|bill|balance|fee|fees|charge|charges|amount|debt|overage|payment|rent|costs?)"
        r"\s+(?:\S+\s+){0,6}?(?:has\s+been|have\s+been|is|are|will\s+be|'ll\s+be|'s\s+been|be)\s+"
        r"(?:\w+\s+)?(?:cancell?ed|waived|written\s+off|wiped|zeroed|refunded|credited|removed|"
        r"voided|scrapped|reduced\s+to\s+zero)|"
        r"consider\s+(?:\S+\s+){0,7}?(?:cancell?ed|settled|paid|void|waived|closed|written\s+off|wiped|"
        r"cleared)|"
        r"cancell?ed\s+(?:it|them|that)\s+(?:on\s+our\s+(?:end|side)|for\s+you)|"
        r"(?:don't|dont|do\s+not|no\s+need\s+to|no)\s+(?:worry|worries|bother)\s+(?:abt|about)\s+"
        r"(?:paying|the\s+(?:\S+\s+){0,2}?(?:payment|invoice|bill|fee|balance|charge)s?|the\s+outstanding)|"
        r"(?:not|won't|will\s+not|shall\s+not|shan't)\s+(?:be\s+)?(?:levying|levy|pursuing|pursue|"
        r"charging|applying|apply|enforcing|enforce|collecting|collect|claiming|claim|invoicing|billing|"
        r"seeking|seek|recovering|recover)\s+(?:the|any|your|an?|that|this)\s+(?:\w+\s+){0,3}?(?:charge|"
        r"fee|penalty|balance|amount|costs?|payment|invoice|sum)|"
        r"(?:they're|they\s+are|it's|it\s+is)\s+yours(?:\s+(?:now|to\s+keep))?\b|\byours\s+to\s+keep|"
        r"\bfree\s+for\s+(?:up\s+to\s+)?(?:\w+\s+)?(?:months?|weeks?|days?|a\s+\w+)|"
        r"(?:return|returning|refund|send\s+back|sending\s+back|give\s+back|pay\s+back|hand\s+back|"
        r"repay)\s+(?:your|the)\s+(?:\S+\s+){0,2}?(?:deposit|advance|retainer|bond|money|payment|"
        r"balance|fees?|amount|subscription)|(?:return|returning|refund|repay)\w*\s+(?:the|your)\s+"
        r"(?:unused|remaining|outstanding|prepaid|unspent)\b|no\s+(?:\w+\s+)?(?:fee|charge)s?\s+for\b|"
        r"zero(?:ed|ing)?\s+(?:out\s+)?(?:(?:your|the)\s+(?:\w+\s+)?(?:balance|invoice|bill|account)|it\b)|"
        r"(?:will|'ll|shall)\s+be\s+(?:fully\s+)?(?:returned|repaid|paid\s+back|refunded)\b|"
        r"be\s+(?:charging|billing|invoicing)\s+(?:you\s+)?(?:for|the)\b|no\s+need\s+to\s+pay\b|"
        r"(?:won't|will\s+not)\s+(?:be\s+)?chas(?:e|ing)\s+(?:it|this|that|the|any|you|payment)\b|"
        r"\bbin\s+(?:the|that|this)\s+(?:\w+\s+)?invoice\b|not\s+to\s+(?:bill|charge|invoice)\b|"
        r"(?:won't|will\s+not)\s+hold\s+you\s+to\b|\b(?:are|is)\s+yours\b|\bor\s+nothing\s+at\s+all\b|"
        r"(?:knock|take|bring)\w*\s+(?:\S+\s+){0,5}?(?:down\s+to\s+(?:zero|nil|nothing)|off\s+(?:the|your)\s+"
        r"(?:\w+\s+)?(?:bill|invoice|fee|price|balance|total))|"
        r"(?:put|pay|send|give|transfer|return)\w*\s+(?:\S+\s+){0,6}?back\s+(?:in|into|to|on)\s+"
        r"your\s+(?:\w+\s+)?(?:account|card|bank)|paid\s+back\s+to\s+your|"
        r"at\s+our\s+(?:own\s+)?(?:expense|cost)|"
        r"(?:won't|will\s+not|don't|do\s+not|shan't|needn't|need\s+not)\s+(?:\w+\s+){0,2}?"
        r"(?:be\s+(?:charged|billed|invoiced)|pay\s+(?:a\s+penny|anything|a\s+thing|for|the)|owe\s+"
        r"(?:us\s+)?(?:anything|a\s+thing|a\s+penny)|see\s+(?:a|an|any)\s+(?:bill|invoice|charge))|"
        r"(?:won't|will\s+not|wouldn't|shan't)\s+(?:\w+\s+)?(?:see|receive|get|be\s+seeing|be\s+"
        r"receiving|be\s+getting)\s+(?:a|an|any|the|our)\s+"
        r"(?:\w+\s+)?(?:bill|invoice|charge)|no\s+(?:further\s+|final\s+)?(?:bill|invoice)\s+(?:will|for)|"
        r"(?:nothing|no\s+more|no\s+further\s+(?:payment|amount|money))\s+(?:further\s+)?(?:is\s+|will\s+be\s+)?"
        r"(?:owed|owing|due|to\s+pay|payable)|nothing\s+(?:more|further)\s+to\s+pay|"
        r"call\s+it\s+(?:even|square|quits)|(?:keep|retain)\s+the\s+(?:deposit|advance|retainer|"
        r"balance|difference|equipment|materials|samples|kit|hardware|licen[cs]es?)|"
        r"revers(?:e|ed|ing)\s+(?:the|your|that|this|last)\s+(?:\w+\s+)?(?:charge|fee|payment|"
        r"transaction|invoice|debit)|throw(?:ing)?\s+in|(?:absorb|eat|swallow|bear|take\s+on)\w*\s+"
        r"(?:the|any|all|that|this)\s+(?:\w+\s+)?(?:cost|costs|fees?|loss|difference|charges?)|"
        r"without\s+charging|(?:goodwill\s+gesture|gesture\s+of\s+goodwill|as\s+a\s+(?:small\s+)?"
        r"(?:thank-?\s?you|token|gesture))|compensat(?:e|ion)|reimbursement|your\s+money\s+(?:back|will\s+"
        r"be\s+returned)|"
        r"(?:we'll|we\s+will|i'll|i\s+will|we're\s+happy\s+to|happy\s+to)\s+(?:\w+\s+)?pay\s+for\s+"
        r"(?:the|your)|keep\s+the\s+deposit|keep\s+(?:all\s+)?(?:the|your)\s+\w+\s+(?:\w+\s+)?"
        r"free|"
        r"free\s+(?:of\s+charge|months?|weeks?|support|service|sessions?|consultations?|handover|"
        r"migration|export|transfer|transition|access|extension|period|visit|hours?|licen[cs]es?|"
        r"copy|copies|backup|onboarding)|"
        r"(?:\w+\s+)?(?:months?|weeks?|days?|hours?|sessions?|visits?|quarter|year|term|season)\s+"
        r"(?:\w+\s+){0,2}?(?:free|on\s+us|"
        r"at\s+no\s+(?:extra\s+|additional\s+)?(?:cost|charge))|"
        r"at\s+no\s+(?:extra\s+|additional\s+|further\s+)?(?:cost|charge|expense)|no\s+charge|"
        r"free\s+of\s+charge|on\s+the\s+house|on\s+us|complimentary|gratis|"
        r"no\s+(?:early\s+)?(?:cancellation|termination|exit|exit|break|notice|admin|"
        r"administration|transfer|closing|closure|handover)\s+(?:fee|fees|charge|charges|penalty|"
        r"penalties|costs?)|"
        r"without\s+(?:any\s+)?(?:early\s+)?(?:(?:cancellation|termination|exit|break|notice)\s*(?:fee|fees|"
        r"charge|charges|penalty|penalties|costs?)|penalty|penalties)|"
        r"(?:won't|will\s+not|shan't|not\s+going\s+to|don't|do\s+not)\s+(?:\w+\s+)?(?:charge|"
        r"bill|invoice)\s+(?:you\s+)?(?:for|the|any)|"
        r"(?:won't|will\s+not)\s+(?:need\s+to\s+|have\s+to\s+)?pay\s+(?:for|the|any)|"
        r"(?:discount|discounted|reduc(?:e|ed|ing)\s+(?:your\s+|the\s+)?(?:final\s+)?(?:invoice|bill|"
        r"fee|rate)|half\s+price|\d+\s?%\s+off)|"
        r"(?:return|returning|give\s+back|refund)\s+(?:your|the)\s+(?:\w+\s+)?(?:deposit|retainer|"
        r"fee|payment|money)|"
        r"(?:cover|covering|absorb|absorbing|pick\s+up|bear)\s+(?:the\s+)?(?:\w+\s+){0,2}?"
        r"(?:cost|costs|fee|fees|expense|expenses|bill|tab)|"
        r"(?:extend|extending)\s+(?:your\s+)?(?:\w+\s+)?(?:access|subscription|licen[cs]e|"
        r"service|support)\s+(?:\w+\s+){0,4}?(?:free|at\s+no|without\s+charge|on\s+us)|"
        r"(?:export|transfer|hand\s+over|migrate|send)\s+(?:all\s+)?(?:of\s+)?(?:your\s+)?"
        r"(?:\w+\s+)?(?:data|files|records|content|designs|assets|source\s+files)\s+(?:\w+\s+){0,4}?"
        r"(?:free|at\s+no|without\s+charge|on\s+us|no\s+charge)"
        r")\b",
        _I,
    )
)
# Offers the writer refuses, or the client's own demands.
_REFUSED = re.compile(
    r"\b(?:non-?refundable|no\s+(?:\w+\s+)?(?:refunds?|credits?|discounts?|reimbursements?|"
    r"compensation)|(?:refunds?|credits?|discounts?)\s+(?:\w+\s+){0,3}?(?:not|cannot|can't|"
    r"won't|will\s+not|isn't|aren't)|not\s+(?:be\s+)?(?:eligible|entitled)|"
    r"(?:the|any|all|cancell?ation)\s+(?:\w+\s+)?(?:fees?|charges?)\s+(?:still\s+)?(?:appl(?:y|ies)|remains?|stands?|"
    r"(?:will\s+be|is|are)\s+(?:due|payable|charged))|(?:you|client)\s+(?:\w+\s+)?"
    r"(?:asked|requested|demanded|wanted|want|demand|request|are\s+asking|were\s+asking|"
    r"keep\s+asking|expect|expected|insist|insisted|has\s+been\s+declined)\s+(?:\w+\s+){0,3}?(?:for\s+)?(?:a\s+|an\s+)?"
    r"(?:\w+\s+)?(?:refund|credit|discount|waiver|money\s+back)|(?:require|need|want|seek|"
    r"claim|requested|asked\s+for)\s+(?:a\s+|any\s+)?refund|refund\s+you\s+(?:asked|requested|"
    r"wanted|demanded)|(?:refunds?|credits?|waivers?|discounts?)\s+(?:\w+\s+){0,3}?(?:is|are|"
    r"remains?|would\s+be)\s+(?:\w+\s+)?(?:out\s+of\s+the\s+question|not\s+(?:possible|"
    r"available|an\s+option|on\s+the\s+table)|off\s+the\s+table|at\s+our\s+discretion|only\s+"
    r"(?:available|possible|offered|given|issued|granted))|at\s+the\s+discretion\s+of|discretionary|"
    r"only\s+(?:available|possible|offered|"
    r"issued|given|granted)\s+(?:if|when|for|within|"
    r"under|where)|your\s+(?:\w+\s+)?(?:refund|"
    r"credit|discount|waiver)\s+(?:request|demand|claim)s?|(?:request|demand|claim)s?\s+for\s+"
    r"(?:a\s+)?(?:\w+\s+)?(?:refund|credit|discount))\b",
    _I,
)
_DEMANDED = re.compile(
    r"\b(?:demanded|demanding|requested|requesting|asked\s+for|asking\s+for|wanted|insisted\s+on|"
    r"claimed|claiming|threatened\s+to\s+demand)\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+)?(?:refund|credit|"
    r"discount|waiver|money\s+back)",
    _I,
)
_FEELS_FREE = re.compile(r"\bfeel\s+free\b", _I)
_COUNTERFACTUAL = re.compile(
    r"\b(?:would|'d|might|could)\s+(?:normally|usually|ordinarily|have|consider)|"
    r"\b(?:think|thought|thinking)\s+about\s*$|\bif\s+it\s+were\s+up\s+to|\bused\s+to\b|"
    r"\b(?:were|was|had\s+been)\s+going\s+"
    r"to|\bhad\s+(?:planned|hoped|intended|offered)\s+to|\bcould\s+have|\bwould\s+have\s*$",
    _I,
)
_WITHDRAWN = re.compile(
    r"^[^.!?]{0,30}\b(?:but\s+not|but\s+(?:[\w']+\s+){0,5}(?:won't|will\s+not|can't|cannot|"
    r"not\s+in\s+this|said\s+no|refused|declined|isn't\s+possible|not\s+possible|don't|"
    r"doesn't))",
    _I,
)
_HYPOTHETICAL_AFTER = re.compile(
    r"^\s*(?:[\w']+\s+){0,3}?(?:would|could)\s+(?:set|be|cost|mean|create|open)\b|^[^.!?]{0,40}\b(?:"
    r"if\s+(?:we|i|it)\s+(?:were|was|had)|ended|expired|ran\s+out|were\s+used|have\s+been\s+used|"
    r"applies\s+to\s+new|for\s+new\s+(?:clients|customers)\s+only|new\s+(?:clients|customers)\s+only|"
    r"doesn't\s+apply|does\s+not\s+apply|not\s+been\s+approved|has\s+been\s+declined)",
    _I,
)
_THIRD_PARTY = re.compile(
    r"\b(?:the\s+next\s+\w+|they|he|she|another\s+\w+|clinic|charity|council|helpline|"
    r"your\s+(?:bank|insurer|insurance|card\s+\w+|employer|accountant|lawyer|broker)|"
    r"(?:a|the)\s+\w+\s+(?:clinic|service|charity|agency|firm|company|provider|centre|center))\b"
    r"[^.!?]{0,50}$",
    _I,
)
_CONDITIONAL = re.compile(
    r"\b(?:if|provided|once|as\s+long\s+as|on\s+condition)\b[^.!?]{0,40}\b(?:you\s+)?(?:pay|paid|"
    r"clear|cleared|settle|settled|sign|signed|return|returned|withdraw|remove|delete|agree|agreed)\b",
    _I,
)


def detect(sentence: Sentence) -> list[Hit]:
    return list(_detect(sentence))


@lru_cache(maxsize=4096)
def _detect(sentence: Sentence) -> tuple[Hit, ...]:
    """Cached: the documented-facts rule asks about the same sentence's gestures."""
    text = sentence.masked
    if _FEELS_FREE.search(text) and not re.search(r"free\s+of\s+charge|at\s+no\s+", text, _I):
        text = _FEELS_FREE.sub(lambda m: " " * len(m.group(0)), text)
    hits = []
    refused = [(m.start(), m.end()) for m in _REFUSED.finditer(text)]
    refused += [(m.start(), m.end()) for m in _DEMANDED.finditer(text)]
    for m in _OFFER.finditer(text):
        phrase = m.group(0).lower()
        if any(s <= m.start() < e or s < m.end() <= e for s, e in refused):
            continue
        inherently_negative = phrase.startswith(
            ("no ", "without", "won't", "will not", "don't", "do not", "shan't", "not going")
        )
        if not inherently_negative and negated_before(text, m.start(), window=45):
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        if phrase.endswith("on us") and re.search(
            r"(?:\b(?:that|this|it|one)(?:'s|\s+is|\s+was)|\b(?:drop|dump|put|blame|land|spring|pin|"
            r"take)\w*(?:\s+\w+){0,2})\s*$",
            text[max(0, m.start() - 30) : m.start()] + phrase[: -len("on us")],
            _I,
        ):
            continue  # "that's on us" owns a fault; "drop this on us" is a complaint
        if _COUNTERFACTUAL.search(before) or _WITHDRAWN.match(text[m.end() : m.end() + 60]):
            continue
        if _CONDITIONAL.search(text[m.end() : m.end() + 60]):
            continue  # a deal on conditions, not a parting gift
        if _HYPOTHETICAL_AFTER.search(text[m.end() : m.end() + 70]) or re.search(
            r"\b(?:would|could)(?:\s+have|'ve)\b", phrase
        ):
            continue  # "waiving the fee would set a precedent", "would have been waived"
        if _THIRD_PARTY.search(text[: m.start()]) and not re.search(
            r"\b(?:we|i|our|us)\b", text[: m.start()], _I
        ):
            continue  # someone else's free service is an alternative, not our gesture
        if re.match(r"\s*\?", text[m.end() :]) and len(text.split()) <= 4:
            continue  # "Refund? For what exactly?"
        if re.search(r"\b(?:if|unless|whether)\b[^,.]{0,25}$", text[: m.start()], _I) and re.search(
            r"\b(?:you|your)\s+(?:\w+\s+)?(?:pay|settle|agree|sign|return)\b", text, _I
        ):
            continue  # conditional on the client doing something first: a deal, not a gift
        hits.append(Hit(m.start(), m.end()))
    return tuple(hits)


RULE = Rule(
    id="goodwill",
    title="Extend goodwill",
    why="A parting gesture of real value (a refund, a cancelled invoice, no exit fee) lets the "
    "client leave feeling like a winner, which ends things faster and more gracefully.",
    kind="step",
    severity=Severity.WARNING,
    detector=with_second_opinion(
        "goodwill",
        detect,
        rejected=r"\b(?:refund|waiv|credit|free\b|discount|complimentary|reimburs|compensat)",
    ),
    message="Goodwill gesture",
    suggestion="Offer something concrete, e.g. \"You shouldn't pay for an experience that didn't "
    "make you happy, so I'm issuing a refund for this past month.\"",
    should_pass=(
        "I'm issuing a refund for this past month.",
        "We will cancel the final invoice.",
        "There will be no cancellation fee.",
        "We'll export all your data free of charge.",
        "As a thank-you, the next two months are on us.",
    ),
    should_fail=(
        "We cannot offer a refund.",
        "You asked for a refund three times in May.",
        "The cancellation fee still applies.",
        "Please feel free to contact us with any questions.",
        "No refunds will be issued for partial months.",
    ),
)
