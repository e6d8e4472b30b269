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
    r"(?:^|(?<=[/:：→>）)\]】」])|(?<=\t)|(?<=[\u00a0\u3000])|(?<=\s\s)|(?<=[\u3040-\u30ff\u3400-\u9fff]))"
    r"\s*(?:\$\s+)?(?=[a-z])"
)
_LEAD = re.compile(r"^(?:\s|=>|->|→|⇒|:|：|-|–|—|#|//|\||…|\.\.\.|、|,)+")
_PARTICLE_LEAD = re.compile(r"^(?:では|には|にて|で|を|は)(?=\S)")
_ALTERNATIVE = re.compile(r"^(?:OR|or|ou)\s+\S+\s*")  # "docker rm [id] OR [name] => …"
_EXAMPLE = re.compile(  # "例 ファイル名を…", "もしくは、…": the words after
    r"^(?:(?:例|一例|e\.?g\.?|ex\.?|example)\s*[:：)）]?\s+|(?:もしくは|または|あるいは)[、,]\s*)(?=\S)", re.IGNORECASE
)
_TO = re.compile(r"^(?:to|will|->)\s+", re.IGNORECASE)
_QUOTES = {"'": "'", '"': '"', "「": "」", "`": "`"}


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    code: str
    had_prompt: bool = False


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
        if end > start and _GAP.search(gap):
            break
        if token == "-" and not text[e:].strip():
            end = e  # `… | sudo bash -`: stdin, the last word
            continue
        if token in _ENDS or token.startswith("//") or (token.startswith("#") and end > start):
            break
        if token[0] == "(" and (has_japanese(token) or token.lower() in ("(or", "(e.g.", "(eg", "(ex", "(ex.")):
            break
        if token[0] in _QUOTES and not token.endswith(_QUOTES[token[0]]) or (token[0] in _QUOTES and len(token) == 1):
            quote = _QUOTES[token[0]]
            end = e
            continue
        if has_japanese(token):
            first = _JA.search(token).start()
            if first == 0 or token[0] in "<[{~'\"「(":
                if token[0] in "<[{~'\"「(" or (not _PARTICLE.match(token) and _VALUE_JA.search(token)):
                    end = e  # 作成するブランチ名, <ファイル名>: a value in words
                    continue
                break
            if _PARTICLE.match(token[first:]):  # ubuntu:tagで取得
                end = s + first
            break
        end = e
    return end


def text_commands(text: str, reads: Callable[[str], bool]) -> list[Found]:
    """The command a line of words holds (at most one), where a separator or the start puts it."""
    for match in _START.finditer(text):
        head = match.end()
        prompt = "$" in text[match.start() : head]
        end = command_end(text, head)
        code = text[head:end].rstrip(" 。、,，;")
        if len(code.split()) == 1 and (text[:head].strip(" $") or not alone_after(text[head + len(code) :])):
            continue  # one word inside a sentence (`history` で…): a name, not a command
        if code and reads(code):
            return [Found(head, head + len(code), code, prompt)]
    return []


def alone_after(rest: str) -> bool:
    """Nothing after a word, or a gap or separator: the word stands as a command."""
    return not rest.strip() or bool(_GAP.match(rest)) or rest.split()[0] in _ENDS


def is_label(words: str) -> bool:
    """A line of words that can label the commands under it (``Check current context:``,
    ``ブランチ一覧``), not a sentence of explanation."""
    if not words or len(words) > 60 or "://" in words:
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
