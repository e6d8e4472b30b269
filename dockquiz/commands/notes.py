"""Reading notes: ``import`` (notes, or a dockquiz export), ``lint``, ``explain``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

from dockquiz.commands.base import JSON, App, Arg, Command, show_json
from dockquiz.errors import UsageError
from dockquiz.i18n import T


def cmd_import(app: App) -> int:
    import shlex
    from pathlib import Path

    from dockquiz.importing import import_notes, read_notes

    path = Path(app.args.path)
    if path.suffix.lower() == ".json":
        return _import_export(app, path)
    notes = read_notes(path)  # a bad file stops here, before the database is opened
    report = import_notes(app.db, path, deck_name=app.args.deck, dry_run=app.args.dry_run, now=app.clock.now(), notes=notes)
    warnings = [{"line": w.line, "message": app.t(w.key, **w.params)} for w in report.warnings]
    study = study_command(report)
    if app.args.json:
        show_json(
            {
                "deck": report.deck,
                "source": report.source,
                "added": report.added,
                "updated": report.updated,
                "revived": report.revived,
                "unchanged": report.unchanged,
                "retired": report.retired,
                "total": report.total,
                "dry_run": report.dry_run,
                "deck_made": report.deck_made,
                "lint": report.lint,
                "warnings": warnings,
                "changes": report.changes,
                "other_decks": report.other_decks,
                "study": study,
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
    if report.no_deck:
        return 0  # the warning said it all: no commands, no deck
    head = t("import.dry_run_title") if report.dry_run else t("import.title")
    out.print(Text.assemble((head, "bold"), " ", report.deck, f"  ({report.source})"))
    out.print(
        t(
            "import.summary",
            added=report.added,
            updated=report.updated,
            revived=report.revived,
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
                        (f"  {t('import.change.' + what)}", "bold"),
                        f"  {t('kind.' + row['kind'])}  ",
                        row["answer"],
                        (f"  ({where})", "dim"),
                    ),
                    soft_wrap=True,
                )
    if study is not None:
        hint = t("import.next_deck", deck=shlex.quote(report.deck)) if report.other_decks else t("import.next")
        out.print(Text(hint, style="dim"), soft_wrap=True)
    return 0


def study_command(report) -> str | None:
    """The command that studies what an import saved: ``dockquiz study``, or beside other
    decks holding cards (``study`` mixes them all) ``dockquiz study --deck NAME``, the name
    quoted as the shell reads it; None when nothing was saved (a dry run, no cards)."""
    import shlex

    if not report.total or report.dry_run:
        return None
    return f"dockquiz study --deck {shlex.quote(report.deck)}" if report.other_decks else "dockquiz study"


def _import_export(app: App, path: Path) -> int:
    """``dockquiz import FILE.json``: restore or merge a dockquiz export."""
    from dockquiz.exporting import read_export, restore_export

    if app.args.dry_run:
        raise UsageError("error.export_dry_run")
    data = read_export(path)  # a wrong file stops here, before the database is opened
    done = restore_export(app.db, data, app.clock.now())
    if app.args.json:
        show_json(
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


def cmd_explain(app: App) -> int:
    from dockquiz.grading.explain import explain, notes_index
    from dockquiz.grading.grammar import grammar

    g = grammar()
    from dockquiz.storage.peek import option_cards

    e = explain(app.args.line, g, notes_index(option_cards(app.args.db, lambda: app.db), g))
    if app.args.json:
        data = e.to_dict()
        data["messages"] = _finding_messages(app.t, e)
        show_json(data)
        return 0
    from dockquiz.explain_view import explanation_lines
    from dockquiz.render import console

    out = console()
    for line in explanation_lines(app.t, e, out.width if out.is_terminal else None):
        out.print(line, soft_wrap=True)
    return 0


def _finding_messages(t: T, e) -> list[str]:
    from dockquiz.explain_view import finding_text, unreadable_text

    if e.problem is not None:
        return [unreadable_text(t, e.problem)]
    return [finding_text(t, f, c) for c in e.commands for f in c.findings]


def cmd_lint(app: App) -> int:
    from pathlib import Path

    from dockquiz.lint import checked_lines, lines_found, lint_drafts
    from dockquiz.notes import parse_notes
    from dockquiz.notesfile import read_notes

    path = Path(app.args.path)
    text, _ = read_notes(path)  # a bad file: one line, exit 2
    notes = parse_notes(text)
    drafts = notes.drafts + notes.asides  # every command line read, carded or not
    found = lint_drafts(drafts, text)
    t = app.t
    if app.args.json:
        from dockquiz.explain_view import finding_text

        show_json(
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


COMMANDS = (
    Command(
        "import",
        cmd_import,
        Arg("path", metavar="PATH", help="help.import.path"),
        Arg("--deck", metavar="NAME", help="help.import.deck"),
        Arg("--dry-run", action="store_true", help="help.import.dry_run"),
        Arg("--verbose", "-v", action="store_true", help="help.import.verbose"),
        JSON,
    ),
    Command("explain", cmd_explain, Arg("line", metavar="LINE", help="help.explain.line"), JSON),
    Command("lint", cmd_lint, Arg("path", metavar="PATH", help="help.lint.path"), JSON),
)
