"""Learn a program's grammar from its own help: walk every command path, read each page
(:mod:`dockquiz.grading.helptext`), and write the facts as one JSON document.

The walk takes a ``run(argv) -> text | None`` function, so the same code reads a live
program (:func:`live_runner`) or recorded help texts (:func:`replay_runner`, the tests).
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from typing import Callable

from dockquiz.grading import helptext as ht

Runner = Callable[[list[str]], "str | None"]

FORMAT = 1  # the grammar file format this module writes and the loader reads
HELP_TIMEOUT = 10  # seconds for one help page
WALK_SECONDS = 180  # for the whole walk of a learner's CLI
MAX_HELP_BYTES = 1 << 20  # one help page (gcloud's longest are ~100 kB)
MAX_PAGES = 3000  # a program with more is cut there
MAX_DEPTH = 10  # words in a command path (gcloud's deepest are 7)
# a walk cut by one of these says so: the grammar holds what was read before it

# The gcloud groups notes use (compute whole: notes use a dozen of its groups); gcloud has
# hundreds more, and alpha and beta copies of most (each help page costs ~0.5-1 s to read).
GCLOUD_GROUPS = (
    "container clusters",
    "container node-pools",
    "compute",
    "container images",
    "components",
    "info",
    "init",
    "version",
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
    "app",
    "sql",
    "secrets",
    "logging",
    "dns",
)


# Options a Go-flag program takes out of the line itself before its command's flags are read,
# so only as that very word: terraform's -no-color (command/meta.go's process; `--no-color` and
# `-no-color=true` are refused: "flag provided but not defined"). Help does not show it.
GOFLAG_OWN_WORDS = {"terraform": {"-no-color"}}

# Recorded help pages kept in part: gcloud's pages run to thousands of lines of prose.
TRIM = {"gcloud": ht.trim_gcloud}


def help_argv(style: str, path: list[str]) -> list[str]:
    return [*path, "-h"] if style == "git" else [*path, "-help"] if style == "goflag" else [*path, "--help"]


def live_runner(
    record: dict[str, str] | None = None,
    timeout: float | None = None,
    *,
    deadline: float | None = None,
    limit: int | None = None,
    cut: set[str] | None = None,
) -> Runner:
    """Run the installed program; keep every text read in ``record`` (argv joined by spaces).
    One page may take ``timeout`` seconds and ``limit`` bytes, and none runs past ``deadline``
    (``time.monotonic``); a page cut short is no page, and the reason goes into ``cut``."""
    env = {
        **os.environ,
        "COLUMNS": "100",
        "TERM": "dumb",
        "NO_COLOR": "1",
        "PAGER": "cat",
        "GIT_PAGER": "cat",
        "FILTER_BRANCH_SQUELCH_WARNING": "1",  # git filter-branch -h waits 10 s after a warning otherwise
        "CLOUDSDK_CORE_DISABLE_PROMPTS": "1",
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
    }
    seen = cut if cut is not None else set()

    def run(argv: list[str]) -> str | None:
        wait = HELP_TIMEOUT if timeout is None else timeout
        if deadline is not None:
            wait = min(wait, deadline - time.monotonic())
            if wait <= 0:
                seen.add("time")
                return None
        out, why = _read_help(argv, env, wait, MAX_HELP_BYTES if limit is None else limit)
        if why:
            seen.add(why)
            return None
        text = out.decode("utf-8", "replace")
        if not text.strip():
            return None
        if record is not None:
            record[" ".join(argv)] = text
        return text

    return run


def _read_help(argv: list[str], env: dict, wait: float, limit: int) -> tuple[bytes, str | None]:
    """(stdout, else stderr, of one run; or why it was cut: ``time`` or ``bytes``). The program
    runs in a session of its own, so a help that hangs is killed with every child it started."""
    import selectors
    import signal

    try:
        proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
        )
    except (OSError, ValueError, subprocess.SubprocessError):
        return b"", None
    out_fd, err_fd = proc.stdout.fileno(), proc.stderr.fileno()
    chunks: dict[int, list[bytes]] = {out_fd: [], err_fd: []}
    size, why, end = 0, None, time.monotonic() + wait
    with selectors.DefaultSelector() as sel:
        for pipe in (proc.stdout, proc.stderr):
            sel.register(pipe, selectors.EVENT_READ)
        while sel.get_map():
            left = end - time.monotonic()
            if left <= 0:
                why = "time"
                break
            for key, _ in sel.select(left):
                data = os.read(key.fd, 65536)
                if not data:
                    sel.unregister(key.fileobj)
                    continue
                chunks[key.fd].append(data)
                size += len(data)
            if size > limit:
                why = "bytes"
                break
    if why:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
    proc.stdout.close()
    proc.stderr.close()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
    if why:
        return b"", why
    out = b"".join(chunks[out_fd])
    return (out if out.strip() else b"".join(chunks[err_fd])), None


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
    if ht.looks_goflag(text):
        return "goflag"
    if ht.looks_gnu(text):
        return "gnu"
    return None


_ESCAPES = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC (a clipboard write, a title), to BEL or ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]"  # CSI (colours, cursor)
    r"|\x1b[@-_]|\x9d[^\x07\x9c]*"
)


def plain_line(text: str, limit: int = 200) -> str:
    """One line of a program's output as plain text: terminal sequences (an OSC 52 clipboard
    write, colours) dropped, other control characters too, cut at ``limit`` characters."""
    text = _ESCAPES.sub("", text)
    return "".join(ch for ch in text if ch.isprintable()).strip()[:limit]


def version(program: str, run: Runner) -> str:
    for argv in ([program, "--version"], [program, "version", "--client"]):
        text = run(argv)
        if text:
            for line in text.splitlines():
                line = plain_line(line)
                m = re.search(r"v?\d+\.\d+[\w.+-]*", line)
                if m:
                    return line
    return ""


def _git_commands(text: str) -> dict[str, str]:
    """``git help -a``'s commands, each with what it does (``stash``: "Stash the changes …")."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith(("External commands", "Command aliases")):
            break
        m = re.match(r"^ {3}([a-z][a-z0-9-]*)\s{2,}(.*)", line)
        if m:
            out[m.group(1)] = ht.phrase(m.group(2))
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


