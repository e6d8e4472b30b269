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
        ("open an interactive shell", "docker exec -it web sh", "open an interactive shell"),
        # a bracket of the words takes them
        ("Logs (of one box)", "docker logs -f box1", "Logs (of one box; keep following new output)"),
        # a flag typed in its turned-off form, and a substitution's flags, are not said
        ("keep the message", "git commit --amend --no-edit", "keep the message (amending the last commit)"),
        ("Remove all stopped boxes", "docker rm $(docker ps -a -q)", "Remove all stopped boxes"),
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
