"""The reports' words: entries of the `report` section of the one catalogue
(`auditor/locale/<language>/reports.toml`), asked for as `t("key")` by templates and writers."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from auditor import messages
from auditor.identity import handle_shown
from auditor.messages import AccountRef, Message, render

SECTION = "report."


def has(key: str) -> bool:
    """Whether the reports have a word for `key` (a metric, a status, a platform)."""
    return messages.has(SECTION + key)


def translator(lang: str) -> Callable[..., str]:
    """`t("key")` in the report language; `t("key", n=3)` fills `{n}`. An unknown key is an
    error, not a blank."""
    code = str(lang)

    def t(key: str, **values: object) -> str:
        return messages.text(SECTION + key, code, **values)

    t.lang = code  # type: ignore[attr-defined]  (what platform_label renders in)
    return t


def format_label(t: Callable[..., str], name: str) -> str:
    """An input format as a reader knows it; an inbox format names its tool after it."""
    base, _, tool = name.partition(":")
    if not has(f"fmt_{base}"):
        return name
    return f"{t(f'fmt_{base}')} ({tool})" if tool else t(f"fmt_{base}")


def platform_label(t: Callable[..., str], code: str | None) -> str:
    """A platform as people write it, in the language of `t`."""
    if not code:
        return ""
    return _platform_label(code, t.lang)  # type: ignore[attr-defined]


@cache
def _platform_label(code: str, lang: str) -> str:
    # Asked for on every row of every page: a handful of platforms, rendered once each.
    return messages.show(messages.platform_name(code), lang)


def account_id_name(t: Callable[..., str], account_id: str | None, platform: str | None) -> str:
    """An account the audit knows by its id alone (deleted from the register since) as people
    read it: `X @zwemzeist`, not `x:zwemzeist`; a finding about a whole platform names it."""
    if not account_id:
        return platform_label(t, platform) or "–"
    code, _, handle = account_id.partition(":")
    return f"{platform_label(t, platform or code)} {handle_shown(platform or code, handle)}"


def account_name(account, t: Callable[..., str]) -> str:
    """An account as a reader knows it: its display name, platform and handle."""
    where = f"{platform_label(t, account.platform)} {account.shown_handle}"
    return f"{account.display_name} ({where})" if account.display_name else where


def sayer(accounts, lang: str) -> Callable[[Any], str]:
    """A finding's sentence with each account it names by display name and platform, as a
    reader knows it, instead of the audit's internal id."""
    t = translator(lang)
    names = {a.account_id: account_name(a, t) for a in accounts}

    def name(value: Any) -> Any:
        if isinstance(value, AccountRef) and value.account_id in names:
            return names[value.account_id]
        return value

    return lambda message: (
        render(message.map(name), lang) if isinstance(message, Message) else str(message)
    )