def walk(
    program: str,
    style: str,
    run: Runner,
    *,
    groups: tuple[str, ...] = (),
    deadline: float | None = None,
    cut: set[str] | None = None,
) -> dict:
    """Read every help page of ``program`` and return its grammar document (see ``FORMAT``).
    The walk stops at ``deadline`` (``time.monotonic``), ``MAX_PAGES`` pages and ``MAX_DEPTH``
    words; a page that prints an ancestor's page again (a CLI listing itself) is not walked.
    Why a walk was cut is in ``cut`` and in the document."""
    reader = ht.READERS[style]
    cut = set() if cut is None else cut
    pages: dict[str, ht.Page] = {}
    texts: dict[str, str] = {}  # path -> its page's text
    order: list[str] = []
    todo: list[list[str]] = [[program]]
    builtins: set[str] = set()
    # what a command does, where its own page does not say: git's list of commands, a parent's
    # command list (kubectl diff's page opens with a sentence too long for a prompt)
    about: dict[str, str] = {}
    if style == "git":
        listing = _git_commands(run(["git", "help", "-a"]) or "")
        todo += [["git", c] for c in listing]
        about = {f"git {c}": words for c, words in listing.items()}
        builtins = set((run(["git", "--list-cmds=builtins"]) or "").split())
    if style == "gcloud":
        todo += [["gcloud", *g.split()] for g in groups or GCLOUD_GROUPS]
    while todo:
        path = todo.pop(0)
        key = " ".join(path)
        if key in pages:
            continue
        if len(pages) >= MAX_PAGES:
            cut.add("pages")
            break
        if deadline is not None and time.monotonic() >= deadline:
            cut.add("time")
            break
        text = run(help_argv(style, path))
        if text is None or any(texts.get(" ".join(path[:n])) == text for n in range(1, len(path))):
            continue  # unreadable, or an ancestor's own page again (a CLI listing itself)
        texts[key] = text
        page = reader(text, path)
        page.about = page.about or about.get(key, "")
        if style == "git" and len(path) > 1 and path[1] in builtins:  # parse-options' own list of options
            ht.git_completion(page, run([*path, "--git-completion-helper-all"]) or "")
        if style == "gcloud" and path == ["gcloud"]:
            page.subcommands = []  # only the chosen groups, listed above
        if style == "git" and len(path) == 1:
            page.subcommands, page.args, page.options = [], [], []
        pages[key] = page
        order.append(key)
        for sub, words in page.listed.items():
            about.setdefault(f"{key} {sub}", ht.phrase(words))
        if style == "gnu":  # one getopt_long over the whole line: the commands have no pages of their own
            for sub in page.subcommands:
                pages[f"{key} {sub}"] = ht.Page(
                    usage=" ".join([*path, sub, page.sub_usage.get(sub, "")]).strip(),
                    args=ht.usage_args(" ".join([*path, sub, page.sub_usage.get(sub, "")]), [*path, sub]),
                    about=ht.phrase(page.listed.get(sub, "")),
                )
                order.append(f"{key} {sub}")
            continue
        subs = [sub for sub in page.subcommands if sub != "help"]
        if subs and len(path) >= MAX_DEPTH:
            cut.add("depth")
            continue
        todo.extend([*path, sub] for sub in subs)

    def alias_paths(key: str) -> list[str]:
        """A page's aliases as full paths (cobra gives ``docker container run`` or just ``ls``)."""
        full = (a if " " in a else " ".join([*key.split()[:-1], a]) for a in pages[key].aliases)
        return [f for f in full if f.split()[0] == program]

    if style == "goflag":
        _borrow(pages)
        for page in pages.values():  # words the program reads itself, before the command's flags
            for flag in page.options:
                flag.literal = flag.literal or bool(GOFLAG_OWN_WORDS.get(program, set()) & set(flag.flags))

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
        if page.default and page.subcommands:
            entry["default"] = page.default
        if page.usage:
            entry["usage"] = page.usage
        if page.about:
            entry["about"] = page.about
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
    elif style == "goflag":  # read by the program before the subcommand (terraform's -chdir=DIR)
        globals_ = {"anywhere": False, "options": [f.to_dict() for f in root.inherited] if root else []}
    elif style == "gnu":  # getopt_long permutes: a command's options stand anywhere after the program
        options = [f.to_dict() for f in root.options] if root else []
        globals_ = {"anywhere": bool(root and root.subcommands), "options": options}
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
        **({"cut": sorted(cut)} if cut else {}),
        "globals": globals_,
        "commands": dict(sorted(commands.items())),
    }


