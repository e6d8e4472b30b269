"""Pairs of spellings from real kubectl command lines (``fixtures/kubectl/lines.txt``), each
made to mean the same or not, for the differential test against kubectl itself
(tests/kubectl_judge.py). The resource spellings come from the API's discovery facts the
judge serves (``fixtures/kubectl/discovery.json``), not from the grader's overlay.

A mutation says what it was made for; kubectl decides what it means (pairs meant the same
that kubectl reads differently count as different; pairs meant different that kubectl
reads the same are dropped as undecidable).
"""

from __future__ import annotations

import json
import random
import shlex
from dataclasses import dataclass
from pathlib import Path

from dockquiz.grading.grammar import Grammar
from dockquiz.grading.parser import parse

FIXTURES = Path(__file__).parent / "fixtures" / "kubectl"

SAME = (
    "reorder",
    "options_first",
    "long_short",
    "long_equals",
    "short_equals",
    "glued_short",
    "bundle",
    "alias",
    "global_front",
    "flag_front",
    "flag_between",
    "type_spelling",
    "type_slash",
    "default_pod",
    "bool_true",
    "path_spelling",
)
DIFFERENT = (
    "value_changed",
    "flag_dropped",
    "sibling_flag",
    "short_case",
    "sibling_command",
    "argument_changed",
    "type_changed",
    "no_dashdash",
    "bool_separate",
    "global_short",
    "negated",
)


# kinds only gcloud's lines give (kubectl's switches have no --no- spelling)
GCLOUD_ONLY = ("negated",)
# programs whose global flags may stand before the command's path: may its own flags too?
# (kubectl's cobra: yes; gcloud: no). The judge decides; the grader's facts do not choose the pairs.
FLAGS_BEFORE = ("kubectl", "gcloud")


@dataclass(frozen=True)
class Pair:
    original: str
    variant: str
    mutation: str

    @property
    def meant_same(self) -> bool:
        return self.mutation in SAME


def lines() -> list[str]:
    """The fixture's command lines (comments and blank lines left out), each once."""
    out = []
    for raw in (FIXTURES / "lines.txt").read_text("utf-8").splitlines():
        line = " ".join(raw.split())
        if line and not line.startswith("#"):
            out.append(line)
    return list(dict.fromkeys(out))


def sources() -> dict[str, list[str]]:
    """The fixture's lines by the ``# source:`` line above them."""
    out: dict[str, list[str]] = {}
    source = ""
    for raw in (FIXTURES / "lines.txt").read_text("utf-8").splitlines():
        if raw.startswith("# source:"):
            source = raw.removeprefix("# source:").strip()
        elif raw.strip() and not raw.startswith("#"):
            out.setdefault(source, []).append(" ".join(raw.split()))
    return out


def help_examples(pages: dict[str, str]) -> list[str]:
    """The command lines of the Examples sections of kubectl's help pages (continuations joined)."""
    import re

    lines: list[str] = []
    for text in pages.values():
        m = re.search(r"\nExamples:\n(.*?)\n\n(?=\S)", text, re.S)
        if not m:
            continue
        buf = ""
        for raw in m.group(1).splitlines():
            line = raw.strip()
            if buf:
                buf += " " + line.rstrip("\\").strip()
                if not line.endswith("\\"):
                    lines.append(" ".join(buf.split()))
                    buf = ""
            elif line.startswith("kubectl "):
                if line.endswith("\\"):
                    buf = line.rstrip("\\").strip()
                else:
                    lines.append(" ".join(line.split()))
    return list(dict.fromkeys(lines))


def usable(line: str, program: str = "kubectl") -> bool:
    """A plain command line of the program: no shell syntax, placeholders or variables."""
    if not line.startswith(program + " ") or any(c in line for c in "$<>|;&`\\") or "[" in line.split("'")[0]:
        return False
    if any(ord(c) > 127 for c in line) or "..." in line:
        return False
    try:
        words = shlex.split(line)
    except ValueError:
        return False
    return len(words) > 1


# --- resource spellings, from the discovery the judge serves -------------------------------------


