"""A shared PostgreSQL database's learners: ``class add|remove|list``."""

from __future__ import annotations

import sys

from dockquiz.commands.base import JSON, App, Arg, Command, OneOf, say, show_json, tell
from dockquiz.errors import UsageError


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
    """The teacher's learners on a class database (``storage.classroom``)."""
    from dockquiz.storage import classroom

    args, t = app.args, app.t
    if args.action == "list":
        return _class_list(app, classroom.listing(app.db))
    login = classroom.check_login(args.login)
    if args.action == "remove":
        gone = classroom.remove(app.db, login)
        tell(t("class.removed", login=login, profiles=gone.profiles, reviews=gone.reviews))
        tell(t("class.login_kept", login=login, reason=gone.kept) if gone.kept else t("class.login_dropped", login=login))
        return 0
    added = classroom.add(app.db, login, lambda: _class_password(app, login))
    if added.existing:
        tell(t("class.added_existing", login=login, address=added.address))
    else:
        tell(t("class.added", login=login, address=added.address))
        tell(t("class.password_hint" if added.password else "class.no_password_hint", login=login))
    for name in added.claimed:
        tell(t("class.claimed", name=name, login=login))
    if added.taken:
        tell(t("class.name_taken", login=login, owner=added.taken))
    return 0


def _class_list(app: App, rows: list[dict]) -> int:
    if app.args.json:
        show_json(rows)
        return 0
    if not rows:
        say(app.t("class.none"))
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


LOGIN = Arg("login", metavar="LOGIN", help="help.classcmd.login")

COMMANDS = (
    Command(
        "class",
        cmd_class,
        actions=(
            Command(
                "add",
                None,
                LOGIN,
                OneOf(
                    Arg("--password-stdin", action="store_true", help="help.classcmd.password_stdin"),
                    Arg("--no-password", action="store_true", help="help.classcmd.no_password"),
                ),
                help="help.classcmd.add",
            ),
            Command("remove", None, LOGIN, help="help.classcmd.remove"),
            Command("list", None, JSON, help="help.classcmd.list"),
        ),
    ),
)
