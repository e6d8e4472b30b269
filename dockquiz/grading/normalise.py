"""Step 1 of grading: make typed input comparable (IME full-width, dashes, quotes, prompts)."""

from __future__ import annotations

import re
import unicodedata

# Dashes an IME or autocorrect puts where "-" belongs; "–" and "—" (en and em dash) are what
# Markdown renderers and autocorrect make of "--", read as the notes reader reads them:
# alone before a long name two hyphens (``–rm`` is ``--rm``), before one letter one (``—d``).
_DASHES = "ー−–‐‑‒―﹣－"
DASHES = _DASHES + "—"  # every dash read as a hyphen in flag position (explain says so)
_FLAG_DASH = re.compile(rf"(?:(?<=\s)|^)([{DASHES}]+)(?=[A-Za-z0-9])")
_TYPOGRAPHIC = re.compile(r"(?:(?<=\s)|^)[–—](?=[A-Za-z]{2})")
_QUOTES = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'", "「": '"', "」": '"'}
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
# A terminal's control sequences are left out whole, not only their ESC: a colour pasted with
# a line (ESC [31m) would otherwise leave "[31m" in a word. CSI (ESC [ or 0x9b … final byte),
# OSC (ESC ] … BEL or ESC \\), and a character set chosen (ESC ( B).
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC: titles, clipboard, links
    r"|\x1b[()#][0-9A-Za-z]"
)
_PROMPT = re.compile(r"^\s*(?:[$%]|[#>](?=\s))\s+")


def _dash(match: re.Match[str]) -> str:
    return "-" * len(match.group(1))  # one hyphen each: an IME's "ーーrm" is "--rm"


def normalise(text: str) -> str:
    """NFKC, dashes in flag position, smart quotes, control characters, prompt, spaces."""
    if not text:
        return ""
    if text.isascii() and text.isprintable():  # fast path: nothing an IME could have done
        if text[:1] in "$%#> ":
            text = _PROMPT.sub("", text)
        return " ".join(text.split())
    text = text.translate(_QUOTES)
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    text = _CONTROL.sub("", _SEQUENCE.sub("", text))
    text = _FLAG_DASH.sub(_dash, _TYPOGRAPHIC.sub("--", text))
    text = _PROMPT.sub("", text)
    return " ".join(text.split())


def has_control(text: str) -> bool:
    """Whether ``text`` holds a control character or sequence that grading leaves out."""
    return bool(_CONTROL.search(text) or _SEQUENCE.search(text))
