"""English prompts of Japanese notes say the action the Japanese prompt names (#25): where the
help's words list several actions as alternatives ("List, create or delete branches") and the
Japanese prompt names one of them (作成, 削除, 一覧…), the English says that one; a prompt
naming none, or more than one, keeps the help's words. Made-up notes of the shapes notes hold."""

import pytest

from dockquiz.cards import CardDraft
from dockquiz.grading.grammar import grammar
from dockquiz.notes.english import command_en, english_prompt, the_action_meant


def draft(prompt_ja: str, answer: str) -> CardDraft:
    return CardDraft(kind="command", key="k", section=[], prompt_ja=prompt_ja, answer=answer, source_line=1)


@pytest.mark.parametrize(
    "en, ja, said",
    [
        ("List, create or delete widgets", "ウィジェット作成", "Create widgets"),
        ("List, create or delete widgets with their owners", "ウィジェットを一覧表示", "List widgets with their owners"),
        ("List, create or delete widgets", "ウィジェットを削除する", "Delete widgets"),
        ("Create, list or delete tags", "タグの一覧", "List tags"),
        ("Create or update a service", "サービスの更新", "Update a service"),
        ("Move or rename a file", "ファイル名を変更（リネーム）", "Rename a file"),
        # the flags' words after the head are kept
        ("List, create or delete widgets, in colour", "ウィジェット作成", "Create widgets, in colour"),
        # no action named, or two of the list's: the help's words stand
        ("List, create or delete widgets", "ウィジェット", "List, create or delete widgets"),
        ("List, create or delete widgets", "作成したウィジェットを削除", "List, create or delete widgets"),
        # an action the list does not hold: the help's words stand
        ("List, create or delete widgets", "ウィジェットの名前変更", "List, create or delete widgets"),
        # "and" joins actions done together (create and run): never one of them alone
        ("Create and run a new box from an image", "ボックスを作成", "Create and run a new box from an image"),
        # a sentence that is no list of actions
        ("Show the working tree status", "状態を表示", "Show the working tree status"),
        # English notes' words are their own
        ("List, create or delete widgets", "", "List, create or delete widgets"),
    ],
)
def test_the_action_the_japanese_prompt_names_is_said(en, ja, said):
    assert the_action_meant(en, ja) == said


def test_a_composed_prompt_says_the_one_action_of_a_japanese_line():
    g = grammar()
    assert command_en(g, "git branch topic").startswith("List, create or delete")
    assert english_prompt(g, draft("ブランチ作成", "git branch topic")) == "Create branches"
    assert english_prompt(g, draft("ブランチを一覧表示", "git branch -vv")).startswith("List branches")
    assert english_prompt(g, draft("ブランチ", "git branch topic")).startswith("List, create or delete")


def test_only_the_head_of_the_sentence_is_chosen_from():
    # a later command's list ("; then …") is another command's: left as it is
    en = "Fetch it; then list, create or delete widgets"
    assert the_action_meant(en, "ウィジェット作成") == en


def test_a_flag_naming_another_action_decides():
    # "表示" stands in the prompt by the way; the flag renames
    en = "List, create or delete widgets, renaming a widget"
    assert the_action_meant(en, "画面に表示されたとおりに名を付け直す") == en
    assert the_action_meant("List, create or delete widgets, delete it", "ウィジェット削除") == "Delete widgets, delete it"


def test_a_pipeline_keeps_the_help_words_of_its_first_command():
    # the Japanese prompt says what the whole line does, not its first command
    g = grammar()
    answer = "git branch --merged | xargs git branch -d"
    assert english_prompt(g, draft("マージ済みブランチ削除", answer)) == command_en(g, answer)


@pytest.mark.parametrize(
    "answer, said",
    [
        # a program of a grammar given only its own flags: the program's words, then each flag's
        ("docker --version", "The Docker command-line client: print the client version"),
        ("docker -v", "The Docker command-line client: print the client version"),
        # --help and --version, which every program has, where the grammar has no words for them
        ("git --help", "The Git version control system: showing its help"),
        ("git --version", "The Git version control system: showing its version"),
        # a flag taking a value, with it
        ("gcloud --format=json", "The Google Cloud command-line client: as json"),
    ],
)
def test_a_program_given_only_its_own_flags_says_them(answer, said):
    assert command_en(grammar(), answer) == said


def test_an_unknown_subcommand_is_no_program_flag_line():
    # a plain word the grammar does not know: what it is stays unsaid rather than guessed
    assert command_en(grammar(), "docker frobnicate --version") == "A `docker` command"
