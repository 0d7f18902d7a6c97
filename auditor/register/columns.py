"""The register's columns per sheet, with the Dutch and English names people give them."""

from __future__ import annotations

import re

from auditor.register.cells import key

ACCOUNT_COLUMNS: dict[str, list[str]] = {
    "platform": [
        "Platform",
        "Kanaal",
        "Medium",
        "Social medium",
        "Social media",
        "Socialmediakanaal",
        "Social media kanaal",
        "Social media platform",
        "Netwerk",
        "Dienst",
        "Soort kanaal",
        "Channel",
        "Social channel",
        "Social media channel",
        "Social network",
    ],
    "handle": [
        "Handle",
        "Account",
        "Accountnaam",
        "Account naam",
        "Gebruikersnaam",
        "Username",
        "User name",
        "Account name",
        "Account handle",
        "Schermnaam",
        "Screen name",
        "Naam account",
        "Naam van het account",
    ],
    "url": [
        "URL",
        "Link naar account",
        "Link naar het account",
        "Link account",
        "Account link",
        "Profiel-URL",
        "Profiel URL",
        "Profiel",
        "Profiellink",
        "Profile URL",
        "Profile link",
        "Account URL",
        "Adres",
        "Webadres",
        "Internetadres",
        "Vindplaats",
        "Profile",
        "Link to profile",
        "Link to account",
        "Link naar profiel",
        "Link naar pagina",
        "Pagina-URL",
    ],
    "display_name": [
        "Display name",
        "Weergavenaam",
        "Naam",
        "Name",
        "Profielnaam",
        "Schermweergave",
        "Paginanaam",
        "Naam pagina",
        "Naam van de pagina",
        "Page name",
        "Naam profiel",
        "Naam van het profiel",
        "Profile name",
        "Channel name",
        "Titel",
        "Naam op account",
        "Naam op het account",
        "Naam op het kanaal",
        "Naam op kanaal",
        "Naam op de pagina",
        "Weergegeven naam",
        "Getoonde naam",
        "Zichtbare naam",
    ],
    "type": [
        "Type",
        "Soort account",
        "Soort",
        "Account type",
        "Accounttype",
        "Type account",
        "Hoofd/neven",
        "Hoofd- of nevenaccount",
        "Hoofd/nevenaccount",
        "Hoofdaccount/nevenaccount",
        "Hoofd- /nevenaccount",
        "Hoofd of neven",
        "Main/secondary",
        "Main or secondary",
    ],
    # A yes/no column beside or instead of Type (`Hoofdaccount?` ja/nee, `x` or empty).
    "main_account": [
        "Hoofdaccount?",
        "Hoofdaccount",
        "Is hoofdaccount",
        "Hoofdaccount ja/nee",
        "Main account?",
        "Main account",
        "Is main account",
        "Main account yes/no",
    ],
    "department": [
        "Department",
        "Afdeling",
        "Afd.",
        "Dept.",
        "Team",
        "Project",
        "Verantwoordelijke afdeling",
        "Afdeling/project",
        "Afdeling/team",
        "Afdeling of project",
        "Projectorganisatie",
        "Organisatieonderdeel",
        "Cluster",
        "Directie",
        "Domein",
        "Eigenaar afdeling",
        "Business unit",
        "Unit",
        "Department/team",
        "Team/department",
        "Organisational unit",
        "Organisation unit",
        "Dienst",
        "Dienst/team",
        "Dienst/afdeling",
        "Team/dienst",
        "Service",
        "Service area",
        "Directorate",
        "Division",
        "Business area",
    ],
    "sender": ["Sender", "Afzender", "Afzender namens", "Namens"],
    "owner_name": [
        "Owner",
        "Owner name",
        "Beheerder",
        "Eigenaar",
        "Eigenaar naam",
        "Naam eigenaar",
        "Naam beheerder",
        "Accountbeheerder",
        "Account beheerder",
        "Accounthouder",
        "Hoofdbeheerder",
        "Eerste beheerder",
        "Beheerder 1",
        "Contactpersoon",
        "Verantwoordelijke",
        "Administrator",
        "Admin",
        "Account owner",
        "Beheerder naam",
        "Naam 1e beheerder",
        "1e beheerder",
        "Accounteigenaar",
        "Eigenaar account",
        "Kanaalbeheerder",
        "Kanaaleigenaar",
    ],
    "owner_email": [
        "Owner email",
        "Owner e-mail",
        "E-mail beheerder",
        "E-mailadres beheerder",
        "Email beheerder",
        "Mail beheerder",
        "Mailadres beheerder",
        "E-mail eigenaar",
        "E-mail contactpersoon",
        "E-mail",
        "Email",
        "E-mailadres",
        "Eigenaar e-mail",
        "Beheerder e-mail",
        "E-mailadres eigenaar",
        "Mail eigenaar",
        "Owner email address",
        "E-mail address",
        "Email address",
        "E-mail 1e beheerder",
        "E-mailadres 1e beheerder",
        "Mailadres",
        "Mail",
    ],
    "substitute_name": [
        "Substitute",
        "Substitute name",
        "Vervanger",
        "Vervanging",
        "Back-up",
        "Backup",
        "Back-up beheerder",
        "Backup beheerder",
        "Naam vervanger",
        "Vervangend beheerder",
        "Tweede beheerder",
        "Beheerder 2",
        "Plaatsvervanger",
        "Reservecontact",
        "Reserve",
        "Reservebeheerder",
        "Reserve contactpersoon",
        "Tweede contactpersoon",
        "Waarnemer",
        "Deputy",
        "Backup owner",
        "Naam beheerder 2",
        "Naam tweede beheerder",
        "Vervanger naam",
        "Naam 2e beheerder",
        "2e beheerder",
        "Back-up persoon",
        "Backup persoon",
        "Back-up contactpersoon",
        "Reservepersoon",
    ],
    "substitute_email": [
        "Substitute email",
        "Substitute e-mail",
        "E-mail vervanger",
        "E-mailadres vervanger",
        "Email vervanger",
        "Mail vervanger",
        "E-mail back-up",
        "E-mail tweede beheerder",
        "E-mail beheerder 2",
        "E-mailadres beheerder 2",
        "Vervanger e-mail",
        "Back-up e-mail",
        "Backup email",
        "E-mail 2e beheerder",
        "E-mailadres 2e beheerder",
    ],
    "responder": [
        "Responder",
        "Beantwoording",
        "Webcare",
        "Beantwoord door",
        "Wie beantwoordt",
        "Reageren",
        "Reacties door",
        "Beantwoording vragen",
        "Webcare door",
    ],
    "goal": [
        *["Goal", "Goals", "Doel", "Doelen", "Doelstelling", "Doelstellingen", "Purpose"],
        *["Doel van het kanaal", "Doel van het account", "Doel kanaal", "Doel account"],
    ],
    "role": ["Role", "Rol", "Rol gemeente", "Rol van de gemeente", "Onze rol"],
    "audience": ["Audience", "Doelgroep", "Doelgroepen", "Target audience", "Publiek"],
    "content_strategy": [
        "Content strategy",
        "Contentstrategie",
        "Content strategie",
        "Contentplan",
        "Content plan",
        "Contentkalender",
        "Redactieplan",
        "Strategie",
    ],
    "communicatie_consulted": [
        "Communicatie consulted",
        "Communicatie betrokken",
        "Overleg Communicatie",
        "Overleg met Communicatie",
        "Afgestemd met Communicatie",
        "Advies Communicatie",
        "Akkoord Communicatie",
        "Communications consulted",
    ],
    "house_style_review": [
        "House style review",
        "Huisstijlcheck",
        "Huisstijl check",
        "Huisstijltoets",
        "Huisstijl",
        "Huisstijl gecontroleerd",
        "Laatste huisstijlcheck",
        "Datum huisstijlcheck",
    ],
    "owner_training": [
        "Owner training",
        "Training beheerder",
        "Zeist Academy",
        "Training",
        "Training gevolgd",
        "Opleiding",
        "Opleiding beheerder",
        "Cursus",
        "Datum training",
    ],
    "guideline_ack": [
        "Guideline acknowledged",
        "Guideline ack",
        "Handreiking gelezen",
        "Handreiking",
        "Richtlijn gelezen",
        "Richtlijnen gelezen",
        "Spelregels gelezen",
    ],
    "bio": ["Bio", "Omschrijving", "Profieltekst", "Description", "Beschrijving", "Biografie"],
    "website": ["Website", "Link", "Link in profiel", "Website link", "Link in bio", "Site"],
    "expected_posts_per_week": [
        "Expected posts per week",
        "Verwachte posts per week",
        "Posts per week",
        "Berichten per week",
        "Aantal posts per week",
        "Aantal berichten per week",
        "Frequentie",
        "Postfrequentie",
        "Posting frequency",
    ],
    "started": [
        "Started",
        "Gestart",
        "Startdatum",
        "Start",
        "Aangemaakt",
        "Aangemaakt op",
        "Datum aangemaakt",
        "Aanmaakdatum",
        "Opgericht",
        "Sinds",
        "Actief sinds",
        "In gebruik sinds",
        "Created",
        "Start date",
        "Date started",
        "Creation date",
        "Date created",
        "Live since",
        "Live sinds",
        "Live per",
        "Online sinds",
        "Datum live",
        "Datum gestart",
        "Datum start",
    ],
    "status": ["Status", "Account status", "Accountstatus", "Actief", "In gebruik"],
    "closed": [
        "Closed",
        "Gesloten per",
        "Gesloten",
        "Gesloten op",
        "Einddatum",
        "Opgeheven per",
        "Opgeheven",
        "Opgeheven op",
        "Datum opgeheven",
        "Datum gesloten",
        "Gestopt",
        "Gestopt per",
        "Verwijderd op",
        "End date",
        "Closed on",
        "Closing date",
        "Date closed",
        "Deleted on",
        "Offline sinds",
        "Offline per",
        "Datum offline",
        "Datum opheffing",
        "Datum gestopt",
        "Datum einde",
    ],
    "two_factor": [
        "Two-factor authentication",
        "Two-factor",
        "Tweestapsverificatie",
        "Tweestaps verificatie",
        "Tweefactorauthenticatie",
        "Twee-factor-authenticatie",
        "Tweefactor",
        "Multifactorauthenticatie",
        "2FA",
        "2FA aan",
        "MFA",
        "2-staps verificatie",
        "2-stapsverificatie",
    ],
    "administrators": [
        "Administrators",
        "Admins",
        "Beheerders",
        "Beheerders (namen)",
        "Beheerders met toegang",
        "Beheerrechten",
        "Personen met beheerrechten",
        "Wie heeft toegang",
        "Andere beheerders",
        "Overige beheerders",
        "Extra beheerders",
        "Medebeheerders",
        "Beheerder 3",
        "Derde beheerder",
        "3e beheerder",
    ],
    "archiving": [
        "Archiving",
        "Archiving arrangement",
        "Archivering",
        "Archiefafspraak",
        "Archiefafspraken",
        "Archiveren",
        "Archief",
        "Bewaren berichten",
        "Hoe gearchiveerd",
        "Wordt gearchiveerd via",
        "Gearchiveerd via",
        "Archivering via",
        "Archiveringsmethode",
    ],
}

