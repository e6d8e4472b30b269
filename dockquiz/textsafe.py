"""Text from notes, deck and file names and typed answers is data: shown literally.

Control characters are made visible instead of reaching the terminal (an escape sequence in a
note must not clear the screen, set the clipboard through OSC 52 or draw a hyperlink), and so
are bidirectional overrides (which reorder what a command line appears to say):

- C0 controls except newline and tab, and DEL, in caret notation: ``ESC`` → ``^[``;
- C1 controls as ``\\x9b``; lone surrogates (undecodable bytes) as ``\\udcff``;
- bidi embeddings, overrides and isolates as ``<U+202E>``.

JSON gets the same characters as ``\\uXXXX`` escapes, so a JSON consumer that prints a value
is safe too.
"""

from __future__ import annotations

import json
import re
import sys

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _show(match: re.Match[str]) -> str:
    ch = match.group(0)
    code = ord(ch)
    if code < 0x20:
        return "^" + chr(code + 0x40)
    if code == 0x7F:
        return "^?"
    if code <= 0x9F:
        return f"\\x{code:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """``text`` with every control character and bidi override made visible."""
    if not isinstance(text, str):
        text = str(text)
    return _UNSAFE.sub(_show, text) if _UNSAFE.search(text) else text


_LINE_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def one_line(text: str) -> str:
    """:func:`visible`, and line breaks and tabs too (``^J``, ``^I``): a message that must stay
    one line whatever its parameters hold."""
    return _LINE_UNSAFE.sub(_show, text)


def excerpt(text: str, limit: int = 40) -> str:
    """Typed text quoted in a message: its first ``limit`` characters and ``…`` when there are
    more, on one line with control characters visible (a pasted page is not echoed whole)."""
    text = str(text)
    return one_line(text if len(text) <= limit else text[:limit] + "…")


def dumps(data, **kw) -> str:
    """``json.dumps`` (UTF-8 kept readable) with C1, DEL, bidi overrides and lone surrogates
    escaped as ``\\uXXXX``; C0 controls json escapes itself."""
    text = json.dumps(data, ensure_ascii=False, default=str, **kw)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def print_json(data) -> None:
    """The JSON output of the CLI's commands: indented, unsafe characters escaped."""
    sys.stdout.write(dumps(data, indent=2) + "\n")
