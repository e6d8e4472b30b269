"""Markdown notes → card drafts. Pure: no database, no terminal.

Reads markdown-it-py's syntax tree (keeping ``map`` line numbers) once: the document walk
(headings, a lead line over the block under it, the block readers of ``notes/blocks/`` in
the order of ``BLOCK_READERS``) and what every reader shares — what reads as a command
(:meth:`Reader.reads`), the card makers, and which of several describing texts a command
gets (:meth:`Reader.line_cards`, :meth:`Reader._labelled`).
"""

from __future__ import annotations

import difflib
import re
from functools import cache

from markdown_it import MarkdownIt

from dockquiz.cards import CardDraft, Warning_, stable_key
from dockquiz.grading.grammar import Grammar
from dockquiz.grading.lexer import strip_sudo
from dockquiz.notes import lines as ln
from dockquiz.notes import text as tx
from dockquiz.notes.answer import (
    card_answer,
    clean_answer,
    command_path,
    is_worded_value,
    shown_values,
    split_words,
    without_spelt_parts,
    without_sudo,
)
from dockquiz.notes.blocks import BLOCK_READERS
from dockquiz.notes.blocks.code import is_code
from dockquiz.notes.describe import (
    COMMENTARY,
    continuation_words,
    first_sentence,
    is_remark,
    joined,
    lead_words,
    text_flag,
    without_given_flags,
    without_usage,
)
from dockquiz.notes.english import flag_words_by_key, flag_words_ja, help_prompt, what_differs, with_unsaid_flags
from dockquiz.notes.model import PASS, Context, Notes, join_continued_lines, joined_breaks, read_inline, segments, token_lines
from dockquiz.notes.naming import alternatives, named_step, paired_steps, says
from dockquiz.notes.shell_en import words_for
from dockquiz.notes.tree import Node, build

_YAML_KEY = re.compile(r"^\s*-?\s*([A-Za-z_][\w-]*)\s*:")


