"""What ``list`` and ``show`` report: playbooks and their fields as plain data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from replykit.errors import PlaybookError
from replykit.playbook import Field, Playbook
from replykit.playbook.search import SearchPath
from replykit.playbook.values import to_plain


def list_playbooks(playbooks_dir: Path | None = None) -> list[dict[str, Any]]:
    """Every playbook on the search path: id, title, languages, channels, source.

    A playbook that does not load is listed with its ``error`` (the others stay usable);
    ``replykit validate`` shows every problem in it.
    """
    search = SearchPath.default(playbooks_dir)
    entries: list[dict[str, Any]] = []
    for playbook_id in search.available_ids():
        try:
            pb = search.load(playbook_id)
        except PlaybookError as err:
            entries.append({"id": playbook_id, "error": err.message.split("\n", 1)[0]})
            continue
        entries.append(
            {
                "id": pb.id,
                "title": {lang: pb.title_text(lang) for lang in ("ru", "en")},
                "languages": list(pb.languages),
                "channels": list(pb.channels),
                "builtin": pb.path is not None and pb.path.is_relative_to(search.builtin),
            }
        )
    return entries


def describe_field(fld: Field, lang: str) -> dict[str, Any]:
    """One field as data: name, type, prompt, help, required, default, example, choices, when."""
    data: dict[str, Any] = {
        "name": fld.name,
        "type": fld.type,
        "prompt": fld.prompt_text(lang),
        "required": fld.required,
    }
    if fld.help_text(lang):
        data["help"] = fld.help_text(lang)
    if fld.default is not None:
        data["default"] = to_plain(fld.default)
    example = fld.example_in(lang)
    if example is not None:
        data["example"] = to_plain(example)
    if fld.choices:
        data["choices"] = [{"value": c.value, "label": c.label(lang)} for c in fld.choices]
    if fld.when:
        data["when"] = fld.when
    for bound in ("min", "max", "pattern"):
        if getattr(fld, bound) is not None:
            data[bound] = getattr(fld, bound)
    if fld.item_fields:
        data["fields"] = [describe_field(sub, lang) for sub in fld.item_fields]
    return data


def describe(pb: Playbook, lang: str) -> dict[str, Any]:
    """A loaded playbook as data, with prompts in ``lang``."""
    return {
        "id": pb.id,
        "title": pb.title_text(lang),
        "description": pb.description_text(lang),
        "languages": list(pb.languages),
        "channels": list(pb.channels),
        "steps": [{"id": s.id, **({"when": s.when} if s.when else {})} for s in pb.steps],
        "fields": [describe_field(f, lang) for f in pb.fields],
        "rules": {
            "require": list(pb.rules.require),
            "avoid": {k: list(v) for k, v in pb.rules.avoid.items()},
            "drop": {k: list(v) for k, v in pb.rules.drop.items()},
        },
        "source": str(pb.path) if pb.path else None,
    }


def describe_playbook(
    playbook_id: str, lang: str, playbooks_dir: Path | None = None
) -> dict[str, Any]:
    """Find ``playbook_id`` and describe it."""
    return describe(SearchPath.default(playbooks_dir).load(playbook_id), lang)


def playbook_as_text(data: dict[str, Any]) -> str:
    """The description of ``show`` as readable text."""
    lines = [f"{data['id']} — {data['title']}"]
    if data["description"]:
        lines.append(data["description"])
    lines.append(f"languages: {', '.join(data['languages'])}")
    lines.append(f"channels:  {', '.join(data['channels'])}")
    lines.append("")
    lines.append("steps:")
    for step in data["steps"]:
        cond = f"   (when {step['when']})" if "when" in step else ""
        lines.append(f"  {step['id']}{cond}")
    lines.append("")
    lines.append("fields:")
    for fld in data["fields"]:
        lines.extend(_field_lines(fld, "  "))
    return "\n".join(lines) + "\n"


def _field_lines(fld: dict[str, Any], indent: str) -> list[str]:
    flags = [] if fld["required"] else ["optional"]
    if "default" in fld:
        flags.append(f"default: {fld['default']}")
    if "when" in fld:
        flags.append(f"when: {fld['when']}")
    suffix = f"  [{'; '.join(flags)}]" if flags else ""
    lines = [f"{indent}{fld['name']} ({fld['type']}) — {fld['prompt']}{suffix}"]
    for choice in fld.get("choices", []):
        lines.append(f"{indent}    {choice['value']}: {choice['label']}")
    for sub in fld.get("fields", []):
        lines.extend(_field_lines(sub, indent + "    "))
    return lines
