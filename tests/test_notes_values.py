"""What study shows beside a prompt (grading.forms.card_values): the values an answer needs,
never the words of its command — made-up answers of the shapes notes hold."""

import pytest


@pytest.mark.parametrize(
    "kind, answer, values",
    [
        # a value with words of its own around a placeholder is shown whole: the learner types them
        ("command", "docker cp notes/. <box>:/data", ["notes/.", "<box>:/data"]),
        ("command", "docker push registry.local:5000/[name]", ["registry.local:5000/[name]"]),
        ("command", "git clone https://example.com/[user]/[repo].git", ["https://example.com/[user]/[repo].git"]),
        ("command", "docker pull NAME[:TAG]", ["NAME[:TAG]"]),
        # …while placeholders and punctuation alone are the placeholders study shows already
        ("dockerfile", "FROM [image]:[tag]", []),
        ("command", "docker tag <a>:<b> <c>", []),
        # a command substitution of several words is said by the prompt; its command's values are shown
        ("command", "docker rm $(docker ps -a -q)", []),
        ("command", "docker rmi $(docker images | awk '/^<none>/ {print $3}')", ["/^<none>/ {print $3}"]),
        ("command", "docker stop `docker ps -q --filter name=web`", ["name=web"]),
        ("command", "export TAG=$(git rev-parse --short HEAD)", ["TAG=$(…)", "HEAD"]),
        # redirection operators are no values; the files they name are
        ("command", "docker save web > web.tar", ["web", "web.tar"]),
        ("command", "sort < in.txt > out.txt 2>&1", ["in.txt", "out.txt"]),
        # a program that runs a command line: that command's words are not values
        ("command", "docker ps -aq | xargs -r docker rm", []),
        ("command", "kubectl get ns -o name | xargs -I {} kubectl delete {}", ["name", "{}"]),
        # an option no grammar reads, written with its value: the value is shown
        ("command", "git subtree add --prefix=vendor/lib libremote main", ["libremote", "main", "vendor/lib"]),
        # …and one the grammar reads (gcloud's compute group is learned whole): options' values first
        ("command", "gcloud compute networks create net-a --subnet-mode=custom", ["custom", "net-a"]),
        # programs with no subcommands: every word after them is a value
        ("command", "mkdir build", ["build"]),
        ("command", "type echo", ["echo"]),
        ("command", "grep needle hay.txt", ["needle", "hay.txt"]),
        # …not tar's or ps's dashless flags
        ("command", "tar xzf pkg.tgz", ["pkg.tgz"]),
        ("command", "ps aux", []),
        # a program whose commands are two words
        ("command", "aws s3 cp ./site s3://bucket/site --recursive", ["./site", "s3://bucket/site"]),
        # an option card shows the value its flag takes
        ("option", "--name CONTAINER_NAME", ["CONTAINER_NAME"]),
        ("option", "-p {HOST}:{CONTAINER}", ["{HOST}:{CONTAINER}"]),
        ("option", "--tail=50", ["50"]),
        ("option", "-d", []),
        ("option", "--name <name>", []),
        # a Dockerfile flag's value is the learner's to type too
        ("dockerfile", "COPY --from=build /out/app /app", ["build", "/out/app", "/app"]),
        ("dockerfile", "COPY --chown=web:web . /srv", ["web:web", ".", "/srv"]),
    ],
)
def test_values_shown_are_what_the_answer_needs_and_never_its_command_words(kind, answer, values):
    from dockquiz.grading.forms import card_values

    assert card_values(kind, answer) == values


