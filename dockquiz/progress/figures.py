"""One learner's figures for ``dockquiz stats``: SQL aggregates over reviews and card states,
the same queries on SQLite and PostgreSQL (progress.dialect spells what differs).

Days are the learner's study days (04:00 local boundary, as in study): reviews are counted
per UTC hour in SQL, and the hours become study days in Python, so any time zone (and DST)
is right."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import bindparam, case, func, literal_column, select, true
from sqlalchemy.orm import Session

from dockquiz.clock import day_start, study_day
from dockquiz.progress.dialect import as_hour, hour_of, pairs_of, whole_days_since
from dockquiz.scheduling import LEECH_LAPSES, Scheduler, State
from dockquiz.storage.models import Card, CardState, Review

HEATMAP_DAYS = 26 * 7
CORRECT = ("exact", "equivalent")


def _hour_buckets(session: Session, column, stmt) -> list[tuple[datetime, int]]:
    """Counts per UTC hour."""
    hour = hour_of(column, session.bind.dialect.name)
    rows = session.execute(stmt.with_only_columns(hour, func.count()).group_by(hour)).all()
    return [(as_hour(h), n) for h, n in rows if h is not None]


def _per_day(session: Session, column, stmt, tz: tzinfo) -> dict[date, int]:
    out: dict[date, int] = defaultdict(int)
    for hour, n in _hour_buckets(session, column, stmt):
        out[study_day(hour, tz)] += n
    return dict(out)


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
    reviews = select(Review.id).where(Review.profile_id == profile_id)
    if deck_id is not None:
        reviews = reviews.join(Card, Card.id == Review.card_id).where(Card.deck_id == deck_id)

    r_today = session.execute(
        reviews.with_only_columns(
            func.count(),
            func.coalesce(func.sum(case((Review.verdict.in_(CORRECT), 1), else_=0)), 0),
            func.coalesce(func.sum(Review.duration_ms), 0),
        ).where(Review.reviewed_at >= start_today)
    ).one()

    window = start_today - timedelta(days=HEATMAP_DAYS - 1)
    per_day = _per_day(session, Review.reviewed_at, reviews.where(Review.reviewed_at >= window), tz)
    run = streak(set(per_day), today)
    if run >= HEATMAP_DAYS - 1:  # a streak longer than the heatmap: probe day by day (indexed)
        probe = (
            reviews.with_only_columns(Review.id)
            .where(
                Review.reviewed_at >= bindparam("lo", type_=Review.reviewed_at.type),
                Review.reviewed_at < bindparam("hi", type_=Review.reviewed_at.type),
            )
            .limit(1)
        )
        day = today - timedelta(days=run)
        while True:
            lo = day_start(_noon(day, tz), tz)
            if session.execute(probe, {"lo": lo, "hi": lo + timedelta(days=1)}).first() is None:
                break
            run += 1
            day -= timedelta(days=1)

    since = {label: start_today - timedelta(days=span - 1) for label, span in (("7d", 7), ("30d", 30), ("365d", 365))}
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

    return {
        "today": {"reviews": r_today[0], "correct": int(r_today[1]), "seconds": int(r_today[2]) // 1000},
        "streak_days": run,
        "retention": retention,
        "cards": _card_counts(session, profile_id, deck_filter),
        "forecast": _forecast(session, profile_id, deck_filter, now, tz, today, days),
        "heatmap": [
            {"date": (today - timedelta(days=i)).isoformat(), "reviews": per_day.get(today - timedelta(days=i), 0)}
            for i in range(HEATMAP_DAYS - 1, -1, -1)
        ],
        **_mastery(session, profile_id, deck_filter, now, scheduler or Scheduler(fuzz=False)),
        "confusions": _confusions(session, reviews),
    }


def _card_counts(session: Session, profile_id: int, deck_filter) -> dict[str, int]:
    rows = session.execute(
        select(Card.status, CardState.state, func.count())
        .outerjoin(CardState, (CardState.card_id == Card.id) & (CardState.profile_id == profile_id))
        .where(deck_filter)
        .group_by(Card.status, CardState.state)
    ).all()
    out = {"new": 0, "learning": 0, "review": 0, "relearning": 0, "suspended": 0, "retired": 0}
    for status, state, n in rows:
        out[status if status in ("suspended", "retired") else State.label_of(state)] += n
    return out


def _forecast(session, profile_id, deck_filter, now, tz, today, days) -> list[dict]:
    base = (
        select(CardState.card_id)
        .join(Card, Card.id == CardState.card_id)
        .where(
            CardState.profile_id == profile_id,
            Card.status == "active",
            deck_filter,
            CardState.due < day_start(now, tz) + timedelta(days=days),
        )
    )
    per_day = _per_day(session, CardState.due, base, tz)
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


def _mastery(session, profile_id, deck_filter, now, scheduler) -> dict:
    """Mastery: the chance of recalling a card a week from now (FSRS's forgetting curve), so
    a card failed a minute ago reads low, not 100% (the chance right after any review)."""
    now = now + MASTERY_HORIZON
    joined = (
        select(Card.id)
        .outerjoin(CardState, (CardState.card_id == Card.id) & (CardState.profile_id == profile_id))
        .where(deck_filter, Card.status != "retired")
    )
    recall = _recall_expr(now, scheduler, session.bind.dialect.name)
    sections = [
        {"section": sec or [], "cards": n, "mastery": round(total / n, 4)}
        for sec, n, total, _ in session.execute(
            joined.with_only_columns(Card.section, func.count(), func.sum(recall), func.min(Card.ordinal))
            .group_by(Card.section)
            .order_by(func.min(Card.ordinal))
        ).all()
    ]
    commands = [
        {"command": cmd, "cards": n, "studied": studied, "mastery": round(total / n, 4)}
        for cmd, n, studied, total in session.execute(
            joined.with_only_columns(Card.command, func.count(), func.count(CardState.card_id), func.sum(recall))
            .where(Card.command.isnot(None), Card.kind.in_(("command", "option", "meaning", "example")))
            .group_by(Card.command)
        ).all()
    ]
    commands.sort(key=lambda c: (c["mastery"], c["command"]))
    weak_rows = session.execute(
        joined.with_only_columns(
            Card.id, Card.answer, Card.prompt_ja, Card.prompt_en, Card.status, CardState.lapses, CardState.difficulty
        )
        .where(CardState.card_id.isnot(None), (CardState.lapses > 0) | (Card.status == "suspended"))
        .order_by((CardState.lapses >= LEECH_LAPSES).desc(), CardState.lapses.desc(), CardState.difficulty.desc())
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
    return {"sections": sections, "commands": commands, "weak": weak}


def _confusions(session, reviews) -> list[dict]:
    """The most frequent [expected, typed] pairs of the reviews' confusions."""
    pairs, expected, typed = pairs_of(Review.confusions, session.bind.dialect.name)
    n = func.count().label("n")
    stmt = (
        reviews.where(Review.confusions.isnot(None))
        .join(pairs, true())
        .with_only_columns(expected, typed, n)
        .group_by(expected, typed)
        .order_by(n.desc(), expected)
        .limit(10)
    )
    return [{"expected": e, "typed": t, "count": c} for e, t, c in session.execute(stmt).all()]
