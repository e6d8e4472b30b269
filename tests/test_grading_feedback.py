"""Feedback a new learner met: what is offered after an answer and how it is said (the
notes' words, the catalogue's, control characters visible). Made-up lines; facts (flags) are
the CLIs' own."""

import io

import pytest
from helpers import run_cli

from dockquiz.explain_view import arity_text
from dockquiz.grading import grade
from dockquiz.grading.explain import explain
from dockquiz.i18n import T
from dockquiz.study.session import Answered, CardView


def answered(answer: str, typed: str) -> Answered:
    card = CardView(
        id=1, kind="command", deck="d", section=[], prompt={}, command=None, placeholders=[], hints={},
        choices=None, values=[], state="new", position=0, counts={}, answer=answer,
    )  # fmt: skip
    return Answered(card, grade(answer, typed), 1, None, {}, typed, 0)


# --- 2: "close enough" only for a line the CLI takes, meaning the same things ------------------


def test_close_enough_is_not_offered_for_a_line_the_cli_refuses():
    refused = answered("docker ps -a", "docker ps [bold]-a[/bold]")
    assert refused.verdict.verdict == "partial"
    assert not refused.close_enough_allowed  # docker ps takes no arguments
    taken = answered("docker run -d -p 8080:80 nginx", "docker run -p 8080:80 nginx")
    assert taken.verdict.verdict == "partial" and taken.close_enough_allowed


def test_close_enough_is_not_offered_for_a_mapping_turned_round():
    turned = answered("docker run -d -p 8080:80 nginx", "docker run -d -p 80:8080 nginx")
    assert turned.verdict.verdict == "partial"
    assert not turned.close_enough_allowed
    other = answered("docker run -d -p 8080:80 nginx", "docker run -d -p 8080:81 nginx")
    assert other.close_enough_allowed  # another port, not the mapping turned round


def test_close_enough_is_not_offered_for_a_flag_typed_in_place_of_the_cards():
    """A new user's `ssh -R 8080:localhost:80 user@host` against an `ssh -L …` card (ssh has no
    grammar) was offered "close enough" and stored as an accepted variant: another flag says
    something else. A grammar tells two options apart (its spellings are one option); without
    one two short letters or two long names are two options, a short and a long one may be one."""
    assert not answered("ssh -L 8080:localhost:80 user@host", "ssh -R 8080:localhost:80 user@host").close_enough_allowed
    assert not answered("docker run -d nginx", "docker run -i nginx").close_enough_allowed
    assert not answered("git reset --hard HEAD~1", "git reset --soft HEAD~1").close_enough_allowed
    # a flag more or a flag fewer stays the learner's call, and so does a spelling no grammar knows
    assert answered("ssh -L 8080:localhost:80 user@host", "ssh -N -L 8080:localhost:80 user@host").close_enough_allowed
    assert answered("git commit -m x", "git commit --amend -m x").close_enough_allowed
    assert answered("grep -r x .", "grep --recursive x .").close_enough_allowed


@pytest.mark.parametrize(
    ("detail", "en", "ja"),
    [
        ("0-0", "takes no arguments", "引数を取らない"),
        ("1-1", "takes exactly 1 argument", "引数をちょうど 1 個取る"),
        ("2-2", "takes exactly 2 arguments", "引数をちょうど 2 個取る"),
        ("1-3", "takes 1 to 3 arguments", "引数を 1〜3 個取る"),
        ("1-", "takes at least 1 argument", "引数を 1 個以上取る"),
        ("2-", "takes at least 2 arguments", "引数を 2 個以上取る"),
    ],
)
def test_arity_is_said_in_words(detail, en, ja):
    assert arity_text(T("en"), detail) == en
    assert arity_text(T("ja"), detail) == ja


def test_the_arity_finding_reads_as_words(capsys):
    out = run_cli(capsys, "--lang", "en", "explain", "docker ps [bold]-a[/bold]").out
    assert "docker ps takes no arguments here" in out and "0-0" not in out


# --- 3: a line that is no command line, said in the learner's language -------------------------


