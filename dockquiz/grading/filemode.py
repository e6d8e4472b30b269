"""chmod's symbolic modes (``+x``, ``go-w``, ``u=rw,o=r``): said in words by English prompts,
so never shown as a value beside them (the mode is what the card asks)."""

from __future__ import annotations

import re

_MODE = re.compile(r"^([ugoa]*)([-+=])([rwxXst]*)((?:,[ugoa]*[-+=][rwxXst]*)*)$")
_WHO = {"u": "the owner", "g": "the group", "o": "others", "a": "everyone"}
_PERM = {"r": "read", "w": "write", "x": "execute", "X": "execute (directories)", "s": "set-ID", "t": "sticky"}


def file_mode(word: str) -> str:
    """A chmod symbolic mode in words: ``+x`` → "add execute permission", ``go-w`` → "remove
    write permission for the group and others"; "" when the word is no symbolic mode."""
    parts = []
    for part in word.split(","):
        m = _MODE.match(part)
        if not m or not m.group(3):
            return ""
        who, op, perms = m.group(1), m.group(2), m.group(3)
        verb = {"+": "add", "-": "remove", "=": "set"}[op]
        said = " and ".join(_PERM[p] for p in dict.fromkeys(perms))
        whom = " and ".join(_WHO[w] for w in dict.fromkeys(who)) if who else ""
        parts.append(f"{verb} {said} permission" + (f" for {whom}" if whom else ""))
    return ", ".join(parts)


def is_file_mode(word: str) -> bool:
    return bool(file_mode(word))
