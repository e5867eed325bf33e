"""Rule: alternatives — pointing the client to other providers or options.

Named firms, "I can recommend two agencies", a list of installers, an introduction. Telling
them to "find another way on your own" or "take your business elsewhere" offers nothing.
"""

from __future__ import annotations

import re

from coach.checking.model import with_second_opinion
from coach.checking.rules.base import Hit, Rule, Severity
from coach.checking.rules.lexicon import case_aware_any_of, negated_before
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
    r"nurser(?:y|ies)|kennels?|schools?|tutors?|writers?|childminders?|opticians?|dentists?|"
    r"physios?|hospitals?|agents?|recruiters?|hosting|hosts?|insurers?|"
    r"labs?|laboratories|manufacturers?|wholesalers?|distributors?|resellers?|integrators?|"
    r"product|products|software|solutions?|offices?|branches|resources?|directory|list)"
)
# A capitalised name: "Wren & Co", "Harlow & Finch Accountants", "Ms Osei", "CleanRoute".
_CAP = r"(?:[A-Z][\w'’-]*|[A-Z]{2,})"
_ENTITY = rf"{_CAP}(?:\s+(?:&|and|of|on|at|de|la|du|von|van)\s+{_CAP}|\s+{_CAP}|\s+&\s+Co\.?)*"
_SERVICE_AFTER = re.compile(
    rf"(?P<e>{_ENTITY})(?:\s*,)?\s+(?:[\w'’-]+,?\s+){{0,5}}?(?:"
    r"(?:who|which|that)\s+(?:\w+\s+)?(?:do|does|did|offer|offers|provide|provides|run|runs|"
    r"handle|handles|specialise|specialize|specialises|specializes|cover|covers|stock|stocks|"
    r"install|installs|supply|supplies|focus|focuses|work|works|has|have)|"
    r"(?:tends?\s+to\s+be\s+(?:more|better)|(?:has|have)\s+indicated|(?:is|are)\s+able\s+to\s+(?:act|help|"
    r"assist|take)|offer|offers|provide|provides|run|runs|handle|handles|do|does|install|installs|see|sees|"
    r"tender|tenders|quote|quotes|bid|bids|accept|accepts|welcome|welcomes|service|services|"
    r"stock|stocks|cover|covers|supply|supplies|host|hosts|takes?\s+on|"
    r"(?:are|is)\s+taking\s+on|specialis|specializ|serve|serves|teach|teaches|treat|treats|"
    r"repair|repairs|fix|fixes|deliver|delivers|cater|caters|build|builds|sell|sells|"
    r"look\s+after|looks\s+after|work\s+with|works\s+with)\b|"
    r"(?:can|could|would|may|might|will|'ll|should)\s+(?:\w+\s+)?(?:help|serve|suit|fit|take|"
    r"pick|supply|host|handle|look|do|cover|see|provide|rerun|install|finish|manage|support|"
    r"assist|step|deliver|care|advise|act|represent|start|fix|repair|get|give|offer|run|"
    r"be\s+(?:a|an|my|our|your|the|excellent|better|great|good|ideal|perfect|well|happy|"
    r"able|glad|pleased|worth|right))\b|"
    r"(?:is|are|'s|'re)\s+(?:\w+\s+)?(?:excellent|brilliant|wonderful|great|strong|superb|"
    r"fantastic|terrific|reliable|reputable|trusted|experienced|lovely|good|open|set\s+up|"
    r"well\s+placed|better|worth|known|very\s+\w+|taking|just\s+down|nearby|around\s+the|"
    r"a\s+(?:good|great|safe|solid|natural|"
    r"sensible|strong)|taking\s+on|accepting|available)\b|"
    r"(?:still\s+)?(?:has|have)\s+(?:\w+\s+)?(?:spaces?|capacity|availability|slots?|"
    r"openings?|room|vacancies|groups|classes|sessions|places|appointments|evening\s+\w+|"
    r"weekend\s+\w+|your\s+date|a\s+\w+|an\s+\w+|"
    r"\w+\s+space)\b)",
)
_TOWARD_ENTITY = re.compile(
    rf"\b(?i:try|trying|contact|call|ring|email|ping|message|text|whatsapp|dm|ask|approach|look\s+at|"
    rf"consider|check\s+out|looked\s+at|look\s+into|looked\s+into|number\s+for|details\s+for|"
    rf"website\s+for|email\s+for|arranged\s+for|go-to\s+(?:for\s+[\w\s-]+?\s+)?is|"
    rf"pass\s+(?:\w+\s+){{0,2}}?to|hand(?:ed|ing)?\s+(?:\w+\s+){{0,2}}?over\s+to|"
    rf"transfer(?:ring)?\s+(?:\w+\s+){{0,2}}?to|send(?:ing)?\s+(?:your\s+\w+|everything)\s+"
    rf"(?:over\s+|across\s+)?to|"
    rf"speak\s+to|talk\s+to|reach\s+out\s+to|get\s+in\s+touch\s+with|go\s+to|head\s+to|"
    rf"visit|register\s+(?:with|at)|move\s+to|moved\s+to|switch\s+to|vouch\s+for|"
    rf"swear\s+by|(?:copied|cc'd|cc)\s+in|asked|across\s+to|over\s+to|send\s+you\s+to|"
    rf"friend|colleague|contact|partner)\s+(?:\w+\s+){{0,2}}?(?P<e>{_ENTITY})",
)
_NOT_ENTITY = frozenset(
    """I We Our Us You Your The A An This That These Those There It Its He She They Their My
    Me Dear Hi Hello Hey Thank Thanks Please Sorry As After Before If For Since Over From To
    We'd You'd They'd They're They've She'll He'll It'll Plenty Ticket Invoice Order Job Case
    Clause Section Reference Ref Mondays Tuesdays Wednesdays Thursdays Fridays Saturdays Sundays
    In On At By With And But Or So Because While When Where What Which Who How Why Also Just
    Unfortunately Sadly Regrettably Following Given Although Though Unless Until Once Both
    Each Every All Any Some No Not Yes Of Going Having Looking Rather Instead Meanwhile
    However Therefore Finally First Second Third Today Tomorrow Yesterday Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov
    Dec Best Kind Regards Yours Sincerely Cheers Love Many Warm Mr Mrs Ms Dr Sir Madam Team
    Here Then Now Let Unlike Like Even Still OK Okay Well Look Anyway Again Frankly Honestly
    Clearly Obviously Perhaps Maybe Hopefully Good Great Happy Glad Fine Go Take Find Feel
    Keep Make Get Try Do Don't Can't Won't We've We'll We're I've I'll I'm I'd Your You'll
    You're You've It's That's There's Here's Let's Whatever Whoever Nobody Someone Anyone
    Everyone Everything Nothing Something Anything Other Another Such Same Most More Less
    Few Several Many Much Only Own One Two Three Four Five Six Seven Eight Nine Ten""".split()
)
_POINTERS = case_aware_any_of(
    (
        r"\b(?:i|we)(?:'d|\s+would|\s+can|\s+could|'m\s+happy\s+to|\s+am\s+happy\s+to|"
        r"'re\s+happy\s+to|\s+are\s+happy\s+to|\s+will|'ll|\s+warmly|\s+strongly|\s+highly)?\s+"
        r"(?:\w+\s+)?(?:recommend(?:ed)?|suggest(?:ed)?)\b(?!\s+that\s+(?!you\b))"
        r"(?=(?:\s+\S+){0,6}?\s+(?:(?-i:[A-Z\[])|"
        + _PROVIDER
        + r"\b|you\s+(?:try|contact|look|speak|"
        r"call|reach|get\s+in|ask|approach|check|visit|use|go)))"
        r"(?!\s+(?:that\s+)?you\b(?!\s+(?:try|"
        r"contact|look\s+(?:at|into)|consider\s+(?!your)|speak|call|reach\s+out\s+to\s+(?!us)|"
        r"get\s+in\s+touch|ask|approach|check\s+out|visit|use|go\s+to)))",
        r"\b(?:recommend(?:ation|ations)?|referrals?|introductions?)\s+(?:for|to|of)\b",
        r"\b(?<!we\s)(?:refer(?!\s+to\s+(?:our|your|the|my|this|that|clause|section))|referring(?!\s+to\s+(?:our|your|the|my|clause|section))|introduce|introducing|connect|connecting|put\s+you\s+in\s+touch|"
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
        r"\b(?:may|might|would|could|will)\s+(?:\w+\s+)?(?:suit\s+your\s+(?:needs|requirements|budget|"
        r"business|situation)|be\s+(?:more|better)\s+suited|be\s+(?:a\s+)?(?:more\s+)?(?:suitable|"
        r"appropriate)\s+(?:option|choice|fit)|be\s+worth\s+(?:a\s+look|considering|contacting|"
        r"exploring|a\s+call|a\s+try))\b",
        r"\b(?:you'd|you\s+would|you\s+might|you\s+may|you'll|you\s+will)\s+(?:\w+\s+)?"
        r"(?:be\s+better\s+(?:off|served)|get\s+on\s+better|do\s+better)\s+(?:with|by|going\s+to|"
        r"using)\b",
        r"\b(?:a|an)\s+(?:[\w/-]+\s+){0,3}?" + _PROVIDER + r"\b[^.!?]{0,60}?\b(?:would|could|may|"
        r"might|will|can)\s+(?:\w+\s+){0,3}?(?:cost\s+you|be\s+cheaper|give|offer|provide|help|handle|"
        r"support|absorb|cover|"
        r"serve|look\s+after|suit|fit|manage|take\s+(?:this|it|over|on))\b",
        r"\b(?:is|are|'s)\s+(?:the|a|an)\s+(?:much\s+)?better\s+(?:fit|option|choice|match|bet)\b",
        r"\btell\s+(?:him|her|them)\s+\w+\s+(?:sent|referred)\s+you\b|\b(?:is|are)\s+(?:a\s+)?"
        r"(?:good|great|sensible)\s+places?\s+to\s+start\b|\bplaces\s+to\s+start\b",
        r"\b(?:group|forum|board|page|network|community|directory|association)\s+for\s+(?:local\s+)?"
        + _PROVIDER
        + r"\b",
        r"\bconsider\s+(?:hiring|using|engaging|switching\s+to|moving\s+to|bringing\s+in|"
        r"appointing|working\s+with|a|an)\s+(?:\w+\s+){0,3}?" + _PROVIDER + r"\b",
        r"\b(?:an?\s+)?in-house\s+\w+",
        r"\byour\s+(?:bank|accountant|lawyer|solicitor|insurer|council|local\s+authority|gp|"
        r"union|trade\s+association|chamber\s+of\s+commerce|industry\s+body)\s+(?:may|might|can|"
        r"could|should|will)\s+(?:be\s+able\s+to\s+)?(?:help|advise|offer|assist|point|recommend)\b",
        r"\b(?:check|look\s+at|search|browse|use)\s+(?:the\s+)?(?:\w+\s+)?(?:directory|register|"
        r"listings?|marketplace)\b",
        r"\b(?:there\s+are|there's|there\s+is)\s+(?:several|many|a\s+number\s+of|plenty\s+of|a\s+few|"
        r"some)\s+(?:\w+\s+)?" + _PROVIDER + r"\s+(?:who|that|which)\s+(?:specialise|specialize|"
        r"focus|offer|can|handle|do|cater|work\s+with)\b",
        r"\b(?:specialis|specializ)(?:e|es|ed|ing)\s+in\b",
        r"\b(?:has|have)\s+(?:an?\s+)?(?:excellent|great|good|strong)\s+(?:reputation|"
        r"track\s+record)\b",
        r"\b(?:i|we)(?:'ve|\s+have)\s+(?:already\s+)?(?:spoken|talked)\s+(?:to|with)\s+"
        r"(?:\w+\s+){0,3}?(?:who|and\s+they|and\s+she|and\s+he)\b",
        r"\b(?:their|her|his)\s+(?:contact\s+)?(?:details|number|email|website)\s+(?:is|are)\b",
        r"\bhappy\s+to\s+(?:make\s+an\s+introduction|make\s+introductions|share\s+(?:some\s+)?"
        r"(?:names|contacts|recommendations))\b",
        r"\bpoint\s+you\s+(?:to|towards|in\s+the\s+direction\s+of)\b|\blists\s+(?:several|many|a\s+number\s+"
        r"of|dozens\s+of|vetted|approved|local|registered|accredited)\b",
        r"\b(?:options|alternatives)\s+(?:include|such\s+as|like)\b|\b(?:options|alternatives)"
        r"\s+(?:are|is)\s*:",
        r"\b(?:directory|register|list|database|map|search)\s+(?:of\s+)?(?:\w+\s+){0,3}?"
        r"(?:members|firms|providers|practitioners|professionals|suppliers|tradespeople|"
        r"installers|bookkeepers|accountants|solicitors|childminders|\w+ers)\b|"
        r"\bmember\s+(?:search|directory|list)\b|\bvetted\s+\w+",
        r"\b(?:vouch\s+for|speak\s+highly\s+of|swear\s+by|rate\s+highly|can\s+(?:heartily\s+)?"
        r"endorse)\b",
    )
)
_DISMISSIVE = re.compile(
    r"\b(?:on\s+your\s+own|yourself|yourselves|your\s+own\s+way|take\s+your\s+business\s+"
    r"elsewhere|go\s+elsewhere|look\s+elsewhere|not\s+our\s+concern|not\s+our\s+problem|"
    r"put\s+up\s+with|tolerate|someone\s+else's\s+problem)\b",
    _I,
)


