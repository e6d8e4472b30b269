"""Where a large import spends its time, phase by phase, in one process (one run: noisy;
use it to see proportions, and bench/importing.py for the ratio to the floor).

    python bench/import_phases.py [cards]
"""

from __future__ import annotations

import gc
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent


def main() -> None:
    cards = sys.argv[1] if len(sys.argv) > 1 else "20000"
    text = subprocess.run([sys.executable, str(HERE / "generate.py"), cards], check=True, capture_output=True, text=True).stdout
    laps: list[tuple[str, float]] = []
    mark = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        laps.append((name, now - mark))
        mark = now

    from dockquiz.importing import ImportReport, merge
    from dockquiz.notes.english import english_prompt
    from dockquiz.storage.db import Database
    from dockquiz.storage.tables import deck

    lap("import dockquiz (sqlalchemy core, markdown-it)")
    import alembic.command  # noqa: F401  (a fresh database migrates)

    lap("import alembic")
    from dockquiz.grading.grammar import grammar
    from dockquiz.notes import reader as reader_module
    from dockquiz.notes.reader import Reader, _markdown

    grammar()
    lap("grammar")
    gc.disable()  # as the CLI does for every command but study
    tokens = _markdown("|" in text).parse(text)
    lap("markdown-it parse")
    parsed = SimpleNamespace(parse=lambda _text: tokens)
    reader_module._markdown = lambda _tables: parsed  # the walk alone, on the tokens above
    notes = Reader("big", grammar(), english_prompt).read(text)
    lap(f"reader walk ({len(notes.drafts)} drafts, English prompts included)")
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{tmp}/phases.db", "phases.db")
        lap("create database + migrations")
        now = datetime.now(timezone.utc)
        with db.connect() as conn:
            deck_id = conn.execute(deck.insert().values(name="big", created_at=now, updated_at=now)).inserted_primary_key[0]
            merge(conn, deck_id, notes.drafts, now, ImportReport("big", "-"))
            lap("merge + insert")
        lap("commit")
        with db.connect() as conn:
            merge(conn, deck_id, notes.drafts, now, ImportReport("big", "-"))
        lap("merge again (unchanged)")
        db.close()
    width = max(len(name) for name, _ in laps)
    for name, seconds in laps:
        print(f"{name:<{width}}  {seconds:6.3f} s")


if __name__ == "__main__":
    main()
