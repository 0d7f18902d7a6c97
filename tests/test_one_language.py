"""A report is in one language: a Dutch audit holds no English sentence of the catalogue and an
English one no Dutch, in its pages, workbooks, findings.json and the CLI's own lines."""

from __future__ import annotations

import re
import string
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from auditor import messages
from auditor.cli import cli as main
from auditor.fixtures.zeist import exports_path, register_path

# Pieces shorter than this are words both languages use (e.g. "ID", "Handle", "LinkedIn") or
# short enough to occur in a register's own Dutch text ("in de bio").
MIN_WORDS = 3
MIN_LENGTH = 12


def _pieces(entry) -> set[str]:
    """The literal runs of an entry, without its placeholders."""
    forms = entry.values() if isinstance(entry, dict) else [entry]
    return {
        literal.strip(" .,:;()–-›")
        for form in forms
        for literal, *_ in string.Formatter().parse(form)
        if literal
    }


def _foreign(lang: str, other: str) -> set[str]:
    """Sentences of `other` that `lang` never writes."""
    own = messages.catalogue(lang)
    foreign = messages.catalogue(other)
    mine = {piece for entry in own.values() for piece in _pieces(entry)}
    return {
        piece
        for key, entry in foreign.items()
        # Stored texts and what `auditor init` writes into the settings (the naming rule) are
        # the user's own words once written, quoted as they stand in any language.
        if not key.startswith(("history.stored_text", "template."))
        for piece in _pieces(entry) - mine
        if len(piece) >= MIN_LENGTH and sum(w.isalpha() for w in piece.split()) >= MIN_WORDS
    }


def _texts(out: Path) -> str:
    parts = [p.read_text(encoding="utf-8") for p in out.rglob("*.html")]
    parts.append((out / "findings.json").read_text(encoding="utf-8"))
    for book in out.rglob("*.xlsx"):
        for ws in openpyxl.load_workbook(book, read_only=True).worksheets:
            for row in ws.iter_rows(values_only=True):
                parts.extend(str(c) for c in row if isinstance(c, str))
    text = re.sub(r"<[^>]+>", " ", "\n".join(parts))
    return re.sub(r"\s+", " ", text.replace("&#39;", "'").replace("&quot;", '"'))


@pytest.mark.parametrize(("lang", "other"), [("nl", "en"), ("en", "nl")])
def test_an_audit_speaks_one_language(tmp_path, lang, other):
    out = tmp_path / "audit"
    args = ["run", "--inventory", str(register_path()), "--activity", str(exports_path())]
    result = CliRunner().invoke(main, [*args, "--out", str(out), "--lang", lang])
    assert result.exit_code in (0, 1), result.output
    written = _texts(out) + " " + re.sub(r"\s+", " ", result.output)
    leaked = sorted(piece for piece in _foreign(lang, other) if piece in written)
    assert leaked == []
