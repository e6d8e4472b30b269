"""Words the faces share: how a card, a verdict and a due time read (through the catalogue)."""

from __future__ import annotations

import math
from datetime import datetime

from dockquiz.i18n import T


def when(t: T, due: datetime, now: datetime) -> str:
    seconds = (due - now).total_seconds()
    if seconds <= 0:
        return t("study.when.now")
    if math.ceil(seconds) < 60:  # a countdown's last seconds: never "now" before it is
        return t("study.when.seconds", n=math.ceil(seconds))
    if seconds < 3600:
        return t("study.when.minutes", n=max(1, round(seconds / 60)))
    if seconds < 86400:
        return t("study.when.hours", n=round(seconds / 3600))
    return t("study.when.days", n=round(seconds / 86400))


def span(t: T, seconds: float) -> str:
    """A length of time as a learner reads it: ``10 min``, ``3 h``, ``12 days``."""
    if seconds < 3600:
        return t("span.minutes", n=max(1, round(seconds / 60)))
    if seconds < 86400:
        return t("span.hours", n=round(seconds / 3600))
    return t("span.days", n=round(seconds / 86400))


def header(t: T, view) -> str:
    """The card's deck, its place in the session and what is left: of every deck when the
    session studies several (the deck named is this card's, not the counts')."""
    c = view.counts
    key = "study.header_all" if view.all_decks else "study.header"
    return t(key, deck=view.deck, new=c["new"], learning=c["learning"], review=c["review"], position=view.position)


def breadcrumb(t: T, view) -> str:
    """The notes' section path, without its last heading when the prompt already says it."""
    prompt = t.prompt(view.prompt["ja"], view.prompt["en"], builtin=view.builtin)
    section = view.section[:-1] if view.section and view.section[-1] in prompt else view.section
    return " › ".join(section)


def prompt_lines(t: T, view) -> list[str]:
    """The prompt first, then what helps answer it (command, values, placeholders, choices)."""
    lines = [t.prompt(view.prompt["ja"], view.prompt["en"], builtin=view.builtin) or t("study.no_prompt")]
    if view.kind in ("option",) and view.command:
        lines.append(t("study.option_of", command=view.command))
    if view.kind == "meaning" and view.command:
        lines.append(t("study.meaning_of", command=view.command))
    if view.values:
        lines.append(t("study.values", items="  ".join(map(readable_value, view.values))))
    if view.placeholders:
        items = [f"{p}（{view.hints[p]}）" if view.hints.get(p) else p for p in view.placeholders]
        lines.append(t("study.placeholders", items=" ".join(items)))
    if view.choices:
        lines.extend(f"  {i}. {c}" for i, c in enumerate(choices_shown(t, view), 1))
    return lines


def readable_value(value: str) -> str:
    """A value as it must be typed, quoted where it would not read as one on its own line
    (``"."``, ``"first commit"``)."""
    if not value or any(ch.isspace() for ch in value) or not any(ch.isalnum() for ch in value):
        return '"' + value.replace('"', '\\"') + '"'
    return value


def choices_shown(t: T, view) -> list[str]:
    """A meaning card's choices as the screen shows them in this language."""
    if t.lang == "en" and view.choices_en:
        return list(view.choices_en)
    if t.lang == "both" and view.choices_en:
        return [ja if ja == en else f"{ja} / {en}" for ja, en in zip(view.choices, view.choices_en)]
    return list(view.choices or [])


def differences_shown(t: T, view, differences) -> tuple:
    """A meaning card's differences quote the choices as the screen showed them."""
    if view.kind != "meaning" or not view.choices:
        return tuple(differences)
    from dataclasses import replace

    shown = dict(zip(view.choices, choices_shown(t, view)))
    return tuple(replace(d, expected=shown.get(d.expected, d.expected), typed=shown.get(d.typed, d.typed)) for d in differences)


def answer_shown(t: T, view) -> str:
    """The answer as the learner saw it offered: a meaning card's right choice in the words
    of the screen (the English choice on an English screen), any other card's command."""
    if view.kind == "meaning" and view.choices and view.answer in view.choices:
        return choices_shown(t, view)[view.choices.index(view.answer)]
    return view.answer


def problem_line(t: T, key: str, params: dict) -> str:
    """A catalogue line whose parameters may themselves be catalogue lines ((key, params))."""
    return t(key, **{name: t(value[0], **value[1]) if isinstance(value, tuple) else value for name, value in params.items()})


def no_close_line(t: T, answered) -> str | None:
    """One line saying why ``c`` (close enough) is not offered for this answer, and which
    keys are; None when it is offered."""
    refusal = answered.close_enough_refusal
    if refusal is None:
        return None
    reason, params = refusal
    return t("study.no_close", reason=t("study.no_close_reason." + reason, **params))


def verdict_note(t: T, view, verdict) -> str | None:
    """A word more where the verdict alone would mislead (text typed on a choice card)."""
    if view.kind == "meaning" and verdict.verdict == "invalid":
        return t("study.choose_number", n=len(view.choices or []))
    return None


def hint_note(t: T, answered) -> str | None:
    """Why the suggested rating is below the verdict's: the hints showed part or all of it."""
    if not answered.hinted or answered.rating >= answered.verdict.rating:
        return None
    return t("study.hint_capped_again" if answered.rating <= 1 else "study.hint_capped_hard")
