"""The text forms of an answer that study shows and records: the values beside a prompt
(card_values, example_values) and the learner's form of an answer with its values generalised
(general_form). Pure functions of text; the grammar loads on first use."""

from __future__ import annotations

import re

from dockquiz.grading.lexer import placeholders as find_placeholders


def general_form(typed: str, answer: str) -> str:
    """The learner's form of an answer, its values generalised where the answer has a
    placeholder: in order, as many of the typed words that are neither a flag nor a word of the
    answer become ``${1}``, ``${2}``… as the answer has placeholders, so the form matches again
    with other values there and only there (``docker run -i -t web ubuntu bash`` for ``docker run
    ${C} ${I} /bin/bash`` → ``docker run -i -t ${1} ${2} bash``: ``bash`` stays, never any program)."""
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
    return " ".join(out)


def card_values(kind: str, answer: str) -> list[str]:
    """The values study shows beside a prompt: what the answer needs that no prompt says.
    An example's values; a command's literal arguments (``/bin/bash`` in ``docker run ${C}
    ${I} /bin/bash``; placeholders are shown on their own); a Dockerfile line's arguments,
    or, for a line that runs a command (``RUN``, ``CMD``), that command's values, never its words."""
    from dockquiz.grading.grammar import grammar

    if kind in ("example", "command"):  # placeholders are shown on their own, once
        marks = set(find_placeholders(answer))
        return [v for v in example_values(answer) if not any(m in v for m in marks)]
    if kind == "dockerfile":
        words = answer.split()
        info = grammar().instructions.get(words[0].upper(), {}) if words else {}
        if info.get("values", True) is False:  # RUN, CMD: the values of the command it runs, never its words
            command = run_command(answer)
            return example_values(command) if command else []
        values = []
        for w in words[1:]:
            if w.startswith("--"):  # COPY --from=build, --chown=app:app: the line needs the flag's value
                values += [w.partition("=")[2]] if w.partition("=")[2] else []
            elif w.upper() != "AS":
                values.append(w)
        return values
    return []


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


def example_values(answer: str) -> list[str]:
    """The concrete values of an example (option values and arguments), in order; not the
    arguments that name a kind of thing (kubectl's ``pods``: part of what the command is)."""
    from dockquiz.grading.grammar import grammar
    from dockquiz.grading.lexer import LexError, lex
    from dockquiz.grading.normalise import normalise
    from dockquiz.grading.parser import parse

    try:
        commands = lex(normalise(answer), expected=False).commands
    except LexError:
        return []
    values: list[str] = []
    for words in commands:
        while len(words) > 1 and _ASSIGNMENT.match(words[0]):  # GIT_TRACE=1 git …: the variable, then git's line
            values.append(words[0])
            words = words[1:]
        parsed = parse(words, grammar(), lenient=True)
        if parsed.known:
            g = grammar()
            args = [
                a
                for i, a in enumerate(parsed.args)
                if not g.names_a_type(parsed.path, i, a) and not a.startswith("-")  # git log's --all: part of the command
            ]
            values += [o.value for o in parsed.opts if o.value] + args
        else:  # no grammar: what follows the guessed command words
            named = grammar().guessed_command(words)  # `gcloud compute disks list`: no values
            values += [w for i, w in enumerate(words) if i not in named and not w.startswith("-")]
    return list(dict.fromkeys(values))
