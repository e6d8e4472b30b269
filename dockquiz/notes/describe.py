"""Words around a command that may describe it: a lead line over a block, a line under it
pointing up, a blockquote's words, a flag defined in words."""

from __future__ import annotations

import re
from functools import lru_cache

from dockquiz.notes import lines as ln
from dockquiz.notes import text as tx
from dockquiz.notes.model import read_inline, segments, token_lines
from dockquiz.notes.tree import Node

COMMENTARY = re.compile(r"(?:です|ます|でした|ました|でしょう|ください)[。.!！]?$")


def joined(title: str, words: str) -> str:
    """A comment under a section: ``セクション（コメント）``."""
    return tx.qualified(title, words)


def lead_words(node, reads=None, *, lines: bool = False) -> str:
    """The words of a lead line over a code block: a one-line paragraph, or the last item of a
    list when it has nothing under it; "" when the block has none. With ``reads`` (does the
    grammar read this as a command?), a line may hold code that is no command (a path, a
    file name: ``To edit user git config (`~/.gitconfig`)``). With ``lines``, a paragraph of
    several lines leads by one of them (:func:`leading_line`)."""
    if node.type in ("bullet_list", "ordered_list") and node.children:
        if is_entries(node):
            return ""  # "- src: …" "- dest: …", "- number." "- function.": its last entry leads nothing
        item = node.children[-1]
        while (
            len(item.children) == 2
            and item.children[1].type in ("bullet_list", "ordered_list")
            and len(item.children[1].children) == 1
        ):
            item = item.children[1].children[0]  # "- 3-4 index.htmlを作る" / "  - nanoでの編集": the one item under it
        if len(item.children) == 2 and item.children[1].type in ("bullet_list", "ordered_list"):
            node = item.children[0]  # "- 起動" over notes on the block's flags: the item's own words
        elif len(item.children) != 1:
            return ""
        else:
            node = item.children[0]
    if node.type != "paragraph" or not node.children:
        return ""
    children = node.children[0].children
    if lines and len(token_lines(children)) > 1:
        children = leading_line(token_lines(children))
    codes = [c.content for c in children if c.type == "code_inline"]
    if len(token_lines(children)) != 1 or (codes and (reads is None or any(reads(code) for code in codes))):
        return ""
    text = read_inline(children).text.strip()
    if ln.command_shaped(text):
        return ""  # "nm -D --defined-only …": a command of its own no grammar reads, no lead
    if codes and not (_PURPOSE.match(text) or text.endswith((":", "："))):
        return ""  # a remark about a value ("`$?` で…が確認できる"), not a lead: only "To …", "…:" hold code
    asked = _QUESTION_FIRST.match(text) if len(text) > 80 else None
    if asked:  # "How to do a rollback? Like deployments, daemonsets, …": the question leads, the rest is an aside
        text = asked.group(1)
    if not text or "://" in text or len(text) > 80 or COMMENTARY.search(text):
        return ""  # "…方法があるようです。": a remark, not a label
    if _UP_OR_ON.match(text):
        return ""  # "⬆️ …", "-> …": about the block above, not a label of the one below
    text = tx.clean_heading(text.replace("`", "")).rstrip("。.:：")
    text = _RUN_IT.sub("", text)  # "To start the stack, run:": the purpose
    return ln.clean(text) if ln.clean(text) else ""  # "または", "例": no label; "もしくは、…": its words


_QUESTION_FIRST = re.compile(r"^([^?？。]{8,78}[?？])\s+\S")  # a question, then more words on its line


# "…, run:" at the end of a lead: the words before it say what for
_RUN_IT = re.compile(
    r"\s*[,、]\s*(?:just\s+)?(?:run|use|type|execute|do)(?:\s+(?:this|it|the following(?:\s+commands?)?))?$", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"(?:[。.!！?？]|です|ます|でした|ました)\s*$")


