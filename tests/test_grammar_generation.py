"""The grammar comes from the CLIs' own help: readers on recorded help texts (tests/fixtures/help,
written by ``bench/learn_grammar.py``), and the shipped grammar regenerates from them."""

import gzip
import json
from pathlib import Path

import pytest

from dockquiz.grading import helptext as ht
from dockquiz.grading.grammar import GrammarError, grammar, load_grammar
from dockquiz.grading.learn import learn, replay_runner
from dockquiz.notes import parse_notes
from dockquiz.resources import builtin_decks, content_dir

HELP = Path(__file__).parent / "fixtures" / "help"
GENERATED = content_dir() / "cli" / "generated"
PROGRAMS = sorted(p.name.split(".")[0] for p in HELP.glob("*.json.gz"))


def recorded(program: str) -> dict[str, str]:
    with gzip.open(HELP / f"{program}.json.gz", "rt", encoding="utf-8") as fh:
        return json.load(fh)


def flags_of(page: ht.Page) -> dict[str, ht.Flag]:
    return {name: f for f in page.options for name in f.flags}


def test_every_shipped_grammar_has_its_recorded_help():
    assert sorted(p.stem for p in GENERATED.glob("*.json")) == PROGRAMS
    assert {"docker", "kubectl", "git"} <= set(PROGRAMS)


@pytest.mark.parametrize("program", PROGRAMS)
def test_regenerating_from_recorded_help_reproduces_the_shipped_grammar(program):
    shipped = json.loads((GENERATED / f"{program}.json").read_text("utf-8"))
    again = learn(program, replay_runner(recorded(program)))
    assert again == shipped


def test_cobra_reader_on_docker_run():
    page = ht.parse_cobra(recorded("docker")["docker run --help"], ["docker", "run"])
    flags = flags_of(page)
    assert flags["-d"].flags == ["-d", "--detach"] and flags["-d"].value is None
    assert flags["--name"].value == "string" and not flags["--name"].repeat
    assert flags["-p"].repeat and flags["-e"].repeat and flags["-v"].repeat
    assert flags["--network"].repeat  # a `network` value: several networks, not last-one-wins
    assert "docker container run" in page.aliases
    assert page.args == ["IMAGE", "COMMAND?", "ARG*"]


def test_cobra_reader_lists_subcommands_of_groups():
    page = ht.parse_cobra(recorded("docker")["docker --help"], ["docker"])
    assert {"run", "container", "context", "swarm", "node", "stack", "secret", "manifest", "plugin", "trust"} <= set(
        page.subcommands
    )
    assert {"-H", "--host", "-c", "--context"} <= {n for f in page.inherited for n in f.flags}


def test_kubectl_reader_reads_defaults_as_kinds():
    page = ht.parse_kubectl(recorded("kubectl")["kubectl get --help"], ["kubectl", "get"])
    flags = flags_of(page)
    assert flags["-A"].flags == ["-A", "--all-namespaces"] and flags["-A"].value is None
    assert flags["-o"].value and not flags["-o"].repeat
    assert flags["-L"].repeat  # --label-columns=[]: repeats
    globals_ = {n for f in ht.kubectl_flags(recorded("kubectl")["kubectl options"]) for n in f.flags}
    assert {"-n", "--namespace", "--context", "--kubeconfig"} <= globals_


def test_git_reader_reads_parse_options():
    page = ht.parse_git(recorded("git")["git commit -h"], ["git", "commit"])
    flags = flags_of(page)
    assert flags["-m"].flags == ["-m", "--message"] and flags["-m"].value == "message"
    assert flags["--status"].flags == ["--status"]  # its --no- form is a fact of the completion helper
    assert flags["-S"].optional_value  # -S[<keyid>]: a value only when attached
    assert "-h" not in flags
    clean = flags_of(ht.parse_git(recorded("git")["git clean -h"], ["git", "clean"]))
    assert clean["-x"].flags == ["-x"] and clean["-X"].flags == ["-X"]  # two options, no --no- form
    stash = ht.parse_git(recorded("git")["git stash -h"], ["git", "stash"])
    assert "push" in stash.subcommands and stash.default == "push"  # git stash [push …]


