"""50 learners answering at once on one PostgreSQL database (a throwaway server, started here):
each process is a learner with its own connection, answering 200 cards. Targets: 10,000
reviews stored, 0 lost, 0 duplicated, p95 answer latency <= 20 ms (the answer: check, grade,
schedule, one transaction). A teacher's re-import runs in the middle: it must not hold
learners up for longer than one statement, so answers during it are timed on their own.

A learner types between answers: ``think`` seconds on average (exponential; default 0.5 s, ten
times faster than anyone types a command, so 50 learners make a class's load many times over).
``think`` 0 is a stress test, not a class: every process answers as fast as it can, and on a
small machine the learners' own grading and the server share the same cores, so the figure is
queueing for the CPU.

    python bench/concurrency.py [learners] [answers] [think]
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def learner(args) -> tuple[int, int, list[tuple[float, float]]]:
    """Answers saved, conflicts, and every answer's (monotonic start, latency in seconds) for one learner."""
    url, n, answers, think = args
    os.environ["DOCKQUIZ_DB"] = url
    from dockquiz.clock import from_env
    from dockquiz.errors import ConflictError
    from dockquiz.storage.db import open_database
    from dockquiz.study.session import StudySession

    db = open_database(url)
    session = StudySession(db, from_env(), profile=f"learner{n:02d}", new_limit=answers)
    pace = random.Random(n)
    latencies, done, conflicts = [], 0, 0
    while done < answers:
        view = session.next()
        if view is None:
            break
        if think:
            time.sleep(pace.expovariate(1 / think))
        start = time.monotonic()
        try:
            session.submit(view.answer)
            session.rate()
        except ConflictError:  # edited by the teacher's re-import since shown: it comes back
            conflicts += 1
            continue
        finally:
            latencies.append((start, time.monotonic() - start))
        done += 1
    db.close()
    return done, conflicts, latencies


def main() -> None:
    from tests.pgserver import PostgresServer

    learners = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    answers = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    think = float(sys.argv[3]) if len(sys.argv) > 3 else 0.5
    os.environ["DOCKQUIZ_NOW"] = "2026-11-28T09:00:00+09:00"
    with PostgresServer() as server:
        url = server.new_database()
        notes = Path(os.environ.get("TMPDIR", "/tmp")) / "dockquiz-bench-class.md"
        notes.write_text(_notes(answers * 2))
        edited = notes.with_name("dockquiz-bench-class-edited.md")  # words changed, sections added
        edited.write_text(_notes(answers * 2 + 100).replace("同期する", "同期させる"))
        env = {**os.environ, "DOCKQUIZ_DB": url}
        subprocess.run([sys.executable, "-m", "dockquiz", "import", str(notes)], env=env, check=True, capture_output=True)
        start = time.perf_counter()
        with mp.get_context("spawn").Pool(learners) as pool:
            pending = pool.map_async(learner, [(url, n, answers, think) for n in range(learners)])
            _until_all_answering(url, learners)
            window = [time.monotonic()]
            subprocess.run(
                [sys.executable, "-m", "dockquiz", "import", str(edited), "--deck", notes.stem],
                env=env,
                check=True,
                capture_output=True,
            )
            window.append(time.monotonic())
            results = pending.get()
        took = time.perf_counter() - start
        with _connect(url) as conn:
            stored = conn.execute("SELECT count(*) FROM review").fetchone()[0]
            dupes = conn.execute(
                "SELECT count(*) FROM (SELECT profile_id, card_id, reviewed_at FROM review GROUP BY "
                "1, 2, 3 HAVING count(*) > 1) d"
            ).fetchone()[0]
        done = sum(n for n, _, _ in results)
        conflicts = sum(n for _, n, _ in results)
        timed = [x for _, _, lat in results for x in lat]
        during = [took for start, took in timed if window[0] <= start <= window[1]]
        print(
            f"{learners} learners x {answers} answers, {think:g} s to type on average: {done:,} answered, "
            f"{stored:,} reviews stored (lost {done - stored}, duplicated {dupes}) in {took:.1f} s; {conflicts} "
            f"answers refused as edited meanwhile, their cards shown again"
        )
        print(f"answer latency: {_figures([took for _, took in timed])} (target p95 <= 20 ms)")
        print(f"during the teacher's re-import ({window[1] - window[0]:.1f} s, {len(during)} answers): {_figures(during)}")


def _notes(sections: int) -> str:
    return subprocess.run(
        [sys.executable, str(Path(__file__).parent / "generate.py"), str(sections)], capture_output=True, text=True, check=True
    ).stdout


def _connect(url: str):
    import psycopg

    return psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), autocommit=True)


def _until_all_answering(url: str, learners: int) -> None:
    """The re-import starts once every learner has answered a few cards (not while they start)."""
    with _connect(url) as conn:
        while (
            conn.execute("SELECT count(*) FROM (SELECT profile_id FROM review GROUP BY 1 HAVING count(*) >= 5) p").fetchone()[0]
            < learners
        ):
            time.sleep(0.2)


def _figures(latencies: list[float]) -> str:
    if not latencies:
        return "none"
    ms = sorted(x * 1000 for x in latencies)
    return f"median {statistics.median(ms):.1f} ms, p95 {ms[int(len(ms) * 0.95)]:.1f} ms, slowest {ms[-1]:.0f} ms"


if __name__ == "__main__":
    main()
