"""The rules of ``replykit check``: one function each, registered with its id and severity.

======================  ========  ========================================================
rule                    severity  finds
======================  ========  ========================================================
placeholder             error     ``[Имя клиента]``, ``{{ }}``, ``{% %}``, ``XXX``, ``___``, …
missing-step            error     a step the playbook requires (``rules.require``) is absent
avoid-phrase            error     a phrase the sources or the playbook's ``rules.avoid`` ban
blame-shifting          error     the blame put on a courier, a third-party service, the weather
no-deadline             error     a promise with no date where the playbook needs one
closing-slang           error     «Чао», "Cheers", "Hodl strong!", emoji in the closing
public-health-data      error     on ``public``: diagnosis, treatment, test results
vague-time              warning   «как только сможем», "soon" instead of a date
nameless-greeting       warning   «Здравствуйте!» or "Dear customer" with no name
long-sentence           warning   a sentence of more than 40 words
faceless-signature      warning   signed by a company or a team, with no person
unmotivated             warning   «претензия рассмотрена», "rejected" with no reason given
unconditional-discount  warning   (objection playbooks) a discount given for nothing
shouting                warning   a word in capitals that is no abbreviation, «!!», «?!»
public-personal-data    warning   on ``public``: a phone, e-mail, order number, visit date
public-private-channel  warning   on ``public``: no invitation to a private channel
public-legal-talk       warning   on ``public``: courts, lawyers, lawsuits, the law
jargon                  info      «хеш», «блокчейн», "API": words a customer may not know
======================  ========  ========================================================

A rule reads a :class:`~replykit.check.view.ReplyView` and yields :class:`Hit` values; the
registry adds the id and severity. Messages and suggestions are in the reply's language.
The rules that end the table, from ``public-personal-data``, are in
:mod:`replykit.check.public_rules`, which registers them after these.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from replykit.check import phrases as P
from replykit.check import signs as S
from replykit.check.view import ReplyView, search, without_mentions

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
MAX_SENTENCE_WORDS = 40
CLOSING_LINES = 5


@dataclass(frozen=True)
class Hit:
    """What a rule found: where, what, what to do. ``key`` tells two hits on a line apart."""

    line: int | None
    message: str
    suggestion: str = ""
    key: str = ""


RuleFunction = Callable[[ReplyView], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A registered rule."""

    id: str
    severity: str
    check: RuleFunction


#: Every rule, in the order they run.
REGISTRY: dict[str, Rule] = {}


def rule(rule_id: str, severity: str) -> Callable[[RuleFunction], RuleFunction]:
    """Register the decorated function as the rule ``rule_id``."""
    if severity not in SEVERITIES:
        raise ValueError(f"rule {rule_id}: unknown severity {severity!r}")

    def register(func: RuleFunction) -> RuleFunction:
        if rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id} is registered twice")
        REGISTRY[rule_id] = Rule(rule_id, severity, func)
        return func

    return register


def _sentences(line: str) -> list[str]:
    return re.split(r"(?<=[.!?…])\s+", line)


def quote(text: str) -> str:
    """``text`` in «» quotes, for a message."""
    return f"«{text.strip()}»"


# --- errors ----------------------------------------------------------------------------------


@rule("placeholder", ERROR)
def placeholder(view: ReplyView) -> Iterator[Hit]:
    """Text a template or a hand-made draft forgot to fill in."""
    for number, line in view.numbered():
        for pattern, what_ru, what_en in P.PLACEHOLDERS:
            for match in re.finditer(pattern, line, re.IGNORECASE):
                if what_en.startswith("a blank") and _is_signing_line(line, match.start()):
                    continue
                found = match.group().strip()
                yield Hit(
                    number,
                    view.say(
                        f"незаполненная заглушка '{found}' ({what_ru})",
                        f"leftover placeholder '{found}' ({what_en})",
                    ),
                    view.say(
                        "Впишите настоящее значение или уберите её.",
                        "Replace it with the real value, or remove it.",
                    ),
                    key=f"{match.start()}",
                )


def _is_signing_line(line: str, start: int) -> bool:
    """A run of underscores at a line's start, or on a line about a signature, is for signing."""
    before = line[:start].strip()
    return not before or bool(re.search(r"подпис|signature|signed|м\.\s?п\.", line, re.IGNORECASE))


