"""Read playbook YAML into the model, rejecting unknown keys.

Every problem in a file is collected and reported at once, each with ``file:line``; the
checks across parts (conditions, defaults, rules) are :mod:`replykit.playbook.checks`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from replykit.errors import PlaybookError, Problem, did_you_mean, shown, summarise
from replykit.limits import MAX_INCLUDED_FILES, MAX_PLAYBOOK_BYTES
from replykit.playbook.checks import cross_check
from replykit.playbook.collector import Collector, read_str_list, read_texts
from replykit.playbook.model import (
    CHANNELS,
    FIELD_TYPES,
    LANGUAGES,
    RESERVED_BLOCKS,
    Choice,
    Field,
    Playbook,
    PlaybookWarning,
    Rules,
    Step,
)
from replykit.yamlfile import YamlKind, line_of, parse, read_text

_ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")

PLAYBOOK_YAML = YamlKind(
    noun="playbook",
    contents="the playbook expands",
    malformed="malformed YAML",
    error=PlaybookError,
    max_bytes=MAX_PLAYBOOK_BYTES,
    syntax_hint="Fix the YAML syntax at that line (indentation, a missing ':' or quote).",
    size_hint="A playbook holds structure and questions only; keep long text in templates.",
    utf8_hint="Save the playbook as UTF-8.",
    line_numbers=True,
)


_PLAYBOOK_KEYS = (
    "id",
    "title",
    "description",
    "version",
    "languages",
    "channels",
    "fields",
    "steps",
    "rules",
    "warnings",
    "include",
)
_INCLUDED_KEYS = ("include", "fields")
_FIELD_KEYS = (
    "name",
    "type",
    "prompt",
    "help",
    "required",
    "default",
    "example",
    "choices",
    "when",
    "min",
    "max",
    "pattern",
    "fields",
)
_STEP_KEYS = ("id", "when")
_RULES_KEYS = ("require", "avoid", "drop")
#: The keys of ``rules.drop``: a channel, or ``default`` for the channels not named.
_DROP_KEYS = (*CHANNELS, "default")
_WARNING_KEYS = ("when", "message")


def _read_choices(raw: Any, line: int, name: str, out: Collector) -> tuple[Choice, ...]:
    """Choices as a list of values, or a mapping of value to labels (per language)."""
    if isinstance(raw, list):
        result = []
        for item in raw:
            if isinstance(item, str | int | bool) and not isinstance(item, bool):
                result.append(Choice(str(item), {}))
            else:
                out.add(line, f"field '{name}': choice {shown(item)} must be a plain value")
        return tuple(result)
    if isinstance(raw, dict):
        return tuple(
            Choice(str(value), read_texts(labels, line_of(raw, value), f"choice '{value}'", out))
            for value, labels in raw.items()
        )
    out.add(line, f"field '{name}': choices must be a list or a mapping of value to labels")
    return ()


def _read_field(raw: Any, out: Collector, seen: set[str], nested: bool = False) -> Field | None:
    if not isinstance(raw, dict):
        out.add(line_of(raw), f"a field must be a mapping, not {type(raw).__name__}")
        return None
    line = line_of(raw)
    out.check_keys(raw, _FIELD_KEYS, "a field")
    name = raw.get("name")
    if not isinstance(name, str) or not _NAME_RE.match(name):
        out.add(line, f"field name {shown(name)} must be lower_snake_case (letters, digits, _)")
        return None
    if name in seen:
        out.add(line, f"field '{name}' is defined twice")
    seen.add(name)
    ftype = raw.get("type", "text")
    if ftype not in FIELD_TYPES:
        near = did_you_mean(ftype, FIELD_TYPES) if isinstance(ftype, str) else ""
        tip = near or f"; use one of: {', '.join(FIELD_TYPES)}"
        out.add(line_of(raw, "type"), f"field '{name}': unknown type {shown(ftype)}{tip}")
        ftype = "text"
    choices: tuple[Choice, ...] = ()
    if ftype in ("choice", "multichoice"):
        if "choices" not in raw:
            out.add(line, f"field '{name}': a {ftype} field needs 'choices'")
        else:
            choices = _read_choices(raw["choices"], line_of(raw, "choices"), name, out)
    elif "choices" in raw:
        out.add(line_of(raw, "choices"), f"field '{name}': only choice fields take 'choices'")
    item_fields: tuple[Field, ...] = ()
    if "fields" in raw:
        if ftype != "list" or nested:
            out.add(line_of(raw, "fields"), f"field '{name}': only a top-level list takes 'fields'")
        elif not isinstance(raw["fields"], list) or not raw["fields"]:
            out.add(line_of(raw, "fields"), f"field '{name}': 'fields' must be a non-empty list")
        else:
            inner_seen: set[str] = set()
            parsed = [_read_field(f, out, inner_seen, nested=True) for f in raw["fields"]]
            item_fields = tuple(f for f in parsed if f is not None)
    required = raw.get("required", True)
    if not isinstance(required, bool):
        out.add(line_of(raw, "required"), f"field '{name}': required must be true or false")
        required = True
    when = raw.get("when")
    if when is not None and not isinstance(when, str):
        out.add(line_of(raw, "when"), f"field '{name}': when must be an expression (text)")
        when = None
    pattern = raw.get("pattern")
    if pattern is not None:
        try:
            re.compile(str(pattern))
        except re.error as err:
            out.add(line_of(raw, "pattern"), f"field '{name}': bad pattern: {err}")
            pattern = None
    bounds = {"min": raw.get("min"), "max": raw.get("max")}
    for bound, value in bounds.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            out.add(line_of(raw, bound), f"field '{name}': {bound} must be a number")
            bounds[bound] = None
    example = raw.get("example")
    if isinstance(example, dict):
        # A flow mapping with an unquoted comma ({ru: a, b, en: c}) silently grows a junk key.
        strays = [str(k) for k in example if k not in LANGUAGES]
        if strays:
            out.add(
                line_of(raw, "example"),
                f"field '{name}': example has unknown language {strays[0]!r} "
                "(quote a text that contains a comma)",
            )
    prompt = read_texts(raw.get("prompt"), line_of(raw, "prompt"), f"field '{name}' prompt", out)
    if not prompt:
        out.add(line, f"field '{name}': a prompt is required")
    return Field(
        name=name,
        type=str(ftype),
        prompt=prompt,
        help=read_texts(raw.get("help"), line_of(raw, "help"), f"field '{name}' help", out),
        required=required,
        default=raw.get("default"),
        example=raw.get("example"),
        choices=choices,
        when=when,
        min=bounds["min"],
        max=bounds["max"],
        pattern=None if pattern is None else str(pattern),
        item_fields=item_fields,
        line=line,
        when_line=line_of(raw, "when"),
        source=out.source if out.included else "",
    )


def _read_step(raw: Any, out: Collector, seen: set[str]) -> Step | None:
    if isinstance(raw, str):
        step = Step(id=raw)
    elif isinstance(raw, dict):
        out.check_keys(raw, _STEP_KEYS, "a step")
        when = raw.get("when")
        if when is not None and not isinstance(when, str):
            out.add(line_of(raw, "when"), "a step's when must be an expression (text)")
            when = None
        raw_id = raw.get("id", "")
        step = Step(
            id=raw_id if isinstance(raw_id, str) else shown(raw_id),
            when=when,
            line=line_of(raw),
            when_line=line_of(raw, "when"),
        )
    else:
        out.add(0, f"a step must be an id or a mapping, not {type(raw).__name__}")
        return None
    if not _NAME_RE.match(step.id):
        out.add(step.line, f"step id {shown(step.id)} must be lower_snake_case")
        return None
    if step.id in RESERVED_BLOCKS:
        out.add(step.line, f"step id '{step.id}' is reserved for layouts; choose another id")
    if step.id in seen:
        out.add(step.line, f"step '{step.id}' is listed twice")
    seen.add(step.id)
    return step


def _read_rules(raw: Any, out: Collector, steps: tuple[Step, ...]) -> Rules:
    if raw is None:
        return Rules()
    if not isinstance(raw, dict):
        out.add(0, "rules must be a mapping with 'require' and 'avoid'")
        return Rules()
    out.check_keys(raw, _RULES_KEYS, "rules")
    require = read_str_list(raw.get("require"), line_of(raw, "require"), "rules.require", out)
    avoid_raw = raw.get("avoid") or {}
    avoid: dict[str, tuple[str, ...]] = {}
    if isinstance(avoid_raw, dict):
        for lang, phrases in avoid_raw.items():
            avoid[str(lang)] = read_str_list(
                phrases, line_of(avoid_raw, lang), f"rules.avoid.{lang}", out
            )
    else:
        out.add(line_of(raw, "avoid"), "rules.avoid must map a language to a list of phrases")
    drop = _read_drop(raw.get("drop"), line_of(raw, "drop"), out, steps, require)
    return Rules(require=require, avoid=avoid, drop=drop)


def _read_drop(
    raw: Any, line: int, out: Collector, steps: tuple[Step, ...], require: tuple[str, ...]
) -> dict[str, tuple[str, ...]]:
    """``rules.drop``: channel (or ``default``) to the steps ``--max-chars`` may drop, in order."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        out.add(line, "rules.drop must map a channel (or default) to a list of step ids")
        return {}
    known = {step.id for step in steps}
    drop: dict[str, tuple[str, ...]] = {}
    for key, ids in raw.items():
        where = line_of(raw, key)
        if key not in _DROP_KEYS:
            tip = did_you_mean(str(key), _DROP_KEYS)
            out.add(
                where, f"rules.drop: unknown channel {shown(key)}{tip}; use {', '.join(_DROP_KEYS)}"
            )
            continue
        order = read_str_list(ids, where, f"rules.drop.{key}", out)
        for step_id in order:
            if step_id not in known:
                tip = did_you_mean(step_id, sorted(known))
                out.add(
                    where,
                    f"rules.drop.{key} names step '{step_id}', which the playbook "
                    f"does not have{tip}",
                )
            elif step_id in require:
                out.add(
                    where,
                    f"rules.drop.{key} names step '{step_id}', which rules.require keeps: "
                    "a required step is never dropped",
                )
        if len(set(order)) < len(order):
            out.add(where, f"rules.drop.{key} names a step twice")
        drop[str(key)] = order
    return drop


