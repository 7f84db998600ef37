"""Both languages of a playbook are proved on the same branches, and the words files stay apart.

Each branch of a playbook is written once (``templates/<playbook>/steps.j2``), but every
language has its own sentences for it, so each choice value needs a golden letter in every
language, not only in one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment, nodes

from replykit.playbook import Field, Playbook, iter_fields
from replykit.playbook.search import SearchPath

from .conftest import GOLDEN, REPO
from .test_golden import CASES, case_target, load_answers

SEARCH = SearchPath.default()
PLAYBOOKS = [SEARCH.load(playbook_id) for playbook_id in SEARCH.available_ids()]


def _values(fld: Field, answers: list[Any]) -> set[str]:
    """The values of ``fld`` (a top-level or a record's field) found in some answer sets."""
    found: set[str] = set()
    for given in answers:
        if isinstance(given, list):
            found |= {str(v) for v in given}
        elif given is None:
            continue
        else:
            found.add(str(given))
    return found


def exercised(playbook: Playbook, lang: str) -> dict[str, set[str]]:
    """Per choice field, the values the golden cases of ``lang`` answer (defaults included)."""
    cases = [load_answers(c) for c in CASES if case_target(c)[:2] == (playbook.id, lang)]
    result: dict[str, set[str]] = {}
    for fld in playbook.fields:
        records = [fld] if not fld.is_record_list else []
        for item in fld.item_fields:
            if item.choices:
                rows = [row for case in cases for row in case.get(fld.name) or []]
                given = [row.get(item.name, item.default) for row in rows]
                result[f"{fld.name}.{item.name}"] = _values(item, given)
        for top in records:
            if top.choices:
                given = [case.get(top.name, top.default) for case in cases]
                result[top.name] = _values(top, given)
    return result


@pytest.mark.parametrize("playbook", PLAYBOOKS, ids=[pb.id for pb in PLAYBOOKS])
def test_every_language_has_golden_letters_for_the_same_choice_values(
    playbook: Playbook,
) -> None:
    per_lang = {lang: exercised(playbook, lang) for lang in playbook.languages}
    first, *others = playbook.languages
    gaps = []
    for lang in others:
        for name in per_lang[first]:
            only_first = sorted(per_lang[first][name] - per_lang[lang][name])
            only_other = sorted(per_lang[lang][name] - per_lang[first][name])
            gaps += [f"{name}={v} has a golden letter in {first} only" for v in only_first]
            gaps += [f"{name}={v} has a golden letter in {lang} only" for v in only_other]
    assert not gaps, f"{playbook.id}: " + "; ".join(gaps)


def test_the_parity_check_sees_a_value_missing_in_one_language() -> None:
    complaint = next(pb for pb in PLAYBOOKS if pb.id == "complaint")
    fault = next(f for f in complaint.fields if f.name == "fault")
    assert exercised(complaint, "ru")["fault"] <= set(fault.choice_values())
    assert {"us", "staff"} <= exercised(complaint, "en")["fault"]
    assert "fault" in exercised(complaint, "ru")


WORDS = sorted((REPO / "templates").glob("*/words.*.j2"))


@pytest.mark.parametrize("words", WORDS, ids=[f"{w.parent.name}/{w.name}" for w in WORDS])
def test_no_sentence_macro_hides_a_field_of_the_same_name(words: Path) -> None:
    """Inside a words file a macro's name wins over the answer: ``findings`` would print the
    macro, not the answer, so no macro may be named like a field of its playbook."""
    playbook = SEARCH.load(words.parent.name)
    tree = Environment().parse(words.read_text(encoding="utf-8"))
    macros = {m.name for m in tree.find_all(nodes.Macro)}
    fields = {f.name for f in iter_fields(playbook.fields)}
    assert not macros & fields, f"{words.name}: rename {sorted(macros & fields)}"


def test_every_playbook_has_golden_cases() -> None:
    assert {pb.id for pb in PLAYBOOKS} <= {p.name for p in GOLDEN.iterdir() if p.is_dir()}
