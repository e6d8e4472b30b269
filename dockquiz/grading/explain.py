"""Explain a command line part by part, and say what its program would refuse or read
differently. Pure: no database, no terminal.

The line is read exactly as grading reads it (:func:`normalise`, :func:`lex`, :func:`parse`
with the same grammar): one reader. What this module adds is the telling: each word's role in
order (program, command path, option, value, positional by the usage, placeholder), and the
findings: the parser's problems (an unknown flag, a missing value, a misspelt subcommand…)
with the nearest right spelling, and the ways a line is accepted but read otherwise than its
writer meant (an option after ``docker run``'s image goes to the container; git's ``-m=msg``
is the message ``=msg``; a placeholder in another argument's place).

    >>> e = explain("docker run --detatch nginx")
    >>> [f.kind for f in e.findings], e.fix
    (['unknown_flag'], 'docker run --detach nginx')

Never raises on any input (a hypothesis test feeds it garbage).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass, field, replace

from dockquiz.grading.grammar import Grammar, Option, Scope
from dockquiz.grading.lexer import LexError, is_placeholder_token, lex, restore
from dockquiz.grading.normalise import DASHES, has_control, normalise
from dockquiz.grading.parser import Parsed, parse, parse_line, turned_off, unbundle_first

MAX_LINE = 4000

# Findings the program refuses (an error, nothing runs) and those it runs, read otherwise.
REFUSED = frozenset(
    {"unknown_flag", "missing_value", "unknown_command", "bad_bool", "ambiguous", "not_alone", "exec_dash", "arity", "lex"}
)
READ_OTHERWISE = frozenset({"after_image", "after_argument", "equals_value", "placeholder_slot", "en_dash", "control"})

# The programs whose usage lines count their arguments truly (cobra's Args of docker's
# commands); git's and kubectl's help do not say enough (git config NAME VALUE, kubectl apply -f).
_ARITY_KNOWN = frozenset({"docker"})
_HELP = frozenset({"-h", "--help", "--version"})
_EN_DASH_WORD = re.compile(rf"(?:(?<=\s)|^)([{DASHES}]+)([A-Za-z0-9][\w-]*)")


def dashed_flags(text: str) -> list[tuple[str, str]]:
    """Flags typed with a dash that is not a hyphen: (as typed, the name): ``–no-cache`` →
    (``–no-cache``, ``no-cache``)."""
    return [(m.group(0), m.group(2)) for m in _EN_DASH_WORD.finditer(text) if m.group(1) != "-"]


@dataclass
class NoteWords:
    """The learner's own words for an option: a card of their notes."""

    text: str
    deck: str
    line: int


@dataclass
class Part:
    role: str  # program | command | option | argument | type | end_of_options | options_placeholder | word
    typed: str  # the word(s) as typed (placeholders as written)
    name: str = ""  # program; canonical command path; option key; the usage's argument name
    spellings: list[str] = field(default_factory=list)  # command: every way to type it; option: its flags
    takes_value: bool = False
    optional_value: bool = False
    value_name: str | None = None
    value: str | None = None
    repeats: bool = False
    scope: str = ""  # the command or group an option belongs to ("docker" for a global option)
    notes: list[NoteWords] = field(default_factory=list)  # the learner's words, first
    en: str = ""  # the overlay's words
    ja: str = ""
    placeholders: list[str] = field(default_factory=list)  # ${IMAGE_NAME}, <name>: named as such
    known: bool = True  # an option or command the grammar knows

    def to_dict(self) -> dict:
        data = asdict(self)
        data["notes"] = [asdict(n) for n in self.notes]
        return data


@dataclass
class Finding:
    kind: str  # see REFUSED and READ_OTHERWISE
    token: str  # the word(s) concerned, as typed
    suggestion: str | None = None  # the nearest right spelling of the token
    fix: str | None = None  # the whole line, fixed
    scope: str = ""  # the command path it concerns
    detail: str = ""  # kind-specific: the option that takes the value, the usage name…
    version: str = ""  # the CLI version the grammar was read from

    @property
    def refused(self) -> bool:
        return self.kind in REFUSED

    def to_dict(self) -> dict:
        return {**asdict(self), "refused": self.refused}


