"""Decks and history out of dockquiz, and back in: a versioned JSON file, CSV for
spreadsheets, and Anki packages (.apkg) built with genanki.

JSON (``format: dockquiz-export``, ``version: 1``) holds everything a learner owns: decks,
cards with both prompts, variants and status, and for every profile each card's scheduler
state and full review history. Importing it restores an empty database, or merges into an
existing one by stable identity (deck name, card key; a review by profile, card and time):
nothing is ever duplicated, and a card's state is the one reviewed last.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from dockquiz.errors import UnknownDeck, UsageError
from dockquiz.scheduling import State
from dockquiz.storage.db import Database
from dockquiz.storage.models import Card, CardState, Deck, Profile
from dockquiz.vocabulary import EXPORT_FORMATS, STATE_FIELDS

FORMAT, VERSION = "dockquiz-export", 1
FORMATS = EXPORT_FORMATS
_CARD_FIELDS = (
    "key",
    "kind",
    "section",
    "prompt_ja",
    "prompt_en",
    "answer",
    "variants",
    "command",
    "hints",
    "source_line",
    "ordinal",
    "status",
    "created_at",
    "updated_at",
)
_REVIEW_FIELDS = (
    "reviewed_at",
    "typed",
    "verdict",
    "rating",
    "duration_ms",
    "state_before",
    "state_after",
    "prior_state",
    "confusions",
)
_TIMES = {"created_at", "updated_at", "due", "last_review", "reviewed_at"}


def format_of(path: Path, given: str | None) -> str:
    """The export format: as given, else from the file's extension."""
    name = given or path.suffix.lower().lstrip(".")
    if name not in FORMATS:
        raise UsageError("error.export_format", path=str(path), formats=", ".join(FORMATS))
    return name


# --- reading the database -----------------------------------------------------------------


@dataclass
class Snapshot:
    profiles: list[dict]
    decks: list[dict]  # each with its cards; each card with states and reviews by profile name


def _plain(value):
    return value.isoformat() if isinstance(value, datetime) else value


def snapshot(db: Database, deck: str | None = None, *, history: bool = True) -> Snapshot:
    """Everything to export, in a stable order (decks by name, cards by note order, reviews by
    time). With ``history``, each card's reviews come as JSON text, ready to write: a million
    of them are read and written in seconds, not parsed and built again."""
    from dockquiz.storage import tables as tb

    with db.connect() as conn:
        query = select(tb.deck).order_by(tb.deck.c.name)
        decks = conn.execute(query.where(tb.deck.c.name == deck) if deck else query).mappings().all()
        if deck and not decks:
            raise UnknownDeck("error.unknown_deck", name=deck)
        names = {row.id: row.name for row in conn.execute(select(tb.profile.c.id, tb.profile.c.name))}
        profiles = [
            dict(name=r.name, language=r.language, settings=r.settings or {})
            for r in conn.execute(select(tb.profile).order_by(tb.profile.c.name))
        ]
        deck_ids = [d["id"] for d in decks]
        in_decks = tb.card.c.deck_id.in_(deck_ids)
        states: dict[int, list[dict]] = {}
        ours = tb.card_state.c.card_id.in_(select(tb.card.c.id).where(in_decks))  # no join: the state's
        for st in conn.execute(
            select(tb.card_state)
            .where(ours)  # key starts with profile
            .order_by(tb.card_state.c.card_id, tb.card_state.c.profile_id)
        ).mappings():
            states.setdefault(st["card_id"], []).append(
                {"profile": names[st["profile_id"]], **{f: _plain(st[f]) for f in STATE_FIELDS}}
            )
        reviews = _review_texts(conn, in_decks if deck else None, names) if history else {}
        by_deck: dict[int, list[dict]] = {}
        for card in conn.execute(
            select(tb.card).where(in_decks).order_by(tb.card.c.deck_id, tb.card.c.ordinal, tb.card.c.id)
        ).mappings():
            data = {f: _plain(card[f]) for f in _CARD_FIELDS}
            data["states"] = states.get(card["id"], [])
            data["reviews"] = [text for _, text in sorted(reviews.get(card["id"], []))]
            by_deck.setdefault(card["deck_id"], []).append(data)
    return Snapshot(
        profiles,
        [
            {
                "name": d["name"],
                "source_path": d["source_path"],
                "created_at": _plain(d["created_at"]),
                "updated_at": _plain(d["updated_at"]),
                "cards": by_deck.get(d["id"], []),
            }
            for d in decks
        ],
    )


