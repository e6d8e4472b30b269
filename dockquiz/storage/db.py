"""Engine, migrations on first use, sessions. SQLite: WAL, foreign keys, busy timeout."""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError, OperationalError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

from dockquiz.errors import StorageError

PAGE_SIZE = 8192   # bytes, for databases created from now on
HEAD = "0003"   # newest revision in migrations/versions (a test checks it matches Alembic's head)


def default_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("dockquiz", appauthor=False)) / "dockquiz.db"


def resolve_url(db: str | None) -> tuple[str, str]:
    """``--db`` / ``DOCKQUIZ_DB`` / default → (SQLAlchemy URL, name to show the user)."""
    db = db or os.environ.get("DOCKQUIZ_DB") or str(default_path())
    if "://" in db:
        return db, db
    path = Path(db).expanduser()
    if path.is_dir():
        raise StorageError("error.db_is_dir", path=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}", str(path)


# JSON columns as compact UTF-8 text: section paths and hints are mostly Japanese, which
# ``\uXXXX`` escapes would make unreadable in sqlite3 and twice as long on disk. One encoder
# for all (json.dumps with options would build a new one for every value).
_json_text = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    try:
        dbapi_connection.execute("SELECT pow(2, 0.5)")
    except Exception:  # SQLite built without math functions: lend it Python's
        import math

        dbapi_connection.create_function("pow", 2, math.pow, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    # 8 KB pages for a new database (an existing one keeps its own): a 20k-card import
    # writes half as many pages (5,882 -> 2,954) and its insert + commit + checkpoint takes
    # 10% less time. It must come before WAL mode, which fixes the page size.
    cursor.execute(f"PRAGMA page_size={PAGE_SIZE}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # up to 16 MB of page cache (default 2 MB): a large deck fits, and a 20k-card import stops
    # spilling half-written index pages to the WAL again and again before it commits
    cursor.execute("PRAGMA cache_size=-16384")
    cursor.close()


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    from dockquiz.resources import migrations_dir

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


class Database:
    def __init__(self, url: str, shown: str, *, migrate: bool = True) -> None:
        self.url, self.shown = url, shown
        self.engine = create_engine(url, json_serializer=_json_text)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            if migrate and _current_revision(self.engine) != HEAD:
                upgrade(self.engine)
        except (DatabaseError, OperationalError) as exc:
            self.engine.dispose()
            raise StorageError("error.db_corrupt", path=shown, reason=str(exc.orig).splitlines()[0]) from None
        self._sessions = None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One ORM transaction: commit on success, roll back on any error."""
        if self._sessions is None:       # the ORM loads on first use: a bulk import needs none
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        with self._sessions() as session:
            try:
                with session.begin():
                    yield session
            except (DatabaseError, OperationalError) as exc:
                if isinstance(exc.orig, Exception) and "locked" in str(exc.orig):
                    raise StorageError("error.db_locked", path=self.shown) from None
                raise StorageError("error.db_corrupt", path=self.shown,
                                   reason=str(exc.orig).splitlines()[0]) from None

    @contextmanager
    def connect(self, *, commit: bool = True) -> Iterator[Connection]:
        """One Core transaction (no ORM): commits on success unless ``commit`` is False
        (a dry run), rolls back on any error."""
        try:
            with self.engine.connect() as conn, conn.begin() as transaction:
                yield conn
                if not commit:
                    transaction.rollback()
        except (DatabaseError, OperationalError) as exc:
            if "locked" in str(exc.orig):
                raise StorageError("error.db_locked", path=self.shown) from None
            raise StorageError("error.db_corrupt", path=self.shown,
                               reason=str(exc.orig).splitlines()[0]) from None

    def close(self) -> None:
        self.engine.dispose()


def open_database(db: str | None = None) -> Database:
    url, shown = resolve_url(db)
    return Database(url, shown)
