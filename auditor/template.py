"""`auditor init`: a register workbook to start from, and an auditor.toml with every default."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import BaseModel

from auditor.config import Config, HouseStyle, InboxMapping, Organisation
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
    ("Rol", "initiatiefnemer"),  # as DOC002 gives its examples: initiatiefnemer, gastheer, gast
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

# The template in English (`auditor init --lang en`): each sheet's name, header and example
# value as the register reader reads them in English. Its sheets, headers and examples were
# Dutch, whatever the language asked for. What is not here (`Platform`, `x`, a date, a
# name of the organisation) is the same in both.
SHEET_TITLES = {
    "nl": {
        "accounts": "Accounts",
        "staff": "Medewerkers",
        "departments": "Afdelingen",
        "waivers": "Uitzonderingen",
    },
    "en": {
        "accounts": "Accounts",
        "staff": "Staff",
        "departments": "Departments",
        "waivers": "Waivers",
    },
}
ENGLISH = {
    # Headers.
    "Weergavenaam": "Display name",
    "Afdeling": "Department",
    "Afzender": "Sender",
    "Beheerder": "Owner",
    "E-mail beheerder": "Owner e-mail",
    "Vervanger": "Substitute",
    "E-mail vervanger": "Substitute e-mail",
    "Beantwoording": "Responder",
    "Doel": "Goal",
    "Rol": "Role",
    "Doelgroep": "Audience",
    "Contentstrategie": "Content strategy",
    "Communicatie betrokken": "Communications consulted",
    "Huisstijlcheck": "House style review",
    "Training beheerder": "Owner training",
    "Handreiking gelezen": "Guideline acknowledged",
    "Verwachte posts per week": "Expected posts per week",
    "Gestart": "Started",
    "Gesloten per": "Closed on",
    "Tweestapsverificatie": "Two-factor authentication",
    "Beheerders": "Administrators",
    "Archivering": "Archiving",
    "Naam": "Name",
    "In dienst": "Employed",
    "Uit dienst per": "Left on",
    "E-mail manager": "Manager e-mail",
    "Soort": "Kind",
    "Controle": "Check",
    "Reden": "Reason",
    "Goedgekeurd door": "Approved by",
    "Geldig tot": "Valid until",
    # Example values and choices.
    "hoofdaccount": "main",
    "nevenaccount": "secondary",
    "Voornaam Achternaam": "Firstname Lastname",
    "Voornaam Collega": "Firstname Colleague",
    "Voornaam Manager": "Firstname Manager",
    "informeren, dialoog": "inform, dialogue",
    "initiatiefnemer": "initiator",
    "inwoners van Zeist": "residents of Zeist",
    "Nieuws en dienstverlening, dagelijks": "News and services, daily",
    "Het officiële account van de gemeente Zeist. www.zeist.nl": (
        "The official account of the municipality of Zeist. www.zeist.nl"
    ),
    "ja": "yes",
    "nee": "no",
    "actief": "active",
    "gepland": "planned",
    "gesloten": "closed",
    "luisteren": "listen",
    "informeren": "inform",
    "dialoog": "dialogue",
    "samenwerken": "collaborate",
    "lijnafdeling": "line department",
    "projectorganisatie": "project organisation",
    "Berichten wekelijks bewaard in het archiefsysteem": "Posts kept weekly in the archive system",
    "Tijdelijk minder berichten tijdens verbouwing": "Fewer posts for a while during renovation",
}


def in_language(value: Any, lang: str) -> Any:
    """A header, example or choice of the template in `lang` (Dutch as written)."""
    if lang != "en" or not isinstance(value, str):
        return value
    return ENGLISH.get(value, value)


# An organisation's kind before its place (`Gemeente Utrecht`): the place is what its accounts'
# names carry (`Utrecht Sport`), and what the naming rule asks for.
_KIND = re.compile(
    r"^(?:gemeente|provincie|waterschap|hoogheemraadschap(?:\s+van)?|veiligheidsregio"
    r"|omgevingsdienst|municipality\s+of|city\s+of|province\s+of)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NewOrganisation:
    """The organisation `auditor init --organisation` writes a register and settings for,
    in place of the bundled example's (Zeist)."""

    name: str
    place: str
    domain: str
    domain_guessed: bool

    @classmethod
    def named(cls, name: str, domain: str | None = None) -> NewOrganisation:
        name = " ".join(name.split())
        place = _KIND.sub("", name) or name
        if domain:
            return cls(name, place, site_host(domain), False)
        return cls(name, place, _folded(place, keep="-") + ".nl", True)

    @property
    def handle(self) -> str:
        return _folded(self.name)

    def replace(self, value: Any) -> Any:
        """The example's value as it reads for this organisation."""
        if not isinstance(value, str):
            return value
        for old, new in (
            ("Gemeente Zeist", self.name),
            ("gemeentezeist", self.handle),
            ("gemeente Zeist", self.name),
            ("zeist.nl", self.domain),
            ("Zeist", self.place),
            ("zeist", _folded(self.place)),  # in handles: `@jongzeist`
        ):
            value = value.replace(old, new)
        return value

    def house_style(self, lang: str) -> HouseStyle:
        # Not \b: a place may start or end in a sign (`'s-Hertogenbosch`), where \b never holds.
        pattern = rf"(?i)(?<!\w){re.escape(self.place)}(?!\w)"
        rule = text("template.naming_rule", lang, place=self.place)
        return HouseStyle(naming_pattern=pattern, naming_rule=rule, home_domain=self.domain)


