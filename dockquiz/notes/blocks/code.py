"""Code blocks (fenced, indented, ``<pre>``): read by their kind, the first of CODE_READERS
that takes the block's language and body (a Dockerfile, a compose file, shell)."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from dockquiz.notes.blocks import compose, dockerfile, shell
from dockquiz.notes.describe import pointing_up
from dockquiz.notes.model import PASS, Context
from dockquiz.notes.tree import Node

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader

# Each takes (reader, language, body, first line, context) and returns the command flag
# bullets under the block belong to (or None), or PASS when the block is not its kind.
CODE_READERS = (dockerfile.read, compose.read, shell.read)

_PRE_TAG = re.compile(r"</?pre\b[^>]*>|</?code\b[^>]*>", re.IGNORECASE)


def is_code(node) -> bool:
    return node.type in ("fence", "code_block") or (
        node.type == "html_block" and node.content.lstrip().lower().startswith("<pre")
    )


_FILE_NAME = re.compile(r"^[\w.-]*\.\w+$|/")  # "docker-compose.yml", "src/main.rs": a file's name, no description


def language(info: str) -> tuple[str, str]:
    """A fence's language and its caption: ``bash:コンテナを消す`` (as Qiita writes a block's
    title after its language) is bash with the caption コンテナを消す; ``yaml:docker-compose.yml``
    is yaml (a file's name is no caption); ``:切り替え`` has no language."""
    words = info.strip().split(" ")[0] if ":" not in info else info.strip()
    lang, _, caption = words.partition(":")
    caption = caption.strip()
    lang = lang.strip().lower().split(" ")[0] if lang.strip() else ""
    return lang, "" if not caption or _FILE_NAME.search(caption) else caption


def fence(r: Reader, node: Node, ctx: Context) -> str | None:
    """Cards from a code block; returns the command its flag bullets belong to, if any."""
    if node.type == "html_block":  # <pre> … </pre>
        lang, body = "", html.unescape(_PRE_TAG.sub("", node.content))
        start = (node.map[0] + 1) if node.map else 0
    else:
        lang, caption = language(node.info or "") if node.type == "fence" else ("", "")
        if caption:  # "```:今のコンテキストを確認する": the block's own words, as a lead line over it
            ctx = Context(ctx.section, caption, ctx.command, ctx.in_item, ctx.hints, True, ctx.recent)
        body = node.content
        start = (node.map[0] + 2) if node.type == "fence" and node.map else (node.map[0] + 1) if node.map else 0
    for read_code in CODE_READERS:
        found = read_code(r, lang, body, start, ctx)
        if found is not PASS:
            return found
    return None


def read(r: Reader, node: Node, ctx: Context, following: Node | None):
    """A code block; the context after it keeps the command its flag bullets belong to."""
    if not is_code(node):
        return PASS
    r._below = pointing_up(following)  # "⬆️ 稼働中のコンテナのログを表示する" under the block
    r.block_steps = r._steps[1] if r._steps[0] is node else []  # a list of its steps over it
    recent = fence(r, node, ctx)
    r._below, r.block_steps = "", []
    base = r._lead[1] if ctx.own else ctx
    return Context(base.section, base.title, base.command, base.in_item, base.hints, False, recent or base.recent)
