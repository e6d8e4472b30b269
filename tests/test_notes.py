"""The notes reader on real notes: the sample notes and notes on other tools."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dockquiz.notes import parse_notes
from dockquiz.notes.reader import _markdown

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def sample():
    return parse_notes((FIXTURES / "docker-basics.ja.md").read_text("utf-8"), deck="docker-basics")


@pytest.fixture(scope="module")
def cloud():
    return parse_notes((FIXTURES / "cloud-tools.ja.md").read_text("utf-8"), deck="cloud-tools")


def answers(notes, kind, command=None):
    return [d.answer for d in notes.drafts if d.kind == kind and (command is None or d.command == command)]


def test_sample_commands(sample):
    got = answers(sample, "command")
    for want in [
        "docker pull ${IMAGE_NAME}",
        "docker search ${SARCH_WORDS}",
        "docker build ./ -t ${IMAGE_NAME}",
        "docker images",
        "docker rmi [イメージID]",
        "docker run ${CONTAINER_NAME} ${IMAGE_NAME} /bin/bash",
        "docker exec -it ${CONTAINER_ID} /bin/sh",
        "docker ps",
        "docker stop ${CONTAINER_ID}",
        "docker-compose up -d",
        "docker-compose ps",
        "docker-compose run ${PROGRAM}",
    ]:
        assert want in got


def test_sample_command_prompt_is_the_heading(sample):
    pull = next(d for d in sample.drafts if d.answer == "docker pull ${IMAGE_NAME}")
    assert pull.prompt_ja == "Docker イメージのダウンロード"
    assert pull.section == ["Docker の基本事項・基本コマンド", "Docker イメージ関連", "Docker イメージのダウンロード"]
    assert pull.source_line == 7


def test_sample_options_with_descriptions(sample):
    run = {d.answer.split()[0]: d.prompt_ja for d in sample.drafts if d.kind == "option" and d.command == "docker run"}
    assert set(run) == {"-i", "-t", "--rm", "--name", "-v", "-d"}
    assert run["-d"] == "バックグラウンドでコンテナを作成"
    assert answers(sample, "option", "docker-compose up") == ["-d"]
    assert answers(sample, "option", "docker-compose run") == ["--rm", "-v"]


def test_every_described_option_gets_a_meaning_card(sample):
    options = [(d.command, d.answer.split()[0]) for d in sample.drafts if d.kind == "option"]
    meanings = [(d.command, d.prompt_ja) for d in sample.drafts if d.kind == "meaning"]
    assert options == meanings
    rm = next(d for d in sample.drafts if d.kind == "meaning" and d.prompt_ja == "--rm")
    assert rm.answer == "コンテナから抜けるとコンテナを自動で削除する"


def test_placeholder_bullets_are_hints_not_cards(sample):
    run = next(d for d in sample.drafts if d.kind == "command" and d.answer.startswith("docker run"))
    assert run.hints["${CONTAINER_NAME}"] == "コンテナ名"
    assert run.hints["/bin/bash"] == "ターミナル（bash）を起動"
    assert not any("${CONTAINER_NAME}" == d.answer for d in sample.drafts)


def test_sample_examples(sample):
    got = answers(sample, "example")
    assert "docker pull pytorch/pytorch" in got
    assert "docker run --gpus all nvidia/cuda:9.0-base nvidia-smi" in got
    assert "docker run -it --rm --name pytorch_container pytorch/pytorch /bin/bash" in got
    gpu = next(d for d in sample.drafts if d.answer.startswith("docker run --gpus"))
    assert "全ての GPU を認識" in gpu.prompt_ja


def test_output_lines_are_never_cards(sample):
    text = " ".join(d.answer for d in sample.drafts)
    for output in ("REPOSITORY", "Sending build context", "root@", "CONTAINER ID", "floydhub"):
        assert output not in text
    assert not any(d.answer.startswith(("HOST_DIR=", "ls", "cd ")) for d in sample.drafts)


def test_sample_dockerfile_cards(sample):
    got = answers(sample, "dockerfile")
    for want in [
        "CMD",
        "FROM pytorch/pytorch",
        "ENV PYTHONIOENCODING utf-8",
        "ENV NVIDIA_VISIBLE_DEVICES all",
        "FROM nvidia/cuda:10.0-cudnn7-devel-ubuntu16.04",
    ]:
        assert want in got
    from_card = next(d for d in sample.drafts if d.answer == "FROM pytorch/pytorch")
    assert from_card.prompt_ja == "pytorch 環境をベースにする"
    cmd = next(d for d in sample.drafts if d.answer == "CMD")
    assert cmd.prompt_ja == "コンテナが作成された後で実行するコマンドを指定する"


def test_backslash_continuations_are_joined(sample):
    run = next(d for d in sample.drafts if d.answer.startswith("RUN apt-get"))
    assert "python3-pip" in run.answer and "pip install --upgrade pip" in run.answer
    assert "キャッシュ削除" not in run.answer


def test_empty_definitions_warn_with_line(sample):
    empty = [(w.line, w.params.get("name")) for w in sample.warnings if w.key == "notes.warn.empty_definition"]
    assert (202, "FROM") in empty and (203, "ARG") in empty and (204, "ENV") in empty
    assert not any(d.answer in ("FROM", "ARG", "ENV") for d in sample.drafts)


@pytest.mark.parametrize(
    "text",
    [
        "# kubectl\n\n- `kubectl logs -f web` : \n- `kubectl get pods` : Pod を一覧\n",  # the heading: the program
        "## kubectl logs\n\n- `kubectl get pods` : list the pods\n- `kubectl logs -f web` :\n",  # the heading: its path
    ],
)
def test_a_command_whose_definition_is_empty_and_gets_no_card_is_a_warning(text):
    """A new user's `` - `kubectl logs -f web` : `` made no card and said nothing, while an empty
    definition is a warning (README): the line that gets no card says so with its line."""
    notes = parse_notes(text, deck="x")
    assert not any(d.answer == "kubectl logs -f web" for d in notes.drafts)
    empty = [(w.line, w.params.get("name")) for w in notes.warnings if w.key == "notes.warn.empty_definition"]
    line = next(i for i, x in enumerate(text.splitlines(), 1) if "`kubectl logs" in x)
    assert empty == [(line, "kubectl logs -f web")]


@pytest.mark.parametrize("text", ["# ログ\n\n## 追いかける\n\n- `kubectl logs -f web` : \n", "- `kubectl logs -f web` :\n"])
def test_a_command_whose_definition_is_empty_but_gets_a_card_is_no_warning(text):
    """The heading's words, else the help's words for the whole line, make its card."""
    notes = parse_notes(text, deck="x")
    assert [d.answer for d in notes.drafts] == ["kubectl logs -f web"]
    assert not [w for w in notes.warnings if w.key == "notes.warn.empty_definition"]


def test_an_instruction_bullet_is_described_by_the_first_bullet_under_it():
    text = (
        "## Dockerfile\n\n- EXPOSE\n  - 待ち受けるポートを書いておく\n  - 公開はしない\n"
        "- RUN:\n  - イメージのビルド時に実行される\n- ARG :\n"
    )
    notes = parse_notes(text, deck="x")
    assert [(d.prompt_ja, d.answer) for d in notes.drafts] == [
        ("待ち受けるポートを書いておく", "EXPOSE"),
        ("イメージのビルド時に実行される", "RUN"),
    ]
    assert [w.params["name"] for w in notes.warnings if w.key == "notes.warn.empty_definition"] == ["ARG"]  # nothing under it


def test_an_instruction_defined_with_a_dash_and_on_a_line_of_words():
    text = (
        "## Dockerfile\n\n- ENV命令は1つのイメージに何度でも書ける\n- WORKDIR命令 - 作業ディレクトリを決める\n"
        "\nARG命令：ビルド時の変数を決める\nLABEL: メタデータを付ける\n"
    )
    assert [(d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts] == [
        # "ENV命令は…": a sentence about it, not what it does
        ("作業ディレクトリを決める", "WORKDIR"),
        ("ビルド時の変数を決める", "ARG"),
        ("メタデータを付ける", "LABEL"),
    ]


def test_sample_compose_keys(sample):
    got = answers(sample, "compose")
    for key in ["container_name", "image", "volumes", "tty", "ports", "command"]:
        assert key in got
    assert next(d for d in sample.drafts if d.answer == "container_name").prompt_ja == "コンテナ名"


def test_english_prompts_for_known_answers(sample):
    docker = [d for d in sample.drafts if d.kind in ("command", "option")]
    with_en = [d for d in docker if d.prompt_en]
    assert len(with_en) / len(docker) >= 0.9


def test_keys_are_unique(sample, cloud):
    for notes in (sample, cloud):
        keys = [d.key for d in notes.drafts]
        assert len(keys) == len(set(keys))


# --- notes by another author, on other tools ------------------------------------------------


def test_other_tools_commands(cloud):
    got = answers(cloud, "command")
    assert "gcloud container clusters create ${CLUSTER_NAME}" in got
    assert "gcloud container clusters get-credentials ${CLUSTER_NAME}" in got  # code block, no $
    assert "kubectl get pods" in got
    assert "kubectl apply -f <manifest.yaml>" in got
    assert "psql -h localhost -U postgres -d app" in got
    assert "pg_dump -U postgres app > app.sql" in got
    assert "sbatch --gres=gpu:1 job.sh" in got
    assert "squeue -u ${USER}" in got


def test_other_tools_prompts(cloud):
    apply = next(d for d in cloud.drafts if d.answer.startswith("kubectl apply"))
    assert apply.prompt_ja == "マニフェストをクラスタに反映する"
    creds = next(d for d in cloud.drafts if "get-credentials" in d.answer)
    assert creds.prompt_ja == "kubectl から使えるようにする"
    create = next(d for d in cloud.drafts if "clusters create" in d.answer)
    assert create.prompt_ja == "クラスタの作成"  # numbering "1-1." dropped
    assert create.section == ["Kubernetes / GCP / DB メモ", "GKE クラスタ", "クラスタの作成"]


def test_other_tools_options(cloud):
    assert answers(cloud, "option", "gcloud container clusters create") == ["--num-nodes", "--zone"]
    # kubectl's grammar (generated from its help) names the command `kubectl get`; `pods` is its argument
    assert answers(cloud, "option", "kubectl get") == ["-n", "-A", "-o wide"]
    assert answers(cloud, "option", "sbatch") == ["--gres", "-p"]
    create = next(d for d in cloud.drafts if "clusters create" in d.answer)
    assert create.hints == {"${CLUSTER_NAME}": "クラスタ名"}


def test_other_tools_examples_and_noise(cloud):
    assert answers(cloud, "example") == ["kubectl get pods -n kube-system"]
    text = " ".join(d.answer + d.prompt_ja for d in cloud.drafts)
    for noise in ("TODO", "coredns", "Error from server", "images/k8s.png", "kubernetes.io"):
        assert noise not in text


def test_crlf_and_bom_read_the_same():
    raw = (FIXTURES / "docker-basics.ja.md").read_text("utf-8")
    plain = parse_notes(raw, deck="d")
    crlf = parse_notes("\ufeff" + raw.replace("\n", "\r\n"), deck="d")
    assert [(d.key, d.answer) for d in plain.drafts] == [(d.key, d.answer) for d in crlf.drafts]


def test_empty_notes_make_no_cards():
    assert parse_notes("", deck="x").drafts == []
    assert parse_notes("# タイトル\n\nただの文章です。\n", deck="x").drafts == []


def test_closing_fence_longer_than_opening_and_br():
    notes = parse_notes("### 削除\n\n- `$ docker rm ${ID}`<br>\n\n    ```sh\n    $ docker rm abc\n    ````\n", deck="x")
    assert answers(notes, "command") == ["docker rm ${ID}"]
    assert answers(notes, "example") == ["docker rm abc"]


def test_example_prompts_in_english_are_composed_from_their_parts(sample):
    from dockquiz.grading.grammar import grammar
    from dockquiz.notes.english import example_sentence

    g = grammar()
    run = next(d for d in sample.drafts if d.answer == "docker run -it --rm --name pytorch_container pytorch/pytorch /bin/bash")
    assert run.prompt_en == (
        "Run pytorch/pytorch with an interactive terminal, remove the container on exit, "
        "name it pytorch_container, and start /bin/bash"
    )
    assert example_sentence(g, "docker ps -a && docker images") == "List containers including stopped ones; then list images"
    assert example_sentence(g, "docker exec -it web bash") == "In container web, run bash with an interactive terminal"
    assert example_sentence(g, "kubectl get pods -n kube-system") == "List pods in namespace kube-system"
    assert example_sentence(g, "streamlit run app.py") == ""  # unknown program: no English invented


def test_meaning_cards_carry_english_choices(sample):
    rm = next(d for d in sample.drafts if d.kind == "meaning" and d.prompt_ja == "--rm" and d.command == "docker run")
    assert rm.hints["en"] == "Delete the container when it exits"


def test_builtin_deck_has_english_on_every_card():
    from dockquiz.resources import builtin_decks

    for path in builtin_decks():
        notes = parse_notes(path.read_text("utf-8"), deck=path.stem)
        assert notes.drafts and all(d.prompt_en for d in notes.drafts), [d.answer for d in notes.drafts if not d.prompt_en]


@pytest.fixture(scope="module")
def tables():
    return parse_notes((FIXTURES / "tables-and-lines.ja.md").read_text("utf-8"), deck="tables")


def test_commands_in_tables_and_definition_lines(tables):
    got = {d.answer: (d.prompt_ja, d.source_line) for d in tables.drafts if d.kind == "command"}
    assert got["docker ps -a"] == ("停止中も含めて一覧", 7)
    assert got["docker logs -f web"] == ("ログを追いかける", 8)
    assert got["docker system prune -a"] == ("使っていないものを全部消す", 23)
    assert got["docker image prune"] == ("不要なイメージを消す", 24)  # full-width colon
    assert got["kubectl describe pod ${POD}"] == ("Pod の詳細", 28)
    assert not any("普通の文" in d.answer or "ただのメモ" in d.answer for d in tables.drafts)


def test_option_table_belongs_to_the_sections_command(tables):
    assert answers(tables, "option", "docker run") == ["-d", "--rm", "-p 8080:80"]
    assert [d.prompt_ja for d in tables.drafts if d.kind == "meaning"] == ["-d", "--rm", "-p"]


def test_commands_in_headings_and_descriptions_before_code():
    notes = parse_notes((FIXTURES / "headings-style.ja.md").read_text("utf-8"), deck="headings")
    got = {d.answer: (d.prompt_ja, d.source_line) for d in notes.drafts if d.kind == "command"}
    assert got["docker ps"] == ("起動中のコンテナ一覧", 3)
    assert got["kubectl apply -f <file>"] == ("マニフェストを反映する。", 14)  # the paragraph under it
    assert got["docker volume ls"] == ("ボリューム一覧", 10)
    assert got["docker volume prune"] == ("使っていないボリュームを削除", 11)
    assert len(got) == 4  # "メモ: …" is not a command
    assert answers(notes, "option", "docker ps") == ["-a", "-q"]  # flags under the heading
    assert answers(notes, "option", "kubectl apply") == ["--dry-run=client"]
    volume = next(d for d in notes.drafts if d.answer == "docker volume prune")
    assert volume.command == "docker volume prune"  # not the "docker" group


# Markdown-ish lines, pipes left out: rules, headings, lists, fences, delimiter-like rows
_MD_LINE = st.one_of(
    st.sampled_from(
        [
            "",
            "---",
            ":--",
            "-:-",
            "--- ---",
            ": - :",
            "# 見出し",
            "## `docker ps`",
            "- `-d` : 説明",
            "  - `--rm`",
            "```",
            "```bash",
            "$ docker run -it ubuntu",
            "> error",
            "1. step",
            "<br>",
            "    indented",
            "text `code` more",
            "===",
            "* item",
            "[link](x)",
        ]
    ),
    st.text(st.characters(blacklist_characters="|", blacklist_categories=("Cs",)), max_size=20),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MD_LINE, max_size=12))
def test_notes_without_a_pipe_parse_the_same_without_the_table_rule(lines):
    """A table's header line holds a ``|``; notes with none skip the table rule (_markdown)."""
    text = "\n".join(lines)
    assert _markdown(tables=False).parse(text) == _markdown(tables=True).parse(text)


