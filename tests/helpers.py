"""Building blocks for tests: registers and exports written as real files, small and readable."""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook

# Dutch headers as people write them; the register reader must accept them.
ACCOUNT_HEADERS = {
    "platform": "Platform",
    "handle": "Account",
    "url": "URL",
    "display_name": "Weergavenaam",
    "type": "Type",
    "department": "Afdeling",
    "sender": "Afzender",
    "owner_name": "Beheerder",
    "owner_email": "E-mail beheerder",
    "substitute_name": "Vervanger",
    "substitute_email": "E-mail vervanger",
    "responder": "Beantwoording",
    "goal": "Doel",
    "role": "Rol",
    "audience": "Doelgroep",
    "content_strategy": "Contentstrategie",
    "communicatie_consulted": "Communicatie betrokken",
    "house_style_review": "Huisstijlcheck",
    "owner_training": "Training beheerder",
    "guideline_ack": "Handreiking gelezen",
    "bio": "Bio",
    "website": "Website",
    "expected_posts_per_week": "Verwachte posts per week",
    "started": "Gestart",
    "status": "Status",
    "closed": "Gesloten per",
    "two_factor": "Tweestapsverificatie",
    "administrators": "Beheerders",
    "archiving": "Archivering",
}
STAFF_HEADERS = {
    "name": "Naam",
    "email": "E-mail",
    "department": "Afdeling",
    "active": "In dienst",
    "left_on": "Uit dienst per",
}
DEPARTMENT_HEADERS = {
    "name": "Afdeling",
    "manager_name": "Manager",
    "manager_email": "E-mail manager",
    "kind": "Soort",
}
WAIVER_HEADERS = {
    "platform": "Platform",
    "account": "Account",
    "check_id": "Controle",
    "reason": "Reden",
    "approved_by": "Goedgekeurd door",
    "until": "Geldig tot",
}

DEFAULT_DEPARTMENTS: list[dict[str, Any]] = [
    {"name": "Communicatie", "manager_name": "Ilse Jansen", "kind": "lijnafdeling"},
    {"name": "Sport", "manager_name": "Mirjam de Wit", "kind": "lijnafdeling"},
    {"name": "Ruimte", "manager_name": "Henk Visser", "kind": "lijnafdeling"},
]
DEFAULT_STAFF: list[dict[str, Any]] = [
    {"name": "Anna de Vries", "email": "a.devries@zeist.nl", "department": "Sport"},
    {"name": "Piet Bakker", "email": "p.bakker@zeist.nl", "department": "Sport"},
    {"name": "Sanne Smit", "email": "s.smit@zeist.nl", "department": "Communicatie"},
    {"name": "Joost Mulder", "email": "j.mulder@zeist.nl", "department": "Communicatie"},
    {"name": "Fatima El Amrani", "email": "f.elamrani@zeist.nl", "department": "Ruimte"},
    {"name": "Kees de Boer", "email": "k.deboer@zeist.nl", "department": "Ruimte"},
]


def compliant_account(handle: str, **overrides: Any) -> dict[str, Any]:
    """A secondary X account that passes every register-based check."""
    account = {
        "platform": "x",
        "handle": f"@{handle}",
        "url": f"https://x.com/{handle}",
        "display_name": "Sport Zeist",
        "type": "nevenaccount",
        "department": "Sport",
        "sender": "Gemeente Zeist",
        "owner_name": "Anna de Vries",
        "owner_email": "a.devries@zeist.nl",
        "substitute_name": "Piet Bakker",
        "substitute_email": "p.bakker@zeist.nl",
        "responder": "Afdeling Sport",
        "goal": "informeren",
        "role": "initiator",
        "audience": f"publiek van {handle}",
        "content_strategy": "Wekelijks nieuws over sport in Zeist",
        "communicatie_consulted": dt.date(2019, 12, 1),
        "house_style_review": dt.date(2026, 3, 1),
        "owner_training": dt.date(2025, 1, 20),
        "guideline_ack": "ja",
        "bio": "Sport in Zeist. Meer op www.zeist.nl/sport",
        "website": "https://www.zeist.nl/sport",
        "expected_posts_per_week": 2,
        "started": dt.date(2020, 1, 1),
        "status": "actief",
        "closed": None,
        "two_factor": "ja",
        "administrators": None,
        "archiving": "Archiefsysteem, wekelijkse export",
    }
    if "platform" in overrides and "url" not in overrides:
        account["url"] = None  # an x.com URL would make it an X account whatever the platform
    account.update(overrides)
    return account


