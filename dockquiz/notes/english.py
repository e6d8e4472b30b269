"""English prompts for cards whose answer the grammar knows (our own descriptions)."""

from __future__ import annotations

import re
from functools import lru_cache

from dockquiz.cards import CardDraft
from dockquiz.grading.grammar import Grammar, guessed_path
from dockquiz.grading.lexer import LexError, lex
from dockquiz.grading.normalise import normalise
from dockquiz.grading.parser import parse
from dockquiz.notes import text as tx


def english_prompt(g: Grammar, draft: CardDraft) -> str:
    """Never empty: our own description when the grammar has one, else words composed from
    the answer (its command, options and values) or, for a description only the notes hold,
    that description named as what it is."""
    if draft.kind in ("command", "example"):
        return example_sentence(g, draft.answer) or _scope_en(g, draft.answer) or run_sentence(g, draft.answer)
    if draft.kind == "option":
        return (
            _option_en(g, draft.command or "", tx.flag_name(draft.answer)) or f"An option of `{draft.command}`: {draft.prompt_ja}"
        )
    if draft.kind == "meaning":
        return tx.flag_name(draft.hints.get("flag", draft.answer))
    if draft.kind == "dockerfile":
        from dockquiz.notes.reader import instruction_words

        words = draft.answer.split()
        info = g.instructions.get(words[0].upper()) if words else None
        return (instruction_words(g, words, info, "en") if info else "") or draft.answer.split(" ", 1)[0]
    if draft.kind == "compose":
        info = g.compose_keys.get(draft.answer)
        return info["en"] if info else f"A compose file key: {draft.prompt_ja}"
    return ""


def _scope_en(g: Grammar, answer: str) -> str:
    words = answer.split()
    known = g.command_prefix(words)
    scope = g.command(tuple(words[:known])) if known else None
    return scope.en if scope else ""


def run_sentence(g: Grammar, answer: str) -> str:
    """For a command no grammar describes: "Run `streamlit run` with app.py, --port 8501"."""
    try:
        lexed = lex(normalise(answer), expected=False)
    except LexError:
        return f"Run `{answer}`"
    parts = []
    for words in lexed.commands:
        if not words:
            continue
        path = _path(g, words)
        rest: list[str] = []
        for word in words[len(path) :]:
            if rest and not word.startswith("-") and rest[-1].startswith("-") and "=" not in rest[-1]:
                rest[-1] += f" {word}"  # a flag and its value stay together
            else:
                rest.append(word)
        sentence = f"Run `{' '.join(path)}`"
        parts.append(f"{sentence} with {', '.join(rest)}" if rest else sentence)
    return "; then ".join([parts[0], *(p[:1].lower() + p[1:] for p in parts[1:])]) if parts else f"Run `{answer}`"


def _path(g: Grammar, words: list[str]) -> list[str]:
    known = g.command_prefix(words)
    return words[:known] if known else guessed_path(words)


@lru_cache(maxsize=4096)
def _option_en(g: Grammar, command: str, flag: str) -> str:
    scope = g.command(tuple(command.split()))
    opt = scope.options.get(flag) if scope else None
    return opt.en if opt else ""


def _join(phrases: list[str]) -> str:
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + (", and " if len(phrases) > 2 else " and ") + phrases[-1]


def example_sentence(g: Grammar, answer: str) -> str:
    """``docker run -it --rm --name web nginx bash`` → "Run nginx with an interactive
    terminal, remove the container on exit, name it web, and start bash"."""
    try:
        commands = lex(normalise(answer), expected=False).commands
    except LexError:
        return ""
    sentences = [_sentence(parse(words, g, lenient=True)) for words in commands if words]
    if not any(sentences):
        return ""
    sentences = [s or run_sentence(g, " ".join(words)) for s, words in zip(sentences, commands)]
    return "; then ".join([sentences[0], *(x[:1].lower() + x[1:] for x in sentences[1:])])


def _fill(template: str, named: dict[str, int], args: list[str], used: set[int]) -> str:
    """``Tag {1} as {2}`` / ``Run {IMAGE}`` with the command's arguments; "" when one is
    missing. The positions it names are added to ``used``."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        index = int(name) - 1 if name.isdigit() else named.get(name, -1)
        if not 0 <= index < len(args):
            _missing()
        used.add(index)
        return args[index]

    try:
        return re.sub(r"\{(\w+)\}", value, template)
    except LookupError:
        return ""


def _missing() -> str:
    raise LookupError


def _sentence(parsed) -> str:
    scope = parsed.scope
    if scope is None or not (scope.say or scope.en):
        return ""
    names = [scope.arg_name(i) for i in range(len(parsed.args))]
    first_of: dict[str, int] = {}
    for index, name in enumerate(names):
        first_of.setdefault(name, index)
    used: set[int] = set()
    head = _fill(scope.say.replace("{rest}", "\0"), first_of, parsed.args, used) or scope.en
    rest = " ".join(v for i, v in enumerate(parsed.args) if i not in used)
    if "\0" in head:  # {rest} in the sentence itself
        head = head.replace(" \0", f" {rest}" if rest else "").replace("\0", rest)
        rest = ""
    keys = {o.key for o in parsed.opts}
    phrases: list[str] = []
    for together, phrase in scope.say_together:
        if together <= keys:
            phrases.append(phrase)
            keys -= together
    for opt in parsed.opts:
        if opt.key not in keys or opt.option is None:
            continue
        if opt.option.say:
            phrases.append(opt.option.say.format(value=opt.value or ""))
        else:
            text = opt.option.en[:1].lower() + opt.option.en[1:] if opt.option.en else opt.typed.split("=")[0]
            phrases.append(f"{text} ({opt.value})" if opt.value else text)
    if rest and scope.say_rest:
        phrases.append(scope.say_rest.replace("{rest}", rest))
    if not phrases:
        return head
    glue = " " if phrases[0].split(" ", 1)[0] in _PREPOSITIONS else ", "
    return head + glue + _join(phrases)


_PREPOSITIONS = {"with", "in", "as", "on", "using", "without", "including", "building", "from", "to"}
