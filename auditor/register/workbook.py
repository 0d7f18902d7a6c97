"""Opening a register file: an xlsx workbook or a CSV, as sheets of raw cell values.

Anything that is not a readable register ends in `InputError` naming the file, never a
traceback: people pick the wrong file, save half a download, or rename a PDF.
"""

from __future__ import annotations

import csv
import html
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from auditor.messages import Message
from auditor.problems import InputError

Row = tuple[object, ...]


# What Excel and LibreOffice show where a formula fails, in any language's file (a workbook
# keeps the English code; LibreOffice's `Err:502` alike).
_ERROR_VALUES = {
    *("#N/A", "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#SPILL!", "#CALC!"),
    *("#GETTING_DATA", "#N/B", "#WAARDE!", "#VERW!", "#NAAM?", "#GETAL!", "#DEEL/0!", "#LEEG!"),
}


@dataclass
class Sheet:
    name: str | None  # None for a CSV: it is the Accounts sheet alone
    rows: list[Row]  # rows[i] is spreadsheet row i + 1
    # Cells that hold a merged cell's value without having one of their own, as (row, column)
    # indexes into `rows`: a row of nothing else is still a blank row.
    merged: frozenset[tuple[int, int]] = frozenset()
    # Where a cell links to an address it does not show (a link inserted on `@GemeenteZeist`,
    # or `=HYPERLINK("https://x.com/GemeenteZeist", "Twitter")`): (row, column) → the address.
    links: dict[tuple[int, int], str] = field(default_factory=dict)
    # Cells holding a formula whose result the file does not keep: (row, column) → formula.
    uncomputed: dict[tuple[int, int], str] = field(default_factory=dict)
    # Cells showing a formula's error instead of a value (`#N/A` of a VLOOKUP that found
    # nothing), as a workbook keeps it and a CSV saved from it writes it: (row, column) → the
    # error. They are read as empty; left in, `#N/A` was an owner's name or an account.
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    # A workbook counting its days from 1904 (as Excel for Mac did): a day number typed in a
    # cell without a date format counts from then, not from 1900 as it does elsewhere.
    date1904: bool = False
    # The columns hidden in the spreadsheet program, by index: read as any other, but where
    # two columns give one thing, the one shown is the one kept.
    hidden_columns: frozenset[int] = frozenset()
    # The rows hidden or filtered out in the spreadsheet program, by index: read as any other,
    # and said, as what the user sees is then not all an audit reads.
    hidden_rows: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        for r, row in enumerate(self.rows):
            if any(isinstance(v, str) and v.strip() in _ERROR_VALUES for v in row):
                cleaned = []
                for c, value in enumerate(row):
                    if isinstance(value, str) and value.strip() in _ERROR_VALUES:
                        self.errors[(r, c)] = value.strip()
                        value = None
                    cleaned.append(value)
                self.rows[r] = tuple(cleaned)

    def own_cells(self, index: int) -> list[object]:
        """Row `index`'s cells that were typed in it, not copied from a merged cell above."""
        return [c for pos, c in enumerate(self.rows[index]) if (index, pos) not in self.merged]


