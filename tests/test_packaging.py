"""One installed namespace, and check families found by walking their package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from auditor import engine

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_installs_auditor_alone_with_the_example_data_but_not_its_scripts(tmp_path):
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q"]
    built = subprocess.run(
        [*pip, "-w", str(tmp_path / "wheel"), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "wheel").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names if ".dist-info/" not in n} == {"auditor"}
    assert "auditor/checks/ownership.py" in names
    assert "auditor/reports/templates/index.html" in names
    assert "auditor/reports/static/report.css" in names
    # What `auditor publish` writes beside its data, and its page.
    assert "auditor/public-accounts.schema.json" in names
    assert "auditor/reports/templates/public.html" in names
    assert "auditor/reports/static/public.css" in names
    assert "auditor/checks/security.py" in names
    assert "auditor/fixtures/zeist/register.xlsx" in names
    assert any(n.startswith("auditor/fixtures/zeist/exports/2026-Q3/") for n in names)
    scripts = [n for n in names if n.startswith("auditor/fixtures/zeist/") and n.endswith(".py")]
    assert scripts == []


def test_every_module_of_the_checks_folder_is_a_family():
    families = {
        m.rpartition(".")[2] for m in {c.run.__module__ for c in engine.registry().values()}
    }
    files = {p.stem for p in (ROOT / "checks").glob("*.py") if not p.stem.startswith("_")}
    assert families == files


def test_a_family_that_cannot_be_imported_fails_loudly(tmp_path, monkeypatch):
    package = tmp_path / "broken_checks"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "sound.py").write_text("")
    (package / "broken.py").write_text("import a_module_that_is_not_there\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(engine, "CHECKS_PACKAGE", "broken_checks")
    with pytest.raises(ModuleNotFoundError, match="a_module_that_is_not_there"):
        engine.registry()