def main_account(platform: str, handle: str, **overrides: Any) -> dict[str, Any]:
    """A main account run the way the policy asks: Communicatie posts, the KCC answers."""
    settings: dict[str, Any] = {
        "platform": platform,
        "url": None,
        "type": "hoofdaccount",
        "display_name": "Gemeente Zeist",
        "department": "Communicatie",
        "owner_name": "Sanne Smit",
        "owner_email": "s.smit@zeist.nl",
        "substitute_name": "Joost Mulder",
        "substitute_email": "j.mulder@zeist.nl",
        "responder": "KCC",
        "goal": "informeren, dialoog",
        "audience": "inwoners van Zeist",
        "expected_posts_per_week": 5,
        "started": dt.date(2010, 1, 1),
    }
    return compliant_account(handle, **(settings | overrides))


def _write_sheet(workbook: Workbook, title: str, headers: dict[str, str], rows: list[dict]) -> None:
    ws = workbook.create_sheet(title)
    extra = [k for row in rows for k in row if k not in headers]
    columns = list(headers) + list(dict.fromkeys(extra))
    ws.append([headers.get(c, c) for c in columns])
    for row in rows:
        ws.append([row.get(c) for c in columns])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text as typed, even when it starts with "="


def write_register(
    path: Path,
    accounts: list[dict[str, Any]],
    *,
    staff: list[dict[str, Any]] | None = None,
    departments: list[dict[str, Any]] | None = None,
    waivers: list[dict[str, Any]] | None = None,
) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _write_sheet(workbook, "Accounts", ACCOUNT_HEADERS, accounts)
    if staff is not None:
        _write_sheet(workbook, "Medewerkers", STAFF_HEADERS, staff)
    if departments is not None:
        _write_sheet(workbook, "Afdelingen", DEPARTMENT_HEADERS, departments)
    if waivers is not None:
        _write_sheet(workbook, "Uitzonderingen", WAIVER_HEADERS, waivers)
    workbook.save(path)
    return path


CANONICAL_COLUMNS = [
    "platform",
    "account",
    "item_id",
    "timestamp",
    "direction",
    "kind",
    "in_reply_to",
    "author",
    "has_image",
    "has_alt_text",
    "text",
]


def write_export(path: Path, rows: list[dict[str, Any]]) -> Path:
    columns = CANONICAL_COLUMNS + [k for row in rows for k in row if k not in CANONICAL_COLUMNS]
    columns = list(dict.fromkeys(columns))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_value(v) for k, v in row.items()})
    return path


def _csv_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def canonical_rows(
    handle: str,
    *,
    platform: str = "x",
    start: str | dt.date = "2026-07-01",
    end: str | dt.date = "2026-09-30",
    every_days: float = 1.0,
    hour: int = 10,
    prefix: str | None = None,
) -> list[dict[str, Any]]:
    """Own posts from `start` to `end` (inclusive), one every `every_days`, at `hour` local time."""
    first = dt.date.fromisoformat(str(start))
    last = dt.date.fromisoformat(str(end))
    rows = []
    step = dt.timedelta(days=every_days)
    moment = dt.datetime.combine(first, dt.time(hour))
    n = 0
    while moment.date() <= last:
        rows.append(
            {
                "platform": platform,
                "account": f"@{handle}",
                "item_id": f"{prefix or handle}-p{n}",
                "timestamp": moment.isoformat(timespec="minutes"),
                "direction": "out",
                "kind": "post",
            }
        )
        moment += step
        n += 1
    return rows


def message_pair(
    handle: str,
    item: str,
    arrive: str,
    reply: str | None,
    *,
    platform: str = "x",
) -> list[dict[str, Any]]:
    """An incoming message and (optionally) the account's reply, local times `YYYY-MM-DD HH:MM`."""
    rows = [
        {
            "platform": platform,
            "account": handle,
            "item_id": f"{item}-in",
            "timestamp": arrive,
            "direction": "in",
            "kind": "mention",
            "author": "@een_inwoner",
            "text": "Wanneer wordt het afval opgehaald?",
        }
    ]
    if reply is not None:
        rows.append(
            {
                "platform": platform,
                "account": handle,
                "item_id": f"{item}-out",
                "timestamp": reply,
                "direction": "out",
                "kind": "reply",
                "in_reply_to": f"{item}-in",
            }
        )
    return rows


def write_rows(path: Path, rows: list[list[object]], header: list[str]) -> Path:
    """A register of one Accounts sheet, its header in the first row and the rows as given."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Accounts"
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def strict_workbook(transitional: Path, strict: Path) -> Path:
    """The workbook as Excel saves it as "Strict Open XML Spreadsheet": the same parts in the
    namespaces of ISO 29500 Strict."""
    names = [
        (b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"main"),
        (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships", b"rel"),
    ]
    strict_names = {
        b"main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
        b"rel": b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    }
    with zipfile.ZipFile(transitional) as old, zipfile.ZipFile(strict, "w") as new:
        for member in old.infolist():
            data = old.read(member)
            for name, which in names:
                data = data.replace(name, strict_names[which])
            if member.filename == "xl/workbook.xml":
                data = data.replace(b"<workbook ", b'<workbook conformance="strict" ', 1)
            new.writestr(member, data)
    return strict
