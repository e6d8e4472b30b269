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

pytestmark = pytest.mark.slow  # each test runs a made-up CLI's help as programs

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
    # word by word before: the order of switches is read (-it = -ti), a command's other path is not
    assert grade("boxctl run -it --rm nginx", "boxctl run --rm -ti nginx").verdict == "equivalent"
    assert grade("boxctl run -it --rm nginx", "boxctl container run --rm -ti nginx").verdict != "equivalent"
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


def test_learn_a_go_flag_cli_then_grade_its_commands(home, capsys):
    """terraform 1.11.4's own help pages (tests/fixtures/goflag), answered by a stand-in."""
    with gzip.open(Path(__file__).parent / "fixtures" / "goflag" / "terraform-1.11.4.json.gz", "rt", encoding="utf-8") as fh:
        install_tool(home, "terraform", json.load(fh))
    assert grade("terraform plan -out=tfplan", "terraform plan --out=tfplan").verdict not in ("exact", "equivalent")
    result = run_cli(capsys, "--lang", "en", "grammar", "learn", "terraform")
    assert result.code == 0 and "Terraform v1.11.4" in result.out, result.err
    stored = json.loads((gr.user_grammar_dir() / "terraform.json").read_text("utf-8"))
    assert stored["style"] == "goflag" and "terraform state list" in stored["commands"]
    gr.grammar.cache_clear()
    assert grade("terraform plan -out=tfplan", "terraform plan --out=tfplan").verdict == "equivalent"
    assert grade("terraform state list -state=x a", "terraform state list a -state=x").verdict not in ("exact", "equivalent")


def test_a_program_whose_help_cannot_be_read_writes_nothing(home, capsys):
    install_tool(home, "mute", {"mute --help": "hello\n"})
    result = run_cli(capsys, "--lang", "en", "grammar", "learn", "mute")
    assert result.code == 2 and result.err.count("\n") == 1 and "nothing was written" in result.err
    assert "none of the layouts dockquiz reads" in result.err
    assert "its cards are still graded, word by word" in result.err  # what to do: nothing more
    assert not (gr.user_grammar_dir() / "mute.json").exists()
    explained = run_cli(capsys, "--lang", "en", "explain", "mute -x").out
    assert "no grammar" in explained and "grammar learn" not in explained  # a learn that fails is not offered again
    ja = run_cli(capsys, "--lang", "ja", "grammar", "learn", "mute")
    assert ja.code == 2 and ja.err.count("\n") == 1 and "どれでもありません" in ja.err and "単語ごとに採点" in ja.err
    result = run_cli(capsys, "--lang", "ja", "grammar", "learn", "no-such-tool")
    assert result.code == 2 and "インストールされていません" in result.err
    result = run_cli(capsys, "--lang", "en", "grammar", "learn", "../etc")
    assert result.code == 2 and "not a program name" in result.err
    assert not gr.user_grammar_dir().exists() or not any(gr.user_grammar_dir().iterdir())


# --- hostile CLIs: terminal control, help that hangs or never ends, a CLI listing itself ----------


def fake_cli(bin_dir: Path, name: str, body: str) -> None:
    """A program on PATH: ``body`` is Python run with ``args`` (argv less the program) and
    ``page(path, subcommands)`` (a cobra help page for that path)."""
    script = bin_dir / name
    script.write_text(f"""#!{sys.executable}
import os, subprocess, sys, time
args = sys.argv[1:]
def page(path, subs):
    lines = ["Usage:  " + path + " [OPTIONS] COMMAND", "", "A tool", "", "Commands:"]
    lines += ["  %-10s does %s" % (s, s) for s in subs]
    lines += ["", "Options:", "  -q, --quiet   Say less", ""]
    return "\\n".join(lines)
{body}
""")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


def test_a_version_that_writes_terminal_control_never_reaches_the_terminal(home, capsys):
    fake_cli(
        home,
        "evil",
        """if args == ["--version"]:
    sys.stdout.write("\\x1b]52;c;ZXZpbA==\\x07evil version 1.2.3\\x1b[31m\\n")
elif args == ["--help"]:
    print(page("evil", ["run"]))
elif args == ["run", "--help"]:
    print(page("evil run", []))
""",
    )
    result = run_cli(capsys, "--lang", "en", "grammar", "learn", "evil")
    assert result.code == 0, result.err
    assert "\x1b" not in result.out and "\x07" not in result.out and "evil version 1.2.3" in result.out
    stored = json.loads((gr.user_grammar_dir() / "evil.json").read_text("utf-8"))
    assert stored["version"] == "evil version 1.2.3"
    gr.grammar.cache_clear()
    listing = run_cli(capsys, "grammar", "list")
    assert listing.code == 0 and "\x1b" not in listing.out and "evil version 1.2.3" in listing.out


