"""A teacher's view of a shared database (``dockquiz stats --class``)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import case, func, literal_column, select
from sqlalchemy.orm import Session

from dockquiz.clock import DAY_START, day_start, study_day
from dockquiz.progress.figures import HEATMAP_DAYS, streak
from dockquiz.scheduling import Rating, State
from dockquiz.storage.dialect import as_date, shifted_date
from dockquiz.storage.models import Card


def class_report(session: Session, *, now: datetime, tz: tzinfo, deck_id: int | None = None, top: int = 10) -> dict:
    """A teacher's view of a shared database: per learner, reviews in the last 7 and 30 days,
    true retention over 30 days and the streak; and the cards the class forgets most."""
    from dockquiz.storage.access import review_source
    from dockquiz.storage.models import Profile

    R = review_source(session.bind).c  # everyone's reviews: their figures only, on PostgreSQL

    start_today = day_start(now, tz)
    d7, d30 = start_today - timedelta(days=6), start_today - timedelta(days=29)
    window = start_today - timedelta(days=HEATMAP_DAYS - 1)
    in_deck = R.card_id.in_(select(Card.id).where(Card.deck_id == deck_id)) if deck_id is not None else literal_column("1") == 1
    # study days, counted by the database: a day starts at DAY_START local time, with the
    # offset of today (a class overview; each learner's own stats follow DST exactly)
    shift = int((now.astimezone(tz).utcoffset() or timedelta()).total_seconds()) - DAY_START.hour * 3600 - DAY_START.minute * 60
    if deck_id is None and shift % 3600 == 0 and start_today.timestamp() % 3600 == 0:
        figures, days = _from_counts(session, d7, d30, window, shift // 3600)
    else:  # one deck's (the counts are per learner), or days that do not begin on a UTC hour
        figures, days = _from_reviews(session, R, in_deck, d7, d30, window, shift)
    today = study_day(now, tz)
    learners = []
    for prof in session.scalars(select(Profile).order_by(Profile.name)):
        week, month, due, kept = figures.get(prof.id, (0, 0, 0, 0))
        learners.append(
            {
                "profile": prof.name,
                "reviews_7d": week,
                "reviews_30d": month,
                "retention_30d": round(kept / due, 4) if due else None,
                "streak_days": streak(days.get(prof.id, set()), today),
            }
        )
    forgot = session.execute(
        select(R.card_id, func.count().label("again"), func.count(func.distinct(R.profile_id)))
        .where(R.reviewed_at >= d30, R.rating == Rating.AGAIN, in_deck)
        .group_by(R.card_id)
        .order_by(func.count().desc(), R.card_id)
        .limit(top)
    ).all()
    cards = {c.id: c for c in session.scalars(select(Card).where(Card.id.in_([r[0] for r in forgot])))}
    return {
        "learners": learners,
        "forgotten": [
            {"id": cid, "prompt": cards[cid].prompt_ja, "answer": cards[cid].answer, "again": int(again), "learners": int(who)}
            for cid, again, who in forgot
        ],
    }


def _from_counts(session: Session, d7: datetime, d30: datetime, window: datetime, shift_hours: int) -> tuple[dict, dict]:
    """Each learner's reviews in 7 and 30 days, retention's base and kept over 30 days, and
    study days, from the per-hour counts (``review_hour``, revision 0008; on PostgreSQL the view
    ``review_hour_figures`` of revision 0010): a few rows a learner and hour, not every review.
    The days are whole hours moved by ``shift_hours`` and cut every 24."""
    from dockquiz.storage.access import hour_source

    H = hour_source(session.bind).c
    week = _hour(d7)
    counted = session.execute(
        select(
            H.profile_id,
            func.coalesce(func.sum(case((H.hour >= week, H.reviews), else_=0)), 0),
            func.coalesce(func.sum(H.reviews), 0),
            func.coalesce(func.sum(H.due), 0),
            func.coalesce(func.sum(H.kept), 0),
        )
        .where(H.hour >= _hour(d30))
        .group_by(H.profile_id)
    ).all()
    figures = {pid: (int(w), int(m), int(due), int(kept)) for pid, w, m, due, kept in counted}
    day = (H.hour + shift_hours) // 24  # days since 1970-01-01, the study day's start at 00:00
    days: dict[int, set[date]] = defaultdict(set)
    epoch = date(1970, 1, 1)
    for pid, d in session.execute(
        select(H.profile_id, day).where(H.hour >= _hour(window), H.reviews > 0).group_by(H.profile_id, day)
    ).all():
        days[pid].add(epoch + timedelta(days=int(d)))
    return figures, days


def _from_reviews(session: Session, R, in_deck, d7, d30, window, shift: int) -> tuple[dict, dict]:
    """The same from the reviews themselves (``review_figures`` on PostgreSQL)."""
    counted = session.execute(
        select(
            R.profile_id,
            func.coalesce(func.sum(case((R.reviewed_at >= d7, 1), else_=0)), 0),
            func.count(),
            func.coalesce(func.sum(case((R.prior_state == State.REVIEW, 1), else_=0)), 0),
            func.coalesce(func.sum(case(((R.prior_state == State.REVIEW) & (R.rating > Rating.AGAIN), 1), else_=0)), 0),
        )
        .where(R.reviewed_at >= d30, in_deck)
        .group_by(R.profile_id)
    ).all()
    figures = {pid: (int(w), int(m), int(due), int(kept)) for pid, w, m, due, kept in counted}
    day = shifted_date(R.reviewed_at, shift, session.bind.dialect.name)
    days: dict[int, set[date]] = defaultdict(set)
    for pid, d in session.execute(
        select(R.profile_id, day).where(R.reviewed_at >= window, in_deck).group_by(R.profile_id, day)
    ).all():
        days[pid].add(as_date(d))
    return figures, days


def _hour(when: datetime) -> int:
    """Hours since 1970-01-01 UTC: review_hour's ``hour``."""
    return int(when.timestamp()) // 3600