def _review_texts(conn, in_decks, names: dict[int, str]) -> dict[int, list[tuple[str, str]]]:
    """card id -> [(time, one review as JSON text)]. The database writes each review's JSON
    itself (SQLite's ``json_object``, PostgreSQL's ``json_build_object``): a million reviews
    are not parsed and encoded again in Python. Times are ISO-8601 with their offset."""
    from dockquiz.storage import tables as tb
    from dockquiz.storage.dialect import json_building

    r, p = tb.review.c, tb.profile.c
    at, build, as_json = json_building(r.reviewed_at, conn.dialect.name)
    document = build(
        "profile",
        p.name,
        "reviewed_at",
        at,
        "typed",
        r.typed,
        "verdict",
        r.verdict,
        "rating",
        r.rating,
        "duration_ms",
        r.duration_ms,
        "state_before",
        as_json(r.state_before),
        "state_after",
        as_json(r.state_after),
        "prior_state",
        r.prior_state,
        "confusions",
        as_json(r.confusions),
    )
    query = select(r.card_id, cast_text(r.reviewed_at), cast_text(document)).select_from(
        tb.review.join(tb.profile, p.id == r.profile_id)
    )
    if in_decks is not None:  # one deck; all of them: the whole table, read in order
        query = query.where(r.card_id.in_(select(tb.card.c.id).where(in_decks)))
    out: dict[int, list[tuple[str, str]]] = {}
    # one fetch, straight from the driver: every column is text or a number already, and a
    # million rows fetched one by one (or wrapped in Row objects) cost seconds
    for card_id, when, text in conn.execute(query).cursor.fetchall():
        out.setdefault(card_id, []).append((when, text))
    return out


def cast_text(expression):
    from sqlalchemy import Text, cast

    return cast(expression, Text)


# --- writing files ------------------------------------------------------------------------


def write_json(snap: Snapshot, path: Path, now: datetime) -> None:
    """The export, written as it is read: each card's reviews are JSON text already."""
    dumps = json.JSONEncoder(ensure_ascii=False).encode

    def write(fh) -> None:
        head = {"format": FORMAT, "version": VERSION, "exported_at": now.isoformat(), "profiles": snap.profiles}
        fh.write(dumps(head)[:-1] + ',"decks":[')
        for i, deck in enumerate(snap.decks):
            fh.write(("," if i else "") + dumps({k: v for k, v in deck.items() if k != "cards"})[:-1] + ',"cards":[')
            for j, card in enumerate(deck["cards"]):
                fh.write(
                    ("," if j else "")
                    + dumps({k: v for k, v in card.items() if k != "reviews"})[:-1]
                    + ',"reviews":['
                    + ",".join(card["reviews"])
                    + "]}"
                )
            fh.write("]}")
        fh.write("]}\n")

    _atomic_write(path, write)


CSV_COLUMNS = (
    "deck",
    "kind",
    "section",
    "prompt_ja",
    "prompt_en",
    "answer",
    "command",
    "status",
    "state",
    "due",
    "reps",
    "lapses",
    "key",
)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A text cell a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``, tab or CR
    first: OWASP's CSV injection rule) gets a leading ``'``; numbers stay numbers.

    ``-`` too, though most such cells are flags (``-i``, ``--rm``): Excel reads a cell typed or
    opened with ``-`` first as a formula (``-i`` is ``=-i``, shown ``#NAME?``; ``-A1`` is a cell
    reference; ``-2+3+cmd|…`` is the known DDE payload), so without the ``'`` a spreadsheet user
    would lose the flag, or run what a shared deck's notes hide. The ``'`` stays visible when a
    CSV is opened, an honest mark; an Anki user takes the .apkg, which keeps every answer exact
    (the export says so when it guarded a cell, docs/design.md)."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


@dataclass(frozen=True)
class Exported:
    decks: int
    cards: int
    reviews: int  # 0 unless JSON: only JSON carries the history
    guarded: int = 0  # CSV cells given a leading ' (csv_cell)


