"""Grading per card kind: whole command lines, single options, Dockerfile lines, compose keys."""

from __future__ import annotations

import json

from dockquiz.grading.compare import Outcome, compare_generic, compare_known
from dockquiz.grading.grammar import Grammar
from dockquiz.grading.lexer import lex, lex_expected, restore
from dockquiz.grading.parser import parse, read_value, turned_off, unbundle_first
from dockquiz.grading.values import is_pure_placeholder, near, value_match
from dockquiz.grading.verdict import Difference


def _display(outcome: Outcome, names: list[str]) -> Outcome:
    """Put placeholder text back into differences for people to read."""
    if not outcome.diffs or not names:
        return outcome
    outcome.diffs = [
        Difference(d.kind, d.part, restore(d.expected, names) if d.expected else d.expected, d.typed, d.option, d.meaning)
        for d in outcome.diffs
    ]
    return outcome


def compare_commands(expected: str, typed: str, grammar: Grammar) -> tuple[Outcome, bool]:
    """Commands joined by && ; | must all match, in order. Returns (outcome, exact)."""
    exp = lex_expected(expected)
    typ = lex(typed, expected=False)
    total = Outcome()
    exact = len(exp.commands) == len(typ.commands) and exp.separators == typ.separators
    for index, exp_words in enumerate(exp.commands):
        if index >= len(typ.commands):
            total.total += 1
            total.diffs.append(Difference("missing", "command", restore(" ".join(exp_words), exp.names)))
            exact = False
            continue
        typ_words = typ.commands[index]
        exp_read, typ_read = unbundle_first(exp_words, grammar), unbundle_first(typ_words, grammar)  # tar xzf
        if exp_words and grammar.knows(exp_words[0]):
            out = compare_known(exp_read, typ_read, grammar, exp.any_options)
        elif exp_words:
            out = compare_generic(exp_read, typ_read, exp.any_options)
        else:
            out = Outcome()
        _display(out, exp.names)
        total.diffs.extend(out.diffs)
        total.total += out.total
        total.ok += out.ok
        total.path_ok &= out.path_ok
        total.invalid |= out.invalid
        total.confused |= out.confused
        exact = exact and len(exp_words) == len(typ_words) and all(value_match(e, t) for e, t in zip(exp_words, typ_words))
    for extra in typ.commands[len(exp.commands) :]:
        total.path_ok = False
        total.diffs.append(Difference("extra", "command", None, " ".join(extra)))
    if exp.any_options:
        exact = False
    return total, exact and not total.diffs


