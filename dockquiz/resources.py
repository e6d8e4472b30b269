"""Where the shipped data lives: inside the wheel, or beside the package in a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """``content`` or ``migrations``: packaged copy first, then the source tree's."""
    for candidate in (_PKG / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(name)


def user_data_path(*parts: str) -> str:
    """A path in this OS user's own dockquiz folder (platformdirs: ~/.local/share/dockquiz…)."""
    import os

    from platformdirs import user_data_dir

    return os.path.join(user_data_dir("dockquiz", appauthor=False), *parts)


def user_cache_path(*parts: str) -> str:
    """A path in this OS user's dockquiz cache folder (platformdirs: ~/.cache/dockquiz…):
    copies that can be made again, never anything a learner would lose."""
    import os

    from platformdirs import user_cache_dir

    return os.path.join(user_cache_dir("dockquiz", appauthor=False), *parts)


def content_dir() -> Path:
    return data_dir("content")


def migrations_dir() -> Path:
    return data_dir("migrations")


def builtin_decks() -> list[Path]:
    return sorted((content_dir() / "decks").glob("*.md"))
