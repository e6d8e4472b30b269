"""Shared helpers for tests: run the CLI in-process and capture its output."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def run_cli(capsys, *args: str) -> Result:
    from dockquiz.cli import main

    code = main(list(args))
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)
