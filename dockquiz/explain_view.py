"""How an explanation and lint's findings are said: ja/en lines (rich Text, no markup read
from any string) for ``dockquiz explain``, ``dockquiz lint`` and study's feedback."""

from __future__ import annotations

import re

from rich.text import Text

from dockquiz.grading.explain import Command, Explanation, Finding, Part
from dockquiz.i18n import T
from dockquiz.textsafe import excerpt

WIDTH = 18  # the typed column
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # what grading leaves out of a typed line (not tab)


def _meaning(t: T, part: Part) -> str:
    """The notes' words first (with deck and line), then the overlay's."""
    said = []
    for note in part.notes[:2]:
        said.append(t("explain.notes_words", text=note.text, deck=note.deck, line=note.line))
    own = part.ja if t.lang in ("ja", "both") and part.ja else part.en or part.ja
    if own:
        said.append(own)
    return "; ".join(said)


def part_text(t: T, part: Part, command: Command) -> str:
    """What one part is, in a sentence (without the typed column)."""
    if part.role == "program":
        text = t("explain.program", name=part.name)
        if command.version:
            text += " " + t("explain.version", version=command.version)
    elif part.role == "command":
        if not part.known:
            return t("explain.command_unknown", path=part.name)
        text = t("explain.command", name=part.name)
        others = [s for s in part.spellings if s != part.name]
        if others:
            text += " " + t("explain.also", spellings=", ".join(others))
    elif part.role == "option":
        if not part.known:
            return t("explain.option_unknown", flag=part.name, scope=part.scope)
        text = t("explain.option", flag=part.name, spellings=", ".join(part.spellings))
        if part.takes_value or part.optional_value:
            value = part.value if part.value is not None else t("explain.no_value")
            key = "explain.optional_value" if part.optional_value else "explain.takes_value"
            text += ", " + t(key, name=part.value_name or "VALUE", value=value)
        else:
            text += ", " + t("explain.switch")
        if part.repeats:
            text += ", " + t("explain.repeats")
        if part.scope and part.scope.count(" ") == 0:
            text += ", " + t("explain.global", program=part.scope)
    elif part.role in ("argument", "type"):
        key = "explain.type" if part.role == "type" else "explain.argument"
        text = t(key, name=part.name or "ARG")
    elif part.role == "end_of_options":
        text = t("explain.end_of_options")
    elif part.role == "options_placeholder":
        text = t("explain.options_placeholder")
    else:
        text = t("explain.word")
    if part.placeholders:
        text += " " + t("explain.placeholder", names=", ".join(part.placeholders))
    meaning = _meaning(t, part) if part.role in ("option", "command", "program") else ""
    if meaning:
        text += " — " + meaning
    return text


def arity_text(t: T, detail: str | None) -> str:
    """How many arguments a command takes (``detail`` is ``LOW-HIGH``, HIGH empty when there
    is no most), in words: no arguments, exactly 1 argument, 1 to 3, at least 2."""
    low_s, _, high_s = (detail or "").partition("-")
    try:
        low, high = int(low_s or 0), int(high_s) if high_s else None
    except ValueError:
        return detail or ""
    if high == 0:
        return t("explain.arity.none")
    if high == low:
        return t("explain.arity.one" if low == 1 else "explain.arity.exactly", n=low)
    if high is None:
        return t("explain.arity.at_least_one" if low == 1 else "explain.arity.at_least", n=low)
    return t("explain.arity.range", low=low, high=high)


_C0 = (
    "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US"
).split()
_LEFT_OUT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")  # grading's (normalise)


def control_names(t: T, text: str) -> str:
    """The control characters ``text`` holds, each once in the order typed, as shown and by
    name: ``^@ is NUL``, ``^[ is ESC`` (only those present: a NUL is never called ESC)."""
    said: list[str] = []
    for ch in dict.fromkeys(_LEFT_OUT.findall(text)):
        code = ord(ch)
        if code < 0x20 or code == 0x7F:
            shown, name = ("^?", "DEL") if code == 0x7F else ("^" + chr(code + 0x40), _C0[code])
            said.append(t("study.control_name", shown=shown, name=name))
        else:  # C1, zero-width, separators, BOM: their code point is their name
            said.append(f"\\x{code:02x}" if code <= 0x9F else f"U+{code:04X}")
    return t("study.control_join").join(said)


def finding_text(t: T, finding: Finding, command: Command | None = None) -> str:
    """What the program would do, and the nearest right spelling."""
    program = command.program if command else finding.scope.split(" ")[0]
    version = command.version if command else finding.version
    params = {
        "token": finding.token,
        "suggestion": finding.suggestion or "",
        "scope": finding.scope,
        "detail": finding.detail,
        "program": program,
        "version": version or program,
    }
    if finding.kind == "control":
        params["names"] = control_names(t, finding.token)
    if finding.kind == "arity":
        params["detail"] = arity_text(t, finding.detail)
    text = t("explain.finding." + finding.kind, **params)
    if finding.suggestion and finding.kind in ("unknown_flag", "unknown_command"):
        text += " — " + t("explain.did_you_mean", suggestion=finding.suggestion)
    return text


def unreadable_text(t: T, problem: str) -> str:
    """Why a line is no command line, in the learner's language (``problem`` is a code)."""
    reason = t(f"diff.invalid_{problem}") if problem in ("quote", "escape") else t("explain.unreadable_error")
    return t("explain.unreadable", reason=reason)


