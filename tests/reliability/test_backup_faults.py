"""Backups the learner made are never pruned; a full disk during a backup names the backup and
leaves nothing behind; what a killed backup left is cleaned on the next one (only our files);
CSV cells a spreadsheet would run as formulas are written as text."""

import csv
import io
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.test_storage_faults import NOTES, dq, one_line, tmpfs


@pytest.fixture
def env(tmp_path):
    return {**os.environ, "DOCKQUIZ_LANG": "en", "NO_COLOR": "1", "DOCKQUIZ_DB": str(tmp_path / "d.db"), "HOME": str(tmp_path)}


def _day(env, day: str) -> dict:
    return {**env, "DOCKQUIZ_NOW": f"{day}T09:00:00+09:00"}


@pytest.mark.slow
def test_pruning_counts_only_automatic_backups_and_never_deletes_the_learners_own(env, tmp_path):
    day1 = _day(env, "2026-11-28")
    assert dq(day1, "import", str(NOTES)).returncode == 0
    folder = Path(env["DOCKQUIZ_DB"]).parent / "backups"
    for _ in range(3):
        assert dq(day1, "backup").returncode == 0  # the learner's own, into the backups folder
    mine = {p.name for p in folder.iterdir()} - {p.name for p in folder.iterdir() if p.name.endswith("-daily.db")}
    assert len(mine) == 3
    assert dq(day1, "config", "backups", "2").returncode == 0
    for day in ("2026-11-29", "2026-11-30", "2026-12-01"):
        assert dq(_day(env, day), "decks").returncode == 0  # the day's automatic backup
    names = {p.name for p in folder.iterdir()}
    assert mine <= names  # all three kept
    assert len([n for n in names if n.endswith("-daily.db")]) == 2


@pytest.mark.slow
def test_a_full_disk_during_backup_names_the_backup_and_leaves_no_temporary_file(env, tmp_path):
    assert dq(env, "import", str(NOTES)).returncode == 0
    with tmpfs(tmp_path / "small", "48k") as small:
        target = small / "copy.db"
        result = dq(env, "backup", str(target))
        one_line(result, str(target), "disk is full")
        assert env["DOCKQUIZ_DB"] not in result.stderr
        assert list(small.iterdir()) == []  # no copy, no .copy.db.tmp-PID, no -journal
        ja = dq({**env, "DOCKQUIZ_LANG": "ja"}, "backup", str(target))
        assert ja.returncode == 2 and "ディスクがいっぱい" in ja.stderr and str(target) in ja.stderr
        assert list(small.iterdir()) == []
    with sqlite3.connect(env["DOCKQUIZ_DB"]) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.mark.slow
def test_what_a_killed_backup_left_is_cleaned_on_the_next_and_nothing_else(env, tmp_path):
    assert dq(env, "import", str(NOTES)).returncode == 0
    db = Path(env["DOCKQUIZ_DB"])
    header = db.read_bytes()[:4096]
    dead = _dead_pid()
    out = tmp_path / "out"
    out.mkdir()
    folder = db.parent / "backups"
    stale = [
        out / f".copy.db.tmp-{dead}",  # a killed `backup out/copy.db`
        out / f".copy.db.tmp-{dead}-journal",
        folder / f".d-20261127-090000-daily.db.tmp-{dead}",  # a killed daily backup
        folder / f".d-20261127-090000-daily.db.tmp-{dead}-journal",
    ]
    kept = [
        out / f".copy.db.tmp-{os.getpid()}",  # a backup still running (this process is alive)
        out / f".notes.md.tmp-{dead}",  # not a name our backup of this database makes
        out / f".copy.db.tmp-{dead}.bak",
        folder / f".other-20261127-090000-daily.db.tmp-{dead}",  # another database's
    ]
    text = out / f".copy.db.tmp-{dead}x"
    folder.mkdir(exist_ok=True)
    for path in stale + kept:
        path.write_bytes(header if not path.name.endswith("-journal") else b"\0" * 512)
    not_sqlite = out / f".copy.db.tmp-{_dead_pid()}"
    not_sqlite.write_text("a learner's own file with an odd name", "utf-8")
    assert dq(env, "backup", str(out / "copy.db")).returncode == 0
    assert dq(env, "backup").returncode == 0
    assert not any(p.exists() for p in stale), [p for p in stale if p.exists()]
    assert all(p.exists() for p in kept) and not_sqlite.exists() and not text.exists()


@pytest.mark.slow
def test_a_killed_backup_leaves_no_hidden_file_after_the_next(env, tmp_path):
    """A real kill -9 while a backup writes (a database big enough to take a while)."""
    db = Path(env["DOCKQUIZ_DB"])
    assert dq(env, "import", str(NOTES)).returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS filler (x)")  # ours to fill: a test database
        conn.executemany("INSERT INTO filler VALUES (?)", ((os.urandom(4000),) for _ in range(5_000)))
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "dockquiz", "backup", str(out / "copy.db")], env=env)
    while proc.poll() is None and not any(p.name.startswith(".copy.db.tmp-") for p in out.iterdir()):
        time.sleep(0.001)  # until the copy has begun
    proc.kill()
    proc.wait()
    assert dq(env, "backup", str(out / "copy.db"), "--force").returncode == 0
    assert sorted(p.name for p in out.iterdir()) == ["copy.db"]


def test_csv_cells_a_spreadsheet_would_run_are_written_as_text(env, tmp_path):
    notes = tmp_path / "formulas.md"
    notes.write_text(
        '## =HYPERLINK("http://x")\n\n- `$ docker ps -a`\n\n## @SUM(A1)\n\n- `$ docker run ${IMAGE}`\n'
        "    - `-d` オプション : +バックグラウンド\n    - `--rm` オプション : -自動で削除\n",
        "utf-8",
    )
    assert dq(env, "import", str(notes)).returncode == 0
    out = tmp_path / "cards.csv"
    assert dq(env, "export", str(out)).returncode == 0
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'-d" in cells and "'+バックグラウンド" in cells and "'-自動で削除" in cells
    assert any(c.startswith("'=HYPERLINK") for c in cells) and any(c.startswith("'@SUM") for c in cells)
