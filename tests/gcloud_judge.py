"""gcloud itself as a judge of what a command line means.

Each run gets its own configuration folder (``CLOUDSDK_CONFIG``) and ``HOME``: a project, an
account, a region and zone, a fake access token (``auth/access_token_file``: gcloud sends it
and asks nothing else of it), no metadata-server or update checks, and
``api_endpoint_overrides`` sending every API gcloud knows to one recording fake on loopback
(plain http, a free port; the override's path is ``/``, so each API keeps its own base path:
``/compute/v1/…``, ``/v1/projects/…/clusters``). The fake answers every request the same
way: an object named by its path that is also a finished operation (``status: DONE``,
``done: true``), with a create's or an update's body echoed, so that pollers stop at once
and lists are empty. Each request is recorded (method, path, sorted query, the JSON body with
sorted keys).

The meaning of a line is (requests, stdout, stderr, exit code, the files left in the
configuration folder and ``HOME``: properties, kubeconfig, docker's config); a line is run
twice and a meaning that differs between the runs is undecidable (None). gcloud is slow to
start (about a second), so meanings are kept by line.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from fake_api import Handler, ProgramJudge, RecordingServer

FIXTURES = Path(__file__).parent / "fixtures" / "gcloud"
SDK = Path("/usr/lib/google-cloud-sdk")
MAX_REQUESTS = 100  # per run: past this the fake answers 500 and the run is undecidable

# gcloud's groups whose commands act on this machine or wait for a person: never run
_NOT_RUN = {
    ("components",),
    ("init",),
    ("auth", "login"),
    ("auth", "application-default"),
    ("auth", "revoke"),
    ("compute", "ssh"),
    ("compute", "scp"),
    ("compute", "connect-to-serial-port"),
    ("compute", "start-iap-tunnel"),
    ("cloud-shell",),
    ("docker",),
    ("emulators",),
    ("beta", "emulators"),
    ("app", "browse"),
    ("feedback",),
    ("survey",),
    ("interactive",),
    ("alpha", "interactive"),
    ("beta", "interactive"),
    ("help",),
    ("run", "services", "proxy"),
    ("beta", "run", "services", "proxy"),
    ("sql", "connect"),
    ("beta", "sql", "connect"),
    ("code",),
    ("alpha", "code"),
    ("beta", "code"),
    ("workbench",),
    ("functions", "logs"),
    ("logging", "tail"),
    ("beta", "logging", "tail"),
    ("builds", "log"),
    ("run", "jobs", "logs"),
    ("beta", "run", "services", "logs"),
}


def lines() -> list[str]:
    """The fixture's command lines (comments and blank lines left out), each once."""
    out = []
    for raw in (FIXTURES / "lines.txt").read_text("utf-8").splitlines():
        line = " ".join(raw.split())
        if line and not line.startswith("#"):
            out.append(line)
    return list(dict.fromkeys(out))


def gcloud_binary() -> str | None:
    return shutil.which("gcloud")


def available() -> bool:
    return gcloud_binary() is not None


def runnable(argv: list[str]) -> bool:
    """A line the judge may run: gcloud's, and none of the commands that act on this machine,
    open a shell or a browser, or wait for a person (``components``, ``ssh``, ``auth login``)."""
    if argv[:1] != ["gcloud"]:
        return False
    words = [w for w in argv[1:] if not w.startswith("-")]
    return not any(tuple(words[: len(p)]) == p for p in _NOT_RUN)


def api_names() -> list[str]:
    """Every API gcloud can send elsewhere (the names of its api_endpoint_overrides)."""
    names = set()
    for path in (SDK / "lib" / "googlecloudsdk" / "generated_clients" / "apis").glob("*/"):
        if path.is_dir() and not path.name.startswith("_"):
            names.add(path.name)
    text = (SDK / "lib" / "googlecloudsdk" / "core" / "properties.py").read_text("utf-8")
    section = text.split("class _SectionApiEndpointOverrides", 1)[1].split("\nclass ", 1)[0]
    names.update(re.findall(r"self\._Add\(\s*'([a-z0-9_]+)'", section))
    return sorted(names)


def _properties(port: int, token: str) -> str:
    lines = [
        "[core]",
        "project = demo-project",
        "account = learner@example.com",
        "check_gce_metadata = false",
        "disable_usage_reporting = true",
        "[compute]",
        "region = us-central1",
        "zone = us-central1-a",
        "[auth]",
        f"access_token_file = {token}",
        "[component_manager]",
        "disable_update_check = true",
        "[survey]",
        "disable_prompts = true",
        "[api_endpoint_overrides]",
    ]
    lines += [f"{name} = http://127.0.0.1:{port}/" for name in api_names()]
    return "\n".join(lines) + "\n"


# --- the recording fake -------------------------------------------------------------------------


