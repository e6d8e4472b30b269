"""A command line as the notes write it → the answer a card keeps: asides cut, the lines of
a continuation joined, its command path, and what study shows beside its prompt."""

from __future__ import annotations

import re
import shlex

from dockquiz.grading.grammar import Grammar
from dockquiz.grading.lexer import strip_sudo
from dockquiz.notes import lines as ln
from dockquiz.notes import text as tx


def without_sudo(code: str) -> str:
    """``sudo -E apt update`` → ``apt update``: what the line runs."""
    words = code.split()
    if words[:1] != ["sudo"]:
        return code
    return " ".join(strip_sudo(words)) or code


def split_words(answer: str) -> list[str]:
    try:
        return shlex.split(answer)
    except ValueError:
        return answer.split()


def shown_values(answer: str, grammar: Grammar) -> list[str]:
    """What study shows beside a command's prompt: its placeholders (shown on their own) and its
    concrete values, not the arguments that name a kind of thing (kubectl's ``pods``), as
    ``grading.forms.card_values`` reads them."""
    from dockquiz.grading.lexer import LexError, lex, placeholders
    from dockquiz.grading.normalise import normalise
    from dockquiz.grading.parser import parse

    try:
        commands = lex(normalise(answer), expected=False).commands
    except LexError:
        return split_words(answer)
    values: list[str] = list(placeholders(answer))
    for words in commands:
        parsed = parse(words, grammar, lenient=True)
        if parsed.known:
            args = [a for i, a in enumerate(parsed.args) if not grammar.names_a_type(parsed.path, i, a)]
            values += [o.value for o in parsed.opts if o.value] + args
        else:
            named = (
                grammar.guessed_command(words)
                if grammar.knows(words[0])
                else range(len(command_path(" ".join(words), grammar).split()))
            )
            values += [w for i, w in enumerate(words) if i not in named and not w.startswith("-")]
    return list(dict.fromkeys(values))


_BAR = re.compile(r"\s+[|｜]\s+")


_TAIL_PAREN = re.compile(r"^(.*\S)\s*[（(]([^（）()]+)[）)]$")


_ABOUT = re.compile(r"\s*(?:について|の使い方|コマンド)$")  # "git stashについて": about the command it names
_EXAMPLE = re.compile(r"^(?:e\.?g\.?|examples?|例|etc\.?)$", re.IGNORECASE)


_COLON_PARTS = re.compile(r"^([^:：]*\S)\s*[:：]\s*(\S.*)$")


def without_spelt_parts(prompt: str, answer: str, grammar: Grammar) -> str:
    """A label's part that only spells the answer's command (``履歴を調べる | log``,
    ``変更の把握（status）``, ``一覧表示: kubectl get``) gives the answer away: left out, the
    describing words stay. Values (``ログ（app）``) stay: study shows them anyway."""
    words: set[str] = set()
    subcommands = False  # a command of the answer has a subcommand (git stash list)
    for part in re.split(r"\s*(?:\|\|?|&&|;)\s*", answer):
        if part.strip():
            typed = without_sudo(part).split()
            known = grammar.command_prefix(typed) if typed and grammar.knows(typed[0]) else 0
            words.update(w.lower() for w in typed[: max(1, known)])  # the command's words, not its values
            subcommands = subcommands or known > 1
            words.update(w.lower().split("=")[0] for w in part.split() if w.startswith("-"))

    def spelt(text: str) -> bool:
        return bool(text.split()) and not ln.has_japanese(text) and all(w.lower() in words for w in text.split())

    def named_head(part: str) -> re.Match | None:  # "stash（一覧）", "git stashについて（元に戻す）"
        paren = _TAIL_PAREN.match(part)
        if not paren or _EXAMPLE.match(paren.group(2).strip()):
            return None  # "docker exec (example)": the bracket says nothing either
        return paren if spelt(_ABOUT.sub("", paren.group(1))) else None

    parts = _BAR.split(prompt.strip())
    if len(parts) == 1 and named_head(parts[0]) and subcommands:
        return ""  # the command's name over words for one of its subcommands ("git stashについて（一覧を見る）"): no description
    for i in range(1, len(parts)):
        head = named_head(parts[i])
        if head:  # "変更を退避する | stash（戻す）": the label's words, qualified by the bracket
            parts[i - 1], parts[i] = f"{parts[i - 1]}（{head.group(2)}）", ""
    whole = " | ".join(p for p in parts if p)
    parts = [p for p in parts if p]
    kept = [p for p in parts if not spelt(p)]
    out = " | ".join(kept) if kept and len(parts) > 1 else whole
    paren = _TAIL_PAREN.match(out)
    if paren and spelt(paren.group(2)):
        out = paren.group(1)
    colon = _COLON_PARTS.match(out)
    if colon and spelt(colon.group(2)) and not spelt(colon.group(1)):
        out = colon.group(1)
    elif colon and spelt(colon.group(1)) and not spelt(colon.group(2)):
        out = colon.group(2)
    return out


