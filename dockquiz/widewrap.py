"""Wrapping plain text by display width (help text, in Japanese or English): a wide
(east-asian) character counts 2 columns, a line may break between two wide characters or at a
space, never inside a word of ASCII (``--format``, ``dockquiz::NAME``), nor before a closing
mark (``、``, ``。``, ``）``) or after an opening one (``（``, ``「``). Pure functions of text."""

from __future__ import annotations

import re
import unicodedata

# no line begins with these (Japanese line-breaking rules, kinsoku), nor ends with the openers
_CLOSING = frozenset("、。，．・：；？！）」』】〕〉》｝］ー…‥ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々")
_OPENING = frozenset("（「『【〔〈《｛［")
_SPACES = re.compile(r"\s+")


def char_width(char: str) -> int:
    """Columns a terminal gives a character: 2 for wide and full-width, 0 for combining marks."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def width(text: str) -> int:
    """Columns a terminal gives ``text``."""
    if text.isascii():
        return len(text)
    return sum(char_width(c) for c in text)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _pieces(text: str) -> list[tuple[str, bool]]:
    """The text as unbreakable pieces, each with whether a space stood before it: a run of
    narrow characters is one piece, each wide character another; then a closing mark joins the
    piece before it, and the piece after an opening mark joins it."""
    tokens: list[list] = []  # [text, space before]
    space = False
    for char in text:
        if char.isspace():
            space = True
        elif tokens and not space and not _wide(char) and not _wide(tokens[-1][0][-1]):
            tokens[-1][0] += char  # a word of narrow characters goes on
        else:
            tokens.append([char, space])
            space = False
    pieces: list[list] = []
    for token in tokens:
        if pieces and not token[1] and (token[0][0] in _CLOSING or pieces[-1][0][-1] in _OPENING):
            pieces[-1][0] += token[0]
        else:
            pieces.append(token)
    return [(piece, space) for piece, space in pieces]


def wrap(text: str, columns: int) -> list[str]:
    """``text`` (its whitespace runs read as one space) as lines of at most ``columns``
    display columns; a piece wider than that (a long word) stands alone on its line, whole."""
    text = _SPACES.sub(" ", text).strip()
    if not text:
        return []
    columns = max(columns, 2)
    lines: list[str] = []
    line, used = "", 0
    for piece, space in _pieces(text):
        size = width(piece)
        gap = 1 if space and line else 0
        if line and used + gap + size > columns:
            lines.append(line)
            line, used = piece, size
        else:
            line += " " * gap + piece
            used += gap + size
    if line:
        lines.append(line)
    return lines
