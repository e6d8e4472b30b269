"""The ``dockquiz`` script and ``python -m dockquiz``: ``--version`` is answered before the
command line's machinery (argparse, the catalogue, the saved language) is loaded."""

from __future__ import annotations

import sys


def entry() -> None:
    if sys.argv[1:] == ["--version"]:
        from dockquiz import __version__

        sys.stdout.write(f"dockquiz {__version__}\n")
        return
    from dockquiz.cli import entry as run

    run()
