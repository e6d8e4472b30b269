"""Re-importing edited notes: any edit imports, and the cards it did not touch keep their progress.

The shape of a real edit of the sample's own author (a later version of the same notes): a
Dockerfile block with two ``WORKDIR`` lines got a new ``WORKDIR`` above them and lost the
last one, so the line that stayed moved from the first repeat to the second while the
second repeat was retired. That import failed on ``UNIQUE (deck_id, key)`` and said the
healthy database "looks damaged".
"""

from __future__ import annotations

import io
import sqlite3
import sys
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


# --- an edited line keeps its card ------------------------------------------------------------
# Example cards are keyed by their line (deck + section + the command as written): an edit of
# the line is a new key. The vanished card and the new line are one card when they stand at the
# same place (the same kind, section and command path; the same prompt or between the same kept
# neighbours) and the lines are alike (most of each line's words kept, in order).


def _example(answer: str, ordinal: int, prompt: str = "p", section: str = "Tunnels") -> CardDraft:
    return CardDraft(
        kind="example",
        key=f"example:{section}:{answer}",  # as the reader keys them: by the line
        section=["Remote", section],
        prompt_ja=prompt,
        answer=answer,
        source_line=ordinal + 3,
        ordinal=ordinal,
        command=answer.split()[0],
    )


FORWARD = "ssh -L 8080:localhost:80 user@host"
FORWARD_N = "ssh -L 8080:localhost:80 -N user@host"
SOCKS = "ssh -D 1080 user@host"
COPY = "scp notes.txt user@host:/tmp/"


def _block(*lines: tuple[str, str], section: str = "Tunnels") -> list[CardDraft]:
    return [_example(answer, n, prompt, section) for n, (answer, prompt) in enumerate(lines)]


def _stored(drafts: list[CardDraft]) -> list:
    return [_row(d, n) for n, d in enumerate(drafts, 1)]


def _outcome(rows, drafts, plan) -> dict[str, int | None]:
    """Each new line's answer → the id of the stored card it is once the plan is written (None:
    a new card)."""
    keys = {r.id: r.key for r in rows}
    for u in plan.updates:
        keys[u["id"]] = u.get("key", keys[u["id"]])
    live = {key: id_ for id_, key in keys.items() if id_ not in _retired(plan)}
    inserted = {d.key for d in plan.inserts}
    return {d.answer: None if d.key in inserted else live[d.key] for d in drafts}


def _retired(plan) -> set[int]:
    return {u["id"] for u in plan.updates if u.get("status") == "retired"}


def test_an_edited_line_under_its_own_comment_is_updated_in_place():
    old = _block((FORWARD, "forward a local port"), (SOCKS, "open a SOCKS proxy"))
    rows = _stored(old)
    plan = plan_merge(rows, _block((FORWARD_N, "forward a local port"), (SOCKS, "open a SOCKS proxy")), NOW)
    assert plan.inserts == [] and _retired(plan) == set()
    assert _changes_of(plan) == [("updated", FORWARD_N)]
    edit = next(u for u in plan.updates if u["id"] == 1)
    assert edit["answer"] == FORWARD_N and edit["key"] == "example:Tunnels:" + FORWARD_N and edit["version"] == 2


def test_an_edited_line_whose_prompt_changed_with_it_keeps_its_card_between_the_same_neighbours():
    """A label shared by a block's lines gets the line's flags in words (``Start them (in the
    background)``): an edit may change the prompt too; the line still stands where it stood."""
    old = _block((SOCKS, "a"), (FORWARD, "b"), (COPY, "c"))
    plan = plan_merge(_stored(old), _block((SOCKS, "a"), (FORWARD_N, "b (no shell)"), (COPY, "c")), NOW)
    assert plan.inserts == [] and _retired(plan) == set() and _changes_of(plan) == [("updated", FORWARD_N)]


