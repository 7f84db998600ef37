"""Salutations and closings by form of address, locale and channel (replykit.lang.address)."""

from __future__ import annotations

import re

import pytest

from replykit.lang.address import FILTERS, Greeting, closing, greeting, parse_title, salutation


@pytest.mark.parametrize(
    ("typed", "title", "name"),
    [
        ("Mr David Price", "Mr", "David Price"),
        ("Mr. David Price", "Mr", "David Price"),
        ("mr david price", "Mr", "david price"),
        ("Dr. Khan", "Dr", "Khan"),
        ("Doctor Amara Okafor", "Dr", "Amara Okafor"),
        ("Ms Ellis", "Ms", "Ellis"),
        ("Mrs Margaret Ellis", "Mrs", "Margaret Ellis"),
        ("Miss Jones", "Miss", "Jones"),
        ("Mx Sam Taylor", "Mx", "Sam Taylor"),
        ("Prof Smith", "Prof", "Smith"),
        ("PROFESSOR  Jane   Smith", "Prof", "Jane Smith"),
        ("Sir David Attenborough", "Sir", "David Attenborough"),
        ("Dame Judi Dench", "Dame", "Judi Dench"),
        ("Mrs", "Mrs", ""),
        ("David Price", None, "David Price"),
        ("Mrinal Sen", None, "Mrinal Sen"),
        ("Missy Elliott", None, "Missy Elliott"),
        ("Drew Barry", None, "Drew Barry"),
        ("  Margaret  ", None, "Margaret"),
        ("Анна Петрова", None, "Анна Петрова"),
    ],
)
def test_parse_title(typed: str, title: str | None, name: str) -> None:
    assert parse_title(typed) == (title, name)


EN = [
    # (name, locale, form, channel, title, salutation, closing)
    ("David Price", "en-GB", "formal", "letter", "Mr", "Dear Mr Price,", "Yours sincerely,"),
    ("Mr David Price", "en-GB", "formal", "letter", None, "Dear Mr Price,", "Yours sincerely,"),
    ("Mr David Price", "en-GB", "formal", "letter", "Mr", "Dear Mr Price,", "Yours sincerely,"),
    ("Dr. Khan", "en-GB", "formal", "letter", None, "Dear Dr Khan,", "Yours sincerely,"),
    ("Margaret Ellis", "en-GB", "formal", "email", "Ms", "Dear Ms Ellis,", "Yours sincerely,"),
    (
        "Prof Jane Smith",
        "en-GB",
        "formal",
        "letter",
        None,
        "Dear Professor Smith,",
        "Yours sincerely,",
    ),
    (
        "Sir David Attenborough",
        "en-GB",
        "formal",
        "letter",
        None,
        "Dear Sir David,",
        "Yours sincerely,",
    ),
    (
        "Ms Anna van der Berg",
        "en-GB",
        "formal",
        "letter",
        None,
        "Dear Ms van der Berg,",
        "Yours sincerely,",
    ),
    ("David Price", "en-GB", "formal", "letter", None, "Dear David Price,", "Yours sincerely,"),
    ("Margaret Ellis", "en-GB", "first_name", "email", None, "Dear Margaret,", "Kind regards,"),
    ("Mrs Margaret Ellis", "en-GB", "first_name", "email", None, "Dear Margaret,", "Kind regards,"),
    ("Margaret Ellis", "en-GB", "first_name", "letter", None, "Dear Margaret,", "Yours sincerely,"),
    ("Dr Khan", "en-GB", "first_name", "email", None, "Dear Dr Khan,", "Yours sincerely,"),
    ("", "en-GB", "unknown", "letter", None, "Dear Sir or Madam,", "Yours faithfully,"),
    ("", "en-GB", "formal", "letter", None, "Dear Sir or Madam,", "Yours faithfully,"),
    ("Sir or Madam", "en-GB", "formal", "letter", None, "Dear Sir or Madam,", "Yours faithfully,"),
    ("David Price", "en-GB", "unknown", "email", "Mr", "Dear Sir or Madam,", "Yours faithfully,"),
    ("Margaret Ellis", "en-GB", "first_name", "chat", None, "Hi Margaret,", ""),
    ("Margaret Ellis", "en-GB", "formal", "public", "Ms", "Hello Ms Ellis,", ""),
    ("", "en-GB", "unknown", "public", None, "Hello,", ""),
    ("David Price", "en-US", "formal", "letter", "Mr", "Dear Mr. Price:", "Sincerely,"),
    ("Mr. David Price", "en-US", "formal", "email", None, "Dear Mr. Price,", "Sincerely,"),
    ("Dr Amara Okafor", "en-US", "formal", "letter", None, "Dear Dr. Okafor:", "Sincerely,"),
    ("Miss Jones", "en-US", "formal", "letter", None, "Dear Miss Jones:", "Sincerely,"),
    ("Prof Smith", "en-US", "formal", "letter", None, "Dear Professor Smith:", "Sincerely,"),
    ("David Price", "en-US", "formal", "letter", None, "Dear David Price:", "Sincerely,"),
    ("", "en-US", "unknown", "letter", None, "Dear Sir or Madam:", "Sincerely,"),
    ("Margaret Ellis", "en-US", "first_name", "email", None, "Dear Margaret,", "Best regards,"),
    ("Margaret Ellis", "en-US", "first_name", "letter", None, "Dear Margaret:", "Sincerely,"),
    ("Margaret Ellis", "en-US", "first_name", "chat", None, "Hi Margaret,", ""),
    ("Mr David Price", "en", "formal", "letter", None, "Dear Mr Price,", "Yours sincerely,"),
]


