"""Register workbooks and CSVs as people keep them: title rows, header synonyms and near
misses, merged cells, hidden columns, duplicates, and cells of every kind."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from auditor.register.columns import (
    ACCOUNT_COLUMNS,
    DEPARTMENT_COLUMNS,
    SHEET_NAMES,
    STAFF_COLUMNS,
    WAIVER_COLUMNS,
)
from tests.generative.cells import (
    DEPARTMENTS,
    HANDLES,
    PEOPLE,
    any_cell,
    cells_for,
    csv_text,
    date_cell,
    date_texts,
    excel_dates,
    long_text,
    non_latin,
    plain_text,
    xlsx_value,
    yes_no,
)

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
    "main_account": st.one_of(yes_no, st.booleans(), st.none()),
    "department": st.one_of(st.sampled_from(DEPARTMENTS), long_text, non_latin),
    "owner_name": st.one_of(st.sampled_from(PEOPLE), long_text, non_latin),
    "owner_email": st.sampled_from(
        ["a.devries@zeist.nl", "p.bakker@zeist.nl", "geen mail", "@", None]
    ),
    "substitute_name": st.sampled_from(PEOPLE),
    "goal": st.sampled_from(["informeren", "informeren, dialoog", "luisteren; x"]),
    # The account's role, or (a register kept one row per person) the person's part.
    "role": st.sampled_from(
        ["webcare", "informeren", "eigenaar", "vervanger", "redacteur", "Back-up", "stagiair", None]
    ),
    "administrators": st.one_of(st.sampled_from(PEOPLE), st.none(), long_text),
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
    "main_account": st.sampled_from(["ja", "nee", "x", True, False, None]),
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


def write_register_spec(spec: RegisterSpec, folder: Path) -> Path:
    path = folder / spec.file_name
    if spec.kind == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=spec.delimiter)
        for row in spec.sheets[0].rows:
            writer.writerow([csv_text(v) for v in row])
        path.write_bytes(buffer.getvalue().encode(spec.encoding, errors="replace"))
        return path
    workbook = Workbook()
    workbook.remove(workbook.active)
    for s in spec.sheets:
        ws = workbook.create_sheet(s.name.strip()[:31] or "Blad1")
        for row in s.rows:
            ws.append([xlsx_value(v) for v in row])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text as typed, even when it starts with "="
        for merged in s.merges:
            ws.merge_cells(merged)
        for column in s.hidden:
            ws.column_dimensions[get_column_letter(column)].hidden = True
    workbook.save(path)
    return path
