"""The CLI's commands: each turns parsed arguments into calls on the library and output."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from dockquiz import clock as clockmod
from dockquiz.errors import UsageError
from dockquiz.i18n import T


class App:
    """What every command needs: language, clock, database (opened on first use)."""

    def __init__(self, args, t: T) -> None:
        self.args, self.t = args, t
        self.clock = clockmod.from_env()
        self._db = None

    @property
    def db(self):
        if self._db is None:
            from dockquiz.errors import StorageError
            from dockquiz.storage.db import open_database, wants_password

            try:
                self._db = open_database(self.args.db)
            except StorageError as exc:  # a learner's login with a password: asked once, as psql does
                if not (wants_password(exc) and sys.stdin.isatty()):
                    raise
                import getpass

                from sqlalchemy.engine import make_url

                from dockquiz.storage.db import resolve_url

                login = make_url(resolve_url(self.args.db)[0]).username or ""
                self._db = open_database(self.args.db, password=getpass.getpass(self.t("class.login_password", login=login)))
            problem = self._db.back_up_daily(self.clock)
            if problem is not None:  # said once, never in the way of studying
                from rich.text import Text

                from dockquiz.render import console

                console(stderr=True).print(
                    Text(self.t("backup.daily_failed", reason=self.t(problem.key, **problem.params)), style="yellow"),
                    soft_wrap=True,
                )
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def run(args, t: T) -> int:
    profile = getattr(args, "profile", None)
    for name in (profile, os.environ.get("DOCKQUIZ_PROFILE") or None):  # --profile, DOCKQUIZ_PROFILE
        if name is not None and (not name.strip() or len(name) > 100 or not name.isprintable()):
            raise UsageError("error.bad_profile", value=name)
    if profile is not None:
        from dockquiz.storage import profiles

        profiles.use_profile(profile)
    app = App(args, t)
    try:
        handler = globals()["cmd_" + args.command.replace("-", "_")]
        return handler(app) or 0
    finally:
        app.close()
        if profile is not None:  # one command's choice (main() may run again in-process)
            profiles.use_profile(None)


def _json(data) -> None:
    from dockquiz.textsafe import print_json

    print_json(data)


# --- import / decks / cards ---------------------------------------------------------------


def cmd_import(app: App) -> int:
    from dockquiz.importing import import_notes, read_notes

    path = Path(app.args.path)
    if path.suffix.lower() == ".json":
        return _import_export(app, path)
    notes = read_notes(path)  # a bad file stops here, before the database is opened
    report = import_notes(app.db, path, deck_name=app.args.deck, dry_run=app.args.dry_run, now=app.clock.now(), notes=notes)
    warnings = [{"line": w.line, "message": app.t(w.key, **w.params)} for w in report.warnings]
    if app.args.json:
        _json(
            {
                "deck": report.deck,
                "source": report.source,
                "added": report.added,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "retired": report.retired,
                "total": report.total,
                "dry_run": report.dry_run,
                "lint": report.lint,
                "warnings": warnings,
                "changes": report.changes,
            }
        )
        return 0
    from rich.text import Text

    from dockquiz.render import console

    out, err = console(), console(stderr=True)
    t = app.t
    for w in warnings:
        where = f"{path}:{w['line']}: " if w["line"] else f"{path}: "
        err.print(Text.assemble((t("import.warning"), "yellow"), " ", where, w["message"]), soft_wrap=True)
    head = t("import.dry_run_title") if report.dry_run else t("import.title")
    out.print(Text.assemble((head, "bold"), " ", report.deck, f"  ({report.source})"))
    out.print(
        t(
            "import.summary",
            added=report.added,
            updated=report.updated,
            unchanged=report.unchanged,
            retired=report.retired,
            total=report.total,
        )
    )
    if report.lint:
        err.print(Text(t("import.lint", count=report.lint, path=str(path)), style="yellow"), soft_wrap=True)
    if app.args.verbose:
        for what, rows in report.changes.items():
            for row in rows:
                where = f"{path}:{row['line']}" if row["line"] else str(path)
                out.print(
                    Text.assemble(
                        (f"  {t('import.change.' + what)}", "bold"), f"  {row['kind']}  ", row["answer"], (f"  ({where})", "dim")
                    ),
                    soft_wrap=True,
                )
    if report.total and not report.dry_run:
        out.print(Text(t("import.next"), style="dim"))
    return 0


def _import_export(app: App, path: Path) -> int:
    """``dockquiz import FILE.json``: restore or merge a dockquiz export."""
    from dockquiz.exporting import read_export, restore_export

    if app.args.dry_run:
        raise UsageError("error.export_dry_run")
    data = read_export(path)  # a wrong file stops here, before the database is opened
    done = restore_export(app.db, data, app.clock.now())
    if app.args.json:
        _json(
            {
                "source": str(path),
                "decks": done.decks,
                "cards_added": done.cards_added,
                "reviews_added": done.reviews_added,
                "reviews_known": done.reviews_known,
            }
        )
        return 0
    from rich.text import Text

    from dockquiz.render import console

    console().print(
        Text(
            app.t(
                "export.restored",
                path=str(path),
                decks=done.decks,
                cards=done.cards_added,
                reviews=done.reviews_added,
                known=done.reviews_known,
            )
        ),
        soft_wrap=True,
    )
    return 0


def cmd_export(app: App) -> int:
    from dockquiz import exporting

    args = app.args
    path = Path(args.path)
    kind = exporting.format_of(path, args.format)
    if path.is_dir():
        raise UsageError("error.export_cannot_write", path=str(path), reason=app.t("export.is_folder"))
    if path.exists() and not args.force:
        raise UsageError("error.export_exists", path=str(path))
    if not os.access(path.parent if str(path.parent) else Path("."), os.W_OK):
        raise UsageError("error.export_cannot_write", path=str(path), reason=app.t("export.not_writable"))
    snap = exporting.snapshot(app.db, args.deck, history=kind == "json")
    try:
        if kind == "json":
            exporting.write_json(snap, path, app.clock.now())
        elif kind == "csv":
            from dockquiz.storage import repo

            with app.db.session() as s:
                whose = repo.profile_name(s)
            exporting.write_csv(snap, path, whose)
        else:
            from dockquiz.study.session import card_values
            from dockquiz.tui.text import readable_value

            def values_line(kind: str, answer: str) -> str | None:
                values = card_values(kind, answer)
                return app.t("study.values", items="  ".join(map(readable_value, values))) if values else None

            exporting.write_apkg(snap, path, values_line)
    except OSError as exc:
        raise UsageError("error.export_cannot_write", path=str(path), reason=exc.strerror or str(exc)) from None
    cards = sum(len(d["cards"]) for d in snap.decks)
    reviews = sum(len(c["reviews"]) for d in snap.decks for c in d["cards"])  # 0 unless JSON
    from rich.text import Text

    from dockquiz.render import console

    key = "export.done" if kind == "json" else "export.done_cards"  # only JSON carries the history
    console().print(
        Text(app.t(key, path=str(path), format=kind, decks=len(snap.decks), cards=cards, reviews=reviews)), soft_wrap=True
    )
    return 0


def _sqlite_path(app: App) -> Path:
    from dockquiz.errors import StorageError
    from dockquiz.storage.db import resolve_url, sqlite_file_path

    url, shown = resolve_url(app.args.db)
    path = sqlite_file_path(url)
    if path is None:
        raise StorageError("error.backup_not_sqlite", path=shown)
    return path


def cmd_backup(app: App) -> int:
    from rich.text import Text

    from dockquiz.errors import StorageError
    from dockquiz.render import console
    from dockquiz.storage import backup as bk
    from dockquiz.storage.db import inspect_sqlite_file

    db_path = _sqlite_path(app)
    out = console()
    if app.args.list:
        found = bk.list_backups(db_path)
        if app.args.json:
            _json([{"path": str(b.path), "taken": b.taken.isoformat(), "reason": b.reason, "size": b.size} for b in found])
            return 0
        if not found:
            out.print(Text(app.t("backup.none", folder=str(bk.backups_dir(db_path)))))
        for b in found:
            out.print(
                Text.assemble(
                    b.taken.strftime("%Y-%m-%d %H:%M:%S"),
                    "  ",
                    (app.t("backup.reason." + (b.reason.split("-")[0] or "manual")), "dim"),
                    f"  {b.size // 1024} KiB  ",
                    str(b.path),
                ),
                soft_wrap=True,
            )
        return 0
    if inspect_sqlite_file(db_path, str(db_path)) != "ours":
        raise StorageError("error.backup_nothing", path=str(db_path))
    now = app.clock.now().astimezone(app.clock.tz())
    dest = bk.backup(db_path, Path(app.args.path) if app.args.path else None, now, force=app.args.force)
    out.print(Text(app.t("backup.done", path=str(dest))), soft_wrap=True)
    return 0


def cmd_restore(app: App) -> int:
    from rich.text import Text

    from dockquiz.render import console
    from dockquiz.storage import backup as bk

    db_path = _sqlite_path(app)
    source = Path(app.args.path)
    bk.check_backup(source)  # a damaged or foreign file stops here: nothing changed
    if not app.args.yes:
        if not sys.stdin.isatty():
            raise UsageError("error.restore_needs_yes", path=str(db_path))
        answer = input(app.t("backup.restore_confirm", path=str(db_path), source=str(source)) + " ")
        if answer.strip().lower() not in ("y", "yes", "はい"):
            console().print(Text(app.t("backup.restore_cancelled")))
            return 0
    saved = bk.restore(db_path, source, app.clock.now().astimezone(app.clock.tz()))
    console().print(Text(app.t("backup.restored", path=str(db_path), source=str(source), saved=str(saved))), soft_wrap=True)
    return 0


def cmd_optimize(app: App) -> int:
    """Fit FSRS to this profile's history (or one deck's); keep the fit only if it predicts the
    newest reviews better. ``--workload``: minutes and cards per day for a range of retentions."""
    from rich.text import Text
    from sqlalchemy import func, select

    from dockquiz.render import console
    from dockquiz.scheduling import optimize
    from dockquiz.storage import repo
    from dockquiz.storage import tables as tb

    args, t, out = app.args, app.t, console()
    now, tz = app.clock.now(), app.clock.tz()
    with app.db.session() as s:
        prof = repo.profile(s, now)
        settings = dict(prof.settings or {})
        if args.reset:  # back to FSRS's defaults (the profile's, or one deck's)
            if args.deck:
                settings["fsrs_decks"] = {k: v for k, v in (settings.get("fsrs_decks") or {}).items() if k != args.deck}
            else:
                settings.pop("fsrs", None)
            prof.settings = settings
            out.print(Text(t("optimize.reset")))
            return 0
        current, retention = optimize.scheduling_of(settings, args.deck)
        parameters = current["parameters"] if current else optimize.default_parameters()
        r, c = tb.review.c, tb.card.c
        deck_id = repo.require_deck(s, args.deck).id if args.deck else None
        if args.workload:  # the cards, not the history: no reviews read
            size = s.scalar(
                select(func.count())
                .select_from(tb.card)
                .where(c.status == "active", *([c.deck_id == deck_id] if deck_id else []))
            )
            return _workload(app, parameters, size, retention)
        query = select(r.card_id, r.reviewed_at, r.rating, r.prior_state).where(r.profile_id == prof.id)
        if deck_id is not None:
            query = query.where(r.card_id.in_(select(c.id).where(c.deck_id == deck_id)))
        rows = s.execute(query).all()
    items, used = optimize.build_items(rows, tz)
    if used < optimize.MIN_REVIEWS:
        if args.json:
            _json({"fitted": False, "answers": len(rows), "reviews": used, "needed": optimize.MIN_REVIEWS - used})
        else:
            out.print(Text(t("optimize.too_few", answers=len(rows), reviews=used, needed=optimize.MIN_REVIEWS - used)))
        return 0
    fitted = optimize.optimize(items, used, parameters)
    kept = fitted.better and not args.dry_run
    if kept:
        with app.db.session() as s:
            prof = repo.profile(s, now)
            settings = dict(prof.settings or {})
            if args.deck:
                settings["fsrs_decks"] = {
                    **(settings.get("fsrs_decks") or {}),
                    args.deck: optimize.record(fitted, now, args.deck),
                }
            else:
                settings["fsrs"] = optimize.record(fitted, now, None)
            prof.settings = settings
    if args.json:
        _json(
            {
                "fitted": True,
                "kept": kept,
                "answers": len(rows),
                "reviews": used,
                "items": fitted.items,
                "log_loss": {"current": fitted.old.log_loss, "fitted": fitted.new.log_loss},
                "rmse_bins": {"current": fitted.old.rmse_bins, "fitted": fitted.new.rmse_bins},
                "parameters": fitted.parameters,
            }
        )
        return 0
    out.print(Text(t("optimize.fitted", answers=len(rows), reviews=used, items=fitted.items)))
    out.print(
        Text(
            t(
                "optimize.metrics",
                old_ll=f"{fitted.old.log_loss:.4f}",
                new_ll=f"{fitted.new.log_loss:.4f}",
                old_rmse=f"{fitted.old.rmse_bins:.4f}",
                new_rmse=f"{fitted.new.rmse_bins:.4f}",
            )
        )
    )
    key = "optimize.dry_run" if args.dry_run and fitted.better else "optimize.kept" if kept else "optimize.not_better"
    out.print(Text(t(key), style="bold" if kept else ""))
    return 0


def _workload(app: App, parameters: list[float], size: int, retention: float) -> int:
    from rich.text import Text

    from dockquiz.render import console
    from dockquiz.scheduling import optimize

    rows = optimize.workload(parameters, size, [round(0.75 + 0.02 * i, 2) for i in range(12)])
    best = min(rows, key=lambda row: row[1])
    if app.args.json:
        _json(
            {
                "deck_size": size,
                "desired_retention": retention,
                "best": best[0],
                "rows": [{"retention": r, "minutes_per_day": m, "cards_per_day": c} for r, m, c in rows],
            }
        )
        return 0
    t, out = app.t, console()
    out.print(Text(t("optimize.workload_title", cards=size, retention=retention), style="bold"))
    top = max(m for _, m, _ in rows) or 1
    for r, minutes, cards in rows:
        bar = "█" * max(1, round(24 * minutes / top))
        mark = "  ◀ " + t("optimize.least_work") if r == best[0] else ""
        out.print(
            Text.assemble(
                f"  {r:.2f}  ", (f"{bar:<24}", "cyan"), f"  {t('optimize.per_day', minutes=minutes, cards=cards)}", (mark, "bold")
            )
        )
    out.print(Text(t("optimize.workload_hint", best=best[0]), style="dim"))
    return 0


def cmd_profiles(app: App) -> int:
    """The learners of this database: reviews, the last one, and whose progress this is."""
    from sqlalchemy import func, select

    from dockquiz.storage import repo
    from dockquiz.storage.access import review_source
    from dockquiz.storage.models import Profile

    with app.db.session() as s:
        current = repo.profile_name(s)
        r = review_source(s.bind).c  # a class's learner counts everyone's from the figures
        rows = s.execute(
            select(Profile.name, func.count(r.id), func.max(r.reviewed_at))
            .outerjoin(review_source(s.bind), r.profile_id == Profile.id)
            .group_by(Profile.id, Profile.name)
            .order_by(Profile.name)
        ).all()
    data = [
        {"profile": name, "reviews": n, "last_review": last.isoformat() if last else None, "current": name == current}
        for name, n, last in rows
    ]
    if app.args.json:
        _json(data)
        return 0
    from rich.table import Table

    from dockquiz.render import console

    table = Table()
    for key in ("profile", "reviews", "last"):
        table.add_column(app.t("profiles." + key))
    for row in data:
        last = row["last_review"][:16].replace("T", " ") if row["last_review"] else "—"
        table.add_row(("* " if row["current"] else "  ") + row["profile"], str(row["reviews"]), last)
    console().print(table)
    if not any(row["current"] for row in data):
        console().print(app.t("profiles.not_yet", name=current))
    return 0


def cmd_decks(app: App) -> int:
    from dockquiz.storage import repo

    with app.db.session() as s:
        rows = repo.decks_with_counts(s)
        prof = repo.readable_profile(s)
        due = repo.due_and_new(s, prof.id if prof else None, app.clock.now())
        data = [
            {
                "name": d.name,
                "source": d.source_path,
                "cards": sum(n for st, n in c.items() if st != "retired"),
                "due": due.get(d.id, (0, 0))[0],
                "new": due.get(d.id, (0, 0))[1],
                "suspended": c.get("suspended", 0),
                "retired": c.get("retired", 0),
                "updated": d.updated_at.isoformat(),
            }
            for d, c in rows
        ]
    if app.args.json:
        _json(data)
        return 0
    from rich.table import Table

    from dockquiz.render import console

    if not data:
        console().print(app.t("decks.none"))
        return 0
    table = Table(box=None)
    for col in ("deck", "cards", "due", "new", "source"):
        table.add_column(app.t(f"decks.col.{col}"), justify="right" if col in ("cards", "due", "new") else "left")
    for d in data:
        table.add_row(d["name"], str(d["cards"]), str(d["due"]), str(d["new"]), d["source"] or "")
    console().print(table)
    return 0


def cmd_deck(app: App) -> int:
    from sqlalchemy import delete, func, select

    from dockquiz.storage import repo
    from dockquiz.storage.tables import card, deck, review

    t, args = app.t, app.args
    if args.action == "rename":
        new = args.new_name.strip()
        if not new:
            raise UsageError("error.deck_name_empty")
        with app.db.session() as s:
            found = repo.require_deck(s, args.name)
            repo.require_teacher(s)
            if new != found.name and repo.deck_by_name(s, new) is not None:
                raise UsageError("error.deck_exists", name=new)
            found.key_name = found.key_name or found.name  # its cards keep their keys
            found.name = new
        _say(t("deck.renamed", old=args.name, new=new))
        return 0
    with app.db.session() as s:
        found = repo.require_deck(s, args.name)
        repo.require_teacher(s)
        deck_id = found.id
        cards = s.scalar(select(func.count()).select_from(card).where(card.c.deck_id == deck_id)) or 0
        reviews = (
            s.scalar(
                select(func.count())
                .select_from(review)
                .join(card, card.c.id == review.c.card_id)
                .where(card.c.deck_id == deck_id)
            )
            or 0
        )
        mine = repo.find_profile(s)
        others, their_reviews = s.execute(  # a shared file: the deck's history is not only ours
            select(func.count(func.distinct(review.c.profile_id)), func.count())
            .select_from(review)
            .join(card, card.c.id == review.c.card_id)
            .where(card.c.deck_id == deck_id, review.c.profile_id != (mine.id if mine else -1))
        ).one()
    if not args.yes and not sys.stdin.isatty():
        raise UsageError("error.deck_rm_confirm", name=args.name)
    if others:
        _tell(t("deck.rm_others", profiles=others, reviews=their_reviews))
    if not args.yes:
        sys.stdout.write(t("deck.rm_ask", name=args.name, cards=cards, reviews=reviews) + " ")
        sys.stdout.flush()
        if sys.stdin.readline().strip().lower() not in ("y", "yes", "はい"):
            _say(t("deck.rm_kept", name=args.name))
            return 0
    with app.db.connect() as conn:  # reviews and states go with the cards
        conn.execute(delete(deck).where(deck.c.id == deck_id))
    _say(t("deck.removed", name=args.name, cards=cards, reviews=reviews))
    return 0


def _say(line: str) -> None:
    from rich.text import Text

    from dockquiz.render import console

    console().print(Text(line))


def card_state_name(card, state) -> str:
    from dockquiz.scheduling.states import card_state

    return card_state(card.status, state.state if state is not None else None)


def card_dict(card, state, deck: str | None = None) -> dict:
    return {
        "id": card.id,
        "deck": deck if deck is not None else card.deck.name,
        "kind": card.kind,
        "section": card.section,
        "prompt": {"ja": card.prompt_ja, "en": card.prompt_en},
        "answer": card.answer,
        "command": card.command,
        "source_line": card.source_line,
        "status": card.status,
        "state": card_state_name(card, state),
        "due": state.due.isoformat() if state else None,
        "reps": state.reps if state else 0,
        "lapses": state.lapses if state else 0,
    }


def cmd_cards(app: App) -> int:
    from dockquiz.scheduling import LEECH_LAPSES
    from dockquiz.storage import repo

    args = app.args
    now = app.clock.now()
    with app.db.session() as s:
        deck = repo.require_deck(s, args.deck) if args.deck else None
        prof = repo.readable_profile(s)
        rows = repo.cards_with_state(s, prof.id if prof else None, deck, include_retired=args.state == "retired")
        data = []
        for card, state in rows:
            item = card_dict(card, state)
            if args.state and item["state"] != args.state:
                continue
            if args.due and not (state is not None and state.due <= now and card.status == "active"):
                continue
            if args.leeches and not (state is not None and state.lapses >= LEECH_LAPSES):
                continue
            if args.search:
                needle = args.search.lower()
                hay = " ".join([card.prompt_ja, card.prompt_en, card.answer]).lower()
                if needle not in hay:
                    continue
            data.append(item)
    if args.json:
        _json(data)
        return 0
    from rich.table import Table

    from dockquiz.render import console

    if not data:
        console().print(app.t("cards.none"))
        return 0
    table = Table(box=None, expand=False)
    for col in ("id", "kind", "prompt", "answer", "state"):
        table.add_column(app.t(f"cards.col.{col}"), overflow="fold")
    for item in data:
        prompt = app.t.prompt(item["prompt"]["ja"], item["prompt"]["en"]).replace("\n", " / ")
        table.add_row(str(item["id"]), app.t(f"kind.{item['kind']}"), prompt, item["answer"], app.t(f"state.{item['state']}"))
    console().print(table)
    return 0


def cmd_card(app: App) -> int:
    """One card and its history, read on Core tables (no ORM to load: a script reading many
    cards one by one pays for each start)."""
    from sqlalchemy import select

    from dockquiz.errors import UnknownCard
    from dockquiz.storage import tables as tb
    from dockquiz.storage.profiles import profile_id

    c, d, cs, r = tb.card.c, tb.deck.c, tb.card_state.c, tb.review.c
    with app.db.connect() as conn:
        card = conn.execute(
            select(tb.card, d.name.label("deck_name"), d.source_path).join(tb.deck, d.id == c.deck_id).where(c.id == app.args.id)
        ).first()
        if card is None:
            raise UnknownCard("error.unknown_card", id=app.args.id)
        prof = profile_id(conn)
        state = conn.execute(select(tb.card_state).where(cs.profile_id == prof, cs.card_id == card.id)).first() if prof else None
        reviews = conn.execute(
            select(r.reviewed_at, r.typed, r.verdict, r.rating, r.duration_ms, r.state_after)
            .where(r.card_id == card.id)
            .order_by(r.reviewed_at)
        ).all()
        data = card_dict(card, state, deck=card.deck_name)
        data["variants"] = card.variants
        data["hints"] = card.hints
        data["source"] = f"{card.source_path}:{card.source_line}"
        data["history"] = [
            {
                "date": r.reviewed_at.isoformat(),
                "typed": r.typed,
                "verdict": r.verdict,
                "rating": r.rating,
                "duration_ms": r.duration_ms,
                "interval_days": _interval(r),
            }
            for r in reviews
        ]
    if app.args.json:
        _json(data)
        return 0
    from rich.table import Table

    from dockquiz.render import console

    out = console()
    t = app.t
    from rich.text import Text

    out.print(Text.assemble((f"#{data['id']}", "bold"), f" {t('kind.' + data['kind'])}  ", (" › ".join(data["section"]), "dim")))
    out.print(t.prompt(data["prompt"]["ja"], data["prompt"]["en"]))
    out.print(Text.assemble(f"{t('card.answer')}: ", (data["answer"], "bold")))
    if data["variants"]:
        out.print(f"{t('card.variants')}: " + ", ".join(data["variants"]))
    out.print(f"{t('card.source')}: {data['source']}   {t('card.state')}: {t('state.' + data['state'])}")
    if data["history"]:
        from datetime import datetime

        from dockquiz.grading.verdict import Rating
        from dockquiz.tui.text import span

        table = Table(box=None)
        for col in ("date", "typed", "verdict", "rating", "interval"):
            table.add_column(t(f"card.col.{col}"))
        tz = app.clock.tz()
        for h in data["history"]:
            local = datetime.fromisoformat(h["date"]).astimezone(tz).strftime("%Y-%m-%d %H:%M")
            interval = span(t, h["interval_days"] * 86400) if h["interval_days"] is not None else ""
            table.add_row(
                local, Text(h["typed"]), t("verdict." + h["verdict"]), t("rating." + Rating(h["rating"]).label), interval
            )
        out.print(table)
    return 0


def _interval(review) -> float | None:
    due = (review.state_after or {}).get("due")
    if not due:
        return None
    from datetime import datetime

    return (datetime.fromisoformat(due) - review.reviewed_at).total_seconds() / 86400


def _set_status(app: App, status: str, only_from: str) -> int:
    from dockquiz.storage import repo

    with app.db.session() as s:
        cards = [repo.require_card(s, i) for i in app.args.ids]
        repo.require_teacher(s)  # a class's card is suspended for everyone
        for card in cards:
            if card.status == only_from:
                card.status = status
                card.version += 1
                card.updated_at = app.clock.now()
    from dockquiz.render import console

    console().print(app.t(f"cards.{status}", n=len(cards)))
    return 0


def cmd_suspend(app: App) -> int:
    return _set_status(app, "suspended", "active")


def cmd_unsuspend(app: App) -> int:
    return _set_status(app, "active", "suspended")


# --- grade / config -------------------------------------------------------------------------


def cmd_grade(app: App) -> int:
    from dockquiz.grading import grade

    verdict = grade(app.args.expected, app.args.typed, kind=app.args.kind, command=app.args.context)
    if app.args.json:
        _json(verdict.to_dict())
        return 0
    from dockquiz.render import console, difference_lines, verdict_line

    out = console()
    out.print(verdict_line(app.t, verdict))
    for line in difference_lines(app.t, verdict.differences):
        out.print(line, soft_wrap=True)
    if not verdict.correct:
        from rich.text import Text

        out.print(Text.assemble(f"{app.t('card.answer')}: ", (app.args.expected, "bold")))
    return 0


def cmd_grammar(app: App) -> int:
    from dockquiz.grading import grammar as gr

    if app.args.action == "list":
        rows = gr.grammar().listing()
        if app.args.json:
            _json(rows)
            return 0
        from rich.table import Table
        from rich.text import Text

        from dockquiz.render import console

        t = app.t
        table = Table(box=None, pad_edge=False, show_edge=False)
        for key in ("program", "version", "source", "commands"):
            table.add_column(t("grammar.column." + key), justify="right" if key == "commands" else "left")
        for row in rows:
            source = t("grammar.source." + row["source"])
            if row.get("alias_of"):
                source = f"{source} {row['alias_of']}"
            table.add_row(
                Text(row["program"]),
                Text(row["version"] or "-"),
                Text(source),
                Text(str(row["commands"]) if row["commands"] else ""),
            )
        console().print(table)
        return 0
    return _learn_grammar(app, app.args.program)


def _learn_grammar(app: App, program: str) -> int:
    import re
    import shutil

    from dockquiz.grading.grammar import runs, user_grammar_dir
    from dockquiz.grading.learn import learn, write

    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._+-]*", program):
        raise UsageError("grammar.bad_program", program=program)
    if shutil.which(program) is None:
        raise UsageError("grammar.not_installed", program=program)
    doc = learn(program)
    if doc is None:
        raise UsageError("grammar.unreadable", program=program)
    folder = user_grammar_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write(doc, folder / f"{program}.json")
    except OSError as exc:
        raise UsageError("grammar.unwritable", path=str(folder), reason=exc.strerror or str(exc)) from None
    from dockquiz.textsafe import visible

    commands = sum(1 for path, entry in doc["commands"].items() if runs(path, entry))
    sys.stdout.write(visible(app.t("grammar.learned", program=program, commands=commands, version=doc["version"] or "-")) + "\n")
    if doc.get("cut"):
        reasons = ", ".join(app.t(f"grammar.cut_reason.{why}") for why in doc["cut"])
        sys.stdout.write(app.t("grammar.cut", reasons=reasons) + "\n")
    return 0


def cmd_check(app: App) -> int:
    """Integrity, orphans, card states against their history; --repair fixes what it can."""
    from dockquiz.storage.check import Report, check, integrity
    from dockquiz.storage.db import inspect_sqlite_file, resolve_url, sqlite_file_path

    url, shown = resolve_url(app.args.db)
    report = Report()
    path = sqlite_file_path(url)
    if path is not None and path.exists():
        inspect_sqlite_file(path, shown)  # another program's file: refused untouched
        report.integrity = integrity(path)
    if report.integrity == ["ok"]:
        with app.db.connect(commit=app.args.repair) as conn:
            check(conn, report, repair=app.args.repair)
    data = report.to_dict()
    if app.args.json:
        _json(data)
    else:
        t = app.t
        out = [
            t("check.integrity_ok")
            if report.integrity == ["ok"]
            else t("check.integrity_bad", detail="; ".join(report.integrity[:3]))
        ]
        orphans = sum(report.orphans.values())
        out.append(
            t("check.orphans", n=orphans, tables=", ".join(f"{k} {v}" for k, v in report.orphans.items() if v))
            if orphans
            else t("check.no_orphans")
        )
        out.append(t("check.states", checked=report.states_checked, wrong=len(report.states_wrong)))
        if report.ok:
            out.append(t("check.ok"))
        elif report.repaired:
            out.append(t("check.repaired"))
        elif report.integrity != ["ok"]:
            out.append(t("check.damaged"))
        else:
            out.append(t("check.run_repair"))
        from dockquiz.render import console

        for line in out:
            console().print(line)
    return 0 if report.ok or report.repaired else 1


def _settings() -> dict[str, tuple[str, object, type]]:
    """``config`` keys: the profile setting each is stored as, its default, its type."""
    from dockquiz.scheduling import DEFAULT_NEW_PER_DAY, DESIRED_RETENTION, optimize
    from dockquiz.storage.backup import DEFAULT_KEEP

    return {
        "new": ("new_per_day", DEFAULT_NEW_PER_DAY, int),
        "backups": ("backups", DEFAULT_KEEP, int),
        "retention": ("desired_retention", DESIRED_RETENTION, float),
        "refit": ("optimize_every", optimize.DEFAULT_EVERY, int),
    }


def cmd_config(app: App) -> int:
    from rich.text import Text

    from dockquiz.i18n import CHOICES
    from dockquiz.render import console
    from dockquiz.storage import repo

    key, value = app.args.key, app.args.value
    if key is None:  # every setting and its value, as `git config --list` does
        with app.db.session() as s:
            prof = repo.find_profile(s)
            language = prof.language if prof else None
            saved = dict((prof.settings or {}) if prof else {})
        out = console()
        out.print(Text(f"lang = {language or app.t('config.unset')}"))
        for name, (stored, default, _) in _settings().items():
            out.print(Text(f"{name} = {saved.get(stored, default)}"))
        return 0
    if key == "lang" and value is not None and value not in CHOICES:
        raise UsageError("error.bad_lang", value=value, choices=", ".join(CHOICES))
    if key == "new" and value is not None and not (value.isdigit() and int(value) <= 9999):
        raise UsageError("error.bad_new", value=value)
    if key == "backups" and value is not None and not (value.isdigit() and 1 <= int(value) <= 999):
        raise UsageError("error.bad_backups", value=value)
    if key == "refit" and value is not None and not (value.isdigit() and 1 <= int(value) <= 1_000_000):
        raise UsageError("error.bad_refit", value=value)
    if key == "retention" and value is not None:
        try:
            ok = 0.7 < float(value) < 0.99
        except ValueError:
            ok = False
        if not ok:
            raise UsageError("error.bad_retention", value=value)
    with app.db.session() as s:
        prof = repo.profile(s, app.clock.now())
        if key == "lang":
            if value is not None:
                prof.language = value
            current = prof.language or app.t("config.unset")
        else:
            name, default, kind = _settings()[key]
            settings = dict(prof.settings or {})
            if value is not None:
                settings[name] = kind(value)
                prof.settings = settings
            current = str(settings.get(name, default))
    console().print(Text(f"{key} = {current}"))
    return 0


# --- study / stats ---------------------------------------------------------------------------


def cmd_study(app: App) -> int:
    from dockquiz.importing import ensure_builtin_deck
    from dockquiz.study.session import StudySession

    args = app.args
    if args.new is not None and args.new < 0:
        raise UsageError("error.usage", detail="--new N: N >= 0", prog="dockquiz study")
    imported = ensure_builtin_deck(app.db, app.clock.now())
    session = StudySession(app.db, app.clock, deck=args.deck, new_limit=args.new)
    gc.enable()  # started without the cyclic GC (see cli._dispatch); a session runs for long
    if args.plain or args.json or not sys.stdin.isatty() or not sys.stdout.isatty():
        from dockquiz.tui.plain import PlainFace

        # Bytes that are not UTF-8 in a piped answer become U+FFFD: the answer is stored, not lost.
        if hasattr(sys.stdin, "reconfigure"):
            sys.stdin.reconfigure(encoding="utf-8", errors="replace")
        face = PlainFace(session, app.t, json_mode=args.json)
        if imported and not args.json:
            face.say(app.t("study.builtin", decks=", ".join(imported)))
        return face.run()
    from dockquiz.tui.app import TerminalFace

    return TerminalFace(session, app.t, imported=imported).run()


def cmd_stats(app: App) -> int:
    from dockquiz.progress import class_report, compute
    from dockquiz.progress.report import fsrs_state, render, render_class
    from dockquiz.render import console
    from dockquiz.storage import repo

    args = app.args
    with app.db.session() as s:
        deck = repo.require_deck(s, args.deck) if args.deck else None
        if args.class_:
            data = class_report(s, now=app.clock.now(), tz=app.clock.tz(), deck_id=deck.id if deck else None)
        else:
            prof = repo.readable_profile(s)
            data = compute(
                s,
                profile_id=prof.id if prof else -1,
                now=app.clock.now(),
                tz=app.clock.tz(),
                deck_id=deck.id if deck else None,
                days=max(args.days, 1),
            )
            data["fsrs"] = fsrs_state((prof.settings or {}) if prof else {}, args.deck)
    if args.json:
        _json(data)
    else:
        (render_class if args.class_ else render)(console(), app.t, data)
    return 0


# --- explain / lint -----------------------------------------------------------------------------


def _notes_rows(app: App) -> list[tuple]:
    """The learner's option cards (command, flag, their words, deck, line), read only: a
    database that is not there yet is not made for this, and one that cannot be read gives
    no words (explain still explains)."""
    import sqlite3

    from platformdirs import user_data_dir  # not storage.db: SQLAlchemy is most of a start-up

    db = app.args.db or os.environ.get("DOCKQUIZ_DB") or os.path.join(user_data_dir("dockquiz", appauthor=False), "dockquiz.db")
    query = (
        "SELECT card.command, card.answer, card.prompt_ja, deck.name, card.source_line FROM card"
        " JOIN deck ON deck.id = card.deck_id WHERE card.kind = 'option' AND card.status != 'retired'"
        " ORDER BY deck.name, card.source_line"
    )
    if "://" in db:
        from sqlalchemy import text

        from dockquiz.errors import DockquizError

        try:
            with app.db.connect(commit=False) as conn:
                return [tuple(r) for r in conn.execute(text(query))]
        except DockquizError:
            return []
    path = Path(db).expanduser()
    if not path.is_file():
        return []
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute(query).fetchall()
    except sqlite3.Error:
        return []


def cmd_explain(app: App) -> int:
    from dockquiz.grading.explain import explain, notes_index
    from dockquiz.grading.grammar import grammar

    g = grammar()
    e = explain(app.args.line, g, notes_index(_notes_rows(app), g))
    if app.args.json:
        data = e.to_dict()
        data["messages"] = _finding_messages(app.t, e)
        _json(data)
        return 0
    from dockquiz.explain_view import explanation_lines
    from dockquiz.render import console

    out = console()
    for line in explanation_lines(app.t, e):
        out.print(line, soft_wrap=True)
    return 0


def _finding_messages(t: T, e) -> list[str]:
    from dockquiz.explain_view import finding_text

    return [finding_text(t, f, c) for c in e.commands for f in c.findings]


def cmd_lint(app: App) -> int:
    from dockquiz.lint import checked_lines, lines_found, lint_drafts
    from dockquiz.notes import parse_notes
    from dockquiz.notesfile import read_notes

    path = Path(app.args.path)
    text, _ = read_notes(path)  # a bad file: one line, exit 2
    drafts = parse_notes(text).drafts
    found = lint_drafts(drafts, text)
    t = app.t
    if app.args.json:
        from dockquiz.explain_view import finding_text

        _json(
            {
                "path": str(path),
                "lines_checked": checked_lines(drafts),
                "lines_found": lines_found(found),
                "findings": [
                    {
                        "line": f.line,
                        "text": f.text,
                        "kind": f.finding.kind,
                        "refused": f.finding.refused,
                        "token": f.finding.token,
                        "suggestion": f.finding.suggestion,
                        "message": finding_text(t, f.finding),
                        "fix": f.fix,
                    }
                    for f in found
                ],
            }
        )
        return 1 if found else 0
    from rich.text import Text

    from dockquiz.explain_view import finding_text
    from dockquiz.render import console

    out = console()
    last = None
    for f in found:
        if (f.line, f.text) != last:
            out.print(Text.assemble((f"{path}:{f.line}: ", "bold"), f.text), soft_wrap=True)
            last = (f.line, f.text)
        style = "red" if f.finding.refused else "yellow"
        mark = t("explain.refused") if f.finding.refused else t("explain.read_otherwise")
        out.print(Text.assemble(("  " + mark + ": ", style), finding_text(t, f.finding)), soft_wrap=True)
        if f.fix and (not found or f is _last_of(found, f)):
            out.print(Text.assemble(("  " + t("lint.fix") + " ", "green"), f.fix), soft_wrap=True)
    summary = t("lint.summary", found=lines_found(found), checked=checked_lines(drafts))
    out.print(Text(summary, style="bold" if found else "green"), soft_wrap=True)
    return 1 if found else 0


def _last_of(found, f):
    """The last finding of f's line (the fix is said once, after them)."""
    same = [g for g in found if (g.line, g.text) == (f.line, f.text)]
    return same[-1]


