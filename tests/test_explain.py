"""dockquiz explain and dockquiz lint: each part of a real line, what its CLI would refuse or
read differently, lint over notes (the sample deck's own mistake), lint at import, and lint's
claims held to the real programs (tests/lint_judge.py; bench/judge_lint.py runs all lines)."""

import json
import random
from pathlib import Path

import pytest
from helpers import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from dockquiz.grading.explain import distance, explain, notes_index
from dockquiz.grading.grammar import grammar
from dockquiz.lint import check_line, lint_text

HERE = Path(__file__).parent
SAMPLE = HERE.parent / "content" / "decks" / "docker-basics.ja.md"


def roles(line):
    return [(p.role, p.typed, p.name) for c in explain(line).commands for p in c.parts]


def kinds(line):
    return [f.kind for f in explain(line).findings]


# --- explain: the parts ------------------------------------------------------------------------


def test_docker_run_parts_in_order_with_spellings_values_and_meanings():
    e = explain("docker run -d --name web -p 8080:80 -e MODE=dev nginx:1.27 nginx -g 'daemon off;'")
    parts = e.commands[0].parts
    assert [(p.role, p.typed) for p in parts] == [
        ("program", "docker"),
        ("command", "run"),
        ("option", "-d"),
        ("option", "--name web"),
        ("option", "-p 8080:80"),
        ("option", "-e MODE=dev"),
        ("argument", "nginx:1.27"),
        ("argument", "nginx"),
        ("argument", "-g"),
        ("argument", "daemon off;"),
    ]
    publish = parts[4]
    assert publish.name == "--publish" and set(publish.spellings) == {"-p", "--publish"}
    assert publish.takes_value and publish.value == "8080:80" and publish.repeats
    assert publish.en and publish.ja  # the overlay's words
    detach = parts[2]
    assert not detach.takes_value and not detach.repeats
    assert [p.name for p in parts[6:8]] == ["IMAGE", "COMMAND"]  # by the usage
    assert not e.findings


def test_a_command_path_says_its_other_spellings():
    (_, command, option) = explain("docker container ls -a").commands[0].parts
    assert command.name == "docker ps" and "docker container ls" in command.spellings and "docker ps" in command.spellings
    assert option.name == "--all"


def test_bundles_globals_and_end_of_options():
    parts = explain("kubectl -n prod exec -it web -c app -- ls -l").commands[0].parts
    assert [(p.role, p.typed) for p in parts] == [
        ("program", "kubectl"),
        ("option", "-n prod"),
        ("command", "exec"),
        ("option", "-i"),
        ("option", "-t"),
        ("argument", "web"),
        ("option", "-c app"),
        ("end_of_options", "--"),
        ("argument", "ls"),
        ("argument", "-l"),
    ]
    assert parts[8].name == "COMMAND"
    assert not explain("kubectl -n prod exec -it web -c app -- ls -l").findings


def test_kubectl_type_and_git_options():
    parts = explain("kubectl get pods -o wide").commands[0].parts
    assert ("type", "pods") == (parts[2].role, parts[2].typed)
    git = explain('git commit -a -m "first commit"').commands[0].parts
    assert [(p.role, p.name, p.value) for p in git[2:]] == [("option", "--all", None), ("option", "--message", "first commit")]


def test_placeholders_are_named_as_such():
    parts = explain("docker run --name ${NAME} -v <host dir>:/data ${IMAGE}").commands[0].parts
    assert parts[2].placeholders == ["${NAME}"] and parts[2].value == "${NAME}"
    assert parts[3].placeholders == ["<host dir>"] and parts[3].typed == "-v <host dir>:/data"
    assert (parts[4].role, parts[4].name, parts[4].placeholders) == ("argument", "IMAGE", ["${IMAGE}"])


def test_the_learners_words_come_first_with_deck_and_line():
    g = grammar()
    notes = notes_index(
        [
            ("docker run", "-d", "バックグラウンドで起動", "basics", 86),
            ("docker container run", "--publish", "ポート公開", "net", 3),
        ],
        g,
    )
    parts = explain("docker run -d -p 80:80 nginx", g, notes).commands[0].parts
    assert [(n.text, n.deck, n.line) for n in parts[2].notes] == [("バックグラウンドで起動", "basics", 86)]
    assert [n.text for n in parts[3].notes] == ["ポート公開"]  # the same option under another spelling of the command


