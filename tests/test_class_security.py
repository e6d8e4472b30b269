"""A class where no learner touches another's progress or name, or freezes the class (a new
user's findings, with two learners and psql): real servers, real psql, a second real
connection holding a lock."""

from __future__ import annotations

import io
import sys

import pytest

from tests import test_shared_mode

class_server, klass = test_shared_mode.class_server, test_shared_mode.klass  # the class's fixtures


def _one_line(result, code: int = 2) -> str:
    assert result.code == code and len(result.err.strip().splitlines()) == 1, result
    return result.err


def test_a_learner_makes_no_profile_of_another_logins_name_and_class_add_says_whose_it_is(klass):
    klass.as_("ben")
    before = klass.everything()
    for name in ("teacher", "postgres"):  # the teacher's name, and any role's on the server
        klass.monkeypatch.setenv("DOCKQUIZ_PROFILE", name)
        klass.monkeypatch.setattr(sys, "stdin", io.StringIO("docker pull x\n\n"))
        assert "name of another login" in _one_line(klass.run("study", "--plain"))
        code, _, err = klass.psql(
            "ben", f"INSERT INTO profile (name, settings, created_at, db_user) VALUES ('{name}', '{{}}', now(), 'ben')"
        )
        assert code != 0 and "row-level security" in err, err
    assert klass.everything() == before
    # a name no login has yet is his to take; when carol is added, the teacher is told whose it is
    code, _, err = klass.psql(
        "ben", "INSERT INTO profile (name, settings, created_at, db_user) VALUES ('carol', '{}', now(), 'ben')"
    )
    assert code == 0, err
    klass.as_("teacher")
    added = klass.run("class", "add", "carol", "--no-password")
    assert added.code == 0 and "The profile carol was made by the login ben, not by carol" in added.out, added
    assert klass.rows("teacher", "SELECT db_user FROM profile WHERE name = 'carol'") == [("ben",)]
    # and now that carol is a login, nobody else makes a profile of her name
    code, _, err = klass.psql(
        "aiko", "INSERT INTO profile (name, settings, created_at, db_user) VALUES ('carol2', '{}', now(), 'aiko')"
    )
    assert code == 0, err  # a name no login has
    assert klass.run("class", "remove", "carol").code == 0


def test_a_learners_lock_makes_another_study_say_who_holds_it_not_hang(klass):
    """ben's psql transaction holds ACCESS EXCLUSIVE on card_state (he may: he updates it):
    aiko's study stops within lock_timeout with one line naming ben, and writes nothing."""
    import psycopg

    klass.monkeypatch.setenv("DOCKQUIZ_LOCK_WAIT_MS", "300")
    before = klass.everything()
    ben = psycopg.connect(klass.url("ben").replace("postgresql+psycopg", "postgresql"))
    try:
        ben.execute("LOCK TABLE card_state IN ACCESS EXCLUSIVE MODE")  # returns once the lock is his
        klass.as_("aiko")
        klass.monkeypatch.setenv("DOCKQUIZ_PROFILE", "aiko")
        klass.monkeypatch.setattr(sys, "stdin", io.StringIO("docker pull x\n\n"))
        err = _one_line(klass.run("study", "--plain"))
        assert "card_state (ben)" in err and "nothing was written" in err, err
        stats = klass.run("stats")
        assert "card_state (ben)" in _one_line(stats)
    finally:
        ben.rollback()
        ben.close()
    assert klass.everything() == before
    after_release = klass.run("stats", "--json")
    assert after_release.code == 0 and after_release.json()["today"]["reviews"] == 2  # hers, unchanged


def test_export_refuses_a_profile_it_would_not_honour(klass, tmp_path):
    klass.as_("teacher")
    for name in ("all.json", "all.apkg"):
        err = _one_line(klass.run("--profile", "ben", "export", str(tmp_path / name)))
        assert "only a CSV export" in err and not (tmp_path / name).exists()
    assert klass.run("--profile", "ben", "export", str(tmp_path / "ben.csv")).code == 0


def test_the_class_figures_hold_quarter_hours_not_review_times_and_the_counts_are_nobodys_to_write(klass):
    ids = dict(klass.rows("teacher", "SELECT name, id FROM profile"))
    code, _, err = klass.psql(  # a review of aiko's at 10:17:23.5
        "teacher",
        "INSERT INTO review (profile_id, card_id, reviewed_at, typed, verdict, rating, duration_ms, state_after) "
        f"SELECT {ids['aiko']}, min(id), '2026-11-27T10:17:23.5Z', 'x', 'wrong', 1, 0, '{{}}' FROM card",
    )
    assert code == 0, err
    times = klass.rows("ben", "SELECT DISTINCT to_char(reviewed_at AT TIME ZONE 'UTC', 'HH24:MI:SS.US') FROM review_figures")
    # the quarter hour: a learning day starting at 04:00 in +5:30 or +5:45 still counts right
    assert ("10:15:00.000000",) in times, times
    assert all(t[3:] in ("00:00.000000", "15:00.000000", "30:00.000000", "45:00.000000") for (t,) in times), times
    before = klass.everything()
    hours = klass.rows("teacher", "SELECT profile_id, hour, reviews FROM review_hour ORDER BY 1, 2")
    hour_row = (
        "INSERT INTO review_hour (profile_id, hour, reviews, correct, duration_ms, due, kept) VALUES ({}, 1, 9, 9, 0, 9, 9)"
    )
    for sql in (
        f"UPDATE review_hour SET reviews = 999 WHERE profile_id = {ids['ben']}",
        hour_row.format(ids["ben"]),
        hour_row.format(ids["aiko"]),
        f"DELETE FROM review_hour WHERE profile_id = {ids['ben']}",
        f"UPDATE review_confusion SET n = 99 WHERE profile_id = {ids['ben']}",
        "SELECT setval(pg_get_serial_sequence('review', 'id'), 2000000000)",
        "BEGIN; LOCK TABLE deck IN ACCESS EXCLUSIVE MODE; COMMIT",
        "BEGIN; LOCK TABLE card IN SHARE MODE; COMMIT",
    ):
        code, out, err = klass.psql("ben", sql)
        assert code != 0 and "permission denied" in err, (sql, out, err)
    assert klass.everything() == before
    assert klass.rows("teacher", "SELECT profile_id, hour, reviews FROM review_hour ORDER BY 1, 2") == hours
    # his answers still count (review's triggers write the counts as the teacher)
    klass.as_("ben")
    klass.monkeypatch.setenv("DOCKQUIZ_PROFILE", "ben")
    klass.monkeypatch.setattr(sys, "stdin", io.StringIO("docker search x\n\n"))
    assert klass.run("study", "--plain").code == 0
    assert klass.rows("ben", f"SELECT sum(reviews) FROM review_hour WHERE profile_id = {ids['ben']}") == [("2",)]
    assert klass.run("stats", "--json").json()["today"]["reviews"] == 2


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_another_learners_profile_is_refused_in_words_that_say_its_progress_is_not_readable(klass, lang):
    klass.monkeypatch.setenv("DOCKQUIZ_LANG", lang)
    klass.as_("ben")
    klass.monkeypatch.setenv("DOCKQUIZ_PROFILE", "aiko")
    err = _one_line(klass.run("config", "new", "5"))
    assert ("read its progress" in err and "neither" in err) if lang == "en" else "閲覧もできません" in err, err
