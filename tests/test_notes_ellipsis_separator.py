"""Three dots between a term and its words (``- `-type d` ... ディレクトリだけ``, ``- `-o`オプション
... 左右どちらかの条件``): a separator, as ``:`` or `` - `` are. Made-up notes (issue #25)."""

from dockquiz.notes import parse_notes

NOTES = """\
# find

```
find . -type f -name "*.log"
```

- `-type d` ... ディレクトリだけを探す
- `-type f` … 普通のファイルだけを探す
- `-o`オプション ... 左右どちらかの条件に合えば真
- `docker ps -a` ... 止まったコンテナも含めて一覧する
"""


def test_three_dots_part_a_flag_or_a_command_from_its_words():
    drafts = parse_notes(NOTES).drafts
    options = [(d.source_line, d.prompt_ja, d.answer) for d in drafts if d.kind == "option"]
    assert options == [
        (7, "ディレクトリだけを探す", "-type d"),
        (8, "普通のファイルだけを探す", "-type f"),
        (9, "左右どちらかの条件に合えば真", "-o"),
    ]
    assert all(d.command.startswith("find") for d in drafts if d.kind == "option")
    commands = [(d.source_line, d.prompt_ja, d.answer) for d in drafts if d.kind == "command"]
    assert commands == [(10, "止まったコンテナも含めて一覧する", "docker ps -a")]


def test_dots_inside_words_part_nothing():
    text = "# Notes\n\n- `docker ps` lists them... and more\n"
    assert [d.prompt_ja for d in parse_notes(text).drafts if d.kind == "command"] != ["and more"]


def test_a_key_that_spells_a_programs_alias_is_no_command():
    keys = "# top\n\n### keys\n- **`k`** … send a signal to a process\n- **`q`** … quit\n\n"
    text = keys + "### jobs\n- `fg` … bring the job back\n"
    assert [(d.kind, d.answer) for d in parse_notes(text).drafts] == [("command", "fg")]


def test_meaning_cards_of_one_flag_told_apart_by_its_value_say_it_in_english_too():
    drafts = parse_notes(NOTES).drafts
    meanings = [(d.prompt_ja, d.prompt_en) for d in drafts if d.kind == "meaning" and d.prompt_ja.startswith("-type")]
    assert meanings == [("-type d", "-type d"), ("-type f", "-type f")]
