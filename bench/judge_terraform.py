"""terraform itself as the judge of the grader's terraform reading (a learned Go-flag grammar):
every pair of tests/terraform_pairs.py is graded by dockquiz (with terraform's grammar learned
from tests/fixtures/goflag, terraform 1.11.4's help) and run by the installed terraform in
tests/terraform_judge.py's fixture. Prints the agreement figures, and the disagreements:

    python bench/judge_terraform.py [--all]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shlex
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

FIXTURE = ROOT / "tests" / "fixtures" / "goflag" / "terraform-1.11.4.json.gz"


def learned_grammar(folder: Path) -> None:
    """terraform's grammar learned from the fixture, as this process's only learned grammar."""
    os.environ["XDG_DATA_HOME"] = str(folder)
    from dockquiz.grading import grammar as gr
    from dockquiz.grading.learn import learn, replay_runner, write

    with gzip.open(FIXTURE, "rt", encoding="utf-8") as fh:
        pages = json.load(fh)
    gr.grammar.cache_clear()
    target = gr.user_grammar_dir()
    target.mkdir(parents=True, exist_ok=True)
    write(learn("terraform", replay_runner(pages)), target / "terraform.json")
    gr.grammar.cache_clear()


def judge_all(judge, rows) -> list[dict]:
    from dockquiz.grading import grade

    out = []
    for mutation, a, b in rows:
        verdict = grade(a, b)
        out.append(
            {
                "mutation": mutation,
                "line": a,
                "rewrite": b,
                "dockquiz": "same" if verdict.correct else "different",
                "graded": verdict.verdict,
                "terraform": judge.verdict(shlex.split(a), shlex.split(b)),
            }
        )
    return out


def figures(rows: list[dict]) -> dict:
    decided = [r for r in rows if r["terraform"] is not None]
    agree = [r for r in decided if (r["terraform"] == "same") == (r["dockquiz"] == "same")]
    graded_same = [r for r in decided if r["dockquiz"] == "same"]
    return {
        "pairs": len(rows),
        "decided": len(decided),
        "agree": len(agree),
        "graded_same": len(graded_same),
        "graded_same_terraform_same": sum(r["terraform"] == "same" for r in graded_same),
        "graded_different_terraform_same": sum(r["terraform"] == "same" and r["dockquiz"] != "same" for r in decided),
        "terraform": dict(Counter(str(r["terraform"]) for r in rows)),
    }


def main(argv: list[str] | None = None) -> int:
    from terraform_judge import Judge, available
    from terraform_pairs import pairs

    parser = argparse.ArgumentParser(prog="python bench/judge_terraform.py")
    parser.add_argument("--all", action="store_true", help="print every pair, not only disagreements")
    args = parser.parse_args(argv)
    if not available():
        print("terraform is not installed")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        learned_grammar(Path(tmp))
        with Judge() as judge:
            rows = judge_all(judge, pairs())
    for r in rows:
        disagree = r["terraform"] is not None and (r["terraform"] == "same") != (r["dockquiz"] == "same")
        if args.all or disagree:
            mark = "DISAGREE" if disagree else "ok"
            print(f"{mark:8} {r['mutation']:13} tf={r['terraform']!s:7} dq={r['graded']:10} {r['line']!r} -> {r['rewrite']!r}")
    f = figures(rows)
    print(json.dumps(f, indent=1))
    print(
        f"terraform decided {f['decided']} of {f['pairs']} pairs; dockquiz agrees on {f['agree']} "
        f"({100 * f['agree'] / max(f['decided'], 1):.1f}%); of {f['graded_same']} graded same, terraform reads "
        f"{f['graded_same_terraform_same']} the same"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
