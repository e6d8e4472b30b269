"""A list of steps right over a code block of as many commands: each command gets its step,
in order (not the list's last line for the whole block)."""

from pathlib import Path

from dockquiz.notes import parse_notes

SHAPES = Path(__file__).parent / "fixtures" / "shapes"


def test_every_card_of_steps_listed_over_their_block():
    notes = parse_notes((SHAPES / "steps-list.md").read_text("utf-8"), deck="steps-list")
    assert [(d.kind, d.prompt_ja, d.answer) for d in notes.drafts] == [
        ("example", "ブランチ操作（トピックブランチを作る）", "git branch topic"),
        ("example", "ブランチ操作（トピックブランチを消す）", "git branch -d topic"),
        # three steps over two commands: no pairing, the list's last line leads the block as before
        ("example", "ボリュームも消す", "docker container prune"),
    ]


def test_a_step_list_with_code_or_a_lead_is_no_step_list():
    text = "## A\n- `git status` で確認\n- 戻す\n\n```\ngit status\ngit restore a.txt\n```\n"
    prompts = [d.prompt_ja for d in parse_notes(text, deck="x").drafts]
    assert "A（戻す）" not in prompts and "A（`git status` で確認）" not in prompts
    text = "## B\n- 手順:\n- 消す\n\n```\ngit stash\ngit stash drop\n```\n"
    prompts = [d.prompt_ja for d in parse_notes(text, deck="x").drafts]
    assert "B（手順）" not in prompts


def test_a_line_with_its_own_comment_still_takes_its_step():
    """A numbered list of steps over a block of as many commands, one of them with a trailing
    comment of its own: every command gets its step (the comment says more of it, unless it
    names another command, an alias that would give the answer away), not only the first."""
    text = (
        "# 手順\n1. 一覧を見る\n2. 止める\n3. 片付ける\n\n```\n"
        "$ docker container ls    # docker ps と同じ\n"
        "$ docker container stop web\n"
        "$ docker container prune    # 止まったものだけ\n"
        "```\n"
    )
    got = [(d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts]
    assert got == [
        ("手順（一覧を見る）", "docker container ls"),
        ("手順（止める）", "docker container stop web"),
        ("手順（片付ける（止まったものだけ））", "docker container prune"),
    ]
