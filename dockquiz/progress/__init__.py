"""Progress figures for ``dockquiz stats``: SQL aggregates over reviews and card states.

Days are the learner's study days (04:00 local boundary, as in study). On SQLite the
grouping by day happens in SQL; other databases fall back to grouping in Python.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime, timedelta, timezone, tzinfo

from sqlalchemy import case, func, literal_column, select, true
from sqlalchemy.orm import Session

from dockquiz.clock import day_start, study_day
from dockquiz.scheduling import LEECH_LAPSES, Scheduler
from dockquiz.storage.models import Card, CardState, Review

HEATMAP_DAYS = 26 * 7
CORRECT = ("exact", "equivalent")


def _hour_buckets(session: Session, column, stmt) -> list[tuple[datetime, int]]:
    """Counts per UTC hour: ``substr`` on the stored text is cheap (no date parsing per row);
    hours become the learner's study days in Python, so any time zone (and DST) is right."""
    if session.bind.dialect.name == "sqlite":
        hour = func.substr(column, 1, 13)
        rows = session.execute(stmt.with_only_columns(hour, func.count()).group_by(hour)).all()
        return [(datetime.fromisoformat(h + ":00").replace(tzinfo=timezone.utc), n) for h, n in rows if h]
    counts: dict[datetime, int] = defaultdict(int)
    for (when,) in session.execute(stmt.with_only_columns(column)).all():
        counts[when.replace(minute=0, second=0, microsecond=0)] += 1
    return list(counts.items())


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


