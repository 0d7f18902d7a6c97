"""The audit history file: recording, idempotent re-runs, concurrency, refusing foreign files."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from auditor.activity.frame import LedgerEntry
from auditor.config import Config
from auditor.history import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    HistoryStore,
    config_digest,
    default_path,
)
from auditor.history_model import ResolvedFinding
from auditor.messages import AccountRef, Message
from auditor.models import Finding, FindingStatus, Period, Severity
from auditor.problems import InputError
from auditor.responses import OwnerAnswer, OwnerStatus
from auditor.result import AccountResult, AuditResult

QUARTERS = {
    "2026-Q1": (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    "2026-Q2": (dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    "2026-Q3": (dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
    "2026-Q4": (dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
}


def quarter(label: str) -> Period:
    start, end = QUARTERS[label]
    return Period(label=label, start=start, end=end)


def finding(
    fid: str,
    account_id: str | None = "x:ruimte",
    *,
    severity: Severity = Severity.HIGH,
    department: str | None = "Ruimte",
    waived: bool = False,
) -> Finding:
    return Finding(
        finding_id=fid,
        check_id=fid.split("-")[0],
        severity=severity,
        account_id=account_id,
        platform="x" if account_id else None,
        department=department,
        status=FindingStatus.WAIVED if waived else FindingStatus.OPEN,
        message=said(f"melding {fid}", f"message {fid}"),
        evidence={"measured": 25.5, "limit": 8},
        fix=said("herstel", "fix"),
    )


def said(nl: str, en: str) -> Message:
    """A message of given texts (the form an audit recorded before messages were data has)."""
    return Message("history.stored_text", nl=nl, en=en)


def account(
    account_id: str,
    department: str | None,
    *,
    status: str = "active",
    registered: bool = True,
    reply_median: float | None = None,
) -> AccountResult:
    platform, handle = account_id.split(":")
    metrics: dict[str, Any] = {"posts": 10, "reply_median_business_hours": reply_median}
    return AccountResult(
        account_id=account_id,
        platform=platform,
        handle=handle,
        department=department,
        status=status,
        registered=registered,
        metrics=metrics,
    )


def make_result(
    label: str,
    findings: list[Finding],
    accounts: list[AccountResult] | None = None,
    *,
    run_at: dt.datetime | None = None,
) -> AuditResult:
    return AuditResult(
        tool_version="0.1.0",
        generated_at=run_at or dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC),
        organisation="Gemeente Zeist",
        period=quarter(label),
        inputs=[
            LedgerEntry(
                path="exports/x.csv",
                format="canonical",
                sha256="ab" * 32,
                rows_read=3,
                rows_used=2,
                rows_rejected=1,
                rejected=[{"row": 3, "reason": "no timestamp"}],
            )
        ],
        accounts=accounts
        if accounts is not None
        else [account("x:ruimte", "Ruimte", reply_median=4.0)],
        departments=[],
        findings=findings,
        skipped=[],
    )


def table_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("runs", "inputs", "accounts", "findings")
        }


def test_record_keeps_the_whole_run(tmp_path: Path) -> None:
    path = tmp_path / "audit-history.sqlite"
    result = make_result("2026-Q2", [finding("OWN002-a"), finding("RSP001-b", waived=True)])
    with HistoryStore.open(path) as store:
        store.record(result, "digest-1")
    with HistoryStore.open(path) as store:
        run = store.previous_run(quarter("2026-Q3"))
    assert run is not None
    assert (run.period, run.tool_version, run.config_digest) == (
        quarter("2026-Q2"),
        "0.1.0",
        "digest-1",
    )
    assert run.run_at == result.generated_at
    assert run.inputs == result.inputs
    assert [(f.finding_id, f.status) for f in run.findings] == [
        ("OWN002-a", FindingStatus.OPEN),
        ("RSP001-b", FindingStatus.WAIVED),
    ]
    assert run.findings[0].message == said("melding OWN002-a", "message OWN002-a")
    assert run.findings[0].evidence == {"measured": 25.5, "limit": 8}


def typed_message() -> Message:
    """A message made of typed values: an account with its department, dates, a nested
    message, a list."""
    return Message(
        "activity.account_partly_covered",
        account=AccountRef(account_id="x:ruimte", department="Ruimte"),
        files=Message("activity.files", files=["a.csv", "b.csv"]),
        stretches=[
            Message("activity.stretch", first=dt.date(2026, 8, 1), last=dt.date(2026, 9, 30))
        ],
        period=Message(
            "activity.period_span",
            period="2026-Q3",
            first=dt.date(2026, 7, 1),
            last=dt.date(2026, 9, 30),
        ),
    )


def test_a_message_is_stored_as_data_and_renders_again_in_either_language(
    tmp_path: Path,
) -> None:
    path = tmp_path / "h.sqlite"
    stored = finding("ACT002-ruimte")
    stored.message = typed_message()
    with HistoryStore.open(path) as store:
        store.record(make_result("2026-Q2", [stored]), "d")
        [again] = store.run("2026-Q2").findings
    assert again.message == stored.message
    assert again.message.params["account"].department == "Ruimte"
    assert again.message("nl") == (
        "x:ruimte: de exports (a.csv, b.csv) beslaan 01-08-2026 – 30-09-2026, niet heel "
        "2026-Q3 (01-07-2026 – 30-09-2026); de activiteit wordt niet beoordeeld"
    )
    # The texts of the time beside it, for a reader of the bare file.
    with sqlite3.connect(path) as conn:
        nl, en = conn.execute("SELECT message_nl, message_en FROM findings").fetchone()
    conn.close()
    assert (nl, en) == (stored.message("nl"), stored.message("en"))


def test_a_stored_message_this_catalogue_cannot_render_is_read_as_its_texts(
    tmp_path: Path,
) -> None:
    path = tmp_path / "h.sqlite"
    with HistoryStore.open(path) as store:
        store.record(make_result("2026-Q2", [finding("OWN002-a")]), "d")
    with sqlite3.connect(path) as conn:
        conn.execute("""UPDATE findings SET message = '{"key": "OWN002.gone", "params": {}}'""")
    conn.close()
    with HistoryStore.open(path) as store:
        [again] = store.run("2026-Q2").findings
    assert again.message == said("melding OWN002-a", "message OWN002-a")
    assert (again.message("nl"), again.message("en")) == ("melding OWN002-a", "message OWN002-a")


def test_a_version_2_history_keeps_its_texts_and_stores_new_audits_as_data(
    tmp_path: Path,
) -> None:
    path = tmp_path / "h.sqlite"
    old = finding("OWN002-a")
    old.message = typed_message()
    with HistoryStore.open(path, schema_version=2) as store:
        store.record(make_result("2026-Q1", [old]), "d")
    with sqlite3.connect(path) as conn:
        columns = [c[1] for c in conn.execute("PRAGMA table_info(findings)")]
    conn.close()
    assert "message" not in columns

    with HistoryStore.open(path) as store:
        assert store.schema_version == 3
        [before] = store.previous_run(quarter("2026-Q2")).findings
        new = finding("OWN002-a")
        new.message = typed_message()
        store.record(make_result("2026-Q2", [new]), "d")
        [after] = store.run("2026-Q2").findings
    # Recorded before messages were data: the texts of the time, in both languages.
    assert before.message == Message(
        "history.stored_text", nl=typed_message()("nl"), en=typed_message()("en")
    )
    assert before.message("nl") == typed_message()("nl")
    assert before.message("en") == typed_message()("en")
    assert after.message == typed_message()


def test_previous_run_is_the_latest_strictly_before(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "h.sqlite") as store:
        for label in ("2026-Q3", "2026-Q1", "2026-Q2"):
            store.record(make_result(label, []), "d")
        assert store.previous_run(quarter("2026-Q3")).period.label == "2026-Q2"
        assert store.previous_run(quarter("2026-Q4")).period.label == "2026-Q3"
        assert store.previous_run(quarter("2026-Q1")) is None


def test_rerunning_a_period_replaces_it(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    first = make_result("2026-Q2", [finding("OWN002-a"), finding("OWN001-b")])
    again = make_result("2026-Q2", [finding("OWN002-a")])
    with HistoryStore.open(path) as store:
        store.record(make_result("2026-Q1", [finding("OWN002-a")]), "d")
        store.record(first, "d")
        counts = table_counts(path)
        store.record(first, "d")
        assert table_counts(path) == counts
        store.record(again, "d2")
        runs = store.runs()
        assert [r.period.label for r in runs] == ["2026-Q1", "2026-Q2"]
        assert (runs[1].open, runs[1].config_digest) == (1, "d2")
        assert [f.finding_id for f in store.run("2026-Q2").findings] == ["OWN002-a"]
    assert table_counts(path) == {"runs": 2, "inputs": 2, "accounts": 2, "findings": 2}


def test_runs_give_the_headline_figures(tmp_path: Path) -> None:
    accounts = [
        account("x:ruimte", "Ruimte", reply_median=2.0),
        account("x:sport", "Ruimte", reply_median=6.0),
        account("x:jeugd", "Sociaal", reply_median=9.0),
        account("x:oud", "Sociaal", status="closed"),  # not counted for compliance
        account("x:wild", None, registered=False),  # found in activity only
    ]
    findings = [
        finding("OWN002-a", "x:ruimte", severity=Severity.HIGH),
        finding("RSP001-a", "x:ruimte", severity=Severity.MEDIUM),
        finding("OWN001-j", "x:jeugd", severity=Severity.HIGH, waived=True),
        finding("REG001-p", None, severity=Severity.LOW, department=None),
    ]
    with HistoryStore.open(tmp_path / "h.sqlite") as store:
        store.record(make_result("2026-Q2", findings, accounts), "d")
        [summary] = store.runs()
        rows = store.runs_json()
    assert summary.accounts == 4
    assert summary.open == 3
    assert summary.open_by_severity == {"high": 1, "medium": 1, "low": 1}
    assert summary.waived == 1
    assert summary.compliance == round(2 / 3, 4)  # x:sport and x:jeugd (waived) comply
    assert summary.reply_median_business_hours == 6.0
    assert rows[0]["period"] == {"label": "2026-Q2", "start": "2026-04-01", "end": "2026-06-30"}
    assert rows[0]["compliance"] == 0.6667


def test_trend_lists_the_last_periods_up_to_one(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "h.sqlite") as store:
        store.record(make_result("2026-Q1", [finding("OWN002-a")]), "d")
        store.record(make_result("2026-Q2", []), "d")
        store.record(make_result("2026-Q3", [finding("OWN002-a")]), "d")
        trend = store.trend(last=2, up_to=quarter("2026-Q2"))
    assert trend.periods == ["2026-Q1", "2026-Q2"]
    assert trend.compliance == [0.0, 1.0]
    assert trend.compliance_by_department == {"Ruimte": [0.0, 1.0]}
    assert trend.open_by_severity["high"] == [1, 0]
    assert trend.reply_median_business_hours == [4.0, 4.0]


def test_config_digest_follows_the_settings() -> None:
    assert config_digest(Config()) == config_digest(Config())
    changed = Config(timezone="Europe/Brussels")
    assert config_digest(changed) != config_digest(Config())


def _write_runs(path: str, labels: list[str], barrier: Any) -> None:
    barrier.wait()
    for label in labels:
        with HistoryStore.open(path) as store:
            store.record(make_result(label, [finding("OWN002-a"), finding(f"OWN001-{label}")]), "d")


def test_two_audits_writing_at_once_both_land(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"  # not created yet: both processes race to create it too
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(2)
    writers = [
        context.Process(target=_write_runs, args=(str(path), labels, barrier))
        for labels in (["2026-Q1", "2026-Q3"] * 5, ["2026-Q2", "2026-Q3"] * 5)
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert [w.exitcode for w in writers] == [0, 0]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert table_counts(path) == {"runs": 3, "inputs": 3, "accounts": 3, "findings": 6}
    with HistoryStore.open(path) as store:
        assert [r.period.label for r in store.runs()] == ["2026-Q1", "2026-Q2", "2026-Q3"]


def _our_history(path: Path) -> None:
    with HistoryStore.open(path) as store:
        for label in ("2026-Q1", "2026-Q2"):
            findings = [finding(f"OWN00{i}-{label}") for i in range(1, 9)]
            store.record(make_result(label, findings * 1), "d")


def _text_file(path: Path) -> None:
    path.write_text("period;findings\n2026-Q1;12\n" * 20, encoding="utf-8")


def _foreign_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('Jansen')")
    conn.close()


def _truncated_header(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 40)


def _damaged_pages(path: Path) -> None:
    _our_history(path)
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    assert len(data) >= 4 * page_size
    data[page_size : 3 * page_size] = b"\xa5" * (2 * page_size)
    path.write_bytes(bytes(data))


def _garbled_header(path: Path) -> None:
    _our_history(path)
    data = bytearray(path.read_bytes())
    data[0:16] = b"not a database!!"
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (_text_file, "not an SQLite database"),
        (_foreign_sqlite, "another program (tables: customers, runs)"),
        (_truncated_header, "not an SQLite database"),
        (_damaged_pages, "damaged"),
        (_garbled_header, "not an SQLite database"),
    ],
)
def test_a_file_that_is_not_our_history_is_refused_and_left_alone(
    tmp_path: Path, make: Any, says: str
) -> None:
    path = tmp_path / "audit-history.sqlite"
    make(path)
    before = path.read_bytes()
    with pytest.raises(InputError) as error:
        HistoryStore.open(path)
    assert says in error.value.message("en")
    assert "left unchanged" in error.value.message("en")
    assert "niet gewijzigd" in error.value.render("nl")
    assert error.value.path == str(path)
    assert path.read_bytes() == before


def test_a_history_from_a_newer_auditor_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    HistoryStore.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(InputError) as error:
        HistoryStore.open(path)
    assert "newer version" in error.value.render("en")
    assert f"schema v{SCHEMA_VERSION + 1}" in error.value.render("nl")


def test_an_empty_file_becomes_a_history(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    path.touch()
    with HistoryStore.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    conn.close()


def test_a_version_1_history_is_migrated_forwards(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    with HistoryStore.open(path, schema_version=1) as old:
        old.record(make_result("2026-Q1", [finding("OWN002-a")]), "d")
        assert old.schema_version == 1
        assert old.responses() == {}
        with pytest.raises(RuntimeError, match="schema v2"):
            old.record_responses([], quarter("2026-Q1"))
    with sqlite3.connect(path) as conn:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "responses" not in tables

    with HistoryStore.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION == 3
        run = store.previous_run(quarter("2026-Q2"))
        assert [f.finding_id for f in run.findings] == ["OWN002-a"]
        answer = OwnerAnswer(
            finding_id="OWN002-a",
            status=OwnerStatus.RESOLVED,
            comment="vervanger staat erin",
            file="audit.xlsx",
            sheet="Bevindingen",
            row=5,
        )
        store.record_responses([answer], quarter("2026-Q1"))
        stored = store.responses(up_to=quarter("2026-Q2"))
    assert stored["OWN002-a"].status == "resolved"
    assert stored["OWN002-a"].period == "2026-Q1"
    with sqlite3.connect(path) as conn:
        indexes = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "findings_by_finding_id" in indexes


def test_latest_answer_wins_and_later_periods_stay_out(tmp_path: Path) -> None:
    def answer(status: OwnerStatus, row: int) -> OwnerAnswer:
        return OwnerAnswer(
            finding_id="OWN002-a", status=status, file="a.xlsx", sheet="Bevindingen", row=row
        )

    with HistoryStore.open(tmp_path / "h.sqlite") as store:
        store.record_responses([answer(OwnerStatus.IN_PROGRESS, 3)], quarter("2026-Q1"))
        store.record_responses([answer(OwnerStatus.RESOLVED, 4)], quarter("2026-Q2"))
        assert store.responses(up_to=quarter("2026-Q1"))["OWN002-a"].status == "in_progress"
        assert store.responses(up_to=quarter("2026-Q3"))["OWN002-a"].status == "resolved"
        # answering the same audit again replaces the earlier answer, it does not add one
        store.record_responses([answer(OwnerStatus.WAIVER_REQUESTED, 4)], quarter("2026-Q2"))
        assert store.responses()["OWN002-a"].status == "waiver_requested"


def test_the_default_history_lies_beside_the_output_folder(tmp_path: Path) -> None:
    assert default_path(tmp_path / "audit-2026-Q3") == tmp_path.resolve() / "audit-history.sqlite"


def test_a_history_in_a_folder_not_yet_made_is_created(tmp_path: Path) -> None:
    path = tmp_path / "archief" / "audit-history.sqlite"
    with HistoryStore.open(path) as store:
        store.record(make_result("2026-Q1", []), "d")
    assert path.is_file()


def test_a_folder_is_no_history(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        HistoryStore.open(tmp_path)
    assert "is a folder" in error.value.render("en")


def test_a_message_in_a_history_model_survives_json_and_reads_old_texts() -> None:
    resolved = ResolvedFinding(
        finding_id="ACT002-ruimte",
        check_id="ACT002",
        severity=Severity.MEDIUM,
        account_id="x:ruimte",
        platform="x",
        department="Ruimte",
        message=typed_message(),
    )
    again = ResolvedFinding.model_validate_json(resolved.model_dump_json())
    assert again.message == resolved.message
    assert again.message.params["account"].department == "Ruimte"
    old = ResolvedFinding.model_validate(
        {**resolved.model_dump(), "message": {"nl": "melding", "en": "message"}}
    )
    assert (old.message("nl"), old.message("en")) == ("melding", "message")
