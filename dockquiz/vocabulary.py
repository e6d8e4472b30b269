"""The words every layer shares, said once: kinds of card, what a card can be, export formats.

Names only (no imports): the CLI's parser reads them before anything heavy loads.
"""

from __future__ import annotations

# the languages of the interface (``--lang``, ``config lang``): ``both`` speaks Japanese and
# shows prompts in both
LANGUAGES = ("ja", "en", "both")

# every kind of card the notes reader makes
CARD_KINDS = ("command", "option", "meaning", "example", "dockerfile", "compose")

# the kinds the grader compares in their own way (a meaning card's answer is a command line:
# graded as ``command``, as is any kind not listed); ``dockquiz grade --kind`` offers these
GRADED_KINDS = ("command", "example", "option", "dockerfile", "compose")

# a card's status (``card.status``): studied, put aside by the learner, gone from the notes
STATUSES = ("active", "suspended", "retired")

# what a card is for a learner (``cards --state``, ``stats``): its FSRS state's name
# (``scheduling.State``), or its status where it is not studied
CARD_STATES = ("new", "learning", "review", "relearning", "suspended", "retired")

# a card's FSRS memory state for one learner, field by field (``scheduling.SchedState``, the
# card_state table's columns, an export's "states", what ``check`` compares)
STATE_FIELDS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses")

# the verdicts that count as a correct answer (``Verdict.correct``; stats' "correct" counts)
CORRECT_VERDICTS = ("exact", "equivalent")

# ``dockquiz export`` formats (``--format``, else the file's extension)
EXPORT_FORMATS = ("apkg", "json", "csv")

# a profile's settings ``dockquiz config`` sets beside ``lang`` (dockquiz.settings parses them)
SETTINGS = ("new", "backups", "retention", "refit")