STAFF_COLUMNS: dict[str, list[str]] = {
    # A directory's export pasted in (Entra ID, Active Directory): `displayName`, `givenName`,
    # `surname` or `sn`, `mail`, `department`, `accountEnabled` or `Enabled`.
    "name": [
        *["Name", "Naam", "Medewerker", "Employee", "Naam medewerker", "Volledige naam"],
        *["Display name", "Weergavenaam"],
        # A personnel system's export in English (`Employee Name`, `Full Name`).
        *["Employee name", "Full name", "Name employee"],
        # The whole name in one column, surname first, as the header says (`Achternaam,
        # Voornaam`: headers are matched without their punctuation).
        *["Achternaam voornaam", "Achternaam roepnaam"],
        *["Last name first name", "Surname first name", "Surname given name"],
    ],
    # A name kept in parts, as a personnel system exports it; a middle name stands between
    # first name and surname, as a tussenvoegsel does (in Dutch lists it is one).
    "given_name": ["Given name", "Voornaam", "Roepnaam", "First name", "Voorletters"],
    "name_prefix": [
        *["Name prefix", "Tussenvoegsel", "Tussenvoegsels", "Voorvoegsel", "Tussenv"],
        *["Middle name", "Middle names"],
    ],
    "surname": ["Surname", "Achternaam", "Familienaam", "Last name", "Geslachtsnaam", "sn"],
    "email": [
        *["Email", "E-mail", "Mail", "E-mailadres", "Mailadres", "Emailadres"],
        *["Email address", "E-mail address", "Primary SMTP address"],
        *["E-mail werk", "E-mailadres werk", "Werk e-mail", "Zakelijk e-mailadres"],
        *["Work email", "Business email", "Work email address"],
    ],
    "department": [
        *["Department", "Afdeling", "Team", "Organisatieonderdeel", "Cluster"],
        *["Organisatorische eenheid", "Org. eenheid", "Organisational unit"],
        *["Organizational unit", "Afdelingsnaam", "Department name"],
    ],
    "active": [
        "Active",
        "In dienst",
        "Actief",
        "Employed",
        "Status",
        "Dienstverband",
        "Nog in dienst",
        "Enabled",
        "Account enabled",
        *["Employment status", "Employee status", "Status dienstverband"],
    ],
    "left_on": [
        "Left",
        "Left on",
        "Uit dienst per",
        "Uit dienst",
        "Uit dienst op",
        "Datum uit dienst",
        "Datum uitdienst",
        "Uitdiensttreding",
        "Datum uitdiensttreding",
        "Einde dienstverband",
        "Einddatum dienstverband",
        "Einddatum",
        "Vertrokken",
        "Vertrokken per",
        "Vertrekdatum",
        "Datum vertrek",
        "End of employment",
        "Account expiration date",
        "Einde contract",
        "Einddatum contract",
        "Contract tot",
        # In English personnel systems' words.
        *["End date", "Termination date", "Leaving date", "Date left", "Exit date"],
        *["Uitdienstdatum", "Datum einde dienstverband"],
    ],
}

