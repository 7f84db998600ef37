"""Output names: transliterated, one safe component, inside the folder, unique within a run."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replykit.batch.naming import OutputNamer, safe_filename, slugify, transliterate
from replykit.errors import OutputError

SAFE = re.compile(r"[a-z0-9_][a-z0-9._-]*")
RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(10)}


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("0007 Смирнова Анна", "0007-smirnova-anna"),
        ("0007-Smirnova-Anna.txt", "0007-smirnova-anna.txt"),
        ("Ёжиков Пётр Щукин", "ezhikov-petr-shchukin"),
        ("Юлия Хабибуллина-Цой", "yuliya-khabibullina-tsoy"),
        ("Объявление Подъезд Мальчик", "obyavlenie-podezd-malchik"),
        ("Їжак Єва Ґанок", "yizhak-yeva-ganok"),
        ("Zoë Brontë-Ćirić", "zoe-bronte-ciric"),
        ("../../etc/passwd", "etc-passwd"),
        ("..\\..\\Windows\\system32", "windows-system32"),
        ("/absolute/path", "absolute-path"),
        ("..", "letter"),
        ("...hidden", "hidden"),
        (".env", "env"),
        ("a..b....c", "a.b.c"),
        ("name. . .", "name"),
        ("trailing dot.", "trailing-dot"),
        ('a<b>c:d"e|f?g*h', "a-b-c-d-e-f-g-h"),
        ("tab\there\nnew\x00nul\x1fus", "tab-here-new-nul-us"),
        ("", "letter"),
        ("   ", "letter"),
        ("日本語", "letter"),
        ("🙂", "letter"),
        ("CON", "_con"),
        ("con.txt", "_con.txt"),
        ("Aux.tar.gz", "_aux.tar.gz"),
        ("LPT9", "_lpt9"),
        ("COM¹", "_com1"),
        ("nul .txt", "_nul.txt"),
        ("console", "console"),
        ("com10", "com10"),
        ("Жанна_д'Арк", "zhanna_d-ark"),
    ],
    ids=lambda value: repr(value)[:30],
)
def test_safe_filename(stem: str, expected: str) -> None:
    assert safe_filename(stem) == expected


@pytest.mark.parametrize(
    ("stem", "max_bytes", "expected"),
    [
        ("x" * 300, 120, "x" * 120),
        ("ab-" * 10, 10, "ab-ab-ab-a"),
        ("ab-cd-ef", 9, "ab-cd-ef"),
        ("abcd.", 9, "abcd"),
        ("a" * 8 + "-" + "b", 9, "aaaaaaaa"),
        ("con." + "x" * 20, 9, "_con.xxxx"),
        ("Щ" * 50, 9, "shchshchs"),
    ],
    ids=["long", "cut-mid-word", "fits", "trailing-dot", "cut-at-dash", "reserved-cut", "cyrillic"],
)
def test_safe_filename_length(stem: str, max_bytes: int, expected: str) -> None:
    assert safe_filename(stem, max_bytes=max_bytes) == expected


def test_max_bytes_has_a_floor() -> None:
    with pytest.raises(ValueError):
        safe_filename("x", max_bytes=3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Смирнова Анна", "smirnova-anna"),
        ("  Иван  Петрович!! ", "ivan-petrovich"),
        ("order #42/2026", "order-42-2026"),
        ("...", ""),
        ("con.txt", "con-txt"),
    ],
    ids=["name", "punctuation", "symbols", "nothing-left", "dots-become-dashes"],
)
def test_slugify(text: str, expected: str) -> None:
    assert slugify(text) == expected


def test_transliterate_keeps_ascii() -> None:
    assert transliterate("Hello, Мир!") == "hello, mir!"


# --- OutputNamer ---------------------------------------------------------------------------------


def test_claims_are_unique_with_suffixes(tmp_path: Path) -> None:
    namer = OutputNamer(tmp_path, "txt")
    names = [
        namer.claim(stem).name
        for stem in ["Анна", "анна", "ANNA", "anna.txt", "anna-2", "Anna", "", "", "con"]
    ]
    assert names == [
        "anna.txt",
        "anna-2.txt",
        "anna-3.txt",
        "anna-4.txt",
        "anna-2-2.txt",
        "anna-5.txt",
        "letter.txt",
        "letter-2.txt",
        "_con.txt",
    ]


@pytest.mark.parametrize(
    ("ext", "expected"),
    [("txt", "a.txt"), (".DOCX", "a.docx"), ("", "a")],
    ids=["bare", "dotted-upper", "none"],
)
def test_extensions(ext: str, expected: str, tmp_path: Path) -> None:
    assert OutputNamer(tmp_path, ext).claim("a").name == expected


@pytest.mark.parametrize("ext", ["../x", "t/xt", ".tx t", "." + "x" * 20], ids=str)
def test_bad_extensions(ext: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        OutputNamer(tmp_path, ext)


def test_long_names_leave_room_for_suffix_and_extension(tmp_path: Path) -> None:
    namer = OutputNamer(tmp_path, "html")
    first, second = namer.claim("я" * 500), namer.claim("я" * 500)
    assert len(first.name.encode()) <= 120
    assert len(second.name.encode()) <= 120
    assert second.name.endswith("-2.html")


def test_paths_land_in_the_resolved_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    path = OutputNamer(Path("out/../out"), "txt").claim("../../etc/passwd")
    assert path == (tmp_path / "out" / "etc-passwd.txt").resolve()


def test_a_symlink_leading_out_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(tmp_path / "elsewhere.txt", out / "anna.txt")
    namer = OutputNamer(out, "txt")
    with pytest.raises(OutputError) as info:
        namer.claim("Анна")
    assert info.value.message == (
        f"{out.resolve() / 'anna.txt'} leads outside {out}; refusing to write there"
    )
    os.symlink(out / "inside.txt", out / "boris.txt")
    assert namer.claim("Борис") == out.resolve() / "boris.txt"


# --- properties ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("names")


@settings(max_examples=300, deadline=None)
@given(stem=st.text(max_size=300), max_bytes=st.integers(min_value=8, max_value=255))
def test_any_text_gives_one_safe_name_inside(stem: str, max_bytes: int, folder: Path) -> None:
    name = safe_filename(stem, max_bytes=max_bytes)
    assert SAFE.fullmatch(name), name
    assert 0 < len(name.encode("utf-8")) <= max_bytes
    assert ".." not in name and not name.endswith((".", " "))
    assert name.split(".")[0] not in RESERVED
    assert (folder / name).resolve().parent == folder.resolve()
    assert Path(name).name == name


@settings(max_examples=100, deadline=None)
@given(stems=st.lists(st.text(max_size=20), max_size=30))
def test_claims_never_collide(stems: list[str], folder: Path) -> None:
    namer = OutputNamer(folder, "txt")
    paths = [namer.claim(stem) for stem in stems]
    assert len({p.name.casefold() for p in paths}) == len(paths)
    assert all(p.parent == folder.resolve() for p in paths)
