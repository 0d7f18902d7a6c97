"""An account's status as a register writes it: `Actief`, `in gebruik`, `Gesloten per
1-3-2024`, `niet meer in gebruik`, `nog niet actief`, or with a typo (`Actef`)."""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz import fuzz, process

from auditor.models import AccountStatus
from auditor.register import cells
from auditor.register.cells import CellError, key

# Yes and no answer a column headed "Actief" or "In gebruik".
STATUSES = {
    **dict.fromkeys(
        [
            *["actief", "actieve", "active", "live", "ingebruik", "open", "ja", "yes", "j", "y"],
            *["x", "online", "indelucht", "lopend", "loopt"],
            # Dormant is in use and unused: the account is there, and the audit judges it
            # (ACT002 reports the silence), rather than skip it as closed.
            *["dormant", "slapend", "sluimerend"],
            # Paused is there too, and judged likewise: `gepauzeerd` was no status.
            *["gepauzeerd", "gepauseerd", "pauze", "paused", "onhold", "tijdelijkstil"],
        ],
        AccountStatus.ACTIVE,
    ),
    **dict.fromkeys(
        [
            *["gesloten", "closed", "opgeheven", "inactief", "inactive", "gestopt", "verwijderd"],
            *["gearchiveerd", "archived", "beeindigd", "afgesloten", "offline"],
            *["afgeschaft", "stopgezet", "opgezegd", "vervallen"],
            *["deleted", "decommissioned", "retired", "discontinued", "deactivated"],
            *["nee", "no", "n", "nietactief", "nietmeeringebruik", "buitengebruik"],
            *["inactieve", "gestopte", "verwijderde", "gearchiveerde", "opgehevene"],
        ],
        AccountStatus.CLOSED,
    ),
    **dict.fromkeys(
        [
            *["gepland", "geplande", "planned", "invoorbereiding", "nieuw", "aangevraagd"],
            *["inontwikkeling", "concept", "binnenkort", "tebeginnen"],
            *["proposed", "pending", "requested", "indevelopment", "draft", "notyetlive"],
        ],
        AccountStatus.PLANNED,
    ),
}


def date_in_status(raw: str | None, status: AccountStatus) -> dt.date | None:
    """The day a status names, `Gesloten per 1-3-2024`, when no column gives it."""
    raw = raw if status == AccountStatus.CLOSED else None
    found = re.search(r"\b(\d{1,2}-\d{1,2}-\d{4}|\d{4}-\d{2}-\d{2})\b", raw or "")
    if found is None:
        return None
    try:
        return cells.date(found[1])
    except CellError:
        return None


# The statuses as the register writes them, in either language.
STATUS_NAMES = {
    AccountStatus.ACTIVE: "actief",
    AccountStatus.CLOSED: "gesloten",
    AccountStatus.PLANNED: "gepland",
}
# Words of a status that say nothing by themselves (`ja`, `x`, `open`) are only read alone.
STATUS_WORDS = {k: v for k, v in STATUSES.items() if len(k) >= 4 and k != "open"}
_NEGATIONS = {"niet", "geen", "not", "no", "non", "buiten"}


def status_in_words(raw: str) -> tuple[AccountStatus | None, bool]:
    """A status inside a longer text, and whether it was a guess (a typo's nearest word)."""
    words = [key(w) for w in re.split(r"[^\w]+", raw) if key(w) and not key(w).isdigit()]
    if "nog" in words and "niet" in words:  # `nog niet actief`: not yet
        return AccountStatus.PLANNED, False
    found = None
    for size in (4, 3, 2, 1):
        for start in range(len(words) - size + 1):
            found = found or STATUS_WORDS.get("".join(words[start : start + size]))
    if found is None:
        for word in words:
            near = process.extractOne(word, list(STATUS_WORDS), scorer=fuzz.ratio, score_cutoff=80)
            if near:
                return _negated(STATUS_WORDS[near[0]], words), True
        return None, False
    negated = _negated(found, words)
    # `Wordt opgeheven`: still in use, and said, since it reads both ways.
    return negated, found == AccountStatus.CLOSED and negated != found


def says_closed(text: str) -> bool:
    """Whether a remark says the account was closed (`opgeheven per 1-3-2025`, `gestopt`,
    `inactief sinds maart`, `niet meer in gebruik`); not where it denies it (`niet
    opgeheven`), says it is to come (`wordt opgeheven`), or only resembles a status word."""
    status, guessed = status_in_words(text)
    if status != AccountStatus.CLOSED or guessed:
        return False
    words = {key(w) for w in re.split(r"[^\w]+", text) if key(w)}
    denied = _NEGATIONS & words and any(STATUS_WORDS.get(w) == AccountStatus.CLOSED for w in words)
    return not denied


def _negated(status: AccountStatus, words: list[str]) -> AccountStatus:
    """`niet actief`, `niet in gebruik`, `not live`: closed. `Wordt opgeheven`, `gaat
    binnenkort dicht`: still in use until it is."""
    if status == AccountStatus.ACTIVE and _NEGATIONS & set(words):
        return AccountStatus.CLOSED
    if status == AccountStatus.CLOSED and _TO_COME & set(words):
        return AccountStatus.ACTIVE
    return status


_TO_COME = {"wordt", "gaat", "binnenkort", "straks", "zal", "will", "tobe"}