DEPARTMENT_COLUMNS: dict[str, list[str]] = {
    "name": [
        "Department",
        "Afdeling",
        "Naam",
        "Name",
        "Afdeling/project",
        "Project",
        "Team",
        "Organisatieonderdeel",
    ],
    "manager_name": [
        "Manager",
        "Leidinggevende",
        "Afdelingshoofd",
        "Afdelingsmanager",
        "Teamleider",
        "Teammanager",
        "Hoofd",
        "Projectleider",
        "Opdrachtgever",
    ],
    "manager_email": [
        "Manager email",
        "E-mail manager",
        "Email manager",
        "E-mail leidinggevende",
        "E-mailadres manager",
        "E-mailadres leidinggevende",
        "E-mail",
        "Email",
    ],
    "kind": ["Kind", "Soort", "Type"],
}

WAIVER_COLUMNS: dict[str, list[str]] = {
    "platform": ["Platform", "Kanaal"],
    "account": ["Account", "Account id", "Handle", "Accountnaam", "Gebruikersnaam", "URL"],
    "check_id": ["Check", "Check id", "Controle", "Regel", "Rule", "Bevinding", "Check-id"],
    "reason": ["Reason", "Reden", "Motivatie", "Toelichting", "Onderbouwing"],
    "approved_by": ["Approved by", "Goedgekeurd door", "Akkoord", "Akkoord door", "Besluit door"],
    "until": ["Until", "Geldig tot", "Tot", "Einddatum", "Expires", "Tot en met", "Verloopt"],
}

