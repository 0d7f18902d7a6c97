"""The evidence as the workbook's readers meet it: the items a check measured named in words,
with their unit, and coded values (`off`, `not_in_staff_list`) said as words, in either
language; never the check's internal field names."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from auditor.cli import cli
from auditor.engine import registry
from auditor.messages import catalogue, languages
from tests.helpers import DEFAULT_DEPARTMENTS, DEFAULT_STAFF, compliant_account, write_register

# A field name as a check writes it: `two_factor`, `days_since_last_post`.
IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")


@pytest.fixture(scope="module")
def audits(tmp_path_factory) -> dict[str, Path]:
    """One audit in each language of a register whose findings carry coded evidence."""

    tmp = tmp_path_factory.mktemp("evidence")
    staff = [
        *DEFAULT_STAFF,
        {"name": "Kees Vos", "email": "k.vos@zeist.nl", "left_on": "2026-08-31"},
    ]
    register = write_register(
        tmp / "register.xlsx",
        [
            compliant_account("sportzeist", two_factor="nee"),
            compliant_account("zwemzeist", owner_name="Kees Vos", owner_email="k.vos@zeist.nl"),
            compliant_account("sportteam", owner_name="Team Sport", owner_email="sport@zeist.nl"),
            compliant_account("loopzeist", owner_training=dt.date(2020, 1, 1)),
        ],
        staff=staff,
        departments=DEFAULT_DEPARTMENTS,
        waivers=[
            {
                "platform": "x",
                "account": "@loopzeist",
                "check_id": "ACT003",
                "reason": "Zomerstop",
                "approved_by": "Ilse Jansen",
                "until": dt.date(2026, 8, 31),
            }
        ],
    )
    out = {}
    for lang in ("nl", "en"):
        out[lang] = tmp / lang
        args = ["run", "-i", register, "--out", out[lang], "--period", "2026-Q3", "--lang", lang]
        result = CliRunner().invoke(cli, [str(a) for a in args])
        assert result.exit_code == 0, result.output
    return out


def sheet_rows(path: Path, sheet: str) -> list[dict]:
    ws = openpyxl.load_workbook(path)[sheet]
    head = [c.value for c in ws[1]]
    return [dict(zip(head, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)]


@pytest.mark.parametrize(
    ("lang", "sheet", "item", "value", "account"),
    [
        ("nl", "Bewijs", "Gegeven", "Waarde", "Account"),
        ("en", "Evidence", "Item", "Value", "Account"),
    ],
)
def test_the_evidence_sheet_names_its_items_and_coded_values_in_words(
    audits, lang, sheet, item, value, account
):
    rows = sheet_rows(audits[lang] / "audit.xlsx", sheet)
    by_check: dict[str, dict] = {}
    for row in rows:
        by_check.setdefault(row["Controle" if lang == "nl" else "Check"], {})[row[item]] = row[
            value
        ]
    assert [r[item] for r in rows if IDENTIFIER.match(str(r[item]))] == []
    assert [r[value] for r in rows if IDENTIFIER.match(str(r[value]))] == []
    if lang == "nl":
        assert by_check["SEC001"] == {
            "Tweestapsverificatie volgens het register": "nee",
            "Wat er mis is": "staat uit",
        }
        assert by_check["OWN004"]["Rol"] == "beheerder"
        assert by_check["OWN004"]["Wat er mis is"] == "uit dienst"
        assert by_check["OWN004"]["Uit dienst per"] == dt.datetime(2026, 8, 31)
        assert by_check["OWN001"]["Waarom geen persoon"] == "een team of functie"
        assert by_check["DOC004"]["Geldigheid (jaren)"] == 3
    else:
        assert by_check["SEC001"] == {
            "Two-factor authentication in the register": "nee",
            "What is wrong": "switched off",
        }
        assert by_check["OWN004"]["Role"] == "owner"
        assert by_check["OWN004"]["What is wrong"] == "has left"
        assert by_check["OWN001"]["Why not a person"] == "a team or a function"
        assert by_check["DOC004"]["Valid for (years)"] == 3
    # The account as people know it, as on the findings sheet, not the audit's id.
    assert {r[account] for r in rows} >= {"Sport Zeist (X @sportzeist)"}


@pytest.mark.parametrize(
    ("lang", "sheet", "column"), [("nl", "Bevindingen", "Bewijs"), ("en", "Findings", "Evidence")]
)
def test_the_findings_sheet_sums_up_the_evidence_in_words(audits, lang, sheet, column):
    ws = openpyxl.load_workbook(audits[lang] / "audit.xlsx")[sheet]
    head = [c.value for c in ws[2]]
    cells = [row[head.index(column)].value for row in ws.iter_rows(min_row=3)]
    checks = [
        row[head.index("Controle" if lang == "nl" else "Check")].value
        for row in ws.iter_rows(min_row=3)
    ]
    summary = dict(zip(checks, cells, strict=True))
    if lang == "nl":
        assert (
            summary["SEC001"]
            == "Tweestapsverificatie volgens het register: nee\nWat er mis is: staat uit"
        )
        assert "Uit dienst per: 31-08-2026" in summary["OWN004"].split("\n")
    else:
        assert summary["SEC001"] == (
            "Two-factor authentication in the register: nee\nWhat is wrong: switched off"
        )
    for text in cells:
        for line in (text or "").split("\n"):
            label, _, shown = line.partition(": ")
            assert not IDENTIFIER.match(label), line
            assert not IDENTIFIER.match(shown), line
            assert shown not in ("True", "False"), line


@pytest.mark.parametrize("lang", languages())
def test_every_evidence_field_of_every_check_has_words_in_every_language(lang):
    words = catalogue(lang)
    missing = [
        f"{check_id}.evidence.{field}"
        for check_id, check in registry().items()
        for field in check.meta.evidence.model_fields
        if f"{check_id}.evidence.{field}" not in words
    ]
    assert missing == []


def test_days_read_as_days_in_the_findings_sheet_as_the_reader_writes_them(audits):
    # Checks keep some days as ISO text (`2026-08-31`); the findings sheet showed them so.
    ws = openpyxl.load_workbook(audits["nl"] / "audit.xlsx")["Bevindingen"]
    head = [c.value for c in ws[2]]
    rows = {
        r[head.index("Controle")].value: r[head.index("Bewijs")].value
        for r in ws.iter_rows(min_row=3)
    }
    assert "Geldig tot: 31-08-2026" in rows["WVR001"].split("\n")
    assert "Einde periode: 30-09-2026" in rows["WVR001"].split("\n")
    evidence = sheet_rows(audits["nl"] / "audit.xlsx", "Bewijs")
    shown = {r["Gegeven"]: r["Waarde"] for r in evidence if r["Controle"] == "WVR001"}
    assert shown["Geldig tot"] == dt.datetime(2026, 8, 31)
    assert shown["Reden van de uitzondering"] == "Zomerstop"
