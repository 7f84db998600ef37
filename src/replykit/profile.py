"""The sender profile: the answers every letter of one sender shares, kept once.

A YAML mapping of field names to answers — the organisation, its address and contacts, the
signer and position, the executor — in ``profile.yaml`` in the user config folder
(``~/.config/replykit/profile.yaml`` on Linux), or any file given with ``--profile``. It
uses the common field names templates/README.md lists, so one profile fills every playbook.

Its answers lose to every other source (:class:`~replykit.answers.AnswerSources`).
A profile key the playbook has no field for is ignored without a word (a profile serves many
playbooks); an unknown key in an answers file stays an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from replykit.assignments import assigned, merge_assignments
from replykit.atomic import write_atomic
from replykit.errors import (
    AnswerError,
    OutputError,
    Problem,
    ReplykitError,
    UsageError,
    did_you_mean,
)
from replykit.lang.locale import get_locale
from replykit.limits import MAX_ANSWERS_BYTES
from replykit.playbook import Playbook
from replykit.playbook.search import SearchPath, user_config_dir
from replykit.yamlfile import YamlKind, parse, read_text

PROFILE_NAME = "profile.yaml"

#: The common field names a profile usually holds (templates/README.md, "Common field names").
COMMON_KEYS: tuple[str, ...] = (
    "sender_org",
    "sender_address",
    "sender_contacts",
    "sender_inn",
    "sender_ogrn",
    "company_name",
    "signer_name",
    "signer_position",
    "contact",
    "executor",
    "executor_phone",
)

PROFILE_YAML = YamlKind(
    noun="profile",
    contents="the profile expands",
    malformed="malformed profile",
    error=AnswerError,
    max_bytes=MAX_ANSWERS_BYTES,
    syntax_hint="The profile is YAML: one `field_name: answer` per line.",
    size_hint="A profile holds a few answers every letter shares; is this the right file?",
    utf8_hint="Save the profile as UTF-8.",
    in_mib=True,
)
_KEY = re.compile(r"[a-z][a-z0-9_]*")
_HEADER = """\
# replykit sender profile: answers every letter shares (README, "Sender profile").
# Precedence: playbook defaults < this file < --answers < --set < questions asked.
# Keys a playbook has no field for are ignored. `replykit profile set` rewrites this file.
"""


def default_profile_path() -> Path:
    """``profile.yaml`` in the user config folder."""
    return user_config_dir() / PROFILE_NAME


def profile_path(explicit: Path | None = None) -> Path:
    """The profile file to use: ``explicit`` (``--profile``) or the default one."""
    return explicit if explicit is not None else default_profile_path()


def read_profile(path: Path | None = None, *, missing_ok: bool = False) -> dict[str, Any]:
    """The profile's answers; an absent default profile is empty, an absent ``path`` an error.

    ``missing_ok``: an absent ``path`` is empty too (``profile set`` creates it).
    """
    target = profile_path(path)
    try:
        text = read_text(target, PROFILE_YAML)
    except FileNotFoundError as err:
        if path is None or missing_ok:
            return {}
        raise UsageError(
            f"--profile {path}: no such file",
            hint="Check the path, or create it: replykit profile set --profile FILE KEY=VALUE",
        ) from err
    except OSError as err:
        raise UsageError(f"{target}: cannot read the profile: {err.strerror}") from err
    return _parse(text, target)


def _parse(text: str, source: Path) -> dict[str, Any]:
    data = parse(text, str(source), PROFILE_YAML)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AnswerError(
            f"{source}: the profile must be a mapping of field name to answer",
            hint="For example:\nsender_org: ООО «Лампа»\nsigner_name: Соколова Мария Александровна",
        )
    bad = [str(key) for key in data if not isinstance(key, str) or not _KEY.fullmatch(key)]
    if bad:
        problems = [
            Problem(message=f"{key!r} is not a field name (lower_snake_case)", field=key)
            for key in bad
        ]
        listing = "\n".join(f"  {p.message}" for p in problems)
        noun = "key" if len(bad) == 1 else "keys"
        raise AnswerError(
            f"{source}: {len(bad)} bad {noun} in the profile:\n{listing}",
            hint="Keys are field names such as " + ", ".join(COMMON_KEYS[:4]) + ".",
            problems=problems,
        )
    return dict(data)


#: Profile keys that are settings, not answers: ``locale`` is the default ``--lang``.
SETTINGS = ("locale",)


def profile_locale(profile: Mapping[str, Any], path: Path | None = None) -> str | None:
    """The profile's ``locale:`` (the default ``--lang``) as a tag, or None; exit 2 if unknown."""
    value = profile.get("locale")
    if value in (None, ""):
        return None
    try:
        return get_locale(str(value)).tag
    except ValueError:
        raise UsageError(
            f"{profile_path(path)}: locale {value!r} is not one of: ru, en, en-GB, en-US",
            hint="Correct it with `replykit profile set locale=en-GB` (plain en is en-GB).",
        ) from None


