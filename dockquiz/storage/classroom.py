"""A class database's learners, as ``dockquiz class add|remove|list`` changes and shows them:
each its own PostgreSQL login with a learner's privileges (``access``); the database enforces
them. Only the teacher may do this. Library code: prints nothing; names only ever reach SQL
as ``psycopg.sql.Identifier``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from dockquiz.errors import NotYours, StorageError, UsageError
from dockquiz.storage import access

_RESERVED_ROLES = {"public", "none", "current_user", "session_user", "current_role", "user"}


def check_login(value: str) -> str:
    """A learner's login: 1 to 63 bytes of printable characters (PostgreSQL's own limit; the
    name is always passed as an identifier), not one PostgreSQL reserves."""
    if (
        not value.strip()
        or not value.isprintable()
        or len(value.encode("utf-8")) > 63
        or value.lower().startswith("pg_")
        or value.lower() in _RESERVED_ROLES
    ):
        raise UsageError("error.class_bad_login", value=value)
    return value


@dataclass(frozen=True)
class Added:
    existing: bool  # the login was there: only given a learner's privileges
    password: bool  # a new login with a password
    claimed: list[str]  # profiles of nobody that were the login's name, now its own
    taken: str | None  # the login that holds the profile of this login's name (not this one), or None
    address: str  # the teacher's address with the learner's login (no password)


@dataclass(frozen=True)
class Removed:
    profiles: int  # the learner's profiles (kept, with their history)
    reviews: int
    kept: str | None  # why the login itself was not dropped (the server's words), or None


@contextmanager
def _as_teacher(db) -> Iterator[tuple]:
    """One transaction on a class database as its teacher: (connection, psycopg connection,
    teacher's role, may create logins)."""
    if db.engine.dialect.name != "postgresql":
        raise StorageError("error.class_sqlite", path=db.shown)
    with db.connect() as conn:
        teacher, owner, user, may_create = access.role(conn)
        if not teacher:
            raise NotYours("error.class_teacher_only", owner=owner, user=user)
        yield conn, conn.connection.driver_connection, owner, user, may_create


def _found(raw, owner: str, login: str) -> bool | None:
    """None: no such role; True: the teacher (or a superuser); False: another role."""
    row = raw.execute(
        "SELECT rolsuper OR pg_has_role(oid, %s, 'USAGE') FROM pg_roles WHERE rolname = %s", (owner, login)
    ).fetchone()
    return None if row is None else bool(row[0])


def add(db, login: str, password: Callable[[], str | None]) -> Added:
    """Make ``login`` a learner: a new login (with ``password()``, asked only then; None: no
    password) or one already on the server, given a learner's privileges; profiles of nobody
    named after it become its own."""
    from psycopg import sql

    with _as_teacher(db) as (conn, raw, owner, user, may_create):
        found = _found(raw, owner, login)
        if found:
            raise UsageError("error.class_is_teacher", login=login)
        exists = found is not None
        if not exists and not may_create:
            raise NotYours("error.class_no_createrole", user=user)
        secret = password() if not exists else None
        if not exists:
            statement = sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(login))
            if secret is not None:  # sent as its SCRAM verifier, never as the password itself
                verifier = raw.pgconn.encrypt_password(secret.encode("utf-8"), login.encode("utf-8"), None)
                statement = sql.SQL("{} PASSWORD {}").format(statement, sql.Literal(verifier.decode("ascii")))
            raw.execute(statement)
        for grant in access.learner_grants(raw, login):
            raw.execute(grant)
        claimed = raw.execute(
            "UPDATE profile SET db_user = %s WHERE name = %s AND db_user IS NULL RETURNING name", (login, login)
        ).fetchall()
        holder = raw.execute("SELECT db_user FROM profile WHERE name = %s", (login,)).fetchone()
    taken = holder[0] if holder and holder[0] not in (None, login) else None
    return Added(exists, bool(secret), [name for (name,) in claimed], taken, address_for(db.url, login))


def remove(db, login: str) -> Removed:
    """Take a learner's privileges away and drop its login where nothing else on the server
    uses it; its profiles and their history stay."""
    import psycopg
    from psycopg import sql

    with _as_teacher(db) as (conn, raw, owner, _, _):
        found = _found(raw, owner, login)
        if found:
            raise UsageError("error.class_is_teacher", login=login)
        if found is None or login not in access.learners(conn):
            raise UsageError("error.class_not_learner", login=login)
        for revoke in access.revoke_learner(raw, login):
            raw.execute(revoke)
        profiles, reviews = raw.execute(
            "SELECT count(DISTINCT p.id), count(r.id) FROM profile p LEFT JOIN review r ON r.profile_id = p.id"
            " WHERE p.db_user = %s",
            (login,),
        ).fetchone()
        kept = None
        try:
            with raw.transaction():  # a savepoint: the login may still be used elsewhere on the server
                raw.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(login)))
        except psycopg.errors.DependentObjectsStillExist as exc:  # the server's own words: where it is used
            kept = "; ".join(filter(None, [str(exc).splitlines()[0], (exc.diag.message_detail or "").splitlines()[0]]))
    return Removed(profiles, reviews, kept)


def listing(db) -> list[dict]:
    """Every learner: login, whether it may log in, its profiles, reviews and last review."""
    rows = []
    with _as_teacher(db) as (conn, _, _, _, _):
        for login in access.learners(conn):
            can_login = conn.exec_driver_sql("SELECT rolcanlogin FROM pg_roles WHERE rolname = %(n)s", {"n": login}).scalar()
            profiles, reviews, last = conn.exec_driver_sql(
                "SELECT string_agg(DISTINCT p.name, ', ' ORDER BY p.name), count(r.id), max(r.reviewed_at) "
                "FROM profile p LEFT JOIN review r ON r.profile_id = p.id WHERE p.db_user = %(n)s",
                {"n": login},
            ).one()
            rows.append(
                {
                    "login": login,
                    "can_login": bool(can_login),
                    "profiles": profiles.split(", ") if profiles else [],
                    "reviews": int(reviews),
                    "last_review": last.isoformat() if last else None,
                }
            )
    return rows


def address_for(url: str, login: str) -> str:
    """The teacher's address with the learner's login and no password, as it was written
    (a socket folder stays readable: ?host=/run/postgresql)."""
    from urllib.parse import quote

    from sqlalchemy.engine import make_url

    u = make_url(url)
    where = (u.host or "") + (f":{u.port}" if u.port else "")
    query = "&".join(f"{k}={v}" for k, values in u.query.items() for v in ((values,) if isinstance(values, str) else values))
    return f"{u.drivername}://{quote(login, safe='')}@{where}/{u.database or ''}" + (f"?{query}" if query else "")