def read_sheets(path: Path, what: str = "register") -> list[Sheet]:
    """Every sheet of a workbook, or a CSV as one sheet; `what` names the file in messages:
    `register` or `waivers`, an entry of the catalogue's `register.kind`."""
    kind = Message(f"register.kind.{what}")
    if not path.exists():
        raise InputError(path, Message("register.file_not_found"))
    suffix = path.suffix.casefold()
    if suffix == ".numbers":
        # Apple's Numbers keeps a spreadsheet as a package, which is a folder on other systems.
        raise InputError(path, Message("register.numbers"))
    if path.is_dir():
        raise InputError(path, Message("register.is_folder", what=kind))
    if path.stat().st_size == 0:
        raise InputError(path, Message("register.empty_file"))
    if path.name.startswith("~$") and path.stat().st_size < 1024:
        # The note Excel keeps beside a workbook while someone has it open: picked from a
        # file list for the workbook itself, it was "no readable workbook".
        raise InputError(path, Message("register.lock_file", name=path.name[2:]))
    with path.open("rb") as file:
        start = file.read(4096)
    # What the file is, whatever its name says: people rename a file, or save it as another.
    if start.startswith(_OLE):
        # An Excel 97 workbook, or an xlsx protected with a password (kept in the same box).
        protected = "EncryptionInfo".encode("utf-16-le") in path.read_bytes()
        raise InputError(
            path, Message("register.password_protected" if protected else "register.old_excel")
        )
    if start.startswith(b"PK") and (other := _other_package(path)) is not None:
        raise InputError(path, Message(f"register.{other}"))
    # An .xlsb name on an ordinary workbook is read: only its content tells it is none.
    as_text = suffix in {".csv", ".txt"}
    if suffix in _WORKBOOKS or suffix == ".xlsb" or (as_text and start.startswith(b"PK")):
        if not start.startswith(b"PK") and _is_text(start):
            return [Sheet(None, _read_csv(path))]  # a CSV that was given a workbook's name
        return _read_xlsx(path)
    if re.match(rb"\s*<(!doctype html|html|table)", start, re.IGNORECASE):
        raise InputError(path, Message("register.web_page"))
    if b"urn:schemas-microsoft-com:office:spreadsheet" in start:
        # Excel 2003's XML spreadsheet, which systems still export, often named .xls.
        raise InputError(path, Message("register.excel_2003_xml"))
    if suffix == ".iqy" or re.match(rb"WEB\r?\n\d*\r?\nhttps?://", start):
        # What SharePoint's "Export to Excel" downloads: a query that Excel runs, no list.
        raise InputError(path, Message("register.web_query"))
    if suffix in {".csv", ".txt"} or (suffix == ".xls" and _is_text(start)):
        # A web system's "Excel" export is often separated text named .xls.
        return [Sheet(None, _read_csv(path))]
    if suffix == ".xls":
        raise InputError(path, Message("register.old_excel"))
    raise InputError(path, Message("register.not_a_kind", what=kind))


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _is_text(start: bytes) -> bool:
    """Whether a file starts as text with separated values: a CSV, whatever its name."""
    if b"\0" in start or re.match(rb"\s*<", start):
        return False
    try:
        first = start.decode("utf-8-sig").splitlines()[0]
    except (UnicodeDecodeError, IndexError):
        first = start.decode("cp1252", errors="replace").splitlines()[0] if start else ""
    return any(sep in first for sep in ";,\t")


def has_workbook(path: Path) -> bool:
    """Whether a zip file holds an Excel workbook at all (a zip of something else does not)."""
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    return "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)


# The names of an Excel workbook openpyxl reads: a workbook, with macros, or a template.
_WORKBOOKS = {".xlsx", ".xlsm", ".xltx", ".xltm"}


def _other_package(path: Path) -> str | None:
    """The catalogue's word for a zip package that is a spreadsheet openpyxl cannot read,
    however it is named: a LibreOffice or OpenOffice one (.ods), Excel's binary workbook
    (.xlsb), Apple's Numbers; None for any other."""
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            if "mimetype" in names:
                mimetype = package.read("mimetype")
                if mimetype.startswith(b"application/vnd.oasis.opendocument"):
                    return "opendocument"
    except (zipfile.BadZipFile, OSError):
        return None
    if "xl/workbook.bin" in names:
        return "excel_binary"
    if "Index.zip" in names or any(n.startswith("Index/") and n.endswith(".iwa") for n in names):
        return "numbers"
    return None