def export(
    db: Database,
    path: Path,
    kind: str,
    now: datetime,
    deck: str | None = None,
    values_line=None,
    profile: str | None = None,
    shown=None,
) -> Exported:
    """Write every deck (or one) to ``path`` as ``kind`` (one of ``EXPORT_FORMATS``): JSON with
    every profile's history, CSV with one profile's state of each card (``profile``, else as
    ``profiles.whose`` says), an Anki package whose notes carry ``values_line(kind, answer)``
    (the values study would show, in the learner's words) and its accepted variants as
    ``shown(form, answer)`` gives them (as the card shows them; else as stored). A file that
    cannot be written raises OSError."""
    snap = snapshot(db, deck, history=kind == "json")
    cards = sum(len(d["cards"]) for d in snap.decks)  # JSON and CSV hold every card, retired ones too
    if kind == "json":
        write_json(snap, path, now)
    elif kind == "csv":
        from dockquiz.storage.profiles import profile_name

        with db.connect(commit=False) as conn:
            whose = profile_name(conn, profile)
        guarded = write_csv(snap, path, whose)
    else:
        cards = write_apkg(snap, path, values_line, shown)  # the notes it holds: retired cards stay out
    reviews = sum(len(c["reviews"]) for d in snap.decks for c in d["cards"])
    return Exported(len(snap.decks), cards, reviews, guarded if kind == "csv" else 0)


def write_csv(snap: Snapshot, path: Path, profile: str) -> int:
    """One row per card, UTF-8 with a BOM: spreadsheet apps on Japanese systems read it right.
    How many cells got a leading ``'`` (csv_cell)."""
    guarded = 0

    def rows(fh) -> None:
        nonlocal guarded
        out = csv.writer(fh)
        out.writerow(CSV_COLUMNS)
        for deck in snap.decks:
            for card in deck["cards"]:
                state = next((st for st in card["states"] if st["profile"] == profile), None)
                row = [
                    deck["name"],
                    card["kind"],
                    " › ".join(card["section"]),
                    card["prompt_ja"],
                    card["prompt_en"],
                    card["answer"],
                    card["command"] or "",
                    card["status"],
                    State.label_of(state["state"] if state else None),
                    state["due"] if state else "",
                    state["reps"] if state else 0,
                    state["lapses"] if state else 0,
                    card["key"],
                ]
                cells = [csv_cell(v) for v in row]
                guarded += sum(1 for v, c in zip(row, cells) if c is not v)
                out.writerow(cells)

    _atomic_write(path, rows, encoding="utf-8-sig", newline="")
    return guarded