@dataclass
class Command:
    program: str
    known: bool  # a grammar knows the program
    version: str = ""
    parts: list[Part] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    learnable: bool = False  # not known, but installed: `dockquiz grammar learn PROGRAM`

    def to_dict(self) -> dict:
        return {
            "program": self.program,
            "known": self.known,
            "version": self.version,
            "learnable": self.learnable,
            "parts": [p.to_dict() for p in self.parts],
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass
class Explanation:
    line: str
    commands: list[Command] = field(default_factory=list)
    separators: list[str] = field(default_factory=list)
    fix: str | None = None  # the line with every fix applied, when any finding has one
    problem: str | None = None  # the line could not be read at all: quote, escape (or error: a bug)

    @property
    def findings(self) -> list[Finding]:
        return [f for c in self.commands for f in c.findings]

    def to_dict(self) -> dict:
        return {
            "line": self.line,
            "commands": [c.to_dict() for c in self.commands],
            "separators": self.separators,
            "fix": self.fix,
            "problem": self.problem,
        }


# --- notes' words ------------------------------------------------------------------------------


def notes_index(rows, grammar: Grammar) -> dict[tuple[tuple[str, ...], str], list[NoteWords]]:
    """The learner's option cards as (canonical command path, option key) → their words.
    ``rows``: (command, the card's flag text, the notes' description, deck, line)."""
    index: dict[tuple[tuple[str, ...], str], list[NoteWords]] = {}
    for command, flag_text, desc, deck, line in rows:
        try:
            words = tuple((command or "").split())
            path = grammar.resolve(words) if words else None
            scope = grammar.scopes.get(path) if path else None
            flag = (flag_text or "").split()[0].split("=")[0] if (flag_text or "").split() else ""
            opt = scope.options.get(flag) if scope else None
            if not flag or not desc:
                continue
            key = (opt.owner or path, opt.key) if opt else (path or words, flag)
            index.setdefault(key, []).append(NoteWords(str(desc), str(deck), int(line or 0)))
        except Exception:  # noqa: BLE001, S112 - a card we cannot read adds no words
            continue
    return index


# --- the reading --------------------------------------------------------------------------------


def explain(
    line: str,
    grammar: Grammar | None = None,
    notes: dict[tuple[tuple[str, ...], str], list[NoteWords]] | None = None,
    *,
    installed=None,
    parts: bool = True,
) -> Explanation:
    """Every part of ``line`` and every finding. Never raises. ``installed(program)`` says
    whether a program no grammar knows is on PATH (default: :func:`shutil.which`). With
    ``parts=False``, the findings and the fix only (lint's reading: no parts, no ``learnable``)."""
    text = str(line or "")
    try:
        return _explain(text, grammar, notes or {}, installed, parts)
    except Exception:  # noqa: BLE001 - a bug here must not end a command or a study session
        return Explanation(text[:MAX_LINE], problem="error")


def refused(line: str) -> bool:
    """Whether the line's CLI would refuse it as it stands (a finding explain says refused)."""
    return any(f.refused for c in explain(line, parts=False).commands for f in c.findings)


def _explain(text: str, grammar: Grammar | None, notes: dict, installed, parts: bool = True) -> Explanation:
    if grammar is None:
        from dockquiz.grading.grammar import grammar as loaded

        grammar = loaded()
    if installed is None:
        import shutil

        def installed(program: str) -> bool:
            return shutil.which(program) is not None

    text = text[:MAX_LINE]
    dashed = dict(dashed_flags(text))
    norm = normalise(text)
    out = Explanation(text)
    if not norm:
        return out
    try:
        lexed = lex(norm)
    except LexError as exc:
        out.problem = exc.part  # a code (quote, escape): the catalogue says it
        return out
    names = list(lexed.names)
    out.separators = list(lexed.separators)
    fixed_commands: list[list[str]] = []
    any_fix = False
    for words in lexed.commands:
        if not words:
            continue
        words = unbundle_first(list(words), grammar)  # tar xzf: its options, as grading reads them
        command, fixed = _command(words, names, grammar, notes, installed, dashed, lexed.any_options, parts)
        out.commands.append(command)
        any_fix |= fixed is not None
        fixed_commands.append(fixed if fixed is not None else list(words))
    if any_fix:
        out.fix = _join(fixed_commands, out.separators, names)
    for c in out.commands:
        for f in c.findings:
            if f.fix is not None:
                f.fix = _join_one(f.fix, names)
    if has_control(text) and out.commands:  # read without them, as grading does; said, never dropped unseen
        token = " ".join(w for w in text.split() if has_control(w)) or text
        out.fix = out.fix or _join(fixed_commands, out.separators, names)
        out.commands[0].findings.insert(0, Finding("control", token, fix=out.fix, scope=out.commands[0].program))
    return out


def _shown(word: str, names: list[str]) -> str:
    return restore(word, names)


def _placeholders_in(word: str, names: list[str]) -> list[str]:
    return [names[int(m)] for m in re.findall("\ue000(\\d+)\ue001", word)]


def _command(words, names, grammar, notes, installed, dashed, any_options, parts=True) -> tuple[Command, list[str] | None]:
    program = words[0]
    if is_placeholder_token(program) or not grammar.knows(program):
        shown = _shown(program, names)
        if not parts:
            return Command(shown, False), None
        cmd = Command(shown, False, learnable=not is_placeholder_token(program) and _learnable(program, grammar, installed))
        for word in words:
            cmd.parts.append(Part("word", _shown(word, names), placeholders=_placeholders_in(word, names)))
        return cmd, None
    parsed = parse_line(tuple(words), grammar)  # cached: study reads a card's values and grades it too
    version = grammar.versions.get(grammar.program_of(program), "")
    cmd = Command(program, True, version)
    if parts:
        cmd.parts = _parts(words, parsed, grammar, names, notes, grammar.scopes.get((grammar.program_of(program),)))
        if any_options:
            cmd.parts.append(Part("options_placeholder", "[OPTIONS]"))
    fixed = _findings(cmd, words, parsed, grammar, names, dashed)
    return cmd, fixed


def _learnable(program: str, grammar: Grammar, installed) -> bool:
    if not re.fullmatch(r"[A-Za-z0-9][\w.+-]*", program) or program in grammar.not_programs:
        return False
    from dockquiz.grading.learn import help_known_unreadable

    try:
        return bool(installed(program)) and not help_known_unreadable(program)
    except Exception:  # noqa: BLE001 - PATH we cannot read: nothing to offer
        return False


def _option_part(raw: str, opt: Option | None, value: str | None, scope_path, names, notes) -> Part:
    typed = _shown(raw, names)
    if opt is None:
        return Part(
            "option", typed, name=typed.split()[0].partition("=")[0], value=value, scope=" ".join(scope_path), known=False
        )
    owner = opt.owner or tuple(scope_path)
    return Part(
        "option",
        typed,
        name=opt.key,
        spellings=list(opt.flags),
        takes_value=opt.takes_value,
        optional_value=opt.optional_value,
        value_name=opt.value,
        value=value,
        repeats=opt.repeat,
        scope=" ".join(owner),
        notes=list(notes.get((owner, opt.key), [])),
        en=opt.en,
        ja=opt.ja,
        placeholders=_placeholders_in(raw, names),
    )


def _parts(words: list[str], parsed: Parsed, grammar: Grammar, names, notes, root: Scope | None) -> list[Part]:
    """The words in order, each with its role, aligned with what the parser read."""
    parts: list[Part] = []
    shown = [_shown(w, names) for w in words]
    path_words = list(parsed.typed_path[1:])
    opts = list(parsed.opts)
    args = list(parsed.args)
    arg_index = 0
    scope = parsed.scope
    program_part = Part("program", shown[0], name=grammar.program_of(words[0]))
    if root is not None:
        program_part.en, program_part.ja = root.en, root.ja
    parts.append(program_part)
    i, seen_dash, path_done = 1, False, not path_words
    while i < len(words):
        word = words[i]
        if not path_done and not seen_dash and path_words and word == path_words[0] and not word.startswith("-"):
            path_words.pop(0)
            if not path_words:
                path_done = True
                canonical = parsed.path
                typed = " ".join(parsed.typed_path)
                part = Part("command", " ".join(parsed.typed_path[1:]), name=" ".join(canonical))
                part.spellings = grammar.spellings(typed) if parsed.known else [typed]
                if scope is not None:
                    part.en, part.ja = scope.en, scope.ja
                part.known = parsed.known
                parts.append(part)
            i += 1
            continue
        if word == "--" and not seen_dash and (parsed.dash is not None or scope is None or not scope.is_command):
            seen_dash = True
            parts.append(Part("end_of_options", "--"))
            i += 1
            continue
        if not seen_dash and len(word) > 1 and word.startswith("-") and (not args[arg_index:] or args[arg_index] != word):
            matched = _take_opts(word, opts)
            if matched:
                consumed = 1
                for opt in matched:
                    typed_words = opt.typed.split(" ", 1)
                    if len(typed_words) == 2 and opt.option is not None and i + 1 < len(words):
                        consumed = 2
                    said = replace(opt.option, en="", ja="") if turned_off(opt) and opt.option else opt.option  # --no-ff
                    parts.append(_option_part(opt.typed, said, _value(opt, names), opt.scope, names, notes))
                i += consumed
                continue
        if arg_index < len(args) and args[arg_index] == word:
            parts.append(_argument(word, arg_index, parsed, grammar, names, seen_dash))
            arg_index += 1
            i += 1
            continue
        # a word the parser dropped: an option given again (the last one wins) or turned off
        whole = word.startswith("--") or (scope is not None and scope.style == "goflag")  # -out=x: one flag
        opt = scope.options.get(word.partition("=")[0] if whole else word[:2]) if scope else None
        part = _option_part(word, opt, None, parsed.path, names, notes) if opt else Part("word", shown[i])
        parts.append(part)
        i += 1
    if not path_done and parsed.typed_path[1:]:
        parts.append(Part("command", " ".join(parsed.typed_path[1:]), name=" ".join(parsed.path), known=parsed.known))
    return parts


def _take_opts(word: str, opts: list) -> list:
    """The options the parser read from this word, taken off the list: the one whose typed
    form starts with it (with those it stands for: git's ``-D``), or a bundle's (``-it``)."""
    single = next((o for o in opts if o.typed.split(" ", 1)[0] == word), None)
    if single is not None:
        matched = [o for o in opts if o is single or (o.typed == single.typed and o.option is not single.option)]
        matched = matched[: 1 + sum(1 for o in matched if o is not single)]
    elif not word.startswith("--"):
        letters = ["-" + ch for ch in word[1:]]
        matched = []
        for letter in letters:
            hit = next((o for o in opts if o.typed.split(" ", 1)[0] == letter and o not in matched), None)
            if hit is None:
                break
            matched.append(hit)
    else:
        matched = []
    for o in matched:
        opts.remove(o)
    return matched


def _value(opt, names) -> str | None:
    return None if opt.value is None else _shown(str(opt.value), names)


def _argument(word: str, index: int, parsed: Parsed, grammar: Grammar, names, after_dash: bool) -> Part:
    scope = parsed.scope
    name = ""
    if scope is not None:
        if after_dash and scope.dash and parsed.dash is not None:
            name = "COMMAND" if index == parsed.dash else "ARG"
        else:
            name = scope.arg_name(index) if scope.args else "ARG"
    role = "type" if scope is not None and grammar.names_a_type(parsed.path, index, word) else "argument"
    return Part(role, _shown(word, names), name=name, placeholders=_placeholders_in(word, names))


# --- findings -----------------------------------------------------------------------------------


def distance(a: str, b: str) -> int:
    """Edits from ``a`` to ``b``: insert, delete, substitute, swap two neighbours."""
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]


