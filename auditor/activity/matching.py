"""Which register account an export row belongs to.

An index is built once from the register: per platform the canonical handle, the handle in
the account's URL, a Facebook page id in its URL (`profile.php?id=…` or `facebook.com/<id>`)
and the display name. Rows are matched per *distinct* (platform, account, page id, name)
combination, never per row. A row of an account not in the register keeps an id of its own
(`make_account_id`) with `registered` false: unregistered accounts are findings (REG002),
not noise.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs

import numpy as np
import pandas as pd

from auditor.activity.columns import factorize, take_categories
from auditor.identity import (
    account_as_written,
    home_addresses,
    looks_like_url,
    make_account_id,
    normalize_handle,
    parse_url,
)
from auditor.models import Account, AccountStatus, Platform


def name_key(value: object) -> str | None:
    """Display names compared without case, spacing, punctuation or accents: `Zeïst` as a
    Mac writes it (an e and a separate diaeresis) lost its ï, and `Cafe` is how `Café` is
    typed on a keyboard without one."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    decomposed = unicodedata.normalize("NFKD", str(value).casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    key = re.sub(r"[\W_]+", "", bare)
    return key or None


def page_id_in_url(url: str | None) -> str | None:
    """A Facebook page id in `facebook.com/profile.php?id=…` or `facebook.com/<digits>`."""
    if not url:
        return None
    parsed = parse_url(url)
    if parsed is None:
        return None
    ids = parse_qs(parsed.query).get("id")
    if ids and ids[0].isdigit():
        return ids[0]
    first = next((s for s in parsed.path.split("/") if s), "")
    return first if first.isdigit() else None


@dataclass(frozen=True)
class Match:
    account_id: str
    handle: str
    registered: bool


class AccountIndex:
    def __init__(self, accounts: Sequence[Account]):
        self.accounts = list(accounts)
        self._handles: dict[tuple[str, str], Account] = {}
        self._page_ids: dict[tuple[str, str], Account] = {}
        self._names: dict[tuple[str, str], Account] = {}
        for account in self.accounts:
            platform = account.platform
            for handle in (normalize_handle(account.handle), normalize_handle(account.url)):
                if handle:
                    self._handles.setdefault((platform, handle), account)
            page_id = page_id_in_url(account.url)
            if page_id:
                self._page_ids.setdefault((platform, page_id), account)
                self._handles.setdefault((platform, page_id), account)
        # A name is no identity: a page closed years ago and the page now in use are both
        # "Gemeente Zeist". The one in use has it (an export of this quarter is of a page in
        # use); the closed one kept a Meta export's posts, REG002 after its closing.
        in_use_first = sorted(self.accounts, key=lambda a: a.status is not AccountStatus.ACTIVE)
        for account in in_use_first:
            for name in (account.display_name, account.handle):
                key = name_key(name)
                if key:
                    self._names.setdefault((account.platform, key), account)
        # A handle typed beside a profile URL that names the account otherwise (a YouTube
        # @name beside its channel id): an export or `[activity.accounts]` may use either. After
        # every account's own handle, so that an account registered under it keeps it.
        for account in self.accounts:
            for alias in account.aliases:
                self._handles.setdefault((account.platform, alias), account)
        # The handle an account had before its renaming (`Account (oud)`), which exports made
        # before it still give; last, so that an account that holds it now keeps it.
        for account in self.accounts:
            for former in account.former_handles:
                self._handles.setdefault((account.platform, former), account)
        # What each combination of hints matched: a folder of exports (one a month and
        # account) names the same accounts in file after file.
        self._matched: dict[tuple, Match | None] = {}

    def find(
        self,
        platform: str,
        account: str | None = None,
        page_id: str | None = None,
        display_name: str | None = None,
    ) -> Account | None:
        account = account_as_written(account, platform) if account else account
        handle = normalize_handle(account) if account else None
        if handle and (platform, handle) in self._handles:
            return self._handles[(platform, handle)]
        if handle and platform == Platform.MASTODON and "@" in handle:
            # Served from a subdomain of the address the register names (split domain).
            for home in home_addresses(handle):
                if (platform, home) in self._handles:
                    return self._handles[(platform, home)]
            # A register that names a Mastodon account without its server (`@zeist`) means
            # the export's `zeist@social.example`: no server it names says otherwise.
            found = self._handles.get((platform, handle.split("@", 1)[0]))
            if found is not None and "@" not in (normalize_handle(found.handle) or ""):
                return found
        if page_id and (platform, page_id) in self._page_ids:
            return self._page_ids[(platform, page_id)]
        if account and not looks_like_url(account):
            found = self._names.get((platform, name_key(account) or ""))
            if found is not None:
                return found
        if display_name:
            return self._names.get((platform, name_key(display_name) or ""))
        return None

    def match(
        self,
        platform: str,
        account: str | None = None,
        page_id: str | None = None,
        display_name: str | None = None,
    ) -> Match | None:
        """The register's account, or an unregistered id of its own; None if nothing names it."""
        hints = (platform, account, page_id, display_name)
        if hints not in self._matched:
            self._matched[hints] = self._match(*hints)
        return self._matched[hints]

    def _match(
        self, platform: str, account: str | None, page_id: str | None, display_name: str | None
    ) -> Match | None:
        found = self.find(platform, account, page_id, display_name)
        if found is not None:
            return Match(found.account_id, normalize_handle(found.handle) or "", True)
        account = account_as_written(account, platform) if account else account
        handle = (
            (normalize_handle(account) if account else None)
            or (normalize_handle(display_name) if display_name else None)
            or page_id
        )
        if not handle:
            return None
        return Match(make_account_id(platform, handle), handle, False)

    def active(self, platform: str) -> list[Account]:
        return [
            a for a in self.accounts if a.platform == platform and a.status is AccountStatus.ACTIVE
        ]


