"""Pairs of spellings from real git command lines, each made to mean the same or not, for the
differential test against git itself (tests/git_judge.py).

The options of a command are read from git, not from dockquiz's grammar (so the pairs do not
move when the grammar does): ``git CMD -h`` (short and long spellings, ``<value>`` or
``[=<value>]``) and ``git CMD --git-completion-helper-all`` (every long option, hidden ones
too, ``=`` when it takes a value, the ``--no-`` forms parse-options accepts). The revision
and diff options of the log family are not parse-options: the few that take a separate value
are listed here. What a mutation means to do only picks candidates: git's verdict decides.
"""

from __future__ import annotations

import random
import re
import shlex
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache

SAME = (
    "reorder",
    "long_short",
    "long_equals",
    "equals_long",
    "glued_short",
    "long_prefix",
    "bundle",
    "dash_number",
    "revision",
    "stash_push",
    "double_toggle",
    "equivalent",
)
DIFFERENT = (
    "negated",
    "toggle_last",
    "bool_value",
    "short_equals",
    "short_case",
    "ambiguous_prefix",
    "value_changed",
    "flag_dropped",
    "sibling_flag",
    "argument_changed",
    "args_swapped",
    "revision_changed",
    "sibling_command",
    "optional_apart",
    "counted",
)

LOG_FAMILY = frozenset({"log", "show", "whatchanged", "reflog", "rev-list", "shortlog", "format-patch", "diff", "cherry"})
# revision / diff options that take a separate value (git log --author x)
REVISION_VALUES = {
    "-n": "--max-count",
    "--max-count": "--max-count",
    "--skip": "--skip",
    "--author": "--author",
    "--committer": "--committer",
    "--grep": "--grep",
    "--since": "--since",
    "--after": "--after",
    "--until": "--until",
    "--before": "--before",
    "-S": "-S",
    "-G": "-G",
    "--date": "--date",
    "-L": "-L",
    "--min-parents": "--min-parents",
    "--max-parents": "--max-parents",
}
_REV = re.compile(r"^(HEAD|@|[A-Za-z0-9][\w./-]*)((?:[~^]\d*)+)$")
_SHELLISH = set("$<>|;&`\\#*{}[]!")


@dataclass(frozen=True)
class Pair:
    original: str
    variant: str
    mutation: str

    @property
    def meant_same(self) -> bool:
        return self.mutation in SAME


@dataclass
class Opt:
    short: str | None = None  # "-m"
    long: str | None = None  # "--message"
    value: str = "none"  # none | separate | attached (only attached: --opt[=v], -u<mode>)
    negatable: bool = False


@dataclass
class Facts:
    """One command's options as git reads them."""

    options: list[Opt] = field(default_factory=list)
    by_flag: dict[str, Opt] = field(default_factory=dict)
    longs: list[str] = field(default_factory=list)  # every long name: --x, --no-x
    subcommands: list[str] = field(default_factory=list)


_HELP_OPT = re.compile(
    r"^ {4}(?:(-[A-Za-z0-9@]), )?(--(?:\[no-\])?[A-Za-z0-9][\w-]*|-[A-Za-z0-9@])"
    r"(\[=[^\]]*\]|\[[^\]]*\]|=\S+| <[^>]+>| [^\s]+)?(?: {2,}|$)"
)


