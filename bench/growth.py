"""How cost grows with the history: `stats` (one learner) and one answer (grade, schedule,
save, next card) on 20,000 cards with 10k, 100k, 1M (and 10M) reviews, the databases of
bench/stats.py (built once with --keep=DIR, reused here; a copy is answered on).

    python bench/growth.py DIR [reviews ...]
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def main() -> None:
    from stats import JST, NOW, build_dockquiz

    from dockquiz.clock import Clock
    from dockquiz.progress import compute
    from dockquiz.scheduling import Scheduler
    from dockquiz.storage.db import HEAD, open_database
    from dockquiz.study.session import StudySession

    folder = Path(sys.argv[1])
    sizes = [int(n) for n in sys.argv[2:]] or [10_000, 100_000, 1_000_000]
    print("reviews | stats median ms | one answer median ms (p90)")
    for n in sizes:
        kept = folder / f"stats-{n}-{HEAD}.db"
        if not kept.exists():
            build_dockquiz(kept, n)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "copy.db"
            shutil.copy(kept, path)
            db = open_database(str(path))
            times = []
            for _ in range(7):
                start = time.perf_counter()
                with db.session() as s:
                    compute(s, profile_id=1, now=NOW, tz=JST)
                times.append(time.perf_counter() - start)
            clock = Clock(frozen=NOW + timedelta(days=1), local=timezone(timedelta(hours=9)))
            session = StudySession(db, clock, new_limit=1000, scheduler=Scheduler())
            view, costs = session.next(), []
            for i in range(300):
                start = time.perf_counter()
                session.submit(view.answer if i % 3 else "docker run -it x")
                session.rate()
                view = session.next()
                costs.append(time.perf_counter() - start)
            db.close()
        print(
            f"{n:>10,} | {statistics.median(times) * 1000:7.0f} | {statistics.median(costs) * 1000:.2f} "
            f"({sorted(costs)[int(len(costs) * 0.9)] * 1000:.2f})"
        )


if __name__ == "__main__":
    main()
