"""Markdown notes → card drafts. Pure: no database, no terminal.

Reads markdown-it-py's syntax tree (keeping ``map`` line numbers) and recognises the
ways learners write command notes without any special markup: commands in inline
code under a heading, option bullets under a command, ``$`` lines in code blocks,
Dockerfile and docker-compose blocks and definition bullets.
"""

from __future__ import annotations

import html
import re
import shlex
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt

from dockquiz.cards import CardDraft, Warning_, stable_key
from dockquiz.grading.grammar import Grammar
from dockquiz.grading.lexer import strip_sudo
from dockquiz.notes import lines as ln
from dockquiz.notes import text as tx
from dockquiz.notes.tree import Node, build

SHELL_LANGS = {
    "",
    "sh",
    "bash",
    "shell",
    "zsh",
    "console",
    "shell-session",
    "terminal",
    "cmd",
    "powershell",
    "ps1",
    "fish",
    "text",
    "txt",
    "plaintext",
}
DOCKERFILE_LANGS = {"dockerfile", "docker"}
YAML_LANGS = {"yml", "yaml"}
# An inline HTML tag a notes writer means as markup; any other <word> is a placeholder (<branch>).
_HTML_TAG = re.compile(
    r"^</?(?:a|b|i|u|s|em|strong|code|kbd|span|font|sub|sup|small|mark|img|p|div|details|"
    r"summary|del|ins)\b",
    re.IGNORECASE,
)
_YAML_KEY = re.compile(r"^\s*-?\s*([A-Za-z_][\w-]*)\s*:")
_INSTRUCTION_DEF = re.compile(r"^([A-Z]{2,11})(?:\s*(?:コマンド|命令|instruction|命令文))?(?=\s*(?::|：)|\s*$)")
_OPTION_WORD = re.compile(r"^\s*(?:オプション|option|フラグ|flag)(?=\s*(?::|：))", re.IGNORECASE)
_COMPOSE_ITEM = re.compile(r"^([a-z_][a-z0-9_]*)\s*(?::\s*)?(.*)$", re.DOTALL)


@cache
def _markdown(tables: bool = True) -> MarkdownIt:
    """CommonMark, plus GFM tables when the notes can hold one: a table's header line has a
    ``|`` (markdown-it's table rule checks it); notes without any skip the rule, which
    runs at every block."""
    md = MarkdownIt("commonmark")
    return md.enable("table") if tables else md


@dataclass
class Context:
    section: list[str]
    title: str  # nearest heading (or list item lead) for prompts
    command: str | None = None  # the command that option bullets belong to
    in_item: bool = False
    hints: dict[str, str] | None = None  # where placeholder descriptions go
    own: bool = False  # title is the next block's own words (a lead line over it)
    recent: str | None = None  # the command of the code block just above (its flag bullets)


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


def _is_break(tok) -> bool:
    return tok.type in ("softbreak", "hardbreak") or (tok.type == "html_inline" and tok.content.lower().startswith("<br"))


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
                lead.append(content)
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
            parts.append(content if kind != "html_inline" or not _HTML_TAG.match(content) else "")
        if first_is_code and len(codes) == 1 and not broke:
            after.append(parts[-1])
        if not broke:
            lead.append(content if kind != "html_inline" or not _HTML_TAG.match(content) else "")
    return Inline(codes, "".join(parts).strip(), "".join(lead).strip(), bool(first_is_code), "".join(after).strip())


