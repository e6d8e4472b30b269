"""Differential test: the grader against kubectl 1.32 itself (tests/kubectl_judge.py: a
recording fake API server). Pairs are made from real command lines
(fixtures/kubectl/lines.txt) by tests/kubectl_pairs.py; fixtures/kubectl/judged.json holds a
sample of them with kubectl's verdicts (written by ``bench/judge_kubectl.py --sample``). The
grader is held to those verdicts everywhere; where kubectl.1.32 is installed, a part of them
is judged again live. bench/judge_kubectl.py runs thousands."""

import gzip
import json
import random
import shlex
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from kubectl_judge import Judge, available
from kubectl_pairs import DIFFERENT, GCLOUD_ONLY, SAME, Resources, help_examples, lines, mutations, sources, usable

from dockquiz import grading
from dockquiz.grading import grade
from dockquiz.grading.grammar import grammar

HERE = Path(__file__).parent
RECORDED = json.loads((HERE / "fixtures" / "kubectl" / "judged.json").read_text("utf-8"))
live = pytest.mark.skipif(not available(), reason="needs kubectl.1.32")


@pytest.fixture(scope="module")
def judge():
    with Judge() as j:
        yield j


def test_the_overlays_resources_are_the_apis_discovery():
    """content/cli/kubectl.toml's [resources] say what the API's discovery says (the judge
    serves the discovery; the grader reads the overlay)."""
    overlay = tomllib.loads((HERE.parent / "content" / "cli" / "kubectl.toml").read_text("utf-8"))["resources"]
    discovery = json.loads((HERE / "fixtures" / "kubectl" / "discovery.json").read_text("utf-8"))
    facts = {}
    for gv in discovery["groupVersions"]:
        for res in gv["resources"]:
            key = f"{res['name']}.{gv['group']}" if gv["group"] else res["name"]
            facts.setdefault(
                key,
                {
                    "kind": res["kind"],
                    "singular": res["singularName"],
                    "short": res.get("shortNames", []),
                    "version": gv["version"],
                },
            )
    assert list(overlay) == list(facts)  # the order decides which group a spelling means
    for key, info in facts.items():
        assert {k: overlay[key].get(k, []) for k in info} == info, key


def test_the_lines_are_real():
    """kubectl's examples in the fixture are those of its recorded help; the other sources are named."""
    with gzip.open(HERE / "fixtures" / "help" / "kubectl.json.gz", "rt", encoding="utf-8") as fh:
        pages = json.load(fh)
    by_source = sources()
    examples = next(v for k, v in by_source.items() if k.startswith("kubectl 1.32"))
    assert sorted(examples) == sorted(help_examples(pages))
    assert any("quick-reference" in k for k in by_source) and sum("learner" in k for k in by_source) >= 5


def test_pairs_are_made_of_every_kind_from_the_real_lines():
    rnd, g, res = random.Random(5), grammar(), Resources()
    source = [ln for ln in lines() if usable(ln)]
    assert len(source) >= 400
    kinds = Counter(p.mutation for ln in source for p in mutations(ln, g, rnd, res))
    every = (set(SAME) | set(DIFFERENT)) - set(GCLOUD_ONLY)
    assert set(kinds) == every, every - set(kinds)


def test_grading_agrees_with_kubectls_recorded_verdicts():
    before = len(grading.FALLBACKS)
    wrong = []
    for row in RECORDED:
        verdict = grade(row["original"], row["variant"])
        if verdict.correct != row["same"]:
            wrong.append((row["mutation"], row["original"], row["variant"], row["same"], verdict.verdict))
    assert len(RECORDED) >= 300
    assert {r["mutation"] for r in RECORDED} >= (set(SAME) | set(DIFFERENT)) - {
        "global_short",
        "short_case",
        "flag_front",
        "flag_between",
        *GCLOUD_ONLY,
    }
    false_accepts = [w for w in wrong if not w[3]]
    assert not false_accepts, false_accepts
    assert len(wrong) <= len(RECORDED) // 100, wrong
    assert len(grading.FALLBACKS) == before