def compute(session: Session, *, profile_id: int, now: datetime, tz: tzinfo, deck_id: int | None = None,
            days: int = 30, scheduler: Scheduler | None = None) -> dict:
    today = study_day(now, tz)
    start_today = day_start(now, tz)
    deck_filter = (Card.deck_id == deck_id) if deck_id is not None else literal_column("1") == 1
    reviews = select(Review.id).where(Review.profile_id == profile_id)
    if deck_id is not None:
        reviews = reviews.join(Card, Card.id == Review.card_id).where(Card.deck_id == deck_id)

    r_today = session.execute(reviews.with_only_columns(
        func.count(), func.coalesce(func.sum(case((Review.verdict.in_(CORRECT), 1), else_=0)), 0),
        func.coalesce(func.sum(Review.duration_ms), 0)).where(Review.reviewed_at >= start_today)).one()

    window = start_today - timedelta(days=HEATMAP_DAYS - 1)
    per_day = _per_day(session, Review.reviewed_at, reviews.where(Review.reviewed_at >= window), tz)
    run = streak(set(per_day), today)
    if run >= HEATMAP_DAYS - 1:   # a streak longer than the heatmap: probe day by day (indexed)
        day = today - timedelta(days=run)
        while session.execute(reviews.with_only_columns(Review.id).where(
                Review.reviewed_at >= day_start(_noon(day, tz), tz),
                Review.reviewed_at < day_start(_noon(day, tz), tz) + timedelta(days=1)).limit(1)).first():
            run += 1
            day -= timedelta(days=1)

    since = {label: start_today - timedelta(days=span - 1) for label, span in (("7d", 7), ("30d", 30), ("365d", 365))}
    kept = case((Review.rating > 1, 1), else_=0)
    row = session.execute(reviews.with_only_columns(*[
        agg for label in since for agg in (
            func.coalesce(func.sum(case((Review.reviewed_at >= since[label], 1), else_=0)), 0),
            func.coalesce(func.sum(case((Review.reviewed_at >= since[label], kept), else_=0)), 0))])
        .where(Review.prior_state == 2, Review.reviewed_at >= since["365d"])).one()
    retention = {label: (round(row[2 * i + 1] / row[2 * i], 4) if row[2 * i] else None)
                 for i, label in enumerate(since)}

    return {
        "today": {"reviews": r_today[0], "correct": int(r_today[1]), "seconds": int(r_today[2]) // 1000},
        "streak_days": run,
        "retention": retention,
        "cards": _card_counts(session, profile_id, deck_filter),
        "forecast": _forecast(session, profile_id, deck_filter, now, tz, today, days),
        "heatmap": [{"date": (today - timedelta(days=i)).isoformat(),
                     "reviews": per_day.get(today - timedelta(days=i), 0)} for i in range(HEATMAP_DAYS - 1, -1, -1)],
        **_mastery(session, profile_id, deck_filter, now, scheduler or Scheduler(fuzz=False)),
        "confusions": _confusions(session, reviews),
    }


def _card_counts(session: Session, profile_id: int, deck_filter) -> dict[str, int]:
    rows = session.execute(
        select(Card.status, CardState.state, func.count())
        .outerjoin(CardState, (CardState.card_id == Card.id) & (CardState.profile_id == profile_id))
        .where(deck_filter).group_by(Card.status, CardState.state)).all()
    out = {"new": 0, "learning": 0, "review": 0, "relearning": 0, "suspended": 0, "retired": 0}
    names = {None: "new", 1: "learning", 2: "review", 3: "relearning"}
    for status, state, n in rows:
        out[status if status in ("suspended", "retired") else names.get(state, "learning")] += n
    return out


def _forecast(session, profile_id, deck_filter, now, tz, today, days) -> list[dict]:
    base = (select(CardState.card_id).join(Card, Card.id == CardState.card_id)
            .where(CardState.profile_id == profile_id, Card.status == "active", deck_filter,
                   CardState.due < day_start(now, tz) + timedelta(days=days)))
    per_day = _per_day(session, CardState.due, base, tz)
    counts = {today + timedelta(days=i): 0 for i in range(days)}
    for day, n in per_day.items():
        key = max(day, today)   # overdue cards are due today
        if key in counts:
            counts[key] += n
    return [{"date": d.isoformat(), "due": n} for d, n in counts.items()]


def _mastery(session, profile_id, deck_filter, now, scheduler) -> dict:
    rows = session.execute(
        select(Card.id, Card.kind, Card.section, Card.command, Card.answer, Card.prompt_ja, Card.prompt_en,
               Card.status, CardState.state, CardState.stability, CardState.difficulty, CardState.due,
               CardState.last_review, CardState.reps, CardState.lapses)
        .outerjoin(CardState, (CardState.card_id == Card.id) & (CardState.profile_id == profile_id))
        .where(deck_filter, Card.status != "retired")).all()
    recall_of = _recall(scheduler, now)
    sections: dict[tuple, list[float]] = defaultdict(list)
    commands: dict[str, list[float]] = defaultdict(list)
    studied: dict[str, int] = defaultdict(int)
    weak = []
    for r in rows:
        state = r.state
        recall = recall_of(r) if state is not None else 0.0
        section = tuple(r.section or [])
        sections[section].append(recall)
        command = _command_key(r)
        if command:
            commands[command].append(recall)
            studied[command] += state is not None
        if state is not None and (r.lapses or r.status == "suspended"):
            weak.append({"id": r.id, "answer": r.answer, "prompt": {"ja": r.prompt_ja, "en": r.prompt_en},
                         "lapses": r.lapses, "difficulty": round(r.difficulty or 0, 2),
                         "leech": r.lapses >= LEECH_LAPSES, "suspended": r.status == "suspended"})
    weak.sort(key=lambda w: (-w["leech"], -w["lapses"], -w["difficulty"]))
    return {
        "sections": [{"section": list(k), "cards": len(v), "mastery": round(sum(v) / len(v), 4)}
                     for k, v in sections.items()],
        "commands": sorted(({"command": k, "cards": len(v), "studied": studied[k],
                             "mastery": round(sum(v) / len(v), 4)} for k, v in commands.items()),
                           key=lambda c: (c["mastery"], c["command"])),
        "weak": weak[:10],
    }


def _recall(scheduler: Scheduler, now: datetime):
    """Retrievability now, by fsrs's own formula (``get_card_retrievability`` reads only
    ``last_review`` and ``stability``, so plain rows serve as its cards)."""
    fsrs_scheduler = scheduler._scheduler

    def recall(row) -> float:
        return float(fsrs_scheduler.get_card_retrievability(row, now))

    return recall


def _command_key(row) -> str | None:
    """Command, option, meaning and example cards all carry their command path."""
    return row.command if row.kind in ("command", "option", "meaning", "example") else None


def _confusions(session, reviews) -> list[dict]:
    """The most frequent [expected, typed] pairs (json_each in SQL on SQLite)."""
    reviews = reviews.where(Review.confusions.isnot(None))
    if session.bind.dialect.name == "sqlite":
        pairs = func.json_each(Review.confusions).table_valued("value").alias("pair")
        expected = func.json_extract(pairs.c.value, "$[0]")
        typed = func.json_extract(pairs.c.value, "$[1]")
        n = func.count().label("n")
        stmt = (reviews.join(pairs, true()).with_only_columns(expected, typed, n)
                .group_by(expected, typed).order_by(n.desc(), expected).limit(10))
        return [{"expected": e, "typed": t, "count": c} for e, t, c in session.execute(stmt).all()]
    counts: dict[tuple, int] = defaultdict(int)
    for (pairs_,) in session.execute(reviews.with_only_columns(Review.confusions)).all():
        for e, t in pairs_ if isinstance(pairs_, list) else json.loads(pairs_):
            counts[(e, t)] += 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    return [{"expected": e, "typed": t, "count": c} for (e, t), c in top]
