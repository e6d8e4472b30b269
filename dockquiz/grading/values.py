"""Comparing single values: placeholders, image references, paths, near misses (typos)."""

from __future__ import annotations

import re
from functools import lru_cache

from dockquiz.grading.lexer import PH_CLOSE, PH_OPEN

_SENTINEL = re.compile(f"{PH_OPEN}\\d+{PH_CLOSE}")


def canonical_image(ref: str) -> str:
    for prefix in ("docker.io/", "index.docker.io/", "registry-1.docker.io/"):
        if ref.startswith(prefix):
            ref = ref[len(prefix) :]
            break
    if ref.startswith("library/"):
        ref = ref[len("library/") :]
    if "@" not in ref and ":" not in ref.rsplit("/", 1)[-1]:
        ref += ":latest"
    return ref


def canonical_path(path: str) -> str:
    while path.startswith("./") and len(path) > 2:
        path = path[2:]
    if path in ("./", ""):
        return "."
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return path


_REVISION = re.compile(r"(@|[A-Za-z0-9_][\w./@{}-]*?)?((?:[~^]\d*)*)")
_STEP = re.compile(r"([~^])(\d*)")


def _one_revision(rev: str) -> str:
    """``HEAD^`` = ``HEAD~`` = ``HEAD~1`` = ``@~1``, ``HEAD^^`` = ``HEAD~2``; ``HEAD^2`` (the
    second parent) stays itself."""
    m = _REVISION.fullmatch(rev)
    if not m or (not m.group(1) and not m.group(2)):
        return rev
    base, suffix = m.group(1) or "HEAD", m.group(2)
    if base == "@":
        base = "HEAD"
    out, walk = [], 0
    for op, digits in _STEP.findall(suffix):
        n = int(digits) if digits else 1
        if op == "~" or n == 1:
            walk += n
            continue
        if walk:
            out.append(f"~{walk}")
            walk = 0
        out.append(f"^{n}")
    if walk:
        out.append(f"~{walk}")
    return base + "".join(out)


def canonical_revision(value: str) -> str:
    """A git revision or range in one spelling: each end of ``A..B`` / ``A...B`` (an empty end
    is ``HEAD``), its ``~``/``^`` steps counted."""
    for dots in ("...", ".."):
        if dots in value:
            left, _, right = value.partition(dots)
            if dots == ".." and (left.endswith(".") or right.startswith(".")):
                return value
            return _one_revision(left or "HEAD") + dots + _one_revision(right or "HEAD")
    if value == "@" or value[:1] == "@" and value[1:2] in ("~", "^"):
        return _one_revision(value)
    return _one_revision(value) if any(c in value for c in "~^") else value


_SIZE = re.compile(r"(\d+(?:\.\d*)?|\.\d+) ?(?:([kmgtp])(?:b|ib)?|b)?")
_UNITS = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}


def canonical_bytes(value: str) -> str:
    """A size as Docker's client reads it (go-units' RAMInBytes: binary units, any case, an
    optional ``b`` or ``ib``): ``512m`` = ``512M`` = ``512MiB`` = ``536870912``."""
    m = _SIZE.fullmatch(value.lower())
    if m is None:
        return value
    return str(int(float(m.group(1)) * _UNITS.get(m.group(2) or "", 1)))


def canonical(value: str, kind: str | None) -> str:
    if PH_OPEN in value:
        return value
    if kind == "image":
        return canonical_image(value)
    if kind == "path":
        return canonical_path(value)
    if kind == "revision":
        return canonical_revision(value)
    if kind == "bytes":
        return canonical_bytes(value)
    return value


@lru_cache(maxsize=8192)
def _pattern(token: str) -> re.Pattern[str]:
    parts = _SENTINEL.split(token)
    return re.compile(".+".join(re.escape(p) for p in parts), re.DOTALL)


def is_pure_placeholder(token: str | None) -> bool:
    return token is not None and _SENTINEL.fullmatch(token) is not None


def value_match(expected: str | None, typed: str | None, kind: str | None = None) -> bool:
    """Does ``typed`` fill ``expected``? Placeholders in expected match any value."""
    if expected is None or typed is None:
        return expected is typed
    if PH_OPEN in expected:
        return _pattern(expected).fullmatch(typed) is not None
    if expected == typed:
        return True
    return kind is not None and canonical(expected, kind) == canonical(typed, kind)


def distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance (a transposition counts as one edit)."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit and (i < 2 or min(prev) > limit):  # no alignment gets back under the limit
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


_NUMBERS = re.compile(r"\d+")


def near(expected: str, typed: str) -> bool:
    """A near miss: one edit for short words, two for longer ones; the numbers must agree, in order."""
    if expected == typed or not expected or not typed or PH_OPEN in expected:
        return False
    core = expected.lstrip("-")
    allowed = 1 if len(core) <= 5 else 2
    if len(core) < 2 or abs(len(expected) - len(typed)) > allowed:
        return False
    if _NUMBERS.findall(expected) != _NUMBERS.findall(typed):  # 80:8080 for 8080:80 is no slip
        return False
    return distance(expected, typed, allowed) <= allowed


_PARTS = re.compile(r"[:=\s]")


def swapped(expected: str | None, typed: str | None) -> bool:
    """The same parts in another order (``80:8080`` for ``8080:80``, ``b=a`` for ``a=b``): a
    mapping the other way round, which means something else, never a near miss."""
    if not expected or not typed or expected == typed:
        return False
    e, t = _PARTS.split(expected), _PARTS.split(typed)
    return len(e) > 1 and sorted(e) == sorted(t) and e != t
