"""How templated replykit's letters read: the share of body text ten letters repeat word for word.

For a playbook, a language and a channel, ten letters are drafted from ten distinct answer sets
(bench/templated_answers/<playbook>.yaml: different customers, companies, problems and choices).
Each letter's body is split into sentences; a sentence counts as templated when, with numbers,
dates, month and weekday names masked, it appears verbatim in at least three of the ten letters.
The figure is the templated sentences' characters over all body sentences' characters, pooled
over the ten letters (spaces between sentences and list numbers are not counted).

The body is the letter's steps (Letter.parts) without the paper requisites (sender, reference,
addressee, title, attachments, signature, executor) and without the sign-off: of the closing
step only lines that end a sentence are kept, so "Kind regards," and the signer's name, position
and company are left out. A letter without parts is measured whole (the table says "text").

    python bench/templated.py                      # every built-in playbook, language, channel
    python bench/templated.py --playbook complaint --lang ru --channel email --show
    python bench/templated.py --check              # exit 1 when a target below is missed

Exit codes: 0 done (and with --check every target met), 1 a target missed (with --check),
2 usage, 3 an answers file cannot be read, 4 a playbook does not load.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from replykit import ReplykitError, compose, load_playbook

REPO = Path(__file__).resolve().parents[1]
PLAYBOOKS = REPO / "playbooks"
ANSWERS = Path(__file__).resolve().parent / "templated_answers"

MIN_LETTERS = 3
# (playbook, channel) -> (target share, the share a reviewer counted by hand before any fix).
TARGETS: dict[tuple[str, str], tuple[float, float]] = {
    ("complaint", "email"): (0.15, 0.35),
    ("patient-review", "public"): (0.25, 0.57),
}

REQUISITE_STEPS = frozenset(
    {"sender", "reference", "addressee", "title", "attachments", "signature", "executor"}
)
SIGN_OFF_STEP = "closing"


# --- sentences ---------------------------------------------------------------------------------

_LIST_MARKER = re.compile(r"^(?:\d{1,3}[.)]|[-–—•*])\s+")
# A sentence ends at . ! ? or … (closing quotes and brackets go with it) before a space and a
# character that can start a sentence: a capital, a digit or an opening quote. Not a bracket:
# «от 3 ноября 2026 г. (заказ № 5)» goes on.
_BOUNDARY = re.compile(r"(?<=[.!?…])([\"»”’)]*)\s+(?=[A-ZА-ЯЁ0-9«\"“])")
# Words whose full stop does not end a sentence: titles and initials before a name, and
# abbreviations followed by a number («ст. 22», "No. 17", «ул. Садовая, д. 5»). «г.» and «руб.»
# are not here: the normaliser lets them close a sentence.
_NO_END = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "e.g", "i.e", "approx", "ref",
        "ст", "п", "пп", "ч", "ул", "д", "кв", "им", "тел", "см", "напр", "стр", "рис", "т",
        "пр", "пер", "корп", "обл", "р-н", "гр", "тов", "проф", "акад", "доц",
    }
)  # fmt: skip
_LAST_WORD = re.compile(r"(\S+)\.[\"»”’)]*$")


def _ends_sentence(before: str) -> bool:
    """Whether the full stop (or ! ? …) at the end of ``before`` closes a sentence."""
    if not before.endswith("."):
        return True
    found = _LAST_WORD.search(before)
    if not found:
        return True
    word = found.group(1).lstrip('(«"“')
    if len(word) == 1 and word.isalpha() and word.isupper():  # an initial: «А. С. Пушкин»
        return False
    return word.lower() not in _NO_END


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``: each line on its own (list items, sign-off lines), then split
    at sentence ends; list numbers and bullets dropped, inner spaces folded.

    Works for Russian and English alike: both end sentences with . ! ? … before a capital.
    """
    sentences: list[str] = []
    for raw_line in text.splitlines():
        line = _LIST_MARKER.sub("", " ".join(raw_line.split()))
        if not line:
            continue
        start = 0
        for boundary in _BOUNDARY.finditer(line):
            end = boundary.start() + len(boundary.group(1))
            if _ends_sentence(line[:end]):
                sentences.append(line[start:end])
                start = boundary.end()
        sentences.append(line[start:])
    return [s for s in sentences if s]


