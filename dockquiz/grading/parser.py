"""Step 4 of grading: read words the way the Docker CLI does (cobra + pflag rules).

Walk the command path (``docker`` → ``compose`` → ``up``), parse each group's options
before its subcommand (global flags only there), then the command's options and
positionals: bundles (``-it``), attached values (``-p8080:80``, ``--name=x``), boolean
``=true/false``, ``--``, interspersed or not, repeatable options.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dockquiz.grading.grammar import Grammar, Option, Scope

_TRUE = {"1", "t", "T", "TRUE", "true", "True"}
_FALSE = {"0", "f", "F", "FALSE", "false", "False"}


@dataclass(frozen=True, slots=True)
class Opt:
    key: str  # canonical option name (or the flag as typed when unknown)
    value: str | None  # None for a boolean option that is on
    typed: str  # the word(s) as typed, for display
    scope: tuple[str, ...]  # path of the command or group it belongs to
    option: Option | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    kind: str  # unknown_flag | missing_value | unknown_command | arity | bad_bool
    token: str
    scope: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Parsed:
    """One command as its program reads it: frozen, because expected forms are cached and shared."""

    words: tuple[str, ...]
    path: tuple[str, ...] = ()  # canonical command path, () when unknown program
    typed_path: tuple[str, ...] = ()
    scope: Scope | None = None
    opts: tuple[Opt, ...] = ()
    args: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def known(self) -> bool:
        return self.scope is not None


@dataclass(slots=True)
class _Reading:
    """A Parsed while it is being read."""

    words: list[str]
    path: tuple[str, ...] = ()
    typed_path: tuple[str, ...] = ()
    scope: Scope | None = None
    opts: list[Opt] = field(default_factory=list)
    args: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def done(self) -> Parsed:
        return Parsed(
            tuple(self.words), self.path, self.typed_path, self.scope, tuple(self.opts), tuple(self.args), tuple(self.problems)
        )


def _bool_value(opt: Option, raw: str, scope: Scope, parsed: _Reading) -> str | None | bool:
    if raw in _TRUE:
        return None
    if raw in _FALSE:
        return False
    parsed.problems.append(Problem("bad_bool", f"{opt.key}={raw}", scope.path))
    return None


def _add(parsed: _Reading, opt: Option, value: str | None | bool, typed: str, scope: Scope) -> None:
    if value is False:  # --rm=false: the option is off, as if not given
        parsed.opts = [o for o in parsed.opts if o.key != opt.key or o.scope != (opt.owner or scope.path)]
        return
    if not opt.repeat:
        parsed.opts = [o for o in parsed.opts if o.key != opt.key or o.scope != (opt.owner or scope.path)]
    parsed.opts.append(Opt(opt.key, value, typed, opt.owner or scope.path, opt))


def _long(words: list[str], i: int, scope: Scope, parsed: _Reading, lenient: bool) -> int:
    word = words[i]
    name, eq, raw = word.partition("=")
    opt = scope.options.get(name)
    if opt is None:
        parsed.problems.append(Problem("unknown_flag", word, scope.path))
        parsed.opts.append(Opt(name, raw if eq else None, word, scope.path, None))
        return i + 1
    if opt.optional_value:  # git's --opt[=value]: a value only when attached
        _add(parsed, opt, raw if eq else None, word, scope)
        return i + 1
    if not opt.takes_value:
        _add(parsed, opt, _bool_value(opt, raw, scope, parsed) if eq else None, word, scope)
        return i + 1
    return _take_value(words, i, opt, scope, parsed, lenient, attached=raw if eq else None, shown=word, base=word, flag=word)


def _take_value(
    words: list[str],
    i: int,
    opt: Option,
    scope: Scope,
    parsed: _Reading,
    lenient: bool,
    *,
    attached: str | None,
    shown: str,
    base: str,
    flag: str,
) -> int:
    """A value-taking option: its attached value (``--name=x``, ``-p8080:80``), else the
    next word (even one that looks like a flag), else a missing value."""
    if attached is not None:
        _add(parsed, opt, attached, shown, scope)
        return i + 1
    if i + 1 < len(words):
        _add(parsed, opt, words[i + 1], f"{base} {words[i + 1]}", scope)
        return i + 2
    if not lenient:
        parsed.problems.append(Problem("missing_value", flag, scope.path))
    _add(parsed, opt, None, words[i], scope)
    return i + 1


def _short(words: list[str], i: int, scope: Scope, parsed: _Reading, lenient: bool) -> int:
    word = words[i]
    bundle = len(word) > 2 and word[2] != "="
    j = 1
    while j < len(word):
        flag = "-" + word[j]
        opt = scope.options.get(flag)
        if opt is None:
            parsed.problems.append(Problem("unknown_flag", word if j == 1 else flag, scope.path))
            parsed.opts.append(Opt(word if j == 1 else flag, None, word, scope.path, None))
            return i + 1
        rest = word[j + 1 :]
        if opt.optional_value:
            _add(parsed, opt, (rest[1:] if rest.startswith("=") else rest) or None, word, scope)
            return i + 1
        if opt.takes_value:
            value = rest[1:] if rest.startswith("=") else rest
            return _take_value(
                words,
                i,
                opt,
                scope,
                parsed,
                lenient,
                attached=value if rest else None,
                shown=f"{flag} {value}" if j > 1 else word,
                base=flag if bundle else word,
                flag=flag,
            )
        if rest.startswith("="):
            _add(parsed, opt, _bool_value(opt, rest[1:], scope, parsed), word, scope)
            return i + 1
        _add(parsed, opt, None, flag if bundle else word, scope)
        j += 1
    return i + 1


def _is_flag(word: str) -> bool:
    return len(word) > 1 and word.startswith("-") and word != "--"


def parse_options(words: list[str], start: int, scope: Scope, parsed: _Reading, *, lenient: bool = False) -> int:
    """Parse options of ``scope`` from ``start``; positionals go to ``parsed.args``.

    Returns the index where parsing stopped (for a group: its subcommand word).
    """
    i = start
    while i < len(words):
        word = words[i]
        if word == "--":
            if scope.is_command:
                parsed.args.extend(words[i + 1 :])
                return len(words)
            return i + 1
        if _is_flag(word):
            i = (_long if word.startswith("--") else _short)(words, i, scope, parsed, lenient)
            continue
        if not scope.is_command:
            return i
        if not scope.interspersed:
            parsed.args.extend(words[i:])
            return len(words)
        parsed.args.append(word)
        i += 1
    return i


def _check_arity(parsed: _Reading) -> None:
    low, high = parsed.scope.arity()
    count = len(parsed.args)
    if count < low or (high is not None and count > high):
        parsed.problems.append(Problem("arity", str(count), parsed.scope.path))


def parse(words: list[str], grammar: Grammar, *, lenient: bool = False) -> Parsed:
    """Parse one command's words. Unknown programs give a Parsed with no scope."""
    parsed = _Reading(list(words))
    if not words or not grammar.knows(words[0]):
        return parsed.done()
    typed: tuple[str, ...] = (words[0],)
    i = 1
    while True:
        canonical = grammar.resolve(typed)
        scope = grammar.scopes.get(canonical) if canonical else None
        children = grammar.next_words(typed)
        if scope is not None and scope.is_command and (i >= len(words) or words[i] not in children):
            parsed.path, parsed.typed_path, parsed.scope = canonical, typed, scope
            parse_options(words, i, scope, parsed, lenient=lenient)
            if not lenient:
                _check_arity(parsed)
            return parsed.done()
        if scope is not None and not scope.is_command:
            i = parse_options(words, i, scope, parsed, lenient=lenient)
        nxt = words[i] if i < len(words) else None
        if nxt is None or nxt not in children:
            parsed.typed_path = typed
            parsed.path = canonical or typed
            parsed.args = list(words[i:])
            parsed.problems.append(Problem("unknown_command", nxt or "", typed))
            return parsed.done()
        typed = (*typed, nxt)
        i += 1
