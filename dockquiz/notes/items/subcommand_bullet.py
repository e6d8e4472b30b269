"""List item rule: A subcommand named with its meaning under a heading naming its program
(``## image の操作`` in ``# Docker メモ``, then ``* pull：イメージを取得``): that command."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dockquiz.notes import lines as ln
from dockquiz.notes.model import PASS, Context, Item

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader

# "pull：イメージを取得", "ls: 一覧": one lowercase word, a colon, its meaning
_SUBCOMMAND = re.compile(r"^([a-z][a-z0-9-]*)\s*[:：]\s*(\S.*)$")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*")


def subcommand_bullet(r: Reader, item: Item, ctx: Context):
    """``* pull：Dockerイメージを取得`` under ``### image操作のコマンド`` in ``# Dockerメモ``: the
    word is a subcommand of the program a heading names (and of the group a heading nearer it
    names), so the item is ``docker image pull`` described by its words. Only when the grammar
    reads the whole path as a command; any other ``word: meaning`` item is left to the rules
    after this one."""
    if item.inline.codes or "\n" in item.inline.text:
        return PASS
    match = _SUBCOMMAND.match(item.inline.text.strip())
    if not match or not ln.clean(match.group(2)):
        return PASS
    word, desc = match.group(1), ln.clean(match.group(2))
    path = _path(r, ctx.section, word)
    if path is None:
        return PASS
    r.command_card(path, ctx, desc, item.line, own_prompt=True)
    return None


def _path(r: Reader, section: list[str], word: str) -> str | None:
    """The command ``word`` ends: the program named by the nearest heading naming one, with
    the group a heading under it names when that makes a command (``image`` + ``pull``)."""
    g = r.grammar
    words = [[w.lower() for w in _WORD.findall(heading)] for heading in section]
    for depth in range(len(words) - 1, -1, -1):
        for program in (w for w in words[depth] if g.knows(w)):
            inner = [w for heading in words[depth:] for w in heading if w != program]
            for group in [*inner[::-1], None]:
                path = [program, group, word] if group else [program, word]
                if g.command_prefix(path) == len(path):
                    return " ".join(path)
            return None
    return None
