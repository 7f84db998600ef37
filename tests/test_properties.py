"""Property tests: whatever strangers hand replykit, it answers with a value or a clear error.

Hypothesis draws the inputs; CI runs ``HYPOTHESIS_PROFILE=ci`` (see conftest). Each
property names the only outcomes allowed: a typed value, or the error class whose exit
code the README documents. Anything else (a traceback) fails the test.
"""

from __future__ import annotations

import io
import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replykit.batch.input import Row, read_rows
from replykit.batch.naming import OutputNamer, safe_filename
from replykit.conditions import compile_condition
from replykit.errors import BatchInputError, PlaybookError
from replykit.playbook import FIELD_TYPES, Choice, Field, Playbook, parse_playbook
from replykit.playbook.values import FieldValueError, parse_value

from .clihelp import run
from .conftest import REPO

PLAYBOOKS = sorted((REPO / "playbooks").glob("*.yaml"))
# The loader replykit itself uses: libyaml reads "{ru: Кто?, en: Who?}", PyYAML's pure one not.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- the playbook loader --------------------------------------------------------------------

_YAML_PIECES = [
    "id: x\n", "languages: [en]\n", "channels: [email]\n", "steps: [a]\n", "fields:\n",
    "  - name: n\n", "    type: int\n", "    min: abc\n", "    default: many\n", "    when: ",
    "''.__class__\n", "n == 1\n", "{{\n", "  - {name: m, type: choice, choices: {1: x}}\n",
    "&a [x, x]\n", "*a\n", "!!python/object:os.system\n", "!!binary aGk=\n", "2026-13-45\n",
    "? [a]\n: b\n", "<<: {id: y}\n", "- \n", "\t", ": ", "'", '"', "[", "{", "}", "]", "#",
    "rules: {require: [a], avoid: {en: [1]}}\n", "version: [1]\n", "title: {xx: y}\n",
    "steps: [{id: [1], when: 3}]\n", "warnings: [{when: 1}]\n", "\x00", "\ufeff", "é\n",
]  # fmt: skip


def _loads_or_refuses(text: str) -> None:
    try:
        playbook = parse_playbook(text, source="fuzz.yaml")
    except PlaybookError as err:
        assert err.message.startswith("fuzz.yaml")
        assert err.exit_code == 4
        return
    assert isinstance(playbook, Playbook)


@SLOW
@given(
    st.one_of(
        st.text(max_size=300),
        st.lists(st.sampled_from(_YAML_PIECES), max_size=40).map("".join),
    )
)
def test_any_text_loads_or_is_a_playbook_error(text: str) -> None:
    _loads_or_refuses(text)


_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
    st.sampled_from(["''.__class__", "{{", "range(10**9)", "x" * 70, "choice", "list"]),
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path into ``data`` (mappings by key, lists by index)."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def _mutated_playbooks(draw: st.DrawFn) -> str:
    """A built-in playbook with keys deleted, renamed, retyped, shuffled or junk injected."""
    path = draw(st.sampled_from(PLAYBOOKS))
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        target = draw(st.sampled_from(paths))
        parent = data
        for key in target[:-1]:
            parent = parent[key]
        last = target[-1]
        action = draw(st.sampled_from(["delete", "rename", "retype", "shuffle", "inject"]))
        if action == "delete":
            del parent[last]
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = parent.pop(last)
        elif action == "retype":
            parent[last] = draw(_JUNK)
        elif action == "shuffle" and isinstance(parent[last], list):
            random.Random(draw(st.integers())).shuffle(parent[last])
        elif action == "inject" and isinstance(parent, dict):
            parent[draw(st.text(max_size=8))] = draw(_JUNK)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@SLOW
@given(_mutated_playbooks())
def test_a_mutated_builtin_playbook_loads_or_is_a_playbook_error(text: str) -> None:
    _loads_or_refuses(text)


@pytest.mark.parametrize("seed", [1, 2, 3], ids=lambda s: f"seed-{s}")
def test_mutated_playbooks_through_the_cli_exit_4(seed: int, tmp_path: Path) -> None:
    rnd = random.Random(seed)
    path = PLAYBOOKS[seed % len(PLAYBOOKS)]
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
    written = [f for f in data["fields"] if isinstance(f, dict)]  # not the included ones
    written[rnd.randrange(len(written))]["type"] = rnd.choice(["nubmer", 7, None])
    data[rnd.choice(["nmae", "stpes", "channel"])] = rnd.choice([[1], {"a": None}, "x"])
    del data[rnd.choice(["languages", "channels", "steps"])]
    target = tmp_path / path.name
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run("validate", str(target))
    assert result.code == 4, result.output
    assert result.stderr.startswith("Error: "), result.output
    assert "Traceback" not in result.stderr


# --- answers of every type ------------------------------------------------------------------

_CHOICES = (Choice("us", {"en": "We are", "ru": "Мы"}), Choice("staff", {"en": "Staff"}))
_ITEMS = (Field(name="what", type="text", prompt={}), Field(name="sum", type="money", prompt={}))


def _field(ftype: str, **extra: Any) -> Field:
    choices = _CHOICES if ftype in ("choice", "multichoice") else ()
    return Field(name="f", type=ftype, prompt={"en": "F"}, choices=choices, **extra)


_ANSWERS = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.decimals(allow_nan=False),
        st.dates(),
        st.text(),
        st.sampled_from(
            ["125 000,50", "22.11.2026", "2026-02-31", "да", "1", "+7 812 555", "a@b.c"]
        ),
        st.text(alphabet="0123456789 ,.-+₽$€()\u00a0", max_size=30),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=10,
)