# --- class (a shared PostgreSQL database) -----------------------------------------------------

_RESERVED_ROLES = {"public", "none", "current_user", "session_user", "current_role", "user"}


def _login_name(value: str) -> str:
    """A learner's login: 1 to 63 bytes of printable characters (PostgreSQL's own limit; the
    name is always passed as an identifier), not one PostgreSQL reserves."""
    if (
        not value.strip()
        or not value.isprintable()
        or len(value.encode("utf-8")) > 63
        or value.lower().startswith("pg_")
        or value.lower() in _RESERVED_ROLES
    ):
        raise UsageError("error.class_bad_login", value=value)
    return value


def _class_password(app: App, login: str) -> str | None:
    """The new login's password: none (--no-password), one line of stdin (--password-stdin),
    or typed twice without echo in a terminal."""
    args = app.args
    if args.no_password:
        return None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        import getpass

        password = getpass.getpass(app.t("class.password_prompt", login=login))
        if getpass.getpass(app.t("class.password_again")) != password:
            raise UsageError("error.class_password_mismatch")
    else:
        raise UsageError("error.class_needs_password", login=login)
    if not password:
        raise UsageError("error.class_password_empty", login=login)
    return password


def cmd_class(app: App) -> int:
    """The teacher's learners on a class database: each its own login, with a learner's
    privileges (dockquiz.storage.access); the database enforces them."""
    from dockquiz.errors import NotYours, StorageError
    from dockquiz.storage import access

    args, t = app.args, app.t
    login = _login_name(args.login) if getattr(args, "login", None) is not None else None
    db = app.db
    if db.engine.dialect.name != "postgresql":
        raise StorageError("error.class_sqlite", path=db.shown)
    with db.connect() as conn:
        teacher, owner, user, may_create = access.role(conn)
        if not teacher:
            raise NotYours("error.class_teacher_only", owner=owner, user=user)
        if args.action == "list":
            return _class_list(app, conn)
        raw = conn.connection.driver_connection  # psycopg, in this same transaction
        found = raw.execute(
            "SELECT rolsuper OR pg_has_role(oid, %s, 'USAGE') FROM pg_roles WHERE rolname = %s", (owner, login)
        ).fetchone()
        if found is not None and found[0]:
            raise UsageError("error.class_is_teacher", login=login)
        if args.action == "remove":
            return _class_remove(app, conn, raw, login, found is not None)
        if found is None and not may_create:
            raise NotYours("error.class_no_createrole", user=user)
        password = _class_password(app, login) if found is None else None
        _class_add(conn, raw, login, password, exists=found is not None)
        claimed = raw.execute(
            "UPDATE profile SET db_user = %s WHERE name = %s AND db_user IS NULL RETURNING name", (login, login)
        ).fetchall()
    address = _address_for(db.url, login)
    if found is not None:
        _tell(t("class.added_existing", login=login, address=address))
    else:
        _tell(t("class.added", login=login, address=address))
        _tell(t("class.password_hint" if password else "class.no_password_hint", login=login))
    for (name,) in claimed:
        _tell(t("class.claimed", name=name, login=login))
    return 0


