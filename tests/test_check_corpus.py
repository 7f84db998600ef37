"""``check`` against a labelled corpus: precision and recall per rule, and the golden letters.

A corpus file, ``tests/fixtures/check/corpus/<name>.yaml``, is one reply (``text``) with the
``playbook``, ``lang`` and ``channel`` to check it against (null: none, guessed, not given) and
``expect``: the rule ids check must find in it, no more. A comment on line 1 says what it tests.
Every rule has replies that should trip it and near misses that should not.

Thresholds, per the issue «check that an editor would trust»:
* recall 1.0 for every rule: an expected finding that is missing fails the test;
* no unexpected error-level finding, in the corpus or in any golden letter;
* precision at least ``MIN_PRECISION`` over all rules (an unexpected warning or info is
  counted against it, not failed on its own).
Run with ``-s`` to see the table.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from replykit.check import RULES, Reply, check_letter, check_reply, rules
from replykit.check import signs as S
from replykit.check.reply import decode_reply
from replykit.composer import Composer
from replykit.playbook.search import SearchPath

from .conftest import GOLDEN, REPO

CORPUS = REPO / "tests" / "fixtures" / "check" / "corpus"
FILES = sorted(CORPUS.glob("*.yaml"))
GOLDEN_LETTERS = sorted(GOLDEN.glob("*/*.txt"))
SEARCH = SearchPath.default()
MIN_CASES = 80
MIN_PRECISION = 0.95


@dataclass(frozen=True)
class Outcome:
    """What check found in one corpus reply, against what it should find."""

    name: str
    expected: frozenset[str]
    found: frozenset[str]
    errors: frozenset[str]
    report: Any


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and set(data) == {"playbook", "lang", "channel", "expect", "text"}
    assert set(data["expect"]) <= set(RULES), f"{path.name}: unknown rule in expect"
    return data


def run(path: Path) -> Outcome:
    data = load(path)
    playbook = SEARCH.load(data["playbook"]) if data["playbook"] else None
    report = check_reply(
        Reply(text=data["text"]), playbook, lang=data["lang"], channel=data["channel"]
    )
    found = frozenset(f.rule for f in report.findings)
    errors = frozenset(f.rule for f in report.findings if f.severity == "error")
    return Outcome(path.stem, frozenset(data["expect"]), found, errors, report)


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    return [run(path) for path in FILES]


def table(outcomes: list[Outcome]) -> tuple[str, float, float]:
    """Per-rule true/false positives and misses, precision and recall, as text; and overall."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for o in outcomes:
        for rule_id in o.found & o.expected:
            tp[rule_id] += 1
        for rule_id in o.found - o.expected:
            fp[rule_id] += 1
        for rule_id in o.expected - o.found:
            fn[rule_id] += 1
    rows = [f"{'rule':<24}{'sev':<9}{'tp':>4}{'fp':>4}{'fn':>4}{'precision':>11}{'recall':>8}"]
    for rule_id, severity in RULES.items():
        t, f, n = tp[rule_id], fp[rule_id], fn[rule_id]
        precision = t / (t + f) if t + f else 1.0
        recall = t / (t + n) if t + n else 1.0
        rows.append(f"{rule_id:<24}{severity:<9}{t:>4}{f:>4}{n:>4}{precision:>11.2f}{recall:>8.2f}")
    total_tp, total_fp, total_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    precision = total_tp / (total_tp + total_fp) if total_tp + total_fp else 1.0
    recall = total_tp / (total_tp + total_fn) if total_tp + total_fn else 1.0
    rows.append(
        f"{'overall':<24}{'':<9}{total_tp:>4}{total_fp:>4}{total_fn:>4}"
        f"{precision:>11.2f}{recall:>8.2f}   ({len(outcomes)} replies)"
    )
    return "\n".join(rows), precision, recall


def test_the_corpus_is_big_enough_and_covers_every_rule_both_ways() -> None:
    assert len(FILES) >= MIN_CASES
    data = [load(path) for path in FILES]
    assert {d["lang"] or ("ru" if re.search("[а-я]", d["text"]) else "en") for d in data} == {
        "ru",
        "en",
    }
    for rule_id in RULES:
        positives = [d for d in data if rule_id in d["expect"]]
        assert positives, f"no reply in the corpus should trip {rule_id}"
    # A near miss for every rule: a reply labelled clean whose text is close to tripping it.
    near_misses = [path for path, d in zip(FILES, data, strict=True) if not d["expect"]]
    assert len(near_misses) >= 30


