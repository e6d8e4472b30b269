"""List item rule: A flag bullet under a command: an option card and its reverse."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dockquiz.notes import lines as ln
from dockquiz.notes import text as tx
from dockquiz.notes.model import PASS, Context, Item

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader


def flag_bullet(r: Reader, item: Item, ctx: Context):
    """`` `-d` : バックグラウンドで実行 `` (or `` `-d`はデタッチモード。 ``) under a command: an
    option card and its reverse."""
    code, desc = item.code, item.desc
    said = _FLAG_IS.match(item.inline.after_first_code) if code is None and item.inline.first_is_code else None
    if said and tx.is_flag(item.inline.codes[0]):
        code, desc = item.inline.codes[0], ln.clean(said.group(1))
    words = item.inline.after_first_code if code is None and len(item.inline.codes) == 1 else ""
    if item.inline.first_is_code and _WORDS_START.match(words) and len(words) <= 100 and tx.is_flag(item.inline.codes[0]):
        code, desc = item.inline.codes[0], ln.clean(words)  # "`-i` Keep STDIN open": the words after it, no separator
    letter = _LETTER.match(item.inline.text) if code is None and not item.inline.codes else None
    if letter and _CLUSTER_OF(letter.group(1)).search(ctx.section[-1] if ctx.section else ""):
        code, desc = f"-{letter.group(1)}", ln.clean(letter.group(2))  # "## docker run -it" / "- i: interactive"
    if code is None or not tx.is_flag(code):
        return PASS
    command = ctx.command or ctx.recent or r.section_command(ctx.section)
    if command:
        r.option_cards(code, desc, ctx, command, item.line)
        return None
    if desc:
        r._orphans.append((code, desc, ctx, item.line))
        return None
    return PASS


_WORDS_START = re.compile(r"[A-Za-z\u30a0-\u30ff\u4e00-\u9fff]")  # words, not a particle ("`-f`を付けると")


_FLAG_IS = re.compile(r"^(?:は|で)(?![をにがのもと])\s*([^。]+)")  # "`-d`はデタッチモード。…": the first sentence


_LETTER = re.compile(r"^([A-Za-z])\s*[:：]\s*(\S.*)$")  # "i: interactive インプット可能"


def _CLUSTER_OF(letter: str) -> re.Pattern:
    """A short-flag cluster holding the letter (``-it`` for ``i``), in a heading's command."""
    return re.compile(rf"(?<!\S)-[A-Za-z]*{letter}[A-Za-z]*(?!\S)")
