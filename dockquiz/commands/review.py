"""Studying and its figures: ``study``, ``stats``, ``optimize``, ``profiles``."""

from __future__ import annotations

import gc
import sys

from dockquiz.commands.base import DECK, JSON, App, Arg, Command, show_json
from dockquiz.errors import UsageError


def cmd_study(app: App) -> int:
    from dockquiz.importing import ensure_builtin_deck
    from dockquiz.study.session import StudySession

    args = app.args
    if args.new is not None and args.new < 0:
        raise UsageError("error.usage", detail="--new N: N >= 0", prog="dockquiz study")
    imported = ensure_builtin_deck(app.db, app.clock.now())
    session = StudySession(app.db, app.clock, profile=app.profile, deck=args.deck, new_limit=args.new)
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
    from dockquiz.settings import ProfileSettings
    from dockquiz.storage import repo

    args = app.args
    with app.db.session() as s:
        deck = repo.require_deck(s, args.deck) if args.deck else None
        if args.class_:
            data = class_report(s, now=app.clock.now(), tz=app.clock.tz(), deck_id=deck.id if deck else None)
        else:
            prof = repo.readable_profile(s, app.profile)
            data = compute(
                s,
                profile_id=prof.id if prof else -1,
                now=app.clock.now(),
                tz=app.clock.tz(),
                deck_id=deck.id if deck else None,
                days=max(args.days, 1),
            )
            data["fsrs"] = fsrs_state(ProfileSettings.from_dict(prof.settings if prof else None), args.deck)
    if args.json:
        show_json(data)
    else:
        (render_class if args.class_ else render)(console(), app.t, data)
    return 0


def cmd_optimize(app: App) -> int:
    """Fit FSRS to this profile's history (or one deck's); keep the fit only if it predicts the
    newest reviews better. ``--workload``: minutes and cards per day for a range of retentions."""
    from rich.text import Text
    from sqlalchemy import func, select

    from dockquiz.render import console
    from dockquiz.scheduling import optimize
    from dockquiz.settings import ProfileSettings
    from dockquiz.storage import repo
    from dockquiz.storage import tables as tb

    args, t, out = app.args, app.t, console()
    now, tz = app.clock.now(), app.clock.tz()
    with app.db.session() as s:
        prof = repo.profile(s, now, app.profile)
        settings = ProfileSettings.from_dict(prof.settings)
        if args.reset:  # back to FSRS's defaults (the profile's, or one deck's)
            if args.deck:
                settings = settings.check("fsrs_decks").with_deck_set(args.deck, None)
            else:
                settings = settings.without("fsrs")
            prof.settings = settings.to_dict()
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
            show_json({"fitted": False, "answers": len(rows), "reviews": used, "needed": optimize.MIN_REVIEWS - used})
        else:
            out.print(Text(t("optimize.too_few", answers=len(rows), reviews=used, needed=optimize.MIN_REVIEWS - used)))
        return 0
    fitted = optimize.optimize(items, used, parameters)
    kept = fitted.better and not args.dry_run
    if kept:
        with app.db.session() as s:
            prof = repo.profile(s, now, app.profile)
            settings = ProfileSettings.from_dict(prof.settings)
            if args.deck:
                settings = settings.check("fsrs_decks").with_deck_set(args.deck, optimize.record(fitted, now, args.deck))
            else:
                settings = settings.set(fsrs=optimize.record(fitted, now, None))
            prof.settings = settings.to_dict()
    if args.json:
        show_json(
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
        show_json(
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
        current = repo.profile_name(s, app.profile)
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
        show_json(data)
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


COMMANDS = (
    Command(
        "study",
        cmd_study,
        DECK,
        Arg("--new", type=int, metavar="N", default=None, help="help.study.new"),
        Arg("--plain", action="store_true", help="help.study.plain"),
        Arg("--json", action="store_true", help="help.study.json"),
    ),
    Command(
        "stats",
        cmd_stats,
        DECK,
        Arg("--class", dest="class_", action="store_true", help="help.stats.class"),
        Arg("--days", type=int, metavar="N", default=30, help="help.stats.days"),
        JSON,
    ),
    Command("profiles", cmd_profiles, JSON),
    Command(
        "optimize",
        cmd_optimize,
        Arg("--deck", metavar="NAME", help="help.optimize.deck"),
        Arg("--dry-run", action="store_true", help="help.optimize.dry_run"),
        Arg("--workload", action="store_true", help="help.optimize.workload"),
        Arg("--reset", action="store_true", help="help.optimize.reset"),
        JSON,
    ),
)
