"""List item rule: An instruction line in inline code (``説明 : `FROM nvidia/cuda:10.0` ``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dockquiz.notes import text as tx
from dockquiz.notes.blocks.dockerfile import instruction_name
from dockquiz.notes.model import PASS, Context, Item

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader


def instruction_line(r: Reader, item: Item, ctx: Context):
    """``説明 : `FROM nvidia/cuda:10.0` ``: an instruction line in inline code."""
    if any(c.type == "fence" for c in item.children):
        return PASS
    inline = item.inline
    for code in inline.codes:
        words = code.split()
        if tx.rejects(inline.text.partition(f"`{code}`")[2]):
            continue
        if words and words[0] in r.instructions() and len(words) >= 2:
            label = inline.lead.replace(code, "").strip(" :：") or ctx.title
            prompt = label if label == ctx.title or not ctx.in_item else f"{ctx.title} — {label}"
            r.add("dockerfile", (*ctx.section, words[0], instruction_name(words, r.instructions())), ctx, prompt, code, item.line)
            return None
    return PASS
