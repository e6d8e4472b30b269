"""Notes in the shapes other authors write them: every card of each fixture, listed by hand.

Each fixture (tests/fixtures/shapes/) holds the patterns real notes by other engineers use:
step labels over a block of commands, generic leads ("MacOS の場合"), trailing comments,
here-documents, editor listings, root prompts (``# docker ps``), ``<pre>`` blocks, a
description paragraph over an indented block, flags defined inside a block or as bullets
after it, commands in prose, tables without code spans, English notes on tools without a
grammar. The lists below are the whole deck: a card missing or a card too many fails.
"""

from pathlib import Path

import pytest

from dockquiz.notes import parse_notes
from tests.conftest import SAMPLE_NOTES as SAMPLE

SHAPES = Path(__file__).parent / "fixtures" / "shapes"


def cards(name: str) -> list[tuple[str, str, str]]:
    notes = parse_notes((SHAPES / name).read_text("utf-8"), deck=name.split(".")[0])
    return [(d.kind, d.prompt_ja, d.answer) for d in notes.drafts]


def warnings(name: str) -> list[str]:
    notes = parse_notes((SHAPES / name).read_text("utf-8"), deck=name.split(".")[0])
    return [w.key for w in notes.warnings]


STEPS = [
    # a step label goes to the line that does the step, not to cd / stop / ps around it
    ("example", "API を起動する", "docker compose up -d"),
    # a generic lead qualifies the step it is under
    ("example", "AWS CLI をインストールする（MacOS の場合）", "brew install awscli"),
    ("example", "AWS CLI をインストールする（CLI で行う場合）", "sudo apt install awscli"),
    # a trailing comment is the line's prompt, not part of its answer
    ("command", "プロキシにアクセス", "curl http://localhost:8080"),
    # programs no list knows, in a shell block
    ("command", "RKE でクラスタを立てる", "./rke up"),
    ("command", "ダッシュボード", "streamlit run app.py"),
    # a comment carries over its run of variants, told apart by the values study shows
    ("example", "ログ（特定サービスのログを確認）", "docker compose logs -f app"),
    ("example", "ログ（特定サービスのログを確認）", "docker compose logs -f db"),
    ("example", "ログ（manifest を適用）", "kubectl apply -f deploy.yaml"),
    # no card from a here-document or an editor listing; the block's command owns the flag bullets
    ("example", "クラスタ", "gcloud container clusters create demo --zone asia-northeast1-a"),
    ("option", "ノード数", "--num-nodes"),
    ("meaning", "--num-nodes", "ノード数"),
    ("option", "ゾーン", "--zone"),
    ("meaning", "--zone", "ゾーン"),
    # the same prompt and answer twice: one card
    ("command", "一覧", "docker ps"),
    # inline code stays in a list item's words
    ("command", "package.json を作成する", "npm init -y"),
    ("command", "release ブランチを develop に merge する場合", "git merge --no-ff release"),
]

ROOT_PROMPT = [
    ("example", "Docker Hub からイメージを取得する", "docker pull ubuntu:22.04"),
    ("example", "Docker Hub からイメージを取得する（取得したイメージの確認）", "docker images"),
    ("example", "コンテナの実行", "docker run -it -d --name web ubuntu:22.04"),
    ("option", "標準入力を開いたままにする", "-i"),
    ("meaning", "-i", "標準入力を開いたままにする"),
    ("option", "バックグラウンドで実行", "-d"),
    ("meaning", "-d", "バックグラウンドで実行"),
    ("command", "イメージの一覧を表示する", "docker image ls"),
    ("command", "指定したコンテナを停止する", "docker container stop NAME"),
    ("option", "停止を待つ秒数", "--time <SECONDS>"),  # SECONDS names any value: a placeholder study shows
    ("meaning", "--time", "停止を待つ秒数"),
    # "### Pod" over kubectl exec: a heading of one word is a topic, no description: the grammar's words
    ("example", "In pod web, run /bin/sh with an interactive terminal", "kubectl exec -it web /bin/sh"),
    ("command", "退避した変更の適用（最新の変更を適用する場合）", "git stash pop"),
    ("command", "退避した変更の適用（番号を指定する場合）", "git stash apply stash@{1}"),
    ("command", "ブランチの削除（ローカル）", "git branch -D topic"),
    ("command", "ブランチの削除（リモート）", "git push --delete origin topic"),
]

