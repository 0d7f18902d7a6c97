"""The Excel workbooks: `audit.xlsx` for Communicatie and one per department pack.

Owners return these files with the Status and Toelichting columns filled in; a later stage
reads them back by the header names `finding_id`, `Status` and `Toelichting`, so those three
never change with the report language.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from auditor.history_model import CurrentAnswer
from auditor.messages import AccountRef, Hidden, Message, PersonRef, catalogue, show
from auditor.models import Severity
from auditor.reports.i18n import account_name, format_label, has, platform_label, sayer, translator
from auditor.reports.view import (
    DATE_METRICS,
    NOT_RUN,
    PASSED,
    SHARE_METRICS,
    WAIVED,
    History,
    Report,
    as_date,
    history,
    metric_keys,
)
from auditor.responses import OWNER_STATUS_LABELS, OwnerStatus

FINDING_ID_HEADER = "finding_id"
STATUS_HEADER = "Status"
COMMENT_HEADER = "Toelichting"

# A spreadsheet treats text starting with these as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

HEADER_FILL = PatternFill("solid", fgColor="154273")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14, color="0E2F52")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
THIN = Border(bottom=Side(style="thin", color="D0D5DC"))
SEVERITY_FILLS = {
    Severity.CRITICAL: ("6E0F0F", "FFFFFF"),
    Severity.HIGH: ("FBE3E1", "8A1410"),
    Severity.MEDIUM: ("FDEFD3", "6B3D00"),
    Severity.LOW: ("E2EDF8", "0F3F73"),
    Severity.INFO: ("ECEFF2", "374151"),
}
MAX_WIDTH = 60
CENTRE = Alignment(horizontal="center", vertical="top")
# The cells owners fill in: light yellow with a full border, unlocked, so they stand out from
# what the audit wrote (and stay editable should anyone protect the sheet).
INPUT_FILL = PatternFill("solid", fgColor="FFF4C2")
INPUT_HEADER_FILL = PatternFill("solid", fgColor="F2C744")
INPUT_EDGE = Side(style="thin", color="B59A2E")
INPUT_BORDER = Border(left=INPUT_EDGE, right=INPUT_EDGE, top=INPUT_EDGE, bottom=INPUT_EDGE)

# Table cells take one of these named styles whole: setting font, fill, alignment and border
# one by one makes openpyxl compare style objects for every cell, the better part of the time
# a workbook took to write.
HEADER_STYLE, CELL_STYLE, WRAPPED_STYLE, CENTRED_STYLE = (
    "Audit header",
    "Audit cell",
    "Audit cell, wrapped",
    "Audit cell, centred",
)
INPUT_HEADER_STYLE, INPUT_STYLE = "Audit header, to fill in", "Audit cell, to fill in"


def _add_styles(wb: Workbook) -> None:
    """The named styles, made anew for each workbook: a style belongs to one workbook."""
    for style in (
        NamedStyle(HEADER_STYLE, font=HEADER_FONT, fill=HEADER_FILL, alignment=WRAP),
        NamedStyle(CELL_STYLE, alignment=TOP, border=THIN),
        NamedStyle(WRAPPED_STYLE, alignment=WRAP, border=THIN),
        NamedStyle(CENTRED_STYLE, alignment=CENTRE, border=THIN),
        NamedStyle(
            INPUT_HEADER_STYLE,
            font=Font(bold=True, color="1F2937"),
            fill=INPUT_HEADER_FILL,
            alignment=WRAP,
            border=INPUT_BORDER,
        ),
        NamedStyle(
            INPUT_STYLE,
            fill=INPUT_FILL,
            alignment=WRAP,
            border=INPUT_BORDER,
            protection=Protection(locked=False),
        ),
    ):
        wb.add_named_style(style)


def write_workbook(report: Report, path: Path, *, scope_label: str | None = None) -> Path:
    """Write the workbook for `report` (whole audit, or one department's pack)."""
    result = report.result
    lang = str(result.lang)
    t = translator(lang)
    # The catalogue's date pattern in Excel's spelling (Babel's MM for month is Excel's mm).
    date_format = catalogue(lang)["format.date"].replace("MM", "mm")
    wb = Workbook()
    wb.remove(wb.active)
    _add_styles(wb)
    writer = _Writer(date_format, lang)

    _summary(wb.create_sheet(t("xl_summary")), report, t, writer, scope_label)
    past = history(result)
    if past is not None:
        _trend(wb.create_sheet(t("xl_trend")), past, t, writer)
    _findings(wb.create_sheet(t("xl_findings")), report, past, t, writer, lang)
    _evidence(wb.create_sheet(t("xl_evidence_sheet")), report, t, writer)
    _scorecard(wb.create_sheet(t("xl_scorecard")), report, t, writer)
    _metrics(wb.create_sheet(t("xl_metrics")), report, t, writer)
    if result.inputs or scope_label is None:
        _ledger(wb.create_sheet(t("xl_ledger")), report, t, writer)
    _checks(wb.create_sheet(t("xl_checks")), report, t, writer)
    wb.save(path)
    return path


class _Writer:
    """Puts values into cells so that text stays text and dates and numbers stay typed."""

    def __init__(self, date_format: str, lang: str):
        self.date_format = date_format
        self.lang = lang
        # openpyxl finds a named style by name in a list for every cell it is given to; a copy
        # of the style array the first cell got costs nothing, and is what openpyxl stores.
        self._styles: dict[tuple[int, str], StyleArray] = {}

    def _style(self, cell, style: str) -> None:
        key = (id(cell.parent.parent), style)
        done = self._styles.get(key)
        if done is None:
            cell.style = style
            self._styles[key] = copy(cell._style)
        else:
            cell._style = copy(done)

    def put(
        self,
        ws: Worksheet,
        row: int,
        col: int,
        value: Any,
        number_format: str | None = None,
        style: str | None = None,
    ):
        value = _plain(value)
        cell = ws.cell(row=row, column=col)
        if style is not None:
            self._style(cell, style)  # first: a named style replaces the number format as well
        if isinstance(value, str):
            # A CSV register or export can hold control characters, which no xlsx cell can;
            # a visible mark keeps the text recognisable and shows something was there.
            cell.value = ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", value)
            # openpyxl reads "=..." as a formula; text from a register or export never is one
            cell.data_type = "s"
            if value.startswith(FORMULA_START):
                cell.quotePrefix = True
        elif isinstance(value, dt.datetime):
            cell.value = value.replace(tzinfo=None)
            cell.number_format = self.date_format + " hh:mm"
        elif isinstance(value, dt.date):
            cell.value = value
            cell.number_format = self.date_format
        else:
            cell.value = value
        if number_format and isinstance(value, int | float) and not isinstance(value, bool):
            cell.number_format = number_format
        return cell

    def table(
        self,
        ws: Worksheet,
        headers: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        start_row: int = 1,
        formats: dict[int, str] | None = None,
        wrap: Iterable[int] = (),
        filter_and_freeze: bool = True,
    ) -> int:
        """A header row and data rows; returns the last row written."""
        formats = formats or {}
        wrap = set(wrap)
        for col, header in enumerate(headers, start=1):
            self.put(ws, start_row, col, header, style=HEADER_STYLE)
        row_no = start_row
        for row_no, row in enumerate(rows, start=start_row + 1):
            for col, value in enumerate(row, start=1):
                style = WRAPPED_STYLE if col in wrap else CELL_STYLE
                self.put(ws, row_no, col, value, formats.get(col), style)
        if filter_and_freeze:
            last_col = get_column_letter(max(len(headers), 1))
            ws.auto_filter.ref = f"A{start_row}:{last_col}{max(row_no, start_row)}"
            ws.freeze_panes = ws.cell(row=start_row + 1, column=1)
        _widths(ws, len(headers), wrap)
        return row_no


def _plain(value: Any) -> Any:
    """Evidence and metrics come as Python values; Excel gets a scalar it understands."""
    if value is None or isinstance(value, str | int | float | dt.date):
        if isinstance(value, float) and value != value:
            return None
        if isinstance(value, str) and len(value) == 10 and value[4:5] == "-" == value[7:8]:
            return as_date(value) or value
        return value
    if hasattr(value, "value"):  # enums
        return value.value
    if isinstance(value, list | tuple | set):
        return ", ".join(str(_plain(v)) for v in value)
    return json.dumps(value, ensure_ascii=False, default=str)


def _widths(ws: Worksheet, columns: int, wrap: set[int]) -> None:
    for col in range(1, columns + 1):
        letter = get_column_letter(col)
        longest = 8
        for (cell,) in ws.iter_rows(min_col=col, max_col=col, max_row=min(ws.max_row, 500)):
            if cell.value is None:
                continue
            text = cell.value if isinstance(cell.value, str) else str(cell.value)
            longest = max(longest, min(len(text), MAX_WIDTH))
        if col in wrap:
            longest = max(longest, 40)
        ws.column_dimensions[letter].width = min(longest + 2, MAX_WIDTH + 2)


def _summary(ws: Worksheet, report: Report, t, w: _Writer, scope_label: str | None) -> None:
    result = report.result
    ws.cell(row=1, column=1, value=t("overview_title")).font = TITLE_FONT
    rows: list[tuple[str, Any, str | None]] = [
        (t("xl_organisation"), result.organisation, None),
        (t("xl_scope"), scope_label or t("xl_scope_all"), None),
        (t("period"), result.period.label, None),
        (t("xl_start"), result.period.start, None),
        (t("xl_end"), result.period.end, None),
        (t("generated"), result.generated_at, None),
        (t("tool_version"), result.tool_version, None),
        (t("accounts"), len(report.accounts), "0"),
        (t("active_accounts"), len(report.active), "0"),
        (t("share_compliant"), report.share_compliant, "0%"),
        (t("open_findings"), report.open_total, "0"),
        (t("waived_findings"), report.waived, "0"),
    ]
    rows += [
        (f"{t('open_findings')}: {t(f'sev_{sev}')}", n, "0")
        for sev, n in report.by_severity.items()
    ]
    for i, (label, value, fmt) in enumerate(rows, start=3):
        w.put(ws, i, 1, label).font = BOLD
        w.put(ws, i, 2, value, fmt).alignment = Alignment(horizontal="left")
    start = len(rows) + 5
    w.put(ws, start - 1, 1, t("per_department")).font = BOLD
    w.table(
        ws,
        [t("department"), t("active_accounts"), t("compliant"), t("share"), t("open_findings")],
        (
            (s.label or t("no_department"), s.accounts, s.compliant, s.share, s.open_findings)
            for s in report.per_department
        ),
        start_row=start,
        formats={4: "0%"},
        filter_and_freeze=False,
    )
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 28


def _findings(
    ws: Worksheet, report: Report, past: History | None, t, w: _Writer, lang: str
) -> None:
    """What an owner reads and fills in comes first: severity, finding and account (frozen, so
    they stay in view), then Status and Toelichting, the fix and the earlier answer; the
    references follow, and the evidence in one readable column last (typed, one value a row,
    on a sheet of its own: a column per evidence key made the sheet a hundred columns wide).
    An instruction row above the table says what to fill in and by when."""
    result = report.result
    accounts = {a.account_id: a for a in result.accounts}
    say = sayer(result.accounts, lang)
    answered = [t("xl_answer"), t("xl_answer_comment")] if past else []
    headers = [
        t("severity"),
        t("xl_message"),
        t("account"),
        STATUS_HEADER,
        COMMENT_HEADER,
        t("xl_fix"),
        *answered,
        t("xl_title"),
        t("check"),
        t("xl_audit_status"),
        t("platform"),
        t("department"),
        t("owner"),
        t("xl_account_id"),
        FINDING_ID_HEADER,
        t("xl_evidence_all"),
    ]
    severity_no, message_no, account_no, status_no, comment_no, fix_no = 1, 2, 3, 4, 5, 6
    rows = []
    for f in result.findings:
        meta = report.meta(f.check_id)
        account = accounts.get(f.account_id) if f.account_id else None
        rows.append(
            [
                t(f"sev_{f.severity.value}"),
                say(f.message),
                _account_name(account, f.account_id, f.platform, t),
                OWNER_STATUS_LABELS[OwnerStatus.OPEN](lang) if f.status != "waived" else None,
                None,
                f.fix(lang),
                *(_answer(past.answers.get(f.finding_id), t, lang) if past else []),
                meta.title(lang) if meta else None,
                f.check_id,
                t(f"st_{f.status.value}"),
                platform_label(t, f.platform),
                f.department,
                account.owner_name if account else None,
                f.account_id,
                f.finding_id,
                _evidence_text(f.evidence, lang),
            ]
        )
    header_row = 2  # below the instruction
    wrap = {message_no, account_no, comment_no, fix_no, len(headers)}
    wrap |= {fix_no + 1, fix_no + 2} if past else set()
    last = w.table(ws, headers, rows, start_row=header_row, wrap=wrap, filter_and_freeze=False)
    first, last = header_row + 1, max(last, header_row + 1)
    for col in (status_no, comment_no):
        ws.cell(row=header_row, column=col).style = INPUT_HEADER_STYLE
        for (cell,) in ws.iter_rows(min_row=first, max_row=last, min_col=col, max_col=col):
            cell.style = INPUT_STYLE
    status_col = get_column_letter(status_no)
    comment_col = get_column_letter(comment_no)
    # The words auditor.responses reads back, so a returned workbook always parses.
    choices = [label(lang) for label in OWNER_STATUS_LABELS.values()]
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showDropDown=False,  # openpyxl's name inverts Excel's: False shows the arrow
        promptTitle=t("xl_status_title"),
        prompt=t("xl_status_prompt"),
        showInputMessage=True,
        showErrorMessage=True,
    )
    # Room below the findings so owners can keep using the drop-down if rows are added.
    validation.add(f"{status_col}{first}:{status_col}{last + 200}")
    ws.add_data_validation(validation)
    comment = DataValidation(
        type="textLength",
        operator="lessThanOrEqual",
        formula1="2000",
        allow_blank=True,
        prompt=t("xl_comment_prompt"),
        showInputMessage=True,
    )
    comment.add(f"{comment_col}{first}:{comment_col}{last + 200}")
    ws.add_data_validation(comment)
    severity_col = get_column_letter(severity_no)
    _severity_rules(ws, f"{severity_col}{first}:{severity_col}{last}", t)
    last_col = get_column_letter(len(headers))
    ws.auto_filter.ref = f"A{header_row}:{last_col}{last}"
    # Severity, finding and account stay in view when scrolling right, the headers when down.
    ws.freeze_panes = ws.cell(row=first, column=account_no + 1)
    # Narrow enough that the printed columns (up to the fix) fit A4 landscape at a readable
    # size; the text wraps.
    widths = {severity_no: 10, message_no: 42, account_no: 26, status_no: 23, comment_no: 36}
    widths |= {fix_no: 42, fix_no + 1: 26, fix_no + 2: 36} if past else {fix_no: 42}
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    due = result.answer_due
    _instruction(ws, t("xl_instruction", choices=choices, due=due), span=account_no)
    _print_setup(ws, header_row, fix_no)


