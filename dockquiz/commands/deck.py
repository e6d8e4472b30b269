"""Decks and cards: ``decks``, ``deck rename|rm``, ``cards``, ``card``, ``suspend``, ``unsuspend``."""

from __future__ import annotations

import sys

from dockquiz.commands.base import DECK, JSON, App, Arg, Command, say, show_json, tell
from dockquiz.errors import UsageError
from dockquiz.vocabulary import CARD_STATES


def cmd_decks(app: App) -> int:
    from dockquiz.storage import repo

    with app.db.session() as s:
        rows = repo.decks_with_counts(s)
        prof = repo.readable_profile(s)
        due = repo.due_and_new(s, prof.id if prof else None, app.clock.now())
        data = [
            {
                "name": d.name,
                "source": d.source_path,
                "cards": sum(n for st, n in c.items() if st != "retired"),
                "due": due.get(d.id, (0, 0))[0],
                "new": due.get(d.id, (0, 0))[1],
                "suspended": c.get("suspended", 0),
                "retired": c.get("retired", 0),
                "updated": d.updated_at.isoformat(),
            }
            for d, c in rows
        ]
    if app.args.json:
        show_json(data)
        return 0
    from rich.table import Table

    from dockquiz.render import console

    if not data:
        console().print(app.t("decks.none"))
        return 0
    table = Table(box=None)
    for col in ("deck", "cards", "due", "new", "source"):
        table.add_column(app.t(f"decks.col.{col}"), justify="right" if col in ("cards", "due", "new") else "left")
    for d in data:
        table.add_row(d["name"], str(d["cards"]), str(d["due"]), str(d["new"]), d["source"] or "")
    console().print(table)
    return 0


def cmd_deck_rename(app: App) -> int:
    from dockquiz.storage import repo

    t, args = app.t, app.args
    new = args.new_name.strip()
    if not new:
        raise UsageError("error.deck_name_empty")
    with app.db.session() as s:
        found = repo.require_deck(s, args.name)
        repo.require_teacher(s)
        if new != found.name and repo.deck_by_name(s, new) is not None:
            raise UsageError("error.deck_exists", name=new)
        found.key_name = found.key_name or found.name  # its cards keep their keys
        found.name = new
    say(t("deck.renamed", old=args.name, new=new))
    return 0


def cmd_deck_rm(app: App) -> int:
    from sqlalchemy import delete, func, select

    from dockquiz.storage import repo
    from dockquiz.storage.tables import card, deck, review

    t, args = app.t, app.args
    with app.db.session() as s:
        found = repo.require_deck(s, args.name)
        repo.require_teacher(s)
        deck_id = found.id
        cards = s.scalar(select(func.count()).select_from(card).where(card.c.deck_id == deck_id)) or 0
        reviews = (
            s.scalar(
                select(func.count())
                .select_from(review)
                .join(card, card.c.id == review.c.card_id)
                .where(card.c.deck_id == deck_id)
            )
            or 0
        )
        mine = repo.find_profile(s)
        others, their_reviews = s.execute(  # a shared file: the deck's history is not only ours
            select(func.count(func.distinct(review.c.profile_id)), func.count())
            .select_from(review)
            .join(card, card.c.id == review.c.card_id)
            .where(card.c.deck_id == deck_id, review.c.profile_id != (mine.id if mine else -1))
        ).one()
    if not args.yes and not sys.stdin.isatty():
        raise UsageError("error.deck_rm_confirm", name=args.name)
    if others:
        tell(t("deck.rm_others", profiles=others, reviews=their_reviews))
    if not args.yes:
        sys.stdout.write(t("deck.rm_ask", name=args.name, cards=cards, reviews=reviews) + " ")
        sys.stdout.flush()
        if sys.stdin.readline().strip().lower() not in ("y", "yes", "はい"):
            say(t("deck.rm_kept", name=args.name))
            return 0
    with app.db.connect() as conn:  # reviews and states go with the cards
        conn.execute(delete(deck).where(deck.c.id == deck_id))
    say(t("deck.removed", name=args.name, cards=cards, reviews=reviews))
    return 0


