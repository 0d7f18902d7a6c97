"""Hypothesis strategies for the inputs people make: registers and activity exports.

Each strategy draws a *spec* (plain data: header, rows, merges, encoding …); `write_*` puts a
spec on disk as the real file a municipality would hand over. Keeping the two apart lets a
failing example be printed, shrunk and copied into a regression test as plain data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from auditor.register.columns import (
    ACCOUNT_COLUMNS,
    DEPARTMENT_COLUMNS,
    SHEET_NAMES,
    STAFF_COLUMNS,
    WAIVER_COLUMNS,
)

# A small pool, so that exports and the register name the same accounts often enough.
HANDLES = ["gemeentezeist", "sportzeist", "Cultuur_Zeist", "zeist_werkt", "wijkteam"]
PEOPLE = ["Anna de Vries", "Piet Bakker", "Sanne Smit", "Fatima El Amrani", "Øystein Ærø"]
DEPARTMENTS = ["Communicatie", "Sport", "Ruimte", "KCC", "Sociaal Domein"]
X_EPOCH_MS = 1288834974657

# --- cells ------------------------------------------------------------------------------

# Text without control characters: an xlsx cannot hold them (openpyxl refuses to write them).
plain_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff"),
    max_size=30,
)
non_latin = st.sampled_from(
    [
        "Гемеэнте Зейст",
        "宇都宮市役所",
        "بلدية زايست",
        "ゼイスト",
        "Ζέιστ",
        "🎉📣 Zeist",
        "‮tsiez",
        "İstanbul",
    ]
)
long_text = st.builds(
    lambda word, n: (word + " ") * n,
    st.sampled_from(["Afdeling Maatschappelijke Ontwikkeling", "Ñandú", "名前", "a"]),
    st.integers(min_value=10, max_value=400),
)
formula_like = st.sampled_from(
    ["=SUM(A1:A3)", '=HYPERLINK("http://example.com","klik")', "+31 30 123 4567", "-", "@", "=1/0"]
)
# Control characters: a CSV holds them (pasted from a terminal, a PDF, a web form); an xlsx
# cannot, so the xlsx writer below drops them.
control_text = st.sampled_from(
    ["Sport\x01", "bio \x1b[31mrood", "regel\x0bregel", "\x7f", "a\x1fb"]
)
missing_words = st.sampled_from(["", " ", "n.v.t.", "nvt", "-", "NVT", "onbekend", "?"])
yes_no = st.sampled_from(["ja", "nee", "Ja", "yes", "no", "x", "✓", "j", "waar", "misschien"])
excel_dates = st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 12, 31))
excel_datetimes = st.datetimes(
    min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 12, 31)
)
DATE_FORMATS = ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d %B %Y", "%Y%m%d"]
date_texts = st.one_of(
    st.builds(lambda d, f: d.strftime(f), excel_dates, st.sampled_from(DATE_FORMATS)),
    st.sampled_from(
        [
            "31-02-2024",
            "00-00-0000",
            "2024-13-45",
            "gisteren",
            "Q3 2026",
            "1-1-1",
            "01-01-0001",
            "29-02-2023",
            "9999-12-31",
            "1677-09-21",
            "2262-04-12",
            "31/12/99",
        ]
    ),
)
numbers = st.one_of(
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
any_cell = st.one_of(
    st.none(),
    plain_text,
    non_latin,
    long_text,
    formula_like,
    control_text,
    missing_words,
    yes_no,
    excel_dates,
    excel_datetimes,
    date_texts,
    numbers,
    st.booleans(),
)


def sometimes_any(plausible: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly what the column is for, now and then anything a cell can hold."""
    return st.one_of(plausible, plausible, plausible, any_cell)


def cells_for(plausible: st.SearchStrategy, messy: bool) -> st.SearchStrategy:
    """A tidy file holds what its columns are for; a messy one anything now and then."""
    return sometimes_any(plausible) if messy else plausible


