"""Which column gives which field: ``--map COLUMN=FIELD`` and the column plan of a run.

A column gives the field it is mapped to, or else the field it is named after. A mapped
column wins over an unmapped column of the same name; a column that names no field is
ignored (and reported once as a note).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from replykit.errors import BatchInputError, Problem, UsageError, did_you_mean

__all__ = ["ColumnPlan", "check_mapping", "parse_mapping", "parse_mappings", "plan_columns"]


def parse_mapping(spec: str) -> tuple[str, str]:
    """``"Имя клиента=customer_name"`` → ``("Имя клиента", "customer_name")``.

    Splits at the last ``=`` (field names never hold one; column names might). Both sides are
    trimmed, as headers are.
    """
    column, sep, target = spec.rpartition("=")
    column, target = column.strip(), target.strip()
    if not sep or not column or not target:
        raise UsageError(
            f'--map "{spec}": expected COLUMN=FIELD, e.g. --map "Имя клиента=customer_name"'
        )
    return column, target


def parse_mappings(specs: Iterable[str]) -> dict[str, str]:
    """Every ``--map`` value into ``{column: field}``; all problems reported at once."""
    mapping: dict[str, str] = {}
    problems: list[Problem] = []
    for spec in specs:
        try:
            column, target = parse_mapping(spec)
        except UsageError as err:
            problems.append(Problem(err.message, value=spec))
            continue
        if column in mapping and mapping[column] != target:
            problems.append(
                Problem(
                    f'--map maps column "{column}" twice (to {mapping[column]} and {target})',
                    field=column,
                )
            )
        mapping[column] = target
    targets: dict[str, list[str]] = {}
    for column, target in mapping.items():
        targets.setdefault(target, []).append(column)
    for target, columns in targets.items():
        if len(columns) > 1:
            names = ", ".join(f'"{c}"' for c in columns)
            problems.append(Problem(f"--map gives field {target} from {names}", field=target))
    if problems:
        raise UsageError("; ".join(p.message for p in problems), problems=problems)
    return mapping


def check_mapping(mapping: Mapping[str, str], columns: Sequence[str], *, source: str = "") -> None:
    """Raise BatchInputError if ``mapping`` names a column the file does not have.

    Call once after :func:`read_rows`, before the rows; the message lists the columns there
    are and suggests the nearest name.
    """
    missing = [column for column in mapping if column not in columns]
    if not missing:
        return
    problems = []
    for column in missing:
        guess = did_you_mean(column, columns, quote='"')
        problems.append(
            Problem(
                f'no column "{column}"{guess}',
                where=source,
                field=column,
                allowed=tuple(columns),
            )
        )
    prefix = f"{source}: " if source else ""
    available = ", ".join(f'"{c}"' for c in columns) or "none"
    raise BatchInputError(
        f"{prefix}--map names columns the file does not have: "
        + "; ".join(p.message for p in problems)
        + f"; the columns are {available}",
        hint='copy the column name from the file\'s first row, e.g. --map "Имя=customer_name"',
        problems=problems,
    )


@dataclass(frozen=True)
class ColumnPlan:
    """The columns of one run: those that give answers and those that are ignored."""

    used: tuple[tuple[str, str], ...]  # (column, field), in the file's order
    ignored: tuple[str, ...]

    @property
    def covered(self) -> frozenset[str]:
        """The fields some column gives."""
        return frozenset(name for _column, name in self.used)

    def answers(self, cells: Mapping[str, str]) -> dict[str, str]:
        """A row's cells by field; a column missing from the row (JSONL) gives nothing."""
        return {name: cells[column] for column, name in self.used if column in cells}


def plan_columns(
    columns: Sequence[str],
    mapping: Mapping[str, str],
    fields: Collection[str],
    special: Collection[str] = (),
) -> ColumnPlan:
    """Which of ``columns`` give which of ``fields``; ``special`` ones (--lang-column) are not
    reported as ignored."""
    used: list[tuple[str, str]] = []
    ignored: list[str] = []
    mapped = set(mapping.values())
    for column in columns:
        target = mapping.get(column, column)
        if target in fields and not (column not in mapping and target in mapped):
            used.append((column, target))
        elif column not in special:
            ignored.append(column)
    return ColumnPlan(tuple(used), tuple(ignored))
