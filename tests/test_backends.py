"""The same learner's day on SQLite and on a real PostgreSQL server: every command works and
every figure agrees (`backend` runs each test on both; see conftest.py)."""

from __future__ import annotations

import io
import json
import sys

import pytest

from tests.conftest import SAMPLE_NOTES
from tests.helpers import DAY1, run_cli

DAY2 = "2026-11-29T21:00:00+09:00"


def day(capsys, monkeypatch):
    """Import, study two days, re-import; returns what the learner would look at."""
    import random

    monkeypatch.setenv("DOCKQUIZ_NOW", DAY1)
    assert run_cli(capsys, "import", str(SAMPLE_NOTES)).code == 0
    monkeypatch.setattr(
        sys, "stdin", io.StringIO("docker pull ${IMAGE_NAME}\n\ndocker serch x\n1\n:skip\ndocker build ./ -t x\n4\n")
    )
    random.seed(7)  # FSRS's interval fuzz: the same draws on both backends
    assert run_cli(capsys, "study", "--plain").code == 0
    monkeypatch.setenv("DOCKQUIZ_NOW", DAY2)
    monkeypatch.setattr(sys, "stdin", io.StringIO("docker pull nginx\n\ndocker search x\n\n"))
    random.seed(8)
    assert run_cli(capsys, "study", "--plain").code == 0
    assert run_cli(capsys, "config", "retention", "0.85").code == 0
    seen = {
        "stats": run_cli(capsys, "stats", "--json").json(),
        "cards": run_cli(capsys, "cards", "--json").json(),
        "decks": run_cli(capsys, "decks", "--json").json(),
        "check": run_cli(capsys, "check", "--json").json(),
        "reimport": run_cli(capsys, "import", str(SAMPLE_NOTES), "--json").json(),
    }
    for card in seen["cards"]:
        card.pop("id", None)
    seen["reimport"].pop("source", None)
    return seen


def test_a_learners_day_gives_the_same_figures_on_both_backends(capsys, monkeypatch, tmp_path, backend, postgres_server):
    here = day(capsys, monkeypatch)
    # the other backend, the same day
    if backend == "sqlite":
        monkeypatch.setenv("DOCKQUIZ_DB", postgres_server())
    else:
        monkeypatch.setenv("DOCKQUIZ_DB", str(tmp_path / "other.db"))
    there = day(capsys, monkeypatch)
    for a, b in zip(here["cards"], there["cards"]):
        assert a == b, {k: (a[k], b.get(k)) for k in a if a[k] != b.get(k)}
    for part in here:
        if isinstance(here[part], dict):
            for key in here[part]:
                assert here[part][key] == there[part][key], (part, key, here[part][key], there[part][key])
        assert here[part] == there[part], part
    assert here["stats"]["today"]["reviews"] == 2 and here["check"]["ok"] is True


def test_export_restore_and_optimize_work_on_both(capsys, monkeypatch, tmp_path, backend):
    day(capsys, monkeypatch)
    dump = tmp_path / f"{backend}.json"
    assert run_cli(capsys, "export", str(dump)).code == 0
    assert run_cli(capsys, "export", str(tmp_path / f"{backend}.apkg")).code == 0
    again = run_cli(capsys, "import", str(dump), "--json").json()
    assert again["reviews_added"] == 0 and again["reviews_known"] == 5
    result = run_cli(capsys, "optimize", "--json").json()
    assert result == {"fitted": False, "answers": 5, "reviews": 5, "needed": 395}
    data = json.loads(dump.read_text("utf-8"))
    assert sorted(len(c["reviews"]) for c in data["decks"][0]["cards"] if c["reviews"]) == [1, 2, 2]


def test_a_new_postgresql_database_has_the_schema_of_the_tables_module(postgres_server, monkeypatch):
    from sqlalchemy import inspect

    from dockquiz.storage.db import HEAD, open_database
    from dockquiz.storage.tables import metadata

    url = postgres_server()
    db = open_database(url)
    with db.engine.connect() as conn:
        found = inspect(conn)
        assert set(found.get_table_names()) == set(metadata.tables) | {"alembic_version"}
        for table in metadata.tables.values():
            assert {c["name"] for c in found.get_columns(table.name)} == {c.name for c in table.columns}
        types = {c["name"]: c["type"] for c in found.get_columns("card")}
        assert str(types["section"]) == "JSONB" and types["created_at"].timezone is True
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
    db.close()
    assert open_database(url).engine.dialect.name == "postgresql"  # opening again: no change