DOCKERFILE_PROSE = [
    ("dockerfile", "Go のイメージ: ビルドの元になるベースイメージ（builder）", "FROM golang:1.22-alpine AS builder"),
    ("dockerfile", "Go のイメージ: 作業ディレクトリを設定する", "WORKDIR /src"),
    ("dockerfile", "Go のイメージ: 環境変数を設定する（CGO_ENABLED）", "ENV CGO_ENABLED=0"),
    # a RUN line's comment that does not name its command gets the command's words (study
    # shows only the values of what RUN runs: "download")
    ("dockerfile", "依存を先に取得してキャッシュを効かせる（go mod）", "RUN go mod download"),
    # no card for an uncommented RUN: "go build を実行する" would miss -o /bin/app . (the values
    # study does not show for RUN), and naming them would give the answer away
    # a sentence that rejects a command makes no card; one that presents it does
    ("command", "GPU を使う場合", "docker run --gpus all nvidia/cuda nvidia-smi"),
    # a table of plain commands and their descriptions
    ("command", "既存のコンテナを起動", "docker start"),
    ("command", "コンテナを強制停止", "docker kill"),
]

TOOLS_EN = [
    ("command", "Serve the model", "vllm serve meta-llama/Llama-3-8B --port 8000"),
    ("example", "Front end", "flutter create my_app"),
    # told apart by their values ("— -e" would give the flag away)
    ("command", "OR search (with pattern ta, with pattern wa)", "grep -e ta -e wa notes.txt"),  # grep's words for -e
    ("command", "OR search (with extended regular expressions)", "grep -E 'ta|wa' notes.txt"),
    # "## Stash" over `git stash list` says nothing the answer does not: the grammar's words for the line
    ("command", "List the stash entries", "git stash list"),
]


MORE = [
    # flags in a table under a program's heading; a code span in a later column is an example
    ("option", "POSTメソッド", "-XPOST"),
    ("meaning", "-XPOST", "POSTメソッド"),
    ("option", "リクエストヘッダ", "-H"),
    ("meaning", "-H", "リクエストヘッダ"),
    # a heading that only names the program is no prompt; a remark over a block is no label
    ("command", "OR検索", "grep -e 'ta' -e 'wa' hito.txt"),
    ("command", "OR検索", "grep -E 'ta|wa' hito.txt"),
    # a compose file's comments
    ("compose", "Nginx の最新イメージを使う", "image"),
    ("compose", "ホストの 8080 番をコンテナの 80 番へ", "ports"),
    # one instruction in two build stages, told apart by the stage
    # (uncommented CMD lines: no card, their command is the answer and no prompt shows it)
    ("dockerfile", "マルチステージ: ビルドの元になるベースイメージ（build）", "FROM golang:1.22 AS build"),
    ("dockerfile", "マルチステージ: ビルドの元になるベースイメージ", "FROM scratch"),
]

COMMENT_RUNS = [
    # "//" comments as "#" ones; a banner names a section, the comment under it describes
    ("example", "コンテナ操作（ログを追い続ける）", "docker logs -f web"),
    # a comment under the describing one is an aside ("あまり使わない")
    ("example", "コンテナ操作（イメージを取得する）", "docker pull nginx:1.27"),
    # "# -a : …" over a command defines its flag (after the block's cards), and is no label
    ("example", "コンテナ操作（コンテナ一覧を表示する）", "docker ps -a"),
    # "##" under "#" is a part of it
    ("example", "コンテナ操作（キャッシュ（使わずにビルド））", "docker build --no-cache -t app ."),
    ("option", "停止中のコンテナも表示する", "-a"),
    ("meaning", "-a", "停止中のコンテナも表示する"),
    # after "$" prompts, "//" lines are output, not labels
    ("example", "取得", "pip download requests"),
]

NESTED_LEADS = [
    # the one item under a list item is the lead of the block after the list
    ("command", "vim での編集", "vim app.conf"),
    # "`--name`はコンテナ名。": a flag defined in words, of the command right under its list
    ("option", "コンテナ名", "--name"),
    ("meaning", "--name", "コンテナ名"),
    ("option", "バックグラウンドで動かす", "-d"),
    ("meaning", "-d", "バックグラウンドで動かす"),
    # an item over notes on the block's flags: its own words are the lead
    ("command", "起動", "docker run -d --name web nginx:1.27"),
]

COMPOSE_KEYS = [
    # the comment over a key of the spec describes it (not the one opening the block, which is
    # about the whole file; not one over a service's name or a variable: no keys to learn);
    # a comment under the describing one is an aside
    ("compose", "動かすサービスたち", "services"),
    ("compose", "手元のフォルダからイメージを作る", "build"),
    ("compose", "起動時に走らせる", "command"),
    ("compose", "既製のイメージを使う", "image"),
    ("compose", "名前付きの置き場", "volumes"),  # top-level: declares volumes (its English says so)
    # a block of one key under the words that describe it (a lead line, a heading); two keys
    # under one lead, or a heading that only names the key: no card
    ("compose", "名札をはっきり付ける", "container_name"),
    ("compose", "ホスト名を追加で引けるようにする", "extra_hosts"),
    # under a heading that only names the key, the one line over its block, a sentence too
    ("compose", "中で動く場所を決めます", "working_dir"),
    # a second sample of the file: a key carded already is the same card; words naming the key
    # ("`context`キーで指す") give it away
]

