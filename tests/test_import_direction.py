"""The direction of imports: reports → checks → core. The core knows neither its check
families (it finds them by walking their package) nor its report writers (they are passed
in); only the command line and the demo, the edges, wire everything together."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Installed names of the design card's folders (see pyproject.toml's package-dir).
FOLDERS = {"auditor": "auditor", "checks": "auditor.checks", "reports": "auditor.reports"}
EDGES = {"auditor.cli", "auditor.demo", "auditor.__main__"}
MAY_NOT = {
    "core": ("auditor.checks", "auditor.reports", *EDGES),
    "checks": ("auditor.reports", *EDGES),
    "reports": tuple(EDGES),
    "edge": (),
}


def _modules() -> dict[str, Path]:
    found = {}
    for folder, package in FOLDERS.items():
        for path in (ROOT / folder).rglob("*.py"):
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            name = ".".join((package, *parts)).removesuffix(".__init__")
            found[name] = path
    return found


def _layer(module: str) -> str:
    if module in EDGES:
        return "edge"
    for layer in ("checks", "reports"):
        if module == f"auditor.{layer}" or module.startswith(f"auditor.{layer}."):
            return layer
    return "core"


def _imports(path: Path, module: str) -> set[str]:
    """Every module named by an import anywhere in the file, inside functions too."""
    names: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _breaches(module: str, imported: set[str]) -> list[str]:
    forbidden = MAY_NOT[_layer(module)]
    return sorted(
        name for name in imported if any(name == f or name.startswith(f"{f}.") for f in forbidden)
    )


def test_imports_go_from_reports_to_checks_to_core():
    modules = _modules()
    assert {"auditor.engine", "auditor.checks.ownership", "auditor.reports.html"} <= set(modules)
    breaches = {
        module: found
        for module, path in modules.items()
        if (found := _breaches(module, _imports(path, module)))
    }
    assert breaches == {}


def test_a_breach_would_be_seen():
    assert _breaches("auditor.audit", {"auditor.reports", "auditor.models"}) == ["auditor.reports"]
    assert _breaches("auditor.checks.activity", {"auditor.reports.view"}) == [
        "auditor.reports.view"
    ]
    assert _breaches("auditor.reports.html", {"auditor.checks.activity"}) == []
    assert _breaches("auditor.cli", {"auditor.reports"}) == []


def test_the_configuration_is_plain_data():
    """auditor.config describes the settings file and knows no check: what a check's settings
    mean is the engine's, and reading a file against the registry is auditor.settings'."""
    modules = _modules()
    imported = _imports(modules["auditor.config"], "auditor.config")
    assert sorted(n for n in imported if n.startswith(("auditor.engine", "auditor.settings"))) == []
    engine = _imports(modules["auditor.engine"], "auditor.engine")
    assert "auditor.settings" not in engine
