"""A profile's settings, typed: what ``dockquiz config`` and ``dockquiz optimize`` keep for one
learner (the profile row's JSON ``settings``), parsed and checked in one place.

``ProfileSettings.from_dict`` reads what the database holds and never raises: a value that
does not parse (a database edited by hand, a bad restore) is kept as it was, and reading it
(:meth:`ProfileSettings.check`) is one error naming the setting and the command that sets it
again. ``to_dict`` writes back only what was set, unknown keys (a newer dockquiz's) as they
were. Stdlib only: the backup that runs before every command reads ``backups`` from here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Mapping

from dockquiz.errors import UsageError

DEFAULT_NEW_PER_DAY = 20  # new cards a deck shows a day
DEFAULT_KEEP = 10  # backups kept per reason
DESIRED_RETENTION = 0.9  # FSRS's default
DEFAULT_EVERY = 1000  # reviews since the last fit before study suggests fitting again
FSRS_PARAMETERS = 21  # how many numbers a fitted FSRS set holds


def _whole(low: int, high: int):
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(value)
        return value

    return check


def _retention(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.7 < value < 0.99:
        raise ValueError(value)
    return float(value)


def fitted_set(value: object) -> dict:
    """A fitted FSRS set as ``optimize.record`` writes it: a dict whose ``parameters`` are 21
    finite numbers (FSRS's own check is the scheduler's, when it is used)."""
    numbers = value.get("parameters") if isinstance(value, dict) else None
    if not (
        isinstance(numbers, list)
        and len(numbers) == FSRS_PARAMETERS
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in numbers)
    ):
        raise ValueError("not a parameter set")
    return value


def _fitted_or_none(value: object) -> dict | None:
    return None if value is None else fitted_set(value)


def _per_deck(value: object) -> Mapping[str, dict]:
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise ValueError("not a set per deck")
    return MappingProxyType({k: fitted_set(v) for k, v in value.items()})


# stored key -> (the check that parses it, the `dockquiz config` key that sets it, or None)
_PARSE: dict[str, tuple[Any, str | None]] = {
    "new_per_day": (_whole(0, 9999), "new"),
    "backups": (_whole(1, 999), "backups"),
    "desired_retention": (_retention, "retention"),
    "optimize_every": (_whole(1, 1_000_000), "refit"),
    "fsrs": (_fitted_or_none, None),
    "fsrs_decks": (_per_deck, None),
}

# `dockquiz config KEY VALUE`: the stored key, the text's type, the error for a bad value
CONFIG_KEYS: dict[str, tuple[str, type, str]] = {
    "new": ("new_per_day", int, "error.bad_new"),
    "backups": ("backups", int, "error.bad_backups"),
    "retention": ("desired_retention", float, "error.bad_retention"),
    "refit": ("optimize_every", int, "error.bad_refit"),
}


@dataclass(frozen=True)
class ProfileSettings:
    new_per_day: int = DEFAULT_NEW_PER_DAY
    backups: int = DEFAULT_KEEP
    desired_retention: float = DESIRED_RETENTION
    optimize_every: int = DEFAULT_EVERY
    fsrs: dict | None = None  # the profile's fitted FSRS set (optimize.record)
    fsrs_decks: Mapping[str, dict] = field(default_factory=lambda: MappingProxyType({}))  # a deck's own set
    stored: frozenset[str] = frozenset()  # the keys the database holds (to_dict writes only these)
    damaged: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))  # stored key -> value
    other: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))  # keys this version does not know

    @classmethod
    def from_dict(cls, raw: object) -> ProfileSettings:
        """What the database holds (None or not a dict: nothing set). Never raises."""
        raw = raw if isinstance(raw, dict) else {}
        values: dict[str, object] = {}
        damaged: dict[str, object] = {}
        for key, value in raw.items():
            if key not in _PARSE:
                continue
            try:
                values[key] = _PARSE[key][0](value)
            except ValueError:
                damaged[key] = value
        return cls(
            **values,
            stored=frozenset(values),
            damaged=MappingProxyType(damaged),
            other=MappingProxyType({k: v for k, v in raw.items() if k not in _PARSE}),
        )

    def to_dict(self) -> dict:
        """The JSON the profile row keeps: the keys set, damaged ones as they were, the rest."""
        out = dict(self.other)
        for key in _PARSE:
            if key in self.stored:
                value = getattr(self, key)
                out[key] = dict(value) if isinstance(value, Mapping) else value
            elif key in self.damaged:
                out[key] = self.damaged[key]
        return out

    def check(self, *keys: str) -> ProfileSettings:
        """Itself, or UsageError for the first damaged one of ``keys`` (all when none given):
        one line naming the setting and what sets it again."""
        for key in keys or tuple(_PARSE):
            if key in self.damaged:
                config = _PARSE[key][1]
                if config is None:
                    raise UsageError("error.fsrs_damaged")
                raise UsageError("error.setting_damaged", name=config, value=_shown(self.damaged[key]))
        return self

    def set(self, **values: object) -> ProfileSettings:
        """A copy with these stored keys set (each checked: ValueError for a bad value)."""
        parsed = {key: _PARSE[key][0](value) for key, value in values.items()}
        return replace(
            self,
            **parsed,
            stored=self.stored | parsed.keys(),
            damaged=MappingProxyType({k: v for k, v in self.damaged.items() if k not in parsed}),
        )

    def without(self, key: str) -> ProfileSettings:
        """A copy with ``key`` back to its default (nothing stored for it)."""
        return replace(
            self,
            **{key: getattr(ProfileSettings(), key)},
            stored=self.stored - {key},
            damaged=MappingProxyType({k: v for k, v in self.damaged.items() if k != key}),
        )

    def with_deck_set(self, deck: str, fitted: dict | None) -> ProfileSettings:
        """A copy where ``deck`` has this fitted set of its own (None: the profile's again)."""
        decks = {k: v for k, v in self.fsrs_decks.items() if k != deck}
        if fitted is not None:
            decks[deck] = fitted
        return self.set(fsrs_decks=decks)

    def fitted_for(self, deck: str | None = None) -> dict | None:
        """The fitted set that schedules ``deck``: its own, else the profile's; None for FSRS's
        defaults. UsageError (one line) where the one it would use is damaged."""
        self.check("fsrs_decks", "fsrs") if deck else self.check("fsrs")
        return (self.fsrs_decks.get(deck) if deck else None) or self.fsrs

    def config_value(self, key: str) -> object:
        """What ``dockquiz config`` shows for its ``key``: the value in force, or the damaged
        value as stored."""
        stored = CONFIG_KEYS[key][0]
        return self.damaged[stored] if stored in self.damaged else getattr(self, stored)


def parse_config(key: str, text: str) -> tuple[str, object]:
    """``dockquiz config KEY TEXT``: (the stored key, its value), or UsageError (one line) for
    a value the setting does not take."""
    stored, kind, error = CONFIG_KEYS[key]
    try:
        value = kind(text) if kind is float or text.isdigit() else None
        return stored, _PARSE[stored][0](value)
    except ValueError:
        raise UsageError(error, value=text) from None


def _shown(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)[:60]
