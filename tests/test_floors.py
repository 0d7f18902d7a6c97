"""The oldest-versions CI run tests what pyproject.toml promises: every runtime dependency
pinned to its own `>=` floor in .ci/oldest.txt, nothing more and nothing less."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def _floors() -> dict[str, Version]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors = {}
    for line in project["dependencies"]:
        requirement = Requirement(line)
        lows = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        assert len(lows) == 1, f"{line}: a runtime dependency needs one `>=` floor"
        floors[canonicalize_name(requirement.name)] = Version(lows[0])
    return floors


def _pins() -> dict[str, Version]:
    pins = {}
    for line in (ROOT / ".ci" / "oldest.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement = Requirement(line)
        (spec,) = requirement.specifier
        assert spec.operator == "==", f"{line}: pin with =="
        pins[canonicalize_name(requirement.name)] = Version(spec.version)
    return pins


def test_oldest_constraints_pin_every_floor_of_pyproject():
    assert _pins() == _floors()