def test_several_commands_and_an_unknown_program():
    e = explain("docker ps -a | grep web && mytool run x", installed=lambda p: p == "mytool")
    assert [c.program for c in e.commands] == ["docker", "grep", "mytool"] and e.separators == ["|", "&&"]
    assert [c.known for c in e.commands] == [True, False, False]
    assert e.commands[2].learnable and not e.commands[1].learnable


# --- explain: what the CLI would refuse or read differently -----------------------------------


@pytest.mark.parametrize(
    "line,kind,suggestion,fix",
    [
        ("docker run --detatch nginx", "unknown_flag", "--detach", "docker run --detach nginx"),
        ("docker build –no-cache .", "en_dash", "--no-cache", "docker build --no-cache ."),
        ("git log —oneline", "en_dash", "--oneline", "git log --oneline"),
        ("docker run nginx -d", "after_image", None, "docker run -d nginx"),
        ("docker run ubuntu -p 80:80", "after_image", None, "docker run -p 80:80 ubuntu"),
        ("kubectl exec -it web /bin/sh", "exec_dash", None, "kubectl exec -it web -- /bin/sh"),
        ("kubectl exec web -c app ls", "exec_dash", None, "kubectl exec web -c app -- ls"),
        ("git commit -m=msg", "equals_value", "-m msg", "git commit -m msg"),
        ("git chekcout master", "unknown_command", "checkout", "git checkout master"),
        ("docker imgaes", "unknown_command", "images", "docker images"),
        ("kubectl create naemspace test", "unknown_command", "namespace", "kubectl create namespace test"),
        ("kubectl get pods --namspace x", "unknown_flag", "--namespace", "kubectl get pods --namespace x"),
        ("gcloud compute instances list --zone x", "unknown_flag", "--zones", "gcloud compute instances list --zones x"),
        ("gcloud container clusters craete x", "unknown_command", "create", "gcloud container clusters create x"),
        ("docker compose up --detatch", "unknown_flag", "--detach", "docker compose up --detach"),
    ],
)
def test_findings_with_the_nearest_right_spelling(line, kind, suggestion, fix):
    e = explain(line)
    found = [f for f in e.findings if f.kind == kind]
    assert found, e.findings
    assert found[0].suggestion == suggestion
    assert e.fix == fix


def test_lints_reading_without_the_parts_finds_the_same(monkeypatch):
    """explain(parts=False), lint's reading, builds no parts and looks nothing up on PATH, and
    finds what the whole reading finds: the findings of every line above, of an unknown
    program's and of a line of several commands."""
    lines = [
        *(args[0] for args in test_findings_with_the_nearest_right_spelling.pytestmark[0].args[1]),
        "streamlit run app.py && docker run --detatch nginx | grep x",
        "kubectl attach myapp -c",
        "docker run -d -p 8080:80 --name web nginx",
        "$(docker ps -q) docker rm -x",
    ]
    whole = {line: explain(line) for line in lines}
    monkeypatch.setattr("shutil.which", lambda program: pytest.fail(f"looked up {program}"))
    for line in lines:
        lint = explain(line, parts=False)
        assert [c.findings for c in lint.commands] == [c.findings for c in whole[line].commands], line
        assert (lint.fix, lint.problem) == (whole[line].fix, whole[line].problem), line
        assert not any(c.parts or c.learnable for c in lint.commands), line
    assert any(c.parts for c in whole[lines[0]].commands)


def test_what_may_be_meant_for_the_container_or_the_shell_is_not_reported():
    """Real notes (the dev corpus): an entrypoint's own flags after the image; a command
    substitution the grammar does not read."""
    assert "after_image" not in kinds("docker container run -it sample -d 2")
    assert "after_image" not in kinds("docker run --rm alpine ls -l")
    assert check_line("docker rm $(docker ps -a -q)") == ((), None)
    assert check_line("sudo docker rm `sudo docker ps -a -q`") == ((), None)
    assert [f.token for f in check_line("docker commit -t exited $( docker ps )")[0]] == ["-t"]  # before it: docker refuses -t


