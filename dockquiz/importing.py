"""Notes file → deck in the database. One transaction per import: all or nothing."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from pathlib import Path

from sqlalchemy import Integer, String, Text, bindparam, cast, func, insert, literal, literal_column, select
from sqlalchemy.engine import Connection

from dockquiz.cards import CardDraft, Warning_
from dockquiz.errors import NotesError
from dockquiz.memory import no_cyclic_gc
from dockquiz.storage.db import Database
from dockquiz.storage.tables import card as card_table
from dockquiz.storage.tables import deck as deck_table

MAX_NOTES_BYTES = 50 * 1024 * 1024


@dataclass
class ImportReport:
    deck: str
    source: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    total: int = 0
    warnings: list[Warning_] = field(default_factory=list)
    dry_run: bool = False
    changes: dict[str, list[dict]] = field(default_factory=lambda: {
        "added": [], "updated": [], "retired": [], "revived": []})   # which cards: kind, answer, line

    def change(self, what: str, kind: str, answer: str, line: int | None) -> None:
        self.changes[what].append({"kind": kind, "answer": answer, "line": line})


_LANGUAGE_TAG = re.compile(r"\.(?:ja|jp|en)$", re.IGNORECASE)


def deck_name_for(path: Path) -> str:
    """The file's stem, less a language tag: ``docker-basics.ja.md`` → ``docker-basics``,
    ``k8s.cheatsheet.2024.md`` → ``k8s.cheatsheet.2024``."""
    stem = path.name.rsplit(".", 1)[0] if "." in path.name.strip(".") else path.name
    return _LANGUAGE_TAG.sub("", stem) or stem


def decode(data: bytes, shown: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Shift_JIS/CP932; never a wild guess."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise NotesError("error.notes_undecodable", path=shown) from None
    if b"\x00" in data[:8192]:
        raise NotesError("error.notes_binary", path=shown)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        raise NotesError("error.notes_undecodable", path=shown) from None
    # Shift_JIS text about commands is mostly ASCII plus kana/kanji; reject control noise.
    if sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t") > len(text) // 100:
        raise NotesError("error.notes_undecodable", path=shown)
    return text


def read_notes(path: Path) -> tuple[str, str]:
    """Return (text, sha256 of the bytes). Bad files become a NotesError."""
    shown = str(path)
    if not path.exists():
        raise NotesError("error.notes_missing", path=shown)
    if path.is_dir():
        raise NotesError("error.notes_is_dir", path=shown)
    try:
        data = _read_capped(path, shown)
    except PermissionError:
        raise NotesError("error.notes_unreadable", path=shown) from None
    except OSError as exc:
        raise NotesError("error.notes_unreadable", path=shown, reason=exc.strerror or "") from None
    return decode(data, shown), hashlib.sha256(data).hexdigest()


def _read_capped(path: Path, shown: str) -> bytes:
    """The file's bytes, never more than MAX_NOTES_BYTES: a device (/dev/zero) or a stream
    (/dev/stdin) is read up to the cap and refused past it; a FIFO nobody writes to is
    opened without waiting and reads as empty."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while size <= MAX_NOTES_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_NOTES_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > MAX_NOTES_BYTES:
        raise NotesError("error.notes_too_big", path=shown)
    return b"".join(chunks)


_CONTENT = ("kind", "section", "prompt_ja", "prompt_en", "answer", "command", "hints")
_PLAIN = ("kind", "prompt_ja", "prompt_en", "answer", "command")
_JSON = ("section", "hints")
_POSITION = ("source_line", "ordinal")   # shift with any edit above; kept current silently
_COLUMNS = ("id", "key", "status", "version", *_POSITION, *_PLAIN, *_JSON)
_STORED_PLAIN = slice(_COLUMNS.index(_PLAIN[0]), _COLUMNS.index(_PLAIN[0]) + len(_PLAIN))
_plain = attrgetter(*_PLAIN)


def _stored(table) -> list:
    """The columns a merge reads; JSON ones as the text they are stored as (see _Decoded)."""
    return [cast(table.c[c], Text).label(c) if c in _JSON else table.c[c] for c in _COLUMNS]