@SLOW
@given(
    ftype=st.sampled_from(FIELD_TYPES),
    raw=_ANSWERS,
    bounds=st.sampled_from([{}, {"min": 1, "max": 5}, {"pattern": r"\d+"}]),
    records=st.booleans(),
)
def test_any_answer_is_typed_or_refused(
    ftype: str, raw: Any, bounds: dict[str, Any], records: bool
) -> None:
    extra = dict(bounds)
    if ftype == "list" and records:
        extra["item_fields"] = _ITEMS
    fld = _field(ftype, **extra)
    try:
        value = parse_value(fld, raw)
    except FieldValueError as err:
        assert err.en and err.ru
        return
    expected: dict[str, type | tuple[type, ...]] = {
        "bool": bool,
        "int": int,
        "money": Decimal,
        "multichoice": list,
        "list": list,
    }
    assert isinstance(value, expected.get(ftype, (str, object)))
    if ftype in ("choice",):
        assert value in fld.choice_values()
    json.dumps(value, default=str)  # a typed answer can always be reported


# --- when conditions: the sandbox answers True/False or a PlaybookError ---------------------

_ATOMS = [
    "fault", "amount", "'x'", "10**9", "9", "range(10**9)", "range(3)", "''.__class__",
    "cycler", "namespace()", "lipsum", "self", "none", "[1, 2]", "{'a': 1}", "'%0999999999d'",
    "fault.__init__", "(1 / 0)", "fault.upper()", "'{:>999999999}'.format", "amount.x",
]  # fmt: skip
_OPS = [" * ", " ** ", " + ", " % ", " == ", " and ", " or ", " in ", "|length", "|list", "("]


@SLOW
@given(st.lists(st.one_of(st.sampled_from(_ATOMS), st.sampled_from(_OPS)), min_size=1, max_size=7))
def test_any_condition_is_true_false_or_a_playbook_error(parts: list[str]) -> None:
    expression = "".join(parts)
    try:
        holds = compile_condition(expression)(fault="us", amount=Decimal("10"))
    except PlaybookError as err:  # RenderError is one
        assert err.exit_code == 4 and err.message
        return
    assert isinstance(holds, bool)


# --- the CSV reader ---------------------------------------------------------------------------


@st.composite
def _damaged_csv(draw: st.DrawFn) -> bytes:
    """A plausible CSV, then damaged: ragged rows, NUL bytes, a huge field, a codec."""
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    cells = st.text(alphabet="abcЖжё \"';,\t\n\r0123", max_size=10)
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=5), min_size=1, max_size=8))
    text = "\n".join(delimiter.join(row) for row in rows)
    damage = draw(st.sampled_from(["none", "nul", "huge", "cut", "mixed-newlines"]))
    if damage == "nul":
        at = draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:at] + "\x00" + text[at:]
    elif damage == "huge":
        text += "\n" + "x" * draw(st.integers(min_value=1, max_value=5000))
    elif damage == "cut":
        text = text[: draw(st.integers(min_value=0, max_value=len(text)))]
    elif damage == "mixed-newlines":
        text = text.replace("\n", draw(st.sampled_from(["\r", "\r\n", "\n\r"])))
    codec = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8-r", "latin-1"]))
    return text.encode(codec, errors="replace")


@SLOW
@given(
    data=_damaged_csv(),
    encoding=st.sampled_from(["auto", "utf-8", "cp1251", "koi8-r", "utf-16"]),
    delimiter=st.sampled_from(["auto", ",", ";", "tab"]),
    limit=st.sampled_from([16, 1_000_000]),
)
def test_a_damaged_csv_gives_rows_or_a_batch_input_error(
    data: bytes, encoding: str, delimiter: str, limit: int
) -> None:
    try:
        with read_rows(
            "-",
            stdin=io.BytesIO(data),
            fmt="csv",
            encoding=encoding,
            delimiter=delimiter,
            max_field_bytes=limit,
        ) as source:
            rows = list(source)
    except BatchInputError as err:
        assert err.message and err.exit_code == 3
        return
    assert all(isinstance(r, Row) and r.number >= 2 for r in rows)
    for row in rows:  # a cell over the limit is a problem on its row, never a crash
        if any(len(v.encode()) > limit for v in row.values.values()):
            assert row.problems


# --- file names from data -------------------------------------------------------------------

_HOSTILE_STEMS = st.one_of(
    st.text(max_size=200),
    st.lists(
        st.sampled_from(["..", "/", "\\", "\x00", "con", "NUL", ".", " ", "~", "$HOME", "é", "Ж"]),
        max_size=30,
    ).map("".join),
)


@SLOW
@given(
    stems=st.lists(_HOSTILE_STEMS, min_size=1, max_size=20), ext=st.sampled_from(["txt", "docx"])
)
def test_names_from_data_stay_one_safe_name_inside_the_folder(
    stems: list[str], ext: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("out")
    namer = OutputNamer(folder, ext)
    paths = [namer.claim(stem) for stem in stems]
    assert len({p.name.casefold() for p in paths}) == len(paths)
    for stem, path in zip(stems, paths, strict=True):
        assert path.parent == folder.resolve()
        assert path.name == Path(path.name).name and not path.name.startswith(".")
        assert safe_filename(stem) in path.name or path.name.startswith(("letter", "_"))
        path.write_text("x", encoding="utf-8")  # the name really is a file in that folder
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths)
