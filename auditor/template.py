"""`auditor init`: a register workbook to start from, and an auditor.toml with every default."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import BaseModel

from auditor.config import Config, InboxMapping
from auditor.messages import DEFAULT_LANG, has, text
from auditor.models import Platform

ACCOUNT_HEADERS = [
    ("Platform", "x"),
    ("Account", "@gemeentezeist"),
    ("URL", "https://x.com/gemeentezeist"),
    ("Weergavenaam", "Gemeente Zeist"),
    ("Type", "hoofdaccount"),
    ("Afdeling", "Communicatie"),
    ("Afzender", "Gemeente Zeist"),
    ("Beheerder", "Voornaam Achternaam"),
    ("E-mail beheerder", "v.achternaam@zeist.nl"),
    ("Vervanger", "Voornaam Collega"),
    ("E-mail vervanger", "v.collega@zeist.nl"),
    ("Beantwoording", "KCC"),
    ("Doel", "informeren, dialoog"),
    ("Rol", "initiator"),
    ("Doelgroep", "inwoners van Zeist"),
    ("Contentstrategie", "Nieuws en dienstverlening, dagelijks"),
    ("Communicatie betrokken", dt.date(2013, 9, 1)),
    ("Huisstijlcheck", dt.date(2026, 1, 15)),
    ("Training beheerder", dt.date(2025, 3, 10)),
    ("Handreiking gelezen", "ja"),
    ("Bio", "Het officiële account van de gemeente Zeist. www.zeist.nl"),
    ("Website", "https://www.zeist.nl"),
    ("Verwachte posts per week", 10),
    ("Gestart", dt.date(2010, 5, 1)),
    ("Status", "actief"),
    ("Gesloten per", None),
    ("Tweestapsverificatie", "ja"),
    ("Beheerders", "Voornaam Achternaam, Voornaam Collega"),
    ("Archivering", "Berichten wekelijks bewaard in het archiefsysteem"),
]
STAFF_HEADERS = [
    ("Naam", "Voornaam Achternaam"),
    ("E-mail", "v.achternaam@zeist.nl"),
    ("Afdeling", "Communicatie"),
    ("In dienst", "ja"),
    ("Uit dienst per", None),
]
# The example's substitute is staff too, so the example row passes OWN004.
STAFF_EXTRA_ROWS = [["Voornaam Collega", "v.collega@zeist.nl", "Communicatie", "ja", None]]
DEPARTMENT_HEADERS = [
    ("Afdeling", "Communicatie"),
    ("Manager", "Voornaam Manager"),
    ("E-mail manager", "v.manager@zeist.nl"),
    ("Soort", "lijnafdeling"),
]
WAIVER_HEADERS = [
    ("Platform", "x"),
    ("Account", "@gemeentezeist"),
    ("Controle", "ACT001"),
    ("Reden", "Tijdelijk minder berichten tijdens verbouwing"),
    ("Goedgekeurd door", "Voornaam Manager"),
    ("Geldig tot", dt.date(2026, 12, 31)),
]
HEADERS = {
    "accounts": ACCOUNT_HEADERS,
    "staff": STAFF_HEADERS,
    "departments": DEPARTMENT_HEADERS,
    "waivers": WAIVER_HEADERS,
}
CHOICES = {
    "Platform": [p.value for p in Platform],
    "Type": ["hoofdaccount", "nevenaccount"],
    "Status": ["actief", "gepland", "gesloten"],
    "Doel": ["luisteren", "informeren", "dialoog", "samenwerken"],
    "Handreiking gelezen": ["ja", "nee"],
    "Tweestapsverificatie": ["ja", "nee"],
    "In dienst": ["ja", "nee"],
    "Soort": ["lijnafdeling", "projectorganisatie"],
}
DATE_HEADERS = {
    "Communicatie betrokken",
    "Huisstijlcheck",
    "Training beheerder",
    "Gestart",
    "Gesloten per",
    "Uit dienst per",
    "Geldig tot",
}
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


def write_register_template(path: Path) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, headers in (
        ("Accounts", ACCOUNT_HEADERS),
        ("Medewerkers", STAFF_HEADERS),
        ("Afdelingen", DEPARTMENT_HEADERS),
        ("Uitzonderingen", WAIVER_HEADERS),
    ):
        ws = _sheet(workbook, title, headers)
        if title == "Medewerkers":
            for row in STAFF_EXTRA_ROWS:
                ws.append(row)
    workbook.save(path)


def _sheet(workbook: Workbook, title: str, headers: list[tuple[str, Any]]) -> Any:
    ws = workbook.create_sheet(title)
    ws.append([h for h, _ in headers])
    ws.append([v for _, v in headers])
    ws.freeze_panes = "A2"
    for index, (header, _) in enumerate(headers, start=1):
        letter = get_column_letter(index)
        cell = ws.cell(row=1, column=index)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[letter].width = max(14, min(40, len(header) + 4))
        if header in DATE_HEADERS:
            for row in range(2, 501):
                ws.cell(row=row, column=index).number_format = "dd-mm-yyyy"
        if header in CHOICES and not (title == "Uitzonderingen" and header != "Platform"):
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(CHOICES[header]) + '"',
                allow_blank=True,
                showErrorMessage=header != "Doel",  # several goals may be typed, comma-separated
            )
            validation.add(f"{letter}2:{letter}500")
            ws.add_data_validation(validation)
    return ws


def _toml_value(value: Any) -> str:
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    text = str(value.value if hasattr(value, "value") else value)
    return "'" + text + "'" if "\\" in text and "'" not in text else '"' + text + '"'


def _comment(lines: list[str], said: str, indent: str = "# ", then: str = "# ") -> None:
    lines += textwrap.wrap(said, 96, initial_indent=indent, subsequent_indent=then)


def _table(lines: list[str], name: str, model: BaseModel, lang: str) -> None:
    lines.append(f"[{name}]")
    for field_name in type(model).model_fields:
        value = getattr(model, field_name)
        if isinstance(value, BaseModel | dict):
            continue
        if has(key := f"template.field.{name}.{field_name}"):
            _comment(lines, text(key, lang))
        lines.append(f"{field_name} = {_toml_value(value)}")
    lines.append("")


def _mapping_keys(lang: str) -> list[str]:
    """Every key a mapping takes, with what it means (the README shows a worked example)."""
    lines: list[str] = []
    _comment(lines, text("template.mapping_keys", lang))
    for name in InboxMapping.model_fields:
        _comment(lines, f"{name}: {text(f'template.mapping.{name}', lang)}", "#   ", "#     ")
    return lines


def render_config_template(lang: str = DEFAULT_LANG) -> str:
    """Every setting with its default, commented in `lang`; generated, so it never drifts
    from the code."""
    from auditor.engine import registry

    config = Config()
    lines: list[str] = []
    _comment(lines, text("template.intro", lang))
    lines.append("")
    for field_name in ("timezone", "language", "waivers"):
        _comment(lines, text(f"template.field.{field_name}", lang))
        lines.append(f"{field_name} = {_toml_value(getattr(config, field_name))}")
    lines.append("")
    _table(lines, "organisation", config.organisation, lang)
    _table(lines, "business_hours", config.business_hours, lang)
    _table(lines, "house_style", config.house_style, lang)
    _table(lines, "reports", config.reports, lang)
    _comment(lines, text("template.mapping_intro", lang))
    lines += [
        "# [activity.mappings.myvendor]",
        '# detect = ["Bericht-ID", "Richting", "Datum"]',
        '# item_id = "Bericht-ID"',
        '# timestamp = "Datum"',
        '# direction = "Richting"',
        '# inbound = ["inkomend"]',
        '# outbound = ["uitgaand"]',
        '# conversation_id = "Gesprek"',
        '# account = "Kanaal"',
        '# platform_value = "facebook"',
        *_mapping_keys(lang),
        "",
    ]
    _comment(lines, text("template.accounts_intro", lang))
    lines += [
        "# [activity.accounts]",
        '# "Table data.csv" = "youtube:gemeentezeist"',
        '# "youtube-jeugd/*.csv" = "https://www.youtube.com/@jongzeist"',
        "",
    ]
    _comment(lines, text("template.checks_intro", lang))
    for check_id, check in registry().items():
        lines.append(f"[checks.{check_id}]  # {check.meta.name}: {check.meta.title(lang)}")
        lines.append("enabled = true")
        lines.append(f"severity = {_toml_value(check.meta.severity)}")
        params = check.params_model()
        for field_name in type(params).model_fields:
            lines.append(f"{field_name} = {_toml_value(getattr(params, field_name))}")
        lines.append("")
    return "\n".join(lines)


def write_config_template(path: Path, lang: str = DEFAULT_LANG) -> None:
    path.write_text(render_config_template(lang), encoding="utf-8")
