"""What every command shares: the command table's entries, the App a handler is given, and the
plain views (JSON, one line)."""

from __future__ import annotations

import sys
from collections.abc import Callable

from dockquiz.i18n import T


class Arg:
    """One ``add_argument``: its spellings, its help (a catalogue key) and argparse's options."""

    __slots__ = ("flags", "help", "options")

    def __init__(self, *flags: str, help: str, **options) -> None:  # noqa: A002 - argparse's word
        self.flags, self.help, self.options = flags, help, options


class OneOf:
    """Arguments of which at most one may be given (argparse's mutually exclusive group)."""

    __slots__ = ("args",)

    def __init__(self, *args: Arg) -> None:
        self.args = args


class Command:
    """A command (or a command's action) as the parser shows it and the handler that runs it.
    Its help and description are ``help.cmd.NAME`` and ``help.desc.NAME``, an action's one key
    (``help``); an action without a handler runs its command's."""

    __slots__ = ("name", "run", "args", "actions", "help")

    def __init__(
        self,
        name: str,
        run: Callable[[App], int | None] | None,
        *args: Arg | OneOf,
        actions: tuple[Command, ...] = (),
        help: str | None = None,  # noqa: A002
    ) -> None:
        self.name, self.run, self.args, self.actions, self.help = name, run, args, actions, help

    def help_keys(self) -> tuple[str, str]:
        """The catalogue keys of its one-line help and of its description."""
        return (self.help, self.help) if self.help else (f"help.cmd.{self.name}", f"help.desc.{self.name}")


JSON = Arg("--json", action="store_true", help="help.json")
DECK = Arg("--deck", metavar="NAME", help="help.deck")


class App:
    """What every command needs: language, clock, the profile it is for, database (opened on
    first use)."""

    def __init__(self, args, t: T) -> None:
        self.args, self.t = args, t
        from dockquiz.clock import from_env

        self.clock = from_env()
        # ``--profile NAME`` (else DOCKQUIZ_PROFILE, else as storage.profiles.whose says): passed
        # to every library call that reads or changes a learner's progress
        self.profile: str | None = getattr(args, "profile", None)
        self._db = None

    @property
    def db(self):
        if self._db is None:
            from dockquiz.storage.db import open_database

            asking = _password_prompt(self.t) if sys.stdin.isatty() else None
            self._db = open_database(self.args.db, profile=self.profile, ask_password=asking)
            problem = self._db.back_up_daily(self.clock)
            if problem is not None:  # said once, never in the way of studying
                _backup_failed(self.t, problem)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def _password_prompt(t: T) -> Callable[[str], str]:
    """The question a learner's login is asked when the server wants a password."""

    def ask(login: str) -> str:
        import getpass

        return getpass.getpass(t("class.login_password", login=login))

    return ask


def _backup_failed(t: T, problem) -> None:
    """The daily backup could not be made: one yellow line on stderr."""
    from rich.text import Text

    from dockquiz.render import console

    console(stderr=True).print(
        Text(t("backup.daily_failed", reason=t(problem.key, **problem.params)), style="yellow"), soft_wrap=True
    )


def show_json(data) -> None:
    from dockquiz.textsafe import print_json

    print_json(data)


def say(line: str) -> None:
    from rich.text import Text

    from dockquiz.render import console

    console().print(Text(line))


def tell(line: str) -> None:
    """A line said whole (an address is copied from it: never wrapped)."""
    from rich.text import Text

    from dockquiz.render import console

    console().print(Text(line), soft_wrap=True)
