"""Cards as the commands show them (``cards``, ``card ID``) and their status (``suspend``).
Library code: takes a database, returns plain values, prints nothing.

``one`` reads Core tables only (no ORM to load: a script reading many cards one by one pays
for each start); the listing and the status change use the ORM, loaded when called."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from dockquiz.errors import UnknownCard
from dockquiz.scheduling.states import card_state
from dockquiz.storage import tables as tb
from dockquiz.storage.profiles import profile_id


def state_name(card, state) -> str:
    """One of ``vocabulary.CARD_STATES`` for a card row and its state row (or None)."""
    return card_state(card.status, state.state if state is not None else None)


def card_dict(card, state, deck: str | None = None) -> dict:
    return {
        "id": card.id,
        "deck": deck if deck is not None else card.deck.name,
        "kind": card.kind,
        "section": card.section,
        "prompt": {"ja": card.prompt_ja, "en": card.prompt_en},
        "answer": card.answer,
        "command": card.command,
        "source_line": card.source_line,
        "status": card.status,
        "state": state_name(card, state),
        "due": state.due.isoformat() if state else None,
        "reps": state.reps if state else 0,
        "lapses": state.lapses if state else 0,
    }


def listing(
    db,
    now: datetime,
    *,
    deck: str | None = None,
    state: str | None = None,
    due: bool = False,
    leeches: bool = False,
    search: str | None = None,
    profile: str | None = None,
) -> list[dict]:
    """The cards (of one deck) with the profile's state, those matching every filter given:
    a state name, due now, leeches, text in a prompt or the answer (any case)."""
    from dockquiz.scheduling import LEECH_LAPSES
    from dockquiz.storage import repo

    with db.session() as s:
        found = repo.require_deck(s, deck) if deck else None
        prof = repo.readable_profile(s, profile)
        rows = repo.cards_with_state(s, prof.id if prof else None, found, include_retired=state == "retired")
        data = []
        for card, st in rows:
            item = card_dict(card, st)
            if state and item["state"] != state:
                continue
            if due and not (st is not None and st.due <= now and card.status == "active"):
                continue
            if leeches and not (st is not None and st.lapses >= LEECH_LAPSES):
                continue
            if search:
                needle = search.lower()
                hay = " ".join([card.prompt_ja, card.prompt_en, card.answer]).lower()
                if needle not in hay:
                    continue
            data.append(item)
    return data


def due_outlook(items: list[dict], now: datetime) -> tuple[dict | None, int]:
    """For ``cards --due`` with nothing due: of the cards ``items`` (``listing``'s dicts, the
    other filters applied), the one due next (scheduled, not suspended nor retired; earliest,
    then lowest id) and how many new cards wait to be learned."""
    scheduled = [i for i in items if i["state"] in ("learning", "review", "relearning") and i["due"]]
    first = min(scheduled, key=lambda i: (datetime.fromisoformat(i["due"]), i["id"]), default=None)
    return first, sum(1 for i in items if i["state"] == "new")


def one(db, card_id: int, profile: str | None = None) -> dict:
    """A card, the profile's state of it and the profile's answers to it (``history``: another
    learner's answers are theirs, even where this login may read them)."""
    c, d, cs, r = tb.card.c, tb.deck.c, tb.card_state.c, tb.review.c
    with db.connect() as conn:
        card = conn.execute(
            select(tb.card, d.name.label("deck_name"), d.source_path).join(tb.deck, d.id == c.deck_id).where(c.id == card_id)
        ).first()
        if card is None:
            raise UnknownCard("error.unknown_card", id=card_id)
        prof = profile_id(conn, profile)
        state = conn.execute(select(tb.card_state).where(cs.profile_id == prof, cs.card_id == card.id)).first() if prof else None
        reviews = (
            conn.execute(
                select(r.reviewed_at, r.typed, r.verdict, r.rating, r.duration_ms, r.state_after)
                .where(r.card_id == card.id, r.profile_id == prof)
                .order_by(r.reviewed_at)
            ).all()
            if prof
            else []
        )
        data = card_dict(card, state, deck=card.deck_name)
        data["variants"] = card.variants
        data["hints"] = card.hints
        data["source"] = f"{card.source_path}:{card.source_line}"
        data["history"] = [
            {
                "date": r.reviewed_at.isoformat(),
                "typed": r.typed,
                "verdict": r.verdict,
                "rating": r.rating,
                "duration_ms": r.duration_ms,
                "interval_days": _interval(r),
            }
            for r in reviews
        ]
    return data


def _interval(review) -> float | None:
    due = (review.state_after or {}).get("due")
    if not due:
        return None
    return (datetime.fromisoformat(due) - review.reviewed_at).total_seconds() / 86400


def set_status(db, card_ids: list[int], status: str, only_from: str, now: datetime) -> tuple[int, int]:
    """Give the cards ``status`` (those that had ``only_from``; a new version each), for
    everyone: the teacher's to do on a class database. Returns how many changed, and how
    many already had ``status``."""
    from dockquiz.storage import repo

    with db.session() as s:
        cards = [repo.require_card(s, i) for i in card_ids]
        repo.require_teacher(s)  # a class's card is suspended for everyone
        changed = already = 0
        for card in {c.id: c for c in cards}.values():
            if card.status == only_from:
                card.status = status
                card.version += 1
                card.updated_at = now
                changed += 1
            elif card.status == status:
                already += 1
    return changed, already


def remove_variant(db, card_id: int, form: str, shown=None) -> list[str]:
    """Take ``form`` out of the card's accepted variants ("close enough" forms), for everyone
    (the teacher's to do on a class database); the variants left. ``form`` is as stored or as
    ``shown(form, answer)`` shows it (the card's own placeholders). A form the card does not
    hold is UnknownVariant, naming the ones it does (as shown)."""
    from dockquiz.errors import UnknownVariant

    named_form = shown or (lambda form, answer: form)
    from dockquiz.storage import repo

    with db.session() as s:
        card = repo.require_card(s, card_id)
        repo.require_teacher(s)
        variants = list(card.variants or [])
        shown = [named_form(v, card.answer) for v in variants]  # as `card ID` shows them (or as stored)
        if form not in variants and form not in shown:
            if not variants:
                raise UnknownVariant("error.no_variants", id=card_id)
            raise UnknownVariant("error.unknown_variant", id=card_id, form=form, variants=", ".join(shown))
        card.variants = [v for v, name in zip(variants, shown) if form not in (v, name)]
        return [named_form(v, card.answer) for v in card.variants]
