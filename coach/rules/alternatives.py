"""Rule: alternatives — pointing the client to other providers or options.

Named firms, "I can recommend two agencies", a list of installers, an introduction. Telling
them to "find another way on your own" or "take your business elsewhere" offers nothing.
"""

from __future__ import annotations

import re

from coach.rules.base import Hit, Rule, Severity
from coach.rules.lexicon import negated_before
from coach.text import Sentence

_I = re.IGNORECASE
_PROVIDER = (
    r"(?:agenc(?:y|ies)|firms?|provid(?:er|ers)|suppliers?|vendors?|companies|company|"
    r"installers?|contractors?|consultants?|consultanc(?:y|ies)|practices?|partners?|studios?|"
    r"specialists?|freelancers?|accountants?|lawyers?|solicitors?|attorneys?|designers?|"
    r"developers?|caterers?|cleaners?|clinics?|salons?|stylists?|photographers?|planners?|"
    r"platforms?|tools?|services?|teams?|shops?|colleagues?|peers?|competitors?|options?|"
    r"alternatives?|businesses|outfits?|people|professionals?|experts?|printers?|builders?|"
    r"plumbers?|electricians?|hosts?|carriers?|couriers?|garages?|mechanics?|tutors?|"
    r"therapists?|coaches?|trainers?|bookkeepers?|advisers?|advisors?|brokers?|venues?|"
    r"labs?|laboratories|manufacturers?|wholesalers?|distributors?|resellers?|integrators?|"
    r"product|products|software|solutions?|offices?|branches|resources?|directory|list)"
)
_POINTERS = [
    re.compile(p, _I)
    for p in (
        r"\b(?:i|we)(?:'d|\s+would|\s+can|\s+could|'m\s+happy\s+to|\s+am\s+happy\s+to|"
        r"'re\s+happy\s+to|\s+are\s+happy\s+to|\s+will|'ll|\s+warmly|\s+strongly|\s+highly)?\s+"
        r"(?:\w+\s+)?(?:recommend(?:ed)?|suggest(?:ed)?)\b(?!\s+(?:that\s+)?you\s+(?:\w+\s+)?"
        r"(?:pay|settle|return|sign|contact\s+us|reach\s+out\s+to\s+us|review|read|keep|"
        r"check|consider\s+your|look\s+at\s+your|stop|find|look\s+for|seek|search))",
        r"\b(?:recommend(?:ation|ations)?|referrals?|introductions?)\s+(?:for|to|of)\b",
        r"\b(?:refer|referring|introduce|introducing|connect|connecting|put\s+you\s+in\s+touch|"
        r"putting\s+you\s+in\s+touch|pass\s+your\s+details|hand\s+you\s+over|transfer\s+you)\s+"
        r"(?:you\s+)?(?:\w+\s+){0,2}?(?:to|with)\b",
        r"\b(?:you\s+)?(?:may|might|could|should|would)\s+(?:\w+\s+)?(?:want\s+to\s+|wish\s+to\s+|"
        r"like\s+to\s+)?(?:try|consider|look\s+(?:at|into)|contact|reach\s+out\s+to|speak\s+to|"
        r"talk\s+to|get\s+in\s+touch\s+with|check\s+out|approach|explore)\s+(?:\w+\s+){0,3}?"
        r"(?:[A-Z][\w&'-]+|" + _PROVIDER + r")",
        r"\b(?:here\s+(?:is|are)|i've\s+attached|we've\s+attached|i\s+have\s+attached|"
        r"we\s+have\s+attached|attached\s+is|enclosed\s+is|i've\s+included|we've\s+included|"
        r"below\s+(?:is|are)|i've\s+put\s+together|we've\s+put\s+together|i've\s+listed|"
        r"we've\s+listed|i've\s+compiled|we've\s+compiled)\s+(?:\w+\s+){0,4}?(?:list|names?|"
        r"contacts?|details|shortlist|few|some|couple|handful|" + _PROVIDER + r")\b",
        r"\b(?:other|alternative|another|local|specialist|larger|smaller|bigger|dedicated|"
        r"trusted|reputable|excellent|good|great|respected|established)\s+(?:\w+\s+)?"
        + _PROVIDER
        + r"\s+(?:\w+\s+){0,2}?(?:such\s+as|like|including|e\.g\.|for\s+example|who|that|which)\b",
        r"\b(?:two|three|four|five|several|a\s+few|a\s+couple\s+of|some)\s+(?:\w+\s+){0,2}?"
        + _PROVIDER
        + r"\s+(?:\w+\s+){0,4}?(?:who|that|which|you\s+could|you\s+might|you\s+may|worth|"
        r"i\s+trust|we\s+trust|we\s+know|i\s+know|we\s+work\s+with|we've\s+worked|in\s+your\s+area|"
        r"nearby|locally|that\s+specialise|that\s+specialize|specialising|specializing)\b",
        r"\b(?:may|might|would|could|will)\s+(?:\w+\s+)?(?:be\s+(?:a\s+)?(?:better|good|great|"
        r"stronger|closer)\s+(?:fit|match|suited|placed|option|choice)|suit\s+you\s+better|"
        r"serve\s+you\s+better|be\s+better\s+(?:able|placed|suited|equipped)|meet\s+your\s+needs\s+"
        r"better|look\s+after\s+you\s+better|be\s+more\s+suited)\b",
        r"\b(?:better|best)\s+(?:suited|placed|equipped)\s+to\s+(?:help|serve|support|handle|meet)\b",
        r"\b(?:specialis|specializ)(?:e|es|ed|ing)\s+in\b",
        r"\b(?:has|have)\s+(?:an?\s+)?(?:excellent|great|good|strong)\s+(?:reputation|"
        r"track\s+record)\b",
        r"\b(?:i|we)(?:'ve|\s+have)\s+(?:already\s+)?(?:spoken|talked)\s+(?:to|with)\s+"
        r"(?:\w+\s+){0,3}?(?:who|and\s+they|and\s+she|and\s+he)\b",
        r"\b(?:their|her|his)\s+(?:contact\s+)?(?:details|number|email|website)\s+(?:is|are)\b",
        r"\bhappy\s+to\s+(?:make\s+an\s+introduction|make\s+introductions|share\s+(?:some\s+)?"
        r"(?:names|contacts|recommendations))\b",
        r"\b(?:options|alternatives)\s+(?:include|are|such\s+as|like)\b",
    )
]
_DISMISSIVE = re.compile(
    r"\b(?:on\s+your\s+own|yourself|yourselves|your\s+own\s+way|take\s+your\s+business\s+"
    r"elsewhere|go\s+elsewhere|look\s+elsewhere|not\s+our\s+concern|not\s+our\s+problem|"
    r"put\s+up\s+with|tolerate|someone\s+else's\s+problem)\b",
    _I,
)