def _near(word: str, choices) -> str | None:
    """The nearest right spelling: one a typist's slip or two away (one for a short word)."""
    close = difflib.get_close_matches(word, sorted(choices), n=5, cutoff=0.6)
    limit = 1 if len(word.lstrip("-")) <= 4 else 2
    scored = sorted((distance(word, c), i, c) for i, c in enumerate(close))
    return scored[0][2] if scored and scored[0][0] <= limit else None


def _flags_of(scope: Scope, long: bool) -> set[str]:
    return {f for f in scope.options if f.startswith("--") == long}


def _findings(cmd: Command, words: list[str], parsed: Parsed, grammar: Grammar, names, dashed) -> list[str] | None:
    """Fill ``cmd.findings``; return the command's words with every fix applied, or None."""
    scope = parsed.scope
    path = " ".join(parsed.path)
    fixed = list(words)
    changed = False

    def add(kind: str, token: str, suggestion=None, new_words=None, detail: str = "") -> None:
        nonlocal fixed, changed
        if new_words is not None:
            fixed, changed = new_words, True
        cmd.findings.append(
            Finding(kind, _shown(token, names), suggestion, list(new_words) if new_words else None, path, detail, cmd.version)
        )

    # A flag typed with an en dash (–no-cache): grading reads it as the flag (an IME's slip),
    # the CLI as an argument. Said once; what the parser found in that word is not said.
    en_dash = {normalise(raw): (raw, body) for raw, body in dashed.items()}
    dash_words = set()
    for word in words:
        name = word.partition("=")[0]
        if name in en_dash:
            raw, body = en_dash[name]
            right = "--" + body if len(body) > 1 else "-" + body
            add("en_dash", raw, right, _replace(fixed, word, right + word[len(name) :]))
            dash_words.add(word)
    for problem in parsed.problems:
        token = problem.token
        where = grammar.scopes.get(problem.scope) or scope
        if any(token in w or (len(token) == 2 and token[1] in w) for w in dash_words) or (dash_words and problem.kind == "arity"):
            continue
        if problem.kind == "unknown_flag":
            name = token.partition("=")[0]
            if name in _HELP:  # every command of these CLIs takes -h / --help (git: --version too)
                continue
            near = _near(name, _flags_of(where, name.startswith("--"))) if where is not None else None
            if near is None and where is not None and not name.startswith("--") and "--" + name[1:] in where.options:
                near = "--" + name[1:]  # -name for --name
            add("unknown_flag", token, near, _replace(fixed, token, near + token[len(name) :]) if near else None)
        elif problem.kind == "missing_value":
            opt = where.options.get(token) if where is not None else None
            add("missing_value", token, detail=(opt.value if opt else "") or "VALUE")
        elif problem.kind == "unknown_command":
            children = grammar.next_words(parsed.typed_path)
            near = _near(token, {c for c in children if not c.startswith("-")}) if token else None
            if near and token in fixed:
                add("unknown_command", token, near, _replace(fixed, token, near))
            else:
                add("unknown_command", token, detail="" if token else "missing")
        elif problem.kind in ("bad_bool", "ambiguous", "not_alone"):
            add(problem.kind, token)
        elif problem.kind == "arity" and scope is not None and parsed.path[0] in _ARITY_KNOWN:
            low, high = scope.arity()
            add("arity", token, detail=f"{low}-{'' if high is None else high}")
    if scope is None or not scope.is_command:
        return fixed if changed else None
    children = {c for c in grammar.next_words(parsed.typed_path) if not c.startswith("-")}
    first = parsed.args[0] if parsed.args and (parsed.dash is None or parsed.dash > 0) else None
    if children and first and first not in children and re.fullmatch(r"[a-z][a-z0-9-]*", first):
        near = _near(first, children)  # kubectl create naemspace: a command with subcommands
        if near:
            add("unknown_command", first, near, _replace(fixed, first, near))
    _after_image(parsed, scope, fixed, add, grammar)
    if scope.dash and parsed.dash is None and scope.args == ("ARG*",) and len(parsed.args) > 1 and parsed.path[0] == "kubectl":
        _exec_dash(parsed, fixed, add)
    if scope.style == "git":
        for opt in parsed.opts:
            if opt.option is not None and opt.option.takes_value and re.fullmatch(r"-[A-Za-z0-9]=.*", opt.typed.split(" ")[0]):
                right = f"{opt.typed[:2]} {_quote_word(opt.typed[3:])}" if opt.typed[3:] else opt.typed[:2]
                add("equals_value", opt.typed, right, _replace(fixed, opt.typed, *right.split(" ", 1)), detail=str(opt.value))
    _placeholder_slot(parsed, scope, fixed, names, add)
    return fixed if changed else None