class _Decoded(dict):
    """Stored JSON text -> value, decoded once per distinct text: a deck's cards share a
    few section paths, and most have no hints."""

    def __missing__(self, text: str):
        value = self[text] = json.loads(text)
        return value


def _same_content(row, draft: CardDraft, decoded: _Decoded) -> bool:
    return (row[_STORED_PLAIN] == _plain(draft) and decoded[row.section] == draft.section
            and decoded[row.hints] == draft.hints)


def _identity(kind: str, answer: str, command: str | None) -> tuple:
    return kind, " ".join(answer.split()), command


def _related_orphan(orphans: dict[tuple, list], kind: str, answer: str, command: str | None):
    """A vanished card with the same answer whose command path is this one's, longer or
    shorter: ``kubectl get pods`` read as ``kubectl get`` once the grammar knows kubectl."""
    if not command:
        return None
    answer = " ".join(answer.split())
    for (o_kind, o_answer, o_command), rows in orphans.items():
        if rows and o_kind == kind and o_answer == answer and o_command and (
                o_command.startswith(command + " ") or command.startswith(o_command + " ")):
            return rows.pop(0)
    return None


def _base(key: str) -> str:
    """A card key without its repeat counter: ``dockerfile:…#2`` → ``dockerfile:…``."""
    return key.partition("#")[0]


