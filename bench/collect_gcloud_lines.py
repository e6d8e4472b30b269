"""Collect real gcloud command lines (facts, not prose) into tests/fixtures/gcloud/lines.txt.

    python bench/collect_gcloud_lines.py MIRROR_DIR > tests/fixtures/gcloud/lines.txt

Sources: the EXAMPLES of ``gcloud CMD --help`` for every command of the recorded grammar
(content/cli/generated/gcloud.json: the groups learners' notes use), run with the installed
gcloud; and learners' notes (fetched git directories under MIRROR_DIR named ``owner+name/repo``,
as the search tool's fetch leaves them). Each line is kept once, under the first source that
has it; shell syntax and placeholders are kept here and left out later (kubectl_pairs.usable).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
NOTES = [
    "haruka-aibara/haruka-aibara-public",
    "ao-log/tech-memo",
    "hacker65536/myit",
    "kohago/docker-memo",
    "kaeken1jp/snippets",
    "walquis/my-cheat-sheets",
    "theanotherwise/snippets",
    "scottfield/note",
    "pekepeke/dotfiles",
    "mtksugi/tech-memo",
    "naopoyo/hackersheet-naopoyo",
]
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_LINE = re.compile(r"^\s*(?:\$\s+)?(gcloud\s+[a-z].*)$")


def _joined(text: str) -> list[str]:
    """Command lines of a text, continuation backslashes joined."""
    out: list[str] = []
    buf = ""
    for raw in text.splitlines():
        line = raw.strip()
        if buf:
            buf += " " + line.removesuffix("\\").strip()
            if not line.endswith("\\"):
                out.append(" ".join(buf.split()))
                buf = ""
            continue
        m = _LINE.match(raw)
        if not m:
            continue
        line = m.group(1).strip().strip("`").strip()
        if line.endswith("\\"):
            buf = line.removesuffix("\\").strip()
        else:
            out.append(" ".join(line.split()))
    return out


def help_examples(path: str, env: dict) -> list[str]:
    page = subprocess.run([*path.split(), "--help"], capture_output=True, text=True, env=env, timeout=120).stdout
    page = _ANSI.sub("", page)
    m = re.search(r"\nEXAMPLES\n(.*?)(?:\n[A-Z][A-Z ]+\n|\Z)", page, re.S)
    return _joined(m.group(1)) if m else []


def note_lines(gitdir: Path) -> list[str]:
    names = subprocess.run(
        ["git", "--git-dir", str(gitdir), "ls-tree", "-r", "--name-only", "HEAD"], capture_output=True, text=True
    ).stdout.split("\n")
    out: list[str] = []
    for name in sorted(n for n in names if n.endswith(".md")):
        text = subprocess.run(["git", "--git-dir", str(gitdir), "show", f"HEAD:{name}"], capture_output=True, text=True).stdout
        out += _joined(text)
    return out


def main() -> None:
    mirrors = Path(sys.argv[1])
    commands = json.loads((HERE / "content" / "cli" / "generated" / "gcloud.json").read_text("utf-8"))["commands"]
    seen: set[str] = set()
    version = subprocess.run(["gcloud", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    print("# Real gcloud command lines (facts: commands as their sources spell them), one a line, for the")
    print("# differential test against gcloud itself (tests/gcloud_judge.py): the EXAMPLES of gcloud's")
    print("# own help and learners' notes. Lines with shell syntax or placeholders are kept here and left")
    print("# out by kubectl_pairs.usable.")

    def emit(lines: list[str]) -> None:
        for line in lines:
            if line not in seen:
                seen.add(line)
                print(line)

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CLOUDSDK_CONFIG": tmp, "TERM": "dumb", "COLUMNS": "200"}
        print(f"# source: {version}, the EXAMPLES of 'gcloud <command> --help'")
        for path, info in sorted(commands.items()):
            if not info.get("group") and path != "gcloud":
                emit(help_examples(path, env))
    for repo in NOTES:
        gitdir = mirrors / repo.replace("/", "+") / "repo"
        if gitdir.exists():
            print(f"# source: github.com/{repo} (a learner's notes)")
            emit(note_lines(gitdir))


if __name__ == "__main__":
    main()
