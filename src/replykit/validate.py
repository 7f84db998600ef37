"""Check user playbooks and templates before anyone drafts with them (``replykit validate``).

For each playbook: the YAML and its schema (:func:`~replykit.playbook.parse_playbook`, which
also compiles every ``when``); for each declared language, a template exists, parses, has a
block for every step (through ``{% extends %}`` chains), and uses no name that is neither a
field nor a helper; each channel has a layout. Every problem is collected, each with
``file:line``, and raised at once as a :class:`~replykit.errors.PlaybookError` (exit 4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, TemplateNotFound, TemplateSyntaxError, meta, nodes

from replykit.conditions import compile_condition
from replykit.errors import PlaybookError, Problem, did_you_mean, summarise
from replykit.playbook import Playbook, load_playbook
from replykit.playbook.search import NOT_PLAYBOOKS, builtin_root
from replykit.templates import (
    ENGINE_NAMES,
    JINJA_NAMES,
    layout_name,
    make_environment,
    template_name,
)


@dataclass
class ValidationReport:
    """What was checked, and every problem found."""

    playbooks: list[str] = field(default_factory=list)
    templates: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready: ``{"ok": true, "playbooks": [...], "templates": [...]}``."""
        return {"ok": not self.problems, "playbooks": self.playbooks, "templates": self.templates}


@dataclass(frozen=True)
class _Target:
    """A playbook file and the template folder that goes with it."""

    playbook: Path
    templates: Path | None


def _targets(path: Path) -> list[_Target]:
    """Playbook files under ``path`` (a file, or a folder laid out like the repository)."""
    if path.is_file():
        for candidate in (path.parent / "templates", path.parent.parent / "templates"):
            if candidate.is_dir():
                return [_Target(path, candidate)]
        return [_Target(path, None)]
    folder = path / "playbooks" if (path / "playbooks").is_dir() else path
    templates = path / "templates" if (path / "templates").is_dir() else None
    files = sorted(
        p
        for p in folder.iterdir()
        if p.suffix in (".yaml", ".yml") and p.is_file() and p.name not in NOT_PLAYBOOKS
    )
    return [_Target(p, templates) for p in files]


def validate_paths(paths: Sequence[Path] = ()) -> ValidationReport:
    """Validate the playbooks and templates at ``paths`` (the built-ins when none).

    Raises PlaybookError listing every problem; returns the report when all is well.
    """
    report = ValidationReport()
    roots = list(paths) or [builtin_root()]
    targets: list[_Target] = []
    for root in roots:
        if not root.exists():
            report.problems.append(Problem(message="no such file or folder", where=str(root)))
            continue
        found = _targets(root)
        if not found:
            report.problems.append(Problem(message="no playbooks (*.yaml) here", where=str(root)))
        targets.extend(found)
    for target in targets:
        _validate_one(target, report)
    if report.problems:
        raise PlaybookError(
            summarise(report.problems, "in playbooks and templates", with_place=True),
            hint="Fix each line above and run `replykit validate` again.",
            problems=report.problems,
        )
    return report


def _validate_one(target: _Target, report: ValidationReport) -> None:
    try:
        playbook = load_playbook(target.playbook)
    except PlaybookError as err:
        report.problems.extend(err.problems or [Problem(message=err.message)])
        return
    report.playbooks.append(str(target.playbook))
    _compile_conditions(playbook, target.playbook, report)
    _validate_templates(playbook, target.templates, report)


def _compile_conditions(playbook: Playbook, source: Path, report: ValidationReport) -> None:
    """Compile every ``when`` in the sandbox: loading only parses them (a draft compiles the
    ones it evaluates), and compiling finds what constant folding meets, like ``''.__class__``.
    """
    conditions = [(f.when, f.when_line, f"field '{f.name}'") for f in playbook.fields if f.when]
    conditions += [(s.when, s.when_line, f"step '{s.id}'") for s in playbook.steps if s.when]
    conditions += [(w.when, w.line, "warning") for w in playbook.warnings]
    for expression, line, what in conditions:
        try:
            compile_condition(expression)
        except PlaybookError as err:
            where = f"{source}:{line}" if line else str(source)
            report.problems.append(Problem(message=f"{what}: when: {err.message}", where=where))


def _validate_templates(playbook: Playbook, folder: Path | None, report: ValidationReport) -> None:
    builtin = builtin_root() / "templates"
    user_dirs = [folder] if folder is not None and folder.resolve() != builtin.resolve() else []
    env = make_environment(user_dirs, builtin)
    allowed = set(playbook.field_names) | ENGINE_NAMES | JINJA_NAMES | set(env.globals)
    checked: set[str] = set()
    for channel in playbook.channels:
        try:
            env.get_template(layout_name(channel))
        except TemplateNotFound:
            report.problems.append(
                Problem(
                    message=f"no layout for the channel '{channel}' ({layout_name(channel)})",
                    where=str(playbook.path),
                )
            )
        except TemplateSyntaxError as err:
            report.problems.append(_syntax_problem(err))
    for lang in playbook.languages:
        names = [template_name(playbook.id, lang)]
        names += [template_name(playbook.id, lang, ch) for ch in playbook.channels]
        for name in names:
            found = _source(env, name)
            if found is None or found[1] in checked:
                continue
            checked.add(found[1])
            report.templates.append(found[1])
            tree = _validate_template(env, playbook, name, found[0], found[1], allowed, report)
            if tree is not None:
                _validate_referenced(env, playbook, tree, found[1], allowed, checked, report)
        if _source(env, names[0]) is None and not all(_source(env, n) for n in names[1:]):
            where = str(folder / playbook.id) if folder else str(builtin / playbook.id)
            report.problems.append(
                Problem(
                    message=f"playbook '{playbook.id}' has no template for the language "
                    f"'{lang}' ({names[0]})",
                    where=where,
                )
            )


