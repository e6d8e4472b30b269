"""The study session (injected clock), its plain/JSON faces, the TUI through pipe input."""

import io
import json
from datetime import datetime, timedelta

import pytest
from helpers import JST, T0, SettableClock, run_cli
from sqlalchemy import func, select, update

from dockquiz.errors import ConflictError
from dockquiz.grading import grade
from dockquiz.importing import import_notes
from dockquiz.scheduling import Scheduler
from dockquiz.storage.models import Card, CardState, Review
from dockquiz.study.session import StudySession


@pytest.fixture
def db(deck_db):
    return deck_db


def session(db, clock=None, **kw):
    clock = clock or SettableClock(T0, JST)
    return StudySession(db, clock, scheduler=Scheduler(fuzz=False), monotonic=lambda: 0.0, **kw)


def test_first_card_is_the_first_command_of_the_notes(db):
    view = session(db).next()
    assert view.kind == "command" and view.answer == "docker pull ${IMAGE_NAME}"
    assert view.placeholders == ["${IMAGE_NAME}"]
    assert view.counts == {"new": 20, "learning": 0, "review": 0}


def test_answer_rate_saves_review_and_state(db):
    s = session(db)
    view = s.next()
    answered = s.submit("docker pull nginx")
    assert answered.verdict.verdict == "exact" and answered.rating == 3
    result = s.rate()
    assert result.state == "learning" and result.due - T0 == timedelta(minutes=10)
    with db.session() as db_s:
        review = db_s.scalar(select(Review))
        assert (review.card_id, review.typed, review.verdict, review.rating) == (view.id, "docker pull nginx", "exact", 3)
        assert review.state_before is None and review.state_after["state"] == 1
        assert db_s.get(CardState, (1, view.id)).reps == 1


def test_the_answers_statements_read_and_write_as_core_does(db):
    """storage.study.run (the DBAPI cursor, compiled once) gives the rows Connection.execute
    gives, and what it writes reads back through Core as it was given: aware UTC times, JSON."""
    from dockquiz.storage import study as store
    from dockquiz.storage.tables import card_state, review

    s = session(db)
    view = s.next()
    s.submit("docker push alpine")  # another command: a confusion, kept as JSON
    s.rate()
    with db.connect() as conn:
        params = {
            "card": {"card": view.id},
            "shown": {"card": view.id, "profile": s.profile_id},
            "examples": {"deck": view.deck_id, "lo": 0, "hi": 10_000, "command": "docker run"},
        }
        for name, values in params.items():
            rows, _ = store.run(conn, name, values)
            assert [tuple(r) for r in rows] == [tuple(r) for r in conn.execute(store.STMT[name], values)], name
            assert rows and all(r._fields == tuple(conn.execute(store.STMT[name], values).keys()) for r in rows), name
        (written,) = conn.execute(select(review)).mappings().all()
        shown = store.run(conn, "shown", params["shown"])[0][0]
    assert written["reviewed_at"] == T0 and written["reviewed_at"].utcoffset() == timedelta(0)
    assert written["confusions"] == [["docker pull", "docker push"]] and written["state_before"] is None
    assert written["state_after"]["state"] == 1 and (shown.reps, shown.state) == (1, 1)
    assert shown.due == T0 + timedelta(minutes=1) and shown.due.utcoffset() == timedelta(0)
    with db.connect() as conn:  # and the state row as Core reads it
        assert conn.execute(select(card_state.c.due)).scalar_one() == shown.due


def test_the_unseen_count_is_the_active_cards_with_no_state_of_the_profile(db):
    """storage.study.unseen_count (cards in scope less those with a state) counts what its
    definition counts: active cards in scope this profile has no state of; other profiles'
    states, suspended and other decks' cards aside."""
    from sqlalchemy import exists

    from dockquiz.storage import study as store
    from dockquiz.storage.tables import card, card_state

    clock = SettableClock(T0, JST)
    aiko, ben = session(db, clock, profile="aiko"), session(db, clock, profile="ben")
    for s, answers in ((aiko, 3), (ben, 1)):
        for _ in range(answers):
            s.next()
            s.submit("docker ps")
            s.rate()
    with db.connect() as conn:
        deck_id = conn.scalar(select(card.c.deck_id).limit(1))
        conn.execute(
            card.update().where(card.c.id == conn.scalar(select(card.c.id).order_by(card.c.id.desc()))).values(status="suspended")
        )
        for s in (aiko, ben):
            for scope in (None, deck_id, deck_id + 1):
                state = select(card_state.c.card_id).where(
                    card_state.c.profile_id == s.profile_id, card_state.c.card_id == card.c.id
                )
                where = [card.c.status == "active", *([card.c.deck_id == scope] if scope is not None else [])]
                expected = conn.scalar(select(func.count()).select_from(card).where(*where, ~exists(state)))
                assert store.unseen_count(conn, s.profile_id, scope) == expected, (s.profile_id, scope)
        assert store.unseen_count(conn, aiko.profile_id, None) == store.unseen_count(conn, ben.profile_id, None) - 2


def test_empty_answer_shows_answer_and_rates_again(db):
    s = session(db)
    s.next()
    answered = s.submit("")
    assert answered.verdict.verdict == "empty" and answered.rating == 1


def test_hint_reveals_tokens_and_caps_rating_at_hard(db):
    s = session(db)
    s.next()
    assert s.hint() == "docker"
    assert s.hint() == "docker pull"
    assert s.submit("docker pull nginx").rating == 2


def test_the_screen_says_why_hints_lowered_the_rating(db):
    from dockquiz.i18n import T
    from dockquiz.tui.text import hint_note

    s = session(db)
    s.next()
    s.hint()
    part = s.submit("docker pull nginx")
    assert part.rating == 2 and "最高でも" in hint_note(T("ja"), part)
    s.retract()
    while s.hint() != "docker pull ${IMAGE_NAME}":
        pass
    whole = s.submit("docker pull ${IMAGE_NAME}")
    assert whole.verdict.verdict == "exact" and whole.rating == 1
    assert "whole answer" in hint_note(T("en"), whole)


def test_daily_new_limit_and_day_boundary(db):
    from dockquiz.storage import repo

    with db.session() as s:  # `dockquiz config new 2`
        prof = repo.profile(s, T0)
        prof.settings = {**(prof.settings or {}), "new_per_day": 2}
    clock = SettableClock(T0, JST)
    s = session(db, clock)
    seen = []
    for _ in range(2):
        seen.append(s.next().id)
        s.submit("x")
        s.rate(3)
    assert s.remaining()["new"] == 0
    assert s.summary()["new_waiting"] > 0 and s.summary()["new_limit"] == 2
    clock.set(T0.replace(hour=3, minute=59) + timedelta(days=1))  # before 04:00: same study day
    assert session(db, clock).remaining()["new"] == 0
    assert session(db, clock, new_limit=3).remaining()["new"] == 3  # --new 3: this session's own
    clock.set(T0.replace(hour=4, minute=0) + timedelta(days=1))  # a new day
    assert session(db, clock).remaining()["new"] == 2


def test_again_in_review_goes_to_relearning(db):
    clock = SettableClock(T0, JST)
    s = session(db, clock, new_limit=1)
    card = s.next().id
    s.submit("docker pull nginx")
    first = s.rate(3)
    clock.set(first.due)
    assert s.next().id == card
    s.submit("docker pull nginx")
    second = s.rate(3)
    assert second.state == "review"
    clock.set(second.due)
    assert s.next().id == card
    s.submit("docker push nginx")
    third = s.rate()
    assert third.state == "relearning"
    with db.session() as db_s:
        assert db_s.get(CardState, (1, card)).lapses == 1


def test_undo_takes_back_the_last_answer(db):
    s = session(db)
    first = s.next().id
    s.submit("docker pull nginx")
    s.rate()
    again = s.undo()
    assert again.id == first
    with db.session() as db_s:
        assert db_s.scalar(select(Review)) is None
        assert db_s.get(CardState, (1, first)) is None


def test_undo_shows_the_card_at_its_own_place_in_the_session(db):
    """The header's 'card N': the answer taken back is card N again, not N + 1."""
    s = session(db)
    assert s.next().position == 1
    s.submit("docker pull nginx")
    s.rate()
    assert s.next().position == 2
    assert s.undo().position == 1


def _rows(db) -> dict:
    """Every row an answer may change: states, reviews, the cards' status and version."""
    from dockquiz.storage.tables import card, card_state, review

    with db.connect(commit=False) as conn:
        return {
            "state": sorted(tuple(r) for r in conn.execute(select(card_state)).all()),
            "review": sorted(tuple(r) for r in conn.execute(select(review.c.id, review.c.card_id, review.c.rating)).all()),
            "card": sorted(tuple(r) for r in conn.execute(select(card.c.id, card.c.status, card.c.version)).all()),
        }


