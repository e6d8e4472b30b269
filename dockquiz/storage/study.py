"""A study session's storage: every statement it runs (Core, on tables, with bind parameters,
built once), on one connection kept for the session, and the changes an answer made,
recorded so that undo puts them back (as Anki's ``transact(Op…)``) instead of restoring
fields by hand.

- :class:`StudyStore`: the kept connection; ``read()`` and ``write()`` units on it. An
  answer is one write transaction (SQLite WAL: durable once it commits, kill -9 or not).
- Today's queue as rows: due cards, each deck's first new cards, what was answered today,
  the burials in force.
- :func:`save_answer` writes a card's new state and its review and returns the
  :class:`Change` rows it made; :func:`reverse` undoes them.
- The statements of every answer (:data:`STMT`) are compiled once per dialect and run on the
  kept connection's DBAPI cursor (:func:`run`): SQLAlchemy's own SQL, bind and result
  processing and errors, without its per-execute work (a cache key, an execution context, a
  result object: about three quarters of each statement's time on SQLite).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Table, Text, bindparam, cast, delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError, DBAPIError, IntegrityError, OperationalError

from dockquiz.errors import ConflictError
from dockquiz.storage.prepared import Prepared
from dockquiz.storage.tables import burial, card, card_state, deck, review
from dockquiz.vocabulary import STATE_FIELDS

c, sc, rc = card.c, card_state.c, review.c

# What tells a card's siblings apart (sibling_group): deck, section as stored text, answer, prompt.
GROUP_COLUMNS = (c.deck_id, cast(c.section, Text).label("section"), c.answer, c.prompt_ja)
STATE_COLUMNS = tuple(sc[name] for name in STATE_FIELDS)
_QUEUE_COLUMNS = (c.id, c.kind, c.command, deck.c.name, c.ordinal, *GROUP_COLUMNS)

_CARD_COLUMNS = (
    c.id,
    c.kind,
    c.section,
    c.prompt_ja,
    c.prompt_en,
    c.command,
    c.answer,
    c.hints,
    c.variants,
    c.version,
    c.deck_id,
    c.ordinal,
    deck.c.name.label("deck"),
    deck.c.source_path.label("deck_source"),  # the built-in deck's notes are not the learner's
)


# What a review row is written with: every column but its key (session.rate gives each).
REVIEW_FIELDS = tuple(name for name in review.c.keys() if name != "id")


def _statements() -> dict:
    """The statements of every answer, built once (Core, on tables, with bind parameters).
    A state is written only if the card is still the version that was shown (``w_version``):
    an import that changed it since is a conflict, found without reading it again."""
    same_card = select(c.id).where(c.id == bindparam("w_card"), c.version == bindparam("w_version")).exists()
    names = [col.name for col in card_state.c]
    near = (
        select(c.answer, c.section, c.command, c.ordinal)
        .where(
            c.deck_id == bindparam("deck"),
            c.ordinal.between(bindparam("lo"), bindparam("hi")),
            c.kind == "example",
            c.status != "retired",
        )
        .order_by(c.ordinal)
        .limit(5)
        .subquery()
    )
    return {
        "card": select(*_CARD_COLUMNS).join(deck, deck.c.id == c.deck_id).where(c.id == bindparam("card")),
        "shown": select(c.version, c.status, *STATE_COLUMNS)
        .outerjoin(card_state, (sc.card_id == c.id) & (sc.profile_id == bindparam("profile")))
        .where(c.id == bindparam("card")),
        "insert_state": card_state.insert()  # INSERT … SELECT: rowcount is -1 on psycopg, RETURNING says
        .from_select(names, select(*[bindparam(name, type_=card_state.c[name].type) for name in names]).where(same_card))
        .returning(sc.card_id),
        "update_state": card_state.update().where(
            sc.profile_id == bindparam("w_profile"), sc.card_id == bindparam("w_card"), sc.reps == bindparam("w_reps"), same_card
        ),
        "review": review.insert().values({name: bindparam(name, type_=rc[name].type) for name in REVIEW_FIELDS}).returning(rc.id),
        # of the five examples just after a command card, those of its command (the others'
        # sections are never read: a JSON value each)
        "examples": select(near.c.answer, near.c.section, near.c.command)
        .where(near.c.command == bindparam("command"))
        .order_by(near.c.ordinal),
    }


STMT = _statements()


_PREPARED: dict[tuple[str, str], Prepared] = {}


def _dbapi(conn: Connection):
    return conn.connection.dbapi_connection


def _raised(conn: Connection, exc: Exception, sql: str, params) -> DBAPIError:
    """A driver's error as ``Connection.execute`` raises it (DBAPIError.instance: IntegrityError,
    OperationalError…), the connection invalidated where the dialect reads a disconnect."""
    dialect = conn.dialect
    gone = dialect.is_disconnect(exc, conn.connection, None)
    if gone:
        conn.invalidate()
    return DBAPIError.instance(sql, params, exc, dialect.loaded_dbapi.Error, connection_invalidated=gone, dialect=dialect)


def run(conn: Connection, name: str, values: dict) -> tuple[list, int]:
    """Run ``STMT[name]`` with ``values`` on the connection's DBAPI cursor: its rows (a select's
    as named tuples of its columns) and its rowcount. In the unit's transaction
    (:meth:`StudyStore.read`, ``write``), which ends the DBAPI connection's too."""
    key = (conn.dialect.name, name)
    prepared = _PREPARED.get(key)
    if prepared is None:
        prepared = _PREPARED[key] = Prepared(STMT[name], conn.dialect)
    params = prepared.params(values)
    cursor = _dbapi(conn).cursor()
    try:
        cursor.execute(prepared.sql, params)
        return prepared.rows(cursor), cursor.rowcount
    except conn.dialect.loaded_dbapi.Error as exc:
        raise _raised(conn, exc, prepared.sql, params) from exc
    finally:
        cursor.close()


