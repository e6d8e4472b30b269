"""kubectl 1.32 as a judge of what a command line means.

A recording fake Kubernetes API server listens on loopback (plain http, a free port). Its
discovery is the API server's own (``fixtures/kubectl/discovery.json``, condensed from
kubernetes/kubernetes ``api/discovery``): aggregated discovery when kubectl's ``Accept``
names ``apidiscovery.k8s.io``, the legacy ``/api``, ``/apis`` and ``/apis/<g>/<v>``
otherwise, and an ``/openapi/v3`` saying which operations take ``fieldValidation``.
Everything else is answered deterministically: a list of one item (a ``meta.k8s.io``
Table when ``Accept`` asks for one), the object named in the path, the body echoed for a
create or an update, 404 for an object deleted earlier in the same run. Each request is
recorded (method, path, sorted query without watch's random ``timeoutSeconds``, selectors'
requirements sorted, the JSON body with sorted keys); discovery and OpenAPI requests are not.

Each run gets its own kubeconfig (server ``http://127.0.0.1:PORT``, namespace ``default``)
and cache folder (``KUBECACHEDIR``), a pseudo-terminal as stdin, ``EDITOR=true`` and a timeout. The meaning of
a line is (requests, output, the kubeconfig left behind); a line is run twice and a meaning
that differs between the runs is undecidable (None). Left out of the output: klog's time
and pid, kubectl edit's random file name, and the warning that a short name (``ev``) could
also mean another group's resource (the requests say which it meant).
"""

from __future__ import annotations

import copy
import json
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from fake_api import Handler, ProgramJudge, RecordingServer

FIXTURES = Path(__file__).parent / "fixtures" / "kubectl"
MAX_REQUESTS = 200  # per run: past this the server answers 500 and the run is undecidable

_KUBECONFIG = """apiVersion: v1
kind: Config
clusters:
- cluster:
    server: http://127.0.0.1:{port}
  name: judge
contexts:
- context:
    cluster: judge
    namespace: default
    user: learner
  name: judge
- context:
    cluster: judge
    namespace: default
    user: learner
  name: other
current-context: judge
users:
- name: learner
  user:
    token: fake-token
"""


def kubectl_binary() -> str | None:
    """``kubectl.1.32`` on PATH, or beside the real file of a ``kubectl`` dispatcher."""
    found = shutil.which("kubectl.1.32")
    if found:
        return found
    dispatcher = shutil.which("kubectl")
    if dispatcher:
        beside = Path(os.path.realpath(dispatcher)).parent / "kubectl.1.32"
        if beside.is_file() and os.access(beside, os.X_OK):
            return str(beside)
    return None


def available() -> bool:
    return kubectl_binary() is not None


# --- the API's facts -------------------------------------------------------------------------