_ASIDE = re.compile(
    r"\s+(?:\((?:or|ou|e\.g\.|eg)\b[^)]*\)|\((?:optional|optionally|recommended|deprecated|experimental)\)|//.*|（[^）]*）|[←⇐].*)\s*$",
    re.IGNORECASE,
)  # "(or <id>)", "(optional)", "// 全て削除", "←これでも可"


_WORDS_ASIDE = re.compile(r"\s+\(([^()]*\s[^()]*)\)\s*$")  # a trailing (…) of several words
_PROSE = re.compile(r"\b(?:to|the|a|an|is|are|has|have|been|all|when|if|upon|after|before|until|of|for|this|that)\b", re.I)
_EN_DASH_FLAG = re.compile(r"(?<!\S)[–—−](?=[A-Za-z])")


_LEFT_CONTINUATION = re.compile(r"\s+(?:\\|¥)\s+")  # "docker build \ -t web .": a code span over two lines


_OR = re.compile(r"\s+(?:or|または|もしくは)\s+\S|\s+(?:to|which|so that)\s+(?=(?:[a-z]+\s+){2,}[a-z]+[.!]?$)", re.IGNORECASE)
_WORDS_AFTER_GAP = re.compile(r"(?:\t|\u3000|\s{2,})(?=[^\s\"'<\[({`]*[\u3040-\u30ff\u3400-\u9fff])(\S.*)$")


_PARTICLE_WORDS = re.compile(r"\s+(?=(?:で|を|は|に|が|と|も|へ|から|まで)\S*[\u3040-\u309f]\S*(?:\s|$))")


def words_after(code: str) -> tuple[str, str]:
    """A command line's own words after it, outside quotes: Japanese words with kana after a gap
    (``tar xf <archive>  展開する``) or from a particle on (``git log で履歴を見る``); not values in
    words (``ls  ファイル名``, ``exec web　実行するコマンド``). (code, words) or (code, "")."""
    gap = _WORDS_AFTER_GAP.search(code)
    if gap is None:
        gap = _PARTICLE_WORDS.search(code)
    if gap is None or _quoted(code, gap.start()) or _grouped(code[: gap.start()]):
        return code, ""  # "<コンテナID もしくは コンテナ名>": inside a placeholder
    said = code[gap.start() :].strip()
    if said[:1] in "←⇐":
        return code, ""  # "←これでも行けるかも": the notes' aside (clean_answer leaves it out)
    named = any(_VALUE_WORD.search(w) or w[:1] in "<[{" for w in said.replace("\u3000", " ").split())
    if not re.search("[\u3040-\u309f]", said) or named or not code[: gap.start()].split()[1:]:
        return code, ""
    return code[: gap.start()].rstrip(), said


def _alternative_cut(code: str) -> str:
    """``git revert ABC123 or HEAD~2 to undo the last two`` → ``git revert ABC123``: an
    alternative the notes add in words (the shell says "or" with ``||``), or what the command is
    for (``… to undo the last commit``), outside quotes; not in a sentence (``find commits
    reachable from either a or b``: no command, kept whole); Japanese words after a gap
    (``tar xf <archive>  展開する``), not a value written in words (``ls  ファイル名``, ``　コンテナ``)."""
    code = words_after(code)[0]
    for match in _OR.finditer(code):
        before = code[: match.start()]
        grouped = _grouped(before)  # <ID or NAME>
        words = [w.lower() for w in before.split()[1:]]
        if not grouped and not _quoted(code, match.start()) and words and not set(words) & ln.SENTENCE_WORDS:
            return code[: match.start()].rstrip()
    return code


