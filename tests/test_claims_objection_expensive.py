"""objection-expensive: every fixed claim appears only when an answer supports it.

Each row renders a small answer set through ``replykit.compose`` and checks that a phrase is
present (the answer supports it) or absent (it does not), in both channels.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from replykit import compose

TODAY = date(2026, 11, 20)

BASE: dict[str, dict[str, Any]] = {
    "ru": {
        "customer_name": "Смирнова Ольга Игоревна",
        "company_name": "Школа «Вектор»",
        "product": "курс «Аналитика данных»",
        "concern": "price_itself",
        "value_kind": "long_term_value",
        "value_details": "Выпускники находят работу аналитиком",
        "next_step": "короткий созвон",
        "follow_up_date": "24.11.2026",
        "contact": "o.lebedeva@vector.ru",
        "signer_name": "Ольга Лебедева",
        "signer_position": "менеджер по обучению",
    },
    "en": {
        "customer_name": "Olivia Grant",
        "company_name": "Vector School",
        "product": "the Data Analytics course",
        "concern": "price_itself",
        "value_kind": "long_term_value",
        "value_details": "Graduates find analyst jobs",
        "next_step": "a short call",
        "follow_up_date": "24.11.2026",
        "contact": "o.lewis@vectorschool.co.uk",
        "signer_name": "Olivia Lewis",
        "signer_position": "Admissions Manager",
    },
}

CHEAPER = {
    "ru": {
        "options": ["cheaper"],
        "cheaper_name": "курс «Основы»",
        "cheaper_price": 54000,
        "cheaper_leaves_out": "В него не входят проекты для портфолио",
    },
    "en": {
        "options": ["cheaper"],
        "cheaper_name": "the Basics course",
        "cheaper_price": 700,
        "cheaper_leaves_out": "It has no portfolio projects",
    },
}


def draft(lang: str, channel: str, **changes: Any) -> str:
    answers = {**BASE[lang], **changes}
    return compose("objection-expensive", answers, lang=lang, channel=channel, today=TODAY).text


# (claim, lang, pattern, answers that support it, answers that do not)
CLAIMS = [
    ("pays for itself", "ru", r"окуп|вложение", {"payback": "два месяца"}, {}),
    ("pays for itself", "en", r"pays for itself|investment", {"payback": "two months"}, {}),
    (
        "pays for itself",
        "en",
        r"pays for itself|investment",
        {"payback": "two months"},
        {"value_kind": "savings"},
    ),
    ("a cheaper plan", "ru", r"«Основы» стоит 54 000 руб\.", CHEAPER["ru"], {}),
    ("a cheaper plan", "en", r"Basics course costs £700", CHEAPER["en"], {}),
    ("what it leaves out", "ru", r"не входят проекты", CHEAPER["ru"], {}),
    ("what it leaves out", "en", r"no portfolio projects", CHEAPER["en"], {}),
    ("the price in pounds", "en", r"£1,200", {"price": 1200}, {"price": 1200, "currency": "USD"}),
    ("the price in dollars", "en", r"\$1,200", {"price": 1200, "currency": "USD"}, {"price": 1200}),
    ("the price in roubles", "ru", r"96 000 руб\.", {"price": 96000}, {}),
    ("a price period", "ru", r"в месяц", {"price": 950, "price_period": "в месяц"}, {"price": 950}),
    (
        "payment terms",
        "en",
        r"instalments",
        {"options": ["instalments"], "instalment_terms": "six payments"},
        {},
    ),
    ("a personal contact", "ru", r"мне напрямую", {}, {"contact_personal": False}),
    ("a personal contact", "en", r"me directly", {}, {"contact_personal": False}),
    ("call before a phone", "en", r"call me directly on", {"contact": "020 7946 0777"}, {}),
]


@pytest.mark.parametrize(
    ("claim", "lang", "pattern", "supported", "unsupported"),
    CLAIMS,
    ids=[f"{c[1]}-{c[0]}-{i}" for i, c in enumerate(CLAIMS)],
)
@pytest.mark.parametrize("channel", ["email", "chat"])
def test_claim_follows_its_answer(
    claim: str,
    lang: str,
    pattern: str,
    supported: dict[str, Any],
    unsupported: dict[str, Any],
    channel: str,
) -> None:
    assert re.search(pattern, draft(lang, channel, **supported)), claim
    assert not re.search(pattern, draft(lang, channel, **unsupported)), claim


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("channel", ["email", "chat"])
def test_no_fixed_recap_and_no_price_in_brackets(lang: str, channel: str) -> None:
    text = draft(lang, channel, price=1200, options=["trial"], trial_terms="a free week")
    assert not re.search(r"Если коротко|In short|payment terms|условия оплаты", text)
    assert not re.search(r"\(\s*[£$€\d]", text)


def test_english_carries_no_russian_conventions() -> None:
    text = draft("en", "email", price=1200)
    assert not re.search(r"руб|RUB|\(one thousand|Prepared by|Исп\.", text)
    assert "Yours sincerely," in text and "Dear Olivia Grant," in text


@pytest.mark.parametrize("channel", ["email", "chat"])
def test_russian_reply_to_one_reader_capitalises_you(channel: str) -> None:
    text = draft("ru", channel, concern="competitor", comparison="у нас проверяют каждое задание")
    assert "Вы сомневаетесь" in text
    assert not re.search(r"\bв(ы|ам|ас)\b", text)


@pytest.mark.parametrize(
    ("name", "salutation"),
    [
        ("Смирнова Ольга Игоревна", "Уважаемая Ольга Игоревна!"),
        ("Иванов Пётр Сергеевич", "Уважаемый Пётр Сергеевич!"),
    ],
)
def test_russian_salutation_agrees_with_the_customer(name: str, salutation: str) -> None:
    assert salutation in draft("ru", "email", customer_name=name)
