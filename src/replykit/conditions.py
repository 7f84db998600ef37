"""``when`` conditions: reading, compiling and evaluating them, and what they see.

A condition is a Jinja expression over the answers asked before it, ``lang`` and
``channel``, run in the sandbox. :func:`condition_context` is what every condition sees (and
what a template sees besides the engine's names): every field bound, an unanswered or
skipped one as ``none``. Loading a playbook only reads each condition
(:func:`condition_names`); each is compiled when first evaluated, and ``replykit validate``
compiles them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError, meta, nodes
from jinja2.exceptions import SecurityError
from jinja2.parser import Parser

from replykit.errors import PlaybookError, RenderError
from replykit.sandbox import SandboxEnvironment, new_environment


def condition_context(
    field_names: Iterable[str], values: Mapping[str, Any], lang: str, channel: str
) -> dict[str, Any]:
    """What a condition sees: every field of ``field_names`` (None when not in ``values``),
    ``lang`` and ``channel``."""
    context = {name: values.get(name) for name in field_names}
    context["lang"] = lang
    context["channel"] = channel
    return context


def holds(expression: str | None, context: Mapping[str, Any]) -> bool:
    """True when ``expression`` holds over ``context`` (an absent condition always holds)."""
    if not expression:
        return True
    return bool(compile_condition(expression)(**context))


@lru_cache(maxsize=1)
def _condition_environment() -> SandboxEnvironment:
    return new_environment()


@lru_cache(maxsize=512)
def compile_condition(expression: str) -> Callable[..., Any]:
    """Compile a ``when`` expression in the sandbox; raise PlaybookError if it is malformed."""
    try:
        compiled = _condition_environment().compile_expression(expression, undefined_to_none=False)
    except TemplateSyntaxError as err:
        raise PlaybookError(f"cannot read {expression!r}: {err.message}") from err
    except SecurityError as err:  # Jinja folds constants while compiling: ''.__class__ and x
        raise PlaybookError(f"{expression!r}: the sandbox forbids it: {err}") from err

    def evaluate(**context: Any) -> bool:
        """The condition's truth; a failure is the playbook's (exit 4), never a crash.

        No timer here: arming one costs more than a condition, and an expression cannot loop
        (ranges are capped, sizes checked by the sandbox).
        """
        try:
            return bool(compiled(**context))
        except RenderError:
            raise
        except SecurityError as err:
            raise RenderError(
                f"when {expression!r}: the sandbox forbids it: {err}",
                hint="A condition may compare answers only, not reach Python internals.",
            ) from err
        except (TemplateError, ArithmeticError, ValueError, TypeError, LookupError) as err:
            raise RenderError(
                f"when {expression!r} cannot be evaluated: {err}",
                hint="Fix the condition in the playbook; `replykit validate` checks it.",
            ) from err
        except (RecursionError, MemoryError) as err:
            raise RenderError(f"when {expression!r} cannot be evaluated: {err!r}") from err

    return evaluate


@lru_cache(maxsize=512)
def condition_names(expression: str) -> frozenset[str]:
    """The names a ``when`` expression reads (answers, lang, channel); PlaybookError if unreadable.

    Parsing only, without generating code: loading a playbook checks every condition this
    way, and each is compiled when first evaluated (``replykit validate`` compiles them all).
    """
    env = _condition_environment()
    try:  # as Environment.compile_expression parses, so the messages are the same
        parser = Parser(env, expression, state="variable")
        body = parser.parse_expression()
        if not parser.stream.eos:
            raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno)
    except TemplateSyntaxError as err:
        raise PlaybookError(f"cannot read {expression!r}: {err.message}") from err
    tree = nodes.Template([nodes.Output([body])], lineno=1)
    tree.set_environment(env)
    try:  # finding the names runs Jinja's optimizer, which folds constants: ''.__class__
        found = meta.find_undeclared_variables(tree)
    except SecurityError as err:
        raise PlaybookError(f"{expression!r}: the sandbox forbids it: {err}") from err
    return frozenset(found) - set(env.globals)


@lru_cache(maxsize=256)
def compile_conditions(expressions: tuple[str | None, ...]) -> Callable[..., list[bool]]:
    """Several ``when`` expressions evaluated in one go (None holds); one list of truths.

    One sandboxed evaluation instead of one per step or field: each evaluation costs a fresh
    Jinja context. Should the joint evaluation fail, each expression is evaluated alone, so
    the error names the one at fault.
    """
    written = [e for e in expressions if e]
    if not written:
        return lambda **context: [True] * len(expressions)
    try:
        joint: Callable[..., Any] | None = _condition_environment().compile_expression(
            "[" + ", ".join(f"(({e}) and true or false)" for e in written) + "]",
            undefined_to_none=False,
        )
    except Exception:  # constant folding met something the sandbox refuses: go one by one
        joint = None

    def evaluate(**context: Any) -> list[bool]:
        try:
            if joint is None:
                raise LookupError
            truths = iter(joint(**context))
        except Exception:  # re-evaluated one by one, so the error names the one at fault
            truths = iter([compile_condition(e)(**context) for e in written])
        return [True if e is None else bool(next(truths)) for e in expressions]

    return evaluate
