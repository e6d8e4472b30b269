"""Notes file → deck in the database. One transaction per import: all or nothing."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher
from operator import attrgetter
from pathlib import Path

from sqlalchemy import String, bindparam, cast, func, insert, select
from sqlalchemy.engine import Connection

from dockquiz.cards import CardDraft, Warning_
from dockquiz.errors import NotesError
from dockquiz.notesfile import MAX_NOTES_BYTES, decode, read_notes  # noqa: F401 - the import command reads with them
from dockquiz.storage.db import Database
from dockquiz.storage.prepared import Prepared
from dockquiz.storage.tables import card as card_table
from dockquiz.storage.tables import deck as deck_table


@dataclass
class ImportReport:
    deck: str
    source: str
    added: int = 0
    updated: int = 0
    revived: int = 0  # retired cards whose line came back
    unchanged: int = 0
    retired: int = 0
    total: int = 0
    warnings: list[Warning_] = field(default_factory=list)
    dry_run: bool = False
    deck_made: bool = False  # this import made the deck (a dry run: would make it), none of that name was there
    no_deck: bool = False  # the notes gave no card and no deck of that name was there: nothing to report
    lint: int = 0  # lines of the notes their CLI would refuse or read differently (dockquiz lint)
    other_decks: int = 0  # other decks holding cards: ``study`` mixes them in (``--deck`` studies one)
    changes: dict[str, list[dict]] = field(
        default_factory=lambda: {"added": [], "updated": [], "retired": [], "revived": []}
    )  # which cards: kind, answer, line

    def change(self, what: str, kind: str, answer: str, line: int | None) -> None:
        self.changes[what].append({"kind": kind, "answer": answer, "line": line})


_LANGUAGE_TAG = re.compile(r"\.(?:ja|jp|en)$", re.IGNORECASE)


def deck_name_for(path: Path) -> str:
    """The file's stem, less a language tag: ``docker-basics.ja.md`` → ``docker-basics``,
    ``k8s.cheatsheet.2024.md`` → ``k8s.cheatsheet.2024``."""
    stem = path.name.rsplit(".", 1)[0] if "." in path.name.strip(".") else path.name
    return _LANGUAGE_TAG.sub("", stem) or stem


_CONTENT = ("kind", "section", "prompt_ja", "prompt_en", "answer", "command", "hints")
_POSITION = ("source_line", "ordinal")  # shift with any edit above; kept current silently
_INSERTED = ("key", *_CONTENT, *_POSITION)
_content = attrgetter(*_CONTENT)
_ordinal = attrgetter("ordinal")


@dataclass
class MergePlan:
    """What an import does to a deck's stored cards, decided without a database."""

    inserts: list[CardDraft] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)  # each: the card's id and the columns that change
    rekeyed: list[int] = field(default_factory=list)  # cards whose key moves to another card's
    unchanged: int = 0
    changes: list[tuple[str, CardDraft | object]] = field(default_factory=list)  # (what, draft or row)


def stored_cards(conn: Connection, deck_id: int) -> list:
    """The rows plan_merge compares with (id, key, status, version, position and content)."""
    c = card_table.c
    return conn.execute(
        select(c.id, c.key, c.status, c.version, *(c[f] for f in (*_POSITION, *_CONTENT))).where(c.deck_id == deck_id)
    ).all()


def _identity(kind: str, answer: str, command: str | None) -> tuple:
    return kind, " ".join(answer.split()), command


def _related_orphan(orphans: dict[tuple, list], kind: str, answer: str, command: str | None):
    """A vanished card with the same answer whose command path is this one's, longer or
    shorter: ``kubectl get pods`` read as ``kubectl get`` once the grammar knows kubectl."""
    if not command:
        return None
    answer = " ".join(answer.split())
    for (o_kind, o_answer, o_command), rows in orphans.items():
        if (
            rows
            and o_kind == kind
            and o_answer == answer
            and o_command
            and (o_command.startswith(command + " ") or command.startswith(o_command + " "))
        ):
            return rows.pop(0)
    return None


