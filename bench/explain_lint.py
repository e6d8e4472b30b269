"""Speed of `dockquiz explain` (start-up included) and of `dockquiz lint` on a 1,000-line
notes file, run interleaved with a bare `python -c pass` (this machine's speed drifts), with a
learner's database in place (explain reads the learner's option cards).
Targets (issue 27): explain < 0.3 s, lint of 1,000 lines < 1 s; printed with the ratio to python.

    python bench/explain_lint.py [rounds]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import compile_bytecode

HERE = Path(__file__).resolve().parent.parent


def took(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def notes_of(lines: int) -> str:
    """Notes of ``lines`` lines made of the sample deck's and the fixtures' own, repeated."""
    sources = [HERE / "content" / "decks" / "docker-basics.ja.md", *sorted((HERE / "tests" / "fixtures").glob("*.ja.md"))]
    body = [ln for p in sources for ln in p.read_text("utf-8").splitlines()]
    out: list[str] = []
    while len(out) < lines:
        out.extend(body)
    return "\n".join(out[:lines]) + "\n"


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    script = Path(sys.executable).parent / "dockquiz"
    dockquiz = [str(script)] if script.exists() else [sys.executable, "-m", "dockquiz"]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DOCKQUIZ_DB": str(Path(tmp) / "learner.db"), "DOCKQUIZ_LANG": "en"}
        compile_bytecode(env)
        subprocess.run(
            [*dockquiz, "import", str(HERE / "content" / "decks" / "docker-basics.ja.md")], env=env, capture_output=True
        )
        notes = Path(tmp) / "notes.md"
        notes.write_text(notes_of(1000), encoding="utf-8")
        runs: dict[str, list[float]] = {"python": [], "explain": [], "lint 1000 lines": []}
        for _ in range(rounds):
            runs["python"].append(took([sys.executable, "-c", "pass"], env))
            runs["explain"].append(took([*dockquiz, "explain", "docker run -d --name web -p 8080:80 nginx"], env))
            runs["lint 1000 lines"].append(took([*dockquiz, "lint", str(notes)], env))
    base = statistics.median(runs["python"])
    for name, times in runs.items():
        median = statistics.median(times)
        print(f"{name:16} median {median * 1000:6.0f} ms  ({median / base:4.1f} x python)")


if __name__ == "__main__":
    main()
