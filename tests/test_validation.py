"""Bad input is refused with one clear line; good input comes back unchanged."""

from pathlib import Path

import pytest

from coach.validation import InputError, decode_bytes, read_text_file, validate_text


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
    with pytest.raises(InputError, match="not UTF-8"):
        decode_bytes("café".encode("latin-1"))
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")


def test_read_file_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text_file(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="directory"):
        read_text_file(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 1_000_000)
    with pytest.raises(InputError, match="limit"):
        read_text_file(big)


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
    body = read_text_file(path)
    assert "Thank you for the café orders." in body
    assert "HTML" not in body and "Subject" not in body
    assert read_text_file(EML, name="upload.eml") == body


def test_eml_without_plain_part(tmp_path: Path) -> None:
    html_only = EML.split(b"--b\nContent-Type: text/plain")[0] + b"--b--\n"
    with pytest.raises(InputError, match="plain-text body"):
        read_text_file(html_only, name="x.eml")