OPTION_COMMENTS = [
    # "# --flag  words" in a block: a flag of the command under it, whatever value it shows
    # (=[件数], 8080:80, [no | always], -p[ホスト]:[コンテナ]) and however its words are set off
    # (a gap, a colon, one space before Japanese); a header line ("オプション　説明") is no label,
    # a flag the command's grammar has nothing like (--tty of docker search) is no card
    ("example", "検索（イメージを探す）", "docker search --no-trunc hoge"),  # its comment, across the syntax line
    ("option", "結果を切らずに出す", "--no-trunc"),
    ("meaning", "--no-trunc", "結果を切らずに出す"),
    ("option", "件数を絞る", "--limit"),
    ("meaning", "--limit", "件数を絞る"),
    ("example", "起動", "docker run -d -p 8080:80 hoge"),
    ("option", "ポートをつなぐ", "--publish"),
    ("meaning", "--publish", "ポートをつなぐ"),
    ("option", "今のフォルダを /piyo に見せる", "-v"),
    ("meaning", "-v", "今のフォルダを /piyo に見せる"),
    ("option", "終わったら起こし直す", "--restart"),
    ("meaning", "--restart", "終わったら起こし直す"),
    ("option", "変数を渡す", "--env"),
    ("meaning", "--env", "変数を渡す"),
    # flags a comment explains on the way ("(-d: …、-i: …)", "-f で…"), when the command has them
    ("example", "起動（裏で起動する\u3000(-d: 裏で動かす、-i: 入力を開いたままにする)）", "docker run -di --name fuga alpine"),
    ("example", "起動（末尾だけ。-f で追いかける）", "docker logs --tail 10 fuga"),
    ("option", "裏で動かす", "-d"),
    ("meaning", "-d", "裏で動かす"),
    ("option", "入力を開いたままにする", "-i"),
    ("meaning", "-i", "入力を開いたままにする"),
    ("option", "追いかける", "-f"),
    ("meaning", "-f", "追いかける"),
    # the flag of a pipeline's part that writes it; a slip in the program's name (dokcer)
    ("example", "展開", "curl -sL example.com/hoge.tgz | tar -xz --strip=1"),
    ("option", "一段目を捨てる", "--strip"),
    ("meaning", "--strip", "一段目を捨てる"),
    ("option", "終わったら消す", "--rm"),
    ("meaning", "--rm", "終わったら消す"),
]

OPTION_HEADINGS = [
    ("example", "起動の手順", "docker container run -dit --name hoge01 alpine:3"),
    # a line of only a flag in code under a line of words: that flag, of the section's command
    ("option", "末尾だけ見る", "--tail=N"),
    ("meaning", "--tail", "末尾だけ見る"),
    ("command", "末尾だけ見る", "docker logs --tail=5 hoge01"),
    # "## docker run -it" over "- i: …": a letter of the heading's cluster of flags
    ("option", "入力を開いたまま", "-i"),
    ("meaning", "-i", "入力を開いたまま"),
    ("option", "仮の端末", "-t"),
    ("meaning", "-t", "仮の端末"),
    # "* grep" over "* オプション" over "* -o：…": the item naming a program is the flags' command
    ("option", "合う所だけ出す", "-o"),
    ("meaning", "-o", "合う所だけ出す"),
    # "#### `-d`" under "## オプション": a flag's heading, its words the first line under it
    ("option", "裏に回して動かす", "-d"),
    ("meaning", "-d", "裏に回して動かす"),
    ("option", "仮の端末を付ける", "-t"),
    ("meaning", "-t", "仮の端末を付ける"),
    ("option", "名札を付ける", "--name <HOGE_NAME>"),
    ("meaning", "--name", "名札を付ける"),
    # "## exec" over flag bullets in notes about docker: a command of the program the notes use
    ("option", "入力を受け付けたままにする", "-i"),
    ("meaning", "-i", "入力を受け付けたままにする"),
    ("option", "ポートを開ける", "-p <HOST>:<CONTAINER>"),
    ("meaning", "-p", "ポートを開ける"),
    # a value written as the list of its choices is the notes' list, not a value to type
    ("option", "落ちたら起こす", "--restart"),
    ("meaning", "--restart", "落ちたら起こす"),
]

DOCKERFILE_VALUES = [
    ("dockerfile", "小さなイメージ: ビルドの元になるベースイメージ", "FROM alpine:3"),
    # what a RUN/CMD line runs: its command's words in the prompt when its comment does not
    # name them, its values beside the prompt (study's values); the instruction's own word
    # in a comment is left out ("# RUN: ビルド時に走る")
    ("dockerfile", "依存を入れる（apk add）", "RUN apk add --no-cache hoge"),
    ("dockerfile", "ビルド時に走る（echo）", "RUN echo fuga"),  # echo has no subcommands: fuga is a value
    ("dockerfile", "起動したら動かす（piyo-server）", 'CMD ["piyo-server", "--port", "80"]'),
    ("dockerfile", "piyo を常に動かす", 'ENTRYPOINT ["piyo"]'),
]


