"""Round five of inputs nobody here made: activity exports as people hand them over (saved
again by a spreadsheet, cut, mixed in one folder) and the quarter-to-quarter cycle."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from auditor.cli import cli
from tests.helpers import main_account


def _csv(path: Path, rows: list[list[object]], delimiter: str = ",", encoding="utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def _run(tmp_path: Path, register: Path, *exports: Path, period: str = "2026-Q3", extra=()):
    args = ["run", "--lang", "en", "-i", str(register), "--period", period]
    for export in exports:
        args += ["-a", str(export)]
    args += ["--out", str(tmp_path / "out"), "--history", str(tmp_path / "h.sqlite"), *extra]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1), result.output
    findings = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))
    return result, findings


def _metrics(findings: dict, account_id: str) -> dict:
    (account,) = [a for a in findings["accounts"] if a["account_id"] == account_id]
    return account["metrics"]


META_HEADER = ["Post ID", "Page ID", "Page name", "Description", "Publish time", "Post type"]


def test_meta_times_a_spreadsheet_wrote_day_first_with_slashes_are_read_day_first(
    tmp_path: Path, make_register
):
    # A Belgian Excel (d/mm/jjjj), or a Dutch one set to dd/mm/jjjj, writes the whole file
    # day first: 15/07 says so, and 03/08 is then 3 August. It was read as 8 March, and
    # 01/09 as 9 January: two of three posts fell out of the quarter without a word.
    register = make_register(
        [main_account("facebook", "gemeentezeist", display_name="Gemeente Zeist")]
    )
    rows = [
        ["1", "100064318726455", "Gemeente Zeist", "a", "15/07/2026 09:05", "Photos"],
        ["2", "100064318726455", "Gemeente Zeist", "b", "03/08/2026 10:00", "Photos"],
        ["3", "100064318726455", "Gemeente Zeist", "c", "01/09/2026 11:30", "Photos"],
    ]
    export = _csv(tmp_path / "fb.csv", [META_HEADER, *rows], ";", "cp1252")
    result, findings = _run(tmp_path, register, export)
    metrics = _metrics(findings, "facebook:gemeentezeist")
    # Pacific time: 15 July 09:05 PDT is 18:05 in Zeist, 1 September 11:30 is 20:30.
    assert (metrics["first_post"], metrics["last_post"]) == (
        "2026-07-15T18:05:00+02:00",
        "2026-09-01T20:30:00+02:00",
    )
    assert "cover 2026-07-15 – 2026-09-01, not all of 2026-Q3" in result.output
    (entry,) = [i for i in findings["inputs"] if i["path"].endswith("fb.csv")]
    assert (entry["rows_read"], entry["rows_used"], entry["rows_rejected"]) == (3, 3, 0)
