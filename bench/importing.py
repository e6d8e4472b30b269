"""Import speed on large notes (~20k cards) against a floor: loading the dependencies and
parsing the same file with markdown-it-py. Target: import <= 1.5 x floor (plain SQLAlchemy
writes: simple code before the last tenth of a second). Wall-clock ratios, and CPU seconds
(each child's user + system time) beside them: steadier where other work shares the cores.

    python bench/importing.py [cards] [rounds]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import compile_bytecode

HERE = Path(__file__).resolve().parent
FLOOR = (
    "import sqlalchemy, alembic, markdown_it, rich, fsrs, platformdirs, prompt_toolkit, sys;"
    "markdown_it.MarkdownIt('commonmark').parse(open(sys.argv[1], encoding='utf-8').read())"
)


def run(args: list[str], env: dict) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (the child's user + system time: steadier than the wall on a
    machine shared with other work) and standard output."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    if status:
        raise SystemExit(f"{' '.join(args)}: exit status {status}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, out


def main() -> None:
    cards = sys.argv[1] if len(sys.argv) > 1 else "20000"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    with tempfile.TemporaryDirectory() as tmp:
        notes = Path(tmp) / "big.ja.md"
        notes.write_text(
            subprocess.run([sys.executable, str(HERE / "generate.py"), cards], check=True, capture_output=True, text=True).stdout,
            "utf-8",
        )
        db = Path(tmp) / "bench.db"
        env = {**os.environ, "DOCKQUIZ_DB": str(db)}
        dockquiz = [sys.executable, "-m", "dockquiz", "import", str(notes), "--json"]
        compile_bytecode(env)
        times: dict[str, list[float]] = {"floor": [], "fresh": [], "again": []}
        cpu: dict[str, list[float]] = {"floor": [], "fresh": [], "again": []}

        def timed(name: str, args: list[str]) -> str:
            took, used, out = run(args, env)
            times[name].append(took)
            cpu[name].append(used)
            return out

        for _ in range(rounds):  # interleaved: this machine's speed drifts by +-20%
            timed("floor", [sys.executable, "-c", FLOOR, str(notes)])
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            out = timed("fresh", dockquiz)
            timed("again", dockquiz)
        total = json.loads(out)["total"]
        print(f"notes: {notes.stat().st_size / 1e6:.1f} MB, {total} cards; {rounds} interleaved rounds")
        print(f"floor (import deps + markdown-it parse): best {min(times['floor']):.2f} s")
        for name, label in (("fresh", "fresh database"), ("again", "again, unchanged")):
            # each round's ratio to the floor run just before it, so a drift hits both sides
            ratios = sorted(t / f for t, f in zip(times[name], times["floor"]))
            print(
                f"dockquiz import ({label + '):':<18} best {min(times[name]):.2f} s; ratio to floor: "
                f"median {statistics.median(ratios):.2f} x (rounds {ratios[0]:.2f}-{ratios[-1]:.2f}), "
                f"best/best {min(times[name]) / min(times['floor']):.2f} x"
            )
        for name, label in (("fresh", "fresh database"), ("again", "again, unchanged")):
            ratios = sorted(t / f for t, f in zip(cpu[name], cpu["floor"]))
            print(
                f"CPU seconds, {label + ':':<18} median {statistics.median(cpu[name]):.2f} s against the floor's "
                f"{statistics.median(cpu['floor']):.2f} s; ratio median {statistics.median(ratios):.2f} x "
                f"(rounds {ratios[0]:.2f}-{ratios[-1]:.2f})"
            )
        print("target: import <= 1.5 x floor (median ratio)")


if __name__ == "__main__":
    main()
