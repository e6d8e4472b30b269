"""English for shell programs no grammar reads (tar, ps, grep, curl, systemctl…): what the
command does and what each of its flags does, from the words of their help recorded in
content/cli/shell_words.json and ours in content/cli/shell/ours.toml (ours first: the help's
phrase may name another option, "Like --directories=recurse", which would name the wrong flag).

``tar -xzf pkg.tgz`` → "An archiving utility: extract the files, gzip-compressed, archive file
pkg.tgz". A flag no words describe is said by what is known of it: the help's name for its
value, with the value ("an option whose stamp is 202001010000"), or a long flag's own words ("an
option named “dry run”", as the grammar's flags); else counted and said so ("one more option
dockquiz has no words for"), never spelt (it is the answer) and never dropped."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache

from dockquiz.grading.filemode import file_mode, is_file_mode
from dockquiz.i18n import has_japanese, translate


@dataclass
class Words:
    about: str = ""
    dashless: str = ""  # "same": `tar xzf` is `tar -xzf`; "own": `ps aux`, letters of their own
    options: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # flag -> (phrase, value name)
    bsd: dict[str, str] = field(default_factory=dict)
    commands: dict[str, str] = field(default_factory=dict)
    spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # -x -> (-x, --extract, --get)
    command_options: dict[str, dict[str, tuple[str, str | None]]] = field(default_factory=dict)  # gsutil ls -l, mb -l
    alone: str = ""  # what the program does given no words at all (cd: to the home directory)
    operand: str = ""  # what the first plain word is, "with the filter {value}" (jq's), when no value shows it whole
    operand_flags: tuple[str, ...] = ()  # flags that give it instead (then the first plain word is a file)

    signed: dict[str, str] = field(default_factory=dict)  # "-n+" -> tail -n +5's words: a sign changes the flag
    clusters: bool = True  # -abc is -a -b -c (see _clusters)


# a help phrase that names another option, or holds two help columns run together, says the
# wrong flag or nothing a learner can read: ours stand for it, else it is "not described"
_NAMES_A_FLAG = re.compile(
    r"(?<![\w/.'`])-{1,2}[A-Za-z0-9]|<[a-z]|\[[A-Z][\w /,]*\]|^\W|\b(?:Same as|Likewise|Equivalent to|See)\b"
)


def usable(help_phrase: str) -> bool:
    return bool(help_phrase) and not _NAMES_A_FLAG.search(help_phrase)


@cache
def _sources() -> tuple[dict, dict]:
    """The help's words and ours, read once a process meets a shell program (~20 ms)."""
    from dockquiz.resources import content_dir

    cli = content_dir() / "cli"
    helps = json.loads((cli / "shell_words.json").read_text("utf-8")).get("programs", {})
    ours = tomllib.loads((cli / "shell" / "ours.toml").read_text("utf-8"))
    return helps, ours


@cache
def words_for(program: str) -> Words | None:
    """A program's words, ours over the help's; None when neither knows it."""
    helps, ours = _sources()
    if program not in helps and program not in ours:
        return None
    recorded = helps.get(program, {})
    mine = ours.get(program, {})
    words = Words(
        about=mine.get("about") or recorded.get("about", ""),
        dashless=mine.get("dashless", ""),
        bsd=dict(mine.get("letters", {})),
        commands=dict(mine.get("commands", {})),
        alone=mine.get("alone", ""),
        signed=dict(mine.get("signed", {})),
        operand=mine.get("operand", ""),
        operand_flags=tuple(mine.get("operand_flags", ())),
        command_options={
            command: {flag: (phrase, "VALUE" if "{value}" in phrase else None) for flag, phrase in flags.items()}
            for command, flags in mine.get("command_options", {}).items()
        },
    )
    own = dict(mine.get("options", {}))
    for entry in recorded.get("options", []):
        flags = entry["flags"]
        mine_said = next((own[f] for f in flags if f in own), None)
        if mine_said is not None:  # ours: a value when the words hold one
            phrase, value = mine_said, ("VALUE" if "{value}" in mine_said else None)
        else:
            help_phrase = entry.get("help", "")
            phrase, value = (_lower_first(help_phrase) if usable(help_phrase) else ""), entry.get("value")
        for flag in flags:
            words.options.setdefault(flag, (phrase, value))
            words.spellings.setdefault(flag, tuple(flags))
    for flag, phrase in own.items():
        words.options.setdefault(flag, (phrase, "VALUE" if "{value}" in phrase else None))
    words.clusters = _clusters(words.options)
    return words


def _clusters(options: dict) -> bool:
    """Whether ``-abc`` is ``-a -b -c``: not for a program whose options are mostly words of
    one dash (find's ``-name``, ``-newer``: ``-newermt`` is no ``-n -e -w …``)."""
    long_words = sum(1 for f in options if re.fullmatch(r"-[a-z][a-z0-9_]+", f))
    letters = sum(1 for f in options if re.fullmatch(r"-[A-Za-z0-9]", f))
    return long_words < letters


