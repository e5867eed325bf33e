"""Input checks shared by the CLI and the UI: refuse bad input with one clear line.

Inputs over `settings.coach_max_input_chars` (default 100,000 characters) are refused, not
truncated: a silently shortened draft would get a review of text the user did not send.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from coach.settings import get_settings

_ALLOWED_CONTROLS = frozenset("\t\n\r")
_BINARY_CONTROL_RATIO = 0.1


class InputError(ValueError):
    """Input that cannot be checked; the message is one line, fit to show a user."""


def max_input_chars() -> int:
    return get_settings().coach_max_input_chars


def _control_chars(text: str) -> list[str]:
    return [
        c for c in text if (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) and c not in _ALLOWED_CONTROLS
    ]


def plain_text(text: str) -> str:
    """Model output as text fit to show and store: control characters (other than tab and
    line breaks) and lone surrogates dropped. A model can emit them; a transcript must not
    carry them, and refusing the whole reply would lose the turn."""
    return "".join(
        c
        for c in text
        if c in _ALLOWED_CONTROLS
        or not (ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or "\ud800" <= c <= "\udfff")
    )


def validate_text(text: str, limit: int | None = None) -> str:
    """Return the text unchanged if it can be checked, else raise `InputError`."""
    limit = limit or max_input_chars()
    if not text.strip():
        raise InputError("the text is empty")
    if len(text) > limit:
        raise InputError(
            f"the text is {len(text):,} characters; the limit is {limit:,} (it is not truncated)"
        )
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise InputError("the text contains a lone surrogate (not valid Unicode text)")
    controls = _control_chars(text)
    if "\x00" in text or len(controls) > _BINARY_CONTROL_RATIO * len(text):
        raise InputError("the input looks binary, not text")
    if controls:
        raise InputError(
            f"the text contains {len(controls)} control character(s), e.g. {controls[0]!r}"
        )
    return text


@dataclass(frozen=True)
class Decoded:
    """Text read from bytes, and the encoding it was read as (shown when not UTF-8)."""

    text: str
    encoding: str

    @property
    def note(self) -> str | None:
        """What to tell the user when the bytes were not UTF-8."""
        if self.encoding == "utf-8":
            return None
        return f"not UTF-8: read as {self.encoding}; check accented letters and symbols"


def decode_bytes(data: bytes, source: str = "input", limit: int | None = None) -> str:
    """The text of `data`; see `decode`."""
    return decode(data, source, limit).text


def decode(data: bytes, source: str = "input", limit: int | None = None) -> Decoded:
    """Decode a text file or a saved email, refusing binary data. UTF-8 (with or without
    BOM) first; text from older Windows tools is often Windows-1252 (a superset of Latin-1's
    printable characters), which is read as such and said."""
    limit = limit or max_input_chars()
    # UTF-8 takes at most 4 bytes a character: anything larger is surely over the limit.
    if len(data) > 4 * limit:
        raise InputError(f"{source} is {len(data):,} bytes; the limit is {limit:,} characters")
    if b"\x00" in data:
        raise InputError(f"{source} looks binary, not text")
    if _looks_like_email(data[:4096].decode("latin-1"), source):
        decoded = email_body(data, source)
    else:
        decoded = _decode_text(data, source)
    validate_text(decoded.text, limit)
    return decoded


_FALLBACK_ENCODINGS = (("utf-8-sig", "utf-8"), ("cp1252", "Windows-1252"))
UTF8 = frozenset({"utf-8", "utf8", "utf-8-sig"})


def _decode_text(data: bytes, source: str, declared: str | None = None) -> Decoded:
    candidates = ((declared, declared),) if declared else ()
    for codec, name in (*candidates, *_FALLBACK_ENCODINGS):
        try:
            text = data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
        return Decoded(text, "utf-8" if codec.lower().replace("_", "-") in UTF8 else name)
    raise InputError(f"{source} is not UTF-8 or Windows-1252 text; save it as UTF-8")


def read_document(source: str | Path | bytes, name: str | None = None) -> Decoded:
    """Read a draft from a path or from uploaded bytes (`.eml` files give their text body),
    with the encoding it was read as."""
    if isinstance(source, bytes):
        return decode(source, name or "the upload")
    path = Path(source)
    limit = 4 * max_input_chars()
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(f"{path} is {size:,} bytes; the limit is {max_input_chars():,} chars")
        with path.open("rb") as fh:  # read at most one byte past the limit (/dev/zero)
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise InputError(
                f"{path} is over {limit:,} bytes; the limit is {max_input_chars():,} chars"
            )
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    return decode(data, str(path))


def _looks_like_email(text: str, source: str) -> bool:
    if source.lower().endswith(".eml"):
        return True
    head = text.lstrip()[:2000].split("\n\n", 1)[0]
    headers = [line.split(":", 1)[0].lower() for line in head.splitlines() if ":" in line]
    return {"from", "subject", "mime-version"} <= set(headers)


def email_body(data: bytes, source: str = "the email") -> Decoded:
    """The text/plain body of an RFC 822 message, in the charset it declares (falling back
    as `decode` does when it declares none, or one that does not fit its bytes)."""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(msg, EmailMessage):  # pragma: no cover - the default policy gives one
        raise InputError(f"{source} is not an email")
    part = msg.get_body(preferencelist=("plain",))
    if part is None:
        raise InputError(f"{source} has no plain-text body")
    raw = part.get_payload(decode=True)
    if not isinstance(raw, bytes):
        raise InputError(f"{source} has no plain-text body")
    return _decode_text(raw, source, part.get_content_charset())
