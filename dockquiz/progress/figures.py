"""One learner's figures for ``dockquiz stats``: SQL aggregates over reviews and card states,
the same queries on SQLite and PostgreSQL (storage.dialect spells what differs).

Days are the learner's study days (04:00 local boundary, as in study): reviews are counted
per UTC hour in SQL, and the hours become study days in Python, so any time zone (and DST)
is right."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, datetime, timedelta, timezone, tzinfo

from sqlalchemy import case, func, literal_column, select, true
from sqlalchemy.orm import Session

from dockquiz.clock import DAY_START, day_start, study_day
from dockquiz.scheduling import LEECH_LAPSES, Scheduler, State
from dockquiz.scheduling.states import card_state
from dockquiz.storage.dialect import as_hour, hour_of, pairs_of, whole_days_since
from dockquiz.storage.models import Card, CardState, Deck, Review
from dockquiz.storage.tables import review_confusion, review_hour
from dockquiz.vocabulary import CARD_STATES, CORRECT_VERDICTS

HEATMAP_DAYS = 26 * 7
CORRECT = CORRECT_VERDICTS


def _hour_buckets(session: Session, column, stmt) -> list[tuple[datetime, int]]:
    """Counts per UTC hour."""
    hour = hour_of(column, session.bind.dialect.name)
    rows = session.execute(stmt.with_only_columns(hour, func.count()).group_by(hour)).all()
    return [(as_hour(h), n) for h, n in rows if h is not None]


def _per_day(session: Session, column, stmt, tz: tzinfo) -> dict[date, int]:
    return _days_of(((int(hour.timestamp()) // 3600, n) for hour, n in _hour_buckets(session, column, stmt)), tz)


def _days_of(hours, tz: tzinfo) -> dict[date, int]:
    """(hour since 1970 UTC, count) pairs summed per study day; the day of an hour is worked
    out once per day, not per hour (an hour never straddles 04:00 in a whole-hour zone)."""
    out: dict[date, int] = defaultdict(int)
    lo = hi = 0
    day = None
    for hour, n in hours:
        if not lo <= hour < hi:  # the hours whose start lies within this study day: lo to hi
            day = study_day(datetime.fromtimestamp(hour * 3600, timezone.utc), tz)
            lo, hi = _first_hour(day, tz), _first_hour(day + timedelta(days=1), tz)
        out[day] += n
    return dict(out)


def _first_hour(day: date, tz: tzinfo) -> int:
    """The first hour since 1970 UTC that starts within ``day`` (at or after its 04:00)."""
    return -(-int(datetime.combine(day, DAY_START, tzinfo=tz).timestamp()) // 3600)


def _noon(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=tz) + timedelta(hours=12)


def streak(days: set[date], today: date) -> int:
    """Consecutive study days up to today (today may still be empty: the streak holds)."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def compute(
    session: Session,
    *,
    profile_id: int,
    now: datetime,
    tz: tzinfo,
    deck_id: int | None = None,
    days: int = 30,
    scheduler: Scheduler | None = None,
) -> dict:
    today = study_day(now, tz)
    start_today = day_start(now, tz)
    deck_filter = (Card.deck_id == deck_id) if deck_id is not None else literal_column("1") == 1
    window = start_today - timedelta(days=HEATMAP_DAYS - 1)
    since = {label: start_today - timedelta(days=span - 1) for label, span in (("7d", 7), ("30d", 30), ("365d", 365))}
    if deck_id is None:  # all of the learner's reviews: the counts the database keeps
        answered, per_day, retention = _from_counts(session, profile_id, start_today, window, since, tz)
        confusions = _counted_confusions(session, profile_id)
    else:  # one deck's: its reviews (the counts are per learner, not per deck)
        reviews = (
            select(Review.id)
            .where(Review.profile_id == profile_id)
            .join(Card, Card.id == Review.card_id)
            .where(Card.deck_id == deck_id)
        )
        answered, per_day, retention = _from_reviews(session, reviews, start_today, window, since, tz)
        confusions = _confusions(session, reviews)
    run = streak(set(per_day), today)
    if run >= HEATMAP_DAYS - 1:  # a streak longer than the heatmap: the days before it
        run = streak(set(per_day) | _days_before(session, profile_id, deck_id, window, tz), today)

    decks = select(Deck.name).order_by(Deck.name)
    return {
        "decks": list(session.scalars(decks.where(Deck.id == deck_id) if deck_id is not None else decks)),
        "today": {"reviews": answered[0], "correct": int(answered[1]), "seconds": int(answered[2]) // 1000},
        "streak_days": run,
        "retention": retention,
        "forecast": _forecast(session, profile_id, deck_id, now, tz, today, days),
        "heatmap": [
            {"date": (today - timedelta(days=i)).isoformat(), "reviews": per_day.get(today - timedelta(days=i), 0)}
            for i in range(HEATMAP_DAYS - 1, -1, -1)
        ],
        **_mastery(session, profile_id, deck_filter, now, scheduler or Scheduler(fuzz=False)),
        "confusions": confusions,
    }


def _hour(when: datetime) -> int:
    """Hours since 1970-01-01 UTC: review_hour's ``hour``."""
    return int(when.timestamp()) // 3600


def _from_counts(session, profile_id, start_today, window, since, tz) -> tuple:
    """Today's answers, reviews per study day and retention from ``review_hour``: the sums
    in one statement, the hours of the heatmap in another. A window that does not begin on a
    UTC hour (a time zone of +05:30) adds the reviews of its first part-hour from the reviews
    themselves, so every figure is exact."""
    h = review_hour.c
    starts = {"today": start_today, **since}
    first = {key: -(-int(at.timestamp()) // 3600) for key, at in starts.items()}  # the first whole hour in each

    def from_(key: str, column):
        return func.coalesce(func.sum(case((h.hour >= first[key], column), else_=0)), 0)

    sums = session.execute(
        select(
            from_("today", h.reviews),
            from_("today", h.correct),
            from_("today", h.duration_ms),
            *[from_(label, column) for label in since for column in (h.due, h.kept)],
        ).where(h.profile_id == profile_id, h.hour >= min(first.values()))
    ).one()
    answered, retention_sums = [int(n) for n in sums[:3]], [int(n) for n in sums[3:]]
    for key, at in starts.items():
        if first[key] * 3600 == at.timestamp():
            continue
        part = session.execute(  # the part-hour before the first whole hour
            select(
                func.count(),
                func.coalesce(func.sum(case((Review.verdict.in_(CORRECT), 1), else_=0)), 0),
                func.coalesce(func.sum(Review.duration_ms), 0),
                func.coalesce(func.sum(case((Review.prior_state == State.REVIEW, 1), else_=0)), 0),
                func.coalesce(func.sum(case(((Review.prior_state == State.REVIEW) & (Review.rating > 1), 1), else_=0)), 0),
            ).where(
                Review.profile_id == profile_id,
                Review.reviewed_at >= at,
                Review.reviewed_at < datetime.fromtimestamp(first[key] * 3600, timezone.utc),
            )
        ).one()
        if key == "today":
            answered = [a + int(p) for a, p in zip(answered, part[:3])]
        else:
            i = 2 * list(since).index(key)
            retention_sums[i] += int(part[3])
            retention_sums[i + 1] += int(part[4])
    hours = session.execute(
        select(h.hour, h.reviews).where(h.profile_id == profile_id, h.hour >= _hour(window), h.reviews > 0)
    ).all()
    per_day = _days_of(hours, tz)
    retention = {
        label: round(retention_sums[2 * i + 1] / retention_sums[2 * i], 4) if retention_sums[2 * i] else None
        for i, label in enumerate(since)
    }
    return tuple(answered), per_day, retention


def _from_reviews(session, reviews, start_today, window, since, tz) -> tuple:
    """The same figures from the reviews themselves (one deck's)."""
    answered = session.execute(
        reviews.with_only_columns(
            func.count(),
            func.coalesce(func.sum(case((Review.verdict.in_(CORRECT), 1), else_=0)), 0),
            func.coalesce(func.sum(Review.duration_ms), 0),
        ).where(Review.reviewed_at >= start_today)
    ).one()
    per_day = _per_day(session, Review.reviewed_at, reviews.where(Review.reviewed_at >= window), tz)
    kept = case((Review.rating > 1, 1), else_=0)
    row = session.execute(
        reviews.with_only_columns(
            *[
                agg
                for label in since
                for agg in (
                    func.coalesce(func.sum(case((Review.reviewed_at >= since[label], 1), else_=0)), 0),
                    func.coalesce(func.sum(case((Review.reviewed_at >= since[label], kept), else_=0)), 0),
                )
            ]
        ).where(Review.prior_state == State.REVIEW, Review.reviewed_at >= since["365d"])
    ).one()
    retention = {label: (round(row[2 * i + 1] / row[2 * i], 4) if row[2 * i] else None) for i, label in enumerate(since)}
    return tuple(answered), per_day, retention


def _days_before(session, profile_id: int, deck_id: int | None, window: datetime, tz: tzinfo) -> set[date]:
    """The study days with reviews before ``window``: from the counts, or one deck's reviews."""
    if deck_id is None:
        hours = session.execute(
            select(review_hour.c.hour, review_hour.c.reviews)
            .where(review_hour.c.profile_id == profile_id, review_hour.c.hour < _hour(window), review_hour.c.reviews > 0)
            .order_by(review_hour.c.hour)
        ).all()
        return set(_days_of(hours, tz))
    older = (
        select(Review.id)
        .join(Card, Card.id == Review.card_id)
        .where(Review.profile_id == profile_id, Card.deck_id == deck_id, Review.reviewed_at < window)
    )
    return set(_per_day(session, Review.reviewed_at, older, tz))


def _counted_confusions(session, profile_id: int) -> list[dict]:
    c = review_confusion.c
    rows = session.execute(
        select(c.expected, c.typed, c.n)
        .where(c.profile_id == profile_id, c.n > 0)
        .order_by(c.n.desc(), c.expected, c.typed)
        .limit(10)
    ).all()
    return [{"expected": e, "typed": t, "count": n} for e, t, n in rows]


def _forecast(session, profile_id, deck_id, now, tz, today, days) -> list[dict]:
    """The active cards due on each of the next ``days`` study days. Every state due by then
    is read from the due index (the whole collection: less the states of the cards not active,
    listed from the status index), or one deck's active cards are listed and their states
    looked up by key: either way no card row is read per state."""
    due = select(CardState.card_id).where(
        CardState.profile_id == profile_id, CardState.due < day_start(now, tz) + timedelta(days=days)
    )
    if deck_id is None:
        per_day = _per_day(session, CardState.due, due, tz)
        aside = select(Card.id).where(Card.status != "active")
        for day, n in _per_day(session, CardState.due, due.where(CardState.card_id.in_(aside)), tz).items():
            per_day[day] -= n
    else:
        active = select(Card.id).where(Card.deck_id == deck_id, Card.status == "active")
        per_day = _per_day(session, CardState.due, due.where(CardState.card_id.in_(active)), tz)
    counts = {today + timedelta(days=i): 0 for i in range(days)}
    for day, n in per_day.items():
        key = max(day, today)  # overdue cards are due today
        if key in counts:
            counts[key] += n
    return [{"date": d.isoformat(), "due": n} for d, n in counts.items()]


def recall_constants(scheduler: Scheduler) -> tuple[float, float]:
    """FSRS forgetting curve R(t) = (1 + factor * t / S) ** decay, with the scheduler's own
    parameters (decay = -w[20]); a test checks it against fsrs.get_card_retrievability."""
    decay = -float(scheduler.parameters[20])
    return 0.9 ** (1 / decay) - 1, decay


def _recall_expr(now: datetime, scheduler: Scheduler, dialect: str):
    """Retrievability at ``now``, per card, as SQL (0 for cards never reviewed)."""
    factor, decay = recall_constants(scheduler)
    elapsed = whole_days_since(now, CardState.last_review, dialect)
    return case(
        (CardState.stability.is_(None) | CardState.last_review.is_(None), 0.0),
        else_=func.pow(1 + factor * elapsed / CardState.stability, decay),
    )


MASTERY_HORIZON = timedelta(days=7)
MASTERY_KINDS = ("command", "option", "meaning", "example")  # a command's cards in the mastery table


STUDIED_STATES = (State.LEARNING, State.REVIEW, State.RELEARNING)
STUDIED_LABELS = tuple(card_state("active", state) for state in STUDIED_STATES)


_PATH_WORD = re.compile(r"[a-z][a-z0-9-]*")


def command_group(command: str) -> str:
    """A card's command as a row of the command table: its program and subcommand path, not
    the arguments the notes wrote after it. The reader keeps a program no grammar reads with
    its plain words (``ssh user@host``, ``find .``: ``notes.answer.command_path``), and a
    grammar's path is plain words already (``docker run``, ``kubectl get``): the path ends at
    the first word that is not a plain lower-case word (``ssh``, ``find``)."""
    words = command.split()
    path = words[:1]
    for word in words[1:]:
        if not _PATH_WORD.fullmatch(word):
            break
        path.append(word)
    return " ".join(path)


def _mastery(session, profile_id, deck_filter, now, scheduler) -> dict:
    """Mastery: the chance of recalling a card a week from now (FSRS's forgetting curve), so
    a card failed a minute ago reads low, not 100% (the chance right after any review).
    The same pass over the cards counts them by what they are for the learner (``cards``):
    by status, and the active ones by their state (no state: new)."""
    now = now + MASTERY_HORIZON
    joined = select(Card.id).outerjoin(CardState, (CardState.card_id == Card.id) & (CardState.profile_id == profile_id))
    recall = _recall_expr(now, scheduler, session.bind.dialect.name)
    # one pass for both tables and the counts: per section, command and status (a command's
    # cards: those of its kinds)
    of_command = Card.command.isnot(None) & Card.kind.in_(MASTERY_KINDS)
    sections: dict[tuple, dict] = {}
    commands: dict[str, dict] = {}
    cards = dict.fromkeys(CARD_STATES, 0)
    grouped = (
        joined.where(deck_filter)
        .with_only_columns(
            Card.deck_id,
            Card.section,
            Card.command,
            of_command.label("of_command"),
            Card.status,
            func.count(),
            func.count(CardState.card_id),
            func.sum(recall),
            func.min(Card.ordinal),
            *[func.count(case((CardState.state == state, 1))) for state in STUDIED_STATES],
        )
        .group_by(Card.deck_id, Card.section, Card.command, literal_column("of_command"), Card.status)
    )
    per_status: dict[str, list[int]] = {}  # cards, then those in each studied state
    # through the connection: plain rows, no ORM loading (one row per section and command)
    for deck_id, sec, cmd, counted, status, n, studied, total, first, *in_state in session.connection().execute(grouped).all():
        counts = per_status.setdefault(status, [0] * (1 + len(STUDIED_STATES)))
        counts[0] += n
        for i, m in enumerate(in_state, 1):
            counts[i] += m
        if status == "retired":
            continue
        # each deck's own sections: two decks' notes may share a heading
        key = (deck_id, tuple(sec or ()))
        row = sections.get(key)
        if row is None:
            row = sections[key] = {"deck": deck_id, "section": sec or [], "cards": 0, "total": 0.0, "first": first}
        row["cards"] += n
        row["total"] += total
        row["first"] = min(row["first"], first)
        if counted:
            path = command_group(cmd)
            row = commands.get(path)
            if row is None:
                row = commands[path] = {"command": path, "cards": 0, "studied": 0, "total": 0.0}
            row["cards"] += n
            row["studied"] += studied
            row["total"] += total
    for status, (n, *in_state) in per_status.items():
        unstudied = card_state(status, None)  # new, suspended or retired
        cards[unstudied] += n
        if unstudied == "new":
            for label, m in zip(STUDIED_LABELS, in_state):
                cards[unstudied] -= m
                cards[label] += m
    names = dict(session.execute(select(Deck.id, Deck.name)).all()) if sections else {}
    sections = [
        {"deck": names.get(r["deck"]), "section": r["section"], "cards": r["cards"], "mastery": round(r["total"] / r["cards"], 4)}
        for r in sorted(sections.values(), key=lambda r: (names.get(r["deck"]) or "", r["first"]))
    ]
    # a command's mastery is that of the cards studied (a card never studied is no weakness:
    # counted as 0 it ranked a command never studied below one answered wrong); never studied:
    # no mastery, after the studied ones
    commands = [
        {
            "command": r["command"],
            "cards": r["cards"],
            "studied": r["studied"],
            "mastery": round(r["total"] / r["studied"], 4) if r["studied"] else None,
        }
        for r in commands.values()
    ]
    commands.sort(key=lambda c: (c["mastery"] is None, c["mastery"] or 0, c["command"]))
    weak_rows = session.execute(  # studied cards only: from card_state, each card looked up by its key
        select(Card.id, Card.answer, Card.prompt_ja, Card.prompt_en, Card.status, CardState.lapses, CardState.difficulty)
        .join(Card, Card.id == CardState.card_id)
        .where(CardState.profile_id == profile_id, deck_filter, Card.status != "retired")
        .where((CardState.lapses > 0) | (Card.status == "suspended"))
        .order_by((CardState.lapses >= LEECH_LAPSES).desc(), CardState.lapses.desc(), CardState.difficulty.desc(), Card.id)
        .limit(10)
    ).all()
    weak = [
        {
            "id": r.id,
            "answer": r.answer,
            "prompt": {"ja": r.prompt_ja, "en": r.prompt_en},
            "lapses": r.lapses,
            "difficulty": round(r.difficulty or 0, 2),
            "leech": r.lapses >= LEECH_LAPSES,
            "suspended": r.status == "suspended",
        }
        for r in weak_rows
    ]
    return {"cards": cards, "sections": sections, "commands": commands, "weak": weak}


def _confusions(session, reviews) -> list[dict]:
    """The most frequent [expected, typed] pairs of the reviews' confusions."""
    pairs, expected, typed = pairs_of(Review.confusions, session.bind.dialect.name)
    n = func.count().label("n")
    stmt = (
        reviews.where(Review.confusions.isnot(None))
        .join(pairs, true())
        .with_only_columns(expected, typed, n)
        .group_by(expected, typed)
        .order_by(n.desc(), expected, typed)
        .limit(10)
    )
    return [{"expected": e, "typed": t, "count": c} for e, t, c in session.execute(stmt).all()]
