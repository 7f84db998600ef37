"""Which playbook and channel fit a received message, and the flags its reply must respect.

Plain rules over the text, in Russian and English: each rule is a set of word stems
(``суд`` and ``судебн…`` but not ``судя``; ``refund…``), matched at the start of a word,
so the word forms of a language with cases count without a dictionary. Every flag and the
playbook come with the words that triggered them, so a person can see why.

The flags:

``legal_threat``    court, a lawyer, the police or a regulator (Роспотребнадзор, CFPB…)
``health_data``     a diagnosis, treatment, medicines or test results: handle as sensitive
``insult``          name-calling aimed at the company or its staff
``obscenity``       swear words, masked ones (``б***``, ``f***``) too
``refund_demand``   money back or compensation demanded
``deadline``        a time limit for the answer, or a consumer's formal claim (10 days by law)
``price_objection`` the price is too high
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from replykit.message import Message

_W = r"(?<![\w*])"  # a word starts here
_E = r"(?![\w])"  # a word ends here


def _alternatives(spec: str) -> list[str]:
    """``a|b(c|d)`` → ``["a", "b(c|d)"]``: split on the bars outside parentheses."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(spec):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(spec[start:index])
            start = index + 1
    parts.append(spec[start:])
    return parts


def _stems(*specs: str) -> re.Pattern[str]:
    """Words starting with any stem in ``specs`` (``|``-separated); ``stem$`` is a whole word."""
    parts = []
    for spec in specs:
        for stem in _alternatives(spec):
            if stem.endswith("$"):
                parts.append(f"{_W}(?:{stem[:-1]}){_E}")
            else:
                parts.append(f"{_W}(?:{stem})[\\w*]*")
    return re.compile("|".join(parts), re.IGNORECASE)


FLAGS: dict[str, re.Pattern[str]] = {
    "legal_threat": _stems(
        r"суд$|суда$|суду$|судом$|суде$|суды$|судов$|судебн|подсудн|досудебн",
        "иск$|иска$|иском$|исков",
        "прокурат|прокурор|роспотребнадзор|юрист|адвокат|полици|цб$|центробанк|банк россии$",
        "фас$|антимонопольн|омбудсмен|регулятор|правоохранит|жалобу в ",
        "court|sue$|suing|sued$|lawsuit|lawyer|attorney|legal action|small claims|regulator",
        "cfpb|better business bureau|bbb$|ombudsman|trading standards|ftc$|police",
    ),
    "health_data": _stems(
        "диагноз|анализ|лечени|лечил|болезн|заболеван|беремен|рецепт|лекарств|таблет",
        "симптом|медкарт|медицинск|инсульт|инфаркт|диабет|онколог|аллерги|давлени|температур",
        "обследован|узи$|мрт$|кт$|перелом|прививк|вакцин|пломб|зуб|удален|операци[юяи] на",
        "diagnos|prescri|medication|medicine|surgery|symptom|treatment|pregnan|cancer",
        "diabet|blood test|test results|therapy|medical record|illness|disease|allerg",
        "x-ray|mri$|infection|injur|tooth|teeth|fracture|chemo|vaccin",
    ),
    "insult": _stems(
        "идиот|дебил|придур|урод|тупиц|тупые$|тупой$|кретин|козл|козёл|сволоч|мошенни",
        "быдло|хамл|хамы$|хам$|жулик|жулье|ворюг|ворь[её]|бездар|некомпетентн|дармоед|клоун",
        "idiot|stupid|moron|incompetent|clown|scammer|scam$|crooks?$|thie(f|ves)$|pathetic",
        "useless|jerk|liars?$|dumb$|fools?$|imbecile",
    ),
    "obscenity": _stems(
        "ху[йеёя]|пизд|[её]бан|[её]бат|[её]бал|заеб|бля|сука$|суки$|сук$|муда|мудак|охуе|охрен",
        r"б\*+|х\*+|п\*+|е\*+",
        r"fuck|f\*+k|f\*+|shit|sh\*t|bullshit|asshole|bitch|wtf$|damn$|crap$",
    ),
    "refund_demand": _stems(
        "верн(ите|уть|ули) (мне )?(деньги|средства|оплату|стоимост)",
        "возврат (денег|средств|стоимост|оплат)",
        "вернуть (мои |свои )?деньги|компенсац|компенсир|возмест|возмещени|неустойк|вычет",
        "верн[а-я]* (уплаченн|сумм|стоимост)|мои деньги$",
        "кто (будет )?(оплачивать|платить|заплатит)",
        "refund|money back|reimburse|compensat|chargeback|my money$|pay me back|credit my",
        "who pays|who is paying|who('s| will) pay|pay for the (damage|repair|treatment)",
    ),
    "deadline": _stems(
        r"в течени[ие] \d+|в \d+-?дневный|десятидневн|в десятидневный|до \d{1,2}[./]\d{1,2}",
        r"до \d{1,2} (январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр|декабр)",
        "претензи|срок ответа|в срок до|не позднее|в кратчайший срок",
        "до (понедельника|вторника|среды|четверга|пятницы|субботы|воскресенья|конца)$",
        r"by \d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
        r"by (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d",
        r"within \d+|within (a|one|two|three|seven|ten|fourteen|thirty) (days?|weeks?|business)",
        "deadline|no later than|by (monday|tuesday|wednesday|thursday|friday|the end of)",
        "formal claim|letter before action",
    ),
    "price_objection": _stems(
        "дорог[оаиуе]?$|дороговат|дорогой$|дорогая$|дорогие$|дороже$|завышен|переплат|дешевле",
        "цен[аыу]? (кусается|завышена|высокая|неоправдан)|не стоит таких денег|грабительск",
        "за такие деньги|грабёж|грабеж",
        "expensive|overpric|pricey|too much money|cheaper|price is too high|prices are too high",
        "not worth the (money|price)|rip-?off|can't afford|cannot afford|too costly",
        "for that (money|price)|for this (money|price)",
    ),
}

