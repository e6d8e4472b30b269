"""The schema as SQLAlchemy Core tables. Changes only through Alembic revisions in ``migrations/``.

Core alone, so a bulk import (and anything else that needs no ORM) runs without loading
the ORM; ``models`` maps its classes onto these same tables.
"""

from __future__ import annotations

from datetime import timezone

from sqlalchemy import JSON as _PORTABLE_JSON
from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.types import TypeDecorator


class JSON(TypeDecorator):
    """JSON in SQLite, JSONB in PostgreSQL (comparable, indexable). The PostgreSQL dialect is
    loaded only where a PostgreSQL database is used, not on every SQLite learner's start."""

    impl = _PORTABLE_JSON
    cache_ok = True

    def __init__(self, none_as_null: bool = False) -> None:
        super().__init__(none_as_null=none_as_null)
        self.none_as_null = none_as_null

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return dialect.type_descriptor(JSONB(none_as_null=self.none_as_null))
        return dialect.type_descriptor(_PORTABLE_JSON(none_as_null=self.none_as_null))


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in, aware UTC datetimes out: stored naive UTC in SQLite, as
    ``timestamp with time zone`` in PostgreSQL."""

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect):
        return dialect.type_descriptor(DateTime(timezone=dialect.name == "postgresql"))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        utc = value.astimezone(timezone.utc)
        return utc if dialect.name == "postgresql" else utc.replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)

    # SQLite: the text SQLite's DATETIME writes ('2026-11-28 00:00:00.000000'), in one step
    # (isoformat(" ", "microseconds")) instead of this decorator's process and DATETIME's
    # formatting of each field: half the time, paid for every time written (three an answer).
    def bind_processor(self, dialect):
        if dialect.name != "sqlite":
            return super().bind_processor(dialect)
        utc = timezone.utc

        def process(value):
            if value is None:
                return None
            if value.tzinfo is None:
                raise ValueError("naive datetime")
            return value.astimezone(utc).replace(tzinfo=None).isoformat(" ", "microseconds")

        return process


def _col(name: str, type_, *args, null: bool = False, **kw) -> Column:
    """NOT NULL unless said otherwise."""
    return Column(name, type_, *args, nullable=null, **kw)


def _id() -> Column:
    return Column("id", Integer, primary_key=True)


metadata = MetaData()

profile = Table(
    "profile",
    metadata,
    _id(),
    _col("name", String(100), unique=True),
    _col("language", String(10), null=True),
    _col("settings", JSON(), default=dict),
    _col("created_at", UTCDateTime),
    _col("db_user", String(100), null=True),  # PostgreSQL: the role whose progress this is (0006)
)

deck = Table(
    "deck",
    metadata,
    _id(),
    _col("name", String(200), unique=True),
    _col("key_name", String(200), null=True),  # the name its cards' keys were made with (after a rename)
    _col("source_path", Text, null=True),
    _col("source_hash", String(64), null=True),
    _col("created_at", UTCDateTime),
    _col("updated_at", UTCDateTime),
)

card = Table(
    "card",
    metadata,
    _id(),
    _col("deck_id", Integer, ForeignKey("deck.id", ondelete="CASCADE")),
    _col("key", String(80)),
    _col("kind", String(20)),
    _col("section", JSON(), default=list),
    _col("prompt_ja", Text, default=""),
    _col("prompt_en", Text, default=""),
    _col("answer", Text),
    _col("variants", JSON(), default=list),  # accepted variants
    _col("command", Text, null=True),
    _col("hints", JSON(), default=dict),
    # no longer read: an import compares the fields themselves (empty for cards added since).
    # Dropping it would rebuild card on SQLite < 3.35, which its foreign keys make unsafe.
    _col("content_hash", String(40), default=""),
    _col("source_line", Integer, default=0),
    _col("ordinal", Integer, default=0),
    _col("status", String(12), default="active"),
    _col("version", Integer, default=1),
    _col("created_at", UTCDateTime),
    _col("updated_at", UTCDateTime),
    UniqueConstraint("deck_id", "key"),
    Index("ix_card_deck_status", "deck_id", "status"),
    Index("ix_card_deck_ordinal", "deck_id", "ordinal"),
    Index("ix_card_deck_command", "deck_id", "command"),
)

card_state = Table(  # FSRS state of one card for one profile. No row = a new card.
    "card_state",
    metadata,
    Column("profile_id", Integer, ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True),
    Column("card_id", Integer, ForeignKey("card.id", ondelete="CASCADE"), primary_key=True),
    _col("state", Integer),  # fsrs.State: 1 learning, 2 review, 3 relearning
    _col("step", Integer, null=True),
    _col("stability", Float, null=True),
    _col("difficulty", Float, null=True),
    _col("due", UTCDateTime),
    _col("last_review", UTCDateTime, null=True),
    _col("reps", Integer, default=0),
    _col("lapses", Integer, default=0),
    Index("ix_card_state_due", "profile_id", "due"),
)

burial = Table(  # a card one profile skipped in study: out of its queue until ``until`` (0009)
    "burial",
    metadata,
    Column("profile_id", Integer, ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True),
    Column("card_id", Integer, ForeignKey("card.id", ondelete="CASCADE"), primary_key=True),
    _col("until", UTCDateTime),
)

review = Table(
    "review",
    metadata,
    _id(),
    _col("profile_id", Integer, ForeignKey("profile.id", ondelete="CASCADE")),
    _col("card_id", Integer, ForeignKey("card.id", ondelete="CASCADE")),
    _col("reviewed_at", UTCDateTime),
    _col("typed", Text, default=""),
    _col("verdict", String(12)),
    _col("rating", Integer),
    _col("duration_ms", Integer, default=0),
    _col("state_before", JSON(none_as_null=True), null=True),  # NULL for a new card
    _col("state_after", JSON()),
    _col("prior_state", Integer, null=True),  # fsrs state before; NULL for a new card
    # [[expected, typed], ...]: a valid token typed for another (-P for -p, rm for rmi)
    _col("confusions", JSON(none_as_null=True), null=True),
    Index("ix_review_profile_time", "profile_id", "reviewed_at"),
    Index("ix_review_card", "card_id"),
    Index("ix_review_prior_state", "profile_id", "prior_state", "reviewed_at", "rating"),
    # partial on PostgreSQL too (migration 0002); naming postgresql_where here would load
    # that dialect on every start, for DDL only Alembic emits
    Index("ix_review_confusions", "profile_id", sqlite_where=text("confusions IS NOT NULL")),
    # the reviews rated Again, by time: the cards a class forgets most (stats --class, 0010)
    Index("ix_review_again", "reviewed_at", "card_id", "profile_id", sqlite_where=text("rating = 1")),
)

# What ``stats`` counts, kept by the database itself (revision 0008): triggers on review add
# and take away each review as it is written, undone, merged or deleted with its card, deck or
# profile, so the figures read a few thousand rows instead of every review. ``hour`` is the
# UTC hour, in hours since 1970-01-01 (study days are made of hours in Python, as before).
review_hour = Table(
    "review_hour",
    metadata,
    Column("profile_id", Integer, ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True),
    Column("hour", Integer, primary_key=True, autoincrement=False),
    _col("reviews", Integer),
    _col("correct", Integer),  # verdict exact or equivalent
    _col("duration_ms", BigInteger),
    _col("due", Integer),  # answers to a card in review (prior_state 2): retention's base
    _col("kept", Integer),  # of those, remembered (rating > 1)
)

review_confusion = Table(  # how often each [expected, typed] pair of review.confusions occurs
    "review_confusion",
    metadata,
    Column("profile_id", Integer, ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True),
    Column("expected", Text, primary_key=True),
    Column("typed", Text, primary_key=True),
    _col("n", Integer),
)
