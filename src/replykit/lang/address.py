"""Forms of address: the salutation and the closing that goes with it, per locale and channel.

A letter addresses its reader in one of three forms:

* ``formal``: by title and surname ("Dear Mr Price,", «Уважаемый Иван Петрович!»);
* ``first_name``: "Dear Margaret,", «Здравствуйте, Анна!»;
* ``unknown``: nobody by name ("Dear Sir or Madam,", «Уважаемый клиент!»).

English rules (the reader's gender is never guessed: without a title a formal
salutation uses the full name, "Dear David Price,"):

=========  ======================  =====================  =====================
channel    en-GB                   en-US                  closing
=========  ======================  =====================  =====================
letter     Dear Mr Price,          Dear Mr. Price:        GB Yours sincerely,
                                                          US Sincerely,
letter     Dear Sir or Madam,      Dear Sir or Madam:     GB Yours faithfully,
                                                          US Sincerely,
email      Dear Mr Price,          Dear Mr. Price,        as the letter
email      Dear Margaret,          Dear Margaret,         GB Kind regards,
                                                          US Best regards,
chat       Hi Margaret, / Hello    the same               none (a signature
public     Mr Price, / Hello,                             line only)
=========  ======================  =====================  =====================

en-US letters put a colon after the salutation and a full stop after Mr.,
Mrs., Ms., Mx. and Dr.; US e-mail keeps the full stops and takes a comma,
which is what US business e-mail writes. "Kind regards" (GB) and "Best
regards" (US) close an e-mail to someone addressed by first name, or greeted
"Hello,", and nothing else; a letter by first name still closes "Yours
sincerely," / "Sincerely,".

Russian: «Уважаемый …!» / «Уважаемая …!» by the gender read from the name
(:func:`replykit.lang.ru.parse_person`) or given; «Здравствуйте, …!» when it
cannot be told, in chat and public replies, and by first name. An unknown
person is «Уважаемый клиент!» or «Здравствуйте!», decided by *dear_unknown*.
The closing is «С уважением,»; «С благодарностью,» only when asked for with
*thanks* and never under a negative reply.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from replykit.lang import ru
from replykit.lang.locale import Locale, get_locale
from replykit.lang.ru import Gender

__all__ = [
    "FILTERS",
    "Channel",
    "Form",
    "Greeting",
    "closing",
    "greeting",
    "parse_title",
    "salutation",
]

Form = Literal["formal", "first_name", "unknown"]
Channel = Literal["letter", "email", "chat", "public"]
_FORMS = ("formal", "first_name", "unknown")
_CHANNELS = ("letter", "email", "chat", "public")

# Typed title (lower case, no full stop) → its canonical British form.
_TITLES = {
    "mr": "Mr",
    "mrs": "Mrs",
    "ms": "Ms",
    "miss": "Miss",
    "mx": "Mx",
    "dr": "Dr",
    "doctor": "Dr",
    "prof": "Prof",
    "professor": "Prof",
    "sir": "Sir",
    "dame": "Dame",
}
# How a salutation writes the title: Professor in full; US full stops after abbreviations.
_IN_SALUTATION_GB = {"Prof": "Professor"}
_US_STOPS = frozenset({"Mr", "Mrs", "Ms", "Mx", "Dr"})
# Knights and dames are greeted by first name: "Dear Sir David".
_BY_FIRST_NAME = frozenset({"Sir", "Dame"})
# What people type into a name field when there is no name.
_NOBODY = frozenset(
    {"sir or madam", "sir/madam", "madam or sir", "to whom it may concern", "customer"}
)
# Lower-case particles that belong to the surname: Mr van der Berg, Ms de la Cruz.
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "la", "le", "da", "di", "du", "del"})
_TITLE = re.compile(r"^([A-Za-z]+)\.?(?:\s+|$)")


@dataclass(frozen=True)
class Greeting:
    """A salutation line and the closing line that matches it ("" where none is written)."""

    salutation: str
    closing: str


def parse_title(name: str) -> tuple[str | None, str]:
    """Split a typed name into (title, name): "Mr David Price" → ("Mr", "David Price").

    Recognises Mr, Mrs, Ms, Miss, Mx, Dr/Doctor, Prof/Professor, Sir and Dame,
    with or without a full stop, in any case; the title comes back in its
    canonical form ("Dr. Khan" → ("Dr", "Khan"), "PROF SMITH" → ("Prof",
    "SMITH")). Without a title: (None, the name with spaces tidied).
    """
    text = " ".join(name.split())
    match = _TITLE.match(text)
    if match and match.group(1).lower() in _TITLES:
        return _TITLES[match.group(1).lower()], text[match.end() :].strip()
    return None, text


def _surname(name: str) -> str:
    words = name.split()
    start = len(words) - 1
    while start > 1 and words[start - 1] in _PARTICLES:
        start -= 1
    return " ".join(words[start:])


def _check(form: str, channel: str) -> None:
    if form not in _FORMS:
        raise ValueError(f"unknown form of address {form!r}; use one of: {', '.join(_FORMS)}")
    if channel not in _CHANNELS:
        raise ValueError(f"unknown channel {channel!r}; use one of: {', '.join(_CHANNELS)}")


def _resolve_en(name: str, title: str | None, form: Form) -> tuple[Form, str | None, str]:
    """The form that can actually be written, with the title and the name to write."""
    if " ".join(name.split()).lower() in _NOBODY:
        return "unknown", None, ""
    typed_title, bare = parse_title(name)
    given = (parse_title(title)[0] or title.strip()) if title and title.strip() else None
    title = given or typed_title
    if not bare or form == "unknown":
        return "unknown", None, ""
    if form == "first_name" and len(bare.split()) == 1 and title and title not in _BY_FIRST_NAME:
        return "formal", title, bare  # "Dr Khan": the one word is a surname
    return form, title, bare


def _salutation_en(
    form: Form, title: str | None, name: str, channel: Channel, loc: Locale, dear_unknown: bool
) -> str:
    paper = channel in ("letter", "email")
    mark = ":" if loc.is_us and channel == "letter" else ","
    if form == "unknown":
        return f"Dear Sir or Madam{mark}" if paper and dear_unknown else "Hello,"
    if form == "first_name":
        first = name.split()[0]
        return f"Dear {first}{mark}" if paper else f"Hi {first},"
    if title:
        written = _IN_SALUTATION_GB.get(title, title)
        if loc.is_us and title in _US_STOPS:
            written += "."
        who = name.split()[0] if title in _BY_FIRST_NAME else _surname(name)
        addressee = f"{written} {who}"
    else:
        addressee = name
    return f"Dear {addressee}{mark}" if paper else f"Hello {addressee},"


def _closing_en(form: Form, channel: Channel, loc: Locale, dear_unknown: bool) -> str:
    if channel in ("chat", "public"):
        return ""
    informal = channel == "email" and (
        form == "first_name" or (form == "unknown" and not dear_unknown)
    )
    if informal:
        return "Best regards," if loc.is_us else "Kind regards,"
    if loc.is_us:
        return "Sincerely,"
    # "Yours faithfully" answers "Dear Sir or Madam" and nothing else.
    return "Yours faithfully," if form == "unknown" and dear_unknown else "Yours sincerely,"


def _greeting_ru(
    name: str, form: Form, channel: Channel, gender: Gender | None, dear_unknown: bool
) -> str:
    text = " ".join(name.split())
    if not text or form == "unknown":
        if channel in ("letter", "email") and dear_unknown:
            return "Уважаемый клиент!"
        return "Здравствуйте!"
    person = ru.parse_person(text)
    first = person.first if person.first and not person.first.endswith(".") else ""
    if form == "first_name" and first:
        return f"Здравствуйте, {first}!"
    formal = ru.salutation(text, gender)
    if channel in ("chat", "public"):
        formal = re.sub(r"^Уважаем(?:ый|ая) ", "Здравствуйте, ", formal)
    return formal


def greeting(
    name: str,
    locale: str | Locale = "ru",
    form: Form = "formal",
    channel: Channel = "letter",
    *,
    title: str | None = None,
    gender: Gender | None = None,
    dear_unknown: bool = True,
    negative: bool = False,
    thanks: bool = False,
) -> Greeting:
    """The salutation and the matching closing for *name* (see the module docstring).

    *name* may carry a title ("Mr David Price"); a separate *title* wins over
    it. An empty name, or "Sir or Madam" typed as one, is the unknown form. A
    form that cannot be written falls back: first name without a first name
    ("Dr Khan") → formal. *gender* (ru only) overrides the gender read from
    the name. *negative* marks a refusal, *thanks* asks for a grateful
    closing where the language has one (ru «С благодарностью,»).
    """
    _check(form, channel)
    loc = get_locale(locale)
    if loc.language == "ru":
        line = _greeting_ru(name, form, channel, gender, dear_unknown)
        if channel in ("chat", "public"):
            return Greeting(line, "")
        grateful = thanks and not negative
        return Greeting(line, "С благодарностью," if grateful else "С уважением,")
    effective_en, written_title, bare = _resolve_en(name, title, form)
    return Greeting(
        _salutation_en(effective_en, written_title, bare, channel, loc, dear_unknown),
        _closing_en(effective_en, channel, loc, dear_unknown),
    )


def salutation(
    name: str,
    locale: str | Locale = "ru",
    form: Form = "formal",
    channel: Channel = "letter",
    *,
    title: str | None = None,
    gender: Gender | None = None,
    dear_unknown: bool = True,
) -> str:
    """The salutation line alone: "Dear Mr Price,", «Уважаемая Анна Сергеевна!»."""
    return greeting(
        name, locale, form, channel, title=title, gender=gender, dear_unknown=dear_unknown
    ).salutation


def closing(
    name: str,
    locale: str | Locale = "ru",
    form: Form = "formal",
    channel: Channel = "letter",
    *,
    title: str | None = None,
    dear_unknown: bool = True,
    negative: bool = False,
    thanks: bool = False,
) -> str:
    """The closing line that matches :func:`salutation` for the same arguments ("" in chat)."""
    return greeting(
        name,
        locale,
        form,
        channel,
        title=title,
        dear_unknown=dear_unknown,
        negative=negative,
        thanks=thanks,
    ).closing


#: Jinja filters from this module, by name (registered by the filter registry).
FILTERS: dict[str, Callable[..., Any]] = {
    "closing_line": closing,
    "greeting": greeting,
    "salutation_line": salutation,
    "split_title": parse_title,
}
