"""Shared vocabulary: card kinds, card drafts (what the notes parser yields), stable keys."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from dockquiz.vocabulary import CARD_KINDS as KINDS  # noqa: F401 - the kinds drafts carry


@dataclass(frozen=True)
class Warning_:
    line: int
    key: str  # catalogue key (notes.warn.*)
    params: dict = field(default_factory=dict)


@dataclass(slots=True)
class CardDraft:
    kind: str
    key: str  # stable identity inside a deck (see stable_key)
    section: list[str]
    prompt_ja: str
    answer: str
    source_line: int  # 1-based line in the notes
    prompt_en: str = ""
    command: str | None = None  # context: the command an option belongs to
    hints: dict[str, str] = field(default_factory=dict)  # placeholder/argument -> description
    ordinal: int = 0  # note order


@lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split())


def stable_key(kind: str, *parts: str) -> str:
    """A short, stable key from what a learner would call 'the same card'."""
    raw = "\x1f".join([kind, *map(_norm, parts)])
    return f"{kind}:{hashlib.sha1(raw.encode('utf-8')).hexdigest()[:16]}"
