"""Stats from known review histories built with a frozen clock: every figure asserted."""

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from helpers import JST, run_cli
from sqlalchemy import select

from dockquiz.progress import compute, streak
from dockquiz.storage import repo
from dockquiz.storage.models import Card, CardState, Review

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=JST)  # Saturday noon in Tokyo
SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.fixture
def db(deck_db):
    """The sample deck with the learner's profile, on both backends."""
    with deck_db.session() as s:
        repo.profile(s, NOW)
    return deck_db


def card_ids(db, n):
    with db.session() as s:
        return s.scalars(select(Card.id).where(Card.kind == "command").order_by(Card.ordinal)).all()[:n]


def add_review(db, card_id, when, rating=3, verdict="exact", before_state=2, confusions=None):
    before = None if before_state is None else {"state": before_state}
    with db.session() as s:
        s.add(
            Review(
                profile_id=1,
                card_id=card_id,
                reviewed_at=when.astimezone(timezone.utc),
                typed="x",
                verdict=verdict,
                rating=rating,
                duration_ms=30_000,
                state_before=before,
                prior_state=before_state,
                state_after={"state": 2},
                confusions=confusions,
            )
        )


def set_state(db, card_id, due, state=2, lapses=0, stability=10.0, difficulty=5.0, last=None):
    with db.session() as s:
        s.merge(
            CardState(
                profile_id=1,
                card_id=card_id,
                state=state,
                step=None,
                stability=stability,
                difficulty=difficulty,
                due=due.astimezone(timezone.utc),
                last_review=(last or NOW - timedelta(days=1)).astimezone(timezone.utc),
                reps=3,
                lapses=lapses,
            )
        )


def stats(db, **kw):
    with db.session() as s:
        return compute(s, profile_id=1, now=NOW.astimezone(timezone.utc), tz=JST, **kw)


def test_streak_function():
    today = NOW.date()
    days = {today - timedelta(days=i) for i in (0, 1, 2, 4)}
    assert streak(days, today) == 3
    assert streak(days - {today}, today) == 2  # today not studied yet: streak still holds
    assert streak({today - timedelta(days=2)}, today) == 0


def test_today_streak_across_a_missed_day_and_retention(db):
    a, b, c = card_ids(db, 3)
    for days_ago in (4, 3, 1, 0):  # day 2 missed
        add_review(db, a, NOW - timedelta(days=days_ago))
    add_review(db, b, NOW, rating=1, verdict="wrong")  # again: forgotten
    add_review(db, b, NOW, rating=2, verdict="typo")  # hard still counts as kept
    add_review(db, c, NOW, rating=1, verdict="wrong", before_state=None)  # new card: not retention
    add_review(db, c, NOW - timedelta(days=20), rating=1, verdict="wrong")
    data = stats(db)
    assert data["today"] == {"reviews": 4, "correct": 1, "seconds": 120}
    assert data["streak_days"] == 2
    # review-state answers in 7 days: a x4 (good), b again, b hard -> 5 kept of 6
    assert data["retention"]["7d"] == round(5 / 6, 4)
    # 30 and 365 days add c's again 20 days ago -> 5 of 7
    assert data["retention"]["30d"] == round(5 / 7, 4)
    assert data["retention"]["365d"] == round(5 / 7, 4)


def test_heatmap_uses_the_4am_boundary(db):
    a = card_ids(db, 1)[0]
    add_review(db, a, datetime(2026, 11, 28, 3, 59, tzinfo=JST))  # still Friday's study day
    add_review(db, a, datetime(2026, 11, 28, 4, 0, tzinfo=JST))  # Saturday
    heat = {h["date"]: h["reviews"] for h in stats(db)["heatmap"]}
    assert heat["2026-11-27"] == 1 and heat["2026-11-28"] == 1
    assert len(heat) == 182 and max(heat) == "2026-11-28"


