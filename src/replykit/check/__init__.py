"""Lint a reply — drafted by replykit or written by hand — against a playbook and the sources.

Each finding has a rule id, a severity (``error``, ``warning``, ``info``), the line it is
on (None for the reply as a whole), a message and a suggestion in the reply's language.
``replykit check`` exits 1 when any finding is an error; ``replykit draft`` does too,
unless ``--fail-on`` or ``--no-check`` say otherwise. The rules are listed, with what each
catches, in :mod:`replykit.check.rules`; the phrases behind them in
:mod:`replykit.check.phrases`.

A letter saved by ``replykit draft --format json`` carries its steps and answers; ``check``
uses them instead of guessing steps from phrases, and takes the playbook, language and
channel from it unless told otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from replykit.check import public_rules  # noqa: F401  (registers the rules that end the table)
from replykit.check.reply import Reply, decode_reply, guess_language, read_reply, read_reply_file
from replykit.check.rules import ERROR, INFO, REGISTRY, SEVERITIES, WARNING
from replykit.check.view import ReplyView
from replykit.errors import EXIT_CHECK, EXIT_INTERNAL, ReplykitError
from replykit.playbook import Playbook

if TYPE_CHECKING:
    from replykit.letter import Letter

__all__ = [
    "ERROR",
    "FAIL_ON",
    "INFO",
    "RULES",
    "SEVERITIES",
    "WARNING",
    "CheckReport",
    "CheckRuleError",
    "Finding",
    "LetterCheckError",
    "Reply",
    "check_letter",
    "check_reply",
    "decode_reply",
    "format_findings",
    "guess_language",
    "read_reply",
    "read_reply_file",
]

#: Every rule id with its severity, from the registry.
RULES: dict[str, str] = {rule_id: entry.severity for rule_id, entry in REGISTRY.items()}

#: ``--fail-on`` values: the lowest severity that fails a draft (``never``: none does).
FAIL_ON = ("error", "warning", "never")


class CheckRuleError(ReplykitError):
    """A rule crashed on a reply: a bug in replykit, not a problem with the reply."""

    exit_code = EXIT_INTERNAL
    kind = "internal"


class LetterCheckError(ReplykitError):
    """``draft``'s own check found what ``--fail-on`` calls a failure; the letter was delivered."""

    exit_code = EXIT_CHECK
    kind = "check"

    @classmethod
    def for_report(cls, report: CheckReport, fail_on: str, written: bool) -> LetterCheckError:
        """The error for ``report``: how many findings, and that the letter went out anyway."""
        counts = report.counts()
        levels = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
        found = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in levels)
        where = "written" if written else "printed"
        return cls(
            f"the letter was {where}, but its check found {found} (listed above); do not send "
            "it as it is",
            hint="Correct the answers and draft again; --fail-on never (or --no-check) keeps "
            "exit 0 whatever the check finds.",
        )


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

    def fails(self, fail_on: str = "error") -> bool:
        """True when a finding is at least as severe as ``fail_on`` (``never``: False)."""
        if fail_on == "never":
            return False
        worst = SEVERITIES.index(fail_on)
        return any(SEVERITIES.index(f.severity) <= worst for f in self.findings)

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


def _run(view: ReplyView) -> list[Finding]:
    """Every registered rule over one reply; one finding per rule, line and phrase."""
    findings: list[Finding] = []
    seen: set[tuple[str, int | None, str]] = set()
    for entry in REGISTRY.values():
        try:
            hits = list(entry.check(view))
        except Exception as err:
            raise CheckRuleError(
                f"internal error: the check rule '{entry.id}' failed on this reply: "
                f"{type(err).__name__}: {err}",
                hint="This is a bug in replykit. Please report it with the reply (without "
                "personal data); `draft --no-check` drafts without the check meanwhile.",
            ) from err
        for hit in hits:
            marker = (entry.id, hit.line, hit.key)
            if hit.key and marker in seen:  # the same phrase caught by two lists
                continue
            seen.add(marker)
            findings.append(Finding(entry.id, hit.line, hit.message, hit.suggestion))
    return sorted(findings, key=lambda f: (f.line or 0, f.rule))


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
    findings = _run(ReplyView(reply, playbook, chosen_lang, chosen_channel))
    return CheckReport(
        findings=tuple(findings),
        lang=chosen_lang,
        channel=chosen_channel,
        playbook=playbook.id if playbook else reply.playbook,
    )


def check_letter(letter: Letter, playbook: Playbook) -> CheckReport:
    """Check a letter replykit just rendered: its steps and answers are known."""
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
