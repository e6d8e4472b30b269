"""The statements of a study session's hot path (Core, on tables, with bind parameters, built
once): a card as shown, its state as it was shown, writing the state and the review, the
examples after a command card; and the columns that tell a card's siblings apart."""

from __future__ import annotations

from sqlalchemy import Text, bindparam, cast, select

from dockquiz.storage.models import Card, CardState, Deck, Review

# What tells a card's siblings apart (sibling_group): deck, section as stored text, answer, prompt.
GROUP_COLUMNS = (Card.deck_id, cast(Card.section, Text).label("section"), Card.answer, Card.prompt_ja)

_CARD_COLUMNS = (
    Card.id,
    Card.kind,
    Card.section,
    Card.prompt_ja,
    Card.prompt_en,
    Card.command,
    Card.answer,
    Card.hints,
    Card.variants,
    Card.version,
    Card.deck_id,
    Card.ordinal,
    Deck.name.label("deck"),
)


def _statements() -> dict:
    """The hot path's statements, built once (Core, on tables, with bind parameters)."""
    card, state, review = Card.__table__, CardState.__table__, Review.__table__
    sc = state.c
    return {
        "card": select(*_CARD_COLUMNS).join(Deck, Deck.id == Card.deck_id).where(Card.id == bindparam("card")),
        "shown": select(
            card.c.version,
            card.c.status,
            sc.state,
            sc.step,
            sc.stability,
            sc.difficulty,
            sc.due,
            sc.last_review,
            sc.reps,
            sc.lapses,
        )
        .outerjoin(state, (sc.card_id == card.c.id) & (sc.profile_id == bindparam("profile")))
        .where(card.c.id == bindparam("card")),
        "insert_state": state.insert(),
        "update_state": state.update().where(
            sc.profile_id == bindparam("w_profile"), sc.card_id == bindparam("w_card"), sc.reps == bindparam("w_reps")
        ),
        "review": review.insert().returning(review.c.id),
        "examples": select(card.c.answer, card.c.section)  # the examples just after a command card
        .where(
            card.c.deck_id == bindparam("deck"),
            card.c.ordinal.between(bindparam("lo"), bindparam("hi")),
            card.c.kind == "example",
            card.c.status != "retired",
        )
        .order_by(card.c.ordinal)
        .limit(5),
    }


STMT = _statements()


def card_row(s, card_id: int):
    """A card as study shows it, with its deck's name."""
    return s.execute(STMT["card"], {"card": card_id}).one()
