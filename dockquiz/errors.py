"""Domain errors. Library code raises these; only the CLI turns them into messages.

Each error carries a catalogue key and its parameters so the CLI can say it in the
user's language (see dockquiz.i18n).
"""

from __future__ import annotations


class DockquizError(Exception):
    """Base class: a user-facing problem (exit code 2), never a bug."""

    exit_code = 2

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params

    def __str__(self) -> str:  # English fallback for logs and tests
        from dockquiz.i18n import translate

        return translate(self.key, "en", **self.params)


class NotesError(DockquizError):
    """The notes file cannot be read (missing, directory, binary, undecodable)."""


class StorageError(DockquizError):
    """The database cannot be opened or is not a dockquiz database."""


class UnknownDeck(DockquizError):
    """A deck name that is not in the database."""


class UnknownCard(DockquizError):
    """A card id that is not in the database."""


class UnknownVariant(DockquizError):
    """An accepted variant a card does not hold (``card ID --remove-variant``)."""


class ConflictError(DockquizError):
    """The card changed (another session answered it) since it was shown."""


class NotYours(DockquizError):
    """Another database user's profile: its progress is theirs to change."""


class UsageError(DockquizError):
    """A bad value for an option or environment variable."""
