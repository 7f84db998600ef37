"""The options several ``replykit`` commands share, declared once, and the apps' settings."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from replykit.errors import UsageError

EPILOG = (
    "Exit codes: 0 done; 1 check found an error (check, or draft's own check); 2 usage; "
    "3 invalid or missing answers; 4 invalid playbook or template; 5 output refused "
    "(exists, unwritable); 6 batch finished with failed rows; 70 internal error; "
    "130 interrupted."
)

# Both apps: no completion, no rich tracebacks or markup (handles_errors reports errors), -h.
TYPER_SETTINGS: dict[str, Any] = {
    "no_args_is_help": True,
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}

# Options shared by several commands, declared once.
PlaybooksOpt = Annotated[
    Path | None,
    typer.Option(
        "--playbooks", help="A folder of your own playbooks and templates, searched first."
    ),
]
LangOpt = Annotated[
    str, typer.Option("--lang", "-l", help="Language or locale: ru, en (en-GB), en-GB or en-US.")
]
# draft and batch: no default here, so a profile's `locale:` can give one (else ru).
LetterLangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        "-l",
        help="Language or locale: ru, en (en-GB), en-GB or en-US "
        "(default: the --from message's, else the profile's locale, else ru).",
    ),
]
MaxCharsOpt = Annotated[
    int | None,
    typer.Option(
        "--max-chars",
        help="Fit the letter in N characters: shortest wording, then optional steps dropped.",
        metavar="N",
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="The day the reply is written, YYYY-MM-DD (default: today; a letter_date wins).",
        metavar="YYYY-MM-DD",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON on stdout (errors too).")]
SetOpt = Annotated[
    list[str] | None,
    typer.Option("--set", "-s", help="An answer: KEY=VALUE (repeatable; KEY+=VALUE appends)."),
]
ChannelOpt = Annotated[
    str | None, typer.Option("--channel", "-c", help="letter, email, public or chat.")
]
ProfileOpt = Annotated[
    Path | None,
    typer.Option(
        "--profile", help="The sender profile to use (default: profile.yaml in the config folder)."
    ),
]


def parse_day(value: str | None) -> date | None:
    """``--date YYYY-MM-DD`` as a date; UsageError (exit 2) for anything else."""
    if value is None:
        return None
    text = value.strip()
    if _ISO_DAY.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:  # 2026-02-30
            pass
    raise UsageError(
        f"--date {value}: not a date in the form YYYY-MM-DD",
        hint="For example --date 2026-11-20.",
    )


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
