"""List item rule: Any other item holding commands: each with its nearest describing words."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dockquiz.notes import lines as ln
from dockquiz.notes.describe import text_flag
from dockquiz.notes.model import PASS, Context, Item, numbered_lines

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader

_FLAG_LAST = re.compile(r"^([^-\s][^:：]{0,40}?)\s*[:：]\s*(--?[A-Za-z0-9][\w-]*)$")


def line_commands(r: Reader, item: Item, ctx: Context):
    """Any other item holding commands the grammar reads, in code or in words (``- 今の状態を
    見たい時/git status``, ``* hostname &nbsp; ホスト名を表示する``, a step with two commands):
    each with its nearest describing words (:meth:`Reader.line_cards`); its flag bullets
    belong to its last command."""
    entries = numbered_lines(item.line, list(item.tokens))
    flag = text_flag(item.inline.text) if not item.inline.codes else None
    last = _FLAG_LAST.match(item.inline.text.replace("`", "")) if flag is None and "\n" not in item.inline.text else None
    if last and ln.clean(last.group(1)):  # "- 縦に並べる: -1": the description, then its flag
        flag = last.group(2), ln.clean(last.group(1))
    if flag is not None:
        r.term(flag[0], flag[1], ctx, item.line)
        return None
    last = r.line_cards(entries, ctx)
    if last is None:
        return PASS
    return Context(ctx.section, ctx.title, last, True, {}, recent=last)
