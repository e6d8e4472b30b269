"""Real terraform as a judge of what a command line means (no providers, no network).

One fixture, built by terraform itself: a configuration of two ``terraform_data`` resources
(terraform's built-in provider: nothing is downloaded), two variables, two outputs, a file
``fmt`` would rewrite, a ``prod.tfvars`` and a module-less ``sub/`` directory. It comes in two
variants: *fresh* (``init`` only) and *applied* (``apply`` done: a state with both resources).

A command line (argv from ``shlex.split``, never a shell) runs in a fresh copy of each variant,
stdin ``/dev/null``, with ``TF_IN_AUTOMATION=1``, ``CHECKPOINT_DISABLE=1`` (no version check),
an empty CLI configuration, proxies that lead nowhere, and a timeout. Its result: exit code;
stdout and stderr; every file the copy holds afterwards (a plan file by its members, its
binary plan through ``terraform show -json``). Random and clock values are masked (UUIDs, a
state's lineage, timestamps, a backup's time in its name); the copy's path too; lines about
each resource as it is worked on are compared in sorted order (terraform works in parallel).

Two spellings mean the same iff their results are the same in both variants. Each line runs
twice per variant: a line whose runs differ is undecidable (None); so is one that names a path
outside the copy or a command that reaches outside it (``login``, ``logout``, ``console``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

TIMEOUT = 30.0
NOT_RUN = frozenset({"login", "logout", "console", "force-unlock"})
VARIANTS = ("fresh", "applied")

MAIN_TF = """variable "name" {
  type    = string
  default = "web"
}

variable "size" {
  type    = number
  default = 1
}

resource "terraform_data" "web" {
  input = var.name
}

resource "terraform_data" "db" {
  input = var.size
}

output "name" {
  value = terraform_data.web.output
}

