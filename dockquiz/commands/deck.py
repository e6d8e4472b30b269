"""Decks and cards: ``decks``, ``deck rename|rm``, ``cards``, ``card``, ``suspend``, ``unsuspend``."""

from __future__ import annotations

import sys

from dockquiz.commands.base import DECK, JSON, App, Arg, Command, say, show_json, tell
from dockquiz.errors import UsageError
from dockquiz.vocabulary import CARD_STATES


def cmd_decks(app: App) -> int:
    from dockquiz.storage import decks

    data = decks.listing(app.db, app.clock.now(), app.profile)
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
    from dockquiz.storage import decks

    new = decks.rename(app.db, app.args.name, app.args.new_name)
    say(app.t("deck.renamed", old=app.args.name, new=new))
    return 0


def cmd_deck_rm(app: App) -> int:
    from dockquiz.storage import decks

    t, args = app.t, app.args
    what = decks.removal(app.db, args.name, app.profile)
    if not args.yes and not sys.stdin.isatty():
        raise UsageError("error.deck_rm_confirm", name=args.name)
    if what.other_profiles:
        tell(t("deck.rm_others", profiles=what.other_profiles, reviews=what.their_reviews))
    if not args.yes:
        sys.stdout.write(t("deck.rm_ask", name=args.name, cards=what.cards, reviews=what.reviews) + " ")
        sys.stdout.flush()
        if sys.stdin.readline().strip().lower() not in ("y", "yes", "はい"):
            say(t("deck.rm_kept", name=args.name))
            return 0
    decks.remove(app.db, what)
    say(t("deck.removed", name=args.name, cards=what.cards, reviews=what.reviews))
    return 0


def cmd_cards(app: App) -> int:
    from dockquiz.storage import cards

    args = app.args
    data = cards.listing(
        app.db,
        app.clock.now(),
        deck=args.deck,
        state=args.state,
        due=args.due,
        leeches=args.leeches,
        search=args.search,
        profile=app.profile,
    )
    if args.json:
        show_json(data)
        return 0
    from rich.table import Table

    from dockquiz.render import console

    if not data and args.due:  # nothing due now: say when the next card is, and what waits
        for line in _nothing_due(app):
            console().print(line, soft_wrap=True)
        return 0
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


def _nothing_due(app: App) -> list[str]:
    """``cards --due`` with nothing due: that, when the next card of these filters is due (its
    id and deck), and the new cards waiting, with the command that studies them."""
    import shlex
    from datetime import datetime

    from dockquiz.storage import cards
    from dockquiz.tui.text import when

    args, t, now = app.args, app.t, app.clock.now()
    items = cards.listing(
        app.db, now, deck=args.deck, state=args.state, leeches=args.leeches, search=args.search, profile=app.profile
    )
    first, new = cards.due_outlook(items, now)
    lines = [t("cards.none_due")]
    if first is not None:
        due = datetime.fromisoformat(first["due"])
        at = due.astimezone(app.clock.tz()).strftime("%Y-%m-%d %H:%M")
        lines.append(t("cards.next_due", when=when(t, due, now), at=at, id=first["id"], deck=first["deck"]))
    if new:
        study = "dockquiz study" + (f" --deck {shlex.quote(args.deck)}" if args.deck else "")
        lines.append(t("cards.new_waiting", n=new, study=study))
    if first is None and not new:
        lines.append(t("cards.nothing_scheduled"))
    return lines


def cmd_card(app: App) -> int:
    """One card and its history (read on Core tables: no ORM to load)."""
    from dockquiz.grading.forms import named_form
    from dockquiz.storage import cards

    removed = app.args.remove_variant
    if removed is not None:  # a "close enough" form taken back, as stored or as shown
        cards.remove_variant(app.db, app.args.id, removed, named_form)
    data = cards.one(app.db, app.args.id, app.profile)
    data["variants"] = [named_form(v, data["answer"]) for v in data["variants"] or []]  # the notes' placeholders
    if app.args.json:
        show_json(data)
        return 0
    from rich.table import Table

    from dockquiz.render import console

    out = console()
    t = app.t
    from rich.text import Text

    if removed is not None:
        out.print(Text(t("card.variant_removed", form=removed)))
    out.print(Text.assemble((f"#{data['id']}", "bold"), f" {t('kind.' + data['kind'])}  ", (" › ".join(data["section"]), "dim")))
    from dockquiz.resources import is_builtin

    builtin = is_builtin(data["source"].rpartition(":")[0])  # the built-in deck's notes are not "yours"
    out.print(t.prompt(data["prompt"]["ja"], data["prompt"]["en"], builtin=builtin))
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


def _set_status(app: App, status: str, only_from: str) -> int:
    from dockquiz.render import console
    from dockquiz.storage import cards

    changed, already = cards.set_status(app.db, app.args.ids, status, only_from, app.clock.now())
    if changed or not already:
        console().print(app.t(f"cards.{status}", n=changed))
    if already:
        console().print(app.t(f"cards.already_{status}", n=already))
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
    Command("card", cmd_card, CARD_ID, Arg("--remove-variant", metavar="FORM", help="help.card.remove_variant"), JSON),
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
