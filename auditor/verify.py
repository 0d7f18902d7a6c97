"""Is this account the municipality's? A handle or profile URL looked up in the register.

A query and the register are read by the same rules (`auditor.identity` and the register
reader's own reading of a profile URL), so every form of a profile finds the account: http or
https, www., m. or mobile., a trailing slash or query string, `@name` or `name`, twitter.com or
x.com, fb.com, a Mastodon `@user@server` or `https://server/@user`, a YouTube `@name` or
`channel/UC…` (the latter where the register gives both), in any case.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from auditor.identity import (
    account_as_written,
    home_addresses,
    looks_like_url,
    make_account_id,
    normalize_handle,
    parse_platform,
    parse_url,
    platform_from_url,
    platform_key,
    profile_kind,
    profile_path,
    unwrapped,
)
from auditor.models import HOSTED_PLATFORMS, Account, AccountStatus, Platform

# The register's reading of a profile URL; a query must be read the same way.
from auditor.register.account_identity import profile_handle


class Verdict(StrEnum):
    ACTIVE = "active"  # an official account in use
    CLOSED = "closed"  # official, but no longer in use: do not trust it now
    PLANNED = "planned"  # official, but not in use yet
    NOT_FOUND = "not_found"  # not in the register: not the municipality's
    UNREADABLE = "unreadable"  # no handle or profile URL at all
    NAME = "name"  # a name with spaces (`Gemeente Zeist`): anyone can give an account that name


@dataclass
class Answer:
    query: str
    verdict: Verdict
    accounts: list[Account] = field(default_factory=list)


# The strongest claim wins when a bare handle names several accounts (one per platform).
_RANK = {AccountStatus.ACTIVE: 0, AccountStatus.PLANNED: 1, AccountStatus.CLOSED: 2}
_VERDICT = {
    AccountStatus.ACTIVE: Verdict.ACTIVE,
    AccountStatus.PLANNED: Verdict.PLANNED,
    AccountStatus.CLOSED: Verdict.CLOSED,
}


class Index:
    """The register's accounts by every key a query can have."""

    def __init__(self, accounts: Iterable[Account]):
        self.by_id: dict[str, list[Account]] = {}
        self.by_handle: dict[str, list[Account]] = {}
        self.by_address: dict[tuple[str, str], list[Account]] = {}
        for account in accounts:
            for handle in (account.handle, *account.aliases):
                self._add(self.by_id, _same_id(make_account_id(account.platform, handle)), account)
                self._add(self.by_handle, handle, account)
            address = _address(account.url) if _own_address(account) else None
            if address is not None:
                self._add(self.by_address, address, account)

    @staticmethod
    def _add(table: dict, key, account: Account) -> None:
        found = table.setdefault(key, [])
        if account not in found:
            found.append(account)

    def find(self, query: str, platform: str | None = None) -> Answer:
        query_text = _copied(query)
        if not looks_like_url(query_text):
            words = query_text.split()
            said_with_platform = len(words) == 2 and parse_platform(words[0]) is not None
            if len(words) > 1 and not said_with_platform and ":" not in query_text:
                # `@gemeentezeist (X)` is a handle with a note; `Gemeente Zeist` is a name,
                # which was read as the handle `gemeentezeist` and said to be official: an
                # impostor takes the name first.
                query_text = account_as_written(query_text)
                if len(query_text.split()) > 1:
                    return Answer(query, Verdict.NAME)
        ids, handle, address = _read(query_text, platform)
        if not ids and handle is None and address is None:
            return Answer(query, Verdict.UNREADABLE)
        found: list[Account] = []
        for key in ids:
            found += self.by_id.get(_same_id(key), [])
        if address is not None:
            found += self.by_address.get(address, [])
        if handle is not None and not found:
            found += [
                a
                for a in self.by_handle.get(handle, [])
                if platform is None or a.platform == platform
            ]
        if not found and platform in (None, Platform.MASTODON):
            found += self._served_below(ids, handle)
        found = list({a.account_id: a for a in found}.values())
        if looks_like_url(query_text):
            # linkedin.com/in/gemeente-zeist is a person's profile, not the company page
            # gemeente-zeist: anyone can take that name there.
            found = [a for a in found if _same_kind(query_text, a)]
        if not found:
            return Answer(query, Verdict.NOT_FOUND)
        found.sort(key=lambda a: (_RANK.get(a.status, 3), a.account_id))
        return Answer(query, _VERDICT[found[0].status], found)

    def _served_below(self, ids: list[str], handle: str | None) -> list[Account]:
        """A Mastodon account served from a subdomain of the address the register names:
        `https://social.zeist.nl/@name` is `@name@zeist.nl` (`identity.home_addresses`)."""
        prefix = f"{Platform.MASTODON.value}:"
        addresses = [i.removeprefix(prefix) for i in ids if i.startswith(prefix)]
        if handle and "@" in handle:
            addresses.append(handle)
        return [
            account
            for address in addresses
            for home in home_addresses(address)
            for account in self.by_id.get(make_account_id(Platform.MASTODON, home), [])
        ]


