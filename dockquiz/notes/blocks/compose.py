"""A compose file (YAML with ``services:``): a card per commented key."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dockquiz.notes import text as tx
from dockquiz.notes.model import PASS, Context

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader

YAML_LANGS = {"yml", "yaml"}


YAML_SERVICES = re.compile(r"^services:\s*(?:#.*)?$", re.MULTILINE)


_YAML_LINE = re.compile(r"^(?:-\s+)?(?P<key>[A-Za-z_][\w.-]*)\s*:(?:\s+(?P<value>.*))?$")


def read_compose(r: Reader, body: str, start: int, ctx: Context) -> None:
    """A compose file with comments: ``image: nginx:latest  # 最新の Nginx を使う`` is a card
    for the key (a list entry's comment, for the key it is under), its value shown."""
    if not YAML_SERVICES.search(body):
        return
    parents: list[tuple[int, str]] = []  # (indent, key) of the keys above this line
    for offset, raw in enumerate(body.splitlines()):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        code, comment = tx.split_trailing_comment(line.strip())
        match = _YAML_LINE.match(code)
        while parents and parents[-1][0] >= indent and not (code.startswith("- ") and parents[-1][0] == indent):
            parents.pop()
        if match and match.group("key"):
            key, value = match.group("key"), (match.group("value") or "").strip()
            if not value:
                parents.append((indent, key))
        elif code.startswith("-") and parents:
            key, value = parents[-1][1], code[1:].strip()
        else:
            continue
        if comment:
            hints = {"value": value.strip("'\"")} if value else {}
            r.add("compose", (*ctx.section, key, value), ctx, comment, key, start + offset, hints=hints)


def read(r: Reader, lang: str, body: str, start: int, ctx: Context):
    if not (lang in YAML_LANGS or (lang in ("", "text", "txt") and YAML_SERVICES.search(body))):
        return PASS
    read_compose(r, body, start, ctx)
    return None