def test_missing_value_and_the_message_of_git():
    e = explain("kubectl attach myapp -c")
    assert [f.kind for f in e.findings] == ["missing_value"] and e.findings[0].refused
    m = explain("git commit -m=fix").findings[0]
    assert m.detail == "=fix" and not m.refused  # git runs it: the message is "=fix"


def test_the_sample_decks_line_reads_the_container_name_as_the_image():
    e = explain("docker run ${CONTAINER_NAME} ${IMAGE_NAME} /bin/bash")
    (f,) = e.findings
    assert f.kind == "placeholder_slot" and f.detail == "IMAGE" and f.suggestion == "--name ${CONTAINER_NAME}"
    assert e.fix == "docker run --name ${CONTAINER_NAME} ${IMAGE_NAME} /bin/bash"
    assert not explain("docker run --name ${CONTAINER_NAME} ${IMAGE_NAME} /bin/bash").findings


def test_right_lines_of_every_cli_have_no_findings():
    for line in [
        "docker run -it --rm -v $(pwd):/app -w /app python:3.12 python main.py",
        "docker compose up -d --build",
        "docker-compose logs -f web",
        "docker exec -it web bash",
        "docker restart --time 3 web",  # hidden, deprecated, still read by docker 28
        "kubectl apply -f deploy.yaml --record",  # the same in kubectl 1.32
        "kubectl rollout status deployment/web -n prod",
        "git log --oneline --graph --all",
        "git push -u origin main",
        "git stash -u",
        "gcloud container clusters get-credentials my-cluster --zone asia-northeast1-a",
        "gcloud config set project my-project",
    ]:
        assert not explain(line).findings, (line, explain(line).findings)


def test_distance_counts_a_swap_as_one():
    assert distance("--detatch", "--detach") == 1 and distance("chekcout", "checkout") == 1
    assert distance("--objects", "--object-names") > 2


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=120)
    | st.lists(
        st.sampled_from(
            [
                "docker",
                "run",
                "-p",
                "--",
                "-it",
                "${X}",
                "<y>",
                "'",
                "|",
                "–rm",
                "-m=",
                "git",
                "kubectl",
                "exec",
                "\x1b[2J",
                "\u202e",
                "=",
                "-",
            ]
        ),
        max_size=14,
    ).map(" ".join)
)
def test_explain_never_raises(line):
    e = explain(line)
    assert e.problem is None or isinstance(e.problem, str)
    json.dumps(e.to_dict())


# --- the command -------------------------------------------------------------------------------


def test_cli_text_in_each_language(capsys):
    en = run_cli(capsys, "--lang", "en", "explain", "docker run --detatch -p 80:8080 nginx")
    assert en.code == 0
    assert "--publish" in en.out and "did you mean --detach?" in en.out and "docker run --detach -p 80:8080 nginx" in en.out
    ja = run_cli(capsys, "--lang", "ja", "explain", "docker run --detatch -p 80:8080 nginx")
    assert "--detach のことですか" in ja.out and "拒否される" in ja.out


def test_cli_json_shape(capsys):
    r = run_cli(capsys, "--lang", "en", "explain", "--json", "git commit -m=msg")
    data = r.json()
    assert set(data) == {"line", "commands", "separators", "fix", "problem", "messages"}
    (command,) = data["commands"]
    assert [p["role"] for p in command["parts"]] == ["program", "command", "option"]
    assert command["findings"][0]["kind"] == "equals_value" and command["findings"][0]["refused"] is False
    assert data["fix"] == "git commit -m msg" and "=msg" in data["messages"][0]


def test_cli_text_is_data(capsys):
    r = run_cli(capsys, "--lang", "en", "explain", "docker run --name [bold]x\x1b]52;c;eA==\x07 nginx")
    assert "\x1b" not in r.out and "\x07" not in r.out
    assert "[bold]x" in r.out


def test_cli_reads_the_learners_option_cards(capsys, tmp_path):
    db = str(tmp_path / "d.db")
    assert run_cli(capsys, "--db", db, "import", str(SAMPLE)).code == 0
    r = run_cli(capsys, "--db", db, "--lang", "en", "explain", "--json", "docker container run -i nginx")
    notes_words = r.json()["commands"][0]["parts"][2]["notes"]
    assert notes_words[0] == {"text": "ホストマシンとコンテナの双方向に接続できるようにする", "deck": "docker-basics", "line": 79}
    text = run_cli(capsys, "--db", db, "--lang", "en", "explain", "docker run -i nginx").out
    assert (
        'your notes: "ホストマシンとコンテナの双方向に接続できるようにする" (docker-basics:79); Keep standard input open' in text
    )


