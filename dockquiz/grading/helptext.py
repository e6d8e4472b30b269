"""Grammar facts read from a CLI's own help text. Pure: text in, facts out.

Five help formats are read:

- ``cobra``: docker and most Go CLIs (helm, gh, podman…). ``Usage:`` line, ``Aliases:``,
  command lists under any heading ending in ``Commands:``, options as
  ``  -d, --detach   text`` / ``      --name string   text`` (a type word: takes a value).
- ``kubectl``: cobra with kubectl's templates: options as ``    -n, --namespace='':`` where the
  default tells the kind (``true``/``false``: a switch, ``[]``: repeats, else a value).
- ``git``: parse-options (``git CMD -h``): ``    -m, --message <message>``, ``--[no-]x``,
  optional values ``--gpg-sign[=<key-id>]``.
- ``gcloud``: the ``SYNOPSIS`` of ``gcloud … --help`` (``[--zone=ZONE, -z ZONE]``) and its
  ``GROUPS``/``COMMANDS`` lists.
- ``goflag``: CLIs whose commands parse with Go's ``flag`` package (terraform): command lists
  under headings ending in ``commands:`` (``Main commands:``, ``Subcommands:``), options under
  headings ending in ``Options:`` as ``  -out=path   text`` (takes a value), ``  -destroy``
  or ``  -lock=false`` (a switch), ``  -var 'foo=bar'``; prose saying a command accepts another
  command's options (``accept all of the plan-customization options accepted by the
  terraform plan command``, ``a convenience alias for: terraform apply -destroy``).

- ``gnu``: programs whose options parse with glibc's ``getopt_long`` (coreutils, grep, tar,
  systemd's journalctl and systemctl): ``Usage: ls [OPTION]... [FILE]...`` (or the first line
  ``journalctl [OPTIONS...] [MATCHES...]``), option lines anywhere as ``  -u, --unit=UNIT  text``,
  ``  -u --unit=UNIT`` (systemd's), ``      --no-pager``, ``  -n --lines[=INTEGER]`` (a value only
  when attached), ``  -P NAME``, ``  -d, --data <data>``; command lists under headings ending in
  ``Commands:`` (systemctl's ``Unit Commands:``) as ``  list-units [PATTERN...]   text``.

Each reader returns a :class:`Page`: the command's usage arguments, its options, the names
of its subcommands and its aliases. :mod:`dockquiz.grading.learn` walks a program with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# pflag / docker option value types that append on each use (the rest: last one wins).
REPEATING_TYPES = frozenset(
    """