class Reader:
    def __init__(self, deck: str, grammar: Grammar, describe) -> None:
        self.deck = deck
        self.grammar = grammar
        self.programs = grammar.command_words
        self.describe = describe  # (grammar, draft) -> its English prompt
        self.notes = Notes()
        self.keys: dict[str, int] = {}
        self.command_answers: set[str] = set()
        self.yaml_keys: set[str] = set()
        self.section_commands: dict[tuple[str, ...], str] = {}  # the first command of each section
        self.has_compose = False
        self._lead: tuple[Node | None, Context | None] = (None, None)  # (the block a lead labels, context before it)
        self._seen: dict[tuple[str, str, str], CardDraft] = {}  # (kind, prompt, answer): one card each
        self._stage: dict[int, str] = {}  # id(dockerfile draft) -> its build stage
        self._heading_card: tuple | None = None  # (code, description, context, line, drafts before, level)
        self._level = 0  # the level of the last heading
        self._answers: set[str] = set()  # the command lines that have a card
        self._below = ""  # the words under the code block being read that point up at it
        self._orphans: list[tuple[str, str, Context, int]] = []  # flags described with no command in reach
        self._options: set[tuple[str, str, tuple[str, ...]]] = set()  # (command, flag as written, top heading) carded

    # --- output -------------------------------------------------------------------------
    def add(
        self,
        kind: str,
        key_parts: tuple[str, ...],
        ctx: Context,
        prompt: str,
        answer: str,
        line: int,
        *,
        command: str | None = None,
        hints: dict[str, str] | None = None,
    ) -> CardDraft | None:
        if kind in ("command", "example"):
            prompt = _without_spelt_parts(prompt, answer, self.grammar)
        seen = (kind, " ".join(prompt.split()), " ".join(answer.split()))
        if seen in self._seen:
            return self._seen[seen]  # the same card written twice
        topic = tx.is_topic(prompt) and not _SAYS_WHAT.search(prompt.strip()) and len(prompt.split()) < 5
        if kind in ("command", "example") and (topic or _says_only(prompt, answer)):
            return None  # "よく使うコマンド", "[ps]()", "basic (fetch)": no words that describe it
        if kind in ("command", "example") and seen[2] in self._answers:
            return None  # the same line again (a repeated block, a summary): one card
        if kind in ("command", "example"):
            self._answers.add(seen[2])
        key = stable_key(kind, self.deck, *key_parts)
        count = self.keys[key] = self.keys.get(key, 0) + 1
        if count > 1:
            key = f"{key}#{count}"
        drafts = self.notes.drafts
        # drafts of one section share its (never mutated) section list
        draft = CardDraft(
            kind, key, ctx.section, prompt.strip(), answer.strip(), line, "", command, {} if hints is None else hints, len(drafts)
        )
        draft.prompt_en = self.describe(self.grammar, draft)
        drafts.append(draft)
        self._seen[seen] = draft
        return draft

    def _tell_apart(self) -> None:
        """Cards that would show one prompt for different answers. Dockerfile lines name their
        build stage (or COPY's target). Commands are told apart by the values study shows
        beside the prompt (``ログ`` with ``app`` / with ``db``); a mark made of the answer's own
        flags or words would give the answer away, so a card that the values do not tell from
        an earlier one with its prompt is left out (its words describe the other)."""
        groups: dict[tuple[str, str], list[CardDraft]] = {}
        for draft in self.notes.drafts:
            if draft.kind in ("command", "example", "dockerfile", "meaning"):
                groups.setdefault((draft.kind, draft.prompt_ja), []).append(draft)
        dropped: set[int] = set()
        for (kind, prompt), drafts in groups.items():
            if len(drafts) < 2 or not prompt:
                continue
            if kind == "meaning":  # --output=yaml, --output=json of one command: the flag as written
                for command in {d.command for d in drafts}:
                    same = [d for d in drafts if d.command == command]
                    written = [d.hints.get("flag", d.prompt_ja) for d in same]
                    if len(same) > 1 and len(set(written)) == len(same):
                        for draft, flag in zip(same, written):
                            draft.prompt_ja = flag
                continue
            if kind != "dockerfile":
                shown: set[tuple[str, ...]] = set()
                for draft in drafts:
                    values = tuple(_shown_values(draft.answer, self.grammar))
                    if values in shown or (not values and shown):
                        dropped.add(id(draft))
                    shown.add(values)
                continue
            words = [_words(d.answer) for d in drafts]
            marks = [self._stage.get(id(d), "") for d in drafts]  # the stage, or the last argument (COPY's target)
            shows = all(self.instructions().get(ws[0].upper(), {}).get("values", True) is not False for ws in words)
            staged = len(set(marks)) == len(drafts) and all(marks)
            if not staged and shows and len({tuple(ws[1:]) for ws in words}) == len(drafts):
                continue  # WORKDIR /tmp, WORKDIR /app: study shows their values
            if len(set(marks)) != len(drafts) or not all(marks):
                marks = [ws[-1] if len(ws) > 2 else "" for ws in words]
            if len(set(marks)) != len(drafts) or marks.count("") > 1:
                dropped.update(id(d) for d in drafts[1:])  # "— 1", "— 2" would tell nothing
                continue
            for draft, mark in zip(drafts, marks):  # the plain form keeps the bare prompt
                draft.prompt_ja = f"{prompt} — {mark}" if mark else prompt
        if dropped:
            self.notes.drafts = [d for d in self.notes.drafts if id(d) not in dropped]

    def section_command(self, section: list[str]) -> str | None:
        """The command a section is about: its own, or (for a program's heading, ``# curl``) the
        nearest enclosing section's."""
        for depth in range(len(section), 0, -1):
            command = self.section_commands.get(tuple(section[:depth]))
            if command and (depth == len(section) or " " not in command):
                return command
        return None

    def warn(self, line: int, key: str, **params: object) -> None:
        self.notes.warnings.append(Warning_(line, key, params))

    # --- document -----------------------------------------------------------------------
    def read(self, text: str) -> Notes:
        text = _FRONT_MATTER.sub(lambda m: "\n" * m.group().count("\n"), text.lstrip("\ufeff"), count=1)
        tokens = _markdown("|" in text).parse(text)
        self._prescan(tokens)
        root = build(tokens)
        headings: list[tuple[int, str]] = []
        labels: dict[int, str] = {}  # heading level -> its label (a qualifier names its parent)
        ctx = Context([], "")
        pending = None  # a command named in a heading, waiting for its prompt
        nodes = root.children
        for index, node in enumerate(nodes):
            if pending is not None:
                ctx = self.heading_command(*pending, node) or ctx
                pending = None
            if node.type == "heading":
                self._flush_heading_card(int(node.tag[1]))
                level = int(node.tag[1])
                headings = [h for h in headings if h[0] < level]
                title = tx.clean_heading((node.children[0].content if node.children else "").replace("`", ""))
                if title:
                    headings.append((level, title))
                label = headings[-1][1] if headings else ""
                if len(headings) > 1 and (tx.is_qualifier(label) or (tx.is_one_name(label) and headings[-2][0] > 1)):
                    label = tx.qualified(
                        labels.get(headings[-2][0], headings[-2][1]), label
                    )  # ### ローカル under ## ブランチの削除
                labels = {lvl: lab for lvl, lab in labels.items() if lvl < level}
                labels[level] = label
                if title and title in self.programs:
                    self.section_commands.setdefault(tuple(h[1] for h in headings), label)  # # curl: its flags
                ctx = Context([h[1] for h in headings], label)
                pending = self._command_in_heading(node, ctx)
                self._level = level
            else:
                ctx = self.sibling(node, nodes, index, ctx)
        if pending is not None:
            self.heading_command(*pending, None)
        self._flush_heading_card()
        self._adopt_orphans()
        self._tell_apart()
        return self.notes

    def _adopt_orphans(self) -> None:
        """A flag described where no command is in reach (``### Flags`` over ``-d => …``, an option
        table under its own heading) belongs to the nearest command of the same part of the notes
        whose grammar has that flag: the next one, else the one before, when the heading says it is
        about options. Else (or none has it): a warning."""
        for code, desc, ctx, line in self._orphans:
            part = ctx.section[:-1] if len(ctx.section) > 1 else ctx.section
            if not _OPTIONS_HEADING.search(ctx.section[-1] if ctx.section else ""):
                following = next(
                    (d for d in self.notes.drafts if d.kind in ("command", "example") and (d.source_line or 0) > line), None
                )
                near = following is not None and following.section == ctx.section and (following.source_line or 0) - line <= 12
                if near and following.command and self._has_flag(following.command, code):
                    self.option_cards(code, desc, ctx, following.command, line)  # a list of flags right over its command
                else:
                    self.warn(line, "notes.warn.option_no_command", flag=code)
                continue
            paths = [
                (d.source_line or 0, d.command)
                for d in self.notes.drafts
                if d.kind in ("command", "example") and d.command and d.section[: len(part)] == part
            ]
            after = [path for at, path in paths if at > line]
            before = [path for at, path in reversed(paths) if at < line]
            named = _OPTIONS_HEADING.sub(" ", ctx.section[-1]).strip()
            named = re.sub(r"^(?:of|for)\s+|\s*(?:の|of|for)$", "", named).strip()  # "## docker ps のオプション"
            if named and self.reads(named):
                command = command_path(named, self.grammar)  # the heading names it: "## lsオプション"
            else:
                command = next((path for path in after + before if self._has_flag(path, code)), None)
            if command:
                self.option_cards(code, desc, ctx, command, line)
            else:
                self.warn(line, "notes.warn.option_no_command", flag=code)

    def _has_flag(self, path: str, code: str) -> bool:
        """Does the grammar give command ``path`` this flag (``-ti``: each of its letters)?"""
        scope = self.grammar.command(tuple(path.split()))
        if scope is None:
            return False
        name = tx.flag_name(code.replace(",", " ").split()[0])
        if name in scope.options:
            return True
        letters = name[1:]
        return (
            name.startswith("-")
            and not name.startswith("--")
            and len(letters) > 1
            and all(f"-{c}" in scope.options for c in letters)
        )

    def sibling(self, node: Node, nodes: list, index: int, ctx: Context) -> Context:
        """One block among its siblings: a lead line right over a code block is that block's label."""
        following = nodes[index + 1] if index + 1 < len(nodes) else None
        after = self.block(node, ctx, following)
        lead = _lead(node) if following is not None and (_is_code(following) or self._bare_commands(following)) else ""
        if lead and self._bare_commands(node):
            lead = ""  # a command over a command: no label
        if not lead:
            return after
        title = tx.qualified(ctx.title, lead) if ctx.title and tx.is_qualifier(lead) else lead
        self._lead = (following, after)
        return Context(after.section, title, after.command, after.in_item, after.hints, True, after.recent)

    def _bare_commands(self, node: Node) -> bool:
        """A paragraph that starts with a bare command line (the command a lead line above labels)."""
        if node.type != "paragraph" or not node.children:
            return False
        lines = _lines(node.children[0].children)
        text, found = self.finds(lines[0]) if lines else ("", [])
        return len(found) == 1 and not ln.clean(text[: found[0].start] + text[found[0].end :])

    def _command_in_heading(self, node: Node, ctx: Context):
        """``## `docker ps` - 一覧``: the heading names a command; its flags may follow as bullets."""
        if not node.children:
            return None
        inline = _inline(node.children[0].children)
        if not inline.codes:  # ### pwd, ### rm -r xxx: a command in words, described under it
            text, found = self.finds(node.children[0].children)
            if len(found) != 1 or found[0].start or not ln.alone_after(text[found[0].end :]):
                return None
            self.section_commands[tuple(ctx.section)] = command_path(found[0].code, self.grammar)
            return found[0].code, ln.clean(text[found[0].end :]), ctx, (node.map[0] + 1) if node.map else 0, False
        if not (inline.first_is_code and len(inline.codes) == 1):
            return None
        code, had = tx.strip_prompt(inline.codes[0])
        if not tx.looks_like_command(code, had_prompt=had, programs=self.programs):
            return None
        self.section_commands[tuple(ctx.section)] = command_path(code, self.grammar)
        _, desc = tx.split_description(inline.after_first_code)
        return code, desc, ctx, (node.map[0] + 1) if node.map else 0, True

    def _flush_heading_card(self, level: int = 0) -> None:
        """``### pwd`` over its description: the heading's command gets its card on the heading
        when no line of its section (sub-sections included) wrote it (else that line has it)."""
        if self._heading_card is None or (level and level > self._heading_card[5]):
            return
        code, desc, ctx, line, start, _ = self._heading_card
        self._heading_card = None
        words = code.split()
        if not any(_without_sudo(d.answer).split()[: len(words)] == words for d in self.notes.drafts[start:]):
            self.command_card(code, ctx, desc, line, own_prompt=True)

    def heading_command(
        self, code: str, desc: str, ctx: Context, line: int, parent_ok: bool, following: Node | None
    ) -> Context | None:
        """Its prompt: the heading's own words, else the plain paragraph right under it. A
        command written in words (``### ls``) waits for its section: its description is the
        section's title."""
        if not parent_ok:
            if not desc and following is not None and following.type == "paragraph" and following.children:
                lines = _lines(following.children[0].children)
                first = ln.clean(_segments(lines[0])[0]) if lines and not self.finds(lines[0])[1] else ""
                desc = first if ln.is_label(first) or (len(first) <= 80 and ln.has_japanese(first)) else ""
            if not desc or desc.endswith((":", "：")):
                return None
            self._heading_card = (code, desc, ctx, line, len(self.notes.drafts), self._level)
            path = command_path(code, self.grammar)
            return Context(ctx.section, desc, ctx.command, ctx.in_item, ctx.hints, False, path)
        if not desc and following is not None and following.type == "paragraph" and following.children:
            lines = _lines(following.children[0].children)
            inline = _inline(lines[0]) if lines else None
            desc = "" if inline is None or inline.codes or self.finds(lines[0])[1] else inline.lead
            desc = desc if len(desc) <= 80 else ""
        parent = ctx.section[-2] if len(ctx.section) > 1 else ctx.title
        self.command_card(code, ctx, desc or parent, line, own_prompt=True)
        return None

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

    def block(self, node: Node, ctx: Context, following: Node | None = None) -> Context:
        """Handle one block; returns the context for following siblings (a command section)."""
        lead_node, before_lead = self._lead
        if ctx.own and lead_node is not node:  # a lead labels only the block right under it
            ctx = before_lead
        if node.type in ("bullet_list", "ordered_list"):
            for item in node.children:
                ctx = self.item(item, ctx)
        elif _is_code(node):
            self._below = _pointing_up(following)  # "⬆️ 稼働中のコンテナのログを表示する" under the block
            recent = self.fence(node, ctx)
            self._below = ""
            base = before_lead if ctx.own else ctx
            return Context(base.section, base.title, base.command, base.in_item, base.hints, False, recent or base.recent)
        elif node.type == "paragraph" and node.children and _pointing_up(node) and not _pointing_up(node).startswith("`"):
            pass  # "⬆️ `docker create` と `docker start` を同時にやってくれる": about the block above, no card
        elif node.type == "paragraph" and node.children:
            after = self.paragraph(node, ctx, _quote_text(following))
            if ctx.own:  # a lead labels this paragraph only
                return Context(
                    before_lead.section,
                    before_lead.title,
                    before_lead.command,
                    before_lead.in_item,
                    before_lead.hints,
                    False,
                    after.recent,
                )
            ctx = after
        elif node.type == "table":
            self.table(node, ctx)
        return ctx  # blockquotes (pasted errors), html, images: never cards

    # --- list items ---------------------------------------------------------------------
    def item(self, item: Node, ctx: Context) -> Context:
        children = item.children
        if children and children[0].type == "paragraph":  # the usual item: text first
            para, children = children[0], children[1:]
        else:
            para = next((c for c in children if c.type == "paragraph"), None)
            children = [c for c in children if c is not para]
        inline = _inline(para.children[0].children) if para is not None and para.children else None
        line = (item.map[0] + 1) if item.map else 0
        inner = self.described_command(para, ctx, line) if inline else None
        if inner is None and inline:
            inner = self.classify(inline, ctx, line, children, para.children[0].children)
        if not children:
            return ctx
        if inner is None:
            lead = (inline.lead if inline else "").rstrip(":：。 ")
            if lead and ctx.title and tx.is_qualifier(lead):
                lead = tx.qualified(ctx.title, lead)  # - MacOS の場合 under - AWS CLI をインストールする
            inner = Context(ctx.section, lead or ctx.title, ctx.command, True, ctx.hints, recent=ctx.recent)
        for index, child in enumerate(children):
            inner = self.sibling(child, children, index, inner)
        return ctx

    def described_command(self, para: Node, ctx: Context, line: int) -> Context | None:
        """An item's words, then its command alone on the next line (after ``<br>`` or a break)."""
        lines = _lines(para.children[0].children)
        if len(lines) < 2:
            return None
        first = _inline(lines[0])
        if (
            not first.codes
            and len(first.text.split()) > 1
            and tx.looks_like_command(first.text, had_prompt=False, programs=self.programs)
        ):  # - git stash -u / 新規ファイルも退避
            words = " ".join(_inline(tokens).lead for tokens in lines[1:]).strip().rstrip(":：。 ")
            if words and not tx.looks_like_command(words, had_prompt=False, programs=self.programs):
                return self.command_card(first.text, ctx, words, line, own_prompt=True)
            return None
        last = _inline(lines[-1])
        if not (last.first_is_code and len(last.codes) == 1 and not last.after_first_code):
            return None
        code, had = tx.strip_prompt(last.codes[0])
        words = " ".join(_inline(tokens).lead for tokens in lines[:-1]).strip().rstrip(":：。 ")
        if not words or not tx.looks_like_command(code, had_prompt=had, programs=self.programs):
            return None
        return self.command_card(code, ctx, words, line + len(lines) - 1, own_prompt=True)

    def paragraph(self, para: Node, ctx: Context, below: str = "") -> Context:
        """Definition lines (`` `docker ps` : 一覧 ``, ``-d => detached``), and every other line
        read for the commands it holds (see :meth:`line_cards`)."""
        first = (para.map[0] + 1) if para.map else 0
        rest: list[tuple[int, list]] = []
        for offset, tokens in enumerate(_lines(para.children[0].children)):
            inline = _inline(tokens)
            if inline.first_is_code and inline.codes:
                has_sep, desc = tx.split_description(_OPTION_WORD.sub("", inline.after_first_code))
                if has_sep and desc:
                    self.term(inline.codes[0], desc, ctx, first + offset)
                    continue
            flag = _text_flag(inline.text) if not inline.codes else None
            if flag is not None:
                self.term(flag[0], flag[1], ctx, first + offset)
                continue
            rest.append((first + offset, tokens))
        last = self.line_cards(rest, ctx, below=below)
        if last:
            return Context(ctx.section, ctx.title, ctx.command, ctx.in_item, ctx.hints, ctx.own, last)
        return ctx

    def reads(self, code: str, *, had_prompt: bool = False) -> bool:
        """Does the grammar read this as a command? A known program (shipped, learned or
        listed) followed by a command path that parses; prose, output and YAML do not."""
        words = strip_sudo(code.split())
        if not words or words[0] in self.grammar.not_programs or not tx.is_program_word(words[0]):
            return False
        if ln.has_japanese(" ".join(words[:2])) or words[-1].endswith((":", "：")):
            return False
        if words[0] not in self.programs:
            return had_prompt and tx.reads_as_command(" ".join(words))
        if self.grammar.knows(words[0]):
            return self.grammar.command_prefix(words) >= 1 or (len(words) > 1 and words[1].startswith("-"))
        return not any(w.lower() in _PROSE_WORDS for w in words[1:4])

    def finds(self, tokens: list) -> tuple[str, list[ln.Found]]:
        """A line's text (code spans as their content) and the commands it holds: its code
        spans the grammar reads, else the command its words hold."""
        text, spans = _segments(tokens)
        found: list[ln.Found] = []
        for start, end, content in spans:
            code, had = tx.strip_prompt(content)
            had = had or text[:start].rstrip().endswith("$")
            alone = not text[:start].strip(" $") and (len(code.split()) > 1 or had or not text[end:].strip())
            code, _ = tx.split_trailing_comment(code)
            if self.reads(code, had_prompt=had) and (len(code.split()) > 1 or alone):
                found.append(ln.Found(start, end, _clean_answer(code), had))
        if not found:
            found = [ln.Found(f.start, f.end, _clean_answer(f.code), f.had_prompt) for f in ln.text_commands(text, self.reads)]
        return text, found

    def line_cards(self, entries: list[tuple[int, list]], ctx: Context, *, below: str = "") -> str | None:
        """Cards from lines of words (a paragraph, a list item): each command's description is
        the nearest describing text by structure — the words on its own line (after it, else
        before it), else a label line above it, a blockquote below it, or the heading (through
        :meth:`_labelled`, which gives a label shared by several lines to the one doing the step).
        Returns the path of the last command read (the command later flag bullets belong to)."""
        labels: list[str] = []
        run: int | None = None
        pending: list[tuple[int, str, str, int | None]] = []
        last = None
        for index, (line_no, tokens) in enumerate(entries):
            text, found = self.finds(tokens)
            if not found:
                words = ln.clean(text)
                after = pending and pending[-1][3] is None and pending[-1][0] == line_no - 1 and index == 1
                if after and words and len(words) <= 100 and not text.lstrip().startswith("#"):
                    self.command_card(pending.pop()[1], ctx, words, line_no - 1, own_prompt=True)
                    run = None  # "docker ps" then "コンテナ一覧": the words under a command describe it
                    continue
                if ln.is_label(words) and not _COMMENTARY.search(words):
                    labels.append(words)
                    run = len(labels) - 1
                else:
                    run = None
                continue
            for i, f in enumerate(found):
                after = text[f.end : found[i + 1].start if i + 1 < len(found) else len(text)]
                before = text[found[i - 1].end if i else 0 : f.start]
                if tx.rejects(after):
                    continue
                presented = tx.presented_prompt(before, after) if i == 0 else ""
                if not presented and not _opens_clause(before, first=i == 0):
                    continue  # a command named inside a sentence about something else
                if presented or tx.presents(after):  # "… というコマンドで実行できる": words before it, or none
                    own = presented
                elif ln.is_remark(after) or _SENTENCE_GOES_ON.match(after):
                    continue  # "`brew cask install` がうまく通らない場合は", "`git pull`ではなく": a remark about it
                else:
                    own = ln.clean(after) or (ln.clean(before) if i == 0 else "")
                if len(own) > 80 and i == 0 and not before.strip(" $") and _ARROW.match(after):
                    own = _first_sentence(own)  # "git reset HEAD~2 => resets the HEAD pointer … and keeps …"
                if len(own) > (140 if _ARROW.match(after) else 80) or (len(f.code.split()) == 1 and not own):
                    continue  # a paragraph of explanation, or a program's name alone
                last = command_path(f.code, self.grammar)
                if not own and below and index == len(entries) - 1 and run is None:
                    own = below
                if own:
                    self.command_card(f.code, ctx, own, line_no, own_prompt=True)
                elif len(found) == 1:  # beside described commands, a bare one is an aside
                    pending.append((line_no, f.code, "", run))
        if pending:
            # a heading right over a command line is that line's; the labels under it stand alone
            first_is_command = bool(entries) and pending[0][0] == entries[0][0]
            bare = Context(ctx.section, "", ctx.command, ctx.in_item, ctx.hints, False, ctx.recent)
            parts = [(ctx, [p for p in pending if p[3] is None or not first_is_command])]
            parts.append((bare, [p for p in pending if p[3] is not None and first_is_command]))
            for where, some in parts:
                for line_no, code, label, words in self._labelled(some, labels, where) if some else ():
                    self.command_card(code, ctx, label, line_no, own_prompt=bool(words) or ctx.own)
        return last

    def table(self, table: Node, ctx: Context) -> None:
        """Rows holding a command (or a flag of the section's command, or a Dockerfile
        instruction) and its description; a row of one comment labels the commands under it."""
        labels: list[str] = []
        run: int | None = None
        pending: list[tuple[int, str, str, int | None]] = []
        for row in (r for part in table.children if part.type == "tbody" for r in part.children):
            cells = [_inline(c.children[0].children) if c.children else None for c in row.children]
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
                                    tx.looks_like_command(c.text, had_prompt=False, programs=self.programs)
                                    and len(c.text.split()) > 1
                                )
                            )
                        )
                    )
                ),
                None,
            )  # docker run | 起動
            texts = [c.text.replace("`", "").strip() if c else "" for c in cells]
            if index is None:
                index = next((i for i, t in enumerate(texts) if t and self.reads(t)), None)  # a program no list had
            if index is None:
                word = next((t for t in texts if t), "")
                if word.rstrip(":") in self.compose_keys() and (self.has_compose or "compose" in " ".join(ctx.section).lower()):
                    desc = ln.clean(next((t for t in texts if t and t != word), ""))  # ports | Host 側に Port を bind する
                    if desc:
                        self.add("compose", (*ctx.section, word.rstrip(":")), ctx, desc, word.rstrip(":"), line)
                    continue
                if word in self.instructions():  # FROM | ベースイメージの指定
                    desc = next((t for t in texts if t and t != word), "")
                    if desc:
                        self.add("dockerfile", (*ctx.section, word, "definition"), ctx, desc, word, line)
                    continue
                words = [t.strip("*_ ") for t in texts if t]
                comment = next((w for w in words if w.startswith("#")), "")
                label = ln.clean(comment or (words[0] if len(words) == 1 else ""))
                if label and not self.reads(label):  # **# do feature and commit** over its commands
                    labels.append(label)
                    run = len(labels) - 1
                continue
            code = cells[index].codes[0] if cells[index].codes else cells[index].text
            desc = next((t for i, t in enumerate(texts) if i != index and t), "")
            if desc:
                self.term(code, desc, ctx, line)
            elif not tx.is_flag(code) and self.reads(tx.strip_prompt(code)[0]):
                pending.append((line, _clean_answer(tx.strip_prompt(code)[0]), "", run))
        for line, code, label, words in self._labelled(pending, labels, ctx) if pending else ():
            self.command_card(code, ctx, label, line, own_prompt=bool(words) or ctx.own)

    def term(self, code: str, desc: str, ctx: Context, line: int) -> None:
        """A code term with its description: a command card, or an option of the section's command."""
        code, had = tx.strip_prompt(code)
        command = ctx.command or ctx.recent or self.section_command(ctx.section)
        if tx.is_flag(code):
            if command:
                self.option_cards(code, desc, ctx, command, line)
            else:
                self._orphans.append((code, desc, ctx, line))
        elif tx.looks_like_command(code, had_prompt=had, programs=self.programs):
            self.command_card(code, ctx, desc, line, own_prompt=True)

    def classify(self, inline: Inline, ctx: Context, line: int, children: list[Node], tokens: list) -> Context | None:
        """Make the card(s) an item stands for (the first of ITEM_RULES that recognises it);
        return the context for its children."""
        item = Item.read(inline, line, children, tokens)
        for rule in ITEM_RULES:
            found = rule(self, item, ctx)
            if found is not PASS:
                return found
        return None

    def command_card(self, code: str, ctx: Context, prompt: str, line: int, *, own_prompt: bool) -> Context:
        hints: dict[str, str] = {}
        key_parts = (*ctx.section, prompt if own_prompt else "")
        path = command_path(code, self.grammar)
        if prompt.strip().lower() in (path.lower(), code.split()[0].lower()):
            self.section_commands.setdefault(tuple(ctx.section), path)  # "## grep" over `grep …`:
            return Context(ctx.section, prompt, path, True, hints)  # the answer itself, no card
        self.add("command", key_parts, ctx, prompt, code, line, command=path, hints=hints)
        self.section_commands.setdefault(tuple(ctx.section), path)
        self.command_answers.add(" ".join(code.split()))
        return Context(ctx.section, prompt, path, True, hints)

    def option_cards(self, code: str, desc: str, ctx: Context, command: str, line: int) -> None:
        """A flag of ``command`` with its description: an option card and its reverse."""
        if not desc:
            self.warn(line, "notes.warn.option_no_description", flag=code)
            return
        spellings = code.replace(",", " ").split()
        if len(spellings) > 1 and all(w.startswith("-") for w in spellings):
            code = spellings[0]  # `-d, --detach`: one flag, two spellings
        flag = tx.flag_name(code)
        part = tuple(ctx.section[:1])
        if any((c, f) == (command, code) and where != part for c, f, where in self._options):
            return  # the same flag described again in another part (a translation, a summary): one card
        self._options.add((command, code, part))
        option = self.add("option", (command, flag), ctx, desc, code, line, command=command)
        meaning = self.add("meaning", (command, flag), ctx, flag, desc, line, command=command, hints={"flag": code})
        if option is not None and meaning is not None and option.prompt_en:
            meaning.hints["en"] = option.prompt_en  # the choice's English words, when the grammar knows the flag

    # --- code blocks --------------------------------------------------------------------
    def fence(self, node: Node, ctx: Context) -> str | None:
        """Cards from a code block; returns the command its flag bullets belong to, if any."""
        if node.type == "html_block":  # <pre> … </pre>
            lang, body = "", html.unescape(_PRE_TAG.sub("", node.content))
            start = (node.map[0] + 1) if node.map else 0
        else:
            lang = (node.info or "").strip().lower().split(" ")[0] if node.type == "fence" else ""
            body = node.content
            start = (node.map[0] + 2) if node.type == "fence" and node.map else (node.map[0] + 1) if node.map else 0
        if lang in DOCKERFILE_LANGS or (lang == "" and _first_instruction(body) == "FROM"):
            self.dockerfile(body, start, ctx)
        elif lang in YAML_LANGS or (lang in ("", "text", "txt") and _YAML_SERVICES.search(body)):
            self.compose_file(body, start, ctx)
        elif lang in SHELL_LANGS:
            return self.shell(body, start, ctx, explicit=lang in EXPLICIT_SHELL_LANGS)
        return None

    def is_command(self, code: str, *, had_prompt: bool = False, explicit: bool = False) -> bool:
        """Is this line of a code block a command? ``sudo X`` is judged by ``X``; in a block
        marked as shell, a program no list knows counts when the line reads as a command."""
        words = code.split()
        if not words or words[0] in self.grammar.not_programs:
            return False
        if words[0] == "sudo" and len(words) > 1:
            return self.is_command(
                " ".join(w for w in strip_sudo(words) if not w.startswith("-")) or "-", had_prompt=had_prompt, explicit=True
            )
        if tx.looks_like_command(code, had_prompt=had_prompt, programs=self.programs):
            return True
        if "/" in words[0].lstrip("./~") or (len(words) == 1 and not words[0].startswith("./")):
            return False  # pod/web created, sample1: output of the command above
        return (explicit or words[0].startswith("./")) and tx.reads_as_command(code)

    def _root_prompted(self, lines: list[tuple[int, str]]) -> bool:
        """``# docker ps`` in a block where no other line is a command: ``#`` is a root prompt."""
        rooted = False
        for _, raw in lines:
            line = raw.strip()
            if line.startswith("#"):
                rooted = rooted or self.reads(line.lstrip("#").strip())  # not "# gcloud のパスを確認"
            elif line and self.is_command(line):
                return False
        return rooted

    def shell(self, body: str, start: int, ctx: Context, *, explicit: bool) -> str | None:
        lines = _join_continuations(body.splitlines(), start)
        dollar = any(tx.strip_prompt(t)[1] for _, t in lines)
        root = not dollar and self._root_prompted(lines)
        # each command with the label it falls under: its own trailing comment, the comment
        # over its run of lines, or (None) the block's label
        found: list[tuple[int, str, str, int | None]] = []  # line, code, own comment, comment run
        comments: list[str] = []
        run: int | None = None
        heredoc = ""
        last_path = None
        options: list[tuple[str, str, str, int]] = []  # flags defined in the block, after its cards
        flagged: list[tuple[str, str, int]] = []  # flags defined in comments, waiting for their command
        said, said_depth = -1, 0  # the line of the last comment (a comment right under it is an aside), its marks
        opening = False  # the run's comment is a banner ("# --- logs ---"): the comment under it describes
        for index, (line_no, raw) in enumerate(lines):
            stripped = raw.strip()
            if heredoc:
                heredoc = "" if stripped == heredoc else heredoc
                continue
            if not stripped:
                run = run if dollar else None
                continue
            option = _option_line(lines, index)
            if option is not None:
                command = last_path or ctx.command or ctx.recent or self.section_command(ctx.section)
                if command:
                    options.append((option[0], option[1], command, line_no))
                run = None
                continue
            if _describes_flag_above(lines, index):
                run = None
                continue
            if root:
                if stripped.startswith("#") and self.reads(stripped.lstrip("#").strip()):
                    code, had = stripped.lstrip("#").strip(), True
                else:  # prose right over a command is its comment
                    following = lines[index + 1][1].strip() if index + 1 < len(lines) else ""
                    over = following.startswith("#") and self.reads(following.lstrip("#").strip())
                    text = tx.clean_comment(stripped) if over and "://" not in stripped else ""
                    comments.append(text)
                    run = len(comments) - 1 if text else None
                    continue
            elif (stripped.startswith("#") and not stripped.startswith("#!")) or (
                stripped.startswith("//") and (not dollar or _over_prompt(lines, index))
            ):
                text = tx.clean_comment(stripped[2:] if stripped.startswith("//") else stripped)
                text = text if re.search(r"\w", text) else ""  # "// ...": nothing said
                depth = len(stripped) - len(stripped.lstrip("#/"))
                if text and self.reads(text):  # "# git config --global push.default tracking": a line put aside
                    run = None
                    continue
                flag = _OPTION_DEF.match(text)
                if flag and ln.clean(flag.group(3)):  # "# -a : 停止中も表示": a flag of the command below
                    flagged.append((flag.group(1), ln.clean(flag.group(3)), line_no))
                    said = line_no
                    continue
                banner = _BANNER.match(text)
                text = banner.group(1).strip() if banner else text
                if text:  # "# もしくは", a bare link: the run goes on under its label
                    under = said == line_no - 1 and run is not None
                    if under and depth > said_depth and not opening and len(text) <= 30 and not _COMMENTARY.search(text):
                        text = tx.qualified(comments[run], text)  # "# nsenter" then "## install": a part of it
                    elif under and not (opening or tx.is_qualifier(comments[run]) or _CONSEQUENCE.match(stripped.lstrip("#/ "))):
                        said = line_no  # a comment under a comment: an aside; the first one describes
                        continue
                    comments.append(text)
                    run = len(comments) - 1
                    opening = bool(banner)
                    said, said_depth = line_no, depth
                continue
            else:
                code, had = tx.strip_prompt(stripped)
                if dollar and not had:
                    continue  # output of the commands above
            code, own = tx.split_trailing_comment(code)
            aside = _SLASH_COMMENT.search(code) if not own else None
            if aside:  # "cal -y //当年日历": a "//" comment after the command
                code, own = code[: aside.start()].rstrip(), ln.clean(aside.group(1))
            if own and not ln.has_japanese(own) and (own[0] in "-|" or self.reads(own)):
                own = ""  # "# --output json | jq …": more of the command, put aside
            if not own:  # "apt install<TAB>  Installs a package": a column of words beside it
                parts = [part.strip() for part in _COLUMNS.split(code) if part.strip()]
                if len(parts) > 1 and not self.reads(parts[-1]) and (ln.has_japanese(parts[-1]) or " " in parts[-1]):
                    code, own = parts[0], ln.clean(parts[-1])
            code = _clean_answer(code)
            tag = tx.heredoc_tag(code)
            if tag:
                heredoc, run = tag, None  # a here-document: no card from it or its body
                continue
            if tx.is_assignment(code):
                continue  # HELM_RELEASE=3.17.3 sets up the run's commands
            if not self.is_command(code, had_prompt=had, explicit=explicit):
                run = None if not dollar else run
                continue
            found.append((line_no, code, own, run))
            last_path = command_path(code, self.grammar)
            options += [(flag, desc, last_path, at) for flag, desc, at in flagged]
            flagged = []
            if dollar or root:
                run = None  # after a prompt, a comment labels the next command only
        command = last_path or ctx.command or ctx.recent or self.section_command(ctx.section)
        options += [(flag, desc, command, at) for flag, desc, at in flagged if command]  # flags under their command
        if not found:
            for flag, desc, command, line_no in options:
                self.option_cards(flag, desc, ctx, command, line_no)
            return None
        single = len(found) == 1 and not dollar and not root and not ctx.in_item and ctx.command is None
        if single and self._below and not found[0][2]:
            heading = "" if tx.is_topic(ctx.title) else ctx.title
            if not heading or any(d.prompt_ja == heading and d.section == ctx.section for d in self.notes.drafts):
                self.command_card(found[0][1], ctx, self._below, found[0][0], own_prompt=True)  # its heading went above
                for flag, desc, command, line_no in options:
                    self.option_cards(flag, desc, ctx, command, line_no)
                return last_path
        for line_no, code, label, words in self._labelled(found, comments, ctx):
            norm = " ".join(code.split())
            if single:  # a block of one command: a command card, its comment the prompt
                self.command_card(code, ctx, words or label, line_no, own_prompt=bool(words) or ctx.own)
            elif norm not in self.command_answers:
                self.add("example", (*ctx.section, norm), ctx, label, code, line_no, command=command_path(code, self.grammar))
        for flag, desc, command, line_no in options:
            self.option_cards(flag, desc, ctx, command, line_no)
        return last_path

    def _labelled(self, found, comments: list[str], ctx: Context):
        """The commands that get a card, each with its prompt. A label over several commands
        goes to the line that does the step: the first that neither looks (``docker ps``,
        ``git status``) nor prepares (``cd``, ``git add``, ``docker compose stop``) nor goes on
        with a step begun (``--continue``), and its variants (same command path); the others get
        no card. A label listing steps (``停止＆起動＆削除``) over as many commands pairs them."""
        groups: dict[int | None, list[tuple[int, str, str]]] = {}
        out: list[tuple[int, str, str, str]] = []

        every = " ".join(member[1] for member in found)

        def title(code: str) -> str:  # "## cd", "## メモ" over a comment: the comment alone
            name = ctx.title
            if _SYNTAX.match(name) and ctx.own is False and len(ctx.section) > 1 and name == ctx.section[-1]:
                name = ctx.section[-2]  # "## Syntax" under "# 稼働コンテナでプロセス実行": the parent says it
            if tx.is_topic(name) or _says_only(name, code) or len(name) > 120:
                return ""  # (a sentence of explanation is no label either)
            return name

        for line_no, code, own, run in found:
            if own:
                out.append((line_no, code, _joined(title(code), own), own))
            else:
                groups.setdefault(run, []).append((line_no, code, ""))
        g = self.grammar
        for run, members in groups.items():
            named = title(members[0][1])
            if run is not None and _lists_answers(named, every):
                named = ""  # "### start/stop/restart" over "# 開始/停止/再起動する": the heading lists the answers
            label = named if run is None else _joined(named, comments[run])
            if not label or (run is None and tx.is_topic(ctx.title)):
                continue  # "メモ", "概要": a topic, not what one line does
            paths = [command_path(_without_sudo(code), self.grammar) for _, code, _ in members]
            words = "" if run is None else comments[run]
            steps = list(dict.fromkeys(paths))
            parts = tx.enumeration(words or ctx.title)
            if len(steps) > 1 and len(parts) == len(steps):  # 停止＆起動＆削除 over stop, start, rm
                part_of = dict(zip(steps, parts))
                out += [(line_no, code, f"{label} — {part_of[path]}", words) for (line_no, code, _), path in zip(members, paths)]
                continue
            doing = [
                p
                for (_, code, _), p in zip(members, paths)
                if not ({p, p.split()[0]} & (g.checks | g.preparations) or set(code.split()) & g.continuations)
            ]
            fresh = [
                p
                for p in doing
                if any(
                    path == p and " ".join(code.split()) not in self.command_answers for (_, code, _), path in zip(members, paths)
                )
            ]
            main = fresh[0] if fresh else doing[0] if doing else paths[-1]  # not a line carded already
            out += [(line_no, code, label, words) for (line_no, code, _), path in zip(members, paths) if path == main]
        return sorted(out)

    def compose_file(self, body: str, start: int, ctx: Context) -> None:
        """A compose file with comments: ``image: nginx:latest  # 最新の Nginx を使う`` is a card
        for the key (a list entry's comment, for the key it is under), its value shown."""
        if not _YAML_SERVICES.search(body):
            return
        parents: list[tuple[int, str]] = []  # (indent, key) of the keys above this line
        for offset, raw in enumerate(body.splitlines()):
            line = raw.rstrip()
            if not line.strip() or line.lstrip().startswith("#"):
                continue
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
            if comment:
                hints = {"value": value.strip("'\"")} if value else {}
                self.add("compose", (*ctx.section, key, value), ctx, comment, key, start + offset, hints=hints)

    def dockerfile(self, body: str, start: int, ctx: Context) -> None:
        pending: list[str] = []
        section_comment = ""
        in_banner = False
        heredoc = ""
        stage = ""  # the build stage (FROM … AS name) a line belongs to
        instructions = self.instructions()
        for line_no, raw in _join_continuations(body.splitlines(), start, drop_comments=True):
            stripped = raw.strip()
            if heredoc:
                heredoc = "" if stripped == heredoc else heredoc
                continue
            if not stripped:
                pending = []
                continue
            if stripped.startswith("#"):
                if _DIRECTIVE.match(stripped):
                    continue  # "# syntax=docker/dockerfile:1" is a parser directive
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
            heredoc = tx.heredoc_tag(stripped)
            if word not in instructions or heredoc:
                pending = []  # RUN <<EOF: the body is the answer; no card from a cut line
                continue
            words = stripped.split()
            if word == "FROM":
                upper = [w.upper() for w in words]
                images = [w for w in words[1:] if not w.startswith("--")]
                stage = words[upper.index("AS") + 1] if "AS" in upper[:-1] else images[0] if images else ""
            prompt = " / ".join(pending[-3:]) or section_comment or ""
            if prompt.upper().startswith(word):  # "# RUN: ビルド時に実行": its words, not the instruction
                prompt = ln.clean(prompt[len(word) :]) if not prompt[len(word) : len(word) + 1].isalnum() else prompt
            title = ctx.title
            if not prompt and instructions[word].get("values", True) is False:
                pending = []  # RUN go build …: any words but its own would name the answer or miss its values
                continue
            if word.lower() in re.findall(r"[a-z]+", title.lower()):  # "## FROM : ベースイメージ": its words
                title = ln.clean(re.sub(rf"(?i)\b{word}\b(?:\s*(?:命令|instruction))?", " ", title))
                prompt = prompt or " ".join(title.split())
                title = ""
            if not prompt:  # say what the line does, not just its instruction word
                prompt = _joined_colon(title, instruction_words(self.grammar, words, instructions[word], "ja"))
            draft = self.add(
                "dockerfile", (*ctx.section, word, _name(words, instructions)), ctx, prompt, " ".join(words), line_no
            )
            if stage and word != "FROM":
                self._stage[id(draft)] = stage
            pending = []

    # --- grammar lookups ----------------------------------------------------------------
    def instructions(self) -> dict:
        return self.grammar.instructions

    def compose_keys(self) -> dict:
        return self.grammar.compose_keys


