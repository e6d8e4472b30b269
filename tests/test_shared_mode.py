"""Shared mode (#24): on a class database nobody changes another learner's progress, and only
the teacher changes the decks. The code refuses in one line; the database refuses anyway
(PostgreSQL privileges and row-level security, revision 0007). Real servers, real psql."""

from __future__ import annotations

import copy
import io
import json
import sys
from datetime import timedelta

import pytest

from tests.conftest import SAMPLE_NOTES
from tests.helpers import DAY1, T0, run_cli


def _study(capsys, monkeypatch, profile: str, lines: str) -> None:
    monkeypatch.setenv("DOCKQUIZ_PROFILE", profile)
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    assert run_cli(capsys, "study", "--plain").code == 0


def _counts(db) -> dict:
    with db.connect() as conn:
        return {
            t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
            for t in ("profile", "deck", "card", "card_state", "review")
        }


def _only(data: dict, profile: str) -> dict:
    """The export with the history of one profile only (every profile still listed)."""
    data = copy.deepcopy(data)
    for deck in data["decks"]:
        for card in deck["cards"]:
            for what in ("states", "reviews"):
                card[what] = [row for row in card[what] if row["profile"] == profile]
    return data


def test_an_export_whose_history_names_a_profile_it_does_not_list_is_refused_by_restore_itself(
    capsys, monkeypatch, tmp_path, backend
):
    """ben's file lists ben, its reviews and states name aiko: restore_export (whoever calls it,
    without read_export's check) refuses the whole file and writes nothing."""
    from dockquiz.clock import from_env
    from dockquiz.errors import UsageError
    from dockquiz.exporting import restore_export
    from dockquiz.storage.db import open_database

    monkeypatch.setenv("DOCKQUIZ_NOW", DAY1)
    assert run_cli(capsys, "import", str(SAMPLE_NOTES)).code == 0
    _study(capsys, monkeypatch, "aiko", "docker pull ${IMAGE_NAME}\n\ndocker search x\n\n")
    _study(capsys, monkeypatch, "ben", "docker pul\n\n")
    assert run_cli(capsys, "export", str(tmp_path / "all.json")).code == 0
    data = json.loads((tmp_path / "all.json").read_text("utf-8"))
    forged = _only(data, "aiko")
    forged["profiles"] = [p for p in forged["profiles"] if p["name"] == "ben"]
    for deck in forged["decks"]:  # aiko's reviews, made new (a later time) so none is "known"
        for card in deck["cards"]:
            for row in card["reviews"]:
                row["reviewed_at"] = row["reviewed_at"].replace("2026-11-28", "2026-11-29")
    db = open_database()
    before = _counts(db)
    with pytest.raises(UsageError) as refused:
        restore_export(db, forged, from_env().now())
    assert refused.value.key == "error.export_profile_unlisted" and refused.value.params["name"] == "aiko"
    assert _counts(db) == before
    (tmp_path / "forged.json").write_text(json.dumps(forged), "utf-8")  # and through the CLI: one line
    result = run_cli(capsys, "import", str(tmp_path / "forged.json"))
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1 and '"aiko"' in result.err
    assert _counts(db) == before


def test_a_listed_profile_the_history_does_not_write_is_left_alone(capsys, monkeypatch, tmp_path, backend):
    """A class export lists every profile; restoring one learner's history from it merges
    that history and leaves the others' profiles as they are."""
    from dockquiz.storage.db import open_database

    monkeypatch.setenv("DOCKQUIZ_NOW", DAY1)
    assert run_cli(capsys, "import", str(SAMPLE_NOTES)).code == 0
    _study(capsys, monkeypatch, "aiko", "docker pull ${IMAGE_NAME}\n\ndocker search x\n\n")
    _study(capsys, monkeypatch, "ben", "docker pul\n\n")
    assert run_cli(capsys, "config", "new", "7").code == 0  # ben's setting
    assert run_cli(capsys, "export", str(tmp_path / "all.json")).code == 0
    data = json.loads((tmp_path / "all.json").read_text("utf-8"))
    for p in data["profiles"]:
        p["settings"] = {"new_per_day": 99}  # the file's settings for listed profiles
    bens = _only(data, "ben")
    for deck in bens["decks"]:
        for card in deck["cards"]:
            for row in card["reviews"]:
                row["reviewed_at"] = row["reviewed_at"].replace("2026-11-28", "2026-11-27")
    (tmp_path / "ben.json").write_text(json.dumps(bens), "utf-8")
    db = open_database()
    before = _counts(db)
    done = run_cli(capsys, "import", str(tmp_path / "ben.json"), "--json").json()
    assert done["reviews_added"] == 1 and _counts(db) == dict(before, review=before["review"] + 1)
    with db.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT p.name, count(r.id) FROM profile p LEFT JOIN review r ON r.profile_id = p.id GROUP BY p.name ORDER BY p.name"
        ).all()
        settings = dict(conn.exec_driver_sql("SELECT name, settings FROM profile").all())
    assert [tuple(r) for r in rows] == [("aiko", 2), ("ben", 2)]
    settings = {k: (json.loads(v) if isinstance(v, str) else v) for k, v in settings.items()}
    assert settings == {"aiko": {}, "ben": {"new_per_day": 7}}


# --- a class on a real server: the teacher, two learners with passwords ------------------------

HBA = "local all postgres,teacher,teacher2 trust\nlocal all all scram-sha-256\n"  # learners need their password
PASSWORDS = {"aiko": "aiko-pw 1", "ben": "ben:pw@/2"}  # a password need not be URL-safe