@rule("missing-step", ERROR)
def missing_step(view: ReplyView) -> Iterator[Hit]:
    """A step the playbook requires is absent (conditional steps when their condition holds)."""
    for step_id in view.missing_steps():
        name = view.step_name(step_id)
        tip = S.STEP_TIPS.get(step_id, {}).get(view.lang)
        yield Hit(
            None,
            view.say(
                f"в ответе, похоже, нет шага «{name}»", f"the reply seems to lack a step: {name}"
            ),
            tip
            or view.say(
                f"Добавьте: {name}. Шаги сценария перечисляет `replykit show "
                f"{view.playbook.id if view.playbook else ''} --lang ru`.",
                f"Add the {name} part; `replykit show "
                f"{view.playbook.id if view.playbook else ''}` lists the steps.",
            ),
            key=step_id,
        )


@rule("avoid-phrase", ERROR)
def avoid_phrase(view: ReplyView) -> Iterator[Hit]:
    """A phrase the sources advise against, or one the playbook's ``rules.avoid`` lists."""
    sources = view.say("так советуют источники", "the sources advise against it")
    lists = [(pattern, tip, sources) for pattern, tip in P.AVOID.get(view.lang, ())]
    if view.playbook is not None:
        whose = view.say(
            f"так советует сценарий «{view.playbook.id}»",
            f"playbook '{view.playbook.id}' advises against it",
        )
        lists += [
            (rf"(?<!\w){re.escape(p)}(?!\w)", "", whose)
            for p in view.playbook.rules.avoid.get(view.lang, ())
        ]
    default_tip = view.say(
        "Скажите по-другому: что вы делаете и к какому сроку.",
        "Rephrase positively: say what you do and by when.",
    )
    for number, line in view.numbered():
        for pattern, tip, whose_advice in lists:
            match = search(pattern, line)
            if match:
                phrase = match.group()
                yield Hit(
                    number,
                    view.say(
                        f"лучше не писать «{phrase}» ({whose_advice})",
                        f"avoid «{phrase}» ({whose_advice})",
                    ),
                    tip or default_tip,
                    key=phrase.casefold(),
                )


@rule("blame-shifting", ERROR)
def blame_shifting(view: ReplyView) -> Iterator[Hit]:
    """The blame put on others: a courier, a bank, a third-party service, magnetic storms."""
    for number, line in view.numbered():
        for pattern in P.BLAME.get(view.lang, ()):
            match = search(pattern, line)
            if match is None:
                continue
            if search(P.OWN_FAILURE, match.group()) and (
                search(r"\b(наш|our\b)", match.group()) or search(P.OUR_OWN, line[match.end() :])
            ):
                continue  # «из-за сбоя на нашем сервере»: our own failure, owned
            yield Hit(
                number,
                view.say(
                    f"вина переложена на других: «{match.group()}»",
                    f"blame put on others: «{match.group()}»",
                ),
                view.say(
                    "Возьмите ответственность на себя: клиент имел дело с вами, а не с вашими "
                    "партнёрами. Извинитесь и скажите, что вы делаете.",
                    "Take responsibility: the customer dealt with you, not your partners. "
                    "Apologise and say what you are doing about it.",
                ),
                key=match.group().casefold(),
            )
            break


@rule("no-deadline", ERROR)
def no_deadline(view: ReplyView) -> Iterator[Hit]:
    """No date where the playbook asks for one; a promise's date belongs in its paragraph."""
    if not view.needs_deadline():
        return
    promise = P.PROMISE.get(view.lang, "")
    promises = [p for p in view.paragraphs if promise and search(promise, p.text)]

    def dated(text: str) -> bool:
        return any(search(pattern, text) for pattern in P.DEADLINE)

    tip = view.say(
        "Скажите, к какому сроку: дата (25.11.2026, 25 ноября 2026 г.) или срок "
        "(«в течение 10 рабочих дней»).",
        "Say by when: a date (25 November 2026) or a period ('within 10 working days').",
    )
    if promises:
        if not any(dated(p.text) for p in promises):
            yield Hit(
                promises[0].line,
                view.say(
                    "обещание без срока: рядом с ним нет даты или срока",
                    "a promise with no date or deadline beside it",
                ),
                tip,
            )
    elif not dated(view.reply.text):
        yield Hit(
            None,
            view.say(
                "нет конкретной даты или срока, а сценарий их требует",
                "no concrete date or deadline: the playbook asks for one",
            ),
            tip,
        )