def _read_xlsx(path: Path) -> list[Sheet]:
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(path) or not has_workbook(path):
        raise InputError(path, Message("register.not_a_workbook"))
    try:
        with warnings.catch_warnings():
            # openpyxl warns about data validation and header/footer extensions it ignores.
            warnings.simplefilter("ignore")
            source = transitional(_without_empty_cells(path))
            if isinstance(source, Path) and path.suffix.casefold() not in _WORKBOOKS:
                source = io.BytesIO(path.read_bytes())  # openpyxl goes by the name alone
            # Not read-only: only a full worksheet knows its merged cells.
            workbook = load_workbook(source, data_only=True)
            formulas = _formulas(source)
        sheets = [_sheet(ws, formulas.get(ws.title, {})) for ws in workbook.worksheets]
        workbook.close()
    except InputError:
        raise
    except Exception:  # a damaged package can fail in zipfile, lxml or openpyxl alike
        raise InputError(path, Message("register.workbook_unreadable")) from None
    return sheets


# A cell that holds nothing but a format (`<c r="A9" s="3"/>`), and a row of nothing else: a
# sheet formatted down to its last row (1,048,576) holds millions of them.
_EMPTY_CELL = re.compile(rb'<(?:\w+:)?c(?:\s+[\w:]+="[^"]*")*\s*(?:/>|>\s*</(?:\w+:)?c>)')
_EMPTY_ROW = re.compile(rb'<((?:\w+:)?)row(?:\s+[\w:]+="[^"]*")*\s*(?:/>|>\s*</\1row>)')
# Sheets smaller than this are read as they are: only a formatted sheet is worth rewriting.
_LARGE_SHEET = 4 * 1024 * 1024


def _without_empty_cells(path: Path) -> Path | io.BytesIO:
    """The workbook without the cells that hold only a format, when a sheet has many: read
    as they are, a sheet formatted down to its last row takes a minute and gigabytes for a
    register of twenty accounts. Values, merged cells and links are left as they were."""
    with zipfile.ZipFile(path) as package:
        members = package.infolist()
        if not any(_is_sheet(m.filename) and m.file_size > _LARGE_SHEET for m in members):
            return path
        slim = io.BytesIO()
        with zipfile.ZipFile(slim, "w", zipfile.ZIP_STORED) as out:
            for member in members:
                data = package.read(member)
                if _is_sheet(member.filename) and member.file_size > _LARGE_SHEET:
                    data = _EMPTY_ROW.sub(b"", _EMPTY_CELL.sub(b"", data))
                out.writestr(member.filename, data)
    slim.seek(0)
    return slim


