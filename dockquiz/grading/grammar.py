"""The command-line grammar: facts generated from each CLI's help, plus our own words.

``content/cli/generated/<program>.json`` holds the facts (:mod:`dockquiz.grading.learn`
writes them: command paths, aliases, options with every spelling, whether they take a value
and repeat, positional usage, global options and where they may stand). ``content/cli/*.toml``
is hand-kept: English and Japanese descriptions, phrases for composed prompts, value kinds,
and the few facts help texts do not show (hidden spellings such as ``--net``, options parsing
that stops at the first positional, grammars of tools not installed where the facts were
generated). Grammars a learner taught with ``dockquiz grammar learn`` live in the user data
folder and are read the same way.

A program's facts are read the first time one of its command lines is graded or read.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import NamedTuple

from dockquiz.grading.objects import MODES, ResourceTable
from dockquiz.resources import content_dir

_OPTIONAL_PART = re.compile(r"\[[^\]]*\]")  # an optional part of a value's name: [(amend|reword):]


class GrammarError(ValueError):
    """A grammar file that does not follow the format (unknown keys, wrong types)."""


@dataclass(frozen=True)
class Option:
    key: str  # canonical name: the long form if any, else the short one
    flags: tuple[str, ...]  # every spelling: "-d", "--detach"
    value: str | None  # the value's name when the option takes one
    repeat: bool
    en: str = ""
    ja: str = ""
    say: str = ""  # a phrase for composed English prompts ("name it {value}")
    owner: tuple[str, ...] = ()  # the command or group that declares it
    optional_value: bool = False  # --opt[=v]: takes a value only when attached
    # The value such an option stands for typed bare (git status -u is -uall, kubectl's
    # --dry-run is --dry-run=unchanged: pflag's NoOptDefVal). An overlay fact: help hides it.
    bare: str = ""
    negatable: bool = False  # git: --no-X turns it off (for an option named --no-X: --X)
    numeric: bool = False  # -<n> is this option with the value n (git log -3)
    means: tuple[str, ...] = ()  # flags this one stands for (git branch -D = --delete --force)
    abbreviate: bool = True  # git: an unambiguous prefix of it is read as it (not log's revision options)
    positional: bool = False  # read where it stands, as one of the arguments (git log --not, --all)
    alone: bool = False  # only valid as the command's one word (git merge --abort)
    on: bool = False  # a boolean on by default: `--opt=false` is a choice, not "as if not given"
    # Typing it on changes nothing: on by default, and the program does not look at whether
    # it was typed (compose exec's -i, -t). An overlay fact: help cannot show it, and many are
    # not (kubectl's `api-resources --namespaced`, on by default, filters once typed).
    noop: bool = False
    # Where repeats keep the order typed (git, kubectl), the values of this one do not: they
    # make a map or a set (kubectl's --from-literal, --annotation). An overlay fact.
    unordered: bool = False
    # Read only as the very word its help shows: no --X spelling, no =value (terraform takes
    # the word -no-color out of the line itself before its commands read their flags).
    literal: bool = False

    @property
    def takes_value(self) -> bool:
        return self.value is not None and not self.optional_value


@dataclass(frozen=True)
class Scope:
    """A command or a group (``docker``, ``docker compose``) with its options."""

    path: tuple[str, ...]
    options: dict[str, Option]  # every spelling -> option
    is_command: bool
    interspersed: bool = True
    args: tuple[str, ...] = ()
    en: str = ""
    ja: str = ""
    say: str = ""  # a sentence start for composed English prompts ("Run {IMAGE}")
    say_rest: str = ""  # how the arguments ``say`` leaves are said ("start {rest}")
    say_together: tuple[tuple[frozenset[str], str], ...] = ()  # options said as one phrase
    style: str = ""  # the help format its facts came from; "git": read as git's parse-options does
    default: str = ""  # a group's subcommand when none is typed (git stash = git stash push)
    dash: bool = False  # reads the arguments after `--` apart (kubectl exec POD -- COMMAND)

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


# --- the hand-kept files: keys are checked, an unknown one is an error -----------------------

_TOP_KEYS = {
    "program",
    "clones",
    "path_aliases",
    "value_kinds",
    "resources",
    "objects",
    "optional_values",
    "unordered_values",
    "instructions",
    "keys",
    "group",
    "command",
    "other_programs",
    "no_subcommands",
    "bundled_first",
    "command_depth",
    "runs_a_command",
    "not_programs",
    "checks",
    "preparations",
    "continuations",
    "same",
}
_SCOPE_KEYS = {
    "path",
    "en",
    "ja",
    "say",
    "say_rest",
    "say_together",
    "interspersed",
    "args",
    "aliases",
    "options",
    "descriptions_from",
    "options_from",
    "abbreviate",
    "default",
    "dash",
}
_OPTION_KEYS = {
    "flag",
    "value",
    "repeat",
    "en",
    "ja",
    "say",
    "optional_value",
    "numeric",
    "means",
    "negatable",
    "positional",
    "alone",
    "abbreviate",
    "on",
    "noop",
    "unordered",
    "bare",
}
_GEN_TOP = {"format", "program", "style", "version", "complete", "cut", "globals", "commands"}
_GEN_CMD = {"group", "runs", "aliases", "usage", "about", "args", "options", "default"}
_GEN_OPT = {"flags", "value", "repeat", "optional_value", "negatable", "on", "literal", "help", "means"}


def _check(where: str, data: dict, allowed: set[str]) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise GrammarError(f"{where}: unknown key {sorted(unknown)[0]!r}")


class SameForm(NamedTuple):
    """A form of a command another form reads as: ``options`` (of the command it is of) make
    it the form; ``path`` and ``target`` are the form it is read as; ``arg``, when set, is the
    shape its one argument must have."""

    options: tuple[Option, ...]
    path: tuple[str, ...]
    target: tuple[Option, ...]
    arg: re.Pattern[str] | None = None


@dataclass
class _Overlay:
    scopes: dict[str, dict] = field(default_factory=dict)  # path -> [[command]]/[[group]] item
    groups: set[str] = field(default_factory=set)
    clones: list[str] = field(default_factory=list)
    path_aliases: dict[str, str] = field(default_factory=dict)
    same: list[dict] = field(default_factory=list)  # [[same]] items: forms, and maybe arg
    resources: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    optional_values: dict[str, str] = field(default_factory=dict)  # flag -> the value it stands for bare
    unordered_values: set[str] = field(default_factory=set)


@dataclass(eq=False)
class Grammar:
    """Every known program; each program's facts are read on first use."""

    scopes: dict[tuple[str, ...], Scope] = field(default_factory=dict)  # canonical path
    paths: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)  # typed -> canonical
    children: dict[tuple[str, ...], set[str]] = field(default_factory=dict)  # typed prefix -> next words
    instructions: dict[str, dict[str, str]] = field(default_factory=dict)
    compose_keys: dict[str, dict[str, str]] = field(default_factory=dict)
    # (program, argument/value name) -> kind: a name is its own program's (docker's CONTEXT is a
    # build context, kubectl's a kubeconfig context; docker's IMAGE is normalised, kubectl sends
    # --image as typed)
    value_kinds: dict[tuple[str, str], str] = field(default_factory=dict)
    other_programs: set[str] = field(default_factory=set)  # notes' programs without a grammar
    no_subcommands: set[str] = field(default_factory=set)  # of those, programs whose every word is a value (grep, mkdir)
    bundled_first: set[str] = field(default_factory=set)  # programs whose dashless first word is their options (tar xzf)
    command_depth: dict[str, int] = field(default_factory=dict)  # of those, how many words name a command (aws s3 cp: 2)
    runs_a_command: set[str] = field(default_factory=set)  # programs whose arguments are a command line (xargs, watch)
    not_programs: set[str] = field(default_factory=set)  # line-starting words that are no program
    checks: set[str] = field(default_factory=set)  # command paths that only look (ps, status)
    continuations: set[str] = field(default_factory=set)  # flags that go on with a step (--continue)
    preparations: set[str] = field(default_factory=set)  # command paths that set up a step (cd)
    versions: dict[str, str] = field(default_factory=dict)  # program -> CLI version read
    flags_anywhere: set[str] = field(default_factory=set)  # programs whose command parses every flag, before its path too (cobra)
    sources: dict[str, str] = field(default_factory=dict)  # program -> shipped | learned
    _generated: dict[str, Path] = field(default_factory=dict, repr=False)
    _spelled: dict[tuple[str, ...], set[tuple[str, ...]]] = field(default_factory=dict, repr=False)  # canonical -> typed
    _overlays: dict[str, _Overlay] = field(default_factory=dict, repr=False)
    _owner: dict[str, str] = field(default_factory=dict, repr=False)  # typed program word -> program
    _loaded: set[str] = field(default_factory=set, repr=False)
    _prefixes: dict[tuple[str, ...], int] = field(default_factory=dict, repr=False)
    # one command in several spellings (git switch -c = git checkout -b): path -> its forms
    _same: dict[tuple[str, ...], list[SameForm]] = field(default_factory=dict, repr=False)
    _objects: dict[tuple[str, ...], tuple[str, ResourceTable]] = field(default_factory=dict, repr=False)
    _verbs: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)  # program -> last words of its commands

    # -- the index --------------------------------------------------------------------------

    @property
    def programs(self) -> set[str]:
        """Every program word the grammar knows (``docker``, ``docker-compose``, ``kubectl``…)."""
        return set(self._owner)

    @property
    def command_words(self) -> set[str]:
        """First words that make a line of notes a command: programs with a grammar, and
        the other programs notes use (content/cli/programs.toml)."""
        return set(self._owner) | self.other_programs

    def program_of(self, word: str) -> str:
        """The program a typed program word reads as (``docker-compose`` → ``docker``)."""
        return self._owner.get(word, word)

    def knows(self, word: str) -> bool:
        """Is ``word`` a known program? Reads its facts the first time."""
        program = self._owner.get(word)
        if program is None:
            return False
        self._ensure(program)
        return True

    def _ensure(self, program: str) -> None:
        if program not in self._loaded:
            self._loaded.add(program)
            self._load_program(program)

    def load_all(self) -> Grammar:
        for program in sorted(set(self._owner.values())):
            self._ensure(program)
        return self

    def listing(self) -> list[dict]:
        """Every program: its CLI version, shipped or learned, how many command paths."""
        rows = []
        for word in sorted(self._owner):
            program = self._owner[word]
            self._ensure(program)
            if word != program:
                rows.append(
                    {
                        "program": word,
                        "version": self.versions.get(program, ""),
                        "source": "alias",
                        "commands": 0,
                        "alias_of": program,
                    }
                )
                continue
            count = sum(1 for path in self.scopes if path[0] == program and self.scopes[path].is_command)
            rows.append(
                {
                    "program": program,
                    "version": self.versions.get(program, ""),
                    "source": self.sources.get(program, "shipped"),
                    "commands": count,
                }
            )
        return rows

    # -- look-ups ---------------------------------------------------------------------------

    def resolve(self, typed: tuple[str, ...]) -> tuple[str, ...] | None:
        """The canonical path for typed words (``docker container run`` → ``docker run``)."""
        if not typed or not self.knows(typed[0]):
            return None
        return self.paths.get(typed)

    def next_words(self, typed: tuple[str, ...]) -> set[str]:
        if typed and not self.knows(typed[0]):
            return set()
        return self.children.get(typed, set())

    def scope(self, words: str | tuple[str, ...]) -> Scope | None:
        """The command or group (``docker compose``) for these words, or None."""
        if isinstance(words, str):
            words = tuple(words.split())
        canonical = self.resolve(tuple(words))
        return self.scopes.get(canonical) if canonical else None

    def command_prefix(self, words: list[str] | tuple[str, ...]) -> int:
        """How many of the first words name a command (the longest such prefix), else 0:
        ``docker run -d nginx`` → 2; a group that runs a default subcommand names one too
        (``git stash -u`` → 2, read as ``git stash push -u``). Asked for every command line of
        large notes: cached."""
        head = tuple(words[:5])
        known = self._prefixes.get(head)
        if known is None:
            known = next(
                (n for n in range(len(head), 0, -1) if self.command(head[:n]) is not None or self._runs_default(head[:n])), 0
            )
            if len(self._prefixes) >= 65536:
                self._prefixes.clear()
            self._prefixes[head] = known
        return known

    def guessed_command(self, words: list[str] | tuple[str, ...]) -> set[int]:
        """Which of a command line's words name its command when the grammar has no such path
        (the rest are its options and values): for a known program, its global options skipped,
        the lowercase words up to the first that ends one of the program's known commands
        (``gcloud --project p compute disks list``: ``compute disks list``, a path of verbs this
        version lacks); else, and for other programs, :func:`guessed_path`."""
        fallback = set(range(len(guessed_path(list(words), self))))
        if not words or not self.knows(words[0]):
            return fallback
        program = self.program_of(words[0])
        verbs = self._verbs.get(program)
        if verbs is None:
            known = {p[-1] for p, sc in self.scopes.items() if p[0] == program and sc.is_command}
            verbs = self._verbs[program] = frozenset(known | _VERBS)
        root = self.scopes.get((program,))
        picked, i = {0}, 1
        while i < len(words) and len(picked) <= 5:
            word = words[i]
            if word.startswith("-"):  # a global option, and its value
                option = root.options.get(word.split("=", 1)[0]) if root else None
                i += 2 if option is not None and option.takes_value and "=" not in word else 1
                continue
            if not _PATH_WORD.match(word):
                break
            picked.add(i)
            if word in verbs and len(picked) > 2:
                return picked
            i += 1
        return fallback

    def _runs_default(self, words: tuple[str, ...]) -> bool:
        scope = self.scope(words) if len(words) > 1 else None
        return scope is not None and bool(scope.default)

    def command(self, words: str | tuple[str, ...]) -> Scope | None:
        """The command scope for ``docker container run`` and the like (not a group), or None."""
        scope = self.scope(words)
        return scope if scope is not None and scope.is_command else None

    def spellings(self, command: str) -> list[str]:
        """Every way to type this command (``docker compose up`` = ``docker-compose up``,
        ``docker run`` = ``docker container run``); just itself when the grammar does not know it."""
        canonical = self.resolve(tuple(command.split()))
        if canonical is None:
            return [command]
        return sorted({" ".join(typed) for typed in self._spelled.get(canonical, ())} | {command})

    def value_kind(self, name: str | None, program: str | None) -> str | None:
        """How values named so by ``program`` (a typed program word: its clones' are its own)
        compare: ``image`` (nginx = nginx:latest), ``path`` (./ = .). A name with an optional
        part (git's ``--fixup [(amend|reword):]commit``) is its word's."""
        if not name or not program:
            return None
        program = self.program_of(program)
        kind = self.value_kinds.get((program, name))
        if kind is None and "[" in name:
            kind = self.value_kinds.get((program, _OPTIONAL_PART.sub("", name).strip("<>")))
        return kind

    def same_forms(self, path: tuple[str, ...]) -> list[SameForm]:
        """The other spellings a command path takes part in, most options first."""
        return self._same.get(path, [])

    def objects(self, path: tuple[str, ...]) -> tuple[str, ResourceTable] | None:
        """How a command's positionals name API objects (kubectl's ``get po web`` =
        ``get pods/web``): its mode and the program's resources, or None."""
        return self._objects.get(path)

    def type_key(self, path: tuple[str, ...], index: int, value: str) -> str | None:
        """The kind of thing an argument names, in one spelling (``po``, ``Pod``, ``pods/web`` →
        ``pods``), or None when it names none (``pod,svc`` names several)."""
        objects = self._objects.get(path)
        if objects is None or index != 0 or not value:
            return None
        return objects[1].key(value.split("/", 1)[0])

    def names_a_type(self, path: tuple[str, ...], index: int, value: str) -> bool:
        """Whether an argument names kinds of thing and nothing else (kubectl's ``pods`` and
        ``pod,svc`` in ``kubectl get …``; ``deploy/web`` names a value too): the words of the
        command, not values to show a learner."""
        return "/" not in value and all(self.type_key(path, index, part) for part in value.split(","))

    # -- loading ----------------------------------------------------------------------------

    def add_path(self, typed: tuple[str, ...], canonical: tuple[str, ...]) -> None:
        before = self.paths.get(typed)
        if before is not None:
            self._spelled[before].discard(typed)
        self.paths[typed] = canonical
        self._spelled.setdefault(canonical, set()).add(typed)  # spellings reads it: no scan of every path
        for i in range(len(typed)):
            self.children.setdefault(typed[:i], set()).add(typed[i])

    def _add_same(self, forms: list[str], arg: str | None = None) -> None:
        """``forms``: a command path with the options that make it one form, the first form the
        one the others are read as (``git switch -c``, ``git checkout -b``). With ``arg`` (a
        pattern), a form is one only with a single argument of that shape and no ``--``
        (``git checkout main`` = ``git switch main``: main has a branch name's shape)."""

        def form(text: str) -> tuple[tuple[str, ...], tuple[Option, ...]] | None:
            words = text.split()
            flags = [w for w in words if w.startswith("-")]
            path = self.paths.get(tuple(w for w in words if not w.startswith("-")))
            scope = self.scopes.get(path) if path else None
            if scope is None or any(f not in scope.options for f in flags):
                raise GrammarError(f"same: {text!r} is not a command with those options")
            return path, tuple(scope.options[f] for f in flags)

        target_path, target_options = form(forms[0])
        shape = re.compile(arg) if arg is not None else None
        for text in forms[1:]:
            path, options = form(text)
            entries = self._same.setdefault(path, [])
            entries.append(SameForm(options, target_path, target_options, shape))
            entries.sort(key=lambda f: -len(f.options))  # the form with the most options wins

    def _read_overlay(self, name: str, data: dict) -> None:
        """One overlay file's data (``name``: the file's, for errors)."""
        _check(name, data, _TOP_KEYS)
        for key, info in data.get("instructions", {}).items():
            self.instructions[key] = info
        self.compose_keys.update(data.get("keys", {}))
        self.other_programs.update(data.get("other_programs", []))
        self.no_subcommands.update(data.get("no_subcommands", []))
        self.bundled_first.update(data.get("bundled_first", []))
        self.command_depth.update(data.get("command_depth", {}))
        self.runs_a_command.update(data.get("runs_a_command", []))
        self.not_programs.update(data.get("not_programs", []))
        self.checks.update(data.get("checks", []))
        self.continuations.update(data.get("continuations", []))
        self.preparations.update(data.get("preparations", []))
        program = data.get("program")
        for kind, names in data.get("value_kinds", {}).items():
            if program is None:
                raise GrammarError(f"{name}: value kinds need a program")
            for value_name in names:
                self.value_kinds[(program, value_name)] = kind
        if program is None:
            if data.get("group") or data.get("command"):
                raise GrammarError(f"{name}: commands need a program")
            return
        overlay = self._overlays.setdefault(program, _Overlay())
        self._owner.setdefault(program, program)
        for kind in ("group", "command"):
            for item in data.get(kind, []):
                _check(f"{name}: {item.get('path')}", item, _SCOPE_KEYS)
                for opt in item.get("options", []):
                    _check(f"{name}: {item.get('path')} {opt.get('flag')}", opt, _OPTION_KEYS)
                overlay.scopes[item["path"]] = item
                if kind == "group":
                    overlay.groups.add(item["path"])
        overlay.clones.extend(data.get("clones", []))
        overlay.path_aliases.update(data.get("path_aliases", {}))
        for item in data.get("same", []):
            _check(f"{name}: same", item, {"forms", "arg"})
            overlay.same.append(item)
        overlay.resources.update(data.get("resources", {}))
        for item in data.get("optional_values", []):  # "--dry-run=unchanged": the value it stands for bare
            flag, _, bare = item.partition("=")
            overlay.optional_values[flag] = bare
        overlay.unordered_values.update(data.get("unordered_values", []))
        for mode, paths in data.get("objects", {}).items():
            if mode not in MODES:
                raise GrammarError(f"{name}: objects: unknown mode {mode!r}")
            overlay.objects.update(dict.fromkeys(paths, mode))
        for word in [*data.get("clones", []), *data.get("path_aliases", {})]:
            self._owner[word] = program

    def add_generated(self, file: Path, source: str) -> None:
        program = file.stem
        self._generated[program] = file
        self._owner.setdefault(program, program)
        self.sources[program] = source

    def _load_program(self, program: str) -> None:
        overlay = self._overlays.get(program, _Overlay())
        facts = _read_generated(self._generated[program]) if program in self._generated else None
        aliases: dict[str, list[str]] = {}
        anywhere: list[Option] = []
        style = facts.get("style", "") if facts is not None else ""
        if facts is not None:
            self.versions[program] = facts.get("version", "")
            globals_ = facts.get("globals", {})
            root_opts = [_gen_option(o, (program,), style) for o in globals_.get("options", [])]
            root_item = overlay.scopes.get(program)
            if root_item is not None:  # our words for the global options, wherever they stand
                described = _apply(Scope((program,), _table(root_opts), False), root_item, (program,), False, [])
                root_opts = list({id(o): o for o in described.options.values()}.values())
            if globals_.get("anywhere"):
                anywhere = root_opts
                # cobra (kubectl) parses every flag on the command that runs, typed before its
                # path too; gcloud's calliope reads a command's flags only after its path
                # (`gcloud --zone z compute instances delete x` is refused): its globals alone stand anywhere
                if style != "gcloud":
                    self.flags_anywhere.add(program)
            global_flags = {f for o in root_opts for f in o.flags}
            for path_text, entry in facts["commands"].items():
                path = tuple(path_text.split())
                is_root = path == (program,)
                own = [_gen_option(o, path, style) for o in entry.get("options", [])]
                if style == "gcloud":  # a command's --project is the global one (calliope allows no second)
                    own = [o for o in own if not global_flags.intersection(o.flags)]
                if style == "goflag":  # Go's flag package: -out and --out are one flag
                    own = [_go_spellings(o) for o in own]
                opts = _table(root_opts if is_root else own + anywhere)
                self.scopes[path] = Scope(
                    path,
                    opts,
                    runs(path_text, entry) or alone(facts, path_text, entry),
                    style != "goflag",  # Go's flag package stops at the first argument
                    tuple(entry.get("args", ())),
                    # the program's own options are read by its own rules; git's, cobra's by the
                    # common ones; a Go-flag program's root by the Go-flag reader (one dash, -chdir=DIR)
                    style=style if style in ("goflag", "gnu") or not is_root else "",
                    default=entry.get("default", ""),
                    dash=" -- " in entry.get("usage", ""),
                    en=entry.get("about", ""),  # the CLI's own words, until an overlay gives ours
                )
                aliases[path_text] = entry.get("aliases", [])
            if (program,) not in self.scopes:
                self.scopes[(program,)] = Scope((program,), _table(root_opts), False)
                aliases.setdefault(program, [])
        for path_text, item in overlay.scopes.items():
            path = tuple(path_text.split())
            base = self.scopes.get(path)
            self.scopes[path] = _apply(base, item, path, path_text not in overlay.groups, anywhere, style)
        for path_text, item in overlay.scopes.items():
            for donor in item.get("options_from", []):  # git show reads git log's options
                path = tuple(path_text.split())
                self.scopes[path] = _inherit(self.scopes[path], self.scopes[tuple(donor.split())])
        if overlay.optional_values:  # flags whose value is read only when attached, in every command
            for path, scope in list(self.scopes.items()):
                if path[0] == program:
                    self.scopes[path] = _value_only_attached(scope, overlay.optional_values)
        if overlay.unordered_values:  # flags whose repeated values make a map or a set, in every command
            for path, scope in list(self.scopes.items()):
                if path[0] == program:
                    self.scopes[path] = _unordered(scope, overlay.unordered_values)
        for path_text, item in overlay.scopes.items():
            if "descriptions_from" in item:
                path = tuple(path_text.split())
                self.scopes[path] = _borrow(self.scopes[path], self.scopes[tuple(item["descriptions_from"].split())])
            aliases.setdefault(path_text, [])
            aliases[path_text] = [*aliases[path_text], *item.get("aliases", [])]
        for name, alias_list in aliases.items():
            canonical = tuple(name.split())
            for typed in [canonical, *(tuple(a.split()) for a in alias_list)]:
                self.add_path(typed, canonical)
        for alias, target in overlay.path_aliases.items():  # docker-compose X = docker compose X
            target_t = tuple(target.split())
            for typed, canonical in list(self.paths.items()):
                if typed[: len(target_t)] == target_t:
                    self.add_path((alias, *typed[len(target_t) :]), canonical)
        for clone in overlay.clones:  # nvidia-docker reads docker's grammar
            for typed, canonical in list(self.paths.items()):
                if typed[0] != program:
                    continue
                new = (clone, *canonical[1:])
                if new not in self.scopes:
                    self.scopes[new] = replace(self.scopes[canonical], path=new)
                self.add_path((clone, *typed[1:]), new)
        for item in overlay.same:
            self._add_same(list(item["forms"]), item.get("arg"))
        if overlay.objects:
            table = ResourceTable.from_facts(overlay.resources)
            for path_text, mode in overlay.objects.items():
                canonical = self.paths.get(tuple(path_text.split()))
                if canonical:
                    self._objects[canonical] = (mode, table)
        self._prefixes.clear()


