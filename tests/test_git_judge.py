"""Differential test: the grader against git itself (tests/git_judge.py). A sample of pairs
made from real git command lines (tests/fixtures/git-lines.txt), with git's verdicts recorded
in tests/fixtures/git-verdicts.json by ``bench/judge_git.py --record``; where git is installed
each recorded verdict is checked again by running git. bench/judge_git.py runs thousands."""

import json
import shlex
from pathlib import Path

import pytest
from git_judge import Fixture, Judge, available, runnable, state

from dockquiz import grading
from dockquiz.grading import grade

FIXTURES = Path(__file__).parent / "fixtures"
RECORDED = json.loads((FIXTURES / "git-verdicts.json").read_text("utf-8"))

needs_git = pytest.mark.skipif(not available(), reason="needs git")


@pytest.fixture(scope="module")
def judge():
    with Judge(repeats=1) as j:
        yield j


@pytest.mark.slow
@needs_git
def test_two_builds_of_the_fixture_are_the_same(tmp_path):
    one, two = Fixture(tmp_path / "one"), Fixture(tmp_path / "two")
    for variant in ("clean", "dirty"):
        assert state(one.base / variant) == state(two.base / variant)
    refs = state(one.base / "dirty")[0][1]["./.git"]["refs"]
    assert {"refs/heads/master", "refs/heads/iss53", "refs/remotes/origin/master", "refs/stash", "refs/tags/v1.0"} <= set(refs)


@needs_git
def test_the_judge_reads_what_git_does(judge):
    def verdict(a, b):
        return judge.verdict(shlex.split(a), shlex.split(b))

    assert verdict("git add --all", "git add -A") == "same"
    assert verdict("git add --all", "git add --no-all") == "state"  # --no-X turns X off
    assert verdict("git commit -m x", "git commit -m=x") == "state"  # the message "=x"
    assert verdict("git commit --amend -m x", "git commit --ame -m x") == "same"  # an unambiguous prefix
    assert verdict("git stash -m x", "git stash push -m x") == "same"
    assert verdict("git log -1", "git log --max-count=1") == "same"
    assert verdict("git show HEAD^", "git show HEAD~1") == "same"
    assert verdict("git checkout -b topic", "git switch -c topic") == "same"
    assert verdict("git clean -f -x", "git clean -f -X") == "state"
    assert verdict("git log --oneline", "git log") == "output"  # only what git prints differs
    # git (since 2.24) reads exactly the three words `git checkout -b <name>` as `git switch -c
    # <name>`, which does not list the work tree's changes; -b<name>, or any other word beside,
    # lists them. Only the printed list differs: the grader accepts both (bench/judge_git.py
    # counts such pairs apart, as told apart by printed output only).
    assert verdict("git checkout -b topic", "git checkout -btopic") == "output"
    assert verdict("git checkout -b topic HEAD", "git checkout -btopic") == "same"
    assert verdict("git status --no-such-option", "git status --no-such-option") is None  # refused both times
    assert not runnable(["git", "init", "/srv/repo"]) and not runnable(["git", "clone", "../x"])
    assert not runnable(["git", "daemon"]) and verdict("git daemon", "git daemon --verbose") is None


def test_the_recorded_sample_spreads_over_the_mutations():
    kinds = {row["mutation"] for row in RECORDED}
    assert len(RECORDED) >= 300 and len(kinds) >= 20
    assert sum(row["git"] == "same" for row in RECORDED) >= 100 and sum(row["git"] != "same" for row in RECORDED) >= 100


@needs_git
def test_the_recorded_verdicts_are_what_git_says(judge):
    wrong = []
    for row in RECORDED:
        now = judge.verdict(shlex.split(row["original"]), shlex.split(row["variant"]))
        if now != row["git"]:
            wrong.append((row, now))
    assert not wrong, wrong[:5]


def test_grading_agrees_with_git():
    before = len(grading.FALLBACKS)
    wrong = []
    for row in RECORDED:
        same = row["git"] == "same"
        verdict = grade(row["original"], row["variant"])
        if verdict.correct != same:
            wrong.append((row["mutation"], row["original"], row["variant"], row["git"], verdict.verdict))
    false_accepts = [w for w in wrong if w[3] in ("state", "exit")]
    assert not false_accepts, false_accepts
    # Pairs git tells apart only by what it prints count as different; a few of them graded
    # correct are allowed (git checkout -b x and -bx differ only in a line git prints).
    output_only = [w for w in wrong if w[3] == "output"]
    assert len(output_only) <= len(RECORDED) // 100, output_only
    assert len(wrong) <= len(RECORDED) // 50, wrong
    assert len(grading.FALLBACKS) == before


