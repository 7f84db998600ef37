"""The last rules of ``replykit check``: what a public reply must not show or must offer, and
jargon. Listed with the others in :mod:`replykit.check.rules`; registered after them, in the
table's order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from replykit.check import phrases as P
from replykit.check import signs as S
from replykit.check.rules import INFO, WARNING, Hit, quote, rule
from replykit.check.view import ReplyView, search


@rule("public-personal-data", WARNING)
def public_personal_data(view: ReplyView) -> Iterator[Hit]:
    """On a public channel: every kind of personal data on a line (our own contact is fine)."""
    if view.channel != "public":
        return
    for number, line in view.numbered():
        own_contact = bool(search(P.OWN_CONTACT, line))
        numbered_kind = False
        for pattern, what_ru, what_en in P.PERSONAL_DATA:
            for match in re.finditer(pattern, line, re.IGNORECASE):
                if what_en == "a phone number" and not _looks_like_phone(match.group()):
                    continue
                if own_contact and what_en in ("a phone number", "an e-mail address"):
                    continue  # the company's own contact, offered to move the talk private
                numbered_kind = numbered_kind or "number" in what_en
                yield _personal(view, number, what_ru, what_en, match.group())
        document = search(P.DOCUMENT_NUMBER, line)
        if document and not numbered_kind and not own_contact:
            yield _personal(view, number, "номер документа", "a document number", document.group())


def _personal(view: ReplyView, number: int, what_ru: str, what_en: str, found: str) -> Hit:
    return Hit(
        number,
        view.say(
            f"личные данные в публичном ответе: {what_ru} ({quote(found)})",
            f"personal data in a public reply: {what_en} ({quote(found)})",
        ),
        view.say(
            "Не пишите публично то, что указывает на человека; предложите продолжить в личном "
            "канале.",
            "Keep identifying details out of public replies; invite the person to a private "
            "channel instead.",
        ),
        key=f"{what_en}:{found.strip()}",
    )


def _looks_like_phone(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    if re.fullmatch(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}", text.strip()):
        return False
    return text.strip().startswith(("+", "(")) or len(digits) >= 10


@rule("public-private-channel", WARNING)
def public_private_channel(view: ReplyView) -> Iterator[Hit]:
    """On a public channel: a reply to a problem never invites the person to a direct contact."""
    if view.channel != "public":
        return
    invite, problem = P.PRIVATE_INVITE.get(view.lang, ""), S.PROBLEM.get(view.lang, "")
    if not problem or not search(problem, view.reply.text):
        return  # praise answered in public needs no private channel
    if invite and not search(invite, view.reply.text):
        yield Hit(
            None,
            view.say(
                "публичный ответ не приглашает продолжить разговор лично",
                "the public reply never invites the person to a private channel",
            ),
            view.say(
                "Дайте прямой контакт или предложите написать в личные сообщения: подробности "
                "не для всех.",
                "Give a direct contact or invite a private message: the details are not for "
                "everyone.",
            ),
        )


@rule("public-legal-talk", WARNING)
def public_legal_talk(view: ReplyView) -> Iterator[Hit]:
    """On a public channel: courts, lawsuits, lawyers, the law."""
    if view.channel != "public":
        return
    pattern = P.LEGAL_TALK.get(view.lang, "")
    for number, line in view.numbered():
        match = search(pattern, line) if pattern else None
        if match:
            yield Hit(
                number,
                view.say(
                    f"юридическая тема в публичном ответе: {quote(match.group())}",
                    f"legal talk in a public reply: {quote(match.group())}",
                ),
                view.say(
                    "Не обсуждайте суды и претензии публично: переведите разговор в личный "
                    "канал и прежде покажите ответ юристу.",
                    "Do not discuss legal matters in public: move the talk to a private "
                    "channel, and show your reply to a lawyer first.",
                ),
            )


# --- info ------------------------------------------------------------------------------------


@rule("jargon", INFO)
def jargon(view: ReplyView) -> Iterator[Hit]:
    """Technical words a customer may not know."""
    pattern = P.JARGON.get(view.lang, "")
    for number, line in view.numbered():
        for match in re.finditer(pattern, line, re.IGNORECASE) if pattern else ():
            yield Hit(
                number,
                view.say(
                    f"профессиональный жаргон: {quote(match.group())}",
                    f"jargon: {quote(match.group())}",
                ),
                view.say(
                    "Скажите то же простыми словами, понятными клиенту.",
                    "Say it in plain words the customer knows.",
                ),
                key=match.group().casefold(),
            )
