"""ORM classes mapped onto the Core tables in ``tables`` (declarative with imperative table).

Column attributes come from the tables; the annotations are for readers and type checkers.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import DeclarativeBase, Mapped, relationship

from dockquiz.storage import tables
from dockquiz.storage.tables import UTCDateTime

__all__ = ["Base", "Profile", "Deck", "Card", "CardState", "Review", "UTCDateTime"]


class Base(DeclarativeBase):
    metadata = tables.metadata


class Profile(Base):
    __table__ = tables.profile
    id: Mapped[int]
    name: Mapped[str]
    language: Mapped[str | None]
    settings: Mapped[dict]
    created_at: Mapped[datetime]
    db_user: Mapped[str | None]


class Deck(Base):
    __table__ = tables.deck
    id: Mapped[int]
    name: Mapped[str]
    key_name: Mapped[str | None]
    source_path: Mapped[str | None]
    source_hash: Mapped[str | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    cards: Mapped[list[Card]] = relationship(back_populates="deck", cascade="all, delete-orphan")


class Card(Base):
    __table__ = tables.card
    id: Mapped[int]
    deck_id: Mapped[int]
    key: Mapped[str]
    kind: Mapped[str]
    section: Mapped[list]
    prompt_ja: Mapped[str]
    prompt_en: Mapped[str]
    answer: Mapped[str]
    variants: Mapped[list]
    command: Mapped[str | None]
    hints: Mapped[dict]
    content_hash: Mapped[str]  # no longer read (see tables.py)
    source_line: Mapped[int]
    ordinal: Mapped[int]
    status: Mapped[str]
    version: Mapped[int]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    deck: Mapped[Deck] = relationship(back_populates="cards")


class CardState(Base):
    """FSRS state of one card for one profile. No row = a new card."""

    __table__ = tables.card_state
    profile_id: Mapped[int]
    card_id: Mapped[int]
    state: Mapped[int]
    step: Mapped[int | None]
    stability: Mapped[float | None]
    difficulty: Mapped[float | None]
    due: Mapped[datetime]
    last_review: Mapped[datetime | None]
    reps: Mapped[int]
    lapses: Mapped[int]


class Review(Base):
    __table__ = tables.review
    id: Mapped[int]
    profile_id: Mapped[int]
    card_id: Mapped[int]
    reviewed_at: Mapped[datetime]
    typed: Mapped[str]
    verdict: Mapped[str]
    rating: Mapped[int]
    duration_ms: Mapped[int]
    state_before: Mapped[dict | None]
    state_after: Mapped[dict]
    prior_state: Mapped[int | None]
    confusions: Mapped[list | None]