def _lower_first(text: str) -> str:
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _say_value(phrase: str, value_name: str | None, value: str) -> str:
    if has_japanese(value):  # a placeholder in Japanese: study shows it, the English names it
        value = "<value>"
    elif not value.strip():  # cut -d ' ': a blank value, quoted to be seen
        value = f"'{value}'"
    if "{value}" in phrase:
        return phrase.replace("{value}", value)
    if value_name:  # "Print the first NUM lines": the metavariable is the value
        name = re.sub(r"[^\w-].*$", "", value_name.split("=")[-1])
        found = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])") if name else None
        if found is not None and found.search(phrase):
            return found.sub(lambda _: value, phrase, count=1)
    return f"{phrase} ({value})"


def shell_sentence(words: list[str] | tuple[str, ...], say_command=None) -> str:
    """One command of a shell program (no redirections) in English: the program's (or its
    subcommand's) words, then what each flag does; "" when nothing is known of the program.
    A program that runs a command line (``xargs docker rm``) says that command by ``say_command``."""
    read = shell_read(words)
    if read is None:
        return ""
    head, said, unknown = read.head, read.said, read.unknown
    phrases = list(dict.fromkeys(phrase for _, phrase in said))
    if say_command is not None:
        for inner in read.each:
            if inner:
                text = say_command(inner)
                phrases.append(translate("notes.en.each", "en", command=text[:1].lower() + text[1:]))
    if unknown:
        phrases.append(unknown_options(unknown))
    sentence = f"{head}: {', '.join(phrases)}" if phrases else head
    runs = _command_run(words)
    if runs and say_command is not None:
        inner = say_command(runs)
        sentence += f", {translate('notes.en.running', 'en', command=inner[:1].lower() + inner[1:])}"
    return sentence


@cache
def _runs_a_command() -> frozenset[str]:
    """The programs whose arguments are a command line: the grammar's (xargs, watch…), and
    sudo and exec, which grading reads through instead."""
    from dockquiz.grading.grammar import grammar

    return frozenset(grammar().runs_a_command) | {"sudo", "exec"}


def _command_run(words) -> list[str]:
    """The command line a program such as xargs runs: its words after the program's own options."""
    if not words or words[0] not in _runs_a_command():
        return []
    info = words_for(words[0]) or Words()
    i = 1
    while i < len(words) and (words[i].startswith("-") or (words[0] in ("env",) and "=" in words[i])):
        name = words[i].partition("=")[0]
        takes = info.options.get(name, ("", None))[1] and "=" not in words[i] and len(words[i]) == 2
        i += 2 if takes else 1
    if words[0] == "timeout" and i < len(words):
        i += 1  # its duration
    return list(words[i:])


def unknown_options(count: int) -> str:
    return translate("notes.en.unknown_options", "en", count=count) if count > 1 else translate("notes.en.unknown_option", "en")


