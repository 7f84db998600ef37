"""Russian helpers: names in the cases a letter needs, salutations, amounts and plurals.

Names are declined by pytrovich (the petrovich rules); amounts are spelt by
num2words. Both are imported on first use, so importing this module is cheap.

What we fix up around pytrovich, each as a small rule below:

* the grammatical gender is decided here (patronymic, then first name, then
  surname) and passed to pytrovich as a known fact; pytrovich's own combined
  detector logs the name at WARNING level on a conflict and its
  "androgynous" rules write «Сашы» and «Киму» for a person of unknown gender;
* when the gender cannot be told, a part is declined only where the male and
  female forms agree (Саша → Саше), otherwise it stays as written (Ким);
* Turkic patronymics with оглы/кызы are not declined (Ибрагим оглы);
* a name typed in capitals keeps its capitals (ИВАНОВУ, not ИВАНОВу);
* never «ы» after г, к, х, ж, ч, ш, щ (a safety net for the spelling rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from replykit.lang.money import as_money, group_thousands, split_money

if TYPE_CHECKING:
    from pytrovich import PetrovichDeclinationMaker

__all__ = [
    "Gender",
    "PersonName",
    "count_ru",
    "dative_full",
    "dative_short",
    "days_ru",
    "format_money_ru",
    "money_in_words_ru",
    "parse_person",
    "plural_ru",
    "salutation",
]

Gender = Literal["male", "female"]
NameCase = Literal["dative"]

# Second word of a Turkic patronymic: Ибрагим оглы, Гасан кызы (and -оглы written with a hyphen).
_TURKIC_MALE = frozenset({"оглы", "оглу", "улы", "уулу"})
_TURKIC_FEMALE = frozenset({"кызы", "гызы", "кизи", "қызы"})
_INITIAL = re.compile(r"[A-ZА-ЯЁ]\.", re.IGNORECASE)
_NAME_CHARS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?")
# Endings that make a word look like a surname rather than a first name.
_SURNAME_ENDINGS = (
    "ов",
    "ев",
    "ёв",
    "ин",
    "ын",
    "ова",
    "ева",
    "ёва",
    "ина",
    "ына",
    "ский",
    "цкий",
    "ская",
    "цкая",
    "ской",
    "ой",
    "ый",
    "ых",
    "их",
    "енко",
    "швили",
    "дзе",
    "ян",
)
# Common first names, to tell «Ким Анна» from «Анна Ким» and «Толстой Лев» from «Лев Толстой»;
# it includes the ones that end like surnames (Марина: -ина, Лев: -ев). Order only, never gender.
_KNOWN_FIRST_NAMES_TEXT = """
    александр алексей анатолий андрей антон антонин аркадий арсений артём артур богдан борис
    вадим валентин валерий василий вениамин виктор виталий владимир владислав всеволод вячеслав
    георгий глеб григорий даниил денис дмитрий евгений егор иван игорь илья кирилл константин
    лев леонид максим марк мартин матвей михаил никита николай олег павел пётр роман руслан
    святослав семён сергей станислав степан тарас тимофей тимур фёдор филипп эдуард юрий ян яков
    рашид ахмед ренат рустам
    алевтина алина алиса алла алёна альбина анастасия ангелина анна антонина арина валентина
    валерия вера вероника виктория галина дарья диана дина евгения екатерина елена елизавета
    жанна зарина зинаида зоя инна ирина карина каролина кира кристина ксения лариса лейла лидия
    любовь людмила мадина маргарита марина мария милана надежда наталия наталья нина оксана ольга
    полина регина светлана софия софья тамара татьяна ульяна эвелина элина юлия яна янина