def test_a_postgresql_url_without_its_driver_is_one_line(capsys, monkeypatch):
    monkeypatch.setenv("DOCKQUIZ_DB", "postgresql+nosuchdriver://x@localhost/db")
    result = run_cli(capsys, "decks")
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1


def answer(capsys, monkeypatch, profile: str, lines: str) -> None:
    monkeypatch.setenv("DOCKQUIZ_PROFILE", profile)
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    assert run_cli(capsys, "study", "--plain").code == 0


def test_learners_sharing_a_database_keep_their_own_progress(capsys, monkeypatch, backend):
    monkeypatch.setenv("DOCKQUIZ_NOW", DAY1)
    assert run_cli(capsys, "import", str(SAMPLE_NOTES)).code == 0
    answer(capsys, monkeypatch, "aiko", "docker pull ${IMAGE_NAME}\n\ndocker search x\n\n")
    answer(capsys, monkeypatch, "ben", "docker pul\n\n")
    assert run_cli(capsys, "config", "new", "5").code == 0  # ben's setting only
    monkeypatch.setenv("DOCKQUIZ_PROFILE", "aiko")
    aiko = {c["answer"]: c["reps"] for c in run_cli(capsys, "cards", "--json").json() if c["reps"]}
    assert aiko == {"docker pull ${IMAGE_NAME}": 1, "docker search ${SARCH_WORDS}": 1}
    assert run_cli(capsys, "config", "new").out.strip() == "new = 20"
    bens = run_cli(capsys, "--profile", "ben", "stats", "--json").json()  # --profile wins, before the command
    assert bens["today"] == {"reviews": 1, "correct": 0, "seconds": 0}
    assert run_cli(capsys, "stats", "--profile", "ben", "--json").json()["today"]["reviews"] == 1  # or after
    listed = run_cli(capsys, "profiles", "--json").json()
    assert [(p["profile"], p["reviews"], p["current"]) for p in listed] == [("aiko", 2, True), ("ben", 1, False)]
    cls = run_cli(capsys, "stats", "--class", "--json").json()
    assert [(r["profile"], r["reviews_7d"], r["streak_days"]) for r in cls["learners"]] == [("aiko", 2, 1), ("ben", 1, 1)]
    assert cls["forgotten"][0]["answer"] == "docker pull ${IMAGE_NAME}" and cls["forgotten"][0]["learners"] == 1
    shown = run_cli(capsys, "stats", "--class").out
    assert "aiko" in shown and "ben" in shown and "docker pull" in shown


