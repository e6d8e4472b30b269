"""Shared helpers for tests: run the CLI in-process and capture its output."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo

JST = timezone(timedelta(hours=9))  # the learners' time zone in most tests
T0 = datetime(2026, 11, 28, 9, 0, tzinfo=JST)  # a Saturday morning in Tokyo
DAY1 = T0.isoformat()  # the same, as DOCKQUIZ_NOW takes it

# In a pseudo-terminal: prompt_toolkit turns bracketed paste on as it first draws a prompt,
# after it has put the terminal in raw mode and begun reading keys. Wait for it before a
# Ctrl-D (sent while the terminal is still cooked, a Ctrl-D is lost), not for a "$" that a
# card's own "${...}" shows too, and not for the clock.
PROMPT_READS_KEYS = "\x1b[?2004h"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def run_cli(capsys, *args: str) -> Result:
    from dockquiz.cli import main

    code = main(list(args))
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


class SettableClock:
    """A clock a test moves by hand (dockquiz.clock.Clock's two methods)."""

    def __init__(self, when: datetime = T0, local: tzinfo = JST) -> None:
        self.when, self.local = when.astimezone(timezone.utc), local

    def now(self) -> datetime:
        return self.when

    def tz(self) -> tzinfo:
        return self.local

    def set(self, when: datetime) -> None:
        self.when = when.astimezone(timezone.utc)