def _replace(words: list[str], token: str, *new: str) -> list[str]:
    out = list(words)
    if token in out:
        i = out.index(token)
        out[i : i + 1] = list(new)
    return out


def _after_image(parsed: Parsed, scope: Scope, fixed: list[str], add, grammar: Grammar) -> None:
    """``docker run nginx -d``: option parsing stopped at the image; ``-d`` is the container's
    command. Said when every word after the image reads as options of the command (read again
    by the parser with them moved before the image); words left for a command or an
    entrypoint (``docker run img -d 2``, ``alpine ls -l``) may be meant for the container."""
    if scope.interspersed or parsed.dash is not None or len(parsed.args) < 2:
        return
    rest = list(parsed.args[1:])
    if not rest[0].startswith("-") or rest[0] in ("-", "--"):
        return
    try:
        at = fixed.index(parsed.args[0], len(parsed.typed_path))
    except ValueError:
        return
    if fixed[at + 1 :] != rest:
        return
    new = fixed[:at] + rest + [fixed[at]]
    again = parse(new, grammar)
    if list(again.args) != [parsed.args[0]] or len(again.problems) > len(parsed.problems):
        return
    # a Go-flag command (terraform) reads no option after its first argument: they are arguments
    add("after_argument" if scope.style == "goflag" else "after_image", " ".join(rest), None, new, detail=parsed.args[0])