SHEET_NAMES: dict[str, list[str]] = {
    "accounts": [
        "Accounts",
        "Account",
        "Register",
        "Accountregister",
        "Kanalen",
        "Social media",
        "Social media accounts",
        "Socialemedia-accounts",
        "Accountoverzicht",
        "Overzicht accounts",
        "Overzicht",
        "Kanalenoverzicht",
    ],
    "staff": [
        *["Medewerkers", "Staff", "Personeel", "Employees", "Personen", "Beheerders"],
        *["Contacten", "Contactpersonen", "Contacts"],
    ],
    "departments": [
        "Afdelingen",
        "Departments",
        "Teams",
        "Afdelingen en projecten",
        "Organisatie",
        "Organisatieonderdelen",
    ],
    "waivers": [
        "Uitzonderingen",
        "Waivers",
        "Exceptions",
        "Ontheffingen",
        "Afwijkingen",
        "Vrijstellingen",
    ],
}


def lookup(columns: dict[str, list[str]]) -> dict[str, str]:
    """Matching key of every accepted header → canonical column name."""
    table: dict[str, str] = {}
    for canonical, names in columns.items():
        for name in [canonical, *names]:
            table.setdefault(key(name), canonical)
    return table


# Headers no list can hold all of, recognised by the word that carries them: `2FA ingesteld`,
# `Tweestapsverificatie actief`, `Archiveringsafspraak`, `Wie heeft beheerrechten`, `Status
# account`, `Link naar profiel`. Tried in order, only for a header no list names; a header
# about an address or a number of people is none of these.
ACCOUNT_HEADER_WORDS: list[tuple[str, re.Pattern]] = [
    (
        "two_factor",
        re.compile(
            r"2fa|mfa|tweestaps|2staps|tweefactor|2factor|twofactor|multifactor|meerfactor"
            r"|tweetraps|twostep|2step"
        ),
    ),
    ("archiving", re.compile(r"archiver|archief|bewaar|gearchiveerdvia")),
    ("administrators", re.compile(r"beheerders|beheerrechten|admins|administrators|toegang")),
    ("status", re.compile(r"status|^actief|^ingebruik|^nogactief|^nogingebruik")),
    # `Link / @naam`, `Link of handle`: an address, or failing one the handle, in one column.
    (
        "url",
        re.compile(
            r"url|profiellink|linknaar(het)?(profiel|account|pagina)|profielpagina"
            r"|^link(of|en)?(naam|handle|account|accountnaam)$"
        ),
    ),
    ("handle", re.compile(r"handle|gebruikersnaam|accountnaam")),
    ("platform", re.compile(r"platform")),
    # `Sector / afdeling`, `Afdeling (eigenaar)`, `Dienst / Team`; not the department's manager.
    ("department", re.compile(r"^(?!.*(leidinggevend|manager|hoofd)).*afdeling|^dienst")),
]
_NOT_GUESSED = re.compile(r"mail|aantal|hoeveel|datum|sinds|nummer|telefoon")