@cache
def _markdown(tables: bool = True) -> MarkdownIt:
    """CommonMark, plus GFM tables when the notes can hold one: a table's header line has a
    ``|`` (markdown-it's table rule checks it); notes without any skip the rule, which
    runs at every block."""
    md = MarkdownIt("commonmark")
    return md.enable("table") if tables else md


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
        self._question: tuple[tuple[str, ...], str] = ((), "")  # (section, words) of the last question asked in it
        self._unanswered = False  # no code block has come since that question
        self._aside: list[str] = []  # the code spans of the words between it and the block
        self._shared: set[int] = set()  # id(draft) of command cards whose prompt is a label over other lines too
        self._lead_shared: set[int] = set()  # those of them whose label is a lead line over them (not a heading)
        self._section_start = 0  # the drafts of the section being read start here
        self._sides: dict[int, tuple[list, dict[int, int], set[int]]] = {}  # id(siblings) -> where descriptions stand
        self._lead: tuple[Node | None, Context | None] = (None, None)  # (the block a lead labels, context before it)
        self._seen: dict[tuple[str, str, str, str], CardDraft] = {}  # (kind, prompt, answer, an option's command): one card each
        self._stage: dict[int, str] = {}  # id(dockerfile draft) -> its build stage
        self._heading_card: tuple | None = None  # (code, description, context, line, drafts before, level)
        self._level = 0  # the level of the last heading
        self._source: list[str] = []  # the notes' lines as written (a paragraph's `\` is a break to markdown)
        self._answers: set[str] = set()  # the command lines that have a card
        self._programs_carded: set[str] = set()  # the programs of the command cards so far
        self._left_out_headings: set[str] = set()  # commands of headings naming a subcommand alone ("# push")
        self._from_help: set[int] = set()  # cards whose prompt is the grammar's words (help_prompt)
        self._below = ""  # the words under the code block being read that point up at it
        self._steps: tuple[Node | None, list[str]] = (None, [])  # (a code block, the list of its steps over it)
        self.block_steps: list[str] = []  # the steps of the code block being read, one per command
        self._previous: Node | None = None  # the block before the one being read, among its siblings
        self._orphans: list[tuple[str, str, Context, int]] = []  # flags described with no command in reach
        self._options: dict[tuple[str, str], set[tuple[str, ...]]] = {}  # (command, flag as written) -> top headings carded
        self._meant: set[tuple[str, str, tuple[str, ...]]] = set()  # (command, flag as written, section) with a meaning card
        self._option_words: dict[tuple[str, str], str] = {}  # (description, flag as written) -> the command carded with it
        self._reads: dict[tuple[str, bool], bool] = {}  # (line, had a prompt) -> reads as a command
        self._is_command: dict[tuple[str, bool, bool], bool] = {}  # (line, had a prompt, explicit) -> a command

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
            answer = card_answer(answer)  # a value in words (`docker stop コンテナID`): a placeholder
            if ln.is_sentence(answer):
                return None  # "docker stop NAME sends a signal to …": words about a command, no command
            prompt = without_given_flags(without_spelt_parts(prompt, answer, self.grammar), answer)
            prompt = without_usage(prompt, command_path(without_sudo(answer), self.grammar))
        seen = (kind, " ".join(prompt.split()), " ".join(answer.split()), command if kind in ("option", "meaning") else "")
        if seen in self._seen:
            return self._seen[seen]  # the same card written twice
        from_help = False
        if kind in ("command", "example") and (
            _is_topic(prompt) or tx.is_field(prompt) or _describes_nothing(prompt, answer, ctx)
        ):
            # "- logs", "[ps]()", "basic (fetch)", "コンテナの操作": the notes' words say nothing of it; the grammar's
            # words for the whole line may ("Show the logs of <pod>, and follow them"), else no card
            remark = is_remark(prompt) or _numbered_or_remark(prompt)
            prompt = "" if remark else help_prompt(self.grammar, answer)  # "…を参照", "手順4": no card
            if not prompt:
                return None
            seen, from_help = (kind, prompt, seen[2], ""), True
            if seen in self._seen or seen[2] in self._answers:
                return self._seen.get(seen)
        if kind in ("command", "example") and seen[2] in self._answers:
            return None  # the same line again (a repeated block, a summary): one card
        if kind in ("command", "example") and not from_help:
            self._answers.add(seen[2])
        key = stable_key(kind, self.deck, *key_parts, *(("help",) if from_help else ()))  # counts apart from the others'
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
        if from_help:
            self._from_help.add(id(draft))
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
                            if draft.prompt_en == draft.prompt_ja and not ln.has_japanese(flag):
                                draft.prompt_en = flag  # the English screen tells them apart the same way
                            draft.prompt_ja = flag
                continue
            if kind != "dockerfile":
                shown: set[tuple[str, ...]] = set()
                for draft in drafts:
                    values = tuple(shown_values(draft.answer, self.grammar))
                    if values in shown or (not values and shown):
                        dropped.add(id(draft))
                    shown.add(values)
                self._tell_apart_by_words(prompt, drafts, dropped)
                self._tell_variants_apart(prompt, drafts, dropped)
                continue
            words = [split_words(d.answer) for d in drafts]
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

    def _tell_apart_by_words(self, prompt: str, drafts: list[CardDraft], dropped: set[int]) -> None:
        """Commands of one label the values do not tell apart (``kubectl top node`` and ``kubectl top
        pod`` under ``- リソースの使用量``): when they are different commands that each do a step,
        each gets the label with the grammar's words for what it does (as :meth:`_labelled` does
        for a block's lines), instead of all but the first being left out."""
        g = self.grammar
        paths = [d.command or "" for d in drafts]
        heading = ln.has_japanese(prompt) and all(prompt in d.section for d in drafts)  # "## 表示" over get, describe
        if len(set(paths)) < 2 or not (heading or any(id(d) in dropped for d in drafts)):
            return
        if any(not p for p in paths) or not heading and any({p, p.split()[0]} & (g.checks | g.preparations) for p in paths):
            return  # a look or a preparation beside the step: the label is the step's
        words = [self._command_words(p, prompt, d.answer) for p, d in zip(paths, drafts)]
        if not all(words) and heading:  # `cat test.txt` and `docker cp …` under "## ファイルコピー": the
            looks = [d for p, d in zip(paths, drafts) if {p, p.split()[0]} & (g.checks | g.preparations)]
            if looks and len(looks) < len(drafts):  # heading is the step's; a look beside it is no card
                dropped.update(id(d) for d in looks)
            return
        if not all(words) or len(set(words)) < len(set(paths)):
            return
        said: set[str] = set()
        for draft, word in zip(drafts, words):
            if word in said and not heading:
                continue  # a variant of a command already told apart, in the same words (its values tell the rest)
            said.add(word)
            dropped.discard(id(draft))
            draft.prompt_ja = f"{prompt} — {word}"
            draft.prompt_en = self.describe(self.grammar, draft)

    def _tell_variants_apart(self, prompt: str, drafts: list[CardDraft], dropped: set[int]) -> None:
        """Variants of one command under one label (``docker system prune`` and ``docker system
        prune --volumes`` under ``## 掃除``) that the values shown do not tell apart: a variant
        with an option the kept lines showing its values lack gets the label with what each of
        its options does, in the grammar's words (Japanese beside a Japanese label, as
        :meth:`_command_words` says flags; never the flags as typed): ``掃除（使われていないボリュームも
        削除する）``, instead of being left out. Options spelt otherwise (``-a``, ``--all``) are one;
        a variant with no option the kept one lacks, or an option the grammar has no words for
        (beside a Japanese label, no Japanese words), stays out."""
        ja = ln.has_japanese(prompt)
        kept = [d for d in drafts if id(d) not in dropped]
        prompts = {d.prompt_ja for d in kept}
        for draft in drafts:
            if id(draft) not in dropped or not kept or not draft.command:
                continue
            values = tuple(shown_values(draft.answer, self.grammar))
            alike = [d for d in kept if not values or tuple(shown_values(d.answer, self.grammar)) == values]
            if not alike or any(d.command != draft.command for d in alike):
                continue  # another command beside it: its words tell them apart, or nothing does
            mine = flag_words_by_key(self.grammar, without_sudo(draft.answer), ja=ja)
            theirs = [flag_words_by_key(self.grammar, without_sudo(d.answer), ja=ja) for d in alike]
            if not mine or any(t is None or set(t) >= set(mine) for t in theirs):
                continue
            said = list(dict.fromkeys(mine.values()))  # every option of the line: the learner types them all
            told = f"{prompt}（{'、'.join(said)}）" if ja else f"{prompt} ({', '.join(said)})"
            if told in prompts:
                continue
            dropped.discard(id(draft))
            draft.prompt_ja = told
            draft.prompt_en = self.describe(self.grammar, draft)
            kept.append(draft)
            prompts.add(told)

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
        text = self._expand_aliases(text)
        tokens = _markdown("|" in text).parse(text)
        self._source = text.splitlines()
        join_continued_lines(tokens, self._source, self._runs_to_end)
        self._prescan(tokens)
        root = build(tokens)
        del tokens  # the tree holds the tokens it reads: the opening and closing ones are freed here
        headings: list[tuple[int, str]] = []
        labels: dict[int, str] = {}  # heading level -> its label (a qualifier names its parent)
        ctx = Context([], "")
        pending = None  # a command named in a heading, waiting for its prompt
        flag_heading = None  # a flag named in a heading (#### `-d`), waiting for its words
        nodes = root.children
        for index, node in enumerate(nodes):
            if pending is not None:
                ctx = self.heading_command(*pending, node) or ctx
                pending = None
            if flag_heading is not None:
                self._flag_described(*flag_heading, node)
                flag_heading = None
            if node.type == "heading":
                self._one_per_label()
                self._flush_heading_card(int(node.tag[1]))
                level = int(node.tag[1])
                headings = [h for h in headings if h[0] < level]
                title = tx.clean_heading((node.children[0].content if node.children else "").replace("`", ""))
                if title:
                    headings.append((level, title))
                label = headings[-1][1] if headings else ""
                if len(headings) > 1 and _NUMBERED.match(label) and headings[-2][0] > 1:  # (not the notes' title)
                    label = labels.get(headings[-2][0], headings[-2][1])  # "#### 方法1" under "### Podの状態を確かめる"
                elif len(headings) > 1 and (tx.is_qualifier(label) or (tx.is_one_name(label) and headings[-2][0] > 1)):
                    label = tx.qualified(
                        labels.get(headings[-2][0], headings[-2][1]), label
                    )  # ### ローカル under ## ブランチの削除
                labels = {lvl: lab for lvl, lab in labels.items() if lvl < level}
                labels[level] = label
                if title and title in self.programs:
                    self.section_commands.setdefault(tuple(h[1] for h in headings), label)  # # curl: its flags
                ctx = Context([h[1] for h in headings], label)
                pending = self._command_in_heading(node, ctx)
                flag_heading = None if pending else self._flag_in_heading(node, ctx)
                self._level = level
            else:
                ctx = self.sibling(node, nodes, index, ctx)
        if pending is not None:
            self.heading_command(*pending, None)
        self._one_per_label()
        self._flush_heading_card()
        self._adopt_orphans()
        # a line the notes describe elsewhere keeps their words: no card from the grammar's for it
        self.notes.drafts[:] = [
            d for d in self.notes.drafts if id(d) not in self._from_help or " ".join(d.answer.split()) not in self._answers
        ]
        self._tell_apart()
        self._say_unsaid_flags()
        self._tell_apart_in_english()
        return self.notes

    def _expand_aliases(self, text: str) -> str:
        """The notes' own aliases (``alias kk=kubectl``, ``alias gl='git log --oneline'``) spelt out
        where a line starts with one: ``kk get pods`` is ``kubectl get pods``, what it runs (the
        command the grammar knows, its English and its grading). An alias the grammar knows
        already (``k``) stays."""
        defined = {m.group(1): m.group(2) or m.group(3) or m.group(4) for m in _ALIAS.finditer(text)}
        aliases = {
            name: " ".join(value.split())
            for name, value in defined.items()
            if name not in self.programs and value.split() and self.grammar.knows(value.split()[0])
        }
        if not aliases:
            return text
        starts = re.compile(rf"^(\s*(?:[-*+]\s+|\d+[.)]\s+)?`?(?:[$%]\s+)?)({'|'.join(map(re.escape, aliases))})(?=\s|`|$)")

        def spelt(line: str) -> str:
            found = starts.match(line)
            if found is None or _ALIAS.search(line):
                return line
            out = f"{found.group(1)}{aliases[found.group(2)]}{line[found.end() :]}"
            # a subcommand read after it ("kk get pods"), not words ("kk is handy")
            return out if self.grammar.command_prefix(out[len(found.group(1)) :].split("`")[0].split()) > 1 else line

        return "\n".join(spelt(line) for line in text.split("\n"))

    def _say_unsaid_flags(self) -> None:
        """English words of the notes that do not say every flag of their command get the
        grammar's words for those flags (english.with_unsaid_flags), in both prompts (words that
        are a topic, and do not say what the command does, follow the command's own); after the
        cards are told apart, so which cards there are does not change."""
        for draft in self.notes.drafts:
            if draft.kind in ("command", "example"):
                words = draft.prompt_ja
                # a heading's words, or a line's own of a word or two ("follow", "replica set",
                # "sh (previous)"): a topic unless they say what the command does (with_unsaid_flags)
                topic = words in draft.section or len(words.split()) <= _TOPIC_WORDS
                said = with_unsaid_flags(self.grammar, words, draft.answer, topic)
                if said != draft.prompt_ja:
                    draft.prompt_ja = said
                    draft.prompt_en = self.describe(self.grammar, draft)

    def _tell_apart_in_english(self) -> None:
        """Commands whose English prompts are one, and whose shown values and placeholders are the
        same (a copy and the copy back, ``git stash`` and ``git stash push``), get what tells each
        apart added to the English prompt (english.what_differs); English notes' words, which are
        both prompts, in both; a Japanese prompt another of them shares, its mark (``ファイル転送 —
        <pod>:<dir> <file>``)."""
        groups: dict[str, list[CardDraft]] = {}
        for draft in self.notes.drafts:
            if draft.kind in ("command", "example") and draft.prompt_en:
                groups.setdefault(draft.prompt_en, []).append(draft)
        for prompt, drafts in groups.items():
            if len({d.answer for d in drafts}) < 2:
                continue
            shown = {id(d): tuple(_shown(d)) for d in drafts}
            showing: dict[tuple[str, ...], list[CardDraft]] = {}  # shown values -> the drafts showing them, in order
            for draft in drafts:
                showing.setdefault(shown[id(draft)], []).append(draft)
            marks = {}
            for draft in drafts:
                alike = [o for o in showing[shown[id(draft)]] if o.answer != draft.answer]
                mark, words, bracket = (
                    what_differs(self.grammar, draft.answer, [o.answer for o in alike]) if alike else ("", "", False)
                )
                if mark:
                    same_ja = any(o.prompt_ja == draft.prompt_ja for o in alike)
                    marks[id(draft)] = (mark, words if same_ja and draft.prompt_ja != prompt else "", bracket)
            for draft in drafts:
                mark, words, bracket = marks.get(id(draft), ("", "", False))
                if not mark:
                    continue
                said = f"{prompt}, {mark}"
                if bracket:
                    said = f"{prompt[:-1]}; {mark})" if prompt.endswith(")") else f"{prompt} ({mark})"
                if draft.prompt_ja == prompt:
                    draft.prompt_ja = said
                elif words:
                    draft.prompt_ja = f"{draft.prompt_ja} — {words}"
                draft.prompt_en = said

    def _adopt_orphans(self) -> None:
        """A flag described where no command is in reach (``### Flags`` over ``-d => …``, an option
        table under its own heading) belongs to the nearest command of the same part of the notes
        whose grammar has that flag: the next one, else the one before, when the heading says it is
        about options. Else (or none has it): a warning."""
        flags_of: dict[tuple[str, ...], list[str]] = {}  # the flags described under each heading
        for code, _, ctx, _ in self._orphans:
            flags_of.setdefault(tuple(ctx.section), []).append(code)
        for code, desc, ctx, line in self._orphans:
            part = ctx.section[:-1] if len(ctx.section) > 1 else ctx.section
            named = self._heading_command(ctx.section, code)
            if named:  # "## exec" over "- `-i`: …" in notes about docker
                self.option_cards(code, desc, ctx, named, line)
                continue
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
            else:  # the nearest command that has the most of the flags described there, this one among them
                near = [path for path in dict.fromkeys(after + before) if self._has_flag(path, code)]
                listed = flags_of[tuple(ctx.section)]
                command = max(near, key=lambda path: sum(self._has_flag(path, f) for f in listed), default=None)
            if command:
                self.option_cards(code, desc, ctx, command, line)
            else:
                self.warn(line, "notes.warn.option_no_command", flag=code)

    def _heading_command(self, section: list[str], code: str) -> str | None:
        """``## exec`` in notes about docker: the heading names a command of a program the notes
        use (or name, in their headings or their file's name) that has the flag."""
        heading = section[-1].strip() if section else ""
        if not heading or len(heading.split()) > 2 or not re.fullmatch(r"[a-z][a-z0-9 -]*", heading):
            return None
        named = " ".join([self.deck, *section]).lower()
        programs = [d.command.split()[0] for d in self.notes.drafts if d.command]
        programs += [p for p in sorted(self.grammar.programs) if re.search(rf"(?<![a-z]){re.escape(p)}(?![a-z])", named)]
        for program in dict.fromkeys(programs):
            path = f"{program} {heading}"
            if program != heading and self.grammar.command(tuple(path.split())) is not None and self._has_flag(path, code):
                return path
        return None

    def _spelt_program(self, path: str) -> str:
        """``docekr container run`` → ``docker container run``: a slip in a program's name, when
        the program it was meant for has that command (the flags are that command's)."""
        words = path.split()
        if not words or self.grammar.knows(words[0]):
            return path
        near = difflib.get_close_matches(words[0], sorted(self.grammar.programs), n=1, cutoff=0.8)
        if near and len(words) > 1 and self.grammar.command(tuple([near[0], *words[1:]])) is not None:
            return " ".join([near[0], *words[1:]])
        return path

    def _foreign_flag(self, path: str, code: str) -> bool:
        """A flag the grammar's command has nothing like (``--tty`` listed under ``docker search``,
        ``-rw-r--r--`` of a listing); a slip of the notes' pen (``-all``, ``--usename``) is theirs."""
        scope = self.grammar.command(tuple(path.split()))
        if scope is None or self._has_flag(path, code):
            return False
        name = tx.flag_name(code.replace(",", " ").split()[0])
        near = difflib.get_close_matches(name.lstrip("-"), [o.lstrip("-") for o in scope.options], n=1, cutoff=0.75)
        return not near

    def _has_flag(self, path: str, code: str) -> bool:
        """Does the grammar give command ``path`` this flag (``-ti``: each of its letters)?"""
        scope = self.grammar.command(tuple(path.split()))
        if scope is None:
            return False
        name = tx.flag_name(code.replace(",", " ").split()[0])
        if name in scope.options:
            return True
        positive = scope.options.get("--" + name[5:]) if name.startswith("--no-") else None
        if positive is not None and positive.negatable:
            return True  # git's --no-edit: --edit turned off
        letters = name[1:]
        return (
            name.startswith("-")
            and not name.startswith("--")
            and len(letters) > 1
            and all(f"-{c}" in scope.options for c in letters)
        )

    def sibling(self, node: Node, nodes: list, index: int, ctx: Context) -> Context:
        """One block among its siblings: a lead line right over a code block is that block's label
        (or, where the author writes each description under its block, the line under it)."""
        following = nodes[index + 1] if index + 1 < len(nodes) else None
        self._previous = nodes[index - 1] if index else None  # a flag's line reads the words over it
        under, quiet = self._description_sides(nodes)
        question = ((), "")
        if is_code(node):  # a question over explanations is answered by the first block under it
            question, self._unanswered = self._question if self._unanswered else question, False
            if question[1] and _shows_more(self._aside, node.content):
                question = ((), "")  # "You will need `jq` for this": the block writes what the question does not say
        if index in quiet:
            return ctx  # a description line of a block above it, or the intro of such a run: no label below
        if index in under:
            if ctx.own and self._lead[0] is node:
                ctx = self._lead[1]  # the line over it leads nothing
            words = under[index]
            short = ctx.title and (tx.is_qualifier(words) or len(words) <= _FRAGMENT)
            title = tx.qualified(ctx.title, words) if short else words  # "変更を退避する（削除できる）"
            self._lead = (node, ctx)
            return self.block(node, Context(ctx.section, title, ctx.command, ctx.in_item, ctx.hints, True, ctx.recent), following)
        if question[1] and not ctx.own and question[0] == tuple(ctx.section):
            self._lead = (node, ctx)  # "* How do I list the disks?", an explanation, then the block
            ctx = Context(ctx.section, question[1], ctx.command, ctx.in_item, ctx.hints, True, ctx.recent)
        after = self.block(node, ctx, following)
        steps = self._list_steps(node, following)
        if steps:  # "1. イメージを取得 2. ログを確認" over a block of as many commands: one step each
            self._steps = (following, steps)
            return after
        leads = following is not None and (
            is_code(following) or self._bare_commands(following) or self._bare_list(node, following)
        )
        lead = lead_words(node, self._reads_code, lines=True) if leads else ""
        asked = lead_words(node, self._reads_code) if node.type in ("paragraph", "bullet_list") else ""
        if asked and self._line_text(node).endswith(("?", "？")):
            self._question = (tuple(ctx.section), asked)  # "* How do I list the roles?": what the blocks under it answer
            self._unanswered = bool(_ASKS_HOW.search(asked))  # (not "kubectx がいい？": a remark)
            self._aside = []
        elif self._unanswered:
            self._aside += _code_spans(node)  # the explanation's code, between the question and the block
        if lead and _FILLER.match(lead) and self._question[0] == tuple(ctx.section) and self._question[1]:
            lead = self._question[1]  # "Another way is -", "An example for the command is": the question's words
        if lead and self._bare_commands(node):
            lead = ""  # a command over a command: no label
        if lead and is_remark(lead):
            purpose = _PURPOSE_POINTER.match(lead)  # "リモートにも反映させるには以下を実行": what for, then a pointer
            lead = purpose.group("does") if purpose else ""  # "この場合もresetでよい": a remark, the heading says it
        if not lead:
            return after
        title = tx.qualified(ctx.title, lead) if ctx.title and tx.is_qualifier(lead) else lead
        self._lead = (following, after)
        listed = node.type != "paragraph" and len(node.children) > 1  # "1. … 2. … 3. ボリュームも消す": one step's words
        return Context(after.section, title, after.command, after.in_item, after.hints, True, after.recent, listed)

    def _list_steps(self, node: Node, following: Node | None) -> list[str]:
        """A list of short lines of words (no code) right over a code block holding as many
        commands, one a line: each item is the step its command does, in order; [] otherwise."""
        if node.type not in ("bullet_list", "ordered_list") or len(node.children) < 2 or following is None:
            return []
        if following.type not in ("fence", "code_block"):
            return []
        steps: list[str] = []
        for item in node.children:
            if len(item.children) != 1 or item.children[0].type != "paragraph" or not item.children[0].children:
                return []
            children = item.children[0].children[0].children
            if len(token_lines(children)) != 1 or any(c.type == "code_inline" for c in children):
                return []
            words = ln.clean(read_inline(children).text.strip())
            if not words or len(words) > 60 or words.endswith((":", "：")) or self._reads_code(words):
                return []
            steps.append(words)
        commands = 0
        for raw in following.content.splitlines():
            line = raw.strip()
            if not line or line.startswith(("#", "//")):
                continue
            code, had = tx.strip_prompt(line)
            commands += bool(self.reads(code, had_prompt=had))
        return steps if commands == len(steps) else []

    def _description_sides(self, nodes: list) -> tuple[dict[int, str], set[int]]:
        """Where the author puts a block's description, decided once for each run of description
        lines and blocks of commands between headings. A line may say where it points: one
        ending in ":" or "、", a question, "以下", a bold or numbered line lead the block under
        them; one carrying the sentence on (``で削除できる``) describes the block above it. The
        other lines go the way of the run's habit: over each block (the usual lead line), or
        under it, when that reading leaves fewer blocks without a description of their own and
        fewer lines unused (a section's first line standing apart may be its intro), ties to
        "over"; a blank line between a line and its block counts against pairing them. Returns
        each block described by the line under it → those words, and the lines that are no
        lead of the block below them."""
        cached = self._sides.get(id(nodes))
        if cached is not None and cached[0] is nodes:
            return cached[1], cached[2]
        under: dict[int, str] = {}
        quiet: set[int] = set()
        kinds = [self._side_kind(n) for n in nodes]
        run: list[int] = []
        for index in range(len(nodes) + 1):
            kind = kinds[index] if index < len(nodes) else "X"
            if kind in ("C", "D", "D:", "U"):
                run.append(index)
                continue
            if run:
                self._orient(nodes, kinds, run, under, quiet)
            run = []
        self._sides[id(nodes)] = (nodes, under, quiet)
        return under, quiet

    def _orient(self, nodes: list, kinds: list[str], run: list[int], under: dict[int, str], quiet: set[int]) -> None:
        inside = set(run)

        def kind(i: int) -> str:
            return kinds[i] if i in inside else "X"

        def apart(upper: Node, lower: Node) -> float:
            return 0.5 if upper.map and lower.map and upper.map[1] < lower.map[0] else 0.0

        free: list[int] = []
        for c in (i for i in run if kinds[i] == "C"):
            if kind(c + 1) == "U" and not (kind(c - 1) == "D:" and not _REASON.search(self._line_text(nodes[c - 1]))):
                under[c] = continuation_words(nodes[c + 1])  # "```git stash drop```" then "で削除できる"
                quiet.add(c + 1)
            elif kind(c - 1) != "D:":
                free.append(c)
        if len(free) < 2:
            return
        first = run[0]
        intro = (
            kinds[first] == "D"
            and (first == 0 or nodes[first - 1].type == "heading")
            and first + 1 < len(nodes)
            and apart(nodes[first], nodes[first + 1]) > 0
        )
        over_cost = under_cost = 0.0
        for c in free:
            over_cost += apart(nodes[c - 1], nodes[c]) if kind(c - 1) == "D" else 1
            if kind(c + 1) == "D":
                under_cost += apart(nodes[c], nodes[c + 1])
            else:  # an explanation of several lines right under it (no blank line) is its words too
                under_cost += 0.5 if self._explained_under(nodes, c) else 1
        for d in (i for i in run if kinds[i] == "D" and not (i == first and intro)):
            follows = kind(d + 1) == "C" or (d + 1 < len(nodes) and is_code(nodes[d + 1]))  # a lead of any block, output too
            over_cost += not follows
            under_cost += kind(d - 1) != "C"
        if under_cost >= over_cost:
            return
        for c in free:
            if kind(c + 1) == "D":
                under[c] = lead_words(nodes[c + 1], self._reads_code)
            elif self._explained_under(nodes, c):
                under[c] = self._explained_under(nodes, c)  # its explanation's first sentence
        quiet.update(i for i in run if kinds[i] == "D")

    def _explained_under(self, nodes: list, c: int) -> str:
        """The first sentence of a paragraph of several lines right under block ``c`` (no blank
        line between), when it is short words and no command: what that block does; else ""."""
        node = nodes[c + 1] if c + 1 < len(nodes) else None
        if node is None or node.type != "paragraph" or not node.children or not (nodes[c].map and node.map):
            return ""
        lines = token_lines(node.children[0].children)
        if len(lines) < 2 or nodes[c].map[1] < node.map[0] or self.finds(lines[0])[1]:
            return ""
        if read_inline(lines[-1]).text.strip().endswith(_LEADING_ENDS):
            return ""  # "…含めたい場合は、": it leads the block under it
        words = ln.clean(first_sentence(read_inline(lines[0]).text.replace("`", "").replace("．", "。")))
        return words if words and len(words) <= 60 and not COMMENTARY.search(words) else ""

    @staticmethod
    def _line_text(node: Node) -> str:
        """A paragraph's words, or a list's first item's ("" when that item is empty or
        starts with a block: `-` alone, a fence, an indented code block)."""
        item = node.children[0] if node.type != "paragraph" and node.children else None
        para = node if node.type == "paragraph" else (item.children[0] if item is not None and item.children else None)
        if para is None or para.type != "paragraph" or not para.children or para.children[0].children is None:
            return ""
        return read_inline(para.children[0].children).text.strip()

    def _side_kind(self, node: Node) -> str:
        """ "C" a block of commands, "D" a description line ("D:" one leading the block under
        it, "U" one carrying on from the block above), "X" anything else."""
        if is_code(node):
            return "C" if any(self._reads_line(line) for line in node.content.splitlines()) else "X"
        if self._bare_commands(node):
            return "C"
        if continuation_words(node):
            return "U"
        if node.type in ("bullet_list", "ordered_list") and len(node.children) != 1:
            return "X"  # a list of values or steps
        if node.type not in ("paragraph", "bullet_list", "ordered_list") or not lead_words(node, self._reads_code):
            return "X"
        para = node if node.type == "paragraph" else node.children[0].children[0]
        tokens = para.children[0].children
        text = read_inline(tokens).text.strip()
        if any(t.type == "image" for t in tokens) or text_flag(text):
            return "X"  # an image's alt text, a flag defined in words
        bold = tokens[0].type == "strong_open" or text.startswith("<strong>")
        if node.type == "ordered_list" or bold or _POINTS_DOWN.search(text) or text.endswith(_LEADING_ENDS):
            return "D:"
        return "D"

    def _reads_code(self, code: str) -> bool:
        """Is this code span a command (not a path, a file name, a value)?"""
        code, had = tx.strip_prompt(code)
        return self.reads(code, had_prompt=had) or tx.looks_like_command(code, had_prompt=had, programs=self.programs)

    def _reads_line(self, raw: str) -> bool:
        code, had = tx.strip_prompt(raw.strip())
        code = code.lstrip("#").strip() if code.startswith("#") and not code.startswith("#!") else code
        return bool(code) and self.reads(code, had_prompt=had)

    def _bare_commands(self, node: Node) -> bool:
        """A paragraph that starts with a bare command line (the command a lead line above labels)."""
        if node.type != "paragraph" or not node.children:
            return False
        lines = token_lines(node.children[0].children)
        text, found = self.finds(lines[0]) if lines else ("", [])
        return len(found) == 1 and not ln.clean(text[: found[0].start] + text[found[0].end :])

    def _bare_list(self, lead: Node, node: Node) -> bool:
        """A list of two bare commands or more, one an item (``- `kubectl rollout status …` ``, no
        words of their own, nothing under them), under a paragraph that points at it (``Check your
        rollouts:``): the steps that lead labels, as it labels the lines of a code block under it
        (a line that does not point down, ``Compose系``, may be the title of a group of entries)."""
        if node.type not in ("bullet_list", "ordered_list") or len(node.children) < 2 or lead.type != "paragraph":
            return False
        if not (self._line_text(lead).endswith(_LEADING_ENDS) or _POINTS_DOWN.search(self._line_text(lead))):
            return False
        for item in node.children:
            if len(item.children) != 1 or item.children[0].type != "paragraph" or not item.children[0].children:
                return False
            if not self._bare_commands(item.children[0]) or len(token_lines(item.children[0].children[0].children)) != 1:
                return False
        return True

    def _command_in_heading(self, node: Node, ctx: Context):
        """``## `docker ps` - 一覧``: the heading names a command; its flags may follow as bullets."""
        if not node.children:
            return None
        inline = read_inline(node.children[0].children)
        if not inline.codes:  # ### pwd, ### rm -r xxx: a command in words, described under it
            text, found = self.finds(node.children[0].children)
            left_out = self._program_left_out(text, ctx.section[:-1], alone=True) if not found else ""
            if left_out:  # "#### stop" in docker-compose's notes: that program's subcommand
                found = [ln.Found(0, len(text.rstrip()), left_out, False)]
                self._left_out_headings.add(left_out)
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

    def _one_per_label(self) -> None:
        """A section's label given to several of its bare command lines (numbered steps, bullets
        or paragraphs of one command each under ``## マージする``) goes to the one doing the
        step, as a label over a block's lines does (:meth:`_labelled`); the others get no card."""
        start, self._section_start = self._section_start, len(self.notes.drafts)
        groups: dict[str, list[CardDraft]] = {}
        for draft in self.notes.drafts[start:]:
            if id(draft) in self._shared:
                groups.setdefault(draft.prompt_ja, []).append(draft)
        dropped: set[int] = set()
        for prompt, drafts in groups.items():
            if len(drafts) < 2:
                continue
            lead = all(id(d) in self._lead_shared for d in drafts)  # a lead's steps: each told apart (_labelled)
            ctx = Context(list(drafts[0].section), prompt, own=lead)
            found = [(d.source_line or 0, d.answer, "", None) for d in drafts]
            labelled = {(line, code): label for line, code, label, _ in self._labelled(found, [], ctx)}
            if labelled:
                dropped.update(id(d) for d in drafts if (d.source_line or 0, d.answer) not in labelled)
            for draft in drafts if lead else ():
                label = labelled.get((draft.source_line or 0, draft.answer))
                if label and label != draft.prompt_ja:  # "Check your rollouts — Roll back to a previous rollout"
                    draft.prompt_ja = label
                    draft.prompt_en = self.describe(self.grammar, draft)
        if dropped:
            self.notes.asides += [d for d in self.notes.drafts if id(d) in dropped]
            self.notes.drafts = [d for d in self.notes.drafts if id(d) not in dropped]
            self._section_start = len(self.notes.drafts)

    def _flag_in_heading(self, node: Node, ctx: Context) -> tuple[str, Context, int] | None:
        """``#### `-d` ``, ``#### `--name NAME` / `-n NAME` ``: a heading that names a flag (its
        first spelling, with the value it shows); its words are the block under it."""
        text = (node.children[0].content if node.children else "").replace("`", "")  # as written: "-d", not "d"
        first = re.split(r"\s+/\s+|,\s+", text.strip())[0].strip()
        first = re.sub(r"\s*(?:オプション|options?|flags?)$", "", first, flags=re.IGNORECASE)  # "## --build オプション"
        if not first or not tx.is_flag(first.split()[0]) or len(first.split()) > 2:
            return None
        parent = Context(ctx.section[:-1], ctx.section[-2] if len(ctx.section) > 1 else "")
        return first, parent, (node.map[0] + 1) if node.map else 0

    def _flag_described(self, code: str, ctx: Context, line: int, node: Node) -> None:
        """The words of a flag's heading: the first line of the list item or paragraph under it."""
        if node.type in ("bullet_list", "ordered_list") and node.children and node.children[0].children:
            node = node.children[0].children[0]
        if node.type != "paragraph" or not node.children:
            return
        lines = token_lines(node.children[0].children)
        words = ln.clean(read_inline(lines[0]).text.replace("`", "")) if lines else ""
        if words and len(words) <= 80 and not self.finds(lines[0])[1]:
            self.term(code, words, ctx, line)

    def _flush_heading_card(self, level: int = 0) -> None:
        """``### pwd`` over its description: the heading's command gets its card on the heading
        when no line of its section (sub-sections included) wrote it (else that line has it)."""
        if self._heading_card is None or (level and level > self._heading_card[5]):
            return
        code, desc, ctx, line, start, _ = self._heading_card
        self._heading_card = None
        words = code.split()
        known = self.grammar.knows(words[0]) if words else False
        path = command_path(code, self.grammar) if known else ""

        def writes(answer: str) -> bool:  # (another command below it, `git stash list` under `# git stash`, does not)
            answer = without_sudo(answer)
            more = answer.split()[len(words) :]
            if more[:1] and more[0] in ("|", "&&", "||", ";", ">", ">>"):
                return False  # `… | grep -i cpu`: a line using its output, not the command itself
            return answer.split()[: len(words)] == words and (not known or command_path(answer, self.grammar) == path)

        if code in self._left_out_headings and len(self.notes.drafts) > start:
            return  # "## run" over its commands (`docker container run …`): the heading only names their topic
        if not any(writes(d.answer) for d in self.notes.drafts[start:]):
            self.command_card(code, ctx, desc, line, own_prompt=True)

    def heading_command(
        self, code: str, desc: str, ctx: Context, line: int, parent_ok: bool, following: Node | None
    ) -> Context | None:
        """Its prompt: the heading's own words, else the plain paragraph right under it. A
        command written in words (``### ls``) waits for its section: its description is the
        section's title."""
        if not parent_ok:
            if not desc and following is not None and following.type == "paragraph" and following.children:
                lines = token_lines(following.children[0].children)
                said = segments(lines[0])[0] if lines and not self.finds(lines[0])[1] else ""
                first = "" if text_flag(said) else ln.clean(said)  # "## cp" over "-r : …": its flags, no description
                desc = first if ln.is_label(first) or (len(first) <= 80 and ln.has_japanese(first)) else ""
            if not desc or desc.endswith((":", "：")):
                return None
            self._heading_card = (code, desc, ctx, line, len(self.notes.drafts), self._level)
            path = command_path(code, self.grammar)
            return Context(ctx.section, desc, ctx.command, ctx.in_item, ctx.hints, False, path)
        if not desc and following is not None and following.type == "paragraph" and following.children:
            lines = token_lines(following.children[0].children)
            inline = read_inline(lines[0]) if lines else None
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
        """Handle one block with the first of BLOCK_READERS that reads it; returns the context
        for following siblings (a command section). Blockquotes (pasted errors), html and
        images are read by none: never cards."""
        lead_node, before_lead = self._lead
        if ctx.own and lead_node is not node:  # a lead labels only the block right under it
            ctx = before_lead
        for read in BLOCK_READERS:
            after = read(self, node, ctx, following)
            if after is not PASS:
                return after
        return ctx

    def reads(self, code: str, *, had_prompt: bool = False) -> bool:
        """Does the grammar read this as a command? A known program (shipped, learned or
        listed) followed by a command path that parses; prose, output and YAML do not.
        Variables set for it first (``GIT_TRACE=1 git …``) are part of the line, not its program.
        Asked several times of one line (its side, its card): answered once per line."""
        known = self._reads.get((code, had_prompt))
        if known is None:
            known = self._reads[code, had_prompt] = self._reads_uncached(code, had_prompt)
        return known

    def _reads_uncached(self, code: str, had_prompt: bool) -> bool:
        env = tx.env_prefix(code)
        if env and code.strip()[len(env) :].split()[0] in self.programs:
            code = code.strip()[len(env) :]
        words = strip_sudo(code.split())
        if not words or words[0] in self.grammar.not_programs or not tx.is_program_word(words[0]) or tx.opens_compound(code):
            return False
        if ln.has_japanese(words[0]) or words[-1].endswith((":", "：")):
            return False
        if len(words) > 1 and ln.has_japanese(words[1]) and not is_worded_value(words[1]):
            return False  # "docker とは": words; "file ファイル名": a value written in words
        if words[0] not in self.programs:
            return had_prompt and tx.reads_as_command(" ".join(words))
        if self.grammar.knows(words[0]):
            return self.grammar.command_prefix(words) >= 1 or (len(words) > 1 and words[1].startswith("-"))
        return not any(w.lower() in _PROSE_WORDS for w in words[1:4])

    def _grammar_reads(self, code: str) -> bool:
        """A command of a program the grammar knows, whose command path parses (``git stash list``)."""
        words = code.split()
        return bool(words) and self.grammar.knows(words[0]) and self.grammar.command_prefix(words) == len(words)

    def finds(self, tokens: list) -> tuple[str, list[ln.Found]]:
        """A line's text (code spans as their content) and the commands it holds: its code
        spans the grammar reads, else the command its words hold."""
        text, spans = segments(tokens)
        found: list[ln.Found] = []
        for start, end, content in spans:
            code, had = tx.strip_prompt(content)
            had = had or text[:start].rstrip().endswith("$")
            alone = not text[:start].strip(" $") and (len(code.split()) > 1 or had or not text[end:].strip())
            code, _ = tx.split_trailing_comment(code)
            if self.reads(code, had_prompt=had) and (len(code.split()) > 1 or alone):
                found.append(ln.Found(start, end, clean_answer(code), had, span=True))
        if not found:
            found = [
                ln.Found(f.start, f.end, clean_answer(f.code), f.had_prompt)
                for f in ln.text_commands(text, self.reads, self._grammar_reads)
            ]
        quoted = _QUOTED_LINE.match(text) if not found and not spans else None
        if quoted and self.reads(quoted.group(2)):  # "- 'sort -n num.txt'": quotes for the backticks of code
            text = f"{quoted.group(1)} {quoted.group(2)} "  # (the line as it would be in code: no words around it)
            found = [ln.Found(quoted.start(2), quoted.end(2), clean_answer(quoted.group(2)), False)]
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
        # a continued command's last line (its entry is the notes' lines joined: model.join_continued_lines)
        ends = {line: line + joined for line, tokens in entries if (joined := joined_breaks(tokens))}
        for index, (line_no, tokens) in enumerate(entries):
            text, found = self.finds(tokens)
            if not found and (code := self._program_left_out(text, ctx.section)):
                found = [ln.Found(0, len(text.rstrip()), clean_answer(code), False)]
            if not found:
                spans = segments(tokens)[1]
                flags = ln.flags_in_words(text, spans) if spans else ln.flags_in_plain_words(text)
                command = ctx.command or ctx.recent or self.section_command(ctx.section)
                if command and self.grammar.knows(command.split()[0]):  # a flag its command has, not one of another's
                    flags = [(flag, desc) for flag, desc in flags if self._has_flag(command, flag)]
                for flag, desc in flags:  # "`-d` オプションでバックグラウンド実行", "Pass `--repo <PATH>` to …"
                    self.term(flag, desc, ctx, line_no)
                if flags:
                    run = None
                    continue
                words = ln.clean(text)
                over = pending[-1][0] if pending else 0
                after = pending and pending[-1][3] is None and ends.get(over, over) == line_no - 1 and index == 1
                if after and words and len(words) <= 100 and not text.lstrip().startswith("#") and not ln.command_shaped(words):
                    self.command_card(pending.pop()[1], ctx, words, over, own_prompt=True)
                    run = None  # "docker ps" then "コンテナ一覧": the words under a command describe it
                    continue
                if ln.is_label(words) and not COMMENTARY.search(words):
                    labels.append(words)
                    run = len(labels) - 1
                else:
                    run = None
                continue
            for i, f in enumerate(found):
                own = ln.own_words(text, found, i)
                if own is None:
                    continue  # a command named inside a sentence about something else, a remark
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
                    shared = not (words or ctx.in_item)  # a section's label over its steps
                    self.command_card(code, ctx, label, line_no, own_prompt=bool(words) or ctx.own, shared=shared)
        return last

    def _program_left_out(self, text: str, section: list[str] | None = None, *, alone: bool = False) -> str:
        """A line of only a subcommand and its arguments (``checkout ブランチ名``, ``pull --rebase``)
        under a heading naming its program (``# kubectl のサブコマンド``), or in notes whose every
        command so far is one program's (git's): that program's command, when the grammar reads
        the whole line as one of its commands; "" otherwise."""
        named = [w for heading in reversed(section or []) for w in _WORD.findall(heading.lower()) if self.grammar.knows(w)]
        if not named and len(self._programs_carded) != 1:
            return ""
        program = named[0] if named else next(iter(self._programs_carded))
        words = text.split()
        if len(words) < (1 if alone else 2) or not self.grammar.knows(program) or not _SUBCOMMAND_WORD.match(words[0]):
            return ""
        if words[0] in self.programs or any(ln.has_japanese(w) and not is_worded_value(w) for w in words[1:]):
            return ""  # a program of its own ("cp"), or words
        code = f"{program} {text.strip()}"
        known = self.grammar.command_prefix(code.split())
        rest = code.split()[known:]
        plain = [w for w in rest if _PLAIN_WORD.fullmatch(w)]
        if any(_SAYING.fullmatch(w) for w in rest):
            return ""  # "run = create + start": words about it
        if alone and plain:
            return ""  # a heading: the subcommand alone, or with its flags ("## version 2 notes": a title)
        if known < 2 or ln.reads_as_words(text) or len(plain) > 2 or any(w.lower() in _PROSE_WORDS for w in rest):
            return ""  # ("switch to the new branch", "version 3-type compose files": words go on)
        path = " ".join(code.split()[:known])
        return code if self.reads(code) and all(self._has_flag(path, w) for w in rest if w.startswith("-")) else ""

    def _runs_to_end(self, tokens: list) -> bool:
        """Does a line of words hold a command read to its end (``sudo apt-get install -y``,
        ``VMを作る: gcloud … create vm``), so that a backslash ending it continues the command
        (:func:`~dockquiz.notes.model.join_continued_lines`), not words ending in a markdown line break?"""
        text, found = self.finds(tokens)
        if found and not found[-1].span and not text[found[-1].end :].strip(" \\¥"):
            return True
        code, had = tx.strip_prompt(text.strip().rstrip("¥ ").strip("`"))
        return self.reads(code, had_prompt=had)

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

    def _bare_alias(self, code: str) -> bool:
        """A program's short alias alone (``k``: a key of ``top`` as much as kubectl's alias, which
        runs nothing by itself): no command. A clone spelt out (``docker-compose``) is one."""
        words = code.split()
        return len(words) == 1 and len(words[0]) <= 2 and self.grammar.program_of(words[0]) != words[0]

    def command_card(self, code: str, ctx: Context, prompt: str, line: int, *, own_prompt: bool, shared: bool = False) -> Context:
        """A command card; ``shared``: its prompt is a label over other lines too (a heading, a
        lead line), which :meth:`_one_per_label` gives to one of them only."""
        if self._bare_alias(code):
            return ctx  # "- `k` … プロセスにシグナル送信": a key, not kubectl
        hints: dict[str, str] = {}
        key_parts = (*ctx.section, prompt if own_prompt else "")
        path = command_path(code, self.grammar)
        if prompt.strip().lower() in (path.lower(), code.split()[0].lower()):
            self.section_commands.setdefault(tuple(ctx.section), path)  # "## grep" over `grep …`:
            return Context(ctx.section, prompt, path, True, hints)  # the answer itself, no card
        draft = self.add("command", key_parts, ctx, prompt, code, line, command=path, hints=hints)
        if shared and draft is not None:
            self._shared.add(id(draft))
            if ctx.own and not ctx.listed:
                self._lead_shared.add(id(draft))  # a lead line's, over a list of bare commands
        self.section_commands.setdefault(tuple(ctx.section), path)
        self.command_answers.add(" ".join(code.split()))
        if draft is not None:
            self._programs_carded.add(without_sudo(draft.answer).split()[0])
        return Context(ctx.section, prompt, path, True, hints)

    def option_cards(self, code: str, desc: str, ctx: Context, command: str, line: int) -> None:
        """A flag of ``command`` with its description: an option card and its reverse."""
        if not desc:
            self.warn(line, "notes.warn.option_no_description", flag=code)
            return
        spellings = code.replace(",", " ").split()
        if len(spellings) > 1 and all(w.startswith("-") for w in spellings):
            code = spellings[0]  # `-d, --detach`: one flag, two spellings
        if _CHOICES.search(code):
            code = tx.flag_name(code)  # --restart=[no | always]: the choices are the notes' list, not a value to type
        value = code.strip()[len(tx.flag_name(code)) + 1 :]
        if value and _NAMES_A_VALUE.fullmatch(value):  # `--name {NAME}`, `-p HOST_PORT:CONTAINER_PORT`: any value,
            named = re.sub(_VALUE_NAME, lambda m: f"<{m.group().strip('{}')}>", value)  # as placeholders study shows
            code = code.strip()[: len(code.strip()) - len(value)] + named  # (cut to the flag, the answer is not the notes')
        flag = tx.flag_name(code)
        desc = _without_own_flag(desc, flag)
        desc = _OPEN_ASIDE.sub("", desc) or desc  # "…する（例 `name=x` など）" read up to its code: the aside left open
        if not desc:
            return  # `-x = --exclude`: the description is the flag's own spellings, nothing to ask
        command = self._spelt_program(command)
        command = _shell_command(command, self.grammar)  # `tar zxfv a.tgz` over `-z`: `tar`
        if self._foreign_flag(command, code):
            self.warn(line, "notes.warn.option_no_command", flag=code)
            return  # the grammar knows the command and nothing like this flag: another command's
        part = tuple(ctx.section[:1])
        parts = self._options.setdefault((command, code), set())
        if parts - {part}:
            return  # the same flag described again in another part (a translation, a summary): one card
        parts.add(part)
        said = (" ".join(desc.split()), code)
        if self._option_words.setdefault(said, command) != command:
            return  # the same row in the same words under another command's help: it asks the same again
        option = self.add("option", (command, flag), ctx, desc, code, line, command=command)
        meant = (command, code, tuple(ctx.section))
        if meant in self._meant:
            return  # the flag described again in its section: either description would be a right choice
        self._meant.add(meant)
        meaning = self.add("meaning", (command, flag), ctx, flag, desc, line, command=command, hints={"flag": code})
        if option is not None and meaning is not None and option.prompt_en:
            meaning.hints["en"] = option.prompt_en  # the choice's English words, when the grammar knows the flag

    def is_command(self, code: str, *, had_prompt: bool = False, explicit: bool = False) -> bool:
        """Is this line of a code block a command? ``sudo X`` is judged by ``X``; in a block
        marked as shell, a program no list knows counts when the line reads as a command.
        Answered once per line."""
        key = (code, had_prompt, explicit)
        known = self._is_command.get(key)
        if known is None:
            known = self._is_command[key] = self._is_command_uncached(code, had_prompt, explicit)
        return known

    def _is_command_uncached(self, code: str, had_prompt: bool, explicit: bool) -> bool:
        env = tx.env_prefix(code)
        if env and code.strip()[len(env) :].split()[0] in self.programs:
            code = code.strip()[len(env) :]  # GIT_TRACE=1 git commit -m x: git's line
        words = code.split()
        if not words or words[0] in self.grammar.not_programs or tx.opens_compound(code):
            return False  # `for f in *.log; do`: a loop's head, no command
        if words[0] == "sudo" and len(words) > 1:
            return self.is_command(
                " ".join(w for w in strip_sudo(words) if not w.startswith("-")) or "-", had_prompt=had_prompt, explicit=True
            )
        if tx.looks_like_command(code, had_prompt=had_prompt, programs=self.programs):
            return True
        if "/" in words[0].lstrip("./~") or (len(words) == 1 and not words[0].startswith("./")):
            return False  # pod/web created, sample1: output of the command above
        return (explicit or words[0].startswith("./")) and tx.reads_as_command(code)

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
            name = tx.without_pointer(ctx.title)  # "…, run the below command:": the words before it
            if _SYNTAX.match(name) and ctx.own is False and len(ctx.section) > 1 and name == ctx.section[-1]:
                name = ctx.section[-2]  # "## Syntax" under "# 稼働コンテナでプロセス実行": the parent says it
            if tx.is_topic(name) or _says_only(name, code) or len(name) > 120:
                return ""  # (a sentence of explanation is no label either)
            return name

        for line_no, code, own, run in found:
            if own:
                out.append((line_no, code, joined(title(code), own), own))
            else:
                groups.setdefault(run, []).append((line_no, code, ""))
        g = self.grammar
        for run, members in groups.items():
            named = title(members[0][1])
            if run is not None and _lists_answers(named, every):
                named = ""  # "### start/stop/restart" over "# 開始/停止/再起動する": the heading lists the answers
            # "# Note the leading $": a remark, the label above says what (unless it names the command)
            remark = run is not None and is_remark(comments[run]) and not _names_a_member(comments[run], members)
            label = named if run is None or remark else joined(named, comments[run])
            heading = tx.without_pointer(ctx.title)
            if (
                not label
                and run is None
                and heading
                and len(heading) <= 120
                and not tx.is_topic(heading)
                and heading not in g.command_words
            ):
                # "# install components" over its lines: only their own words; the grammar's words for
                # the whole line may say it (add), else no card
                label = heading if all(_says_only(heading, code) for _, code, _ in members) else ""
            if not label or (run is None and tx.is_topic(tx.without_pointer(ctx.title))):
                continue  # "メモ", "概要": a topic, not what one line does
            paths = [command_path(without_sudo(code), self.grammar) for _, code, _ in members]
            words = "" if run is None or remark else comments[run]
            steps = list(dict.fromkeys(paths))
            parts = tx.enumeration(words or ctx.title)
            listed = all(  # a list of steps, not a sentence's clauses (the first may carry the object)
                (index == 0 or len(part) <= 12) and not _NOT_A_STEP.search(part) for index, part in enumerate(parts)
            )
            spelt = _spelt_steps(words or ctx.title, steps, g)
            if spelt:  # "# push / pull / fetch", "## save/load": the label only spells the commands, it
                out += [  # describes none; each named one gets its own word (the grammar's words, else no card)
                    (line_no, code, spelt[path], words) for (line_no, code, _), path in zip(members, paths) if path in spelt
                ]
                continue
            # "起動または停止" over stop, start: each part to the command it names
            part_of = paired_steps(alternatives(words or ctx.title), steps, g) if len(steps) > 1 else None
            listed = listed and not any({p, p.split()[0]} & g.checks for p in steps)  # a look is no step of it
            # parts that are commands' own words pair by name or not at all ("start/stop/restart" over
            # down, stop, restart: "start" is no down)
            listed = listed and not any(says(part, p, g) == 2 for part in parts for p in steps)
            if part_of is None and len(steps) > 1 and len(parts) == len(steps) and listed:  # 停止＆起動＆削除: in order
                part_of = dict(zip(steps, parts))
            if part_of:
                out += [
                    (line_no, code, f"{label} — {part_of[path]}", words)
                    for (line_no, code, _), path in zip(members, paths)
                    if path in part_of
                ]
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
            named = _names_one(label, [code for _, code, _ in members], g) if len(members) > 1 else None
            if named is not None:  # "Docker CE をインストール" over its steps: the one installing docker-ce
                line_no, code, _ = members[named]
                out.append((line_no, code, label, words))
                continue
            main = named_step(words or label, paths, g)  # "Push it" over docker login, docker push: the push
            named_one = main is not None
            lines_of_main = [code for (_, code, _), path in zip(members, paths) if path == main]
            if named_one and len(main.split()) == 1 and all(_program_and_values(code) for code in lines_of_main):
                continue  # "resize2fs を実行" over df, resize2fs /dev/sda1: that line's, and its card would give it away
            if main is None:  # "## tail" over "### 指定した行以降の表示" over grep, tail: the section's program
                main = _section_program(ctx.section[:-1], paths)
            changes = [p for p in paths if not {p, p.split()[0]} & g.checks]
            if main is None and not doing and len(changes) == 1:  # `mkdir dir1` then `ls`: the line that changes
                main = changes[0]  # something, not the look
            if main is None:
                main = fresh[0] if fresh else doing[0] if doing else paths[-1]  # not a line carded already
            others: list[tuple[int, str, str, str]] = []
            first = next(code for (_, code, _), path in zip(members, paths) if path == main)
            said_any = not (_is_topic(label) or _describes_nothing(label, first, ctx))  # not "…は下記の通り"
            # "# cleanup" (or a lead line, a list item) over three prune commands: each of the others that
            # does a step (no look, no preparation) gets the label told apart by what it does, and so does
            # the first (the label is all of theirs); a lead naming one ("Push it:") is that one's alone
            leads = not named_one and ((ctx.own and not ctx.listed) or ctx.in_item)
            if said_any and (run is not None or leads):
                others = [
                    (line_no, code, f"{label} — {said}", words)
                    for (line_no, code, _), path in zip(members, paths)
                    if path != main and path in doing and (said := self._command_words(path, label, code))
                ]
            tell = bool(others) and not named_one
            for (line_no, code, _), path in zip(members, paths):
                if path == main:
                    said = self._command_words(main, label, code) if tell else ""
                    out.append((line_no, code, f"{label} — {said}" if said else label, words))
            out += others
        return sorted(out)

    def _command_words(self, path: str, label: str, code: str = "") -> str:
        """The grammar's own words for what a command does (Japanese beside a Japanese label, when
        it has them), to tell one of several commands under one label from the others; beside a
        Japanese label, with the words for each flag of its line ``code`` in brackets
        (english.flag_words_ja: what the English prompt says of them), which the values shown do not say."""
        scope = self.grammar.command(tuple(path.split()))
        if scope is None:
            return ""
        if not ln.has_japanese(label):
            return scope.en
        words = scope.ja or scope.en
        flags = flag_words_ja(self.grammar, code) if code and words else ""
        return f"{words}（{flags}）" if flags else words

    # --- grammar lookups ----------------------------------------------------------------
    def instructions(self) -> dict:
        return self.grammar.instructions

    def compose_keys(self) -> dict:
        return self.grammar.compose_keys


