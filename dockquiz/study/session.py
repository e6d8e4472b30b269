"""The study session controller: next(), submit(), hint(), rate(), undo(), skip().

No terminal here: the TUI and the plain/JSON faces drive it. A state machine over
``storage.study``, which runs every statement on one connection kept for the session: each
rating is saved in one transaction before the next card (and checks that the card was not
changed, or answered by another session, since it was shown); the rows it changed are
recorded, and undo reverses that record.
"""

from __future__ import annotations

import random
import re
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from dockquiz.clock import Clock, day_start
from dockquiz.errors import ConflictError
from dockquiz.grading import grade
from dockquiz.grading.explain import refused
from dockquiz.grading.forms import card_values, general_form, named_form, said_by
from dockquiz.grading.lexer import placeholders as find_placeholders
from dockquiz.grading.values import swapped
from dockquiz.grading.verdict import Difference, Rating, Verdict
from dockquiz.i18n import has_japanese
from dockquiz.resources import is_builtin
from dockquiz.scheduling import (
    LEARN_AHEAD,
    LEARNING_STATES,
    LEECH_LAPSES,
    QueueItem,
    SchedState,
    Scheduler,
    TodayQueue,
    build_queue,
    pick_new,
    sibling_group,
)
from dockquiz.settings import ProfileSettings
from dockquiz.storage import study as store
from dockquiz.storage.db import Database
from dockquiz.vocabulary import CORRECT_VERDICTS

NEW_WINDOW = 3  # new rows read per new card of the limit: room to pass over siblings


@dataclass(kw_only=True)
class CardView:
    id: int
    kind: str
    deck: str
    section: list[str]
    prompt: dict[str, str]
    command: str | None
    placeholders: list[str]
    hints: dict[str, str]
    choices: list[str] | None
    values: list[str]  # for examples: the concrete values to type (what the example is about)
    state: str
    position: int
    counts: dict[str, int]
    answer: str = field(repr=False)  # faces show it only after the verdict
    deck_id: int = 0
    ordinal: int = 0
    variants: list[str] = field(default_factory=list)
    choices_en: list[str] | None = None  # the same choices in English where known
    all_decks: bool = False  # the counts are of several decks' cards (a session of every deck)
    builtin: bool = False  # a card of the built-in deck: its notes are not the learner's own


@dataclass
class Answered:
    card: CardView
    verdict: Verdict  # typed until a JSON face writes it out
    rating: int  # suggested rating (1-4)
    example: str | None
    meanings: dict[str, str]  # option key -> the notes' own description
    typed: str
    duration_ms: int
    hinted: int = 0
    accepted_variant: str | None = None  # the stored form (a variant, or "close enough") it matched
    graded: str | None = None  # the grader's own verdict, when "close enough" overrode it
    cli_form: str | None = None  # the form the CLI runs as the notes mean it, when lint finds the notes' line wrong

    @property
    def close_enough_allowed(self) -> bool:
        """Offered for an answer the CLI would accept as it stands (a partial answer, not a
        typo the CLI would refuse: ``--rn``, ``serach``; nor a line explain finds refused:
        ``docker ps x``), and that says the same things: no mapping turned round (``-p 80:8080``
        for ``-p 8080:80``), no other flag in place of the card's (``-d`` for git branch's
        ``-D``, which stands for ``--delete --force``)."""
        return self.close_enough_refusal is None

    @property
    def close_enough_refusal(self) -> tuple[str, dict[str, str]] | None:
        """Why "close enough" is not offered for this answer: a catalogue key under
        ``study.no_close`` and its parameters; None when it is offered."""
        v = self.verdict
        if v.verdict != "partial":
            return ("accepted", {}) if v.correct else ("wrong", {})
        if self.card.kind == "meaning":
            return ("choice", {})
        diffs = v.differences
        if any(d.kind in ("typo", "invalid") for d in diffs):
            return ("typo", {})
        turned = next((d for d in diffs if d.kind == "wrong_value" and swapped(d.expected, d.typed)), None)
        if turned is not None:
            return ("swapped", {"expected": turned.expected or "", "typed": turned.typed or ""})
        shortcut = _shortcut_missed(self.card, self.typed)
        if shortcut is not None:
            return ("shortcut", {"flag": shortcut[0], "means": " ".join(shortcut[1])})
        if _flag_for_flag(diffs):
            return ("other_flag", {})
        if refused(self.typed):
            return ("refused", {})
        return None