@pytest.fixture(scope="module")
def class_server():
    from tests.conftest import _postgres_server

    server = _postgres_server()
    server.hba = HBA
    with server:
        code, _, err = server.psql(sql="CREATE ROLE teacher LOGIN CREATEROLE; CREATE ROLE teacher2 LOGIN")
        assert code == 0, err
        yield server


class Class:
    """A class database: the teacher imported the sample notes and added aiko and ben, who
    each studied a little. ``as_(login)`` points DOCKQUIZ_DB at that login."""

    def __init__(self, server, capsys, monkeypatch) -> None:
        self.server, self.capsys, self.monkeypatch = server, capsys, monkeypatch
        self.teacher_url = server.new_database("teacher")
        self.name = self.teacher_url.split("@/")[1].split("?")[0]
        monkeypatch.setenv("DOCKQUIZ_NOW", DAY1)
        monkeypatch.setenv("DOCKQUIZ_LANG", "en")
        self.as_("teacher")
        assert self.run("import", str(SAMPLE_NOTES)).code == 0
        for login in ("aiko", "ben"):
            monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORDS[login] + "\n"))
            added = self.run("class", "add", login, "--password-stdin")
            assert added.code == 0 and f"postgresql+psycopg://{login}@/{self.name}?host=" in added.out, added
        self.as_("aiko")
        _study(capsys, monkeypatch, "aiko", "docker pull ${IMAGE_NAME}\n\ndocker search x\n\n")
        self.as_("ben")
        _study(capsys, monkeypatch, "ben", "docker pul\n\n")
        monkeypatch.delenv("DOCKQUIZ_PROFILE")

    def url(self, login: str) -> str:
        if login == "teacher":
            return self.teacher_url
        from urllib.parse import quote

        return self.teacher_url.replace("teacher@", f"{login}:{quote(PASSWORDS[login], safe='')}@")

    def as_(self, login: str) -> None:
        self.monkeypatch.setenv("DOCKQUIZ_DB", self.url(login))

    def run(self, *args: str):
        return run_cli(self.capsys, *args)

    def psql(self, login: str, sql: str):
        return self.server.psql(user=login, database=self.name, password=PASSWORDS.get(login), sql=sql)

    def rows(self, login: str, sql: str) -> list[tuple[str, ...]]:
        code, out, err = self.server.psql("-At", user=login, database=self.name, password=PASSWORDS.get(login), sql=sql)
        assert code == 0, (sql, err)
        return [tuple(line.split("|")) for line in out.splitlines()]

    def everything(self) -> dict:
        """Every row of every table, as the teacher reads them (to see that nothing changed)."""
        import psycopg

        raw = self.teacher_url.replace("postgresql+psycopg", "postgresql")
        with psycopg.connect(raw) as conn:
            return {
                t: conn.execute(
                    f"SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')), count(*) FROM {t} x"
                ).fetchone()
                for t in ("profile", "deck", "card", "card_state", "review", "alembic_version")
            }


@pytest.fixture
def klass(class_server, capsys, monkeypatch):
    return Class(class_server, capsys, monkeypatch)


def test_a_learner_studies_and_sees_the_class_figures_but_only_its_own_history(klass, tmp_path):
    klass.as_("ben")
    klass.monkeypatch.setenv("DOCKQUIZ_PROFILE", "ben")
    assert klass.run("stats", "--json").json()["today"]["reviews"] == 1
    cls = klass.run("stats", "--class", "--json").json()
    assert [(r["profile"], r["reviews_7d"]) for r in cls["learners"]] == [("aiko", 2), ("ben", 1)]
    assert cls["forgotten"] and cls["forgotten"][0]["learners"] == 1
    listed = klass.run("profiles", "--json").json()
    assert [(p["profile"], p["reviews"]) for p in listed] == [("aiko", 2), ("ben", 1)]
    assert klass.run("export", str(tmp_path / "ben.json")).code == 0  # his own history only
    mine = json.loads((tmp_path / "ben.json").read_text("utf-8"))
    rows = [r for d in mine["decks"] for c in d["cards"] for what in ("states", "reviews") for r in c[what]]
    assert rows and {r["profile"] for r in rows} == {"ben"}
    again = klass.run("import", str(tmp_path / "ben.json"), "--json").json()  # and restores it (all listed)
    assert again["reviews_added"] == 0 and again["reviews_known"] == 1
    _study(klass.capsys, klass.monkeypatch, "ben", "docker search x\n\n")  # and studies on
    assert klass.run("config", "new", "5").code == 0 and klass.run("optimize", "--reset").code == 0
    assert klass.run("check", "--repair", "--json").json()["ok"] is True


def _forged(klass, tmp_path) -> str:
    """ben's file: the export, with aiko's history said to be new (a later day) and aiko listed."""
    klass.as_("teacher")
    assert klass.run("export", str(tmp_path / "all.json")).code == 0
    data = _only(json.loads((tmp_path / "all.json").read_text("utf-8")), "aiko")
    for deck in data["decks"]:
        for card in deck["cards"]:
            for row in card["reviews"]:
                row["reviewed_at"] = row["reviewed_at"].replace("2026-11-28", "2026-11-29")
    (tmp_path / "forged.json").write_text(json.dumps(data), "utf-8")
    new_deck = copy.deepcopy(data)
    new_deck["profiles"] = [p for p in data["profiles"] if p["name"] == "ben"]
    for deck in new_deck["decks"]:
        deck["name"] = "bens-own"
        for card in deck["cards"]:
            card["states"], card["reviews"] = [], []
    (tmp_path / "new-deck.json").write_text(json.dumps(new_deck), "utf-8")
    other = tmp_path / "other.md"
    other.write_text("# git\n\n## Status\n\n```\n# what changed\ngit status\n```\n", "utf-8")  # one card: a deck
    return str(tmp_path)