class Discovery:
    def __init__(self, data: dict) -> None:
        self.gvs = data["groupVersions"]
        self.by_gv: dict[tuple[str, str], list[dict]] = {(gv["group"], gv["version"]): gv["resources"] for gv in self.gvs}
        self.groups: dict[str, list[str]] = {}
        for gv in self.gvs:
            self.groups.setdefault(gv["group"], []).append(gv["version"])

    @classmethod
    def load(cls) -> Discovery:
        return cls(json.loads((FIXTURES / "discovery.json").read_text("utf-8")))

    def resource(self, group: str, version: str, plural: str) -> dict | None:
        return next((r for r in self.by_gv.get((group, version), []) if r["name"] == plural), None)

    # legacy documents
    def api_versions(self, port: int) -> dict:
        return {
            "kind": "APIVersions",
            "versions": ["v1"],
            "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": f"127.0.0.1:{port}"}],
        }

    def api_group_list(self) -> dict:
        groups = []
        for group, versions in self.groups.items():
            if not group:
                continue
            gvs = [{"groupVersion": f"{group}/{v}", "version": v} for v in versions]
            groups.append({"name": group, "versions": gvs, "preferredVersion": gvs[0]})
        return {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}

    def resource_list(self, group: str, version: str) -> dict | None:
        resources = self.by_gv.get((group, version))
        if resources is None:
            return None
        out = []
        for res in resources:
            row = {k: res[k] for k in ("name", "singularName", "kind", "namespaced", "verbs")}
            for key in ("shortNames", "categories"):
                if key in res:
                    row[key] = res[key]
            out.append(row)
            for sub, info in res.get("subresources", {}).items():
                srow = {
                    "name": f"{res['name']}/{sub}",
                    "singularName": "",
                    "namespaced": res["namespaced"],
                    "kind": info.get("kind", res["kind"]),
                    "verbs": info["verbs"],
                }
                if "group" in info:
                    srow["group"], srow["version"] = info["group"], info["version"]
                out.append(srow)
        gv = f"{group}/{version}" if group else version
        return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": out}

    # aggregated documents (apidiscovery.k8s.io/v2)
    def aggregated(self, core: bool) -> dict:
        items = []
        for group, versions in self.groups.items():
            if (group == "") != core:
                continue
            vlist = []
            for v in versions:
                resources = []
                for res in self.by_gv[(group, v)]:
                    row = {
                        "resource": res["name"],
                        "responseKind": {"group": group, "version": v, "kind": res["kind"]},
                        "scope": "Namespaced" if res["namespaced"] else "Cluster",
                        "singularResource": res["singularName"],
                        "verbs": res["verbs"],
                    }
                    for key in ("shortNames", "categories"):
                        if key in res:
                            row[key] = res[key]
                    subs = []
                    for sub, info in res.get("subresources", {}).items():
                        subs.append(
                            {
                                "subresource": sub,
                                "responseKind": {
                                    "group": info.get("group", group),
                                    "version": info.get("version", v),
                                    "kind": info.get("kind", res["kind"]),
                                },
                                "verbs": info["verbs"],
                            }
                        )
                    if subs:
                        row["subresources"] = subs
                    resources.append(row)
                vlist.append({"version": v, "resources": resources, "freshness": "Current"})
            items.append({"metadata": {"name": group, "creationTimestamp": None}, "versions": vlist})
        return {"kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": {}, "items": items}

    def openapi_root(self) -> dict:
        paths = {}
        for group, version in self.by_gv:
            key = f"apis/{group}/{version}" if group else f"api/{version}"
            paths[key] = {"serverRelativeURL": f"/openapi/v3/{key}?hash=JUDGE"}
        return {"paths": paths}

    def openapi_gv(self, group: str, version: str) -> dict | None:
        """Just enough of an OpenAPI v3 document: every operation accepts fieldValidation,
        so kubectl validates on the server (no schemas needed on the client)."""
        resources = self.by_gv.get((group, version))
        if resources is None:
            return None
        base = f"/apis/{group}/{version}" if group else f"/api/{version}"
        param = {"name": "fieldValidation", "in": "query", "schema": {"type": "string", "uniqueItems": True}}
        paths = {}
        for res in resources:
            ns = "/namespaces/{namespace}" if res["namespaced"] else ""
            gvk = {"group": group, "version": version, "kind": res["kind"]}
            for path in (f"{base}{ns}/{res['name']}", f"{base}{ns}/{res['name']}/{{name}}"):
                paths[path] = {
                    m: {"parameters": [param], "responses": {}, "x-kubernetes-group-version-kind": gvk}
                    for m in ("post", "put", "patch")
                }
        return {"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": "v1.32.5"}, "paths": paths, "components": {}}


# --- deterministic objects -----------------------------------------------------------------------