def test_git_completion_helper_says_which_options_turn_off():
    texts = recorded("git")
    page = ht.parse_git(texts["git commit -h"], ["git", "commit"])
    ht.git_completion(page, texts["git commit --git-completion-helper-all"])
    flags = flags_of(page)
    assert flags["--amend"].negatable and flags["-a"].negatable and flags["-n"].negatable  # --no-amend, --verify
    assert "--allow-empty" in flags  # hidden from -h, still an option (and a prefix clash)
    assert not any(name.startswith("--no-") and name != "--no-verify" and name != "--no-post-rewrite" for name in flags)
    branch = ht.parse_git(texts["git branch -h"], ["git", "branch"])
    ht.git_completion(branch, texts["git branch --git-completion-helper-all"])
    assert not flags_of(branch)["-D"].negatable and flags_of(branch)["--delete"].negatable


def test_usage_lines():
    assert ht.usage_args("docker rm [OPTIONS] CONTAINER [CONTAINER...]", ["docker", "rm"]) == ["CONTAINER+"]
    assert ht.usage_args("docker pull [OPTIONS] NAME[:TAG|@DIGEST]", ["docker", "pull"]) == ["NAME[:TAG|@DIGEST]"]
    assert ht.usage_args("docker build [OPTIONS] PATH | URL | -", ["docker", "build"]) == ["PATH"]
    assert ht.usage_args("git push [<options>] [<repository> [<refspec>...]]", ["git", "push"]) == ["repository?", "refspec*"]
    assert ht.usage_args("kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]", ["kubectl", "logs"]) == ["ARG*"]


def test_every_docker_and_kubectl_command_path_is_known():
    g = load_grammar()
    counts = {}
    for program in ("docker", "kubectl"):
        help_texts = recorded(program)
        paths = [k[: -len(" --help")] for k in help_texts if k.endswith(" --help")]
        known = [p for p in paths if g.scope(p) is not None]
        counts[program] = (len(known), len(paths))
        assert known == paths, set(paths) - set(known)
    print("command paths known:", counts)
    assert counts["docker"][0] >= 150 and counts["kubectl"][0] >= 100


def test_unknown_keys_in_a_grammar_file_are_errors(tmp_path):
    (tmp_path / "x.toml").write_text('program = "x"\n[[command]]\npath = "x y"\nen = "e"\nsya = "typo"\n')
    with pytest.raises(GrammarError, match="sya"):
        load_grammar(tmp_path)
    (tmp_path / "x.toml").unlink()
    (tmp_path / "generated").mkdir()
    (tmp_path / "generated" / "x.json").write_text(
        json.dumps({"format": 1, "program": "x", "commands": {"x y": {"options": [{"flags": ["-a"], "repeats": True}]}}})
    )
    g = load_grammar(tmp_path)
    with pytest.raises(GrammarError, match="repeats"):
        g.knows("x")


def test_overlay_describes_every_option_the_builtin_deck_and_fixtures_use():
    g = grammar()
    files = [*builtin_decks(), *sorted((Path(__file__).parent / "fixtures").glob("*.md"))]
    missing = []
    for path in files:
        for d in parse_notes(path.read_text("utf-8"), deck="x").drafts:
            if d.kind != "option" or not d.command:
                continue
            scope = g.scope(d.command)
            opt = scope.options.get(d.answer.split()[0].partition("=")[0]) if scope else None
            if opt is not None and not (opt.en and opt.ja):
                missing.append((path.name, d.command, d.answer))
    assert not missing


def test_generated_files_name_their_cli_version():
    for file in GENERATED.glob("*.json"):
        doc = json.loads(file.read_text("utf-8"))
        assert doc["version"] and any(ch.isdigit() for ch in doc["version"]), file.name


@pytest.mark.parametrize(
    "pages, cut, reason",
    [
        ({}, set(), "silent"),  # --help printed nothing
        ({}, {"time"}, "time"),  # … because it did not end in time
        ({}, {"bytes"}, "bytes"),
        ({"tool --help": "tool 1.0: does things\n"}, set(), "layout"),
        # a cobra page whose one subcommand's page cannot be read: nothing learned
        ({"tool --help": "Usage:\n  tool COMMAND\n\nCommands:\n  run   runs\n"}, set(), "empty"),
    ],
)
def test_why_a_help_cannot_be_read(pages, cut, reason):
    from dockquiz.grading.learn import unreadable

    def run(argv):
        cut_here.update(cut)  # a live runner says so when it cuts a page
        return pages.get(" ".join(argv))

    cut_here: set[str] = set()
    why: dict = {}
    assert learn("tool", run, why=why, cut=cut_here) is None
    assert why["reason"] == reason
    key, fields = unreadable(why)
    assert key == f"grammar.unreadable_{reason}"
    assert fields.get("style") == ("cobra" if reason == "empty" else None)