def compare_option(expected: str, typed: str, command: str | None, grammar: Grammar) -> tuple[Outcome, bool]:
    exp = lex(expected)
    typ = lex(typed, expected=False)
    e_words, t_words = exp.commands[0], typ.commands[0]
    exact = e_words == t_words
    cmd = tuple((command or "").split())
    for prefix in (cmd, cmd[1:]):
        if prefix and t_words[: len(prefix)] == prefix:
            t_words = t_words[len(prefix) :]
            break
    scope = grammar.scope(tuple(cmd)) if cmd else None
    out = Outcome(total=1)
    pe = parse([*cmd, *e_words], grammar, lenient=True) if scope is not None and e_words else None
    named = scope.options.get(e_words[0].partition("=")[0]) if pe is not None else None
    bundle = pe is not None and not pe.problems and e_words[0][:1] == "-" and all(o.option for o in pe.opts)  # -df
    if pe is None or (named is None and not bundle) or not pe.opts:  # (git log --not: an argument)
        out = compare_generic(["_", *e_words], ["_", *t_words], note=False)
        out.total -= 1
        out.ok -= 1
        return _display(out, exp.names), exact and not out.diffs
    pt = parse([*cmd, *t_words], grammar, lenient=True)
    # What the program reads: the card's flag may stand for several (git branch -D is
    # --delete --force), each of which the typed flags must give, in any spelling (-d -f, -df)
    wanted = list(pe.opts)
    card = named or wanted[0].option
    # The card's flag and its words: the option its word names (git branch -D, not the
    # --delete --force it stands for), else the one option it reads as (git's --no-ff: the
    # words of --ff, said as its opposite); a bundle (-it) has no words of its own
    card_key, card_option = (
        (named.key, named) if named is not None else (wanted[0].key, wanted[0].option) if len(wanted) == 1 else (None, None)
    )
    card_meaning = _option_words(card_option)
    card_off = None
    if named is None and len(wanted) == 1 and turned_off(wanted[0]):
        card_off = next((f for f in card.flags if f.startswith("--")), card.key)
    left = list(pt.opts)
    got = []
    for want in wanted:
        hit = next((o for o in left if o.key == want.key), None)
        if hit is None:
            continue
        left.remove(hit)
        got.append(want)
        want_value, hit_value = read_value(want), read_value(hit)  # --dry-run: unchanged
        if not (want_value is None or hit_value is None or is_pure_placeholder(want_value) or value_match(want_value, hit_value)):
            out.diffs.append(Difference("wrong_value", "option", want.value, hit.value, want.key))
    if len(got) < len(wanted) and left:  # another flag typed in its place (-M: --move --force)
        got, out.diffs = [], []
    out.total = len(wanted)
    out.ok = len(got) - len(out.diffs)
    if got:
        for want in wanted:  # only part of what the card's flag stands for: the rest is named
            if want not in got:
                spelled = want.key if want.value is None else f"{want.key}={want.value}"
                out.diffs.append(Difference("missing", "option", spelled, None, want.key, _meaning(want)))
    else:
        out.total = 1
        name = t_words[0].partition("=")[0] if t_words else ""
        valid = name in scope.options
        hit_flag = next((f for f in card.flags if not valid and f[:2] == name[:2] and near(f, name)), None)
        if hit_flag:
            out.diffs.append(Difference("typo", "option", hit_flag, name, card_key, card_meaning, card_off))
        else:
            out.invalid = bool(name) and name.startswith("-") and not valid
            shown = " ".join(e_words) if len(wanted) > 1 else wanted[0].typed
            out.diffs.append(
                Difference(
                    "wrong_value" if t_words else "missing",
                    "option",
                    shown,
                    " ".join(t_words) or None,
                    card_key,
                    card_meaning,
                    card_off,
                )
            )
    first = t_words[0] if t_words and not got else None
    out.diffs.extend(_extras([o for o in left if o.typed.split()[0] != first], pt.opts, scope))
    if got:  # words after the option are what the command runs on (`-i nginx`), not the option
        expected_args = list(pe.args)
        for word in pt.args:
            same = next((e for e in expected_args if value_match(e, word)), None)
            if same is not None:
                expected_args.remove(same)
            else:
                out.diffs.append(Difference("extra", "argument", None, word))
    return _display(out, exp.names), exact and not out.diffs


def _option_words(option) -> dict[str, str] | None:
    """An option's words (en, ja), as a difference carries them; None for no option."""
    return {"en": option.en, "ja": option.ja} if option is not None else None


def _meaning(opt) -> dict[str, str] | None:
    return _option_words(opt.option)


def _extras(extra: list, typed: tuple, scope) -> list[Difference]:
    """Typed options beyond the card's: a flag standing for several (-D: --delete --force) is
    named once as typed where all it stands for is more, else each part more by its own words."""
    out: list[Difference] = []
    for opt in extra:
        word = opt.typed.split()[0].partition("=")[0]
        alias = scope.options.get(word)
        if alias is None or not alias.means or opt.option is alias:
            out.append(Difference("extra", "option", None, opt.typed, opt.key))
        elif all(o in extra for o in typed if o.typed == opt.typed):
            if not any(d.typed == opt.typed for d in out):
                out.append(Difference("extra", "option", None, opt.typed, alias.key, _option_words(alias)))
        else:
            out.append(Difference("extra", "option", None, opt.typed, opt.key, _meaning(opt)))
    return out


