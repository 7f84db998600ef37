"""complaint: every fixed claim appears only when an answer supports it, in every channel.

Each case renders a small answer set through ``replykit.compose`` and looks for one sentence:
absent when the answers do not support it, present when they do.
"""

from __future__ import annotations

from typing import Any

import pytest

from replykit import compose

BASE: dict[str, dict[str, Any]] = {
    "ru": {
        "customer_name": "Петрова Анна Сергеевна",
        "company_name": "Интернет-магазин «Лампа»",
        "topic": "заказ № 4815",
        "problem": "заказ привезли на три дня позже обещанного",
        "fault": "us",
        "actions": ["отправили заказ повторно курьером"],
        "contact": "care@lampa.ru",
        "signer_name": "Мария Соколова",
        "signer_position": "руководитель службы заботы о клиентах",
    },
    "en": {
        "customer_name": "Anna Smith",
        "company_name": "Lamp Store",
        "topic": "order 4815",
        "problem": "your order arrived three days late",
        "fault": "us",
        "actions": ["We have sent your order again by courier."],
        "contact": "care@lampstore.co.uk",
        "signer_name": "Emma Clarke",
        "signer_position": "Head of Customer Care",
    },
}
LETTER = {
    "sender_address": "5 Garden Street, London EC1A 1BB",
    "recipient_address": "10 Market Street, Leeds LS1 1AA",
    "outgoing_number": "123",
    "letter_date": "2026-11-20",
}
CHANNELS = ["email", "letter", "public", "chat"]


def draft(lang: str, channel: str, **answers: Any) -> str:
    given = {**BASE[lang], **(LETTER if channel == "letter" else {}), **answers}
    return compose("complaint", given, lang=lang, channel=channel).text


# (claim, lang, channels, sentence, answers that do not support it, answers that do)
CLAIMS = [
    (
        "sent privately",
        "ru",
        ["public"],
        "Подробности мы отправили вам лично",
        {"private_reply": "none"},
        {"private_reply": "sent"},
    ),
    (
        "sent privately",
        "en",
        ["public"],
        "We have sent you the details privately",
        {"private_reply": "will_send"},
        {"private_reply": "sent"},
    ),
    (
        "deadline for pending actions",
        "ru",
        ["email", "chat", "public"],
        "будет сделано",
        {"actions_state": "done", "actions_deadline": "2026-11-23"},
        {"actions_state": "pending", "actions_deadline": "2026-11-23"},
    ),
    (
        "deadline for pending actions",
        "en",
        ["email", "letter", "chat", "public"],
        "will be done",
        {"actions_state": "done", "actions_deadline": "2026-11-23"},
        {"actions_state": "pending", "actions_deadline": "2026-11-23"},
    ),
    (
        "admitted fault",
        "ru",
        CHANNELS,
        "ошиб",
        {"fault": "unknown", "checking": "журнал склада"},
        {"fault": "us"},
    ),
    (
        "admitted fault",
        "en",
        CHANNELS,
        "mistake",
        {"fault": "unknown", "checking": "the warehouse log"},
        {"fault": "us"},
    ),
    (
        "what we check",
        "en",
        CHANNELS,
        "checking the warehouse log",
        {"fault": "us"},
        {"fault": "unknown", "checking": "the warehouse log"},
    ),
    (
        "direct personal contact",
        "ru",
        CHANNELS,
        "мне напрямую",
        {"contact_personal": False},
        {"contact_personal": True},
    ),
    (
        "direct personal contact",
        "en",
        CHANNELS,
        "me directly",
        {"contact_personal": False},
        {"contact_personal": True},
    ),
    (
        "follow-up date",
        "en",
        CHANNELS,
        "2027",
        {},
        {"follow_up_date": "2027-01-15"},
    ),
]


@pytest.mark.parametrize(
    ("claim", "lang", "channels", "sentence", "without", "with_"),
    CLAIMS,
    ids=[f"{c[1]}-{c[0]}" for c in CLAIMS],
)
def test_claim_only_when_supported(
    claim: str,
    lang: str,
    channels: list[str],
    sentence: str,
    without: dict[str, Any],
    with_: dict[str, Any],
) -> None:
    for channel in channels:
        assert sentence not in draft(lang, channel, **without), (claim, channel)
    # Present in at least the first channel listed (variants may word it differently elsewhere).
    assert any(sentence in draft(lang, ch, **with_) for ch in channels), claim


@pytest.mark.parametrize("channel", CHANNELS)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_nobody_at_fault_promises_no_fix(lang: str, channel: str) -> None:
    text = draft(lang, channel, fault="nobody", findings="the parcel was signed for")
    for promise in (
        "всё исправим",
        "исправлять",
        "где мы",
        "put it right",
        "put right",
        "our mistake",
        "where we",
    ):
        assert promise not in text


@pytest.mark.parametrize(
    ("contact", "lang", "verb", "wrong"),
    [
        ("+7 495 123-45-67", "ru", "позвоните", "напишите"),
        ("care@lampa.ru", "ru", "напишите", "позвоните"),
        ("+44 20 7946 0958", "en", "call", "write"),
        ("care@lampstore.co.uk", "en", "write", "call"),
        ("@lampstore", "en", "message", "call"),
    ],
)
@pytest.mark.parametrize("channel", CHANNELS)
def test_contact_verb_follows_the_contact(
    contact: str, lang: str, verb: str, wrong: str, channel: str
) -> None:
    text = draft(lang, channel, contact=contact).lower()
    assert verb in text
    assert f"{wrong} " not in text.replace("напишите, пожалуйста", "")


@pytest.mark.parametrize(
    ("lang", "currency", "figure"),
    [
        ("en", None, "£49.50"),
        ("en", "USD", "$49.50"),
        ("en", "EUR", "€49.50"),
        ("en", "RUB", "RUB 49.50"),
        ("ru", None, "49,50 руб."),
        ("ru", "GBP", "49,50 ф. ст."),
    ],
)
def test_refund_currency_is_an_answer(lang: str, currency: str | None, figure: str) -> None:
    answers: dict[str, Any] = {"compensation": "refund", "refund_amount": "49.50"}
    if currency:
        answers["currency"] = currency
    assert figure in draft(lang, "email", **answers)


def test_ru_you_is_capitalised_to_one_reader_and_lower_in_public() -> None:
    for channel in ("email", "letter", "chat"):
        text = draft("ru", channel, feeling="angry")
        assert " вы " not in text and " ваш" not in text, channel
    public = draft("ru", "public", feeling="angry")
    assert " Вы " not in public and " Ваш" not in public


def test_responsible_agrees_with_a_woman() -> None:
    text = draft(
        "ru",
        "email",
        actions_state="pending",
        actions_deadline="2026-11-25",
        responsible="руководитель офиса Татьяна Жук",
    )
    assert "ответственный" not in text
    assert "отвечает руководитель офиса Татьяна Жук" in text


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_colloquial_apology_in_a_letter(lang: str) -> None:
    text = draft(lang, "letter")
    assert "Простите" not in text and "Sorry," not in text


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("channel", ["public", "chat"])
def test_short_channels_stay_short(lang: str, channel: str) -> None:
    text = draft(lang, channel, follow_up_date="2026-11-27")
    assert len(text) < 600
    assert "2026" not in text


def test_english_email_salutation_and_closing_follow_the_title() -> None:
    text = draft("en", "email", customer_name="Ms Anna Smith")
    assert "Dear Ms Smith," in text and "Yours sincerely," in text
