"""Step 5-6 of grading: compare a typed command with the expected one.

Each comparison yields an :class:`Outcome`: structured differences plus how many of the
expected parts (command path, options, positionals) the typed command got right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from dockquiz.grading.grammar import Grammar, Option, Scope
from dockquiz.grading.objects import Token
from dockquiz.grading.objects import read as read_objects
from dockquiz.grading.parser import Opt, Parsed, off_key, parse, parse_line, read_value, turned_off
from dockquiz.grading.values import is_pure_placeholder, near, value_match
from dockquiz.grading.verdict import Difference


@dataclass(slots=True)
class Outcome:
    diffs: list[Difference] = field(default_factory=list)
    total: int = 0
    ok: int = 0
    path_ok: bool = True
    invalid: bool = False  # the typed command would be refused by the program
    confused: bool = False  # a valid token typed for a near-identical one (-P for -p)


def _meaning(option: Option | None) -> dict[str, str] | None:
    if option and (option.en or option.ja):
        return {"en": option.en, "ja": option.ja}
    return None


def _opt_diff(kind: str, exp: Opt | None, typ: Opt | None) -> Difference:
    ref = exp or typ
    off = ref is not None and turned_off(ref)  # --no-edit: the words of --edit, said as its opposite
    return Difference(
        kind,
        "option",
        exp.typed if exp else None,
        typ.typed if typ else None,
        ref.key if ref else None,
        _meaning(ref.option if ref else None),
        _long(ref.option) if off else None,
    )


def _long(option: Option) -> str:
    return next((f for f in option.flags if f.startswith("--")), option.key)


# --- typo repair: fix near misses in the path and flags, remember them, parse again ----------


def _repair_path(exp: Parsed, words: list[str], grammar: Grammar) -> tuple[list[str], list[Difference]]:
    want = list(exp.typed_path)
    if words[: len(want)] == want:
        return words, []
    fixes: list[Difference] = []
    words = list(words)
    if words and words[0] != want[0] and not grammar.knows(words[0]) and near(want[0], words[0]):
        fixes.append(Difference("typo", "command", want[0], words[0]))
        words[0] = want[0]
    for k in range(1, len(want)):
        if k >= len(words) or words[k] == want[k]:
            continue
        valid_here = grammar.next_words(tuple(words[:k]))
        if words[k] not in valid_here and near(want[k], words[k]):
            fixes.append(Difference("typo", "command", want[k], words[k]))
            words[k] = want[k]
    return words, fixes


def _repair_flags(exp: Parsed, typ: Parsed, words: list[str]) -> tuple[list[str], list[Difference]]:
    if all(o.option is not None for o in typ.opts):
        return words, []
    fixes: list[Difference] = []
    wanted = [o for o in exp.opts if o.option is not None]
    have = {(o.scope, o.key) for o in typ.opts if o.option is not None}
    whole = exp.scope is not None and exp.scope.style == "goflag"  # -outt for -out: one-dash names are long ones
    words = list(words)
    for opt in typ.opts:
        if opt.option is not None:
            continue
        name = opt.key.partition("=")[0]
        for want in wanted:
            if (want.scope, want.key) in have:
                continue
            hit = next(
                (
                    f
                    for f in want.option.flags
                    if f[:2] == name[:2] and near(f, name) and (f.startswith("--") or len(name) == 2 or whole)
                ),
                None,
            )
            if hit is None:
                continue
            fixes.append(Difference("typo", "option", hit, name, want.key, _meaning(want.option)))
            have.add((want.scope, want.key))
            for idx, word in enumerate(words):
                if word == name or word.startswith(name + "="):
                    words[idx] = hit + word[len(name) :]
                    break
            break
    return words, fixes


# --- the comparison proper ---------------------------------------------------------------


def _confusable(a: str, b: str) -> bool:
    return a != b and (a.lower() == b.lower() or near(a, b))


def _confusions(still: list[Opt], remaining: list[Opt], out: Outcome) -> None:
    """A missing option whose near twin was typed instead: one 'wrong' difference."""
    for eo in list(still):
        flags = eo.option.flags if eo.option else (eo.key,)
        hit = next(
            (
                t
                for t in remaining
                if t.option is not None and t.scope == eo.scope and any(_confusable(f, g) for f in flags for g in t.option.flags)
            ),
            None,
        )
        if hit is None:
            continue
        still.remove(eo)
        remaining.remove(hit)
        out.confused = True
        out.diffs.append(Difference("wrong_value", "option", eo.typed, hit.typed, eo.key, _meaning(eo.option)))


def _flags_in(word: str, wanted: list[Opt]) -> list[Opt]:
    """Which wanted options does a stray word name? ``-it`` names both -i and -t."""

    def find(flag: str) -> Opt | None:
        return next((e for e in wanted if e.option and flag in e.option.flags), None)

    single = find(word.partition("=")[0])
    if single is not None:
        return [single]
    if word.startswith("-") and not word.startswith("--") and len(word) > 2:
        hits = [find("-" + ch) for ch in word[1:]]
        if all(hits) and len(set(map(id, hits))) == len(hits):
            return hits  # type: ignore[return-value]
    return []


def _by_default(opt: Opt) -> bool:
    """A boolean typed on whose typing changes nothing (on by default, never looked at)."""
    return opt.option is not None and opt.option.noop and opt.value is None


# Where a repeated option's values are kept in the order typed: git (commit -m a -m b) and
# kubectl, which sends them as a list (create deployment --image a --image b: the containers in
# that order; create role --verb get --verb list), as kubectl 1.32 shows.
ORDERED_STYLES = frozenset({"git", "kubectl"})


def _match_options(exp: Parsed, typ: Parsed, out: Outcome, any_options: bool, grammar: Grammar) -> list[str]:
    """Options compared into ``out``; returns the typed arguments that are left once flags
    typed among them (misplaced) are taken out."""
    args = list(typ.args)
    remaining = [o for o in typ.opts if o.option is not None and not _by_default(o)]
    unknown = [o for o in typ.opts if o.option is None]
    missing: list[Opt] = []
    ordered = exp.scope is not None and exp.scope.style in ORDERED_STYLES
    stated = [o for o in exp.opts if not _by_default(o)]
    out.total += len(stated)
    for eo in stated:
        if eo.option is None:  # the expected form itself uses a flag the grammar lacks
            hit = next((t for t in unknown if t.typed == eo.typed), None)
            if hit is not None:
                unknown.remove(hit)
                out.ok += 1
                continue
        kind = grammar.value_kind(eo.option.value, eo.scope[0] if eo.scope else None) if eo.option else None
        candidates = [t for t in remaining if t.scope == eo.scope and t.key == eo.key]
        if ordered and eo.option is not None and eo.option.repeat and not eo.option.unordered:  # git commit -m a -m b
            candidates = candidates[:1]
        hit = next(
            (
                t
                for t in candidates
                if eo.value is None
                and eo.option is not None
                and eo.option.takes_value
                or value_match(read_value(eo), read_value(t), kind)
            ),
            None,
        )
        if hit is not None:
            remaining.remove(hit)
            out.ok += 1
        else:
            missing.append(eo)
    still: list[Opt] = []
    for eo in missing:
        hit = next((t for t in remaining if t.scope == eo.scope and t.key == eo.key), None)
        if hit is None:
            still.append(eo)
            continue
        remaining.remove(hit)
        typo = eo.value is not None and hit.value is not None and near(eo.value, hit.value)
        kind = "misplaced" if eo.value == hit.value else "typo" if typo else "wrong_value"  # -m b -m a for -m a -m b
        out.diffs.append(Difference(kind, "option", eo.value, hit.value, eo.key, _meaning(eo.option)))
    # A global option typed after the subcommand is unknown there: misplaced.
    for stray in unknown:
        name, eq, _ = stray.key.partition("=")
        hit = next((e for e in still if e.option and name in e.option.flags), None)
        if hit is not None:
            still.remove(hit)
            out.diffs.append(_opt_diff("misplaced", hit, stray))
            if hit.value is not None and not eq and hit.value in args:
                args.remove(hit.value)
        else:
            out.invalid = True
            out.diffs.append(Difference("extra", "option", None, stray.typed, None, None))
    # Flags typed after the image belong to the container (docker run nginx -d).
    if exp.scope is not None and not exp.scope.interspersed:
        for pos in range(len(args) - 1, 0, -1):
            word = args[pos]
            hits = _flags_in(word, still)
            if not hits:
                continue
            del args[pos]
            if len(hits) == 1 and hits[0].value is not None and "=" not in word and pos < len(args):
                del args[pos]
            for hit in hits:
                still.remove(hit)
                out.diffs.append(_opt_diff("misplaced", hit, Opt(hit.key, None, word, ())))
    _confusions(still, remaining, out)
    out.diffs.extend(_opt_diff("missing", eo, None) for eo in still)
    if not any_options:
        out.diffs.extend(_opt_diff("extra", None, t) for t in remaining)
    return args


def _align(exp: list[str], typ: list[str], kinds: list[str | None]) -> list[tuple[int | None, int | None]]:
    """Edit-distance alignment of positionals (placeholders match anything)."""
    n, m = len(exp), len(typ)
    if n == m and all(value_match(e, t, k) for e, t, k in zip(exp, typ, kinds)):
        return [(i, i) for i in range(n)]
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        cost[i][0] = i
    for j in range(m + 1):
        cost[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            same = value_match(exp[i - 1], typ[j - 1], kinds[i - 1])
            cost[i][j] = min(cost[i - 1][j - 1] + (0 if same else 1), cost[i - 1][j] + 1, cost[i][j - 1] + 1)
    pairs: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i or j:
        if i and j:
            same = value_match(exp[i - 1], typ[j - 1], kinds[i - 1])
            if cost[i][j] == cost[i - 1][j - 1] + (0 if same else 1):
                pairs.append((i - 1, j - 1))
                i, j = i - 1, j - 1
                continue
        if i and cost[i][j] == cost[i - 1][j] + 1:
            pairs.append((i - 1, None))
            i -= 1
        else:
            pairs.append((None, j - 1))
            j -= 1
    return pairs[::-1]


def compare_args(
    exp: list[str],
    typ: list[str],
    kinds: list[str | None],
    out: Outcome,
    exp_shown: list[str] | None = None,
    typ_shown: list[str] | None = None,
) -> None:
    """Positionals compared in order; ``*_shown`` are the words people read when the
    compared ones are canonical spellings (``deployments.apps/web`` typed ``deploy/web``)."""
    exp_shown, typ_shown = exp_shown or exp, typ_shown or typ
    out.total += len(exp)
    for ei, ti in _align(exp, typ, kinds):
        if ei is not None and ti is not None:
            if value_match(exp[ei], typ[ti], kinds[ei]):
                out.ok += 1
            else:
                kind = "typo" if near(exp[ei], typ[ti]) else "wrong_value"
                out.diffs.append(Difference(kind, "argument", exp_shown[ei], typ_shown[ti]))
        elif ei is not None:
            out.diffs.append(Difference("missing", "argument", exp_shown[ei], None))
        else:
            out.diffs.append(Difference("extra", "argument", None, typ_shown[ti]))


def _positionals(args: list[str], dash: int | None, scope: Scope, grammar: Grammar) -> list[list[Token]]:
    """A command's positionals as it reads them: objects named as kubectl's resource builder
    reads them, and for a command that reads what follows `--` apart, two groups."""
    objects = grammar.objects(scope.path)
    cut = len(args) if dash is None else dash

    def tokens(words: list[str], start: int, with_objects: bool) -> list[Token]:
        if with_objects and objects is not None:
            read = read_objects(words, objects[0], objects[1])
            return [Token(t.canonical, t.shown, None if t.index is None else t.index + start) for t in read]
        return [Token(w, w, i) for i, w in enumerate(words, start)]

    if not scope.dash or dash is None:
        return [tokens(args[:cut], 0, True) + tokens(args[cut:], cut, False)]
    return [tokens(args[:cut], 0, True), tokens(args[cut:], cut, False)]


def _compare_positionals(exp: Parsed, typ: Parsed, typed_args: list[str], grammar: Grammar, out: Outcome) -> None:
    scope = exp.scope
    e_groups = _positionals(list(exp.args), exp.dash, scope, grammar)
    if len(e_groups) == 1:  # the notes' form has no `--` where it matters: the typed one's is not read apart
        t_groups = [[t for group in _positionals(typed_args, None, scope, grammar) for t in group]]
    else:
        if typ.dash is None:
            flat = [t.canonical for group in e_groups for t in group]
            typed_flat = [t.canonical for group in _positionals(typed_args, None, scope, grammar) for t in group]
            if len(typed_flat) == len(flat) and all(map(value_match, flat, typed_flat)):  # placeholders too
                out.total += len(flat)  # all there, but kubectl refuses a command without its `--`
                out.ok += len(flat)
                out.invalid = True
                out.diffs.append(Difference("missing", "argument", "--", None))
                return
        t_dash = typ.dash if typ.dash is not None and len(typed_args) == len(typ.args) else len(typed_args)
        t_groups = _positionals(typed_args, t_dash, scope, grammar)
        if len(t_groups) == 1:
            t_groups.append([])
    if e_groups and t_groups and e_groups[0] and t_groups[0]:
        # another kind of thing (get nodes for get pods) is another command, not a value to fix;
        # only where the notes name the kind (logs' default pod is not named)
        e_tok, t_tok = e_groups[0][0], t_groups[0][0]
        e_kind = grammar.type_key(exp.path, 0, e_tok.shown) and grammar.type_key(exp.path, 0, e_tok.canonical)
        t_kind = grammar.type_key(exp.path, 0, t_tok.canonical)
        if e_kind and t_kind and e_kind != t_kind:
            out.path_ok = False
    for e_tokens, t_tokens in zip(e_groups, t_groups):
        kinds = [None if t.index is None else grammar.value_kind(scope.arg_name(t.index), scope.path[0]) for t in e_tokens]
        compare_args(
            [t.canonical for t in e_tokens],
            [t.canonical for t in t_tokens],
            kinds,
            out,
            [t.shown for t in e_tokens],
            [t.shown for t in t_tokens],
        )


def _parse_expected(words: tuple[str, ...], grammar: Grammar) -> Parsed:
    """Expected forms are read as the card's own line (``parse_line``: cached, shared with the
    card's values and lint); their problems are never looked at (notes are sloppy)."""
    return parse_line(words, grammar)


