"""A million random grades (command lines built from every program's grammar, with noise):
prints how many raised or took the word-by-word fallback (both must be 0) and grades/s:
by the wall clock, and by the process's CPU time (what one core does, whatever else the
machine is running). The cases are made outside the clock.

    python bench/fuzz.py [N] [SEED]
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fuzzing import all_paths, pair  # noqa: E402

from dockquiz import grading  # noqa: E402
from dockquiz.grading import grade  # noqa: E402
from dockquiz.grading.grammar import grammar  # noqa: E402

CHUNK = 20_000


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    g = grammar()
    paths = all_paths(g)
    raised: Counter[str] = Counter()
    verdicts: Counter[str] = Counter()
    examples: dict[str, tuple] = {}
    wall = cpu = 0.0
    done = 0
    while done < n:  # cases are made a chunk at a time, outside the clock: the rate is grading's
        cases = [pair(rnd, g, paths) for _ in range(min(CHUNK, n - done))]
        done += len(cases)
        start, start_cpu = time.perf_counter(), time.process_time()
        for case in cases:
            before = len(grading.FALLBACKS)
            try:
                verdicts[grade(case[0], case[1], kind=case[2], command=case[3]).verdict] += 1
            except Exception as exc:  # noqa: BLE001 - counted: grade() must never raise
                raised[type(exc).__name__] += 1
                examples.setdefault(type(exc).__name__, case)
            if len(grading.FALLBACKS) != before:
                key = grading.FALLBACKS[-1].split(":")[0]
                raised["fallback " + key] += 1
                examples.setdefault("fallback " + key, case)
        wall += time.perf_counter() - start
        cpu += time.process_time() - start_cpu
    print(
        f"grades: {n:,}  over {len(paths):,} command paths  in {wall:.1f} s ({n / wall:,.0f}/s; "
        f"CPU {cpu:.1f} s, {n / cpu:,.0f}/s of one core)"
    )
    print("verdicts:", dict(verdicts.most_common()))
    print(f"exceptions: {sum(raised.values())}", dict(raised))
    for key, case in examples.items():
        print(f"  {key}: {case!r}")


if __name__ == "__main__":
    main()