def test_explain_does_not_make_a_database(capsys, tmp_path):
    db = tmp_path / "none.db"
    assert run_cli(capsys, "--db", str(db), "explain", "docker ps").code == 0
    assert not db.exists()


# --- lint --------------------------------------------------------------------------------------


def test_lint_finds_the_sample_notes_mistake_with_the_name_fix(capsys):
    """The learner's sample notes (a real file) name the container where docker reads the
    image; the built-in deck made from them asks the fixed line, so it lints clean."""
    notes = HERE / "fixtures" / "docker-basics.ja.md"
    r = run_cli(capsys, "--lang", "en", "lint", str(notes))
    assert r.code == 1
    assert f"{notes}:76: docker run ${{CONTAINER_NAME}} ${{IMAGE_NAME}} /bin/bash" in r.out
    assert "docker run --name ${CONTAINER_NAME} ${IMAGE_NAME} /bin/bash" in r.out
    assert run_cli(capsys, "--lang", "en", "lint", str(SAMPLE)).code == 0
    data = run_cli(capsys, "--lang", "en", "lint", "--json", str(notes)).json()
    assert data["lines_found"] == 1 and data["lines_checked"] > 20
    (f,) = data["findings"]
    assert f["line"] == 76 and f["kind"] == "placeholder_slot" and f["fix"].startswith("docker run --name")


NOTES = """# 間違いの多いノート

- `docker build –no-cache -t app .`
- `docker run nginx -p 8080:80`
- `kubectl exec -it web /bin/sh`
- `git comit -m "first"`
- `docker run --detatch nginx` <!-- dockquiz: ignore -->
<!-- dockquiz: ignore -->
- `docker ps --al`
- `docker ps -a`
- `git commit -m "fine"`
"""


def test_lint_kinds_lines_fixes_and_the_marker(tmp_path, capsys):
    found = lint_text(NOTES)
    by_line = {f.line: f.finding.kind for f in found}
    assert by_line == {3: "en_dash", 4: "after_image", 5: "exec_dash", 6: "unknown_command"}
    path = tmp_path / "notes.md"
    path.write_text(NOTES, encoding="utf-8")
    r = run_cli(capsys, "--lang", "en", "lint", str(path))
    assert r.code == 1 and f"{path}:6: git comit" in r.out and "git commit -m first" in r.out
    assert "4 of " in r.out


def test_an_en_dash_the_reader_read_as_hyphens_is_still_reported():
    """The reader may make the card of the hyphens the notes mean; the notes' own line still
    holds the dash the CLI reads as an argument (a learner's note, dev corpus)."""
    text = "# キャッシュなし\n\n    docker build -t <image_name> . –no-cache\n"
    found = lint_text(text)
    assert [(f.line, f.finding.kind, f.finding.token, f.finding.suggestion) for f in found] == [
        (3, "en_dash", "–no-cache", "--no-cache")
    ]


def test_a_listing_read_as_an_option_card_is_not_reported():
    text = (
        "### コンテナからコピー\n\n```\ndocker container cp web:/etc/hosts .\n```\n```\n-rw-r--r--  1 root root  150 hosts\n```\n"
    )
    assert not [f for f in lint_text(text) if f.finding.token.startswith("-rw")]


def test_lint_exit_codes(tmp_path, capsys):
    clean = tmp_path / "ok.md"
    clean.write_text("- `docker ps -a`\n- `git status`\n", encoding="utf-8")
    assert run_cli(capsys, "lint", str(clean)).code == 0
    r = run_cli(capsys, "--lang", "en", "lint", str(tmp_path / "missing.md"))
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1


def test_an_option_card_of_a_flag_the_command_does_not_have(tmp_path):
    found = lint_text("# コンテナ\n\n- `docker stop ${CONTAINER}`\n    - `--tiemout` : 待つ秒数\n    - `-t` : 待つ秒数\n")
    assert [(f.line, f.finding.kind, f.finding.suggestion) for f in found] == [(4, "unknown_flag", "--timeout")]


