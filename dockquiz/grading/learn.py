"""Learn a program's grammar from its own help: walk every command path, read each page
(:mod:`dockquiz.grading.helptext`), and write the facts as one JSON document.

The walk takes a ``run(argv) -> text | None`` function, so the same code reads a live
program (:func:`live_runner`) or recorded help texts (:func:`replay_runner`, the tests).
"""

from __future__ import annotations

import os
import re
import subprocess
from typing import Callable

from dockquiz.grading import helptext as ht

Runner = Callable[[list[str]], "str | None"]

FORMAT = 1  # the grammar file format this module writes and the loader reads
STYLES = ("cobra", "kubectl", "git", "gcloud")
HELP_TIMEOUT = 20  # seconds for one help page
MAX_PAGES = 3000  # a program with more is cut there (and says so)

# The gcloud groups notes use; gcloud has hundreds more (each help page costs ~1 s to read).
GCLOUD_GROUPS = (
    "container clusters",
    "container node-pools",
    "compute instances",
    "compute ssh",
    "compute scp",
    "builds",
    "pubsub",
    "projects",
    "services",
    "iam",
    "auth",
    "config",
    "functions",
    "run",
    "artifacts repositories",
    "storage",
)


# Recorded help pages kept in part: gcloud's pages run to thousands of lines of prose.
TRIM = {"gcloud": ht.trim_gcloud}


def help_argv(style: str, path: list[str]) -> list[str]:
    return [*path, "-h"] if style == "git" else [*path, "--help"]


def live_runner(record: dict[str, str] | None = None, timeout: float = HELP_TIMEOUT) -> Runner:
    """Run the installed program; keep every text read in ``record`` (argv joined by spaces)."""
    env = {
        **os.environ,
        "COLUMNS": "100",
        "TERM": "dumb",
        "NO_COLOR": "1",
        "PAGER": "cat",
        "GIT_PAGER": "cat",
        "CLOUDSDK_CORE_DISABLE_PROMPTS": "1",
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
    }

    def run(argv: list[str]) -> str | None:
        try:
            done = subprocess.run(argv, capture_output=True, timeout=timeout, env=env, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError):
            return None
        text = (done.stdout or done.stderr).decode("utf-8", "replace")
        if not text.strip():
            return None
        if record is not None:
            record[" ".join(argv)] = text
        return text

    return run


def replay_runner(recorded: dict[str, str]) -> Runner:
    return lambda argv: recorded.get(" ".join(argv))


def detect_style(program: str, run: Runner) -> str | None:
    """Which help format the program speaks, from its top-level help."""
    if program == "git":
        return "git"
    if program == "gcloud":
        return "gcloud"
    text = run([program, "--help"])
    if not text:
        return None
    if re.search(r'Use "\S+ options" for a list of global', text):
        return "kubectl"
    if re.search(r"^Usage:", text, re.M) and re.search(r"^(?:Available |Management |Common )?Commands:", text, re.M):
        return "cobra"
    return None


def version(program: str, run: Runner) -> str:
    for argv in ([program, "--version"], [program, "version", "--client"]):
        text = run(argv)
        if text:
            for line in text.splitlines():
                m = re.search(r"v?\d+\.\d+[\w.+-]*", line)
                if m:
                    return line.strip()
    return ""


