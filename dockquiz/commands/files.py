"""Files of a database: ``export``, ``backup``, ``restore``, ``check``."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

from dockquiz.commands.base import DECK, JSON, App, Arg, Command, show_json
from dockquiz.errors import UsageError
from dockquiz.vocabulary import EXPORT_FORMATS


def cmd_export(app: App) -> int:
    from pathlib import Path

    from dockquiz import exporting

    args = app.args
    path = Path(args.path)
    kind = exporting.format_of(path, args.format)
    if app.profile and kind != "csv":  # only a CSV holds one profile's progress (README)
        raise UsageError("error.export_profile", name=app.profile)
    if path.is_dir():
        raise UsageError("error.export_cannot_write", path=str(path), reason=app.t("export.is_folder"))
    if path.exists() and not args.force:
        raise UsageError("error.export_exists", path=str(path))
    missing = folder_problem(path)
    if missing is not None:
        raise UsageError("error.export_cannot_write", path=str(path), reason=app.t(missing[0], folder=missing[1]))
    if not os.access(path.parent if str(path.parent) else Path("."), os.W_OK):
        raise UsageError("error.export_cannot_write", path=str(path), reason=app.t("export.not_writable"))

    def values_line(kind: str, answer: str, *prompts: str) -> str | None:  # an Anki note's, in the learner's words
        from dockquiz.grading.forms import card_values, said_by
        from dockquiz.tui.text import readable_value

        values = card_values(kind, answer, said_by(*prompts))
        return app.t("study.values", items="  ".join(map(readable_value, values))) if values else None

    try:
        from dockquiz.grading.forms import named_form

        done = exporting.export(app.db, path, kind, app.clock.now(), args.deck, values_line, app.profile, named_form)
    except OSError as exc:
        raise UsageError("error.export_cannot_write", path=str(path), reason=exc.strerror or str(exc)) from None
    from rich.text import Text

    from dockquiz.render import console

    key = "export.done" if kind == "json" else "export.done_cards"  # only JSON carries the history
    console().print(
        Text(app.t(key, path=str(path), format=kind, decks=done.decks, cards=done.cards, reviews=done.reviews)), soft_wrap=True
    )
    if done.guarded:  # the ' a spreadsheet needs is visible: say why, and where answers stay exact
        console().print(Text(app.t("export.csv_guarded", n=done.guarded), style="dim"), soft_wrap=True)
    return 0


def folder_problem(path: Path) -> tuple[str, str] | None:
    """Why a file cannot be made at ``path`` because of its folder: the folder does not exist,
    or is a file (a catalogue key under ``export`` and the folder as typed); else None."""
    folder = path.parent
    if folder.is_dir():
        return None
    if folder.exists():
        return "export.not_a_folder", str(folder)
    return "export.no_folder", str(folder)


def _sqlite_path(app: App) -> Path:
    from dockquiz.errors import StorageError
    from dockquiz.storage.db import resolve_url, sqlite_file_path

    url, shown = resolve_url(app.args.db)
    path = sqlite_file_path(url)
    if path is None:
        raise StorageError("error.backup_not_sqlite", path=shown)
    return path


def cmd_backup(app: App) -> int:
    from pathlib import Path

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
            show_json([{"path": str(b.path), "taken": b.taken.isoformat(), "reason": b.reason, "size": b.size} for b in found])
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
    if app.args.path:
        missing = folder_problem(Path(app.args.path))
        if missing is not None:
            raise UsageError("error.backup_cannot_write", path=app.args.path, reason=app.t(missing[0], folder=missing[1]))
    now = app.clock.now().astimezone(app.clock.tz())
    dest = bk.backup(db_path, Path(app.args.path) if app.args.path else None, now, force=app.args.force)
    out.print(Text(app.t("backup.done", path=str(dest))), soft_wrap=True)
    return 0


def cmd_restore(app: App) -> int:
    from pathlib import Path

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
    saved = bk.restore(db_path, source, app.clock.now().astimezone(app.clock.tz()), app.profile)
    console().print(Text(app.t("backup.restored", path=str(db_path), source=str(source), saved=str(saved))), soft_wrap=True)
    return 0


def cmd_check(app: App) -> int:
    """Integrity, orphans, card states against their history; --repair fixes what it can."""
    from dockquiz.storage.check import run

    report = run(app.args.db, lambda: app.db, repair=app.args.repair)
    data = report.to_dict()
    if app.args.json:
        show_json(data)
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


COMMANDS = (
    Command(
        "export",
        cmd_export,
        Arg("path", metavar="PATH", help="help.export.path"),
        DECK,
        Arg("--format", choices=EXPORT_FORMATS, help="help.export.format"),
        Arg("--force", action="store_true", help="help.export.force"),
    ),
    Command(
        "backup",
        cmd_backup,
        Arg("path", metavar="PATH", nargs="?", help="help.backup.path"),
        Arg("--list", action="store_true", help="help.backup.list"),
        Arg("--force", action="store_true", help="help.backup.force"),
        JSON,
    ),
    Command(
        "restore",
        cmd_restore,
        Arg("path", metavar="PATH", help="help.restore.path"),
        Arg("--yes", action="store_true", help="help.restore.yes"),
    ),
    Command("check", cmd_check, Arg("--repair", action="store_true", help="help.check.repair"), JSON),
)
