"""A lead line pointing at a list of bare commands (issue #25: a command is a line the grammar
reads as one wherever it stands; its description the nearest describing text by structure):
the list's items are that lead's steps, as the lines of a code block under it are."""

from dockquiz.notes import parse_notes


def cards(text: str) -> list[tuple[str, str]]:
    return [(d.prompt_ja, d.answer) for d in parse_notes(text, deck="t").drafts]


LEAD = "# k8s\n\nCheck the rollouts:\n\n"
ROLLOUTS = [
    "kubectl rollout status deployment/web",
    "kubectl rollout history deployment/web",
    "kubectl rollout undo deployment/web",
]


def test_a_lead_over_bare_command_bullets_labels_each_as_over_a_block():
    """``Check the rollouts:`` over three bullets of bare commands gives each a card, the lead
    told apart by what each does — the same cards the lead gives the lines of a block."""
    bullets = cards("# k8s\n\nCheck the rollouts:\n\n" + "".join(f"- `{c}`\n" for c in ROLLOUTS))
    block = cards("# k8s\n\nCheck the rollouts:\n\n```\n" + "".join(f"{c}\n" for c in ROLLOUTS) + "```\n")
    assert [answer for _, answer in bullets] == ROLLOUTS
    assert [prompt for prompt, _ in bullets] == [prompt for prompt, _ in block]
    assert all(prompt.startswith("Check the rollouts — ") for prompt, _ in bullets)
    assert len({prompt for prompt, _ in bullets}) == 3


def test_a_japanese_lead_over_bullets_takes_the_grammars_japanese_words():
    text = (
        "## デプロイ\n\nロールアウトを操作する：\n\n"
        "- `kubectl rollout status deployment/api`\n- `kubectl rollout undo deployment/api`\n"
    )
    got = cards(text)
    assert [answer for _, answer in got] == ["kubectl rollout status deployment/api", "kubectl rollout undo deployment/api"]
    assert all(prompt.startswith("ロールアウトを操作する — ") for prompt, _ in got)
    assert got[0][0] != got[1][0]


def test_a_line_that_does_not_point_down_is_no_lead_of_the_list():
    """``Rollouts`` (no colon, no 以下) over the bullets may title a group of entries: the bullets
    keep what they had without it (one card under the heading, not the line's words)."""
    text = "# k8s\n\nRollouts\n\n" + "".join(f"- `{c}`\n" for c in ROLLOUTS)
    assert all(not prompt.startswith("Rollouts") for prompt, _ in cards(text))


def test_a_list_with_words_or_nested_items_is_no_list_of_steps():
    """An item with words of its own, or with items under it, keeps its own reading."""
    text = LEAD + "- `kubectl rollout status deployment/web`: 状況\n- `kubectl rollout undo deployment/web`\n"
    got = dict((answer, prompt) for prompt, answer in cards(text))
    assert got["kubectl rollout status deployment/web"] == "状況"
    nested = (
        LEAD
        + "- `kubectl rollout status deployment/web`\n- `kubectl rollout undo deployment/web`\n  - `--to-revision=N` も使える\n"
    )
    assert all(not prompt.startswith("Check the rollouts — ") for prompt, _ in cards(nested))