def _read_warnings(raw: Any, out: Collector) -> tuple[PlaybookWarning, ...]:
    """``warnings:`` — a list of ``{when: expression, message: {ru: …, en: …}}``."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        out.add(0, "warnings must be a list of {when, message}")
        return ()
    result = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("when"), str):
            out.add(line_of(item), "a warning needs 'when' (an expression) and 'message'")
            continue
        out.check_keys(item, _WARNING_KEYS, "a warning")
        line = line_of(item, "when")
        message = read_texts(item.get("message"), line_of(item, "message"), "warning message", out)
        if not message:
            out.add(line_of(item), "a warning needs a message")
        result.append(PlaybookWarning(when=item["when"], message=message, line=line))
    return tuple(result)


class _Includes:
    """The fields of the files a playbook includes, which its ``fields:`` list names.

    ``include: [shared/formal-letter.yaml]`` reads each file (relative to the file that
    includes it, inside the playbook's folder), which holds ``fields:`` and may include
    others; a bare name in the playbook's ``fields:`` list places an included field there.
    """

    def __init__(self, path: Path | None, out: Collector) -> None:
        self.root = path.parent.resolve() if path is not None else None
        self.out = out
        self.fields: dict[str, Field] = {}
        self.files = 0

    def read(self, raw: Any, line: int, path: Path | None, chain: frozenset[Path]) -> None:
        """Read the files listed in ``raw`` (an ``include:`` value in ``path``, at ``line``)."""
        if raw is None:
            return
        source = str(path) if path is not None else self.out.source
        if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
            self.out.add(line, "include must be a list of files", source)
            return
        if path is None or self.root is None:
            self.out.add(line, "include needs the playbook's file (it is relative to it)", source)
            return
        for name in raw:
            target = (path.parent / name).resolve()
            if not target.is_relative_to(self.root):
                self.out.add(line, f"include {name!r}: not inside the playbook's folder", source)
            elif target in chain or target == path.resolve():
                self.out.add(line, f"include {name!r}: includes itself (a cycle)", source)
            elif self.files >= MAX_INCLUDED_FILES:
                self.out.add(
                    line, f"include {name!r}: more than {MAX_INCLUDED_FILES} included files", source
                )
                return
            else:
                self.files += 1
                self._read_file(target, name, line, source, chain | {path.resolve()})

    def _read_file(
        self, target: Path, name: str, line: int, source: str, chain: frozenset[Path]
    ) -> None:
        try:
            text = read_text(target, PLAYBOOK_YAML)
        except OSError as err:
            self.out.add(line, f"include {name!r}: cannot read it: {err.strerror}", source)
            return
        data = parse(text, str(target), PLAYBOOK_YAML)
        if not isinstance(data, dict):
            self.out.add(line, f"include {name!r}: must be a mapping with 'fields'", source)
            return
        sub = Collector(str(target), included=True)
        sub.check_keys(data, _INCLUDED_KEYS, "an included file")
        self.read(data.get("include"), line_of(data, "include"), target, chain)
        raw_fields = data.get("fields")
        if not isinstance(raw_fields, list):
            sub.add(line_of(data, "fields"), "fields must be a list")
            raw_fields = []
        seen: set[str] = set()
        for raw in raw_fields:
            parsed = _read_field(raw, sub, seen)
            if parsed is not None:
                self.fields.setdefault(parsed.name, parsed)
        self.out.problems.extend(sub.problems)

    def field(self, name: str, line: int, seen: set[str]) -> Field | None:
        """The included field ``name``, placed in the playbook's list (once)."""
        found = self.fields.get(name)
        if found is None:
            tip = did_you_mean(name, sorted(self.fields))
            self.out.add(line, f"field '{name}' is not defined in an included file{tip}")
            return None
        if name in seen:
            self.out.add(line, f"field '{name}' is defined twice")
        seen.add(name)
        return found


def parse_playbook(text: str, source: str = "<playbook>", path: Path | None = None) -> Playbook:
    """Parse playbook YAML ``text``; raise PlaybookError listing every problem."""
    out = Collector(source)
    data = parse(text, source, PLAYBOOK_YAML)
    if not isinstance(data, dict):
        raise PlaybookError(
            f"{source}: a playbook must be a YAML mapping with id, title, fields and steps",
            problems=[Problem(message="not a mapping", where=source)],
        )
    out.check_keys(data, _PLAYBOOK_KEYS, "the playbook")
    pid = data.get("id")
    if not isinstance(pid, str) or not _ID_RE.match(pid):
        out.add(
            line_of(data, "id"), f"id {shown(pid)} must be lower-case letters, digits, '-' or '_'"
        )
        pid = "invalid"
    version = data.get("version", 1)
    if version != 1:
        out.add(line_of(data, "version"), f"version {shown(version)} is not supported; use 1")
    languages = read_str_list(data.get("languages"), line_of(data, "languages"), "languages", out)
    for lang in languages:
        if lang not in LANGUAGES:
            out.add(line_of(data, "languages"), f"language {lang!r} is not supported")
    channels = read_str_list(data.get("channels"), line_of(data, "channels"), "channels", out)
    for channel in channels:
        if channel not in CHANNELS:
            tip = did_you_mean(channel, CHANNELS)
            out.add(line_of(data, "channels"), f"unknown channel {channel!r}{tip}")
    if not languages:
        out.add(line_of(data), "the playbook must list its languages")
    if not channels:
        out.add(line_of(data), "the playbook must list its channels")
    included = _Includes(path, out)
    included.read(data.get("include"), line_of(data, "include"), path, frozenset())
    raw_fields = data.get("fields") or []
    seen_fields: set[str] = set()
    fields: list[Field] = []
    if isinstance(raw_fields, list):
        for raw in raw_fields:
            if isinstance(raw, str):
                parsed = included.field(raw, line_of(data, "fields"), seen_fields)
            else:
                parsed = _read_field(raw, out, seen_fields)
            if parsed is not None:
                fields.append(parsed)
    else:
        out.add(line_of(data, "fields"), "fields must be a list")
    raw_steps = data.get("steps")
    steps: list[Step] = []
    if isinstance(raw_steps, list) and raw_steps:
        seen_steps: set[str] = set()
        for raw in raw_steps:
            parsed_step = _read_step(raw, out, seen_steps)
            if parsed_step is not None:
                steps.append(parsed_step)
    else:
        out.add(line_of(data, "steps"), "steps must be a non-empty list of step ids")
    playbook = Playbook(
        id=pid,
        title=read_texts(data.get("title"), line_of(data, "title"), "title", out) or {"en": pid},
        description=read_texts(
            data.get("description"), line_of(data, "description"), "description", out
        ),
        languages=languages,
        channels=channels,
        fields=tuple(fields),
        steps=tuple(steps),
        rules=_read_rules(data.get("rules"), out, tuple(steps)),
        path=path,
        warnings=_read_warnings(data.get("warnings"), out),
    )
    for defined_in, line, message in cross_check(playbook):
        out.add(line, message, defined_in)
    if out.problems:
        raise PlaybookError(
            f"{source}: " + summarise(out.problems, "in the playbook", with_place=True),
            hint="Fix each line above; `replykit validate PATH` re-checks the file.",
            problems=out.problems,
        )
    return playbook


def load_playbook(path: Path) -> Playbook:
    """Read and parse the playbook file at ``path``."""
    try:
        text = read_text(path, PLAYBOOK_YAML)
    except OSError as err:
        raise PlaybookError(f"{path}: cannot read the playbook: {err.strerror}") from err
    return parse_playbook(text, source=str(path), path=path)