def test_undo_reverses_what_the_answer_recorded_even_a_leech_suspended(db):
    """Undo puts back the rows the answer changed, as they were: the card's state before (an
    update of a seen card), the review it wrote, the status a leech's suspension changed."""
    clock = SettableClock(T0, JST)
    s = session(db, clock, new_limit=1)
    card = s.next().id
    for rating in (3, 3, *[1, 3] * 7):  # into review, then seven lapses
        assert s.next().id == card
        s.submit("docker pull x")
        clock.set(s.rate(rating).due)
    before = _rows(db)
    s.next()
    s.submit("docker pull x")
    assert s.rate(1).suspended  # the eighth lapse
    assert _rows(db) != before
    assert s.undo().id == card
    assert _rows(db) == before
    s.submit("docker pull x")  # and it can be answered again as shown
    assert s.rate(1).suspended


@pytest.mark.parametrize("seen", [False, True])
def test_a_card_edited_between_the_verdict_and_the_rating_is_not_saved(db, seen):
    """An import's edit (a new version of the card) after submit and before rate: a
    conflict, and nothing of the answer is written, whether the card was new or seen."""
    from sqlalchemy import update

    from dockquiz.storage.tables import card

    clock = SettableClock(T0, JST)
    s = session(db, clock, new_limit=1)
    first = s.next().id
    if seen:
        s.submit("docker pull x")
        clock.set(s.rate(3).due)
        assert s.next().id == first
    before = _rows(db)
    s.submit("docker pull nginx")
    with db.connect() as conn:  # as an import that changed the card's text does
        conn.execute(update(card).where(card.c.id == first).values(version=card.c.version + 1))
    edited = _rows(db)
    with pytest.raises(ConflictError):
        s.rate()
    assert _rows(db) == edited and edited["state"] == before["state"] and edited["review"] == before["review"]
    assert s.next().id == first  # shown again, as it is now
    s.submit("docker pull nginx")
    s.rate()
    assert len(_rows(db)["review"]) == len(before["review"]) + 1


def test_a_session_whose_every_card_was_skipped_ends_saying_they_come_back_tomorrow(tmp_path, capsys, monkeypatch):
    """Not "nothing is scheduled yet, import notes": the cards are there, skipped until tomorrow."""
    notes = tmp_path / "logs.md"
    notes.write_text("# ログ\n\n- `docker logs -f ${CONTAINER}`\n    - `-f` オプション : ログを追い続ける\n", "utf-8")
    run_cli(capsys, "import", str(notes))
    for lang, words in (("en", "3 skipped card(s) come back tomorrow"), ("ja", "後回しにした 3 枚は明日")):
        monkeypatch.setattr("sys.stdin", io.StringIO(":skip\n" * 5))
        out = run_cli(capsys, "--lang", lang, "study", "--plain").out
        assert words in out and "import" not in out.splitlines()[-1]


def test_a_skip_that_takes_a_sibling_along_says_so(tmp_path, capsys, monkeypatch):
    """A new user's `:skip` on an option card dropped the new count by 2: its meaning card (which
    shows the option beside its words) is put off with it, by design; now the line says so."""
    notes = tmp_path / "tunnel.md"
    notes.write_text("# 転送\n\n- `ssh -L 8080:db:5432 bastion`\n    - `-L` オプション : ローカルポート転送\n", "utf-8")
    run_cli(capsys, "import", str(notes))
    kinds = [c["kind"] for c in run_cli(capsys, "cards", "--json").json()]
    assert sorted(kinds) == ["command", "meaning", "option"]
    monkeypatch.setattr("sys.stdin", io.StringIO(":skip\n:skip\n"))
    out = run_cli(capsys, "--lang", "en", "study", "--plain", "--json").out
    events = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    skips = [e["siblings"] for e in events if e["event"] == "skipped"]
    assert sum(skips) + len(skips) == 3 and 1 in skips  # three cards put off by two skips: one took its sibling
    from dockquiz.i18n import T
    from dockquiz.tui.plain import skipped_text

    assert skipped_text(T("en"), 0) == "skipped until tomorrow"
    assert "with 1 card(s) of the same note item" in skipped_text(T("en"), 1)
    assert "カード 1 枚も一緒に後回し" in skipped_text(T("ja"), 1)


def test_new_cards_held_back_by_a_limit_are_never_called_nothing_scheduled(capsys, monkeypatch):
    """`study --new 0` (or a daily limit reached) with nothing scheduled: the last lines say
    how many new cards wait and how to get them, not "Nothing is scheduled yet. Import notes"."""
    for args in (["--new", "0"], []):
        if not args:
            run_cli(capsys, "config", "new", "0")
        monkeypatch.setattr("sys.stdin", io.StringIO(""))
        out = run_cli(capsys, "--lang", "en", "study", "--plain", *args).out
        assert "Nothing is scheduled yet" not in out and "more wait" in out and "dockquiz study --new 10" in out


def test_the_header_says_when_its_counts_are_of_every_deck(db, tmp_path):
    """Two decks studied together: the counts are of both, so the header does not put them
    after one deck's name as if they were its own; one deck's session reads as before."""
    from dockquiz.i18n import T
    from dockquiz.tui.text import header

    notes = tmp_path / "k8s.md"
    notes.write_text("## Pod\n\n- 一覧: `kubectl get pods`\n", "utf-8")
    import_notes(db, notes, now=T0)
    view = session(db).next()
    assert view.counts["new"] == 21  # 20 of docker-basics, 1 of k8s
    assert header(T("en"), view) == "docker-basics · card 1 · all decks: new 21 · learning 0 · review 0"
    assert "全デッキ: 新規 21" in header(T("ja"), view)
    alone = session(db, deck="k8s").next()
    assert header(T("en"), alone) == "k8s · new 1 · learning 0 · review 0 · card 1"


def test_skip_buries_until_tomorrow(db):
    clock = SettableClock(T0, JST)
    s = session(db, clock)
    first = s.next().id
    s.skip()
    assert s.next().id != first
    clock.set(T0 + timedelta(days=1))
    assert session(db, clock).next().id == first


def test_a_session_of_a_named_profile_buries_a_skipped_card_in_that_profile_only(db):
    from dockquiz.storage.models import Profile
    from dockquiz.storage.tables import burial

    clock = SettableClock(T0, JST)
    s = session(db, clock, profile="aiko")
    first = s.next().id
    s.skip()
    assert s.next().id != first
    assert session(db, clock, profile="aiko").next().id != first  # still buried for aiko
    assert session(db, clock, profile="ben").next().id == first  # never for anyone else
    with db.session() as db_s:
        buried = db_s.execute(select(Profile.name, burial.c.card_id).join(burial, burial.c.profile_id == Profile.id)).all()
        settings = [p.settings for p in db_s.scalars(select(Profile))]
    assert ("aiko", first) in [tuple(r) for r in buried] and {r[0] for r in buried} == {"aiko"}  # card state, not settings
    assert not any("buried" in (value or {}) for value in settings)


def test_two_sessions_do_not_double_apply(db):
    a, b = session(db), session(db)
    card = a.next().id
    assert b.next().id == card
    a.submit("docker pull nginx")
    b.submit("docker pull nginx")
    a.rate()
    with pytest.raises(ConflictError):
        b.rate()
    with db.session() as db_s:
        assert len(db_s.scalars(select(Review)).all()) == 1


def test_close_enough_remembers_a_variant(db):
    s = session(db)
    s.next()
    assert not s.submit("docker pull").close_enough_allowed  # partial, but docker refuses it: no image
    s.retract()
    answered = s.submit("docker pull -q nginx")  # partial: -q is more than asked, a line docker takes
    assert answered.close_enough_allowed
    s.accept_variant()
    s.rate()
    with db.session() as db_s:
        card = db_s.scalar(select(Card).where(Card.answer == "docker pull ${IMAGE_NAME}"))
        assert card.variants == ["docker pull -q ${IMAGE_NAME}"]
    later = SettableClock(T0, JST)
    later.set(T0 + timedelta(minutes=11))  # the learning card is due again, and comes first
    s2 = session(db, clock=later)
    assert s2.next().id == card.id
    assert s2.submit("docker pull -q alpine").verdict.verdict == "equivalent"


def test_an_accepted_variant_can_be_removed_with_card_remove_variant(db, capsys):
    """A new user's "close enough" stored a wrong form and nothing took it back: `dockquiz card
    ID --remove-variant FORM` does (the form as `card ID` shows it); a form the card does not
    hold is one line naming the ones it does, exit 2."""
    s = session(db)
    s.next()
    s.submit("docker pull -q nginx")
    s.accept_variant()
    s.rate()
    s.close()
    with db.session() as db_s:
        card = db_s.scalar(select(Card).where(Card.answer == "docker pull ${IMAGE_NAME}"))
    shown = run_cli(capsys, "--lang", "en", "card", str(card.id)).out
    assert "also accepted: docker pull -q ${IMAGE_NAME}" in shown
    bad = run_cli(capsys, "--lang", "en", "card", str(card.id), "--remove-variant", "docker pull -a ${IMAGE_NAME}")
    assert bad.code == 2 and bad.err.count("\n") == 1 and "docker pull -q ${IMAGE_NAME}" in bad.err
    bad_ja = run_cli(capsys, "--lang", "ja", "card", str(card.id), "--remove-variant", "docker pull -a ${IMAGE_NAME}")
    assert bad_ja.code == 2 and "別解" in bad_ja.err
    done = run_cli(capsys, "--lang", "en", "card", str(card.id), "--remove-variant", "docker pull -q ${IMAGE_NAME}")
    assert done.code == 0 and "Removed the accepted variant: docker pull -q ${IMAGE_NAME}" in done.out
    assert "also accepted" not in done.out
    with db.session() as db_s:
        assert db_s.get(Card, card.id).variants == []
    later = SettableClock(T0 + timedelta(minutes=11), JST)
    s2 = session(db, clock=later)
    assert s2.next().id == card.id
    assert s2.submit("docker pull -q alpine").verdict.verdict == "partial"  # no longer accepted
    ja = run_cli(capsys, "--lang", "ja", "card", str(card.id), "--remove-variant", "x")
    assert ja.code == 2 and "別解はありません" in ja.err