@rule("closing-slang", ERROR)
def closing_slang(view: ReplyView) -> Iterator[Hit]:
    """Slang, a joke or an emoji where a formal closing belongs (the last lines)."""
    slang = P.SLANG_CLOSING.get(view.lang, "")
    for number, line in list(view.numbered())[-CLOSING_LINES:]:
        ending = " ".join(_sentences(line)[-2:])  # a one-line reply's end
        match = (search(slang, ending) if slang else None) or re.search(P.EMOJI, ending)
        if match:
            yield Hit(
                number,
                view.say(
                    f"сленг или шутка в завершении: {quote(match.group())}",
                    f"slang or a joke in the closing: {quote(match.group())}",
                ),
                view.say(
                    "Завершите формально: «С уважением», «С благодарностью» — и подпишитесь "
                    "именем и должностью.",
                    "Close formally: 'Yours sincerely', 'Kind regards' — then the name and "
                    "position.",
                ),
            )


@rule("public-health-data", ERROR)
def public_health_data(view: ReplyView) -> Iterator[Hit]:
    """On a public channel: a diagnosis, treatment, test results, a visit to a doctor."""
    if view.channel != "public":
        return
    for number, line in view.numbered():
        for pattern in P.HEALTH_DATA:
            match = search(pattern, line)
            if match:
                yield Hit(
                    number,
                    view.say(
                        f"медицинские сведения в публичном ответе: {quote(match.group())}",
                        f"health data in a public reply: {quote(match.group())}",
                    ),
                    view.say(
                        "Никогда не упоминайте публично диагнозы, лечение и визиты (врачебная "
                        "тайна); переведите разговор в личный канал.",
                        "Never mention diagnoses, treatment or visits in public (medical "
                        "secrecy); move the conversation to a private channel.",
                    ),
                    key=match.group().casefold(),
                )
                break


# --- warnings --------------------------------------------------------------------------------


@rule("vague-time", WARNING)
def vague_time(view: ReplyView) -> Iterator[Hit]:
    """Vague time words where a date belongs."""
    pattern = P.VAGUE_TIME.get(view.lang, "")
    for number, line in view.numbered():
        match = search(pattern, line) if pattern else None
        if match:
            yield Hit(
                number,
                view.say(
                    f"расплывчатый срок «{match.group()}» вместо даты",
                    f"vague time «{match.group()}» instead of a date",
                ),
                view.say(
                    "Назовите дату или срок: 25.11.2026, «в течение 10 рабочих дней».",
                    "Give a real date or deadline: 25 November 2026, 'within 3 working days'.",
                ),
            )


@rule("nameless-greeting", WARNING)
def nameless_greeting(view: ReplyView) -> Iterator[Hit]:
    """A greeting that names nobody: «Здравствуйте!», "Dear customer"."""
    pattern = P.NAMELESS_GREETING.get(view.lang, "")
    greeting = S.STEP_PATTERNS["greeting"].get(view.lang, "")
    for number, raw in view.numbered():
        line = without_mentions(raw)
        nameless = _nameless(pattern, line) if pattern else ""
        if nameless:
            yield Hit(
                number,
                view.say(
                    f"приветствие «{nameless}» ни к кому не обращено",
                    f"the greeting «{nameless}» names nobody",
                ),
                view.say(
                    "Обратитесь по имени: «Уважаемая Анна Сергеевна!».",
                    "Address the person by name: 'Dear Ms Smith,'.",
                ),
            )
        if nameless or (greeting and search(greeting, line)):
            return


def _nameless(pattern: str, line: str) -> str:
    """The greeting when the line is one alone, or opens with one no name follows; else ""."""
    if search(pattern, line):
        return line.strip()
    match = re.match(r"^\s*(?P<head>[^,!.?]*[,!.?])\s*(?P<next>\S?)", line)
    if not match or not search(pattern, match.group("head")):
        return ""
    head = match.group("head").strip()
    return head if head.endswith(("!", ".", "?")) or not match.group("next").isupper() else ""


@rule("long-sentence", WARNING)
def long_sentence(view: ReplyView) -> Iterator[Hit]:
    """A sentence of more than 40 words."""
    for number, line in view.numbered():
        for sentence in _sentences(line):
            words = re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", sentence)
            if len(words) > MAX_SENTENCE_WORDS:
                yield Hit(
                    number,
                    view.say(
                        f"в предложении {len(words)} слов (больше {MAX_SENTENCE_WORDS})",
                        f"a sentence of {len(words)} words (more than {MAX_SENTENCE_WORDS})",
                    ),
                    view.say(
                        "Разделите его: одна мысль в предложении читается быстрее.",
                        "Split it: one thought per sentence reads faster and sounds less formal.",
                    ),
                    key=sentence[:20],
                )


