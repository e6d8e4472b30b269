"""The shipped overlays (content/cli/*.toml) are read from a JSON copy in the user's cache
folder while the files hash the same: the same data, made again when a file changes, and TOML
read as before wherever the copy cannot be kept or read."""

import json

import pytest

from dockquiz import resources
from dockquiz.grading import grammar as g
from dockquiz.resources import content_dir

OVERLAY = 'program = "tool"\n\n[[command]]\npath = "tool run"\nen = "Run it"\nja = "実行する"\n'


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setattr(resources, "user_cache_path", lambda *parts: str(folder.joinpath(*parts)))
    return folder / "grammar-overlays.json"


def test_the_shipped_grammar_is_the_same_from_the_copy(cache):
    from_toml = g.load_grammar(content_dir() / "cli")  # a directory given: never the copy
    assert not cache.exists()
    first, again = g.load_grammar(), g.load_grammar()  # the copy made, then read
    assert cache.exists()
    assert vars(first) == vars(from_toml) and vars(again) == vars(from_toml)
    for grammar in (first, again, from_toml):
        grammar.load_all()  # every program's facts read with the overlays' words
    assert vars(first) == vars(from_toml) and vars(again) == vars(from_toml)


def test_the_copy_is_read_while_the_files_hash_the_same_and_made_again_when_one_changes(tmp_path, cache):
    notes = tmp_path / "cli"
    notes.mkdir()
    (notes / "tool.toml").write_text(OVERLAY, "utf-8")
    command = {"path": "tool run", "en": "Run it", "ja": "実行する"}
    assert g._overlays(notes, cached=True) == [("tool.toml", {"program": "tool", "command": [command]})]
    kept = json.loads(cache.read_text("utf-8"))
    kept["overlays"][0][1]["command"][0]["en"] = "from the copy"
    cache.write_text(json.dumps(kept), "utf-8")
    assert g._overlays(notes, cached=True)[0][1]["command"][0]["en"] == "from the copy"
    (notes / "tool.toml").write_text(OVERLAY.replace("Run it", "Run it now"), "utf-8")
    assert g._overlays(notes, cached=True)[0][1]["command"][0]["en"] == "Run it now"
    assert json.loads(cache.read_text("utf-8"))["overlays"][0][1]["command"][0]["en"] == "Run it now"


def test_a_damaged_copy_is_read_past_and_made_again(tmp_path, cache):
    notes = tmp_path / "cli"
    notes.mkdir()
    (notes / "tool.toml").write_text(OVERLAY, "utf-8")
    cache.parent.mkdir(parents=True)
    for damaged in ('{"key": ', "[]", '{"overlays": []}', ""):
        cache.write_text(damaged, "utf-8")
        assert g._overlays(notes, cached=True) == g._overlays(notes, cached=False)
        assert json.loads(cache.read_text("utf-8"))["overlays"] == [list(item) for item in g._overlays(notes, cached=False)]


def test_data_json_would_change_is_never_kept(tmp_path, cache):
    notes = tmp_path / "cli"
    notes.mkdir()
    (notes / "tool.toml").write_text("released = 2026-12-04\n" + OVERLAY, "utf-8")
    data = g._overlays(notes, cached=True)
    assert str(data[0][1]["released"]) == "2026-12-04"
    assert not cache.exists()


def test_a_cache_folder_that_cannot_be_written_reads_the_toml(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", "utf-8")
    monkeypatch.setattr(resources, "user_cache_path", lambda *parts: str(blocked.joinpath(*parts)))
    notes = tmp_path / "cli"
    notes.mkdir()
    (notes / "tool.toml").write_text(OVERLAY, "utf-8")
    assert g._overlays(notes, cached=True) == g._overlays(notes, cached=False)
