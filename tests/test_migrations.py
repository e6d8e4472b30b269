"""Alembic: an empty database upgrades to head and matches the models."""

import json
from datetime import datetime, timezone

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from dockquiz.resources import migrations_dir
from dockquiz.storage import db as dbmod
from dockquiz.storage.tables import metadata


def test_head_constant_matches_alembic():
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    assert ScriptDirectory.from_config(cfg).get_current_head() == dbmod.HEAD


def test_empty_database_upgrades_to_models(tmp_path):
    database = dbmod.open_database(str(tmp_path / "m.db"))
    with database.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        assert MigrationContext.configure(conn).get_current_revision() == dbmod.HEAD
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA page_size").scalar() == dbmod.PAGE_SIZE == 8192


def test_an_existing_database_keeps_its_page_size(tmp_path):
    """Databases made before 8 KB pages (4 KB, WAL) open, migrate and work as they are."""
    import sqlite3

    path = tmp_path / "old.db"
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA page_size=4096")
    raw.execute("PRAGMA journal_mode=WAL")
    raw.close()
    old = create_engine(f"sqlite:///{path}")  # a dockquiz database of revision 0001, as it was made
    dbmod.upgrade(old, "0001")
    old.dispose()
    database = dbmod.open_database(str(path))
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA page_size").scalar() == 4096
        assert MigrationContext.configure(conn).get_current_revision() == dbmod.HEAD
    database.close()


def test_second_open_does_not_migrate_again(tmp_path, monkeypatch):
    path = str(tmp_path / "m.db")
    dbmod.open_database(path).close()
    calls = []
    monkeypatch.setattr(dbmod, "upgrade", lambda *a, **k: calls.append(a))
    dbmod.open_database(path).close()
    assert calls == []


def test_downgrade_and_upgrade_again(tmp_path):
    database = dbmod.open_database(str(tmp_path / "m.db"))
    from alembic import command

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    with database.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    assert "card" not in inspect(engine).get_table_names()
    dbmod.upgrade(database.engine)
    assert "card" in inspect(engine).get_table_names()