def test_two_lines_swapped_keep_their_own_cards_and_merge_nothing():
    old = _block((FORWARD, "forward"), (SOCKS, "proxy"))
    plan = plan_merge(_stored(old), _block((SOCKS, "proxy"), (FORWARD, "forward")), NOW)
    assert plan.inserts == [] and _retired(plan) == set() and plan.changes == [] and plan.unchanged == 2


def test_two_lines_swapped_and_one_edited_keeps_the_edited_ones_card_by_its_prompt():
    old = _block((FORWARD, "forward"), (SOCKS, "proxy"))
    rows = _stored(old)
    new = _block((SOCKS, "proxy"), (FORWARD_N, "forward"))
    plan = plan_merge(rows, new, NOW)
    assert plan.inserts == [] and _retired(plan) == set()
    assert _outcome(rows, new, plan) == {FORWARD_N: 1, SOCKS: 2}


def test_a_line_inserted_beside_a_like_one_is_a_new_card_and_the_other_keeps_its_own():
    old = _block((FORWARD, "forward"), (COPY, "copy"))
    rows = _stored(old)
    new = _block((FORWARD, "forward"), (FORWARD_N, "forward, no shell"), (COPY, "copy"))
    plan = plan_merge(rows, new, NOW)
    assert [d.answer for d in plan.inserts] == [FORWARD_N] and _retired(plan) == set()
    assert _outcome(rows, new, plan) == {FORWARD: 1, FORWARD_N: None, COPY: 2}


def test_a_line_inserted_beside_an_edited_one_leaves_the_edit_its_card():
    old = _block((FORWARD, "forward"), (COPY, "copy"))
    rows = _stored(old)
    new = _block((FORWARD_N, "forward"), ("ssh -L 9090:localhost:90 user@host", "forward another"), (COPY, "copy"))
    plan = plan_merge(rows, new, NOW)
    assert _outcome(rows, new, plan) == {FORWARD_N: 1, "ssh -L 9090:localhost:90 user@host": None, COPY: 2}
    assert _retired(plan) == set()


def test_a_deleted_line_is_retired_and_its_like_neighbour_keeps_its_own_card():
    like = "ssh -L 8080:localhost:80 -f user@host"
    old = _block((FORWARD, "forward"), (like, "forward in the background"), (COPY, "copy"))
    rows = _stored(old)
    plan = plan_merge(rows, _block((FORWARD, "forward"), (COPY, "copy")), NOW)
    assert _retired(plan) == {2} and plan.inserts == [] and plan.unchanged == 2
    assert [u for u in plan.updates if "key" in u] == []


def test_a_line_deleted_and_another_added_elsewhere_under_other_words_are_two_cards():
    old = _block((FORWARD, "forward a port"), (COPY, "copy"))
    rows = _stored(old)
    elsewhere = "ssh -L 5432:localhost:5432 user@host"
    plan = plan_merge(rows, _block((COPY, "copy"), (elsewhere, "reach the database")), NOW)
    assert _retired(plan) == {1} and [d.answer for d in plan.inserts] == [elsewhere]


@pytest.mark.parametrize(
    "new, why",
    [
        ("docker run -it ubuntu bash", "half its words or fewer in common"),
        ("docker run -d nginx | tee run.log | tail -3", "the old line's words, but half the new one's or fewer"),
        ("ssh-keygen -t ed25519", "another program"),
    ],
)
def test_a_line_replaced_by_a_different_one_at_the_same_place_is_a_new_card(new, why):
    old = _block(("docker run -d nginx", "start it"), (COPY, "copy"))
    rows = _stored(old)
    plan = plan_merge(rows, _block((new, "start it"), (COPY, "copy")), NOW)
    assert _retired(plan) == {1} and [d.answer for d in plan.inserts] == [new], why


def test_an_edit_in_another_section_is_never_taken_for_this_ones():
    rows = _stored(_block((FORWARD, "forward")))
    plan = plan_merge(rows, _block((FORWARD_N, "forward"), section="Other"), NOW)
    assert _retired(plan) == {1} and [d.answer for d in plan.inserts] == [FORWARD_N]


