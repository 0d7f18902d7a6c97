"""The Excel workbooks: `audit.xlsx` for Communicatie and one per department pack.

Owners return these files with the Status and Toelichting columns filled in; a later stage
reads them back by the header names `finding_id`, `Status` and `Toelichting`, so those three
never change with the report language.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from auditor.catalogue import family_name
from auditor.history_model import CurrentAnswer
from auditor.messages import AccountRef, Hidden, Message, PersonRef, catalogue, show
from auditor.models import Severity
from auditor.reports.evidence import SHARES, evidence_items, evidence_text
from auditor.reports.i18n import (
    account_id_name,
    account_name,
    format_label,
    has,
    platform_label,
    sayer,
    translator,
)
from auditor.reports.view import (
    DATE_METRICS,
    NOT_APPLICABLE,
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
# The control characters no xlsx cell may hold (tab, line feed and carriage return it may).
ILLEGAL_CHARACTERS = re.compile(r"[\000-\010\013\014\016-\037]")

# Text from a register or export is written as text, whatever it looks like: never a formula,
# a link or a number.
BOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "remove_timezone": True,
    "in_memory": True,
}

SEVERITY_FILLS = {
    Severity.CRITICAL: ("#6E0F0F", "#FFFFFF"),
    Severity.HIGH: ("#FBE3E1", "#8A1410"),
    Severity.MEDIUM: ("#FDEFD3", "#6B3D00"),
    Severity.LOW: ("#E2EDF8", "#0F3F73"),
    Severity.INFO: ("#ECEFF2", "#374151"),
}
MAX_WIDTH = 60
# Widths are measured on the first rows only: enough to see what a column holds.
MEASURED_ROWS = 500

_TABLE_CELL = {"valign": "top", "bottom": 1, "bottom_color": "#D0D5DC"}
# The cells owners fill in: light yellow with a full border, unlocked, so they stand out from
# what the audit wrote (and stay editable should anyone protect the sheet).
_INPUT_EDGE = {"border": 1, "border_color": "#B59A2E"}
_INPUT_FILL = {"pattern": 1, "bg_color": "#FFF4C2"}
_WRAP = {"text_wrap": True, "valign": "top"}

# Every cell takes one of these styles, plus its number format: XlsxWriter makes one format per
# combination, once per workbook.
HEADER_STYLE, CELL_STYLE, WRAPPED_STYLE, CENTRED_STYLE = "header", "cell", "wrapped", "centred"
INPUT_HEADER_STYLE, INPUT_STYLE = "input header", "input"
BOLD, LEFT, TITLE, INSTRUCTION = "bold", "left", "title", "instruction"
STYLES: dict[str | None, dict[str, Any]] = {
    None: {},
    HEADER_STYLE: {"bold": True, "font_color": "#FFFFFF", "pattern": 1, "bg_color": "#154273"}
    | _WRAP,
    CELL_STYLE: _TABLE_CELL,
    WRAPPED_STYLE: _TABLE_CELL | {"text_wrap": True},
    CENTRED_STYLE: _TABLE_CELL | {"align": "center"},
    INPUT_HEADER_STYLE: {"bold": True, "font_color": "#1F2937", "pattern": 1, "bg_color": "#F2C744"}
    | _WRAP
    | _INPUT_EDGE,
    INPUT_STYLE: _INPUT_FILL | _WRAP | _INPUT_EDGE | {"locked": False},
    BOLD: {"bold": True},
    LEFT: {"align": "left"},
    TITLE: {"bold": True, "size": 14, "font_color": "#0E2F52"},
    INSTRUCTION: {"bold": True, "font_color": "#1F2937"} | _INPUT_FILL | _WRAP,
}


def write_workbook(report: Report, path: Path, *, scope_label: str | None = None) -> Path:
    """Write the workbook for `report` (whole audit, or one department's pack)."""
    result = report.result
    lang = str(result.lang)
    t = translator(lang)
    # The catalogue's date pattern in Excel's spelling (Babel's MM for month is Excel's mm).
    date_format = catalogue(lang)["format.date"].replace("MM", "mm")
    wb = xlsxwriter.Workbook(str(path), BOOK_OPTIONS)
    writer = _Writer(wb, date_format, lang)

    _summary(writer.sheet(t("xl_summary")), report, t, writer, scope_label)
    past = history(result)
    if past is not None:
        _trend(writer.sheet(t("xl_trend")), past, report, t, writer)
    _findings(writer.sheet(t("xl_findings")), report, past, t, writer, lang)
    _evidence(writer.sheet(t("xl_evidence_sheet")), report, t, writer, lang)
    # A pack's columns are the checks of its findings, as on its page.
    checks = report.scorecard_checks if scope_label is None else report.pack_scorecard_checks()
    _scorecard(writer.sheet(t("xl_scorecard")), report, checks, t, writer)
    _metrics(writer.sheet(t("xl_metrics")), report, t, writer)
    if result.inputs or scope_label is None:
        _ledger(writer.sheet(t("xl_ledger")), report, t, writer)
    # A pack explains the checks of its own findings; the whole audit's workbook all of them.
    described = report.checks if scope_label is None else report.concerned()
    _checks(writer.sheet(t("xl_checks")), report, described, t, writer)
    writer.close()
    return path


class _Sheet:
    """A worksheet being written. XlsxWriter reads nothing back, so the sheet keeps what the
    layout needs later: the longest text per column in the first rows, the widths, the last
    row."""

    def __init__(self, ws):
        self.ws = ws
        self.max_row = 0
        self.longest: dict[int, int] = {}
        self.widths: dict[int, float] = {}

    def width(self, col: int) -> float | None:
        return self.widths.get(col)

    def set_width(self, col: int, width: float) -> None:
        self.widths[col] = width

    def finish(self) -> None:
        for col, width in self.widths.items():
            self.ws.set_column(col - 1, col - 1, width)


class _Writer:
    """Puts values into cells so that text stays text and dates and numbers stay typed."""

    def __init__(self, wb, date_format: str, lang: str):
        self.wb = wb
        self.date_format = date_format
        self.lang = lang
        self._sheets: list[_Sheet] = []
        self._formats: dict[tuple, Any] = {}

    def sheet(self, title: str) -> _Sheet:
        sheet = _Sheet(self.wb.add_worksheet(title))
        self._sheets.append(sheet)
        return sheet

    def close(self) -> None:
        for sheet in self._sheets:
            sheet.finish()
        self.wb.close()

    def format(self, style: str | None, number_format: str | None = None, quoted: bool = False):
        """The workbook's one format for a style, number format and quote prefix."""
        key = (style, number_format, quoted)
        done = self._formats.get(key)
        if done is None:
            properties = dict(STYLES[style])
            if number_format:
                properties["num_format"] = number_format
            if quoted:
                properties["quote_prefix"] = True
            done = self._formats[key] = self.wb.add_format(properties) if properties else None
        return done

    def put(
        self,
        ws: _Sheet,
        row: int,
        col: int,
        value: Any,
        number_format: str | None = None,
        style: str | None = None,
    ) -> None:
        """One cell, at 1-based `row` and `col` as a reader counts them."""
        value = _plain(value)
        sheet = ws.ws
        r, c = row - 1, col - 1
        if row > ws.max_row:
            ws.max_row = row
        if value is None:
            if style is not None:
                sheet.write_blank(r, c, None, self.format(style))
            return
        if isinstance(value, str):
            text, quoted = _safe_text(value)
            sheet.write_string(r, c, text, self.format(style, None, quoted))
        elif isinstance(value, bool):
            sheet.write_boolean(r, c, value, self.format(style))
            text = str(value)
        elif isinstance(value, dt.datetime):
            value = value.replace(tzinfo=None)
            sheet.write_datetime(r, c, value, self.format(style, self.date_format + " hh:mm"))
            text = str(value)
        elif isinstance(value, dt.date):
            sheet.write_datetime(r, c, value, self.format(style, self.date_format))
            text = str(value)
        elif isinstance(value, int | float):
            if math.isinf(value):
                # No xlsx number is infinite, and Excel's error values are formulas, which no
                # cell of these workbooks is.
                text = "∞" if value > 0 else "-∞"
                sheet.write_string(r, c, text, self.format(style, None, value < 0))
            else:
                sheet.write_number(r, c, value, self.format(style, number_format))
                text = str(value)
        else:
            text = str(value)
            sheet.write_string(r, c, text, self.format(style))
        if row <= MEASURED_ROWS:
            length = len(text)
            if length > ws.longest.get(col, 0):
                ws.longest[col] = length

    def table(
        self,
        ws: _Sheet,
        headers: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        start_row: int = 1,
        formats: dict[int, str] | None = None,
        wrap: Iterable[int] = (),
        styles: dict[int, tuple[str, str]] | None = None,
        filter_and_freeze: bool = True,
    ) -> int:
        """A header row and data rows; returns the last row written. `styles` gives a column
        its own (header style, cell style)."""
        formats = formats or {}
        wrap = set(wrap)
        styles = dict.fromkeys(wrap, (HEADER_STYLE, WRAPPED_STYLE)) | (styles or {})
        header_styles = {col: header for col, (header, _) in styles.items()}
        cell_styles = {col: cell for col, (_, cell) in styles.items()}
        for col, header in enumerate(headers, start=1):
            self.put(ws, start_row, col, header, style=header_styles.get(col, HEADER_STYLE))
        row_no = self._rows(ws, start_row, rows, formats, cell_styles)
        if filter_and_freeze:
            last_col = xl_col_to_name(max(len(headers), 1) - 1)
            ws.ws.autofilter(f"A{start_row}:{last_col}{max(row_no, start_row)}")
            ws.ws.freeze_panes(start_row, 0)
        _widths(ws, len(headers), wrap)
        return row_no

    def _rows(
        self,
        ws: _Sheet,
        header_row: int,
        rows: Iterable[Sequence[Any]],
        formats: dict[int, str],
        cell_styles: dict[int, str],
    ) -> int:
        """A table's data rows below `header_row`; returns the last row written.

        The same cells as `put` writes, with text, whole numbers and blanks (nearly every cell
        of a large audit) written here at once: their formats looked up once per column and
        their widths measured only while the first rows last. Anything else goes through
        `put`."""
        sheet, put, longest = ws.ws, self.put, ws.longest
        write_string, write_number, write_blank = (
            sheet.write_string,
            sheet.write_number,
            sheet.write_blank,
        )
        columns: dict[int, tuple] = {}

        def column(col: int) -> tuple:
            style, number_format = cell_styles.get(col, CELL_STYLE), formats.get(col)
            done = columns[col] = (
                style,
                number_format,
                self.format(style),
                self.format(style, None, True),
                self.format(style, number_format),
            )
            return done

        row_no = header_row
        for row_no, row in enumerate(rows, start=header_row + 1):
            r, measure = row_no - 1, row_no <= MEASURED_ROWS
            for col, value in enumerate(row, start=1):
                style, number_format, plain, quoted, numbered = columns.get(col) or column(col)
                kind = value.__class__
                if kind is str and not (len(value) == 10 and value[4:5] == "-" == value[7:8]):
                    text, is_quoted = _safe_text(value)
                    write_string(r, col - 1, text, quoted if is_quoted else plain)
                    if measure and len(text) > longest.get(col, 0):
                        longest[col] = len(text)
                elif value is None or (kind is float and value != value):
                    write_blank(r, col - 1, None, plain)
                elif kind is int or (kind is float and not math.isinf(value)):
                    write_number(r, col - 1, value, numbered)
                    if measure and len(text := str(value)) > longest.get(col, 0):
                        longest[col] = len(text)
                else:
                    put(ws, row_no, col, value, number_format, style)
            if row_no > ws.max_row:
                ws.max_row = row_no
        return row_no


def _safe_text(value: str) -> tuple[str, bool]:
    """Text as a cell may hold it, and whether it needs the quote prefix. A CSV register or
    export can hold control characters, which no xlsx cell can: a visible mark keeps the text
    recognisable and shows something was there. Text is written as text whatever it starts
    with; the quote prefix keeps Excel from reading it as a formula once someone edits it."""
    if ILLEGAL_CHARACTERS.search(value):
        value = ILLEGAL_CHARACTERS.sub("\N{REPLACEMENT CHARACTER}", value)
    return value, value.startswith(FORMULA_START)


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


def _widths(ws: _Sheet, columns: int, wrap: set[int]) -> None:
    for col in range(1, columns + 1):
        longest = max(8, min(ws.longest.get(col, 0), MAX_WIDTH))
        if col in wrap:
            longest = max(longest, 40)
        ws.set_width(col, min(longest + 2, MAX_WIDTH + 2))


def _summary(ws: _Sheet, report: Report, t, w: _Writer, scope_label: str | None) -> None:
    result = report.result
    w.put(ws, 1, 1, t("overview_title"), style=TITLE)
    if scope_label is not None and not report.accounts:
        # A department without accounts: said first, as its page says it.
        team = result.communications_department
        w.put(ws, 2, 1, t("department_no_accounts", department=scope_label, team=team))
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
        w.put(ws, i, 1, label, style=BOLD)
        w.put(ws, i, 2, value, fmt, style=LEFT)
    # A pack's table of departments held its own alone, the figures above again.
    if scope_label is None:
        start = len(rows) + 5
        w.put(ws, start - 1, 1, t("per_department"), style=BOLD)
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
    ws.set_width(1, 34)
    ws.set_width(2, 28)


def _findings(ws: _Sheet, report: Report, past: History | None, t, w: _Writer, lang: str) -> None:
    """What an owner reads and fills in comes first: severity, finding and account (frozen, so
    they stay in view), then Status and Toelichting, the fix and the earlier answer; the
    references follow, and the evidence in one readable column last (typed, one value a row,
    on a sheet of its own: a column per evidence key made the sheet a hundred columns wide).
    An instruction row above the table says what to fill in and by when."""
    result = report.result
    accounts = {a.account_id: a for a in result.accounts}
    say = sayer(result.accounts, lang)
    items = _items(report, t, lang)
    team = result.communications_department
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
                *(_answer(past.answers.get(f.finding_id), t, lang, team) if past else []),
                meta.title(lang) if meta else None,
                f.check_id,
                t(f"st_{f.status.value}"),
                platform_label(t, f.platform),
                f.department,
                account.owner_name if account else None,
                f.account_id,
                f.finding_id,
                evidence_text(items(f), lang),
            ]
        )
    header_row = 2  # below the instruction
    wrap = {message_no, account_no, comment_no, fix_no, len(headers)}
    wrap |= {fix_no + 1, fix_no + 2} if past else set()
    to_fill = dict.fromkeys((status_no, comment_no), (INPUT_HEADER_STYLE, INPUT_STYLE))
    last = w.table(
        ws,
        headers,
        rows,
        start_row=header_row,
        wrap=wrap,
        styles=to_fill,
        filter_and_freeze=False,
    )
    first = header_row + 1
    if last < first:  # no findings: one empty row to fill in all the same
        for col in to_fill:
            w.put(ws, first, col, None, style=INPUT_STYLE)
        last = first
    status_col = xl_col_to_name(status_no - 1)
    comment_col = xl_col_to_name(comment_no - 1)
    # The words auditor.responses reads back, so a returned workbook always parses.
    choices = [label(lang) for label in OWNER_STATUS_LABELS.values()]
    # Room below the findings so owners can keep using the drop-down if rows are added.
    ws.ws.data_validation(
        f"{status_col}{first}:{status_col}{last + 200}",
        {
            "validate": "list",
            "source": choices,
            "ignore_blank": True,
            "dropdown": True,
            "input_title": t("xl_status_title"),
            "input_message": t("xl_status_prompt"),
            "show_input": True,
            "show_error": True,
        },
    )
    ws.ws.data_validation(
        f"{comment_col}{first}:{comment_col}{last + 200}",
        {
            "validate": "length",
            "criteria": "<=",
            "value": 2000,
            "ignore_blank": True,
            "input_message": t("xl_comment_prompt"),
            "show_input": True,
            "show_error": False,
        },
    )
    severity_col = xl_col_to_name(severity_no - 1)
    _severity_rules(ws, f"{severity_col}{first}:{severity_col}{last}", t, w)
    last_col = xl_col_to_name(len(headers) - 1)
    ws.ws.autofilter(f"A{header_row}:{last_col}{last}")
    # Severity, finding and account stay in view when scrolling right, the headers when down.
    ws.ws.freeze_panes(first - 1, account_no)
    # Narrow enough that the printed columns (up to the fix) fit A4 landscape at a readable
    # size; the text wraps.
    widths = {severity_no: 10, message_no: 42, account_no: 26, status_no: 23, comment_no: 36}
    widths |= {fix_no: 42, fix_no + 1: 26, fix_no + 2: 36} if past else {fix_no: 42}
    for col, width in widths.items():
        ws.set_width(col, width)
    due = result.answer_due
    _instruction(
        ws,
        t("xl_instruction", choices=choices, due=due, team=result.communications_department),
        account_no,
        w,
    )
    _print_setup(ws, header_row, fix_no)


