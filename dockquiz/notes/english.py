"""English prompts for cards whose answer the grammar knows (our own descriptions)."""

from __future__ import annotations

import re
import shlex
from dataclasses import replace
from functools import lru_cache

from dockquiz.cards import CardDraft
from dockquiz.grading.grammar import Grammar, guessed_path
from dockquiz.grading.lexer import LexError, lex
from dockquiz.grading.normalise import normalise
from dockquiz.grading.parser import Opt, parse, turned_off
from dockquiz.i18n import has_japanese, translate
from dockquiz.notes import text as tx
from dockquiz.notes.shell_en import kind_of, shell_read, shell_sentence, words_for


def english_prompt(g: Grammar, draft: CardDraft) -> str:
    """Never empty, never the answer spelt out, never Japanese (a value in Japanese the prompt
    would quote is said as ``<value>``: study shows it beside the prompt)."""
    en = _english(g, draft)
    if has_japanese(draft.prompt_ja) and draft.kind in ("command", "example") and _one_line(draft.answer):
        en = the_action_meant(en, draft.prompt_ja)
    return _JAPANESE_WORDS.sub("<value>", en) if has_japanese(en) else en


# the actions a Japanese prompt names, and the verbs of the help's words that say each, first
# the likeliest: "ブランチ作成" is the "create" of "List, create or delete branches"
_ACTIONS_JA = (
    (re.compile(r"作成|作る|作り|生成|新規"), ("create",)),
    (re.compile(r"追加"), ("add", "create")),
    (re.compile(r"削除|消す|消去|除去"), ("delete", "remove")),
    (re.compile(r"一覧|リスト|表示|確認|見る"), ("list", "show", "display", "view", "inspect", "describe", "read", "get")),
    (re.compile(r"更新"), ("update",)),
    (re.compile(r"設定"), ("set",)),
    (re.compile(r"名前?を?変更|リネーム"), ("rename",)),
    (re.compile(r"移動"), ("move",)),
    (re.compile(r"取得"), ("get", "retrieve")),
    (re.compile(r"検証"), ("verify",)),
)
# help words beginning with alternatives: "List, create, or delete branches", "Create or update …"
_ALTERNATIVES = re.compile(r"^(?P<verbs>[A-Z][a-z]+(?:, [a-z]+)*,? or [a-z]+)(?P<rest> .*)$")


def the_action_meant(en: str, prompt_ja: str) -> str:
    """``en`` with the one action the Japanese prompt names, where its head lists actions as
    alternatives ("List, create or delete branches" for "ブランチ作成" → "Create branches"):
    unchanged when the prompt names none of them, or more than one, or the words are no such list
    ("Create and run …" does both), or the flags' words after it name another action ("renaming
    a branch": the flag decides). Only the head is chosen from: a later command is another's."""
    head, sep, after = en.partition("; ")
    found = _ALTERNATIVES.match(head)
    if not found or not has_japanese(prompt_ja):
        return en
    listed = [v.lower() for v in re.split(r",? or |, ", found.group("verbs"))]
    meant = {next((v for v in verbs if v in listed), None) for pattern, verbs in _ACTIONS_JA if pattern.search(prompt_ja)}
    meant.discard(None)
    if len(meant) != 1:
        return en
    verb = meant.pop()
    named = {_ACTION_FORMS[w] for w in re.findall(r"[a-z]+", found.group("rest").lower()) if w in _ACTION_FORMS}
    if named - {verb}:
        return en
    return verb.capitalize() + found.group("rest") + sep + after


def _forms(verb: str) -> tuple[str, ...]:
    stem = verb[:-1] if verb.endswith("e") else verb
    return (verb, verb + "s", stem + "ing", stem + "ed" if stem != verb else verb + "ed")


# each action's verb in the forms a flag's words say it in ("renaming a branch", "delete it")
_ACTION_FORMS = {form: verb for _, verbs in _ACTIONS_JA for verb in verbs for form in _forms(verb) if verb not in ("get", "read")}


def _one_line(answer: str) -> bool:
    """Whether the answer is one command (no pipe, no list): a pipeline's first command is not
    what the Japanese prompt says the whole does ("マージ済みブランチ削除" lists, then deletes)."""
    try:
        return len([w for w in lex(normalise(answer), expected=False).commands if w]) == 1
    except LexError:
        return False


_JAPANESE_WORDS = re.compile(
    r"\"[^\"]*[\u3000-\u30ff\u3400-\u9fff\uff01-\uff60][^\"]*\"|'[^']*[\u3000-\u30ff\u3400-\u9fff\uff01-\uff60][^']*'"
    r"|\S*[\u3000-\u30ff\u3400-\u9fff\uff01-\uff60]\S*"
)


def _english(g: Grammar, draft: CardDraft) -> str:
    """Never empty, never the answer spelt out. English notes' own words are the
    English prompt (what the English screen shows). Otherwise our own description when the
    grammar has one, else what kind of thing the answer is (``A `tar` command``): the English
    screen shows the notes' words under it, and study shows the values the answer needs."""
    own = draft.prompt_ja.strip()
    if own and not has_japanese(own) and draft.kind != "meaning":
        return own
    if draft.kind in ("command", "example"):
        return command_en(g, draft.answer)
    if draft.kind == "option":
        flag = tx.flag_name(draft.answer)
        return _option_en(g, draft.command or "", flag) or _shell_option_en(draft.command or "", flag)
    if draft.kind == "meaning":
        return tx.flag_name(draft.hints.get("flag", draft.answer))
    if draft.kind == "dockerfile":
        from dockquiz.notes.blocks.dockerfile import instruction_words

        words = draft.answer.split()
        info = g.instructions.get(words[0].upper()) if words else None
        return (instruction_words(g, words, info, "en") if info else "") or draft.answer.split(" ", 1)[0]
    if draft.kind == "compose":
        info = g.compose_keys.get(draft.answer)
        return info["en"] if info else "A compose file key"
    return ""


