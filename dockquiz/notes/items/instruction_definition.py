"""List item rule: A Dockerfile instruction defined in words (``CMD コマンド : 説明``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dockquiz.notes import lines as ln
from dockquiz.notes import text as tx
from dockquiz.notes.model import PASS, Context, Item, read_inline, token_lines

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader

_INSTRUCTION_DEF = re.compile(
    r"^([A-Z]{2,11})(?:\s*(?:コマンド|命令|instruction|命令文))?(?=\s*(?::|：)|\s+[-–—]\s|\s*$)"
)  # "ENV命令は…" / "CMD命令で…" are sentences about it (1つしか書けない…), not its definition


# "`WORKDIR` で作業ディレクトリを指定する", "`ARG` を使うとビルド時の変数を渡せる": the instruction in
# code, then a particle and what it does
_IN_CODE = re.compile(r"^`([A-Z]{2,11})`\s*(?:で|は|を使うと|を使えば|を使って|を用いて)\s*(\S.*)$")
_ADVICE = re.compile(r"ほうが|方が|べき|推奨|注意|しましょう|ない$|ません$|こと$|違い")  # "…まとめたほうがよい": no definition


def instruction_defined(text: str, instructions: dict) -> tuple[str, str] | None:
    """``COPY命令：…``, ``WORKDIR命令 - …``, `` `WORKDIR` で… ``: (the instruction, its words), else None."""
    said = _IN_CODE.match(text.strip())
    if said and said.group(1) in instructions:
        words = ln.clean(re.split(r"[。.]", said.group(2))[0])
        if not words or len(words) > 50 or _ADVICE.search(words) or "`" in words:
            return None
        return said.group(1), words
    match = _INSTRUCTION_DEF.match(text.replace("`", ""))
    if not match or match.group(1) not in instructions:
        return None
    return match.group(1), tx.split_description(text.replace("`", "")[match.end() :])[1]


def _first_bullet_under(children: list) -> str:
    """The words of the first bullet under an item (none when it holds code: an example)."""
    lists = [c for c in children if c.type == "bullet_list" and c.children]
    para = next((c for c in lists[0].children[0].children if c.type == "paragraph" and c.children), None) if lists else None
    if para is None:
        return ""
    first = token_lines(para.children[0].children)[0]
    if any(t.type == "code_inline" for t in first):
        return ""
    words = ln.clean(read_inline(first).text)
    return words if len(words) <= 80 else ""


def instruction_definition(r: Reader, item: Item, ctx: Context):
    """``CMD コマンド : 説明``: a Dockerfile instruction defined in words."""
    found = instruction_defined(item.inline.text, r.instructions())
    if found is None:
        return PASS
    name, desc = found
    desc = desc or _first_bullet_under(item.children)  # "- EXPOSE" over "  - 待ち受けるポートの宣言"
    if desc:
        r.add("dockerfile", (*ctx.section, name, "definition"), ctx, desc, name, item.line)
    else:
        r.warn(item.line, "notes.warn.empty_definition", name=name)
    return None
