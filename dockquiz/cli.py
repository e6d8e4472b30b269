"""Command line: parse arguments, resolve language/db/clock, map domain errors to exit codes.

Only the standard library and the catalogue are imported at start, so ``--help`` and
``--version`` stay fast; each command imports what it needs.
"""

from __future__ import annotations

import argparse
import atexit
import os
import re
import sys
from collections.abc import Sequence

from dockquiz import __version__
from dockquiz.errors import DockquizError, UsageError
from dockquiz.i18n import CHOICES, T, resolve
from dockquiz.memory import no_cyclic_gc

# argparse's own error messages, said again through the catalogue
_ARGPARSE_ERRORS = [
    (
        re.compile(r"argument (?P<arg>\S+): invalid choice: '(?P<value>[^']*)' \(choose from (?P<choices>.*)\)"),
        "usage.invalid_choice",
    ),
    (re.compile(r"argument (?P<arg>\S+): invalid \w+ value: '(?P<value>[^']*)'"), "usage.invalid_value"),
    (re.compile(r"argument (?P<arg>\S+): expected (?:one|at least one) argument"), "usage.expected_value"),
    (re.compile(r"the following arguments are required: (?P<args>.*)"), "usage.required"),
    (re.compile(r"unrecognized arguments: (?P<args>.*)"), "usage.unrecognized"),
]


class WideHelpFormatter(argparse.HelpFormatter):
    """Help text wrapped by display width (``dockquiz.widewrap``): Japanese fills its lines as
    a terminal shows it (a wide character is 2 columns) and breaks between its characters,
    never inside a word of ASCII; argparse's own wrap counts characters and breaks at spaces."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        from dockquiz.widewrap import wrap

        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        from dockquiz.widewrap import wrap

        return "\n".join(indent + line for line in wrap(text, width - len(indent)))


class WideRawDescriptionFormatter(WideHelpFormatter):
    """The top-level help: its description and epilog keep their lines (a list of examples),
    each line too wide for the terminal wrapped by display width under its own indent."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        from dockquiz.widewrap import width as columns
        from dockquiz.widewrap import wrap

        out: list[str] = []
        for line in text.splitlines():
            lead = indent + line[: len(line) - len(line.lstrip())]
            if columns(indent + line) <= width or not line.strip():
                out.append(indent + line)
            else:
                out += [lead + part for part in wrap(line, width - columns(lead))]
        return "\n".join(out)


class Parser(argparse.ArgumentParser):
    """argparse speaking the user's language; errors are one line and exit code 2."""

    t: T
    argv: list[str] = []  # what was typed, for hints

    def error(self, message: str) -> None:  # type: ignore[override]
        hint = ""
        for pattern, key in _ARGPARSE_ERRORS:
            match = pattern.fullmatch(message)
            if match:
                found = {k: v.replace("'", "") for k, v in match.groupdict().items()}
                hint = self._hint(key, found)
                from dockquiz.textsafe import excerpt

                quoted = {k: v if k == "choices" else excerpt(v) for k, v in found.items()}  # what was typed: short
                if key == "usage.unrecognized" and all(w.startswith("-") for w in found["args"].split()):
                    message = self.t("usage.unknown_option", **quoted)  # `study --bogus`: an option it does not have
                else:
                    message = self.t(key, **quoted)
                break
        # argparse reports unknown words from the outermost parser: point to the command's own help
        prog = self._named()[-1].prog if self.argv else self.prog
        raise UsageError("error.usage", detail=message + hint, prog=prog)

    def _hint(self, key: str, found: dict[str, str]) -> str:
        """ "did you mean …?" for a misspelt command or option; where a value starts with '-',
        that it goes after ``--``."""
        import difflib

        if key == "usage.invalid_choice":
            choices = [c.strip() for c in found.get("choices", "").split(",")]
            close = difflib.get_close_matches(found.get("value", ""), choices, n=1, cutoff=0.6)
            if close:
                return self.t("usage.did_you_mean", word=close[0])
        known = self._known_options()
        if key == "usage.unrecognized":
            for word in found.get("args", "").split():
                close = difflib.get_close_matches(word.partition("=")[0], sorted(known), n=1, cutoff=0.7)
                if close:
                    return self.t("usage.did_you_mean", word=close[0])
        if key in ("usage.required", "usage.unrecognized", "usage.expected_value"):
            dashed = [
                w
                for w in self.argv
                if w.startswith("-")
                and w.partition("=")[0] not in known
                and w.partition("=")[0] not in GLOBAL_OPTIONS
                and w != "--"
            ]
            if dashed and "--" not in self.argv and self._takes_positionals():
                return self.t("usage.dashdash", example=" ".join(dashed))
        return ""

    def _named(self) -> list[argparse.ArgumentParser]:
        """This parser and those of the command (and action) named in argv, outermost first."""
        chain: list[argparse.ArgumentParser] = []
        parser: argparse.ArgumentParser | None = self
        words = [w for w in self.argv if not w.startswith("-")]
        while parser is not None:
            chain.append(parser)
            sub = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
            name = next((w for w in words if sub is not None and w in sub.choices), None)
            parser = sub.choices[name] if name else None
            if name:
                words = words[words.index(name) + 1 :]
        return chain

    def _known_options(self) -> set[str]:
        """This parser's options and those of the command (and action) named in argv."""
        return {o for parser in self._named() for a in parser._actions for o in a.option_strings}

    def _takes_positionals(self) -> bool:
        """Whether the command named in argv takes values of its own (where `--` can matter)."""
        return any(not a.option_strings and not isinstance(a, argparse._SubParsersAction) for a in self._named()[-1]._actions)

    def format_help(self) -> str:
        text = super().format_help()
        for english, key in (
            ("usage:", "help.usage"),
            ("positional arguments:", "help.positionals"),
            ("options:", "help.options"),
        ):
            text = text.replace(english, self.t(key))
        return text


