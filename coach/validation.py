"""Input checks shared by the CLI and the UI: refuse bad input with one clear line.

Inputs over `settings.coach_max_input_chars` (default 100,000 characters) are refused, not
truncated: a silently shortened draft would get a review of text the user did not send.
"""

from __future__ import annotations

import email
import email.policy
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


def decode_bytes(data: bytes, source: str = "input", limit: int | None = None) -> str:
    """Decode UTF-8 (with or without BOM) input, refusing binary and other encodings."""
    limit = limit or max_input_chars()
    # UTF-8 takes at most 4 bytes a character: anything larger is surely over the limit.
    if len(data) > 4 * limit:
        raise InputError(f"{source} is {len(data):,} bytes; the limit is {limit:,} characters")
    if b"\x00" in data:
        raise InputError(f"{source} looks binary, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{source} is not UTF-8 text (bad byte at position {exc.start}); save it as UTF-8"
        ) from None
    if _looks_like_email(text, source):
        text = email_body(data, source)
    return validate_text(text, limit)


def read_text_file(source: str | Path | bytes, name: str | None = None) -> str:
    """Read a draft from a path or from uploaded bytes; `.eml` files give their text body."""
    if isinstance(source, bytes):
        return decode_bytes(source, name or "the upload")
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
    return decode_bytes(data, str(path))


def _looks_like_email(text: str, source: str) -> bool:
    if source.lower().endswith(".eml"):
        return True
    head = text.lstrip()[:2000].split("\n\n", 1)[0]
    headers = [line.split(":", 1)[0].lower() for line in head.splitlines() if ":" in line]
    return {"from", "subject", "mime-version"} <= set(headers)


def email_body(data: bytes, source: str = "the email") -> str:
    """The text/plain body of an RFC 822 message."""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(msg, EmailMessage):  # pragma: no cover - the default policy gives one
        raise InputError(f"{source} is not an email")
    part = msg.get_body(preferencelist=("plain",))
    if part is None:
        raise InputError(f"{source} has no plain-text body")
    try:
        content = part.get_content()
    except (LookupError, UnicodeDecodeError) as exc:
        raise InputError(f"{source}: cannot decode the body: {exc}") from None
    if not isinstance(content, str):
        raise InputError(f"{source} has no plain-text body")
    return content
