"""A shared PostgreSQL database when things go wrong: a server that is not there or goes away
mid-study, another program's database, card states that left their history. Each on a real
throwaway server (tests/pgserver.py), never a mock."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

pytestmark = pytest.mark.slow  # a PostgreSQL server and dockquiz as a program

NOTES = Path(__file__).parent.parent / "fixtures" / "docker-basics.ja.md"


def dq(env, *args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "dockquiz", *args], env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


def one_line(result, *words):
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)


def env_for(url):
    return {
        **os.environ,
        "DOCKQUIZ_DB": url,
        "DOCKQUIZ_LANG": "en",
        "NO_COLOR": "1",
        "DOCKQUIZ_NOW": "2026-11-28T09:00:00+09:00",
        "DOCKQUIZ_PROFILE": "aiko",
    }


def sql(url, statement, *params):
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), autocommit=True) as conn:
        cur = conn.execute(statement, params)
        return cur.fetchall() if cur.description else None


def test_states_that_left_their_history_are_found_and_repaired(postgres_server):
    url = postgres_server()
    env = env_for(url)
    assert dq(env, "import", str(NOTES)).returncode == 0
    assert dq(env, "study", "--plain", stdin="docker pull nginx\n\ndocker ps\n1\nx\n\n").returncode == 0
    a, _, c = [r[0] for r in sql(url, "SELECT DISTINCT card_id FROM review ORDER BY card_id")]
    before = sql(url, "SELECT due, reps FROM card_state WHERE card_id = %s", a)
    sql(url, "UPDATE card_state SET due = '2031-01-01', reps = 9 WHERE card_id = %s", a)
    sql(url, "DELETE FROM card_state WHERE card_id = %s", c)
    found = dq(env, "check", "--json")
    assert found.returncode == 1 and json.loads(found.stdout)["states"]["cards"] == [a, c]
    assert not any(json.loads(found.stdout)["orphans"].values())  # foreign keys hold on PostgreSQL
    repaired = dq(env, "check", "--repair")
    assert repaired.returncode == 0 and "Repaired" in repaired.stdout
    assert json.loads(dq(env, "check", "--json").stdout)["ok"]
    assert sql(url, "SELECT due, reps FROM card_state WHERE card_id = %s", a) == before
    assert sql(url, "SELECT count(*) FROM card_state WHERE card_id = %s", c) == [(1,)]


def test_another_programs_database_is_refused_untouched(postgres_server):
    url = postgres_server()
    sql(url, "CREATE TABLE card (id int PRIMARY KEY, front text)")
    sql(url, "INSERT INTO card VALUES (1, 'theirs')")
    tables = sql(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    for args in (["decks"], ["import", str(NOTES)], ["study", "--plain"]):
        one_line(dq(env_for(url), *args, stdin=""), "another program's database", "left untouched")
    assert sql(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1") == tables
    assert sql(url, "SELECT * FROM card") == [(1, "theirs")]


def test_a_server_that_is_not_there_is_one_true_line(postgres_server, tmp_path):
    url = postgres_server()
    nowhere = f"postgresql+psycopg://postgres@/t0?host={tmp_path}"
    missing = url.rsplit("/", 1)[0] + "/nosuchdb?" + url.split("?", 1)[1]
    for target in (nowhere, missing):
        result = dq(env_for(target), "decks")
        one_line(result, "cannot reach the database server")
        assert "damaged" not in result.stderr
    ja = dq({**env_for(nowhere), "DOCKQUIZ_LANG": "ja"}, "decks")
    one_line(ja, "データベースサーバーに接続できません")


def test_a_password_in_the_address_is_never_shown(postgres_server, tmp_path):  # the driver and a server, as the others
    for password in ("s3cret-pass", "p@ss/w0rd"):  # an unencoded @ or / in it too
        secret = f"postgresql+psycopg://teacher:{password}@/t0?host={tmp_path}"
        result = dq(env_for(secret), "decks")
        one_line(result, "teacher")
        assert password not in result.stderr + result.stdout and "w0rd" not in result.stderr


def test_the_server_going_away_mid_study_loses_no_saved_answer(own_postgres_server):
    url = own_postgres_server.new_database()
    env = {**env_for(url), "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    assert dq(env, "import", str(NOTES)).returncode == 0
    child = pexpect.spawn(
        sys.executable, ["-m", "dockquiz", "study", "--plain"], env=env, encoding="utf-8", timeout=120, dimensions=(30, 100)
    )
    child.expect(r"\$ ")
    child.send("docker pull nginx\r")
    child.expect("Enter")
    child.send("\r")  # rated and saved
    child.expect(r"\$ ")
    child.send("docker ps\r")
    child.expect("Enter")
    own_postgres_server.stop()  # the class's server goes away before this rating
    child.send("\r")
    child.expect(pexpect.EOF)
    child.close()
    out = child.before
    assert child.exitstatus == 2 and "Traceback" not in out, out
    assert "not saved" in out and "cannot reach the database server" in out, out
    own_postgres_server.start()  # pg_ctl -w: back when it accepts connections
    assert sql(url, "SELECT count(*) FROM review") == [(1,)]
    assert sql(url, "SELECT count(*) FROM card_state") == [(1,)]
