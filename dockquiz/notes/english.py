"""English prompts for cards whose answer the grammar knows (our own descriptions)."""

from __future__ import annotations

from dockquiz.cards import CardDraft
from dockquiz.grading.grammar import grammar
from dockquiz.notes import text as tx


def _command_scope(words: list[str]):
    g = grammar()
    for n in range(min(len(words), 4), 0, -1):
        scope = g.command(tuple(words[:n]))
        if scope is not None:
            return scope
    return None


def english_prompt(draft: CardDraft) -> str:
    g = grammar()
    if draft.kind == "command":
        scope = _command_scope(draft.answer.split())
        return scope.en if scope else ""
    if draft.kind in ("option", "meaning"):
        scope = g.command(tuple((draft.command or "").split()))
        flag = tx.flag_name(draft.hints.get("flag", draft.answer))
        opt = scope.options.get(flag) if scope else None
        if draft.kind == "option":
            return opt.en if opt else ""
        return flag
    if draft.kind == "dockerfile":
        word = draft.answer.split(" ", 1)[0]
        info = g.instructions.get(word)
        return info["en"] if info else ""
    if draft.kind == "compose":
        info = g.compose_keys.get(draft.answer)
        return info["en"] if info else ""
    if draft.kind == "example":
        scope = _command_scope(draft.answer.split())
        return f"Example: {scope.en.lower()}" if scope else ""
    return ""
