"""FSRS fitted to the learner: training items, the fit on a simulated learner, the command."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from dockquiz.scheduling import optimize
from tests.conftest import SAMPLE_NOTES
from tests.helpers import run_cli
from tests.simulated import history, true_parameters

UTC = timezone.utc
T0 = datetime(2026, 1, 5, 10, tzinfo=UTC)


def test_items_keep_the_first_rating_of_each_day_and_leave_out_cut_histories():
    rows = [
        (1, T0, 1, None),
        (1, T0 + timedelta(minutes=10), 3, 1),  # same day: the first counts
        (1, T0 + timedelta(days=2), 3, 2),
        (1, T0 + timedelta(days=9), 1, 2),
        (2, T0 + timedelta(days=1), 3, 2),
        (2, T0 + timedelta(days=4), 3, 2),
    ]  # card 2: cut by a reset
    items, used = optimize.build_items(rows, UTC)
    assert used == 3
    assert [item.reviews for item in items] == [((1, 0), (3, 2)), ((1, 0), (3, 2), (1, 7))]


def test_a_fit_on_a_simulated_learner_predicts_their_held_out_reviews_better_than_the_defaults():
    items, used = optimize.build_items(history(true_parameters()), UTC)
    fitted = optimize.optimize(items, used, optimize.default_parameters())
    assert fitted.better and fitted.new.log_loss < fitted.old.log_loss - 0.005
    assert fitted.new.rmse_bins < fitted.old.rmse_bins
    again = optimize.optimize(items, used, optimize.default_parameters())
    assert again == fitted  # fixed seeds
    # the truth predicts its own reviews at least as well as the fit
    truth = optimize.evaluate(true_parameters(), items[int(len(items) * 0.8) :])
    assert truth.log_loss <= fitted.new.log_loss + 0.01


def test_stored_sets_are_checked():
    from dockquiz.errors import UsageError
    from dockquiz.settings import ProfileSettings

    good = {"parameters": optimize.default_parameters()}
    assert optimize.stored(ProfileSettings.from_dict({"fsrs": good})) == good
    assert optimize.stored(ProfileSettings.from_dict({})) is None
    for bad in ({"parameters": [1.0] * 5}, {"parameters": ["x"] * 21}, "junk", {"parameters": [float("nan")] * 21}):
        with pytest.raises(UsageError) as said:
            optimize.stored(ProfileSettings.from_dict({"fsrs": bad}))
        assert said.value.key == "error.fsrs_damaged"
    with pytest.raises(UsageError) as said:
        optimize.scheduling_of(ProfileSettings.from_dict({"desired_retention": 1.5}))
    assert said.value.key == "error.setting_damaged" and said.value.params == {"name": "retention", "value": "1.5"}


def _load_history(db_path, rows) -> None:
    """A simulated year written into the review log of the sample deck's cards."""
    with sqlite3.connect(db_path) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM card ORDER BY id")]
        profile = conn.execute("SELECT id FROM profile").fetchone()[0]
        conn.executemany(
            "INSERT INTO review (profile_id, card_id, reviewed_at, typed, verdict, rating, duration_ms,"
            " state_before, state_after, prior_state) VALUES (?, ?, ?, '', 'exact', ?, 1000, NULL, '{}', ?)",
            [
                (
                    profile,
                    ids[(card - 1) % len(ids)] if card <= len(ids) else None,
                    at.replace(tzinfo=None).isoformat(" "),
                    rating,
                    prior,
                )
                for card, at, rating, prior in rows
                if card <= len(ids)
            ],
        )