def _tell(line: str) -> None:
    """A line said whole (an address is copied from it: never wrapped)."""
    from rich.text import Text

    from dockquiz.render import console

    console().print(Text(line), soft_wrap=True)


def _address_for(url: str, login: str) -> str:
    """The teacher's address with the learner's login and no password, as it was written
    (a socket folder stays readable: ?host=/run/postgresql)."""
    from urllib.parse import quote

    from sqlalchemy.engine import make_url

    u = make_url(url)
    where = (u.host or "") + (f":{u.port}" if u.port else "")
    query = "&".join(f"{k}={v}" for k, values in u.query.items() for v in ((values,) if isinstance(values, str) else values))
    return f"{u.drivername}://{quote(login, safe='')}@{where}/{u.database or ''}" + (f"?{query}" if query else "")


def _class_add(conn, raw, login: str, password: str | None, *, exists: bool) -> None:
    from psycopg import sql

    from dockquiz.storage import access

    if not exists:
        statement = sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(login))
        if password is not None:  # sent as its SCRAM verifier, never as the password itself
            verifier = raw.pgconn.encrypt_password(password.encode("utf-8"), login.encode("utf-8"), None)
            statement = sql.SQL("{} PASSWORD {}").format(statement, sql.Literal(verifier.decode("ascii")))
        raw.execute(statement)
    for grant in access.learner_grants(raw, login):
        raw.execute(grant)


