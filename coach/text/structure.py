"""The parts of a message: headers, subject, salutation, body, sign-off, signature, quoted.

Rules read only the body: a letterhead, a `Subject:` line, "Many thanks," above a name, a
disclaimer or the client's own words quoted below a reply are not the writer's framing.
Hard-wrapped lines are unwrapped first, so one sentence over two lines is one sentence.
Both steps keep offsets: the reading text has the same length as the original, with soft
line breaks turned into spaces and everything outside the body blanked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

PartKind = Literal["header", "subject", "salutation", "body", "signoff", "signature", "quoted"]


@dataclass(frozen=True)
class Part:
    kind: PartKind
    start: int
    end: int


@dataclass(frozen=True)
class Structure:
    """A message split into parts, with `reading`: the body only, unwrapped, same length."""

    text: str
    parts: tuple[Part, ...]
    reading: str

    def spans(self, kind: PartKind) -> list[tuple[int, int]]:
        return [(p.start, p.end) for p in self.parts if p.kind == kind]

    def first(self, kind: PartKind) -> Part | None:
        return next((p for p in self.parts if p.kind == kind), None)

    @property
    def is_letter(self) -> bool:
        """Whether the text has a letter's frame (a salutation, sign-off or signature)."""
        return any(p.kind in ("salutation", "signoff", "signature") for p in self.parts)


@dataclass
class _Line:
    start: int
    end: int
    text: str  # without the line break
    kind: PartKind = "body"

    @property
    def blank(self) -> bool:
        return not self.text.strip()


_HEADER_FIELD = re.compile(r"^[A-Za-z][A-Za-z0-9-]{0,40}:(?:\s|$)")
_MAIL_HEADERS = frozenset(
    "from to cc bcc date subject sent reply-to mime-version content-type message-id "
    "content-transfer-encoding return-path received x-mailer importance".split()
)
_SUBJECT = re.compile(
    r"^\s*(?:subject|re|fwd?|fw|ref|reference|our\s+ref|your\s+ref|regarding|matter|"
    r"account(?:\s+(?:no|number))?|patient|client|invoice|policy(?:\s+no)?)\s*[:#.-]\s*\S",
    re.IGNORECASE,
)
_SALUTATION = re.compile(
    r"^\s*(?:dear|hi|hello|hey|hiya|greetings|good\s+(?:morning|afternoon|evening|day)|"
    r"morning|afternoon|evening|to\s+whom\s+it\s+may\s+concern|attention|attn|g'day|"
    r"howdy|yo)\b",
    re.IGNORECASE,
)
_TITLES = re.compile(r"\b(?:mr|mrs|ms|mx|dr|prof|rev|st|sr|jr|messrs)\.", re.IGNORECASE)
_SIGNOFF_WORDS = frozenset(
    """sincerely yours faithfully truly respectfully regards regard kind kindest warm warmest
    best wishes all the warmly cheers thanks thank you many again so much with gratitude
    gratefully take care talk speak soon cordially and very rgds br kr love sincere
    appreciation respect wish thx ty tia yrs ever""".split()
)
_REPLY_HEADER = re.compile(
    r"^\s*(?:on\s.{0,200}\bwrote:\s*$|-{2,}\s*original\s+message\s*-{2,}|"
    r"begin\s+forwarded\s+message:|-{2,}\s*forwarded\s+message\s*-{2,}|"
    r"from:\s.{0,200}$)",
    re.IGNORECASE,
)
_REPLY_START = re.compile(r"^\s*on\s.{0,200}$", re.IGNORECASE)
_WROTE = re.compile(r"\bwrote:\s*$", re.IGNORECASE)
_QUOTE_LINE = re.compile(r"^\s*>")
_SIG_DELIMITER = re.compile(r"^(?:--|__+|—)\s*$")
_DISCLAIMER = re.compile(
    r"\b(?:confidential|intended\s+recipient|privileged|disclaimer|unsubscribe|"
    r"sent\s+from\s+my|get\s+outlook\s+for|this\s+e-?mail\s+and\s+any\s+attachments|"
    r"please\s+consider\s+the\s+environment|registered\s+(?:office|in\s+england))\b",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦–]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")