def test_a_run_or_cmd_card_shows_what_its_prompt_does_not():
    from dockquiz.grading.forms import card_values

    notes = parse_notes((SHAPES / "dockerfile-values.ja.md").read_text("utf-8"), deck="x")
    shown = [card_values(d.kind, d.answer) for d in notes.drafts]
    assert shown == [["alpine:3"], ["hoge"], ["fuga"], ["80"], []]  # never the command's own words


def test_flags_under_an_options_heading_go_to_the_command_that_has_them_all():
    notes = parse_notes((SHAPES / "option-headings.ja.md").read_text("utf-8"), deck="x")
    commands = {d.answer: d.command for d in notes.drafts if d.kind == "option"}
    assert commands["-t"] == "docker container run"  # not docker container logs -t (timestamps)
    assert (commands["-i"], commands["-p <HOST>:<CONTAINER>"]) == ("docker exec", "docker run")


def test_a_top_level_key_is_said_as_what_it_declares():
    notes = parse_notes((SHAPES / "compose-keys.ja.md").read_text("utf-8"), deck="x")
    en = {d.prompt_ja: d.prompt_en for d in notes.drafts}
    assert en["名前付きの置き場"] == "Named volumes the services can mount"
    assert en["既製のイメージを使う"] == "Image the service runs"


def test_a_flag_belongs_to_the_part_of_the_line_that_has_it():
    notes = parse_notes((SHAPES / "option-comments.ja.md").read_text("utf-8"), deck="x")
    commands = {d.answer: d.command for d in notes.drafts if d.kind == "option"}
    assert (commands["--strip"], commands["--rm"], commands["-f"]) == ("tar", "docker run", "docker logs")
    assert [w.params["flag"] for w in notes.warnings] == ["--tty"]


DESCRIPTION_SIDE = [
    # each description under its block (the section's first line is its intro): the line under a block is its own
    ("command", "サービスのログを表示する", "journalctl -u web"),
    ("command", "新しいログを追いかける", "journalctl -f"),
    ("command", "今いる場所の大きさを見る", "du -sh ."),
    ("command", "空き容量を見る", "df -h"),
    # each description over its block: the line over a block is its own
    ("command", "番号でプロセスを止める", "kill 1234"),
    ("command", "強制的に止める", "kill -9 1234"),
    # no line over the first block: the descriptions are under them
    ("command", "Size of the temporary folder (only a total for each argument, with human-readable sizes)", "du -sh /tmp"),
    ("command", "Free inodes on each disk", "df -i"),
    # a line ending in ":" points at the block under it; the last line is a remark
    ("command", "list the files (in long format, including hidden entries)", "ls -la"),
    ("command", "count the lines", "wc -l notes.txt"),
    # a sentence around a block: "…には、" leads it, "で…" under it carries on (after a reason: its words)
    ("command", "一時ファイルを消すには", "rm -rf /tmp/cache"),
    ("command", "古いログを消す", "rm /tmp/old.log"),
    ("command", "中身を確かめる", "ls /tmp"),
    # inside a block, each comment under its command (the block starts with a command): the comment under it
    ("example", "イメージ（手元のイメージを一覧する）", "docker image ls"),
    ("example", "イメージ（使っていないイメージを消す）", "docker image prune -f"),
    ("example", "イメージ（イメージの詳細を見る）", "docker image inspect web:1.0"),
    # and over it, as most write
    ("example", "ネットワーク（ネットワークを一覧する）", "docker network ls"),
    ("example", "ネットワーク（ネットワークを作る）", "docker network create backend"),
    # a section's label over its steps of one bare command each goes to the step it names
    ("command", "ブランチを取り込む", "git merge topic"),
    # "手順2", "方法1" are a step's number, no description: no card
    # after "$" prompts: a syntax line and a table's head under the label leave it to the command
    ("example", "ボリューム（ボリュームを作る）", "docker volume create --label app=web data"),
    ("option", "ラベルを付ける", "--label"),
    ("meaning", "--label", "ラベルを付ける"),
    # a syntax line with "[オプション]" leaves the label to its example too
    ("example", "ボリューム（ボリュームを消す）", "docker volume rm [オプション] data"),
    ("example", "ボリューム（ボリュームを消す）", "docker volume rm -f data"),
    # a lead holding code that is no command: "To …" (or "…:") leads; a remark about a value does not
    ("command", "check whether build/out.txt would be ignored", "git check-ignore build/out.txt"),
    # a heading's words that say no command (a topic): the command's own words lead, then the topic
    (
        "command",
        "Show the state of the working tree, show ignored files, optional modes: traditional, matching, no (Ignore (English))",
        "git status --ignored",
    ),
    # "A/B（…の場合）" names no two steps: the label goes to the line doing the step, no "— A", "— B"
    ("example", "ツール（Node/pnpm（Macの場合））", "brew install node"),
    # an install's label goes to the step installing what it names, not to the first install
    ("example", "Redis をインストール", "sudo apt-get install -y redis-server"),
    # a question ("…のだろうか") or "…は下記の通り" over a block is a remark: no card from it
    # a lead that only says "here it is" ("An example for the command is") leaves it to the question above
    # gcloud's help says what --zones does, and the English words do not (a zone, not --zones)
    (
        "example",
        "How do I list the disks of a zone? (only zonal resources are shown (asia-northeast1-a))",
        "gcloud compute disks list --zones asia-northeast1-a",
    ),
]


