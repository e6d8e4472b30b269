"""The grader on its own: ``grade``, ``grammar list|learn``."""

from __future__ import annotations

import sys

from dockquiz.commands.base import JSON, App, Arg, Command, show_json
from dockquiz.vocabulary import GRADED_KINDS


def cmd_grade(app: App) -> int:
    from dockquiz.grading import grade

    verdict = grade(app.args.expected, app.args.typed, kind=app.args.kind, command=app.args.context)
    if app.args.json:
        show_json(verdict.to_dict())
        return 0
    from dockquiz.render import console, difference_lines, verdict_line

    out = console()
    out.print(verdict_line(app.t, verdict))
    for line in difference_lines(app.t, verdict.differences):
        out.print(line, soft_wrap=True)
    from dockquiz.grading.normalise import has_control

    if has_control(app.args.typed):  # left out of the grading: said, as study says it
        from dockquiz.explain_view import control_names
        from dockquiz.textsafe import excerpt

        names = control_names(app.t, app.args.typed)
        out.print("  " + app.t("study.control_typed", typed=excerpt(app.args.typed, 80), names=names), soft_wrap=True)
    if not verdict.correct:
        from rich.text import Text

        out.print(Text.assemble(f"{app.t('card.answer')}: ", (app.args.expected, "bold")))
    return 0


def cmd_grammar_list(app: App) -> int:
    from dockquiz.grading import grammar as gr

    rows = gr.grammar().listing()
    if app.args.json:
        show_json(rows)
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


def cmd_grammar_learn(app: App) -> int:
    from dockquiz.grading.learn import keep
    from dockquiz.textsafe import visible

    program = app.args.program
    doc, commands = keep(program)
    sys.stdout.write(visible(app.t("grammar.learned", program=program, commands=commands, version=doc["version"] or "-")) + "\n")
    if doc.get("cut"):
        reasons = ", ".join(app.t(f"grammar.cut_reason.{why}") for why in doc["cut"])
        sys.stdout.write(app.t("grammar.cut", reasons=reasons) + "\n")
    return 0


COMMANDS = (
    Command(
        "grade",
        cmd_grade,
        Arg("expected", metavar="EXPECTED", help="help.grade.expected"),
        Arg("typed", metavar="TYPED", help="help.grade.typed"),
        Arg("--kind", choices=GRADED_KINDS, default="command", help="help.grade.kind"),
        Arg("--command", dest="context", metavar="C", help="help.grade.command"),
        JSON,
    ),
    Command(
        "grammar",
        None,
        actions=(
            Command(
                "learn",
                cmd_grammar_learn,
                Arg("program", metavar="PROGRAM", help="help.grammar.program"),
                help="help.grammar.learn",
            ),
            Command("list", cmd_grammar_list, JSON, help="help.grammar.list"),
        ),
    ),
)