def _read_generated(file: Path) -> dict:
    with open(file, encoding="utf-8") as fh:
        data = json.load(fh)
    if not isinstance(data, dict):
        raise GrammarError(f"{file.name}: not a grammar")
    _check(file.name, data, _GEN_TOP)
    for path, entry in data.get("commands", {}).items():
        _check(f"{file.name}: {path}", entry, _GEN_CMD)
        for opt in entry.get("options", []):
            _check(f"{file.name}: {path}", opt, _GEN_OPT)
    for opt in data.get("globals", {}).get("options", []):
        _check(f"{file.name}: globals", opt, _GEN_OPT)
    return data


def _key(flags: tuple[str, ...]) -> str:
    longs = [f for f in flags if f.startswith("--") and not f.startswith("--no-")]
    longs = longs or [f for f in flags if f.startswith("--")]
    return longs[0] if longs else flags[0]


# Where a switch on by default, typed on, is as if not typed (``noop``): cobra's pflag keeps no
# mark a program reads unless it asks whether the flag was typed, which an overlay says
# (``noop = false``: kubectl api-resources --namespaced). Judged on kubectl 1.32: of 13 such
# switches asked about, 10 the same typed or not (rollout status -w, delete --wait, get
# --server-print…), that one different, 2 undecidable (tests/test_kubectl_judge.py); not gcloud
# (calliope's IsSpecified is read widely), git or Go-flag programs (not judged).
_DEFAULTS_UNSEEN = frozenset({"cobra", "kubectl"})


