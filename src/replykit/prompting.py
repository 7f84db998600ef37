"""The interactive walk: ask for missing answers on a terminal, preview, accept or change.

Only this module and the CLI talk to a person. Prompts are in the letter's
language and go to stderr; stdout stays for the letter itself.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from replykit.playbook import Field, Playbook
from replykit.playbook.values import FieldValueError, format_value

_UI = {
    "ru": {
        "default": "по умолчанию",
        "example": "например",
        "optional": "можно пропустить — Enter",
        "list_hint": "по пункту в строке; пустая строка — конец списка",
        "item": "Пункт",
        "more": "Добавить ещё один пункт? (да/нет)",
        "choice_hint": "номер или значение",
        "preview": "Черновик письма",
        "menu": "[a] принять  [c] изменить ответ  [q] отменить",
        "which": "Какой ответ изменить (номер или имя поля)",
        "unknown": "Нет такого поля",
        "cancelled": "Отменено, ничего не записано.",
    },
    "en": {
        "default": "default",
        "example": "e.g.",
        "optional": "optional — press Enter to skip",
        "list_hint": "one per line; an empty line ends the list",
        "item": "Item",
        "more": "Add another item? (yes/no)",
        "choice_hint": "number or value",
        "preview": "Draft reply",
        "menu": "[a] accept  [c] change an answer  [q] cancel",
        "which": "Which answer to change (number or field name)",
        "unknown": "No such field",
        "cancelled": "Cancelled; nothing was written.",
    },
}


class Prompter:
    """Asks for answers on the terminal, in the letter's language."""

    def __init__(self, lang: str, console: Console | None = None) -> None:
        self.lang = lang
        self.ui = _UI.get(lang, _UI["en"])
        # markup off: prompts, answers and menus hold square brackets ("[a] accept", "[us]")
        self.console = console or Console(stderr=True, highlight=False, markup=False)

    def _example(self, fld: Field) -> str:
        example = fld.example_in(self.lang)
        return "" if example is None else str(example)

    def ask(self, fld: Field, default: Any, error: FieldValueError | None) -> Any:
        """Ask one field; the answer is raw text (or a list for list fields)."""
        if error is not None:
            self.console.print(f"✗ {error.text(self.lang)}", style="red")
        else:
            self._introduce(fld, default)
        if fld.type == "list":
            return self._ask_list(fld)
        suffix = ""
        if default is not None:
            suffix = f" [{format_value(fld, default, self.lang)}]"
        return self.console.input(Text(f"{fld.prompt_text(self.lang)}{suffix}: ", style="bold"))

    def _introduce(self, fld: Field, default: Any) -> None:
        lines = []
        help_text = fld.help_text(self.lang)
        if help_text:
            lines.append(help_text)
        if fld.choices:
            for number, choice in enumerate(fld.choices, start=1):
                lines.append(f"  {number}. {choice.value} — {choice.label(self.lang)}")
            lines.append(f"  ({self.ui['choice_hint']})")
        example = self._example(fld)
        if example and not fld.choices:
            lines.append(f"{self.ui['example']}: {example}")
        if not fld.required and default is None:
            lines.append(f"({self.ui['optional']})")
        self.console.print()
        for line in lines:
            self.console.print(Text(line, style="dim"))

    def _ask_list(self, fld: Field) -> list[Any]:
        if fld.is_record_list:
            return self._ask_records(fld)
        self.console.print(
            Text(f"{fld.prompt_text(self.lang)} ({self.ui['list_hint']}):", style="bold")
        )
        items: list[str] = []
        while True:
            line = self.console.input(Text(f"  {len(items) + 1}. "))
            if not line.strip():
                return items
            items.append(line)

    def _ask_records(self, fld: Field) -> list[dict[str, Any]]:
        self.console.print(Text(f"{fld.prompt_text(self.lang)}:", style="bold"))
        records: list[dict[str, Any]] = []
        while True:
            self.console.print(Text(f"{self.ui['item']} {len(records) + 1}", style="bold"))
            record: dict[str, Any] = {}
            for sub in fld.item_fields:
                hint = self._example(sub)
                shown = f" ({self.ui['example']}: {hint})" if hint else ""
                if sub.choices:
                    options = ", ".join(c.value for c in sub.choices)
                    shown = f" ({options})"
                record[sub.name] = self.console.input(
                    Text(f"  {sub.prompt_text(self.lang)}{shown}: ")
                )
            records.append(record)
            more = self.console.input(Text(f"{self.ui['more']} ")).strip().casefold()
            if more not in ("да", "д", "yes", "y"):
                return records

    def preview(self, text: str) -> None:
        """Show the drafted letter."""
        self.console.print()
        self.console.print(Panel(Text(text.rstrip("\n")), title=self.ui["preview"], expand=False))

    def choose_action(self) -> str:
        """``accept``, ``change`` or ``cancel``."""
        while True:
            answer = self.console.input(Text(f"{self.ui['menu']}: ")).strip().casefold()
            if answer in ("", "a", "accept", "y", "yes", "д", "да", "п", "принять"):
                return "accept"
            if answer in ("c", "change", "и", "изменить"):
                return "change"
            if answer in ("q", "quit", "cancel", "n", "no", "нет", "о", "отменить"):
                return "cancel"

    def choose_field(self, playbook: Playbook, answered: list[str]) -> str:
        """Which answered field to change."""
        fields = [f for f in playbook.fields if f.name in answered]
        for number, fld in enumerate(fields, start=1):
            self.console.print(f"  {number}. {fld.name} — {fld.prompt_text(self.lang)}")
        while True:
            answer = self.console.input(Text(f"{self.ui['which']}: ")).strip()
            if answer.isdigit() and 1 <= int(answer) <= len(fields):
                return fields[int(answer) - 1].name
            if answer in answered:
                return answer
            self.console.print(self.ui["unknown"], style="red")

    def say_cancelled(self) -> None:
        """Tell the person nothing was written."""
        self.console.print(self.ui["cancelled"])
