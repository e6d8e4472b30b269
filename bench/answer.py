"""Cost of one answer in a 20k-card deck (grade + schedule + save + next card), median;
target <= 1 ms. Also time to the first card against merely importing the dependencies
(target <= 0.6 x), and that --version / --help import none of them.

    python bench/answer.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bytecode import compile_bytecode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
DEPS = "import sqlalchemy, alembic, markdown_it, rich, fsrs, platformdirs, prompt_toolkit"


def best_of(args: list[str], env: dict, n: int = 5, stdin: str = "") -> float:
    best = float("inf")
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run(args, env=env, input=stdin, capture_output=True, text=True, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    from dockquiz.clock import Clock
    from dockquiz.importing import import_notes
    from dockquiz.scheduling import Scheduler
    from dockquiz.storage.db import open_database
    from dockquiz.study.session import StudySession

    with tempfile.TemporaryDirectory() as tmp:
        notes = Path(tmp) / "big.ja.md"
        notes.write_text(
            subprocess.run(
                [sys.executable, str(HERE / "generate.py"), "20000"], check=True, capture_output=True, text=True
            ).stdout,
            "utf-8",
        )
        db_path = Path(tmp) / "answer.db"
        db = open_database(str(db_path))
        now = datetime(2026, 11, 28, 0, 0, tzinfo=timezone.utc)
        report = import_notes(db, notes, now=now)
        clock = Clock(frozen=now, local=timezone(timedelta(hours=9)))
        session = StudySession(db, clock, new_limit=1000, scheduler=Scheduler())
        costs = []
        view = session.next()
        for i in range(600):
            start = time.perf_counter()
            session.submit(view.answer if i % 3 else "docker run -it x")
            session.rate()
            view = session.next()
            costs.append(time.perf_counter() - start)
        print(f"deck: {report.total} cards; answers timed: {len(costs)}")
        print(
            f"one answer (grade + schedule + save + next card): median {statistics.median(costs) * 1000:.2f} ms,"
            f" p90 {sorted(costs)[int(len(costs) * 0.9)] * 1000:.2f} ms  (target <= 1 ms)"
        )

        env = {**os.environ, "DOCKQUIZ_DB": str(db_path), "DOCKQUIZ_NOW": "2026-11-28T09:00:00+09:00"}
        compile_bytecode(env)
        deps = best_of([sys.executable, "-c", DEPS], env)
        first = best_of([sys.executable, "-m", "dockquiz", "study", "--plain"], env, stdin="")
        print(
            f"import the dependencies: {deps * 1000:.0f} ms; study to the first card (plain, then EOF): "
            f"{first * 1000:.0f} ms = {first / deps:.2f} x  (target <= 0.6 x)"
        )
        probe = (
            "import sys, runpy; sys.argv=['dockquiz','{arg}'];\n"
            "try:\n    runpy.run_module('dockquiz', run_name='__main__')\nexcept SystemExit: pass\n"
            "heavy=[m for m in ('sqlalchemy','alembic','rich','prompt_toolkit','fsrs','markdown_it') if m in sys.modules]\n"
            "print(','.join(heavy) or 'none', file=sys.stderr)"
        )
        for arg in ("--version", "--help"):
            out = subprocess.run([sys.executable, "-c", probe.format(arg=arg)], env=env, capture_output=True, text=True)
            took = best_of([sys.executable, "-m", "dockquiz", arg], env)
            print(f"dockquiz {arg}: {took * 1000:.0f} ms, heavy modules imported: {out.stderr.strip()}")


if __name__ == "__main__":
    main()
