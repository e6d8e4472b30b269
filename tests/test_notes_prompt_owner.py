"""Which words of the notes a card's prompt takes (#25), for shapes where the nearest label
describes something else: a heading that only names a field of operations ("コンテナの操作",
"ブランチ関連", "Command Lines") is a topic, not what one line does."""

from dockquiz.notes import parse_notes
from dockquiz.notes import text as tx


def cards(text: str) -> list[tuple[str, str, str]]:
    return [(d.kind, d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts]


def test_a_field_of_operations_is_a_topic():
    for heading in ("コンテナの操作", "ブランチ操作", "イメージ関連", "各種操作", "Docker Command Lines", "development workflow"):
        assert tx.is_field(heading), heading
    # a sentence that operates something, or says what a command does, is no field
    for words in ("フロントエンドを操作", "コンテナを停止する", "Inspect the workflow run", "ブランチを作成"):
        assert not tx.is_field(words), words


def test_a_field_heading_alone_gives_no_prompt():
    # the heading is all the words over the line: the grammar's words for the whole line, else no card
    text = "# メモ\n\n## コンテナの操作\n\n```\ndocker container unpause web\n```\n\n## 各種操作\n\n```\nfoo-tool --bar\n```\n"
    assert cards(text) == [("command", "Resume paused containers", "docker container unpause web")]


def test_a_field_heading_beside_a_lines_own_words_stays():
    text = "# メモ\n\n## ブランチ操作\n\n```\n# ブランチ作成\ngit branch topic\n```\n"
    assert cards(text) == [("command", "ブランチ作成", "git branch topic")]


def test_an_option_card_names_its_command_not_the_example_line():
    # `-z` under `tar zxfv a.tar.gz`: "An option of `tar zxfv …`" would show the flag it asks
    text = "## tar\n\n```bash\ntar zxfv a.tgz\ntar zxfv a.tar.gz\n```\n\n`-z`: gzip を通す  \n`-x`: 展開する\n"
    drafts = [d for d in parse_notes(text, deck="x").drafts if d.kind == "option"]
    assert [(d.answer, d.command) for d in drafts] == [("-z", "tar"), ("-x", "tar")]
    assert all("zxfv" not in d.prompt_en for d in drafts)
