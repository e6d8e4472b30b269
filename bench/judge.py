"""Grading against the real Docker client: pairs of spellings made from real command lines
(docker/cli's reference docs and our fixtures), the client run against a recording fake
Engine API, and the grader's verdict compared with what the client sends.

    python bench/judge.py DOCKER_CLI_SOURCE [MAX_PAIRS] [SEED] [--cache FILE] [--lines FILE]

DOCKER_CLI_SOURCE: a checkout of github.com/docker/cli, or its git directory.
Prints agreement, false accepts (graded right, the client does something else) and false
rejects, per mutation, with examples. Pairs the requests cannot decide are left out.
``--cache FILE`` keeps the client's verdicts between runs (for working on the grader; the
figures to report come from a run without it). ``--lines FILE`` judges the command lines of
FILE (one a line) instead of the docs' and fixtures'.
"""

from __future__ import annotations

import json
import random
import shlex
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "tests"))

from judge import Judge, docs_command_lines  # noqa: E402
from judge_pairs import mutations, usable  # noqa: E402

from dockquiz import grading  # noqa: E402
from dockquiz.grading import grade  # noqa: E402
from dockquiz.grading.grammar import grammar  # noqa: E402


def fixture_lines() -> list[str]:
    lines = []
    for path in [*sorted((HERE / "tests" / "fixtures").glob("*.md")), *sorted((HERE / "content" / "decks").glob("*.md"))]:
        for raw in path.read_text("utf-8").splitlines():
            text = raw.strip().strip("-` ").removeprefix("$ ").strip("` ")
            if text.startswith("docker "):
                lines.append(text)
    return lines


def main() -> None:
    argv = sys.argv[1:]
    cache_file = None
    if "--cache" in argv:
        at = argv.index("--cache")
        cache_file = Path(argv[at + 1])
        del argv[at : at + 2]
    lines_file = None
    if "--lines" in argv:
        at = argv.index("--lines")
        lines_file = Path(argv[at + 1])
        del argv[at : at + 2]
    cache = json.loads(cache_file.read_text()) if cache_file and cache_file.exists() else {}
    source = Path(argv[0])
    limit = int(argv[1]) if len(argv) > 1 else 3000
    rnd = random.Random(int(argv[2]) if len(argv) > 2 else 1)
    given = lines_file.read_text("utf-8").splitlines() if lines_file else docs_command_lines(source) + fixture_lines()
    lines = [ln for ln in dict.fromkeys(given) if usable(ln)]
    g = grammar()
    pairs = [p for ln in lines for p in mutations(ln, g, rnd)]
    rnd.shuffle(pairs)
    print(f"command lines: {len(lines)}  pairs made: {len(pairs)}")
    stats: Counter[str] = Counter()
    per: dict[str, Counter[str]] = {}
    examples: dict[str, list[str]] = {}
    start = time.perf_counter()
    kept = 0
    with Judge() as judge:
        for pair in pairs:
            if kept >= limit:
                break
            key = pair.original + "\t" + pair.variant
            same = cache[key] if key in cache else judge.same(shlex.split(pair.original), shlex.split(pair.variant))
            cache[key] = same
            if same is None or (same and not pair.meant_same):
                stats["undecidable"] += 1
                continue
            kept += 1
            before = len(grading.FALLBACKS)
            verdict = grade(pair.original, pair.variant)
            if len(grading.FALLBACKS) != before:
                stats["exceptions"] += 1
            graded_same = verdict.correct
            outcome = "agree" if graded_same == same else "false_accept" if graded_same else "false_reject"
            stats[outcome] += 1
            per.setdefault(pair.mutation, Counter())[outcome] += 1
            if outcome != "agree" and len(examples.setdefault(outcome, [])) < 15:
                examples[outcome].append(f"{pair.mutation}: {pair.original}  ~  {pair.variant}  ({verdict.verdict})")
    elapsed = time.perf_counter() - start
    if cache_file is not None:
        cache_file.write_text(json.dumps(cache))
    agree = stats["agree"]
    print(f"pairs judged: {kept}  (left out, undecidable: {stats['undecidable']})  in {elapsed:.0f} s")
    print(
        f"agreement: {agree}/{kept} = {100 * agree / max(kept, 1):.2f}%  false accepts: {stats['false_accept']}  "
        f"false rejects: {stats['false_reject']}  exceptions: {stats['exceptions']}"
    )
    for mutation, c in sorted(per.items()):
        print(f"  {mutation:18} {dict(c)}")
    for outcome, rows in examples.items():
        print(outcome + ":")
        for row in rows:
            print("  " + row)


if __name__ == "__main__":
    main()
