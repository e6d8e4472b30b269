"""One line of notes read as the grammar reads it, whatever block it stands in.

A command is a run of words a known program starts and the grammar reads (see
``Reader.reads``); the line's other words are its description. Where the command stops in a
line of prose: at a gap (a tab, ``&nbsp;``, two spaces), at a separator (``=>``, ``#``, ``//``,
`` - ``, `` : ``), at an aside (``(or <id>)``), or at Japanese words that describe rather than
name a value (``kubectl get ns で名前空間を一覧`` stops before ``で``; ``git checkout -b
作成するブランチ名`` keeps its value). Pure functions over strings; the reader supplies the test.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from dockquiz.notes import text as tx

_JA = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")
_GAP = re.compile(r"\t|[\u00a0\u3000]|\s{2,}")
_ENDS = {"OR", "ou", "=>", "->", "→", "⇒", "#", "//", "-", "–", "—", ":", "：", "…", "...", "＝>"}
# Japanese words that name a value the command takes (a placeholder written in words).
_VALUE_JA = re.compile(
    r"(?:名|ファイル|パス|ID|番号|ディレクトリ|フォルダ|タグ|URL|文字列|メッセージ|コメント|ハッシュ|値|内容|名前|"
    r"バージョン|ポート|アドレス|キー|コミット|ブランチ)[>」~～\]）)}'\"]*$"
)
_PARTICLE = re.compile(r"^(?:で|を|は|に|が|と|の|も|へ|や|から|まで|して|する|、|。)")
# Where a command may start: the line's start, or after a separator or a gap.
_START = re.compile(
    r"(?:^|(?<=^[a-h][.)])|(?<=[/:：→>）)\]】」])|(?<=\t)|(?<=[\u00a0\u3000])|(?<=\s\s)|(?<=[\u3040-\u30ff\u3400-\u9fff]))"
    r"\s*(?:\$\s+)?(?=[a-z])"
)
_LEAD = re.compile(r"^(?:\s|=>|->|→|⇒|:|：|-|–|—|#|//|\||…|\.\.\.|、|,)+")
_PARTICLE_LEAD = re.compile(r"^(?:では|には|にて|で|を|は)\s*(?=\S)")
_ALTERNATIVE = re.compile(r"^(?:OR|or|ou)\s+\S+\s*")  # "docker rm [id] OR [name] => …"
_EXAMPLE = re.compile(  # "例 ファイル名を…", "もしくは、…": the words after
    r"^(?:(?:例|一例|e\.?g\.?|ex\.?|example)\s*[:：)）]?\s+|(?:もしくは|または|あるいは)[、,]\s*)(?=\S)", re.IGNORECASE
)
_TO = re.compile(r"^(?:to|will|->)\s+", re.IGNORECASE)
_QUOTES = {"'": "'", '"': '"', "「": "」", "`": "`"}
_BRACKETED = re.compile(r"[(<\[{][^()<>\[\]{}]*[)>\]}]|\"[^\"]*\"|'[^']*'")
_SENTENCE_END = re.compile(r"(?<=[A-Za-z0-9>\]])\.$")  # "1. docker pull mysql:tag.": the sentence's full stop
_FLAG_WORD = re.compile(r"^\[?--?[A-Za-z][\w-]*(?:=\S*)?\]?$")  # "<name>  -n <ns>", "<pod>  [--previous]": it goes on
_IN_PATH = re.compile(r"(?:^|\s)[~.]{0,2}/\S*/$")  # a path written up to here ("/etc/init.d/")
_OPENS_VALUE = re.compile(r"^--?[\w-]+[=:][^\"']*([\"'])")  # a flag whose value opens a quote
_ANGLED = re.compile(r"^<[^<>\s]+>$")  # a placeholder: a value the command takes
_SMART_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


_ARROW_LATER = re.compile(r"^(?:(?!\s\s)[^\t\u00a0\u3000\u3040-\u30ff\u3400-\u9fff])+?\s(?:=>|->|→|⇒)\s+\S")


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    code: str
    had_prompt: bool = False
    span: bool = False  # written as inline code (not found among words)


def has_japanese(text: str) -> bool:
    return bool(_JA.search(text))


def command_end(text: str, start: int) -> int:
    """Where the command starting at ``start`` ends in a line of prose."""
    end = start
    quote = ""
    for match in re.finditer(r"\S+", text[start:]):
        s, e = start + match.start(), start + match.end()
        token = match.group()
        gap = text[end:s]
        if quote:
            end = e
            if token.endswith(quote):
                quote = ""
            continue
        goes_on = _FLAG_WORD.match(token) or _ANGLED.match(token)  # "-n <ns>", "git rebase  <ブランチ名>"
        if end > start and _GAP.search(gap) and not (goes_on and "\t" not in gap and "\u3000" not in gap):
            if not (" " in gap and _ARROW_LATER.match(text[s:])):
                break  # (not "docker run -dti  ubuntu => …": the author's separator is the arrow)
        if token == "-" and not text[e:].strip():
            end = e  # `… | sudo bash -`: stdin, the last word
            continue
        if token in _ENDS or token.startswith("//") or (token.startswith("#") and end > start):
            break
        if token[0] == "(" and token.endswith(")") and has_japanese(token) and _VALUE_JA.search(token):
            end = e  # docker rm (コンテナ名): a value in words, the learner's to fill
            continue
        if token[0] == "(" and (has_japanese(token) or token.lower() in ("(or", "(e.g.", "(eg", "(ex", "(ex.")):
            break
        if token[0] in _QUOTES and not token.endswith(_QUOTES[token[0]]) or (token[0] in _QUOTES and len(token) == 1):
            quote = _QUOTES[token[0]]
            end = e
            continue
        opened = _OPENS_VALUE.match(token)
        if opened and token.count(opened.group(1)) % 2:  # --format="%h - %s": a value quoted after its flag
            quote = opened.group(1)
            end = e
            continue
        if has_japanese(token) and not has_japanese(_BRACKETED.sub("", token)) and token[0] not in "<[{(":
            end = e  # --port=(port番号), origin/<ブランチ名>: values in words, in brackets
            continue
        if has_japanese(token):
            first = _JA.search(token).start()
            if first == 0 or token[0] in "<[{~'\"「(" or (first == 1 and token[0] in ":@"):  # (git push origin :タグ名)
                if token[0] in "<[{~'\"「(" or (not _PARTICLE.match(token) and _VALUE_JA.search(token)):
                    end = e  # 作成するブランチ名, <ファイル名>: a value in words
                    continue
                break
            if _PARTICLE.match(token[first:]):  # ubuntu:tagで取得
                end = s + first
            break
        end = e
    return end


def text_commands(text: str, reads: Callable[[str], bool], known: Callable[[str], bool] | None = None) -> list[Found]:
    """The command a line of words holds (at most one), where a separator or the start puts it.
    ``known``: does the grammar read it as one of its commands (then ``git stash list: 一覧``
    is ``git stash list``, its words after the colon)."""
    text = text.translate(_SMART_QUOTES)  # git commit -m”メッセージ”: a word processor's quotes (same length)
    for match in _START.finditer(text):
        head = match.end()
        if _IN_PATH.search(text[:head]):
            continue  # "/etc/init.d/ssh start": a path's last part, not a command of its own
        prompt = "$" in text[match.start() : head]
        end = command_end(text, head)
        code = _SENTENCE_END.sub("", text[head:end].rstrip(" 。、,，;"))
        if code.endswith(")") and code.count(")") > code.count("(") and text[:head].count("(") > text[:head].count(")"):
            code = code[:-1].rstrip()  # "(… git checkout -- .)": the aside's bracket closes after it
        if len(code.split()) == 1 and (text[:head].strip(" $") or not alone_after(text[head + len(code) :])):
            continue  # one word inside a sentence (`history` で…): a name, not a command
        named = _NAMED.match(text[head:])
        if named and known is not None and known(named.group(1)):
            return [Found(head, head + len(named.group(1)), named.group(1), prompt)]
        if code and reads(code):
            return [Found(head, head + len(code), code, prompt)]
    return []


# "git stash list: 一覧を見る", "docker ps：コンテナ一覧": a command's words, a colon, its description
_NAMED = re.compile(r"^([a-z][\w.-]*(?:\s+[\w.-]+)+?)(?::(?=\s|$)|：)")


def alone_after(rest: str) -> bool:
    """Nothing after a word, or a gap or separator: the word stands as a command."""
    return not rest.strip() or bool(_GAP.match(rest)) or rest.split()[0] in _ENDS


_SHEBANG = re.compile(r"^#?!/")
_PROGRAM_WORD = re.compile(r"^[a-z][a-z0-9._+-]*$")
_FLAG_OR_SETTING = re.compile(r"^(?:--?[A-Za-z0-9][\w-]*(?:=\S*)?|[A-Za-z_][\w.-]*=\S+)$")
_PLAIN = re.compile(r"^[A-Za-z]+[,.]?$")


def command_shaped(line: str) -> bool:
    """Is a line written as a command line rather than words about one, though no grammar
    reads it: a shebang (``#!/bin/bash``), ``sudo`` and a word, or a lower-case program word with
    a flag or a ``key=value`` among the next two words (``nm -D …``, ``bash --version``, ``dd
    if=…``, ``alias k=kubectl``)? Not with Japanese in it, nor when three plain words run on as
    a sentence does (``use -f to force the removal``). Such a line is a command of its own:
    never the label, lead or comment of the command next to it."""
    text = line.strip()
    if _SHEBANG.match(text):
        return True
    parts = text.split()
    if len(parts) < 2 or has_japanese(text) or not _PROGRAM_WORD.match(parts[0]):
        return False
    if any(all(_PLAIN.match(p) for p in parts[i : i + 3]) for i in range(1, len(parts) - 2)):
        return False  # a sentence runs on
    return parts[0] == "sudo" or any(_FLAG_OR_SETTING.match(p) for p in parts[1:3])


_FUNCTION_WORDS = frozenset("a an the to of for into onto from it its this that these those your my our".split())


def reads_as_words(line: str) -> bool:
    """Is a line that a grammar could read as a command (``make`` and its targets) words of
    English all the same: lower-case plain words only, no flag, path or value, and a function
    word among them (``make a new key``, ``copy it to the server``)? ``git push origin main``
    is not: a command put aside."""
    parts = line.strip().split()
    return (
        len(parts) >= 3
        and all(_PLAIN.match(p) for p in parts)
        and any(p.lower().strip(",.") in _FUNCTION_WORDS for p in parts[1:])
    )


def is_label(words: str) -> bool:
    """A line of words that can label the commands under it (``Check current context:``,
    ``ブランチ一覧``), not a sentence of explanation, nor a command line of its own."""
    if not words or len(words) > 60 or "://" in words or command_shaped(words):
        return False
    return len(words.split()) <= 10 or has_japanese(words)


def clean(words: str) -> str:
    """A command's describing words: without the separators and particles that tie them to it."""
    words = _LEAD.sub("", _ALTERNATIVE.sub("", _EXAMPLE.sub("", words.strip())))
    words = _PARTICLE_LEAD.sub("", words)
    words = _TO.sub("", words)
    words = re.sub(r"\s*[(（][^)）]*$", "", words.strip())  # an aside left open: "( to send"
    words = words.strip().rstrip(":：、,，。.→/／ ")
    words = re.sub(r"^\((.*)\)$", r"\1", words).strip()
    words = re.sub(r"^（(.*)）$", r"\1", words).strip()
    if _GENERIC.match(words):
        return ""  # "(EX)", "入力例", "または": no description
    return words if len(re.sub(r"[\W_]", "", words)) >= 2 else ""


_GENERIC = re.compile(
    r"^(?:ex|e\.?g\.?|eg|example|examples|sample|usage|syntax|format|or|alternatively|例|一例|入力例|実行例|使用例|"
    r"基本形|書式|構文|または|もしくは|あるいは|又は|など|options?|オプション|引数)[.:：]?$",
    re.IGNORECASE,
)
# Words after a command that make it the subject of a remark, not a description of what it
# does: "`brew cask install` がうまく通らない場合は", "`docker run x` とかで…".
_SUBJECT = re.compile(r"^\s*(?:が|は|も|とか|など|の|や|と)")


def is_remark(after: str) -> bool:
    return bool(_SUBJECT.match(after))


def own_words(text: str, found: list[Found], index: int) -> str | None:
    """The describing words of the ``index``-th command a line of prose holds: the words on its
    line after it (else before it), ``""`` when it stands bare, None when it is no card of its
    own (a command named inside a sentence about something else, a remark about it, a paragraph
    of explanation)."""
    f = found[index]
    first = index == 0
    after = text[f.end : found[index + 1].start if index + 1 < len(found) else len(text)]
    before = text[found[index - 1].end if index else 0 : f.start]
    if first and before.lstrip().startswith(("(", "（")) and after.strip(" 。.") in (")", "）"):
        before, after = before.lstrip()[1:], ""  # "(…の対処法 git pull --no-edit)": a line in brackets, read inside them
    if _turns_down(after) or _WARNED_OFF.search(before):
        return None  # "`X` は使わない", "never run `X`": quoted as wrong, no card
    if (not first and before.strip() in _JOINED) or _ABOUT_ANOTHER.match(after):
        return None  # "`X` と `Y` を同時にやってくれる", "`X` で ID を確かめてから止める": about something else
    wanted = _WANTED.match(before) if first and not after.strip(" )）。.") else None
    if wanted and has_japanese(wanted.group(1)) and not _POINTS_BACK.search(wanted.group(1)):
        return clean(wanted.group(1))  # "(変更を全て破棄する場合は git checkout -- .)": what it is for
    presented = tx.presented_prompt(before, after) if first else ""
    if _PRONOUN.match(presented):
        return None  # "これらは `X` で確認できる": about the lines above
    around = _said_around(before, after) or (_said_before(before, after) if first and f.span else "")
    if not around and f.span and len(f.code.split()) >= 2:
        around = (_defined(before, after) if first else "") or _subject_does(before, after)
    if around:
        own = around
    elif not presented and not _opens_clause(before, first=first):
        own = _label_before(before, after) if first and f.span else ""
        if not own:
            return None  # a command named inside a sentence about something else
    elif presented or tx.presents(after):  # "… というコマンドで実行できる": words before it, or none
        own = presented
        if _CONDITION.search(own):
            return None  # "できたら `X` で確認": when, not what it does
    elif is_remark(after) or _SENTENCE_GOES_ON.match(after):
        return None  # "`brew cask install` がうまく通らない場合は", "`git pull`ではなく": a remark about it
    elif _USES.match(after):
        own = ""  # "`X` を使います": the label above says what for
    else:
        own = clean(after) or (clean(before) if first else "")
    if len(own) > 80 and first and not before.strip(" $") and _ARROW.match(after):
        from dockquiz.notes.describe import first_sentence

        own = first_sentence(own)  # "git reset HEAD~2 => resets the HEAD pointer … and keeps …"
    if len(own) > (140 if _ARROW.match(after) else 80) or (len(f.code.split()) == 1 and not own):
        return None  # a paragraph of explanation, or a program's name alone
    if command_shaped(own):
        return None  # "rpm -qa | grep x | xargs yum -y remove": the rest of a command line, no words
    return own


# "(変更を全て破棄する場合は `X`)", "全部消したい時は X": the case the command is for, then it ends the line
_WANTED = re.compile(r"^\s*[(（]?\s*([^、。()（）]{2,40}?)(?:場合|とき|時)(?:は|には|に)?[、,]?\s*$")
# a command joined to the one before it ("`X` と `Y` を…", "`X`、`Y`"): the words are both's, or another's
_JOINED = {"と", "や", "とか", "、", ",", "and", "or", "&"}
# words after a command that go on to another step or thing: "で ID を確かめてから止める" (a step before
# another), "で起動したものを…" (what it made is the subject)
_ABOUT_ANOTHER = re.compile(
    r"^\s*(?:で|を使って|を実行して)[^、。]*?(?:てから|た(?:後|あと)|(?:した|する)(?:もの|こと|とき|時|場合))"
    # "`X` を実行した際に…", "`X` 時に…", "`X`コマンドを実行したときに…": what happens when it runs
    r"|^\s*(?:コマンド)?\s*(?:を\s*)?(?:(?:実行|使用|利用)?(?:した|する))?\s*(?:時|とき|際)(?:に|は|、|,|\s)"
    # "`X` で指定したディレクトリ", "`X` で作成したイメージを…": a thing it made or named is the subject
    r"|^\s*(?:で|を使って)[^、。]*?した[\u4e00-\u9fff\u30a0-\u30ff]"
)
# words before a command that only say when ("できたら", "終わったら", "その後"), not what it does
_CONDITION = re.compile(r"(?:たら|れば|えば|(?:その|の)(?:後|あと)|次に|最後に|まず)$")
# "`X` を使います", "`X` を実行する": the line only says to use it
_USES = re.compile(
    r"^\s*を\s*(?:使(?:う|います|いましょう|用する|用します)|利用(?:する|します)|実行(?:する|します))[。.!！]?\s*$"
)
# "never run `X`", "Don't use `X`", "avoid running `X`": the command right after is quoted as wrong
_WARNED_OFF = re.compile(
    r"\b(?:never|don'?t|do not|avoid|shouldn'?t|should not|must not|mustn'?t)(?:\s+[A-Za-z-]+){0,2}\s*$", re.IGNORECASE
)
_ARROW = re.compile(r"^\s*(?:=>|->|→|⇒)\s")  # "cmd => what it does": the line's own description
# a description's separator after a command: "=>", ":", " - ", a gap
_DESCRIBED = re.compile(r"^\s*(?:=>|->|→|⇒|[:：]|-\s|–\s|—\s)\s*|^(?:\t|[\u00a0\u3000]|\s{2,})\s*")
_TURNED_DOWN_LEAD = re.compile(
    r"^(?:do not|don'?t|never|avoid|deprecated|not recommended|no need|NG\b|非推奨|禁止|使わない|使用しない)", re.I
)
_TURNED_DOWN_END = re.compile(
    r"(?:非推奨|禁止|使わない|使いません|使用しない|ダメ|だめ|NG|不要|必要(?:は|が)?(?:ない|ありません)"
    r"|deprecated|not recommended)(?:です|でした)?[)）。.!！]*$",
    re.I,
)


def _turns_down(after: str) -> bool:
    """Do the words after a command say not to use it? After a description's separator
    (``=> lists the branches not merged yet``) only a description that starts or ends by
    turning it down (``=> don't use it``, ``: 古い書き方なので非推奨``) does; a sentence going on
    from the command (``` `X` は使わない ```) does wherever it says so."""
    described = _DESCRIBED.match(after)
    if described is None:
        return tx.rejects(after)
    desc = re.split(r"(?<=[。.!！])\s*", after[described.end() :].strip(), maxsplit=1)[0]
    return bool(_TURNED_DOWN_LEAD.match(desc) or _TURNED_DOWN_END.search(desc))


# words after a command that carry a sentence on about it ("`git pull`ではなく`git clone`することで、…")
_SENTENCE_GOES_ON = re.compile(
    r"^\s*(?:ではなく|じゃなく|することで|すれば|すると|された|でもOK|もOK|でも|しても|なので|だと|だけだと)"
)
_GAP_END = re.compile(r"(?:\t|[\u00a0\u3000]|\s{2,})$")


def _opens_clause(before: str, *, first: bool) -> bool:
    """Does a command stand where a clause starts: at the line's start (after ``$``, a bullet's
    marks), after a describing label and a separator (``今の状態を見たい時/``, ``一覧: ``), or, for
    a later command of the line, after a short joint (``…で起動して、``)?"""
    words = before.strip(" $\u00a0\u3000")
    if not words or (first and _STEP_MARK.fullmatch(words)):
        return True  # (a lettered step under a numbered one: "a. kubectl drain NODE")
    joint = words.endswith(_JOINTS) and not _POINTS_BACK.search(words)  # not "このコマンドを利用して、"
    if first:  # (or after a step's joint: "設定ファイルを作って、`X`でPodを作る")
        return words[-1] in ":：/／→>=)）】」" or bool(_GAP_END.search(before)) or joint
    return len(words) <= 14 or (len(words) <= 30 and joint)


_STEP_MARK = re.compile(r"[a-h][.)]")  # "a.", "b)": a step's letter
_JOINTS = ("て、", "てから、", "て,")  # "…を探して、`X`で接続する": a step's clause ends, the next begins
_POINTS_BACK = re.compile(r"この|その|これ|それ|上記|前述")  # words about what came before: an aside


# "Use `X` to …", "you can run `X` to …": the purpose after it
_USE = re.compile(r"(?:^|\b)(?:use|run|type|try|execute|enter)(?:\s+the\s+command)?\s*:?\s*$", re.IGNORECASE)
_PURPOSE = re.compile(r"^\s*(?:,\s*)?(?:to|in order to)\s+(\S.*)$", re.IGNORECASE)
# "…、落ちる前のログは `X` で見る": the clause's topic, then what the command does with it
_TOPIC_END = re.compile(r"(?:には|では|なら|は|を)\s*$")
_BY_IT = re.compile(r"^\s*(?:で|を使って|を使えば|を実行して|を実行すると|を叩いて)\s*([^\s、。,.]+)")
# a describing label right before the command at the end of its line ("2. ラベルで絞り込む `X`")
_OPEN_END = re.compile(
    r"(?:[はがをにでとものへや、,]|という|って|\b(?:the|a|an|to|of|and|or|is|are|be|by|in|on|for|from))\s*$", re.IGNORECASE
)


_PRONOUN = re.compile(r"^(?:これ|それ|あれ|こちら|そちら|ここ|そこ)(?:ら|ら全部|らの)?$")  # "これらは `X` で確認できる"


def _said_around(before: str, after: str) -> str:
    """Words of the same clause that say what a command inside a sentence does: the purpose of
    "use `X` to …"; "<topic>は `X` で<verb>" as "<topic>を<verb>"; else ""."""
    purpose = _PURPOSE.match(after)
    if purpose and _USE.search(before):
        from dockquiz.notes.describe import first_sentence

        return clean(first_sentence(purpose.group(1)))
    clause = re.split(r"[、。,;；]\s*|\.\s+", before)[-1]
    topic = _TOPIC_END.search(clause)
    does = _BY_IT.match(after)
    if topic and does and has_japanese(clause):
        noun = clause[: topic.start()].strip()
        verb = does.group(1)
        if noun and verb and len(noun) <= 30 and not _PRONOUN.match(noun):
            return clean(f"{noun}を{verb}")
    return ""


# "Verify that it works by running `X`", "Initialise with `X`": what the command does, said before it
_BY_RUNNING = re.compile(
    r"^(?P<does>.*?\w.*?)\s*,?\s+(?:by\s+(?:running|using|typing|executing)|with|using|via)(?:\s+the\s+command)?\s*:?\s*$",
    re.IGNORECASE,
)
_THIS_DOES = re.compile(r"^\s*[.。]\s*(?:This|It)\s+([a-z]+s\b[^.]*)", re.IGNORECASE)  # "Run `X`. This sets …"
_TOPIC_BEFORE = re.compile(r"^(?P<does>[^、。]{2,40}?)(?:には|は)[、,]\s*$")  # "git revert の取り消しは、`X`"


def _said_before(before: str, after: str) -> str:
    """Words of the sentence that say what a command in inline code does when they stand
    before it and nothing follows it but the sentence's end (``Verify that it works by running
    `X```, ``git revert の取り消しは、`X```), or the next sentence when it says what it does (``Run
    `X`. This sets zsh as the login shell.``); else ""."""
    this = _THIS_DOES.match(after)
    if this and _USE.search(before):
        return clean(this.group(1)[:1].upper() + this.group(1)[1:])
    if after.strip(" 。.!"):
        return ""
    clause = re.split(r"(?<=[。.!?])\s+", before.strip())[-1]
    english = _BY_RUNNING.match(clause)
    if english and not has_japanese(clause):
        words = clean(english.group("does"))
        return "" if tx.is_qualifier(words) or len(words) > 80 or len(words.split()) < 1 else words
    topic = _TOPIC_BEFORE.match(clause)
    if topic and has_japanese(clause) and not _PRONOUN.match(topic.group("does").strip()):
        return clean(topic.group("does"))
    return ""


# "`git merge`は作業ツリーに統合すること。": the command opens the sentence, its topic, and the
# sentence's first clause says what it does, ending in a verb of doing (…すること, …を作ること, …します)
_DEFINED = re.compile(
    r"^\s*は[、,\s]*(?P<does>[^、。]{2,60}?(?:[うくぐすつぬぶむる](?=こと)|する|させる|ます))"
    r"(?:こと)?(?:です)?(?:が|けど)?\s*(?:[、。.,]|$)"
)


def _defined(before: str, after: str) -> str:
    """What a command in inline code that opens a Japanese sentence as its topic does, when the
    sentence's first clause says so ("`X` はfetchしてmergeすること。"); else "" ("`X` は地味に
    強力で", "`X` は以下の操作と同義": a remark about it)."""
    if before.strip(" $\u00a0\u3000"):
        return ""
    defined = _DEFINED.match(re.sub(r"[（(][^）)]*[）)]", "", after))
    if defined is None or _POINTS_BACK.search(defined.group("does")):
        return ""
    return clean(defined.group("does"))


# "When there is a conflict, `X` shows the files …": an English sentence's subject, its verb next
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s*)(?:(?:when|if|once|after|before|while)\b[^,.;:]{2,60},\s*)?$", re.IGNORECASE)
_DOES = re.compile(r"^\s+(?!(?:is|was|has|does|means|needs|works|fails|seems|looks|gets)\b)[a-z]{2,}s\s+\w")