@pytest.fixture
def learner(capsys, monkeypatch, tmp_path):
    import subprocess
    import sys

    from tests.conftest import FIXTURES

    monkeypatch.setenv("DOCKQUIZ_NOW", "2026-01-01T09:00:00+09:00")
    notes = tmp_path / "big.md"  # a deck of a few hundred cards
    notes.write_text(
        subprocess.run(
            [sys.executable, str(FIXTURES.parent.parent / "bench" / "generate.py"), "400"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout,
        "utf-8",
    )
    assert run_cli(capsys, "import", str(SAMPLE_NOTES)).code == 0
    assert run_cli(capsys, "import", str(notes)).code == 0
    assert run_cli(capsys, "config", "new", "20").code == 0  # makes the profile
    return tmp_path / "test.db"


@pytest.mark.slow
def test_too_little_history_says_how_much_more_and_changes_nothing(capsys, learner):
    result = run_cli(capsys, "optimize", "--json")
    assert result.code == 0 and result.json() == {"fitted": False, "answers": 0, "reviews": 0, "needed": optimize.MIN_REVIEWS}
    said = run_cli(capsys, "optimize").out
    assert f"{optimize.MIN_REVIEWS} more" in " ".join(said.split()), said


@pytest.mark.slow
def test_optimize_says_what_it_counts_beside_every_answer(capsys, learner):
    """Three answers to one card on one day count once for FSRS: both figures are said."""
    day = datetime(2026, 11, 20, 1, 0, tzinfo=timezone.utc)
    _load_history(learner, [(1, day, 1, None), (1, day + timedelta(minutes=1), 1, 1), (1, day + timedelta(minutes=11), 3, 1)])
    result = run_cli(capsys, "optimize", "--json").json()
    assert (result["answers"], result["reviews"]) == (3, 1)
    said = " ".join(run_cli(capsys, "--lang", "en", "optimize").out.split())
    assert "of your 3 answers, 1 count" in said, said


@pytest.mark.slow
def test_optimize_keeps_a_better_fit_and_study_and_stats_use_it(capsys, monkeypatch, learner):
    _load_history(learner, history(true_parameters(), cards=400, days=365, seed=5))
    dry = run_cli(capsys, "optimize", "--dry-run", "--json").json()
    assert dry["fitted"] and not dry["kept"]
    assert not run_cli(capsys, "stats", "--json").json()["fsrs"]["fitted"]
    result = run_cli(capsys, "optimize", "--json").json()
    assert result["kept"] and result["log_loss"]["fitted"] < result["log_loss"]["current"]
    stats = run_cli(capsys, "stats", "--json").json()["fsrs"]
    assert stats["fitted"] and stats["parameters"] == pytest.approx(result["parameters"], abs=1e-5)
    from dockquiz.clock import from_env
    from dockquiz.storage.db import open_database
    from dockquiz.study.session import StudySession

    session = StudySession(open_database(), from_env())
    assert session.scheduler.parameters == pytest.approx(tuple(result["parameters"]), abs=1e-5)
    assert run_cli(capsys, "optimize", "--reset").code == 0
    assert not run_cli(capsys, "stats", "--json").json()["fsrs"]["fitted"]


@pytest.mark.slow
def test_retention_is_checked_and_a_damaged_set_is_one_line(capsys, learner):
    for bad in ("0.5", "0.99", "x"):
        result = run_cli(capsys, "config", "retention", bad)
        assert result.code == 2 and "0.7" in result.err
    assert run_cli(capsys, "config", "retention", "0.85").code == 0
    assert run_cli(capsys, "stats", "--json").json()["fsrs"]["desired_retention"] == 0.85
    with sqlite3.connect(learner) as conn:
        conn.execute("""UPDATE profile SET settings = json_set(settings, '$.fsrs', json('{"parameters": [1, 2]}'))""")
    for command in (("stats",), ("optimize",), ("study", "--plain")):
        result = run_cli(capsys, *command)
        assert result.code == 2 and "--reset" in result.err and len(result.err.strip().splitlines()) == 1


@pytest.mark.slow
def test_workload_gives_minutes_and_cards_per_day_and_the_least_work(capsys, learner):
    data = run_cli(capsys, "optimize", "--workload", "--json").json()
    assert [r["retention"] for r in data["rows"]] == [round(0.75 + 0.02 * i, 2) for i in range(12)]
    assert data["best"] == min(data["rows"], key=lambda r: r["minutes_per_day"])["retention"]
    assert data["rows"][-1]["cards_per_day"] > data["rows"][0]["cards_per_day"]  # 0.97 costs more reviews
    shown = run_cli(capsys, "optimize", "--workload").out
    assert "█" in shown and "config retention" in shown


@pytest.mark.slow
def test_study_offers_to_optimize_after_enough_new_reviews(capsys, monkeypatch, learner):
    import io
    import sys

    _load_history(learner, history(true_parameters(), cards=400, days=365, seed=5))
    monkeypatch.setattr(sys, "stdin", io.StringIO("docker pull ${IMAGE_NAME}\n\n"))
    result = run_cli(capsys, "study", "--plain")
    assert "dockquiz optimize" in result.out
    monkeypatch.setattr(sys, "stdin", io.StringIO("docker pull ${IMAGE_NAME}\n\n"))
    assert run_cli(capsys, "optimize").code == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("docker search x\n\n"))
    assert "dockquiz optimize" not in run_cli(capsys, "study", "--plain").out


@pytest.mark.slow
def test_the_refit_suggestion_comes_after_the_configured_number_of_reviews(capsys, monkeypatch, learner):
    import io
    import sys

    assert run_cli(capsys, "config", "refit", "2").code == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("docker pull ${IMAGE_NAME}\n\n"))
    assert "dockquiz optimize" not in run_cli(capsys, "study", "--plain").out  # 1 review so far
    monkeypatch.setattr(sys, "stdin", io.StringIO("docker search x\n\n"))
    assert "dockquiz optimize" in run_cli(capsys, "study", "--plain").out  # 2
    assert run_cli(capsys, "config", "refit", "0").code == 2


def test_least_work_at_the_lowest_retention_tried_is_advised_as_a_floor_not_a_target():
    """FSRS's minimum-workload retention is a lower bound: at the low edge of the range tried
    the advice does not send the learner to that edge (choose at or above it, 0.85-0.95)."""
    from functools import partial

    from dockquiz.i18n import translate
    from dockquiz.progress.fitting import Workload

    edge = Workload(100, 0.9, [(0.75, 10.0, 30.0), (0.77, 10.5, 31.0), (0.79, 11.0, 33.0)])
    inside = Workload(100, 0.9, [(0.75, 12.0, 30.0), (0.77, 10.5, 31.0), (0.79, 11.0, 33.0)])
    assert edge.advice() == ("optimize.workload_edge", {"best": 0.75})
    assert inside.advice() == ("optimize.workload_hint", {"best": 0.77})
    for lang in ("en", "ja"):
        key, params = edge.advice()
        text = translate(key, lang, **params)
        assert "retention 0.75" not in text and "0.85" in text and "0.95" in text
        assert "retention 0.77" in partial(translate, lang=lang)(*inside.advice()[:1], **inside.advice()[1])