def compare_known(exp_words: list[str], typ_words: list[str], grammar: Grammar, any_options: bool = False) -> Outcome:
    exp = _parse_expected(tuple(exp_words), grammar)
    out = Outcome(total=1)
    if exp_words == typ_words:
        out.total = out.ok = 1
        return out
    typ_words, fixes = _repair_path(exp, typ_words, grammar)
    typ = parse(typ_words, grammar)
    if typ.path != exp.path:  # one command in another spelling: both read as the same form
        exp, typ = same_form(exp, grammar), same_form(typ, grammar)
    if typ.path != exp.path:
        out.path_ok = False
        shown_words = list(typ.typed_path)
        if len(shown_words) < len(exp.typed_path):  # `kubectl remove`: the word it does not know, too
            shown_words += [a for a in typ.args if not a.startswith("-")][: len(exp.typed_path) - len(shown_words)]
        shown = " ".join(shown_words) if typ.typed_path else " ".join(typ_words[: len(exp.typed_path)])
        out.diffs.append(Difference("wrong_command", "command", " ".join(exp.typed_path), shown))
        return out
    typ_words, flag_fixes = _repair_flags(exp, typ, typ_words)
    if flag_fixes:
        typ = parse(typ_words, grammar)
    out.ok += 1
    out.diffs.extend(fixes + flag_fixes)
    typed_args = _match_options(exp, typ, out, any_options, grammar)
    scope = exp.scope
    if scope is None:  # a command path the grammar does not know: word by word
        out.diffs.append(Difference("unknown_command", "command", " ".join(exp.typed_path), None))
        compare_args(list(exp.args), typed_args, [None] * len(exp.args), out)
    else:
        _compare_positionals(exp, typ, typed_args, grammar, out)
    out.invalid |= any(p.kind in ("missing_value", "bad_bool", "ambiguous", "not_alone") for p in typ.problems)
    return out


