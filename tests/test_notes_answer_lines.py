"""What the reader takes as a command's answer: lines the notes write as commands in shapes
of their own (a lettered step, a command in brackets, a subcommand with its program left out,
a value written as a Japanese noun), and answers that must not be cut (a command continued
with a backslash in words or with notes on its flags, a label line over a separate block)."""

import pytest

from dockquiz.notes import parse_notes


def cards(text: str) -> list[tuple[int, str, str]]:
    return [(d.source_line, d.prompt_ja, d.answer) for d in parse_notes(text, deck="t").drafts]


def answers(text: str) -> list[str]:
    return [answer for _, _, answer in cards(text)]


def test_a_lettered_step_under_a_numbered_one_is_its_command():
    text = (
        "# Maintenance\n\n"
        "1. Empty the worker so that nothing runs on it\n"
        "  a. kubectl drain WORKER-1 --ignore-daemonsets\n"
        "2. Let pods run on the worker again\n"
        "   b) kubectl uncordon WORKER-1\n"
    )
    found = cards(text)
    assert [(line, answer) for line, _, answer in found] == [
        (4, "kubectl drain WORKER-1 --ignore-daemonsets"),
        (6, "kubectl uncordon WORKER-1"),
    ]
    assert "Let pods run on the worker again" in found[1][1]


def test_a_command_in_brackets_takes_the_words_inside_them():
    text = "# 作業の取り消し\n\nいつもの手順で戻す。\n(作業ツリーを丸ごと戻す場合は git restore --staged .)\n"
    assert cards(text) == [(4, "作業ツリーを丸ごと戻す", "git restore --staged .")]
    text = "# pull\n\n(マージの文面を聞かれないようにする方法\u3000git merge --no-edit)\n"
    assert cards(text) == [(3, "マージの文面を聞かれないようにする方法", "git merge --no-edit")]


def test_a_case_pointing_back_is_no_description():
    assert cards("# 取り消し\n\n(それを使う場合は git restore .)\n") == []


def test_a_subcommand_with_the_program_left_out_in_one_programs_notes():
    text = (
        "# init\n初期化する\n\ngit init\n\n"
        "# switch\nブランチを移る\n\nswitch -c 新ブランチ名\n新しいブランチを作って移る\n\n"
        "# fetch\nリモートの変更を見る\n\nfetch --prune\n消えたリモートブランチを掃除する\n"
    )
    assert cards(text)[1:] == [
        (9, "新しいブランチを作って移る", "git switch -c <新ブランチ名>"),
        (15, "消えたリモートブランチを掃除する", "git fetch --prune"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "switch to the new branch",  # words: no flag or value after the subcommand
        "fetch --no-such-flag",  # a flag the subcommand does not have
        "stash を使うと退避できる",  # a sentence
    ],
)
def test_no_program_is_added_to_words_or_to_a_line_the_grammar_cannot_read(line):
    text = f"# init\n初期化する\n\ngit init\n\n# その他\n\n{line}\nメモ\n"
    assert answers(text) == ["git init"]


def test_no_program_is_added_in_notes_of_several_programs():
    text = "# 使う\n\ngit init\n初期化する\n\ndocker ps\nコンテナ一覧\n\nfetch --prune\n掃除する\n"
    assert answers(text) == ["git init", "docker ps"]


def test_a_value_written_as_a_japanese_noun_right_after_the_program():
    text = "# ファイル\n\nmkdir ディレクトリ名\nディレクトリを作る\n\ncat ファイル | head -n 3\n先頭3行を見る\n"
    assert cards(text) == [
        (3, "ディレクトリを作る", "mkdir <ディレクトリ名>"),
        (6, "先頭3行を見る", "cat <ファイル> | head -n 3"),
    ]


def test_a_program_over_a_topic_word_is_no_command():
    assert answers("# メモ\n\nls コマンド\nいろいろ試した\n") == []


def test_a_command_continued_with_a_backslash_in_a_paragraph_is_joined():
    text = "# gcloud\n\n## ディスクを作る\ngcloud compute disks create disk-1 \\\n  --size=20GB \\\n  --zone=us-east1-b\n"
    assert cards(text) == [(4, "ディスクを作る", "gcloud compute disks create disk-1 --size=20GB --zone=us-east1-b")]


def test_a_command_continued_with_a_backslash_in_a_list_item_is_joined():
    text = "# gcloud\n\n- ディスクを作る\n  gcloud compute disks create disk-1 \\\n    --size=20GB\n"
    assert answers(text) == ["gcloud compute disks create disk-1 --size=20GB"]


@pytest.mark.parametrize(
    "lead",
    ["## VM\n\nVMを作る: ", "## VM\n\n- VMを作る: "],
    ids=["paragraph", "list item"],
)
def test_a_command_after_its_words_continued_with_a_backslash_is_joined(lead):
    text = f"{lead}gcloud compute instances create vm \\\n  --zone=asia-northeast1-a \\\n  --no-address\n"
    assert cards(text) == [(3, "VMを作る", "gcloud compute instances create vm --zone=asia-northeast1-a --no-address")]