def _gen_option(raw: dict, owner: tuple[str, ...], style: str = "") -> Option:
    flags = tuple(raw["flags"])
    on = bool(raw.get("on"))
    # parse-options' --verbose counts (OPT__VERBOSE: git branch -vv shows the upstreams, git
    # commit -vv the work tree's changes in the message's template)
    counts = style == "git" and "--verbose" in flags and raw.get("value") is None
    return Option(
        _key(flags),
        flags,
        raw.get("value"),
        bool(raw.get("repeat")) or counts,
        owner=owner,
        optional_value=bool(raw.get("optional_value")),
        negatable=bool(raw.get("negatable")),
        on=on,
        noop=on and raw.get("value") is None and style in _DEFAULTS_UNSEEN,
        literal=bool(raw.get("literal")),
        means=tuple(raw.get("means", ())),  # gnu: "Shortcut for --state=failed"
        en=raw.get("help", ""),  # the CLI's own words, until an overlay gives ours
    )


def _go_spellings(opt: Option) -> Option:
    """A Go-flag option as Go's flag package reads it: ``-out`` is ``--out`` too (the help's
    one-dash spelling stays its key); a literal one keeps the help's word alone."""
    if opt.literal:
        return opt
    flags = tuple(dict.fromkeys(f for name in opt.flags for f in (name, "-" + name) if not f.startswith("---")))
    return replace(opt, key=opt.flags[0], flags=flags)


