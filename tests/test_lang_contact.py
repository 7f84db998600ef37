"""Contacts and the verbs that go with them (replykit.lang.contact)."""

from __future__ import annotations

import pytest

from replykit.lang.contact import FILTERS, classify, contact_phrase, split_contacts

KINDS = [
    ("+44 20 7946 0330", "phone"),
    ("0800 555 0144", "phone"),
    ("(802) 555-0164", "phone"),
    ("+7 495 777-12-34", "phone"),
    ("8 800 555-35-35", "phone"),
    ("+1 212 555 0100 ext. 12", "phone"),
    ("support@example.com", "email"),
    ("care@lampstore.co.uk", "email"),
    ("https://example.com/help", "url"),
    ("www.example.co.uk", "url"),
    ("example.com/contact", "url"),
    ("@AppleSupport", "messenger"),
    ("t.me/acme_support", "messenger"),
    ("https://wa.me/447700900123", "messenger"),
    ("WhatsApp +44 7700 900123", "messenger"),
    ("Telegram @acme", "messenger"),
    ("чат поддержки в приложении", "phrase"),
    ("the in-app chat", "phrase"),
    ("12345", "phrase"),
    ("ext. 12", "phrase"),
]


@pytest.mark.parametrize(("contact", "kind"), KINDS)
def test_classify(contact: str, kind: str) -> None:
    assert classify(contact) == kind


def test_split_contacts() -> None:
    assert split_contacts("чат поддержки в приложении или 8 800 555-35-35") == [
        ("phrase", "чат поддержки в приложении"),
        ("phone", "8 800 555-35-35"),
    ]
    assert split_contacts("+7 495 777-12-34, care@bank.ru") == [
        ("phone", "+7 495 777-12-34"),
        ("email", "care@bank.ru"),
    ]
    assert split_contacts("  ") == []


PHRASES = [
    # (contact, locale, personal, expected)
    ("+44 20 7946 0330", "en-GB", False, "call us on +44 20 7946 0330"),
    ("+44 20 7946 0330", "en-GB", True, "call me directly on +44 20 7946 0330"),
    ("(802) 555-0164", "en-US", False, "call us at (802) 555-0164"),
    ("(802) 555-0164", "en-US", True, "call me directly at (802) 555-0164"),
    ("0800 555 0144", "en-GB", False, "call us free on 0800 555 0144"),
    ("1-800-555-0199", "en-US", False, "call us toll-free at 1-800-555-0199"),
    ("(888) 555-0199", "en-US", False, "call us toll-free at (888) 555-0199"),
    ("support@example.com", "en-GB", False, "write to us at support@example.com"),
    ("j.smith@example.com", "en-US", True, "write to me directly at j.smith@example.com"),
    ("@AppleSupport", "en", False, "message us at @AppleSupport"),
    ("t.me/acme", "en", False, "message us on Telegram at t.me/acme"),
    ("WhatsApp +44 7700 900123", "en-GB", False, "message us on WhatsApp at +44 7700 900123"),
    ("https://example.com/help", "en", False, "contact us at https://example.com/help"),
    ("the in-app chat", "en", False, "contact us via the in-app chat"),
    (
        "020 7946 0330, care@example.co.uk",
        "en-GB",
        False,
        "call us on 020 7946 0330 or write to care@example.co.uk",
    ),
    ("+7 495 777-12-34", "ru", False, "позвоните нам по телефону +7 495 777-12-34"),
    ("+7 495 777-12-34", "ru", True, "позвоните мне напрямую по телефону +7 495 777-12-34"),
    ("8 800 555-35-35", "ru", False, "позвоните нам по бесплатному номеру 8 800 555-35-35"),
    ("care@bank-severny.ru", "ru", False, "напишите нам на care@bank-severny.ru"),
    ("care@bank-severny.ru", "ru", True, "напишите мне напрямую на care@bank-severny.ru"),
    ("@acme_support", "ru", False, "напишите нам: @acme_support"),
    ("t.me/acme", "ru", False, "напишите нам в Telegram: t.me/acme"),
    ("https://bank.ru/feedback", "ru", False, "напишите нам через сайт https://bank.ru/feedback"),
    (
        "+7 495 777-12-34, care@bank-severny.ru",
        "ru",
        False,
        "позвоните нам по телефону +7 495 777-12-34 или напишите на care@bank-severny.ru",
    ),
    (
        "чат поддержки в приложении или 8 800 555-35-35",
        "ru",
        False,
        "позвоните нам по бесплатному номеру 8 800 555-35-35 или свяжитесь с нами: чат поддержки в приложении",
    ),
]


@pytest.mark.parametrize(("contact", "locale", "personal", "expected"), PHRASES)
def test_contact_phrase(contact: str, locale: str, personal: bool, expected: str) -> None:
    assert contact_phrase(contact, locale, personal) == expected


@pytest.mark.parametrize("locale", ["ru", "en-GB", "en-US"])
@pytest.mark.parametrize(
    ("contact", "forbidden_en", "forbidden_ru"),
    [
        ("support@example.com", "call", "позвоните"),
        ("+44 20 7946 0330", "write", "напишите"),
        ("@acme", "call", "позвоните"),
    ],
)
def test_verb_follows_the_contact(
    locale: str, contact: str, forbidden_en: str, forbidden_ru: str
) -> None:
    phrase = contact_phrase(contact, locale)
    assert (forbidden_ru if locale == "ru" else forbidden_en) not in phrase
    assert "напрямую" not in phrase and "me" not in phrase.split()


def test_empty_contact() -> None:
    with pytest.raises(ValueError, match="the contact is empty"):
        contact_phrase(" ", "en")


def test_contact_filters() -> None:
    assert set(FILTERS) == {"contact_kind", "contact_phrase"}
    assert FILTERS["contact_phrase"]("support@x.com", "en") == "write to us at support@x.com"
