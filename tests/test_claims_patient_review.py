"""patient-review: every fixed claim is printed only when an answer supports it.

Each row renders a small answer set through ``replykit.compose`` and says which phrase must be
in the letter and which must not. The reply day is pinned to Friday 20 November 2026 (conftest),
so a plan date of 25 November reads "by Wednesday" / «к среде».
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from replykit import compose

BASE: dict[str, dict[str, Any]] = {
    "ru": {
        "variant": "negative",
        "customer_name": "Анна",
        "company_name": "Клиника «Здоровье»",
        "concern": "waiting",
        "visit_date": "12.11.2026",
        "department": "стоматология",
        "doctor": "Иванова Е. П.",
        "treatment_details": "после удаления зуба вам не объяснили, как ухаживать за лункой",
        "plan_actions": ["проведём разбор случая с заведующим отделением"],
        "plan_date": "25.11.2026",
        "contact": "+7 495 765-43-21",
        "signer_name": "Ирина Ковалёва",
        "signer_position": "заместитель главного врача по качеству",
    },
    "en": {
        "variant": "negative",
        "customer_name": "Emily",
        "company_name": "Riverside Family Clinic",
        "concern": "waiting",
        "visit_date": "12.11.2026",
        "department": "dental surgery",
        "doctor": "Dr Helen Shaw",
        "treatment_details": "after the extraction nobody explained the aftercare",
        "plan_actions": ["The head of department will go through your case with the doctor"],
        "plan_date": "25.11.2026",
        "contact": "020 7946 0321",
        "signer_name": "Irene Cole",
        "signer_position": "Patient Care Manager",
    },
}

POSITIVE: dict[str, dict[str, Any]] = {
    "ru": {
        "variant": "positive",
        "customer_name": "Павел Андреевич",
        "company_name": "Клиника «Здоровье»",
        "named_staff": "доктор Елена Смирнова",
        "signer_name": "Ирина Ковалёва",
        "signer_position": "заместитель главного врача по качеству",
    },
    "en": {
        "variant": "positive",
        "customer_name": "James",
        "company_name": "Riverside Family Clinic",
        "named_staff": "Dr Helen Shaw",
        "signer_name": "Irene Cole",
        "signer_position": "Patient Care Manager",
    },
}

HOW_YOU_FEEL = {"ru": r"как [Вв]ы (сейчас )?себя чувствуете", "en": r"how you are (feeling|now)"}
SENT_PRIVATELY = {
    "ru": r"написали вам лично|личное сообщение",
    "en": r"written to you privately|sent you a private",
}
GRATEFUL_CLOSING = {"ru": r"^С благодарностью,", "en": r"^With thanks,"}


def draft(lang: str, channel: str, base: dict[str, Any] | None = None, **changes: Any) -> str:
    answers = dict(base if base is not None else BASE[lang])
    answers.update(changes)
    answers = {k: v for k, v in answers.items() if v is not None}
    return compose("patient-review", answers, lang=lang, channel=channel).text


def has(pattern: str, text: str) -> bool:
    return re.search(pattern, text, re.MULTILINE) is not None


LANGS = ["ru", "en"]


# --- who is asked how they feel ------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("channel", "author", "asked"),
    [
        ("email", "patient", True),
        ("chat", "patient", True),
        ("email", "relative", False),
        ("chat", "relative", False),
        ("public", "patient", False),
        ("public", "relative", False),
    ],
)
def test_only_the_patient_is_asked_how_they_feel(
    lang: str, channel: str, author: str, asked: bool
) -> None:
    text = draft(lang, channel, author=author)
    assert has(HOW_YOU_FEEL[lang], text) is asked, text


@pytest.mark.parametrize("lang", LANGS)
def test_a_relative_is_asked_about_the_patient(lang: str) -> None:
    text = draft(lang, "email", author="relative")
    assert has({"ru": r"[Вв]аш\w* близк", "en": r"your family member"}[lang], text), text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("author", "own_visit"), [("patient", True), ("relative", False)])
def test_the_details_request_asks_the_patient_about_their_own_visit(
    lang: str, author: str, own_visit: bool
) -> None:
    text = draft(lang, "chat", author=author, missing_details=["date"])
    pattern = {"ru": r"когда [Вв]ы были у нас", "en": r"when you visited us"}[lang]
    assert has(pattern, text) is own_visit, text


# --- what a public reply may say ---------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("contacted", "claimed"), [(None, False), (False, False), (True, True)])
def test_a_private_message_is_claimed_only_when_one_was_sent(
    lang: str, contacted: bool | None, claimed: bool
) -> None:
    text = draft(lang, "public", contacted_privately=contacted)
    assert has(SENT_PRIVATELY[lang], text) is claimed, text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("contacted", "dated"), [(False, False), (True, True)])
def test_a_public_reply_names_a_date_only_after_private_contact(
    lang: str, contacted: bool, dated: bool
) -> None:
    text = draft(lang, "public", contacted_privately=contacted)
    assert has({"ru": r"к среде", "en": r"by Wednesday"}[lang], text) is dated, text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("channel", ["email", "chat"])
def test_private_replies_never_claim_a_separate_private_message(lang: str, channel: str) -> None:
    assert not has(SENT_PRIVATELY[lang], draft(lang, channel))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("author", ["patient", "relative"])
def test_a_public_reply_prints_no_health_details(lang: str, author: str) -> None:
    text = draft(lang, "public", author=author, missing_details=["date", "doctor"])
    leaks = {
        "ru": ["12 ноября", "Иванова", "стоматолог", "удален", "лунк", "самочувстви", "здоровье"],
        "en": ["12 November", "Shaw", "dental", "extraction", "aftercare", "feeling", "health"],
    }[lang]
    assert [w for w in leaks if w.lower() in text.lower()] == [], text


@pytest.mark.parametrize("lang", LANGS)
def test_a_one_item_request_is_not_called_a_few_details(lang: str) -> None:
    for channel in ("public", "chat"):
        text = draft(lang, channel, missing_details=["what_happened"])
        assert not has(r"a few details|нескольких подробностей|подробности:", text), text


# --- dates, contacts, closings -------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "words"), [("ru", "к среде, 25 ноября,"), ("en", "by Wednesday")])
@pytest.mark.parametrize("channel", ["email", "chat"])
def test_the_plan_date_is_written_relative_to_the_reply_day(
    lang: str, words: str, channel: str
) -> None:
    text = draft(lang, channel)
    assert words in text and "2026" not in text.split("\n\n", 2)[-1], text


@pytest.mark.parametrize(
    ("lang", "contact", "present", "absent"),
    [
        ("en", "020 7946 0321", "call us on 020 7946 0321", "write"),
        ("en", "care@riversideclinic.co.uk", "write to", "call"),
        ("ru", "+7 495 765-43-21", "позвоните нам по телефону", "напишите"),
        ("ru", "care@zdorovie.ru", "напишите нам на care@zdorovie.ru", "позвоните"),
    ],
)
@pytest.mark.parametrize("channel", ["email", "public"])
def test_the_contact_wording_follows_the_contact(
    lang: str, contact: str, present: str, absent: str, channel: str
) -> None:
    text = draft(lang, channel, contact=contact)
    assert present in text and absent not in text.lower(), text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("variant", "grateful_ok"), [("negative", False), ("positive", True)])
def test_no_grateful_closing_under_a_complaint(lang: str, variant: str, grateful_ok: bool) -> None:
    text = draft(lang, "email", POSITIVE[lang] if variant == "positive" else BASE[lang])
    if not grateful_ok:
        assert not has(GRATEFUL_CLOSING[lang], text), text
    assert has(r"^(С уважением,|С благодарностью,|Yours sincerely,|Kind regards,)$", text), text


def test_a_thank_you_email_in_russian_closes_with_thanks() -> None:
    assert has(GRATEFUL_CLOSING["ru"], draft("ru", "email", POSITIVE["ru"]))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("variant", "subject"), [("negative", "Your appointment"), ("positive", "Thank you")]
)
def test_positive_and_negative_subjects_differ(lang: str, variant: str, subject: str) -> None:
    text = draft(lang, "email", POSITIVE[lang] if variant == "positive" else BASE[lang])
    expected = {"Your appointment": "Ваше обращение о приёме", "Thank you": "Спасибо за Ваш отзыв"}
    first = text.splitlines()[0]
    assert (expected[subject] if lang == "ru" else subject) in first, first


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("offer", "shown"), [(None, False), ("We will refund the difference", True)]
)
def test_no_health_line_for_a_billing_complaint_without_an_offer(
    lang: str, offer: str | None, shown: bool
) -> None:
    text = draft(lang, "email", concern="billing", care_offer=offer)
    assert has(HOW_YOU_FEEL[lang], text) is shown, text


@pytest.mark.parametrize("lang", LANGS)
def test_a_thank_you_does_not_invite_the_patient_back(lang: str) -> None:
    for channel in ("public", "email", "chat"):
        text = draft(lang, channel, POSITIVE[lang])
        assert not has(r"see you again|видеть вас снова|снова к нам", text), text


def test_a_title_gives_the_formal_english_salutation() -> None:
    text = draft("en", "email", customer_name="David Price", recipient_title="Mr")
    assert "Dear Mr Price," in text and "David" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_public_reply_is_signed_in_one_line(lang: str) -> None:
    text = draft(lang, "public")
    assert (
        text.rstrip().splitlines()[-1]
        == f"{BASE[lang]['signer_name']}, {BASE[lang]['signer_position']}"
    )
    assert not has(r"^(С уважением|Kind regards|Yours sincerely)", text), text


# --- Russian: «Вы» and agreement -----------------------------------------------------------------

YOU_LOWER = re.compile(r"(?<![\w-])(вы|вас|вам|ваш\w*)(?![\w-])")
YOU_UPPER_MID = re.compile(r"(?<=[^.!?\n] )(Вы|Вас|Вам|Ваш\w*)(?![\w-])")


@pytest.mark.parametrize("channel", ["email", "chat"])
@pytest.mark.parametrize("author", ["patient", "relative"])
def test_a_private_russian_reply_capitalises_vy(channel: str, author: str) -> None:
    text = draft("ru", channel, author=author, missing_details=["date", "doctor"])
    assert YOU_LOWER.findall(text) == [], text
    assert "Вы" in text or "Вас" in text or "Вам" in text


@pytest.mark.parametrize("base", [BASE["ru"], POSITIVE["ru"]])
def test_a_public_russian_reply_keeps_vy_lower_case(base: dict[str, Any]) -> None:
    text = draft("ru", "public", base, missing_details=["date"] if base is BASE["ru"] else None)
    assert YOU_UPPER_MID.findall(text) == [], text


@pytest.mark.parametrize(("signer", "word"), [("Ирина Ковалёва", "сама"), ("Михаил Орлов", "сам")])
def test_the_signer_handling_it_agrees_in_gender(signer: str, word: str) -> None:
    text = draft("ru", "chat", signer_name=signer)
    assert f"я занимаюсь {word}." in text, text
