"""``study --plain`` (line by line, for pipes and screen readers) and ``--plain --json``."""

from __future__ import annotations

import sys
from typing import IO

from dockquiz.errors import ConflictError, StorageError
from dockquiz.grading.verdict import Rating
from dockquiz.i18n import T
from dockquiz.render import VERDICT_MARK, difference_lines
from dockquiz.textsafe import dumps, visible
from dockquiz.tui.text import breadcrumb, header, prompt_lines, verdict_note, when

BAD_LINES = 3       # rating lines in a row that are not ratings: the input is not answering us

COMMANDS = {":hint": "hint", "?": "hint", ":skip": "skip", ":undo": "undo", ":quit": "quit", ":q": "quit"}


class PlainFace:
    def __init__(self, session, t: T, *, json_mode: bool, stdin: IO[str] | None = None,
                 stdout: IO[str] | None = None) -> None:
        self.s, self.t, self.json = session, t, json_mode
        self.stdin, self.stdout = stdin or sys.stdin, stdout or sys.stdout
        self.bad_input = False
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
            data = {"id": view.id, "kind": view.kind, "prompt": view.prompt, "command": view.command,
                    "section": view.section, "placeholders": view.placeholders, "hints": view.hints,
                    "values": view.values,
                    "state": view.state, "position": view.position, "counts": view.counts}
            if view.choices is not None:
                data["choices"] = view.choices
                data["choices_en"] = view.choices_en
            self.emit("card", **data)
        else:
            crumb = breadcrumb(self.t, view)
            self.say("", header(self.t, view), *([crumb] if crumb else []), *prompt_lines(self.t, view))

    def verdict(self, answered) -> None:
        v = answered.verdict
        if self.json:
            self.emit("verdict", id=answered.card.id, correct=v["correct"], verdict=v["verdict"],
                      rating=Rating(answered.rating).label, answer=answered.card.answer,
                      differences=v["differences"], example=answered.example,
                      accepted_variant=v.get("accepted_variant"))
            return
        t = self.t
        self.say(f"{VERDICT_MARK[v['verdict']]} {t('verdict.' + v['verdict'])}")
        note = verdict_note(t, answered.card, v)
        if note:
            self.say(note)
        for line in difference_lines(t, v["differences"], answered.meanings):
            self.say(line.plain)
        self.say(f"{t('card.answer')}: {answered.card.answer}")
        if answered.example:
            self.say(f"{t('study.example')}: {answered.example}")

    def ask_rating(self, answered) -> int | str | None:
        """A rating (1-4), 'close' (accept own form), 'undo', or None at end of input (or
        after a few lines that are not ratings: input meant for something else)."""
        t = self.t
        for _ in range(BAD_LINES):
            suggestion = Rating(answered.rating).label
            extra = f", c {t('study.close_enough')}" if answered.close_enough_allowed else ""
            line = self.read(t("study.rate_prompt", suggested=t("rating." + suggestion), extra=extra) + " ")
            if line is None:
                return None
            text = line.strip().lower()
            if not text:
                return answered.rating
            if text in ("c", "close") and answered.close_enough_allowed:
                return "close"
            if text in ("u", ":undo"):
                return "undo"
            rating = Rating.parse(text)
            if rating is not None:
                return int(rating)
            message = t("error.bad_rating", value=line.strip())
            self.emit("error", message=message) if self.json else self.say(message)
        message = t("study.not_ratings", n=BAD_LINES)
        self.emit("error", message=message) if self.json else self.say(message)
        self.bad_input = True
        return None

    def scheduled(self, result) -> None:
        if self.json:
            self.emit("scheduled", id=result.id, rating=Rating(result.rating).label, state=result.state,
                      due=result.due.isoformat(), suspended=result.suspended)
        else:
            self.say(self.t("rating." + Rating(result.rating).label) + " → " +
                     self.t("study.next_in", when=when(self.t, result.due, self.s.clock.now()),
                            state=self.t("state." + result.state)))
            if result.suspended:
                self.say(self.t("study.leech"))

    # --- the loop -----------------------------------------------------------------------
    def run(self) -> int:
        while True:
            view = self.s.next()
            if view is None:
                break
            try:
                self.show(view)
            except Exception:  # noqa: BLE001 - one card must not end the session
                self.card_failed(view)
                continue
            line = self.read("$ ")
            if line is None:
                break
            action = COMMANDS.get(line.strip())
            if action == "quit":
                break
            if view.kind == "meaning" and action is None and line.strip() and self.s.read_choice(line) is None:
                self.not_a_choice += 1           # "5" on a 1-4 card, or text of no choice: ask again
                message = self.t("study.choose_number", n=len(view.choices or []))
                self.emit("error", id=view.id, message=message) if self.json else self.say(message)
                if self.not_a_choice >= BAD_LINES:
                    self.say_not_answers()
                    break
                continue
            self.not_a_choice = 0
            if action == "hint":
                text = self.s.hint()
                self.emit("hint", id=view.id, text=text) if self.json else self.say(f"{self.t('study.hint')}: {text}")
                self.s.current = view  # same card again
                continue
            if action == "skip":
                self.s.skip()
                self.emit("skipped", id=view.id) if self.json else self.say(self.t("study.skipped"))
                continue
            if action == "undo":
                self._undo()
                continue
            try:
                answered = self.s.submit(line)
                self.verdict(answered)
            except ConflictError as exc:      # answered elsewhere while on screen: the next card
                message = self.t(exc.key)
                self.emit("error", id=view.id, message=message) if self.json else self.say(message)
                continue
            except StorageError:
                raise
            except Exception:  # noqa: BLE001 - one card must not end the session
                self.card_failed(view)
                continue
            choice = self.ask_rating(answered)
            if choice is None:
                break
            if choice == "undo":
                self.s.pending = None
                continue
            if choice == "close":
                answered = self.s.accept_variant()
                self.verdict(answered)
                choice = answered.rating
            try:
                self.scheduled(self.s.rate(choice))
            except ConflictError as exc:
                message = self.t(exc.key)
                self.emit("error", message=message) if self.json else self.say(message)
            except StorageError as exc:     # disk full, read-only: this answer was not saved
                message = self.t("study.not_saved", reason=self.t(exc.key, **exc.params))
                self.emit("error", id=view.id, message=message) if self.json else self.say(message)
                self._safe_summary()
                return 2
        self.summary()
        return 2 if self.bad_input else 0

    def say_not_answers(self) -> None:
        message = self.t("study.not_answers", n=BAD_LINES)
        self.emit("error", message=message) if self.json else self.say(message)
        self.bad_input = True

    def _safe_summary(self) -> None:
        try:
            self.summary()
        except StorageError:
            pass

    def card_failed(self, view) -> None:
        """Grading or showing this card failed (a bug): say so in one line, show its answer,
        put it aside until tomorrow and go on. Nothing answered before is touched."""
        message = self.t("study.card_failed", answer=view.answer)
        self.emit("error", id=view.id, message=message) if self.json else self.say(message)
        self.s.pending = None
        self.s.skip()

    def _undo(self) -> None:
        view = self.s.undo()
        if self.json:
            self.emit("undone", id=view.id if view else None)
        else:
            self.say(self.t("study.undone") if view else self.t("study.nothing_to_undo"))

    def summary(self) -> None:
        data = self.s.summary()
        if self.json:
            self.emit("summary", **data)
            return
        t = self.t
        self.say("", t("study.summary", reviewed=data["reviewed"], pct=data["correct_pct"],
                       minutes=data["seconds"] // 60, seconds=data["seconds"] % 60))
        self.say(next_due_line(t, data, self.s.clock.now()))
        limit = limit_line(t, data)
        if limit:
            self.say(limit)


def limit_line(t: T, data: dict) -> str | None:
    """The daily limit held new cards back: say how many, and how to get more now."""
    waiting = data.get("new_waiting") or 0
    if not waiting or data["left"]["new"]:
        return None
    return t("study.limit_reached", limit=data["new_limit"], n=waiting, more=min(waiting, max(data["new_limit"], 10)))


def next_due_line(t: T, data: dict, now) -> str:
    from datetime import datetime

    left = data["left"]
    if left["learning"] and not left["new"] and not left["review"] and data["next_due"]:
        return t("study.learning_later", n=left["learning"],
                 when=when(t, datetime.fromisoformat(data["next_due"]), now))
    if sum(left.values()):
        return t("study.left", new=left["new"], learning=left["learning"], review=left["review"])
    if data["next_due"]:
        return t("study.next_due", when=when(t, datetime.fromisoformat(data["next_due"]), now))
    return t("study.all_done")