def leading_line(lines: list[list]) -> list:
    """The line of a paragraph of several that leads the block under it: the last one ending in
    ``:`` (``Convert the images:`` then an aside), else a first line of a few words over
    sentences that explain it (``標準入力からのビルド`` then ``…指定します。``); [] for none."""
    texts = [read_inline(line).text.strip() for line in lines]
    starts = [i == 0 or bool(_SENTENCE_END.search(texts[i - 1]) or texts[i - 1].endswith((":", "："))) for i in range(len(texts))]
    colon = [i for i, text in enumerate(texts) if text.endswith((":", "：")) and starts[i]]  # not a sentence's tail
    if colon:
        return lines[colon[-1]]
    first, rest = texts[0], texts[1:]
    if first and len(first) <= 40 and not _SENTENCE_END.search(first) and not first.endswith(("、", ",")):
        if all(_SENTENCE_END.search(text) for text in rest):
            return lines[0]
    return []


# "src: 転送元ファイル名", "run ... コンテナを実行する", "4 ... setuid": a term, a separator, its words
_ENTRY = re.compile(r"^([^\s:：]{1,30}(?:\s[^\s:：]{1,30})?)\s*(\.{3}|…|:|：|\s-\s|\s=\s)\s*\S")
_NAME = re.compile(r"^[A-Za-z][\w.+-]*(?:\s[A-Za-z][\w.+-]*)?\.?$")  # "rolebinding", "secret tls", "function."


def is_entries(node) -> bool:
    """Is a list a run of parallel entries (a glossary ``- src: …`` / ``- run ... …``, or three or
    more bare names ``- number.`` ``- function.``) rather than steps or remarks? Its last entry is
    one of them, no lead of the block under the list."""
    if len(node.children) < 2:
        return False
    firsts: list[str] = []
    for item in node.children:
        para = item.children[0] if item.children else None
        if para is None or para.type != "paragraph" or not para.children:
            return False
        lines = token_lines(para.children[0].children)
        firsts.append(read_inline(lines[0]).text.strip() if lines else "")
    entries = [_ENTRY.match(text) for text in firsts]
    if all(entries) and len({m.group(2).strip() for m in entries}) == 1:
        return True
    return len(firsts) >= 3 and all(_NAME.match(text) for text in firsts)


_PURPOSE = re.compile(r"^to\s+\w", re.IGNORECASE)  # "To check file `abc.txt` would be ignored"
_CARRIES_ON = re.compile(r"^で(?![はも])\s*([^`。.、,！!]+?)\s*(?:[。.、,！!]|$)")


def continuation_words(node) -> str:
    """The words of a line that carries on the sentence of the block above it (``で削除できる。``
    under ```` ```git stash drop``` ````): what that command does; "" for any other block."""
    if node is None or node.type != "paragraph" or not node.children:
        return ""
    lines = token_lines(node.children[0].children)
    match = _CARRIES_ON.match(read_inline(lines[0]).text.strip()) if lines else None
    words = ln.clean(match.group(1)) if match else ""
    return words if len(words) > 1 else ""


def first_sentence(words: str) -> str:
    """The first sentence of a description (``… area. Note that …`` → ``… area``)."""
    return re.split(r"(?<=[.。!！])\s+|(?<=。)", words, maxsplit=1)[0].rstrip("。.").strip()


_UP = re.compile(r"^\s*(?:⬆️?|↑|上記は?)\s*")  # words that point at the block above them


_UP_OR_ON = re.compile(r"^\s*(?:⬆️?|↑|->|→|=>)")


def pointing_up(node: Node | None) -> str:
    """The words of a one-line paragraph that points at the block above it (``⬆️ ログを表示する``);
    "" for any other block. Its first sentence, without the mark; a code span kept in backticks."""
    if node is None or node.type != "paragraph" or not node.children:
        return ""
    lines = token_lines(node.children[0].children)
    text = read_inline(lines[0]).text if lines else ""
    match = _UP.match(text)
    if not match or "以下" in text:
        return ""  # "上記は…。…場合は以下": it leads the block below
    words = first_sentence(ln.clean(text[match.end() :]))
    return words if len(words) <= 80 else ""


def quote_text(node: Node | None) -> str:
    """The words of a blockquote (``> 起動中のコンテナを表示``): an explanation of the line above."""
    if node is None or node.type != "blockquote":
        return ""
    para = next((c for c in node.children if c.type == "paragraph" and c.children), None)
    if para is None:
        return ""
    lines = token_lines(para.children[0].children)
    words = ln.clean(segments(lines[0])[0]) if len(lines) == 1 else ""
    return words if len(words) <= 80 else ""