def _shortcut_missed(card: CardView, typed: str) -> tuple[str, tuple[str, ...]] | None:
    """A flag of the answer that stands for several (git branch's ``-D``: ``--delete
    --force``) when the typed line has no such word: only part of what it stands for was typed
    (``-d``), which is another option, never a form of the card's. The flag and what it means."""
    from dockquiz.grading.grammar import grammar
    from dockquiz.grading.lexer import LexError, lex
    from dockquiz.grading.normalise import normalise
    from dockquiz.grading.parser import parse_line

    line = f"{card.command} {card.answer}" if card.kind == "option" and card.command else card.answer
    try:
        commands = lex(line).commands
        typed_words = {w.partition("=")[0] for c in lex(normalise(typed), expected=False).commands for w in c}
    except (LexError, ValueError):
        return None
    g = grammar()
    for words in commands:
        parsed = parse_line(tuple(words), g)
        if parsed.scope is None:
            continue
        for opt in parsed.opts:
            word = opt.typed.split()[0].partition("=")[0]
            alias = parsed.scope.options.get(word)
            if alias is not None and alias.means and opt.option is not alias and word not in typed_words:
                return word, alias.means
    return None


def _command_begun(card: CardView, typed_words: list[str]) -> list[str]:
    """The command words an option card's answer was begun with (``docker`` or ``run`` for
    ``-i`` of ``docker run``: grading takes ``docker run -i``), for Tab to complete; else none."""
    words = (card.command or "").split()
    if card.kind != "option" or not words or not typed_words or typed_words[0].startswith("-"):
        return []
    for lead in (words, words[1:]):
        if lead and lead[0].startswith(typed_words[0]) and not card.answer.startswith(typed_words[0]):
            return lead
    return []


def _flag_for_flag(diffs) -> bool:
    """Whether another flag was typed in place of one of the card's (``ssh -R`` for ``ssh -L``,
    ``-i`` for ``-d``): it says something else, never "close enough". A grammar tells two
    options apart (its spellings are one option); without one (a program or command path it
    does not read) two short letters or two long names are two options, while a short and a
    long one (``-r``, ``--recursive``) may be one option spelled two ways."""
    missing = [d.option or d.expected or "" for d in diffs if d.kind == "missing" and d.part == "option"]
    extra = [d.option or d.typed or "" for d in diffs if d.kind == "extra" and d.part == "option"]
    if not missing or not extra:
        return False
    if not any(d.kind == "unknown_command" for d in diffs):
        return True
    return not any(m.startswith("--") != e.startswith("--") for m in missing for e in extra)


@dataclass
class Scheduled:
    id: int
    rating: int
    state: str
    due: datetime
    suspended: bool = False


@dataclass(frozen=True)
class _Done:
    """An answer saved in this session: the rows it changed (undo reverses them)."""

    card_id: int
    before: SchedState | None
    correct: bool
    changes: tuple[store.Change, ...]
    deck_id: int = 0
    duration_ms: int = 0  # the answer's time, as its review records it
    group: tuple | None = None  # its note item (queue.sibling_group): undo shows it with it again