def _end(conn: Connection, commit: bool) -> None:
    """End a unit: SQLAlchemy's transaction where a Core statement began one (it ends the DBAPI
    connection's), else the DBAPI connection's own (only :func:`run` statements ran)."""
    if conn.in_transaction():
        conn.commit() if commit else conn.rollback()
        return
    raw = _dbapi(conn)
    try:
        raw.commit() if commit else raw.rollback()
    except conn.dialect.loaded_dbapi.Error as exc:
        raise _raised(conn, exc, "COMMIT" if commit else "ROLLBACK", ()) from exc


class StudyStore:
    """One connection kept for the study session (an answer pays no connect, no pool
    checkout, no reset), in units: ``read()`` ends its transaction as it leaves (nothing is
    held between answers: another session, an import or a backup is never kept waiting),
    ``write()`` commits or rolls back. A unit the database failed drops the connection (a
    server gone away): the next unit connects again. Errors come out as the one-line
    StorageError of ``db.storage_error``."""

    def __init__(self, db) -> None:
        self.db = db
        self._conn: Connection | None = None

    def _connection(self) -> Connection:
        if self._conn is None or self._conn.closed:
            self._conn = self.db.engine.connect()
        return self._conn

    def read(self) -> "_Unit":
        return _Unit(self, False)

    def write(self) -> "_Unit":
        return _Unit(self, True)

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # noqa: BLE001 - a connection already broken: nothing to give back
                pass
            self._conn = None


class _Unit:
    """One unit on the store's connection (``with store.read() as conn``): the connection
    in, its transaction ended as the unit leaves (committed for a write that raised
    nothing, else rolled back, where the connection still stands); a database error as the
    one-line StorageError, the connection dropped. A class, not a generator: three units an
    answer."""

    __slots__ = ("store", "write", "conn")

    def __init__(self, store: StudyStore, write: bool) -> None:
        self.store, self.write = store, write

    def __enter__(self) -> Connection:
        try:
            self.conn = self.store._connection()
        except (DatabaseError, OperationalError) as exc:
            raise self._failed(exc) from None
        return self.conn

    def __exit__(self, kind, exc, _tb) -> bool:
        conn = self.conn
        try:
            if kind is None:
                _end(conn, self.write)
                return False
            if not conn.invalidated:
                _end(conn, False)  # a read rolls back: nothing to keep, and no snapshot held until the next answer
        except (DatabaseError, OperationalError) as error:
            raise self._failed(error) from None
        if isinstance(exc, (DatabaseError, OperationalError)):
            raise self._failed(exc) from None
        return False

    def _failed(self, exc: Exception):
        from dockquiz.storage.db import storage_error

        self.store.close()
        return storage_error(exc, self.store.db.shown)


