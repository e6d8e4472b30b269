"""Reads that must not load SQLAlchemy (most of a start-up): the language a profile saved,
read before the parser is built, and the learner's option cards ``explain`` names flags with.
The standard library's sqlite3, read-only: nothing here makes or changes a database, and a
file that is not there or cannot be read gives nothing (the caller goes on without it)."""

from __future__ import annotations

import os
from collections.abc import Callable


def default_db_path() -> str:
    """The database a learner has when ``--db`` and ``DOCKQUIZ_DB`` say nothing."""
    from dockquiz.resources import user_data_path

    return user_data_path("dockquiz.db")


def saved_language(environ) -> str | None:
    """The profile's saved language (``DOCKQUIZ_PROFILE``, else ``default``, else the OS user's),
    from the SQLite file ``DOCKQUIZ_DB`` names (or the default one); None for a PostgreSQL
    address, a file not there or not readable."""
    import sqlite3

    db = environ.get("DOCKQUIZ_DB")
    if db and "://" in db:
        return None
    if not db:
        try:
            db = default_db_path()
        except ImportError:  # pragma: no cover
            return None
    if not os.path.isfile(db):
        return None
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            chosen = environ.get("DOCKQUIZ_PROFILE")
            names = [chosen] if chosen else ["default", _user()]
            row = next(
                (r for name in names for r in conn.execute("SELECT language FROM profile WHERE name = ?", (name,)).fetchall()),
                None,
            )
        return row[0] if row else None
    except sqlite3.Error:
        return None


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name: only the old profile name is looked for
        return ""


_OPTION_CARDS = (
    "SELECT card.command, card.answer, card.prompt_ja, deck.name, card.source_line FROM card"
    " JOIN deck ON deck.id = card.deck_id WHERE card.kind = 'option' AND card.status != 'retired'"
    " ORDER BY deck.name, card.source_line"
)


def option_cards(db: str | None, open_database: Callable) -> list[tuple]:
    """The learner's option cards (command, flag, their words, deck, line), read only: a
    database that is not there yet is not made for this, and one that cannot be read gives
    no rows. ``db``: ``--db`` (else ``DOCKQUIZ_DB``, else the default file); a PostgreSQL
    address is read through ``open_database()`` (the command's opened database)."""
    import sqlite3

    db = db or os.environ.get("DOCKQUIZ_DB") or default_db_path()
    if "://" in db:
        from sqlalchemy import text

        from dockquiz.errors import DockquizError

        try:
            with open_database().connect(commit=False) as conn:
                return [tuple(r) for r in conn.execute(text(_OPTION_CARDS))]
        except DockquizError:
            return []
    path = os.path.expanduser(db)
    if not os.path.isfile(path):
        return []
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute(_OPTION_CARDS).fetchall()
    except sqlite3.Error:
        return []
