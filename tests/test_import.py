"""`dockquiz import`: idempotent re-import, edits keep progress, bad input, encodings."""

import itertools
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from helpers import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from dockquiz.cards import KINDS, CardDraft
from dockquiz.importing import ImportReport, import_notes, merge
from dockquiz.storage.db import open_database
from dockquiz.storage.models import Card, Deck, Review

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _both_backends(backend):
    """Every import test on SQLite and on PostgreSQL (`backend` sets DOCKQUIZ_DB), except the
    ones about how SQLite stores values (SQLITE_ONLY)."""
    return backend


SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


@pytest.fixture
def notes(tmp_path, sample_notes) -> Path:
    path = tmp_path / "docker-basics.ja.md"
    path.write_text(sample_notes.read_text("utf-8"), "utf-8")
    return path


def cards_of(db):
    with db.session() as s:
        return {c.key: (c.id, c.kind, c.answer, c.prompt_ja, c.status, tuple(c.section)) for c in s.scalars(select(Card))}


def test_first_import_counts(capsys, notes):
    result = run_cli(capsys, "import", str(notes), "--json")
    assert result.code == 0
    data = result.json()
    assert data["deck"] == "docker-basics"
    assert data["added"] == data["total"] > 40
    assert data["updated"] == data["unchanged"] == data["retired"] == 0
    assert {"line", "message"} <= set(data["warnings"][0])


def test_second_import_changes_nothing(capsys, notes):
    run_cli(capsys, "import", str(notes), "--json")
    before = cards_of(open_database())
    data = run_cli(capsys, "import", str(notes), "--json").json()
    assert data["added"] == data["updated"] == data["retired"] == 0
    assert data["unchanged"] == data["total"]
    assert cards_of(open_database()) == before


def test_dry_run_saves_nothing(capsys, notes):
    data = run_cli(capsys, "import", str(notes), "--dry-run", "--json").json()
    assert data["added"] > 0
    assert run_cli(capsys, "decks", "--json").json() == []


def _review(db, card_id):
    with db.session() as s:
        s.add(
            Review(
                profile_id=1,
                card_id=card_id,
                reviewed_at=NOW,
                typed="x",
                verdict="exact",
                rating=3,
                duration_ms=1000,
                state_before=None,
                state_after={"due": NOW.isoformat()},
            )
        )


@SQLITE_ONLY  # SQLite's stored text; PostgreSQL stores JSONB and timestamptz
def test_an_import_stores_json_and_times_as_sqlalchemy_reads_them(notes):
    """Cards are stored as compact JSON text and SQLAlchemy's datetime format (even at a whole
    second), and read back as the same values."""
    db = open_database()
    import_notes(db, notes, now=NOW)
    with db.engine.connect() as conn:
        raw = conn.exec_driver_sql(
            "SELECT card.created_at, card.updated_at, deck.created_at, card.section"
            " FROM card JOIN deck ON deck.id = card.deck_id LIMIT 1"
        ).one()
        assert raw[0] == raw[1] == raw[2] == "2026-11-28 09:00:00.000000"
        assert raw[3].startswith('["Docker')
        # JSON as compact UTF-8 text: readable in sqlite3, and a fifth smaller than \u escapes
        sections = [r[0] for r in conn.exec_driver_sql("SELECT section FROM card")]
        assert any("イメージ" in s for s in sections) and not any("\\u" in s or '", "' in s for s in sections)
    with db.session() as s:
        card = s.scalars(select(Card)).first()
        assert card.created_at == NOW and isinstance(card.section, list) and isinstance(card.hints, dict)


def test_an_import_stores_every_draft_field_by_field(notes):
    """The new cards as stored are the reader's drafts, every field (the INSERT's rows are
    made for the DBAPI cursor by the import itself), with what all new cards share."""
    from dockquiz.notes import parse_notes

    db = open_database()
    import_notes(db, notes, now=NOW)
    drafts = parse_notes(notes.read_text("utf-8"), deck="docker-basics").drafts
    fields = ("key", "kind", "section", "prompt_ja", "prompt_en", "answer", "command", "hints", "source_line", "ordinal")
    with db.session() as s:
        cards = s.scalars(select(Card).order_by(Card.ordinal)).all()
        assert [tuple(getattr(c, f) for f in fields) for c in cards] == [tuple(getattr(d, f) for f in fields) for d in drafts]
        assert any(d.hints for d in drafts) and len({tuple(d.section) for d in drafts}) > 1
        assert {(c.status, c.version, tuple(c.variants), c.content_hash, c.created_at, c.updated_at) for c in cards} == {
            ("active", 1, (), "", NOW, NOW)
        }


