"""Decks a learner can manage: names from the whole file stem, no silent retire when two
files share a name, rename (progress kept), rm, due/new counts, the list of changes."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dockquiz.importing import deck_name_for

FIXTURES = Path(__file__).parent / "fixtures"


def dq(env, *args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "dockquiz", *args], env=env, input=stdin, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def env(tmp_path):
    return {**os.environ, "DOCKQUIZ_DB": str(tmp_path / "d.db"), "DOCKQUIZ_LANG": "en", "NO_COLOR": "1"}


def test_deck_names_are_the_whole_stem():
    assert deck_name_for(Path("k8s.cheatsheet.2024.md")) == "k8s.cheatsheet.2024"
    assert deck_name_for(Path("docker-basics.ja.md")) == "docker-basics"
    assert deck_name_for(Path("notes.EN.markdown")) == "notes"
    assert deck_name_for(Path("README")) == "README"


@pytest.mark.slow
def test_two_files_with_one_name_are_never_retired_silently(env, tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    shutil.copy(FIXTURES / "docker-basics.ja.md", tmp_path / "a" / "notes.md")
    shutil.copy(FIXTURES / "cloud-tools.ja.md", tmp_path / "b" / "notes.md")
    assert dq(env, "import", str(tmp_path / "a" / "notes.md")).returncode == 0
    refused = dq(env, "import", str(tmp_path / "b" / "notes.md"))
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and "--deck" in refused.stderr
    assert dq(env, "import", str(tmp_path / "b" / "notes.md"), "--deck", "cloud").returncode == 0
    decks = {d["name"]: d for d in json.loads(dq(env, "decks", "--json").stdout)}
    assert decks["notes"]["cards"] == 58 and decks["cloud"]["cards"] > 0
    (tmp_path / "a" / "notes.md").rename(tmp_path / "notes.md")  # a moved file is the same deck
    again = dq(env, "import", str(tmp_path / "notes.md"))
    assert again.returncode == 0 and "unchanged 58" in again.stdout


def dq_in(folder, env, *args):
    return subprocess.run(
        [sys.executable, "-m", "dockquiz", *args], env=env, cwd=folder, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow
def test_two_files_with_one_name_imported_by_relative_paths_are_refused_alike(env, tmp_path):
    """The new user's case: ``cd a && dockquiz import notes.md``, then the same from b."""
    for folder, fixture in (("a", "docker-basics.ja.md"), ("b", "cloud-tools.ja.md")):
        (tmp_path / folder).mkdir()
        shutil.copy(FIXTURES / fixture, tmp_path / folder / "notes.md")
    assert dq_in(tmp_path / "a", env, "import", "notes.md").returncode == 0
    refused = dq_in(tmp_path / "b", env, "import", "notes.md")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and "--deck" in refused.stderr
    (deck,) = json.loads(dq(env, "decks", "--json").stdout)
    assert (deck["source"], deck["cards"], deck["retired"]) == (str(tmp_path / "a" / "notes.md"), 58, 0)
    assert dq_in(tmp_path / "b", env, "import", "notes.md", "--deck", "cloud").returncode == 0
    again = dq_in(tmp_path / "a", env, "import", "notes.md")
    assert again.returncode == 0 and "unchanged 58" in again.stdout


@pytest.mark.slow
def test_rename_keeps_progress_and_rm_removes_with_history(env):
    assert dq(env, "import", str(FIXTURES / "docker-basics.ja.md")).returncode == 0
    assert dq(env, "study", "--plain", stdin="docker pull nginx\n\n").returncode == 0
    renamed = dq(env, "deck", "rename", "docker-basics", "docker")
    assert renamed.returncode == 0 and "--deck" in renamed.stdout
    again = json.loads(dq(env, "import", str(FIXTURES / "docker-basics.ja.md"), "--deck", "docker", "--json").stdout)
    assert again["unchanged"] == 58 and again["added"] == 0 and again["retired"] == 0
    cards = json.loads(dq(env, "cards", "--json", "--deck", "docker").stdout)
    assert sum(c["reps"] for c in cards) == 1
    decks = json.loads(dq(env, "decks", "--json").stdout)
    assert decks[0]["new"] == 57 and decks[0]["due"] == 0
    assert dq(env, "deck", "rename", "nope", "x").returncode == 2
    refused = dq(env, "deck", "rm", "docker")  # no terminal to ask on
    assert refused.returncode == 2 and "--yes" in refused.stderr
    removed = dq(env, "deck", "rm", "docker", "--yes")
    assert removed.returncode == 0 and "58 cards, 1 reviews" in removed.stdout
    assert json.loads(dq(env, "decks", "--json").stdout) == []


@pytest.mark.slow
def test_a_renamed_deck_is_found_by_its_notes_file_never_made_twice(env, tmp_path):
    notes = tmp_path / "a.md"
    shutil.copy(FIXTURES / "docker-basics.ja.md", notes)
    assert dq(env, "import", str(notes)).returncode == 0
    assert dq(env, "study", "--plain", stdin="docker pull nginx\n\n").returncode == 0
    assert dq(env, "deck", "rename", "a", "b").returncode == 0
    again = json.loads(dq(env, "import", str(notes), "--json").stdout)
    assert (again["deck"], again["unchanged"], again["added"], again["retired"]) == ("b", 58, 0, 0)
    decks = json.loads(dq(env, "decks", "--json").stdout)
    assert [d["name"] for d in decks] == ["b"]
    assert sum(c["reps"] for c in json.loads(dq(env, "cards", "--json").stdout)) == 1
    # the same file imported as two decks (named each time): which one is not ours to guess
    assert dq(env, "import", str(notes), "--deck", "c").returncode == 0
    refused = dq(env, "import", str(notes))
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert "b, c" in refused.stderr and "--deck" in refused.stderr
    assert [d["name"] for d in json.loads(dq(env, "decks", "--json").stdout)] == ["b", "c"]


@pytest.mark.slow
def test_import_lists_what_changed(env, tmp_path):
    notes = tmp_path / "n.md"
    notes.write_text("### ◎ 一覧\n\n- `$ docker ps -a`\n\n### ◎ 削除\n\n- `$ docker rm ${CONTAINER}`\n", "utf-8")
    first = json.loads(dq(env, "import", str(notes), "--json").stdout)
    assert [c["answer"] for c in first["changes"]["added"]] == ["docker ps -a", "docker rm ${CONTAINER}"]
    notes.write_text("### ◎ 一覧\n\n- `$ docker ps -aq`\n", "utf-8")
    verbose = dq(env, "import", str(notes), "--verbose")
    assert "updated  command  docker ps -aq" in verbose.stdout
    assert "retired  command  docker rm ${CONTAINER}" in verbose.stdout


@pytest.mark.slow
def test_study_says_which_decks_it_mixes_and_how_to_study_one(env, tmp_path):
    """An English learner's own deck came mixed with the built-in Japanese one, without a word
    (a new user): a session over several decks names them first; one deck's session does not."""
    assert dq(env, "--lang", "en", "study", "--plain", stdin="").returncode == 0  # the built-in deck comes
    notes = tmp_path / "mine.md"
    notes.write_text("# Containers\n\n- `docker ps` list running containers\n", "utf-8")
    assert dq(env, "import", str(notes)).returncode == 0
    both = dq(env, "--lang", "en", "study", "--plain", stdin="")
    assert both.returncode == 0 and "Studying 2 decks together: docker-basics, mine" in both.stdout
    assert "--deck NAME" in both.stdout
    one = dq(env, "--lang", "en", "study", "--plain", "--deck", "mine", stdin="")
    assert one.returncode == 0 and "decks together" not in one.stdout
