"""A list of parallel entries right over a code block (a glossary ``- from: …``, ``- add ... …``,
or bare names ``* word.``) leads nothing: its last entry is one of them, not the block's label.
Steps or remarks keep their last line as the lead (``- 取り込む`` over ``git pull``)."""

from pathlib import Path

from dockquiz.notes import parse_notes
from dockquiz.notes.describe import is_entries
from dockquiz.notes.reader import _markdown
from dockquiz.notes.tree import build

SHAPES = Path(__file__).parent / "fixtures" / "shapes"


def _list(text: str):
    return next(n for n in build(_markdown().parse(text)).children if n.type.endswith("_list"))


def test_entries_are_glossaries_or_bare_names_not_steps():
    assert is_entries(_list("- src: 元のパス\n- dest: 先のパス\n"))
    assert is_entries(_list("- run ... 実行する\n- expose ... 公開する\n"))
    assert is_entries(_list("* number.\n* string.\n* function.\n"))
    assert not is_entries(_list("- src: 元のパス\n- 先のパスに送る\n"))  # one entry, one remark
    assert not is_entries(_list("* number.\n* function.\n"))  # two names: too few to say
    assert not is_entries(_list("- ダウンロード\n- 展開\n- 初期化\n"))  # steps
    assert not is_entries(_list("- 確認する\n"))


def test_no_entry_of_a_list_labels_the_block_under_it():
    notes = parse_notes((SHAPES / "entry-lists.md").read_text("utf-8"), deck="entry-lists")
    cards = [(d.prompt_ja, d.answer) for d in notes.drafts]
    prompts = [p for p, _ in cards]
    assert not any("コピー先" in p or "table" in p or "変更を記録する" in p for p in prompts)
    assert ("Shell (no startup files)", "zsh -f") in cards  # the heading, not "table"
    assert ("Shell (login shell)", "zsh -l") in cards
    assert ("取り込む", "git pull origin main") in cards  # a list of steps: its last line leads
    assert ("記録", "git commit -m msg") in cards