def _object(kind: str, api_version: str, name: str, namespace: str | None) -> dict:
    meta: dict = {
        "name": name,
        "uid": "00000000-0000-0000-0000-000000000001",
        "resourceVersion": "1",
        "generation": 1,
        "creationTimestamp": "2020-01-01T00:00:00Z",
        "labels": {"app": name},
    }
    if namespace is not None:
        meta["namespace"] = namespace
    obj: dict = {"apiVersion": api_version, "kind": kind, "metadata": meta}
    applied = {
        "apiVersion": api_version,
        "kind": kind,
        "metadata": {"name": name, **({"namespace": namespace} if namespace else {})},
    }
    meta["annotations"] = {"kubectl.kubernetes.io/last-applied-configuration": json.dumps(applied, sort_keys=True) + "\n"}
    container = {"name": "main", "image": "nginx:1.27", "ports": [{"containerPort": 80}]}
    template = {"metadata": {"labels": {"app": name}}, "spec": {"containers": [container]}}
    if kind == "Pod":
        obj["spec"] = {"containers": [container], "nodeName": "node-1"}
        obj["status"] = {
            "phase": "Running",
            "podIP": "10.0.0.7",
            "conditions": [{"type": "Ready", "status": "True"}],
            "containerStatuses": [
                {"name": "main", "ready": True, "restartCount": 0, "image": "nginx:1.27", "state": {"running": {}}}
            ],
        }
    elif kind in ("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ReplicationController"):
        selector = {"app": name} if kind == "ReplicationController" else {"matchLabels": {"app": name}}
        obj["spec"] = {"replicas": 1, "selector": selector, "template": template}
        if kind == "DaemonSet":
            del obj["spec"]["replicas"]
        obj["status"] = {
            "observedGeneration": 1,
            "replicas": 1,
            "updatedReplicas": 1,
            "readyReplicas": 1,
            "availableReplicas": 1,
            "currentReplicas": 1,
            "desiredNumberScheduled": 1,
            "currentNumberScheduled": 1,
            "updatedNumberScheduled": 1,
            "numberAvailable": 1,
            "numberReady": 1,
            "updateRevision": "r1",
            "currentRevision": "r1",
        }
    elif kind == "Job":
        obj["spec"] = {"selector": {"matchLabels": {"app": name}}, "template": template}
        obj["status"] = {"succeeded": 1, "conditions": [{"type": "Complete", "status": "True"}]}
    elif kind == "CronJob":
        obj["spec"] = {"schedule": "*/5 * * * *", "jobTemplate": {"spec": {"template": template}}}
    elif kind == "Service":
        obj["spec"] = {
            "selector": {"app": name},
            "ports": [{"port": 80, "targetPort": 80, "protocol": "TCP"}],
            "clusterIP": "10.96.0.9",
        }
    elif kind == "Node":
        obj["status"] = {
            "conditions": [{"type": "Ready", "status": "True"}],
            "addresses": [{"type": "InternalIP", "address": "10.1.0.1"}],
        }
    elif kind == "Namespace":
        obj["status"] = {"phase": "Active"}
    elif kind in ("ConfigMap", "Secret"):
        obj["data"] = {"key": "dmFsdWU=" if kind == "Secret" else "value"}
    return obj


def _table(objects: list[dict]) -> dict:
    return {
        "kind": "Table",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": {"resourceVersion": "1"},
        "columnDefinitions": [
            {"name": "Name", "type": "string", "format": "name", "description": "", "priority": 0},
            {"name": "Status", "type": "string", "format": "", "description": "", "priority": 0},
            {"name": "Age", "type": "string", "format": "", "description": "", "priority": 0},
            {"name": "Node", "type": "string", "format": "", "description": "", "priority": 1},
        ],
        "rows": [{"cells": [o["metadata"]["name"], "Ready", "5y", "node-1"], "object": o} for o in objects],
    }


# --- request bodies: JSON, or Kubernetes protobuf (typed clients send it for built-in kinds) -------


def _varint(data: bytes, i: int) -> tuple[int, int]:
    shift = value = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, i


def _fields(data: bytes) -> dict[int, list]:
    """The fields of one protobuf message (length-delimited ones as bytes)."""
    out: dict[int, list] = {}
    i = 0
    while i < len(data):
        tag, i = _varint(data, i)
        number, wire = tag >> 3, tag & 7
        if wire == 0:
            value, i = _varint(data, i)
        elif wire == 2:
            size, i = _varint(data, i)
            value, i = data[i : i + size], i + size
        elif wire == 1:
            value, i = data[i : i + 8], i + 8
        elif wire == 5:
            value, i = data[i : i + 4], i + 4
        else:
            raise ValueError("unsupported wire type")
        out.setdefault(number, []).append(value)
    return out


