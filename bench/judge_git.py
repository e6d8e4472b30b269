"""Grading against git itself: pairs of spellings made from real git command lines
(tests/fixtures/git-lines.txt: Pro Git, learners' notes, cheat sheets), each side run by git
in fresh copies of one fixture repository (tests/git_judge.py), and the grader's verdict
compared with what git does.

    python bench/judge_git.py [MAX_PAIRS] [SEED] [--record N FILE] [--cache FILE] [--lines FILE]

Prints agreement, false accepts (graded right, git does something else) and false rejects,
per mutation, with examples. Pairs git cannot decide are left out. What git prints counts:
a pair whose repositories end the same but whose output differs (``log --oneline`` and
``log``) is a different pair; how many of those there are is printed. ``--record N FILE``
writes N of the judged pairs (a sample spread over the mutations) with git's verdicts, the
fixture tests/test_git_judge.py checks. ``--cache FILE`` keeps git's verdicts between runs
(for working on the grader; the figures to report come from a run without it).
``--lines FILE`` judges the command lines of FILE (one a line) instead of the fixture's.
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

from git_judge import Judge, command_lines, runnable  # noqa: E402
from git_pairs import pairs_of, usable  # noqa: E402

from dockquiz import grading  # noqa: E402
from dockquiz.grading import grade  # noqa: E402
from dockquiz.grading.normalise import normalise  # noqa: E402

LINES = HERE / "tests" / "fixtures" / "git-lines.txt"


def real_lines(path: Path = LINES) -> list[str]:
    lines = [normalise(ln) for ln in command_lines(path)]
    return [ln for ln in dict.fromkeys(lines) if usable(ln) and runnable(shlex.split(ln))]


def main() -> None:
    argv = sys.argv[1:]
    record = None
    if "--record" in argv:
        at = argv.index("--record")
        record = (int(argv[at + 1]), Path(argv[at + 2]))
        del argv[at : at + 3]
    cache_file = None
    if "--cache" in argv:
        at = argv.index("--cache")
        cache_file = Path(argv[at + 1])
        del argv[at : at + 2]
    lines_file = LINES
    if "--lines" in argv:
        at = argv.index("--lines")
        lines_file = Path(argv[at + 1])
        del argv[at : at + 2]
    cache = json.loads(cache_file.read_text()) if cache_file and cache_file.exists() else {}
    limit = int(argv[0]) if argv else 3000
    rnd = random.Random(int(argv[1]) if len(argv) > 1 else 1)
    lines = real_lines(lines_file)
    pairs = pairs_of(lines, rnd)
    rnd.shuffle(pairs)
    print(f"command lines: {len(lines)}  pairs made: {len(pairs)}")
    stats: Counter[str] = Counter()
    per: dict[str, Counter[str]] = {}
    examples: dict[str, list[str]] = {}
    judged: list[dict] = []
    start = time.perf_counter()
    with Judge() as judge:
        for pair in pairs:
            if len(judged) >= limit:
                break
            key = pair.original + "\t" + pair.variant
            how = cache[key] if key in cache else judge.verdict(shlex.split(pair.original), shlex.split(pair.variant))
            cache[key] = how
            if how is None or (how == "same" and not pair.meant_same):
                stats["undecidable"] += 1
                continue
            same = how == "same"
            if how == "output":
                stats["output_only"] += 1
            before = len(grading.FALLBACKS)
            verdict = grade(pair.original, pair.variant)
            if len(grading.FALLBACKS) != before:
                stats["exceptions"] += 1
            graded_same = verdict.correct
            outcome = "agree" if graded_same == same else "false_accept" if graded_same else "false_reject"
            stats[outcome] += 1
            if how == "output" and graded_same:
                stats["output_only_accepted"] += 1
            per.setdefault(pair.mutation, Counter())[outcome] += 1
            judged.append({"original": pair.original, "variant": pair.variant, "mutation": pair.mutation, "git": how})
            if outcome != "agree" and len(examples.setdefault(outcome, [])) < 40:
                examples[outcome].append(f"{pair.mutation}: {pair.original}  ~  {pair.variant}  ({how}; {verdict.verdict})")
        runs = judge.runs
    elapsed = time.perf_counter() - start
    if cache_file is not None:
        cache_file.write_text(json.dumps(cache))
    kept = len(judged)
    agree = stats["agree"]
    print(f"pairs judged: {kept}  (left out, undecidable: {stats['undecidable']})  git runs: {runs}  in {elapsed:.0f} s")
    print(
        f"agreement: {agree}/{kept} = {100 * agree / max(kept, 1):.2f}%  false accepts: {stats['false_accept']}  "
        f"false rejects: {stats['false_reject']}  exceptions: {stats['exceptions']}"
    )
    by_output = stats["output_only_accepted"]
    print(
        f"false accepts by state or exit code: {stats['false_accept'] - by_output}, by printed output only: {by_output}; "
        f"with those counted as same: {agree + by_output}/{kept} = {100 * (agree + by_output) / max(kept, 1):.2f}%"
    )
    print(
        f"told apart only by what git prints: {stats['output_only']} (counted as different; "
        f"graded correct: {stats['output_only_accepted']})"
    )
    for mutation, c in sorted(per.items()):
        total = sum(c.values())
        fa, fr = c["false_accept"], c["false_reject"]
        print(f"  {mutation:18} {total:5}  agree {c['agree']:5}  false accepts {fa:3}  false rejects {fr:3}")
    for outcome, rows in examples.items():
        print(outcome + ":")
        for row in rows:
            print("  " + row)
    if record is not None:
        count, path = record
        by_kind: dict[str, list[dict]] = {}
        for row in judged:
            by_kind.setdefault(row["mutation"], []).append(row)
        sample: list[dict] = []
        while len(sample) < min(count, kept):
            for rows in by_kind.values():
                if rows and len(sample) < count:
                    sample.append(rows.pop(0))
        rows = ",\n".join(json.dumps(row, ensure_ascii=False) for row in sample)
        path.write_text(f"[\n{rows}\n]\n", encoding="utf-8")
        print(f"recorded {len(sample)} pairs in {path}")


if __name__ == "__main__":
    main()