# a value written as names for any value that study would not show as placeholders (as it
# shows <dir>, [path]): {NAME}, HOST_PORT:CONTAINER_PORT, KEY=VALUE
_VALUE_NAME = r"(?:\{[^{}\s]+\}|[A-Z][A-Z0-9_]*[A-Z0-9])"
_NAMES_A_VALUE = re.compile(rf"{_VALUE_NAME}(?:[:=,@/.]{_VALUE_NAME})*")
_CHOICES = re.compile(r"[\[{(][^\]})]*\|[^\]})]*[\]})]")  # "[no | on-failure | always]": a list of choices


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:[A-Za-z_][\w-]*[ \t]*:.*\n|[ \t-].*\n)+---[ \t]*\n")  # YAML front matter
# "…を見るコマンド", "View a list of recently executed commands": what the command does, not a topic
_ONE_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9.+_-]*$")
_SAYS_WHAT = re.compile(r"(?:[るすくぐむぶつうい]|ない)(?:ための)?コマンド$")
_OPTIONS_HEADING = re.compile(r"options?|flags?|オプション|フラグ", re.IGNORECASE)


# "…なのだろうか", "…は下記の通り": a question or a pointer to what follows, no description of one line
_REMARK = re.compile(r"(?:だろうか|でしょうか|のかな|(?:下記|以下|次)の(?:通り|とおり))[。.]?$")
# a lead that only says "here it is": the question above it says what the block does
_FILLER = re.compile(
    r"^(?:there are \w+ ways(?: to do (?:this|it))?\.?\s*)?"
    r"(?:(?:an? )?example(?: for| of)?(?: the command| this| it)? is|(?:one|another|the other|other) way(?: is)?|"
    r"(?:now,? )?run this(?: in [\w ]+)?|like this|as follows|here it is)\b[\s\-:–—]*$",
    re.IGNORECASE,
)
_NOT_A_STEP = re.compile(r"[()（）|｜]|[でをにはが]$")  # "ローカルで、…", "GitHub（Macの場合）": no step's name
_NUMBERED = re.compile(
    r"^(?:手順|方法|ステップ|その|パターン|step|method|way|part|pattern)\s*[\d０-９]+(?:\s*[-－.~〜]\s*[\d０-９]+)*$",
    re.IGNORECASE,
)
_REASON = re.compile(r"(?:ので|から|けど|けれど|が)[、,]$")  # "…残るので、": why, not what the block under it does
_FRAGMENT = 6  # words under a block this short ("戻す") say what it does within its section
_LEADING_ENDS = (":", "：", "、", ",", "は", "?", "？")  # "…したいときは、", "How do I …?": the block under it says
_POINTS_DOWN = re.compile(r"以下|下記|次の|(?:the )?following|below", re.IGNORECASE)  # a line about the block under it


