"""What the notes readers pass around: a block's context, a line of inline tokens read
(:class:`Inline`), a list item's first line (:class:`Item`), the drafts made (:class:`Notes`),
and ``PASS``, the answer of a rule or block reader that does not read what it is given."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dockquiz.cards import CardDraft, Warning_
from dockquiz.notes import text as tx
from dockquiz.notes.tree import Node

# An inline HTML tag a notes writer means as markup; any other <word> is a placeholder (<branch>).
_BR = re.compile(r"<br\s*/?>$", re.IGNORECASE)
HTML_TAG = re.compile(
    r"^</?(?:a|b|i|u|s|em|strong|code|kbd|span|font|sub|sup|small|mark|img|p|div|details|"
    r"summary|del|ins)\b",
    re.IGNORECASE,
)


OPTION_WORD = re.compile(r"^\s*(?:オプション|option|フラグ|flag)(?=\s*(?::|：|\.{3}\s|…\s))", re.IGNORECASE)


@dataclass
class Context:
    section: list[str]
    title: str  # nearest heading (or list item lead) for prompts
    command: str | None = None  # the command that option bullets belong to
    in_item: bool = False
    hints: dict[str, str] | None = None  # where placeholder descriptions go
    own: bool = False  # title is the next block's own words (a lead line over it)
    recent: str | None = None  # the command of the code block just above (its flag bullets)
    listed: bool = False  # title is the last item of a list over the block (maybe one step of several)


@dataclass
class Inline:
    codes: list[str]
    text: str  # the whole inline text, code spans in backticks
    lead: str  # text up to the first line break, without code spans' backticks
    first_is_code: bool
    after_first_code: str


@dataclass
class Notes:
    drafts: list[CardDraft] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    # command lines read but given no card (a label over them went to another line): lint reads them too
    asides: list[CardDraft] = field(default_factory=list)


def is_break(tok) -> bool:
    # <br>, <br/>, <BR />; not a placeholder that starts alike (`git clone -b <branch>`)
    return tok.type in ("softbreak", "hardbreak") or (tok.type == "html_inline" and bool(_BR.match(tok.content)))


def join_continued_lines(tokens: list, source: list[str], runs_to_end) -> None:
    """A command continued with a backslash over the lines of a paragraph or list item (``sudo
    apt-get install -y \\`` then a package a line, ``VMを作る: gcloud … create vm \\`` then its
    flags, outside a fence) is one line of its paragraph: the break after each ``\\`` becomes a
    blank, marked ``joined`` so that the lines after it keep their numbers (:func:`numbered_lines`).
    ``runs_to_end(line_tokens)``: the line holds a command read to its end — a line of words
    ending in a backslash (markdown's line break) is left as it is. The one place continued lines
    are joined: every reader of the paragraph sees the command whole."""
    for token in tokens:
        if token.type != "inline" or not token.map or not token.children:
            continue
        line = token.map[0]
        start = 0  # the line's own tokens, since the last break, start here
        going_on = False  # the line continues a command joined above
        children = token.children
        for index, child in enumerate(children):
            if child.type not in ("softbreak", "hardbreak"):
                continue
            raw = source[line].rstrip() if line < len(source) else ""
            line += 1
            own = children[start:index]
            start = index + 1
            said = "".join(c.content for c in own if c.type in ("text", "code_inline")).strip().rstrip("¥ ")
            joins = raw.endswith((" \\", " ¥")) and said and raw[:-1].rstrip().endswith(said[-8:])
            if joins and not going_on:
                joins = runs_to_end(own)  # a command read to the line's end, not words
            going_on = bool(joins)
            if not joins:
                continue
            previous = children[index - 1] if index else None
            if previous is not None and previous.type == "text":  # one blank between words ("  " parts columns)
                previous.content = previous.content.rstrip()
                previous.content = previous.content[:-1].rstrip() if previous.content.endswith("¥") else previous.content
            child.type, child.content = "text", " "
            child.meta = {**(child.meta or {}), "joined": True}


def joined_breaks(tokens: list) -> int:
    """How many notes' lines a line of tokens was joined from, less one (:func:`join_continued_lines`)."""
    return sum(1 for t in tokens if t.type == "text" and (t.meta or {}).get("joined"))


def numbered_lines(first: int, children: list) -> list[tuple[int, list]]:
    """A block's lines of tokens (:func:`token_lines`) with the notes' line number each starts on
    (``first`` that of the block's first), a line joined from several counting them all."""
    out: list[tuple[int, list]] = []
    skipped = 0
    for n, tokens in enumerate(token_lines(children)):
        out.append((first + n + skipped, tokens))
        skipped += joined_breaks(tokens)
    return out


def token_lines(children: list) -> list[list]:
    """Inline tokens split at line breaks (softbreak, hardbreak, <br>)."""
    lines: list[list] = [[]]
    for tok in children:
        if is_break(tok):
            lines.append([])
        else:
            lines[-1].append(tok)
    return [line for line in lines if line]


def read_inline(children: list) -> Inline:
    codes: list[str] = []
    parts: list[str] = []
    lead: list[str] = []
    broke = False
    first_is_code = None
    after: list[str] = []
    for child in children:
        kind, content = child.type, child.content
        if kind == "code_inline":
            codes.append(content)
            parts.append(f"`{content}`")
            if first_is_code is None:
                first_is_code = True
                lead.append(content)
                continue
        elif is_break(child):
            broke = True
            parts.append("\n")
            continue
        elif kind == "text":
            if first_is_code is None and content.strip():
                first_is_code = False
            parts.append(content)
        else:
            parts.append(content if kind != "html_inline" or not HTML_TAG.match(content) else "")
        if first_is_code and len(codes) == 1 and not broke:
            after.append(parts[-1])
        if not broke:
            lead.append(content if kind != "html_inline" or not HTML_TAG.match(content) else "")
    return Inline(codes, "".join(parts).strip(), "".join(lead).strip(), bool(first_is_code), "".join(after).strip())


def segments(tokens: list) -> tuple[str, list[tuple[int, int, str]]]:
    """A line's text, code spans as their content, and where each code span stands."""
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    size = 0
    link = 0
    for tok in tokens:
        if tok.type in ("link_open", "link_close"):
            link += 1 if tok.type == "link_open" else -1
            continue
        if link > 0:
            continue
        if tok.type == "code_inline":
            spans.append((size, size + len(tok.content), tok.content))
            part = tok.content
        elif tok.type == "html_inline":
            part = "" if HTML_TAG.match(tok.content) else tok.content
        elif tok.type in ("text", "html_inline"):
            part = tok.content
        else:
            part = tok.content if tok.type not in ("link_open", "link_close", "image") else ""
        parts.append(part)
        size += len(part)
    return "".join(parts), spans


PASS = object()


@dataclass(frozen=True)
class Item:
    """A list item's first line as the rules read it."""

    inline: Inline
    line: int
    children: list[Node]
    code: str | None = None  # the leading code span, prompt stripped, when nothing or a description follows
    had_prompt: bool = False
    has_sep: bool = False  # `code` : description
    desc: str = ""
    tokens: tuple = ()  # the inline tokens of its first paragraph

    @classmethod
    def read(cls, inline: Inline, line: int, children: list[Node], tokens: list = ()) -> Item:
        first = inline.codes[0] if inline.codes and inline.first_is_code else None
        after = OPTION_WORD.sub("", inline.after_first_code)
        has_sep, desc = tx.split_description(after) if first is not None else (False, "")
        if first is None or (after and not has_sep):
            return cls(inline, line, children, tokens=tuple(tokens))
        code, had = tx.strip_prompt(first)
        rest = inline.text.split("\n", 1)[0].partition(f"`{first}`")[2].replace("`", "")
        whole = tx.split_description(OPTION_WORD.sub("", rest))[1] if has_sep else ""
        whole = re.split(r"(?<=[.。])\s+(?=[A-Z])", whole, maxsplit=1)[0]  # its first sentence
        if len(whole) > len(desc):  # `tar -xjvf x`: Untar a file compressed using bzip2 (`.tar.bz2`)
            desc = whole
        return cls(inline, line, children, code, had, has_sep, desc, tuple(tokens))