def card_state_name(card, state) -> str:
    from dockquiz.scheduling.states import card_state

    return card_state(card.status, state.state if state is not None else None)


def card_dict(card, state, deck: str | None = None) -> dict:
    return {
        "id": card.id,
        "deck": deck if deck is not None else card.deck.name,
        "kind": card.kind,
        "section": card.section,
        "prompt": {"ja": card.prompt_ja, "en": card.prompt_en},
        "answer": card.answer,
        "command": card.command,
        "source_line": card.source_line,
        "status": card.status,
        "state": card_state_name(card, state),
        "due": state.due.isoformat() if state else None,
        "reps": state.reps if state else 0,
        "lapses": state.lapses if state else 0,
    }


def cmd_cards(app: App) -> int:
    from dockquiz.scheduling import LEECH_LAPSES
    from dockquiz.storage import repo

    args = app.args
    now = app.clock.now()
    with app.db.session() as s:
        deck = repo.require_deck(s, args.deck) if args.deck else None
        prof = repo.readable_profile(s)
        rows = repo.cards_with_state(s, prof.id if prof else None, deck, include_retired=args.state == "retired")
        data = []
        for card, state in rows:
            item = card_dict(card, state)
            if args.state and item["state"] != args.state:
                continue
            if args.due and not (state is not None and state.due <= now and card.status == "active"):
                continue
            if args.leeches and not (state is not None and state.lapses >= LEECH_LAPSES):
                continue
            if args.search:
                needle = args.search.lower()
                hay = " ".join([card.prompt_ja, card.prompt_en, card.answer]).lower()
                if needle not in hay:
                    continue
            data.append(item)
    if args.json:
        show_json(data)
        return 0
    from rich.table import Table

    from dockquiz.render import console

    if not data:
        console().print(app.t("cards.none"))
        return 0
    table = Table(box=None, expand=False)
    for col in ("id", "kind", "prompt", "answer", "state"):
        table.add_column(app.t(f"cards.col.{col}"), overflow="fold")
    for item in data:
        prompt = app.t.prompt(item["prompt"]["ja"], item["prompt"]["en"]).replace("\n", " / ")
        table.add_row(str(item["id"]), app.t(f"kind.{item['kind']}"), prompt, item["answer"], app.t(f"state.{item['state']}"))
    console().print(table)
    return 0


