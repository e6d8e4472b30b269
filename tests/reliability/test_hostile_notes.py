"""Hostile notes through every command and face: escape sequences (CSI, OSC 8 links, OSC 52
clipboard, SGR, C1), rich and prompt_toolkit markup, bidi overrides. Notes are data: the
bytes written hold no control character from them, markup stays literal text, no traceback."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

pytestmark = pytest.mark.slow  # each test runs dockquiz as a program (one in a pseudo-terminal)

HOSTILE = Path(__file__).parent.parent / "fixtures" / "hostile.md"
UNSAFE = [b"\x1b", "\x9b".encode(), "\u202e".encode(), "\u202c".encode(), b"\x07"]


def run(env, *args, stdin=None):
    return subprocess.run([sys.executable, "-m", "dockquiz", *args], env=env, input=stdin, capture_output=True, timeout=120)


def assert_clean(result, *, code=0):
    for stream in (result.stdout, result.stderr):
        for bad in UNSAFE:
            assert bad not in stream, (bad, stream[:2000])
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    assert result.returncode == code, result.stderr.decode()


@pytest.fixture
def env(tmp_path):
    env = {
        **os.environ,
        "DOCKQUIZ_DB": str(tmp_path / "h.db"),
        "DOCKQUIZ_LANG": "en",
        "NO_COLOR": "1",
        "DOCKQUIZ_NOW": "2026-11-28T09:00:00+09:00",
    }
    odd = tmp_path / "a[" / "]x\x1b[2J.md"  # a path with markup (a[/]x) and an escape in it
    odd.parent.mkdir()
    shutil.copy(HOSTILE, odd)
    env["HOSTILE"] = str(odd)
    result = run(env, "import", str(odd))
    assert_clean(result)
    assert b"]x^[[2J" in result.stdout and b"a[/]x^[[2J.md" in result.stdout  # deck and path as they are
    return env


def test_every_command_shows_notes_as_data(env):
    for args in (
        ["cards"],
        ["cards", "--json"],
        ["card", "2"],
        ["card", "2", "--json"],
        ["card", "5"],
        ["stats"],
        ["stats", "--json"],
        ["decks"],
        ["decks", "--json"],
        ["import", env["HOSTILE"], "--dry-run"],
        ["import", env["HOSTILE"], "--json"],
        ["cards", "--search", "[/x]"],
        ["grade", "docker ps [/x]", "docker ps"],
        ["grade", "docker pull \x1b]52;c;eA==\x07x", "docker pull \x9by", "--json"],
        ["import", env["HOSTILE"], "--deck", "x[/]\x1b[31m"],
        ["cards", "--deck", "x[/]\x1b[31m"],
    ):
        assert_clean(run(env, *args))
    card = run(env, "card", "2").stdout.decode()
    assert "[link=file:///etc/passwd]PASSWD[/link]" in card and "^[]8;;file:///etc/passwd" in card
    assert "[bold red]x[/]" in run(env, "card", "4").stdout.decode()  # markup kept literal
    assert "<U+202E>hello<U+202C>" in run(env, "cards").stdout.decode()
    data = json.loads(run(env, "cards", "--json").stdout)
    assert any("\x9b31m" in c["answer"] for c in data)  # JSON keeps the data, escaped
    assert b"\\u009b" in run(env, "cards", "--json").stdout


def test_study_faces_show_notes_as_data(env):
    answers = "".join(f"x\x1b[2J{i}\n\n" for i in range(12)).encode()
    assert_clean(run(env, "study", "--plain", stdin=answers))
    result = run(env, "study", "--plain", "--json", stdin=answers)
    assert_clean(result)
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events[-1]["event"] == "summary"


def test_the_terminal_face_shows_notes_as_data(env, tmp_path):
    child = pexpect.spawn(
        sys.executable,
        ["-m", "dockquiz", "study", "--deck", "]x\x1b[2J"],
        env={**env, "TERM": "xterm-256color", "PROMPT_TOOLKIT_NO_CPR": "1", "NO_COLOR": ""},
        timeout=120,
        dimensions=(40, 100),
    )
    seen = b""
    for _ in range(9):
        child.expect(rb"\$")
        seen += child.before
        child.send("docker ps\r")
        child.expect("Enter")
        seen += child.before
        child.send("\r")
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    seen += child.before
    for bad in (b"\x1b[2J", b"\x1b]", "\x9b".encode(), "\u202e".encode(), b"\x07"):
        assert bad not in seen, bad
    assert b"Traceback" not in seen


def test_a_table_cell_with_a_control_character_is_shown_whole(tmp_path):
    """Made visible before the table is measured: ``^[`` takes the columns it is shown in,
    so nothing after it is cut off."""
    notes = tmp_path / "esc.md"
    notes.write_text("### run\n\n- `$ docker run \x1b[2Jnginx` : start it\n", "utf-8")
    env = {**os.environ, "DOCKQUIZ_DB": str(tmp_path / "e.db"), "DOCKQUIZ_LANG": "en", "NO_COLOR": "1"}
    assert_clean(run(env, "import", str(notes)))
    shown = run(env, "cards")
    assert_clean(shown)
    assert b"docker run ^[[2Jnginx" in shown.stdout, shown.stdout.decode()
