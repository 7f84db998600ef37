"""The sandbox every template and condition runs in.

User playbooks and templates are code from strangers. They run in Jinja's
``ImmutableSandboxedEnvironment`` with strict undefined names, and a render is bounded
(:mod:`replykit.limits`): a timer and a memory cap on the main thread, size checks before an
operation allocates, and a cap on any joined output. ``when`` conditions run here too
(:mod:`replykit.conditions`).
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable, Iterable
from types import BuiltinMethodType
from typing import Any

from jinja2 import (
    BaseLoader,
    StrictUndefined,
)
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from replykit.errors import RenderError
from replykit.lang.filters import template_filters
from replykit.limits import bounded_join, inside_render, refuse_size, render_limits


def _refuse_none(value: Any) -> Any:
    """Printing a skipped or unanswered value is a template bug, not a blank."""
    if value is None:
        raise RenderError(
            "a template printed an empty answer (a skipped or optional field)",
            hint="Guard it in the template: {% if field %}…{% endif %}.",
        )
    return value


_MAX_INT_BITS = 64 * 1024  # far beyond any amount or count in a letter; stops 9**9**9
_SIZED = (str, list, tuple, bytes)
_PERCENT_SPEC = re.compile(r"%[#0 +\-]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_widths(fmt: str, args: Iterable[Any], what: str) -> None:
    """Refuse a format whose width or precision (literal, or given as an argument) is too big."""
    if what == "format":
        specs = _PERCENT_SPEC.findall(fmt)
        numbers = [n for spec in specs for n in spec]
        from_args = "*" in numbers
    else:
        try:
            parsed = [spec or "" for _, _, spec, _ in string.Formatter().parse(fmt)]
        except ValueError:
            parsed = []
        numbers = re.findall(r"\d+", " ".join(parsed))
        from_args = any("{" in spec for spec in parsed)
    sizes = [int(n) for n in numbers if n.isdigit()]
    if from_args:  # '%*d' or '{:{}}': the width is one of the arguments
        sizes += [a for a in args if isinstance(a, int) and not isinstance(a, bool)]
    refuse_size(max(sizes, default=0), what)


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``'x' * 10**9``, ``9 ** 9 ** 9`` and friends before they allocate."""
    if operator == "*":
        if isinstance(left, int) and isinstance(right, _SIZED):
            left, right = right, left
        if isinstance(left, _SIZED) and isinstance(right, int):
            refuse_size(len(left) * right, "repetition")
        elif (
            isinstance(left, int)
            and isinstance(right, int)
            and left.bit_length() + right.bit_length() > _MAX_INT_BITS
        ):
            raise RenderError("a template's multiplication makes a number too large")
    elif operator == "+" and isinstance(left, _SIZED) and isinstance(right, _SIZED):
        refuse_size(len(left) + len(right), "concatenation")
    elif operator == "**" and isinstance(left, int) and isinstance(right, int):
        if abs(left) > 1 and right > 0 and left.bit_length() * right > _MAX_INT_BITS:
            raise RenderError("a template's power makes a number too large")
    elif operator == "%" and isinstance(left, str):
        _check_widths(left, right if isinstance(right, tuple) else (), "format")


def _estimate_str_method(method: str, text: str, args: tuple[Any, ...]) -> int:
    """The size of ``text.method(*args)``'s result, for the methods that can amplify."""
    ints = [a for a in args if isinstance(a, int) and not isinstance(a, bool)]
    if method in ("center", "ljust", "rjust", "zfill"):
        return max([len(text), *ints])
    if method == "expandtabs":
        return len(text) * max([8, *ints])
    if method == "replace" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
        return len(text) + text.count(args[0]) * len(args[1]) + (len(args[1]) if not args[0] else 0)
    return 0


class SandboxEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox: no Python internals, no mutation of answers, bounded ranges and sizes.

    Beyond Jinja's sandbox, repetition, concatenation, powers, padding and format widths
    are checked before they allocate, every joined output (a macro, a ``set`` block, the
    letter) is capped at MAX_LETTER_CHARS, and :func:`render_limits` bounds time and memory.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        target = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        owner = getattr(target, "__self__", None)
        if isinstance(owner, str) and isinstance(target, BuiltinMethodType):
            method = target.__name__
            if method in ("format", "format_map"):
                _check_widths(owner, [*args, *kwargs.values()], "str.format")
            elif method == "join" and args:
                items = [str(item) for item in args[0]]
                refuse_size(sum(map(len, items)) + len(owner) * len(items), "join")
                args = (items, *args[1:])
            else:
                refuse_size(_estimate_str_method(method, owner, args), method)
        return super().call(__context, __obj, *args, **kwargs)

    @staticmethod
    def concat(chunks: Iterable[str]) -> str:
        """Join output (a macro, a ``set`` block, a whole template) within the limits."""
        if inside_render():  # inside a render already: only the size counts
            return bounded_join(chunks, "template")
        with render_limits():
            return bounded_join(chunks, "template")


def _checked_filters(filters: dict[str, Any]) -> dict[str, Callable[..., Any]]:
    """Jinja's filters that pad, repeat or join, refusing results over the size limit."""
    center, indent, fmt = filters["center"], filters["indent"], filters["format"]
    replace, join = filters["replace"], filters["join"]

    @functools.wraps(center)
    def do_center(value: Any, width: int = 80) -> Any:
        refuse_size(int(width), "center")
        return center(value, width)

    @functools.wraps(indent)
    def do_indent(s: Any, width: int | str = 4, *args: Any, **kwargs: Any) -> Any:
        pad = len(width) if isinstance(width, str) else int(width)
        refuse_size(len(str(s)) + (str(s).count("\n") + 1) * pad, "indent")
        return indent(s, width, *args, **kwargs)

    @functools.wraps(fmt)
    def do_format(value: Any, *args: Any, **kwargs: Any) -> Any:
        _check_widths(str(value), [*args, *kwargs.values()], "format")
        return fmt(value, *args, **kwargs)

    @functools.wraps(replace)
    def do_replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: Any = None) -> Any:
        text, old_s, new_s = str(s), str(old), str(new)
        refuse_size(_estimate_str_method("replace", text, (old_s, new_s)), "replace")
        return replace(eval_ctx, s, old, new, count)

    @functools.wraps(join)
    def do_join(eval_ctx: Any, value: Any, d: Any = "", attribute: Any = None) -> Any:
        items = list(value)
        size = len(str(d)) * len(items)
        if attribute is None:
            size += sum(len(str(item)) for item in items)
        refuse_size(size, "join")
        return join(eval_ctx, items, d, attribute)

    return {
        "center": do_center,
        "indent": do_indent,
        "format": do_format,
        "replace": do_replace,
        "join": do_join,
    }


def new_environment(loader: BaseLoader | None = None) -> SandboxEnvironment:
    """A fresh sandbox with replykit's filters; ``loader`` finds templates (none: strings only)."""
    env = SandboxEnvironment(
        loader=loader,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,
        finalize=_refuse_none,
        auto_reload=False,
    )
    env.filters.update(template_filters())
    env.filters.update(_checked_filters(env.filters))
    del env.globals["lipsum"]  # placeholder text has no place in a letter, and lipsum(10**9) hangs
    return env
