"""``dockquiz check``: Anki's "Check Database" for dockquiz.

- the file itself: SQLite's ``integrity_check`` (read straight from the file, so even a
  database too damaged to open is examined);
- rows whose parent is gone (reviews and states of a deleted card or profile, cards of a
  deleted deck), found with plain joins, not with SQLite's own foreign-key check;
- each card's state against its review history: the state after its last review, or no
  state for a card never reviewed (undo removes both together).

``repair`` deletes the orphans and rebuilds the inconsistent states from the history.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, func, insert, or_, select

from dockquiz.storage.tables import card, card_state, deck, profile, review
from dockquiz.vocabulary import STATE_FIELDS

_ORPHANS = {
    "review": (review, [(review.c.card_id, card.c.id), (review.c.profile_id, profile.c.id)]),
    "card_state": (card_state, [(card_state.c.card_id, card.c.id), (card_state.c.profile_id, profile.c.id)]),
    "card": (card, [(card.c.deck_id, deck.c.id)]),
}


@dataclass
class Report:
    integrity: list[str] = field(default_factory=lambda: ["ok"])
    orphans: dict[str, int] = field(default_factory=dict)
    states_checked: int = 0
    states_wrong: list[int] = field(default_factory=list)  # card ids
    repaired: bool = False

    @property
    def ok(self) -> bool:
        return self.integrity == ["ok"] and not any(self.orphans.values()) and not self.states_wrong

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "integrity": self.integrity,
            "orphans": self.orphans,
            "states": {"checked": self.states_checked, "inconsistent": len(self.states_wrong), "cards": self.states_wrong[:50]},
            "repaired": self.repaired,
        }


def integrity(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` on the file, read-only."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()


def _same(state: dict, row) -> bool:
    def when(value):
        if value is None:
            return None
        value = datetime.fromisoformat(value) if isinstance(value, str) else value
        return value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone().replace(tzinfo=None)

    for name in STATE_FIELDS:
        want, have = state.get(name), getattr(row, name)
        if name in ("due", "last_review"):
            want, have = when(want), when(have)
        elif name in ("stability", "difficulty") and want is not None and have is not None:
            if abs(float(want) - float(have)) > 1e-9:
                return False
            continue
        if want != have:
            return False
    return True


def check(conn, report: Report, *, repair: bool) -> None:
    """Orphans and states, on an open connection (a transaction the caller commits)."""
    for name, (table, links) in _ORPHANS.items():
        gone = or_(*(~select(parent).where(parent == child).exists() for child, parent in links))
        report.orphans[name] = conn.scalar(select(func.count()).select_from(table).where(gone)) or 0
        if repair and report.orphans[name]:
            conn.execute(delete(table).where(gone))
    last = (
        select(review.c.profile_id, review.c.card_id, func.max(review.c.id).label("rid"))
        .group_by(review.c.profile_id, review.c.card_id)
        .subquery()
    )
    latest = {
        (r.profile_id, r.card_id): r.state_after
        for r in conn.execute(
            select(review.c.profile_id, review.c.card_id, review.c.state_after).join(last, review.c.id == last.c.rid)
        )
    }
    states = {(r.profile_id, r.card_id): r for r in conn.execute(select(card_state))}
    wrong: list[tuple[int, int]] = []
    for key in set(latest) | set(states):
        report.states_checked += 1
        after, row = latest.get(key), states.get(key)
        if after is None or row is None or not isinstance(after, dict) or not _same(after, row):
            wrong.append(key)
    report.states_wrong = sorted({card_id for _, card_id in wrong})
    if repair and wrong:
        from dockquiz.scheduling import SchedState

        for profile_id, card_id in wrong:
            conn.execute(delete(card_state).where(card_state.c.profile_id == profile_id, card_state.c.card_id == card_id))
            after = latest.get((profile_id, card_id))
            if isinstance(after, dict):
                state = SchedState.from_dict(after)
                conn.execute(
                    insert(card_state).values(
                        profile_id=profile_id,
                        card_id=card_id,
                        state=state.state,
                        step=state.step,
                        stability=state.stability,
                        difficulty=state.difficulty,
                        due=state.due,
                        last_review=state.last_review,
                        reps=state.reps,
                        lapses=state.lapses,
                    )
                )
    report.repaired = repair and (bool(wrong) or any(report.orphans.values()))


def run(db: str | None, database, *, repair: bool) -> Report:
    """``dockquiz check``: a SQLite file's integrity (another program's file refused untouched),
    then, if whole, orphans and card states against their history, repaired with ``repair``.
    ``db``: ``--db``; ``database()``: the opened database (not opened for a damaged file)."""
    from dockquiz.storage.db import inspect_sqlite_file, resolve_url, sqlite_file_path

    url, shown = resolve_url(db)
    report = Report()
    path = sqlite_file_path(url)
    if path is not None and path.exists():
        inspect_sqlite_file(path, shown)  # another program's file: refused untouched
        report.integrity = integrity(path)
    if report.integrity == ["ok"]:
        with database().connect(commit=repair) as conn:
            check(conn, report, repair=repair)
    return report