def _subject_does(before: str, after: str) -> str:
    """What a command in inline code that is an English sentence's subject does, when its verb
    follows it (``When a merge stops, `git rerere status` shows the files left``): the
    predicate's first sentence; else "" (``Note that `X` removes …`` is an aside)."""
    if has_japanese(before + after) or not _SENTENCE_START.search(before.strip(" $\u00a0\u3000")) or not _DOES.match(after):
        return ""
    from dockquiz.notes.describe import first_sentence

    words = clean(first_sentence(after.strip()))
    return words if len(words) <= 80 else ""


def _label_before(before: str, after: str) -> str:
    """A describing label just before a command in inline code that ends its line
    (``2. ラベルで絞り込む `X```)."""
    before = before.rstrip(" $-–—=>")
    if after.strip(" 。.") or "。" in before or _OPEN_END.search(before) or _USE.search(before):
        return ""
    words = clean(before)
    return words if is_label(words) and len(words) <= 40 else ""


# what a flag in inline code does, said around it in a sentence
_FLAG_DOES = re.compile(  # "`-d` オプションで…", "`-f`を付けると…", "`--soft`は…オプション"
    r"^\s*(?:オプション|option|フラグ|flag)?\s*(で|を(?:付け|つけ|指定|使)[^、。]{0,6}?(?:と|ば|て|たら)[、,]?|は|とすると|にすると)\s*(\S[^。]*)",
    re.IGNORECASE,
)
_FLAG_WANTED = re.compile(
    r"(?:^|[、。])\s*([^、。]{2,40}?)(?:場合|とき|時|なら|には|のは)[はに]?[、,]?\s*$"
)  # "…したい場合、`-td`"
_FLAG_USED = re.compile(r"^\s*(?:オプション|フラグ)?\s*(?:を(?:使用|使|付け|つけ|指定)|[。.]?\s*$)")
_FLAG_EN = re.compile(r"(?:^|\b)(?:pass|add|use|append)\s*(?:the\s*)?$", re.IGNORECASE)
_TRAILING_OPTION = re.compile(r"(?:する|な|の)?\s*(?:オプション|option|flag|フラグ)(?:です|だ)?\s*$", re.IGNORECASE)