def test_edits_update_in_place_add_retire_and_revive(notes):
    db = open_database()
    import_notes(db, notes, now=NOW)
    from dockquiz.storage import repo

    with db.session() as s:
        repo.profile(s, NOW)
    original = notes.read_text("utf-8")
    first = cards_of(db)
    pull = next(v for v in first.values() if v[2] == "docker pull ${IMAGE_NAME}")
    stop = next(v for v in first.values() if v[2] == "docker stop ${CONTAINER_ID}")
    _review(db, stop[0])

    edited = (
        original.replace("- `$ docker pull ${IMAGE_NAME}`", "- `$ docker pull ${IMAGE}`").replace(  # changed
            "### ◎ コンテナを停止\n\n- `$ docker stop ${CONTAINER_ID}`\n", ""
        )  # gone
        + "\n### ◎ ログを見る\n\n- `$ docker logs -f ${CONTAINER_ID}`\n"
    )  # new
    notes.write_text(edited, "utf-8")
    report = import_notes(db, notes, now=NOW)
    assert (report.added, report.updated, report.retired) == (1, 1, 1)
    after = cards_of(db)
    assert after[next(k for k, v in first.items() if v[0] == pull[0])][2] == "docker pull ${IMAGE}"
    retired = next(v for v in after.values() if v[0] == stop[0])
    assert retired[4] == "retired"
    with db.session() as s:
        assert s.scalar(select(Review).where(Review.card_id == stop[0])) is not None  # history kept

    notes.write_text(original, "utf-8")
    report = import_notes(db, notes, now=NOW)
    revived = next(v for v in cards_of(db).values() if v[0] == stop[0])
    assert revived[4] == "active"
    assert report.retired == 1  # the added logs card goes away again


def test_result_equals_fresh_import(tmp_path, notes):
    original = notes.read_text("utf-8")
    edited = original.replace("バックグラウンドでコンテナを作成", "コンテナをバックグラウンドで実行").replace(
        "### ◎ 起動中のコンテナ確認", "### ◎ 動いているコンテナの一覧"
    )
    db = open_database()
    import_notes(db, notes, now=NOW)
    notes.write_text(edited, "utf-8")
    import_notes(db, notes, now=NOW)
    fresh = open_database(str(tmp_path / "fresh.db"))
    import_notes(fresh, notes, now=NOW)

    def shape(d):
        return sorted((v[1], v[2], v[3], v[5]) for v in cards_of(d).values() if v[4] == "active")

    assert shape(db) == shape(fresh)


def test_renamed_heading_keeps_the_card(notes):
    db = open_database()
    import_notes(db, notes, now=NOW)
    ps = next(v for v in cards_of(db).values() if v[2] == "docker ps")
    notes.write_text(notes.read_text("utf-8").replace("起動中のコンテナ確認", "動いているコンテナを見る"), "utf-8")
    report = import_notes(db, notes, now=NOW)
    assert report.added == 0 and report.retired == 0
    again = next(v for v in cards_of(db).values() if v[2] == "docker ps")
    assert again[0] == ps[0] and again[3] == "動いているコンテナを見る"