# Lines of the shapes notes have (list items empty or holding a block, leads and questions over
# code, commands, fences, tables): made-up, and joined at random.
_NOTES_LINE = st.one_of(
    _MD_LINE,
    st.sampled_from(
        [
            "-",
            "- ",
            "* ",
            "1.",
            "-     docker ps",
            "- ```",
            "  ```",
            "  docker ps -a",
            "- > 引用",
            "- ## 見出し",
            "- - 入れ子",
            "一覧を見るには?",
            "How do I list the roles?",
            "Another way is -",
            "docker ps",
            "git stash list",
            "kubectl get pods -A",
            "| コマンド | 説明 |",
            "|---|---|",
            "| `docker ps` | 一覧 |",
            "# コンテナ一覧",
            "<!-- dockquiz: ignore -->",
            "services:",
            "  web:",
            "    image: nginx  # イメージ",
            "FROM alpine",
            "RUN apk add curl",
        ]
    ),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_NOTES_LINE, max_size=14))
def test_the_reader_never_raises_on_any_layout(lines):
    """Import reads whatever a learner wrote: an empty bullet, a list item that starts with a
    code block, a question over nothing (an empty '-' over a fence made import raise)."""
    parse_notes("\n".join(lines), deck="x")


@pytest.mark.parametrize(
    "text",
    [
        "- \n- 一覧\n\n```\ndocker ps -a\n```\n",
        "- ```\n  docker ps\n  ```\n- 一覧を見る?\n\n```\ndocker ps\n```\n",
        "## x\n\n-     docker ps\n- 一覧\n\n```\ndocker ps -a\n```\n",
    ],
)
def test_a_list_whose_first_item_holds_no_words_is_read(text):
    assert [d.answer for d in parse_notes(text, deck="x").drafts if d.kind == "command"][-1:] in (["docker ps -a"], ["docker ps"])


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("*.md")))
def test_real_notes_parse_the_same_without_the_table_rule_when_they_have_no_pipe(fixture):
    text = (FIXTURES / fixture).read_text("utf-8")
    same = _markdown(tables=False).parse(text) == _markdown(tables=True).parse(text)
    assert same or "|" in text


