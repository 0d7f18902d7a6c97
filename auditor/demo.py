"""`auditor demo`: the bundled Zeist example, audited quarter by quarter into a fresh history,
so a new user's first report already shows trends and new, persisting and resolved findings."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from importlib.resources import as_file, files
from pathlib import Path

from auditor.audit import Writer
from auditor.cycle import audit_cycle
from auditor.messages import DEFAULT_LANG, Message, text
from auditor.problems import InputError
from auditor.settings import load_config

MARKER = ".auditor-demo"


def demo_quarters(root: Path) -> list[tuple[str, Path]]:
    """(period, register) in order: earlier registers under quarters/, then the current one
    (register.xlsx at the top) for the quarter after them."""
    quarters = sorted(
        (p.name, p / "register.xlsx")
        for p in (root / "quarters").iterdir()
        if (p / "register.xlsx").exists()
    )
    year, quarter = (int(x) for x in quarters[-1][0].split("-Q"))
    latest = f"{year + quarter // 4}-Q{quarter % 4 + 1}"
    return [*quarters, (latest, root / "register.xlsx")]


def run_demo(
    out: Path,
    *,
    write: Writer,
    lang: str = DEFAULT_LANG,
    progress: Callable[[str], None] = print,
) -> Path:
    """The example audited quarter by quarter into `out`; `write` writes each quarter's
    reports. Returns the latest overview."""

    if out.exists():
        if not (out / MARKER).exists():
            raise InputError(out, Message("cli.demo.not_ours"))
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text("made by auditor demo; safe to delete\n", encoding="utf-8")
    with as_file(files("auditor.fixtures") / "zeist") as root:
        config_file = root / "auditor.toml"
        config = load_config(config_file if config_file.exists() else None)
        history = out / "audit-history.sqlite"
        index = out
        for period, register in demo_quarters(root):
            progress(text("cli.demo.auditing", lang, period=period))
            target = out / period
            audit_cycle(
                config,
                register,
                [root / "exports"],
                write=write,
                period=period,
                out=target,
                lang=lang,
                history_path=history,
                responses=_responses(root, period),
            )
            index = target / "index.html"
    return index


def _responses(root: Path, period: str) -> list[Path]:
    """Owners' answers returned after the previous audit, where the example has them."""
    folder = root / "responses" / period
    return sorted(folder.glob("*.xlsx")) if folder.exists() else []