def explanation_lines(t: T, e: Explanation, columns: int | None = None) -> list[Text]:
    """The explanation as lines; with ``columns`` (a terminal's width) each wrapped to it, never
    inside a word, a part's description wrapped in its own column."""
    done: set[int] = set()  # the parts' lines, wrapped in their column already
    lines = _explanation_lines(t, e, columns, done)
    if columns is None:
        return lines
    from dockquiz.render import wrap_text

    return [piece for line in lines for piece in ([line] if id(line) in done else wrap_text(line, columns))]


def _part_lines(prefix: Text, description: Text, columns: int | None, done: set[int]) -> list[Text]:
    """A part's line: its typed column, then its description, wrapped in that column."""
    if columns is None:
        return [prefix + description]
    from dockquiz.render import wrap_text
    from dockquiz.widewrap import width

    lead = width(prefix.plain)
    pieces = wrap_text(Text(" " * lead) + description, columns, hang=min(lead, 2 + WIDTH + 2))
    pieces[0] = prefix + pieces[0][lead:]
    done.update(id(piece) for piece in pieces)
    return pieces


def _explanation_lines(t: T, e: Explanation, columns: int | None, done: set[int]) -> list[Text]:
    lines: list[Text] = []
    if e.problem is not None:
        lines.append(Text(unreadable_text(t, e.problem), style="bold red"))
        return lines
    if not e.commands:
        lines.append(Text(t("explain.empty"), style="dim"))
        return lines
    for index, command in enumerate(e.commands):
        if index:
            lines.append(
                Text(
                    t("explain.separator", separator=e.separators[index - 1] if index - 1 < len(e.separators) else ""),
                    style="dim",
                )
            )
        if not command.known:
            line = Text(t("explain.unknown_program", program=command.program), style="yellow")
            lines.append(line)
            if command.learnable:
                lines.append(Text("  " + t("explain.learn", program=command.program), style="dim"))
            continue
        for part in command.parts:
            line = Text("  ")
            typed = part.typed
            line.append(typed.ljust(WIDTH) if len(typed) < WIDTH else typed + "  ", style="bold" if part.role != "word" else "")
            description = Text(part_text(t, part, command), style="dim" if part.role == "word" else "")
            lines.extend(_part_lines(line, description, columns, done))
        for finding in command.findings:
            lines.extend(finding_lines(t, finding, command))
    if e.fix:
        lines.append(Text.assemble((t("explain.fixed") + " ", "bold green"), e.fix))
    elif not e.findings:
        lines.append(Text(t("explain.clean"), style="green"))
    return lines


def finding_lines(t: T, finding: Finding, command: Command | None = None) -> list[Text]:
    style = "bold red" if finding.refused else "bold yellow"
    mark = t("explain.refused") if finding.refused else t("explain.read_otherwise")
    return [Text.assemble(("  ! ", style), (mark + ": ", style), finding_text(t, finding, command))]


# --- study's feedback ---------------------------------------------------------------------------


def _reading(part: Part) -> str:
    """A value by the parts its name gives (``HOST:CONTAINER`` → ``HOST 80, CONTAINER 8080``)."""
    names = (part.value_name or "").split(":")
    values = (part.value or "").split(":")
    if len(names) > 1 and len(names) == len(values):
        return ", ".join(f"{n} {v}" for n, v in zip(names, values))
    return part.value or ""


def study_lines(t: T, answered, limit: int = 3) -> list[str]:
    """After an answer: the form the CLI runs, when the notes' line is one lint finds wrong;
    after a partly right or wrong one, the parts that differ explained (the typed value read
    by its parts beside the answer's) and what the CLI would refuse in the typed line. Short."""
    from dockquiz.grading.explain import dashed_flags, explain
    from dockquiz.grading.normalise import normalise

    lines = []
    card = answered.card
    if answered.cli_form:
        lines.append(t("study.cli_form", notes=card.answer, fix=answered.cli_form))
    dashed = dashed_flags(answered.typed) if card.kind != "meaning" else []
    if dashed:  # graded as the hyphens they stand for; said, as the CLI would not read them so
        typed = " ".join(raw for raw, _ in dashed)
        lines.append(t("study.dash_read", typed=typed, read=" ".join(normalise(raw) for raw, _ in dashed)))
    if _CONTROL.search(answered.typed):  # an ESC typed, a control character pasted: said, never dropped unseen
        lines.append(t("study.control_typed", typed=excerpt(answered.typed, 80), names=control_names(t, answered.typed)))
    if answered.verdict.correct or card.kind not in ("command", "example"):
        return lines
    typed, answer = explain(answered.typed), explain(card.answer)
    mine = {p.name: p for c in typed.commands for p in c.parts if p.role == "option" and p.known}
    theirs = {p.name: p for c in answer.commands for p in c.parts if p.role == "option" and p.known}
    for key, got in mine.items():
        want = theirs.get(key)
        if want is None or got.value is None or want.value is None or want.placeholders or got.value == want.value:
            continue
        lines.append(
            t("study.explain_value", typed=got.typed, reading=_reading(got), answer=want.typed, answer_reading=_reading(want))
        )
    for c in typed.commands:
        for f in c.findings:
            if f.kind in ("en_dash", "control"):
                continue  # said above
            lines.append(t("study.explain_finding", message=finding_text(t, f, c)))
    return lines[: limit + bool(answered.cli_form) + bool(dashed) + bool(_CONTROL.search(answered.typed))]