def _borrow(pages: dict[str, ht.Page]) -> None:
    """Go-flag pages that say they accept another command's options get them (terraform
    apply: plan's "plan customization options"; destroy, "a convenience alias for terraform
    apply -destroy": apply's, and so plan's too); a command's own spelling of an option wins."""
    done: set[str] = set()

    def resolve(key: str, seen: tuple[str, ...]) -> None:
        if key in done or key in seen:
            return
        page = pages[key]
        for donor, section in page.borrows:
            if donor not in pages or donor == key:
                continue
            resolve(donor, (*seen, key))
            theirs = pages[donor].sections.get(section, []) if section else pages[donor].options
            have = {n for f in page.options for n in f.flags}
            page.options += [f for f in theirs if not have.intersection(f.flags)]
        done.add(key)

    for key in list(pages):
        resolve(key, ())


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
    seconds: float | None = None,
    why: dict | None = None,
    cut: set[str] | None = None,
) -> dict | None:
    """The grammar document of an installed program, or None when its help cannot be read;
    then ``why["reason"]`` says why (``unreadable``): its top-level help printed nothing
    (``silent``), was cut (``time``, ``bytes``), is in no layout read here (``layout``), or
    was read in ``why["style"]`` and holds no command (``empty``). The whole walk takes at
    most ``seconds`` (``WALK_SECONDS``); see ``walk`` for its caps; pages cut go into ``cut``."""
    deadline = time.monotonic() + (WALK_SECONDS if seconds is None else seconds)
    cut = set() if cut is None else cut
    why = {} if why is None else why
    run = run or live_runner(record, deadline=deadline, cut=cut)
    if style is None:
        printed: list[str] = []

        def probe(argv: list[str]) -> str | None:
            text = run(argv)
            printed.append(text or "")
            return text

        style = detect_style(program, probe)
        if style is None:
            cut_why = next((c for c in ("time", "bytes") if c in cut), None)
            why["reason"] = "layout" if any(t.strip() for t in printed) else cut_why or "silent"
            return None
    doc = walk(program, style, run, groups=groups, deadline=deadline, cut=cut)
    commands = doc["commands"]
    only_a_bare_root = len(commands) <= 1 and all(c.get("group") and not c.get("options") for c in commands.values())
    if not commands or only_a_bare_root:
        why.update(reason="empty", style=style)
        return None
    return doc