def test_forecast_counts_overdue_as_today(db):
    a, b, c, d = card_ids(db, 4)
    set_state(db, a, NOW - timedelta(days=3))
    set_state(db, b, NOW + timedelta(hours=3))
    set_state(db, c, datetime(2026, 11, 30, 3, 0, tzinfo=JST))  # before 04:00: Nov 29's day
    set_state(db, d, NOW + timedelta(days=40))
    forecast = stats(db, days=30)["forecast"]
    assert len(forecast) == 30
    assert forecast[0] == {"date": "2026-11-28", "due": 2}
    assert forecast[1] == {"date": "2026-11-29", "due": 1}
    assert sum(f["due"] for f in forecast) == 3


def test_cards_by_state_sections_and_leeches(db, capsys):
    a, b = card_ids(db, 2)
    set_state(db, a, NOW + timedelta(days=5), lapses=8)
    with db.session() as s:
        s.get(Card, a).status = "suspended"
    set_state(db, b, NOW + timedelta(days=1), state=3, lapses=2)
    data = stats(db)
    assert data["cards"]["suspended"] == 1 and data["cards"]["relearning"] == 1
    assert data["cards"]["new"] == sum(data["cards"].values()) - 2
    assert data["weak"][0]["id"] == a and data["weak"][0]["leech"]
    pull = next(x for x in data["sections"] if x["section"][-1] == "Docker イメージのダウンロード")
    assert pull["cards"] == 2 and 0 < pull["mastery"] < 1
    leeches = run_cli(capsys, "cards", "--leeches", "--json").json()
    assert [c["id"] for c in leeches] == [a]


def test_stats_of_several_decks_name_the_decks_and_keep_their_sections_apart(db, tmp_path):
    """Two decks whose notes share a heading: the figures say which deck each section is
    of (JSON `deck`, a deck column), the two sections are not added together, and the
    title names the decks counted; a single deck's stats look as before."""
    import io

    from rich.console import Console

    from dockquiz.i18n import T
    from dockquiz.importing import import_notes
    from dockquiz.progress.report import render

    notes = tmp_path / "k8s-memo.md"
    notes.write_text("## Docker イメージ関連\n\n### Docker イメージのダウンロード\n\n- `kubectl get pods`\n", "utf-8")
    import_notes(db, notes, now=NOW)
    _history(db)
    data = stats(db)
    assert data["decks"] == ["docker-basics", "k8s-memo"]
    pulls = [x for x in data["sections"] if x["section"][-1] == "Docker イメージのダウンロード"]
    assert sorted((x["deck"], x["cards"]) for x in pulls) == [("docker-basics", 2), ("k8s-memo", 1)]
    for lang, title in (("en", "all decks"), ("ja", "すべてのデッキ")):
        buf = io.StringIO()
        render(Console(file=buf, width=120, no_color=True, color_system=None), T(lang), data)
        text = buf.getvalue()
        assert title in text.splitlines()[0] and "docker-basics" in text.splitlines()[0] and "k8s-memo" in text.splitlines()[0]
        rows = [line for line in text.splitlines() if "Docker イメージのダウンロード" in line]
        assert len(rows) == 2 and "docker-basics" in rows[0] and "k8s-memo" in rows[1]
    with db.session() as s:
        deck_id = s.scalar(select(Card.deck_id).where(Card.answer == "kubectl get pods"))
    one = stats(db, deck_id=deck_id)
    assert one["decks"] == ["k8s-memo"] and [x["deck"] for x in one["sections"]] == ["k8s-memo"]


def test_confusions_are_counted(db):
    a = card_ids(db, 1)[0]
    for _ in range(3):
        add_review(db, a, NOW, rating=1, verdict="wrong", confusions=[["-p 8080:80", "-P"]])
    add_review(db, a, NOW, rating=1, verdict="wrong", confusions=[["docker rmi", "docker rm"]])
    assert stats(db)["confusions"] == [
        {"expected": "-p 8080:80", "typed": "-P", "count": 3},
        {"expected": "docker rmi", "typed": "docker rm", "count": 1},
    ]


def test_json_shape(capsys, db):
    data = run_cli(capsys, "stats", "--json").json()
    assert set(data) >= {"today", "streak_days", "retention", "cards", "forecast", "heatmap", "sections", "weak", "confusions"}
    assert set(data["retention"]) == {"7d", "30d", "365d"}


