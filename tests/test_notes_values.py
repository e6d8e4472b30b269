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
        ("command", "gcloud compute networks create net-a --subnet-mode=custom", ["net-a", "custom"]),
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