def test_help_that_hangs_is_cut_by_the_time_budget_and_its_children_are_killed(home, capsys, monkeypatch, tmp_path):
    from dockquiz.grading import learn

    # budgets a page that answers at once meets on a busy machine too (a fake CLI's Python
    # may take a second to start at a load of 8), and a hanging page never does
    monkeypatch.setattr(learn, "WALK_SECONDS", 8)
    monkeypatch.setattr(learn, "HELP_TIMEOUT", 4)
    pids = tmp_path / "pids"
    subs = ["ok", *(f"c{n}" for n in range(40))]
    fake_cli(
        home,
        "slow",
        f"""if args == ["--help"]:
    print(page("slow", {subs!r}))
elif args == ["ok", "--help"]:
    print(page("slow ok", []))
elif args and args[-1] == "--help":
    child = subprocess.Popen(["sleep", "1000"])
    open({str(pids)!r}, "a").write(f"{{child.pid}}\\n")
    child.wait()
""",
    )
    result = run_cli(capsys, "--lang", "en", "grammar", "learn", "slow")
    assert result.code == 0, result.err
    assert "cut short (it ran out of time)" in result.out
    stored = json.loads((gr.user_grammar_dir() / "slow.json").read_text("utf-8"))
    assert stored["complete"] is False and stored["cut"] == ["time"]
    started = [int(p) for p in pids.read_text().split()]
    assert 1 <= len(started) < 40
    for pid in started:  # each page's sleep went with its page
        try:
            os.kill(pid, 0)
            os.waitpid(pid, os.WNOHANG)
            alive = Path(f"/proc/{pid}/stat").exists() and Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
        except (ProcessLookupError, ChildProcessError):
            alive = False
        assert not alive, pid
    ja = run_cli(capsys, "--lang", "ja", "grammar", "learn", "slow")
    assert ja.code == 0 and "打ち切りました（時間切れ）" in ja.out


def test_endless_help_is_cut_at_the_byte_cap_not_memory(home, capsys):
    fake_cli(
        home,
        "loud",
        """if args == ["--help"]:
    print(page("loud", ["run", "talk"]))
elif args == ["run", "--help"]:
    print(page("loud run", []))
elif args == ["talk", "--help"]:
    line = b"y" * 4095 + b"\\n"
    while True:
        os.write(1, line)
""",
    )
    result = run_cli(capsys, "--lang", "en", "grammar", "learn", "loud")
    assert result.code == 0, result.err
    assert "a help page too long" in result.out
    stored = json.loads((gr.user_grammar_dir() / "loud.json").read_text("utf-8"))
    assert "loud run" in stored["commands"] and "loud talk" not in stored["commands"]


def test_a_cli_listing_itself_as_a_subcommand_is_read_once_and_lists_fast(home, capsys):
    fake_cli(
        home,
        "selfie",
        """if args == ["--version"]:
    print("selfie 0.1.0")
elif args[-1:] == ["--help"] and args[:-1] in ([], ["show"]) or (args[:-1] and set(args[:-1]) == {"selfie"}):
    print(page("selfie show" if args[:-1] == ["show"] else "selfie", [] if args[:-1] == ["show"] else ["selfie", "show"]))
""",
    )
    result = run_cli(capsys, "--lang", "en", "grammar", "learn", "selfie")
    assert result.code == 0, result.err
    assert "cut short" not in result.out
    file = gr.user_grammar_dir() / "selfie.json"
    stored = json.loads(file.read_text("utf-8"))
    assert stored["complete"] is True and sorted(stored["commands"]) == ["selfie", "selfie show"]
    gr.grammar.cache_clear()
    listing = run_cli(capsys, "grammar", "list", "--json").json()
    assert next(r for r in listing if r["program"] == "selfie")["commands"] >= 1


def test_a_cli_whose_every_page_lists_one_more_level_is_cut_at_the_depth_cap(home, capsys):
    from dockquiz.grading import learn

    fake_cli(
        home,
        "deep",
        """if args[-1:] == ["--help"]:
    print(page(" ".join(["deep", *args[:-1]]), ["x"]))
""",
    )
    result = run_cli(capsys, "--lang", "en", "grammar", "learn", "deep")
    assert result.code == 0, result.err
    assert "command paths too deep" in result.out
    stored = json.loads((gr.user_grammar_dir() / "deep.json").read_text("utf-8"))
    assert max(len(p.split()) for p in stored["commands"]) == learn.MAX_DEPTH and stored["cut"] == ["depth"]
    assert (gr.user_grammar_dir() / "deep.json").stat().st_size < 100_000


def test_why_nothing_could_be_learned_is_said_in_one_line(home, capsys, monkeypatch):
    from dockquiz.grading import learn

    monkeypatch.setattr(learn, "HELP_TIMEOUT", 2)
    fake_cli(home, "hush", "pass")
    fake_cli(home, "stuck", "time.sleep(60)")
    fake_cli(home, "hollow", 'print(page("hollow", ["run"]) if args == ["--help"] else "")')
    for program, en, ja in (
        ("hush", "hush --help printed nothing", "何も出力しなかった"),
        ("stuck", "stuck --help did not end within 2 s", "2 秒以内に終わりませんでした"),
        ("hollow", "reads as cobra style but no command could be read", "cobra 形式として読めましたが"),
    ):
        result = run_cli(capsys, "--lang", "en", "grammar", "learn", program)
        assert result.code == 2 and result.err.count("\n") == 1 and en in result.err, result.err
        if program != "stuck":  # each run of stuck waits out the page's time
            result = run_cli(capsys, "--lang", "ja", "grammar", "learn", program)
            assert result.code == 2 and result.err.count("\n") == 1 and ja in result.err, result.err
        assert not (gr.user_grammar_dir() / f"{program}.json").exists()
