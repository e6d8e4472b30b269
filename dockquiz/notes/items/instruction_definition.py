"""List item rule: A Dockerfile instruction defined in words (``CMD コマンド : 説明``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dockquiz.notes import lines as ln
from dockquiz.notes import text as tx
from dockquiz.notes.model import PASS, Context, Item, read_inline, token_lines

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader

_INSTRUCTION_DEF = re.compile(r"^([A-Z]{2,11})(?:\s*(?:コマンド|命令|instruction|命令文))?(?=\s*(?::|：)|\s*$)")


def _first_bullet_under(children: list) -> str:
    """The words of the first bullet under an item (none when it holds code: an example)."""
    lists = [c for c in children if c.type == "bullet_list" and c.children]
    para = next((c for c in lists[0].children[0].children if c.type == "paragraph" and c.children), None) if lists else None
    if para is None:
        return ""
    first = token_lines(para.children[0].children)[0]
    if any(t.type == "code_inline" for t in first):
        return ""
    words = ln.clean(read_inline(first).text)
    return words if len(words) <= 80 else ""


def instruction_definition(r: Reader, item: Item, ctx: Context):
    """``CMD コマンド : 説明``: a Dockerfile instruction defined in words."""
    text = item.inline.text.replace("`", "")
    match = _INSTRUCTION_DEF.match(text)
    if not match or match.group(1) not in r.instructions():
        return PASS
    _, desc = tx.split_description(text[match.end() :])
    desc = desc or _first_bullet_under(item.children)  # "- EXPOSE" over "  - 待ち受けるポートの宣言"
    if desc:
        r.add("dockerfile", (*ctx.section, match.group(1), "definition"), ctx, desc, match.group(1), item.line)
    else:
        r.warn(item.line, "notes.warn.empty_definition", name=match.group(1))
    return None