# every dockquiz command that writes, run by ben: (arguments, the profile chosen, words of the one line)
WRITES = [
    (["study", "--plain"], "aiko", "belongs to the database user aiko"),
    (["config", "new", "5"], "aiko", "belongs to the database user aiko"),
    (["config", "lang", "ja"], "aiko", "belongs to the database user aiko"),
    (["optimize", "--reset"], "aiko", "belongs to the database user aiko"),
    (["optimize"], "aiko", "belongs to the database user aiko"),
    (["stats"], "aiko", "is for aiko and the teacher to see"),
    (["cards"], "aiko", "is for aiko and the teacher to see"),
    (["import", str(SAMPLE_NOTES)], "ben", "only the teacher (teacher) changes"),
    (["import", str(SAMPLE_NOTES), "--dry-run"], "ben", "only the teacher (teacher) changes"),
    (["import", "{tmp}/other.md"], "ben", "only the teacher (teacher) changes"),
    (["import", "{tmp}/forged.json"], "ben", "belongs to the database user aiko"),
    (["import", "{tmp}/new-deck.json"], "ben", "only the teacher (teacher) changes"),
    (["deck", "rm", "docker-basics", "--yes"], "ben", "only the teacher (teacher) changes"),
    (["deck", "rename", "docker-basics", "mine"], "ben", "only the teacher (teacher) changes"),
    (["suspend", "1"], "ben", "only the teacher (teacher) changes"),
    (["unsuspend", "1"], "ben", "only the teacher (teacher) changes"),
    (["backup"], "ben", "SQLite"),
    (["restore", "{tmp}/all.json", "--yes"], "ben", "SQLite"),
    (["class", "add", "carl", "--no-password"], "ben", "only the teacher (teacher) adds and removes"),
    (["class", "remove", "aiko"], "ben", "only the teacher (teacher) adds and removes"),
    (["class", "list"], "ben", "only the teacher (teacher) adds and removes"),
]


def test_every_dockquiz_command_that_writes_is_refused_to_a_learner_in_one_line(klass, tmp_path):
    folder = _forged(klass, tmp_path)
    klass.as_("ben")
    before = klass.everything()
    for args, profile, words in WRITES:
        klass.monkeypatch.setenv("DOCKQUIZ_PROFILE", profile)
        klass.monkeypatch.setattr(sys, "stdin", io.StringIO("docker pull x\n\n"))
        args = [a.replace("{tmp}", folder) for a in args]
        refused = klass.run(*args)
        assert refused.code == 2 and len(refused.err.strip().splitlines()) == 1 and words in refused.err, (args, refused)
        assert "Traceback" not in refused.err and "damaged" not in refused.err
        assert klass.everything() == before, args
    klass.as_("teacher")  # the teacher can do each of them
    klass.monkeypatch.setenv("DOCKQUIZ_PROFILE", "teacher")
    for args in (
        ["import", str(SAMPLE_NOTES)],
        ["import", f"{folder}/other.md"],
        ["import", f"{folder}/new-deck.json"],
        ["suspend", "1"],
        ["unsuspend", "1"],
        ["deck", "rename", "docker-basics", "mine"],
        ["deck", "rename", "mine", "docker-basics"],
        ["deck", "rm", "other", "--yes"],
        ["class", "list"],
    ):
        done = klass.run(*args)
        assert done.code == 0, (args, done)


def test_a_learners_check_repair_fixes_its_own_states_only(klass):
    """A wrong state in aiko's and in ben's progress; ben's `check --repair` rebuilds his."""
    for who in ("aiko", "ben"):
        code, _, err = klass.psql(
            "teacher",
            f"UPDATE card_state SET reps = 99 WHERE profile_id = (SELECT id FROM profile WHERE name = '{who}')",
        )
        assert code == 0, err
    klass.as_("ben")
    repaired = klass.run("check", "--repair", "--json").json()
    assert repaired["repaired"] is True
    assert klass.rows(
        "teacher", "SELECT p.name, max(s.reps) FROM card_state s JOIN profile p ON p.id = s.profile_id GROUP BY 1 ORDER BY 1"
    ) == [("aiko", "99"), ("ben", "1")]


