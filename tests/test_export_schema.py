"""`dockquiz import FILE.json` of a hostile or damaged export: the whole file is checked against
the export's JSON Schema (dockquiz/export.schema.json) before anything is written. A bad file
is one line naming its first bad field by JSON path, exit 2, the database unchanged; a file
that passes imports, and every command works after it."""

from __future__ import annotations

import copy
import io
import json
import os
import re
import sqlite3
import sys
import tempfile
from functools import cache
from pathlib import Path

import pytest
from helpers import DAY1, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockquiz.exporting import SCHEMA_FILE
from tests.conftest import SAMPLE_NOTES

README = Path(__file__).parents[1] / "README.md"
STUDY = "docker pull ${IMAGE_NAME}\n\ndocker search x\n1\n\n\n"


def _make_export(folder: Path) -> dict:
    """A real export: the sample imported, a few cards answered, exported as JSON."""
    from dockquiz.cli import main

    saved = dict(os.environ)
    os.environ.update(DOCKQUIZ_DB=str(folder / "made.db"), DOCKQUIZ_NOW=DAY1)
    stdin, stdout, stderr = sys.stdin, sys.stdout, sys.stderr
    try:
        sys.stdout = sys.stderr = io.StringIO()
        assert main(["import", str(SAMPLE_NOTES)]) == 0
        sys.stdin = io.StringIO(STUDY)
        assert main(["study", "--plain"]) == 0
        assert main(["export", str(folder / "made.json")]) == 0
    finally:
        sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
        os.environ.clear()
        os.environ.update(saved)
    return json.loads((folder / "made.json").read_text("utf-8"))


@cache
def _valid_export() -> str:
    with tempfile.TemporaryDirectory() as folder:
        data = _make_export(Path(folder))
    assert any(c["reviews"] for d in data["decks"] for c in d["cards"])
    return json.dumps(data, ensure_ascii=False)


def valid() -> dict:
    return json.loads(_valid_export())


def _reviewed(data: dict) -> dict:
    return next(c for c in data["decks"][0]["cards"] if c["reviews"] and c["states"])


def _deep(n: int) -> str:
    head = '{"format": "dockquiz-export", "version": 1, "exported_at": "2026-11-28T00:00:00+00:00", "profiles": '
    return head + "[" * n + "]" * n + ', "decks": []}'


def _set(path: str, value):
    """A change to the valid export at ``path`` (dots and [n]; ``card`` is a reviewed card)."""

    def change(data: dict) -> dict:
        parts = re.findall(r"[^.\[\]]+|\[\d+\]", path)
        node = _reviewed(data) if parts[0] == "card" else data
        for part in parts[1 if parts[0] == "card" else 0 : -1]:
            node = node[int(part[1:-1])] if part.startswith("[") else node[part]
        last = parts[-1]
        node[int(last[1:-1]) if last.startswith("[") else last] = value
        return data

    return change


def _where(data: dict, path: str) -> str:
    """The JSON path the error line names, with the reviewed card's indices."""
    if not path.startswith("card"):
        return "$." + path
    cards = data["decks"][0]["cards"]
    index = cards.index(_reviewed(data))
    return f"$.decks[0].cards[{index}]" + path[len("card") :]


# every case the issue lists: (what to change, the JSON path named, words of the line)
CASES = {
    "integer 10^25": ("card.source_line", 10**25, "out of range"),
    "time tomorrow": ("card.reviews[0].reviewed_at", "tomorrow", "offset"),
    "time a number": ("card.states[0].due", 12345, "string"),
    "time without offset": ("card.created_at", "2026-11-28T09:00:00", "offset"),
    "lone surrogate": ("card.prompt_ja", "\ud800", "surrogate"),
    "answer null": ("card.answer", None, "string"),
    "hints a string": ("card.hints", "zzz", "object"),
    "variants [1, null]": ("card.variants", [1, None], "string"),
    "state 7": ("card.states[0].state", 7, "one of"),
    "rating 9": ("card.reviews[0].rating", 9, "one of"),
    "state_after x": ("card.reviews[0].state_after", "x", "object"),
    "settings [1]": ("profiles[0].settings", [1], "object"),
    "stability -5": ("card.states[0].stability", -5, "out of range"),
    "a field missing": ("decks[0].cards", None, "must be of JSON type array"),
}