EXPLICIT_SHELL_LANGS = {"sh", "bash", "shell", "zsh", "console", "shell-session", "terminal", "fish", "powershell", "ps1", "cmd"}
_YAML_SERVICES = re.compile(r"^services:\s*(?:#.*)?$", re.MULTILINE)
_YAML_LINE = re.compile(r"^(?:-\s+)?(?P<key>[A-Za-z_][\w.-]*)\s*:(?:\s+(?P<value>.*))?$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:[A-Za-z_][\w-]*[ \t]*:.*\n|[ \t-].*\n)+---[ \t]*\n")  # YAML front matter
_COMMENTARY = re.compile(r"(?:です|ます|でした|ました|でしょう|ください)[。.!！]?$")
_DIRECTIVE = re.compile(r"^#\s*(?:syntax|escape|check)\s*=", re.IGNORECASE)
_PRE_TAG = re.compile(r"</?pre\b[^>]*>|</?code\b[^>]*>", re.IGNORECASE)
_OPTION_DEF = re.compile(  # "-i : 標準入力を開く", "--env , -e    Set environment variables"
    r"^(--?[A-Za-z0-9][\w-]*)(?:\s*,\s*--?[A-Za-z0-9][\w-]*)?"
    r"(?:[ =]([^\s:：]+))?(?:\s*:\s+|\s+:|\s*：\s*|\t+|\s{2,}|\s*=>\s*)(\S.*)$"
)
_COLUMNS = re.compile(r"\t+|\s{3,}")
_ARROW = re.compile(r"^\s*(?:=>|->|→|⇒)\s")  # "cmd => what it does": the line's own description
# "…を見るコマンド", "View a list of recently executed commands": what the command does, not a topic
_SAYS_WHAT = re.compile(r"(?:[るすくぐむぶつうい]|ない)(?:ための)?コマンド$")
_OPTIONS_HEADING = re.compile(r"options?|flags?|オプション|フラグ", re.IGNORECASE)
_CONSEQUENCE = re.compile(r"^(?:->|=>|→|⇒)")  # "# -> 展開される": what the line does, said after the comment above
_BANNER = re.compile(r"^[-=*~#_]{2,}\s*([^-=*~#_].*?)\s*[-=*~#_]{2,}$")  # "---- logs ----": a section's name
_FLAG_ONLY = re.compile(r"^--?[A-Za-z0-9][\w-]*(?:[ =]\S+)?$")


