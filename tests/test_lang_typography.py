"""Typography: which spaces bind, per language, and that nothing else in the text changes."""

from __future__ import annotations

import pytest

from replykit.formats import TXT_TYPOGRAPHY_DEFAULT, typography_for
from replykit.lang.typography import NB_HYPHEN, NBSP, typeset

# "~" stands for a non-breaking space and "=" for a non-breaking hyphen in the expectations.
RU = [
    ("по договору № 17", "по договору №~17"),
    ("(п. 8.3 договора", "(п.~8.3 договора"),
    ("ч. 1 ст. 330 ГК РФ", "ч.~1 ст.~330 ГК РФ"),
    ("от 10 ноября 2026 г. № 45", "от 10~ноября 2026~г. №~45"),
    ("до 5 декабря 2026 г. Просим", "до 5~декабря 2026~г. Просим"),
    (
        "123456, г. Москва, ул. Садовая, д. 5, офис 12",
        "123456, г.~Москва, ул.~Садовая, д.~5, офис~12",
    ),
    ("М. А. Соколова", "М.~А.~Соколова"),
    ("Иванову И. П.", "Иванову~И.~П."),
    ("Исп. Иванова А. А.", "Исп.~Иванова~А.~А."),
    ("Сумму 64 000,00 руб.", "Сумму 64~000,00~руб."),
    ("125 000,50 руб.", "125~000,50~руб."),
    ("1 000 000 ₽", "1~000~000~₽"),
    ("скидка 20 %", "скидка 20~%"),
    ("в течение 15 дней", "в~течение 15~дней"),
    ("10 рабочих дней", "10~рабочих дней"),
    ("на 2 л. в 1 экз.", "на 2~л. в~1~экз."),
    ("тел. +7 495 123-45-67", "тел.~+7~495~123=45=67"),
    ("8 (800) 555-35-35", "8~(800)~555=35=35"),
    ("e-mail: legal@lampa.ru", "e=mail:~legal@lampa.ru"),
    ("ИНН 7701234567, ОГРН 1027700123456", "ИНН~7701234567, ОГРН~1027700123456"),
    ("сумма — 48 000 руб.", "сумма~— 48~000~руб."),
    ("и т. д.", "и~т.~д."),
    ("в срок", "в~срок"),
    # Left alone: a year and a number, a plain number and a noun, a hyphenated word.
    ("в 2026 году 150 клиентов", "в~2026~году 150 клиентов"),
    ("16 светильников", "16 светильников"),
    ("северо-запад", "северо-запад"),
    ("договор 2026 000", "договор 2026 000"),
]
EN = [
    ("contract No. 17", "contract No.~17"),
    ("No. We cannot", "No. We cannot"),
    ("Dear Ms Smith,", "Dear Ms~Smith,"),
    ("J. R. Smith", "J.~R.~Smith"),
    ("£ 1,250", "£~1,250"),
    ("EUR 4,800 for 16 lamps", "EUR~4,800 for 16 lamps"),
    ("within 30 days", "within 30~days"),
    ("10 working days", "10~working days"),
    ("at 20 %", "at 20~%"),
    ("on 12 November 2026", "on 12~November~2026"),
    ("clause 5.2 of the contract", "clause~5.2 of the contract"),
    ("+44 20 7946 0958", "+44~20~7946~0958"),
    ("a claim — rejected", "a claim~— rejected"),
    # English thousands use commas, and a one-letter word is not bound.
    ("I accept a part", "I accept a part"),
]


def _shown(text: str) -> str:
    return text.replace(NBSP, "~").replace(NB_HYPHEN, "=")


@pytest.mark.parametrize(
    ("lang", "raw", "expected"), [("ru", *c) for c in RU] + [("en", *c) for c in EN]
)
def test_typeset_binds_the_spaces_a_typist_binds(lang: str, raw: str, expected: str) -> None:
    assert _shown(typeset(raw, lang)) == expected


@pytest.mark.parametrize(
    ("lang", "raw"), [("ru", raw) for raw, _ in RU] + [("en", raw) for raw, _ in EN]
)
def test_typeset_changes_only_spaces_and_hyphens_and_is_idempotent(lang: str, raw: str) -> None:
    once = typeset(raw, lang)
    assert typeset(once, lang) == once
    assert once.replace(NBSP, " ").replace(NB_HYPHEN, "-") == raw


def test_typeset_keeps_line_breaks() -> None:
    raw = "Приложение: 1. Акт № 3\n2. Накладная № 88\n\nС уважением,\nМ. А. Соколова\n"
    assert typeset(raw, "ru").count("\n") == raw.count("\n")
    assert typeset("№\n17", "ru") == "№\n17"  # a line break is the writer's, never replaced


def test_a_language_without_rules_gets_the_english_ones() -> None:
    assert typeset("No. 5", "de") == f"No.{NBSP}5"


def test_page_formats_are_always_typeset_and_txt_follows_the_switch() -> None:
    for fmt in ("md", "html", "docx", "pdf"):
        assert typography_for(fmt, False)
    assert typography_for("txt") is TXT_TYPOGRAPHY_DEFAULT
    assert typography_for("json") is TXT_TYPOGRAPHY_DEFAULT
    assert typography_for("txt", True)
    assert not typography_for("json", False)