def _active_orphan(orphans: dict[tuple, list], draft: CardDraft):
    """A card in use that lost its key, with this draft's answer (taken out of ``orphans``)."""
    rows = orphans.get(_identity(draft.kind, draft.answer, draft.command), [])
    hit = next((r for r in rows if r.status != "retired"), None)
    if hit is not None:
        rows.remove(hit)
    return hit


def _base(key: str) -> str:
    """A card key without its repeat counter or parking mark: ``dockerfile:…#2`` and
    ``dockerfile:…#2~35`` → ``dockerfile:…``."""
    return key.partition("#")[0].partition("~")[0]


def _pair_repeated(rows, drafts: list[CardDraft], left=lambda row: False) -> tuple[dict, set, list]:
    """Where a key repeats (two ``WORKDIR`` lines of one Dockerfile block, counted by
    position), stored cards and drafts pair by their answer first, then by key: a line
    that is still there keeps its card when lines are added or moved around it (one that
    changed kind too: ``left``, a card not taken by key).
    Returns (draft key → row, the repeated base keys, their rows left without a draft)."""
    by_base_drafts: dict[str, list[CardDraft]] = {}
    for draft in drafts:
        by_base_drafts.setdefault(_base(draft.key), []).append(draft)
    by_base_rows: dict[str, list] = {}
    for row in rows:
        by_base_rows.setdefault(_base(row.key), []).append(row)
    paired: dict[str, object] = {}
    grouped: set[str] = set()
    leftover: list = []
    for base, group in by_base_drafts.items():
        stored = by_base_rows.get(base, [])
        if len(group) < 2 and len(stored) < 2:
            continue
        grouped.add(base)
        free = list(stored)
        same_answer = lambda r, d: _same_line(r.answer, d.answer)  # noqa: E731
        by_key = lambda r, d: r.key == d.key and not left(r)  # noqa: E731
        for match in (lambda r, d: r.key == d.key and same_answer(r, d), same_answer, by_key):
            for draft in group:
                if draft.key in paired:
                    continue
                hit = next((r for r in free if match(r, draft)), None)
                if hit is not None:
                    paired[draft.key] = hit
                    free.remove(hit)
        leftover += free
    for base, stored in by_base_rows.items():  # repeated keys the notes no longer have
        if base not in by_base_drafts and len(stored) > 1:
            grouped.add(base)
            leftover += stored
    return paired, grouped, leftover


def plan_merge(rows: list, drafts: list[CardDraft], now: datetime) -> MergePlan:
    """Compare by key: unchanged, updated in place, added, retired; renamed headings by answer.
    ``rows`` are the deck's stored cards (stored_cards, or anything with the same fields)."""
    plan = MergePlan()
    existing = {r.key: r for r in rows}
    left = _left_to_their_lines(drafts, existing)
    paired, grouped, leftover = _pair_repeated(rows, drafts, left)
    draft_keys = {d.key for d in drafts}
    yielded = {
        row.id
        for d in drafts
        if (row := existing.get(d.key)) is not None
        and row.answer != d.answer
        and _base(d.key) not in grouped
        and not _same_line(row.answer, d.answer)
        and left(row)
    }
    orphans: dict[tuple, list] = {}
    for row in [*(r for r in rows if _base(r.key) not in grouped and (r.key not in draft_keys or r.id in yielded)), *leftover]:
        orphans.setdefault(_identity(row.kind, row.answer, row.command), []).append(row)
    found = []
    for draft in drafts:
        row = paired.get(draft.key) if _base(draft.key) in grouped else existing.get(draft.key)
        if row is not None and row.id in yielded:
            row = None
        if row is not None and row.status == "retired" and orphans:
            # a heading renamed back to a name it had: the retired twin made under that name holds
            # the key, the card still in use (same answer, under the old name) holds the progress
            row = _active_orphan(orphans, draft) or row
        if row is None and orphans:
            same_answer = orphans.get(_identity(draft.kind, draft.answer, draft.command))
            row = same_answer.pop(0) if same_answer else _related_orphan(orphans, draft.kind, draft.answer, draft.command)
        found.append(row)
    if orphans and None in found:
        _pair_changed_kind(drafts, found, orphans)
    if orphans and None in found:
        _pair_edited_lines(drafts, found, orphans)
    for draft, row in zip(drafts, found):
        if row is None:
            plan.inserts.append(draft)
            plan.changes.append(("added", draft))
            continue
        same = row.key == draft.key and _content(row) == _content(draft)
        moved = row.source_line != draft.source_line or row.ordinal != draft.ordinal
        if same and row.status != "retired":
            plan.unchanged += 1
            if moved:
                plan.updates.append({"id": row.id, **{f: getattr(draft, f) for f in _POSITION}})
            continue
        change = {"id": row.id, "key": draft.key, "updated_at": now, **{f: getattr(draft, f) for f in (*_CONTENT, *_POSITION)}}
        if not same:
            change["version"] = row.version + 1
        if row.status == "retired":
            change["status"] = "active"
        plan.updates.append(change)
        plan.changes.append(("revived" if row.status == "retired" else "updated", draft))
        if row.key != draft.key:
            plan.rekeyed.append(row.id)
    for rows_ in orphans.values():
        for row in rows_:
            if row.status != "retired":
                plan.updates.append({"id": row.id, "status": "retired", "updated_at": now})
                plan.changes.append(("retired", row))
    _park_claimed_keys(plan, rows)
    return plan