def _account_name(account, account_id: str | None, platform: str | None, t) -> str | None:
    """An account as people know it: its name, platform and handle (a finding about a whole
    platform names the platform)."""
    if account is None:
        return account_id_name(t, account_id, platform)
    return account_name(account, t)


def _instruction(ws: _Sheet, text: str, span: int, w: _Writer) -> None:
    """The instruction in row 1, across the frozen columns so it stays in view."""
    style = w.format(INSTRUCTION)
    ws.ws.merge_range(0, 0, 0, span - 1, "", style)
    ws.ws.write_string(0, 0, text, style)
    width = sum(ws.width(c) or 10 for c in range(1, span + 1))
    lines = -(-len(text) * 11 // (int(width) * 10)) + 1  # bold text runs a little wider
    ws.ws.set_row(0, 15 * lines)


def _print_setup(ws: _Sheet, header_row: int, last_printed: int) -> None:
    """Landscape A4, one page wide, the header row on every page. Only the columns an owner
    needs on paper are printed: all of them, fitted to one width, would print unreadably
    small; the rest stays in the sheet."""
    sheet = ws.ws
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)  # one page wide, as many down as the findings need
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.repeat_rows(header_row - 1)
    sheet.print_area(0, 0, ws.max_row - 1, last_printed - 1)
    sheet.set_footer("&C&P / &N")


