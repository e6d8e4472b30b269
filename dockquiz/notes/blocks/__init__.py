"""The block readers, in the order the document walk tries them (as markdown-it keeps its
block rules): each takes ``(reader, node, context, following sibling)`` and returns the
context for the blocks after it, or ``PASS`` when the block is not its kind."""

from dockquiz.notes.blocks import code, lists, paragraph, table

BLOCK_READERS = (lists.read, code.read, paragraph.read, table.read)
