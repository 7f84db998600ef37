"""Russian agreement in the fixed phrases of a letter: gender, number and «Вы/Ваш».

* **Gender.** :func:`agree` gives the form of a short adjective, participle or
  past-tense verb for a person: «ответственная», «готова», «обратилась». When
  the gender is unknown the masculine form is returned — the grammatical
  default Russian uses for a person of unknown sex and for job titles
  («ответственный — руководитель офиса») — and :data:`NEUTRAL` offers a
  rewording without the agreed word, for templates that can afford one.
  A person addressed as «Вы» takes the plural whatever the gender («Вы
  обратились»): pass ``"plural"``.
* **Number.** :func:`attached` agrees «приложен» with what is attached:
  «приложен расчёт», «приложена выписка», «приложено соглашение»,
  «приложены: расчёт, акт сверки».
* **«Вы/Ваш».** :func:`you` writes every form of «вы» and «ваш» with a capital
  in a letter to one person and in lower case in a reply to a group or the
  public, one rule for the whole letter; the first word of a sentence keeps
  its capital either way, and words that merely start with «вы» («вывод»,
  «выбор», «высокий») are never touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, Literal

from replykit.lang import ru

__all__ = ["FILTERS", "NEUTRAL", "WORDS", "agree", "agree_with", "attached", "noun_gender", "you"]

Agreement = Literal["male", "female", "plural"]
NounGender = Literal["masculine", "feminine", "neuter", "plural"]

#: Masculine form → (feminine, plural), for the agreed words letters use about a person.
WORDS: dict[str, tuple[str, str]] = {
    "ответственный": ("ответственная", "ответственные"),
    "готов": ("готова", "готовы"),
    "рад": ("рада", "рады"),
    "должен": ("должна", "должны"),
    "обязан": ("обязана", "обязаны"),
    "согласен": ("согласна", "согласны"),
    "уверен": ("уверена", "уверены"),
    "вынужден": ("вынуждена", "вынуждены"),
    "благодарен": ("благодарна", "благодарны"),
    "признателен": ("признательна", "признательны"),
    "уполномочен": ("уполномочена", "уполномочены"),
    "сам": ("сама", "сами"),
    "был": ("была", "были"),
    "обратился": ("обратилась", "обратились"),
    "написал": ("написала", "написали"),
    "получил": ("получила", "получили"),
    "оплатил": ("оплатила", "оплатили"),
    "сообщил": ("сообщила", "сообщили"),
    "оставил": ("оставила", "оставили"),
    "указал": ("указала", "указали"),
    "отметил": ("отметила", "отметили"),
    "пришёл": ("пришла", "пришли"),
    "записался": ("записалась", "записались"),
    "занимался": ("занималась", "занимались"),
}

#: Rewordings that need no gender, for a person whose gender is unknown.
NEUTRAL: dict[str, str] = {
    "ответственный": "этим занимается",
    "готов": "есть возможность",
    "рад": "приятно",
    "должен": "нужно",
    "согласен": "нет возражений",
    "обратился": "обращение поступило",
    "написал": "в сообщении сказано",
}

# Forms of «вы» and «ваш»; the lookarounds keep «вывод», «выбор», «Васильев» out.
_YOU = re.compile(
    r"(?<![\w-])([Вв])(ы|ас|ам|ами|аш|аша|аше|аши|ашего|ашей|ашему|ашим|ашими|ашем|ашу|ашею)(?![\w-])"
)
# Where a sentence starts: the text or a line (after a list marker), or after . ! ? …
_SENTENCE_START = re.compile(
    r"(?:\A|\n)[ \t]*(?:[-*•—]|\d+[.)])?[ \t]*[«\"„(]*\Z|[.!?…][»\")]*\s+[«\"„(]*\Z"
)


def agree(word: str, gender: Agreement | None) -> str:
    """*word* (masculine, as in :data:`WORDS`) agreed with *gender*.

    ``agree("готов", "female")`` → «готова»; ``"plural"`` for «Вы» and «мы»;
    None (unknown) → the masculine form (see the module docstring). A word
    not in the table is a ValueError naming the known words. The case of the
    first letter is kept («Готов» → «Готова»).
    """
    key = word.lower()
    if key not in WORDS:
        raise ValueError(f"no agreement forms for {word!r}; known: {', '.join(sorted(WORDS))}")
    feminine, plural = WORDS[key]
    form = {"female": feminine, "plural": plural}.get(gender or "male", key)
    return form[0].upper() + form[1:] if word[:1].isupper() else form


def agree_with(word: str, name: str) -> str:
    """*word* agreed with the person *name* («Татьяна Жук» → «ответственная»), by
    :func:`replykit.lang.ru.parse_person`; masculine when the name does not tell.
    """
    return agree(word, ru.parse_person(name).gender)


def noun_gender(phrase: str) -> NounGender:
    """The gender (or plural) of the head of a noun phrase, by its first word's ending.

    A leading adjective decides when there is one («платёжное поручение» →
    neuter, «банковские выписки» → plural); otherwise the noun's ending:
    «-а/-я» feminine, «-о/-е» neuter, «-ость» feminine, «-ы/-и» plural,
    a consonant, «-й» or another «-ь» masculine. Good for the document names
    letters attach; pass the gender yourself for anything else.
    """
    word = phrase.split()[0].lower().strip("«»\"',.:;()") if phrase.split() else ""
    # Plural adjectives: -ые, and -ие after a hushing consonant or г/к/х (банковские,
    # следующие); other -ие words are neuter nouns (соглашение, условие).
    if word.endswith(("ые", "гие", "кие", "хие", "жие", "чие", "шие", "щие")):
        return "plural"
    if word.endswith(("ая", "яя")):
        return "feminine"
    if word.endswith(("ое", "ее")):
        return "neuter"
    if word.endswith(("ый", "ий", "ой")):
        return "masculine"
    if word.endswith(("сть", "знь")):
        return "feminine"
    if word.endswith(("а", "я")):
        return "feminine"
    if word.endswith(("о", "е", "ё")):
        return "neuter"
    if word.endswith(("ы", "и")):
        return "plural"
    return "masculine"


_ATTACHED = {"masculine": "", "feminine": "а", "neuter": "о", "plural": "ы"}


def attached(
    items: Sequence[str] | str, stem: str = "приложен", gender: NounGender | None = None
) -> str:
    """«приложен расчёт задолженности», «приложена выписка», «приложены: расчёт, акт».

    One item agrees with its own gender (:func:`noun_gender`, or *gender*);
    several take the plural and a colon before the list. *stem* is any short
    participle written like «приложен» («направлен», «передан»). An empty list
    is a ValueError.
    """
    things = [items] if isinstance(items, str) else [str(i).strip() for i in items]
    things = [t for t in things if t.strip()]
    if not things:
        raise ValueError("nothing is attached: give at least one document")
    if len(things) > 1:
        return f"{stem}ы: {', '.join(things)}"
    thing = things[0].strip()
    return f"{stem}{_ATTACHED[gender or noun_gender(thing)]} {thing}"


def you(text: str, formal_single: bool) -> str:
    """Every «вы»/«ваш…» of *text* in one case: capitalised for a letter to one person
    (*formal_single*), lower case for a group or a public reply. A sentence's
    first word keeps its capital; words in capitals (headings) are left alone.
    """

    def fix(match: re.Match[str]) -> str:
        first, rest = match.group(1), match.group(2)
        if formal_single:
            return "В" + rest
        if first == "В" and _SENTENCE_START.search(text[: match.start()]):
            return match.group()
        return "в" + rest

    return _YOU.sub(fix, text)


#: Jinja filters from this module, by name (registered by the filter registry).
FILTERS: dict[str, Callable[..., Any]] = {
    "agree": agree,
    "agree_with": agree_with,
    "attached": attached,
    "you": you,
}