_TERMINAL = re.compile(r"""[.!?…:;]["'”’)\]]*\s*$""")
_CONTACT = re.compile(
    r"(?:\b(?:tel|phone|fax|mob|mobile|cell|t|m|e|w|office|direct)\b\.?\s*[:.]?\s*[+(\d]|"
    r"@|https?://|www\.|\+?\d[\d ()-]{6,}\d)",
    re.IGNORECASE,
)


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        content = raw[:-1] if raw.endswith("\r") else raw
        out.append(_Line(pos, pos + len(content), content))
        pos = end + 1
    return out


def _words(line: str) -> list[str]:
    return re.findall(r"[A-Za-z']+", line.lower())


def _is_signoff(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 40 or not re.fullmatch(r"[A-Za-z' ,.!&-]+", stripped):
        return False
    words = _words(stripped)
    return bool(words) and len(words) <= 6 and all(w in _SIGNOFF_WORDS for w in words)


def _is_salutation(line: str) -> bool:
    stripped = line.strip()
    if len(stripped) > 70 or not _SALUTATION.match(stripped):
        return False
    # "Hi Sam, I wanted to..." is prose that starts with a greeting: leave it in the body.
    prose = _TITLES.sub("", stripped)
    return not re.search(r"[.!?]\s+\S", prose) and len(_words(stripped)) <= 8


def _is_short_frame_line(line: str) -> bool:
    """A line of a letterhead, address block or signature: short, not a sentence."""
    stripped = line.strip()
    if not stripped:
        return False
    if len(stripped) <= 90 and _CONTACT.search(stripped):
        return True
    return (len(_words(stripped)) <= 7 and not _TERMINAL.search(stripped.rstrip(","))) or (
        len(stripped) <= 40 and stripped.endswith(",") and stripped[0].isupper()
    )


def _mark_quoted(lines: list[_Line]) -> None:
    """A reply header and everything after it, and any `>` line, are the quoted part."""
    started = False
    seen_body = False
    for i, line in enumerate(lines):
        if started:
            line.kind = "quoted"
            continue
        if _QUOTE_LINE.match(line.text):
            line.kind = "quoted"
            continue
        two_line = (
            _REPLY_START.match(line.text)
            and i + 1 < len(lines)
            and _WROTE.search(lines[i + 1].text)
            and len(line.text) + len(lines[i + 1].text) < 260
        )
        header = _REPLY_HEADER.match(line.text)
        if header and line.text.lower().lstrip().startswith("from:") and not seen_body:
            header = None  # an email's own From: header, not a quoted one
        if seen_body and (header or two_line):
            started = True
            line.kind = "quoted"
        if not line.blank:
            seen_body = True


def _mark_mail_headers(lines: list[_Line]) -> None:
    """RFC 822 headers at the very top (a pasted .eml): up to the first blank line."""
    first = next((i for i, ln in enumerate(lines) if not ln.blank), None)
    if first is None:
        return
    names = []
    end = first
    while end < len(lines) and not lines[end].blank:
        match = _HEADER_FIELD.match(lines[end].text)
        if match:
            names.append(match.group(0).rstrip(": \t").lower())
        elif not lines[end].text[:1].isspace():
            return
        end += 1
    if len([n for n in names if n in _MAIL_HEADERS]) >= 2:
        for ln in lines[first:end]:
            ln.kind = "subject" if ln.text.lower().startswith("subject:") else "header"


def _body_indices(lines: list[_Line]) -> list[int]:
    return [i for i, ln in enumerate(lines) if ln.kind == "body" and not ln.blank]


def _mark_opening(lines: list[_Line]) -> None:
    """Letterhead, date, address, subject and salutation above the first paragraph."""
    body = _body_indices(lines)
    if len(body) < 2:
        return
    salutation = next((i for i in body[:12] if _is_salutation(lines[i].text)), None)
    if salutation is not None and salutation != body[-1]:
        for i in body:
            if i >= salutation:
                break
            lines[i].kind = "subject" if _SUBJECT.match(lines[i].text) else "header"
        lines[salutation].kind = "salutation"
        return
    # No salutation: leading frame lines (subject, address, date) above prose.
    last_prose = max((i for i in body if not _is_short_frame_line(lines[i].text)), default=-1)
    for i in body:
        if _SUBJECT.match(lines[i].text):
            lines[i].kind = "subject"
        elif _is_short_frame_line(lines[i].text) and i < last_prose:
            lines[i].kind = "header"
        else:
            return


def _mark_closing(lines: list[_Line]) -> None:
    """Sign-off, signature and disclaimers below the last paragraph."""
    body = _body_indices(lines)
    if len(body) < 2:
        return
    for i in body:
        if _SIG_DELIMITER.match(lines[i].text) and i != body[0]:
            _mark_from(lines, i, "signature")
            break
    body = _body_indices(lines)
    tail = body[-8:]
    signoff = next((i for i in reversed(tail) if _is_signoff(lines[i].text)), None)
    if signoff is not None and signoff != body[0]:
        lines[signoff].kind = "signoff"
        _mark_from(lines, signoff + 1, "signature")
        body = _body_indices(lines)
    # Trailing name / title / contact lines and disclaimers with no sign-off above them.
    for i in reversed(body):
        text = lines[i].text
        if i == body[0]:
            break
        if _DISCLAIMER.search(text) or (_is_short_frame_line(text) and _frame_block(lines, i)):
            lines[i].kind = "signature"
        else:
            break


def _frame_block(lines: list[_Line], i: int) -> bool:
    """A short last line counts as signature only after a paragraph break or another
    signature line, not as the end of a wrapped paragraph."""
    prev = i - 1
    while prev >= 0 and lines[prev].kind == "quoted":
        prev -= 1
    return (
        prev < 0
        or lines[prev].blank
        or lines[prev].kind != "body"
        or (
            _is_short_frame_line(lines[prev].text)
            and not _TERMINAL.search(lines[prev].text)
            and len(lines[prev].text.strip()) < 45
        )
    )


def _mark_from(lines: list[_Line], start: int, kind: PartKind) -> None:
    for ln in lines[start:]:
        if ln.kind == "body":
            ln.kind = kind


def _soft_breaks(lines: list[_Line]) -> list[int]:
    """Offsets of line breaks inside a paragraph that only wrap the text."""
    out = []
    i = 0
    while i < len(lines):
        if lines[i].kind != "body" or lines[i].blank:
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and lines[j + 1].kind == "body" and not lines[j + 1].blank:
            j += 1
        paragraph = lines[i : j + 1]
        width = max(len(ln.text.rstrip()) for ln in paragraph)
        for a, b in pairwise(paragraph):
            if _wraps(a.text, b.text, width):
                out.append(a.end)
        i = j + 1
    return out


def wrap_width(paragraph: str) -> int | None:
    """The width a prose paragraph was hard-wrapped at (its longest line), or None when it
    is one line or has a break that is not a wrap (a list, an address)."""
    lines = paragraph.split("\n")
    if len(lines) < 2 or any("\r" in ln for ln in lines):
        return None
    width = max(len(ln.rstrip()) for ln in lines)
    if all(_wraps(a, b, width) for a, b in pairwise(lines)):
        return width
    return None


def _wraps(line: str, following: str, width: int) -> bool:
    if _BULLET.match(following) or not following.strip():
        return False
    stripped = line.rstrip()
    if _TERMINAL.search(stripped):
        return False
    nxt = following.lstrip()
    if nxt[:1].islower() or nxt[:1] in "&(":
        return True
    return width >= 40 and len(stripped) >= 0.55 * width


def parse(text: str) -> Structure:
    """The parts of a message and its reading text (the body, unwrapped)."""
    lines = _lines(text)
    _mark_mail_headers(lines)
    _mark_quoted(lines)
    _mark_opening(lines)
    _mark_closing(lines)
    reading = list(text)
    for ln in lines:
        if ln.kind != "body":
            for k in range(ln.start, ln.end):
                reading[k] = " "
    for offset in _soft_breaks(lines):
        reading[offset] = " "
        if offset > 0 and text[offset - 1] == "\r":
            reading[offset - 1] = " "
    parts: list[Part] = []
    for ln in lines:
        if ln.blank:
            continue
        if parts and parts[-1].kind == ln.kind:
            parts[-1] = Part(ln.kind, parts[-1].start, ln.end)
        else:
            parts.append(Part(ln.kind, ln.start, ln.end))
    return Structure(text=text, parts=tuple(parts), reading="".join(reading))