def test_shift_jis_bom_and_crlf(capsys, tmp_path, sample_notes):
    text = sample_notes.read_text("utf-8")
    utf8 = run_cli(capsys, "import", str(sample_notes), "--deck", "u", "--json").json()
    for name, data in (
        ("sjis.md", text.encode("cp932", errors="strict")),
        ("bom.md", b"\xef\xbb\xbf" + text.encode("utf-8")),
        ("crlf.md", text.replace("\n", "\r\n").encode("utf-8")),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        got = run_cli(capsys, "import", str(path), "--deck", name, "--json").json()
        assert got["total"] == utf8["total"], name


@pytest.mark.parametrize("make", ["missing", "directory", "binary", "undecodable"])
def test_bad_notes_one_line_exit_2_database_untouched(capsys, tmp_path, make):
    path = tmp_path / "notes.md"
    if make == "directory":
        path.mkdir()
    elif make == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    elif make == "undecodable":
        path.write_bytes(bytes(range(0x80, 0x100)) * 20)
    result = run_cli(capsys, "import", str(path))
    assert result.code == 2
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert str(path) in result.err
    import os

    assert not os.path.exists(os.environ["DOCKQUIZ_DB"])  # not even created
    assert run_cli(capsys, "decks", "--json").json() == []


def test_bad_notes_message_in_japanese(capsys, tmp_path):
    result = run_cli(capsys, "--lang", "ja", "import", str(tmp_path / "nai.md"))
    assert result.code == 2 and "ノートファイルがありません" in result.err


def test_empty_notes_zero_cards_and_warning(capsys, tmp_path):
    path = tmp_path / "empty.md"
    path.write_text("# メモ\n\nまだ何もない。\n", "utf-8")
    result = run_cli(capsys, "import", str(path), "--json")
    assert result.code == 0
    data = result.json()
    assert data["total"] == 0 and data["warnings"]


def test_unknown_deck_exit_2(capsys):
    result = run_cli(capsys, "cards", "--deck", "nope")
    assert result.code == 2 and "nope" in result.err


def test_corrupt_database_named_exit_2(capsys, tmp_path, notes):
    bad = tmp_path / "broken.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    result = run_cli(capsys, "--db", str(bad), "import", str(notes))
    assert result.code == 2 and str(bad) in result.err and "Traceback" not in result.err
    assert bad.read_bytes() == b"this is not sqlite at all" * 100


def test_cards_json_shape(capsys, notes):
    run_cli(capsys, "import", str(notes))
    cards = run_cli(capsys, "cards", "--json").json()
    assert set(cards[0]) >= {
        "id",
        "deck",
        "kind",
        "section",
        "prompt",
        "answer",
        "command",
        "source_line",
        "status",
        "state",
        "due",
        "reps",
        "lapses",
    }
    assert {c["kind"] for c in cards} == set(KINDS)
    assert cards[0]["state"] == "new"
    decks = run_cli(capsys, "decks", "--json").json()
    assert decks[0]["name"] == "docker-basics"


def test_import_is_all_or_nothing(monkeypatch, notes):
    db = open_database()
    import dockquiz.importing as importing

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "merge", boom)
    with pytest.raises(RuntimeError):
        import_notes(db, notes, now=NOW)
    with db.session() as s:
        assert s.scalars(select(Card)).first() is None
        from dockquiz.storage.models import Deck

        assert s.scalars(select(Deck)).first() is None


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_CONTENT = {
    "kind": st.sampled_from(KINDS),
    "section": st.lists(_text, max_size=4),
    "prompt_ja": _text,
    "prompt_en": _text,
    "answer": _text,
    "command": st.none() | _text,
    "hints": st.dictionaries(_text, _text, max_size=3),
}
_MERGE_DB: list = []
_DECKS = itertools.count()


def _merge_once(draft: CardDraft, deck: str):
    """Merge one draft into ``deck`` (one shared in-memory database); the report and the
    card as stored."""
    if not _MERGE_DB:
        from dockquiz.storage.db import Database

        _MERGE_DB.append(Database("sqlite://", "memory"))
    db = _MERGE_DB[0]
    with db.connect() as conn:
        deck_id = conn.scalar(select(Deck.id).where(Deck.name == deck))
        if deck_id is None:
            deck_id = conn.execute(insert(Deck).values(name=deck, created_at=NOW, updated_at=NOW)).inserted_primary_key[0]
        report = ImportReport(deck, "-")
        merge(conn, deck_id, [draft], NOW, report)
    with db.session() as s:
        return report, s.scalars(select(Card).where(Card.deck_id == deck_id)).one()


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(content=st.fixed_dictionaries(_CONTENT), field=st.sampled_from(sorted(_CONTENT)), data=st.data())
def test_a_change_to_any_content_field_updates_the_card_and_nothing_else_does(content, field, data):
    """The merge compares the stored fields themselves: an equal draft is unchanged, and a
    change to any one of them updates the card in place to exactly the new content."""
    deck = f"deck-{next(_DECKS)}"  # a new deck for every example
    report, card = _merge_once(CardDraft(key="k", source_line=1, **content), deck)
    assert report.added == 1
    report, again = _merge_once(CardDraft(key="k", source_line=1, **json.loads(json.dumps(content))), deck)
    assert (report.unchanged, report.updated, again.version) == (1, 0, 1)
    new = data.draw(_CONTENT[field].filter(lambda v: v != content[field]))
    report, changed = _merge_once(CardDraft(key="k", source_line=1, **{**content, field: new}), deck)
    assert (report.unchanged, report.updated, report.added, changed.id, changed.version) == (0, 1, 0, card.id, 2)
    assert {f: getattr(changed, f) for f in _CONTENT} == {**content, field: new}


