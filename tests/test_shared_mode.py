"""Shared mode (#24): on a class database nobody changes another learner's progress, and only
the teacher changes the decks. The code refuses in one line; the database refuses anyway
(PostgreSQL privileges and row-level security, revision 0007). Real servers, real psql."""

from __future__ import annotations

import copy
import io
import json
import sys

import pytest

from tests.conftest import SAMPLE_NOTES
from tests.helpers import DAY1, run_cli


def _study(capsys, monkeypatch, profile: str, lines: str) -> None:
    monkeypatch.setenv("DOCKQUIZ_PROFILE", profile)
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    assert run_cli(capsys, "study", "--plain").code == 0


def _counts(db) -> dict:
    with db.connect() as conn:
        return {
            t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
            for t in ("profile", "deck", "card", "card_state", "review")
        }


def _only(data: dict, profile: str) -> dict:
    """The export with the history of one profile only (every profile still listed)."""
    data = copy.deepcopy(data)
    for deck in data["decks"]:
        for card in deck["cards"]:
            for what in ("states", "reviews"):
                card[what] = [row for row in card[what] if row["profile"] == profile]
    return data


def test_an_export_whose_history_names_a_profile_it_does_not_list_is_refused_by_restore_itself(
    capsys, monkeypatch, tmp_path, backend
):
    """ben's file lists ben, its reviews and states name aiko: restore_export (whoever calls it,
    without read_export's check) refuses the whole file and writes nothing."""
    from dockquiz.clock import from_env
    from dockquiz.errors import UsageError
    from dockquiz.exporting import restore_export
    from dockquiz.storage.db import open_database

    monkeypatch.setenv("DOCKQUIZ_NOW", DAY1)
    assert run_cli(capsys, "import", str(SAMPLE_NOTES)).code == 0
    _study(capsys, monkeypatch, "aiko", "docker pull ${IMAGE_NAME}\n\ndocker search x\n\n")
    _study(capsys, monkeypatch, "ben", "docker pul\n\n")
    assert run_cli(capsys, "export", str(tmp_path / "all.json")).code == 0
    data = json.loads((tmp_path / "all.json").read_text("utf-8"))
    forged = _only(data, "aiko")
    forged["profiles"] = [p for p in forged["profiles"] if p["name"] == "ben"]
    for deck in forged["decks"]:  # aiko's reviews, made new (a later time) so none is "known"
        for card in deck["cards"]:
            for row in card["reviews"]:
                row["reviewed_at"] = row["reviewed_at"].replace("2026-11-28", "2026-11-29")
    db = open_database()
    before = _counts(db)
    with pytest.raises(UsageError) as refused:
        restore_export(db, forged, from_env().now())
    assert refused.value.key == "error.export_profile_unlisted" and refused.value.params["name"] == "aiko"
    assert _counts(db) == before
    (tmp_path / "forged.json").write_text(json.dumps(forged), "utf-8")  # and through the CLI: one line
    result = run_cli(capsys, "import", str(tmp_path / "forged.json"))
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1 and '"aiko"' in result.err
    assert _counts(db) == before


def test_a_listed_profile_the_history_does_not_write_is_left_alone(capsys, monkeypatch, tmp_path, backend):
    """A class export lists every profile; restoring one learner's history from it merges
    that history and leaves the others' profiles as they are."""
    from dockquiz.storage.db import open_database

    monkeypatch.setenv("DOCKQUIZ_NOW", DAY1)
    assert run_cli(capsys, "import", str(SAMPLE_NOTES)).code == 0
    _study(capsys, monkeypatch, "aiko", "docker pull ${IMAGE_NAME}\n\ndocker search x\n\n")
    _study(capsys, monkeypatch, "ben", "docker pul\n\n")
    assert run_cli(capsys, "config", "new", "7").code == 0  # ben's setting
    assert run_cli(capsys, "export", str(tmp_path / "all.json")).code == 0
    data = json.loads((tmp_path / "all.json").read_text("utf-8"))
    for p in data["profiles"]:
        p["settings"] = {"new_per_day": 99}  # the file's settings for listed profiles
    bens = _only(data, "ben")
    for deck in bens["decks"]:
        for card in deck["cards"]:
            for row in card["reviews"]:
                row["reviewed_at"] = row["reviewed_at"].replace("2026-11-28", "2026-11-27")
    (tmp_path / "ben.json").write_text(json.dumps(bens), "utf-8")
    db = open_database()
    before = _counts(db)
    done = run_cli(capsys, "import", str(tmp_path / "ben.json"), "--json").json()
    assert done["reviews_added"] == 1 and _counts(db) == dict(before, review=before["review"] + 1)
    with db.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT p.name, count(r.id) FROM profile p LEFT JOIN review r ON r.profile_id = p.id GROUP BY p.name ORDER BY p.name"
        ).all()
        settings = dict(conn.exec_driver_sql("SELECT name, settings FROM profile").all())
    assert [tuple(r) for r in rows] == [("aiko", 2), ("ben", 2)]
    settings = {k: (json.loads(v) if isinstance(v, str) else v) for k, v in settings.items()}
    assert settings == {"aiko": {}, "ben": {"new_per_day": 7}}
