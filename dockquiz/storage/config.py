"""A profile's settings as ``dockquiz config`` reads and sets them: the language, and the
settings ``dockquiz.settings`` parses (``vocabulary.SETTINGS``), each checked before anything
is written. Library code: takes a database, returns values (None: a language not set),
prints nothing."""

from __future__ import annotations

from datetime import datetime

from dockquiz.errors import UsageError
from dockquiz.settings import CONFIG_KEYS, ProfileSettings, parse_config
from dockquiz.vocabulary import LANGUAGES


def check(key: str, value: str) -> tuple[str, object] | None:
    """Refuse (one line) a value the key cannot take; a setting's (stored key, value)."""
    if key == "lang":
        if value not in LANGUAGES:
            raise UsageError("error.bad_lang", value=value, choices=", ".join(LANGUAGES))
        return None
    return parse_config(key, value)


def values(db, profile: str | None = None) -> dict[str, object]:
    """Every key and the profile's value (the default where not set, a damaged one as stored)."""
    from dockquiz.storage import repo

    with db.session() as s:
        prof = repo.find_profile(s, profile)
        language = prof.language if prof else None
        saved = ProfileSettings.from_dict(prof.settings if prof else None)
    return {"lang": language or None, **{key: saved.config_value(key) for key in CONFIG_KEYS}}


def value(db, key: str, now: datetime, new: str | None = None, profile: str | None = None) -> object:
    """The profile's value of ``key`` (the profile made on first use), after setting it to
    ``new`` if given."""
    from dockquiz.storage import repo

    change = check(key, new) if new is not None else None
    with db.session() as s:
        prof = repo.profile(s, now, profile)
        if key == "lang":
            if new is not None:
                prof.language = new
            return prof.language or None
        settings = ProfileSettings.from_dict(prof.settings)
        if change is not None:
            settings = settings.set(**dict([change]))
            prof.settings = settings.to_dict()
        return settings.config_value(key)