def command_en(g: Grammar, answer: str) -> str:
    """A command line's English: its command substitutions (``$(docker ps -q)``, backticks)
    said as the output of what they run, redirections of a stream (``2>&1``) left out, a
    shell loop said as a loop over what its body runs (``for f in *.log; do gzip $f; done``)."""
    loop = _LOOP.search(answer)
    if loop:
        before = answer[: loop.start()].rstrip().removesuffix("&&").removesuffix(";").strip()
        body = command_en(g, loop.group("body").strip())
        said = _SUBSTITUTION.sub(lambda m: _output_of(g, m.group(1) or m.group(2) or ""), loop.group("over").strip())
        head = (
            f"For each {loop.group('var')} in {said}" if loop.group("kind") == "for" else f"{loop.group('kind').title()} {said}"
        )
        en = f"{head}: {body[:1].lower() + body[1:]}"
        return f"{command_en(g, before)}; then {en[:1].lower() + en[1:]}" if before else en
    optional = _OPTIONAL_FLAGS.sub(" ", answer)  # docker rm [-f] <name>: the usage's optional flags
    if optional != answer and optional.strip():
        return f"{command_en(g, ' '.join(optional.split()))}, with optional flags"
    elided = _ELLIPSIS.sub(" ", answer)  # the words an ellipsis stands for are no argument to say
    if elided != answer and len(elided.split()) > 1:
        return f"{command_en(g, ' '.join(elided.split()))}{translate('notes.en.more_left_out', 'en')}"
    count = 0

    def unset_env(match: re.Match[str]) -> str:
        nonlocal count
        count += len(_ENV_NAME.findall(match.group()[len(match.group(1)) :]))
        return match.group(1)

    unset = _ENV_SET.sub(unset_env, answer)  # GIT_TRACE=1 git commit -m x: study shows the variables' values
    if count and unset.strip():
        return f"{command_en(g, unset.strip())}, with {'an environment variable' if count == 1 else 'environment variables'} set"
    answer = _EXEC_END.sub(" ", answer)  # find … -exec rm {} \; : the end of -exec's command, no separator
    subs: list[str] = []

    def put_aside(match: re.Match[str]) -> str:
        inner = match.group(1) or match.group(2) or ""
        if match.group(1) and inner.startswith("(") and inner.endswith(")"):  # $((7 % 3)): arithmetic, one word
            return "".join(match.group().split())
        if len(inner.split()) < 2 or match.string[: match.start()].count("'") % 2:
            return match.group()  # $(pwd), `whoami`, inside '…': a value said as written
        subs.append(inner)
        return f"SUBSTITUTION{len(subs)}"

    answer = _SUBSTITUTION.sub(put_aside, answer) if ("$(" in answer or "`" in answer) else answer
    answer = _ARITHMETIC.sub(lambda m: "".join(m.group().split()), answer)  # sleep $((n % 9))s: one word
    answer = " ".join(_REDIRECT.sub(" ", answer).split())
    en = example_sentence(g, answer) or _scope_en(g, answer) or run_sentence(g, answer)
    if len(answer.split()) == 1 and en == kind_of(answer.split()):
        en = "A command"  # "A `lscpu` command" would be the answer itself
    for number, inner in enumerate(subs, 1):
        said = command_en(g, inner.strip()) if inner.strip() else ""
        said = f"(the output of “{said[:1].lower() + said[1:]}”)" if said else "(the output of a command)"
        token = f"SUBSTITUTION{number}"
        en = en.replace(f"`{token}`", said).replace(token, said) if token in en else f"{en}, using {said[1:-1]}"
    return en


def _output_of(g: Grammar, inner: str) -> str:
    said = command_en(g, inner.strip()) if inner.strip() else ""
    return f"the output of “{said[:1].lower() + said[1:]}”" if said else "the output of a command"


_SUBSTITUTION = re.compile(
    r"(?<![^\s=])(?:\$\(((?:[^()]|\([^()]*\))*)\)|`([^`]*)`)(?!\S)"
)  # a word $(…) or `…`, or a variable's value (X=$(…))
_REDIRECT = re.compile(  # 2>&1, >&2, &>, ">& /dev/tcp/host/port": a stream's redirection, no command
    r"(?<!\S)\d*>&\d+(?!\S)|(?<=\S)\d*>&\d+(?!\S)|(?<!\S)&>(?=\s)|(?<!\S)\d*>&\s+\S+"
)
# variables set for a command, at the start of the line or of a pipeline's part (after sudo too)
_ENV_SET = re.compile(
    r"(^\s*(?:sudo\s+(?:-\S+\s+)*)?|[|;&]\s*)(?:[A-Za-z_][A-Za-z0-9_]*=(?:'[^']*'|\"[^\"]*\"|[^\s'\"]*)\s+)+(?=\S)"
)
_ENV_NAME = re.compile(r"(?:^|(?<=\s))[A-Za-z_][A-Za-z0-9_]*=")
_OPTIONAL_FLAGS = re.compile(
    r"(?<![^\s\]])\[--?[A-Za-z](?:[^\[\]]|\[[^\[\]]*\])*\]|(?<!\S)\[(?:OPTIONS?|FLAGS?)(?:\.\.\.)?\](?!\S)"
)  # [-f], [--to-revision (0|1|N)], [-o [wide|yaml]], a usage's [OPTIONS]
# an ellipsis standing for words left out: `docker run ... --net host`
_ELLIPSIS = re.compile(r"(?<!\S)(?:\.\.\.|…)(?!\S)")
_ARITHMETIC = re.compile(r"\$\(\((?:[^()]|\([^()]*\))*\)\)")
_EXEC_END = re.compile(r"\s\\;(?=\s|$)")
_LOOP = re.compile(
    r"(?<![\w-])(?P<kind>for|while|until)\s+(?:(?P<var>\w+)\s+in\s+)?(?P<over>.*?)\s*;\s*do\s+(?P<body>.*?)\s*;?\s*done\b"
)


def _scope_en(g: Grammar, answer: str) -> str:
    words = answer.split()
    known = g.command_prefix(words)
    scope = g.command(tuple(words[:known])) if known else None
    if known and scope is None and len(words) == known:  # `git stash`: the group's words, when nothing follows
        scope = g.scope(tuple(words))
    return scope.en if scope else ""


def run_sentence(g: Grammar, answer: str) -> str:
    """For a command no grammar describes, what it does from the words of its program's help
    (shell_en: "An archiving utility: extract the files, gzip-compressed, archive file x.tgz"),
    else what it is without spelling it ("A `streamlit` command"); each command of a pipeline or
    list (``a | b``, ``a && b``) so, joined by what joins them, its redirections said."""
    try:
        lexed = lex(normalise(answer), expected=False)
    except LexError:
        return kind_of(answer.split()[:1])
    parts = []
    commands, separators = _split_pipes(lexed.commands, lexed.separators)
    for words in commands:
        if not words:
            continue
        plain, redirects = split_redirects(list(words))
        parts.append(with_redirects(_shell_part(g, plain or list(words)), redirects))
    return joined(parts, separators) if parts else kind_of(answer.split()[:1])


