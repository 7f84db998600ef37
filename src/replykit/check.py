"""Lint a reply — drafted by replykit or written by hand — against a playbook and the sources.

Each finding has a rule id, a severity (``error``, ``warning``, ``info``), the line it is
on (None for the reply as a whole), a message and a suggestion. ``replykit check`` exits 1
when any finding is an error. The rules and what they catch:

====================  ========  ==========================================================
rule                  severity  finds
====================  ========  ==========================================================
missing-step          error     a step the playbook requires (``rules.require``) is absent
avoid-phrase          error     a phrase the sources or the playbook's ``rules.avoid`` ban
blame-shifting        error     the blame put on a courier, a supplier, the weather, …
placeholder           error     ``[Имя клиента]``, ``{{ }}``, ``{% %}``, ``XXX``, ``___``, …
no-deadline           error     no concrete date or deadline where the playbook needs one
vague-time            warning   «в ближайшее время», "soon", "asap" instead of a date
nameless-greeting     warning   «Здравствуйте!» or "Dear customer" with no name
closing-slang         error     «Чао», «Пока», "Cheers", "xoxo", emoji in the closing
long-sentence         warning   a sentence of more than 40 words
public-personal-data  warning   on ``--channel public``: a phone, e-mail, order number, visit
public-health-data    error     on ``--channel public``: diagnosis, treatment, test results
====================  ========  ==========================================================

A letter saved by ``replykit draft --format json`` carries its steps; ``check`` uses
them instead of guessing steps from phrases, and takes the playbook, language and
channel from it unless told otherwise.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from replykit import check_rules as R
from replykit.conditions import condition_context, holds
from replykit.playbook import Playbook

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
MAX_SENTENCE_WORDS = 40
CLOSING_LINES = 5

#: Every rule id with its severity (the table in the module docstring, as data).
RULES: dict[str, str] = {
    "missing-step": ERROR,
    "avoid-phrase": ERROR,
    "blame-shifting": ERROR,
    "placeholder": ERROR,
    "no-deadline": ERROR,
    "vague-time": WARNING,
    "nameless-greeting": WARNING,
    "closing-slang": ERROR,
    "long-sentence": WARNING,
    "public-personal-data": WARNING,
    "public-health-data": ERROR,
}


@dataclass(frozen=True)
class Finding:
    """One thing ``check`` found in a reply."""

    rule: str
    line: int | None
    message: str
    suggestion: str = ""

    @property
    def severity(self) -> str:
        """``error``, ``warning`` or ``info``, fixed per rule."""
        return RULES[self.rule]

    def as_dict(self) -> dict[str, Any]:
        """The finding as JSON-ready data (see docs/json.md)."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "line": self.line,
            "message": self.message,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class Reply:
    """A reply to check: its text and, for replykit's own letters, what produced it."""

    text: str
    playbook: str | None = None
    lang: str | None = None
    channel: str | None = None
    steps: tuple[str, ...] | None = None
    answers: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckReport:
    """What ``check`` found, and what it checked against."""

    findings: tuple[Finding, ...]
    lang: str
    channel: str | None
    playbook: str | None

    @property
    def has_errors(self) -> bool:
        """True when any finding is an error (``check`` then exits 1)."""
        return any(f.severity == ERROR for f in self.findings)

    def counts(self) -> dict[str, int]:
        """How many findings of each severity."""
        return {s: sum(f.severity == s for f in self.findings) for s in SEVERITIES}

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (see docs/json.md)."""
        return {
            "playbook": self.playbook,
            "lang": self.lang,
            "channel": self.channel,
            "ok": not self.has_errors,
            "counts": self.counts(),
            "findings": [f.as_dict() for f in self.findings],
        }


def guess_language(text: str) -> str:
    """``ru`` when Cyrillic letters outnumber Latin ones, else ``en``."""
    cyrillic = len(re.findall(r"[А-Яа-яЁё]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "ru" if cyrillic > latin else "en"


def read_reply(data: str) -> Reply:
    """A reply from file contents: a ``draft --format json`` letter, or plain text."""
    stripped = data.lstrip("\ufeff")
    if stripped.lstrip().startswith("{"):
        try:
            loaded = json.loads(stripped)
        except json.JSONDecodeError:
            loaded = None
        if isinstance(loaded, dict) and isinstance(loaded.get("text"), str):
            steps = loaded.get("steps")
            if steps is None and isinstance(loaded.get("parts"), dict):
                steps = list(loaded["parts"])
            return Reply(
                text=loaded["text"],
                playbook=_str_or_none(loaded.get("playbook")),
                lang=_str_or_none(loaded.get("lang")),
                channel=_str_or_none(loaded.get("channel")),
                steps=tuple(str(s) for s in steps) if isinstance(steps, list) else None,
                answers=answers if isinstance(answers := loaded.get("answers"), dict) else {},
            )
    return Reply(text=stripped)


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _search(pattern: str, text: str) -> re.Match[str] | None:
    return re.search(pattern, text, re.IGNORECASE | re.MULTILINE)


class _Checker:
    """Runs every rule over one reply, collecting findings (one per line and phrase)."""

    def __init__(self, reply: Reply, playbook: Playbook | None, lang: str, channel: str | None):
        self.reply = reply
        self.playbook = playbook
        self.lang = lang
        self.channel = channel
        self.lines = reply.text.splitlines()
        self.findings: list[Finding] = []
        self._seen: set[tuple[int | None, str]] = set()

    def add(
        self, rule: str, line: int | None, message: str, suggestion: str, key: str = ""
    ) -> None:
        marker = (line, key.casefold() or rule)
        if key and marker in self._seen:  # the same phrase caught by two lists: report it once
            return
        self._seen.add(marker)
        self.findings.append(Finding(rule, line, message, suggestion))

    def numbered(self) -> Iterable[tuple[int, str]]:
        return ((n, line) for n, line in enumerate(self.lines, start=1) if line.strip())

    def run(self) -> list[Finding]:
        self.placeholders()
        self.avoid_phrases()
        self.blame()
        self.vague_time()
        self.deadline()
        self.steps()
        self.greeting()
        self.closing()
        self.long_sentences()
        if self.channel == "public":
            self.public_data()
        return sorted(self.findings, key=lambda f: (f.line or 0, f.rule))

    # --- rules -------------------------------------------------------------------------------

    def placeholders(self) -> None:
        for number, line in self.numbered():
            for pattern, what in R.PLACEHOLDERS:
                for match in re.finditer(pattern, line, re.IGNORECASE):
                    if what.startswith("a blank") and _is_signature_line(line, match.start()):
                        continue
                    self.add(
                        "placeholder",
                        number,
                        f"leftover placeholder {match.group().strip()!r} ({what})",
                        "Replace it with the real value, or remove it.",
                        key=f"placeholder:{match.start()}",
                    )

    def avoid_phrases(self) -> None:
        own = self.playbook.rules.avoid.get(self.lang, ()) if self.playbook else ()
        lists = [
            (pattern, tip, "the sources advise") for pattern, tip in R.AVOID.get(self.lang, ())
        ]
        lists += [
            (rf"(?<!\w){re.escape(p)}(?!\w)", "", f"playbook '{self.playbook.id}' advises")
            for p in own
            if self.playbook
        ]
        for number, line in self.numbered():
            for pattern, tip, whose in lists:
                match = _search(pattern, line)
                if match:
                    phrase = match.group()
                    self.add(
                        "avoid-phrase",
                        number,
                        f"avoid «{phrase}» ({whose} against it)",
                        tip or "Rephrase positively: say what you do and by when.",
                        key=phrase,
                    )

    def blame(self) -> None:
        for number, line in self.numbered():
            for pattern in R.BLAME.get(self.lang, ()):
                match = _search(pattern, line)
                if match:
                    self.add(
                        "blame-shifting",
                        number,
                        f"blame put on others: «{match.group()}»",
                        "Take responsibility: the customer dealt with you, not your partners. "
                        "Apologise and say what you are doing about it.",
                        key=match.group(),
                    )
                    break

    def vague_time(self) -> None:
        pattern = R.VAGUE_TIME.get(self.lang, "")
        for number, line in self.numbered():
            match = _search(pattern, line) if pattern else None
            if match:
                self.add(
                    "vague-time",
                    number,
                    f"vague time «{match.group()}» instead of a date",
                    "Give a real date or deadline (25.11.2026, «в течение 10 рабочих дней», "
                    "'within 3 working days').",
                    key=match.group(),
                )

    def deadline(self) -> None:
        if not self._needs_deadline():
            return
        if any(_search(pattern, self.reply.text) for pattern in R.DEADLINE):
            return
        self.add(
            "no-deadline",
            None,
            "no concrete date or deadline: the playbook asks for one",
            "Say by when: a date (25.11.2026, 25 November 2026) or a period "
            "(«в течение 10 рабочих дней», 'within 10 working days').",
        )

    def _needs_deadline(self) -> bool:
        if self.playbook is None:
            return False
        return any(f.type == "date" and f.required and not f.when for f in self.playbook.fields)

    def steps(self) -> None:
        if self.playbook is None:
            return
        required = self.playbook.rules.require
        conditional = {s.id: s.when for s in self.playbook.steps if s.when}
        if self.reply.steps is not None:
            present = set(self.reply.steps)
            for step_id in required:
                if step_id in present or not self._step_applies(step_id, conditional):
                    continue
                self.add(
                    "missing-step",
                    None,
                    f"the required step '{step_id}' is missing",
                    f"Add the '{step_id}' part; `replykit show {self.playbook.id}` lists "
                    "the steps.",
                )
            return
        for step_id in required:
            pattern = R.STEP_PATTERNS.get(step_id, {}).get(self.lang)
            if step_id in conditional or pattern is None:
                continue  # cannot tell from plain text; nothing to report
            found = bool(_search(pattern, _without_mentions(self.reply.text)))
            if not found and step_id in ("closing", "signature"):
                found = _signed(self.lines)
            if not found:
                self.add(
                    "missing-step",
                    None,
                    f"the required step '{step_id}' seems to be missing",
                    _STEP_TIPS.get(step_id, f"Add the '{step_id}' part of the reply."),
                )

    def _step_applies(self, step_id: str, conditional: Mapping[str, str]) -> bool:
        expression = conditional.get(step_id)
        if expression is None or self.playbook is None:
            return True
        context = condition_context(
            self.playbook.field_names, self.reply.answers, self.lang, self.channel or ""
        )
        try:
            return holds(expression, context)
        except Exception:  # an answer the condition cannot read: assume the step applies
            return True

    def greeting(self) -> None:
        pattern = R.NAMELESS_GREETING.get(self.lang, "")
        greeting = R.STEP_PATTERNS["greeting"].get(self.lang, "")
        for number, raw in self.numbered():
            line = _without_mentions(raw)
            nameless = _nameless(pattern, line) if pattern else ""
            if nameless or (greeting and _search(greeting, line)):
                if nameless:
                    self.add(
                        "nameless-greeting",
                        number,
                        f"the greeting «{nameless}» names nobody",
                        "Address the person by name: «Уважаемая Анна Сергеевна!», "
                        "'Dear Ms Smith,'.",
                    )
                return

    def closing(self) -> None:
        tail = [(n, line) for n, line in self.numbered()][-CLOSING_LINES:]
        slang = R.SLANG_CLOSING.get(self.lang, "")
        for number, line in tail:
            ending = " ".join(re.split(r"(?<=[.!?…])\s+", line)[-2:])  # a one-line reply's end
            match = (_search(slang, ending) if slang else None) or re.search(R.EMOJI, ending)
            if match:
                self.add(
                    "closing-slang",
                    number,
                    f"slang or a joke in the closing: «{match.group().strip()}»",
                    "Close formally: «С уважением», «С благодарностью»; 'Yours sincerely', "
                    "'Kind regards' — then the name and position.",
                )

    def long_sentences(self) -> None:
        for number, line in self.numbered():
            for sentence in re.split(r"(?<=[.!?…])\s+", line):
                words = re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", sentence)
                if len(words) > MAX_SENTENCE_WORDS:
                    self.add(
                        "long-sentence",
                        number,
                        f"a sentence of {len(words)} words (more than {MAX_SENTENCE_WORDS})",
                        "Split it: one thought per sentence reads faster and sounds less formal.",
                        key=f"long:{sentence[:20]}",
                    )

    def public_data(self) -> None:
        for number, line in self.numbered():
            own_contact = bool(_search(R.OWN_CONTACT, line))
            for pattern, what in R.PERSONAL_DATA:
                match = _search(pattern, line)
                if not match or (what == "a phone number" and not _looks_like_phone(match.group())):
                    continue
                if own_contact and what in ("a phone number", "an e-mail address"):
                    continue  # the company's own contact, offered to move the talk private
                self.add(
                    "public-personal-data",
                    number,
                    f"personal data in a public reply: {what} («{match.group().strip()}»)",
                    "Keep identifying details out of public replies; invite the person to a "
                    "private channel instead.",
                    key=f"personal:{what}",
                )
                break  # one per line: an order number is also a «№ …»
            for pattern in R.HEALTH_DATA:
                match = _search(pattern, line)
                if match:
                    self.add(
                        "public-health-data",
                        number,
                        f"health data in a public reply: «{match.group().strip()}»",
                        "Never mention diagnoses, treatment or visits in public (medical "
                        "secrecy); move the conversation to a private channel.",
                        key=f"health:{match.group()}",
                    )
                    break


_STEP_TIPS = {
    "greeting": "Start by addressing the person by name.",
    "thanks": "Thank them for telling you: it shows you a weak spot.",
    "empathy": "Acknowledge how they feel and their point of view.",
    "apology": "Apologise sincerely, without excuses.",
    "actions": "Say what has been and will be done, by whom and by when.",
    "follow_up": "Say when you will check back, and give a direct contact.",
    "closing": "Close formally (С уважением / Yours sincerely) and sign with name and position.",
}


def _nameless(pattern: str, line: str) -> str:
    """The greeting when the line is one alone, or opens with one no name follows; else ""."""
    if _search(pattern, line):
        return line.strip()
    match = re.match(r"^\s*(?P<head>[^,!.?]*[,!.?])\s*(?P<next>\S?)", line)
    if not match or not _search(pattern, match.group("head")):
        return ""
    head = match.group("head").strip()
    return head if head.endswith(("!", ".", "?")) or not match.group("next").isupper() else ""


def _without_mentions(text: str) -> str:
    """The text without the @handles a social-media reply starts its lines with."""
    return re.sub(r"^([ \t]*@\w+[ \t]+)+", "", text, flags=re.MULTILINE)


def _signed(lines: list[str]) -> bool:
    """One of the last lines reads like a signature: «Мария Соколова, руководитель…»."""
    name = r"^[A-ZА-ЯЁ][\w'’-]+\s+[A-ZА-ЯЁ][\w'’.-]*"
    tail = [line.strip() for line in lines if line.strip()][-3:]
    return any(re.match(name, line) and not line.endswith((".", "!", "?", ":")) for line in tail)


def _is_signature_line(line: str, start: int) -> bool:
    """A run of underscores at a line's start, or on a line about a signature, is a signing line."""
    before = line[:start].strip()
    return not before or bool(re.search(r"подпис|signature|signed|м\.\s?п\.", line, re.IGNORECASE))


