"""Shared vocabulary: card kinds, card drafts (what the notes parser yields), stable keys."""

from __future__ import annotations

import hashlib
import json
from json.encoder import encode_basestring
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field

KINDS = ("command", "option", "meaning", "example", "dockerfile", "compose")


@dataclass(frozen=True)
class Warning_:
    line: int
    key: str                     # catalogue key (notes.warn.*)
    params: dict = field(default_factory=dict)


@dataclass(slots=True)
class CardDraft:
    kind: str
    key: str                     # stable identity inside a deck (see stable_key)
    section: list[str]
    prompt_ja: str
    answer: str
    source_line: int             # 1-based line in the notes
    prompt_en: str = ""
    command: str | None = None   # context: the command an option belongs to
    hints: dict[str, str] = field(default_factory=dict)  # placeholder/argument -> description
    ordinal: int = 0             # note order

    def content_hash(self) -> str:
        """What an import compares to decide 'changed' (key and position aside): SHA-1 of the
        canonical JSON (sorted keys, no spaces, UTF-8) of [kind, section, prompt_ja,
        prompt_en, answer, command, hints]. Assembled from json's own string encoder, with
        each section path encoded once (drafts share them), as a 20k-card import hashes 20k."""
        raw = ",".join((_string(self.kind), _section(tuple(self.section)), _string(self.prompt_ja),
                        _string(self.prompt_en), _string(self.answer),
                        "null" if self.command is None else _string(self.command),
                        _hints(self.hints) if self.hints else "{}"))
        return hashlib.sha1(f"[{raw}]".encode("utf-8")).hexdigest()


_CANONICAL_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_string = encode_basestring        # what _CANONICAL_JSON uses for a str (ensure_ascii=False)


def _hints(hints: dict) -> str:
    """Canonical JSON of hints; text to text (all of them, in practice) without the encoder."""
    if all(type(k) is str and type(v) is str for k, v in hints.items()):
        return "{" + ",".join([f"{_string(k)}:{_string(v)}" for k, v in sorted(hints.items())]) + "}"
    return _CANONICAL_JSON.encode(hints)


@lru_cache(maxsize=1024)
def _section(path: tuple[str, ...]) -> str:
    return _CANONICAL_JSON.encode(list(path))


@lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split())


def stable_key(kind: str, *parts: str) -> str:
    """A short, stable key from what a learner would call 'the same card'."""
    raw = "\x1f".join([kind, *map(_norm, parts)])
    return f"{kind}:{hashlib.sha1(raw.encode('utf-8')).hexdigest()[:16]}"
