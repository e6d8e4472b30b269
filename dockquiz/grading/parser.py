"""Step 4 of grading: read words the way the CLI does.

Walk the command path (``docker`` → ``compose`` → ``up``), parse each group's options
before its subcommand (global flags only there), then the command's options and
positionals: bundles (``-it``), attached values (``-p8080:80``, ``--name=x``), boolean
``=true/false``, ``--``, interspersed or not, repeatable options.

Commands whose facts came from git's help (``Scope.style == "git"``) are read by git's
parse-options rules instead: ``--no-X`` turns X off (the last of ``--X``/``--no-X`` wins), a
short option's attached value is everything after the letter (``-m=x`` is the message
``=x``), unambiguous prefixes of long options are read as the option (where the command
allows them), a switch takes no ``=value``, ``-<n>`` is the command's numeric option
(``git log -3``). A group may name the subcommand read when none is typed (``git stash -u``
is ``git stash push -u``).

Commands whose facts came from a GNU help (``Scope.style == "gnu"``: ls, grep, journalctl,
systemctl) are read as glibc's ``getopt_long`` does, by the same rules as git's less ``--no-X``
(their facts hold no negatable option): bundles (``-rf``), a short option's value attached
(``-n5``) or the next word, ``--opt=value`` or ``--opt value``, ``--opt[=value]`` only attached,
a unique prefix of a long option is the option (``--foll`` for ``--follow``), a switch takes no
``=value``, options anywhere among the arguments.

Commands whose facts came from a Go-flag help (``Scope.style == "goflag"``: terraform) are read
as Go's ``flag`` package does: ``-out`` and ``--out`` are one flag (the grammar holds both
spellings), ``-out=x`` or ``-out x`` for a flag that takes a value, a switch only as ``-x`` or
``-x=false`` (``-x false`` is the switch and an argument), no bundles, and options end at the
first argument.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from dockquiz.grading.grammar import Grammar, Option, Scope

_NONE: frozenset[str] = frozenset()
_TRUE = {"1", "t", "T", "TRUE", "true", "True"}
_FALSE = {"0", "f", "F", "FALSE", "false", "False"}


@dataclass(frozen=True, slots=True)
class Opt:
    key: str  # canonical option name (or the flag as typed when unknown)
    value: str | None  # None for a boolean option that is on
    typed: str  # the word(s) as typed, for display
    scope: tuple[str, ...]  # path of the command or group it belongs to
    option: Option | None = None


def turned_off(opt: Opt) -> bool:
    """Whether an option was typed in the form that turns it the other way (git's ``--no-ff``
    of ``--ff``, ``--verify`` of ``--no-verify``): its words (``en``, ``ja``: "Allow
    fast-forward") then say the opposite of what the line does."""
    return opt.option is not None and opt.key not in opt.option.flags


def read_value(opt: Opt) -> str | None:
    """The value the program reads: typed, or, for a flag whose value is read only attached
    typed bare, the one it stands for (git status -u is -uall; kubectl's --dry-run is
    --dry-run=unchanged). For comparing only: the line shows no value there."""
    if opt.value is None and opt.option is not None and opt.option.optional_value and opt.option.bare:
        return opt.option.bare
    return opt.value


@dataclass(frozen=True, slots=True)
class Problem:
    kind: str  # unknown_flag | missing_value | unknown_command | arity | bad_bool | ambiguous | not_alone
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
    dash: int | None = None  # how many positionals stood before `--`, if it was typed

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
    dash: int | None = None

    def done(self) -> Parsed:
        return Parsed(
            tuple(self.words),
            self.path,
            self.typed_path,
            self.scope,
            tuple(self.opts),
            tuple(self.args),
            tuple(self.problems),
            self.dash,
        )


def _bool_value(opt: Option, raw: str, scope: Scope, parsed: _Reading) -> str | None | bool:
    if raw in _TRUE:
        return None
    if raw in _FALSE:
        return False
    parsed.problems.append(Problem("bad_bool", f"{opt.key}={raw}", scope.path))
    return None


def _add(parsed: _Reading, opt: Option, value: str | None | bool, typed: str, scope: Scope) -> None:
    if value is False and opt.on:  # --tty=false where the tty is on by default: a choice, kept
        value = "false"
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
        if eq and (scope.style == "gcloud" or opt.literal):  # argument --quiet: ignored explicit argument 'true'
            parsed.problems.append(Problem("bad_bool", word, scope.path))  # terraform: -no-color=true is no flag
            eq = ""
        if name != opt.key and name.startswith("--no-") and "--" + name[5:] == opt.key:
            # a switch whose facts spell it --X and --no-X (gcloud's --[no-]X): --no-X turns it off, the last one wins
            parsed.opts = [o for o in parsed.opts if o.option is not opt or o.scope != (opt.owner or scope.path)]
            parsed.opts.append(Opt(name, None, word, opt.owner or scope.path, opt))
            return i + 1
        if any(o.option is opt and o.key != opt.key for o in parsed.opts):  # --no-X --X: on again
            parsed.opts = [o for o in parsed.opts if o.option is not opt or o.key == opt.key]
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
            if scope.style == "gcloud":  # -q=true: ignored explicit argument
                parsed.problems.append(Problem("bad_bool", word, scope.path))
                _add(parsed, opt, None, word, scope)
                return i + 1
            _add(parsed, opt, _bool_value(opt, rest[1:], scope, parsed), word, scope)
            return i + 1
        _add(parsed, opt, None, flag if bundle else word, scope)
        j += 1
    return i + 1


# --- git's parse-options ------------------------------------------------------------------------


def off_key(opt: Option) -> str:
    """The key of an option turned off: ``--no-amend``; for ``--no-verify``, ``--verify``."""
    long_ = next((f for f in opt.flags if f.startswith("--")), opt.key)
    return "--" + long_[5:] if long_.startswith("--no-") else "--no-" + long_.lstrip("-")


def _po_find(scope: Scope, name: str) -> tuple[Option, bool] | str | None:
    """The option a long word names, and whether it turns it off; "ambiguous"; or None."""
    opt = scope.options.get(name)
    if opt is not None:
        return opt, False
    body = name[2:]
    if body.startswith("no-"):
        opt = scope.options.get("--" + body[3:])
        if opt is not None and opt.negatable:
            return opt, True
    opt = scope.options.get("--no-" + body)
    if opt is not None and opt.negatable:  # --verify, for -n, --no-verify
        return opt, True
    if len(name) < 3:
        return None
    hits: dict[int, tuple[Option, bool]] = {}
    for flag, o in scope.options.items():
        if not flag.startswith("--") or id(o) in hits or not o.abbreviate:
            continue
        forms = [(flag, False)]
        if o.negatable:
            forms.append(("--" + flag[5:] if flag.startswith("--no-") else "--no-" + flag[2:], True))
        for form, off in forms:
            if form.startswith(name):
                hits[id(o)] = (o, off)
                break
    if len(hits) == 1:
        return next(iter(hits.values()))
    return "ambiguous" if hits else None


def _po_add(parsed: _Reading, opt: Option, value: str | None, typed: str, scope: Scope, off: bool = False) -> None:
    owner = opt.owner or scope.path
    if opt.means:  # git branch -D: --delete --force; systemctl --failed: --state=failed
        for flag in opt.means:
            name, eq, meant_value = flag.partition("=")
            meant = scope.options.get(name)
            if meant is not None:
                _po_add(parsed, meant, meant_value if eq else None, typed, scope)
        return
    if off or not opt.repeat:  # the last of --X / --no-X wins; --no-X empties a list
        parsed.opts = [o for o in parsed.opts if o.option is not opt or o.scope != owner]
    else:  # a count or a list on again after --no-X (--no-verbose -v): the --no-X is gone
        parsed.opts = [o for o in parsed.opts if o.option is not opt or o.scope != owner or o.key == opt.key]
    parsed.opts.append(Opt(off_key(opt) if off else opt.key, None if off else value, typed, owner, opt))


def _po_long(words: list[str], i: int, scope: Scope, parsed: _Reading, lenient: bool) -> int:
    word = words[i]
    name, eq, raw = word.partition("=")
    found = _po_find(scope, name)
    if not isinstance(found, tuple):
        parsed.problems.append(Problem("ambiguous" if found else "unknown_flag", word, scope.path))
        parsed.opts.append(Opt(name, raw if eq else None, word, scope.path, None))
        return i + 1
    opt, off = found
    if opt.positional and not off:  # git log --branches --not --remotes: where it stands matters
        if opt.takes_value and not eq and i + 1 < len(words):  # update-index --chmod +x = --chmod=+x
            parsed.args.append(f"{opt.key}={words[i + 1]}")
            return i + 2
        if not (opt.takes_value or opt.optional_value or eq):  # update-index --no-add --add: the last one wins
            _last_wins(parsed, opt)
        parsed.args.append(opt.key + eq + raw)
        return i + 1
    if opt.positional and not eq:  # update-index --no-add: read where it stands too
        _last_wins(parsed, opt)
        parsed.args.append(off_key(opt))
        return i + 1
    if off or not (opt.takes_value or opt.optional_value):
        if eq:  # option `amend' takes no value
            parsed.problems.append(Problem("bad_bool", word, scope.path))
        _po_add(parsed, opt, None, word, scope, off)
        return i + 1
    if opt.optional_value or eq:
        _po_add(parsed, opt, raw if eq else None, word, scope)
        return i + 1
    if i + 1 < len(words):
        _po_add(parsed, opt, words[i + 1], f"{word} {words[i + 1]}", scope)
        return i + 2
    if not lenient:
        parsed.problems.append(Problem("missing_value", name, scope.path))
    _po_add(parsed, opt, None, word, scope)
    return i + 1


def _last_wins(parsed: _Reading, opt: Option) -> None:
    """A switch read where it stands typed on or off right after itself: the last one counts
    (not git log's --not, which turns back what one before it turned)."""
    if opt.negatable and parsed.args and parsed.args[-1] in (opt.key, off_key(opt)):
        parsed.args.pop()


_NUMBER = re.compile(r"-\d+")


def _po_short(words: list[str], i: int, scope: Scope, parsed: _Reading, lenient: bool) -> int:
    word = words[i]
    if _NUMBER.fullmatch(word):
        numeric = next((o for o in scope.options.values() if o.numeric), None)
        if numeric is not None:
            _po_add(parsed, numeric, word[1:], word, scope)
            return i + 1
    bundle = len(word) > 2
    for j in range(1, len(word)):
        flag = "-" + word[j]
        opt = scope.options.get(flag)
        if opt is None:
            parsed.problems.append(Problem("unknown_flag", word if j == 1 else flag, scope.path))
            parsed.opts.append(Opt(word if j == 1 else flag, None, word, scope.path, None))
            return i + 1
        rest = word[j + 1 :]
        if opt.optional_value:  # -S<keyid>, -uno: only attached, all of it
            _po_add(parsed, opt, rest or None, word, scope)
            return i + 1
        if opt.takes_value:
            if rest:  # -mfix, -m=fix (the value "=fix")
                _po_add(parsed, opt, rest, word if j == 1 else f"{flag} {rest}", scope)
                return i + 1
            if i + 1 < len(words):
                _po_add(parsed, opt, words[i + 1], f"{flag if bundle else word} {words[i + 1]}", scope)
                return i + 2
            if not lenient:
                parsed.problems.append(Problem("missing_value", flag, scope.path))
            _po_add(parsed, opt, None, word, scope)
            return i + 1
        _po_add(parsed, opt, None, flag if bundle else word, scope)
    return i + 1


def _is_flag(word: str) -> bool:
    return len(word) > 1 and word.startswith("-") and word != "--"


def _known(word: str, scope: Scope) -> bool:
    name = word.partition("=")[0] if word.startswith("--") else word[:2]
    return name in scope.options


def parse_options(
    words: list[str], start: int, scope: Scope, parsed: _Reading, *, lenient: bool = False, defer: list[str] | None = None
) -> int:
    """Parse options of ``scope`` from ``start``; positionals go to ``parsed.args``.

    Returns the index where parsing stopped (for a group: its subcommand word). With
    ``defer``, a group's flag it does not know is kept there for the command that runs, with
    the next word when cobra would take that as its value (``--flag value``, ``-f value``).
    """
    i = start
    while i < len(words):
        word = words[i]
        if defer is not None and _is_flag(word) and not scope.is_command and not _known(word, scope):
            defer.append(word)
            i += 1
            takes_next = "=" not in word and (word.startswith("--") or len(word) == 2)
            if takes_next and i < len(words):  # cobra takes the next word as its value, whatever it is (-i -t exec)
                defer.append(words[i])
                i += 1
            continue
        if word == "--":
            if scope.is_command:
                parsed.dash = len(parsed.args)
                parsed.args.extend(words[i + 1 :])
                return len(words)
            return i + 1
        if _is_flag(word):
            if scope.style in ("git", "gnu"):  # getopt_long reads as parse-options does (no --no-X of its own)
                i = (_po_long if word.startswith("--") else _po_short)(words, i, scope, parsed, lenient)
            elif scope.style == "goflag":  # Go's flag package: one dash or two, never a bundle
                i = _long(words, i, scope, parsed, lenient)
            else:
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


def _next_word(words: list[str], i: int, scope: Scope) -> int | None:
    """Where cobra looks for a subcommand after flags typed between the words of a path (its
    ``stripFlags``): past each flag, and past the word after one that may take it as a value
    (``--flag`` or ``-f`` with no ``=``, unless the command knows it as a switch or an
    optional value); None at ``--`` or the end."""
    while i < len(words):
        word = words[i]
        if word == "--":
            return None
        if not word.startswith("-"):
            return i
        if "=" not in word and (word.startswith("--") or len(word) == 2):
            opt = scope.options.get(word)
            i += 2 if opt is None or opt.takes_value else 1
            continue
        i += 1
    return None


def _check_arity(parsed: _Reading) -> None:
    low, high = parsed.scope.arity()
    count = len(parsed.args)
    if count < low or (high is not None and count > high):
        parsed.problems.append(Problem("arity", str(count), parsed.scope.path))


def _rehome(parsed: _Reading, scope: Scope) -> None:
    """Where the command that runs parses every flag (kubectl's cobra), a flag typed before
    the subcommand is the command's own option when it has one by that name:
    ``kubectl --user=x config set-context c`` sets the context's user, as ``… c --user=x``;
    ``-n`` stays the global namespace there (set-context's --namespace has no -n)."""
    for i, opt in enumerate(parsed.opts):
        if opt.option is None or opt.scope == scope.path:
            continue
        flag = opt.typed.split()[0].partition("=")[0]
        if not flag.startswith("--"):
            flag = flag[:2]
        own = scope.options.get(flag)
        if own is not None and own is not opt.option:
            parsed.opts[i] = Opt(own.key, opt.value, opt.typed, own.owner or scope.path, own)


def unbundle_first(words: list[str], grammar: Grammar) -> list[str]:
    """tar's first word without a dash is its one-letter options bundled, the old style
    (``tar xzf a.tgz`` = ``tar -x -z -f a.tgz``); each letter that takes a value takes the next
    word after the bundle, in order (``tar cbf 20 out.tar`` = ``tar -c -b 20 -f out.tar``).
    The bundle gets its dash (``-xzf``), the same reading wherever no letter but the last takes
    a value, and the one without the program's grammar or where a letter is none of its options;
    otherwise the letters come apart, each with its value, as the program reads them."""
    if len(words) < 2 or words[0] not in grammar.bundled_first:
        return words
    bundle = words[1]
    if not bundle.isascii() or not bundle.isalpha():
        return words
    dashed = [words[0], "-" + bundle, *words[2:]]
    if not grammar.knows(words[0]):
        return dashed
    canonical = grammar.paths.get((words[0],))
    scope = grammar.scopes.get(canonical) if canonical else None
    if scope is None:
        return dashed
    options = [scope.options.get("-" + letter) for letter in bundle]
    if any(o is None for o in options):
        return dashed
    if not any(o.takes_value for o in options[:-1]):
        return dashed  # `xzf a.tgz` is `-xzf a.tgz` to the letter: kept one word, as typed
    out, rest = [words[0]], list(words[2:])
    for letter, option in zip(bundle, options):
        out.append("-" + letter)
        if option.takes_value:
            if not rest:
                return dashed
            out.append(rest.pop(0))
    return out + rest


@lru_cache(maxsize=4096)
def parse_line(words: tuple[str, ...], grammar: Grammar) -> Parsed:
    """A card's own words read once, frozen and shared: the values study shows beside it,
    lint's findings on it and the expected side of grading read the same reading (study
    reads all three for each card it shows). Strict: the readers that would parse leniently
    never look at ``problems``, the only thing ``lenient`` changes."""
    return parse(list(words), grammar)


def parse(words: list[str], grammar: Grammar, *, lenient: bool = False) -> Parsed:
    """Parse one command's words. Unknown programs give a Parsed with no scope."""
    words = unbundle_first(words, grammar)
    parsed = _Reading(list(words))
    if not words or not grammar.knows(words[0]):
        return parsed.done()
    typed: tuple[str, ...] = (words[0],)
    i = 1
    deferred: list[str] | None = [] if words[0] in grammar.flags_anywhere else None
    paths, scopes, following = grammar.paths, grammar.scopes, grammar.children  # the program's facts are read (knows)
    while True:
        canonical = paths.get(typed)
        scope = scopes.get(canonical) if canonical else None
        children = following.get(typed, _NONE)
        if scope is not None and scope.default and (i >= len(words) or words[i] not in children):
            sub = grammar.resolve((*typed, scope.default))
            # git stash -u = git stash push -u; git reflog HEAD = git reflog show HEAD
            if sub is not None and (i >= len(words) or words[i].startswith("-") or scope.is_command):
                scope, canonical = grammar.scopes[sub], sub
        if scope is not None and scope.is_command and (i >= len(words) or words[i] not in children):
            after = _next_word(words, i, scope) if deferred is not None and children else None
            if after is not None and words[after] in children:  # kubectl create -n x deployment web
                deferred.extend(words[i:after])
                typed = (*typed, words[after])
                i = after + 1
                continue
            parsed.path, parsed.typed_path, parsed.scope = canonical, typed, scope
            if parsed.opts and typed[0] in grammar.flags_anywhere:
                _rehome(parsed, scope)
            if deferred:  # flags typed before the subcommand that only the command knows
                parse_options(deferred, 0, scope, parsed, lenient=lenient)
            parse_options(words, i, scope, parsed, lenient=lenient)
            if not lenient:
                _check_arity(parsed)
            if len(words) - i > 1 and any(o.option is not None and o.option.alone for o in parsed.opts):
                parsed.problems.append(Problem("not_alone", words[i], scope.path))  # git merge --abort: no more words
            return parsed.done()
        if scope is not None and not scope.is_command:
            i = parse_options(words, i, scope, parsed, lenient=lenient, defer=deferred)
        nxt = words[i] if i < len(words) else None
        if nxt is None or nxt not in children:
            parsed.typed_path = typed
            parsed.path = canonical or typed
            parsed.args = list(words[i:])
            parsed.problems.append(Problem("unknown_command", nxt or "", typed))
            return parsed.done()
        typed = (*typed, nxt)
        i += 1
