"""Properties of the grader over generated docker run command lines."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dockquiz.grading import grade
from dockquiz.grading.grammar import grammar
from dockquiz.grading.kinds import compare_commands
from dockquiz.grading.lexer import LexError
from dockquiz.grading.normalise import normalise
from dockquiz.grading.verdict import VERDICTS

BOOLS = ["-d", "-i", "-t", "--rm", "--init", "--privileged"]
VALUED = [
    ("--name", "web"),
    ("-p", "8080:80"),
    ("-e", "A=1"),
    ("-v", "/src:/dst"),
    ("-w", "/app"),
    ("--network", "host"),
    ("-e", "B=2"),
    ("-p", "443:443"),
]
IMAGES = ["nginx", "ubuntu:22.04", "pytorch/pytorch", "${IMAGE_NAME}", "<image>"]

option_lists = st.tuples(
    st.lists(st.sampled_from(BOOLS), unique=True, max_size=4),
    st.lists(st.sampled_from(VALUED), unique=True, max_size=4),
    st.sampled_from(IMAGES),
    st.sampled_from([[], ["bash"], ["ls", "-l"]]),
)


def _render(bools, valued, image, cmd, *, attach=False):
    words = ["docker", "run", *bools]
    for flag, value in valued:
        words += [f"{flag}={value}"] if attach and flag.startswith("--") else [flag, value]
    return " ".join([*words, image, *cmd])


@given(option_lists)
def test_expected_form_grades_exact(parts):
    expected = _render(*parts)
    assert grade(expected, expected).verdict == "exact"


@given(option_lists, st.randoms(use_true_random=False))
def test_permuting_options_keeps_equivalent(parts, rnd):
    bools, valued, image, cmd = parts
    expected = _render(bools, valued, image, cmd)
    units = [[b] for b in bools] + [[f, v] for f, v in valued]
    rnd.shuffle(units)
    typed = " ".join(["docker", "run", *[w for u in units for w in u], image, *cmd])
    assert grade(expected, typed).correct


@given(option_lists)
def test_bundling_short_flags_keeps_equivalent(parts):
    bools, valued, image, cmd = parts
    expected = _render(bools, valued, image, cmd)
    shorts = [b for b in bools if len(b) == 2]
    longs = [b for b in bools if len(b) > 2]
    bundle = ["-" + "".join(s[1] for s in shorts)] if shorts else []
    typed = _render(bundle + longs, valued, image, cmd, attach=True)
    assert grade(expected, typed).correct


unbundle_lists = st.tuples(  # two or more short switches, drawn as such (no filtering)
    st.lists(st.sampled_from([b for b in BOOLS if len(b) == 2]), unique=True, min_size=2),
    st.lists(st.sampled_from(VALUED), unique=True, max_size=4),
    st.sampled_from(IMAGES),
    st.sampled_from([[], ["bash"], ["ls", "-l"]]),
)


@given(unbundle_lists)
def test_unbundling_keeps_equivalent(parts):
    shorts, valued, image, cmd = parts
    expected = _render(["-" + "".join(s[1] for s in shorts)], valued, image, cmd)
    typed = _render(shorts, valued, image, cmd)
    assert grade(expected, typed).correct


@settings(max_examples=300)
@given(st.text(max_size=200), st.text(max_size=200), st.sampled_from(["command", "example", "option", "dockerfile", "compose"]))
def test_no_input_ever_raises(expected, typed, kind):
    result = grade(expected, typed, kind=kind, command="docker run")
    assert result.verdict in VERDICTS
    result.to_dict()


@settings(max_examples=200)
@given(st.text(alphabet="docker run-it '\"\\;&|${}<>[]=:ー－　ｄ\x00\x1b", max_size=80))
def test_shell_like_noise_never_raises(typed):
    # Internal entry point, no safety net: a bug here must show up as an exception.
    exp, typ = normalise("docker run -it --rm nginx"), normalise(typed)
    assume(typ)
    try:
        outcome, exact = compare_commands(exp, typ, grammar())
    except LexError:
        return  # unbalanced quotes: grade() reports them as an 'invalid' verdict
    assert outcome.total >= 1 and isinstance(exact, bool)  # every expected part was weighed


def test_huge_input_is_a_verdict():
    assert grade("docker ps", "docker ps " + "-a " * 100000).verdict == "invalid"


@given(st.text(alphabet="ab -=;&|\t\n\r#~.*()<>$\ue000\ue001'\"\\", max_size=30))
@settings(max_examples=500, deadline=None)
def test_the_lexer_splits_as_shlex_does(text):
    """The split of a line without quotes skips shlex; the words are shlex's all the same."""
    import shlex

    from dockquiz.grading.lexer import split_words

    lex = shlex.shlex(text, posix=True, punctuation_chars=";&|")
    lex.whitespace_split = True
    lex.commenters = ""
    try:
        want = list(lex)
    except ValueError:
        with pytest.raises(LexError):
            split_words(text)
        return
    assert split_words(text) == want


@given(st.text(alphabet="ab -=:/;&|\t\n\r\x0b\x0c\u3000\xa0#~.*()<>$ネ'\"\\", max_size=30))
@settings(max_examples=500, deadline=None)
def test_the_values_split_of_an_answer_is_shlexs(text):
    """An option's value (study shows it beside the prompt) is read from shlex's words; a text
    without quotes skips shlex, with the same words (full-width and other spaces stay in them)."""
    import shlex

    from dockquiz.grading.forms import _split

    try:
        want = shlex.split(text)
    except ValueError:
        want = text.split()
    assert _split(text) == want