def test_every_expected_finding_is_found_and_no_error_is_unexpected(
    outcomes: list[Outcome],
) -> None:
    text, precision, recall = table(outcomes)
    print(f"\ncheck corpus, precision >= {MIN_PRECISION}, recall == 1.0:\n{text}")
    missing = {o.name: sorted(o.expected - o.found) for o in outcomes if o.expected - o.found}
    unexpected_errors = {
        o.name: sorted(o.errors - o.expected) for o in outcomes if o.errors - o.expected
    }
    assert missing == {}, text
    assert unexpected_errors == {}, text
    assert recall == 1.0
    assert precision >= MIN_PRECISION, text


@pytest.mark.parametrize(
    "letter", GOLDEN_LETTERS, ids=[f"{c.parent.name}/{c.stem}" for c in GOLDEN_LETTERS]
)
def test_no_golden_letter_trips_an_error_with_or_without_its_channel(letter: Path) -> None:
    lang, channel, _branch = letter.stem.split("-", 2)
    playbook = SEARCH.load(letter.parent.name)
    for given in (channel, None):
        report = check_reply(letter.read_text(encoding="utf-8"), playbook, lang=lang, channel=given)
        assert [f for f in report.findings if f.severity == "error"] == [], given


GOLDEN_ANSWERS = sorted(GOLDEN.glob("*/*.yaml"))


@pytest.mark.parametrize(
    "answers", GOLDEN_ANSWERS, ids=[f"{c.parent.name}/{c.stem}" for c in GOLDEN_ANSWERS]
)
def test_no_golden_draft_trips_an_error_when_its_steps_and_answers_are_known(
    answers: Path,
) -> None:
    lang, channel, _branch = answers.stem.split("-", 2)
    composer = Composer.open(answers.parent.name, None)
    given = yaml.safe_load(answers.read_text(encoding="utf-8"))
    letter = composer.render(composer.resolve(given, lang, channel=channel), lang, channel)
    report = check_letter(letter, composer.playbook)
    assert [f for f in report.findings if f.severity == "error"] == []


def test_english_replies_get_english_advice_and_russian_ones_russian(
    outcomes: list[Outcome],
) -> None:
    for o in outcomes:
        for finding in o.report.findings:
            text = finding.message + finding.suggestion
            if o.report.lang == "en":
                assert not re.search("[А-Яа-яЁё]", text), (o.name, finding)
            else:
                assert re.search("[А-Яа-яЁё]", finding.suggestion), (o.name, finding)


def test_findings_name_steps_in_words_not_ids(outcomes: list[Outcome]) -> None:
    step_ids = {
        s.id for pid in SEARCH.available_ids() for s in SEARCH.load(pid).steps if "_" in s.id
    }
    for o in outcomes:
        for finding in o.report.findings:
            if finding.rule == "missing-step":
                assert not any(step_id in finding.message for step_id in step_ids), finding


# --- the registry ---------------------------------------------------------------------------


def test_the_rules_docstring_lists_every_registered_rule_with_its_severity() -> None:
    doc = rules.__doc__ or ""
    listed = dict(re.findall(r"^([a-z-]+)\s+(error|warning|info)\s", doc, flags=re.MULTILINE))
    assert listed == RULES


def test_every_required_step_of_every_playbook_has_a_pattern_in_each_language() -> None:
    for playbook_id in SEARCH.available_ids():
        playbook = SEARCH.load(playbook_id)
        for step_id in playbook.rules.require:
            for lang in playbook.languages:
                own = S.STEP_PATTERNS.get(f"{playbook_id}:{step_id}", {})
                assert own.get(lang) or S.STEP_PATTERNS.get(step_id, {}).get(lang), (
                    playbook_id,
                    step_id,
                    lang,
                )
                assert lang in S.STEP_NAMES.get(step_id, {}), (step_id, lang)


def test_a_rule_id_registered_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        rules.rule("placeholder", rules.ERROR)(lambda view: ())


# --- real replies, for sanity only ----------------------------------------------------------


def test_check_does_not_crash_on_real_reviews(shared_reviews: Path) -> None:
    complaint = SEARCH.load("complaint")
    count = 0
    for path in sorted(shared_reviews.glob("*.csv")):
        # Some of the files are cp1251 or carry a BOM, as exports from Excel do: read them the
        # way `replykit check` reads a reply file.
        decoded, _ = decode_reply(path.read_bytes(), str(path))
        dialect = csv.Sniffer().sniff(decoded[:4096], delimiters=",;\t")
        for row in csv.DictReader(io.StringIO(decoded, newline=""), dialect=dialect):
            for text in row.values():
                if isinstance(text, str) and len(text) > 40:
                    check_reply(text, complaint, channel="public")
                    count += 1
    assert count > 0
