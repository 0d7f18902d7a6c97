"""Platform exports and register entries as users hand them in, not as the adapters were
first written for: the failures an adversarial pass over issue 14's formats found, each kept
as a test that fails without its fix.
"""

from __future__ import annotations

from click.testing import CliRunner

from auditor.cli import cli
from auditor.register import load_register
from auditor.verify import verify
from tests.helpers import write_register
from tests.test_activity_platforms import POSTS, load, mastodon_archive, registered

# --- Mastodon on the organisation's own domain ----------------------------------------------


def test_a_mastodon_address_on_the_organisations_domain_matches_the_server_below_it(tmp_path):
    """A server may give its accounts the organisation's domain: `@gemeente@zeist.nl`, served
    from social.zeist.nl. The archive names the server; the register the address."""
    folder = mastodon_archive(tmp_path / "archief", "gemeente", "social.zeist.nl", POSTS)
    row = registered("Mastodon", None, handle="@Gemeente@zeist.nl")
    register = load_register(write_register(tmp_path / "register.xlsx", [row]))
    frame = load([folder], register.accounts).frame
    assert set(frame["account_id"]) == {"mastodon:gemeente@zeist.nl"}
    assert frame["registered"].all() and len(frame) == len(POSTS)
    answers = verify(register.accounts, ["https://social.zeist.nl/@gemeente", "@x@zeist.nl"])
    assert [a.verdict for a in answers] == ["active", "not_found"]
    # Only downwards: a server above the address, or beside it, is another account.
    for elsewhere in ("zeist.nl.example.org", "mastodon.social"):
        other = mastodon_archive(tmp_path / elsewhere, "gemeente", elsewhere, POSTS)
        assert not load([other], register.accounts).frame["registered"].any()
    assert verify(register.accounts, ["https://zeist.nl.example.org/@gemeente"])[0].verdict == (
        "not_found"
    )


def test_a_mastodon_address_beside_its_servers_url_is_one_account_without_a_warning(tmp_path):
    row = registered("Mastodon", "https://social.zeist.nl/@gemeente", handle="@gemeente@zeist.nl")
    path = write_register(tmp_path / "register.xlsx", [row])
    register = load_register(path)
    assert [a.account_id for a in register.accounts] == ["mastodon:gemeente@social.zeist.nl"]
    assert not [p for p in register.problems if p.message.key == "register.name_not_handle"]
    answers = verify(register.accounts, ["@gemeente@zeist.nl", "social.zeist.nl/@gemeente"])
    assert [a.verdict for a in answers] == ["active", "active"]
    # Another name on the same server is still reported.
    row = registered("Mastodon", "https://social.zeist.nl/@gemeente", handle="@raad@zeist.nl")
    register = load_register(write_register(tmp_path / "other.xlsx", [row]))
    assert [p.message.key for p in register.problems if p.row == 2] == ["register.name_not_handle"]
    result = CliRunner().invoke(cli, ["validate", "--inventory", str(path), "--lang", "en"])
    assert "is not the account in the URL" not in result.output