def _shell_part(g: Grammar, words: list[str]) -> str:
    """One command of a program no grammar reads: its help's words (shell_en), else its kind."""

    def say(inner: list[str]) -> str:  # watch 'kubectl get pod': the quoted line is the command
        return command_en(g, inner[0] if len(inner) == 1 and " " in inner[0] else shlex.join(inner))

    return shell_sentence(words, say) or _program_flags(g, words) or kind_of(words)


def _program_flags(g: Grammar, words: list[str]) -> str:
    """A program of a grammar given only its own flags (``docker --version``, ``gcloud
    --format=json``): the program's words, then each flag's (its help's, else for ``--help`` and
    ``--version``, which every program has, what they show); "" when a plain word stands that no
    flag takes (an unknown subcommand) or a flag no words describe."""
    root = g.scope((words[0],)) if words else None
    if root is None or not root.en or len(words) < 2:
        return ""
    phrases: list[str] = []
    i = 1
    while i < len(words):
        name, eq, value = words[i].partition("=")
        i += 1
        opt = root.options.get(name)
        if opt is not None and opt.value and not eq and i < len(words) and not words[i].startswith("-"):
            value, eq, i = words[i], "=", i + 1
        flag = opt.key if opt is not None else name
        if opt is not None and opt.say:
            phrase = opt.say.format(value=value) if "{value}" in opt.say else opt.say
        elif opt is not None and (helped := _help_words(opt.en, frozenset())):
            phrase = _lower_first(helped) + (f" ({value})" if eq else "")
        elif flag in _EVERY_PROGRAM and not eq:
            phrase = translate(f"notes.en.{_EVERY_PROGRAM[flag]}", "en")
        else:
            return ""
        phrases.append(phrase)
    return f"{root.en}: {', '.join(dict.fromkeys(phrases))}"


_EVERY_PROGRAM = {"--help": "shows_help", "-h": "shows_help", "--version": "shows_version"}


def _split_pipes(commands, separators) -> tuple[list[tuple[str, ...]], tuple[str, ...]]:
    """``sed |& wc -l``: the lexer keeps ``|&`` (both streams piped) among the words; split there."""
    out: list[tuple[str, ...]] = []
    seps: list[str] = []
    for index, words in enumerate(commands):
        part: list[str] = []
        for word in words:
            if word == "|&":
                out.append(tuple(part))
                seps.append("|&")
                part = []
            else:
                part.append(word)
        out.append(tuple(part))
        if index < len(separators):
            seps.append(separators[index])
    return out, tuple(seps)


_REDIRECT_WORD = re.compile(r"^(\d?)(>>|>|<)(.*)$")


def split_redirects(words: list[str]) -> tuple[list[str], list[str]]:
    """A command's words without its redirections (``> out.txt``, ``2>>err``, ``< in``), and
    those said in English: "writing the output to out.txt"."""
    plain: list[str] = []
    said: list[str] = []
    i = 0
    while i < len(words):
        m = _REDIRECT_WORD.match(words[i])
        i += 1
        placeholder = (
            len(words[i - 1]) > 1 and words[i - 1].startswith("<") and any(">" in w for w in words[i - 1 :])
        )  # <commit hash>
        if words[i - 1] == "<<<" and i < len(words):  # cat <<< $SHELL: a here-string is the input
            said.append(translate("notes.en.reads_string", "en", value=words[i]))
            i += 1
            continue
        if not m or placeholder or words[i - 1] in ("<<", "<<<") or m.group(3).startswith(("&", "<", "(")):
            plain.append(words[i - 1])
            continue
        target = m.group(3)
        if not target and i < len(words):
            target, i = words[i], i + 1
        if not target:
            continue
        key = "reads" if m.group(2) == "<" else "errors" if m.group(1) == "2" else "appends" if m.group(2) == ">>" else "writes"
        said.append(translate(f"notes.en.{key}", "en", file=target))
    return plain, said


def with_redirects(sentence: str, said: list[str]) -> str:
    return ", ".join([sentence, *said]) if said else sentence


def joined(parts: list[str], separators: tuple[str, ...]) -> str:
    """The sentences of a pipeline or list joined by what joins them: "…, its output piped into:
    …" for ``|``, "; then" for ``&&`` and ``;``, "; if that fails," for ``||``."""
    out = parts[0]
    background = translate("notes.en.background", "en")
    if len(separators) >= len(parts) and separators[len(parts) - 1] == "&" and background not in parts[-1]:
        parts = [*parts[:-1], f"{parts[-1]}, {background}"]  # sleep 10 &: the last runs in the background
        out = parts[0]
    for index, part in enumerate(parts[1:]):
        sep = separators[index] if index < len(separators) else ";"
        key = "piped" if sep in ("|", "|&") else "or_else" if sep == "||" else "then"
        out = translate(f"notes.en.{key}", "en", first=out, then=part[:1].lower() + part[1:])
    return out


def _path(g: Grammar, words: list[str]) -> list[str]:
    known = g.command_prefix(words)
    return words[:known] if known else guessed_path(words)


@lru_cache(maxsize=4096)
def _option_en(g: Grammar, command: str, flag: str) -> str:
    """An option card's words: the help's for the flag as its command reads it (through sudo,
    a program-wide flag of gcloud's), each letter's of a bundle (``-td``) joined; "" when the
    command does not read it, or not every letter of it."""
    words = command.split()
    while words[:1] == ["sudo"]:
        words = words[1:]
    name = flag.split("=", 1)[0]
    if not words or not name.startswith("-"):
        return ""
    alone = parse(words, g, lenient=True)
    parsed = parse([*words, name, "X"], g, lenient=True)  # X: its value, if it takes one
    if parsed.scope is None or parsed.path != alone.path:
        return ""
    before = {o.key for o in alone.opts}
    added = [o for o in parsed.opts if o.key not in before]
    if not added or any(o.option is None or not o.option.en for o in added):
        return ""
    if name.startswith("--") or len(name) == 2:
        return added[0].option.en if len(added) == 1 else ""
    if len(added) != len(set(name[1:])):
        return ""
    said = list(dict.fromkeys(o.option.en for o in added))
    return "; ".join([said[0], *map(_lower_first, said[1:])])