def test_an_unclosed_quote_is_said_from_the_catalogue(capsys):
    assert explain('docker run "unclosed').problem == "quote"
    assert explain("docker run x \\").problem == "escape"
    ja = run_cli(capsys, "--lang", "ja", "explain", 'docker run "unclosed').out
    assert "閉じていない引用符があります" in ja and "No closing" not in ja
    data = run_cli(capsys, "--lang", "en", "explain", "--json", 'docker run "unclosed').json()
    assert data["problem"] == "quote"
    assert data["messages"] == ["not a command line: a quotation mark is not closed"]


# --- 1: a program without a grammar: arity unknown, said so -----------------------------------


@pytest.mark.parametrize(
    ("expected", "typed", "verdict"),
    [
        ("systemctl enable --now docker", "systemctl enable docker --now", "equivalent"),
        ("systemctl enable --now docker", "systemctl enable --now docker", "exact"),
        ("curl -o out.txt https://example.test/", "curl https://example.test/ -o out.txt", "equivalent"),
        ("sbatch --gres=gpu:1 job.sh", "sbatch --gres gpu:1 job.sh", "equivalent"),
        ("ls -l /tmp", "ls /tmp -l", "equivalent"),
        ("ls -la /tmp", "ls -al /tmp", "equivalent"),
        ("ssh -L 8080:localhost:80 host", "ssh -L8080:localhost:80 host", "equivalent"),
        ("ssh -L8080:localhost:80 host", "ssh -L 8080:localhost:80 host", "equivalent"),
        ("ssh -L 8080:localhost:80 host", "ssh -L 9090:localhost:80 host", "partial"),
        ("systemctl enable --now docker", "systemctl enable --now nginx", "partial"),
        ("curl -o out.txt https://example.test/", "curl -o https://example.test/ out.txt", "wrong"),
    ],
)
def test_without_a_grammar_a_word_after_an_option_is_its_value_only_where_both_lines_say(expected, typed, verdict):
    v = grade(expected, typed)
    assert v.verdict == verdict, v.to_dict()
    noted = [d.expected for d in v.differences if d.kind == "unknown_command"]
    assert noted == ([] if verdict == "exact" else [expected.split()[0]])  # said where it was compared


def test_the_note_says_there_is_no_grammar_and_nothing_reads_as_a_value_it_is_not(capsys):
    out = run_cli(capsys, "--lang", "en", "grade", "systemctl enable --now docker", "systemctl enable --now").out
    assert "no grammar for this program: compared word by word" in out
    assert "missing: docker" in out and "--now docker" not in out.split("answer:")[0]
    ja = run_cli(capsys, "--lang", "ja", "grade", "systemctl enable --now docker", "systemctl enable docker --now").out
    assert "文法のないプログラム" in ja


def test_an_option_card_of_an_unread_option_has_no_program_note():
    assert grade("--foo bar", "--foo bar", kind="option", command="docker run").verdict == "exact"


# --- 6: a flag typed to turn another off is said by that flag's words -------------------------


def test_a_missing_no_flag_is_said_by_the_words_of_the_flag_it_turns_off(capsys):
    v = grade("git commit --amend --no-edit", "git commit --amend")
    (d,) = v.differences
    assert (d.kind, d.expected, d.turns_off) == ("missing", "--no-edit", "--edit")
    assert d.meaning and d.meaning["en"]
    out = run_cli(capsys, "--lang", "en", "grade", "git commit --amend --no-edit", "git commit --amend").out
    assert f"missing: --no-edit  — turns --edit off (--edit: {d.meaning['en']})" in out
    ja = run_cli(capsys, "--lang", "ja", "grade", "git commit --amend --no-edit", "git commit --amend").out
    assert "--edit を打ち消す" in ja
    on = grade("git commit -m x", "git commit --no-verify -m x").differences[0]
    assert on.turns_off is None and on.meaning  # --no-verify is itself the option: its own words


# --- 4: control characters: left out whole, shown visibly, the same everywhere ----------------


def test_a_terminal_sequence_is_left_out_whole_not_only_its_escape():
    v = grade("docker ps \x1b[31m-a", "docker ps -a")
    assert v.correct and not v.differences  # no "[31m-a" left behind as a word
    v = grade("docker ps -a", "docker ps \x1b[31m-q\x1b[0m")
    assert [(d.kind, d.expected or d.typed) for d in v.differences] == [("missing", "-a"), ("extra", "-q")]


