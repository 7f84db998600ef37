"""Built-in playbooks read the same with libyaml and with PyYAML's pure-Python loader.

replykit falls back to the pure-Python loader where libyaml is missing; the two disagree on
some flow-mapping edge cases (``{ru: Кто?, en: …}``), so every built-in must parse in both.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from .conftest import REPO

PLAYBOOKS = sorted((REPO / "playbooks").glob("*.yaml"))


@pytest.mark.parametrize("path", PLAYBOOKS, ids=[p.stem for p in PLAYBOOKS])
def test_pure_python_and_c_loaders_agree(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    pure = yaml.load(text, Loader=yaml.SafeLoader)
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("libyaml is not available here")
    assert pure == yaml.load(text, Loader=yaml.CSafeLoader)