# Each rule of the reader's list items (notes.reader.ITEM_RULES), with the cards it makes.
ITEM_RULE_CASES = {
    "flag_bullet": (
        "### コンテナを起動\n\n- `$ docker run ${IMAGE}`\n    - `-d` : バックグラウンドで実行する\n",
        [
            ("command", "コンテナを起動", "docker run ${IMAGE}"),
            ("option", "バックグラウンドで実行する", "-d"),
            ("meaning", "-d", "バックグラウンドで実行する"),
        ],
        [],
    ),
    "placeholder_hint": (
        "### イメージを取得\n\n- `$ docker pull ${IMAGE_NAME}`\n    - `${IMAGE_NAME}` : イメージ名\n",
        [("command", "イメージを取得", "docker pull ${IMAGE_NAME}")],
        [],
    ),
    "command_bullet": (
        "### 一覧\n\n- `docker ps` : 動いているコンテナを表示する\n",
        [("command", "動いているコンテナを表示する", "docker ps")],
        [],
    ),
    "instruction_definition": (
        "## Dockerfile\n\n- CMD コマンド : コンテナ起動時に実行するコマンドを指定する\n",
        [("dockerfile", "コンテナ起動時に実行するコマンドを指定する", "CMD")],
        [],
    ),
    "instruction_line": (
        "## Dockerfile\n\n- ベースイメージ : `FROM nvidia/cuda:10.0`\n",
        [("dockerfile", "ベースイメージ", "FROM nvidia/cuda:10.0")],
        [],
    ),
    "labelled_command": ("## 確認\n\n- コンテナ一覧 : `docker ps -a`\n", [("command", "コンテナ一覧", "docker ps -a")], []),
    "compose_key": (
        "## compose\n\n```yaml\nservices:\n  web:\n    image: nginx\n```\n\n- container_name : コンテナ名\n",
        [("compose", "コンテナ名", "container_name")],
        [],
    ),
    "subcommand_bullet": (
        "# Gitメモ\n\n## stash の操作\n\n* list：退避の一覧を見る\n* name：名前\n\n## その他\n\n* status：作業ツリーの状態\n",
        [("command", "退避の一覧を見る", "git stash list"), ("command", "作業ツリーの状態", "git status")],
        [],
    ),
    "line_commands": (
        "## 基本\n\n- 今の状態を見たい時/git status\n- hostname &nbsp;&nbsp; ホスト名を表示する\n"
        "- `docker build -t app .` でビルドして、`docker run app` で起動する\n",
        [
            ("command", "今の状態を見たい時", "git status"),
            ("command", "ホスト名を表示する", "hostname"),
            ("command", "ビルドして", "docker build -t app ."),
            ("command", "起動する", "docker run app"),
        ],
        [],
    ),
}


