"""How to reach us: the verb that goes with a contact, in Russian and English.

"Call" only before a phone number, "write" before an e-mail address, "message"
before a messenger handle; «мне напрямую» / "me directly" only for a personal
contact (``personal=True``), «нам» / "us" for a shared line or mailbox.

A contact string may hold several contacts ("+7 495 777-12-34, care@bank.ru",
«чат в приложении или 8 800 555-35-35»); each is classified on its own and the
phrases are joined with "or" / «или», the pronoun said once.

Free numbers are said to be free: UK 0800 and 0808 ("call us free on"), US
toll-free 800, 833, 844, 855, 866, 877 and 888 ("call us toll-free at") and
Russian 8 800 («по бесплатному номеру»). en-GB calls "on" a number, en-US "at".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

from replykit.lang.locale import Locale, get_locale

__all__ = ["FILTERS", "ContactKind", "classify", "contact_phrase", "split_contacts"]

ContactKind = Literal["phone", "email", "url", "messenger", "phrase"]

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_HANDLE = re.compile(r"@[A-Za-z0-9_.]{2,}")
_MESSENGER_LINK = re.compile(r"(?:https?://)?(?:t\.me|wa\.me|vk\.me|m\.me|telegram\.me)/\S+", re.I)
_MESSENGERS = {
    "telegram": "Telegram",
    "whatsapp": "WhatsApp",
    "viber": "Viber",
    "signal": "Signal",
    "телеграм": "Telegram",
    "телеграме": "Telegram",
    "вотсап": "WhatsApp",
    "ватсап": "WhatsApp",
}
_LINK_APPS = {
    "t": "Telegram",
    "telegram": "Telegram",
    "wa": "WhatsApp",
    "vk": "VK",
    "m": "Messenger",
}
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?", re.IGNORECASE)
_PHONE = re.compile(r"\+?[\d\s()\-.]+(?:\s*(?:ext\.?|доб\.?)\s*\d+)?", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*[,;]\s*|\s+(?:или|or)\s+|\s+/\s+", re.IGNORECASE)
_FREE_GB = re.compile(r"^(?:\+44\s*\(?0?\)?\s*|0)80[08]")
_FREE_US = re.compile(r"^(?:\+?1[\s.-]?)?\(?8(?:00|33|44|55|66|77|88)\)?[\s.-]")
_FREE_RU = re.compile(r"^(?:8|\+7)[\s(-]*800\b")


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def classify(contact: str) -> ContactKind:
    """What one contact is: "phone", "email", "url", "messenger" (@name, t.me/…, "WhatsApp
    +44 …") or "phrase" (anything else, such as «чат поддержки в приложении»).
    """
    text = " ".join(contact.split())
    lower = text.lower()
    if _EMAIL.fullmatch(text):
        return "email"
    if _HANDLE.fullmatch(text) or _MESSENGER_LINK.fullmatch(text):
        return "messenger"
    first = lower.split()[0] if lower else ""
    if first in _MESSENGERS and len(text.split()) > 1:
        return "messenger"
    if _URL.fullmatch(text) and not _PHONE.fullmatch(text):
        return "url"
    if _PHONE.fullmatch(text) and _digits(text) >= 7:
        return "phone"
    return "phrase"


def split_contacts(text: str) -> list[tuple[ContactKind, str]]:
    """The contacts in *text*, each with its kind, in the order written."""
    parts = [p.strip() for p in _SEPARATORS.split(" ".join(text.split())) if p.strip()]
    return [(classify(p), p) for p in parts]


def _messenger(value: str) -> tuple[str, str]:
    """(app name or "", the address): "WhatsApp +44 7700" → ("WhatsApp", "+44 7700")."""
    words = value.split(maxsplit=1)
    if words and words[0].lower() in _MESSENGERS and len(words) > 1:
        return _MESSENGERS[words[0].lower()], words[1]
    link = re.match(r"(?:https?://)?(\w+)\.me/", value, re.IGNORECASE)
    if link:
        return _LINK_APPS.get(link.group(1).lower(), ""), value
    return "", value


def _phrase_en(kind: ContactKind, value: str, who: str, loc: Locale) -> str:
    direct = " directly" if who == "me" else ""
    pronoun = f" {who}" if who else ""
    if kind == "phone":
        on = "at" if loc.is_us else "on"
        if loc.is_us and _FREE_US.match(value):
            return f"call{pronoun} toll-free at {value}"
        if not loc.is_us and _FREE_GB.match(value):
            return f"call{pronoun} free on {value}"
        return f"call{pronoun}{direct} {on} {value}"
    if kind == "email":
        return f"write to{pronoun}{direct} at {value}" if who else f"write to {value}"
    if kind == "messenger":
        app, address = _messenger(value)
        where = f" on {app}" if app and app not in address else ""
        return f"message{pronoun}{where} at {address}" if who else f"message{where} {address}"
    if kind == "url":
        return f"contact{pronoun} at {value}" if who else f"visit {value}"
    return f"contact{pronoun} via {value}" if who else f"use {value}"


def _phrase_ru(kind: ContactKind, value: str, who: str) -> str:
    pronoun = {"us": " нам", "me": " мне напрямую", "": ""}[who]
    if kind == "phone":
        if _FREE_RU.match(value):
            return f"позвоните{pronoun} по бесплатному номеру {value}"
        return f"позвоните{pronoun} по телефону {value}"
    if kind == "email":
        return f"напишите{pronoun} на {value}"
    if kind == "messenger":
        app, address = _messenger(value)
        where = f" в {app}" if app else ""
        return f"напишите{pronoun}{where}: {address}"
    if kind == "url":
        return f"напишите{pronoun} через сайт {value}"
    return f"свяжитесь {'со мной' if who == 'me' else 'с нами'}: {value}"


def contact_phrase(contact: str, locale: str | Locale = "ru", personal: bool = False) -> str:
    """The imperative that tells the reader how to reach us, contact included.

    ``contact_phrase("+44 20 7946 0330", "en-GB")`` → "call us on +44 20 7946
    0330"; ``contact_phrase("support@x.com", "en")`` → "write to us at
    support@x.com"; ``contact_phrase("@acme", "en")`` → "message us at
    @acme"; ``contact_phrase("+7 495 777-12-34, care@bank.ru", "ru")`` →
    «позвоните нам по телефону +7 495 777-12-34 или напишите на care@bank.ru»;
    with ``personal=True`` "call me directly on …" / «позвоните мне напрямую
    по телефону …». Lower case, no full stop: a template places it in its
    sentence. Free-text contacts come after the phone numbers and addresses.
    An empty contact is a ValueError.
    """
    loc = get_locale(locale)
    contacts = split_contacts(contact)
    if not contacts:
        raise ValueError("the contact is empty: give a phone number, an e-mail address or a link")
    who = "me" if personal else "us"
    # A free-text phrase goes last: its colon reads as the end of the sentence.
    contacts.sort(key=lambda kc: kc[0] == "phrase")
    phrases = []
    for index, (kind, value) in enumerate(contacts):
        # The pronoun is said once; a free-text phrase keeps its own («свяжитесь с нами»).
        said = who if index == 0 or kind == "phrase" else ""
        if loc.language == "ru":
            phrases.append(_phrase_ru(kind, value, said))
        else:
            phrases.append(_phrase_en(kind, value, said, loc))
    joiner = " или " if loc.language == "ru" else " or "
    return joiner.join(phrases)


#: Jinja filters from this module, by name (registered by the filter registry).
FILTERS: dict[str, Callable[..., Any]] = {
    "contact_kind": classify,
    "contact_phrase": contact_phrase,
}