_PLAYBOOK_RULES: dict[str, re.Pattern[str]] = {
    "debt-reply": _stems(
        "задолженн|погасит|погашени|просроченн(ая|ой|ую) (оплат|задолж)|долг$|долга$|долгу$",
        "неоплаченн|не оплачен|оплатить (счет|счёт|задолж|долг)|оплатите$|взыскан",
        "outstanding (balance|amount|invoice)|overdue (invoice|payment|balance)|unpaid invoice",
        "debt$|debts$|settle (the|your) (balance|account)|amount due|past due",
    ),
    "claim-reply": _stems(
        "претензи|защите прав потребител|зозпп$|досудебн|ст\\. ?(18|22|23)|стать[иея] (18|22|23)",
        "formal claim|formal complaint|consumer rights act|statutory|letter before action",
        "demand letter|under (the )?law|consumer protection",
    ),
    "patient-review": _stems(
        "клиник|врач|доктор|поликлиник|больниц|медсестр|медцентр|стоматолог|пациент|терапевт",
        "хирург|педиатр|регистратур|приём у|прием у|медицинск",
        "doctor|clinic|hospital|nurse|patient|dentist|physician|surgeon|pediatric|medical|dr$",
        "er$|emergency room|urgent care|receptionist at the clinic",
    ),
}
_REVIEW = _stems("отзыв|звезд|рекоменду|не советую|review|stars?$|recommend|yelp|trustpilot")

#: The playbooks in the order their rules are tried; ``complaint`` is the fallback.
PLAYBOOKS = (
    "debt-reply",
    "claim-reply",
    "patient-review",
    "rude-customer",
    "objection-expensive",
    "complaint",
)
_CHANNELS = {
    "complaint": ("email", "letter", "public", "chat"),
    "claim-reply": ("letter", "email"),
    "debt-reply": ("letter", "email"),
    "objection-expensive": ("email", "chat"),
    "patient-review": ("public", "email", "chat"),
    "rude-customer": ("email", "chat", "public"),
}