@pytest.mark.parametrize("rule", sorted(ITEM_RULE_CASES))
def test_each_list_item_rule_makes_its_cards(rule):
    text, cards, warnings = ITEM_RULE_CASES[rule]
    notes = parse_notes(text, deck="x")
    assert [(d.kind, d.prompt_ja, d.answer) for d in notes.drafts] == cards
    assert [w.key for w in notes.warnings] == warnings


def test_every_list_item_rule_has_its_case():
    from dockquiz.notes.items import ITEM_RULES

    assert [rule.__name__ for rule in ITEM_RULES] == list(ITEM_RULE_CASES)  # the same rules, in order


# One block of each kind the document walk meets (notes.blocks.BLOCK_READERS), with its card.
BLOCK_CASES = {
    "lists": "- `docker ps` : コンテナを一覧する\n",
    "code": "```sh\n# コンテナを一覧する\ndocker ps\n```\n",
    "paragraph": "コンテナを一覧する: `docker ps`\n",
    "table": "| コマンド | 説明 |\n|---|---|\n| `docker ps` | コンテナを一覧する |\n",
}


@pytest.mark.parametrize("kind", sorted(BLOCK_CASES))
def test_each_block_is_read_by_its_own_block_reader_and_passed_by_the_others(kind):
    from dockquiz.grading.grammar import grammar
    from dockquiz.notes.blocks import BLOCK_READERS
    from dockquiz.notes.english import english_prompt
    from dockquiz.notes.model import PASS, Context
    from dockquiz.notes.reader import Reader
    from dockquiz.notes.tree import build

    (node,) = build(_markdown().parse(BLOCK_CASES[kind])).children
    reader = Reader("x", grammar(), english_prompt)
    taken = [read.__module__.rsplit(".", 1)[1] for read in BLOCK_READERS if read(reader, node, Context([], ""), None) is not PASS]
    assert taken == [kind]
    assert [(d.kind, d.prompt_ja, d.answer) for d in reader.notes.drafts] == [("command", "コンテナを一覧する", "docker ps")]