def test_an_option_answered_again_after_undo_still_keeps_its_meaning_card_back(db):
    """Answer an option card, take it back, answer it again: its meaning card waits until the
    end as it does after one answer (undo lost the card's note item, so it did not)."""
    with db.session() as db_s:
        options = {c.id: c for c in db_s.scalars(select(Card).where(Card.kind == "option"))}
        meanings = {(c.command, c.prompt_ja.split()[0]): c.id for c in db_s.scalars(select(Card).where(Card.kind == "meaning"))}
    s = session(db)
    while (view := s.next()).id not in options or (options[view.id].command, view.answer.split()[0]) not in meanings:
        s.submit("")
        s.rate(3)
    option = options[view.id]
    meaning = meanings[(option.command, option.answer.split()[0])]
    s.submit(option.answer)
    s.rate(3)
    s.undo()
    s.submit(option.answer)
    s.rate(3)
    shown = []
    while (view := s.next()) is not None and len(shown) < 6:
        shown.append(view.id)
        s.submit("")
        s.rate(3)
    # after one answer the built-in deck's other new cards come first (the meaning card is
    # ninth); with the note item lost it came second
    assert len(shown) == 6 and meaning not in shown


def _walk_to_a_meaning_card(db, s):
    """Answer cards until a meaning card of `docker run` is on screen (its option cards set
    aside: one answered first buries its meaning card for the day)."""
    with db.session() as db_s:
        db_s.execute(update(Card).where(Card.kind == "option", Card.command == "docker run").values(status="suspended"))
    while (view := s.next()).kind != "meaning" or view.command != "docker run":
        s.submit("")
        s.rate(3)
    with db.session() as db_s:
        meaning = db_s.get(Card, view.id)
        db_s.expunge(meaning)
    return meaning, view


def _first_meaning_card(tmp_path, notes: str):
    """Import ``notes`` as the only deck and answer cards until its first meaning card is on
    screen: (the session, that card's view)."""
    return _first_card_of_kind(tmp_path, notes, "meaning")


def _first_card_of_kind(tmp_path, notes: str, kind: str):
    """Import ``notes`` as the only deck and answer cards until its first card of ``kind`` is
    on screen: (the session, that card's view)."""
    from dockquiz.storage.db import open_database

    path = tmp_path / "one.md"
    path.write_text(notes, encoding="utf-8")
    db = open_database()
    import_notes(db, path, now=T0)
    if kind == "meaning":  # an option answered first buries its meaning card for the day: set aside
        with db.session() as db_s:
            db_s.execute(update(Card).where(Card.kind == "option").values(status="suspended"))
    s = session(db)
    while (view := s.next()).kind != kind:
        s.submit("x")
        s.rate(3)
    return s, view


def test_meaning_card_offers_four_choices(db):
    s = session(db, new_limit=100)
    meaning, view = _walk_to_a_meaning_card(db, s)
    assert len(view.choices) == 4 and meaning.answer in view.choices
    right = view.choices.index(meaning.answer) + 1
    assert s.submit(str(right)).verdict.verdict == "exact"


def test_a_meaning_cards_hints_do_not_give_its_choice_away(db):
    """The card keeps the right choice's English words (for the English choices): what is on
    screen before the answer holds no choice's text, in either language."""
    s = session(db, new_limit=100)
    meaning, view = _walk_to_a_meaning_card(db, s)
    shown = set(view.hints.values())
    assert meaning.hints.get("en") in view.choices_en
    assert not shown & (set(view.choices) | set(view.choices_en)), view.hints


@pytest.mark.parametrize(
    "notes, command",
    [
        ("# ログ\n\n- `docker logs -f ${CONTAINER}`\n    - `-f` オプション : ログを追い続ける\n", "docker logs"),
        ("# npm\n\n## 入れる\n\n- `npm install ${PKG}`\n    - `-g` オプション : グローバルに入れる\n", "npm install"),
    ],
)
def test_a_meaning_card_whose_notes_hold_no_other_meaning_still_offers_four_choices(tmp_path, notes, command):
    """The only described option of a deck: the other choices are what the command's other
    options do (the grammar's words), else other decks' meanings or a well-known command's."""
    s, view = _first_meaning_card(tmp_path, notes)
    assert view.command == command and len(view.choices) == 4 and len(set(view.choices)) == 4
    assert view.answer in view.choices and len(set(view.choices_en)) == 4
    if command == "docker logs":  # its own other options, never -f's own words again
        assert "末尾から表示する行数" in view.choices and "新しい出力を追い続ける" not in view.choices
    right = view.choices.index(view.answer) + 1
    assert s.submit(str(right)).verdict.verdict == "exact"


def test_a_meaning_card_left_empty_is_unanswered_not_the_right_choice_called_wrong(db):
    s = session(db, new_limit=100)
    _walk_to_a_meaning_card(db, s)
    verdict = s.submit("").verdict
    assert verdict.verdict == "empty" and verdict.differences == ()


def test_leech_is_suspended_at_the_8th_lapse(db):
    clock = SettableClock(T0, JST)
    s = session(db, clock, new_limit=1)
    card = s.next().id

    def answer(rating):
        assert s.next().id == card
        s.submit("docker pull x")
        result = s.rate(rating)
        clock.set(result.due)
        return result

    answer(3)
    answer(3)  # now in review
    for lapse in range(1, 9):
        result = answer(1)  # forgotten: a lapse
        assert result.suspended == (lapse == 8)
        if not result.suspended:
            assert answer(3).state == "review"
    with db.session() as db_s:
        assert db_s.get(CardState, (1, card)).lapses == 8
        assert db_s.get(Card, card).status == "suspended"
    assert s.next() is None or s.next().id != card


# --- the plain and JSON faces ------------------------------------------------------------------


def test_plain_json_protocol(capsys, monkeypatch):
    monkeypatch.setenv("DOCKQUIZ_NOW", "2026-11-28T09:00:00+09:00")
    # the second card is `docker search`: its example (a sibling of the first) waits
    monkeypatch.setattr("sys.stdin", io.StringIO("docker pull nginx\n\ndocker serch x\n2\n"))
    result = run_cli(capsys, "study", "--plain", "--json")
    assert result.code == 0
    events = [json.loads(line) for line in result.out.splitlines()]
    kinds = [e["event"] for e in events]
    assert kinds == ["card", "verdict", "scheduled", "card", "verdict", "scheduled", "card", "summary"]
    assert events[0]["prompt"]["ja"] == "Pull an image"  # an English learner's built-in deck
    assert events[1]["verdict"] == "exact" and events[1]["answer"] == "docker pull ${IMAGE_NAME}"
    assert events[2]["rating"] == "good" and events[2]["state"] == "learning"
    assert events[3]["command"] == "docker search" and events[4]["verdict"] in ("typo", "partial")
    assert events[5]["rating"] == "hard"
    assert events[-1]["reviewed"] == 2
    cards = run_cli(capsys, "cards", "--json").json()
    assert sum(c["reps"] for c in cards) == 2


def test_plain_mode_is_used_when_stdin_is_not_a_terminal_and_eof_ends_cleanly(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("docker pull nginx\n"))
    result = run_cli(capsys, "--lang", "ja", "study")
    assert result.code == 0
    assert "組み込みデッキ" in result.out and "正解" in result.out
    assert "Traceback" not in result.err


def test_commands_run_without_the_cyclic_gc_but_a_session_collects(capsys, monkeypatch):
    import gc

    from dockquiz.tui.plain import PlainFace

    seen, frozen = [], []
    monkeypatch.setattr(PlainFace, "run", lambda self: seen.append(gc.isenabled()) or frozen.append(gc.get_freeze_count()) or 0)
    monkeypatch.setattr("dockquiz.storage.repo.decks_with_counts", lambda s: seen.append(gc.isenabled()) or [])
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert gc.isenabled()
    gc.unfreeze()
    assert run_cli(capsys, "decks").code == 0 and run_cli(capsys, "study", "--plain").code == 0
    assert seen == [False, True] and gc.isenabled()
    assert frozen[0] > 10_000  # what start-up built is left out of the session's collections
    gc.disable()
    try:  # a caller that had it off keeps it off
        run_cli(capsys, "decks")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_plain_rejects_a_bad_rating_and_asks_again(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("docker pull nginx\nsoso\n3\n"))
    result = run_cli(capsys, "study", "--plain")
    assert "unknown rating" in result.out and result.code == 0