def test_a_database_from_before_profiles_keeps_its_one_profile(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("DOCKQUIZ_PROFILE", raising=False)
    import sqlite3

    monkeypatch.setenv("DOCKQUIZ_NOW", DAY1)
    assert run_cli(capsys, "import", str(SAMPLE_NOTES)).code == 0
    with sqlite3.connect(tmp_path / "test.db") as conn:  # as every earlier dockquiz made it
        conn.execute("INSERT INTO profile (name, settings, created_at) VALUES ('default', '{}', '2026-01-01')")
    answer(capsys, monkeypatch, "", "docker pull ${IMAGE_NAME}\n\n")
    monkeypatch.delenv("DOCKQUIZ_PROFILE")
    listed = run_cli(capsys, "profiles", "--json").json()
    assert [(p["profile"], p["reviews"], p["current"]) for p in listed] == [("default", 1, True)]


@pytest.mark.parametrize("name", ["", "x" * 101, "a\x1bb"])
def test_a_bad_profile_name_is_one_line(capsys, monkeypatch, name):
    result = run_cli(capsys, "--profile", name, "decks")
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    if name:  # DOCKQUIZ_PROFILE is read the same way (empty: not set)
        monkeypatch.setenv("DOCKQUIZ_PROFILE", name)
        result = run_cli(capsys, "config", "new", "5")
        assert result.code == 2 and len(result.err.strip().splitlines()) == 1 and "\x1b" not in result.err


def test_one_learner_on_two_machines_never_doubles_a_review(monkeypatch, backend):
    """The same card shown on two machines: the second answer is refused in one line (the
    card comes back), never saved twice."""
    from dockquiz.clock import from_env
    from dockquiz.errors import ConflictError
    from dockquiz.importing import import_notes
    from dockquiz.storage.db import open_database
    from dockquiz.study.session import StudySession

    monkeypatch.setenv("DOCKQUIZ_NOW", DAY1)
    monkeypatch.setenv("DOCKQUIZ_PROFILE", "aiko")
    db = open_database()
    import_notes(db, SAMPLE_NOTES, now=from_env().now())
    laptop, desktop = StudySession(db, from_env()), StudySession(open_database(), from_env())
    assert laptop.next().id == desktop.next().id
    laptop.submit("docker pull ${IMAGE_NAME}")
    laptop.rate()
    with pytest.raises(ConflictError):
        desktop.submit("docker pull ${IMAGE_NAME}")
    with db.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM review").scalar() == 1


def test_learners_answering_at_once_lose_nothing(monkeypatch, backend):
    """Eight learners, each on their own connection, answering at the same time."""
    from concurrent.futures import ThreadPoolExecutor

    from dockquiz.clock import from_env
    from dockquiz.importing import import_notes
    from dockquiz.storage.db import open_database
    from dockquiz.study.session import StudySession

    monkeypatch.setenv("DOCKQUIZ_NOW", DAY1)
    db = open_database()
    import_notes(db, SAMPLE_NOTES, now=from_env().now())

    def learner(n: int) -> int:
        own = open_database()  # each learner on their own connection
        session = StudySession(own, from_env(), profile=f"learner{n}")
        done = 0
        for _ in range(10):
            view = session.next()
            if view is None:
                break
            session.submit(view.answer)
            session.rate()
            done += 1
        own.close()
        return done

    with ThreadPoolExecutor(8) as pool:
        answered = list(pool.map(learner, range(8)))
    with db.connect() as conn:
        stored = conn.exec_driver_sql("SELECT profile_id, count(*) FROM review GROUP BY profile_id").all()
        dupes = conn.exec_driver_sql(
            "SELECT count(*) FROM (SELECT profile_id, card_id, reviewed_at FROM review "
            "GROUP BY profile_id, card_id, reviewed_at HAVING count(*) > 1) d"
        ).scalar()
    assert sum(answered) == 80 and sorted(n for _, n in stored) == [10] * 8 and dupes == 0


def test_a_learner_cannot_change_another_database_users_progress(capsys, monkeypatch, postgres_server, tmp_path):
    """A class where each learner logs in as their own database role: their profiles are
    theirs; another's is seen in the class view's figures, never changed."""
    import psycopg

    url = postgres_server()
    monkeypatch.setenv("DOCKQUIZ_NOW", DAY1)
    monkeypatch.setenv("DOCKQUIZ_LANG", "en")
    monkeypatch.setenv("DOCKQUIZ_DB", url)  # the teacher (the owner)
    assert run_cli(capsys, "import", str(SAMPLE_NOTES)).code == 0
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), autocommit=True) as conn:
        for role in ("aiko", "ben"):
            conn.execute(f"CREATE ROLE {role} LOGIN")
            conn.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}")
            conn.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}")
    as_role = {role: url.replace("postgres@", f"{role}@") for role in ("aiko", "ben")}
    monkeypatch.setenv("DOCKQUIZ_DB", as_role["aiko"])
    answer(capsys, monkeypatch, "aiko", "docker pull ${IMAGE_NAME}\n\n")
    monkeypatch.setenv("DOCKQUIZ_DB", as_role["ben"])
    answer(capsys, monkeypatch, "ben", "docker pul\n\n")
    monkeypatch.setenv("DOCKQUIZ_PROFILE", "aiko")  # ben, choosing aiko's profile
    for command in (["study", "--plain"], ["config", "new", "5"], ["optimize", "--reset"]):
        monkeypatch.setattr(sys, "stdin", io.StringIO("docker pull x\n\n"))
        refused = run_cli(capsys, *command)
        assert refused.code == 2 and "belongs to the database user aiko" in refused.err, (command, refused)
    private = run_cli(capsys, "stats", "--json")  # her own history is hers (and the teacher's) to read
    assert private.code == 2 and "for aiko and the teacher to see" in private.err, private
    monkeypatch.setenv("DOCKQUIZ_DB", as_role["aiko"])
    assert run_cli(capsys, "export", str(tmp_path / "aiko.json")).code == 0
    monkeypatch.setenv("DOCKQUIZ_DB", as_role["ben"])  # and her export, restored by ben
    refused = run_cli(capsys, "import", str(tmp_path / "aiko.json"))
    assert refused.code == 2 and "belongs to the database user aiko" in refused.err, refused
    monkeypatch.setenv("DOCKQUIZ_DB", url)
    cls = run_cli(capsys, "stats", "--class", "--json").json()
    assert [(r["profile"], r["reviews_7d"]) for r in cls["learners"]] == [("aiko", 1), ("ben", 1)]
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
        assert conn.execute("SELECT name, db_user FROM profile ORDER BY name").fetchall() == [("aiko", "aiko"), ("ben", "ben")]
        assert conn.execute("SELECT settings FROM profile WHERE name = 'aiko'").fetchone()[0] == {}


