"""``NAME.answers.yml`` beside ``-o NAME.ext``: the answers behind a letter, to re-render it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from replykit.letter import Letter
from replykit.playbook.values import to_plain


def answers_path_for(output: Path) -> Path:
    """``NAME.answers.yml`` beside ``NAME.ext``."""
    stem = output.stem if output.suffix else output.name
    return output.with_name(f"{stem}.answers.yml")


def dump_answers(answers: Mapping[str, Any]) -> str:
    """Typed answers as YAML an answers file reads back to the same answers.

    Dates as ISO text, money as text (no float rounding), Cyrillic as is, several lines of
    text as a literal block; keys in the playbook's order.
    """

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return yaml.dump(
        to_plain(dict(answers)),
        Dumper=Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=1000,
    )


def saved_answers_text(letter: Letter, output: Path, answers_path: Path) -> str:
    """The answers file written beside ``output``: a two-line header, then the answers."""
    header = (
        f"# The answers behind {output.name}: replykit draft {letter.playbook} "
        f"--lang {letter.lang} --channel {letter.channel}\n"
        f"# Correct one and re-render: --answers {answers_path.name} -o {output.name} --force\n"
    )
    return header + dump_answers(letter.answers)
