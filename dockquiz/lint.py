"""The notes checked against their CLI: each command line of a notes file that its program
would refuse or read differently, with its line, what the program would do, and a fix.

The lines are those import makes cards of (the notes reader's drafts), each read by
:func:`dockquiz.grading.explain.explain` — the reading grading uses. Only findings a grammar
can stand behind are reported (lint's precision is measured against the real programs,
tests/test_lint.py): a flag is unknown only where the program's help lists every flag (cobra:
docker, kubectl) or when a flag of the command is one edit away; a subcommand is misspelt only
when one of the command's is that close; no counts of arguments (help's usage lines do not
say enough).

A learner silences one line with an HTML comment, which Markdown already allows and shows to
no one: ``<!-- dockquiz: ignore -->`` on the line or on the line before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dockquiz.grading.explain import Explanation, Finding, dashed_flags, explain

IGNORE = re.compile(r"<!--\s*dockquiz\s*:\s*ignore\s*-->", re.IGNORECASE)
_CHECKED_KINDS = ("command", "example", "option")
# cobra CLIs: their help lists every flag of a command (hidden ones aside, kept in the overlay)
_ALL_FLAGS_LISTED = frozenset({"docker", "kubectl"})
_ALWAYS = frozenset({"exec_dash", "after_image", "after_argument", "equals_value", "placeholder_slot", "en_dash", "not_alone"})


@dataclass(frozen=True)
class LintFinding:
    line: int  # 1-based line of the notes file (0 when the reader gave none)
    text: str  # the command line as the notes have it (the card's answer)
    finding: Finding
    fix: str | None  # the whole line, fixed


def reported(finding: Finding, program: str, text: str = "") -> bool:
    """Whether lint reports a finding of explain (those it can stand behind): not in shell
    syntax the grammar does not read (``$(brew --prefix)``), nor on an elided line (``...``)."""
    if any(ch in finding.token for ch in "()`") or ("..." in text or "…" in text) and finding.kind != "en_dash":
        return False
    if finding.kind in _ALWAYS:
        return True
    if finding.kind == "unknown_flag":
        return finding.suggestion is not None or program in _ALL_FLAGS_LISTED
    if finding.kind == "unknown_command":
        return finding.suggestion is not None and finding.token.isascii()
    if finding.kind == "missing_value":
        return program in _ALL_FLAGS_LISTED
    return False


_SUBSTITUTION = re.compile(r"\$\(|`")


@lru_cache(maxsize=4096)
def check_line(text: str) -> tuple[tuple[Finding, ...], str | None]:
    """Lint's findings on one command line, and the line with their fixes (or None). In a
    line with a command substitution (``docker rm $(docker ps -aq)``), only what stands
    before it: the grammar does not read the shell's words inside."""
    e: Explanation = explain(text, parts=False)  # the findings and the fix: no parts to build
    sub = _SUBSTITUTION.search(text)
    before = text[: sub.start()] if sub else text
    kept = tuple(f for c in e.commands for f in c.findings if reported(f, c.program, text) and (sub is None or f.token in before))
    return kept, (e.fix if any(f.fix for f in kept) else None)


def check_option(command: str, flag_text: str) -> tuple[Finding, ...]:
    """An option card: does its command have the option? (``--detatch`` of docker run). A
    short word with no near flag is left out: a listing's ``-rw-r--r--`` read as an option."""
    findings, _ = check_line(f"{command} {flag_text}")
    return tuple(
        f for f in findings if f.kind == "en_dash" or (f.kind == "unknown_flag" and (f.suggestion or f.token.startswith("--")))
    )


def silenced(lines: list[str], line: int) -> bool:
    """The marker on the line or on the line before."""
    return any(0 < n <= len(lines) and IGNORE.search(lines[n - 1]) for n in (line, line - 1))


def lint_drafts(drafts, text: str) -> list[LintFinding]:
    """Findings over the card drafts of a notes file (``text``: the file, for the markers)."""
    lines = text.splitlines()
    out: list[LintFinding] = []
    seen: set[tuple[int, str]] = set()
    for draft in drafts:
        if draft.kind not in _CHECKED_KINDS or not draft.answer:
            continue
        key = (draft.source_line, draft.answer if draft.kind != "option" else f"{draft.command} {draft.answer}")
        if key in seen:
            continue
        seen.add(key)
        if draft.kind == "option":
            if not draft.command:
                continue
            findings, fix = check_option(draft.command, draft.answer), None
        else:
            findings, fix = check_line(draft.answer)
            if not findings:  # the reader may have read the notes' en dash as the hyphens it means
                findings, fix = _dashes_read(draft.answer, lines, draft.source_line)
        if not findings or silenced(lines, draft.source_line):
            continue
        for finding in findings:
            out.append(LintFinding(draft.source_line, key[1], finding, fix))
    out.sort(key=lambda f: f.line)
    return out


def _dashes_read(answer: str, lines: list[str], line: int) -> tuple[tuple[Finding, ...], str | None]:
    """The notes' own line has ``–no-cache`` where the card (the reader's reading) has
    ``--no-cache``: the CLI would have read the notes' text as an argument."""
    if not 0 < line <= len(lines):
        return (), None
    words = set(answer.split())
    found = tuple(
        Finding("en_dash", raw, right, None, " ".join(answer.split()[:2]))
        for raw, body in dashed_flags(lines[line - 1])
        for right in (("--" if len(body) > 1 else "-") + body,)
        if right in words or any(w.startswith(right + "=") for w in words)
    )
    return found, (answer if found else None)


def lint_text(text: str, deck: str = "notes") -> list[LintFinding]:
    from dockquiz.notes import parse_notes

    notes = parse_notes(text, deck=deck)
    return lint_drafts(notes.drafts + notes.asides, text)


def checked_lines(drafts) -> int:
    """How many command lines of the notes lint read."""
    return len({(d.source_line, d.answer) for d in drafts if d.kind in _CHECKED_KINDS and d.answer})


def lines_found(findings: list[LintFinding]) -> int:
    return len({(f.line, f.text) for f in findings})


def fixed_form(answer: str) -> str | None:
    """The form the CLI would run as the notes mean it, for a card whose answer lint finds
    wrong and can fix (accepted beside the notes' own text)."""
    try:
        _, fix = check_line(answer)
    except Exception:  # noqa: BLE001 - no fix is offered rather than a study session ended
        return None
    return fix