def card_row(conn, card_id: int):
    """A card as study shows it, with its deck's name."""
    (row,), _ = run(conn, "card", {"card": card_id})
    return row


def state_of(row):
    """The state columns of a row as a SchedState; None for a new card. They come last in
    every statement that reads them (STATE_COLUMNS, in SchedState's order)."""
    from dockquiz.scheduling.states import SchedState

    if row.state is None:
        return None
    return SchedState(*row[-len(STATE_FIELDS) :])


def shown_row(conn, card_id: int, profile_id: int):
    """The card's version and status and this profile's state of it (None columns: new)."""
    (row,), _ = run(conn, "shown", {"card": card_id, "profile": profile_id})
    return row


# --- today's queue ------------------------------------------------------------------------
def _scope(deck_id: int | None) -> list:
    return [c.status == "active", *([c.deck_id == deck_id] if deck_id is not None else [])]


def _unseen(profile_id: int):
    return ~select(sc.card_id).where(sc.profile_id == profile_id, sc.card_id == c.id).exists()


def due_rows(conn, profile_id: int, deck_id: int | None, before: datetime) -> list:
    """Scheduled cards due before ``before``: the queue columns, then the state's."""
    stmt = (
        select(*_QUEUE_COLUMNS, *STATE_COLUMNS)
        .join(card, c.id == sc.card_id)
        .join(deck, deck.c.id == c.deck_id)
        .where(sc.profile_id == profile_id, sc.due < before, *_scope(deck_id))
    )
    return conn.execute(stmt).all()


def new_rows(conn, profile_id: int, deck_id: int, limit: int) -> list:
    """A deck's first ``limit`` active cards this profile never saw, in note order."""
    stmt = (
        select(*_QUEUE_COLUMNS)
        .join(deck, deck.c.id == c.deck_id)
        .where(*_scope(deck_id), _unseen(profile_id))
        .order_by(c.ordinal)
        .limit(limit)
    )
    return conn.execute(stmt).all()


_RAISE = object()


def deck_named(conn, name: str, missing=_RAISE) -> int | None:
    """The id of the deck of that name; ``missing`` if there is none (by default, UnknownDeck)."""
    found = conn.scalar(select(deck.c.id).where(deck.c.name == name))
    if found is None and missing is _RAISE:
        from dockquiz.errors import UnknownDeck

        raise UnknownDeck("error.unknown_deck", name=name)
    return found if found is not None else missing


def deck_ids(conn, deck_id: int | None) -> list[int]:
    return [deck_id] if deck_id is not None else list(conn.scalars(select(deck.c.id)))


def deck_names(conn) -> list[str]:
    return list(conn.scalars(select(deck.c.name).order_by(deck.c.name)))


def new_shown_since(conn, profile_id: int, start: datetime) -> dict[int, int]:
    """Per deck: new cards this profile answered since ``start`` (its first review)."""
    stmt = (
        select(c.deck_id, func.count())
        .join(review, rc.card_id == c.id)
        .where(rc.profile_id == profile_id, rc.reviewed_at >= start, rc.prior_state.is_(None))
        .group_by(c.deck_id)
    )
    return dict(conn.execute(stmt).all())


def answered_since(conn, profile_id: int, start: datetime) -> list:
    """The cards answered since ``start``, as sibling_group's arguments."""
    stmt = (
        select(c.deck_id, c.kind, GROUP_COLUMNS[1], c.command, *GROUP_COLUMNS[2:])
        .join(review, rc.card_id == c.id)
        .where(rc.profile_id == profile_id, rc.reviewed_at >= start)
        .distinct()
    )
    return conn.execute(stmt).all()


