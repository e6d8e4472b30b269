"""A Markdown table: rows of a command (a flag, an instruction, a compose key) and its words."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it.token import Token

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
        left_out = r._program_left_out(texts[0], ctx.section) if index is None and texts else ""
        if left_out:  # "| get pods | ポッド一覧 |" under "# kubectl のサブコマンド"
            index, cells[0] = 0, read_inline([Token("code_inline", "code", 0, content=left_out)])
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
        index, code, said = fuller_command(r, cells, index)
        code = code or (cells[index].codes[0] if cells[index].codes else cells[index].text)
        own = set(code.split())
        # the row's words: not a cell of the command's own words (`cp` beside `kubectl cp SRC DST`),
        # unless that is all the row says (then the grammar's words may say it: Reader.add)
        others = [t for i, t in enumerate(texts) if i != index and t]
        desc = said or next((t for t in others if not set(t.split()) <= own), "") or next(iter(others), "")
        if desc:
            r.term(code, desc, ctx, line)
        elif not tx.is_flag(code) and r.reads(tx.strip_prompt(code)[0]):
            pending.append((line, clean_answer(tx.strip_prompt(code)[0]), "", run))
    for line, code, label, words in r._labelled(pending, labels, ctx) if pending else ():
        r.command_card(code, ctx, label, line, own_prompt=bool(words) or ctx.own, shared=not (words or ctx.in_item))


def fuller_command(r: Reader, cells: list, index: int) -> tuple[int, str, str]:
    """The cell holding the row's whole command: another cell's command that has every word of
    the one found first (``cp`` | ``kubectl cp SRC POD:DST``, ``kubectl cp`` | ``kubectl cp SRC
    POD:DST でコピー``: the subcommand's name beside its usage), with the words that cell says of
    it; else the one found first (index, "", "")."""
    found = cells[index].codes[0] if cells[index].codes else cells[index].text
    words = found.split()
    for i, cell in enumerate(cells):
        if i == index or cell is None:
            continue
        if cell.first_is_code and cell.codes and not cell.after_first_code:
            code, said = tx.strip_prompt(cell.codes[0].strip())[0], ""
        else:
            commands = ln.text_commands(cell.text.replace("`", ""), r.reads)
            if len(commands) != 1 or commands[0].start:
                continue
            text = cell.text.replace("`", "")
            code, said = commands[0].code, ln.own_words(text, commands, 0) or ""
        if len(code.split()) > len(words) and set(words) <= set(code.split()) and r.reads(code):
            return i, clean_answer(code), said
    return index, "", ""


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
