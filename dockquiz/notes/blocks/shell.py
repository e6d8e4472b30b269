"""A shell block: each command line with the label it stands under (its own trailing
comment, the comment over its run of lines, or the block's label); flags defined in it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dockquiz.notes import lines as ln
from dockquiz.notes import text as tx
from dockquiz.notes.answer import clean_answer, command_path, join_continuations, words_after
from dockquiz.notes.describe import COMMENTARY
from dockquiz.notes.model import PASS, Context

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader

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


EXPLICIT_SHELL_LANGS = {"sh", "bash", "shell", "zsh", "console", "shell-session", "terminal", "fish", "powershell", "ps1", "cmd"}


_PART = r"(?:\[[^\]]*\]|<[^>]*>|\{[^}]*\})"
_VALUE = rf"(?:{_PART}|[^\s:：\[<{{]\S*?)(?::{_PART})*"  # [no | always], <name>, 8080:80, [host]:[container]
_OPTION_DEF = re.compile(  # "-i : 標準入力を開く", "--env , -e    Set environment variables"
    rf"^(--?[A-Za-z0-9][\w-]*)(?:[ =]({_VALUE}))?(?:\s*,\s*(?:--?)?[A-Za-z0-9][\w-]*(?:[ =]?{_VALUE})?)?"
    r"(?:\s*:\s+|\s+:|\s*：\s*|\t+|\s{2,}|\s*=>\s*|\s*→\s*|\s+[-–—]\s+|\s(?=[\u3040-\u30ff\u3400-\u9fff]))(\S.*)$"
)
# "rm -v, --volumes   Remove the volumes…": a help line kept in a comment, under its subcommand's name
_SUBCOMMAND_OPTION = re.compile(r"^([a-z][\w-]*)\s+(?=--?[A-Za-z0-9])(.*)$")


# "オプション　　説明", "Option  Description": a table's head written in comments
_TABLE_HEAD = re.compile(
    r"^(?:オプション|option|options|flag|flags|フラグ|コマンド|command)(?:\s{2,}|\u3000+|\t+)\s*(?:説明|意味|内容|description|meaning)$",
    re.IGNORECASE,
)
# "docker network create [オプション] ネットワーク": the command's syntax, its example comes next
_TEMPLATE = re.compile(r"\[(?:オプション|options?|OPTIONS?|引数)\]|<options?>", re.IGNORECASE)
_COLUMNS = re.compile(r"\t+|\s{3,}")


# "# オプション　　説明": the header of a list of flags, no label
_FLAG_HEADER = re.compile(r"^(?:オプション|options?|flags?|フラグ)\s+(?:説明|意味|description|meaning)$", re.IGNORECASE)


# flags said inside a comment: "(-d: 裏で動かす、-i: …)", "-f で追いかける"
_FLAGS_IN_WORDS = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)(?:\s*[:：]\s*|\s*で\s*)([^、,，。()（）:：]+)")


# in English: "(use -a to list stopped ones too)", "the -it flag to make it interactive", "-f tag is for follow"
_FLAGS_IN_ENGLISH = re.compile(
    r"(?:^|(?<=[\s(]))(?:(?:the|use)\s+)?(--?[A-Za-z][\w-]*)\s+(?:(?:flag|option|tag)\s+)?(?:is\s+(?:for|to)\s+|to\s+)([^,;:()]+)",
    re.IGNORECASE,
)


def flags_in_comment(text: str) -> list[tuple[str, str]]:
    """The flags a comment explains on the way (``起動 (-d: 裏で動かす、-i: 入力を開く)``,
    ``末尾だけ。-f で追いかける``, ``show them (use -a to list stopped ones too)``): (flag, its words)."""
    found = _FLAGS_IN_WORDS.findall(text) or _FLAGS_IN_ENGLISH.findall(text)
    return [(flag, ln.clean(words)) for flag, words in found if ln.clean(words)]


_CONSEQUENCE = re.compile(r"^(?:->|=>|→|⇒)")  # "# -> 展開される": what the line does, said after the comment above


_BANNER = re.compile(r"^[-=*~#_]{2,}\s*([^-=*~#_].*?)\s*[-=*~#_]{2,}$")  # "---- logs ----": a section's name


_FLAG_ONLY = re.compile(r"^--?[A-Za-z0-9][\w-]*(?:[ =]\S+)?$")


_PLAIN_WORDS = re.compile(r"^[A-Za-z][a-z']*(?:\s+[A-Za-z][a-z']*){2,}\.?$")  # three words or more, no shell marks: a sentence
_SLASH_COMMENT = re.compile(r"\s+//\s*([^/\s].*)$")  # "date //显示当前时间"


_ADDED = re.compile(r"^[+＋]\s*(\S.*)$")  # "+ ホストのパスも指定": more than the comment above says


_STEP_LINE = re.compile(r"^\d{1,2}[.)．]\s+(\S.*)$")  # "1. 親ブランチから作業ブランチを作成"
_BRACKETED = re.compile(r"^(?:\[([^\]]+)\]|【([^】]+)】)$")  # "[コンテナ作成/起動]", "【ログを見る】"
_SHELL_MARKS = re.compile(r"[|<>=$`{};&]|^[-+*/.~]|\S/\S")


def word_label(r: Reader, lines: list[tuple[int, str]], index: int, *, dollar: bool, explicit: bool) -> str:
    """A line of words written in a block as a comment without its ``#``: standing apart (the
    block's first line, or after a blank one) right over a command, and written as a label —
    in brackets (``[コンテナ停止/削除]``), ending in ``:`` (``list account:``), or in Japanese words
    (``リベースの取り消しをする場合``). Its words, or "" (output, a command, a sentence)."""
    raw = lines[index][1].strip()
    apart = not index or not lines[index - 1][1].strip()
    step = _STEP_LINE.match(raw) if dollar else None  # "1. 作業ブランチを作成" over "$ git branch …": a numbered step
    below = index + 2 if step and index + 2 < len(lines) and not lines[index + 1][1].strip() else index + 1
    if raw.startswith("#") or not apart or below >= len(lines) or lines[below][0] != lines[index][0] + below - index:
        return ""
    following = lines[below][1].strip()
    code, had = tx.strip_prompt(following)
    if not code or code.startswith("#") or (dollar and not had):
        return ""
    if not r.is_command(tx.split_trailing_comment(code)[0], had_prompt=had, explicit=explicit):
        return ""
    bracketed = _BRACKETED.match(raw)
    if bracketed:
        words = bracketed.group(1) or bracketed.group(2)
    elif step:
        words = step.group(1)
    elif dollar or tx.strip_prompt(raw)[1] or r.is_command(raw, explicit=explicit) or ln.command_shaped(raw):
        return ""  # among "$" prompts a line without one is output
    elif raw.endswith((":", "：")) or ln.has_japanese(raw):
        words = raw
    else:
        return ""
    if _SHELL_MARKS.search(words.rstrip(":：")) and not ln.has_japanese(words):
        return ""  # "Password:", "key=value:", a path: output or data
    words = ln.clean(words)
    if not words or not re.search(r"\w", words) or COMMENTARY.search(words) or len(words) > 120:
        return ""
    if set(words.lower().split()) <= set(code.lower().split()):
        return ""  # "auth:" over "gcloud auth login": the command's own word, no description
    return words


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


def _put_aside(r: Reader, text: str) -> bool:
    """Is a comment's text a command line put aside (``# git config --global …``, ``# nm -D x``),
    not words (``# make a new key`` reads as make and its targets, but is words)?"""
    return (r.reads(tx.strip_prompt(text)[0]) or ln.command_shaped(text)) and not ln.reads_as_words(text)


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


def owner(r: Reader, code: str, flag: str) -> str | None:
    """The command of a line (of its pipeline: ``curl … | tar -xzC …``) whose grammar has the flag."""
    parts = [part.strip() for part in re.split(r"\s*(?:\|\|?|&&|;)\s*", code) if part.strip()]
    for part in parts:
        path = command_path(part, r.grammar)
        if r._has_flag(path, flag):
            return path
    name = flag.split("=")[0]
    for part in parts if len(parts) > 1 else ():  # no grammar: the part that writes the flag
        words = part.split()[1:]
        short = len(name) == 2 and name[1] != "-"
        if any(w.split("=")[0] == name or (short and re.fullmatch(rf"-[A-Za-z]*{name[1]}[A-Za-z]*", w)) for w in words):
            return command_path(part, r.grammar)
    return None


def root_prompted(r: Reader, lines: list[tuple[int, str]]) -> bool:
    """``# docker ps`` in a block where no other line is a command: ``#`` is a root prompt."""
    rooted = False
    for _, raw in lines:
        line = raw.strip()
        if line.startswith("#"):
            rooted = rooted or r.reads(line.lstrip("#").strip())  # not "# gcloud のパスを確認"
        elif line and r.is_command(line):
            return False
    return rooted


def comments_over_commands(r: Reader, lines: list[tuple[int, str]], *, explicit: bool) -> list[tuple[int, str]]:
    """The block's lines with each comment over the command it describes. Most authors write
    a comment over its command; some write it under (``docker ps`` / ``# 一覧``). Decided once
    for the block, as for description lines around blocks: under, when that reading leaves
    fewer commands without a comment of their own and fewer comments unused (a first comment
    standing apart may be the block's title; a blank line between a comment and its command
    counts against the pair), ties to "over", and under only for two commands or more with a
    comment right under them. Then each comment run under a command is moved
    over it (the lines keep their numbers)."""
    kinds: list[str] = []  # per line: C command, D comment, X other, "" blank
    for _, raw in lines:
        line = raw.strip()
        if not line:
            kinds.append("")
        elif line.startswith("#!"):
            kinds.append("X")
        elif line.startswith(("#", "//")):
            text = tx.clean_comment(line[2:] if line.startswith("//") else line)
            spoken = re.search(r"\w", text) and not text.startswith("-") and not _CONSEQUENCE.match(text)
            put_aside = _put_aside(r, text)
            plain = spoken and not put_aside  # not a flag's note, nor a command put aside
            kinds.append("D" if plain else "X")
        else:
            code, had = tx.strip_prompt(line)
            kinds.append("C" if r.is_command(tx.split_trailing_comment(code)[0], had_prompt=had, explicit=explicit) else "X")
    groups: list[tuple[str, int, int]] = []  # (kind, first line index, last line index), comment runs as one
    for index, kind in enumerate(kinds):
        if kind and groups and kind == "D" == groups[-1][0] and groups[-1][2] == index - 1:
            groups[-1] = ("D", groups[-1][1], index)
        elif kind:
            groups.append((kind, index, index))
    commands = [g for g, (kind, _, _) in enumerate(groups) if kind == "C"]
    if len(commands) < 2:
        return lines

    def kind(g: int) -> str:
        return groups[g][0] if 0 <= g < len(groups) else "X"

    def apart(upper: int, lower: int) -> float:
        return 0.5 if groups[lower][1] - groups[upper][2] > 1 else 0.0

    over = under = 0.0
    for g in commands:
        over += apart(g - 1, g) if kind(g - 1) == "D" else 1
        under += apart(g, g + 1) if kind(g + 1) == "D" else 1
    for g in (g for g, (k, _, _) in enumerate(groups) if k == "D"):
        if g == 0 and kind(1) == "C" and apart(0, 1):
            continue  # a title over the block
        over += kind(g + 1) != "C"
        under += kind(g - 1) != "C"
    pairs = sum(1 for g in commands if kind(g + 1) == "D" and not apart(g, g + 1))
    if under >= over or pairs < 2:
        return lines  # (one comment under one command is as likely a remark on what it printed)
    order = list(range(len(lines)))
    for g in commands:
        if kind(g + 1) == "D" and not apart(g, g + 1):
            _, first, last = groups[g + 1]
            at = groups[g][1]
            order = [i for i in order if not first <= i <= last]
            place = order.index(at)
            order[place:place] = range(first, last + 1)
    return [lines[i] for i in order]


_COMPOUND_WORDS = {"do", "done", "then", "else", "elif", "fi", "esac", ";;", "{", "}"}


def read_shell(r: Reader, body: str, start: int, ctx: Context, *, explicit: bool) -> str | None:
    noted: set[int] = set()  # commands whose words are notes on their flags
    lines = join_continuations(body.splitlines(), start, noted=noted)
    dollar = any(tx.strip_prompt(t)[1] for _, t in lines)
    root = not dollar and root_prompted(r, lines)
    if not root:
        lines = comments_over_commands(r, lines, explicit=explicit)
    # each command with the label it falls under: its own trailing comment, the comment
    # over its run of lines, or (None) the block's label
    found: list[tuple[int, str, str, int | None]] = []  # line, code, own comment, comment run
    comments: list[str] = []
    run: int | None = None
    heredoc = ""
    last_path = None
    options: list[tuple[str, str, str, int]] = []  # flags defined in the block, after its cards
    flagged: list[tuple[str, str, int]] = []  # flags defined in comments, waiting for their command
    worded: list[tuple[str, str, int]] = []  # flags a comment explains on the way, for the command under it
    base: int | None = None  # the last comment written without a "+" (one with it adds to that)
    said, said_depth = -1, 0  # the line of the last comment (a comment right under it is an aside), its marks
    opening = False  # the run's comment is a banner ("# --- logs ---"): the comment under it describes
    compound = 0  # inside a loop or test opened over several lines (for … / do / … / done)
    compound_indent = ""
    for index, (line_no, raw) in enumerate(lines):
        stripped = raw.strip()
        if heredoc:
            heredoc = "" if stripped == heredoc else heredoc
            continue
        if compound:  # its body (indented, or do/then/else/done lines) is the script's, no card of its own
            code = tx.strip_prompt(stripped)[0]
            first = code.split()[0] if code.split() else ""
            body = raw[: len(raw) - len(raw.lstrip())] > compound_indent or first in _COMPOUND_WORDS
            if body or tx.opens_compound(code):
                compound += 1 if tx.opens_compound(code) else -1 if tx.closes_compound(code) else 0
                continue
            compound = 0  # a snippet left open ("if [[ -n $s ]];" alone): the lines after it are their own
        if not stripped:
            run = run if dollar else None
            continue
        if dollar and stripped[:1] in "$%" and tx.strip_prompt(stripped)[0].startswith("#"):
            stripped = tx.strip_prompt(stripped)[0]  # "$ # only its disks": a comment written after a prompt
        option = _option_line(lines, index)
        if option is not None:
            command = last_path or ctx.command or ctx.recent or r.section_command(ctx.section)
            if command:
                options.append((option[0], option[1], command, line_no))
            run = None
            continue
        if _describes_flag_above(lines, index):
            run = None
            continue
        if root:
            if stripped.startswith("#") and r.reads(stripped.lstrip("#").strip()):
                code, had = stripped.lstrip("#").strip(), True
            else:  # prose right over a command is its comment
                following = lines[index + 1][1].strip() if index + 1 < len(lines) else ""
                over = following.startswith("#") and r.reads(following.lstrip("#").strip())
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
            sub = _subcommand_option(r, text, lines, last_path or ctx.command or ctx.recent)
            if sub is not None:  # "# rm -v, --volumes   Remove …": that subcommand's flag
                options.append((*sub, line_no))
                said = line_no
                continue
            defined = [_OPTION_DEF.match(part) for part in _FLAG_LIST.split(text)]
            if len(defined) > 1 and all(d and ln.clean(d.group(3)) for d in defined):
                flagged += [(d.group(1), ln.clean(d.group(3)), line_no) for d in defined if d]  # "-q - quiet; -N '' - …"
                said = line_no
                continue
            if text and _put_aside(r, text):  # "# git config …": a line put aside
                if said == line_no - 1 and run is not None:
                    said = line_no  # "# docker search [オプション] キーワード" under its label: the label goes on
                else:
                    run = None
                continue
            if _TABLE_HEAD.match(text):
                said = line_no  # "# オプション　　説明": the head of the flags defined under it
                continue
            flag = _OPTION_DEF.match(text)
            if flag and ln.clean(flag.group(3)):  # "# -a : 停止中も表示": a flag of the command below
                flagged.append((flag.group(1), ln.clean(flag.group(3)), line_no))
                said = line_no
                continue
            if _FLAG_HEADER.match(text):
                continue
            worded += [(flag, words, line_no) for flag, words in flags_in_comment(text)]
            banner = _BANNER.match(text)
            text = banner.group(1).strip() if banner else text
            if text:  # "# もしくは", a bare link: the run goes on under its label
                under = said == line_no - 1 and run is not None
                if under and depth > said_depth and not opening and len(text) <= 30 and not COMMENTARY.search(text):
                    text = tx.qualified(comments[run], text)  # "# nsenter" then "## install": a part of it
                elif under and not (opening or tx.is_qualifier(comments[run]) or _CONSEQUENCE.match(stripped.lstrip("#/ "))):
                    said = line_no  # a comment under a comment: an aside; the first one describes
                    continue
                added = _ADDED.match(text)
                if added and base is not None:  # "# + ホストのパスも指定": the comment it adds to, with more
                    text = tx.qualified(comments[base], added.group(1))
                elif not added:
                    base = len(comments)
                comments.append(text)
                run = len(comments) - 1
                opening = bool(banner)
                said, said_depth = line_no, depth
            continue
        else:
            label = "" if root else word_label(r, lines, index, dollar=dollar, explicit=explicit)
            if label:  # "[コンテナ停止/削除]" over "$ docker compose down": a comment without its "#"
                comments.append(label)
                run = len(comments) - 1
                opening, said, said_depth = False, line_no, 1
                continue
            code, had = tx.strip_prompt(stripped)
            commented = said == line_no - 1 and run is not None  # right under a comment of its own: no output
            if dollar and not had and not (commented and r.reads(tx.split_trailing_comment(code)[0])):
                continue  # output of the commands above
        code, own = tx.split_trailing_comment(code)
        aside = _SLASH_COMMENT.search(code) if not own else None
        if aside:  # "cal -y //当年日历": a "//" comment after the command
            code, own = code[: aside.start()].rstrip(), ln.clean(aside.group(1))
        if own and not ln.has_japanese(own) and (own[0] in "-|" or (r.reads(own) and not _PLAIN_WORDS.match(own))):
            own = ""  # "# --output json | jq …": more of the command, put aside ("# find processes at a port": words)
        if not own:  # "apt install<TAB>  Installs a package": a column of words beside it
            parts = [part.strip() for part in _COLUMNS.split(code) if part.strip()]
            if len(parts) > 1 and not r.reads(parts[-1]) and (ln.has_japanese(parts[-1]) or " " in parts[-1]):
                code, own = parts[0], ln.clean(parts[-1])
        if not own:  # "git log で履歴を見る", "tar xf a.tar  展開する": the line's own words after it
            code, own = words_after(code)
            own = ln.clean(own) if own else ""
        if own and line_no in noted and run is not None and comments[run]:
            own = tx.qualified(comments[run], own)  # "# 作成" over its flags' notes: "作成（外部IPなし、…）"
        code = clean_answer(code)
        tag = tx.heredoc_tag(code)
        if tag:
            heredoc, run = tag, None  # a here-document: no card from it or its body
            continue
        if tx.is_assignment(code):
            continue  # HELM_RELEASE=3.17.3 sets up the run's commands
        if tx.opens_compound(code):
            compound, run = 1, None  # `for f in *.log` over its body: neither is a command of its own
            compound_indent = raw[: len(raw) - len(raw.lstrip())]
            continue
        if not r.is_command(code, had_prompt=had, explicit=explicit):
            run = None if not dollar else run
            continue
        found.append((line_no, code, own, run))
        last_path = command_path(code, r.grammar)
        options += [(flag, desc, owner(r, code, flag) or last_path, at) for flag, desc, at in flagged]
        worded += [(flag, words, line_no) for flag, words in flags_in_comment(own)]
        options += [(flag, desc, path, at) for flag, desc, at in worded if (path := owner(r, code, flag))]
        flagged, worded = [], []
        if (dollar or root) and not _TEMPLATE.search(code):
            run = None  # after a prompt, a comment labels the next command only (a syntax line: its example too)
    command = last_path or ctx.command or ctx.recent or r.section_command(ctx.section)
    options += [(flag, desc, command, at) for flag, desc, at in flagged if command]  # flags under their command
    if not found:
        for flag, desc, command, line_no in options:
            r.option_cards(flag, desc, ctx, command, line_no)
        return None
    single = len(found) == 1 and not dollar and not root and not ctx.in_item and ctx.command is None
    if single and r._below and not found[0][2]:
        heading = "" if tx.is_topic(ctx.title) else ctx.title
        if not heading or any(d.prompt_ja == heading and d.section == ctx.section for d in r.notes.drafts):
            r.command_card(found[0][1], ctx, r._below, found[0][0], own_prompt=True)  # its heading went above
            for flag, desc, command, line_no in options:
                r.option_cards(flag, desc, ctx, command, line_no)
            return last_path
    steps = r.block_steps
    if len(steps) == len(found) and not any(run is not None for _, _, _, run in found):
        # a step each; a line's own comment says more of its step, unless it names another command
        # ("# $ docker ps と同じ": an alias, which would give the answer away)
        found = [
            (line_no, code, step if ln.text_commands(own, r.reads) else tx.qualified(step, own), None)
            for (line_no, code, own, _), step in zip(found, steps)
        ]
    for line_no, code, label, words in r._labelled(found, comments, ctx):
        norm = " ".join(code.split())
        if single:  # a block of one command: a command card, its comment the prompt
            r.command_card(code, ctx, words or label, line_no, own_prompt=bool(words) or ctx.own)
        elif norm not in r.command_answers:
            r.add("example", (*ctx.section, norm), ctx, label, code, line_no, command=command_path(code, r.grammar))
    for flag, desc, command, line_no in options:
        r.option_cards(flag, desc, ctx, command, line_no)
    return last_path


def _subcommand_option(r: Reader, text: str, lines: list[tuple[int, str]], command: str | None) -> tuple[str, str, str] | None:
    """A help line kept in a comment under its subcommand's name (``rm -v, --volumes   Remove
    the volumes…`` among docker commands): (flag, words, the subcommand), when a program of the
    block (or the command read last) has that subcommand and the subcommand that flag, and the
    flag stands apart from its words as in a help page (a column, a dash); None otherwise."""
    sub = _SUBCOMMAND_OPTION.match(text)
    flag = _OPTION_DEF.match(sub.group(2)) if sub else None
    if flag is None or not ln.clean(flag.group(3)) or not _HELP_GAP.search(sub.group(2)[: flag.start(3)]):
        return None
    word, name = sub.group(1), tx.flag_name(flag.group(1))
    programs = [command.split()[0]] if command else []
    for _, raw in lines:
        code = tx.split_trailing_comment(tx.strip_prompt(raw.strip())[0])[0]
        if code and not code.startswith("#") and r.reads(code):
            programs.append(command_path(code, r.grammar).split()[0])
    for program in dict.fromkeys(programs):
        path = f"{program} {word}"
        if command_path(path, r.grammar) == path and r._has_flag(path, name):
            return flag.group(1), ln.clean(flag.group(3)), path
    return None


_HELP_GAP = re.compile(r"\s{2,}|\t|\s[-–—]\s")
_FLAG_LIST = re.compile(r";\s*(?=--?[A-Za-z0-9])")  # "-q - quiet; -N '' - no passphrase": a flag each


def all_commands(r: Reader, body: str) -> bool:
    """Is every line of a block (but its comments) a command the grammar reads? Then it is
    shell whatever language its fence names (``markdown``, a misspelt ``babash``)."""
    lines = [raw.strip() for _, raw in join_continuations(body.splitlines(), 0) if raw.strip()]
    lines = [line for line in lines if not line.startswith("#")]
    return bool(lines) and all(r.reads(tx.split_trailing_comment(tx.strip_prompt(line)[0])[0]) for line in lines)


def read(r: Reader, lang: str, body: str, start: int, ctx: Context):
    if lang not in SHELL_LANGS and not all_commands(r, body):
        return PASS
    return read_shell(r, body, start, ctx, explicit=lang in EXPLICIT_SHELL_LANGS)