def test_a_retired_card_is_revived_only_by_its_own_line():
    rows = [_row(_example(FORWARD, 0, "forward"), 1, status="retired")]
    plan = plan_merge(rows, _block((FORWARD_N, "forward")), NOW)
    assert [d.answer for d in plan.inserts] == [FORWARD_N] and plan.updates == []


def _changes_of(plan):
    return [(what, card.answer) for what, card in plan.changes]


TUNNELS = """# Remote work

## Tunnels

```
# forward a local port
$ {forward}
# open a SOCKS proxy
$ ssh -D 1080 user@host
```
"""


def test_editing_a_command_line_in_a_code_block_keeps_the_cards_progress(capsys, tmp_path):
    """The new user's case: ``-N`` added to an ssh line of a block, re-imported with --verbose."""
    notes = tmp_path / "remote.md"
    notes.write_text(TUNNELS.format(forward=FORWARD), "utf-8")
    assert run_cli(capsys, "import", str(notes)).code == 0
    db = open_database()
    with db.connect() as conn:
        ids = {r.answer: r.id for r in conn.execute(select(card.c.answer, card.c.id))}
    _seed_progress(db)
    notes.write_text(TUNNELS.format(forward=FORWARD_N), "utf-8")
    result = run_cli(capsys, "--lang", "en", "import", str(notes), "--verbose")
    assert result.code == 0, result.err
    assert "added 0, updated 1, revived 0, unchanged 1, retired 0" in result.out
    assert "retired  example" not in result.out
    assert f"updated  example  {FORWARD_N}" in result.out
    notes.write_text(TUNNELS.format(forward=FORWARD), "utf-8")
    ja = run_cli(capsys, "--lang", "ja", "import", str(notes), "--verbose", "--dry-run").out
    assert f"更新  例  {FORWARD}" in ja and "example" not in ja  # the card kinds as `cards` says them
    cards = {c["answer"]: c for c in run_cli(capsys, "--profile", "aiko", "cards", "--json").json()}
    assert cards[FORWARD_N]["id"] == ids[FORWARD] and (cards[FORWARD_N]["state"], cards[FORWARD_N]["reps"]) == ("review", 1)
    assert FORWARD not in cards


def test_lines_whose_command_path_is_unknown_are_never_taken_for_each_other():
    old = [_example("docker stop c", 0, "p")]
    new = [_example("docker logs -f c", 0, "p")]
    old[0].command = new[0].command = None
    plan = plan_merge(_stored(old), new, NOW)
    assert _retired(plan) == {1} and plan.inserts == new


def test_every_line_of_a_block_edited_keeps_each_its_own_card():
    hosts = [f"ssh -L {port}:localhost:80 user@host" for port in (8080, 8081, 8082)]
    old = _block(*((line, "forward") for line in hosts))  # one label over the three
    rows = _stored(old)
    new = _block(*((line.replace("user@host", "me@server"), "forward") for line in hosts))
    plan = plan_merge(rows, new, NOW)
    assert plan.inserts == [] and _retired(plan) == set()
    assert list(_outcome(rows, new, plan).values()) == [1, 2, 3]


def _command(key: str, heading: str, answer: str = "tool check --plain") -> CardDraft:
    return CardDraft(
        kind="command",
        key=key,
        section=[heading],
        prompt_ja="確かめる",
        answer=answer,
        command="tool check",
        source_line=3,
        ordinal=0,
    )


def test_a_heading_renamed_back_to_an_old_name_keeps_the_card_with_the_progress():
    """A new user's case: a card edited in place under its heading ("Basics") while an empty twin
    made under another name of that heading ("Everyday") lies retired; renaming the heading to
    that name again took the retired twin (its key matched) and retired the card with the reviews."""
    rows = [_row(_command("basics", "Basics"), 1), _row(_command("everyday", "Everyday"), 2, status="retired")]
    plan = plan_merge(rows, [_command("everyday", "Everyday")], NOW)
    assert _changes_of(plan) == [("updated", "tool check --plain")]
    updates = {u["id"]: u for u in plan.updates}
    assert updates[1]["key"] == "everyday" and "status" not in updates[1]
    assert updates[2].get("status") != "active"
    keys = _final_keys(rows, plan)
    assert len(keys) == len(set(keys))


