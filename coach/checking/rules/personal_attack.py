"""Rule: personal_attack — judging the person instead of the situation.

Insults, character judgements, negative "you always / you never" generalisations, sarcasm aimed
at the client, and veiled digs. Quoted speech is masked first, so quoting the client's own words
is not read as the writer's attack; "you always pay on time" is praise, not an attack.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coach.checking.model import with_second_opinion
from coach.checking.rules.base import Hit, Rule, Severity
from coach.checking.rules.lexicon import (
    CHARACTER_WORDS,
    EMOTION_STATES,
    SITUATION_WORDS,
    any_of,
    find_all,
    is_judging_word,
    negated_before,
    valence,
    words,
)
from coach.text import Sentence

_I = re.IGNORECASE
_ADV = (
    r"(?:(?:so|very|really|extremely|incredibly|just|simply|frankly|honestly|quite|rather|"
    r"too|utterly|completely|totally|truly|consistently|increasingly|always|often|sometimes|"
    r"constantly|clearly|obviously|genuinely|particularly|exceptionally|notoriously|"
    r"unbelievably|downright|plain|a\s+bit|a\s+little|somewhat|such|the\s+most|a|an|one|"
    r"complete|total|absolute|real|bit\s+of\s+a|of\s+the|being|\w+ly)\s+)*"
)
# "you are", "your team has been", "you come across as" ... followed by a judging word.
_SUBJECT = (
    r"\b(?:(?:you|u)(?:'re|\s+are|\s+r|\s+were|'ve\s+been|\s+have\s+been|\s+had\s+been|\s+can\s+be|"
    r"\s+could\s+be|\s+seem(?:ed)?(?:\s+to\s+be)?|\s+come\s+across\s+as|\s+came\s+across\s+as|"
    r"\s+became|\s+have\s+become|'ve\s+become|\s+remain|\s+proved|\s+have\s+proved|"
    r"\s+have\s+proven|\s+acted|\s+act|\s+behaved?\s+like|\s+sound(?:ed)?|\s+get|\s+got|"
    r"(?:'re|\s+are|\s+were)\s+being|\s+will\s+always\s+be|\s+always\s+seem\s+to\s+be)|"
    r"\bur\s+(?:a\s+|an\s+|so\s+)?|"
    r"(?:your|you|ur)\s+(?:people|lot|team|staff|company|firm|organi[sz]ation|business|"
    r"employees|managers?|behaviou?r|attitude|conduct|tone|manner|manners|language|"
    r"personality|expectations|demands|requests|complaints|emails|messages|standards|"
    r"approach|character|temper|so-called\s+\w+)\s+(?:[\w'-]+\s+){0,4}?(?:is|are|was|were|has\s+been|have\s+been|remains?|"
    r"became|have\s+become|has\s+become|seems?|seemed))\b\s+"
)
_SUBJECT_WORD = re.compile(
    _SUBJECT + r"(?P<neg>(?:not|never|n't)\s+)?" + _ADV + r"(?P<w>[\w'-]+)", _I
)
_SATISFIED = frozenset(
    "happy satisfied pleased content grateful polite reasonable kind patient civil "
    "appreciative thankful nice respectful courteous willing able".split()
)

_NEG_VERBS = words(
    """complain complaining moan moaning whine whining nag nagging demand demanding change
    changing move moving push pushing argue arguing blame blaming criticise criticize
    criticising criticizing question questioning second-guess undermine undermining interrupt
    interrupting ignore ignoring miss missing forget forgetting cancel cancelling shout
    shouting yell yelling scream screaming threaten threatening nitpick nitpicking insist
    insisting overreact overreacting exaggerate exaggerating reject rejecting refuse refusing
    disrespect belittle belittling talk_down treat_us treat_our pay_late find_fault
    find_something want_more ask_for_more expect_more lie lying waste wasting escalate
    escalating make_excuses find_excuses take_advantage try_to_get act_surprised short-pay
    short_pay"""
)
_FREQ = (
    r"(?:always|constantly|continually|continuously|repeatedly|forever|invariably|endlessly|"
    r"incessantly|keep|kept|never\s+stop)"
)
_ALWAYS = re.compile(
    rf"\b(?:you|u)\s+(?:\w+\s+)?{_FREQ}\s+(?:manage\s+to\s+|seem\s+to\s+|have\s+to\s+|find\s+a\s+way\s+to\s+)?(?:{_NEG_VERBS})\w*",
    _I,
)
_NEVER_DUTY = words(
    """pay paid listen listened read reply replied respond responded answer answered follow
    followed respect respected appreciate appreciated accept accepted say_thank said_thank
    thank thanked show_up showed_up turn_up turned_up keep_your kept_your give_us gave_us
    stop stopped let_us honour honor meet met stick stuck trust trusted take_responsibility
    took_responsibility
    tip tipped admit admitted bother bothered help helped cooperate cooperated seem_happy
    seem_satisfied seem_pleased have_a_good have_anything_good learn learned learnt improve improved
    consider considered acknowledge acknowledged"""
)
_NEVER = re.compile(
    rf"\b(?:you|u)(?:'ve|\s+have|\s+had)?\s+(?:\w+\s+)?never\s+(?:once\s+|even\s+|actually\s+|really\s+)?(?:{_NEVER_DUTY})\b",
    _I,
)
_NEVER_SATISFIED = re.compile(
    r"\byou(?:'re|\s+are|\s+were|'ve\s+been|\s+have\s+been)\s+(?:just\s+|simply\s+)?never\s+"
    r"(?:\w+\s+)?(?:happy|satisfied|pleased|content|grateful|reasonable|polite|on\s+time)\b",
    _I,
)

_PATTERNS = any_of(
    (
        # strong insults anywhere outside quotes
        r"\b(?:idiots?|morons?|imbeciles?|cretins?|dimwits?|clowns?|jerks?|losers?|"
        r"numpty|numpties|muppets?|halfwits?|nitwits?|buffoons?|dickheads?|assholes?|arseholes?|"
        r"bastards?|prima\s+donna|drama\s+queen|diva)\b",
        # "you demand too much", "you want everything for nothing"
        r"\byou\s+(?:\w+\s+)?(?:demand|ask\s+for|ask|expect|want|require|take)s?\s+"
        r"(?:far\s+|way\s+|much\s+|a\s+lot\s+)?too\s+much\b",
        r"\byou\s+(?:\w+\s+)?want(?:ed)?\s+everything\s+for\s+nothing\b",
        # veiled: nobody else would put up with you
        r"\bno\s+(?:other\s+)?(?:one|body|firm|agency|company|supplier|provider|business|vendor|"
        r"contractor|studio|practice|team|sane\s+\w+|\w+\s+in\s+their\s+right\s+mind)\b"
        r"[^.!?]{0,40}?\b(?:would|will|could|is\s+going\s+to)\b[^.!?]{0,25}?"
        r"\b(?:put\s+up\s+with|tolerate|stand|work\s+with|deal\s+with|handle|cope\s+with|"
        r"survive|take\s+on)\b",
        r"\b(?:find|finding|found)\s+(?:someone|anyone|somebody|anybody|one|another\s+\w+|a\s+\w+(?:\s+\w+)?)"
        r"\s+(?:who|that|willing\s+to)(?:'ll|'d)?\s+(?:will\s+|can\s+|would\s+|is\s+willing\s+to\s+|is\s+able\s+to\s+)?"
        r"(?:put\s+up\s+with|tolerate|cope\s+with|handle|deal\s+with|stomach)\b",
        r"\b(?:maybe|perhaps)\s+(?:you\s+(?:could|should|might)\s+)?(?:try|learn|consider)\s+"
        r"(?:being|to\s+be|treating|to\s+treat|not\s+\w+ing|to\s+not|listening|reading)\b",
        r"\b(?:some|certain)\s+(?:people|clients|customers)\s+(?:are|will|just|simply)\s+"
        r"(?:\w+\s+)?(?:never|impossible|not\s+worth|beyond)\b",
        r"\bpeople\s+like\s+you\b|\byou\s+people\b|"
        r"\byour\s+kind\b(?=\s*(?:[.,;!?]|$|are\b|always\b|never\b|of\s+people\b))",
        r"\b(?:i|we)\s+(?:hope|trust)\s+(?:that\s+)?you(?:'ll|\s+will)?\s+(?:\w+\s+)?"
        r"(?:learn|grow\s+up|treat\s+\w+\s+better|be\s+(?:nicer|kinder|more\s+\w+|less\s+\w+))\b",
        r"\b(?:since|as|because)?\s*you\s+(?:obviously|clearly|apparently|evidently|think\s+you)\s+"
        r"(?:know|knew)\s+(?:best|better|everything|it\s+all)\b",
        r"\bthink\s+you\s+know\s+(?:best|better|everything|it\s+all)\b",
        r"\bnothing\s+(?:we\s+(?:do|did|could\s+do|ever\s+do|offer(?:ed)?)\s+)?(?:is|was|will\s+be|"
        r"seems|ever\s+seems|has\s+ever\s+been|is\s+ever|was\s+ever)\s+(?:\w+\s+)?"
        r"(?:good\s+enough|enough)\s+for\s+you\b",
        r"\bnothing\s+(?:we\s+do\s+|we\s+did\s+)?(?:ever\s+)?(?:satisfies|satisfied|pleases|pleased)\s+you\b",
        r"\b(?:never|not\s+ever)\s+(?:good\s+)?enough\s+for\s+you\b",
        r"\bthere\s+is\s+no\s+(?:pleasing|satisfying)\s+you\b",
        r"\b(?:impossible|hard|difficult)\s+to\s+(?:please|satisfy)\b",
        r"\b(?:working|dealing|communicating|talking|speaking|corresponding)\s+with\s+(?:you|your\s+\w+)"
        r"\s+(?:is|was|has\s+been|had\s+been|had\s+become|became|has\s+become|can\s+be|is\s+always)\s+"
        r"(?:\w+\s+)?(?:an?\s+)?(?:nightmare|chore|ordeal|struggle|headache|battle|hell|torture|"
        r"exhausting|draining|painful|impossible|unbearable|miserable|frustrating|stressful|"
        r"tiring|tedious|exasperating|insufferable|intolerable|difficult|hard\s+work|a\s+pain|"
        r"soul-destroying|toxic)\b",
        r"\b(?:i|we)\s+(?:\w+\s+)?find\s+(?:you|it|working\s+with\s+you|dealing\s+with\s+you)\s+"
        r"(?:\w+\s+)?(?:hard|difficult|impossible|exhausting|frustrating|draining|unpleasant|"
        r"tiresome|tricky|challenging)\b"
        r"(?:\s+to\s+(?:work|deal|communicate|get\s+along|cooperate|reason)\s+with(?:\s+you)?)?",
        r"\b(?:hard|difficult|impossible|tough|tricky|exhausting|a\s+nightmare|a\s+pain)\s+to\s+"
        r"(?:work|deal|communicate|reason|get\s+along|cooperate)\s+with\s+(?:you|your)\b",
        r"\byou(?:'re|\s+are|\s+were|'ve\s+been|\s+have\s+been)\s+(?:\w+\s+)?(?:hard|tough|"
        r"tricky)\s+to\s+(?:work|deal|please|satisfy|reason|get\s+along)\b",
        r"\byour\s+(?:constant|endless|incessant|relentless|never-?ending|continual|ceaseless|"
        r"unending|perpetual|ridiculous|absurd|outrageous|unreasonable|excessive|petty|pointless|"
        r"silly|childish|non-?stop|tiresome|exhausting|bullying|aggressive|abusive|rude|hostile|"
        r"unprofessional|insulting|belligerent|erratic|impossible|unrealistic|frankly\s+absurd|"
        r"nonsensical|irrational|obsessive|obnoxious|entitled|nasty|toxic)\s+"
        r"(?:\w+\s+)?(?:complaints?|demands?|requests?|calls?|emails?|messages?|changes?|criticism|"
        r"behaviou?r|attitude|tone|outbursts?|tantrums?|whining|moaning|nagging|expectations?|"
        r"questions?|revisions?|interference|micromanagement|threats?|rants?|nitpicking|"
        r"complaining|demeanou?r|conduct|manner|personality|way|habits?|fussing|queries|"
        r"last-minute\s+\w+|u-turns?)\b",
        r"\byour\s+(?:tantrums?|whining|moaning|nagging|rants?|ranting|rudeness|arrogance|"
        r"incompetence|stinginess|greed|entitlement|attitude\s+problem|ignorance|hostility|"
        r"aggression|bullying|abuse|lies|lying|dishonesty|pettiness|hysterics|meltdowns?|"
        r"condescension|bad\s+manners|bad\s+attitude|nonsense)\b",
        r"\b(?:you(?:'re|\s+are|\s+r|\s+were)|ur)\s*(?:\w+\s+|,\s*(?:\w+\s+)?\w+,\s+)?the\s+"
        r"(?:problem|issue|reason|whole\s+problem|"
        r"real\s+problem|worst)\b|\bthe\s+(?:real\s+)?(?:problem|issue)\s+(?:is|was|has\s+always\s+been)\s+you\b",
        r"\byou\s+(?:clearly\s+|obviously\s+|simply\s+|just\s+)?(?:have|had|show(?:ed)?|possess)\s+"
        r"(?:absolutely\s+)?no\s+(?:idea|clue|respect|manners|understanding|patience|appreciation|"
        r"common\s+sense|sense|decency|shame|boundaries|consideration|class|self-awareness|"
        r"concept|interest\s+in\s+listening)\b",
        r"\b(?:clearly|obviously|evidently|apparently|as\s+usual|as\s+always),?\s+you\s+"
        r"(?:didn't|did\s+not|don't|do\s+not|can't|cannot|never|haven't|have\s+not|weren't|"
        r"aren't|were\s+not|are\s+not|couldn't|won't)\b",
        r"\byou\s+(?:simply\s+|just\s+|clearly\s+|obviously\s+|still\s+)?(?:don't|do\s+not|"
        r"can't|cannot|won't|refuse\s+to)\s+(?:seem\s+to\s+)?(?:understand|listen|care|respect|"
        r"appreciate|value|grasp|get\s+it|know\s+what\s+you|read\s+(?:anything|a\s+thing|"
        r"properly|instructions|emails)|take\s+no\s+for|accept\s+no|be\s+reasoned|be\s+pleased|"
        r"be\s+satisfied|be\s+trusted|be\s+helped|follow\s+simple|behave|control\s+yourself)\b",
        r"\byou(?:'re|\s+are)?\s+(?:just\s+|only\s+|simply\s+)?(?:wasting|waste|wasted)\s+"
        r"(?:our|my|everyone's|everybody's|people's)\s+(?:time|energy|resources)\b",
        r"\b(?:(?:a|an\s+utter|a\s+complete|a\s+total)\s+)waste\s+of\s+(?:our|my)\s+time\b",
        r"\b(?:stop|quit|enough\s+of\s+the|enough\s+of\s+your)\s+(?:your\s+)?(?:whining|moaning|"
        r"complaining|nagging|shouting|yelling|harassing|bothering|pestering|screaming|ranting|"
        r"acting\s+like|nonsense|tantrums?)\b",
        r"\b(?:i|we)(?:'re|'m|\s+am|\s+are|'ve\s+been|\s+have\s+been)\s+(?:\w+\s+)?(?:sick|tired|"
        r"fed\s+up|done|weary|exhausted)\s+(?:of|with)\s+(?:you|your|dealing\s+with\s+you|"
        r"hearing\s+from\s+you|your\s+\w+)\b",
        r"\b(?:i|we)(?:'ve|\s+have)\s+had\s+(?:quite\s+)?enough\s+of\s+(?:you|your)\b",
        r"\b(?:shame\s+on\s+you|how\s+dare\s+you|get\s+a\s+grip|get\s+over\s+yourself|"
        r"who\s+do\s+you\s+think\s+you\s+are|you\s+should\s+be\s+ashamed|you\s+ought\s+to\s+be\s+ashamed|"
        r"only\s+(?:have\s+)?yourself\s+to\s+blame|you\s+brought\s+this\s+on\s+yourself|"
        r"(?:it\s+is|it's|this\s+is|that\s+is|that's)\s+(?:entirely\s+|all\s+|completely\s+|"
        r"totally\s+|wholly\s+)?(?:your\s+own\s+fault|your\s+fault|on\s+you)|"
        r"the\s+fault\s+(?:is|lies)\s+(?:entirely\s+)?(?:with\s+you|yours)|"
        r"get\s+your\s+act\s+together|learn\s+some\s+manners|do\s+your\s+homework|"
        r"read\s+the\s+contract\s+(?:for\s+once|properly)|for\s+once\s+in\s+your\s+life|"
        r"you\s+only\s+have\s+yourselves?\s+to\s+blame|look\s+in\s+the\s+mirror|"
        r"your\s+problem,?\s+not\s+ours)\b",
        r"\b(?:so|very|incredibly|extremely|completely|utterly|totally|unbelievably)\s+entitled\b",
        r"\bsuch\s+an?\s+(?:pain|nightmare|handful|headache|hassle|burden|drain|chore|"
        r"piece\s+of\s+work|character)\b",
        r"\ban?\s+(?:absolute|complete|total|utter|real|constant|living)\s+(?:nightmare|pain|"
        r"headache|joke|disaster|drain|menace)\b",
        r"\byou\s+(?:\w+\s+)?(?:lied|lie\s+to|lying\s+to|manipulated?|manipulating|bullied|bully|"
        r"bullying|harass(?:ed)?|harassing|belittled?|belittling|insulted|insulting|"
        r"humiliated|humiliating|intimidated|intimidating|abused|abusing|threatened|"
        r"mistreated|mistreat|disrespected|disrespecting|talked\s+down\s+to|talk\s+down\s+to|"
        r"took\s+advantage|take\s+advantage|exploited|exploit)\b",
        r"\byou\s+(?:\w+\s+)?(?:spoke|speak|talked|talk|treated|treat|behaved|behave|acted|act|"
        r"responded|respond|wrote|write|reacted|react)\s+(?:\w+\s+){0,4}?(?:rudely|aggressively|"
        r"abusively|unprofessionally|disrespectfully|childishly|arrogantly|condescendingly|"
        r"appallingly|disgracefully|shamefully|horribly|terribly|badly|like\s+a\s+child|"
        r"like\s+children|like\s+a\s+toddler|like\s+a\s+bully|like\s+dirt|like\s+garbage|"
        r"like\s+rubbish|like\s+servants)\b",
        # veiled digs and sarcasm: the next provider's patience, "unlike you", "learn to ..."
        r"(?:^|[,;:.!?]\s*)(?:just\s+|please\s+|time\s+to\s+)?grow\s+up\b",
        r"\b(?:your|the|our)\s+next\s+(?:\w+\s+){0,2}?(?:will|'ll|would|might|may|has|have|"
        r"enjoys?|deserves?|needs?|is\s+going\s+to)\s+(?:\w+\s+){0,3}?(?:saint|patience|"
        r"braver|brave|luck|sympathy|medal|read\s+them|read\s+it|listen|enjoy\s+being|thrilled|"
        r"delighted|hands\s+full|"
        r"enjoy\s+(?:the|your)|cope\s+better|be\s+more\s+patient|"
        r"being\s+(?:yelled|shouted|screamed|sworn|insulted))\b",
        r"\b(?:enjoys?|enjoyed|love|loves|like|likes)\s+being\s+(?:yelled|shouted|screamed|sworn|"
        r"insulted|lectured|abused|bossed)\b",
        r"\b(?:they(?:'ll|\s+will)|they're\s+going\s+to)\s+(?:\w+\s+)?(?:love|enjoy|adore)\s+your\b",
        r"\bif\s+(?:they're|they\s+are)\s+(?:feeling\s+)?(?:brave|braver|desperate|patient|"
        r"masochists?)\b",
        r"\b(?:doubt|can't\s+imagine|cannot\s+imagine|can't\s+see|cannot\s+see)\b[^.!?]{0,50}?"
        r"\b(?:please|satisfy|handle|tolerate|cope\s+with|put\s+up\s+with|make)\s+you\b",
        r"\bunlike\s+(?:you|yours|some\s+people)\b",
        r"\b(?:you|you\s+could|you\s+should|you\s+need\s+to|you\s+might|you\s+must|you\s+ought\s+to)"
        r"\s+(?:\w+\s+)?learn\s+(?:to|how|some|basic|a\s+thing|manners|respect)\b",
        r"\bsuggest\s+(?:that\s+)?you\s+learn\b",
        r"\b(?:the|your)\s+(?:real\s+)?(?:problem|issue)\s+(?:here\s+)?(?:is|was|has\s+always\s+been)\s+"
        r"(?:you|your\s+(?:attitude|behaviou?r|temper|personality))\b",
        r"\b(?:clearly|obviously|apparently|evidently),?\s+you\s+(?:\w+\s+)?(?:think|believe|"
        r"assume|expect|feel\s+entitled)\b",
        r"\b(?:rules|contract|terms)\s+(?:don't|do\s+not|doesn't)\s+apply\s+to\s+you\b",
        r"\bwhat\s+a\s+(?:surprise|shock|shocker)\b|\b(?:how\s+)?typical(?:ly)?\s+(?:of\s+)?you\b|"
        r"\bmust\s+be\s+nice\s+to\b|\bwon't\s+hold\s+my\s+breath\b|\bpunch(?:ing)?\s*bag\b|"
        r"\bdoormat\b|\bso-called\b",
        r"\b(?:kind|sort|type)\s+of\s+(?:person|people|client|customer)\s+(?:you\s+are|to\s+avoid)\b",
        r"\b(?:says|said|tells?|told)\s+(?:me|us)?\s*(?:a\s+lot|everything|all\s+(?:i|we)\s+need\s+to\s+"
        r"know)\s+about\s+you\b",
        r"\byou\s+need\s+(?:professional\s+|serious\s+|some\s+)?help\s*[.!]*$",
        r"\b(?:you\s+)?(?:seem|appear)\s+to\s+(?:enjoy|like|love|relish)\s+(?:making|being|"
        r"causing|shouting|yelling|complaining|humiliating|upsetting)\b",
        r"\blike\s+(?:dealing|talking|working|arguing|negotiating|reasoning)\s+(?:with|for)\s+(?:a|an)\s+"
        r"(?:toddler|child|teenager|brick\s+wall|wall|spoilt|spoiled|two-year-old|five-year-old)\b",
        r"\b(?:in|for)\s+your\s+(?:entire\s+|whole\s+)?life\b",
        r"\bnever\s+(?:have\s+to\s+)?(?:hear|see|deal\s+with)\s+(?:from\s+)?(?:you|your)\b",
        r"\b(?:ruined|wasted|spoiled|spoilt|wrecked)\s+by\s+(?:you|your)\b",
        r"\b(?:tantrums?|hysterics|meltdowns?|shouting\s+matches?|whinging|histrionics)\b",
        r"\b(?:you(?:'re|\s+are)?|we(?:'re|\s+are)?)\s+(?:not\s+)?(?:your|my|our)\s+(?:personal\s+)?"
        r"(?:servants?|slaves?|skivvies|butlers?|maids?|lackeys?|therapists?)\b",
        r"\bthe\s+way\s+you\s+(?:do|behave|act|treat|talk|speak|carry\s+on)\b",
        r"\b(?:you(?:'re|\s+are))\s+not\s+(?:\w+\s+)?worth\s+(?:the|it)\b|\bworth\s+the\s+"
        r"(?:trouble|effort|hassle)[^.!?]{0,20}?\byou(?:'re|\s+are)\s+not\b",
        r"\bcan't\s+afford\s+us\b|\bsomeone\s+cheaper\b",
        r"\bsome\s+of\s+us\s+have\s+(?:real\s+)?(?:work|jobs|lives)\b",
        r"\bno\s+(?:human|one|person|mortal|sane\s+person|reasonable\s+person)\s+(?:\w+\s+)?"
        r"(?:could|can|would|will)\b(?!\s+(?:have\s+)?(?:predicted|foreseen|known))",
        r"\b(?:thanks?|thank\s+you|cheers)\s+(?:\w+\s+){0,3}?for\s+(?:\w+\s+){0,3}?(?:the\s+|all\s+the\s+|"
        r"another\s+|your\s+)?(?:\S+\s+)?(?:shouting|yelling|screaming|lectures?|lecturing|abuse|insults|"
        r"threats|complaints|drama|headaches?|grief|sleepless|ruined|wasted|teaching\s+us|"
        r"reminding\s+us\s+why|nothing)\b",
        r"\byou\s+(?:\w+\s+)?(?:ignore|blame|belittle|insult|disrespect|bully|berate|patroni[sz]e|"
        r"shout\s+at|yell\s+at|scream\s+at|swear\s+at|talk\s+down\s+to|miss\s+every|miss\s+all)\b",
        r"\b(?:put\s+up\s+with|tolerate|stand|stomach|cope\s+with)\s+you\b",
        r"\b(?:total|complete|utter|real|basic|distinct|shocking|startling)\s+lack\s+of\s+"
        r"(?:\w+\s+)?(?:respect|manners|courtesy|consideration|professionalism|decency|"
        r"common\s+sense|self-awareness|gratitude)\b",
        r"\b(?:never|rarely|seldom)\s+(?:\w+\s+)?met\s+(?:a\s+more|anyone\s+(?:so|more)|"
        r"anybody\s+(?:so|more))\b",
        r"\b(?:take|keep|check|leave)\s+your\s+(?:attitude|ego|temper|tone)\b",
        r"\b(?:well\s+done|congratulations|bravo|kudos)\s+(?:\w+\s+)?on\s+(?:\w+\s+){0,4}?"
        r"(?:difficult|new\s+way|managing\s+to|finding\s+a|alienating|upsetting|driving)\b",
        r"\bnot\s+that\s+you\s+(?:\w+\s+)?(?:deserve|earned|merit|appreciate)\b",
        r"\bnothing\s+better\s+to\s+do\b|\b(?:someone|somebody|anyone|anybody|everyone|"
        r"everybody)\s+else's\s+fault\b|\bmirror\b|\byour\s+ego\b|\b(?:should|ought\s+to)\s+be\s+"
        r"ashamed\b|\bgood\s+luck\s+to\s+(?:them|him|her|whoever)\b|"
        r"\bas\s+if\s+(?:they|we|she|he|our\s+\w+)\s+(?:were|was)\s+(?:dirt|servants?|slaves?|"
        r"rubbish|garbage|nothing|something\s+on|your\s+(?:servants?|slaves?|staff|property))\b|"
        r"\b(?:perhaps|maybe)\b[^.!?]{0,70}?\bwould\s+help\s+(?:your\s+next|them|you|the\s+next)\b|"
        r"\bwhere\s+you\s+come\s+from\b|\bget\s+a\s+life\b|\bget\s+over\s+it\b",
        r"\b(?:run\s+out\s+of|lost|losing|no\s+more|out\s+of)\s+patience\s+(?:with|for)\s+you\b",
        r"\b(?:more\s+\w+|like\s+an?|than\s+an?|than)\s+(?:toddlers?|children|child|kids|"
        r"two-year-olds?|five-year-olds?|teenagers?|spoilt\s+\w+|spoiled\s+\w+)\b",
        r"\b(?:manners|brain|patience|attention\s+span|temper|memory|charm)\s+of\s+an?\s+\w+",
        r"\b(?:kind|sort|type)\s+of\s+(?:client|customer|person|people)\s+(?:\w+\s+){0,3}?"
        r"(?:warn|avoid|dread|complain\s+about|pity)\b",
        r"\bthe\s+way\s+you(?:'ve|\s+have)?\s+(?:spoke|spoken|talked|treated|behaved|acted|"
        r"carried\s+on)\b",
        r"\b(?:maybe|perhaps)\s+(?:you\s+(?:could|should|might)\s+)?try\s+\w+ing\s+(?:\w+\s+){0,3}?"
        r"(?:before|next\s+time|for\s+once|first)\b",
        r"\b(?:thanks?|thank\s+you|cheers)\s+(?:so\s+much\s+|a\s+bunch\s+|a\s+lot\s+|ever\s+so\s+"
        r"much\s+|a\s+million\s+|very\s+much\s+)?for\s+(?:all\s+)?(?:the\s+|your\s+|another\s+)?"
        r"(?:ignoring|wasting|ruining|dragging|dumping|one-star|1-star|bad\s+review|"
        r"nasty\s+review|late-night|\d{1,2}\s?am|midnight|turning)\b",
        # condescension and rhetorical questions aimed at the client
        r"\bas\s+(?:i|we)(?:'ve|\s+have)?\s+(?:already\s+)?(?:explained|said|told\s+you|mentioned|"
        r"stated|pointed\s+out|made\s+clear|reminded\s+you)\s+(?:\w+\s+){0,3}?(?:three|four|five|"
        r"several|many|countless|numerous|multiple|repeated|\d+)\s+times\b|\bas\s+(?:i|we)(?:'ve|"
        r"\s+have)?\s+(?:already\s+)?(?:explained|said|told\s+you)\s+(?:\w+\s+){0,3}?(?:twice|"
        r"repeatedly|more\s+than\s+once|again\s+and\s+again|over\s+and\s+over)\b",
        r"\bfor\s+the\s+(?:third|fourth|fifth|sixth|tenth|umpteenth|hundredth|millionth|last|"
        r"final|nth)\s+time\b(?![^.!?]{0,40}\b(?:we|our)\b)",
        r"\blet\s+me\s+(?:spell|explain|put)\s+(?:it|this|that)\s+(?:out\s+)?(?:again|slowly|simply|"
        r"in\s+simple|very\s+simply|one\s+more\s+time)\b|\b(?:say|explain)\s+(?:it|this)\s+slowly\b",
        r"\b(?:do|did|have|has|are|were|can|could|would|will|don't|didn't|haven't|can't)\s+(?:you|u)\s+"
        r"(?:\w+\s+)?(?:ever|even|really|seriously|honestly|actually|not)\b[^.!?]*\?",
        r"\bis\s+it\s+(?:really\s+)?(?:too\s+much|so\s+hard|that\s+hard|so\s+difficult)\s+to\b|"
        r"\bhow\s+(?:hard|difficult)\s+(?:is|was|can)\s+it\b|\bwhat\s+part\s+of\b",
        r"\bat\s+least\s+(?:you|your|u)\b|\bfor\s+(?:someone|a\s+(?:client|company|business))\s+"
        r"(?:who|of\s+your|your\s+size|like\s+you)\b|\bbless\s+(?:you|your|his|her|them)\b(?!\s+for)|"
        r"\bnice\s+try\b|\byour\s+lot\b|\bof\s+course\s+you\s+(?:did|do|would|are|were|have)\b",
        r"\b(?:i'm|i\s+am|we're|we\s+are)\s+sure\s+(?:you|u)\s+(?:\w+\s+)?(?:think|believe|feel|"
        r"thought)\s+(?:you(?:'re|\s+are|\s+were)|that\s+you)\b",
        r"[\U0001F644\U0001F612\U0001F921\U0001F643\U0001F926\U0001F624\U0001F595\U0001F4A9"
        r"\U0001F60F"
        r"\U0001F92C]",
        r"\beven\s+you\b|\bmore\s+patience\s+than\s+(?:ours|we|us|i)\b|\byou\s+know\s+best\b|"
        r"\bsorry\s+not\s+sorry\b|\bas\s+much\s+as\s+(?:we|i)\s+did\b|"
        r"\b(?:mind[- ]readers?|miracle[- ]workers?)\b|\bbeing\s+right\b",
        r"\byou(?:\s+have|'ve\s+got|\s+possess|'ve|\s+have\s+got)\s+(?:a|an)\s+(?:real\s+|rare\s+|remarkable\s+|special\s+|"
        r"unique\s+|amazing\s+)?(?:talent|knack|gift|genius|flair)\s+for\s+(?:making|turning|"
        r"creating|causing|complicating|ruining|upsetting|annoying|missing|losing|forgetting|"
        r"changing|finding\s+(?:fault|problems)|stirring|escalating|wasting|dragging)\b",
        r"\b(?:find(?:ing)?\s+fault|complain(?:ing)?|moan(?:ing)?|whin(?:e|ing)|nitpick(?:ing)?)\s+"
        r"(?:with|in|about|at)\s+(?:everything|anything|every\s+single|every\s+little)\b|"
        r"\bhow\s+you\s+(?:always\s+)?manage\s+to\b",
        r"\blike\s+an?\s+(?:small\s+|little\s+|spoilt\s+|spoiled\s+|petulant\s+)?(?:child|toddler|"
        r"baby|kid|brat|teenager)\b",
        r"\b(?:not|hardly|no)\s+(?:surprised|surprising|surprise|wonder)\s+(?:that\s+)?(?:you|your)\b",
        r"\byou\s+(?:evidently|clearly|obviously|apparently|never|didn't|did\s+not|don't|can't)\s+"
        r"(?:\w+\s+)?bother(?:ed)?\s+to\b",
        r"\bwhen\s+you(?:'re|\s+are)\s+not\s+(?:shouting|yelling|screaming|complaining|moaning|"
        r"swearing|being)\b",
        r"\bwouldn't\s+know\s+[\w\s]{1,30}?\s+if\s+it\s+(?:bit|hit|slapped)\s+you\b",
        r"\baren't\s+you\s+(?:just\s+)?(?:a|an|so|such)\b",
        r"(?:^|[.!?,]\s+)(?:really|very|how|so)\s+(?:classy|mature|professional|grown-up|adult|"
        r"charming|helpful)\b",
        r"\bnot\s+(?:exactly\s+|always\s+|the\s+)?(?:an?\s+)?(?:easy|easiest|simplest|nicest|most\s+pleasant|"
        r"pleasant)\b[^.!?]{0,20}?\b(?:to\s+(?:please|work|deal|get\s+along)|person|client|customer)\b",
        r"\bno\s+offen[cs]e,?\s+but\b|\bnot\s+being\s+funny,?\s+but\b|\bdon't\s+take\s+this\s+the\s+"
        r"wrong\s+way,?\s+but\b|\bwith\s+(?:all\s+)?due\s+respect,?\s+(?:but\s+)?you\b",
        r"\b(?:be|try\s+to\s+be|try\s+being)\s+(?:a\s+(?:bit|little)\s+)?(?:kinder|nicer|more\s+"
        r"(?:polite|patient|reasonable|respectful|civil|courteous))\s+to\b",
        r"\bthanks?,?\s+i\s+guess\b|\b(?:for\s+what\s+exactly|seriously|really)\s*\?",
        r"\b(?:made|make|makes|making|is|was|it's)\s+(?:\w+\s+){0,3}?(?:all\s+)?about\s+"
        r"(?:you|yourself)\b|\b(?:isn't|is\s+not|aren't|are\s+not)\s+your\s+"
        r"strong\s+(?:point|suit)\b|\bcommon\s+sense\b",
        r"\b(?:nobody|no\s+one)\s+(?:here\s+)?(?:will|is\s+going\s+to|would)\s+miss\s+(?:you|your)\b",
        r"\bif\s+you\s+spent\s+(?:half\s+)?as\s+much\s+(?:time|effort|energy)\b|\bok\s+boomer\b|"
        r"\b(?:lmao|lmfao|rofl)\b",
        r"\bentitles\s+you\s+to\s+(?:abuse|treat|shout|yell|bully|speak|insult)\b|"
        r"\bsense\s+of\s+entitlement\b|\b(?:consider|think\s+of|see)\s+yourself\s+above\b",
        r"\bnever\s+miss\s+(?:an|a|any)\s+(?:opportunity|chance)\s+to\b",
        r"\b(?:acting|act|behaving|behave|carrying\s+on)\s+(?:as\s+if|as\s+though|like)\s+you\s+"
        r"(?:own|are\s+the\s+only|are\s+above|run|were\s+the\s+only)\b",
        r"\byour\s+\w+\s+(?:is|are)\s+(?:just\s+|simply\s+)?too\s+much\b",
        r"\bthe\s+only\s+thing\s+more\s+\w+\s+than\s+your\b",
        r"\b(?:met|seen|known|taught)\s+(?:toddlers|children|kids|teenagers|five-year-olds|"
        r"two-year-olds|schoolchildren)\b",
        r"\b(?:well\s+done|congratulations|bravo|kudos)\s+(?:\w+\s+)?on\s+(?:\w+\s+){0,4}?"
        r"(?:yet\s+another|another|complain\w*)\b",
        r"\bwho\s+you\s+think\s+you(?:'re|\s+are)\b",
        r"\b(?:not|n't)\s+your\s+(?:personal\s+)?(?:helpdesk|help\s+desk|assistants?|punch\s*bag|"
        r"doormat|slaves?|servants?|atm|bank|therapists?|babysitters?|secretary|errand\s+boy)\b",
        r"\byou\s+(?:have\s+|'ve\s+)?finally\s+(?:read|replied|paid|answered|responded|decided|noticed|"
        r"realised|realized|understood|listened|bothered|found|managed|succeeded)\b",
        r"\byou\s+wouldn't\s+know\s+(?:a|an|the|good|what|how)\b|\bnot\s+everyone\s+(?:has|is|can)\b",
        r"\b(?:perhaps|maybe)\b[^.!?]{0,60}?\bwould\s+have\s+(?:saved|helped|avoided|prevented|spared)\b",
        r"\bper\s+my\s+(?:last|previous|earlier)\s+(?:\w+\s+)?(?:emails?|messages?)\b|"
        r"\bi\s+assume\s+you\s+(?:did|have|eventually|actually|at\s+least)\b|"
        r"\bwho\s+(?:exactly\s+|on\s+earth\s+)?did\s+you\s+(?:think|expect)\b",
        r"\b(?:you(?:'re|\s+are)|ur)\s+(?:a\s+lot\s+of|hard|such\s+hard)\s+work\b|"
        r"\byou(?:'re|\s+are)\s+quite\s+(?:something|a\s+character|a\s+piece\s+of\s+work|"
        r"the\s+\w+)\b|\bmakes?\s+you\s+look\s+(?:important|clever|smart|big|tough|good|"
        r"professional)\b",
        r"\b(?:always|never)\s+(?:seem\s+to\s+)?find\s+(?:a|an|another|some)\s+(?:reason|excuse|way)\s+"
        r"(?:not\s+to|to\s+avoid|to\s+complain|to\s+blame)\b",
        r"\b(?:isn't|is\s+not|aren't|are\s+not)\s+(?:one\s+of\s+)?your\s+(?:strengths?|strong\s+"
        r"suits?|fortes?)\b|\byou(?:'re|\s+are)\s+used\s+to\s+(?:people|everyone|getting)\b",
        r",\s*(?:won't|will|can|shall|wouldn't|isn't|aren't|didn't|don't)\s+(?:you|we|it)\s*\?\s*$",
        r"\bnever\s+(?:had|met|seen|dealt\s+with)\s+a\s+(?:client|customer|person)\s+(?:so|this|as|"
        r"more|quite)\b|\bso\s+determined\s+to\s+be\b",
        r"\bno\s+doubt\s+you(?:'ll|\s+will)\b",
        r"\b(?:nobody|no\s+one)\b[^.!?]{0,40}?\b(?:will|would|could)\s+(?:\w+\s+)?(?:tolerate|put\s+up\s+"
        r"with|stand)\b",
        r"\b(?:detached\s+from|out\s+of\s+touch\s+with)\s+reality\b|\bcloud\s+cuckoo\s+land\b|"
        r"\bto\s+put\s+it\s+(?:gently|mildly|politely|kindly|charitably)\b",
        r"\bwhat\s+they\s+taught\s+you\b|\bmust\s+be\s+(?:lovely|great|wonderful|fun|relaxing|"
        r"nice)\s+to\b|\bas\s+(?:perfect|clever|smart|important|busy|brilliant|wise|right)\s+as\s+you\b",
        r"\bthe\s+(?:real\s+)?(?:problem|issue)\b[^.!?]{0,30}?\bis\s+(?:you|your)\b(?!\s+(?:\w+\s+)?"
        r"(?:invoice|account|order|request|site|system|data|file))",
        r"\b(?:some|certain)\s+(?:people|clients|customers)\s+(?:\w+\s+)?(?:cannot|can't|won't)\s+be\s+"
        r"(?:pleased|satisfied|helped)\b|\byou(?:'re|\s+are)\s+one\s+of\s+them\b",
        r"\bchoos(?:e|ing)\s+to\s+(?:ignore|disregard)\b|\bwho\s+knows\s+(?:everything|it\s+all|"
        r"best)\b|\bknow-it-all\b|\bquite\s+(?:the|an?)\s+(?:education|experience|ride|"
        r"learning\s+experience)\b",
        r"\brevolves?\s+around\s+you\b|\bare\s+you\s+(?:always|usually|ever)\s+(?:this|so)\b",
        r"\b(?:doesn't|does\s+not|don't|do\s+not|won't)\s+mind\s+being\s+(?:spoken|shouted|yelled|"
        r"screamed|sworn|treated|talked)\b|\bwe\s+both\s+know\s+why\b",
        r"\b(?:you(?:'re|\s+are)|ur|u\s+r)\s+always\s+(?:late|rude|shouting|complaining|angry)\b",
        r"\binto\s+an?\s+(?:\w+\s+)?(?:battle|nightmare|war|circus|ordeal|fight|chore|drama|saga|"
        r"struggle|warzone|soap\s+opera)\b",
        r"\bwouldn't\s+kill\s+you\b|\byou(?:'ll|\s+will)\s+only\s+(?:fall\s+out|fight|argue|complain|"
        r"upset|annoy|fire)\b|\b(?:basic|common)\s+(?:courtesy|decency|manners)\b|\bthe\s+courtesy\s+of\b",
        r"\blike\s+(?:they're|they\s+are|we're|we\s+are|she's|he's)\s+(?:dirt|rubbish|garbage|servants?|"
        r"slaves?|nothing|idiots?|children)\b",
        r"\b(?:never|not)\s+(?:\w+\s+)?(?:had|met|seen|dealt\s+with|encountered)\s+an?\s+\w+\s+(?:so|this|"
        r"as|more|quite)\s+(?:\w+\s+)?(?:unwilling|determined|difficult|rude|demanding|hostile|"
        r"unreasonable|ungrateful|impossible|abusive|unpleasant|stubborn)\b",
        r"\b(?:next|new)\s+\w+\s+(?:\w+\s+){0,3}?(?:might|may|will|would)\s+(?:get\s+further|fare\s+better|"
        r"do\s+better|have\s+more\s+luck)\b",
        r"\bhow\s+\w+\s+it\s+must\s+be\b|\bluck\s+won't\s+be\s+enough\b|\bkept\s+us\s+humble\b|"
        r"\b(?:outdid|outdone)\s+(?:yourself|urself)\b|\brid\s+of\s+you\b|\bbring\s+out\s+the\s+worst\b",
        r"\b(?:pleasure|joy|treat|delight|privilege)\b[^.!?]{0,40}?\b(?:abuse|abused|shouted|yelled|"
        r"screamed|sworn|insulted|lectured|complaints?)\b",
        r"\b(?:someone|somebody)\s+else\s+can\s+(?:deal\s+with|handle|have)\s+you\b|\banother\s+mug\b",
        r"\bfeel\s+sorry\s+for\s+(?:whoever|your\s+next|the\s+next|anyone\s+who)\b|\bwhoever\s+takes\s+you\s+"
        r"on\b",
        r"\b(?:most|other|normal)\s+(?:clients|customers|people)\b[^.!?]{0,40}?;\s*you\b",
        r"\bput\s+up\s+with\s+(?:the\s+|your\s+)?(?:constant|endless|incessant|relentless)\b|"
        r"\b(?:another|other)\s+\w+\s+(?:will|might|may|would)\s+(?:\w+\s+)?put\s+up\s+with\b",
        r"\bno\s+other\s+\w+\s+(?:\w+\s+)?(?:would|will|could)\s+(?:have\s+)?(?:put\s+up\s+with|tolerate|"
        r"stood|stand|lasted)\b",
        r"\b(?:world|everyone|everybody)\s+owes\s+you\b|\bwould\s+go\s+a\s+long\s+way\b|"
        r"\b(?:obvious|clear|evident)\s+(?:that\s+)?you(?:'ve|\s+have)?\s+never\b|"
        r"\b(?:last|survive|cope)\s+longer\s+than\s+(?:we|i)\s+did\b",
        # sarcasm aimed at the client
        r"\bthanks?\s+(?:you\s+)?(?:so\s+much\s+|a\s+lot\s+|very\s+much\s+|a\s+bunch\s+)?for\s+"
        r"(?:nothing|wasting|making|ruining|the\s+(?:endless|constant|headaches?|grief|stress|"
        r"abuse|insults|drama|trouble|aggravation|nightmare)|your\s+(?:constant|endless|rude|"
        r"abusive|pointless)|yelling|shouting|screaming|all\s+the\s+(?:headaches?|grief|stress|"
        r"drama|trouble|complaints|abuse)|being\s+(?:so\s+)?(?:difficult|rude|impossible|"
        r"a\s+nightmare|a\s+pain)|nothing)\b",
        r"\bcongratulations,?\s+(?:you(?:'ve|\s+have)?|on)\s+(?:\w+\s+)?(?:managed|succeeded|"
        r"become|being|making|driving|alienating|achieving\s+the\s+impossible)\b",
        r"\b(?:i'm|i\s+am|we're|we\s+are)\s+(?:sure|certain|confident)\s+(?:you(?:'ll|\s+will)|"
        r"your\s+next\s+\w+\s+will)\s+(?:\w+\s+){0,4}?(?:bullying|shouting\s+at|yelling\s+at|"
        r"harassing|tormenting|making\s+(?:life|lives)|complaining\s+to|torturing|terrori[sz]ing|"
        r"have\s+(?:more|better)\s+luck|be\s+just\s+as\s+(?:unhappy|dissatisfied|difficult))\b",
        r"\benjoy\s+(?:bullying|harassing|terrori[sz]ing|tormenting|making\s+(?:life|lives)|"
        r"complaining|shouting|yelling|your\s+next\s+victim)\b",
        r"\b(?:sorry|apologies)\s+(?:that\s+)?(?:we|i)\s+(?:couldn't|can't|cannot|could\s+not|"
        r"aren't|are\s+not|weren't)\s+(?:\w+\s+)?(?:read\s+your\s+mind|perform\s+miracles|"
        r"mind\s+readers?|miracle\s+workers?|work\s+miracles|magicians?|psychic)\b",
        r"\b(?:even\s+a\s+(?:child|toddler|five-year-old))\s+(?:could|would|can)\b",
        r"\bgood\s+luck\s+(?:to\s+(?:whoever|your\s+next|the\s+next)|with\s+(?:that|your\s+next\s+"
        r"victim)|finding\s+(?:someone|anyone|another)\s+(?:\w+\s+){0,3}?(?:who|that|willing|"
        r"foolish|patient|desperate|stupid))\b",
        r"\b(?:your\s+next|the\s+next)\s+(?:\w+\s+){0,2}?(?:will\s+have\s+(?:their|its)\s+work\s+cut"
        r"\s+out|has\s+my\s+sympathy|have\s+my\s+sympathy|deserves?\s+a\s+medal|will\s+need\s+"
        r"(?:patience|luck))\b",
        r"\b(?:try|trying)\s+(?:being|to\s+be)\s+(?:a\s+little\s+|a\s+bit\s+|more\s+|less\s+)?"
        r"(?:nicer|kinder|polite|civil|reasonable|respectful|patient|grateful|realistic|"
        r"courteous|decent|human)\b",
        r"\bspare\s+(?:them|your\s+next\s+\w+|the\s+next\s+\w+)\s+(?:the|your)\b",
        r"\b(?:a|the)\s+(?:worst|most\s+(?:difficult|demanding|unpleasant|unreasonable|rude|"
        r"exhausting|entitled))\s+(?:client|customer|person|people|account)s?\s+(?:we|i)(?:'ve|\s+have)"
        r"\s+ever\b",
        r"\bwe\s+(?:\w+\s+)?(?:bent\s+over\s+backwards|went\s+above\s+and\s+beyond)\b[^.!?]{0,40}"
        r"\b(?:never\s+enough|still\s+(?:complain|not\s+happy|unhappy|not\s+satisfied)|"
        r"all\s+you\s+(?:did|do)\s+(?:was|is)\s+complain|and\s+you\s+still)\b",
        r"\ball\s+you\s+(?:ever\s+)?(?:do|did|have\s+done)\s+(?:is|was|has\s+been)\s+"
        r"(?:complain|moan|whine|criticise|criticize|demand|shout|yell|nag)\b",
        r"\b(?:you|your\s+\w+)\s+(?:is|are|was|were|have\s+been|has\s+been)\s+(?:a\s+|an\s+)?"
        r"(?:complete|total|utter|absolute)?\s*(?:joke|disgrace|embarrassment|laughing\s+stock|"
        r"disaster|shambles|circus)\b",
        r"\b(?:no\s+wonder|it's\s+no\s+surprise|it\s+is\s+no\s+surprise)\s+(?:you|nobody|no\s+one)\b",
        r"\byou\s+(?:\w+\s+)?(?:expect|think|seem\s+to\s+think|believe|assume)\s+(?:that\s+)?"
        r"(?:the\s+world|everyone|everything|we)\s+(?:revolves?|should\s+(?:drop|bend|jump|"
        r"revolve)|owes?\s+you|must\s+(?:drop|bend|jump)|exist\s+to\s+serve|are\s+your\s+"
        r"(?:servants|slaves))\b",
        r"\bwho\s+(?:on\s+earth\s+)?(?:talks|speaks|writes|behaves)\s+(?:to\s+people\s+)?like\s+that\b",
    )
)

_WORD_RE = re.compile(r"[\w'-]+")


def _subject_judgements(text: str) -> list[tuple[int, int]]:
    """`you are X` / `your team is X` where X judges character (or "never happy")."""
    spans = []
    for m in _SUBJECT_WORD.finditer(text):
        word = m.group("w").lower()
        negated = bool(m.group("neg"))
        if negated:
            if m.group("neg").lower().startswith("never") and word in _SATISFIED:
                spans.append((m.start(), m.end()))
            continue
        if is_judging_word(word):
            spans.append((m.start(), m.end()))
    return spans


_CONDUCT = re.compile(
    r"\byour\s+(?:temper|attitude|behaviou?r|tone|conduct|manner|manners|language|outbursts?|"
    r"personality|character|moods?|rudeness|demeanou?r|ego|communication\s+style|style|"
    r"approach|way\s+of\s+(?:working|communicating|dealing\s+with\s+\w+)|temperament)\b"
    r"([^,;:.!?]{0,70})",
    _I,
)


_SUPERLATIVE = re.compile(
    r"\b(?:the|one\s+of\s+the)\s+(?P<adj>\w+est|most\s+\w+|worst)\s+(?:\w+\s+)?(?:person|people|"
    r"client|clients|customer|customers|individual|individuals|human\s+beings?|account)\b"
    r"[^.!?]{0,30}?\b(?:i|we|ever|had|dealt|seen|met|known|encountered)\b",
    _I,
)


def _superlatives(text: str) -> list[tuple[int, int]]:
    """ "The rudest client we've had", "one of the most difficult people I've met"."""
    out = []
    for m in _SUPERLATIVE.finditer(text):
        adj = m.group("adj").lower().split()[-1]
        stem = re.sub(r"(?:i?est)$", "", adj)
        candidates = {adj, stem, stem + "e", stem + "y", stem[:-1] if len(stem) > 3 else stem}
        if adj == "worst" or any(is_judging_word(c) or c in _CONDUCT_JUDGING for c in candidates):
            out.append((m.start(), m.end()))
    return out


_CONDUCT_JUDGING = frozenset(
    """challenging trying abrasive combative problematic difficult demanding hard draining
    unprofessional inappropriate unacceptable hostile aggressive disrespectful volatile erratic
    unpredictable intimidating confrontational dismissive belittling condescending unworkable
    untenable impossible""".split()
)
_SUCH_A = re.compile(
    r"\bsuch\s+an?\s+(?P<w>[\w'-]+)\s+(?:\w+\s+)?(?:person|client|customer|individual|man|"
    r"woman|people)\b",
    _I,
)


def _judged_conduct(text: str) -> list[tuple[int, int]]:
    """ "Your temper has made the last months unbearable": their conduct, judged."""
    spans = [(m.start(), m.end()) for m in _SUCH_A.finditer(text) if is_judging_word(m.group("w"))]
    for m in _CONDUCT.finditer(text):
        words_after = [w.lower() for w in _WORD_RE.findall(m.group(1))]
        if any(is_judging_word(w) or w in _CONDUCT_JUDGING for w in words_after):
            spans.append((m.start(), m.end()))
    return spans


_VERB_USE = re.compile(r"\s+(?:that|to|a|an|the|we|us|our|your|his|her|their|more)\b", _I)
_DESCRIBES_A_THING = re.compile(r"\b(?:the|a|an|this|that|these|those)\s+$", _I)
_ABOUT_US = re.compile(
    r"\s+(?:for\s+(?:us|me|the\s+\w+|our\s+\w+|everyone|both)|to\s+(?:continue|proceed|carry\s+on|"
    r"go\s+on|keep\s+going|sustain))\b",
    _I,
)
_YOU = re.compile(r"\b(?:you|your|yours|yourself|yourselves|u|ur|yr)\b", _I)
# Scare quotes around the client's things: your "urgent" changes, our "valued" customer.
_SCARE_QUOTES = re.compile(
    r"\b(?:your|ur|our|such|another|the\s+\d+|these|those|idea\s+of|so-called|more)\s+"
    r"[\"“'‘](?=[a-z])[\w\s-]{2,24}[\"”'’]"
    r"(?:\s+(?:changes|requests|emergencies|feedback|suggestions|concerns|expertise|advice|"
    r"deadlines?|customer|client|partner|input|ideas|improvements|emails|complaints|"
    r"priorities|budget|brief|vision|questions|notes|tweaks|corrections))?",
    _I,
)
_THANK_YOU = re.compile(r"\bthank(?:s|\s+you)\b", _I)
_OWNED = re.compile(
    r"\b(?:we|i|our|my|us|me)\b[^.!?]{0,40}\b(?:sorry|apolog\w*|regret\w*|fault|mistake|"
    r"fell\s+short|let\s+you\s+down|failed|couldn't|could\s+not|weren't\s+able|were\s+unable|"
    r"feel\s+(?:terrible|awful|bad|horrible)|let\s+your\s+\w+\s+slip|(?:are|were|have)\s+not\s+"
    r"(?:been\s+)?(?:doing|done|able|managed|good\s+enough))",
    _I,
)


def _owns_the_fault(sentence: Sentence) -> bool:
    """The writer blaming themselves is never an attack, whatever the model thinks."""
    return bool(_OWNED.search(sentence.masked))


def _targeted_negativity(text: str) -> list[tuple[int, int]]:
    """A sentence addressed to the client that carries a judging word about a person.

    The catch-all behind the specific patterns: addressed (you/your), a word that judges a
    person (the character list, or a strongly negative word in the sentiment lexicon that is
    not a verb form), not negated, not a word for the situation, and not the writer owning the
    fault ("we're sorry it was a difficult year for you").
    """
    if not _YOU.search(_THANK_YOU.sub("", text)) or _OWNED.search(text):
        return []
    for m in _WORD_RE.finditer(text):
        word = m.group(0).lower()
        if word in SITUATION_WORDS or word in EMOTION_STATES or m.group(0).isupper():
            continue
        if _DESCRIBES_A_THING.search(text[max(0, m.start() - 12) : m.start()]):
            continue  # "the abusive voicemail of 3 April" documents a thing
        if _REPORTED.search(text[max(0, m.start() - 30) : m.start()]):
            continue  # "your email calling our team clowns" reports the client's words
        if word == "demanding" and _VERB_USE.match(text[m.end() :]):
            continue  # "demanding that the designer be sacked": the verb, not a judgement
        judging = word in CHARACTER_WORDS or (
            is_judging_word(word, threshold=-1.5) and not word.endswith(("ed", "ing"))
        )
        if not judging or negated_before(text, m.start(), window=30):
            continue
        if _ABOUT_US.match(text[m.end() :]):
            continue  # "impossible for us to continue": about the situation
        return [(m.start(), m.end())]
    return []


def _always_never(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _ALWAYS.finditer(text)]
    spans += [(m.start(), m.end()) for m in _NEVER.finditer(text)]
    spans += [(m.start(), m.end()) for m in _NEVER_SATISFIED.finditer(text)]
    # "you always <...negative...>" beyond the verb list, judged by word valence in the clause.
    for m in re.finditer(
        r"\byou\s+(?:\w+\s+)?(?:always|constantly|continually)\b([^,.;!?]{0,50})", text, _I
    ):
        clause = m.group(1)
        for w in _WORD_RE.finditer(clause):
            bad = valence(w.group(0)) <= -1.5 or w.group(0).lower() in {"late", "short", "complain"}
            if bad and not negated_before(clause, w.start(), window=25):
                spans.append((m.start(), m.end()))
                break
    return spans


def detect(sentence: Sentence) -> list[Hit]:
    return list(_detect(sentence))


_REPORTED = re.compile(
    r"\b(?:call(?:ed|ing|s)?|label(?:l?ed|l?ing)|describ(?:ed|ing))\s+(?:us|me|our\s+\w+|my\s+\w+|"
    r"them|him|her|the\s+team)\s+(?:a\s+|an\s+|a\s+bunch\s+of\s+)?$",
    _I,
)


def _scare_quotes(sentence: Sentence) -> list[tuple[int, int]]:
    """Short quotes around the client's own words, as mockery, not as documentation."""
    out = []
    for m in _SCARE_QUOTES.finditer(sentence.text):
        inner = re.sub(r"^\W*\w+\s+\W", "", m.group(0))
        if len(inner.split()) <= 3 and not re.match(r"\w+\s+[\"“]", m.group(0)[-1:]):
            out.append((m.start(), m.end()))
    return out