@pytest.mark.parametrize(
    ("name", "locale", "form", "channel", "title", "expected_salutation", "expected_closing"),
    EN,
    ids=[f"{r[1]} {r[2]} {r[3]} {r[0] or '-'}" for r in EN],
)
def test_english(
    name: str,
    locale: str,
    form: str,
    channel: str,
    title: str | None,
    expected_salutation: str,
    expected_closing: str,
) -> None:
    result = greeting(name, locale, form, channel, title=title)  # type: ignore[arg-type]
    assert result == Greeting(expected_salutation, expected_closing)
    assert salutation(name, locale, form, channel, title=title) == expected_salutation  # type: ignore[arg-type]
    assert closing(name, locale, form, channel, title=title) == expected_closing  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("channel", "expected"),
    [("letter", ("Hello,", "Yours sincerely,")), ("email", ("Hello,", "Kind regards,"))],
)
def test_english_unknown_without_dear(channel: str, expected: tuple[str, str]) -> None:
    got = greeting("", "en-GB", "unknown", channel, dear_unknown=False)  # type: ignore[arg-type]
    assert (got.salutation, got.closing) == expected


def test_english_never_prints_a_title_twice_or_guesses_one() -> None:
    for name in ["Mr David Price", "Mrs Margaret Ellis", "Dr Amara Okafor"]:
        line = salutation(name, "en-GB")
        assert len(re.findall(r"\b(?:Mr|Mrs|Dr)\b", line)) == 1, line
    assert salutation("Daniel Byrne", "en-GB") == "Dear Daniel Byrne,"


RU = [
    # (name, form, channel, kwargs, salutation, closing)
    ("Иван Петрович Сидоров", "formal", "letter", {}, "Уважаемый Иван Петрович!", "С уважением,"),
    ("Петрова Анна Сергеевна", "formal", "email", {}, "Уважаемая Анна Сергеевна!", "С уважением,"),
    ("Иванов", "formal", "letter", {}, "Уважаемый господин Иванов!", "С уважением,"),
    ("Саша Ким", "formal", "letter", {}, "Здравствуйте, Саша Ким!", "С уважением,"),
    ("Саша Ким", "formal", "letter", {"gender": "female"}, "Уважаемая Саша Ким!", "С уважением,"),
    ("Иван Петрович Сидоров", "formal", "chat", {}, "Здравствуйте, Иван Петрович!", ""),
    ("Анна Петрова", "first_name", "chat", {}, "Здравствуйте, Анна!", ""),
    ("Анна Петрова", "first_name", "email", {}, "Здравствуйте, Анна!", "С уважением,"),
    ("Иванов И. П.", "first_name", "chat", {}, "Здравствуйте, господин Иванов!", ""),
    ("", "unknown", "letter", {}, "Уважаемый клиент!", "С уважением,"),
    ("", "formal", "email", {}, "Уважаемый клиент!", "С уважением,"),
    ("", "unknown", "letter", {"dear_unknown": False}, "Здравствуйте!", "С уважением,"),
    ("", "unknown", "public", {}, "Здравствуйте!", ""),
    (
        "Анна Петрова",
        "formal",
        "letter",
        {"thanks": True},
        "Уважаемая Анна Петрова!",
        "С благодарностью,",
    ),
    (
        "Анна Петрова",
        "formal",
        "letter",
        {"thanks": True, "negative": True},
        "Уважаемая Анна Петрова!",
        "С уважением,",
    ),
]


@pytest.mark.parametrize(
    ("name", "form", "channel", "kwargs", "expected_salutation", "expected_closing"),
    RU,
    ids=[f"{r[1]} {r[2]} {r[0] or '-'} {sorted(r[3])}" for r in RU],
)
def test_russian(
    name: str,
    form: str,
    channel: str,
    kwargs: dict[str, object],
    expected_salutation: str,
    expected_closing: str,
) -> None:
    result = greeting(name, "ru", form, channel, **kwargs)  # type: ignore[arg-type]
    assert result == Greeting(expected_salutation, expected_closing)


def test_russian_never_thanks_under_a_refusal() -> None:
    for channel in ("letter", "email"):
        line = closing("Анна Петрова", "ru", "formal", channel, negative=True, thanks=True)  # type: ignore[arg-type]
        assert "благодарност" not in line


@pytest.mark.parametrize(
    ("form", "channel", "message"),
    [
        ("polite", "letter", "unknown form of address 'polite'"),
        ("formal", "sms", "unknown channel 'sms'"),
    ],
)
def test_rejects(form: str, channel: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        greeting("Anna Smith", "en", form, channel)  # type: ignore[arg-type]


def test_address_filters() -> None:
    assert set(FILTERS) == {"closing_line", "greeting", "salutation_line", "split_title"}
    assert FILTERS["salutation_line"]("Mr David Price", "en-US") == "Dear Mr. Price:"
