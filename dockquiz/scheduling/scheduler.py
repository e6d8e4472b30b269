"""fsrs does the scheduling: one review's next state, retrievability, the fitted parameters."""

from __future__ import annotations

from datetime import datetime

from dockquiz.scheduling.states import DESIRED_RETENTION, Rating, SchedState, State


class Scheduler:
    """Wraps ``fsrs.Scheduler``: learning steps 1 m / 10 m, relearning 10 m, retention 0.9."""

    def __init__(
        self, *, desired_retention: float = DESIRED_RETENTION, fuzz: bool = True, parameters: tuple[float, ...] | None = None
    ) -> None:
        import fsrs

        kwargs = {"desired_retention": desired_retention, "enable_fuzzing": fuzz}
        if parameters:
            kwargs["parameters"] = parameters
        self._fsrs = fsrs
        self._scheduler = fsrs.Scheduler(**kwargs)

    def _card(self, card_id: int, state: SchedState | None, now: datetime):
        fsrs = self._fsrs
        if state is None:
            return fsrs.Card(card_id=card_id, due=now)
        return fsrs.Card(
            card_id=card_id,
            state=fsrs.State(state.state),
            step=state.step,
            stability=state.stability,
            difficulty=state.difficulty,
            due=state.due,
            last_review=state.last_review,
        )

    def review(
        self, card_id: int, state: SchedState | None, rating: int, now: datetime, duration_ms: int | None = None
    ) -> SchedState:
        """The state after answering with ``rating`` (1 again … 4 easy) at ``now``."""
        card, _log = self._scheduler.review_card(self._card(card_id, state, now), self._fsrs.Rating(rating), now, duration_ms)
        reps = (state.reps if state else 0) + 1
        lapses = (state.lapses if state else 0) + (
            1 if rating == Rating.AGAIN and state is not None and state.state == State.REVIEW else 0
        )
        return SchedState(int(card.state), card.step, card.stability, card.difficulty, card.due, card.last_review, reps, lapses)

    @property
    def parameters(self) -> tuple[float, ...]:
        return tuple(self._scheduler.parameters)

    def recall(self, stability: float | None, last_review: datetime | None, now: datetime) -> float:
        """Retrievability now (fsrs's ``get_card_retrievability`` reads only these two fields)."""
        if stability is None or last_review is None:
            return 0.0
        card = self._fsrs.Card(
            card_id=0, state=self._fsrs.State.Review, stability=stability, difficulty=5.0, due=now, last_review=last_review
        )
        return float(self._scheduler.get_card_retrievability(card, now))
