"""Differential test: the grader against gcloud itself (tests/gcloud_judge.py: gcloud's APIs
sent to a recording fake on loopback, a fake access token). Pairs are made from real command
lines (fixtures/gcloud/lines.txt: the EXAMPLES of gcloud's own help, learners' notes) by the
option mutations of tests/kubectl_pairs.py; fixtures/gcloud/judged.json holds a sample of
them with gcloud's verdicts (written by ``bench/judge_gcloud.py --sample``). The grader is
held to those verdicts everywhere; where gcloud is installed, a few are judged again live
(gcloud takes a second or more a run). bench/judge_gcloud.py runs hundreds."""

import json
import random
import shlex
from pathlib import Path

import pytest
from gcloud_judge import Judge, available, lines, runnable
from kubectl_pairs import usable

from dockquiz import grading
from dockquiz.grading import grade

HERE = Path(__file__).parent
RECORDED = json.loads((HERE / "fixtures" / "gcloud" / "judged.json").read_text("utf-8"))
# Live re-judging needs gcloud itself; the recorded verdicts are checked everywhere, and this
# machine and CI have gcloud, so nothing is skipped there.
live = pytest.mark.skipif(not available(), reason="needs gcloud")


@pytest.fixture(scope="module")
def judge():
    with Judge(runs=1) as j:
        yield j


def test_the_lines_are_real_and_runnable():
    source = [ln for ln in lines() if usable(ln, "gcloud") and runnable(shlex.split(ln))]
    assert len(source) >= 300
    assert not runnable(["gcloud", "components", "install", "kubectl"])
    assert not runnable(["gcloud", "compute", "ssh", "web"]) and not runnable(["gcloud", "auth", "login"])
    assert runnable(["gcloud", "compute", "instances", "list"])


def test_grading_agrees_with_gclouds_recorded_verdicts():
    before = len(grading.FALLBACKS)
    wrong = []
    for row in RECORDED:
        verdict = grade(row["original"], row["variant"])
        if verdict.correct != row["same"]:
            wrong.append((row["mutation"], row["original"], row["variant"], row["same"], verdict.verdict))
    assert len(RECORDED) >= 100
    assert len({r["mutation"] for r in RECORDED}) >= 8
    assert sum(r["same"] for r in RECORDED) >= 30 and sum(not r["same"] for r in RECORDED) >= 30
    false_accepts = [w for w in wrong if not w[3]]
    assert not false_accepts, false_accepts
    assert len(wrong) <= len(RECORDED) // 50, wrong
    assert len(grading.FALLBACKS) == before


CREATE = "gcloud container clusters create c1 --num-nodes 1 --zone us-central1-a --async"
# Pairs gcloud decided (the judge, run by hand and by bench/judge_gcloud.py) on what its parser
# reads and its SYNOPSIS shows only in part.
DECIDED = [
    (CREATE, CREATE.replace("--zone us-central1-a", "--zone=us-central1-a"), True),
    (CREATE, "gcloud --zone us-central1-a container clusters create c1 --num-nodes 1 --async", False),  # not before the path
    (CREATE + " --project p2", CREATE.replace("gcloud", "gcloud --project p2"), True),  # a global flag anywhere
    (CREATE + " --enable-autoscaling", CREATE + " --enable-autoscaling=true", False),  # ignored explicit argument
    (CREATE + " --enable-autoscaling", CREATE + " --no-enable-autoscaling", False),
    (CREATE + " --enable-autoscaling", CREATE + " --no-enable-autoscaling --enable-autoscaling", True),  # the last one wins
    (CREATE, CREATE + " --quiet=true", False),
    (CREATE + " -q", CREATE + " --quiet", True),
]


@pytest.mark.parametrize(("original", "variant", "same"), DECIDED)
def test_gcloud_lines_are_read_as_gcloud_reads_them(original, variant, same):
    assert grade(original, variant).correct == same


@live
def test_the_decided_pairs_are_still_gclouds(judge):
    decided = 0
    for original, variant, same in DECIDED:
        now = judge.same(shlex.split(original), shlex.split(variant))
        if now is None:  # a run that did not finish on a busy machine: no verdict
            continue
        decided += 1
        assert now == same, (original, variant)
    assert decided >= len(DECIDED) - 2


@live
def test_the_judge_reads_what_gcloud_does(judge):
    def same(a: str, b: str):
        return judge.same(shlex.split(a), shlex.split(b))

    delete = "gcloud compute instances delete web --zone us-central1-b"
    assert same(delete, "gcloud compute instances delete web --zone=us-central1-b") is True
    assert same(delete, "gcloud --zone us-central1-b compute instances delete web") is False  # --zone is the command's
    assert same(delete, "gcloud compute instances delete web --zone us-central1-c") is False
    requests, _, _, code, _ = judge.meaning(shlex.split(delete))
    assert code == 0 and requests[0][:2] == ("DELETE", "/compute/v1/projects/demo-project/zones/us-central1-b/instances/web")
    assert same("gcloud config set project x", "gcloud config set project y") is False  # the properties left tell


@live
def test_the_recorded_verdicts_are_still_gclouds(judge):
    """A few of the recording judged again: gcloud still decides each pair so."""
    sample = random.Random(3).sample(RECORDED, 6)
    decided = 0
    for row in sample:
        same = judge.same(shlex.split(row["original"]), shlex.split(row["variant"]))
        if same is None:  # a run that did not finish on a busy machine: no verdict
            continue
        decided += 1
        assert same == row["same"], row
    assert decided >= 4