def _grouped(before: str) -> bool:
    """Does a bracket opened in ``before`` stay open (``<ID or NAME>``, ``[a b]``)?"""
    return any(before.count(a) > before.count(b) for a, b in ("<>", "[]", "{}", "()"))


def _quoted(code: str, at: int) -> bool:
    before = code[:at]
    return before.count("'") % 2 == 1 or before.count('"') % 2 == 1


def clean_answer(code: str) -> str:
    """What a command line runs, without the notes' asides: ``(or <id>)``, ``// 全て削除``,
    a word processor's en dash for ``--`` (``–no-cache``: two hyphens, ``–d``: one); a value
    written in words (``(コンテナ名)``, ``ブランチ名``, ``{IMAGE NAME}``) as the placeholder it is."""
    code = _ASIDE.sub("", code).strip()
    if code.count('"') % 2 and ("”" in code or "“" in code):  # --labels="app=web”: a word processor's quote
        code = code.replace("“", '"').replace("”", '"')
    if "`" in code and "`" not in code.strip("`"):  # "git reset --hard HEAD``": a code span's marks, left
        code = code.strip("`").strip()  # unmatched; the shell's `…` stand inside a command
    elif code.count("`") % 2:  # "git reset --hard HEAD`": the author's code span left open
        code = code[:-1].rstrip() if code.endswith("`") else code[1:].lstrip() if code.startswith("`") else code
    code = tx.split_trailing_comment(code)[0]  # "tar xf a.tar　# 展開する", a table cell's comment
    code = _alternative_cut(code)
    words_aside = _WORDS_ASIDE.search(code)
    if words_aside and _PROSE.search(words_aside.group(1)):
        code = code[: words_aside.start()].rstrip()  # "git rebase --continue (upon all conflicts resolved)"
    code = _LEFT_CONTINUATION.sub(lambda m: m.group() if _quoted(code, m.start()) else " ", code)
    if _EN_DASH_FLAG.search(code):
        code = re.sub(r"(?<!\S)[–—−](?=[A-Za-z]{2})", "--", code)
        code = re.sub(r"(?<!\S)[–—−](?=[A-Za-z])", "-", code)
    return worded_values(code)


_JA = "\u3040-\u30ff\u3400-\u9fff"
_WIDE_ASIDE = re.compile(rf"（[^（）]*[{_JA}][^（）]*）")  # "web:v2（イメージ名:タグ）": what the value is
_PAREN_VALUE = re.compile(rf"\(([^()\s]*[{_JA}][^()]*)\)")  # "(コンテナ名)"
# "{IMAGE NAME}", "{pod}"; not the shell's brace sequence "{A..Z}", "{a..e}"
_BRACE_VALUE = re.compile(r"\{(?![A-Za-z0-9]+\.\.[A-Za-z0-9]+(?:\.\.\d+)?\})([A-Za-z][A-Za-z0-9_ .:-]*)\}")
_JA_CHAR = re.compile(rf"[{_JA}]")
_WORD_BRACE = re.compile(r"(?<=[ \t=:/])\{[A-Za-z]")  # where _BRACE_VALUE may start a value below
_WORDED = re.compile(rf"[A-Za-z0-9_]*[{_JA}][{_JA}A-Za-z0-9_]*")  # "コンテナID", "ブランチ名"


