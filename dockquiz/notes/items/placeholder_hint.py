"""List item rule: A placeholder's meaning under a command (`` `${IMAGE}` : イメージ名 ``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dockquiz.notes.model import PASS, Context, Item

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader


def placeholder_hint(r: Reader, item: Item, ctx: Context):
    """`` `${IMAGE_NAME}` : イメージ名 `` under a command: what a value of its answer means."""
    if item.code is None or not (ctx.command and ctx.hints is not None and item.has_sep and item.desc):
        return PASS
    ctx.hints[item.code] = item.desc
    return None
