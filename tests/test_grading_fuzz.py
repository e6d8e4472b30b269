"""grade() returns a verdict for any input, and never through its fallback (which would
mean the grammar-guided comparison raised): command lines built from every program's
grammar, with placeholders, quotes, full-width and control characters, and unknown kinds."""

import random

import pytest
from fuzzing import all_paths, pair
from hypothesis import given, settings
from hypothesis import strategies as st

from dockquiz import grading
from dockquiz.grading import grade
from dockquiz.grading.grammar import grammar
from dockquiz.grading.verdict import VERDICTS

# One grammar for the whole module: a test elsewhere that clears grammar()'s cache (a learned
# program in a temp folder) must not hand hypothesis a cold grammar between its examples.
GRAMMAR = grammar()
PATHS = all_paths(GRAMMAR)


@pytest.mark.slow
@settings(max_examples=600, deadline=None)
@given(st.randoms(use_true_random=False))
def test_grade_never_raises_on_command_lines_from_the_grammar(rnd):
    before = len(grading.FALLBACKS)
    expected, typed, kind, command = pair(rnd, GRAMMAR, PATHS)
    verdict = grade(expected, typed, kind=kind, command=command)
    assert verdict.verdict in VERDICTS
    verdict.to_dict()
    assert len(grading.FALLBACKS) == before, (expected, typed, kind, command, grading.FALLBACKS[-1:])


def test_every_command_path_grades_against_itself_and_a_sibling():
    rnd = random.Random(7)
    for path in PATHS:
        line = " ".join(path)
        assert grade(line, line).verdict == "exact", line
        grade(line, " ".join(rnd.choice(PATHS)))
    assert not grading.FALLBACKS


def test_the_seen_crashes():
    cases = [
        ("docker context use ${NAME}", "docker context use prod", "command", "exact"),
        ("docker update --restart=always web", "docker update --restart always web", "command", "equivalent"),
        ("docker foo bar ${X}", "docker foo bar baz", "command", "equivalent"),
        ("docker serach nginx", "docker serach nginx", "command", "exact"),
        (" build ;", "build x", "compose", None),
        ("docker ps [/x]", "docker ps", "command", None),
        ("gcloーud pubsub topics create --format true", "gcloud run services replace --quiet", "command", None),
    ]
    for expected, typed, kind, want in cases:
        verdict = grade(expected, typed, kind=kind)
        assert want is None or verdict.verdict == want, (expected, typed, verdict.to_dict())
    assert grade("--branches", "--textconv x", kind="option", command="git show").verdict == "wrong"  # an argument of git show
    unknown = grade("docker foo bar ${X}", "docker foo bar baz")
    assert [d.kind for d in unknown.differences] == ["unknown_command"]
    assert not grading.FALLBACKS
