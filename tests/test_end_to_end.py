"""The whole audit on the bundled Zeist example, through the CLI as a user runs it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from auditor.cli import cli
from auditor.fixtures.zeist import exports_path, register_path

POLICY_CHECKS = {
    *(f"OWN00{i}" for i in range(1, 7)),
    *(f"REG00{i}" for i in range(1, 4)),
    *(f"DOC00{i}" for i in range(1, 6)),
    *(f"STY00{i}" for i in range(1, 5)),
    *(f"ACT00{i}" for i in range(1, 4)),
    "RSP001",
    "RSP002",
    "CON001",
    "CON002",
}

# Every finding the 2026-Q3 audit of the example must report, written out by hand, and why.
EXPECTED_2026_Q3 = {
    ("SEC001", "x:zeistmarkt", None),  # two-factor authentication recorded as "nee"
    ("SEC002", "x:stationsgebiedzeist", None),  # only the owner has access
    ("ARC001", "linkedin:zeistondernemers", None),  # no archiving arrangement
    ("OWN001", "x:afvalzeist", None),  # owner is "Team Afval", a team, not a person
    ("OWN002", "x:stationsgebiedzeist", None),  # no substitute named
    ("OWN003", "instagram:cultuurinzeist", None),  # substitute is the owner herself
    ("OWN004", "x:zeistbereikbaar", "owner"),  # owner left the organisation on 31-08-2026
    ("OWN005", "facebook:evenementenzeist", None),  # "Evenementen" is not in Afdelingen
    ("OWN006", "youtube:raadzeist", "department"),  # main account run by the Griffie
    ("OWN006", "youtube:raadzeist", "responder"),  # ... and answered by the Griffie, not KCC
    ("REG001", None, "tiktok"),  # TikTok: an active account, no main account
    ("REG001", None, "youtube"),  # YouTube: two main accounts
    ("REG002", "x:zeistnieuws", None),  # closed per 31-03-2026 but still posting
    ("REG002", "instagram:wijkteamzeist", None),  # posts in the exports, not in the register
    ("REG003", "instagram:zeistdoet", None),  # started 01-07-2026 without Communicatie
    ("DOC001", "linkedin:werkenbijzeist", None),  # goal "werving" is none of the four
    ("DOC002", "facebook:publiekszakenzeist", None),  # role n.v.t.
    ("DOC003", "facebook:zeistvoorelkaar", None),  # no content strategy
    ("DOC004", "linkedin:zeistondernemers", None),  # training of 2021, older than 3 years
    ("DOC005", "tiktok:jongzeist", None),  # guideline not read
    ("STY001", "x:afvalzeist", None),  # display name "Afvalinfo" lacks Zeist
    ("STY001", "x:hetrondzeist", None),  # "Het Rond": waived until 30-06-2027
    ("STY002", "facebook:evenementenzeist", None),  # links to uitinzeist.nl
    ("STY003", "instagram:cultuurinzeist", None),  # house-style review of 2024
    ("STY004", "instagram:groenzeist", None),  # most image posts lack alt text
    ("ACT001", "x:zeistmarkt", None),  # one post a fortnight, minimum one a week
    ("ACT001", "facebook:publiekszakenzeist", None),  # 2.5 a week against an expected 7
    ("ACT002", "x:kerckebosch", None),  # silent for the last 60+ days of the quarter
    ("ACT003", "tiktok:jongzeist", None),  # summer silence of over five weeks
    ("RSP001", "facebook:zeistzorgt", None),  # replies after about 12 business hours
    ("RSP002", "x:zeistwerkt", None),  # one message in eight never answered
    ("CON001", "x:zeistmarkt", None),  # low volume, shares sender and goal on X
    ("CON002", "facebook:zeistbeweegt", "facebook:sportiefzeist"),  # same audience/sender/goal
    ("WVR001", "tiktok:jongzeist", "ACT003"),  # the summer waiver expired on 31-08-2026
}
MAIN_ACCOUNTS = {
    "x:gemeentezeist",
    "facebook:gemeentezeist",
    "instagram:gemeentezeist",
    "linkedin:gemeente-zeist",
    "youtube:gemeentezeist",
}


def run_cli(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def audit_example(*args: object):
    """`auditor run` on the bundled example's latest register and every export."""
    return run_cli("run", "--inventory", register_path(), "--activity", exports_path(), *args)