def _line(key: str, heading: str, answer: str, command: str, at: int, prompt: str) -> CardDraft:
    return CardDraft(
        kind="command",
        key=key,
        section=[heading],
        prompt_ja=prompt,
        answer=answer,
        command=command,
        source_line=at,
        ordinal=at,
    )


def test_a_heading_renamed_while_a_line_under_it_is_edited_keeps_that_lines_card():
    """A new user's case: '### Basics' renamed and 'tool check' edited to 'tool check --plain' in
    one edit retired the card (with its reviews) and added a new one."""
    before = [
        _line("b1", "Basics", "tool list", "tool list", 0, "一覧"),
        _line("b2", "Basics", "tool check", "tool check", 1, "確かめる"),
    ]
    rows = [_row(d, i) for i, d in enumerate(before, 1)]
    after = [
        _line("e1", "Everyday", "tool list", "tool list", 0, "一覧"),
        _line("e2", "Everyday", "tool check --plain", "tool check", 1, "確かめる"),
    ]
    plan = plan_merge(rows, after, NOW)
    assert plan.inserts == [] and ("retired", "tool check") not in [(w, c.answer) for w, c in plan.changes]
    assert {u["id"]: u.get("answer") for u in plan.updates}[2] == "tool check --plain"


def test_a_new_heading_over_another_like_line_is_not_taken_for_an_edit():
    """Guard: a line under a heading the notes still have is not paired with a new heading's line."""
    rows = [_row(_line("b2", "Basics", "tool check", "tool check", 1, "確かめる"), 1)]
    after = [
        _line("b1", "Basics", "tool list", "tool list", 0, "一覧"),
        _line("e2", "Everyday", "tool check --plain", "tool check", 1, "確かめる"),
    ]
    plan = plan_merge(rows, after, NOW)
    assert [d.answer for d in plan.inserts] == ["tool list", "tool check --plain"]


# --- a line whose block changed shape keeps its card ---------------------------------------------
# A code block of one command makes a command card (its comment the prompt, keyed by heading path
# and prompt); a line of a longer block an example card (keyed by the line). Deleting the other
# lines of a block, or adding some, changes the kind of the line that stayed, and so its key: the
# card is the same line of the same notes when its answer and command path are the same and it
# stands in the same section or under the same prompt. Command and example carry over (both are a
# command line as written, graded alike); a meaning card (a flag's meaning) never becomes one.

RESTORE = "git restore README.md"
UNSTAGE = "git restore --staged README.md"


def _as(kind: str, answer: str, ordinal: int, prompt: str, section: str = "Restoring files") -> CardDraft:
    draft = _example(answer, ordinal, prompt, section)
    draft.kind, draft.command = kind, "git restore"
    draft.key = f"{kind}:{section}:{prompt if kind == 'command' else answer}"  # as the reader keys them
    return draft


def test_a_line_left_alone_in_its_block_keeps_its_card_as_a_command():
    old = [_as("example", RESTORE, 0, "Restoring files (discard)"), _as("example", UNSTAGE, 1, "Restoring files (unstage)")]
    rows = _stored(old)
    new = [_as("command", RESTORE, 0, "discard")]
    plan = plan_merge(rows, new, NOW)
    assert plan.inserts == [] and _retired(plan) == {2}
    assert _changes_of(plan) == [("updated", RESTORE), ("retired", UNSTAGE)]
    edit = next(u for u in plan.updates if u["id"] == 1)
    assert (edit["kind"], edit["key"], edit["prompt_ja"], edit["version"]) == ("command", new[0].key, "discard", 2)


