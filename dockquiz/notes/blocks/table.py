"""A Markdown table: rows of a command (a flag, an instruction, a compose key) and its words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dockquiz.notes import lines as ln
from dockquiz.notes import text as tx
from dockquiz.notes.answer import clean_answer
from dockquiz.notes.blocks.compose import compose_card
from dockquiz.notes.model import PASS, Context, read_inline
from dockquiz.notes.tree import Node

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader


def read(r: Reader, node: Node, ctx: Context, following: Node | None):
    if node.type != "table":
        return PASS
    table(r, node, ctx)
    return ctx


def table(r: Reader, table: Node, ctx: Context) -> None:
    """Rows holding a command (or a flag of the section's command, or a Dockerfile
    instruction) and its description; a row of one comment labels the commands under it."""
    labels: list[str] = []
    run: int | None = None
    pending: list[tuple[int, str, str, int | None]] = []
    for row in (row for part in table.children if part.type == "tbody" for row in part.children):
        cells = [read_inline(c.children[0].children) if c.children else None for c in row.children]
        line = (row.map[0] + 1) if row.map else 0
        index = next(
            (
                i
                for i, c in enumerate(cells)
                if c
                and (
                    (c.first_is_code and c.codes and not c.after_first_code)  # `docker ps` | 一覧
                    or (
                        not c.codes
                        and (
                            tx.is_flag(c.text)
                            or (  # -d --data | ボディ
                                tx.looks_like_command(c.text, had_prompt=False, programs=r.programs) and len(c.text.split()) > 1
                            )
                        )
                    )
                )
            ),
            None,
        )  # docker run | 起動
        texts = [c.text.replace("`", "").strip() if c else "" for c in cells]
        if index is None:
            index = next((i for i, t in enumerate(texts) if t and r.reads(t)), None)  # a program no list had
        if index is None:
            word = next((t for t in texts if t), "")
            if word.rstrip(":") in r.compose_keys() and (r.has_compose or "compose" in " ".join(ctx.section).lower()):
                desc = ln.clean(next((t for t in texts if t and t != word), ""))  # ports | Host 側に Port を bind する
                if desc:  # one card per key: a compose file's comment on it later is the same card
                    compose_card(r, ctx, word.rstrip(":"), (word.rstrip(":"),), desc, line, {}, top=False)
                continue
            if word in r.instructions():  # FROM | ベースイメージの指定
                desc = next((t for t in texts if t and t != word), "")
                if desc:
                    r.add("dockerfile", (*ctx.section, word, "definition"), ctx, desc, word, line)
                continue
            words = [t.strip("*_ ") for t in texts if t]
            comment = next((w for w in words if w.startswith("#")), "")
            label = ln.clean(comment or (words[0] if len(words) == 1 else ""))
            if label and not r.reads(label):  # **# do feature and commit** over its commands
                labels.append(label)
                run = len(labels) - 1
            continue
        code = cells[index].codes[0] if cells[index].codes else cells[index].text
        desc = next((t for i, t in enumerate(texts) if i != index and t), "")
        if desc:
            r.term(code, desc, ctx, line)
        elif not tx.is_flag(code) and r.reads(tx.strip_prompt(code)[0]):
            pending.append((line, clean_answer(tx.strip_prompt(code)[0]), "", run))
    for line, code, label, words in r._labelled(pending, labels, ctx) if pending else ():
        r.command_card(code, ctx, label, line, own_prompt=bool(words) or ctx.own, shared=not (words or ctx.in_item))
