"""``include:``: fields several playbooks share, kept in one file."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from replykit.cli import app
from replykit.errors import PlaybookError
from replykit.playbook import load_playbook
from replykit.playbook.search import SearchPath

from .conftest import REPO

runner = CliRunner()

PLAYBOOK = """\
id: demo
title: Demo
languages: [en]
channels: [email]
include: [{include}]
fields:
  - name: topic
    prompt: Topic
{names}
steps: [main]
"""
SHARED = """\
fields:
  - name: signer_name
    type: person
    prompt: Who signs
  - name: signer_position
    required: false
    when: signer_name
    prompt: Their position
"""


def _folder(tmp_path: Path, shared: str = SHARED, include: str = "shared/signer.yaml",
            names: tuple[str, ...] = ("signer_name", "signer_position")) -> Path:  # fmt: skip
    (tmp_path / "shared").mkdir(exist_ok=True)
    (tmp_path / "shared" / "signer.yaml").write_text(shared, encoding="utf-8")
    text = PLAYBOOK.format(include=include, names="\n".join(f"  - {n}" for n in names))
    (tmp_path / "demo.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "demo.yaml"


def test_included_fields_take_the_place_their_names_have(tmp_path: Path) -> None:
    playbook = load_playbook(_folder(tmp_path, names=("signer_position", "signer_name")[::-1]))
    assert playbook.field_names == ("topic", "signer_name", "signer_position")
    assert playbook.fields[1].type == "person"


def test_the_built_in_formal_letters_share_their_requisites() -> None:
    search = SearchPath.default()
    claim, debt = search.load("claim-reply"), search.load("debt-reply")
    shared = {f.name for f in claim.fields if f.source} & {f.name for f in debt.fields if f.source}
    assert len(shared) == 18
    assert "shared" not in search.available_ids() and "formal-letter" not in search.available_ids()


@pytest.mark.parametrize(
    ("shared", "include", "names", "message"),
    [
        (SHARED, "shared/signer.yaml", ("signer_nme",),
         "demo.yaml:6: field 'signer_nme' is not defined in an included file "
         "(did you mean 'signer_name'?)"),
        (SHARED, "../elsewhere.yaml", (), "demo.yaml:5: include '../elsewhere.yaml': not inside"),
        (SHARED, "shared/none.yaml", (), "demo.yaml:5: include 'shared/none.yaml': cannot read it"),
        ("include: [../demo.yaml]\nfields: []\n", "shared/signer.yaml", (),
         "signer.yaml:1: include '../demo.yaml': includes itself (a cycle)"),
        ("include: [signer.yaml]\nfields: []\n", "shared/signer.yaml", (),
         "signer.yaml:1: include 'signer.yaml': includes itself (a cycle)"),
        (SHARED.replace("type: person", "type: persn"), "shared/signer.yaml", ("signer_name",),
         "signer.yaml:3: field 'signer_name': unknown type 'persn' (did you mean 'person'?)"),
        (SHARED.replace("when: signer_name", "when: nobody"), "shared/signer.yaml",
         ("signer_position",),
         "signer.yaml:7: field 'signer_position': when names 'nobody', which is not a field"),
        ("fields:\n  - name: a\n    prompt: A\n  a: 1\n", "shared/signer.yaml", (),
         "signer.yaml:4:3: malformed YAML"),
    ],
    ids=["unknown-name", "outside", "missing", "cycle", "self", "bad-field", "bad-when", "yaml"],
)  # fmt: skip
def test_a_bad_include_is_a_playbook_error_with_file_and_line(
    tmp_path: Path, shared: str, include: str, names: tuple[str, ...], message: str
) -> None:
    path = _folder(tmp_path, shared, include, names)
    with pytest.raises(PlaybookError) as caught:
        load_playbook(path)
    assert message in caught.value.message, caught.value.message


def test_a_user_playbook_can_include_and_drafts(tmp_path: Path) -> None:
    _folder(tmp_path)
    templates = tmp_path / "templates" / "demo"
    templates.mkdir(parents=True)
    (templates / "en.j2").write_text(
        "{% extends layout %}{% block main %}{{ topic }}, {{ signer_name }}{% endblock %}",
        encoding="utf-8",
    )
    args = ["draft", "demo", "--lang", "en", "--no-input", "--playbooks", str(tmp_path)]
    result = runner.invoke(app, [*args, "--set", "topic=Order", "--set", "signer_name=Anna Smith"])
    assert result.exit_code == 0, result.output
    assert "Order, Anna Smith" in result.stdout
    listed = runner.invoke(app, ["list", "--playbooks", str(tmp_path)])
    assert "signer" not in listed.stdout
    checked = runner.invoke(app, ["validate", str(tmp_path)])
    assert checked.exit_code == 0, checked.output


def test_the_shared_file_is_in_the_repository_where_the_wheel_takes_playbooks() -> None:
    assert (REPO / "playbooks" / "shared" / "formal-letter.yaml").is_file()