def same_form(parsed: Parsed, grammar: Grammar) -> Parsed:
    """A command in the spelling another form of it is read as (``git checkout -b x`` as
    ``git switch -c x``): its path, the options that make the form, and every other option
    under its spelling there; unchanged when an option has no spelling there."""
    for options, path, target, arg in grammar.same_forms(parsed.path):
        if arg is not None and (parsed.dash is not None or len(parsed.args) != 1 or not arg.fullmatch(parsed.args[0])):
            continue
        picked = [next((o for o in parsed.opts if o.option is want and o.key == want.key), None) for want in options]
        if any(p is None for p in picked):
            continue
        scope = grammar.scopes[path]
        opts: list[Opt] = []
        for i, want in enumerate(target):
            got = picked[i] if i < len(picked) else None
            opts.append(Opt(want.key, got.value if got else None, got.typed if got else want.key, want.owner or path, want))
        for o in parsed.opts:
            if any(o is p for p in picked):
                continue
            there = next((scope.options[f] for f in (o.option.flags if o.option else ()) if f in scope.options), None)
            if there is None or there.key != o.option.key:
                break
            key = there.key if o.key == o.option.key else off_key(there)
            opts.append(Opt(key, o.value, o.typed, there.owner or path, there))
        else:
            return replace(parsed, path=path, scope=scope, opts=tuple(opts))
    return parsed


