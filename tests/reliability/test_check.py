"""`dockquiz check`: integrity, orphans, card states against their history, --repair."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # each test runs dockquiz as a program

NOTES = Path(__file__).parent.parent / "fixtures" / "docker-basics.ja.md"


def dq(env, *args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "dockquiz", *args], env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def env(tmp_path):
    env = {
        **os.environ,
        "DOCKQUIZ_DB": str(tmp_path / "c.db"),
        "DOCKQUIZ_LANG": "en",
        "NO_COLOR": "1",
        "DOCKQUIZ_NOW": "2026-11-28T09:00:00+09:00",
    }
    assert dq(env, "import", str(NOTES)).returncode == 0
    assert dq(env, "study", "--plain", stdin="docker pull nginx\n\ndocker ps\n1\nx\n\n").returncode == 0
    return env


def test_a_healthy_database(env):
    result = dq(env, "check", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["ok"] and data["integrity"] == ["ok"] and data["states"]["checked"] == 3


def test_orphans_and_states_that_left_their_history_are_repaired(env):
    conn = sqlite3.connect(env["DOCKQUIZ_DB"])
    conn.execute("PRAGMA foreign_keys=OFF")
    a, b, c = [r[0] for r in conn.execute("SELECT DISTINCT card_id FROM review ORDER BY card_id")]
    due_before = conn.execute("SELECT due FROM card_state WHERE card_id = ?", (a,)).fetchone()[0]
    conn.execute("UPDATE card_state SET due = '2031-01-01 00:00:00.000000', reps = 9 WHERE card_id = ?", (a,))
    conn.execute("DELETE FROM card WHERE id = ?", (b,))  # its review and state are left behind
    conn.execute("DELETE FROM card_state WHERE card_id = ?", (c,))  # a reviewed card without a state
    conn.commit()
    conn.close()
    found = dq(env, "check")
    assert found.returncode == 1 and "orphans: 2" in found.stdout and "--repair" in found.stdout
    assert json.loads(dq(env, "check", "--json").stdout)["states"]["cards"] == [a, c]
    repaired = dq(env, "check", "--repair")
    assert repaired.returncode == 0 and "Repaired" in repaired.stdout
    assert json.loads(dq(env, "check", "--json").stdout)["ok"]
    conn = sqlite3.connect(env["DOCKQUIZ_DB"])
    assert conn.execute("SELECT due, reps FROM card_state WHERE card_id = ?", (a,)).fetchone() == (due_before, 1)
    assert conn.execute("SELECT count(*) FROM card_state WHERE card_id = ?", (c,)).fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM review WHERE card_id = ?", (b,)).fetchone()[0] == 0
    conn.close()


def test_a_damaged_file_is_named(env):
    path = Path(env["DOCKQUIZ_DB"])
    assert dq(env, "decks").returncode == 0  # checkpointed into the file
    data = bytearray(path.read_bytes())
    for offset in range(8192 * 2, min(len(data), 8192 * 6), 97):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    result = dq(env, "check")
    assert result.returncode == 1 and "damaged" in result.stdout and "Traceback" not in result.stderr
    cards = dq(env, "cards")
    assert cards.returncode in (0, 2) and "Traceback" not in cards.stderr
