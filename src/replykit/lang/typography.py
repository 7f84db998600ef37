"""Typography of a finished letter: the non-breaking spaces and hyphens an office typist puts.

One pass over the whole text, per language, after the letter is rendered: templates write
ordinary spaces and never think about line ends. Every rule is a row of a table (a pattern of
the space to bind, by what stands either side of it), so a rule is added, and tested, as one
row. Only the space character U+0020 between two words is ever replaced; line breaks, the
words and the punctuation stay as they are, so a typeset letter reads exactly as the plain one
and typesetting it twice changes nothing.

Russian (after the usual office practice and ГОСТ Р 7.0.97 samples): «№ 17», «п. 8.3»,
«ст. 330», «2026 г.», «г. Москва», «ул. Садовая, д. 5, офис 12», «М. А. Соколова»,
«Иванову И. П.», «64 000,00 руб.», «20 %», «15 дней», «10 ноября», «+7 495 123‑45‑67»,
«e‑mail: legal@…», a one-letter preposition or conjunction with the next word, and a space
before a dash. English: "No. 12", "p. 4", "Mr Smith", "J. R. Smith", "£ 1,250" (where it is
spaced), "30 days", "20 %", "10 March", "March 10".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

NBSP = "\u00a0"
#: A hyphen no line breaks at: phone numbers, "e-mail".
NB_HYPHEN = "\u2011"

# A space rule: (what stands before the space, what stands after it). Both are look-arounds,
# so the rules never consume the words they look at and overlap freely («1 000 000 руб.»).
Rule = tuple[str, str]

_UPPER = "А-ЯЁA-Z"
_LOWER = "а-яёa-z"
_INITIAL = rf"(?<![{_UPPER}{_LOWER}])[{_UPPER}]\."
_SURNAME = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"

_RU_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
_EN_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

_SPACE = "[ \u00a0]"

# Abbreviations bound to whatever follows: «№ 17», «ИНН 7701…», «ул. Садовая», «e-mail: …».
_RU_BEFORE_ANY = (
    "№",
    "№№",
    "Исх.",
    "Вх.",
    "Исп.",
    "ИНН",
    "КПП",
    "ОГРН",
    "ОГРНИП",
    "БИК",
    "р/с",
    "к/с",
    "тел.",
    "Тел.",
    "факс",
    "e-mail:",
    "E-mail:",
    "ул.",
    "пр-т",
    "пер.",
    "наб.",
    "пл.",
    "ш.",
    "обл.",
    "р-н",
    "пос.",
)
# Abbreviations bound to the number they count: «п. 8.3», «ст. 330», «д. 5», «офис 12».
_RU_BEFORE_NUMBER = (
    "п.",
    "пп.",
    "ч.",
    "ст.",
    "гл.",
    "разд.",
    "абз.",
    "подп.",
    "прил.",
    "рис.",
    "табл.",
    "с.",
    "д.",
    "корп.",
    "стр.",
    "кв.",
    "оф.",
    "офис",
    "пом.",
    "каб.",
)
# «г.» before a city: «г. Москва» (after a year it is a unit: «2026 г.»).
_RU_BEFORE_NAME = ("г.",)
# Words that follow a number: units, currencies, counted days, a month after its day.
_RU_AFTER_NUMBER = (
    r"руб\.",
    r"коп\.",
    "₽",
    "%",
    "€",
    r"\$",
    "£",
    "RUB",
    "USD",
    "EUR",
    "GBP",
    r"долл\.",
    "евро",
    r"тыс\.",
    "млн",
    "млрд",
    r"г\.",
    r"гг\.",
    r"л\.",
    r"экз\.",
    r"шт\.",
    "кг",
    "г",
    "т",
    "км",
    "м",
    "см",
    "мм",
    "ч",
    r"мин\.?",
    "дн(?:я|ей|ень)",
    "день",
    "рабоч(?:их|его|ий)",
    "календарн(?:ых|ого|ый)",
    "банковск(?:их|ого|ий)",
    "месяц(?:а|ев)?",
    r"мес\.",
    "недел(?:я|и|ь)",
    "лет",
    "год(?:а|у)?",
    "час(?:а|ов)?",
    "минут[аы]?",
    "процент(?:а|ов)?",
    _RU_MONTHS,
)
_EN_BEFORE_ANY = (
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Tel.",
    "Tel:",
    "tel.",
    "Phone:",
    "e-mail:",
    "E-mail:",
    "Email:",
    "email:",
)
_EN_BEFORE_NUMBER = (
    "No.",
    "Nos.",
    "no.",
    "p.",
    "pp.",
    "para.",
    "s.",
    "ss.",
    "Art.",
    "art.",
    "clause",
    "Clause",
    "section",
    "Section",
    "paragraph",
    "Paragraph",
    "Ref.",
    *_EN_MONTHS.split("|"),
)
_EN_AFTER_NUMBER = (
    "%",
    "£",
    "€",
    r"\$",
    "GBP",
    "USD",
    "EUR",
    "RUB",
    "pence",
    "kg",
    "g",
    "km",
    "m",
    "cm",
    "mm",
    "days?",
    "working",
    "business",
    "calendar",
    "weeks?",
    "months?",
    "years?",
    "hours?",
    "minutes?",
    "per",
    "items?",
    "units?",
    "pages?",
    "copies",
    "copy",
    _EN_MONTHS,
)

_LETTERS = f"{_UPPER}{_LOWER}"


def _words(words: Sequence[str]) -> str:
    """``words`` as one alternative of whole words (nothing glued before them)."""
    alternatives = "|".join(re.escape(word) for word in words)
    return rf"(?<![\w.\-/])(?:{alternatives})"


def _rules(
    *,
    before_any: Sequence[str],
    before_number: Sequence[str],
    before_name: Sequence[str],
    after_number: Sequence[str],
) -> list[Rule]:
    rules: list[Rule] = [
        (_words(before_any), r"(?=\S)"),
        (_words(before_number), r"(?=\d)"),
        # A number and its unit, currency or counted word: «64 000 руб.», "30 days".
        (r"\d", rf"(?=(?:{'|'.join(after_number)})(?![{_LETTERS}]))"),
        # A currency written before a spaced number: "£ 1,250", «$ 100», "EUR 4,800".
        (r"(?<!\S)(?:[£$€₽]|EUR|GBP|USD|RUB)", r"(?=\d)"),
        # Initials: «М. А. Соколова», "J. R. Smith", and a surname before them.
        (_INITIAL, rf"(?=[{_UPPER}]\.)"),
        (_INITIAL, rf"(?={_SURNAME})"),
        (
            rf"(?<![{_LETTERS}]){_SURNAME}",
            rf"(?=[{_UPPER}]\.(?:{_SPACE}?[{_UPPER}]\.)?(?![{_LETTERS}]))",
        ),
        # A dash never starts a line: «сумма — 64 000 руб.».
        (r"\S", r"(?=[—–](?:\s|$))"),
    ]
    if before_name:  # not after a year, where «2026 г. Далее» ends a sentence
        rules.append((rf"(?<!\d{_SPACE}){_words(before_name)}", rf"(?=[{_UPPER}])"))
    return rules


_RU_RULES = [
    *_rules(
        before_any=_RU_BEFORE_ANY,
        before_number=_RU_BEFORE_NUMBER,
        before_name=_RU_BEFORE_NAME,
        after_number=_RU_AFTER_NUMBER,
    ),
    # Thousands groups: «125 000,50», «1 000 000» (English groups with commas).
    (r"(?<![\d,.])\d{1,3}", r"(?=\d{3}(?!\d))"),
    # A one-letter preposition or conjunction stays with the next word: «в срок», «и ст. 393».
    (r"(?<![\w.\-])[вВкКсСуУоОиИаАяЯ]", r"(?=\S)"),
    # «т. е.», «т. д.», «в т. ч.»: one abbreviation, never split.
    (r"(?<![\w.\-])т\.", r"(?=[едпч]\.)"),
]
_EN_RULES = _rules(
    before_any=_EN_BEFORE_ANY,
    before_number=_EN_BEFORE_NUMBER,
    before_name=(),
    after_number=_EN_AFTER_NUMBER,
)


class _Typesetter:
    """The compiled rules of one language."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        # One pattern per rule, run one after another: a rule's match never hides another's,
        # and a rule sees the non-breaking spaces the rules before it put.
        self._patterns = [re.compile(rf"({before}) {after}") for before, after in rules]

    def __call__(self, text: str) -> str:
        for pattern in self._patterns:
            text = pattern.sub(rf"\1{NBSP}", text)
        return _hyphens(text)


