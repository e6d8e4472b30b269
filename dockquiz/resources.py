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


def builtin_decks(lang: str | None = None) -> list[Path]:
    """The built-in decks' notes, ``content/decks/NAME.LANG.md``: every file, or with ``lang``
    (the interface's language, as ``dockquiz.i18n.resolve`` gives it) the one per deck that a
    fresh database starts with (see :func:`pick_builtin`)."""
    files = sorted((content_dir() / "decks").glob("*.md"))
    return files if lang is None else pick_builtin(files, lang)


def _name_and_tag(path: Path) -> tuple[str, str | None]:
    stem = path.name.removesuffix(".md")
    name, dot, tag = stem.rpartition(".")
    return (name, tag) if dot and tag in ("ja", "en") else (stem, None)


def pick_builtin(files: list[Path], lang: str) -> list[Path]:
    """One file per deck: the one in ``lang`` (``both`` reads Japanese notes with the English
    beside them), else the English one, else the deck's only file."""
    want = ("ja", "en") if lang in ("ja", "both") else ("en", "ja")
    decks: dict[str, dict[str | None, Path]] = {}
    for path in files:
        name, tag = _name_and_tag(path)
        decks.setdefault(name, {})[tag] = path
    return [next((by_tag[t] for t in (*want, None) if t in by_tag), next(iter(by_tag.values()))) for by_tag in decks.values()]


@cache
def _builtin_names() -> frozenset[str]:
    return frozenset(p.name for p in builtin_decks())


def is_builtin(source_path: str | None) -> bool:
    """Whether a deck's notes file is one of the built-in decks: a shipped file's name in a
    ``content/decks`` folder (this install's, or the one it was seeded from before a reinstall)."""
    if not source_path:
        return False
    path = Path(source_path)
    return path.name in _builtin_names() and path.parent.name == "decks" and path.parent.parent.name == "content"
