"""A finding's evidence as the workbook's readers meet it: each item a check measured under
its label from the catalogue (`<check>.evidence.<field>`, with its unit) and each coded value
(`off`, `not_in_staff_list`) in words (`<check>.evidence_value.<field>.<value>`). Dates stay
dates and numbers numbers, to sort and filter on; findings.json keeps the fields as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from auditor.checks.consolidation import shared_words
from auditor.messages import AccountRef, Hidden, Message, PersonRef, catalogue, show, text
from auditor.reports.i18n import platform_label, translator

# Fields that hold a share (0.25), shown as a percentage.
SHARES = frozenset({"share_without_alt", "max_share", "unanswered_share", "limit_share"})


@dataclass(frozen=True)
class Item:
    field: str
    label: str
    value: Any  # a date or number as measured; anything else as words


def evidence_items(
    check_id: str,
    evidence: dict[str, Any],
    lang: str,
    name: Callable[[AccountRef], str],
    team: str,
) -> list[Item]:
    """The items of one finding's evidence that hold something, in the check's order.
    `name` gives an account as people know it."""
    words = catalogue(lang)
    items = []
    for field, value in evidence.items():
        if value is None or value == [] or (isinstance(value, float) and value != value):
            continue
        key = f"{check_id}.evidence.{field}"
        # A field the catalogue lacks (an older history, a newer check) keeps its name.
        label = text(key, lang, team=team) if key in words else field
        items.append(Item(field, label, _value(check_id, field, value, lang, name)))
    return items


def _value(check_id: str, field: str, value: Any, lang: str, name) -> Any:
    if isinstance(value, bool):
        return text("common.yes" if value else "common.no", lang)
    if isinstance(value, int | float | dt.date):
        return value
    if isinstance(value, AccountRef):
        return name(value)
    if isinstance(value, PersonRef | Hidden | Message):
        return show(value, lang)
    if isinstance(value, dict):
        return _candidate(value, lang, name)
    if isinstance(value, list | tuple):
        separator = catalogue(lang)["format.list_separator"]
        # Candidates of other departments, hidden in a pack, are counted once (one is itself).
        hidden = [
            v for v in value if isinstance(v, dict) and isinstance(v.get("account_id"), Hidden)
        ]
        hidden = hidden if len(hidden) > 1 else []
        shown = [str(_value(check_id, field, v, lang, name)) for v in value if v not in hidden]
        if hidden:
            shown.append(text("common.other_departments", lang, count=len(hidden)))
        return separator.join(shown)
    value = str(value)
    if field == "platform":
        return platform_label(translator(lang), value)
    coded = f"{check_id}.evidence_value.{field}.{value}"
    return text(coded, lang) if coded in catalogue(lang) else value


def _candidate(value: dict[str, Any], lang: str, name) -> str:
    """An account CON001 suggests joining, with what it shares."""
    account = value.get("account_id")
    shown = name(account) if isinstance(account, AccountRef) else show(account, lang)
    shared = shared_words(value.get("shared") or [], value.get("shared_goals") or [])
    if not shared:
        return shown
    return text("CON001.candidate", lang, account=shown, shared=shared)


def evidence_text(items: list[Item], lang: str) -> str | None:
    """The evidence in one readable cell: `label: value` a line."""
    lines = []
    for item in items:
        value = item.value
        if item.field in SHARES and isinstance(value, int | float):
            shown = show(value, lang, "%")
        elif isinstance(value, str):
            shown = value
        else:
            shown = show(value, lang)
        lines.append(f"{item.label}: {shown}")
    return "\n".join(lines) or None
