"""Small text helpers for reading notes: headings, separators, command-looking code."""

from __future__ import annotations

import re

from dockquiz.grading.lexer import is_placeholder  # noqa: F401 - what a placeholder is: grading's

# "：" full-width colon, " - " and "→" are separators authors use between a term and its meaning.
SEPARATOR = re.compile(r"\s*(?:(?::|：|(?:(?<=\s)|^)(?:[-–—]|\.{3}|…)(?=\s)|→|⇒)\s*)+")  # "-d : …", "-d - …", "-d ... …"
_DECORATION = re.compile(r"^[\s■□◆◇◎○●☆★▼▲▽△・※►▶➤✔✓◯\-*#]+")
_BRACKETED = re.compile(r"【[^】]*】")
_NUMBERING = re.compile(r"^(?:第?\d+(?:[.\-]\d+)*[.)）、章節]?\s+|\(\d+\)\s*|（\d+）\s*|[①-⑳]\s*)")
_GENERIC_COMMENT = re.compile(r"^(?:e\.?g\.?|examples?|例|一例|実行例|使用例|sample)\s*\d*\s*(?:[:：]\s*)?", re.IGNORECASE)
_ALTERNATIVE = re.compile(r"^(?:もしくは|または|あるいは|又は|or|alternatively)[:：,、]?$", re.IGNORECASE)
_FLAG = re.compile(r"^--?[A-Za-z0-9][\w-]*(?:,\s*--?[A-Za-z0-9][\w-]*)?(?:[ =\[].*)?$")  # "--attach, -a", "-p[port]"
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=\S*$")
_WORD = re.compile(r"^[a-z][a-z0-9._+-]*$")


def clean_heading(text: str) -> str:
    text = _BRACKETED.sub(" ", text)
    text = _DECORATION.sub("", text)
    text = _NUMBERING.sub("", text)
    return " ".join(text.split()).strip(" :：")


def clean_comment(text: str) -> str:
    """``# 例 : 全ての GPU を認識`` → ``全ての GPU を認識``; ``# example`` → ``""``."""
    text = text.lstrip("#").strip()
    text = _GENERIC_COMMENT.sub("", text, count=1).strip()
    if _ALTERNATIVE.match(text) or re.fullmatch(r"<?https?://\S+>?", text):
        return ""  # "# もしくは": another way, not a new step; a bare link says nothing
    return text if not re.fullmatch(r"[-=#*~\s]*", text) else ""


def is_separator_comment(line: str) -> bool:
    body = line.strip().lstrip("#").strip()
    return len(body) >= 3 and re.fullmatch(r"[-=*~#_]+", body) is not None


# a user's prompt on a host (``me@web-01:~$``); ``root@…#`` is a shell inside a container
# (the commands a session there types are no cards of the notes)
_USER_PROMPT = re.compile(  # and macOS's "host:~ user$"
    r"^(?:\[[\w.-]+@[^\]]+\]|[\w.-]+@[\w.-]+(?::[^\s$#]*)?|[\w.-]+:\S*\s+[\w.-]+)\s*\$\s+(?=\S)"
)


def strip_prompt(code: str) -> tuple[str, bool]:
    """``$ docker ps`` → (``docker ps``, True); ``me@web:~$ docker ps`` too."""
    code = code.strip()
    user = _USER_PROMPT.match(code)
    if user:
        return code[user.end() :].strip(), True
    if code.startswith(("$ ", "> ", "% ", "❯ ")) or code == "$":
        return code[1:].strip(), True  # sh's $, Windows' >, zsh's %, starship's and pure's ❯
    return code, False


def looks_like_command(code: str, *, had_prompt: bool, programs: frozenset[str] | set[str]) -> bool:
    words = code.split()
    if not words:
        return False
    first = words[0]
    if _ASSIGNMENT.match(first) or not _WORD.match(first):
        return False
    if first in programs:
        return True
    return had_prompt


_COMPOUND_CLOSE = {"if": "fi", "for": "done", "while": "done", "until": "done", "select": "done", "case": "esac"}


def opens_compound(code: str) -> bool:
    """A line that opens a shell compound it does not close (``for f in *.log; do``, ``if [[ -n
    $x ]]; then``, ``while read line``): the loop's or test's head, no command of its own (the
    whole loop on one line, ``for …; do …; done``, is one)."""
    words = code.split()
    close = _COMPOUND_CLOSE.get(words[0]) if words else None
    return close is not None and re.search(rf"(?:^|[;&|\s]){close}(?![\w-])", code) is None


def closes_compound(code: str) -> bool:
    """A line that closes a shell compound: ``done``, ``fi``, ``esac`` (``done < list.txt`` too)."""
    return re.search(r"(?:^|[;&|\s])(?:done|fi|esac)(?![\w-])", code) is not None


def is_program_word(word: str) -> bool:
    return _WORD.match(word) is not None


def is_flag(code: str) -> bool:
    return _FLAG.match(code.strip()) is not None