def _is_entity(name: str) -> bool:
    tokens = [t for t in re.split(r"\s+", name) if t not in {"&", "and", "of", "on", "at"}]
    return bool(tokens) and not all(
        re.sub(r"['’]s$", "", t.strip(",.")) in _NOT_ENTITY for t in tokens
    )


def _weak_opening(text: str, m: re.Match[str]) -> bool:
    """A lone capitalised word opening the sentence ("Sort out your own cover", "Plenty of
    firms...") is usually an ordinary word; trust it only right before what it does."""
    entity = m.group("e")
    if m.start("e") > 0 or " " in entity.strip() or re.search(r"[a-z][A-Z]", entity):
        return False
    return not re.match(_VERB_NEXT, text[m.end("e") :])


_VERB_NEXT = (
    r"\s+(?:offers?|provides?|runs?|handles?|does|do|installs?|stocks?|covers?|supplies|supply|"
    r"hosts?|lists?|keeps?|specialis|specializ|serves?|can|could|would|may|might|will|'ll|is|are|"
    r"has|have|still)\b"
)


def _named_providers(text: str) -> list[Hit]:
    """A named firm or person, and something they can do for the client."""
    hits = []
    for pattern in (_SERVICE_AFTER, _TOWARD_ENTITY):
        for m in pattern.finditer(text):
            entity = m.group("e")
            name = " ".join(t for t in entity.split() if t not in _NOT_ENTITY)
            if not name or not _is_entity(entity) or any(c.isdigit() for c in entity):
                continue
            if pattern is _SERVICE_AFTER and _weak_opening(text, m):
                continue
            if negated_before(text, m.end(), window=25) and pattern is _SERVICE_AFTER:
                continue
            hits.append(Hit(m.start(), m.end()))
    return hits


