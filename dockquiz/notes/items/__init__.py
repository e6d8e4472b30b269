"""The list item rules, in order (as markdown-it keeps its block rules). Each reads one list
item's first line (an :class:`~dockquiz.notes.model.Item`) in its context,
``rule(reader, item, context)``, and either makes its cards, returning the context for the
item's children (None: the item's own), or returns ``PASS``; the first that does not pass
wins. Each has its own case in ``tests/test_notes.py``."""

from dockquiz.notes.items.command_bullet import command_bullet
from dockquiz.notes.items.compose_key import compose_key
from dockquiz.notes.items.flag_bullet import flag_bullet
from dockquiz.notes.items.instruction_definition import instruction_definition
from dockquiz.notes.items.instruction_line import instruction_line
from dockquiz.notes.items.labelled_command import labelled_command
from dockquiz.notes.items.line_commands import line_commands
from dockquiz.notes.items.placeholder_hint import placeholder_hint
from dockquiz.notes.items.subcommand_bullet import subcommand_bullet

ITEM_RULES = (
    flag_bullet,
    placeholder_hint,
    command_bullet,
    instruction_definition,
    instruction_line,
    labelled_command,
    compose_key,
    subcommand_bullet,
    line_commands,
)
