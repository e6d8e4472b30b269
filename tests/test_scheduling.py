"""Scheduling with a frozen clock: fsrs steps and intervals, relearning, queue policy."""

from datetime import datetime, timedelta, timezone

import fsrs
from helpers import JST

from dockquiz.clock import day_start, study_day
from dockquiz.scheduling import LEARN_AHEAD, QueueItem, SchedState, Scheduler, build_queue, spread_siblings

T0 = datetime(2026, 11, 28, 0, 30, tzinfo=timezone.utc)  # 09:30 in Tokyo


def test_new_card_good_follows_fsrs_steps():
    sched = Scheduler(fuzz=False)
    s1 = sched.review(1, None, 3, T0)
    assert s1.name == "learning" and s1.due - T0 == timedelta(minutes=10) and s1.reps == 1
    s2 = sched.review(1, s1, 3, s1.due)
    assert s2.name == "review" and s2.due - s1.due >= timedelta(days=1)
    # identical to calling fsrs directly
    ref = fsrs.Scheduler(enable_fuzzing=False)
    c, _ = ref.review_card(fsrs.Card(card_id=1, due=T0), fsrs.Rating.Good, T0)
    c, _ = ref.review_card(c, fsrs.Rating.Good, c.due)
    assert (c.due, c.stability, c.difficulty) == (s2.due, s2.stability, s2.difficulty)


def test_again_in_review_goes_to_relearning_and_counts_a_lapse():
    sched = Scheduler(fuzz=False)
    s = sched.review(1, None, 3, T0)
    s = sched.review(1, s, 3, s.due)
    lapsed = sched.review(1, s, 1, s.due)
    assert lapsed.name == "relearning" and lapsed.lapses == 1
    assert lapsed.due - s.due == timedelta(minutes=10)


def test_state_round_trips():
    s = Scheduler(fuzz=False).review(7, None, 4, T0)
    assert SchedState.from_dict(s.to_dict()) == s


def item(cid, state=None, order=None, kind="command", command=None):
    return QueueItem(cid, kind, command, ("d", order if order is not None else cid), state)


def st(kind, due, reps=1):
    return SchedState(kind, 0, 1.0, 5.0, due, T0 - timedelta(days=1), reps, 0)


def test_queue_order_learning_then_most_overdue_reviews_then_new_in_note_order():
    end = T0 + timedelta(hours=18)
    items = [
        item(1),
        item(2, order=0),
        item(3, st(2, T0 - timedelta(days=1))),
        item(4, st(2, T0 - timedelta(days=5))),
        item(5, st(1, T0 + timedelta(minutes=5))),
        item(6, st(1, T0 + LEARN_AHEAD + timedelta(minutes=1))),
        item(7, st(2, end + timedelta(hours=1))),
    ]
    queue = [i.card_id for i in build_queue(items, now=T0, day_end=end, new_left=20)]
    assert queue == [4, 3, 2, 1, 5]  # learn-ahead (due in 5 min) only when nothing else is left
    due = [item(8, st(1, T0 - timedelta(minutes=1)))]
    assert [i.card_id for i in build_queue(items + due, now=T0, day_end=end, new_left=20)][0] == 8


def test_daily_new_limit():
    items = [item(i) for i in range(30)]
    end = T0 + timedelta(hours=18)
    assert len(build_queue(items, now=T0, day_end=end, new_left=20)) == 20
    assert len(build_queue(items, now=T0, day_end=end, new_left=0)) == 0


def test_buried_cards_wait():
    buried = QueueItem(1, "command", None, ("d", 1), None, T0 + timedelta(hours=1))
    assert build_queue([buried], now=T0, day_end=T0 + timedelta(hours=5), new_left=5) == []


def test_option_cards_of_one_command_not_back_to_back():
    q = [
        item(1, kind="option", command="docker run"),
        item(2, kind="option", command="docker run"),
        item(3, kind="command"),
        item(4, kind="meaning", command="docker run"),
    ]
    ids = [i.card_id for i in spread_siblings(q)]
    assert ids[:3] == [1, 3, 2]


def test_an_answered_cards_new_and_review_siblings_are_buried_for_the_day():
    """As Anki buries siblings: once a card of a note item is answered, its new and review
    siblings are not shown again that day, even when nothing else is left (a new user saw an
    option card followed at once by its own meaning card, which gives the answer away); a
    sibling in learning still comes (its steps are under way); the counts drop with them."""
    from dockquiz.scheduling import State, TodayQueue

    option = QueueItem(1, "option", "ssh", ("d", 1), None, group=("option", "-p"))
    meaning = QueueItem(2, "meaning", "ssh", ("d", 2), None, group=("option", "-p"))
    review = QueueItem(3, "meaning", "ssh", ("d", 3), st(State.REVIEW, T0 - timedelta(days=1)), group=("option", "-p"))
    learning = QueueItem(4, "example", "ssh", ("d", 4), st(State.LEARNING, T0), group=("option", "-p"))
    other = QueueItem(5, "command", "find", ("d", 5), None, group=("command", "find"))
    q = TodayQueue([option, meaning, review, learning, other], T0)
    assert q.peek(T0).card_id == 1 and q.counts() == {"new": 3, "learning": 1, "review": 1}
    q.remove(1)
    q.bury_group(option.group)
    assert q.counts() == {"new": 1, "learning": 1, "review": 0}
    shown = []
    while (pick := q.peek(T0, option)) is not None:
        shown.append(pick.card_id)
        q.remove(pick.card_id)
    assert shown == [4, 5] and not q  # never 2 or 3, not even last


