"""One answer in a deck of about 40,000 cards (grade, schedule, durable save, next card)
against Anki's own (its backend: answer the card, commit, fetch the next queued card) on a
collection of as many cards, interleaved in blocks in one run; each block's ratio of medians,
and the median over the blocks. Target <= 0.5 x Anki.

Then the first card (`study --plain`, to the first prompt) against merely importing the
dependencies, interleaved (target <= 0.6 x), and that --version / --help import none of them.

    python bench/answer.py [notes-size] [blocks]

Anki schedules with FSRS here, as dockquiz does (the same work: the target is against it), and
with SM-2 beside it (Anki's default where FSRS was never turned on). Anki commits each answer
with `synchronous=FULL` (an fsync: durable through a power cut), dockquiz with NORMAL (durable
through kill -9, fsyncs at checkpoints only); the third Anki is Anki with FSRS at NORMAL, the
same durability as ours, for the comparison the other way.
"""

from __future__ import annotations

import os
import resource
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
PER_BLOCK = 20
NEW_PER_DAY = 1000  # both: today's queue holds this many new cards of the deck


def took(args: list[str], env: dict, stdin: str = "") -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, input=stdin, capture_output=True, text=True, check=True)
    return time.perf_counter() - start


_CHILDREN = [0.0]  # CPU seconds of the children waited for so far


def _last_cpu() -> float:
    """CPU seconds (user + system) of the child process waited for last: steadier than the
    wall clock where other work shares the cores."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = usage.ru_utime + usage.ru_stime
    used, _CHILDREN[0] = total - _CHILDREN[0], total
    return used


class Anki:
    """Anki's answer path on a collection of ``n`` new cards, studied as they come."""

    def __init__(self, path: Path, n: int, fsrs: bool = True, synchronous: str = "") -> None:
        """fsrs=False: SM-2, Anki's older default; synchronous="NORMAL": Anki at dockquiz's
        durability (a commit survives kill -9, not a power cut; Anki's own FULL fsyncs each one)."""
        from anki.collection import AddNoteRequest, Collection

        self.col = col = Collection(str(path))
        if synchronous:
            col.db.execute(f"PRAGMA synchronous={synchronous}")
        basic, deck_id = col.models.by_name("Basic"), col.decks.id("big")
        requests = []
        for i in range(n):
            note = col.new_note(basic)
            note["Front"], note["Back"] = f"問題 {i}", f"docker run -d img{i}"
            requests.append(AddNoteRequest(note=note, deck_id=deck_id))
        col.add_notes(requests)
        conf = col.decks.config_dict_for_deck_id(deck_id)
        conf["new"]["perDay"] = NEW_PER_DAY
        conf["rev"]["perDay"] = 9999
        col.decks.update_config(conf)
        col.decks.select(deck_id)
        col.set_config("fsrs", fsrs)
        self.i = 0
        self.next()

    def answer(self) -> None:
        """Answer the card shown (again for every third, as dockquiz's wrong answers), then
        fetch the next one, as Anki's reviewer does."""
        from anki.scheduler_pb2 import CardAnswer

        sched = self.col.sched
        rating = CardAnswer.AGAIN if self.i % 3 == 0 else CardAnswer.GOOD
        sched.answer_card(sched.build_answer(card=self.card, states=self.states, rating=rating))
        self.i += 1
        self.next()

    def next(self) -> None:
        top = self.col.sched.get_queued_cards(fetch_limit=1).cards[0]
        self.card, self.states = self.col.get_card(top.card.id), top.states
        self.card.start_timer()

    def close(self) -> None:
        self.col.close()