def _git_commands(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        if line.startswith(("External commands", "Command aliases")):
            break
        m = re.match(r"^ {3}([a-z][a-z0-9-]*)\s{2,}", line)
        if m:
            out.append(m.group(1))
    return out


class _Aliases:
    """Union of command paths that name the same command (``docker run`` = ``docker container run``)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def walk(program: str, style: str, run: Runner, *, groups: tuple[str, ...] = ()) -> dict:
    """Read every help page of ``program`` and return its grammar document (see ``FORMAT``)."""
    reader = ht.READERS[style]
    pages: dict[str, ht.Page] = {}
    order: list[str] = []
    todo: list[list[str]] = [[program]]
    cut = False
    if style == "git":
        listing = run(["git", "help", "-a"]) or ""
        todo += [["git", c] for c in _git_commands(listing)]
    if style == "gcloud":
        todo += [["gcloud", *g.split()] for g in groups or GCLOUD_GROUPS]
    while todo:
        path = todo.pop(0)
        key = " ".join(path)
        if key in pages:
            continue
        if len(pages) >= MAX_PAGES:
            cut = True
            break
        text = run(help_argv(style, path))
        if text is None:
            continue
        page = reader(text, path)
        if style == "gcloud" and path == ["gcloud"]:
            page.subcommands = []  # only the chosen groups, listed above
        if style == "git" and len(path) == 1:
            page.subcommands, page.args, page.options = [], [], []
        pages[key] = page
        order.append(key)
        todo.extend([*path, sub] for sub in page.subcommands if sub != "help")

    def alias_paths(key: str) -> list[str]:
        """A page's aliases as full paths (cobra gives ``docker container run`` or just ``ls``)."""
        full = (a if " " in a else " ".join([*key.split()[:-1], a]) for a in pages[key].aliases)
        return [f for f in full if f.split()[0] == program]

    aliases = _Aliases()
    for key in order:
        aliases.find(key)
        for full in alias_paths(key):
            aliases.union(key, full)
    classes: dict[str, list[str]] = {}
    for key in order:
        classes.setdefault(aliases.find(key), []).append(key)
        classes[aliases.find(key)] += alias_paths(key)
    commands: dict[str, dict] = {}
    for members in classes.values():
        canonical = min((m for m in members if m in pages), key=lambda m: (len(m.split()), order.index(m)))
        page = pages[canonical]
        entry: dict = {"group": bool(page.subcommands)}
        if page.subcommands and ht.runs_itself(page.usage, canonical.split()):
            entry["runs"] = True
            page.args = ht.usage_args(page.usage, canonical.split())
        others = sorted({m for m in members if m != canonical})
        if others:
            entry["aliases"] = others
        if page.usage:
            entry["usage"] = page.usage
        if not page.subcommands or page.args:
            entry["args"] = page.args
        entry["options"] = [f.to_dict() for f in page.options]
        commands[canonical] = entry
    root = pages.get(program)
    globals_: dict = {"anywhere": False, "options": []}
    if style == "kubectl":
        text = run([program, "options"])
        globals_ = {"anywhere": True, "options": [f.to_dict() for f in ht.kubectl_flags(text or "")]}
    elif style == "gcloud":
        text = run(["gcloud", "--help"])
        globals_ = {"anywhere": True, "options": [f.to_dict() for f in ht.parse_gcloud_globals(text or "")]}
    elif style == "git":
        globals_ = {"anywhere": False, "options": [f.to_dict() for f in _git_globals()]}
    elif root is not None:
        inherited = next((p.inherited for p in pages.values() if p is not root and p.inherited), None)
        if inherited:
            globals_ = {"anywhere": True, "options": [f.to_dict() for f in inherited]}
        else:
            globals_ = {"anywhere": False, "options": [f.to_dict() for f in root.inherited or root.options]}
    if program in commands:
        commands[program]["options"] = []
    return {
        "format": FORMAT,
        "program": program,
        "style": style,
        "version": version(program, run),
        "complete": not cut,
        "globals": globals_,
        "commands": dict(sorted(commands.items())),
    }


def _git_globals() -> list[ht.Flag]:
    """git's own options (before the command) are in git(1), not in any ``-h`` page."""
    return [
        ht.Flag(["-C"], "path", True),
        ht.Flag(["-c"], "name=value", True),
        ht.Flag(["--git-dir"], "path"),
        ht.Flag(["--work-tree"], "path"),
        ht.Flag(["-P", "--no-pager"]),
        ht.Flag(["-p", "--paginate"]),
        ht.Flag(["--bare"]),
        ht.Flag(["--namespace"], "name"),
        ht.Flag(["--exec-path"], "path", optional_value=True),
    ]


def learn(
    program: str,
    run: Runner | None = None,
    *,
    style: str | None = None,
    record: dict[str, str] | None = None,
    groups: tuple[str, ...] = (),
) -> dict | None:
    """The grammar document of an installed program, or None when its help cannot be read."""
    run = run or live_runner(record)
    style = style or detect_style(program, run)
    if style is None:
        return None
    doc = walk(program, style, run, groups=groups)
    commands = doc["commands"]
    only_a_bare_root = len(commands) <= 1 and all(c.get("group") and not c.get("options") for c in commands.values())
    return None if not commands or only_a_bare_root else doc


def write(doc: dict, path) -> None:
    """Write a grammar document: sorted, indented, one file (written whole, then renamed)."""
    import json
    from pathlib import Path

    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    """Regenerate the shipped grammars and their recorded help texts (a developer's tool):

    python -m dockquiz.grading.learn docker kubectl git gcloud
    """
    import argparse
    import gzip
    import json
    from pathlib import Path

    from dockquiz.resources import content_dir

    parser = argparse.ArgumentParser(prog="python -m dockquiz.grading.learn")
    parser.add_argument("programs", nargs="+")
    parser.add_argument("--out", type=Path, default=content_dir() / "cli" / "generated")
    parser.add_argument("--record", type=Path, default=Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "help")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    args.record.mkdir(parents=True, exist_ok=True)
    for program in args.programs:
        recorded: dict[str, str] = {}
        doc = learn(program, record=recorded)
        if doc is None:
            print(f"{program}: its help could not be read")
            return 2
        if program in TRIM:  # keep what the reader reads, and the grammar read from just that
            recorded = {k: TRIM[program](v) if k.endswith("--help") else v for k, v in recorded.items()}
            doc = learn(program, replay_runner(recorded))
        write(doc, args.out / f"{program}.json")
        with gzip.open(args.record / f"{program}.json.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
            json.dump(recorded, fh, ensure_ascii=False, sort_keys=True)
        print(f"{program}: {len(doc['commands'])} command paths, {doc['version']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
