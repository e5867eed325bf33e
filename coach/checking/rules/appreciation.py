"""Rule: appreciation — sincerely thanking or valuing the client or the relationship.

Not sarcasm ("thanks for nothing", thanks for the grief), not procedural thanks for something
still to be done ("thank you in advance for returning the keys"), not negated.
"""

from __future__ import annotations

import re

from coach.checking.model import attacked, with_second_opinion
from coach.checking.rules import personal_attack
from coach.checking.rules.base import Hit, Rule, Severity
from coach.checking.rules.lexicon import FastPattern, negated_before, valence
from coach.text import Sentence

_I = re.IGNORECASE
_THANKS = FastPattern(
    re.compile(
        r"\b(?:thank(?:s|\s+you|\s+u|ing\s+you)?|thx|thanx|tysm|tyvm|shukriya|shukran|asante|"
        r"gracias|merci|danke|dhanyavaad|dhanyawad|grazie|medase|dankie|arigato|obrigad[oa]|nandri|"
        r"ngiyabonga|enkosi|nagode|many\s+thanks|huge\s+thanks|big\s+thanks|"
        r"sincere\s+thanks|heartfelt\s+thanks|our\s+thanks|my\s+thanks|with\s+thanks|"
        r"(?:i|we)\s+(?:\w+\s+)?(?:want|wanted|would\s+like|'d\s+like)\s+to\s+(?:say\s+)?thank)\b",
        _I,
    )
)
_VALUE = FastPattern(
    re.compile(
        r"\b(?:(?:i|we)(?:'ve|\s+have)?\s+(?:\w+\s+){0,2}?(?:appreciate[sd]?|valued?|"
        r"enjoyed|cherish(?:ed)?|loved|treasured?)\b(?!\s+(?:it\s+if|if|that\s+(?:you|this)\s+"
        r"(?:may|might|will|would|are|were)|your\s+understanding\s+(?:in|of|that)|your\s+cooperation|"
        r"your\s+prompt|a\s+(?:prompt|quick|response|reply))\b)|"
        r"\b(?:grateful|thankful|indebted)\b(?!\s+if\b)|"
        r"\b(?:it|this|that)(?:\s+has\s+been|\s+was|'s\s+been|\s+is|'s)\s+(?:\w+\s+)?(?:a\s+)?"
        r"(?:real\s+|genuine\s+|true\s+|absolute\s+)?(?:pleasure|privilege|honou?r|joy|delight|"
        r"treat|highlight)\b|"
        r"\b(?:made|make|makes|making)\s+(?:\S+\s+){0,4}?(?:a\s+)?(?:real\s+)?(?:pleasure|joy|"
        r"delight|highlight)\b|\b(?:a|one\s+of\s+the)\s+(?:real\s+)?highlights?\s+of\b|"
        r"\byou(?:'ve|\s+have)?\s+(?:been|are|were)\s+(?:\w+\s+)?(?:a|an|such\s+a|such\s+an|the|"
        r"one\s+of\s+our)\s+(?:\w+\s+)?(?:wonderful|brilliant|great|fantastic|lovely|loyal|"
        r"fabulous|amazing|valued|model|dream|legend|superb|excellent|generous|kind|favourite|"
        r"favorite|best|star)\b|"
        r"\b(?:will|'ll|shall|going\s+to|gonna)\s+(?:really\s+|truly\s+|genuinely\s+|honestly\s+|"
        r"so\s+)?miss\s+(?:you|ya|u|working|our|them|having|seeing|the|your)\b|"
        r"\b(?:proud|lucky|fortunate|privileged|honou?red|blessed)\s+to\s+(?:have|work|serve|count|"
        r"call|know|partner|support|look\s+after)\b|\bproud\s+of\b|"
        r"\b(?:cheers|kudos)\s+for\b|\b(?:big|huge|special|massive|heartfelt|warm)\s+thanks\s+to\b|"
        r"\bnever\s+(?:took|take|taken)\s+(?:\w+\s+){0,2}?for\s+granted\b|"
        r"\b(?:been|are|were|is|'re)\s+(?:\w+\s+)?(?:brilliant|great|wonderful|lovely|fantastic|a\s+pleasure|awesome|"
        r"a\s+joy|amazing|fab|fabulous|excellent|superb|a\s+dream)\s+to\s+(?:work|deal)\s+with\b|"
        r"\byour\s+(?:loyalty|support|trust|business|custom|patience|kindness|partnership|confidence|"
        r"friendship|generosity|understanding|flexibility)\b[^.!?]{0,50}?\b(?:has|have|had)\s+(?:been|"
        r"meant)\s+(?:\w+\s+)?(?:remarkable|wonderful|invaluable|amazing|incredible|so\s+much|the\s+"
        r"world|a\s+lot|everything|huge|hugely|greatly|appreciated|extraordinary|outstanding)\b|"
        r"\bmean[st]?\s+(?:the\s+world|so\s+much|more\s+than)\b|\b(?:haven't|have\s+not|never)\s+"
        r"forgotten\b|\b(?:we'll|we\s+will|i'll|i\s+will)\s+always\s+remember\b|\blook(?:ed)?\s+forward\s+"
        r"to\s+(?:your|our|seeing|working|visiting|the)\b|\b(?:we|i)\s+(?:\w+\s+)?(?:love|loved|enjoy|"
        r"enjoyed)\s+having\s+you\b|\bfew\s+(?:clients|customers|people)\s+have\s+been\s+as\b|"
        r"\b(?:such|so\s+much|great)\s+fun\b|\ba\s+dream\s+(?:client|customer)\b|\bwhat\s+a\s+(?:pleasure|"
        r"joy|delight|privilege|treat)\b|\b(?:been|was)\s+a\s+(?:good|great|wonderful|fantastic|brilliant)"
        r"\s+run\b|\b(?:team|crew|staff|everyone|all\s+of\s+us)\s+(?:\w+\s+)?(?:appreciated|loved|valued|"
        r"enjoyed)\b|\b(?:didn't|did\s+not)\s+go\s+unnoticed\b|\b(?:won't|will\s+not|never)\s+(?:be\s+|go\s+|gone\s+|been\s+)?"
        r"(?:forgotten|unnoticed|unappreciated)\b|\b(?:glad|happy|grateful)\s+we\s+(?:had|got)\s+the\s+"
        r"(?:chance|opportunity)\b|"
        r"\byou(?:'ve|\s+have)?\s+(?:always\s+)?been\s+(?:so\s+|really\s+|truly\s+|absolutely\s+|"
        r"nothing\s+but\s+)?(?:great|lovely|wonderful|fantastic|amazing|brilliant|fab|fabulous|fair|kind|"
        r"generous|awesome|(?:a|an)\s+(?:absolute\s+|real\s+|total\s+)?(?:gem|star|dream|joy|delight|"
        r"legend|pleasure)|the\s+\w+est\s+client)\b|"
        r"\b(?:you|u)\s+made\s+(?:\S+\s+){1,4}?(?:feel\s+)?(?:so\s+)?(?:easy|fun|a\s+pleasure|a\s+joy|"
        r"enjoyable|special|worthwhile)\b|"
        r"\b(?:big|much|lots\s+of)\s+love\b|\b(?:has|have)\s+made\s+us\s+(?:a\s+)?better\b|"
        r"\bcouldn't\s+have\s+asked\s+for\s+(?:a\s+)?(?:\w+\s+)?(?:better|\w+er)\b|"
        r"\byour\s+\w+[^.!?]{0,40}?\b(?:was|has\s+been|is)\s+(?:a\s+|such\s+a\s+)?(?:real\s+)?"
        r"(?:gift|blessing|godsend|lifeline)\b|\b(?:nobody|no\s+one|none\s+of\s+us)\s+(?:here\s+)?(?:has|have|"
        r"will)\s+(?:ever\s+)?forg[eo]t(?:ten)?\b|"
        r"\bone\s+of\s+(?:our|my)\s+(?:fave|favourite|favorite|best|most\s+valued)\s+(?:clients|"
        r"customers)\b|"
        r"\b(?:we|i)(?:'ll|\s+will)\s+(?:always\s+)?(?:never\s+forget|remember)\s+(?:your|the|how|"
        r"what)\b|\bsomething\s+(?:we|i)(?:'ll|\s+will)\s+never\s+forget\b|"
        r"\b(?:a\s+)?(?:pleasure|privilege|honou?r|joy)\s+(?:working|to\s+work|serving|to\s+serve|"
        r"having\s+you|to\s+have\s+had|of\s+working|of\s+serving)\b|"
        r"\b(?:appreciation|gratitude)\b|"
        r"\b(?:(?:i|we)(?:'ve|\s+have)?\s+)?(?:really\s+|truly\s+|genuinely\s+)?(?:enjoyed|loved|"
        r"valued)\s+(?:working|partnering|collaborating|having\s+you|our\s+time|serving|being|"
        r"visiting|seeing|coming|the\s+"
        r"(?:years|time|partnership|relationship|opportunity|chance))\b|"
        r"\b(?:glad|happy|proud|lucky|fortunate|delighted)\s+(?:to\s+have\s+(?:had|worked|served|"
        r"known|been)|we\s+(?:got\s+to|could|were\s+able\s+to)\s+(?:work|serve|help|partner))\b|"
        r"\bmeant\s+a\s+(?:lot|great\s+deal)\b|\bmeans\s+a\s+(?:lot|great\s+deal)\b|"
        r"\b(?:it's|it\s+has|it\s+was|has\s+been|have\s+been)\s+(?:\w+\s+)?(?:great|lovely|wonderful|"
        r"fantastic|brilliant|a\s+blast|fun|amazing|rewarding|a\s+joy)\s+(?:working|having|to\s+work|"
        r"partnering|serving|getting\s+to\s+know|collaborating|knowing|to\s+have|seeing|watching|"
        r"to\s+be\s+part|building|planning|"
        r"being\s+part|looking\s+after|doing|helping)\b|"
        r"\b(?:much|greatly|deeply|truly|really|always|very\s+much|hugely)\s+appreciated\b|"
        r"\b(?:has|have|had|'ve)\s+(?:\w+ly\s+)?been\s+(?:a|an|such\s+a|an\s+absolute|a\s+real|a\s+genuine)\s+"
        r"(?:pleasure|joy|delight|privilege|honou?r|highlight|gift|blessing)\b|"
        r"\benjoyed\s+(?:every|our|the|each|all)\b|"
        r"\byour\s+(?:loyalty|support|trust|business|custom|patience|kindness|partnership|"
        r"confidence|friendship|generosity)\s+(?:has|have)\s+(?:\w+\s+)?(?:meant|been\s+(?:a|so|"
        r"hugely|truly|invaluable|wonderful))\b)",
        _I,
    )
)
# What the thanks is for decides whether it is sincere: for the relationship, or for a chore.
_PROCEDURAL = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?:in\s+advance|ahead\s+of\s+time|beforehand)\b|"
    r"^\W*(?:you\s+)?for\s+(?:your\s+)?(?:prompt(?:ly)?|quick(?:ly)?|kindly|swiftly|cooperation\s+in|"
    r"returning|sending\s+(?:back|over|us)|signing|completing|settling|arranging|confirming|"
    r"filling|handing|clearing|removing|collecting|acknowledging|noting|reading|taking\s+note|"
    r"your\s+attention\s+to|attention\s+to|your\s+(?:prompt\s+)?payment\s+of|paying\s+the\s+"
    r"(?:final|outstanding|remaining)|making\s+the\s+(?:final|outstanding)|"
    r"understanding\s+(?:in|that)|your\s+understanding|your\s+cooperation|your\s+compliance|"
    r"(?:your\s+)?patience\s+(?:while|as|during)|letting\s+us\s+know\s+(?:by|before)|"
    r"getting\s+back\s+to\s+(?:us|me)\s+by|the\s+keys|the\s+equipment|"
    r"(?:your\s+|the\s+)?(?:email|e-mail|message|letter|reply|response|note|enquiry|inquiry|call|"
    r"voicemail|text|update|information|heads-up|form)\b(?!\s+(?:and|,)\s+(?:for|your))|calling|"
    r"the\s+reminder|letting\s+(?:me|us)\s+know|taking\s+the\s+time\s+to\s+(?:fill|complete|"
    r"send|read|reply|respond|write)|co-?operation|cooperating|getting\s+back|confirming|"
    r"flagging|your\s+attention|holding|waiting|the\s+(?:chat|call|meeting|conversation|update)|"
    r"bringing\s+(?:this|it|that)\s+to|letting\s+(?:me|us)\s+know|paying\s+(?:the|your)\s+"
    r"(?:deposit|invoice|balance|bill|fee|final)|"
    r"in\s+anticipation|sending\s+(?:the|your|in|over|through)\s+(?:\w+\s+)?(?:readings?|forms?|"
    r"documents?|details|files|photos|info|information|copy|invoice|receipt|payment|keys)|"
    r"the\s+(?:chance|opportunity)\s+to\s+(?:quote|bid|tender|pitch))",
    _I,
)
_SARCASM_OBJECT = re.compile(
    r"^\W*(?:\w+\s+){0,3}?(?:nothing|wasting|making\s+(?:my|our|this|everything)|ruining|"
    r"the\s+(?:headaches?|grief|stress|abuse|insults|drama|nightmare|aggravation)|"
    r"(?:yelling|shouting|screaming)|being\s+(?:so\s+)?(?:difficult|rude|impossible)|"
    r"all\s+the\s+(?:headaches?|grief|stress|drama|trouble|complaints|abuse)|"
    r"your\s+(?:constant|endless|rude|abusive|pointless|incessant)|"
    r"(?:a|an)\s+(?:complete|total)\s+waste)|\b(?:i\s+guess|not|i\s+suppose)\W*$",
    _I,
)
_NO_THANKS = re.compile(
    r"\bno\s+thanks\b|\bno\s+thank\s+you\b|\bthanks\s+but\s+no\b|\b(?:say|says|said|saying)\s+"
    r"thank\s+you\b|\ba\s+thank\s+you\b|"
    r"(?<!big\s)(?<!huge\s)(?<!many\s)(?<!special\s)(?<!massive\s)\bthanks\s+to\s+(?:you|your)\b|"
    r"\bthanks\s+to\s+(?:the|this|that|a|an|our|these|those)\b|"
    r"\b(?:you|they|he|she)\s+(?:never|didn't|did\s+not)\s+(?:once\s+)?(?:thank|appreciate|value)",
    _I,
)
_DISMISSIVE_THANKS = re.compile(
    r"^\W*(?:,\s*)?(?:but\b|i\s+guess|i\s+suppose|anyway|whatever)|^[^.!?]{0,80}?,?\s+but\s+"
    r"(?:i'd|i\s+would|we'd|we\s+would)\s+be\s+lying",
    _I,
)
_BARE_THANKS = re.compile(r"\W*(?:[A-Z][a-z]+\W*)?$")  # "...; thanks." "Regards and thanks, Deepa"
_CONDITIONAL_THANKS = re.compile(r"\b(?:i'd|i\s+would|we'd|we\s+would|i\s+could)\s*$", _I)
_SIGN_OFF = re.compile(
    r"^\W*(?:many\s+|with\s+|kind\s+|best\s+)?thanks(?:\s+again)?\W*$|^\W*thanking\s+you\W*"
    r"(?:$|yours|regards|sincerely|faithfully)",
    _I,
)


