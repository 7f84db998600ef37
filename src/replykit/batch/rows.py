"""One row's way through a run: the :class:`RowPlan` it travels as, and the :class:`Worker`
that checks it (pass 1) and renders it (pass 2).

A row is a :class:`RowPlan` from the moment it is read until its letter is written; its
``status`` says how far it got. Plans cross process boundaries and the spool file by pickle,
so they hold plain data only: ids, names and answers, never a playbook or a template.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from replykit.answers import AnswerSources, ResolvedAnswers
from replykit.atomic import write_atomic
from replykit.batch.input import Row
from replykit.batch.input.cells import json_cell
from replykit.batch.naming import compile_pattern
from replykit.batch.preflight import Setup
from replykit.composer import LANG_CHOICES, Composer, choose_locale
from replykit.conditions import condition_context
from replykit.errors import AnswerError, OutputError, Problem, ReplykitError, UsageError
from replykit.formats import render_bytes
from replykit.targets import taken

__all__ = ["RowPlan", "Worker"]


@dataclass(slots=True)
class RowPlan:
    """One row on its way to a letter; ``status`` says how far it got.

    ``ok``: fine so far (read, then checked, then given a file name); ``failed``: it has
    ``problems`` and becomes no letter; ``exists``: its file is kept (``--skip-existing``);
    ``written``: its letter is out. The cells are dropped once the check has turned them into
    ``answers``, and the answers once the letter is rendered.
    """

    number: int
    where: str
    status: str = "ok"
    cells: dict[str, str] | None = None
    arrays: dict[str, list[Any]] | None = None  # JSONL arrays by column, as parsed
    problems: tuple[Problem, ...] = ()
    lang: str = ""
    channel: str = ""
    answers: dict[str, Any] | None = None
    sources: dict[str, str] | None = None  # where each answer came from (AnswerSources)
    stem: str = ""  # what the --name pattern gave; "" with --jsonl
    name: str = ""  # the file name claimed for the stem
    line: bytes = b""  # the row's JSONL line, or b""
    failed_rendering: bool = False  # failed in pass 2, so not yet reported

    @classmethod
    def read(cls, row: Row) -> RowPlan:
        """The plan of a row as the reader gave it: failed when the cells cannot be trusted."""
        return cls(
            row.number,
            row.where,
            "failed" if row.problems else "ok",
            cells=row.values,
            arrays=row.arrays or None,
            problems=tuple(row.problems),
        )


class Worker:
    """Checks and renders rows; one per process, the playbook and templates loaded once."""

    def __init__(self, setup: Setup) -> None:
        self.setup = setup
        self.request = setup.request
        self.composer = Composer.open(self.request.playbook, self.request.playbooks_dir)
        self.playbook = self.composer.playbook
        self.field_names = self.playbook.field_names
        self.pattern = compile_pattern(setup.name_pattern) if setup.name_pattern else None
        # A lang cell may name a locale of the playbook's languages too.
        self.langs = tuple(
            name for name in LANG_CHOICES if choose_locale(name).language in self.playbook.languages
        )
        # Fields whose answer is several plain values: a JSON array gives them item by item.
        self.itemised = {
            f.name: f.type
            for f in self.playbook.fields
            if f.type == "multichoice" or (f.type == "list" and not f.is_record_list)
        }

    # pass 1

    def check(self, plans: list[RowPlan]) -> list[RowPlan]:
        """Resolve each row's answers for its language and channel, and render its stem."""
        for plan in plans:
            self._check(plan)
            plan.cells = plan.arrays = None
        return plans

    def _check(self, plan: RowPlan) -> None:
        setup, request = self.setup, self.request
        cells = plan.cells or {}
        if plan.status == "failed":  # ragged, oversized, bad JSON: the cells cannot be trusted
            self._fail(plan, request.lang or "ru", setup.channel, plan.problems, None)
            return
        problems: list[Problem] = []
        row: dict[str, Any] = dict(setup.columns.answers(cells))
        if plan.arrays:
            row.update(self._array_answers(plan, plan.arrays, problems))
        sources = AnswerSources(assignments=setup.constants, row=row, profile=setup.profile)
        given = dict(sources.combined())
        lang, channel = self._targets(plan, cells, problems)
        if problems:
            self._fail(plan, lang, channel, tuple(problems), given)
            return
        try:
            resolved = self.composer.resolve(given, lang, channel=channel)
        except AnswerError as err:
            found = tuple(self._row_problem(p, plan.where) for p in err.problems)
            self._fail(plan, lang, channel, found, given)
            return
        stem = ""
        if self.pattern is not None:
            context = resolved.context(self.playbook, choose_locale(lang).language, channel)
            context["row_number"] = plan.number
            try:
                stem = self.pattern.render(context)
            except Exception as err:  # a user's pattern may fail in any way Jinja can
                problem = Problem(f"--name: {err}", where=plan.where, value=setup.name_pattern)
                self._fail(plan, lang, channel, (problem,), given)
                return
        plan.lang, plan.channel, plan.answers, plan.stem = lang, channel, resolved.values, stem
        plan.sources = {name: sources.source_of(name) for name in resolved.values}

    def _targets(
        self, plan: RowPlan, cells: dict[str, str], problems: list[Problem]
    ) -> tuple[str, str]:
        """The row's language and channel: its cells when not empty, else the flags.

        Each is checked by :meth:`Composer.choose_channel` against a known-good other half
        (the flags were checked before row 1); a bad cell is a problem of the row.
        """
        request, setup = self.request, self.setup
        lang, channel = request.lang or "ru", setup.channel
        lang_cell = _cell(cells, request.lang_column)
        if lang_cell:
            try:
                self.composer.choose_channel(lang_cell, channel)
                lang = choose_locale(lang_cell).tag
            except UsageError as err:
                problems.append(_bad_target(plan, request.lang_column, lang_cell, err, self.langs))
        channel_cell = _cell(cells, request.channel_column)
        if channel_cell:
            try:
                channel = self.composer.choose_channel(lang, channel_cell.lower())
            except UsageError as err:
                problems.append(
                    _bad_target(
                        plan, request.channel_column, channel_cell, err, self.playbook.channels
                    )
                )
        return lang, channel

    def _array_answers(
        self, plan: RowPlan, arrays: dict[str, list[Any]], problems: list[Problem]
    ) -> dict[str, list[str]]:
        """The JSON arrays that answer a multichoice or list field, as lists of cells.

        Items must be plain values (text, numbers, true/false; null is skipped); a nested
        object or array is a problem of the row. Other fields keep the array's JSON text.
        """
        answers: dict[str, list[str]] = {}
        for column, name in self.setup.columns.used:
            kind = self.itemised.get(name)
            if kind is None or column not in arrays or name in self.setup.constants:
                continue
            items: list[str] = []
            for index, item in enumerate(arrays[column], start=1):
                if isinstance(item, dict | list):
                    what = "an object" if isinstance(item, dict) else "an array"
                    problems.append(
                        Problem(
                            f"{name}: item {index} is {what}; a {kind} field takes an array "
                            "of plain values (text, numbers, true or false)",
                            where=plan.where,
                            field=name,
                            value=json_cell(item),
                        )
                    )
                elif item is not None:
                    items.append(json_cell(item))
            answers[name] = items
        return answers

    def _row_problem(self, problem: Problem, where: str) -> Problem:
        message = problem.message
        if problem.code == "missing":
            if problem.field in self.setup.columns.covered:
                message = f"{problem.field}: required, but the cell is empty"
            else:
                message = f"{problem.field}: required for this row, but no column gives it"
        return Problem(
            message, where=where, field=problem.field, value=problem.value, allowed=problem.allowed
        )

    def _fail(
        self,
        plan: RowPlan,
        lang: str,
        channel: str,
        problems: tuple[Problem, ...],
        given: dict[str, Any] | None,
    ) -> None:
        plan.status, plan.lang, plan.channel, plan.problems = "failed", lang, channel, problems
        plan.stem = self._raw_stem(plan, given)

    def _raw_stem(self, plan: RowPlan, given: dict[str, Any] | None) -> str:
        """A failed row still claims a name (from its raw cells) so later names never shift."""
        if self.pattern is None:
            return ""
        if given is None:
            given = self.setup.columns.answers(plan.cells or {})
        language = choose_locale(self.request.lang or "ru").language
        context = condition_context(self.field_names, given, language, self.setup.channel)
        context["row_number"] = plan.number
        try:
            return str(self.pattern.render(context))
        except Exception:
            return f"{plan.number:04d}"

    # pass 2

    def render(self, plans: list[RowPlan]) -> list[RowPlan]:
        """Render each ``ok`` row and write its file (or its JSONL line)."""
        for plan in plans:
            self._render(plan)
            plan.answers = plan.sources = None
        # Each render leaves reference cycles (Jinja contexts and the word macros imported
        # with context) that survive into the oldest generation; left to the collector's own
        # schedule they pile up with the rows. One full collection per chunk keeps memory flat
        # for a few milliseconds per 32 letters.
        gc.collect()
        return plans

    def _render(self, plan: RowPlan) -> None:
        setup, request = self.setup, self.request
        if plan.status != "ok" or plan.answers is None:
            plan.line = _jsonl_failure(plan.number, plan.problems) if request.jsonl else b""
            return
        try:
            letter = self.composer.render(
                ResolvedAnswers(plan.answers),
                plan.lang,
                plan.channel,
                today=request.today,
                max_chars=request.max_chars,
            )
            if request.jsonl:
                body = {
                    "row": plan.number,
                    "status": "ok",
                    "letter": letter.as_dict(),
                    "sources": plan.sources or {},
                }
                plan.line = (json.dumps(body, ensure_ascii=False) + "\n").encode("utf-8")
                plan.status, plan.name = "written", ""
                return
            data = render_bytes(letter, setup.fmt)
        except ReplykitError as err:
            self._render_failed(plan, f"cannot render: {err.message}")
            return
        assert request.out_dir is not None
        path = request.out_dir / plan.name
        try:
            write_atomic(path, data, force=request.force, sync=False)  # asks check_writable
        except OutputError:
            if request.force or not taken(path):
                raise  # disk full, permissions: the whole run stops (exit 5)
            self._render_failed(plan, f"{plan.name} appeared meanwhile; it was left untouched")
            return
        plan.status = "written"

    def _render_failed(self, plan: RowPlan, message: str) -> None:
        plan.status, plan.failed_rendering = "failed", True
        plan.problems = (Problem(message, where=plan.where),)
        plan.line = _jsonl_failure(plan.number, plan.problems) if self.request.jsonl else b""


def _bad_target(
    plan: RowPlan, column: str | None, cell: str, err: UsageError, allowed: Sequence[str]
) -> Problem:
    """A language or channel cell the playbook does not have, in choose_channel's words."""
    return Problem(
        f"{column}: {err.message} (one of: {', '.join(allowed)})",
        where=plan.where,
        field=column or "",
        value=cell,
        allowed=tuple(allowed),
    )


def _cell(cells: dict[str, str], column: str | None) -> str:
    return cells.get(column, "").strip() if column is not None else ""


def _jsonl_failure(number: int, problems: Sequence[Problem]) -> bytes:
    body = {"row": number, "status": "failed", "problems": [p.as_dict() for p in problems]}
    return (json.dumps(body, ensure_ascii=False) + "\n").encode("utf-8")
