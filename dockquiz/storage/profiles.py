"""Whose progress a command reads or changes: the profile's name, on Core tables only, so
that a reading command (``card ID --json``) never loads the ORM. ``repo`` re-exports these."""

from __future__ import annotations

import os

from sqlalchemy import select

from dockquiz.storage.tables import profile as profile_table

LEGACY_PROFILE = "default"  # the one profile of a database made before profiles had names
_chosen: str | None = None


def use_profile(name: str | None) -> None:
    """``--profile NAME`` for this process (else ``DOCKQUIZ_PROFILE``, else see profile_name)."""
    global _chosen
    _chosen = name


def chosen_profile() -> str | None:
    return _chosen or os.environ.get("DOCKQUIZ_PROFILE") or None


def os_user() -> str:
    import getpass

    try:
        return getpass.getuser() or LEGACY_PROFILE
    except Exception:  # noqa: BLE001 - no user name (a container without one): the old name
        return LEGACY_PROFILE


def profile_name(conn) -> str:
    """Whose progress this is: the chosen name; else, in a database that has it, the profile
    every earlier dockquiz used; else the OS user name (learners sharing a database).
    ``conn``: a Core connection or an ORM session."""
    chosen = chosen_profile()
    if chosen:
        return chosen
    p = profile_table.c
    if conn.scalar(select(p.id).where(p.name == LEGACY_PROFILE)) is not None:
        return LEGACY_PROFILE
    return os_user()


def profile_id(conn, name: str | None = None) -> int | None:
    """The id of the profile of that name (else the one profile_name says), None if none."""
    p = profile_table.c
    return conn.scalar(select(p.id).where(p.name == (name or profile_name(conn))))
