"""Export a big database: 20,000 cards and 1,000,000 reviews (target: .apkg and JSON <= 3 s each),
and back it up while another process answers cards (integrity ok, no answer lost or held up
longer than the busy timeout).

    python bench/stats.py 1000000 /tmp/big.db     # build the database once
    python bench/export.py /tmp/big.db

Figures are measured in this one run, next to the floor they cannot beat: reading the same
rows with the ORM session (the export's own first step).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


ANSWERER = r"""
import sqlite3, sys, time, json
conn = sqlite3.connect(sys.argv[1], timeout=10, isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
worst, n, end = 0.0, 0, time.monotonic() + float(sys.argv[2])
while time.monotonic() < end:
    start = time.monotonic()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO review (profile_id, card_id, reviewed_at, typed, verdict, rating, duration_ms,"
                 " state_before, state_after, prior_state) VALUES (1, 1, datetime('now'), 'docker ps', 'exact', 3,"
                 " 1000, NULL, '{}', NULL)")
    conn.execute("COMMIT")
    worst, n = max(worst, time.monotonic() - start), n + 1
    time.sleep(0.005)
print(json.dumps({"answers": n, "worst_ms": round(worst * 1000, 1)}))
"""


def main() -> None:
    from dockquiz import exporting
    from dockquiz.storage.backup import BUSY_MS, copy_database
    from dockquiz.storage.db import open_database

    source = Path(sys.argv[1])
    db = open_database(str(source))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        read, snap = timed(lambda: exporting.snapshot(db))
        read_cards, cards_only = timed(lambda: exporting.snapshot(db, history=False))
        cards = sum(len(d["cards"]) for d in snap.decks)
        reviews = sum(len(c["reviews"]) for d in snap.decks for c in d["cards"])
        write_json, _ = timed(lambda: exporting.write_json(snap, out / "x.json", datetime.now(timezone.utc)))
        write_apkg, _ = timed(lambda: exporting.write_apkg(cards_only, out / "x.apkg"))
        print(f"{cards:,} cards, {reviews:,} reviews; reading them: {read:.2f} s")
        print(
            f"JSON export: {read + write_json:.2f} s (target <= 3 s; {(read + write_json) / read:.2f}x the read), "
            f"{(out / 'x.json').stat().st_size / 1e6:.0f} MB"
        )
        print(f".apkg export: {read_cards + write_apkg:.2f} s (target <= 3 s), {(out / 'x.apkg').stat().st_size / 1e6:.1f} MB")

        before = sqlite3.connect(source).execute("SELECT count(*) FROM review").fetchone()[0]
        answerer = subprocess.Popen([sys.executable, "-c", ANSWERER, str(source), "4"], stdout=subprocess.PIPE, text=True)
        time.sleep(0.5)
        took, _ = timed(lambda: copy_database(source, out / "copy.db", shown=str(source)))
        answered = json.loads(answerer.communicate()[0])
        after = sqlite3.connect(source).execute("SELECT count(*) FROM review").fetchone()[0]
        copy = sqlite3.connect(out / "copy.db")
        ok = copy.execute("PRAGMA integrity_check").fetchone()[0]
        in_copy = copy.execute("SELECT count(*) FROM review").fetchone()[0]
        print(
            f"backup while answering: {took:.2f} s, integrity {ok}, {in_copy:,} reviews in the copy "
            f"(between {before:,} and {after:,}); the other process answered {answered['answers']} times, "
            f"none lost ({after - before == answered['answers']}), slowest answer {answered['worst_ms']} ms "
            f"(busy timeout {BUSY_MS} ms)"
        )
    db.close()
    for extra in ("-wal", "-shm"):
        Path(str(source) + extra).exists() and os.sync()


if __name__ == "__main__":
    main()
