"""The audit history: one SQLite file that remembers every quarter's audit.

Each run stores its period, run time, tool version, config digest, the input ledger, the
accounts with their metrics and every finding (status, severity, department, and its message:
the catalogue key with its values, so it renders again in any language, beside its text in
both languages as it read at the time). Owners' answers to a report are kept beside the runs,
keyed by finding and by the period they answered. The quarterly comparison (`auditor.compare`)
and the trend in the reports read from here.

Safety rules, because the file holds years of audits:
- a file that is not ours (a text file, another program's SQLite database, a damaged file) is
  refused with `InputError` before anything writes to it;
- re-recording a period replaces that period in one transaction, so a re-run is idempotent;
- writers take the lock up front (`BEGIN IMMEDIATE`) and wait for each other (busy timeout,
  WAL), so two audits at once both land and never interleave.

The schema is versioned with `PRAGMA user_version`; `_MIGRATIONS[n]` brings version n to n + 1.
The file is marked as ours with `PRAGMA application_id`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from auditor.activity.frame import LedgerEntry
from auditor.config import Config
from auditor.history_model import Trend
from auditor.messages import STORED_TEXT, Message, StoredMessage, languages
from auditor.models import FindingStatus, Period, Severity
from auditor.problems import InputError, os_reason
from auditor.result import AuditResult

DEFAULT_FILENAME = "audit-history.sqlite"
APPLICATION_ID = 0x534D4155  # "SMAU": tells our history files from any other SQLite file
BUSY_TIMEOUT_MS = 60_000
_SQLITE_MAGIC = b"SQLite format 3\x00"

_V1 = """
CREATE TABLE runs (
    run_id        INTEGER PRIMARY KEY,
    period_label  TEXT NOT NULL UNIQUE,
    period_start  TEXT NOT NULL,
    period_end    TEXT NOT NULL,
    run_at        TEXT NOT NULL,
    tool_version  TEXT NOT NULL,
    config_digest TEXT NOT NULL,
    organisation  TEXT NOT NULL
);
CREATE TABLE inputs (
    run_id   INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    path     TEXT NOT NULL,
    format   TEXT NOT NULL,
    sha256   TEXT NOT NULL,
    ledger   TEXT NOT NULL,
    PRIMARY KEY (run_id, position)
);
CREATE TABLE accounts (
    run_id     INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    account_id TEXT NOT NULL,
    platform   TEXT NOT NULL,
    type       TEXT,
    department TEXT,
    status     TEXT,
    registered INTEGER NOT NULL,
    metrics    TEXT NOT NULL,
    PRIMARY KEY (run_id, account_id)
);
CREATE TABLE findings (
    run_id     INTEGER NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    finding_id TEXT NOT NULL,
    check_id   TEXT NOT NULL,
    severity   TEXT NOT NULL,
    status     TEXT NOT NULL,
    account_id TEXT,
    platform   TEXT,
    department TEXT,
    subject    TEXT,
    message_nl TEXT NOT NULL,
    message_en TEXT NOT NULL,
    evidence   TEXT NOT NULL,
    PRIMARY KEY (run_id, finding_id)
);
"""

# v2: owners' answers, and the index that follows one finding across quarters.
_V2 = """
CREATE TABLE responses (
    finding_id   TEXT NOT NULL,
    period_label TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end   TEXT NOT NULL,
    status       TEXT NOT NULL,
    comment      TEXT,
    source       TEXT NOT NULL,
    sheet        TEXT NOT NULL,
    row          INTEGER NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (finding_id, period_label)
);
CREATE INDEX findings_by_finding_id ON findings (finding_id);
"""

# v3: the finding's message as data (`Message.to_store()` as JSON). Rows of older audits keep
# NULL there and are read as the texts they were recorded with (`history.stored_text`).
_V3 = """
ALTER TABLE findings ADD COLUMN message TEXT;
"""

_MIGRATIONS: dict[int, str] = {0: _V1, 1: _V2, 2: _V3}
SCHEMA_VERSION = max(_MIGRATIONS) + 1


def default_path(out_dir: str | Path) -> Path:
    """Where the history lives when none is named: beside the output folder, so every
    quarter's `audit-<period>/` folder shares one history."""
    return Path(out_dir).resolve().parent / DEFAULT_FILENAME


