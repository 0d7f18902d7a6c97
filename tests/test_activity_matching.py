"""match_rows: one lookup per distinct combination of hints gives what a lookup per row gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from auditor.activity.matching import AccountIndex, match_rows
from auditor.models import Account


def _register() -> AccountIndex:
    return AccountIndex(
        [
            Account(account_id="x:gemeente", platform="x", handle="gemeente"),
            Account(
                account_id="facebook:gemeentezeist",
                platform="facebook",
                handle="gemeentezeist",
                url="https://www.facebook.com/profile.php?id=1234567",
                display_name="Gemeente Zeist",
            ),
        ]
    )


def _hints(n: int, accounts: int, names: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    platform = rng.choice(["x", "facebook", None], n, p=[0.45, 0.45, 0.1])
    account = rng.choice([f"@user{i}" for i in range(accounts)] + ["@Gemeente", None], n)
    page_id = rng.choice(["1234567", "999", None], n)
    name = rng.choice([f"Name {i}" for i in range(names)] + ["gemeente zeist", None], n)
    frame = pd.DataFrame(
        {"platform": platform, "account": account, "page_id": page_id, "display_name": name}
    )
    frame = frame.astype("str").where(frame.notna())
    frame["platform"] = frame["platform"].astype("category")  # as the canonical reader gives it
    return frame


@pytest.mark.parametrize(
    ("n", "accounts", "names"),
    [
        (2_000, 30, 20),  # few combinations: spelled out from their codes
        (5_000, 400, 200),  # more possible combinations than rows: renumbered by hashing
    ],
)
def test_every_row_matches_as_if_looked_up_alone(n, accounts, names):
    index = _register()
    hints = _hints(n, accounts, names, seed=n)
    matched = match_rows(hints, index)
    for row, (platform, account, page_id, name) in enumerate(hints.itertuples(index=False)):
        values = [None if pd.isna(v) else v for v in (platform, account, page_id, name)]
        expected = index.match(*values) if values[0] is not None else None
        got = matched.account_id[row]
        if expected is None:
            assert pd.isna(got) and matched.account_codes[row] == -1
            continue
        assert got == expected.account_id
        assert matched.handle[row] == expected.handle
        assert matched.registered[row] == expected.registered
        assert matched.account_ids[matched.account_codes[row]] == expected.account_id
