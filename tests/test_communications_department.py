"""The check catalogue names the communications department of the settings: in `explain`, in
the findings' sentences and remedies, and in every report (it said "Communicatie" whatever
`[organisation] communications_department` named)."""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from auditor.cli import cli
from auditor.engine import registry
from tests.helpers import DEFAULT_STAFF, compliant_account, main_account

TEAM = "Team Online & Participatie"
DEPARTMENTS = [
    {"name": TEAM, "manager_name": "Ilse Jansen", "kind": "lijnafdeling"},
    {"name": "Sport", "manager_name": "Mirjam de Wit", "kind": "lijnafdeling"},
]
STAFF = [
    {**person, "department": TEAM} if person["department"] == "Communicatie" else person
    for person in DEFAULT_STAFF
]


def _unquoted(text: str) -> str:
    """The text without the policy's words, which name Communicatie as the policy was written."""
    text = " ".join(text.split())  # explain wraps its paragraphs
    for check in registry().values():
        quote = " ".join(check.meta.policy.quote.split())
        text = text.replace(quote, "").replace(html.escape(quote, quote=True), "")
    return text


def _settings(tmp_path: Path) -> Path:
    path = tmp_path / "auditor.toml"
    path.write_text(f'[organisation]\ncommunications_department = "{TEAM}"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_explain_names_the_department_of_the_settings(tmp_path, lang):
    runner = CliRunner()
    settings = str(_settings(tmp_path))
    named = runner.invoke(cli, ["explain", "REG003", "--lang", lang, "--config", settings])
    assert named.exit_code == 0, named.output
    assert TEAM in named.output.split("\n", 1)[0]  # the title
    assert "Communicatie" not in _unquoted(named.output)
    main = runner.invoke(cli, ["explain", "OWN006", "--lang", lang, "--config", settings])
    assert "Communicatie" not in _unquoted(main.output) and TEAM in main.output

    plain = runner.invoke(cli, ["explain", "REG003", "--lang", lang])
    assert plain.exit_code == 0 and "Communicatie" in plain.output and TEAM not in plain.output

    table = runner.invoke(cli, ["checks", "--lang", lang, "--config", settings])
    assert f"{TEAM} " in table.output and "Communicatie" not in table.output
    listed = runner.invoke(cli, ["checks", "--format", "json", "--config", settings])
    reg003 = next(c for c in json.loads(listed.output) if c["id"] == "REG003")
    assert all(TEAM in reg003["fix"][language] for language in ("nl", "en"))


def test_checks_are_still_found_by_their_default_title():
    plain = CliRunner().invoke(cli, ["explain", "Communicatie niet betrokken bij start"])
    assert plain.exit_code == 0 and plain.output.startswith("REG003")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_report_names_the_department_of_the_settings(make_register, tmp_path, lang):
    register = make_register(
        [
            main_account("x", "gemeentezeist", department=TEAM),
            # Started after the policy date without consultation: REG003, whose title,
            # sentence and remedy name the department.
            compliant_account(
                "zeistsport", communicatie_consulted=None, started=dt.date(2021, 5, 1)
            ),
        ],
        staff=STAFF,
        departments=DEPARTMENTS,
    )
    out = tmp_path / "out"
    run = CliRunner().invoke(
        cli,
        [
            *("run", "-i", str(register), "--config", str(_settings(tmp_path))),
            *("--period", "2026-Q3", "--out", str(out), "--lang", lang),
        ],
    )
    assert run.exit_code in (0, 1), run.output

    pages = sorted(out.rglob("*.html"))
    text = {p.relative_to(out).as_posix(): _unquoted(p.read_text(encoding="utf-8")) for p in pages}
    assert not [name for name, page in text.items() if "Communicatie" in page]
    # The catalogue of the overview, the finding in the department's pack, the owner's list.
    escaped = TEAM.replace("&", "&amp;")
    for name in ("index.html", "departments/sport.html"):
        assert f"{escaped} " in text[name] or f"{escaped}." in text[name], name
    assert any("owners/" in name and escaped in page for name, page in text.items())

    for book in sorted(out.rglob("*.xlsx")):
        cells = [
            _unquoted(cell)
            for ws in load_workbook(book, read_only=True)
            for row in ws.iter_rows(values_only=True)
            for cell in row
            if isinstance(cell, str)
        ]
        assert not [c for c in cells if "Communicatie" in c], book.name
        assert any(TEAM in c for c in cells), book.name

    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    (reg003,) = [f for f in findings["findings"] if f["check_id"] == "REG003"]
    assert TEAM in reg003["message"] and TEAM in reg003["fix"]


def test_a_sentence_stored_without_the_department_names_the_default():
    # Histories written by earlier versions keep a finding's remedy without the department.
    from auditor.messages import Message

    stored = Message.from_store({"key": "REG003.fix", "params": {}})
    assert "met Communicatie" in stored("nl") and "with Communicatie" in stored("en")


def test_explain_finds_the_settings_in_the_working_folder(tmp_path, monkeypatch):
    _settings(tmp_path)
    monkeypatch.chdir(tmp_path)
    found = CliRunner().invoke(cli, ["explain", "REG003"])
    assert found.exit_code == 0 and f"{TEAM} niet betrokken bij start" in found.output


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_report_names_the_kcc_of_the_settings(make_register, tmp_path, lang):
    # OWN006's title, remedy and catalogue entry said "KCC" in a municipality whose contact
    # centre the settings call Publiekscontact; only its finding named it.
    register = make_register(
        [main_account("x", "gemeentezeist", responder="Team Online")],
        staff=STAFF,
        departments=DEPARTMENTS,
    )
    settings = tmp_path / "auditor.toml"
    settings.write_text('[organisation]\nkcc = "Publiekscontact"\n', encoding="utf-8")
    out = tmp_path / "out"
    run = CliRunner().invoke(
        cli,
        [
            *("run", "-i", str(register), "--config", str(settings)),
            *("--period", "2026-Q3", "--out", str(out), "--lang", lang),
        ],
    )
    assert run.exit_code in (0, 1), run.output
    title = {
        "nl": "Hoofdaccount niet bij Communicatie en Publiekscontact",
        "en": "Main account not with Communicatie and Publiekscontact",
    }[lang]
    pages = {p.relative_to(out).as_posix(): p.read_text("utf-8") for p in out.rglob("*.html")}
    assert title in pages["index.html"] and title in pages["departments/communicatie.html"]
    owner = next(page for name, page in pages.items() if name.startswith("owners/"))
    assert title in owner and "KCC" not in _unquoted(owner)
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    (own006,) = [f for f in findings["findings"] if f["check_id"] == "OWN006"]
    assert "Publiekscontact" in own006["fix"] and "KCC" not in own006["fix"]


def test_explain_finds_a_check_by_the_title_the_reports_show(tmp_path, monkeypatch):
    # A title copied from a report names the settings' department and KCC; explain knew the
    # titles only as they read with the defaults ("onbekende controle").
    path = tmp_path / "auditor.toml"
    path.write_text(
        f'[organisation]\ncommunications_department = "{TEAM}"\nkcc = "Publiekscontact"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for title in (
        f"{TEAM} niet betrokken bij start",
        f"Hoofdaccount niet bij {TEAM} en Publiekscontact",
        f"Main account not with {TEAM} and Publiekscontact",
        "Communicatie niet betrokken bij start",  # as the defaults, and older reports, say
    ):
        found = runner.invoke(cli, ["explain", title])
        assert found.exit_code == 0, (title, found.output)