@pytest.fixture
def db_file(capsys, monkeypatch, tmp_path):
    """A database with the sample and some progress, whose bytes must not change."""
    monkeypatch.setenv("DOCKQUIZ_NOW", DAY1)
    assert run_cli(capsys, "import", str(SAMPLE_NOTES)).code == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(STUDY))
    assert run_cli(capsys, "study", "--plain").code == 0
    return tmp_path / "test.db"


def _refused(capsys, file: Path, db: Path) -> str:
    before = db.read_bytes()
    result = run_cli(capsys, "import", str(file))
    assert result.code == 2, result
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert db.read_bytes() == before
    return result.err


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_bad_field_the_issue_lists_is_one_line_naming_its_path_and_nothing_is_written(capsys, tmp_path, db_file, case):
    path, value, words = CASES[case]
    data = _set(path, value)(valid())
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), "utf-8")  # ensure_ascii: a lone surrogate as \ud800
    err = _refused(capsys, bad, db_file)
    assert _where(data, path) in err and words in err and "nothing was written" in err


def test_a_review_naming_a_profile_the_file_does_not_list_is_refused(capsys, tmp_path, db_file):
    data = valid()
    _reviewed(data)["reviews"][0]["profile"] = "aiko"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), "utf-8")
    err = _refused(capsys, bad, db_file)
    assert _where(data, "card.reviews[0].profile") in err and '"aiko"' in err


def test_a_field_the_format_does_not_have_and_a_missing_one_are_named(capsys, tmp_path, db_file):
    data = valid()
    _reviewed(data)["surprise"] = 1
    del data["decks"][0]["cards"][0]["kind"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), "utf-8")
    err = _refused(capsys, bad, db_file)
    assert "$.decks[0].cards[0].kind is missing" in err


def test_nesting_200000_deep_nan_and_huge_numbers_are_one_line(capsys, tmp_path, db_file):
    for name, text in (
        ("deep", _deep(200_000)),
        ("nan", re.sub(r'"source_line": \d+', '"source_line": NaN', _valid_export(), count=1)),
        ("inf", re.sub(r'"source_line": \d+', '"source_line": 1e400', _valid_export(), count=1)),
        ("digits", re.sub(r'"source_line": \d+', '"source_line": ' + "9" * 5000, _valid_export(), count=1)),
    ):
        bad = tmp_path / f"{name}.json"
        bad.write_text(text, "utf-8")
        _refused(capsys, bad, db_file)


def test_the_line_is_in_japanese_too(capsys, tmp_path, db_file, monkeypatch):
    monkeypatch.setenv("DOCKQUIZ_LANG", "ja")
    data = _set("card.hints", "zzz")(valid())
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), "utf-8")
    err = _refused(capsys, bad, db_file)
    assert "正しい dockquiz のエクスポートではありません" in err and _where(data, "card.hints") in err


def test_the_readme_documents_the_schemas_fields():
    """The README's field list (For programs → The JSON export) and the schema file agree."""
    text = README.read_text("utf-8")
    doc = text[text.index("**The JSON export**") :]
    doc = doc[doc.index("`{") + 1 : doc.index("}`") + 1]
    tokens = re.findall(r'"[^"]*"|[\[\]{}:,]|[^\s\[\]{}:,"]+', doc.replace("`", "").replace("\n", " "))
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))

    def readme_tree(i: int) -> tuple[dict, int]:  # tokens[i] == "{"
        tree, i = {}, i + 1
        while tokens[i] != "}":
            name = tokens[i].strip('"')
            i += 1
            tree[name] = None
            if tokens[i] == ":":
                i += 1
                if tokens[i] == "[" and tokens[i + 1] == "{":
                    tree[name], i = readme_tree(i + 1)
                i += 1  # the list's ], or the value
            if tokens[i] == ",":
                i += 1
        return tree, i + 1

    def resolve(node: dict) -> dict:
        while "$ref" in node:
            node = schema["definitions"][node["$ref"].rsplit("/", 1)[1]]
        return node

    def schema_tree(node: dict) -> dict:
        node = resolve(node)
        out = {}
        for name, prop in node["properties"].items():
            prop = resolve(prop)
            items = resolve(prop.get("items", {}))
            out[name] = schema_tree(items) if prop.get("type") == "array" and "properties" in items else None
        return out

    tree, _ = readme_tree(0)
    assert tree == schema_tree(schema)
    assert "export.schema.json" in text


# --- random damage ---------------------------------------------------------------------------


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