@pytest.mark.parametrize(
    "prompt, answer, said",
    [
        # the notes' English words do not say a flag: the grammar's words for it are added
        (
            "Run bash in a box",
            "docker run --rm -it busybox bash",
            "Run bash in a box (with an interactive terminal, remove the container on exit)",
        ),
        ("start the web app", "docker run -d -p 8080:80 web", "start the web app (in the background, publish port 8080:80)"),
        # a flag the words say (its spelling, a word of its long name, its value) is not said again
        ("run it detached", "docker run --detach web", "run it detached"),
        ("run and throw away with --rm", "docker run --rm web", "run and throw away with --rm"),
        ("serve on port 3000", "docker run -p 3000:3000 web", "serve on port 3000"),
        # …but a value alone does not say its flag: "bash" is not --entrypoint bash
        (
            "Run bash in a box",
            "docker run --entrypoint bash busybox",
            "Run bash in a box (replace the image's entrypoint (bash))",
        ),
        ("open an interactive shell", "docker exec -it web sh", "open an interactive shell"),
        # a bracket of the words takes them
        ("Logs (of one box)", "docker logs -f box1", "Logs (of one box; keep following new output)"),
        # a flag typed in its turned-off form, and a substitution's flags, are not said
        ("Remove all stopped boxes", "docker rm $(docker ps -a -q)", "Remove all stopped boxes"),
        # a flag typed in its turned-off form is said as the opposite of its words, never dropped
        (
            "keep the message",
            "git commit --amend --no-edit",
            "keep the message (amending the last commit, do not force edit of commit)",
        ),
        # a flag no help describes is said by its name's words, never dropped
        (
            "Create the repo",
            "gcloud artifacts repositories create r --repository-format=docker --location=us-east1",
            "Create the repo (format of the repository (docker), location (us-east1))",
        ),
        ("Show the history, counting lines", "git log --numstat", "Show the history, counting lines (numstat)"),
        # every word of a flag's long name must stand in the words: "cluster" alone is not --cluster-version
        (
            "Create a cluster",
            "gcloud container clusters create c1 --cluster-version=1.30",
            "Create a cluster (kubernetes version of the cluster (1.30))",
        ),
        # a --no- flag is said by words that say "no" too: "a commit" does not say --no-commit-id
        (
            "List the files of a commit",
            "git diff-tree --no-commit-id -r abc",
            "List the files of a commit (no commit id, flag -r)",
        ),
        ("Merge without a commit", "git merge --no-commit topic", "Merge without a commit"),
        ("Run it, no tty", "docker compose run -T web", "Run it, no tty"),  # -T turns --tty off
        ("Run it", "docker compose run -T web", "Run it (do not allocate a pseudo-terminal)"),
        # Japanese words and commands no grammar knows stay as they are
        ("中身を見る", "docker logs -f box1", "中身を見る"),
        # …and a shell program's flags are said by the words of its help (or ours)
        ("search the logs", "grep -i error app.log", "search the logs (ignoring case)"),
        ("search ignoring case", "grep -i error app.log", "search ignoring case"),
    ],
)
def test_english_words_of_the_notes_say_every_flag_of_their_command(prompt, answer, said):
    from dockquiz.grading.grammar import grammar
    from dockquiz.notes.english import with_unsaid_flags

    assert with_unsaid_flags(grammar(), prompt, answer) == said


@pytest.mark.parametrize(
    "topic, answer, said",
    [
        # a heading's words (a topic) that do not say what the command does (no word of its
        # command, nor its help's verb): the command's own words lead, every flag said, then the topic
        (
            "replica set",
            "kubectl expose rs web --port=80 --target-port=8000",
            "Expose rs as a service on port 80 and to container port 8000 (replica set)",
        ),
        ("follow", "docker logs -f web", "Show the logs of web, keep following new output (follow)"),
        # a heading that says it keeps its words
        ("Stop the box", "docker stop box1", "Stop the box"),
        ("Logs of the box", "docker logs -f box1", "Logs of the box (keep following new output)"),
    ],
)
def test_a_topic_follows_the_commands_own_words(topic, answer, said):
    from dockquiz.grading.grammar import grammar
    from dockquiz.notes.english import with_unsaid_flags

    assert with_unsaid_flags(grammar(), topic, answer, topic=True) == said


# A cobra CLI's help (made up for the test): a flag with its words, one whose help only points
# at another flag, one whose help names another flag in a remark, one naming a flag the line may
# have too, and two with no help at all.
BOXCTL = {
    "boxctl --help": "Usage:  boxctl [OPTIONS] COMMAND\n\nA made-up box manager\n\nCommands:\n"
    "  make        Make a box\n\nRun 'boxctl COMMAND --help' for more information on a command.\n",
    "boxctl make --help": "Usage:  boxctl make [OPTIONS] NAME\n\nMake a box\n\nOptions:\n"
    "      --colour string     Colour of the box\n"
    "      --shade string      DEPRECATED: use --colour\n"
    "      --wide              Make it wide (cannot be used with --colour)\n"
    "      --glossy            Give the --colour a gloss\n"
    "      --lid-size string\n"
    "  -q\n",
    "boxctl --version": "boxctl version 1.0.0\n",
}


