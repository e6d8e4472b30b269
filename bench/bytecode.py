"""Benches time dockquiz as a learner runs it: from the bytecode `pip install .` compiles."""

from __future__ import annotations

import subprocess
import sys


def compile_bytecode(env: dict) -> None:
    """The dependencies run from the bytecode pip compiled when it installed them; a source
    checkout (editable install, PYTHONDONTWRITEBYTECODE) would make dockquiz compile its own
    modules and migrations on every run. Compile them once, as ``pip install .`` does."""
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import compileall, dockquiz.resources as r; "
            "compileall.compile_dir(r._PKG, quiet=1); "
            "compileall.compile_dir(r.migrations_dir(), quiet=1)",
        ],
        check=True,
        env=env,
    )