def _option_line(lines: list[tuple[int, str]], index: int) -> tuple[str, str] | None:
    """A flag defined inside a code block: ``-i : 標準入力を開く``, or ``--time SECONDS`` with
    its description indented on the next line. Returns (flag as written, description)."""
    raw = lines[index][1]
    line = raw.strip()
    match = _OPTION_DEF.match(line)
    if match:
        return match.group(1), match.group(3).strip()
    if _FLAG_ONLY.match(line) and index + 1 < len(lines):
        following = lines[index + 1][1]
        indent = len(raw) - len(raw.lstrip())
        if following.strip() and len(following) - len(following.lstrip()) > indent and not following.strip().startswith("-"):
            return line, following.strip()
    return None


def _over_prompt(lines: list[tuple[int, str]], index: int) -> bool:
    """Does this ``//`` line stand apart over a prompted command (``// 差分`` over ``$ git diff``)?
    In a block of prompts a ``//`` line is output (``//...`` right under a command), unless its
    run of ``//`` lines starts the block or follows a blank line and a prompt comes next."""
    start = index
    while start and lines[start - 1][1].strip().startswith("//"):
        start -= 1
    if start and lines[start - 1][1].strip():
        return False
    for _, raw in lines[index + 1 :]:
        if raw.strip() and not raw.strip().startswith("//"):
            return tx.strip_prompt(raw.strip())[1]
    return False