_SYNTAX = re.compile(r"^(?:syntax|usage|構文|書式|使い方)$", re.IGNORECASE)
_TOPIC_WORD = re.compile(r"^(?:basics?|commands?|tips|memo|cheat|usage|misc|others?|基本|コマンド|例|使い方)$", re.IGNORECASE)


_LABEL_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")
_INSTALLS = re.compile(r"インストール|導入|install|set ?up", re.IGNORECASE)
_PLAIN_WORDS = {"the", "and", "for", "with", "from", "into", "all", "to", "of", "a", "an", "in", "on", "by", "it", "its"}


# a question asking how to do something ("How do I list…?", "What is the command to…?", "…するには？")
_PURPOSE_POINTER = re.compile(r"^(?P<does>[^、。]{4,60}?(?:には|するため|したい場合は|する場合は))[、,]?\s*(?:以下|下記)")
_ASKS_HOW = re.compile(r"^(?:how|what)\b|(?:には|方法は?|どうやって|どうすれば)[?？]?$", re.IGNORECASE)


def _code_spans(node) -> list[str]:
    """The code spans a block holds."""
    if getattr(node, "type", "") == "code_inline":
        return [node.content.strip()]
    return [span for child in (getattr(node, "children", None) or ()) for span in _code_spans(child)]


