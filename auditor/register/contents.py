"""The register as read: its accounts, staff, departments and waivers, with the problems found
and the ledger of every sheet's rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from auditor.activity.frame import LedgerEntry
from auditor.models import Account, Department, Person, Waiver
from auditor.problems import Problem


@dataclass
class Register:
    path: Path
    accounts: list[Account] = field(default_factory=list)
    staff: list[Person] | None = None
    departments: list[Department] | None = None
    waivers: list[Waiver] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ledger: list[LedgerEntry] = field(default_factory=list)

    def accounts_frame(self) -> pd.DataFrame:
        return _frame(self.accounts, Account)

    def staff_frame(self) -> pd.DataFrame | None:
        return None if self.staff is None else _frame(self.staff, Person)

    def departments_frame(self) -> pd.DataFrame | None:
        return None if self.departments is None else _frame(self.departments, Department)


def _frame(items: list, model: type) -> pd.DataFrame:
    rows = []
    for item in items:
        row = item.model_dump()
        for name, value in row.items():
            if isinstance(value, list):
                row[name] = [str(v) for v in value]
            elif hasattr(value, "value") and isinstance(value, str):
                row[name] = value.value
        rows.append(row)
    return pd.DataFrame(rows, columns=list(model.model_fields), dtype=object)
