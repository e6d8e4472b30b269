"""Fitting FSRS to a profile's history (``dockquiz optimize``): read its reviews, fit, keep the
fit in its settings only if it predicts the newest reviews better; or reset to FSRS's defaults;
or simulate the workload of a range of retentions. The fitting itself is
``scheduling.optimize`` (pure); this reads and writes the database. Prints nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlalchemy import func, select

from dockquiz.scheduling import optimize
from dockquiz.settings import ProfileSettings
from dockquiz.storage import repo
from dockquiz.storage import tables as tb

# the retentions ``optimize --workload`` simulates
WORKLOAD_RETENTIONS = [round(0.75 + 0.02 * i, 2) for i in range(12)]


@dataclass(frozen=True)
class Fit:
    """What a fit read (answers, of which reviews it could use) and, with enough reviews,
    what it found (``fitted``) and whether it was kept (better, and not a dry run)."""

    answers: int
    reviews: int
    fitted: optimize.Fitted | None = None
    kept: bool = False

    @property
    def needed(self) -> int:
        """Reviews still missing before a fit is tried (0: enough)."""
        return max(optimize.MIN_REVIEWS - self.reviews, 0)


@dataclass(frozen=True)
class Workload:
    deck_size: int
    desired_retention: float
    rows: list[tuple[float, float, float]]  # (retention, minutes per day, cards per day)

    @property
    def best(self) -> float:
        """The retention with the least minutes a day."""
        return min(self.rows, key=lambda row: row[1])[0]

    @property
    def best_at_edge(self) -> bool:
        """The least work is at the lowest retention tried: it may lie lower still."""
        return len(self.rows) > 1 and self.best == min(r for r, _, _ in self.rows)

    def advice(self) -> tuple[str, dict]:
        """The catalogue line under the table. FSRS's minimum-workload retention is a lower
        bound, to choose at or above; at the low edge of the range, not a value to go to."""
        return ("optimize.workload_edge" if self.best_at_edge else "optimize.workload_hint"), {"best": self.best}


def reset(db, now: datetime, deck: str | None = None, profile: str | None = None) -> None:
    """Back to FSRS's defaults: the profile's own fit, or one deck's."""
    with db.session() as s:
        prof = repo.profile(s, now, profile)
        settings = ProfileSettings.from_dict(prof.settings)
        if deck:
            settings = settings.check("fsrs_decks").with_deck_set(deck, None)
        else:
            settings = settings.without("fsrs")
        prof.settings = settings.to_dict()


def workload(db, now: datetime, deck: str | None = None, profile: str | None = None) -> Workload:
    """Minutes and cards a day for each of WORKLOAD_RETENTIONS, simulated on the parameters
    that schedule this profile (or deck) over its active cards: no reviews read."""
    with db.session() as s:
        prof = repo.profile(s, now, profile)
        current, retention = optimize.scheduling_of(ProfileSettings.from_dict(prof.settings), deck)
        c = tb.card.c
        deck_id = repo.require_deck(s, deck).id if deck else None
        size = s.scalar(
            select(func.count()).select_from(tb.card).where(c.status == "active", *([c.deck_id == deck_id] if deck_id else []))
        )
    parameters = current["parameters"] if current else optimize.default_parameters()
    return Workload(size, retention, optimize.workload(parameters, size, WORKLOAD_RETENTIONS))


def fit(db, now: datetime, tz: tzinfo, deck: str | None = None, profile: str | None = None, *, dry_run: bool = False) -> Fit:
    """Fit FSRS to the profile's reviews (of one deck's cards); keep the fit (the profile's, or
    the deck's) if it predicts the newest reviews better than the current one, unless a dry run."""
    with db.session() as s:
        prof = repo.profile(s, now, profile)
        current, _ = optimize.scheduling_of(ProfileSettings.from_dict(prof.settings), deck)
        r, c = tb.review.c, tb.card.c
        deck_id = repo.require_deck(s, deck).id if deck else None
        query = select(r.card_id, r.reviewed_at, r.rating, r.prior_state).where(r.profile_id == prof.id)
        if deck_id is not None:
            query = query.where(r.card_id.in_(select(c.id).where(c.deck_id == deck_id)))
        rows = s.execute(query).all()
    parameters = current["parameters"] if current else optimize.default_parameters()
    items, used = optimize.build_items(rows, tz)
    if used < optimize.MIN_REVIEWS:
        return Fit(len(rows), used)
    fitted = optimize.optimize(items, used, parameters)
    kept = fitted.better and not dry_run
    if kept:
        with db.session() as s:
            prof = repo.profile(s, now, profile)
            settings = ProfileSettings.from_dict(prof.settings)
            if deck:
                settings = settings.check("fsrs_decks").with_deck_set(deck, optimize.record(fitted, now, deck))
            else:
                settings = settings.set(fsrs=optimize.record(fitted, now, None))
            prof.settings = settings.to_dict()
    return Fit(len(rows), used, fitted, kept)