def config_digest(config: Config) -> str:
    """sha256 of the canonical JSON of a configuration: equal settings, equal digest."""
    canonical = json.dumps(
        config.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


class StoredFinding(BaseModel):
    finding_id: str
    check_id: str
    severity: Severity
    status: FindingStatus
    account_id: str | None
    platform: str | None
    department: str | None
    subject: str | None = None
    message: StoredMessage
    evidence: dict[str, Any] = Field(default_factory=dict)


class StoredRun(BaseModel):
    period: Period
    run_at: dt.datetime
    tool_version: str
    config_digest: str
    organisation: str
    inputs: list[LedgerEntry]
    findings: list[StoredFinding]


class RunSummary(BaseModel):
    """The headline figures of one stored audit, as `auditor history` lists them."""

    period: Period
    run_at: dt.datetime
    tool_version: str
    config_digest: str
    accounts: int
    open: int
    open_by_severity: dict[str, int]
    waived: int
    compliance: float | None  # share of counted accounts without an open finding
    reply_median_business_hours: float | None  # median over accounts of their median


class StoredAnswer(BaseModel):
    """An owner's answer to one finding of the audit of `period`."""

    finding_id: str
    period: str
    status: str
    comment: str | None
    source: str
    sheet: str
    row: int


def _refuse_unless_writable(path: Path) -> None:
    """Tell a history that cannot be written before anything is done with it: SQLite opens a
    read-only file without a word and fails at the first write, after the audit's work."""
    if path.exists():
        try:
            with path.open("r+b"):
                pass
        except OSError as exc:
            raise InputError(path, Message("history.read_only", reason=os_reason(exc))) from None
    folder = path.parent
    if folder.is_dir():
        # SQLite keeps its journal beside the file: the folder must take new files too.
        try:
            handle, probe = tempfile.mkstemp(prefix=".auditor-probe-", dir=folder)
        except OSError as exc:
            raise InputError(path, Message("history.read_only", reason=os_reason(exc))) from None
        os.close(handle)
        os.unlink(probe)


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that writes nothing; in a folder that takes no new files, where SQLite
    cannot keep its shared-memory file, as an unchanging file."""
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        if os.access(path.parent, os.W_OK):
            raise  # not the folder: busy, or damaged; told by the caller
        return sqlite3.connect(f"{uri}?immutable=1", uri=True)


def _why(path: Path, error: sqlite3.Error) -> Message | str:
    """Why SQLite could not open or write the file, in the catalogue's words where the system
    says why: SQLite's own "unable to open database file" or "attempt to write a readonly
    database" names no reason. Asked of the system by opening the file to append nothing."""
    existed = path.exists()
    try:
        with path.open("ab"):
            pass
    except OSError as exc:
        return os_reason(exc)
    if not existed:
        path.unlink(missing_ok=True)
    return sqlite_reason(error)


# SQLite's own words for what went wrong, by a piece of its message: the catalogue's entry.
_SQLITE_REASONS = (
    ("locked", "history.sqlite.locked"),
    ("busy", "history.sqlite.locked"),
    ("readonly", "history.sqlite.read_only"),
    ("disk i/o", "history.sqlite.io"),
    ("full", "history.sqlite.full"),
    ("malformed", "history.sqlite.damaged"),
    ("not a database", "history.sqlite.damaged"),
    ("unable to open", "history.sqlite.cannot_open"),
)


def sqlite_reason(error: sqlite3.Error) -> Message:
    """Why SQLite refused, in the catalogue's words; its own English kept only as the
    technical detail of a reason the catalogue does not know."""
    said = str(error)
    for piece, key in _SQLITE_REASONS:
        if piece in said.casefold():
            return Message(key)
    return Message("history.sqlite.other", detail=said)


def _write_ahead(conn: sqlite3.Connection) -> None:
    """Write-ahead logging, so that an audit reading the history does not wait for one
    writing it. SQLite answers a switch to it with "locked" at once, not after its busy
    timeout, while another process is creating the same file: asked again until the timeout
    has passed (two audits started together met it)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


class HistoryStore:
    """The history file. Open with `HistoryStore.open(path)`, use as a context manager."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self._conn = conn

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, schema_version: int = SCHEMA_VERSION) -> HistoryStore:
        """Open or create the history at `path`, migrating an older schema forwards.

        `schema_version` below the current one only serves to build old files in tests.
        """
        path = Path(path)
        if path.is_dir():
            raise InputError(path, Message("history.is_a_folder"))
        if path.exists() and path.stat().st_size > 0:
            _refuse_unless_ours(path)
        _refuse_unless_writable(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except OSError as exc:
            raise InputError(path, Message("history.cannot_open", error=os_reason(exc))) from None
        except sqlite3.Error as exc:
            raise InputError(path, Message("history.cannot_open", error=_why(path, exc))) from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _prepare_schema(path, conn, schema_version)
            _write_ahead(conn)
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            conn.close()
            raise InputError(path, Message("history.cannot_write", error=_why(path, exc))) from exc
        except BaseException:
            conn.close()
            raise
        return cls(path, conn)

    @classmethod
    def open_to_read(cls, path: str | Path) -> HistoryStore:
        """Open an existing history to read it only: one on a read-only share, or in an
        archived folder, is listed as well. A file of an older schema is opened as `open`
        does, to be brought up to date first."""
        path = Path(path)
        if path.is_dir():
            raise InputError(path, Message("history.is_a_folder"))
        if path.exists() and path.stat().st_size > 0:
            _refuse_unless_ours(path)
            conn = _read_only(path)
            try:
                current = conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            except sqlite3.Error:
                current = False
            if current:
                return cls(path, conn)
            conn.close()
        return cls.open(path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction holding the write lock from its start; a file that cannot
        be written after all (made read-only meanwhile, a full disk) is told, as at open."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            message = Message("history.cannot_write", error=_why(self.path, exc))
            raise InputError(self.path, message) from None

    # -- writing ---------------------------------------------------------------------------

    def record(self, result: AuditResult, config_digest: str) -> None:
        """Store one audit; an earlier record of the same period is replaced in the same step."""
        period = result.period
        with self._writing() as db:
            db.execute("DELETE FROM runs WHERE period_label = ?", (period.label,))
            run_id = db.execute(
                "INSERT INTO runs (period_label, period_start, period_end, run_at, tool_version,"
                " config_digest, organisation) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    period.label,
                    period.start.isoformat(),
                    period.end.isoformat(),
                    result.generated_at.isoformat(),
                    result.tool_version,
                    config_digest,
                    result.organisation,
                ),
            ).lastrowid
            db.executemany(
                "INSERT INTO inputs VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (run_id, i, e.path, e.format, e.sha256, e.model_dump_json())
                    for i, e in enumerate(result.inputs)
                ],
            )
            db.executemany(
                "INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        run_id,
                        a.account_id,
                        a.platform,
                        a.type,
                        a.department,
                        a.status,
                        int(a.registered),
                        json.dumps(a.metrics, sort_keys=True, default=str),
                    )
                    for a in result.accounts
                ],
            )
            # The texts in both languages as well: what the finding said at the time, should a
            # later catalogue no longer render its key, and for a reader of the bare file.
            rows = [
                (
                    run_id,
                    f.finding_id,
                    f.check_id,
                    f.severity.value,
                    f.status.value,
                    f.account_id,
                    f.platform,
                    f.department,
                    f.subject,
                    f.message("nl"),
                    f.message("en"),
                    json.dumps(f.evidence, sort_keys=True, default=str),
                    json.dumps(f.message.to_store(), ensure_ascii=False, default=_plain),
                )
                for f in result.findings
            ]
            if self.schema_version < 3:  # an old file built by a test: no message column
                rows = [row[:-1] for row in rows]
            width = 13 if self.schema_version >= 3 else 12
            db.executemany(f"INSERT INTO findings VALUES ({', '.join('?' * width)})", rows)

    def record_responses(self, answers: Iterable[Any], answered: Period) -> int:
        """Store owners' answers to the audit of `answered`; a newer answer replaces an older one
        to the same finding and period. `answers` are `auditor.responses.OwnerAnswer`s."""
        self._require(2, "owners' answers")
        now = dt.datetime.now(dt.UTC).isoformat()
        rows = [
            (
                a.finding_id,
                answered.label,
                answered.start.isoformat(),
                answered.end.isoformat(),
                str(a.status),
                a.comment,
                a.file,
                a.sheet,
                a.row,
                now,
            )
            for a in answers
        ]
        with self._writing() as db:
            db.executemany(
                "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
            )
        return len(rows)

    # -- reading ---------------------------------------------------------------------------

    def previous_run(self, before_period: Period) -> StoredRun | None:
        """The latest stored audit whose period starts before `before_period` starts."""
        row = self._conn.execute(
            "SELECT run_id FROM runs WHERE period_start < ? AND period_label != ?"
            " ORDER BY period_start DESC, period_end DESC LIMIT 1",
            (before_period.start.isoformat(), before_period.label),
        ).fetchone()
        return self._load_run(row[0]) if row else None

    def run_at(self, label: str) -> dt.datetime | None:
        """When the stored audit of period `label` was run; None when there is none."""
        row = self._conn.execute(
            "SELECT run_at FROM runs WHERE period_label = ?", (label,)
        ).fetchone()
        return dt.datetime.fromisoformat(row[0]) if row else None

    def later_periods(self, period: Period) -> list[str]:
        """The stored audits of periods that start after `period` starts, in order."""
        return [
            label
            for (label,) in self._conn.execute(
                "SELECT period_label FROM runs WHERE period_start > ? ORDER BY period_start",
                (period.start.isoformat(),),
            )
        ]

    def account_ids(self, label: str) -> set[str]:
        """The accounts the stored audit of period `label` looked at."""
        return {
            account_id
            for (account_id,) in self._conn.execute(
                "SELECT a.account_id FROM accounts a JOIN runs r USING (run_id)"
                " WHERE r.period_label = ?",
                (label,),
            )
        }

    def registered_account_ids(self, label: str) -> set[str]:
        """The register's accounts in the stored audit of period `label`."""
        return {
            account_id
            for (account_id,) in self._conn.execute(
                "SELECT a.account_id FROM accounts a JOIN runs r USING (run_id)"
                " WHERE r.period_label = ? AND a.registered",
                (label,),
            )
        }

    def run(self, label: str) -> StoredRun | None:
        row = self._conn.execute(
            "SELECT run_id FROM runs WHERE period_label = ?", (label,)
        ).fetchone()
        return self._load_run(row[0]) if row else None

    def runs(self) -> list[RunSummary]:
        """Every stored audit, oldest period first, with its headline figures."""
        summaries = []
        for run_id, *run in self._conn.execute(
            "SELECT run_id, period_label, period_start, period_end, run_at, tool_version,"
            " config_digest FROM runs ORDER BY period_start, period_end"
        ).fetchall():
            label, start, end, run_at, version, digest = run
            by_severity = self._open_by_severity(run_id)
            overall, _ = self._compliance(run_id)
            summaries.append(
                RunSummary(
                    period=_period(label, start, end),
                    run_at=dt.datetime.fromisoformat(run_at),
                    tool_version=version,
                    config_digest=digest,
                    accounts=self._conn.execute(
                        "SELECT count(*) FROM accounts WHERE run_id = ? AND registered",
                        (run_id,),
                    ).fetchone()[0],
                    open=sum(by_severity.values()),
                    open_by_severity=by_severity,
                    waived=self._conn.execute(
                        "SELECT count(*) FROM findings WHERE run_id = ? AND status = 'waived'",
                        (run_id,),
                    ).fetchone()[0],
                    compliance=overall,
                    reply_median_business_hours=self._reply_median(run_id),
                )
            )
        return summaries

    def runs_json(self) -> list[dict[str, Any]]:
        """`runs()` as plain JSON values (`auditor history --format json`)."""
        return [summary.model_dump(mode="json") for summary in self.runs()]

    def trend(self, last: int = 8, up_to: Period | None = None) -> Trend:
        """The last `last` audits up to and including `up_to` (default: all), oldest first."""
        query = "SELECT run_id, period_label FROM runs"
        params: tuple[Any, ...] = ()
        if up_to is not None:
            query += " WHERE period_start <= ?"
            params = (up_to.start.isoformat(),)
        query += " ORDER BY period_start DESC, period_end DESC LIMIT ?"
        selected = self._conn.execute(query, (*params, last)).fetchall()[::-1]

        labels = [label for _, label in selected]
        overall: list[float | None] = []
        per_run_departments: list[dict[str, float]] = []
        per_run_severity: list[dict[str, int]] = []
        medians: list[float | None] = []
        for run_id, _ in selected:
            share, by_department = self._compliance(run_id)
            overall.append(share)
            per_run_departments.append(by_department)
            per_run_severity.append(self._open_by_severity(run_id))
            medians.append(self._reply_median(run_id))
        departments = sorted({d for run in per_run_departments for d in run})
        return Trend(
            periods=labels,
            compliance=overall,
            compliance_by_department={
                d: [run.get(d) for run in per_run_departments] for d in departments
            },
            open_by_severity={
                s.value: [run.get(s.value, 0) for run in per_run_severity]
                for s in reversed(Severity)
            },
            reply_median_business_hours=medians,
        )

    def responses(self, up_to: Period | None = None) -> dict[str, StoredAnswer]:
        """Per finding, the owner's latest answer to an audit up to and including `up_to`."""
        if self.schema_version < 2:
            return {}
        query = (
            "SELECT finding_id, period_label, status, comment, source, sheet, row FROM responses"
        )
        params: tuple[Any, ...] = ()
        if up_to is not None:
            query += " WHERE period_start <= ?"
            params = (up_to.start.isoformat(),)
        query += " ORDER BY period_start, period_end, recorded_at"
        latest: dict[str, StoredAnswer] = {}
        for fid, label, status, comment, source, sheet, row in self._conn.execute(query, params):
            latest[fid] = StoredAnswer(
                finding_id=fid,
                period=label,
                status=status,
                comment=comment,
                source=source,
                sheet=sheet,
                row=row,
            )
        return latest

    # -- helpers ---------------------------------------------------------------------------

    def _require(self, version: int, what: str) -> None:
        if self.schema_version < version:
            raise RuntimeError(f"{what} need history schema v{version}")

    def _load_run(self, run_id: int) -> StoredRun:
        label, start, end, run_at, version, digest, organisation = self._conn.execute(
            "SELECT period_label, period_start, period_end, run_at, tool_version, config_digest,"
            " organisation FROM runs WHERE run_id = ?",
            (run_id,),
        ).fetchone()
        message = "message" if self.schema_version >= 3 else "NULL"
        inputs = [
            LedgerEntry.model_validate_json(ledger)
            for (ledger,) in self._conn.execute(
                "SELECT ledger FROM inputs WHERE run_id = ? ORDER BY position", (run_id,)
            )
        ]
        findings = [
            StoredFinding(
                finding_id=fid,
                check_id=check_id,
                severity=Severity(severity),
                status=FindingStatus(status),
                account_id=account_id,
                platform=platform or None,
                department=department,
                subject=subject,
                message=_stored_message(stored, nl, en),
                evidence=json.loads(evidence),
            )
            for (
                fid,
                check_id,
                severity,
                status,
                account_id,
                platform,
                department,
                subject,
                nl,
                en,
                evidence,
                stored,
            ) in self._conn.execute(
                "SELECT finding_id, check_id, severity, status, account_id, platform, department,"
                f" subject, message_nl, message_en, evidence, {message} FROM findings"
                " WHERE run_id = ? ORDER BY rowid",
                (run_id,),
            )
        ]
        return StoredRun(
            period=_period(label, start, end),
            run_at=dt.datetime.fromisoformat(run_at),
            tool_version=version,
            config_digest=digest,
            organisation=organisation,
            inputs=inputs,
            findings=findings,
        )

    def _open_by_severity(self, run_id: int) -> dict[str, int]:
        counts = dict(
            self._conn.execute(
                "SELECT severity, count(*) FROM findings"
                " WHERE run_id = ? AND status != 'waived' GROUP BY severity",
                (run_id,),
            ).fetchall()
        )
        return {s.value: counts[s.value] for s in reversed(Severity) if s.value in counts}

    def _compliance(self, run_id: int) -> tuple[float | None, dict[str, float]]:
        """Share of counted accounts with no open finding, overall and per department.

        Counted: registered accounts that are active (or have no status). Accounts without a
        department are in the overall share and under the empty key.
        """
        # The accounts with open findings are found once and joined, not looked up per
        # account: findings are keyed by finding id, so a lookup per account would read all
        # of the run's findings for every account.
        rows = self._conn.execute(
            "SELECT coalesce(a.department, ''), count(*), sum(o.account_id IS NULL)"
            " FROM accounts a LEFT JOIN (SELECT DISTINCT account_id FROM findings"
            "   WHERE run_id = ? AND status != 'waived' AND account_id IS NOT NULL) o"
            " ON o.account_id = a.account_id"
            " WHERE a.run_id = ? AND a.registered"
            " AND (a.status IS NULL OR a.status = 'active')"
            " GROUP BY coalesce(a.department, '')",
            (run_id, run_id),
        ).fetchall()
        total = sum(n for _, n, _ in rows)
        compliant = sum(ok for _, _, ok in rows)
        overall = round(compliant / total, 4) if total else None
        return overall, {dept: round(ok / n, 4) for dept, n, ok in rows}

    def _reply_median(self, run_id: int) -> float | None:
        values = [
            float(v)
            for (v,) in self._conn.execute(
                "SELECT json_extract(metrics, '$.reply_median_business_hours') FROM accounts"
                " WHERE run_id = ?",
                (run_id,),
            )
            if isinstance(v, int | float)
        ]
        return round(statistics.median(values), 2) if values else None


