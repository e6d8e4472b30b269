"""Answers that must be the command alone, as the notes write it: no stray Markdown backtick,
no comment, no words run on after it; a redirect on a continued line kept; a command continued
with a backslash over the lines of a paragraph read as one command."""

import pytest

from dockquiz.notes import parse_notes


def cards(text: str) -> list[tuple[int, str, str]]:
    return [(d.source_line, d.prompt_ja, d.answer) for d in parse_notes(text, deck="t").drafts]


def answers(text: str) -> list[str]:
    return [answer for _, _, answer in cards(text)]


@pytest.mark.parametrize(
    "block",
    [
        "```\ngit reset --hard HEAD`\n```\n",  # an author's code span left open at the end of a fenced line
        "```\ngit reset --hard HEAD``\n```\n",
        "```\n`git reset --hard HEAD\n```\n",
        "    git reset --hard HEAD`\n",
        "git reset --hard HEAD`\n",
        "- 作業を全部捨てる: git reset --hard HEAD`\n",
    ],
)
def test_a_stray_backtick_at_the_end_is_no_part_of_the_answer(block):
    text = "# 戻す\n\n作業を全部捨てる\n\n" + block
    assert answers(text) == ["git reset --hard HEAD"]


def test_backticks_the_shell_reads_stay():
    text = "# 日付\n\n今日の日付で名前を付ける\n\n```\nmkdir backup-`date +%F`\n```\n"
    assert answers(text) == ["mkdir backup-`date +%F`"]


@pytest.mark.parametrize("comment", ["\u3000# 展開する", " ＃ 展開する", "\t# 展開する"])
def test_a_comment_after_a_wide_blank_or_a_wide_hash_is_no_part_of_the_answer(comment):
    text = f"# 展開\n\nアーカイブを展開する\n\n```\ntar xf <archive>{comment}\n```\n"
    assert answers(text) == ["tar xf <archive>"]


def test_a_comment_in_a_table_cell_is_no_part_of_the_answer():
    text = "# 展開\n\n| コマンド | 説明 |\n|---|---|\n| tar xf <archive> # 展開する | アーカイブを展開 |\n"
    assert answers(text) == ["tar xf <archive>"]


def test_a_redirect_starting_a_continued_line_is_kept():
    text = "# 整形\n\n設定のキーを並べ替える\n\n```\njq --sort-keys . cfg.json \\\n  > out.json && mv out.json cfg.json\n```\n"
    assert cards(text) == [(6, "設定のキーを並べ替える", "jq --sort-keys . cfg.json > out.json && mv out.json cfg.json")]


def test_the_shells_continuation_prompt_after_a_prompted_line_is_left_out():
    text = "# 起動\n\nウェブを起動する\n\n```\n$ docker run -d \\\n> --name web \\\n> nginx\n```\n"
    assert answers(text) == ["docker run -d --name web nginx"]


PACKAGES = "sudo apt-get install -y \\\n    curl \\\n    gnupg-agent \\\n    lsb-release\n"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("# 入れる\n\n必要なものを入れる\n\n" + PACKAGES, 5),  # a paragraph of its own
        ("# 入れる\n\n- 必要なものを入れる\n  " + PACKAGES, 4),  # the item's words, then its command
        ("# 入れる\n\n必要なものを入れる:\n" + PACKAGES, 4),  # a lead line over it in the same paragraph
    ],
)
def test_a_package_list_continued_with_backslashes_outside_a_fence_is_one_command(text, line):
    [(at, prompt, answer)] = cards(text)
    assert (at, answer) == (line, "sudo apt-get install -y curl gnupg-agent lsb-release")
    assert "必要なものを入れる" in prompt and "curl" not in prompt


def test_a_backslash_ending_a_line_of_words_joins_nothing():
    text = "# メモ\n\n手順は次のとおり \\\n`git status` で状態を見る\n"
    assert answers(text) == ["git status"]


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("git revert ABC123 or HEAD~2 to undo the last two", "git revert ABC123"),
        ("docker rm web or its id", "docker rm web"),
        ("git revert ABC123 to undo the last commit", "git revert ABC123"),
    ],
)
def test_an_alternative_in_words_after_a_command_is_no_part_of_the_answer(line, answer):
    text = f"# 取り消し\n\n直前のコミットを打ち消す\n\n{line}\n"
    assert answers(text) == [answer]
    assert answers(f"# 取り消し\n\n直前のコミットを打ち消す\n\n```\n{line}\n```\n") == [answer]


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("tar xf <archive>  展開する", "tar xf <archive>"),  # the line's words after a gap
        ("cat  ファイル名", "cat <ファイル名>"),  # a value written in words stays, as a placeholder
        ("ln -s from to", "ln -s from to"),  # "to" a value, no words going on
        ("docker exec [オプション]\u3000コンテナ", "docker exec [オプション] <コンテナ>"),  # a noun after a wide blank: a value
        ("docker exec web\u3000実行するコマンド", "docker exec web <実行するコマンド>"),
    ],
)
def test_words_after_a_command_in_a_block(line, answer):
    assert answers(f"# 見る\n\n中身を見る\n\n```\n{line}\n```\n") == [answer]


def test_an_or_the_shell_reads_stays():
    text = "# 検索\n\nどちらかの語を含む行を探す\n\n```\ngrep -E 'yes or no' notes.txt\n```\n"
    assert answers(text) == ["grep -E 'yes or no' notes.txt"]


