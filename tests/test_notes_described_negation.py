"""A command's description after a separator may say "not" (``=> lists branches not merged
yet``, ``: 追跡しないファイルを消す``): it describes the command; only a description that
starts or ends by turning the command down (``=> don't use it``, ``: 非推奨``) is the notes
quoting it as wrong. A one-word bracket tagging the command (``(optional)``) is no part of
its answer. Made-up notes (issue #25)."""

from dockquiz.notes import parse_notes


def _cards(text: str) -> list[tuple[str, str]]:
    return [(d.prompt_ja, d.answer) for d in parse_notes(text).drafts if d.kind == "command"]


def test_a_description_saying_not_after_an_arrow_describes_the_command():
    text = "# Git\n\n1. git branch --no-merged => lists the branches that are not merged yet\n"
    assert [a for _, a in _cards(text)] == ["git branch --no-merged"]
    assert "not merged yet" in _cards(text)[0][0]


def test_a_description_turning_the_command_down_is_still_no_card():
    text = (
        "# Git\n\n"
        "1. git push --force => don't use it on a shared branch\n"
        "2. git checkout -b topic : 古い書き方なので非推奨\n"
        "3. git switch -c topic => make a branch and switch to it\n"
    )
    assert [a for _, a in _cards(text)] == ["git switch -c topic"]


def test_a_one_word_bracket_after_the_command_is_no_part_of_its_answer():
    text = "# Git\n\n1. git push --force (optional) => overwrite the remote branch with the local one\n"
    assert [a for _, a in _cards(text)] == ["git push --force"]


def test_words_saying_what_the_command_keeps_from_happening_describe_it():
    """``- `systemctl disable web` don't start at boot`` (a new user's line) gave no card: "don't"
    read as the notes turning the command down; "don't use it" still does."""
    text = (
        "# Services\n\n"
        "- `sudo systemctl disable web` don't start it at boot\n"
        "- `sudo systemctl mask web` don't use it, it breaks things\n"
    )
    assert [a for _, a in _cards(text)] == ["sudo systemctl disable web"]
