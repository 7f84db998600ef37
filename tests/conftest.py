"""Shared fixtures: an isolated user folder per test, the repository paths, the shared data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_REVIEWS = REPO.parent / "shared" / "data" / "reviews"
GOLDEN = REPO / "tests" / "golden"
GOLDEN_DAY_EPOCH = 1795165200  # 2026-11-20 09:00 UTC, a Friday: the golden letters' reply day

try:  # a CI profile keeps property tests inside CI's time budget
    from hypothesis import settings

    settings.register_profile("ci", max_examples=60, deadline=None)
    settings.register_profile("dev", max_examples=30, deadline=None)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
except ImportError:  # pragma: no cover
    pass


@pytest.fixture(autouse=True)
def isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets an empty config folder and no REPLYKIT_HOME from the machine."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("REPLYKIT_HOME", raising=False)
    monkeypatch.delenv("REPLYKIT_DEBUG", raising=False)
    # Letters count "tomorrow" and "on Friday" from the reply date: pin the clock to the
    # golden letters' day so they read the same on any day the suite runs.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(GOLDEN_DAY_EPOCH))
    return home


@pytest.fixture
def shared_reviews() -> Path:
    """The real reviews in ../shared (skips cleanly in a user's clone, which has none)."""
    if not SHARED_REVIEWS.is_dir():
        pytest.skip("../shared/data/reviews is not beside this checkout")
    return SHARED_REVIEWS
