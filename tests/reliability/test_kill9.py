"""kill -9 at random moments: every answer the session confirmed is stored exactly once, an
import is all or nothing, the file passes SQLite's integrity check."""

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # kill -9 of a running dockquiz

ROOT = Path(__file__).resolve().parents[2]
NOTES = ROOT / "tests" / "fixtures" / "docker-basics.ja.md"


def test_kill_during_study_loses_no_confirmed_answer(tmp_path):
    rnd = random.Random(9)
    env = {**os.environ, "DOCKQUIZ_DB": str(tmp_path / "k.db"), "DOCKQUIZ_LANG": "en"}
    subprocess.run([sys.executable, "-m", "dockquiz", "import", str(NOTES)], env=env, check=True, capture_output=True)
    confirmed = 0
    for trial in range(8):
        proc = subprocess.Popen(
            [sys.executable, "-m", "dockquiz", "study", "--plain", "--json", "--new", "200"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
        )
        # killed at a random event, right after the input it asks for is sent: a rating may be
        # in flight, the answers confirmed before it must all be there (events, not the clock)
        events = rnd.randint(2, 16)
        seen = 0
        for _ in range(events):
            line = proc.stdout.readline()
            if not line:
                break
            event = json.loads(line)
            if event["event"] == "card":
                proc.stdin.write("docker ps\n")
            elif event["event"] == "verdict":
                proc.stdin.write(rnd.choice(["", "1", "3", "4"]) + "\n")
            elif event["event"] == "scheduled":
                seen += 1
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        confirmed += seen
        conn = sqlite3.connect(env["DOCKQUIZ_DB"])
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = conn.execute("SELECT count(*) FROM review").fetchone()[0]
        conn.close()
        assert confirmed <= stored <= confirmed + 1, (trial, confirmed, stored)  # one in flight at most
        confirmed = stored
    assert confirmed > 0


def test_kill_during_import_leaves_all_or_nothing(tmp_path):
    rnd = random.Random(4)
    big = tmp_path / "big.md"
    with big.open("w") as fh:
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "8000"], stdout=fh, check=True)
    env = {**os.environ, "DOCKQUIZ_DB": str(tmp_path / "i.db"), "DOCKQUIZ_LANG": "en"}
    subprocess.run([sys.executable, "-m", "dockquiz", "import", str(NOTES)], env=env, check=True, capture_output=True)
    full = None
    for trial in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-m", "dockquiz", "import", str(big)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        time.sleep(rnd.uniform(0.2, 1.5))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        conn = sqlite3.connect(env["DOCKQUIZ_DB"])
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = dict(
            conn.execute("SELECT d.name, count(c.id) FROM deck d LEFT JOIN card c ON c.deck_id = d.id GROUP BY d.name").fetchall()
        )
        conn.close()
        assert rows["docker-basics"] == 58
        if "big" in rows:
            full = (
                full
                or subprocess.run(
                    [sys.executable, "-m", "dockquiz", "import", str(big), "--dry-run", "--json"],
                    env={**env, "DOCKQUIZ_DB": str(tmp_path / f"x{trial}.db")},
                    capture_output=True,
                    text=True,
                ).stdout
            )
            assert rows["big"] == json.loads(full)["total"], rows  # never a half deck
