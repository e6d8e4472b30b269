"""A paragraph: its definition lines and the commands its lines of words hold."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dockquiz.notes import lines as ln
from dockquiz.notes import text as tx
from dockquiz.notes.blocks.code import is_code
from dockquiz.notes.describe import COMMENTARY, pointing_up, quote_text, text_flag
from dockquiz.notes.items.instruction_definition import instruction_defined
from dockquiz.notes.model import OPTION_WORD, PASS, Context, numbered_lines, read_inline, token_lines
from dockquiz.notes.tree import Node

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader


def read(r: Reader, node: Node, ctx: Context, following: Node | None):
    if node.type != "paragraph" or not node.children:
        return PASS
    up = pointing_up(node)
    if up and not up.startswith("`"):
        return ctx  # "⬆️ `docker create` と `docker start` を同時にやってくれる": about the block above, no card
    words = _words_alone(r._previous) if r._previous is not None and r._previous.type == "paragraph" else ""
    if words and flag_alone(r, node, words, ctx):
        if following is not None and is_code(following):  # "末尾だけ表示" / `--tail=N` / its example block:
            r._lead = (following, ctx)  # the words say what the block's line does with that flag
            return Context(ctx.section, words, ctx.command, ctx.in_item, ctx.hints, True, ctx.recent)
        return ctx
    after = paragraph(r, node, ctx, quote_text(following))
    if ctx.own:  # a lead labels this paragraph only
        before = r._lead[1]
        return Context(before.section, before.title, before.command, before.in_item, before.hints, False, after.recent)
    return after


def _words_alone(node: Node) -> str:
    """A one-line paragraph of words, no code: what it says ("" for any other)."""
    lines = token_lines(node.children[0].children) if node.children else []
    if len(lines) != 1 or any(t.type == "code_inline" for t in lines[0]):
        return ""
    words = ln.clean(read_inline(lines[0]).text)
    return words if len(words) <= 60 and not COMMENTARY.search(words) else ""


def flag_alone(r: Reader, node: Node, words: str, ctx: Context) -> bool:
    """A line of only a flag in code (`` `-d` ``, `` `-f` `--follow` ``: its spellings) under a
    line of words that says what it does ("バックグラウンド起動"): the flag's card, of the
    section's command."""
    lines = token_lines(node.children[0].children)
    if len(lines) != 1:
        return False
    spans = [t.content.strip() for t in lines[0] if t.type == "code_inline"]
    rest = "".join(t.content for t in lines[0] if t.type != "code_inline").strip()
    if not spans or rest or not all(tx.is_flag(code) for code in spans):
        return False
    r.term(spans[0], words, ctx, (node.map[0] + 1) if node.map else 0)
    return True


def _words_under_a_flag(inline, under: list | None) -> str:
    """The line of words under a line holding only a flag (``-E`` or `` `-v` ``): its description."""
    flag = inline.text.strip().strip("`")
    if under is None or not _LONE_FLAG.fullmatch(flag) or (inline.codes and inline.codes != [flag]):
        return ""
    below = read_inline(under)
    words = ln.clean(below.text)
    return words if words and not below.codes and not below.text.lstrip().startswith("-") and len(words) <= 80 else ""


_LONE_FLAG = re.compile(r"--?[A-Za-z0-9][A-Za-z0-9_-]*")


def paragraph(r: Reader, para: Node, ctx: Context, below: str = "") -> Context:
    """Definition lines (`` `docker ps` : 一覧 ``, ``-d => detached``), and every other line
    read for the commands it holds (see :meth:`line_cards`)."""
    first = (para.map[0] + 1) if para.map else 0
    rest: list[tuple[int, list]] = []
    described = -1  # the line of words under a flag alone on its line, read with it
    numbered = numbered_lines(first, para.children[0].children)  # a continued command's lines counted
    all_lines = [tokens for _, tokens in numbered]
    for offset, (line, tokens) in enumerate(numbered):
        if offset == described:
            continue
        inline = read_inline(tokens)
        words = _words_under_a_flag(inline, all_lines[offset + 1] if offset + 1 < len(all_lines) else None)
        if words:  # "-E" then "拡張正規表現を使う": the line under a flag alone says what it does
            r.term(inline.text.strip().strip("`"), words, ctx, line)
            described = offset + 1
            continue
        defined = instruction_defined(inline.text, r.instructions()) if not set(inline.codes) - set(r.instructions()) else None
        if defined and defined[1]:
            name, words = defined  # "ARG命令：ビルド時の変数", "`WORKDIR` で…": an instruction defined on a line of words
            r.add("dockerfile", (*ctx.section, name, "definition"), ctx, words, name, line)
            continue
        if inline.first_is_code and inline.codes:
            has_sep, desc = tx.split_description(OPTION_WORD.sub("", inline.after_first_code))
            if has_sep and desc:
                r.term(inline.codes[0], desc, ctx, line)
                continue
        flag = text_flag(inline.text) if not inline.codes else None
        if flag is not None:
            r.term(flag[0], flag[1], ctx, line)
            continue
        rest.append((line, tokens))
    last = r.line_cards(rest, ctx, below=below)
    if last:
        return Context(ctx.section, ctx.title, ctx.command, ctx.in_item, ctx.hints, ctx.own, last)
    return ctx
