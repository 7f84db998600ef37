"""The one way replykit reads YAML: playbooks, answers files and the sender profile.

Every reader gets the same guards: a size cap read without loading more than the cap (a
``/dev/zero`` given by mistake stops at once), PyYAML's C loader when it is built in, a cap
on the values a file expands to (YAML aliases make a small file huge), a duplicate key
refused with its line (YAML would silently keep the last one), and every YAML error as
``file:line:col``. A playbook's mappings also remember their lines, for its own messages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import yaml

from replykit.errors import Problem, ReplykitError
from replykit.limits import MAX_YAML_VALUES

try:  # the C loader is several times faster; fall back when libyaml is absent
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

_MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass(frozen=True)
class YamlKind:
    """One kind of YAML file: what messages call it, the error it raises, its size cap."""

    noun: str  # "playbook", "answers file", "profile"
    contents: str  # "the playbook expands", "the answers expand"
    malformed: str  # "malformed YAML", "malformed answers file"
    error: type[ReplykitError]
    max_bytes: int
    syntax_hint: str
    size_hint: str
    utf8_hint: str
    values_hint: str = "YAML aliases (*name) repeat a value; write the values out plainly."
    line_numbers: bool = False
    in_mib: bool = False  # say the cap in MB (5 MB) rather than KiB (512 KiB)

    def size(self, count: int) -> str:
        """``count`` bytes as this kind's messages say them."""
        return f"{count // 2**20} MB" if self.in_mib else f"{count // 1024} KiB"


class LineDict(dict[str, Any]):
    """A mapping that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]


def line_of(data: Any, key: str | None = None) -> int:
    """The line of ``key`` in ``data`` (or of ``data`` itself); 0 when it is not known."""
    if isinstance(data, LineDict):
        if key is not None and key in data.key_lines:
            return data.key_lines[key]
        return data.line
    return 0


def _refuse_duplicate_keys(node: yaml.MappingNode) -> None:
    """A key given twice in one mapping is a mistake YAML would hide by keeping the last."""
    first_lines: dict[tuple[str, str], int] = {}
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE_TAG:
            continue
        first = first_lines.get((key.tag, key.value))
        if first is not None:
            raise yaml.constructor.ConstructorError(
                None, None, f"'{key.value}' is given twice (first on line {first})", key.start_mark
            )
        first_lines[(key.tag, key.value)] = key.start_mark.line + 1


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that refuses a duplicate key."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        _refuse_duplicate_keys(node)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


class _LineLoader(_Loader):
    """Safe loader whose mappings carry line numbers for error messages."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        mapping = LineDict(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {
            str(key.value): key.start_mark.line + 1
            for key, _ in node.value
            if hasattr(key, "value")
        }
        return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_mapping)
_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)


def read_text(path: Path, kind: YamlKind) -> str:
    """The text of ``path``, read no further than ``kind``'s cap; OSError is the caller's.

    Raises ``kind.error`` when the file is over the cap or not UTF-8.
    """
    with path.open("rb") as stream:
        raw = stream.read(kind.max_bytes + 1)
        if len(raw) > kind.max_bytes:
            size = os.fstat(stream.fileno()).st_size
            raise _too_large(str(path), kind, size if size > kind.max_bytes else None)
    return _decode(raw, str(path), kind)


def read_stream(stream: TextIO, source: str, kind: YamlKind) -> str:
    """The text of ``stream`` (stdin), read no further than ``kind``'s cap."""
    text = stream.read(kind.max_bytes + 1)
    if len(text.encode("utf-8", "surrogatepass")) > kind.max_bytes:
        raise _too_large(source, kind, None)
    return text


def _decode(raw: bytes, source: str, kind: YamlKind) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise kind.error(
            f"{source}: not UTF-8 text (byte {err.start})", hint=kind.utf8_hint
        ) from err


def _too_large(source: str, kind: YamlKind, size: int | None) -> ReplykitError:
    limit = kind.size(kind.max_bytes)
    if size is None:
        return kind.error(f"{source}: the {kind.noun} is larger than {limit}", hint=kind.size_hint)
    return kind.error(
        f"{source}: the {kind.noun} is {kind.size(size)}, over the {limit} limit",
        hint=kind.size_hint,
    )


def parse(text: str, source: str, kind: YamlKind) -> Any:
    """The data of YAML ``text`` (``source`` names it in messages); ``kind.error`` if it is bad.

    With ``kind.line_numbers`` every mapping is a :class:`LineDict`.
    """
    if len(text.encode("utf-8", "surrogatepass")) > kind.max_bytes:
        raise _too_large(source, kind, None)
    loader = _LineLoader if kind.line_numbers else _Loader
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        problem = getattr(err, "problem", None) or str(err)
        raise kind.error(
            f"{where}: {kind.malformed}: {problem}",
            hint=kind.syntax_hint,
            problems=[Problem(message=f"{kind.malformed}: {problem}", where=where)],
        ) from err
    except (ValueError, RecursionError) as err:  # e.g. a bad timestamp, absurd nesting
        raise kind.error(f"{source}: {kind.malformed}: {err}") from err
    if count_values(data, MAX_YAML_VALUES) > MAX_YAML_VALUES:
        raise kind.error(
            f"{source}: {kind.contents} to more than {MAX_YAML_VALUES:,} values",
            hint=kind.values_hint,
        )
    return data


def count_values(data: Any, limit: int) -> int:
    """How many values ``data`` holds with aliases expanded, counting no further than ``limit``."""
    count, stack = 0, [data]
    while stack and count <= limit:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
            count += len(item)
        elif isinstance(item, list):
            stack.extend(item)
    return count
