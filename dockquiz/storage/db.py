"""Engine, migrations on first use, sessions. SQLite: WAL, foreign keys, busy timeout."""

from __future__ import annotations

import json
import os
import re
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError, OperationalError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

from dockquiz.errors import StorageError

PAGE_SIZE = 8192  # bytes, for databases created from now on
HEAD = "0012"  # newest revision in migrations/versions (a test checks it matches Alembic's head)
APPLICATION_ID = 0x444B515A  # "DKQZ" in the SQLite header: this file is a dockquiz database
# The tables every dockquiz database has had since its first revision: a file without the
# application id (made before it was set) is ours only if it has them.
_OUR_TABLES = {"alembic_version", "profile", "deck", "card"}


def default_path() -> Path:
    from dockquiz.storage.peek import default_db_path

    return Path(default_db_path())


def resolve_url(db: str | None) -> tuple[str, str]:
    """``--db`` / ``DOCKQUIZ_DB`` / default → (SQLAlchemy URL, name to show the user)."""
    given = db or os.environ.get("DOCKQUIZ_DB")
    db = given or str(default_path())
    if "://" in db:  # shown as typed, without its password
        return db, re.sub(r"(://[^/@:]*:).*@", r"\1***@", db, count=1)  # to the last @: a password may hold one
    path = Path(db).expanduser()
    if path.is_dir():
        raise StorageError("error.db_is_dir", path=str(path))
    if given and not path.parent.is_dir():  # a folder mistyped in --db: say so, make nothing (ours only: the default's)
        raise StorageError("error.db_no_folder", path=str(path), folder=str(path.parent))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError("error.db_cannot_create", path=str(path), reason=exc.strerror or str(exc)) from None
    return f"sqlite:///{path}", str(path)


def login_of(db: str | None) -> str:
    """The user name the database's address logs in as ('' for none: SQLite, or libpq's default)."""
    from sqlalchemy.engine import make_url

    return make_url(resolve_url(db)[0]).username or ""


def known_revisions() -> set[str]:
    """Revision ids this dockquiz ships (read from the files: Alembic stays unloaded)."""
    import re

    from dockquiz.resources import migrations_dir

    found = set()
    for file in (migrations_dir() / "versions").glob("*.py"):
        m = re.search(r'^revision = "([^"]+)"', file.read_text("utf-8"), re.M)
        if m:
            found.add(m.group(1))
    return found


LOCK_WAIT_MS = 5000  # how long a statement waits for another session's lock on PostgreSQL


def lock_wait_ms() -> int:
    """PostgreSQL's lock_timeout for dockquiz's sessions: LOCK_WAIT_MS, or DOCKQUIZ_LOCK_WAIT_MS
    (whole milliseconds, 1 or more: the tests' short wait)."""
    given = os.environ.get("DOCKQUIZ_LOCK_WAIT_MS", "")
    return int(given) if given.isdigit() and int(given) > 0 else LOCK_WAIT_MS


# the sessions that hold a lock stronger than a writer's on one of this schema's tables, read as
# soon as a statement of ours gave up waiting (pg_locks and pg_stat_activity's usename are
# readable to every login; a learner's psql transaction that ran LOCK TABLE is one)
_HOLDERS = """
SELECT c.relname, string_agg(DISTINCT a.usename, ', ' ORDER BY a.usename)
FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.granted AND l.pid <> pg_backend_pid() AND c.relnamespace = current_schema()::regnamespace
  AND l.mode IN ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')
GROUP BY c.relname ORDER BY c.relname
"""


def _lock_holders(context) -> None:
    """On PostgreSQL's lock_timeout (55P03): who holds the lock, kept on the error for
    storage_error to say (read on another connection of the pool: the failed one's
    transaction is aborted). Nothing is said if the database cannot say."""
    orig = context.original_exception
    if getattr(orig, "sqlstate", None) != "55P03" or context.engine is None:
        return
    try:
        raw = context.engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute(_HOLDERS)
            orig.dockquiz_holders = cursor.fetchall()
            raw.rollback()
        finally:
            raw.close()
    except Exception:  # noqa: BLE001 - the holder unknown: the line says so
        pass