def _evidence(ws: _Sheet, report: Report, t, w: _Writer, lang: str) -> None:
    """Every finding's evidence, one item a row under its label: dates stay dates and numbers
    numbers, to filter and sort on; a share reads as a percentage."""
    accounts = {a.account_id: a for a in report.result.accounts}
    items = _items(report, t, lang)
    rows, shares = [], []
    for f in report.result.findings:
        account = accounts.get(f.account_id) if f.account_id else None
        shown = _account_name(account, f.account_id, f.platform, t)
        for item in items(f):
            rows.append([f.finding_id, f.check_id, shown, item.label, item.value])
            if item.field in SHARES and isinstance(item.value, int | float):
                shares.append((len(rows) + 1, item.value))
    headers = [FINDING_ID_HEADER, t("check"), t("account"), t("xl_evidence_key"), t("xl_value")]
    w.table(ws, headers, rows, wrap=(5,))
    for row, value in shares:
        w.put(ws, row, 5, value, "0.0%", style=WRAPPED_STYLE)


def _items(report: Report, t, lang: str):
    """A finding's evidence items, accounts named as people know them (a hidden one as the
    pack hides it)."""
    names = {a.account_id: account_name(a, t) for a in report.result.accounts}
    team = report.result.communications_department

    def name(ref: AccountRef) -> str:
        return names.get(ref.account_id, ref.account_id)

    return lambda f: evidence_items(f.check_id, f.evidence, lang, name, team)


