"""bench/templated.py: its sentence splitter, masking and templated share on tiny hand-made texts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "templated.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_templated", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


bench = _load()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Спасибо. Мы всё проверили! Почему? Вот так…",
            ["Спасибо.", "Мы всё проверили!", "Почему?", "Вот так…"],
        ),
        # «г.» closes a sentence before a capital, but not before a bracket
        (
            "Ответим до 5 мая 2026 г. Мы позвоним. Письмо от 3 мая 2026 г. (заказ № 5) получено.",
            [
                "Ответим до 5 мая 2026 г.",
                "Мы позвоним.",
                "Письмо от 3 мая 2026 г. (заказ № 5) получено.",
            ],
        ),
        # initials and abbreviations before a name or a number do not end a sentence
        (
            "Подписал А. С. Иванов. Ответ по ст. 22 закона, ул. Садовая, д. 5.",
            ["Подписал А. С. Иванов.", "Ответ по ст. 22 закона, ул. Садовая, д. 5."],
        ),
        (
            "Dr. Shaw called. See No. 17 of the contract. Mr. Brown agreed.",
            ["Dr. Shaw called.", "See No. 17 of the contract.", "Mr. Brown agreed."],
        ),
        # every line on its own; list numbers and bullets dropped; lower case does not start one
        (
            "What we did:\n1. We called you.\n- We sent it, i.e. the parcel.\n\n",
            ["What we did:", "We called you.", "We sent it, i.e. the parcel."],
        ),
        ("«Лампа» ответила. «Свет» — нет.", ["«Лампа» ответила.", "«Свет» — нет."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert bench.split_sentences(text) == expected


def test_mask_hides_numbers_and_dates_only() -> None:
    assert (
        bench.mask("До 25 ноября 2026 г. вернём 2 490,00 руб.") == "До # <month> # г. вернём # руб."
    )
    assert bench.mask("By 3 March we refund £4.90; call +44 20 7946 0958 tomorrow.") == (
        "By # <month> we refund £#; call +# <day>."
    )
    assert bench.mask("Позвоним в пятницу.") == bench.mask("Позвоним в среду.")
    assert bench.mask("We called Anna.") != bench.mask("We called Emma.")


def test_share_counts_sentences_in_three_letters_or_more() -> None:
    # "Thanks." (7 chars) is in letters 1-3, "Sorry." (6) in letters 1-2 only; dates differ but
    # "Done by 5 May." and "Done by 12 June." mask to one sentence, in letters 1, 2 and 4.
    bodies = [
        "Thanks. Sorry. Done by 5 May.",
        "Thanks. Sorry. Done by 12 June.",
        "Thanks. Apples are red.",
        "Pears. Done by 1 July.",
    ]
    share = bench.templated_share(bodies)
    body = 7 + 6 + 14 + 7 + 6 + 16 + 7 + 15 + 6 + 15
    templated = 7 * 3 + 14 + 16 + 15
    assert (share.body_chars, share.templated_chars) == (body, templated)
    assert share.share == pytest.approx(templated / body)
    assert share.repeated == {"Thanks.": 3, "Done by # <month>.": 3}


def test_share_counts_a_letter_once_per_sentence() -> None:
    # A sentence said three times in one letter is in one letter, not three.
    share = bench.templated_share(["Hi. Hi. Hi.", "Bye.", "Other."])
    assert share.templated_chars == 0
    assert share.repeated == {}
    assert bench.templated_share([]).share == 0.0


class _Letter:
    def __init__(self, text: str, parts: dict[str, str]) -> None:
        self.text = text
        self.parts = parts


def test_body_leaves_out_requisites_and_sign_off() -> None:
    parts = {
        "sender": "Lamp Ltd\n5 Garden Street",
        "greeting": "Dear Anna,",
        "actions": "We sent it.",
        "closing": "Have a good day!\nKind regards,\nEmma Clarke\nHead of Care",
        "signature": "Yours sincerely,\nEmma Clarke",
    }
    assert bench.body_of(_Letter("whole", parts)) == (
        "Dear Anna,\nWe sent it.\nHave a good day!",
        "parts",
    )
    assert bench.body_of(_Letter("whole", {})) == ("whole", "text")


def test_answer_sets_drop_unknown_fields_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pb.yaml").write_text("ru:\n  - {a: 1, later: 2}\n  - {a: 3}\n", encoding="utf-8")
    monkeypatch.setattr(bench, "ANSWERS", tmp_path)
    sets, notes = bench.load_answer_sets("pb", ["a"])
    assert sets == {"ru": [{"a": 1}, {"a": 3}]}
    assert len(notes) == 1 and "ru set 1" in notes[0] and "later" in notes[0]


def test_bad_answers_file_is_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "complaint.yaml").write_text("- just a list\n", encoding="utf-8")
    monkeypatch.setattr(bench, "ANSWERS", tmp_path)
    assert bench.main(["--playbook", "complaint"]) == 3
    assert "expected a mapping of language" in capsys.readouterr().err