date_cell = st.one_of(excel_dates, date_texts, st.none())
handle_cell = st.one_of(
    st.sampled_from(HANDLES),
    st.sampled_from(HANDLES).map(lambda h: "@" + h),
    st.sampled_from(HANDLES).map(str.upper),
    any_cell,
)
platform_cell = st.sampled_from(
    [
        "x",
        "Twitter",
        "X (Twitter)",
        "facebook",
        "Instagram",
        "LinkedIn",
        "YouTube",
        "tiktok",
        "Mastodon",
        "Hyves",
        "Threads",
        "WhatsApp",
        "Snapchat",
        "",
        None,
    ]
)
ACCOUNT_PLAUSIBLE: dict[str, st.SearchStrategy] = {
    "platform": platform_cell,
    "handle": handle_cell,
    "url": st.one_of(
        st.one_of(
            st.none(),
            st.sampled_from(HANDLES).map(lambda h: f"https://x.com/{h}"),
            st.sampled_from(HANDLES).map(lambda h: f"https://www.facebook.com/{h}"),
            st.sampled_from(HANDLES).map(lambda h: f"https://www.linkedin.com/company/{h}/"),
            st.sampled_from(HANDLES).map(lambda h: f"https://instagram.com/{h}?igsh=1"),
            st.just("https://example.com/"),
        )
    ),
    "display_name": st.sampled_from(["Gemeente Zeist", "Sport Zeist", None]),
    "type": st.sampled_from(["hoofdaccount", "nevenaccount", "main", "secondary", "Hoofd", None]),
    "department": st.one_of(st.sampled_from(DEPARTMENTS), long_text, non_latin),
    "owner_name": st.one_of(st.sampled_from(PEOPLE), long_text, non_latin),
    "owner_email": st.sampled_from(
        ["a.devries@zeist.nl", "p.bakker@zeist.nl", "geen mail", "@", None]
    ),
    "substitute_name": st.sampled_from(PEOPLE),
    "goal": st.sampled_from(["informeren", "informeren, dialoog", "luisteren; x"]),
    "communicatie_consulted": st.one_of(yes_no, excel_dates, date_texts),
    "house_style_review": date_cell,
    "owner_training": date_cell,
    "guideline_ack": st.one_of(yes_no, excel_dates),
    "expected_posts_per_week": st.one_of(
        st.integers(-5, 1000), st.sampled_from(["2", "2,5", "drie", "1-2"])
    ),
    "started": date_cell,
    "status": st.sampled_from(
        ["actief", "gesloten", "closed", "Gesloten", "gepland", "inactief", None]
    ),
    "closed": date_cell,
}

# --- registers --------------------------------------------------------------------------


@dataclass
class SheetSpec:
    name: str
    rows: list[list[Any]]  # title rows, the header, then data rows
    merges: list[str] = field(default_factory=list)  # A1-style ranges
    hidden: list[int] = field(default_factory=list)  # 1-based column numbers


@dataclass
class RegisterSpec:
    kind: str  # "xlsx" or "csv"
    sheets: list[SheetSpec]
    delimiter: str = ","
    encoding: str = "utf-8"

    @property
    def file_name(self) -> str:
        return f"register.{self.kind}"


def _near_miss(name: str) -> st.SearchStrategy[str]:
    return st.sampled_from(
        [
            name,
            name.upper(),
            f"  {name}  ",
            name.replace(" ", "_"),
            f"{name}:",
            f"{name}*",
            name[:-1] or name,
            name + "s",
            name.replace("e", "é", 1),
        ]
    )


def header_for(names: list[str], exact: int = 2) -> st.SearchStrategy[str]:
    """An accepted header, written as people write it, now and then (1 in `exact` + 1) a
    near miss."""
    return st.sampled_from(names).flatmap(lambda n: st.one_of(*[st.just(n)] * exact, _near_miss(n)))