def _decode(body: bytes, content_type: str):
    """JSON as it is; a protobuf body as its bytes (deterministic: Kubernetes marshals map
    keys sorted) plus the object's name, which the answer needs."""
    if not body:
        return None
    if body.startswith(b"k8s\x00"):
        name = None
        try:
            unknown = _fields(body[4:])
            raw = _fields(unknown[2][0])
            meta = _fields(raw[1][0])
            name = meta.get(1, [b""])[0].decode() or None
        except (KeyError, IndexError, ValueError):
            pass
        return {"protobuf": body.hex(), "name": name}
    try:
        return json.loads(body)
    except ValueError:
        return body.decode("latin-1")


# --- the server ------------------------------------------------------------------------------------

_DISCOVERY_PATH = re.compile(r"^/(api|apis|api/v1|apis/[^/]+|apis/[^/]+/[^/]+)/?$")


class _Handler(Handler):
    server: _Server

    def _send(self, status: int, payload, content_type: str = "application/json") -> None:
        self.send(status, payload if isinstance(payload, bytes) else json.dumps(payload).encode(), content_type)

    def _status(self, code: int, reason: str, message: str) -> None:
        self._send(
            code,
            {
                "kind": "Status",
                "apiVersion": "v1",
                "metadata": {},
                "status": "Failure",
                "message": message,
                "reason": reason,
                "code": code,
            },
        )

    def _handle(self) -> None:
        srv = self.server
        body = self.read_body()
        url = urlsplit(self.path)
        path = url.path.rstrip("/") or "/"
        accept = self.headers.get("Accept", "")
        disc: Discovery = srv.discovery
        # discovery and OpenAPI: answered, not recorded
        if path == "/version":
            return self._send(200, {"major": "1", "minor": "32", "gitVersion": "v1.32.5", "platform": "linux/amd64"})
        if path in ("/api", "/apis") and "apidiscovery.k8s.io" in accept:
            return self._send(
                200, disc.aggregated(core=path == "/api"), "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
            )
        if path == "/api":
            return self._send(200, disc.api_versions(srv.server_address[1]))
        if path == "/apis":
            return self._send(200, disc.api_group_list())
        if path.startswith("/openapi/v3"):
            rest = path[len("/openapi/v3") :].strip("/")
            if not rest:
                return self._send(200, disc.openapi_root())
            parts = rest.split("/")
            doc = None
            if parts[0] == "api" and len(parts) == 2:
                doc = disc.openapi_gv("", parts[1])
            elif parts[0] == "apis" and len(parts) == 3:
                doc = disc.openapi_gv(parts[1], parts[2])
            return self._send(200, doc) if doc else self._status(404, "NotFound", "no such document")
        if path.startswith("/openapi"):
            return self._status(404, "NotFound", "the fake API server has no OpenAPI v2")
        if path == "/api/v1":
            return self._send(200, disc.resource_list("", "v1"))
        if path.startswith("/apis/") and path.count("/") == 3:
            _, _, group, version = path.split("/")
            doc = disc.resource_list(group, version)
            return self._send(200, doc) if doc else self._status(404, "NotFound", "no such group version")
        if path.startswith("/apis/") and path.count("/") == 2:
            group = path.split("/")[2]
            versions = disc.groups.get(group)
            if not versions:
                return self._status(404, "NotFound", "no such group")
            gvs = [{"groupVersion": f"{group}/{v}", "version": v} for v in versions]
            return self._send(
                200, {"kind": "APIGroup", "apiVersion": "v1", "name": group, "versions": gvs, "preferredVersion": gvs[0]}
            )
        # everything else is recorded
        query = tuple(
            sorted(
                # a selector is a set of requirements (kubectl builds describe's from a Go map)
                (k, ",".join(sorted(v.split(","))) if k in ("fieldSelector", "labelSelector") else v)
                for k, v in parse_qsl(url.query, keep_blank_values=True)
                if k != "timeoutSeconds"
            )
        )
        payload = _decode(body, self.headers.get("Content-Type", ""))
        if not srv.record((self.command, path, query, json.dumps(payload, sort_keys=True))):
            return self._status(500, "InternalError", "too many requests")
        return self._resource(path, dict(parse_qsl(url.query)), payload, accept)

    def _resource(self, path: str, query: dict, payload, accept: str) -> None:
        srv = self.server
        disc: Discovery = srv.discovery
        parts = path.strip("/").split("/")
        if parts[0] == "api" and len(parts) >= 2:
            group, version, rest = "", parts[1], parts[2:]
        elif parts[0] == "apis" and len(parts) >= 3:
            group, version, rest = parts[1], parts[2], parts[3:]
        else:
            return self._status(404, "NotFound", "the fake API server does not serve this")
        namespace = None
        if len(rest) >= 3 and rest[0] == "namespaces":
            namespace, rest = rest[1], rest[2:]
        plural, name, sub = rest[0], rest[1] if len(rest) > 1 else None, rest[2] if len(rest) > 2 else None
        res = disc.resource(group, version, plural)
        if res is None:
            return self._status(404, "NotFound", f"the server could not find the requested resource ({plural})")
        api_version = f"{group}/{version}" if group else version
        key = (plural, namespace, name)
        method = self.command
        if sub == "log":
            return self._send(200, f"log of {name}\n".encode(), "text/plain")
        if sub in ("exec", "attach", "portforward", "proxy"):
            return self._status(400, "BadRequest", "the fake API server does not stream")
        if method == "GET" and query.get("watch") in ("1", "true"):  # one event, then the watch ends
            wanted = re.match(r"metadata\.name=([^,]+)$", query.get("fieldSelector", ""))
            obj = _object(res["kind"], api_version, name or (wanted.group(1) if wanted else "example"), namespace)
            event = {"type": "ADDED", "object": _table([obj]) if "as=Table" in accept else obj}
            return self._send(200, json.dumps(event).encode() + b"\n", "application/json")
        if name is not None and key in srv.deleted:
            return self._status(404, "NotFound", f'{plural} "{name}" not found')
        if method == "GET" and name is None:
            wanted = re.match(r"metadata\.name=([^,]+)$", query.get("fieldSelector", ""))
            item_name = wanted.group(1) if wanted else "example"
            items = [_object(res["kind"], api_version, item_name, namespace or ("default" if res["namespaced"] else None))]
            if "as=Table" in accept:
                return self._send(200, _table(items))
            return self._send(
                200,
                {"kind": res["kind"] + "List", "apiVersion": api_version, "metadata": {"resourceVersion": "1"}, "items": items},
            )
        if method in ("GET", "PATCH") and name is not None:
            obj = _object(res["kind"], api_version, name, namespace)
            if sub == "scale":
                obj = {
                    "kind": "Scale",
                    "apiVersion": "autoscaling/v1",
                    "metadata": obj["metadata"],
                    "spec": {"replicas": 1},
                    "status": {"replicas": 1},
                }
            if method == "GET" and "as=Table" in accept:
                return self._send(200, _table([obj]))
            return self._send(200, obj)
        if method in ("POST", "PUT"):
            if isinstance(payload, dict) and "protobuf" in payload:
                return self._send(
                    201 if method == "POST" else 200,
                    _object(res["kind"], api_version, payload["name"] or name or "generated", namespace),
                )
            if isinstance(payload, dict):
                obj = copy.deepcopy(payload)
                meta = obj.setdefault("metadata", {})
                meta.setdefault("name", name or meta.get("generateName", "generated"))
                if namespace and res["namespaced"]:
                    meta.setdefault("namespace", namespace)
                obj.setdefault("apiVersion", api_version)
                obj.setdefault("kind", res["kind"])
                return self._send(201 if method == "POST" else 200, obj)
            return self._status(400, "BadRequest", "not an object")
        if method == "DELETE":
            if name is not None:
                srv.deleted.add(key)
                return self._send(200, _object(res["kind"], api_version, name, namespace))
            return self._send(200, {"kind": "Status", "apiVersion": "v1", "status": "Success", "metadata": {}})
        return self._status(405, "MethodNotAllowed", "not served")

    def do_GET(self) -> None:  # noqa: N802 - http.server's names
        self._guarded()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_GET

    def _guarded(self) -> None:
        try:
            self._handle()
        except (BrokenPipeError, ConnectionResetError):
            pass