"""
_KNOWN_FIRST_NAMES = frozenset(_KNOWN_FIRST_NAMES_TEXT.split())
_HARD_THEN_Y = re.compile(r"(?<=[гкхжчшщ])ы$", re.IGNORECASE)


@dataclass(frozen=True)
class PersonName:
    """A person's name split into parts, with the gender when it can be told.

    ``text`` is the name as written (spaces normalised). When the parts
    cannot be told apart (three words and no patronymic, more than three
    words) ``last``, ``first`` and ``middle`` are empty and helpers fall
    back to ``text`` unchanged. An initial (``И.``) may stand for ``first``
    or ``middle``.
    """

    last: str
    first: str
    middle: str
    gender: Gender | None
    text: str = ""

    @property
    def parsed(self) -> bool:
        """True when at least one part was recognised."""
        return bool(self.last or self.first or self.middle)


@lru_cache(maxsize=1)
def _pytrovich() -> tuple[PetrovichDeclinationMaker, Any, Any]:
    """The declension maker, the gender detector and the pytrovich module (loaded once)."""
    import pytrovich

    return pytrovich.PetrovichDeclinationMaker(), pytrovich.PetrovichGenderDetector(), pytrovich


def _is_initial(word: str) -> bool:
    return bool(_INITIAL.fullmatch(word))


def _turkic_gender(word: str) -> Gender | None:
    """Gender of a Turkic patronymic ("Ибрагим оглы"), None if it is not one."""
    tail = re.split(r"[\s-]", word.lower())[-1]
    if tail in _TURKIC_MALE:
        return "male"
    if tail in _TURKIC_FEMALE:
        return "female"
    return None


def _patronymic_gender(word: str) -> Gender | None:
    """Gender told by a patronymic's suffix (-вич, -ич / -вна, -ична, оглы / кызы); None if none."""
    turkic = _turkic_gender(word)
    if turkic is not None:
        return turkic
    lower = word.lower()
    if lower.endswith("ич"):
        return "male"
    if lower.endswith(("вна", "ична")):
        return "female"
    return None


def _looks_like_surname(word: str) -> bool:
    lower = word.lower()
    last_piece = lower.rsplit("-", 1)[-1]
    return lower not in _KNOWN_FIRST_NAMES and last_piece.endswith(_SURNAME_ENDINGS)


def _known_first_name(word: str) -> bool:
    return word.lower().rsplit("-", 1)[-1] in _KNOWN_FIRST_NAMES


def _detected(part: str, word: str) -> Gender | None:
    """pytrovich's guess for one name part alone, None for "androgynous"."""
    if not word or _is_initial(word):
        return None
    _, detector, module = _pytrovich()
    found = detector.detect(**{part: word})
    if found == module.Gender.MALE:
        return "male"
    if found == module.Gender.FEMALE:
        return "female"
    return None


def _normalise_case(words: list[str]) -> list[str]:
    """Title-case a name typed wholly in capitals or wholly in lower case."""
    letters = "".join(words)
    if not (letters.isupper() or letters.islower()):
        return words
    out = []
    for word in words:
        if word.lower() in _TURKIC_MALE | _TURKIC_FEMALE:
            out.append(word.lower())
        else:
            out.append("-".join(piece.capitalize() for piece in word.split("-")))
    return out


def _units(text: str) -> list[str]:
    """Split a name into units: words, with оглы/кызы glued to the word before them."""
    words = text.replace("-оглы", " оглы").replace("-кызы", " кызы").split()
    # "И.П." → "И." "П."
    words = [w for word in words for w in re.findall(r"[^\W\d_]\.|[^.]+\.?", word) if w.strip()]
    for word in words:
        if not _NAME_CHARS.fullmatch(word):
            raise ValueError(f"{text!r} does not look like a person's name (check {word!r})")
    words = _normalise_case(words)
    units: list[str] = []
    for word in words:
        if units and word.lower() in _TURKIC_MALE | _TURKIC_FEMALE:
            units[-1] = f"{units[-1]} {word}"
        else:
            units.append(word)
    return units


def parse_person(full_name: str) -> PersonName:
    """Split a Russian name into surname, first name, patronymic and gender.

    Accepts «Фамилия Имя Отчество», «Имя Отчество Фамилия», «Имя Фамилия»,
    «Фамилия Имя», «Имя Отчество», a lone name or surname, and initials
    («Иванов И. П.»). The gender comes from the patronymic, then the first
    name, then the surname (pytrovich's rules); it is None when they cannot
    tell it (Саша Ким) — it is never guessed.

    Raises :class:`ValueError` for an empty name or one with digits or symbols.
    """
    text = " ".join(full_name.split())
    if not text:
        raise ValueError("the name is empty")
    units = _units(text)
    text = " ".join(units)
    last = first = middle = ""
    if len(units) == 3:
        if _patronymic_gender(units[1]) and not _is_initial(units[1]):
            first, middle, last = units  # Имя Отчество Фамилия (Фамилия may end in -ич too)
        elif _patronymic_gender(units[2]) or _is_initial(units[2]):
            last, first, middle = units  # Фамилия Имя Отчество, Фамилия И. О.
    elif len(units) == 2:
        a, b = units
        if _patronymic_gender(b) and not _is_initial(a):
            first, middle = a, b  # Иван Петрович
        elif (
            _is_initial(b)
            or (_looks_like_surname(a) and not _looks_like_surname(b))
            or (_known_first_name(b) and not _known_first_name(a))
        ):
            last, first = a, b  # Петров Иван, Петров И., Ким Анна, Толстой Лев
        else:
            first, last = a, b  # Анна Петрова, И. Петров, Саша Ким; the default order
    elif len(units) == 1:
        if _looks_like_surname(units[0]):
            last = units[0]
        else:
            first = units[0]
    gender = (
        _patronymic_gender(middle) or _detected("firstname", first) or _detected("lastname", last)
    )
    return PersonName(last=last, first=first, middle=middle, gender=gender, text=text)


