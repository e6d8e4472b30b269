"""Peak resident memory (VmHWM, read in the process itself) of what grows with a learner's
notes and history, beside a process that only imports the dependencies (and, for import, one
that also parses the same notes with markdown-it-py: the parse's own tokens):

- `dockquiz import NOTES --json` of about 40,000 cards (bench/generate.py 50000) into a new
  database, and the same import again (nothing changed);
- `dockquiz stats --json` on 1,000,000 reviews over about 20,000 cards (bench/stats.py's database
  and its ``--deck``: by default ``notes``, bench/generate.py 20000's cards; ``--deck=flat`` the old one).

Each figure is the median of three runs (memory hardly varies from run to run; time does).

    python bench/memory.py [notes-size] [reviews] [--deck=notes|flat] [--keep=DIR]   (DIR: stats' databases, built once)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

PARSE = "{deps}, markdown_it\nmarkdown_it.MarkdownIt('commonmark').parse(open({path!r}, encoding='utf-8').read())"


def main() -> None:
    from bytecode import compile_bytecode
    from stats import DEPS, JST, NOW, built, deck_option, dockquiz_rss, peak_rss

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    deck = deck_option(sys.argv[1:])
    keep = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--keep=")), None)
    size = args[0] if args else "50000"
    n_reviews = int(args[1]) if len(args) > 1 else 1_000_000
    median = lambda runs: statistics.median(runs())  # noqa: E731
    with tempfile.TemporaryDirectory() as tmp:
        notes = Path(tmp) / "big.ja.md"
        notes.write_text(
            subprocess.run([sys.executable, str(HERE / "generate.py"), size], check=True, capture_output=True, text=True).stdout,
            "utf-8",
        )
        db = Path(tmp) / "import.db"
        env = {**os.environ, "DOCKQUIZ_DB": str(db)}
        compile_bytecode(env)
        deps = median(lambda: [peak_rss(DEPS, env) for _ in range(3)])
        parse = median(lambda: [peak_rss(PARSE.format(deps=DEPS, path=str(notes)), env) for _ in range(3)])

        def fresh() -> float:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            return dockquiz_rss(["import", str(notes), "--json"], env)

        first = median(lambda: [fresh() for _ in range(3)])
        again = median(lambda: [dockquiz_rss(["import", str(notes), "--json"], env) for _ in range(3)])
        out = subprocess.run([sys.executable, "-m", "dockquiz", "import", str(notes), "--json"], env=env, capture_output=True)
        cards = f"{json.loads(out.stdout)['total']:,}"
        folder = Path(keep) if keep else Path(tmp)
        stats_db = built(folder, n_reviews, deck)
        env = {**os.environ, "DOCKQUIZ_DB": str(stats_db), "DOCKQUIZ_NOW": NOW.astimezone(JST).isoformat()}
        stats = median(lambda: [dockquiz_rss(["stats", "--json"], env) for _ in range(3)])
    print(f"peak RSS (VmHWM, median of 3), MB; importing the dependencies alone: {deps:.0f}")
    print(f"  the dependencies + markdown-it's parse of the notes ({notes.name}, generate.py {size}): {parse:.0f}")
    print(f"  dockquiz import of {cards} cards, new database: {first:.0f} ({first / deps:.2f} x the dependencies)")
    print(f"  dockquiz import again, nothing changed: {again:.0f} ({again / deps:.2f} x)")
    print(f"  dockquiz stats --json, {n_reviews:,} reviews over the {deck} deck: {stats:.0f} ({stats / deps:.2f} x)")


if __name__ == "__main__":
    main()