SUBCOMMANDS = [
    # "* ls：…" under a heading naming the group, in notes whose title names the program
    ("command", "ネットワークを一覧する", "docker network ls"),
    ("command", "ネットワークを作る", "docker network create"),
    # "driver" is no subcommand of docker network: no card
    ("command", "使っていないボリュームを消す", "docker volume prune"),
    # under a lead with no group: the program's own subcommand
    ("command", "クライアントとデーモンの版を見る", "docker version"),
    # "image", "name" under "用語": no command the grammar reads
    ("command", "リソースを一覧する", "kubectl get"),
]


BLOCK_LABELS = [
    # a line of words in a block, standing apart over a command, is its comment without the "#":
    # in brackets (among "$" prompts too; "[+] Running" right under a command is output)
    ("example", "compose の手順（サービスを起動）", "docker compose up -d"),
    ("example", "compose の手順（サービスを止める）", "docker compose down"),
    # ending in ":" ("list:" only spells the command: no description, no card)
    ("example", "log in with a browser", "gcloud auth login"),
    # in Japanese words
    ("command", "取り消したい場合", "git rebase --abort"),
    # a "#!" line is no label (and "メモ" is a topic)
    # an English comment that starts like a command ("find …") but is a sentence is the line's words
    ("command", "find processes holding ports (of network connections :8080)", "lsof -i :8080"),
]


FENCE_LANGUAGES = [
    # a caption after the fence's language (or alone, "```:…") is the block's own words
    ("command", "今の設定を確認する", "kubectl config view"),
    ("command", "コンテナを全部止める", "docker stop $(docker ps -q)"),
    # a file's name there is no caption: the heading labels it
    ("command", "設定", "docker compose up -d"),
    # a block of commands the grammar reads is shell whatever its fence says
    ("command", "Pod を一覧する", "kubectl get pods"),
    ("command", "クラスタを止める", "minikube stop"),
    # and a block of code is not
]


@pytest.mark.parametrize(
    "name, want",
    [
        ("description-side.ja.md", DESCRIPTION_SIDE),
        ("option-comments.ja.md", OPTION_COMMENTS),
        ("option-headings.ja.md", OPTION_HEADINGS),
        ("dockerfile-values.ja.md", DOCKERFILE_VALUES),
        ("compose-keys.ja.md", COMPOSE_KEYS),
        ("comment-runs.ja.md", COMMENT_RUNS),
        ("nested-leads.ja.md", NESTED_LEADS),
        ("steps.ja.md", STEPS),
        ("rootprompt.ja.md", ROOT_PROMPT),
        ("dockerfile-prose.ja.md", DOCKERFILE_PROSE),
        ("tools.en.md", TOOLS_EN),
        ("more.ja.md", MORE),
        ("subcommands.ja.md", SUBCOMMANDS),
        ("block-labels.ja.md", BLOCK_LABELS),
        ("fence-languages.ja.md", FENCE_LANGUAGES),
    ],
)
def test_every_card_of_the_notes(name, want):
    assert cards(name) == want


def test_a_flag_bullet_without_a_command_is_a_warning():
    assert warnings("steps.ja.md") == ["notes.warn.option_no_command"]


@pytest.mark.parametrize("name", sorted(p.name for p in SHAPES.glob("*.md")))
def test_every_card_has_an_english_prompt(name):
    notes = parse_notes((SHAPES / name).read_text("utf-8"), deck="x")
    assert [d.answer for d in notes.drafts if not d.prompt_en.strip()] == []