_MONTHS = (
    r"январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?"
    r"|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе]"
    r"|January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
_DAYS = (
    r"понедельник[аеу]?|вторник[аеу]?|сред[аеуы]|четверг[аеу]?|пятниц[аеуы]|суббот[аеуы]"
    r"|воскресень[еяю]|сегодня|завтра|послезавтра"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|tomorrow"
)
_MONTH_RE = re.compile(rf"(?<![\w-])(?:{_MONTHS})(?![\w-])")
_DAY_RE = re.compile(rf"(?<![\w-])(?:{_DAYS})(?![\w-])", re.IGNORECASE)
# A number with its separators: 2 490,00 · 25.11.2026 · 14:05 · +7 495 123-45-67 · 1,200.
_NUMBER_RE = re.compile(r"\d+(?:[\s\u00a0\u202f.,:/–-]\d+)*")


def mask(sentence: str) -> str:
    """``sentence`` with numbers as ``#``, month names as ``<month>``, weekdays and «today» /
    «tomorrow» as ``<day>``: letters that differ only in dates and figures share the sentence."""
    masked = _NUMBER_RE.sub("#", sentence)
    masked = _MONTH_RE.sub("<month>", masked)
    return _DAY_RE.sub("<day>", masked)


# --- the share ---------------------------------------------------------------------------------


@dataclass
class Share:
    """The templated share of a group of letters and the sentences that make it."""

    letters: int
    body_chars: int
    templated_chars: int
    # masked sentence -> in how many letters it appears (only those in at least MIN_LETTERS)
    repeated: dict[str, int] = field(default_factory=dict)

    @property
    def share(self) -> float:
        """Templated characters over body characters (0 for an empty body)."""
        return self.templated_chars / self.body_chars if self.body_chars else 0.0


def templated_share(bodies: Sequence[str], min_letters: int = MIN_LETTERS) -> Share:
    """How much of ``bodies`` (one text per letter) is in sentences found in ``min_letters``
    or more of them, after masking."""
    split = [split_sentences(body) for body in bodies]
    in_letters: Counter[str] = Counter()
    for sentences in split:
        in_letters.update({mask(s) for s in sentences})
    repeated = {key: n for key, n in in_letters.items() if n >= min_letters}
    body_chars = sum(len(s) for sentences in split for s in sentences)
    templated = sum(len(s) for sentences in split for s in sentences if mask(s) in repeated)
    return Share(len(bodies), body_chars, templated, repeated)


def body_of(letter: Any) -> tuple[str, str]:
    """The letter's body text and where it came from: "parts" (steps without requisites and
    sign-off) or "text" (the whole letter, when the Letter exposes no parts)."""
    parts: Mapping[str, str] = getattr(letter, "parts", None) or {}
    if not parts:
        return letter.text, "text"
    chunks = []
    for step, text in parts.items():
        if step in REQUISITE_STEPS:
            continue
        if step == SIGN_OFF_STEP:
            text = "\n".join(
                line for line in text.splitlines() if line.rstrip().endswith((".", "!", "?", "…"))
            )
        chunks.append(text)
    return "\n".join(chunks), "parts"


# --- answer sets and runs ----------------------------------------------------------------------


class BenchError(Exception):
    """An answers file the bench cannot use (exit 3)."""


def playbook_ids() -> list[str]:
    """The built-in playbooks, by file name."""
    return sorted(p.stem for p in PLAYBOOKS.glob("*.yaml"))


def load_answer_sets(
    playbook: str, known: Iterable[str]
) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """Answer sets per language from bench/templated_answers/<playbook>.yaml, each with only
    the fields the playbook knows; the notes say which fields were dropped."""
    path = ANSWERS / f"{playbook}.yaml"
    where = path.relative_to(REPO) if path.is_relative_to(REPO) else path
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise BenchError(f"{where}: cannot read the answer sets: {err.strerror}") from err
    except yaml.YAMLError as err:
        raise BenchError(f"{where}: not valid YAML: {err}") from err
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise BenchError(f"{where}: expected a mapping of language -> list of answer sets")
    known_names = set(known)
    notes: list[str] = []
    sets: dict[str, list[dict[str, Any]]] = {}
    for lang, items in data.items():
        sets[lang] = []
        for number, item in enumerate(items, 1):
            if not isinstance(item, dict):
                raise BenchError(f"{where}: {lang} set {number} is not a mapping of answers")
            unknown = sorted(k for k in item if k not in known_names)
            if unknown:
                notes.append(
                    f"{where}: {lang} set {number}: not fields of '{playbook}', ignored: "
                    + ", ".join(unknown)
                )
            sets[lang].append({k: v for k, v in item.items() if k in known_names})
    return sets, notes


@dataclass
class Run:
    """The measure for one (playbook, lang, channel)."""

    playbook: str
    lang: str
    channel: str
    expected: int
    source: str
    share: Share
    failures: list[str]

    @property
    def target(self) -> tuple[float, float] | None:
        """(target, earlier figure) when this channel of this playbook has a target."""
        return TARGETS.get((self.playbook, self.channel))

    @property
    def complete(self) -> bool:
        """Every answer set gave a letter."""
        return not self.failures and self.share.letters == self.expected

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready figures."""
        target = self.target
        return {
            "playbook": self.playbook,
            "lang": self.lang,
            "channel": self.channel,
            "letters": self.share.letters,
            "answer_sets": self.expected,
            "measured_on": self.source,
            "body_chars": self.share.body_chars,
            "templated_chars": self.share.templated_chars,
            "share": round(self.share.share, 4),
            "target": target[0] if target else None,
            "before": target[1] if target else None,
            "met": (self.complete and self.share.share <= target[0]) if target else None,
            "failures": self.failures,
            "repeated": dict(sorted(self.share.repeated.items(), key=lambda kv: -kv[1])),
        }


def measure(playbook: str, lang: str, channel: str, sets: Sequence[Mapping[str, Any]]) -> Run:
    """Draft one letter per answer set and measure their templated share."""
    bodies: list[str] = []
    sources: set[str] = set()
    failures: list[str] = []
    for number, answers in enumerate(sets, 1):
        try:
            letter = compose(playbook, answers, lang=lang, channel=channel, playbooks_dir=PLAYBOOKS)
        except ReplykitError as err:
            failures.append(f"{lang} set {number} on {channel}: " + " ".join(str(err).split()))
            continue
        body, source = body_of(letter)
        bodies.append(body)
        sources.add(source)
    source = "/".join(sorted(sources)) or "-"
    return Run(playbook, lang, channel, len(sets), source, templated_share(bodies), failures)


# --- output ------------------------------------------------------------------------------------


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def table(runs: Sequence[Run]) -> str:
    """The figures as a plain-text table."""
    head = ("playbook", "lang", "channel", "letters", "body", "chars", "templated", "share")
    rows = [head]
    for r in runs:
        rows.append(
            (
                r.playbook,
                r.lang,
                r.channel,
                f"{r.share.letters}/{r.expected}",
                r.source,
                str(r.share.body_chars),
                str(r.share.templated_chars),
                _percent(r.share.share),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    numeric = {3, 5, 6, 7}
    lines = [
        "  ".join(
            c.rjust(w) if i in numeric else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def target_lines(runs: Sequence[Run]) -> list[str]:
    """One line per measured run that has a target: the figure, the target, met or missed."""
    lines = []
    for r in runs:
        if r.target is None:
            continue
        goal, before = r.target
        verdict = "met" if r.complete and r.share.share <= goal else "MISSED"
        if not r.complete:
            verdict += f" (only {r.share.letters} of {r.expected} letters drafted)"
        lines.append(
            f"target {r.playbook} {r.channel} {r.lang}: {_percent(r.share.share)}"
            f" (target <= {goal * 100:.0f}%, a reviewer counted {before * 100:.0f}%) {verdict}"
        )
    return lines


def repeated_lines(run: Run) -> list[str]:
    """The templated sentences of one run, most widespread first, as "letters × sentence"."""
    items = sorted(run.share.repeated.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
    return [f"  {n:>2}/{run.share.letters}  {sentence}" for sentence, n in items]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bench; return the exit code."""
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0] if __doc__ else None,
        epilog="Exit codes: 0 done, 1 a target missed (--check), 2 usage, 3 answers, 4 playbook.",
    )
    parser.add_argument("--playbook", action="append", help="only this playbook (repeatable)")
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    parser.add_argument("--channel", action="append", help="only this channel (repeatable)")
    parser.add_argument("--show", action="store_true", help="print the repeated sentences")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    available = playbook_ids()
    chosen = args.playbook or available
    unknown = [p for p in chosen if p not in available]
    if unknown:
        parser.error(f"no built-in playbook {', '.join(unknown)}; known: {', '.join(available)}")

    runs: list[Run] = []
    notes: list[str] = []
    try:
        for playbook in chosen:
            pb = load_playbook(PLAYBOOKS / f"{playbook}.yaml")
            sets, dropped = load_answer_sets(playbook, pb.field_names)
            notes += dropped
            for lang in pb.languages:
                if args.lang and lang not in args.lang:
                    continue
                if lang not in sets:
                    notes.append(f"{playbook}: no {lang} answer sets; skipped")
                    continue
                for channel in pb.channels:
                    if args.channel and channel not in args.channel:
                        continue
                    runs.append(measure(playbook, lang, channel, sets[lang]))
    except BenchError as err:
        print(f"error: {err}", file=sys.stderr)
        return 3
    except ReplykitError as err:
        print(f"error: {err}", file=sys.stderr)
        return 4
    if not runs:
        parser.error("nothing matches the --playbook, --lang and --channel given")

    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    for r in runs:
        for failure in r.failures:
            print(f"invalid answer set: {r.playbook}: {failure}", file=sys.stderr)

    if args.json:
        print(json.dumps([r.as_dict() for r in runs], ensure_ascii=False, indent=2))
    else:
        print(table(runs))
        lines = target_lines(runs)
        if lines:
            print()
            print("\n".join(lines))
        if args.show:
            for r in runs:
                print(f"\n{r.playbook} {r.lang} {r.channel}: sentences in >= {MIN_LETTERS} letters")
                print("\n".join(repeated_lines(r)) or "  (none)")

    missed = [r for r in runs if r.target and not (r.complete and r.share.share <= r.target[0])]
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