@st.composite
def sheet(
    draw,
    sheet_names: list[str],
    columns: dict[str, list[str]],
    plausible: dict[str, st.SearchStrategy],
    max_rows: int = 8,
    clean: dict[str, st.SearchStrategy] | None = None,
) -> SheetSpec:
    """A sheet as people keep it; with `clean` (values per column) one that reads without
    an error: those values, one row per key, no merges over data."""
    chosen = draw(
        st.lists(st.sampled_from(list(columns)), min_size=1, max_size=len(columns), unique=True)
    )
    # Most sheets have the columns that make them recognisable; some do not.
    must = [c for c in list(columns)[:2] if c not in chosen]
    # Hypothesis draws small numbers first and shrinks towards them: the usual case is the
    # small number, the rare one the large (here and below).
    if draw(st.integers(0, 9)) < 9:
        chosen = must + chosen
    if clean is not None:
        chosen = draw(st.permutations(list(columns)))
    # The columns that make a sheet recognisable are rarely misspelt: most sheets get read.
    key_columns = list(columns)[:2]
    headers = [
        draw(header_for([c, *columns[c]], exact=8 if c in key_columns else 2))
        if clean is None or c not in key_columns
        else columns[c][0]
        for c in chosen
    ]
    if draw(st.integers(0, 5)) == 5:
        at = draw(st.integers(0, len(headers)))
        headers.insert(at, draw(st.one_of(plain_text, non_latin)))
        chosen.insert(at, "_extra")
    n_rows = draw(st.integers(0, max_rows))
    messy = clean is None and draw(st.booleans())
    values = plausible | (clean or {})
    strategies = [cells_for(values.get(c, any_cell), messy) for c in chosen]
    data = [[draw(strategy) for strategy in strategies] for _ in range(n_rows)]
    if clean is not None:
        keys = [chosen.index(c) for c in key_columns if c in chosen]
        unique = {tuple(str(row[k]).casefold() for k in keys): row for row in data}
        data = list(unique.values())
    # Duplicated rows happen when someone copies a row to start a new account.
    elif data and draw(st.booleans()):
        data.insert(draw(st.integers(0, len(data))), list(draw(st.sampled_from(data))))
    if data and draw(st.integers(0, 3)) == 3:
        # A column nobody filled in yet (a new column, or one for a later quarter).
        empty = draw(st.integers(0, len(chosen) - 1))
        if clean is None or chosen[empty] not in key_columns:
            for row in data:
                row[empty] = None
    titles = draw(
        st.lists(
            st.one_of(
                st.just(["Register social media accounts"]),
                st.just([]),
                st.lists(any_cell, max_size=3),
            ),
            max_size=3,
        )
    )
    rows = [*titles, headers, *data]
    width = max(len(r) for r in rows)
    merges: list[str] = []
    if data and clean is None and draw(st.booleans()):
        # A vertical merge over data rows (a department written once for its accounts).
        col = draw(st.integers(1, len(headers)))
        first = len(titles) + 2 + draw(st.integers(0, len(data) - 1))
        last = draw(st.integers(first, len(titles) + 1 + len(data)))
        if last > first:
            merges.append(f"{get_column_letter(col)}{first}:{get_column_letter(col)}{last}")
    if titles and draw(st.booleans()) and width > 1:
        merges.append(f"A1:{get_column_letter(width)}1")
    hidden = draw(st.lists(st.integers(1, width), max_size=2, unique=True))
    return SheetSpec(
        name=draw(st.sampled_from(sheet_names)), rows=rows, merges=merges, hidden=hidden
    )


def _names(role: str) -> list[str]:
    names = SHEET_NAMES[role]
    return [*names, names[0].lower(), f" {names[0]} "]


PEOPLE_PLAUSIBLE = {
    "name": st.sampled_from(PEOPLE),
    "department": st.sampled_from(DEPARTMENTS),
    "active": yes_no,
    "left_on": date_cell,
}
DEPARTMENT_PLAUSIBLE = {
    "name": st.one_of(st.sampled_from(DEPARTMENTS), long_text),
    "manager_name": st.sampled_from(PEOPLE),
    "kind": st.sampled_from(["lijnafdeling", "project", "team"]),
}
WAIVER_PLAUSIBLE = {
    "platform": platform_cell,
    "account": handle_cell,
    "check_id": st.sampled_from(["OWN002", "REG002", "ACT001", "own-002", "XYZ"]),
    "until": date_cell,
}