def test_english_prompts_never_spell_the_answer_and_english_notes_keep_their_words():
    notes = parse_notes((SHAPES / "tools.en.md").read_text("utf-8"), deck="tools")
    en = {d.answer: d.prompt_en for d in notes.drafts}
    assert en["vllm serve meta-llama/Llama-3-8B --port 8000"] == "Serve the model"  # the notes' own words
    notes = parse_notes("## 退避の一覧\n\n```bash\ngit stash list\n```\n", deck="x")
    assert [d.prompt_en for d in notes.drafts] == ["List the stash entries"]  # our words: git's help names only the group
    notes = parse_notes("## 分割\n\n```bash\ngit subtree split --prefix=lib\n```\n", deck="x")
    assert [d.prompt_en for d in notes.drafts] == ["A `git` command"]  # no help describes it: the program, study shows the rest
    notes = parse_notes((SHAPES / "steps.ja.md").read_text("utf-8"), deck="steps")
    en = {d.answer: d.prompt_en for d in notes.drafts}
    assert en["git merge --no-ff release"] == "Merge release, do not allow fast-forward"  # the opposite of --ff's words
    assert en["brew install awscli"] == "Install packages with Homebrew"  # our words for brew install; study shows the value
    assert en["sudo apt install awscli"] == "Install packages"  # the words of our own for apt's commands
    assert en["curl http://localhost:8080"] == "Transfer data from or to a URL"
    assert en["docker ps"] == "List containers"


def test_a_japanese_placeholder_is_named_by_the_usage_in_english():
    notes = parse_notes(SAMPLE.read_text("utf-8"), deck="x")
    (rmi,) = [d for d in notes.drafts if d.answer == "docker rmi [イメージID]"]
    assert rmi.prompt_en == "Remove image <IMAGE>"


@pytest.mark.parametrize("path", [*sorted(SHAPES.glob("*.md")), SAMPLE], ids=lambda p: p.name)
def test_no_english_prompt_holds_japanese_or_the_whole_answer(path):
    from dockquiz.i18n import has_japanese

    notes = parse_notes(path.read_text("utf-8"), deck="x")
    assert [d.prompt_en for d in notes.drafts if has_japanese(d.prompt_en)] == []
    composed = [d for d in notes.drafts if d.kind in ("command", "example") and has_japanese(d.prompt_ja)]
    spelt = [d.answer for d in composed if d.answer in d.prompt_en]
    assert spelt == []


def test_cards_sharing_an_english_prompt_are_told_apart_by_what_differs():
    """Made-up notes: two copies the other way round, whose shown values and placeholders are the
    same, and a group's default subcommand typed out on another card: the English prompts say
    the order of the arguments, and the subcommand typed."""
    text = (
        "## コピー\n\n```\nkubectl cp <file> <pod>:<dir>\n```\n\n逆向き\n\n```\nkubectl cp <pod>:<dir> <file>\n```\n\n"
        "## 退避\n\n```\ngit stash\n```\n\n## 退避する\n\n```\ngit stash push\n```\n\n"
        "## 一覧\n\n```\ngit stash list\n```\n\n"
        "## 削除\n\n```\ndocker volume rm web\n```\n\n## 削除2\n\n```\ndocker volume rm db\n```\n"
    )
    drafts = parse_notes(text, deck="x").drafts
    en = {d.answer: d.prompt_en for d in drafts}
    copy = "Copy files and directories to and from containers"
    assert en["kubectl cp <file> <pod>:<dir>"] == f"{copy} (arguments in this order: <file>, then <pod>:<dir>)"
    assert en["kubectl cp <pod>:<dir> <file>"] == f"{copy} (arguments in this order: <pod>:<dir>, then <file>)"
    assert en["git stash"] == "Put changes aside as a new stash entry"
    assert en["git stash push"] == "Put changes aside as a new stash entry, with the subcommand push typed"
    assert en["git stash list"] == "List the stash entries"  # its prompt is its own
    # the values study shows tell these apart already: the prompts stay as they are
    assert en["docker volume rm web"] == en["docker volume rm db"] == "Remove volumes"
    # a Japanese prompt two such cards share is told apart by the arguments as written
    text = "## コピー\n\n```\nkubectl cp <file> <pod>:<dir>\n```\n\n```\nkubectl cp <pod>:<dir> <file>\n```\n"
    ja = {d.answer: d.prompt_ja for d in parse_notes(text, deck="x").drafts}
    assert ja == {
        "kubectl cp <file> <pod>:<dir>": "コピー — <file> <pod>:<dir>",
        "kubectl cp <pod>:<dir> <file>": "コピー — <pod>:<dir> <file>",
    }


def test_each_command_under_one_comment_is_told_apart_by_what_it_does():
    """A comment over several commands that each do something (not a look, not a preparation):
    each gets it with the grammar's words for what it does (the first too: the comment is all of theirs);
    a look after a step (``kubectl get pods`` under "roll out the app") still gets no card."""
    got = cards("label-siblings.en.md")
    assert got == [
        ("example", "tidy up the disk — Remove all stopped containers", "docker container prune"),
        ("example", "tidy up the disk — Remove unused local volumes", "docker volume prune"),
        ("example", "tidy up the disk — Remove build cache", "docker builder prune"),
        ("example", "sign in — Sign in to Google Cloud", "gcloud auth login"),
        ("example", "sign in — Lists credentialed accounts", "gcloud auth list"),
        ("example", "roll out the app (from app.yaml)", "kubectl apply -f app.yaml"),
    ]