def test_empty_database_is_friendly(capsys):
    for lang, words in (("en", "Nothing studied yet"), ("ja", "まだ何も学習していません")):
        result = run_cli(capsys, "--lang", lang, "stats")
        assert result.code == 0 and words in result.out and "dockquiz study" in result.out


def _history(db):
    a, b, c = card_ids(db, 3)
    for days_ago in range(0, 60, 3):
        add_review(db, a, NOW - timedelta(days=days_ago), rating=3 if days_ago % 2 else 1)
    add_review(db, b, NOW, rating=1, verdict="wrong", confusions=[["docker rmi", "docker rm"]])
    set_state(db, a, NOW + timedelta(days=2))
    set_state(db, b, NOW + timedelta(days=9), lapses=3)
    set_state(db, c, NOW + timedelta(days=20))


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_rendered_snapshot(db, width, lang):
    """Rendered output at 60, 80 and 120 columns, Japanese aligned, nothing wrapped. A
    missing snapshot fails; UPDATE_SNAPSHOTS=1 writes them (after reading the output)."""
    import io
    import os

    from rich.console import Console

    from dockquiz.i18n import T
    from dockquiz.progress.report import render

    _history(db)
    buf = io.StringIO()
    render(Console(file=buf, width=width, no_color=True, color_system=None), T(lang), stats(db))
    text = buf.getvalue()
    from rich.cells import cell_len

    assert all(cell_len(line) <= width for line in text.splitlines())
    snap = SNAPSHOTS / f"stats-{lang}-{width}.txt"
    if os.environ.get("UPDATE_SNAPSHOTS"):  # by hand, after reading the new output
        snap.parent.mkdir(exist_ok=True)
        snap.write_text(text, "utf-8")
    assert snap.exists(), f"no snapshot {snap.name}: look at the output, then UPDATE_SNAPSHOTS=1"
    assert text == snap.read_text("utf-8")


def test_sql_mastery_matches_fsrs_retrievability(db):
    """The SQL forgetting curve is fsrs's own: same numbers as get_card_retrievability, a
    week from now (mastery's horizon)."""
    import fsrs

    from dockquiz.progress import MASTERY_HORIZON, recall_constants
    from dockquiz.scheduling import Scheduler

    a = card_ids(db, 1)[0]
    set_state(db, a, NOW + timedelta(days=3), stability=4.5, last=NOW - timedelta(days=10, hours=5))
    pull = next(x for x in stats(db)["sections"] if x["section"][-1] == "Docker イメージのダウンロード")
    ref = fsrs.Scheduler().get_card_retrievability(
        fsrs.Card(
            card_id=1,
            state=fsrs.State.Review,
            stability=4.5,
            difficulty=5.0,
            due=NOW.astimezone(timezone.utc),
            last_review=(NOW - timedelta(days=10, hours=5)).astimezone(timezone.utc),
        ),
        (NOW + MASTERY_HORIZON).astimezone(timezone.utc),
    )
    assert pull["mastery"] == round(ref / 2, 4)  # two cards in the section, one never reviewed
    factor, decay = recall_constants(Scheduler(fuzz=False))
    assert (1 + factor * 17 / 4.5) ** decay == pytest.approx(ref)


def test_a_card_failed_a_minute_ago_is_not_mastered(db):
    a = card_ids(db, 1)[0]
    set_state(db, a, NOW + timedelta(minutes=9), stability=0.4, last=NOW - timedelta(minutes=1))
    pull = next(x for x in stats(db)["sections"] if x["section"][-1] == "Docker イメージのダウンロード")
    assert pull["mastery"] * 2 < 0.7  # one card of two: about 64% a week from now, not the ~100% of "now"


