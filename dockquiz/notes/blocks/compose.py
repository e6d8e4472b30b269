"""A compose file (YAML with ``services:``): a card per commented key; a block of one key
under the words that describe it (``#### image`` / ``- 元にするイメージ`` / ``image: alpine``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dockquiz.notes import lines as ln
from dockquiz.notes import text as tx
from dockquiz.notes.model import PASS, Context, read_inline, token_lines

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
    keys = r.compose_keys()
    parents: list[tuple[int, str]] = []  # (indent, key) of the keys above this line
    above: list[str] = []  # the comments right over this line
    seen = False  # a line of YAML read
    for offset, raw in enumerate(body.splitlines()):
        line = raw.rstrip()
        if not line.strip():
            above = []
            continue
        if line.lstrip().startswith("#"):
            above.append(tx.clean_comment(line.strip()))
            continue
        over = describing(r, above) if seen else ""  # the comments that open a block are about all of it
        above, seen = [], True
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
        if not comment and over and match and key in keys and not _names(over, key):
            comment = over  # "# 起動時に走らせる" over "command: …": a key of the spec, described above it
        if comment and (key not in keys or (not match and _ASSIGNS.match(value))):
            continue  # a service's or volume's name, an app's variable (`DB_URL: …`, `- DB_URL=…`): the file's data
        if comment:
            hints = {"value": value.strip("'\"")} if value else {}
            compose_card(r, ctx, key, (key, value), comment, start + offset, hints, top=not indent)


_ASSIGNS = re.compile(r"^[A-Za-z_]\w*=")  # "- REDIS_HOST=redis" under environment: a variable of the app


def _names(words: str, key: str) -> bool:
    """Do the words name the key itself ("`context`キーで指定", "build設定")? Then they give it away."""
    return key.lower() in re.findall(r"[a-z_]+", words.lower())


def compose_card(r: Reader, ctx: Context, key: str, parts: tuple, words: str, line: int, hints: dict, *, top: bool) -> None:
    """One card per key of a file's level (a top-level ``volumes:`` is not a service's): the
    same key described again, in a second sample of the file, is the same card. A top-level
    key's English says what it declares (the grammar's words are a service's)."""
    seen = r.__dict__.setdefault("_compose_carded", set())
    if (key, top) in seen:
        return
    seen.add((key, top))
    draft = r.add("compose", (*ctx.section, *parts), ctx, words, key, line, hints=hints)
    top_en = r.compose_keys().get(key, {}).get("top_en") if top else None
    if draft is not None and top_en and ln.has_japanese(draft.prompt_ja):
        draft.prompt_en = top_en


_GOES_ON = ("、", ",", "，", "を", "て", "で")


def describing(r: Reader, comments: list[str]) -> str:
    """The describing words of a run of comments over a key: its first line (the lines under it
    are asides), joined with the next while the sentence goes on (``…しておくと、``); none
    when that makes a paragraph of explanation, or when the run holds a line put aside
    (``# container_name: web``, ``# docker network create …``: the words are about that)."""
    if any(_YAML_LINE.match(text) or r.reads(text) for text in comments):
        return ""
    words = ""
    for text in comments:
        words = f"{words} {text}".strip() if words else text
        if not words.endswith(_GOES_ON):
            break
    return words if words and len(words) <= 80 and not words.endswith(_GOES_ON) else ""


def one_key(r: Reader, body: str) -> tuple[str, str, int, str] | None:
    """A block of one key of the spec, at the top (``image: alpine``, ``extra_hosts:`` and its
    list), in notes about compose: (key, its first value, the line's offset, the comments
    right over it)."""
    if not r.has_compose:
        return None
    found: list[tuple[str, str, int, str]] = []
    above: list[str] = []
    for offset, raw in enumerate(body.splitlines()):
        if raw.lstrip().startswith("#"):
            above.append(tx.clean_comment(raw.strip()))
            continue
        if not raw.strip() or raw[:1] in (" ", "\t", "-"):
            above = []
            continue
        match = _YAML_LINE.match(tx.split_trailing_comment(raw.strip())[0])
        if not match or match.group("key") not in r.compose_keys():
            return None
        value = (match.group("value") or "").strip().strip("'\"")
        found.append((match.group("key"), value, offset, describing(r, above)))
        above = []
    if not found or len({key for key, *_ in found}) != 1 or found[0][0] in ("services", "version"):
        return None
    return found[0]


def _line_over(node) -> str:
    """The one line of words right over a key's block (a paragraph, or a list's one item), a
    sentence too (``- Dockerfile のあるディレクトリのパスを指定します。``): under a heading that
    only names the key, it says what the key is for."""
    if node is not None and node.type == "bullet_list" and len(node.children) == 1 and len(node.children[0].children) == 1:
        node = node.children[0].children[0]
    if node is None or node.type != "paragraph" or not node.children:
        return ""
    lines = token_lines(node.children[0].children)
    if len(lines) != 1 or any(t.type == "code_inline" for t in lines[0]):
        return ""
    words = ln.clean(read_inline(lines[0]).text)
    return words if "://" not in words and len(words) <= 80 else ""


def read_key(r: Reader, body: str, start: int, ctx: Context) -> bool:
    """``#### image`` / ``- 元にするイメージを名前で指す`` / ``image: alpine``: a key described by
    the words over its block (a lead line, else the heading), not by its own name."""
    found = one_key(r, body)
    if found is None:
        return False
    key, value, offset, comment = found
    heading = ctx.section[-1] if ctx.section else ""
    words = comment or (ctx.title.strip() if ctx.own or not tx.is_one_name(heading) else "") or _line_over(r._previous)
    if not words or tx.is_topic(words) or tx.is_one_name(words) or _names(words, key):
        return True  # "#### dns" over "dns: 8.8.8.8", "## fragments": a name, no description
    compose_card(r, ctx, key, (key, value), words, start + offset, {"value": value} if value else {}, top=False)
    return True


def read(r: Reader, lang: str, body: str, start: int, ctx: Context):
    plain = lang in ("", "text", "txt")
    if not (lang in YAML_LANGS or (plain and YAML_SERVICES.search(body))):
        return None if plain and read_key(r, body, start, ctx) else PASS
    if not YAML_SERVICES.search(body):
        read_key(r, body, start, ctx)
    read_compose(r, body, start, ctx)
    return None
