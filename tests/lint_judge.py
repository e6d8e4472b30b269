"""Lint's claims held to the real programs (tests/judge.py: the docker client against a
recording fake Engine; tests/kubectl_judge.py: kubectl 1.32 against a fake API server;
tests/git_judge.py: git in a fixture repository).

Lines: real lines of the fixtures, and the same lines with the mistakes notes hold, made by
rule (a flag misspelt, an en dash for the hyphens, a value left off, an option moved after
docker run's image, kubectl exec's `--` dropped, git's `-m=msg`, a subcommand misspelt).
For each line lint says one of: clean, refused (the program errors, nothing runs) or read
differently (it runs, but not as the fix does). The program then says whether it refused the
line (docker: no request reached the Engine; kubectl: a failure with no request; git: exit
129, or not a git command) and, for "read differently", whether the line and lint's fix do
the same thing. Agreement: the share of decidable lines where both say the same.
"""

from __future__ import annotations

import random
import shlex
from dataclasses import dataclass

from dockquiz.grading.explain import explain
from dockquiz.lint import check_line


@dataclass(frozen=True)
class Case:
    line: str
    mutation: str  # "original" or how it was made wrong
    original: str = ""  # the real line it was made from


def claim(line: str) -> tuple[str, str | None]:
    """("clean" | "refused" | "otherwise", the fixed line)."""
    findings, fix = check_line(line)
    if not findings:
        return "clean", None
    return ("refused" if any(f.refused for f in findings) else "otherwise"), fix


def _swap(word: str, rnd: random.Random) -> str | None:
    body = word.lstrip("-")
    if len(body) < 4:
        return None
    i = rnd.randrange(1, len(body) - 2)
    if body[i] == body[i + 1]:
        return None
    lead = word[: len(word) - len(body)]
    return lead + body[:i] + body[i + 1] + body[i] + body[i + 2 :]


def mutations(line: str, rnd: random.Random) -> list[Case]:
    """The line, and the line with each kind of mistake that fits it."""
    out = [Case(line, "original", line)]
    try:
        words = shlex.split(line)
    except ValueError:
        return out
    e = explain(line)
    if len(e.commands) != 1 or not e.commands[0].known:
        return out
    parts = e.commands[0].parts
    program = words[0]
    longs = [p for p in parts if p.role == "option" and p.known and p.typed.startswith("--")]
    if longs:
        opt = longs[0]
        flag = opt.typed.split(" ")[0].partition("=")[0]
        wrong = _swap(flag, rnd)
        if wrong and wrong not in opt.spellings:
            out.append(Case(line.replace(flag, wrong, 1), "misspelt_flag", line))
        out.append(Case(line.replace(flag, "–" + flag[2:], 1), "en_dash", line))
    command = next((p for p in parts if p.role == "command" and p.known), None)
    if command is not None:
        sub = command.typed.split(" ")[-1]
        wrong = _swap(sub, rnd)
        if wrong and f" {sub}" in line:
            out.append(Case(line.replace(f" {sub}", f" {wrong}", 1), "misspelt_command", line))
    valued = [
        p for p in parts if p.role == "option" and p.known and p.takes_value and " " in p.typed and p.typed.startswith("--")
    ]
    interspersed = command is not None and command.name not in ("docker run", "docker create", "docker exec")
    if valued and interspersed and line.endswith(valued[-1].typed):
        out.append(Case(line[: -len(valued[-1].typed.split(" ", 1)[1])].rstrip(), "missing_value", line))
    if command is not None and command.name in ("docker run", "docker create"):
        image = next((p for p in parts if p.role == "argument"), None)
        opts = [p for p in parts if p.role == "option" and p.known]
        if image is not None and opts:
            moved = opts[0].typed
            rest = line.replace(" " + moved, "", 1)
            at = rest.find(" " + image.typed)
            if at > 0:
                out.append(
                    Case(rest[: at + len(image.typed) + 1] + " " + moved + rest[at + len(image.typed) + 1 :], "after_image", line)
                )
    if program == "kubectl" and command is not None and command.name == "kubectl exec" and " -- " in line:
        out.append(Case(line.replace(" -- ", " ", 1), "exec_dash", line))
    if program == "git":
        for p in parts:
            if p.role == "option" and p.known and p.takes_value and len(p.typed.split(" ")[0]) == 2 and " " in p.typed:
                flag, value = p.typed.split(" ", 1)
                if len(shlex.split(value)) == 1:
                    out.append(Case(line.replace(p.typed, f"{flag}={value}", 1), "equals_value", line))
                break
    return out


def refused(program: str, result) -> bool:
    """Did the program refuse the line? (``result``: the judge's meaning, not None)."""
    if program == "docker":
        return result == ()
    if program == "kubectl":  # cobra's usage errors end with where to read the usage
        requests, output, _left, code = result
        usage = any(s in output for s in ("for help and examples", "for usage.", "not supported anymore", "unknown command"))
        return code != 0 and not requests and usage
    # git: in both fixture variants, a usage error (129), an argument log's family does not
    # know or a stash subcommand that is none (128, with that message), an unknown command
    return all(
        r[0] == 129
        or (r[0] == 128 and r[2].startswith((b"fatal: unrecognized argument", b"fatal: subcommand wasn't specified")))
        or b"is not a git command" in r[2]
        for r in result
    )


# Commands the fake Engine cannot tell about: they send it nothing even when fine (the build
# goes to BuildKit, a context or a login is the client's own file).
# kubectl's top and explain need APIs the fake server does not serve (metrics, schemas).
UNJUDGED = {
    "docker": {"build", "builder", "buildx", "context", "login", "logout", "compose", "image build"},
    "kubectl": {"top", "explain"},
}


def verdict(program: str, judge, case: Case) -> tuple[str, str, bool] | None:
    """(lint's claim, the program's, agree) for one line, or None when the program cannot tell."""
    said, fix = claim(case.line)
    try:
        argv = shlex.split(case.line)
    except ValueError:
        return None
    if len(argv) > 1 and (argv[1] in UNJUDGED.get(program, ()) or " ".join(argv[1:3]) in UNJUDGED.get(program, ())):
        return None
    got = judge.meaning(argv)
    if got is None:
        return None
    if case.mutation != "original":  # a mistake tells only where the real line itself runs
        real_line = judge.meaning(shlex.split(case.original))
        if real_line is None or refused(program, real_line) or (program == "git" and all(r[0] != 0 for r in real_line)):
            return None
    if said == "otherwise":
        if fix is None:
            return None
        fixed = judge.meaning(shlex.split(fix))
        if fixed is None or refused(program, fixed):
            return None
        real = "refused" if refused(program, got) else ("otherwise" if got != fixed else "clean")
        return said, real, real != "clean"  # refused is read differently too: not as meant
    real = "refused" if refused(program, got) else "clean"
    return said, real, said == real