def test_a_command_whose_block_grew_keeps_its_card_as_an_example():
    rows = _stored([_as("command", RESTORE, 0, "discard")])
    new = [_as("example", RESTORE, 0, "Restoring files (discard)"), _as("example", UNSTAGE, 1, "Restoring files (unstage)")]
    plan = plan_merge(rows, new, NOW)
    assert [d.answer for d in plan.inserts] == [UNSTAGE] and _retired(plan) == set()
    assert _outcome(rows, new, plan) == {RESTORE: 1, UNSTAGE: None}
    assert next(u for u in plan.updates if u["id"] == 1)["kind"] == "example"


def test_a_line_that_changed_kind_under_its_own_prompt_in_another_section_keeps_its_card():
    rows = _stored([_as("example", RESTORE, 0, "discard", section="Restoring files")])
    new = [_as("command", RESTORE, 0, "discard", section="Undo")]
    plan = plan_merge(rows, new, NOW)
    assert plan.inserts == [] and _retired(plan) == set() and _outcome(rows, new, plan) == {RESTORE: 1}


def test_the_same_line_elsewhere_under_other_words_and_another_kind_is_a_new_card():
    rows = _stored([_as("example", RESTORE, 0, "Restoring files (discard)", section="Restoring files")])
    new = [_as("command", RESTORE, 0, "start over", section="Undo")]
    plan = plan_merge(rows, new, NOW)
    assert _retired(plan) == {1} and plan.inserts == new


def test_a_meaning_card_never_becomes_a_command_card():
    meaning = _as("meaning", RESTORE, 0, "discard")
    rows = _stored([meaning])
    new = [_as("command", RESTORE, 0, "discard")]
    plan = plan_merge(rows, new, NOW)
    assert _retired(plan) == {1} and plan.inserts == new


def test_a_line_of_its_own_kind_is_preferred_to_one_that_changed_kind():
    """Two stored cards of one line (an example and a command under its own prompt): the draft of
    the same kind keeps its own card, and the other card is not taken over."""
    rows = _stored([_as("command", RESTORE, 0, "discard"), _as("example", RESTORE, 1, "Restoring files (discard)")])
    new = [_as("example", RESTORE, 1, "Restoring files (discard)")]
    plan = plan_merge(rows, new, NOW)
    assert _outcome(rows, new, plan) == {RESTORE: 2} and _retired(plan) == {1}


def test_a_line_that_changed_kind_keeps_its_card_when_another_line_takes_its_key():
    """A command card is keyed by heading path and prompt: when its line becomes an example (its
    block grew) and another line of the section becomes the command under that prompt, the
    line keeps its card and the other line, which had none, is a new card."""
    rows = _stored([_as("command", RESTORE, 0, "discard")])
    new = [_as("example", RESTORE, 0, "Restoring files (discard)"), _as("command", UNSTAGE, 1, "discard")]
    assert new[1].key == rows[0].key
    plan = plan_merge(rows, new, NOW)
    assert _outcome(rows, new, plan) == {RESTORE: 1, UNSTAGE: None} and _retired(plan) == set()
    assert _changes_of(plan) == [("updated", RESTORE), ("added", UNSTAGE)]
    keys = _final_keys(rows, plan)
    assert len(keys) == len(set(keys))


def test_a_line_that_changed_kind_takes_its_card_back_from_a_line_that_was_an_example_too():
    """Both lines changed kind: each keeps its own card, the key moving with the line."""
    rows = _stored([_as("command", RESTORE, 0, "discard"), _as("example", UNSTAGE, 1, "Restoring files (unstage)")])
    new = [_as("example", RESTORE, 0, "Restoring files (discard)"), _as("command", UNSTAGE, 1, "discard")]
    plan = plan_merge(rows, new, NOW)
    assert _outcome(rows, new, plan) == {RESTORE: 1, UNSTAGE: 2} and plan.inserts == [] and _retired(plan) == set()
    keys = _final_keys(rows, plan)
    assert len(keys) == len(set(keys))