def _table(options: list[Option]) -> dict[str, Option]:
    table: dict[str, Option] = {}
    for opt in options:
        for flag in opt.flags:
            table.setdefault(flag, opt)
    return table


def runs(path: str, entry: dict) -> bool:
    """Whether a generated grammar's entry is a command one runs (not the program itself,
    not a group that only holds subcommands): what ``grammar list`` counts."""
    return " " in path and (not entry.get("group") or bool(entry.get("runs")))


def alone(doc: dict, path: str, entry: dict) -> bool:
    """A GNU program that is one command (ls, grep): its root runs, with the options help lists."""
    return doc.get("style") == "gnu" and path == doc.get("program") and not entry.get("group")


def _apply(
    base: Scope | None, item: dict, path: tuple[str, ...], is_command: bool, anywhere: list[Option], style: str = ""
) -> Scope:
    """Our words (and the facts help does not show) over the generated scope."""
    options = dict(base.options) if base else {}
    for raw in item.get("options", []):
        flags = tuple(raw["flag"].split())
        known = next((options[f] for f in flags if f in options), None)
        if known is not None:
            merged = replace(
                known,
                flags=tuple(dict.fromkeys(known.flags + flags)),
                # value = false: help shows a value the program reads otherwise (git update-index
                # --cacheinfo takes its three words itself, never --cacheinfo=X)
                value=None
                if raw.get("value") is False
                else raw.get("value", known.value)
                if known.value is not None or "optional_value" in raw
                else None,
                en=raw.get("en", known.en),
                ja=raw.get("ja", ""),
                say=raw.get("say", ""),
                optional_value=raw.get("optional_value", known.optional_value),
                bare=raw.get("bare", known.bare),
                repeat=raw.get("repeat", known.repeat),  # git branch -vv: a count
                numeric=raw.get("numeric", known.numeric),
                negatable=raw.get("negatable", known.negatable),
                positional=raw.get("positional", known.positional),
                alone=raw.get("alone", known.alone),
                abbreviate=raw.get("abbreviate", known.abbreviate),
                means=tuple(raw["means"].split()) if "means" in raw else known.means,
                on=bool(raw.get("on", known.on)),
                noop=bool(raw.get("noop", known.noop)),
                unordered=bool(raw.get("unordered", known.unordered)),
            )
            for flag in merged.flags:
                options[flag] = merged
            # the same option object under every spelling it had
            for flag, opt in list(options.items()):
                if opt is known:
                    options[flag] = merged
        else:
            opt = Option(
                _key(flags),
                flags,
                raw.get("value"),
                bool(raw.get("repeat")),
                raw.get("en", ""),
                raw.get("ja", ""),
                raw.get("say", ""),
                owner=path,
                optional_value=bool(raw.get("optional_value")),
                bare=raw.get("bare", ""),
                numeric=bool(raw.get("numeric")),
                means=tuple(raw.get("means", "").split()),
                negatable=bool(raw.get("negatable")),
                positional=bool(raw.get("positional")),
                alone=bool(raw.get("alone")),
                abbreviate=raw.get("abbreviate", True),
                on=bool(raw.get("on")),
                noop=bool(raw.get("noop")),
                unordered=bool(raw.get("unordered")),
            )
            for flag in flags:
                options[flag] = opt
    if item.get("abbreviate") is False:  # git log: no prefix of its options is read as the option
        exact: dict[int, Option] = {}
        for flag, opt in list(options.items()):
            if opt.owner == path or (base is not None and opt.owner == base.path):
                options[flag] = exact.setdefault(id(opt), replace(opt, abbreviate=False))
    if base is None:
        for opt in anywhere:
            for flag in opt.flags:
                options.setdefault(flag, opt)
    args = tuple(item["args"]) if "args" in item else (base.args if base else ())
    together = tuple((frozenset(keys.split()), phrase) for keys, phrase in item.get("say_together", {}).items())
    return Scope(
        path,
        options,
        base.is_command if base else is_command,
        item.get("interspersed", base.interspersed if base else True),
        args,
        item.get("en", base.en if base else ""),
        item.get("ja", ""),
        item.get("say", ""),
        item.get("say_rest", ""),
        together,
        base.style if base else style,
        item.get("default", base.default if base else ""),
        item.get("dash", base.dash if base else False),
    )


