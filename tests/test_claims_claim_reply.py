"""claim-reply: every fixed claim appears only when an answer supports it.

Each row renders a small answer set through ``replykit.compose`` and asserts a sentence is
present (its answer supports it) or absent (it does not), in both languages.
"""

from __future__ import annotations

from typing import Any

import pytest

from replykit import compose

POINT_RU = {
    "demand": "вернуть 21 руб. за доставку",
    "decision": "accepted",
    "facts": "Доставка списана дважды.",
    "evidence": "выписка по платежу",
    "basis": "ст. 31 Закона РФ «О защите прав потребителей»",
}
POINT_EN = {
    "demand": "a refund of the £21 delivery charge",
    "decision": "accepted",
    "facts": "The delivery charge was taken twice.",
    "evidence": "the payment statement",
    "basis": "section 20 of the Consumer Rights Act 2015",
}


def answers(lang: str, **changes: Any) -> dict[str, Any]:
    """A satisfied one-demand claim, e-mail, with ``changes`` on top."""
    base: dict[str, Any] = {
        "mode": "satisfy",
        "sender_org": "ООО «Лампа»" if lang == "ru" else "Lamp Ltd",
        "incoming_date": "10.11.2026",
        "recipient_name": "Петрова Анна Сергеевна" if lang == "ru" else "Anna Smith",
        "topic": "заказ № 4815" if lang == "ru" else "order 4815",
        "points": [dict(POINT_RU if lang == "ru" else POINT_EN)],
        "fulfil_action": "Вернём 21 руб. на карту." if lang == "ru" else "We will refund £21.",
        "fulfil_by": "25.11.2026",
        "signer_name": "Соколова Мария" if lang == "ru" else "Emma Clarke",
        "signer_position": "юрист" if lang == "ru" else "Solicitor",
    }
    if lang == "en":
        base["recipient_title"] = "Ms"
    return {**base, **changes}


def letter(lang: str, channel: str = "email", **changes: Any) -> str:
    extra: dict[str, Any] = {}
    if channel == "letter":
        extra = {
            "sender_address": "Москва" if lang == "ru" else "London",
            "sender_contacts": "legal@lampa.ru",
            "outgoing_number": "1",
            "letter_date": "20.11.2026",
            "recipient_address": "Казань" if lang == "ru" else "Leeds",
        }
    return compose(
        "claim-reply", answers(lang, **extra, **changes), lang=lang, channel=channel
    ).text


REJECT = {"mode": "reject", "proposal": "We offer a voucher.", "points": None}
MISSING = {"missing_docs": ["копия чека"], "missing_by": "05.12.2026"}

