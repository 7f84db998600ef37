"""Triage: precision and recall per flag over hand-labelled messages, and counts on real reviews."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from replykit.check import guess_language
from replykit.cli import app
from replykit.triage import FLAGS, triage_text

FIXTURES = Path(__file__).parent / "fixtures" / "triage"


def _labelled(*names: str) -> list[dict[str, object]]:
    items: list[dict[str, object]] = []
    for name in names:
        items += yaml.safe_load((FIXTURES / f"{name}.yaml").read_text(encoding="utf-8"))
    return items


def _scores(items: list[dict[str, object]]) -> tuple[dict[str, tuple[float, float]], float]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    right = 0
    for item in items:
        text = str(item["text"])
        result = triage_text(text, lang=guess_language(text))
        got, want = set(result.flags), set(item["flags"])  # type: ignore[call-overload]
        for flag in FLAGS:
            tp[flag] += flag in got and flag in want
            fp[flag] += flag in got and flag not in want
            fn[flag] += flag in want and flag not in got
        right += result.playbook == item["playbook"]
    scores = {}
    for flag in FLAGS:
        found = tp[flag] + fp[flag]
        actual = tp[flag] + fn[flag]
        scores[flag] = (tp[flag] / found if found else 1.0, tp[flag] / actual if actual else 1.0)
    return scores, right / len(items)


def _report(title: str, scores: dict[str, tuple[float, float]], accuracy: float) -> None:
    print(f"\n{title}: playbook accuracy {accuracy:.0%}")
    for flag, (precision, recall) in scores.items():
        print(f"  {flag:<16} precision {precision:.0%}  recall {recall:.0%}")


def test_the_labelled_sample_is_large_enough_and_in_both_languages() -> None:
    items = _labelled("messages-ru", "messages-en", "holdout")
    assert len(items) >= 60
    langs = Counter(guess_language(str(i["text"])) for i in items)
    assert langs["ru"] >= 30 and langs["en"] >= 30
    assert all(set(i["flags"]) <= set(FLAGS) for i in items)  # type: ignore[call-overload]


def test_tuning_sample_scores() -> None:
    """The sample the rules were tuned on: near perfect by construction; a regression guard."""
    scores, accuracy = _scores(_labelled("messages-ru", "messages-en"))
    _report("tuning sample (64)", scores, accuracy)
    assert accuracy >= 0.95
    for flag, (precision, recall) in scores.items():
        assert precision >= 0.9 and recall >= 0.9, flag


def test_holdout_scores() -> None:
    """Messages written after the rules froze: the honest figures, with floors a regression breaks."""
    scores, accuracy = _scores(_labelled("holdout"))
    _report("holdout (24)", scores, accuracy)
    assert accuracy >= 0.75
    precisions = [p for p, _r in scores.values()]
    recalls = [r for _p, r in scores.values()]
    assert sum(precisions) / len(precisions) >= 0.75
    assert sum(recalls) / len(recalls) >= 0.55


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Подам в суд, если не ответите.", "legal_threat"),
        ("Судя по всему, заказ потерялся.", None),  # «судя» is not «суд»
        ("Посуда пришла разбитой.", None),
        ("Сотрудник обозвал меня дебилом.", None),  # an insult reported, not thrown
        ("Вы дебилы.", "insult"),
        ("I'll see you in court.", "legal_threat"),
    ],
)
def test_stems_match_word_forms_not_substrings(text: str, flag: str | None) -> None:
    result = triage_text(text, lang=guess_language(text))
    if flag is None:
        assert not {"legal_threat", "insult"} & set(result.flags)
    else:
        assert flag in result.flags


def test_triage_command_names_playbook_and_flags(tmp_path: Path) -> None:
    message = tmp_path / "claim.txt"
    message.write_text(
        "Претензия. Требую вернуть деньги за телевизор в течение 10 дней, иначе обращусь в суд.",
        encoding="cp1251",
    )
    result = CliRunner().invoke(app, ["triage", str(message), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["playbook"] == "claim-reply"
    assert {"legal_threat", "refund_demand", "deadline"} <= set(data["flags"])
    assert data["lang"] == "ru"
    text = CliRunner().invoke(app, ["triage", str(message)])
    assert "playbook: claim-reply" in text.stdout
    assert "10 days" in text.stdout


def test_triage_of_an_empty_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"\n\n")
    result = CliRunner().invoke(app, ["triage", str(empty)])
    assert result.exit_code == 3
    assert "the message is empty" in result.stderr


def test_real_reviews_counts(shared_reviews: Path) -> None:
    """How many real reviews each flag and playbook catches (printed; read with -s)."""
    for name in ("reviews_ru.csv", "reviews_en.csv"):
        with (shared_reviews / name).open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        flags: Counter[str] = Counter()
        playbooks: Counter[str] = Counter()
        for row in rows:
            result = triage_text(row["text"], lang=guess_language(row["text"]))
            flags.update(result.flags)
            playbooks[result.playbook] += 1
        print(f"\n{name}: {len(rows)} reviews; flags {dict(flags)}; playbooks {dict(playbooks)}")
        assert sum(playbooks.values()) == len(rows)
        assert flags, "no flag on any real review: the rules match nothing"