class _Server(RecordingServer):
    """The recording server with the API's discovery, and the objects a run deleted."""

    def __init__(self) -> None:
        super().__init__(_Handler, MAX_REQUESTS)
        self.discovery = Discovery.load()
        self.deleted: set = set()

    def reset(self) -> None:
        super().reset()
        self.deleted = set()


# --- running kubectl -----------------------------------------------------------------------------


_NOISE = [
    (re.compile(r"\r"), ""),
    (re.compile(r"^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ ", re.M), "LOG "),  # klog's header: time and pid
    (re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:PORT"),
    (re.compile(r"-edit-\d+\.(yaml|json)"), r"-edit-N.\1"),  # kubectl edit's copy of the changes
    # a short name that another group's resource has too (`ev`): a warning, the same requests
    (re.compile(r"^Warning: short name \S+ could also match lower priority resource \S+\n", re.M), ""),
    (re.compile(r"\x1b\[[0-9;?]*[A-Za-z]"), ""),
]


_MANIFEST_EXT = (".yaml", ".yml", ".json")
_FILE_FLAGS = {"-f", "--filename"}
_KUSTOMIZE_FLAGS = {"-k", "--kustomize"}


def _manifest(stem: str) -> str:
    name = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "manifest"
    return json.dumps(
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": name},
            "spec": {"containers": [{"name": "main", "image": "nginx"}]},
        }
    )


