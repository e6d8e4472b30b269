"""Repository functions over a Session. Library code: raises domain errors, prints nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dockquiz.errors import NotYours, UnknownCard, UnknownDeck
from dockquiz.storage.access import class_role, is_teacher, require_teacher  # noqa: F401 - Core only: an import uses them
from dockquiz.storage.models import Card, CardState, Deck, Profile
from dockquiz.storage.profiles import (  # noqa: F401 - re-exported
    LEGACY_PROFILE,
    chosen_profile,
    db_user,
    os_user,
    own_profile,
    profile_name,
    require_own,
    whose,
)


def profile(session: Session, now: datetime, name: str | None = None) -> Profile:
    """The profile whose progress is about to change (made on first use), as an ORM object
    (``profiles.own_profile`` on the session's connection). On PostgreSQL it belongs to the
    database user that made it: another user is refused (NotYours)."""
    return session.get(Profile, own_profile(session.connection(), now, name).id)


def readable_profile(session: Session, name: str | None = None) -> Profile | None:
    """The profile whose progress a command shows: a learner sees its own, never another's
    (its reviews and states are not even readable to it), and the teacher everyone's."""
    found = find_profile(session, name)
    if found is not None and found.db_user is not None:
        role = class_role(session)
        if role is not None and not role[0] and found.db_user != role[2]:
            raise NotYours("error.profile_private", name=found.name, owner=found.db_user)
    return found


def find_profile(session: Session, name: str | None = None) -> Profile | None:
    return session.scalar(select(Profile).where(Profile.name == profile_name(session, name)))


def deck_by_name(session: Session, name: str) -> Deck | None:
    return session.scalar(select(Deck).where(Deck.name == name))


def require_deck(session: Session, name: str) -> Deck:
    deck = deck_by_name(session, name)
    if deck is None:
        raise UnknownDeck("error.unknown_deck", name=name)
    return deck


def require_card(session: Session, card_id: int) -> Card:
    card = session.get(Card, card_id)
    if card is None:
        raise UnknownCard("error.unknown_card", id=card_id)
    return card


def decks_with_counts(session: Session) -> list[tuple[Deck, dict[str, int]]]:
    rows = session.execute(select(Card.deck_id, Card.status, func.count()).group_by(Card.deck_id, Card.status)).all()
    counts: dict[int, dict[str, int]] = {}
    for deck_id, status, n in rows:
        counts.setdefault(deck_id, {})[status] = n
    decks = session.scalars(select(Deck).order_by(Deck.name)).all()
    return [(d, counts.get(d.id, {})) for d in decks]


def cards_with_state(
    session: Session, profile_id: int | None, deck: Deck | None = None, include_retired: bool = False
) -> list[tuple[Card, CardState | None]]:
    stmt = (
        select(Card, CardState)
        .outerjoin(CardState, (CardState.card_id == Card.id) & (CardState.profile_id == profile_id))
        .join(Deck, Deck.id == Card.deck_id)
        .order_by(Deck.name, Card.ordinal, Card.id)
    )
    if deck is not None:
        stmt = stmt.where(Card.deck_id == deck.id)
    if not include_retired:
        stmt = stmt.where(Card.status != "retired")
    return [(c, s) for c, s in session.execute(stmt).all()]


def due_and_new(session: Session, profile_id: int | None, now: datetime) -> dict[int, tuple[int, int]]:
    """Per deck: active cards due now for the profile, and active cards it has never seen."""
    due = (
        dict(
            session.execute(
                select(Card.deck_id, func.count())
                .join(CardState, CardState.card_id == Card.id)
                .where(CardState.profile_id == profile_id, CardState.due <= now, Card.status == "active")
                .group_by(Card.deck_id)
            ).all()
        )
        if profile_id is not None
        else {}
    )
    seen = select(CardState.card_id).where(CardState.profile_id == profile_id, CardState.card_id == Card.id)
    new = dict(
        session.execute(
            select(Card.deck_id, func.count()).where(Card.status == "active", ~seen.exists()).group_by(Card.deck_id)
        ).all()
    )
    return {deck_id: (due.get(deck_id, 0), new.get(deck_id, 0)) for deck_id in set(due) | set(new)}
