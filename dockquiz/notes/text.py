"""Small text helpers for reading notes: headings, separators, command-looking code."""

from __future__ import annotations

import re

# "：" full-width colon, " - " and "→" are separators authors use between a term and its meaning.
SEPARATOR = re.compile(r"\s*(?:(?::|：|(?:(?<=\s)|^)[-–—](?=\s)|→|⇒)\s*)+")
_DECORATION = re.compile(r"^[\s■□◆◇◎○●☆★▼▲▽△・※►▶➤✔✓◯\-*#]+")
_BRACKETED = re.compile(r"【[^】]*】")
_NUMBERING = re.compile(r"^(?:第?\d+(?:[.\-]\d+)*[.)）、章節]?\s+|\(\d+\)\s*|（\d+）\s*|[①-⑳]\s*)")
_GENERIC_COMMENT = re.compile(r"^(?:e\.?g\.?|examples?|例|一例|実行例|使用例|sample)\s*\d*\s*(?:[:：]\s*)?",
                              re.IGNORECASE)
_FLAG = re.compile(r"^--?[A-Za-z0-9][\w-]*(?:[ =].*)?$")
_PLACEHOLDER_ONLY = re.compile(r"^(?:\$\{[^}]+\}|<[^<>]+>|\[[^\[\]]+\]|\{\{[^}]+\}\}|\$[A-Z_]+)$")
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=\S*$")
_WORD = re.compile(r"^[a-z][a-z0-9._+-]*$")



def clean_heading(text: str) -> str:
    text = _BRACKETED.sub(" ", text)
    text = _DECORATION.sub("", text)
    text = _NUMBERING.sub("", text)
    return " ".join(text.split()).strip(" :：")


def clean_comment(text: str) -> str:
    """``# 例 : 全ての GPU を認識`` → ``全ての GPU を認識``; ``# example`` → ``""``."""
    text = text.lstrip("#").strip()
    text = _GENERIC_COMMENT.sub("", text, count=1).strip()
    return text if not re.fullmatch(r"[-=#*~\s]*", text) else ""


def is_separator_comment(line: str) -> bool:
    body = line.strip().lstrip("#").strip()
    return len(body) >= 3 and re.fullmatch(r"[-=*~#_]+", body) is not None


def strip_prompt(code: str) -> tuple[str, bool]:
    """``$ docker ps`` → (``docker ps``, True)."""
    code = code.strip()
    if code.startswith("$ ") or code == "$":
        return code[1:].strip(), True
    return code, False


def looks_like_command(code: str, *, had_prompt: bool, programs: frozenset[str] | set[str]) -> bool:
    words = code.split()
    if not words:
        return False
    first = words[0]
    if _ASSIGNMENT.match(first) or not _WORD.match(first):
        return False
    if first in programs:
        return True
    return had_prompt


def is_flag(code: str) -> bool:
    return _FLAG.match(code.strip()) is not None


def flag_name(code: str) -> str:
    """``--name web`` / ``--name=web`` → ``--name``."""
    return code.strip().split(" ", 1)[0].split("=", 1)[0]


def is_placeholder(code: str) -> bool:
    return _PLACEHOLDER_ONLY.match(code.strip()) is not None


def is_assignment(line: str) -> bool:
    words = line.split()
    return bool(words) and all(_ASSIGNMENT.match(w) for w in words)


def split_description(text: str) -> tuple[bool, str]:
    """After a term: is there a separator, and what description follows it?"""
    match = SEPARATOR.match(text)
    if not match:
        return False, text.strip()
    return True, text[match.end():].strip()
