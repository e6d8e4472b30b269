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


def difference_lines(t: T, differences: Sequence[Difference], meanings: dict[str, str] | None = None) -> list[Text]:
    """One line per difference, with the option's meaning (the notes' words first)."""
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
        if d.kind == "unknown_command" and d.part == "program" and _learnable(d.expected or d.typed):
            meaning = t("diff.learn", program=d.expected or d.typed)  # installed: its help may be read
        if meaning:
            line.append(f"  — {meaning}", style="dim")
        lines.append(line)
    return lines


def _learnable(program: str | None) -> bool:
    """An installed program with no grammar: ``dockquiz grammar learn`` may read its help."""
    from dockquiz.grading.learn import help_known_unreadable

    return bool(program) and "/" not in program and shutil.which(program) is not None and not help_known_unreadable(program)
