"""The text forms of an answer that study shows and records: the values beside a prompt
(card_values, example_values) and the learner's form of an answer with its values generalised
(general_form). Pure functions of text; the grammar loads on first use."""

from __future__ import annotations

import re

from dockquiz.grading.lexer import placeholders as find_placeholders


def general_form(typed: str, answer: str) -> str:
    """The learner's form of an answer, its values generalised where the answer has a
    placeholder: in order, as many of the typed words that are neither a flag nor a word of the
    answer become the answer's placeholders, in the answer's order and as the notes wrote them,
    so the form matches again with other values there and only there (``docker run -i -t web
    ubuntu bash`` for ``docker run ${C} ${I} /bin/bash`` → ``docker run -i -t ${C} ${I} bash``:
    ``bash`` stays, never any program)."""
    from dockquiz.grading.grammar import grammar
    from dockquiz.grading.lexer import LexError, lex
    from dockquiz.grading.normalise import normalise

    try:
        lexed = lex(normalise(typed), expected=False)
    except LexError:
        return typed.strip()
    literal = set(answer.split())
    free = len(find_placeholders(answer))
    out: list[str] = []
    n = 0
    for number, command in enumerate(lexed.commands):
        if number:
            out.append(lexed.separators[number - 1] if number - 1 < len(lexed.separators) else "&&")
        path = max(1, grammar().command_prefix(command))  # the command's own words stay
        for index, word in enumerate(command):
            if index < path or word.startswith("-") or word in literal or n >= free:
                out.append(word)
            else:
                n += 1
                out.append(f"${{{n}}}")
    return named_form(" ".join(out), answer)


_NUMBERED = re.compile(r"\$\{([1-9][0-9]*)\}")


def named_form(form: str, answer: str) -> str:
    """A "close enough" form with its numbered placeholders (``${1}``, as forms were first
    stored) shown as the answer's own (``${IMAGE_NAME}``, ``<pod>``): the n-th of the answer's
    placeholders, in order. One the answer itself writes (``${1}`` in a script) stays."""
    if "${" not in form:
        return form
    marks = find_placeholders(answer)

    def name(match: re.Match[str]) -> str:
        n = int(match.group(1))
        return marks[n - 1] if n <= len(marks) and match.group() not in marks else match.group()

    return _NUMBERED.sub(name, form)


def card_values(kind: str, answer: str, said: str = "") -> list[str]:
    """The values study shows beside a prompt: what the answer needs that no prompt says.
    An example's values; a command's literal arguments (``/bin/bash`` in ``docker run ${C}
    ${I} /bin/bash``; placeholders are shown on their own, so a value that is only placeholders
    is not shown again, while one with words of its own around them is: ``<c>:/test``,
    ``localhost:5000/[tag]``); an option's value (``--name NAME`` → ``NAME``); a Dockerfile
    line's arguments and its flags' values (``COPY --from=build``), or, for a line that runs a
    command (``RUN``, ``CMD``), that command's values, never its words."""
    from dockquiz.grading.grammar import grammar

    if kind in ("example", "command"):  # placeholders are shown on their own, once
        marks = find_placeholders(answer)
        return [v for v in example_values(answer, said) if not _only_placeholders(v, marks)]
    if kind == "option":  # --name CONTAINER_NAME, -p 8080:80, --tail=100: the value the flag takes
        words = _split(answer)
        flag, _, attached = words[0].partition("=") if words else ("", "", "")
        shown = ([attached] if attached else []) + words[1:] if flag.startswith("-") else []
        marks = find_placeholders(answer)
        return [v for v in dict.fromkeys(shown) if v and not _only_placeholders(v, marks)]
    if kind == "dockerfile":
        words = answer.split()
        info = grammar().instructions.get(words[0].upper(), {}) if words else {}
        if info.get("values", True) is False:  # RUN, CMD: the values of the command it runs, never its words
            command = run_command(answer)
            return example_values(command, said) if command else []
        shown = [w.partition("=")[2] if w.startswith("--") else w for w in words[1:] if w.upper() != "AS"]
        marks = find_placeholders(answer)
        return [w for w in shown if w and not _only_placeholders(w, marks)]
    return []


def _only_placeholders(value: str, marks: list[str]) -> bool:
    """A value that is the answer's placeholders (``marks``, as study shows them on their own
    line) and punctuation only (``[image]:[tag]``): shown already, and it would spell the
    answer's shape."""
    rest = value
    for mark in marks:
        rest = rest.replace(mark, " ")
    return rest != value and not re.search(r"\w", rest)


