"""Grading against kubectl 1.32 itself: pairs of spellings made from real command lines
(tests/fixtures/kubectl/lines.txt: the docs' quick reference, kubectl's own examples,
learners' notes; and our fixtures' kubectl lines), kubectl run against a recording fake API
server (tests/kubectl_judge.py), and the grader's verdict compared with what kubectl does.

    python bench/judge_kubectl.py [MAX_PAIRS] [SEED] [--save FILE] [--load FILE] [--grader DIR]
                                  [--sample FILE [--sample-size N]]

Prints agreement, false accepts (graded right, kubectl does something else) and false
rejects, per mutation, with examples. Pairs kubectl cannot decide are left out.
--save keeps the judged pairs (original, variant, mutation, kubectl's verdict) in a JSON
file; --load grades such a file again without running kubectl; --grader grades with the
dockquiz package of another checkout (the figures before a change); --sample writes a sample
of the judged pairs, every mutation kind in it, for the test (tests/fixtures/kubectl/judged.json).
"""

from __future__ import annotations

import argparse
import json
import random
import shlex
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def fixture_lines(program: str) -> list[str]:
    lines = []
    for path in [*sorted((HERE / "tests" / "fixtures").glob("*.md")), *sorted((HERE / "content" / "decks").glob("*.md"))]:
        for raw in path.read_text("utf-8").splitlines():
            text = raw.strip().strip("-` ").removeprefix("$ ").strip("` ")
            if text.startswith(program + " "):
                lines.append(text)
    return lines


def judged_pairs(judge, source: list[str], limit: int, rnd: random.Random) -> list[dict]:
    """Pairs made from the lines, shuffled, judged until ``limit`` are decided."""
    from kubectl_pairs import mutations

    from dockquiz.grading.grammar import grammar

    g = grammar()
    pairs = [p for ln in source for p in mutations(ln, g, rnd)]
    rnd.shuffle(pairs)
    print(f"command lines: {len(source)}  pairs made: {len(pairs)}")
    undecidable = 0
    out: list[dict] = []
    start = time.perf_counter()
    for pair in pairs:
        if len(out) >= limit:
            break
        same = judge.same(shlex.split(pair.original), shlex.split(pair.variant))
        if same is None or (same and not pair.meant_same):
            undecidable += 1
            continue
        out.append({"original": pair.original, "variant": pair.variant, "mutation": pair.mutation, "same": same})
    print(f"pairs judged: {len(out)}  (left out, undecidable: {undecidable})  in {time.perf_counter() - start:.0f} s")
    return out


def write_sample(rows: list[dict], path: Path, size: int, rnd: random.Random) -> None:
    """A sample with every mutation kind: as many of each as the share allows, the rest at random."""
    by_kind: dict[str, list[dict]] = {}
    for row in rows:
        by_kind.setdefault(row["mutation"], []).append(row)
    share = max(1, size // max(len(by_kind), 1))
    picked = [row for kind in sorted(by_kind) for row in rnd.sample(by_kind[kind], min(share, len(by_kind[kind])))]
    rest = [row for row in rows if row not in picked]
    picked += rnd.sample(rest, min(len(rest), max(0, size - len(picked))))
    picked.sort(key=lambda r: (r["mutation"], r["original"], r["variant"]))
    path.write_text(json.dumps(picked, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"sample: {len(picked)} pairs -> {path}")


def report(rows: list[dict]) -> None:
    from dockquiz import grading
    from dockquiz.grading import grade

    stats: Counter[str] = Counter()
    per: dict[str, Counter[str]] = {}
    examples: dict[str, list[str]] = {}
    for row in rows:
        before = len(grading.FALLBACKS)
        verdict = grade(row["original"], row["variant"])
        if len(grading.FALLBACKS) != before:
            stats["exceptions"] += 1
        same = row["same"]
        outcome = "agree" if verdict.correct == same else "false_accept" if verdict.correct else "false_reject"
        stats[outcome] += 1
        per.setdefault(row["mutation"], Counter())[outcome] += 1
        if outcome != "agree" and len(examples.setdefault(outcome, [])) < 25:
            examples[outcome].append(f"{row['mutation']}: {row['original']}  ~  {row['variant']}  ({verdict.verdict})")
    kept = len(rows)
    print(
        f"agreement: {stats['agree']}/{kept} = {100 * stats['agree'] / max(kept, 1):.2f}%  "
        f"false accepts: {stats['false_accept']}  false rejects: {stats['false_reject']}  exceptions: {stats['exceptions']}"
    )
    for mutation, c in sorted(per.items()):
        total = sum(c.values())
        same = sum(1 for r in rows if r["mutation"] == mutation and r["same"])
        print(
            f"  {mutation:18} {total:5} (judged same: {same})  agree {c['agree']:5}  "
            f"false accepts {c['false_accept']:3}  false rejects {c['false_reject']:3}"
        )
    for outcome, lines in examples.items():
        print(outcome + ":")
        for line in lines:
            print("  " + line)


def main(program: str = "kubectl", default_limit: int = 2000) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("limit", nargs="?", type=int, default=default_limit)
    ap.add_argument("seed", nargs="?", type=int, default=1)
    ap.add_argument("--save", type=Path)
    ap.add_argument("--load", type=Path)
    ap.add_argument("--grader", type=Path, help="grade with the dockquiz of this checkout")
    ap.add_argument("--sample", type=Path)
    ap.add_argument("--sample-size", type=int, default=360)
    ap.add_argument("--lines", type=Path, help="judge the command lines of this file (one a line) instead of the fixtures'")
    args = ap.parse_args()
    sys.path.insert(0, str(args.grader.resolve() if args.grader else HERE))
    sys.path.insert(1, str(HERE / "tests"))
    if args.load:
        rows = json.loads(args.load.read_text("utf-8"))
        print(f"pairs judged (loaded): {len(rows)}")
    else:
        from kubectl_pairs import usable

        if program == "kubectl":
            from kubectl_judge import Judge
            from kubectl_pairs import lines
        else:
            from gcloud_judge import Judge, lines
        given = args.lines.read_text("utf-8").splitlines() if args.lines else lines() + fixture_lines(program)
        source = [ln for ln in dict.fromkeys(given) if usable(ln, program)]
        with Judge() as judge:
            rows = judged_pairs(judge, source, args.limit, random.Random(args.seed))
        if args.save:
            args.save.write_text(json.dumps(rows, indent=0, ensure_ascii=False), "utf-8")
    if args.sample:
        write_sample(rows, args.sample, args.sample_size, random.Random(args.seed))
    report(rows)


if __name__ == "__main__":
    main()