# --- unknown programs: a generic parse guided by the expected form ---------------------------


_CLUSTER = re.compile(r"-[A-Za-z]{2,3}")


def _gkey(name: str) -> str:
    """Single-dash letter clusters compare as sets (-la = -al)."""
    if not name.startswith("--") and len(name) > 2 and name[1:].isalpha():
        return "-" + "".join(sorted(name[1:]))
    return name


def _generic_units(words: list[str], valued: set[str], shorts: set[str]) -> tuple[list[tuple[str, str | None]], list[str]]:
    flags: list[tuple[str, str | None]] = []
    args: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if len(word) > 1 and word.startswith("-") and word != "--":
            name, eq, val = word.partition("=")
            if not name.startswith("--") and len(name) > 2 and not eq and all("-" + c in shorts for c in name[1:]):
                flags.extend(("-" + c, None) for c in name[1:])
            elif eq:
                flags.append((name, val))
            elif not name.startswith("--") and len(name) > 2 and name[:2] in valued and _gkey(name) not in valued:
                flags.append((name[:2], name[2:]))  # getopt: -L8080:h:80 is -L 8080:h:80
            elif _gkey(name) in valued and i + 1 < len(words):
                flags.append((name, words[i + 1]))
                i += 1
            else:
                flags.append((name, None))
        else:
            args.append(word)
        i += 1
    return flags, args


