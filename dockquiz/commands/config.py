"""A profile's settings: ``config``."""

from __future__ import annotations

from dockquiz.commands.base import App, Arg, Command
from dockquiz.errors import UsageError
from dockquiz.vocabulary import SETTINGS


def cmd_config(app: App) -> int:
    from rich.text import Text

    from dockquiz.i18n import CHOICES
    from dockquiz.render import console
    from dockquiz.settings import CONFIG_KEYS, ProfileSettings, parse_config
    from dockquiz.storage import repo

    key, value = app.args.key, app.args.value
    if key is None:  # every setting and its value, as `git config --list` does
        with app.db.session() as s:
            prof = repo.find_profile(s, app.profile)
            language = prof.language if prof else None
            saved = ProfileSettings.from_dict(prof.settings if prof else None)
        out = console()
        out.print(Text(f"lang = {language or app.t('config.unset')}"))
        for name in CONFIG_KEYS:
            out.print(Text(f"{name} = {saved.config_value(name)}"))
        return 0
    if key == "lang" and value is not None and value not in CHOICES:
        raise UsageError("error.bad_lang", value=value, choices=", ".join(CHOICES))
    change = parse_config(key, value) if key != "lang" and value is not None else None
    with app.db.session() as s:
        prof = repo.profile(s, app.clock.now(), app.profile)
        if key == "lang":
            if value is not None:
                prof.language = value
            current = prof.language or app.t("config.unset")
        else:
            settings = ProfileSettings.from_dict(prof.settings)
            if change is not None:
                settings = settings.set(**dict([change]))
                prof.settings = settings.to_dict()
            current = str(settings.config_value(key))
    console().print(Text(f"{key} = {current}"))
    return 0


COMMANDS = (
    Command(
        "config",
        cmd_config,
        Arg("key", nargs="?", choices=("lang", *SETTINGS), metavar="KEY", help="help.config.key"),
        Arg("value", nargs="?", metavar="VALUE", help="help.config.value"),
    ),
)
