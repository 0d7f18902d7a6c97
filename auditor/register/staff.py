"""The staff sheet: who works here, with their address, department and whether still employed,
for the checks that ask whether an account's owner is someone of the organisation."""

from __future__ import annotations

import datetime as dt

from auditor.messages import Message
from auditor.models import Person
from auditor.problems import Level
from auditor.register import cells
from auditor.register.cells import key
from auditor.register.columns import STAFF_COLUMNS
from auditor.register.contents import Register
from auditor.register.days import first_day
from auditor.register.layout import department_named, not_a_colleague
from auditor.register.people import EMAIL
from auditor.register.person_cells import bare_name, email_address
from auditor.register.sheet import SheetReader
from auditor.register.workbook import Sheet


def read_people(register: Register, sheet: Sheet) -> list[Person]:
    reader = SheetReader(register, sheet, STAFF_COLUMNS, role="staff")
    if not reader.find_header(lambda found: bool({"name", "surname"} & found)):
        reader.problem(Message("register.no_staff_header"), level=Level.ERROR)
        return []

    departments = {key(a.department) for a in register.accounts if a.department}

    def person(values: dict, row: int) -> Person | None:
        if (said := not_a_colleague(reader, row)) is not None:
            reader.problem(said, row=row, level=Level.WARNING)
            reader.passed_over.add(row)
            return None
        if (heading := _department_heading(reader, values, departments)) is not None:
            reader.implied_department = heading
            reader.problem(
                Message(
                    "register.staff_section", value=cells.text(values["name"]), department=heading
                ),
                row=row,
                level=Level.WARNING,
            )
            return None
        name = reader.parse(values, "name", cells.text, row)
        parts = [cells.text(values.get(c)) for c in ("given_name", "name_prefix", "surname")]
        if name is None and parts[2]:  # `Jan` `van der` `Berg`: Jan van der Berg
            name = " ".join(p for p in parts if p)
        if name is None:
            reader.problem(Message("register.no_name"), row=row, column="name")
            return None
        # `Smit, S. (Sanne)`, as a directory writes its display names: Sanne Smit, whom the
        # register names so; read as written, she was "not in the staff list". So was
        # `Kees Bos (vervanger)`, a remark after the name as the owner cells have them.
        name = bare_name(name)
        active = reader.parse(values, "active", _employed, row)
        return Person(
            source_row=row,
            name=name,
            email=email_address(reader, values, "email", row),
            department=reader.parse(values, "department", cells.text, row)
            or reader.implied_department,
            active=True if active is None else active,
            left_on=reader.parse(values, "left_on", first_day, row),
        )

    return reader.read_rows(
        person,
        identity=lambda p: p.email or key(p.name),
        duplicate=_duplicate,
        prefer=lambda later, earlier: _employed_until(later) > _employed_until(earlier),
    )


def _employed_until(person: Person) -> dt.date:
    """Until when a staff entry says the person is employed. A personnel system lists one
    row per employment: of a colleague who left in 2019 and came back, the first row says
    she left, and read alone it made her an owner who has left."""
    if not person.active:
        return person.left_on or dt.date.min
    return person.left_on or dt.date.max


def _duplicate(person: Person, used: tuple, unused: tuple) -> tuple[Message, Level]:
    if used[1] < unused[1]:
        message = Message(
            "register.duplicate_person", name=person.name, first=used[1], row=unused[1]
        )
    else:  # the later row is the employment that lasts
        message = Message(
            "register.duplicate_person_employed",
            name=person.name,
            first=unused[1],
            row=used[1],
        )
    return message, Level.WARNING


def _department_heading(reader: SheetReader, values: dict, departments: set[str]) -> str | None:
    """The department a row heads that holds a name alone, where the sheet has more columns:
    `Afdeling Sport`, or `Cultuur` as the register's accounts name a department. It was a
    colleague of that name, whom `publish` then kept out of every department it names."""
    filled = [c for c, v in values.items() if cells.text(v)]
    if filled != ["name"] or len(reader.positions) < 2:
        return None
    text = cells.text(values["name"]) or ""
    named = department_named(text)
    if named is not None:
        return named
    return text if key(text) in departments else None


_EMPLOYED = {
    **dict.fromkeys(["indienst", "actief", "active", "employed", "werkzaam"], True),
    # Away for a while, still employed: the list of a personnel system says so.
    **dict.fromkeys(["onleave", "leave", "verlof", "metverlof", "ziek", "ziekgemeld"], True),
    **dict.fromkeys(["uitdienst", "vertrokken", "inactief", "inactive", "left", "gestopt"], False),
    **dict.fromkeys(["terminated", "withdrawn", "retired", "former", "ontslagen"], False),
    # A British personnel system's words: a leaver has left, a starter and current are here.
    **dict.fromkeys(["leaver", "exemployee"], False),
    **dict.fromkeys(["starter", "current", "currentemployee"], True),
    **dict.fromkeys(["gepensioneerd", "uitgeschreven", "beeindigd"], False),
}


def _employed(value: object) -> bool | None:
    """Still employed: ja/nee, or the words a staff list's status column uses."""
    raw = cells.text(value)
    if raw is not None and key(raw) in _EMPLOYED:
        return _EMPLOYED[key(raw)]
    return cells.boolean(value)


def people_as_listed(register: Register) -> None:
    """An owner or substitute written as an address in the name's cell (`a.devries@zeist.nl`,
    or one of several: `j.jansen@zeist.nl; p.pieters@zeist.nl`) that one colleague of the
    staff list has: that colleague, by the name the list gives. She was a person of her own
    beside `Anna de Vries`, with two action lists. An empty name cell beside an address stays
    unnamed, as OWN001 says."""
    named: dict[str, set[str]] = {}
    for person in register.staff or []:
        if person.email:
            named.setdefault(person.email.casefold(), set()).add(person.name)

    def as_listed(written: str) -> str:
        names = named.get(written.strip().casefold(), set())
        # An address two colleagues share names neither.
        return (
            next(iter(names)) if len(names) == 1 and EMAIL.fullmatch(written.strip()) else written
        )

    for account in register.accounts:
        for role in ("owner", "substitute"):
            name = getattr(account, f"{role}_name")
            if name and "@" in name:
                setattr(
                    account,
                    f"{role}_name",
                    "; ".join(as_listed(p).strip() for p in name.split(";")),
                )
