"""Safe output file names built from data: one component, inside the output folder, every OS.

Names are ASCII: Cyrillic is transliterated (a simple GOST 7.79 B / passport-like table:
``ж→zh``, ``х→kh``, ``ц→ts``, ``щ→shch``, ``й→y``, ``ё→e``, ``ъ`` and ``ь`` dropped, plus
Ukrainian ``і ї є ґ`` and Belarusian ``ў``), accents are stripped (``é→e``), everything is
lower-cased, and any run of other characters becomes ``-``. Characters with no ASCII form
(CJK, emoji) are dropped; an empty result falls back to ``letter``. ASCII names survive
every file system, shell, zip tool and mail attachment, and sort predictably.

So ``"0007 Смирнова Анна"`` becomes ``0007-smirnova-anna``.

The ``--name`` pattern that gives each row its stem is checked here too, before row 1: fields
and a few filters, no statements, calls or arithmetic (see :func:`check_pattern`).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Set
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, meta, nodes

from replykit.errors import OutputError, UsageError
from replykit.limits import MAX_NAME_NUMBER, MAX_NAME_PATTERN_CHARS, MAX_NAME_TEXT_CHARS
from replykit.sandbox import new_environment

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_NAME_PATTERN",
    "FALLBACK_NAME",
    "OutputNamer",
    "check_pattern",
    "compile_pattern",
    "default_pattern",
    "safe_filename",
    "slugify",
    "transliterate",
]

DEFAULT_MAX_BYTES = 120
FALLBACK_NAME = "letter"
DEFAULT_NAME_PATTERN = '{{ "%04d"|format(row_number) }}-{{ customer_name }}'
_FALLBACK_PATTERN = '{{ "%04d"|format(row_number) }}'
_PATTERN_NAMES = frozenset({"row_number", "lang", "channel"})

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}  # fmt: skip
_TRANSLIT = str.maketrans(_CYRILLIC)
# Windows refuses these as a name, with or without an extension, in any case.
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]
)
_UNSAFE_RUN = re.compile(r"[^a-z0-9._]+")
_DOT_RUN = re.compile(r"[-.]*\.[-.]*")  # "a. . .b" → "a.b": never "..", never "-." or ".-"
_SLUG_RUN = re.compile(r"[^a-z0-9]+")


def transliterate(text: str) -> str:
    """Cyrillic to Latin by the table above, then accents stripped; other non-ASCII dropped."""
    text = text.lower().translate(_TRANSLIT)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slugify(text: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Lower-case ASCII words joined by ``-``: ``"Смирнова Анна"`` → ``smirnova-anna``.

    May be empty (when ``text`` has no letters or digits); :func:`safe_filename` never is.
    """
    slug = _SLUG_RUN.sub("-", transliterate(text)).strip("-")
    return _cut(slug, max_bytes).strip("-")


