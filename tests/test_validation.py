"""Bad input is refused with one clear line; good input comes back unchanged."""

from pathlib import Path

import pytest

from coach.validation import InputError, decode, decode_bytes, read_document, validate_text


def test_good_text_is_returned_unchanged() -> None:
    text = "Thank you.\r\n\tIt was a pleasure — café, naïve, 日本.\n"
    assert validate_text(text) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        (" \n\t ", "empty"),
        ("x" * 100_001, "limit"),
        ("hello\x07 world", "control character"),
        ("a\x00b", "binary"),
        ("\x01\x02\x03\x04abc", "binary"),
    ],
)
def test_bad_text_is_refused(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        validate_text(text)
    assert "\n" not in str(info.value)


def test_limit_is_refused_not_truncated() -> None:
    text = "a" * 2000
    with pytest.raises(InputError, match="not truncated"):
        validate_text(text, limit=1000)
    assert validate_text(text, limit=2000) == text


def test_bytes_decoding() -> None:
    assert decode_bytes("\ufeffHello".encode()) == "Hello"
    assert decode("Thank you — café".encode()).note is None
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(InputError, match=r"binary|control"):
        decode_bytes(bytes(range(1, 32)) * 20)


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_legacy_encodings_are_read_and_said(codec: str) -> None:
    """Text saved by older Windows tools: curly quotes, the euro sign, accents."""
    text = (
        "We’re sorry, Zoë — the €120 café order was refunded."
        if codec == "cp1252"
        else ("Merci, Zoë: the café order was refunded.")
    )
    decoded = decode(text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == "Windows-1252" and "Windows-1252" in (decoded.note or "")


def test_bytes_no_text_encoding_explains_are_refused() -> None:
    with pytest.raises(InputError, match="not UTF-8 or Windows-1252"):
        decode(b"Caf\xe9 \x81 order")  # 0x81 is unused in Windows-1252


def test_a_windows_1252_email_without_a_charset_is_read(tmp_path: Path) -> None:
    body = "Dear Zoë,\n\nWe’re grateful for the café orders since 2019.\n"
    raw = (
        b"From: Sam <sam@example.com>\nSubject: Our contract\nMIME-Version: 1.0\n"
        b"Content-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n" + body.encode("cp1252")
    )
    decoded = read_document(raw, name="legacy.eml")
    assert decoded.text.strip() == body.strip() and decoded.encoding == "Windows-1252"


def test_an_email_with_a_declared_charset_is_read_in_it() -> None:
    body = "Grüße aus Köln, und danke für alles."
    raw = (
        b"From: a@example.com\nSubject: x\nMIME-Version: 1.0\n"
        b"Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n"
        + body.encode("iso-8859-1")
    )
    assert read_document(raw, name="x.eml").text.strip() == body


def test_read_file_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="directory"):
        read_document(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 1_000_000)
    with pytest.raises(InputError, match="limit"):
        read_document(big)


EML = b"""From: Sam <sam@example.com>
To: Maria <maria@example.com>
Subject: Our contract
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b"

--b
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Dear Maria,=0AThank you for the caf=C3=A9 orders.
--b
Content-Type: text/html; charset="utf-8"

<p>HTML version</p>
--b--
"""


def test_eml_gives_plain_text_body(tmp_path: Path) -> None:
    path = tmp_path / "draft.eml"
    path.write_bytes(EML)
    body = read_document(path).text
    assert "Thank you for the café orders." in body
    assert "HTML" not in body and "Subject" not in body
    assert read_document(EML, name="upload.eml").text == body


def test_eml_without_plain_part(tmp_path: Path) -> None:
    html_only = EML.split(b"--b\nContent-Type: text/plain")[0] + b"--b--\n"
    with pytest.raises(InputError, match="plain-text body"):
        read_document(html_only, name="x.eml")


def test_plain_text_keeps_words_and_line_breaks_and_drops_controls() -> None:
    from coach.validation import plain_text

    assert plain_text("Line one\nLine\ttwo\r\n€ — ok\x00\x07\x1b\x9b\ud83d") == (
        "Line one\nLine\ttwo\r\n€ — ok"
    )
