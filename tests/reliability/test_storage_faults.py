"""Database faults get one true line in the user's language and exit 2, nothing half-written,
and never a change to a file that is not ours."""

import hashlib
import os
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures"
NOTES = FIXTURES / "docker-basics.ja.md"


def dq(env, *args, stdin=None, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "dockquiz", *args], env=env, input=stdin, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture
def env(tmp_path):
    return {**os.environ, "DOCKQUIZ_LANG": "en", "NO_COLOR": "1", "DOCKQUIZ_DB": str(tmp_path / "d.db"), "HOME": str(tmp_path)}


def one_line(result, *needles):
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextmanager
def tmpfs(where: Path, size: str):
    """A small file system of our own (CI runs as root); without the right to mount there is
    no way to make a disk full or read-only for root, so those two tests need it."""
    where.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True).returncode != 0:
        # unprivileged (a learner's laptop): no other way to fill a disk or make one read-only for root;
        # CI runs as root and mounts it, so these tests run there
        pytest.skip("mounting a tmpfs is not permitted here (needed to fill a disk or make it read-only)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.mark.slow
def test_another_programs_database_is_left_untouched(env, tmp_path):
    places = tmp_path / "places.sqlite"
    conn = sqlite3.connect(places)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.commit()
    conn.close()
    before = digest(places)
    for args in (["decks"], ["import", str(NOTES)], ["study", "--plain"], ["stats"]):
        one_line(dq(env, "--db", str(places), *args, stdin=""), "another program's database", "untouched")
    assert digest(places) == before and sorted(p.name for p in tmp_path.iterdir()) == ["places.sqlite"]
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(4096))
    one_line(dq(env, "--db", str(junk), "decks"), "not a dockquiz database")
    result = dq({**env, "DOCKQUIZ_LANG": "ja"}, "--db", str(junk), "cards")
    assert result.returncode == 2 and "dockquiz のデータベースではありません" in result.stderr


@pytest.mark.slow
def test_a_database_from_a_newer_dockquiz_says_so(env, tmp_path):
    assert dq(env, "import", str(NOTES)).returncode == 0
    conn = sqlite3.connect(env["DOCKQUIZ_DB"])
    conn.execute("UPDATE alembic_version SET version_num = '0042'")
    conn.commit()
    conn.close()
    one_line(dq(env, "cards"), "newer dockquiz", "0042", "upgrade dockquiz")


@pytest.mark.slow
def test_a_postgresql_url_without_its_driver(env, tmp_path):
    """As on a machine without the `postgres` extra: a psycopg that cannot be imported."""
    hidden = tmp_path / "no-driver" / "psycopg"
    hidden.mkdir(parents=True)
    (hidden / "__init__.py").write_text("raise ModuleNotFoundError(\"No module named 'psycopg'\", name='psycopg')\n")
    env = {**env, "PYTHONPATH": str(hidden.parent)}
    one_line(dq(env, "--db", "postgresql+psycopg://u@localhost/db", "decks"), "dockquiz[postgres]", "psycopg")


@pytest.mark.slow
def test_a_full_disk_is_named_and_leaves_the_database_usable(env, tmp_path):
    big = tmp_path / "big.md"
    subprocess.run(
        [sys.executable, str(Path(__file__).parents[2] / "bench" / "generate.py"), "3000"], stdout=big.open("w"), check=True
    )
    with tmpfs(tmp_path / "small", "400k") as small:
        db = str(small / "d.db")
        one_line(dq(env, "--db", db, "import", str(big)), "disk is full")
        ok = dq(env, "--db", db, "import", str(NOTES))
        if ok.returncode == 2:  # the first import's WAL still fills the disk
            one_line(ok, "disk is full")
        else:
            assert "58 cards" in ok.stdout
        assert dq(env, "--db", db, "decks").returncode == 0


@pytest.mark.slow
def test_a_read_only_database_reads_and_refuses_to_write(env, tmp_path):
    with tmpfs(tmp_path / "ro", "4m") as ro:
        db = str(ro / "d.db")
        assert dq(env, "--db", db, "import", str(NOTES)).returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(ro)], check=True)
        for args in (["decks"], ["cards"], ["stats"], ["card", "1"], ["cards", "--json"]):
            result = dq(env, "--db", db, *args)
            assert result.returncode == 0 and not result.stderr, (args, result.stderr)
        one_line(dq(env, "--db", db, "import", str(FIXTURES / "cloud-tools.ja.md")), "read-only")
        one_line(dq(env, "--db", db, "suspend", "1"), "read-only")