def storage_error(exc: BaseException, shown: str) -> StorageError:
    """The one true line for a database error: busy, read-only, full, an I/O error, not a
    database, or damaged."""
    reason = str(getattr(exc, "orig", None) or exc).splitlines()[0] if str(exc) else type(exc).__name__
    low = reason.lower()
    if any(
        needle in low
        for needle in (
            "password authentication failed",
            "no password supplied",
            "peer authentication failed",
            "pg_hba.conf",
            "scram",
            "permission denied for database",
        )
    ) or (" role " in low and "does not exist" in low and "fatal" in low):  # the server said no to this login
        return StorageError("error.db_login_refused", path=shown, reason=reason.rpartition("FATAL:")[2].strip() or reason)
    if (
        getattr(exc, "connection_invalidated", False)
        or "connection to server" in low
        or low.startswith(("connection failed", "connection is bad"))
    ):
        return StorageError("error.db_unreachable", path=shown, reason=reason)  # a server stopped or not there
    if getattr(getattr(exc, "orig", None), "sqlstate", None) == "55P03":  # lock_timeout: another session's lock
        seconds = f"{lock_wait_ms() / 1000:g}"
        holders = getattr(exc.orig, "dockquiz_holders", None)
        if holders:
            table, who = holders[0]
            return StorageError("error.db_lock_held", path=shown, table=table, who=who, seconds=seconds)
        return StorageError("error.db_lock_held_unknown", path=shown, seconds=seconds)
    if getattr(getattr(exc, "orig", None), "sqlstate", None) == "42501":  # PostgreSQL: privileges or a policy
        return StorageError("error.db_denied", path=shown, reason=reason)
    if any(k.__name__ == "IntegrityError" for k in type(getattr(exc, "orig", None) or exc).__mro__):
        return StorageError("error.db_constraint", path=shown, reason=reason)  # our bug, never a damaged file
    for needle, key in (
        ("locked", "error.db_locked"),
        ("readonly", "error.db_readonly"),
        ("read-only", "error.db_readonly"),
        ("disk is full", "error.db_full"),
        ("no space left", "error.db_full"),
        ("disk i/o error", "error.db_io"),
        ("file is not a database", "error.db_not_dockquiz"),
        ("unable to open database file", "error.db_cannot_open"),
    ):
        if needle in low:
            return StorageError(key, path=shown, reason=reason)
    return StorageError("error.db_corrupt", path=shown, reason=reason)


def inspect_sqlite_file(path: Path, shown: str) -> str:
    """What an SQLite file is, read without changing it: ``new`` (missing or empty),
    ``ours`` (a dockquiz database this version can open). Anything else is refused here,
    before a single pragma is written: another program's database, a file that is not a
    database, a database from a newer dockquiz."""
    import sqlite3

    if not path.exists() or path.stat().st_size == 0:
        return "new"
    try:
        with open(path, "rb") as fh:
            header = fh.read(16)
        if header != b"SQLite format 3\x00":
            raise StorageError("error.db_not_dockquiz", path=shown, reason="not an SQLite file")
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=10)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone() if "alembic_version" in tables else None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise storage_error(exc, shown) from None
    except OSError as exc:
        raise StorageError("error.db_cannot_open", path=shown, reason=exc.strerror or str(exc)) from None
    if not tables:
        return "new"
    if app_id != APPLICATION_ID and not (app_id == 0 and _OUR_TABLES <= tables):
        raise StorageError("error.db_foreign", path=shown)
    if revision and revision[0] not in known_revisions():
        raise StorageError("error.db_newer", path=shown, revision=revision[0])
    return "ours"


@contextmanager
def _first_use_lock(path: Path):
    """Only one process creates or migrates a database at a time (an exclusive flock on
    the file itself, separate from SQLite's own locks); the others wait, then find it done."""
    import fcntl

    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield  # read-only: nothing will be created or migrated here
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


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
    # 8 KB pages for a new database (an existing one keeps its own): a large import writes
    # fewer, fuller pages. It must come before WAL mode, which fixes the page size.
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