def mastery_reference(db) -> dict:
    """The card-side figures worked out here one card at a time from every card and its state:
    what each card is for the learner, and the chance of recalling it a week from now (FSRS's
    curve: 0 for a card never reviewed), summed per deck and section and per command (the
    cards of a command's kinds); retired cards are in neither table."""
    from collections import Counter

    from dockquiz.progress import MASTERY_HORIZON, recall_constants
    from dockquiz.progress.figures import MASTERY_KINDS
    from dockquiz.scheduling import Scheduler
    from dockquiz.storage.models import Deck
    from dockquiz.vocabulary import CARD_STATES

    factor, decay = recall_constants(Scheduler(fuzz=False))
    at = (NOW + MASTERY_HORIZON).astimezone(timezone.utc)
    with db.session() as s:
        names = dict(s.execute(select(Deck.id, Deck.name)).all())
        states = {st.card_id: st for st in s.scalars(select(CardState).where(CardState.profile_id == 1))}
        cards = s.scalars(select(Card)).all()
        counts, sections, commands = Counter(), {}, {}
        for card in cards:
            st = states.get(card.id)
            state = {None: "new", 1: "learning", 2: "review", 3: "relearning"}[st.state if st else None]
            counts[card.status if card.status in ("suspended", "retired") else state] += 1
            if card.status == "retired":
                continue
            recall = 0.0
            if st is not None and st.stability is not None and st.last_review is not None:
                recall = (1 + factor * max(0, (at - st.last_review).days) / st.stability) ** decay
            row = sections.setdefault((names[card.deck_id], tuple(card.section)), [0, 0.0, card.ordinal])
            row[0], row[1], row[2] = row[0] + 1, row[1] + recall, min(row[2], card.ordinal)
            if card.command is not None and card.kind in MASTERY_KINDS:
                # the program and subcommand path, not the arguments the notes wrote after it
                path = [card.command.split()[0]]
                for word in card.command.split()[1:]:
                    if not re.fullmatch(r"[a-z][a-z0-9-]*", word):
                        break
                    path.append(word)
                row = commands.setdefault(" ".join(path), [0, 0, 0.0])
                row[0], row[1], row[2] = row[0] + 1, row[1] + (st is not None), row[2] + recall
    # a command's mastery is its studied cards' (a card never studied is no weakness); never studied: None, last
    commands = [
        {"command": c, "cards": n, "studied": k, "mastery": round(total / k, 4) if k else None}
        for c, (n, k, total) in commands.items()
    ]
    return {
        "cards": {label: counts[label] for label in CARD_STATES},
        "sections": [
            {"deck": deck, "section": list(section), "cards": n, "mastery": round(total / n, 4)}
            for (deck, section), (n, total, _) in sorted(sections.items(), key=lambda kv: (kv[0][0], kv[1][2]))
        ],
        "commands": sorted(commands, key=lambda c: (c["mastery"] is None, c["mastery"] or 0, c["command"])),
    }


def card_side(data: dict) -> dict:
    return {key: data[key] for key in ("cards", "sections", "commands")}


def test_mastery_and_card_counts_are_each_cards_own_summed(db, capsys, monkeypatch, tmp_path):
    """The mastery tables and the card counts equal the same figures worked out card by card,
    over two decks sharing a heading, every kind of card, every state, a suspended and a
    retired card; and still after an answer is undone and after a deck is removed."""
    from helpers import SettableClock

    from dockquiz.importing import import_notes
    from dockquiz.scheduling import Scheduler
    from dockquiz.study.session import StudySession

    notes = tmp_path / "k8s-memo.md"
    notes.write_text(
        "## Docker イメージ関連\n\n### Docker イメージのダウンロード\n\n- `kubectl get pods`\n- `docker pull nginx`\n", "utf-8"
    )
    import_notes(db, notes, now=NOW)
    with db.session() as s:
        ids = s.scalars(select(Card.id).order_by(Card.id)).all()
        kinds = set(s.scalars(select(Card.kind)))
    assert {"command", "option"} <= kinds and len(ids) > 12
    for i, card in enumerate(ids[::2]):  # every other card studied (none due: the study answers new ones), each state
        last = NOW - timedelta(days=i % 23, hours=5 + i % 7, minutes=13)
        set_state(db, card, NOW + timedelta(days=1 + i % 5), state=1 + i % 3, stability=0.3 + i * 1.7, last=last)
    with db.session() as s:
        s.get(Card, ids[0]).status = "suspended"
        s.get(Card, ids[3]).status = "retired"
        s.get(Card, ids[4]).kind = "dockerfile"  # a kind outside a command's table, its command kept
    want = mastery_reference(db)
    assert want["cards"]["suspended"] == want["cards"]["retired"] == 1 and want["cards"]["relearning"] > 0
    assert len({x["deck"] for x in want["sections"]}) == 2 and 0 < want["commands"][0]["mastery"] < 1
    assert card_side(stats(db)) == want

    clock = SettableClock(NOW.astimezone(timezone.utc), JST)
    session = StudySession(db, clock, new_limit=100, scheduler=Scheduler(fuzz=False))
    for _ in range(2):
        view = session.next()
        session.submit(view.answer)
        session.rate()
    answered = mastery_reference(db)
    assert answered != want and card_side(stats(db)) == answered
    session.undo()
    undone = mastery_reference(db)
    assert undone not in (want, answered) and card_side(stats(db)) == undone

    monkeypatch.setenv("DOCKQUIZ_NOW", NOW.isoformat())
    assert run_cli(capsys, "deck", "rm", "k8s-memo", "--yes").code == 0
    removed = mastery_reference(db)
    assert [x["deck"] for x in removed["sections"]] == ["docker-basics"] * len(removed["sections"])
    assert card_side(stats(db)) == removed