_EDITABLE = ("command", "example")  # cards whose answer is a command line as written


def _same_line(a: str, b: str) -> bool:
    return a.split() == b.split()


def _line_of(card) -> tuple:
    """A card's or draft's line as written, whatever its kind: its identity less the kind."""
    return _identity(card.kind, card.answer, card.command)[1:]


def _stands_as(row, draft: CardDraft) -> bool:
    """Does ``draft`` stand where the card stood: the same section or the same prompt."""
    return tuple(row.section) == tuple(draft.section) or row.prompt_ja == draft.prompt_ja


def _left_to_their_lines(drafts: list[CardDraft], existing: dict):
    """Is a card's own line still there as the other kind (command ↔ example), where the card
    stood (``_stands_as``) and with no card of its line under its own key? A command card is
    keyed by heading path and prompt, so when its line becomes an example (its block grew)
    another line of the section may become the command under that prompt: the card goes to
    its own line (``_pair_changed_kind``), not by key to the other one. Lines of one kind that
    swap keep their cards by key, as ever. Returns the test, for a stored card."""
    lines: dict[tuple, list[CardDraft]] = {}  # made on the first question (most imports ask none)

    def left(row) -> bool:
        if row.kind not in _EDITABLE:
            return False
        if not lines:
            for draft in drafts:
                if draft.kind in _EDITABLE:
                    lines.setdefault(_line_of(draft), []).append(draft)
        for own in lines.get(_line_of(row), ()):
            held = existing.get(own.key)
            if own.kind != row.kind and _stands_as(row, own) and not (held is not None and _same_line(held.answer, own.answer)):
                return True
        return False

    return left


def _pair_changed_kind(drafts: list[CardDraft], found: list, orphans: dict[tuple, list]) -> None:
    """A line whose block changed shape is the card it was: a block of one command makes a
    command card (keyed by heading path and prompt), a line of a longer block an example card
    (keyed by the line), so deleting a block's other lines or adding some changes the kind and
    the key of a line that stayed. A vanished command or example card and a new line of the
    other of these kinds are one card when the line and its command path are the same and it
    stands in the same section or under the same prompt (a card in use before a retired one).
    Only these two kinds carry over: both are a command line as written, typed and graded alike;
    a meaning card (a flag's meaning) or an option card stays its own. ``found[i]`` is the stored
    card of ``drafts[i]`` (None: none yet); the pairs are set there and taken out of ``orphans``."""
    by_line: dict[tuple, list] = {}
    for rows in orphans.values():
        for row in rows:
            if row.kind in _EDITABLE:
                by_line.setdefault(_line_of(row), []).append(row)
    if not by_line:
        return
    for i, (draft, row) in enumerate(zip(drafts, found)):
        if row is not None or draft.kind not in _EDITABLE:
            continue
        rows = by_line.get(_line_of(draft))
        if not rows:
            continue  # (a vanished card of its own kind and line would have been found by its answer)
        here = [r for r in rows if _stands_as(r, draft)]
        hit = min(here, key=lambda r: r.status == "retired", default=None)
        if hit is not None:
            found[i] = hit
            rows.remove(hit)
            orphans[_identity(hit.kind, hit.answer, hit.command)].remove(hit)