def _sincere_thanks(text: str) -> list[Hit]:
    hits: list[Hit] = []
    for m in _THANKS.finditer(text):
        after = text[m.end() : m.end() + 90]
        if _PROCEDURAL.search(after) or _SARCASM_OBJECT.search(after):
            continue
        if _DISMISSIVE_THANKS.search(after) or _CONDITIONAL_THANKS.search(text[: m.start()]):
            continue
        if _NO_THANKS.search(text[max(0, m.start() - 30) : m.end() + 12]):
            continue
        if negated_before(text, m.start(), window=25) and "enough" not in after[:25].lower():
            continue
        if _SIGN_OFF.match(text) or _BARE_THANKS.match(text[m.end() :]):
            continue
        object_words = re.findall(r"[\w']+", after.split(".")[0])[:8]
        if sum(valence(w) for w in object_words) <= -3.0:
            continue
        hits.append(Hit(m.start(), m.end()))
    return hits


def _sarcastic(text: str, hit: Hit, attacks: list[Hit]) -> bool:
    """Thanks next to an attack, with no "but" between them, is sarcasm ("thanks for ruining
    my weekend", "cheers for the abuse, much appreciated"); "thanks for the wine, but your
    behaviour was disgraceful" keeps both."""
    for a in attacks:
        lo, hi = sorted((hit.start, a.start))
        if not _CONTRAST.search(text[lo:hi]):
            return True
    return bool(_SARCASTIC_TAIL.search(text[hit.end :]))


