"""The counts ``stats`` reads (review_hour, review_confusion, kept by triggers: revision 0008)
agree with the reviews themselves after every way reviews are written or removed: answers,
undo, a deck removed, an export merged, a profile's reviews deleted, edits; on SQLite and on a
real PostgreSQL server. The reference is recomputed here from the review rows in Python."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from helpers import JST, T0, SettableClock, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select, update

from dockquiz.importing import import_notes
from dockquiz.progress import compute
from dockquiz.scheduling import Scheduler
from dockquiz.storage import repo
from dockquiz.storage import tables as tb
from dockquiz.storage.db import open_database
from dockquiz.study.session import StudySession
from tests.conftest import FIXTURES, SAMPLE_NOTES

CORRECT = {"exact", "equivalent"}


def reference(conn) -> tuple[dict, dict]:
    """What the two tables should hold, from every review row."""
    hours: dict[tuple, list[int]] = {}
    pairs: Counter = Counter()
    r = tb.review.c
    for row in conn.execute(select(r.profile_id, r.reviewed_at, r.verdict, r.rating, r.duration_ms, r.prior_state, r.confusions)):
        key = (row.profile_id, int(row.reviewed_at.timestamp()) // 3600)
        sums = hours.setdefault(key, [0, 0, 0, 0, 0])
        due = row.prior_state == 2
        for i, value in enumerate((1, row.verdict in CORRECT, row.duration_ms, due, due and row.rating > 1)):
            sums[i] += int(value)
        for expected, typed in row.confusions or []:
            pairs[(row.profile_id, expected, typed)] += 1
    return {k: tuple(v) for k, v in hours.items()}, dict(pairs)


def kept(conn) -> tuple[dict, dict]:
    """What the two tables hold (rows counted down to zero are as good as none; never below)."""
    hours = {
        (row.profile_id, row.hour): (row.reviews, row.correct, row.duration_ms, row.due, row.kept)
        for row in conn.execute(select(tb.review_hour))
    }
    assert all(min(v) >= 0 for v in hours.values()), hours
    pairs = {(row.profile_id, row.expected, row.typed): row.n for row in conn.execute(select(tb.review_confusion))}
    assert all(n >= 0 for n in pairs.values()), pairs
    return (
        {k: v for k, v in hours.items() if v != (0, 0, 0, 0, 0)},
        {k: n for k, n in pairs.items() if n},
    )


def agree(db) -> tuple[dict, dict]:
    with db.connect() as conn:
        want, have = reference(conn), kept(conn)
    assert have == want
    return want


def figures(db, tz=JST, now=None, deck_id=None) -> dict:
    with db.session() as s:
        data = compute(s, profile_id=1, now=(now or T0).astimezone(timezone.utc), tz=tz, deck_id=deck_id)
    return {k: data[k] for k in ("today", "streak_days", "retention", "heatmap", "confusions")}


def study(db, clock, answers: list[str]) -> StudySession:
    session = StudySession(db, clock, new_limit=100, scheduler=Scheduler(fuzz=False))
    for typed in answers:
        view = session.next()
        session.submit(view.answer if typed == "right" else typed)
        session.rate()
        clock.set(clock.now() + timedelta(minutes=7))
    return session


@pytest.fixture
def db(backend):
    database = open_database()
    import_notes(database, SAMPLE_NOTES, now=T0)
    with database.session() as s:
        repo.profile(s, T0)
    return database


def the_deck(db, name="docker-basics") -> int:
    with db.session() as s:
        return repo.require_deck(s, name).id


def test_answers_and_undo_keep_the_counts(db):
    clock = SettableClock(T0 - timedelta(days=1), JST)
    study(db, clock, ["right", "docker rm x", "right"])
    clock.set(T0)
    session = study(db, clock, ["right", "wrong answer", "right", "docker images"])
    hours, _ = agree(db)
    assert sum(v[0] for v in hours.values()) == 7
    before = figures(db, now=clock.now())
    assert before["today"]["reviews"] == 4
    session.undo()
    session.undo()
    agree(db)
    after = figures(db, now=clock.now())
    assert after["today"]["reviews"] == 2 and after["heatmap"][-2]["reviews"] == 3
    assert after == figures(db, now=clock.now(), deck_id=the_deck(db))  # the counts = the reviews themselves


def add(db, card_id: int, when: datetime, *, rating=3, verdict="exact", prior=2, confusions=None, profile=1) -> int:
    with db.connect() as conn:
        return conn.execute(
            insert(tb.review).returning(tb.review.c.id),
            dict(
                profile_id=profile,
                card_id=card_id,
                reviewed_at=when.astimezone(timezone.utc),
                typed="x",
                verdict=verdict,
                rating=rating,
                duration_ms=2500,
                state_before=None if prior is None else {"state": prior},
                prior_state=prior,
                state_after={"state": 2},
                confusions=confusions,
            ),
        ).scalar_one()


def cards(db, n: int) -> list[int]:
    with db.connect() as conn:
        return list(conn.scalars(select(tb.card.c.id).order_by(tb.card.c.id).limit(n)))


def test_confusions_twice_in_one_answer_count_twice_and_go_when_it_goes(db):
    a, b = cards(db, 2)
    twice = add(db, a, T0, rating=1, verdict="wrong", confusions=[["-p", "-P"], ["-p", "-P"], ["rmi", "rm"]])
    add(db, b, T0, rating=1, verdict="wrong", confusions=[["-p", "-P"]])
    add(db, b, T0, rating=1, verdict="wrong", confusions=[])
    assert agree(db)[1] == {(1, "-p", "-P"): 3, (1, "rmi", "rm"): 1}
    assert figures(db)["confusions"] == [
        {"expected": "-p", "typed": "-P", "count": 3},
        {"expected": "rmi", "typed": "rm", "count": 1},
    ]
    with db.connect() as conn:
        conn.execute(delete(tb.review).where(tb.review.c.id == twice))
    assert agree(db)[1] == {(1, "-p", "-P"): 1}
    assert figures(db)["confusions"] == [{"expected": "-p", "typed": "-P", "count": 1}]


def test_an_edited_review_moves_its_counts(db):
    (a,) = cards(db, 1)
    rid = add(db, a, T0 - timedelta(days=3), rating=1, verdict="wrong", confusions=[["-p", "-P"]])
    with db.connect() as conn:
        conn.execute(
            update(tb.review).where(tb.review.c.id == rid).values(reviewed_at=T0, rating=3, verdict="exact", confusions=None)
        )
    hours, pairs = agree(db)
    assert list(hours.values()) == [(1, 1, 2500, 1, 1)] and pairs == {}


def test_removing_a_deck_takes_its_reviews_out_of_the_counts(db, capsys):
    import_notes(db, FIXTURES / "cloud-tools.ja.md", now=T0)
    other = the_deck(db, "cloud-tools")
    with db.connect() as conn:
        theirs = list(conn.scalars(select(tb.card.c.id).where(tb.card.c.deck_id == other).limit(3)))
    mine = cards(db, 2)
    for i, card in enumerate(theirs + mine):
        add(db, card, T0 - timedelta(hours=i), confusions=[["-p", "-P"]] if card in theirs else [["rmi", "rm"]])
    assert figures(db)["today"]["reviews"] == 5
    assert run_cli(capsys, "deck", "rm", "cloud-tools", "--yes").code == 0
    hours, pairs = agree(db)
    assert sum(v[0] for v in hours.values()) == 2 and pairs == {(1, "rmi", "rm"): 2}
    assert figures(db)["today"]["reviews"] == 2
    assert figures(db) == figures(db, deck_id=the_deck(db))


def test_a_merged_export_is_counted_once(db, capsys, monkeypatch, backend, tmp_path, request):
    clock = SettableClock(T0 - timedelta(days=2), JST)
    study(db, clock, ["right", "docker rm x", "right"])
    clock.set(T0)
    study(db, clock, ["right", "docker images"])
    monkeypatch.setenv("DOCKQUIZ_NOW", T0.isoformat())
    dump = tmp_path / "a.json"
    assert run_cli(capsys, "export", str(dump)).code == 0
    mine = figures(db)
    if backend == "sqlite":
        monkeypatch.setenv("DOCKQUIZ_DB", str(tmp_path / "other.db"))
    else:
        monkeypatch.setenv("DOCKQUIZ_DB", request.getfixturevalue("postgres_server")())
    assert run_cli(capsys, "import", str(dump)).code == 0
    assert run_cli(capsys, "import", str(dump)).code == 0  # merged twice: known reviews are not added again
    other = open_database()
    assert agree(other) == agree(db)
    assert figures(other) == mine


@pytest.mark.parametrize("offset", [timedelta(hours=5, minutes=30), timedelta(hours=-3, minutes=-30), timedelta(hours=9)])
def test_a_time_zone_off_the_hour_is_counted_exactly(db, offset):
    """A study day that starts at 04:00 in +05:30 starts at :30 past a UTC hour: the figures
    still count exactly what the reviews say."""
    tz = timezone(offset)
    now = datetime(2026, 11, 28, 12, 0, tzinfo=tz)
    start = datetime(2026, 11, 28, 4, 0, tzinfo=tz)
    ids = cards(db, 6)
    for i, minutes in enumerate((-50, -31, -29, -1, 0, 1, 29, 31, 70)):
        for back in (0, 6, 29, 30):
            add(db, ids[i % 6], start - timedelta(days=back) + timedelta(minutes=minutes), rating=1 + i % 4)
    agree(db)
    mine = figures(db, tz=tz, now=now)
    assert mine["today"]["reviews"] == 5
    assert mine == figures(db, tz=tz, now=now, deck_id=the_deck(db))


def test_a_streak_longer_than_the_heatmap_reads_the_older_counts(db):
    (a,) = cards(db, 1)
    for back in range(400):
        add(db, a, T0 - timedelta(days=back))
    mine = figures(db)
    assert mine["streak_days"] == 400
    assert mine == figures(db, deck_id=the_deck(db))


def test_a_profile_removed_takes_its_counts(db):
    with db.connect() as conn:
        other = conn.execute(
            insert(tb.profile).returning(tb.profile.c.id), dict(name="other", settings={}, created_at=T0)
        ).scalar_one()
    (a,) = cards(db, 1)
    add(db, a, T0, profile=other, confusions=[["-p", "-P"]])
    add(db, a, T0)
    with db.connect() as conn:
        conn.execute(delete(tb.profile).where(tb.profile.c.id == other))
        assert conn.scalar(select(tb.review_hour.c.profile_id).where(tb.review_hour.c.profile_id == other)) is None
    agree(db)


times = st.datetimes(datetime(2025, 1, 1), datetime(2027, 1, 1)).map(lambda d: d.replace(tzinfo=timezone.utc))
review = st.fixed_dictionaries(
    {
        "when": times,
        "rating": st.integers(1, 4),
        "verdict": st.sampled_from(["exact", "equivalent", "typo", "partial", "wrong", "invalid", "empty"]),
        "prior": st.sampled_from([None, 0, 1, 2, 3]),
        "confusions": st.one_of(
            st.none(), st.lists(st.lists(st.sampled_from(["-p", "-P", "rm", "rmi", "日本"]), min_size=2, max_size=2), max_size=3)
        ),
    }
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=st.lists(st.lists(review, min_size=1, max_size=8), min_size=1, max_size=4), drop=st.data())
def test_any_history_written_and_taken_back_agrees(db, batches, drop):
    ids = cards(db, 3)
    with db.connect() as conn:
        conn.execute(delete(tb.review))
        for batch in batches:  # each batch one statement: PostgreSQL's triggers run per statement
            conn.execute(
                insert(tb.review),
                [
                    dict(
                        profile_id=1,
                        card_id=ids[i % 3],
                        reviewed_at=r["when"],
                        typed="x",
                        verdict=r["verdict"],
                        rating=r["rating"],
                        duration_ms=1000 + i,
                        state_before=None,
                        prior_state=r["prior"],
                        state_after={"state": 2},
                        confusions=r["confusions"],
                    )
                    for i, r in enumerate(batch)
                ],
            )
    agree(db)
    with db.connect() as conn:
        rows = list(conn.scalars(select(tb.review.c.id)))
    gone = [rows[i] for i in drop.draw(st.lists(st.integers(0, len(rows) - 1), unique=True))]
    with db.connect() as conn:
        conn.execute(delete(tb.review).where(tb.review.c.id.in_(gone)))
        conn.execute(update(tb.review).where(tb.review.c.rating == 1).values(rating=3, verdict="exact"))
    agree(db)


def test_an_existing_history_is_counted_by_the_upgrade(backend):
    """A database of the revision before, holding reviews, upgrades with its counts filled."""
    from alembic import command
    from alembic.config import Config

    from dockquiz.resources import migrations_dir

    database = open_database()
    import_notes(database, SAMPLE_NOTES, now=T0)
    with database.session() as s:
        repo.profile(s, T0)
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    with database.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0008-1")  # the schema as the revision before made it
    a, b = cards(database, 2)
    with database.engine.begin() as conn:
        for i in range(40):
            conn.execute(
                insert(tb.review),
                dict(
                    profile_id=1,
                    card_id=(a, b)[i % 2],
                    reviewed_at=(T0 - timedelta(hours=5 * i)).astimezone(timezone.utc),
                    typed="x",
                    verdict=("exact", "wrong", "typo")[i % 3],
                    rating=1 + i % 4,
                    duration_ms=1000 * i,
                    state_before=None,
                    prior_state=(None, 1, 2)[i % 3],
                    state_after={"state": 2},
                    confusions=[["-p", "-P"], ["-p", "-P"]] if i % 5 == 0 else None,
                ),
            )
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    hours, pairs = agree(database)
    assert sum(v[0] for v in hours.values()) == 40 and pairs == {(1, "-p", "-P"): 16}
    add(database, a, T0)  # and the triggers count from now on
    agree(database)
    assert figures(database) == figures(database, deck_id=the_deck(database))


def test_a_new_postgresql_database_gets_what_the_upgrade_installs(postgres_server):
    """db._create_postgresql installs storage.aggregates; revision 0008 its own copy: the same."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from dockquiz.resources import migrations_dir

    def definitions(database) -> tuple:
        with database.engine.connect() as conn:
            return (
                conn.scalar(text("SELECT prosrc FROM pg_proc WHERE proname = 'dockquiz_review_counts'")),
                sorted(conn.scalars(text("SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname LIKE 'review_counts%'"))),
                sorted(
                    tuple(r)
                    for r in conn.execute(
                        text(
                            "SELECT tablename, policyname, cmd, qual, with_check FROM pg_policies WHERE tablename LIKE 'review_%'"
                        )
                    )
                ),
                sorted(conn.scalars(text("SELECT relname FROM pg_class WHERE relrowsecurity AND relname LIKE 'review_%'"))),
            )

    made = open_database(postgres_server())
    upgraded = open_database(postgres_server())
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    with upgraded.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0008-1")
        assert conn.scalar(text("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'review_counts%'")) == 0
        command.upgrade(cfg, "head")
    mine = definitions(made)
    assert mine[0] and len(mine[1]) == 3 and len(mine[2]) == 2 and mine[3] == ["review_confusion", "review_hour"]
    assert definitions(upgraded) == mine