def cmd_card(app: App) -> int:
    """One card and its history, read on Core tables (no ORM to load: a script reading many
    cards one by one pays for each start)."""
    from sqlalchemy import select

    from dockquiz.errors import UnknownCard
    from dockquiz.storage import tables as tb
    from dockquiz.storage.profiles import profile_id

    c, d, cs, r = tb.card.c, tb.deck.c, tb.card_state.c, tb.review.c
    with app.db.connect() as conn:
        card = conn.execute(
            select(tb.card, d.name.label("deck_name"), d.source_path).join(tb.deck, d.id == c.deck_id).where(c.id == app.args.id)
        ).first()
        if card is None:
            raise UnknownCard("error.unknown_card", id=app.args.id)
        prof = profile_id(conn)
        state = conn.execute(select(tb.card_state).where(cs.profile_id == prof, cs.card_id == card.id)).first() if prof else None
        reviews = conn.execute(
            select(r.reviewed_at, r.typed, r.verdict, r.rating, r.duration_ms, r.state_after)
            .where(r.card_id == card.id)
            .order_by(r.reviewed_at)
        ).all()
        data = card_dict(card, state, deck=card.deck_name)
        data["variants"] = card.variants
        data["hints"] = card.hints
        data["source"] = f"{card.source_path}:{card.source_line}"
        data["history"] = [
            {
                "date": r.reviewed_at.isoformat(),
                "typed": r.typed,
                "verdict": r.verdict,
                "rating": r.rating,
                "duration_ms": r.duration_ms,
                "interval_days": _interval(r),
            }
            for r in reviews
        ]
    if app.args.json:
        show_json(data)
        return 0
    from rich.table import Table

    from dockquiz.render import console

    out = console()
    t = app.t
    from rich.text import Text

    out.print(Text.assemble((f"#{data['id']}", "bold"), f" {t('kind.' + data['kind'])}  ", (" › ".join(data["section"]), "dim")))
    out.print(t.prompt(data["prompt"]["ja"], data["prompt"]["en"]))
    out.print(Text.assemble(f"{t('card.answer')}: ", (data["answer"], "bold")))
    if data["variants"]:
        out.print(f"{t('card.variants')}: " + ", ".join(data["variants"]))
    out.print(f"{t('card.source')}: {data['source']}   {t('card.state')}: {t('state.' + data['state'])}")
    if data["history"]:
        from datetime import datetime

        from dockquiz.grading.verdict import Rating
        from dockquiz.tui.text import span

        table = Table(box=None)
        for col in ("date", "typed", "verdict", "rating", "interval"):
            table.add_column(t(f"card.col.{col}"))
        tz = app.clock.tz()
        for h in data["history"]:
            local = datetime.fromisoformat(h["date"]).astimezone(tz).strftime("%Y-%m-%d %H:%M")
            interval = span(t, h["interval_days"] * 86400) if h["interval_days"] is not None else ""
            table.add_row(
                local, Text(h["typed"]), t("verdict." + h["verdict"]), t("rating." + Rating(h["rating"]).label), interval
            )
        out.print(table)
    return 0


def _interval(review) -> float | None:
    due = (review.state_after or {}).get("due")
    if not due:
        return None
    from datetime import datetime

    return (datetime.fromisoformat(due) - review.reviewed_at).total_seconds() / 86400


def _set_status(app: App, status: str, only_from: str) -> int:
    from dockquiz.storage import repo

    with app.db.session() as s:
        cards = [repo.require_card(s, i) for i in app.args.ids]
        repo.require_teacher(s)  # a class's card is suspended for everyone
        for card in cards:
            if card.status == only_from:
                card.status = status
                card.version += 1
                card.updated_at = app.clock.now()
    from dockquiz.render import console

    console().print(app.t(f"cards.{status}", n=len(cards)))
    return 0


def cmd_suspend(app: App) -> int:
    return _set_status(app, "suspended", "active")


def cmd_unsuspend(app: App) -> int:
    return _set_status(app, "active", "suspended")


CARD_ID = Arg("id", type=int, metavar="ID", help="help.card.id")
CARD_IDS = Arg("ids", type=int, nargs="+", metavar="ID", help="help.card.id")
DECK_NAME = Arg("name", metavar="NAME", help="help.deckcmd.name")

COMMANDS = (
    Command(
        "cards",
        cmd_cards,
        DECK,
        Arg("--due", action="store_true", help="help.cards.due"),
        Arg("--state", metavar="S", choices=CARD_STATES, help="help.cards.state"),
        Arg("--search", metavar="TEXT", help="help.cards.search"),
        Arg("--leeches", action="store_true", help="help.cards.leeches"),
        JSON,
    ),
    Command("card", cmd_card, CARD_ID, JSON),
    Command("suspend", cmd_suspend, CARD_IDS),
    Command("unsuspend", cmd_unsuspend, CARD_IDS),
    Command("decks", cmd_decks, JSON),
    Command(
        "deck",
        None,
        actions=(
            Command(
                "rename",
                cmd_deck_rename,
                DECK_NAME,
                Arg("new_name", metavar="NEW", help="help.deckcmd.new"),
                help="help.deckcmd.rename",
            ),
            Command(
                "rm", cmd_deck_rm, DECK_NAME, Arg("--yes", action="store_true", help="help.deckcmd.yes"), help="help.deckcmd.rm"
            ),
        ),
    ),
)