def test_a_flag_without_a_command_is_a_warning_not_a_card():
    notes = parse_notes("### オプション\n\n- `-d` : バックグラウンドで実行する\n", deck="x")
    assert notes.drafts == [] and [w.key for w in notes.warnings] == ["notes.warn.option_no_command"]


def test_a_placeholder_hint_is_kept_with_its_command():
    notes = parse_notes(ITEM_RULE_CASES["placeholder_hint"][0], deck="x")
    assert notes.drafts[0].hints == {"${IMAGE_NAME}": "イメージ名"}


def test_english_notes_are_qualified_in_their_own_script():
    """A comment or a generic heading under a title is joined as the notes write: ASCII
    brackets in English notes (full-width ones would read as Japanese), 全角 in Japanese."""
    english = parse_notes(
        "## Branches\n\n- `git branch -d ${BRANCH}` : delete a merged branch\n\n### Undo\n\n"
        "```sh\n# unstage a file\ngit restore --staged app.py\n# discard changes\ngit restore app.py\n```\n",
        deck="x",
    )
    assert [d.prompt_ja for d in english.drafts] == [
        "delete a merged branch",
        "Branches (Undo) (unstage a file; restore the index)",  # English words: the flags they do not say
        "Branches (Undo) (discard changes)",
    ]
    japanese = parse_notes("## ブランチの削除\n\n### ローカル\n\n- `$ git branch -d ${BRANCH}`\n", deck="x")
    assert [d.prompt_ja for d in japanese.drafts] == ["ブランチの削除（ローカル）"]


# Issue #25: a command is a line the grammar reads as one, wherever it stands; its description
# is the nearest describing text by structure (made-up notes of the shapes seen in real ones).
ANYWHERE_CASES = {
    "a paragraph under a heading": (
        "## イメージ取得\n\ndocker pull ubuntu\n",
        [("command", "イメージ取得", "docker pull ubuntu")],
    ),
    "cmd => desc": (
        "docker stop [id] => stops a running container.\n",
        [("command", "stops a running container", "docker stop [id]")],
    ),
    "an alternative after the command": (
        "docker rm [id] OR [name] => removes a container\n",
        [("command", "removes a container", "docker rm [id]")],
    ),
    "inline code then Japanese words": (
        "`kubectl get ns` で名前空間を一覧\n",
        [("command", "名前空間を一覧", "kubectl get ns")],
    ),
    "a label line then $ `command`": (
        "Check current context: <br>\n$ `kubectl config get-contexts`\n",
        [("command", "Check current context", "kubectl config get-contexts")],
    ),
    "a command then its words on the next line": (
        "git status\n変更の一覧\n",
        [("command", "変更の一覧", "git status")],
    ),
    "a blockquote under the command": (
        "  docker ps\n  > 起動中のコンテナを表示\n",
        [("command", "起動中のコンテナを表示", "docker ps")],
    ),
    "a heading naming the command, its words under it": (
        "### pwd\n現在のディレクトリを表示\n\n### ls\nファイル一覧\n\n+ -a 隠しファイルも表示\n",
        [
            ("command", "現在のディレクトリを表示", "pwd"),
            ("option", "隠しファイルも表示", "-a"),
            ("meaning", "-a", "隠しファイルも表示"),
            ("command", "ファイル一覧", "ls"),
        ],
    ),
    "the Windows prompt in a block": (
        "## ブランチ\n\n```\n# ブランチ作成\n> git branch topic\n* main\n```\n",
        [("example", "ブランチ（ブランチ作成）", "git branch topic")],
    ),
    "columns laid out with tabs": (
        "```\napt install\t\tInstalls a package\napt remove\t\tRemoves a package\n```\n",
        [("example", "Installs a package", "apt install"), ("example", "Removes a package", "apt remove")],
    ),
    "a table of Dockerfile instructions": (
        "| 命令 | 意味 |\n|---|---|\n| FROM | ベースイメージの指定 |\n| WORKDIR | 作業ディレクトリ |\n",
        [("dockerfile", "ベースイメージの指定", "FROM"), ("dockerfile", "作業ディレクトリ", "WORKDIR")],
    ),
    "a table with comment rows": (
        "| branch | git |\n|---|---|\n| main | **# get a topic branch** |\n|  | git switch -c topic |\n",
        [("command", "get a topic branch", "git switch -c topic")],
    ),
    "words after a command that are about something else": ("- `brew cask install` がうまく通らない場合は、\n", []),
    "a sentence under the command": (
        "## Tips\n\ngit rm --cached app.lock\nThis removes the file from the index but keeps it on disk\n",
        [
            (
                "command",
                "This removes the file from the index but keeps it on disk (only remove from the index)",
                "git rm --cached app.lock",
            )
        ],
    ),
    "a lead paragraph over a command paragraph, for that one only": (
        "## Tips\n\nCommit the changes:\n\ngit commit -m fix\n\ngit push origin main\n",
        [("command", "Commit the changes (with message fix)", "git commit -m fix")],
    ),
    "an item's words past inline code": (
        "- `tar -xjvf a.tar.bz2`: untar a file compressed with bzip2 (`.tar.bz2`). More words.\n",
        [
            (
                "command",
                "untar a file compressed with bzip2 (.tar.bz2; extract the files, listing each file)",
                "tar -xjvf a.tar.bz2",
            )
        ],
    ),
    "the same line twice": (
        "## 一覧\n\n```\n# コンテナ一覧\ndocker ps\n```\n\n## まとめ\n\n```\n# 起動中のコンテナ\ndocker ps\n```\n",
        [("command", "コンテナ一覧", "docker ps")],
    ),
}


