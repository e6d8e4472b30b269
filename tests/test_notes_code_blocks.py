"""Commands inside code blocks that a learner's notes describe, wherever in the block they stand
(issue #25: a command is a line the grammar reads as one; its description the nearest
describing text by structure). Made-up notes in the shapes other authors write."""

from dockquiz.notes import parse_notes


def cards(text: str) -> list[tuple[str, str]]:
    return [(d.prompt_ja, d.answer) for d in parse_notes(text, deck="t").drafts]


def test_a_comment_written_after_a_prompt_labels_the_command_under_it():
    """``$ # only its disks`` in a block of prompts is a comment, as ``# only its disks`` is: the
    prompted command under it is described by it, not left without a card."""
    text = (
        "## VM\n\n```\n"
        "$ # every detail of the instance\n"
        "$ gcloud compute instances describe web-1\n"
        "$ # the disks attached to it\n"
        "$ gcloud compute instances describe web-1 --format json | jq '.disks'\n"
        "```\n"
    )
    got = cards(text)
    assert [answer for _, answer in got] == [
        "gcloud compute instances describe web-1",
        "gcloud compute instances describe web-1 --format json | jq '.disks'",
    ]
    assert "every detail of the instance" in got[0][0]
    assert "the disks attached to it" in got[1][0]


def test_among_prompts_a_command_under_its_own_comment_is_no_output():
    """A block mixing prompted lines and their output with unprompted commands, each under a
    comment of its own: output stays output (no card), the unprompted commands the grammar reads
    get their comments; an unprompted line with no comment over it is still output."""
    text = (
        "## コンテナの起動\n\n```\n"
        "# シェルに入る\n"
        "% docker run -it ubuntu bash\n"
        "root@3f2a:/#\n"
        "\n"
        "# 裏で動かす\n"
        "docker run -d nginx\n"
        "# ポートを公開して動かす\n"
        "docker run -d -p 8080:80 nginx\n"
        "```\n\n"
        "## 一覧\n\n```\n"
        "# 動いているもの\n"
        "$ docker ps\n"
        "docker ps --all\n"
        "```\n"
    )
    got = cards(text)
    assert [answer for _, answer in got] == [
        "docker run -it ubuntu bash",
        "docker run -d nginx",
        "docker run -d -p 8080:80 nginx",
        "docker ps",
    ]
    assert "裏で動かす" in got[1][0] and "ポートを公開して動かす" in got[2][0]


def test_a_comment_adding_to_the_one_above_says_both():
    """``# + ポートも公開`` under a command described by ``# nginx を裏で動かす``: the variant below
    it is that description with more (both words), never the fragment alone; each "+" adds to
    the last comment written without one."""
    text = (
        "## 起動\n\n```\n"
        "# nginx を裏で動かす\n"
        "docker run -d nginx\n"
        "# + ポートも公開\n"
        "docker run -d -p 8080:80 nginx\n"
        "# + 名前も付ける\n"
        "docker run -d --name web nginx\n"
        "```\n"
    )
    got = dict((answer, prompt) for prompt, answer in cards(text))
    assert "nginx を裏で動かす" in got["docker run -d -p 8080:80 nginx"]
    assert "ポートも公開" in got["docker run -d -p 8080:80 nginx"]
    assert "nginx を裏で動かす" in got["docker run -d --name web nginx"]
    assert "名前も付ける" in got["docker run -d --name web nginx"]
    assert "ポートも公開" not in got["docker run -d --name web nginx"]
    assert not any(prompt.lstrip("起動（").startswith("+") for prompt in got.values())


def test_a_question_over_an_explanation_describes_the_first_block_under_it():
    """``* How do I list the disks?``, a paragraph explaining it, then the block: the question says
    what the block does (the explanation between leads nothing); it answers the first block
    under it only, and a heading over another question starts afresh."""
    text = (
        "## gcloud\n\n"
        "* How do I list the disks in a project?\n\n"
        "Each disk shows with the zone it lives in, which helps when\n"
        "you clean up after a test.\n\n"
        "```\n$ gcloud compute disks list\n```\n\n"
        "Some more words about quotas, for later reading and\nnothing else.\n\n"
        "```\n$ gcloud compute project-info describe\n```\n\n"
        "## kubectl\n\n"
        "```\n$ kubectl get pods --all-namespaces\n```\n"
    )
    assert cards(text) == [("How do I list the disks in a project?", "gcloud compute disks list")]


def test_a_question_over_words_the_block_needs_or_asked_as_a_remark_describes_no_block():
    """When the words between the question and the block name a flag (``--limit``), the block is
    that flag's example, which the question does not describe (its other words are not shown);
    so when they name in code a word the block writes that the question does not (``beta``);
    a question that is a remark (``is kubectx better?``) describes nothing: the grammar's own words
    for its line are the prompt."""
    text = (
        "## gcloud\n\n"
        "* How do I cut a long list short?\n\n"
        "Most list commands take the `--limit` flag. For example\n\n"
        "```\n$ gcloud projects list --limit 5\n```\n\n"
        "* How do I cancel an operation?\n\n"
        "The feature is still in `beta`, so mind it\nwhen you try it.\n\n"
        "```\n$ gcloud beta container operations cancel op-1\n```\n\n"
        "## kube\n\n"
        "Is kubectx better?\n\n"
        "- https://example.com/kubectx\n\n"
        "```\nkubectl config current-context\n```\n"
    )
    assert cards(text) == [("Show the current context", "kubectl config current-context")]


