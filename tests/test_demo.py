"""`auditor demo`: four quarterly audits of the Zeist example into one history, as a new user
sees them — new, persisting and fixed findings, the trend, and owners' answers read back."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from auditor.cli import cli
from auditor.demo import MARKER
from auditor.engine import finding_id
from auditor.fixtures.zeist import QUARTERS
from auditor.fixtures.zeist.expected import EXPECTED, WAIVED, Finding
from auditor.fixtures.zeist.responses import RETURNED, Row, cell_id

LATEST = QUARTERS[-1]
RESOLVED = {  # the fixes the example plants: gone in this quarter, present in the one before
    "2026-Q1": {("REG002", "youtube:raadzeist", None)},
    "2026-Q2": {
        ("OWN002", "facebook:sportiefzeist", None),
        ("SEC002", "facebook:sportiefzeist", None),
    },
    "2026-Q3": {("DOC004", "instagram:groenzeist", None)},
}
GROEN_TRAINING = ("DOC004", "instagram:groenzeist", None)
AFVAL_OWNER = ("OWN001", "x:afvalzeist", None)
AFVAL_NAME = ("STY001", "x:afvalzeist", None)
GROEN_ALT = ("STY004", "instagram:groenzeist", None)
EVENTS_LINK = ("STY002", "facebook:evenementenzeist", None)
ZORGT_REPLIES = ("RSP001", "facebook:zeistzorgt", None)
# How a reader knows the accounts the tables below name: display name and platform.
SHOWN_AS = {
    "facebook:sportiefzeist": "Sportief Zeist (Facebook)",
    "instagram:groenzeist": "Groen Zeist (Instagram)",
    "facebook:evenementenzeist": "Evenementen in Zeist (Facebook)",
}


def run_cli(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo run, into a folder an earlier demo left behind (so the rerun is tested too)."""
    out = tmp_path_factory.mktemp("demo") / "audit-demo"
    (out / "2025-Q4").mkdir(parents=True)
    (out / MARKER).write_text("made by auditor demo\n", encoding="utf-8")
    (out / "2025-Q4" / "left-over.html").write_text("an earlier demo", encoding="utf-8")
    # Not a history database: if the rerun kept it instead of starting fresh, it would fail.
    (out / "audit-history.sqlite").write_text("not a database", encoding="utf-8")
    result = run_cli("demo", "--out", out)
    assert result.exit_code == 0, result.output + repr(result.exception)
    return out


def findings_json(demo: Path, quarter: str) -> list[dict]:
    return json.loads((demo / quarter / "findings.json").read_text(encoding="utf-8"))["findings"]


def key(finding: dict) -> Finding:
    return finding["check_id"], finding["account_id"], finding.get("subject")


def fid(finding: Finding) -> str:
    return finding_id(*finding)


def expected_status(finding: Finding, quarter: str) -> str:
    if finding in WAIVED:
        return "waived"
    at = QUARTERS.index(quarter)
    if at == 0:
        return "open"
    return "persisting" if finding in EXPECTED[QUARTERS[at - 1]] else "new"


def row_of(finding: Finding) -> Row:
    return next(row for r in RETURNED for row in r.rows if row.finding == finding)


class _Tables(HTMLParser):
    """Every table's caption and rows (the row's attributes and its cells' visible text)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self._text: list[str] | None = None
        self._row: tuple[dict, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"id": dict(attrs).get("id"), "caption": "", "rows": []})
        elif tag == "tr" and self.tables:
            self._row = (dict(attrs), [])
            self.tables[-1]["rows"].append(self._row)
        elif tag in {"td", "th", "caption"} and self.tables:
            self._text = []

    def handle_endtag(self, tag):
        if tag in {"td", "th", "caption"} and self._text is not None:
            text = " ".join("".join(self._text).split())
            if tag == "caption":
                self.tables[-1]["caption"] = text
            elif self._row is not None:
                self._row[1].append(text)
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def tables(page: Path) -> list[dict]:
    parser = _Tables()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.tables


def table(page: Path, caption: str) -> list[list[str]]:
    found = [t for t in tables(page) if t["caption"] == caption]
    assert len(found) == 1, f"no single table {caption!r} in {page}"
    return [cells for _attrs, cells in found[0]["rows"] if cells]


def visible(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def finding_article(page: Path, finding: Finding) -> str:
    """The visible text of the finding's block on a department or owner page."""
    source = page.read_text(encoding="utf-8")
    articles = [a for a in source.split("<article")[1:] if f'id="f-{fid(finding)}"' in a]
    assert len(articles) == 1, f"{finding} is not shown once on {page}"
    return articles[0].split("</article>")[0]