@live
def test_the_judge_reads_what_kubectl_does(judge):
    assert judge.same(["kubectl", "get", "pods"], ["kubectl", "get", "po"]) is True
    assert judge.same(["kubectl", "get", "pod", "web"], ["kubectl", "get", "Pod/web"]) is True
    assert judge.same(["kubectl", "get", "deployments.apps"], ["kubectl", "get", "deploy"]) is True
    assert judge.same(["kubectl", "get", "pods"], ["kubectl", "get", "pods", "-o", "wide"]) is False  # output tells
    assert judge.same(["kubectl", "config", "use-context", "other"], ["kubectl", "config", "use", "other"]) is True
    assert judge.same(["kubectl", "config", "use-context", "other"], ["kubectl", "config", "use-context", "judge"]) is False
    requests, _, _, code = judge.meaning(["kubectl", "exec", "web", "ls"])
    assert code != 0 and not requests  # 1.32 refuses exec POD COMMAND without --
    requests, _, _, _ = judge.meaning(["kubectl", "--namespace", "x", "delete", "pod", "web"])
    assert requests[0][:2] == ("DELETE", "/api/v1/namespaces/x/pods/web")
    assert judge.same(["kubectl", "apply", "-f", "./a.yaml"], ["kubectl", "apply", "-f", "a.yaml"]) is True  # files made per run


@live
def test_the_recorded_verdicts_are_still_kubectls(judge):
    """A part of the recording judged again: kubectl still decides each pair so."""
    sample = random.Random(11).sample(RECORDED, 40)
    decided = 0
    for row in sample:
        same = judge.same(shlex.split(row["original"]), shlex.split(row["variant"]))
        if same is None:  # a run that did not repeat or finish on a busy machine: no verdict
            continue
        decided += 1
        assert same == row["same"], row
    assert decided >= 30


