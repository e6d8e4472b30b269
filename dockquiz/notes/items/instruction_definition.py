"""List item rule: A Dockerfile instruction defined in words (``CMD コマンド : 説明``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dockquiz.notes import text as tx
from dockquiz.notes.model import PASS, Context, Item

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader

_INSTRUCTION_DEF = re.compile(r"^([A-Z]{2,11})(?:\s*(?:コマンド|命令|instruction|命令文))?(?=\s*(?::|：)|\s*$)")


def instruction_definition(r: Reader, item: Item, ctx: Context):
    """``CMD コマンド : 説明``: a Dockerfile instruction defined in words."""
    text = item.inline.text.replace("`", "")
    match = _INSTRUCTION_DEF.match(text)
    if not match or match.group(1) not in r.instructions():
        return PASS
    _, desc = tx.split_description(text[match.end() :])
    if desc:
        r.add("dockerfile", (*ctx.section, match.group(1), "definition"), ctx, desc, match.group(1), item.line)
    else:
        r.warn(item.line, "notes.warn.empty_definition", name=match.group(1))
    return None
