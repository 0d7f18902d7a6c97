from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.browser import axe_source, browser  # noqa: F401  (fixtures for the browser tests)
from tests.helpers import DEFAULT_DEPARTMENTS, DEFAULT_STAFF, write_export, write_register


@pytest.fixture
def make_register(tmp_path: Path) -> Callable[..., Path]:
    """Writes a register workbook; staff and departments default to the helpers' lists."""

    def make(
        accounts: list[dict[str, Any]],
        *,
        staff: list[dict[str, Any]] | None = DEFAULT_STAFF,
        departments: list[dict[str, Any]] | None = DEFAULT_DEPARTMENTS,
        waivers: list[dict[str, Any]] | None = None,
        name: str = "register.xlsx",
    ) -> Path:
        return write_register(
            tmp_path / name, accounts, staff=staff, departments=departments, waivers=waivers
        )

    return make


@pytest.fixture
def make_export(tmp_path: Path) -> Callable[..., Path]:
    def make(rows: list[dict[str, Any]], name: str = "activity.csv") -> Path:
        return write_export(tmp_path / name, rows)

    return make


@pytest.fixture
def audit_files() -> Callable[..., Any]:
    """Runs the whole pipeline on real files and returns the AuditResult."""
    from auditor.audit import run_audit
    from auditor.settings import parse_config

    def run(
        register: Path,
        exports: Sequence[Path] = (),
        *,
        config: dict[str, Any] | None = None,
        period: str = "2026-Q3",
    ):
        cfg = parse_config(config or {})
        return run_audit(register, list(exports), cfg, period=period).result

    return run