def test_a_long_line_of_garbage_at_the_rating_is_quoted_short_and_literal(capsys, monkeypatch):
    """20,000 characters pasted at the rating prompt: the message quotes a short excerpt of
    them, control characters shown (^[), not the whole line nor an escape sequence."""
    garbage = "\x1b[31m" + "g" * 20000
    monkeypatch.setattr("sys.stdin", io.StringIO(f"docker pull nginx\n{garbage}\n3\n"))
    result = run_cli(capsys, "--lang", "en", "study", "--plain")
    line = next(line for line in result.out.splitlines() if "unknown rating" in line)
    assert len(line) < 200 and "\x1b" not in result.out
    assert 'unknown rating "^[[31mggg' in line and "…" in line
    assert result.code == 0 and "Done: 1 answered" in result.out


@pytest.mark.parametrize("dash", ["–", "—"])
def test_a_flag_typed_with_an_en_or_em_dash_is_graded_as_hyphens_and_the_feedback_says_so(db, dash):
    from dockquiz.explain_view import study_lines
    from dockquiz.i18n import T

    s = session(db, new_limit=100)
    while s.next().answer != "docker run ${CONTAINER_NAME} ${IMAGE_NAME} /bin/bash":
        s.skip()
    answered = s.submit(f"docker run {dash}rm {dash}d ${{CONTAINER_NAME}} ${{IMAGE_NAME}} /bin/bash")
    assert answered.verdict.verdict == "partial"  # --rm and -d are extra: read as flags, not words
    assert {d.typed for d in answered.verdict.differences if d.kind == "extra"} == {"--rm", "-d"}
    lines = study_lines(T("en"), answered)
    said = [line for line in lines if f"{dash}rm" in line]
    assert len(said) == 1 and "--rm" in said[0] and f"{dash}d" in said[0] and "-d" in said[0]
    assert any(f"{dash}rm" in line for line in study_lines(T("ja"), answered))


def test_an_esc_typed_into_an_answer_is_kept_shown_as_caret_and_said(db):
    """ESC pressed in the answer (alone: not Alt+key) goes into the line as a character, which
    prompt_toolkit shows as ^[; the feedback says it was typed and left out of the grading."""
    from types import SimpleNamespace

    from prompt_toolkit.buffer import Buffer
    from prompt_toolkit.keys import Keys

    from dockquiz.explain_view import study_lines
    from dockquiz.i18n import T
    from dockquiz.tui.app import answer_keys

    binding = next(b for b in answer_keys().bindings if b.keys == (Keys.Escape,))
    assert not binding.eager()  # Alt+f and the like still mean what they mean
    buffer = Buffer()
    buffer.insert_text("docker p")
    binding.handler(SimpleNamespace(current_buffer=buffer))
    buffer.insert_text("ull nginx")
    assert buffer.text == "docker p\x1bull nginx"
    s = session(db)
    s.next()
    answered = s.submit(buffer.text)
    assert answered.typed == buffer.text  # kept as typed (the history holds it too)
    said = [line for line in study_lines(T("en"), answered) if "ESC" in line]
    assert len(said) == 1 and "docker p^[ull nginx" in said[0]
    out = io.StringIO()
    from dockquiz.tui.plain import PlainFace

    PlainFace(s, T("ja"), json_mode=False, stdin=io.StringIO(""), stdout=out).feedback(answered)
    assert "docker p^[ull nginx" in out.getvalue() and "\x1b" not in out.getvalue() and "ESC" in out.getvalue()


# --- the TUI through prompt_toolkit's pipe input ----------------------------------------------


def test_tui_through_pipe_input(db):
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from rich.console import Console

    from dockquiz.i18n import T
    from dockquiz.tui.app import TerminalFace

    screen = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text("docker image pull -q nginx\r")  # partial: -q is extra (a line docker takes)
        pipe.send_text("c")  # close enough: keep my form
        pipe.send_text("\t")  # hint on the next card: completes the line to "docker "
        pipe.send_text("\x03")  # Ctrl-C: end (Ctrl-D deletes on a line with text)
        face = TerminalFace(
            session(db), T("en"), console=Console(file=screen, width=80, no_color=True), input=pipe, output=DummyOutput()
        )
        assert face.run() == 0
    text = screen.getvalue()
    assert "Download ${IMAGE_NAME}" in text
    assert "partly right" in text and "extra: -q" in text
    assert "close enough" in text and "hint: docker" in text
    assert "Done: 1 answered" in text
    with db.session() as db_s:
        assert db_s.scalar(select(Review)).rating == 3


def test_option_and_meaning_of_one_command_are_not_back_to_back(db):
    s = session(db, new_limit=40)
    previous = None
    for _ in range(30):
        view = s.next()
        if view is None:
            break
        if previous is not None and previous.kind in ("option", "meaning") and view.kind in ("option", "meaning"):
            assert previous.command != view.command or previous.id == view.id, (previous.answer, view.answer)
        s.submit("")
        s.rate(3)
        previous = view


def test_option_cards_of_one_command_are_spread_within_the_days_twenty_new_cards(db):
    """The built-in deck's first 20 new cards, one of each note item (the examples and
    meaning cards of these wait for another day): the options of docker run come between
    other commands rather than in a row."""
    s = session(db)
    shown, groups = [], []
    while (view := s.next()) is not None and len(shown) < 40:
        if view.state == "new":
            shown.append((view.kind, view.command))
            groups.append(s._item.group)
        s.submit("x" if view.kind != "meaning" else "1")
        s.rate(3)
    items = [g for g in groups if g is not None]  # cards of no note item (a Dockerfile line)
    assert len(shown) == 20 and len(set(items)) == len(items) and ("option", "docker run") in shown
    assert not [a for a, b in zip(shown, shown[1:]) if a == b == ("option", "docker run")]


def test_skipping_an_option_card_buries_its_meaning_card_which_would_show_its_answer(db):
    """The meaning card of -i shows '-i' beside its description: after skipping the option
    card (description -> flag) it would give that card's answer away. Both wait for tomorrow,
    in this session and the next one of the day."""
    clock = SettableClock(T0, JST)
    s = session(db, clock, new_limit=100)
    while (view := s.next()).kind != "option":
        s.submit("x")
        s.rate(3)
    skipped = (view.command, view.answer.split()[0])
    s.skip()
    shown = []
    while (view := s.next()) is not None and len(shown) < 100:
        shown.append((view.kind, view.command, view.prompt["ja"].split()[0]))
        s.submit("x" if view.kind != "meaning" else "1")
        s.rate(4)
    # every card of the day came (the skipped option's meaning card, held for the end as its
    # sibling, would have come last: the answered options' meaning cards are buried by their answers)
    assert view is None and ("meaning", *skipped) not in shown
    later = session(db, clock, new_limit=100)
    while (view := later.next()) is not None:
        assert (view.kind, view.command, view.prompt["ja"].split()[0]) != ("meaning", *skipped)
        later.skip()
    clock.set(T0 + timedelta(days=1))
    tomorrow = session(db, clock, new_limit=100)
    came = []
    while (view := tomorrow.next()) is not None and len(came) < 100:
        came.append((view.kind, view.command, view.prompt["ja"].split()[0], view.answer.split()[0]))
        tomorrow.skip()
    assert ("option", skipped[0]) in {(k, c) for k, c, _, _ in came}


def test_the_sessions_summary_says_what_stats_then_shows_for_it(db):
    """The closing summary's answers, correct ones and time are the figures `stats` reads back
    for the same session: time answering (each card's answer time, as stats and Anki count
    it, not the minutes spent reading feedback), and an answer counted correct by what its
    history says (a 'close enough' keeps the grader's partial)."""
    from dockquiz.progress.stats import learner_stats

    now = [0.0]
    s = StudySession(db, SettableClock(T0, JST), scheduler=Scheduler(fuzz=False), monotonic=lambda: now[0])
    s.next()
    now[0] += 7.5  # typing
    s.submit("docker pull nginx")
    now[0] += 60  # reading the feedback
    s.rate(3)
    s.next()
    now[0] += 4.0
    s.submit("docker search --limit 5 nginx")  # partial, accepted as close enough
    s.accept_variant()
    s.rate()
    now[0] += 30
    summary = s.summary()
    today = learner_stats(db, T0, JST)["today"]
    assert (summary["reviewed"], summary["correct"], summary["seconds"]) == (today["reviews"], today["correct"], today["seconds"])
    assert today == {"reviews": 2, "correct": 1, "seconds": 11}
    assert summary["correct_pct"] == 50


