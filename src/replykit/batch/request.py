"""What ``replykit batch`` was asked to do, as one value, and the checks of its options alone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from replykit.batch.input import DEFAULT_MAX_FIELD_BYTES
from replykit.errors import Problem, UsageError

__all__ = ["ON_ERROR", "BatchRequest"]

ON_ERROR = ("skip", "stop")


@dataclass(frozen=True)
class BatchRequest:
    """Everything ``replykit batch`` was asked to do, as one value."""

    playbook: str
    source: str
    mappings: tuple[str, ...] = ()
    assignments: tuple[str, ...] = ()
    lang: str | None = None  # a language or locale; None: the profile's locale, else ru
    channel: str | None = None
    lang_column: str | None = None
    channel_column: str | None = None
    out_dir: Path | None = None
    name_pattern: str | None = None
    fmt: str | None = None
    jsonl: bool = False
    on_error: str = "skip"
    dry_run: bool = False
    skip_existing: bool = False
    force: bool = False
    limit: int | None = None
    jobs: int = 1
    encoding: str = "auto"
    delimiter: str = "auto"
    input_format: str = "auto"
    max_field_bytes: int = DEFAULT_MAX_FIELD_BYTES
    profile: Path | None = None  # the sender profile; None: the one in the config folder
    playbooks_dir: Path | None = None
    max_chars: int | None = None  # fit every letter in this many characters
    today: date | None = None  # the day the replies are written; None: the clock

    def check(self) -> None:
        """Raise UsageError listing every contradictory or out-of-range option."""
        found: list[str] = []
        if self.jsonl:
            if self.out_dir is not None:
                found.append("--jsonl prints the letters on stdout; drop --out-dir")
            for flag, given in (
                ("--name", self.name_pattern is not None),
                ("--format", self.fmt is not None),
                ("--skip-existing", self.skip_existing),
                ("--force", self.force),
            ):
                if given:
                    found.append(f"{flag} is for files; --jsonl prints the letters on stdout")
        elif self.out_dir is None:
            found.append("say where the letters go: --out-dir DIR, or --jsonl for stdout")
        if self.skip_existing and self.force:
            found.append("--skip-existing keeps existing files and --force replaces them; pick one")
        if self.on_error not in ON_ERROR:
            found.append(f"--on-error {self.on_error!r}: use skip or stop")
        if self.limit is not None and self.limit < 1:
            found.append(f"--limit must be at least 1, not {self.limit}")
        if self.jobs < 1:
            found.append(f"--jobs must be at least 1, not {self.jobs}")
        if self.max_chars is not None and self.max_chars < 1:
            found.append(f"--max-chars must be at least 1, not {self.max_chars}")
        if found:
            raise UsageError(
                "; ".join(found),
                hint="See `replykit batch --help`.",
                problems=[Problem(message) for message in found],
            )