def _head(out: Outcome, part: str, expected: str, typed: str, *, same: bool, valid: bool, close: bool) -> bool:
    """The leading word (instruction, key): right, a typo (a near miss that is not itself
    valid) or wrong. False when wrong: nothing more to compare."""
    if same:
        out.ok = 1
        return True
    if close and not valid:
        out.diffs.append(Difference("typo", part, expected, typed))
        return True
    out.path_ok = False
    out.diffs.append(Difference("wrong_command", part, expected, typed or None))
    return False


def _tokens_exact(expected: str, typed: str) -> bool:
    try:
        e_words, t_words = lex(expected).commands[0], lex(typed, expected=False).commands[0]
    except ValueError:
        return expected == typed
    return len(e_words) == len(t_words) and all(value_match(e, t) for e, t in zip(e_words, t_words))


def _env_pairs(args: list[str]) -> dict[str, str]:
    if args and "=" not in args[0]:  # legacy form: ENV KEY value with spaces
        return {args[0]: " ".join(args[1:])}
    pairs = {}
    for arg in args:
        key, _, value = arg.partition("=")
        pairs[key] = value.strip('"')
    return pairs


def json_form(text: str) -> list[str] | None:
    """A Dockerfile exec form's words (``["npm", "start"]``); None for the shell form."""
    text = text.strip()
    if not text.startswith("["):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, list) else None


def compare_dockerfile(expected: str, typed: str, grammar: Grammar) -> tuple[Outcome, bool]:
    e_ins, _, e_rest = expected.strip().partition(" ")
    t_ins, _, t_rest = typed.strip().partition(" ")
    out = Outcome(total=1)
    exact = e_ins == t_ins and _tokens_exact(e_rest, t_rest)
    if not _head(
        out,
        "instruction",
        e_ins,
        t_ins,
        same=e_ins.upper() == t_ins.upper(),
        valid=t_ins.upper() in grammar.instructions,
        close=near(e_ins.upper(), t_ins.upper()),
    ):
        return out, False
    if not e_rest.strip():
        return out, exact
    facts = grammar.instructions.get(e_ins.upper(), {})
    how = facts.get("arguments", "words")
    if how == "pairs":
        e_pairs, t_pairs = _env_pairs(e_rest.split()), _env_pairs(t_rest.split())
        _compare_pairs(e_pairs, t_pairs, out)
    elif how == "command" and json_form(e_rest) is None and json_form(t_rest) is None:
        inner, _ = compare_commands(e_rest, t_rest, grammar)
        out.total += inner.total
        out.ok += inner.ok
        out.diffs.extend(inner.diffs)
    elif how in ("ports", "set"):
        read = (lambda text: _ports(_words(text), facts.get("protocol", ""))) if how == "ports" else _words
        _compare_sets(read(e_rest), read(t_rest), out, typos=how != "ports")
    elif how == "flags_first":
        e_words, t_words = lex(e_rest).commands[0], lex(t_rest, expected=False).commands[0]
        e_flags = [w for w in e_words if w.startswith("--")]
        t_flags = [w for w in t_words if w.startswith("--")]
        _compare_sets(e_flags, t_flags, out)
        _compare_words([w for w in e_words if not w.startswith("--")], [w for w in t_words if not w.startswith("--")], out)
    elif how == "image":
        e_words, t_words = e_rest.split(), t_rest.split()
        if e_words and t_words and value_match(e_words[0], t_words[0], "image"):
            e_words, t_words = e_words[1:], t_words[1:]
        _compare_words(
            [w.lower() for w in e_words[:1]] + e_words[1:2] + e_words[2:], [w.lower() for w in t_words[:1]] + t_words[1:], out
        )
    else:
        e_json, t_json = json_form(e_rest), json_form(t_rest)
        if (e_json is None) != (t_json is None):  # exec form ["a", "b"] vs shell form a b
            out.diffs.append(Difference("wrong_value", "value", e_rest, t_rest))
        _compare_words(
            e_json if e_json is not None else lex(e_rest).commands[0],
            t_json if t_json is not None else lex(t_rest, expected=False).commands[0],
            out,
        )
    return out, exact and not out.diffs