def _fix_form(original: str, declined: str) -> str:
    """Small corrections to a pytrovich form: capitals kept, no «ы» after г/к/х/ж/ч/ш/щ."""
    declined = "-".join(_HARD_THEN_Y.sub("и", piece) for piece in declined.split("-"))
    if original.isupper() and len(original) > 1:
        return declined.upper()
    return declined


def _decline(word: str, part: str, gender: Gender | None, case: NameCase) -> str:
    """One name part in *case*; initials and Turkic patronymics stay as written."""
    if not word or _is_initial(word) or _turkic_gender(word):
        return word
    maker, _, module = _pytrovich()
    name_part = getattr(module.NamePart, part.upper())
    target = getattr(module.Case, case.upper())
    if gender is None:
        # Unknown gender: decline only where the male and female forms agree (Саша → Саше);
        # otherwise keep the word as written (Ким), rather than guess.
        male = maker.make(name_part, module.Gender.MALE, target, word)
        female = maker.make(name_part, module.Gender.FEMALE, target, word)
        return _fix_form(word, male) if male == female else word
    declined = maker.make(name_part, getattr(module.Gender, gender.upper()), target, word)
    return _fix_form(word, declined)


def initials(person: PersonName) -> str:
    """«И. П.» — one initial per first name and patronymic, a space between them."""
    out = []
    for word in (person.first, person.middle):
        if not word:
            continue
        if _is_initial(word):
            out.append(word.upper())
        else:
            head = word.split()[0]
            out.append("-".join(f"{piece[0].upper()}." for piece in head.split("-") if piece))
    return " ".join(out)


def _full(full_name: str, case: NameCase) -> str:
    person = parse_person(full_name)
    if not person.parsed:
        return person.text
    parts = [
        _decline(person.last, "lastname", person.gender, case),
        _decline(person.first, "firstname", person.gender, case),
        _decline(person.middle, "middlename", person.gender, case),
    ]
    return " ".join(part for part in parts if part)


def dative_short(full_name: str) -> str:
    """The «Кому» header: surname in the dative and initials — «Иванову И. П.».

    Without a surname the name is declined in full («Ивану Петровичу»); a
    name whose parts cannot be told apart is returned as written.
    """
    person = parse_person(full_name)
    if not person.parsed:
        return person.text
    if not person.last:
        return _full(full_name, "dative")
    surname = _decline(person.last, "lastname", person.gender, "dative")
    letters = initials(person)
    return f"{surname} {letters}" if letters else surname


def dative_full(full_name: str) -> str:
    """The whole name in the dative: «Иванову Ивану Петровичу»."""
    return _full(full_name, "dative")


def salutation(full_name: str, gender: Gender | None = None) -> str:
    """The greeting line of a letter.

    «Уважаемый Иван Петрович!», «Уважаемая Анна Петрова!», «Уважаемый
    господин Иванов!» (no first name); «Здравствуйте, Саша Ким!» when the
    gender cannot be told. A *gender* given by the caller wins over the one
    read from the name.
    """
    person = parse_person(full_name)
    known = gender or person.gender
    if known is None:
        return f"Здравствуйте, {person.text}!"
    dear = "Уважаемый" if known == "male" else "Уважаемая"
    first = "" if _is_initial(person.first) else person.first
    if first and person.middle and not _is_initial(person.middle):
        return f"{dear} {first} {person.middle}!"
    if first:
        return f"{dear} {' '.join(p for p in (first, person.last) if p)}!"
    title = "господин" if known == "male" else "госпожа"
    return f"{dear} {title} {person.last}!"