STYLE_NAMES = {"cobra": "cobra", "kubectl": "kubectl", "git": "git", "gcloud": "gcloud", "goflag": "Go flag", "gnu": "GNU"}


def unreadable(why: dict) -> tuple[str, dict]:
    """The catalogue key and fields of the one line that says why a help could not be read."""
    reason = why.get("reason", "layout")
    fields: dict = {}
    if reason == "time":
        fields["seconds"] = f"{HELP_TIMEOUT:g}"
    elif reason == "bytes":
        fields["size"] = f"{MAX_HELP_BYTES >> 20}"
    elif reason == "empty":
        fields["style"] = STYLE_NAMES.get(why.get("style", ""), why.get("style", ""))
    return f"grammar.unreadable_{reason}", fields


def keep(program: str) -> tuple[dict, int]:
    """``grammar learn``: read an installed program's help and keep its grammar in this user's
    grammars folder (used for its cards from then on). Returns the document and how many of
    its commands run; a bad name, a program not installed, help that cannot be read or a
    folder that cannot be written is a ``UsageError`` (nothing written)."""
    import shutil

    from dockquiz.errors import UsageError
    from dockquiz.grading.grammar import alone, runs, user_grammar_dir

    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._+-]*", program):
        raise UsageError("grammar.bad_program", program=program)
    if shutil.which(program) is None:
        raise UsageError("grammar.not_installed", program=program)
    why: dict = {}
    doc = learn(program, why=why)
    if doc is None:
        key, fields = unreadable(why)
        if why.get("reason") != "time":  # its help will read no better next time: stop suggesting it
            remember_unreadable(program)
        raise UsageError(key, program=program, **fields)
    remember_unreadable(program, False)
    folder = user_grammar_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write(doc, folder / f"{program}.json")
    except OSError as exc:
        raise UsageError("grammar.unwritable", path=str(folder), reason=exc.strerror or str(exc)) from None
    return doc, sum(1 for path, entry in doc["commands"].items() if runs(path, entry) or alone(doc, path, entry))


def _unreadable_file():
    from pathlib import Path

    from dockquiz.resources import user_data_path

    return Path(user_data_path("unreadable-help.json"))  # not in grammars/: no grammar there


def _installed_stamp(program: str) -> str | None:
    """Which file ``program`` runs and when it changed: an upgrade may print a help we read."""
    import os
    import shutil

    path = shutil.which(program)
    try:
        return f"{path} {os.stat(path).st_mtime_ns}" if path else None
    except OSError:
        return None


def _unreadable_programs() -> dict:
    import json

    try:
        data = json.loads(_unreadable_file().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remember_unreadable(program: str, failed: bool = True) -> None:
    """``grammar learn PROGRAM`` could not read its help (``failed``) or now did: kept in this
    user's dockquiz folder, so the feedback stops sending the learner, answer after answer, to
    a command that fails. Never an error: a folder that cannot be written only keeps the hint."""
    data = _unreadable_programs()
    if failed:
        data[program] = _installed_stamp(program)
    elif data.pop(program, None) is None:
        return
    file = _unreadable_file()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        write(data, file)
    except OSError:
        pass


def help_known_unreadable(program: str) -> bool:
    """``grammar learn`` failed on this installed program (the same file since): not offered."""
    stamp = _unreadable_programs().get(program)
    return stamp is not None and stamp == _installed_stamp(program)


def write(doc: dict, path) -> None:
    """Write a grammar document: sorted, indented, one file (written whole, then renamed)."""
    import json
    from pathlib import Path

    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)
