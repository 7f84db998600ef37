"""Where playbooks and templates are found: user folders first, then the built-ins.

Search order for a playbook id or a template: ``--playbooks DIR``, then
``$REPLYKIT_HOME``, then the user config folder (``platformdirs``), then the
playbooks and templates shipped with replykit. A user folder holds playbooks
as ``*.yaml`` (directly or under ``playbooks/``) and templates under
``templates/``, laid out like the built-ins.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_path

from replykit.errors import PlaybookError
from replykit.playbook.model import Playbook
from replykit.playbook.parse import load_playbook

ENV_HOME = "REPLYKIT_HOME"
#: Files in a user folder that are not playbooks: the sender profile (replykit.profile).
NOT_PLAYBOOKS = frozenset({"profile.yaml"})


def builtin_root() -> Path:
    """The folder holding the built-in ``playbooks/`` and ``templates/``."""
    package = Path(__file__).resolve().parents[1]  # src/replykit
    packaged = package / "builtin"
    if packaged.is_dir():  # an installed wheel
        return packaged
    return package.parents[1]  # a source checkout or editable install


def user_config_dir() -> Path:
    """The per-user replykit folder (e.g. ``~/.config/replykit`` on Linux)."""
    return user_config_path("replykit", appauthor=False)


@dataclass(frozen=True)
class SearchPath:
    """The ordered folders searched for playbooks and templates."""

    user_dirs: tuple[Path, ...]
    builtin: Path

    @classmethod
    def default(cls, playbooks_dir: Path | None = None) -> SearchPath:
        """``--playbooks DIR`` > ``$REPLYKIT_HOME`` > the user config folder > built-ins."""
        dirs: list[Path] = []
        if playbooks_dir is not None:
            if not playbooks_dir.is_dir():
                raise PlaybookError(
                    f"--playbooks {playbooks_dir}: no such folder",
                    hint="Pass a folder that holds *.yaml playbooks and a templates/ folder.",
                )
            dirs.append(playbooks_dir)
        home = os.environ.get(ENV_HOME)
        if home:
            dirs.append(Path(home))
        dirs.append(user_config_dir())
        return cls(tuple(d for d in dirs if d.is_dir()), builtin_root())

    def playbook_dirs(self) -> list[Path]:
        """Folders that may hold playbook YAML files, highest priority first."""
        found: list[Path] = []
        for root in self.user_dirs:
            nested = root / "playbooks"
            found.append(nested if nested.is_dir() else root)
        found.append(self.builtin / "playbooks")
        return found

    def template_dirs(self) -> list[Path]:
        """User template folders, highest priority first (built-ins excluded)."""
        return [root / "templates" for root in self.user_dirs if (root / "templates").is_dir()]

    @property
    def builtin_templates(self) -> Path:
        """The built-in templates folder."""
        return self.builtin / "templates"

    def find_playbook_file(self, playbook_id: str) -> Path:
        """The file defining ``playbook_id``; a user file overrides a built-in."""
        for folder in self.playbook_dirs():
            for suffix in (".yaml", ".yml"):
                candidate = folder / f"{playbook_id}{suffix}"
                if candidate.is_file():
                    return candidate
        known = ", ".join(self.available_ids()) or "none"
        raise PlaybookError(
            f"unknown playbook '{playbook_id}'",
            hint=f"Known playbooks: {known}. `replykit list` shows them with their titles.",
        )

    def available_ids(self) -> list[str]:
        """Every playbook id found, sorted, without duplicates."""
        ids: set[str] = set()
        for folder in self.playbook_dirs():
            if folder.is_dir():
                ids.update(
                    p.stem
                    for p in folder.iterdir()
                    if p.suffix in (".yaml", ".yml") and p.name not in NOT_PLAYBOOKS
                )
        return sorted(ids)

    def load(self, playbook_id: str) -> Playbook:
        """Find and load the playbook ``playbook_id``."""
        return load_playbook(self.find_playbook_file(playbook_id))