def safe_filename(stem: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """One safe path component from any text, at most ``max_bytes`` UTF-8 bytes, never empty.

    Transliterated and lower-cased; only ``a-z 0-9 . _ -`` remain, so no separators, control
    or Windows-forbidden characters; no ``..``, no leading or trailing dot, no reserved
    Windows name (``con.txt`` becomes ``_con.txt``; COM0-9 and LPT0-9 too). Dots are kept so
    a pattern may give an extension.
    """
    if max_bytes < len(FALLBACK_NAME) + 1:
        raise ValueError(f"max_bytes must be at least {len(FALLBACK_NAME) + 1}, not {max_bytes}")
    name = _UNSAFE_RUN.sub("-", transliterate(stem))
    name = _DOT_RUN.sub(".", name)
    name = _tidy(_cut(_tidy(name), max_bytes))
    if not name:
        return FALLBACK_NAME
    if name.split(".", 1)[0] in _RESERVED:
        # ASCII by now, so characters are bytes.
        name = ("_" + name)[:max_bytes].rstrip(".-_ ")
    return name


def _tidy(name: str) -> str:
    # Leading dots hide a file (and "." / ".." are not names); Windows drops trailing dots.
    return name.strip(".-_ ")


def _cut(text: str, max_bytes: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    return data[:max_bytes].decode("utf-8", "ignore")


class OutputNamer:
    """Hands out unique, safe file paths inside ``out_dir`` for one run.

    ``claim("0007 Смирнова Анна")`` gives ``out_dir/0007-smirnova-anna.txt``; a second
    claim of the same stem gives ``...-2.txt``, then ``-3``. Names are compared ignoring
    case (Windows and macOS folders do). Only a hash of each name is kept, so memory stays
    small (a 64-bit hash clash costs a needless suffix, never an overwrite). The caller still
    refuses to replace a file that exists on disk: the namer only knows this run's names.
    """

    def __init__(self, out_dir: Path, ext: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        ext = ext if not ext or ext.startswith(".") else "." + ext
        if ext and not re.fullmatch(r"\.[A-Za-z0-9]{1,10}", ext):
            raise ValueError(f"extension {ext!r} must be letters and digits, e.g. '.txt'")
        self.out_dir = out_dir
        self.ext = ext.lower()
        self._root = out_dir.resolve()
        # Room for "-123456" and the extension, so a suffix never pushes a name over the limit.
        self._stem_bytes = max_bytes - len(self.ext) - 7
        if self._stem_bytes < len(FALLBACK_NAME) + 1:
            raise ValueError(f"max_bytes={max_bytes} leaves no room for a name")
        self._taken: set[int] = set()
        self._next_suffix: dict[str, int] = {}

    def claim(self, stem: str) -> Path:
        """A fresh safe path for ``stem`` in ``out_dir``, unique within this run."""
        base = safe_filename(stem, max_bytes=self._stem_bytes)
        if base.endswith(self.ext) and self.ext:
            base = _tidy(base[: -len(self.ext)]) or FALLBACK_NAME
        name = base + self.ext
        key = hash(name.casefold())
        if key in self._taken:
            suffix = self._next_suffix.get(base, 2)
            while True:
                name = f"{base}-{suffix}{self.ext}"
                key = hash(name.casefold())
                suffix += 1
                if key not in self._taken:
                    break
            self._next_suffix[base] = suffix
        self._taken.add(key)
        return self._inside(name)

    def _inside(self, name: str) -> Path:
        path = self._root / name
        # The name is one component without separators, so only a symlink planted in the
        # folder could lead elsewhere; follow it and check where it lands.
        try:
            landing = path.resolve() if os.path.islink(path) else path
        except (OSError, RuntimeError):  # a symlink loop
            landing = Path(os.devnull)
        if landing.parent != self._root or name in (".", ".."):
            raise OutputError(
                f"{path} leads outside {self.out_dir}; refusing to write there",
                hint="remove the symbolic link, or choose another --out-dir",
            )
        return path


def default_pattern(fields: Set[str]) -> str:
    """The ``--name`` pattern when none is given: the row number, and the customer's name."""
    return DEFAULT_NAME_PATTERN if "customer_name" in fields else _FALLBACK_PATTERN


def compile_pattern(source: str) -> Any:
    """A checked ``--name`` pattern as a sandboxed template."""
    env = new_environment()
    # A name may use an unanswered field: it prints as nothing, never as "None".
    env.finalize = lambda value: "" if value is None else value
    return env.from_string(source)


# A name pattern is fields and a few filters, no statements, calls or arithmetic: a pattern
# like {% for %}{% for %} or "x" * 10**10 would otherwise stall or swamp every row.
_NAME_FILTERS = frozenset(
    {"format", "lower", "upper", "title", "capitalize", "trim", "truncate", "default", "d"}
    | {"string", "date", "first", "last", "replace"}
)
_WIDE_FORMAT = re.compile(r"%[-+ #0]*\d{3,}")


def check_pattern(pattern: str, fields: Set[str]) -> None:
    """Raise UsageError unless ``pattern`` is a safe ``--name`` over ``fields``."""

    def refuse(why: str) -> UsageError:
        return UsageError(
            f"--name {pattern!r}: {why}",
            hint="A name pattern holds fields, row_number, lang and channel with simple filters, "
            "e.g. --name '{{ \"%04d\"|format(row_number) }}-{{ customer_name }}'.",
        )

    if len(pattern) > MAX_NAME_PATTERN_CHARS:
        raise refuse(f"longer than {MAX_NAME_PATTERN_CHARS} characters")
    try:
        tree = new_environment().parse(pattern)
    except TemplateSyntaxError as err:
        raise UsageError(f"--name {pattern!r}: {err.message}") from err
    allowed = (
        nodes.Output, nodes.TemplateData, nodes.Name, nodes.Const, nodes.Filter, nodes.Getattr,
        nodes.Getitem, nodes.Concat, nodes.CondExpr, nodes.Compare, nodes.Operand, nodes.And,
        nodes.Or, nodes.Not, nodes.Keyword,
    )  # fmt: skip
    for node in tree.find_all(nodes.Node):
        if not isinstance(node, allowed):
            raise refuse(f"only fields and filters are allowed, not {type(node).__name__.lower()}")
        if isinstance(node, nodes.Filter) and node.name not in _NAME_FILTERS:
            raise refuse(f"the filter '{node.name}' is not allowed in a name")
        if isinstance(node, nodes.Const):
            value = node.value
            too_big = isinstance(value, int | float) and abs(value) > MAX_NAME_NUMBER
            if too_big or (
                isinstance(value, str)
                and (len(value) > MAX_NAME_TEXT_CHARS or _WIDE_FORMAT.search(value))
            ):
                raise refuse(f"the constant {value!r} is too large for a name")
    unknown = sorted(meta.find_undeclared_variables(tree) - fields - _PATTERN_NAMES)
    if unknown:
        raise UsageError(
            f"--name {pattern!r} uses {', '.join(unknown)}, which "
            f"{'is not a field' if len(unknown) == 1 else 'are not fields'}",
            hint="A name pattern may use the playbook's fields, row_number, lang and channel.",
        )