def test_a_card_whose_grading_fails_is_one_error_and_the_session_goes_on(db, monkeypatch):
    """A bug in grading one card: an `error` event naming it with its answer, the card is put
    aside, the next card comes, earlier answers stay saved, the session ends with a summary."""
    from dockquiz.i18n import T
    from dockquiz.study import session as session_module
    from dockquiz.tui.plain import PlainFace

    real = session_module.grade

    def flaky(expected, typed, **kw):
        if typed == "boom":
            raise RuntimeError("a grading bug")
        return real(expected, typed, **kw)

    monkeypatch.setattr(session_module, "grade", flaky)
    s = session(db)
    out = io.StringIO()
    PlainFace(s, T("en"), json_mode=True, stdin=io.StringIO("docker pull nginx\n\nboom\ndocker ps\n\n"), stdout=out).run()
    events = [json.loads(line) for line in out.getvalue().splitlines()]
    kinds = [e["event"] for e in events]
    assert kinds[:3] == ["card", "verdict", "scheduled"]
    failed = events[4]
    assert failed["event"] == "error" and failed["id"] == events[3]["id"] and "docker" in failed["message"]
    assert events[3]["command"] is not None and "answer" not in events[3]  # not given away before
    assert kinds[5] == "card" and events[5]["id"] != failed["id"]
    assert kinds[-1] == "summary" and events[-1]["reviewed"] == 2
    with db.session() as db_s:
        assert len(db_s.scalars(select(Review)).all()) == 2


def test_a_card_answered_elsewhere_is_said_before_grading(db, sample_notes):
    a, b = session(db), session(db)
    shown = a.next()
    assert b.next().id == shown.id
    b.submit("docker pull nginx")
    b.rate()
    with pytest.raises(ConflictError):
        a.submit("docker pull nginx")  # before a ✓ that could not be saved
    assert a.pending is None and a.next().id != shown.id
    with db.session() as s:
        assert len(s.scalars(select(Review)).all()) == 1


def test_a_reimport_that_changes_nothing_leaves_the_card_on_screen_valid(db, sample_notes):
    s = session(db)
    view = s.next()
    report = import_notes(db, sample_notes, now=T0 + timedelta(minutes=1))
    assert report.updated == 0 and report.added == 0
    assert s.submit("docker pull nginx").verdict.correct
    assert s.rate().id == view.id


def test_siblings_are_not_shown_the_same_day(db):
    """A command's example, and an option's meaning card, are buried for the day once the
    other was answered (a new user saw "-p: what does it do?" right after the option card
    whose answer is -p): not shown later in the session, nor in another session that day,
    even when nothing else is left; the next day they come."""
    s = session(db, new_limit=200)
    shown = []
    while (view := s.next()) is not None and len(shown) < 200:
        shown.append(view)
        s.submit(view.answer)
        s.rate(3)  # the clock stands still: learning cards wait, the day's new cards all come

    def flag(view):
        return (view.answer if view.kind == "option" else view.prompt["ja"]).split()[0]

    options = {(v.command, flag(v)) for v in shown if v.kind == "option"}
    assert options and not [v for v in shown if v.kind == "meaning" and (v.command, flag(v)) in options]
    meanings = {(v.command, flag(v)) for v in shown if v.kind == "meaning"}
    assert not [v for v in shown if v.kind == "option" and (v.command, flag(v)) in meanings]
    pull = next(v for v in shown if v.kind == "command" and v.command == "docker pull")
    assert not [v for v in shown if v.kind == "example" and v.command == "docker pull" and v.section == pull.section]
    summary = s.summary()  # said as buried siblings, not as new cards the daily limit keeps back
    assert summary["siblings"] >= len(options) and summary["new_waiting"] == 0 and summary["left"]["new"] == 0
    again = session(db, new_limit=200)  # another session the same day: still buried
    later = []
    while (view := again.next()) is not None and len(later) < 200:
        later.append(view)
        again.submit(view.answer)
        again.rate(3)
    assert not [v for v in later if v.kind == "meaning" and (v.command, flag(v)) in options]
    with db.session() as db_s:
        rows = db_s.execute(select(Card.id, Card.command, Card.prompt_ja).where(Card.kind == "meaning")).all()
    theirs = {cid for cid, command, prompt in rows if (command, prompt.split()[0]) in options}
    assert theirs
    tomorrow = session(db, SettableClock(T0 + timedelta(days=1), JST), new_limit=200)
    assert tomorrow.next() is not None
    assert theirs & {i.card_id for i in tomorrow._queue().main}  # the next day they come again


def test_hints_complete_what_was_typed_and_cap_the_rating(db):
    s = session(db)
    view = s.next()
    assert view.answer == "docker pull ${IMAGE_NAME}"
    assert s.hint("docker p") == "docker pull"  # Tab completes from what was typed
    s.submit("docker pull nginx")
    result = s.rate(4)  # easy asked, hard at best after a hint
    with db.session() as db_s:
        assert db_s.scalar(select(Review.rating).where(Review.card_id == view.id)) == 2
    assert result.rating == 2
    s2 = session(db)
    other = s2.next()
    words = other.answer.split()
    for _ in words:
        s2.hint()
    assert s2.hint() == other.answer  # the whole answer shown
    answered = s2.submit(other.answer)
    assert answered.rating == 1 and s2.rate(4).rating == 1  # rated again, whatever was pressed


def test_tab_on_an_option_card_completes_the_command_the_learner_began_with(tmp_path):
    """A new user typed `docker` on an option card of docker run and pressed Tab: the line
    became `-i `, what they typed thrown away. Grading takes `docker run -i` for `-i`, so Tab
    completes from what was typed: the command's words first (shown beside the card: no
    answer given away, the rating not capped), then the option."""
    notes = "# 起動\n\n- `docker run -it nginx`\n    - `-i` オプション : 入力を開いたままにする\n"
    s, view = _first_card_of_kind(tmp_path, notes, "option")
    assert (view.answer, view.command) == ("-i", "docker run")
    assert s.hint("docker") == "docker run" and s.rating_cap() == 4
    assert s.hint("dock") == "docker" and s.hint("run") == "run -i"
    assert s.hint("docker run") == "docker run -i" and s.rating_cap() == 1  # the whole answer shown
    s.hints_used = s.revealed = 0
    assert s.hint("") == "-i"  # nothing typed: the answer as before


def test_meaning_cards_accept_the_number_or_the_text_in_either_language(db):
    s = session(db, new_limit=100)
    meaning, view = _walk_to_a_meaning_card(db, s)
    assert s.read_choice("5") is None and s.read_choice("nonsense") is None and s.read_choice("") is None
    right = view.choices.index(view.answer)
    assert s.read_choice(str(right + 1)) == right
    assert s.read_choice(chr(ord("１") + right)) == right  # full-width digit from an IME
    assert s.read_choice(view.choices[right]) == right
    if view.choices_en:
        assert s.read_choice(view.choices_en[right].upper()) == right
        assert s.submit(view.choices_en[right]).verdict.verdict == "exact"


def test_ctrl_c_at_the_rating_saves_nothing(db):
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from rich.console import Console

    from dockquiz.i18n import T
    from dockquiz.tui.app import TerminalFace

    screen = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text("docker pull nginx\r")
        pipe.send_text("\x03")  # Ctrl-C at the rating
        face = TerminalFace(
            session(db), T("en"), console=Console(file=screen, width=80, no_color=True), input=pipe, output=DummyOutput()
        )
        assert face.run() == 0
    assert "Not rated: this card was not saved." in screen.getvalue()
    with db.session() as db_s:
        assert db_s.scalar(select(func.count()).select_from(Review)) == 0


def test_plain_asks_again_for_a_choice_that_is_not_one(db, capsys, monkeypatch):
    from dockquiz.i18n import T
    from dockquiz.tui.plain import PlainFace

    s = session(db, new_limit=100)
    meaning, view = _walk_to_a_meaning_card(db, s)
    right = view.choices.index(view.answer) + 1
    out = io.StringIO()
    PlainFace(s, T("en"), json_mode=True, stdin=io.StringIO(f"5\nwhat\n{right}\n\n"), stdout=out).run()
    events = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [e["event"] for e in events[:6]] == ["card", "error", "card", "error", "card", "verdict"]
    assert "1-4" in events[1]["message"]
    verdict = next(e for e in events if e["event"] == "verdict")
    assert verdict["verdict"] == "exact" and verdict["id"] == meaning.id


def test_close_enough_keeps_the_form_not_the_values_and_history_keeps_the_verdict(db):
    s = session(db, new_limit=100)
    with db.session() as db_s:
        run = db_s.scalar(select(Card).where(Card.kind == "command", Card.command == "docker run"))
    while (view := s.next()).id != run.id:
        s.submit("")
        s.rate(3)
    typo = s.submit("docker rn " + " ".join(view.answer.split()[2:]))
    assert typo.verdict.verdict == "typo" and not typo.close_enough_allowed  # the CLI refuses `rn`
    s.retract()
    words = view.answer.split()
    partial = s.submit(" ".join(w for w in words if not w.startswith("$")) + " web ubuntu")
    assert partial.verdict.verdict == "partial" and partial.close_enough_allowed
    accepted = s.accept_variant()
    marks = [w for w in words if w.startswith("$")]  # the notes' own placeholders, in order
    assert "web" not in accepted.accepted_variant and accepted.accepted_variant.split()[-2:] == marks
    s.rate()
    with db.session() as db_s:
        review = db_s.scalar(select(Review).where(Review.card_id == run.id))
        assert review.verdict == "partial"  # what the grader said, not "correct"