# plain psql under ben's own login: each statement fails, or changes no row of anyone else's
PSQL_REFUSED = [
    "UPDATE review SET rating = 1",
    "DELETE FROM review WHERE profile_id = {aiko}",
    "INSERT INTO review (profile_id, card_id, reviewed_at, typed, verdict, rating, duration_ms, state_after) "
    "VALUES ({aiko}, 1, now(), 'x', 'correct', 3, 0, '{{}}')",
    "INSERT INTO card_state (profile_id, card_id, state, due, reps, lapses) VALUES ({aiko}, 3, 2, now(), 1, 0)",
    "UPDATE card_state SET profile_id = {aiko} WHERE profile_id = {ben}",
    "UPDATE profile SET db_user = 'ben' WHERE name = 'aiko'",
    "UPDATE profile SET name = 'x' WHERE name = 'ben'",
    "UPDATE profile SET db_user = 'aiko' WHERE name = 'ben'",
    "INSERT INTO profile (name, settings, created_at, db_user) VALUES ('x', '{{}}', now(), 'aiko')",
    "INSERT INTO profile (name, settings, created_at) VALUES ('y', '{{}}', now())",
    "UPDATE deck SET name = 'mine'",
    "DELETE FROM deck",
    "INSERT INTO deck (name, created_at, updated_at) VALUES ('x', now(), now())",
    "UPDATE card SET answer = 'x'",
    "DELETE FROM card",
    "INSERT INTO card (deck_id, key, kind, section, answer, variants, hints, created_at, updated_at) "
    "SELECT deck_id, 'k', kind, section, answer, variants, hints, now(), now() FROM card LIMIT 1",
    "UPDATE alembic_version SET version_num = '0001'",
    "DROP TABLE review",
    "DROP VIEW review_figures",
    "DROP VIEW review_hour_figures",
    "TRUNCATE review",
    "TRUNCATE deck CASCADE",
    "ALTER TABLE review DISABLE ROW LEVEL SECURITY",
    "ALTER POLICY dockquiz_own ON review USING (true)",
    "DROP POLICY dockquiz_own ON card_state",
    "CREATE POLICY mine ON review FOR ALL USING (true)",
    "ALTER TABLE deck OWNER TO ben",
    "SET ROLE teacher",
    "SET ROLE aiko",
    "SET SESSION AUTHORIZATION teacher",
    "ALTER ROLE ben BYPASSRLS",
    "ALTER ROLE ben CREATEROLE",
    "GRANT teacher TO ben",
    "CREATE TABLE review2 (id int)",
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
]
PSQL_UNSEEN = [  # reading others' history: nothing comes back
    "SELECT count(*) FROM review WHERE profile_id = {aiko}",
    "SELECT count(*) FROM card_state WHERE profile_id = {aiko}",
    "SELECT count(*) FROM review_hour WHERE profile_id = {aiko}",
]


def test_plain_psql_under_a_learners_login_changes_nothing_of_anyone_elses(klass):
    ids = dict(klass.rows("teacher", "SELECT name, id FROM profile"))
    before = klass.everything()
    for statement in PSQL_REFUSED:
        sql = statement.format(**ids)
        code, out, err = klass.psql("ben", sql)
        assert code != 0 or out.strip() in ("UPDATE 0", "DELETE 0"), (sql, code, out, err)
        assert klass.everything() == before, sql
    for statement in PSQL_UNSEEN:
        assert klass.rows("ben", statement.format(**ids)) == [("0",)], statement
    # what ben may do with psql: his own history, which is his to change
    code, out, err = klass.psql("ben", f"DELETE FROM review WHERE profile_id = {ids['ben']}")
    assert code == 0 and out.strip() == "DELETE 1", (out, err)
    assert klass.rows("ben", "SELECT count(*) FROM review_figures") == [("2",)]  # aiko's two, as figures
    assert klass.rows("ben", f"SELECT sum(reviews) FROM review_hour_figures WHERE profile_id = {ids['aiko']}") == [("2",)]
    code, out, err = klass.psql("ben", "SELECT typed FROM review_figures")
    assert code != 0 and "typed" in err  # never what she typed
    after = klass.everything()
    assert {t: after[t] for t in after if t != "review"} == {t: before[t] for t in before if t != "review"}


def test_class_add_remove_and_list(klass, class_server, monkeypatch, capsys):
    klass.as_("teacher")
    listed = klass.run("class", "list", "--json").json()
    assert [(r["login"], r["profiles"], r["reviews"]) for r in listed] == [("aiko", ["aiko"], 2), ("ben", ["ben"], 1)]
    for bad in ("", "pg_x", "public", "x" * 64, "a\x1bb"):
        refused = klass.run("class", "add", bad, "--no-password")
        assert refused.code == 2 and len(refused.err.strip().splitlines()) == 1 and "\x1b" not in refused.err, bad
    refused = klass.run("class", "add", "teacher", "--no-password")
    assert refused.code == 2 and "teacher" in refused.err
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    refused = klass.run("class", "add", "carl")  # not a terminal, no option
    assert refused.code == 2 and "--password-stdin" in refused.err
    refused = klass.run("class", "add", "carl", "--password-stdin")  # an empty line
    assert refused.code == 2 and "empty" in refused.err
    # a wrong password: the login was refused (not "is the server running?")
    monkeypatch.setenv("DOCKQUIZ_DB", klass.url("aiko").replace("aiko-pw", "wrong"))
    refused = klass.run("stats")
    assert refused.code == 2 and "refused the login" in refused.err and "wrong" not in refused.err, refused
    # a teacher without CREATEROLE
    klass.server.psql(sql="GRANT teacher TO teacher2")
    monkeypatch.setenv("DOCKQUIZ_DB", klass.teacher_url.replace("teacher@", "teacher2@"))
    refused = klass.run("class", "add", "carl", "--no-password")
    assert refused.code == 2 and "may not create logins" in refused.err, refused
    # carl, a login of this class only: removed, the login goes
    monkeypatch.setenv("DOCKQUIZ_DB", klass.teacher_url)
    assert klass.run("class", "add", "carl", "--no-password").code == 0
    removed = klass.run("class", "remove", "carl")
    assert removed.code == 0 and "(0 profiles, 0 reviews)" in removed.out and "removed from the server" in removed.out, removed
    assert klass.rows("teacher", "SELECT count(*) FROM pg_roles WHERE rolname = 'carl'") == [("0",)]
    # ben, a learner of another class too: his access here goes, his login and progress stay
    other = klass.server.new_database("teacher")
    monkeypatch.setenv("DOCKQUIZ_DB", other)
    assert klass.run("import", str(SAMPLE_NOTES)).code == 0 and klass.run("class", "add", "ben", "--no-password").code == 0
    klass.as_("teacher")
    removed = klass.run("class", "remove", "ben")
    assert removed.code == 0 and "(1 profiles, 1 reviews)" in removed.out and "stays on the server" in removed.out, removed
    assert [r["login"] for r in klass.run("class", "list", "--json").json()] == ["aiko"]
    assert klass.run("class", "remove", "ben").code == 2
    klass.as_("ben")
    refused = klass.run("stats")
    assert refused.code == 2 and "does not let this login read" in refused.err, refused
    code, _, err = klass.psql("ben", "SELECT count(*) FROM profile")
    assert code != 0 and "permission denied" in err
    assert klass.rows("teacher", "SELECT count(*) FROM review r JOIN profile p ON p.id = r.profile_id WHERE p.name = 'ben'") == [
        ("1",)
    ]


