"""`verify` finds an account by any form of its profile URL, for handles nobody picked by hand.

The register is a real workbook; the query is the register's URL rewritten the ways people
copy a link: another scheme, a www., m. or mobile. host, another case, a trailing slash, a
query string, twitter.com for x.com.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from auditor.identity import handle_from_url
from auditor.register import load_register
from auditor.verify import Verdict, verify
from tests.helpers import compliant_account, write_register

HANDLES = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,14}", fullmatch=True)
PROFILES = {
    "x": "https://x.com/{h}",
    "instagram": "https://www.instagram.com/{h}/",
    "tiktok": "https://www.tiktok.com/@{h}",
    "youtube": "https://www.youtube.com/@{h}",
    "facebook": "https://www.facebook.com/{h}",
}


@st.composite
def rewritten(draw, url: str) -> str:
    scheme, rest = url.split("://", 1)
    host, _, path = rest.partition("/")
    host = host.removeprefix("www.")
    if host == "x.com" and draw(st.booleans()):
        host = "twitter.com"
    host = draw(st.sampled_from(["", "www.", "m.", "mobile."])) + host
    scheme = draw(st.sampled_from(["http://", "https://", ""]))
    path = path.rstrip("/") + draw(st.sampled_from(["", "/"]))
    query = draw(st.sampled_from(["", "?lang=nl", "?utm_source=share&igsh=abc"]))
    text = f"{scheme}{host}/{path}{query}"
    return draw(st.sampled_from([text, text.upper(), text.lower()]))


@settings(max_examples=30)
@given(data=st.data(), handle=HANDLES, platform=st.sampled_from(sorted(PROFILES)))
def test_any_copy_of_the_profile_link_finds_the_account(data, handle, platform):
    url = PROFILES[platform].format(h=handle)
    # A handle that is a path word of some platform (`c`, `user`, `in`) is not read from a URL
    # at all (auditor.identity): nothing to find it by.
    assume(handle_from_url(url) is not None)
    with tempfile.TemporaryDirectory() as folder:
        path = write_register(
            Path(folder) / "register.xlsx",
            [compliant_account(handle, platform=platform, url=url)],
        )
        accounts = load_register(path).accounts
    query = data.draw(rewritten(url))
    [answer] = verify(accounts, [query])
    assert answer.verdict is Verdict.ACTIVE, (query, accounts[0].account_id)
    assert [a.account_id for a in answer.accounts] == [f"{platform}:{handle.casefold()}"]