def _shell_option_en(command: str, flag: str) -> str:
    """An option of a shell program no grammar reads, in its help's (or our) words: "An option
    of `chmod`: recursively"; "An option of `chmod`" when no words describe it."""
    words = [w for w in command.split() if w != "sudo"]
    info = words_for(words[0]) if words else None
    phrase = info.options.get(flag, ("", None))[0].replace(" {value}", "") if info else ""
    return f"An option of `{command}`: {phrase}" if phrase else f"An option of `{command}`"


def _join(phrases: list[str]) -> str:
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + (", and " if len(phrases) > 2 else " and ") + phrases[-1]


def example_sentence(g: Grammar, answer: str) -> str:
    """``docker run -it --rm --name web nginx bash`` → "Run nginx with an interactive
    terminal, remove the container on exit, name it web, and start bash"."""
    try:
        lexed = lex(normalise(answer), expected=False)
    except LexError:
        return ""
    commands = [split_redirects(list(words)) for words in lexed.commands if words]
    sentences = [_sentence(parse(words, g, lenient=True), g) if words else "" for words, _ in commands]
    if not any(sentences):
        return ""
    sentences = [with_redirects(s or _shell_part(g, words), redirects) for s, (words, redirects) in zip(sentences, commands)]
    return joined(sentences, lexed.separators)


def _fill(template: str, named: dict[str, int], args: list[str], used: set[int]) -> str:
    """``Tag {1} as {2}`` / ``Run {IMAGE}`` with the command's arguments; "" when one is
    missing. The positions it names are added to ``used``."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        index = int(name) - 1 if name.isdigit() else named.get(name, -1)
        if not 0 <= index < len(args):
            _missing()
        used.add(index)
        return args[index]

    try:
        return re.sub(r"\{(\w+)\}", value, template)
    except LookupError:
        return ""


def _missing() -> str:
    raise LookupError


def _read_in_place(parsed) -> tuple[list[str], list[Opt]]:
    """The arguments, and the options, of a parsed line: an option read where it stands (git
    update-index --skip-worktree, git log --all) is among the arguments and is said as an option."""
    scope = parsed.scope
    args: list[str] = []
    opts = list(parsed.opts)
    for word in parsed.args:
        name, eq, raw = word.partition("=")
        opt = scope.options.get(name) if scope is not None and word.startswith("--") else None
        if opt is not None and opt.positional:
            opts.append(Opt(opt.key, raw if eq else None, word, scope.path, opt))
        else:
            args.append(word)
    return args, opts


def _sentence(parsed, g: Grammar | None = None) -> str:
    scope = parsed.scope
    if scope is None:
        return ""
    if not (scope.say or scope.en):  # git reflog -n 4 reads as `reflog show`: the group's words, its flags said
        group = _words_above(g, scope.path) if g is not None else None
        if group is None:
            return ""
        scope = replace(scope, say="", en=group)
        parsed = replace(parsed, scope=scope)
    plain, options = _read_in_place(parsed)
    names = [scope.arg_name(i) for i in range(len(plain))]
    first_of: dict[str, int] = {}
    for index, name in enumerate(names):
        first_of.setdefault(name, index)
    used: set[int] = set()
    # a value in Japanese (a placeholder such as [イメージID]) is named by the usage instead
    args = [f"<{names[i]}>" if has_japanese(a) else a for i, a in enumerate(plain)]
    # a word after `--` is a path (git checkout -- a.txt) or a command run, never the template's
    # named argument ("Check out {1}": a branch)
    before = args if parsed.dash is None else args[: parsed.dash]
    head = _fill(scope.say.replace("{rest}", "\0"), first_of, before, used) or scope.en
    rest = " ".join(v for i, v in enumerate(args) if i not in used)
    if "\0" in head:  # {rest} in the sentence itself
        head = head.replace(" \0", f" {rest}" if rest else "").replace("\0", rest)
        rest = ""
    if any(_asks_help(o) for o in options):  # kubectl create -h shows the help, creates nothing
        return translate("notes.en.help_of", "en", words=_lower_first(head))
    keys = {o.key for o in options}
    phrases: list[str] = []
    for together, phrase in scope.say_together:
        if together <= keys:
            phrases.append(phrase)
            keys -= together
    typed = _flags_of(options)
    for opt in options:
        if opt.key in keys:
            phrases.append(option_phrase(opt, typed, times_typed(parsed, opt)))
    if rest and scope.say_rest:
        phrases.append(scope.say_rest.replace("{rest}", rest))
    elif parsed.dash is not None and g is not None and "{rest}" not in scope.say:
        run = [a for i, a in enumerate(args) if i >= parsed.dash and i not in used]
        if run and _is_a_program(g, run[0]):  # kubectl run x --image=y -- env: the command the pod runs
            phrases.append(translate("notes.en.running", "en", command=_run_words(g, run)))
    phrases.extend(phrase for _, phrase in _typed_false(parsed, {o.key for o in options}, typed))
    phrases = list(dict.fromkeys(phrases))
    if not phrases:
        return head
    glue = " " if phrases[0].split(" ", 1)[0] in _PREPOSITIONS else ", "
    return head + glue + _join(phrases)


def _is_a_program(g: Grammar, word: str) -> bool:
    name = word.rsplit("/", 1)[-1]
    return g.scope((name,)) is not None or words_for(name) is not None or word.startswith(("/bin/", "/usr/bin/"))


def _run_words(g: Grammar, words: list[str]) -> str:
    """A command run by another (after ``--``) in words, or as typed when nothing describes it
    ("A command" would drop it)."""
    program = words[0].rsplit("/", 1)[-1]  # /bin/sh: the program sh
    said = command_en(g, shlex.join([program, *words[1:]]))
    if not said or said == "A command" or said.startswith(("A `", "An `")):
        return shlex.join(words)
    return _lower_first(said)


def _typed_false(parsed, keys: set[str], typed: frozenset[str]) -> list[tuple[str, str]]:
    """Each switch typed ``=false`` (``--sig-proxy=false``), which the reading drops as if not
    given, with the opposite of its words: the prompt says the flag the answer needs."""
    scope = parsed.scope
    phrases = []
    for word in parsed.words:
        name, eq, value = word.partition("=")
        option = scope.options.get(name) if eq and name.startswith("--") and value.lower() in ("false", "0") else None
        if option is None or option.key in keys or option.value:
            continue
        words = _help_words(option.en, typed - set(option.flags))
        phrases.append((name, _opposite(words) if words else translate("notes.en.off", "en", name=name[2:].replace("-", " "))))
    return phrases


def _asks_help(opt) -> bool:
    """``-h``/``--help`` typed: the line shows its command's help instead of doing it."""
    flags = opt.option.flags if opt.option is not None else (opt.key,)
    return opt.value is None and ("--help" in flags or opt.option is None and opt.key == "-h")