def _answer(answer: CurrentAnswer | None, t, lang: str, team: str) -> list[str | None]:
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
    if answer.disputed:
        text += f" – {t('dispute_text', team=team)}"
    return [text, answer.comment]


def _trend(ws: _Sheet, past: History, report: Report, t, w: _Writer) -> None:
    names = {a.account_id: a for a in report.result.accounts}
    say = sayer(report.result.accounts, w.lang)

    def ended(r) -> list:
        """A finding of last time that no longer occurs, as the findings sheet shows one."""
        account = names.get(r.account_id or "")
        return [
            t(f"sev_{r.severity.value}"),
            r.check_id,
            _account_name(account, r.account_id, r.platform, t),
            r.department,
            say(r.message),
        ]

    w.put(ws, 1, 1, t("trend"), style=TITLE)
    row = 3
    if past.previous_period:
        w.put(ws, row, 1, t("trend_compared", previous=past.previous_period))
        for label, key in (
            ("trend_new", "new"),
            ("trend_persisting", "persisting"),
            ("trend_resolved", "resolved"),
            ("trend_gone_label", "gone"),
        ):
            row += 1
            w.put(ws, row, 1, t(label), style=BOLD)
            w.put(ws, row, 2, getattr(past.counts, key), "0")
    else:
        w.put(ws, row, 1, t("trend_first"))
    row += 2
    if past.rows:
        # The columns the page shows: a department pack's history has its share of compliant
        # accounts alone, and a column of empty cells under a heading reads as missing data.
        columns = [
            (t("period"), lambda r: r.period, None),
            (t("share_compliant"), lambda r: r.compliance, "0%"),
            (t("open_findings"), lambda r: r.open_total, None),
            *(
                (t(f"sev_{sev}"), lambda r, sev=sev: r.open_by_severity[sev], None)
                for sev in past.severities
            ),
            (t("trend_reply_median"), lambda r: r.reply_median, "0.0"),
        ]
        columns = [c for c in columns if any(c[1](r) is not None for r in past.rows)]
        w.put(ws, row, 1, t("trend_caption"), style=BOLD)
        row = w.table(
            ws,
            [header for header, _, _ in columns],
            ([value(r) for _, value, _ in columns] for r in past.rows),
            start_row=row + 1,
            formats={i: f for i, (_, _, f) in enumerate(columns, start=1) if f},
            filter_and_freeze=False,
        )
        row += 2
    if past.resolved:
        title = t("resolved_title", previous=past.previous_period or "–")
        w.put(ws, row, 1, title, style=BOLD)
        row = w.table(
            ws,
            [
                t("severity"),
                t("check"),
                t("account"),
                t("department"),
                t("finding"),
                t("resolved_how"),
                "finding_id",
            ],
            (
                [
                    *ended(r),
                    t("resolved_by_closing") if r.account_closed else t("resolved_by_fix"),
                    r.finding_id,
                ]
                for r in past.resolved
            ),
            start_row=row + 1,
            wrap=(5,),
            filter_and_freeze=False,
        )
        row += 2
    if past.gone:
        # Named as the overview names them: a count alone left the reader to guess which.
        title = t("gone_title", previous=past.previous_period or "–")
        w.put(ws, row, 1, title, style=BOLD)
        row = w.table(
            ws,
            [t("severity"), t("check"), t("account"), t("department"), t("finding"), "finding_id"],
            ([*ended(r), r.finding_id] for r in past.gone),
            start_row=row + 1,
            wrap=(5,),
            filter_and_freeze=False,
        )
        row += 2
    if past.conflicts:
        # One row per answer, so each can be found in its file; none of these headers is
        # Status or Toelichting, so this table is never read back as answers.
        w.put(ws, row, 1, t("conflicts_caption"), style=BOLD)
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
    ws.set_width(1, max(ws.width(1) or 0, 28))


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