def shell_read(words: list[str] | tuple[str, ...]) -> Read | None:
    """What the words of ``words`` (a program's command, no redirections) say: the head (the
    subcommand's or the program's words), each flag said as (its spellings, our phrase), and how
    many flags no words describe; None when nothing is known of the program."""
    if not words:
        return None
    program = words[0]
    info = words_for(program)
    if info is None:
        return None
    rest = list(words[1:])
    head = info.about
    if info.commands:
        plain = [i for i, w in enumerate(rest) if not w.startswith("-")][:2]  # service NAME start: the second
        command = None
        if len(plain) == 2 and plain[1] == plain[0] + 1 and f"{rest[plain[0]]} {rest[plain[1]]}" in info.commands:
            command = f"{rest.pop(plain[0])} {rest.pop(plain[0])}"  # aws s3 cp: a service's command
        elif (index := next((i for i in plain if rest[i] in info.commands), None)) is not None:
            command = rest.pop(index)
        if command is None and not head:
            return None  # a program known by its commands only (aws): nothing known of this one
        if command is not None:
            head = info.commands[command]
            if "{1}" in head:  # service cron restart: the words name the plain word beside the command
                named = next((w for w in rest if not w.startswith("-")), None)
                head = head.replace("{1}", named) if named else re.sub(r"\s*\{1\}", "", head)
            if command in info.command_options:  # a flag of this command's own (gsutil ls -l, mb -l)
                info = replace(info, options={**info.options, **info.command_options[command]})
    said: list[tuple[tuple[str, ...], str]] = []
    guessed: set[str] = set()  # phrases said from what is known of a flag no words describe
    runs_each: list[list[str]] = []  # find -exec rm {} \;: the command run on each
    unknown = 0
    if rest and info.dashless and re.fullmatch(r"[A-Za-z]+", rest[0]) and not info.commands:
        letters = rest.pop(0)
        if info.dashless == "own":
            for letter in letters:
                if letter in info.bsd:
                    said.append(((letter,), info.bsd[letter]))
                else:
                    unknown += 1
        else:
            rest.insert(0, "-" + letters)

    def say(flag: str, value: str | None) -> None:
        nonlocal unknown
        phrase, value_name = info.options.get(flag, ("", None))
        if not phrase and value is not None and value_name and value_name != "VALUE":
            role = _value_role(value_name)  # a value of several words (su -c '…'): study shows it, the role says it
            if len(value.split()) > 2:
                said.append(((flag,), translate("notes.en.option_role", "en", name=role)))
                guessed.add(said[-1][1])
                return
            phrase = translate("notes.en.option_value", "en", name=role, value="{value}")
            guessed.add(_say_value(phrase, value_name, value))
        if not phrase:
            unknown += 1
            return
        spellings = info.spellings.get(flag, (flag,))
        if value is not None and info.signed and re.fullmatch(r"[+-]\d+", value):
            # tail -n +5 is from line 5 on, head -n -3 all but the last three: the signed form's words, else its
            # role (a program whose words say a sign changes a count; find's -mtime +7 says it in its own words)
            signed = next((info.signed[f + value[0]] for f in spellings if f + value[0] in info.signed), None)
            if signed is not None:
                said.append((spellings, signed.replace("{value}", value[1:])))
            else:
                said.append(
                    (spellings, translate("notes.en.option_value", "en", name=_value_role(value_name or "value"), value=value))
                )
                guessed.add(said[-1][1])
            return
        said.append((spellings, _say_value(phrase, value_name, value) if value is not None else phrase.replace(" {value}", "")))

    runs = len(_command_run(words))
    if runs:
        rest = rest[: len(rest) - runs]
    if not rest and info.alone:  # cd alone: to the home directory
        said.append(((program,), info.alone))
    operand_said = any(w.partition("=")[0] in info.operand_flags for w in rest)  # jq -f prog.jq: a file gives it
    i = 0
    while i < len(rest):
        word = rest[i]
        i += 1
        if word == "--":
            break
        if "$(" in word and _depth(word) > 0:  # X=$(gcloud … --format …): the inner command's words, not this one's
            depth = _depth(word)
            while depth > 0 and i < len(rest):
                depth += _depth(rest[i])
                i += 1
            continue
        if program == "chmod" and is_file_mode(word):
            said.append(((word,), file_mode(word)))
            continue
        if word in info.options and re.fullmatch(r"-\d", word) and program not in _NUM_FLAGS:  # ls -1
            say(word, None)
            continue
        number = re.fullmatch(r"-(\d+)", word)
        if number and program in _NUM_FLAGS:  # head -5, kill -9: the number is the flag
            if word in info.options:
                say(word, None)
            elif "-NUM" in info.options:
                phrase = info.options["-NUM"][0]
                said.append(((word,), _say_value(phrase, "VALUE", number.group(1))))
            else:
                unknown += 1
            continue
        shell_word = _shell_word(word)
        if shell_word:  # echo $?, echo {1..10}: what the shell makes of the word, which no value shows
            said.append(((word,), shell_word))
            continue
        if word == "!" and "!" in info.options:  # find … ! -newermt x: the next test turned round
            say(word, None)
            continue
        if info.operand and not operand_said and not word.startswith("-"):
            operand_said = True  # jq '.items | length': the filter, said whole
            said.append(((word,), _say_value(info.operand, "VALUE", word)))
            continue
        if word == "-" and "-" in info.options:  # cd -: the previous directory
            say(word, None)
            continue
        if not word.startswith("-") or word == "-" or re.fullmatch(r"-\d+(?:\.\d+)?[A-Za-z]?", word):
            continue  # a value: study shows it beside the prompt
        name, eq, attached = word.partition("=")
        if name.startswith("--") and name not in info.options:
            typed, name = name, _long_prefix(info, name)  # --strip for --strip-components, as GNU getopt reads it
            if name is None:  # a long flag no words describe: the words of its name
                said.append(((typed,), _named(typed, attached if eq else None)))
                guessed.add(said[-1][1])
                continue
            if not name:  # the start of several (--no): which one, nothing tells
                unknown += 1
                continue
        if name in info.options:
            value = None
            if info.options[name][1]:
                if eq:
                    value = attached
                elif i < len(rest) and not _is_flag(info, rest[i]):  # lsof -i -P: -P is a flag of its own
                    value = rest[i]
                    i += 1
            if program == "find" and name in ("-exec", "-execdir", "-ok", "-okdir"):
                start = i
                while i < len(rest) and rest[i] not in (";", "\\;", "+"):
                    i += 1
                runs_each.append([w for w in rest[start:i] if w != "{}"])
                i += 1
            say(name, value)
            continue
        letters = word[1:]
        if info.dashless == "own" and len(letters) > 2 and all(c in info.bsd for c in letters):
            said.extend(((c,), info.bsd[c]) for c in letters)  # ps -aux: procps reads it as ps aux
            continue
        clusters = info.clusters
        if clusters and not word.startswith("--") and len(word) > 2 and ("-" + word[1]) in info.options:
            j = 1  # -xzf: letters; one taking a value takes the rest, or the next word when the rest are flags (-zxfv, bash -ce)
            while j < len(word):
                flag = "-" + word[j]
                j += 1
                value = None
                if info.options.get(flag, ("", None))[1]:
                    if j < len(word) and not all(("-" + c) in info.options for c in word[j:]):
                        value, j = word[j:], len(word)
                    elif i < len(rest) and not _is_flag(info, rest[i]):
                        value = rest[i]
                        i += 1
                say(flag, value)
            continue
        unknown += 1
    return Read(head or kind_of(words), said, unknown, runs_each, frozenset(guessed))


