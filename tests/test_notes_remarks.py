"""Words that stand where a description would but only remark on the command: no card from
them; a bracket naming only the answer's flags is left out of the prompt (it gives them away)."""

from pathlib import Path

from dockquiz.notes import parse_notes
from dockquiz.notes.describe import is_remark, without_given_flags

SHAPES = Path(__file__).parent / "fixtures" / "shapes"


def test_every_card_of_notes_with_remarks():
    notes = parse_notes((SHAPES / "remarks.md").read_text("utf-8"), deck="remarks")
    assert [(d.kind, d.prompt_ja, d.answer) for d in notes.drafts] == [
        # "…, then run the following", "ゲスト以外で下記実行", "との違い", "に戻る", "Now, inside …": no card from
        # them; a remark over a block gives way to the heading ("## Images", a topic: the grammar's words)
        ("command", "Build an image from ., tag it web", "docker build -t web ."),
        ("command", "古いネットワークを消す", "docker network prune"),
        # "（-c）" names the answer's flag: left out, the comment's words stay
        ("example", "出力の形（一行で出力）", "jq -c '.' data.json"),
        ("example", "出力の形（キーを並べ替えて出力）", "jq -S '.' data.json"),
        # "作業を一時保存 | stash（保存する）": the part naming the subcommand gives it away, its bracket stays
        ("example", "作業を一時保存（保存する）", 'git stash push -m "wip"'),
        ("example", "作業を一時保存（取り出す）", "git stash pop"),
        # "git worktreeについて（一覧）": only the command's name over one word: the grammar's words
        # for each line
        ("example", "List the working trees", "git worktree list"),
        ("example", "Forget working trees whose folder is gone", "git worktree prune"),
        # "perl（置換）": a program's own name over a comment: the comment
        ("command", "置換", "perl -pe 's/a/b/g' file.txt"),
        # a label that writes its command out ("… docker volume rm ボリューム名", "…: $ xclip …"): the words before it
        ("example", "Usage lines in labels（ボリュームの削除）", "docker volume rm data"),
        # a sentence naming the command is no usage line: as it is
        ("example", "Usage lines in labels (list docker images)", "docker images"),
        ("command", "Copy a file into the clipboard", "xclip -sel clip < notes.txt"),
        # a heading of one word ("network", "Rollback") over a block: a topic, no description; the grammar's
        # words for the whole line where they say it all ("network" only spells the line's own word: the
        # same); words that say it: a card
        ("command", "List networks", "docker network ls"),
        ("command", "Reset the current HEAD, keeping changes staged", "git reset --soft HEAD~"),
        ("command", "Remove unused data (Free disk space)", "docker system prune"),  # a heading: the command leads
    ]


def test_a_usage_line_in_the_prompt():
    from dockquiz.notes.describe import without_usage

    assert without_usage("コンテナの停止 docker stop コンテナ名", "docker stop") == "コンテナの停止"
    assert without_usage("sftp -i <鍵> -P 8080 <ユーザ>@localhost", "sftp") == ""  # nothing but the usage
    assert without_usage("Paste it: $ cat a.txt | pbcopy.", "pbcopy") == "Paste it"
    # another command's usage, a sentence, a path, two commands combined: kept
    assert without_usage("docker container 登録", "docker commit") == "docker container 登録"
    assert without_usage("git add したものの差分", "git diff") == "git add したものの差分"
    assert without_usage("edit user git config ($HOME/.gitconfig)", "git config") == "edit user git config ($HOME/.gitconfig)"
    assert without_usage("git branch [name] + git checkout [name]", "git checkout") == "git branch [name] + git checkout [name]"
    # the command named in words first, its usage at the end: the usage goes, from where it starts
    assert without_usage("docker stop で止める docker  stop コンテナ名", "docker stop") == "docker stop で止める"
    assert without_usage("mydocker stop コンテナ名", "docker stop") == "mydocker stop コンテナ名"  # inside a word: not it


def test_a_label_naming_the_subcommand():
    from dockquiz.grading.grammar import grammar
    from dockquiz.notes.answer import without_spelt_parts

    g = grammar()
    assert without_spelt_parts("変更を退避する | stash（戻す）", "git stash apply stash@{0}", g) == "変更を退避する（戻す）"
    assert without_spelt_parts("git stashについて（一覧を見る）", "git stash list", g) == ""
    assert without_spelt_parts("port-forward（curl で確認）", "kubectl port-forward web 8080:80", g) == ""
    # a bracket of topic words, or a program without subcommands: as it was
    assert without_spelt_parts("docker exec (example)", "docker exec -it web sh", g) == "docker exec (example)"
    assert without_spelt_parts("perl（置換）", "perl -pe s/a/b/ f", g) == "perl（置換）"


def test_remarks_and_descriptions():
    for remark in (
        "root以外で下記実行",
        "設定は README を参照",
        "これでよい",
        "との違い",
        "に戻る",
        "Assuming HEAD is clean",
        "I had to do it",
        "that are running",
        "if not using systemd",
        "then run the following command",
        "ex）",
        "例）",
        "↓ みたいに書く",  # how the block is written
        "以下で確かめてから",  # a step before what the block is for
        "[注意] 値は引用符で囲むこと",  # a note on it
        "注) bump は version up の意味",
        "※ 管理者権限が要る",
        "With e.g. <name>=web, <port>=80",  # example values
        "will also work with other files",
    ):
        assert is_remark(remark), remark
    for words in (
        "コンテナを一覧表示",
        "起動中のコンテナを表示",
        "List running containers",
        "If you want a new branch",
        "できたフォルダに移動",
        "入っているファイル参照",
        "This command removes a container",
        "example of a dry run",
        "ビルドしてから起動する",
        "with eager loading",
        "注意書きを表示する",
    ):
        assert not is_remark(words), words


def test_flags_given_away_in_brackets():
    assert without_given_flags("色付けなしで出力（-M）", "jq -M . a.json") == "色付けなしで出力"
    assert without_given_flags("bind a folder (using '-v(--volume)' option)", "docker run -v a:b nginx") == "bind a folder"
    # words in the bracket, or a flag the answer does not use: kept
    assert without_given_flags("全て（-a で停止中も）", "docker ps -a") == "全て（-a で停止中も）"
    assert without_given_flags("一覧（-q）", "docker ps -a") == "一覧（-q）"
    assert without_given_flags("（-a）", "docker ps -a") == "（-a）"  # nothing else: the prompt stays as it was