@pytest.mark.slow
def test_two_processes_starting_on_a_new_database(tmp_path, env):
    """20 pairs: an import and a study session starting at once on a database that does not
    exist yet. Neither may report it damaged. (The import names its deck: under its file's
    name it would, rightly, be refused when the built-in deck of that name came first.)"""
    for i in range(20):
        db = str(tmp_path / f"race{i}.db")
        a = subprocess.Popen(
            [sys.executable, "-m", "dockquiz", "--db", db, "import", str(NOTES), "--deck", "mine"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        b = subprocess.Popen(
            [sys.executable, "-m", "dockquiz", "--db", db, "study", "--plain"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        b_out, b_err = b.communicate("docker pull nginx\n\n", timeout=120)
        a_out, a_err = a.communicate(timeout=120)
        assert a.returncode == 0 and b.returncode == 0, (i, a_err, b_err)
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # the built-in deck comes too when the study session found no deck yet
        assert conn.execute("SELECT count(*) FROM deck WHERE name = 'mine'").fetchone()[0] == 1
        decks = conn.execute("SELECT name FROM deck ORDER BY name").fetchall()
        # what the session said (a card set aside, a conflict, nothing to study) when it saved none
        assert conn.execute("SELECT count(*) FROM review").fetchone()[0] == 1, (i, decks, b_out, b_err, a_err)
        conn.close()


@pytest.mark.slow
def test_notes_that_are_not_regular_files(env, tmp_path):
    one_line(dq(env, "import", "/dev/zero"), "too large")
    result = subprocess.run(
        f"head -c 60000000 /dev/zero | {sys.executable} -m dockquiz import /dev/stdin",
        shell=True,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    one_line(result, "too large")
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    result = dq(env, "import", str(fifo), timeout=30)  # nobody writes: it must not wait
    assert result.returncode == 0 and "no commands found" in result.stderr
    piped = subprocess.run(
        f"{sys.executable} -m dockquiz import /dev/stdin --deck piped < {NOTES}",
        shell=True,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert piped.returncode == 0 and "58 cards" in piped.stdout


@pytest.mark.slow
def test_an_answer_that_is_not_utf8_is_kept(env):
    result = subprocess.run(
        [sys.executable, "-m", "dockquiz", "study", "--plain", "--json"],
        env=env,
        input=b"docker \xff\xfe pull\n\n",
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    cards = dq(env, "card", "1", "--json")
    assert "\ufffd" in cards.stdout and "docker" in cards.stdout


@pytest.mark.slow
def test_a_disk_that_fills_during_study_is_said_as_an_error_event(env, tmp_path):
    with tmpfs(tmp_path / "small", "2m") as small:
        db = str(small / "d.db")
        assert dq(env, "--db", db, "import", str(NOTES)).returncode == 0
        assert dq(env, "--db", db, "decks").returncode == 0  # the WAL checkpointed away
        filler = small / "filler"
        free_kb = os.statvfs(small).f_bavail * os.statvfs(small).f_frsize // 1024
        subprocess.run(
            ["dd", "if=/dev/zero", f"of={filler}", "bs=1k", f"count={free_kb - 160}"], capture_output=True
        )  # room for a few answers only
        answers = "docker pull nginx\n\n" * 200
        result = dq(env, "--db", db, "study", "--plain", "--json", stdin=answers)
        assert "Traceback" not in result.stderr
        events = [__import__("json").loads(line) for line in result.stdout.splitlines()]
        errors = [e for e in events if e["event"] == "error"]
        assert errors and "not saved" in errors[0]["message"] and "disk is full" in errors[0]["message"]
        assert result.returncode == 2 and events[-1]["event"] == "summary"
        saved = events[-1]["reviewed"]
        filler.unlink()
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM review").fetchone()[0] == saved  # the summary is true
        conn.close()


@pytest.mark.parametrize(
    "driver_message,key",
    [
        ("database is locked", "error.db_locked"),
        ("attempt to write a readonly database", "error.db_readonly"),
        ("database or disk is full", "error.db_full"),
        ("disk I/O error", "error.db_io"),
        ("file is not a database", "error.db_not_dockquiz"),
        ("unable to open database file", "error.db_cannot_open"),
        ("database disk image is malformed", "error.db_corrupt"),
    ],
)
def test_every_driver_error_gets_its_own_line(driver_message, key):
    """What the driver says, turned into the line that is true (simulated errors: the real
    ones are above where this machine can make them)."""
    from sqlalchemy.exc import OperationalError

    from dockquiz.i18n import translate
    from dockquiz.storage.db import storage_error

    error = storage_error(OperationalError("stmt", {}, sqlite3.OperationalError(driver_message)), "x.db")
    assert error.key == key
    for lang in ("en", "ja"):
        line = translate(error.key, lang, **error.params)
        assert "x.db" in line and "\n" not in line