def _atomic_write(path: Path, write, **open_args) -> None:
    """Write next to the target, then rename: an interrupted export leaves no half file."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "w", encoding=open_args.pop("encoding", "utf-8"), **open_args) as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# --- Anki -----------------------------------------------------------------------------------


def _stable_id(name: str) -> int:
    """A 31-bit id Anki keeps for one of our note types or decks, the same on every export."""
    return int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:8], 16) & 0x7FFFFFFF


_CSS = (
    ".card { font-family: sans-serif; font-size: 20px; text-align: left; }\n"
    ".section { color: #888; font-size: 14px; } .en { color: #555; } "
    ".values { font-family: monospace; color: #07a; } .hints { font-size: 15px; color: #666; }"
)
COMMAND_FIELDS = ("PromptJa", "PromptEn", "Answer", "Command", "Section", "Example", "Hints")
MEANING_FIELDS = ("Flag", "Command", "Meaning", "MeaningEn", "Section")


def _models():
    import genanki

    typed = genanki.Model(
        _stable_id("dockquiz typed answer v1"),
        "dockquiz: type the answer",
        fields=[{"name": f} for f in COMMAND_FIELDS],
        templates=[
            {
                "name": "Type the command",
                "qfmt": '<div class="section">{{Section}}</div>{{PromptJa}}'
                '{{#PromptEn}}<div class="en">{{PromptEn}}</div>{{/PromptEn}}'
                '{{#Hints}}<div class="hints">{{Hints}}</div>{{/Hints}}\n\n{{type:Answer}}',
                "afmt": '{{FrontSide}}\n\n<hr id=answer>\n\n{{type:Answer}}{{#Command}}<div class="section">{{Command}}</div>'
                '{{/Command}}{{#Example}}<div class="values">{{Example}}</div>{{/Example}}',
            }
        ],
        css=_CSS,
    )
    meaning = genanki.Model(
        _stable_id("dockquiz option meaning v1"),
        "dockquiz: what does the flag mean",
        fields=[{"name": f} for f in MEANING_FIELDS],
        templates=[
            {
                "name": "Meaning of the flag",
                "qfmt": '<div class="section">{{Section}}</div><div class="values">{{Flag}}</div>'
                '{{#Command}}<div class="section">{{Command}}</div>{{/Command}}',
                "afmt": "{{FrontSide}}\n\n<hr id=answer>\n\n{{Meaning}}"
                '{{#MeaningEn}}<div class="en">{{MeaningEn}}</div>{{/MeaningEn}}',
            }
        ],
        css=_CSS,
    )
    return typed, meaning


_TAG_BAD = re.compile(r"[\s\"]+")


def tags_for(card: dict) -> list[str]:
    """Anki tags from the section path (a hierarchical tag: ``dockquiz::章::節``) and the kind."""
    parts = [_TAG_BAD.sub("_", p).strip("_:") for p in card["section"]]
    parts = [p for p in parts if p]
    return [f"dockquiz::kind::{card['kind']}"] + (["dockquiz::" + "::".join(parts)] if parts else [])


def write_apkg(snap: Snapshot, path: Path, values_line=None, shown=None) -> int:
    """One Anki deck per dockquiz deck (``dockquiz::<deck>``); note GUIDs from the cards' stable
    keys, so importing a later export updates these notes instead of adding new ones.
    Retired cards stay out. ``values_line(kind, answer)``: the line study shows for the values
    the answer needs ("使う値: …", or None), put on the front as in study; ``shown(form,
    answer)``: an accepted variant as the card shows it. Returns the number of notes written."""
    import genanki

    shown = shown or (lambda form, answer: form)

    typed, meaning = _models()
    decks, notes = [], 0
    esc = html.escape  # notes' text is data: never markup in Anki either
    for deck in snap.decks:
        anki_deck = genanki.Deck(_stable_id("dockquiz deck " + deck["name"]), f"dockquiz::{deck['name']}")
        for card in deck["cards"]:
            if card["status"] == "retired":
                continue
            section = esc(" › ".join(card["section"]))
            if card["kind"] == "meaning":
                fields = [
                    esc(card["prompt_ja"]),
                    esc(card["command"] or ""),
                    esc(card["answer"]),
                    esc((card["hints"] or {}).get("en", "")),
                    section,
                ]
                model = meaning
            else:
                lines = [
                    f"{esc(k)}: {esc(v)}"
                    for k, v in (card["hints"] or {}).items()
                    if isinstance(v, str) and k not in ("en", "flag")
                ]
                prompts = (card["prompt_ja"] or "", card["prompt_en"] or "")
                values = values_line(card["kind"], card["answer"], *prompts) if values_line else None
                if values:  # what the answer needs and no prompt says, as study shows it
                    lines.insert(0, esc(values))
                hints = "<br>".join(lines)
                fields = [
                    esc(card["prompt_ja"]),
                    esc(card["prompt_en"] if card["prompt_en"] != card["prompt_ja"] else ""),
                    esc(card["answer"]),
                    esc(card["command"] or ""),
                    section,
                    esc(" / ".join(shown(v, card["answer"]) for v in card["variants"] or [])),
                    hints,
                ]
                model = typed
            anki_deck.add_note(
                genanki.Note(model=model, fields=fields, tags=tags_for(card), guid=genanki.guid_for("dockquiz", card["key"]))
            )
            notes += 1
        decks.append(anki_deck)
    _write_package(genanki.Package(decks), path)
    return notes


def _write_package(package, path: Path) -> None:
    """genanki's ``write_to_file`` leaves its collection in the system's temp folder, one file per
    export, never removed: the collection is written beside the target instead, zipped as Anki
    reads a package (``collection.anki2`` and an empty ``media``), and both temporary files go."""
    import sqlite3
    import time
    import zipfile
    from itertools import count

    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    collection = path.with_name(f".{path.name}.anki2-{os.getpid()}")
    try:
        conn = sqlite3.connect(collection)
        try:
            now = time.time()
            package.write_to_db(conn.cursor(), now, count(int(now * 1000)))
            conn.commit()
        finally:
            conn.close()
        with zipfile.ZipFile(tmp, "w") as out:
            out.write(collection, "collection.anki2")
            out.writestr("media", json.dumps({}))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
        collection.unlink(missing_ok=True)


# --- reading a JSON export back ---------------------------------------------------------------

SCHEMA_FILE = Path(__file__).with_name("export.schema.json")
_validator = None


def _valid_time(value: str) -> bool:
    """An ISO-8601 time with its offset, from 1970 to 9998 (every local day of it is a date)."""
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return False
    return when.tzinfo is not None and 1970 <= when.year <= 9998 and when.utcoffset() is not None


def export_validator():
    """The export's JSON Schema (``export.schema.json``, shipped in the package), compiled once.
    fastjsonschema compiles it to Python: a million reviews are checked in seconds."""
    global _validator
    if _validator is None:
        import fastjsonschema

        schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
        _validator = fastjsonschema.compile(schema, formats={"date-time": _valid_time})
    return _validator


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def read_export(path: Path) -> dict:
    """A dockquiz JSON export, checked whole before anything is written: one line for another
    format, another version, a file that is not JSON, or the first field the schema refuses
    (named with its JSON path)."""
    try:
        data = json.loads(path.read_text("utf-8-sig"), parse_constant=_no_constant)
    except RecursionError:
        raise UsageError("error.export_too_deep", path=str(path)) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageError("error.export_damaged", path=str(path), reason=str(exc).splitlines()[0]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UsageError("error.export_not_ours", path=str(path))
    if data.get("version") != VERSION:
        raise UsageError("error.export_version", path=str(path), version=str(data.get("version")), supported=str(VERSION))
    import fastjsonschema

    try:
        export_validator()(data)
    except fastjsonschema.JsonSchemaValueException as exc:
        key, params = _schema_problem(exc)
        raise UsageError(key, path=str(path), **params) from None
    listed = {p["name"] for p in data["profiles"]}
    for d, deck in enumerate(data["decks"]):
        for c, card in enumerate(deck["cards"]):
            for what in ("states", "reviews"):
                for n, row in enumerate(card[what]):
                    if row["profile"] not in listed:
                        where = f"$.decks[{d}].cards[{c}].{what}[{n}].profile"
                        raise UsageError("error.export_field_profile", path=str(path), where=where, name=row["profile"])
    return data


def _schema_problem(exc) -> tuple[str, dict]:
    """(catalogue key, its parameters) for the first field the schema refused, named by its JSON path."""
    where = "$" + exc.name[len("data") :]
    rule, definition, value = exc.rule, exc.definition or {}, exc.value
    if rule == "required":
        missing = next(f for f in exc.rule_definition if f not in value)
        return "error.export_field_missing", {"where": f"{where}.{missing}"}
    if rule == "additionalProperties":
        extra = next(f for f in value if f not in (definition.get("properties") or {}))
        return "error.export_field_unknown", {"where": f"{where}.{extra}"}
    if rule == "type":
        types = exc.rule_definition if isinstance(exc.rule_definition, list) else [exc.rule_definition]
        return "error.export_field_type", {"where": where, "expected": " | ".join(types)}
    if rule in ("enum", "const"):
        choices = exc.rule_definition if rule == "enum" else [exc.rule_definition]
        return "error.export_field_choice", {
            "where": where,
            "choices": ", ".join(json.dumps(c, ensure_ascii=False) for c in choices),
        }
    if rule in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        low = definition.get("minimum", definition.get("exclusiveMinimum", "…"))
        high = definition.get("maximum", definition.get("exclusiveMaximum", "…"))
        return "error.export_field_range", {"where": where, "low": str(low), "high": str(high)}
    if rule in ("minLength", "maxLength"):
        return "error.export_field_length", {
            "where": where,
            "low": str(definition.get("minLength", 0)),
            "high": str(definition.get("maxLength", "…")),
        }
    if rule in ("minItems", "maxItems"):
        return "error.export_field_items", {
            "where": where,
            "low": str(definition.get("minItems", 0)),
            "high": str(definition.get("maxItems", "…")),
        }
    if rule == "format":
        return "error.export_field_time", {"where": where}
    if rule in ("pattern", "propertyNames"):
        return "error.export_field_characters", {"where": where}
    return "error.export_field_other", {"where": where, "rule": str(rule)}


def _time(value):
    return None if value is None else datetime.fromisoformat(value)


@dataclass
class Restored:
    decks: int = 0
    cards_added: int = 0
    reviews_added: int = 0
    reviews_known: int = 0


def restore_export(db: Database, data: dict, now: datetime) -> Restored:
    """Merge a JSON export into the database in one transaction (see the module's doc).
    Reviews go in by the batch: a file with a million of them is restored in seconds."""
    from sqlalchemy import insert

    from dockquiz.storage import tables as tb
    from dockquiz.storage.repo import db_user, is_teacher, require_own, require_teacher

    done = Restored()
    listed = {p["name"]: p for p in data["profiles"]}
    used = {row["profile"] for d in data["decks"] for c in d["cards"] for what in ("states", "reviews") for row in c[what]}
    unlisted = sorted(used - set(listed))
    if unlisted:  # read_export names its path first; a caller that skipped it is refused here
        raise UsageError("error.export_profile_unlisted", name=unlisted[0])
    with db.session() as s:
        user, teacher = db_user(s), is_teacher(s)
        # Only the file's own profiles are looked up: a review or state naming any other (a
        # classmate's) never reaches the database. A profile the file's history writes must be
        # this login's; one it only lists is left as it is when it exists.
        profiles: dict[str, Profile] = {}
        for name, p in listed.items():
            found = s.scalar(select(Profile).where(Profile.name == name))
            if found is None:
                if not (teacher or name in used):  # a class's learner makes no profile for a classmate
                    continue
                found = Profile(
                    name=name, language=p.get("language"), settings=p.get("settings") or {}, created_at=now, db_user=user
                )
                s.add(found)
            elif name in used:  # another database user's progress is theirs
                require_own(found, user, s)
            profiles[name] = found
        s.flush()
        for d in data["decks"]:
            deck = s.scalar(select(Deck).where(Deck.name == d["name"]))
            if deck is None:
                require_teacher(s)  # a deck the class database lacks is the teacher's to add
                deck = Deck(
                    name=d["name"],
                    key_name=d["name"],
                    source_path=d.get("source_path"),
                    created_at=_time(d["created_at"]) or now,
                    updated_at=_time(d["updated_at"]) or now,
                )
                s.add(deck)
                s.flush()
            done.decks += 1
            cards = {c.key: c for c in s.scalars(select(Card).where(Card.deck_id == deck.id))}
            for c in d["cards"]:
                if c["key"] not in cards:
                    require_teacher(s)
                    cards[c["key"]] = Card(
                        deck_id=deck.id,
                        content_hash="",
                        version=1,
                        **{f: (_time(c[f]) if f in _TIMES else c[f]) for f in _CARD_FIELDS},
                    )
                    s.add(cards[c["key"]])
                    done.cards_added += 1
            s.flush()
            r = tb.review.c
            known = set(
                s.execute(select(r.profile_id, r.card_id, r.reviewed_at).join(tb.card).where(tb.card.c.deck_id == deck.id)).all()
            )
            rows = []
            for c in d["cards"]:
                card = cards[c["key"]]
                for rv in c["reviews"]:
                    ident = (profiles[rv["profile"]].id, card.id, _time(rv["reviewed_at"]))
                    if ident in known:
                        done.reviews_known += 1
                        continue
                    known.add(ident)
                    rows.append(
                        {
                            "profile_id": ident[0],
                            "card_id": card.id,
                            **{f: (_time(rv[f]) if f in _TIMES else rv[f]) for f in _REVIEW_FIELDS},
                        }
                    )
                _merge_states(s, card, c, profiles)
            for start in range(0, len(rows), 20_000):
                s.execute(insert(tb.review), rows[start : start + 20_000])
            done.reviews_added += len(rows)
    return done


def _merge_states(s, card: Card, c: dict, profiles: dict) -> None:
    for st in c["states"]:
        who = profiles[st["profile"]].id
        row = s.get(CardState, (who, card.id))
        theirs = {f: (_time(st[f]) if f in _TIMES else st[f]) for f in STATE_FIELDS}
        if row is None:
            s.add(CardState(profile_id=who, card_id=card.id, **theirs))
        elif theirs["last_review"] is not None and (row.last_review is None or theirs["last_review"] > row.last_review):
            for f, v in theirs.items():  # the state reviewed last wins
                setattr(row, f, v)