class Resources:
    def __init__(self) -> None:
        data = json.loads((FIXTURES / "discovery.json").read_text("utf-8"))
        self.types: dict[str, dict] = {}  # (group, plural) key -> facts
        self.spelled: dict[str, str] = {}  # spelling -> key (first group wins, as kubectl's preference)
        for gv in data["groupVersions"]:
            group = gv["group"]
            for res in gv["resources"]:
                key = f"{res['name']}.{group}" if group else res["name"]
                if key in self.types:
                    continue
                info = {"group": group, "version": gv["version"], **res}
                self.types[key] = info
                for word in [res["name"], res["singularName"], res["kind"], *res.get("shortNames", [])]:
                    self.spelled.setdefault(word, key)
                    self.spelled.setdefault(word.lower(), key)
                self.spelled.setdefault(key, key)
                if group:
                    self.spelled.setdefault(f"{res['name']}.{gv['version']}.{group}", key)

    def key(self, word: str) -> str | None:
        return self.spelled.get(word)

    def spellings(self, key: str) -> list[str]:
        info = self.types[key]
        words = [info["name"], info["singularName"], info["kind"], *info.get("shortNames", [])]
        if info["group"]:
            words += [f"{info['name']}.{info['group']}", f"{info['name']}.{info['version']}.{info['group']}"]
        return [w for w in dict.fromkeys(words) if self.key(w) == key]

    def others(self, key: str) -> list[str]:
        return sorted(k for k in self.types if k != key and "/" not in k and "list" in self.types[k]["verbs"])


# --- units of a line ---------------------------------------------------------------------------------


@dataclass
class _Unit:
    words: list[str]
    key: str
    flag: str
    value: str | None
    option: object
    is_global: bool


def _split(words: list[str], grammar: Grammar):
    """(path words, option units, positionals before ``--``, words after ``--`` or None), or
    None when the grammar does not read the line cleanly (unknown flags or commands)."""
    parsed = parse(words, grammar)
    if parsed.scope is None or any(
        p.kind in ("unknown_flag", "unknown_command", "missing_value", "bad_bool") for p in parsed.problems
    ):
        return None
    path = list(parsed.typed_path)
    # the typed path may be interleaved with global flags (kubectl -n x get): keep lines plain
    if words[: len(path)] != path:
        return None
    scope = parsed.scope
    units: list[_Unit] = []
    args: list[str] = []
    after: list[str] | None = None
    i = len(path)
    while i < len(words):
        word = words[i]
        if word == "--":
            after = words[i + 1 :]
            break
        if word.startswith("-") and len(word) > 1:
            name = word.partition("=")[0]
            if not name.startswith("--") and len(name) > 2:
                letters = [scope.options.get("-" + c) for c in name[1:]]
                if "=" in word or not all(o is not None and o.value is None for o in letters):
                    return None  # glued values in the original: keep it simple
                units.append(_Unit([word], word, word, None, None, False))  # a bundle of booleans (-it)
                i += 1
                continue
            opt = scope.options.get(name)
            if opt is None:
                return None
            is_global = opt.owner == (path[0],)
            if opt.takes_value and "=" not in word:
                if i + 1 >= len(words):
                    return None
                units.append(_Unit([word, words[i + 1]], opt.key, name, words[i + 1], opt, is_global))
                i += 2
                continue
            units.append(_Unit([word], opt.key, name, word.partition("=")[2] or None, opt, is_global))
            i += 1
            continue
        args.append(word)
        i += 1
    return parsed, path, units, args, after


def _join(path: list[str], units: list[_Unit], args: list[str], after: list[str] | None, *, units_first: bool = False) -> str:
    flags = [w for u in units for w in u.words]
    tail = [] if after is None else ["--", *after]
    body = [*flags, *args] if units_first else [*args, *flags]
    return shlex.join([*path, *body, *tail])


def _type_arg(word: str, res: Resources) -> tuple[list[str], str] | None:
    """``pods`` / ``po,svc`` → (type keys, ""); ``deploy/web`` → ([key], "web")."""
    head, slash, name = word.partition("/")
    keys = [res.key(w) for w in head.split(",")]
    if not head or any(k is None for k in keys) or (slash and (not name or "," in head)):
        return None
    return keys, name  # type: ignore[return-value]


_USAGE: dict[str, str] = {}


def _usage(path: tuple[str, ...]) -> str:
    """The usage line kubectl's help gives the command (the generated grammar keeps it)."""
    if not _USAGE:
        data = json.loads((Path(__file__).parent.parent / "content" / "cli" / "generated" / "kubectl.json").read_text("utf-8"))
        _USAGE.update({k: v.get("usage", "") for k, v in data["commands"].items()})
    return _USAGE.get(" ".join(path), "")


def _changed(value: str) -> str:
    last = value[-1:]
    if last.isdigit():
        return value[:-1] + ("7" if last != "7" else "9")
    return value + "x"


