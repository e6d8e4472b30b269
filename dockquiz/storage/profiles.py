"""Whose progress a command reads or changes: the profile's name, on Core tables only, so
that a reading command (``card ID --json``) never loads the ORM. ``repo`` re-exports these."""

from __future__ import annotations

import os

from sqlalchemy import select

from dockquiz.storage.tables import profile as profile_table

LEGACY_PROFILE = "default"  # the one profile of a database made before profiles had names


def chosen_profile(name: str | None = None) -> str | None:
    """The profile a command names: ``--profile NAME`` (passed in), else ``DOCKQUIZ_PROFILE``."""
    return name or os.environ.get("DOCKQUIZ_PROFILE") or None


def os_user() -> str:
    import getpass

    try:
        return getpass.getuser() or LEGACY_PROFILE
    except Exception:  # noqa: BLE001 - no user name (a container without one): the old name
        return LEGACY_PROFILE


def whose(chosen: str | None, has_legacy: bool) -> str:
    """Whose progress this is: the chosen name; else, in a database that has it, the profile
    every earlier dockquiz used; else the OS user name (learners sharing a database)."""
    return chosen_profile(chosen) or (LEGACY_PROFILE if has_legacy else os_user())


def profile_name(conn, name: str | None = None) -> str:
    """:func:`whose` for the database of ``conn`` (a Core connection or an ORM session)."""
    if chosen_profile(name):
        return chosen_profile(name)
    p = profile_table.c
    return whose(None, conn.scalar(select(p.id).where(p.name == LEGACY_PROFILE)) is not None)


def profile_id(conn, name: str | None = None) -> int | None:
    """The id of the profile of that name (else the one profile_name says), None if none."""
    p = profile_table.c
    return conn.scalar(select(p.id).where(p.name == profile_name(conn, name)))


def own_profile(conn, now, name: str | None = None):
    """The profile whose progress is about to change (made on first use), as a row (``id``,
    ``name``, ``settings``, ``db_user``), on Core. On PostgreSQL it belongs to the database
    user that made it: another user is refused (NotYours). ``conn``: a Core connection, in
    the caller's transaction."""
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    name = profile_name(conn, name)
    p = profile_table.c
    query = select(p.id, p.name, p.settings, p.db_user).where(p.name == name)
    found = conn.execute(query).one_or_none()
    user = db_user(conn)
    if found is None:
        _require_free_name(conn, name, user)
        try:
            with conn.begin_nested():  # another process may create it at the same moment
                conn.execute(insert(profile_table).values(name=name, settings={}, created_at=now, db_user=user))
        except IntegrityError:
            pass
        found = conn.execute(query).one()
    require_own(found, user, conn)
    return found


def _require_free_name(conn, name: str, user: str | None) -> None:
    """A learner's new profile has its own login's name or a name no role on the server has
    (the teacher's, a classmate's to be): refused in one line, before the database's policy
    would refuse it (revision 0011)."""
    from sqlalchemy import text

    from dockquiz.errors import NotYours
    from dockquiz.storage.access import is_teacher

    if user is None or name == user or is_teacher(conn):
        return
    if conn.scalar(text("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = :n"), {"n": name}) is not None:
        raise NotYours("error.profile_role_name", name=name, user=user)


def require_own(prof, user: str | None, conn=None) -> None:
    """Refuse (NotYours) a profile another database user made: its progress is theirs. On a
    class database (given ``conn``, a connection or an ORM session), a profile of nobody in
    particular (made before 0006) is the teacher's to change, not a learner's: the database's
    policies say the same."""
    from dockquiz.errors import NotYours
    from dockquiz.storage.access import is_teacher

    if prof.db_user is not None and prof.db_user != user:
        raise NotYours("error.profile_not_yours", name=prof.name, owner=prof.db_user, user=user or "")
    if prof.db_user is None and user is not None and conn is not None and not is_teacher(conn):
        raise NotYours("error.profile_unowned", name=prof.name, user=user)


def db_user(conn) -> str | None:
    """The database user this connection (or ORM session) logged in as (PostgreSQL); None
    for SQLite, where the file's permissions say who may write."""
    dialect = conn.dialect if hasattr(conn, "dialect") else conn.get_bind().dialect
    if dialect.name != "postgresql":
        return None
    from sqlalchemy import text

    return conn.scalar(text("SELECT current_user"))


def listing(db, name: str | None = None) -> tuple[str, list[dict]]:
    """The name of the profile this command's progress is (``name``, else as :func:`whose`
    says), and every profile of the database: its reviews, the last one, and whether it is that
    one (``current``; a profile not made yet is in no row). A class's learner counts everyone's
    reviews from the figures view (``access.review_source``): nobody reads what a classmate typed."""
    from sqlalchemy import func

    from dockquiz.storage.access import review_source

    with db.connect(commit=False) as conn:
        current = profile_name(conn, name)
        source = review_source(conn)
        r, p = source.c, profile_table.c
        rows = conn.execute(
            select(p.name, func.count(r.id), func.max(r.reviewed_at))
            .select_from(profile_table.outerjoin(source, r.profile_id == p.id))
            .group_by(p.id, p.name)
            .order_by(p.name)
        ).all()
    return current, [
        {"profile": name, "reviews": n, "last_review": last.isoformat() if last else None, "current": name == current}
        for name, n, last in rows
    ]
