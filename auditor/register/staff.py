"""The staff sheet: who works here, with their address, department and whether still employed,
for the checks that ask whether an account's owner is someone of the organisation."""

from __future__ import annotations

from auditor.messages import Message
from auditor.models import Person
from auditor.problems import Level
from auditor.register import cells
from auditor.register.cells import key
from auditor.register.columns import STAFF_COLUMNS
from auditor.register.contents import Register
from auditor.register.days import first_day
from auditor.register.person_cells import email_address
from auditor.register.sheet import SheetReader
from auditor.register.workbook import Sheet


def read_people(register: Register, sheet: Sheet) -> list[Person]:
    reader = SheetReader(register, sheet, STAFF_COLUMNS, role="staff")
    if not reader.find_header(lambda found: bool({"name", "surname"} & found)):
        reader.problem(Message("register.no_staff_header"), level=Level.ERROR)
        return []

    def person(values: dict, row: int) -> Person | None:
        name = reader.parse(values, "name", cells.text, row)
        parts = [cells.text(values.get(c)) for c in ("given_name", "name_prefix", "surname")]
        if name is None and parts[2]:  # `Jan` `van der` `Berg`: Jan van der Berg
            name = " ".join(p for p in parts if p)
        if name is None:
            reader.problem(Message("register.no_name"), row=row, column="name")
            return None
        active = reader.parse(values, "active", _employed, row)
        return Person(
            source_row=row,
            name=name,
            email=email_address(reader, values, "email", row),
            department=reader.parse(values, "department", cells.text, row),
            active=True if active is None else active,
            left_on=reader.parse(values, "left_on", first_day, row),
        )

    return reader.read_rows(
        person,
        identity=lambda p: p.email or key(p.name),
        duplicate=lambda p, first, row: (
            Message("register.duplicate_person", name=p.name, first=first[1], row=row[1]),
            Level.WARNING,
        ),
    )


_EMPLOYED = {
    **dict.fromkeys(["indienst", "actief", "active", "employed", "werkzaam"], True),
    **dict.fromkeys(["uitdienst", "vertrokken", "inactief", "inactive", "left", "gestopt"], False),
}


def _employed(value: object) -> bool | None:
    """Still employed: ja/nee, or the words a staff list's status column uses."""
    raw = cells.text(value)
    if raw is not None and key(raw) in _EMPLOYED:
        return _EMPLOYED[key(raw)]
    return cells.boolean(value)
