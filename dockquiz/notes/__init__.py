"""Notes → card drafts (pure). See :func:`parse_notes`."""

from __future__ import annotations

from dockquiz.notes.reader import Notes, Reader


def parse_notes(text: str, *, deck: str = "notes") -> Notes:
    """Read Markdown notes and return card drafts (in note order) and warnings."""
    from dockquiz.grading.grammar import grammar
    from dockquiz.notes.english import english_prompt

    return Reader(deck, grammar().command_words, english_prompt).read(text)


__all__ = ["parse_notes", "Notes"]
