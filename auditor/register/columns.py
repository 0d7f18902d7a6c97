"""The register's columns per sheet, with the Dutch and English names people give them."""

from __future__ import annotations

from auditor.register.cells import key

ACCOUNT_COLUMNS: dict[str, list[str]] = {
    "platform": ["Platform", "Kanaal", "Medium", "Social medium", "Netwerk"],
    "handle": ["Handle", "Account", "Accountnaam", "Gebruikersnaam", "Username", "Account name"],
    "url": ["URL", "Link naar account", "Profiel-URL", "Profile URL", "Adres"],
    "display_name": ["Display name", "Weergavenaam", "Naam", "Name", "Profielnaam"],
    "type": ["Type", "Soort account", "Soort", "Account type", "Hoofd/neven"],
    "department": [
        "Department",
        "Afdeling",
        "Team",
        "Project",
        "Verantwoordelijke afdeling",
        "Afdeling/project",
        "Projectorganisatie",
    ],
    "sender": ["Sender", "Afzender"],
    "owner_name": ["Owner", "Owner name", "Beheerder", "Eigenaar", "Naam beheerder"],
    "owner_email": ["Owner email", "E-mail beheerder", "Email beheerder", "Mail beheerder"],
    "substitute_name": [
        "Substitute",
        "Substitute name",
        "Vervanger",
        "Back-up",
        "Backup",
        "Naam vervanger",
    ],
    "substitute_email": ["Substitute email", "E-mail vervanger", "Email vervanger"],
    "responder": ["Responder", "Beantwoording", "Webcare", "Beantwoord door"],
    "goal": ["Goal", "Goals", "Doel", "Doelen", "Doelstelling"],
    "role": ["Role", "Rol"],
    "audience": ["Audience", "Doelgroep", "Doelgroepen", "Target audience"],
    "content_strategy": ["Content strategy", "Contentstrategie", "Content strategie"],
    "communicatie_consulted": [
        "Communicatie consulted",
        "Communicatie betrokken",
        "Overleg Communicatie",
        "Communications consulted",
    ],
    "house_style_review": [
        "House style review",
        "Huisstijlcheck",
        "Huisstijl check",
        "Huisstijltoets",
    ],
    "owner_training": ["Owner training", "Training beheerder", "Zeist Academy", "Training"],
    "guideline_ack": [
        "Guideline acknowledged",
        "Guideline ack",
        "Handreiking gelezen",
        "Handreiking",
    ],
    "bio": ["Bio", "Omschrijving", "Profieltekst", "Description"],
    "website": ["Website", "Link", "Link in profiel", "Website link"],
    "expected_posts_per_week": [
        "Expected posts per week",
        "Verwachte posts per week",
        "Posts per week",
        "Berichten per week",
    ],
    "started": ["Started", "Gestart", "Startdatum", "Start", "Aangemaakt"],
    "status": ["Status"],
    "closed": ["Closed", "Gesloten per", "Gesloten", "Einddatum", "Opgeheven per"],
}

STAFF_COLUMNS: dict[str, list[str]] = {
    "name": ["Name", "Naam", "Medewerker", "Employee"],
    "email": ["Email", "E-mail", "Mail", "E-mailadres"],
    "department": ["Department", "Afdeling", "Team"],
    "active": ["Active", "In dienst", "Actief", "Employed"],
    "left_on": ["Left", "Left on", "Uit dienst per", "Uit dienst", "Vertrokken"],
}

DEPARTMENT_COLUMNS: dict[str, list[str]] = {
    "name": ["Department", "Afdeling", "Naam", "Name", "Afdeling/project", "Project"],
    "manager_name": ["Manager", "Leidinggevende", "Afdelingshoofd", "Teamleider"],
    "manager_email": ["Manager email", "E-mail manager", "Email manager"],
    "kind": ["Kind", "Soort", "Type"],
}

WAIVER_COLUMNS: dict[str, list[str]] = {
    "platform": ["Platform", "Kanaal"],
    "account": ["Account", "Account id", "Handle", "Accountnaam"],
    "check_id": ["Check", "Check id", "Controle", "Regel", "Rule"],
    "reason": ["Reason", "Reden", "Motivatie", "Toelichting"],
    "approved_by": ["Approved by", "Goedgekeurd door", "Akkoord", "Akkoord door"],
    "until": ["Until", "Geldig tot", "Tot", "Einddatum", "Expires"],
}

SHEET_NAMES: dict[str, list[str]] = {
    "accounts": ["Accounts", "Account", "Register", "Accountregister", "Kanalen"],
    "staff": ["Medewerkers", "Staff", "Personeel", "Employees"],
    "departments": ["Afdelingen", "Departments", "Teams", "Afdelingen en projecten"],
    "waivers": ["Uitzonderingen", "Waivers", "Exceptions", "Ontheffingen"],
}


def lookup(columns: dict[str, list[str]]) -> dict[str, str]:
    """Matching key of every accepted header → canonical column name."""
    table: dict[str, str] = {}
    for canonical, names in columns.items():
        for name in [canonical, *names]:
            table.setdefault(key(name), canonical)
    return table