@pytest.mark.parametrize("zone", ["America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "Asia/Tokyo"])
@given(hours=st.lists(st.integers(480_000, 500_000), max_size=400))
def test_hours_become_study_days_as_each_hour_would(zone, hours):
    """figures._days_of works a day out once per day: the same as study_day of each hour,
    across DST changes (half an hour on Lord Howe Island) and zones off the hour."""
    from zoneinfo import ZoneInfo

    from dockquiz.clock import study_day
    from dockquiz.progress.figures import _days_of

    tz = ZoneInfo(zone)
    want = Counter(study_day(datetime.fromtimestamp(h * 3600, timezone.utc), tz) for h in hours)
    assert _days_of(((h, 1) for h in sorted(hours)), tz) == dict(want)
    assert _days_of(((h, 1) for h in hours), tz) == dict(want)


def class_reference(db, now: datetime, tz) -> list[tuple]:
    """stats --class's figures per learner, from every review row in Python: reviews in 7 and
    30 study days, retention over 30, and the streak of study days up to today."""
    from dockquiz.clock import day_start, study_day
    from dockquiz.progress.figures import streak

    start = day_start(now, tz)
    d7, d30 = start - timedelta(days=6), start - timedelta(days=29)
    window = start - timedelta(days=26 * 7 - 1)
    with db.connect() as conn:
        names = dict(conn.execute(select(tb.profile.c.id, tb.profile.c.name)).all())
        rows = conn.execute(select(tb.review.c.profile_id, tb.review.c.reviewed_at, tb.review.c.rating, tb.review.c.prior_state))
        seen: dict[int, list] = {pid: [0, 0, 0, 0, set()] for pid in names}
        for pid, when, rating, prior in rows:
            mine = seen[pid]
            if when >= d30:
                mine[0] += when >= d7
                mine[1] += 1
                mine[2] += prior == 2
                mine[3] += prior == 2 and rating > 1
            if when >= window:
                mine[4].add(study_day(when, tz))
    return sorted(
        (names[pid], w, m, round(k / d, 4) if d else None, streak(days, study_day(now, tz)))
        for pid, (w, m, d, k, days) in seen.items()
    )


def class_figures(db, now: datetime, tz, deck_id=None) -> list[tuple]:
    from dockquiz.progress import class_report

    with db.session() as s:
        data = class_report(s, now=now.astimezone(timezone.utc), tz=tz, deck_id=deck_id)
    return [(r["profile"], r["reviews_7d"], r["reviews_30d"], r["retention_30d"], r["streak_days"]) for r in data["learners"]]


@pytest.mark.parametrize("offset", [timedelta(hours=9), timedelta(hours=-5), timedelta(hours=5, minutes=30)])
def test_the_class_figures_count_what_the_reviews_say(db, offset):
    """stats --class reads the per-hour counts (review_hour; on PostgreSQL the view
    review_hour_figures): each learner's figures equal those recomputed from the reviews, and
    those the reviews themselves give (one deck's, or a day that starts off the UTC hour)."""
    import random

    tz = timezone(offset)
    now = datetime(2026, 11, 28, 12, 0, tzinfo=tz)
    with db.connect() as conn:
        others = [
            conn.execute(insert(tb.profile).returning(tb.profile.c.id), dict(name=n, settings={}, created_at=T0)).scalar_one()
            for n in ("ben", "carl")
        ]
    ids = cards(db, 5)
    rnd = random.Random(3)
    start = datetime(2026, 11, 28, 4, 0, tzinfo=tz)
    for back in range(40):  # the first learner every day, on both sides of 04:00
        for minutes in (-61, -1, 0, 59):
            add(db, ids[back % 5], start - timedelta(days=back, minutes=minutes), rating=1 + back % 4, prior=back % 3)
    for pid in others:  # the others now and then, some days missed
        for _ in range(60):
            when = now - timedelta(minutes=rnd.uniform(0, 60 * 24 * 200))
            add(db, rnd.choice(ids), when, rating=rnd.choice((1, 3, 4)), prior=rnd.choice((None, 1, 2)), profile=pid)
    agree(db)
    want = class_reference(db, now, tz)
    first = next(row for row in want if row[0] not in ("ben", "carl"))
    assert first[1:3] == (27, 119) and first[4] == 41  # as written: 3 reviews a day, one the evening before
    assert class_figures(db, now, tz) == want
    assert class_figures(db, now, tz, deck_id=the_deck(db)) == want  # all the cards are in one deck
