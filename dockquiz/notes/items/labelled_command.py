"""List item rule: The description first, then the command (``コンテナ一覧 : `docker ps` ``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dockquiz.notes import text as tx
from dockquiz.notes.model import PASS, Context, Item

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader

_EXAMPLE_WORD = re.compile(r"^(?:例|例え?ば|使用例|実行例|コマンド例|e\.?g\.?|ex\.?|examples?)$", re.IGNORECASE)


def labelled_command(r: Reader, item: Item, ctx: Context):
    """``コンテナ一覧 : `docker ps` ``: the description first, then the command."""
    inline = item.inline
    if inline.first_is_code or len(inline.codes) != 1:
        return PASS
    before, _, after = inline.text.partition(f"`{inline.codes[0]}`")
    code, had = tx.strip_prompt(inline.codes[0])
    label = before.strip()
    if label and label[-1] in ":：→" and not after.strip() and tx.looks_like_command(code, had_prompt=had, programs=r.programs):
        label = label.rstrip(":：→ ")
        parent = ctx.title if ctx.in_item and not (tx.is_flag(ctx.title) or r.reads(ctx.title)) else ""
        if _EXAMPLE_WORD.match(label) and parent:
            label = ctx.title  # "- リソースの作成" over "- 例: `kubectl apply -f x`": the item it exemplifies
        return r.command_card(code, ctx, label, item.line, own_prompt=True)  # its words lead the blocks under it
    return PASS