def _words_above(g: Grammar, path: tuple[str, ...]) -> str | None:
    """The words of the nearest command above ``path`` that has some (a default subcommand's group)."""
    for end in range(len(path) - 1, 1, -1):
        above = g.command(tuple(path[:end])) or g.scope(tuple(path[:end]))
        if above is not None and above.en:
            return above.en
    return None


def _value_en(opt) -> str:
    value = opt.value or ""
    return f"<{(opt.option.value if opt.option else '') or 'value'}>" if has_japanese(value) else value


_PREPOSITIONS = {"with", "in", "as", "on", "using", "without", "including", "building", "from", "to"}


def with_unsaid_flags(g: Grammar, prompt: str, answer: str, topic: bool = False) -> str:
    """The notes' own English words for a command, with the grammar's words for each of its
    options the words do not say, in brackets: "Run bash in an image" for ``docker run --rm -it
    --entrypoint bash img`` → "Run bash in an image (with an interactive terminal, remove the
    container on exit)", so a learner reading the prompt could type the flags. Words that are a
    ``topic`` (a heading's: "replica set", "Cloud Function") and do not say what the command does
    (``says_the_command``) follow the command's own words instead, which say every flag:
    "Expose rs as a service on port 80 (replica set)". Both prompts of English notes are these words."""
    if has_japanese(prompt):
        return prompt
    said = prompt.rstrip(" :.")
    if topic and said and _one_command(g, answer) and not says_the_command(g, said, answer) and not _starts_with_a_verb(said):
        composed = command_en(g, answer)  # every flag said; the notes' words tell the topic
        if composed and not composed.startswith(("A `", "An `", "A command")):
            return f"{composed} ({said})"
    phrases = unsaid_flags(g, prompt, answer)
    if not phrases:
        return prompt
    if re.search(r"\s\([^()]*\)$", said):  # "Branches (create one)": the flags' words in its bracket
        return f"{said[:-1]}; {', '.join(phrases)})"
    return f"{said} ({', '.join(phrases)})"


def says_the_command(g: Grammar, words: str, answer: str) -> bool:
    """Whether the notes' words say what the line's first known command does: the last word of
    its command path (typed or canonical: ``logs``, ``expose``, ``deploy``) or the verb its help
    or overlay begins with ("Fetch", "Create"), at a word's start (``runs`` says ``run``). A topic
    ("replica set", "follow", "Cloud Function" for ``gcloud functions deploy``) does not; a line
    no grammar describes is left to its words."""
    parsed = _one_command(g, answer)
    if parsed is None or not (parsed.scope.say or parsed.scope.en):
        return True
    said = words.lower()
    candidates = {parsed.path[-1], (parsed.typed_path or parsed.path)[-1]}
    for text in (parsed.scope.say, parsed.scope.en):
        first = (text or "").split(" ", 1)[0]
        if first.isalpha():
            candidates.add(first)
    for word in filter(None, candidates):
        stem = _stem(word.lower())
        if len(parsed.path) > 1 and word == parsed.path[0]:
            continue  # the program itself says nothing of what it does
        if re.search(rf"(?<![a-z]){re.escape(stem)}", said):
            return True
    return False


def _starts_with_a_verb(words: str) -> bool:
    """Whether the words begin with a verb ("To show running containers", "view all pods"): one
    of the verbs the shipped CLIs' help begins their commands' descriptions with ("List",
    "Create", "View"…, ``_verbs``); "Hello World", "kubectl contexts", "Cloud Function" do not."""
    found = re.findall(r"[A-Za-z][A-Za-z'-]*", words.lower())
    while found[:1] in (["to"], ["how"]):
        found = found[1:]
    return bool(found) and found[0] in _verbs()


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    """The first words of the shipped grammars' command descriptions that begin two or more of
    them (a word beginning one is as likely a noun: "Docker…")."""
    import json
    from collections import Counter

    from dockquiz.resources import content_dir

    counts: Counter[str] = Counter()
    for path in sorted((content_dir() / "cli" / "generated").glob("*.json")):
        for command in json.loads(path.read_text("utf-8")).get("commands", {}).values():
            first = (command.get("about") or "").split(" ", 1)[0].lower().strip(",.:")
            if first.isalpha():
                counts[first] += 1
    programs = {path.stem for path in (content_dir() / "cli" / "generated").glob("*.json")}
    return frozenset(w for w, n in counts.items() if n >= 2 and w not in {"a", "an", "the", *programs})


def _stem(word: str) -> str:
    """A command word cut to what a prompt's word begins with when it says it (``runs`` → run,
    ``describe`` → descri: "describing", "described"), searched at a word's start. Not
    ``naming._stems``, which undoes a prompt word's endings into a set of base forms: matching
    by those here changes 50 of the 6,405 drafts of the five development splits and the test
    fixtures, some better and some worse: a reader change to judge, not one helper for both."""
    word = word.removesuffix("s") if len(word) > 3 else word
    return word[:-2] if len(word) >= 7 else word