_NAMED_OPTION = re.compile(r"^\s*(?:オプション|option|フラグ|flag)\s*は", re.IGNORECASE)
# a flag without code opening a line of words: "-aで…", "→ --no-edit オプションは…"
_PLAIN_FLAG = re.compile(r"^[\s*・→⇒]*(--?[A-Za-z][A-Za-z0-9_-]*)(?=\s*(?:オプション|フラグ)|[\u3040-\u30ff\u3400-\u9fff])")


def flags_in_plain_words(text: str) -> list[tuple[str, str]]:
    """A flag written without code at the start of a line of words (``-aで止まったものも表示``,
    ``--no-edit オプションは…``), read as :func:`flags_in_words` reads one in code."""
    match = _PLAIN_FLAG.match(text)
    return flags_in_words(text, [(match.start(1), match.end(1), match.group(1))]) if match else []


def flags_in_words(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """Flags in inline code that a sentence describes: "`-d` オプションでバックグラウンド実行",
    "`--soft`は変更を残すオプション", "…したい場合、`-td`オプションを使用する", "Pass `--repo
    <PATH>` to work elsewhere". Returns (flag as written, its words)."""
    out: list[tuple[str, str]] = []
    for index, (start, end, content) in enumerate(spans):
        flag = content.strip()
        if not tx.is_flag(flag):
            continue
        before = text[spans[index - 1][1] if index else 0 : start]
        after = text[end : spans[index + 1][0] if index + 1 < len(spans) else len(text)]
        words = ""
        does = _FLAG_DOES.match(after)
        wanted = _FLAG_WANTED.search(before)
        purpose = _PURPOSE.match(after)
        opens = not re.search(r"\w", re.sub(r"^[\s*・\-、。→⇒]+", "", before.split("。")[-1])) if index == 0 else False
        named = _NAMED_OPTION.match(after)  # "`--soft`オプションは…": named as an option, then what it does
        if does and opens and (does.group(1) != "は" or named or _TRAILING_OPTION.search(does.group(2))):
            words = _TRAILING_OPTION.sub("", does.group(2)).strip()  # "`-p` はよく使う": about it, no card
        elif wanted and _FLAG_USED.match(after):
            words = wanted.group(1)
        elif purpose and _FLAG_EN.search(before):
            words = purpose.group(1).split(". ")[0]
        words = clean(words)
        if words and len(words) <= 60:
            out.append((flag, words))
    return out


SENTENCE_WORDS = set(
    "is are was were the an of and to for that this it you can will a all which then with from its your be if when"
    " into but not both either or".split()
)  # the words of an English sentence, seldom a command's


def is_sentence(code: str) -> bool:
    """A line of English words that starts with a command's words (``git reset hard throws away
    all the changes of the working tree``, ``docker stop NAME sends a signal to the process``):
    three words or more of a sentence, outside quotes, among six words or more with no flag."""
    if "'" in code or '"' in code:
        return False
    words = code.replace("`", "").split()
    if len(words) < 4 or words[0] in ("echo", "printf") or any(w.startswith("-") for w in words):
        return False  # echo's words are its arguments
    if any(c in code for c in "|;&<>$=/"):
        return False
    return sum(w.lower().strip(",.:") in SENTENCE_WORDS for w in words[1:]) >= (3 if len(words) >= 6 else 2)
