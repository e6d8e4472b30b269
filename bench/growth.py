"""How cost grows with the history: `stats` (one learner) and one answer (grade, schedule,
save, next card) on about 20,000 cards with 10k, 100k, 1M and 10M reviews, each beside Anki's
own on a collection of as many cards and review-log rows (bench/stats.py's databases, built
once with --keep=DIR and reused here; copies are answered on). The cards: bench/stats.py's
``--deck``, by default ``notes`` (bench/generate.py 20000, shaped like real notes), ``flat``
the old one. Interleaved in one run: each stats round's ratio is to the Anki run beside it,
each block of answers' ratio of medians to Anki's block beside it (Anki with FSRS, as
dockquiz; reviews of due cards on both sides); the medians over the rounds and blocks are the
figures, their spread how noisy the machine was.

    python bench/growth.py DIR [reviews ...] [--deck=notes|flat]
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

import answer as answer_bench  # noqa: E402  (bench/answer.py: Anki's answer and next card)

ROUNDS = 7
BLOCKS, PER_BLOCK = 15, 20


class AnkiReviews(answer_bench.Anki):
    """Anki's answer path (answer the card shown, fetch the next queued one) on a built
    collection: its review cards due today, no daily review limit, FSRS turned on through the
    deck options, as a learner does (Anki then works out each card's memory state from its
    review log once, and keeps it: answers read it, as dockquiz's read card_state)."""

    def __init__(self, path: Path) -> None:  # a built collection, not answer.Anki's new cards
        from anki.collection import Collection
        from anki.deck_config_pb2 import UpdateDeckConfigsMode, UpdateDeckConfigsRequest

        self.col = col = Collection(str(path))
        deck_id = col.decks.id("big")
        current = col.decks.get_deck_configs_for_update(deck_id)
        config = next(c.config for c in current.all_config if c.config.id == current.current_deck.config_id)
        config.config.reviews_per_day = 9999
        col.decks.update_deck_configs(
            UpdateDeckConfigsRequest(
                target_deck_id=deck_id,
                configs=[config],
                mode=UpdateDeckConfigsMode.UPDATE_DECK_CONFIGS_MODE_NORMAL,
                fsrs=True,
                limits=current.current_deck.limits,
            )
        )
        col.decks.select(deck_id)
        self.i = 0
        self.next()


def main() -> None:
    from stats import JST, NOW, built, built_anki, deck_option

    from dockquiz.clock import Clock
    from dockquiz.progress import compute
    from dockquiz.scheduling import Scheduler
    from dockquiz.storage.db import open_database
    from dockquiz.study.session import StudySession

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    folder, deck = Path(args[0]), deck_option(sys.argv[1:])
    sizes = [int(n) for n in args[1:]] or [10_000, 100_000, 1_000_000, 10_000_000]
    print(
        f"{ROUNDS} stats rounds and {BLOCKS} blocks of {PER_BLOCK} answers per size, interleaved with Anki's ({deck} deck)\n"
        "reviews | stats ms: dockquiz / Anki = ratio median (rounds) | one answer ms: dockquiz / Anki = ratio median (blocks)"
    )
    for n in sizes:
        ours = built(folder, n, deck)
        theirs = built_anki(folder, n, deck, ours)
        with tempfile.TemporaryDirectory() as tmp:
            path, anki_path = Path(tmp) / "copy.db", Path(tmp) / "copy.anki2"
            shutil.copy(ours, path)
            shutil.copy(theirs, anki_path)
            db = open_database(str(path))
            anki = AnkiReviews(anki_path)
            mine, other, ratios = [], [], []
            for _ in range(ROUNDS):
                start = time.perf_counter()
                with db.session() as s:
                    compute(s, profile_id=1, now=NOW, tz=JST)
                mine.append(time.perf_counter() - start)
                start = time.perf_counter()
                anki.col._backend.graphs(search="", days=365)
                other.append(time.perf_counter() - start)
                ratios.append(mine[-1] / other[-1])
            clock = Clock(frozen=NOW + timedelta(days=1), local=timezone(timedelta(hours=9)))
            session = StudySession(db, clock, new_limit=1000, scheduler=Scheduler())
            view, costs, anki_costs, blocks = session.next(), [], [], []
            i = 0
            for _ in range(BLOCKS):
                ours_block, theirs_block = [], []
                for _ in range(PER_BLOCK):  # one answer each in turn: the machine's drift hits both alike
                    start = time.perf_counter()
                    session.submit(view.answer if i % 3 else "docker run -it x")
                    session.rate()
                    view = session.next()
                    ours_block.append(time.perf_counter() - start)
                    i += 1
                    start = time.perf_counter()
                    anki.answer()
                    theirs_block.append(time.perf_counter() - start)
                blocks.append(statistics.median(ours_block) / statistics.median(theirs_block))
                costs += ours_block
                anki_costs += theirs_block
            anki.col.close()
            db.close()
        ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731
        print(
            f"{n:>10,} | {ms(mine):6.0f} / {ms(other):6.0f} = {statistics.median(ratios):.2f} x "
            f"({min(ratios):.2f}-{max(ratios):.2f}) | {ms(costs):.2f} / {ms(anki_costs):.2f} = "
            f"{statistics.median(blocks):.2f} x ({min(blocks):.2f}-{max(blocks):.2f})",
            flush=True,
        )


if __name__ == "__main__":
    main()
