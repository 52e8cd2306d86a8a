"""Run the real CLI in-process (models stay loaded between calls) and capture its output."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pytest

from lanner.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    old = sys.argv
    sys.argv = ["lanner", *args]
    code = 0
    try:
        main()
    except SystemExit as e:
        code = int(e.code or 0)
    finally:
        sys.argv = old
    cap = capsys.readouterr()
    return Result(code, cap.out, cap.err)