GLOBAL_OPTIONS = ("--db", "--lang", "--profile")


def hoist_globals(argv: list[str]) -> tuple[list[str], dict[str, str]]:
    """Global options may follow the command too (``dockquiz stats --lang ja``): they are
    moved to the front (never past a ``--``), and their values read once."""
    front, rest, values = [], [], {}
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--":
            rest.extend(argv[i:])
            break
        name, eq, value = word.partition("=")
        if name in GLOBAL_OPTIONS and (eq or i + 1 < len(argv)):
            if not eq:
                value = argv[i + 1]
                i += 1
            values[name[2:]] = value
            front += [name, value]
        else:
            rest.append(word)
        i += 1
    return front + rest, values


def build_parser(t: T, only: str | None = None) -> Parser:
    """The parser of the command table (``dockquiz.commands.COMMANDS``), in the user's language;
    with ``only``, of that one command (what ``dockquiz study …`` parses: the other commands'
    parsers are not built, a tenth of the start of a command that runs nothing heavy)."""
    from dockquiz.commands import COMMANDS

    root = Parser(
        prog="dockquiz",
        description=t("help.description"),
        add_help=False,
        epilog=t("help.epilog"),
        formatter_class=WideRawDescriptionFormatter,
    )
    root.t = t
    root.add_argument("-h", "--help", action="help", help=t("help.help"))
    root.add_argument("--version", action="version", version=f"dockquiz {__version__}", help=t("help.version"))
    root.add_argument("--db", metavar="PATH|URL", help=t("help.db"))
    root.add_argument("--lang", choices=CHOICES, help=t("help.lang"))
    root.add_argument("--profile", metavar="NAME", help=t("help.profile"))
    sub = root.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for command in COMMANDS:
        if only is None or command.name == only:
            _add_command(sub, command, t)
    return root


def named_command(argv: list[str]) -> str | None:
    """The command that ``argv`` (its global options hoisted to the front) names before
    anything else: ``study`` in ``--db x study --plain``; None for ``--help``, ``--version``, a
    misspelt command or none (which the whole table parses: its help, its choices)."""
    from dockquiz.commands import COMMANDS

    i = 0
    while i + 1 < len(argv) and argv[i] in GLOBAL_OPTIONS:
        i += 2
    word = argv[i] if i < len(argv) else None
    return word if any(command.name == word for command in COMMANDS) else None


def _add_command(sub, command, t: T) -> None:
    """A command (or a command's action) with its arguments and, under it, its actions."""
    from dockquiz.commands.base import OneOf

    short, long = command.help_keys()
    p = sub.add_parser(command.name, help=t(short), description=t(long), add_help=False, formatter_class=WideHelpFormatter)
    p.t = t
    p.add_argument("-h", "--help", action="help", help=t("help.help"))
    for arg in command.args:
        group, args = (p.add_mutually_exclusive_group(), arg.args) if isinstance(arg, OneOf) else (p, (arg,))
        for a in args:
            group.add_argument(*a.flags, help=t(a.help), **a.options)
    if command.run is not None:
        p.set_defaults(handler=command.run)
    if command.actions:
        actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser, required=True)
        for action in command.actions:
            _add_command(actions, action, t)


def main(argv: Sequence[str] | None = None) -> int:
    argv, given = hoist_globals(list(sys.argv[1:] if argv is None else argv))
    env = os.environ
    pre = given.get("lang")
    lang = resolve(pre if pre in CHOICES else None, env)
    if not pre and not env.get("DOCKQUIZ_LANG"):
        from dockquiz.storage.peek import saved_language

        saved = saved_language(
            {
                **env,
                **({"DOCKQUIZ_DB": given["db"]} if "db" in given else {}),
                **({"DOCKQUIZ_PROFILE": given["profile"]} if "profile" in given else {}),
            }
        )
        lang = resolve(None, env, saved)
    return _dispatch(argv, T(lang))


def _dispatch(argv: list[str], t: T) -> int:
    Parser.argv = argv
    try:
        parser = build_parser(t, named_command(argv))
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 0
        from dockquiz import commands

        # Every command starts without the cyclic GC: start-up and an import build hundreds of
        # thousands of objects that live until the command ends, rescanned for nothing. A study
        # session, which runs for long, turns it back on once its first card is ready.
        with no_cyclic_gc():
            return commands.run(args, t)
    except DockquizError as exc:
        sys.stdout.flush()
        from dockquiz.textsafe import excerpt, one_line

        # one line, whatever a parameter holds (a field named "\n" in a damaged export, a
        # page pasted as a value: quoted up to 200 characters; a usage line's `detail` quotes
        # what was typed shorter itself)
        params = {k: excerpt(v, 200) if isinstance(v, str) and k != "detail" else v for k, v in exc.params.items()}
        sys.stderr.write(one_line(f"dockquiz: {t(exc.key, **params)}") + "\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 130
    except BrokenPipeError:
        return 0


def entry() -> None:
    """Run main() (dockquiz.start calls this), then leave without the interpreter's teardown.
    After a command, that teardown (a last full GC, then clearing every module: SQLAlchemy,
    Alembic, markdown-it…) is a visible part of a short command and frees nothing the OS
    would not. Exit handlers still run and output is flushed; the database is closed by then."""
    status = 1  # what an uncaught exception (a bug: traceback) exits with

    def leave() -> None:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe: nothing more to say
                pass
        os._exit(status)

    atexit.register(leave)  # registered first, so it runs after every other handler
    try:
        status = main()
    except SystemExit as exc:  # argparse's own exits (--help, --version)
        status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        raise
    sys.exit(status)
