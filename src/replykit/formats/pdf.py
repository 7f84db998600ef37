"""The letter as PDF: the docx, converted by LibreOffice when it is installed.

replykit draws no PDF itself: the docx (built-in template or ``--docx-template``) is what the
office signs, and LibreOffice turns it into the same page as PDF. Without LibreOffice the
format fails with an error that names what to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from replykit.errors import OutputError
from replykit.letter import Letter

CONVERTERS = ("soffice", "libreoffice")
TIMEOUT_SECONDS = 180
INSTALL_HINT = (
    "install LibreOffice: apt-get install libreoffice-writer (Debian, Ubuntu), "
    "dnf install libreoffice-writer (Fedora), brew install --cask libreoffice (macOS); "
    "or write -o reply.docx and print that"
)


def find_converter() -> str | None:
    """The LibreOffice program on PATH (``soffice`` or ``libreoffice``), or None."""
    for name in CONVERTERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_converter() -> str:
    """The LibreOffice program, or an OutputError saying what to install."""
    found = find_converter()
    if found is None:
        raise OutputError(
            "PDF needs LibreOffice, and neither soffice nor libreoffice is on PATH",
            hint=INSTALL_HINT,
        )
    return found


def docx_to_pdf(docx: bytes, converter: str | None = None) -> bytes:
    """Convert .docx bytes to PDF bytes with ``soffice --headless --convert-to pdf``."""
    program = converter or require_converter()
    with tempfile.TemporaryDirectory(prefix="replykit-pdf-") as folder:
        work = Path(folder)
        source = work / "letter.docx"
        source.write_bytes(docx)
        # A private LibreOffice profile: with a LibreOffice already running, or a profile
        # folder it cannot write, soffice would otherwise convert nothing and say nothing.
        profile = (work / "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired as err:
            raise OutputError(
                f"LibreOffice took longer than {TIMEOUT_SECONDS} s to make the PDF; stopped",
                hint="Write -o reply.docx and convert it by hand.",
            ) from err
        except OSError as err:
            raise OutputError(f"cannot run {program}: {err.strerror or err}") from err
        target = work / "letter.pdf"
        if done.returncode != 0 or not target.is_file():
            said = " ".join((done.stderr or done.stdout or "").split())[-300:]
            raise OutputError(
                f"LibreOffice could not convert the letter to PDF (exit {done.returncode})"
                + (f": {said}" if said else ""),
                hint="Write -o reply.docx and convert it by hand.",
            )
        return target.read_bytes()


def to_pdf(letter: Letter, *, docx_template: Path | None = None, **_: Any) -> bytes:
    """The letter as PDF bytes, through the docx writer and LibreOffice."""
    from replykit.formats.docx import render_docx

    converter = require_converter()
    return docx_to_pdf(render_docx(letter, docx_template), converter)