# shlex.split's words of a text without quotes or backslashes: the runs between its whitespace
_QUOTING = re.compile(r"[\"'\\]")
_PLAIN_WORDS = re.compile(r"[^ \t\r\n]+")


def _split(text: str) -> list[str]:
    if not _QUOTING.search(text):  # an option's answer nearly always: shlex itself costs more than the rest
        return _PLAIN_WORDS.findall(text)
    import shlex

    try:
        return shlex.split(text)
    except ValueError:
        return text.split()


def run_command(line: str) -> str:
    """The command a Dockerfile line runs: ``RUN --mount=… mvn package`` → ``mvn package``,
    ``CMD ["npm", "start"]`` → ``npm start`` (the exec form's words, quoted as a shell would)."""
    import shlex

    from dockquiz.grading.kinds import json_form

    rest = _after_first_word(line)
    while rest.startswith("--"):
        rest = _after_first_word(rest)
    words = json_form(rest)
    return shlex.join(words) if words is not None and all(isinstance(w, str) for w in words) else rest


def _after_first_word(text: str) -> str:
    parts = text.split(None, 1)
    return parts[1] if len(parts) > 1 else ""


_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


# a command substitution, $( … ) (one level of parentheses inside) or `…`
_SUBSTITUTION = re.compile(r"\$\(((?:[^()]|\([^()]*\))*)\)|`([^`]*)`")
# a stream's redirection (2>&1, >&2, &>): no value; a redirection operator standing alone (>, >>, <, 2>)
_STREAM = re.compile(r"\d*>&\d+|&>")
_REDIRECTION = re.compile(r"^\d*(?:>>?|<<?)$")
_SUB = "\ue010"
# a shell parameter expansion with an operator (${x^^}, ${#a}, ${x:-d}): what the card asks, never a value
_EXPANSION = re.compile(r"\$\{(?:[#!][A-Za-z_]|[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?(?:\^\^?|,,?|[#%/]|:[-=?+]|:\d))")
# options of xargs, timeout and nice that take a value as the next word
_WRAPPER_VALUED = frozenset("-I -n -L -P -d -s -a -E -s -k".split())


def example_values(answer: str, said: str = "") -> list[str]:
    """The concrete values of an example (option values and arguments), in order; not the
    arguments that name a kind of thing (kubectl's ``pods``: part of what the command is).
    A command substitution of several words (``$(docker ps -q)``) is no value: the prompt says
    it as the output of a command, and study shows that command's values instead (a value
    written around it shows it as ``$(…)``); a one-word one (``$(pwd)``) is a value as written.
    A redirection's operator (``>``, ``2>&1``) is no value, the file it names is; the command a
    program such as ``xargs`` or ``watch`` runs shows its values, not its words. Shell syntax is
    never a value (``$?``, ``$((1+1))``, ``${a[@]}``, ``{1..10}``, ``<<<``): it is what the card
    asks; program text is shown only for what the prompt (``said``) does not say (``_program_shown``)."""
    inner: list[str] = []

    def put_aside(match: re.Match[str]) -> str:
        text = (match.group(1) if match.group(1) is not None else match.group(2) or "").strip()
        if len(text.split()) < 2:
            return match.group()
        inner.append(text)
        return _SUB

    text = _SUBSTITUTION.sub(put_aside, answer) if ("$(" in answer or "`" in answer) else answer
    text = _STREAM.sub(" ", text)
    values: list[str] = []
    for v in _command_values(text, said):
        if not v.strip(_SUB + "\"'") or _EXPANSION.search(v):  # ${x^^}: the shell syntax is the answer
            continue
        if "$((" in v or _NAMED_EXPANSION.match(v):  # $((RANDOM%1000)) → RANDOM, 1000: what the prompt does not say
            values += [t for t in _program_data(v.replace(_SUB, " ")) if not _said(t, said)]
        elif not _SHELL_SYNTAX.search(v):
            values.append(v.replace(_SUB, "$(…)"))
    for command in inner:
        values += example_values(command, said)
    return list(dict.fromkeys(values))


_LOOP_HEADS = {"for", "select"}
_SHELL_KEYWORDS = {"do", "done", "then", "else", "elif", "fi", "if", "while", "until", "esac", "!", "{", "}"}