def test_option_siblings_are_spread_but_shown_when_nothing_else_is_left():
    """Two option cards of one command (not one note item) with nothing between them: the
    second still comes (spread, never hidden)."""
    from dockquiz.scheduling import TodayQueue

    first, second = item(1, kind="option", command="docker run"), item(2, kind="option", command="docker run")
    example = QueueItem(3, "example", "docker pull", ("d", 3), None, group=("pull",))
    q = TodayQueue([first, second, example], T0)
    assert q.peek(T0).card_id == 1
    q.remove(1)
    assert q.peek(T0, first).card_id == 3  # not option 2 right after option 1
    q.remove(3)
    assert q.peek(T0, example).card_id == 2


def test_day_boundary_is_4am_local():
    before = datetime(2026, 11, 28, 3, 59, tzinfo=JST)
    after = datetime(2026, 11, 28, 4, 0, tzinfo=JST)
    assert study_day(before, JST).day == 27 and study_day(after, JST).day == 28
    assert day_start(after, JST) == datetime(2026, 11, 27, 19, 0, tzinfo=timezone.utc)


def test_today_queue_promotes_learn_ahead_cards_and_keeps_counts():
    from dockquiz.scheduling import TodayQueue

    soon = item(1, st(1, T0 + timedelta(minutes=5)))
    q = TodayQueue([item(2), item(3, st(2, T0 - timedelta(days=1))), soon], T0)
    assert q.counts() == {"new": 1, "learning": 1, "review": 1}
    assert q.peek(T0).card_id == 2 and [i.card_id for i in q.ahead] == [1]
    q.remove(2)
    q.remove(3)
    assert q.peek(T0) is None  # only a learning card not yet due: wait
    assert q.next_due() == T0 + timedelta(minutes=5)
    assert q.peek(T0 + timedelta(minutes=6)).card_id == 1 and q.main[0].card_id == 1
    assert q.next_due() is None
    q.remove(1)
    assert not q and q.counts() == {"new": 0, "learning": 0, "review": 0}
    q.put_back(item(4, st(1, T0 + timedelta(minutes=9))), T0)
    q.put_back(item(5, st(1, T0 + timedelta(minutes=3))), T0)
    assert [i.card_id for i in q.ahead] == [5, 4] and q.counts()["learning"] == 2
    q.study_ahead()  # the learner chose not to wait
    assert q.peek(T0).card_id == 5 and q.next_due() is None


def test_commands_of_one_section_are_siblings_only_when_one_is_the_others_example():
    """A command and an example of it (same options, other values) are one note item; two
    commands of one section that differ in their options are two things to learn."""
    from dockquiz.scheduling import sibling_group

    pull = sibling_group(1, "command", "S", "docker pull", "docker pull ${IMAGE_NAME}", "p")
    assert pull == sibling_group(1, "example", "S", "docker pull", "docker pull pytorch/pytorch", "p")
    pods = sibling_group(1, "example", "S", "kubectl get", "kubectl get pods", "p")
    assert pods != sibling_group(1, "command", "S", "kubectl get", "kubectl get pods -o wide", "p")
    port = sibling_group(1, "option", "S", "ssh", "-p", "ポートを指定する")
    assert port == sibling_group(1, "meaning", "S", "ssh", "ポートを指定する", "-p")  # an option and its meaning
    assert port == sibling_group(1, "meaning", "S", "ssh", "ポート", "-p, --port")
    assert port == sibling_group(1, "option", "S", "ssh", "-p 22", "x")
    assert port != sibling_group(1, "meaning", "S", "ssh", "IPv4", "-4")
    assert sibling_group(1, "command", "S", "kubectl get", "kubectl get pods -o=wide", "p") == sibling_group(
        1, "command", "S", "kubectl get", "kubectl get svc -o yaml", "p"
    )


def _model_peek(main: list, buried: set, after):
    """What peek returns, said the long way: the first card of the main line that is not a
    new or review sibling of a card answered this session (those are buried: never), passing
    over option siblings of ``after`` among the next ten (one of them when nothing else is)."""
    from dockquiz.scheduling import siblings

    live = [i for i in main if not _buried(i, buried)]
    fallback = None
    for index, i in enumerate(live):
        if siblings(after, i) and index < 10:
            fallback = fallback or i
            continue
        return i
    return fallback