_CONTRAST = re.compile(r"\b(?:but|however|although|though|yet)\b|;", _I)
_SARCASTIC_TAIL = re.compile(r"[—–-]\s*really\W*$", _I)


def detect(sentence: Sentence) -> list[Hit]:
    text = sentence.masked
    hits = _sincere_thanks(text)
    for m in _VALUE.finditer(text):
        if negated_before(text, m.start(), window=30) and not m.group(0).lower().startswith(
            "never"
        ):
            continue
        if _NO_THANKS.search(text[max(0, m.start() - 30) : m.end() + 10]):
            continue
        if (
            re.match(
                r"\s+(?:that\s+\w|(?:this|it)(?:\s+news)?\s+(?:may|might|will|is|could|isn't|is\s+not|"
                r"won't|wasn't)\b|"
                r"your\s+(?:understanding|patience|cooperation|co-operation)\b|you\s+(?:may|might|"
                r"will|would|are|'re|have|must|probably|can|could|need)\b)",
                text[m.end() :],
                _I,
            )
            and "appreciat" in m.group(0).lower()
        ):
            continue  # "I appreciate that you may disagree": understanding, not thanks
        hits.append(Hit(m.start(), m.end()))
    if hits:
        attacks = personal_attack.detect(sentence)
        hits = [h for h in hits if not _sarcastic(text, h, attacks)]
    return hits


RULE = Rule(
    id="appreciation",
    title="Be appreciative",
    why="Ending on a positive note — thanking them for their trust, business or time — lets the "
    "client leave without losing face and keeps your reputation intact.",
    kind="step",
    severity=Severity.WARNING,
    detector=with_second_opinion(
        "appreciation", detect, veto=attacked, rejected=r"\b(?:thank|appreciat|grateful|cheers)"
    ),
    message="Appreciation",
    suggestion='Open by thanking the client sincerely, e.g. "We really appreciate you giving us a '
    'try."',
    should_pass=(
        "Thank you for the trust you have placed in us over the last three years.",
        "We really appreciate you giving us a try.",
        "It has been a pleasure working with your team.",
        "I can't thank you enough for your loyalty.",
        "We are grateful for your business since 2019.",
    ),
    should_fail=(
        "Thanks for nothing.",
        "Thank you in advance for returning the keys by Friday.",
        "Thanks a lot for wasting another week of our time.",
        "We would appreciate it if you settled the invoice this week.",
        "You never once thanked our staff.",
        "Your account will close on 30 November.",
    ),
)