def test_import_says_how_many_lines_lint_found(tmp_path, capsys):
    path = tmp_path / "notes.md"
    path.write_text(NOTES, encoding="utf-8")
    r = run_cli(capsys, "--db", str(tmp_path / "d.db"), "--lang", "en", "import", str(path))
    assert r.code == 0 and "4 command line(s)" in r.err and f"dockquiz lint {path}" in r.err
    data = run_cli(capsys, "--db", str(tmp_path / "d.db"), "import", "--json", str(path)).json()
    assert data["lint"] == 4


def test_no_report_on_the_real_lines_of_the_fixtures_but_real_mistakes():
    """Every line lint reports on 1,800 real kubectl and git lines (docs, books, learners'
    notes) is a real mistake: an em dash for --, kubectl exec without --, a missing value, a
    misspelt command (each was judged by hand; the kinds are what the real programs refuse)."""
    reported = {}
    for name in ("kubectl/lines.txt", "git-lines.txt"):
        for line in (HERE / "fixtures" / name).read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                findings, _ = check_line(line.strip())
                for f in findings:
                    reported[line.strip()] = f.kind
    assert set(reported.values()) <= {"en_dash", "exec_dash", "missing_value", "unknown_command"}
    assert reported.get("git chekcout master") == "unknown_command"
    assert reported.get("kubectl attach myapp -c") == "missing_value"
    assert sum(k == "en_dash" for k in reported.values()) >= 20
    assert len(reported) < 60


# --- lint's claims against the real programs ----------------------------------------------------


def _judged(program, judge, lines, per_line_cap=None):
    from lint_judge import mutations, verdict

    rnd = random.Random(5)
    checked = agree = 0
    wrong = []
    kinds_seen = set()
    for line in lines:
        for case in mutations(line, rnd):
            got = verdict(program, judge, case)
            if got is None:
                continue
            checked += 1
            agree += got[2]
            kinds_seen.add(case.mutation)
            if not got[2]:
                wrong.append((case, got))
    return checked, agree, wrong, kinds_seen


@pytest.mark.slow
def test_lint_agrees_with_the_docker_client():
    from judge import Judge, available

    if not available():
        # the real program is the judge: only a machine without it skips (this one and CI have it)
        pytest.skip("needs the docker client")
    lines = [
        "docker run -d --rm --name web -p 8080:80 -e MODE=dev nginx:1.27",
        "docker create --name db -e POSTGRES_PASSWORD=secret -p 5432:5432 postgres:16",
        "docker logs --tail 100 --timestamps web",
        "docker network create --driver bridge --subnet 10.9.0.0/24 backend",
        "docker volume ls --filter dangling=true",
        "docker rm --force web",
    ]
    with Judge() as judge:
        checked, agree, wrong, seen = _judged("docker", judge, lines)
    assert checked >= 18 and {"original", "misspelt_flag", "en_dash", "after_image", "misspelt_command"} <= seen
    assert agree == checked, wrong


@pytest.mark.slow
def test_lint_agrees_with_git():
    from git_judge import Judge, available

    if not available():
        # the real program is the judge: only a machine without it skips (this one and CI have it)
        pytest.skip("needs git")
    lines = ['git commit -m "first commit"', "git log --oneline --graph -n 3", "git branch --merged main", "git status --short"]
    with Judge() as judge:
        checked, agree, wrong, seen = _judged("git", judge, lines)
    assert checked >= 10 and {"original", "equals_value", "en_dash"} <= seen
    assert agree == checked, wrong


@pytest.mark.slow
def test_lint_agrees_with_kubectl():
    from kubectl_judge import Judge, available

    if not available():
        # the real program is the judge: only a machine without it skips (this one and CI have it)
        pytest.skip("needs kubectl.1.32")
    lines = ["kubectl get pods -n kube-system --output wide", "kubectl exec -it web -- ls /", "kubectl delete pod web --now"]
    with Judge() as judge:
        checked, agree, wrong, seen = _judged("kubectl", judge, lines)
    assert checked >= 8 and {"original", "exec_dash", "misspelt_flag"} <= seen
    assert agree == checked, wrong


# --- study: the parts that differ, and the form the CLI runs ------------------------------------

