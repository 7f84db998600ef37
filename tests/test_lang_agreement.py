"""Russian agreement: gender, number and the «Вы/Ваш» rule (replykit.lang.agreement)."""

from __future__ import annotations

import pytest

from replykit.lang.agreement import (
    FILTERS,
    NEUTRAL,
    WORDS,
    agree,
    agree_with,
    attached,
    noun_gender,
    you,
)

GENDER = [
    ("ответственный", "male", "ответственный"),
    ("ответственный", "female", "ответственная"),
    ("ответственный", "plural", "ответственные"),
    ("готов", "female", "готова"),
    ("готов", "plural", "готовы"),
    ("рад", "female", "рада"),
    ("должен", "female", "должна"),
    ("должен", "plural", "должны"),
    ("обратился", "female", "обратилась"),
    ("обратился", "plural", "обратились"),
    ("согласен", "female", "согласна"),
    ("благодарен", "female", "благодарна"),
    ("пришёл", "female", "пришла"),
    ("готов", None, "готов"),
    ("Готов", "female", "Готова"),
    ("Ответственный", None, "Ответственный"),
]


@pytest.mark.parametrize(("word", "gender", "expected"), GENDER)
def test_agree(word: str, gender: str | None, expected: str) -> None:
    assert agree(word, gender) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("word", "name", "expected"),
    [
        ("ответственный", "Татьяна Жук", "ответственная"),
        ("ответственный", "Игорь Черных", "ответственный"),
        ("обратился", "Петрова Анна Сергеевна", "обратилась"),
        ("готов", "Иванов Иван Иванович", "готов"),
        ("готов", "Саша Ким", "готов"),  # gender unknown: masculine
    ],
)
def test_agree_with(word: str, name: str, expected: str) -> None:
    assert agree_with(word, name) == expected


def test_agree_rejects_an_unknown_word() -> None:
    with pytest.raises(ValueError, match="no agreement forms for 'красивый'; known: "):
        agree("красивый", "female")


def test_tables_are_consistent() -> None:
    assert set(NEUTRAL) <= set(WORDS)
    for masculine, (feminine, plural) in WORDS.items():
        assert len({masculine, feminine, plural}) == 3


NOUNS = [
    ("расчёт задолженности", "masculine"),
    ("акт сверки", "masculine"),
    ("счёт", "masculine"),
    ("календарь платежей", "masculine"),
    ("выписка по счёту", "feminine"),
    ("копия договора", "feminine"),
    ("детализация начислений за апрель — май 2025 г.", "feminine"),
    ("ведомость", "feminine"),
    ("соглашение об урегулировании", "neuter"),
    ("письмо банка", "neuter"),
    ("платёжное поручение № 12", "neuter"),
    ("банковская выписка", "feminine"),
    ("фотографии", "plural"),
    ("документы", "plural"),
    ("банковские выписки", "plural"),
    ("новый договор", "masculine"),
    ("условие договора", "neuter"),
    ("следующие документы", "plural"),
]


@pytest.mark.parametrize(("phrase", "expected"), NOUNS)
def test_noun_gender(phrase: str, expected: str) -> None:
    assert noun_gender(phrase) == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["расчёт задолженности"], "приложен расчёт задолженности"),
        ("расчёт задолженности по месяцам", "приложен расчёт задолженности по месяцам"),
        (["детализация начислений"], "приложена детализация начислений"),
        (["соглашение об урегулировании"], "приложено соглашение об урегулировании"),
        (["фотографии повреждений"], "приложены фотографии повреждений"),
        (["расчёт", "акт"], "приложены: расчёт, акт"),
        (["расчёт", "", "акт сверки", "выписка"], "приложены: расчёт, акт сверки, выписка"),
    ],
)
def test_attached(items: list[str] | str, expected: str) -> None:
    assert attached(items) == expected


def test_attached_options_and_errors() -> None:
    assert attached(["счёт-фактура"], gender="masculine") == "приложен счёт-фактура"
    assert attached(["копия"], stem="направлен") == "направлена копия"
    with pytest.raises(ValueError, match="nothing is attached"):
        attached([" ", ""])


YOU = [
    # (text, formal_single=True, formal_single=False)
    (
        "Ваши требования удовлетворены. Сумму вернём на счёт вашей карты.",
        "Ваши требования удовлетворены. Сумму вернём на счёт Вашей карты.",
        "Ваши требования удовлетворены. Сумму вернём на счёт вашей карты.",
    ),
    (
        "Мы благодарим вас и Вашу семью.",
        "Мы благодарим Вас и Вашу семью.",
        "Мы благодарим вас и вашу семью.",
    ),
    (
        "Вы правы: ваш вывод верен, и выбор за вами.",
        "Вы правы: Ваш вывод верен, и выбор за Вами.",
        "Вы правы: ваш вывод верен, и выбор за вами.",
    ),
    (
        "Высокий выбор выводов: Васильев вышел.",
        "Высокий выбор выводов: Васильев вышел.",
        "Высокий выбор выводов: Васильев вышел.",
    ),
    (
        "Спасибо! Вам ответят. «Вы молодцы», — пишут нам.",
        "Спасибо! Вам ответят. «Вы молодцы», — пишут нам.",
        "Спасибо! Вам ответят. «Вы молодцы», — пишут нам.",
    ),
    (
        "Тема: Ваше обращение\n1. Вашему сыну\n- Ваш заказ",
        "Тема: Ваше обращение\n1. Вашему сыну\n- Ваш заказ",
        "Тема: ваше обращение\n1. Вашему сыну\n- Ваш заказ",
    ),
    (
        "Пишем Вам, вам и ВАМ; по-вашему — так.",
        "Пишем Вам, Вам и ВАМ; по-вашему — так.",
        "Пишем вам, вам и ВАМ; по-вашему — так.",
    ),
    (
        "с вашим, вашими, вашем, вашему, вашего, вашу, ваша, ваше, ваш, вас, вы",
        "с Вашим, Вашими, Вашем, Вашему, Вашего, Вашу, Ваша, Ваше, Ваш, Вас, Вы",
        "с вашим, вашими, вашем, вашему, вашего, вашу, ваша, ваше, ваш, вас, вы",
    ),
    ("", "", ""),
]


@pytest.mark.parametrize(("text", "single", "group"), YOU, ids=[y[0][:30] for y in YOU])
def test_you(text: str, single: str, group: str) -> None:
    assert you(text, formal_single=True) == single
    assert you(text, formal_single=False) == group


@pytest.mark.parametrize(("text", "single", "group"), YOU, ids=[y[0][:30] for y in YOU])
def test_you_is_idempotent(text: str, single: str, group: str) -> None:
    assert you(single, True) == single
    assert you(group, False) == group


def test_agreement_filters() -> None:
    assert set(FILTERS) == {"agree", "agree_with", "attached", "you"}
    assert FILTERS["you"]("для вас", True) == "для Вас"