def _values_at(coded: tuple[np.ndarray, list] | None, rows: np.ndarray) -> list[str | None]:
    if coded is None:
        return [None] * len(rows)
    codes, uniques = coded
    return [None if code < 0 else str(uniques[code]) for code in codes[rows]]


def _renumbered(codes: np.ndarray, size: int | None = None) -> tuple[np.ndarray, int]:
    """Codes renumbered 0..k-1 over the values that occur; counting when their range is known
    and small, hashing otherwise."""
    if size is None:
        codes, uniques = pd.factorize(codes)
        return codes.astype(np.int64), len(uniques)
    present = np.bincount(codes, minlength=size) > 0
    number = np.cumsum(present) - 1
    return number[codes], int(present.sum())


@dataclass
class Matched:
    account_id: pd.Series  # categorical, NA where the row names no account
    handle: pd.Series  # categorical
    registered: np.ndarray  # bool
    account_codes: np.ndarray  # int64 per row, -1 where unmatched; same code = same account_id
    account_ids: list[str]  # the account_id of each code


def match_rows(rows: pd.DataFrame, index: AccountIndex) -> Matched:
    """Match the parsed rows' account hints, one lookup per distinct combination."""
    keys = ["platform", "account", "page_id", "display_name"]
    combo_codes = np.zeros(len(rows), dtype=np.int64)
    size = 1
    coded: list[tuple[np.ndarray, list] | None] = []
    hashed = False
    for key in keys:
        if not rows[key].notna().any():
            coded.append(None)
            continue
        key_codes, key_uniques = _coded(rows[key])
        coded.append((key_codes, key_uniques))
        # NA is a value too; renumbering whenever the range grows wide keeps it small.
        combo_codes = combo_codes * (len(key_uniques) + 1) + (key_codes + 1)
        size *= len(key_uniques) + 1
        if size > max(len(rows), 1 << 16):
            combo_codes, size = _renumbered(combo_codes)
            hashed = True
    if hashed:
        combo_codes, size = _renumbered(combo_codes, size)
        # The first row of each combination, which stands for all of its rows.
        first_rows = np.full(size, len(rows), dtype=np.int64)
        np.minimum.at(first_rows, combo_codes, np.arange(len(rows), dtype=np.int64))
        combos = np.arange(size)
        hints = [_values_at(key, first_rows) for key in coded]
    else:
        # Each combination spells out its values' codes, digit by digit: no row to look up.
        combos = np.flatnonzero(np.bincount(combo_codes, minlength=size))
        hints = _spelled_out(combos, coded)
    ids: list[str | None] = [None] * size
    handles: list[str | None] = [None] * size
    registered = np.zeros(size, dtype=bool)
    account_code = np.full(size, -1, dtype=np.int64)
    id_codes: dict[str, int] = {}
    for combo, hint in zip(combos, zip(*hints, strict=True), strict=True):
        match = index.match(*hint) if hint[0] is not None else None
        if match is None:
            continue
        ids[combo] = match.account_id
        handles[combo] = match.handle
        registered[combo] = match.registered
        account_code[combo] = id_codes.setdefault(match.account_id, len(id_codes))
    return Matched(
        account_id=take_categories(combo_codes, ids),
        handle=take_categories(combo_codes, handles),
        registered=registered[combo_codes],
        account_codes=account_code[combo_codes],
        account_ids=list(id_codes),
    )


def _coded(values: pd.Series) -> tuple[np.ndarray, list]:
    """(code per row, -1 for NA; values): a categorical's own codes, unused ones included."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy().astype(np.int64), list(values.cat.categories)
    return factorize(values)


def _spelled_out(
    combos: np.ndarray, coded: list[tuple[np.ndarray, list] | None]
) -> list[list[str | None]]:
    """Per key, the value each combination stands for (the last key is the lowest digit)."""
    hints: list[list[str | None]] = []
    rest = combos
    for key in reversed(coded):
        if key is None:
            hints.append([None] * len(combos))
            continue
        _, uniques = key
        digit = rest % (len(uniques) + 1) - 1
        rest = rest // (len(uniques) + 1)
        hints.append([None if d < 0 else str(uniques[d]) for d in digit])
    return hints[::-1]