def test_explain_says_the_control_characters_and_reads_the_line_without_them(capsys):
    e = explain("docker run \x1b[31m-d\x1b[0m nginx")
    (c,) = e.commands
    assert [p.typed for p in c.parts] == ["docker", "run", "-d", "nginx"]
    assert [(f.kind, f.token, f.refused) for f in c.findings] == [("control", "\x1b[31m-d\x1b[0m", False)]
    assert e.fix == "docker run -d nginx"
    out = run_cli(capsys, "--lang", "en", "explain", "docker run \x1b[31m-d\x1b[0m nginx").out
    assert "\x1b" not in out and "^[[31m-d^[[0m holds control characters" in out
    assert "[31m-d[0m" not in out.replace("^[[31m-d^[[0m", "")


def test_grade_shows_what_was_typed_visibly_and_says_it_was_left_out(capsys):
    out = run_cli(capsys, "--lang", "en", "grade", "docker ps -a", "docker ps \x1b[31m-q").out
    assert "\x1b" not in out and "you typed docker ps ^[[31m-q" in out
    assert "[31m" not in out.replace("^[[31m", "")


def test_the_control_characters_said_are_the_ones_typed():
    from dockquiz.explain_view import control_names
    from dockquiz.i18n import T

    assert control_names(T("en"), "\xfe\x00abc") == "^@ is NUL"  # a NUL: never called ESC
    assert control_names(T("en"), "a\x1b[1m\x00b\x1b") == "^[ is ESC, ^@ is NUL"  # each once, in the order typed
    assert control_names(T("ja"), "\x07\x7f") == "^G は BEL、^? は DEL"
    assert control_names(T("en"), "x\x9by\u200b") == "\\x9b, U+200B"


def test_the_note_on_control_characters_names_those_present(capsys):
    out = run_cli(capsys, "--lang", "en", "grade", "docker ps -a", "docker ps \x00-a").out
    assert "(^@ is NUL)" in out and "ESC" not in out
    out = run_cli(capsys, "--lang", "ja", "explain", "docker run \x07-d nginx").out
    assert "（^G は BEL）" in out and "ESC" not in out


# --- 5: a switch typed at its default is the same command, where the program cannot tell -------


@pytest.mark.parametrize(
    ("expected", "typed", "correct"),
    [
        ("kubectl rollout status deploy/web -w", "kubectl rollout status deploy/web", True),
        ("kubectl rollout status deploy/web", "kubectl rollout status deploy/web --watch", True),
        ("kubectl rollout status deploy/web", "kubectl rollout status deploy/web --watch=true", True),
        ("kubectl delete pod web", "kubectl delete pod web --wait", True),
        ("kubectl rollout status deploy/web", "kubectl rollout status deploy/web --watch=false", False),
        ("kubectl api-resources", "kubectl api-resources --namespaced", False),  # kubectl looks: it filters
        ("kubectl get pods", "kubectl get pods -w", False),  # off by default
    ],
)
def test_a_switch_on_by_default_typed_on_is_as_if_not_typed(expected, typed, correct):
    assert grade(expected, typed).correct is correct
    assert grade(typed, expected).correct is correct


def test_a_flag_typed_without_its_value_says_so():
    """``kubectl logs web-0 -c`` for ``… -c app`` said "wrong: app" (a new user): the value was
    not given, and the feedback says that, in either language."""
    from dockquiz.render import difference_lines

    verdict = grade("kubectl logs web-0 -c app", "kubectl logs web-0 -c")
    en = " ".join(line.plain for line in difference_lines(T("en"), verdict.differences))
    ja = " ".join(line.plain for line in difference_lines(T("ja"), verdict.differences))
    assert "its value not given: app" in en and "wrong:" not in en
    assert "値が入力されていない: app" in ja


def test_the_note_names_grammar_learn_only_for_an_installed_program(capsys, monkeypatch):
    import dockquiz.render as render

    monkeypatch.setattr(render.shutil, "which", lambda name: f"/usr/bin/{name}" if name == "systemctl" else None)
    out = run_cli(capsys, "--lang", "en", "grade", "systemctl enable --now docker", "systemctl enable docker --now").out
    assert "no grammar for this program" in out and "dockquiz grammar learn systemctl" in out
    ja = run_cli(capsys, "--lang", "ja", "grade", "systemctl enable --now docker", "systemctl enable docker --now").out
    assert "文法のないプログラム" in ja and "dockquiz grammar learn systemctl` でヘルプから文法を読めるかもしれない" in ja
    away = run_cli(capsys, "--lang", "en", "grade", "rsync -a src/ dst/", "rsync -a src/ dst/x").out
    assert "no grammar for this program" in away and "grammar learn" not in away  # not installed: no hint