def materialise(argv: list[str], work: str) -> None:
    """Create the relative files and folders a line names (manifests, kustomizations, files
    for --from-file), so that spellings of one path (``./a.yaml``, ``a.yaml``) read the same."""
    for i, word in enumerate(argv):
        flag, value = (argv[i - 1] if i else ""), word
        if word[:2] in ("-f", "-k") and len(word) > 2:  # a glued value: -fpod.yaml, -f=pod.yaml
            flag, value = word[:2], word[2:].removeprefix("=")
        elif word.startswith("-") and "=" in word:
            flag, _, value = word.partition("=")
        elif word.startswith("-"):
            continue
        for part in value.split(","):
            part = part.split("=", 1)[-1] if flag.startswith("--from-") else part
            if not part or part.startswith(("/", "-", "~")) or "://" in part or ".." in part or ":" in part:
                continue
            target = Path(work) / part
            if target.exists():
                continue
            try:
                if flag in _KUSTOMIZE_FLAGS:
                    target.mkdir(parents=True, exist_ok=True)
                    (target / "kustomization.yaml").write_text("resources:\n- pod.yaml\n")
                    (target / "pod.yaml").write_text(_manifest(target.name + "-pod"))
                elif part.endswith(_MANIFEST_EXT) and (flag in _FILE_FLAGS or not flag.startswith("-")):
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(_manifest(target.stem))
                elif flag in _FILE_FLAGS:
                    target.mkdir(parents=True, exist_ok=True)
                    (target / "pod.yaml").write_text(_manifest(target.name + "-pod"))
                elif flag.startswith("--from-") and ("/" in part or "." in part):
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text("key=value\n")
            except OSError:
                continue


_TIMESTAMP = re.compile(r"(20\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)")


def _holds_now(requests: tuple) -> bool:
    """Does a request carry the time of day (``rollout restart``'s restartedAt)? Two runs in
    one second would agree, and a third line could not be compared with them."""
    import calendar

    now = time.time()
    for m in _TIMESTAMP.finditer(repr(requests)):
        try:
            stamp = calendar.timegm(tuple(int(x) for x in m.groups()) + (0, 0, 0))
        except (ValueError, OverflowError):
            continue
        if abs(stamp - now) < 2 * 86400:
            return True
    return False


