"""The section mastery table in the terminal: at most 20 sections, the weakest studied first,
then a line saying how many are not shown; ``stats --all`` lists every one, ``--json`` stays whole."""

import io
from datetime import datetime, timedelta, timezone

import pytest
from helpers import JST, run_cli
from sqlalchemy import select

from dockquiz.progress import compute
from dockquiz.progress.report import SECTIONS_SHOWN, shown_sections
from dockquiz.storage import repo
from dockquiz.storage.models import Card, CardState, Review

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=JST)


def _row(name, mastery):
    return {"deck": "d", "section": ["top", name], "cards": 1, "mastery": mastery}


def test_a_small_deck_is_shown_whole_in_notes_order():
    rows = [_row(f"s{i}", m) for i, m in enumerate([0.5, 0.0, 0.9, 0.1] * 5)]  # 20 sections
    assert shown_sections(rows) == (rows, 0)


def test_the_weakest_studied_sections_come_first_ties_in_notes_order_then_the_rest():
    masteries = [0.0, 0.7, 0.2, 0.0, 0.2, 0.95, 0.0, 0.4] + [0.0] * 17  # 25 sections, 5 studied
    rows = [_row(f"s{i}", m) for i, m in enumerate(masteries)]
    shown, hidden = shown_sections(rows)
    names = [r["section"][-1] for r in shown]
    assert hidden == 5 and len(shown) == SECTIONS_SHOWN == 20
    # studied by mastery (s2 before s4: the same mastery, s2 first in the notes), then the
    # unstudied in notes order until 20
    assert names[:5] == ["s2", "s4", "s7", "s1", "s5"]
    assert names[5:] == [f"s{i}" for i in [0, 3, 6] + list(range(8, 20))]


def test_more_studied_sections_than_shown_keeps_the_20_weakest():
    masteries = [round(1 - i / 40, 4) for i in range(30)]  # 30 studied, the later the weaker
    rows = [_row(f"s{i}", m) for i, m in enumerate(masteries)]
    shown, hidden = shown_sections(rows)
    assert hidden == 10 and [r["section"][-1] for r in shown] == [f"s{i}" for i in range(29, 9, -1)]


SECTIONS = 25
ODD = "[bold]太字[/bold] :smile: ${NAME}"  # note text that rich would read as markup or emoji


def _notes(tmp_path):
    lines = ["# 練習"]
    for i in range(SECTIONS):
        title = ODD if i == 3 else f"節 {i:02d}"
        lines += ["", f"## {title}", "", f"- `kubectl get pods -n ns{i:02d}`"]
    path = tmp_path / "many-sections.md"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.fixture
def many(tmp_path, monkeypatch):
    """A deck of 25 one-card sections, three of them studied (sections 10, 3 and 20: the
    weakest first); the clock frozen at NOW so the CLI and the test see the same figures."""
    from dockquiz.importing import import_notes
    from dockquiz.storage.db import open_database

    monkeypatch.setenv("DOCKQUIZ_NOW", NOW.isoformat())
    db = open_database()
    import_notes(db, _notes(tmp_path), now=NOW)
    with db.session() as s:
        repo.profile(s, NOW)
        ids = s.scalars(select(Card.id).order_by(Card.ordinal)).all()
        assert len(ids) == SECTIONS
        for i, stability in ((10, 0.5), (3, 5.0), (20, 50.0)):
            last = (NOW - timedelta(days=1)).astimezone(timezone.utc)
            s.add(CardState(profile_id=1, card_id=ids[i], state=2, step=None, stability=stability, difficulty=5.0,
                            due=last + timedelta(days=3), last_review=last, reps=1, lapses=0))  # fmt: skip
            s.add(Review(profile_id=1, card_id=ids[i], reviewed_at=last, typed="x", verdict="exact", rating=3,
                         duration_ms=1000, state_before=None, prior_state=None, state_after={"state": 2}))  # fmt: skip
    return db


def _section_lines(text):
    """The section rows, without the panel's borders and padding (the terminal's width)."""
    return [" ".join(line.strip("│ ").split()) for line in text.splitlines() if "節 " in line or "太字" in line]


def _flat(text):
    """The output as one line of words, borders left out: what a wrapped line says."""
    return " ".join(line.strip("│ ") for line in text.splitlines()).split()


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", ("5 more sections not shown", "dockquiz stats --all", "25")),
        ("ja", ("ほか 5 セクション", "dockquiz stats --all", "25")),
    ],
)
def test_stats_shows_20_sections_and_says_how_to_see_all(many, capsys, lang, words):
    from rich.console import Console

    from dockquiz.i18n import T
    from dockquiz.progress.report import render

    with many.session() as s:
        data = compute(s, profile_id=1, now=NOW.astimezone(timezone.utc), tz=JST)
    assert len(data["sections"]) == SECTIONS
    buf = io.StringIO()
    render(Console(file=buf, width=120, no_color=True, color_system=None), T(lang), data)
    text = buf.getvalue()
    rows = _section_lines(text)
    assert len(rows) == SECTIONS_SHOWN
    # the studied ones first, weakest first; the section's heading as written in the notes
    assert "節 10" in rows[0] and ODD in rows[1] and "節 20" in rows[2]
    assert [r.split("›")[1].split()[1] for r in rows[3:]] == [f"{i:02d}" for i in range(SECTIONS) if i not in (3, 10, 20)][:17]
    footer = next(line for line in text.splitlines() if words[1] in line)
    assert all(w in footer for w in words)
    assert ODD in text and "太字" not in text.replace(ODD, "")  # literally, once

    shown = run_cli(capsys, "--lang", lang, "stats")
    assert shown.code == 0 and _section_lines(shown.out) == _section_lines(text)
    assert " ".join(_flat(footer)) in " ".join(_flat(shown.out))
    every = run_cli(capsys, "--lang", lang, "stats", "--all")
    assert every.code == 0 and len(_section_lines(every.out)) == SECTIONS and "--all" not in every.out
    # --all: notes order, as a small deck's
    assert ODD in _section_lines(every.out)[3] and "節 24" in _section_lines(every.out)[-1]


def test_json_stays_complete_and_all_is_in_the_help(many, capsys):
    data = run_cli(capsys, "stats", "--json").json()
    assert len(data["sections"]) == SECTIONS and data["sections"][3]["section"][-1] == ODD
    assert run_cli(capsys, "stats", "--json", "--all").json()["sections"] == data["sections"]
    for lang, words in (("en", "every section"), ("ja", "すべてのセクション")):
        with pytest.raises(SystemExit):
            run_cli(capsys, "--lang", lang, "stats", "--help")
        out = " ".join(capsys.readouterr().out.split())  # argparse wraps the help
        assert "--all" in out and words in out
