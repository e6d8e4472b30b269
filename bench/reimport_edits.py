"""Re-import after editing every command line of notes: how many cards keep their progress.

    python bench/reimport_edits.py DIR_OR_FILE...

Each notes file is read as import reads it; then every command and example card's line gets
`` -v`` added after its command (where the line holds it once), and the edited notes are
planned against the first reading's cards (``importing.plan_merge``, no database). Prints the
edited lines, the cards updated in place, added and retired, and the updates whose new line is
not the stored card's own line edited (a card given to another line). Run it on two commits for
a before/after figure. The notes are other people's: nothing of them is printed but file names.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit_judge import JudgeError, read_corpus  # noqa: E402

_FIELDS = ("key", "source_line", "ordinal", "kind", "section", "prompt_ja", "prompt_en", "answer", "command", "hints")


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    from dockquiz.importing import plan_merge
    from dockquiz.notes import parse_notes

    try:
        files = read_corpus([Path(a) for a in argv])
    except JudgeError as e:
        print(e, file=sys.stderr)
        return 2
    now = datetime.now(timezone.utc)
    edited = updated = added = retired = 0
    others: list[str] = []
    for f in files:
        drafts = parse_notes(f.text, deck=f.path.stem).drafts
        rows = [
            SimpleNamespace(id=i, status="active", version=1, **{k: getattr(d, k) for k in _FIELDS}) for i, d in enumerate(drafts)
        ]
        lines = f.text.splitlines(keepends=True)
        own: dict[str, str] = {}  # edited line -> the line it was
        for d in drafts:
            if d.kind in ("command", "example") and 0 < d.source_line <= len(lines):
                line = lines[d.source_line - 1]
                if line.count(d.answer) == 1:
                    lines[d.source_line - 1] = line.replace(d.answer, d.answer + " -v")
                    own[d.answer + " -v"] = d.answer
        new = parse_notes("".join(lines), deck=f.path.stem).drafts
        edited += sum(d.answer in own for d in new)
        plan = plan_merge(rows, new, now)
        what = [w for w, _ in plan.changes]
        updated, added, retired = updated + what.count("updated"), added + what.count("added"), retired + what.count("retired")
        for u in plan.updates:
            was = rows[u["id"]].answer
            if "answer" in u and u["answer"] != was and own.get(u["answer"]) != was:
                others.append(f.path.name)
    print(f"{len(files)} files, {edited} edited lines: updated {updated}, added {added}, retired {retired}")
    print(
        f"cards given to another line than their own edited: {len(others)}"
        + (f" ({', '.join(sorted(set(others)))})" if others else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
