"""Template placeholders: `[date]`, `<Name>`, `{{first_name}}`, `______`, `(insert reason)`.

A slot in a template is neither evidence nor a fault: rules read the words around it, never
the slot itself (`[date]` is not a date, `<Name>` is not a name). Every pattern is bounded.
"""

from __future__ import annotations

import re

SLOT_MASK = "\u2592"
_SLOT_NOUNS = (
    r"name|date|amount|reason|address|number|signature|title|phone|email|city|state|zip|"
    r"provider|practice|firm|sum|fee|time|details|recipient|sender"
)
PLACEHOLDER = re.compile(
    r"\[[^\[\]\n]{1,80}\]"
    r"|\{\{[^{}\n]{1,60}\}\}"
    r"|\{[A-Za-z_][A-Za-z0-9_ .-]{0,40}\}"
    r"|<(?![a-z]+://)[A-Za-z][^<>\n@/:]{0,40}>"
    r"|_{3,}+"
    r"|\((?:insert|enter|add|specify|list)\b[^()\n]{0,60}\)"
    rf"|\((?:[A-Za-z'’]+\s){{0,2}}(?:{_SLOT_NOUNS})\)"
    r"|\b(?:XX|xx)[/.-](?:XX|xx)[/.-](?:XX|xx|\d\d)(?:XX|xx|\d\d)?\b"
    r"|[$£€]\s?X{2,}+(?:[.,]X+)?",
)


def slot_spans(text: str) -> list[tuple[int, int]]:
    """Where the template slots are, as offsets into `text`."""
    return [m.span() for m in PLACEHOLDER.finditer(text)]


def mask_slots(text: str) -> str:
    """The same text with every slot replaced by the slot mask (offsets kept)."""
    return PLACEHOLDER.sub(lambda m: SLOT_MASK * len(m.group(0)), text)


def has_slots(text: str) -> bool:
    return PLACEHOLDER.search(text) is not None
