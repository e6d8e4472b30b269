"""bench/audit_judge.py: the pure parts a judge relies on (keys, folding answers, the figures)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

SPEC = importlib.util.spec_from_file_location("audit_judge", Path(__file__).parent.parent / "bench" / "audit_judge.py")
aj = importlib.util.module_from_spec(SPEC)
sys.modules["audit_judge"] = aj  # dataclasses look their module up
SPEC.loader.exec_module(aj)

FIELDS = {"file": "f", "kind": "command", "prompt_ja": "一覧", "prompt_en": "List", "answer": "docker ps", "line": 3}


def test_card_key_is_stable_hex_and_changes_with_every_field():
    key = aj.card_key(**FIELDS)
    assert key == aj.card_key(**FIELDS) and len(key) == 16 and int(key, 16) >= 0
    for name, other in {
        "file": "g",
        "kind": "example",
        "prompt_ja": "一覧 ",
        "prompt_en": "list",
        "answer": "docker ps -a",
        "line": 4,
    }.items():
        assert aj.card_key(**(FIELDS | {name: other})) != key, name


def test_card_key_does_not_run_fields_together():
    assert aj.card_key("f", "command", "ab", "c", "x", 1) != aj.card_key("f", "command", "a", "bc", "x", 1)


def test_line_hash_ignores_the_indent_not_the_text():
    assert aj.line_hash("  docker ps  ") == aj.line_hash("docker ps")
    assert aj.line_hash("docker ps") != aj.line_hash("docker ps -a")


@pytest.mark.parametrize(
    "text, japanese", [("List the pods", False), ("An option of `docker run`: 疑似ターミナル", True), ("Ｘ", True), ("", False)]
)
def test_japanese_in_english(text, japanese):
    assert aj.has_japanese(text) is japanese


def test_parse_answers():
    answers = aj.parse_answers(
        "# round 1\n3 right\n4 wrong answer_in_prompt\n5 wrong missing_value miss  # a value\n"
        "miss F2 17\nmiss F2 18 option x2\nsurveyed F2\nsurveyed all\n"
    )
    assert answers == [
        aj.Answer("verdict", "3", "right"),
        aj.Answer("verdict", "4", "wrong", "answer_in_prompt"),
        aj.Answer("verdict", "5", "wrong", "missing_value", miss=True),
        aj.Answer("miss", "F2", line=17),
        aj.Answer("miss", "F2", line=18, kind="option", count=2),
        aj.Answer("surveyed", "F2"),
        aj.Answer("surveyed", "all"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "3 wrong",
        "3 wrong nonsense",
        "3 right answer_in_prompt",
        "3 maybe",
        "miss F2",
        "miss F2 x",
        "4 wrong duplicate extra",
        "hello",
    ],
)
def test_parse_answers_refuses_with_the_line_number(line):
    with pytest.raises(aj.JudgeError, match="answers line 2"):
        aj.parse_answers("1 right\n" + line)


def state(cards, files=None, lines=None, claims=None):
    return {
        "cards": {str(n): list(c) for n, c in enumerate(cards, 1)},
        "files": files or {"F1": ["f", "fh"]},
        "lines": lines or {"f": [f"h{n}" for n in range(1, 21)]},
        "claims": claims or {},
    }


def test_fold_right_cards_make_items_and_misses_are_recorded_by_line():
    st = state([("f", "k1", 2, "command"), ("f", "k2", 2, "command"), ("f", "k3", 5, "option"), ("f", "k4", 7, "example")])
    answers = aj.parse_answers("1 right\n2 right\n3 wrong missing_value miss\n4 wrong duplicate\nmiss F1 9 x2\nsurveyed F1\n")
    before = aj.Judgements()
    after = aj.fold(before, st, answers)
    assert before.cards == {} and before.items == []  # folding leaves the old judgements alone
    assert after.cards[("f", "k1")] == aj.Verdict("right", "-", 2, True)
    assert after.cards[("f", "k3")] == aj.Verdict("wrong", "missing_value", 5, True)
    assert after.cards[("f", "k4")] == aj.Verdict("wrong", "duplicate", 7, False)
    assert sorted((i.line, i.kind, i.origin, i.linehash) for i in after.items) == [
        (2, "command", "card", "h2"),
        (2, "command", "card", "h2"),
        (5, "option", "miss", "h5"),
        (9, "command", "miss", "h9"),
        (9, "command", "miss", "h9"),
    ]
    assert after.surveyed == {"f": "fh"}


def test_fold_a_right_card_takes_a_free_item_of_its_line():
    old = aj.Judgements(items=[aj.Item("f", 4, "h4", "command", "miss"), aj.Item("f", 6, "h6", "command", "card")])
    # line 4: a miss recorded earlier, now found; line 6: the item belongs to a card still there (claimed)
    st = state([("f", "new4", 4, "command"), ("f", "new6", 6, "command")], claims={"f": {"6": 1}})
    after = aj.fold(old, st, aj.parse_answers("1 right\n2 right\n"))
    assert sorted(i.line for i in after.items) == [4, 6, 6]


def test_fold_refuses_unknown_numbers_lines_and_second_verdicts():
    st = state([("f", "k1", 2, "command")])
    with pytest.raises(aj.JudgeError, match="no card #2"):
        aj.fold(aj.Judgements(), st, aj.parse_answers("2 right"))
    with pytest.raises(aj.JudgeError, match="no line 99"):
        aj.fold(aj.Judgements(), st, aj.parse_answers("miss F1 99"))
    with pytest.raises(aj.JudgeError, match="no file F7"):
        aj.fold(aj.Judgements(), st, aj.parse_answers("surveyed F7"))
    judged = aj.fold(aj.Judgements(), st, aj.parse_answers("1 right"))
    with pytest.raises(aj.JudgeError, match="already judged right"):
        aj.fold(judged, st, aj.parse_answers("1 wrong duplicate"))
    assert aj.fold(judged, st, aj.parse_answers("1 right")).items == judged.items  # the same verdict again adds nothing


def test_dump_and_load_round_trip_sorted(tmp_path):
    j = aj.Judgements(
        cards={("b", "k2"): aj.Verdict("wrong", "duplicate", 3), ("a", "k1"): aj.Verdict("right", "-", 1, True)},
        items=[aj.Item("b", 3, "hh", "option", "miss"), aj.Item("a", 1, "h1", "command", "card")],
        surveyed={"a": "fa"},
    )
    path = tmp_path / "j.tsv"
    path.write_text(aj.dump(j))
    text = path.read_text()
    assert text.index("\ta\tk1\t") < text.index("\tb\tk2\t")
    back = aj.load([path])
    assert back.cards == j.cards and sorted(back.items, key=str) == sorted(j.items, key=str) and back.surveyed == j.surveyed
    assert aj.dump(back) == text
    path.write_text("card\ta\tk1\tmaybe\t-\t1\t-\n")
    with pytest.raises(aj.JudgeError, match="j.tsv:1"):
        aj.load([path])


def notes_file(cards, text="x\n" * 12, id="f", split="dev"):
    return aj.NotesFile(split, id, Path(f"{id}.md"), text, [aj.Card(id, k, line, ja, en, ans) for k, line, ja, en, ans in cards])


def test_figures_match_items_and_right_cards_line_by_line():
    f = notes_file(
        [
            ("command", 2, "一覧", "List containers", "docker ps"),
            ("command", 2, "全部", "List all containers", "docker ps -a"),
            ("option", 5, "-d", "Detach: 背景", "-d"),
            ("command", 8, "ログ", "Show logs", "docker logs"),  # right, but no item recorded on its line
            ("command", 9, "x", "", "x"),  # not judged
        ]
    )
    cards = {c.key: c for c in f.cards}
    keys = list(cards)
    j = aj.Judgements(
        cards={
            ("f", keys[0]): aj.Verdict("right", "-", 2, True),
            ("f", keys[1]): aj.Verdict("right", "-", 2, True),
            ("f", keys[2]): aj.Verdict("wrong", "japanese_in_en", 5, True),
            ("f", keys[3]): aj.Verdict("right", "-", 8, True),
        },
        items=[
            aj.Item("f", 2, "", "command", "card"),
            aj.Item("f", 5, "", "option", "miss"),
            aj.Item("f", 11, "", "command", "miss"),
        ],
        surveyed={"f": aj.file_hash(f.text)},
    )
    empty = notes_file([], id="g")  # described commands, no card
    j.items.append(aj.Item("g", 1, "", "command", "miss"))
    figs = aj.figures([f, empty], j)
    g = figs["dev"]
    assert (g.files, g.cards, g.judged, g.right) == (2, 5, 4, 3)
    assert g.precision == pytest.approx(3 / 4)
    assert (g.expected, g.found) == (4, 1)  # line 2: one item, two right cards -> 1 found
    assert g.recall == pytest.approx(1 / 4)
    assert (g.zero_card_files, g.no_card_files, g.unsurveyed) == (1, 1, 1)
    assert (g.en_with_japanese, g.empty_en, g.right_off_items) == (1, 1, 2)
    assert g.codes == {"japanese_in_en": 1}
    assert vars(figs["all"]) == vars(g)


def test_figures_per_split_add_up():
    a, b = notes_file([("command", 1, "p", "P", "a")], id="a"), notes_file([("command", 1, "q", "Q", "b")], id="b", split="blind")
    j = aj.Judgements(
        cards={("a", a.cards[0].key): aj.Verdict("right", "-", 1, True)}, items=[aj.Item("a", 1, "", "command", "card")]
    )
    figs = aj.figures([a, b], j)
    assert set(figs) == {"dev", "blind", "all"}
    assert (figs["dev"].recall, figs["blind"].precision, figs["blind"].recall) == (1.0, None, None)
    assert (figs["all"].cards, figs["all"].right, figs["all"].expected) == (2, 1, 1)


def test_todo_lists_only_what_is_not_judged_and_stale_items():
    f = notes_file([("command", 2, "a", "A", "a"), ("command", 3, "b", "B", "b")], text="one\ntwo\nthree\n")
    j = aj.Judgements(
        cards={("f", f.cards[0].key): aj.Verdict("right", "-", 2, True)},
        items=[aj.Item("f", 2, aj.line_hash("two"), "command", "card"), aj.Item("f", 3, aj.line_hash("old"), "command", "miss")],
        surveyed={"f": aj.file_hash(f.text)},
    )
    t = aj.todo([f], j)
    assert t.cards == [f.cards[1]] and t.surveys == [] and [i.line for i in t.stale] == [3]
    assert t.claims == {"f": {2: 1}}
    assert aj.line_marks(f, j) == {2: "R", 3: "?M"}  # M: an item no right card finds
    assert aj.todo([f], j, only="zzz").cards == []
    f.text += "four\n"  # the notes changed: survey again
    assert aj.todo([f], j).surveys == [f]


def test_cli_todo_fold_figures(tmp_path, capsys):
    corpus = tmp_path / "dev"
    corpus.mkdir()
    (corpus / "mine.md").write_text(
        "## コンテナ一覧\n\n```\ndocker ps\n```\n\n## イメージ一覧\n\n```\ndocker images\n```\n", encoding="utf-8"
    )
    judgements = tmp_path / "dev.tsv"
    assert aj.main(["--todo", str(corpus), "-j", str(judgements)]) == 0
    state = json.loads((tmp_path / "dev.tsv.todo.json").read_text())
    assert state["cards"] and "docker" not in json.dumps(state)  # numbers and hashes, no notes text
    answers = tmp_path / "answers.txt"
    answers.write_text("".join(f"{n} right\n" for n in state["cards"]) + "miss F1 1\nsurveyed all\n")
    assert aj.main(["--fold", str(answers), "-j", str(judgements)]) == 0
    assert "docker" not in judgements.read_text()
    assert aj.main(["--fold", str(answers), "-j", str(judgements)]) == 2  # a todo is folded once
    capsys.readouterr()
    assert aj.main(["--figures", str(corpus), "-j", str(judgements)]) == 0
    out = capsys.readouterr().out
    n = len(state["cards"])
    assert f"| dev | 1 | {n} | {n} | {n} | 100.0% | {n + 1} | {n} |" in out
    assert aj.main(["--figures", str(tmp_path / "nowhere"), "-j", str(judgements)]) == 2