# Excel's "Strict Open XML" workbook says the same as an ordinary one in other namespaces, which
# openpyxl does not know: it found no sheet in it, and the register was "empty".
_STRICT = [
    (
        b"purl.oclc.org/ooxml/spreadsheetml/main",
        b"schemas.openxmlformats.org/spreadsheetml/2006/main",
    ),
    (
        b"purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
        b"schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
    ),
    (
        b"purl.oclc.org/ooxml/officeDocument/relationships",
        b"schemas.openxmlformats.org/officeDocument/2006/relationships",
    ),
    (
        b"purl.oclc.org/ooxml/officeDocument/extendedProperties",
        b"schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    ),
    (
        b"purl.oclc.org/ooxml/officeDocument/docPropsVTypes",
        b"schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    ),
    (
        b"purl.oclc.org/ooxml/drawingml/spreadsheetDrawing",
        b"schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    ),
    (b"purl.oclc.org/ooxml/drawingml/main", b"schemas.openxmlformats.org/drawingml/2006/main"),
    (b"purl.oclc.org/ooxml/drawingml/chart", b"schemas.openxmlformats.org/drawingml/2006/chart"),
]


def transitional(source: Path | io.BytesIO) -> Path | io.BytesIO:
    """A Strict Open XML workbook in the namespaces of an ordinary one; any other as it is."""
    with zipfile.ZipFile(source) as package:
        try:
            strict = _STRICT[0][0] in package.read("xl/workbook.xml")
        except KeyError:
            strict = False
        if not strict:
            return source
        ordinary = io.BytesIO()
        with zipfile.ZipFile(ordinary, "w", zipfile.ZIP_DEFLATED) as out:
            for member in package.infolist():
                data = package.read(member)
                if member.filename.endswith((".xml", ".rels")):
                    for old, new in _STRICT:
                        data = data.replace(old, new)
                out.writestr(member.filename, data)
    if isinstance(source, io.BytesIO):
        source.seek(0)
    ordinary.seek(0)
    return ordinary


def _is_sheet(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


# `=HYPERLINK("address", "label")`, as a workbook stores it (always a comma there).
_HYPERLINK = re.compile(
    r'^=\s*HYPERLINK\(\s*"((?:[^"]|"")*)"\s*(?:[,;]\s*"((?:[^"]|"")*)"\s*)?\)\s*$',
    re.IGNORECASE,
)


# A formula whose result the file does not keep (`<f>B2</f><v/>`): a workbook written by a
# program that computes nothing, never opened and saved in a spreadsheet program since.
_UNCACHED = re.compile(rb"(?:</f>|<f\b[^>]*/>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")


def keeps_uncomputed_formulas(path: Path | io.BytesIO) -> bool:
    """Whether a sheet of the workbook holds a formula whose result it does not keep."""
    return _sheet_parts_hold(path, lambda data: _UNCACHED.search(data) is not None)


def _sheet_parts_hold(path: Path | io.BytesIO, found: Callable[[bytes], object]) -> bool:
    with zipfile.ZipFile(path) as package:
        return any(
            found(package.read(name))
            for name in package.namelist()
            if name.startswith("xl/worksheets/")
        )


def uncomputed(
    rows: Sequence[Sequence[object]], formulas: dict[tuple[int, int], str]
) -> dict[tuple[int, int], str]:
    """The formulas whose result the file does not keep: their cells read as empty."""
    return {
        (r, c): formula
        for (r, c), formula in formulas.items()
        if r >= len(rows) or c >= len(rows[r]) or rows[r][c] is None
    }


def _formulas(path: Path | io.BytesIO) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet, the formulas of its cells, by (row, column); read only when a sheet holds a
    HYPERLINK formula (a workbook keeps only its label as the value) or a formula whose result
    it does not keep."""
    if not _sheet_parts_hold(
        path, lambda data: b"HYPERLINK(" in data.upper() or _UNCACHED.search(data)
    ):
        return {}
    from openpyxl import load_workbook

    found: dict[str, dict[tuple[int, int], str]] = {}
    workbook = load_workbook(path, data_only=False)
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    found.setdefault(ws.title, {})[(cell.row - 1, cell.column - 1)] = cell.value
    workbook.close()
    return found


def _sheet(ws, formulas: dict[tuple[int, int], str]) -> Sheet:
    """A worksheet's values, each merged cell's value copied into every cell it covers: people
    merge a department down over its accounts, and every one of those rows belongs to it."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    hyperlinks = {}
    for place, formula in formulas.items():
        if m := _HYPERLINK.match(formula):
            address, label = (g.replace('""', '"') if g else g for g in m.groups())
            hyperlinks[place] = (address, label or address)
    not_kept = uncomputed(rows, {k: f for k, f in formulas.items() if k not in hyperlinks})
    links = _links(ws, rows, hyperlinks)
    merged: set[tuple[int, int]] = set()
    for span in ws.merged_cells.ranges:
        top, left = span.min_row - 1, span.min_col - 1
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(top, min(span.max_row, len(rows))):
            row = rows[r]
            for c in range(left, span.max_col):
                if (r, c) == (top, left):
                    continue
                if c >= len(row):
                    row.extend([None] * (c + 1 - len(row)))
                row[c] = value
                merged.add((r, c))
    epoch = getattr(ws.parent, "epoch", None)
    return Sheet(
        ws.title,
        [tuple(as_shown(v) if isinstance(v, str) else v for v in r) for r in rows],
        frozenset(merged),
        links,
        not_kept,
        date1904=getattr(epoch, "year", 1899) == 1904,
        hidden_columns=frozenset(
            c - 1
            for dimension in ws.column_dimensions.values()
            if dimension.hidden and dimension.min
            for c in range(dimension.min, (dimension.max or dimension.min) + 1)
        ),
        hidden_rows=frozenset(
            index - 1 for index, dimension in ws.row_dimensions.items() if dimension.hidden
        ),
    )


def _links(ws, rows: list[list], formulas: dict) -> dict[tuple[int, int], str]:
    """The addresses cells link to; a HYPERLINK formula no program computed shows its label."""
    from openpyxl.cell.cell import MergedCell

    links: dict[tuple[int, int], str] = {}
    for (r, c), (address, label) in formulas.items():
        if r < len(rows) and c < len(rows[r]):
            if rows[r][c] is None:
                rows[r][c] = label
            links[(r, c)] = address
    for row in ws.iter_rows():
        for cell in row:
            link = cell.hyperlink
            if link is not None and link.target and not isinstance(cell, MergedCell):
                links.setdefault((cell.row - 1, cell.column - 1), link.target)
    return links


# The apostrophe a spreadsheet puts before a number or date it is to keep as text (`'01-01-2024`,
# `'3`), and a tool before what could start a formula (`'@gemeentezeist`, `'=…`), is no part of
# the value once the file is text; nor in a workbook, where a CSV opened in Excel, or a program
# writing cells, left it in the text. Before a letter it is: `'s-Hertogenbosch`.
_TEXT_MARK = re.compile(r"^'(?=[\d=+\-@])")


# A SharePoint list's lookup, person and multiple-choice values as its data gives them: the
# item's number before the name (`3;#Communicatie`, `12;#Sanne Smit;#14;#Joost Mulder`), the
# choices between marks (`;#Facebook;#Instagram;#`). Kept so, the department was
# `3;#Communicatie`, no department listed, and the owner nobody of the staff list.
_LOOKUP = re.compile(r"^(?:;#)?(?:[^;#]*;#)+[^;#]*$")
# A rich-text column of such a list: its text in the markup of its editor
# (`<div class="ExternalClass…"><p>informeren</p></div>`).
_MARKUP = re.compile(r"^\s*<(div|p|span)\b[^>]*>.*</\1>\s*$", re.DOTALL | re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|li)>", re.IGNORECASE)


def as_shown(value: str) -> str:
    """A cell's text as the program that wrote it shows it: without a spreadsheet's text
    mark, a SharePoint list's item numbers and marks, or a rich-text editor's markup."""
    value = _TEXT_MARK.sub("", value, count=1)
    if ";#" in value and _LOOKUP.match(value):
        # `Facebook;#Instagram` too, as a flow or a script takes the choices from the list.
        parts = [p.strip() for p in value.split(";#")]
        return "; ".join(p for p in parts if p and not p.isdigit())
    if value.lstrip().startswith("<") and _MARKUP.match(value):
        lines = re.sub(r"<[^>]+>", "", _BREAK.sub("\n", value)).splitlines()
        return "\n".join(line for line in (html.unescape(x).strip() for x in lines) if line)
    return value


def _read_csv(path: Path) -> list[Row]:
    raw = path.read_bytes()
    if b"\0" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, Message("register.csv_binary"))
    text = _decode(raw)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = max(",;\t|", key=sample.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [tuple(as_shown(cell) for cell in row) for row in reader]
    except csv.Error as exc:
        raise InputError(path, Message("register.csv_unreadable", detail=str(exc))) from None


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\r" in raw and b"\n" not in raw:
        # Lines ended by a carriage return alone: Excel for Mac's "CSV (Macintosh)", in the
        # Mac's own encoding. Read as Windows', `Zoë` was `Zo‘`.
        return raw.decode("mac_roman")
    # Windows' encoding, or UTF-8 with rows pasted in from a file in Windows' encoding: each
    # line in the one it is in. Read whole as Windows', the UTF-8 rows' `Zoë` was `ZoÃ«`, and
    # no longer the Zoë of the staff list.
    lines = raw.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    return "\n".join(_line_text(line) for line in lines)


def _line_text(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")
