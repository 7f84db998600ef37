"""Pictures of real letters, page by page, to look at before calling a layout done.

    python scripts/pictures.py [FOLDER]      (default: ./pictures, which git ignores)

For a long Russian claim reply, a debt reply with a payment schedule and an English letter it
writes the docx, its PDF (LibreOffice) and a PNG of every page (pdftoppm); the HTML printed
to PDF by headless Chromium and a PNG of every printed page; and a phone-width screenshot of
the HTML and of an e-mail as HTML. It prints the page count of the docx and of the HTML for
each letter (they should be equal). A tool that is not installed is skipped with a note.
The pictures are not committed: they are for a person's eyes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
#: (name, playbook, language, channel, answers) of each letter drawn.
LETTERS = (
    ("claim-ru", "claim-reply", "ru", "letter", GOLDEN / "claim-reply" / "ru-letter-partial.yaml"),
    ("debt-ru", "debt-reply", "ru", "letter", GOLDEN / "debt-reply" / "ru-letter-partial.yaml"),
    ("claim-en", "claim-reply", "en", "letter", GOLDEN / "claim-reply" / "en-letter-partial.yaml"),
)
EMAIL = ("email-ru", "complaint", "ru", "email", GOLDEN / "complaint" / "ru-email-staff.yaml")
PHONE_WIDTH = 390  # CSS pixels, a common phone


def _run(command: list[str]) -> bool:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"  failed: {' '.join(command[:3])}…: {(done.stderr or done.stdout).strip()[-300:]}")
    return done.returncode == 0


def _draft(letter: tuple[str, str, str, str, Path], out: Path) -> bool:
    _name, playbook, lang, channel, answers = letter
    return _run(
        [
            sys.executable, "-m", "replykit", "draft", playbook, "--lang", lang,
            "--channel", channel, "--answers", str(answers), "--no-input", "--no-check",
            "--force", "-o", str(out),
        ]
    )  # fmt: skip


def _pages(pdf: Path) -> int:
    done = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def _png(pdf: Path, prefix: Path) -> None:
    _run(["pdftoppm", "-png", "-r", "60", str(pdf), str(prefix)])


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _browser(program: str, *args: str) -> list[str]:
    # --no-sandbox: root (as in a CI container) cannot start Chromium's sandbox.
    return [program, "--headless", "--no-sandbox", "--disable-gpu", *args]


def main(argv: list[str]) -> int:
    """Draw every letter into ``argv[0]`` (default ``./pictures``)."""
    folder = Path(argv[0] if argv else "pictures").resolve()
    folder.mkdir(parents=True, exist_ok=True)
    chromium = _chromium()
    poppler = shutil.which("pdftoppm") and shutil.which("pdfinfo")
    if not poppler:
        print("poppler-utils (pdftoppm, pdfinfo) is not installed: no page pictures")
    if chromium is None:
        print("Chromium is not installed: no HTML pictures (apt-get install chromium)")
    for letter in (*LETTERS, EMAIL):
        name = letter[0]
        html = folder / f"{name}.html"
        if not _draft(letter, html):
            continue
        counts = []
        if letter is not EMAIL and _draft(letter, folder / f"{name}.pdf") and poppler:
            _png(folder / f"{name}.pdf", folder / f"{name}-docx-page")
            counts.append(f"docx {_pages(folder / f'{name}.pdf')} pages")
        if chromium is not None:
            printed = folder / f"{name}-html.pdf"
            printing = _browser(
                chromium, "--no-pdf-header-footer", f"--print-to-pdf={printed}", html.as_uri()
            )
            if letter is not EMAIL and _run(printing) and poppler:
                _png(printed, folder / f"{name}-html-page")
                counts.append(f"html {_pages(printed)} pages")
            _run(
                _browser(chromium, f"--window-size={PHONE_WIDTH},2400",
                         f"--screenshot={folder / f'{name}-phone.png'}", html.as_uri())
            )  # fmt: skip
        print(f"{name}: {', '.join(counts) or 'drafted'}")
    print(f"pictures in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
