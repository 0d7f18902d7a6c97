"""Whose inbox message it is, for exports that name each message's author instead of the
account it belongs to (a dump of public tweets, a ticket export).

An outbound message belongs to its author. An inbound one belongs to the author of its earliest
answer: the outbound message whose `in_reply_to` names it. One nobody answered in the file
belongs to the first of the @handles it starts with that names one of the organisation's
accounts: an author of outbound messages in the file, or an account in the register. Any other
@handle may be a citizen's and is never taken.

Authors and texts are personal data: they are read here and never leave. What comes back is an
organisation's account or NA, per row.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from auditor.activity.columns import TEXT, factorize, na_strings, take_strings
from auditor.identity import normalize_handle

# The @handles a message starts with, up to its first word that is not one ("@a @b: hi" → a, b).
_LEADING = r"^\s*(?P<run>(?:[@＠][A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*[\s,:;]*)+)"
_SEPARATOR = r"[\s,:;@＠]+"
_NAT = np.iinfo(np.int64).min


def accounts_from_authors(
    author: pd.Series,
    direction: pd.Series,
    item_id: pd.Series,
    in_reply_to: pd.Series,
    timestamp: pd.Series,
    text: pd.Series | None,
    registered: Iterable[str],
) -> pd.Series:
    """The organisation's account of each row (see the module docstring), NA when none.
    `registered` are the register's handles on the file's platforms."""
    codes, authors = factorize(author)
    codes = np.asarray(codes, dtype=np.int64)
    outbound = direction.eq("out").fillna(False).to_numpy(dtype=bool)
    inbound = direction.eq("in").fillna(False).to_numpy(dtype=bool)
    account = np.where(outbound, codes, -1)

    # The earliest answer of each inbound message names its account. A row without a time
    # (rejected anyway) sorts last.
    answers = np.flatnonzero(outbound & (codes >= 0) & in_reply_to.notna().to_numpy())
    ns = pd.DatetimeIndex(timestamp).as_unit("ns").asi8
    at = np.where(ns[answers] == _NAT, np.iinfo(np.int64).max, ns[answers])
    answers = answers[np.argsort(at, kind="stable")]
    named = pd.Index(in_reply_to.iloc[answers].to_numpy(dtype=object))
    first = ~named.duplicated(keep="first")
    named, by = named[first], codes[answers][first]
    asking = np.flatnonzero(inbound & item_id.notna().to_numpy())
    found = named.get_indexer(item_id.iloc[asking].to_numpy(dtype=object))
    answered = found >= 0
    account[asking[answered]] = by[found[answered]]

    names = list(authors)
    if text is not None:
        open_rows = np.flatnonzero(inbound & (account < 0) & text.notna().to_numpy())
        own = {normalize_handle(authors[c]) for c in np.unique(codes[outbound & (codes >= 0)])}
        own |= {normalize_handle(h) for h in registered}
        own.discard(None)
        handles = _leading_handle(text.iloc[open_rows], own)
        handle_codes, distinct = factorize(handles)
        hit = handle_codes >= 0
        account[open_rows[hit]] = np.asarray(handle_codes)[hit] + len(names)
        names += distinct
    return take_strings(account, names)


def _leading_handle(texts: pd.Series, own: set[str]) -> pd.Series:
    """Per text the first @handle of its opening run that is in `own` (as written, without
    the @), else NA. In Arrow: the texts may be millions."""
    arr = pa.array(texts.reset_index(drop=True), type=TEXT)
    n = len(arr)
    if not n or not own:
        return na_strings(n)
    run = pc.struct_field(pc.extract_regex(arr, _LEADING), "run")
    parts = pc.split_pattern_regex(run, _SEPARATOR)
    words = pc.list_flatten(parts)
    row = pc.list_parent_indices(parts).to_numpy(zero_copy_only=False)
    # Handles are ASCII: lower case is their casefold (`normalize_handle`).
    ours = pc.is_in(pc.utf8_lower(words), value_set=pa.array(sorted(own), type=TEXT))
    hits = np.flatnonzero(ours.fill_null(False).to_numpy(zero_copy_only=False))
    rows, first = np.unique(row[hits], return_index=True)
    codes = np.full(n, -1, dtype=np.int64)
    codes[rows] = np.arange(len(rows))
    return take_strings(codes, words.take(pa.array(hits[first])).to_pylist())
