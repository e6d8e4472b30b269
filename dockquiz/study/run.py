"""``dockquiz study``: open the session, import the built-in deck on an empty database, pick a face."""

from __future__ import annotations

import sys

from dockquiz.errors import UsageError
from dockquiz.study.session import StudySession


def ensure_builtin_deck(app) -> list[str]:
    """On a database with no decks, import the built-in deck(s) from content/decks."""
    from dockquiz.importing import import_notes
    from dockquiz.resources import builtin_decks
    from dockquiz.storage import repo

    with app.db.session() as s:
        if repo.deck_count(s):
            return []
    names = []
    for path in builtin_decks():
        report = import_notes(app.db, path, now=app.clock.now())
        names.append(report.deck)
    return names


def run_study(app) -> int:
    args = app.args
    if args.new is not None and args.new < 0:
        raise UsageError("error.usage", detail="--new N: N >= 0", prog="dockquiz study")
    imported = ensure_builtin_deck(app)
    session = StudySession(app.db, app.clock, deck=args.deck, new_limit=args.new)
    plain = args.plain or args.json or not sys.stdin.isatty() or not sys.stdout.isatty()
    if plain:
        from dockquiz.tui.plain import PlainFace

        face = PlainFace(session, app.t, json_mode=args.json)
        if imported and not args.json:
            face.say(app.t("study.builtin", decks=", ".join(imported)))
        return face.run()
    from dockquiz.tui.app import TerminalFace

    return TerminalFace(session, app.t, imported=imported).run()