def _command_values(answer: str, said: str = "") -> list[str]:
    from dockquiz.grading.grammar import grammar
    from dockquiz.grading.lexer import LexError, lex
    from dockquiz.grading.normalise import normalise
    from dockquiz.grading.parser import parse_line

    try:
        commands = lex(normalise(answer), expected=False).commands
    except LexError:
        return []
    g = grammar()
    values: list[str] = []
    for words in commands:
        files = frozenset(w for i, w in enumerate(words[1:]) if _REDIRECTION.match(words[i]))  # never program text
        words = [w for w in words if not _REDIRECTION.match(w)]
        if words and words[0] in _LOOP_HEADS:
            continue  # for f in *.log: the prompt says the loop ("For each f in *.log"); `in` is syntax
        while words and words[0] in _SHELL_KEYWORDS:  # do gzip $f; done: the command after the keyword
            words = words[1:]
        if not words:
            continue
        while len(words) > 1 and _ASSIGNMENT.match(words[0]):  # GIT_TRACE=1 git …: the variable, then git's line
            values.append(_assignment_shown(words[0], said))
            words = words[1:]
        if len(words) > 1 and words[0] in g.runs_a_command:  # xargs -r docker rm: docker rm's values
            rest = words[1:]
            while rest and rest[0].startswith("-"):  # its own options (xargs -I {}: the value too)
                rest = rest[2:] if rest[0] in _WRAPPER_VALUED and len(rest) > 2 else rest[1:]
            if rest:
                values += _command_values(rest[0] if len(rest) == 1 and " " in rest[0] else " ".join(rest), said)
                continue
        parsed = parse_line(tuple(words), g)  # the same reading as grading and lint
        if parsed.known:
            args = [
                a
                for i, a in enumerate(parsed.args)
                if not g.names_a_type(parsed.path, i, a) and not a.startswith("-")  # git log's --all: part of the command
            ]
            values += [o.value for o in parsed.opts if o.value] + _attached(o.typed for o in parsed.opts if not o.value) + args
        else:  # no grammar: what follows the guessed command words
            named = g.guessed_command(words)  # `gcloud compute disks list`: no values
            rest = [w for i, w in enumerate(words) if i not in named]
            if words[0] == "chmod":  # +x, go-w: the prompt says the mode in words, it is the answer
                from dockquiz.grading.filemode import is_file_mode

                rest = [w for w in rest if not is_file_mode(w)]
            if words[0] == "export":  # export NAME=value: the name the prompt says is not shown
                rest = [_assignment_shown(w, said) if _ASSIGNMENT.match(w) else w for w in rest]
            values += _program_shown(words[0], rest, said, files) + _attached(rest)
    return values


def _attached(words) -> list[str]:
    """The values written into options no grammar reads (``--prefix=lib``): the learner types them."""
    return [w.split("=", 1)[1] for w in words if w.startswith("-") and "=" in w and w.split("=", 1)[1]]


# shell syntax no program reads as data: special parameters, here-strings, |& (arithmetic and an
# array's or a substring's expansion show their data: _NAMED_EXPANSION); brace sequences ({1..10})
# show only the data the prompt does not say
_SHELL_SYNTAX = re.compile(r"^\$[?#$!@*0-]$|^<<<$|^\|&$")
_SEQUENCE = re.compile(r"^\{(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?\}$")
# an array's or a substring's expansion: its variable's name and numbers are data (${arr[@]} → arr)
_NAMED_EXPANSION = re.compile(r"^\$\{[^{}]*[\[:@][^{}]*\}$")
# programs whose first argument is program text (a pattern, a script, a filter), and their
# options that take the next word (-e's is program text too)
_PROGRAM_FIRST = {
    "grep": "-A -B -C -m -f --file --regexp -e",
    "egrep": "-A -B -C -m -f --file --regexp -e",
    "fgrep": "-A -B -C -m -f --file -e",
    "sed": "-f --file -e --expression",
    "awk": "-F -v -f",
    "gawk": "-F -v -f",
    "jq": "--arg --argjson -f --from-file",
}
_PROGRAM_OPTION = frozenset(("-e", "--regexp", "--expression"))
# what program text is made of beside its data: directives (%Y), bracket classes, escapes, variables ($NF)
_PROGRAM_SYNTAX = re.compile(r"%[-_0^#]*[A-Za-z]|\[[^\]]*\]|[\\¥].|\$[A-Za-z_]\w*")
_PROGRAM_TOKEN = re.compile(r"[^\W\d_]\w*|\d+(?:\.\d+)?")
# the words that say a date directive (an hour, a month…): a format whose every directive the prompt
# says in words is what the line teaches; one it does not is data the learner could not guess
_DIRECTIVE_WORDS = {
    "Y": "年 year",
    "y": "年 year",
    "m": "月 month",
    "d": "日 day",
    "e": "日 day",
    "H": "時 hour",
    "I": "時 hour",
    "M": "分 minute",
    "S": "秒 second",
    "A": "曜 weekday",
    "a": "曜 weekday",
    "s": "unix epoch",
    "F": "日付 date",
    "D": "日付 date",
    "T": "時刻 time",
    "R": "時刻 time",
    "j": "日 day",
}
_DIRECTIVE = re.compile(r"%[-_0^#]*([A-Za-z])")
_PROGRAM_WORDS = frozenset(
    "print printf length select map map_values keys values begin end nf nr fnr fs ofs if else for in next sub gsub"
    " split tolower toupper substr sort sort_by unique not and or true false null empty has contains test"
    " to_entries from_entries with_entries tostring tonumber base64d base64 ascii_downcase ascii_upcase".split()
)
# a sed script that is addresses and one command: its numbers are its only data (14891d, 1,5d, $p)
_SED_ADDRESS = re.compile(r"^(?:\d+|\$)(?:,(?:\d+|\$))?[dpqP=]?$|^\$?[dpq]$")


