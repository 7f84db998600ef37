"""Letters to files: -o - to stdout, no overwrite without --force, --mkdir, --save-answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from docx import Document

from replykit.lang import template_filters
from replykit.lang.typography import NB_HYPHEN, NBSP

from .clihelp import Result, run
from .conftest import GOLDEN

CLAIM_RU = GOLDEN / "claim-reply" / "ru-letter-partial.yaml"
CLAIM_EN = GOLDEN / "claim-reply" / "en-letter-partial.yaml"
FLAGS = ("--no-input", "--no-check")


def draft(*args: str, case: Path = CLAIM_RU, lang: str = "ru", cwd: Path | None = None) -> Result:
    return run(
        "draft", case.parent.name, "--lang", lang, "-c", "letter", "--answers", str(case),
        *FLAGS, *args, cwd=cwd,
    )  # fmt: skip


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(texts)


# --- where the letter goes --------------------------------------------------------------


def test_dash_writes_the_letter_to_stdout_and_no_file(tmp_path: Path) -> None:
    result = draft("-o", "-", cwd=tmp_path)
    assert result.code == 0, result.output
    assert result.stdout == CLAIM_RU.with_suffix(".txt").read_text(encoding="utf-8")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_never_replaced_without_force(tmp_path: Path) -> None:
    out = tmp_path / "reply.docx"
    out.write_bytes(b"the signed original")
    refused = draft("-o", str(out))
    assert refused.code == 5
    assert refused.stderr == (
        f"Error: {out} already exists; it was left untouched\n"
        "Hint: Pass --force to replace it, or choose another file with -o.\n"
    )
    assert out.read_bytes() == b"the signed original"
    replaced = draft("-o", str(out), "--force")
    assert replaced.code == 0, replaced.output
    assert out.read_bytes().startswith(b"PK")


def test_a_missing_folder_is_an_error_unless_mkdir(tmp_path: Path) -> None:
    out = tmp_path / "2026" / "claims" / "reply.docx"
    refused = draft("-o", str(out), "--save-answers")
    assert refused.code == 5
    assert refused.stderr == (
        f"Error: folder {out.parent} does not exist; create it or pass --mkdir\n"
    )
    assert not (tmp_path / "2026").exists()
    made = draft("-o", str(out), "--save-answers", "--mkdir")
    assert made.code == 0, made.output
    assert made.stderr == f"Wrote {out}\nWrote {out.parent / 'reply.answers.yml'}\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["reply.answers.yml", "reply.docx"]


# --- --save-answers ---------------------------------------------------------------------


def test_save_answers_needs_an_output_file() -> None:
    result = draft("--save-answers")
    assert result.code == 2
    assert result.stderr == (
        "Error: --save-answers needs -o FILE: the answers are saved beside the letter\n"
        "Hint: For example, -o reply.docx --save-answers also writes reply.answers.yml.\n"
    )


@pytest.mark.parametrize(
    ("existing", "message"),
    [
        (["reply.answers.yml"], "Error: reply.answers.yml already exists; it was left untouched\n"),
        (
            ["reply.txt", "reply.answers.yml"],
            "Error: reply.txt and reply.answers.yml already exist; both were left untouched\n",
        ),
    ],
    ids=["answers-file", "both"],
)
def test_both_files_are_checked_before_either_is_written(
    tmp_path: Path, existing: list[str], message: str
) -> None:
    for name in existing:
        (tmp_path / name).write_text("keep me\n", encoding="utf-8")
    result = draft("-o", "reply.txt", "--save-answers", cwd=tmp_path)
    assert result.code == 5
    assert result.stderr.startswith(message)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(existing)
    assert all((tmp_path / n).read_text(encoding="utf-8") == "keep me\n" for n in existing)
    forced = draft("-o", "reply.txt", "--save-answers", "--force", cwd=tmp_path)
    assert forced.code == 0, forced.output
    assert (tmp_path / "reply.answers.yml").read_text(encoding="utf-8").startswith("# The answers")


def test_the_saved_answers_are_readable_yaml(tmp_path: Path) -> None:
    result = draft("-o", "reply.docx", "--save-answers", cwd=tmp_path)
    assert result.code == 0, result.output
    text = (tmp_path / "reply.answers.yml").read_text(encoding="utf-8")
    assert text.startswith(
        "# The answers behind reply.docx: replykit draft claim-reply --lang ru --channel letter\n"
        "# Correct one and re-render: --answers reply.answers.yml -o reply.docx --force\n"
        "mode: partial\nsender_org: ООО «Лампа»\n"
    )
    assert "letter_date: '2026-11-22'\n" in text  # dates as ISO text
    assert "claimed_amount: '125000.50'\n" in text  # money as text, no float rounding
    assert "\\u" not in text  # Cyrillic as is
    saved = yaml.safe_load(text)
    assert saved["points"][0]["decision"] == "accepted"
    assert saved["attachments"][0] == {
        "title": "копия акта о повреждении груза от 12.11.2026 № 3",
        "sheets": 2,
        "copies": 1,
    }


@pytest.mark.parametrize(("case", "lang"), [(CLAIM_RU, "ru"), (CLAIM_EN, "en")], ids=["ru", "en"])
@pytest.mark.parametrize("ext", ["txt", "docx"])
def test_re_rendering_from_the_saved_answers_gives_the_same_letter(
    tmp_path: Path, case: Path, lang: str, ext: str
) -> None:
    first = draft("-o", f"first.{ext}", "--save-answers", case=case, lang=lang, cwd=tmp_path)
    assert first.code == 0, first.output
    again = run(
        "draft", "claim-reply", "--lang", lang, "-c", "letter",
        "--answers", "first.answers.yml", "-o", f"again.{ext}", *FLAGS, cwd=tmp_path,
    )  # fmt: skip
    assert again.code == 0, again.output
    one, two = tmp_path / f"first.{ext}", tmp_path / f"again.{ext}"
    assert one.read_bytes() == two.read_bytes()
    if ext == "docx":
        assert docx_text(one) == docx_text(two)


def test_saved_answers_carry_the_profile_so_a_re_render_needs_no_profile(
    tmp_path: Path, isolated_user_folders: Path
) -> None:
    answers = yaml.safe_load(CLAIM_RU.read_text(encoding="utf-8"))
    profile = {k: answers.pop(k) for k in ("sender_org", "signer_name", "signer_position")}
    profile_file = tmp_path / "legal.yaml"
    profile_file.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    partial = tmp_path / "partial.yaml"
    partial.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    first = run(
        "draft", "claim-reply", "-c", "letter", "--answers", str(partial), "--profile",
        str(profile_file), "-o", "first.txt", "--save-answers", *FLAGS, cwd=tmp_path,
    )  # fmt: skip
    assert first.code == 0, first.output
    again = run(
        "draft", "claim-reply", "-c", "letter", "--answers", "first.answers.yml", "-o", "-",
        *FLAGS, cwd=tmp_path,
    )  # fmt: skip
    assert again.code == 0, again.output
    assert again.stdout == (tmp_path / "first.txt").read_text(encoding="utf-8")
    assert again.stdout == CLAIM_RU.with_suffix(".txt").read_text(encoding="utf-8")


def test_json_names_both_files(tmp_path: Path) -> None:
    result = draft("-o", "reply.html", "--save-answers", "--json", cwd=tmp_path)
    assert result.code == 0, result.output
    data = json.loads(result.stdout)
    assert data["output"] == {
        "path": "reply.html",
        "format": "html",
        "answers": "reply.answers.yml",
    }


# --- the letter layout ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "lang", "signed"),
    [
        ("Соколова Мария Александровна", "ru", "М. А. Соколова"),
        ("Гусь Павел Андреевич", "ru", "П. А. Гусь"),
        ("Соколова М. А.", "ru", "М. А. Соколова"),
        ("Мамедов Рашид Ибрагим оглы", "ru", "Р. И. Мамедов"),
        ("Андрей Лебедев", "ru", "А. Лебедев"),
        ("Анна-Мария Петрова", "ru", "А.-М. Петрова"),
        ("Иван Петрович", "ru", "Иван Петрович"),  # no surname: as written
        ("Emma  Clarke", "en", "Emma Clarke"),
    ],
    ids=["fio", "short-surname", "initials-after", "turkic", "no-patronymic", "hyphen",
         "no-surname", "en"],
)  # fmt: skip
def test_initials_name_signs_with_initials_first(name: str, lang: str, signed: str) -> None:
    assert template_filters()["initials_name"](name, lang) == signed


@pytest.mark.parametrize(
    ("case", "lang", "expected"),
    [
        (
            GOLDEN / "complaint" / "ru-letter-us.yaml",
            "ru",
            ["ООО «Теплосервис»", "Исх. № 412/С от 20.11.2026", "На обращение от 16.11.2026",
             "Мамедову Р. И.", "Ответ на обращение от 16.11.2026 № 118/2026",
             "Директор по сервису", "А. Лебедев", "Исп. Кузнецов С. В., +7 846 300-20-11"],
        ),
        (
            GOLDEN / "complaint" / "en-letter-staff.yaml",
            "en",
            ["Hillside Care Homes", "Our ref: HCH/2026/188", "20 November 2026",
             "Margaret Hughes", "Your complaint HC-2026-31 about your mother's stay at "
             "Hillside House", "Yours sincerely,", "Robert Evans", "Director of Care"],
        ),
    ],
    ids=["ru", "en"],
)  # fmt: skip
def test_a_complaint_letter_is_a_formal_letter_in_docx(
    tmp_path: Path, case: Path, lang: str, expected: list[str]
) -> None:
    out = tmp_path / "reply.docx"
    result = draft("-o", str(out), case=case, lang=lang)
    assert result.code == 0, result.output
    # The docx is typeset; the expectations are written with plain spaces and hyphens.
    text = docx_text(out).replace(NBSP, " ").replace(NB_HYPHEN, "-").replace("\t", " ")
    for line in expected:
        assert line in text, line