# Values that read without an error, for registers `validate` should accept.
_CLEAN_DATES = st.one_of(st.none(), excel_dates, excel_dates.map(lambda d: d.strftime("%d-%m-%Y")))
ACCOUNT_CLEAN: dict[str, st.SearchStrategy] = {
    "platform": st.sampled_from(["x", "facebook", "instagram", "linkedin", "youtube", "tiktok"]),
    "handle": st.sampled_from(HANDLES),
    "url": st.none(),
    "owner_email": st.sampled_from(["a.devries@zeist.nl", "p.bakker@zeist.nl", None]),
    "substitute_email": st.none(),
    "communicatie_consulted": st.one_of(st.sampled_from(["ja", "nee"]), _CLEAN_DATES),
    "house_style_review": _CLEAN_DATES,
    "owner_training": _CLEAN_DATES,
    "guideline_ack": st.one_of(st.sampled_from(["ja", "nee"]), _CLEAN_DATES),
    "expected_posts_per_week": st.one_of(st.none(), st.integers(0, 50)),
    "started": _CLEAN_DATES,
    "status": st.sampled_from(["actief", "gesloten", "gepland", "closed"]),
    "closed": _CLEAN_DATES,
    "type": st.sampled_from(["hoofdaccount", "nevenaccount", None]),
    "goal": st.sampled_from(["informeren", "informeren, dialoog", None]),
}
PEOPLE_CLEAN: dict[str, st.SearchStrategy] = {
    "email": st.sampled_from(["a.devries@zeist.nl", "p.bakker@zeist.nl", None]),
    "active": st.sampled_from(["ja", "nee", None]),
    "left_on": _CLEAN_DATES,
}
DEPARTMENT_CLEAN: dict[str, st.SearchStrategy] = {"manager_email": st.none()}
WAIVER_CLEAN: dict[str, st.SearchStrategy] = {
    "platform": st.just("x"),
    "account": st.sampled_from(HANDLES),
    "check_id": st.sampled_from(["OWN002", "REG002", "ACT001"]),
    "reason": st.just("afgesproken"),
    "approved_by": st.sampled_from(PEOPLE),
    "until": excel_dates,
}


@st.composite
def registers(draw, kinds: tuple[str, ...] = ("xlsx", "csv"), clean: bool = False) -> RegisterSpec:
    """A register workbook or CSV; `clean` ones hold no cell `validate` calls an error."""
    kind = draw(st.sampled_from(kinds))
    accounts = draw(
        sheet(
            _names("accounts"),
            ACCOUNT_COLUMNS,
            ACCOUNT_PLAUSIBLE,
            clean=ACCOUNT_CLEAN if clean else None,
        )
    )
    if kind == "csv":
        return RegisterSpec(
            kind="csv",
            sheets=[accounts],
            delimiter=draw(st.sampled_from([",", ";", "\t"])),
            encoding=draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"])),
        )
    sheets = [accounts]
    for role, columns, plausible, clean_values in (
        ("staff", STAFF_COLUMNS, PEOPLE_PLAUSIBLE, PEOPLE_CLEAN),
        ("departments", DEPARTMENT_COLUMNS, DEPARTMENT_PLAUSIBLE, DEPARTMENT_CLEAN),
        ("waivers", WAIVER_COLUMNS, WAIVER_PLAUSIBLE, WAIVER_CLEAN),
    ):
        # A clean register has no waivers: one for an account it lacks is an error.
        if draw(st.booleans()) and not (clean and role == "waivers"):
            extra = clean_values if clean else None
            sheets.append(draw(sheet(_names(role), columns, plausible, max_rows=4, clean=extra)))
    # Sheet names must be unique in a workbook; a repeated role is a person's mistake we skip.
    seen: set[str] = set()
    sheets = [
        s
        for s in sheets
        if not (s.name.strip().casefold() in seen or seen.add(s.name.strip().casefold()))
    ]
    return RegisterSpec(kind="xlsx", sheets=sheets)


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, dt.datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def _xlsx_value(value: Any) -> Any:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def write_register_spec(spec: RegisterSpec, folder: Path) -> Path:
    path = folder / spec.file_name
    if spec.kind == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=spec.delimiter)
        for row in spec.sheets[0].rows:
            writer.writerow([_csv_text(v) for v in row])
        path.write_bytes(buffer.getvalue().encode(spec.encoding, errors="replace"))
        return path
    workbook = Workbook()
    workbook.remove(workbook.active)
    for s in spec.sheets:
        ws = workbook.create_sheet(s.name.strip()[:31] or "Blad1")
        for row in s.rows:
            ws.append([_xlsx_value(v) for v in row])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text as typed, even when it starts with "="
        for merged in s.merges:
            ws.merge_cells(merged)
        for column in s.hidden:
            ws.column_dimensions[get_column_letter(column)].hidden = True
    workbook.save(path)
    return path


