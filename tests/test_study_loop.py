"""The study loop behaves like a tool learners trust: learning cards wait for their time,
piped input always ends, the chosen rating is echoed."""

import os
import subprocess
import sys

import pexpect
import pytest
from helpers import PROMPT_READS_KEYS


@pytest.fixture
def env(tmp_path):
    return {**os.environ, "DOCKQUIZ_DB": str(tmp_path / "s.db"), "DOCKQUIZ_LANG": "en", "NO_COLOR": "1"}


def count_reviews(env) -> int:
    import sqlite3

    conn = sqlite3.connect(env["DOCKQUIZ_DB"])
    try:
        return conn.execute("SELECT count(*) FROM review").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.slow
def test_yes_empty_lines_end_by_themselves(env):
    """`yes '' | dockquiz study`: every new card answered empty and rated again, once; then
    the learning cards wait for their time and the session ends with one line about them."""
    result = subprocess.run(
        f"yes '' | {sys.executable} -m dockquiz study", shell=True, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert count_reviews(env) == 20
    assert "20 learning card(s) left; the first comes back in 1 min" in result.stdout
    assert result.stdout.count("again → next: in 1 min") == 20


@pytest.mark.slow
def test_yes_lines_that_are_not_ratings_end_the_session(env):
    result = subprocess.run(
        f"yes | {sys.executable} -m dockquiz study", shell=True, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert "3 lines in a row were not ratings" in result.stdout and count_reviews(env) == 0


@pytest.mark.slow
def test_the_terminal_face_counts_down_to_a_learning_card(env):
    child = pexpect.spawn(
        sys.executable,
        ["-m", "dockquiz", "study", "--new", "1"],
        env={**env, "TERM": "xterm-256color", "PROMPT_TOOLKIT_NO_CPR": "1"},
        encoding="utf-8",
        timeout=120,
        dimensions=(30, 100),
    )
    child.expect(r"\$")
    child.send("docker\r")
    child.expect("Enter accept")
    child.send("1")
    child.expect("again")
    child.expect("Only learning cards are left")
    child.expect(r"next card in 0:5\d")
    child.send("\r")  # study it now
    child.expect("Pull an image")  # the English built-in deck's first card
    child.expect_exact(PROMPT_READS_KEYS)  # the answer prompt reads keys
    child.sendcontrol("d")
    child.expect("Done: 1 answered")
    child.expect(pexpect.EOF)
    assert count_reviews(env) == 1


def _answer_all(env, *args) -> str:
    return subprocess.run(
        [sys.executable, "-m", "dockquiz", "study", "--plain", *args],
        env=env,
        input="docker ps\n3\n" * 200,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout


@pytest.mark.slow
def test_new_card_limits_are_per_deck(env, tmp_path):
    from pathlib import Path

    fixtures = Path(__file__).parent / "fixtures"
    subprocess.run(
        [sys.executable, "-m", "dockquiz", "import", str(fixtures / "docker-basics.ja.md")],
        env=env,
        check=True,
        capture_output=True,
    )
    out = _answer_all(env)
    assert "Done: 20 answered" in out
    # the cards that wait: not the siblings of today's answers, buried until tomorrow
    assert "Daily limit of new cards reached (20 per deck): 10 more wait" in out and "dockquiz study --new 10" in out
    subprocess.run(
        [sys.executable, "-m", "dockquiz", "import", str(fixtures / "cloud-tools.ja.md")],
        env=env,
        check=True,
        capture_output=True,
    )
    out = _answer_all(env, "--deck", "cloud-tools")  # another deck: its own 20 today, less the siblings buried
    shown = count_reviews(env) - 20
    assert f"Done: {shown} answered" in out and 10 < shown <= 20
    out = _answer_all(env, "--deck", "docker-basics", "--new", "5")  # this session: 5 more
    assert "Done: 5 answered" in out and count_reviews(env) == 25 + shown
    subprocess.run([sys.executable, "-m", "dockquiz", "config", "new", "3"], env=env, check=True, capture_output=True)
    assert (
        "new = 3"
        in subprocess.run([sys.executable, "-m", "dockquiz", "config", "new"], env=env, capture_output=True, text=True).stdout
    )
    bad = subprocess.run([sys.executable, "-m", "dockquiz", "config", "new", "lots"], env=env, capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_the_last_line_never_says_come_back_now_and_run_again_then():
    from datetime import timedelta

    from helpers import T0

    from dockquiz.i18n import T
    from dockquiz.tui.plain import next_due_line

    def line(lang, seconds):
        data = {"left": {"new": 0, "learning": 17, "review": 0}, "next_due": (T0 + timedelta(seconds=seconds)).isoformat()}
        return next_due_line(T(lang), data, T0)

    for due_now in (0, -120):  # due since two minutes (the summary's next_due is the first due of the scope)
        said = line("en", due_now)
        assert said == "17 learning card(s) left; the first is due again now: run `dockquiz study` to go on with them."
        assert "最初のカードはもう期限" in line("ja", due_now)
    assert "the first comes back in 5 min" in line("en", 300) and "again then" in line("en", 300)
    assert "最初のカードは 5 分後に戻って" in line("ja", 300)
    # a countdown at 0:17 ended with Ctrl-D: not "due now" (a new user), the seconds it is away
    assert "the first comes back in 17 s" in line("en", 17) and "最初のカードは 17 秒後に戻って" in line("ja", 17)


def test_the_run_again_advice_names_the_sessions_deck():
    from datetime import timedelta

    from helpers import T0

    from dockquiz.i18n import T
    from dockquiz.tui.plain import next_due_line, study_again

    data = {"left": {"new": 0, "learning": 3, "review": 0}, "next_due": (T0 + timedelta(seconds=8)).isoformat()}
    assert "run `dockquiz study --deck ssh-memo` again then" in next_due_line(T("en"), data, T0, study_again("ssh-memo"))
    assert "`dockquiz study --deck 'my notes'` を実行" in next_due_line(T("ja"), data, T0, study_again("my notes"))
    assert "run `dockquiz study` again then" in next_due_line(T("en"), data, T0, study_again(None))
    now = {**data, "next_due": T0.isoformat()}
    assert "run `dockquiz study --deck ssh-memo` to go on" in next_due_line(T("en"), now, T0, study_again("ssh-memo"))