def test_a_readable_help_has_no_reason():
    why: dict = {}
    assert learn("docker", replay_runner(recorded("docker")), why=why) is not None and why == {}


# -- the CLIs' own words: what a command and each flag do, as the help says it -------------------


@pytest.mark.parametrize(
    "text, said",
    [
        ("Force removal of the image", "Force removal of the image"),
        ("create a bare repository", "Create a bare repository"),  # git's are lower case
        ("Copy files and directories to and from containers.", "Copy files and directories to and from containers"),
        (
            "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored",
            "List the requested object(s) across all namespaces",
        ),  # kubectl's condition and second sentence left out
        ("Block IO weight (relative device\n   weight) (default [])", "Block IO weight (relative device weight)"),
        (
            'Must be "none", "server", or "client". If client strategy, only print the object',
            "If client strategy, only print the object",
        ),
        ("Print the output in the given format, e.g. json or yaml.", "Print the output in the given format, e.g. json or yaml"),
        ("(default 0)", ""),
        ("x" * 60 + " " + "y" * 60, ""),  # too long for a prompt, and no first clause to keep
    ],
)
def test_a_help_text_as_a_prompt_phrase(text, said):
    assert ht.phrase(text) == said


def test_the_readers_keep_what_each_command_and_flag_does():
    docker = ht.parse_cobra(recorded("docker")["docker rmi --help"], ["docker", "rmi"])
    assert docker.about == "Remove one or more images"
    assert flags_of(docker)["-f"].help == "Force removal of the image"
    run = flags_of(ht.parse_cobra(recorded("docker")["docker run --help"], ["docker", "run"]))
    assert run["--add-host"].help == "Add a custom host-to-IP mapping (host:ip)"  # on two lines in the help
    kube = ht.parse_kubectl(recorded("kubectl")["kubectl cp --help"], ["kubectl", "cp"])
    assert kube.about == "Copy files and directories to and from containers"
    assert flags_of(kube)["-c"].help == "Container name"
    git = ht.parse_git(recorded("git")["git init -h"], ["git", "init"])
    assert flags_of(git)["--bare"].help == "Create a bare repository"
    assert flags_of(git)["--template"].help == "Directory from which templates will be used"  # on the next line
    gcloud = ht.parse_gcloud(recorded("gcloud")["gcloud config list --help"], ["gcloud", "config", "list"])
    assert gcloud.about.startswith("List Google Cloud CLI properties")


def test_the_shipped_grammar_says_in_the_clis_words_what_no_overlay_describes():
    g = load_grammar()
    assert g.command(("kubectl", "cp")).en == "Copy files and directories to and from containers"
    assert g.command(("git", "init")).en == "Create an empty repository"  # our overlay's words win
    assert g.command(("git", "init")).options["--bare"].en == "Create a bare repository"
    assert g.command(("git", "cherry-pick")).en == "Apply the changes introduced by some existing commits"  # git help -a


def test_english_prompts_say_what_the_help_says_and_never_the_opposite():
    notes = parse_notes("## コピー\n\n```\nkubectl cp ./a web:/tmp/a\n```\n\n## 初期化\n\n```\ngit init --bare\n```\n", deck="x")
    en = {d.answer: d.prompt_en for d in notes.drafts}
    assert en["kubectl cp ./a web:/tmp/a"] == "Copy files and directories to and from containers"
    assert en["git init --bare"] == "Create an empty repository, create a bare repository"
    notes = parse_notes("## マージ\n\n```\ngit merge --no-ff topic\n```\n", deck="x")
    assert notes.drafts[0].prompt_en == "Merge topic, do not allow fast-forward"  # --no-ff: the opposite of --ff's words


