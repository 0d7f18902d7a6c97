"""Cells of every kind people put in registers and exports, and how they go into files."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# A small pool, so that exports and the register name the same accounts often enough.
HANDLES = ["gemeentezeist", "sportzeist", "Cultuur_Zeist", "zeist_werkt", "wijkteam"]
PEOPLE = ["Anna de Vries", "Piet Bakker", "Sanne Smit", "Fatima El Amrani", "Øystein Ærø"]
DEPARTMENTS = ["Communicatie", "Sport", "Ruimte", "KCC", "Sociaal Domein"]
X_EPOCH_MS = 1288834974657

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
# cannot, so `xlsx_value` drops them.
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


def csv_text(value: Any) -> str:
    """A cell as a spreadsheet program saves it to CSV in Dutch (dates day first)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, dt.datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def xlsx_value(value: Any) -> Any:
    """A cell as an xlsx can hold it: without control characters."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
