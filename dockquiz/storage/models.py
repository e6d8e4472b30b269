"""SQLAlchemy models. Schema changes only through Alembic revisions in ``migrations/``."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (JSON, DateTime, Float, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint, text)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in, aware UTC datetimes out (stored naive UTC)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    pass


class Profile(Base):
    __tablename__ = "profile"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    language: Mapped[str | None] = mapped_column(String(10))
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Deck(Base):
    __tablename__ = "deck"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    source_path: Mapped[str | None] = mapped_column(Text)
    source_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    cards: Mapped[list["Card"]] = relationship(back_populates="deck", cascade="all, delete-orphan")


class Card(Base):
    __tablename__ = "card"
    __table_args__ = (UniqueConstraint("deck_id", "key"), Index("ix_card_deck_status", "deck_id", "status"),
                      Index("ix_card_deck_ordinal", "deck_id", "ordinal"),
                      Index("ix_card_deck_command", "deck_id", "command"))
    id: Mapped[int] = mapped_column(primary_key=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("deck.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))
    section: Mapped[list] = mapped_column(JSON, default=list)
    prompt_ja: Mapped[str] = mapped_column(Text, default="")
    prompt_en: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text)
    variants: Mapped[list] = mapped_column(JSON, default=list)   # accepted variants
    command: Mapped[str | None] = mapped_column(Text)
    hints: Mapped[dict] = mapped_column(JSON, default=dict)
    content_hash: Mapped[str] = mapped_column(String(40), default="")   # of the fields an import compares
    source_line: Mapped[int] = mapped_column(Integer, default=0)
    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(12), default="active")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deck: Mapped[Deck] = relationship(back_populates="cards")


class CardState(Base):
    """FSRS state of one card for one profile. No row = a new card."""

    __tablename__ = "card_state"
    __table_args__ = (Index("ix_card_state_due", "profile_id", "due"),)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[int] = mapped_column(Integer)          # fsrs.State: 1 learning, 2 review, 3 relearning
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(UTCDateTime)
    last_review: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)


class Review(Base):
    __tablename__ = "review"
    __table_args__ = (Index("ix_review_profile_time", "profile_id", "reviewed_at"),
                      Index("ix_review_card", "card_id"),
                      Index("ix_review_prior_state", "profile_id", "prior_state", "reviewed_at", "rating"),
                      # partial on PostgreSQL too (migration 0002); naming postgresql_where here
                      # would load that dialect on every start, for DDL only Alembic emits
                      Index("ix_review_confusions", "profile_id", sqlite_where=text("confusions IS NOT NULL")))
    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"))
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    typed: Mapped[str] = mapped_column(Text, default="")
    verdict: Mapped[str] = mapped_column(String(12))
    rating: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    state_before: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))  # NULL for a new card
    state_after: Mapped[dict] = mapped_column(JSON)
    prior_state: Mapped[int | None] = mapped_column(Integer)   # fsrs state before; NULL for a new card
    # [[expected, typed], ...]: a valid token typed for another (-P for -p, rm for rmi)
    confusions: Mapped[list | None] = mapped_column(JSON(none_as_null=True))