def test_a_postgresql_database_from_before_0006_is_upgraded_with_its_data(capsys, monkeypatch, postgres_server):
    """Revisions from 0006 on run on PostgreSQL too: a class database made at 0005 (as the
    previous dockquiz created it) keeps every review and profile, and its profiles belong to
    nobody in particular until someone makes a new one."""
    import psycopg

    from dockquiz.storage.db import HEAD

    url = postgres_server()
    monkeypatch.setenv("DOCKQUIZ_DB", url)
    monkeypatch.setenv("DOCKQUIZ_NOW", DAY1)
    assert run_cli(capsys, "import", str(SAMPLE_NOTES)).code == 0
    answer(capsys, monkeypatch, "aiko", "docker pull ${IMAGE_NAME}\n\n")
    raw = url.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(raw, autocommit=True) as conn:  # back to what 0005 made
        conn.execute("DROP VIEW review_hour_figures")  # 0010's
        conn.execute("DROP INDEX ix_review_again")
        conn.execute("DROP TABLE review_hour, review_confusion, burial")  # 0008's and 0009's
        conn.execute("DROP FUNCTION dockquiz_review_counts() CASCADE")  # and its triggers
        conn.execute("DROP VIEW review_figures")  # 0007's
        for table, policy in conn.execute("SELECT tablename, policyname FROM pg_policies").fetchall():
            conn.execute(f"DROP POLICY {policy} ON {table}")
        conn.execute("ALTER TABLE profile DROP COLUMN db_user")
        conn.execute("UPDATE alembic_version SET version_num = '0005'")
    answer(capsys, monkeypatch, "aiko", "docker search x\n\n")
    answer(capsys, monkeypatch, "ben", "docker pul\n\n")
    with psycopg.connect(raw) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
        assert conn.execute("SELECT name, db_user FROM profile ORDER BY name").fetchall() == [("aiko", None), ("ben", "postgres")]
        assert conn.execute("SELECT count(*) FROM review").fetchone()[0] == 3


def test_a_database_in_a_folder_that_does_not_exist_is_one_line_and_nothing_made(capsys, monkeypatch, tmp_path):
    """A mistyped folder in --db (or DOCKQUIZ_DB) is said, not created: never a file that is not ours."""
    missing = tmp_path / "no" / "such" / "x.db"
    monkeypatch.setenv("DOCKQUIZ_DB", str(missing))
    result = run_cli(capsys, "stats")
    assert result.code == 2 and "does not exist" in result.err and str(missing.parent) in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert not (tmp_path / "no").exists()
    monkeypatch.delenv("DOCKQUIZ_DB")
    result = run_cli(capsys, "--db", str(missing), "import", str(SAMPLE_NOTES))
    assert result.code == 2 and "does not exist" in result.err and not (tmp_path / "no").exists()


def test_stats_over_no_days_is_a_usage_error(capsys):
    result = run_cli(capsys, "stats", "--days", "-3")
    assert result.code == 2 and "--days" in result.err and result.err.count("\n") == 1
