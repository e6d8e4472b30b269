"""Which describing words go to which command line (#25): a label over several steps goes to
the step whose command it names; a label offering alternatives ("起動または停止") gives each
command its part; a command named inside a sentence about something else gets no card with
that sentence's words; a lead line of a paragraph of several (the line ending in ':', or a title
line over its explanation) beats a generic heading; a remark comment ("# Note …") gives way to
the lead over the block; words written under each block, the last a paragraph of several lines,
describe the block above, not the next."""

from pathlib import Path

from dockquiz.grading.grammar import grammar
from dockquiz.notes import parse_notes
from dockquiz.notes.describe import leading_line
from dockquiz.notes.model import token_lines
from dockquiz.notes.naming import alternatives, label_words, named_step, paired_steps
from dockquiz.notes.reader import _markdown
from dockquiz.notes.tree import build

SHAPES = Path(__file__).parent / "fixtures" / "shapes"


def cards(text: str) -> list[tuple[str, str, str]]:
    return [(d.kind, d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts]


def test_a_label_over_several_steps_goes_to_the_one_it_names():
    text = "## イメージ\n\nPush it to the registry:\n\n```\ndocker login\ndocker push web:1.0\n```\n"
    assert cards(text) == [("example", "Push it to the registry", "docker push web:1.0")]  # not the login
    text = "## イメージ\n\nイメージをビルドする\n\n```\ncd app\ndocker build -t web:1.0 .\n```\n"
    assert cards(text) == [("example", "イメージをビルドする", "docker build -t web:1.0 .")]  # (cd prepares)


def test_a_label_offering_alternatives_gives_each_command_its_part():
    text = "## コンテナ\n\n起動または停止\n\n```\ndocker stop web\ndocker start web\n```\n"
    assert cards(text) == [
        ("example", "起動または停止 — 停止", "docker stop web"),
        ("example", "起動または停止 — 起動", "docker start web"),
    ]
    block = "```\ndocker pause web\ndocker unpause web\ndocker kill web\n```\n"
    text = f"## Containers\n\nPause, resume or kill a container:\n\n{block}"
    assert cards(text) == [
        ("example", "Pause, resume or kill a container — Pause", "docker pause web"),
        ("example", "Pause, resume or kill a container — resume", "docker unpause web"),
        ("example", "Pause, resume or kill a container — kill a container", "docker kill web"),
    ]


def test_a_label_names_the_command_by_its_own_word_or_verb():
    g = grammar()
    assert named_step("Push it", ["docker login", "docker push"], g) == "docker push"
    assert named_step("イメージをプッシュする", ["docker login", "docker push"], g) == "docker push"
    assert named_step("コンテナを削除する", ["docker stop", "docker rm"], g) == "docker rm"  # the grammar's verb
    # a verb any command is said with, an object's word, a program no grammar knows: no name
    assert named_step("Get pod details", ["kubectl get", "kubectl describe"], g) is None
    assert named_step("find the commit where tests fail", ["git bisect", "git commit"], g) is None
    assert named_step("API を起動する", ["cd api", "make up"], g) is None
    assert named_step("Build and push", ["docker build", "docker push"], g) is None  # two named: no one
    assert "build" in label_words("Building the image") and "login" in label_words("ログインする")


def test_alternatives_pair_with_the_commands_they_name():
    g = grammar()
    assert alternatives("コンテナの起動または停止") == ["起動", "停止"]
    assert alternatives("Pause, resume or kill a container") == ["Pause", "resume", "kill a container"]
    assert alternatives("作成と削除") == ["作成", "削除"]
    assert alternatives("イメージをビルドする") == []
    assert paired_steps(["起動", "停止"], ["docker stop", "docker start"], g) == {"docker stop": "停止", "docker start": "起動"}
    assert paired_steps(["do feature", "commit"], ["git add", "git commit"], g) is None  # one part names nothing
    assert paired_steps(["pull", "fetch"], ["git pull", "git fetch"], g) is None  # parts that only spell them


def test_a_command_named_in_a_sentence_about_something_else_gets_no_card_with_its_words():
    text = (
        "## 確認\n\nできたら `docker images` で確認。\n\n`docker ps` で ID を確かめてから止める\n\n"
        "`docker create` と `docker start` を同時にやってくれる\n"
    )
    assert cards(text) == []  # when, a step before another, a pair: no words of their own
    text = "## ファイルの送受信\n\ngcloud compute scp を使います。\n"
    assert cards(text) == [("command", "ファイルの送受信", "gcloud compute scp")]  # not "使います": the label above
    # what happens when it runs, or a thing it names, is the sentence's subject: no words of its own
    text = (
        "## メモ\n\n- `docker kill` を実行した際に送られるシグナルを変える\n- `docker run` 時に引数を渡すと CMD が置き換わる\n"
        "- 送り元は `docker build .` で指定したディレクトリ\n- `git log`コマンドを実行したときにページャが開く\n"
    )
    assert cards(text) == []
    text = "## メモ\n\n- `docker kill web` でコンテナを止める\n"
    assert cards(text) == [("command", "コンテナを止める", "docker kill web")]  # what it does: its words


def test_every_card_of_labels_leads_and_sentences_in_one_file():
    notes = parse_notes((SHAPES / "label-owner.md").read_text("utf-8"), deck="label-owner")
    assert [(d.kind, d.prompt_ja, d.answer) for d in notes.drafts] == [
        ("example", "Push it to the registry", "docker push web:1.0"),
        ("example", "イメージをビルドする", "docker build -t web:1.0 ."),
        ("example", "起動または停止 — 停止", "docker stop web"),
        ("example", "起動または停止 — 起動", "docker start web"),
        ("example", "Pause, resume or kill a container — Pause", "docker pause web"),
        ("example", "Pause, resume or kill a container — resume", "docker unpause web"),
        ("example", "Pause, resume or kill a container — kill a container", "docker kill web"),
        # the line ending in ':' of a paragraph of two, not the generic heading (no card before)
        ("command", "Create the network first", "docker network create front"),
        # a title line over its explanation
        ("command", "ネットワークの一覧", "docker network ls"),
        ("command", "ファイルの送受信", "gcloud compute scp"),
        # a remark comment gives way to the lead over the block
        ("command", "Replace a word in a file (editing the files in place)", "sed -i 's/a/b/' notes.txt"),
        # each block's words right under it, the last of two lines: none leads the next block
        ("command", "ブランチを一覧表示", "git branch"),
        ("command", "ブランチを作って切り替える", "git switch -c topic"),
        ("command", "今のブランチに topic をマージする", "git merge --no-ff topic"),
    ]


def _lines(text: str):
    para = next(n for n in build(_markdown().parse(text)).children if n.type == "paragraph")
    return token_lines(para.children[0].children)


def test_the_leading_line_of_a_paragraph_of_several():
    def lead(text: str) -> str:
        return "".join(t.content for t in leading_line(_lines(text)))

    assert lead("Some words first.\nThen do this:\n") == "Then do this:"
    assert lead("Convert the files:\n(an aside on sizes.)\n") == "Convert the files:"
    assert lead("ネットワークの一覧\n名前が表示されます。\n") == "ネットワークの一覧"
    assert lead("you can add\ncode to it like this:\n") == ""  # the tail of a sentence
    assert lead("ネットワークの一覧\n名前とドライバ\n") == ""  # two lines of words: neither leads


def test_a_label_names_a_command_by_a_latin_word_in_japanese_or_by_its_program():
    g = grammar()
    # the command's own word written in Latin inside Japanese words ("空commitをする": git commit)
    assert named_step("最初に空commitをする", ["git init", "git commit"], g) == "git commit"
    assert "commit" in label_words("最初に空commitをする")
    # a program of no subcommands, named by its name anywhere in the label, in either language
    assert named_step("サーバーを起動し resize2fs を実行", ["df", "resize2fs"], g) == "resize2fs"
    assert named_step("debootstrap is a bootstrap tool", ["apt-get install", "debootstrap"], g) == "debootstrap"
    # a group's name is no command's ("docker" over docker run and a docker line of no subcommand)
    assert named_step("docker を入れて確かめる", ["apt-get install", "docker"], g) is None
    # an English label's words away from a clause's start still name no command
    assert named_step("find the commit where tests fail", ["git bisect", "git commit"], g) is None


def test_the_step_a_label_names_gets_it_and_a_named_program_gives_no_card():
    text = "## ディスク\n\n- サーバーを起動し resize2fs を実行\n\n```\ndf -h\nsudo resize2fs /dev/xvda1\ndf -h\n```\n"
    assert cards(text) == []  # resize2fs's, not the df's: its program and the value shown would be all the answer
    text = '## リポジトリ\n\n最初に空commitをする\n\n```\ngit init\ngit commit --allow-empty -m "first"\n```\n'
    assert cards(text) == [("example", "最初に空commitをする", 'git commit --allow-empty -m "first"')]
    block = "apt-get update\napt-get install debootstrap\ndebootstrap --variant=minbase bionic /root2\n"
    text = f"## chroot\n\n```bash\n# debootstrap is a bootstrap tool\n{block}```\n"
    debootstrap = "debootstrap --variant=minbase bionic /root2"
    assert cards(text) == [("example", "chroot (debootstrap is a bootstrap tool)", debootstrap)]  # not the install
    text = "## 展開\n\n- tar で展開する\n\n```\ncd /tmp\ntar xzf a.tar.gz\nls\n```\n"
    assert cards(text) == [("example", "tar で展開する", "tar xzf a.tar.gz")]  # its flags are left to type


def test_a_label_that_only_spells_its_commands_describes_none_of_them():
    # "# fetch / push", "## save/load": each part is a command's own word, no words of what it does;
    # each line takes the grammar's words for it (or no card), never its own word as "— fetch"
    text = "# メモ\n\n```bash\n# fetch / push\ngit fetch origin\ngit push origin main\n```\n"
    assert cards(text) == [
        ("example", "Download objects and refs from a remote", "git fetch origin"),
        ("example", "Push to origin", "git push origin main"),
    ]
    text = "# メモ\n\n```\n# stop/start\ndocker stop web\ndocker start web\n```\n"
    assert [prompt for _, prompt, _ in cards(text)] == ["Stop running containers", "Start stopped containers"]
    text = "# メモ\n\n## save/load\n\ndocker save app > app.tar\ndocker load < app.tar\n"
    assert all(" — " not in prompt and "save/load" not in prompt for _, prompt, _ in cards(text))
    # a part may be a command of the program no line writes ("start"): the label still only spells; and
    # parts that are commands' own words are never paired in order ("start" is no `down`)
    text = "# メモ\n\n```\n# start/stop/restart\ndocker compose down\ndocker compose stop\ndocker compose restart\n```\n"
    assert [answer for _, _, answer in cards(text)] == ["docker compose stop", "docker compose restart"]
    assert all("start/stop" not in prompt for _, prompt, _ in cards(text))
    # a part saying what a step does still pairs with its command
    text = "## コンテナ\n\n```\n# 停止/起動\ndocker stop web\ndocker start web\n```\n"
    assert [prompt for _, prompt, _ in cards(text)] == ["コンテナ（停止/起動） — 停止", "コンテナ（停止/起動） — 起動"]


def test_a_heading_over_a_look_and_the_step_in_separate_blocks_is_the_steps():
    # "## ファイルをコンテナへコピー" over a block that looks (`cat`, no grammar words to tell it
    # apart) and a block that copies: the copy's; the look gets no card with the heading's words
    look = "```\n$ cat notes.txt\n```\n\n```\nalpha\n```\n\n"
    text = f"# メモ\n\n## ファイルをコンテナへコピー\n\n{look}```\n$ docker cp ./notes.txt web:/tmp/notes.txt\n```\n"
    assert cards(text) == [("example", "ファイルをコンテナへコピー", "docker cp ./notes.txt web:/tmp/notes.txt")]
    # different commands the grammar has words for are told apart as before
    text = "# メモ\n\n## 表示\n\n```\nkubectl get pods\n```\n\n```\nkubectl describe pod web\n```\n"
    assert [prompt for _, prompt, _ in cards(text)] == ["表示 — リソースを一覧表示する", "表示 — リソースの詳細を表示する"]


def test_a_heading_naming_a_program_over_the_section_gives_its_label_to_that_programs_line():
    # "## tail" over "### 途中から表示" over a block of grep and tail: the tail line's, not the first's
    text = '# メモ\n\n## tail\n\n### 途中から表示\n\n```\ngrep -n "x" notes.txt\ntail -n +100 notes.txt\n```\n'
    assert cards(text) == [("example", "途中から表示", "tail -n +100 notes.txt")]
    # a group's name ("## git") names no line: the first doing the step keeps it
    text = "# メモ\n\n## git\n\n### 壊れたとき\n\n```\nrm .git/index\ngit reset\n```\n"
    assert cards(text)[0][2] == "rm .git/index"


def test_among_looks_and_one_line_that_changes_something_the_label_is_that_lines():
    # no line does a step by the lists (mkdir prepares, ls looks): the one changing something, not the look
    text = "# メモ\n\n### mkdir\n\nディレクトリを作る\n\n```bash\n$ mkdir dir1\n$ ls\ndir1\n```\n"
    assert cards(text) == [("example", "ディレクトリを作る", "mkdir dir1")]
    # a look is no step of a label listing steps: "停止・削除" is not paired in order with down and ps
    text = "# メモ\n\n### コンテナの停止・削除\n\n```\n$ docker compose down\n$ docker compose ps -a\n```\n"
    assert cards(text) == [("example", "コンテナの停止・削除", "docker compose down")]


def test_an_items_words_before_its_usage_line_lead_the_example_under_it_without_the_usage():
    # "- 単語を探す : `grep 単語 ファイル名`" over an example block: the example's words are the item's,
    # not the item's line with the usage written out (that would spell the answer's program and shape)
    text = "## 検索\n\n- 単語を探す : `grep 単語 ファイル名`\n\n  ```\n  grep foo a.txt\n  ```\n"
    assert cards(text) == [
        ("command", "単語を探す", "grep <単語> <ファイル名>"),
        ("example", "単語を探す", "grep foo a.txt"),
    ]
    # "基本形" (the basic form) names a topic, not what the line does: no card with it
    text = "## 検索\n\n- 基本形 : `grep 単語 ファイル名`\n\n  ```\n  grep foo a.txt\n  ```\n"
    assert all("基本形" not in prompt for _, prompt, _ in cards(text))


def test_a_heading_that_only_says_options_describes_no_line():
    # "### よく使うオプション" (the options one often uses) is a topic: no card with its words
    text = "# メモ\n\n## ls\n\n### よく使うオプション\n\n```bash\n$ ls -la\n```\n"
    assert all("オプション" not in prompt for _, prompt, _ in cards(text))
    text = "# メモ\n\n## cp\n\n### リファレンス\n\n```bash\ndocker cp web:/etc/hosts .\n```\n"  # (a reference)
    assert all("リファレンス" not in prompt for _, prompt, _ in cards(text))
    # under it, a heading that says what the line does still does
    text = "# メモ\n\n## jq\n\n### オプション\n\n#### 整形せずに出力\n\n```\njq -c . data.json\n```\n"
    assert cards(text) == [("command", "整形せずに出力", "jq -c . data.json")]


def test_a_heading_that_only_grades_an_example_describes_no_line():
    # "### 悪い例" / "### ベストな例" (a bad, the best example) say how good it is, not what it does
    for heading in ("悪い例", "ベストな例", "確かな例"):
        text = f"# 権限\n\n## 再帰的に変える\n\n### {heading}\n\n```bash\nchmod -R a=rX,u+w /srv/app\n```\n"
        assert all(heading not in prompt for _, prompt, _ in cards(text)), heading
    # an example named by what it does still describes it
    text = "# API\n\n### json でデータを渡す例\n\n```bash\ncurl -d '{}' http://localhost:8080\n```\n"
    assert [prompt for _, prompt, _ in cards(text)] == ["json でデータを渡す例"]


def test_words_over_a_lone_flag_over_a_block_describe_the_blocks_line_too():
    # "末尾だけ表示" / `--tail=N` / a block using it: the flag's card, and the words say what the
    # block's line does with it (not the first lead of the section, nor the heading)
    text = "## ログ\n\n一覧の表示\n```\ndocker logs web\n```\n\n末尾だけ表示\n\n`--tail=N`\n```\ndocker logs --tail=5 web\n```\n"
    assert [(kind, prompt, answer) for kind, prompt, answer in cards(text) if kind != "meaning"] == [
        ("command", "一覧の表示", "docker logs web"),
        ("option", "末尾だけ表示", "--tail=N"),
        ("command", "末尾だけ表示", "docker logs --tail=5 web"),
    ]


def test_a_numbered_step_line_among_prompts_is_the_comment_of_the_command_under_it():
    # an indented block of "1. …" steps, each over its "$" command (a blank line between): each
    # command takes its step's words, under the label over the block
    steps = (
        "    1. 作業用のブランチを作成\n\n      $ git branch work main\n\n"
        "    2. 作業用のブランチへ移動\n\n      $ git checkout work\n"
    )
    text = f"# 手順\n\n<ブランチの準備>\n\n{steps}"
    assert cards(text) == [
        ("example", "<ブランチの準備>（作業用のブランチを作成）", "git branch work main"),
        ("example", "<ブランチの準備>（作業用のブランチへ移動）", "git checkout work"),
    ]
