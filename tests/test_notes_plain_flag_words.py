"""A flag written without code at the start of a line of words (``-aで止まったものも表示``,
``--no-edit オプションはメッセージを編集しない``): the same sentence shapes as a flag in inline
code, an option card of the command above. Made-up notes (issue #25)."""

from dockquiz.notes import parse_notes


def _options(text: str) -> list[tuple[str, str, str | None]]:
    return [(d.prompt_ja, d.answer, d.command) for d in parse_notes(text).drafts if d.kind == "option"]


def test_a_plain_flag_then_de_or_wo_tsukeruto_describes_the_flag():
    text = "## 一覧\n\n```\ndocker ps -a\n```\n\n- -aで止まったコンテナも表示\n- -qを付けるとIDだけ出す\n"
    assert _options(text) == [("止まったコンテナも表示", "-a", "docker ps"), ("IDだけ出す", "-q", "docker ps")]


def test_a_plain_flag_named_as_an_option_then_wa_describes_it():
    text = "## 取り消し\n\n```\ngit revert HEAD\n```\n\n→ --no-edit オプションはメッセージを編集せずに取り消す\n"
    assert _options(text) == [("メッセージを編集せずに取り消す", "--no-edit", "git revert")]


def test_a_remark_on_a_plain_flag_or_a_flag_the_command_lacks_is_no_option():
    text = "## 一覧\n\n```\ndocker ps -a\n```\n\n-pはよく使う\n\n-zで全部消える\n"
    assert _options(text) == []


def test_a_flag_described_twice_in_one_section_gets_one_meaning_card():
    text = "## 一覧\n\n-aで止まったコンテナも表示\n\n```\n# -a : 全部を表示\ndocker ps -a\n```\n"
    drafts = parse_notes(text).drafts
    assert [d.kind for d in drafts if d.kind in ("option", "meaning")].count("meaning") == 1
    assert len([d for d in drafts if d.kind == "option"]) == 2


def test_a_flag_line_under_the_command_of_an_item_is_its_option_not_its_words():
    text = "## コマンド\n\n* docker ps\nコンテナの一覧\n-aで止まったコンテナも表示\n* docker images\nイメージの一覧\n"
    drafts = parse_notes(text).drafts
    assert [(d.kind, d.prompt_ja, d.answer) for d in drafts if d.kind != "meaning"] == [
        ("command", "コンテナの一覧", "docker ps"),
        ("option", "止まったコンテナも表示", "-a"),
        ("command", "イメージの一覧", "docker images"),
    ]
    assert [d.source_line for d in drafts if d.kind == "option"] == [5]
