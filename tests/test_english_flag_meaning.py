"""English prompts say what a line's flags do, never something else (#25): a combined flag's
part whose help lists alternatives says the one the line does, a help that is only a
condition ("If true and …") is no description, a ``--no-`` spelling of a flag holding both
forms says the opposite of the positive's words, a flag typed twice says so. Facts of the
grammar (flag names, their help) carry over; the lines are made up."""

from dockquiz.grading.grammar import grammar
from dockquiz.notes.english import command_en, flag_words_by_key, help_prompt, with_unsaid_flags


def test_a_combined_flag_says_the_alternative_its_other_part_picks():
    g = grammar()
    # git branch -D is --delete --force: "force deletion", never "force creation, move/rename, deletion"
    said = command_en(g, "git branch -D old-topic")
    assert "creation" not in said and "move/rename" not in said
    assert "delet" in said and "force" in said
    moved = with_unsaid_flags(g, "Call it trunk", "git branch -M trunk")
    assert "creation" not in moved and "deletion" not in moved and "rename" in moved


def test_alternatives_stay_when_no_other_flag_picks_one():
    g = grammar()
    assert "creation, move/rename, deletion" in command_en(g, "git branch -f topic base")


def test_a_bare_condition_is_no_description_of_a_flag():
    g = grammar()
    said = command_en(g, "kubectl run box --image=alpine --command -- true")
    assert "if true" not in said.lower()
    assert "extra arguments" not in said


def test_a_no_spelling_of_a_two_form_flag_says_the_opposite():
    g = grammar()
    said = command_en(g, "gcloud auth login --no-launch-browser")
    assert "launch a browser" in said.lower()
    assert any(w in said.lower() for w in ("not launch", "opposite"))
    positive = command_en(g, "gcloud auth login --launch-browser")
    assert "not launch" not in positive.lower() and "opposite" not in positive.lower()
    words = flag_words_by_key(g, "gcloud auth login --no-launch-browser", ja=False) or {}
    assert all("not" in w or "opposite" in w for w in words.values())


def test_a_flag_typed_twice_says_so():
    g = grammar()
    twice = command_en(g, "git branch -vv")
    once = command_en(g, "git branch -v")
    assert twice != once and "twice" in twice
    assert "twice" in command_en(g, "git status -v -v")
    assert "twice" not in once
    assert "twice" in with_unsaid_flags(g, "Branches and what they track", "git branch -vv")


def test_help_prompt_never_says_a_doubled_flag_once():
    g = grammar()
    said = help_prompt(g, "git status -v -v")
    assert not said or "twice" in said


def test_a_help_flag_says_the_help_is_shown_not_the_action_done():
    g = grammar()
    said = command_en(g, "kubectl create -h")
    assert said.startswith("Show the help of") and "flag -h" not in said
    assert command_en(g, "kubectl create --help").startswith("Show the help of")
    assert not command_en(g, "kubectl create -f app.yaml").startswith("Show the help")


def test_usage_placeholders_for_options_are_no_arguments():
    g = grammar()
    said = command_en(g, "docker create [OPTIONS] <IMAGE>")
    assert "from [OPTIONS]" not in said
    elided = command_en(g, "docker run ... --net host")
    assert "Run ..." not in elided and "start --net" not in elided and "network host" in elided


def test_a_letter_of_another_flag_or_a_value_is_no_second_time():
    g = grammar()
    assert "twice" not in command_en(g, "git log -p -Sneedle")
    assert "twice" not in command_en(g, "docker-compose -f stack.yaml logs --follow")
    assert "twice" in command_en(g, "git status --verbose --verbose")


def test_a_command_after_the_dashes_is_said_as_the_command_run():
    g = grammar()
    said = command_en(g, "kubectl create job nightly --image=alpine -- /bin/sh -c 'exit 1'")
    assert "running" in said and "image" in said
    assert "running" in command_en(g, "kubectl run box --image=alpine -- printenv")
    # paths after the dashes are no command
    assert "running" not in command_en(g, "git checkout main -- docs/a.txt")


def test_a_switch_typed_false_is_said_as_turned_off():
    g = grammar()
    said = command_en(g, "docker attach --sig-proxy=false web")
    assert "signals" in said and ("not" in said or "opposite" in said)
    assert "not" not in command_en(g, "docker attach --sig-proxy web")


def test_a_word_the_command_itself_is_described_by_says_no_flag():
    g = grammar()
    # "account" is the command's own word: it says nothing of --impersonate-service-account
    said = with_unsaid_flags(
        g,
        "Print an identity token for the specified account",
        "gcloud auth print-identity-token --impersonate-service-account=robot",
    )
    assert "impersonate" in said
    # a flag's own word the notes hold still says it
    assert with_unsaid_flags(g, "List all containers", "docker ps -a") == "List all containers"


def test_a_short_word_that_tells_a_flag_apart_is_looked_for():
    g = grammar()
    said = with_unsaid_flags(g, "Revoke access credentials for an account", "gcloud auth revoke --all")
    assert "all accounts" in said


def test_an_option_card_of_a_sudo_line_or_a_bundle_or_a_program_wide_flag_has_words():
    g = grammar()

    def en(command, flag):
        from dockquiz.cards import CardDraft
        from dockquiz.notes.english import english_prompt

        return english_prompt(
            g, CardDraft(kind="option", key="k", section=[], prompt_ja="説明", answer=flag, command=command, source_line=1)
        )

    assert not en("sudo docker run", "-d").startswith("An option of")
    bundle = en("docker run", "-td")
    assert not bundle.startswith("An option of") and "terminal" in bundle.lower() and "background" in bundle.lower()
    assert not en("gcloud compute instances list", "--project").startswith("An option of")
    assert en("docker run", "-Q").startswith("An option of")  # no such flag: nothing to say


def test_a_created_container_is_not_said_to_start():
    said = command_en(grammar(), "docker create alpine echo hi")
    assert "start" not in said.lower() and "echo hi" in said
