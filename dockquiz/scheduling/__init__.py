"""Scheduling: fsrs does the scheduling; queue policy is pure functions over plain values.

Time is passed in (aware UTC datetimes); nothing here reads the clock.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum

LEARN_AHEAD = timedelta(minutes=20)
DEFAULT_NEW_PER_DAY = 20
DESIRED_RETENTION = 0.9
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

    NEW = 0           # no card_state row (in the review log: ``prior_state`` of a first answer)
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
        return {"state": self.state, "step": self.step, "stability": self.stability,
                "difficulty": self.difficulty, "due": self.due.isoformat(),
                "last_review": self.last_review.isoformat() if self.last_review else None,
                "reps": self.reps, "lapses": self.lapses}

    @classmethod
    def from_dict(cls, data: dict) -> "SchedState":
        return cls(data["state"], data["step"], data["stability"], data["difficulty"],
                   datetime.fromisoformat(data["due"]),
                   datetime.fromisoformat(data["last_review"]) if data.get("last_review") else None,
                   data.get("reps", 0), data.get("lapses", 0))

    @property
    def name(self) -> str:
        return State.label_of(self.state)


class Scheduler:
    """Wraps ``fsrs.Scheduler``: learning steps 1 m / 10 m, relearning 10 m, retention 0.9."""

    def __init__(self, *, desired_retention: float = DESIRED_RETENTION, fuzz: bool = True,
                 parameters: tuple[float, ...] | None = None) -> None:
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
        return fsrs.Card(card_id=card_id, state=fsrs.State(state.state), step=state.step,
                         stability=state.stability, difficulty=state.difficulty, due=state.due,
                         last_review=state.last_review)

    def review(self, card_id: int, state: SchedState | None, rating: int, now: datetime,
               duration_ms: int | None = None) -> SchedState:
        """The state after answering with ``rating`` (1 again … 4 easy) at ``now``."""
        card, _log = self._scheduler.review_card(self._card(card_id, state, now),
                                                 self._fsrs.Rating(rating), now, duration_ms)
        reps = (state.reps if state else 0) + 1
        lapses = (state.lapses if state else 0) + (1 if rating == Rating.AGAIN and state is not None
                                                   and state.state == State.REVIEW else 0)
        return SchedState(int(card.state), card.step, card.stability, card.difficulty, card.due,
                          card.last_review, reps, lapses)

    @property
    def parameters(self) -> tuple[float, ...]:
        return tuple(self._scheduler.parameters)

    def recall(self, stability: float | None, last_review: datetime | None, now: datetime) -> float:
        """Retrievability now (fsrs's ``get_card_retrievability`` reads only these two fields)."""
        if stability is None or last_review is None:
            return 0.0
        card = self._fsrs.Card(card_id=0, state=self._fsrs.State.Review, stability=stability,
                               difficulty=5.0, due=now, last_review=last_review)
        return float(self._scheduler.get_card_retrievability(card, now))


# --- queue policy -------------------------------------------------------------------------

@dataclass(frozen=True)
class QueueItem:
    card_id: int
    kind: str
    command: str | None
    order: tuple          # note order: (deck name, ordinal)
    state: SchedState | None
    buried_until: datetime | None = None
    group: tuple | None = None   # cards of one note item: a command and its examples, an option and its meaning


def sibling_group(deck_id: int, kind: str, section: str, command: str | None, answer: str,
                  prompt: str) -> tuple | None:
    """Which note item a card comes from: a command and its examples share one, an option
    and its meaning card another. Siblings are not shown on the same day, as in Anki."""
    if kind in ("command", "example") and command:
        return ("command", deck_id, section, command)
    if kind == "option" and command and answer:
        return ("option", deck_id, command, answer.split()[0].partition("=")[0])
    if kind == "meaning" and command and prompt:
        return ("option", deck_id, command, prompt.split()[0].partition("=")[0])
    return None


def build_queue(items: list[QueueItem], *, now: datetime, day_end: datetime, new_left: int,
                answered: frozenset = frozenset()) -> list[QueueItem]:
    """What comes next: due learning cards, due reviews (most overdue first), new cards in note
    order; learning cards due within the learn-ahead window come last, so a session can
    finish its steps instead of waiting. New and review cards of a note item answered today
    (``answered`` groups) wait at the end: shown only when nothing else is left."""
    live = [i for i in items if i.buried_until is None or i.buried_until <= now]
    learning = sorted((i for i in live if i.state is not None and i.state.state in LEARNING_STATES
                       and i.state.due <= now + LEARN_AHEAD), key=lambda i: (i.state.due, i.order))
    due_now = [i for i in learning if i.state.due <= now]
    ahead = [i for i in learning if i.state.due > now]
    reviews = sorted((i for i in live if i.state is not None and i.state.state == State.REVIEW
                      and i.state.due < day_end), key=lambda i: (i.state.due, i.order))
    fresh = sorted((i for i in live if i.state is None), key=lambda i: i.order)[:max(new_left, 0)]
    main = spread_siblings(due_now + reviews + fresh)
    if not answered:
        return main + ahead
    learning_now = {id(i) for i in due_now}
    later = {id(i) for i in main if i.group in answered and id(i) not in learning_now}
    return [i for i in main if id(i) not in later] + [i for i in main if id(i) in later] + ahead


def spread_siblings(queue: list[QueueItem]) -> list[QueueItem]:
    """Option cards of the same command are not shown back to back (when it can be helped)."""
    out = list(queue)
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        if siblings(prev, cur):
            swap = next((j for j in range(i + 1, len(out)) if not siblings(prev, out[j])), None)
            if swap is not None:
                out[i], out[swap] = out[swap], out[i]
    return out


def siblings(a: QueueItem | None, b: QueueItem) -> bool:
    return (a is not None and a.card_id != b.card_id and a.kind in ("option", "meaning") and b.kind in ("option", "meaning")
            and a.command is not None and a.command == b.command)


class TodayQueue:
    """Today's queue between answers, without rescanning it: the main line (due learning,
    due reviews, new cards) and the learn-ahead line (sorted by due), counts kept as it goes."""

    def __init__(self, items: list[QueueItem], now: datetime) -> None:
        self.main = [i for i in items if not _waiting(i, now)]
        self.ahead = [i for i in items if _waiting(i, now)]
        self._counts = counts(items)
        self.deferred: set[tuple] = set()      # note items answered in this session

    def __bool__(self) -> bool:
        return bool(self.main or self.ahead)

    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    def peek(self, now: datetime, after: QueueItem | None = None) -> QueueItem | None:
        """The next card that is due; not an option sibling of ``after`` when another is
        close at hand. A learning card is never shown before its due time: when only such
        cards are left, None (see ``next_due`` and ``study_ahead``)."""
        moved = 0
        while moved < len(self.ahead) and self.ahead[moved].state.due <= now:
            moved += 1
        if moved:
            self.main[0:0] = self.ahead[:moved]
            del self.ahead[:moved]
        if not self.main:
            return None
        fallback = None
        for index, item in enumerate(self.main):
            if self.deferred and item.group in self.deferred and (item.state is None or item.state.state == State.REVIEW):
                continue                      # a sibling of a card answered this session
            if siblings(after, item) and index < 10:
                fallback = fallback or item
                continue
            return item
        return fallback or self.main[0]

    def next_due(self) -> datetime | None:
        """When the next waiting learning card is due (only these are left when peek is None)."""
        return self.ahead[0].state.due if self.ahead and not self.main else None

    def defer_group(self, group: tuple | None) -> None:
        """A card of this note item was just answered: its new and review siblings wait
        (``peek`` passes them over until nothing else is left)."""
        if group is not None:
            self.deferred.add(group)

    def study_ahead(self) -> None:
        """The learner chose not to wait: the next learning card comes now."""
        if self.ahead:
            self.main.insert(0, self.ahead.pop(0))

    def remove(self, card_id: int) -> None:
        for line in (self.main, self.ahead):
            for index, item in enumerate(line):
                if item.card_id == card_id:
                    del line[index]
                    self._counts[_category(item)] -= 1
                    return

    def put_back(self, item: QueueItem, now: datetime) -> None:
        """A card answered into learning that is due again within the learn-ahead window."""
        if item.state.due <= now:
            self.main.insert(0, item)
        else:
            bisect.insort_right(self.ahead, item, key=_due)
        self._counts[_category(item)] += 1


def _due(item: QueueItem) -> datetime:
    return item.state.due


def _waiting(item: QueueItem, now: datetime) -> bool:
    return item.state is not None and item.state.state in LEARNING_STATES and item.state.due > now


def _category(item: QueueItem) -> str:
    if item.state is None:
        return "new"
    return "review" if item.state.state == State.REVIEW else "learning"


def counts(queue: list[QueueItem]) -> dict[str, int]:
    out = {"new": 0, "learning": 0, "review": 0}
    for item in queue:
        out[_category(item)] += 1
    return out
