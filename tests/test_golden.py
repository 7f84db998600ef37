"""Golden letters: every answer set under tests/golden renders to the letter beside it.

A case is ``tests/golden/<playbook>/<lang>-<channel>-<branch>.yaml`` (the answers) with
``<same name>.txt`` (the letter, reviewed as text). Regenerate after a deliberate wording
change with ``REPLYKIT_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and read the diff.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from replykit import compose
from replykit.playbook.search import SearchPath

from .conftest import GOLDEN

CASES = sorted(GOLDEN.glob("*/*.yaml"))
UPDATE = os.environ.get("REPLYKIT_UPDATE_GOLDEN") == "1"


def case_target(case: Path) -> tuple[str, str, str]:
    """(playbook, lang, channel) from ``<playbook>/<lang>-<channel>-<branch>.yaml``."""
    lang, channel, _branch = case.stem.split("-", 2)
    return case.parent.name, lang, channel


def load_answers(case: Path) -> dict[str, object]:
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    assert isinstance(data, dict), case
    return data


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.stem}" for c in CASES])
def test_golden_letter(case: Path) -> None:
    playbook, lang, channel = case_target(case)
    letter = compose(playbook, load_answers(case), lang=lang, channel=channel)
    expected_path = case.with_suffix(".txt")
    if UPDATE or not expected_path.exists():
        expected_path.write_text(letter.text, encoding="utf-8")
    assert letter.text == expected_path.read_text(encoding="utf-8")


LEAKS = [
    (r"\{\{|\}\}|\{%|%\}", "template syntax"),
    (r"\[[А-ЯA-Z][^\]]*\]", "a [Placeholder]"),
    (r"Уважаем\w* ,|Dear ,", "an empty salutation"),
    (r"  ", "two spaces in a row"),
    (r"[ \t]$", "a trailing space"),
    (r"\n\n\n", "a run of blank lines"),
    (r"\bNone\b|\bundefined\b", "an empty value"),
    (r"\.\.(?!\.)", "a doubled full stop"),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.stem}" for c in CASES])
def test_golden_letter_has_no_leaks(case: Path) -> None:
    text = case.with_suffix(".txt").read_text(encoding="utf-8")
    for pattern, what in LEAKS:
        match = re.search(pattern, text, re.MULTILINE)
        assert match is None, f"{case.name}: {what} at {match.start() if match else ''}"
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_every_playbook_language_and_channel_has_a_golden_letter() -> None:
    search = SearchPath.default()
    covered = {case_target(c) for c in CASES}
    missing = []
    for playbook_id in search.available_ids():
        pb = search.load(playbook_id)
        for lang in pb.languages:
            for channel in pb.channels:
                if (pb.id, lang, channel) not in covered:
                    missing.append(f"{pb.id}/{lang}-{channel}-*.yaml")
    assert not missing, "golden letters missing for: " + ", ".join(missing)


def test_every_choice_value_is_rendered_in_some_golden_letter() -> None:
    """Every branch: each value of each choice field appears in at least one golden case."""
    search = SearchPath.default()
    missing = []
    for playbook_id in search.available_ids():
        pb = search.load(playbook_id)
        answered: dict[str, set[str]] = {}
        for case in CASES:
            if case.parent.name != pb.id:
                continue
            for key, value in load_answers(case).items():
                values = value if isinstance(value, list) else [value]
                answered.setdefault(key, set()).update(str(v) for v in values)
        for fld in pb.fields:
            for choice in fld.choices:
                default_hit = fld.default == choice.value and fld.name not in answered
                if choice.value not in answered.get(fld.name, set()) and not default_hit:
                    missing.append(f"{pb.id}.{fld.name}={choice.value}")
    assert not missing, "no golden letter covers: " + ", ".join(missing)