def _words(text: str) -> list[str]:
    """A JSON array's items or the words (VOLUME ["/data"] = VOLUME /data)."""
    as_json = json_form(text)
    if as_json is not None:
        return [str(w) for w in as_json]
    try:
        return list(lex(text).commands[0])
    except ValueError:
        return text.split()


_MAX_RANGE = 1024


def _ports(words: list[str], protocol: str) -> list[str]:
    """port[/protocol] with the protocol said (``8000`` = ``8000/tcp``), ranges as their ports."""
    out: list[str] = []
    for word in words:
        port, slash, proto = word.partition("/")
        proto = (proto if slash else protocol).lower()
        low, dash, high = port.partition("-")
        if dash and low.isdigit() and high.isdigit() and 0 <= int(high) - int(low) < _MAX_RANGE:
            out.extend(f"{p}/{proto}" for p in range(int(low), int(high) + 1))
        else:
            out.append(f"{port}/{proto}" if proto else port)
    return out


def _compare_sets(exp: list[str], typ: list[str], out: Outcome, *, typos: bool = True) -> None:
    """Values in any order (placeholders in the expected ones match any typed value)."""
    out.total += len(exp)
    left = list(typ)
    unmatched: list[str] = []
    for value in exp:
        hit = next((t for t in left if value_match(value, t, "path")), None)
        if hit is None:
            unmatched.append(value)
        else:
            left.remove(hit)
            out.ok += 1
    for value in unmatched:
        near_hit = next((t for t in left if near(value, t)), None) if typos else None
        if near_hit is not None:
            left.remove(near_hit)
            out.diffs.append(Difference("typo", "value", value, near_hit))
        elif left:
            out.diffs.append(Difference("wrong_value", "value", value, left.pop(0)))
        else:
            out.diffs.append(Difference("missing", "value", value, None))
    out.diffs.extend(Difference("extra", "value", None, t) for t in left)


def _compare_pairs(exp: dict[str, str], typ: dict[str, str], out: Outcome) -> None:
    out.total += len(exp)
    for key, value in exp.items():
        if key not in typ:
            out.diffs.append(Difference("missing", "value", f"{key}={value}", None))
        elif value_match(value, typ[key]):
            out.ok += 1
        else:
            out.diffs.append(Difference("wrong_value", "value", value, typ[key], key))
    out.diffs.extend(Difference("extra", "value", None, f"{k}={v}") for k, v in typ.items() if k not in exp)


def _compare_words(exp: list[str], typ: list[str], out: Outcome) -> None:
    from dockquiz.grading.compare import compare_args

    compare_args(exp, typ, ["path"] * len(exp), out)


def compare_compose(expected: str, typed: str, grammar: Grammar) -> tuple[Outcome, bool]:
    def split(text: str) -> tuple[str, str]:
        key, _, value = text.strip().partition(":")
        if not _:
            key, _, value = text.strip().partition(" ")
        return key.strip(), value.strip().strip("\"'")

    e_key, e_val = split(expected)
    t_key, t_val = split(typed)
    out = Outcome(total=1)
    if not _head(
        out,
        "key",
        e_key,
        t_key,
        same=e_key == t_key,
        valid=t_key in grammar.compose_keys,
        close=near(e_key, t_key) or e_key.lower() == t_key.lower(),
    ):
        return out, False
    e_words = lex(e_val).commands[0] if e_val and " " not in e_val else []
    if e_val and t_val and not value_match(e_words[0] if e_words else e_val, t_val):
        out.total += 1
        out.diffs.append(Difference("wrong_value", "value", e_val, t_val, e_key))
    return out, expected.strip() == typed.strip() and not out.diffs
