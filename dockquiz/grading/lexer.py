"""Step 2-3 of grading: placeholders, splitting into commands, tokenising (shlex).

Placeholders (``${X}``, ``<x>``, ``[x]``, ``{{x}}``, ``$X``) are replaced by sentinel
characters before tokenising so a placeholder with spaces stays one token and can
also sit inside a token (``${A}:${B}``).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from functools import lru_cache

PH_OPEN, PH_CLOSE = "\ue000", "\ue001"
SEPARATORS = frozenset({"&&", "||", ";", "|", "&"})
_PLACEHOLDER = re.compile(
    r"\$\{[^{}\s^,#%/:@*!?][^{}^,#%/:@*!?]*\}"  # ${IMAGE_NAME}; not the shell's ${x^^}, ${#a}, ${x:-d}
    r"|\{\{[^{}]+\}\}"  # {{image}}
    r"|<[^<>\s|&;][^<>|&;]*>"  # <image>, <container name>
    r"|\[[^\[\]\s\"',=-][^\[\]\"',=]*\]"  # [イメージID]  (not JSON arrays, not [ -f x ])
    r"|\$[A-Z][A-Z0-9_]+"  # $IMAGE
)
_OPTION_WORDS = {"options", "option", "opts", "flags", "オプション"}
# sudo's own options that take a value (sudo(8): -u root, -uroot, --user root, --user=root);
# its other options are switches, and `--` ends them
_SUDO_VALUED_SHORT = frozenset("aCcDgpRrTtUu")
_SUDO_VALUED_LONG = frozenset(
    "--auth-type --close-from --login-class --chdir --group --host --prompt --chroot --role --type "
    "--command-timeout --other-user --user".split()
)


class LexError(ValueError):
    """Unbalanced quotes and the like: the input is not a command line. ``part`` names what
    is wrong (``quote``: a quotation mark not closed; ``escape``: a ``\\`` with nothing after
    it), for the catalogue: shlex's English message never reaches the learner."""

    @property
    def part(self) -> str:
        return "quote" if "quotation" in str(self) else "escape"


@dataclass(frozen=True)
class Lexed:
    """A command line as words: frozen, because expected forms are cached and shared."""

    commands: tuple[tuple[str, ...], ...]
    separators: tuple[str, ...]
    names: tuple[str, ...] = ()  # placeholder names by index
    any_options: bool = False  # the expected form says [OPTIONS]


_MAYBE_PLACEHOLDER = re.compile(r"[$<\[{]")  # one scan of the text (a set would take it char by char)


def mark_placeholders(text: str) -> tuple[str, list[str]]:
    names: list[str] = []
    if not _MAYBE_PLACEHOLDER.search(text):
        return text, names

    def repl(match: re.Match[str]) -> str:
        names.append(match.group(0))
        return f"{PH_OPEN}{len(names) - 1}{PH_CLOSE}"

    return _PLACEHOLDER.sub(repl, text), names


def placeholders(text: str) -> list[str]:
    """The placeholders of a command line, each once, in order: ``${IMAGE}``, ``<name>``…"""
    if not _MAYBE_PLACEHOLDER.search(text):
        return []
    return list(dict.fromkeys(_PLACEHOLDER.findall(text)))


def is_placeholder(text: str) -> bool:
    """Is this text one placeholder and nothing else (``${IMAGE}``, ``<container name>``)? What a
    placeholder is, for the notes reader as for grading."""
    return _PLACEHOLDER.fullmatch(text.strip()) is not None


def _is_options_word(name: str) -> bool:
    inner = name.strip("$<>[]{} ").lower().rstrip(".")
    return inner in _OPTION_WORDS


_QUOTING = re.compile(r"[\"'\\]")
_OPERATORS = re.compile("[;&|]")
# shlex's split (posix, whitespace_split, punctuation_chars ";&|") of a text without quotes or
# backslashes: words, and runs of ; & | (tests/test_grading_properties.py holds them to shlex)
_UNQUOTED = re.compile(r"[;&|]+|[^ \t\r\n;&|]+")


def split_words(text: str) -> list[str]:
    """The words of a command line as a POSIX shell splits them (raises LexError)."""
    if not _QUOTING.search(text):
        return _UNQUOTED.findall(text) if _OPERATORS.search(text) else text.split()
    lex = shlex.shlex(text, posix=True, punctuation_chars=";&|")
    lex.whitespace_split = True
    lex.commenters = ""
    try:
        return list(lex)
    except ValueError as exc:
        raise LexError(str(exc)) from None


def strip_sudo(words: list[str] | tuple[str, ...]) -> list[str]:
    """The command a ``sudo …`` line runs: ``sudo`` (twice, too) and sudo's own options
    dropped (``sudo -E -u deploy docker ps`` → ``docker ps``). Notes read it so as well."""
    i = 0
    while i < len(words) and words[i] == "sudo":
        i += 1
        while i < len(words) and words[i].startswith("-") and words[i] != "-":
            word = words[i]
            i += 1
            if word == "--":
                break
            if word.startswith("--"):
                i += word in _SUDO_VALUED_LONG  # --user root (--user=root is one word)
                continue
            letters = word[1:]
            at = next((k for k, c in enumerate(letters) if c in _SUDO_VALUED_SHORT), None)
            i += at == len(letters) - 1  # -u root, -Eu root (-uroot is one word)
    return list(words[i:])


@lru_cache(maxsize=4096)
def lex_expected(text: str) -> Lexed:
    """Lexing of an expected form, cached: cards are graded again and again."""
    return lex(text)


def lex(text: str, *, expected: bool = True) -> Lexed:
    """Split a normalised command line into commands of words (raises LexError).

    In an expected form, placeholders stay as sentinels (they match any value); in typed
    text they are put back as typed, so ``${IMAGE}`` typed is just a word.
    """
    marked, names = mark_placeholders(text)
    words = split_words(marked)
    commands: list[list[str]] = [[]]
    separators: list[str] = []
    any_options = False
    if not names and SEPARATORS.isdisjoint(words):  # the common case: one command, no placeholders
        return Lexed((tuple(strip_sudo(words)),), (), (), False)
    for word in words:
        if word in SEPARATORS:
            separators.append(word)
            commands.append([])
            continue
        if not expected:
            commands[-1].append(restore(word, names))
            continue
        if is_placeholder_token(word) and _is_options_word(names[_index(word)]):
            any_options = True
            continue
        commands[-1].append(word)
    commands = [strip_sudo(c) for c in commands]
    if len(commands) > 1:
        commands = [c for c in commands if c] or [[]]
    return Lexed(tuple(map(tuple, commands)), tuple(separators), tuple(names), any_options)


def _index(token: str) -> int:
    return int(token[1:-1])


def is_placeholder_token(token: str) -> bool:
    return token.startswith(PH_OPEN) and token.endswith(PH_CLOSE) and token.count(PH_OPEN) == 1


def restore(token: str, names: list[str]) -> str:
    """Put the placeholder text back into a token for display."""
    if PH_OPEN not in token:
        return token
    return re.sub(f"{PH_OPEN}(\\d+){PH_CLOSE}", lambda m: names[int(m.group(1))], token)
