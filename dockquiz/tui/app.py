"""The interactive study screen: prompt_toolkit reads keys, rich renders the card and feedback."""

from __future__ import annotations

import asyncio

from prompt_toolkit import PromptSession
from prompt_toolkit.application.current import get_app
from prompt_toolkit.key_binding import KeyBindings
from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from dockquiz.explain_view import study_lines
from dockquiz.grading.verdict import Rating
from dockquiz.i18n import T
from dockquiz.render import console as make_console
from dockquiz.render import difference_lines, verdict_line, wrap_text
from dockquiz.tui import loop
from dockquiz.tui.loop import SKIP, UNDO
from dockquiz.tui.plain import limit_line, next_due_line, optimize_line, skipped_text, study_again, summary_line
from dockquiz.tui.text import (
    answer_shown,
    breadcrumb,
    differences_shown,
    header,
    hint_note,
    no_close_line,
    problem_line,
    prompt_lines,
    verdict_note,
    when,
)

HINT = "\x00hint"
BAD_STYLE = "bold red underline"


def answer_keys() -> KeyBindings:
    kb = KeyBindings()

    @kb.add("tab")
    def _hint(event):
        event.app.exit(result=HINT + event.app.current_buffer.text)

    @kb.add("c-n")
    def _skip(event):
        event.app.exit(result=SKIP)

    @kb.add("c-z")
    def _undo(event):
        event.app.exit(result=UNDO)

    @kb.add("escape")  # not eager: Alt+key (ESC then a key at once) keeps its meaning
    def _escape(event):
        event.current_buffer.insert_text("\x1b")  # typed text is data: shown as ^[, said in the feedback

    return kb


def rating_keys(close_allowed: bool) -> KeyBindings:
    kb = KeyBindings()
    for key in "1234":
        kb.add(key)(lambda event, k=key: event.app.exit(result=int(k)))
    kb.add("enter")(lambda event: event.app.exit(result=0))
    kb.add("u")(lambda event: event.app.exit(result="undo"))
    kb.add("c-z")(lambda event: event.app.exit(result="undo"))
    kb.add("c")(lambda event: event.app.exit(result="close" if close_allowed else "no_close"))

    @kb.add("<any>")
    def _ignore(event):
        pass

    return kb