@SQLITE_ONLY  # SQLite's stored text; PostgreSQL stores JSONB and timestamptz
def test_json_stored_with_escapes_is_the_same_content(notes):
    """Databases written before JSON was stored as UTF-8 text hold ``\\uXXXX`` escapes: same
    values, so a re-import of unchanged notes leaves every card unchanged."""
    db = open_database()
    total = import_notes(db, notes, now=NOW).total
    with db.engine.begin() as conn:
        for id_, section, hints in conn.exec_driver_sql("SELECT id, section, hints FROM card").all():
            conn.exec_driver_sql(
                "UPDATE card SET section = ?, hints = ? WHERE id = ?",
                (json.dumps(json.loads(section)), json.dumps(json.loads(hints)), id_),
            )
        assert "\\u" in conn.exec_driver_sql("SELECT section FROM card LIMIT 1").scalar()
    report = import_notes(db, notes, now=NOW)
    assert (report.unchanged, report.updated) == (total, 0)


def _row(draft: CardDraft, id_: int, status: str = "active", version: int = 1):
    """A stored card as stored_cards reads it, made from a draft."""
    from types import SimpleNamespace

    return SimpleNamespace(
        id=id_, status=status, version=version, **{f: getattr(draft, f) for f in ("key", "source_line", "ordinal", *_CONTENT)}
    )


def _draft(key: str, answer: str, line: int = 1, **more) -> CardDraft:
    return CardDraft(
        kind=more.pop("kind", "command"),
        key=key,
        section=["Docker"],
        prompt_ja="p",
        answer=answer,
        source_line=line,
        ordinal=line,
        **more,
    )


def _changes(plan):
    return [(what, card.answer) for what, card in plan.changes]


def test_the_plan_leaves_unchanged_cards_alone_and_only_moves_shifted_ones():
    from dockquiz.importing import plan_merge

    pull, ps = _draft("a", "docker pull x"), _draft("b", "docker ps", 2)
    plan = plan_merge([_row(pull, 1), _row(ps, 2)], [pull, _draft("b", "docker ps", 5)], NOW)
    assert (plan.unchanged, plan.inserts, plan.changes, plan.rekeyed) == (2, [], [], [])
    assert plan.updates == [{"id": 2, "source_line": 5, "ordinal": 5}]  # no version, no updated_at


def test_the_plan_updates_in_place_adds_retires_and_revives():
    from dockquiz.importing import plan_merge

    pull, stop, old = _draft("a", "docker pull x"), _draft("b", "docker stop c"), _draft("c", "docker rm c")
    rows = [_row(pull, 1, version=3), _row(stop, 2), _row(old, 3, status="retired")]
    logs = _draft("d", "docker logs -f c")
    plan = plan_merge(rows, [_draft("a", "docker pull x", hints={"x": "イメージ"}), old, logs], NOW)
    assert _changes(plan) == [
        ("updated", "docker pull x"),
        ("revived", "docker rm c"),
        ("added", "docker logs -f c"),
        ("retired", "docker stop c"),
    ]
    by_id = {u["id"]: u for u in plan.updates}
    assert by_id[1]["version"] == 4 and by_id[1]["hints"] == {"x": "イメージ"} and by_id[1]["updated_at"] == NOW
    assert by_id[3]["status"] == "active" and "version" not in by_id[3]  # same content: same version
    assert by_id[2] == {"id": 2, "status": "retired", "updated_at": NOW}
    assert plan.inserts == [logs] and plan.unchanged == 0


def test_the_plan_keeps_a_card_whose_heading_or_command_path_was_renamed():
    from dockquiz.importing import plan_merge

    pull = _draft("old-key", "docker pull x")
    get = _draft("k8s", "kubectl get pods", command="kubectl get")
    plan = plan_merge(
        [_row(pull, 1), _row(get, 2)],
        [_draft("new-key", "docker pull x"), _draft("k8s2", "kubectl get pods", command="kubectl get pods")],
        NOW,
    )
    assert plan.inserts == [] and sorted(plan.rekeyed) == [1, 2]
    assert {u["id"]: u["key"] for u in plan.updates} == {1: "new-key", 2: "k8s2"}
    assert _changes(plan) == [("updated", "docker pull x"), ("updated", "kubectl get pods")]


