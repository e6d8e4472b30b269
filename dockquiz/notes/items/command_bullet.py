"""List item rule: A command bullet: `` `$ docker ps` `` (the heading its prompt) or `` `docker ps` : 一覧 ``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dockquiz.notes import text as tx
from dockquiz.notes.model import PASS, Context, Item

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader


def command_bullet(r: Reader, item: Item, ctx: Context):
    """`` `$ docker ps` `` (the heading is the prompt) or `` `docker ps` : 一覧 `` (its own)."""
    if item.code is None or not tx.looks_like_command(item.code, had_prompt=item.had_prompt, programs=r.programs):
        return PASS
    shared = not (item.desc or ctx.in_item)  # the section's label over its steps
    made = len(r.notes.drafts)
    out = r.command_card(item.code, ctx, item.desc or ctx.title, item.line, own_prompt=bool(item.desc), shared=shared)
    if item.has_sep and not item.desc and len(r.notes.drafts) == made:  # `cmd` : (nothing), no words above it either
        r.warn(item.line, "notes.warn.empty_definition", name=item.code)
    return out
