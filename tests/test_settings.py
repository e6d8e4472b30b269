"""A profile's settings, typed (dockquiz.settings): parsed from what the database holds, checked
where they are read, written back as they were; a damaged value is one line, never a traceback."""

import json
import sqlite3

import pytest
from helpers import run_cli

from dockquiz.errors import UsageError
from dockquiz.settings import DEFAULT_KEEP, DEFAULT_NEW_PER_DAY, DESIRED_RETENTION, ProfileSettings, parse_config

FITTED = {"parameters": [0.5] * 21, "fitted_at": "2026-11-28T09:00:00+09:00", "reviews": 500, "deck": None}


def test_nothing_stored_is_every_default_and_writes_nothing():
    for raw in (None, {}, "not a dict", [1, 2]):
        settings = ProfileSettings.from_dict(raw)
        assert (settings.new_per_day, settings.backups, settings.desired_retention) == (
            DEFAULT_NEW_PER_DAY,
            DEFAULT_KEEP,
            DESIRED_RETENTION,
        )
        assert settings.fsrs is None and dict(settings.fsrs_decks) == {} and settings.to_dict() == {}


def test_what_is_stored_reads_and_writes_back_the_same():
    raw = {
        "new_per_day": 0,
        "backups": 999,
        "desired_retention": 0.85,
        "optimize_every": 1,
        "fsrs": FITTED,
        "fsrs_decks": {"git": FITTED},
        "from_a_newer_dockquiz": {"x": [1]},
    }
    settings = ProfileSettings.from_dict(json.loads(json.dumps(raw)))
    assert (settings.new_per_day, settings.backups, settings.desired_retention, settings.optimize_every) == (0, 999, 0.85, 1)
    assert settings.fitted_for() == FITTED and settings.fitted_for("git") == FITTED and settings.fitted_for("other") == FITTED
    assert settings.to_dict() == raw
    assert ProfileSettings.from_dict(settings.to_dict()) == settings


@pytest.mark.parametrize(
    ("key", "value", "config"),
    [
        ("new_per_day", -1, "new"),
        ("new_per_day", 10_000, "new"),
        ("new_per_day", "20", "new"),
        ("new_per_day", True, "new"),
        ("backups", 0, "backups"),
        ("backups", 2.5, "backups"),
        ("desired_retention", 0.99, "retention"),
        ("desired_retention", None, "retention"),
        ("optimize_every", {"n": 1}, "refit"),
    ],
)
def test_a_damaged_value_is_kept_as_it_was_and_said_in_one_line_where_it_is_read(key, value, config):
    raw = {key: value, "backups": 3} if key != "backups" else {key: value}
    settings = ProfileSettings.from_dict(raw)
    assert settings.to_dict() == raw  # nothing lost by reading it
    with pytest.raises(UsageError) as said:
        settings.check(key)
    assert said.value.key == "error.setting_damaged" and said.value.params["name"] == config
    assert settings.check("fsrs") is settings  # another setting still reads
    assert settings.config_value(config) == value  # config shows what is stored
    repaired = settings.set(
        **{key: parse_config(config, {"new": "5", "backups": "5", "retention": "0.8", "refit": "5"}[config])[1]}
    )
    assert repaired.check() is repaired and key not in repaired.damaged


@pytest.mark.parametrize(
    "bad", [{"parameters": [1.0] * 5}, {"parameters": ["x"] * 21}, "junk", {"parameters": [float("inf")] * 21}]
)
def test_a_damaged_fitted_set_says_optimize_reset(bad):
    settings = ProfileSettings.from_dict({"fsrs": bad, "fsrs_decks": {"git": bad}})
    for deck in (None, "git"):
        with pytest.raises(UsageError) as said:
            settings.fitted_for(deck)
        assert said.value.key == "error.fsrs_damaged"
    assert settings.without("fsrs").with_deck_set("git", None).check().to_dict() == {"fsrs_decks": {}}


def test_config_text_is_parsed_as_the_setting_takes_it():
    from dockquiz.settings import CONFIG_KEYS
    from dockquiz.vocabulary import SETTINGS

    assert tuple(CONFIG_KEYS) == SETTINGS  # the parser's choices
    assert parse_config("new", "0") == ("new_per_day", 0)
    assert parse_config("retention", "0.85") == ("desired_retention", 0.85)
    for key, text in (("new", "lots"), ("new", "-1"), ("new", "²"), ("backups", "0"), ("retention", "nan"), ("refit", "1.5")):
        with pytest.raises(UsageError) as said:
            parse_config(key, text)
        assert said.value.params == {"value": text}


def _damage(db, **values) -> None:
    with sqlite3.connect(db) as conn:
        for key, value in values.items():
            conn.execute("UPDATE profile SET settings = json_set(settings, ?, json(?))", (f"$.{key}", json.dumps(value)))


def test_a_value_damaged_in_the_database_is_one_line_for_each_command_that_reads_it(capsys, tmp_path, monkeypatch):
    db = tmp_path / "test.db"
    assert run_cli(capsys, "config", "new", "3").code == 0
    _damage(db, new_per_day="many", desired_retention=7)
    for command in (("study", "--plain"), ("stats",), ("optimize", "--workload")):
        result = run_cli(capsys, "--lang", "en", *command)
        assert result.code == 2 and len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err, result.err
        assert "dockquiz config" in result.err
    listed = run_cli(capsys, "config").out
    assert "new = many" in listed and "retention = 7" in listed
    # each is set again without the other in the way
    assert run_cli(capsys, "config", "retention", "0.8").code == 0
    assert run_cli(capsys, "config", "new", "4").code == 0
    assert run_cli(capsys, "stats", "--json").json()["fsrs"]["desired_retention"] == 0.8


def test_each_profile_keeps_its_own_number_of_backups(capsys, tmp_path):
    from dockquiz.storage.backup import keep_setting

    db = tmp_path / "test.db"
    assert run_cli(capsys, "--profile", "aiko", "config", "backups", "3").code == 0
    assert run_cli(capsys, "--profile", "ben", "config", "backups", "7").code == 0
    assert (keep_setting(db, "aiko"), keep_setting(db, "ben"), keep_setting(db, "carl")) == (3, 7, DEFAULT_KEEP)
    # --profile is one command's: the next command in the same process is not aiko's
    assert run_cli(capsys, "--profile", "aiko", "config", "backups").out.strip() == "backups = 3"
    assert run_cli(capsys, "--profile", "ben", "config", "backups").out.strip() == "backups = 7"


def test_a_pasted_page_given_as_a_value_is_quoted_short_in_the_one_line_error(capsys):
    from helpers import run_cli

    result = run_cli(capsys, "--lang", "en", "config", "new", "\x1b]52;c;" + "x" * 20000)
    assert result.code == 2 and result.err.count("\n") == 1
    assert len(result.err) < 400 and "^[]52;c;xxx" in result.err and "…" in result.err
    garbage = run_cli(capsys, "--lang", "en", "study", "--new", "y" * 20000)  # argparse's own message
    assert garbage.code == 2 and len(garbage.err) < 400 and "yyy…" in garbage.err