@needs_git
def test_checkout_reads_as_switch_where_git_does_the_same(judge):
    """`git checkout X` = `git switch X` when X is a branch (the overlay's [[same]] form with a
    branch name's shape): for names of every kind in the fixture, the grader accepts the pair
    exactly when git does the same."""
    commit = judge.run(["git", "rev-parse", "--short", "HEAD"], "clean")[1].decode().strip()
    names = ["master", "iss53", "feature", "-", "v1.0", "v0.1", "README", "README.md", ".", "origin/master", "HEAD", commit]
    disagree = []
    for name in names:
        a, b = f"git checkout {name}", f"git switch {name}"
        same = judge.verdict(shlex.split(a), shlex.split(b)) == "same"
        if grade(a, b).correct != same or grade(b, a).correct != same:
            disagree.append((name, same))
    assert not disagree, disagree


@needs_git
def test_update_index_reads_its_words_in_order_as_git_does(judge):
    """git update-index acts on its words in order: an option acts on the paths after it
    (--add, --chmod, --skip-worktree) and --cacheinfo takes the three words after it, so
    moving an option across a path or into --cacheinfo's words changes what git does. For each
    pair the grader accepts it exactly when git does the same. (--cacheinfo's one-word form
    MODE,OBJECT,PATH is the same to git and graded different: a false reject, left.)"""
    blob = judge.run(["git", "hash-object", "README"], "clean")[1].decode().strip()
    pairs = [
        (
            f"git update-index --add --cacheinfo 100644 {blob} new.txt",
            f"git update-index --cacheinfo 100644 --add {blob} new.txt",
        ),
        (
            f"git update-index --add --cacheinfo 100644 {blob} new.txt",
            f"git update-index --cacheinfo 100644 {blob} new.txt --add",
        ),
        (
            f"git update-index --add --cacheinfo 100644 {blob} new.txt",
            f"git update-index --add --cacheinfo 100644 {blob} new.txt",
        ),
        (
            f"git update-index --add --cacheinfo 100644 {blob} new.txt",
            f"git update-index --no-add --add --cacheinfo 100644 {blob} new.txt",
        ),
        (
            f"git update-index --add --cacheinfo 100644 {blob} new.txt",
            f"git update-index --add --no-add --cacheinfo 100644 {blob} new.txt",
        ),
        ("git update-index --skip-worktree README", "git update-index README --skip-worktree"),
        ("git update-index --skip-worktree README", "git update-index --skip-w README"),
        ("git update-index --assume-unchanged README", "git update-index README --assume-unchanged"),
        ("git update-index --chmod=+x README", "git update-index --chmod +x README"),
        ("git update-index --chmod=+x README", "git update-index README --chmod=+x"),
        ("git update-index --chmod=+x README", "git update-index --chmod=-x README"),
    ]
    disagree = []
    for a, b in pairs:
        said = judge.verdict(shlex.split(a), shlex.split(b))
        assert said is not None, (a, b)
        if grade(a, b).correct != (said == "same"):
            disagree.append((a, b, said))
    assert not disagree, disagree


@needs_git
def test_optional_values_and_counts_read_as_git_reads_them(judge):
    """An option whose value is read only attached (`-u[<mode>]`, `--decorate[=<mode>]`)
    stands for a value when typed bare (the overlay's `bare`: -u is -uall), and its value typed
    apart is an argument; `--verbose` counts (`git branch -vv` shows the upstreams too). For each
    pair the grader accepts it exactly when git does the same."""
    pairs = [
        ("git status -u", "git status -uall"),
        ("git status -u", "git status --untracked-files=all"),
        ("git status -u", "git status --untracked-files"),
        ("git status -u", "git status -unormal"),
        ("git status -u", "git status"),
        ("git status -uno", "git status -u no"),
        ("git status -uno", "git status --untracked-files=no"),
        ("git log --oneline --decorate", "git log --oneline --decorate=short"),
        ("git log --oneline --decorate", "git log --oneline --decorate=full"),
        ("git log --oneline --decorate=short", "git log --oneline --decorate short"),
        ("git log --abbrev=4 --oneline", "git log --abbrev 4 --oneline"),
        ("git branch -v", "git branch -vv"),
        ("git branch -vv", "git branch -v -v"),
        ("git branch -vv", "git branch --verbose --verbose"),
        ("git branch -v", "git branch --verbose"),
        ("git branch -v", "git branch --no-verbose -v"),
        ("git commit -v --amend", "git commit -v -v --amend"),  # -vv: the work tree's changes in the template
    ]
    disagree = []
    for a, b in pairs:
        said = judge.verdict(shlex.split(a), shlex.split(b))
        assert said is not None, (a, b)
        if grade(a, b).correct != (said == "same"):
            disagree.append((a, b, said))
    assert not disagree, disagree