# --- activity exports -------------------------------------------------------------------

moments = st.datetimes(min_value=dt.datetime(2025, 12, 1), max_value=dt.datetime(2026, 12, 31))
odd_moments = st.sampled_from(
    [
        "1000-01-01T00:00:00Z",
        "1677-09-21 00:00",
        "1677-01-01T00:00:00+00:00",
        "2300-01-01 10:00",
        "2262-04-12T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "0001-01-01",
        "2026-02-30 10:00",
        "gisteren",
        "",
        "2026-13-01T00:00:00Z",
        "2026-03-29 02:30",
        "2026-10-25 02:30",
        "12/31/2026 25:00",
    ]
)


@dataclass
class ExportSpec:
    name: str  # file name, its suffix decides CSV or xlsx
    rows: list[list[Any]]  # preamble rows, header, records
    delimiter: str = ","
    encoding: str = "utf-8"
    sheet: str = "Sheet1"


def _iso(moment: dt.datetime, style: int) -> str:
    return [
        moment.isoformat(timespec="minutes"),
        moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        moment.strftime("%Y-%m-%dT%H:%M:%S+02:00"),
        moment.strftime("%d-%m-%Y %H:%M"),
        moment.strftime("%Y-%m-%d %H:%M:%S"),
    ][style]


def _snowflake(moment: dt.datetime, shift: int, epoch_ms: int) -> str:
    ms = int(moment.replace(tzinfo=dt.UTC).timestamp() * 1000) - epoch_ms
    return str(max(ms, 0) << shift)


def time_cell(render) -> st.SearchStrategy:
    """A format's own time notation mostly; out-of-range, naive, empty and nonsense now and then."""
    written = st.builds(render, moments)
    return st.one_of(written, written, written, odd_moments)


def _row_cells(draw, columns: list[tuple[str, st.SearchStrategy]]) -> list[Any]:
    return [draw(strategy) for _, strategy in columns]


FORMATS = (
    "canonical",
    "canonical_xlsx",
    "x_tweet_activity",
    "x_account_analytics",
    "meta_facebook",
    "meta_instagram",
    "linkedin",
    "hootsuite",
    "obi4wan",
)


