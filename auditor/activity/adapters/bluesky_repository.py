"""A Bluesky repository export (Settings → Account → Export my data: `repo.car`).

The file is a CAR archive of DAG-CBOR blocks, read with `libipld`. Its rows are the feed's
records: each `app.bsky.feed.post` is an own post (a reply when it has `reply`), timed by its
`createdAt`; each `app.bsky.feed.repost` is a repost of another's post, rejected as no own post.
Likes, follows and the other records are no activity of the account and are not rows. A
record's id is its content id (CID), the same in every export of the repository.

The repository names its account only by DID (`did:plc:…`), the commit's `did`. The register
account for it, by the first rule that gives one:

1. `[activity.accounts]` in auditor.toml maps the file to an account (as for YouTube);
2. the register account whose handle or URL is that DID (`bsky.app/profile/did:plc:…`);
3. the register's only Bluesky account, unless the register names it by another DID: a
   register names accounts by their handle (`gemeentezeist.bsky.social`), which the
   repository does not hold, so this is the account the export was made of (as for YouTube);
4. with no Bluesky account in the register, the DID itself: an account missing from the
   register (REG002).

With several Bluesky accounts in the register but none of them the DID, the rows are rejected
and the run names the file and the candidates: the DID may well be one of them under its
handle, and crediting a guess would hide another account's silence.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from auditor.activity.adapters.attribution import Attribution, mapped, split_account
from auditor.activity.adapters.base import (
    AdapterContext,
    DocumentAdapter,
    FormatDoc,
    Parsed,
    Reasons,
    booleans,
    constant,
    finish,
    parse_times,
    text,
    time_reasons,
)
from auditor.activity.documents import Document, is_car
from auditor.activity.readers import RawTable
from auditor.identity import normalize_handle
from auditor.messages import Message
from auditor.models import Account, Platform

POST = "app.bsky.feed.post"
REPOST = "app.bsky.feed.repost"
COLUMNS = ["type", "item_id", "created_at", "reply", "has_image", "has_alt_text"]
_IMAGES = ("app.bsky.embed.images", "app.bsky.embed.recordWithMedia")


class BlueskyRepository(DocumentAdapter):
    name = "bluesky_repository"
    expects = Message("activity.expects.bluesky_repository")
    doc = FormatDoc(
        title="**Bluesky** repository export (Settings → Export my data, `repo.car`)",
        reads="its content: a CAR file whose `app.bsky.feed.post` records are own posts (a "
        "reply with `reply`) and whose `app.bsky.feed.repost` records are rejected as no own "
        "post",
        time="`createdAt` of each post; the repository covers every day up to its last "
        "change (the commit's `rev`)",
        account="the repository's DID: `[activity.accounts]` maps the file, else the register "
        "account whose URL is `bsky.app/profile/<did>`, else the register's only Bluesky "
        "account; with several and none of them the DID its rows are rejected and the run "
        "names the candidates",
    )

    def read(self, document: Document) -> RawTable | None:
        if document.own is None or not is_car(document.own[:256]):
            return None
        import libipld  # only a Bluesky export needs it

        try:
            header, blocks = libipld.decode_car(document.own)
        except (ValueError, TypeError, KeyError):
            return None
        roots = header.get("roots") if isinstance(header, dict) else None
        commit = blocks.get(roots[0]) if roots else None
        did = commit.get("did") if isinstance(commit, dict) else None
        records = [
            _record(cid, block)
            for cid, block in blocks.items()
            if isinstance(block, dict) and block.get("$type") in (POST, REPOST)
        ]
        data = pd.DataFrame(records, columns=COLUMNS, dtype="str")
        return RawTable(
            data=data,
            rows=np.arange(1, len(records) + 1, dtype=np.int64),
            header_row=0,
            header=COLUMNS,
            # The account, above the rows: a repository without posts names it too; and
            # the revision, the moment of its last change.
            preamble=[
                *([["did", did]] if isinstance(did, str) else []),
                *([["rev", commit["rev"]]] if isinstance(commit.get("rev"), str) else []),
            ]
            if isinstance(commit, dict)
            else [],
        )

    def convert(self, table: RawTable, ctx: AdapterContext) -> Parsed:
        n = len(table.data)
        reasons = Reasons(n)
        kind = text(table, "type")
        reasons.add(kind.eq(REPOST).fillna(False).to_numpy(dtype=bool), _REPOSTED)
        did = next((row[1] for row in table.preamble if row[:1] == ["did"]), None)
        owner = _attribute(ctx, did)
        if owner.account is None:
            reasons.add(np.ones(n, dtype=bool), owner.note)
        written = text(table, "created_at")
        timestamp = parse_times(written, "UTC")
        time_reasons(
            reasons,
            written,
            timestamp,
            "createdAt",
            Message("activity.reason.not_a_date", column="createdAt"),
        )
        reply = text(table, "reply").eq("true").fillna(False).to_numpy(dtype=bool)
        parsed = finish(
            {
                "platform": constant(n, Platform.BLUESKY.value),
                "account": constant(n, owner.account),
                "item_id": text(table, "item_id"),
                "timestamp": timestamp,
                "direction": constant(n, "out"),
                "kind": pd.Series(np.where(reply, "reply", "post"), dtype="str"),
                "has_image": booleans(text(table, "has_image")),
                "has_alt_text": booleans(text(table, "has_alt_text")),
            },
            reasons,
            owner.note,
            owner.why if n else None,  # a file without rows needs no account
        )
        rev = next((row[1] for row in table.preamble if row[:1] == ["rev"]), None)
        changed = tid_time(rev) if rev else None
        parsed.covers = (changed, changed) if changed is not None else None
        return parsed


_REPOSTED = Message("activity.reason.bluesky_repost")


def _attribute(ctx: AdapterContext, did: str | None) -> Attribution:
    found = mapped(ctx.path, ctx.config.activity.accounts)
    if found is not None:
        pattern, written = found
        on, handle = split_account(written)
        if on == Platform.BLUESKY.value and handle:
            note = Message("activity.attribution.mapped", pattern=pattern, account=written)
            return Attribution(handle, note)
        why = Message(
            "activity.reason.mapped_elsewhere",
            file=ctx.file,
            pattern=pattern,
            account=written,
            platform="Bluesky",
        )
        return Attribution(None, why, why)
    if did is None:
        why = Message("activity.reason.bluesky_no_did", file=ctx.file)
        return Attribution(None, why, why)
    key = normalize_handle(did)
    bluesky = [a for a in ctx.accounts if a.platform == Platform.BLUESKY.value]
    for account in bluesky:
        if key in (normalize_handle(account.handle), normalize_handle(account.url)):
            note = Message("activity.attribution.by_did", did=did, account=account.account_id)
            return Attribution(key, note)
    if not bluesky:
        return Attribution(key, Message("activity.attribution.did_unregistered", did=did))
    if len(bluesky) == 1 and not _named_by_did(bluesky[0]):
        (only,) = bluesky
        note = Message("activity.attribution.only_bluesky", did=did, account=only.account_id)
        return Attribution(normalize_handle(only.handle), note)
    why = Message(
        "activity.reason.bluesky_did_unknown",
        file=ctx.file,
        did=did,
        count=len(bluesky),
        accounts=sorted(a.account_id for a in bluesky),
    )
    return Attribution(None, why, why)


_TID_DIGITS = "234567abcdefghijklmnopqrstuvwxyz"


def tid_time(tid: str) -> pd.Timestamp | None:
    """The instant in a timestamp id (TID: 13 base32-sortable characters, microseconds since
    1970 above 10 bits of clock id), as a commit's `rev` is: the repository's last change. It
    holds every post up to then, so the days after its last post are covered too."""
    if len(tid) != 13 or any(c not in _TID_DIGITS for c in tid):
        return None
    number = 0
    for c in tid:
        number = number * 32 + _TID_DIGITS.index(c)
    at = pd.Timestamp(number >> 10, unit="us", tz="UTC")
    return at if pd.Timestamp("2023-01-01", tz="UTC") <= at <= pd.Timestamp.now("UTC") else None


def _named_by_did(account: Account) -> bool:
    names = (normalize_handle(account.handle), normalize_handle(account.url))
    return any((name or "").startswith("did:") for name in names)


def _record(cid: bytes, block: dict) -> list[str | None]:
    """A feed record's cells, as text; its text and any author it quotes are not kept."""
    import libipld

    embed = block.get("embed") if isinstance(block.get("embed"), dict) else {}
    media = embed.get("media") if isinstance(embed.get("media"), dict) else embed
    images = (
        [i for i in (media.get("images") or []) if isinstance(i, dict)]
        if embed.get("$type") in _IMAGES
        else []
    )
    has_alt = None
    if images:
        has_alt = "true" if all(str(i.get("alt") or "").strip() for i in images) else "false"
    created = block.get("createdAt")
    return [
        block.get("$type"),
        libipld.encode_cid(cid) if isinstance(cid, bytes) else str(cid),
        created if isinstance(created, str) else None,
        "true" if block.get("reply") else "false",
        "true" if images else "false",
        has_alt,
    ]