def test_a_rewritten_dockerfile_block_keeps_each_lines_card(tmp_path):
    """Repeated instructions are keyed by position (WORKDIR, WORKDIR#2): when a line is
    added above, each line that is still there keeps its own card and history."""
    from sqlalchemy import select

    from dockquiz.storage.tables import card

    notes = tmp_path / "df.md"
    block = "### ◎ Dockerfile\n\n```dockerfile\n{}\n```\n"
    notes.write_text(block.format("FROM ubuntu\nWORKDIR ${ROOT_DIR}\nRUN make\nWORKDIR /app"), "utf-8")
    db = open_database()
    import_notes(db, notes, now=NOW)
    with db.connect() as conn:
        before = {r.answer: r.id for r in conn.execute(select(card.c.answer, card.c.id).where(card.c.kind == "dockerfile"))}
    notes.write_text(block.format("FROM ubuntu\nWORKDIR /tmp\nWORKDIR ${ROOT_DIR}\nRUN make\nWORKDIR /app"), "utf-8")
    report = import_notes(db, notes, now=NOW)
    with db.connect() as conn:
        after = {
            r.answer: (r.id, r.status)
            for r in conn.execute(select(card.c.answer, card.c.id, card.c.status).where(card.c.kind == "dockerfile"))
        }
    assert after["WORKDIR ${ROOT_DIR}"] == (before["WORKDIR ${ROOT_DIR}"], "active")
    assert after["WORKDIR /app"] == (before["WORKDIR /app"], "active")
    assert after["WORKDIR /tmp"][0] not in before.values() and report.added == 1 and report.retired == 0


# --- a notes file is known by its whole path ----------------------------------------------------

A_NOTES = "# A\n\n- `docker ps -a` : all containers\n- `docker images` : list images\n"
B_NOTES = "# B\n\n- `git status` : show status\n"


def _two_folders(tmp_path) -> tuple[Path, Path]:
    for folder, text in (("a", A_NOTES), ("b", B_NOTES)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "notes.md").write_text(text, "utf-8")
    return tmp_path / "a", tmp_path / "b"


@pytest.mark.parametrize("lang, hint", [("en", "--deck NAME"), ("ja", "--deck 名前")])
def test_another_file_of_the_same_name_by_a_relative_path_is_refused_as_by_an_absolute_one(
    capsys, monkeypatch, tmp_path, lang, hint
):
    a, b = _two_folders(tmp_path)
    monkeypatch.chdir(a)
    first = run_cli(capsys, "import", "notes.md", "--json").json()
    assert first["source"] == str(a / "notes.md") and first["added"] == 2
    monkeypatch.chdir(b)
    refused = run_cli(capsys, "--lang", lang, "import", "notes.md")
    assert refused.code == 2 and refused.err.count("\n") == 1 and hint in refused.err
    assert str(a / "notes.md") in refused.err and str(b / "notes.md") in refused.err
    (deck,) = run_cli(capsys, "decks", "--json").json()
    assert (deck["source"], deck["cards"], deck["retired"]) == (str(a / "notes.md"), 2, 0)  # nothing changed
    monkeypatch.chdir(a)
    again = run_cli(capsys, "import", "notes.md", "--json").json()  # the same file, relative again
    assert again["unchanged"] == 2 and again["retired"] == 0


def test_a_deck_stored_with_a_relative_source_keeps_working_and_is_recorded_whole(capsys, monkeypatch, tmp_path):
    """Databases written before the source was recorded whole hold what the learner typed
    (``notes.md``): read from the current folder, as then, and recorded whole from then on."""
    a, _ = _two_folders(tmp_path)
    monkeypatch.chdir(a)
    assert run_cli(capsys, "import", "notes.md").code == 0
    db = open_database()
    with db.connect() as conn:
        conn.execute(Deck.__table__.update().values(source_path="notes.md"))
    again = run_cli(capsys, "import", "notes.md", "--json").json()
    assert (again["unchanged"], again["retired"], again["source"]) == (2, 0, str(a / "notes.md"))
    assert run_cli(capsys, "decks", "--json").json()[0]["source"] == str(a / "notes.md")
    monkeypatch.chdir(tmp_path)  # from elsewhere, by another relative path: the same file
    assert run_cli(capsys, "import", "a/notes.md", "--json").json()["unchanged"] == 2