def answers_for(playbook: Playbook, profile: Mapping[str, Any]) -> dict[str, Any]:
    """The profile's answers for the fields ``playbook`` has; other keys are ignored."""
    known = set(playbook.field_names)
    return {key: value for key, value in profile.items() if key in known}


def render_profile(data: Mapping[str, Any]) -> str:
    """The profile as YAML text (readable Cyrillic, keys in the order given)."""
    if not data:
        return ""
    return yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False, width=1000)


def write_profile(path: Path | None, data: Mapping[str, Any]) -> Path:
    """Save ``data`` as the profile (atomically); the default folder is created if need be."""
    target = profile_path(path)
    if path is None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(f"cannot create {target.parent}: {err.strerror or err}") from err
    write_atomic(target, _HEADER + render_profile(data), force=True)
    return target


def set_values(path: Path | None, assignments: Iterable[str]) -> dict[str, Any]:
    """Set ``KEY=VALUE`` pairs (``KEY+=VALUE`` appends to a list) and save; return the profile."""
    pairs = list(assignments)
    if not pairs:
        raise UsageError(
            "nothing to set",
            hint="replykit profile set sender_org='ООО «Лампа»' signer_name='Мария Соколова'",
        )
    data = merge_assignments(pairs, read_profile(path, missing_ok=True))
    bad = [key for key in data if not _KEY.fullmatch(key)]
    if bad:
        raise UsageError(
            f"not a field name: {', '.join(repr(k) for k in bad)}",
            hint="Keys are field names in lower_snake_case, such as sender_org or signer_name.",
        )
    write_profile(path, data)
    return data


def unset_values(path: Path | None, keys: list[str]) -> tuple[dict[str, Any], list[str]]:
    """Remove ``keys`` and save (if any was there); return the profile and the keys it lacked."""
    data = read_profile(path, missing_ok=True)
    absent = [key for key in keys if key not in data]
    for key in keys:
        data.pop(key, None)
    if len(absent) < len(keys):
        write_profile(path, data)
    return data, absent


def known_field_names(playbooks_dir: Path | None = None) -> set[str]:
    """Every field name of every playbook on the search path (a broken playbook is skipped)."""
    search = SearchPath.default(playbooks_dir)
    names: set[str] = set()
    for playbook_id in search.available_ids():
        try:
            names.update(search.load(playbook_id).field_names)
        except ReplykitError:
            continue
    return names


def unknown_keys(assignments: Iterable[str], field_names: Iterable[str]) -> dict[str, str]:
    """Keys ``KEY=VALUE`` sets that no playbook has a field for, each with its "did you mean"
    tip (or "")."""
    names = sorted(set(field_names) | set(SETTINGS))
    return {key: did_you_mean(key, names) for key in assigned(assignments) if key not in names}