def _inherit(scope: Scope, donor: Scope) -> Scope:
    """The donor's own options this scope does not have (``git log`` takes ``git diff``'s)."""
    options = dict(scope.options)
    copies: dict[int, Option] = {}
    for flag, opt in donor.options.items():
        if flag not in options and opt.owner == donor.path:
            options[flag] = copies.setdefault(id(opt), replace(opt, owner=scope.path))
    return replace(scope, options=options)


def _value_only_attached(scope: Scope, flags: dict[str, str]) -> Scope:
    """kubectl's ``--dry-run[=client]``: given alone it has a default value (pflag's NoOptDefVal,
    ``flags``' value where known), so ``--dry-run client`` is the flag and a positional ``client``."""
    swapped: dict[int, Option] = {}
    options = {}
    for spelling, opt in scope.options.items():
        hit = next((f for f in opt.flags if f in flags), None) if opt.value is not None else None
        if hit is not None:
            opt = swapped.setdefault(id(opt), replace(opt, optional_value=True, bare=flags[hit]))
        options[spelling] = opt
    return replace(scope, options=options) if swapped else scope


def _unordered(scope: Scope, flags: set[str]) -> Scope:
    """kubectl's ``--from-literal a=1 --from-literal b=2``: the values make a map, in any order."""
    swapped: dict[int, Option] = {}
    options = {}
    for spelling, opt in scope.options.items():
        if opt.repeat and flags.intersection(opt.flags):
            opt = swapped.setdefault(id(opt), replace(opt, unordered=True))
        options[spelling] = opt
    return replace(scope, options=options) if swapped else scope


