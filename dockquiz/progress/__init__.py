"""Progress figures for ``dockquiz stats``: SQL aggregates over reviews and card states.

Days are the learner's study days (04:00 local boundary, as in study). On SQLite the
grouping by day happens in SQL; other databases fall back to grouping in Python.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import case, func, literal_column, select
from sqlalchemy.orm import Session

from dockquiz.clock import DAY_START, day_start, study_day
from dockquiz.scheduling import LEECH_LAPSES, SchedState, Scheduler
from dockquiz.storage.models import Card, CardState, Review

HEATMAP_DAYS = 26 * 7
CORRECT = ("exact", "equivalent")


def _offset_minutes(tz: tzinfo, now: datetime) -> int:
    offset = now.astimezone(tz).utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60) - (DAY_START.hour * 60 + DAY_START.minute)


def _day_expr(session: Session, column, tz: tzinfo, now: datetime):
    """SQL expression: the study day (YYYY-MM-DD) of a stored UTC time."""
    if session.bind.dialect.name != "sqlite":
        return None
    return func.date(column, f"{_offset_minutes(tz, now):+d} minutes")


def _per_day(session: Session, stmt_column, base_stmt, tz: tzinfo, now: datetime) -> dict[date, int]:
    expr = _day_expr(session, stmt_column, tz, now)
    if expr is not None:
        rows = session.execute(base_stmt.with_only_columns(expr, func.count()).group_by(expr)).all()
        return {date.fromisoformat(d): n for d, n in rows if d}
    out: dict[date, int] = defaultdict(int)
    for (when,) in session.execute(base_stmt.with_only_columns(stmt_column)).all():
        out[study_day(when, tz)] += 1
    return dict(out)


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
    reviews = (select(Review.id).join(Card, Card.id == Review.card_id)
               .where(Review.profile_id == profile_id, deck_filter))

    r_today = session.execute(reviews.with_only_columns(
        func.count(), func.coalesce(func.sum(case((Review.verdict.in_(CORRECT), 1), else_=0)), 0),
        func.coalesce(func.sum(Review.duration_ms), 0)).where(Review.reviewed_at >= start_today)).one()

    per_day = _per_day(session, Review.reviewed_at,
                       reviews.where(Review.reviewed_at >= start_today - timedelta(days=400)), tz, now)

    retention = {}
    was_review = func.json_extract(Review.state_before, "$.state") == 2 \
        if session.bind.dialect.name == "sqlite" else Review.state_before.isnot(None)
    for label, span in (("7d", 7), ("30d", 30), ("365d", 365)):
        total, kept = session.execute(reviews.with_only_columns(
            func.count(), func.coalesce(func.sum(case((Review.rating > 1, 1), else_=0)), 0))
            .where(was_review, Review.reviewed_at >= start_today - timedelta(days=span - 1))).one()
        retention[label] = round(kept / total, 4) if total else None

    return {
        "today": {"reviews": r_today[0], "correct": int(r_today[1]), "seconds": int(r_today[2]) // 1000},
        "streak_days": streak(set(per_day), today),
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
    per_day = _per_day(session, CardState.due, base, tz, now)
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
    sections: dict[tuple, list[float]] = defaultdict(list)
    commands: dict[str, list[float]] = defaultdict(list)
    studied: dict[str, int] = defaultdict(int)
    weak = []
    for r in rows:
        state = None if r.state is None else SchedState(r.state, None, r.stability, r.difficulty, r.due,
                                                        r.last_review, r.reps, r.lapses)
        recall = scheduler.retrievability(r.id, state, now) if state else 0.0
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


def _command_key(row) -> str | None:
    if row.kind in ("option", "meaning"):
        return row.command
    if row.kind in ("command", "example"):
        from dockquiz.notes.reader import command_path

        return command_path(row.answer, set())
    return None


def _confusions(session, reviews) -> list[dict]:
    """The most frequent [expected, typed] pairs (json_each in SQL on SQLite)."""
    reviews = reviews.where(Review.confusions.isnot(None))
    if session.bind.dialect.name == "sqlite":
        pairs = func.json_each(Review.confusions).table_valued("value").alias("pair")
        expected = func.json_extract(pairs.c.value, "$[0]")
        typed = func.json_extract(pairs.c.value, "$[1]")
        n = func.count().label("n")
        stmt = (reviews.with_only_columns(expected, typed, n).select_from(pairs)
                .group_by(expected, typed).order_by(n.desc(), expected).limit(10))
        return [{"expected": e, "typed": t, "count": c} for e, t, c in session.execute(stmt).all()]
    counts: dict[tuple, int] = defaultdict(int)
    for (pairs_,) in session.execute(reviews.with_only_columns(Review.confusions)).all():
        for e, t in pairs_ if isinstance(pairs_, list) else json.loads(pairs_):
            counts[(e, t)] += 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    return [{"expected": e, "typed": t, "count": c} for (e, t), c in top]