@pytest.mark.parametrize(("lang", "last", "newest"), [("en", "Nov", "Dec"), ("ja", "11月", "12月")])
def test_the_heatmap_names_the_month_of_the_newest_week(lang, last, newest):
    """The current week, Monday the 7th of December, is December's first: its name was left out
    (it did not fit past the grid's last column), the labels stopped at Nov."""
    from datetime import date

    from rich.cells import cell_len

    from dockquiz.i18n import T
    from dockquiz.progress.report import _heatmap

    today = date(2026, 12, 8)
    heatmap = [{"date": (today - timedelta(days=k)).isoformat(), "reviews": k % 3} for k in range(120, -1, -1)]
    for weeks in (26, 10, 4):
        labels = _heatmap(T(lang), heatmap, weeks).plain.split("\n")[0]
        assert labels.rstrip().endswith(newest), labels
        assert cell_len(labels) <= 4 + 2 * weeks  # within the grid: the panel stays its width
    assert last in _heatmap(T(lang), heatmap, 26).plain.split("\n")[0]


def test_a_command_never_studied_is_not_weak_and_its_arguments_are_not_another_command(db, tmp_path):
    """A new user found `ssh` and `ssh user@host`, `find` and `find .` as two rows each, and
    commands never studied ranked weaker (0%) than one answered wrong. A command's row is its
    program and subcommand path; its mastery is over its studied cards; never studied: no
    mastery, after the studied ones."""
    from dockquiz.importing import import_notes

    notes = tmp_path / "shell.md"
    notes.write_text(
        "# 接続\n\n- `ssh user@host`\n    - `-p` ポートを指定する\n\n## 探す\n\n名前で\n\n```\nfind . -name x\n```\n\n"
        "種類で\n\n```\nfind . -type f\n```\n\n## 圧縮\n\n- `gzip -k big.txt`\n",
        "utf-8",
    )
    import_notes(db, notes, now=NOW)
    with db.session() as s:
        rows = s.execute(select(Card.id, Card.command, Card.kind).order_by(Card.id)).all()
    by_command = {}
    for cid, command, kind in rows:
        by_command.setdefault(command, []).append(cid)
    assert {"ssh user@host", "ssh"} <= set(by_command) and "find ." in set(by_command)  # the reader's paths
    ssh_login = by_command["ssh user@host"][0]
    set_state(db, ssh_login, NOW + timedelta(days=1), lapses=3, stability=0.5, last=NOW - timedelta(days=2))
    got = {c["command"]: c for c in stats(db)["commands"]}
    assert set(got) >= {"ssh", "find", "gzip"} and "ssh user@host" not in got and "find ." not in got
    assert got["ssh"]["studied"] == 1 and got["ssh"]["cards"] == len(by_command["ssh"]) + 1
    assert 0 < got["ssh"]["mastery"] < 1 and got["find"]["mastery"] is None and got["gzip"]["mastery"] is None
    assert [c["command"] for c in stats(db)["commands"]][0] == "ssh"  # the only one studied ranks, the others after