def workbook_rows(path: Path, sheet: str) -> list[dict]:
    ws = load_workbook(path, read_only=True)[sheet]
    rows = ws.iter_rows(values_only=True)
    headers = next(rows)
    while "finding_id" not in headers:  # the findings sheet has an instruction above its table
        headers = next(rows)
    return [dict(zip(headers, values, strict=False)) for values in rows]


# ------------------------------------------------------------------ the four runs, in JSON


@pytest.mark.parametrize("quarter", QUARTERS)
def test_each_quarter_reports_its_planted_findings_with_new_persisting_or_waived(
    demo: Path, quarter: str
):
    found = {key(f): f["status"] for f in findings_json(demo, quarter)}
    assert set(found) == EXPECTED[quarter]
    assert found == {f: expected_status(f, quarter) for f in EXPECTED[quarter]}


def test_the_issue_s_examples_of_statuses(demo: Path):
    latest = {key(f): f["status"] for f in findings_json(demo, LATEST)}
    assert latest[("ACT002", "x:kerckebosch", None)] == "new"
    assert latest[AFVAL_OWNER] == "persisting"
    assert latest[("STY001", "x:hetrondzeist", None)] == "waived"
    first = {f["status"] for f in findings_json(demo, QUARTERS[0])}
    assert first == {"open", "waived"}  # nothing to compare the first audit with


@pytest.mark.parametrize(("quarter", "fixed"), sorted(RESOLVED.items()))
def test_fixed_findings_are_gone_from_the_quarter_after(demo: Path, quarter: str, fixed: set):
    before = {key(f) for f in findings_json(demo, QUARTERS[QUARTERS.index(quarter) - 1])}
    now = {key(f) for f in findings_json(demo, quarter)}
    assert before - now == fixed


def test_finding_ids_are_stable_over_the_quarters(demo: Path):
    ids = {key(f): f["finding_id"] for q in QUARTERS for f in findings_json(demo, q)}
    assert ids == {finding: fid(finding) for finding in ids}


def test_the_rerun_started_from_an_empty_folder(demo: Path):
    assert (demo / MARKER).exists()
    assert not (demo / "2025-Q4" / "left-over.html").exists()
    assert sorted(p.name for p in demo.iterdir() if p.is_dir()) == list(QUARTERS)


# ------------------------------------------------------------------ findings.json's history

# The `history` object as findings.json wrote it before the history was typed: other tools
# read it, so its keys, their order and their value types stay as they were.
HISTORY_KEYS = ["previous_period", "counts", "resolved", "gone", "trend"]
# `account_closed`: of the resolved, those that ended because the register closed the account.
COUNT_KEYS = ["new", "persisting", "resolved", "account_closed", "gone"]
RESOLVED_KEYS = [
    "finding_id",
    "check_id",
    "severity",
    "account_id",
    "platform",
    "department",
    "subject",
    "message",
    "account_closed",
]
TREND_KEYS = [
    "periods",
    "compliance",
    "compliance_by_department",
    "open_by_severity",
    "reply_median_business_hours",
]


def _is(value, *types) -> bool:
    return isinstance(value, types) and not (isinstance(value, bool) and bool not in types)


