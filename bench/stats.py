"""`stats` on 1,000,000 reviews over 20,000 cards, computed with SQL aggregates, against
Anki's own statistics (its Rust graphs, the Stats screen) on a collection of the same size,
one after the other on this machine. Targets: <= 1 s, and <= 0.5 x Anki.

    python bench/stats.py [reviews] [keep.db]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from sqlalchemy import insert

    from dockquiz.progress import compute
    from dockquiz.storage import repo
    from dockquiz.storage.db import open_database
    from dockquiz.storage.models import Card, CardState, Deck, Review

    n_reviews = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    n_cards = 20_000
    jst = timezone(timedelta(hours=9))
    now = datetime(2026, 11, 28, 12, 0, tzinfo=jst).astimezone(timezone.utc)
    rnd = random.Random(7)
    keep = sys.argv[2] if len(sys.argv) > 2 else None  # optional path: keep the database
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(keep or str(Path(tmp) / "stats.db"))
        start = time.perf_counter()
        with db.session() as s:
            prof = repo.profile(s, now)
            deck = Deck(name="big", created_at=now, updated_at=now)
            s.add(deck)
            s.flush()
            s.execute(
                insert(Card),
                [
                    dict(
                        deck_id=deck.id,
                        key=f"k{i}",
                        kind=rnd.choice(["command", "option", "example"]),
                        section=["章", f"節 {i // 40}"],
                        prompt_ja=f"問題 {i}",
                        prompt_en="",
                        answer=f"docker run -d img{i}",
                        variants=[],
                        command="docker run",
                        hints={},
                        source_line=i,
                        ordinal=i,
                        status="active",
                        version=1,
                        created_at=now,
                        updated_at=now,
                    )
                    for i in range(n_cards)
                ],
            )
            s.execute(
                insert(CardState),
                [
                    dict(
                        profile_id=prof.id,
                        card_id=i + 1,
                        state=rnd.choice([1, 2, 2, 2, 3]),
                        step=0,
                        stability=rnd.uniform(0.5, 60),
                        difficulty=rnd.uniform(1, 10),
                        due=now + timedelta(hours=rnd.uniform(-48, 24 * 40)),
                        last_review=now - timedelta(days=rnd.uniform(0, 30)),
                        reps=5,
                        lapses=rnd.choice([0, 0, 0, 1, 2, 9]),
                    )
                    for i in range(n_cards)
                ],
            )
            batch = []
            for r in range(n_reviews):
                rating = rnd.choice([1, 2, 3, 3, 3, 4])
                batch.append(
                    dict(
                        profile_id=prof.id,
                        card_id=rnd.randint(1, n_cards),
                        reviewed_at=now - timedelta(minutes=rnd.uniform(0, 60 * 24 * 400)),
                        typed="docker run",
                        verdict="exact" if rating > 1 else "wrong",
                        rating=rating,
                        duration_ms=4000,
                        state_before={"state": (prior := rnd.choice([1, 2, 2, 3]))},
                        prior_state=prior,
                        state_after={"state": 2},
                        confusions=[["-p", "-P"]] if rating == 1 and r % 3 == 0 else None,
                    )
                )
                if len(batch) == 50_000:
                    s.execute(insert(Review), batch)
                    batch = []
            if batch:
                s.execute(insert(Review), batch)
        print(f"built {n_reviews:,} reviews over {n_cards:,} cards in {time.perf_counter() - start:.1f} s")
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            with db.session() as s:
                data = compute(s, profile_id=1, now=now, tz=jst)
            timings.append(time.perf_counter() - start)
        print(
            f"stats computed: best {min(timings):.2f} s, worst {max(timings):.2f} s  (target <= 1 s); "
            f"today {data['today']['reviews']} reviews, retention 30d {data['retention']['30d']}, "
            f"{len(data['sections'])} sections, top confusion {data['confusions'][:1]}"
        )
        anki = anki_stats(tmp, n_cards, n_reviews, now, rnd)
        if anki is not None:
            print(
                f"Anki's statistics on the same counts: best {anki:.2f} s; dockquiz / Anki = "
                f"{min(timings) / anki:.2f} x (target <= 0.5 x)"
            )


def anki_stats(tmp: str, n_cards: int, n_reviews: int, now: datetime, rnd: random.Random) -> float | None:
    """Best of three: Anki's graphs (what its Stats screen draws) over a year, on a collection
    with as many cards and review-log rows."""
    try:
        from anki.collection import AddNoteRequest, Collection
    except ImportError:  # the `anki` package comes with the test extra
        print("Anki's statistics: not measured (pip install '.[test]' brings the anki package)")
        return None
    col = Collection(str(Path(tmp) / "bench.anki2"))
    try:
        basic, deck_id = col.models.by_name("Basic"), col.decks.id("big")
        requests = []
        for i in range(n_cards):
            note = col.new_note(basic)
            note["Front"], note["Back"] = f"問題 {i}", f"docker run -d img{i}"
            requests.append(AddNoteRequest(note=note, deck_id=deck_id))
        col.add_notes(requests)
        col.db.execute(
            "update cards set type = 2, queue = 2, ivl = abs(random() % 60) + 1, "
            "due = abs(random() % 40), factor = 2500, reps = 5"
        )
        cids = col.db.list("select id from cards")
        end = int(now.timestamp() * 1000)
        stamps = sorted(rnd.sample(range(end - 400 * 86_400_000, end), n_reviews))
        col.db.executemany(
            "insert into revlog values (?, ?, -1, ?, ?, ?, 2500, 4000, ?)",
            [
                (
                    ms,
                    rnd.choice(cids),
                    rnd.choice([1, 2, 3, 3, 3, 4]),
                    rnd.randint(1, 60),
                    rnd.randint(1, 30),
                    rnd.choice([0, 1, 1, 2]),
                )
                for ms in stamps
            ],
        )
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            col._backend.graphs(search="", days=365)
            timings.append(time.perf_counter() - start)
        return min(timings)
    finally:
        col.close()


if __name__ == "__main__":
    main()