list stringArray stringSlice strings intSlice uintSlice int32Slice int64Slice float32Slice
float64Slice boolSlice durationSlice ipSlice ipNetSlice map stringToString stringToInt64
filter ulimit network mount port gpu-request external-ca config secret pref
""".split()
)

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass
class Flag:
    flags: list[str]  # every spelling: ["-d", "--detach"]
    value: str | None = None  # the value's name (type word) when it takes one
    repeat: bool = False
    optional_value: bool = False  # git's --opt[=<v>]: a value only when attached
    negatable: bool = False  # git's parse-options reads --no-X (for --no-X: --X) as turning it off
    on: bool = False  # a boolean on by default (kubectl's `--namespaced=true:`): `=false` is a choice
    literal: bool = False  # read only as the very word (terraform's -no-color): no --X, no -X=value
    means: list[str] = field(default_factory=list)  # gnu: the options this switch stands for ("--state=failed")
    help: str = ""  # what the help says it does, as a short phrase (see :func:`phrase`)

    def to_dict(self) -> dict:
        out: dict = {"flags": self.flags}
        if self.value is not None:
            out["value"] = self.value
        if self.repeat:
            out["repeat"] = True
        if self.optional_value:
            out["optional_value"] = True
        if self.negatable:
            out["negatable"] = True
        if self.on:
            out["on"] = True
        if self.literal:
            out["literal"] = True
        if self.means:
            out["means"] = self.means
        if self.help:
            out["help"] = self.help
        return out


@dataclass
class Page:
    usage: str = ""
    args: list[str] = field(default_factory=list)
    options: list[Flag] = field(default_factory=list)
    subcommands: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # other full paths, or other last words
    inherited: list[Flag] = field(default_factory=list)  # "Global Flags:" of cobra CLIs
    default: str = ""  # the subcommand read when none is typed: git stash [push …]
    # goflag: options of other commands this one accepts, as (command path, section title or
    # "" for all of its options): terraform apply takes plan's "plan customization options"
    borrows: list[tuple[str, str]] = field(default_factory=list)
    sections: dict[str, list[Flag]] = field(default_factory=dict)  # goflag: options by heading (lower case)
    about: str = ""  # what the help says the command does, as a short phrase (see :func:`phrase`)
    listed: dict[str, str] = field(default_factory=dict)  # subcommand -> its line in this page's command list
    sub_usage: dict[str, str] = field(default_factory=dict)  # gnu: subcommand -> its arguments in the list


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


# --- usage lines: "docker run [OPTIONS] IMAGE [COMMAND] [ARG...]" -> IMAGE COMMAND? ARG* --------

_OPTIONS_WORDS = {"[OPTIONS]", "[options]", "[flags]", "[FLAGS]", "[<options>]", "[--]", "--"}


_SENTENCE_END = re.compile(r"(?<![.\s][a-z])(?<!\be\.g)(?<!\bi\.e)\.(?:\s|$)")
_CONDITION = re.compile(r"^(?:If (?:true|present|set|specified|non-empty|provided|given),\s+|When (?:true|set),\s+)", re.I)
PHRASE_MAX = 90  # longer than this, a help's words are no prompt a learner reads at a glance


def phrase(text: str) -> str:
    """A help text's first sentence as a phrase for a prompt: one line, no full stop, a
    kubectl ``If true, …`` condition left out, the first letter capital ("Force removal of the
    image", "Create a bare repository"); "" when it is longer than :data:`PHRASE_MAX` even cut
    at its first clause, or says nothing (``(default 0)``)."""
    text = " ".join(strip_ansi(text).split())
    m = _SENTENCE_END.search(text)
    if m and re.match(r"(?:Must be|One of)\b", text):  # the value's choices first: what it does is next
        text = text[m.end() :]
        m = _SENTENCE_END.search(text)
    text = text[: m.start()] if m else text
    text = re.sub(r"\s*\((?:default|defaults to)\b[^)]*\)", "", text, flags=re.I).strip()
    text = _CONDITION.sub("", text).strip().rstrip(":;,")
    if len(text) > PHRASE_MAX:
        cut = re.split(r"[,;:(]\s*", text, maxsplit=1)[0].strip()
        text = cut if len(cut.split()) >= 3 and len(cut) <= PHRASE_MAX else ""
    if not re.search(r"[A-Za-z]{2}", text):
        return ""
    return text[:1].upper() + text[1:]


def usage_args(usage: str, path: list[str]) -> list[str]:
    """Positional argument names from a usage line, after the command path.

    ``NAME`` required, ``NAME?`` optional, ``NAME*`` any number, ``NAME+`` one or more.
    ``PATH | URL | -`` is read as its first name. Anything the line does not say plainly
    (parenthesised alternatives) stops the read: from there on any number of arguments.
    """
    words = usage.split()
    n = len(path)
    if words[:n] != path:
        return ["ARG*"]
    out: list[str] = []
    skip_alternative = False
    in_option_group = False
    depth = 0
    for word in words[n:]:
        optional = depth > 0 or word.startswith("[")
        depth = max(0, depth + word.count("[") - word.count("]"))
        if in_option_group:
            in_option_group = depth > 0
            continue
        if word.lstrip("[").startswith("-") and depth > 0:
            in_option_group = True
            continue
        if word == "|":
            skip_alternative = True
            continue
        if skip_alternative:
            skip_alternative = False
            continue
        if word in _OPTIONS_WORDS or word.lstrip("[(").startswith("-"):
            continue
        if word.startswith("(") or word.startswith("{"):
            out.append("ARG*")
            break
        many = "..." in word
        core = word.replace("...", "").lstrip("[<")
        while core.endswith(("]", ">", ".")) and (core[-1] != "]" or core.count("]") > core.count("[")):
            core = core[:-1]
        core = re.split(r"\|(?![^\[]*\])", core)[0].strip("<>")
        if not core or not re.match(r"[A-Za-z]", core):
            continue
        if many and out and out[-1].rstrip("?*+") == core:
            out[-1] = core + "+"  # CONTAINER [CONTAINER...]
        elif many:
            out.append(core + "*")
        else:
            out.append(core + ("?" if optional else ""))
        if out[-1].endswith("*"):
            break
    return out


# --- cobra (docker, helm, gh, podman…) -----------------------------------------------------------

_COBRA_OPT = re.compile(r"^ {1,8}(?:(-[A-Za-z0-9?]), )?(--[A-Za-z0-9][\w.-]*)(?: ([A-Za-z][\w-]*))?(?: {2,}|$)")
_COBRA_SHORT_ONLY = re.compile(r"^ {1,8}(-[A-Za-z0-9])(?: ([A-Za-z][\w-]*))?(?: {2,}|$)")
_LIST_ITEM = re.compile(r"^ {1,4}([a-z0-9][\w.:-]*)\*?(?: {2,}|$)")


def _sections(text: str) -> list[tuple[str, list[str]]]:
    """Split help text at unindented ``Heading:`` lines."""
    out: list[tuple[str, list[str]]] = [("", [])]
    for line in text.splitlines():
        if line and not line[0].isspace() and line.rstrip().endswith(":") and len(line) < 60:
            out.append((line.strip()[:-1], []))
        elif line.startswith("Usage:") and line.strip() != "Usage:":
            out.append(("Usage", [line[len("Usage:") :]]))
        else:
            out[-1][1].append(line)
    return out


def _cobra_flags(lines: list[str]) -> list[Flag]:
    flags: list[Flag] = []
    helps: list[list[str]] = []  # each flag's help, its lines
    going_on: list[str] | None = None  # the help the next deeper lines carry on (none after --help's)
    for line in lines:
        m = _COBRA_OPT.match(line)
        if m:
            short, long_, typ = m.groups()
            names = [short, long_] if short else [long_]
        else:
            m = _COBRA_SHORT_ONLY.match(line)
            if not m:
                if going_on and line.startswith(" " * 12):  # the help goes on, under its start
                    going_on.append(line.strip())
                continue
            names, typ = [m.group(1)], m.group(2)
        going_on = [line[m.end() :].strip()] if line[m.end() :].strip() else []
        if "--help" in names:
            going_on = None
            continue
        flags.append(Flag(names, typ, typ in REPEATING_TYPES if typ else False))
        helps.append(going_on)
    for flag, words in zip(flags, helps):
        flag.help = phrase(" ".join(words))
    return flags


def parse_cobra(text: str, path: list[str]) -> Page:
    page = Page()
    for title, lines in _sections(strip_ansi(text)):
        body = [ln for ln in lines if ln.strip()]
        if title == "Usage":
            page.usage = " ".join(body[0].split()) if body else ""
            page.about = phrase(body[1]) if len(body) > 1 else ""  # the line under the usage
        elif title == "Aliases":
            for item in " ".join(body).split(","):
                words = item.split()
                if words and words != path:
                    page.aliases.append(" ".join(words))
        elif title.endswith("Commands") or title == "Available Commands":
            for line in body:
                m = _LIST_ITEM.match(line)
                if m:
                    page.subcommands.append(m.group(1))
        elif title in ("Options", "Flags"):
            page.options = _cobra_flags(body)
        elif title in ("Global Options", "Global Flags"):
            page.inherited = _cobra_flags(body)
    if page.usage:
        page.args = [] if page.subcommands and not runs_itself(page.usage, path) else usage_args(page.usage, path)
    return page


def runs_itself(usage: str, path: list[str]) -> bool:
    """A group whose usage takes arguments of its own (``docker buildx [OPTIONS] PATH``)."""
    words = usage.split()
    rest = words[len(path) :] if words[: len(path)] == path else []
    return (
        bool(rest)
        and not any(w.strip("[]<>(").upper() in ("COMMAND", "SUBCOMMAND") for w in rest)
        and rest[0].strip("[<") not in [w for w in rest[1:2]]
        and not re.fullmatch(r"[a-z][a-z-]*", rest[0])
    )


# --- kubectl -------------------------------------------------------------------------------------

_KUBE_OPT = re.compile(r"^ {2,8}(?:(-[A-Za-z0-9]), )?(--[A-Za-z0-9][\w.-]*)=(.*):$")


def kubectl_flags(text: str) -> list[Flag]:
    flags: list[Flag] = []
    lines = strip_ansi(text).splitlines()
    for at, line in enumerate(lines):
        m = _KUBE_OPT.match(line)
        if not m:
            continue
        words = []
        for more in lines[at + 1 :]:  # the help, on the lines under the flag (a tab in)
            if not more.strip() or _KUBE_OPT.match(more):
                break
            words.append(more.strip())
        short, long_, default = m.groups()
        names = [short, long_] if short else [long_]
        if long_ == "--help":
            continue
        said = phrase(" ".join(words))
        if default in ("true", "false"):
            flags.append(Flag(names, on=default == "true", help=said))
        else:
            flags.append(Flag(names, long_[2:].upper().replace("-", "_"), default.startswith("["), help=said))
    return flags


def parse_kubectl(text: str, path: list[str]) -> Page:
    text = strip_ansi(text)
    page = Page()
    usage_next = False
    in_commands = False
    for line in text.splitlines():
        stripped = line.strip()
        if usage_next and stripped:
            page.usage = " ".join(stripped.split())
            usage_next = False
            continue
        if line and not line[0].isspace() and stripped.endswith(":"):
            usage_next = stripped == "Usage:"
            in_commands = "Commands" in stripped
            continue
        if line.startswith("Aliases:"):
            continue
        if in_commands:
            m = _LIST_ITEM.match(line)
            if m:
                page.subcommands.append(m.group(1))
                if line[m.end() :].strip():
                    page.listed[m.group(1)] = " ".join(line[m.end() :].split())
            elif stripped:
                in_commands = False
    m = re.search(r"^Aliases:\n((?:[ \t]*\S.*\n?)+)", text, re.M)  # kubectl prints them unindented
    if m:
        for item in m.group(1).replace("\n", ",").split(","):
            if item.strip() and item.strip() != path[-1]:
                page.aliases.append(item.strip())
    page.options = kubectl_flags(text)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if first and not first[0].isspace() and not first.rstrip().endswith(":"):  # kubectl's pages start with what it does
        page.about = phrase(first)
    if page.usage and not page.subcommands:
        page.args = usage_args(page.usage, path)
    return page


# --- git parse-options ---------------------------------------------------------------------------

_GIT_OPT = re.compile(
    r"^ {4}(?:(-[A-Za-z0-9@]), )?(--(?:\[no-\])?[A-Za-z0-9][\w-]*|-[A-Za-z0-9@])"
    r"(\[=[^\]]*\]|\[<[^\]]*>\]|=\S+| <[^>]+>| [^\s]+)?(?: {2,}|$)"
)


def parse_git(text: str, path: list[str]) -> Page:
    page = Page()
    lines = strip_ansi(text).splitlines()
    usages: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped and usages:
            break
        if stripped.startswith("usage: ") or stripped.startswith("or: "):
            usages.append(" ".join(stripped.split(" ", 1)[1].split()))
        elif usages and stripped:
            usages[-1] += " " + " ".join(stripped.split())
    if usages:
        page.usage = usages[0]
    subs: list[str] = []
    for usage in usages:
        words = usage.split()
        if words[: len(path)] == path and len(words) > len(path):
            word = words[len(path)]
            if re.fullmatch(r"\[[a-z][a-z-]*\]?", word) and len(path) == 2:  # git stash [push …]: the default
                word = page.default = word.strip("[]")
            if re.fullmatch(r"[a-z][a-z-]*", word) and word not in subs:
                subs.append(word)
    if len(subs) > 1 or (subs and len(usages) > 1 and len(path) == 2):
        page.subcommands = subs
    for at, line in enumerate(lines):
        m = _GIT_OPT.match(line)
        if not m:
            continue
        said = line[m.end() :].strip()
        if not said and at + 1 < len(lines) and lines[at + 1].startswith(" " * 12):  # the help on the next line
            said = lines[at + 1].strip()
        short, long_, tail = m.groups()
        if not long_.startswith("--"):  # a short option alone: -x
            short, long_ = long_, None
        negatable = bool(long_) and long_.startswith("--[no-]")
        if long_:
            long_ = long_.replace("[no-]", "")
        names = [n for n in (short, long_) if n]
        if "-h" in names or "--help" in names:
            continue
        words = phrase(said)
        if tail is None:
            page.options.append(Flag(names, negatable=negatable, help=words))
        elif tail.startswith("["):  # --opt[=<v>], -n[<n>]: a value only when attached
            value = tail[1:-1].lstrip("=").strip("<>")
            page.options.append(Flag(names, value, optional_value=True, negatable=negatable, help=words))
        elif tail.startswith("="):
            page.options.append(Flag(names, tail[1:].strip("<>"), negatable=negatable, help=words))
        else:
            page.options.append(Flag(names, tail.strip().strip("<>"), repeat=True, negatable=negatable, help=words))
    if not page.subcommands and page.usage:
        page.args = usage_args(page.usage, path)
    return page


def git_completion(page: Page, text: str) -> None:
    """Add what ``git CMD --git-completion-helper-all`` says to a page read from ``-h``: which
    long options parse-options lets ``--no-`` turn off (for an option named ``--no-X``: ``--X``),
    and the options ``-h`` does not show (hidden ones: they take part in prefix matching)."""
    words = text.split()
    if not any(w.startswith("--") for w in words) or "--git-completion-helper-all" in words or "usage:" in words:
        return  # a list of subcommands, no options at all, or no parse-options here
    names = {w.rstrip("="): w.endswith("=") for w in words if w.startswith("--") and w != "--"}
    real = {n for f in page.options for n in f.flags if n.startswith("--")}

    def off_form(name: str) -> str:
        return "--" + name[5:] if name.startswith("--no-") else "--no-" + name[2:]

    # a --no-X (or, for an option named --no-X, --X) the page does not list as an option of
    # its own is the off form of X
    for flag in page.options:
        flag.negatable = flag.negatable or any(
            n.startswith("--") and off_form(n) in names and off_form(n) not in real for n in flag.flags
        )
    for name, takes_value in names.items():
        if name in real or off_form(name) in real:
            continue
        if name.startswith("--no-") and off_form(name) in names:
            continue  # the off form of a hidden option
        page.options.append(Flag([name], "value" if takes_value else None, negatable=off_form(name) in names))
        real.add(name)


# --- gcloud --------------------------------------------------------------------------------------

_GCLOUD_FLAG = re.compile(r"(--(?:\[no-\])?[a-z0-9][a-z0-9-]*)(=[^\s\]|]+)?")
# a flag's own lines in a FLAGS section: the flag at five or more spaces, its words below, deeper
_GCLOUD_FLAG_LINE = re.compile(r"^ {5,}(--(?:\[no-\])?[a-z0-9][a-z0-9-]*)")
_GCLOUD_SHORT = re.compile(r"(--[a-z0-9][a-z0-9-]*)(?:=[^\s,]+)?, (-[a-zA-Z])\b")


def _gcloud_sections(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for line in strip_ansi(text).splitlines():
        if line and not line[0].isspace() and line.strip().isupper():
            current = line.strip()
            out[current] = []
        elif current:
            out[current].append(line)
    return out


def gcloud_flags(lines: list[str], *, line_start: bool = False) -> list[Flag]:
    """Flags of a synopsis (every ``--flag[=VALUE]`` in it, ``--zone=ZONE, -z ZONE`` giving
    ``-z``), or of a flag list (``line_start``: only lines that begin with a flag)."""
    if line_start:
        lines = [ln.strip() for ln in lines if re.match(r"^ {4,6}--?[a-z]", ln)]
    text = " ".join(lines)
    shorts = {m.group(1): m.group(2) for m in _GCLOUD_SHORT.finditer(text)}
    seen: dict[str, Flag] = {}
    for m in _GCLOUD_FLAG.finditer(text):
        long_, value = m.groups()
        if long_.startswith("--[no-]"):  # --[no-]enable-x: both --enable-x and --no-enable-x
            long_ = "--" + long_[7:]
            if long_ not in seen:
                seen[long_] = Flag([long_, "--no-" + long_[2:]])
            continue
        if long_ == "--help" or long_ in seen:
            continue
        names = [shorts[long_], long_] if long_ in shorts else [long_]
        name = value[1:].strip("[]").split(",")[0].split("=")[0].strip("[];") if value else None
        seen[long_] = Flag(names, name or (value[1:] if value else None))
    # gcloud's switches take a --no- form; a --no-x in the synopsis is the off form of --x.
    for long_, flag in list(seen.items()):
        if len(flag.flags) == 2 and flag.flags[1] == "--no-" + long_[2:]:
            continue  # read from --[no-]x
        if flag.value is None and long_.startswith("--no-") and "--" + long_[5:] not in seen:
            flag.flags.append("--" + long_[5:])
        elif flag.value is None and not long_.startswith("--no-") and "--no-" + long_[2:] not in seen:
            flag.flags.append("--no-" + long_[2:])
    return list(seen.values())


def parse_gcloud(text: str, path: list[str]) -> Page:
    sections = _gcloud_sections(text)
    page = Page()
    synopsis = sections.get("SYNOPSIS", [])
    page.usage = " ".join(" ".join(synopsis).split())
    name = " ".join(" ".join(sections.get("NAME", [])).split())  # gcloud config list - list … properties
    page.about = phrase(name.split(" - ", 1)[1]) if " - " in name else ""
    for title in ("GROUPS", "COMMANDS"):
        for line in sections.get(title, []):
            m = re.match(r"^ {5}([a-z0-9][a-z0-9-]*)\s*$", line)
            if m:
                page.subcommands.append(m.group(1))
    if not page.subcommands:
        page.options = gcloud_flags(synopsis)
        words = gcloud_flag_words(sections)
        for flag in page.options:
            flag.help = next((words[f] for f in flag.flags if f in words), "")
        # Positionals: the capitalised words of the synopsis before the first flag.
        words = page.usage.split()[len(path) :]
        args: list[str] = []
        for word in words:
            if word.startswith("[-") or word.startswith("-") or word.startswith("(") or word == "[GCLOUD_WIDE_FLAG":
                break
            name = word.strip("[]").rstrip(".")
            if re.fullmatch(r"[A-Z][A-Z0-9_/]*", name):
                args.append(name + ("*" if "..." in word else "?" if word.startswith("[") else ""))
        page.args = args
    return page


def _gcloud_flag_paragraphs(sections: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each flag of a page's own flag sections (FLAGS, REQUIRED FLAGS, LIST COMMAND FLAGS…; not
    the gcloud-wide ones) with the first paragraph of its words: the line ``--zone=ZONE`` and the
    deeper lines below it, up to the first blank line."""
    out: dict[str, list[str]] = {}
    for title, lines in sections.items():
        if not title.endswith("FLAGS") or title in ("GCLOUD WIDE FLAGS", "GLOBAL FLAGS", "OTHER FLAGS"):
            continue
        current: list[str] | None = None
        indent = 0
        for line in lines:
            m = _GCLOUD_FLAG_LINE.match(line)
            if m:
                indent = len(line) - len(line.lstrip())
                current = out.setdefault(m.group(1), [line])
                if len(current) > 1:
                    current = None  # the same flag twice on one page: its first words stand
                continue
            if current is None:
                continue
            if not line.strip():
                if len(current) > 1:
                    current = None  # the first paragraph is read
                continue
            if len(line) - len(line.lstrip()) > indent:
                current.append(line)
            else:
                current = None
    return out


def gcloud_flag_words(sections: dict[str, list[str]]) -> dict[str, str]:
    """What a page's help says each of its flags does, as a short phrase ("Zone of the instances
    to create"); both spellings of a ``--[no-]x`` flag, and a ``-z`` beside ``--zone``."""
    out: dict[str, str] = {}
    for long_, lines in _gcloud_flag_paragraphs(sections).items():
        text = " ".join(ln.strip() for ln in lines[1:])
        text = re.sub(r"^\((?:DEPRECATED|BETA|ALPHA)\)\s*", "", text)
        words = phrase(text)
        if not words:
            continue
        if long_.startswith("--[no-]"):
            out["--" + long_[7:]] = words
        else:
            out[long_] = words
            short = _GCLOUD_SHORT.search(lines[0].strip())
            if short:
                out[short.group(2)] = words
    return out


def parse_gcloud_globals(text: str) -> list[Flag]:
    sections = _gcloud_sections(text)
    return gcloud_flags(sections.get("GLOBAL FLAGS", []) + sections.get("OTHER FLAGS", []), line_start=True)


_GCLOUD_KEEP = ("NAME", "SYNOPSIS", "GROUPS", "COMMANDS", "GLOBAL FLAGS", "OTHER FLAGS")


def trim_gcloud(text: str) -> str:
    """The sections of a gcloud help page the reader uses (a page runs to thousands of lines):
    those kept whole, and of the page's own flag sections each flag's line and first paragraph."""
    sections = _gcloud_sections(text)
    kept = [f"{title}\n" + "\n".join(lines) for title, lines in sections.items() if title in _GCLOUD_KEEP]
    flags = _gcloud_flag_paragraphs(sections)
    if flags:
        kept.append("FLAGS\n" + "\n\n".join("\n".join(lines) for lines in flags.values()))
    return "\n".join(kept)


# --- Go's flag package (terraform) ------------------------------------------------------------

# `  -out=path   text`, `  -destroy   text`, `  -var 'foo=bar'   text`, `  -test-directory=path<TAB>text`
_GOFLAG_OPT = re.compile(r"^ {1,6}(-[A-Za-z0-9][\w.-]*)(=\S+| '[^']+'| \"[^\"]+\")?(?: {2,}|\t|$)")
_GOFLAG_ALIASES = re.compile(r"^\s+aliases?: (-[A-Za-z0-9][\w.-]*(?:=\S+)?(?:, -[A-Za-z0-9][\w.-]*(?:=\S+)?)*)\s*$")
_REPEATS = re.compile(r"multiple times|more than once", re.I)
_GOFLAG_BOOL = {"true", "false"}


def goflag_flags(lines: list[str], *, attached: bool = False) -> list[Flag]:
    """Options of a Go-flag help section: ``-name=value`` takes a value named by what follows
    ``=`` (``-lock=false``, ``-input=true``: a switch, on by default), ``-name`` alone is a
    switch, ``-var 'foo=bar'`` takes one; a description saying it may be given "multiple
    times" or "more than once" repeats; ``aliases: -cloud=false`` in a description are more
    spellings. ``attached``: a value is read only as ``-name=value`` (terraform's ``-chdir``)."""
    flags: list[Flag] = []
    current: Flag | None = None  # the option whose description is being read
    described: list[str] = []

    def close() -> None:
        if current is not None and current.value is not None and _REPEATS.search(" ".join(described)):
            current.repeat = True
        described.clear()

    for line in lines:
        m = _GOFLAG_OPT.match(line)
        if m is None:
            alias = _GOFLAG_ALIASES.match(line)
            if alias and current is not None:
                current.flags += [a.strip().partition("=")[0] for a in alias.group(1).split(",")]
            elif line.startswith((" " * 7, "\t")) or not line.strip():
                described.append(line.strip())
            else:  # prose between options describes none of them
                close()
                current = None
            continue
        close()
        name, tail = m.groups()
        described.append(line[m.end() :].strip())
        value = tail.lstrip("= ").strip("'\"") if tail else None
        if value in _GOFLAG_BOOL:
            current = Flag([name], on=True)  # -refresh=false: a switch the help shows turned off
        else:
            current = Flag([name], value, optional_value=attached and value is not None)
        if name not in ("-h", "-help"):
            flags.append(current)
    close()
    return flags


def _goflag_usage(usage: str) -> str:
    """``terraform [global options] plan [options]`` → ``terraform plan [options]``."""
    return " ".join(usage.replace("[global options]", " ").split())


_BORROW_SECTION = re.compile(r"accepts? (?:all|many|most|any) of the ([\w -]+?) options accepted by the ((?:[\w.-]+ )+?)command")
_BORROW_ALL = re.compile(r"(?:convenience )?alias for: ((?:[a-z][\w.-]* )*[a-z][\w.-]*)")


def parse_goflag(text: str, path: list[str]) -> Page:
    page = Page()
    prose: list[str] = []
    for title, lines in _sections(strip_ansi(text)):
        body = [ln for ln in lines if ln.strip()]
        low = title.lower()
        if title == "Usage":
            page.usage = _goflag_usage(body[0]) if body else ""
            prose += lines[1:]
        elif low.endswith("commands"):
            for line in body:
                m = _LIST_ITEM.match(line)
                if m:
                    page.subcommands.append(m.group(1))
        elif low.startswith("global options"):
            page.inherited = goflag_flags(lines, attached=True)
        elif low.endswith("options"):
            flags = goflag_flags(lines)
            page.sections[low] = flags
            page.options += flags
            prose += lines
        else:
            prose += lines
    said = " ".join(" ".join(prose).split())
    for m in _BORROW_SECTION.finditer(said):
        page.borrows.append((m.group(2).strip(), m.group(1).replace("-", " ").lower() + " options"))
    for m in _BORROW_ALL.finditer(said):
        words = m.group(1).split()
        if words[0] == path[0] and len(words) > 1:
            page.borrows.append((" ".join(words[:2]), ""))
    if page.usage:
        page.args = [] if page.subcommands and not runs_itself(page.usage, path) else usage_args(page.usage, path)
    return page


def looks_goflag(text: str) -> bool:
    """A top-level help in Go-flag style: a list under a heading ending in ``commands:`` and
    options spelt with one dash (``-chdir=DIR``), none with two."""
    text = strip_ansi(text)
    return (
        re.search(r"^[A-Z][\w ]*commands:\s*$", text, re.M) is not None
        and re.search(r"^ {1,6}-[A-Za-z][\w-]+(?:=\S+)?(?: {2,}|\t|$)", text, re.M) is not None
        and re.search(r"^ {1,8}(?:-\w, )?--\w", text, re.M) is None
    )


# --- GNU getopt_long (coreutils, grep, tar, journalctl, systemctl) -------------------------------

_GNU_HEAD = re.compile(r"^( {1,8})-")
_GNU_SPELL = re.compile(r"^(--?[A-Za-z0-9?][\w.-]*)(\[=[^\]\s]+\]|=\S+|\[\S+\])?(,?)$")
_GNU_VALUE = re.compile(r"^(?:<[^>\s]+>|\[?[A-Z][A-Z0-9_@.\[\]|-]*(?:\.\.\.)?\]?),?$")
_GNU_COMMAND = re.compile(r"^ {1,4}([a-z][a-z0-9-]*)((?: (?:[\[<A-Z|][^ ]*))*)(?: {2,}(.*)|$)")


def _gnu_option(line: str) -> tuple[Flag, str, int] | None:
    """One option line: its flag, the help on the line and the column that help starts at;
    None for a line that names no option (prose, an example)."""
    m = _GNU_HEAD.match(line)
    if not m:
        return None
    at = len(m.group(1))
    names: list[str] = []
    value: str | None = None
    optional = False
    while at < len(line):
        end = line.find(" ", at)
        end = len(line) if end < 0 else end
        token = line[at:end]
        sm = _GNU_SPELL.match(token)
        if sm:  # spellings follow each other with a comma (coreutils) or without (systemd)
            name, tail, _comma = sm.groups()
            names.append(name)
            if tail:
                optional = tail.startswith("[")
                value = (tail[2:-1] if optional and tail.startswith("[=") else tail.strip("[]")) if optional else tail[1:]
        elif names and value is None and line[at - 2] != " " and _GNU_VALUE.match(token) and not token.rstrip(",").isdigit():
            value = token.strip("<>,").rstrip(".")  # --data <data>, -P NAME
            value = value.strip("[]") if value.startswith("[") and value.endswith("]") else value
        else:
            break
        at = end
        while at < len(line) and line[at] == " ":
            at += 1
        if at - end >= 2:  # the help starts (tar's "--no-verbatim-files-from   -T treats …")
            break
    if not names:
        return None
    rest = line[at:].strip() if at < len(line) else ""
    if value and value.endswith("..."):
        value = value[:-3]
    # getopt_long keeps no "last one wins": each use reaches the program (grep -e a -e b,
    # journalctl -u a -u b), so a value is read as repeating
    return Flag(names, value or None, value is not None, optional_value=optional and value is not None), rest, at


def gnu_flags(text: str) -> list[Flag]:
    """Every option line of a GNU help (its help: that line's words and the deeper lines under
    them); an option named twice keeps its first line."""
    flags: list[Flag] = []
    words: list[list[str]] = []
    seen: set[str] = set()
    column = -1
    current: list[str] | None = None
    going_on: Flag | None = None  # grep's `--color[=WHEN],` whose other spelling is the next line
    for raw in strip_ansi(text).expandtabs(8).splitlines():
        read = _gnu_option(raw)
        if read is not None and going_on is not None:
            more, rest, column = read
            going_on.flags += [n for n in more.flags if n not in going_on.flags]
            if going_on.value is None:
                going_on.value, going_on.repeat, going_on.optional_value = more.value, more.repeat, more.optional_value
            seen.update(more.flags)
            going_on = going_on if not rest and raw.rstrip().endswith(",") else None
            if rest and current is not None:
                current.append(rest)
            column = column if rest else -1
            continue
        if read is not None:
            flag, rest, column = read
            current = [rest] if rest else []
            going_on = flag if not rest and raw.rstrip().endswith(",") else None
            if "--help" in flag.flags or "--version" in flag.flags or seen & set(flag.flags):
                current = going_on = None
                continue
            seen.update(flag.flags)
            flags.append(flag)
            words.append(current)
            if not rest:
                column = -1  # the help starts on the next line, deeper
            continue
        indent = len(raw) - len(raw.lstrip())
        if current is not None and raw.strip() and (indent >= column > 0 or (column < 0 and indent > 4)):
            if column < 0:
                column = indent
            current.append(raw.strip())
        else:
            current = None
    names = {n for f in flags for n in f.flags}
    for flag, said in zip(flags, words):
        flag.help = phrase(" ".join(said).split("; ")[0])  # coreutils: "polish COUNT times; with no COUNT, …"
        if flag.value is None:
            flag.means = _gnu_means(" ".join(said), names)
    by_name = {n: f for f in flags for n in f.flags}

    def leads_back(flag: Flag, seen: tuple[int, ...]) -> bool:  # "-x: same as --y", "--y: same as -x"
        if id(flag) in seen:
            return True
        return any(leads_back(by_name[w.partition("=")[0]], (*seen, id(flag))) for w in flag.means)

    for flag in flags:
        if flag.means and leads_back(flag, ()):
            flag.means = []
    return flags


_GNU_MEANS = re.compile(r"^(?:shortcut for|same as|equivalent to)\s+(-\S+(?:\s+-\S+)*?)\s*\.?$", re.I)


def _gnu_means(said: str, names: set[str]) -> list[str]:
    """The options a switch's help says it is (systemctl's ``--failed``: "Shortcut for
    --state=failed"; cp's ``-a``: "same as -dR --preserve=all"), every one an option of the page
    with no placeholder for a value (``-P NAME``: "Equivalent to --value --property=NAME"); else []."""
    m = _GNU_MEANS.match(" ".join(said.split()))
    if not m:
        return []
    out: list[str] = []
    for word in m.group(1).split():
        word = word.rstrip(".,")
        name, eq, value = word.partition("=")
        if eq and (not value or re.fullmatch(r"[A-Z][A-Z0-9_]*", value)):
            return []
        if not name.startswith("--") and len(name) > 2:  # -dR
            out += ["-" + c for c in name[1:]]
        else:
            out.append(word)
    return out if all(w.partition("=")[0] in names for w in out) else []


def _gnu_usage(text: str, path: list[str]) -> tuple[str, bool]:
    """The first usage line (``Usage: cp [OPTION]... SOURCE DEST``, or a first line that starts
    with the program's name) with its options words left out, and whether there are more."""
    lines = [ln.strip() for ln in strip_ansi(text).splitlines()]
    found: list[str] = []
    for line in lines:
        if line.startswith("Usage: ") or line.startswith("usage: "):
            found.append(line[7:].strip())
        elif found and line.startswith("or: "):
            found.append(line[4:].strip())
        elif found:
            break
    if not found and lines and lines[0].split(" ")[0] == path[0]:
        found.append(lines[0])
    if not found:
        return "", False
    usage = re.sub(r"\[OPTIONS?(?:\.\.\.)?\](?:\.\.\.)?", " ", found[0])
    return " ".join(usage.split()), len(found) > 1


def parse_gnu(text: str, path: list[str]) -> Page:
    page = Page()
    usage, more = _gnu_usage(text, path)
    page.usage = usage
    in_commands = False
    about_next = True
    about: list[str] = []  # the paragraph under the usage, whole (tar's runs on to a second line)
    for line in strip_ansi(text).expandtabs(8).splitlines():
        stripped = line.strip()
        if about and (not stripped or line[0].isspace() or stripped.endswith(":")):
            page.about, about = phrase(" ".join(about)), []
        elif about:
            about.append(stripped)
            continue
        if line and not line[0].isspace() and stripped.endswith(":"):
            in_commands = stripped.endswith("Commands:") or stripped.endswith("commands:")
            about_next = False
            continue
        if about_next and stripped and not line[0].isspace() and not stripped.startswith(("Usage:", "usage:")):
            if stripped != usage and stripped.split(" ")[0] != path[0]:
                about = [stripped]
                about_next = False
        if in_commands:
            m = _GNU_COMMAND.match(line)
            if m and m.group(1) not in page.subcommands:
                page.subcommands.append(m.group(1))
                page.sub_usage[m.group(1)] = " ".join(m.group(2).split())
                page.listed[m.group(1)] = (m.group(3) or "").strip()
    if about:
        page.about = phrase(" ".join(about))
    page.options = gnu_flags(text)
    if usage:
        page.args = ["ARG*"] if more else usage_args(usage, path)
    return page


def looks_gnu(text: str) -> bool:
    """A help in getopt_long's layout: a usage line and at least three option lines that
    give a long spelling (``  -a, --all``, ``  -u --unit=UNIT``, ``      --no-pager``)."""
    text = strip_ansi(text)
    usage = re.search(r"^(?:[Uu]sage: +)?\S+ .*\[OPTIONS?(?:\.\.\.)?\]", text, re.M)
    longs = re.findall(r"^ {1,8}(?:-[A-Za-z0-9?],? +)*--[A-Za-z0-9][\w-]*", text, re.M)
    return usage is not None and len(longs) >= 3


READERS = {
    "cobra": parse_cobra,
    "kubectl": parse_kubectl,
    "git": parse_git,
    "gcloud": parse_gcloud,
    "goflag": parse_goflag,
    "gnu": parse_gnu,
}


# --- shell programs with no grammar (GNU --help, man pages, bash's `help`) ---------------------
# Only their words: what the program does and what each option does, for English prompts.

_OPTION_HEAD = re.compile(
    r"^( {1,8})(-{1,2}[A-Za-z0-9?@][^\s,]*(?:[ =]\S+)?(?:, +-{1,2}[A-Za-z0-9][^\s,]*(?:[ =]\S+)?)*)(?: {2,}(.*))?$"
)
_SPELLING = re.compile(r"^(-{1,2}[A-Za-z0-9?@][\w-]*)(?:(?:\[?=|\[|\s+)(.+))?$")


def shell_options(text: str) -> list[Flag]:
    """The options of a shell program's help or rendered man page, with their help phrases:
    ``  -n, --lines=[-]NUM   print the first NUM lines …`` (GNU ``--help``), an option line
    whose help is on the deeper lines under it (``-name pattern`` then ``Base of file name …``,
    a man page), ``  -L<TAB>force symbolic links …`` (bash's ``help cd``). A help goes on over
    deeper lines until a blank line or the next option; its first clause is the phrase."""
    flags: list[Flag] = []
    helps: list[list[str]] = []
    indent = -1
    for raw in strip_ansi(text).expandtabs(8).splitlines():
        line = raw.rstrip()
        m = _OPTION_HEAD.match(line)
        if m and (indent < 0 or len(m.group(1)) <= indent + 4):  # GNU: long-only options 4 deeper
            spellings = [s.strip() for s in m.group(2).split(",")]
            names: list[str] = []
            value: str | None = None
            for s in spellings:
                sm = _SPELLING.match(s)
                if sm:
                    names.append(sm.group(1))
                    value = value or (sm.group(2).replace("[-]", "").strip("[]<>=- ") or None if sm.group(2) else None)
            if names:
                flags.append(Flag(names, value))
                helps.append([m.group(3) or ""])
                indent = len(m.group(1))
                continue
        if not line.strip():
            indent = -1 if not helps or helps[-1] != [""] else indent  # a man page's help may follow a blank
            if helps and helps[-1] != [""]:
                helps.append([])  # closed
                flags.append(Flag([]))
            continue
        if helps and len(line) - len(line.lstrip()) > max(indent, 0) and indent >= 0:
            helps[-1].append(line.strip())
    out: list[Flag] = []
    seen: set[str] = set()
    for flag, lines in zip(flags, helps):
        if not flag.flags or seen & set(flag.flags):
            continue  # a man page names an option again in its examples: its first entry says it
        seen.update(flag.flags)
        clauses = [c for c in " ".join(" ".join(lines).split()).split("; ") if len(c.split()) >= 2]
        # a dot standing alone (ls -A: "do not list implied . and ..") is a word, no sentence end;
        # nor is "etc." going on in lower case (wget -p: "get all images, etc. needed to display…")
        said = re.sub(r"(?<=\s)\.(?=[.\s]|$)|(?<=\s\.)\.|(?<=\betc)\.(?=\s+[a-z])", "\x00", clauses[0]) if clauses else ""
        flag.help = phrase(said).replace("\x00", ".") if said else ""  # find's "-print0  True; print …"
        out.append(flag)
    return out


def shell_about(whatis: str, program: str) -> str:
    """What a program does, from its man page's NAME line as ``whatis`` prints it
    (``head (1) - output the first part of files``) or the first line under bash's
    ``help NAME`` usage (``cd: cd [-L|-P] [dir]`` / ``    Change the shell working directory.``)."""
    for line in strip_ansi(whatis).splitlines():
        m = re.match(rf"^{re.escape(program)} \((?:1|8)[a-z]*\)\s+- (.+)$", line.strip())
        if m:
            return phrase(m.group(1))
    lines = strip_ansi(whatis).splitlines()
    if lines and lines[0].startswith(f"{program}: ") and len(lines) > 1:
        return phrase(lines[1])
    return ""