def _severity_rules(ws: _Sheet, ref: str, t, w: _Writer) -> None:
    for severity, (fill, font) in SEVERITY_FILLS.items():
        _equal_rule(ws, ref, f'"{t(f"sev_{severity.value}")}"', w, font, fill)


def _equal_rule(ws: _Sheet, ref: str, value: str, w: _Writer, font: str, fill: str | None = None):
    """Cells in `ref` equal to `value` (a formula: text in double quotes) shown in bold `font`
    colour on `fill`."""
    look = {"bold": True, "font_color": font} | ({"bg_color": fill} if fill else {})
    ws.ws.conditional_format(
        ref, {"type": "cell", "criteria": "==", "value": value, "format": w.wb.add_format(look)}
    )


def _scorecard(ws: _Sheet, report: Report, checks: list[str], t, w: _Writer) -> None:
    labels = {
        PASSED: "✓",
        NOT_RUN: "–",
        WAIVED: t("score_waived_long"),
        NOT_APPLICABLE: t("short_not_applicable"),
    }
    rows = [
        [
            account_name(a, t),
            a.department,
            a.owner_name,
            *(
                labels.get(score) or t(f"sev_{score}")
                for score in (report.score(a.account_id, c) for c in checks)
            ),
        ]
        for a in report.accounts
    ]
    scores = range(4, len(checks) + 4)
    last = w.table(
        ws,
        [t("account"), t("department"), t("owner"), *checks],
        rows,
        styles=dict.fromkeys(scores, (HEADER_STYLE, CENTRED_STYLE)),
    )
    lang = str(report.result.lang)
    for col, check_id in zip(scores, checks, strict=True):
        ws.set_width(col, 12)
        # The id alone says nothing to a manager: its title shows on the header cell, as the
        # page's header links to the check.
        meta = report.meta(check_id)
        if meta is not None:
            title = f"{check_id}: {meta.title(lang)}"
            ws.ws.write_comment(0, col - 1, title, {"x_scale": 1.6, "y_scale": 0.6})
    if checks:
        ref = f"D2:{xl_col_to_name(len(checks) + 2)}{max(last, 2)}"
        _severity_rules(ws, ref, t, w)
        _equal_rule(ws, ref, '"✓"', w, "#1E6B3A")
    ws.ws.freeze_panes(1, 3)


