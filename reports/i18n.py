"""The reports' words: entries of the `report` section of the one catalogue
(`auditor/locale/<language>/reports.toml`), asked for as `t("key")` by templates and writers."""

from __future__ import annotations

from collections.abc import Callable

from auditor import messages

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

    return t
