"""The README's worked example is real output: regenerate it and compare (run
`python scripts/update_readme.py` after changing what the pipeline finds)."""

from __future__ import annotations

import importlib.util

from tests.conftest import REPO


def test_readme_example_is_current():
    spec = importlib.util.spec_from_file_location("update_readme", REPO / "scripts" / "update_readme.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert mod.render_readme(readme) == readme, "README example is stale: run python scripts/update_readme.py"


def test_readme_names_the_two_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (REPO / ".ci" / "run").read_text()