def _account_name(account, account_id: str | None, platform: str | None, t) -> str | None:
    """An account as people know it: its name, platform and handle (a finding about a whole
    platform names the platform)."""
    if account is None:
        return account_id or platform_label(t, platform)
    return account_name(account, t)


def _instruction(ws: Worksheet, text: str, span: int) -> None:
    """The instruction in row 1, across the frozen columns so it stays in view."""
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=span)
    cell = ws.cell(row=1, column=1, value=text)
    cell.font = Font(bold=True, color="1F2937")
    cell.fill = INPUT_FILL
    cell.alignment = WRAP
    width = sum(ws.column_dimensions[get_column_letter(c)].width or 10 for c in range(1, span + 1))
    lines = -(-len(text) * 11 // (int(width) * 10)) + 1  # bold text runs a little wider
    ws.row_dimensions[1].height = 15 * lines


def _print_setup(ws: Worksheet, header_row: int, last_printed: int) -> None:
    """Landscape A4, one page wide, the header row on every page. Only the columns an owner
    needs on paper are printed: all of them, fitted to one width, would print unreadably
    small; the rest stays in the sheet."""
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the findings need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_area = f"A1:{get_column_letter(last_printed)}{ws.max_row}"
    ws.oddFooter.center.text = "&P / &N"


def _evidence(ws: Worksheet, report: Report, t, w: _Writer) -> None:
    """Every finding's evidence, one typed value a row: dates stay dates and numbers numbers,
    to filter and sort on."""
    lang = str(report.result.lang)
    rows = (
        [f.finding_id, f.check_id, f.account_id or f.platform, key, value]
        for f in report.result.findings
        for key, value in _shown(f.evidence, lang).items()
        if _plain(value) is not None
    )
    headers = [FINDING_ID_HEADER, t("check"), t("account"), t("xl_evidence_key"), t("xl_value")]
    w.table(ws, headers, rows, wrap=(5,))


def _answer(answer: CurrentAnswer | None, t, lang: str) -> list[str | None]:
    """The owner's latest answer to this finding: what they chose, and what they wrote."""
    if not answer:
        return [None, None]
    try:
        chosen = OWNER_STATUS_LABELS[OwnerStatus(answer.status)](lang)
    except ValueError:
        chosen = answer.status or "–"
    text = f"{chosen} ({answer.period or '–'})"
    if answer.contradiction:
        text += f" – {t('contradiction_text')}"
    return [text, answer.comment]


def _trend(ws: Worksheet, past: History, t, w: _Writer) -> None:
    ws.cell(row=1, column=1, value=t("trend")).font = TITLE_FONT
    row = 3
    if past.previous_period:
        w.put(ws, row, 1, t("trend_compared", previous=past.previous_period))
        for label, key in (
            ("trend_new", "new"),
            ("trend_persisting", "persisting"),
            ("trend_resolved", "resolved"),
        ):
            row += 1
            w.put(ws, row, 1, t(label)).font = BOLD
            w.put(ws, row, 2, getattr(past.counts, key), "0")
    else:
        w.put(ws, row, 1, t("trend_first"))
    row += 2
    if past.rows:
        headers = [
            t("period"),
            t("share_compliant"),
            t("open_findings"),
            *(t(f"sev_{sev}") for sev in past.severities),
            t("trend_reply_median"),
        ]
        rows = [
            [
                r.period,
                r.compliance,
                r.open_total,
                *(r.open_by_severity[sev] for sev in past.severities),
                r.reply_median,
            ]
            for r in past.rows
        ]
        w.put(ws, row, 1, t("trend_caption")).font = BOLD
        row = w.table(
            ws,
            headers,
            rows,
            start_row=row + 1,
            formats={2: "0%", len(headers): "0.0"},
            filter_and_freeze=False,
        )
        row += 2
    if past.resolved:
        w.put(ws, row, 1, t("resolved_title", previous=past.previous_period or "–")).font = BOLD
        row = w.table(
            ws,
            [t("severity"), t("check"), t("account"), t("department"), t("finding"), "finding_id"],
            (
                [
                    t(f"sev_{r.severity.value}"),
                    r.check_id,
                    r.account_id or r.platform,
                    r.department,
                    r.message(w.lang),
                    r.finding_id,
                ]
                for r in past.resolved
            ),
            start_row=row + 1,
            wrap=(5,),
            filter_and_freeze=False,
        )
        row += 2
    if past.conflicts:
        # One row per answer, so each can be found in its file; none of these headers is
        # Status or Toelichting, so this table is never read back as answers.
        w.put(ws, row, 1, t("conflicts_caption")).font = BOLD
        w.table(
            ws,
            ["finding_id", t("file"), t("sheet"), t("row"), t("xl_answer"), t("conflict_counts")],
            (
                [
                    c.finding_id,
                    a.file,
                    a.sheet,
                    a.row,
                    _owner_answer(a.status, a.comment, w.lang),
                    t("yes") if a is c.kept else t("no"),
                ]
                for c in past.conflicts
                for a in c.answers
            ),
            start_row=row + 1,
            wrap=(5,),
            filter_and_freeze=False,
        )
    ws.column_dimensions["A"].width = max(ws.column_dimensions["A"].width or 0, 28)


def _owner_answer(status: str, comment: str | None, lang: str) -> str:
    label = OWNER_STATUS_LABELS[OwnerStatus(status)](lang)
    return f"{label} – {comment}" if comment else label


def _shown(evidence: dict[str, Any], lang: str) -> dict[str, Any]:
    """Evidence with accounts, people and sentences as the report language shows them (a
    reference hidden from a department pack as "[andere afdeling]"); other values stay typed."""
    return {key: _show_ref(value, lang) for key, value in evidence.items()}


def _show_ref(value: Any, lang: str) -> Any:
    if isinstance(value, AccountRef | PersonRef | Hidden | Message):
        return show(value, lang)
    if isinstance(value, list | tuple):
        return [_show_ref(v, lang) for v in value]
    return value


def _evidence_text(evidence: dict[str, Any], lang: str) -> str | None:
    """The evidence in one readable cell: `key: value` per line."""
    lines = []
    for key, value in _shown(evidence, lang).items():
        value = _plain(value)
        if value is None:
            continue
        if isinstance(value, dt.date):
            value = value.isoformat()
        lines.append(f"{key}: {value}")
    return "\n".join(lines) or None


def _severity_rules(ws: Worksheet, ref: str, t) -> None:
    for severity, (fill, font) in SEVERITY_FILLS.items():
        ws.conditional_formatting.add(
            ref,
            CellIsRule(
                operator="equal",
                formula=[f'"{t(f"sev_{severity.value}")}"'],
                fill=PatternFill("solid", fgColor=fill, bgColor=fill),
                font=Font(color=font, bold=True),
            ),
        )


def _scorecard(ws: Worksheet, report: Report, t, w: _Writer) -> None:
    checks = report.scorecard_checks
    labels = {PASSED: "✓", NOT_RUN: "–", WAIVED: t("score_waived_long")}
    rows = [
        [
            a.account_id,
            a.department,
            a.owner_name,
            *(
                labels.get(score) or t(f"sev_{score}")
                for score in (report.score(a.account_id, c) for c in checks)
            ),
        ]
        for a in report.accounts
    ]
    last = w.table(ws, [t("account"), t("department"), t("owner"), *checks], rows)
    for col in range(4, len(checks) + 4):
        ws.column_dimensions[get_column_letter(col)].width = 12
        for (cell,) in ws.iter_rows(min_row=2, max_row=last, min_col=col, max_col=col):
            cell.style = CENTRED_STYLE  # the scores are text: no number format to keep
    if checks:
        ref = f"D2:{get_column_letter(len(checks) + 3)}{max(last, 2)}"
        _severity_rules(ws, ref, t)
        ws.conditional_formatting.add(
            ref,
            CellIsRule(
                operator="equal",
                formula=['"✓"'],
                font=Font(color="1E6B3A", bold=True),
            ),
        )
    ws.freeze_panes = "D2"


def _metrics(ws: Worksheet, report: Report, t, w: _Writer) -> None:
    keys = metric_keys(report.accounts)
    labels = [t(f"m_{k}") if has(f"m_{k}") else k for k in keys]
    rows = []
    for a in report.accounts:
        values = []
        for key in keys:
            value = a.metrics.get(key)
            if key in DATE_METRICS:
                value = as_date(value)
            values.append(value)
        rows.append(
            [
                a.account_id,
                a.display_name,
                a.platform,
                a.department,
                a.owner_name,
                _label(t, "type_", a.type),
                _label(t, "acst_", a.status),
                *values,
            ]
        )
    formats = {}
    for i, key in enumerate(keys, start=8):
        if key in SHARE_METRICS:
            formats[i] = "0.0%"
        elif "hours" in key or key.endswith("per_week"):
            formats[i] = "0.0"
    headers = [
        t("account"),
        t("xl_display_name"),
        t("platform"),
        t("department"),
        t("owner"),
        t("type"),
        t("account_status"),
        *labels,
    ]
    w.table(ws, headers, rows, formats=formats)


def _label(t, prefix: str, value: str | None) -> str | None:
    if value is None:
        return None
    return t(prefix + value) if has(prefix + value) else value


def _ledger(ws: Worksheet, report: Report, t, w: _Writer) -> None:
    lang = str(report.result.lang)
    inputs = report.result.inputs
    last = w.table(
        ws,
        [
            t("file"),
            t("format"),
            t("rows_read"),
            t("rows_used"),
            t("rows_duplicate"),
            t("rows_rejected"),
            t("xl_sha256"),
        ],
        (
            (
                e.path,
                format_label(t, e.format),
                e.rows_read,
                e.rows_used,
                e.rows_duplicate,
                e.rows_rejected,
                e.sha256,
            )
            for e in inputs
        ),
    )
    rejected = [(e.path, r.row, r.as_message()(lang)) for e in inputs for r in e.rejected]
    if rejected:
        start = last + 3
        w.put(ws, start - 1, 1, t("rejected_caption")).font = BOLD
        w.table(
            ws,
            [t("file"), t("row"), t("reason")],
            rejected,
            start_row=start,
            wrap=(3,),
            filter_and_freeze=False,
        )
        ws.column_dimensions["C"].width = max(ws.column_dimensions["C"].width or 0, 50)


def _checks(ws: Worksheet, report: Report, t, w: _Writer) -> None:
    lang = str(report.result.lang)
    rows = [
        (
            check_id,
            meta.name,
            meta.title(lang),
            meta.family,
            t(f"sev_{meta.severity.value}"),
            t("yes") if meta.extra else t("no"),
            meta.what(lang),
            meta.why(lang),
            meta.policy.section
            + (f" · {t('policy_source')}: {meta.policy.source}" if meta.policy.source else ""),
            meta.policy.quote,
            meta.fix(lang),
            t("no") if check_id in report.skipped else t("yes"),
            report.skipped.get(check_id),
        )
        for check_id, meta in report.checks.items()
    ]
    w.table(
        ws,
        [
            t("check"),
            t("xl_name"),
            t("xl_title"),
            t("xl_family"),
            t("default_severity"),
            t("xl_extra"),
            t("what"),
            t("why"),
            t("xl_section"),
            t("xl_quote"),
            t("how_to_fix"),
            t("xl_ran"),
            t("reason"),
        ],
        rows,
        wrap=(7, 8, 10, 11, 13),
    )
