"""A shared PostgreSQL database's learners: ``class add|remove|list``."""

from __future__ import annotations

import sys

from dockquiz.commands.base import JSON, App, Arg, Command, OneOf, say, show_json, tell
from dockquiz.errors import UsageError

_RESERVED_ROLES = {"public", "none", "current_user", "session_user", "current_role", "user"}


def _login_name(value: str) -> str:
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


def _class_password(app: App, login: str) -> str | None:
    """The new login's password: none (--no-password), one line of stdin (--password-stdin),
    or typed twice without echo in a terminal."""
    args = app.args
    if args.no_password:
        return None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        import getpass

        password = getpass.getpass(app.t("class.password_prompt", login=login))
        if getpass.getpass(app.t("class.password_again")) != password:
            raise UsageError("error.class_password_mismatch")
    else:
        raise UsageError("error.class_needs_password", login=login)
    if not password:
        raise UsageError("error.class_password_empty", login=login)
    return password


def cmd_class(app: App) -> int:
    """The teacher's learners on a class database: each its own login, with a learner's
    privileges (dockquiz.storage.access); the database enforces them."""
    from dockquiz.errors import NotYours, StorageError
    from dockquiz.storage import access

    args, t = app.args, app.t
    login = _login_name(args.login) if getattr(args, "login", None) is not None else None
    db = app.db
    if db.engine.dialect.name != "postgresql":
        raise StorageError("error.class_sqlite", path=db.shown)
    with db.connect() as conn:
        teacher, owner, user, may_create = access.role(conn)
        if not teacher:
            raise NotYours("error.class_teacher_only", owner=owner, user=user)
        if args.action == "list":
            return _class_list(app, conn)
        raw = conn.connection.driver_connection  # psycopg, in this same transaction
        found = raw.execute(
            "SELECT rolsuper OR pg_has_role(oid, %s, 'USAGE') FROM pg_roles WHERE rolname = %s", (owner, login)
        ).fetchone()
        if found is not None and found[0]:
            raise UsageError("error.class_is_teacher", login=login)
        if args.action == "remove":
            return _class_remove(app, conn, raw, login, found is not None)
        if found is None and not may_create:
            raise NotYours("error.class_no_createrole", user=user)
        password = _class_password(app, login) if found is None else None
        _class_add(conn, raw, login, password, exists=found is not None)
        claimed = raw.execute(
            "UPDATE profile SET db_user = %s WHERE name = %s AND db_user IS NULL RETURNING name", (login, login)
        ).fetchall()
    address = _address_for(db.url, login)
    if found is not None:
        tell(t("class.added_existing", login=login, address=address))
    else:
        tell(t("class.added", login=login, address=address))
        tell(t("class.password_hint" if password else "class.no_password_hint", login=login))
    for (name,) in claimed:
        tell(t("class.claimed", name=name, login=login))
    return 0


def _address_for(url: str, login: str) -> str:
    """The teacher's address with the learner's login and no password, as it was written
    (a socket folder stays readable: ?host=/run/postgresql)."""
    from urllib.parse import quote

    from sqlalchemy.engine import make_url

    u = make_url(url)
    where = (u.host or "") + (f":{u.port}" if u.port else "")
    query = "&".join(f"{k}={v}" for k, values in u.query.items() for v in ((values,) if isinstance(values, str) else values))
    return f"{u.drivername}://{quote(login, safe='')}@{where}/{u.database or ''}" + (f"?{query}" if query else "")


def _class_add(conn, raw, login: str, password: str | None, *, exists: bool) -> None:
    from psycopg import sql

    from dockquiz.storage import access

    if not exists:
        statement = sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(login))
        if password is not None:  # sent as its SCRAM verifier, never as the password itself
            verifier = raw.pgconn.encrypt_password(password.encode("utf-8"), login.encode("utf-8"), None)
            statement = sql.SQL("{} PASSWORD {}").format(statement, sql.Literal(verifier.decode("ascii")))
        raw.execute(statement)
    for grant in access.learner_grants(raw, login):
        raw.execute(grant)


def _class_remove(app: App, conn, raw, login: str, exists: bool) -> int:
    import psycopg

    from dockquiz.storage import access

    if not exists or login not in access.learners(conn):
        raise UsageError("error.class_not_learner", login=login)
    for revoke in access.revoke_learner(raw, login):
        raw.execute(revoke)
    profiles, reviews = raw.execute(
        "SELECT count(DISTINCT p.id), count(r.id) FROM profile p LEFT JOIN review r ON r.profile_id = p.id WHERE p.db_user = %s",
        (login,),
    ).fetchone()
    from psycopg import sql

    kept = None
    try:
        with raw.transaction():  # a savepoint: the login may still be used elsewhere on the server
            raw.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(login)))
    except psycopg.errors.DependentObjectsStillExist as exc:  # the server's own words: where it is used
        kept = "; ".join(filter(None, [str(exc).splitlines()[0], (exc.diag.message_detail or "").splitlines()[0]]))
    tell(app.t("class.removed", login=login, profiles=profiles, reviews=reviews))
    tell(app.t("class.login_kept", login=login, reason=kept) if kept else app.t("class.login_dropped", login=login))
    return 0


def _class_list(app: App, conn) -> int:
    from dockquiz.storage import access

    rows = []
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
    if app.args.json:
        show_json(rows)
        return 0
    if not rows:
        say(app.t("class.none"))
        return 0
    from rich.table import Table
    from rich.text import Text

    from dockquiz.render import console

    table = Table(box=None)
    for key in ("login", "profiles", "reviews", "last"):
        table.add_column(app.t("class.col." + key), justify="right" if key == "reviews" else "left")
    for row in rows:
        last = row["last_review"][:16].replace("T", " ") if row["last_review"] else "—"
        name = row["login"] if row["can_login"] else f"{row['login']} ({app.t('class.no_login')})"
        table.add_row(Text(name), Text(", ".join(row["profiles"])), str(row["reviews"]), last)
    console().print(table)
    return 0


LOGIN = Arg("login", metavar="LOGIN", help="help.classcmd.login")

COMMANDS = (
    Command(
        "class",
        cmd_class,
        actions=(
            Command(
                "add",
                None,
                LOGIN,
                OneOf(
                    Arg("--password-stdin", action="store_true", help="help.classcmd.password_stdin"),
                    Arg("--no-password", action="store_true", help="help.classcmd.no_password"),
                ),
                help="help.classcmd.add",
            ),
            Command("remove", None, LOGIN, help="help.classcmd.remove"),
            Command("list", None, JSON, help="help.classcmd.list"),
        ),
    ),
)