def _shows_more(spans: list[str], body: str) -> bool:
    """Do the words between a question and its block name, in code, a flag (``--limit``: the block
    is that flag's example) or a word the block's commands write other than their program
    (``beta``, ``jq``)? Then the question does not say all the block writes."""
    lines = [tx.strip_prompt(line)[0].split() for line in body.splitlines()]
    written = {word for words in lines for word in words[1:]} - {words[0] for words in lines if words}
    return any(span.startswith("-") or span in written for span in spans)


def _shell_command(command: str, grammar: Grammar) -> str:
    """The command an option card names, for a shell program no grammar reads that dockquiz has
    words for: the program and its subcommand, never the example line's other words (``tar zxfv
    a.tgz`` → ``tar``: study would show the flags asked, ``zxfv``); any other command as it is."""
    words = command.split()
    start = 1 if words[:1] == ["sudo"] else 0
    if len(words) <= start + 1 or grammar.command_prefix(words[start:]):
        return command
    info = words_for(words[start])
    if info is None:
        return command
    sub = words[start + 1] if info.commands and words[start + 1] in info.commands else None
    return " ".join([*words[: start + 1], *([sub] if sub else [])])


def _names_one(label: str, codes: list[str], grammar: Grammar) -> int | None:
    """The step of an install that installs what its label names (``Docker CE をインストール`` over
    ``apt-get install ca-certificates``, ``curl …``, ``apt-get install docker-ce``): the one line
    whose arguments share most of the label's words, when one alone does; None otherwise."""
    if not _INSTALLS.search(label):
        return None
    wanted = {w.lower() for w in _LABEL_WORD.findall(label)} - _PLAIN_WORDS - {"install", "installing", "setup"}
    if not wanted:
        return None

    def named(code: str) -> set[str]:
        words = code.split()
        args = [w for w in words[len(command_path(code, grammar).split()) :] if not w.startswith(("-", "'", '"', "$", "http"))]
        return {w.lower() for arg in args for w in _LABEL_WORD.findall(arg)}

    def installs(code: str) -> bool:  # apt-get -y install, brew install, yum install
        return bool(_INSTALLS.search(" ".join(w for w in code.split()[:4] if not w.startswith("-"))))

    scores = [len(wanted & named(without_sudo(code))) if installs(without_sudo(code)) else 0 for code in codes]
    best = max(scores)
    return scores.index(best) if best and scores.count(best) == 1 else None