def main() -> None:
    from dockquiz.clock import Clock
    from dockquiz.importing import import_notes
    from dockquiz.scheduling import Scheduler
    from dockquiz.storage.db import open_database
    from dockquiz.study.session import StudySession

    size = sys.argv[1] if len(sys.argv) > 1 else "50000"  # about 40,000 cards
    blocks = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    with tempfile.TemporaryDirectory() as tmp:
        notes = Path(tmp) / "big.ja.md"
        notes.write_text(
            subprocess.run([sys.executable, str(HERE / "generate.py"), size], check=True, capture_output=True, text=True).stdout,
            "utf-8",
        )
        db_path = Path(tmp) / "answer.db"
        db = open_database(str(db_path))
        now = datetime(2026, 11, 28, 0, 0, tzinfo=timezone.utc)
        report = import_notes(db, notes, now=now)
        clock = Clock(frozen=now, local=timezone(timedelta(hours=9)))
        session = StudySession(db, clock, new_limit=NEW_PER_DAY, scheduler=Scheduler())
        try:
            ankis = {
                "FSRS": Anki(Path(tmp) / "fsrs.anki2", report.total),
                "SM-2": Anki(Path(tmp) / "sm2.anki2", report.total, False),
                "FSRS, synchronous=NORMAL": Anki(Path(tmp) / "normal.anki2", report.total, synchronous="NORMAL"),
            }
        except ImportError:
            raise SystemExit("Anki: not measured (pip install '.[test]' brings the anki package)") from None
        print(f"deck: {report.total} cards in dockquiz and in Anki; {blocks} blocks of {PER_BLOCK} answers, one of each in turn")
        view = session.next()
        ours: list[float] = []
        theirs: dict[str, list[float]] = {name: [] for name in ankis}
        ratios: dict[str, list[float]] = {name: [] for name in ankis}
        i = 0
        for _ in range(blocks):
            mine, other = [], {name: [] for name in ankis}
            for _ in range(PER_BLOCK):  # one answer each in turn: the machine's drift hits all alike
                start = time.perf_counter()
                session.submit(view.answer if i % 3 else "docker run -it x")
                session.rate()
                view = session.next()
                mine.append(time.perf_counter() - start)
                i += 1
                for name, anki in ankis.items():
                    start = time.perf_counter()
                    anki.answer()
                    other[name].append(time.perf_counter() - start)
            ours += mine
            for name in ankis:
                ratios[name].append(statistics.median(mine) / statistics.median(other[name]))
                theirs[name] += other[name]
        for anki in ankis.values():
            anki.close()
        p90 = lambda xs: sorted(xs)[int(len(xs) * 0.9)] * 1000  # noqa: E731
        print(
            f"one answer (grade + schedule + save + next card): dockquiz median {statistics.median(ours) * 1000:.2f} ms "
            f"(p90 {p90(ours):.2f})"
        )
        for name in ankis:
            print(
                f"Anki ({name}): median {statistics.median(theirs[name]) * 1000:.2f} ms (p90 {p90(theirs[name]):.2f}); "
                f"dockquiz / Anki: median {statistics.median(ratios[name]):.2f} x over {blocks} blocks "
                f"(blocks {min(ratios[name]):.2f}-{max(ratios[name]):.2f})"
                + ("  (target <= 0.5 x: the same scheduler)" if name == "FSRS" else "")
            )

        env = {**os.environ, "DOCKQUIZ_DB": str(db_path), "DOCKQUIZ_NOW": "2026-11-28T09:00:00+09:00"}
        compile_bytecode(env)
        deps, first, rounds, cpu = [], [], [], []
        _last_cpu()  # the children before (the notes' generation, the bytecode) are not counted
        for _ in range(9):  # interleaved: this machine's speed drifts
            deps.append(took([sys.executable, "-c", DEPS], env))
            deps_cpu = _last_cpu()
            first.append(took([sys.executable, "-m", "dockquiz", "study", "--plain"], env))
            rounds.append(first[-1] / deps[-1])
            cpu.append(_last_cpu() / deps_cpu)
        print(
            f"import the dependencies: median {statistics.median(deps) * 1000:.0f} ms; study to the first card (plain, "
            f"then EOF): median {statistics.median(first) * 1000:.0f} ms; ratio median {statistics.median(rounds):.2f} x "
            f"(rounds {min(rounds):.2f}-{max(rounds):.2f})  (target <= 0.6 x); in CPU seconds "
            f"{statistics.median(cpu):.2f} x (rounds {min(cpu):.2f}-{max(cpu):.2f})"
        )
        probe = (
            "import sys, runpy; sys.argv=['dockquiz','{arg}'];\n"
            "try:\n    runpy.run_module('dockquiz', run_name='__main__')\nexcept SystemExit: pass\n"
            "heavy=[m for m in ('sqlalchemy','alembic','rich','prompt_toolkit','fsrs','markdown_it') if m in sys.modules]\n"
            "print(','.join(heavy) or 'none', file=sys.stderr)"
        )
        for arg in ("--version", "--help"):
            out = subprocess.run([sys.executable, "-c", probe.format(arg=arg)], env=env, capture_output=True, text=True)
            best = min(took([sys.executable, "-m", "dockquiz", arg], env) for _ in range(5))
            print(f"dockquiz {arg}: {best * 1000:.0f} ms, heavy modules imported: {out.stderr.strip()}")


if __name__ == "__main__":
    main()
