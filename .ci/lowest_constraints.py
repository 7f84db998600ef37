"""Print pip constraints that pin every direct dependency to the lower bound pyproject.toml gives.

`.ci/run` installs replykit with these constraints in a second environment and runs the suite
again, so each `>=` bound is a version the suite has passed with, not a guess. Dependencies of
dependencies stay free (the newest), as with uv's ``--resolution lowest-direct``.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;]*)")
_LOWER = re.compile(r">=\s*([^,\s]+)")


def lower_bounds(pyproject: Path) -> list[str]:
    """``name==version`` for each runtime and test dependency with a ``>=`` bound."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    pins = []
    for requirement in requirements:
        found = _REQUIREMENT.match(requirement)
        if found is None:
            sys.exit(f"cannot read the requirement {requirement!r} in {pyproject}")
        name, spec = found.groups()
        lower = _LOWER.search(spec)
        if lower is not None:  # unbounded ones (type stubs) float to the newest
            pins.append(f"{name}=={lower.group(1)}")
    return pins


if __name__ == "__main__":
    print("\n".join(lower_bounds(Path(__file__).resolve().parent.parent / "pyproject.toml")))
