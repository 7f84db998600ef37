"""Answers a received message supports, each marked with where in the message it came from.

What the headers state (the sender's name, the date, a subject) is *stated*: it counts as
given, and on a terminal it is listed rather than asked. What is read out of the body
(an order or claim number, an amount) is a *suggestion*: on a terminal it is offered as
the question's default; without one it counts as given too, and both kinds are always
reported — on stderr, or in ``--json`` — so none becomes an answer silently.

The customer's own words are never copied into an answer: the playbooks ask for the
problem in the writer's words (``problem``, ``issue``), so the walk shows the message's text
beside the questions instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TextIO

from replykit.answers import AnswerSources, AskFunction
from replykit.message import Message
from replykit.message_facts import Amount
from replykit.playbook import Field, Playbook
from replykit.playbook.values import FieldValueError, parse_value

_PERSON_FIELDS = ("customer_name", "recipient_name")
_DATE_FIELDS = ("complaint_date", "incoming_date")
_NUMBER_FIELDS = ("case_number", "incoming_number")
_AMOUNT_FIELDS = ("claimed_amount",)

_UI = {
    "ru": {
        "intro": "Из письма {source}:",
        "from": "из письма: {source}",
        "overridden": "заменено вашим ответом",
        "quote": "Текст письма клиента:",
        "order": "заказ № {number}",
        "contract": "договор № {number}",
        "invoice": "счёт № {number}",
    },
    "en": {
        "intro": "From the message {source}:",
        "from": "from the message: {source}",
        "overridden": "replaced by your answer",
        "quote": "The customer's message:",
        "order": "order {number}",
        "contract": "contract No. {number}",
        "invoice": "invoice No. {number}",
    },
}
_QUOTE_CHARS = 1500


@dataclass(frozen=True)
class Prefilled:
    """One answer taken from the message: the field, its raw value, where it was found."""

    field: str
    value: str
    source: str  # a header name (From, Date, Subject) or "body: order number" and the like
    suggestion: bool  # read from the body: offered, never assumed on a terminal


@dataclass(frozen=True)
class Prefill:
    """The answers a message supports for one playbook."""

    message: Message
    items: tuple[Prefilled, ...]
    lang: str

    @classmethod
    def build(cls, message: Message, playbook: Playbook, lang: str) -> Prefill:
        """What ``message`` says, for the fields ``playbook`` has; values that do not fit
        the field (a company name in a person field) are left out, not forced."""
        ui = _UI.get(lang, _UI["en"])
        fields = {f.name: f for f in playbook.fields}
        candidates: list[Prefilled] = []

        def offer(names: tuple[str, ...], value: str, source: str, suggestion: bool) -> None:
            for name in names:
                fld = fields.get(name)
                if fld is not None and value and _fits(fld, value):
                    candidates.append(Prefilled(name, value, source, suggestion))

        facts = message.facts
        offer(_PERSON_FIELDS, message.sender_name, "From", False)
        if message.date is not None:
            offer(_DATE_FIELDS, message.date.date().isoformat(), "Date", False)
        if facts.orders:
            topic = ui["order"].format(number=facts.orders[0])
            offer(("topic",), topic, "body: order number", True)
        elif message.topic:
            offer(("topic",), message.topic, "Subject", False)
        if facts.claims:
            offer(_NUMBER_FIELDS, facts.claims[0], "body: claim or case number", True)
        if facts.amounts:
            amount = facts.amounts[0]
            offer(_AMOUNT_FIELDS, format(amount.value, "f"), "body: amount", True)
            if "claimed_amount" in {c.field for c in candidates} and amount.currency:
                offer(("currency",), amount.currency, "body: amount", True)
            offer(("price",), _price(amount), "body: amount", True)
        basis = [ui["contract"].format(number=n) for n in facts.contracts[:1]]
        basis += [ui["invoice"].format(number=n) for n in facts.invoices[:3]]
        if basis:
            offer(("debt_basis",), ", ".join(basis), "body: contract and invoice numbers", True)
        return cls(message, tuple(candidates), lang)

    def answers(self, interactive: bool) -> dict[str, str]:
        """The answers to count as given (the ``message`` layer of :class:`AnswerSources`):
        all of them, or on a terminal only the stated ones."""
        return {i.field: i.value for i in self.items if not (interactive and i.suggestion)}

    def overridden(self, sources: AnswerSources) -> set[str]:
        """The prefilled fields a source above the message (``--set``, ``--answers``) replaced."""
        return {i.field for i in self.items if sources.source_of(i.field) not in ("message", "")}

    def as_dict(self, sources: AnswerSources) -> dict[str, Any]:
        """JSON-ready: the message's summary and every prefilled answer with its source."""
        replaced = self.overridden(sources)
        return {
            "message": self.message.as_dict(),
            "prefilled": [
                {
                    "field": i.field,
                    "value": i.value,
                    "source": i.source,
                    "suggestion": i.suggestion,
                    "used": i.field not in replaced,
                }
                for i in self.items
            ],
        }

    def report(self, sources: AnswerSources, stream: TextIO) -> None:
        """List the prefilled answers (and which ones were replaced) on ``stream``."""
        if not self.items:
            return
        ui = _UI.get(self.lang, _UI["en"])
        replaced = self.overridden(sources)
        stream.write(ui["intro"].format(source=self.message.source) + "\n")
        for item in self.items:
            note = f"; {ui['overridden']}" if item.field in replaced else ""
            source = ui["from"].format(source=item.source)
            stream.write(f"  {item.field} = {item.value}  ({source}{note})\n")

    def asking(self, ask: AskFunction, stream: TextIO) -> AskFunction:
        """``ask`` that offers the message's answer as the default, saying where it came from.

        Before the first question the customer's text is shown, so the writer can restate
        the problem in their own words.
        """
        ui = _UI.get(self.lang, _UI["en"])
        by_field = {i.field: i for i in self.items}
        if self.message.body:
            quote = self.message.body
            if len(quote) > _QUOTE_CHARS:
                quote = quote[:_QUOTE_CHARS].rstrip() + " …"
            stream.write(f"\n{ui['quote']}\n")
            stream.write("".join(f"  │ {line}\n" for line in quote.split("\n")))

        def ask_with_message(fld: Field, default: Any, error: FieldValueError | None) -> Any:
            item = by_field.get(fld.name)
            if item is None:
                return ask(fld, default, error)
            if error is None:
                stream.write(f"  ({ui['from'].format(source=item.source)})\n")
            answer = ask(fld, parse_value(fld, item.value), error)
            if isinstance(answer, str) and not answer.strip():
                return item.value
            return answer

        return ask_with_message


def _fits(fld: Field, value: str) -> bool:
    try:
        parse_value(fld, value)
    except FieldValueError:
        return False
    return True


def _price(amount: Amount) -> str:
    value = format(amount.value, "f")
    if amount.currency == "USD":
        return f"${value}"
    symbol = {"RUB": "₽", "EUR": "€"}.get(amount.currency, "")
    return f"{value} {symbol}".strip()


__all__ = ["Prefill", "Prefilled"]