def _borrow(scope: Scope, other: Scope) -> Scope:
    """Descriptions of options ``scope`` shares with ``other`` (docker create = docker run)."""
    options = dict(scope.options)
    for flag, opt in scope.options.items():
        donor = other.options.get(flag)
        if donor is not None and not opt.en and donor.key == opt.key:
            options[flag] = replace(opt, en=donor.en, ja=donor.ja, say=donor.say)
    return replace(scope, options=options)


def user_grammar_dir() -> Path:
    from dockquiz.resources import user_data_path

    return Path(user_data_path("grammars"))


def load_grammar(directory: Path | None = None, learned: Path | None = None) -> Grammar:
    """The grammar index: shipped facts and overlays, then grammars the learner taught
    (``dockquiz grammar learn``; for a program that is shipped too, the learned facts are
    those of the learner's installed version, and our words still apply)."""
    shipped = directory is None
    directory = directory or content_dir() / "cli"
    grammar = Grammar()
    for name, data in _overlays(directory, cached=shipped):
        grammar._read_overlay(name, data)
    for file in sorted((directory / "generated").glob("*.json")):
        grammar.add_generated(file, "shipped")
    if learned is not None and learned.is_dir():  # the learner's installed version wins
        for file in sorted(learned.glob("*.json")):
            grammar.add_generated(file, "learned")
    return grammar