@pytest.mark.parametrize("quarter", QUARTERS)
def test_findings_json_history_keeps_its_shape(demo: Path, quarter: str):
    data = json.loads((demo / quarter / "findings.json").read_text(encoding="utf-8"))
    history = data["history"]
    assert list(history) == HISTORY_KEYS
    at = QUARTERS.index(quarter)
    assert history["previous_period"] == (QUARTERS[at - 1] if at else None)
    assert list(history["counts"]) == COUNT_KEYS
    assert all(_is(n, int) for n in history["counts"].values())
    assert history["counts"]["resolved"] == len(history["resolved"])
    assert history["counts"]["gone"] == len(history["gone"])
    for entry in history["resolved"]:
        assert list(entry) == RESOLVED_KEYS
        assert all(_is(entry[k], str) for k in ("finding_id", "check_id", "severity", "message"))
        assert all(_is(entry[k], str, type(None)) for k in RESOLVED_KEYS[3:7])
        assert _is(entry["account_closed"], bool)
    assert {(r["check_id"], r["account_id"], r["subject"]) for r in history["resolved"]} == (
        RESOLVED.get(quarter, set())
    )

    trend = history["trend"]
    assert list(trend) == TREND_KEYS
    assert trend["periods"] == list(QUARTERS[: at + 1])
    series = [
        trend["compliance"],
        trend["reply_median_business_hours"],
        *trend["compliance_by_department"].values(),
        *trend["open_by_severity"].values(),
    ]
    assert all(len(values) == len(trend["periods"]) for values in series)
    assert all(_is(v, float, type(None)) for v in trend["compliance"])
    assert all(_is(v, int) for values in trend["open_by_severity"].values() for v in values)
    assert list(trend["open_by_severity"]) == ["critical", "high", "medium", "low", "info"]


def test_findings_json_names_a_resolved_finding_as_it_named_it_open(demo: Path):
    [resolved] = json.loads((demo / LATEST / "findings.json").read_text(encoding="utf-8"))[
        "history"
    ]["resolved"]
    [before] = [
        f for f in findings_json(demo, QUARTERS[-2]) if f["finding_id"] == resolved["finding_id"]
    ]
    assert resolved == {
        **{k: before[k] for k in RESOLVED_KEYS if k not in ("subject", "account_closed")},
        "subject": before.get("subject"),
        "account_closed": False,
    }
    assert resolved == {
        "finding_id": fid(GROEN_TRAINING),
        "check_id": "DOC004",
        "severity": "medium",
        "account_id": "instagram:groenzeist",
        "platform": "instagram",
        "department": "Openbare Ruimte",
        "subject": None,
        "message": "geen training van de beheerder vastgelegd",
        "account_closed": False,
    }


# ------------------------------------------------------------------ the latest report, in HTML


def test_overview_counts_new_persisting_and_fixed_since_the_last_audit(demo: Path):
    page = (demo / LATEST / "index.html").read_text(encoding="utf-8")
    tiles = {
        visible(label): int(value)
        for value, label in re.findall(
            r'class="tile__value">([^<]*)</span><span class="tile__label">([^<]*)</span>', page
        )
    }
    now, before = EXPECTED[LATEST] - WAIVED, EXPECTED[QUARTERS[-2]] - WAIVED
    assert tiles["Nieuw"] == len(now - before)
    assert tiles["Blijvend"] == len(now & before)
    assert tiles["Opgelost"] == len(RESOLVED[LATEST])


@pytest.mark.parametrize("quarter", ["2026-Q2", "2026-Q3"])
def test_overview_lists_the_findings_fixed_since_the_last_audit(demo: Path, quarter: str):
    rows = table(
        demo / quarter / "index.html", "Bevindingen van vorige keer die nu niet meer voorkomen"
    )
    assert {(cells[1], cells[2]) for cells in rows[1:]} == {
        (check, SHOWN_AS[account]) for check, account, _ in RESOLVED[quarter]
    }


def test_overview_shows_the_trend_over_the_four_audits(demo: Path):
    rows = table(demo / LATEST / "index.html", "Kerncijfers per audit")
    header, *data = rows
    assert [cells[0] for cells in data] == list(QUARTERS)
    open_col = header.index("Open bevindingen")
    assert [int(cells[open_col]) for cells in data] == [len(EXPECTED[q] - WAIVED) for q in QUARTERS]


