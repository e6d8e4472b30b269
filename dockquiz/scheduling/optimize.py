"""FSRS fitted to one learner: training items from the review log, a fit with the Rust FSRS
engine Anki uses (fsrs-rs-python), and a held-out comparison of the old and new parameters.
Pure: rows in, numbers out; no database, no clock.

Items are built as FSRS expects them: per card, the first rating of each study day, with the
days since the previous one; one item per review after the first (its history so far, the
review to predict last). A card whose history does not start with its first review (cut by
a reset or an import of states) is left out: its early reviews are unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from dockquiz import settings
from dockquiz.clock import study_day

MIN_REVIEWS = 400  # below this, FSRS's own advice: keep the defaults
HELD_OUT = 0.2  # the newest fifth of the items judges old against new


@dataclass(frozen=True)
class Item:
    at: datetime  # when the predicted review happened
    reviews: tuple[tuple[int, int], ...]  # (rating, days since the previous review)


def build_items(rows, tz: tzinfo) -> tuple[list[Item], int]:
    """``rows``: (card_id, reviewed_at, rating, prior_state) in any order. Returns the items
    in time order and how many reviews they use."""
    by_card: dict[int, list[tuple[datetime, int, int | None]]] = {}
    for card_id, at, rating, prior in rows:
        by_card.setdefault(card_id, []).append((at, int(rating), prior))
    items: list[Item] = []
    used = 0
    for history in by_card.values():
        history.sort(key=lambda r: r[0])
        if history[0][2] not in (None, 0):  # the card's first review is not in the log
            continue
        days: list[tuple[datetime, int, object]] = []
        for at, rating, _ in history:
            day = study_day(at, tz)
            if not days or days[-1][2] != day:
                days.append((at, rating, day))
        used += len(days)
        reviews: list[tuple[int, int]] = []
        for index, (at, rating, day) in enumerate(days):
            delta = 0 if index == 0 else (day - days[index - 1][2]).days
            reviews.append((rating, delta))
            if index and any(d > 0 for _, d in reviews[1:]):
                items.append(Item(at, tuple(reviews)))
    items.sort(key=lambda item: item.at)
    return items, used


def _fsrs_items(items: list[Item]):
    from fsrs_rs_python import FSRSItem, FSRSReview

    return [FSRSItem([FSRSReview(rating, delta) for rating, delta in item.reviews]) for item in items]


def default_parameters() -> list[float]:
    from fsrs_rs_python import DEFAULT_PARAMETERS

    return list(DEFAULT_PARAMETERS)


def fit(items: list[Item]) -> list[float]:
    from fsrs_rs_python import FSRS, TrainingConfig

    engine = FSRS(default_parameters())
    return list(engine.compute_parameters(_fsrs_items(items), training_config=TrainingConfig(seed=2023)))


@dataclass(frozen=True)
class Metrics:
    log_loss: float
    rmse_bins: float


def evaluate(parameters: list[float], items: list[Item]) -> Metrics:
    from fsrs_rs_python import FSRS

    result = FSRS(list(parameters)).evaluate(_fsrs_items(items))
    return Metrics(round(result.log_loss, 5), round(result.rmse_bins, 5))


@dataclass(frozen=True)
class Fitted:
    parameters: list[float]  # the new ones (fitted on every item)
    old: Metrics  # on the held-out newest items
    new: Metrics  # the same items, parameters fitted without them
    reviews: int
    items: int

    @property
    def better(self) -> bool:
        return self.new.log_loss < self.old.log_loss


def optimize(items: list[Item], reviews: int, current: list[float]) -> Fitted:
    """Fit on the older items, judge old and new on the newest (a time-series split), then
    fit on all of them: what is kept is judged on reviews it never saw."""
    cut = max(1, int(len(items) * (1 - HELD_OUT)))
    train, test = items[:cut], items[cut:] or items[-1:]
    judged = fit(train)
    return Fitted(fit(items), evaluate(current, test), evaluate(judged, test), reviews, len(items))


def check_parameters(values) -> list[float]:
    """A stored parameter set, or ValueError: 21 finite numbers FSRS accepts."""
    import math

    from fsrs_rs_python import check_and_fill_parameters

    if (
        not isinstance(values, list)
        or len(values) != 21
        or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in values)
    ):
        raise ValueError("not 21 numbers")
    return list(check_and_fill_parameters([float(v) for v in values]))


def workload(
    parameters: list[float], deck_size: int, retentions: list[float], *, days: int = 365, seed: int = 42
) -> list[tuple[float, float, float]]:
    """(retention, minutes per day, cards per day) from FSRS's simulator on these parameters."""
    from fsrs_rs_python import default_simulator_config, simulate

    config = default_simulator_config()
    config.deck_size = max(deck_size, 1)
    config.learn_span = days
    out = []
    for retention in retentions:
        result = simulate(list(parameters), retention, config, seed)
        minutes = sum(result.cost_per_day) / len(result.cost_per_day) / 60
        cards = sum(result.review_cnt_per_day) / len(result.review_cnt_per_day)
        out.append((retention, round(minutes, 1), round(cards, 1)))
    return out


# --- what a profile keeps (dockquiz.settings.ProfileSettings) ---------------------------------

DEFAULT_EVERY = settings.DEFAULT_EVERY  # reviews since the last fit before study suggests fitting again


def stored(profile: settings.ProfileSettings, deck: str | None = None) -> dict | None:
    """The fitted set that schedules ``deck`` (its own, else the profile's), checked by FSRS;
    None for FSRS's defaults. UsageError (one line) for a damaged set."""
    from dockquiz.errors import UsageError

    chosen = profile.fitted_for(deck)
    if chosen is not None:
        try:
            check_parameters(chosen["parameters"])
        except ValueError:
            raise UsageError("error.fsrs_damaged") from None
    return chosen


def record(fitted: Fitted, now: datetime, deck: str | None) -> dict:
    return {
        "parameters": [round(p, 6) for p in fitted.parameters],
        "fitted_at": now.isoformat(),
        "reviews": fitted.reviews,
        "items": fitted.items,
        "deck": deck,
        "log_loss": [fitted.old.log_loss, fitted.new.log_loss],
        "rmse_bins": [fitted.old.rmse_bins, fitted.new.rmse_bins],
    }


def scheduling_of(profile: settings.ProfileSettings, deck: str | None = None) -> tuple[dict | None, float]:
    """(the fitted set for ``deck`` or None, the desired retention): what schedules a learner.
    A damaged value is one line for every command that reads it."""
    return stored(profile, deck), profile.check("desired_retention").desired_retention