class StudySession:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        deck: str | None = None,
        new_limit: int | None = None,
        scheduler: Scheduler | None = None,
        monotonic=time.monotonic,
        profile: str | None = None,
    ) -> None:
        self.db, self.clock = db, clock
        self.deck_name = deck  # --deck NAME: the summary's "run it again" names it
        self.session_new = None if new_limit is None else max(new_limit, 0)  # --new N: this session
        self.scheduler = scheduler
        self.deck_schedulers: dict[int, Scheduler] = {}  # decks with parameters fitted to them
        self.monotonic = monotonic
        self.current: CardView | None = None
        self.pending: Answered | None = None
        self.hints_used = 0
        self.revealed = 0  # answer words the hints showed
        self.done: list[_Done] = []
        self._shown: tuple[int, int | None] | None = None  # card version, state reps
        self._checked = None  # the card's row as submit read it (version, status, state)
        self._shown_at = 0.0
        self._cache: TodayQueue | None = None
        self._item: QueueItem | None = None
        self._last: QueueItem | None = None
        self._meanings: dict[str | None, dict[str, str]] = {}  # command -> the notes' option words
        self._examples: dict[int, str | None] = {}  # command card -> an example of it
        self._meaning_pool: dict[str | None, list[tuple[str, str]]] = {}  # command -> its meanings
        self._day_end = clock.now()
        self._buried_ids: set[int] = set()
        self.store = store.StudyStore(db)
        from dockquiz.storage.access import is_teacher
        from dockquiz.storage.profiles import own_profile

        with self.store.write() as conn:  # Core only: studying never loads the ORM
            prof = own_profile(conn, clock.now(), profile)  # whose progress (see profiles.profile_name)
            self.profile_id = prof.id
            # a class's learner never changes a card (the teacher's, shared by the class): a
            # leech is not suspended for everyone; `cards --leeches` still lists it
            self.may_change_cards = is_teacher(conn)
            self.settings = ProfileSettings.from_dict(prof.settings).check("new_per_day", "optimize_every")
            self.new_limit = self.settings.new_per_day
            self.deck_id = store.deck_named(conn, deck) if deck else None
            names = store.deck_names(conn) if self.deck_id is None else []
            self.several_decks = len(names) > 1
            self.studied_decks = names if self.several_decks else []  # said at the start
            if scheduler is None:
                self._fitted_schedulers(conn)

    def _fitted_schedulers(self, conn) -> None:
        """FSRS with the learner's own parameters and desired retention (``dockquiz optimize``,
        ``config retention``); a deck fitted on its own uses its own."""
        from dockquiz.scheduling import optimize

        own, retention = optimize.scheduling_of(self.settings)
        self.scheduler = Scheduler(desired_retention=retention, parameters=tuple(own["parameters"]) if own else None)
        for name in self.settings.check("fsrs_decks").fsrs_decks:
            deck_id = store.deck_named(conn, name, missing=None)
            fitted, _ = optimize.scheduling_of(self.settings, name)
            if deck_id is not None and fitted:
                self.deck_schedulers[deck_id] = Scheduler(desired_retention=retention, parameters=tuple(fitted["parameters"]))

    def close(self) -> None:
        """Give the session's connection back (the session is over)."""
        self.store.close()

    # --- queue --------------------------------------------------------------------------
    def _items(self, conn, now: datetime, day_end: datetime, new_left: dict[int, int], answered: frozenset) -> list[QueueItem]:
        """Only what can come today: due or soon-due scheduled cards, and each deck's first
        new cards up to its limit, a sibling of a card already in the day passed over for the
        next (queue.pick_new; a window of NEW_WINDOW times the limit is read for them)."""
        horizon = max(day_end, now + LEARN_AHEAD)
        items = [_queue_item(row, store.state_of(row)) for row in store.due_rows(conn, self.profile_id, self.deck_id, horizon)]
        taken = {i.group for i in items} | set(answered)
        for deck_id, left in new_left.items():
            if left > 0:
                # a skipped (buried) new card is not one of today's: the next one takes its place
                rows = store.new_rows(conn, self.profile_id, deck_id, left * NEW_WINDOW + len(self._buried_ids))
                fresh = [_queue_item(row, None) for row in rows if row.id not in self._buried_ids]
                picked, passed = pick_new(fresh, left, taken)
                items += picked + passed
        return items

    def _new_left(self, conn, start: datetime) -> dict[int, int]:
        """New cards each deck may still show: its daily limit less what it showed today,
        or ``--new N`` for this session."""
        decks = store.deck_ids(conn, self.deck_id)
        if self.session_new is not None:  # less the new cards answered in this session
            answered: dict[int, int] = {}
            for done in self.done:
                if done.before is None:
                    answered[done.deck_id] = answered.get(done.deck_id, 0) + 1
            return {d: self.session_new - answered.get(d, 0) for d in decks}
        shown = store.new_shown_since(conn, self.profile_id, start)
        return {d: self.new_limit - shown.get(d, 0) for d in decks}

    def _new_waiting(self, conn, siblings_new: int) -> int:
        """New cards in scope that today's limit keeps back (the queue does not hold them; not
        those skipped, nor the ``siblings_new`` buried as siblings of a card answered today)."""
        fresh = store.unseen_count(conn, self.profile_id, self.deck_id)
        skipped = len(store.buried(conn, self.profile_id, self.clock.now(), self.deck_id, unseen=True))
        return max(0, fresh - self._queue().counts()["new"] - skipped - siblings_new)

    def _answered_groups(self, conn, start: datetime) -> frozenset:
        """The note items (``sibling_group``) of the cards answered since ``start``."""
        return frozenset(sibling_group(*row) for row in store.answered_since(conn, self.profile_id, start))

    def _siblings_buried(self, conn) -> dict[str, int]:
        """Cards of the session's scope buried today as siblings of a card answered today (new
        ones, and reviews due today), not counting those skipped: read at the summary only."""
        now = self.clock.now()
        start = day_start(now, self.clock.tz())
        answered = self._answered_groups(conn, start)
        out = {"new": 0, "review": 0}
        if not answered:
            return out
        skipped = set(store.buried(conn, self.profile_id, now, self.deck_id))
        for row in store.due_rows(conn, self.profile_id, self.deck_id, start + timedelta(days=1)):
            state = store.state_of(row)
            if state is not None and state.state not in LEARNING_STATES and row.id not in skipped:
                out["review"] += _queue_item(row, state).group in answered
        for deck_id in store.deck_ids(conn, self.deck_id):
            for row in store.new_rows(conn, self.profile_id, deck_id, 1 << 30):
                if row.id not in skipped:
                    out["new"] += _queue_item(row, None).group in answered
        return out

    def _rebuild(self, conn) -> TodayQueue:
        """Build today's queue from the database (at start, after undo, when it runs out)."""
        now, tz = self.clock.now(), self.clock.tz()
        start = day_start(now, tz)
        self._day_end = start + timedelta(days=1)
        buried = store.buried(conn, self.profile_id, now, self.deck_id)  # this session's learner and decks
        self._buried_ids = set(buried)
        new_left = self._new_left(conn, start)
        answered = self._answered_groups(conn, start)
        items = [
            i if i.card_id not in buried else QueueItem(i.card_id, i.kind, i.command, i.order, i.state, buried[i.card_id])
            for i in self._items(conn, now, self._day_end, new_left, answered)
        ]
        total_new = sum(max(v, 0) for v in new_left.values())
        self._cache = TodayQueue(build_queue(items, now=now, day_end=self._day_end, new_left=total_new, answered=answered), now)
        return self._cache

    def _queue(self) -> TodayQueue:
        """Today's queue, kept in memory between answers; rebuilt when empty or a new day starts."""
        if self._cache is None or not self._cache or self.clock.now() >= self._day_end:
            with self.store.read() as conn:
                return self._rebuild(conn)
        return self._cache

    def _requeue(self, card_id: int, after: SchedState | None, item: QueueItem | None) -> None:
        """After an answer: drop the card, and put it back if it is due again within learn-ahead."""
        if self._cache is None:
            return
        self._cache.remove(card_id)
        self._cache.bury_group(item.group if item else None)
        if item is None or after is None:
            return
        if after.state in LEARNING_STATES and after.due <= self.clock.now() + LEARN_AHEAD:
            self._cache.put_back(
                QueueItem(item.card_id, item.kind, item.command, item.order, after, group=item.group), self.clock.now()
            )

    def remaining(self) -> dict[str, int]:
        return self._queue().counts()

    def waiting(self) -> datetime | None:
        """When nothing is due now but learning cards are coming back today: when the next is."""
        if self.current is not None:
            return None
        return self._queue().next_due()

    def study_ahead(self) -> None:
        """Show the next waiting learning card now (the learner asked for it)."""
        self._queue().study_ahead()

    # --- showing a card -----------------------------------------------------------------
    def next(self) -> CardView | None:
        if self.current is not None:
            return self.current
        queue = self._queue()
        pick = queue.peek(self.clock.now(), self._last)  # not right after an option sibling
        if pick is None:
            return None
        with self.store.read() as conn:
            card = store.card_row(conn, pick.card_id)
            self.current = self._view(conn, card, pick.state, queue.counts())
        self._item = self._last = pick
        self._shown = (card.version, pick.state.reps if pick.state else None)
        self._shown_at = self.monotonic()
        self.hints_used = 0
        self.revealed = 0
        self.pending = None
        return self.current

    def _view(self, s, card, state: SchedState | None, queue_counts: dict[str, int]) -> CardView:
        pairs = self._choices(s, card) if card.kind == "meaning" else None
        placeholders = find_placeholders(card.answer) if card.kind != "meaning" else []
        prompt_en = card.prompt_en
        if card.kind == "meaning":
            prompt_en = card.prompt_en or card.prompt_ja
        values = card_values(card.kind, card.answer, said_by(card.prompt_ja, card.prompt_en))
        return CardView(
            id=card.id,
            kind=card.kind,
            deck=card.deck,
            section=list(card.section),
            prompt={"ja": card.prompt_ja, "en": prompt_en},
            command=card.command,
            placeholders=placeholders,
            hints={k: v for k, v in card.hints.items() if not (card.kind == "meaning" and k == "en")},  # en: its choice
            choices=[ja for ja, _ in pairs] if pairs else None,
            values=values,
            state=state.name if state else "new",
            position=len(self.done) + 1,
            counts=queue_counts,
            answer=card.answer,
            deck_id=card.deck_id,
            ordinal=card.ordinal,
            variants=list(card.variants or []),
            choices_en=[en or ja for ja, en in pairs] if pairs else None,
            all_decks=self.several_decks,
            builtin=is_builtin(card.deck_source),
        )

    def _choices(self, s, card) -> list[tuple[str, str]]:
        """The right meaning and three others: (ja, en) pairs. The others are the same
        command's, then the same program's, and another program's only when the program has
        too few (docker run's words beside an ssh card answer it)."""
        if card.command not in self._meaning_pool:
            self._meaning_pool[card.command] = [
                (a, own_words((h or {}).get("en", ""))) for a, h in store.meanings_of(s, card.deck_id, card.command)
            ]

        def pairs(rows) -> list[tuple[str, str]]:
            return [(a, own_words((h or {}).get("en", ""))) for a, h in rows]

        command = card.command
        written_ja = has_japanese(card.answer)
        # each read once, only when the ones before it leave the pool short
        groups = (
            (  # the same command (the notes' words for its other options, the grammar's), then
                # the same program (this deck's notes on its other commands, other decks', its help's)
                lambda: self._meaning_pool[command],
                lambda: _grammar_meanings(command, card.prompt_ja),
                lambda: pairs(store.meanings_of_program(s, card.deck_id, command)) if command else [],
                lambda: pairs(store.meanings_of_program(s, card.deck_id, command, other_decks=True)) if command else [],
                lambda: _help_meanings(command, card.prompt_ja),
            ),
            (  # a program its notes, grammar and help say too little of: the deck's, others', a well-known command's
                lambda: pairs(store.meanings_near(s, card.deck_id, card.id, card.ordinal)),
                lambda: pairs(store.meanings_elsewhere(s, card.deck_id)),
                lambda: _grammar_meanings(_WELL_KNOWN, ""),
            ),
        )
        read: dict[tuple[int, int], list] = {}
        pool: dict[str, str] = {}
        right = (card.answer, own_words((card.hints or {}).get("en", "")))

        def alike(answer: str, english: str) -> bool:
            """Written as the right one is: in its script (Japanese notes' words among Japanese),
            with English words where it has them (the English list in English)."""
            return has_japanese(answer) == written_ja and (bool(english) or not right[1])

        # choices written as the right one is first, the same program's before the deck's
        # others (a new user's Japanese screen showed ssh's English help beside the notes'
        # Japanese: the one Japanese choice was the answer); then any, so a choice is never alone
        for alike_only in (True, False):
            for group, loads in enumerate(groups):
                for stage, load in enumerate(loads):
                    if len(pool) >= 3:
                        break
                    if (group, stage) not in read:
                        read[group, stage] = load()
                    for answer, english in read[group, stage]:
                        ok = not alike_only or alike(answer, english)
                        if len(pool) < 3 and ok and answer != card.answer and answer not in pool:
                            pool[answer] = english
        options = [right]  # the others written as the right one is (never as its very text)
        for ja, en in pool.items():
            alike = look_alike(ja, right[0])
            options.append((ja if alike == right[0] else alike, look_alike(en, right[1] or right[0])))
        random.Random(card.id * 7919 + len(self.done)).shuffle(options)
        return options

    # --- answering ----------------------------------------------------------------------
    def hint(self, typed: str = "") -> str:
        """The answer up to one word past what was typed right: ``docker s`` → ``docker search``.
        A hinted answer rates hard at best; one that the hints gave away whole, again."""
        if self.current is None:
            return ""
        tokens = self.current.answer.split()
        typed_words = typed.split()
        lead = _command_begun(self.current, typed_words)
        full = [*lead, *tokens]
        right = 0
        while right < min(len(typed_words), len(full)) and typed_words[right] == full[right]:
            right += 1
        if right < len(lead):  # the command's own words, shown beside the card: no hint counted
            return " ".join(full[: right + 1])
        self.revealed = min(max(self.revealed + 1, right - len(lead) + 1), len(tokens))
        self.hints_used += 1
        return " ".join(full[: len(lead) + self.revealed])

    def rating_cap(self) -> Rating:
        """The best rating an answer may get after hints: hard, or again when the hints
        showed the whole answer."""
        if not self.hints_used:
            return Rating.EASY
        whole = self.current is not None and self.revealed >= len(self.current.answer.split())
        return Rating.AGAIN if whole else Rating.HARD

    def read_choice(self, text: str) -> int | None:
        """A meaning card's choice: its number, or the text of a choice in either language
        (full-width and case do not matter); None when the line names no choice."""
        import unicodedata

        card = self.current
        if card is None or not card.choices:
            return None
        norm = unicodedata.normalize("NFKC", text).strip().casefold()
        if norm.isdigit():
            number = int(norm)
            return number - 1 if 1 <= number <= len(card.choices) else None
        for names in (card.choices, card.choices_en or []):
            for index, name in enumerate(names):
                if norm and unicodedata.normalize("NFKC", name).strip().casefold() == norm:
                    return index
        return None

    def submit(self, text: str) -> Answered:
        card = self.current
        if card is None:
            raise RuntimeError("no card shown")
        duration = int((self.monotonic() - self._shown_at) * 1000)
        with self.store.read() as conn:  # one read: still as shown (said before grading), and the feedback
            self._checked = self._as_shown(store.shown_row(conn, card.id, self.profile_id), "error.changed_before")
            example, meanings = self._feedback(conn, card)
        variant = None
        if card.kind == "meaning":
            verdict = self._grade_choice(card, text)
        else:
            verdict = grade(card.answer, text, kind=card.kind, command=card.command)
            if not verdict.correct:
                variant = self._variant(card, text)
                if variant is not None:
                    verdict = replace(verdict, verdict="equivalent", differences=())
        cli_form = _cli_form(card)
        if cli_form is not None and not verdict.correct and grade(cli_form, text, kind=card.kind).correct:
            verdict, variant = replace(verdict, verdict="equivalent", differences=()), cli_form  # the fixed form counts
        rating = min(verdict.rating, self.rating_cap())
        self.pending = Answered(
            card,
            verdict,
            int(rating),
            example,
            meanings,
            text,
            duration,
            self.hints_used,
            accepted_variant=named_form(variant, card.answer) if variant else None,
            cli_form=cli_form,
        )
        return self.pending

    def _grade_choice(self, card: CardView, text: str) -> Verdict:
        text = text.strip()
        index = self.read_choice(text)
        chosen = card.choices[index] if index is not None and card.choices else None
        if not text:
            name = "empty"
        elif chosen is None:
            name = "invalid"
        else:
            name = "exact" if chosen == card.answer else "wrong"
        diffs = () if name in ("exact", "empty") else (Difference("wrong_value", "value", card.answer, chosen or text or None),)
        return Verdict(name, "meaning", card.answer, text, diffs)

    def _variant(self, card: CardView, text: str) -> str | None:
        """The learner's stored form (a variant) that this answer matches, if any."""
        for variant in card.variants:
            if grade(variant, text, kind=card.kind, command=card.command).correct:
                return variant
        return None

    def _feedback(self, s, card: CardView) -> tuple[str | None, dict[str, str]]:
        """An example of the same command from the same section (not another command's line
        that follows it there), and the notes' words for each option of the card's command;
        looked up once per session."""
        if card.kind == "command" and card.id not in self._examples:
            near = store.examples_after(s, card)
            self._examples[card.id] = next((a for a, sec, cmd in near if sec == card.section and cmd == card.command), None)
        if card.command not in self._meanings:
            self._meanings[card.command] = self._notes_meanings(s, card.deck_id, card.command)
        return self._examples.get(card.id), self._meanings[card.command]

    def _notes_meanings(self, s, deck_id: int, command: str | None) -> dict[str, str]:
        meanings: dict[str, str] = {}
        if command:
            from dockquiz.grading.grammar import grammar

            scope = grammar().command(tuple(command.split()))
            for flag_text, desc in store.option_words(s, deck_id, grammar().spellings(command)):
                flag = flag_text.split()[0].split("=")[0]
                opt = scope.options.get(flag) if scope else None
                meanings[opt.key if opt else flag] = desc
        return meanings

    def accept_variant(self) -> Answered:
        """'Close enough': remember the learner's own form as an accepted variant."""
        answered = self.pending
        if answered is None or not answered.close_enough_allowed:
            raise RuntimeError("nothing to accept")
        form = general_form(answered.typed, answered.card.answer)
        with self.store.write() as conn:
            answered.card.variants = store.add_variant(conn, answered.card.id, form)
        answered.graded = answered.verdict.verdict
        answered.verdict = replace(answered.verdict, verdict="equivalent")
        answered.accepted_variant = form
        answered.rating = int(min(Rating.GOOD, self.rating_cap()))
        return answered

    def _as_shown(self, row, key: str):
        """Refuse (ConflictError ``key``) a card whose version or review count moved since it
        was shown: edited by an import, or answered in another session. Checked on submit too,
        so that it is said before the answer is graded, not after a ✓ that cannot be saved."""
        version, reps = self._shown or (None, None)
        if row.version != version or row.reps != reps:
            self._reset()
            self._cache = None
            raise ConflictError(key)
        return row

    def rate(self, rating: int | None = None) -> Scheduled:
        """Save the answer in one transaction; refuse if the card changed since it was shown."""
        answered = self.pending
        if answered is None:
            raise RuntimeError("nothing to rate")
        rating = int(min(Rating(int(rating or answered.rating)), self.rating_cap()))
        now = self.clock.now()
        card_id = answered.card.id
        row = self._checked  # the card as submit found it as shown: the writes check it still is
        before = store.state_of(row)
        scheduler = self.deck_schedulers.get(answered.card.deck_id, self.scheduler)
        after = scheduler.review(card_id, before, rating, now, answered.duration_ms)
        suspended = after.lapses >= LEECH_LAPSES and row.status == "active" and self.may_change_cards
        review = {
            "reviewed_at": now,
            "typed": answered.typed,
            "verdict": answered.graded or answered.verdict.verdict,
            "rating": rating,
            "duration_ms": answered.duration_ms,
            "state_before": before.to_dict() if before else None,
            "state_after": after.to_dict(),
            "prior_state": before.state if before else None,
            "confusions": confusions(answered.verdict) or None,
        }
        try:
            with self.store.write() as conn:
                changes = store.save_answer(conn, self.profile_id, card_id, row, after, review, suspended)
        except ConflictError:  # changed or answered elsewhere since it was shown: today's queue again
            self._reset()
            self._cache = None
            raise
        correct = review["verdict"] in CORRECT_VERDICTS  # as the history says (stats counts it so)
        group = self._item.group if self._item else None
        done = _Done(card_id, before, correct, changes, answered.card.deck_id, answered.duration_ms, group)
        self.done.append(done)  # committed
        self._requeue(card_id, None if suspended else after, self._item)
        self._reset()
        return Scheduled(card_id, rating, after.name, after.due, suspended)

    def _reset(self) -> None:
        self.current = None
        self.pending = None
        self._shown = None
        self._checked = None
        self.hints_used = 0
        self.revealed = 0

    # --- skip / undo --------------------------------------------------------------------
    def retract(self) -> None:
        """Take back an answer not yet rated: nothing is saved, and the card stays shown."""
        self.pending = None

    def skip(self) -> int:
        """Bury the shown card until the next study day, with its new and review siblings in
        today's queue (an option's meaning card shows the option's answer beside its words).
        Returns how many siblings went with it (the counts drop by them too: said)."""
        if self.current is None:
            return 0
        now, tz = self.clock.now(), self.clock.tz()
        until = day_start(now, tz) + timedelta(days=1)
        group = self._item.group if self._item is not None and self._item.card_id == self.current.id else None
        ids = [self.current.id]
        if group is not None and self._cache is not None:
            ids += [i.card_id for i in self._cache.waiting_siblings(group) if i.card_id != self.current.id]
        with self.store.write() as conn:  # the profile was checked as the learner's own when the session began
            for card_id in ids:
                store.bury(conn, self.profile_id, card_id, until, now)
        if self.current.state == "new" or len(ids) > 1:
            self._cache = None  # built again: the next new card takes the skipped one's place
        else:
            self._requeue(self.current.id, None, None)
        self._reset()
        return len(ids) - 1

    def undo(self) -> CardView | None:
        """Take back the last answer of this session (its recorded changes, reversed in one
        transaction); its card is shown again."""
        if not self.done:
            return None
        last = self.done.pop()  # first: the card shown again is at its own place in the session
        try:
            with self.store.write() as conn:
                store.reverse(conn, last.changes)
                card = store.card_row(conn, last.card_id)
                self._item = QueueItem(card.id, card.kind, card.command, (card.deck, card.ordinal), last.before, group=last.group)
                self.current = self._view(conn, card, last.before, self._rebuild(conn).counts())
                self._shown = (card.version, last.before.reps if last.before else None)
        except BaseException:
            self.done.append(last)  # nothing was taken back
            raise
        self._shown_at = self.monotonic()
        self.pending = None
        self.hints_used = 0
        return self.current

    # --- end --------------------------------------------------------------------------------
    def summary(self) -> dict:
        now = self.clock.now()
        left = self._queue().counts()
        since = self.settings.fsrs.get("fitted_at") if self.settings.fsrs else None
        with self.store.read() as conn:
            next_due = store.next_due(conn, self.profile_id, self.deck_id, now)
            skipped = len(store.buried(conn, self.profile_id, now, self.deck_id))  # of this session's decks
            buried = self._siblings_buried(conn)  # scans the scope's new cards: once
            new_waiting = self._new_waiting(conn, buried["new"])
            unfitted = store.reviews_since(conn, self.profile_id, since and datetime.fromisoformat(since)) if self.done else 0
        reviewed = len(self.done)
        correct = sum(1 for d in self.done if d.correct)
        every = self.settings.optimize_every
        return {
            "reviewed": reviewed,
            "correct": correct,
            "optimize_offer": unfitted if unfitted >= every else 0,
            "correct_pct": round(100 * correct / reviewed) if reviewed else 0,
            "seconds": sum(d.duration_ms for d in self.done) // 1000,  # time answering, as stats counts it
            "next_due": next_due.isoformat() if next_due else None,
            "left": left,
            "new_waiting": new_waiting,
            "new_limit": self.new_limit if self.session_new is None else self.session_new,
            "skipped": skipped,  # cards skipped until tomorrow
            "siblings": sum(buried.values()),  # cards buried until tomorrow: siblings of cards answered today
        }