_TEXT_FLAG = re.compile(  # "-d => …", "-n / --dry-run → …", "-d = delimiter"
    r"^\s*(--?[A-Za-z0-9][A-Za-z0-9_-]*(?:,?\s+--?[A-Za-z0-9][A-Za-z0-9_-]*)?)(?:\s+ou\s+|\s+or\s+|\s*/\s*)?(?:--?[A-Za-z0-9_-]+)?"
    r"(?:\s*(?:=>|->|→|:|：|\s-\s|\s=\s)\s*|\t+|\s{2,}|[\u00a0\u3000]+|\s(?=[\u3040-\u30ff\u3400-\u9fff]))(\S.*)$"
)


# "-f filter: 条件で絞り込む", "--format=string : …": the flag, the value it takes, then a separator
_TEXT_FLAG_VALUE = re.compile(
    r"^\s*(--?[A-Za-z0-9][\w-]*(?:,?\s+--?[A-Za-z0-9][\w-]*)?)[ =](?:<[^<>\s]+>|\[[^\]\s]+\]|[A-Za-z0-9_.|{}$-]+)"
    r"\s*(?:=>|->|→|:|：)\s*(\S.*)$"
)


def text_flag(text: str) -> tuple[str, str] | None:
    """``-d => run detached``, ``--name<TAB>Assign a name``: a flag and its description in words."""
    match = _TEXT_FLAG.match(text) or _TEXT_FLAG_VALUE.match(text)
    if not match or not ln.clean(match.group(2)):
        return None
    return match.group(1), ln.clean(match.group(2))


# Words that stand where a description would, but say no more than "run it" or "see elsewhere":
# "…、以下を実行" / "run the following command …" (a pointer to the block, with a condition at
# most), "…を参照" / "…でよい" / "…済み" (a pointer or a verdict), a fragment of a sentence cut
# at inline code ("との違い", "に戻る": it starts with a particle), an English remark
# ("Now, …", "Assuming …", "I had to …", "that are …": a narrative or a relative clause).
_REMARK_TAIL = re.compile(
    r"(?:(?:以下|下記|次)(?:の(?:コマンド|手順))?(?:を|で)?\s*(?:実行|run)(?:する|します|すれば(?:よい|いい)|してみる)?"
    r"|を参照(?:のこと)?|でよい|でいい|済み|(?:execute|run) (?:the )?following(?: commands?)?"
    r"|(?:みたいに|のように)書く|てから)[。.:：]?$",  # "↓ みたいに書く": how it is written; "…で調べてから": before what
    re.IGNORECASE,
)
_REMARK_HEAD = re.compile(
    r"^(?:(?:に|を|が|は|と|の|から|まで)(?![\u3040-\u309f]*$)"
    r"|(?:now|assuming|note(?: that)?|i (?:don't|didn't|had|have|think)|that (?:are|is|was|were|have|has)|if not|this should|"
    r"(?:you )?should (?:execute|run)|(?:execute|run) the following|with e\.?g|will also work|also works)\b"
    r"|[\[［【]?注意[\]］】:：]|注[)）]|※"  # "[注意]…", "注) …", "※…": a note on it, not what it does
    r"|(?:ex|e\.g\.|eg|例|例えば)[)）.:：]*$)",  # "ex）", "例）" alone: an example's mark, no words
    re.IGNORECASE,
)


def is_remark(prompt: str) -> bool:
    """Do a prompt's words only remark on a command (``root以外で下記実行``, ``lsof.mdを参照``,
    ``との違い``, ``Now, within this chroot``) instead of saying what it does?"""
    text = prompt.strip()
    return bool(_REMARK_TAIL.search(text) or _REMARK_HEAD.match(text))


_PAREN = re.compile(r"\s*[（(]([^（）()]*)[）)]")
_OTHER_SPELLING = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)[（(]--?[A-Za-z][\w-]*[）)]")
_FLAG_WORDS = re.compile(r"^(?:using|with|option|options|オプション|フラグ|flag)$", re.IGNORECASE)


