"""The built-in deck: one per language (content/decks/NAME.LANG.md), the learner's language
chooses the one a fresh database starts with, and the two cover the same commands."""

from __future__ import annotations

import shlex
from collections import Counter
from pathlib import Path

import pytest
from helpers import T0

from dockquiz.i18n import T, has_japanese
from dockquiz.notes import parse_notes
from dockquiz.resources import builtin_decks, content_dir, is_builtin

EXPECTED_KINDS = {"command": 12, "example": 7, "option": 10, "meaning": 10, "dockerfile": 15, "compose": 9}


def _notes(lang: str):
    (path,) = builtin_decks(lang)
    return path, parse_notes(path.read_text("utf-8"), deck="docker-basics")


def test_each_language_has_its_own_file():
    assert [p.name for p in builtin_decks("en")] == ["docker-basics.en.md"]
    assert [p.name for p in builtin_decks("ja")] == ["docker-basics.ja.md"]
    assert [p.name for p in builtin_decks("both")] == ["docker-basics.ja.md"]  # both: Japanese notes, English beside
    assert sorted(p.name for p in builtin_decks()) == ["docker-basics.en.md", "docker-basics.ja.md"]


def test_a_deck_in_one_language_only_is_still_seeded(tmp_path):
    from dockquiz.resources import pick_builtin

    files = [tmp_path / n for n in ("docker-basics.en.md", "docker-basics.ja.md", "git.ja.md", "k8s.md")]
    assert [p.name for p in pick_builtin(files, "en")] == ["docker-basics.en.md", "git.ja.md", "k8s.md"]
    assert [p.name for p in pick_builtin(files, "ja")] == ["docker-basics.ja.md", "git.ja.md", "k8s.md"]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_builtin_deck_imports_without_warnings_into_the_expected_cards(lang):
    _, notes = _notes(lang)
    assert notes.warnings == []
    assert dict(Counter(d.kind for d in notes.drafts)) == EXPECTED_KINDS
    assert all(d.prompt_en for d in notes.drafts)


def test_english_deck_lints_clean():
    from dockquiz.lint import lines_found, lint_drafts

    path, notes = _notes("en")
    assert lines_found(lint_drafts(notes.drafts + notes.asides, path.read_text("utf-8"))) == 0


def test_english_deck_is_english_throughout():
    _, notes = _notes("en")
    japanese = [(d.kind, d.prompt_ja, d.answer) for d in notes.drafts if has_japanese(d.prompt_ja + d.answer + d.prompt_en)]
    assert japanese == []


def _signature(draft, grammar) -> tuple:
    """What a card asks, apart from its words and values: a command line's command path and
    flags as the CLI reads them, an option's command and flag, an instruction, a compose key."""
    from dockquiz.grading.parser import parse

    if draft.kind in ("command", "example"):
        parsed = parse(shlex.split(draft.answer), grammar)
        return draft.kind, parsed.path, frozenset(o.key for o in parsed.opts)
    if draft.kind == "option":
        return draft.kind, draft.command, draft.answer.split()[0]
    if draft.kind == "meaning":
        return draft.kind, draft.command, draft.prompt_ja
    return draft.kind, draft.answer.split()[0]  # dockerfile: the instruction; compose: the key


def test_both_languages_ask_the_same_commands():
    from dockquiz.grading.grammar import grammar

    g = grammar()
    ja, en = (Counter(_signature(d, g) for d in _notes(lang)[1].drafts) for lang in ("ja", "en"))
    assert sum(ja.values()) == sum(EXPECTED_KINDS.values())
    assert ja - en == Counter() and en - ja == Counter()
    run_it = ("example", ("docker", "run"), frozenset({"--interactive", "--tty", "--rm", "--name"}))
    assert run_it in ja  # read by the grammar (-it is --interactive --tty), not as words


def test_builtin_files_are_known_wherever_the_package_lives(tmp_path):
    (shipped,) = builtin_decks("en")
    assert is_builtin(str(shipped))
    assert is_builtin(f"/elsewhere/venv/lib/dockquiz/content/decks/{shipped.name}")  # reinstalled since
    assert not is_builtin(str(tmp_path / shipped.name))  # a learner's own file of that name
    assert not is_builtin(None)
    assert content_dir() in shipped.parents


def test_notes_words_of_the_builtin_deck_are_not_called_yours():
    en = T("en")
    mine = en.prompt("コンテナを停止", "Stop <CONTAINER>")
    shipped = en.prompt("コンテナを停止", "Stop <CONTAINER>", builtin=True)
    assert mine == "Stop <CONTAINER>\nin your notes: コンテナを停止"
    assert shipped.split("\n") == ["Stop <CONTAINER>", "in the built-in notes: コンテナを停止"]
    assert "your" not in shipped
    braces = en.prompt("{name} と [イメージID]", "Remove", builtin=True)  # the notes' text, literally
    assert braces.endswith(": {name} と [イメージID]")
    assert T("ja").prompt("コンテナを停止", "Stop", builtin=True) == "コンテナを停止"


# --- seeding a fresh database -----------------------------------------------------------------
def _decks(db):
    from dockquiz.storage.decks import listing

    return [(d["name"], d["source"].rsplit("/", 1)[-1], d["cards"]) for d in listing(db, T0)]


SEEDED = [("en", "docker-basics.en.md"), ("ja", "docker-basics.ja.md"), ("both", "docker-basics.ja.md")]


@pytest.mark.parametrize(("lang", "file"), SEEDED)
def test_a_fresh_database_gets_the_deck_of_the_learners_language(tmp_path, lang, file):
    from dockquiz.importing import ensure_builtin_deck
    from dockquiz.storage.db import open_database

    db = open_database(str(tmp_path / "fresh.db"))
    assert ensure_builtin_deck(db, T0, lang) == ["docker-basics"]
    assert _decks(db) == [("docker-basics", file, sum(EXPECTED_KINDS.values()))]
    assert ensure_builtin_deck(db, T0, lang) == []  # once


def test_the_seeded_deck_stays_when_the_language_changes(tmp_path):
    from dockquiz.importing import ensure_builtin_deck
    from dockquiz.storage.db import open_database

    db = open_database(str(tmp_path / "fresh.db"))
    ensure_builtin_deck(db, T0, "ja")
    assert ensure_builtin_deck(db, T0, "en") == []
    assert _decks(db) == [("docker-basics", "docker-basics.ja.md", sum(EXPECTED_KINDS.values()))]


def test_study_labels_the_builtin_notes_words_and_keeps_yours(tmp_path):
    from helpers import SettableClock

    from dockquiz.importing import ensure_builtin_deck, import_notes
    from dockquiz.study.session import StudySession
    from dockquiz.tui.text import prompt_lines

    en = T("en")
    shipped = open_db(tmp_path / "shipped.db")
    ensure_builtin_deck(shipped, T0, "ja")  # seeded in Japanese, studied in English since
    view = StudySession(shipped, SettableClock()).next()
    assert view.builtin and prompt_lines(en, view)[0].endswith("\nin the built-in notes: Docker イメージのダウンロード")
    own = open_db(tmp_path / "own.db")
    import_notes(own, Path(__file__).parent / "fixtures" / "docker-basics.ja.md", now=T0)  # a learner's own
    view = StudySession(own, SettableClock()).next()
    assert not view.builtin and prompt_lines(en, view)[0].endswith("\nin your notes: Docker イメージのダウンロード")


def open_db(path):
    from dockquiz.storage.db import open_database

    return open_database(str(path))
