"""``study --plain`` (line by line, for pipes and screen readers) and ``--plain --json``."""

from __future__ import annotations

import sys
from typing import IO

from dockquiz.explain_view import study_lines
from dockquiz.grading.verdict import Rating
from dockquiz.i18n import T
from dockquiz.render import VERDICT_MARK, difference_lines, wrap_text
from dockquiz.textsafe import dumps, excerpt, visible
from dockquiz.tui import loop
from dockquiz.tui.loop import QUIT, SKIP, UNDO
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

BAD_LINES = 3  # rating lines in a row that are not ratings: the input is not answering us

COMMANDS = {":hint": "hint", "?": "hint", ":skip": "skip", ":undo": "undo", ":quit": "quit", ":q": "quit"}


def _terminal_columns(stdout) -> int | None:
    try:
        if not stdout.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    import shutil

    return shutil.get_terminal_size().columns


class PlainFace:
    def __init__(self, session, t: T, *, json_mode: bool, stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> None:
        self.s, self.t, self.json = session, t, json_mode
        self.stdin, self.stdout = stdin or sys.stdin, stdout or sys.stdout
        self.failed = False  # the input stopped answering: exit 2
        self.columns = _terminal_columns(self.stdout)  # feedback wrapped in a terminal, never in a pipe
        self.learn_offered: set[str] = set()  # `grammar learn PROGRAM` is offered once a session
        self.not_a_choice = 0

    def emit(self, event: str, **data) -> None:
        self.stdout.write(dumps({"event": event, **data}) + "\n")
        self.stdout.flush()

    def say(self, *lines: str) -> None:
        for line in lines:
            self.stdout.write(visible(line) + "\n")
        self.stdout.flush()

    def read(self, prompt: str = "") -> str | None:
        if prompt and not self.json:
            self.stdout.write(prompt)
            self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            return None
        return line.rstrip("\r\n")

    # --- one card -----------------------------------------------------------------------
    def show(self, view) -> None:
        if self.json:
            data = {
                "id": view.id,
                "kind": view.kind,
                "prompt": view.prompt,
                "command": view.command,
                "section": view.section,
                "placeholders": view.placeholders,
                "hints": view.hints,
                "values": view.values,
                "state": view.state,
                "position": view.position,
                "counts": view.counts,
            }
            if view.choices is not None:
                data["choices"] = view.choices
                data["choices_en"] = view.choices_en
            self.emit("card", **data)
        else:
            crumb = breadcrumb(self.t, view)
            self.say("", header(self.t, view), *([crumb] if crumb else []), *prompt_lines(self.t, view))

    def feedback(self, answered) -> None:
        v = answered.verdict
        if self.json:
            self.emit(
                "verdict",
                id=answered.card.id,
                correct=v.correct,
                verdict=v.verdict,
                rating=Rating(answered.rating).label,
                answer=answered.card.answer,
                differences=[d.to_dict() for d in v.differences],
                example=answered.example,
                accepted_variant=answered.accepted_variant,
                cli_form=answered.cli_form,
            )
            return
        t = self.t
        self.say(f"{VERDICT_MARK[v.verdict]} {t('verdict.' + v.verdict)}")
        shown: list = [note for note in (verdict_note(t, answered.card, v), hint_note(t, answered)) if note]
        shown += difference_lines(t, differences_shown(t, answered.card, v.differences), answered.meanings, self.learn_offered)
        shown += ["  " + line for line in study_lines(t, answered)]
        for line in shown:
            self.say(*(piece.plain for piece in wrap_text(line, self.columns)))
        self.say(f"{t('card.answer')}: {answer_shown(t, answered.card)}")
        if answered.example:
            self.say(f"{t('study.example')}: {answered.example}")

    closed = feedback  # "close enough": the verdict again, now accepted

    def ask_answer(self, view) -> str | None:
        """The answer line; ``:hint`` shows more of the answer and the card again; a line that
        names no choice on a choice card shows the card again (a few in a row: the input is not
        answering)."""
        while True:
            line = self.read("$ ")
            if line is None:
                return None
            action = COMMANDS.get(line.strip())
            if action == "hint":
                text = self.s.hint()
                self.emit("hint", id=view.id, text=text) if self.json else self.say(f"{self.t('study.hint')}: {text}")
                self.show(view)  # the card again: a reader (or a JSON client) answers it
                continue
            if action is not None:
                return {"quit": QUIT, "skip": SKIP, "undo": UNDO}[action]
            if view.kind == "meaning" and line.strip() and self.s.read_choice(line) is None:
                self.not_a_choice += 1  # "5" on a 1-4 card, or text of no choice: ask again
                self.problem(view, "study.choose_number", n=len(view.choices or []))
                if self.not_a_choice >= BAD_LINES:
                    self.problem(None, "study.not_answers", n=BAD_LINES)
                    self.failed = True
                    return None
                self.show(view)
                continue
            self.not_a_choice = 0
            return line

    def ask_rating(self, answered) -> int | str | None:
        """A rating (1-4), 'close' (accept own form), 'undo', or None at end of input (or
        after a few lines that are not ratings: input meant for something else)."""
        t = self.t
        bad = 0
        while bad < BAD_LINES:
            suggestion = Rating(answered.rating).label
            extra = t("study.close_extra", label=t("study.close_enough")) if answered.close_enough_allowed else ""
            line = self.read(t("study.rate_prompt", suggested=t("rating." + suggestion), extra=extra) + " ")
            if line is None:
                return None
            text = line.strip().lower()
            if not text:
                return answered.rating
            if text in ("c", "close"):
                if answered.close_enough_allowed:
                    return "close"
                bad += 1  # said why not here; still not a rating (a pipe of c's ends as any other)
                message = no_close_line(t, answered) or ""
                self.emit("error", id=answered.card.id, message=message) if self.json else self.say(message)
                continue
            if text in ("u", ":undo"):
                return "undo"
            rating = Rating.parse(text)
            if rating is not None:
                return int(rating)
            bad += 1
            self.problem(answered.card, "error.bad_rating", value=excerpt(line.strip()))
        self.problem(None, "study.not_ratings", n=BAD_LINES)
        self.failed = True
        return None

    def not_rated(self) -> None:
        pass  # end of input: the summary says what was saved

    def scheduled(self, result) -> None:
        if self.json:
            self.emit(
                "scheduled",
                id=result.id,
                rating=Rating(result.rating).label,
                state=result.state,
                due=result.due.isoformat(),
                suspended=result.suspended,
            )
        else:
            self.say(
                self.t("rating." + Rating(result.rating).label)
                + " → "
                + self.t(
                    "study.next_in", when=when(self.t, result.due, self.s.clock.now()), state=self.t("state." + result.state)
                )
            )
            if result.suspended:
                self.say(self.t("study.leech"))

    def skipped(self, view, siblings: int = 0) -> None:
        self.emit("skipped", id=view.id, siblings=siblings) if self.json else self.say(skipped_text(self.t, siblings))

    def undone(self, view) -> None:
        if self.json:
            self.emit("undone", id=view.id if view else None)
        else:
            self.say(self.t("study.undone") if view else self.t("study.nothing_to_undo"))

    def problem(self, view, key: str, **params: object) -> None:
        message = problem_line(self.t, key, params)
        if not self.json:
            self.say(message)
        elif view is not None:
            self.emit("error", id=view.id, message=message)
        else:
            self.emit("error", message=message)

    def wait_for(self, due) -> bool:
        return False  # plain text ends; the summary says when a card is due

    # --- the loop -----------------------------------------------------------------------
    def run(self) -> int:
        return loop.run(self.s, self)

    def summary(self, data: dict | None = None) -> None:
        data = self.s.summary() if data is None else data
        if self.json:
            self.emit("summary", **data)
            return
        t = self.t
        self.say("", summary_line(t, data))
        next_line = next_due_line(t, data, self.s.clock.now(), study_again(self.s.deck_name))
        for line in (next_line, limit_line(t, data, self.s.session_new is not None), optimize_line(t, data)):
            if line:
                self.say(line)


def summary_line(t: T, data: dict) -> str:
    """The session's first summary line; a session that answered nothing says so (no "0%")."""
    if not data["reviewed"]:
        return t("study.summary_none")
    return t(
        "study.summary",
        reviewed=data["reviewed"],
        pct=data["correct_pct"],
        minutes=data["seconds"] // 60,
        seconds=data["seconds"] % 60,
    )


def limit_line(t: T, data: dict, session: bool = False) -> str | None:
    """The daily limit (or this session's ``--new N``) held new cards back: say how many, and
    how to get more now."""
    waiting = data.get("new_waiting") or 0
    if not waiting or data["left"]["new"]:
        return None
    key = "study.session_limit_reached" if session else "study.limit_reached"
    return t(key, limit=data["new_limit"], n=waiting, more=min(waiting, max(data["new_limit"], 10)))


def optimize_line(t: T, data: dict) -> str | None:
    """Enough reviews since FSRS was last fitted: one line suggesting ``dockquiz optimize``."""
    n = data.get("optimize_offer") or 0
    return t("study.optimize_offer", n=n) if n else None


def skipped_text(t: T, siblings: int) -> str:
    """What a skip did: its card, and the cards of the same note item that went with it (the
    new count drops by them too; an option's meaning card would give its answer away)."""
    return t("study.skipped_with", n=siblings) if siblings else t("study.skipped")


def study_again(deck: str | None) -> str:
    """The command that goes on with this session's cards: its ``--deck`` kept."""
    import shlex

    return f"dockquiz study --deck {shlex.quote(deck)}" if deck else "dockquiz study"


def next_due_line(t: T, data: dict, now, again: str = "dockquiz study") -> str | None:
    from datetime import datetime

    left = data["left"]
    if left["learning"] and not left["new"] and not left["review"] and data["next_due"]:
        due = datetime.fromisoformat(data["next_due"])
        if due <= now:  # cards of the session's scope are due now
            return t("study.learning_now", n=left["learning"], again=again)
        return t("study.learning_later", n=left["learning"], when=when(t, due, now), again=again)
    if sum(left.values()):
        return t("study.left", new=left["new"], learning=left["learning"], review=left["review"])
    if data["next_due"]:
        return t("study.next_due", when=when(t, datetime.fromisoformat(data["next_due"]), now))
    if data.get("new_waiting"):  # new cards wait beyond the limit: limit_line says so
        return None
    if data.get("skipped"):  # the cards are there: skipped until tomorrow
        return t("study.skipped_tomorrow", n=data["skipped"])
    if data.get("siblings"):  # the cards are there: siblings of cards answered today
        return t("study.siblings_tomorrow", n=data["siblings"])
    return t("study.all_done")