@pytest.fixture
def boxctl(tmp_path):
    import json

    from dockquiz.grading.grammar import load_grammar
    from dockquiz.grading.learn import learn, replay_runner

    (tmp_path / "boxctl.json").write_text(json.dumps(learn("boxctl", replay_runner(BOXCTL))), "utf-8")
    return load_grammar(learned=tmp_path)


@pytest.mark.parametrize(
    "answer, said",
    [
        ("boxctl make --colour red crate", "Make a box, colour of the box (red)"),
        # help that only names another flag is not this flag's words: its name's words are
        ("boxctl make --shade blue crate", "Make a box, shade (blue)"),
        # a remark naming another flag is left out of the words
        ("boxctl make --wide crate", "Make a box, make it wide"),
        # …not words naming a flag the line has too
        ("boxctl make --colour red --glossy crate", "Make a box, colour of the box (red) and give the --colour a gloss"),
        # no help: the name's words, a short flag as itself; never "one more option"
        ("boxctl make --lid-size 3 -q crate", "Make a box, lid size (3) and flag -q"),
        # …nor a flag its help does not list (the line is read leniently)
        ("boxctl make crate --sparkle", "Make a box, sparkle"),
    ],
)
def test_a_composed_english_prompt_says_every_flag_of_the_answer(boxctl, answer, said):
    from dockquiz.notes.english import command_en

    assert command_en(boxctl, answer) == said


def test_a_heading_that_names_a_topic_follows_the_commands_own_words():
    from dockquiz.notes import parse_notes

    text = "## replica set\n\n```\nkubectl expose rs web --port=80\n```\n\n```\n# serve the site\ndocker run -d site\n```\n"
    en = {d.answer: d.prompt_en for d in parse_notes(text, deck="x").drafts}
    assert en["kubectl expose rs web --port=80"] == "Expose rs as a service on port 80 (replica set)"
    assert en["docker run -d site"] == "serve the site (in the background)"  # a comment's words, not a topic


def test_both_prompts_of_english_notes_say_the_flags_their_words_do_not():
    from dockquiz.notes import parse_notes

    text = "## Boxes\n\n```\n# Run bash in a box\ndocker run --rm -it busybox bash\n```\n"
    (draft,) = parse_notes(text, deck="x").drafts
    assert draft.prompt_ja == draft.prompt_en == "Run bash in a box (with an interactive terminal, remove the container on exit)"


@pytest.mark.parametrize(
    "answer, values, marks",
    [
        # the shell's own expansions are what such a card asks: neither a placeholder nor a value
        ("echo ${name^^}", [], []),
        ('echo ${name:-"none"}', [], []),
        ("echo ${#list}", [], []),
        # …while ${NAME} and ${some-name} stay placeholders
        ("docker run ${IMAGE}", [], ["${IMAGE}"]),
        ("git push origin ${branch-name}", ["origin"], ["${branch-name}"]),
    ],
)
def test_a_shell_expansion_is_never_shown_beside_the_prompt(answer, values, marks):
    from dockquiz.grading.forms import card_values
    from dockquiz.grading.lexer import placeholders

    assert (card_values("command", answer), placeholders(answer)) == (values, marks)


def test_a_shell_brace_sequence_stays_as_written_while_a_braced_name_is_a_placeholder():
    from dockquiz.notes import parse_notes

    text = "## Shell\n\n```\n# print the letters\necho {a..e}\n# show the pod\nkubectl get pod {pod}\n```\n"
    assert [d.answer for d in parse_notes(text, deck="x").drafts] == ["echo {a..e}", "kubectl get pod <pod>"]