_CACHE_FORMAT = 1


def _overlays(directory: Path, cached: bool) -> list[tuple[str, dict]]:
    """Each overlay file's name and data, in name order. The shipped ones come from a JSON copy
    in the user's cache folder while the files hash the same (TOML takes some forty times as
    long to read: about a tenth of the start to the first card); made again when they do not,
    and never kept where JSON would not give back the same data."""
    texts = [(file.name, file.read_bytes()) for file in sorted(directory.glob("*.toml"))]
    if not cached:
        return [(name, tomllib.loads(raw.decode("utf-8"))) for name, raw in texts]
    import hashlib
    import os

    from dockquiz.resources import user_cache_path

    digest = hashlib.sha256(str(_CACHE_FORMAT).encode())
    for name, raw in texts:
        digest.update(b"%s\0%d\0%s" % (name.encode(), len(raw), raw))
    key = digest.hexdigest()
    path = Path(user_cache_path("grammar-overlays.json"))
    try:
        kept = json.loads(path.read_text("utf-8"))
        if kept["key"] == key:
            return [(name, data) for name, data in kept["overlays"]]
    except (OSError, ValueError, KeyError, TypeError):  # none yet, or not ours: read the TOML
        pass
    overlays = [(name, tomllib.loads(raw.decode("utf-8"))) for name, raw in texts]
    try:
        text = json.dumps({"key": key, "overlays": overlays}, ensure_ascii=False)
        if json.loads(text)["overlays"] == [list(item) for item in overlays]:  # TOML's dates would not be
            path.parent.mkdir(parents=True, exist_ok=True)
            part = path.with_name(f"{path.name}.{os.getpid()}")
            part.write_text(text, "utf-8")
            os.replace(part, path)  # whole or not at all, whoever else writes it
    except (OSError, TypeError, ValueError):  # a cache folder we cannot write: read TOML each time
        pass
    return overlays