def test_counts_are_right_after_skip_answer_undo(db):
    s = session(db)
    assert s.next().counts["new"] == 20
    s.skip()
    assert s.next().counts["new"] == 20  # a skipped new card is buried: the next one takes its place
    s.submit("docker ps")
    s.rate(3)
    s.undo()
    assert s.next().counts == {"new": 20, "learning": 0, "review": 0}


@pytest.mark.parametrize("rating", [3, 4])
def test_new_n_shows_n_new_cards_a_skipped_one_not_counted(db, rating):
    """`study --new 3`: three new cards answered in the session, whatever the ratings (easy
    ones leave today's queue: the queue built again must not bring three more), and a
    skipped card is not one of them."""
    s = session(db, new_limit=3)
    skipped = s.next().id
    s.skip()
    answered = []
    while (view := s.next()) is not None and len(answered) < 10:
        if view.state == "new":
            answered.append(view.id)
        s.submit("x")
        s.rate(rating)
        if rating == 3:  # learning cards come back in 10 min: the new ones are what counts here
            if s.remaining()["new"] == 0:
                break
    assert len(answered) == 3 and skipped not in answered
    assert s.summary()["new_limit"] == 3


def test_the_daily_limit_does_not_count_a_skipped_card_either(db):
    from dockquiz.storage import repo

    with db.session() as db_s:  # `dockquiz config new 2`
        prof = repo.profile(db_s, T0)
        prof.settings = {**(prof.settings or {}), "new_per_day": 2}
    s = session(db)
    assert s.next().counts["new"] == 2
    s.skip()
    assert s.next().counts["new"] == 2  # the next new card takes its place
    s.submit("x")
    s.rate(4)
    s.next()
    s.submit("x")
    s.rate(4)
    assert s.next() is None and s.summary()["new_waiting"] > 0


@pytest.mark.parametrize(
    "kind, answer, values",
    [
        ("command", "docker run ${CONTAINER_NAME} ${IMAGE_NAME} /bin/bash", ["/bin/bash"]),
        ("command", "git stash apply stash@{1}", ["stash@{1}"]),
        ("command", "git log --oneline --graph --all", []),  # --all is read as a revision, but typed as a flag
        ("command", "git push origin HEAD", ["origin", "HEAD"]),
        ("command", "docker ps", []),
        ("command", "grep -e ta -e wa notes.txt", ["ta", "wa", "notes.txt"]),  # no grammar for grep
        ("command", "streamlit run app.py", ["app.py"]),
        ("example", "docker run -d -p 80:8888 --name web nginx", ["80:8888", "web", "nginx"]),
        ("dockerfile", "FROM golang:1.22 AS build", ["golang:1.22", "build"]),
        ("dockerfile", "WORKDIR /src", ["/src"]),
        # the command a RUN/CMD line runs shows its values, never its command words
        ("dockerfile", "RUN apt-get update && apt-get install -y curl", ["curl"]),
        ("dockerfile", 'CMD ["go", "run", "."]', ["."]),
        ("dockerfile", 'CMD ["redis-server"]', []),
        ("dockerfile", "RUN --mount=type=cache,target=/root/.m2 mvn package", []),
        ("meaning", "バックグラウンドで実行", []),
        # a kind of thing is part of the command, not a value; a placeholder is shown on its own
        ("example", "kubectl get pods -o wide", ["wide"]),
        ("example", "kubectl scale --replicas=3 deployment web", ["3", "web"]),
        ("example", "kubectl get pods,svc", []),
        ("example", "kubectl logs -f deploy/web", ["deploy/web"]),
        ("example", "docker run -v $(pwd):/app ${IMAGE}", ["$(pwd):/app"]),
    ],
)
def test_values_say_what_the_prompt_does_not_and_never_the_whole_answer(kind, answer, values):
    from dockquiz.grading.forms import card_values

    assert card_values(kind, answer) == values


def test_plain_hint_shows_more_and_asks_the_same_card_again(db):
    from dockquiz.i18n import T
    from dockquiz.tui.plain import PlainFace

    s = session(db)
    first = s.next()
    out = io.StringIO()
    code = PlainFace(s, T("en"), json_mode=True, stdin=io.StringIO(f":hint\n{first.answer}\n\n"), stdout=out).run()
    events = [json.loads(line) for line in out.getvalue().splitlines()]
    assert code == 0
    assert [e["event"] for e in events[:5]] == ["card", "hint", "card", "verdict", "scheduled"]
    assert events[1]["text"] == first.answer.split()[0] and events[2]["id"] == events[3]["id"] == first.id
    assert events[4]["rating"] == "hard"  # a hinted answer rates hard at best


def test_new_cards_come_in_note_order(tmp_path):
    """Commands of one section that are not examples of each other keep the notes' order."""
    from dockquiz.storage.db import open_database

    notes = tmp_path / "k8s.md"
    notes.write_text(
        "## Pod\n\n- 一覧\n  ```\n  kubectl get pods\n  ```\n- 詳しく一覧: `kubectl get pods -o wide`\n"
        "- 詳細: `kubectl describe pod <pod>`\n- ログ: `kubectl logs -f <pod>`\n",
        encoding="utf-8",
    )
    db = open_database()
    import_notes(db, notes, now=T0)
    s = session(db)
    shown = []
    while (view := s.next()) is not None and len(shown) < 10:
        shown.append(view.answer)
        s.submit("x")
        s.rate(3)
    assert shown[:4] == ["kubectl get pods", "kubectl get pods -o wide", "kubectl describe pod <pod>", "kubectl logs -f <pod>"]


def test_an_english_screen_shows_a_meaning_cards_right_choice_in_english(db):
    """The verdict quotes the choice as it was offered on the screen, not the notes' Japanese."""
    from dockquiz.i18n import T
    from dockquiz.tui.plain import PlainFace

    s = session(db, new_limit=100)
    meaning, view = _walk_to_a_meaning_card(db, s)
    assert view.choices_en and view.choices_en != view.choices
    right = view.choices.index(meaning.answer)
    face = PlainFace(s, T("en"), json_mode=False, stdout=io.StringIO())
    face.show(view)
    face.stdout = out = io.StringIO()
    face.feedback(s.submit("1" if right else "2"))  # a wrong choice: the right one is quoted
    text = out.getvalue()
    assert f"answer: {view.choices_en[right]}" in text
    assert not any("\u3040" <= ch <= "\u9fff" for ch in text), text  # no Japanese the screen did not show
    out = io.StringIO()
    PlainFace(s, T("both"), json_mode=False, stdout=out).feedback(s.pending)
    assert meaning.answer in out.getvalue() and view.choices_en[right] in out.getvalue()


def test_values_read_as_values_on_their_own_line():
    from dockquiz.i18n import T
    from dockquiz.study.session import CardView
    from dockquiz.tui.text import prompt_lines

    view = CardView(
        id=1,
        kind="example",
        deck="d",
        section=[],
        prompt={"ja": "ビルド", "en": "Build"},
        command="docker build",
        placeholders=[],
        hints={},
        choices=None,
        values=["myimg", ".", "first commit"],
        state="new",
        position=1,
        counts={},
        answer="docker build -t myimg .",
    )
    assert 'use these values: myimg  "."  "first commit"' in prompt_lines(T("en"), view)


@pytest.mark.parametrize(
    "typed, answer, form",
    [
        ("kubectl exec -ti mypod -- bash", "kubectl exec -it ${POD_NAME} -- /bin/bash", "kubectl exec -ti ${POD_NAME} -- bash"),
        ("docker run -i -t web ubuntu bash", "docker run ${C} ${I} /bin/bash", "docker run -i -t ${C} ${I} bash"),
        ("kubectl logs -f web -c app", "kubectl logs <pod> -c app", "kubectl logs -f <pod> -c app"),  # as written
        ("docker run --detach nginx:1.27", "docker run -d nginx", "docker run --detach nginx:1.27"),  # no placeholder
    ],
)
def test_a_close_enough_form_is_general_only_where_the_answer_has_placeholders(typed, answer, form):
    from dockquiz.grading.forms import general_form

    assert general_form(typed, answer) == form
    variant = general_form(typed, answer)
    assert not grade(variant, typed.rsplit(" ", 1)[0] + " reboot", kind="command").correct  # never any program