# A phone number: a country code or trunk prefix, then groups of digits with spaces,
# brackets and hyphens between them. Its spaces and hyphens bind: a number split across two
# lines is misdialled.
_PHONE = re.compile(r"(?:\+\d{1,3}|(?<!\d)8)(?:[ \u00a0\-\u2011]?\(?\d{2,5}\)?){3,5}(?!\d)")
_EMAIL_WORD = re.compile(r"(?<![\w-])([eE])-(mail)(?![\w-])")


def _bind_phone(match: re.Match[str]) -> str:
    return match.group(0).replace(" ", NBSP).replace("-", NB_HYPHEN)


def _hyphens(text: str) -> str:
    if "-" not in text and " " not in text:
        return text
    text = _PHONE.sub(_bind_phone, text)
    return _EMAIL_WORD.sub(rf"\1{NB_HYPHEN}\2", text)


_TYPESETTERS = {"ru": _Typesetter(_RU_RULES), "en": _Typesetter(_EN_RULES)}


def typeset(text: str, lang: str) -> str:
    """``text`` with non-breaking spaces and hyphens where ``lang``'s typography wants them.

    A language without rules of its own gets the English ones (numbers, units, initials).
    """
    if not text:
        return text
    return _TYPESETTERS.get(lang, _TYPESETTERS["en"])(text)