@cache
def grammar() -> Grammar:
    """The grammar, indexed on first use (commands that don't grade never pay); each
    program's facts are read when its first command line is."""
    try:
        learned = user_grammar_dir()
    except Exception:  # noqa: BLE001 - no user folder: shipped grammars only
        learned = None
    return load_grammar(learned=learned)


_PATH_WORD = re.compile(r"^[a-z][a-z0-9-]*$")
# the words that end a command path in most CLIs (a version's own are read from its grammar)
_VERBS = frozenset(
    "list describe create delete update get set add remove install uninstall enable disable start stop "
    "restart resize deploy submit show split merge push pull apply".split()
)


def guessed_path(words: list[str], g: Grammar | None = None) -> list[str]:
    """The command words of a program no grammar knows: the program, and a lowercase word
    right after it (``streamlit run app.py`` → ``streamlit run``; ``grep -e x f`` → ``grep``).
    With the grammar's lists (content/cli/programs.toml): a program with no subcommands is its
    one word (``mkdir test``, ``type cd``: their words are values), and a program whose
    commands are several words takes that many (``aws s3 cp``)."""
    path = list(words[:1])
    if g is not None and path and path[0] in g.no_subcommands:
        return path
    depth = g.command_depth.get(path[0], 1) if g is not None and path else 1
    if depth > 1:
        for word in words[1 : depth + 1]:
            if not _PATH_WORD.match(word):
                break
            path.append(word)
        return path
    if len(words) > 1 and words[1].isalpha() and words[1].islower():
        path.append(words[1])
    return path
