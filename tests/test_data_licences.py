"""Every shipped data folder says where its data comes from and under which licence."""

from __future__ import annotations

import re
from pathlib import Path

import lanner

DATA = Path(lanner.__file__).parent / "data"


def test_every_data_folder_names_its_licence():
    folders = [p for p in DATA.iterdir() if p.is_dir()]
    assert len(folders) >= 10
    for folder in folders:
        sources = folder / "SOURCES.md"
        assert sources.exists(), f"{folder.name} has no SOURCES.md"
        assert re.search(r"^Licen[cs]e: \S", sources.read_text(encoding="utf-8"), re.M), folder.name


def test_notice_lists_every_data_folder():
    notice = (DATA.parents[1] / "NOTICE").read_text(encoding="utf-8")
    for folder in DATA.iterdir():
        if folder.is_dir():
            assert f"lanner/data/{folder.name}/" in notice, folder.name