def _migrate_sqlite(url: str) -> None:
    """Create or migrate an SQLite database in one transaction, begun IMMEDIATE: a failure
    (a full disk) leaves it as it was, and a second process waits instead of racing.
    pysqlite commits DDL by itself unless it is told to leave transactions to us."""
    engine = create_engine(url, json_serializer=_json_text)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, record) -> None:
        _sqlite_pragmas(dbapi_connection, record)
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        if _current_revision(engine) != HEAD:
            upgrade(engine)
            with engine.begin() as conn:
                conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
    finally:
        engine.dispose()


def _create_postgresql(engine: Engine, shown: str) -> None:
    """A new PostgreSQL database gets today's schema at once, stamped with the newest revision
    (Alembic's way to start a database): the early revisions were written for SQLite, and no
    PostgreSQL database ever passed them. Later revisions apply to both. A database that holds
    tables but no dockquiz revision belongs to another program: refused, untouched."""
    from alembic import command
    from alembic.config import Config

    from dockquiz.resources import migrations_dir
    from dockquiz.storage.tables import metadata

    with engine.begin() as conn:
        if inspect(conn).get_table_names():
            raise StorageError("error.db_foreign", path=shown)
        _partial_on_postgresql(metadata)
        metadata.create_all(conn)
        from dockquiz.storage import aggregates

        aggregates.install(conn)  # stats' counts, kept by triggers (revision 0008)
        cfg = Config()
        cfg.set_main_option("script_location", str(migrations_dir()))
        cfg.attributes["connection"] = conn
        command.stamp(cfg, "head")
        from dockquiz.storage import access

        access.install(conn)  # who may change what: the teacher everything, a learner its own


def _partial_on_postgresql(metadata) -> None:
    """A partial index of the models is partial on PostgreSQL too, as the revisions make it
    (tables.py names only SQLite's predicate: naming PostgreSQL's there would load that
    dialect on every start)."""
    for table in metadata.tables.values():
        for index in table.indexes:
            where = index.dialect_options["sqlite"]["where"]
            if where is not None:
                index.dialect_kwargs["postgresql_where"] = where


