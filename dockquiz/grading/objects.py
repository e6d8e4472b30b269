"""Positionals that name API objects, read the way kubectl's resource builder reads them.

The facts are the API's (an overlay's ``[resources]``: each resource's plural, group,
version, kind, singular and short names, as discovery publishes them) and which commands
read objects and how (``[objects]``). This module only knows the rules of reading:

- a type is spelled by its plural, singular or kind in any case, by a short name as
  written, any of them qualified by ``.group`` or ``.version.group``;
- ``TYPE[,TYPE…] NAME…`` names every NAME of every TYPE, in that order, and is the same as
  ``TYPE/NAME…``; ``TYPE`` alone names the whole type;
- an argument with ``=`` or ``:`` or a trailing ``-`` (a label, an annotation, an image, a
  taint: no object's name has them) ends the objects;
- ``typed``: ``TYPE NAME…`` only (taint: a TYPE/NAME is no type);
- ``one``: one object, ``TYPE NAME`` or ``TYPE/NAME``; ``pod``: a bare NAME is a pod's;
  ``field``: ``TYPE[.FIELD…]`` (explain).

Each object becomes a token: its canonical spelling (``deployments.apps/web``) to compare,
and a spelling for people (the type as typed: ``deploy/web``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

MODES = ("names", "typed", "one", "pod", "field")
NOT_AN_OBJECT = "\x00"  # marks a compared spelling that names no object (taint's ``nodes/n1``: kubectl refuses it)


@dataclass
class ResourceTable:
    exact: dict[str, str] = field(default_factory=dict)  # short names, as written
    folded: dict[str, str] = field(default_factory=dict)  # plural, singular, kind: lower case
    pods: str = "pods"

    @classmethod
    def from_facts(cls, facts: dict[str, dict]) -> ResourceTable:
        """``{"deployments.apps": {"kind": "Deployment", "singular": "deployment", "short":
        ["deploy"], "version": "v1"}, …}``; the first resource listed wins a spelling (kubectl
        prefers the core group: ``events`` is core's, not events.k8s.io's)."""
        table = cls()
        for key, info in facts.items():
            plural, _, group = key.partition(".")
            names = [plural, str(info.get("singular", "")), str(info.get("kind", ""))]
            shorts = [str(s) for s in info.get("short", [])]
            suffixes = [""]
            if group:
                suffixes += [f".{group}"] + ([f".{info['version']}.{group}"] if info.get("version") else [])
            for suffix in suffixes:
                for name in names:
                    if name:
                        table.folded.setdefault((name + suffix).lower(), key)
                for short in shorts:
                    table.exact.setdefault(short + suffix, key)
            if info.get("kind") == "Pod" and not group:
                table.pods = key
        return table

    def key(self, word: str) -> str | None:
        return self.exact.get(word) or self.folded.get(word.lower())


@dataclass(frozen=True, slots=True)
class Token:
    canonical: str
    shown: str
    index: int | None  # the positional it stands for (None: an object, which has no value kind)


def _type_key(word: str, table: ResourceTable) -> str:
    return table.key(word) or word


def _one(word: str, table: ResourceTable, default: str | None) -> Token | None:
    head, slash, name = word.partition("/")
    if slash and head:
        return Token(f"{_type_key(head, table)}/{name}", word, None)
    if default is not None:
        return Token(f"{default}/{word}", word, None)
    return None


def _ends_objects(word: str) -> bool:
    return "=" in word or ":" in word or (word.endswith("-") and len(word) > 1)


def read(args: list[str] | tuple[str, ...], mode: str, table: ResourceTable) -> list[Token]:
    """The positionals as tokens: objects first (by ``mode``), the other arguments as they are."""
    args = list(args)
    if not args:
        return []
    if mode == "field":
        head, dot, path = args[0].partition(".")
        first = Token(_type_key(head, table) + dot + path, args[0], None)
        return [first, *(Token(a, a, i) for i, a in enumerate(args[1:], 1))]
    if mode == "pod":
        first = _one(args[0], table, table.pods)
        rest = [Token(a, a, i) for i, a in enumerate(args[1:], 1)]
        return [first, *rest] if first else rest
    end = next((i for i, a in enumerate(args) if _ends_objects(a)), len(args))
    region, rest = args[:end], [Token(a, a, i) for i, a in enumerate(args[end:], end)]
    if not region:
        return rest
    if mode == "one":
        region, extra = (region[:1], region[1:]) if "/" in region[0] else (region[:2], region[2:])
        rest = [Token(a, a, i) for i, a in enumerate(extra, len(region))] + rest
    if mode == "typed" and "/" in region[0]:  # not a type: as typed, never equal to an object's spelling
        return [Token(NOT_AN_OBJECT + a, a, i) for i, a in enumerate(region)] + rest
    if mode != "typed" and any("/" in a for a in region):  # TYPE/NAME… (kubectl refuses a mix: kept as typed then)
        tokens = [_one(a, table, None) or Token(a, a, i) for i, a in enumerate(region)]
        return tokens + rest
    types = region[0].split(",")
    names = region[1:]
    if not names:
        return [Token(_type_key(t, table), t, None) for t in types] + rest
    return [Token(f"{_type_key(t, table)}/{n}", f"{t}/{n}", None) for t in types for n in names] + rest