def unsaid_flags(g: Grammar, prompt: str, answer: str) -> list[str]:
    """The grammar's words for each option of ``answer`` that ``prompt`` does not say: neither a
    spelling of the flag, nor a word of its long name (``detached`` for ``--detach``), nor its
    value beside a word of its own words stand in the prompt; each said by ``option_phrase``
    (one no help describes by its name's words, one typed in the form that turns it off by the
    opposite of its words). A command substitution's options are left out (``$(docker ps -a
    -q)``: the words say what it gives, "all stopped containers")."""

    def put_aside(match: re.Match[str]) -> str:
        text = match.group(1) or match.group(2) or ""
        return match.group() if len(text.split()) < 2 else "SUBSTITUTION"

    line = _SUBSTITUTION.sub(put_aside, answer) if ("$(" in answer or "`" in answer) else answer
    try:
        commands = lex(normalise(" ".join(_REDIRECT.sub(" ", line).split())), expected=False).commands
    except LexError:
        return []
    said = prompt.lower()
    phrases: list[str] = []
    for words in commands:
        parsed = parse(words, g, lenient=True) if words else None
        if parsed is not None and parsed.scope is None:  # a shell program's flags, by the words of its help
            read = shell_read(split_redirects(list(words))[0])
            for spellings, phrase in read.said if read else []:
                # the notes' own words stand: a flag no words describe is not guessed into them
                if phrase not in read.guessed and not any(_says_spelling(said, flag) for flag in spellings):
                    phrases.append(phrase)
            continue
        if parsed is None or parsed.scope is None:
            continue
        opts = list(_read_in_place(parsed)[1])
        unsaid = {
            o.key
            for o in opts
            if not _says_option(
                said, o, tuple(w.removesuffix("s") for w in parsed.path) + parsed.path, f"{parsed.scope.say} {parsed.scope.en}"
            )
        }
        for together, phrase in parsed.scope.say_together:
            keys = {o.key for o in opts if o.key in together}
            if together <= keys:  # said as one phrase, or not at all when the prompt says one of them
                if together <= unsaid:
                    phrases.append(phrase)
                unsaid -= together
        for opt in opts:
            if opt.key not in unsaid:
                continue
            unsaid.discard(opt.key)
            phrases.append(option_phrase(opt, _flags_of(opts), times_typed(parsed, opt)))
        switched = _typed_false(parsed, {o.key for o in opts}, _flags_of(opts))
        phrases.extend(phrase for flag, phrase in switched if not _says_spelling(said, flag))
    return [p for p in dict.fromkeys(phrases) if not _says_phrase(said, p)]


# words that say nothing of an option by themselves ("with an interactive terminal": "with")
_FUNCTION_WORDS = frozenset({"with", "from", "into", "that", "this", "them", "their", "when", "which", "where", "also"})


# short words that tell nothing apart ("the", "and"); others do ("all", "new", "old")
_SHORT_FUNCTION_WORDS = frozenset("the and for its are was has had can but not any one out set use get own you".split())


def _says_phrase(said: str, phrase: str) -> bool:
    """Whether the prompt's words (lowercase) already hold every content word of a flag's phrase
    ("Run it in the background" says "in the background"), each at a word's start (a long word
    less its last two letters, as ``_says_spelling``), and its "no"/"not" when it has one: the
    phrase would say it again."""
    words = _content_words(phrase) - _FUNCTION_WORDS
    if _NEGATION.search(phrase) and not _NEGATION.search(said):
        return False  # "no commit id": "a commit" does not say it
    short = set(re.findall(r"(?<![a-z'])[a-z]{3}(?![a-z'])", phrase.lower())) - _SHORT_FUNCTION_WORDS
    if any(not re.search(rf"(?<![a-z]){w}(?![a-z])", said) for w in short):
        return False  # "for all accounts": "for an account" does not say it
    return bool(words) and all(re.search(rf"(?<![a-z]){re.escape(w[:-2] if len(w) >= 7 else w)}", said) for w in words)


def option_phrase(opt, typed: frozenset[str] = frozenset(), times: int = 1) -> str:
    """What an option of the line does, in words a learner can type it from: the overlay's
    ``say`` phrase, else the help's words (a remark in brackets naming another flag left out),
    with its value; typed in the form that turns it the other way (``--no-ff`` of ``--ff``,
    ``--no-launch-browser`` of a flag holding both forms under the positive's words), the
    opposite of those words ("do not allow fast-forward"). Help that names a flag the line
    does not have (``typed``: the spellings of its other options) — "DEPRECATED: use --colour",
    "Same as --metadata except…" — or none at all: the words of the flag's own long name
    ("lid size (3)"); a short flag with no long name as itself ("flag -q"). Help listing
    alternatives ("Force creation, move/rename, deletion") says the one another flag of the
    line picks (``git branch -D``, --delete --force: "force deletion"). A switch typed
    ``times`` over (``-vv``) says so ("be verbose (twice)"): twice is not once."""
    return _times_said(_option_phrase(opt, typed), times)


def _option_phrase(opt, typed: frozenset[str]) -> str:
    option = opt.option
    value = f" ({_value_en(opt)})" if opt.value else ""
    if _asks_help(opt):
        return translate("notes.en.shows_help", "en")
    if option is None:  # a flag the grammar does not know (lenient reading): its name's words
        return _name_words(opt.key, ()) + value
    others = typed - set(option.flags)
    if turned_off(opt) or _typed_off(opt):
        words = _help_words(option.en, others)
        return _opposite(words) + value if words else _name_words(opt.key, ()) + value
    if option.say:
        return option.say.format(value=_value_en(opt))
    words = _picked_alternative(_help_words(option.en, others), others)
    return (_lower_first(words) if words else _name_words(opt.key, option.flags)) + value


def _typed_off(opt) -> bool:
    """Whether the line typed the ``--no-`` form of a flag the grammar holds in both forms
    under the positive's words (gcloud's ``--[no-]launch-browser``: "Launch a browser…")."""
    option = opt.option
    flag = (opt.typed.split("=", 1)[0].split() or [""])[0]
    if option is None or not flag.startswith("--no-") or "--" + flag[5:] not in option.flags:
        return False
    return not _NEGATION.search((option.en or "").lower())


# help naming alternatives after its verb: "Force creation, move/rename, deletion"
_ALTERNATIVE_LIST = re.compile(r"^(?P<verb>[A-Za-z]+) (?P<items>[\w/-]+(?:, [\w/-]+)+)$")


def _picked_alternative(words: str, others: frozenset[str]) -> str:
    """The alternative of a help's list that another flag of the line names by its long name's
    stem (``--delete`` picks "deletion", ``--move`` "move/rename"); the words unchanged when
    none or several do."""
    listed = _ALTERNATIVE_LIST.match(words)
    if not listed:
        return words
    stems = {f[2:].lower()[:5] for f in others if f.startswith("--") and len(f) >= 6}
    items = listed.group("items").split(", ")
    picked = [item for item in items if any(part.lower().startswith(stem) for part in item.split("/") for stem in stems)]
    return f"{listed.group('verb')} {picked[0]}" if len(picked) == 1 else words


