"""Audit what the importer makes of a directory of notes, for a person to judge quickly.

    python bench/audit_notes.py DIR_OR_FILE... [--summary]

For every notes file (``*.md``, ``*.txt``): each card (source line, kind, prompt, English prompt, answer) and
each warning, then totals: cards by kind, warnings, empty English prompts, prompts shared
by more than one card, and the time spent reading. Judge a card against its source line;
a line that should have been a card and is not is a miss.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from dockquiz.notes import parse_notes


def files(args: list[str]) -> list[Path]:
    out: list[Path] = []
    for arg in args:
        path = Path(arg)
        out.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in (".md", ".txt")) if path.is_dir() else [path])
    return out


def main(argv: list[str]) -> int:
    summary = "--summary" in argv
    paths = files([a for a in argv if a != "--summary"])
    kinds: Counter[str] = Counter()
    warnings = empty_en = shared = 0
    seconds = 0.0
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        start = time.perf_counter()
        notes = parse_notes(text, deck=path.stem)
        seconds += time.perf_counter() - start
        prompts = Counter((d.prompt_ja, d.kind) for d in notes.drafts)
        if not summary:
            print(f"\n=== {path} ({len(notes.drafts)} cards)")
        for d in notes.drafts:
            kinds[d.kind] += 1
            empty_en += not d.prompt_en.strip()
            twin = prompts[(d.prompt_ja, d.kind)] > 1
            shared += twin
            if not summary:
                mark = "=" if twin else " "
                print(
                    f"L{d.source_line:<4}{d.kind:<10}{mark} {d.prompt_ja}\n"
                    f"{'':15}en: {d.prompt_en or '(empty)'}\n{'':15}=> {d.answer}"
                )
        for w in notes.warnings:
            warnings += 1
            if not summary:
                print(f"L{w.line:<4}warning   {w.key} {w.params}")
    total = sum(kinds.values())
    print(f"\n{len(paths)} files, {total} cards: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    print(
        f"warnings {warnings}, empty English prompts {empty_en}, cards sharing a prompt {shared}, read in {seconds * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
