"""The bundled Zeist example: reproducible from its generator, well-formed, small, and exact
about the violations it plants."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from auditor.fixtures.zeist import FOLDER, QUARTERS, exports_path, register_path
from auditor.fixtures.zeist import register_data as data
from auditor.fixtures.zeist.expected import EXPECTED, WAIVED
from auditor.fixtures.zeist.generate import EXPORT_QUARTERS, generate

POLICY_CHECKS = [
    "OWN001",
    "OWN002",
    "OWN003",
    "OWN004",
    "OWN005",
    "OWN006",
    "REG001",
    "REG002",
    "REG003",
    "DOC001",
    "DOC002",
    "DOC003",
    "DOC004",
    "DOC005",
    "STY001",
    "STY002",
    "STY003",
    "STY004",
    "ACT001",
    "ACT002",
    "ACT003",
    "RSP001",
    "RSP002",
    "CON001",
    "CON002",
]
MAIN_ACCOUNTS = {
    "x:gemeentezeist",
    "facebook:gemeentezeist",
    "instagram:gemeentezeist",
    "linkedin:gemeente-zeist",
    "youtube:gemeentezeist",
}
X_EPOCH_MS = 1288834974657


def committed_files() -> list[Path]:
    return sorted(
        p.relative_to(FOLDER)
        for p in FOLDER.rglob("*")
        if p.suffix in {".csv", ".xlsx"} and "__pycache__" not in p.parts
    )


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("zeist")
    generate(target)
    return target


def test_regenerating_gives_the_committed_files_byte_for_byte(regenerated: Path):
    made = sorted(p.relative_to(regenerated) for p in regenerated.rglob("*") if p.is_file())
    assert made == committed_files()
    changed = [p for p in made if (regenerated / p).read_bytes() != (FOLDER / p).read_bytes()]
    assert changed == [], "run `python -m auditor.fixtures.zeist.generate` and commit the result"


def test_fixtures_stay_small():
    files = [FOLDER / p for p in committed_files()]
    assert sum(f.stat().st_size for f in files) < 3_000_000
    csv_rows = sum(f.read_bytes().count(b"\n") for f in files if f.suffix == ".csv")
    assert 5_000 < csv_rows < 50_000


@pytest.mark.parametrize("quarter", QUARTERS)
def test_register_reads_like_the_teams_own_workbook(quarter: str):
    wb = openpyxl.load_workbook(register_path(quarter))
    assert wb.sheetnames == ["Accounts", "Medewerkers", "Afdelingen", "Uitzonderingen"]
    accounts = wb["Accounts"]
    assert accounts["A1"].value == "Register social media-accounts gemeente Zeist"
    assert all(cell.value is None for cell in accounts[2])
    assert tuple(cell.value for cell in accounts[3]) == data.ACCOUNT_HEADERS
    assert accounts.freeze_panes == "A4"
    assert accounts.max_row - 3 == len(data.accounts_for(quarter))
    for sheet, headers in (
        ("Medewerkers", data.STAFF_HEADERS),
        ("Afdelingen", data.DEPARTMENT_HEADERS),
        ("Uitzonderingen", data.WAIVER_HEADERS),
    ):
        assert tuple(cell.value for cell in wb[sheet][1]) == headers


def test_registers_grow_and_change_between_audits():
    counts = [len(data.accounts_for(q)) for q in QUARTERS]
    assert counts == [25, 26, 26, 27]
    gone = {row["Naam"]: row for row in data.staff_for("2026-Q3") if row["In dienst"] == "nee"}
    assert gone["Pieter de Wit"]["Uit dienst per"] == dt.date(2026, 8, 31)
    earlier = {row["Naam"]: row["In dienst"] for row in data.staff_for("2026-Q2")}
    assert earlier["Pieter de Wit"] == "ja"


def test_register_values_are_typed_as_people_type_them():
    wb = openpyxl.load_workbook(register_path())
    rows = list(wb["Accounts"].iter_rows(min_row=4, values_only=True))
    column = {h: i for i, h in enumerate(data.ACCOUNT_HEADERS)}
    platforms = {r[column["Platform"]] for r in rows}
    assert {"Twitter", "X", "Facebook", "Instagram", "LinkedIn", "YouTube", "TikTok"} <= platforms
    handles = [r[column["Account"]] for r in rows]
    assert any(h.startswith("@") for h in handles)
    assert any(h.startswith("https://") for h in handles)
    started = [r[column["Gestart"]] for r in rows]
    assert any(isinstance(s, dt.datetime) for s in started)
    assert any(isinstance(s, str) and re.fullmatch(r"\d\d-\d\d-\d{4}", s) for s in started)
    assert {"ja", "nee", "x"} <= {r[column["Communicatie betrokken"]] for r in rows}


def test_every_quarter_has_every_export_format():
    for q in EXPORT_QUARTERS:
        names = [p.name for p in (exports_path() / q.label).iterdir()]
        patterns = [
            r"account_analytics_content_.*\.csv",
            r"[A-Z][a-z]{2}-\d\d-\d{4}_[A-Z][a-z]{2}-\d\d-\d{4}_412\d+\.csv",
            r"[A-Z][a-z]{2}-\d\d-\d{4}_[A-Z][a-z]{2}-\d\d-\d{4}_977\d+\.csv",
            r"werkenbijzeist_content_\d{13}\.xlsx",
            r"nevenaccounts_berichten_.*\.csv",
            r"webcare_nevenaccounts_.*\.csv",
        ]
        if q.label != "2025-Q3":
            patterns.append(r"hootsuite_inbox_\d{8}_\d{8}\.csv")
        for pattern in patterns:
            assert sum(bool(re.fullmatch(pattern, n)) for n in names) == 1, (q.label, pattern)


def _x_analytics(quarter: str) -> pd.DataFrame:
    (path,) = (exports_path() / quarter).glob("account_analytics_content_*.csv")
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_x_post_ids_carry_the_time_the_date_column_shows():
    posts = _x_analytics("2026-Q3")
    posts = posts[posts["Post id"] != ""]
    ms = posts["Post id"].map(lambda i: (int(i) >> 22) + X_EPOCH_MS)
    day = pd.to_datetime(ms, unit="ms", utc=True).dt.date
    shown = pd.to_datetime(posts["Date"], format="%a, %b %d, %Y").dt.date
    assert len(posts) > 100
    assert (day == shown).all()


def test_x_analytics_has_the_junk_row_real_exports_have():
    junk = _x_analytics("2026-Q3").query("`Post id` == ''")
    assert junk["Post Link"].tolist() == ["https://x.com/gemeentezeist/status/undefined"]


def test_meta_export_has_bom_pacific_times_and_multiline_captions():
    (path,) = (exports_path() / "2026-Q3").glob("*_412*.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    assert header.count("Views") == 2
    times = [r[header.index("Publish time")] for r in body]
    assert all(re.fullmatch(r"\d\d/\d\d/2026 \d\d:\d\d", t) for t in times)
    # Posted in Dutch daytime (08:00–20:00), hence 23:00–11:00 in Los Angeles.
    hours = {int(t[11:13]) for t in times}
    assert hours <= set(range(23, 24)) | set(range(0, 12))
    assert any("\n" in r[header.index("Description")] for r in body)


def test_linkedin_urns_carry_the_created_date():
    (path,) = (exports_path() / "2026-Q3").glob("werkenbijzeist_content_*.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Metrics", "All posts"]
    rows = list(wb["All posts"].iter_rows(values_only=True))
    assert rows[0][0].startswith("All posts from")  # the description row above the header
    header = rows[1]
    link, created = header.index("Post link"), header.index("Created date")
    for row in rows[2:]:
        urn = int(row[link].rsplit(":", 1)[1])
        when = pd.Timestamp(urn >> 22, unit="ms", tz="UTC").tz_convert("Europe/Amsterdam")
        assert when.strftime("%m/%d/%Y") == row[created]


def test_inbox_pairs_every_reply_with_an_earlier_question_in_its_conversation():
    (path,) = (exports_path() / "2026-Q3").glob("hootsuite_inbox_*.csv")
    inbox = pd.read_csv(path, dtype=str, keep_default_na=False)
    inbox["at"] = pd.to_datetime(inbox["Created at"], utc=True)
    opened = inbox[inbox["Direction"] == "inbound"].groupby("Conversation ID")["at"].min()
    # The file starts two days early; replies to questions from before that are in the last one.
    replies = inbox[inbox["Direction"].eq("outbound") & inbox["Conversation ID"].isin(opened.index)]
    assert len(replies) > 300
    assert set(inbox["Medium"]) == {"Twitter", "Facebook", "Instagram"}
    assert (replies["at"].to_numpy() > opened.reindex(replies["Conversation ID"]).to_numpy()).all()


def test_every_policy_check_is_planted_in_the_latest_quarter():
    latest = EXPECTED[QUARTERS[-1]]
    assert set(POLICY_CHECKS) <= {check for check, _, _ in latest}
    assert latest >= WAIVED


def test_main_accounts_are_clean_in_every_quarter():
    for findings in EXPECTED.values():
        assert not {account for _, account, _ in findings} & MAIN_ACCOUNTS


def test_readme_table_lists_exactly_the_expected_latest_findings():
    text = (FOLDER / "README.md").read_text(encoding="utf-8")
    section = text.split("## Deliberate violations in 2026-Q3", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| ([A-Z]{3}\d{3}) \|([^|]*)\|([^|]*)\|", section, re.MULTILINE)
    listed = {
        (check, None if account.strip() in {"", "—"} else account.strip(), subject.strip() or None)
        for check, account, subject in rows
    }
    assert listed == EXPECTED[QUARTERS[-1]]
