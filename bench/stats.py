"""`stats` on N reviews over about 20,000 cards (default 1,000,000) against Anki's own statistics
(its Rust graphs, what the Stats screen draws, over a year) on a collection of the same size,
timed interleaved in one run (this machine is shared: each round's ratio is to the Anki run beside
it; the median of the rounds is the figure). Target: <= 0.5 x Anki.

The cards (``--deck=``): ``notes`` (the default) imports ``bench/generate.py 20000`` (19,578 cards
in 5,152 sections under 8 commands, shaped like real notes); ``flat`` is the deck it built before
(20,000 cards written directly, 40 a section: 500 sections, one command), which flatters the
mastery pass (a row per section and command). Anki gets as many cards (a note each, the same
prompt and answer, one deck) and as many review-log rows either way: its graphs are the whole
collection's (reviews, intervals, ease, retention, the card counts), with no per-section table.

Also the peak RSS of `dockquiz stats --json` on that database beside importing the
dependencies alone.

    python bench/stats.py [reviews] [rounds] [--deck=notes|flat] [--keep=DIR]   (DIR: build once, reuse after;
    bench/growth.py and bench/memory.py use the same databases and take the same --deck)
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

N_CARDS = 20_000
JST = timezone(timedelta(hours=9))
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=JST).astimezone(timezone.utc)
# a build's page cache (up to 2 GB; SQLite's default 2 MB spills the same index pages into the
# WAL again and again) and its statement journals in memory (each insert's triggers write one):
# a 10 M-review build wrote 530 GB through the kernel in 12 minutes without them
SPACIOUS = ("PRAGMA cache_size=-2000000", "PRAGMA temp_store=MEMORY")
DEPS = "import sqlalchemy, alembic, markdown_it, rich, fsrs, platformdirs, prompt_toolkit"


def build_dockquiz(path: Path, n_reviews: int, notes: Path | None = None) -> None:
    """Cards (``notes`` imported, or the flat deck) and states through dockquiz's own storage; the
    reviews with sqlite3 directly (the same rows SQLAlchemy writes, and the same triggers run on
    each), 400 days of history."""
    from sqlalchemy import insert, select

    from dockquiz.importing import import_notes
    from dockquiz.storage import repo
    from dockquiz.storage.db import open_database
    from dockquiz.storage.models import Card, CardState, Deck

    rnd = random.Random(7)
    db = open_database(str(path))
    if notes is not None:
        import_notes(db, notes, now=NOW)
    with db.session() as s:
        prof = repo.profile(s, NOW)
        if notes is None:
            deck = Deck(name="big", created_at=NOW, updated_at=NOW)
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
                        created_at=NOW,
                        updated_at=NOW,
                    )
                    for i in range(N_CARDS)
                ],
            )
        ids = list(s.scalars(select(Card.id).order_by(Card.id)))
        s.execute(
            insert(CardState),
            [
                dict(
                    profile_id=prof.id,
                    card_id=card_id,
                    state=rnd.choice([1, 2, 2, 2, 3]),
                    step=0,
                    stability=rnd.uniform(0.5, 60),
                    difficulty=rnd.uniform(1, 10),
                    due=NOW + timedelta(hours=rnd.uniform(-48, 24 * 40)),
                    last_review=NOW - timedelta(days=rnd.uniform(0, 30)),
                    reps=5,
                    lapses=rnd.choice([0, 0, 0, 1, 2, 9]),
                )
                for card_id in ids
            ],
        )
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    for pragma in SPACIOUS:
        conn.execute(pragma)
    end = NOW.replace(tzinfo=None)
    minutes = 60 * 24 * 400

    def rows(n: int):
        for r in range(n):
            rating = rnd.choice((1, 2, 3, 3, 3, 4))
            prior = rnd.choice((1, 2, 2, 3))
            yield (
                1,
                ids[rnd.randint(1, len(ids)) - 1],  # the flat deck's ids are 1..N: its old draws
                (end - timedelta(minutes=rnd.uniform(0, minutes))).strftime("%Y-%m-%d %H:%M:%S.%f"),
                "docker run",
                "exact" if rating > 1 else "wrong",
                rating,
                4000,
                f'{{"state":{prior}}}',
                prior,
                '{"state":2}',
                '[["-p","-P"]]' if rating == 1 and r % 3 == 0 else None,
            )

    conn.executemany(
        "INSERT INTO review (profile_id, card_id, reviewed_at, typed, verdict, rating, duration_ms, state_before, "
        "prior_state, state_after, confusions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows(n_reviews),
    )
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()


DECKS = ("notes", "flat")


def deck_option(argv: list[str]) -> str:
    """``--deck=notes`` (the default: bench/generate.py 20000's cards) or ``--deck=flat``."""
    deck = next((a.split("=", 1)[1] for a in argv if a.startswith("--deck=")), "notes")
    if deck not in DECKS:
        raise SystemExit("--deck=notes (bench/generate.py 20000's cards) or --deck=flat (500 sections, one command)")
    return deck


def built(folder: Path, n_reviews: int, deck: str = "notes") -> Path:
    """dockquiz's database of ``n_reviews`` over ``deck``'s cards in ``folder``, built there
    unless it already is (bench/stats.py, growth.py and memory.py share it with --keep=DIR)."""
    from dockquiz.storage.db import HEAD

    ours = folder / f"stats-{deck}-{n_reviews}-{HEAD}.db"
    if not ours.exists():
        notes = None
        if deck == "notes":
            notes = folder / "big.ja.md"
            generated = subprocess.run(
                [sys.executable, str(HERE / "generate.py"), str(N_CARDS)], check=True, capture_output=True, text=True
            )
            notes.write_text(generated.stdout, "utf-8")
        build_dockquiz(ours, n_reviews, notes)
    return ours


def built_anki(folder: Path, n_reviews: int, deck: str, ours: Path) -> Path:
    """Anki's collection of as many cards (``ours``'s prompts and answers) and reviews, in
    ``folder`` as :func:`built`."""
    theirs = folder / f"anki-{deck}-{n_reviews}.anki2"
    if not theirs.exists():
        build_anki(theirs, n_reviews, deck_cards(ours))
    return theirs


def deck_cards(path: Path) -> list[tuple[str, str]]:
    """The cards' (prompt, answer), for Anki's notes (a note needs its front: the answer for a
    card with no Japanese prompt)."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT coalesce(nullif(prompt_ja, ''), nullif(prompt_en, ''), answer), answer FROM card ORDER BY id")
        return rows.fetchall()
    finally:
        conn.close()


def build_anki(path: Path, n_reviews: int, cards: list[tuple[str, str]] | None = None) -> None:
    """As many cards and review-log rows in an Anki collection (notes through Anki's own API,
    the review log with sqlite3 into the closed collection); ``cards``: (front, back) per card,
    the flat deck's by default."""
    from anki.collection import AddNoteRequest, Collection

    rnd = random.Random(8)
    col = Collection(str(path))
    basic, deck_id = col.models.by_name("Basic"), col.decks.id("big")
    requests = []
    for front, back in cards or [(f"問題 {i}", f"docker run -d img{i}") for i in range(N_CARDS)]:
        note = col.new_note(basic)
        note["Front"], note["Back"] = front, back
        requests.append(AddNoteRequest(note=note, deck_id=deck_id))
    col.add_notes(requests)
    col.db.execute(
        "update cards set type = 2, queue = 2, ivl = abs(random() % 60) + 1, due = abs(random() % 40), factor = 2500, reps = 5"
    )
    cids = col.db.list("select id from cards")
    col.close()
    end = int(NOW.timestamp() * 1000)
    stamps = rnd.sample(range(end - 400 * 86_400_000, end), n_reviews)
    conn = sqlite3.connect(path)
    for pragma in SPACIOUS:
        conn.execute(pragma)
    conn.executemany(
        "insert into revlog values (?, ?, -1, ?, ?, ?, 2500, 4000, ?)",
        (
            (
                ms,
                rnd.choice(cids),
                rnd.choice((1, 2, 3, 3, 3, 4)),
                rnd.randint(1, 60),
                rnd.randint(1, 30),
                rnd.choice((0, 1, 1, 2)),
            )
            for ms in stamps
        ),
    )
    conn.commit()
    conn.close()


HWM = "import sys\n{code}\nprint(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')), file=sys.stderr)"
RUN = (
    "import runpy; sys.argv = {argv!r}\ntry:\n    runpy.run_module('dockquiz', run_name='__main__')\nexcept SystemExit:\n    pass"
)


def peak_rss(code: str, env: dict) -> float:
    """Peak resident memory (VmHWM, MB) of a Python process running ``code`` (read in the
    process itself: a child's rusage would count the parent's memory it was forked with)."""
    out = subprocess.run([sys.executable, "-c", HWM.format(code=code)], env=env, capture_output=True, text=True, check=True)
    return int(out.stderr.split()[-1]) / 1024


def dockquiz_rss(argv: list[str], env: dict) -> float:
    return peak_rss(RUN.format(argv=["dockquiz", *argv]), env)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    options = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--") and "=" in a)
    keep, deck = options.get("keep"), deck_option(sys.argv[1:])
    n_reviews = int(args[0]) if args else 1_000_000
    rounds = int(args[1]) if len(args) > 1 else 7
    from dockquiz.progress import compute
    from dockquiz.storage.db import open_database

    try:
        from anki.collection import Collection
    except ImportError:  # the `anki` package comes with the test extra
        raise SystemExit("Anki's statistics: not measured (pip install '.[test]' brings the anki package)") from None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(keep) if keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        ours = built(folder, n_reviews, deck)
        theirs = built_anki(folder, n_reviews, deck, ours)
        cards = deck_cards(ours)
        conn = sqlite3.connect(ours)
        sections = conn.execute("SELECT count(DISTINCT section), count(DISTINCT command) FROM card").fetchone()
        conn.close()
        print(
            f"{n_reviews:,} reviews over {len(cards):,} cards ({deck}: {sections[0]:,} sections, {sections[1]} commands), "
            f"both built or found in {time.perf_counter() - start:.0f} s"
        )
        db = open_database(str(ours))
        col = Collection(str(theirs))
        mine, anki, ratios = [], [], []
        try:
            for _ in range(rounds):
                t = time.perf_counter()
                with db.session() as s:
                    data = compute(s, profile_id=1, now=NOW, tz=JST)
                mine.append(time.perf_counter() - t)
                t = time.perf_counter()
                col._backend.graphs(search="", days=365)
                anki.append(time.perf_counter() - t)
                ratios.append(mine[-1] / anki[-1])
        finally:
            col.close()
            db.close()
        print(
            f"dockquiz stats: median {statistics.median(mine) * 1000:.0f} ms (best {min(mine) * 1000:.0f}); "
            f"today {data['today']['reviews']} reviews, retention 30d {data['retention']['30d']}, "
            f"top confusion {data['confusions'][:1]}"
        )
        print(f"Anki's statistics: median {statistics.median(anki) * 1000:.0f} ms (best {min(anki) * 1000:.0f})")
        print(
            f"dockquiz / Anki: median {statistics.median(ratios):.2f} x over {rounds} interleaved rounds "
            f"(rounds {min(ratios):.2f}-{max(ratios):.2f})  (target <= 0.5 x)"
        )
        from bytecode import compile_bytecode

        env = {**os.environ, "DOCKQUIZ_DB": str(ours), "DOCKQUIZ_NOW": NOW.astimezone(JST).isoformat()}
        compile_bytecode(env)
        deps = statistics.median(peak_rss(DEPS, env) for _ in range(3))
        cli = statistics.median(dockquiz_rss(["stats", "--json"], env) for _ in range(3))
        print(f"peak RSS: dockquiz stats --json {cli:.0f} MB; importing the dependencies alone {deps:.0f} MB")
        out = subprocess.run(
            [sys.executable, "-m", "dockquiz", "stats", "--json"], env=env, capture_output=True, text=True, check=True
        )
        assert json.loads(out.stdout)["today"]["reviews"] == data["today"]["reviews"]


if __name__ == "__main__":
    main()
