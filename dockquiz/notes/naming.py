"""Which of several commands under one label the label names (#25).

A lead line, a label or a comment over a few steps often says the step by its command's own
word: ``Push it:`` over ``docker login`` and ``docker push``, ``イメージをビルドする`` over
``cd app`` and ``docker build``, ``List the pods`` over ``kubectl apply`` and ``kubectl get``.
That line is the one the label describes, whatever stands before it. Pure functions over
strings and the grammar's words for each command.
"""

from __future__ import annotations

import re

from dockquiz.notes.text import steps

# The katakana notes write for a command's own English word (イメージをビルドする: build).
# Verbs and the few nouns that are command words themselves (ログ: logs); not the objects
# commands act on (イメージ, コンテナ), which every line of a block may share.
KATAKANA = {
    "ビルド": ("build",),
    "プッシュ": ("push",),
    "プル": ("pull",),
    "ログイン": ("login",),
    "ログアウト": ("logout",),
    "ログ": ("logs", "log"),
    "コミット": ("commit",),
    "マージ": ("merge",),
    "リベース": ("rebase",),
    "クローン": ("clone",),
    "フェッチ": ("fetch",),
    "チェックアウト": ("checkout",),
    "スタッシュ": ("stash",),
    "インストール": ("install",),
    "アンインストール": ("uninstall",),
    "アップデート": ("update",),
    "アップグレード": ("upgrade",),
    "デプロイ": ("deploy",),
    "アタッチ": ("attach",),
    "リスタート": ("restart",),
    "プルーン": ("prune",),
    "エクスポート": ("export",),
    "インポート": ("import",),
    "リセット": ("reset",),
    "リバート": ("revert",),
    "リストア": ("restore",),
    "スイッチ": ("switch",),
    "アプライ": ("apply",),
    "スケール": ("scale",),
    "ロールアウト": ("rollout",),
    "ポートフォワード": ("port-forward",),
    "インスペクト": ("inspect",),
    "セーブ": ("save",),
    "ロード": ("load",),
    "キル": ("kill",),
    "ポーズ": ("pause",),
    "エグゼック": ("exec",),
    "チェリーピック": ("cherry-pick",),
    "バリデート": ("validate",),
}
_KATAKANA_RUN = re.compile(r"[\u30a0-\u30ff]+")
_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
_ENDINGS = ("ing", "es", "ed", "s")


def _stems(word: str) -> set[str]:
    """A word and the forms it may stand for (``Building`` → build, ``pushes`` → push)."""
    word = word.lower()
    out = {word}
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            out.add(word[: -len(ending)])
            if ending == "ing":
                out.add(word[: -len(ending)] + "e")  # "Removing" → remove
    return out


# where an English label says its verb: the start of each of its clauses ("Build and push the
# image", "Pause, resume or kill", "To list the pods", "How to build"), after a subject or an
# adverb at most; words elsewhere name objects ("the commit where tests fail": no commit)
_CLAUSE = re.compile(r"\s*(?:[,;&/]|\band\b|\bor\b|\bthen\b)\s*", re.IGNORECASE)
# verbs every kind of command is said with ("Get Pod Details" over kubectl get and kubectl describe)
_ANY_VERB = {"get", "show", "see", "check", "use", "do", "make"}
_BEFORE_VERB = re.compile(
    r"^(?:(?:how|in order)\s+)?(?:to\s+)?(?:(?:you|we|i)\s+(?:can\s+|should\s+|need\s+to\s+)?)?"
    r"(?:(?:first|then|finally|now|also|just|please|simply),?\s+)?",
    re.IGNORECASE,
)


_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z][A-Za-z0-9-]*(?![A-Za-z0-9_-])")


def label_words(label: str) -> set[str]:
    """The English command words a label says: the verb opening each of its clauses (and its
    stems), the command words its katakana writes (a run may hold several: ログイン, ビルド),
    and in Japanese words every Latin word (``最初に空commitをする``: the particles around it
    make it the verb or the object; an English sentence's words away from a clause's start
    name objects instead)."""
    words: set[str] = set()
    if _JAPANESE.search(label):
        for word in _LATIN_WORD.findall(label):
            words |= _stems(word)
    for clause in _CLAUSE.split(label):
        clause = _BEFORE_VERB.sub("", clause.strip())
        first = _ENGLISH_WORD.match(clause)
        if first and first.group().lower() not in _ANY_VERB:
            words |= _stems(first.group())
    for run in _KATAKANA_RUN.findall(label):
        at = 0
        while at < len(run):  # longest first: ログイン before ログ
            for size in range(len(run) - at, 0, -1):
                names = KATAKANA.get(run[at : at + size])
                if names:
                    words.update(names)
                    at += size
                    break
            else:
                at += 1
    return words


