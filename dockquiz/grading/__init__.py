"""Grading: read a typed command the way the Docker CLI reads it. Pure: no database, no terminal.

    >>> from dockquiz.grading import grade
    >>> grade("docker run -it --rm nginx", "docker run --rm -ti nginx").verdict
    'equivalent'

Pipeline: normalise → split commands → tokenise → parse with the grammar → canonicalise
→ compare → verdict. See DESIGN.md and ``content/cli/*.toml``.
"""

from __future__ import annotations

from functools import lru_cache

from dockquiz.grading.lexer import LexError
from dockquiz.grading.normalise import normalise
from dockquiz.grading.verdict import Difference, Rating, Verdict

__all__ = ["grade", "Verdict", "Difference", "Rating", "KINDS", "MAX_INPUT"]

KINDS = ("command", "example", "option", "dockerfile", "compose")
MAX_INPUT = 4000


def _grade(expected: str, typed: str, kind: str, command: str | None) -> Verdict:
    kinds, grammar = _engine()
    exp_n, typ_n = _normalise_expected(expected), normalise(typed)
    if not typ_n:
        return Verdict("empty", kind, expected, typed)
    if len(typ_n) > MAX_INPUT:
        return Verdict("invalid", kind, expected, typed, (Difference("invalid", "line", None, typ_n[:40] + "…"),))
    g = grammar()
    try:
        if kind == "option":
            outcome, exact = kinds.compare_option(exp_n, typ_n, command, g)
        elif kind == "dockerfile":
            outcome, exact = kinds.compare_dockerfile(exp_n, typ_n, g)
        elif kind == "compose":
            outcome, exact = kinds.compare_compose(exp_n, typ_n, g)
        else:
            outcome, exact = kinds.compare_commands(exp_n, typ_n, g)
    except LexError as exc:
        return Verdict("invalid", kind, expected, typed, (Difference("invalid", "line", None, str(exc)),))
    diffs = tuple(outcome.diffs)
    return Verdict(_classify(outcome, exact), kind, expected, typed, diffs)


_ENGINE: tuple = ()


@lru_cache(maxsize=4096)
def _normalise_expected(text: str) -> str:
    return normalise(text)


def _engine() -> tuple:
    """The comparison code and the grammar, imported on first grade (keeps CLI start fast)."""
    global _ENGINE
    if not _ENGINE:
        from dockquiz.grading import kinds
        from dockquiz.grading.grammar import grammar

        _ENGINE = (kinds, grammar)
    return _ENGINE


def _classify(outcome, exact: bool) -> str:
    diffs = outcome.diffs
    if not outcome.path_ok:
        return "wrong"
    if outcome.invalid and not any(d.kind == "typo" for d in diffs):
        return "invalid"
    if not diffs:
        return "exact" if exact else "equivalent"
    if all(d.kind == "typo" for d in diffs):
        return "typo"
    if outcome.confused or any(d.kind == "misplaced" for d in diffs):
        return "wrong"
    total = max(outcome.total, 1)
    return "partial" if outcome.ok * 2 >= total else "wrong"


def grade(expected: str, typed: str, *, kind: str = "command", command: str | None = None) -> Verdict:
    """Grade ``typed`` against the card's ``expected`` answer. Never raises on any input."""
    if kind not in KINDS:
        kind = "command"
    try:
        return _grade(expected or "", typed or "", kind, command)
    except RecursionError:  # pragma: no cover - defensive: never raise on user input
        return Verdict("invalid", kind, expected, typed)