def unseen_count(conn, profile_id: int, deck_id: int | None) -> int:
    """Active cards in scope this profile never saw: those in scope less those it has a state
    of (one at most per card: the key). Two counts, one over an index of the cards and one over
    the profile's states, instead of a look-up of a state for every card (40,000 on a large deck)."""
    active = conn.scalar(select(func.count()).select_from(card).where(*_scope(deck_id))) or 0
    seen = select(func.count()).select_from(card_state).join(card, c.id == sc.card_id).where(sc.profile_id == profile_id)
    return active - (conn.scalar(seen.where(*_scope(deck_id))) or 0)


def next_due(conn, profile_id: int, deck_id: int | None, now: datetime) -> datetime | None:
    """When this profile's first active card in scope is due (before ``now`` when cards are
    due now), a card skipped until later not counted."""
    stmt = select(func.min(sc.due)).join(card, c.id == sc.card_id).where(sc.profile_id == profile_id, ~_buried_at(sc, now))
    return conn.scalar(stmt.where(*_scope(deck_id)))


def reviews_since(conn, profile_id: int, since: datetime | None) -> int:
    stmt = select(func.count()).select_from(review).where(rc.profile_id == profile_id)
    return conn.scalar(stmt.where(rc.reviewed_at > since) if since else stmt) or 0


# --- burials (a skip) ---------------------------------------------------------------------
def bury(conn, profile_id: int, card_id: int, until: datetime, now: datetime) -> None:
    """Keep the card out of this profile's study until ``until`` (a skip); burials that have
    ended go. On PostgreSQL a learner buries only in its own profiles (the policy of 0009)."""
    b = burial.c
    conn.execute(delete(burial).where(b.profile_id == profile_id, (b.until <= now) | (b.card_id == card_id)))
    conn.execute(insert(burial).values(profile_id=profile_id, card_id=card_id, until=until))


def buried(conn, profile_id: int, now: datetime, deck_id: int | None = None, *, unseen: bool = False) -> dict[int, datetime]:
    """This profile's buried cards of a deck (of all, by default) and until when, the burials
    in force at ``now``; ``unseen``: only cards the profile never answered (new cards)."""
    b = burial.c
    stmt = select(b.card_id, b.until).where(b.profile_id == profile_id, b.until > now)
    if deck_id is not None:
        stmt = stmt.where(b.card_id.in_(select(c.id).where(c.deck_id == deck_id)))
    if unseen:
        stmt = stmt.where(~select(sc.card_id).where(sc.profile_id == profile_id, sc.card_id == b.card_id).exists())
    return dict(conn.execute(stmt).all())


def _buried_at(state, now: datetime):
    """Whether the card of a state row is buried (skipped) at ``now`` for its profile."""
    b = burial.c
    return select(b.card_id).where(b.profile_id == state.profile_id, b.card_id == state.card_id, b.until > now).exists()


# --- what a card shows beside it ----------------------------------------------------------
def examples_after(conn, card_row) -> list:
    """Of the (up to five) examples just after a command card, those of its command: (answer,
    section, command)."""
    lo = card_row.ordinal + 1
    return run(conn, "examples", {"deck": card_row.deck_id, "lo": lo, "hi": lo + 59, "command": card_row.command})[0]


def option_words(conn, deck_id: int, spellings) -> list:
    """The deck's option cards of a command (any of its spellings): (flag, the notes' words)."""
    stmt = select(c.answer, c.prompt_ja).where(c.deck_id == deck_id, c.command.in_(list(spellings)), c.kind == "option")
    return conn.execute(stmt).all()


def meanings_of(conn, deck_id: int, command: str | None) -> list:
    """Up to 40 active meaning cards of a command: (answer, hints)."""
    stmt = select(c.answer, c.hints).where(c.deck_id == deck_id, c.command == command, c.kind == "meaning", c.status == "active")
    return conn.execute(stmt.limit(40)).all()