# --- what the summary says ------------------------------------------------------------------------


def test_the_summary_says_how_many_cards_came_back(capsys, tmp_path):
    notes = tmp_path / "r.md"
    three = "# R\n\n- `docker ps -a` : all containers\n- `docker images` : list images\n- `docker pull nginx` : pull it\n"
    notes.write_text(three, "utf-8")
    assert run_cli(capsys, "import", str(notes)).code == 0
    notes.write_text("# R\n\n- `docker ps -a` : all containers\n", "utf-8")
    assert run_cli(capsys, "import", str(notes)).code == 0
    notes.write_text(three.replace("all containers", "every container"), "utf-8")
    data = run_cli(capsys, "import", str(notes), "--json").json()
    assert (data["updated"], data["revived"]) == (1, 2)
    assert (len(data["changes"]["updated"]), len(data["changes"]["revived"])) == (1, 2)
    notes.write_text("# R\n\n- `docker ps -a` : all containers\n", "utf-8")
    assert run_cli(capsys, "import", str(notes)).code == 0
    notes.write_text(three, "utf-8")
    en = run_cli(capsys, "--lang", "en", "import", str(notes))
    assert "added 0, updated 0, revived 2, unchanged 1, retired 0 — 3 cards" in en.out
    notes.write_text("# R\n\n- `docker ps -a` : all containers\n", "utf-8")
    assert run_cli(capsys, "import", str(notes)).code == 0
    notes.write_text(three.replace("all containers", "every container"), "utf-8")
    ja = run_cli(capsys, "--lang", "ja", "import", str(notes))
    assert "追加 0、更新 1、復活 2、変更なし 0、廃止 0 — 計 3 枚" in ja.out


# --- an Anki package is not notes -----------------------------------------------------------------


@pytest.mark.parametrize("lang, says", [("en", "Anki package"), ("ja", "Anki のパッケージ")])
def test_importing_an_anki_package_says_it_cannot_be_imported(capsys, tmp_path, lang, says):
    notes = tmp_path / "n.md"
    notes.write_text(A_NOTES, "utf-8")
    assert run_cli(capsys, "import", str(notes)).code == 0
    package = tmp_path / "out.apkg"
    assert run_cli(capsys, "export", str(package)).code == 0
    renamed = tmp_path / "cards.zip"  # known by what it holds, not by its name
    renamed.write_bytes(package.read_bytes())
    for path in (package, renamed):
        result = run_cli(capsys, "--lang", lang, "import", str(path))
        assert result.code == 2 and result.err.count("\n") == 1 and says in result.err and str(path) in result.err
    assert [d["cards"] for d in run_cli(capsys, "decks", "--json").json()] == [2]


def test_another_zip_file_is_still_not_a_text_file(capsys, tmp_path):
    import zipfile

    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    result = run_cli(capsys, "--lang", "en", "import", str(path))
    assert result.code == 2 and "is not a text file" in result.err


def test_notes_with_no_commands_make_no_empty_deck(capsys, tmp_path):
    """A file with no commands (prose, a symlink to /etc/passwd: a new user's tries) said "no
    commands found" and left an empty deck behind; a deck that exists keeps its name."""
    prose = tmp_path / "prose.md"
    prose.write_text("# Thoughts\n\nJust words, no commands.\n", "utf-8")
    result = run_cli(capsys, "--lang", "en", "import", str(prose))
    assert result.code == 0 and "no deck made" in result.err and result.out == ""
    assert run_cli(capsys, "decks", "--json").json() == []
    notes = tmp_path / "mine.md"
    notes.write_text("# Containers\n\n- `docker ps` list running containers\n", "utf-8")
    first = run_cli(capsys, "import", str(notes), "--json").json()
    assert first["deck_made"] and first["added"] == 1
    notes.write_text("# Containers\n\nNothing here any more.\n", "utf-8")
    again = run_cli(capsys, "--lang", "en", "import", str(notes), "--json").json()
    assert not again["deck_made"] and again["retired"] == 1  # the deck was there: not made