@dataclass(frozen=True)
class Triage:
    """The playbook and channel that fit a message, its flags, and the words behind them."""

    playbook: str
    channel: str
    lang: str
    flags: tuple[str, ...]
    why: dict[str, list[str]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready (see docs/json.md, ``triage``)."""
        return {
            "playbook": self.playbook,
            "channel": self.channel,
            "lang": self.lang,
            "flags": list(self.flags),
            "why": self.why,
        }

    def as_text(self) -> str:
        """A few lines for a person: the playbook and channel, then each flag and its words."""
        lines = [
            f"playbook: {self.playbook}",
            f"channel:  {self.channel}",
            f"lang:     {self.lang}",
        ]
        reasons = self.why.get(self.playbook)
        if reasons:
            lines.append(f"  because: {', '.join(reasons)}")
        lines.append(f"flags:    {', '.join(self.flags) if self.flags else 'none'}")
        for flag in self.flags:
            lines.append(f"  {flag}: {', '.join(self.why.get(flag, []))}")
        if "deadline" in self.flags and self.playbook == "claim-reply":
            note = "a consumer's claim is answered within 10 days (ЗоЗПП, ст. 22)"
            lines.append(f"  note: {note}")
        return "\n".join(lines) + "\n"


#: An insult the writer reports having received («обозвал меня быдлом», "called me an idiot")
#: is a complaint about staff, not rudeness to answer.
_REPORTED = re.compile(
    r"(?:обозвал|назвал|обругал|called me|calling me)\w*\s+(?:меня\s+)?(?:an?\s+)?$", re.I
)


def _hits(pattern: re.Pattern[str], text: str, *, reported_ok: bool = True) -> list[str]:
    found = []
    for match in pattern.finditer(text):
        if not reported_ok and _REPORTED.search(text[max(0, match.start() - 30) : match.start()]):
            continue
        found.append(match.group(0).lower())
    return list(dict.fromkeys(found))[:5]


def triage_text(text: str, *, lang: str, is_email: bool = False) -> Triage:
    """Triage ``text`` (subject and body): playbook, channel and flags with their words."""
    why: dict[str, list[str]] = {}
    for name, pattern in FLAGS.items():
        hits = _hits(pattern, text, reported_ok=name != "insult")
        if hits:
            why[name] = hits
    flags = tuple(name for name in FLAGS if name in why)
    for name, pattern in _PLAYBOOK_RULES.items():
        hits = _hits(pattern, text)
        if hits:
            why[name] = hits
    playbook = _choose(why)
    if playbook == "rude-customer":
        why["rude-customer"] = why.get("insult", []) + why.get("obscenity", [])
    elif playbook == "objection-expensive":
        why["objection-expensive"] = why["price_objection"]
    channels = _CHANNELS[playbook]
    if is_email and "email" in channels:
        channel = "email"
    elif not is_email and "public" in channels and _REVIEW.search(text):
        channel = "public"
    else:
        channel = "email" if "email" in channels else channels[0]
    return Triage(playbook, channel, lang, flags, why)


def _choose(why: dict[str, list[str]]) -> str:
    if "debt-reply" in why:
        return "debt-reply"
    if "claim-reply" in why or ("refund_demand" in why and "legal_threat" in why):
        return "claim-reply"
    if "patient-review" in why:
        return "patient-review"
    if "insult" in why or "obscenity" in why:
        return "rude-customer"
    if "price_objection" in why:
        return "objection-expensive"
    return "complaint"


def triage_message(message: Message) -> Triage:
    """Triage a received message: its subject and the text its writer added."""
    text = f"{message.subject}\n{message.body}"
    return triage_text(text, lang=message.lang, is_email=message.is_email)
