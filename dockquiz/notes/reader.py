"""Markdown notes → card drafts. Pure: no database, no terminal.

Reads markdown-it-py's syntax tree (keeping ``map`` line numbers) and recognises the
ways learners write command notes without any special markup: commands in inline
code under a heading, option bullets under a command, ``$`` lines in code blocks,
Dockerfile and docker-compose blocks and definition bullets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt

from dockquiz.cards import CardDraft, Warning_, stable_key
from dockquiz.grading.grammar import grammar
from dockquiz.notes import text as tx
from dockquiz.notes.tree import Node, build

SHELL_LANGS = {"", "sh", "bash", "shell", "zsh", "console", "shell-session", "terminal", "cmd",
               "powershell", "ps1", "fish", "text", "txt", "plaintext"}
DOCKERFILE_LANGS = {"dockerfile", "docker"}
YAML_LANGS = {"yml", "yaml"}
_YAML_KEY = re.compile(r"^\s*-?\s*([A-Za-z_][\w-]*)\s*:")
_INSTRUCTION_DEF = re.compile(r"^([A-Z]{2,11})(?:\s*(?:コマンド|命令|instruction|命令文))?(?=\s*(?::|：)|\s*$)")
_OPTION_WORD = re.compile(r"^\s*(?:オプション|option|フラグ|flag)(?=\s*(?::|：))", re.IGNORECASE)
_COMPOSE_ITEM = re.compile(r"^([a-z_][a-z0-9_]*)\s*(?::\s*)?(.*)$", re.DOTALL)


@cache
def _markdown(tables: bool = True) -> MarkdownIt:
    """CommonMark, plus GFM tables when the notes can hold one: a table's header line has a
    ``|`` (markdown-it's table rule checks it), and notes without any skip the rule, which
    runs at every block and costs large notes 6% of their parse."""
    md = MarkdownIt("commonmark")
    return md.enable("table") if tables else md


@dataclass
class Context:
    section: list[str]
    title: str                       # nearest heading (or list item lead) for prompts
    command: str | None = None       # the command that option bullets belong to
    in_item: bool = False
    hints: dict[str, str] | None = None  # where placeholder descriptions go


@dataclass
class Inline:
    codes: list[str]
    text: str            # the whole inline text, code spans in backticks
    lead: str            # text up to the first line break, without code spans' backticks
    first_is_code: bool
    after_first_code: str


@dataclass
class Notes:
    drafts: list[CardDraft] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)


def _is_break(tok) -> bool:
    return tok.type in ("softbreak", "hardbreak") or (tok.type == "html_inline" and
                                                      tok.content.lower().startswith("<br"))


def _lines(children: list) -> list[list]:
    """Inline tokens split at line breaks (softbreak, hardbreak, <br>)."""
    lines: list[list] = [[]]
    for tok in children:
        if _is_break(tok):
            lines.append([])
        else:
            lines[-1].append(tok)
    return [line for line in lines if line]


def _inline(children: list) -> Inline:
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
                continue
        elif _is_break(child):
            broke = True
            parts.append("\n")
            continue
        elif kind == "text":
            if first_is_code is None and content.strip():
                first_is_code = False
            parts.append(content)
        else:
            parts.append(content if kind != "html_inline" else "")
        if first_is_code and len(codes) == 1 and not broke:
            after.append(parts[-1])
        if not broke:
            lead.append(content)
    if not broke and first_is_code:
        lead = [codes[0], *after] if codes else lead
    return Inline(codes, "".join(parts).strip(), "".join(lead).strip(), bool(first_is_code),
                  "".join(after).strip())


class Reader:
    def __init__(self, deck: str, programs: set[str], describe) -> None:
        self.deck = deck
        self.programs = programs
        self.describe = describe          # answer/kind -> (en prompt or "")
        self.notes = Notes()
        self.keys: dict[str, int] = {}
        self.command_answers: set[str] = set()
        self.yaml_keys: set[str] = set()
        self.section_commands: dict[tuple[str, ...], str] = {}   # the first command of each section
        self.has_compose = False

    # --- output -------------------------------------------------------------------------
    def add(self, kind: str, key_parts: tuple[str, ...], ctx: Context, prompt: str, answer: str,
            line: int, *, command: str | None = None, hints: dict[str, str] | None = None) -> CardDraft:
        key = stable_key(kind, self.deck, *key_parts)
        count = self.keys[key] = self.keys.get(key, 0) + 1
        if count > 1:
            key = f"{key}#{count}"
        drafts = self.notes.drafts
        # drafts of one section share its (never mutated) section list
        draft = CardDraft(kind, key, ctx.section, prompt.strip(), answer.strip(), line, "", command,
                          {} if hints is None else hints, len(drafts))
        draft.prompt_en = self.describe(draft)
        drafts.append(draft)
        return draft

    def warn(self, line: int, key: str, **params: object) -> None:
        self.notes.warnings.append(Warning_(line, key, params))

    # --- document -----------------------------------------------------------------------
    def read(self, text: str) -> Notes:
        tokens = _markdown("|" in text).parse(text.lstrip("\ufeff"))
        self._prescan(tokens)
        root = build(tokens)
        headings: list[tuple[int, str]] = []
        ctx = Context([], "")
        pending = None   # a command named in a heading, waiting for its prompt
        for node in root.children:
            if pending is not None:
                self.heading_command(*pending, node)
                pending = None
            if node.type == "heading":
                level = int(node.tag[1])
                headings = [h for h in headings if h[0] < level]
                title = tx.clean_heading((node.children[0].content if node.children else "").replace("`", ""))
                if title:
                    headings.append((level, title))
                ctx = Context([h[1] for h in headings], headings[-1][1] if headings else "")
                pending = self._command_in_heading(node, ctx)
            else:
                ctx = self.block(node, ctx)
        if pending is not None:
            self.heading_command(*pending, None)
        return self.notes

    def _command_in_heading(self, node: Node, ctx: Context):
        """``## `docker ps` - 一覧``: the heading names a command; its flags may follow as bullets."""
        if not node.children:
            return None
        inline = _inline(node.children[0].children)
        if not (inline.first_is_code and len(inline.codes) == 1):
            return None
        code, had = tx.strip_prompt(inline.codes[0])
        if not tx.looks_like_command(code, had_prompt=had, programs=self.programs):
            return None
        self.section_commands[tuple(ctx.section)] = command_path(code, self.programs)
        _, desc = tx.split_description(inline.after_first_code)
        return code, desc, ctx, (node.map[0] + 1) if node.map else 0

    def heading_command(self, code: str, desc: str, ctx: Context, line: int, following: Node | None) -> None:
        """Its prompt: the heading's own words, else the plain paragraph right under it."""
        if not desc and following is not None and following.type == "paragraph" and following.children:
            inline = _inline(following.children[0].children)
            desc = "" if inline.codes else inline.lead
        parent = ctx.section[-2] if len(ctx.section) > 1 else ctx.title
        self.command_card(code, ctx, desc or parent, line, own_prompt=True)

    def _prescan(self, tokens: list) -> None:
        """YAML keys anywhere in the notes, and whether they are about docker compose at all."""
        for tok in tokens:
            if tok.type == "fence" and tok.info.strip().lower().split(" ")[:1] in (["yml"], ["yaml"]):
                keys = {m.group(1) for m in map(_YAML_KEY.match, tok.content.splitlines()) if m}
                self.yaml_keys |= keys
                if "services" in keys:
                    self.has_compose = True
            elif tok.type == "inline" and not self.has_compose and "compose" in tok.content.lower():
                self.has_compose = True

    def block(self, node: Node, ctx: Context) -> Context:
        """Handle one block; returns the context for following siblings (a command section)."""
        if node.type in ("bullet_list", "ordered_list"):
            for item in node.children:
                ctx = self.item(item, ctx)
        elif node.type in ("fence", "code_block"):
            self.fence(node, ctx)
        elif node.type == "paragraph" and node.children:
            ctx = self.paragraph(node, ctx)
        elif node.type == "table":
            self.table(node, ctx)
        return ctx  # blockquotes (pasted errors), html, images: never cards

    # --- list items ---------------------------------------------------------------------
    def item(self, item: Node, ctx: Context) -> Context:
        children = item.children
        if children and children[0].type == "paragraph":      # the usual item: text first
            para, children = children[0], children[1:]
        else:
            para = next((c for c in children if c.type == "paragraph"), None)
            children = [c for c in children if c is not para]
        inline = _inline(para.children[0].children) if para is not None and para.children else None
        line = (item.map[0] + 1) if item.map else 0
        inner = self.classify(inline, ctx, line, children) if inline else None
        if not children:
            return ctx
        if inner is None:
            lead = inline.lead if inline else ""
            inner = Context(ctx.section, lead.rstrip(":：") or ctx.title, ctx.command, True, ctx.hints)
        for child in children:
            self.block(child, inner)
        return ctx

    def paragraph(self, para: Node, ctx: Context) -> Context:
        """A lone command line, or definition lines: `` `docker ps` : 一覧 `` (one per line)."""
        first = (para.map[0] + 1) if para.map else 0
        lines = _lines(para.children[0].children)
        if len(lines) == 1:
            inline = _inline(lines[0])
            if inline.first_is_code and len(inline.codes) == 1 and not inline.after_first_code:
                code, had = tx.strip_prompt(inline.codes[0])
                if tx.looks_like_command(code, had_prompt=had, programs=self.programs):
                    return self.command_card(code, ctx, ctx.title, first, own_prompt=False)
        for offset, tokens in enumerate(lines):
            inline = _inline(tokens)
            if inline.first_is_code and inline.codes:
                has_sep, desc = tx.split_description(_OPTION_WORD.sub("", inline.after_first_code))
                if has_sep and desc:
                    self.term(inline.codes[0], desc, ctx, first + offset)
        return ctx

    def table(self, table: Node, ctx: Context) -> None:
        """Rows holding a command (or a flag of the section's command) and its description."""
        for row in (r for part in table.children if part.type == "tbody" for r in part.children):
            cells = [_inline(c.children[0].children) if c.children else None for c in row.children]
            line = (row.map[0] + 1) if row.map else 0
            index = next((i for i, c in enumerate(cells) if c and c.first_is_code and c.codes
                          and not c.after_first_code), None)
            if index is None:
                continue
            desc = next((c.text.replace("`", "").strip() for i, c in enumerate(cells)
                         if i != index and c and c.text.strip()), "")
            if desc:
                self.term(cells[index].codes[0], desc, ctx, line)

    def term(self, code: str, desc: str, ctx: Context, line: int) -> None:
        """A code term with its description: a command card, or an option of the section's command."""
        code, had = tx.strip_prompt(code)
        command = ctx.command or self.section_commands.get(tuple(ctx.section))
        if tx.is_flag(code):
            if command:
                self.option_cards(code, desc, ctx, command, line)
        elif tx.looks_like_command(code, had_prompt=had, programs=self.programs):
            self.command_card(code, ctx, desc, line, own_prompt=True)

    def classify(self, inline: Inline, ctx: Context, line: int,
                 children: list[Node]) -> Context | None:
        """Make the card(s) an item stands for; return the context for its children."""
        first = inline.codes[0] if inline.codes and inline.first_is_code else None
        after = _OPTION_WORD.sub("", inline.after_first_code)
        has_sep, desc = tx.split_description(after) if first is not None else (False, "")
        if first is not None and (not after or has_sep):
            code, had = tx.strip_prompt(first)
            command = ctx.command or self.section_commands.get(tuple(ctx.section))
            if command and tx.is_flag(code):
                self.option_cards(code, desc, ctx, command, line)
                return None
            if ctx.command and ctx.hints is not None and has_sep and desc:
                ctx.hints[code] = desc     # `${IMAGE_NAME}` : イメージ名, `/bin/bash` : …
                return None
            if tx.looks_like_command(code, had_prompt=had, programs=self.programs):
                prompt = desc or ctx.title
                return self.command_card(code, ctx, prompt, line, own_prompt=bool(desc))
        return self.definition(inline, ctx, line, children)

    def command_card(self, code: str, ctx: Context, prompt: str, line: int, *, own_prompt: bool) -> Context:
        hints: dict[str, str] = {}
        key_parts = (*ctx.section, prompt if own_prompt else "")
        path = command_path(code, self.programs)
        self.add("command", key_parts, ctx, prompt, code, line, command=path, hints=hints)
        self.section_commands.setdefault(tuple(ctx.section), path)
        self.command_answers.add(" ".join(code.split()))
        return Context(ctx.section, prompt, path, True, hints)

    def option_cards(self, code: str, desc: str, ctx: Context, command: str, line: int) -> None:
        """A flag of ``command`` with its description: an option card and its reverse."""
        if not desc:
            self.warn(line, "notes.warn.option_no_description", flag=code)
            return
        flag = tx.flag_name(code)
        option = self.add("option", (command, flag), ctx, desc, code, line, command=command)
        meaning = self.add("meaning", (command, flag), ctx, flag, desc, line, command=command,
                           hints={"flag": code})
        if option.prompt_en:
            meaning.hints["en"] = option.prompt_en   # the choice's English words, when the grammar knows the flag

    def definition(self, inline: Inline, ctx: Context, line: int,
                   children: list[Node]) -> Context | None:
        text = inline.text.replace("`", "")
        # "CMD コマンド : 説明" — a Dockerfile instruction defined in words
        match = _INSTRUCTION_DEF.match(text)
        if match and match.group(1) in self.instructions():
            _, desc = tx.split_description(text[match.end():])
            if desc:
                self.add("dockerfile", (*ctx.section, match.group(1), "definition"), ctx, desc,
                         match.group(1), line)
            else:
                self.warn(line, "notes.warn.empty_definition", name=match.group(1))
            return None
        # "説明 : `FROM nvidia/cuda:10.0`" — an instruction line in inline code
        has_fence = any(c.type == "fence" for c in children)
        for code in inline.codes:
            words = code.split()
            if words and words[0] in self.instructions() and len(words) >= 2 and not has_fence:
                label = inline.lead.replace(code, "").strip(" :：") or ctx.title
                prompt = label if label == ctx.title or not ctx.in_item else f"{ctx.title} — {label}"
                self.add("dockerfile", (*ctx.section, words[0], words[1] if words[0] in
                                        ("ENV", "ARG", "LABEL") else ""), ctx, prompt, code, line)
                return None
        # "コンテナ一覧 : `docker ps`" — the description first, then the command
        if not inline.first_is_code and len(inline.codes) == 1:
            before, _, after = inline.text.partition(f"`{inline.codes[0]}`")
            code, had = tx.strip_prompt(inline.codes[0])
            label = before.strip()
            if (label and label[-1] in ":：→" and not after.strip()
                    and tx.looks_like_command(code, had_prompt=had, programs=self.programs)):
                self.command_card(code, ctx, label.rstrip(":：→ "), line, own_prompt=True)
                return None
        # "container_name : コンテナ名" — a docker-compose.yml key
        if self.has_compose:
            m = _COMPOSE_ITEM.match(text.strip())
            if m and (m.group(1) in self.compose_keys() or m.group(1) in self.yaml_keys):
                rest = m.group(2).strip()
                value, sep, desc = rest.partition(" : ")
                if not sep:
                    value, desc = "", rest
                if desc and (":" in text or "：" in text):
                    hints = {"value": value.strip()} if value.strip() else {}
                    self.add("compose", (*ctx.section, m.group(1)), ctx, desc, m.group(1), line, hints=hints)
                    return None
        return None

    # --- code blocks --------------------------------------------------------------------
    def fence(self, node: Node, ctx: Context) -> None:
        lang = (node.info or "").strip().lower().split(" ")[0] if node.type == "fence" else ""
        body = node.content
        start = (node.map[0] + 2) if node.map else 0  # first content line, 1-based
        if lang in DOCKERFILE_LANGS or (lang == "" and _first_instruction(body) == "FROM"):
            self.dockerfile(body, start, ctx)
        elif lang in SHELL_LANGS:
            self.shell(body, start, ctx)

    def shell(self, body: str, start: int, ctx: Context) -> None:
        lines = _join_continuations(body.splitlines(), start)
        dollar = any(tx.strip_prompt(t)[1] for _, t in lines)
        comment = ""
        found: list[tuple[int, str, str]] = []
        for line_no, raw in lines:
            stripped = raw.strip()
            if not stripped:
                comment = "" if not dollar else comment
                continue
            if stripped.startswith("#") and not stripped.startswith("#!"):
                comment = tx.clean_comment(stripped) or comment
                continue
            code, had = tx.strip_prompt(stripped)
            if dollar and not had:
                comment = ""
                continue   # output of the commands above
            if tx.is_assignment(code):
                continue
            if not tx.looks_like_command(code, had_prompt=had, programs=self.programs):
                continue
            found.append((line_no, code, comment))
            comment = ""
        if len(found) == 1 and not dollar and not ctx.in_item and ctx.command is None:
            line_no, code, comment = found[0]
            self.command_card(code, ctx, comment or ctx.title, line_no, own_prompt=bool(comment))
            return
        for line_no, code, comment in found:
            norm = " ".join(code.split())
            if norm in self.command_answers:
                continue
            prompt = f"{ctx.title}（{comment}）" if comment and ctx.title else (comment or ctx.title)
            self.add("example", (*ctx.section, norm), ctx, prompt, code, line_no,
                     command=command_path(code, self.programs))

    def dockerfile(self, body: str, start: int, ctx: Context) -> None:
        pending: list[str] = []
        section_comment = ""
        in_banner = False
        instructions = self.instructions()
        for line_no, raw in _join_continuations(body.splitlines(), start, drop_comments=True):
            stripped = raw.strip()
            if not stripped:
                pending = []
                continue
            if stripped.startswith("#"):
                if tx.is_separator_comment(stripped):
                    if in_banner:
                        section_comment = " / ".join(pending)
                        pending = []
                    in_banner = not in_banner
                    continue
                text = tx.clean_comment(stripped)
                if text:
                    pending.append(text)
                continue
            in_banner = False
            word = stripped.split(" ", 1)[0].upper()
            if word not in instructions:
                pending = []
                continue
            args = stripped.split()[1:]
            prompt = " / ".join(pending[-3:]) or section_comment or ""
            if not prompt:
                prompt = f"{ctx.title}: {word}" if ctx.title else word
            ident = args[0].split("=")[0] if word in ("ENV", "ARG", "LABEL") and args else ""
            self.add("dockerfile", (*ctx.section, word, ident), ctx, prompt, " ".join(stripped.split()), line_no)
            pending = []

    # --- grammar lookups ----------------------------------------------------------------
    def instructions(self) -> dict:
        return grammar().instructions

    def compose_keys(self) -> dict:
        return grammar().compose_keys


def _first_instruction(body: str) -> str:
    """The first word of the first line that is neither blank nor a comment."""
    first = next((ln.strip() for ln in body.splitlines() if ln.strip() and not ln.strip().startswith("#")), "")
    return first.split(" ")[0]


def _join_continuations(lines: list[str], start: int, *, drop_comments: bool = False) -> list[tuple[int, str]]:
    """Join backslash continuations; comment lines inside one are dropped (as Docker does)."""
    if not any(line.rstrip().endswith("\\") for line in lines):
        return [(start + offset, line) for offset, line in enumerate(lines)]
    out: list[tuple[int, str]] = []
    buf: list[str] = []
    first_line = 0
    for offset, line in enumerate(lines):
        if buf and drop_comments and line.strip().startswith("#"):
            continue
        if not buf:
            first_line = start + offset
        stripped = line.rstrip()
        if stripped.endswith("\\"):
            buf.append(stripped[:-1].strip())
            continue
        buf.append(line.strip() if buf else line)
        out.append((first_line, " ".join(p for p in buf if p)))
        buf = []
    if buf:
        out.append((first_line, " ".join(p for p in buf if p)))
    return out


def command_path(code: str, programs: set[str]) -> str:
    """``docker run -it ${X} img`` → ``docker run``: the words before options and arguments."""
    words = code.split()
    known = grammar().command_prefix(words)
    if known:
        return " ".join(words[:known])
    path: list[str] = []
    for word in words:
        if word.startswith("-") or tx.is_placeholder(word) or "/" in word or "=" in word:
            break
        path.append(word)
    return " ".join(path[:5]) or words[0]
