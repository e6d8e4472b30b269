"""`stats` for one learner and `stats --class` on a PostgreSQL database of 200 learners x a year
of reviews (about 10,000,000 rows; targets <= 1 s and <= 3 s). Starts a throwaway server.
The reviews go in by one COPY, so the counts stats reads (storage/aggregates.py: a statement
trigger over the COPY's rows) are checked against the reviews themselves, grouped here.
Timed twice: right after the COPY (no visibility map yet: an index-only scan reads the table
too), and after the VACUUM that autovacuum runs soon after so large an insert.

    python bench/class_stats.py [learners] [reviews_per_learner]
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    import psycopg

    from dockquiz.progress import class_report, compute
    from dockquiz.storage.db import open_database
    from tests.pgserver import PostgresServer

    learners = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    per = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
    jst = timezone(timedelta(hours=9))
    now = datetime(2026, 11, 28, 12, tzinfo=jst).astimezone(timezone.utc)
    with PostgresServer() as server:
        url = server.new_database()
        notes = Path("/tmp/dockquiz-bench-cards.md")
        notes.write_text(
            subprocess.run(
                [sys.executable, str(Path(__file__).parent / "generate.py"), "20000"], capture_output=True, text=True, check=True
            ).stdout
        )
        subprocess.run([sys.executable, "-m", "dockquiz", "--db", url, "import", str(notes)], check=True, capture_output=True)
        start = time.perf_counter()
        rnd = random.Random(5)
        with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
            cards = [r[0] for r in conn.execute("SELECT id FROM card")]
            with conn.cursor().copy("COPY profile (name, settings, created_at) FROM STDIN") as copy:
                for n in range(learners):
                    copy.write_row((f"learner{n:03d}", "{}", now))
            profiles = [r[0] for r in conn.execute("SELECT id FROM profile ORDER BY id")]
            with conn.cursor().copy(
                "COPY review (profile_id, card_id, reviewed_at, typed, verdict, rating, "
                "duration_ms, state_before, state_after, prior_state) FROM STDIN"
            ) as copy:
                for pid in profiles:
                    buf = io.StringIO()
                    for _ in range(per):
                        rating = rnd.choice((1, 3, 3, 3, 4))
                        when = now - timedelta(minutes=rnd.uniform(0, 525_600))
                        buf.write(
                            f"{pid}\t{rnd.choice(cards)}\t{when.replace(tzinfo=None).isoformat(' ')}\tdocker ps\t"
                            f"{'exact' if rating > 1 else 'wrong'}\t{rating}\t3000\t\\N\t{{}}\t"
                            f"{rnd.choice((0, 1, 2, 2, 2))}\n"
                        )
                    copy.write(buf.getvalue())
            conn.execute("ANALYZE")
            built = time.perf_counter() - start
            grouped = (
                "SELECT profile_id, floor(extract(epoch FROM reviewed_at) / 3600)::integer, count(*), "
                "count(*) FILTER (WHERE verdict IN ('exact', 'equivalent')), sum(duration_ms), "
                "count(*) FILTER (WHERE prior_state = 2), count(*) FILTER (WHERE prior_state = 2 AND rating > 1) "
                "FROM review GROUP BY 1, 2"
            )
            kept = "SELECT profile_id, hour, reviews, correct, duration_ms, due, kept FROM review_hour WHERE reviews > 0"
            differ = conn.execute(
                f"SELECT (SELECT count(*) FROM ({grouped} EXCEPT {kept}) a) + (SELECT count(*) FROM ({kept} EXCEPT {grouped}) b)"
            ).fetchone()[0]
            hours = conn.execute("SELECT count(*) FROM review_hour").fetchone()[0]
        rows = learners * per
        print(
            f"built {rows:,} reviews for {learners} learners in {built:.0f} s; review_hour: {hours:,} rows, "
            f"{differ} differing from the reviews grouped by learner and hour"
        )
        db = open_database(url)
        for when in ("right after the COPY", "after VACUUM"):
            if when == "after VACUUM":  # what autovacuum does soon after a large insert (PostgreSQL 13+)
                t = time.perf_counter()
                with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), autocommit=True) as conn:
                    conn.execute("VACUUM (ANALYZE) review, review_hour")
                print(f"VACUUM (ANALYZE) review, review_hour: {time.perf_counter() - t:.0f} s")
            one, whole = [], []
            for _ in range(3):
                t = time.perf_counter()
                with db.session() as s:
                    compute(s, profile_id=7, now=now, tz=jst)
                one.append(time.perf_counter() - t)
                t = time.perf_counter()
                with db.session() as s:
                    data = class_report(s, now=now, tz=jst)
                whole.append(time.perf_counter() - t)
            print(
                f"{when}: stats for one learner: best {min(one):.2f} s (target <= 1 s); stats --class for "
                f"{len(data['learners'])} learners: best {min(whole):.2f} s (target <= 3 s)"
            )
        db.close()


if __name__ == "__main__":
    main()