@pytest.mark.parametrize(
    "answer, said, values",
    [
        # shell syntax is what the card asks, never a value beside its prompt
        ("echo $?", "exit code of the last command", []),
        ("echo ${names[@]}", "every element of an array", ["names"]),
        ("echo ${names[@]}", "every element of names", []),
        ("echo ${word:2:3}", "three letters from the third", []),
        ("tr a-z A-Z <<< $TEXT", "feed a variable as input", ["a-z", "A-Z"]),
        # …while a plain variable in a path is data (and a script's own arguments)
        ("git clone https://example.com/team/${REPO}.git", "clone the team's repo", ["https://example.com/team/${REPO}.git"]),
        ("git commit -m $1", "commit with the first argument", ["$1"]),
        # arithmetic and brace sequences: only the numbers and names the prompt does not say
        ("echo $((7*6))", "multiply", ["7", "6"]),
        ("echo $((RANDOM%50))", "a random number below 50", ["RANDOM"]),
        ("echo {3..9}", "count up from 3", ["9"]),
        ("echo {9..3}", "count down from 9", ["3"]),
        ("echo {0..90..10}", "count to 90", ["0", "10"]),
        # a date format is program text: not shown when the prompt says each of its directives in words
        ("date +%H.%M", "the time as hours and minutes", []),
        ("date +%H.%M", "時.分 で表示", []),
        ("date +%H.%M", "format the time", ["+%H.%M"]),
        ("date '+%d of %B'", "the day and month", ["+%d of %B"]),
        ("date +%d -d 2020-01-02", "the day of a date", ["2020-01-02"]),
        # a pattern, script or filter the prompt says is not shown again; one it does not say is
        ("grep '^[a-z]' words.txt", "lines starting with a small letter", ["words.txt"]),
        ("grep -v '^#' app.conf", "drop comment lines", ["app.conf"]),
        ("grep -e 'apple\\|pear' basket.txt", "lines with apple or pear", ["basket.txt"]),
        ("grep needle hay.txt", "find the needle", ["hay.txt"]),
        ("grep needle hay.txt", "search a file", ["needle", "hay.txt"]),
        ("grep -A 2 Fail run.log", "two lines after each Fail", ["2", "run.log"]),
        ("sed '42d' a.txt > b.txt", "delete line 42", ["a.txt", "b.txt"]),
        ("sed '42d' a.txt", "delete one line", ["42d", "a.txt"]),
        ("sed -n '$p' a.txt", "print the last line", ["a.txt"]),
        ("sed 's/old/new/g' a.txt", "replace every match", ["s/old/new/g", "a.txt"]),
        ("sed 's|/$||' a.txt", "drop a trailing slash", ["s|/$||", "a.txt"]),
        ("sort 2> a", "write the errors to a", ["a"]),
        ("awk '{print $NF}' table.txt", "the last field of each line", ["table.txt"]),
        ("awk '{print $2}' table.txt", "print a column", ["{print $2}", "table.txt"]),
        # jq: the key names the prompt does not say, not the filter's syntax; the identity filter stays
        ("jq '.rows | length' out.json", "count the array", ["rows", "out.json"]),
        ("jq '.[].size' out.json", "the size of each element", ["out.json"]),
        ("jq '.rows[2]' out.json", "one element of the array", ["rows", "2", "out.json"]),
        ("jq -S '.' out.json", "sort the keys", [".", "out.json"]),
        # a variable the prompt names shows its value alone; one it does not name stays whole
        ("export PAGER_MODE=less", "set PAGER_MODE", ["less"]),
        ("export PAGER_MODE=less", "choose the pager", ["PAGER_MODE=less"]),
        ("PAGER_MODE=less git log", "log with PAGER_MODE set", ["less"]),
    ],
)
def test_program_text_and_shell_syntax_are_shown_only_for_what_the_prompt_does_not_say(answer, said, values):
    from dockquiz.grading.forms import card_values

    assert card_values("command", answer, said) == values