def detect(sentence: Sentence) -> list[Hit]:
    text = sentence.masked
    if _DISMISSIVE.search(text) and not re.search(r"[A-Z][a-z]+\s+(?:&|and)\s+[A-Z]", text):
        return []
    hits = []
    for pattern in _POINTERS:
        for m in pattern.finditer(text):
            if negated_before(text, m.start(), window=30):
                continue
            hits.append(Hit(m.start(), m.end()))
    return hits


RULE = Rule(
    id="alternatives",
    title="Offer alternatives",
    why="Pointing the client to where they can pick up from where you leave them means they are "
    "not left hanging — and makes the goodbye feel like help rather than rejection.",
    kind="step",
    severity=Severity.WARNING,
    detector=detect,
    message="Alternatives offered",
    suggestion="Tell them where they can be served next, e.g. \"You may want to try X, Y or Z. One "
    "of them may serve you better now.\"",
    should_pass=(
        "You may want to try Brightline or Northway Media; either may serve you better now.",
        "I can recommend two agencies that specialise in weekend events.",
        "I've attached a list of certified installers in your area.",
        "I'd be happy to introduce you to a colleague at Harper & Cole.",
    ),
    should_fail=(
        "You'll have to find another way on your own.",
        "Feel free to take your business elsewhere.",
        "We can't recommend anyone else.",
        "We recommend that you settle the final invoice by Friday.",
        "I'm sure some other firm will put up with this.",
    ),
)
