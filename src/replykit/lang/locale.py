"""Locales a letter can be written for: ``ru``, ``en-GB`` and ``en-US``.

A :class:`Locale` is a small immutable value that the other helpers of
:mod:`replykit.lang` take instead of a bare language code. It decides the
language of the fixed phrases, babel's locale for numbers and currencies, the
default currency, the date patterns and, for en-US, the spelling.

Templates are written once in British spelling; :func:`localise` turns a
finished English text into US spelling with a small, explicit table (never a
rule such as "-ise → -ize", which would break *advise*, *promise* and
*exercise*). Each entry is a whole word, matched at word boundaries, with its
case kept (``Apologise`` → ``Apologize``, ``APOLOGISE`` → ``APOLOGIZE``).
Three things are left alone on purpose:

* e-mail addresses and web addresses (``colour.example.com`` is a host name);
* a word written with a capital inside a sentence, which is taken to be part
  of a proper name ("the Barbican Centre", "Ministry of Defence");
* any word the caller lists in ``keep`` (a company's own name).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Literal

__all__ = [
    "LOCALES",
    "Language",
    "Locale",
    "get_locale",
    "localise",
    "us_spelling",
]

Language = Literal["ru", "en"]

# -ise verbs whose US form is -ize. Each stem gives -ise, -ised, -ises, -ising, -isation(s),
# -iser(s): the nouns that do not exist (apologisation) never occur, so they cost nothing.
# Not here because their -ise is not a suffix: advise, revise, devise, supervise, televise,
# promise, compromise, premise, enterprise, expertise, exercise, franchise, merchandise,
# surprise, comprise, despise, improvise, raise, praise, precise, concise, otherwise, wise.
_ISE_STEMS = (
    "apolog",
    "author",
    "capital",
    "categor",
    "central",
    "character",
    "critic",
    "custom",
    "digit",
    "emphas",
    "familiar",
    "final",
    "formal",
    "item",
    "legal",
    "maxim",
    "memor",
    "minim",
    "normal",
    "optim",
    "organ",
    "penal",
    "personal",
    "priorit",
    "real",
    "recogn",
    "scrutin",
    "special",
    "stabil",
    "standard",
    "summar",
    "sympath",
    "util",
    "visual",
)
_ISE_ENDINGS = ("e", "ed", "es", "ing", "ation", "ations", "er", "ers")

# -our words whose US form is -or, with the endings they take.
_OUR_STEMS = (
    "behavi",
    "col",
    "endeav",
    "fav",
    "flav",
    "harb",
    "hon",
    "hum",
    "lab",
    "neighb",
    "rum",
    "sav",
)
_OUR_ENDINGS = ("our", "ours", "oured", "ouring", "ourful", "ourable", "ourite", "ourites")

# Whole words and phrases, British → American. Keys are lower case.
_WORDS: dict[str, str] = {
    # -ll- before a suffix in British, -l- in American (but cancellation keeps its -ll-).
    "cancelled": "canceled",
    "cancelling": "canceling",
    "travelled": "traveled",
    "travelling": "traveling",
    "traveller": "traveler",
    "travellers": "travelers",
    "labelled": "labeled",
    "labelling": "labeling",
    "counselling": "counseling",
    "counsellor": "counselor",
    "counsellors": "counselors",
    "fuelled": "fueled",
    "modelled": "modeled",
    "jewellery": "jewelry",
    # -l in British, -ll in American (fulfilled and enrolled are the same in both).
    "fulfil": "fulfill",
    "fulfils": "fulfills",
    "fulfilment": "fulfillment",
    "enrol": "enroll",
    "enrols": "enrolls",
    "enrolment": "enrollment",
    "enrolments": "enrollments",
    "instalment": "installment",
    "instalments": "installments",
    "skilful": "skillful",
    # -ce nouns; British licence is only ever the noun (the verb is license already).
    "licence": "license",
    "licences": "licenses",
    "defence": "defense",
    "offence": "offense",
    "offences": "offenses",
    "pretence": "pretense",
    # -re → -er
    "centre": "center",
    "centres": "centers",
    "centred": "centered",
    "metre": "meter",
    "metres": "meters",
    "litre": "liter",
    "litres": "liters",
    "fibre": "fiber",
    "theatre": "theater",
    # -ogue
    "catalogue": "catalog",
    "catalogues": "catalogs",
    # British writes a computer program as "program" already, so every programme is the
    # other sense and is "program" in American.
    "programme": "program",
    "programmes": "programs",
    # A cheque is only ever the bank instrument; "check" in British text is never touched.
    "cheque": "check",
    "cheques": "checks",
    "chequebook": "checkbook",
    "enquiry": "inquiry",
    "enquiries": "inquiries",
    "enquire": "inquire",
    "enquired": "inquired",
    "analyse": "analyze",
    "analysed": "analyzed",
    "analysing": "analyzing",
    "judgement": "judgment",
    "acknowledgement": "acknowledgment",
    "acknowledgements": "acknowledgments",
    "ageing": "aging",
    "grey": "gray",
    "tyre": "tire",
    "tyres": "tires",
    "aluminium": "aluminum",
    "sceptical": "skeptical",
    "mould": "mold",
    "speciality": "specialty",
    "manoeuvre": "maneuver",
    "practise": "practice",
    "practised": "practiced",
    "practising": "practicing",
    "learnt": "learned",
    "paediatric": "pediatric",
    "paediatrician": "pediatrician",
    "orthopaedic": "orthopedic",
    "anaesthetic": "anesthetic",
    "anaesthesia": "anesthesia",
    "anaesthetist": "anesthetist",
    "haematology": "hematology",
    "gynaecology": "gynecology",
    "rouble": "ruble",
    "roubles": "rubles",
    # Vocabulary rather than spelling, but the same kind of fixed swap.
    "working day": "business day",
    "working days": "business days",
}


def _build_us_spelling() -> dict[str, str]:
    table: dict[str, str] = {}
    for stem in _ISE_STEMS:
        for ending in _ISE_ENDINGS:
            table[f"{stem}is{ending}"] = f"{stem}iz{ending}"
    for stem in _OUR_STEMS:
        for ending in _OUR_ENDINGS:
            table[stem + ending] = stem + ending.replace("our", "or", 1)
    table.update(_WORDS)
    return table


#: British → American spelling, lower case keys; read-only.
US_SPELLING = MappingProxyType(_build_us_spelling())


@dataclass(frozen=True)
class Locale:
    """One locale a letter is written in.

    ``tag`` is the canonical name ("ru", "en-GB", "en-US"); ``babel`` the
    babel/CLDR locale; ``currency`` the ISO code used when a letter names
    none; ``date_long`` the babel pattern of a formal letter date and
    ``day_month`` the same without the year; ``spelling`` maps British words
    (lower case) to this locale's, empty for ru and en-GB.
    """

    tag: str
    language: Language
    babel: str
    currency: str
    date_long: str
    day_month: str
    spelling: MappingProxyType[str, str] = field(
        default_factory=lambda: MappingProxyType({}), compare=False, repr=False
    )

    @property
    def is_us(self) -> bool:
        """True for en-US, whose letters differ in punctuation and closings."""
        return self.tag == "en-US"

    def __str__(self) -> str:
        return self.tag


RU = Locale("ru", "ru", "ru_RU", "RUB", "d MMMM y 'г.'", "d MMMM")
EN_GB = Locale("en-GB", "en", "en_GB", "GBP", "d MMMM y", "d MMMM")
EN_US = Locale("en-US", "en", "en_US", "USD", "MMMM d, y", "MMMM d", US_SPELLING)

#: Every supported locale by its canonical tag.
LOCALES: MappingProxyType[str, Locale] = MappingProxyType(
    {loc.tag: loc for loc in (RU, EN_GB, EN_US)}
)
_ALIASES = {"ru": RU, "ru-ru": RU, "en": EN_GB, "en-gb": EN_GB, "en-uk": EN_GB, "en-us": EN_US}


def get_locale(value: str | Locale) -> Locale:
    """The :class:`Locale` for "ru", "en-GB" or "en-US" (case, ``_`` and ``-`` as you like).

    Plain "en" is en-GB; "ru-RU" is ru. A :class:`Locale` is returned as it is.
    Anything else is a :class:`ValueError` that lists the choices.
    """
    if isinstance(value, Locale):
        return value
    key = str(value).strip().replace("_", "-").lower()
    try:
        return _ALIASES[key]
    except KeyError:
        known = ", ".join(LOCALES)
        message = f"unknown locale {value!r}; use one of: {known} (plain 'en' is en-GB)"
        raise ValueError(message) from None


# An e-mail address or a web address: spelling is never changed inside one.
_ADDRESS = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?:https?://|www\.)\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|uk|us|ru|eu|info|biz|app|me)\b(?:/\S*)?",
    re.IGNORECASE,
)
# A sentence starts at the beginning of the text or a line (after a list marker), or after
# . ! ? and spaces (and an opening quote or bracket), or at a quotation after a colon.
_SENTENCE_START = re.compile(
    r"(?:^|\n)[ \t]*(?:[-*•]|\d+[.)])?[ \t]*[\"'“‘(]*$"
    r"|[.!?…][\"'”’)]*\s+[\"'“‘(]*$"
    r"|:\s*[\"“‘]$"
)


@lru_cache(maxsize=8)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so "working days" wins over "working day".
    alternatives = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len)[::-1]
    )
    return re.compile(rf"(?<![\w@./])(?:{alternatives})(?![\w@]|\.\w)", re.IGNORECASE)


def _same_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def us_spelling(text: str, keep: Iterable[str] = ()) -> str:
    """*text* (British spelling) in American spelling, by :data:`US_SPELLING`.

    See the module docstring for what is left alone; *keep* lists extra words
    or names (any case) never to change.
    """
    kept = {k.lower() for k in keep}
    protected = [(m.start(), m.end()) for m in _ADDRESS.finditer(text)]
    pattern = _pattern(tuple(US_SPELLING))

    def replace(match: re.Match[str]) -> str:
        found = match.group()
        start = match.start()
        if any(a <= start < b for a, b in protected) or found.lower() in kept:
            return found
        capital_inside = found[0].isupper() and not found.isupper()
        if capital_inside and not _SENTENCE_START.search(text[:start]):
            return found  # part of a proper name: the Barbican Centre, Ministry of Defence
        spaced = " ".join(found.lower().split())
        return _same_case(found, US_SPELLING[spaced])

    return pattern.sub(replace, text)


def localise(text: str, locale: str | Locale, keep: Iterable[str] = ()) -> str:
    """A finished text in *locale*'s conventions: US spelling for en-US, unchanged otherwise.

    Templates are written in British English; run their output through this
    once, after rendering, so the answers a person typed are not re-spelt
    before the template has placed them (a US writer's text is American
    already and is left as it is, since only British forms are replaced).
    """
    loc = get_locale(locale)
    if not loc.spelling:
        return text
    return us_spelling(text, keep)


#: Jinja filters from this module, by name (registered by the filter registry).
FILTERS: dict[str, Callable[..., Any]] = {"localise": localise}