def _describes_flag_above(lines: list[tuple[int, str]], index: int) -> bool:
    """The indented description line of a ``--time SECONDS`` flag on the line above (read
    with that flag by _option_line)."""
    raw = lines[index][1]
    if not index or not _FLAG_ONLY.match(lines[index - 1][1].strip()):
        return False
    above = lines[index - 1][1]
    return (
        len(raw) - len(raw.lstrip()) > len(above) - len(above.lstrip())
        and not raw.strip().startswith("-")
        and _option_line(lines, index - 1) is not None
    )


def _without_sudo(code: str) -> str:
    """``sudo -E apt update`` → ``apt update``: what the line runs."""
    words = code.split()
    if words[:1] != ["sudo"]:
        return code
    return " ".join(strip_sudo(words)) or code


def _words(answer: str) -> list[str]:
    try:
        return shlex.split(answer)
    except ValueError:
        return answer.split()


def _joined(title: str, words: str) -> str:
    """A comment under a section: ``セクション（コメント）``."""
    return tx.qualified(title, words)


def _joined_colon(title: str, words: str) -> str:
    return f"{title}: {words}" if title and words else (words or title)


def _name(words: list[str], instructions: dict) -> str:
    """The name in an instruction line that keys its card (``ENV CGO_ENABLED=0`` → CGO_ENABLED)."""
    info = instructions.get(words[0].upper(), {})
    if info.get("name_from") == "first" and len(words) > 1:
        return words[1].split("=")[0]
    return ""