def _pair_repeated(rows, drafts: list[CardDraft]) -> tuple[dict, set, list]:
    """Where a key repeats (two ``WORKDIR`` lines of one Dockerfile block, counted by
    position), stored cards and drafts pair by their answer first, then by key: a line
    that is still there keeps its card when lines are added or moved around it.
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
        for match in (lambda r, d: " ".join(r.answer.split()) == " ".join(d.answer.split()),
                      lambda r, d: r.key == d.key):
            for draft in group:
                if draft.key in paired:
                    continue
                hit = next((r for r in free if match(r, draft)), None)
                if hit is not None:
                    paired[draft.key] = hit
                    free.remove(hit)
        leftover += free
    for base, stored in by_base_rows.items():       # repeated keys the notes no longer have
        if base not in by_base_drafts and len(stored) > 1:
            grouped.add(base)
            leftover += stored
    return paired, grouped, leftover


def merge(conn: Connection, deck_id: int, drafts: list[CardDraft], now: datetime, report: ImportReport) -> None:
    """Compare by key: unchanged, updated in place, added, retired; renamed headings by answer.

    Compares the stored fields themselves (JSON decoded once per distinct text) and writes
    with bulk INSERT / UPDATE-by-id in Core (no ORM), so a 20k-card deck stays fast.
    """
    table = card_table
    rows = conn.execute(select(*_stored(table)).where(table.c.deck_id == deck_id)).all()
    decoded = _Decoded()
    paired, grouped, leftover = _pair_repeated(rows, drafts)
    existing = {r.key: r for r in rows}
    draft_keys = {d.key for d in drafts}
    orphans: dict[tuple, list] = {}
    for row in [*(r for r in rows if _base(r.key) not in grouped and r.key not in draft_keys), *leftover]:
        orphans.setdefault(_identity(row.kind, row.answer, row.command), []).append(row)
    inserts: list[CardDraft] = []
    updates: list[dict] = []
    for draft in drafts:
        row = paired.get(draft.key) if _base(draft.key) in grouped else existing.get(draft.key)
        if row is None and orphans:
            same_answer = orphans.get(_identity(draft.kind, draft.answer, draft.command))
            row = same_answer.pop(0) if same_answer else _related_orphan(
                orphans, draft.kind, draft.answer, draft.command)
        if row is None:
            inserts.append(draft)
            continue
        same = row.key == draft.key and _same_content(row, draft, decoded)
        moved = row.source_line != draft.source_line or row.ordinal != draft.ordinal
        if same and row.status != "retired":
            report.unchanged += 1
            if moved:
                updates.append({"id": row.id, **{f: getattr(draft, f) for f in _POSITION}})
            continue
        change = {"id": row.id, "key": draft.key, "updated_at": now,
                  **{f: getattr(draft, f) for f in (*_CONTENT, *_POSITION)}}
        if not same:
            change["version"] = row.version + 1
        if row.status == "retired":
            change["status"] = "active"
        updates.append(change)
        report.updated += 1
        report.change("revived" if row.status == "retired" else "updated", draft.kind, draft.answer,
                      draft.source_line)
    for rows_ in orphans.values():
        for row in rows_:
            if row.status != "retired":
                updates.append({"id": row.id, "status": "retired", "updated_at": now})
                report.retired += 1
                report.change("retired", row.kind, row.answer, row.source_line)
    stored_key = {r.id: r.key for r in rows}
    rekeyed = [u["id"] for u in updates if "key" in u and u["key"] != stored_key[u["id"]]]
    if rekeyed:     # keys move between cards: step aside before any insert or update (deck_id + key is unique)
        conn.execute(table.update().where(table.c.id.in_(rekeyed))
                     .values(key=table.c.key + "~" + cast(table.c.id, String)))
    report.added = len(inserts)
    for draft in inserts:
        report.change("added", draft.kind, draft.answer, draft.source_line)
    if inserts:
        fields = ("key", *_CONTENT, *_POSITION)
        values = map(attrgetter(*fields), inserts)    # one row of fields per draft
        _bulk_insert(conn, table, len(inserts), {
            "deck_id": deck_id, "status": "active", "version": 1, "variants": [], "content_hash": "",
            "created_at": now, "updated_at": now}, dict(zip(fields, map(list, zip(*values)))))
    for group in _by_columns(updates):
        columns = [c for c in group[0] if c != "id"]
        conn.execute(table.update().where(table.c.id == bindparam("card_id"))
                     .values({c: bindparam(c) for c in columns}),
                     [{"card_id": row["id"], **{c: row[c] for c in columns}} for row in group])


def _bulk_insert(conn: Connection, table, size: int, same: dict[str, object], columns: dict[str, list]) -> None:
    """One driver-level executemany for a large import: ``same`` holds values shared by all
    ``size`` rows, written into the INSERT as SQL literals (text and numbers: nothing to bind
    again for every row); ``columns`` a list of values per column. Each value still goes
    through its column's SQLAlchemy bind processor for this dialect (JSON, UTC datetimes),
    once per distinct value, and the INSERT is compiled for the dialect (its paramstyle)."""
    dialect = conn.dialect
    shared: dict[str, object] = {}
    values: dict[str, list] = {}
    for name, value in same.items():
        proc = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        stored = proc(value) if proc and value is not None else value
        literal_type = _LITERAL_TYPES.get(type(stored))
        if literal_type is None:
            values[name] = [stored] * size
        else:
            shared[name] = literal_column(literal(stored, literal_type).compile(
                dialect=dialect, compile_kwargs={"literal_binds": True}).string)
    for name, column in columns.items():
        proc = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        values[name] = _processed(proc, column) if proc else column
    compiled = table.insert().values({**shared, **{name: bindparam(name) for name in values}}).compile(
        dialect=dialect)
    if compiled.positional:
        rows = list(zip(*(values[name] for name in compiled.positiontup)))
    else:
        rows = [dict(zip(values, row)) for row in zip(*values.values())]
    conn.exec_driver_sql(str(compiled), rows)


_LITERAL_TYPES = {str: String(), int: Integer()}


def _processed(proc, column: list) -> list:
    """``proc`` over every value, computed once per distinct value: by identity first (the
    drafts of a section share its list; ``column`` keeps every value alive, so ids are not
    reused), then by content when that is text all through (section paths and empty hints
    repeat; ``1``, ``1.0`` and ``True`` are equal in Python but not in JSON). None stays None."""
    by_id: dict[int, object] = {id(None): None}
    done: dict = {}
    out = []
    for value in column:
        result = by_id.get(id(value), _MISSING)
        if result is _MISSING:
            key = _text_key(value)
            if key is None:
                result = proc(value)
            else:
                result = done.get(key, _MISSING)
                if result is _MISSING:
                    result = done[key] = proc(value)
            by_id[id(value)] = result
        out.append(result)
    return out


_MISSING = object()


def _text_key(value) -> tuple | str | None:
    """A hashable key for a str, a list of str or a dict of str to str; None for anything else."""
    kind = type(value)
    if kind is str:
        return value
    if kind is list and all(map(_is_text, value)):
        return ("list", *value)
    if kind is dict and all(map(_is_text, value)) and all(map(_is_text, value.values())):
        return ("dict", *value.items())
    return None


_is_text = str.__instancecheck__


def _by_columns(updates: list[dict]) -> list[list[dict]]:
    """Bulk UPDATE by primary key needs the same columns in every row of a batch."""
    groups: dict[tuple, list[dict]] = {}
    for row in updates:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return list(groups.values())


def import_notes(db: Database, path: Path, *, deck_name: str | None = None, dry_run: bool = False,
                 now: datetime, notes: tuple[str, str] | None = None) -> ImportReport:
    """Import ``path`` (or its already read ``notes`` = (text, sha256)) into its deck."""
    text, digest = notes if notes is not None else read_notes(path)
    name = deck_name or deck_name_for(path)
    key_name = _check_deck(db, name, path, explicit=deck_name is not None)
    with no_cyclic_gc():
        return _import(db, path, name, key_name, text, digest, dry_run, now)


def _check_deck(db: Database, name: str, path: Path, *, explicit: bool) -> str:
    """The name the deck's card keys are made with. A deck of the same name made from
    another notes file that still exists is refused (not retired card by card) unless the
    learner named the deck: two files called notes.md are two decks."""
    with db.connect(commit=False) as conn:
        row = conn.execute(select(deck_table.c.key_name, deck_table.c.source_path)
                           .where(deck_table.c.name == name)).first()
    if row is None:
        return name
    other = row.source_path
    if not explicit and other and other != str(path) and _same_file_gone(other, path) is False:
        raise NotesError("error.deck_taken", deck=name, other=other, path=str(path))
    return row.key_name or name


def _same_file_gone(other: str, path: Path) -> bool | None:
    """False when ``other`` is another file that still exists; True when it is gone (moved)."""
    try:
        if Path(other).resolve() == path.resolve():
            return None
        return not Path(other).exists()
    except OSError:
        return True


def _import(db: Database, path: Path, name: str, key_name: str, text: str, digest: str, dry_run: bool,
            now: datetime) -> ImportReport:
    from dockquiz.notes import parse_notes

    notes = parse_notes(text, deck=key_name)
    report = ImportReport(name, str(path), warnings=list(notes.warnings), dry_run=dry_run)
    if not notes.drafts:
        report.warnings.append(Warning_(0, "notes.warn.no_cards"))
    with db.connect(commit=not dry_run) as conn:
        source = {"source_path": str(path), "source_hash": digest, "updated_at": now}
        # A write first: it takes the database's write lock (waiting for another import that
        # holds it), so what the merge then reads is current and two imports never race.
        updated = conn.execute(deck_table.update().where(deck_table.c.name == name).values(**source))
        if updated.rowcount:
            deck_id = conn.scalar(select(deck_table.c.id).where(deck_table.c.name == name))
        else:
            deck_id = conn.execute(insert(deck_table).values(name=name, created_at=now, **source)
                                   ).inserted_primary_key[0]
        merge(conn, deck_id, notes.drafts, now, report)
        report.total = conn.scalar(select(func.count()).select_from(card_table).where(
            card_table.c.deck_id == deck_id, card_table.c.status != "retired")) or 0
    return report


def ensure_builtin_deck(db: Database, now: datetime) -> list[str]:
    """On a database with no decks, import the built-in deck(s) from content/decks."""
    from dockquiz.resources import builtin_decks

    with db.connect() as conn:
        if conn.scalar(select(func.count()).select_from(deck_table)):
            return []
    imported = []
    for path in builtin_decks():
        try:
            imported.append(import_notes(db, path, now=now).deck)
        except NotesError as exc:
            if exc.key != "error.deck_taken":       # the learner's own deck of that name came first
                raise
    return imported
