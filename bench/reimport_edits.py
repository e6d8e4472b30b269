"""Re-import after editing every command line of notes: how many cards keep their progress.

    python bench/reimport_edits.py [--shape] DIR_OR_FILE...

Each notes file is read as import reads it; then every command and example card's line gets
`` -v`` added after its command (where the line holds it once), and the edited notes are
planned against the first reading's cards (``importing.plan_merge``, no database). Prints the
edited lines, the cards updated in place, added and retired, and the updates whose new line is
not the stored card's own line edited (a card given to another line). Run it on two commits for
a before/after figure. The notes are other people's: nothing of them is printed but file names.

``--shape`` edits the shape of blocks instead of lines: each fenced block with two command lines
or more that became cards keeps only its first one (the others and a ``#`` comment right above
each deleted), and each fenced block of one card gets a copy of its line after it, with `` -v``
added. Prints the lines whose card kind changed with it (command ↔ example), how many kept their
card, and the cards given to another line (any answer changed: no line was edited).
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit_judge import JudgeError, read_corpus  # noqa: E402

_FIELDS = ("key", "source_line", "ordinal", "kind", "section", "prompt_ja", "prompt_en", "answer", "command", "hints")


def _fences(lines: list[str]) -> list[int]:
    """Each line's fenced block (its opening line's index), -1 outside one."""
    out, opened, mark = [], -1, ""
    for i, line in enumerate(lines):
        s = line.strip()
        if opened < 0 and s[:3] in ("```", "~~~"):
            opened, mark = i, s[:3]
            out.append(-1)
        elif opened >= 0 and s.startswith(mark) and not s.strip(mark[0]):
            opened = -1
            out.append(-1)
        else:
            out.append(opened)
    return out


def _reshaped(text: str, drafts) -> str:
    lines = text.splitlines(keepends=True)
    fence = _fences(lines)
    blocks: dict[int, list] = {}
    for d in drafts:
        if d.kind in ("command", "example") and 0 < d.source_line <= len(lines) and fence[d.source_line - 1] >= 0:
            blocks.setdefault(fence[d.source_line - 1], []).append(d)
    cut: set[int] = set()
    grown: dict[int, str] = {}
    for cards in blocks.values():
        at = sorted({d.source_line - 1 for d in cards})
        if len(at) > 1:
            for i in at[1:]:
                cut.add(i)
                if i - 1 not in at and lines[i - 1].lstrip().startswith("#"):
                    cut.add(i - 1)
        elif lines[at[0]].count(cards[0].answer) == 1:
            line = lines[at[0]]
            grown[at[0]] = line.replace(cards[0].answer, cards[0].answer + " -v") + ("" if line.endswith("\n") else "\n")
    return "".join((lines[i] + grown.get(i, "")) if i not in cut else "" for i in range(len(lines)))


def _shape(files, now) -> int:
    from dockquiz.importing import plan_merge
    from dockquiz.notes import parse_notes

    changed = kept = 0
    others: list[str] = []
    for f in files:
        drafts = parse_notes(f.text, deck=f.path.stem).drafts
        rows = [
            SimpleNamespace(id=i, status="active", version=1, **{k: getattr(d, k) for k in _FIELDS}) for i, d in enumerate(drafts)
        ]
        new = parse_notes(_reshaped(f.text, drafts), deck=f.path.stem).drafts
        plan = plan_merge(rows, new, now)
        was = {(" ".join(r.answer.split()), r.command): r for r in rows if r.kind in ("command", "example")}
        mine = {u["id"]: u for u in plan.updates}
        inserted = {id(d) for d in plan.inserts}
        for d in new:
            row = was.get((" ".join(d.answer.split()), d.command))
            if d.kind in ("command", "example") and row is not None and row.kind != d.kind:
                changed += 1
                kept += id(d) not in inserted and mine.get(row.id, {}).get("key") == d.key
        for u in plan.updates:
            if "answer" in u and u["answer"] != rows[u["id"]].answer:
                others.append(f.path.name)
    print(f"{len(files)} files, {changed} lines whose card kind changed with their block's shape: kept their card {kept}")
    print(f"cards given to another line: {len(others)}" + (f" ({', '.join(sorted(set(others)))})" if others else ""))
    return 0


def main(argv: list[str]) -> int:
    shape = "--shape" in argv
    argv = [a for a in argv if a != "--shape"]
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
    if shape:
        return _shape(files, now)
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
