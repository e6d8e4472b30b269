"""Facts of the Compose plugin's grammar, read from its own sources (the plugin is not
installed where the grammar is kept): every command's name, aliases, whether options stop at
the first positional, and each flag's spellings (shorthand, the names a normalize function
maps), whether it takes a value, repeats, is on by default, is hidden or deprecated.

    python bench/compose_facts.py COMPOSE_SOURCE [OUT.json]

COMPOSE_SOURCE: a checkout of github.com/docker/compose or its git directory. Writes
tests/fixtures/compose-facts.json by default (tests/test_compose_grammar.py holds
content/cli/compose.toml to it). Reads the cobra definitions in cmd/compose/*.go with
regular expressions: facts, not code, come out.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

_FUNC = re.compile(r"^func (?:\([^)]*\) )?(\w+)\(", re.M)
_USE = re.compile(r'Use:\s*(?:["`]([\w-]+)|\w+)')  # the root's is a constant (PluginName)
_ALIASES = re.compile(r"Aliases:\s*\[\]string\{([^}]*)\}")
_FLAG = re.compile(
    r"\.(Bool|String|StringArray|StringSlice|Int|Int64|Uint64|Float64|Duration|Var)(Var)?(P)?\(\s*"
    r"(?:&?[\w.\[\]]+(?:\(\))?,\s*)?"  # the variable, for *Var forms
    r'"([\w-]+)"(?:,\s*"(\w?)")?(?:,\s*(true)\b)?'
)
_HIDDEN = re.compile(r'MarkHidden\("([\w-]+)"\)')
_DEPRECATED = re.compile(r'MarkDeprecated\("([\w-]+)"')
_ADD = re.compile(r"AddCommand\(([^;]*?)\)\s*$", re.M | re.S)
_CALL = re.compile(r"(\w+Command)\(")
_NORMALISE = re.compile(r'(?:if name == |case )"([\w-]+)"[^\n]*\n\s*name = "([\w-]+)"')


def _sources(source: Path) -> dict[str, str]:
    if (source / "cmd" / "compose").is_dir():
        return {p.name: p.read_text("utf-8") for p in sorted((source / "cmd" / "compose").glob("*.go"))}
    names = subprocess.run(
        ["git", "--git-dir", str(source), "ls-tree", "--name-only", "HEAD", "cmd/compose/"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    out = {}
    for name in names:
        if name.endswith(".go") and not name.endswith("_test.go"):
            out[Path(name).name] = subprocess.run(
                ["git", "--git-dir", str(source), "show", f"HEAD:{name}"], capture_output=True, text=True, check=True
            ).stdout
    return out


def _blocks(text: str) -> list[tuple[str, str]]:
    starts = [(m.start(), m.group(1)) for m in _FUNC.finditer(text)]
    return [(name, text[pos : starts[i + 1][0] if i + 1 < len(starts) else len(text)]) for i, (pos, name) in enumerate(starts)]


def _flags(body: str, funcs: dict[str, str]) -> list[dict]:
    hidden, deprecated = set(_HIDDEN.findall(body)), set(_DEPRECATED.findall(body))
    looked_at = set(re.findall(r'Changed\("([\w-]+)"\)', body))  # told typed from not typed
    renamed: dict[str, list[str]] = {}
    normalisers = body + "".join(funcs.get(name, "") for name in re.findall(r"SetNormalizeFunc\((\w+)\)", body))
    for old, new in _NORMALISE.findall(normalisers):
        renamed.setdefault(new, []).append(old)
    out = []
    for m in _FLAG.finditer(body):
        kind, _, _, name, short, on = m.groups()
        flags = ([f"-{short}"] if short else []) + [f"--{name}"] + [f"--{n}" for n in renamed.get(name, [])]
        out.append(
            {
                "flags": flags,
                "value": kind != "Bool",
                "repeat": kind in ("StringArray", "StringSlice"),
                "on": kind == "Bool" and on == "true",
                "changed": name in looked_at,
                "hidden": name in hidden,
                "deprecated": name in deprecated,
            }
        )
    return out


def facts(source: Path) -> dict:
    funcs: dict[str, str] = {}
    for text in _sources(source).values():
        for name, body in _blocks(text):
            funcs[name] = body
    project = _flags(funcs.get("addProjectFlags", ""), funcs)
    commands: dict[str, dict] = {}

    def visit(func: str, parent: str) -> None:
        body = funcs.get(func, "")
        use = _USE.search(body)
        if not use:
            return
        path = parent if func == "RootCommand" else f"{parent} {use.group(1)}"
        aliases = [
            a.strip().strip('"')
            for a in (_ALIASES.search(body).group(1).split(",") if _ALIASES.search(body) else [])
            if a.strip()
        ]
        options = _flags(body, funcs) + (project if func == "RootCommand" else [])
        usage = re.search(r'Use:\s*["`]([^"`]*)', body)
        commands[path] = {
            "usage": " ".join(usage.group(1).split()) if usage else "",
            "aliases": aliases,
            "interspersed": "SetInterspersed(false)" not in body,
            "options": options,
        }
        for add in _ADD.finditer(body):
            for child in _CALL.findall(add.group(1)):
                if child != func:
                    visit(child, path)

    visit("RootCommand", "docker compose")
    return commands


def main() -> None:
    source = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / "tests" / "fixtures" / "compose-facts.json"
    commit = subprocess.run(
        ["git", "--git-dir", str(source if not (source / ".git").exists() else source / ".git"), "rev-parse", "HEAD"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    doc = {"source": f"github.com/docker/compose cmd/compose (commit {commit or 'unknown'})", "commands": facts(source)}
    out.write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"{len(doc['commands'])} commands, {sum(len(c['options']) for c in doc['commands'].values())} options -> {out}")


if __name__ == "__main__":
    main()
