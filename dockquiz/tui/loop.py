"""One study loop for every face.

The session owns the study state (the card shown, the answer waiting for its rating); a
face only shows things and reads the learner's replies. The terminal screen, plain text and
JSON Lines are faces over this one driver, so what happens when a card fails, an answer
conflicts with another session or the disk refuses a save is decided here, once.
"""

from __future__ import annotations

from typing import Protocol

from dockquiz.errors import ConflictError, StorageError

SKIP, UNDO, QUIT = "\x00skip", "\x00undo", "\x00quit"  # replies that are not answers


class Face(Protocol):
    failed: bool  # the face gave up on its input: the session ends with exit 2

    def show(self, view) -> None: ...
    def ask_answer(self, view) -> str | None: ...  # the answer, SKIP/UNDO/QUIT, or None at the end
    def skipped(self, view, siblings: int = 0) -> None: ...
    def undone(self, view) -> None: ...  # the card shown again, or None
    def feedback(self, answered) -> None: ...
    def ask_rating(self, answered) -> int | str | None: ...  # 1-4, "close", "undo"; None: stop, save nothing
    def closed(self, answered) -> None: ...  # "close enough" was accepted
    def not_rated(self) -> None: ...
    def scheduled(self, result) -> None: ...
    def problem(self, view, key: str, **params: object) -> None: ...  # one line, from the catalogue
    def wait_for(self, due) -> bool: ...  # only learning cards left: True when one is due
    def summary(self, data: dict) -> None: ...


def run(session, face: Face) -> int:
    """Study until the cards or the learner run out; 0, or 2 when an answer could not be saved
    or the input was not answering."""
    unsaved = False
    while True:
        view = session.next()
        if view is None:
            due = session.waiting()
            if due is not None and face.wait_for(due):
                continue
            break
        try:
            face.show(view)
        except Exception:  # noqa: BLE001 - one card must not end the session
            _set_aside(session, face, view)
            continue
        reply = face.ask_answer(view)
        if reply is None or reply == QUIT:
            break
        if reply == SKIP:
            face.skipped(view, session.skip())
            continue
        if reply == UNDO:
            face.undone(session.undo())
            continue
        try:
            answered = session.submit(reply)
            face.feedback(answered)
        except ConflictError as exc:  # answered elsewhere while on screen: the next card
            face.problem(view, exc.key)
            continue
        except StorageError:
            raise
        except Exception:  # noqa: BLE001 - one card must not end the session
            _set_aside(session, face, view)
            continue
        choice = face.ask_rating(answered)
        if choice == "undo":  # take the answer back: the same card, nothing saved
            session.retract()
            continue
        if choice is None:  # Ctrl-C, Ctrl-D or end of input at the rating
            session.retract()
            face.not_rated()
            break
        if choice == "close":
            answered = session.accept_variant()
            face.closed(answered)
            choice = answered.rating
        try:
            face.scheduled(session.rate(int(choice)))
        except ConflictError as exc:
            face.problem(view, exc.key)
        except StorageError as exc:  # disk full, read-only: this answer was not saved
            face.problem(view, "study.not_saved", reason=(exc.key, exc.params))
            unsaved = True
            break
    try:
        face.summary(session.summary())
    except StorageError:
        if not unsaved:
            raise
    return 2 if unsaved or face.failed else 0


def _set_aside(session, face: Face, view) -> None:
    """Showing or grading this card failed (a bug): say so in one line with its answer, put it
    aside until tomorrow and go on. Nothing answered before is touched."""
    face.problem(view, "study.card_failed", answer=view.answer)
    session.skip()