def _times_said(phrase: str, times: int) -> str:
    if times < 2 or not phrase:
        return phrase
    return f"{phrase} ({translate('notes.en.twice', 'en') if times == 2 else translate('notes.en.times', 'en', count=times)})"


def times_typed(parsed, opt) -> int:
    """How often a switch stands on the line after its command's words (``-vv``, ``-v -v``,
    ``--verbose --verbose``: twice), one spelling counted (``-f`` of another option before the
    subcommand, or ``-p`` inside ``-Squery``, is no second time); 1 for an option with a value."""
    option = opt.option
    if option is None or opt.value is not None:
        return 1
    words = list(parsed.words)
    last = parsed.typed_path[-1] if parsed.typed_path else None
    start = len(words) - words[::-1].index(last) if last in words else 0
    after = words[start:]
    if "--" in after:
        after = after[: after.index("--")]
    counts = [after.count(flag) for flag in option.flags]
    for flag in option.flags:
        if len(flag) == 2 and flag[0] == "-" and flag[1] != "-":
            counts.append(sum(len(w) - 1 for w in after if re.fullmatch(rf"-{re.escape(flag[1])}{{2,}}", w)))
    return max(1, *counts)


def _flags_of(opts) -> frozenset[str]:
    return frozenset(f for o in opts for f in (o.option.flags if o.option is not None else (o.key,)))


_FLAG = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
_DEPRECATED = re.compile(r"^\(?deprecated\)?(?:\s*\([^()]*\))?\s*[:,.-]?\s*", re.I)


def _help_words(en: str | None, others: frozenset[str]) -> str:
    """The help's words for a flag, or "" when they name a flag not among ``others`` (a learner
    would type that one): a leading "Deprecated:" and a bracketed remark naming such a flag
    ("(implies -u)") are left out."""

    def foreign(text: str) -> bool:
        return any(f not in others for f in _FLAG.findall(text))

    text = _DEPRECATED.sub("", (en or "").strip())
    text = re.sub(r"\s*\([^()]*\)", lambda m: "" if foreign(m.group()) else m.group(), text).strip(" ,;:")
    if _BARE_CONDITION.match(text):  # "If true and extra arguments are present": what then is cut off
        return ""
    return "" if not text or foreign(text) else text


# help words that are only a condition, its main clause cut off: "If set to true", "If protocol is specified"
_BARE_CONDITION = re.compile(r"^(?:if|unless)\b[^,;:]*$", re.I)


def _opposite(words: str) -> str:
    """``Allow fast-forward`` → ``do not allow fast-forward``; words that are no instruction
    ("If set, …", "Whether to…") → ``the opposite of “…”``."""
    first = words.split(" ", 1)[0].lower().strip(",")
    if first in _NOT_A_VERB or first.endswith("s") and not first.endswith("ss"):
        return translate("notes.en.opposite", "en", words=_lower_first(words))
    return translate("notes.en.not", "en", words=_lower_first(words))


_NOT_A_VERB = {"if", "when", "whether", "with", "the", "a", "an", "only", "do", "don't", "no", "not", "without", "by"}


def _name_words(key: str, flags) -> str:
    """The words of a flag's long name (``--lid-size`` → "lid size"); a flag with only a
    short spelling is named as itself ("flag -q"): there are no other words for it."""
    long = next((f for f in (key, *flags) if f.startswith("--")), "")
    return long[2:].replace("-", " ") if long else translate("notes.en.short_flag", "en", flag=key)


def what_differs(g: Grammar, answer: str, others: list[str]) -> tuple[str, str, bool]:
    """What tells ``answer`` from other answers sharing its English prompt and showing the same
    values: the default subcommand of a group typed out ("with the subcommand push typed" for
    ``git stash push`` beside ``git stash``), else the order of the same arguments ("arguments in
    this order: <file>, then <pod>:<dir>" for a copy the other way round), with the words that
    mark it beside another prompt (``push``; ``<file> <pod>:<dir>``: values, never flags), and
    whether the mark goes in brackets (the arguments) or after a comma (the subcommand); ("", "",
    False) when neither does (the other card says it, or nothing here tells them apart)."""
    mine = _one_command(g, answer)
    if mine is None:
        return "", "", False
    for other in filter(None, (_one_command(g, o) for o in others)):
        if mine.path != other.path:
            continue
        typed, theirs = mine.typed_path, other.typed_path
        if len(typed) > len(theirs) and typed[: len(theirs)] == theirs:
            words = " ".join(typed[len(theirs) :])
            return translate("notes.en.subcommand_typed", "en", words=words), words, False
        if typed == theirs and mine.args != other.args and len(mine.args) > 1 and not has_japanese(" ".join(mine.args)):
            listed = mine.args[0]
            for arg in mine.args[1:]:
                listed = translate("notes.en.and_then", "en", first=listed, then=arg)
            return translate("notes.en.in_order", "en", arguments=listed), " ".join(mine.args), True
    return "", "", False


def _one_command(g: Grammar, answer: str):
    try:
        commands = [w for w in lex(normalise(answer), expected=False).commands if w]
    except LexError:
        return None
    parsed = parse(commands[0], g, lenient=True) if len(commands) == 1 else None
    return parsed if parsed is not None and parsed.scope is not None else None


def _lower_first(text: str) -> str:
    """``Keep STDIN open`` → ``keep STDIN open``; ``CPU shares`` stays (an initialism)."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


_NEGATION = re.compile(r"\b(?:no|not|without|don't|never|skip|disable)\b")


def _says_spelling(said: str, flag: str) -> bool:
    """Whether the prompt's words (lowercase) spell this flag or hold a word of its long name."""
    if re.search(rf"(?<![\w-]){re.escape(flag.lower())}(?![\w-])", said):
        return True
    if flag.startswith("--"):
        for part in {flag[2:].lower(), *flag[2:].lower().split("-")}:
            stem = part[:-2] if len(part) >= 7 else part
            if len(part) >= 3 and re.search(rf"(?<![a-z]){re.escape(stem)}", said):
                return True
    return False