# A gcloud help page of the layout gcloud prints (made up for the test, not a recorded page).
GCLOUD_PAGE = """NAME
    gcloud widgets make - make a widget

SYNOPSIS
    gcloud widgets make NAME [--size=SIZE, -s SIZE] [--[no-]shiny]
        [--colour=COLOUR] [GCLOUD_WIDE_FLAG ...]

DESCRIPTION
    Makes a widget. This runs to many paragraphs of prose.

POSITIONAL ARGUMENTS
     NAME
        Name of the widget.

FLAGS
     --size=SIZE, -s SIZE
        Size of the widget to make. If not given, the widgets/size property
        is used.

        Sizes are small, medium and large.

     --[no-]shiny
        Polish the widget. Use --shiny to enable and --no-shiny to disable.

     At most one of these can be specified:

       --colour=COLOUR
          (DEPRECATED) Colour of the widget.

GCLOUD WIDE FLAGS
    These flags are available to all commands: --account, --project.
"""


def test_gcloud_reader_reads_what_each_flag_does_and_its_no_form():
    page = ht.parse_gcloud(GCLOUD_PAGE, ["gcloud", "widgets", "make"])
    flags = flags_of(page)
    assert page.about == "Make a widget"
    assert flags["-s"].flags == ["-s", "--size"] and flags["--size"].value == "SIZE"
    assert flags["--size"].help == "Size of the widget to make"  # the first sentence only
    assert flags["--shiny"].flags == ["--shiny", "--no-shiny"]  # --[no-]shiny: both spellings
    assert flags["--shiny"].help == "Polish the widget"
    assert flags["--colour"].help == "Colour of the widget"  # nested under a group line, (DEPRECATED) left out
    assert "--account" not in flags  # gcloud-wide flags are the globals' page's


def test_trimmed_gcloud_page_keeps_each_flags_first_paragraph_and_reads_the_same():
    trimmed = ht.trim_gcloud(GCLOUD_PAGE)
    assert "many paragraphs of prose" not in trimmed and "Sizes are small" not in trimmed
    assert "Size of the widget to make." in trimmed
    path = ["gcloud", "widgets", "make"]
    whole, kept = ht.parse_gcloud(GCLOUD_PAGE, path), ht.parse_gcloud(trimmed, path)
    assert [(f.flags, f.value, f.help) for f in kept.options] == [(f.flags, f.value, f.help) for f in whole.options]
    assert kept.args == whole.args and kept.about == whole.about


def test_gcloud_cards_say_what_gclouds_help_says():
    g = load_grammar()
    assert g.command(("gcloud", "compute", "images", "list")).en  # compute's groups are learned whole
    assert g.command(("gcloud", "compute", "instances", "list")).options["--filter"].en
    notes = parse_notes(
        "## イメージ一覧\n\n```\ngcloud compute images list\n```\n\n"
        "## VM 一覧\n\n```\ngcloud compute instances list --filter=zone:us-east1-b\n```\n",
        deck="x",
    )
    en = {d.answer: d.prompt_en for d in notes.drafts}
    assert "`gcloud`" not in en["gcloud compute images list"] and "image" in en["gcloud compute images list"].lower()
    assert "one more option" not in en["gcloud compute instances list --filter=zone:us-east1-b"]


WIDGETCTL = {
    "widgetctl --help": (
        "widgetctl controls the widget factory.\n\n"
        "Basic Commands:\n"
        "  make          Make a widget from a file\n"
        "  compare       Compare the live widget against a would-be made one\n\n"
        "Usage:\n  widgetctl [flags] [options]\n"
    ),
    "widgetctl make --help": "Build a widget from its file.\n\nUsage:\n  widgetctl make -f FILENAME [options]\n",
    "widgetctl compare --help": (
        "Compare widgets specified by file name or stdin between the current online factory floor configuration, and the "
        "configuration as it would be if made, for every widget the factory holds.\n\n"
        "Usage:\n  widgetctl compare -f FILENAME [options]\n"
    ),
}


def test_kubectl_page_too_long_to_say_what_it_does_takes_its_parents_command_list_line():
    page = ht.parse_kubectl(WIDGETCTL["widgetctl --help"], ["widgetctl"])
    assert page.listed == {"make": "Make a widget from a file", "compare": "Compare the live widget against a would-be made one"}
    doc = learn("widgetctl", replay_runner(WIDGETCTL), style="kubectl")
    assert doc["commands"]["widgetctl compare"]["about"] == "Compare the live widget against a would-be made one"
    assert doc["commands"]["widgetctl make"]["about"] == "Build a widget from its file"  # its own page's words first
