"""Re-importing edited notes: any edit imports, and the cards it did not touch keep their progress.

The shape of a real edit of the sample's own author (a later version of the same notes): a
Dockerfile block with two ``WORKDIR`` lines got a new ``WORKDIR`` above them and lost the
last one, so the line that stayed moved from the first repeat to the second while the
second repeat was retired. That import failed on ``UNIQUE (deck_id, key)`` and said the
healthy database "looks damaged".
"""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from dockquiz.cards import CardDraft
from dockquiz.importing import import_notes, plan_merge
from dockquiz.storage.db import open_database, storage_error
from dockquiz.storage.tables import card, card_state, profile, review
from tests.conftest import SAMPLE_NOTES

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)
SAMPLE = SAMPLE_NOTES.read_text("utf-8")
_CONTENT = ("kind", "section", "prompt_ja", "prompt_en", "answer", "command", "hints")


def _draft(key: str, answer: str, line: int) -> CardDraft:
    return CardDraft(
        kind="dockerfile", key=key, section=["Dockerfile"], prompt_ja="", answer=answer, source_line=line, ordinal=line
    )


def _row(draft: CardDraft, id_: int, status: str = "active"):
    return SimpleNamespace(
        id=id_, status=status, version=1, **{f: getattr(draft, f) for f in ("key", "source_line", "ordinal", *_CONTENT)}
    )


def _final_keys(rows, plan) -> list[str]:
    """Every key the deck holds once the plan is written."""
    keys = {r.id: r.key for r in rows}
    for u in plan.updates:
        keys[u["id"]] = u.get("key", keys[u["id"]])
    return [*keys.values(), *(d.key for d in plan.inserts)]


def test_a_repeated_line_that_moves_to_the_next_repeat_while_that_one_is_retired_gets_no_duplicate_key():
    first, second = _draft("df", "WORKDIR ${ROOT_DIR}", 1), _draft("df#2", "WORKDIR ${ROOT_DIR}/app", 2)
    rows = [_row(first, 1), _row(second, 2)]
    plan = plan_merge(rows, [_draft("df", "WORKDIR /opt", 1), _draft("df#2", "WORKDIR ${ROOT_DIR}", 2)], NOW)
    keys = _final_keys(rows, plan)
    assert len(keys) == len(set(keys))
    by_id = {u["id"]: u for u in plan.updates}
    assert by_id[1]["key"] == "df#2"  # the line that stayed keeps its card
    assert by_id[2]["status"] == "retired" and by_id[2]["key"] == "df#2~2"  # parked, history kept


def test_a_retired_cards_key_given_to_a_new_card_parks_the_old_one():
    old = _draft("df#2", "WORKDIR /gone", 2)
    rows = [_row(_draft("df", "WORKDIR /a", 1), 1), _row(old, 2, status="retired")]
    plan = plan_merge(rows, [_draft("df", "WORKDIR /b", 1), _draft("df#2", "WORKDIR /c", 2)], NOW)
    keys = _final_keys(rows, plan)
    assert len(keys) == len(set(keys))


def _edit_like_the_author(text: str) -> str:
    """The author's edit, made up on the sample: a new WORKDIR above the two, the last one gone."""
    lines = text.splitlines(keepends=True)
    workdirs = [i for i, line in enumerate(lines) if line.strip().startswith("WORKDIR ")]
    assert len(workdirs) == 2, "the sample's Dockerfile block has two WORKDIR lines"
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("FROM "))
    indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
    del lines[workdirs[1]]
    lines.insert(start + 1, f"{indent}WORKDIR /opt/work\n")
    return "".join(lines)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_the_authors_kind_of_edit_of_the_sample_reimports_and_the_line_that_stayed_keeps_its_history(capsys, tmp_path, backend):
    notes = tmp_path / "docker-basics.ja.md"
    notes.write_text(SAMPLE, "utf-8")
    assert run_cli(capsys, "import", str(notes)).code == 0
    before = {c["answer"]: c["id"] for c in run_cli(capsys, "cards", "--json").json() if c["kind"] == "dockerfile"}
    notes.write_text(_edit_like_the_author(SAMPLE), "utf-8")
    result = run_cli(capsys, "import", str(notes), "--json")
    assert result.code == 0, result.err
    after = {c["answer"]: c["id"] for c in run_cli(capsys, "cards", "--json").json() if c["kind"] == "dockerfile"}
    assert after["WORKDIR ${ROOT_DIR}"] == before["WORKDIR ${ROOT_DIR}"]
    assert "WORKDIR /opt/work" in after
    notes.write_text(SAMPLE, "utf-8")  # and back: the parked card comes back with its history
    assert run_cli(capsys, "import", str(notes)).code == 0
    again = {c["answer"]: c["id"] for c in run_cli(capsys, "cards", "--json").json() if c["kind"] == "dockerfile"}
    assert again == before
    assert run_cli(capsys, "check").code == 0


