"""Round seven: the activity exports and their folder as other programs and other hands leave
them. CSVs with a quote never closed, a stray NUL byte or empty fields after the last column;
folders holding a broken link, the system's own files, a download that did not finish."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from auditor.cli import cli
from tests.helpers import main_account, write_register

HEADER = ["platform", "account", "item_id", "timestamp", "direction", "text"]


def _rows(first: int, count: int) -> list[list[str]]:
    return [
        ["x", "gemeentezeist", str(i), f"2026-07-{i:02d}T10:00:00+02:00", "out", f"bericht {i}"]
        for i in range(first, first + count)
    ]


def _lines(rows: list[list[str]], separator: str = ",") -> str:
    return "".join(separator.join(row) + "\n" for row in rows)


def _register(tmp_path: Path) -> Path:
    return write_register(tmp_path / "register.xlsx", [main_account("x", "gemeentezeist")])


def _validate(tmp_path: Path, *exports: Path, lang: str = "en"):
    args = ["validate", "--lang", lang, "-i", str(_register(tmp_path))]
    for export in exports:
        args += ["--activity", str(export)]
    result = CliRunner().invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def _ledger(tmp_path: Path, *exports: Path) -> dict[str, dict]:
    """The run's ledger by file, each balanced."""
    out = tmp_path / "audit"
    args = ["run", "--lang", "en", "-i", str(_register(tmp_path)), "--period", "2026-Q3"]
    args += ["--out", str(out), "--history", str(tmp_path / "h.sqlite")]
    for export in exports:
        args += ["--activity", str(export)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in (0, 1), result.output
    inputs = json.loads((out / "findings.json").read_text(encoding="utf-8"))["inputs"]
    ledger = {e["path"]: e for e in inputs if not e["path"].startswith("register.xlsx")}
    for entry in ledger.values():
        assert entry["rows_read"] == (
            entry["rows_used"] + entry["rows_duplicate"] + entry["rows_rejected"]
        )
    return ledger


# --- CSVs as programs write them ---------------------------------------------------------------


def test_a_quote_never_closed_rejects_its_row_not_every_row_below_it(tmp_path: Path):
    # `"niet gesloten` opens a quote no one closes: every line below it was read as that
    # cell's text, and the three rows under it were gone without a word (read 3 of 6).
    path = tmp_path / "export.csv"
    broken = 'x,gemeentezeist,3,2026-07-03T10:00:00+02:00,out,"niet gesloten\n'
    path.write_text(_lines([HEADER, *_rows(1, 2)]) + broken + _lines(_rows(4, 3)))
    (entry,) = _ledger(tmp_path, path).values()
    assert (entry["rows_read"], entry["rows_used"], entry["rows_rejected"]) == (6, 5, 1)
    (rejected,) = entry["rejected"]
    assert rejected["row"] == 4
    assert "quote" in rejected["reason"] and "never closed" in rejected["reason"]
    dutch = _validate(tmp_path, path, lang="nl").output
    assert "export.csv › rij 4 › " in dutch and "aanhalingsteken" in dutch


def test_a_stray_nul_byte_rejects_its_row_not_the_whole_file(tmp_path: Path):
    # One NUL byte in a row (a disk or a copy that went wrong): the whole file was refused as
    # binary data, its other rows with it.
    path = tmp_path / "export.csv"
    text = _lines([HEADER, *_rows(1, 2)]) + _lines(_rows(3, 1)).replace("bericht", "ber\0icht")
    path.write_bytes((text + _lines(_rows(4, 2))).encode())
    (entry,) = _ledger(tmp_path, path).values()
    assert (entry["rows_read"], entry["rows_used"], entry["rows_rejected"]) == (5, 4, 1)
    assert entry["rejected"][0]["row"] == 4
    assert "NUL" in entry["rejected"][0]["reason"]
    dutch = _validate(tmp_path, path, lang="nl").output
    assert "export.csv › rij 4 › " in dutch and "NUL" in dutch


def test_a_file_of_binary_data_named_csv_is_still_refused_as_binary(tmp_path: Path):
    path = tmp_path / "export.csv"
    path.write_bytes(bytes(range(256)) * 8)
    result = _validate(tmp_path, path)
    assert result.exit_code == 2
    assert "export.csv › binary data, not a CSV text file" in result.output


def test_empty_fields_after_the_last_column_are_no_fields_of_the_row(tmp_path: Path):
    # A program that writes a separator after every row's last cell (`…,bericht 1,,`): every
    # row was rejected for having 8 fields where the header has 6.
    path = tmp_path / "export.csv"
    path.write_text(_lines([HEADER]) + _lines([[*row, "", ""] for row in _rows(1, 4)]))
    (entry,) = _ledger(tmp_path, path).values()
    assert (entry["rows_read"], entry["rows_used"], entry["rows_rejected"]) == (4, 4, 0)


def test_a_row_with_a_value_beyond_the_last_column_is_still_rejected(tmp_path: Path):
    path = tmp_path / "export.csv"
    rows = _rows(1, 3)
    rows[1] += ["", "iets"]
    path.write_text(_lines([HEADER, *rows]))
    (entry,) = _ledger(tmp_path, path).values()
    assert (entry["rows_used"], entry["rows_rejected"]) == (2, 1)
    assert entry["rejected"][0] == {"row": 3, "reason": "has 8 fields, the header has 6"}