_WELL_KNOWN = "docker run"  # the built-in deck's first command with options

# the English prompt notes.english gives an option of a program no grammar reads (its
# _shell_option_en): "An option of `ssh`: on port"; as a choice, only its own words
_OPTION_OF = re.compile(r"^An option of `[^`]*`(?::\s*|$)")


def own_words(english: str) -> str:
    """A meaning's English words as a choice: without "An option of `ssh`:", which every
    choice of the program repeated (nothing left: no English words)."""
    return _OPTION_OF.sub("", english, count=1).strip() if english else english


def look_alike(choice: str, right: str) -> str:
    """A meaning card's other choice written as its right one is: its first letter's case (not
    an initialism's: "CPU shares") and a closing full stop, so the notes' lower-case "keep
    following the output" is not the one choice that looks unlike the help's "Show extra details"."""
    if not choice or not right:
        return choice
    first, own = right[:1], choice[:1]
    if first.isascii() and first.isalpha() and own.isascii() and own.isalpha() and not choice[1:2].isupper():
        choice = (own.upper() if first.isupper() else own.lower()) + choice[1:]
    for stop in (".", "。"):
        if right.endswith(stop) and not choice.endswith((".", "。")):
            return choice + stop
        if not right.endswith(stop) and choice.endswith(stop) and not choice.endswith(".."):
            choice = choice[: -len(stop)]
    return choice


