"""A command under words that only name it (``- logs``, ``## ps``): the prompt is the grammar's
own words for the whole line when they describe all of it, else no card as before."""

from dockquiz.grading.grammar import grammar
from dockquiz.notes import parse_notes
from dockquiz.notes.english import help_prompt


def test_help_words_describe_a_known_line():
    g = grammar()
    prompt = help_prompt(g, "kubectl logs -f <pod> -n <ns>")
    assert prompt.startswith("Show the logs of <pod>")
    assert "follow" in prompt and "namespace <ns>" in prompt
    assert help_prompt(g, "docker ps -a") == "List containers including stopped ones"


def test_no_help_words_when_the_grammar_cannot_say_all_of_it():
    g = grammar()
    assert help_prompt(g, "kubectl get pods --no-such-flag") == ""  # a flag with no words
    assert help_prompt(g, "tar xzf a.tgz") == ""  # program-only words ("A `tar` command")
    assert help_prompt(g, "docker rm $(docker ps -aq)") == ""  # a substitution
    assert help_prompt(g, "docker run nginx && ls") == ""  # more than one command
    assert help_prompt(g, "docker") == ""  # no command path


def test_a_label_naming_the_command_takes_the_help_words():
    text = "# Tools\n\n- logs: `docker logs web`\n- tar: `tar xzf a.tgz`\n"
    notes = parse_notes(text, deck="t")
    cards = [(d.kind, d.prompt_ja, d.prompt_en, d.answer) for d in notes.drafts]
    assert cards == [("command", "Show the logs of web", "Show the logs of web", "docker logs web")]


def test_a_described_command_keeps_the_notes_words():
    text = "# Tools\n\n- ログを見る: `docker logs web`\n"
    notes = parse_notes(text, deck="t")
    assert [(d.prompt_ja, d.answer) for d in notes.drafts] == [("ログを見る", "docker logs web")]


def test_a_count_of_arguments_the_grammar_does_not_expect_keeps_the_help_words():
    """``kubectl apply -f pod.yaml`` reads to a known command with words of its own even where the
    grammar counts its arguments otherwise (an arity problem): under ``- Apply`` the line takes those
    words, as one the grammar reads without a problem does; an unknown flag still gives none."""
    from dockquiz.grading.parser import parse

    g = grammar()
    assert {p.kind for p in parse("kubectl apply -f pod.yaml".split(), g).problems} == {"arity"}
    assert help_prompt(g, "kubectl apply -f pod.yaml") == "Apply a configuration from pod.yaml"
    assert help_prompt(g, "kubectl apply --no-such-flag -f pod.yaml") == ""
    notes = parse_notes("# kubectl\n\n- Apply\n  - `kubectl apply -f pod.yaml`\n", deck="t")
    assert [(d.prompt_ja, d.answer) for d in notes.drafts] == [
        ("Apply a configuration from pod.yaml", "kubectl apply -f pod.yaml")
    ]


def test_a_heading_that_only_names_a_blocks_lines_gives_them_the_help_words():
    """``## install components`` over a block of ``gcloud components install …`` lines says only
    their own words: each takes the grammar's words for its whole line, as a single line under
    such a heading does, instead of no card; a heading naming only some of the block's commands
    (``## set project`` over ``config set`` and ``config list``), a topic (``## notes``) or the program's
    name alone (``## gcloud``) gives none."""
    block = "```\n$ gcloud components install kubectl\n$ gcloud components install beta\n```\n"
    got = [(d.prompt_ja, d.answer) for d in parse_notes("# gcloud\n\n## install components\n\n" + block, deck="t").drafts]
    assert [answer for _, answer in got] == ["gcloud components install kubectl", "gcloud components install beta"]
    assert all(prompt == help_prompt(grammar(), answer) and prompt for prompt, answer in got)
    partial = "# gcloud\n\n## set project\n\n```\ngcloud config set project demo\ngcloud config list\n```\n"
    assert parse_notes(partial, deck="t").drafts == []
    assert parse_notes("# gcloud\n\n## notes\n\n" + block, deck="t").drafts == []
    assert parse_notes("# notes\n\n## gcloud\n\n" + block, deck="t").drafts == []  # the program's name: the topic
