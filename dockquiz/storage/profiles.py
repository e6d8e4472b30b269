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