def test_the_line_after_a_continued_command_is_read_as_its_own_line():
    text = "## 入れる\n\nパッケージを入れる\nsudo apt-get install -y \\\n    curl \\\n    jq\nログを見る: docker logs web\n"
    found = cards(text)
    assert sorted((line, answer) for line, _, answer in found) == [(4, "sudo apt-get install -y curl jq"), (7, "docker logs web")]
    assert (7, "ログを見る", "docker logs web") in found  # its own words, on its own line


def test_a_code_span_over_two_lines_keeps_no_backslash():
    assert answers("# Build\n\n* イメージを作る: `docker build \\\n  -t site .`\n") == ["docker build -t site ."]


def test_notes_on_a_continued_commands_flags_are_its_words_not_its_end():
    text = (
        "# gcloud\n\n```\n"
        "gcloud compute disks create disk-1 \\\n"
        "  --size=20GB \\ # 20GBにする\n"
        "  --zone=us-east1-b # 東の方に置く\n"
        "```\n"
    )
    assert cards(text) == [(4, "20GBにする、東の方に置く", "gcloud compute disks create disk-1 --size=20GB --zone=us-east1-b")]


def test_a_label_naming_the_subcommand_over_a_separate_block_takes_the_help_words():
    text = "# kubectl\n\n- logs\n\n```\nkubectl logs -f <pod>\n```\n"
    assert cards(text) == [(6, "Show the logs of <pod>, and follow them", "kubectl logs -f <pod>")]


def test_a_heading_command_is_its_own_card_beside_lines_piping_it_on():
    text = "# docker\n\n## docker inspect web\n詳細を見る\n\n```\ndocker inspect web | grep -i ip\n```\n"
    found = cards(text)
    assert (3, "詳細を見る", "docker inspect web") in found


def test_a_dockerfile_lines_own_comment_is_its_description():
    text = "# Dockerfile\n\n```\nFROM debian:12\nRUN apt-get update\nSTOPSIGNAL SIGQUIT # 止めるときは SIGQUIT を送る\n```\n"
    assert (6, "止めるときは SIGQUIT を送る", "STOPSIGNAL SIGQUIT") in cards(text)


def test_a_dockerfile_syntax_line_with_a_comment_is_no_card():
    text = '# Dockerfile\n\n```\nFROM debian:12\nCMD ["実行ファイル", "ARG1", ...] # exec形式\n```\n'
    assert all(not answer.startswith("CMD") for answer in answers(text))


def test_the_comment_over_a_continued_command_says_what_its_flags_notes_qualify():
    text = "# g\n\n```\n# ディスクを作る\ngcloud compute disks create d1 \\\n"
    text += "  --size=20GB \\ # 20GBにする\n  --zone=us-east1-b\n```\n"
    assert cards(text) == [(5, "ディスクを作る（20GBにする）", "gcloud compute disks create d1 --size=20GB --zone=us-east1-b")]


def test_a_line_of_words_ending_in_a_markdown_break_is_no_continuation():
    text = "# find\n\n```\nfind . -name x\n```\n\nfind は下の階層も探す \\\n詳細を出すときは`-ls`オプションをつける\n"
    assert ("option", "-ls") in [(d.kind, d.answer) for d in parse_notes(text, deck="t").drafts]


def test_an_optional_flag_in_brackets_after_a_gap_is_part_of_the_command():
    assert answers("# logs\n\nkubectl logs <pod>  [--previous]\n前のコンテナのログ\n") == ["kubectl logs <pod> [--previous]"]


def test_a_table_row_naming_a_subcommand_beside_its_usage_asks_the_usage():
    text = (
        "# kubectl\n\n| サブコマンド | 例 | 説明 |\n|---|---|---|\n"
        "| `cp` | `kubectl cp SRC POD:DST` | ファイルをコピーする |\n"
        "| kubectl top | kubectl top pod POD で使用量を見る | |\n"
        "| `logs` | `kubectl logs -f POD` | |\n"
    )
    assert cards(text) == [
        (5, "ファイルをコピーする", "kubectl cp SRC POD:DST"),
        (6, "使用量を見る", "kubectl top pod POD"),
        (7, "Show the logs of POD, and follow them", "kubectl logs -f POD"),
    ]


def test_a_table_of_subcommands_under_a_heading_naming_their_program():
    text = "# kubectl のサブコマンド\n\n| コマンド | 説明 |\n|---|---|\n| get nodes | ノード一覧 |\n| logs POD | ログを見る |\n"
    assert cards(text) == [(5, "ノード一覧", "kubectl get nodes"), (6, "ログを見る", "kubectl logs POD")]