def test_class_commands_on_sqlite_are_one_line(capsys):
    result = run_cli(capsys, "class", "list")
    assert result.code == 2 and "SQLite" in result.err and len(result.err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [
        ["deck", "rm", "docker-basics", "--yes"],
        ["deck", "rename", "docker-basics", "mine"],
        ["import", str(SAMPLE_NOTES)],
        ["suspend", "1"],
    ],
)
def test_without_dockquizs_own_check_the_database_refuses_a_learner_anyway(klass, args):
    """The code's refusal taken away: the database's privileges and policies still refuse,
    in one line, and nothing changes."""
    from dockquiz.storage import access, repo

    for module in (access, repo):
        klass.monkeypatch.setattr(module, "require_teacher", lambda session: None)
    klass.as_("ben")
    klass.monkeypatch.setenv("DOCKQUIZ_PROFILE", "ben")
    before = klass.everything()
    refused = klass.run(*args)
    assert refused.code == 2 and len(refused.err.strip().splitlines()) == 1, refused
    assert "refused the change" in refused.err and "permission denied" in refused.err, refused
    assert klass.everything() == before


def test_a_database_from_before_0007_gets_the_rules_of_a_new_one_and_its_old_learners_a_learners_privileges(
    class_server, capsys, monkeypatch
):
    """A class database of 0006 (its tables, no policies) whose learner has the old README's
    grants: the learner's dockquiz refuses to upgrade it (one line, nothing changed); the
    teacher's upgrades it to the same policies, view and privileges a new database has."""
    import psycopg
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from dockquiz.resources import migrations_dir
    from dockquiz.storage.tables import metadata

    old_url = class_server.new_database("teacher")
    engine = create_engine(old_url)
    with engine.begin() as conn:  # as dockquiz 0006 made a new PostgreSQL database (without 0008's tables)
        metadata.create_all(
            conn, tables=[t for t in metadata.sorted_tables if t.name not in ("review_hour", "review_confusion", "burial")]
        )
        cfg = Config()
        cfg.set_main_option("script_location", str(migrations_dir()))
        cfg.attributes["connection"] = conn
        command.stamp(cfg, "0006")
        conn.exec_driver_sql("DROP INDEX ix_review_again")  # 0010's
    engine.dispose()
    raw = old_url.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(raw, autocommit=True) as conn:
        conn.execute("DO $$ BEGIN CREATE ROLE dana LOGIN PASSWORD 'dana-pw'; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        conn.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dana")  # the old recipe
        conn.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dana")
    monkeypatch.setenv("DOCKQUIZ_LANG", "en")
    monkeypatch.setenv("DOCKQUIZ_DB", old_url.replace("teacher@", "dana:dana-pw@"))
    refused = run_cli(capsys, "decks")
    assert refused.code == 2 and "only its owner can make" in refused.err, refused
    with psycopg.connect(raw) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0006"
    monkeypatch.setenv("DOCKQUIZ_DB", old_url)
    assert run_cli(capsys, "import", str(SAMPLE_NOTES)).code == 0  # the teacher: upgraded
    new_url = class_server.new_database("teacher")
    monkeypatch.setenv("DOCKQUIZ_DB", new_url)
    assert run_cli(capsys, "import", str(SAMPLE_NOTES)).code == 0
    assert run_cli(capsys, "class", "add", "dana", "--no-password").code == 0

    def rules(url: str) -> dict:
        with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
            return {
                "policies": conn.execute(
                    "SELECT tablename, policyname, permissive, roles::text, cmd, qual, with_check FROM pg_policies ORDER BY 1, 2"
                ).fetchall(),
                "rls": conn.execute(
                    "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class "
                    "WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'v') ORDER BY 1"
                ).fetchall(),
                "view": conn.execute("SELECT pg_get_viewdef('review_figures')").fetchone(),
                "hour view": conn.execute("SELECT pg_get_viewdef('review_hour_figures')").fetchone(),
                "counts": conn.execute(
                    "SELECT prosecdef, proconfig FROM pg_proc WHERE proname = 'dockquiz_review_counts'"
                ).fetchall(),
                "again": conn.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_review_again'").fetchall(),
                "dana": conn.execute(
                    "SELECT c.relname, a.privilege_type, NULL::name FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a "
                    "WHERE a.grantee = 'dana'::regrole UNION ALL "
                    "SELECT c.relname, a.privilege_type, col.attname FROM pg_attribute col "
                    "JOIN pg_class c ON c.oid = col.attrelid CROSS JOIN LATERAL aclexplode(col.attacl) a "
                    "WHERE a.grantee = 'dana'::regrole ORDER BY 1, 2, 3"
                ).fetchall(),
                "public": conn.execute(
                    "SELECT c.relname, a.privilege_type FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a "
                    "WHERE a.grantee = 0 AND c.relnamespace = 'public'::regnamespace"
                ).fetchall(),
            }

    upgraded, made = rules(old_url), rules(new_url)
    assert upgraded == made
    assert len(made["policies"]) == 10 and made["public"] == []  # 7 of 0007 (0011's insert one instead), 2 of 0008, 1 of 0009
    assert ("card", "SELECT", None) in made["dana"] and ("review_hour", "SELECT", None) in made["dana"]
    assert ("review_hour", "UPDATE", None) not in made["dana"]  # the triggers write the counts (0011)
    assert made["counts"] == [(True, ["search_path=pg_catalog, public"])]
    assert ("review_hour_figures", "SELECT", None) in made["dana"]  # 0010's view, and its partial index
    assert made["again"] == [
        ("CREATE INDEX ix_review_again ON public.review USING btree (reviewed_at, card_id, profile_id) WHERE (rating = 1)",)
    ]
    assert {("burial", p, None) for p in ("SELECT", "INSERT", "UPDATE", "DELETE")} <= set(made["dana"])
    assert not any(row[0] in ("deck", "card") and row[1] != "SELECT" for row in made["dana"])