@pytest.mark.parametrize("case", sorted(ANYWHERE_CASES))
def test_commands_wherever_they_stand(case):
    text, cards = ANYWHERE_CASES[case]
    assert [(d.kind, d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts] == cards


def test_a_flag_under_an_options_heading_belongs_to_the_nearest_command_that_has_it():
    text = (
        "# Docker\n\n### Flags\n\n-d => run it in the background\n\n### Run\n\n"
        "```\n# start a web server\ndocker run -p 8080:80 nginx\n```\n\n"
        "## docker ps のオプション\n\n- `-q` : IDだけ表示\n\n## 何もない節\n\n- `--force` : 強制する\n"
    )
    notes = parse_notes(text, deck="x")
    assert [(d.kind, d.prompt_ja, d.answer, d.command) for d in notes.drafts] == [
        ("command", "start a web server (publish port 8080:80)", "docker run -p 8080:80 nginx", "docker run"),
        # "### Flags": the command of the same part that has -d, though it comes later
        ("option", "run it in the background", "-d", "docker run"),
        ("meaning", "-d", "run it in the background", "docker run"),
        # the heading names the command in words
        ("option", "IDだけ表示", "-q", "docker ps"),
        ("meaning", "-q", "IDだけ表示", "docker ps"),
    ]
    # a heading that does not say it is about options: the flag stays a warning
    assert [w.key for w in notes.warnings] == ["notes.warn.option_no_command"]


def test_one_flag_with_two_values_gives_meaning_cards_told_apart_by_the_value():
    text = "## kubectl get\n\n```\nkubectl get pods\n```\n\n- `--output=yaml` : YAML で出力\n- `--output=json` : JSON で出力\n"
    notes = parse_notes(text, deck="x")
    assert [(d.prompt_ja, d.answer) for d in notes.drafts if d.kind == "meaning"] == [
        ("--output=yaml", "YAML で出力"),
        ("--output=json", "JSON で出力"),
    ]


def test_a_long_description_after_an_arrow_is_cut_to_its_first_sentence_and_says_what_it_does():
    text = (
        "# Git\n\n"
        "1. git branch -d <branch_name> => deletes the specified branch. Note that you cannot delete the"
        " currently checked-out branch, so switch to another one first.\n"
        "2. history => View a list of recently executed commands.\n\n"
        "```\n# どのコンテナが動いているか見るコマンド\ndocker ps -q\n```\n"
    )
    notes = parse_notes(text, deck="x")
    assert [(d.prompt_ja, d.answer) for d in notes.drafts] == [
        ("deletes the specified branch", "git branch -d <branch_name>"),
        ("View a list of recently executed commands", "history"),  # a description, not a topic
        ("どのコンテナが動いているか見るコマンド", "docker ps -q"),
    ]


def test_english_says_a_command_substitution_as_the_output_of_what_it_runs():
    from dockquiz.grading.grammar import grammar
    from dockquiz.notes.english import command_en

    g = grammar()
    assert command_en(g, "docker rm $(docker ps -a -q)") == (
        "Remove container (the output of “list containers including stopped ones and show only container IDs”)"
    )
    assert command_en(g, "docker rm `docker ps -a -q`") == command_en(g, "docker rm $(docker ps -a -q)")
    # a stream's redirection is no command of its own; $(pwd) inside a word stays as written
    assert command_en(g, "sed 2>&1 | wc -l") == (
        "Edit text as a stream (filter and transform it), its output piped into: count lines, words and bytes: counting lines"
    )
    assert command_en(g, "docker run -v $(pwd):/app nginx") == "Run nginx, mount $(pwd):/app"


def test_a_description_then_its_flag_is_an_option_of_the_command_the_heading_names():
    notes = parse_notes("## lsオプション\n\n- 縦に並べる: -1\n- サブディレクトリ : -R\n", deck="x")
    assert [(d.kind, d.prompt_ja, d.answer, d.command) for d in notes.drafts if d.kind == "option"] == [
        ("option", "縦に並べる", "-1", "ls"),
        ("option", "サブディレクトリ", "-R", "ls"),
    ]


def test_a_flag_written_with_its_other_spelling_in_a_table_is_one_option():
    text = "## run\n\n```\ndocker run -d nginx\n```\n\n|オプション|意味|\n|:---|:---|\n|--detach, -d|バックグラウンドで実行|\n"
    notes = parse_notes(text, deck="x")
    assert [(d.kind, d.prompt_ja, d.answer) for d in notes.drafts if d.kind == "option"] == [
        ("option", "バックグラウンドで実行", "--detach")
    ]


def test_a_heading_listing_the_blocks_own_subcommands_is_left_out_of_their_prompts():
    text = (
        "### start/stop/restart\n```\n# サービスを開始/停止/再起動する\n"
        "docker compose start\ndocker compose stop\ndocker compose restart\n```\n"
    )
    notes = parse_notes(text, deck="x")
    assert [(d.prompt_ja, d.answer) for d in notes.drafts] == [
        ("サービスを開始/停止/再起動する — サービスを開始", "docker compose start"),
        ("サービスを開始/停止/再起動する — 停止", "docker compose stop"),
        ("サービスを開始/停止/再起動する — 再起動する", "docker compose restart"),
    ]


def test_words_pointing_up_describe_the_block_above_and_lead_no_block():
    text = (
        "## コンテナ稼働中に実施できるコマンド\n\n```\ndocker logs web\n```\n\n⬆️稼働中のコンテナのログを表示する\n\n"
        "## 一時停止\n\n```\ndocker pause web\n```\n-> メモリの内容を保持する\n\n```\ndocker unpause web\n```\n"
    )
    notes = parse_notes(text, deck="x")
    assert [(d.prompt_ja, d.answer) for d in notes.drafts] == [
        ("稼働中のコンテナのログを表示する", "docker logs web"),
        # "-> …" under a block says more about it: no label of the block under it, which has the
        # heading told apart by what it does
        ("一時停止 — コンテナ内のプロセスを一時停止する", "docker pause web"),
        ("一時停止 — 一時停止したコンテナを再開する", "docker unpause web"),
    ]


def test_common_shell_programs_in_a_plain_block_and_their_slash_comments():
    text = (
        "- 查看日历\n    ```\n    cal //当前月份日历\n    cal -y //当年日历\n    ```\n\n"
        "## 置換\n\n```\nperl -pe 's/a/b/g' file.txt\n```\n"
    )
    notes = parse_notes(text, deck="x")
    assert [(d.prompt_ja, d.answer) for d in notes.drafts] == [
        ("查看日历（当前月份日历）", "cal"),
        ("查看日历（当年日历）", "cal -y"),
        ("置換", "perl -pe 's/a/b/g' file.txt"),
    ]


def test_commands_named_inside_a_sentence_that_goes_on_give_no_fragment_prompts():
    text = "## 既存のプロジェクト\n\n`git pull`ではなく`git clone`することで、自動的に`git remote add origin`されたことになる\n"
    assert parse_notes(text, deck="x").drafts == []


def test_a_group_that_runs_its_default_subcommand_is_a_command_wherever_it_stands():
    # `git stash` is `git stash push` (git's help says so): the grammar reads it, alone or with flags
    text = (
        "## 退避\n\n- git stash => 変更を退避する\n- git stash -u => 追跡していないファイルも退避する\n\n"
        "## 一覧\n\n```\n# 退避の一覧\ngit stash list\n```\n"
    )
    notes = parse_notes(text, deck="x")
    assert [(d.kind, d.prompt_ja, d.answer) for d in notes.drafts] == [
        ("command", "変更を退避する", "git stash"),
        ("command", "追跡していないファイルも退避する", "git stash -u"),
        ("command", "退避の一覧", "git stash list"),
    ]
    assert [d.command for d in notes.drafts[:2]] == ["git stash", "git stash"]
    block = parse_notes("## 退避\n\n```\ngit stash\n```\n\n## 未追跡も\n\n```\ngit stash -u\n```\n", deck="x")
    # the words of the subcommand it runs, and with a flag the flag's words too
    assert [d.prompt_en for d in block.drafts] == [
        "Put changes aside as a new stash entry",
        "Put changes aside as a new stash entry, include untracked files in stash",
    ]


def test_a_flag_defined_with_its_other_spelling_or_its_value_is_an_option_of_the_command():
    # help's layout in a block ("--publish , -p    words", "-v, --volume   words") and bullets
    # naming the flag's value before the description ("- -f filter: words")
    text = (
        "## コンテナ起動\n\n```\ndocker run -d nginx\n```\n\n"
        "```\n--publish , -p    Publish a port\n-v, --volume      Bind mount a volume\n```\n\n"
        "## ボリューム一覧\n\n```\ndocker volume ls\n```\n\n"
        "- オプション\n    - -q: 名前だけ表示\n    - -f filter: 条件で絞り込む\n    - --format=string: 出力の形式\n"
    )
    notes = parse_notes(text, deck="x")
    options = [(d.command, d.prompt_ja, d.answer) for d in notes.drafts if d.kind == "option"]
    assert options == [
        ("docker run", "Publish a port", "--publish"),
        ("docker run", "Bind mount a volume", "-v"),
        ("docker volume ls", "名前だけ表示", "-q"),
        ("docker volume ls", "条件で絞り込む", "-f"),
        ("docker volume ls", "出力の形式", "--format"),
    ]


def test_a_slash_comment_over_a_prompted_line_describes_it_and_output_stays_output():
    text = (
        "# 差分\n\n```\n// 作業ツリーとインデックスの差分\n$ git diff\n\n"
        "// ステージした変更の差分\n$ git diff --staged\ndiff --git a/x b/x\n//...\n// 出力の途中\n\n"
        "// 直前のコミットとの差分\n$ git diff HEAD^\n```\n"
    )
    assert [(d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts] == [
        ("差分（作業ツリーとインデックスの差分）", "git diff"),
        ("差分（ステージした変更の差分）", "git diff --staged"),
        ("差分（直前のコミットとの差分）", "git diff HEAD^"),
    ]


def test_a_flag_bullet_whose_words_follow_the_flag_with_no_separator_describes_it():
    text = (
        "## docker run\n\n```\ndocker run -it ubuntu\n```\n\n"
        "* `-i` Keep STDIN open even if not attached\n* `-t` Allocate a pseudo-TTY\n* `-d` `--detach`\n"
    )
    notes = parse_notes(text, deck="x")
    assert [(d.command, d.prompt_ja, d.answer) for d in notes.drafts if d.kind == "option"] == [
        ("docker run", "Keep STDIN open even if not attached", "-i"),
        ("docker run", "Allocate a pseudo-TTY", "-t"),
    ]


def test_a_part_of_a_label_that_spells_the_answers_command_is_left_out_of_its_prompt():
    # "説明 | log", "説明（status）", "説明: kubectl get": the part after the words names the
    # command itself (it gives the answer away); the words that describe it stay
    text = (
        "## 履歴を調べる | log\n\n```\ngit log --oneline\n```\n\n"
        "## 変更の把握（status）\n\n```\ngit status -s\n```\n\n"
        "## 一覧表示: kubectl get\n\n```\nkubectl get pods -A\n```\n\n"
        "## ログ（app）\n\n```\ndocker logs app\n```\n"
    )
    assert [(d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts] == [
        ("履歴を調べる", "git log --oneline"),
        ("変更の把握", "git status -s"),
        ("一覧表示", "kubectl get pods -A"),
        ("ログ（app）", "docker logs app"),  # a value study shows anyway: the words stay
    ]


def test_compose_keys_of_the_spec_in_a_table_and_in_a_compose_file_are_compose_cards():
    text = (
        "## docker-compose.yml\n\n| キー | 意味 |\n|---|---|\n"
        "| cap_add | コンテナに追加するケーパビリティ |\n| ports | 公開するポート |\n\n"
        "```yaml\nservices:\n  web:\n    image: nginx\n    dns: 8.8.8.8  # 使うDNSサーバ\n"
        "    security_opt:  # セキュリティの設定\n      - no-new-privileges:true\n```\n"
    )
    notes = parse_notes(text, deck="x")
    got = [(d.prompt_ja, d.answer) for d in notes.drafts if d.kind == "compose"]
    assert ("コンテナに追加するケーパビリティ", "cap_add") in got
    assert ("公開するポート", "ports") in got
    assert [a for _, a in got if a in ("dns", "security_opt")] == ["dns", "security_opt"]


def test_a_compose_files_own_data_commented_is_no_compose_card():
    """A service's name, a volume's name, an app's variable are the file's data, not keys of
    the spec: their comments describe the data, so no card asks them as compose keys."""
    text = (
        "```yaml\nservices:\n  shop: # the name of the service\n    image: nginx:1.25 # the web server image\n"
        "    environment:\n      SHOP_DB: postgres://db/shop # where the app finds its data\n"
        "    ports:\n      - '8080:80' # publish the site on 8080\n  worker:\n    environment:\n"
        "      - CACHE_HOST=cache # the host of the cache\n"
        "volumes:\n  shopdata: # no value, just the volume's name\n```\n"
    )
    got = [(d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts if d.kind == "compose"]
    assert got == [("the web server image", "image"), ("publish the site on 8080", "ports")]


def test_an_example_bullet_under_a_describing_item_takes_that_items_words():
    text = (
        "### マニフェストの操作\n\n- リソースの作成\n  - 例: `kubectl apply -f web.yaml`\n"
        "- 作成したリソースの削除\n  - e.g.: `kubectl delete -f web.yaml`\n"
        "- -o, --output FORMAT\n  - 例: `kubectl get pod web -o yaml`\n"  # a flag is no description of the example
    )
    assert [(d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts] == [
        ("リソースの作成", "kubectl apply -f web.yaml"),
        ("作成したリソースの削除", "kubectl delete -f web.yaml"),
    ]


def test_sudo_and_its_options_are_read_as_grading_reads_them():
    """One reading of `sudo …` (grading.lexer.strip_sudo) for the notes and the grader: sudo's
    own options and their values are not the command (`-u postgres` is no program)."""
    from dockquiz.grading.lexer import strip_sudo
    from dockquiz.notes.answer import without_sudo as _without_sudo

    line = "sudo -E -u postgres psql -c 'select 1'"
    assert strip_sudo(line.split())[:2] == ["psql", "-c"]
    assert _without_sudo(line).startswith("psql -c")
    assert _without_sudo("sudo --user=deploy -- docker ps") == "docker ps"
    assert _without_sudo("docker ps") == "docker ps"


def test_a_placeholder_is_what_grading_reads_as_one():
    """One definition (grading.lexer): the reader's placeholder is the one grading fills."""
    from dockquiz.grading.lexer import is_placeholder_token, mark_placeholders
    from dockquiz.notes import text as tx

    for word, one in [
        ("${IMAGE}", True),
        ("<container name>", True),
        ("[イメージID]", True),
        ("{{image}}", True),
        ("$IMAGE", True),
        ("[a,b]", False),
        ("$A", False),
        ("[ -f", False),
        ("x${IMAGE}", False),
    ]:
        marked = mark_placeholders(word)[0]
        assert tx.is_placeholder(word) is one, word
        assert is_placeholder_token(marked) is one, word