def test_an_answer_shows_an_example_of_its_own_command_only(db, tmp_path):
    """The example beside an answer is one of the same command from the same section: the
    sample's `docker pull` gets its `docker pull pytorch/pytorch`; a section's code block of other
    commands is no example of the bullets above it."""
    s = session(db)
    assert s.next().answer == "docker pull ${IMAGE_NAME}"
    assert s.submit("docker pull nginx").example == "docker pull pytorch/pytorch"
    notes = tmp_path / "mixed.md"
    notes.write_text(
        "# Made-up notes\n\n## Everyday\n\n- Download the providers: `terraform init`\n"
        "- Apply without the prompt: `terraform apply -auto-approve`\n\n"
        "```sh\nterraform fmt -recursive\n# rewrite every file in the canonical style\n"
        "terraform state list\n# list the resources in the state\n```\n",
        encoding="utf-8",
    )
    import_notes(db, notes, now=T0)
    s = session(db, deck="mixed")
    view = s.next()
    assert (view.kind, view.answer) == ("command", "terraform init")
    assert s.submit("terraform init").example is None


def test_the_days_new_cards_hold_one_card_of_a_note_item_while_other_new_cards_wait(db):
    """Every answer rated again (the new learner's walk): the day's twenty new cards are
    twenty note items (no example right after its command, no meaning card right after its
    option card) while the deck has more new cards waiting beyond the limit."""
    s = session(db)
    groups = []
    while (view := s.next()) is not None and len(groups) < 40:
        if view.state == "new":
            groups.append(s._item.group)
        s.submit("")
        s.rate(1)
        if s.waiting() is not None:
            break
    assert len(groups) == 20 and s.summary()["new_waiting"] > 0
    items = [g for g in groups if g is not None]
    assert len(set(items)) == len(items), items


def test_suspending_a_card_already_suspended_says_so(tmp_path, capsys):
    notes = tmp_path / "logs.md"
    notes.write_text("# ログ\n\n- `docker logs -f ${CONTAINER}`\n    - `-f` オプション : ログを追い続ける\n", "utf-8")
    run_cli(capsys, "import", str(notes))
    assert run_cli(capsys, "--lang", "en", "suspend", "1").out.strip() == "1 card(s) suspended"
    assert run_cli(capsys, "--lang", "en", "suspend", "1", "2").out.split("\n")[:2] == [
        "1 card(s) suspended",
        "1 card(s) already suspended",
    ]
    assert "すでに保留" in run_cli(capsys, "--lang", "ja", "suspend", "1").out
    assert run_cli(capsys, "--lang", "en", "unsuspend", "1", "2").out.strip() == "2 card(s) back in study"
    assert run_cli(capsys, "--lang", "en", "unsuspend", "1").out.strip() == "1 card(s) already in study"


def test_a_session_that_answered_nothing_says_so_not_zero_percent_correct(capsys, monkeypatch):
    for lang, words in (("en", "Done: nothing answered"), ("ja", "終了: 回答なし")):
        monkeypatch.setattr("sys.stdin", io.StringIO(""))
        out = run_cli(capsys, "--lang", lang, "study", "--plain").out
        assert words in out and "0%" not in out, out
    from functools import partial

    from dockquiz.i18n import translate
    from dockquiz.tui.plain import summary_line

    one = {"reviewed": 1, "correct_pct": 100, "seconds": 61}
    assert summary_line(partial(translate, lang="en"), one) == "Done: 1 answered, 100% correct, 1 min 1 s"


def test_a_meaning_cards_other_choices_are_written_as_its_right_one_is(tmp_path):
    """The notes' lower-case words among the help's capitalised ones would give the right choice
    away: the other choices take its first letter's case and its closing full stop."""
    s, view = _first_meaning_card(tmp_path, "# logs\n\n- `docker logs -f web`\n    - `-f`: keep following the output\n")
    assert view.answer == "keep following the output" and len(set(view.choices_en)) == 4
    assert all(c[:1].islower() and not c.endswith(".") for c in view.choices_en), view.choices_en
    right = view.choices.index(view.answer) + 1
    assert s.submit(str(right)).verdict.verdict == "exact"
    from dockquiz.study.session import look_alike

    assert look_alike("Show extra details.", "keep it") == "show extra details"
    assert look_alike("show the logs", "Keep it.") == "Show the logs."
    assert look_alike("CPU shares", "keep it") == "CPU shares"  # an initialism keeps its case
    assert look_alike("Keep it", "keep it") == "keep it"  # the caller keeps the other's own text then


def test_a_japanese_meaning_cards_other_choices_are_japanese_where_any_are(tmp_path):
    """A new user's kubectl card: Japanese notes' words for -c among two of the help's English
    lines made the right choice one of the only two Japanese ones. The others are Japanese words
    (the grammar's, then other decks' or a well-known command's) wherever there are enough."""
    from dockquiz.i18n import has_japanese

    notes = "# ログ\n\n- `kubectl logs web-0 -c app -f`\n    - `-c` : コンテナ名を指定\n    - `-f` : ログを流し続ける\n"
    _, view = _first_meaning_card(tmp_path, notes)
    assert len(set(view.choices)) == 4 and all(has_japanese(c) for c in view.choices), view.choices


_DOCKER_DECK = """# コンテナ

- `docker run -it -p 8080:80 nginx`
    - `-p` オプション : ホストのポートをつなぐ
    - `-t` オプション : 端末を割り当てる
    - `-i` オプション : 入力を開いたままにする
"""

_SERVER_DECK = """# サーバー

## 鍵で入る

- `ssh -i ~/.ssh/key user@host`
    - `-i` オプション : 鍵ファイルを指定する

## 取り消す

- `git reset --hard HEAD~1`
    - `--hard` オプション : 作業ツリーも戻す

## 直す

- `git commit --amend`
    - `--amend` オプション : 直前のコミットをやり直す
"""


def _meaning_cards_of(tmp_path, decks: dict[str, str], study: str) -> dict[str, object]:
    """Import each deck, study ``study`` answering every card: the meaning cards' views by command."""
    from dockquiz.storage.db import open_database

    db = open_database()
    for name, text in decks.items():
        path = tmp_path / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        import_notes(db, path, now=T0)
    with db.session() as db_s:  # an option answered first buries its meaning card for the day: set aside
        db_s.execute(update(Card).where(Card.kind == "option").values(status="suspended"))
    s = session(db, deck=study, new_limit=100)
    views = {}
    while (view := s.next()) is not None:
        if view.kind == "meaning":
            views[view.command] = view
        s.submit("x")
        s.rate(3)
    return views


def test_a_meaning_cards_other_choices_are_of_its_own_program_never_another_decks_program(tmp_path):
    """A new user's ssh -i and git reset --hard cards offered docker run's -p and -t words from
    the built-in deck: the question answered itself. The other choices are the same command's
    (its notes', its grammar's), then the same program's (its other commands' notes), written
    as the right one is; a program with no other words in that language (ssh here: its help is
    English) takes the deck's other notes' words before another deck's, never a choice in
    another language beside Japanese (a later new user: the one Japanese choice was the answer)."""
    from dockquiz.i18n import has_japanese

    views = _meaning_cards_of(tmp_path, {"box": _DOCKER_DECK, "srv": _SERVER_DECK}, "srv")
    docker_words = {"ホストのポートをつなぐ", "端末を割り当てる", "入力を開いたままにする"}
    ssh, reset = views["ssh"], views["git reset"]
    assert len(set(ssh.choices)) == 4 and len(set(reset.choices)) == 4
    assert not docker_words & set(reset.choices), reset.choices  # this deck's words before another deck's
    # ssh: no other Japanese words of its own: this deck's notes first (git's), then another deck's
    assert all(has_japanese(c) for c in ssh.choices), ssh.choices
    assert {"作業ツリーも戻す", "直前のコミットをやり直す"} <= set(ssh.choices), ssh.choices
    assert not any(has_japanese(c) or c.startswith("An option of") for c in ssh.choices_en), ssh.choices_en
    # git reset: its grammar's Japanese words and the notes' other git command, then the deck's
    # other Japanese words (ssh's) before its grammar's English
    assert "直前のコミットをやり直す" in reset.choices and "インデックスと作業ツリーはそのままにする" in reset.choices
    assert all(has_japanese(c) for c in reset.choices), reset.choices


def test_the_summary_of_a_deck_session_counts_that_decks_cards_due_now_and_skipped(tmp_path):
    """A new user quit `study --deck NAME` while `cards --due` listed 3 of its cards due: the
    summary said the first came back in 5 minutes (the next card due *after* now), and
    `"skipped": 1` for a card skipped in another deck's session. The summary counts the
    session's own scope: its first card due (due now here) and its own skipped cards."""
    from dockquiz.i18n import T
    from dockquiz.storage.db import open_database
    from dockquiz.tui.plain import next_due_line

    db = open_database()
    for name, text in {"box": _DOCKER_DECK, "srv": _SERVER_DECK}.items():
        path = tmp_path / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        import_notes(db, path, now=T0)
    clock = SettableClock(T0, JST)
    first = session(db, clock, deck="srv", new_limit=4)
    for rating in (1, 1, 1, 3):  # three again (due in a minute), one good (due in ten)
        first.next()
        first.submit("x")
        first.rate(rating)
    first.close()
    other = session(db, clock, deck="box")
    other.next()
    other.skip()  # another deck's card skipped until tomorrow
    assert other.summary()["skipped"] == 1
    other.close()
    clock.set(T0 + timedelta(minutes=5))
    s = session(db, clock, deck="srv", new_limit=0)
    summary = s.summary()
    # srv: 9 cards (3 commands, their options and meanings), 4 answered (ssh and its -i, git reset
    # and its --hard: their two meaning cards buried as siblings, not kept back by the limit)
    assert summary["left"]["learning"] == 4 and summary["skipped"] == 0
    assert (summary["new_waiting"], summary["siblings"]) == (3, 2)
    assert datetime.fromisoformat(summary["next_due"]) == T0 + timedelta(minutes=1)
    assert "the first is due again now" in next_due_line(T("en"), summary, clock.now())


