"""Locales and en-US spelling (replykit.lang.locale)."""

from __future__ import annotations

import pytest

from replykit.lang.locale import FILTERS, LOCALES, US_SPELLING, Locale, get_locale, localise


@pytest.mark.parametrize(
    ("typed", "tag", "language", "babel", "currency"),
    [
        ("ru", "ru", "ru", "ru_RU", "RUB"),
        ("ru-RU", "ru", "ru", "ru_RU", "RUB"),
        ("ru_ru", "ru", "ru", "ru_RU", "RUB"),
        ("en", "en-GB", "en", "en_GB", "GBP"),
        ("en-GB", "en-GB", "en", "en_GB", "GBP"),
        ("EN_gb", "en-GB", "en", "en_GB", "GBP"),
        ("en-US", "en-US", "en", "en_US", "USD"),
        ("en_us", "en-US", "en", "en_US", "USD"),
        (" en-us ", "en-US", "en", "en_US", "USD"),
    ],
)
def test_get_locale(typed: str, tag: str, language: str, babel: str, currency: str) -> None:
    loc = get_locale(typed)
    assert (loc.tag, loc.language, loc.babel, loc.currency) == (tag, language, babel, currency)
    assert str(loc) == tag
    assert get_locale(loc) is loc


@pytest.mark.parametrize("typed", ["de", "en-AU", "", "russian", "fr-FR"])
def test_unknown_locale_lists_the_choices(typed: str) -> None:
    with pytest.raises(ValueError, match=r"unknown locale .*ru, en-GB, en-US"):
        get_locale(typed)


def test_locales_registry() -> None:
    assert list(LOCALES) == ["ru", "en-GB", "en-US"]
    assert all(isinstance(loc, Locale) for loc in LOCALES.values())
    assert get_locale("en-US").is_us and not get_locale("en").is_us


# One row per table entry a template is likely to use: British → American.
SPELLING = [
    ("We apologise for the delay.", "We apologize for the delay."),
    ("We apologised at once.", "We apologized at once."),
    ("He apologises.", "He apologizes."),
    ("apologising", "apologizing"),
    ("We realise this matters.", "We realize this matters."),
    ("We recognise the problem.", "We recognize the problem."),
    ("We will organise a visit.", "We will organize a visit."),
    ("your organisation", "your organization"),
    ("the organiser", "the organizer"),
    ("we prioritise safety", "we prioritize safety"),
    ("we authorised the refund", "we authorized the refund"),
    ("to minimise the wait", "to minimize the wait"),
    ("a personalised offer", "a personalized offer"),
    ("in two instalments", "in two installments"),
    ("the first instalment", "the first installment"),
    ("the colour of the sofa", "the color of the sofa"),
    ("colour-coded", "color-coded"),
    ("multi-colour", "multi-color"),
    ("Do us a favour.", "Do us a favor."),
    ("a favourable decision", "a favorable decision"),
    ("your favourite", "your favorite"),
    ("their behaviour", "their behavior"),
    ("we honour the price", "we honor the price"),
    ("the labour cost", "the labor cost"),
    ("your neighbours", "your neighbors"),
    ("the loyalty programme", "the loyalty program"),
    ("two programmes", "two programs"),
    ("we cancelled the order", "we canceled the order"),
    ("after cancelling", "after canceling"),
    ("to fulfil the order", "to fulfill the order"),
    ("order fulfilment", "order fulfillment"),
    ("she fulfils", "she fulfills"),
    ("enrol on the course", "enroll on the course"),
    ("enrolment closes", "enrollment closes"),
    ("60 licences", "60 licenses"),
    ("a driving licence", "a driving license"),
    ("the service centre", "the service center"),
    ("our catalogue", "our catalog"),
    ("a cheque for the balance", "a check for the balance"),
    ("two cheques", "two checks"),
    ("your chequebook", "your checkbook"),
    ("your enquiry", "your inquiry"),
    ("we analysed the logs", "we analyzed the logs"),
    ("in our judgement", "in our judgment"),
    ("an acknowledgement", "an acknowledgment"),
    ("the defence", "the defense"),
    ("frequent travellers", "frequent travelers"),
    ("paediatric care", "pediatric care"),
    ("under anaesthetic", "under anesthetic"),
    ("within 10 working days", "within 10 business days"),
    ("one working day", "one business day"),
    ("ten working\ndays", "ten business days"),
    ("5,000 roubles", "5,000 rubles"),
]


@pytest.mark.parametrize(("gb", "us"), SPELLING, ids=[gb for gb, _ in SPELLING])
def test_us_spelling(gb: str, us: str) -> None:
    assert localise(gb, "en-US") == us


# Words that look like table entries but must not change.
UNCHANGED = [
    "We advise you to wait.",
    "We promise to call.",
    "Please exercise caution.",
    "a nice surprise",
    "our expertise",
    "the enterprise plan",
    "we will revise the invoice",
    "the cancellation fee",
    "your cancellation",
    "the order was fulfilled",
    "she enrolled last year",
    "licensed to sell",
    "we will check the account",
    "a computer program",
    "Please check your analyses.",
    "rise and raise",
    "the wise choice",
    "apology",
    "colourless",  # not in the table: only known forms change
]


@pytest.mark.parametrize("text", UNCHANGED)
def test_us_spelling_leaves_alone(text: str) -> None:
    assert localise(text, "en-US") == text


@pytest.mark.parametrize(
    ("gb", "us"),
    [
        ("Apologise", "Apologize"),
        ("APOLOGISE", "APOLOGIZE"),
        ("Colour matters. Colour is key.", "Color matters. Color is key."),
        ("Cheques are accepted.", "Checks are accepted."),
        ("1. Instalments: two", "1. Installments: two"),
        ("- Colour: red", "- Color: red"),
        ('He said: "Colour first."', 'He said: "Color first."'),
    ],
)
def test_us_spelling_keeps_case(gb: str, us: str) -> None:
    assert localise(gb, "en-US") == us


@pytest.mark.parametrize(
    "text",
    [
        "Write to colour@example.com today.",
        "See www.colourshop.co.uk/colour for details.",
        "See https://example.com/programme now.",
        "visit favour.io",
        "Tickets at the Barbican Centre.",
        "the Ministry of Defence",
        "the Labour Party",
    ],
)
def test_us_spelling_skips_addresses_and_proper_names(text: str) -> None:
    assert localise(text, "en-US") == text


def test_keep_protects_a_name() -> None:
    assert localise("Organise with Colour Ltd", "en-US", keep=["Colour"]) == (
        "Organize with Colour Ltd"
    )
    assert localise("the colour team", "en-US", keep=["colour"]) == "the colour team"


@pytest.mark.parametrize("tag", ["ru", "en", "en-GB"])
def test_localise_is_identity_outside_en_us(tag: str) -> None:
    text = "We apologise for the cancelled programme; ваш заказ."
    assert localise(text, tag) == text


def test_table_is_lower_case_and_never_maps_to_itself() -> None:
    for gb, us in US_SPELLING.items():
        assert gb == gb.lower()
        assert gb != us


def test_filters() -> None:
    assert FILTERS["localise"]("the colour", "en-US") == "the color"
