"""The departments sheet: each department with its manager, and the accounts' departments
written as the list writes them."""

from __future__ import annotations

import re

from auditor.messages import Message
from auditor.models import Department
from auditor.problems import Level
from auditor.register import cells
from auditor.register.cells import key
from auditor.register.columns import DEPARTMENT_COLUMNS
from auditor.register.contents import Register
from auditor.register.layout import passed_over_as_note
from auditor.register.person_cells import bare_name, email_address
from auditor.register.sheet import SheetReader
from auditor.register.workbook import Sheet


def _department_key(name: str) -> str:
    """A department's name without the word for one before it: `Afd. Communicatie`,
    `afdeling Communicatie` and `Communicatie` are one."""
    return key(re.sub(r"^\s*(?:afdeling|afd\.?)\s+", "", name, flags=re.IGNORECASE))


def departments_as_listed(register: Register) -> None:
    """Each account's department as the department list names it, where the two differ only
    by such a word: `Afd. Communicatie` was a department of its own, not in the list, with a
    pack of its own beside Communicatie's."""
    listed = {k: d.name for d in register.departments if (k := _department_key(d.name))}
    for account in register.accounts:
        if account.department and account.department not in listed.values():
            # A name of no Latin letter has no key, and is in no such pair.
            account.department = listed.get(_department_key(account.department), account.department)


def departments_written_alike(register: Register) -> None:
    """One department written in several ways where no list says which (`Sport`, `sport`,
    `SPORT `, `Afdeling Sport`): the way written first. Each was a department of its own,
    and their packs one file, the last written over the others."""
    first: dict[str, str] = {}
    for account in register.accounts:
        # A name of no Latin letter has no key: kept as written.
        if account.department and (folded := _department_key(account.department)):
            account.department = first.setdefault(folded, account.department)


def read_departments(register: Register, sheet: Sheet) -> list[Department]:
    reader = SheetReader(register, sheet, DEPARTMENT_COLUMNS, role="departments")
    if not reader.find_header(lambda found: "name" in found):
        reader.problem(Message("register.no_department_header"))
        return []

    def department(values: dict, row: int) -> Department | None:
        if passed_over_as_note(reader, row, "register.department_note_row"):
            return None
        name = reader.parse(values, "name", cells.text, row)
        if name is None:
            reader.problem(Message("register.no_department_name"), row=row, column="name")
            return None
        return Department(
            source_row=row,
            name=name,
            # `Dhr. P. Pieters (interim)`: the person, as an owner cell names them.
            manager_name=reader.parse(values, "manager_name", _manager, row),
            manager_email=email_address(reader, values, "manager_email", row),
            kind=reader.parse(values, "kind", cells.text, row),
        )

    return reader.read_rows(
        department,
        identity=lambda d: key(d.name),
        duplicate=lambda d, first, row: (
            Message("register.duplicate_department", name=d.name, first=first[1], row=row[1]),
            Level.WARNING,
        ),
    )


def _manager(value: object) -> str | None:
    name = cells.text(value)
    return bare_name(name) if name else None