def test_notes_aliases_are_spelt_out_where_a_line_starts_with_one():
    text = "# kubectl\n\nalias kc=kubectl\nalias gl='git log --oneline'\n\n"
    text += "## ポッド\nkc get pods\nポッドの一覧\n\n- `gl -5` - 最近の5件\n"
    assert [(line, answer) for line, _, answer in cards(text)] == [(7, "kubectl get pods"), (10, "git log --oneline -5")]


def test_a_heading_naming_a_subcommand_of_the_notes_program_over_its_words():
    text = "# git\n\n## 状態\n状態を見る\n\n```\ngit status\n```\n\n"
    text += "## fetch\nリモートの変更を取り込む\n\n## version 2 notes\n古い話\n"
    assert cards(text) == [(7, "状態を見る", "git status"), (10, "リモートの変更を取り込む", "git fetch")]


def test_a_placeholder_starting_like_a_br_tag_is_no_line_break():
    text = "# Bundle\n\ngit clone -b <branch> <name>.bundle <dir>\nバンドルから複製する\n"
    assert answers(text) == ["git clone -b <branch> <name>.bundle <dir>"]


def test_a_placeholder_after_a_gap_is_still_the_commands():
    assert cards("# rebase\n\n# git rebase  <ブランチ名>\n派生元を付け替える\n")[0][2] == "git rebase <ブランチ名>"


def test_a_quoted_value_of_a_flag_holds_its_dashes():
    text = '# log\n\n見やすいログ\ngit log --format="%h - %s" -n 5\n'
    assert answers(text) == ['git log --format="%h - %s" -n 5']


def test_a_path_ending_in_a_programs_name_is_no_command():
    assert answers("# サーバー\n\nサーバーを手動で起動する\n/etc/init.d/ssh start\n") == []


def test_the_shells_continuation_prompt_in_a_pasted_session_is_no_part_of_the_answer():
    text = "# repo\n\nリポジトリを足す\n```\n$ sudo add-apt-repository \\\n"
    text += '> "deb https://download.example.com/ubuntu \\\n> stable"\n```\n'
    assert 'sudo add-apt-repository "deb https://download.example.com/ubuntu stable"' in answers(text)


def test_an_options_words_cut_at_an_aside_in_brackets_leave_the_aside_out():
    text = "# docker ps\n\n`--filter` - 表示する物を絞り込む（例 `name=web` など）\n"
    assert [(d.kind, d.prompt_ja) for d in parse_notes(text, deck="t").drafts][0] == ("option", "表示する物を絞り込む")


def test_a_command_in_single_quotes_for_backticks_is_read():
    text = "# 並べ替え\n\n- 数値の大きい順に並べる\n  - 'sort -nr nums.txt'\n- 'hello world'\n"
    assert cards(text) == [(4, "数値の大きい順に並べる", "sort -nr nums.txt")]


def test_a_value_in_words_after_a_colon_stays_in_the_command():
    assert answers("# tag\n\nリモートのタグを消す\ngit push origin :タグ名\n") == ["git push origin :<タグ名>"]


def test_a_heading_naming_a_subcommand_over_its_commands_only_names_their_topic():
    text = "# docker\n\n```\ndocker ps\n```\n\n## run\nコンテナを起動する\n\n```\ndocker container run -d nginx\n```\n"
    assert all(answer != "docker run" for answer in answers(text))


def test_an_alias_starting_words_is_not_spelt_out():
    text = "# kubectl\n\nalias kc=kubectl\n\nkc is handy\n\nkc get pods\nポッド一覧\n"
    assert answers(text) == ["kubectl get pods"]


def test_a_run_lines_command_is_named_past_a_switch_before_its_subcommand():
    text = "# D\n\n```Dockerfile\nFROM debian:12\n# エディタを入れる\nRUN apt-get -y install nano\n```\n"
    draft = parse_notes(text, deck="t").drafts[-1]
    assert draft.prompt_ja == "エディタを入れる（apt-get install）"
    assert draft.prompt_en == "While building, install packages: answering yes to every question"


@pytest.mark.parametrize(
    "line, english",
    [
        # the command's own words say its flags (-y), and never spell the answer
        (
            "RUN apt-get update && apt-get install -y -q curl",
            "While building, update the package lists; then install packages: answering yes to every question, quietly",
        ),
        ("RUN apt-get update", "While building, update the package lists"),
        # no words for the command it runs: its command named, as before
        ("RUN go build -o app .", "Run go build while building"),
    ],
)
def test_a_run_lines_english_says_what_its_command_does(line, english):
    text = f"# D\n\n```Dockerfile\nFROM debian:12\n# 準備する\n{line}\n```\n"
    assert parse_notes(text, deck="t").drafts[-1].prompt_en == english


def test_a_subcommand_in_an_equation_of_words_is_no_command():
    text = "# docker\n\n```\ndocker ps\n```\n\n## docker run\nrun = create + start\n"
    assert "docker run = create + start" not in answers(text)
