"""Grading: read a typed command the way the Docker CLI reads it. Pure: no database, no terminal.

    >>> from dockquiz.grading import grade
    >>> grade("docker run -it --rm nginx", "docker run --rm -ti nginx").verdict
    'equivalent'

Pipeline: normalise → split commands → tokenise → parse with the grammar → canonicalise
→ compare → verdict. See docs/design.md and ``content/cli/``.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import zip_longest

from dockquiz.grading.lexer import LexError
from dockquiz.grading.normalise import normalise
from dockquiz.grading.verdict import NOTE_KINDS, Difference, Rating, Verdict
from dockquiz.vocabulary import GRADED_KINDS

__all__ = ["grade", "Verdict", "Difference", "Rating", "KINDS", "MAX_INPUT"]

KINDS = GRADED_KINDS
MAX_INPUT = 4000


def _grade(expected: str, typed: str, kind: str, command: str | None) -> Verdict:
    from dockquiz.grading import kinds  # the comparison and the grammar load on first grade
    from dockquiz.grading.grammar import grammar

    exp_n, typ_n = _normalise_expected(expected), normalise(typed)
    if not typ_n:
        return Verdict("empty", kind, expected, typed)
    if len(typ_n) > MAX_INPUT:
        return Verdict("invalid", kind, expected, typed, (Difference("invalid", "line", None, _shown(typ_n)),))
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
        # shlex's English message never reaches the learner: the part names what is wrong
        return Verdict("invalid", kind, expected, typed, (Difference("invalid", exc.part, None, _shown(typ_n)),))
    diffs = tuple(outcome.diffs)
    return Verdict(_classify(outcome, exact), kind, expected, typed, diffs)


def _shown(typed: str) -> str:
    return typed if len(typed) <= 40 else typed[:40] + "…"


@lru_cache(maxsize=4096)
def _normalise_expected(text: str) -> str:
    return normalise(text)


def _classify(outcome, exact: bool) -> str:
    diffs = [d for d in outcome.diffs if d.kind not in NOTE_KINDS]
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


FALLBACKS: list[str] = []  # grades that took the word-by-word fallback (a bug: the fuzz bench counts them)


def grade(expected: str, typed: str, *, kind: str = "command", command: str | None = None) -> Verdict:
    """Grade ``typed`` against the card's ``expected`` answer. Never raises on any input.

    Should the grammar-guided comparison fail on some input (a bug), the answer is still
    graded, word by word, and the failure is counted in ``FALLBACKS``.
    """
    if kind not in KINDS:
        kind = "command"
    expected, typed = str(expected or ""), str(typed or "")
    try:
        return _grade(expected, typed, kind, command)
    except Exception as exc:  # noqa: BLE001 - a grader bug must not end a study session
        FALLBACKS.append(f"{type(exc).__name__}: {exc}")
        del FALLBACKS[:-100]
        return _word_by_word(expected, typed, kind)


def _word_by_word(expected: str, typed: str, kind: str) -> Verdict:
    exp, typ = normalise(expected).split(), normalise(typed).split()
    if not typ:
        return Verdict("empty", kind, expected, typed)
    if exp == typ:
        return Verdict("exact", kind, expected, typed)
    diffs = [
        Difference("wrong_value" if e and t else "missing" if e else "extra", "argument", e, t)
        for e, t in zip_longest(exp, typ)
        if e != t
    ]
    return Verdict("wrong", kind, expected, typed, tuple(diffs[:20]))
