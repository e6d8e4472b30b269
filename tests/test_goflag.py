"""Go-flag CLIs (terraform): the help reader, the walk, and grading by Go's flag package's rules.

The help texts are terraform 1.11.4's own (``terraform … -help``), recorded by
``learn("terraform", record=…)`` into tests/fixtures/goflag/terraform-1.11.4.json.gz.
"""

import gzip
import json
from pathlib import Path

import pytest

from dockquiz.grading import grade
from dockquiz.grading import grammar as gr
from dockquiz.grading import helptext as ht
from dockquiz.grading.learn import detect_style, learn, replay_runner, write
from dockquiz.grading.parser import parse

FIXTURES = Path(__file__).parent / "fixtures"
TERRAFORM = FIXTURES / "goflag" / "terraform-1.11.4.json.gz"


def pages() -> dict[str, str]:
    with gzip.open(TERRAFORM, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def flags_of(page: ht.Page) -> dict[str, ht.Flag]:
    return {name: f for f in page.options for name in f.flags}


def test_the_fixture_is_terraform_1_11_4():
    assert pages()["terraform --version"].startswith("Terraform v1.11.4\n")


def test_goflag_reader_on_terraform_plan():
    page = ht.parse_goflag(pages()["terraform plan -help"], ["terraform", "plan"])
    flags = flags_of(page)
    assert flags["-out"].value == "path" and not flags["-out"].repeat
    assert flags["-destroy"].value is None and not flags["-destroy"].on
    assert flags["-refresh"].value is None and flags["-refresh"].on  # `-refresh=false`: a switch, on by default
    assert flags["-input"].value is None and flags["-input"].on  # `-input=true`
    assert flags["-lock-timeout"].value == "0s"
    assert flags["-var"].value == "foo=bar" and flags["-var"].repeat  # `-var 'foo=bar'` … "more than once"
    assert flags["-target"].repeat and flags["-replace"].repeat and flags["-var-file"].repeat
    assert not flags["-parallelism"].repeat and not flags["-no-color"].repeat
    assert "-json" not in flags  # plan takes -json, but its help does not say so
    assert "-help" not in flags and "-h" not in flags
    assert set(page.sections) == {"plan customization options", "other options"}
    assert "-destroy" in {n for f in page.sections["plan customization options"] for n in f.flags}
    assert page.usage == "terraform plan [options]" and page.args == [] and page.subcommands == []


def test_goflag_reader_on_terraform_itself_and_its_groups():
    root = ht.parse_goflag(pages()["terraform -help"], ["terraform"])
    assert {"init", "validate", "plan", "apply", "destroy", "fmt", "state", "workspace", "version"} <= set(root.subcommands)
    assert len(root.subcommands) == 25  # 5 main commands, 20 others
    chdir = next(f for f in root.inherited if "-chdir" in f.flags)
    assert chdir.value == "DIR" and chdir.optional_value  # only -chdir=DIR: terraform reads it itself
    assert "-help" not in {n for f in root.inherited for n in f.flags}
    state = ht.parse_goflag(pages()["terraform state -help"], ["terraform", "state"])
    assert state.subcommands == ["list", "mv", "pull", "push", "replace-provider", "rm", "show"]
    assert not ht.runs_itself(state.usage, ["terraform", "state"])
    listing = ht.parse_goflag(pages()["terraform state list -help"], ["terraform", "state", "list"])
    assert listing.args == ["address*"] and set(flags_of(listing)) == {"-state", "-id"}
    providers = ht.parse_goflag(pages()["terraform providers -help"], ["terraform", "providers"])
    assert providers.subcommands == ["lock", "mirror", "schema"] and ht.runs_itself(providers.usage, ["terraform", "providers"])
    init = flags_of(ht.parse_goflag(pages()["terraform init -help"], ["terraform", "init"]))
    assert init["-backend"].flags == ["-backend", "-cloud"] and init["-backend"].on  # "aliases: -cloud=false"
    assert init["-backend-config"].repeat and init["-from-module"].value == "SOURCE"
    fmt = ht.parse_goflag(pages()["terraform fmt -help"], ["terraform", "fmt"])
    assert fmt.args == ["target*"] and flags_of(fmt)["-write"].on and flags_of(fmt)["-recursive"].value is None


def test_only_terraform_is_read_as_goflag():
    assert detect_style("terraform", replay_runner(pages())) == "goflag"
    for program in ("docker", "kubectl"):
        with gzip.open(FIXTURES / "help" / f"{program}.json.gz", "rt", encoding="utf-8") as fh:
            recorded = json.load(fh)
        assert not ht.looks_goflag(recorded[f"{program} --help"])
        assert detect_style(program, replay_runner(recorded)) == {"docker": "cobra", "kubectl": "kubectl"}[program]


def test_the_walk_reads_every_command_and_the_options_a_page_says_it_accepts():
    doc = learn("terraform", replay_runner(pages()))
    assert doc["style"] == "goflag" and doc["version"].startswith("Terraform v1.11.4") and doc["complete"]
    commands = doc["commands"]
    assert {"terraform state list", "terraform state rm", "terraform workspace new", "terraform providers lock"} <= set(commands)
    assert commands["terraform state"]["group"] and not commands["terraform state"].get("runs")
    assert commands["terraform providers"].get("runs")  # `providers [DIR]` runs, and has subcommands
    assert [o["flags"] for o in doc["globals"]["options"]] == [["-chdir"], ["-version"]]

    def names(path: str) -> set[str]:
        return {n for o in commands[path]["options"] for n in o["flags"]}

    # apply: "will also accept all of the plan-customization options accepted by the terraform plan command"
    assert {"-target", "-replace", "-refresh-only", "-refresh", "-auto-approve"} <= names("terraform apply")
    assert "-out" not in names("terraform apply") and "-detailed-exitcode" not in names("terraform apply")
    # destroy: "a convenience alias for: terraform apply -destroy", and plan's customization options
    assert {"-auto-approve", "-target", "-state", "-parallelism"} <= names("terraform destroy")
    assert "-out" not in names("terraform destroy")


@pytest.fixture
def learned(tmp_path, monkeypatch):
    """terraform's grammar learned from the fixture, in this learner's grammars folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    gr.grammar.cache_clear()
    folder = gr.user_grammar_dir()
    folder.mkdir(parents=True)
    write(learn("terraform", replay_runner(pages())), folder / "terraform.json")
    gr.grammar.cache_clear()
    yield gr.grammar()
    gr.grammar.cache_clear()


def read(line: str, g) -> tuple:
    p = parse(line.split(), g)
    return p.path, sorted((o.key, o.value) for o in p.opts), p.args, sorted(x.kind for x in p.problems)


def test_without_the_learned_grammar_a_double_dash_is_not_terraforms(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    gr.grammar.cache_clear()
    try:
        assert grade("terraform plan -out=tfplan", "terraform plan --out=tfplan").verdict not in ("exact", "equivalent")
    finally:
        gr.grammar.cache_clear()


@pytest.mark.parametrize(
    "expected, typed",
    [
        ("terraform plan -out=tfplan", "terraform plan --out=tfplan"),
        ("terraform plan -out=tfplan", "terraform plan -out tfplan"),
        ("terraform plan -out=tfplan", "terraform plan --out tfplan"),
        ("terraform apply -auto-approve", "terraform apply --auto-approve"),
        ("terraform apply -auto-approve tfplan", "terraform apply --auto-approve=true tfplan"),
        ("terraform plan", "terraform plan -destroy=false"),  # a switch turned off: as if not given
        ("terraform plan -var a=1 -var b=2", "terraform plan --var=b=2 -var=a=1"),
        ("terraform destroy -target=aws_instance.web", "terraform destroy --target aws_instance.web"),
        ("terraform state list -state=x.tfstate", "terraform state list --state x.tfstate"),
        ("terraform -chdir=infra plan -input=false", "terraform -chdir=infra plan --input=false"),
        ("terraform init -backend=false", "terraform init -cloud=false"),  # an alias the help names
    ],
)
def test_spellings_go_flag_reads_the_same(learned, expected, typed):
    assert read(expected, learned) == read(typed, learned)
    assert grade(expected, typed).verdict in ("exact", "equivalent"), (expected, typed)


@pytest.mark.parametrize(
    "expected, typed",
    [
        ("terraform plan -destroy=false", "terraform plan -destroy false"),  # `false` is an argument
        ("terraform plan -refresh=false", "terraform plan"),  # on by default: =false is a choice
        ("terraform state list -state=x a", "terraform state list a -state=x"),  # options end at an argument
        ("terraform -chdir=infra plan", "terraform --chdir=infra plan"),  # terraform reads only -chdir=DIR
        ("terraform -chdir=infra plan", "terraform plan -chdir=infra"),  # a global option after the command
        ("terraform plan -out=tfplan", "terraform plan ---out=tfplan"),  # bad flag syntax
        ("terraform plan -out=a", "terraform plan -out=b"),
        ("terraform plan -target=a -target=b", "terraform plan -target=b"),  # -target repeats
        ("terraform apply -auto-approve", "terraform apply -auto"),  # no abbreviations
        ("terraform plan -out=tfplan", "terraform apply -out=tfplan"),
        # terraform takes the word -no-color out of the line itself, before any flag is read
        ("terraform plan -no-color", "terraform plan --no-color"),
        ("terraform plan -no-color", "terraform plan -no-color=true"),
        ("terraform plan", "terraform plan -no-color=false"),
    ],
)
def test_spellings_go_flag_reads_apart(learned, expected, typed):
    assert read(expected, learned) != read(typed, learned)
    assert grade(expected, typed).verdict not in ("exact", "equivalent"), (expected, typed)


def test_go_flag_problems_are_the_ones_terraform_reports(learned):
    assert read("terraform plan -out", learned)[3] == ["missing_value"]  # flag needs an argument: -out
    assert read("terraform plan -destroy=maybe", learned)[3] == ["bad_bool"]  # invalid boolean value
    assert read("terraform plan -nope", learned)[3] == ["unknown_flag"]  # flag provided but not defined
    assert read("terraform plan -out -destroy", learned)[1] == [("-out", "-destroy")]  # the next word, whatever it is
    assert read("terraform fmt -- -check", learned)[2] == ("-check",)


def test_terraform_reads_no_color_itself_only_as_that_word():
    doc = learn("terraform", replay_runner(pages()))
    no_color = [o for c in doc["commands"].values() for o in c["options"] if "-no-color" in o["flags"]]
    assert len(no_color) >= 10 and all(o.get("literal") for o in no_color)
    assert not any(o.get("literal") for c in doc["commands"].values() for o in c["options"] if "-no-color" not in o["flags"])


def test_docker_and_git_keep_their_own_rules(learned):
    assert read("docker run -it nginx", learned)[1] == [("--interactive", None), ("--tty", None)]
    assert grade("git commit -m=x", "git commit -m x").verdict not in ("exact", "equivalent")
    assert grade("docker run --rm -d nginx", "docker run -d --rm nginx").verdict == "equivalent"


@pytest.mark.parametrize(
    "line, kind, suggestion, fix",
    [
        ("terraform state list foo -state=x", "after_argument", None, "terraform state list -state=x foo"),
        ("terraform fmt main.tf -check", "after_argument", None, "terraform fmt -check main.tf"),
        ("terraform plan -outt=x", "unknown_flag", "-out", "terraform plan -out=x"),
        ("terraform plan --auto-aprove", "unknown_flag", None, None),  # plan has no -auto-approve
        ("terraform apply --auto-aprove", "unknown_flag", "--auto-approve", "terraform apply --auto-approve"),
    ],
)
def test_explain_tells_what_go_flag_reads_otherwise(learned, line, kind, suggestion, fix):
    from dockquiz.grading.explain import explain

    e = explain(line, learned)
    found = [f for f in e.findings if f.kind == kind]
    assert found, e.findings
    assert found[0].suggestion == suggestion and e.fix == fix
    assert "after_image" not in {f.kind for f in e.findings}


def test_a_word_given_twice_is_told_as_the_option(learned):
    from dockquiz.grading.explain import explain

    parts = explain("terraform plan -out=a -out=b", learned).commands[0].parts
    assert [p.role for p in parts[2:]] == ["option", "option"]


def test_a_slip_in_a_one_dash_name_is_a_typo(learned):
    assert grade("terraform plan -out=x", "terraform plan -outt=x").verdict == "typo"
    assert grade("terraform apply -auto-approve", "terraform apply --auto-aprove").verdict == "typo"