def meanings_near(conn, deck_id: int, card_id: int, ordinal: int) -> list:
    """Up to 20 meaning cards near a card in its deck's order: (answer, hints)."""
    stmt = select(c.answer, c.hints).where(
        c.deck_id == deck_id, c.kind == "meaning", c.id != card_id, c.ordinal.between(ordinal - 200, ordinal + 200)
    )
    return conn.execute(stmt.limit(20)).all()


def meanings_of_program(conn, deck_id: int, command: str, *, other_decks: bool = False) -> list:
    """Up to 40 active meaning cards of the program of ``command`` (``git`` for ``git reset``:
    ``git reset``, ``git commit``…), of this deck or of the others: (answer, hints), the same
    command first, then in note order."""
    program = command.split()[0]
    of_program = or_(c.command == program, c.command.startswith(program + " ", autoescape=True))
    in_deck = c.deck_id != deck_id if other_decks else c.deck_id == deck_id
    stmt = select(c.answer, c.hints).where(in_deck, of_program, c.kind == "meaning", c.status == "active")
    return conn.execute(stmt.order_by(c.command != command, c.deck_id, c.ordinal).limit(40)).all()


def meanings_elsewhere(conn, deck_id: int) -> list:
    """Up to 20 active meaning cards of other decks: (answer, hints)."""
    stmt = select(c.answer, c.hints).where(c.deck_id != deck_id, c.kind == "meaning", c.status == "active")
    return conn.execute(stmt.order_by(c.id).limit(20)).all()


def add_variant(conn, card_id: int, form: str | None) -> list[str]:
    """Keep ``form`` among the card's accepted variants; the variants as stored now."""
    variants = list(conn.scalar(select(c.variants).where(c.id == card_id)) or [])
    if form and form not in variants:
        variants.append(form)
    conn.execute(update(card).where(c.id == card_id).values(variants=variants))
    return variants


# --- an answer, recorded ------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    """One row an answer changed, and how it was: ``before`` None for a row it inserted
    (undo deletes it), else the values it had (undo puts them back, if the row is still there)."""

    table: Table
    key: dict
    before: dict | None


def save_answer(conn, profile_id: int, card_id: int, shown, after, review_values: dict, suspend: bool) -> tuple[Change, ...]:
    """Write an answer in the caller's transaction: the card's new state (refused,
    ConflictError ``error.changed``, if the card is no longer the version ``shown`` read or
    another session saved a state since), its review, and the card suspended (a leech) when
    ``suspend``. No read: ``shown`` (:func:`shown_row`, as the answer was submitted) says
    what was there. The rows changed, as they were: the record undo reverses."""
    state = {name: getattr(after, name) for name in STATE_FIELDS}
    key = {"profile_id": profile_id, "card_id": card_id}
    where = {"w_profile": profile_id, "w_card": card_id, "w_reps": shown.reps, "w_version": shown.version}
    try:
        if shown.reps is None:  # INSERT … SELECT: psycopg's rowcount is -1, RETURNING says
            written = len(run(conn, "insert_state", {**key, **state, **where})[0])
        else:
            written = run(conn, "update_state", {**key, **state, **where})[1]
    except IntegrityError:  # another session inserted it first
        raise ConflictError("error.changed") from None
    if written != 1:
        raise ConflictError("error.changed")
    changes = [Change(card_state, key, None if shown.reps is None else {name: getattr(shown, name) for name in state})]
    ((review_id,),), _ = run(conn, "review", {"profile_id": profile_id, "card_id": card_id, **review_values})
    changes.append(Change(review, {"id": review_id}, None))
    if suspend:
        conn.execute(update(card).where(c.id == card_id).values(status="suspended"))
        changes.append(Change(card, {"id": card_id}, {"status": shown.status}))
    return tuple(changes)


def reverse(conn, changes: tuple[Change, ...]) -> None:
    """Undo recorded changes, newest first, in the caller's transaction."""
    for change in reversed(changes):
        where = [change.table.c[name] == value for name, value in change.key.items()]
        if change.before is None:
            conn.execute(delete(change.table).where(*where))
        else:
            conn.execute(update(change.table).where(*where).values(**change.before))