def test_each_command_under_one_lead_line_or_list_item_is_told_apart_by_what_it_does():
    """A lead line, a list item or a block's caption over several commands that each do a step:
    each gets the label with the grammar's words for what it does ("Manage the web
    container" says all three); a preparation (cd) and a look (compose ps) around the step still
    get none, nor does a heading's label go to more than the step's line, nor a remark ("…は下記の通り")
    to any."""
    assert cards("lead-siblings.md") == [
        ("example", "Manage the web container — Pause all processes in containers", "docker pause web"),
        ("example", "Manage the web container — Resume paused containers", "docker unpause web"),
        ("example", "Manage the web container — Kill running containers", "docker kill web"),
        ("example", "イメージの掃除 — 使われていないイメージを削除する", "docker image prune"),
        ("example", "イメージの掃除 — Remove build cache", "docker builder prune"),
        ("example", "ネットワークを作ってつなぐ — ネットワークを作成する", "docker network create app-net"),
        ("example", "ネットワークを作ってつなぐ — コンテナをネットワークに接続する", "docker network connect app-net web"),
        ("example", "Start the stack (in the background)", "docker compose up -d"),
        ("example", "ブランチ作業", 'git commit -m "wip"'),
    ]


def test_k_reads_as_kubectl():
    """``k``, the alias kubectl users set, is read with kubectl's grammar: its lines are commands."""
    assert cards("k-alias.en.md") == [
        ("command", "Show every pod in every namespace", "k get pods -A"),
        ("command", "Follow the logs of a pod", "k logs -f <pod>"),
    ]


def test_dockerfile_instructions_described_in_tables_prose_and_headings():
    """Each instruction the notes describe gives a dockerfile card: a table row of an instruction
    (in code or not; a syntax line whose arguments only name values asks the instruction alone,
    one with placeholders keeps them), a sentence starting with the instruction in code
    (`` `WORKDIR` で… ``), and an untagged block of instruction lines under a heading naming the
    instruction, its words the line over the block (a RUN/CMD line names the command it runs).
    A heading alone says nothing of what its line does, and advice is no description."""
    assert cards("dockerfile-described.ja.md") == [
        ("dockerfile", "ベースイメージを指定する", "FROM"),
        ("dockerfile", "作業ディレクトリを指定する", "WORKDIR"),
        ("dockerfile", "公開するポートを宣言する", "EXPOSE"),
        ("dockerfile", "ホストのファイルをイメージにコピーする", "COPY <src> <dest>"),
        ("dockerfile", "環境変数を設定する", "ENV"),
        ("dockerfile", "以降の命令を実行するユーザーを決める", "USER"),
        ("dockerfile", "ビルド時の変数を渡せる", "ARG"),
        ("dockerfile", "ビルドコンテキストのファイルをイメージにコピーする", "COPY ./src /app/src"),
        ("dockerfile", "イメージを作るときに実行するコマンドを書く（apt-get install）", "RUN apt-get install -y curl"),
        ("dockerfile", "コンテナを起動したときに実行するコマンドを指定する（node）", 'CMD ["node", "server.js"]'),
        # a comment's verb is no instruction word: "Expose" keeps its place
        ("dockerfile", "Expose the web port", "EXPOSE 8080"),
    ]


def test_commands_in_items_under_one_label_are_told_apart_by_what_they_do():
    """Items of one command each under a list item's label: different commands the values do not
    tell apart each get the label with the grammar's words for what they do, not the first alone;
    looks (``docker ps``, ``docker images`` under "状態を見る") still give the label to one."""
    assert cards("item-siblings.ja.md") == [
        ("command", "リソースの使用量 — ノードの CPU・メモリ使用量を表示する", "kubectl top node"),
        ("command", "リソースの使用量 — Pod の CPU・メモリ使用量を表示する", "kubectl top pod"),
        ("command", "片付け — 停止中のコンテナをすべて削除する", "docker container prune"),
        ("command", "片付け — 使われていないイメージを削除する", "docker image prune"),
        ("command", "片付け — イメージを削除する", "docker rmi old-image"),
        ("command", "状態を見る", "docker ps"),
    ]


