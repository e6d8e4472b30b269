"""Pairs of spellings from real docker command lines, each made to mean the same or not,
for the differential test against the real client (tests/judge.py)."""

from __future__ import annotations

import random
import shlex
from dataclasses import dataclass

from dockquiz.grading.grammar import Grammar
from dockquiz.grading.parser import parse
from dockquiz.grading.values import canonical_bytes

SAME = ("reorder", "long_short", "long_equals", "glued_short", "short_equals", "bundle", "alias", "options_last", "size_spelling")
DIFFERENT = ("value_changed", "flag_dropped", "sibling_flag", "short_case", "after_image", "sibling_command", "argument_changed")


@dataclass(frozen=True)
class Pair:
    original: str
    variant: str
    mutation: str

    @property
    def meant_same(self) -> bool:
        return self.mutation in SAME


@dataclass
class _Unit:
    words: list[str]
    key: str
    flag: str
    value: str | None
    option: object


def usable(line: str) -> bool:
    """A plain docker command line: no shell syntax, placeholders or variables."""
    if not line.startswith("docker ") or any(c in line for c in "$<>|;&`[]{}\\#*"):
        return False
    try:
        shlex.split(line)
    except ValueError:
        return False
    return True


def _units(words: list[str], grammar: Grammar):
    """The command path, its option units (flag and value words together), its positionals —
    or None when the line is not one the grammar reads cleanly."""
    parsed = parse(words, grammar)
    if parsed.scope is None or parsed.problems:
        return None
    n = len(parsed.typed_path)
    units: list[_Unit] = []
    i = n
    rest = words[n:]
    args: list[str] = []
    scope = parsed.scope
    while i < len(words):
        word = words[i]
        if word == "--":
            return None
        if word.startswith("-") and len(word) > 1 and not args:
            name = word.partition("=")[0]
            if not name.startswith("--") and len(name) > 2:
                return None  # bundles and glued values in the original: keep it simple
            opt = scope.options.get(name)
            if opt is None:
                return None
            if opt.takes_value and "=" not in word:
                if i + 1 >= len(words):
                    return None
                units.append(_Unit([word, words[i + 1]], opt.key, name, words[i + 1], opt))
                i += 2
                continue
            units.append(_Unit([word], opt.key, name, word.partition("=")[2] or None, opt))
            i += 1
            continue
        if word.startswith("-") and args and scope.interspersed:
            return None  # options after positionals: leave such lines out
        args.append(word)
        i += 1
    del rest
    return parsed, list(words[:n]), units, args


def _join(path: list[str], units: list[_Unit], args: list[str]) -> str:
    return shlex.join([*path, *(w for u in units for w in u.words), *args])