def flag_name(code: str) -> str:
    """``--name web`` / ``--name=web`` → ``--name``."""
    return code.strip().split(" ", 1)[0].split("=", 1)[0]


_ENV_PREFIX = re.compile(r"^(?:[A-Za-z_][A-Za-z0-9_]*=(?:'[^']*'|\"[^\"]*\"|[^\s'\"]*)\s+)+(?=\S)")


def env_prefix(code: str) -> str:
    """``GIT_TRACE=1 git commit -m x`` → ``GIT_TRACE=1 ``: the variables set for the command that
    follows them ("" when none)."""
    match = _ENV_PREFIX.match(code.strip())
    return match.group() if match else ""


def is_assignment(line: str) -> bool:
    words = line.split()
    return bool(words) and all(_ASSIGNMENT.match(w) for w in words)


def split_description(text: str) -> tuple[bool, str]:
    """After a term: is there a separator, and what description follows it?"""
    match = SEPARATOR.match(text)
    if not match:
        return False, text.strip()
    return True, text[match.end() :].strip()


# A heading or lead that only narrows the step above it: "MacOS の場合", "ローカル", "if on Windows".
_QUALIFIER_END = re.compile(r"(?:場合|とき|時|際|ケース|なら|編)(?:に|は|には)?$")
_QUALIFIER_START = re.compile(r"^(?:if|when|for|on|in|with|without|using|via)\s", re.IGNORECASE)
_GENERIC_SIDE = re.compile(
    r"^(?:ローカル|リモート|本番|本番環境|開発|開発環境|検証|検証環境|ステージング|"
    r"(?:サーバー?|クライアント|ホスト|コンテナ)側)$"
)
_PLATFORM = re.compile(r"^(?:mac|macos|osx|windows|win|linux|ubuntu|debian|centos|wsl2?|local|remote)$", re.IGNORECASE)


def is_qualifier(text: str) -> bool:
    text = text.strip().rstrip("。.:： ")
    return bool(text) and bool(
        (_QUALIFIER_END.search(text) and len(text) <= 15)
        or _QUALIFIER_START.match(text)
        or _GENERIC_SIDE.match(text)
        or _PLATFORM.match(text)
    )


# Words after a command in a sentence that reject it rather than present it.
_REJECT = re.compile(
    r"(?:必要(?:は|が)?(?:ない|ありません)|不要|しない|しません|ではない|じゃない|禁止|ダメ|だめ|"
    r"非推奨|使わない|使いません|避け|(?-i:\bNG\b)|\bnot\b|\bnever\b|\bdon'?t\b|\bavoid\b|"
    r"\bdeprecated\b|\bno need\b)",
    re.IGNORECASE,
)
# Words after a command that present it: "… というコマンドで実行できる", "… を実行する", "run …".
_PRESENT_AFTER = re.compile(
    r"^\s*(?:という|の)?\s*(?:コマンド)?\s*(?:で|を|に|が)\s*(?:実行|起動|確認|表示|作成|"
    r"削除|使|でき|行|試|叩)|^\s*(?:to|runs?|does|will|lets)\b",
    re.IGNORECASE,
)
_PRESENT_BEFORE = re.compile(r"(?:\b(?:run|use|type|try|with|execute)\s*:?)\s*$", re.IGNORECASE)
_TRAILING_PARTICLE = re.compile(r"(?:\s*(?:は|では|には|で|を|、|,|:|：))+$")


def rejects(after: str) -> bool:
    """Do the words after a command in a sentence say *not* to use it? Not words that start by
    saying what it keeps from happening (```systemctl disable x` don't start it at boot``)."""
    if _SAYS_WHAT_IT_STOPS.match(after) and not _REJECT.search(_SAYS_WHAT_IT_STOPS.sub("", after, count=1)):
        return False
    return bool(_REJECT.search(after))


# "don't start at boot", "never ask": a description of what the command keeps from happening,
# not "don't use it"
_SAYS_WHAT_IT_STOPS = re.compile(r"^\s*(?:don'?t|do not|never)\s+(?!(?:use|run|do|type|try|call|need)\b)(?=[a-z])", re.I)


def presents(after: str) -> bool:
    """Do the words after a command present it (``というコマンドで実行できる``) rather than describe it?"""
    return bool(re.match(r"^\s*(?:という|の)?\s*コマンド", after))


def presented_prompt(before: str, after: str) -> str:
    """The prompt of a command a sentence presents (its words before the command), or ""."""
    if rejects(after) or not (_PRESENT_AFTER.match(after) or _PRESENT_BEFORE.search(before)):
        return ""
    words = _PRESENT_BEFORE.sub("", before).replace("`", "").strip()
    return _TRAILING_PARTICLE.sub("", words).strip()


_QUOTES = {"'", '"'}


def split_trailing_comment(code: str) -> tuple[str, str]:
    """``curl http://x   # プロキシにアクセス`` → (``curl http://x``, ``プロキシにアクセス``): a ``#``
    after a blank, outside quotes, starts a comment as in the shell."""
    quote = ""
    for index, char in enumerate(code):
        if quote:
            if char == quote:
                quote = ""
        elif char in _QUOTES:
            quote = char
        elif (char == "#" and index and code[index - 1] in " \t\u3000") or (char == "＃" and index):
            return code[:index].rstrip(), clean_comment(code[index:])
    return code, ""