def instruction_words(grammar: Grammar, words: list[str], info: dict, lang: str) -> str:
    """What an instruction line does, in ``lang``: ``RUN go build -o app .`` → "go build を実行する";
    ``ENV CGO_ENABLED=0`` → "環境変数を設定する（CGO_ENABLED）"."""
    args = [w for w in words[1:] if not w.startswith("--")]
    if "say" in info and args:
        return info["say"][lang].format(command=command_path(" ".join(args), grammar))
    what = info.get(lang, "")
    name = ""
    if info.get("name_from") == "first" and args:
        name = args[0].split("=")[0]
    elif info.get("name_from") == "as":
        upper = [w.upper() for w in words]
        name = words[upper.index("AS") + 1] if "AS" in upper[:-1] else ""
    if not name:
        return what
    return f"{what}（{name}）" if lang == "ja" else f"{what} ({name})"


def _is_code(node) -> bool:
    return node.type in ("fence", "code_block") or (
        node.type == "html_block" and node.content.lstrip().lower().startswith("<pre")
    )


def _lead(node) -> str:
    """The words of a lead line over a code block: a one-line paragraph, or the last item of a
    list when it has nothing under it; "" when the block has none."""
    if node.type in ("bullet_list", "ordered_list") and node.children:
        item = node.children[-1]
        while (
            len(item.children) == 2
            and item.children[1].type in ("bullet_list", "ordered_list")
            and len(item.children[1].children) == 1
        ):
            item = item.children[1].children[0]  # "- 3-4 index.htmlを作る" / "  - nanoでの編集": the one item under it
        if len(item.children) == 2 and item.children[1].type in ("bullet_list", "ordered_list"):
            node = item.children[0]  # "- 起動" over notes on the block's flags: the item's own words
        elif len(item.children) != 1:
            return ""
        else:
            node = item.children[0]
    if node.type != "paragraph" or not node.children:
        return ""
    children = node.children[0].children
    if len(_lines(children)) != 1 or any(c.type == "code_inline" for c in children):
        return ""
    text = _inline(children).text.strip()
    if not text or "://" in text or len(text) > 80 or _COMMENTARY.search(text):
        return ""  # "…方法があるようです。": a remark, not a label
    if _UP_OR_ON.match(text):
        return ""  # "⬆️ …", "-> …": about the block above, not a label of the one below
    text = tx.clean_heading(text).rstrip("。.:：")
    return ln.clean(text) if ln.clean(text) else ""  # "または", "例": no label; "もしくは、…": its words


