"""A Markdown table: rows of a command (a flag, an instruction, a compose key) and its words."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dockquiz.notes import lines as ln
from dockquiz.notes import text as tx
from dockquiz.notes.answer import clean_answer
from dockquiz.notes.blocks.compose import compose_card
from dockquiz.notes.blocks.dockerfile import instruction_name
from dockquiz.notes.model import PASS, Context, read_inline
from dockquiz.notes.tree import Node

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader

# a value written as names for any value (KEY=VALUE, {NAME}, HOST_PORT:CONTAINER_PORT), as option cards read them
_VALUE_NAME = r"(?:\{[^{}\s]+\}|[A-Z][A-Z0-9_]*[A-Z0-9])"
_NAMES_A_VALUE = re.compile(rf"{_VALUE_NAME}(?:[:=,@/.]{_VALUE_NAME})*")


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
        if instruction_row(r, texts, ctx, line):
            continue
        if index is None:
            index = next((i for i, t in enumerate(texts) if t and r.reads(t)), None)  # a program no list had
        if index is None:
            word = next((t for t in texts if t), "")
            if word.rstrip(":") in r.compose_keys() and (r.has_compose or "compose" in " ".join(ctx.section).lower()):
                desc = ln.clean(next((t for t in texts if t and t != word), ""))  # ports | Host 側に Port を bind する
                if desc:  # one card per key: a compose file's comment on it later is the same card
                    compose_card(r, ctx, word.rstrip(":"), (word.rstrip(":"),), desc, line, {}, top=False)
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


def instruction_row(r: Reader, texts: list[str], ctx: Context, line: int) -> bool:
    """``FROM | ベースイメージの指定``, `` `COPY <src> <dest>` | ファイルをコピー ``: a row whose first
    cell is a Dockerfile instruction (in capitals, as Dockerfiles write it), alone or with its
    syntax, and a cell of its words: a dockerfile card. Arguments that only name values
    (``ENV KEY=VALUE``) ask the instruction alone; placeholders (``<src>``) stay, as study shows them."""
    cells = [t for t in texts if t]
    words = cells[0].split() if cells else []
    if not words or not words[0].isupper() or words[0] not in r.instructions():
        return False
    desc = next((t for t in cells[1:] if t != words[0]), "")
    if not desc:
        return True
    if all(_NAMES_A_VALUE.fullmatch(w) for w in words[1:]):
        r.add("dockerfile", (*ctx.section, words[0], "definition"), ctx, desc, words[0], line)
    else:
        line_words = " ".join(words)
        key = (*ctx.section, words[0], instruction_name(words, r.instructions()))
        r.add("dockerfile", key, ctx, desc, line_words, line)
    return True