STUDY_NOTES = """# ポート

- nginx をポート 8080 で公開して起動: `docker run -d -p 8080:80 nginx`
- 名前をつけてコンテナに入る: `docker run ${CONTAINER_NAME} ${IMAGE_NAME} /bin/bash`
"""


@pytest.fixture
def study_env(tmp_path):
    import os

    notes = tmp_path / "ports.md"
    notes.write_text(STUDY_NOTES, encoding="utf-8")
    env = {**os.environ, "DOCKQUIZ_DB": str(tmp_path / "s.db"), "DOCKQUIZ_LANG": "en", "NO_COLOR": "1"}
    import subprocess
    import sys

    subprocess.run([sys.executable, "-m", "dockquiz", "import", str(notes)], env=env, check=True, capture_output=True)
    return env


@pytest.mark.slow
def test_study_plain_explains_the_value_and_accepts_the_cli_form(study_env):
    import subprocess
    import sys

    typed = "docker run -d -p 80:8080 nginx\n1\ndocker run --name web ubuntu /bin/bash\n3\n"
    out = subprocess.run(
        [sys.executable, "-m", "dockquiz", "study", "--plain"],
        env=study_env,
        input=typed,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "you typed -p 80:8080: HOST 80, CONTAINER 8080; the answer -p 8080:80: HOST 8080, CONTAINER 80" in out
    second = out.split("card 2", 1)[1]
    assert "✓ correct" in second  # the fixed form counts
    assert "the CLI would read that differently and runs docker run --name ${CONTAINER_NAME} ${IMAGE_NAME} /bin/bash" in second


@pytest.mark.slow
def test_study_terminal_face_explains_the_value(study_env):
    import sys

    import pexpect

    child = pexpect.spawn(
        sys.executable,
        ["-m", "dockquiz", "study", "--new", "1"],
        env={**study_env, "TERM": "xterm-256color", "PROMPT_TOOLKIT_NO_CPR": "1"},
        encoding="utf-8",
        timeout=120,
        dimensions=(30, 200),
    )
    child.expect(r"\$")
    child.send("docker run -d -p 80:8080 nginx\r")
    child.expect("you typed -p 80:8080: HOST 80, CONTAINER 8080; the answer -p 8080:80: HOST 8080, CONTAINER 80")
    child.expect("Enter accept")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


@pytest.mark.slow
def test_lint_agrees_with_gcloud(tmp_path):
    """gcloud says a usage error with exit code 2 (argparse); a line it reads runs on (here
    to a missing account: exit 1) or sets its own config folder."""
    import os
    import shutil
    import subprocess

    if shutil.which("gcloud") is None:
        # the real program is the judge: only a machine without it skips (this one and CI have it)
        pytest.skip("needs gcloud")
    env = {**os.environ, "CLOUDSDK_CONFIG": str(tmp_path), "CLOUDSDK_CORE_DISABLE_PROMPTS": "1"}
    lines = [
        "gcloud config set project my-project",
        "gcloud container clusters get-credentials my-cluster --zone asia-northeast1-a",
        "gcloud compute instances list --zone x",
        "gcloud container clusters craete x",
        "gcloud container clusters create my-cluster --num-ndoes 3",
    ]
    said = {line: check_line(line)[0] for line in lines}
    for line in lines:
        done = subprocess.run(line.split(), env=env, capture_output=True, text=True, timeout=300)
        assert (done.returncode == 2) == any(f.refused for f in said[line]), (line, done.returncode, done.stderr[-300:])
    assert sum(bool(f) for f in said.values()) == 3


def test_every_spelling_of_every_command_is_its_path_in_the_grammar():
    """spellings (read from an index kept as paths are added) says what a scan over every
    typed path says, for every command of every program, loaded one program at a time."""
    from dockquiz.grading.grammar import load_grammar

    g = load_grammar(learned=None)
    for program in sorted(g.programs):
        g.knows(program)  # its facts read now: the other programs' paths were added before
        for typed in list(g.paths):
            command = " ".join(typed)
            canonical = g.resolve(typed)
            scanned = sorted({" ".join(t) for t, c in g.paths.items() if c == canonical} | {command})
            assert g.spellings(command) == scanned, command
    assert g.spellings("docker container ls") == g.spellings("docker ps") and "docker container ls" in g.spellings("docker ps")
    assert g.spellings("nothing known") == ["nothing known"]
