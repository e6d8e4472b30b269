"""Decks as the commands show and change them: listed with their counts, renamed, removed.
Library code: takes a database, returns plain values, prints nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select

from dockquiz.errors import UsageError
from dockquiz.storage.tables import card, deck, review


def listing(db, now: datetime, profile: str | None = None) -> list[dict]:
    """Every deck: its cards (not retired), due now and new for the profile, suspended, retired."""
    from dockquiz.storage import repo

    with db.session() as s:
        rows = repo.decks_with_counts(s)
        prof = repo.readable_profile(s, profile)
        due = repo.due_and_new(s, prof.id if prof else None, now)
        return [
            {
                "name": d.name,
                "source": d.source_path,
                "cards": sum(n for st, n in c.items() if st != "retired"),
                "due": due.get(d.id, (0, 0))[0],
                "new": due.get(d.id, (0, 0))[1],
                "suspended": c.get("suspended", 0),
                "retired": c.get("retired", 0),
                "updated": d.updated_at.isoformat(),
            }
            for d, c in rows
        ]


def rename(db, name: str, new: str) -> str:
    """Rename a deck (its cards keep their keys); the teacher's to do on a class database.
    Returns the new name, stripped."""
    from dockquiz.storage import repo

    new = new.strip()
    if not new:
        raise UsageError("error.deck_name_empty")
    with db.session() as s:
        found = repo.require_deck(s, name)
        repo.require_teacher(s)
        if new != found.name and repo.deck_by_name(s, new) is not None:
            raise UsageError("error.deck_exists", name=new)
        found.key_name = found.key_name or found.name  # its cards keep their keys
        found.name = new
    return new


@dataclass(frozen=True)
class Removal:
    """What removing a deck takes with it: its cards, every profile's reviews of them, and how
    many of those are other profiles' (a shared file: the history is not only ours)."""

    deck_id: int
    cards: int
    reviews: int
    other_profiles: int
    their_reviews: int


def removal(db, name: str, profile: str | None = None) -> Removal:
    """What ``remove`` would take (nothing changes); the teacher's to ask on a class database."""
    from dockquiz.storage import repo

    with db.session() as s:
        found = repo.require_deck(s, name)
        repo.require_teacher(s)
        deck_id = found.id
        cards = s.scalar(select(func.count()).select_from(card).where(card.c.deck_id == deck_id)) or 0
        reviews = (
            s.scalar(
                select(func.count())
                .select_from(review)
                .join(card, card.c.id == review.c.card_id)
                .where(card.c.deck_id == deck_id)
            )
            or 0
        )
        mine = repo.find_profile(s, profile)
        others, their_reviews = s.execute(
            select(func.count(func.distinct(review.c.profile_id)), func.count())
            .select_from(review)
            .join(card, card.c.id == review.c.card_id)
            .where(card.c.deck_id == deck_id, review.c.profile_id != (mine.id if mine else -1))
        ).one()
    return Removal(deck_id, cards, reviews, others, their_reviews)


def remove(db, what: Removal) -> None:
    """Remove the deck; its cards, reviews and states go with it (the foreign keys cascade)."""
    with db.connect() as conn:
        conn.execute(delete(deck).where(deck.c.id == what.deck_id))
