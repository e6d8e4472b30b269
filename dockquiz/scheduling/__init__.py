"""Scheduling: fsrs does the scheduling (``scheduler``); a card's state and the names of
ratings and states are plain values (``states``); today's queue is pure policy over them
(``queue``); fitting FSRS to a learner is ``optimize``. Time is passed in: nothing here reads
the clock."""

from dockquiz.scheduling.queue import (
    QueueItem,
    TodayQueue,
    build_queue,
    counts,
    pick_new,
    sibling_group,
    siblings,
    spread_siblings,
)
from dockquiz.scheduling.scheduler import Scheduler
from dockquiz.scheduling.states import (
    DEFAULT_NEW_PER_DAY,
    DESIRED_RETENTION,
    LEARN_AHEAD,
    LEARNING_STATES,
    LEECH_LAPSES,
    Rating,
    SchedState,
    State,
)

__all__ = [
    "QueueItem",
    "TodayQueue",
    "build_queue",
    "counts",
    "pick_new",
    "sibling_group",
    "siblings",
    "spread_siblings",
    "Scheduler",
    "DEFAULT_NEW_PER_DAY",
    "DESIRED_RETENTION",
    "LEARN_AHEAD",
    "LEARNING_STATES",
    "LEECH_LAPSES",
    "Rating",
    "SchedState",
    "State",
]