# (test id, lang, answers, sentence, present)
CASES: list[tuple[str, str, dict[str, Any], str, bool]] = [
    ("ru apology when ours", "ru", {"fault": "ours"}, "извин", True),
    ("ru apology when partly", "ru", {"fault": "partly"}, "долю вины", True),
    ("ru no apology without fault", "ru", {}, "извин", False),
    ("en apology when ours", "en", {"fault": "ours"}, "apologise", True),
    (
        "en apology when partly",
        "en",
        {"fault": "partly", "mode": "partial", "proposal": "We offer a voucher."},
        "apologise",
        True,
    ),
    ("en no apology without fault", "en", {}, "apologis", False),
    ("ru 'помогло исправить' only with our fault", "ru", {}, "исправить", False),
    ("en 'put a mistake right' only with our fault", "en", {}, "put", False),
    ("ru met only when done", "ru", {}, "требование удовлетворено в полном", False),
    (
        "ru met when done",
        "ru",
        {"fulfilled": True, "fulfil_by": None},
        "требование удовлетворено в полном",
        True,
    ),
    ("en met only when done", "en", {}, "been met", False),
    ("en met when done", "en", {"fulfilled": True, "fulfil_by": None}, "been met", True),
    (
        "en no deadline once done",
        "en",
        {"fulfilled": True, "fulfil_by": None},
        "no later than",
        False,
    ),
    ("en hoped-for not on satisfy", "en", {}, "you hoped for", False),
    ("ru hoped-for not on satisfy", "ru", {}, "Понимаем, что", False),
    (
        "en hoped-for on refusal",
        "en",
        {**REJECT, "points": [{**POINT_EN, "decision": "rejected"}]},
        "you hoped for",
        True,
    ),
    (
        "ru hoped-for on refusal",
        "ru",
        {**REJECT, "points": [{**POINT_RU, "decision": "rejected"}]},
        "другого ответа",
        True,
    ),
    (
        "ru scans to an e-mail",
        "ru",
        {**MISSING, "missing_send_to": "docs@lampa.ru"},
        "на адрес электронной почты docs@lampa.ru",
        True,
    ),
    (
        "ru post to an address",
        "ru",
        {**MISSING, "missing_send_to": "Москва, ул. Садовая, 5"},
        "почтой или передать лично по адресу: Москва, ул. Садовая, 5",
        True,
    ),
    (
        "en scans to an e-mail",
        "en",
        {
            **MISSING,
            "missing_docs": ["a copy of the receipt"],
            "missing_send_to": "docs@lamp.co.uk",
        },
        "by e-mail to docs@lamp.co.uk",
        True,
    ),
    (
        "en post to an address",
        "en",
        {**MISSING, "missing_docs": ["a copy of the receipt"], "missing_send_to": "5 Garden St"},
        "by post or deliver it by hand to 5 Garden St",
        True,
    ),
    ("ru no form labels", "ru", {}, "Решение:", False),
    ("ru no evidence label", "ru", {}, "Подтверждение:", False),
    ("en no form labels", "en", {}, "Decision:", False),
    ("en no basis label", "en", {}, "Basis:", False),
    (
        "en no amount in words unless asked",
        "en",
        {"claimed_amount": "1250", "currency": "GBP"},
        "one thousand",
        False,
    ),
    (
        "en pounds in figures",
        "en",
        {"claimed_amount": "1250", "currency": "GBP"},
        "£1,250.00",
        True,
    ),
    (
        "en amount in words when asked",
        "en",
        {"claimed_amount": "1250", "currency": "GBP", "amounts_in_words": True},
        "thousand",
        True,
    ),
]


@pytest.mark.parametrize(
    ("lang", "changes", "sentence", "present"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_claim_follows_its_answer(
    lang: str, changes: dict[str, Any], sentence: str, present: bool
) -> None:
    text = letter(lang, **changes)
    assert (sentence in text) is present, text


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("channel", ["email", "letter"])
def test_the_subject_line_is_at_most_78_characters(lang: str, channel: str) -> None:
    long_topic = ("поставка светильников " if lang == "ru" else "the supply of lamps ") * 8
    text = letter(lang, channel, topic=long_topic, incoming_number="CLM-2026-000451")
    subject = (
        compose("claim-reply", answers(lang, topic=long_topic), lang=lang, channel="email")
        .text.splitlines()[0]
        .split(": ", 1)[1]
    )
    assert len(subject) <= 78, subject
    assert long_topic.strip() not in text.splitlines()[0]


@pytest.mark.parametrize(("lang", "short"), [("ru", "чайник"), ("en", "kettle")])
def test_the_subject_uses_the_short_description(lang: str, short: str) -> None:
    first = letter(lang, topic_short=short).splitlines()[0]
    assert first.endswith(short + (")" if lang == "ru" else "")), first


ENCLOSED = {
    "attachments": [{"title": "copy of the receipt", "sheets": 2}, {"title": "copy of the order"}],
    "executor": "A. Ivanova",
}


def test_an_english_letter_follows_english_conventions() -> None:
    text = letter("en", "letter", incoming_number="AT-45", **ENCLOSED)
    signature_at = text.index("Yours sincerely,")
    assert "Enc. (2) Copy of the receipt; copy of the order" in text[signature_at:]
    assert "Our ref: 1\nYour ref: AT-45\n" in text
    for russian_habit in ("Prepared by", "A. Ivanova", "copy)", "pages", "Enclosure"):
        assert russian_habit not in text


def test_a_russian_letter_keeps_its_requisites() -> None:
    text = letter("ru", "letter", **ENCLOSED)
    assert text.index("Приложение: 1. Copy of the receipt на 2 л. в 1 экз.") < text.index(
        "С уважением,"
    )
    assert "Исп. A. Ivanova" in text
