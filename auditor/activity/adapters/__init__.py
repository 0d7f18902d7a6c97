"""One adapter per export format; each recognises its header and yields canonical rows."""

from __future__ import annotations

from collections.abc import Sequence

from auditor.activity.adapters.base import Adapter, AdapterContext, FormatDoc, Header, Parsed
from auditor.activity.adapters.bluesky_repository import BlueskyRepository
from auditor.activity.adapters.canonical import Canonical
from auditor.activity.adapters.inbox import inbox_adapters
from auditor.activity.adapters.linkedin_content import LinkedInContent
from auditor.activity.adapters.mastodon_archive import MastodonArchive
from auditor.activity.adapters.meta_posts import MetaPosts
from auditor.activity.adapters.tiktok_studio import TikTokStudio
from auditor.activity.adapters.x_account_analytics import XAccountAnalytics
from auditor.activity.adapters.x_tweet_activity import XTweetActivity
from auditor.activity.adapters.youtube_studio import YouTubeStudio
from auditor.config import Config

__all__ = [
    "Adapter",
    "AdapterContext",
    "FormatDoc",
    "Header",
    "Parsed",
    "adapters_for",
    "detect",
    "formats",
]

# The inbox adapters are column mappings (`[activity.mappings]`): one entry says them all.
INBOX_DOC = FormatDoc(
    title="**webcare / inbox** exports with incoming and outgoing messages (Hootsuite-style "
    "and a Dutch OBI4wan-style export built in); another vendor is a column mapping in "
    "`auditor.toml` (`[activity.mappings.<name>]`), not new code (see *Mapping an unknown "
    "inbox export* below)",
    reads="the columns a mapping's `detect` names",
    time="the mapping's `timestamp` column, in its `timestamp_format` and `timezone` or the "
    "audit's",
    account="the mapping's `account` column, or the `author` of the outbound messages and of "
    "the answers to the inbound ones",
)


def adapters_for(config: Config) -> list[Adapter]:
    """Every known format, the most specific header first."""
    return [
        Canonical(),
        XTweetActivity(),
        XAccountAnalytics(),
        MetaPosts(),
        LinkedInContent(),
        YouTubeStudio(),
        TikTokStudio(),
        MastodonArchive(),
        BlueskyRepository(),
        *inbox_adapters(config),
    ]


def detect(cells: Sequence[str], adapters: Sequence[Adapter]) -> Adapter | None:
    header = Header(cells)
    return next((a for a in adapters if a.matches(header)), None)


def formats(config: Config | None = None) -> list[FormatDoc]:
    """What README says of each format, in the order they are tried (`auditor.docs`)."""
    docs: list[FormatDoc] = []
    for adapter in adapters_for(config or Config()):
        doc = adapter.doc or INBOX_DOC
        if doc not in docs:
            docs.append(doc)
    return docs