class Judge(ProgramJudge):
    """``with Judge() as j: j.meaning("kubectl get pods")`` → (requests, output, kubeconfig),
    or None when two runs of the line do not agree (or time out)."""

    def __init__(self, kubectl: str | None = None, timeout: float = 4.0, runs: int = 2) -> None:
        super().__init__(runs)
        self.kubectl = kubectl or kubectl_binary()
        self.timeout = timeout
        self._confirmed: dict[tuple[str, ...], bool] = {}

    def __enter__(self) -> Judge:
        self.dir = tempfile.TemporaryDirectory(prefix="dockquiz-kubectl-judge-")
        self.server = _Server().start()
        self.port = self.server.port
        return self

    def __exit__(self, *exc) -> None:
        self.server.stop()
        self.dir.cleanup()

    def run(self, argv: list[str]) -> tuple | None:
        """(requests, output, kubeconfig left) of one run of a ``kubectl …`` line, or None
        when it timed out or overflowed the server."""
        if argv and argv[0] == "kubectl":
            argv = argv[1:]
        work = tempfile.mkdtemp(dir=self.dir.name)
        config = os.path.join(work, "config")
        with open(config, "w", encoding="utf-8") as fh:
            fh.write(_KUBECONFIG.format(port=self.port))
        materialise(argv, work)
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": work,
            "KUBECONFIG": config,
            "KUBECACHEDIR": os.path.join(work, "cache"),  # not --cache-dir: a flag before the verb changes how kubectl reads it
            "EDITOR": "true",
            "KUBE_EDITOR": "true",
            "TERM": "dumb",
            "LANG": "C",
            "TZ": "UTC",
            "TMPDIR": work,
            # nothing leaves the machine: a manifest URL meets a closed port on loopback
            "HTTP_PROXY": "http://127.0.0.1:9",
            "HTTPS_PROXY": "http://127.0.0.1:9",
            "NO_PROXY": "127.0.0.1",
        }
        self.server.reset()
        # stdin and stdout on one terminal, stderr on another: the two streams are read apart,
        # so that their interleaving (which varies from run to run) does not count
        master, slave = pty.openpty()
        err_master, err_slave = pty.openpty()
        try:
            proc = subprocess.Popen(
                [self.kubectl, *argv],
                stdin=slave,
                stdout=slave,
                stderr=err_slave,
                env=env,
                cwd=work,
                start_new_session=True,
            )
        finally:
            os.close(slave)
            os.close(err_slave)
        chunks: dict[int, list[bytes]] = {master: [], err_master: []}
        open_fds = [master, err_master]
        deadline = time.monotonic() + self.timeout
        try:
            while open_fds and time.monotonic() < deadline:
                ready, _, _ = select.select(open_fds, [], [], 0.05)
                for fd in ready:
                    try:
                        data = os.read(fd, 65536)
                    except OSError:  # every end of the terminal is closed: the program is gone
                        data = b""
                    if data:
                        chunks[fd].append(data)
                    else:
                        open_fds.remove(fd)
            while proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.01)
            timed_out = proc.poll() is None
            if timed_out:  # waiting on something (a stream, a watch, a prompt): it cannot tell
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        finally:
            os.close(master)
            os.close(err_master)
        requests, overflow = self.server.taken()
        left = Path(config).read_text("utf-8") if os.path.exists(config) else ""
        shutil.rmtree(work, ignore_errors=True)
        if timed_out or overflow:
            return None
        output = "\n".join(b"".join(chunks[fd]).decode("utf-8", "replace") for fd in (master, err_master)).replace(work, "WORK")
        for pattern, repl in _NOISE:
            output = pattern.sub(repl, output)
        left = left.replace(work, "WORK")
        return requests, output, left, proc.returncode

    def repeatable(self, first: tuple) -> bool:
        return not _holds_now(first[0])

    def apart(self, a: list[str], ma: tuple, b: list[str], mb: tuple) -> bool:
        """A pair found different is confirmed by a third run of each side: a side whose output
        varies from run to run (a map's order) can have had two runs agree by chance."""
        return self._again(a, ma) and self._again(b, mb)

    def _again(self, argv: list[str], meaning: tuple) -> bool:
        """One more run of a line said to differ: does it still mean what it meant? (once a line)"""
        key = tuple(argv)
        if key not in self._confirmed:
            self._confirmed[key] = self.run(list(argv)) == meaning
            if not self._confirmed[key]:
                self._cache[key] = None
        return self._confirmed[key]