_POLITE_YOU = re.compile(
    r"(?<![\w-])в(ы|ас|ам|ами|аш|аша|аше|аши|ашего|ашей|ашему|ашим|ашими|ашем|ашу|ашею)(?![\w-])"
)


def formal_you(text: str) -> str:
    """«вы» and «ваш» in every form capitalised, as a formal letter to one addressee writes them."""
    return _POLITE_YOU.sub(lambda m: "В" + m.group(1), text)


def plural_ru(n: int | Decimal, one: str, few: str, many: str) -> str:
    """The word form that goes with *n*: plural_ru(21, "день", "дня", "дней") → «день».

    A fraction takes the genitive singular, which is the *few* form: «1,5 дня».
    """
    if isinstance(n, Decimal) and n != n.to_integral_value():
        return few
    whole = abs(int(n))
    if whole % 10 == 1 and whole % 100 != 11:
        return one
    if 2 <= whole % 10 <= 4 and not 12 <= whole % 100 <= 14:
        return few
    return many


def count_ru(n: int | Decimal, one: str, few: str, many: str) -> str:
    """The number and the word: count_ru(5, "день", "дня", "дней") → «5 дней»; «1,5 дня»."""
    figures = str(n).replace(".", ",") if isinstance(n, Decimal) else str(n)
    return f"{figures} {plural_ru(n, one, few, many)}"


def days_ru(n: int, working: bool = False) -> str:
    """«10 рабочих дней», «1 рабочий день», «3 календарных дня»."""
    adjective = ("рабочий", "рабочих") if working else ("календарный", "календарных")
    return count_ru(n, f"{adjective[0]} день", f"{adjective[1]} дня", f"{adjective[1]} дней")


# Currency: the short mark after the figures, and the three forms of the whole and the
# hundredth units. All the units here are masculine, which is num2words' default.
_CURRENCIES_RU: dict[str, tuple[str, tuple[str, str, str], tuple[str, str, str]]] = {
    "RUB": ("руб.", ("рубль", "рубля", "рублей"), ("копейка", "копейки", "копеек")),
    "USD": (
        "долл. США",
        ("доллар США", "доллара США", "долларов США"),
        ("цент", "цента", "центов"),
    ),
    "EUR": ("евро", ("евро", "евро", "евро"), ("цент", "цента", "центов")),
    "GBP": (
        "ф. ст.",
        ("фунт стерлингов", "фунта стерлингов", "фунтов стерлингов"),
        ("пенс", "пенса", "пенсов"),
    ),
}


def _currency_ru(currency: str) -> tuple[str, tuple[str, str, str], tuple[str, str, str]]:
    try:
        return _CURRENCIES_RU[currency.upper()]
    except KeyError:
        known = ", ".join(sorted(_CURRENCIES_RU))
        raise ValueError(f"unknown currency {currency!r}; known: {known}") from None


@lru_cache(maxsize=1)
def _num2words() -> Any:
    from num2words import num2words

    return num2words


def format_money_ru(amount: Decimal | int | str, currency: str = "RUB") -> str:
    """«125 000,50 руб.»: a plain space between thousands (not a no-break space, so
    files and tests stay predictable), a comma before the kopecks, always two of them.
    """
    value = as_money(amount)
    mark, _, _ = _currency_ru(currency)
    sign = "-" if value < 0 else ""
    units, cents = split_money(abs(value))
    return f"{sign}{group_thousands(units, ' ')},{cents:02d} {mark}"


def money_in_words_ru(amount: Decimal | int | str, currency: str = "RUB") -> str:
    """«125 000,50 руб. (сто двадцать пять тысяч рублей 50 копеек)».

    The whole units in words (num2words' cardinal, never its currency mode,
    which reads an int as kopecks), the kopecks in two figures.
    """
    value = as_money(amount)
    _, whole_forms, cent_forms = _currency_ru(currency)
    units, cents = split_money(value)
    words = _num2words()(units, lang="ru")
    return (
        f"{format_money_ru(value, currency)} ({words} {plural_ru(units, *whole_forms)} "
        f"{cents:02d} {plural_ru(cents, *cent_forms)})"
    )
