"""Grading against gcloud itself: pairs of spellings made from real gcloud command lines
(tests/fixtures/gcloud/lines.txt: the EXAMPLES of gcloud's own help, learners' notes; and
our fixtures' gcloud lines), gcloud run with its APIs sent to a recording fake on loopback
(tests/gcloud_judge.py), and the grader's verdict compared with what gcloud does.

    python bench/judge_gcloud.py [MAX_PAIRS] [SEED] [--per-line N] [--workers N] [--save FILE]
                                 [--load FILE] [--grader DIR] [--sample FILE [--sample-size N]]

The pairs are made by tests/kubectl_pairs.py's option mutations; the report and the options
--save, --load, --grader and --sample are bench/judge_kubectl.py's. gcloud takes a second or
more a run, so at most ``--per-line`` pairs (3) come from one line (its meaning is run once
for them all), and ``--workers`` judges (2) run side by side, each with its own fake.
"""

from __future__ import annotations

import argparse
import json
import random
import shlex
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "bench"))

from judge_kubectl import fixture_lines, report, write_sample  # noqa: E402


def judged(limit: int, seed: int, per_line: int, workers: int, given: list[str] | None = None) -> list[dict]:
    from gcloud_judge import Judge, lines, runnable
    from kubectl_pairs import mutations, usable

    from dockquiz.grading.grammar import grammar

    rnd = random.Random(seed)
    g = grammar()
    given = given if given is not None else lines() + fixture_lines("gcloud")
    source = [ln for ln in dict.fromkeys(given) if usable(ln, "gcloud")]
    source = [ln for ln in source if runnable(shlex.split(ln))]
    groups = []
    for line in source:
        pairs = mutations(line, g, rnd)
        rnd.shuffle(pairs)
        if pairs:
            groups.append(pairs[:per_line])
    rnd.shuffle(groups)
    print(f"command lines: {len(source)}  pairs made: {sum(map(len, groups))} (at most {per_line} a line)")
    out: list[dict] = []
    undecidable = [0]
    lock = threading.Lock()
    start = time.perf_counter()

    def work() -> None:
        with Judge() as judge:
            while True:
                with lock:
                    if not groups or len(out) >= limit:
                        return
                    group = groups.pop()
                for pair in group:
                    same = judge.same(shlex.split(pair.original), shlex.split(pair.variant))
                    with lock:
                        if same is None or (same and not pair.meant_same):
                            undecidable[0] += 1
                        elif len(out) < limit:
                            out.append(
                                {"original": pair.original, "variant": pair.variant, "mutation": pair.mutation, "same": same}
                            )

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.sort(key=lambda r: (r["mutation"], r["original"], r["variant"]))
    print(f"pairs judged: {len(out)}  (left out, undecidable: {undecidable[0]})  in {time.perf_counter() - start:.0f} s")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("limit", nargs="?", type=int, default=300)
    ap.add_argument("seed", nargs="?", type=int, default=1)
    ap.add_argument("--per-line", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--save", type=Path)
    ap.add_argument("--load", type=Path)
    ap.add_argument("--grader", type=Path, help="grade with the dockquiz of this checkout")
    ap.add_argument("--sample", type=Path)
    ap.add_argument("--sample-size", type=int, default=150)
    ap.add_argument("--lines", type=Path, help="judge the command lines of this file (one a line) instead of the fixtures'")
    args = ap.parse_args()
    sys.path.insert(0, str(args.grader.resolve() if args.grader else HERE))
    sys.path.insert(1, str(HERE / "tests"))
    if args.load:
        rows = json.loads(args.load.read_text("utf-8"))
        print(f"pairs judged (loaded): {len(rows)}")
    else:
        given = args.lines.read_text("utf-8").splitlines() if args.lines else None
        rows = judged(args.limit, args.seed, args.per_line, args.workers, given)
        if args.save:
            args.save.write_text(json.dumps(rows, indent=0, ensure_ascii=False), "utf-8")
    if args.sample:
        write_sample(rows, args.sample, args.sample_size, random.Random(args.seed))
    report(rows)


if __name__ == "__main__":
    main()
