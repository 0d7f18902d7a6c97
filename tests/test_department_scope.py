"""A department's pack is built from what it may see: a check that starts putting another
department's data in its evidence or message cannot reach the pack, whatever it names it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from pydantic import create_model

from auditor import engine
from auditor.cli import cli as main
from auditor.engine import Flag, shared
from auditor.messages import Message
from tests.helpers import compliant_account

# The other department's people and account, as they stand in the register below.
OTHER = ("Fatima El Amrani", "f.elamrani@zeist.nl", "x:ruimtezeist", "@ruimtezeist")


def _register(make_register) -> Path:
    return make_register(
        [
            compliant_account("sportzeist", substitute_name=None, substitute_email=None),
            compliant_account(
                "ruimtezeist",
                display_name="Ruimte Zeist",
                department="Ruimte",
                owner_name="Fatima El Amrani",
                owner_email="f.elamrani@zeist.nl",
                substitute_name="Kees de Boer",
                substitute_email="k.deboer@zeist.nl",
            ),
        ]
    )


@pytest.fixture
def leaky_check(monkeypatch):
    """OWN002 as a careless change could make it: on every finding it adds fields holding the
    other department's owner and account, plain and as references, and says so in its
    message."""
    check = engine.registry()["OWN002"]

    def run(ctx, params):
        for flag in check.run(ctx, params):
            other = ctx.account("x:ruimtezeist")
            person = ctx.person("Fatima El Amrani", of_account="x:ruimtezeist")
            yield Flag(
                flag.account_id,
                Message("problem.at", place=other, what=person),
                evidence={
                    **flag.evidence,
                    "new_field": "Fatima El Amrani <f.elamrani@zeist.nl> of @ruimtezeist",
                    "new_account": other,
                    "new_people": [person, other],
                },
                subject="x:ruimtezeist",
            )

    evidence = create_model(
        "LeakyEvidence",
        __base__=check.meta.evidence,
        new_field=(Any, None),  # not declared shareable
        new_account=(Any, shared()),  # shareable, but another department's
        new_people=(Any, shared()),
    )
    meta = check.meta.model_copy(update={"evidence": evidence})
    monkeypatch.setitem(engine._REGISTRY, "OWN002", dataclasses.replace(check, run=run, meta=meta))


def test_a_new_evidence_field_of_another_department_never_reaches_the_pack(
    make_register, tmp_path, leaky_check
):
    out = tmp_path / "audit"
    result = CliRunner().invoke(
        main, ["run", "--inventory", str(_register(make_register)), "--out", str(out)]
    )
    assert result.exit_code in (0, 1), result.output

    # The overview keeps everything: the check really produced the data.
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    own002 = [f for f in findings if f["check_id"] == "OWN002"]
    assert own002 and own002[0]["evidence"]["new_account"] == "x:ruimtezeist"
    assert "Fatima El Amrani" in own002[0]["evidence"]["new_field"]

    pack = (out / "departments" / "sport.html").read_text(encoding="utf-8")
    assert "OWN002" in pack, "the department's own finding is in its pack"
    cells = [
        str(cell)
        for ws in openpyxl.load_workbook(out / "departments" / "sport.xlsx").worksheets
        for row in ws.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    ]
    for text in (pack, "\n".join(cells)):
        leaked = [token for token in OTHER if token.casefold() in text.casefold()]
        assert leaked == []
    assert "[andere afdeling]" in pack  # the shared reference is there, hidden