_SPECIAL = {"$?": "status", "$0": "shell_name", "$$": "pid", "$!": "background_pid", "$#": "count", "$@": "all", "$*": "all"}
_SEQUENCE = re.compile(r"\{(-?\w+)\.\.(-?\w+)(?:\.\.(-?\d+))?\}")


def _shell_word(word: str) -> str:
    """What the shell makes of a word that is one of its special parameters (``$?``: the last
    command's exit status), a sequence expression (``{1..10}``) or holds an arithmetic expansion
    (``$((n % 60))``), in words; "" for others."""
    key = _SPECIAL.get(word.strip("\"'"))
    if key:
        return translate(f"notes.en.special_{key}", "en")
    if "$((" in word:  # echo $((7 % 3)): a number the shell computes
        return translate("notes.en.arithmetic", "en")
    found = _SEQUENCE.fullmatch(word)
    if found:
        start, end, step = found.groups()
        if step:
            return translate("notes.en.sequence_step", "en", start=start, end=end, step=step.lstrip("-"))
        return translate("notes.en.sequence", "en", start=start, end=end)
    return ""


@dataclass
class Read:
    head: str  # the subcommand's or the program's words
    said: list[tuple[tuple[str, ...], str]]  # each flag: its spellings, our phrase
    unknown: int  # flags no words describe
    each: list[list[str]]  # find -exec rm {} \;: the commands run on each file found
    guessed: frozenset[str] = frozenset()  # phrases from what is known of a flag no words describe


def kind_of(words: list[str] | tuple[str, ...]) -> str:
    """What a command is when nothing more is known of it: "An `rsync` command"."""
    program = words[0] if words else ""
    article = "An" if program[:1].lower() in "aeiou" else "A"
    return f"{article} `{program}` command" if program else "A command"


def _depth(word: str) -> int:
    return word.count("(") - word.count(")")


def _long_prefix(info: Words, name: str) -> str | None:
    """The one long flag ``name`` abbreviates (GNU getopt reads ``--strip`` as
    ``--strip-components`` when no other long flag begins so); "" when several do, None when none."""
    begun = [f for f in info.options if f.startswith(name) and f.startswith("--")]
    if len({info.spellings.get(f, (f,)) for f in begun}) > 1:
        return ""
    return begun[0] if begun else None


def _named(flag: str, value: str | None) -> str:
    """A long flag no words describe, by the words of its name ("an option named “dry run”")."""
    words = translate("notes.en.named_option", "en", words=flag.lstrip("-").replace("-", " "))
    return f"{words} ({value})" if value else words


def _value_role(value_name: str) -> str:
    """A help's name for a flag's value as words: ``STAMP`` → "stamp", ``FILE_NAME`` → "file name"."""
    name = re.sub(r"[^\w-].*$", "", value_name.split("=")[-1]) or value_name
    return name.replace("_", " ").replace("-", " ").lower() if name.isupper() or name.islower() else name


def _is_flag(info: Words, word: str) -> bool:
    return word.startswith("-") and word.partition("=")[0] in info.options


_NUM_FLAGS = {"head", "tail", "kill", "pkill"}  # head -5, kill -9: a number is the flag


def help_options(program: str) -> list[tuple[tuple[str, ...], str]]:
    """Each option's flags and what the program's own help says it does (only phrases a learner
    can read: :func:`usable`), in the help's order: the choices of a meaning card (study)."""
    helps, _ = _sources()
    entries = helps.get(program, {}).get("options", [])
    return [(tuple(e["flags"]), e["help"]) for e in entries if usable(e.get("help", ""))]