def _reply(method: str, path: str, payload, port: int) -> dict:
    """The one answer to every request: the object the path names (a create's or an update's
    body echoed), a finished operation when the request changes something or asks after an
    operation, an empty list (``items``) otherwise; an API asked about is enabled."""
    name = path.strip("/")
    link = f"http://127.0.0.1:{port}/{name}"
    reply = dict(payload) if isinstance(payload, dict) else {}
    short = name.rsplit("/", 1)[-1]
    full = "projects/" + name.split("projects/", 1)[1] if "projects/" in name else name
    reply.update({"name": short if "/compute/" in path else full, "selfLink": link})
    for scope in ("zones", "regions"):
        m = re.search(rf"/{scope}/([^/]+)", path)
        if m:
            reply[scope[:-1]] = link.split(f"/{scope}/")[0] + f"/{scope}/{m.group(1)}"
    if method != "GET" or "/operations" in path:
        last = path.rstrip("/").rsplit("/", 1)[-1]
        kind = {"DELETE": "delete", "PATCH": "patch", "PUT": "update"}.get(method, "insert" if last.endswith("s") else last)
        target = link
        if kind == "insert" and isinstance(payload, dict) and isinstance(payload.get("name"), str):
            target = f"{link}/{payload['name']}"
        elif kind not in ("delete", "patch", "update") and "/operations" not in path:
            target = link.rsplit("/", 1)[0]  # a custom verb (instances/web/stop) acts on its object
        if "/compute/" in path and "/operations" not in path:
            reply["name"] = "operation-" + hashlib.sha256(path.encode()).hexdigest()[:12]
            where = reply.get("zone") or reply.get("region") or link.split("/global/")[0] + "/global"
            reply["selfLink"] = f"{where}/operations/{reply['name']}"
        reply.update({"status": "DONE", "done": True, "targetLink": target, "operationType": kind, "response": {"name": full}})
    elif "/aggregated/" in path:
        reply["items"] = {}
    elif re.search(r"/services/[a-z0-9.-]+\.googleapis\.com$", path):  # serviceusage: the API is on
        reply["state"] = "ENABLED"
    else:
        reply["items"] = []
    return reply


class _Handler(Handler):
    def _handle(self) -> None:
        raw = self.read_body()
        url = urlsplit(self.path)
        query = tuple(sorted(parse_qsl(url.query, keep_blank_values=True)))
        try:
            payload = json.loads(raw) if raw else None
        except ValueError:  # an upload (builds submit's source): its size and digest say enough
            payload = {"bytes": len(raw), "sha256": hashlib.sha256(raw).hexdigest()}
        body = json.dumps(payload, sort_keys=True) if payload is not None else ""
        body = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", body)
        status = 200 if self.server.record((self.command, url.path, query, body)) else 500
        self.send(status, json.dumps(_reply(self.command, url.path, payload, self.server.port), sort_keys=True).encode())

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _handle  # noqa: N815 - http.server's names


# --- running gcloud ------------------------------------------------------------------------------

_NOISE = [
    (re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:PORT"),
    (re.compile(r"\x1b\[[0-9;?]*[A-Za-z]"), ""),
]
# files gcloud keeps for itself, not what a command did: logs, caches, its credential stores
_OWN = re.compile(r"(^|/)(logs|cache|\.cache|virtenv)(/|$)|\.db$|(^|/)(gce|\.last_\w+(\.json)?|\.metadata_server_cache)$")


def _files(home: Path, work: str) -> tuple:
    out = []
    for path in sorted(home.rglob("*")):
        rel = path.relative_to(home).as_posix()
        if path.is_file() and not _OWN.search(rel):
            try:
                text = path.read_text("utf-8", "replace").replace(work, "WORK")
            except OSError:
                continue
            out.append((rel, _NOISE[0][0].sub("127.0.0.1:PORT", text)))
    return tuple(out)


class Judge(ProgramJudge):
    """``with Judge() as j: j.meaning(["gcloud", "compute", "instances", "list"])`` →
    (requests, stdout, stderr, code, files), or None when two runs of the line differ (or time out)."""

    def __init__(self, gcloud: str | None = None, timeout: float = 60.0, runs: int = 2) -> None:
        super().__init__(runs)
        self.gcloud = gcloud or gcloud_binary()
        self.timeout = timeout
        self.count = 0

    def __enter__(self) -> Judge:
        self.dir = tempfile.TemporaryDirectory(prefix="dockquiz-gcloud-judge-")
        self.server = RecordingServer(_Handler, MAX_REQUESTS).start()
        self.port = self.server.port
        self.token = os.path.join(self.dir.name, "token")
        Path(self.token).write_text("fake-access-token\n")
        self.properties = _properties(self.port, self.token)
        return self

    def __exit__(self, *exc) -> None:
        self.server.stop()
        self.dir.cleanup()

    def run(self, argv: list[str]) -> tuple | None:
        """(requests, stdout, stderr, code, files) of one run, or None when it timed out or overflowed."""
        if not runnable(argv):
            return None
        work = tempfile.mkdtemp(dir=self.dir.name)
        home = Path(work) / "home"
        config = home / ".config" / "gcloud"
        (config / "configurations").mkdir(parents=True)
        (config / "configurations" / "config_default").write_text(self.properties)
        (config / "active_config").write_text("default")
        cwd = Path(work) / "cwd"
        cwd.mkdir()
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(home),
            "CLOUDSDK_CONFIG": str(config),
            "TERM": "dumb",
            "LANG": "C.UTF-8",
            "TZ": "UTC",
            "TMPDIR": work,
            "COLUMNS": "120",
            # nothing leaves the machine: a request elsewhere meets a closed port on loopback
            "HTTP_PROXY": "http://127.0.0.1:9",
            "HTTPS_PROXY": "http://127.0.0.1:9",
            "NO_PROXY": "127.0.0.1",
            "CLOUDSDK_CORE_CUSTOM_CA_CERTS_FILE": os.environ.get("CLOUDSDK_CORE_CUSTOM_CA_CERTS_FILE", ""),
        }
        env = {k: v for k, v in env.items() if v}
        self.server.reset()
        self.count += 1
        proc = subprocess.Popen(
            [self.gcloud, *argv[1:]],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
        try:
            out, err = proc.communicate(timeout=self.timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            timed_out = True
        requests, overflow = self.server.taken()
        files = _files(home, work)
        shutil.rmtree(work, ignore_errors=True)
        if timed_out or overflow:
            return None
        texts = []
        for stream in (out, err):
            text = stream.decode("utf-8", "replace").replace(work, "WORK")
            for pattern, repl in _NOISE:
                text = pattern.sub(repl, text)
            texts.append(text)
        return requests, texts[0], texts[1], proc.returncode, files