def _program_and_values(code: str) -> bool:
    """Is a line only its program and values study shows beside any prompt (``resize2fs
    /dev/sda1``, ``ifconfig``)? A label naming that program gives the whole answer away; one
    naming ``tar`` over ``tar xzf a.tar.gz`` leaves its flags to type."""
    from dockquiz.grading.forms import card_values
    from dockquiz.grading.lexer import placeholders

    shown = {re.sub(r"\W", "", v).lower() for v in (*card_values("example", code), *placeholders(code))}
    return all(re.sub(r"\W", "", word).lower() in shown for word in split_words(without_sudo(code))[1:])


_TOPIC_WORDS = 2  # a line's own words this short name a topic or a flag ("follow"), not what the command does


def _is_topic(prompt: str) -> bool:
    """A topic, a number or a remark in place of what a card's answer does."""
    topic = tx.is_topic(prompt) and not _SAYS_WHAT.search(prompt.strip()) and len(prompt.split()) < 5
    return topic or _numbered_or_remark(prompt)


def _numbered_or_remark(prompt: str) -> bool:
    """A number, not words ("手順4-6", "方法1", "method 2"), or a remark ("…だろうか", "…は下記の通り")."""
    return bool(_NUMBERED.match(prompt.strip()) or _REMARK.search(prompt.strip()))