def mutations(line: str, grammar: Grammar, rnd: random.Random, res: Resources | None = None) -> list[Pair]:
    """The pairs one line gives. The option mutations suit any cobra-like CLI (gcloud's pairs
    are made here too); those of resource types only kubectl's lines."""
    words = shlex.split(line)
    if res is None and words[:1] == ["kubectl"]:
        res = Resources()
    got = _split(words, grammar)
    if got is None:
        return []
    parsed, path, units, args, after = got
    scope = parsed.scope
    original = _join(path, units, args, after)
    out: list[Pair] = []

    def add(kind: str, path_=None, units_=None, args_=None, after_=..., *, units_first: bool = False) -> None:
        variant = _join(
            path if path_ is None else path_,
            units if units_ is None else units_,
            args if args_ is None else args_,
            after if after_ is ... else after_,
            units_first=units_first,
        )
        if variant != original:
            out.append(Pair(original, variant, kind))

    # -- same ------------------------------------------------------------------------------------
    if len(units) > 1:  # reorder, keeping repeats of one option in order
        order = list(range(len(units)))
        rnd.shuffle(order)
        by_key: dict[str, list[int]] = {}
        for idx, u in enumerate(units):
            by_key.setdefault(u.key, []).append(idx)
        seen: dict[str, int] = {}
        shuffled = []
        for idx in order:
            key = units[idx].key
            shuffled.append(units[by_key[key][seen.get(key, 0)]])
            seen[key] = seen.get(key, 0) + 1
        add("reorder", units_=shuffled)
    if units and args:
        add("options_first", units_first=True)
    for idx, u in enumerate(units):
        others = units[:idx] + units[idx + 1 :]
        if u.option is None:  # a bundle: spelled letter by letter, or dropped
            split = [_Unit(["-" + c], "-" + c, "-" + c, None, None, False) for c in u.flag[1:]]
            add("bundle", units_=units[:idx] + split + units[idx + 1 :])
            add("flag_dropped", units_=others)
            continue
        other = [
            f for f in u.option.flags if f != u.flag and f.startswith("-") and (f.startswith("--") != u.flag.startswith("--"))
        ]
        if other:
            flag = other[0]
            words_ = [flag, *u.words[1:]] if "=" not in u.words[0] else [f"{flag}={u.value}"]
            add(
                "long_short", units_=units[:idx] + [_Unit(words_, u.key, flag, u.value, u.option, u.is_global)] + units[idx + 1 :]
            )
        if u.value is not None and len(u.words) == 1 and u.flag.startswith("--") and u.option.takes_value:
            add(
                "long_equals",
                units_=units[:idx] + [_Unit([u.flag, u.value], u.key, u.flag, u.value, u.option, u.is_global)] + units[idx + 1 :],
            )
        if u.value is not None and len(u.words) == 2:
            if u.flag.startswith("--"):
                add(
                    "long_equals",
                    units_=units[:idx]
                    + [_Unit([f"{u.flag}={u.value}"], u.key, u.flag, u.value, u.option, u.is_global)]
                    + units[idx + 1 :],
                )
            else:
                add(
                    "glued_short",
                    units_=units[:idx]
                    + [_Unit([u.flag + u.value], u.key, u.flag, u.value, u.option, u.is_global)]
                    + units[idx + 1 :],
                )
                add(
                    "short_equals",
                    units_=units[:idx]
                    + [_Unit([f"{u.flag}={u.value}"], u.key, u.flag, u.value, u.option, u.is_global)]
                    + units[idx + 1 :],
                )
        if u.is_global:
            add("global_front", [path[0], *u.words, *path[1:]], others)
        elif path[0] in FLAGS_BEFORE:  # cobra parses it on the command anyway, short or long
            add("flag_front", [path[0], *u.words, *path[1:]], others)
        if path[0] in FLAGS_BEFORE and len(path) > 2:  # between the words of the path: kubectl create -n x deployment
            at = rnd.randrange(2, len(path))
            add("flag_between", [*path[:at], *u.words, *path[at:]], others)
        if u.option.value is None and u.value is None:
            add(
                "bool_true",
                units_=units[:idx] + [_Unit([f"{u.flag}=true"], u.key, u.flag, "true", u.option, u.is_global)] + units[idx + 1 :],
            )
            add("bool_separate", units_=others, args_=[*args, u.flag, "true"])
        if u.option.value is None and u.value is None and u.flag.startswith("--"):  # gcloud's --[no-]X: the other form
            body = u.flag[2:]
            flipped = "--" + body[3:] if body.startswith("no-") else "--no-" + body
            if flipped in u.option.flags:
                add(
                    "negated",
                    units_=units[:idx] + [_Unit([flipped], u.key, flipped, None, u.option, u.is_global)] + units[idx + 1 :],
                )
        if u.option.value is None and u.value in ("true", "false"):
            add("bool_separate", units_=others, args_=[*args, u.flag, u.value])
        if u.value and u.option.value and u.value.endswith((".yaml", ".yml", ".json")) and "/" not in u.value.removeprefix("./"):
            spelled = u.value[2:] if u.value.startswith("./") else "./" + u.value
            add(
                "path_spelling",
                units_=units[:idx]
                + [
                    _Unit(
                        [u.words[0], spelled] if len(u.words) == 2 else [f"{u.flag}={spelled}"],
                        u.key,
                        u.flag,
                        spelled,
                        u.option,
                        u.is_global,
                    )
                ]
                + units[idx + 1 :],
            )
        # -- different: the value, the flag itself
        if u.value is not None and len(u.words) == 2:
            changed = _changed(u.value)
            add(
                "value_changed",
                units_=units[:idx]
                + [_Unit([u.words[0], changed], u.key, u.flag, changed, u.option, u.is_global)]
                + units[idx + 1 :],
            )
        add("flag_dropped", units_=others)
        if u.flag.startswith("-") and not u.flag.startswith("--"):
            flipped = "-" + (u.flag[1].lower() if u.flag[1].isupper() else u.flag[1].upper())
            twin = scope.options.get(flipped)
            if twin is not None and twin.key != u.key:
                add(
                    "short_case",
                    units_=units[:idx]
                    + [_Unit([flipped, *u.words[1:]], twin.key, flipped, u.value, twin, False)]
                    + units[idx + 1 :],
                )
        if not u.is_global and u.flag.startswith("--"):  # a command's own --namespace typed as the global -n
            root = grammar.scopes.get((path[0],))
            glob = root.options.get(u.flag) if root else None
            shorts = [f for f in (glob.flags if glob else ()) if not f.startswith("--")]
            if glob is not None and glob is not u.option and shorts and u.value is not None:
                add(
                    "global_short",
                    units_=units[:idx]
                    + [_Unit([shorts[0], u.value], glob.key, shorts[0], u.value, glob, True)]
                    + units[idx + 1 :],
                )
    shorts = [u for u in units if u.value is None and len(u.flag) == 2 and u.flag[0] == "-"]
    if len(shorts) >= 2:
        rest = [u for u in units if u not in shorts]
        add("bundle", units_=[_Unit(["-" + "".join(u.flag[1] for u in shorts)], "", "", None, None, False), *rest])
    aliases = sorted(t for t, c in grammar.paths.items() if c == parsed.path and list(t) != path and t[0] == path[0])
    if aliases:
        add("alias", list(rnd.choice(aliases)))
    # resource types: kind, plural, singular, short name, group-qualified; TYPE NAME = TYPE/NAME
    if args and res is not None:
        typed = _type_arg(args[0], res)
        if typed is not None:
            keys, name = typed
            spelled = [rnd.choice(res.spellings(k)) for k in keys]
            if name:
                add("type_spelling", args_=[f"{spelled[0]}/{name}", *args[1:]])
            else:
                add("type_spelling", args_=[",".join(spelled), *args[1:]])
                end = next((i for i, a in enumerate(args) if "=" in a or ":" in a or a.endswith("-")), len(args))
                names = [a for a in args[1:end] if "/" not in a]
                if len(keys) == 1 and names and len(names) == end - 1:
                    add("type_slash", args_=[f"{spelled[0]}/{n}" for n in names] + args[end:])
            if name and keys == ["pods"]:
                add("default_pod", args_=[name, *args[1:]])
            other = rnd.choice(res.others(keys[0]))
            swapped = [rnd.choice(res.spellings(other)), *(res.spellings(k)[0] for k in keys[1:])]
            add("type_changed", args_=[(",".join(swapped)) + (f"/{name}" if name else ""), *args[1:]])
        elif "/" not in args[0] and "TYPE/NAME" in _usage(scope.path) and "POD" in _usage(scope.path):
            add("default_pod", args_=[f"{rnd.choice(res.spellings('pods'))}/{args[0]}", *args[1:]])
    # -- different: commands, arguments, the end of options
    booleans = sorted(
        {
            o.flags[-1]
            for o in scope.options.values()
            if o.value is None and o.owner == scope.path and o.key not in {u.key for u in units} and o.key != "--help"
        }
    )
    if booleans:
        extra = rnd.choice(booleans)
        add("sibling_flag", units_=[*units, _Unit([extra], extra, extra, None, None, False)])
    siblings = sorted(grammar.next_words(tuple(path[:-1])) - {path[-1]})
    if siblings:
        add("sibling_command", [*path[:-1], rnd.choice(siblings)])
    if args:
        names = [i for i, a in enumerate(args) if res is None or _type_arg(a, res) is None or "/" in a]
        if names:
            i = names[-1]
            add("argument_changed", args_=args[:i] + [args[i] + "2"] + args[i + 1 :])
    if after:
        add("no_dashdash", args_=[*args, *after], after_=None)
    return out