def test_a_constraint_the_database_refuses_is_never_called_damaged():
    for exc in (sqlite3.IntegrityError("UNIQUE constraint failed: card.deck_id, card.key"),):
        err = storage_error(exc, "x.db")
        assert err.key == "error.db_constraint"
    from sqlalchemy.exc import IntegrityError

    wrapped = IntegrityError("INSERT …", {}, sqlite3.IntegrityError("UNIQUE constraint failed: card.deck_id, card.key"))
    assert storage_error(wrapped, "x.db").key == "error.db_constraint"
    assert storage_error(sqlite3.DatabaseError("database disk image is malformed"), "x.db").key == "error.db_corrupt"


# --- any edit --------------------------------------------------------------------------------

_LINES = SAMPLE.splitlines(keepends=True)
_span = st.tuples(st.integers(0, len(_LINES) - 1), st.integers(1, 12))
_edit = st.one_of(
    st.tuples(st.just("delete"), _span),
    st.tuples(st.just("duplicate"), _span),
    st.tuples(st.just("move"), _span, st.integers(0, len(_LINES))),
    st.tuples(st.just("copy"), _span, st.integers(0, len(_LINES))),
    st.tuples(st.just("rename"), st.integers(0, 40), st.sampled_from(["改", "renamed", "◎ コンテナ", ""])),
)


def _apply(lines: list[str], edit) -> list[str]:
    lines = list(lines)
    what = edit[0]
    if what == "rename":
        headings = [i for i, line in enumerate(lines) if line.startswith("#")]
        if headings:
            i = headings[edit[1] % len(headings)]
            lines[i] = lines[i].rstrip("\n") + edit[2] + "\n" if edit[2] else lines[i].split(" ", 1)[0] + " 見出し\n"
        return lines
    start, size = edit[1]
    start %= max(len(lines), 1)
    block = lines[start : start + size]
    if what == "delete":
        del lines[start : start + size]
    elif what == "duplicate":
        lines[start + size : start + size] = block
    elif what == "move":
        del lines[start : start + size]
        at = edit[2] % (len(lines) + 1)
        lines[at:at] = block
    else:  # copy
        at = edit[2] % (len(lines) + 1)
        lines[at:at] = block
    return lines


def _cards(conn) -> dict[str, tuple]:
    c = card.c
    return {
        r.key: (r.id, r.status, tuple(getattr(r, f) for f in _CONTENT))
        for r in conn.execute(select(c.id, c.key, c.status, *(c[f] for f in _CONTENT))).all()
    }


def _seed_progress(db) -> int:
    """A state and a review for every card: what an import must never lose."""
    with db.connect() as conn:
        pid = conn.execute(insert(profile).values(name="aiko", settings={}, created_at=NOW)).inserted_primary_key[0]
        ids = [r.id for r in conn.execute(select(card.c.id))]
        after = {"state": 2, "stability": 3.0, "difficulty": 5.0, "due": "2026-12-01T00:00:00+00:00", "step": None}
        due = NOW + timedelta(days=3)
        conn.execute(insert(card_state), [dict(profile_id=pid, card_id=i, state=2, due=due, reps=1, lapses=0) for i in ids])
        conn.execute(
            insert(review),
            [
                dict(profile_id=pid, card_id=i, reviewed_at=NOW, typed="x", verdict="exact", rating=3, state_after=after)
                for i in ids
            ],
        )
    return len(ids)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=st.lists(_edit, min_size=1, max_size=4), second=st.lists(_edit, max_size=3))
def test_any_edit_of_the_notes_reimports_and_cards_it_did_not_touch_keep_their_progress(first, second):
    from dockquiz.notes import parse_notes

    edited = _LINES
    versions = [_LINES]
    for edits in (first, second):
        for e in edits:
            edited = _apply(edited, e)
        versions.append(edited)
    versions.append(_LINES)  # and back to the original
    with tempfile.TemporaryDirectory() as folder:
        notes = Path(folder) / "docker-basics.ja.md"
        db = open_database(str(Path(folder) / "t.db"))
        try:
            notes.write_text("".join(versions[0]), "utf-8")
            import_notes(db, notes, now=NOW)
            seeded = _seed_progress(db)
            for n, lines in enumerate(versions[1:], 1):
                with db.connect() as conn:
                    before = _cards(conn)
                text = "".join(lines)
                notes.write_text(text, "utf-8")
                import_notes(db, notes, now=NOW + timedelta(minutes=n))  # never raises
                with db.connect() as conn:
                    after = _cards(conn)
                    assert len(conn.execute(select(review.c.id)).all()) == seeded
                    assert len(conn.execute(select(card_state.c.card_id)).all()) == seeded
                for draft in parse_notes(text, deck="docker-basics").drafts:
                    old = before.get(draft.key)
                    content = tuple(getattr(draft, f) for f in _CONTENT)
                    if old and old[1] == "active" and old[2] == content:  # untouched by the edit
                        assert after[draft.key][0] == old[0] and after[draft.key][1] == "active"
        finally:
            db.close()
