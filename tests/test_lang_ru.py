"""Russian helpers: names, salutations, amounts, plurals (replykit.lang.ru, .money, package)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from typing import NamedTuple

import pytest

from replykit.lang import parse_money, template_filters
from replykit.lang.ru import (
    count_ru,
    dative_full,
    dative_short,
    days_ru,
    format_money_ru,
    money_in_words_ru,
    parse_person,
    plural_ru,
    salutation,
)


class Name(NamedTuple):
    """One person: the name as written and what each helper must make of it."""

    written: str
    gender: str | None
    greeting: str
    short: str
    dative: str


NAMES = [
    Name(
        "Иванов Иван Петрович",
        "male",
        "Уважаемый Иван Петрович!",
        "Иванову И. П.",
        "Иванову Ивану Петровичу",
    ),
    Name(
        "Петрова-Водкина Мария Ивановна",
        "female",
        "Уважаемая Мария Ивановна!",
        "Петровой-Водкиной М. И.",
        "Петровой-Водкиной Марии Ивановне",
    ),
    Name(
        "Ким Анна Викторовна",
        "female",
        "Уважаемая Анна Викторовна!",
        "Ким А. В.",
        "Ким Анне Викторовне",
    ),
    Name(
        "Ким Олег Викторович",
        "male",
        "Уважаемый Олег Викторович!",
        "Киму О. В.",
        "Киму Олегу Викторовичу",
    ),
    Name(
        "Черных Ольга Игоревна",
        "female",
        "Уважаемая Ольга Игоревна!",
        "Черных О. И.",
        "Черных Ольге Игоревне",
    ),
    Name(
        "Гусь Павел Андреевич",
        "male",
        "Уважаемый Павел Андреевич!",
        "Гусю П. А.",
        "Гусю Павлу Андреевичу",
    ),
    Name(
        "Мамедов Рашид Ибрагим оглы",
        "male",
        "Уважаемый Рашид Ибрагим оглы!",
        "Мамедову Р. И.",
        "Мамедову Рашиду Ибрагим оглы",
    ),
    Name(
        "Алиева Лейла Гасан кызы",
        "female",
        "Уважаемая Лейла Гасан кызы!",
        "Алиевой Л. Г.",
        "Алиевой Лейле Гасан кызы",
    ),
    Name(
        "Белая Наталья Олеговна",
        "female",
        "Уважаемая Наталья Олеговна!",
        "Белой Н. О.",
        "Белой Наталье Олеговне",
    ),
    Name(
        "Шевченко Тарас Григорьевич",
        "male",
        "Уважаемый Тарас Григорьевич!",
        "Шевченко Т. Г.",
        "Шевченко Тарасу Григорьевичу",
    ),
    Name(
        "Ёлкина Алёна Сергеевна",
        "female",
        "Уважаемая Алёна Сергеевна!",
        "Ёлкиной А. С.",
        "Ёлкиной Алёне Сергеевне",
    ),
    Name(
        "Толстой Лев Николаевич",
        "male",
        "Уважаемый Лев Николаевич!",
        "Толстому Л. Н.",
        "Толстому Льву Николаевичу",
    ),
    Name(
        "Толстая Софья Андреевна",
        "female",
        "Уважаемая Софья Андреевна!",
        "Толстой С. А.",
        "Толстой Софье Андреевне",
    ),
    Name(
        "Салтыков-Щедрин Михаил Евграфович",
        "male",
        "Уважаемый Михаил Евграфович!",
        "Салтыкову-Щедрину М. Е.",
        "Салтыкову-Щедрину Михаилу Евграфовичу",
    ),
    Name(
        "Иванова Любовь Петровна",
        "female",
        "Уважаемая Любовь Петровна!",
        "Ивановой Л. П.",
        "Ивановой Любови Петровне",
    ),
    Name(
        "Седых Илья Фомич",
        "male",
        "Уважаемый Илья Фомич!",
        "Седых И. Ф.",
        "Седых Илье Фомичу",
    ),
    Name(
        "Лев Анна Ильинична",
        "female",
        "Уважаемая Анна Ильинична!",
        "Лев А. И.",
        "Лев Анне Ильиничне",
    ),
    Name(
        "Роман Аркадьевич Абрамович",
        "male",
        "Уважаемый Роман Аркадьевич!",
        "Абрамовичу Р. А.",
        "Абрамовичу Роману Аркадьевичу",
    ),
    Name(
        "Ольга Никитична Кузьмич",
        "female",
        "Уважаемая Ольга Никитична!",
        "Кузьмич О. Н.",
        "Кузьмич Ольге Никитичне",
    ),
    Name(
        "Рашид Ибрагим оглы Мамедов",
        "male",
        "Уважаемый Рашид Ибрагим оглы!",
        "Мамедову Р. И.",
        "Мамедову Рашиду Ибрагим оглы",
    ),
    Name(
        "Анна Петрова",
        "female",
        "Уважаемая Анна Петрова!",
        "Петровой А.",
        "Петровой Анне",
    ),
    Name(
        "Петров Иван",
        "male",
        "Уважаемый Иван Петров!",
        "Петрову И.",
        "Петрову Ивану",
    ),
    Name(
        "Ким Анна",
        "female",
        "Уважаемая Анна Ким!",
        "Ким А.",
        "Ким Анне",
    ),
    Name(
        "Лев Толстой",
        "male",
        "Уважаемый Лев Толстой!",
        "Толстому Л.",
        "Толстому Льву",
    ),
    Name(
        "Саша Ким",
        None,
        "Здравствуйте, Саша Ким!",
        "Ким С.",
        "Ким Саше",
    ),
    Name(
        "Женя Гусь",
        None,
        "Здравствуйте, Женя Гусь!",
        "Гусь Ж.",
        "Гусь Жене",
    ),
    Name(
        "Саша Сковорода",
        None,
        "Здравствуйте, Саша Сковорода!",
        "Сковороде С.",
        "Сковороде Саше",
    ),
    Name(
        "Иван Петрович",
        "male",
        "Уважаемый Иван Петрович!",
        "Ивану Петровичу",
        "Ивану Петровичу",
    ),
    Name(
        "Иванов И. П.",
        "male",
        "Уважаемый господин Иванов!",
        "Иванову И. П.",
        "Иванову И. П.",
    ),
    Name(
        "Иванова А.С.",
        "female",
        "Уважаемая госпожа Иванова!",
        "Ивановой А. С.",
        "Ивановой А. С.",
    ),
    Name(
        "ИВАНОВ  ИВАН  ПЕТРОВИЧ",
        "male",
        "Уважаемый Иван Петрович!",
        "Иванову И. П.",
        "Иванову Ивану Петровичу",
    ),
    Name(
        "Jean Claude Dupont",
        None,
        "Здравствуйте, Jean Claude Dupont!",
        "Jean Claude Dupont",
        "Jean Claude Dupont",
    ),
]
NAME_IDS = [row.written for row in NAMES]


@pytest.mark.parametrize("row", NAMES, ids=NAME_IDS)
def test_gender(row: Name) -> None:
    assert parse_person(row.written).gender == row.gender


@pytest.mark.parametrize("row", NAMES, ids=NAME_IDS)
def test_salutation(row: Name) -> None:
    assert salutation(row.written) == row.greeting


@pytest.mark.parametrize("row", NAMES, ids=NAME_IDS)
def test_dative_short(row: Name) -> None:
    assert dative_short(row.written) == row.short


@pytest.mark.parametrize("row", NAMES, ids=NAME_IDS)
def test_dative_full(row: Name) -> None:
    assert dative_full(row.written) == row.dative


@pytest.mark.parametrize(
    ("name", "last", "first", "middle"),
    [
        ("Иванов Иван Петрович", "Иванов", "Иван", "Петрович"),
        ("Иван Петрович Иванов", "Иванов", "Иван", "Петрович"),
        ("Абрамович Роман Аркадьевич", "Абрамович", "Роман", "Аркадьевич"),
        ("Роман Аркадьевич Абрамович", "Абрамович", "Роман", "Аркадьевич"),
        ("Мамедов Рашид Ибрагим-оглы", "Мамедов", "Рашид", "Ибрагим оглы"),
        ("Анна Петрова", "Петрова", "Анна", ""),
        ("Петрова Анна", "Петрова", "Анна", ""),
        ("Саша Ким", "Ким", "Саша", ""),
        ("Ким Анна", "Ким", "Анна", ""),
        ("Иванов И.П.", "Иванов", "И.", "П."),
        ("Петров", "Петров", "", ""),
        ("Анна", "", "Анна", ""),
        ("  иванова   мария  ", "Иванова", "Мария", ""),
    ],
    ids=[
        "ФИО",
        "ИОФ",
        "ФИО, surname in -ич",
        "ИОФ, surname in -ич",
        "оглы with a hyphen",
        "ИФ",
        "ФИ",
        "ИФ, neither word tells",
        "ФИ, known first name second",
        "initials without spaces",
        "surname only",
        "first name only",
        "lower case, extra spaces",
    ],
)
def test_parse_person_order(name: str, last: str, first: str, middle: str) -> None:
    person = parse_person(name)
    assert (person.last, person.first, person.middle) == (last, first, middle)


@pytest.mark.parametrize(
    "name",
    ["", "   ", "Иванов 2", "Иванов Иван <script>"],
    ids=["empty", "blank", "digit", "markup"],
)
def test_parse_person_rejects(name: str) -> None:
    with pytest.raises(ValueError):
        parse_person(name)


def test_salutation_never_leaves_an_empty_name() -> None:
    assert "Уважаемый ," not in salutation("Петров")
    assert salutation("Петров") == "Уважаемый господин Петров!"
    assert salutation("Анна") == "Уважаемая Анна!"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("125 000,50", "125000.50"),
        ("125000.50", "125000.50"),
        ("125 000 ₽", "125000.00"),
        ("125 000 руб.", "125000.00"),
        ("125\u00a0000,50\u00a0руб.", "125000.50"),
        ("125\u202f000,50", "125000.50"),
        ("1,250.00", "1250.00"),
        ("1.250,00", "1250.00"),
        ("USD 1,250", "1250.00"),
        ("$1,250.00", "1250.00"),
        ("1 250 долл. США", "1250.00"),
        ("1,5", "1.50"),
        ("0.05", "0.05"),
        ("21", "21.00"),
        ("1 000 000", "1000000.00"),
    ],
    ids=[
        "ru decimal comma",
        "decimal dot",
        "rouble sign",
        "руб.",
        "no-break spaces",
        "narrow no-break space",
        "en thousands comma",
        "de thousands dot",
        "USD prefix, comma thousands",
        "dollar sign",
        "долл. США",
        "one decimal",
        "kopecks only",
        "whole",
        "millions",
    ],
)
def test_parse_money(text: str, expected: str) -> None:
    assert parse_money(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("сто рублей", "not an amount"),
        ("12 abc", "not a currency"),
        ("-5", "negative"),
        ("1,2345", "two digits"),
        ("0,125", "two digits"),
        ("1.2.3", "not an amount"),
        ("1,250,00", "not an amount"),
    ],
    ids=[
        "empty",
        "words",
        "unknown currency",
        "negative",
        "four decimals",
        "three decimals",
        "dots everywhere",
        "bad grouping",
    ],
)
def test_parse_money_rejects(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_money(text)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("125000.50"), "125 000,50 руб."),
        (Decimal("21"), "21,00 руб."),
        (Decimal("1001.01"), "1 001,01 руб."),
        (Decimal("0.005"), "0,01 руб."),
        (Decimal("-125"), "-125,00 руб."),
        (1000000, "1 000 000,00 руб."),
        ("125 000,5", "125 000,50 руб."),
    ],
    ids=["kopecks", "whole", "thousand", "half a kopeck rounds up", "negative", "int", "text"],
)
def test_format_money_ru(amount: Decimal | int | str, expected: str) -> None:
    assert format_money_ru(amount) == expected


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("125000.50", "RUB", "125 000,50 руб. (сто двадцать пять тысяч рублей 50 копеек)"),
        ("21", "RUB", "21,00 руб. (двадцать один рубль 00 копеек)"),
        ("1001.01", "RUB", "1 001,01 руб. (одна тысяча один рубль 01 копейка)"),
        ("2", "RUB", "2,00 руб. (два рубля 00 копеек)"),
        ("5.05", "RUB", "5,05 руб. (пять рублей 05 копеек)"),
        ("11.11", "RUB", "11,11 руб. (одиннадцать рублей 11 копеек)"),
        ("121.22", "RUB", "121,22 руб. (сто двадцать один рубль 22 копейки)"),
        ("0.01", "RUB", "0,01 руб. (ноль рублей 01 копейка)"),
        ("1000000", "RUB", "1 000 000,00 руб. (один миллион рублей 00 копеек)"),
        (
            "2002002.02",
            "RUB",
            "2 002 002,02 руб. (два миллиона две тысячи два рубля 02 копейки)",
        ),
        (
            "1250",
            "USD",
            "1 250,00 долл. США (одна тысяча двести пятьдесят долларов США 00 центов)",
        ),
        ("3", "EUR", "3,00 евро (три евро 00 центов)"),
    ],
    ids=[
        "design doc example",
        "21 рубль",
        "одна тысяча один",
        "2 рубля",
        "5 рублей",
        "11 рублей",
        "121 рубль 22 копейки",
        "zero roubles",
        "million",
        "две тысячи",
        "dollars",
        "euro",
    ],
)
def test_money_in_words_ru(amount: str, currency: str, expected: str) -> None:
    assert money_in_words_ru(Decimal(amount), currency) == expected


def test_money_refuses_float_and_unknown_currency() -> None:
    with pytest.raises(TypeError, match="float"):
        format_money_ru(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown currency 'XYZ'"):
        money_in_words_ru(Decimal(1), "XYZ")
    with pytest.raises(ValueError, match="negative"):
        money_in_words_ru(Decimal(-1))


PLURALS = [
    (0, "дней"),
    (1, "день"),
    (2, "дня"),
    (4, "дня"),
    (5, "дней"),
    (11, "дней"),
    (12, "дней"),
    (14, "дней"),
    (21, "день"),
    (22, "дня"),
    (25, "дней"),
    (101, "день"),
    (111, "дней"),
    (1000, "дней"),
    (-1, "день"),
    (Decimal("1.5"), "дня"),
    (Decimal("2.00"), "дня"),
]


@pytest.mark.parametrize(("n", "expected"), PLURALS, ids=[f"{n} {word}" for n, word in PLURALS])
def test_plural_ru(n: int | Decimal, expected: str) -> None:
    assert plural_ru(n, "день", "дня", "дней") == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [(5, "5 дней"), (21, "21 день"), (Decimal("1.5"), "1,5 дня")],
    ids=["5", "21", "fraction"],
)
def test_count_ru(n: int | Decimal, expected: str) -> None:
    assert count_ru(n, "день", "дня", "дней") == expected


@pytest.mark.parametrize(
    ("n", "working", "expected"),
    [
        (10, True, "10 рабочих дней"),
        (1, True, "1 рабочий день"),
        (3, True, "3 рабочих дня"),
        (21, True, "21 рабочий день"),
        (3, False, "3 календарных дня"),
        (14, False, "14 календарных дней"),
        (30, False, "30 календарных дней"),
        (1, False, "1 календарный день"),
    ],
    ids=["10 working", "1 working", "3 working", "21 working", "3", "14", "30", "1"],
)
def test_days_ru(n: int, working: bool, expected: str) -> None:
    assert days_ru(n, working) == expected


FILTERS = template_filters()


@pytest.mark.parametrize(
    ("name", "args", "expected"),
    [
        ("salutation", ("Иванов Иван Петрович", "ru"), "Уважаемый Иван Петрович!"),
        ("salutation", ("Anna Smith", "en"), "Dear Anna Smith,"),
        ("dative_short", ("Петрова-Водкина Мария Ивановна",), "Петровой-Водкиной М. И."),
        ("dative_full", ("Иванов Иван Петрович",), "Иванову Ивану Петровичу"),
        ("money", (Decimal("125000.5"), "ru"), "125 000,50 руб."),
        ("money", ("1250", "en"), "USD 1,250.00"),
        ("money_words", (Decimal(21), "ru"), "21,00 руб. (двадцать один рубль 00 копеек)"),
        (
            "money_words",
            (Decimal(1250), "en", "USD"),
            "USD 1,250.00 (one thousand two hundred fifty dollars and 00 cents)",
        ),
        ("date", (date(2026, 11, 22), "ru"), "22 ноября 2026 г."),
        ("date", ("2026-11-22", "en", "numeric"), "2026-11-22"),
        ("plural_ru", (5, "день", "дня", "дней"), "дней"),
        ("count_ru", (2, "день", "дня", "дней"), "2 дня"),
        ("add_days", (date(2026, 11, 20), 1, True), date(2026, 11, 23)),
        ("add_days", ("20.11.2026", 10), date(2026, 11, 30)),
        ("days", (10, "ru", True), "10 рабочих дней"),
        ("days", (10, "en", True), "10 working days"),
    ],
    ids=[
        "salutation ru",
        "salutation en",
        "dative_short",
        "dative_full",
        "money ru",
        "money en from text",
        "money_words ru",
        "money_words en",
        "date ru long",
        "date en numeric from text",
        "plural_ru",
        "count_ru",
        "add_days working",
        "add_days from text",
        "days ru",
        "days en",
    ],
)
def test_template_filters(name: str, args: tuple[object, ...], expected: object) -> None:
    assert FILTERS[name](*args) == expected


def test_filter_rejects_unknown_language() -> None:
    with pytest.raises(ValueError, match="unsupported language 'de'"):
        FILTERS["money"](Decimal(1), "de")


def test_import_is_cheap() -> None:
    """Importing the package loads none of the language libraries (start-up budget)."""
    code = (
        "import sys, replykit.lang, replykit.lang.ru, replykit.lang.en, replykit.lang.dates\n"
        "heavy = {'pytrovich', 'num2words', 'babel'} & {m.split('.')[0] for m in sys.modules}\n"
        "assert not heavy, heavy\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    # A fresh interpreter: this one has long imported the language libraries.
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


FORMAL_YOU = [
    ("мы свяжемся с вами", "мы свяжемся с Вами"),
    ("ваше обращение и ваш заказ", "Ваше обращение и Ваш заказ"),
    ("вышли вовремя, выбор за вами", "вышли вовремя, выбор за Вами"),
    ("Вас это устроит?", "Вас это устроит?"),
    ("вашему и вашими", "Вашему и Вашими"),
    ("Лаваш ваш", "Лаваш Ваш"),
]


@pytest.mark.parametrize(("text", "expected"), FORMAL_YOU, ids=[t for t, _ in FORMAL_YOU])
def test_formal_you_capitalises_every_form_and_nothing_else(text: str, expected: str) -> None:
    from replykit.lang.ru import formal_you

    assert formal_you(text) == expected
