"""Variants of one command under one label (issue #25): lines the values shown do not tell
apart, differing in their options, each get a card told apart by what their options do in the
grammar's words — never by the flags as typed. Made-up notes in the shapes other authors write."""

from dockquiz.notes import parse_notes


def cards(text: str) -> list[tuple[str, str]]:
    return [(d.prompt_ja, d.answer) for d in parse_notes(text, deck="t").drafts]


def test_a_variant_with_an_option_more_gets_the_label_with_its_options_words():
    """``## 片付け`` over ``docker system prune`` and ``docker system prune --volumes``: the plain
    line keeps the label, the variant gets it with the Japanese words of its option."""
    text = "## 片付け\n\n```\ndocker system prune\ndocker system prune --volumes\n```\n"
    got = cards(text)
    assert got[0] == ("片付け", "docker system prune")
    assert got[1][1] == "docker system prune --volumes"
    assert got[1][0].startswith("片付け（") and got[1][0] != "片付け"
    assert "--volumes" not in got[1][0] and "ボリューム" in got[1][0]


def test_each_option_of_the_variant_is_said_not_only_the_new_one():
    """The learner types the whole line: ``docker ps -a -q`` beside ``docker ps -a`` says both
    options, in the order the line has them."""
    text = "# コンテナ一覧\n\n```\ndocker ps -a\ndocker ps -a -q\n```\n"
    got = dict((answer, prompt) for prompt, answer in cards(text))
    assert got["docker ps -a"] == "コンテナ一覧"
    told = got["docker ps -a -q"]
    assert told.startswith("コンテナ一覧（") and "、" in told and "-q" not in told and "-a" not in told


def test_an_english_label_takes_the_english_words_of_the_options():
    text = "## check the containers\n\n```\ndocker ps\ndocker ps --all\n```\n"
    got = dict((answer, prompt) for prompt, answer in cards(text))
    told = got["docker ps --all"]
    assert told.startswith("check the containers (") and "--all" not in told
    assert all(ord(c) < 0x3000 for c in told)


def test_the_same_options_spelt_otherwise_stay_one_card():
    """``-a`` and ``--all`` are one option: ``docker ps --all`` under ``docker ps -a`` asks the
    same again, no card; nor does a variant with fewer options than the kept line."""
    text = "## 一覧\n\n```\ndocker ps -a\ndocker ps --all\ndocker ps\n```\n"
    assert [answer for _, answer in cards(text)] == ["docker ps -a"]


def test_a_variant_in_another_block_under_the_same_heading():
    """``### 設定`` over two blocks, ``--global`` then ``--local``: the second is told apart by
    what ``--local`` does."""
    text = '### 設定\n\n```\ngit config --global user.name "[NAME]"\n```\n\n```\ngit config --local user.name "[NAME]"\n```\n'
    got = cards(text)
    assert [answer for _, answer in got] == ['git config --global user.name "[NAME]"', 'git config --local user.name "[NAME]"']
    assert got[0][0] == "設定" and got[1][0].startswith("設定（") and "local" not in got[1][0]


def test_no_japanese_words_for_an_option_no_english_words_in_a_japanese_prompt():
    """Beside a Japanese label a variant whose option has no Japanese words in the grammar
    (``git branch --list``) is left out rather than given English words in its Japanese prompt;
    beside an English label the same variant is told apart by the English words."""
    from dockquiz.grading.grammar import grammar
    from dockquiz.notes.english import flag_words_by_key

    g = grammar()
    assert flag_words_by_key(g, "git branch -r --list", ja=True) is None
    assert flag_words_by_key(g, "docker ps --no-such-flag", ja=False) is None
    block = "\n\n```\ngit branch -r\ngit branch -r --list\n```\n"
    assert [answer for _, answer in cards("## ブランチ" + block)] == ["git branch -r"]
    assert [answer for _, answer in cards("## Branches" + block)] == ["git branch -r", "git branch -r --list"]
