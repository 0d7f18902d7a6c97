"""Which register account an export belongs to when its rows do not say (YouTube Studio's
"Table data.csv" names no channel).

By the first rule that gives an answer:

1. `[activity.accounts]` in auditor.toml maps the file (its name, or a glob matched against the
   end of its path, case-insensitively; the first entry that matches counts) to an account,
   written `<platform>:<handle>` or as a profile URL;
2. the register holds exactly one account of the platform (whatever its status: a closed
   channel that still posts is a finding, not a reason to credit another).

Otherwise the file's rows are rejected, naming the file and the candidate accounts: crediting a
guessed account would hide an unregistered channel or another account's silence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from auditor.activity.adapters.base import AdapterContext
from auditor.identity import looks_like_url, normalize_handle, parse_platform, platform_from_url
from auditor.messages import Message


@dataclass(frozen=True)
class Attribution:
    account: str | None  # the handle to match, None when the file is not attributed
    note: Message  # the ledger's note: which rule gave the account, or why none did
    why: Message | None = None  # the rows' reason and the run's warning when not attributed


def mapped(path: Path, accounts: dict[str, str]) -> tuple[str, str] | None:
    """(pattern, account as written) of the first `[activity.accounts]` entry naming the file."""
    where = PurePosixPath(path.as_posix().casefold())
    # A table inside a zip is named by the zip as well: the file the user downloaded.
    names = [where, *(p for p in where.parents if p.suffix == ".zip")]
    for pattern, account in accounts.items():
        # Written on Windows, a folder is separated by a backslash (`youtube\\jeugd\\*.csv`).
        glob = pattern.strip().replace("\\", "/").casefold()
        if any(name.match(glob) for name in names):
            return pattern, account
    return None


def split_account(written: str) -> tuple[str | None, str | None]:
    """(platform, handle) of `youtube:@zeist` or `https://www.youtube.com/@zeist`."""
    text = written.strip()
    if looks_like_url(text):
        platform = platform_from_url(text)
        return (platform.value if platform else None), normalize_handle(text)
    name, _, handle = text.partition(":")
    platform = parse_platform(name)
    return (platform.value if platform else name.strip().casefold()), normalize_handle(handle)


def attribute(ctx: AdapterContext, platform: str, label: str) -> Attribution:
    """The file's account on `platform` (`label` is the platform as people name it)."""
    name = ctx.file
    found = mapped(ctx.path, ctx.config.activity.accounts)
    if found is not None:
        pattern, written = found
        on, handle = split_account(written)
        if on == platform and handle:
            return Attribution(
                handle,
                Message("activity.attribution.mapped", pattern=pattern, account=written),
            )
        why = Message(
            "activity.reason.mapped_elsewhere",
            file=name,
            pattern=pattern,
            account=written,
            platform=label,
        )
        return Attribution(None, why, why)
    candidates = sorted(a.account_id for a in ctx.accounts if a.platform == platform)
    if len(candidates) == 1:
        account = next(a for a in ctx.accounts if a.platform == platform)
        return Attribution(
            normalize_handle(account.handle),
            Message("activity.attribution.only_one", platform=label, account=candidates[0]),
        )
    if candidates:
        why = Message(
            "activity.reason.owner_among",
            file=name,
            platform=label,
            count=len(candidates),
            accounts=candidates,
        )
    else:
        why = Message("activity.reason.owner_unregistered", file=name, platform=label)
    return Attribution(None, why, why)
