"""The ja/en catalogue: every user-visible string goes through :func:`translate`.

Catalogues are TOML files beside this module (``en.toml``, ``ja.toml``); nested tables
give dotted keys (``[error] bad_now = …`` → ``error.bad_now``). Placeholders use
``str.format`` syntax.
"""

from __future__ import annotations

import os
import re
import tomllib
from functools import cache

from dockquiz.vocabulary import LANGUAGES as CHOICES

_HERE = os.path.dirname(os.path.abspath(__file__))  # os.path: pathlib is a cost --help would pay


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = str(value)
    return out


@cache
def catalogue(lang: str) -> dict[str, str]:
    with open(os.path.join(_HERE, f"{lang}.toml"), "rb") as fh:
        return _flatten(tomllib.load(fh))


def ui_lang(lang: str) -> str:
    """The language of interface strings: ``both`` speaks Japanese, prompts show both."""
    return "ja" if lang == "both" else lang


def translate(key: str, lang: str, **params: object) -> str:
    lang = ui_lang(lang)
    text = catalogue(lang).get(key)
    if text is None:
        text = catalogue("en").get(key, key)
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def locale_lang(environ: dict[str, str]) -> str | None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return None


def resolve(cli: str | None, environ: dict[str, str] | None = None, profile: str | None = None) -> str:
    """``--lang``, then ``DOCKQUIZ_LANG``, then the saved profile setting, then the locale."""
    env = os.environ if environ is None else environ
    for candidate in (cli, env.get("DOCKQUIZ_LANG"), profile):
        if candidate:
            candidate = candidate.strip().lower()
            if candidate in CHOICES:
                return candidate
    return locale_lang(env) or "en"


class T:
    """A translator bound to one language: ``t = T("ja"); t("error.bad_now", value=...)``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **params: object) -> str:
        return translate(key, self.lang, **params)

    def prompt(self, ja: str | None, en: str | None, *, builtin: bool = False) -> str:
        """A card prompt in this language; ``both`` puts one under the other. ``ja`` is the
        notes' own words: when those are English already, they are the English prompt; an
        English screen over Japanese notes shows them under our English, said to be the
        learner's notes, or the built-in deck's (``builtin``: notes nobody here wrote)."""
        ja, en = (ja or "").strip(), (en or "").strip()
        if ja and not has_japanese(ja):
            en = ja
        if self.lang == "both":
            return "\n".join(dict.fromkeys(p for p in (ja, en) if p)) or ""
        if self.lang == "en":
            if not en:
                return f"{self('card.no_english')} {ja}" if ja else ""
            label = "card.builtin_words" if builtin else "card.notes_words"
            return f"{en}\n{self(label, words=ja)}" if ja and ja != en else en  # the notes' own words too
        return ja or en


_JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


def has_japanese(text: str) -> bool:
    """Kana, kanji or full-width forms: text a Japanese learner wrote in Japanese."""
    return _JAPANESE.search(text) is not None