def _buried(i, buried: set) -> bool:
    return i.group in buried and (i.state is None or i.state.name == "review")


def test_today_queue_peek_agrees_with_the_long_way_and_buries_answered_siblings():
    """Random sessions over a queue of options, meanings and commands: peek picks what the
    walk over every card would, answered note items' new and review siblings never come,
    counts stay true."""
    import random

    from dockquiz.scheduling import State, TodayQueue

    for seed in range(60):
        rnd = random.Random(seed)
        items = []
        for cid in range(1, rnd.randint(2, 40)):
            kind = rnd.choice(["option", "meaning", "command", "example"])
            command = rnd.choice(["docker run", "docker ps", "git log"])
            state = rnd.choice([None, None, st(State.REVIEW, T0 - timedelta(days=1)), st(State.LEARNING, T0)])
            group = (kind in ("option", "meaning"), command, rnd.randint(0, 3))
            items.append(QueueItem(cid, kind, command, ("d", cid), state, group=group))
        q = TodayQueue(items, T0)
        main, buried, after = list(q.main), set(), None
        while True:
            pick = q.peek(T0, after)
            assert pick == _model_peek(main, buried, after), seed
            if pick is None:
                break
            q.remove(pick.card_id)
            main.remove(pick)
            q.bury_group(pick.group)
            buried.add(pick.group)
            if rnd.random() < 0.2:  # answered into relearning, due again now
                again = QueueItem(pick.card_id, pick.kind, pick.command, pick.order, st(State.RELEARNING, T0), group=pick.group)
                q.put_back(again, T0)
                main.insert(0, again)
            after = pick
            assert sum(q.counts().values()) == len([i for i in main if not _buried(i, buried)]), seed
        assert not q


def test_remove_takes_the_card_from_whichever_line_and_place_it_is_in():
    """The head of a line (the card just answered), or a card further in: the other cards
    stay in order, the counts follow."""
    from dockquiz.scheduling import TodayQueue

    waiting = [item(n, st(1, T0 + timedelta(minutes=n))) for n in (7, 8)]
    q = TodayQueue([item(1), item(2), item(3), item(4, st(2, T0 - timedelta(days=1))), *waiting], T0)
    q.remove(2)  # inside main
    assert [i.card_id for i in q.main] == [1, 3, 4] and q.counts() == {"new": 2, "learning": 2, "review": 1}
    q.remove(8)  # the learn-ahead line's last
    q.remove(7)  # its head
    assert q.ahead == [] and q.counts()["learning"] == 0
    q.remove(1)
    q.remove(99)  # not in the queue: nothing changes
    assert [i.card_id for i in q.main] == [3, 4] and q.counts() == {"new": 1, "learning": 0, "review": 1}


def test_new_siblings_are_skipped_for_the_next_new_cards_within_the_limit():
    """As Anki buries siblings while it gathers the day's cards: a new card whose note item
    already has a card in today's queue (or one answered today) is passed over and the next
    new card beyond it is taken, within the limit; skipped siblings fill the limit only when
    no other new card is left, and then come last."""
    end = T0 + timedelta(hours=18)

    def card(cid, group):
        return QueueItem(cid, "command", None, ("d", cid), None, group=group)

    items = [card(1, "a"), card(2, "a"), card(3, "b"), card(4, "b"), card(5, "c"), card(6, "d")]
    assert [i.card_id for i in build_queue(items, now=T0, day_end=end, new_left=4)] == [1, 3, 5, 6]
    assert [i.card_id for i in build_queue(items, now=T0, day_end=end, new_left=5)] == [1, 3, 5, 6, 2]
    answered = frozenset({"c"})
    assert [i.card_id for i in build_queue(items, now=T0, day_end=end, new_left=3, answered=answered)] == [1, 3, 6]
    # a card of note item "c" answered today: c's cards are buried for the day, even to fill the limit
    assert [i.card_id for i in build_queue(items, now=T0, day_end=end, new_left=6, answered=answered)] == [1, 3, 6, 2, 4]
    c_review = QueueItem(8, "command", None, ("d", 8), st(2, T0 - timedelta(days=1)), group="c")
    c_learning = QueueItem(9, "command", None, ("d", 9), st(1, T0 - timedelta(minutes=1)), group="c")
    got = [i.card_id for i in build_queue(items + [c_review, c_learning], now=T0, day_end=end, new_left=6, answered=answered)]
    assert got == [9, 1, 3, 6, 2, 4]  # its review buried, its learning card still under way
    review = QueueItem(7, "command", None, ("d", 0), st(2, T0 - timedelta(days=1)), group="d")
    assert [i.card_id for i in build_queue(items + [review], now=T0, day_end=end, new_left=4)] == [7, 1, 3, 5, 2]