def _looks_like_phone(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    if re.fullmatch(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}", text.strip()):
        return False
    return text.strip().startswith(("+", "(")) or len(digits) >= 10


def check_reply(
    reply: Reply | str,
    playbook: Playbook | None = None,
    *,
    lang: str | None = None,
    channel: str | None = None,
) -> CheckReport:
    """Check a reply; ``lang`` is guessed from the text when not given (nor in the reply)."""
    if isinstance(reply, str):
        reply = Reply(text=reply)
    chosen_lang = lang or reply.lang or guess_language(reply.text)
    chosen_channel = channel or reply.channel
    findings = _Checker(reply, playbook, chosen_lang, chosen_channel).run()
    return CheckReport(
        findings=tuple(findings),
        lang=chosen_lang,
        channel=chosen_channel,
        playbook=playbook.id if playbook else reply.playbook,
    )


def check_letter(letter: Any, playbook: Playbook) -> CheckReport:
    """Check a letter replykit just rendered (a :class:`~replykit.letter.Letter`)."""
    reply = Reply(
        text=letter.text,
        playbook=letter.playbook,
        lang=letter.lang,
        channel=letter.channel,
        steps=tuple(letter.steps),
        answers=dict(letter.answers),
    )
    return check_reply(reply, playbook)


def format_findings(report: CheckReport, source: str) -> str:
    """The findings as text, one per line with its suggestion, then a summary line."""
    lines: list[str] = []
    for f in report.findings:
        where = f"{source}:{f.line}" if f.line is not None else source
        lines.append(f"{where}: {f.severity}: [{f.rule}] {f.message}")
        if f.suggestion:
            lines.append(f"    suggestion: {f.suggestion}")
    counts = report.counts()
    if report.findings:
        summary = ", ".join(f"{n} {name}{'s' if n != 1 else ''}" for name, n in counts.items() if n)
        lines.append(f"{source}: {summary}")
    else:
        lines.append(f"{source}: no problems found")
    return "\n".join(lines) + "\n"
