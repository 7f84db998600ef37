"""The wheel ships the built-in playbooks and templates and drafts from a clean environment."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import GOLDEN, REPO

pytest.importorskip("build")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # Subprocesses here: the test is about the built wheel installed in a clean venv.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("replykit-*.whl")
    return found


def test_wheel_holds_playbooks_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "replykit/builtin/playbooks/complaint.yaml" in names
    assert "replykit/builtin/playbooks/shared/formal-letter.yaml" in names
    assert "replykit/builtin/templates/complaint/ru.j2" in names
    assert "replykit/builtin/templates/layouts/email.j2" in names


def test_wheel_installed_in_a_clean_venv_drafts_a_letter(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.check_output(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )
    # The wheel goes in as a real install; its dependencies are borrowed from the test
    # environment by path (a .pth entry adds the folder, not the editable replykit inside it).
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    (site / "borrowed-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    case = GOLDEN / "complaint" / "en-email-us.yaml"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = subprocess.run(
        [str(python), "-c", "import replykit.playbook.search as l; print(l.builtin_root())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.strip().startswith(str(site)), where.stdout
    result = subprocess.run(
        [
            str(python),
            "-m",
            "replykit",
            "draft",
            "complaint",
            "--lang",
            "en",
            "--answers",
            str(case),
            "--no-input",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == case.with_suffix(".txt").read_text(encoding="utf-8")