def worded_values(code: str) -> str:
    """Values the notes write in words, outside quotes and placeholders, as placeholders the
    learner fills: ``docker rm (コンテナ名)`` → ``docker rm <コンテナ名>``, ``git merge ブランチ名`` →
    ``git merge <ブランチ名>``, ``{IMAGE NAME}`` → ``<IMAGE NAME>``; an aside in full-width
    brackets after a value is left out. The shell's own ``{}``, ``{a,b}``, ``@{1}``, ``${X}`` stay."""
    if not ("{" in code or ln.has_japanese(code)):
        return code
    code = code.replace("\u3000", " ")  # "exec [オプション]　コンテナ": a full-width space between words
    if not (_JA_CHAR.search(code) or _WORD_BRACE.search(code)):
        return code.strip()  # "${NAME}", "{}": nothing written in words
    if "'" not in code and '"' not in code:
        code = _WIDE_ASIDE.sub("", code)  # "[シェルへのパス（sh, bash など）]": the value's name stays
    out: list[str] = []
    quote = ""
    depth = 0  # inside <…>, […], ${…}: a placeholder already
    i = 0
    while i < len(code):
        char = code[i]
        if quote:
            out.append(char)
            quote = "" if char == quote else quote
            i += 1
            continue
        if char in "'\"" and not depth:
            quote = char
        elif char in "<[" or code.startswith("${", i) or code.startswith("{{", i):
            depth += 1
        elif char in ">]}" and depth:
            depth -= 1
        elif not depth:
            rest = code[i:]
            start_of_word = i == 0 or code[i - 1] in " \t=:/"
            if char == "(" and not start_of_word and _PAREN_VALUE.match(rest):
                i += _PAREN_VALUE.match(rest).end()  # "main(好きなブランチ)": an aside on the value before it
                continue
            for pattern, keep in ((_WIDE_ASIDE, None), (_PAREN_VALUE, True), (_BRACE_VALUE, True), (_WORDED, True)):
                match = pattern.match(rest)
                if not match or (pattern is _BRACE_VALUE and not (start_of_word and code[i - 1 : i] not in "$@")):
                    continue
                if pattern is _WORDED and not (start_of_word or code[i - 1] in "/:=") and out and out[-1] not in " \t/:=":
                    continue
                if pattern is _PAREN_VALUE and not _VALUE_WORD.search(match.group(1)):
                    if rest[match.end() :].strip():
                        continue
                    match = None  # "docker ps (全て表示)": an aside at the end, left out
                if match is None:
                    i = len(code)
                    break
                if pattern is _WORDED and not (_VALUE_WORD.search(match.group()) or _NO_KANA.match(match.group())):
                    out.append(match.group())  # words that name no value: as written
                elif keep:
                    out.append(f"<{match.group(1) if match.groups() else match.group()}>")
                i += match.end()
                break
            else:
                out.append(char)
                i += 1
            continue
        out.append(char)
        i += 1
    return "".join(out).strip()


_NO_KANA = re.compile(r"^[^\u3040-\u309f]+$")  # "ネットワーク", "文件": a noun, no sentence (hiragana)
# the Japanese words that name a value a command takes (a placeholder written in words)
_VALUE_WORD = re.compile(
    r"(?:名|ファイル|パス|ID|番号|ディレクトリ|フォルダ|タグ|URL|文字列|メッセージ|コメント|ハッシュ|値|内容|名前|"
    r"バージョン|ポート|アドレス|キー|コミット|ブランチ|イメージ|コンテナ|ユーザー?|ホスト|リポジトリ|リモート|数|コマンド|引数)\d*$"
)


def is_worded_value(word: str) -> bool:
    """A value written in words where an argument goes (``file ファイル名``, ``cat ファイル``):
    a noun naming a value, not "コマンド" (``ls コマンド``: a heading's topic)."""
    return bool(_WORDED.fullmatch(word) and _VALUE_WORD.search(word)) and not word.endswith(("コマンド", "オプション"))


def card_answer(code: str) -> str:
    """A card's answer: :func:`clean_answer`, its words one space apart outside quotes
    ("deployment <name>  -n <ns>"; columns of output were told from commands before)."""
    code = clean_answer(code)
    if "'" not in code and '"' not in code and "  " in code:
        code = " ".join(code.split())
    return code


