"""Notes → card drafts (pure). See :func:`parse_notes`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dockquiz.notes.reader import Notes, Reader

if TYPE_CHECKING:
    from dockquiz.grading.grammar import Grammar


def parse_notes(text: str, *, deck: str = "notes", grammar: Grammar | None = None) -> Notes:
    """Read Markdown notes and return card drafts (in note order) and warnings, with the
    programs ``grammar`` knows (by default, the shipped and learned grammars)."""
    from dockquiz.notes.english import english_prompt

    if grammar is None:
        from dockquiz.grading.grammar import grammar as loaded

        grammar = loaded()
    return Reader(deck, grammar, english_prompt).read(text)


__all__ = ["parse_notes", "Notes"]