def _exec_dash(parsed: Parsed, fixed: list[str], add) -> None:
    """``kubectl exec POD CMD``: removed in kubectl 1.x; the command goes after ``--``."""
    pod = parsed.args[0]
    try:
        at = fixed.index(pod, 2)
    except ValueError:
        return
    keep, rest = [], []
    i = at + 1
    opts = {o.typed.split(" ")[0]: o for o in parsed.opts if o.option is not None}
    while i < len(fixed):
        word = fixed[i]
        opt = opts.get(word)
        if opt is not None and not rest:
            keep.append(word)
            if " " in opt.typed and i + 1 < len(fixed):
                keep.append(fixed[i + 1])
                i += 1
        else:
            rest.append(word)
        i += 1
    add("exec_dash", " ".join(rest), None, fixed[: at + 1] + keep + ["--"] + rest, detail=pod)


_WORDS = {"コンテナ": "container", "イメージ": "image", "名": "name", "名前": "name", "ポート": "port", "タグ": "tag"}


def _name_words(name: str) -> set[str]:
    inner = name.strip("${}<>[] ").lower()
    for ja, en in _WORDS.items():
        inner = inner.replace(ja, f" {en} ")
    return {w for w in re.split(r"[^a-z0-9]+", inner) if w}


def _placeholder_slot(parsed: Parsed, scope: Scope, fixed: list[str], names, add) -> None:
    """A placeholder where the usage has another argument, while a later placeholder names
    that argument: ``docker run ${CONTAINER_NAME} ${IMAGE_NAME}`` — docker reads the container
    name as the image; the note means ``--name ${CONTAINER_NAME}``."""
    args = parsed.args[: parsed.dash] if parsed.dash is not None else parsed.args
    for index, word in enumerate(args[:1]):
        if not is_placeholder_token(word):
            continue
        slot = scope.arg_name(index).lower()
        slot_words = _name_words(slot)
        mine = _name_words(names[int(word[1:-1])])
        if not slot_words or mine & slot_words:
            continue
        later = next(
            (
                j
                for j, w in enumerate(args[index + 1 :], index + 1)
                if is_placeholder_token(w) and _name_words(names[int(w[1:-1])]) & slot_words
            ),
            None,
        )
        if later is None:
            continue
        option = _option_for(scope, mine)
        detail = scope.arg_name(index)
        if option is None:
            add("placeholder_slot", word, None, None, detail=detail)
            continue
        try:
            at = fixed.index(word)
        except ValueError:
            continue
        new = fixed[:at] + [option, word] + fixed[at + 1 :]
        add("placeholder_slot", word, f"{option} {_shown(word, names)}", new, detail=detail)


def _option_for(scope: Scope, words: set[str]) -> str | None:
    """The value-taking long option a placeholder's words name (``CONTAINER_NAME`` → ``--name``)."""
    for flag, opt in scope.options.items():
        if flag.startswith("--") and opt.takes_value and flag[2:] in words and opt.owner == scope.path:
            return flag
    return None


# --- the fixed line -----------------------------------------------------------------------------

_PLAIN = re.compile(r"[^\s'\"\\;&|()<>`$*?!#~{}\[\]]*")


def _quote_word(word: str) -> str:
    if word and _PLAIN.fullmatch(word.replace("\ue000", "").replace("\ue001", "")):
        return word
    if not word:
        return "''"
    return "'" + word.replace("'", "'\"'\"'") + "'"


def _join_one(words: list[str], names: list[str]) -> str:
    return restore(" ".join(_quote_word(w) for w in words), names)


def _join(commands: list[list[str]], separators: list[str], names: list[str]) -> str:
    out = []
    for i, words in enumerate(commands):
        out.append(_join_one(words, names))
        if i < len(separators):
            out.append(separators[i])
    return " ".join(out)