@pytest.fixture(scope="module")
def audit(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("e2e") / "audit-2026-Q3"
    result = audit_example(
        "--out",
        out,
        "--history",
        out.parent / "history.sqlite",
    )
    assert result.exit_code == 0, result.output
    assert "index.html" in result.output
    return out


@pytest.fixture(scope="module")
def findings(audit: Path) -> dict:
    return json.loads((audit / "findings.json").read_text(encoding="utf-8"))


def test_findings_are_exactly_the_planted_violations(findings):
    got = {(f["check_id"], f["account_id"], f.get("subject")) for f in findings["findings"]}
    assert got == EXPECTED_2026_Q3


def test_every_policy_check_fires(findings):
    assert {f["check_id"] for f in findings["findings"]} >= POLICY_CHECKS
    assert findings["skipped"] == []


def test_main_accounts_are_clean(findings):
    judged = {"OWN", "REG", "DOC", "STY", "ACT", "RSP"}
    dirty = [
        f
        for f in findings["findings"]
        if f["account_id"] in MAIN_ACCOUNTS and f["check_id"][:3] in judged
    ]
    assert dirty == []


def test_findings_json_follows_the_contract(findings):
    assert findings["schema"] == "auditor.findings/1"
    assert findings["period"] == {"label": "2026-Q3", "start": "2026-07-01", "end": "2026-09-30"}
    for entry in findings["inputs"]:
        assert entry["rows_read"] == (
            entry["rows_used"] + entry["rows_duplicate"] + entry["rows_rejected"]
        )
        assert len(entry["sha256"]) == 64
    rejected = [r for e in findings["inputs"] for r in e["rejected"]]
    assert any("status/undefined" in r["reason"] for r in rejected)
    x_main = next(a for a in findings["accounts"] if a["account_id"] == "x:gemeentezeist")
    for key in (
        "posts",
        "posts_per_week",
        "inbound",
        "answered",
        "reply_median_business_hours",
        "reply_p90_business_hours",
        "out_of_hours_inbound",
        "longest_gap_days",
    ):
        assert key in x_main["metrics"]
    assert x_main["metrics"]["reply_median_business_hours"] <= 8
    waived = [f for f in findings["findings"] if f["status"] == "waived"]
    assert [(f["check_id"], f["account_id"]) for f in waived] == [("STY001", "x:hetrondzeist")]
    assert findings["summary"]["findings"] == len(EXPECTED_2026_Q3) - 1
    assert findings["summary"]["waived"] == 1
    platform_finding = next(f for f in findings["findings"] if f["check_id"] == "REG001")
    assert platform_finding["account_id"] is None


def test_citizens_never_appear_in_the_outputs(audit: Path):
    # Authors and texts of incoming messages are in the exports; none may reach a report.
    import csv

    authors, texts = set(), set()
    for path in exports_path().rglob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if (row.get("direction") or row.get("Direction") or "").lower() in {
                    "in",
                    "inbound",
                }:
                    author = row.get("author") or row.get("Contact Primary Identifier")
                    text = row.get("text") or row.get("Content")
                    if author:
                        authors.add(author)
                    if text and len(text) > 20:
                        texts.add(text)
    assert authors
    assert texts
    outputs = [p for p in audit.rglob("*") if p.is_file()]
    for path in outputs:
        if path.suffix == ".xlsx":
            workbook = load_workbook(path, read_only=True)
            content = "\n".join(
                str(v)
                for ws in workbook
                for row in ws.iter_rows(values_only=True)
                for v in row
                if v is not None
            )
        else:
            content = path.read_text(encoding="utf-8")
        leaked = [a for a in authors if a in content] + [t for t in texts if t in content]
        assert leaked == [], f"{path.name} shows personal data: {leaked[:3]}"


def test_finding_ids_are_stable_across_runs(audit: Path, findings, tmp_path: Path):
    again = tmp_path / "again"
    result = audit_example(
        "--out",
        again,
        "--history",
        tmp_path / "other-history.sqlite",
    )
    assert result.exit_code == 0, result.output
    second = json.loads((again / "findings.json").read_text(encoding="utf-8"))
    ids = sorted(f["finding_id"] for f in findings["findings"])
    assert ids == sorted(f["finding_id"] for f in second["findings"])
    assert len(set(ids)) == len(ids)


def test_every_output_is_written(audit: Path, findings):
    assert (audit / "index.html").exists()
    assert (audit / "audit.xlsx").exists()
    departments = {f["department"] for f in findings["findings"] if f["department"]}
    pages = {p.stem for p in (audit / "departments").glob("*.html")}
    workbooks = {p.stem for p in (audit / "departments").glob("*.xlsx")}
    assert pages == workbooks
    assert len(pages) >= len(departments)
    assert list((audit / "owners").glob("*.html"))
    assert sorted(load_workbook(audit / "audit.xlsx", read_only=True).sheetnames)[0]


def test_existing_audit_folder_is_left_intact_without_force(audit: Path):
    before = (audit / "findings.json").read_bytes()
    result = audit_example(
        "--out",
        audit,
        "--history",
        audit.parent / "history.sqlite",
    )
    assert result.exit_code == 2
    assert "--force" in result.output
    assert (audit / "findings.json").read_bytes() == before
    assert not [p for p in audit.parent.iterdir() if p.name.startswith(f".{audit.name}.")]


def test_fail_on_sets_exit_1(tmp_path: Path):
    result = audit_example(
        "--out",
        tmp_path / "a",
        "--fail-on",
        "high",
    )
    assert result.exit_code == 1, result.output
    result = audit_example(
        "--out",
        tmp_path / "b",
        "--fail-on",
        "critical",
    )
    assert result.exit_code == 0, result.output


def test_english_reports(tmp_path: Path):
    out = tmp_path / "en"
    result = audit_example(
        "--out",
        out,
        "--lang",
        "en",
    )
    assert result.exit_code == 0, result.output
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    rsp = next(f for f in data["findings"] if f["check_id"] == "RSP001")
    assert "median reply time" in rsp["message"]
    assert '<html lang="en"' in (out / "index.html").read_text(encoding="utf-8")


def test_the_answer_is_due_the_configured_days_after_the_audit(tmp_path: Path):
    import datetime as dt

    config = tmp_path / "auditor.toml"
    config.write_text("[reports]\nanswer_within_days = 10\n", encoding="utf-8")
    out = tmp_path / "audit"
    result = audit_example("--out", out, "--config", config)
    assert result.exit_code == 0, result.output
    due = (dt.date.today() + dt.timedelta(days=10)).strftime("%d-%m-%Y")
    page = (out / "index.html").read_text(encoding="utf-8")
    # The date is kept on one line (a span), the sentence as written.
    assert f"Antwoord uiterlijk {due}." in re.sub(r"<[^>]+>", "", page)


def test_an_owner_who_left_hands_the_list_to_the_substitute(audit: Path):
    # Pieter de Wit left on 31-08-2026: Julia Schouten stands in on Zeist Bereikbaar.
    assert not (audit / "owners" / "pieter-de-wit.html").exists()
    page = (audit / "owners" / "julia-schouten.html").read_text(encoding="utf-8")
    assert "Zeist Bereikbaar" in page
    assert "vervanger van Pieter de Wit, die uit dienst is" in page
