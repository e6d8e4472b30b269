"""``dockquiz stats``: one learner's figures or a class's, read in one transaction. Library
code: takes a database, returns the figures as plain values (``report`` renders them)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from dockquiz.progress.classroom import class_report
from dockquiz.progress.figures import compute
from dockquiz.settings import ProfileSettings
from dockquiz.storage import repo


def learner_stats(db, now: datetime, tz: tzinfo, deck: str | None = None, days: int = 30, profile: str | None = None) -> dict:
    """The profile's figures (of one deck's cards) over the last ``days`` days (at least 1),
    and what schedules it (``fsrs``)."""
    with db.session() as s:
        found = repo.require_deck(s, deck) if deck else None
        prof = repo.readable_profile(s, profile)
        data = compute(
            s, profile_id=prof.id if prof else -1, now=now, tz=tz, deck_id=found.id if found else None, days=max(days, 1)
        )
        data["fsrs"] = fsrs_state(ProfileSettings.from_dict(prof.settings if prof else None), deck)
    return data


def class_stats(db, now: datetime, tz: tzinfo, deck: str | None = None) -> dict:
    """Every learner's figures (``stats --class``)."""
    with db.session() as s:
        found = repo.require_deck(s, deck) if deck else None
        return class_report(s, now=now, tz=tz, deck_id=found.id if found else None)


def fsrs_state(settings: ProfileSettings, deck: str | None) -> dict:
    """What schedules these cards: FSRS's defaults or the learner's fitted set (when, on how
    many reviews, with what log loss), and the desired retention."""
    from dockquiz.scheduling import optimize

    fitted, retention = optimize.scheduling_of(settings, deck)
    if not fitted:
        return {"fitted": False, "desired_retention": retention}
    return {
        "fitted": True,
        "desired_retention": retention,
        "fitted_at": fitted["fitted_at"],
        "reviews": fitted["reviews"],
        "log_loss": fitted["log_loss"],
        "rmse_bins": fitted["rmse_bins"],
        "deck": fitted.get("deck"),
        "parameters": fitted["parameters"],
    }