_UNAVAILABLE = re.compile(
    r"\b(?:closed|shut\s+down|no\s+longer\s+(?:operates|trading|exists|available)|isn't\s+available|"
    r"not\s+available|not\s+an\s+option|refer\s+(?:the|this)\s+(?:matter|case|debt|account)\s+to)\b",
    _I,
)


def detect(sentence: Sentence) -> list[Hit]:
    text = sentence.masked
    if _UNAVAILABLE.search(text):
        return []
    if _DISMISSIVE.search(text) and not re.search(r"[A-Z][a-z]+\s+(?:&|and)\s+[A-Z]", text):
        return []
    hits = []
    for m in _POINTERS.finditer(text):
        if negated_before(text, m.start(), window=30):
            continue
        hits.append(Hit(m.start(), m.end()))
    return hits + _named_providers(text)


RULE = Rule(
    id="alternatives",
    title="Offer alternatives",
    why="Pointing the client to where they can pick up from where you leave them means they are "
    "not left hanging — and makes the goodbye feel like help rather than rejection.",
    kind="step",
    severity=Severity.WARNING,
    detector=with_second_opinion(
        "alternatives",
        detect,
        rejected=r"\b(?:recommend|suggest|elsewhere|another\s+way|on\s+your\s+own|look\s+for)",
    ),
    message="Alternatives offered",
    suggestion='Tell them where they can be served next, e.g. "You may want to try X, Y or Z. One '
    'of them may serve you better now."',
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
