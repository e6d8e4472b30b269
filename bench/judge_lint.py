"""Lint's claims against the real programs (tests/lint_judge.py): real lines of docker,
kubectl and git, and the same lines with the mistakes notes hold, each run by the program.

    python bench/judge_lint.py [MAX_LINES_PER_PROGRAM] [SEED] [--program docker|kubectl|git]

Prints, per program and per kind of line: lines checked (decidable), agreement, and the
disagreements (lint's claim, the program's) with examples.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "tests"))


def real_lines(program: str) -> list[str]:
    if program == "docker":
        from judge_pairs import usable
        from test_docker_judge import OWN_LINES, fixture_lines

        return [ln for ln in dict.fromkeys(OWN_LINES + fixture_lines()) if usable(ln)]
    if program == "kubectl":
        from kubectl_pairs import lines, usable

        return [ln for ln in lines() if usable(ln)]
    from git_judge import command_lines
    from git_pairs import usable

    return [ln for ln in dict.fromkeys(command_lines(HERE / "tests" / "fixtures" / "git-lines.txt")) if usable(ln)]


def judge_for(program: str):
    if program == "docker":
        from judge import Judge
    elif program == "kubectl":
        from kubectl_judge import Judge
    else:
        from git_judge import Judge
    return Judge()


def run(program: str, limit: int, seed: int) -> tuple[int, int]:
    from lint_judge import mutations, verdict

    rnd = random.Random(seed)
    lines = real_lines(program)
    rnd.shuffle(lines)
    cases = [c for ln in lines[:limit] for c in mutations(ln, rnd)]
    by_kind: dict[str, Counter] = defaultdict(Counter)
    wrong: dict[str, list] = defaultdict(list)
    start = time.monotonic()
    with judge_for(program) as judge:
        for case in cases:
            got = verdict(program, judge, case)
            if got is None:
                continue
            said, real, agree = got
            by_kind[case.mutation]["checked"] += 1
            by_kind[case.mutation]["agree"] += agree
            if not agree:
                wrong[case.mutation].append((case.line, said, real))
    checked = sum(c["checked"] for c in by_kind.values())
    agree = sum(c["agree"] for c in by_kind.values())
    print(
        f"{program}: {len(lines[:limit])} real lines, {len(cases)} lines, {checked} decidable, "
        f"lint agrees with {program} on {agree}/{checked} = {100 * agree / max(checked, 1):.1f}%"
        f"  ({time.monotonic() - start:.0f} s)"
    )
    for kind, c in sorted(by_kind.items()):
        print(f"  {kind:18} {c['agree']:4}/{c['checked']:<4}")
        for line, said, real in wrong[kind][:6]:
            print(f"      lint {said:9} {program} {real:9} {line}")
    return checked, agree


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("limit", type=int, nargs="?", default=10_000)
    ap.add_argument("seed", type=int, nargs="?", default=1)
    ap.add_argument("--program", choices=("docker", "kubectl", "git"), action="append")
    args = ap.parse_args()
    total = [0, 0]
    for program in args.program or ("docker", "kubectl", "git"):
        checked, agree = run(program, args.limit, args.seed)
        total[0] += checked
        total[1] += agree
    print(f"all: lint agrees with the programs on {total[1]}/{total[0]} = {100 * total[1] / max(total[0], 1):.1f}%")


if __name__ == "__main__":
    main()