def without_given_flags(prompt: str, answer: str) -> str:
    """A bracket of the prompt that only names flags of the answer (``整形せずに出力（-c）``,
    ``(using '-v(--volume)' option)``) gives the answer away: left out, the describing words stay."""
    flags = {w.split("=")[0] for w in answer.split() if w.startswith("-")}
    if not flags:
        return prompt

    def only_flags(match: re.Match) -> str:
        words = [w.strip("'\"`") for w in re.split(r"[\s、,/]+", match.group(1)) if w.strip("'\"`")]
        named = [w for w in words if w.startswith("-")]
        if named and {w.split("=")[0] for w in named} <= flags and all(w.startswith("-") or _FLAG_WORDS.match(w) for w in words):
            return ""
        return match.group(0)

    out = _OTHER_SPELLING.sub(r"\1", prompt)  # "-v(--volume)": the flag's other spelling
    for _ in range(3):  # nested: "整形せずに出力（-c）" inside "オプション（…）"
        kept = _PAREN.sub(only_flags, out)
        if kept == out:
            break
        out = kept
    return out.strip() if out.strip() else prompt


# an argument of a usage line: a flag, <name>, [name], {name}, or words naming a value (コンテナ名,
# 検索対象パス: no particle in them, unlike the words of a sentence)
_ARGUMENT = r"(?:[-<\[{\d]\S*|[\u30a0-\u30ff\u3400-\u9fff][^\sのをにがはでとも]*)"
_COMBINES = re.compile(r"(?:[+&]|\band\b|\bor\b|か|と)$", re.IGNORECASE)  # "git branch + git checkout": two commands
_ARGUMENTS_TO_END = re.compile(rf"(?:\s+{_ARGUMENT})+$")
_SHELL_PROMPT_LINE = re.compile(r"(?<!\S)\$\s+[^\u3040-\u30ff\u3400-\u9fff]+$")  # "…: $ cat a.txt | pbcopy"


@lru_cache(maxsize=4096)
def _command_written(path: str) -> re.Pattern:
    """The command path as written in words (``docker  stop``), not inside another word."""
    return re.compile(r"(?<![\w./$-])" + r"\s+".join(re.escape(word) for word in path.split()))


def _usage_start(text: str, path: str) -> int | None:
    """Where the command path, then arguments only to the end, start in ``text`` (the first
    such place), or None. The arguments' pattern is compiled once, each path's once: compiled
    together per path (one per command a notes file names, past re's own cache) they cost
    ~1 ms a card, most of the reader's time on real notes."""
    command = _command_written(path)
    found = command.search(text)
    while found:
        if _ARGUMENTS_TO_END.match(text, found.end()):
            return found.start()
        found = command.search(text, found.start() + 1)
    return None


def without_usage(prompt: str, path: str) -> str:
    """A prompt that writes the answer's command out at its end (``コンテナの停止 docker stop
    コンテナ名``, ``…: $ cat a.txt | pbcopy``) gives it away: the words before it stay ("" when
    none do). Written out: the program, its command words and arguments (flags, ``<name>``,
    words naming a value) to the end, after its command path (``path``), or a ``$ `` prompt and a command with no Japanese; a
    sentence naming it (``list docker images``) stays as it is."""
    if not path:
        return prompt
    text = prompt.rstrip(" .。")
    close = text[-1] if text.endswith(("）", ")")) else ""  # "見出し（ボリュームの削除 docker volume rm 名前）"
    text = text[: len(text) - len(close)]
    name = re.escape(path.split()[0])
    start = _usage_start(text, path)
    shell = _SHELL_PROMPT_LINE.search(text)
    if shell and re.search(rf"(?<![\w-]){name}(?![\w-])", shell.group(0)):
        start = shell.start()
    if start is None or start == 0 and not shell:
        return prompt if start is None else ""
    before = text[:start].rstrip(" \t:：,、　-—=").strip()
    if _COMBINES.search(before):
        return prompt
    if close and before.count("（") + before.count("(") > before.count("）") + before.count(")"):
        before = before.rstrip("（(").strip() if before.endswith(("（", "(")) else before + close
    return before if len(before) > 1 else ""
