"""Where the reader goes wrong on a judged corpus: the wrong cards and the missed lines, with their text.

    python bench/audit_faults.py DIR... -j JUDGEMENTS... [--code CODE...] [--misses] [--no-card] [--only TEXT]

For a reader's work: reads every file with the reader as it is now, joins the cards with the
verdicts of the judgement files, and prints (to the terminal, never into the repository: the
notes are other people's text) each wrong card with its code, prompts, values, answer and source
line, and each expected item no right card finds, with the lines above it. ``--code`` keeps only
wrong cards with those codes; ``--misses`` prints only the misses; ``--no-card`` only the misses
on lines where the reader makes no card at all. A summary of counts per code ends the output.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit_judge import JudgeError, load, read_corpus  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="audit_faults.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="+", type=Path, metavar="DIR", help="corpus folders")
    parser.add_argument("-j", "--judgements", action="append", type=Path, required=True, help="judgement file (TSV)")
    parser.add_argument("--code", nargs="+", default=[], help="only wrong cards with these codes")
    parser.add_argument("--misses", action="store_true", help="only the expected items no right card finds")
    parser.add_argument("--no-card", action="store_true", help="only misses on lines with no card at all")
    parser.add_argument("--only", default="", metavar="TEXT", help="only the files whose id contains TEXT")
    parser.add_argument("--context", type=int, default=2, help="lines shown above a missed line (default 2)")
    args = parser.parse_args(argv)
    try:
        judgements = load(args.judgements)
        files = [f for f in read_corpus(args.dirs) if args.only in f.id]
    except JudgeError as e:
        print(e, file=sys.stderr)
        return 2
    codes: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    unjudged = 0
    for f in files:
        lines = f.lines
        out: list[str] = []
        right: Counter[int] = Counter()
        on_line: Counter[int] = Counter()
        for c in f.cards:
            v = judgements.cards.get((c.file, c.key))
            on_line[c.line] += 1
            if v is None:
                unjudged += 1
                continue
            if v.verdict == "right":
                right[c.line] += 1
                continue
            codes[v.code] += 1
            if args.misses or args.no_card or (args.code and v.code not in args.code):
                continue
            source = lines[c.line - 1].strip() if 1 <= c.line <= len(lines) else ""
            out.append(f"  L{c.line:<4} WRONG {v.code:<18} {c.kind}: {c.prompt_ja}")
            out.append(f"{'':8}en: {c.prompt_en}")
            if c.values:
                out.append(f"{'':8}values: {' | '.join(c.values)}")
            if c.placeholders:
                out.append(f"{'':8}placeholders: {' | '.join(c.placeholders)}")
            out.append(f"{'':8}=> {c.answer}")
            out.append(f"{'':8}| {source}")
        items: Counter[int] = Counter()
        kinds: dict[int, str] = {}
        for i in judgements.items:
            if i.file == f.id:
                items[i.line] += 1
                kinds[i.line] = i.kind
        for line in sorted(items):
            left = items[line] - right[line]
            if left <= 0:
                continue
            where = "no card" if not on_line[line] else "wrong card(s) only"
            missed[where] += left
            if args.code and not (args.misses or args.no_card):
                continue
            if args.no_card and on_line[line]:
                continue
            out.append(f"  L{line:<4} MISS x{left} {kinds[line]} ({where})")
            for n in range(max(1, line - args.context), line + 1):
                text = lines[n - 1] if n <= len(lines) else ""
                out.append(f"{'':8}{'>' if n == line else ' '}{n:>5}  {text}")
        if out:
            print(f"\n=== {f.split}/{f.path.name}")
            print("\n".join(out))
    print(f"\nwrong cards: {', '.join(f'{k} {n}' for k, n in codes.most_common()) or 'none'}")
    print(f"missed items: {', '.join(f'{k} {n}' for k, n in missed.most_common()) or 'none'}; unjudged cards: {unjudged}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
