"""50 learners answering at once on one PostgreSQL database (a throwaway server, started here):
each process is a learner with its own connection, answering 200 cards. Targets: 10,000
reviews stored, 0 lost, 0 duplicated, p95 answer latency <= 20 ms (the save: grade, schedule,
one transaction). A teacher's re-import runs in the middle: it must not hold learners up for
longer than one statement.

    python bench/concurrency.py [learners] [answers]
"""

from __future__ import annotations

import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def learner(args) -> tuple[int, list[float]]:
    url, n, answers = args
    os.environ["DOCKQUIZ_DB"] = url
    from dockquiz.clock import from_env
    from dockquiz.storage.db import open_database
    from dockquiz.study.session import StudySession

    db = open_database(url)
    session = StudySession(db, from_env(), profile=f"learner{n:02d}", new_limit=answers)
    latencies, done = [], 0
    while done < answers:
        view = session.next()
        if view is None:
            break
        start = time.perf_counter()
        session.submit(view.answer)
        session.rate()
        latencies.append(time.perf_counter() - start)
        done += 1
    db.close()
    return done, latencies


def main() -> None:
    from tests.pgserver import PostgresServer

    learners = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    answers = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    os.environ["DOCKQUIZ_NOW"] = "2026-11-28T09:00:00+09:00"
    with PostgresServer() as server:
        url = server.new_database()
        notes = Path(os.environ.get("TMPDIR", "/tmp")) / "dockquiz-bench-class.md"
        notes.write_text(subprocess.run([sys.executable, str(Path(__file__).parent / "generate.py"),
                                         str(answers * 2)], capture_output=True, text=True, check=True).stdout)
        env = {**os.environ, "DOCKQUIZ_DB": url}
        subprocess.run([sys.executable, "-m", "dockquiz", "import", str(notes)], env=env, check=True,
                       capture_output=True)
        start = time.perf_counter()
        with mp.get_context("spawn").Pool(learners) as pool:
            pending = pool.map_async(learner, [(url, n, answers) for n in range(learners)])
            time.sleep(2)
            reimport = time.perf_counter()
            subprocess.run([sys.executable, "-m", "dockquiz", "import", str(notes)], env=env, check=True,
                           capture_output=True)
            reimport = time.perf_counter() - reimport
            results = pending.get()
        took = time.perf_counter() - start
        import psycopg

        with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
            stored = conn.execute("SELECT count(*) FROM review").fetchone()[0]
            dupes = conn.execute("SELECT count(*) FROM (SELECT profile_id, card_id, reviewed_at FROM review GROUP BY "
                                 "1, 2, 3 HAVING count(*) > 1) d").fetchone()[0]
        done = sum(n for n, _ in results)
        latencies = sorted(x for _, lat in results for x in lat)
        p95 = latencies[int(len(latencies) * 0.95)] * 1000
        print(f"{learners} learners x {answers} answers: {done:,} answered, {stored:,} reviews stored "
              f"(lost {done - stored}, duplicated {dupes}) in {took:.1f} s")
        print(f"answer latency: median {statistics.median(latencies) * 1000:.1f} ms, p95 {p95:.1f} ms, "
              f"slowest {latencies[-1] * 1000:.0f} ms (target p95 <= 20 ms); a teacher's re-import meanwhile "
              f"took {reimport:.1f} s")


if __name__ == "__main__":
    main()