def test_findings_table_shows_each_finding_s_status(demo: Path):
    parsed = [t for t in tables(demo / LATEST / "index.html") if t["id"] == "findings-table"]
    assert len(parsed) == 1
    shown = {
        (attrs["data-check"], attrs["data-status"])
        for table_ in parsed
        for attrs, _cells in table_["rows"]
        if "data-check" in attrs
    }
    assert ("ACT002", "new") in shown
    assert ("OWN001", "persisting") in shown
    statuses = {status for _check, status in shown}
    assert statuses == {"new", "persisting", "waived"}


# ------------------------------------------------------------------ owners' answers


def test_answers_to_the_last_audit_are_shown_beside_their_finding(demo: Path):
    page = demo / LATEST / "departments" / "openbare-ruimte.html"
    waiver = visible(finding_article(page, AFVAL_OWNER))
    assert "Antwoord van de beheerder (2026-Q2)" in waiver
    assert "uitzondering aangevraagd" in waiver
    assert row_of(AFVAL_OWNER).comment in waiver
    working = visible(finding_article(page, GROEN_ALT))
    assert "in behandeling" in working
    assert row_of(GROEN_ALT).comment in working
    # The owner deleted this row from the returned file: no answer to show.
    assert "Antwoord van de beheerder" not in visible(finding_article(page, AFVAL_NAME))


@pytest.mark.parametrize("page", ["departments/evenementen.html", "owners/roos-maas.html"])
def test_fixed_according_to_the_owner_but_still_failing_is_said_plainly(demo: Path, page: str):
    article = finding_article(demo / LATEST / page, EVENTS_LINK)
    assert "finding__answer--contradiction" in article
    text = visible(article)
    assert "opgelost" in text
    assert row_of(EVENTS_LINK).comment in text
    assert "Gemeld als opgelost, maar de controle vindt het nog steeds" in text


def test_overview_lists_contradictions_and_the_answer_that_matches_nothing(demo: Path):
    index = demo / LATEST / "index.html"
    contradictions = table(index, "Gemeld als opgelost, maar de controle vindt het nog steeds")
    assert [cells[:2] for cells in contradictions[1:]] == [
        [EVENTS_LINK[0], SHOWN_AS[EVENTS_LINK[1]]]
    ]
    unmatched = table(index, "Antwoorden die niet zijn meegeteld")[1:]
    mangled = row_of(ZORGT_REPLIES)
    assert len(unmatched) == 1
    file, sheet, row, reason = unmatched[0]
    returned = next(r for r in RETURNED if mangled in r.rows)
    assert Path(file).name == f"{returned.slug}.xlsx"
    assert sheet == "Bevindingen"
    kept = [r for r in returned.rows if not r.deleted]
    assert int(row) == kept.index(mangled) + 2
    assert cell_id(mangled) in reason
    text = visible(index.read_text(encoding="utf-8"))
    assert "5 beantwoord, 3 onaangeroerd, 1 niet meegeteld, 1 in tegenspraak" in text


def test_answers_come_only_from_the_files_returned_after_the_previous_audit(demo: Path):
    # Earlier audits had no returned files: no answers section, no answer beside a finding.
    for quarter in QUARTERS[:-1]:
        text = visible((demo / quarter / "index.html").read_text(encoding="utf-8"))
        assert "Antwoorden van beheerders" not in text
        pack = demo / quarter / "departments" / "evenementen.html"
        assert "Antwoord van de beheerder" not in visible(pack.read_text(encoding="utf-8"))


# ------------------------------------------------------------------ the workbook


def test_workbook_marks_findings_new_persisting_or_waived(demo: Path):
    rows = workbook_rows(demo / LATEST / "audit.xlsx", "Bevindingen")
    labels = {"new": "nieuw", "persisting": "blijvend", "waived": "uitzondering"}
    shown = {row["finding_id"]: row["Auditstatus"] for row in rows}
    expected = {fid(f): expected_status(f, LATEST) for f in EXPECTED[LATEST]}
    assert set(shown) == set(expected)
    assert {fid_: shown[fid_] for fid_ in expected if expected[fid_] != "waived"} == {
        fid_: labels[status] for fid_, status in expected.items() if status != "waived"
    }