def _columns(fmt: str, draw, messy: bool) -> list[tuple[str, st.SearchStrategy]]:
    def m(plausible: st.SearchStrategy) -> st.SearchStrategy:
        return cells_for(plausible, messy)

    def when(render) -> st.SearchStrategy:
        return m(time_cell(render))

    handle = m(st.one_of(st.sampled_from(HANDLES), st.sampled_from(HANDLES), plain_text))
    ids = m(st.one_of(st.integers(1, 50).map(str), st.integers(1, 10**19).map(str)))
    if fmt.startswith("canonical"):
        style = draw(st.integers(0, 4))
        return [
            (
                "platform",
                m(st.sampled_from(["x", "twitter", "facebook", "linkedin", "myspace"])),
            ),
            ("account", handle),
            ("item_id", ids),
            ("timestamp", when(lambda moment: _iso(moment, style))),
            (
                "direction",
                m(st.sampled_from(["in", "out", "uit", "inbound", "sideways"])),
            ),
            (
                "kind",
                m(st.sampled_from(["post", "reply", "comment", "message", "story"])),
            ),
            ("in_reply_to", st.one_of(st.none(), ids)),
            ("author", m(st.just("@een_inwoner"))),
            ("has_image", m(st.sampled_from(["true", "false", "ja", ""]))),
            ("has_alt_text", m(st.sampled_from(["true", "false", "nee"]))),
            ("text", st.one_of(plain_text, long_text, formula_like)),
        ]
    if fmt == "x_tweet_activity":
        return [
            ("Tweet id", ids),
            (
                "Tweet permalink",
                st.builds(lambda h, i: f"https://twitter.com/{h}/status/{i}", handle, ids),
            ),
            ("Tweet text", st.one_of(plain_text, st.just("@iemand bedankt"))),
            ("time", when(lambda moment: moment.strftime("%Y-%m-%d %H:%M +0000"))),
            ("impressions", m(st.just("12.0"))),
        ]
    if fmt == "x_account_analytics":
        return [
            (
                "Post id",
                st.one_of(st.builds(lambda m: _snowflake(m, 22, X_EPOCH_MS), moments), ids),
            ),
            ("Date", when(lambda moment: moment.strftime("%a, %b %d, %Y"))),
            ("Post text", plain_text),
            (
                "Post Link",
                st.one_of(
                    st.builds(lambda h, i: f"https://x.com/{h}/status/{i}", handle, ids),
                    st.builds(lambda h: f"https://x.com/{h}/status/undefined", handle),
                ),
            ),
            ("Impressions", m(st.just("6"))),
        ]
    if fmt in ("meta_facebook", "meta_instagram"):
        who = (
            [
                ("Page ID", ids),
                ("Page name", m(st.sampled_from(["Gemeente Zeist", "Sport Zeist"]))),
            ]
            if fmt == "meta_facebook"
            else [("Account ID", ids), ("Account username", handle), ("Account name", plain_text)]
        )
        return [
            ("Post ID", ids),
            *who,
            ("Description", st.one_of(plain_text, long_text)),
            ("Publish time", when(lambda moment: moment.strftime("%m/%d/%Y %H:%M"))),
            ("Permalink", plain_text),
            (
                "Post type",
                m(st.sampled_from(["IG image", "IG reel", "Photos", "Links"])),
            ),
            ("Date", st.just("Lifetime")),
        ]
    if fmt == "linkedin":
        return [
            ("Post title", plain_text),
            (
                "Post link",
                st.one_of(
                    st.builds(
                        lambda m: (
                            "https://www.linkedin.com/feed/update/urn:li:activity:"
                            + _snowflake(m, 22, 0)
                        ),
                        moments,
                    ),
                    any_cell,
                ),
            ),
            ("Post type", m(st.just("Organic"))),
            ("Posted by", st.sampled_from(PEOPLE)),
            ("Created date", when(lambda moment: moment.strftime("%m/%d/%Y"))),
            ("Content Type", m(st.sampled_from(["Image", "Text", "Video"]))),
        ]
    if fmt == "hootsuite":
        return [
            ("Message ID", ids),
            ("Conversation ID", st.one_of(st.integers(1, 5).map(str), any_cell)),
            ("Direction", m(st.sampled_from(["inbound", "outbound", "Inbound"]))),
            (
                "Message Type",
                m(st.sampled_from(["Mention", "Direct message", "Reply"])),
            ),
            ("Content", st.one_of(plain_text, long_text)),
            ("Created at", when(lambda moment: _iso(moment, 1))),
            ("Channel", handle),
            ("Medium", m(st.sampled_from(["Twitter", "Facebook", "Hyves"]))),
        ]
    if fmt == "obi4wan":
        return [
            ("Bericht ID", ids),
            ("Gesprek ID", st.integers(1, 5).map(str)),
            ("Reactie op", st.one_of(st.none(), ids)),
            ("Publicatiedatum", when(lambda moment: moment.strftime("%d-%m-%Y %H:%M"))),
            ("Richting", m(st.sampled_from(["inkomend", "uitgaand"]))),
            ("Account", handle),
            ("Kanaal", m(st.sampled_from(["Twitter", "Facebook", "Instagram"]))),
            ("Type", m(st.sampled_from(["Reactie", "Bericht", "Vermelding"]))),
            ("Bericht", plain_text),
        ]
    raise ValueError(fmt)


