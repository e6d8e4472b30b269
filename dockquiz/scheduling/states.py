"""A card's scheduling state as plain values, and the names FSRS gives ratings and states."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum

from dockquiz.settings import DEFAULT_NEW_PER_DAY, DESIRED_RETENTION  # noqa: F401 - a profile's, said once there

LEARN_AHEAD = timedelta(minutes=20)
LEECH_LAPSES = 8


class Rating(IntEnum):
    """FSRS ratings (same numbers as ``fsrs.Rating``); a verdict suggests one."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Rating | None":
        text = text.strip().lower()
        for rating in cls:
            if text in (str(rating.value), rating.label, rating.label[0]):
                return rating
        return None


class State(IntEnum):
    """A card's FSRS state, as fsrs and the ``card_state.state`` column number it."""

    NEW = 0  # no card_state row (in the review log: ``prior_state`` of a first answer)
    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def label_of(cls, value: int | None) -> str:
        """The name of a stored state; no row is a new card."""
        return cls(value or 0).label


LEARNING_STATES = (State.LEARNING, State.RELEARNING)


def card_state(status: str, state: int | None) -> str:
    """What a card is for a learner (one of ``vocabulary.CARD_STATES``): its status where it is
    not studied (suspended, retired), else its FSRS state's name (no row: new)."""
    return status if status in ("suspended", "retired") else State.label_of(state)


@dataclass(frozen=True)
class SchedState:
    """A card's FSRS memory state (plain values; round-trips through fsrs.Card)."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    reps: int = 0
    lapses: int = 0

    def to_dict(self) -> dict:
        return {
            "state": self.state,
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.isoformat(),
            "last_review": self.last_review.isoformat() if self.last_review else None,
            "reps": self.reps,
            "lapses": self.lapses,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "SchedState":
        return cls(
            data["state"],
            data["step"],
            data["stability"],
            data["difficulty"],
            datetime.fromisoformat(data["due"]),
            datetime.fromisoformat(data["last_review"]) if data.get("last_review") else None,
            data.get("reps", 0),
            data.get("lapses", 0),
        )

    @property
    def name(self) -> str:
        return State.label_of(self.state)