def _program_data(text: str, program: str = "") -> list[str]:
    """The data of program text: its names and numbers, not its syntax (``+%Y-%m-%d`` → none,
    ``.items | length`` → ``items``; a jq index is data, ``.items[0]`` → ``items``, ``0``)."""
    rest = _PROGRAM_SYNTAX.sub(" ", text) if program != "jq" else re.sub(r"[\\¥].|\$[A-Za-z_]\w*", " ", text)
    return [t for t in _PROGRAM_TOKEN.findall(rest) if t.lower() not in _PROGRAM_WORDS]


SAID = "\x1f"  # between the prompts of one card in ``said``


def said_by(*prompts: str) -> str:
    """``said`` for a card's prompts (Japanese, English): a value is left out only where every
    prompt says it, as each learner reads one of them; an empty prompt does not count."""
    return SAID.join(p for p in prompts if p)


def _said(token: str, said: str) -> bool:
    """Whether every prompt says a token as a word of its own (``1`` is not said by ``10``)."""
    pattern = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(token)}(?![A-Za-z0-9_])")
    return all(pattern.search(part) for part in said.split(SAID))


def _program_shown(program: str, rest: list[str], said: str, files: frozenset[str] = frozenset()) -> list[str]:
    """A command's arguments (``rest``, options and all) as study shows them when no grammar
    reads it: program text (a ``date``/``printf`` format, the pattern, script or filter of
    ``grep``, ``sed``, ``awk``, ``jq``, a brace sequence) is what the line teaches, so it is not
    shown when the prompt (``said``) says all its data — else whole, or for ``jq`` and a sequence
    the data the prompt does not say (a key name, ``10``): never what the learner could not guess."""
    valued = frozenset(_PROGRAM_FIRST.get(program, "").split())
    programs: set[int] = set()  # the indexes in words of program text
    taken: set[int] = set()  # …and of options' values
    words: list[str] = []
    option = ""
    for word in rest:
        if option:
            (programs if option in _PROGRAM_OPTION else taken).add(len(words))
            words.append(word)
            option = ""
        elif word.startswith("-"):
            option = word if word in valued else ""
        else:
            words.append(word)
    if program in _PROGRAM_FIRST and not programs:
        first = next((i for i in range(len(words)) if i not in taken), None)
        if first is not None:
            programs.add(first)
    out: list[str] = []
    for index, word in enumerate(words):
        sequence = _SEQUENCE.match(word)
        if sequence:
            out += [t for t in sequence.groups() if t and not _said(t, said)]
            continue
        formatted = program == "date" and word.startswith("+") and "%" in word
        if not (formatted or index in programs) or word in files or (program == "jq" and word == "."):
            out.append(word)
            continue
        if formatted:
            letters = _DIRECTIVE.findall(word)
            plain = _DIRECTIVE.sub(" ", word).strip("+ -:/._")
            told = all(
                any(w in part for w in _DIRECTIVE_WORDS.get(x, "\0").split())
                for part in said.lower().split(SAID)
                for x in letters
            )
            if not told or _program_data(plain):
                out.append(word)
            continue
        if program == "sed" and _SED_ADDRESS.match(word):
            data = re.findall(r"\d+", word)
        else:
            data = _program_data(word, program)
            if program == "sed" and not data:  # s|,$||g: its punctuation is its data
                out.append(word)
                continue
        unsaid = [t for t in data if not _said(t, said)]
        if unsaid and program == "jq":
            out += unsaid
        elif unsaid:
            out.append(word)
    return out


def _assignment_shown(word: str, said: str) -> str:
    """``NAME=value`` as shown: its value alone when the prompt names the variable."""
    name, _, value = word.partition("=")
    return value if value and all(name in part for part in said.split(SAID)) else word