@pytest.mark.parametrize(
    "line",
    [
        "git reset hard throws away all the changes of the working tree and the index",
        "docker stop NAME sends a signal to the main process of the container, which can then exit",
    ],
)
def test_a_sentence_that_starts_with_a_command_word_is_no_card(line):
    text = f"# Reset\n\n1. {line}\n   run `git reset --hard` to do it\n"
    assert all(" the " not in answer for answer in answers(text))


def test_an_or_inside_a_placeholder_stays():
    text = "# 起動\n\nコンテナを起動する\n\n```\n$ docker start <CONTAINER ID or NAME>\n```\n"
    assert answers(text) == ["docker start <CONTAINER ID or NAME>"]


def test_a_sentence_with_code_in_it_is_no_card():
    text = "# Ranges\n\n- triple dot\n  - find commits reachable from either `main` or `topic`, but not both\n"
    assert answers(text) == []


def test_a_sentence_starting_with_a_program_and_ending_in_a_backslash_joins_nothing():
    text = (
        "# 検索\n\n```\nfind . -name '*.csv'\n```\n\n"
        "find コマンドは起点のディレクトリを要る \\\n詳しく見るときは`-ls`オプションをつける\n"
    )
    [option] = [d for d in parse_notes(text, deck="t").drafts if d.kind == "option"]
    assert (option.source_line, option.answer) == (8, "-ls")


def test_a_curly_quote_closing_a_straight_one_is_a_straight_quote():
    text = '# 起動\n\nラベルを付けて起動する\n\n```\nkubectl run web --image=nginx --labels="app=web,env=prod”\n```\n'
    assert answers(text) == ['kubectl run web --image=nginx --labels="app=web,env=prod"']


def test_an_option_line_after_a_continued_command_goes_on_with_it_when_a_backslash_is_left_out():
    text = (
        "# 起動\n\n```\n# ウェブを起動する\ndocker run \\\n  -p 8080:80 \\\n  -v /srv:/app\n"
        "  --name web \\\n  nginx\n\ndocker ps\n```\n"
    )
    assert [answer for answer in answers(text)][:1] == ["docker run -p 8080:80 -v /srv:/app --name web nginx"]


def test_notes_on_the_options_of_a_command_left_without_backslashes_are_no_part_of_it():
    text = (
        "# 実行\n\n```\n# サービスで一度だけコマンドを実行する\ndocker compose run \\\n"
        "-T              # 端末を割り当てない\n--rm            # 終わったら消す\n\ndocker compose ps\n```\n"
    )
    assert answers(text)[0] == "docker compose run -T --rm"


def test_output_of_ls_after_a_continued_command_is_not_joined_to_it():
    text = "# 一覧\n\n```\n$ ls -l \\\n  /srv\n-rw-r--r-- 1 me staff 832 Feb 17 books.md\n```\n"
    assert answers(text) == ["ls -l /srv"]


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("FROM ubuntu:22.04 ←――❶", "FROM ubuntu:22.04"),
        ("FROM golang:1.21 AS dev  ソースをコンパイルする段", "FROM golang:1.21 AS dev"),
    ],
)
def test_an_aside_after_a_dockerfile_line_is_no_part_of_it(line, answer):
    text = f"# Dockerfile\n\n```Dockerfile\n{line}\nCOPY . /app\n```\n"
    assert [d.answer for d in parse_notes(text, deck="t").drafts if d.kind == "dockerfile"][0] == answer


def test_a_quoted_value_in_words_after_a_dockerfile_line_stays():
    text = '# Dockerfile\n\n```Dockerfile\nFROM alpine\nLABEL description  "小さな画像"\n```\n'
    assert 'LABEL description "小さな画像"' in [" ".join(d.answer.split()) for d in parse_notes(text, deck="t").drafts]


def test_a_short_line_of_words_under_a_comment_in_a_shell_block_is_no_card():
    text = "# Concepts\n\n```bash\n# image\nscript to make an image\n\n# greet\necho this is a test\n```\n"
    assert answers(text) == ["echo this is a test"]


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("docker run -dti  ubuntu => starts a container", "docker run -dti ubuntu"),
        ("docker exec -it web  bash -> opens a shell", "docker exec -it web bash"),
        ("docker ps  一覧 => 全部", "docker ps"),  # the gap's words are the description
    ],
)
def test_a_gap_inside_a_command_before_its_arrow_does_not_end_it(line, answer):
    assert answers(f"# Run\n\n{line}\n") == [answer]


def test_a_comment_line_inside_a_continued_package_list_is_left_out():
    text = "# 入れる\n\n必要なものを入れる\n\n```\nsudo apt-get install \\\n  curl \\\n  # 鍵のため\n  gnupg-agent\n```\n"
    assert answers(text) == ["sudo apt-get install curl gnupg-agent"]


def test_the_words_of_a_block_line_after_its_command_are_its_description():
    text = "# 履歴\n\n```\ngit log で履歴を見る\ntar xf <archive>  展開する\n```\n"
    assert [(line, answer) for line, _, answer in cards(text)] == [(4, "git log"), (5, "tar xf <archive>")]
    assert "履歴を見る" in cards(text)[0][1] and "展開する" in cards(text)[1][1]


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("docker logs [-f] <コンテナID もしくは コンテナ名>", "docker logs [-f] <コンテナID もしくは コンテナ名>"),
        ("git push --delete origin ブランチ名\u3000←これでも行ける", "git push --delete origin <ブランチ名>"),
    ],
)
def test_words_inside_a_placeholder_or_an_aside_are_no_description(line, answer):
    [(_, prompt, got)] = cards(f"# ブランチ\n\nリモートのブランチを消す\n\n```\n{line}\n```\n")
    assert got == answer and "もしくは" not in prompt and "←" not in prompt
