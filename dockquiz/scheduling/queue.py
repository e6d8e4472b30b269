"""Today's queue: pure functions over plain values (learning first, then due reviews, then
new cards; siblings spread apart). Time is passed in; nothing here reads the clock."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import datetime

from dockquiz.scheduling.states import LEARN_AHEAD, LEARNING_STATES, SchedState, State


@dataclass(frozen=True)
class QueueItem:
    card_id: int
    kind: str
    command: str | None
    order: tuple  # note order: (deck name, ordinal)
    state: SchedState | None
    buried_until: datetime | None = None
    group: tuple | None = None  # cards of one note item: a command and its examples, an option and its meaning


def sibling_group(deck_id: int, kind: str, section: str, command: str | None, answer: str, prompt: str) -> tuple | None:
    """Which note item a card comes from: a command and its examples share one, an option
    and its meaning card another. Siblings are not shown on the same day, as in Anki. An
    example of a command spells the same options with other values; two commands of one
    section that differ in their options (`get pods`, `get pods -o wide`) are not siblings."""
    if kind in ("command", "example") and command:
        flags = frozenset(w.partition("=")[0] for w in answer.split() if w.startswith("-") and w != "--")
        return ("command", deck_id, section, command, flags)
    if kind == "option" and command and answer:
        return ("option", deck_id, command, answer.split()[0].partition("=")[0])
    if kind == "meaning" and command and prompt:
        return ("option", deck_id, command, prompt.split()[0].partition("=")[0])
    return None


def build_queue(
    items: list[QueueItem], *, now: datetime, day_end: datetime, new_left: int, answered: frozenset = frozenset()
) -> list[QueueItem]:
    """What comes next: due learning cards, due reviews (most overdue first), new cards in note
    order, a new sibling of a card already in the day passed over for the next (``pick_new``);
    learning cards due within the learn-ahead window come last, so a session can
    finish its steps instead of waiting. New and review cards of a note item answered today
    (``answered`` groups) wait at the end: shown only when nothing else is left."""
    live = [i for i in items if i.buried_until is None or i.buried_until <= now]
    learning = sorted(
        (i for i in live if i.state is not None and i.state.state in LEARNING_STATES and i.state.due <= now + LEARN_AHEAD),
        key=lambda i: (i.state.due, i.order),
    )
    due_now = [i for i in learning if i.state.due <= now]
    ahead = [i for i in learning if i.state.due > now]
    reviews = sorted(
        (i for i in live if i.state is not None and i.state.state == State.REVIEW and i.state.due < day_end),
        key=lambda i: (i.state.due, i.order),
    )
    taken = {i.group for i in items if i.state is not None} | set(answered)
    fresh, held = pick_new(sorted((i for i in live if i.state is None), key=lambda i: i.order), new_left, taken)
    main = spread_siblings(due_now + reviews + fresh) + spread_siblings(held)
    if not answered:
        return main + ahead
    learning_now = {id(i) for i in due_now}
    later = {id(i) for i in main if i.group in answered and id(i) not in learning_now}
    return [i for i in main if id(i) not in later] + [i for i in main if id(i) in later] + ahead


def pick_new(fresh: list[QueueItem], limit: int, taken: set) -> tuple[list[QueueItem], list[QueueItem]]:
    """The day's new cards, as Anki buries siblings while it gathers them: in note order, a
    card of a note item already taken (``taken``: today's scheduled cards and those answered
    today, then each card picked) is passed over for the next one, up to ``limit``. Passed-over
    siblings fill the limit only when no other new card is left: (picked, siblings to show last)."""
    limit = max(limit, 0)
    picked: list[QueueItem] = []
    passed: list[QueueItem] = []
    seen = set(taken)
    for item in fresh:
        if len(picked) >= limit:
            break
        if item.group is not None and item.group in seen:
            passed.append(item)
            continue
        picked.append(item)
        if item.group is not None:
            seen.add(item.group)
    return picked, passed[: limit - len(picked)]


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
    return (
        a is not None
        and a.card_id != b.card_id
        and a.kind in ("option", "meaning")
        and b.kind in ("option", "meaning")
        and a.command is not None
        and a.command == b.command
    )


class TodayQueue:
    """Today's queue between answers, without rescanning it: the main line (due learning,
    due reviews, new cards), the learn-ahead line (sorted by due) and the cards set aside for
    a sibling answered in this session (in queue order), counts kept as it goes."""

    def __init__(self, items: list[QueueItem], now: datetime) -> None:
        self.main = [i for i in items if not _waiting(i, now)]
        self.ahead = [i for i in items if _waiting(i, now)]
        self._counts = counts(items)
        self.deferred: set[tuple] = set()  # note items answered in this session
        self.later: list[QueueItem] = []  # their new and review cards, taken out of main as peek meets them
        self._place = {i.card_id: n for n, i in enumerate(self.main)}  # queue order, to keep `later` in it

    def __bool__(self) -> bool:
        return bool(self.main or self.ahead or self.later)

    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    def peek(self, now: datetime, after: QueueItem | None = None) -> QueueItem | None:
        """The next card that is due; not an option sibling of ``after`` when another is
        among the next ten; a new or review sibling of a card answered in this session only
        when nothing else is left (or it can come between two option siblings). A learning
        card is never shown before its due time: when only such cards are left, None (see
        ``next_due`` and ``study_ahead``). A set-aside card leaves the main line the first
        time peek meets it: no walk passes it twice."""
        moved = 0
        while moved < len(self.ahead) and self.ahead[moved].state.due <= now:
            moved += 1
        if moved:
            self.main[0:0] = self.ahead[:moved]
            del self.ahead[:moved]
        fallback = None
        index = 0
        main = self.main
        while index < len(main):
            item = main[index]
            if self.deferred and item.group in self.deferred and (item.state is None or item.state.state == State.REVIEW):
                del main[index]  # a sibling of a card answered this session: set aside, in queue order
                bisect.insort_right(self.later, item, key=self._order)
                continue
            if siblings(after, item) and index < 10:
                fallback = fallback or item
                index += 1
                continue
            return item
        if fallback is not None:  # a set-aside card comes between two siblings rather than none
            return next((i for i in self.later if not siblings(after, i)), fallback)
        return self.later[0] if self.later else None

    def _order(self, item: QueueItem) -> int:
        return self._place.get(item.card_id, -1)

    def next_due(self) -> datetime | None:
        """When the next waiting learning card is due (only these are left when peek is None)."""
        return self.ahead[0].state.due if self.ahead and not self.main and not self.later else None

    def defer_group(self, group: tuple | None) -> None:
        """A card of this note item was just answered: its new and review siblings wait
        (``peek`` sets them aside until nothing else is left)."""
        if group is not None:
            self.deferred.add(group)

    def waiting_siblings(self, group: tuple) -> list[QueueItem]:
        """The new and review cards of a note item still in today's queue."""
        return [
            i
            for line in (self.main, self.later)
            for i in line
            if i.group == group and (i.state is None or i.state.state == State.REVIEW)
        ]

    def study_ahead(self) -> None:
        """The learner chose not to wait: the next learning card comes now."""
        if self.ahead:
            self.main.insert(0, self.ahead.pop(0))

    def remove(self, card_id: int) -> None:
        """Take the card out of the queue (a card is in one line at most). The card just
        answered is nearly always the head of its line (peek's pick): looked at first, before
        a walk of every line (main and the learn-ahead line hold hundreds)."""
        for line in (self.main, self.ahead, self.later):
            if line and line[0].card_id == card_id:
                self._counts[_category(line.pop(0))] -= 1
                return
        for line in (self.main, self.ahead, self.later):
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