def test_commands_in_sentences_take_the_words_that_say_what_they_do():
    """Inline code in prose: the words before it when nothing follows ("Verify that it works by
    running `X`", "Initialise … with `X`", "merge の取り消しは、`X`"), the next sentence when it
    says what the command does ("Run the command `X`. This makes …"), and a command after a step's
    joint ("…を書いて、`X`で Pod を作る"), but not after words pointing back ("このコマンドを使って、"),
    which would take the flags below from the section's command."""
    assert cards("prose-commands.md") == [
        ("command", "Verify that it works", "docker version"),
        ("command", "Initialise the repository", "git init"),
        ("command", "Makes every pull rebase (for every repository)", "git config --global pull.rebase true"),
        ("command", "merge の取り消し", "git merge --abort"),
        ("command", "Pod を作る", "kubectl apply -f web.yaml"),
        ("command", "名前を調べて", "kubectl get pods"),
        ("command", "ログを見る", "kubectl logs web-1"),
        ("option", "表示するコンテナを絞り込む", "--filter"),
        ("meaning", "--filter", "表示するコンテナを絞り込む"),
    ]


def test_an_option_prompt_never_holds_its_own_flag():
    """A description that writes the flag it describes (``-L = --location``, ``(--x – words)``,
    ``… (-o out.html)``) is asked with the words without it, or makes no card (made-up notes)."""
    text = (
        "## curl\n\n| オプション | 説明 |\n|---|---|\n"
        "| -o | ファイルに保存 (-o out.html) |\n"
        "| -L | -L = --location |\n"
        "| --compressed | (--compressed – 圧縮して受け取る) |\n"
        "| -s | 進捗を出さない |\n"
        "| -f | 届いた順に出す、tail -f のように |\n"
    )
    got = [(d.kind, d.prompt_ja, d.answer) for d in parse_notes(text, deck="t").drafts]
    assert got == [
        ("option", "ファイルに保存", "-o"),
        ("meaning", "-o", "ファイルに保存"),
        ("option", "圧縮して受け取る", "--compressed"),
        ("meaning", "--compressed", "圧縮して受け取る"),
        ("option", "進捗を出さない", "-s"),
        ("meaning", "-s", "進捗を出さない"),
        ("option", "届いた順に出す、tail -f のように", "-f"),
        ("meaning", "-f", "届いた順に出す、tail -f のように"),
    ]


def test_a_japanese_label_told_apart_by_the_grammars_words_says_each_flag_too():
    """A Japanese label over several commands, told apart by the grammar's words for what each
    does, says each flag the line has as the English prompt does — the grammar's Japanese words
    for it where it has them, else the help's — and never the flag itself."""
    text = "## 片付け\n\n```bash\n# 作業ブランチを片付ける\ngit push -f origin dev\ngit branch -D feat\n```\n"
    ja = {d.answer: d.prompt_ja for d in parse_notes(text, deck="x").drafts}
    push, branch = ja["git push -f origin dev"], ja["git branch -D feat"]
    assert push.startswith("片付け（作業ブランチを片付ける） — コミットをリモートに送る（")
    assert branch.startswith("片付け（作業ブランチを片付ける） — ブランチを一覧・作成・削除する（")
    assert push != "片付け（作業ブランチを片付ける） — コミットをリモートに送る（）"
    assert "-f" not in push and "-D" not in branch
    text = "## コンテナ\n\n- 動かしてみる\n\n```\ndocker pull img\ndocker run -d --rm -p 80:80 img\n```\n"
    ja = {d.answer: d.prompt_ja for d in parse_notes(text, deck="x").drafts}
    run = ja["docker run -d --rm -p 80:80 img"]
    # docker's grammar has Japanese words for these three flags (content/cli/docker.toml)
    for words in ("コンテナをバックグラウンドで動かす", "終了したコンテナを自動で削除する", "コンテナのポートをホストに公開する"):
        assert words in run
    assert ja["docker pull img"] == "動かしてみる — レジストリからイメージをダウンロードする"  # no flag: as it was
    # a command substitution's flags are its inner command's, not the outer line's
    text = "## 掃除\n\n```\n# まとめて消す\ndocker rm -f $(docker ps -a -q)\ndocker rmi $(docker images -q)\n```\n"
    ja = {d.answer: d.prompt_ja for d in parse_notes(text, deck="x").drafts}
    assert ja["docker rm -f $(docker ps -a -q)"] == "掃除（まとめて消す） — コンテナを削除する（起動中でも強制的に削除する）"


def test_commands_sharing_a_bare_heading_are_told_apart_by_their_own_words():
    """Different commands whose only words are one bare heading (``## 表示``) get the heading with
    the grammar's words for what each does (and its flags), as the English side says them."""
    text = "## 表示\n\n```\nkubectl get pods\n```\n\n```\nkubectl describe pod web\n```\n"
    ja = [d.prompt_ja for d in parse_notes(text, deck="x").drafts]
    assert len(ja) == 2 and len(set(ja)) == 2
    assert all(p.startswith("表示 — ") for p in ja)
    # a heading over one command alone keeps its words
    one = parse_notes("## 表示\n\n```\nkubectl get pods\n```\n", deck="x").drafts
    assert [d.prompt_ja for d in one] == ["表示"]