def test_eval_starts_a_command_in_a_block_of_no_language():
    """``eval $(ssh-agent -s)`` under its comment, in a block that names no language, is a
    command as the lines around it are (eval is one of the programs notes use)."""
    text = "## ssh\n\n```\n# 鍵を作る\nssh-keygen -t ed25519\n# エージェントを起動する\neval $(ssh-agent -s)\n```\n"
    assert [answer for _, answer in cards(text)] == ["ssh-keygen -t ed25519", "eval $(ssh-agent -s)"]


def test_a_label_pointing_at_the_command_below_says_what_it_does_without_the_pointer():
    """ "After changing the password run the below command:", "Add the key to the agent. Use the
    following command:", "イメージをビルドするときのコマンド": the words before the pointer say what the
    block's command does (the pointer, a "command" at the end, made the label read as a topic);
    "postgres command" stays a topic."""
    text = (
        "## After changing the password run the below command:\n\n"
        "```shell\ngit config --global credential.helper store\n```\n\n"
        "## Keys\n\n1. Add the key to the agent. Use the following command:\n\n"
        "```\nssh-add ~/.ssh/id_ed25519\n```\n\n"
        "## イメージをビルドするときのコマンド\n\n```\ndocker build -t app .\n```\n\n"
        "## postgres command\n\n```\ndocker run -d postgres\n```\n"
    )
    assert cards(text) == [
        ("After changing the password (for every repository)", "git config --global credential.helper store"),
        ("Add the key to the agent", "ssh-add ~/.ssh/id_ed25519"),
        ("イメージをビルドする", "docker build -t app ."),
    ]


def test_a_comment_of_english_words_starting_with_a_program_name_is_a_comment():
    """``# make a new key`` reads as ``make`` and three targets, but it is words (a function word
    among plain words): it describes the line under it, which had no card; ``# git push origin
    main`` is still a command put aside, not a label."""
    text = "## Keys\n\n```sh\n# make a new key\nssh-keygen -t ed25519 -C me@work\n# git push origin main\ngit status\n```\n"
    got = dict((answer, prompt) for prompt, answer in cards(text))
    assert "make a new key" in got.get("ssh-keygen -t ed25519 -C me@work", "")
    assert "push origin" not in got.get("git status", "")


def test_a_long_question_with_an_aside_leads_the_block_by_its_question():
    """``* How do I roll back? Like deployments, daemonsets, statefulsets and more besides`` over a
    block: the line is too long for a lead, but its first sentence is a question and the rest an
    aside: the question leads the block."""
    text = (
        "## k8s\n\n"
        "* How do I roll back a workload? Like deployments, daemonsets, statefulsets and more of them\n\n"
        "```\n$ kubectl rollout undo deployment/web\n$ kubectl rollout undo statefulset/db\n```\n"
    )
    got = cards(text)
    assert [answer for _, answer in got] == ["kubectl rollout undo deployment/web", "kubectl rollout undo statefulset/db"]
    assert all(prompt == "How do I roll back a workload?" for prompt, _ in got)


def test_a_lead_that_only_remarks_gives_way_to_the_heading():
    """``この場合も reset でよい`` (or ``Assuming HEAD is …``) over a block says nothing of what it
    does: the heading over them describes the block, instead of no card; a lead saying what for
    before its pointer (``…反映させるには以下を実行``) leads by those words."""
    text = "### 壊れたので前のコミットに戻す\n\nこの場合も reset でよい\n\n```bash\ngit reset --hard [commit]\n```\n"
    assert cards(text) == [("壊れたので前のコミットに戻す", "git reset --hard [commit]")]
    text = "### Drop old history\n\nAssuming HEAD is at the commit where it begins\n\n```sh\ngit checkout --orphan fresh\n```\n"
    assert [answer for _, answer in cards(text)] == ["git checkout --orphan fresh"]
    assert "Drop old history" in cards(text)[0][0] and "Assuming" not in cards(text)[0][0]
    text = "### 取り消し\n\nリモートにも反映させるには以下を実行\n\n```bash\ngit push origin main --force\n```\n"
    assert cards(text) == [("リモートにも反映させるには", "git push origin main --force")]


def test_a_heading_that_only_numbers_a_way_takes_its_parents_words():
    """``#### 方法1`` / ``#### 方法2`` under ``### Pod の状態を確かめる``: a number says nothing of the
    command (no description, as before), the heading over it does: each way gets the parent's words,
    told apart by what each does, never the number."""
    text = "### Pod の状態を確かめる\n\n#### 方法1\n\n`kubectl describe pod web`\n\n#### 方法2\n\n`kubectl get pod web -o yaml`\n"
    got = cards(text)
    assert [answer for _, answer in got] == ["kubectl describe pod web", "kubectl get pod web -o yaml"]
    assert all(prompt.startswith("Pod の状態を確かめる") and "方法" not in prompt for prompt, _ in got)
