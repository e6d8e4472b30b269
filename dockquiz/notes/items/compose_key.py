"""List item rule: A compose key defined in words, in notes with a compose file."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dockquiz.notes.model import PASS, Context, Item

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader

_COMPOSE_ITEM = re.compile(r"^([a-z_][a-z0-9_]*)\s*(?::\s*)?(.*)$", re.DOTALL)


def compose_key(r: Reader, item: Item, ctx: Context):
    """``container_name : コンテナ名`` in notes with a compose file: a compose key."""
    text = item.inline.text.replace("`", "")
    m = _COMPOSE_ITEM.match(text.strip()) if r.has_compose else None
    if not m or not (m.group(1) in r.compose_keys() or m.group(1) in r.yaml_keys):
        return PASS
    rest = m.group(2).strip()
    value, sep, desc = rest.partition(" : ")
    if not sep:
        value, desc = "", rest
    if not desc or not (":" in text or "：" in text):
        return PASS
    hints = {"value": value.strip()} if value.strip() else {}
    r.add("compose", (*ctx.section, m.group(1)), ctx, desc, m.group(1), item.line, hints=hints)
    return None