def test_a_line_that_changed_kind_keeps_its_card_where_command_keys_repeat():
    """Commands under no prompt of their own share their section's key, counted by position
    (``k``, ``k#2``): the line that became an example keeps its card, not the command that
    took its place in the count."""
    check = "git restore --source=HEAD~1 README.md"
    old = [_as("command", RESTORE, 0, ""), _as("command", check, 1, ""), _as("example", UNSTAGE, 2, "Restoring files (unstage)")]
    old[0].key, old[1].key = "k", "k#2"
    rows = _stored(old)
    new = [_as("example", RESTORE, 0, "Restoring files (discard)"), _as("command", UNSTAGE, 1, ""), _as("command", check, 2, "")]
    new[1].key, new[2].key = "k", "k#2"
    plan = plan_merge(rows, new, NOW)
    assert _outcome(rows, new, plan) == {RESTORE: 1, check: 2, UNSTAGE: 3}
    assert plan.inserts == [] and _retired(plan) == set()
    keys = _final_keys(rows, plan)
    assert len(keys) == len(set(keys))


def test_two_commands_whose_lines_swapped_under_their_prompts_keep_their_cards_by_key():
    """Guard: no line changed kind, so the prompts (the keys) say which card is which."""
    rows = _stored([_as("command", RESTORE, 0, "discard"), _as("command", UNSTAGE, 1, "unstage")])
    new = [_as("command", UNSTAGE, 0, "discard"), _as("command", RESTORE, 1, "unstage")]
    plan = plan_merge(rows, new, NOW)
    assert _outcome(rows, new, plan) == {UNSTAGE: 1, RESTORE: 2}


RESTORING = """# Git notes

## Restoring files

```
# throw away local changes to a file
git restore README.md
{rest}```
"""
UNSTAGE_LINES = "# unstage a file but keep the edits\ngit restore --staged README.md\n"


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_deleting_the_other_lines_of_a_block_keeps_the_studied_lines_history(capsys, monkeypatch, tmp_path, backend):
    """The new user's case: a studied line of a two-line block left alone in it became a command
    card; the import retired the example card with its history and added a new one."""
    notes = tmp_path / "git.md"
    notes.write_text(RESTORING.format(rest=UNSTAGE_LINES), "utf-8")
    monkeypatch.setenv("DOCKQUIZ_NOW", "2026-11-28T21:00:00+09:00")
    assert run_cli(capsys, "import", str(notes)).code == 0
    before = {c["answer"]: c for c in run_cli(capsys, "cards", "--json").json()}
    assert before[RESTORE]["kind"] == "example"  # the shape this case needs
    monkeypatch.setattr(sys, "stdin", io.StringIO(RESTORE + "\n3\n"))  # the first line's card, answered
    assert run_cli(capsys, "study", "--plain", "--new", "1").code == 0
    notes.write_text(RESTORING.format(rest=""), "utf-8")
    result = run_cli(capsys, "--lang", "en", "import", str(notes), "--verbose")
    assert result.code == 0, result.err
    assert "added 0, updated 1, revived 0, unchanged 0, retired 1" in result.out
    cards = {c["answer"]: c for c in run_cli(capsys, "cards", "--json").json()}
    kept = cards[RESTORE]
    assert kept["kind"] == "command" and kept["id"] == before[RESTORE]["id"]
    assert (kept["state"], kept["reps"]) == ("learning", 1)
    shown = run_cli(capsys, "--lang", "en", "card", str(kept["id"]))
    assert shown.code == 0 and "state: retired" not in shown.out
    assert f"{RESTORE}  correct" in shown.out  # the answer typed, in its history
    notes.write_text(RESTORING.format(rest=UNSTAGE_LINES), "utf-8")  # and back: both cards as they were
    assert run_cli(capsys, "import", str(notes)).code == 0
    again = {c["answer"]: (c["id"], c["kind"]) for c in run_cli(capsys, "cards", "--json").json()}
    assert again == {a: (c["id"], c["kind"]) for a, c in before.items()}
    assert run_cli(capsys, "check").code == 0