def _metrics(ws: _Sheet, report: Report, t, w: _Writer) -> None:
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
                account_name(a, t),
                a.account_id,
                a.display_name,
                platform_label(t, a.platform),
                a.department,
                a.owner_name,
                _label(t, "type_", a.type),
                _label(t, "acst_", a.status),
                *values,
            ]
        )
    formats = {}
    for i, key in enumerate(keys, start=9):
        if key in SHARE_METRICS:
            formats[i] = "0.0%"
        elif "hours" in key or key.endswith("per_week"):
            formats[i] = "0.0"
    headers = [
        t("account"),
        t("xl_account_id"),
        t("xl_display_name"),
        t("platform"),
        t("department"),
        t("owner"),
        t("type"),
        t("account_status"),
        *labels,
    ]
    w.table(ws, headers, rows, formats=formats)
    # The account, as people know it, stays in view when scrolling right through the figures.
    ws.ws.freeze_panes(1, 1)


def _label(t, prefix: str, value: str | None) -> str | None:
    if value is None:
        return None
    return t(prefix + value) if has(prefix + value) else value


def _ledger(ws: _Sheet, report: Report, t, w: _Writer) -> None:
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
        w.put(ws, start - 1, 1, t("rejected_caption"), style=BOLD)
        w.table(
            ws,
            [t("file"), t("row"), t("reason")],
            rejected,
            start_row=start,
            wrap=(3,),
            filter_and_freeze=False,
        )
        ws.set_width(3, max(ws.width(3) or 0, 50))


def _checks(ws: _Sheet, report: Report, described: dict[str, Any], t, w: _Writer) -> None:
    lang = str(report.result.lang)
    rows = [
        (
            check_id,
            meta.name,
            meta.title(lang),
            family_name(meta.family, lang),
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
        for check_id, meta in described.items()
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