@pytest.mark.parametrize(
    "answer, prompts, values",
    [
        # a card has two prompts, and each learner reads one: hidden only what both of them say
        ("ps aux | grep nginx", ("nginx のプロセスを探す", "Report process status, piped into: print matching lines"), ["nginx"]),
        ("ps aux | grep nginx", ("nginx のプロセスを探す", "Find the nginx processes"), []),
        ("export PAGER_MODE=less", ("PAGER_MODE を設定", "Set an environment variable"), ["PAGER_MODE=less"]),
        ("date +%H.%M", ("時.分 で表示", "Print the date, formatted"), ["+%H.%M"]),
        ("date +%H.%M", ("時.分 で表示", "the time as hours and minutes"), []),
        # a card with one prompt is weighed against that one
        ("grep needle hay.txt", ("find the needle", ""), ["hay.txt"]),
    ],
)
def test_a_value_is_hidden_only_where_every_prompt_of_the_card_says_it(answer, prompts, values):
    from dockquiz.grading.forms import card_values, said_by

    assert card_values("command", answer, said_by(*prompts)) == values


@pytest.mark.parametrize(
    "prompt, answer, said",
    [
        # the notes' words already say what the flag does: no bracket saying it again
        ("Start the box in the background", "docker run -d box", "Start the box in the background"),
        ("Remove a file only from the index", "git rm --cached a.txt", "Remove a file only from the index"),
        # a flag the words do not say is still said, and only that one
        (
            "Start the box in the background",
            "docker run -d -it box",
            "Start the box in the background (with an interactive terminal)",
        ),
        # a word of the phrase the words do not hold: the phrase is said
        ("Search the box", "grep -i box notes.txt", "Search the box (ignoring case)"),
    ],
)
def test_english_words_of_the_notes_get_no_flag_phrase_they_already_say(prompt, answer, said):
    from dockquiz.grading.grammar import grammar
    from dockquiz.notes.english import with_unsaid_flags

    assert with_unsaid_flags(grammar(), prompt, answer) == said


@pytest.mark.parametrize(
    "text, prompt",
    [
        # a line's own word or two that only name a topic or a flag: the command's words lead
        ("```sh\nkubectl logs -f web  # follow\n```\n", "Show the logs of web, and follow them (follow)"),
        ("```sh\nkubectl logs -p web  # previous\n```\n", "Show the logs of web, of the previous instance (previous)"),
        ("```sh\nkubectl expose rs web --port=80  # replica set\n```\n", "Expose rs as a service on port 80 (replica set)"),
        # words that say what the command does keep leading
        ("```sh\ndocker ps -a  # list all containers\n```\n", "list all containers"),
        ("```sh\ndocker logs -f box  # show logs\n```\n", "show logs (keep following new output)"),
    ],
)
def test_a_lines_own_word_or_two_is_a_topic_the_commands_words_lead(text, prompt):
    from dockquiz.notes import parse_notes

    (draft,) = parse_notes(text, deck="x").drafts
    assert (draft.prompt_ja, draft.prompt_en) == (prompt, prompt)


@pytest.mark.parametrize(
    "answer, said",
    [
        # a word after `--` is a path, never the branch "Check out {1}" names
        ("git checkout -- notes.txt", "Switch branches or restore files"),
        ("git checkout main -- notes.txt", "Check out main"),
        ("git checkout main", "Check out main"),
        # a default subcommand with no words of its own (reflog reads as `reflog show`): its
        # group's words, and its flags said, never dropped
        ("git reflog -n 4", "Manage reflog information, only the last 4 commits"),
        ("git reflog", "Manage reflog information"),
    ],
)
def test_a_sentence_names_only_its_arguments_and_says_every_flag(answer, said):
    from dockquiz.grading.grammar import grammar
    from dockquiz.notes.english import command_en

    assert command_en(grammar(), answer) == said


def test_a_dockerfile_flag_that_changes_what_an_instruction_does_is_said():
    """COPY --from copies from another stage or image, not from the build context: both
    prompts say so (the value, the stage, is shown beside them)."""
    from dockquiz.notes import parse_notes

    text = (
        "## ビルド\n\n```dockerfile\nFROM golang AS build\nFROM alpine\nCOPY --from=build /app /app\nCOPY app.conf /etc/\n```\n"
    )
    copies = [(d.prompt_ja, d.prompt_en) for d in parse_notes(text, deck="x").drafts if d.answer.startswith("COPY")]
    assert copies == [
        (
            "ビルド: 別のビルドステージかイメージからファイルをイメージにコピーする",
            "Copy files from another build stage or image into the image",
        ),
        ("ビルド: ビルドコンテキストのファイルをイメージにコピーする", "Copy files from the build context into the image"),
    ]