_HEREDOC = re.compile(r"<<-?\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\1")


def heredoc_tag(code: str) -> str:
    """``cat > x.yml <<EOL`` → ``EOL``: the line that ends the here-document, or ""."""
    match = _HEREDOC.search(code)
    return match.group(2) if match else ""


_PROGRAM_WORD = re.compile(r"^(?:\./|~/|/)?[a-z][a-z0-9._+/-]*$")
_HASH = re.compile(r"^(?=[0-9a-f]*\d)[0-9a-f]{7,}$")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def qualified(title: str, words: str) -> str:
    """Words under a title, in the notes' own script: ``ブランチの削除（ローカル）``, and
    ``Undo (discard changes)`` in English notes."""
    if not (title and words) or title == words:
        return words or title
    return f"{title}（{words}）" if _JAPANESE.search(title + words) else f"{title} ({words})"


def reads_as_command(code: str) -> bool:
    """A line of a shell block that reads as a command of a program no list knows
    (``streamlit run app.py``, ``./rke up``), not as output, YAML or prose."""
    words = code.split()
    if not words or not _PROGRAM_WORD.match(words[0]) or _HASH.match(words[0]):
        return False
    if words[0].endswith(":") or code.rstrip().endswith(":") or "   " in code.strip():
        return False
    return not _JAPANESE.search(words[0]) and not (len(words) > 1 and _JAPANESE.search(words[1]))


_ONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.+-]{0,15}$")


def is_one_name(text: str) -> bool:
    """A heading that is one name (``Pod``, ``add``, ``origin``): under a section, it narrows it."""
    return bool(_ONE_NAME.match(text.strip()))


_TOPIC = re.compile(
    r"(?:メモ|まとめ|概要|備忘録|チートシート|コマンド集|コマンドメモ|基本コマンド|コマンド一覧|コマンド|tips|memo|notes?|"
    r"cheat ?sheet|overview|summary|reference|リファレンス|commands?|commands? list|basics?|基本|snippets?|misc|cheat|"
    r"syntax|setup|usage|examples?|example workflow|構文|基本形|書式|使い方|始め方|やり方|使用例|(?:^|[ない])例|オプション)$",
    re.IGNORECASE,
)


# "…, run the below command:", "… Use the following command", "…するときのコマンド": a pointer at
# the block under a label, after the words that say what its command does
_POINTER = re.compile(
    r"(?:[\s.,;:!]+(?:(?:please|then|just)\s+)?(?:run|use|execute|type|try|enter)\s+(?:the\s+)?(?:below|following|next)"
    r"\s+commands?|(?<=[るすくぐむぶつうた])(?:とき|時|場合|ため)の?コマンド)\s*[:：]?$",
    re.IGNORECASE,
)


def without_pointer(text: str) -> str:
    """A label's words without a pointer at the command below it (``After changing the password
    run the below command`` → ``After changing the password``, ``ビルドするときのコマンド`` →
    ``ビルドする``); the label as it is when it has none, or nothing but it."""
    words = _POINTER.sub("", text.strip()).strip()
    return words if words and words != text.strip() and re.search(r"\w\w", words) else text


def is_topic(text: str) -> bool:
    """A heading naming a topic ("Dockerコマンドメモ", "概要"), not what a command does."""
    return bool(_TOPIC.search(text.strip()))


# "コンテナの操作", "ブランチ関連", "各種操作", "Docker Command Lines", "development workflow": a
# field of operations a section gathers, not what one of its lines does ("…を操作" is a verb's object)
_FIELD = re.compile(
    r"(?:(?<!を)操作|関連|コマンドライン)$|^各種|(?:^|\s)(?:command[- ]?lines?|workflow)$",
    re.IGNORECASE,
)


def is_field(text: str) -> bool:
    """A heading naming a field of operations ("コンテナの操作", "Command Lines"): alone over a
    line, no description of it."""
    return bool(_FIELD.search(text.strip()))


_ENUMERATION = re.compile(r"\s*(?:＆|&|、|・|,|，|/|／)\s*")


def enumeration(text: str) -> list[str]:
    """``コンテナの停止＆起動＆再起動＆削除`` → [停止, 起動, 再起動, 削除]: the steps a label lists."""
    return steps([p for p in _ENUMERATION.split(text.strip()) if p])


def steps(parts: list[str]) -> list[str]:
    """The parts of a label that lists steps, the first without the object they share
    (``コンテナの停止`` → 停止); [] for fewer than two."""
    if len(parts) < 2:
        return []
    head = re.match(r"^(.*?の)", parts[0])  # コンテナの停止 → 停止 (the shared object)
    if head and len(head.group(1)) < len(parts[0]):
        parts[0] = parts[0][len(head.group(1)) :]
    return parts