_NEAR = 8  # how many new lines either side of where a vanished one would stand are compared


def _pair_edited_lines(drafts: list[CardDraft], found: list, orphans: dict[tuple, list]) -> None:
    """An edited command line (``ssh -L 8080:localhost:80 -N user@host`` for ``… user@host``)
    is the card it was when it stands at the same place: a vanished card (still active) and a
    new line of the same kind, section (or the one its heading was renamed to, as the section's
    other cards show) and command path (one the grammar read), near where the card would stand
    now, most of each line's words kept (in order), and the same prompt or
    between the same kept neighbours. Pairs with both signs of place first, then the
    likest; each card and line pairs once. A line inserted or deleted beside a like one, or a
    like line under other words elsewhere, stays a card of its own. ``found[i]`` is the stored
    card of ``drafts[i]`` (None: none yet); the pairs are set there and taken out of ``orphans``."""
    vanished = [r for rows in orphans.values() for r in rows if r.status != "retired" and r.kind in _EDITABLE and r.command]
    if not vanished:
        return
    new: dict[tuple, list[CardDraft]] = {}  # by place, in note order
    at_index = {}
    for i, (draft, row) in enumerate(zip(drafts, found)):
        if row is None and draft.kind in _EDITABLE and draft.command:
            new.setdefault((draft.kind, draft.command, *draft.section), []).append(draft)
            at_index[id(draft)] = i
    kept = sorted((r.ordinal, d.ordinal) for d, r in zip(drafts, found) if r is not None and r.status != "retired")
    old_order = [o for o, _ in kept]
    now_sections = {tuple(d.section) for d in drafts}
    renamed: dict[tuple, set] = {}  # a heading renamed: the sections its kept cards went to
    for d, r in zip(drafts, found):
        if r is not None and tuple(r.section) != tuple(d.section) and tuple(r.section) not in now_sections:
            renamed.setdefault(tuple(r.section), set()).add(tuple(d.section))
    pairs = []
    for row in vanished:
        group = new.get((row.kind, row.command, *row.section))
        if not group:  # its heading renamed (its other cards say so) and the line edited
            to = renamed.get(tuple(row.section), ())
            group = sorted((d for s in to for d in new.get((row.kind, row.command, *s), ())), key=_ordinal)
        if not group:
            continue
        at = bisect_left(old_order, row.ordinal)  # its kept neighbours, and where they are now
        (old_after, after), before = kept[at - 1] if at else (-1, -1), kept[at][1] if at < len(kept) else len(drafts)
        near = bisect_left(group, row.ordinal - old_after + after, key=_ordinal)  # where it would stand
        words = SequenceMatcher(None, autojunk=False)  # the words two lines have in common, in order
        words.set_seq2(row.answer.split())
        for draft in group[max(0, near - _NEAR) : near + _NEAR]:
            signs = (draft.prompt_ja == row.prompt_ja) + (after < draft.ordinal < before)
            if signs:
                words.set_seq1(draft.answer.split())
                sizes = len(words.a) + len(words.b)
                longer = max(len(words.a), len(words.b))
                if words.quick_ratio() * sizes > longer:  # else fewer than half the longer line's words
                    common = sum(m.size for m in words.get_matching_blocks())
                    if 2 * common > longer:  # most of each line's words kept
                        pairs.append((-signs, -common / sizes, at_index[id(draft)], row.id, row))
    taken = set()
    for *_, i, row_id, row in sorted(pairs):
        if found[i] is None and row_id not in taken:
            found[i] = row
            taken.add(row_id)
            orphans[_identity(row.kind, row.answer, row.command)].remove(row)


def _park_claimed_keys(plan: MergePlan, rows: list) -> None:
    """A stored card that keeps its key while another card or a new one takes that key (a
    repeated line retired while its key goes to a line that moved up, a retired card's key
    given to a new card) gets a key of its own, ``key~id``: deck + key stays unique, and
    the card keeps its history, revived by its answer should it come back."""
    updates = {u["id"]: u for u in plan.updates}
    claimed = {u["key"] for u in plan.updates if "key" in u} | {d.key for d in plan.inserts}
    for row in rows:
        change = updates.get(row.id)
        if row.key not in claimed or (change is not None and "key" in change):
            continue
        parked = f"{row.key}~{row.id}"
        if change is None:
            change = {"id": row.id}
            plan.updates.append(change)
        change["key"] = parked
        plan.rekeyed.append(row.id)


