"""One clock for the whole process. ``DOCKQUIZ_NOW`` (ISO-8601 with offset) freezes it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone, tzinfo

from dockquiz.errors import UsageError

DAY_START = time(4, 0)  # the learner's day starts at 04:00 local time


@dataclass(frozen=True)
class Clock:
    """Returns aware UTC datetimes. ``frozen`` pins the time; ``local`` is the learner's zone."""

    frozen: datetime | None = None
    local: tzinfo | None = None

    def now(self) -> datetime:
        if self.frozen is not None:
            return self.frozen
        return datetime.now(timezone.utc)

    def tz(self) -> tzinfo:
        if self.local is not None:
            return self.local
        return datetime.now().astimezone().tzinfo or timezone.utc


def parse_instant(text: str) -> datetime:
    """Parse an ISO-8601 instant; naive values are refused (time zone is required)."""
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError("error.bad_now", value=text) from None
    if value.tzinfo is None:
        raise UsageError("error.bad_now", value=text)
    return value


def from_env(environ: dict[str, str] | None = None) -> Clock:
    env = os.environ if environ is None else environ
    raw = env.get("DOCKQUIZ_NOW")
    if not raw:
        return Clock()
    value = parse_instant(raw)
    # The offset given with DOCKQUIZ_NOW is the learner's local zone for day boundaries.
    return Clock(frozen=value.astimezone(timezone.utc), local=value.tzinfo)


def study_day(instant: datetime, tz: tzinfo) -> "datetime.date":
    """The learner's calendar day of an instant: days start at 04:00 local time."""
    local = instant.astimezone(tz)
    return (local - timedelta(hours=DAY_START.hour, minutes=DAY_START.minute)).date()


def day_start(instant: datetime, tz: tzinfo) -> datetime:
    """The UTC instant at which the study day holding ``instant`` began."""
    day = study_day(instant, tz)
    local = datetime.combine(day, DAY_START, tzinfo=tz)
    return local.astimezone(timezone.utc)