def _followed(words: list[str]) -> set[str]:
    """The options a line shows taking a value: with ``=`` (``--gres=gpu:1``), a word after it
    (``--now docker``, ``-L 8080:h:80``), or a short one glued to a value that is no bundle of
    letters (``-L8080:h:80``)."""
    out = set()
    for i, word in enumerate(words):
        if len(word) > 1 and word.startswith("-") and "=" in word:
            out.add(_gkey(word.partition("=")[0]))  # --gres=gpu:1
        elif len(word) > 1 and word.startswith("-") and word != "--":
            if i + 1 < len(words) and not words[i + 1].startswith("-"):
                out.add(_gkey(word))
            if not word.startswith("--") and len(word) > 2 and not word[2:].isalpha():
                out.add(word[:2])
    return out


def compare_generic(exp_words: list[str], typ_words: list[str], any_options: bool = False, note: bool = True) -> Outcome:
    out = Outcome(total=1)
    if not typ_words or typ_words[0] != exp_words[0]:
        if typ_words and near(exp_words[0], typ_words[0]):
            out.diffs.append(Difference("typo", "command", exp_words[0], typ_words[0]))
            typ_words = [exp_words[0], *typ_words[1:]]
        else:
            out.path_ok = False
            out.diffs.append(Difference("wrong_command", "command", exp_words[0], typ_words[0] if typ_words else None))
            return out
    out.ok += 1
    if note and exp_words != typ_words:  # no grammar: said, as the README promises (not a mistake)
        out.diffs.append(Difference("unknown_command", "program", exp_words[0], None))
    # An option's arity is unknown without a grammar: the word after it is its value only where
    # both lines show it takes one (a word after it, or a value glued to a short one), so
    # `enable docker --now` is `enable --now docker`, and `--output f URL` is `URL --output f`.
    valued = _followed(exp_words[1:]) & _followed(typ_words[1:])
    shorts = {w for w in (*exp_words, *typ_words) if len(w) == 2 and w[0] == "-" and w[1] != "-"}
    # a cluster of two or three letters (-av, -xzf) is getopt's bundle of short options: a
    # letter left out is that option missing (-a for -av), never a typo of the bundle; longer
    # single-dash words (find's -name) stay words unless every letter stands alone somewhere
    shorts |= {"-" + c for w in (*exp_words[1:], *typ_words[1:]) if _CLUSTER.fullmatch(w) for c in w[1:]}
    e_flags, e_args = _generic_units(exp_words[1:], valued, shorts)
    t_flags, t_args = _generic_units(typ_words[1:], valued, shorts)
    out.total += len(e_flags)
    remaining = list(t_flags)
    for name, value in e_flags:
        hit = next(
            (
                t
                for t in remaining
                if _gkey(t[0]) == _gkey(name) and (value_match(value, t[1]) or (is_pure_placeholder(value) and t[1] is None))
            ),
            None,
        )
        if hit:
            remaining.remove(hit)
            out.ok += 1
            continue
        hit = next((t for t in remaining if t[0] == name), None) or next(
            (t for t in remaining if near(name, t[0]) and t[0] not in {n for n, _ in e_flags}), None
        )
        if hit:
            remaining.remove(hit)
            kind = "typo" if hit[0] != name or (value and hit[1] and near(value, hit[1])) else "wrong_value"
            out.diffs.append(Difference(kind, "option", _join(name, value), _join(*hit), name))
        else:
            out.diffs.append(Difference("missing", "option", _join(name, value), None, name))
    if not any_options:
        out.diffs.extend(Difference("extra", "option", None, _join(*t), t[0]) for t in remaining)
    compare_args(e_args, t_args, [None] * len(e_args), out)
    return out


def _join(name: str, value: str | None) -> str:
    return name if value is None else f"{name} {value}"
