"""Import speed on large notes (~20k cards) against a floor: loading the dependencies and
parsing the same file with markdown-it-py. Target: import <= 1.3 x floor.

    python bench/importing.py [cards]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR = ("import sqlalchemy, alembic, markdown_it, rich, fsrs, platformdirs, prompt_toolkit, sys;"
         "markdown_it.MarkdownIt('commonmark').parse(open(sys.argv[1], encoding='utf-8').read())")


def timed(args: list[str], env: dict) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, env=env)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    cards = sys.argv[1] if len(sys.argv) > 1 else "20000"
    with tempfile.TemporaryDirectory() as tmp:
        notes = Path(tmp) / "big.ja.md"
        notes.write_text(subprocess.run([sys.executable, str(HERE / "generate.py"), cards], check=True,
                                        capture_output=True, text=True).stdout, "utf-8")
        env = {**os.environ, "DOCKQUIZ_DB": str(Path(tmp) / "bench.db")}
        floor = timed([sys.executable, "-c", FLOOR, str(notes)], env)
        fresh = float("inf")
        for _ in range(3):
            Path(tmp, "bench.db").unlink(missing_ok=True)
            start = time.perf_counter()
            out = subprocess.run([sys.executable, "-m", "dockquiz", "import", str(notes), "--json"],
                                 check=True, capture_output=True, text=True, env=env).stdout
            fresh = min(fresh, time.perf_counter() - start)
        again = timed([sys.executable, "-m", "dockquiz", "import", str(notes), "--json"], env)
        import json
        total = json.loads(out)["total"]
        print(f"notes: {notes.stat().st_size / 1e6:.1f} MB, {total} cards")
        print(f"floor (import deps + markdown-it parse): {floor:.2f} s")
        print(f"dockquiz import (fresh database):       {fresh:.2f} s  = {fresh / floor:.2f} x floor")
        print(f"dockquiz import (again, unchanged):     {again:.2f} s  = {again / floor:.2f} x floor  (target <= 1.3 x)")


if __name__ == "__main__":
    main()
