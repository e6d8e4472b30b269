"""The cyclic garbage collector around work that only builds objects (stdlib only: the CLI
uses it before any heavy import)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic GC, then restore the caller's setting. Start-up imports (SQLAlchemy,
    Alembic, markdown-it…) and a large import's parse and merge build hundreds of thousands of
    objects that live until the work ends; the collector would rescan them again and again
    with nothing to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