@rule("faceless-signature", WARNING)
def faceless_signature(view: ReplyView) -> Iterator[Hit]:
    """The last lines name a company or a team, and no person."""
    block = view.signature_block
    closing = view.step_pattern("closing") or r"$^"
    company = [(n, line) for n, line in block if search(P.COMPANY, line)]
    people = [
        person
        for _n, line in block
        if not search(closing, line)
        and (person := re.match(P.PERSON, line.strip()))
        and not search(P.COMPANY, person.group())
    ]
    if company and not people:
        number, line = company[-1]
        yield Hit(
            number,
            view.say(
                f"ответ подписан компанией, а не человеком: {quote(line)}",
                f"the reply is signed by a company, not a person: {quote(line)}",
            ),
            view.say(
                "Подпишите от конкретного человека: имя, фамилия, должность. Извинение от "
                "человека весит больше, чем от безликой компании.",
                "Sign as a person: name and position. An apology from someone carries more "
                "weight than one from a faceless company.",
            ),
        )


@rule("unmotivated", WARNING)
def unmotivated(view: ReplyView) -> Iterator[Hit]:
    """«Претензия рассмотрена», «решение принято» with no reason there or after it."""
    verdict, reason = P.VERDICT.get(view.lang), P.REASON.get(view.lang)
    if not verdict or not reason:
        return
    paragraphs = view.paragraphs
    for index, paragraph in enumerate(paragraphs):
        match = search(verdict, paragraph.text)
        if match is None:
            continue
        if any(search(reason, later.text) for later in paragraphs[index:]):
            continue
        line = paragraph.line + paragraph.text.count("\n", 0, match.start())
        yield Hit(
            line,
            view.say(
                f"решение без объяснения: {quote(match.group())}, но ни причин, ни фактов, ни норм",
                f"a decision with no reasons: {quote(match.group())}, but no facts or rules",
            ),
            view.say(
                "Объясните решение: факты, пункт договора или статья закона («согласно п. 5.2 "
                "договора…», «так как…»).",
                "Give the reasons: the facts, the clause or the law ('under clause 5.2 of the "
                "contract…', 'because…').",
            ),
        )
        return


@rule("unconditional-discount", WARNING)
def unconditional_discount(view: ReplyView) -> Iterator[Hit]:
    """In an objection reply: a discount with no condition on the same line."""
    if view.playbook is None or not view.playbook.id.startswith("objection"):
        return
    discount, condition = P.DISCOUNT.get(view.lang, ""), P.DISCOUNT_CONDITION.get(view.lang, "")
    for number, line in view.numbered():
        match = search(discount, line) if discount else None
        if match and not search(condition, line):
            yield Hit(
                number,
                view.say(
                    f"скидка ни за что: {quote(match.group())} без встречного условия",
                    f"a discount for nothing: {quote(match.group())} with no condition",
                ),
                view.say(
                    "Предложите скидку в обмен на что-то: предоплату, долгий договор, "
                    "рекомендацию.",
                    "Offer a discount only in exchange for something: prepayment, a longer "
                    "contract, a referral.",
                ),
            )


@rule("shouting", WARNING)
def shouting(view: ReplyView) -> Iterator[Hit]:
    """A word of four or more capitals that is no abbreviation, or «!!», «?!»."""
    for number, line in view.numbered():
        loud = [
            word
            for word in re.findall(r"(?<![\w%$<{\[-])[^\W\d_]{4,}(?![\w%>}\]-])", line)
            if word.isupper() and word not in P.ABBREVIATIONS
        ]
        marks = re.search(P.SHOUT_PUNCTUATION, line)
        if loud or marks:
            what = loud[0] if loud else (marks.group() if marks else "")
            yield Hit(
                number,
                view.say(
                    f"ответ звучит как крик: {quote(what)}",
                    f"the reply sounds like shouting: {quote(what)}",
                ),
                view.say(
                    "Пишите обычными буквами и с одним знаком в конце: спокойный тон гасит "
                    "конфликт, зеркальный — разжигает.",
                    "Write in normal case with one mark at the end: a calm tone settles a "
                    "conflict, a mirrored one feeds it.",
                ),
            )