def _git(*args: str) -> str:
    done = subprocess.run(
        ["git", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={"PATH": "/usr/bin:/bin:/usr/local/bin", "LC_ALL": "C", "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"},
        cwd="/",
    )
    return done.stdout + done.stderr


@lru_cache(maxsize=None)
def facts(path: tuple[str, ...]) -> Facts:
    f = Facts()
    helper = _git(*path[1:], "--git-completion-helper-all").split()
    if helper and not any(t.startswith("-") for t in helper) and all(re.fullmatch(r"[a-z][a-z-]*", t) for t in helper):
        f.subcommands = helper
        return f
    helper = [t for t in helper if t.startswith("--") and t != "--"]
    if "usage:" in " ".join(helper):
        helper = []
    names = {t.rstrip("="): t.endswith("=") for t in helper}
    for line in _git(*path[1:], "-h").splitlines():
        m = _HELP_OPT.match(line)
        if not m:
            continue
        short, long_, tail = m.groups()
        if long_.startswith("-") and not long_.startswith("--"):
            short, long_ = long_, None
        if long_:
            long_ = long_.replace("[no-]", "")
        if "-h" in (short, long_) or long_ == "--help":
            continue
        value = "none"
        if tail:
            value = "attached" if tail.startswith("[") else "separate"
        o = Opt(short, long_, value)
        f.options.append(o)
    known = {o.long for o in f.options if o.long}
    for name, takes in names.items():
        if name in known or name.startswith("--no-"):
            continue
        f.options.append(Opt(None, name, "separate" if takes else "none"))
        known.add(name)
    for o in f.options:
        if o.long:
            base = o.long[2:]
            o.negatable = ("--no-" + base) in names or (base.startswith("no-") and ("--" + base[3:]) in names)
    if path[1:2] and path[1] in LOG_FAMILY:
        for flag, long_ in REVISION_VALUES.items():
            if flag not in {o.short for o in f.options} | known:
                o = Opt(flag if not flag.startswith("--") else None, long_ if flag.startswith("--") else None, "separate")
                f.options.append(o)
    for o in f.options:
        for flag in (o.short, o.long):
            if flag:
                f.by_flag.setdefault(flag, o)
    f.longs = sorted(set(names) | {o.long for o in f.options if o.long})
    return f


def usable(line: str) -> bool:
    """A plain git command line: no shell syntax, placeholders, or words in another script."""
    if not line.startswith("git ") or not line.isascii() or _SHELLISH & set(line):
        return False
    try:
        words = shlex.split(line)
    except ValueError:
        return False
    return len(words) >= 2 and not words[1].startswith("-")


@dataclass
class Unit:
    words: list[str]
    flag: str  # the flag as typed ("-m", "--message"), "" for a bundle or -<n>
    value: str | None
    opt: Opt | None


def path_of(words: list[str]) -> tuple[str, ...]:
    if len(words) > 2 and words[2] in facts(tuple(words[:2])).subcommands:
        return tuple(words[:3])
    return tuple(words[:2])


def split(words: list[str], f: Facts, path_len: int) -> tuple[list[Unit], list[str], list[str]] | None:
    """Option units, positionals, and the words from ``--`` on; None for a line too odd to vary."""
    units: list[Unit] = []
    args: list[str] = []
    i = path_len
    while i < len(words):
        word = words[i]
        if word == "--":
            return units, args, words[i:]
        if word.startswith("--"):
            name, eq, val = word.partition("=")
            o = f.by_flag.get(name)
            if o is not None and o.value == "separate" and not eq:
                if i + 1 >= len(words):
                    return None
                units.append(Unit([word, words[i + 1]], name, words[i + 1], o))
                i += 2
                continue
            units.append(Unit([word], name, val if eq else None, o))
        elif word.startswith("-") and len(word) > 1:
            if re.fullmatch(r"-\d+", word):
                units.append(Unit([word], "", word[1:], None))
            else:
                flag = word[:2]
                o = f.by_flag.get(flag)
                if o is not None and o.value == "separate" and len(word) == 2:
                    if i + 1 >= len(words):
                        return None
                    units.append(Unit([word, words[i + 1]], flag, words[i + 1], o))
                    i += 2
                    continue
                if len(word) > 2:
                    units.append(Unit([word], "", None, None))  # a bundle or an attached value: as it is
                else:
                    units.append(Unit([word], flag, None, o))
        else:
            args.append(word)
        i += 1
    return units, args, []


def _join(path, units, args, tail) -> str:
    return shlex.join([*path, *(w for u in units for w in u.words), *args, *tail])


def _prefixes(long_: str, f: Facts) -> tuple[str | None, str | None]:
    """The shortest unambiguous prefix of ``long_`` (shorter than it), and the longest
    prefix that is also a prefix of another option's name."""
    others = [n for n in f.longs if n != long_ and not (n == "--no-" + long_[2:])]
    unique = ambiguous = None
    for k in range(3, len(long_)):
        p = long_[:k]
        clash = [n for n in others if n.startswith(p)]
        if clash:
            ambiguous = p
        elif unique is None:
            unique = p
    return unique, ambiguous


def _revision_variants(word: str) -> list[tuple[str, str]]:
    """Same-meaning spellings of a revision with ~/^ (HEAD^ = HEAD~ = HEAD~1), and a changed one."""
    m = _REV.match(word)
    if not m:
        return []
    base, suffix = m.groups()
    steps = 0
    for part in re.findall(r"[~^]\d*", suffix):
        n = int(part[1:] or 1)
        if part[0] == "^" and n != 1:
            return [("revision_changed", word.replace(part, "~" + part[1:], 1))]  # ^2 is the second parent
        steps += n if part[0] == "~" else 1
    out = []
    for spelling in (f"{base}~{steps}", f"{base}" + "^" * steps, f"{base}~" if steps == 1 else None):
        if spelling and spelling != word:
            out.append(("revision", spelling))
    if base == "HEAD":
        out.append(("revision", "@" + suffix))
    out.append(("revision_changed", f"{base}~{steps + 1}"))
    if steps == 1:
        out.append(("revision_changed", f"{base}^2"))
    return out


EQUIVALENTS = [
    # (path, option words in the line) -> (path, option words): the same command in another spelling
    (("git", "checkout"), ["-b"], ("git", "switch"), ["-c"]),
    (("git", "checkout"), ["-B"], ("git", "switch"), ["-C"]),
    (("git", "checkout"), ["--detach"], ("git", "switch"), ["--detach"]),
    (("git", "checkout"), [], ("git", "switch"), []),
    (("git", "branch"), ["-D"], ("git", "branch"), ["-d", "-f"]),
    (("git", "branch"), ["-D"], ("git", "branch"), ["--delete", "--force"]),
    (("git", "branch"), ["-M"], ("git", "branch"), ["-m", "-f"]),
    (("git", "diff"), ["--cached"], ("git", "diff"), ["--staged"]),
]


def mutations(line: str, rnd: random.Random) -> list[Pair]:
    words = shlex.split(line)
    path = path_of(words)
    stash = path == ("git", "stash") and (len(words) == 2 or words[2].startswith("-"))
    f = facts(("git", "stash", "push") if stash else path)
    got = split(words, f, len(path))
    if got is None:
        return []
    units, args, tail = got
    original = _join(path, units, args, tail)
    out: list[Pair] = []

    def add(kind: str, units_=None, args_=None, path_=None, tail_=None) -> None:
        variant = _join(
            path if path_ is None else path_,
            units if units_ is None else units_,
            args if args_ is None else args_,
            tail if tail_ is None else tail_,
        )
        if variant != original:
            out.append(Pair(original, variant, kind))

    def swap(idx: int, *new: Unit) -> list[Unit]:
        return units[:idx] + list(new) + units[idx + 1 :]

    if len(units) > 1:
        order = list(range(len(units)))
        rnd.shuffle(order)
        by_key: dict[str, list[int]] = {}
        for idx, u in enumerate(units):
            by_key.setdefault(u.flag or u.words[0], []).append(idx)
        seen: dict[str, int] = {}
        shuffled = []
        for idx in order:
            key = units[idx].flag or units[idx].words[0]
            shuffled.append(units[by_key[key][seen.get(key, 0)]])
            seen[key] = seen.get(key, 0) + 1
        add("reorder", shuffled)
    switches = [i for i, u in enumerate(units) if u.opt is not None and u.opt.long and u.opt.value == "none" and u.value is None]
    toggled = rnd.choice(switches) if switches else None
    for idx, u in enumerate(units):
        o = u.opt
        if o is not None and o.short and o.long:
            other = o.long if u.flag == o.short else o.short
            if u.value is None:
                add("long_short", swap(idx, Unit([other], other, None, o)))
            elif o.value == "separate":
                add("long_short", swap(idx, Unit([other, u.value], other, u.value, o)))
        if o is not None and u.value is not None and o.value == "separate":
            if u.flag.startswith("--"):
                if len(u.words) == 2:
                    add("long_equals", swap(idx, Unit([f"{u.flag}={u.value}"], u.flag, u.value, o)))
                else:
                    add("equals_long", swap(idx, Unit([u.flag, u.value], u.flag, u.value, o)))
            elif len(u.words) == 2:
                add("glued_short", swap(idx, Unit([u.flag + u.value], u.flag, u.value, o)))
                add("short_equals", swap(idx, Unit([f"{u.flag}={u.value}"], u.flag, u.value, o)))
        if u.value is not None and u.flag:
            last = u.value[-1:]
            changed = u.value[:-1] + ("7" if last.isdigit() and last != "7" else "9" if last.isdigit() else last + "x")
            add("value_changed", swap(idx, Unit([*u.words[:-1], u.words[-1].replace(u.value, changed)], u.flag, changed, o)))
            for kind, spelling in _revision_variants(u.value):
                add(kind, swap(idx, Unit([*u.words[:-1], u.words[-1].replace(u.value, spelling)], u.flag, spelling, o)))
        add("flag_dropped", units[:idx] + units[idx + 1 :])
        attached = f.by_flag.get(u.words[0][:2] if not u.words[0].startswith("--") else u.flag)
        if len(u.words) == 1 and attached is not None and attached.value == "attached":  # -uno -> -u no
            word = u.words[0]
            flag, val = word.partition("=")[::2] if word.startswith("--") else (word[:2], word[2:])
            if val:
                add("optional_apart", swap(idx, Unit([flag, val], flag, None, attached)))
        if o is not None and u.words == [u.flag] and u.flag in ("-v", "-q", "--verbose", "--quiet"):  # -vv: a count
            add("counted", swap(idx, u, Unit([u.flag], u.flag, None, o)))
        if idx == toggled:  # one switch of the line: turned off, on again, off again, =true
            base = o.long[2:]
            off = "--" + base[3:] if base.startswith("no-") else "--no-" + base
            add("negated", swap(idx, Unit([off], off, None, o)))
            add("double_toggle", swap(idx, Unit([off], off, None, o), u))
            add("toggle_last", swap(idx, u, Unit([off], off, None, o)))
            add("bool_value", swap(idx, Unit([f"{u.words[0]}=true"], u.flag, "true", o)))
        if o is not None and o.long and u.flag == o.long and u.words[0].partition("=")[0] == o.long:
            unique, ambiguous = _prefixes(o.long, f)
            rest = u.words[0][len(o.long) :]
            if unique:
                add("long_prefix", swap(idx, Unit([unique + rest, *u.words[1:]], unique, u.value, o)))
            if ambiguous:
                add("ambiguous_prefix", swap(idx, Unit([ambiguous + rest, *u.words[1:]], ambiguous, u.value, o)))
        if u.flag and len(u.flag) == 2 and u.flag[1].isalpha():
            flipped = "-" + u.flag[1].swapcase()
            twin = f.by_flag.get(flipped)
            if twin is not None and twin is not o:
                add("short_case", swap(idx, Unit([flipped, *u.words[1:]], flipped, u.value, twin)))
        number = None
        if u.flag == "" and u.value is not None and path[1] in LOG_FAMILY:
            number = u.value
        elif u.flag in ("-n", "--max-count") and u.value is not None and path[1] in LOG_FAMILY:
            number = u.value
        if number is not None and number.isdigit():
            for spelling in ([f"-{number}"], ["-n", number], [f"-n{number}"], [f"--max-count={number}"], ["--max-count", number]):
                add("dash_number", swap(idx, Unit(spelling, "-n", number, None)))
    shorts = [
        u
        for u in units
        if u.opt is not None and u.opt.value == "none" and u.value is None and len(u.flag) == 2 and u.words == [u.flag]
    ]
    if len(shorts) >= 2:
        rest = [u for u in units if u not in shorts]
        add("bundle", [Unit(["-" + "".join(u.flag[1] for u in shorts)], "", None, None), *rest])
    valued = [u for u in units if u.opt is not None and u.opt.value == "separate" and len(u.flag) == 2 and len(u.words) == 2]
    if shorts and valued:
        last = valued[0]
        rest = [u for u in units if u is not last and u not in shorts]
        bundle = "-" + "".join(u.flag[1] for u in shorts) + last.flag[1]
        add("bundle", [Unit([bundle, last.value], "", None, None), *rest])
    present = {u.opt.long or u.opt.short for u in units if u.opt is not None}
    siblings = sorted(
        o.long or o.short
        for o in f.options
        if o.value == "none" and (o.long or o.short) not in present and (o.long or o.short) not in ("--help",)
    )
    if siblings:
        extra = rnd.choice(siblings)
        add("sibling_flag", [*units, Unit([extra], extra, None, None)])
    changed = rnd.randrange(len(args)) if args else None
    for idx, a in enumerate(args):
        if idx == changed:
            add("argument_changed", args_=args[:idx] + [a + "2"] + args[idx + 1 :])
        for kind, spelling in _revision_variants(a):
            add(kind, args_=args[:idx] + [spelling] + args[idx + 1 :])
    if len(args) >= 2 and args[0] != args[1]:
        add("args_swapped", args_=[args[1], args[0], *args[2:]])
    if len(path) == 3:
        siblings_ = [s for s in facts(path[:2]).subcommands if s != path[2]]
        if siblings_:
            add("sibling_command", path_=(*path[:2], rnd.choice(sorted(siblings_))))
    if stash:
        add("stash_push", path_=("git", "stash", "push"))
    if path == ("git", "stash", "push"):
        add("stash_push", path_=("git", "stash"))
    flags = [u.words[0] for u in units]
    for a_path, a_opts, b_path, b_opts in EQUIVALENTS:
        for (p1, o1), (p2, o2) in (((a_path, a_opts), (b_path, b_opts)), ((b_path, b_opts), (a_path, a_opts))):
            if path != p1 or any(x not in flags for x in o1) or (not o1 and units):
                continue
            if not o1 and not o2 and (tail or len(args) != 1):
                continue
            kept = [u for u in units if u.words[0] not in o1]
            lead = [u for u in units if u.words[0] in o1]
            new = [Unit([w], w, None, None) for w in o2[:-1]]
            if lead and o2:
                new.append(Unit([o2[-1], *lead[-1].words[1:]], o2[-1], lead[-1].value, None))
            elif o2:
                new.append(Unit([o2[-1]], o2[-1], None, None))
            add("equivalent", [*new, *kept], path_=p2)
    return out


def pairs_of(lines: list[str], rnd: random.Random) -> list[Pair]:
    out = []
    for line in lines:
        out.extend(mutations(line, rnd))
    return list(dict.fromkeys(out))
