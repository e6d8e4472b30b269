"""A simulated learner: a year of reviews drawn from a known ("true") FSRS parameter set.

Each day the cards due are reviewed; the learner recalls a card with the probability the
true parameters give (FSRS's forgetting curve), answers good (sometimes hard or easy) when
recalled and again when not; new cards arrive evenly over the year. Fixed seeds: the same
history every run.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone


def true_parameters() -> list[float]:
    """A learner who forgets faster at first and remembers longer after: not FSRS's defaults."""
    from fsrs_rs_python import DEFAULT_PARAMETERS

    w = list(DEFAULT_PARAMETERS)
    w[0], w[1], w[2], w[3], w[8] = w[0] * 4, w[1] * 3, w[2] * 2, w[3] * 0.5, w[8] * 1.3
    return w


def history(
    parameters: list[float],
    *,
    cards: int = 2000,
    days: int = 365,
    seed: int = 2,
    start: datetime = datetime(2025, 1, 1, 9, tzinfo=timezone.utc),
):
    """(card_id, reviewed_at, rating, prior_state) rows, as the review log holds them."""
    import fsrs

    rnd = random.Random(seed)
    scheduler = fsrs.Scheduler(
        parameters=parameters, desired_retention=0.9, enable_fuzzing=False, learning_steps=(), relearning_steps=()
    )
    deck: dict[int, fsrs.Card] = {}
    rows = []
    for day in range(days):
        now = start + timedelta(days=day)
        for i in range(day * cards // days, (day + 1) * cards // days):
            deck[i + 1] = fsrs.Card(card_id=i + 1, due=now)
        for card_id, card in list(deck.items()):
            if card.due > now + timedelta(hours=12):
                continue
            at = now + timedelta(minutes=rnd.randint(0, 600))
            if card.last_review is None:
                rating, prior = rnd.choice([1, 3, 3, 3]), None
            else:
                prior = int(card.state)
                recalled = rnd.random() < scheduler.get_card_retrievability(card, at)
                rating = 1 if not recalled else rnd.choices([2, 3, 4], [1, 8, 1])[0]
            deck[card_id], _ = scheduler.review_card(card, fsrs.Rating(rating), at)
            rows.append((card_id, at, rating, prior))
    return rows