# `E-mailadres verantwoordelijke`, `Mail reservecontact`: the address of whoever the rest of
# the header names, in any of the words the lists take for the owner or the substitute.
_ADDRESS = re.compile(r"^(e?mail(adres)?(van(de)?)?)|(e?mail(adres)?)$")
_ADDRESS_OF = {
    name_key: role.replace("_name", "_email")
    for name_key, role in lookup(
        {role: ACCOUNT_COLUMNS[role] for role in ("owner_name", "substitute_name")}
    ).items()
}


# `Contactpersoon 1`, `Beheerder 4`, `3e eigenaar`: people numbered in turn, the first the
# owner, the second the substitute, the others administrators.
_NUMBERED = re.compile(
    r"^(?P<word>\D+?)(?P<n>\d{1,2})$|^(?P<n2>\d{1,2})(?:e|ste|de)?(?P<word2>\D+)$"
)
_PERSON_WORDS = set(lookup({"owner_name": ACCOUNT_COLUMNS["owner_name"]}))


def _numbered_person(header_key: str) -> str | None:
    found = _NUMBERED.match(header_key)
    if found is None:
        return None
    word = found["word"] or found["word2"]
    number = int(found["n"] or found["n2"])
    if word not in _PERSON_WORDS or number < 1:
        return None
    return {1: "owner_name", 2: "substitute_name"}.get(number, "administrators")


def guess_account_column(header_key: str) -> str | None:
    """The account column a header names by its telling word; None when it has none."""
    if numbered := _numbered_person(header_key):
        return numbered
    if _ADDRESS.search(header_key):
        return _ADDRESS_OF.get(_ADDRESS.sub("", header_key, count=1))
    if _NOT_GUESSED.search(header_key):
        return None
    return next((c for c, words in ACCOUNT_HEADER_WORDS if words.search(header_key)), None)