def _same_id(account_id: str) -> str:
    """An account id as the platform compares it: Facebook ignores the full stops in a
    username (`facebook.com/gemeente.zeist` is `facebook.com/gemeentezeist`)."""
    platform, _, handle = account_id.partition(":")
    if platform == Platform.FACEBOOK:
        return f"{platform}:{handle.replace('.', '')}"
    return account_id


def _same_kind(url: str, account: Account) -> bool:
    asked = profile_kind(url, account.platform)
    return asked is None or asked == profile_kind(account.url, account.platform)


def _copied(query: str) -> str:
    """A handle or link as copied from a sentence, a mail or a chat: without the quotes,
    angle brackets or full stop that came along."""
    return unwrapped(query)


def verify(accounts: Iterable[Account], queries: Sequence[str], platform: object = None):
    """The answer for each query; `platform` says where a bare handle lives."""
    index = Index(accounts)
    where = platform_key(platform) if platform else None
    return [index.find(q, where) for q in queries]


def _read(query: str, platform: str | None) -> tuple[list[str], str | None, tuple | None]:
    """A query's account ids (a URL on a known platform, `x:name`), its bare handle (to look
    up on every platform, or on `platform`), and its web address (host and profile)."""
    text = query.strip()
    if not text:
        return [], None, None
    if looks_like_url(text):
        known = platform_from_url(text)
        ids = []
        if known is not None:
            handle = profile_handle(known.value, text)
            if handle:
                ids.append(make_account_id(known, handle))
        else:
            mastodon = _mastodon(text)
            if mastodon:
                ids.append(make_account_id(Platform.MASTODON, mastodon))
        # On a platform the auditor knows, the handle is the address: x.com/hashtag/name is
        # the platform's page about a word, not the account `name`.
        return ids, None, _address(text) if known is None else None
    words = text.split()
    if len(words) == 2 and ":" not in words[0] and parse_platform(words[0]) is not None:
        text = f"{words[0]}:{words[1]}"  # `Instagram @gemeentezeist`, as people say it
    prefix, sep, rest = text.partition(":")
    key = platform_key(prefix) if sep else None
    if key is not None and (handle := normalize_handle(rest)):  # the account id, `x:name`
        known = parse_platform(prefix) is not None
        # A platform the auditor has no name for may still be the register's (`flickr:name`);
        # else the whole text is a handle (`name:with:colons` on no platform at all).
        return [make_account_id(key, handle)], None if known else normalize_handle(text), None
    handle = normalize_handle(text)
    if handle and platform:
        return [make_account_id(platform, handle)], handle, None
    return [], handle, None


def _mastodon(url: str) -> str | None:
    """`https://server/@user` on a server the auditor does not know by name: `user@server`."""
    parsed = parse_url(url)
    if parsed is None or not parsed.hostname:
        return None
    segments = [s for s in parsed.path.split("/") if s]
    # The actor's id (/users/name) and the web app's address (/web/@name) name it too.
    prefixed = len(segments) > 1 and segments[0].casefold() in ("users", "web")
    first = segments[1] if prefixed else next(iter(segments), "")
    if not (prefixed or first.startswith("@")) or not first.lstrip("@"):
        return None
    return profile_handle(Platform.MASTODON.value, url)


# Platforms whose profiles live on hosts the auditor knows (as the register reader has them).
def _own_address(account: Account) -> bool:
    """Whether the account's URL is an address on its own platform: an X account whose URL
    cell holds the municipality's site is not found by that site."""
    if not account.url:
        return False
    if (
        account.platform not in HOSTED_PLATFORMS
    ):  # Mastodon, or a platform the auditor does not know
        return True
    host = platform_from_url(account.url)
    return host is not None and host.value == account.platform


def _address(url: str) -> tuple[str, str] | None:
    """A profile URL's host (without www., m., mobile.) and profile, folded: how an account on
    a platform the auditor does not know is found by its address."""
    parsed = parse_url(url)
    if parsed is None or not parsed.hostname:
        return None
    host = parsed.hostname.casefold()
    for prefix in ("www.", "m.", "mobile."):
        host = host.removeprefix(prefix)
    path = profile_path(url)
    return (host, path.casefold()) if path else None