def mutations(line: str, grammar: Grammar, rnd: random.Random) -> list[Pair]:
    words = shlex.split(line)
    got = _units(words, grammar)
    if got is None:
        return []
    parsed, path, units, args = got
    scope = parsed.scope
    original = _join(path, units, args)
    out: list[Pair] = []

    def add(kind: str, path_: list[str], units_: list[_Unit], args_: list[str]) -> None:
        variant = _join(path_, units_, args_)
        if variant != original:
            out.append(Pair(original, variant, kind))

    if len(units) > 1:  # reorder, keeping repeats of one option in order
        order = list(range(len(units)))
        rnd.shuffle(order)
        by_key: dict[str, list[int]] = {}
        for idx in range(len(units)):
            by_key.setdefault(units[idx].key, []).append(idx)
        seen: dict[str, int] = {}
        shuffled = []
        for idx in order:
            key = units[idx].key
            shuffled.append(units[by_key[key][seen.get(key, 0)]])
            seen[key] = seen.get(key, 0) + 1
        add("reorder", path, shuffled, args)
    for idx, u in enumerate(units):
        other = [
            f for f in u.option.flags if f != u.flag and f.startswith("-") and (f.startswith("--") != u.flag.startswith("--"))
        ]
        if other:
            new = _Unit(
                [other[0], *u.words[1:]] if "=" not in u.words[0] else [other[0] + "=" + u.value],
                u.key,
                other[0],
                u.value,
                u.option,
            )
            add("long_short", path, units[:idx] + [new] + units[idx + 1 :], args)
        if u.value is not None and len(u.words) == 2:
            if u.flag.startswith("--"):
                new = _Unit([f"{u.flag}={u.value}"], u.key, u.flag, u.value, u.option)
                add("long_equals", path, units[:idx] + [new] + units[idx + 1 :], args)
            else:
                add(
                    "glued_short",
                    path,
                    units[:idx] + [_Unit([u.flag + u.value], u.key, u.flag, u.value, u.option)] + units[idx + 1 :],
                    args,
                )
                add(
                    "short_equals",
                    path,
                    units[:idx] + [_Unit([f"{u.flag}={u.value}"], u.key, u.flag, u.value, u.option)] + units[idx + 1 :],
                    args,
                )
            changed = u.value[:-1] + (
                "7" if u.value[-1:].isdigit() and u.value[-1] != "7" else "9" if u.value[-1:].isdigit() else u.value[-1:] + "x"
            )
            add(
                "value_changed",
                path,
                units[:idx] + [_Unit([u.words[0], changed], u.key, u.flag, changed, u.option)] + units[idx + 1 :],
                args,
            )
        add("flag_dropped", path, units[:idx] + units[idx + 1 :], args)
        if u.flag.startswith("-") and not u.flag.startswith("--"):
            flipped = "-" + (u.flag[1].lower() if u.flag[1].isupper() else u.flag[1].upper())
            twin = scope.options.get(flipped)
            if twin is not None and twin.key != u.key:  # -P typed for -p (the value becomes an argument)
                add(
                    "short_case",
                    path,
                    units[:idx] + [_Unit([flipped, *u.words[1:]], twin.key, flipped, u.value, twin)] + units[idx + 1 :],
                    args,
                )
        if not scope.interspersed and args:
            add("after_image", path, units[:idx] + units[idx + 1 :], [args[0], *u.words, *args[1:]])
        if u.value is not None and grammar.value_kind(u.option.value, path[0]) == "bytes":  # -m 512m = -m 536870912
            spelled = canonical_bytes(u.value)
            spelled = spelled if spelled != u.value else u.value.upper()
            new = _Unit([*u.words[:-1], u.words[-1].replace(u.value, spelled)], u.key, u.flag, spelled, u.option)
            add("size_spelling", path, units[:idx] + [new] + units[idx + 1 :], args)
    if units and args and scope.interspersed:  # docker rm web -f = docker rm -f web
        moved = _join(path, [], args) + " " + " ".join(shlex.quote(w) for u in units for w in u.words)
        if moved != original:
            out.append(Pair(original, moved, "options_last"))
    shorts = [u for u in units if u.value is None and len(u.flag) == 2 and u.flag[0] == "-"]
    if len(shorts) >= 2:
        rest = [u for u in units if u not in shorts]
        bundled = _Unit(["-" + "".join(u.flag[1] for u in shorts)], "", "", None, None)
        add("bundle", path, [bundled, *rest], args)
    booleans = sorted(
        {
            o.flags[-1]
            for o in scope.options.values()
            if o.value is None and o.owner == scope.path and o.key not in {u.key for u in units} and o.key not in ("--help",)
        }
    )
    if booleans:
        extra = rnd.choice(booleans)
        add("sibling_flag", path, [*units, _Unit([extra], extra, extra, None, None)], args)
    aliases = sorted(
        typed
        for typed, canonical in grammar.paths.items()
        if canonical == parsed.path and list(typed) != path and typed[0] == path[0]
    )
    if aliases:
        add("alias", list(rnd.choice(aliases)), units, args)
    siblings = sorted(grammar.next_words(tuple(path[:-1])) - {path[-1]})
    if siblings:
        add("sibling_command", [*path[:-1], rnd.choice(siblings)], units, args)
    if args:
        add("argument_changed", path, units, [args[0] + "2", *args[1:]])
    return out
