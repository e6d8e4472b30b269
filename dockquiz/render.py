"""Rich rendering helpers shared by the CLI and the TUI (i18n is applied by callers)."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence

from rich.console import Console
from rich.segment import Segment
from rich.text import Text

from dockquiz.grading.verdict import Difference, Rating, Verdict
from dockquiz.i18n import T
from dockquiz.textsafe import visible

VERDICT_STYLE = {
    "exact": "bold green",
    "equivalent": "bold green",
    "typo": "bold yellow",
    "partial": "bold yellow",
    "wrong": "bold red",
    "invalid": "bold red",
    "empty": "bold red",
}
VERDICT_MARK = {"exact": "✓", "equivalent": "✓", "typo": "≈", "partial": "△", "wrong": "✗", "invalid": "✗", "empty": "…"}
DIFF_STYLE = {
    "missing": "bold red",
    "extra": "bold magenta",
    "wrong_value": "bold red",
    "misplaced": "bold yellow",
    "typo": "bold yellow",
    "wrong_command": "bold red",
    "invalid": "bold red",
    "unknown_command": "dim",
}


class SafeConsole(Console):
    """A console that shows text as data: no markup is read from strings (``[bold]`` in a
    note stays ``[bold]``), and control characters in any text are made visible before they
    reach the terminal (:func:`dockquiz.textsafe.visible`); rich's own styles still apply."""

    def render_str(self, text: str, **kwargs) -> Text:
        """Strings (table cells, printed lines) are made visible before they are measured, so
        a cell holding ``^[`` is as wide as what is shown."""
        return super().render_str(visible(text), **kwargs)

    def render(self, renderable, options=None):
        for segment in super().render(renderable, options):
            if segment.control is None and segment.text:
                text = visible(segment.text)
                if text is not segment.text:
                    segment = Segment(text, segment.style)
            yield segment


def console(stderr: bool = False) -> Console:
    return SafeConsole(
        stderr=stderr,
        highlight=False,
        soft_wrap=False,
        markup=False,
        emoji=False,
        no_color=bool(os.environ.get("NO_COLOR")) or None,
        file=sys.stderr if stderr else sys.stdout,
    )


def verdict_line(t: T, verdict: Verdict, rating: Rating | None = None) -> Text:
    name = verdict.verdict
    line = Text()
    line.append(f"{VERDICT_MARK[name]} {t('verdict.' + name)}", style=VERDICT_STYLE[name])
    label = (verdict.rating if rating is None else rating).label
    line.append(f"  ({t('rating.suggested')}: {t('rating.' + label)})", style="dim")
    return line


def difference_lines(
    t: T, differences: Sequence[Difference], meanings: dict[str, str] | None = None, offered: set[str] | None = None
) -> list[Text]:
    """One line per difference, with the option's meaning (the notes' words first). ``offered``
    (a study session's): the programs ``grammar learn`` was offered for already, once each."""
    lines = []
    for d in differences:
        line = Text("  ")
        label = t("diff.unknown_program") if d.kind == "unknown_command" and d.part == "program" else t("diff." + d.kind)
        if d.kind == "wrong_value" and d.part == "option" and d.typed is None:
            label = t("diff.no_value")  # "-c" typed with nothing after it
        line.append(f"{label}: ", style=DIFF_STYLE.get(d.kind, "bold"))
        if d.expected and d.typed and d.kind != "misplaced":
            line.append(d.expected, style="green")
            line.append(" ← ")
            line.append(d.typed, style="red")
        elif d.expected:
            line.append(d.expected, style="green")
        elif d.typed:
            line.append(d.typed, style="red")
        meaning = None
        if d.option and meanings:
            meaning = meanings.get(d.option)
        if meaning is None and d.meaning:
            meaning = d.meaning.get("ja" if t.lang in ("ja", "both") else "en") or d.meaning.get("en")
            if meaning and d.turns_off:  # --no-edit: the words are --edit's
                meaning = t("diff.turns_off", flag=d.turns_off, meaning=meaning)
        if d.kind == "invalid" and d.part in ("quote", "escape"):
            meaning = t(f"diff.invalid_{d.part}")
        program = d.expected or d.typed
        fresh = offered is None or program not in offered
        if d.kind == "unknown_command" and d.part == "program" and fresh and _learnable(program):
            meaning = t("diff.learn", program=program)  # installed: its help may be read
            if offered is not None:
                offered.add(program)  # said once a session, not after every answer
        if meaning:
            line.append(f"  — {meaning}", style="dim")
        lines.append(line)
    return lines


def _learnable(program: str | None) -> bool:
    """An installed program with no grammar: ``dockquiz grammar learn`` may read its help."""
    from dockquiz.grading.learn import help_known_unreadable

    return bool(program) and "/" not in program and shutil.which(program) is not None and not help_known_unreadable(program)


def wrap_text(text: Text | str, columns: int | None, hang: int | None = None) -> list[Text]:
    """A feedback line as lines of at most ``columns`` display columns, broken where
    ``dockquiz.widewrap`` breaks (at a space or between two wide characters: never inside a
    word such as ``grammar``); its styles and inner spacing kept, the lines after the first
    indented by ``hang`` (its own indent + 2). ``columns`` None: the line as it is."""
    from dockquiz.widewrap import width, wrap

    text = Text(text) if isinstance(text, str) else text
    plain = text.plain
    if columns is None or width(plain) <= columns or "\n" in plain:
        return [text]
    lead = len(plain) - len(plain.lstrip(" "))
    hang = lead + 2 if hang is None else hang
    lines: list[Text] = []
    pos = lead
    while pos < len(plain):
        indent = lead if not lines else hang
        room = budget = max(columns - indent, 2)
        while True:
            first = wrap(plain[pos:], budget)[:1]
            if not first:
                break
            end = _line_end(plain, pos, first[0])
            excess = width(plain[pos:end]) - room  # inner runs of spaces kept: wider than wrap counted
            if excess <= 0 or budget <= 2 or " " not in first[0]:
                break
            budget = max(budget - excess, 2)
        if not first:
            break
        lines.append(Text(" " * indent, style=text.style) + text[pos:end])
        pos = end
        while pos < len(plain) and plain[pos].isspace():
            pos += 1
    return lines or [text]


def _line_end(plain: str, pos: int, line: str) -> int:
    """Where in ``plain`` the wrapped ``line`` that starts at ``pos`` ends (a space of the line
    stands for a run of spaces of ``plain``)."""
    end = pos
    for char in line:
        if char == " ":
            while end < len(plain) and plain[end].isspace():
                end += 1
        else:
            end += 1
    return end