def _grammar_meanings(command: str | None, flag_text: str) -> list[tuple[str, str]]:
    """The grammar's (ja, en) words for the other options of a command, one per option, in
    the grammar's order: choices for a meaning card whose notes hold too few of their own."""
    if not command:
        return []
    from dockquiz.grading.grammar import grammar

    scope = grammar().command(tuple(command.split()))
    if scope is None:
        return []
    flag = flag_text.split()[0].partition("=")[0] if flag_text.split() else ""
    own = scope.options.get(flag)
    seen, out = set(), []
    for option in scope.options.values():
        if option.key in seen or option is own or (own is not None and option.key == own.key):
            continue
        seen.add(option.key)
        if option.ja or option.en:
            out.append((option.ja or option.en, option.en or option.ja))
    return out


def _help_meanings(command: str | None, flag_text: str) -> list[tuple[str, str]]:
    """What the help of a program no grammar reads (ssh, tar…) says its other options do, as
    recorded for English prompts (notes.shell_en): choices for its meaning cards."""
    if not command:
        return []
    from dockquiz.notes.shell_en import help_options

    flag = flag_text.split()[0].partition("=")[0] if flag_text.split() else ""
    return [(phrase, phrase) for flags, phrase in help_options(command.split()[0]) if flag not in flags]


def _queue_item(row, state: SchedState | None) -> QueueItem:
    """A queue row of storage.study (its first nine columns) as a queue item."""
    cid, kind, command, deck, ordinal, deck_id, section, answer, prompt = row[:9]
    group = sibling_group(deck_id, kind, section, command, answer, prompt)
    return QueueItem(cid, kind, command, (deck, ordinal), state, group=group)


def confusions(verdict: Verdict) -> list[list[str]]:
    """Pairs [expected, typed] where one valid thing was typed for another."""
    if verdict.kind == "meaning":
        return []
    return [
        [d.expected, d.typed]
        for d in verdict.differences
        if d.kind in ("wrong_value", "wrong_command") and d.expected and d.typed
    ]


def _cli_form(card: CardView) -> str | None:
    """The card's answer as its CLI would run it, when lint finds the notes' line refused or
    read otherwise (dockquiz lint): accepted beside the notes' text, and said in the feedback."""
    if card.kind not in ("command", "example"):
        return None
    from dockquiz.lint import fixed_form

    return fixed_form(card.answer)