def _folded(text_: str, keep: str = "") -> str:
    """Letters and digits only, accents off, lower case: `'s-Hertogenbosch` → `s-hertogenbosch`
    with `keep="-"`, as municipalities' domains are made."""
    plain = unicodedata.normalize("NFKD", text_).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum() or c in keep).strip(keep)


def site_host(written: str) -> str:
    """`https://www.utrecht.nl/` → `utrecht.nl`: the site as STY002 compares it."""
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", written.strip(), flags=re.IGNORECASE)
    host = host.split("/", 1)[0].split("?", 1)[0].lower().rstrip(".")
    return host.removeprefix("www.")


def write_register_template(
    path: Path, organisation: NewOrganisation | None = None, lang: str = DEFAULT_LANG
) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    own = organisation.replace if organisation else (lambda value: value)

    def written(value: Any) -> Any:
        return own(in_language(value, lang))

    for role, headers in HEADERS.items():
        ws = _sheet(workbook, SHEET_TITLES[lang][role], headers, lang, written)
        if role == "staff":
            # Below the example row by number: `append` would write after the formatted rows,
            # at row 501, where no one sees it and every audit counts it as staff.
            for number, row in enumerate(STAFF_EXTRA_ROWS, start=3):
                for column, value in enumerate(row, start=1):
                    ws.cell(row=number, column=column, value=written(value))
    workbook.save(path)


def _sheet(
    workbook: Workbook, title: str, headers: list[tuple[str, Any]], lang: str, written: Any
) -> Any:
    """A sheet of the template: `headers` (Dutch, as the choices and date columns are
    known by) and their example values, both `written` in the template's language."""
    ws = workbook.create_sheet(title)
    ws.append([in_language(h, lang) for h, _ in headers])
    ws.append([written(v) for _, v in headers])
    ws.freeze_panes = "A2"
    waivers = title == SHEET_TITLES[lang]["waivers"]
    for index, (header, _) in enumerate(headers, start=1):
        letter = get_column_letter(index)
        cell = ws.cell(row=1, column=index)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        shown = in_language(header, lang)
        ws.column_dimensions[letter].width = max(14, min(40, len(shown) + 4))
        if header in DATE_HEADERS:
            for row in range(2, 501):
                ws.cell(row=row, column=index).number_format = "dd-mm-yyyy"
        if header in CHOICES and not (waivers and header != "Platform"):
            choices = [in_language(c, lang) for c in CHOICES[header]]
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(choices) + '"',
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
    if "\\" in text and "'" not in text:
        return "'" + text + "'"  # a pattern reads as written, without doubled backslashes
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


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


def render_config_template(
    lang: str = DEFAULT_LANG, organisation: NewOrganisation | None = None
) -> str:
    """Every setting with its default, commented in `lang`; generated, so it never drifts
    from the code. For an `organisation`, its name, naming rule and site in place of Zeist's."""
    from auditor.engine import registry

    # The language the settings are written in is the one the audits speak: `init --lang en`
    # wrote `language = "nl"`, and every command after it answered in Dutch.
    config = Config(language=lang)
    if organisation is not None:
        config = Config(
            language=lang,
            organisation=Organisation(name=organisation.name),
            house_style=organisation.house_style(lang),
        )
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
    rendered = "\n".join(lines)
    # The examples in the comments (`youtube:gemeentezeist`) as this organisation's.
    return organisation.replace(rendered) if organisation else rendered


def write_config_template(
    path: Path, lang: str = DEFAULT_LANG, organisation: NewOrganisation | None = None
) -> None:
    path.write_text(render_config_template(lang, organisation), encoding="utf-8")
