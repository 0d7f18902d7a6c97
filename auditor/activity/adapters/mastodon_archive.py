"""A Mastodon account archive (Settings → Import and export → Request your archive).

The archive is a zip, or the folder it unpacks to, holding `outbox.json` (an ActivityPub
`OrderedCollection`) and `actor.json`; an `outbox.json` given alone is read with the
`actor.json` beside it, if any. Media and the other members are never opened.

Each item of `orderedItems` is one record, numbered from 1 (its row in the ledger); the items
present are counted, not `totalItems`, which does not match them. A `Create` is an own post,
a reply when its object has `inReplyTo`; an `Announce` is a boost of another's post, not an own
post, and is rejected with that reason (the posting checks count own posts only). A direct
message (a `Create` addressed neither to the public nor to the followers, Mastodon's "mentioned
people only") is no post either, but it is the account's own activity: kind `message`, counted
with the replies. Public, unlisted and followers-only posts are posts. `published`
is UTC. The account is `user@instance`: `preferredUsername` and the host of `actor.json`'s
`id`, else the `/users/<name>` of each item's `actor`. Texts are not kept.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
import pandas as pd

from auditor.activity.adapters.base import (
    AdapterContext,
    DocumentAdapter,
    FormatDoc,
    Parsed,
    Reasons,
    booleans,
    constant,
    finish,
    map_unique,
    parse_times,
    text,
    time_reasons,
)
from auditor.activity.documents import Document
from auditor.activity.readers import RawTable
from auditor.messages import Message
from auditor.models import Platform

COLUMNS = [
    "type",
    "item_id",
    "published",
    "in_reply_to",
    "actor",
    "has_image",
    "has_alt_text",
    "direct",
]
_PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
_ACTOR_URL = re.compile(r"^https?://(?P<host>[^/]+)/(?:users/|@)(?P<name>[^/?#]+)/?$", re.I)


class MastodonArchive(DocumentAdapter):
    name = "mastodon_archive"
    expects = Message("activity.expects.mastodon_archive")
    doc = FormatDoc(
        title="**Mastodon** account archive (Settings → Import and export → Request your "
        "archive), as the zip or the folder it unpacks to, or its `outbox.json`",
        reads="`outbox.json`, an ActivityPub `OrderedCollection`; the media are not opened",
        time="`published` (UTC); an archive named as Mastodon names it "
        "(`archive-20251002101112-….zip`, or its folder) covers every day up to its making, "
        "those after the last post too",
        account="`user@instance` from `actor.json` (`preferredUsername` and its host); "
        "`Create` is an own post (a reply with `inReplyTo`; a direct message, to mentioned "
        "people only, counts with the replies), `Announce` a boost, rejected as no own post",
    )

    def read(self, document: Document) -> RawTable | None:
        outbox = _json(document.own or document.member("outbox.json"))
        if not isinstance(outbox, dict) or not isinstance(outbox.get("orderedItems"), list):
            return None
        if "OrderedCollection" not in str(outbox.get("type", "")):
            return None
        account = _account(_json(document.member("actor.json")))
        records = [_record(item) for item in outbox["orderedItems"]]
        data = pd.DataFrame(records, columns=COLUMNS, dtype="str")
        data["account"] = pd.Series([account] * len(records), dtype="str")
        return RawTable(
            data=data,
            rows=np.arange(1, len(records) + 1, dtype=np.int64),
            header_row=0,
            header=[*COLUMNS, "account"],
        )

    def convert(self, table: RawTable, ctx: AdapterContext) -> Parsed:
        n = len(table.data)
        reasons = Reasons(n)
        kind = text(table, "type")
        boost = kind.eq("Announce").fillna(False).to_numpy(dtype=bool)
        reasons.add(boost, Message("activity.reason.mastodon_boost"))
        other = ~kind.eq("Create").fillna(False).to_numpy(dtype=bool)
        reasons.add(other, Message("activity.reason.mastodon_not_a_post"), kind)

        account = text(table, "account")
        if account.isna().any():  # no actor.json: each item's actor, once per distinct one
            account = account.fillna(map_unique(text(table, "actor"), _from_actor_url))
        reasons.add(account.isna().to_numpy(), Message("activity.reason.mastodon_no_account"))
        written = text(table, "published")
        reasons.add(written.isna().to_numpy(), Message("activity.reason.mastodon_no_time"))
        timestamp = parse_times(written, "UTC")
        time_reasons(
            reasons,
            written,
            timestamp,
            "published",
            Message("activity.reason.not_a_date", column="published"),
        )
        reply = text(table, "in_reply_to").notna().to_numpy()
        direct = text(table, "direct").eq("true").fillna(False).to_numpy(dtype=bool)
        kind = np.where(direct, "message", np.where(reply, "reply", "post"))
        parsed = finish(
            {
                "platform": constant(n, Platform.MASTODON.value),
                "account": account,
                "item_id": text(table, "item_id"),
                "timestamp": timestamp,
                "direction": constant(n, "out"),
                "kind": pd.Series(kind, dtype="str"),
                "has_image": booleans(text(table, "has_image")),
                "has_alt_text": booleans(text(table, "has_alt_text")),
            },
            reasons,
        )
        made = made_at(ctx.path)
        parsed.covers = (made, made) if made is not None else None
        return parsed


# Mastodon names an archive after the moment it made it: `archive-20250901123456-<hex>.zip`
# (UTC), and so is the folder it unpacks to.
_MADE = re.compile(r"^archive-(?P<at>\d{14})-", re.IGNORECASE)


def made_at(path: Path) -> pd.Timestamp | None:
    """When the archive was made, from its name (or its folder's, for an `outbox.json`): the
    archive holds every post up to then, so the days after its last post are covered too."""
    for name in (path.name, path.parent.name):
        found = _MADE.match(name)
        if found:
            at = pd.to_datetime(found["at"], format="%Y%m%d%H%M%S", errors="coerce", utc=True)
            # Not made yet: a name that says so is no archive's.
            return None if pd.isna(at) or at > pd.Timestamp.now("UTC") else at
    return None


def _json(data: bytes | None) -> object:
    if data is None:
        return None
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None


def _account(actor: object) -> str | None:
    """`user@instance` from actor.json, None when it does not say."""
    if not isinstance(actor, dict):
        return None
    name = actor.get("preferredUsername")
    for key in ("id", "url"):
        host = urlparse(str(actor.get(key) or "")).hostname
        if isinstance(name, str) and name.strip() and host:
            return f"{name.strip()}@{host}"
    return None


def _from_actor_url(url: object) -> str | None:
    match = _ACTOR_URL.match(str(url)) if isinstance(url, str) else None
    return f"{match['name']}@{match['host']}" if match else None


def _record(item: object) -> list[str | None]:
    """One item's cells, as text: what the convert step needs and nothing of its content."""
    if not isinstance(item, dict):
        return [None] * len(COLUMNS)
    kind = _text(item.get("type"))
    post = item.get("object")
    post = post if isinstance(post, dict) else {}
    item_id = _text(post.get("id")) if kind == "Create" else None
    images = [
        a
        for a in post.get("attachment") or []
        if isinstance(a, dict) and str(a.get("mediaType", "")).startswith("image/")
    ]
    has_alt = None
    if images:
        has_alt = "true" if all(_text(a.get("name")) for a in images) else "false"
    return [
        kind,
        item_id or _text(item.get("id")),
        _text(item.get("published")) or _text(post.get("published")),
        _text(post.get("inReplyTo")),
        _text(item.get("actor")),
        "true" if images else "false",
        has_alt,
        "true" if kind == "Create" and _direct(item, post) else "false",
    ]


def _direct(item: dict, post: dict) -> bool:
    """Addressed to neither the public nor the followers: a direct message. Most items are
    public and say so first: the loop ends there (an archive runs to hundreds of thousands)."""
    addressed = False
    for source in (item, post):
        for key in ("to", "cc"):
            value = source.get(key)
            for a in value if isinstance(value, list) else (value,):
                if isinstance(a, str):
                    if a == _PUBLIC or a.endswith("/followers"):
                        return False
                    addressed = True
    return addressed  # an archive that does not say: a post, as before


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
