"""Start-up: `dockquiz --version` and `dockquiz --help` against a bare `python -c pass`, run
interleaved (this machine's speed drifts), with a learner's database in place (--help reads
the language saved in it). Target: each <= 3 x python. And `dockquiz card ID --json` on that
database after an answer (a script reading cards one by one pays one start each): target
<= 0.3 s, printed beside python and importing SQLAlchemy alone (run from this checkout).

    python bench/startup.py [rounds]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import compile_bytecode

ROOT = Path(__file__).resolve().parent.parent
NOTES = "## 一覧\n\n- `docker ps`\n    - `-a` : 全て表示\n"


def took(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=env, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    script = Path(sys.executable).parent / "dockquiz"
    dockquiz = [str(script)] if script.exists() else [sys.executable, "-m", "dockquiz"]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DOCKQUIZ_DB": str(Path(tmp) / "learner.db")}
        env.pop("DOCKQUIZ_LANG", None)
        compile_bytecode(env)
        subprocess.run([*dockquiz, "config", "lang", "ja"], check=True, capture_output=True, env=env)
        notes = Path(tmp) / "n.md"
        notes.write_text(NOTES, "utf-8")
        module = [sys.executable, "-m", "dockquiz"]  # this checkout's code (cwd)
        subprocess.run([*module, "import", str(notes)], check=True, capture_output=True, env=env, cwd=ROOT)
        subprocess.run([*module, "study", "--plain"], input="docker ps\n\n", text=True, capture_output=True, env=env, cwd=ROOT)
        runs: dict[str, list[float]] = {"python": [], "--version": [], "--help": [], "card": [], "sqlalchemy": []}
        for _ in range(rounds):
            runs["python"].append(took([sys.executable, "-c", "pass"], env))
            runs["--version"].append(took([*dockquiz, "--version"], env))
            runs["--help"].append(took([*dockquiz, "--help"], env))
            runs["card"].append(took([*module, "card", "1", "--json"], env))
            runs["sqlalchemy"].append(took([sys.executable, "-c", "import sqlalchemy"], env))
    base = statistics.median(runs["python"])
    print(f"python -c pass: median {base * 1000:.0f} ms ({rounds} interleaved rounds)")
    for name in ("--version", "--help"):
        median = statistics.median(runs[name])
        print(f"dockquiz {name}: median {median * 1000:.0f} ms = {median / base:.1f} x python (target <= 3 x)")
    card, alchemy = statistics.median(runs["card"]), statistics.median(runs["sqlalchemy"])
    print(
        f"dockquiz card 1 --json: median {card * 1000:.0f} ms (target <= 300 ms) = {card / base:.1f} x python; "
        f"importing sqlalchemy alone: {alchemy * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