# Pairs kubectl 1.32 decided in bench/judge_kubectl.py that the grader read otherwise before:
# a repeated flag's values are a list in the order typed (one moved before the verb comes
# first), except where they make a map (content/cli/kubectl.toml's unordered_values) or
# `set subject`'s subjects.
DECIDED = [
    (
        "kubectl create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx",
        "kubectl --image=nginx create deployment my-dep --image=busybox:latest --image=ubuntu:latest",
        False,
    ),
    (
        "kubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods",
        "kubectl --verb=list create role pod-reader --verb=get --verb=watch --resource=pods",
        False,
    ),
    (
        "kubectl create clusterrolebinding cluster-admin --clusterrole=cluster-admin --user=user1 --user=user2 --group=group1",
        "kubectl --user=user2 create clusterrolebinding cluster-admin --clusterrole=cluster-admin --user=user1 --group=group1",
        False,
    ),
    (
        "kubectl create ingress multipath --class=default --rule=foo.com/=svc:port --rule=foo.com/admin/=svcadmin:portadmin",
        "kubectl --rule=foo.com/admin/=svcadmin:portadmin create ingress multipath --class=default --rule=foo.com/=svc:port",
        False,
    ),
    (
        "kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2",
        "kubectl --from-literal=key2=config2 create configmap my-config --from-literal=key1=config1",
        True,
    ),
    (
        "kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa "
        "--from-file=ssh-publickey=path/to/id_rsa.pub",
        "kubectl --from-file=ssh-publickey=path/to/id_rsa.pub create secret generic my-secret "
        "--from-file=ssh-privatekey=path/to/id_rsa",
        True,
    ),
    (
        "kubectl create ingress annotated --class=default --rule=foo.com/bar=svc:port --annotation ingress.annotation1=foo "
        "--annotation ingress.annotation2=bla",
        "kubectl --annotation ingress.annotation2=bla create ingress annotated --class=default --rule=foo.com/bar=svc:port "
        "--annotation ingress.annotation1=foo",
        True,
    ),
    (
        "kubectl set subject rolebinding admin --user=user1 --user=user2 --group=group1",
        "kubectl --user=user2 set subject rolebinding admin --user=user1 --group=group1",
        True,
    ),
    # a switch on by default typed on: as if not typed, unless kubectl asks whether it was typed
    ("kubectl rollout status deploy/web", "kubectl rollout status deploy/web -w", True),
    ("kubectl rollout status deploy/web", "kubectl rollout status deploy/web --watch=true", True),
    ("kubectl delete pod web", "kubectl delete pod web --wait", True),
    ("kubectl get pods", "kubectl get pods --server-print", True),
    ("kubectl describe pod web", "kubectl describe pod web --show-events", True),
    ("kubectl config view", "kubectl config view --merge", True),
    ("kubectl get pods -o name", "kubectl get pods -o name --allow-missing-template-keys", True),
    ("kubectl set env deploy/web A=b", "kubectl set env deploy/web A=b --overwrite", True),
    ("kubectl apply -f web.yaml", "kubectl apply -f web.yaml --overwrite", True),
    ("kubectl apply -f web.yaml", "kubectl apply -f web.yaml --openapi-patch", True),
    ("kubectl set selector -f web.yaml app=web", "kubectl set selector -f web.yaml app=web --recursive", True),
    ("kubectl api-resources", "kubectl api-resources --namespaced", False),  # kubectl asks: it filters
    # flags between the words of the path: cobra looks past them for the subcommand, also where
    # the word before is a command itself (`create -f`), and takes the word after a flag the
    # command does not know as its value, whatever it is (`-i -t exec`: -t is -i's "value")
    ("kubectl create deployment web --image=nginx -n x", "kubectl create -n x deployment web --image=nginx", True),
    ("kubectl create deployment web --image=nginx", "kubectl create --image nginx deployment web", True),
    ("kubectl create deployment web --image=nginx", "kubectl create --image=nginx deployment web", True),
    ("kubectl exec -it web -- sh", "kubectl -i -t exec web -- sh", True),
    ("kubectl get pods -w", "kubectl -w get pods", False),  # `get` is taken as -w's value
    ("kubectl config view --minify", "kubectl config --minify view", False),
    # a flag whose value is read only attached stands for a value typed bare (pflag's NoOptDefVal)
    ("kubectl create ns web --dry-run", "kubectl create ns web --dry-run=unchanged", True),
    ("kubectl apply -f web.yaml --dry-run", "kubectl apply -f web.yaml --dry-run=client", False),
    ("kubectl delete pod web --cascade", "kubectl delete pod web --cascade=background", True),
    ("kubectl apply -f web.yaml --validate", "kubectl apply -f web.yaml --validate=strict", True),
    (
        "kubectl config set-credentials admin --auth-provider=oidc --auth-provider-arg=client-id=foo "
        "--auth-provider-arg=client-secret=bar",
        "kubectl --auth-provider-arg=client-secret=bar config set-credentials admin --auth-provider=oidc "
        "--auth-provider-arg=client-id=foo",
        True,
    ),  # the auth provider's config is a map
    # a value's kind is its own program's: kubectl sends --image as typed (docker's IMAGE is normalised)
    ("kubectl run web --image=nginx", "kubectl run web --image=nginx:latest", False),
    ("kubectl create deployment web --image=nginx", "kubectl create deployment web --image=docker.io/library/nginx", False),
]


@pytest.mark.parametrize(("original", "variant", "same"), DECIDED)
def test_repeated_values_are_read_as_kubectl_reads_them(original, variant, same):
    assert grade(original, variant).correct == same


@live
def test_the_decided_pairs_are_still_kubectls(judge):
    decided = 0
    for original, variant, same in DECIDED:
        now = judge.same(shlex.split(original), shlex.split(variant))
        if now is None:  # a run that did not finish on a busy machine: no verdict
            continue
        decided += 1
        assert now == same, (original, variant)
    assert decided >= len(DECIDED) - 2
