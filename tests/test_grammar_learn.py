"""`dockquiz grammar learn PROGRAM` / `grammar list`: a learner's own CLI taught from its help."""

import gzip
import json
import os
import stat
import sys
from pathlib import Path

import pytest
from helpers import run_cli

from dockquiz.grading import grade
from dockquiz.grading import grammar as gr

HELP = Path(__file__).parent / "fixtures" / "help"


def install_tool(bin_dir: Path, name: str, pages: dict[str, str]) -> None:
    """A program on PATH that answers with the given help pages (argv joined by spaces)."""
    (bin_dir / f"{name}.json").write_text(json.dumps(pages), "utf-8")
    script = bin_dir / name
    script.write_text(f"""#!{sys.executable}
import json, sys
pages = json.load(open({str(bin_dir / f"{name}.json")!r}))
text = pages.get(" ".join(["{name}", *sys.argv[1:]]))
if text is None:
    sys.stderr.write("unknown command\\n"); sys.exit(1)
sys.stdout.write(text)
""")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


@pytest.fixture
def home(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    gr.grammar.cache_clear()
    yield bin_dir
    gr.grammar.cache_clear()


def docker_pages_as(name: str) -> dict[str, str]:
    """Docker's recorded (cobra) help, as another cobra CLI of the same shape would print it."""
    with gzip.open(HELP / "docker.json.gz", "rt", encoding="utf-8") as fh:
        pages = json.load(fh)
    return {k.replace("docker", name, 1): v.replace("docker", name) for k, v in pages.items()}


def test_learn_a_cobra_cli_then_grade_its_commands(home, capsys):
    install_tool(home, "boxctl", docker_pages_as("boxctl"))
    assert grade("boxctl run -it --rm nginx", "boxctl run --rm -ti nginx").verdict != "equivalent"
    result = run_cli(capsys, "grammar", "learn", "boxctl")
    assert result.code == 0 and "boxctl" in result.out
    stored = json.loads((gr.user_grammar_dir() / "boxctl.json").read_text("utf-8"))
    assert stored["program"] == "boxctl" and stored["style"] == "cobra" and "28.2.2" in stored["version"]
    gr.grammar.cache_clear()
    assert grade("boxctl run -it --rm nginx", "boxctl container run --rm -ti nginx").verdict == "equivalent"
    assert grade("boxctl run -p 80:80 nginx", "boxctl run -P nginx").verdict in ("wrong", "partial")
    listing = run_cli(capsys, "grammar", "list", "--json").json()
    row = next(r for r in listing if r["program"] == "boxctl")
    assert row["source"] == "learned" and row["commands"] > 100
    assert f" {row['commands']} " in result.out  # learn says the number list shows
    assert {r["program"] for r in listing} >= {"docker", "kubectl", "git", "gcloud"}


def test_a_program_whose_help_cannot_be_read_writes_nothing(home, capsys):
    install_tool(home, "mute", {"mute --help": "hello\n"})
    result = run_cli(capsys, "--lang", "en", "grammar", "learn", "mute")
    assert result.code == 2 and result.err.count("\n") == 1 and "nothing was written" in result.err
    assert not (gr.user_grammar_dir() / "mute.json").exists()
    result = run_cli(capsys, "--lang", "ja", "grammar", "learn", "no-such-tool")
    assert result.code == 2 and "インストールされていません" in result.err
    result = run_cli(capsys, "--lang", "en", "grammar", "learn", "../etc")
    assert result.code == 2 and "not a program name" in result.err
    assert not gr.user_grammar_dir().exists() or not any(gr.user_grammar_dir().iterdir())
