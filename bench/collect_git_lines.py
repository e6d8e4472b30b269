"""Collect real git command lines (facts, not prose) into tests/fixtures/git-lines.txt.

    python bench/collect_git_lines.py MIRROR_DIR > tests/fixtures/git-lines.txt

MIRROR_DIR holds fetched git directories named ``owner+name/repo`` (as the search tool's
fetch leaves them). Sources: Pro Git (``$ git …`` lines of the book), learners' notes (the
repositories of docs/import-audit.md that use git), two cheat sheets. Each line is kept
once, under the first source that has it; shell syntax and placeholders are kept here and
left out later (tests/git_pairs.usable).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

SOURCES = [
    ("progit/progit2", "book", r"\.asc$", "prompt"),
    ("HappyApple1/command_memo", "docs/git.md", None, "notes"),
    ("rokumura7/gitbook", "devops/git", r"\.md$", "notes"),
    ("mukaiizawa/dotfiles", "dict/etc/git.md", None, "notes"),
    ("kenmori/handsonFrontend", "git/README.md", None, "notes"),
    ("aew2sbee/youtube-study-time-tracker", "docs/GitHub", r"\.md$", "notes"),
    ("aew2sbee/youtube-study-time-tracker", "docs/development/setup.md", None, "notes"),
    ("arslanbilal/git-cheat-sheet", "README.md", None, "notes"),
    ("git-tips/tips", "tips.json", None, "tips"),
]

_INLINE = re.compile(r"`(git [^`]+)`")


def _files(gitdir: Path, under: str, pattern: str | None) -> list[str]:
    names = subprocess.run(
        ["git", "--git-dir", str(gitdir), "ls-tree", "-r", "--name-only", "HEAD", under], capture_output=True, text=True
    ).stdout.split("\n")
    return sorted(n for n in names if n and (pattern is None or re.search(pattern, n)))


def _show(gitdir: Path, name: str) -> str:
    return subprocess.run(["git", "--git-dir", str(gitdir), "show", f"HEAD:{name}"], capture_output=True, text=True).stdout


def _clean(line: str) -> str:
    line = line.strip()
    line = re.sub(r"^(?:[$%>]|\d+\.|[-*])\s+", "", line)
    line = re.sub(r"\s+#\s.*$", "", line)  # a trailing shell comment
    return " ".join(line.split())


def prompt_lines(text: str) -> list[str]:
    """``$ git …`` lines, a trailing ``\\`` joining the next line."""
    out, buf = [], None
    for raw in text.splitlines():
        line = raw.strip()
        if buf is not None:
            buf += " " + line.rstrip("\\").strip()
            if not line.endswith("\\"):
                out.append(buf)
                buf = None
            continue
        if line.startswith("$ git "):
            body = line[2:]
            if body.endswith("\\"):
                buf = body.rstrip("\\").strip()
            else:
                out.append(body)
    return [_clean(x) for x in out]


def notes_lines(text: str) -> list[str]:
    """Lines of notes that are a git command, in a block or as inline code."""
    out = []
    for raw in text.splitlines():
        line = _clean(raw.strip("` "))
        if line.startswith("git "):
            out.append(line)
        out.extend(_clean(m) for m in _INLINE.findall(raw))
    return out


def tips_lines(text: str) -> list[str]:
    out = []
    for item in json.loads(text):
        for part in re.split(r"\s*\n\s*", item.get("tip", "")):
            part = _clean(part)
            if part.startswith("git "):
                out.append(part)
    return out


READ = {"prompt": prompt_lines, "notes": notes_lines, "tips": tips_lines}


def main() -> None:
    mirror = Path(sys.argv[1])
    seen: set[str] = set()
    print("# Real git command lines, collected by bench/collect_git_lines.py (one a line, as found).")
    for repo, under, pattern, kind in SOURCES:
        gitdir = mirror / repo.replace("/", "+") / "repo"
        lines = []
        for name in _files(gitdir, under, pattern):
            lines += READ[kind](_show(gitdir, name))
        fresh = [ln for ln in dict.fromkeys(lines) if ln not in seen and len(ln) < 300]
        seen.update(fresh)
        print(f"\n# source: github.com/{repo} {under}")
        print("\n".join(fresh))


if __name__ == "__main__":
    main()