def join_continuations(
    lines: list[str], start: int, *, drop_comments: bool = False, noted: set[int] | None = None
) -> list[tuple[int, str]]:
    """Join backslash continuations; comment lines inside one are dropped (as Docker does). A
    note on a flag after the backslash (``--no-address \\ # 外部IPなし``) is the notes' aside, not
    the shell's (which would end the command there): the command goes on, and the notes on its
    flags (the last line's too) are its comment, in order (its first line put in ``noted``)."""
    if not any(line.rstrip().endswith(("\\", " ¥")) or _NOTED_CONTINUATION.search(line) for line in lines):
        return [(start + offset, line) for offset, line in enumerate(lines)]
    out: list[tuple[int, str]] = []
    buf: list[str] = []
    first_line = 0
    prompted = False  # the command's first line has the shell's prompt: its "> " lines are the shell's too
    notes: list[str] = []  # the notes on the flags of the command being joined
    for offset, line in enumerate(lines):
        if buf and line.strip().startswith("#") and (drop_comments or _goes_on(lines, offset + 1)):
            continue  # a comment line inside a continuation, the command going on under it (as Docker reads it)
        if not buf:
            first_line = start + offset
            notes = []
            prompted = tx.strip_prompt(line)[1]
        elif line.lstrip().startswith("> ") and (prompted or line.lstrip()[2:].lstrip().startswith(("-", '"', "'"))):
            line = line.lstrip()[2:]  # the shell's "> " prompt for the rest of a line, in a session pasted
            # (else a redirect: "jq . a.json \" then "> b.json")
        stripped = line.rstrip()
        note = _NOTED_CONTINUATION.search(stripped)
        if note and not tx.heredoc_tag(stripped) and stripped.count("'") % 2 == 0 and stripped.count('"') % 2 == 0:
            notes.append(tx.clean_comment(stripped[note.start() + 2 :].strip()))
            stripped = stripped[: note.start() + 2]
        if stripped.endswith(("\\", " ¥")):  # ¥: the backslash of a Japanese keyboard
            buf.append(stripped[:-1].strip())
            continue
        if buf and offset + 1 < len(lines) and _left_out_backslash(lines[offset + 1]):
            code, said = tx.split_trailing_comment(stripped)  # "-v /srv:/app" then "--name web \": the
            notes += [said] if said else []  # author left a backslash out; "-T  # 端末なし": a flag's note
            buf.append(code.strip())
            continue
        if notes:
            line, last = tx.split_trailing_comment(line)
            said = [n for n in (*notes, last) if n]
            line = f"{line}  # {('、' if ln.has_japanese(' '.join(said)) else '; ').join(said)}"  # the line's words: its flags'
            if noted is not None:
                noted.add(first_line)
        buf.append(line.strip() if buf else line)
        out.append((first_line, " ".join(p for p in buf if p)))
        buf = []
    if buf:
        out.append((first_line, " ".join(p for p in buf if p)))
    return out


_FLAG_LINE = re.compile(r"\s*--?[A-Za-z][\w-]*(?:[= ]|$)")
_MODE_LINE = re.compile(r"\s*[-dlcbps][rwxsStT-]{9}")  # "-rw-r--r-- 1 me …": ls's output


def _goes_on(lines: list[str], at: int) -> bool:
    """Does the line at ``at`` go on with a command continued above it: indented, or itself continued?"""
    line = lines[at] if at < len(lines) else ""
    return bool(line.strip()) and (line[:1] in " \t" or line.rstrip().endswith(("\\", " ¥")))


def _left_out_backslash(line: str) -> bool:
    """Is this line an option of the command continued above it (``--name web \\``), the author
    having left out the backslash before it? A command never starts with a flag."""
    return bool(_FLAG_LINE.match(line)) and not _MODE_LINE.match(line)


_NOTED_CONTINUATION = re.compile(r"\s(?:\\|¥)[ \t]+#.*$")  # "--no-address \ # 外部IPなし"


def command_path(code: str, grammar: Grammar) -> str:
    """``docker run -it ${X} img`` → ``docker run``: the words before options and arguments
    (``GIT_TRACE=1 git commit`` → ``git commit``: the variables set for it are no part of it)."""
    code = code.strip()[len(tx.env_prefix(code)) :] or code
    words = code.split()
    known = grammar.command_prefix(words)
    if known:
        return " ".join(words[:known])
    path: list[str] = []
    for word in words:
        if word.startswith("-") or tx.is_placeholder(word) or "/" in word or "=" in word:
            break
        path.append(word)
    return " ".join(path[:5]) or words[0]
