"""Activity exports in every supported format, tidy or messy, with times out of range,
empty columns, files without data and overlapping downloads."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from openpyxl import Workbook

from tests.generative.cells import (
    HANDLES,
    PEOPLE,
    X_EPOCH_MS,
    any_cell,
    cells_for,
    csv_text,
    formula_like,
    long_text,
    plain_text,
    xlsx_value,
)

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
    "youtube_studio",
    "tiktok_studio",
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
    if fmt == "youtube_studio":
        video = st.text("abcXYZ0123456789-_", min_size=11, max_size=11)
        return [
            ("Content", st.one_of(st.just("Total"), video, video, any_cell)),
            ("Video title", st.one_of(plain_text, long_text)),
            ("Video publish time", when(lambda moment: f"{moment:%b} {moment.day}, {moment.year}")),
            ("Views", m(st.just("10"))),
        ]
    if fmt == "tiktok_studio":
        video = st.builds(lambda moment: str(int(moment.timestamp()) << 32 | 77), moments)
        return [
            ("Time", st.just("October 2")),
            ("Video title", st.one_of(plain_text, formula_like)),
            (
                "Video link",
                st.one_of(
                    st.builds(lambda h, i: f"https://www.tiktok.com/@{h}/video/{i}", handle, video),
                    st.just("undefined"),
                    any_cell,
                ),
            ),
            ("Post time", m(st.sampled_from(["July 16", "8 de marzo", "undefined"]))),
            ("Total views", m(st.just("5"))),
        ]
    raise ValueError(fmt)


# How downloads and Windows shares start a file's name, bytes that are no UTF-8 included.
FILE_NAME_STARTS = ["", "", "", "Export (1) ", "mei–juni ", "ë", os.fsdecode(b"caf\xe9 ")]


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
    if fmt == "linkedin":  # its account is named by the file's start
        stem = f"{draw(st.sampled_from(HANDLES))}_content_1740000000000"
    else:  # names as downloads and Windows shares give them, bytes that are no UTF-8 included
        stem = draw(st.sampled_from(FILE_NAME_STARTS)) + fmt
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
            ws.append([xlsx_value(v) for v in row])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        workbook.save(path)
        return path
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=spec.delimiter)
    for row in spec.rows:
        writer.writerow([csv_text(v) for v in row])
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