_JA_VERB = re.compile(r"([\u4e00-\u9fff\u30a0-\u30ff]{2,})(?:する|します)?$")  # "…コンテナを停止する": 停止


def _final_verb(words: str) -> str:
    """The verb ending Japanese words (``起動中のコンテナを停止する``: 停止); "" for none."""
    verb = _JA_VERB.search(re.sub(r"[。.!！）)]+$", "", (words or "").strip()))
    return verb.group(1) if verb else ""


def _names_program(label: str, program: str, grammar) -> bool:
    """Does a label write the name of a program that is no group (``resize2fs``, ``htop``; not
    ``docker``, whose name every line of its block shares)?"""
    group = grammar.scope((program,))
    if group is not None and not group.is_command:
        return False
    return program.lower() in {w.lower() for w in _LATIN_WORD.findall(label)}


def says(label: str, path: str, grammar, *, english: bool = False) -> int:
    """How a label names a command: 2 by the command's own last word (``Push it``: docker push;
    ``ビルド``: build), 1 by the verb ending both the label and the grammar's Japanese words for
    the command (``コンテナを削除する``: docker rm) or, with ``english`` (a label's short part:
    ``resume``), by the first word of the grammar's English words; 0 not at all. A program
    alone is no command word (``docker``), and a program no grammar knows has none."""
    words = path.split()
    if len(words) == 1 and grammar is not None and _names_program(label, words[0], grammar):
        return 2  # "resize2fs を実行" over df, resize2fs: a program of no subcommands, by its name
    scope = grammar.command(tuple(words)) if grammar is not None and len(words) > 1 else None
    if scope is None:
        return 0  # (its path's words may be values: ``cd api``)
    if words[-1].lower() in label_words(label):
        return 2
    verb = _final_verb(label)
    if verb and _final_verb(scope.ja or "") == verb:
        return 1
    first = _ENGLISH_WORD.match((scope.en or "").strip()) if english else None
    return int(bool(first) and bool(_stems(first.group()) & label_words(label)))


def named_step(label: str, paths: list[str], grammar=None, *, english: bool = False) -> str | None:
    """The one command path among ``paths`` the label names (``Push it`` over ``docker login``,
    ``docker push``: docker push), its own word before the grammar's verb; None when none is
    named, or more than one alike."""
    distinct = list(dict.fromkeys(paths))
    if len(distinct) < 2 or not label:
        return None
    scores = [says(label, path, grammar, english=english) for path in distinct]
    best = max(scores)
    return distinct[scores.index(best)] if best and scores.count(best) == 1 else None


# "A、B、または C", "Pause, resume or kill", "作成と削除", "起動または停止": the steps a label offers
_ALTERNATIVES = re.compile(
    r"\s*(?:＆|&|、|・|,|，|/|／)\s*(?:(?:または|もしくは|あるいは|又は|or|and)\s+)?"
    r"|\s*(?:または|もしくは|あるいは|又は)\s*"
    r"|\s+(?:or|and)\s+"
    r"|(?<=[\u4e00-\u9fff\u30a0-\u30ff])[とか](?=[\u4e00-\u9fff\u30a0-\u30ff])",
    re.IGNORECASE,
)


def alternatives(label: str) -> list[str]:
    """The steps or choices a label lists (``起動または停止`` → 起動, 停止; ``Pause, resume or
    kill a container`` → Pause, resume, kill a container); [] for one step."""
    return steps([p.strip() for p in _ALTERNATIVES.split(label.strip()) if p and p.strip()])


def paired_steps(parts: list[str], paths: list[str], grammar=None) -> dict[str, str] | None:
    """Each part of a label given to the one command it names (``起動または停止`` over ``docker
    stop``, ``docker start``: 停止 to stop, 起動 to start), when every part names one command of
    its own; None otherwise (the caller may pair them in order)."""
    distinct = list(dict.fromkeys(paths))
    out: dict[str, str] = {}
    for part in parts:
        path = named_step(part, distinct, grammar, english=True) if len(distinct) > 1 else None
        if path is None or path in out:
            return None
        out[path] = part
    if all(part.lower() == path.split()[-1].lower() for path, part in out.items()):
        return None  # "pull/fetch": the label only lists the commands' words, its parts tell nothing
    return out