def test_a_dry_run_says_deck_made_only_for_a_deck_not_there(capsys, tmp_path):
    """``import --dry-run --json`` said ``"deck_made": true`` of a deck that already existed."""
    notes = tmp_path / "mine.md"
    notes.write_text("# Containers\n\n- `docker ps` list running containers\n", "utf-8")
    assert run_cli(capsys, "import", str(notes), "--dry-run", "--json").json()["deck_made"]  # would make it
    assert run_cli(capsys, "decks", "--json").json() == []
    assert run_cli(capsys, "import", str(notes)).code == 0
    dry = run_cli(capsys, "import", str(notes), "--dry-run", "--json").json()
    assert dry["dry_run"] and not dry["deck_made"] and dry["unchanged"] == 1
    assert [d["name"] for d in run_cli(capsys, "decks", "--json").json()] == ["mine"]


# --- beside other decks: how to study this one alone ----------------------------------------------


def test_the_report_counts_the_other_decks_that_hold_cards(tmp_path):
    """``study`` mixes every deck that holds cards; the report says how many others there are,
    so the command can say how to study this one alone (the CLI layer runs no SQL)."""
    db = open_database()
    one, two = tmp_path / "one.md", tmp_path / "two.md"
    one.write_text("# A\n\n- `docker ps -a` : all containers\n", "utf-8")
    two.write_text("# B\n\n- `tar -xzf backup.tgz` : unpack it\n", "utf-8")
    assert import_notes(db, one, now=NOW).other_decks == 0
    assert import_notes(db, one, now=NOW).other_decks == 0  # itself is not another deck
    assert import_notes(db, two, now=NOW).other_decks == 1
    assert import_notes(db, two, dry_run=True, now=NOW).other_decks == 1
    one.write_text("# A\n\nNothing here any more.\n", "utf-8")  # its cards retired: none to mix in
    assert import_notes(db, one, now=NOW).other_decks == 1
    assert import_notes(db, two, now=NOW).other_decks == 0


@pytest.mark.parametrize(
    "lang, alone, beside",
    [
        ("en", "Next: dockquiz study\n", "Next: dockquiz study --deck {} (or dockquiz study: every deck)\n"),
        ("ja", "次は: dockquiz study\n", "次は: dockquiz study --deck {}（全部のデッキなら dockquiz study）\n"),
    ],
)
def test_beside_another_deck_the_import_says_how_to_study_this_one(capsys, tmp_path, lang, alone, beside):
    """A learner who studied the built-in deck, then imported their own notes, got the built-in
    cards first and no word of ``study --deck`` (new-user walk). The deck's name is data: quoted
    as the shell reads it, shown as it is ([bold] stays, no markup read)."""
    first = tmp_path / "first.md"
    first.write_text("# A\n\n- `docker ps -a` : all containers\n", "utf-8")
    mine = tmp_path / "[bold]it's mine.md"
    mine.write_text("# B\n\n- `tar -xzf backup.tgz` : unpack it\n", "utf-8")
    result = run_cli(capsys, "--lang", lang, "import", str(first))
    assert result.code == 0 and result.out.endswith(alone)
    result = run_cli(capsys, "--lang", lang, "import", str(mine))
    assert result.code == 0 and result.out.endswith(beside.format("'[bold]it'\"'\"'s mine'"))
    result = run_cli(capsys, "--lang", lang, "import", str(first))
    assert result.out.endswith(beside.format("first"))
    dry = run_cli(capsys, "--lang", lang, "import", str(first), "--dry-run")
    assert "study" not in dry.out  # a dry run saved nothing to study


def test_the_import_json_says_what_the_text_says_about_other_decks(capsys, tmp_path):
    """`import --json` carries the other decks and the command that studies this one, as the
    text report's last line does (quoted as the shell reads it); none for a dry run."""
    first = tmp_path / "first.md"
    first.write_text("# A\n\n- `docker ps -a` : all containers\n", "utf-8")
    mine = tmp_path / "it's mine.md"
    mine.write_text("# B\n\n- `tar -xzf backup.tgz` : unpack it\n", "utf-8")
    alone = run_cli(capsys, "import", str(first), "--json").json()
    assert (alone["other_decks"], alone["study"]) == (0, "dockquiz study")
    beside = run_cli(capsys, "import", str(mine), "--json").json()
    assert (beside["other_decks"], beside["study"]) == (1, "dockquiz study --deck 'it'\"'\"'s mine'")
    text = run_cli(capsys, "--lang", "en", "import", str(mine)).out
    assert beside["study"] in text
    dry = run_cli(capsys, "import", str(first), "--dry-run", "--json").json()
    assert dry["other_decks"] == 1 and dry["study"] is None
