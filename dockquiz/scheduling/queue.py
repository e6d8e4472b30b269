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
        return ("option", deck_id, command, _flag(answer))
    if kind == "meaning" and command and prompt:
        return ("option", deck_id, command, _flag(prompt))
    return None


def _flag(text: str) -> str:
    """The flag an option card's answer or a meaning card's prompt begins with: ``-p`` of
    ``-p 2222``, ``--port=N``, ``-p, --port``."""
    return text.split()[0].partition("=")[0].rstrip(",:;")


def build_queue(
    items: list[QueueItem], *, now: datetime, day_end: datetime, new_left: int, answered: frozenset = frozenset()
) -> list[QueueItem]:
    """What comes next: due learning cards, due reviews (most overdue first), new cards in note
    order, a new sibling of a card already in the day passed over for the next (``pick_new``);
    learning cards due within the learn-ahead window come last, so a session can
    finish its steps instead of waiting. New and review cards of a note item answered today
    (``answered`` groups) are buried for the day, as Anki buries siblings: not shown, even when
    nothing else is left (a learning sibling still comes: its steps are under way)."""
    live = [i for i in items if (i.buried_until is None or i.buried_until <= now) and not (i.group in answered and _buriable(i))]
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
    return spread_siblings(due_now + reviews + fresh) + spread_siblings(held) + ahead


def _buriable(item: QueueItem) -> bool:
    """A sibling burying hides: a new card or one in review (not one in its learning steps)."""
    return item.group is not None and (item.state is None or item.state.state == State.REVIEW)


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
    due reviews, new cards) and the learn-ahead line (sorted by due), counts kept as it goes;
    a card answered buries its new and review siblings (``bury_group``)."""

    def __init__(self, items: list[QueueItem], now: datetime) -> None:
        self.main = [i for i in items if not _waiting(i, now)]
        self.ahead = [i for i in items if _waiting(i, now)]
        self._counts = counts(items)
        self._groups: dict[tuple, list[QueueItem]] = {}  # note item -> its cards that burying hides
        for i in self.main:
            if _buriable(i):
                self._groups.setdefault(i.group, []).append(i)
        self._live = {i.card_id for i in self.main}  # in the main line
        self._buried: set[int] = set()  # buried there, taken out as peek meets them

    def __bool__(self) -> bool:
        return len(self.main) > len(self._buried) or bool(self.ahead)

    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    def peek(self, now: datetime, after: QueueItem | None = None) -> QueueItem | None:
        """The next card that is due; not an option sibling of ``after`` when another is
        among the next ten. A learning card is never shown before its due time: when only
        such cards are left, None (see ``next_due`` and ``study_ahead``)."""
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
            if item.card_id in self._buried:  # a sibling of a card answered: out, once
                self._buried.discard(item.card_id)
                self._live.discard(item.card_id)
                del main[index]
                continue
            if siblings(after, item) and index < 10:
                fallback = fallback or item
                index += 1
                continue
            return item
        return fallback

    def next_due(self) -> datetime | None:
        """When the next waiting learning card is due (only these are left when peek is None)."""
        return self.ahead[0].state.due if self.ahead and not self.main else None

    def bury_group(self, group: tuple | None) -> None:
        """A card of this note item was just answered: its new and review siblings are buried
        for the day (out of the queue and its counts now, as Anki does; the next build leaves
        them out by today's answers). Found by note item, not by a walk of the main line (a
        walk of 1,000 cards was about 48 µs an answer; peek drops them as it meets them)."""
        if group is None:
            return
        for i in self.waiting_siblings(group):
            self._buried.add(i.card_id)
            self._counts[_category(i)] -= 1
        self._groups.pop(group, None)

    def waiting_siblings(self, group: tuple) -> list[QueueItem]:
        """The new and review cards of a note item still in today's queue."""
        return [i for i in self._groups.get(group, ()) if i.card_id in self._live and i.card_id not in self._buried]

    def study_ahead(self) -> None:
        """The learner chose not to wait: the next learning card comes now."""
        if self.ahead:
            self.main.insert(0, self.ahead.pop(0))

    def remove(self, card_id: int) -> None:
        """Take the card out of the queue (a card is in one line at most). The card just
        answered is nearly always the head of its line (peek's pick): looked at first, before
        a walk of every line (main and the learn-ahead line hold hundreds)."""
        if card_id in self._buried:  # counted out already
            self._buried.discard(card_id)
            self._live.discard(card_id)
            self.main = [i for i in self.main if i.card_id != card_id]
            return
        self._live.discard(card_id)
        for line in (self.main, self.ahead):
            if line and line[0].card_id == card_id:
                self._counts[_category(line.pop(0))] -= 1
                return
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