@lru_cache(maxsize=4096)
def _detect(sentence: Sentence) -> tuple[Hit, ...]:
    """Cached: the appreciation and apology rules ask about the same sentence for sarcasm."""
    text = sentence.masked
    spans = [
        (s, e)
        for s, e in find_all(_PATTERNS, text)
        if not _REPORTED.search(text[max(0, s - 30) : s])
    ]
    spans += _subject_judgements(text)
    spans += _always_never(text)
    spans += _judged_conduct(text)
    spans += _targeted_negativity(text)
    spans += _scare_quotes(sentence)
    spans += _superlatives(text)
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return tuple(Hit(s, e, _REPLACEMENTS) for s, e in merged)


_REPLACEMENTS = (
    "describe the documented situation instead (what happened, when, how often)",
    'take some of the fault: "it seems we have not been able to keep you happy"',
)

RULE = Rule(
    id="personal_attack",
    title="No personal attack",
    why='A judgement of the person ("impossible to work with", "you always...") makes the '
    "client defend themselves instead of accepting the decision; documented situations "
    "can't be argued with in the same way.",
    kind="forbidden",
    severity=Severity.ERROR,
    detector=with_second_opinion("personal_attack", detect, veto=_owns_the_fault),
    message="Judges the person, not the situation.",
    suggestion="Replace judgements of the client with the documented situations that led here.",
    should_pass=(
        "You always paid on time, and we appreciated that.",
        "Your request for weekend support was outside the scope of our agreement.",
        'You wrote: "your staff are idiots and I want a refund".',
        "I understand you were frustrated by the delays in March.",
        "You never once missed a payment in four years.",
        "We have not been able to meet your expectations, and that is on us.",
    ),
    should_fail=(
        "Frankly, you are impossible to work with.",
        "You always demand too much and never say thank you.",
        "No other agency would put up with you for this long.",
        "Thanks for nothing, and good luck finding someone who will tolerate this.",
        "Sorry, but you are the problem here.",
        "Your constant complaints have exhausted our team.",
        "Maybe try being polite to the next firm you hire.",
    ),
)
