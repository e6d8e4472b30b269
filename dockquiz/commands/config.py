"""A profile's settings: ``config``."""

from __future__ import annotations

from dockquiz.commands.base import App, Arg, Command
from dockquiz.errors import UsageError


def _settings() -> dict[str, tuple[str, object, type]]:
    """``config`` keys: the profile setting each is stored as, its default, its type."""
    from dockquiz.scheduling import DEFAULT_NEW_PER_DAY, DESIRED_RETENTION, optimize
    from dockquiz.storage.backup import DEFAULT_KEEP

    return {
        "new": ("new_per_day", DEFAULT_NEW_PER_DAY, int),
        "backups": ("backups", DEFAULT_KEEP, int),
        "retention": ("desired_retention", DESIRED_RETENTION, float),
        "refit": ("optimize_every", optimize.DEFAULT_EVERY, int),
    }


def cmd_config(app: App) -> int:
    from rich.text import Text

    from dockquiz.i18n import CHOICES
    from dockquiz.render import console
    from dockquiz.storage import repo

    key, value = app.args.key, app.args.value
    if key is None:  # every setting and its value, as `git config --list` does
        with app.db.session() as s:
            prof = repo.find_profile(s)
            language = prof.language if prof else None
            saved = dict((prof.settings or {}) if prof else {})
        out = console()
        out.print(Text(f"lang = {language or app.t('config.unset')}"))
        for name, (stored, default, _) in _settings().items():
            out.print(Text(f"{name} = {saved.get(stored, default)}"))
        return 0
    if key == "lang" and value is not None and value not in CHOICES:
        raise UsageError("error.bad_lang", value=value, choices=", ".join(CHOICES))
    if key == "new" and value is not None and not (value.isdigit() and int(value) <= 9999):
        raise UsageError("error.bad_new", value=value)
    if key == "backups" and value is not None and not (value.isdigit() and 1 <= int(value) <= 999):
        raise UsageError("error.bad_backups", value=value)
    if key == "refit" and value is not None and not (value.isdigit() and 1 <= int(value) <= 1_000_000):
        raise UsageError("error.bad_refit", value=value)
    if key == "retention" and value is not None:
        try:
            ok = 0.7 < float(value) < 0.99
        except ValueError:
            ok = False
        if not ok:
            raise UsageError("error.bad_retention", value=value)
    with app.db.session() as s:
        prof = repo.profile(s, app.clock.now())
        if key == "lang":
            if value is not None:
                prof.language = value
            current = prof.language or app.t("config.unset")
        else:
            name, default, kind = _settings()[key]
            settings = dict(prof.settings or {})
            if value is not None:
                settings[name] = kind(value)
                prof.settings = settings
            current = str(settings.get(name, default))
    console().print(Text(f"{key} = {current}"))
    return 0


COMMANDS = (
    Command(
        "config",
        cmd_config,
        Arg("key", nargs="?", choices=("lang", "new", "backups", "retention", "refit"), metavar="KEY", help="help.config.key"),
        Arg("value", nargs="?", metavar="VALUE", help="help.config.value"),
    ),
)