def test_a_form_stored_with_numbered_placeholders_is_shown_and_taken_back_by_the_notes_names(db, capsys):
    """Forms were first stored as `${1}`: `card ID` shows the answer's own placeholder there
    (`${IMAGE_NAME}`), and `--remove-variant` takes either spelling."""
    from dockquiz.grading.forms import named_form

    assert named_form("docker run -i ${1} ${2}", "docker run ${C} ${I} /bin/bash") == "docker run -i ${C} ${I}"
    assert named_form("run.sh ${1} ${3}", "run.sh ${1} <x>") == "run.sh ${1} ${3}"  # the answer's own ${1}; no third
    with db.session() as db_s:
        card = db_s.scalar(select(Card).where(Card.answer == "docker pull ${IMAGE_NAME}"))
        card.variants = ["docker pull -q ${1}", "docker pull -a ${1}"]
        db_s.commit()
        card_id = card.id
    shown = run_cli(capsys, "--lang", "en", "card", str(card_id)).out
    assert "also accepted: docker pull -q ${IMAGE_NAME}, docker pull -a ${IMAGE_NAME}" in shown and "${1}" not in shown
    done = run_cli(capsys, "--lang", "en", "card", str(card_id), "--remove-variant", "docker pull -q ${IMAGE_NAME}")
    assert done.code == 0 and "also accepted: docker pull -a ${IMAGE_NAME}" in done.out
    again = run_cli(capsys, "--lang", "en", "card", str(card_id), "--remove-variant", "docker pull -a ${1}")
    assert again.code == 0 and "also accepted" not in again.out


GIT_BRANCH_NOTES = """# git

## ブランチ

- `git branch -D topic` : ブランチを削除する
    - `-D` オプション : マージしていなくても削除する
"""


def test_a_part_of_a_flag_standing_for_several_is_never_close_enough(tmp_path):
    """git branch's -D is --delete --force: `-d` alone is partial (--force missing), but it is
    another option, so it is never kept as a form of -D; `-d -f` is -D."""
    s, view = _first_card_of_kind(tmp_path, GIT_BRANCH_NOTES, "option")
    assert view.answer == "-D"
    part = s.submit("-d")
    assert part.verdict.verdict == "partial" and not part.close_enough_allowed
    assert part.close_enough_refusal == ("shortcut", {"flag": "-D", "means": "--delete --force"})
    from dockquiz.i18n import T
    from dockquiz.tui.text import no_close_line

    line = no_close_line(T("en"), part)
    assert line.startswith("c (close enough) is not offered here: -D stands for --delete --force") and "\n" not in line
    assert "-D は --delete --force を表します" in no_close_line(T("ja"), part)
    s.retract()
    assert s.submit("-d -f").verdict.correct
    s.retract()
    command = s.submit("git branch -d topic")  # a command card's line is read the same way
    assert command.verdict.verdict != "partial" or command.close_enough_refusal[0] == "shortcut"


@pytest.mark.parametrize("lang, said", [("en", "your answer is accepted as it stands"), ("ja", "答えはそのままで正解です")])
def test_plain_says_in_one_line_why_c_is_not_offered_and_which_keys_are(capsys, monkeypatch, lang, said):
    monkeypatch.setattr("sys.stdin", io.StringIO("docker pull nginx\nc\n3\n"))
    result = run_cli(capsys, "--lang", lang, "study", "--plain")
    line = next(line for line in result.out.splitlines() if said in line)
    assert ("1 again" in line or "1 もう一度" in line) and "u" in line
    assert "unknown rating" not in result.out and "使えません。1〜4" not in result.out
    assert result.code == 0 and result.out.count("→") == 1  # the 3 after it rated the card


def test_plain_json_says_why_c_is_not_offered_as_an_error_event(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("docker pull nginx\nc\n3\n"))
    events = [json.loads(x) for x in run_cli(capsys, "--lang", "en", "study", "--plain", "--json").out.splitlines()]
    error = next(e for e in events if e["event"] == "error")
    assert "not offered here" in error["message"] and error["id"] == events[0]["id"]
    assert any(e["event"] == "scheduled" for e in events)


def test_due_outlook_is_the_earliest_scheduled_card_and_the_new_ones_waiting():
    from dockquiz.storage.cards import due_outlook

    def item(id_, state, due):
        return {"id": id_, "state": state, "due": due, "deck": "d"}

    items = [
        item(1, "new", None),
        item(2, "review", "2026-12-09T10:00:00+00:00"),
        item(3, "learning", "2026-12-08T10:00:00+00:00"),
        item(4, "suspended", "2026-12-01T10:00:00+00:00"),  # never studied while suspended
        item(5, "new", None),
    ]
    first, new = due_outlook(items, T0)
    assert first["id"] == 3 and new == 2
    assert due_outlook([item(1, "suspended", "2026-12-01T10:00:00+00:00")], T0) == (None, 0)


@pytest.mark.parametrize(
    "lang, said",
    [
        ("en", ["Nothing is due now.", "due in 10 min (2026-11-28 09:10)", "deck docker-basics", "{n} new card(s) wait"]),
        ("ja", ["いま期限のカードはありません。", "10 分後（2026-11-28 09:10）", "デッキ docker-basics", "新しいカード {n} 枚"]),
    ],
)
def test_cards_due_with_nothing_due_says_when_the_next_card_is_and_what_waits(db, capsys, monkeypatch, lang, said):
    monkeypatch.setenv("DOCKQUIZ_NOW", T0.isoformat())
    s = session(db)
    s.next()
    s.submit("docker pull nginx")
    s.rate(3)  # learning: back in 10 minutes
    s.close()
    n = sum(1 for c in run_cli(capsys, "cards", "--json").json() if c["state"] == "new")
    result = run_cli(capsys, "--lang", lang, "cards", "--due")
    assert result.code == 0 and all(part.format(n=n) in result.out for part in said), result.out
    assert "`dockquiz study`" in result.out
    monkeypatch.setenv("DOCKQUIZ_NOW", (T0 + timedelta(minutes=11)).isoformat())
    assert "docker pull" in run_cli(capsys, "--lang", lang, "cards", "--due").out  # due: listed as before
    assert run_cli(capsys, "cards", "--due", "--json").json()  # JSON stays the list


@pytest.mark.parametrize("lang, offer", [("en", "4 easy, c close enough"), ("ja", "4 簡単、c ほぼ正解")])
def test_plain_offers_c_in_the_learners_language_punctuation_and_all(capsys, monkeypatch, lang, offer):
    monkeypatch.setattr("sys.stdin", io.StringIO("docker pull -q nginx\nc\n"))
    result = run_cli(capsys, "--lang", lang, "study", "--plain")
    assert offer in result.out and "not offered" not in result.out and "使えません" not in result.out


_SHELL_DECK = """# 接続

- `ssh user@host`
    - `-p` ポートを指定する
    - `-4` IPv4 のみを使う

## 取り消す

- `git reset --hard HEAD~1`
    - `--hard` オプション : 作業ツリーも戻す
    - `--soft` オプション : インデックスはそのまま
"""


def test_a_meaning_cards_choices_are_all_in_the_learners_language_without_a_repeated_prefix(tmp_path):
    """A new user's Japanese screen offered ssh's raw English help ("Forces ssh to use IPv4
    addresses only") beside Japanese choices, and the English one began every choice with
    "An option of `ssh`:". Each list is in one language where the deck has it (the notes'
    own Japanese descriptions: the same program's, then the deck's other ones), no choice
    carries the prefix, and the right one does not stand out by its language."""
    from dockquiz.i18n import has_japanese

    views = _meaning_cards_of(tmp_path, {"srv": _SHELL_DECK}, "srv")
    ssh = views["ssh"]
    assert len(set(ssh.choices)) == 4 and all(has_japanese(c) for c in ssh.choices), ssh.choices
    assert "IPv4 のみを使う" in ssh.choices or "ポートを指定する" in ssh.choices  # the same program's first
    assert not any(c.startswith("An option of") for c in ssh.choices_en), ssh.choices_en
    right = ssh.choices_en[ssh.choices.index(ssh.answer)]
    assert right and not has_japanese(right), ssh.choices_en
    assert not any(has_japanese(c) for c in ssh.choices_en), ssh.choices_en  # English where the deck has it
