"""Token counting: offline fallback (hash-verified, approximate), cached exact encodings,
chat overhead, truncation — and never the network."""

from __future__ import annotations

import hashlib
import shutil

import pytest
import tiktoken.load

from coach import tokens


@pytest.fixture(autouse=True)
def no_network(monkeypatch, tmp_path):
    """An empty tiktoken cache, and any attempt to download fails the test."""
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "cache"))

    def refuse(blobpath: str) -> bytes:
        if "://" in blobpath:
            raise AssertionError(f"network access attempted: {blobpath}")
        with open(blobpath, "rb") as f:
            return f.read()

    monkeypatch.setattr(tiktoken.load, "read_file", refuse)
    tokens._official.cache_clear()
    return tmp_path / "cache"


def test_empty_cache_falls_back_to_bundled_encoding_marked_approximate():
    counter = tokens.counter_for("gpt-4o-mini")  # natively o200k_base, not cached here
    assert counter.approximate
    assert counter.encoding.name == tokens.BUNDLED_NAME
    assert counter.count("Thank you for working with us.") > 0


def test_bundled_file_matches_official_cl100k_hash():
    data = tokens.bundled_path().read_bytes()
    assert hashlib.sha256(data).hexdigest() == tokens.OFFICIAL_SHA256["cl100k_base"]


def test_bundled_encoding_is_exact_for_cl100k_models():
    assert not tokens.counter_for("gpt-4").approximate
    assert not tokens.counter_for("gpt-3.5-turbo").approximate


def test_unknown_model_is_approximate():
    assert tokens.counter_for("llama3.1:8b").approximate


def test_cached_official_encoding_is_used_without_network(no_network):
    no_network.mkdir(parents=True)
    shutil.copy(tokens.bundled_path(), tokens.cache_path("cl100k_base", str(no_network)))
    counter = tokens.counter_for("gpt-4")
    assert counter.encoding.name == "cl100k_base"
    assert not counter.approximate


def test_corrupt_cached_file_is_ignored(no_network):
    no_network.mkdir(parents=True)
    tokens.cache_path("o200k_base", str(no_network)).write_bytes(b"tampered")
    counter = tokens.counter_for("gpt-4o")
    assert counter.encoding.name == tokens.BUNDLED_NAME
    assert counter.approximate


def test_message_overhead_is_counted():
    c = tokens.counter_for("gpt-4")
    one = c.count_messages([("user", "hello there")])
    two = c.count_messages([("user", "hello there"), ("assistant", "hello there")])
    assert one == tokens.TOKENS_PER_REPLY + c.count_message("user", "hello there")
    assert c.count_message("user", "hello there") > c.count("hello there")
    assert two - one == c.count_message("assistant", "hello there")


def test_special_token_text_is_counted_as_plain_text():
    c = tokens.counter_for("gpt-4")
    assert c.count("<|endoftext|>") > 1


@pytest.mark.parametrize("limit", [0, 1, 5, 17])
def test_truncate_fits_the_limit_and_keeps_a_prefix(limit):
    c = tokens.counter_for("gpt-4")
    text = "We have appreciated working with you over the past three years. " * 5
    cut = c.truncate(text, limit)
    assert c.count(cut) <= limit
    assert text.startswith(cut)


def test_truncate_leaves_short_text_alone():
    c = tokens.counter_for("gpt-4")
    assert c.truncate("short", 50) == "short"
