"""The CLI's commands, declared in one table: each entry is a command's arguments (the parser
``cli.build_parser`` makes from it) and its handler, which parses what argparse left, makes one
call into the library and shows what came back. Nothing here runs SQL (a test reads it).

Only the standard library and the catalogue load with the table (``--help`` stays fast); a
handler imports what it needs."""

from __future__ import annotations

import os

from dockquiz.commands import classroom, config, deck, files, grader, notes, review
from dockquiz.commands.base import App, Command
from dockquiz.errors import UsageError
from dockquiz.i18n import T

GROUPS = (notes, review, deck, classroom, files, grader, config)
_BY_NAME = {c.name: c for group in GROUPS for c in group.COMMANDS}

# the order ``dockquiz --help`` lists them in
ORDER = (
    "import",
    "study",
    "stats",
    "cards",
    "card",
    "suspend",
    "unsuspend",
    "profiles",
    "decks",
    "deck",
    "class",
    "export",
    "backup",
    "restore",
    "optimize",
    "grade",
    "explain",
    "lint",
    "check",
    "grammar",
    "config",
)
COMMANDS: tuple[Command, ...] = tuple(_BY_NAME[name] for name in ORDER)


def run(args, t: T) -> int:
    """Run the handler the parser chose (``args.handler``), under ``--profile`` if given."""
    profile = getattr(args, "profile", None)
    for name in (profile, os.environ.get("DOCKQUIZ_PROFILE") or None):  # --profile, DOCKQUIZ_PROFILE
        if name is not None and (not name.strip() or len(name) > 100 or not name.isprintable()):
            raise UsageError("error.bad_profile", value=name)
    app = App(args, t)
    try:
        return args.handler(app) or 0
    finally:
        app.close()
