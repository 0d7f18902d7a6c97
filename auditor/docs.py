"""The README's reference tables, rendered from the code so they never drift.

`python -m auditor.docs` rewrites the marked sections of README.md; a test fails when the
README and the code disagree.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from auditor.activity.adapters import formats
from auditor.catalogue import catalogue_rows
from auditor.register.columns import (
    ACCOUNT_COLUMNS,
    DEPARTMENT_COLUMNS,
    SHEET_NAMES,
    STAFF_COLUMNS,
    WAIVER_COLUMNS,
)

README = Path(__file__).resolve().parent.parent / "README.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def checks_table() -> str:
    lines = [
        "| id | name | severity | what fails (en) | policy quote |",
        "|---|---|---|---|---|",
    ]
    for row in catalogue_rows(lang="en"):
        title = row["title"] + (" *(extra)*" if row["extra"] else "")
        params = f" Settings: `{row['params_text']}`." if row["params_text"] else ""
        lines.append(
            f"| {row['id']} | {row['name']} | {row['default_severity']} | "
            f"**{_cell(title)}**: {_cell(row['what'])}{_cell(params)} | "
            f"“{_cell(row['policy_quote'])}” ({_cell(row['policy_section'])})"
            + (
                f"; beyond the policy: {_cell(row['policy_source'])}"
                if row["policy_source"]
                else ""
            )
            + " |"
        )
    return "\n".join(lines)


def register_table() -> str:
    sheets = [
        ("Accounts", "accounts", ACCOUNT_COLUMNS),
        ("Medewerkers", "staff", STAFF_COLUMNS),
        ("Afdelingen", "departments", DEPARTMENT_COLUMNS),
        ("Uitzonderingen", "waivers", WAIVER_COLUMNS),
    ]
    lines = ["| sheet (also accepted) | column | accepted headers |", "|---|---|---|"]
    for title, role, columns in sheets:
        names = ", ".join(n for n in SHEET_NAMES[role] if n != title)
        label = f"**{title}** ({names})"
        for canonical, synonyms in columns.items():
            lines.append(f"| {label} | `{canonical}` | {', '.join(synonyms)} |")
            label = ""
    return "\n".join(lines)


def formats_list() -> str:
    """The activity exports, one item each, from the adapters' own description."""
    return "\n".join(
        f"- {doc.title}. Recognised by {doc.reads}. Time: {doc.time}. Account: {doc.account}."
        for doc in formats()
    )


SECTIONS = {"checks": checks_table, "register": register_table, "formats": formats_list}


def render(readme: str) -> str:
    for name, make in SECTIONS.items():
        pattern = re.compile(
            rf"(<!-- BEGIN {name} -->\n)(?:.*?\n)?(<!-- END {name} -->)", flags=re.DOTALL
        )
        if not pattern.search(readme):
            raise ValueError(f"README has no section markers for {name!r}")
        readme = pattern.sub(lambda m, make=make: m.group(1) + make() + "\n" + m.group(2), readme)
    return readme


def main() -> None:
    text = README.read_text(encoding="utf-8")
    new = render(text)
    if new != text:
        README.write_text(new, encoding="utf-8")
        print("README.md updated", file=sys.stderr)


if __name__ == "__main__":
    main()