@pytest.mark.slow
def test_the_readmes_class_recipe_runs_as_written(tmp_path):
    """README.md's recipe (README.ja.md's is the same text), run by bash in a terminal on a real
    server where learners need passwords: ``sudo -u postgres`` is the server's admin (here, the
    client as that user) and /run/postgresql is the test server's socket folder."""
    import os
    import re
    import subprocess
    from pathlib import Path

    import pexpect

    from tests.conftest import _postgres_server

    root = Path(__file__).resolve().parent.parent
    recipes = [
        re.search(r"<!-- class-recipe -->\n(.*?)<!-- /class-recipe -->", (root / name).read_text("utf-8"), re.S).group(1)
        for name in ("README.md", "README.ja.md")
    ]
    assert recipes[0] == recipes[1] and len(recipes[0].strip().splitlines()) == 3
    recipe = "\n".join(line[4:] for line in recipes[0].splitlines())
    server = _postgres_server()
    server.hba = HBA
    with server:
        socket = str(server.base)
        (tmp_path / "notes.md").write_text(SAMPLE_NOTES.read_text("utf-8"), "utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "DOCKQUIZ"))}
        env.update(PGHOST=socket, DOCKQUIZ_LANG="en", HOME=str(tmp_path), PATH=f"{Path(sys.executable).parent}:{env['PATH']}")
        shim = 'sudo() { if [ "$1" = -u ]; then local who=$2; shift 2; PGUSER=$who "$@"; else "$@"; fi; }\n'
        child = pexpect.spawn(
            "bash", ["-ec", shim + recipe.replace("/run/postgresql", socket)], cwd=str(tmp_path), env=env, encoding="utf-8"
        )
        child.expect("Password for aiko: ")
        child.sendline("aiko's secret")
        child.expect("Again: ")
        child.sendline("aiko's secret")
        child.expect(pexpect.EOF, timeout=120)
        child.close()
        said = child.before
        assert child.exitstatus == 0, said
        address = f"postgresql+psycopg://aiko@/class?host={socket}"
        assert address in said and "aiko's secret" not in said, said
        # Aiko, with the address it printed and her password where libpq reads it
        aiko = dict(env, DOCKQUIZ_DB=address, PGPASSWORD="aiko's secret")
        studied = subprocess.run(
            ["dockquiz", "study", "--plain"], input="docker pull ${IMAGE_NAME}\n\n", env=aiko, capture_output=True, text=True
        )
        assert studied.returncode == 0, studied.stderr
        stats = subprocess.run(["dockquiz", "stats", "--class", "--json"], env=aiko, capture_output=True, text=True)
        assert [r["reviews_7d"] for r in json.loads(stats.stdout)["learners"]] == [1]
        refused = subprocess.run(["dockquiz", "deck", "rm", "notes", "--yes"], env=aiko, capture_output=True, text=True)
        assert refused.returncode == 2 and "only the teacher (teacher)" in refused.stderr, refused.stderr
        code, _, err = server.psql(user="aiko", database="class", password="aiko's secret", sql="DELETE FROM deck")
        assert code != 0 and "permission denied" in err
        wrong = subprocess.run(["dockquiz", "stats"], env=dict(aiko, PGPASSWORD="wrong"), capture_output=True, text=True)
        assert wrong.returncode == 2 and "refused the login" in wrong.stderr
        # no password anywhere: in a terminal dockquiz asks for it once (as psql does); piped, one line
        bare = {k: v for k, v in aiko.items() if k != "PGPASSWORD"}
        for typed, status in (("aiko's secret", 0), ("wrong", 2)):
            child = pexpect.spawn("dockquiz", ["stats", "--class"], env=bare, encoding="utf-8")
            child.expect("Password for aiko ")
            child.sendline(typed)
            child.expect(pexpect.EOF, timeout=60)
            child.close()
            assert child.exitstatus == status, child.before
            assert ("refused the login" in child.before) == (status == 2) and typed not in child.before, child.before
        piped = subprocess.run(["dockquiz", "stats"], env=bare, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        assert piped.returncode == 2 and "no password supplied" in piped.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_deck_rm_on_sqlite_says_which_other_profiles_studied_the_deck_before_asking(capsys, monkeypatch, lang):
    from dockquiz.i18n import translate
    from dockquiz.storage.db import open_database

    monkeypatch.setenv("DOCKQUIZ_NOW", DAY1)
    assert run_cli(capsys, "import", str(SAMPLE_NOTES)).code == 0
    _study(capsys, monkeypatch, "aiko", "docker pull ${IMAGE_NAME}\n\ndocker search x\n\n")
    _study(capsys, monkeypatch, "ben", "docker pul\n\n")
    _study(capsys, monkeypatch, "carl", "docker pul\n\n")
    monkeypatch.setenv("DOCKQUIZ_PROFILE", "carl")
    monkeypatch.setenv("DOCKQUIZ_LANG", lang)
    monkeypatch.setattr(sys, "stdin", _Terminal("n\n"))
    kept = run_cli(capsys, "deck", "rm", "docker-basics")
    note = translate("deck.rm_others", lang, profiles=2, reviews=3)
    assert kept.code == 0 and note in kept.out and kept.out.index(note) < kept.out.index("[y/N]"), kept
    assert _counts(open_database())["review"] == 4
    monkeypatch.setattr(sys, "stdin", _Terminal("y\n"))
    monkeypatch.setenv("DOCKQUIZ_PROFILE", "aiko")
    gone = run_cli(capsys, "deck", "rm", "docker-basics")
    assert gone.code == 0 and translate("deck.rm_others", lang, profiles=2, reviews=2) in gone.out
    assert _counts(open_database())["review"] == 0


def test_card_shows_the_history_of_the_profile_asked_for_only(capsys, monkeypatch):
    monkeypatch.setenv("DOCKQUIZ_NOW", DAY1)
    assert run_cli(capsys, "import", str(SAMPLE_NOTES)).code == 0
    _study(capsys, monkeypatch, "aiko", "docker pull ${IMAGE_NAME}\n\n")
    _study(capsys, monkeypatch, "ben", "docker pul\n\n")
    for who, typed in (("aiko", "docker pull ${IMAGE_NAME}"), ("ben", "docker pul")):
        monkeypatch.setenv("DOCKQUIZ_PROFILE", who)
        data = json.loads(run_cli(capsys, "card", "1", "--json").out)
        assert [h["typed"] for h in data["history"]] == [typed], who


def test_a_profile_of_nobody_is_the_teachers_until_class_add_gives_it_to_the_login_of_its_name(klass):
    """Profiles made before logins (db_user NULL) belong to nobody: a learner may not change
    one (the database's policies would hide it from an UPDATE); `class add` of its name claims it."""
    for name in ("legacy", "carl"):
        code, _, err = klass.psql("teacher", f"INSERT INTO profile (name, settings, created_at) VALUES ('{name}', '{{}}', now())")
        assert code == 0, err
    klass.as_("ben")
    before = klass.everything()
    for args in (["study", "--plain"], ["config", "new", "3"]):
        klass.monkeypatch.setenv("DOCKQUIZ_PROFILE", "legacy")
        klass.monkeypatch.setattr(sys, "stdin", io.StringIO("docker pull x\n\n"))
        refused = klass.run(*args)
        assert refused.code == 2 and "belongs to no database user" in refused.err, (args, refused)
    assert klass.everything() == before
    klass.as_("teacher")
    added = klass.run("class", "add", "carl", "--no-password")
    assert added.code == 0 and "The profile carl, which belonged to no login, is now carl's." in added.out, added
    assert klass.rows(
        "teacher", "SELECT name, coalesce(db_user, '-') FROM profile WHERE name IN ('legacy', 'carl') ORDER BY 1"
    ) == [
        ("carl", "carl"),
        ("legacy", "-"),
    ]
    assert klass.run("class", "remove", "carl").code == 0


def test_a_learners_leech_is_not_suspended_for_the_class_and_the_answer_is_saved(klass):
    from dockquiz.scheduling import LEECH_LAPSES

    code, _, err = klass.psql(
        "teacher",
        f"UPDATE card_state SET state = 2, lapses = {LEECH_LAPSES - 1}, stability = 1, difficulty = 5, "
        "last_review = '2026-11-20T00:00:00Z', due = '2026-11-21T00:00:00Z' "
        "WHERE profile_id = (SELECT id FROM profile WHERE name = 'ben')",
    )
    assert code == 0, err
    (card,) = klass.rows("teacher", "SELECT card_id FROM card_state s JOIN profile p ON p.id = s.profile_id WHERE p.name = 'ben'")
    klass.as_("ben")
    # the next day (ben answered this card today: a card answered today buries itself and its
    # siblings until tomorrow), wrong every time until the leech has come
    klass.monkeypatch.setenv("DOCKQUIZ_NOW", (T0 + timedelta(days=1)).isoformat())
    _study(klass.capsys, klass.monkeypatch, "ben", "docker pul\n\n" * 30)
    leech = (
        "SELECT c.status, s.lapses, (SELECT count(*) FROM review r WHERE r.card_id = c.id AND r.profile_id = p.id) "
        "FROM card c JOIN card_state s ON s.card_id = c.id JOIN profile p ON p.id = s.profile_id "
        f"WHERE p.name = 'ben' AND c.id = {card[0]}"
    )
    assert klass.rows("teacher", leech) == [("active", str(LEECH_LAPSES), "2")]


def test_a_learners_skip_buries_the_card_in_its_own_profile_only(klass):
    """A skip is card state (revision 0009): the learner's own row, which the policy lets it
    write, and another learner does not even read."""
    klass.as_("ben")
    before = klass.rows("teacher", "SELECT count(*) FROM burial")
    _study(klass.capsys, klass.monkeypatch, "ben", ":skip\n")
    buried = klass.rows("teacher", "SELECT p.name, b.card_id FROM burial b JOIN profile p ON p.id = b.profile_id")
    assert before == [("0",)] and buried and {name for name, _ in buried} == {"ben"}  # the card and its example
    assert klass.rows("aiko", "SELECT count(*) FROM burial") == [("0",)]  # ben's is not even readable to her


def test_no_statement_a_learner_can_make_changes_anyone_elses_rows(klass):
    """A property over SQL the learner's login sends itself (psycopg, committed when the
    server takes it): whatever table, operation, target profile and value, nobody else's
    rows, no deck, card or revision ever change; only the learner's own may."""
    import psycopg
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    ids = {name: int(i) for name, i in klass.rows("teacher", "SELECT name, id FROM profile")}
    teacher = psycopg.connect(klass.teacher_url.replace("postgresql+psycopg", "postgresql"), autocommit=True)
    ben = psycopg.connect(
        klass.url("ben").replace("postgresql+psycopg", "postgresql"), autocommit=True, options="-c timezone=UTC"
    )

    not_bens = "profile_id NOT IN (SELECT id FROM profile WHERE db_user = 'ben')"  # he may make more profiles

    def others() -> dict:
        q = {
            "profile": "SELECT p::text FROM profile p WHERE db_user IS DISTINCT FROM 'ben' ORDER BY id",
            "card_state": f"SELECT s::text FROM card_state s WHERE {not_bens} ORDER BY 1",
            "burial": f"SELECT b::text FROM burial b WHERE {not_bens} ORDER BY 1",
            "review": f"SELECT r::text FROM review r WHERE {not_bens} ORDER BY id",
            "deck": "SELECT d::text FROM deck d ORDER BY id",
            "card": "SELECT c::text FROM card c ORDER BY id",
            "alembic_version": "SELECT version_num FROM alembic_version",
            "policies": "SELECT policyname || tablename || coalesce(qual, '') FROM pg_policies ORDER BY 1",
        }
        return {k: teacher.execute(v).fetchall() for k, v in q.items()}

    target = st.sampled_from(["{aiko}", "{ben}", "{aiko} OR true", "(SELECT max(id) FROM profile)", "NULL"])
    value = st.sampled_from(["1", "0", "99", "'x'", "now()", "'{{}}'", "{aiko}", "{ben}", "NULL"])
    statement = st.one_of(
        st.tuples(
            st.sampled_from(["review", "card_state", "burial"]),
            st.sampled_from(["profile_id", "card_id", "rating", "reps", "due", "typed", "state", "until"]),
            value,
            target,
        ).map(lambda x: f"UPDATE {x[0]} SET {x[1]} = {x[2]} WHERE profile_id = {x[3]}"),
        st.tuples(st.sampled_from(["review", "card_state", "burial"]), target).map(
            lambda x: f"DELETE FROM {x[0]} WHERE profile_id = {x[1]}"
        ),
        st.tuples(target, st.integers(1, 60)).map(  # a skip (revision 0009): a burial
            lambda x: f"INSERT INTO burial (profile_id, card_id, until) VALUES ({x[0]}, {x[1]}, now() + interval '1 day')"
        ),
        st.tuples(target, st.integers(1, 5)).map(
            lambda x: (
                "INSERT INTO review (profile_id, card_id, reviewed_at, typed, verdict, rating, duration_ms, "
                f"state_after) VALUES ({x[0]}, {x[1]}, now(), 'x', 'correct', 3, 0, '{{{{}}}}')"
            )
        ),
        st.tuples(target, st.integers(1, 60)).map(
            lambda x: (
                f"INSERT INTO card_state (profile_id, card_id, state, due, reps, lapses) VALUES ({x[0]}, {x[1]}, 2, now(), 1, 0)"
            )
        ),
        st.tuples(st.sampled_from(["settings", "language", "db_user", "name"]), value, st.sampled_from(["aiko", "ben"])).map(
            lambda x: f"UPDATE profile SET {x[0]} = {x[1]} WHERE name = '{x[2]}'"
        ),
        st.tuples(st.sampled_from(["'aiko'", "'ben'", "NULL", "current_user"]), st.integers()).map(
            lambda x: f"INSERT INTO profile (name, settings, created_at, db_user) VALUES ('p{x[1]}', '{{{{}}}}', now(), {x[0]})"
        ),
        st.tuples(st.sampled_from(["deck", "card"]), st.sampled_from(["name", "answer", "status", "updated_at"]), value).map(
            lambda x: f"UPDATE {x[0]} SET {x[1]} = {x[2]}"
        ),
        st.sampled_from(["deck", "card", "profile", "alembic_version"]).map(lambda t: f"DELETE FROM {t}"),
    )
    # aiko skipped two cards: burials of hers that ben's statements must not reach
    teacher.execute(
        f"INSERT INTO burial VALUES ({ids['aiko']}, 3, now() + interval '1 day'), ({ids['aiko']}, 4, now() + interval '1 day')"
    )
    before = others()
    taken = []

    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(statement)
    def learner_sends(sql: str) -> None:
        sql = sql.format(**ids)
        try:
            ben.execute(sql)
            taken.append(sql)
        except psycopg.Error:
            pass  # refused: privileges, a policy, or SQL the server cannot take
        assert others() == before, sql

    try:
        learner_sends()
        # a burial in his own profile is his to make; in aiko's, the policy refuses it
        ben.execute(f"INSERT INTO burial VALUES ({ids['ben']}, 5, now() + interval '1 day') ON CONFLICT DO NOTHING")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            ben.execute(f"INSERT INTO burial VALUES ({ids['aiko']}, 6, now() + interval '1 day')")
        seen = {r[0] for r in ben.execute("SELECT DISTINCT profile_id FROM burial")}
        his = {r[0] for r in teacher.execute("SELECT id FROM profile WHERE db_user = 'ben'")}  # he may make more
        assert ids["ben"] in seen and seen <= his  # aiko's burials are not even readable to him
    finally:
        teacher.close()
        ben.close()
    assert taken  # the server took some (his own rows, or none): the property is not only refusals
