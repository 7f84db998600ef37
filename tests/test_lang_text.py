"""Filters that fit an answer into a sentence."""

from __future__ import annotations

import pytest

from replykit.lang.text import bare, numbered, sentence

BARE = [
    ("отправили заказ.", "отправили заказ"),
    ("  пункт ;", "пункт"),
    ("Иванова Е. П.", "Иванова Е. П."),
    ("96 000 руб.", "96 000 руб."),
    ("договор от 01.03.2026 г.", "договор от 01.03.2026 г."),
    ("договор от 01.03.2026г.", "договор от 01.03.2026г."),
    ("сдано в 2026г.", "сдано в 2026г."),
    ("тариф 2026.", "тариф 2026"),
    ("поставка в 2026г.", "поставка в 2026г."),
    ("поставка в 2026 году.", "поставка в 2026 году"),
    ("и т.д.", "и т.д."),
    ("Lamp Store Ltd.", "Lamp Store Ltd."),
    ("care@lampa.ru.", "care@lampa.ru"),
    ("Ждём...", "Ждём..."),
]


@pytest.mark.parametrize(("raw", "expected"), BARE, ids=[raw for raw, _ in BARE])
def test_bare_drops_the_sentence_stop_but_keeps_an_abbreviation_stop(
    raw: str, expected: str
) -> None:
    assert bare(raw) == expected


SENTENCE = [
    ("заказ привезли поздно", "Заказ привезли поздно."),
    ("Готово!", "Готово!"),
    ("см. п. 5.2 договора № 17 от 01.03.2026 г.", "См. п. 5.2 договора № 17 от 01.03.2026 г."),
    ("  two\nlines ", "Two lines."),
    ("", ""),
]


@pytest.mark.parametrize(("raw", "expected"), SENTENCE, ids=[raw or "empty" for raw, _ in SENTENCE])
def test_sentence_capitalises_and_ends_with_a_stop(raw: str, expected: str) -> None:
    assert sentence(raw) == expected


def test_numbered() -> None:
    assert numbered(["first step", "second step."]) == "1. First step.\n2. Second step."


@pytest.mark.parametrize(
    ("contact", "lang", "me", "expected"),
    [
        ("+7 495 123-45-67, care@lampa.ru", "ru", False, "пишите или звоните"),
        ("+7 495 123-45-67", "ru", False, "звоните"),
        ("care@lampa.ru", "ru", False, "пишите"),
        ("+44 20 7946 0958", "en", True, "call me"),
        ("care@lamp.example", "en", False, "write to us"),
        ("+44 20 7946 0958, care@lamp.example", "en", True, "write to me or call me"),
    ],
    ids=["ru-both", "ru-phone", "ru-mail", "en-phone-me", "en-mail-us", "en-both-me"],
)
def test_reach_names_only_the_ways_the_contact_allows(
    contact: str, lang: str, me: bool, expected: str
) -> None:
    from replykit.lang.text import reach

    assert reach(contact, lang, me=me) == expected