_hostile = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from(["", " ", "tomorrow", "2026-11-28T09:00:00", "2026-11-28T09:00:00+09:00", "\ud800", "a\x00b", "\x1b[2J"]),
        st.text(max_size=8),
        st.sampled_from([0, 1, 2, 3, 4, 7, -5, 9]),
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=6,
)


def _like(old) -> st.SearchStrategy:
    """A value of the same JSON kind as ``old``: what slips past a check of types alone."""
    if isinstance(old, bool):
        return st.booleans()
    if isinstance(old, int):
        return st.one_of(st.integers(0, 4), st.integers(-3, 10**6), st.sampled_from([-1, 2**31, 2**63, 10**25]))
    if isinstance(old, float):
        return st.one_of(st.floats(0, 100), st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([0.0, -5.0]))
    if isinstance(old, str):
        times = ["2026-11-29T09:00:00+09:00", "1970-01-01T00:00:00+00:00", "9998-12-31T23:59:59+14:00", "2026-11-28T00:00:00Z"]
        return st.one_of(st.text(max_size=12), st.sampled_from([*times, "", " ", old + "x", old.upper()]))
    if isinstance(old, list):
        return st.one_of(st.just([]), st.just(old[:1]), st.just(old + old[:1]))
    if isinstance(old, dict):
        return st.one_of(st.just({}), st.just(old))
    return _hostile


@pytest.mark.slow
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_a_randomly_damaged_export_is_refused_in_one_line_or_imports_and_every_command_works(capsys, data):
    doc = valid()
    pick = data.draw(st.randoms(use_true_random=False), label="where")  # every path alike, not the first ones
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        target = pick.choice([p for p in _paths(doc) if len(p) > 1])
        parent = doc
        for part in target[:-1]:
            parent = parent[part]
        last = target[-1]
        action = data.draw(st.sampled_from(["same kind"] * 6 + ["hostile", "delete", "add"]), label="action")
        if action == "delete":
            parent.pop(last)
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.text(min_size=1, max_size=6), label="new field")] = data.draw(_hostile, label="value")
        elif action == "add":
            parent.insert(last, copy.deepcopy(parent[last]))  # a row twice
        else:
            parent[last] = data.draw(_like(parent[last]) if action == "same kind" else _hostile, label="value")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        file = folder / "damaged.json"
        file.write_text(json.dumps(doc), "utf-8")
        saved = dict(os.environ)
        os.environ.update(DOCKQUIZ_DB=str(folder / "t.db"), DOCKQUIZ_NOW="2026-11-30T09:00:00+09:00")
        try:
            assert run_cli(capsys, "decks").code == 0  # an empty database, made
            before = (folder / "t.db").read_bytes()
            result = run_cli(capsys, "import", str(file))
            assert "Traceback" not in result.err
            if result.code != 0:
                assert result.code == 2 and len(result.err.strip().splitlines()) == 1, result.err
                assert (folder / "t.db").read_bytes() == before
                return
            _every_command_works(capsys, folder)
        finally:
            os.environ.clear()
            os.environ.update(saved)


def _every_command_works(capsys, folder: Path) -> None:
    for args in (
        ("decks", "--json"),
        ("cards", "--json"),
        ("stats", "--json"),
        ("stats",),
        ("export", str(folder / "again.json")),
        ("export", str(folder / "out.apkg")),
        ("export", str(folder / "out.csv")),
    ):
        result = run_cli(capsys, *args)
        assert result.code == 0, (args, result.err)
    saved = sys.stdin
    try:
        sys.stdin = io.StringIO("docker ps\n\n:skip\ndocker run x\n3\n:quit\n")
        result = run_cli(capsys, "study", "--plain")
    finally:
        sys.stdin = saved
    assert result.code == 0, result.err
    result = run_cli(capsys, "check")
    assert result.code in (0, 1) and "Traceback" not in result.err  # 1: a state its history does not explain
    again = copy.deepcopy(json.loads((folder / "again.json").read_text("utf-8")))
    assert again["format"] == "dockquiz-export"
    with sqlite3.connect(folder / "t.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_field_named_with_a_line_break_is_refused_in_one_line(capsys, tmp_path):
    """Found by the property above: the field's name went into the message as it was."""
    out = tmp_path / "a.json"
    assert run_cli(capsys, "export", str(out)).code == 0
    data = json.loads(out.read_text("utf-8"))
    data["\n"] = None
    out.write_text(json.dumps(data), "utf-8")
    result = run_cli(capsys, "import", str(out))
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1 and "^J" in result.err