def _first_sentence(words: str) -> str:
    """The first sentence of a description (``… area. Note that …`` → ``… area``)."""
    return re.split(r"(?<=[.。!！])\s+|(?<=。)", words, maxsplit=1)[0].rstrip("。.").strip()


# words after a command that carry a sentence on about it ("`git pull`ではなく`git clone`することで、…")
_SENTENCE_GOES_ON = re.compile(
    r"^\s*(?:ではなく|じゃなく|することで|すれば|すると|された|でもOK|もOK|でも|しても|なので|だと|だけだと)"
)
_SLASH_COMMENT = re.compile(r"\s+//\s*([^/\s].*)$")  # "date //显示当前时间"
_UP = re.compile(r"^\s*(?:⬆️?|↑|上記は?)\s*")  # words that point at the block above them
_UP_OR_ON = re.compile(r"^\s*(?:⬆️?|↑|->|→|=>)")


def _pointing_up(node: Node | None) -> str:
    """The words of a one-line paragraph that points at the block above it (``⬆️ ログを表示する``);
    "" for any other block. Its first sentence, without the mark; a code span kept in backticks."""
    if node is None or node.type != "paragraph" or not node.children:
        return ""
    lines = _lines(node.children[0].children)
    text = _inline(lines[0]).text if lines else ""
    match = _UP.match(text)
    if not match or "以下" in text:
        return ""  # "上記は…。…場合は以下": it leads the block below
    words = _first_sentence(ln.clean(text[match.end() :]))
    return words if len(words) <= 80 else ""


def _opens_clause(before: str, *, first: bool) -> bool:
    """Does a command stand where a clause starts: at the line's start (after ``$``, a bullet's
    marks), after a describing label and a separator (``今の状態を見たい時/``, ``一覧: ``), or, for
    a later command of the line, after a short joint (``…で起動して、``)?"""
    words = before.strip(" $\u00a0\u3000")
    if not words:
        return True
    if first:
        return words[-1] in ":：/／→>=)）】」" or bool(_GAP_END.search(before))
    return len(words) <= 14


_GAP_END = re.compile(r"(?:\t|[\u00a0\u3000]|\s{2,})$")


def _shown_values(answer: str, grammar: Grammar) -> list[str]:
    """What study shows beside a command's prompt: its placeholders (shown on their own) and its
    concrete values, not the arguments that name a kind of thing (kubectl's ``pods``), as
    ``grading.forms.card_values`` reads them."""
    from dockquiz.grading.lexer import LexError, lex, placeholders
    from dockquiz.grading.normalise import normalise
    from dockquiz.grading.parser import parse

    try:
        commands = lex(normalise(answer), expected=False).commands
    except LexError:
        return _words(answer)
    values: list[str] = list(placeholders(answer))
    for words in commands:
        parsed = parse(words, grammar, lenient=True)
        if parsed.known:
            args = [a for i, a in enumerate(parsed.args) if not grammar.names_a_type(parsed.path, i, a)]
            values += [o.value for o in parsed.opts if o.value] + args
        else:
            values += [w for w in words[len(command_path(" ".join(words), grammar).split()) :] if not w.startswith("-")]
    return list(dict.fromkeys(values))


_SYNTAX = re.compile(r"^(?:syntax|usage|構文|書式|使い方)$", re.IGNORECASE)
_TOPIC_WORD = re.compile(r"^(?:basics?|commands?|tips|memo|cheat|usage|misc|others?|基本|コマンド|例|使い方)$", re.IGNORECASE)


def _lists_answers(title: str, answers: str) -> bool:
    """Is a heading a list of the block's own command words (``start/stop/restart``)?"""
    parts = tx.enumeration(title)
    words = {w.lower() for w in answers.split()}
    return len(parts) > 1 and all(part.lower() in words for part in parts)


def _says_only(prompt: str, answer: str) -> bool:
    """Is a prompt only the answer's own words (``[ps]()``, ``basic (fetch)``, ``logs <id>``)
    and topic words: nothing that says what the command does?"""
    own = {w.lower() for w in re.split(r"[\s=/:]+", answer) if w}
    rest = []
    for token in re.findall(r"--?[\w-]+|<[^>]*>|[A-Za-z0-9][\w.+-]*|[^\sA-Za-z0-9]", prompt):
        if token.lower() in own or _TOPIC_WORD.match(token) or token.lower().strip("<>") in own:
            continue
        rest.append(token)
    return len(re.sub(r"[\W_]", "", "".join(rest))) < 2


_BAR = re.compile(r"\s+[|｜]\s+")
_TAIL_PAREN = re.compile(r"^(.*\S)\s*[（(]([^（）()]+)[）)]$")
_COLON_PARTS = re.compile(r"^([^:：]*\S)\s*[:：]\s*(\S.*)$")


def _without_spelt_parts(prompt: str, answer: str, grammar: Grammar) -> str:
    """A label's part that only spells the answer's command (``履歴を調べる | log``,
    ``変更の把握（status）``, ``一覧表示: kubectl get``) gives the answer away: left out, the
    describing words stay. Values (``ログ（app）``) stay: study shows them anyway."""
    words: set[str] = set()
    for part in re.split(r"\s*(?:\|\|?|&&|;)\s*", answer):
        if part.strip():
            typed = _without_sudo(part).split()
            known = grammar.command_prefix(typed) if typed and grammar.knows(typed[0]) else 0
            words.update(w.lower() for w in typed[: max(1, known)])  # the command's words, not its values
            words.update(w.lower().split("=")[0] for w in part.split() if w.startswith("-"))

    def spelt(text: str) -> bool:
        return bool(text.split()) and not ln.has_japanese(text) and all(w.lower() in words for w in text.split())

    parts = _BAR.split(prompt.strip())
    kept = [p for p in parts if not spelt(p)]
    out = " | ".join(kept) if kept and len(parts) > 1 else prompt.strip()
    paren = _TAIL_PAREN.match(out)
    if paren and spelt(paren.group(2)):
        out = paren.group(1)
    colon = _COLON_PARTS.match(out)
    if colon and spelt(colon.group(2)) and not spelt(colon.group(1)):
        out = colon.group(1)
    elif colon and spelt(colon.group(1)) and not spelt(colon.group(2)):
        out = colon.group(2)
    return out


def _quote_text(node: Node | None) -> str:
    """The words of a blockquote (``> 起動中のコンテナを表示``): an explanation of the line above."""
    if node is None or node.type != "blockquote":
        return ""
    para = next((c for c in node.children if c.type == "paragraph" and c.children), None)
    if para is None:
        return ""
    lines = _lines(para.children[0].children)
    words = ln.clean(_segments(lines[0])[0]) if len(lines) == 1 else ""
    return words if len(words) <= 80 else ""


def _segments(tokens: list) -> tuple[str, list[tuple[int, int, str]]]:
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
            part = "" if _HTML_TAG.match(tok.content) else tok.content
        elif tok.type in ("text", "html_inline"):
            part = tok.content
        else:
            part = tok.content if tok.type not in ("link_open", "link_close", "image") else ""
        parts.append(part)
        size += len(part)
    return "".join(parts), spans


_TEXT_FLAG = re.compile(
    r"^\s*(--?[A-Za-z0-9][\w-]*(?:,?\s+--?[A-Za-z0-9][\w-]*)?)(?:\s+ou\s+|\s+or\s+)?(?:--?[\w-]+)?"
    r"(?:\s*(?:=>|->|→|:|：|\s-\s)\s*|\t+|\s{2,}|[\u00a0\u3000]+|\s(?=[\u3040-\u30ff\u3400-\u9fff]))(\S.*)$"
)


