"""The command lines of a program that the reader makes cards of, from notes files: lines for
the judges (``bench/judge.py``, ``judge_git.py``, ``judge_kubectl.py`` ``--lines FILE``) taken from
notes the grader was never tuned on.

    python bench/notes_lines.py PROGRAM DIR_OR_FILE... > /tmp/lines.txt

Prints each distinct answer of a command or example card whose first word is PROGRAM, one a
line, in the order read. The notes are other people's: write the lines outside the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit_judge import JudgeError, read_corpus  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[3].strip(), file=sys.stderr)
        return 2
    program, places = argv[0], [Path(a) for a in argv[1:]]
    try:
        files = read_corpus(places)  # the folders' notes, read as import reads them
    except JudgeError as e:
        print(e, file=sys.stderr)
        return 2
    seen: dict[str, None] = {}
    for f in files:
        for c in f.cards:
            if c.kind in ("command", "example") and c.answer.split()[:1] == [program]:
                seen.setdefault(c.answer, None)
    sys.stdout.write("".join(line + "\n" for line in seen))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