def _plain(value: Any) -> Any:
    """A value JSON has no type for: a numpy number as a Python one, anything else as text."""
    item = getattr(value, "item", None)
    return item() if callable(item) else str(value)


def _stored_message(stored: str | None, nl: str, en: str) -> Message:
    """A stored finding's message: from its key and values, or, for an audit recorded before
    messages were (or whose key this version's catalogue no longer renders), the texts it had."""
    recorded = Message(STORED_TEXT, nl=nl, en=en)
    if stored is None:
        return recorded
    try:
        message = Message.from_store(json.loads(stored))
        for lang in languages():
            message(lang)
    except (ValueError, LookupError, TypeError, AttributeError):
        return recorded
    return message


def _period(label: str, start: str, end: str) -> Period:
    return Period(label=label, start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end))


def _refuse_unless_ours(path: Path) -> None:
    """Raise InputError for anything but one of our history files; writes nothing to it."""
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise InputError(path, Message("history.not_sqlite"))
    application_id = int.from_bytes(header[68:72], "big")
    try:
        # Read-only: nothing we do here may change a file that might not be ours.
        conn = _read_only(path)
    except sqlite3.OperationalError as exc:
        raise InputError(path, Message("history.cannot_read", error=sqlite_reason(exc))) from exc
    except sqlite3.DatabaseError as exc:  # the first page read is damaged already
        raise InputError(path, Message("history.damaged", details=str(exc))) from exc
    try:
        if application_id != APPLICATION_ID:
            try:
                tables = [
                    name
                    for (name,) in conn.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
                    )
                ]
            except sqlite3.DatabaseError:
                tables = []
            raise InputError(
                path,
                Message("history.other_program_tables", tables=tables)
                if tables
                else Message("history.other_program"),
            )
        try:
            verdict = [line for (line,) in conn.execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError as exc:
            verdict = [str(exc)]
        if verdict != ["ok"]:
            raise InputError(path, Message("history.damaged", details="; ".join(verdict[:3])))
    finally:
        conn.close()


def _prepare_schema(path: Path, conn: sqlite3.Connection, target: int) -> None:
    """Create or migrate the schema up to `target`, under the write lock.

    Checked again inside the lock because another audit may have created the file meanwhile.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        if application_id != APPLICATION_ID and (version or has_tables):
            raise InputError(path, Message("history.not_ours"))
        if version > SCHEMA_VERSION:
            raise InputError(path, Message("history.newer", version=version, known=SCHEMA_VERSION))
        for step in range(version, target):
            for statement in _statements(_MIGRATIONS[step]):
                conn.execute(statement)
        if version < target:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {target}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _statements(script: str) -> list[str]:
    # executescript() would COMMIT our transaction first; run the statements one by one instead.
    return [s.strip() for s in script.split(";") if s.strip()]