@st.composite
def exports(draw, formats: tuple[str, ...] = FORMATS, max_rows: int = 12) -> ExportSpec:
    fmt = draw(st.sampled_from(formats))
    messy = draw(st.booleans())
    columns = _columns(fmt, draw, messy)
    # Real exports drop, reorder and add columns; required ones mostly stay.
    if draw(st.integers(0, 5)) == 5:
        columns.pop(draw(st.integers(0, len(columns) - 1)))
    columns = draw(st.permutations(columns)) if draw(st.booleans()) else columns
    n = draw(st.integers(0, max_rows))
    records = [_row_cells(draw, columns) for _ in range(n)]
    if records and draw(st.booleans()):
        # A column that is empty in every record, as exports for a quiet quarter have.
        empty = draw(st.integers(0, len(columns) - 1))
        for record in records:
            record[empty] = None
    if records and draw(st.booleans()):
        records.append(list(draw(st.sampled_from(records))))  # the same item twice
    header = [name for name, _ in columns]
    preamble: list[list[Any]] = []
    if fmt == "linkedin" and draw(st.booleans()):
        page = draw(st.sampled_from(HANDLES))
        preamble.append([f"Content export for https://www.linkedin.com/company/{page}/"])
    suffix = ".xlsx" if fmt in ("linkedin", "canonical_xlsx") else ".csv"
    stem = f"{draw(st.sampled_from(HANDLES))}_content_1740000000000" if fmt == "linkedin" else fmt
    return ExportSpec(
        name=f"{stem}-{draw(st.integers(0, 10**6))}{suffix}",
        rows=[*preamble, header, *records],
        delimiter=";" if fmt == "obi4wan" else draw(st.sampled_from([",", ",", ";", "\t"])),
        encoding=draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"])),
        sheet="All posts" if fmt == "linkedin" else "Export",
    )


def write_export_spec(spec: ExportSpec, folder: Path) -> Path:
    path = folder / spec.name
    if path.suffix == ".xlsx":
        workbook = Workbook()
        ws = workbook.active
        ws.title = spec.sheet
        for row in spec.rows:
            ws.append([_xlsx_value(v) for v in row])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        workbook.save(path)
        return path
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=spec.delimiter)
    for row in spec.rows:
        writer.writerow([_csv_text(v) for v in row])
    path.write_bytes(buffer.getvalue().encode(spec.encoding, errors="replace"))
    return path


@st.composite
def export_sets(draw, max_files: int = 3) -> list[ExportSpec]:
    """Export files as a folder of downloads holds them: now and then one file again under
    another name, whole or in part (two downloads of overlapping weeks)."""
    files = draw(st.lists(exports(), max_size=max_files))
    if files and draw(st.booleans()):
        original = draw(st.sampled_from(files))
        header_at = next(
            (i for i, row in enumerate(original.rows) if len(row) > 1), len(original.rows) - 1
        )
        records = original.rows[header_at + 1 :]
        kept = draw(st.lists(st.sampled_from(records), max_size=len(records))) if records else []
        stem, suffix = original.name.rsplit(".", 1)
        files.append(
            ExportSpec(
                name=f"{stem}-again.{suffix}",
                rows=[*original.rows[: header_at + 1], *kept],
                delimiter=original.delimiter,
                encoding=original.encoding,
                sheet=original.sheet,
            )
        )
    return files
