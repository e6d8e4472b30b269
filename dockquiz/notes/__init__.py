"""Notes → card drafts (pure). See :func:`parse_notes`."""

from __future__ import annotations

from dockquiz.cards import CardDraft
from dockquiz.notes.reader import Notes, Reader


def _english(draft: CardDraft) -> str:
    from dockquiz.notes.english import english_prompt

    return english_prompt(draft)


def parse_notes(text: str, *, deck: str = "notes") -> Notes:
    """Read Markdown notes and return card drafts (in note order) and warnings."""
    from dockquiz.grading.grammar import grammar

    programs = set(grammar().programs)
    return Reader(deck, programs, _english).read(text)


__all__ = ["parse_notes", "Notes"]
