"""Export (Anki package, JSON, CSV), restoring a JSON export, backups and restore.

Anki packages are opened with the real ``anki`` library (a test-only dependency): what an
Anki user gets is what is checked.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import sys

import pytest

from tests.conftest import SAMPLE_NOTES
from tests.helpers import DAY1, run_cli

DAY2 = "2026-11-29T09:00:00+09:00"


def study(capsys, monkeypatch, lines: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    assert run_cli(capsys, "study", "--plain").code == 0


@pytest.fixture
def studied(capsys, monkeypatch, tmp_path):
    """The sample notes imported and a few cards answered (one of them twice, a day apart)."""
    monkeypatch.setenv("DOCKQUIZ_NOW", DAY1)
    assert run_cli(capsys, "import", str(SAMPLE_NOTES)).code == 0
    study(capsys, monkeypatch, "docker pull ${IMAGE_NAME}\n\ndocker search x\n1\n")
    monkeypatch.setenv("DOCKQUIZ_NOW", DAY2)
    study(capsys, monkeypatch, "docker pull ${IMAGE_NAME}\n\n")
    return tmp_path


def anki_notes(path):
    from anki.collection import Collection
    from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    folder = path.parent / f"anki-{path.stem}"
    folder.mkdir(exist_ok=True)
    col = Collection(str(folder / "collection.anki2"))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions()))
        notes = [col.get_note(nid) for nid in col.find_notes("")]
        decks = sorted(d.name for d in col.decks.all_names_and_ids())
        return [(n.guid, n.note_type()["name"], dict(n.items()), n.tags) for n in notes], decks
    finally:
        col.close()


def test_anki_package_opens_in_anki_with_typed_answers_decks_tags_and_both_note_types(capsys, studied):
    out = studied / "deck.apkg"
    assert run_cli(capsys, "export", str(out)).code == 0
    notes, decks = anki_notes(out)
    cards = run_cli(capsys, "cards", "--json").json()
    assert len(notes) == len(cards)
    assert "dockquiz::docker-basics" in decks
    pull = next(fields for _, _, fields, _ in notes if fields.get("Answer") == "docker pull ${IMAGE_NAME}")
    assert pull["PromptJa"] == "Docker イメージのダウンロード" and pull["Command"] == "docker pull"
    assert pull["Section"].endswith("Docker イメージのダウンロード")
    kinds = {name for _, name, _, _ in notes}
    assert kinds == {"dockquiz: type the answer", "dockquiz: what does the flag mean"}
    meaning = next(f for _, name, f, _ in notes if name == "dockquiz: what does the flag mean" and f["Flag"] == "-d")
    assert meaning["Command"] == "docker run" and meaning["Meaning"]
    tags = next(t for _, _, f, t in notes if f.get("Answer") == "docker pull ${IMAGE_NAME}")
    assert "dockquiz::kind::command" in tags
    assert any(t.startswith("dockquiz::Docker_の基本事項・基本コマンド::") for t in tags)


def test_an_anki_export_leaves_nothing_in_the_temp_folder_or_beside_the_package(capsys, monkeypatch, studied):
    import tempfile

    scratch = studied / "system-temp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out_dir = studied / "out"
    out_dir.mkdir()
    assert run_cli(capsys, "export", str(out_dir / "deck.apkg")).code == 0
    assert run_cli(capsys, "export", "--force", str(out_dir / "deck.apkg")).code == 0  # over the first
    assert list(scratch.iterdir()) == []
    assert [p.name for p in out_dir.iterdir()] == ["deck.apkg"]
    notes, _ = anki_notes(out_dir / "deck.apkg")
    assert len(notes) == len(run_cli(capsys, "cards", "--json").json())


def test_templates_ask_for_the_answer_typed_and_text_stays_text(capsys, tmp_path):
    notes = tmp_path / "x.md"
    notes.write_text("## <b>太字</b> を & 書く\n\n```bash\ndocker ps -a\n```\n", "utf-8")
    assert run_cli(capsys, "import", str(notes)).code == 0
    out = tmp_path / "x.apkg"
    assert run_cli(capsys, "export", str(out)).code == 0
    ((guid, _, fields, _),) = anki_notes(out)[0]
    assert fields["PromptJa"] == "&lt;b&gt;太字&lt;/b&gt; を &amp; 書く"  # shown literally in Anki
    from dockquiz.exporting import _models

    typed, _ = _models()
    assert "{{type:Answer}}" in typed.templates[0]["qfmt"] and "{{type:Answer}}" in typed.templates[0]["afmt"]


def test_export_again_after_editing_the_notes_keeps_every_note_guid(capsys, tmp_path):
    notes = tmp_path / "n.md"
    notes.write_text(SAMPLE_NOTES.read_text("utf-8"), "utf-8")
    assert run_cli(capsys, "import", str(notes)).code == 0
    assert run_cli(capsys, "export", str(tmp_path / "1.apkg")).code == 0
    notes.write_text(notes.read_text("utf-8").replace("バックグラウンドでコンテナを作成", "裏で動かす"), "utf-8")
    assert run_cli(capsys, "import", str(notes)).code == 0
    assert run_cli(capsys, "export", str(tmp_path / "2.apkg")).code == 0
    first, _ = anki_notes(tmp_path / "1.apkg")
    second, _ = anki_notes(tmp_path / "2.apkg")
    assert {g for g, *_ in first} == {g for g, *_ in second}
    edited = [f for _, _, f, _ in second if "裏で動かす" in json.dumps(f, ensure_ascii=False)]
    assert edited  # the edit is in the same notes, not in new ones


def test_json_round_trip_into_a_new_database_gives_the_same_json(capsys, monkeypatch, studied):
    first = studied / "a.json"
    assert run_cli(capsys, "export", str(first)).code == 0
    data = json.loads(first.read_text("utf-8"))
    assert data["format"] == "dockquiz-export" and data["version"] == 1
    reviews = [r for d in data["decks"] for c in d["cards"] for r in c["reviews"]]
    assert len(reviews) == 3 and all(r["state_after"] for r in reviews)
    monkeypatch.setenv("DOCKQUIZ_DB", str(studied / "other.db"))
    assert run_cli(capsys, "import", str(first)).code == 0
    second = studied / "b.json"
    assert run_cli(capsys, "export", str(second)).code == 0
    assert json.loads(second.read_text("utf-8")) == data


def test_merging_an_export_twice_never_duplicates_reviews(capsys, studied):
    dump = studied / "a.json"
    assert run_cli(capsys, "export", str(dump)).code == 0
    again = run_cli(capsys, "import", str(dump), "--json").json()
    assert again["reviews_added"] == 0 and again["reviews_known"] == 3 and again["cards_added"] == 0
    with sqlite3.connect(studied / "test.db") as conn:
        assert conn.execute("SELECT count(*) FROM review").fetchone()[0] == 3


@pytest.mark.parametrize(
    "content, key",
    [
        ('{"format": "something-else", "version": 1}', "not a dockquiz export"),
        ('{"format": "dockquiz-export", "version": 99, "decks": [], "profiles": []}', "version 99"),
        ('{"format": "dockquiz-export", "version": 1, "decks": [{"name": "x"}], "profiles": []}', "missing"),
        ('{"format": "dockquiz-export", ', "not a readable dockquiz export"),
    ],
)
def test_a_json_file_of_another_kind_is_one_line_and_nothing_changes(capsys, studied, content, key):
    before = (studied / "test.db").read_bytes()
    bad = studied / "bad.json"
    bad.write_text(content, "utf-8")
    result = run_cli(capsys, "import", str(bad))
    assert result.code == 2 and key in result.err and len(result.err.strip().splitlines()) == 1
    assert (studied / "test.db").read_bytes() == before


def test_csv_has_a_bom_a_header_and_one_row_per_card(capsys, studied):
    out = studied / "cards.csv"
    assert run_cli(capsys, "export", str(out)).code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    import csv

    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:6] == ["deck", "kind", "section", "prompt_ja", "prompt_en", "answer"]
    cards = run_cli(capsys, "cards", "--json").json()
    assert len(rows) - 1 == len(cards)
    pull = next(r for r in rows if r[5] == "docker pull ${IMAGE_NAME}")
    stored = next(c for c in cards if c["answer"] == "docker pull ${IMAGE_NAME}")
    assert pull[8] == stored["state"] and int(pull[10]) == stored["reps"] > 0


@pytest.mark.parametrize(
    "value, cell",
    [
        ("-i", "'-i"),  # Excel reads it as =-i (#NAME?): the flag would be lost
        ("--rm", "'--rm"),
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("docker run -i", "docker run -i"),  # only the first character counts
        ("'-i", "'-i"),  # already text: a ' is no formula
        (3, 3),  # numbers stay numbers
    ],
)
def test_a_csv_cell_a_spreadsheet_would_read_as_a_formula_gets_a_leading_quote(value, cell):
    from dockquiz.exporting import csv_cell

    assert csv_cell(value) == cell


@pytest.mark.parametrize("lang, said", [("en", "got a leading '"), ("ja", "先頭に ' を付けました")])
def test_a_csv_export_says_how_many_cells_it_guarded_and_that_apkg_keeps_answers_exact(capsys, studied, lang, said):
    import csv

    out = studied / "cards.csv"
    result = run_cli(capsys, "--lang", lang, "export", str(out))
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    guarded = sum(1 for row in rows[1:] for cell in row if cell.startswith("'"))
    assert guarded and f"{guarded} " in result.out and said in result.out and ".apkg" in result.out
    assert "'" not in run_cli(capsys, "--lang", lang, "export", str(studied / "all.json")).out  # no such line for JSON


def test_an_existing_file_needs_force_and_a_bad_target_is_one_line(capsys, studied):
    out = studied / "keep.json"
    out.write_text("mine", "utf-8")
    result = run_cli(capsys, "export", str(out))
    assert result.code == 2 and "--force" in result.err and out.read_text("utf-8") == "mine"
    assert run_cli(capsys, "export", str(out), "--force").code == 0
    result = run_cli(capsys, "export", str(studied / "x.txt"))
    assert result.code == 2 and ".apkg" in result.err
    result = run_cli(capsys, "export", str(studied / "missing" / "x.json"))
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    result = run_cli(capsys, "export", str(studied / "x.json"), "--deck", "nope")
    assert result.code == 2 and "nope" in result.err


# --- backups ---------------------------------------------------------------------------------


def test_backup_is_a_whole_dockquiz_database_and_restore_brings_it_back(capsys, monkeypatch, studied):
    copy = studied / "copy.db"
    assert run_cli(capsys, "backup", str(copy)).code == 0
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM review").fetchone()[0] == 3
    study(capsys, monkeypatch, "docker search x\n\n")  # one more answer after the backup
    with sqlite3.connect(studied / "test.db") as conn:
        assert conn.execute("SELECT count(*) FROM review").fetchone()[0] == 4
    result = run_cli(capsys, "restore", str(copy), "--yes")
    assert result.code == 0 and "before-restore" in result.out
    with sqlite3.connect(studied / "test.db") as conn:
        assert conn.execute("SELECT count(*) FROM review").fetchone()[0] == 3
    listed = run_cli(capsys, "backup", "--list", "--json").json()
    assert any(b["reason"] == "before-restore" for b in listed)


def test_restore_refuses_a_damaged_or_foreign_file_and_changes_nothing(capsys, studied):
    before = (studied / "test.db").read_bytes()
    damaged = studied / "damaged.db"
    shutil.copy(studied / "test.db", damaged)
    with open(damaged, "r+b") as fh:
        fh.seek(4096 * 2)
        fh.write(os.urandom(4096 * 4))
    foreign = studied / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    for bad in (damaged, foreign, studied / "missing.db"):
        result = run_cli(capsys, "restore", str(bad), "--yes")
        assert result.code == 2 and len(result.err.strip().splitlines()) == 1, (bad, result.err)
    assert (studied / "test.db").read_bytes() == before
    result = run_cli(capsys, "backup", str(studied / "copy.db"))
    assert result.code == 0
    result = run_cli(capsys, "backup", str(studied / "copy.db"))
    assert result.code == 2 and "--force" in result.err


def test_a_daily_backup_on_first_use_each_day_keeping_the_newest_n(capsys, monkeypatch, studied):
    from dockquiz.storage.backup import list_backups

    db = studied / "test.db"
    assert [b.reason for b in list_backups(db)] == ["daily", "daily"]  # first use after the import, each day
    assert run_cli(capsys, "config", "backups", "2").code == 0
    for day in ("2026-11-30", "2026-12-01", "2026-12-02"):
        monkeypatch.setenv("DOCKQUIZ_NOW", f"{day}T09:00:00+09:00")
        assert run_cli(capsys, "decks").code == 0
        assert run_cli(capsys, "decks").code == 0  # the second use that day: none
    kept = list_backups(db)
    assert len(kept) == 2 and kept[0].taken.date().isoformat() == "2026-12-02"


def test_upgrading_an_old_database_backs_it_up_first(capsys, tmp_path, monkeypatch):
    from dockquiz.storage.backup import list_backups
    from dockquiz.storage.db import HEAD

    old = sorted((SAMPLE_NOTES.parent / "old-databases").glob("0001-*.sql"))[0]
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:
        conn.executescript(old.read_text("utf-8"))
    monkeypatch.setenv("DOCKQUIZ_DB", str(db))
    assert run_cli(capsys, "decks").code == 0
    (saved,) = [b for b in list_backups(db) if b.reason.startswith("before")]
    assert saved.reason == f"before-{HEAD}"
    with sqlite3.connect(saved.path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] != HEAD


def test_backup_is_for_sqlite(capsys, monkeypatch):
    monkeypatch.setenv("DOCKQUIZ_DB", "postgresql+psycopg://nobody@localhost/none")
    result = run_cli(capsys, "backup")
    assert result.code == 2 and "pg_dump" in result.err


def test_an_anki_note_shows_the_values_study_shows_on_its_front(capsys, tmp_path):
    notes = tmp_path / "v.md"
    text = "## コンテナに入る\n\n```sh\ndocker exec -it web /bin/bash\n```\n\n## 一覧\n\n```sh\ndocker ps\n```\n"
    notes.write_text(text, "utf-8")
    assert run_cli(capsys, "import", str(notes)).code == 0
    out = tmp_path / "v.apkg"
    assert run_cli(capsys, "export", "--lang", "ja", str(out)).code == 0
    fields = {f["Answer"]: f for _, _, f, _ in anki_notes(out)[0]}
    assert fields["docker exec -it web /bin/bash"]["Hints"] == "使う値: web  /bin/bash"
    assert fields["docker ps"]["Hints"] == ""  # nothing the prompt does not say


def test_an_anki_export_counts_the_notes_it_holds_not_the_retired_cards(capsys, tmp_path):
    notes = tmp_path / "r.md"
    three = "# R\n\n- `docker ps -a` : all containers\n- `docker images` : list images\n- `docker pull nginx` : pull an image\n"
    notes.write_text(three, "utf-8")
    assert run_cli(capsys, "import", str(notes)).code == 0
    notes.write_text(three.split("- `docker images`")[0], "utf-8")  # two cards retired
    assert run_cli(capsys, "import", str(notes)).code == 0
    out = tmp_path / "r.apkg"
    result = run_cli(capsys, "--lang", "en", "export", str(out))
    assert result.code == 0
    held, _ = anki_notes(out)
    assert len(held) == 1 and f"1 deck(s) and {len(held)} cards" in result.out
    assert "3 cards" in run_cli(capsys, "--lang", "en", "export", str(tmp_path / "r.csv")).out  # a CSV row each, retired too


@pytest.mark.parametrize("fmt", ["csv", "json", "apkg"])
@pytest.mark.parametrize(
    "lang, missing, a_file",
    [
        ("en", "the folder {} does not exist", "{} is a file, not a folder"),
        ("ja", "フォルダ {} がありません", "{} はファイルで、フォルダではありません"),
    ],
)
def test_an_export_into_a_folder_that_does_not_exist_says_so(capsys, studied, fmt, lang, missing, a_file):
    """A new user exported to a folder not made yet and read "not writable": the one true line
    is that the folder does not exist (or is a file); exit 2, nothing written; a backup too."""
    before = sorted(p.name for p in studied.rglob("*"))
    folder = studied / "not-yet"
    result = run_cli(capsys, "--lang", lang, "export", str(folder / f"cards.{fmt}"))
    assert result.code == 2 and result.err.count("\n") == 1 and missing.format(folder) in result.err
    note = studied / "note.txt"
    note.write_text("x", "utf-8")
    result = run_cli(capsys, "--lang", lang, "export", str(note / f"cards.{fmt}"))
    assert result.code == 2 and result.err.count("\n") == 1 and a_file.format(note) in result.err
    result = run_cli(capsys, "--lang", lang, "backup", str(folder / "copy.db"))
    assert result.code == 2 and missing.format(folder) in result.err
    note.unlink()
    assert sorted(p.name for p in studied.rglob("*")) == before and not folder.exists()
