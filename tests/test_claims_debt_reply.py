"""debt-reply: the figures agree with each other, and the letter speaks as its debtor.

An acknowledgement above the claim, a "partial" one equal to the whole claim and a schedule
that does not add up to the acknowledged sum are answer errors (exit 3) naming the figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from replykit import compose
from replykit.errors import AnswerError

from .clihelp import run


def answers(**changes: Any) -> dict[str, Any]:
    """A debt of 1 000 acknowledged in part (600), paid in two instalments, with changes."""
    base: dict[str, Any] = {
        "position": "partial",
        "sender_org": "ООО «Лампа»",
        "incoming_date": "15.11.2026",
        "recipient_name": "Белая Наталья Олеговна",
        "claimed_amount": "1000",
        "acknowledged_amount": "600",
        "debt_basis": "договор № 5 от 10.01.2026",
        "repayment_plan": [
            {"date": "30.11.2026", "amount": "400"},
            {"date": "15.12.2026", "amount": "200"},
        ],
        "dispute_reasons": ["Счёт № 7 оплачен 01.10.2026."],
        "signer_name": "Соколова Мария Александровна",
        "signer_position": "генеральный директор",
    }
    return {**base, **changes}


BAD = [
    ("above the claim", {"acknowledged_amount": "1200"}, ["1,200.00", "1,000.00", "more than"]),
    ("partial equal to the whole", {"acknowledged_amount": "1000"}, ["1,000.00", "position=full"]),
    (
        "schedule short",
        {"repayment_plan": [{"date": "30.11.2026", "amount": "500"}]},
        ["500.00", "600.00", "short by 100.00"],
    ),
    (
        "schedule over in full mode",
        {"position": "full", "acknowledged_amount": None, "dispute_reasons": None},
        ["600.00", "1,000.00", "short by 400.00"],
    ),
]


@pytest.mark.parametrize(("changes", "words"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_contradicting_figures_are_an_answer_error(
    changes: dict[str, Any], words: list[str]
) -> None:
    with pytest.raises(AnswerError) as caught:
        compose("debt-reply", answers(**changes), lang="ru", channel="email")
    message = str(caught.value)
    assert all(w in message for w in words), message
    assert caught.value.exit_code == 3


@pytest.mark.parametrize(("changes", "words"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_draft_exits_3_with_the_figures(
    tmp_path: Path, changes: dict[str, Any], words: list[str]
) -> None:
    given = {k: v for k, v in answers(**changes).items() if v is not None}
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(given, allow_unicode=True), encoding="utf-8")
    result = run("draft", "debt-reply", "--answers", str(path), "--channel", "email")
    assert result.code == 3, result.output
    assert all(w in result.stderr for w in words), result.output


def test_a_schedule_that_adds_up_renders() -> None:
    text = compose("debt-reply", answers(), lang="ru", channel="email").text
    assert "вся признанная сумма" in text


# (test id, lang, answers, sentence, present)
SPEAKS: list[tuple[str, str, dict[str, Any], str, bool]] = [
    ("company says мы", "ru", {}, "признаём задолженность", True),
    ("person says я", "ru", {"debtor": "person"}, "признаю задолженность", True),
    ("person is not мы", "ru", {"debtor": "person"}, "признаём", False),
    ("person disputes as я", "ru", {"debtor": "person"}, "оспариваю", True),
    ("sole trader says я", "ru", {"debtor": "sole_trader"}, "признаю", True),
    (
        "sole trader signs once",
        "ru",
        {"debtor": "sole_trader"},
        "Индивидуальный предприниматель\nМ. А. Соколова\n",
        True,
    ),
    (
        "company position not for a person",
        "ru",
        {"debtor": "person"},
        "Генеральный директор",
        False,
    ),
    (
        "person name once",
        "ru",
        {"debtor": "person", "sender_org": "Соколова Мария Александровна"},
        "С уважением,\nМ. А. Соколова\n",
        True,
    ),
    (
        "person asks for a breakdown",
        "ru",
        {"debtor": "person", "reconciliation_date": "20.11.2026"},
        "подробный расчёт",
        True,
    ),
    (
        "company offers a reconciliation",
        "ru",
        {"reconciliation_date": "20.11.2026"},
        "акт сверки",
        True,
    ),
    (
        "ru one enclosure agrees",
        "ru",
        {"claimant_evidence": "выписка по счёту"},
        "приложена выписка по счёту",
        True,
    ),
    ("en person says I", "en", {"debtor": "person"}, "I acknowledge a debt", True),
    ("en company says we", "en", {}, "we acknowledge a debt", True),
    ("en figures only", "en", {}, "hundred", False),
    ("en words when asked", "en", {"amounts_in_words": True}, "six hundred", True),
    ("en pounds", "en", {"currency": "GBP"}, "£600.00", True),
]

EN = {
    "sender_org": "Lamp Ltd",
    "recipient_name": "Anna Smith",
    "debt_basis": "invoice No. 5",
    "dispute_reasons": ["Invoice 7 was paid on 1 October 2026."],
    "signer_name": "Emma Clarke",
    "signer_position": "Director",
}


@pytest.mark.parametrize(
    ("lang", "changes", "sentence", "present"), [s[1:] for s in SPEAKS], ids=[s[0] for s in SPEAKS]
)
def test_the_letter_speaks_as_its_debtor(
    lang: str, changes: dict[str, Any], sentence: str, present: bool
) -> None:
    given = answers(**(EN if lang == "en" else {}), **changes)
    text = compose("debt-reply", given, lang=lang, channel="email").text
    assert (sentence in text) is present, text
