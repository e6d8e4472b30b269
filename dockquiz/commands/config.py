"""A profile's settings: ``config``."""

from __future__ import annotations

from dockquiz.commands.base import App, Arg, Command
from dockquiz.vocabulary import SETTINGS


def cmd_config(app: App) -> int:
    from rich.text import Text

    from dockquiz.render import console
    from dockquiz.storage import config

    key, out = app.args.key, console()
    if key is None:  # every setting and its value, as `git config --list` does
        for name, value in config.values(app.db, app.profile).items():
            out.print(Text(f"{name} = {_shown(app, value)}"))
        return 0
    if app.args.value is not None:
        config.check(key, app.args.value)  # before the database is opened (or made)
    current = config.value(app.db, key, app.clock.now(), app.args.value, app.profile)
    out.print(Text(f"{key} = {_shown(app, current)}"))
    return 0


def _shown(app: App, value) -> str:
    return app.t("config.unset") if value is None else str(value)


COMMANDS = (
    Command(
        "config",
        cmd_config,
        Arg("key", nargs="?", choices=("lang", *SETTINGS), metavar="KEY", help="help.config.key"),
        Arg("value", nargs="?", metavar="VALUE", help="help.config.value"),
    ),
)