class TerminalFace:
    def __init__(
        self, session, t: T, *, imported: list[str] | None = None, console: Console | None = None, input=None, output=None
    ) -> None:
        self.s, self.t = session, t
        self.failed = False
        self.learn_offered: set[str] = set()  # `grammar learn PROGRAM` is offered once a session
        self.out = console or make_console()
        self.imported = imported or []
        self.prompts = PromptSession(input=input, output=output)
        self.rater = PromptSession(input=input, output=output)
        self.waiter = PromptSession(input=input, output=output)

    # --- drawing ------------------------------------------------------------------------
    def show(self, view, hint: str = "") -> None:
        t = self.t
        body = Text()
        lines = prompt_lines(t, view)
        crumb = breadcrumb(t, view)
        if crumb:
            body.append(crumb + "\n", style="dim")
        body.append(lines.pop(0), style="bold")
        for line in lines:
            body.append("\n" + line, style="cyan" if line.startswith("  ") else "")
        if hint:
            body.append(f"\n{t('study.hint')}: ", style="yellow")
            body.append(hint, style="bold yellow")
        kind = t("kind." + view.kind)
        self.out.print(
            Panel(
                body,
                title=Text(kind, style="bold"),
                subtitle=Text(header(t, view)),
                title_align="left",
                subtitle_align="right",
                width=min(self.out.width, 100),
            )
        )
        self.out.print(Text(t("study.keys"), style="dim"))

    def feedback(self, answered) -> None:
        t = self.t
        v = answered.verdict
        self.out.print(verdict_line(t, v, Rating(answered.rating)))
        shown = [Text(note, style="yellow") for note in (verdict_note(t, answered.card, v), hint_note(t, answered)) if note]
        shown += difference_lines(t, differences_shown(t, answered.card, v.differences), answered.meanings, self.learn_offered)
        shown += [Text("  " + line, style="dim") for line in study_lines(t, answered)]
        for line in shown:  # wrapped by display width, never inside a word (the terminal's own wrap splits them)
            for piece in wrap_text(line, self.out.width):
                self.out.print(piece, soft_wrap=True)
        bad = {d.expected for d in v.differences if d.expected}
        answer = Text(f"{t('study.answer_label')}: ", style="bold")
        for i, token in enumerate(answer_shown(t, answered.card).split()):
            answer.append(("" if i == 0 else " ") + token, style=BAD_STYLE if token in bad else "green")
        self.out.print(answer)
        if answered.accepted_variant:
            self.out.print(Text(f"{t('card.variants')}: {answered.accepted_variant}", style="dim"))
        if answered.example:
            self.out.print(Text(f"{t('study.example')}: {answered.example}", style="dim"))

    # --- input ----------------------------------------------------------------------------
    def ask_answer(self, view) -> str | None:
        hint, default = "", ""
        while True:
            try:
                text = self.prompts.prompt("$ ", key_bindings=answer_keys(), default=default)
            except (EOFError, KeyboardInterrupt):
                return None
            if text in (SKIP, UNDO):
                return text
            if text.startswith(HINT):
                hint = self.s.hint(text[len(HINT) :])
                default = hint + " "  # Tab completes what was typed
                self.out.print(Text(f"{self.t('study.hint')}: {hint}", style="yellow"))
                continue
            if view.kind == "meaning" and text.strip() and self.s.read_choice(text) is None:
                self.out.print(Text(self.t("study.choose_number", n=len(view.choices or [])), style="yellow"))
                default = ""
                continue
            return text

    def ask_rating(self, answered) -> int | str | None:
        extra = self.t("study.close_key") if answered.close_enough_allowed else ""
        label = self.t("rating." + Rating(answered.rating).label)
        self.out.print(Text(self.t("study.rate_keys", suggested=label, extra=extra), style="dim"))
        while True:
            try:
                choice = self.rater.prompt("› ", key_bindings=rating_keys(answered.close_enough_allowed))
            except (EOFError, KeyboardInterrupt):
                return None  # saves nothing for this card
            if choice != "no_close":
                return answered.rating if choice == 0 else choice
            self.out.print(Text(no_close_line(self.t, answered) or "", style="yellow"))  # why not here, and the keys

    def closed(self, answered) -> None:
        self.out.print(Text(f"✓ {self.t('study.close_enough')}", style="green"))

    def not_rated(self) -> None:
        self.out.print(Text(self.t("study.not_rated"), style="dim"))

    def skipped(self, view, siblings: int = 0) -> None:
        self.out.print(Text(skipped_text(self.t, siblings), style="dim"))

    def undone(self, view) -> None:
        self.out.print(Text(self.t("study.undone" if view else "study.nothing_to_undo"), style="dim"))

    def problem(self, view, key: str, **params: object) -> None:
        style = "yellow" if key.startswith("error.changed") else "red"
        self.out.print(Text(problem_line(self.t, key, params), style=style))

    def scheduled(self, result) -> None:
        self.out.print(
            Text.assemble(
                (self.t("rating." + Rating(result.rating).label), "bold"),
                " → ",
                (
                    self.t(
                        "study.next_in", when=when(self.t, result.due, self.s.clock.now()), state=self.t("state." + result.state)
                    ),
                    "dim",
                ),
            )
        )
        if result.suspended:
            self.out.print(Text(self.t("study.leech"), style="yellow"))
        self.out.print()

    # --- loop -------------------------------------------------------------------------------
    def run(self) -> int:
        if self.imported:
            self.out.print(Text(self.t("study.builtin", decks=", ".join(self.imported)), style="dim"))
        if self.s.studied_decks:
            decks = ", ".join(self.s.studied_decks)
            self.out.print(Text(self.t("study.decks", n=len(self.s.studied_decks), decks=decks), style="dim"))
        return loop.run(self.s, self)

    def wait_for(self, due) -> bool:
        """Only learning cards are left and the next is not due yet: count down to it, as
        Anki does. Enter shows it now; Ctrl-D ends the session. True: a card is due."""
        seconds = max(0.0, (due - self.s.clock.now()).total_seconds())
        left = self.s.remaining()
        self.out.print(Text(self.t("study.waiting", n=left["learning"]), style="bold"))

        def countdown() -> str:  # the prompt itself: shown on every terminal
            rest = max(0, int((due - self.s.clock.now()).total_seconds()))
            return self.t("study.countdown", time=f"{rest // 60}:{rest % 60:02d}") + " › "

        async def wake(app) -> None:
            await asyncio.sleep(seconds)
            if not app.is_done:
                app.exit(result="due")

        def pre_run() -> None:
            app = get_app()
            app.create_background_task(wake(app))

        try:
            result = self.waiter.prompt(countdown, refresh_interval=1.0, pre_run=pre_run)
        except (EOFError, KeyboardInterrupt):
            return False
        if result != "due":
            self.s.study_ahead()
        return True

    def summary(self, data: dict) -> None:
        t = self.t
        body = Text(summary_line(t, data), style="bold")
        next_line = next_due_line(t, data, self.s.clock.now(), study_again(self.s.deck_name))
        for line in (next_line, limit_line(t, data, self.s.session_new is not None), optimize_line(t, data)):
            if line:
                body.append("\n" + line)
        body.append("\n" + t("study.goodbye"), style="dim")
        self.out.print(Panel(body, width=min(self.out.width, 100)))