def _describes_nothing(prompt: str, answer: str, ctx: Context) -> bool:
    """A command's prompt that says nothing of what it does: a remark (``…を参照``, ``との
    違い``), a heading or lead of one Latin word (``network``: a topic), or only the answer's own
    words (``[ps]()``, ``basic (fetch)``)."""
    if is_remark(prompt):
        return True
    if _ONE_WORD.match(prompt.strip()) and prompt.strip() in (ctx.title, *ctx.section[-1:]):
        return True
    return _says_only(prompt, answer)


def _names_a_member(words: str, members: list[tuple[int, str, str]]) -> bool:
    """Do words name one of the commands by a word of its own (``Now you can 'docker push' …``)?"""
    said = {w.lower() for w in re.findall(r"[A-Za-z][\w-]*", words)}
    return any(len(code.split()) > 1 and code.split()[1].lower() in said for _, code, _ in members)


def _section_program(headings: list[str], paths: list[str]) -> str | None:
    """The one command path, a program of no subcommands, that an enclosing heading is the name of
    (``## tail`` over ``grep -n x f`` and ``tail -n +100 f``: tail); None otherwise."""
    titles = {h.strip().lower() for h in headings}
    named = {p for p in paths if len(p.split()) == 1 and p.lower() in titles}  # (not a group: "## git")
    return named.pop() if len(named) == 1 and len(set(paths)) > 1 else None


