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
    imported = ensure_builtin_deck(app.db, app.clock.now(), app.t.lang)
    session = StudySession(app.db, app.clock, profile=app.profile, deck=args.deck, new_limit=args.new)
    # Started without the cyclic GC (see cli._dispatch); a session runs for long, so it comes
    # back on, with what start-up built (modules, SQLAlchemy's tables, the grammar) frozen:
    # the collector's first full pass would rescan it all for nothing before the first card.
    gc.freeze()
    gc.enable()
    if args.plain or args.json or not sys.stdin.isatty() or not sys.stdout.isatty():
        from dockquiz.tui.plain import PlainFace

        # Bytes that are not UTF-8 in a piped answer become U+FFFD: the answer is stored, not lost.
        if hasattr(sys.stdin, "reconfigure"):
            sys.stdin.reconfigure(encoding="utf-8", errors="replace")
        face = PlainFace(session, app.t, json_mode=args.json)
        if imported and not args.json:
            face.say(app.t("study.builtin", decks=", ".join(imported)))
        if session.studied_decks and not args.json:
            face.say(app.t("study.decks", n=len(session.studied_decks), decks=", ".join(session.studied_decks)))
    else:
        from dockquiz.tui.app import TerminalFace

        face = TerminalFace(session, app.t, imported=imported)
    try:
        return face.run()
    finally:
        session.close()


def cmd_stats(app: App) -> int:
    from dockquiz.progress.report import render, render_class
    from dockquiz.progress.stats import class_stats, learner_stats
    from dockquiz.render import console

    args, now, tz = app.args, app.clock.now(), app.clock.tz()
    if args.days < 1:
        raise UsageError("error.usage", detail="--days N: N >= 1", prog="dockquiz stats")
    if args.class_:
        data = class_stats(app.db, now, tz, args.deck)
    else:
        data = learner_stats(app.db, now, tz, args.deck, args.days, profile=app.profile)
    if args.json:
        show_json(data)
    elif args.class_:
        render_class(console(), app.t, data)
    else:
        render(console(), app.t, data, all_sections=args.all)
    return 0


def cmd_optimize(app: App) -> int:
    """Fit FSRS to this profile's history (or one deck's); keep the fit only if it predicts the
    newest reviews better. ``--workload``: minutes and cards per day for a range of retentions."""
    from rich.text import Text

    from dockquiz.progress import fitting
    from dockquiz.render import console

    args, t, out = app.args, app.t, console()
    if args.reset:  # back to FSRS's defaults (the profile's, or one deck's)
        fitting.reset(app.db, app.clock.now(), args.deck, app.profile)
        out.print(Text(t("optimize.reset")))
        return 0
    if args.workload:  # the cards, not the history: no reviews read
        return _workload(app, fitting.workload(app.db, app.clock.now(), args.deck, app.profile))
    done = fitting.fit(app.db, app.clock.now(), app.clock.tz(), args.deck, app.profile, dry_run=args.dry_run)
    fitted = done.fitted
    if fitted is None:
        if args.json:
            show_json({"fitted": False, "answers": done.answers, "reviews": done.reviews, "needed": done.needed})
        else:
            out.print(Text(t("optimize.too_few", answers=done.answers, reviews=done.reviews, needed=done.needed)))
        return 0
    if args.json:
        show_json(
            {
                "fitted": True,
                "kept": done.kept,
                "answers": done.answers,
                "reviews": done.reviews,
                "items": fitted.items,
                "log_loss": {"current": fitted.old.log_loss, "fitted": fitted.new.log_loss},
                "rmse_bins": {"current": fitted.old.rmse_bins, "fitted": fitted.new.rmse_bins},
                "parameters": fitted.parameters,
            }
        )
        return 0
    out.print(Text(t("optimize.fitted", answers=done.answers, reviews=done.reviews, items=fitted.items)))
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
    key = "optimize.dry_run" if args.dry_run and fitted.better else "optimize.kept" if done.kept else "optimize.not_better"
    out.print(Text(t(key), style="bold" if done.kept else ""))
    return 0


def _workload(app: App, work) -> int:
    from rich.text import Text

    from dockquiz.render import console

    rows, best = work.rows, work.best
    if app.args.json:
        show_json(
            {
                "deck_size": work.deck_size,
                "desired_retention": work.desired_retention,
                "best": best,
                "best_at_edge": work.best_at_edge,
                "rows": [{"retention": r, "minutes_per_day": m, "cards_per_day": c} for r, m, c in rows],
            }
        )
        return 0
    t, out = app.t, console()
    out.print(Text(t("optimize.workload_title", cards=work.deck_size, retention=work.desired_retention), style="bold"))
    top = max(m for _, m, _ in rows) or 1
    for r, minutes, cards in rows:
        bar = "█" * max(1, round(24 * minutes / top))
        mark = "  ◀ " + t("optimize.least_work") if r == best else ""
        out.print(
            Text.assemble(
                f"  {r:.2f}  ", (f"{bar:<24}", "cyan"), f"  {t('optimize.per_day', minutes=minutes, cards=cards)}", (mark, "bold")
            )
        )
    key, params = work.advice()
    out.print(Text(t(key, **params), style="dim"))
    return 0


def cmd_profiles(app: App) -> int:
    """The learners of this database: reviews, the last one, and whose progress this is."""
    from dockquiz.storage import profiles

    current, data = profiles.listing(app.db, app.profile)
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
        Arg("--all", action="store_true", help="help.stats.all"),
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
