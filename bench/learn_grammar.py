"""Regenerate the shipped grammars from the installed CLIs' help, and the recorded help texts
the tests regenerate them from (a developer's tool: it writes content/cli/generated/ and
tests/fixtures/help/, so it lives beside the benches, not in the package):

    python bench/learn_grammar.py docker kubectl git gcloud
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dockquiz.grading.learn import TRIM, learn, replay_runner, write  # noqa: E402
from dockquiz.resources import content_dir  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/learn_grammar.py")
    parser.add_argument("programs", nargs="+")
    parser.add_argument("--out", type=Path, default=content_dir() / "cli" / "generated")
    parser.add_argument("--record", type=Path, default=ROOT / "tests" / "fixtures" / "help")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    args.record.mkdir(parents=True, exist_ok=True)
    for program in args.programs:
        recorded: dict[str, str] = {}
        doc = learn(program, record=recorded, seconds=float("inf"))  # the shipped grammars are read whole
        if doc is None:
            print(f"{program}: its help could not be read")
            return 2
        if program in TRIM:  # keep what the reader reads, and the grammar read from just that
            recorded = {k: TRIM[program](v) if k.endswith("--help") else v for k, v in recorded.items()}
            doc = learn(program, replay_runner(recorded))
        write(doc, args.out / f"{program}.json")
        with gzip.open(args.record / f"{program}.json.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
            json.dump(recorded, fh, ensure_ascii=False, sort_keys=True)
        print(f"{program}: {len(doc['commands'])} command paths, {doc['version']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