def _spelt_steps(label: str, paths: list[str], grammar: Grammar) -> dict[str, str]:
    """A label listing only the commands' own words (``push / pull / fetch``, ``save/load``,
    ``gunzip / gzip``): each command path it spells, with the part that spells it; {} when a part
    says anything else (``起動または停止``, ``Pause, resume or kill``) or fewer than two parts."""
    parts = tx.enumeration(label) or alternatives(label)
    if len(parts) < 2 or len(paths) < 2:
        return {}
    names: dict[str, str] = {}
    for path in paths:
        words = path.lower().split()
        for name in {path.lower(), words[0], words[-1]}:
            names.setdefault(name, path)
    programs = {p.split()[0] for p in paths}
    # a part may name a command of the same program no line writes ("start" of start/stop/restart)
    if not all(part.strip().lower() in names or _subcommand_of(programs, part.strip(), grammar) for part in parts):
        return {}
    out: dict[str, str] = {}
    for part in parts:
        if part.strip().lower() in names:
            out.setdefault(names[part.strip().lower()], part.strip())
    return out


def _subcommand_of(programs: set[str], word: str, grammar: Grammar) -> bool:
    """Is ``word`` a subcommand of one of ``programs`` (``start`` of docker-compose)?"""
    return bool(re.fullmatch(r"[a-z][a-z-]*", word)) and any(grammar.command((p, word)) is not None for p in programs)


def _lists_answers(title: str, answers: str) -> bool:
    """Is a heading a list of the block's own command words (``start/stop/restart``)?"""
    parts = tx.enumeration(title)
    words = {w.lower() for w in answers.split()}
    return len(parts) > 1 and all(part.lower() in words for part in parts)


_WORDY = re.compile(r"[^\W\d_]")
_EDGE = " \t.,、。:：;=–—|/()（）[]{}"


def _without_own_flag(desc: str, flag: str) -> str:
    """An option's description without the flag it describes, which would give the answer away:
    of the words before and after the flag (and its other spelling, ``= --location``), the part
    with more letters (``ファイルに保存 (-o out.html)`` → ``ファイルに保存``, ``(--x – do not
    use it)`` → ``do not use it``); empty when nothing but spellings is left (``-L = --location``).
    Another program's flag (``tail -f と同じ``) is a comparison, kept."""
    found = re.search(rf"(?<![\w-])(?<![A-Za-z] ){re.escape(flag)}(?![\w-])", desc) if flag.startswith("-") else None
    if found is None:
        return desc
    before = desc[: found.start()].strip(_EDGE)
    after = re.sub(r"^\s*(?:[=,/|]|or)?\s*--?[\w-]+(?=[\s)）,]|$)", "", desc[found.end() :]).strip(_EDGE)
    best = max((before, after), key=lambda part: len(_WORDY.findall(part)))
    return best if len(_WORDY.findall(best)) >= 2 and not re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", best) else ""


def _says_only(prompt: str, answer: str) -> bool:
    """Is a prompt only the answer's own words (``[ps]()``, ``basic (fetch)``, ``logs <id>``)
    and topic words: nothing that says what the command does?"""
    own = {w.lower() for w in _ANSWER_WORD_GAP.split(answer) if w}
    said = 0  # letters of the other words
    for token in _PROMPT_TOKEN.findall(prompt):
        lower = token.lower()
        if lower in own or _TOPIC_WORD.match(token) or lower.strip("<>") in own:
            continue
        said += len(_NOT_WORD.sub("", token))
        if said >= 2:
            return False
    return True


_ANSWER_WORD_GAP = re.compile(r"[\s=/:]+")
_PROMPT_TOKEN = re.compile(r"--?[\w-]+|<[^>]*>|[A-Za-z0-9][\w.+-]*|[^\sA-Za-z0-9]")
_NOT_WORD = re.compile(r"[\W_]")


_ALIAS = re.compile(r"(?<![\w-])alias\s+([A-Za-z][\w-]*)=(?:'([^'\n]+)'|\"([^\"\n]+)\"|([^\s`'\"]+))")
_QUOTED_LINE = re.compile(r"^(\s*)'([a-z][^']*(?:'[^']*'[^']*)*)'\s*$")  # a whole line in single quotes
_OPEN_ASIDE = re.compile(r"\s*[(（][^)）]*$")
_WORD = re.compile(r"[a-z][a-z0-9-]*")
_SAYING = re.compile(r"[=+→←⇒]+|->|=>|&|/")  # signs words use ("run = create + start"), not a command line
_PLAIN_WORD = re.compile(r"[A-Za-z0-9][\w-]*")  # a word, not a flag, path, value or placeholder
_SUBCOMMAND_WORD = re.compile(r"^[a-z][a-z0-9-]*$")
_PROSE_WORDS = {"is", "are", "was", "were", "the", "an", "of", "and", "to", "for", "that", "this", "it", "you", "can", "will"}


def _shown(draft: CardDraft) -> list[str]:
    """What study shows beside a command's prompt, its values and placeholders, as letters and
    digits only (``/path/to/file`` and ``path/to/file`` tell a learner nothing apart)."""
    from dockquiz.grading.forms import card_values, said_by
    from dockquiz.grading.lexer import placeholders

    shown = [*card_values(draft.kind, draft.answer, said_by(draft.prompt_ja, draft.prompt_en)), *placeholders(draft.answer)]
    return sorted(re.sub(r"\W", "", v).lower() for v in shown)
