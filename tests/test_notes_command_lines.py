"""A line written as a command line is no description of the command next to it (#25): a
command the grammar does not read (``nm -D …``, ``bash --version``, ``dd if=… of=…``, a shebang)
stands in the notes as a command of its own, never as the label, lead or comment of another."""

from dockquiz.notes import lines as ln
from dockquiz.notes import parse_notes


def cards(text: str) -> list[tuple[str, str, str]]:
    return [(d.kind, d.prompt_ja, d.answer) for d in parse_notes(text, deck="x").drafts]


def test_a_command_shaped_line_is_told_from_words():
    for line in (
        "nm -D --defined-only /lib/libfoo.so",
        "bash --version",
        "ionice -c 2 -n 7 nice -n 19",
        "dd if=/dev/zero of=/swapfile bs=1M count=64",
        "alias k=kubectl",
        "sudo systemctl start|stop|restart  NetworkManager",
        "#!/bin/bash",
        "!/bin/sh",
    ):
        assert ln.command_shaped(line), line
    for words in (
        "use -f to force the removal",  # words about a flag: a sentence runs on after it
        "Stop all containers:",
        "コンテナ一覧 -a で全て",
        "list pods",
        "sudo is needed for this one",
        "-a : 全て表示",
    ):
        assert not ln.command_shaped(words), words


def test_a_command_line_over_another_in_a_plain_file_labels_nothing():
    text = "ps -aux\n\nsudo systemctl start|stop|restart  NetworkManager\n\nss -tunlp\n\n"
    text += "nm -D --defined-only /lib/libfoo.so\n\nlast\n"
    assert all("systemctl" not in prompt and "nm -D" not in prompt for _, prompt, _ in cards(text))
    text = "Shebang\n#!/bin/bash\necho $BASH_VERSION\n"
    assert all("/bin/bash" not in prompt for _, prompt, _ in cards(text))
    text = "Switch the login shell\n    chsh -s /bin/bash\n    bash --version\n    brew install bash\n"
    assert all(prompt != "bash --version" for _, prompt, _ in cards(text))


def test_a_command_put_aside_in_a_comment_labels_nothing():
    text = "```\n# dd if=/dev/zero of=/swapfile bs=1M count=64\nfallocate -l 4G /swapfile && mkswap /swapfile\n```\n"
    assert all("dd if" not in prompt for _, prompt, _ in cards(text))
    text = "```\n# スワップを作る\nfallocate -l 4G /swapfile && mkswap /swapfile\n```\n"
    assert [prompt for _, prompt, _ in cards(text)] == ["スワップを作る"]  # words still label it


def test_the_rest_of_a_command_line_or_a_command_under_one_is_no_description():
    text = "Screenshot\nexport DISPLAY\nimport -window root shot.png\n"
    assert all("import" not in prompt for _, prompt, _ in cards(text))
    text = "rpm -qa | grep openjdk | xargs  yum -y remove\n"
    assert all("rpm -qa" not in prompt for _, prompt, _ in cards(text))