output "size" {
  value = var.size
}
"""
STYLE_TF = "locals {\n  a   = 1\n  bb = 2\n}\n"  # fmt aligns it
SUB_TF = 'output "where" {\n  value = "sub"\n}\n'

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)")
_STAMP = re.compile(r"\.\d{10}\.backup$")  # terraform.tfstate.1733337000.backup
_PROGRESS = re.compile(r"^(?:\x1b\[[0-9;]*m)*terraform_data\.\w+: ")
_OUTSIDE = re.compile(r"^(?:/|~)|(?:^|[=:,])(?:/|~)|(?:^|/|=)\.\.(?:/|$)")


def available() -> bool:
    return shutil.which("terraform") is not None


def runnable(argv: list[str]) -> bool:
    """A terraform line the fixture may run: no path outside the copy, nothing that reaches out."""
    if not argv or argv[0] != "terraform":
        return False
    if any(w in NOT_RUN for w in argv[1:3]):
        return False
    return not any(_OUTSIDE.search(w) for w in argv[1:])


class Judge:
    """The fixture's two variants (built once) and the runs of command lines in copies."""

    def __init__(self, repeats: int = 1) -> None:
        self.repeats = repeats
        self._meanings: dict[tuple[str, ...], tuple | None] = {}
        self.root = Path(tempfile.mkdtemp(prefix="tfjudge-"))
        (self.root / "home").mkdir()
        (self.root / "tfrc").write_text("")
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.root / "home"),
            "TF_CLI_CONFIG_FILE": str(self.root / "tfrc"),
            "TF_IN_AUTOMATION": "1",
            "CHECKPOINT_DISABLE": "1",
            "HTTPS_PROXY": "http://127.0.0.1:9",
            "HTTP_PROXY": "http://127.0.0.1:9",
            "NO_PROXY": "",
            "LC_ALL": "C",
            "TZ": "UTC",
        }
        for variant in VARIANTS:
            base = self.root / variant
            (base / "sub").mkdir(parents=True)
            (base / "main.tf").write_text(MAIN_TF)
            (base / "style.tf").write_text(STYLE_TF)
            (base / "prod.tfvars").write_text('name = "api"\n')
            (base / "sub" / "main.tf").write_text(SUB_TF)
            self._must(["terraform", "init", "-input=false", "-no-color"], base)
            if variant == "applied":
                self._must(["terraform", "apply", "-input=false", "-no-color", "-auto-approve"], base)

    def __enter__(self) -> Judge:
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def _terraform(self, argv: list[str], cwd: Path) -> subprocess.CompletedProcess:
        return subprocess.run(argv, cwd=cwd, env=self.env, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)

    def _must(self, argv: list[str], cwd: Path) -> None:
        done = self._terraform(argv, cwd)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)}: {done.stderr.decode(errors='replace')[:500]}")

    def _mask(self, text: str, where: Path) -> str:
        text = text.replace(str(where), "<DIR>")
        text = _UUID.sub("<UUID>", text)
        return _TIME.sub("<TIME>", text)

    def _printed(self, text: str, where: Path) -> str:
        """What a run prints, masked; a run of lines about resources (``terraform_data.db:
        Refreshing state...``) in sorted order: terraform works on resources in parallel."""
        lines, group = [], []
        for line in self._mask(text, where).splitlines():
            if _PROGRESS.match(line):
                group.append(line)
                continue
            lines += sorted(group) + [line]
            group = []
        return "\n".join(lines + sorted(group))

    def _files(self, where: Path) -> tuple:
        out = []
        for path in sorted(p for p in where.rglob("*") if p.is_file()):
            name = _STAMP.sub(".<STAMP>.backup", str(path.relative_to(where)))
            data = path.read_bytes()
            if zipfile.is_zipfile(path):
                out.append((name, self._plan(path, where)))
            else:
                out.append((name, self._mask(data.decode("utf-8", "replace"), where)))
        return tuple(out)

    def _plan(self, path: Path, where: Path) -> tuple:
        """A plan file: its members (the binary plan as ``terraform show -json`` reads it)."""
        members = []
        with zipfile.ZipFile(path) as z:
            for member in sorted(z.namelist()):
                if member != "tfplan":
                    members.append((member, self._mask(z.read(member).decode("utf-8", "replace"), where)))
        shown = self._terraform(["terraform", "show", "-json", str(path)], where)
        try:
            plan = json.loads(shown.stdout)
            plan.pop("timestamp", None)
            members.append(("show -json", self._mask(json.dumps(plan, sort_keys=True), where)))
        except ValueError:
            members.append(("show -json", f"exit {shown.returncode}"))
        return tuple(members)

    def run(self, argv: list[str], variant: str) -> tuple:
        """(exit code, stdout, stderr, files) of one run in a fresh copy of a variant."""
        where = Path(tempfile.mkdtemp(dir=self.root, prefix="run-"))
        try:
            shutil.copytree(self.root / variant, where, dirs_exist_ok=True)
            try:
                done = self._terraform(argv, where)
                code, out, err = done.returncode, done.stdout, done.stderr
            except subprocess.TimeoutExpired:
                code, out, err = "timeout", b"", b""
            return (
                code,
                self._printed(out.decode("utf-8", "replace"), where),
                self._printed(err.decode("utf-8", "replace"), where),
                self._files(where),
            )
        finally:
            shutil.rmtree(where, ignore_errors=True)

    def meaning(self, argv: list[str]) -> tuple | None:
        """What the line does in each variant; None when it may not run or runs differ."""
        key = tuple(argv)
        if key not in self._meanings:
            self._meanings[key] = self._meaning(argv)
        return self._meanings[key]

    def _meaning(self, argv: list[str]) -> tuple | None:
        if not runnable(argv):
            return None
        results = []
        for variant in VARIANTS:
            runs = [self.run(argv, variant) for _ in range(1 + self.repeats)]
            if any(r != runs[0] for r in runs[1:]):
                return None
            results.append(runs[0])
        return tuple(results)

    def verdict_again(self, a: list[str], b: list[str]) -> str | None:
        """The verdict from fresh runs of both lines (their earlier runs forgotten)."""
        for argv in (a, b):
            self._meanings.pop(tuple(argv), None)
        return self.verdict(a, b)

    def verdict(self, a: list[str], b: list[str]) -> str | None:
        """``same``; ``exit`` (one side fails where the other does not, or fails otherwise),
        ``effect`` (the files end differently), ``output`` (only what is printed differs);
        None when the fixture cannot tell."""
        ma, mb = self.meaning(a), self.meaning(b)
        if ma is None or mb is None:
            return None
        if ma == mb:
            return "same"
        if any(ra[0] != rb[0] for ra, rb in zip(ma, mb)):
            return "exit"
        if any(ra[3] != rb[3] for ra, rb in zip(ma, mb)):
            return "effect"
        return "output"