@pytest.mark.parametrize("columns", [30, 38, 45, 80])
def test_feedback_wraps_by_display_width_never_inside_a_word(columns):
    """English feedback split a word ("`dockquiz gramma" / "r learn find`"): the terminal's
    own wrap. Wrapped here (dockquiz.widewrap): within the width, every word whole, styles kept."""
    from rich.cells import cell_len
    from rich.text import Text

    from dockquiz.render import wrap_text

    line = Text("  no grammar for this program: ")
    line.append("find", style="red")
    line.append("  — `dockquiz grammar learn find` may read its grammar from its help", style="dim")
    pieces = wrap_text(line, columns)
    assert all(cell_len(p.plain) <= columns for p in pieces)
    assert " ".join(p.plain for p in pieces).split() == line.plain.split()
    assert [p.plain[:4] for p in pieces[1:]] == ["    "] * (len(pieces) - 1)  # hanging indent
    assert any(s.style == "red" and p.plain[s.start : s.end] == "find" for p in pieces for s in p.spans)
    ja = wrap_text("  文法のないプログラム: 語ごとに比べる（オプションの順序は問わない）--format を", 24)
    assert all(cell_len(p.plain) <= 24 for p in ja) and any("--format" in p.plain for p in ja)
    assert not any(p.plain.lstrip().startswith(("）", "、")) for p in ja)  # no line opens with a closing mark


def test_grammar_learn_is_offered_once_a_session_not_after_every_answer(capsys, monkeypatch, tmp_path):
    """ssh (a stand-in on PATH) has no grammar: every answer's feedback said to learn it."""
    import os

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "ssh").write_text("#!/bin/sh\n", "utf-8")
    (bin_dir / "ssh").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    notes = tmp_path / "remote.md"
    notes.write_text("# Remote\n\n- `ssh -L 80:a:80 b` forward a port\n- `ssh -J j t` jump through j\n", "utf-8")
    run_cli(capsys, "import", str(notes))
    monkeypatch.setattr("sys.stdin", io.StringIO("ssh x\n1\nssh y\n1\n"))
    out = run_cli(capsys, "--lang", "en", "study", "--plain").out
    assert out.count("no grammar for this program") == 2 and out.count("dockquiz grammar learn ssh") == 1


def test_a_program_whose_help_learn_could_not_read_is_no_longer_offered(capsys, monkeypatch, tmp_path):
    """After every answer on ssh the feedback offered `dockquiz grammar learn ssh`, which always
    failed: remembered (in dockquiz's data folder) until the installed program changes."""
    import os

    from dockquiz.grading.learn import help_known_unreadable, remember_unreadable
    from dockquiz.resources import user_data_path

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    tool = bin_dir / "sshy"
    tool.write_text("#!/bin/sh\n", "utf-8")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    typed = ("sshy -L 80:a:80 b", "sshy -L 80:a:81 b")
    assert "dockquiz grammar learn sshy" in run_cli(capsys, "--lang", "en", "grade", *typed).out
    assert "grammar learn sshy" in run_cli(capsys, "--lang", "en", "explain", typed[0]).out
    remember_unreadable("sshy")  # what a failed `grammar learn sshy` keeps
    assert help_known_unreadable("sshy") and os.path.isfile(user_data_path("unreadable-help.json"))
    graded = run_cli(capsys, "--lang", "en", "grade", *typed).out
    assert "no grammar for this program" in graded and "grammar learn" not in graded
    assert "grammar learn" not in run_cli(capsys, "--lang", "en", "explain", typed[0]).out
    os.utime(tool, ns=(0, 0))  # upgraded: its new help may read
    assert not help_known_unreadable("sshy") and "grammar learn sshy" in run_cli(capsys, "--lang", "en", "grade", *typed).out
    remember_unreadable("sshy")
    remember_unreadable("sshy", False)  # learnt after all
    assert not help_known_unreadable("sshy")
