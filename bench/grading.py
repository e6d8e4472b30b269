"""Grades per second on a warm grammar (target >= 20,000/s), and CLI start-up cost.

python bench/grading.py
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_grading_table import COMMAND_CASES, OPTION_CASES  # noqa: E402

from dockquiz.grading import grade  # noqa: E402


def main() -> None:
    cases = [(e, t, "command", None) for e, t, _ in COMMAND_CASES]
    cases += [(e, t, "option", c) for e, t, c, _ in OPTION_CASES]
    for e, t, k, c in cases:  # warm the grammar and caches
        grade(e, t, kind=k, command=c)
    rounds = 30
    start = time.perf_counter()
    for _ in range(rounds):
        for e, t, k, c in cases:
            grade(e, t, kind=k, command=c)
    elapsed = time.perf_counter() - start
    n = rounds * len(cases)
    print(f"grades: {n}  seconds: {elapsed:.3f}  grades/s: {n / elapsed:,.0f}  (target >= 20,000)")

    def run(*args: str) -> float:
        best = float("inf")
        for _ in range(5):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, *args], check=True, capture_output=True)
            best = min(best, time.perf_counter() - t0)
        return best

    bare = run("-c", "pass")
    version = run("-m", "dockquiz", "--version")
    grading = run("-c", "from dockquiz.grading import grade; grade('docker ps','docker ps')")
    print(
        f"python start: {bare * 1000:.0f} ms  dockquiz --version: {version * 1000:.0f} ms  "
        f"first grade (grammar load): {grading * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