def _class_remove(app: App, conn, raw, login: str, exists: bool) -> int:
    import psycopg

    from dockquiz.storage import access

    if not exists or login not in access.learners(conn):
        raise UsageError("error.class_not_learner", login=login)
    for revoke in access.revoke_learner(raw, login):
        raw.execute(revoke)
    profiles, reviews = raw.execute(
        "SELECT count(DISTINCT p.id), count(r.id) FROM profile p LEFT JOIN review r ON r.profile_id = p.id WHERE p.db_user = %s",
        (login,),
    ).fetchone()
    from psycopg import sql

    kept = None
    try:
        with raw.transaction():  # a savepoint: the login may still be used elsewhere on the server
            raw.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(login)))
    except psycopg.errors.DependentObjectsStillExist as exc:  # the server's own words: where it is used
        kept = "; ".join(filter(None, [str(exc).splitlines()[0], (exc.diag.message_detail or "").splitlines()[0]]))
    _tell(app.t("class.removed", login=login, profiles=profiles, reviews=reviews))
    _tell(app.t("class.login_kept", login=login, reason=kept) if kept else app.t("class.login_dropped", login=login))
    return 0


def _class_list(app: App, conn) -> int:
    from dockquiz.storage import access

    rows = []
    for login in access.learners(conn):
        can_login = conn.exec_driver_sql("SELECT rolcanlogin FROM pg_roles WHERE rolname = %(n)s", {"n": login}).scalar()
        profiles, reviews, last = conn.exec_driver_sql(
            "SELECT string_agg(DISTINCT p.name, ', ' ORDER BY p.name), count(r.id), max(r.reviewed_at) "
            "FROM profile p LEFT JOIN review r ON r.profile_id = p.id WHERE p.db_user = %(n)s",
            {"n": login},
        ).one()
        rows.append(
            {
                "login": login,
                "can_login": bool(can_login),
                "profiles": profiles.split(", ") if profiles else [],
                "reviews": int(reviews),
                "last_review": last.isoformat() if last else None,
            }
        )
    if app.args.json:
        _json(rows)
        return 0
    if not rows:
        _say(app.t("class.none"))
        return 0
    from rich.table import Table
    from rich.text import Text

    from dockquiz.render import console

    table = Table(box=None)
    for key in ("login", "profiles", "reviews", "last"):
        table.add_column(app.t("class.col." + key), justify="right" if key == "reviews" else "left")
    for row in rows:
        last = row["last_review"][:16].replace("T", " ") if row["last_review"] else "—"
        name = row["login"] if row["can_login"] else f"{row['login']} ({app.t('class.no_login')})"
        table.add_row(Text(name), Text(", ".join(row["profiles"])), str(row["reviews"]), last)
    console().print(table)
    return 0