def _all_rows(path: Path) -> dict[str, list[tuple]]:
    wb = load_workbook(path, read_only=True)
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb}


def test_workbook_has_the_trend_and_the_fixed_findings(demo: Path):
    sheets = _all_rows(demo / LATEST / "audit.xlsx")
    trend = [name for name in sheets if name in {"Ontwikkeling", "Trend"}]
    assert trend, f"no trend sheet among {list(sheets)}"
    cells = [c for row in sheets[trend[0]] for c in row]
    assert all(q in cells for q in QUARTERS)
    assert any(
        "DOC004" in row and "Groen Zeist (Instagram @groenzeist)" in row
        for name, rows in sheets.items()
        for row in rows
    )


def test_workbook_shows_the_owners_answers_beside_their_finding(demo: Path):
    rows = workbook_rows(demo / LATEST / "audit.xlsx", "Bevindingen")
    by_id = {row["finding_id"]: row for row in rows}
    events = [str(v) for v in by_id[fid(EVENTS_LINK)].values() if v is not None]
    assert row_of(EVENTS_LINK).comment in " ".join(events)
    waiver = [str(v) for v in by_id[fid(AFVAL_OWNER)].values() if v is not None]
    assert row_of(AFVAL_OWNER).comment in " ".join(waiver)


# ------------------------------------------------------------------ history and reruns


def test_history_lists_the_four_quarters(demo: Path):
    history = demo / "audit-history.sqlite"
    listing = run_cli("history", "--history", history)
    assert listing.exit_code == 0, listing.output
    header, *lines = listing.output.splitlines()
    assert [line.split()[0] for line in lines] == list(QUARTERS)
    # A Dutch heading wider than its column widens the column, for the rows as well.
    assert header.startswith("periode      uitgevoerd op     accounts  open uitzondering")
    waived_ends = header.index("uitzondering") + len("uitzondering")
    assert all(line[waived_ends - 1].isdigit() and line[waived_ends] == " " for line in lines)
    assert "hoog" in lines[-1] and "mediaan reactie" in header

    english = run_cli("history", "--history", history, "--lang", "en")
    assert english.exit_code == 0, english.output
    assert english.output.splitlines()[0] == (  # the median with its unit
        "period       run at            accounts  open waived compliant "
        "reply median (business hours)  by severity"
    )

    as_json = run_cli("history", "--history", history, "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    runs = json.loads(as_json.output)
    assert [r["period"]["label"] for r in runs] == list(QUARTERS)
    assert [(r["open"], r["waived"]) for r in runs] == [
        (len(EXPECTED[q] - WAIVED), len(EXPECTED[q] & WAIVED)) for q in QUARTERS
    ]


def test_a_folder_not_made_by_the_demo_is_refused(tmp_path: Path):
    out = tmp_path / "audits"
    out.mkdir()
    (out / "register.xlsx").write_bytes(b"someone's own work")
    result = run_cli("demo", "--out", out)
    assert result.exit_code == 2
    assert "auditor demo" in result.output
    assert (out / "register.xlsx").read_bytes() == b"someone's own work"
    assert [p.name for p in out.iterdir()] == ["register.xlsx"]


def test_a_department_whose_active_accounts_comply_is_not_all_clear_with_a_closed_one_posting(
    demo: Path,
):
    # Communicatie's only open finding is on a closed account still posting (REG002): its page
    # said "Alle actieve accounts voldoen aan het beleid." in the green box, then "1 open
    # bevinding: 1 hoog".
    own = [
        f
        for f in findings_json(demo, LATEST)
        if f["account_id"] == "x:zeistnieuws" and f["status"] != "waived"
    ]
    assert [f["check_id"] for f in own] == ["REG002"]
    page = (demo / LATEST / "departments" / "communicatie.html").read_text(encoding="utf-8")
    verdict = re.search(r'<p class="verdict verdict--(\w+)">(.*?)</p>', page, re.S)
    assert verdict is not None
    assert verdict[1] == "urgent"
    said = visible(verdict[2])
    assert said.startswith("Alle actieve accounts voldoen aan het beleid; de open bevindingen")
    assert "1 open bevinding: 1 hoog." in said