def merge(conn: Connection, deck_id: int, drafts: list[CardDraft], now: datetime, report: ImportReport) -> None:
    """Plan against the stored cards, then write: keys that move step aside first (deck_id +
    key is unique), one INSERT for the new cards, one UPDATE by id per set of columns."""
    plan = plan_merge(stored_cards(conn, deck_id), drafts, now)
    report.unchanged += plan.unchanged
    for what, card in plan.changes:
        report.change(what, card.kind, card.answer, card.source_line)
    report.added = len(plan.inserts)
    report.updated = len(report.changes["updated"])
    report.revived = len(report.changes["revived"])
    report.retired = len(report.changes["retired"])
    table = card_table
    if plan.rekeyed:
        conn.execute(table.update().where(table.c.id.in_(plan.rekeyed)).values(key=table.c.key + "~" + cast(table.c.id, String)))
    if plan.inserts:
        _insert(conn, deck_id, plan.inserts, now)
    for group in _by_columns(plan.updates):
        columns = [c for c in group[0] if c != "id"]
        conn.execute(
            table.update().where(table.c.id == bindparam("card_id")).values({c: bindparam(c) for c in columns}),
            [{"card_id": row["id"], **{c: row[c] for c in columns}} for row in group],
        )


def _insert(conn: Connection, deck_id: int, drafts: list[CardDraft], now: datetime) -> None:
    """The new cards in one executemany of the INSERT compiled once, each value through its
    column type's own bind processor, as ``Connection.execute`` applies them (its per-row work
    was about two thirds of the insert), as an answer's statements run (:class:`Prepared`)."""
    shared = {"deck_id": deck_id, "status": "active", "version": 1, "variants": [], "content_hash": ""}
    shared |= {"created_at": now, "updated_at": now}
    binds = {n: bindparam(n, type_=card_table.c[n].type) for n in (*shared, *_INSERTED)}
    prepared = Prepared(card_table.insert().values(binds), conn.dialect)
    conn.exec_driver_sql(prepared.sql, [prepared.params({**shared, **{n: getattr(d, n) for n in _INSERTED}}) for d in drafts])


def _by_columns(updates: list[dict]) -> list[list[dict]]:
    """Bulk UPDATE by primary key needs the same columns in every row of a batch."""
    groups: dict[tuple, list[dict]] = {}
    for row in updates:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return list(groups.values())


def import_notes(
    db: Database,
    path: Path,
    *,
    deck_name: str | None = None,
    dry_run: bool = False,
    now: datetime,
    notes: tuple[str, str] | None = None,
) -> ImportReport:
    """Import ``path`` (or its already read ``notes`` = (text, sha256)) into its deck."""
    text, digest = notes if notes is not None else read_notes(path)
    name = deck_name or deck_name_for(path)  # the name as typed (a link's own name)
    path = whole_path(path)  # recorded whole: notes.md in two folders are two files
    name, key_name = _check_deck(db, name, path, explicit=deck_name is not None)
    return _import(db, path, name, key_name, text, digest, dry_run, now)