class Database:
    def __init__(
        self, url: str, shown: str, *, migrate: bool = True, password: str | None = None, profile: str | None = None
    ) -> None:
        self.url, self.shown = url, shown
        self.profile = profile  # whose settings say how many backups to keep (profiles.whose)
        self.password = password  # PostgreSQL: a password the learner typed (never kept in a file)
        self.read_only = False
        self.existed = False  # an SQLite file that held a database before this open
        path = sqlite_file_path(url)
        if path is None:
            self.engine = self._engine(url)
            self._migrate(migrate)
        else:
            with _first_use_lock(path) if migrate and _writable(path) else nullcontext():
                self.existed = inspect_sqlite_file(path, shown) == "ours"
                self.read_only = not _writable(path)
                self.engine = self._engine(f"sqlite:///{read_only_uri(path)}&uri=true" if self.read_only else url)
                self._migrate(migrate and not self.read_only)
        self._sessions = None

    def _engine(self, url: str) -> Engine:
        try:  # PostgreSQL sessions in UTC: times read as text (exports) carry +00:00
            options = f"-c timezone=UTC -c lock_timeout={lock_wait_ms()}"  # never wait silently on another's lock
            extra = {"connect_args": {"options": options}} if url.startswith("postgresql") else {}
            if extra and self.password is not None:
                extra["connect_args"]["password"] = self.password
            engine = create_engine(url, json_serializer=_json_text, **extra)
        except ModuleNotFoundError as exc:  # postgresql:// without psycopg installed
            raise StorageError("error.db_driver", path=self.shown, module=exc.name or "") from None
        except Exception as exc:  # noqa: BLE001 - a URL SQLAlchemy cannot read
            raise StorageError("error.db_url", path=self.shown, reason=str(exc).splitlines()[0]) from None
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            event.listen(engine, "handle_error", _lock_holders)
        return engine

    def _migrate(self, migrate: bool) -> None:
        try:
            try:
                current = _current_revision(self.engine)
            except (DatabaseError, OperationalError) as exc:
                error = storage_error(exc, self.shown)
                if error.key == "error.db_denied":  # a login the class never added (or removed)
                    raise StorageError("error.db_no_access", path=self.shown, reason=error.params["reason"]) from None
                raise
            if current is not None and current not in known_revisions():
                raise StorageError("error.db_newer", path=self.shown, revision=current)
            if current != HEAD:
                if not migrate:
                    raise StorageError("error.db_readonly_old", path=self.shown)
                path = sqlite_file_path(self.url)
                if path is not None:
                    if current is not None:  # a learner's data: a copy before it changes
                        from dockquiz import clock
                        from dockquiz.storage.backup import backup, keep_setting

                        c = clock.from_env()
                        backup(
                            path, None, c.now().astimezone(c.tz()), reason=f"before-{HEAD}", keep=keep_setting(path, self.profile)
                        )
                    _migrate_sqlite(self.url)
                elif current is None and self.engine.dialect.name == "postgresql":
                    _create_postgresql(self.engine, self.shown)
                else:  # SQLite in memory
                    upgrade(self.engine)
            elif migrate and self.engine.dialect.name == "sqlite":
                with self.engine.connect() as conn:
                    if conn.exec_driver_sql("PRAGMA application_id").scalar() != APPLICATION_ID:
                        conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
                        conn.commit()
        except (DatabaseError, OperationalError) as exc:
            self.engine.dispose()
            error = storage_error(exc, self.shown)
            if error.key == "error.db_denied":  # a learner's login met a database to create or upgrade
                raise StorageError("error.db_upgrade_owner", path=self.shown, revision=HEAD) from None
            raise error from None
        except StorageError:
            self.engine.dispose()
            raise

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One ORM transaction: commit on success, roll back on any error."""
        if self._sessions is None:  # the ORM loads on first use: a bulk import needs none
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        with self._sessions() as session:
            try:
                with session.begin():
                    yield session
            except (DatabaseError, OperationalError) as exc:
                raise storage_error(exc, self.shown) from None

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
            raise storage_error(exc, self.shown) from None

    def back_up_daily(self, clock) -> StorageError | None:
        """Once a study day, on first use, a copy of a learner's SQLite database (kept: the
        newest ``config backups``). A copy that cannot be made is returned to be said, never
        in the way of studying."""
        path = sqlite_file_path(self.url)
        if path is None or self.read_only or not self.existed:
            return None
        from dockquiz.clock import day_start
        from dockquiz.storage.backup import backup, daily_due, keep_setting

        tz = clock.tz()
        try:
            if daily_due(path, day_start(clock.now(), tz).astimezone(tz)):
                backup(path, None, clock.now().astimezone(tz), reason="daily", keep=keep_setting(path, self.profile))
        except StorageError as exc:
            return exc
        return None

    def close(self) -> None:
        self.engine.dispose()


def sqlite_file_path(url: str) -> Path | None:
    """The file of an SQLite URL (``sqlite:///path``); None for other databases and memory."""
    if url.startswith("sqlite:///") and "?" not in url and url != "sqlite:///:memory:":
        return Path(url[len("sqlite:///") :])
    return None


def read_only_uri(path: Path) -> str:
    """An SQLite URI that opens the file without writing it. A WAL database whose folder
    cannot hold its -shm file opens only as immutable (nobody writes where we cannot)."""
    return f"file:{path}?mode=ro" + ("" if os.access(path.parent, os.W_OK) else "&immutable=1")


def _writable(path: Path) -> bool:
    """Can this process write the database (the file, or the folder a new one goes in)?"""
    if path.exists():
        return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return os.access(path.parent, os.W_OK)


def open_database(
    db: str | None = None,
    *,
    password: str | None = None,
    profile: str | None = None,
    ask_password: Callable[[str], str] | None = None,
) -> Database:
    """The database at ``db`` (else the default one). A login the server refuses for want of
    a password (none in the address, PGPASSWORD or ~/.pgpass) is asked for it once, as psql
    does, through ``ask_password(login)`` when given; otherwise the refusal is raised."""
    url, shown = resolve_url(db)
    try:
        return Database(url, shown, password=password, profile=profile)
    except StorageError as exc:
        if ask_password is None or password is not None or not wants_password(exc):
            raise
    return Database(url, shown, password=ask_password(login_of(db)), profile=profile)


def wants_password(error: StorageError) -> bool:
    """The server asked for a password the address, PGPASSWORD and ~/.pgpass did not give."""
    return error.key == "error.db_login_refused" and "no password supplied" in str(error.params.get("reason", ""))
