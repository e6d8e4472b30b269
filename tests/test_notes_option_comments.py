"""Flags defined in the comments of a shell block (issue #25): ``# -t - allocate a terminal``
(a hyphen or dash between the flag and its words), and a help line kept as a comment under
its subcommand's name (``# rm -f, --force   Force the removal…``): an option card each, of
the command that has the flag. Made-up notes."""

from dockquiz.notes import parse_notes

NOTES = """\
# Containers

## Start a shell in a container

```sh
# -t - allocate a terminal
# -i - keep standard input open
docker run -t -i alpine sh
```

## Build an image

```sh
docker build -t web .
# --pull - always try to fetch a newer base image
# --no-cache \u2013 build every layer again
docker build --pull --no-cache -t web .
```

## Clean up

```bash
docker rm $(docker ps -aq)

# rm -f, --force   Force the removal of a running container
# ps -q, --quiet   Only display container IDs
```
"""


def _options(text: str) -> list[tuple[int, str, str, str | None]]:
    return [(d.source_line, d.prompt_ja, d.answer, d.command) for d in parse_notes(text).drafts if d.kind == "option"]


def test_a_flag_and_its_words_parted_by_a_dash_in_a_comment_is_an_option_of_the_command_under_it():
    options = _options(NOTES)
    assert (6, "allocate a terminal", "-t", "docker run") in options
    assert (7, "keep standard input open", "-i", "docker run") in options
    assert (15, "always try to fetch a newer base image", "--pull", "docker build") in options
    assert (16, "build every layer again", "--no-cache", "docker build") in options


def test_a_comment_of_flags_is_no_prompt_of_the_command_under_it():
    drafts = parse_notes(NOTES).drafts
    assert not [d for d in drafts if d.kind in ("command", "example") and d.prompt_ja.lstrip().startswith("-")]
    assert not [d for d in drafts if "--pull -" in d.prompt_ja or "--pull -" in d.prompt_en]


def test_a_help_line_under_its_subcommands_name_is_an_option_of_that_subcommand():
    options = _options(NOTES)
    assert (25, "Force the removal of a running container", "-f", "docker rm") in options
    assert (26, "Only display container IDs", "-q", "docker ps") in options


def test_a_subcommand_the_grammar_does_not_have_or_a_flag_it_lacks_makes_no_option():
    text = "## Misc\n\n```sh\ndocker ps\n# frobnicate -z, --zap   Zap everything\n# ps --zap   Zap the list\n```\n"
    assert _options(text) == []


def test_a_comment_of_words_with_a_dash_is_still_a_label():
    text = "## Misc\n\n```sh\n# list containers - running ones only\ndocker ps\n```\n"
    drafts = parse_notes(text).drafts
    assert [(d.kind, d.answer) for d in drafts] == [("command", "docker ps")]
    assert "list containers" in drafts[0].prompt_ja


def test_a_label_naming_a_subcommand_and_a_flag_in_a_sentence_stays_the_label_of_the_lines_under_it():
    text = "## 復旧\n\n```\n# ブランチ一覧\ngit branch -a\n# reset --hard で消したコミットを探す\ngit fsck --lost-found\n```\n"
    drafts = parse_notes(text).drafts
    assert not [d for d in drafts if d.kind in ("option", "meaning")]
    fsck = [d for d in drafts if d.answer == "git fsck --lost-found"]
    assert len(fsck) == 1 and "reset --hard で消したコミットを探す" in fsck[0].prompt_ja


def test_flags_listed_in_one_comment_are_an_option_each():
    text = "## Keys\n\n```\nssh-keygen -t ed25519 -q -N ''\n# -q - stay quiet; -t - the type of key to make\n```\n"
    assert [(line, prompt, answer) for line, prompt, answer, _ in _options(text)] == [
        (5, "stay quiet", "-q"),
        (5, "the type of key to make", "-t"),
    ]