def _says_option(said: str, opt, path: tuple[str, ...] = (), command_words: str = "") -> bool:
    """Whether the prompt's words (lowercase) say this option: a spelling of its flag, a word of
    its long name at a word's start (``detached`` for ``--detach``, ``ignore`` for ``--ignored``:
    a long word less its last two letters) that the command's own words (``command_words``) do
    not hold (they say the command, not the flag), or its value (or a part of it, ``3000`` of
    ``3000:3000``). The grammar's words for it are not looked for: they share the command's."""
    typed = opt.typed.split("=", 1)[0].split()[0] if opt.typed.strip() else ""
    negated = bool(_NEGATION.search(said))
    own = re.findall(r"[a-z]{3,}", command_words.lower())
    spellings = {typed, opt.key, *(opt.option.flags if opt.option and (negated or not turned_off(opt)) else ())}
    for flag in filter(None, spellings):
        if re.search(rf"(?<![\w-]){re.escape(flag.lower())}(?![\w-])", said):
            return True
        if flag.startswith("--"):
            name = flag[2:].lower()
            if name.startswith("no-") and not negated:
                continue  # --no-commit-id: "a commit" does not say it
            name = name.removeprefix("no-")
            for part in {name, *name.split("-")} - set(path):  # "cluster" of `clusters create` says nothing of --cluster-version
                stem = part[:-2] if len(part) >= 7 else part
                if any(w.startswith(stem) for w in own):  # "account" of "Print a token for the account": the command's word
                    continue
                if len(part) >= 3 and re.search(rf"(?<![a-z]){re.escape(stem)}", said):
                    return True
    value = (opt.value or "").lower()
    if not value or not (value in said or any(len(p) >= 3 and p in said for p in re.split(r"[:,=/]", value))):
        return False
    # a value alone ("Run bash in an image" for --entrypoint bash) does not say its flag: a word of
    # the flag's own words must stand beside it ("serve on port 3000" for -p 3000:3000)
    option = opt.option
    words = _content_words(" ".join(filter(None, (option.say, option.en)))) if option else set()
    return bool((words - _content_words(command_words)) & _content_words(said))


def _content_words(text: str) -> set[str]:
    return {w.removesuffix("'s").removesuffix("s") for w in re.findall(r"[a-z][a-z'-]{3,}", text.lower())}


def flag_words_ja(g: Grammar, answer: str) -> str:
    """Each option of a grammar line said as the English prompt says it (``option_phrase``
    decides which need saying), in the grammar's Japanese words for the flag where it has them
    (not for a form turning it off), else the help's words — never the flag as typed; joined
    by ``、``, "" for a line with none or one the grammar does not read."""
    # a command substitution's flags are its inner command's (the English prompt says them): it stands as one value
    parsed = _one_command(g, _SUBSTITUTION.sub("X", answer))
    if parsed is None:
        return ""
    _, options = _read_in_place(parsed)
    typed = _flags_of(options)
    words = [
        opt.option.ja
        if opt.option is not None and opt.option.ja and not (turned_off(opt) or _typed_off(opt))
        else option_phrase(opt, typed)
        for opt in options
    ]
    return "、".join(dict.fromkeys(w for w in words if w))


def flag_words_by_key(g: Grammar, answer: str, *, ja: bool) -> dict[str, str] | None:
    """Each option of a grammar line by its canonical name (``-a`` and ``--all`` are one), with
    what it does: in the grammar's Japanese words (``ja``), else as the English prompt says it
    (``option_phrase``) — never the flag as typed. None for a line the grammar does not read as
    one known command, or holding an option it has no such words for (an unknown one; with
    ``ja``, one without Japanese words: English words in a Japanese prompt)."""
    parsed = _one_command(g, _SUBSTITUTION.sub("X", answer))
    if parsed is None or parsed.scope is None:
        return None
    _, options = _read_in_place(parsed)
    if any(opt.option is None for opt in options):
        return None
    typed = _flags_of(options)
    words: dict[str, str] = {}
    for opt in options:
        off = turned_off(opt) or _typed_off(opt)
        said = (opt.option.ja if not off else "") if ja else option_phrase(opt, typed, times_typed(parsed, opt))
        if not said:
            return None
        words.setdefault(opt.key, said)
    return words


def help_prompt(g: Grammar, answer: str) -> str:
    """The grammar's own words for a command line whose notes say nothing beyond its own words
    (``- logs`` over ``kubectl logs -f <pod>``), or "" unless they describe it all: one command
    the grammar reads to a known command path with words of its own, no problem but arity, words
    for every flag typed (never "one more option dockquiz has no words for"), and every argument
    and value either said by the words or among the values study shows (``shown``)."""
    from dockquiz.grading.lexer import strip_sudo
    from dockquiz.notes.answer import shown_values

    if "$(" in answer or "`" in answer or "..." in answer or "…" in answer or _ENV_SET.match(answer):
        return ""  # a substitution, an ellipsis ("docker run ... --network n"): not one line the words say
    try:
        lexed = lex(normalise(answer), expected=False)
    except LexError:
        return ""
    if len(lexed.commands) != 1 or lexed.separators:
        return ""
    words = list(lexed.commands[0])
    if split_redirects(words)[1]:
        return ""
    words = strip_sudo(words) if words[:1] == ["sudo"] else words
    parsed = parse(words, g)
    scope = parsed.scope
    if scope is None or not scope.is_command or not (scope.say or scope.en) or len(parsed.path) < 2:
        return ""
    if any(problem.kind != "arity" for problem in parsed.problems):
        return ""  # a flag or a subcommand the grammar does not read (a count of arguments it does
        # not expect, `kubectl apply -f x`, still reads to a known command with words of its own)
    typed = _flags_of(parsed.opts)
    for opt in parsed.opts:
        option = opt.option
        if option is None or not (option.say or _help_words(option.en, typed - set(option.flags))):
            return ""
    shown = {_bare(v) for v in shown_values(answer, g)}
    values = [*parsed.args, *(o.value for o in parsed.opts if o.value)]
    # the overlay's words ("Delete pod x") may only repeat the answer's: then the help's description
    for sentence in (_sentence(parsed, g), _sentence(replace(parsed, scope=replace(scope, say="")), g) if scope.say else ""):
        said = {_bare(w) for w in sentence.split()}
        if sentence and not _repeats(sentence, words):
            if all(_bare(v) in shown or _bare(v) in said or v in sentence for v in values):
                return sentence
    return ""


def _bare(word: str) -> str:
    return re.sub(r"\W", "", word).lower()


def _repeats(sentence: str, words: list[str]) -> bool:
    """Does a sentence say nothing but the answer's own words ("Delete pod x")?"""
    own = {_bare(w) for w in words}
    return all(_bare(w) in own or not _bare(w) for w in sentence.split())
