"""The command-line grammar, loaded once from ``content/cli/*.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from dockquiz.resources import content_dir


@dataclass(frozen=True)
class Option:
    key: str                 # canonical name: the long form if any, else the short one
    flags: tuple[str, ...]   # every spelling: "-d", "--detach"
    value: str | None        # the value's name when the option takes one
    repeat: bool
    en: str
    ja: str
    say: str = ""            # a phrase for composed English prompts ("name it {value}")

    @property
    def takes_value(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Scope:
    """A command or a group (``docker``, ``docker compose``) with its options."""

    path: tuple[str, ...]
    options: dict[str, Option]          # every spelling -> option
    is_command: bool
    interspersed: bool = True
    args: tuple[str, ...] = ()
    en: str = ""
    ja: str = ""
    say: str = ""            # a sentence start for composed English prompts ("Run {IMAGE}")

    @property
    def name(self) -> str:
        return " ".join(self.path)

    def arity(self) -> tuple[int, int | None]:
        low, high = 0, 0
        for arg in self.args:
            if arg.endswith("?"):
                high = None if high is None else high + 1
            elif arg.endswith("*"):
                high = None
            elif arg.endswith("+"):
                low, high = low + 1, None
            else:
                low += 1
                high = None if high is None else high + 1
        return low, high

    def arg_name(self, index: int) -> str:
        for i, arg in enumerate(self.args):
            name = arg.rstrip("?*+")
            if i == index or (arg[-1:] in "*+" and i <= index):
                return name
        return "ARG"


@dataclass(eq=False)
class Grammar:
    scopes: dict[tuple[str, ...], Scope] = field(default_factory=dict)   # canonical path
    paths: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)  # typed -> canonical
    children: dict[tuple[str, ...], set[str]] = field(default_factory=dict)  # typed prefix -> next words
    instructions: dict[str, dict[str, str]] = field(default_factory=dict)
    compose_keys: dict[str, dict[str, str]] = field(default_factory=dict)
    _prefixes: dict[tuple[str, ...], int] = field(default_factory=dict, repr=False)

    @property
    def programs(self) -> set[str]:
        return self.children.get((), set())

    def add_path(self, typed: tuple[str, ...], canonical: tuple[str, ...]) -> None:
        self.paths[typed] = canonical
        for i in range(len(typed)):
            self.children.setdefault(typed[:i], set()).add(typed[i])

    def scope(self, words: str | tuple[str, ...]) -> Scope | None:
        """The command or group (``docker compose``) for these words, or None."""
        if isinstance(words, str):
            words = tuple(words.split())
        canonical = self.paths.get(tuple(words))
        return self.scopes.get(canonical) if canonical else None

    def command_prefix(self, words: list[str] | tuple[str, ...]) -> int:
        """How many of the first words name a command (the longest such prefix), else 0:
        ``docker run -d nginx`` → 2. Asked for every command line of large notes: cached."""
        head = tuple(words[:4])
        known = self._prefixes.get(head)
        if known is None:
            known = next((n for n in range(len(head), 0, -1) if self.command(head[:n]) is not None), 0)
            if len(self._prefixes) >= 4096:
                self._prefixes.clear()
            self._prefixes[head] = known
        return known

    def command(self, words: str | tuple[str, ...]) -> Scope | None:
        """The command scope for ``docker container run`` and the like (not a group), or None."""
        scope = self.scope(words)
        return scope if scope is not None and scope.is_command else None


def _options(raw: list[dict]) -> dict[str, Option]:
    table: dict[str, Option] = {}
    for item in raw:
        flags = tuple(item["flag"].split())
        longs = [f for f in flags if f.startswith("--")]
        key = longs[0] if longs else flags[0]
        opt = Option(key, flags, item.get("value"), bool(item.get("repeat")),
                     item.get("en", ""), item.get("ja", ""), item.get("say", ""))
        for flag in flags:
            table[flag] = opt
    return table


def _load_file(grammar: Grammar, data: dict, aliases: dict[str, list[tuple[str, ...]]]) -> None:
    for group in data.get("group", []):
        path = tuple(group["path"].split())
        grammar.scopes[path] = Scope(path, _options(group.get("options", [])), False,
                                     False, (), group.get("en", ""), group.get("ja", ""))
        aliases.setdefault(group["path"], [])
    for cmd in data.get("command", []):
        path = tuple(cmd["path"].split())
        if "options_from" in cmd:
            base = grammar.scopes[tuple(cmd["options_from"].split())].options
            drop = set(cmd.get("drop_options", []))
            options = {k: o for k, o in base.items() if o.key not in drop}
        else:
            options = _options(cmd.get("options", []))
        grammar.scopes[path] = Scope(path, options, True, cmd.get("interspersed", True),
                                     tuple(cmd.get("args", [])), cmd.get("en", ""), cmd.get("ja", ""),
                                     cmd.get("say", ""))
        aliases[cmd["path"]] = [tuple(a.split()) for a in cmd.get("aliases", [])]
    grammar.instructions.update(data.get("instructions", {}))
    grammar.compose_keys.update(data.get("keys", {}))


def load_grammar(directory: Path | None = None) -> Grammar:
    directory = directory or content_dir() / "cli"
    grammar = Grammar()
    aliases: dict[str, list[tuple[str, ...]]] = {}
    path_aliases: dict[str, str] = {}
    clones: list[str] = []
    for file in sorted(directory.glob("*.toml")):
        with open(file, "rb") as fh:
            data = tomllib.load(fh)
        _load_file(grammar, data, aliases)
        path_aliases.update(data.get("path_aliases", {}))
        clones.extend(data.get("clones", []))
    for name, alias_list in aliases.items():
        canonical = tuple(name.split())
        for typed in [canonical, *alias_list]:
            grammar.add_path(typed, canonical)
    # `docker-compose up` is read as `docker compose up`.
    for alias, target in path_aliases.items():
        target_t = tuple(target.split())
        for typed, canonical in list(grammar.paths.items()):
            if typed[: len(target_t)] == target_t:
                grammar.add_path((alias, *typed[len(target_t):]), canonical)
    # Wrapper programs (nvidia-docker) read the docker grammar but stay their own commands.
    for clone in clones:
        for typed, canonical in list(grammar.paths.items()):
            if typed[0] == "docker" and (len(typed) < 2 or typed[1] != "compose"):
                new = (clone, *canonical[1:])
                if new not in grammar.scopes:
                    grammar.scopes[new] = replace(grammar.scopes[canonical], path=new)
                grammar.add_path((clone, *typed[1:]), new)
    return grammar


@cache
def grammar() -> Grammar:
    """The shipped grammar, loaded on first use (commands that don't grade never pay)."""
    return load_grammar()