# "-f filter: 条件で絞り込む", "--format=string : …": the flag, the value it takes, then a separator
_TEXT_FLAG_VALUE = re.compile(
    r"^\s*(--?[A-Za-z0-9][\w-]*(?:,?\s+--?[A-Za-z0-9][\w-]*)?)[ =](?:<[^<>\s]+>|\[[^\]\s]+\]|[A-Za-z0-9_.|{}$-]+)"
    r"\s*(?:=>|->|→|:|：)\s*(\S.*)$"
)


def _text_flag(text: str) -> tuple[str, str] | None:
    """``-d => run detached``, ``--name<TAB>Assign a name``: a flag and its description in words."""
    match = _TEXT_FLAG.match(text) or _TEXT_FLAG_VALUE.match(text)
    if not match or not ln.clean(match.group(2)):
        return None
    return match.group(1), ln.clean(match.group(2))


_ASIDE = re.compile(r"\s+(?:\((?:or|ou|e\.g\.|eg)\b[^)]*\)|//.*|（[^）]*）)\s*$", re.IGNORECASE)
_EN_DASH_FLAG = re.compile(r"(?<!\S)[–—−](?=[A-Za-z])")


def _clean_answer(code: str) -> str:
    """What a command line runs, without the notes' asides: ``(or <id>)``, ``// 全て削除``,
    a word processor's en dash for ``--`` (``–no-cache``: two hyphens, ``–d``: one)."""
    code = _ASIDE.sub("", code).strip()
    if _EN_DASH_FLAG.search(code):
        code = re.sub(r"(?<!\S)[–—−](?=[A-Za-z]{2})", "--", code)
        code = re.sub(r"(?<!\S)[–—−](?=[A-Za-z])", "-", code)
    return code


_PROSE_WORDS = {"is", "are", "was", "were", "the", "an", "of", "and", "to", "for", "that", "this", "it", "you", "can", "will"}


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


def command_path(code: str, grammar: Grammar) -> str:
    """``docker run -it ${X} img`` → ``docker run``: the words before options and arguments."""
    words = code.split()
    known = grammar.command_prefix(words)
    if known:
        return " ".join(words[:known])
    path: list[str] = []
    for word in words:
        if word.startswith("-") or tx.is_placeholder(word) or "/" in word or "=" in word:
            break
        path.append(word)
    return " ".join(path[:5]) or words[0]


# --- list items: the rules, in order ------------------------------------------------------
# Each rule reads one list item's first line (an Item) in its context and either makes its
# cards, returning the context for the item's children (None: the item's own), or passes.

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
        after = _OPTION_WORD.sub("", inline.after_first_code)
        has_sep, desc = tx.split_description(after) if first is not None else (False, "")
        if first is None or (after and not has_sep):
            return cls(inline, line, children, tokens=tuple(tokens))
        code, had = tx.strip_prompt(first)
        rest = inline.text.split("\n", 1)[0].partition(f"`{first}`")[2].replace("`", "")
        whole = tx.split_description(_OPTION_WORD.sub("", rest))[1] if has_sep else ""
        whole = re.split(r"(?<=[.。])\s+(?=[A-Z])", whole, maxsplit=1)[0]  # its first sentence
        if len(whole) > len(desc):  # `tar -xjvf x`: Untar a file compressed using bzip2 (`.tar.bz2`)
            desc = whole
        return cls(inline, line, children, code, had, has_sep, desc, tuple(tokens))


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
_FLAG_LAST = re.compile(r"^([^-\s][^:：]{0,40}?)\s*[:：]\s*(--?[A-Za-z0-9][\w-]*)$")
_FLAG_IS = re.compile(r"^(?:は|で)(?![をにがのもと])\s*([^。]+)")  # "`-d`はデタッチモード。…": the first sentence


def placeholder_hint(r: Reader, item: Item, ctx: Context):
    """`` `${IMAGE_NAME}` : イメージ名 `` under a command: what a value of its answer means."""
    if item.code is None or not (ctx.command and ctx.hints is not None and item.has_sep and item.desc):
        return PASS
    ctx.hints[item.code] = item.desc
    return None


def command_bullet(r: Reader, item: Item, ctx: Context):
    """`` `$ docker ps` `` (the heading is the prompt) or `` `docker ps` : 一覧 `` (its own)."""
    if item.code is None or not tx.looks_like_command(item.code, had_prompt=item.had_prompt, programs=r.programs):
        return PASS
    return r.command_card(item.code, ctx, item.desc or ctx.title, item.line, own_prompt=bool(item.desc))


def instruction_definition(r: Reader, item: Item, ctx: Context):
    """``CMD コマンド : 説明``: a Dockerfile instruction defined in words."""
    text = item.inline.text.replace("`", "")
    match = _INSTRUCTION_DEF.match(text)
    if not match or match.group(1) not in r.instructions():
        return PASS
    _, desc = tx.split_description(text[match.end() :])
    if desc:
        r.add("dockerfile", (*ctx.section, match.group(1), "definition"), ctx, desc, match.group(1), item.line)
    else:
        r.warn(item.line, "notes.warn.empty_definition", name=match.group(1))
    return None


def instruction_line(r: Reader, item: Item, ctx: Context):
    """``説明 : `FROM nvidia/cuda:10.0` ``: an instruction line in inline code."""
    if any(c.type == "fence" for c in item.children):
        return PASS
    inline = item.inline
    for code in inline.codes:
        words = code.split()
        if tx.rejects(inline.text.partition(f"`{code}`")[2]):
            continue
        if words and words[0] in r.instructions() and len(words) >= 2:
            label = inline.lead.replace(code, "").strip(" :：") or ctx.title
            prompt = label if label == ctx.title or not ctx.in_item else f"{ctx.title} — {label}"
            r.add("dockerfile", (*ctx.section, words[0], _name(words, r.instructions())), ctx, prompt, code, item.line)
            return None
    return PASS


_EXAMPLE_WORD = re.compile(r"^(?:例|例え?ば|使用例|実行例|コマンド例|e\.?g\.?|ex\.?|examples?)$", re.IGNORECASE)


def labelled_command(r: Reader, item: Item, ctx: Context):
    """``コンテナ一覧 : `docker ps` ``: the description first, then the command."""
    inline = item.inline
    if inline.first_is_code or len(inline.codes) != 1:
        return PASS
    before, _, after = inline.text.partition(f"`{inline.codes[0]}`")
    code, had = tx.strip_prompt(inline.codes[0])
    label = before.strip()
    if label and label[-1] in ":：→" and not after.strip() and tx.looks_like_command(code, had_prompt=had, programs=r.programs):
        label = label.rstrip(":：→ ")
        parent = ctx.title if ctx.in_item and not (tx.is_flag(ctx.title) or r.reads(ctx.title)) else ""
        if _EXAMPLE_WORD.match(label) and parent:
            label = ctx.title  # "- リソースの作成" over "- 例: `kubectl apply -f x`": the item it exemplifies
        r.command_card(code, ctx, label, item.line, own_prompt=True)
        return None
    return PASS


def compose_key(r: Reader, item: Item, ctx: Context):
    """``container_name : コンテナ名`` in notes with a compose file: a compose key."""
    text = item.inline.text.replace("`", "")
    m = _COMPOSE_ITEM.match(text.strip()) if r.has_compose else None
    if not m or not (m.group(1) in r.compose_keys() or m.group(1) in r.yaml_keys):
        return PASS
    rest = m.group(2).strip()
    value, sep, desc = rest.partition(" : ")
    if not sep:
        value, desc = "", rest
    if not desc or not (":" in text or "：" in text):
        return PASS
    hints = {"value": value.strip()} if value.strip() else {}
    r.add("compose", (*ctx.section, m.group(1)), ctx, desc, m.group(1), item.line, hints=hints)
    return None


def line_commands(r: Reader, item: Item, ctx: Context):
    """Any other item holding commands the grammar reads, in code or in words (``- 今の状態を
    見たい時/git status``, ``* hostname &nbsp; ホスト名を表示する``, a step with two commands):
    each with its nearest describing words (:meth:`Reader.line_cards`); its flag bullets
    belong to its last command."""
    entries = [(item.line + n, tokens) for n, tokens in enumerate(_lines(list(item.tokens)))]
    flag = _text_flag(item.inline.text) if not item.inline.codes else None
    last = _FLAG_LAST.match(item.inline.text.replace("`", "")) if flag is None and "\n" not in item.inline.text else None
    if last and ln.clean(last.group(1)):  # "- 縦に並べる: -1": the description, then its flag
        flag = last.group(2), ln.clean(last.group(1))
    if flag is not None:
        r.term(flag[0], flag[1], ctx, item.line)
        return None
    last = r.line_cards(entries, ctx)
    if last is None:
        return PASS
    return Context(ctx.section, ctx.title, last, True, {}, recent=last)


ITEM_RULES = (
    flag_bullet,
    placeholder_hint,
    command_bullet,
    instruction_definition,
    instruction_line,
    labelled_command,
    compose_key,
    line_commands,
)