def whole_path(path: Path) -> Path:
    """The notes file's path as a deck records it: absolute, links resolved. Decks recorded
    before hold the path as typed (``notes.md``): read from the current folder, as it was then
    (``_same_file``, ``_same_file_gone``), and recorded whole at their next import."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return path.absolute()


def _check_deck(db: Database, name: str, path: Path, *, explicit: bool) -> tuple[str, str]:
    """The deck to import into and the name its card keys are made with. A deck of the same
    name made from another notes file that still exists is refused (not retired card by card)
    unless the learner named the deck: two files called notes.md are two decks. With no deck
    of that name, a deck made from this very file (renamed since) is the one."""
    d = deck_table.c
    with db.connect(commit=False) as conn:
        from dockquiz.storage.access import require_teacher

        require_teacher(conn)  # a class's decks are its teacher's (a dry run too: it plans a change)
        row = conn.execute(select(d.key_name, d.source_path).where(d.name == name)).first()
        if row is None and not explicit:
            made = conn.execute(select(d.name, d.key_name, d.source_path).where(d.source_path.is_not(None)).order_by(d.name))
            mine = [r for r in made if _same_file(r.source_path, path)]
            if len(mine) > 1:
                raise NotesError("error.deck_file_in_several", path=str(path), decks=", ".join(r.name for r in mine))
            if mine:
                return mine[0].name, mine[0].key_name or mine[0].name
    if row is None:
        return name, name
    other = row.source_path
    if not explicit and other and other != str(path) and _same_file_gone(other, path) is False:
        raise NotesError("error.deck_taken", deck=name, other=other, path=str(path))
    return name, row.key_name or name


def _same_file(stored: str, path: Path) -> bool:
    try:
        return stored == str(path) or Path(stored).resolve() == path.resolve()
    except OSError:
        return False


def _same_file_gone(other: str, path: Path) -> bool | None:
    """False when ``other`` is another file that still exists; True when it is gone (moved)."""
    try:
        if Path(other).resolve() == path.resolve():
            return None
        return not Path(other).exists()
    except OSError:
        return True


def _import(
    db: Database, path: Path, name: str, key_name: str, text: str, digest: str, dry_run: bool, now: datetime
) -> ImportReport:
    from dockquiz.notes import parse_notes

    notes = parse_notes(text, deck=key_name)
    report = ImportReport(name, str(path), warnings=list(notes.warnings), dry_run=dry_run)
    report.lint = _lint_count(notes.drafts + notes.asides, text)  # every command line read
    if not notes.drafts:
        report.warnings.append(Warning_(0, "notes.warn.no_cards"))
    with db.connect(commit=not dry_run) as conn:
        source = {"source_path": str(path), "source_hash": digest, "updated_at": now}
        # A write first: it takes the database's write lock (waiting for another import that
        # holds it), so what the merge then reads is current and two imports never race.
        updated = conn.execute(deck_table.update().where(deck_table.c.name == name).values(**source))
        if updated.rowcount:
            deck_id = conn.scalar(select(deck_table.c.id).where(deck_table.c.name == name))
        elif not notes.drafts:  # nothing to keep: no empty deck made (a symlink to /etc/passwd, prose)
            report.warnings[-1] = Warning_(0, "notes.warn.no_cards_no_deck")
            report.no_deck = True
            return report
        else:
            deck_id = conn.execute(insert(deck_table).values(name=name, created_at=now, **source)).inserted_primary_key[0]
            report.deck_made = True
        merge(conn, deck_id, notes.drafts, now, report)
        report.total = (
            conn.scalar(
                select(func.count())
                .select_from(card_table)
                .where(card_table.c.deck_id == deck_id, card_table.c.status != "retired")
            )
            or 0
        )
        report.other_decks = (
            conn.scalar(
                select(func.count(func.distinct(card_table.c.deck_id))).where(
                    card_table.c.deck_id != deck_id, card_table.c.status != "retired"
                )
            )
            or 0
        )
    return report


def _lint_count(drafts, text: str) -> int:
    """How many lines lint finds (the import's one hook into it: dockquiz.lint)."""
    from dockquiz.lint import lines_found, lint_drafts

    return lines_found(lint_drafts(drafts, text))


def ensure_builtin_deck(db: Database, now: datetime, lang: str = "en") -> list[str]:
    """On a database with no decks, import the built-in deck(s) from content/decks, each in the
    learner's language ``lang``. Only then: a database that has decks keeps them as they are,
    whatever the language is later (the seeded deck is the learner's, with its progress)."""
    from dockquiz.resources import builtin_decks

    with db.connect() as conn:
        from dockquiz.storage.access import is_teacher

        if conn.scalar(select(func.count()).select_from(deck_table)) or not is_teacher(conn):
            return []  # a class's learner waits for the teacher's decks
    imported = []
    for path in builtin_decks(lang):
        try:
            imported.append(import_notes(db, path, now=now).deck)
        except NotesError as exc:
            if exc.key != "error.deck_taken":  # the learner's own deck of that name came first
                raise
    return imported