def test_upgrade_from_0001_keeps_data(tmp_path):
    """A database created at revision 0001 and holding reviews upgrades to head intact."""
    from datetime import datetime, timezone

    from sqlalchemy import text

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    dbmod.upgrade(engine, "0001")
    now = datetime(2026, 11, 1, tzinfo=timezone.utc).replace(tzinfo=None)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO profile (id, name, settings, created_at) VALUES (1, 'default', '{}', :t)"), {"t": now})
        conn.execute(text("INSERT INTO deck (id, name, created_at, updated_at) VALUES (1, 'd', :t, :t)"), {"t": now})
        conn.execute(
            text(
                "INSERT INTO card (id, deck_id, key, kind, section, prompt_ja, prompt_en, answer, variants,"
                " hints, content_hash, source_line, ordinal, status, version, created_at, updated_at)"
                " VALUES (1, 1, 'k', 'command', '[]', 'p', '', 'docker ps', '[]', '{}', '', 1, 0, 'active', 1,"
                " :t, :t)"
            ),
            {"t": now},
        )
        conn.execute(
            text(
                "INSERT INTO review (profile_id, card_id, reviewed_at, typed, verdict, rating, duration_ms,"
                " state_before, state_after) VALUES (1, 1, :t, 'docker ps', 'exact', 3, 900,"
                " '{\"state\": 2}', '{}')"
            ),
            {"t": now},
        )
        conn.execute(
            text(
                "INSERT INTO review (profile_id, card_id, reviewed_at, typed, verdict, rating, duration_ms,"
                " state_before, state_after) VALUES (1, 1, :t, 'docker ps', 'exact', 3, 900, 'null', '{}')"
            ),
            {"t": now},
        )
    engine.dispose()
    database = dbmod.open_database(str(path))
    with database.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == dbmod.HEAD
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        rows = conn.execute(text("SELECT typed, rating, confusions, prior_state FROM review ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [("docker ps", 3, None, 2), ("docker ps", 3, None, None)]


def test_upgrade_to_0003_writes_card_times_as_sqlalchemy_does(tmp_path):
    """Cards imported before 0003 may hold whole-second times without '.000000'."""
    from sqlalchemy import text

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    dbmod.upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO deck (id, name, created_at, updated_at)"
                " VALUES (1, 'd', '2026-11-01 09:00:00.000000', '2026-11-01 09:00:00.000000')"
            )
        )
        for card_id, stamp in ((1, "2026-11-01 09:00:00"), (2, "2026-11-01 09:00:00.250000")):
            conn.execute(
                text(
                    "INSERT INTO card (id, deck_id, key, kind, section, prompt_ja, prompt_en, answer, variants,"
                    " hints, content_hash, source_line, ordinal, status, version, created_at, updated_at)"
                    f" VALUES ({card_id}, 1, 'k{card_id}', 'command', '[]', 'p', '', 'docker ps', '[]', '{{}}',"
                    " '', 1, 0, 'active', 1, :t, :t)"
                ),
                {"t": stamp},
            )
    engine.dispose()
    database = dbmod.open_database(str(path))
    with database.engine.connect() as conn:
        rows = conn.execute(text("SELECT created_at, updated_at FROM card ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [("2026-11-01 09:00:00.000000",) * 2, ("2026-11-01 09:00:00.250000",) * 2]


def test_an_empty_postgresql_database_matches_the_models(postgres_server):
    """A new PostgreSQL database is made from the models and stamped head (see db.py)."""
    database = dbmod.open_database(postgres_server())
    with database.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        assert MigrationContext.configure(conn).get_current_revision() == dbmod.HEAD
    database.close()


def _database_of_0008_with_burials(engine) -> None:
    """Two profiles whose settings hold burials as dockquiz 0008 wrote them (card id -> the
    local time of the next study day), beside other settings; one of a card gone, one unreadable."""
    from sqlalchemy import text

    with engine.begin() as conn:
        now = "2026-11-28 00:00:00.000000"
        conn.execute(text("INSERT INTO deck (id, name, created_at, updated_at) VALUES (1, 'd', :t, :t)"), {"t": now})
        for card_id in (1, 2, 3):
            conn.execute(
                text(
                    "INSERT INTO card (id, deck_id, key, kind, section, prompt_ja, prompt_en, answer, variants,"
                    " hints, content_hash, source_line, ordinal, status, version, created_at, updated_at)"
                    f" VALUES ({card_id}, 1, 'k{card_id}', 'command', '[]', 'p', '', 'docker ps', '[]', '{{}}', '', 1,"
                    f" {card_id}, 'active', 1, :t, :t)"
                ),
                {"t": now},
            )
        aiko = {"new_per_day": 5, "buried": {"1": "2026-11-29T00:00:00+09:00", "3": "2026-11-29T00:00:00+09:00"}, "x": [1]}
        ben = {"buried": {"2": "2026-11-30T04:00:00+00:00", "99": "2026-11-30T04:00:00+00:00", "3": "not a time"}}
        for pid, name, settings in ((1, "aiko", aiko), (2, "ben", ben), (3, "carl", {"backups": 3})):
            conn.execute(
                text("INSERT INTO profile (id, name, settings, created_at) VALUES (:i, :n, :s, :t)"),
                {"i": pid, "n": name, "s": json.dumps(settings), "t": now},
            )


def _burials_and_settings(engine) -> tuple[list, dict]:
    from sqlalchemy import text

    from dockquiz.storage.tables import UTCDateTime

    with engine.connect() as conn:
        rows = conn.execute(text("SELECT profile_id, card_id, until FROM burial ORDER BY 1, 2")).all()
        settings = {
            n: s if isinstance(s, dict) else json.loads(s) for n, s in conn.execute(text("SELECT name, settings FROM profile"))
        }
    until = UTCDateTime().process_result_value
    return [
        (p, c, until(u if not isinstance(u, str) else datetime.fromisoformat(u), engine.dialect)) for p, c, u in rows
    ], settings


MOVED = [
    (1, 1, datetime(2026, 11, 28, 15, 0, tzinfo=timezone.utc)),
    (1, 3, datetime(2026, 11, 28, 15, 0, tzinfo=timezone.utc)),
    (2, 2, datetime(2026, 11, 30, 4, 0, tzinfo=timezone.utc)),
]
KEPT = {"aiko": {"new_per_day": 5, "x": [1]}, "ben": {}, "carl": {"backups": 3}}


def test_upgrade_from_0008_moves_the_burials_out_of_the_settings(tmp_path):
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    dbmod.upgrade(engine, "0008")
    _database_of_0008_with_burials(engine)
    engine.dispose()
    database = dbmod.open_database(str(path))
    assert _burials_and_settings(database.engine) == (MOVED, KEPT)
    with database.connect() as conn:  # and the study reads them as the burials they were
        from dockquiz.storage import study

        assert study.buried(conn, 1, datetime(2026, 11, 28, 14, 0, tzinfo=timezone.utc)) == {c: u for p, c, u in MOVED if p == 1}
        assert study.buried(conn, 1, datetime(2026, 11, 28, 15, 0, tzinfo=timezone.utc)) == {}  # the study day after
    database.close()


def test_upgrade_from_0008_moves_the_burials_on_postgresql_too(postgres_server):
    """A PostgreSQL database as dockquiz 0008 made it (its tables from the models, stamped), upgraded by 0009."""
    from alembic import command

    from dockquiz.storage import access, aggregates
    from dockquiz.storage.tables import metadata

    url = postgres_server()
    engine = create_engine(url)
    with engine.begin() as conn:
        metadata.create_all(conn, tables=[t for t in metadata.sorted_tables if t.name != "burial"])
        aggregates.install(conn)
        cfg = Config()
        cfg.set_main_option("script_location", str(migrations_dir()))
        cfg.attributes["connection"] = conn
        command.stamp(cfg, "0008")
        conn.exec_driver_sql("DROP INDEX ix_review_again")  # 0010's
        for statement in access.POLICIES:
            if " ON burial " not in statement:
                conn.exec_driver_sql(statement)
    _database_of_0008_with_burials(engine)
    engine.dispose()
    database = dbmod.open_database(url)
    with database.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == dbmod.HEAD
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    assert _burials_and_settings(database.engine) == (MOVED, KEPT)
    database.close()