def _source(env: Environment, name: str) -> tuple[str, str] | None:
    """(source, filename) of the template ``name``, or None when there is none."""
    assert env.loader is not None
    try:
        source, filename, _ = env.loader.get_source(env, name)
    except TemplateNotFound:
        return None
    return source, filename or name


def _syntax_problem(err: TemplateSyntaxError) -> Problem:
    where = f"{err.filename or err.name}:{err.lineno}"
    return Problem(message=f"template syntax error: {err.message}", where=where)


def _validate_template(
    env: Environment,
    playbook: Playbook,
    name: str,
    source: str,
    filename: str,
    allowed: set[str],
    report: ValidationReport,
    *,
    entry: bool = True,
) -> nodes.Template | None:
    """Check one template; an entry template must also have a block for every step."""
    try:
        tree = env.parse(source, name, filename)
    except TemplateSyntaxError as err:
        report.problems.append(_syntax_problem(err))
        return None
    blocks = _blocks(env, tree, set()) if entry else None
    if blocks is not None:
        for step in playbook.steps:
            if step.id not in blocks:
                report.problems.append(
                    Problem(
                        message=f"no block for the step '{step.id}' "
                        f"(add {{% block {step.id} %}}…{{% endblock %}}, even an empty one)",
                        where=filename,
                    )
                )
    unknown = sorted(meta.find_undeclared_variables(tree) - allowed - _defined_names(tree))
    for var in unknown:
        line = next(
            (n.lineno for n in tree.find_all(nodes.Name) if n.name == var and n.ctx == "load"), 0
        )
        tip = did_you_mean(var, sorted(playbook.field_names))
        report.problems.append(
            Problem(
                message=f"the template uses '{var}', which is not a field of the playbook{tip}",
                where=f"{filename}:{line}" if line else filename,
                field=var,
            )
        )
    return tree


def _validate_referenced(
    env: Environment,
    playbook: Playbook,
    tree: nodes.Template,
    filename: str,
    allowed: set[str],
    checked: set[str],
    report: ValidationReport,
) -> None:
    """Check the templates ``tree`` extends, includes or imports by a literal name, in turn.

    They share the referring template's context, so what it defines (``words`` from its
    import) counts as defined in them. A name known only at render time is not followed.
    """
    inherited = allowed | _defined_names(tree)
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        target = getattr(node, "template", None)
        if not isinstance(target, nodes.Const) or not isinstance(target.value, str):
            continue
        found = _source(env, target.value)
        if found is None:
            where = f"{filename}:{node.lineno}"
            message = f"no template named '{target.value}' (extended, included or imported here)"
            report.problems.append(Problem(message=message, where=where))
            continue
        if found[1] in checked:
            continue
        checked.add(found[1])
        report.templates.append(found[1])
        child = _validate_template(
            env, playbook, target.value, found[0], found[1], inherited, report, entry=False
        )
        if child is not None:
            _validate_referenced(env, playbook, child, found[1], inherited, checked, report)


def _defined_names(tree: nodes.Template) -> set[str]:
    """Names the template defines itself: macros, imports, ``set`` and loop targets.

    Jinja compiles each block apart, so a macro or ``set`` outside a block looks undeclared
    inside it; a name defined anywhere in the file is taken as defined.
    """
    names: set[str] = set()
    for macro in tree.find_all(nodes.Macro):
        names.add(macro.name)
    for imported in tree.find_all(nodes.Import):
        names.add(imported.target)
    for from_import in tree.find_all(nodes.FromImport):
        names.update(n if isinstance(n, str) else n[1] for n in from_import.names)
    for node in tree.find_all((nodes.Assign, nodes.AssignBlock, nodes.For)):
        target = getattr(node, "target", None)
        if isinstance(target, nodes.Name):
            names.add(target.name)
        elif isinstance(target, nodes.Node):
            names.update(n.name for n in target.find_all(nodes.Name))
    return names


def _blocks(env: Environment, tree: nodes.Template, seen: set[str]) -> set[str] | None:
    """Block names defined by ``tree`` and the templates it extends by name.

    None when it extends something only known at render time other than the engine's
    ``layout`` (then the blocks cannot be told in advance).
    """
    names = {block.name for block in tree.find_all(nodes.Block)}
    for extends in tree.find_all(nodes.Extends):
        parent = extends.template
        if isinstance(parent, nodes.Name) and parent.name == "layout":
            continue  # the channel layout: reserved blocks only
        if not isinstance(parent, nodes.Const) or not isinstance(parent.value, str):
            return None
        if parent.value in seen:
            continue
        seen.add(parent.value)
        found = _source(env, parent.value)
        try:
            parent_tree = env.parse(found[0], parent.value, found[1]) if found else None
        except TemplateSyntaxError:
            parent_tree = None
        if parent_tree is None:
            return None  # reported where that template itself is checked
        inherited = _blocks(env, parent_tree, seen)
        if inherited is None:
            return None
        names |= inherited
    return names
