"""A bullet or numbered list: each item's first line read by the first of ITEM_RULES that
recognises it, then the blocks under it in the item's context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dockquiz.notes import lines as ln
from dockquiz.notes import text as tx
from dockquiz.notes.describe import text_flag
from dockquiz.notes.items import ITEM_RULES
from dockquiz.notes.model import PASS, Context, Inline, Item, read_inline, token_lines
from dockquiz.notes.tree import Node

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader


def read(r: Reader, node: Node, ctx: Context, following: Node | None):
    if node.type not in ("bullet_list", "ordered_list"):
        return PASS
    for child in node.children:
        ctx = item(r, child, ctx)
    return ctx


def item(r: Reader, item: Node, ctx: Context) -> Context:
    children = item.children
    if children and children[0].type == "paragraph":  # the usual item: text first
        para, children = children[0], children[1:]
    else:
        para = next((c for c in children if c.type == "paragraph"), None)
        children = [c for c in children if c is not para]
    inline = read_inline(para.children[0].children) if para is not None and para.children else None
    line = (item.map[0] + 1) if item.map else 0
    inner = described_command(r, para, ctx, line) if inline else None
    if inner is None and inline:
        inner = classify(r, inline, ctx, line, children, para.children[0].children)
    if not children:
        return ctx
    if inner is None:
        lead = (inline.lead if inline else "").rstrip(":：。 ")
        if lead and ctx.title and tx.is_qualifier(lead):
            lead = tx.qualified(ctx.title, lead)  # - MacOS の場合 under - AWS CLI をインストールする
        command = lead if lead in r.programs else ctx.command  # "* grep" over its flags
        inner = Context(ctx.section, lead or ctx.title, command, True, ctx.hints, recent=ctx.recent)
    for index, child in enumerate(children):
        inner = r.sibling(child, children, index, inner)
    return ctx


def described_command(r: Reader, para: Node, ctx: Context, line: int) -> Context | None:
    """An item's words, then its command alone on the next line (after ``<br>`` or a break)."""
    lines = token_lines(para.children[0].children)
    if len(lines) < 2:
        return None
    first = read_inline(lines[0])
    if (
        not first.codes
        and len(first.text.split()) > 1
        and tx.looks_like_command(first.text, had_prompt=False, programs=r.programs)
        and not first.text.rstrip().endswith((":", "："))  # "git reset hard drops every change:": a lead line
        and not ln.is_sentence(first.text)
    ):  # - git stash -u / 新規ファイルも退避
        said: list[str] = []
        flags: list[tuple[str, str, int]] = []  # "-aで止まったものも表示" under it: its flag, not its words
        for offset, tokens in enumerate(lines[1:], 1):
            text = read_inline(tokens).text
            defined = ln.flags_in_plain_words(text) or ([found] if (found := text_flag(text)) else [])
            flags += [(flag, desc, line + offset) for flag, desc in defined]
            if not defined:
                said.append(read_inline(tokens).lead)
        words = " ".join(said).strip().rstrip(":：。 ")
        if words and not tx.looks_like_command(words, had_prompt=False, programs=r.programs):
            inner = r.command_card(first.text, ctx, words, line, own_prompt=True)
            for flag, desc, at in flags:
                r.term(flag, desc, inner, at)
            return inner
        return None
    last = read_inline(lines[-1])
    if not (last.first_is_code and len(last.codes) == 1 and not last.after_first_code):
        return None
    code, had = tx.strip_prompt(last.codes[0])
    words = " ".join(read_inline(tokens).lead for tokens in lines[:-1]).strip().rstrip(":：。 ")
    if not words or not tx.looks_like_command(code, had_prompt=had, programs=r.programs):
        return None
    return r.command_card(code, ctx, words, line + len(lines) - 1, own_prompt=True)


def classify(r: Reader, inline: Inline, ctx: Context, line: int, children: list[Node], tokens: list) -> Context | None:
    """Make the card(s) an item stands for (the first of ITEM_RULES that recognises it);
    return the context for its children."""
    item = Item.read(inline, line, children, tokens)
    for rule in ITEM_RULES:
        found = rule(r, item, ctx)
        if found is not PASS:
            return found
    return None
