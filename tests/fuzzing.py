"""Random command lines built from the grammar itself, for the never-raises property
(tests/test_grading_fuzz.py, through hypothesis) and the million-grade bench (bench/fuzz.py)."""

from __future__ import annotations

import random

from dockquiz.grading import KINDS
from dockquiz.grading.grammar import Grammar

PLACEHOLDERS = [
    "${IMAGE_NAME}",
    "<container>",
    "[イメージID]",
    "{{image}}",
    "$NAME",
    "[/host/dir]",
    "${",
    "<",
    "[x",
    "{{",
    "[OPTIONS]",
    "<options>",
]
NOISE = [
    "'",
    '"',
    "\\",
    ";",
    "&&",
    "|",
    "||",
    "&",
    "--",
    "-",
    "=",
    "ー",
    "　",
    "ｄｏｃｋｅｒ",
    "－ｄ",
    "\x1b[2J",
    "\x9b",
    "\x00",
    "\u202e",
    "\ud800",
    "\t",
    "\n",
    "[/]",
    "[bold]",
    "#",
    "$ ",
    "sudo",
    "-it",
    "-p8080:80",
    "--name=x",
    "--rm=false",
    "-e=A",
    "--",
    "nginx",
    "a" * 50,
]
WORDS = [
    "nginx",
    "web",
    "8080:80",
    "/app",
    "./",
    "ubuntu:22.04",
    "pods",
    "po",
    "main",
    "origin",
    "A=1",
    "bash",
    "-c",
    "ls",
    "x",
    "1",
    "true",
    "false",
    "kube-system",
    "my-cluster",
]
OTHER_KINDS = [*KINDS, "meaning", "unknown", ""]


def _option_spelling(rnd: random.Random, flag: str, value: str | None) -> list[str]:
    if value is None:
        return [flag] if rnd.random() < 0.9 else [f"{flag}={rnd.choice(['true', 'false', 'maybe'])}"]
    form = rnd.random()
    if form < 0.5:
        return [flag, value]
    if form < 0.8:
        return [f"{flag}={value}"]
    return [flag + value] if not flag.startswith("--") else [flag]  # glued, or value missing


def command_line(rnd: random.Random, grammar: Grammar, paths: list[tuple[str, ...]]) -> str:
    path = rnd.choice(paths)
    scope = grammar.scopes.get(path)
    words = list(path)
    if rnd.random() < 0.1 and len(words) > 1:  # an unknown or misspelt subcommand
        words[-1] = rnd.choice(["serach", "foo", words[-1][::-1], words[-1] + "x"])
    options = list({id(o): o for o in scope.options.values()}.values()) if scope else []
    for _ in range(rnd.randint(0, 5)):
        r = rnd.random()
        if options and r < 0.6:
            opt = rnd.choice(options)
            value = rnd.choice(WORDS + PLACEHOLDERS) if opt.takes_value else None
            words += _option_spelling(rnd, rnd.choice(opt.flags), value)
        elif r < 0.8:
            words.append(rnd.choice(WORDS + PLACEHOLDERS))
        else:
            words.append(rnd.choice(NOISE))
    if rnd.random() < 0.3:
        rnd.shuffle(words)
    text = " ".join(words)
    if rnd.random() < 0.1:  # full-width, as a Japanese IME types it
        text = text.translate({i: i + 0xFEE0 for i in range(0x21, 0x7F)}).replace(" ", "　")
    if rnd.random() < 0.05:
        cut = rnd.randint(0, len(text))
        text = text[:cut] + rnd.choice(NOISE) + text[cut:]
    return text


def pair(rnd: random.Random, grammar: Grammar, paths: list[tuple[str, ...]]) -> tuple[str, str, str, str | None]:
    """(expected, typed, kind, command) — related most of the time, as real answers are."""
    kind = rnd.choice(OTHER_KINDS)
    expected = command_line(rnd, grammar, paths)
    if kind == "option":
        scope = grammar.scopes.get(rnd.choice(paths))
        command = " ".join(scope.path) if scope else rnd.choice(["docker run", "kubectl get", "x y"])
        flags = [f for f in (scope.options if scope else {})] or ["-d"]
        expected = rnd.choice(flags) + rnd.choice(["", " x", "=1", " ${V}"])
        typed = rnd.choice(flags) + rnd.choice(["", " x", "=2", " "]) if rnd.random() < 0.8 else command_line(rnd, grammar, paths)
        return expected, typed, kind, command
    if kind in ("dockerfile", "compose"):
        head = rnd.choice(["FROM", "RUN", "ENV", "COPY", "CMD", "image:", "ports:", "build", " build", "[", ""])
        body = rnd.choice([expected, rnd.choice(NOISE + WORDS + PLACEHOLDERS)])
        expected = head + rnd.choice([" ", ":", " : ", ""]) + body
        if rnd.random() < 0.5:
            typed = head + rnd.choice([" ", ":", ""]) + rnd.choice(NOISE + WORDS + PLACEHOLDERS)
            return expected, typed, kind, None
    typed = expected if rnd.random() < 0.2 else command_line(rnd, grammar, paths)
    if rnd.random() < 0.5:
        typed = " ".join(rnd.sample(typed.split(), len(typed.split())))
    return expected, typed, kind, rnd.choice([None, "docker run", "kubectl get"])


def all_paths(grammar: Grammar) -> list[tuple[str, ...]]:
    grammar.load_all()
    return sorted(grammar.scopes)
