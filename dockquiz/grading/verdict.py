"""The grader's answer: a verdict, structured differences and a suggested FSRS rating."""

from __future__ import annotations

from dataclasses import dataclass, field

from dockquiz.scheduling import Rating  # noqa: F401 - a verdict suggests one (re-exported for graders)
from dockquiz.vocabulary import CORRECT_VERDICTS

VERDICTS = ("exact", "equivalent", "typo", "partial", "wrong", "invalid", "empty")
DIFFERENCE_KINDS = ("missing", "extra", "wrong_value", "misplaced", "typo", "wrong_command", "invalid", "unknown_command")
# Kinds that tell the learner something without being a mistake of theirs.
NOTE_KINDS = frozenset({"unknown_command"})


@dataclass(frozen=True, slots=True)
class Difference:
    kind: str  # one of DIFFERENCE_KINDS
    part: str  # command | option | argument | instruction | key | value | line
    expected: str | None = None
    typed: str | None = None
    option: str | None = None  # canonical option name when the part is an option
    meaning: dict[str, str] | None = None  # {"en", "ja"}: what the option means
    # The flag an option typed in its other form turns the other way (--edit for --no-edit):
    # ``meaning`` is then that flag's words, which say the opposite of what this one does.
    turns_off: str | None = None

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "part": self.part,
            "expected": self.expected,
            "typed": self.typed,
            "option": self.option,
            "meaning": self.meaning,
            "turns_off": self.turns_off,
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    verdict: str
    kind: str
    expected: str
    typed: str
    differences: tuple[Difference, ...] = field(default_factory=tuple)

    @property
    def correct(self) -> bool:
        """True when the typed answer would do what the card asks."""
        return self.verdict in CORRECT_VERDICTS

    @property
    def rating(self) -> Rating:
        if self.correct:
            return Rating.GOOD
        if self.verdict == "typo":
            return Rating.HARD
        return Rating.AGAIN

    def to_dict(self) -> dict:
        return {
            "verdict": self.verdict,
            "correct": self.correct,
            "rating": self.rating.label,
            "kind": self.kind,
            "expected": self.expected,
            "typed": self.typed,
            "differences": [d.to_dict() for d in self.differences],
        }
