"""A Dockerfile block (marked, or untagged starting with ``FROM``): a card per commented
instruction line, in the words of its comment."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dockquiz.grading.grammar import Grammar
from dockquiz.notes import lines as ln
from dockquiz.notes import text as tx
from dockquiz.notes.answer import command_path, join_continuations
from dockquiz.notes.model import PASS, Context

if TYPE_CHECKING:
    from dockquiz.notes.reader import Reader

DOCKERFILE_LANGS = {"dockerfile", "docker"}
# a block marked as shell, or not marked, that holds a Dockerfile's lines (``COPY . /app`` under ``### COPY``)
_SHELL_MARKED = {"sh", "bash", "shell", "console", "", "text", "txt", "plaintext"}


_DIRECTIVE = re.compile(r"^#\s*(?:syntax|escape|check)\s*=", re.IGNORECASE)


def _joined_colon(title: str, words: str) -> str:
    return f"{title}: {words}" if title and words else (words or title)


def instruction_name(words: list[str], instructions: dict) -> str:
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
        said = _what_it_runs(grammar, " ".join(args)) if lang == "en" else ""
        return said or info["say"][lang].format(command=run_path(" ".join(args), grammar))
    what = info.get(lang, "")
    for word in words[1:]:  # COPY --from=build: another stage's files, not the build context's
        flag = info.get("with_flag", {}).get(word.split("=", 1)[0]) if word.startswith("--") else None
        if flag:
            what = flag.get(lang, what)
            break
    name = ""
    if info.get("name_from") == "first" and args:
        name = args[0].split("=")[0]
    elif info.get("name_from") == "as":
        upper = [w.upper() for w in words]
        name = words[upper.index("AS") + 1] if "AS" in upper[:-1] else ""
    if not name:
        return what
    return f"{what}（{name}）" if lang == "ja" else f"{what} ({name})"


def _what_it_runs(grammar: Grammar, code: str) -> str:
    """A RUN line's English from what its command does, flags and all (``apt-get install -y`` →
    "While building, install packages: answering yes to every question"; naming the command,
    "Run apt-get install while building", dropped ``-y``, and spelt out the answer of ``RUN apt-get
    update``); "" when the grammar has no words for it ("A `go` command"), or for the exec form."""
    from dockquiz.i18n import translate
    from dockquiz.notes.english import command_en

    if code.lstrip().startswith("["):
        return ""
    en = command_en(grammar, code)
    if not en or _NO_WORDS.match(en):
        return ""
    return translate("notes.en.while_building", "en", what=en[:1].lower() + en[1:])


_NO_WORDS = re.compile(r"^An? (?:`[^`]*` )?(?:command|program)\b")  # "A `go` command": only its kind


def run_path(code: str, grammar: Grammar) -> str:
    """The command path a line runs, past switches written before its subcommand (``apt-get -y
    install vim`` → ``apt-get install``, as the grammar reads a command card's line)."""
    path = command_path(code, grammar)
    return (_past_switch(code, grammar) if len(path.split()) == 1 else "") or path


def _past_switch(code: str, grammar: Grammar) -> str:
    """The command path past one switch right after the program (``apt-get -y install``), or ""."""
    from dockquiz.grading.grammar import guessed_path

    words = code.split()
    if len(words) < 3 or not _SWITCH.fullmatch(words[1]):
        return ""
    past = [words[0], *words[2:]]
    if grammar.knows(words[0]):
        known = grammar.command_prefix(past)
        return " ".join(past[:known]) if known > 1 else ""
    guessed = guessed_path(past, grammar)
    return " ".join(guessed) if len(guessed) > 1 else ""


_SWITCH = re.compile(r"-[a-z]")  # "-y", "-q": a one-letter switch, no value


def naming_the_command(grammar: Grammar, prompt: str, line: str) -> str:
    """A RUN/CMD line's words that do not name the command it runs get its command words
    (study shows only its values): "Download a dependency (apk add)" for ``RUN apk add
    --update redis``; "依存を入れる" over ``RUN npm ci`` → "依存を入れる（npm ci）"."""
    from dockquiz.grading.forms import run_command

    parts = [p.strip() for p in re.split(r"\s*(?:&&|\|\||;|\|)\s*", run_command(line)) if p.strip()]
    paths = list(dict.fromkeys(_command_words(part, grammar) for part in parts))
    said = prompt.lower()
    if not paths or all(path.split()[0].lower() in said or path.split()[0].rsplit("/", 1)[-1].lower() in said for path in paths):
        return prompt
    named = " && ".join(paths)
    return f"{prompt}（{named}）" if ln.has_japanese(prompt) else f"{prompt} ({named})"


def _command_words(part: str, grammar: Grammar) -> str:
    """A command's words that study's values leave out (as ``grading.forms.example_values``
    reads them): its grammar's command path, else the program and a subcommand-like word."""
    from dockquiz.grading.grammar import guessed_path

    words = part.split()
    known = grammar.command_prefix(words) if words and grammar.knows(words[0]) else 0
    path = " ".join(words[: max(1, known)] if known else guessed_path(words, grammar))
    return (_past_switch(part, grammar) if len(path.split()) == 1 else "") or path  # apt-get -y install


def first_instruction(body: str) -> str:
    """The first word of the first line that is neither blank nor a comment."""
    first = next((ln.strip() for ln in body.splitlines() if ln.strip() and not ln.strip().startswith("#")), "")
    return first.split(" ")[0]


_LINE_ASIDE = re.compile(r"""\s+[←⇐].*$|\s{2,}(?=[^\s#"']*[\u3040-\u30ff\u3400-\u9fff]).*$""")  # after a line, not in it


def read_dockerfile(r: Reader, body: str, start: int, ctx: Context) -> None:
    pending: list[str] = []
    section_comment = ""
    in_banner = False
    heredoc = ""
    stage = ""  # the build stage (FROM … AS name) a line belongs to
    instructions = r.instructions()
    for line_no, raw in join_continuations(body.splitlines(), start, drop_comments=True):
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
        aside = _LINE_ASIDE.search(stripped)
        if aside and stripped.count('"') % 2 == 0 and stripped.count("'") % 2 == 0:
            stripped = stripped[: aside.start()]  # "FROM ubuntu:22.04 ←――❶", "FROM go AS dev  ソースを…": the notes'
            said = ln.clean(aside.group().lstrip(" ←⇐―-"))
            pending = [said] if ln.has_japanese(said) else pending  # aside; its words say what the line does
        code, own = tx.split_trailing_comment(stripped)
        if own and word != "FROM" and not ("..." in code or "…" in code or "<" in code):  # (not a syntax line)
            stripped, pending = code, [own]  # "RUN apt-get -y install vim # vim を入れる": the line's own words
        words = stripped.split()
        if word == "FROM":
            upper = [w.upper() for w in words]
            images = [w for w in words[1:] if not w.startswith("--")]
            stage = words[upper.index("AS") + 1] if "AS" in upper[:-1] else images[0] if images else ""
        prompt = " / ".join(pending[-3:]) or section_comment or ""
        if prompt.startswith(word) and not re.match(r"[A-Za-z0-9]", prompt[len(word) : len(word) + 1]):
            prompt = ln.clean(re.sub(r"^\s*(?:命令|instruction)", "", prompt[len(word) :]))  # "# RUN: ビルド時に実行": its words
        title = ctx.title
        template = "..." in stripped or "…" in stripped or " # " in stripped  # "CMD ["実行ファイル", ...] # exec形式"
        if not prompt and ctx.own and ctx.section and names_instruction(ctx.section[-1], word) and not template:
            prompt, title = title, ""  # "### COPY" over "ファイルをコピーする。" over the block: the line's words
        if not prompt and instructions[word].get("values", True) is False:
            pending = []  # RUN go build …: any words but its own would name the answer or miss its values
            continue
        if word in re.findall(r"[A-Za-z]+", title):  # "## FROM : ベースイメージ": its words (not "expose the port")
            title = ln.clean(re.sub(rf"(?<![A-Za-z]){word}(?![A-Za-z])(?:\s*(?:命令|instruction))?", " ", title))
            title = re.sub(r"[(（]\s*[)）]", "", title).strip()  # "ベースイメージ(FROM命令)": the brackets that held it
            prompt = prompt or " ".join(title.split())
            title = ""
        if not prompt:  # say what the line does, not just its instruction word
            prompt = _joined_colon(title, instruction_words(r.grammar, words, instructions[word], "ja"))
        elif instructions[word].get("values", True) is False:
            prompt = naming_the_command(r.grammar, prompt, " ".join(words))
        draft = r.add(
            "dockerfile", (*ctx.section, word, instruction_name(words, instructions)), ctx, prompt, " ".join(words), line_no
        )
        if stage and word != "FROM":
            r._stage[id(draft)] = stage
        pending = []


def names_instruction(heading: str, word: str) -> bool:
    """Is a heading only an instruction's name (``### COPY``, ``## RUN命令``, ``CMD instruction``)?"""
    return re.sub(r"(?:\s*(?:命令|instruction))$", "", heading.strip(), flags=re.IGNORECASE).strip() == word


def all_instructions(r: Reader, body: str) -> bool:
    """Is every line of the block (comments aside) a Dockerfile instruction, written in capitals
    as Dockerfiles are (``USER node``, ``EXPOSE 8080``)? Then a block marked ``sh`` is a
    Dockerfile's lines, whatever its first instruction (an unmarked one still starts with FROM)."""
    words = [
        line.strip().split(" ", 1)[0]
        for _, line in join_continuations(body.splitlines(), 0, drop_comments=True)
        if line.strip() and not line.strip().startswith("#")
    ]
    return bool(words) and all(word.isupper() and word in r.instructions() for word in words)


def read(r: Reader, lang: str, body: str, start: int, ctx: Context):
    if not (
        lang in DOCKERFILE_LANGS
        or (lang == "" and first_instruction(body) == "FROM")
        or (lang in _SHELL_MARKED and all_instructions(r, body))
    ):
        return PASS
    read_dockerfile(r, body, start, ctx)
    return None
